import type { ArxivId } from '../../core/identity'
import type { PaperRef } from '../../core/paper'

/** The arXiv id and DOI a card's links name. */
export interface LinkedIds {
  arxiv?: ArxivId
  doi?: string
}

/** Puts the arXiv id (with the version the link names) and the DOI a card links on its paper. */
export function withLinkedIds(ref: PaperRef, { arxiv, doi }: LinkedIds): PaperRef {
  if (arxiv) ref.arxivId = arxiv.id
  if (arxiv?.version !== undefined) ref.version = arxiv.version
  if (doi) ref.doi = doi
  return ref
}
