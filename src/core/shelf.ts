import { paperIdentity } from './identity'
import { initialMarks } from './marks'
import type { Paper, PaperRecord, PaperRef } from './paper'

/** A paper as first put on the shelf from what a page showed, with no mark set yet. */
export function newPaper(ref: PaperRef, now: number): Paper {
  return {
    ...paperIdentity(ref),
    title: ref.title,
    authors: [...ref.authors],
    ...optionalMetadata(ref),
    links: { [ref.site]: ref.url },
    addedAt: now,
    metadataChangedAt: now,
    marks: initialMarks(),
  }
}

const TEXT_FIELDS = ['arxivId', 'doi', 'abstract', 'published', 'primaryCategory', 'comments', 'journalRef'] as const

function optionalMetadata(ref: PaperRef): Partial<PaperRecord> {
  const metadata: Partial<PaperRecord> = {}
  for (const field of TEXT_FIELDS) if (ref[field]) metadata[field] = ref[field]
  if (ref.version) metadata.version = ref.version
  return metadata
}

/**
 * Completes a stored paper with what another page showed of it: missing fields are filled,
 * the highest version is kept, the site is added to where it was seen, and the page's identifiers
 * to the paper's (it is keyed by the best one). Returns the same object when nothing changed, so
 * callers can skip the write.
 */
export function mergeRef<P extends PaperRecord>(paper: P, ref: PaperRef, now: number): P {
  const next: P = { ...paper, links: { ...paper.links } }
  const ids = paperIdentity(paper, ref)
  let changed = ids.key !== paper.key || (ids.aliases?.length ?? 0) !== (paper.aliases?.length ?? 0)
  if (changed) {
    next.key = ids.key
    if (ids.aliases) next.aliases = ids.aliases
    else delete next.aliases
  }
  for (const field of ['title', ...TEXT_FIELDS] as const) {
    const value = ref[field]
    if (value && !paper[field]) {
      next[field] = value
      changed = true
    }
  }
  if (ref.authors.length > paper.authors.length) {
    next.authors = [...ref.authors]
    changed = true
  }
  if (ref.version && ref.version > (paper.version ?? 0)) {
    next.version = ref.version
    changed = true
  }
  if (!paper.links[ref.site]) {
    next.links[ref.site] = ref.url
    changed = true
  }
  if (!changed) return paper
  next.metadataChangedAt = now
  return next
}
