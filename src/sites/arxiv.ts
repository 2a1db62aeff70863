import { arxivAbsUrl, arxivIdFromUrl, arxivKey, normalizeDoi, parseArxivId, type ArxivId } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { withLazyRef, type FoundCard, type SiteAdapter } from './site-adapter'

const HOSTS = new Set(['arxiv.org', 'www.arxiv.org'])

/** What a page shows about one paper, as read from the DOM (not yet cleaned). */
interface Shown {
  title: string
  authors: string[]
  abstract?: string
  primaryCategory?: string
  comments?: string
  journalRef?: string
  doi?: string
  published?: string
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/** Markup that is not part of the text a field holds: labels, and what MathJax renders from TeX. */
function isSkipped(element: Element): boolean {
  const name = element.localName
  if (name === 'style' || name === 'template' || name.startsWith('mjx-')) return true
  const classes = element.getAttribute('class')
  if (!classes) return false
  return classes.startsWith('MathJax') || classes.startsWith('MJX') || element.classList.contains('descriptor')
}

/**
 * The text of a field as the page wrote it: `span.descriptor` labels ("Title:") left out, and
 * MathJax's typeset output replaced by the TeX it keeps in `script[type^="math/tex"]`, so a title
 * reads the same before and after MathJax has run. Iterative, so deep markup cannot overflow the stack.
 */
function fieldText(root: Element | null | undefined): string {
  if (!root) return ''
  // Fast paths for the usual markup: bare text, or a label span followed by text.
  const first = root.firstElementChild
  if (!first) return root.textContent ?? ''
  if (first === root.lastElementChild && !first.firstElementChild && first.classList.contains('descriptor')) {
    const all = root.textContent ?? ''
    const label = first.textContent ?? ''
    const at = all.indexOf(label)
    return at < 0 ? all : all.slice(0, at) + all.slice(at + label.length)
  }
  let text = ''
  let node: Node | null = root.firstChild
  while (node) {
    let descend = false
    if (node.nodeType === TEXT_NODE) {
      text += node.nodeValue ?? ''
    } else if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element
      if (element.localName === 'script') {
        const type = element.getAttribute('type') ?? ''
        if (type.startsWith('math/tex')) {
          const fence = type.includes('mode=display') ? '$$' : '$'
          text += `${fence}${element.textContent ?? ''}${fence}`
        }
      } else {
        descend = !isSkipped(element)
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild
      continue
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode
    node = node && node !== root ? node.nextSibling : null
  }
  return text
}

/** Text without a leading label such as `Title:`, for markup whose label is not a descriptor span. */
function withoutLabel(text: string, label: string): string {
  const trimmed = text.trimStart()
  return trimmed.startsWith(label) ? trimmed.slice(label.length) : trimmed
}

function withoutSuffix(text: string, suffixes: readonly string[]): string {
  const trimmed = text.trimEnd()
  for (const suffix of suffixes) if (trimmed.endsWith(suffix)) return trimmed.slice(0, -suffix.length)
  return trimmed
}

const CATEGORY = /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/

/** `cs.LG` from "Machine Learning (cs.LG)" or from a bare "cs.LG" tag. */
function categoryCode(text: string | null | undefined): string | undefined {
  if (!text) return undefined
  const trimmed = text.trim()
  const open = trimmed.lastIndexOf('(')
  const close = trimmed.lastIndexOf(')')
  const code = open >= 0 && close > open ? trimmed.slice(open + 1, close).trim() : trimmed
  return code.length <= 40 && CATEGORY.test(code) ? code : undefined
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** `YYYY-MM-DD` for a real calendar date, else undefined. `month` is 1–12 or a month name. */
function isoDate(year: string, month: string | number, day: string): string | undefined {
  const m = typeof month === 'number' ? month : MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1
  const y = Number(year)
  const d = Number(day)
  if (!Number.isInteger(y) || m < 1 || m > 12 || !Number.isInteger(d) || d < 1) return undefined
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** A publisher DOI in canonical form. arXiv's own DOIs (10.48550/arXiv.ID) add nothing to the id. */
function journalDoi(text: string | null | undefined): string | undefined {
  if (!text) return undefined
  const at = text.indexOf('doi.org/')
  const doi = normalizeDoi(at >= 0 ? text.slice(at + 'doi.org/'.length) : text)
  if (!doi || doi.length > LIMITS.keyLength || doi.startsWith('10.48550/arxiv.')) return undefined
  return doi
}

// ---------------------------------------------------------------------------------------------
// Ids and versions
// ---------------------------------------------------------------------------------------------

/** Link forms arXiv's own pages use, read without building a URL (thousands of them on a listing). */
const DIRECT_PREFIXES = ['/abs/', 'https://arxiv.org/abs/', '/pdf/', 'https://arxiv.org/pdf/', 'https://arxiv.org/html/', '/html/']

/**
 * The paper a link points to. Plain `/abs/ID`, `/pdf/ID`, `https://arxiv.org/html/IDvN/` links are
 * parsed directly; anything else (queries, fragments, escapes, other hosts) goes through `arxivIdFromUrl`.
 */
function linkedId(href: string, base: string): ArxivId | null {
  for (const prefix of DIRECT_PREFIXES) {
    if (!href.startsWith(prefix)) continue
    let rest = href.slice(prefix.length)
    if (rest.endsWith('/')) rest = rest.slice(0, -1)
    if (rest.endsWith('.pdf')) rest = rest.slice(0, -4)
    const id = parseArxivId(rest)
    if (id) return id
    break
  }
  return arxivIdFromUrl(href, base)
}

/** Only links that end in a version (`/abs/IDv2`, `/pdf/IDv2.pdf`, `/html/IDv2/`) are worth parsing for one. */
const VERSIONED_LINK = /v\d{1,4}(?:\.pdf)?\/?(?:[?#]|$)/

/** The highest version of paper `id` among `links` (and the one `id` itself carries). */
function versionIn(links: HTMLCollectionOf<Element> | NodeListOf<Element>, id: ArxivId, base: string): number | undefined {
  let version = id.version
  for (let i = 0; i < links.length; i += 1) {
    const href = links[i]?.getAttribute('href')
    if (!href || !VERSIONED_LINK.test(href)) continue
    const linked = linkedId(href, base)
    if (linked?.id !== id.id || linked.version === undefined) continue
    if (version === undefined || linked.version > version) version = linked.version
  }
  return version
}

function paperRef(id: string, version: number | undefined, shown: Shown): PaperRef {
  const ref: PaperRef = {
    key: arxivKey(id),
    arxivId: id,
    title: cleanText(shown.title, LIMITS.titleLength) || `arXiv:${id}`,
    authors: shown.authors,
    site: 'arxiv',
    url: arxivAbsUrl(id),
  }
  if (version !== undefined) ref.version = version
  const abstract = cleanText(shown.abstract, LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  if (shown.published) ref.published = shown.published
  if (shown.primaryCategory) ref.primaryCategory = shown.primaryCategory
  const comments = cleanText(shown.comments, LIMITS.noteLength)
  if (comments) ref.comments = comments
  const journalRef = cleanText(shown.journalRef, LIMITS.noteLength)
  if (journalRef) ref.journalRef = journalRef
  if (shown.doi) ref.doi = shown.doi
  return ref
}

/** Author names from author links (plain text: names carry no math). */
function authorNames(links: HTMLCollectionOf<Element> | NodeListOf<Element>): string[] {
  const names: string[] = []
  for (let i = 0; i < links.length && names.length < LIMITS.authorCount; i += 1) {
    const name = cleanText(links[i]?.textContent, LIMITS.authorLength)
    if (name) names.push(name)
  }
  return names
}

// ---------------------------------------------------------------------------------------------
// Listings: /list/…, /catchup/… — each entry is a dt (links) and the dd after it (metadata)
// ---------------------------------------------------------------------------------------------

interface EntryParts {
  title?: Element
  authors?: Element
  comments?: Element
  journalRef?: Element
  subjects?: Element
  abstract?: Element
}

/**
 * The metadata blocks of a listing `dd`, found by walking `div.meta`'s few children and reading
 * each one's class once, rather than matching selectors per entry.
 */
function entryParts(dd: Element): EntryParts {
  const parts: EntryParts = {}
  const first = dd.firstElementChild
  const meta = first?.classList.contains('meta') ? first : dd
  for (let child = meta.firstElementChild; child; child = child.nextElementSibling) {
    const classes = child.className
    if (typeof classes !== 'string') continue
    if (classes.includes('list-title')) parts.title ??= child
    else if (classes.includes('list-authors')) parts.authors ??= child
    else if (classes.includes('list-comments')) parts.comments ??= child
    else if (classes.includes('list-journal-ref')) parts.journalRef ??= child
    else if (classes.includes('list-subjects')) parts.subjects ??= child
    else if (child.localName === 'p' && classes.includes('mathjax')) parts.abstract ??= child
  }
  if (parts.title) return parts
  // Some wrapper this code does not know about: look deeper, once per part.
  return {
    title: dd.querySelector('.list-title') ?? undefined,
    authors: dd.querySelector('.list-authors') ?? undefined,
    comments: dd.querySelector('.list-comments') ?? undefined,
    journalRef: dd.querySelector('.list-journal-ref') ?? undefined,
    subjects: dd.querySelector('.list-subjects') ?? undefined,
    abstract: dd.querySelector('p.mathjax') ?? undefined,
  }
}

function primarySubject(subjects: Element | undefined): string | undefined {
  if (!subjects) return undefined
  for (let child = subjects.firstElementChild; child; child = child.nextElementSibling) {
    if (child.getAttribute('class')?.includes('primary-subject')) return categoryCode(child.textContent)
  }
  return categoryCode(subjects.querySelector('.primary-subject')?.textContent)
}

/**
 * A DOI the entry links to in its comments or journal reference. Author links never are DOIs, and
 * a DOI in the abstract usually names a data set or code archive rather than the paper.
 */
function doiLinkedIn(parts: EntryParts): string | undefined {
  for (const part of [parts.comments, parts.journalRef]) {
    const links = part?.getElementsByTagName('a')
    for (let i = 0; links && i < links.length; i += 1) {
      const href = links[i]?.getAttribute('href')
      const doi = href?.includes('doi.org/10.') ? journalDoi(href) : undefined
      if (doi) return doi
    }
  }
  return undefined
}

function listingEntry(dt: Element, base: string): FoundCard | undefined {
  const abstractLink = dt.querySelector('a[title="Abstract"]')
  if (!abstractLink) return undefined
  const href = abstractLink.getAttribute('href')
  const id = (href ? linkedId(href, base) : null) ?? parseArxivId((abstractLink.getAttribute('id') ?? '').trim())
  if (!id) return undefined
  const next = dt.nextElementSibling
  const dd = next?.localName === 'dd' ? next : undefined
  const parts = dd ? entryParts(dd) : {}
  const card = withLazyRef(
    {
      element: dt,
      controlsAfter: parts.title ?? abstractLink,
      layout: 'card',
      key: arxivKey(id.id),
      ...(dd ? { companions: [dd] } : {}),
    },
    () =>
      paperRef(id.id, versionIn(dt.getElementsByTagName('a'), id, base), {
        title: withoutLabel(fieldText(parts.title), 'Title:'),
        authors: parts.authors ? authorNames(parts.authors.getElementsByTagName('a')) : [],
        abstract: parts.abstract ? fieldText(parts.abstract) : undefined,
        primaryCategory: primarySubject(parts.subjects),
        comments: parts.comments ? withoutLabel(fieldText(parts.comments), 'Comments:') : undefined,
        journalRef: parts.journalRef ? withoutLabel(fieldText(parts.journalRef), 'Journal-ref:') : undefined,
        doi: doiLinkedIn(parts),
      }),
  )
  return card
}

function listingCards(doc: Document, base: string): FoundCard[] {
  const cards: FoundCard[] = []
  const dts = doc.getElementsByTagName('dt')
  for (let i = 0; i < dts.length; i += 1) {
    const dt = dts[i]
    const card = dt ? listingEntry(dt, base) : undefined
    if (card) cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Search results: /search/?query=…, /search/advanced?… — one li.arxiv-result per paper
// ---------------------------------------------------------------------------------------------

/** "Submitted 23 May, 2024; v1 submitted 22 April, 2024; originally announced April 2024." → the v1 date. */
function submittedDate(text: string): string | undefined {
  const match = /\bv1 submitted (\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})/.exec(text) ?? /\bSubmitted (\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})/.exec(text)
  return match ? isoDate(match[3] ?? '', match[2] ?? '', match[1] ?? '') : undefined
}

function searchAbstract(result: Element): string | undefined {
  const full = result.querySelector('span.abstract-full')
  if (full) return withoutSuffix(cleanText(fieldText(full), Number.MAX_SAFE_INTEGER), ['△ Less'])
  const short = result.querySelector('span.abstract-short')
  if (short) return withoutSuffix(cleanText(fieldText(short), Number.MAX_SAFE_INTEGER), ['▽ More'])
  const paragraph = result.querySelector('p.abstract')
  return paragraph ? withoutLabel(fieldText(paragraph), 'Abstract:') : undefined
}

function searchResult(result: Element, base: string): FoundCard | undefined {
  const idLink = result.querySelector('p.list-title a')
  const href = idLink?.getAttribute('href')
  const id = href ? linkedId(href, base) : null
  if (!idLink || !id) return undefined
  const heading = result.querySelector('p.title')
  const readRef = (): PaperRef => {
  const shown: Shown = {
    title: fieldText(heading),
    authors: authorNames(result.querySelectorAll('p.authors a')),
    abstract: searchAbstract(result),
    primaryCategory: categoryCode(result.querySelector('.tags span.tag')?.textContent),
    doi: journalDoi(result.querySelector('a[href^="https://doi.org/"]')?.getAttribute('href')),
  }
  for (const line of result.querySelectorAll('p.is-size-7')) {
    const text = cleanText(fieldText(line), LIMITS.noteLength)
    if (line.classList.contains('comments')) {
      if (text.startsWith('Comments:')) shown.comments ??= withoutLabel(text, 'Comments:')
      else if (text.startsWith('Journal ref:')) shown.journalRef ??= withoutLabel(text, 'Journal ref:')
    } else {
      shown.published ??= submittedDate(text)
    }
  }
  return paperRef(id.id, versionIn(result.getElementsByTagName('a'), id, base), shown)
  }
  return withLazyRef(
    { element: result, controlsAfter: heading ?? idLink.parentElement ?? idLink, layout: 'card', key: arxivKey(id.id) },
    readRef,
  )
}

function searchCards(doc: Document, base: string): FoundCard[] {
  const cards: FoundCard[] = []
  for (const result of doc.querySelectorAll('li.arxiv-result')) {
    const card = searchResult(result, base)
    if (card) cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Abstract page: /abs/ID[vN]
// ---------------------------------------------------------------------------------------------

function metaContent(doc: Document, name: string): string | undefined {
  return doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? undefined
}

/** `citation_author` is "Last, First"; the page shows "First Last". */
function citationAuthors(doc: Document): string[] {
  const names: string[] = []
  for (const tag of doc.querySelectorAll('meta[name="citation_author"]')) {
    const raw = tag.getAttribute('content') ?? ''
    const comma = raw.indexOf(',')
    const name = cleanText(comma > 0 ? `${raw.slice(comma + 1)} ${raw.slice(0, comma)}` : raw, LIMITS.authorLength)
    if (name) names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}

function absJournalRef(doc: Document): string | undefined {
  // Report numbers use the same `tablecell jref` cell; only the label tells them apart.
  for (const cell of doc.querySelectorAll('td.tablecell.jref')) {
    const label = cell.previousElementSibling?.textContent?.toLowerCase()
    if (label === undefined || label.includes('journal')) return withoutLabel(fieldText(cell), 'Journal-ref:')
  }
  return undefined
}

function absPublished(doc: Document, metaApplies: boolean): string | undefined {
  const date = metaApplies ? metaContent(doc, 'citation_date') : undefined
  const fromMeta = date ? /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(date.trim()) : null
  if (fromMeta) return isoDate(fromMeta[1] ?? '', Number(fromMeta[2]), fromMeta[3] ?? '')
  const dateline = cleanText(doc.querySelector('.dateline')?.textContent, LIMITS.noteLength)
  const match = /Submitted on (\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})/.exec(dateline)
  return match ? isoDate(match[3] ?? '', match[2] ?? '', match[1] ?? '') : undefined
}

function absDoi(doc: Document, metaApplies: boolean): string | undefined {
  const fromMeta = metaApplies ? journalDoi(metaContent(doc, 'citation_doi')) : undefined
  if (fromMeta) return fromMeta
  for (const link of doc.querySelectorAll('td.tablecell.doi a')) {
    const doi = journalDoi(link.getAttribute('data-doi')) ?? journalDoi(link.getAttribute('href'))
    if (doi) return doi
  }
  return undefined
}

function absPageCard(doc: Document, url: URL): FoundCard[] {
  const id = arxivIdFromUrl(url.href)
  const heading = doc.querySelector('h1.title')
  const container = heading?.parentElement
  if (!id || !heading || !container) return []
  // The citation_* tags describe the page's paper; if they name another one, do not use them.
  const citedId = metaContent(doc, 'citation_arxiv_id')
  const metaApplies = citedId === undefined || parseArxivId(citedId.trim())?.id === id.id
  const pageMeta = (name: string) => (metaApplies ? metaContent(doc, name) : undefined)

  const pdf = pageMeta('citation_pdf_url')
  const fromPdf = pdf ? arxivIdFromUrl(pdf) : null
  let version = versionIn(doc.getElementsByTagName('a'), id, url.href)
  if (fromPdf?.id === id.id && fromPdf.version !== undefined && (version === undefined || fromPdf.version > version)) {
    version = fromPdf.version
  }

  const authorLinks = doc.querySelector('div.authors')?.getElementsByTagName('a')
  const authors = authorLinks ? authorNames(authorLinks) : []
  const abstract = withoutLabel(fieldText(doc.querySelector('blockquote.abstract')), 'Abstract:')
  const comments = doc.querySelector('td.tablecell.comments')
  const subject = doc.querySelector('td.tablecell.subjects .primary-subject') ?? doc.querySelector('.primary-subject')
  const shown: Shown = {
    title: withoutLabel(fieldText(heading), 'Title:').trim() || (pageMeta('citation_title') ?? ''),
    authors: authors.length > 0 ? authors : metaApplies ? citationAuthors(doc) : [],
    abstract: abstract.trim() ? abstract : pageMeta('citation_abstract'),
    primaryCategory: categoryCode(subject?.textContent),
    comments: comments ? fieldText(comments) : undefined,
    journalRef: absJournalRef(doc),
    doi: absDoi(doc, metaApplies),
    published: absPublished(doc, metaApplies),
  }
  return [{ element: container, controlsAfter: heading, layout: 'detail', key: arxivKey(id.id), ref: paperRef(id.id, version, shown) }]
}

// ---------------------------------------------------------------------------------------------

function isCardPage(pathname: string): boolean {
  return (
    pathname.startsWith('/list/') ||
    pathname === '/catchup' ||
    pathname.startsWith('/catchup/') ||
    pathname === '/search' ||
    pathname.startsWith('/search/') ||
    pathname.startsWith('/abs/')
  )
}

export const arxiv: SiteAdapter = {
  id: 'arxiv',
  matches: (url) => HOSTS.has(url.hostname) && isCardPage(url.pathname),
  findCards: (doc, url) => {
    try {
      if (url.pathname.startsWith('/abs/')) return absPageCard(doc, url)
      if (url.pathname === '/search' || url.pathname.startsWith('/search/')) return searchCards(doc, url.href)
      return listingCards(doc, url.href)
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
}
