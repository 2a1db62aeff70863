import { calendarDate } from '../dates'
import { arxivIdFromDoi, arxivIdFromUrl, DBLP_KEY, normalizeDoi, parseArxivId, PMLR_ID, type ArxivId } from '../identity'
import { LIMITS } from '../limits'
import type { PaperKey } from '../paper'
import { clampText, collapseWhitespace } from '../text'
import { isPaperKey } from '../validation'
import { OPENREVIEW_ID, PMID } from '../key-kinds'

/** One paper read from another tool's file, before it is matched to the shelf. */
export interface ForeignPaper {
  /** 1-based position in the file, for messages. */
  index: number
  /** Plain text, whitespace collapsed, LaTeX and markup decoded; '' when the entry has none. */
  title: string
  /** "Given Family", one per author, LaTeX decoded. */
  authors: string[]
  /** Without version, as `parseArxivId` gives it. */
  arxivId?: string
  /** The arXiv version, when the file names one (`2106.09685v2`). */
  version?: number
  /** Normalised; an arXiv DOI (`10.48550/arXiv.…`) also sets `arxivId`. */
  doi?: string
  /** Other identifiers recognised from URLs in the entry: `openreview:<id>`, `acl:<id>`, `pmlr:v202/x23a`, `dblp:conf/..`, `pmid:<n>`. */
  otherKeys: PaperKey[]
  /** `YYYY-MM-DD`, only when the file gives a full date; otherwise `year` alone. */
  published?: string
  year?: number
  /** Journal, book title, container title or PaperMemory venue. */
  venue?: string
  abstract?: string
  /** Keywords (BibTeX `keywords`, RIS `KW`, CSL `keyword`, PaperMemory tags): trimmed, each once. */
  tags: string[]
  /** What the reader wrote (BibTeX `annote`, RIS `N1`, PaperMemory note), as plain text. */
  note?: string
}
export interface ForeignImport {
  format: 'bibtex' | 'ris' | 'csl-json' | 'papermemory'
  papers: ForeignPaper[]
  /** Entries that are not papers (a record with no title and no identifier), each with its 1-based index and a short reason. */
  skipped: { index: number; reason: string }[]
}

export type ForeignFormat = ForeignImport['format']
export type SkippedEntry = ForeignImport['skipped'][number]

/** Bounds on an imported file; what a paper keeps is bounded by the shelf's own `LIMITS`. */
export const IMPORT_LIMITS = {
  /** Characters in a file: far beyond any real library, and within what the BibTeX parser can hold. */
  fileLength: 50_000_000,
} as const

/** The identifiers gathered from an entry's fields, in the order the fields are read: the first arXiv id and DOI win. */
export interface FoundIds {
  arxiv?: ArxivId
  doi?: string
  otherKeys: PaperKey[]
}

/** What a format's reader gathers about one entry, before it is cleaned and bounded. */
export interface PaperDraft {
  title?: string | undefined
  authors?: readonly string[]
  ids: FoundIds
  published?: string | undefined
  year?: number | undefined
  venue?: string | undefined
  abstract?: string | undefined
  tags?: readonly string[]
  notes?: readonly (string | undefined)[]
}

export function noIds(): FoundIds {
  return { otherKeys: [] }
}

/** Records an arXiv id; a later mention of the same id may add the version the first one lacked. */
export function addArxiv(ids: FoundIds, id: ArxivId | null): void {
  if (!id) return
  if (!ids.arxiv || (ids.arxiv.id === id.id && ids.arxiv.version === undefined && id.version !== undefined)) ids.arxiv = id
}

/** Records a DOI (bare, `doi:…` or a doi.org link); an arXiv DOI also names the arXiv paper. */
export function addDoi(ids: FoundIds, text: string): void {
  const doi = normalizeDoi(text)
  if (!doi || doi.length > LIMITS.keyLength) return
  addArxiv(ids, arxivIdFromDoi(doi))
  ids.doi ??= doi
}

/** Records a site's own key for the paper; one the shelf would refuse is left out, not the whole entry. */
export function addOtherKey(ids: FoundIds, key: PaperKey | null): void {
  if (key && isPaperKey(key) && !ids.otherKeys.includes(key) && ids.otherKeys.length < LIMITS.aliasCount) {
    ids.otherKeys.push(key)
  }
}

const DOI_LINK = /^https?:\/\/(?:dx\.)?doi\.org\//i

/** Records what a link names: an arXiv paper, a DOI, or a paper on one of the sites `siteKeyFromUrl` knows. */
export function addLink(ids: FoundIds, href: string): void {
  const link = href.trim()
  if (link.length > LIMITS.urlLength) return
  if (DOI_LINK.test(link)) {
    addDoi(ids, link)
    return
  }
  const arxiv = arxivIdFromUrl(link)
  if (arxiv) addArxiv(ids, arxiv)
  else addOtherKey(ids, siteKeyFromUrl(link))
}

// Stops at what ends a link in BibTeX, markup and prose: whitespace, quotes, angle brackets and braces.
const LINK = /https?:\/\/[^\s"'<>{}\\]+/gi

/** Records every link in free text (a note, `howpublished`, a rich-text field with `<a href>`). */
export function addLinksIn(ids: FoundIds, text: string | undefined): void {
  for (const [link] of (text ?? '').matchAll(LINK)) addLink(ids, link.replace(/[.,;:)\]]+$/, ''))
}

/**
 * "arXiv:2106.09685", "arXiv: 2106.09685" (Zotero's extra), "arXiv preprint arXiv:2106.09685v2" (Google
 * Scholar, PaperMemory), "arXiv:1412.4006 [quant-ph]", "arXiv:hep-th/9901001".
 */
const ARXIV_MENTION = /\barxiv(?:\s+preprint)?(?:\s+arxiv)?\s*:\s*((?:[a-z-]+(?:\.[a-z-]+)?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?)/gi

/** Records the arXiv ids free text mentions ("arXiv preprint arXiv:2106.09685"). */
export function addArxivMentions(ids: FoundIds, text: string | undefined): void {
  for (const match of (text ?? '').matchAll(ARXIV_MENTION)) addArxiv(ids, parseArxivId(match[1] ?? ''))
}

/** Whether a venue is only a pointer to arXiv ("arXiv preprint arXiv:2106.09685", "arXiv:1412.4006 [quant-ph]"), not a venue. */
export function isArxivReference(text: string): boolean {
  return /^(?:arxiv\s+preprint\s*)?arxiv\s*(?::\s*\S+(?:\s+\[[^\]]*\])?)?$/i.test(text.trim())
}

const ACL_PATH = /^(?:\/anthology)?\/(\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})(?:\.pdf)?\/?$/
const PMLR_PATH = /^\/(v\d{1,4})\/([A-Za-z0-9_-]+)(?:\.html|\/[\w.-]+\.pdf)$/
// dblp's record pages and exports; before 2019 BibTeX links read /rec/bib/<key> or /rec/bibtex/<key>.
const DBLP_PATH = /^\/rec\/(?:bib\d?\/|bibtex\/)?(.+?)(?:\.(?:bib|html|xml|ris|rdf|nt|ttl))?$/
const DBLP_HOSTS = new Set(['dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de'])

/**
 * The shelf key of a paper page on a site other than arXiv and doi.org: an OpenReview forum or PDF, an ACL
 * Anthology paper, a PMLR paper, a dblp record, a PubMed article. Null for any other link.
 */
export function siteKeyFromUrl(href: string): PaperKey | null {
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const host = url.hostname.toLowerCase().replace(/^www\./, '')
  const path = url.pathname
  if (host === 'openreview.net') {
    const id = /^\/(?:forum|pdf)\/?$/.test(path) ? url.searchParams.get('id') : null
    return id && OPENREVIEW_ID.test(id) ? `openreview:${id}` : null
  }
  if (host === 'aclanthology.org' || host === 'aclweb.org') {
    const id = ACL_PATH.exec(path)?.[1]
    return id ? `acl:${id}` : null
  }
  if (host === 'proceedings.mlr.press') {
    const [, volume, paper] = PMLR_PATH.exec(path) ?? []
    const id = `${volume}/${paper}`
    return paper !== undefined && paper !== 'index' && PMLR_ID.test(id) ? `pmlr:${id}` : null
  }
  if (DBLP_HOSTS.has(host)) {
    const key = DBLP_PATH.exec(path)?.[1]
    return key && DBLP_KEY.test(key) ? `dblp:${key}` : null
  }
  const pmid = host === 'pubmed.ncbi.nlm.nih.gov' ? /^\/(\d+)\/?$/.exec(path)?.[1] : undefined
  return pmid && PMID.test(pmid) ? `pmid:${pmid}` : null
}

/** A PubMed id given as a field of its own (CSL `PMID`, BibTeX `pmid`). */
export function pmidKey(text: string | undefined): PaperKey | null {
  const pmid = text?.trim()
  return pmid && PMID.test(pmid) ? `pmid:${pmid}` : null
}

// Rich-text markup that CSL-JSON titles carry and that the BibTeX parser writes for LaTeX commands
// (\emph, \textbf, \textsc, case-protecting braces, \url, \href). Other angle brackets are text.
const INLINE_MARKUP =
  /<\/?(?:i|b|sup|sub|code)>|<span (?:class="nocase"|style="font-variant:\s*small-caps;?")>|<\/span>|<a href="[^"<>]*">|<\/a>/g
const BLOCK_MARKUP = /<\/?(?:br|p|li|ul|ol|blockquote|h[1-6])\/?>/g

/** Rich text as plain text: the markup above removed, block breaks turned into spaces. */
export function stripRichText(text: string): string {
  return text.replace(BLOCK_MARKUP, ' ').replace(INLINE_MARKUP, '')
}

// Control characters other than whitespace, which collapsing handles; format characters (bidi marks,
// joiners) stay, as scripts need them.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g

/** One line of text from a file: NFC, control characters removed, whitespace collapsed, at most `max` characters. */
export function cleanLine(text: string | undefined, max: number): string {
  return clampText(collapseWhitespace((text ?? '').normalize('NFC').replace(CONTROL, ' ')), max)
}

/** A note: like `cleanLine`, but its line breaks kept (at most one blank line in a row). */
export function cleanNote(text: string, max: number): string {
  const lines = text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(CONTROL, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
  return clampText(
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
    max,
  )
}

/** Tags trimmed and bounded, empty ones dropped, each once whatever its case (its first spelling kept). */
export function cleanTags(tags: readonly string[]): string[] {
  const byIdentity = new Map<string, string>()
  for (const tag of tags) {
    const name = cleanLine(tag, LIMITS.tagLength)
    if (name && !byIdentity.has(name.toLowerCase())) byIdentity.set(name.toLowerCase(), name)
    if (byIdentity.size === LIMITS.tagsPerPaper) break
  }
  return [...byIdentity.values()]
}

/** A name from its parts, "Given particle Family Suffix", empty parts left out. */
export function joinName(...parts: (string | undefined)[]): string {
  return parts.filter((part) => part !== undefined && part.trim() !== '').join(' ')
}

/** A four-digit year in text ("2017", "2014/06/01", "Dec 2020"), or undefined. Year 0000 (Scopus's unknown) is none. */
export function yearIn(text: string | number | undefined): number | undefined {
  const year = Number(/(?:^|\D)(\d{4})(?!\d)/.exec(String(text ?? ''))?.[1])
  return year >= 1000 ? year : undefined
}

/** A full date written `YYYY-MM-DD` or `YYYY/MM/DD` (RIS adds a trailing `/`), else undefined. */
export function fullDateIn(text: string | undefined): string | undefined {
  const match = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[/T\s]|$)/.exec(text ?? '')
  return match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined
}

/**
 * The paper a draft describes, cleaned and bounded, or the reason it is skipped: an entry with neither a
 * title nor any identifier cannot be matched to anything.
 */
export function finishPaper(index: number, draft: PaperDraft): ForeignPaper | SkippedEntry {
  const { ids } = draft
  const title = cleanLine(draft.title, LIMITS.titleLength)
  if (!title && !ids.arxiv && !ids.doi && ids.otherKeys.length === 0) return { index, reason: 'it has no title and no identifier' }
  const paper: ForeignPaper = {
    index,
    title,
    authors: cleanAuthors(draft.authors ?? []),
    otherKeys: [...ids.otherKeys],
    tags: cleanTags(draft.tags ?? []),
  }
  if (ids.arxiv) paper.arxivId = ids.arxiv.id
  if (ids.arxiv?.version !== undefined) paper.version = ids.arxiv.version
  if (ids.doi) paper.doi = ids.doi
  if (draft.published) paper.published = draft.published
  const year = draft.year ?? yearIn(draft.published)
  if (year !== undefined) paper.year = year
  const venue = cleanLine(draft.venue, LIMITS.fieldLength)
  if (venue && !isArxivReference(venue)) paper.venue = venue
  const abstract = cleanLine(draft.abstract, LIMITS.abstractLength)
  if (abstract) paper.abstract = abstract
  const note = noteOf(draft.notes ?? [])
  if (note) paper.note = note
  return paper
}

function cleanAuthors(authors: readonly string[]): string[] {
  return authors
    .slice(0, LIMITS.authorCount)
    .map((author) => cleanLine(author, LIMITS.authorLength))
    .filter(Boolean)
}

/** The entry's notes, each once, a blank line between them. */
function noteOf(notes: readonly (string | undefined)[]): string {
  const distinct = [...new Set(notes.map((note) => cleanNote(note ?? '', LIMITS.readerNoteLength)).filter(Boolean))]
  return clampText(distinct.join('\n\n'), LIMITS.readerNoteLength)
}

/** Sorts finished entries into papers and skipped entries. */
export function collect(format: ForeignFormat, results: readonly (ForeignPaper | SkippedEntry)[]): ForeignImport {
  const papers: ForeignPaper[] = []
  const skipped: SkippedEntry[] = []
  for (const result of results) {
    if ('reason' in result) skipped.push(result)
    else papers.push(result)
  }
  return { format, papers, skipped }
}

/** The value of a record's own property, never one inherited from Object.prototype. */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** A record's own string property, else undefined. */
export function ownString(record: Record<string, unknown>, key: string): string | undefined {
  const value = own(record, key)
  return typeof value === 'string' ? value : undefined
}
