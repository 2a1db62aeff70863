import { mergeMarks, newerWins, sameMarks } from '../marks'
import type { Paper, PaperKey } from '../paper'
import { METADATA_FIELDS } from '../validation'
import { canonicalPaper } from './paper-schema'

export interface MergeResult {
  /** The papers to write: the added and the updated ones. Papers not in the backup are untouched. */
  papers: Paper[]
  added: number
  updated: number
  unchanged: number
}

type MetadataField = (typeof METADATA_FIELDS)[number]

function hasValue(paper: Paper, field: MetadataField): boolean {
  const value = paper[field]
  if (field === 'authors') return paper.authors.length > 0
  return value !== undefined && value !== ''
}

/**
 * Metadata from the side with the newer `metadataChangedAt` (the shelf's on a tie); a field the
 * newer side lacks is filled from the other, and the version is the highest seen, as when a page
 * completes a stored paper.
 */
function mergeMetadata(existing: Paper, incoming: Paper, next: Paper): void {
  const incomingNewer = incoming.metadataChangedAt > existing.metadataChangedAt
  const [newer, older] = incomingNewer ? [incoming, existing] : [existing, incoming]
  const target = next as unknown as Record<MetadataField, unknown>
  for (const field of METADATA_FIELDS) {
    const source = hasValue(newer, field) ? newer : hasValue(older, field) ? older : newer
    if (field === 'authors') target.authors = [...source.authors]
    else if (source[field] === undefined) delete target[field]
    else target[field] = source[field]
  }
  const version = Math.max(existing.version ?? 0, incoming.version ?? 0)
  if (version > 0) next.version = version
  next.metadataChangedAt = Math.max(existing.metadataChangedAt, incoming.metadataChangedAt)
}

/**
 * One paper from both sides: each mark by its own rule, metadata by its timestamp, the citation key
 * by its own (newer wins); a tie keeps the shelf's.
 */
export function mergePaper(existing: Paper, incoming: Paper): Paper {
  const next = canonicalPaper(existing)
  next.marks = mergeMarks(existing.marks, incoming.marks)
  mergeMetadata(existing, incoming, next)
  next.addedAt = Math.min(existing.addedAt, incoming.addedAt)
  // Links are a union; where both sides know a site, the shelf's link stays.
  next.links = { ...incoming.links, ...existing.links }
  const citationKey = existing.citationKey && incoming.citationKey ? newerWins(existing.citationKey, incoming.citationKey) : undefined
  next.citationKey = citationKey ?? existing.citationKey ?? incoming.citationKey
  return canonicalPaper(next)
}

function sameLinks(a: Paper['links'], b: Paper['links']): boolean {
  const sites = new Set([...Object.keys(a), ...Object.keys(b)])
  for (const site of sites) if (a[site] !== b[site]) return false
  return true
}

/** True when two papers hold the same data, field by field. */
export function samePaper(a: Paper, b: Paper): boolean {
  for (const field of ['key', ...METADATA_FIELDS, 'addedAt', 'metadataChangedAt'] as const) {
    if (field === 'authors') {
      if (a.authors.length !== b.authors.length || a.authors.some((author, i) => author !== b.authors[i])) return false
    } else if (a[field] !== b[field]) return false
  }
  if (a.citationKey?.value !== b.citationKey?.value || a.citationKey?.at !== b.citationKey?.at) return false
  return sameLinks(a.links, b.links) && sameMarks(a.marks, b.marks)
}

/**
 * Merges a parsed backup into the shelf. Pure: returns what to write and the counts to report.
 * Nothing is deleted, and importing the same file twice changes nothing the second time.
 */
export function mergeBackup(existing: ReadonlyMap<PaperKey, Paper> | readonly Paper[], incoming: readonly Paper[]): MergeResult {
  const shelf = new Map<PaperKey, Paper>(
    existing instanceof Map ? existing : (existing as readonly Paper[]).map((paper) => [paper.key, paper]),
  )
  const written = new Map<PaperKey, Paper>()
  let added = 0
  let updated = 0
  let unchanged = 0
  for (const paper of incoming) {
    const current = shelf.get(paper.key)
    let next: Paper
    if (current === undefined) {
      next = canonicalPaper(paper)
      added += 1
    } else {
      next = mergePaper(current, paper)
      if (samePaper(current, next)) {
        unchanged += 1
        continue
      }
      if (!written.has(paper.key)) updated += 1
    }
    shelf.set(paper.key, next)
    written.set(paper.key, next)
  }
  return { papers: [...written.values()], added, updated, unchanged }
}
