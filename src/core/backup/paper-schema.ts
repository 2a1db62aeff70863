import { bestKey, parseArxivId } from '../identity'
import { LIMITS } from '../limits'
import { citationKeyProblem } from '../export/citation-keys'
import { completeMarks, MARK_IDS, marksProblem, stampOf, type Marks } from '../marks'
import type { Paper } from '../paper'
import { fromVersion1 } from './version1'
import { aliasesProblem, fail, isRecord, isTimestamp, METADATA_FIELDS, metadataProblem, type Parsed } from '../validation'

/** The shape of a stored paper, field by field, shared by backups and merging. */

/** Whether `url` is a link to a paper's page on the site named `site`: the site registry knows. */
export type SiteLinkCheck = (site: string, url: string) => boolean

const TIMESTAMP_FIELDS = ['addedAt', 'metadataChangedAt'] as const

/** Every field a stored paper has, in the order backups write them. */
const PAPER_FIELDS = [
  'key',
  'aliases',
  ...METADATA_FIELDS,
  'links',
  ...TIMESTAMP_FIELDS,
  'citationKey',
  'marks',
] as const satisfies readonly (keyof Paper)[]

function canonicalMarks(marks: Marks): Marks {
  const copy: Record<string, unknown> = {}
  for (const id of MARK_IDS) copy[id] = stampOf(marks[id])
  return copy as Marks
}

/** A copy with exactly the stored-paper fields, in a fixed order, absent optional fields left out. */
export function canonicalPaper(paper: Paper): Paper {
  const copy: Record<string, unknown> = {}
  for (const field of PAPER_FIELDS) {
    const value = paper[field]
    if (value === undefined) continue
    if (field === 'authors' || field === 'aliases') copy[field] = [...paper[field]!]
    else if (field === 'links') copy[field] = { ...paper.links }
    else if (field === 'marks') copy[field] = canonicalMarks(paper.marks)
    else if (field === 'citationKey') copy[field] = { value: paper.citationKey!.value, at: paper.citationKey!.at }
    else copy[field] = value
  }
  return copy as unknown as Paper
}

/**
 * Checks how a paper names itself: its other identifiers, a key that is the best of them, an arXiv
 * id matching an arXiv key. Shared by stored papers and the paper references pages send.
 */
export function identityProblem(value: Record<string, unknown>): string | null {
  const key = value.key as string
  const problem = aliasesProblem(value.aliases, key)
  if (problem) return problem
  const aliases = (value.aliases ?? []) as string[]
  if (bestKey([key, ...aliases]) !== key) return 'a paper must be keyed by its best identifier: its arXiv id, else its DOI'
  if (key.startsWith('arxiv:') && value.arxivId !== undefined && value.arxivId !== key.slice('arxiv:'.length)) {
    return 'arxivId does not match the key'
  }
  if (value.arxivId !== undefined) {
    const id = parseArxivId(value.arxivId as string)
    if (!id || id.version !== undefined) return 'arxivId must be an arXiv id without version'
  }
  return null
}

function checkLinks(links: unknown, isSiteLink: SiteLinkCheck): string | null {
  if (!isRecord(links)) return 'links must be an object'
  for (const [site, url] of Object.entries(links)) {
    if (typeof url !== 'string' || url.length > LIMITS.urlLength) return `links.${site.slice(0, 40)} must be a URL`
    if (!isSiteLink(site, url)) return `links.${site.slice(0, 40)} is not a link to a supported site's page`
  }
  return null
}

function checkCitationKey(value: unknown): string | null {
  if (value === undefined) return null
  if (!isRecord(value)) return 'citationKey must be an object with a value and a time'
  const { value: key, at, ...extra } = value
  if (citationKeyProblem(key)) return 'citationKey.value is not a valid citation key'
  if (!isTimestamp(at)) return 'citationKey.at must be a time in milliseconds, not in the future'
  if (Object.keys(extra).length > 0) return 'citationKey has unexpected fields'
  return null
}

function checkStoredFields(value: Record<string, unknown>): string | null {
  for (const field of TIMESTAMP_FIELDS) {
    if (!isTimestamp(value[field])) return `${field} must be a time in milliseconds, not in the future`
  }
  const citationKey = checkCitationKey(value.citationKey)
  if (citationKey) return citationKey
  const known = new Set<string>(PAPER_FIELDS)
  const extra = Object.keys(value).find((field) => !known.has(field))
  if (extra !== undefined) return `unexpected field ${JSON.stringify(extra.slice(0, 40))}`
  return null
}

/**
 * Checks one stored paper field by field. Metadata goes through the same checks as a paper
 * reference from a page, so backups and messages cannot drift apart; then the key form, links,
 * timestamps and marks. The error does not name the paper; the caller does.
 */
export function parseStoredPaper(value: unknown, isSiteLink: SiteLinkCheck): Parsed<Paper> {
  if (!isRecord(value)) return fail('must be an object')
  const problem =
    metadataProblem(value) ??
    identityProblem(value) ??
    checkLinks(value.links, isSiteLink) ??
    checkStoredFields(value) ??
    marksProblem(value.marks)
  if (problem) return fail(problem)
  return { ok: true, value: canonicalPaper(value as unknown as Paper) }
}

/**
 * Reads a paper as version 1 wrote it (flags as `0 | 1` with a `…ChangedAt` time each) into
 * today's shape, then checks it like any stored paper.
 */
export function parseVersion1Paper(value: unknown, isSiteLink: SiteLinkCheck): Parsed<Paper> {
  if (!isRecord(value)) return fail('must be an object')
  const converted = fromVersion1(value)
  return typeof converted === 'string' ? fail(converted) : parseEarlierPaper(converted, isSiteLink)
}

/** Checks a paper as versions 2 to 5 wrote it: as today, but with only the marks those versions had. */
export function parseEarlierPaper(value: unknown, isSiteLink: SiteLinkCheck): Parsed<Paper> {
  return parseStoredPaper(isRecord(value) && 'marks' in value ? { ...value, marks: completeMarks(value.marks) } : value, isSiteLink)
}
