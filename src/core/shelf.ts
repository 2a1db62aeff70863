import type { Flag, Flags, Paper, PaperRef } from './paper'

const FLAG_TIMESTAMP: Record<Flag, 'starredChangedAt' | 'readChangedAt'> = {
  starred: 'starredChangedAt',
  read: 'readChangedAt',
}

/** A paper as first put on the shelf from what a page showed, with no flags set yet. */
export function newPaper(ref: PaperRef, now: number): Paper {
  return {
    key: ref.key,
    title: ref.title,
    authors: [...ref.authors],
    ...optionalMetadata(ref),
    links: { [ref.site]: ref.url },
    starred: 0,
    read: 0,
    addedAt: now,
    starredChangedAt: now,
    readChangedAt: now,
    metadataChangedAt: now,
  }
}

const TEXT_FIELDS = ['arxivId', 'doi', 'abstract', 'published', 'primaryCategory', 'comments', 'journalRef'] as const

function optionalMetadata(ref: PaperRef): Partial<Paper> {
  const metadata: Partial<Paper> = {}
  for (const field of TEXT_FIELDS) if (ref[field]) metadata[field] = ref[field]
  if (ref.version) metadata.version = ref.version
  return metadata
}

/**
 * Completes a stored paper with what another page showed of it: missing fields are filled,
 * the highest version is kept, and the site is added to where it was seen.
 * Returns the same object when nothing changed, so callers can skip the write.
 */
export function mergeRef(paper: Paper, ref: PaperRef, now: number): Paper {
  const next: Paper = { ...paper, links: { ...paper.links } }
  let changed = false
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

/** Sets the given flags; a flag's timestamp moves only when its value really changes. */
export function withFlags(paper: Paper, changes: Partial<Flags>, now: number): Paper {
  const next = { ...paper }
  for (const flag of ['starred', 'read'] as const) {
    const wanted = changes[flag]
    if (wanted === undefined) continue
    const value = wanted ? 1 : 0
    if (paper[flag] === value) continue
    next[flag] = value
    next[FLAG_TIMESTAMP[flag]] = now
  }
  return next
}
