import { normalizeDoi, parseArxivId } from '../identity'
import { LIMITS } from '../limits'
import type { Paper, SiteId } from '../paper'
import { fail, isRecord, METADATA_FIELDS, metadataProblem, type Parsed } from '../validation'

/** The shape of a stored paper, field by field, shared by backups and merging. */

const TIMESTAMP_FIELDS = ['addedAt', 'starredChangedAt', 'readChangedAt', 'metadataChangedAt'] as const

/** Every field a stored paper has, in the order backups write them. */
const PAPER_FIELDS = [
  'key',
  ...METADATA_FIELDS,
  'links',
  'starred',
  'read',
  ...TIMESTAMP_FIELDS,
] as const satisfies readonly (keyof Paper)[]

/** The hosts a link of each site may point to. A `Record` so adding a site forces an entry here. */
const SITE_HOSTS: Record<SiteId, readonly string[]> = {
  arxiv: ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'],
  huggingface: ['huggingface.co'],
}

// Later than any real clock (the largest valid Date), so a typo such as seconds × 1e6 is caught.
const MAX_TIMESTAMP = 8.64e15

/** A copy with exactly the stored-paper fields, in a fixed order, absent optional fields left out. */
export function canonicalPaper(paper: Paper): Paper {
  const copy: Record<string, unknown> = {}
  for (const field of PAPER_FIELDS) {
    const value = paper[field]
    if (value === undefined) continue
    if (field === 'authors') copy[field] = [...paper.authors]
    else if (field === 'links') copy[field] = { ...paper.links }
    else copy[field] = value
  }
  return copy as unknown as Paper
}

function checkKey(value: Record<string, unknown>): string | null {
  const key = value.key as string
  if (key.startsWith('arxiv:')) {
    const id = parseArxivId(key.slice('arxiv:'.length))
    if (!id || id.version !== undefined) return 'an arxiv: key must hold an arXiv id without version'
    if (value.arxivId !== undefined && value.arxivId !== id.id) return 'arxivId does not match the key'
  } else if (key.startsWith('doi:')) {
    if (normalizeDoi(key.slice('doi:'.length)) !== key.slice('doi:'.length)) return 'a doi: key must hold a normalised DOI'
  }
  if (value.arxivId !== undefined) {
    const id = parseArxivId(value.arxivId as string)
    if (!id || id.version !== undefined) return 'arxivId must be an arXiv id without version'
  }
  return null
}

function checkLinks(links: unknown): string | null {
  if (!isRecord(links)) return 'links must be an object'
  for (const [site, url] of Object.entries(links)) {
    const hosts = Object.hasOwn(SITE_HOSTS, site) ? SITE_HOSTS[site as SiteId] : undefined
    if (!hosts) return `unknown site ${JSON.stringify(site.slice(0, 40))} in links`
    if (typeof url !== 'string' || url.length > LIMITS.urlLength) return `links.${site} must be a URL`
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return `links.${site} must be a URL`
    }
    if (parsed.protocol !== 'https:' || !hosts.includes(parsed.hostname)) return `links.${site} must be an https link to ${hosts[0]}`
  }
  return null
}

function checkStoredFields(value: Record<string, unknown>): string | null {
  for (const flag of ['starred', 'read'] as const) {
    if (value[flag] !== 0 && value[flag] !== 1) return `${flag} must be 0 or 1`
  }
  for (const field of TIMESTAMP_FIELDS) {
    const time = value[field]
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > MAX_TIMESTAMP) {
      return `${field} must be a time in milliseconds`
    }
  }
  const known = new Set<string>(PAPER_FIELDS)
  const extra = Object.keys(value).find((field) => !known.has(field))
  if (extra !== undefined) return `unexpected field ${JSON.stringify(extra.slice(0, 40))}`
  return null
}

/**
 * Checks one stored paper field by field. Metadata goes through the same checks as a paper
 * reference from a page, so backups and messages cannot drift apart; then the key form, links,
 * flags and timestamps. The error does not name the paper; the caller does.
 */
export function parseStoredPaper(value: unknown): Parsed<Paper> {
  if (!isRecord(value)) return fail('must be an object')
  const problem = metadataProblem(value) ?? checkKey(value) ?? checkLinks(value.links) ?? checkStoredFields(value)
  if (problem) return fail(problem)
  return { ok: true, value: canonicalPaper(value as unknown as Paper) }
}
