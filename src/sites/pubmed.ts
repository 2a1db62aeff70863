import { pubmedUrl } from '../core/identity'
import { PMID } from '../core/key-kinds'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { authorNames, commaSeparatedNames } from './lib/authors'
import { isoDate } from './lib/dates'
import { journalDoi } from './lib/doi'
import { arxivLinkedIn, identityFromLinks, type LinkedIds } from './lib/linked-ids'
import { defineSite, withLazyRef, type FoundCard } from './site'
import { siteUrl } from './lib/site-link'

const HOST = 'pubmed.ncbi.nlm.nih.gov'
const ORIGIN = `https://${HOST}`

const ARTICLE_PATH = /^\/([1-9]\d{0,9})\/?$/

/** The paper an article link (`/12345678/`, `https://pubmed.ncbi.nlm.nih.gov/12345678/`) points to. */
function pmidFromHref(href: string | null | undefined): string | undefined {
  const url = siteUrl(href, ORIGIN)
  if (!url) return undefined
  return ARTICLE_PATH.exec(url.pathname)?.[1]
}

function asPmid(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim()
  return trimmed && PMID.test(trimmed) ? trimmed : undefined
}

/** The DOI a citation line names: "Curr Probl Cardiol. 2022 Jul;47(7):101203. doi: 10.1016/j.cpcardiol.2022.101203. Epub …". */
function doiInCitation(text: string): string | undefined {
  const match = /\bdoi:\s*(10\.\d{4,9}\/\S+)/i.exec(text)
  return match ? journalDoi(match[1]) : undefined
}

/** A full date ("2023 Nov 21") right after the journal name; a month or a year alone is not a clear date. */
function citationDate(text: string): string | undefined {
  const match = /^[^.]*\.\s+(\d{4}) ([A-Z][a-z]{2}) (\d{1,2})(?=[;:.\s]|$)/.exec(text.trim())
  return match ? isoDate(match[1] ?? '', match[2] ?? '', match[3] ?? '') : undefined
}

/** "Lightbourne A, Foley S, Cronin M." → one name per author, as PubMed abbreviates them. */
function authorList(text: string | null | undefined): string[] {
  return commaSeparatedNames(text?.replace(/\.\s*$/, ''))
}

interface Ids extends LinkedIds {
  pmid: string
}

/** The ids a paper shows: keyed by the best (arXiv, then DOI, then PMID), the others its aliases. */
function identityOf(ids: Ids): { key: PaperKey; aliases?: PaperKey[] } {
  return identityFromLinks(`pmid:${ids.pmid}`, ids)
}

interface Shown {
  title: string | null | undefined
  authors: string[]
  abstract?: string | null
  published?: string
}

function paperRef(ids: Ids, shown: Shown): PaperRef {
  const ref: PaperRef = {
    ...identityOf(ids),
    title: cleanText(shown.title, LIMITS.titleLength) || `PMID ${ids.pmid}`,
    authors: shown.authors,
    site: 'pubmed',
    url: pubmedUrl(ids.pmid),
  }
  if (ids.arxiv) ref.arxivId = ids.arxiv.id
  if (ids.doi) ref.doi = ids.doi
  const abstract = cleanText(shown.abstract, LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  if (shown.published) ref.published = shown.published
  return ref
}

// ---------------------------------------------------------------------------------------------
// Search results: /?term=… — one article.full-docsum per paper
// ---------------------------------------------------------------------------------------------

function resultCard(article: Element): FoundCard | undefined {
  const title = article.querySelector('a.docsum-title')
  const pmid =
    asPmid(title?.getAttribute('data-article-id')) ??
    asPmid(article.querySelector('span.docsum-pmid')?.textContent) ??
    pmidFromHref(title?.getAttribute('href'))
  if (!pmid) return undefined
  const citation = cleanText(article.querySelector('span.docsum-journal-citation.full-journal-citation')?.textContent, LIMITS.fieldLength)
  const ids: Ids = { pmid, doi: doiInCitation(citation), arxiv: arxivLinkedIn(article) }
  const heading = title ?? article.querySelector('span.docsum-pmid')
  if (!heading) return undefined
  return withLazyRef({ element: article, controlsAfter: heading, layout: 'card', ...identityOf(ids) }, () =>
    paperRef(ids, {
      title: title?.textContent,
      authors: authorList(article.querySelector('span.docsum-authors.full-authors')?.textContent),
      published: citationDate(citation),
    }),
  )
}

function resultCards(doc: Document): FoundCard[] {
  // Results are found from what carries their id: the title link, or the PMID line when the title link lost it.
  const results = new Set<Element>()
  for (const anchor of doc.querySelectorAll('a.docsum-title[data-article-id], a.docsum-title[href], span.docsum-pmid')) {
    const article = anchor.closest('article')
    if (article) results.add(article)
  }
  const cards: FoundCard[] = []
  for (const article of doc.getElementsByTagName('article')) {
    const card = results.has(article) ? resultCard(article) : undefined
    if (card) cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Article page: /<PMID>/
// ---------------------------------------------------------------------------------------------

function articleCard(doc: Document, pmid: string): FoundCard[] {
  const heading = doc.querySelector('#full-view-heading h1.heading-title') ?? doc.querySelector('h1.heading-title')
  const container = heading?.parentElement
  if (!heading || !container) return []
  const identifiers = doc.querySelector('#full-view-identifiers')
  const shownPmid = asPmid(identifiers?.querySelector('.identifier.pubmed .current-id')?.textContent)
  // Identifiers that name another paper than the one in the address bar are not this paper's.
  const own = shownPmid === undefined || shownPmid === pmid
  const doiLink = own ? identifiers?.querySelector('.identifier.doi a.id-link') : null
  const doi = journalDoi(doiLink?.textContent?.trim()) ?? journalDoi(doiLink?.getAttribute('href'))
  const ids: Ids = { pmid, doi, arxiv: arxivLinkedIn(container) }
  const authors = doc.querySelector('.authors-list')?.querySelectorAll('.authors-list-item a.full-name')
  const abstract = doc.querySelector('#eng-abstract') ?? doc.querySelector('#abstract div.abstract-content')
  const cit = cleanText(container.querySelector('.article-source .cit')?.textContent, LIMITS.fieldLength)
  return [
    {
      element: container,
      controlsAfter: heading,
      layout: 'detail',
      ...identityOf(ids),
      ref: paperRef(ids, {
        title: heading.textContent,
        authors: authors ? authorNames(authors) : [],
        abstract: abstract?.textContent,
        published: citationDate(`. ${cit}`),
      }),
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const SEARCH_PAGE_1 = `${ORIGIN}/?term=endometriosis&sort=date&size=100`
const SEARCH_PAGE_2 = `${ORIGIN}/?term=(hypertension%5BTitle%5D)%20AND%20(food%5BText%20Word%5D)%20&page=2`

const EXAMPLES = [
  {
    name: 'search',
    url: SEARCH_PAGE_1,
    fixture: 'search.html',
    keys: ['doi:10.1177/10497323231214114', 'doi:10.1007/s00404-023-07246-8'],
  },
  {
    name: 'searchPage2',
    url: SEARCH_PAGE_2,
    fixture: 'search-page-2.html',
    keys: [
      'doi:10.3389/ijph.2022.1604850',
      'doi:10.1017/s000711451500402x',
      'doi:10.1016/j.cpcardiol.2022.101203',
      'doi:10.3389/fpubh.2025.1505462',
    ],
  },
  { name: 'article', url: `${ORIGIN}/35417736/`, fixture: 'article.html', keys: ['doi:10.1016/j.cpcardiol.2022.101203'] },
  { name: 'noResults', url: `${ORIGIN}/?term=qqxqzvvrk+endometriosis`, fixture: 'no-results.html', keys: [], noCards: 'nothingListed' },
  {
    name: 'changedMarkup',
    url: `${SEARCH_PAGE_2}&sort=date`,
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
] as const

export const pubmed = defineSite({
  id: 'pubmed',
  label: 'PubMed',
  // Searches are `/?term=…`; article pages are `/<PMID>/`, and PMIDs never start with 0.
  pages: [`${ORIGIN}/?*`, ...'123456789'.split('').map((digit) => `${ORIGIN}/${digit}*`)],
  findCards: (doc, url) => {
    try {
      const pmid = ARTICLE_PATH.exec(url.pathname)?.[1]
      if (pmid) return articleCard(doc, pmid)
      return url.pathname === '/' ? resultCards(doc) : []
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  // A search without results says "No results were found." in a results chunk that counts 0 results.
  hasNoPapers: (doc, url) => {
    if (url.pathname !== '/') return false
    const chunks = doc.querySelectorAll('.search-results-chunk[data-results-amount]')
    return chunks.length > 0 && [...chunks].every((chunk) => chunk.getAttribute('data-results-amount') === '0')
  },
  examples: EXAMPLES,
})
