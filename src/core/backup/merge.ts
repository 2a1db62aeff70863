import { mergeMarks, newerWins, sameMarks } from '../marks'
import { identifiersOf, paperIdentity } from '../identity'
import type { Paper, PaperKey } from '../paper'
import { METADATA_FIELDS } from '../validation'
import { canonicalPaper } from './paper-schema'

export interface MergeResult {
  /** The papers to write: the added and the updated ones. Papers not in the backup are untouched. */
  papers: Paper[]
  /** Keys of shelf papers that turned out to be one of `papers` under another identifier: delete them. */
  removed: PaperKey[]
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
 * One paper from both sides, which may know it under different identifiers: keyed by the best of
 * them, the others kept as aliases; each mark by its own rule, metadata by its timestamp, the
 * citation key by its own (newer wins); a tie keeps the shelf's.
 */
export function mergePaper(existing: Paper, incoming: Paper): Paper {
  const next = canonicalPaper(existing)
  const { key, aliases } = paperIdentity(existing, incoming)
  next.key = key
  if (aliases) next.aliases = aliases
  else delete next.aliases
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}

/** True when two papers hold the same data, field by field. */
export function samePaper(a: Paper, b: Paper): boolean {
  for (const field of ['key', ...METADATA_FIELDS, 'addedAt', 'metadataChangedAt'] as const) {
    if (field === 'authors') {
      if (!sameList(a.authors, b.authors)) return false
    } else if (a[field] !== b[field]) return false
  }
  if (!sameList(a.aliases ?? [], b.aliases ?? [])) return false
  if (a.citationKey?.value !== b.citationKey?.value || a.citationKey?.at !== b.citationKey?.at) return false
  return sameLinks(a.links, b.links) && sameMarks(a.marks, b.marks)
}

/**
 * Merges a parsed backup into the shelf. Pure: returns what to write and the counts to report.
 * A backup paper is the shelf paper that shares any identifier with it (several shelf papers found
 * to be one are merged into it). Nothing is lost, and importing the same file twice changes nothing
 * the second time.
 */
export function mergeBackup(existing: readonly Paper[], incoming: readonly Paper[]): MergeResult {
  const byId = new Map<PaperKey, Paper>()
  const file = (paper: Paper) => {
    for (const id of identifiersOf(paper)) byId.set(id, paper)
  }
  existing.forEach(file)
  const original = new Set(existing)
  const written = new Map<PaperKey, Paper>()
  const removed = new Set<PaperKey>()
  let added = 0
  let updated = 0
  let unchanged = 0
  for (const paper of incoming) {
    const same = [...new Set(identifiersOf(paper).flatMap((id) => byId.get(id) ?? []))]
    let next = canonicalPaper(paper)
    for (const current of same) next = mergePaper(current, next)
    const [only] = same
    if (same.length === 1 && only && samePaper(only, next)) {
      unchanged += 1
      continue
    }
    if (same.length === 0) added += 1
    else if (!same.some((current) => written.has(current.key))) updated += 1
    for (const current of same) {
      written.delete(current.key)
      if (current.key !== next.key && original.has(current)) removed.add(current.key)
    }
    removed.delete(next.key)
    written.set(next.key, next)
    file(next)
  }
  return { papers: [...written.values()], removed: [...removed], added, updated, unchanged }
}
