import { arxivIdFromUrl, arxivKey, cardIdentity, type ArxivId } from '../../core/identity'
import { doiFromLink } from './doi'
import type { PaperKey, PaperRef } from '../../core/paper'

/** The arXiv id and DOI a card's links name. */
export interface LinkedIds {
  arxiv?: ArxivId
  doi?: string
}

/** The first arXiv paper (its page, PDF or arXiv DOI) and the first DOI that `links` lead to. */
export function idsLinkedBy(links: Iterable<Element>): LinkedIds {
  const ids: LinkedIds = {}
  for (const link of links) {
    const href = link.getAttribute('href') ?? ''
    ids.arxiv ??= arxivIdFromUrl(href) ?? undefined
    ids.doi ??= doiFromLink(href)
  }
  return ids
}

/**
 * A card's key and aliases from the ids it links and the site's own id (and any other it shows): keyed
 * by the arXiv id, else the DOI, else the site's id, which is always one of them.
 */
export function identityFromLinks(
  siteKey: PaperKey,
  { arxiv, doi }: LinkedIds,
  ...others: (PaperKey | undefined)[]
): { key: PaperKey; aliases?: PaperKey[] } {
  return cardIdentity(arxiv && arxivKey(arxiv.id), doi && `doi:${doi}`, siteKey, ...others)
}

/** Puts the arXiv id (with the version the link names) and the DOI a card links on its paper. */
export function withLinkedIds(ref: PaperRef, { arxiv, doi }: LinkedIds): PaperRef {
  if (arxiv) ref.arxivId = arxiv.id
  if (arxiv?.version !== undefined) ref.version = arxiv.version
  if (doi) ref.doi = doi
  return ref
}

/** The arXiv paper the first arXiv link inside `root` points to (a preprint's full-text link, say). */
export function arxivLinkedIn(root: Element): ArxivId | undefined {
  for (const link of root.querySelectorAll('a[href*="arxiv.org/"]')) {
    const id = arxivIdFromUrl(link.getAttribute('href') ?? '')
    if (id) return id
  }
  return undefined
}
