import { arxivAbsUrl, arxivIdFromUrl, arxivKey, parseArxivId, type ArxivId } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { authorNames } from './lib/authors'
import { categoryCode } from './lib/category'
import { citationAuthors, metaContent } from './lib/citation-meta'
import { isoDate } from './lib/dates'
import { journalDoi } from './lib/doi'
import { fieldText } from './lib/field-text'
import { withoutLabel, withoutSuffix } from './lib/labels'
import { defineSite, withLazyRef, type FoundCard } from './site'

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
  const comments = cleanText(shown.comments, LIMITS.fieldLength)
  if (comments) ref.comments = comments
  const journalRef = cleanText(shown.journalRef, LIMITS.fieldLength)
  if (journalRef) ref.journalRef = journalRef
  if (shown.doi) ref.doi = shown.doi
  return ref
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
  const match =
    /\bv1 submitted (\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})/.exec(text) ?? /\bSubmitted (\d{1,2}) ([A-Za-z]{3,9}),? (\d{4})/.exec(text)
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
      const text = cleanText(fieldText(line), LIMITS.fieldLength)
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
  const dateline = cleanText(doc.querySelector('.dateline')?.textContent, LIMITS.fieldLength)
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
// The site: the pages it annotates, and saved pages with the cards found on them
// ---------------------------------------------------------------------------------------------

const ADVANCED_SEARCH =
  'https://arxiv.org/search/advanced?advanced=&terms-0-operator=AND&terms-0-term=quantized&terms-0-field=title' +
  '&classification-computer_science=y&classification-physics_archives=all&classification-include_cross_list=include' +
  '&date-filter_by=all_dates&date-year=&date-from_date=&date-to_date=&date-date_type=submitted_date' +
  '&abstracts=show&size=50&order=-announced_date_first&include_older_versions=y'

const EXAMPLES = [
  {
    name: 'listNew',
    url: 'https://arxiv.org/list/cs.LG/new',
    fixture: 'list-new.html',
    keys: [
      'arxiv:2607.01234',
      'arxiv:2607.01301',
      'arxiv:2607.01422',
      'arxiv:2607.01555',
      'arxiv:2607.00999',
      'arxiv:2607.01777',
      'arxiv:2601.04321',
      'arxiv:hep-th/9901001',
      'arxiv:2605.06543',
    ],
  },
  {
    name: 'recent',
    url: 'https://arxiv.org/list/cs.LG/recent',
    fixture: 'list-recent.html',
    keys: ['arxiv:2607.02001', 'arxiv:2607.02017', 'arxiv:2607.02044', 'arxiv:2607.01122', 'arxiv:2607.01188', 'arxiv:2607.01190'],
  },
  {
    name: 'pastweek',
    url: 'https://arxiv.org/list/cs.LG/pastweek?show=25',
    fixture: 'list-pastweek.html',
    keys: ['arxiv:2607.01234', 'arxiv:2607.02001', 'arxiv:2607.00412', 'arxiv:2607.00473', 'arxiv:2607.00488'],
  },
  {
    name: 'month',
    url: 'https://arxiv.org/list/cs.LG/2024-04',
    fixture: 'list-month.html',
    keys: ['arxiv:2404.02258', 'arxiv:2404.07143', 'arxiv:2404.14047', 'arxiv:2404.14219', 'arxiv:2404.19756'],
  },
  {
    name: 'legacy',
    url: 'https://arxiv.org/list/hep-th/9901',
    fixture: 'list-legacy.html',
    keys: ['arxiv:hep-th/9901001', 'arxiv:hep-th/9901002', 'arxiv:gr-qc/9901003'],
  },
  {
    name: 'catchup',
    url: 'https://arxiv.org/catchup/cs.LG/2026-07-01',
    fixture: 'catchup.html',
    keys: ['arxiv:2607.00412', 'arxiv:2607.00473', 'arxiv:2607.00488'],
  },
  {
    name: 'search',
    url: 'https://arxiv.org/search/?query=diffusion&searchtype=all',
    fixture: 'search.html',
    keys: ['arxiv:2607.01234', 'arxiv:2607.01777', 'arxiv:2404.14219', 'arxiv:2403.06973', 'arxiv:2401.08570'],
  },
  {
    name: 'advanced',
    url: ADVANCED_SEARCH,
    fixture: 'search-advanced.html',
    keys: ['arxiv:2404.14047', 'arxiv:2404.14047', 'arxiv:2402.17764'],
  },
  { name: 'abs', url: 'https://arxiv.org/abs/2404.14219v3', fixture: 'abs.html', keys: ['arxiv:2404.14219'] },
  {
    name: 'absOldStyle',
    url: 'https://arxiv.org/abs/hep-th/9901001',
    fixture: 'abs-old-style.html',
    keys: ['arxiv:hep-th/9901001'],
  },
  { name: 'absNeurips', url: 'https://arxiv.org/abs/2607.00488', fixture: 'abs-neurips.html', keys: ['arxiv:2607.00488'] },
  {
    name: 'changedMarkup',
    url: 'https://arxiv.org/list/cs.LG/new?skip=0&show=25',
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
  {
    name: 'noResults',
    url: 'https://arxiv.org/search/?query=qqxqzvvrk+diffusion&searchtype=all',
    fixture: 'no-results.html',
    keys: [],
    noCards: 'nothingListed',
  },
] as const

/**
 * A search page lists nothing when it was asked nothing (the simple or advanced search form) or says
 * its query found nothing ("… produced no results", "Sorry, your query returned no results").
 */
function searchListsNothing(doc: Document, url: URL): boolean {
  if (!url.pathname.startsWith('/search')) return false
  const asked = [...url.searchParams].some(([name, value]) => (name === 'query' || /^terms-\d+-term$/.test(name)) && value.trim() !== '')
  if (!asked) return true
  return [...doc.querySelectorAll('main p.has-text-warning, main h1.title')].some((element) =>
    /\bno results\b/.test(element.textContent ?? ''),
  )
}

const PAGE_PATHS = ['/list/*', '/catchup', '/catchup?*', '/catchup/*', '/search', '/search?*', '/search/*', '/abs/*']

export const arxiv = defineSite({
  id: 'arxiv',
  label: 'arXiv',
  pages: ['arxiv.org', 'www.arxiv.org'].flatMap((host) => PAGE_PATHS.map((path) => `https://${host}${path}`)),
  hasNoPapers: searchListsNothing,
  listingName: (url) => {
    const [, kind = '', ...rest] = url.pathname.split('/')
    if (kind === 'list') return rest.join('/')
    if (kind === 'catchup') return `catchup ${rest.join('/')}`
    return kind
  },
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
  reservedSlots: 'dl#articles > dd .list-title',
  examples: EXAMPLES,
})
