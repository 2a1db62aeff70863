import { arxivIdFromUrl, arxivKey, cardIdentity, parseArxivId, type ArxivId } from '../core/identity'
import { SCHOLAR_CLUSTER_ID } from '../core/key-kinds'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { doiFromLink } from './lib/doi'
import { fieldText } from './lib/field-text'
import { identityFromLinks, type LinkedIds, withLinkedIds } from './lib/linked-ids'
import { defineSite, withLazyRef, type FoundCard } from './site'

/**
 * Scholar's own host and the country hosts people most often land on (Google sends many users to
 * their country's domain). Host permissions must name exact hosts, so the list is kept short: on any
 * other Scholar domain, use scholar.google.com (it serves every language through `hl=`).
 */
export const SCHOLAR_HOSTS = [
  'scholar.google.com',
  'scholar.google.co.uk',
  'scholar.google.de',
  'scholar.google.fr',
  'scholar.google.ca',
  'scholar.google.com.au',
  'scholar.google.co.jp',
  'scholar.google.co.in',
  'scholar.google.com.br',
  'scholar.google.es',
  'scholar.google.it',
  'scholar.google.nl',
  'scholar.google.ch',
  'scholar.google.co.kr',
  'scholar.google.com.hk',
] as const

const MAIN_HOST = 'scholar.google.com'

/** Labels Scholar puts before a title: [PDF], [HTML], [BOOK], [CITATION]. */
const TITLE_LABELS = new Set(['gs_ctc', 'gs_ctg2', 'gs_ctu'])

const isTitleLabel = (element: Element): boolean => [...element.classList].some((name) => TITLE_LABELS.has(name))

/**
 * Authors from Scholar's "A Author, B Author - Venue, 2020 - host" line: the part before the first
 * " - ". Scholar cuts long lists with "…", so a cut name is dropped rather than kept half.
 */
function authorsFrom(line: string | null | undefined): string[] {
  if (!line) return []
  const dash = /\s-\s/.exec(line)
  const people = dash ? line.slice(0, dash.index) : line
  const names: string[] = []
  for (const part of people.split(',')) {
    const name = cleanText(part, LIMITS.authorLength)
    if (!name || name.endsWith('…') || name.endsWith('...')) continue
    names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}

/** The paper a card's links point to: the first arXiv link, else a DOI when the links agree on one. */
function linkedIdentity(links: readonly Element[], base: string): { arxiv?: ArxivId; doi?: string } {
  const hrefs: string[] = []
  for (const link of links) {
    const href = link.getAttribute('href')
    if (!href) continue
    let absolute: string
    try {
      absolute = new URL(href, base).href
    } catch {
      continue
    }
    const arxiv = arxivIdFromUrl(absolute)
    if (arxiv) return { arxiv }
    hrefs.push(absolute)
  }
  const dois = new Set(hrefs.map(doiFromLink).filter((doi): doi is string => doi !== undefined))
  return dois.size === 1 ? { doi: [...dois][0] } : {}
}

function scholarKey(id: string): PaperKey {
  return `scholar:${id}`
}

interface Shown {
  title: string
  authors: string[]
  url: string
}

type CardIds = ReturnType<typeof cardIdentity>

function paperRef(ids: CardIds, linked: LinkedIds, shown: Shown): PaperRef {
  const ref: PaperRef = {
    ...ids,
    title: cleanText(shown.title, LIMITS.titleLength) || 'Untitled',
    authors: shown.authors,
    site: 'scholar',
    url: shown.url,
  }
  return withLinkedIds(ref, linked)
}

// ---------------------------------------------------------------------------------------------
// Results: /scholar?q=…, ?cites=…, ?cluster=… — one div.gs_r[data-cid] per paper
// ---------------------------------------------------------------------------------------------

/** Scholar's own link for the result: its cluster (all versions), which "Cited by" names too. */
function resultUrl(result: Element, cid: string, host: string): string {
  for (const link of result.querySelectorAll('.gs_fl a[href*="cluster="], .gs_fl a[href*="cites="]')) {
    const match = /[?&](?:cluster|cites)=(\d{1,25})(?:&|$)/.exec(link.getAttribute('href') ?? '')
    if (match) return `https://${host}/scholar?cluster=${match[1]}`
  }
  return `https://${host}/scholar?q=info:${cid}:scholar.google.com/`
}

function resultCards(doc: Document, url: URL): FoundCard[] {
  const list = doc.getElementById('gs_res_ccl_mid')
  if (!list) return []
  const host = url.hostname
  const cards: FoundCard[] = []
  for (const result of list.querySelectorAll('div.gs_r[data-cid]')) {
    const cid = result.getAttribute('data-cid') ?? ''
    const heading = result.querySelector('h3.gs_rt')
    if (!SCHOLAR_CLUSTER_ID.test(cid) || !heading) continue
    const titleLink = heading.querySelector('a[href]')
    const links = [...(titleLink ? [titleLink] : []), ...result.querySelectorAll('div.gs_ggs a[href]')]
    const identity = linkedIdentity(links, url.href)
    const ids = identityFromLinks(scholarKey(cid), identity)
    cards.push(
      withLazyRef({ element: result, controlsAfter: heading, layout: 'card', ...ids }, () =>
        paperRef(ids, identity, {
          title: fieldText(heading, isTitleLabel),
          authors: authorsFrom(result.querySelector('div.gs_a')?.textContent),
          url: resultUrl(result, cid, host),
        }),
      ),
    )
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// A profile's publications: /citations?user=… — one tr.gsc_a_tr per paper
// ---------------------------------------------------------------------------------------------

/** `USER:ID` from the row's `citation_for_view=` link. */
function citationId(href: string | null): string | undefined {
  const match = /[?&]citation_for_view=([A-Za-z0-9_-]{1,40}:[A-Za-z0-9_-]{1,40})(?:&|$)/.exec(href ?? '')
  return match?.[1]
}

/** A profile row names arXiv preprints in its venue line ("arXiv preprint arXiv:2404.14219, 2024"). */
function arxivInVenue(venue: string | null | undefined): ArxivId | undefined {
  const match = /\barXiv:\s*([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?\b/.exec(venue ?? '')
  return (match?.[1] && parseArxivId(match[1] + (match[2] ?? ''))) || undefined
}

function profileCards(doc: Document, url: URL): FoundCard[] {
  const cards: FoundCard[] = []
  for (const row of doc.querySelectorAll('tr.gsc_a_tr')) {
    const titleLink = row.querySelector('a.gsc_a_at')
    const id = citationId(titleLink?.getAttribute('href') ?? null)
    if (!titleLink || !id) continue
    const [authorsLine, venueLine] = row.querySelectorAll('div.gs_gray')
    const arxiv = arxivInVenue(venueLine?.textContent)
    const ids = cardIdentity(arxiv && arxivKey(arxiv.id), scholarKey(id))
    const [user = '', citation = ''] = id.split(':')
    cards.push(
      withLazyRef({ element: row, controlsAfter: titleLink, layout: 'card', ...ids }, () =>
        paperRef(ids, arxiv ? { arxiv } : {}, {
          title: titleLink.textContent ?? '',
          authors: authorsFrom(authorsLine?.textContent),
          url: `https://${url.hostname}/citations?view_op=view_citation&user=${user}&citation_for_view=${user}:${citation}`,
        }),
      ),
    )
  }
  return cards
}

const QUERY =
  'Geology+of+the+Olympus+Range+area,southern+Victoria+Land,+Antarctica.+Isaac+M.J.,+Chinn+T.J.,+Edbrooke+S.W.,Forsyth+P.J.+1996'

/** The results of the saved search, in page order: arXiv-linked, DOI-linked and Scholar-only papers. */
const RESULTS_KEYS = [
  'scholar:4qAC3XBmStsJ',
  'arxiv:2404.14219',
  'scholar:eDyUGDpGRA4J',
  'scholar:dLNPlCNB8QkJ',
  'arxiv:2404.07143',
  'scholar:TVE33_MDk5YJ',
  'doi:10.1002/jqs.691',
  'scholar:Q_9n7Bgu5NoJ',
  'scholar:fHfqiP8NgnAJ',
  'scholar:fdjrhXUi8SEJ',
]

const EXAMPLES = [
  {
    name: 'results',
    url: `https://${MAIN_HOST}/scholar?hl=en&q=${QUERY}`,
    fixture: 'results.html',
    keys: RESULTS_KEYS,
  },
  {
    name: 'secondPage',
    url: `https://${MAIN_HOST}/scholar?start=10&hl=en&q=${QUERY}`,
    fixture: 'results-page2.html',
    keys: RESULTS_KEYS.slice(5),
  },
  {
    name: 'countryHost',
    url: `https://scholar.google.co.uk/scholar?hl=en&q=${QUERY}`,
    fixture: 'results.html',
    keys: RESULTS_KEYS,
  },
  {
    name: 'profile',
    url: `https://${MAIN_HOST}/citations?user=xTestUserAAAAJ&hl=en`,
    fixture: 'profile.html',
    keys: ['arxiv:2404.14219', 'scholar:xTestUserAAAAJ:d1gkVwhDpl0C', 'scholar:xTestUserAAAAJ:2osOgNQ5qMEC', 'arxiv:2404.07143'],
  },
  {
    name: 'empty',
    url: `https://${MAIN_HOST}/scholar?hl=en&q=zzqqxx+olympus+nonexistent`,
    fixture: 'empty.html',
    keys: [],
    noCards: 'nothingListed',
  },
  {
    name: 'changedMarkup',
    url: `https://${MAIN_HOST}/scholar?hl=en&q=olympus&as_ylo=2002`,
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
] as const

/**
 * A search without results: the result list is there and empty, and Scholar's message ("Your search -
 * … - did not match any articles.", in the page's language) follows it.
 */
function matchedNothing(doc: Document): boolean {
  const list = doc.getElementById('gs_res_ccl_mid')
  return list !== null && list.childElementCount === 0 && list.parentElement?.querySelector(':scope > .gs_r > .gs_med') != null
}

export const scholar = defineSite({
  id: 'scholar',
  label: 'Google Scholar',
  pages: SCHOLAR_HOSTS.flatMap((host) => [`https://${host}/scholar?*`, `https://${host}/citations?*`]),
  findCards: (doc, url) => (url.pathname === '/citations' ? profileCards(doc, url) : resultCards(doc, url)),
  hasNoPapers: (doc, url) => url.pathname === '/scholar' && matchedNothing(doc),
  examples: EXAMPLES,
})
