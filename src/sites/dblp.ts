import { DBLP_KEY, dblpRecordUrl } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { clampText, cleanText } from '../core/text'
import { authorNames } from './lib/authors'
import { fieldText } from './lib/field-text'
import { identityFromLinks, idsLinkedBy, type LinkedIds, withLinkedIds } from './lib/linked-ids'
import { defineSite, withLazyRef, type FoundCard } from './site'

/**
 * dblp.org and the two mirrors that still serve the same pages under their own host (their links stay
 * on it): the University of Trier's, where dblp started, and Schloss Dagstuhl's.
 */
const HOSTS = ['dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de'] as const

/** A person's publications: `/pid/97/4275.html`, also linked without `.html`. */
const PERSON_PATH = /^\/pid\/[\w-]+\/[\w-]+(?:\.html)?$/
/**
 * A proceedings or journal volume's table of contents: `/db/conf/at/at2012.html`, `/db/journals/tods/tods31.html`.
 * A venue's `index.html` lists its volumes, not papers.
 */
const TOC_PATH = /^\/db\/(?:conf|journals)\/[\w-]+\/(?!index\.html$)[\w-]+\.html$/
/** Search everything (`/search?q=`) or publications only (`/search/publ?q=`). */
const SEARCH_PATH = /^\/search(?:\/publ)?$/

/**
 * The links to an entry's electronic editions, in its "view" menu: `li.ee` items on today's pages, and
 * on older ones (2015) the menu's only links marked `itemprop="url"`.
 */
const EDITION_LINKS = 'nav.publ li.ee a[href], nav.publ a[itemprop="url"][href]'

function dblpKey(key: string): PaperKey {
  return `dblp:${key}`
}

/** Keyed by the arXiv id, else the DOI, else the dblp key; the dblp key is always one of them. */
function identityOf(key: string, ids: LinkedIds): { key: PaperKey; aliases?: PaperKey[] } {
  return identityFromLinks(dblpKey(key), ids)
}

/** dblp ends every title with a period of its own ("Attention is All you Need."); other final marks are the title's. */
function titleText(title: Element | null): string {
  return cleanText(fieldText(title).replace(/(?<!\.)\.\s*$/, ''), LIMITS.titleLength)
}

function yearOf(data: Element): string | undefined {
  const date = data.querySelector('[itemprop="datePublished"]')
  const year = (date?.getAttribute('content') ?? date?.textContent ?? '').trim()
  return /^\d{4}$/.test(year) ? year : undefined
}

/** What follows the title in an entry's citation: its venue as dblp writes it ("Empir. Softw. Eng. 27(3): 76 (2022)"). */
function textAfter(title: Element): string {
  let text = ''
  for (let node = title.nextSibling; node; node = node.nextSibling) text += node.textContent ?? ''
  return text
}

/**
 * Where the paper appeared: the venue its citation names, or on a table of contents (whose entries name
 * none) the volume in the page's heading. CoRR and other informal publications have no venue to cite.
 */
function venueOf(entry: Element, data: Element, title: Element | null, pageVenue: () => string | undefined): string | undefined {
  if (entry.classList.contains('informal')) return undefined
  const shown = title && data.querySelector('[itemprop="isPartOf"]') ? textAfter(title) : pageVenue()
  const venue = cleanText(shown, LIMITS.fieldLength)
  if (!venue) return undefined
  const year = yearOf(data)
  // The year goes in before the cut, so a venue as long as the limit still ends with it.
  return year && !venue.includes(year) ? `${clampText(venue, LIMITS.fieldLength - year.length - 2)}, ${year}` : venue
}

function entryCard(entry: Element, pageVenue: () => string | undefined): FoundCard | undefined {
  const key = entry.getAttribute('id') ?? ''
  // Editorships are the proceedings volumes a person edited (and what a venue's index lists), not papers.
  if (!DBLP_KEY.test(key) || entry.classList.contains('editor')) return undefined
  const data = entry.querySelector('.data')
  if (!data) return undefined
  const title = data.querySelector('.title')
  // CoRR entries link their arXiv DOI.
  const ids = idsLinkedBy(entry.querySelectorAll(EDITION_LINKS))
  const identity = identityOf(key, ids)
  return withLazyRef({ element: entry, controlsAfter: title ?? data, layout: 'card', ...identity }, () => {
    const ref: PaperRef = {
      ...identity,
      title: titleText(title) || `dblp ${key}`,
      authors: authorNames(data.querySelectorAll('[itemprop="author"] [itemprop="name"]')),
      site: 'dblp',
      url: dblpRecordUrl(key),
    }
    const venue = venueOf(entry, data, title, pageVenue)
    if (venue) ref.journalRef = venue
    return withLinkedIds(ref, ids)
  })
}

/** The volume a table of contents lists, as its heading names it ("1. AT 2012: Dubrovnik, Croatia"). */
function tocVenue(doc: Document): () => string | undefined {
  let venue: { value?: string } | undefined
  return () => (venue ??= { value: cleanText(doc.querySelector('#headline h1')?.textContent, LIMITS.fieldLength) || undefined }).value
}

/** Every publication listed: person pages and search results interleave year headers, which are no cards. */
function listedCards(doc: Document, url: URL): FoundCard[] {
  const pageVenue = TOC_PATH.test(url.pathname) ? tocVenue(doc) : () => undefined
  const cards: FoundCard[] = []
  for (const entry of doc.querySelectorAll('ul.publ-list > li.entry')) {
    const card = entryCard(entry, pageVenue)
    if (card) cards.push(card)
  }
  return cards
}

function isSearch(url: URL): boolean {
  return SEARCH_PATH.test(url.pathname) && url.searchParams.has('q')
}

/** A search whose publication results say they found nothing: their metadata counts no matches. */
function searchFoundNothing(doc: Document, url: URL): boolean {
  return isSearch(url) && doc.querySelector('#completesearch-publs .metadata[data-matches="0"]') !== null
}

const ORIGIN = 'https://dblp.org'

const EXAMPLES = [
  {
    name: 'person',
    url: 'https://dblp.uni-trier.de/pid/97/4275.html',
    fixture: 'person.html',
    keys: [
      'dblp:conf/aaai/PeelC15',
      'arxiv:1504.05872',
      'doi:10.1186/1471-2105-15-220',
      'arxiv:1403.0989',
      'dblp:conf/cscw/MasonC13',
      'doi:10.1137/070710111',
      'arxiv:physics/0610051',
    ],
  },
  {
    name: 'toc',
    url: `${ORIGIN}/db/conf/at/at2012.html`,
    fixture: 'toc.html',
    keys: [
      'dblp:conf/at/Sierra12',
      'dblp:conf/at/Noriega12',
      'dblp:conf/at/Plaza12',
      'dblp:conf/at/GarciaGB12',
      'dblp:conf/at/HermosoC12',
      'dblp:conf/at/HornauerFLS12',
    ],
  },
  {
    name: 'search',
    url: `${ORIGIN}/search?q=calefato`,
    fixture: 'search.html',
    keys: [
      'arxiv:2404.19756',
      'doi:10.1109/esem56168.2023.10304796',
      'arxiv:2303.14702',
      'arxiv:2307.10774',
      'doi:10.1007/s10664-021-10012-6',
      'doi:10.1007/978-3-030-78307-5_17',
      'arxiv:2202.07233',
      'dblp:conf/aiia/QuarantaCL21',
    ],
  },
  { name: 'lateSearch', url: `${ORIGIN}/search/publ?q=calefato`, fixture: 'late-search.html', keys: [], noCards: 'notRenderedYet' },
  { name: 'noMatches', url: `${ORIGIN}/search?q=qqxqzvvrk`, fixture: 'no-matches.html', keys: [], noCards: 'nothingListed' },
  {
    name: 'changedMarkup',
    url: 'https://dblp.dagstuhl.de/db/conf/at/at2012.html',
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
] as const

export const dblp = defineSite({
  id: 'dblp',
  label: 'dblp',
  // Person pages, tables of contents under /db/conf/ and /db/journals/ (a pattern can't tell a venue's
  // index.html from a volume: `matches` does), and searches. Record pages, exports and APIs are none of them.
  pages: HOSTS.flatMap((host) => [
    `https://${host}/pid/*`,
    `https://${host}/db/conf/*.html`,
    `https://${host}/db/journals/*.html`,
    `https://${host}/search?q=*`,
    `https://${host}/search/publ?q=*`,
  ]),
  matches: (url) => PERSON_PATH.test(url.pathname) || TOC_PATH.test(url.pathname) || isSearch(url),
  findCards: (doc, url) => {
    try {
      return listedCards(doc, url)
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  hasNoPapers: searchFoundNothing,
  examples: EXAMPLES,
})
