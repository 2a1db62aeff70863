import { arxivAbsUrl, arxivKey, identifiersOf, isSharedKey, paperIdentity, paperKeyFromDoi } from '../identity'
import { keyPageUrl } from '../key-kinds'
import { LIMITS } from '../limits'
import { initialMarks, withMarkValues, type Marks } from '../marks'
import type { Paper, PaperKey, SiteName } from '../paper'
import { presentTags, tagList } from '../tag-set'
import { clampText } from '../text'
import { titleMatchKey } from '../title-match'
import type { ForeignPaper } from './foreign-paper'

/** The supported site a URL is a paper page of, if any: the site registry knows. */
export type SiteOfUrl = (url: string) => SiteName | undefined

/** An entry of the file that was not imported, and why. */
export interface SkippedEntry {
  index: number
  reason: string
}

export interface ShelfImport {
  /** Whole papers to merge into the shelf: new ones, and shelf papers starred and tagged as the file says. */
  papers: Paper[]
  /** How many of them were on the shelf already (by identifier or by title). */
  matched: number
  skipped: SkippedEntry[]
}

function identifiers(entry: ForeignPaper): PaperKey[] {
  const keys: PaperKey[] = []
  if (entry.arxivId) keys.push(arxivKey(entry.arxivId))
  const doiKey = entry.doi ? paperKeyFromDoi(entry.doi) : null
  if (doiKey) keys.push(doiKey)
  return [...new Set([...keys, ...entry.otherKeys])]
}

/** `YYYY-MM-DD` as the file gave it, else its year alone. */
function published(entry: ForeignPaper): string | undefined {
  if (entry.published && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(entry.published)) return entry.published
  return entry.year !== undefined && entry.year >= 1000 && entry.year <= 9999 ? String(entry.year) : undefined
}

function links(keys: readonly PaperKey[], siteOf: SiteOfUrl): Record<SiteName, string> {
  const found: Record<SiteName, string> = {}
  for (const key of keys) {
    const url = key.startsWith('arxiv:') ? arxivAbsUrl(key.slice('arxiv:'.length)) : keyPageUrl(key)
    const site = url ? siteOf(url) : undefined
    if (url && site && !Object.hasOwn(found, site)) found[site] = url
  }
  return found
}

/** The shelf's marks with the file's: starred, the file's tags added to the paper's own, its note when the paper has none. */
function importedMarks(current: Marks, entry: ForeignPaper, now: number): Marks {
  const tags = tagList([...presentTags(current.tags.value), ...entry.tags]).slice(0, LIMITS.tagsPerPaper)
  const note = current.note.value === '' && entry.note ? clampText(entry.note, LIMITS.readerNoteLength) : undefined
  return withMarkValues(current, { starred: true, tags, ...(note ? { note } : {}) }, now)
}

/**
 * Turns papers read from another tool's file into shelf papers. Each is matched to the shelf by
 * any identifier, else (when one side has neither an arXiv id nor a DOI) by title and first author;
 * matched papers keep their own metadata, the file only filling what they lack. Every imported
 * paper is starred and carries the file's tags. Entries with no identifier that match nothing are
 * skipped, as are entries with no title; entries that turn out to be one paper are merged.
 */
export function toShelfPapers(entries: readonly ForeignPaper[], shelf: readonly Paper[], siteOf: SiteOfUrl, now: number): ShelfImport {
  const byId = new Map<PaperKey, Paper>()
  const byTitle = new Map<string, Paper>()
  for (const paper of shelf) {
    for (const id of identifiersOf(paper)) byId.set(id, paper)
    const titleKey = titleMatchKey(paper.title, paper.authors)
    if (titleKey) byTitle.set(titleKey, paper)
  }
  const result = new Map<PaperKey, Paper>()
  const resultById = new Map<PaperKey, PaperKey>()
  const skipped: SkippedEntry[] = []
  let matched = 0

  for (const entry of entries) {
    const ids = identifiers(entry)
    const titleKey = entry.title ? titleMatchKey(entry.title, entry.authors) : undefined
    let existing = ids.map((id) => byId.get(id)).find(Boolean)
    if (!existing && titleKey) {
      const candidate = byTitle.get(titleKey)
      const shared = ids.some(isSharedKey)
      if (candidate && !(shared && identifiersOf(candidate).some(isSharedKey))) existing = candidate
    }
    const title = clampText(entry.title, LIMITS.titleLength) || existing?.title
    if (!title) {
      skipped.push({ index: entry.index, reason: 'it has no title' })
      continue
    }
    if (ids.length === 0 && !existing) {
      skipped.push({
        index: entry.index,
        reason: 'it has no arXiv id, DOI or link Paper Shelf knows, and no paper on your shelf has its title',
      })
      continue
    }
    const earlierKey = [...ids, ...(existing ? identifiersOf(existing) : [])].map((id) => resultById.get(id)).find(Boolean)
    const earlier = earlierKey ? result.get(earlierKey) : undefined
    const base = earlier ?? existing
    const identity = paperIdentity(...[base, { key: ids[0] ?? base!.key, aliases: ids.slice(1) }].filter((source) => source !== undefined))
    const paper: Paper = {
      ...identity,
      title: base?.title ?? title,
      authors: base && base.authors.length > 0 ? base.authors : entry.authors.slice(0, LIMITS.authorCount),
      ...metadata(base, entry),
      links: { ...links(identifiersOf(identity), siteOf), ...base?.links },
      addedAt: base?.addedAt ?? now,
      // A shelf paper's own details win over a file's: the file fills only what it lacks.
      metadataChangedAt: existing ? 0 : now,
      ...(base?.citationKey ? { citationKey: base.citationKey } : {}),
      marks: importedMarks(base?.marks ?? initialMarks(), entry, now),
    }
    if (paper.key.startsWith('arxiv:')) paper.arxivId = paper.key.slice('arxiv:'.length)
    if (existing && !earlier) matched += 1
    if (earlierKey) result.delete(earlierKey)
    result.set(paper.key, paper)
    for (const id of identifiersOf(paper)) resultById.set(id, paper.key)
  }
  return { papers: [...result.values()], matched, skipped }
}

function metadata(base: Paper | undefined, entry: ForeignPaper): Partial<Paper> {
  const fields: Partial<Paper> = {}
  const arxivId = base?.arxivId ?? entry.arxivId
  if (arxivId) fields.arxivId = arxivId
  const version = Math.max(base?.version ?? 0, entry.version ?? 0)
  if (version > 0) fields.version = version
  const doi = base?.doi ?? entry.doi
  if (doi) fields.doi = doi
  const abstract = base?.abstract ?? (entry.abstract ? clampText(entry.abstract, LIMITS.abstractLength) : undefined)
  if (abstract) fields.abstract = abstract
  const date = base?.published ?? published(entry)
  if (date) fields.published = date
  for (const field of ['primaryCategory', 'comments'] as const) if (base?.[field]) fields[field] = base[field]
  const journalRef = base?.journalRef ?? (entry.venue ? clampText(entry.venue, LIMITS.fieldLength) : undefined)
  if (journalRef) fields.journalRef = journalRef
  return fields
}
