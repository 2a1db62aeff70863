import { arxivIdFromUrl, arxivKey, type ArxivId } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { authorNames } from './lib/authors'
import { isoDate } from './lib/dates'
import { doiFromLink, journalDoi } from './lib/doi'
import { fieldText } from './lib/field-text'
import { withoutLabel } from './lib/labels'
import { defineSite, withLazyRef, type FoundCard } from './site'
import { siteUrl } from './lib/site-link'
import { withLinkedIds } from './lib/linked-ids'

const HOST = 'www.semanticscholar.org'
const ORIGIN = `https://${HOST}`

/** `/paper/<slug>/<sha>` or `/paper/<sha>`: a paper's own page, named by its 40-hex Semantic Scholar id. */
const PAPER_PATH = /^\/paper\/(?:[^/]+\/)?([0-9a-f]{40})\/?$/i
const AUTHOR_PATH = /^\/author\/[^/]+\/\d+\/?$/

interface Ids {
  sha: string
  arxiv?: ArxivId
  doi?: string
}

function s2Key(sha: string): PaperKey {
  return `s2:${sha}`
}

/** The best id a paper shows: arXiv, then DOI, then Semantic Scholar's own. */
function keyOf(ids: Ids): PaperKey {
  if (ids.arxiv) return arxivKey(ids.arxiv.id)
  if (ids.doi) return `doi:${ids.doi}`
  return s2Key(ids.sha)
}

/** The ids the paper shows besides its key. */
function aliasesOf(ids: Ids): PaperKey[] {
  const all = [ids.arxiv ? arxivKey(ids.arxiv.id) : undefined, ids.doi ? `doi:${ids.doi}` : undefined, s2Key(ids.sha)]
  const key = keyOf(ids)
  return all.filter((id): id is PaperKey => id !== undefined && id !== key)
}

/** The paper page a link points to, as its lowercased id and its absolute URL (without query or fragment). */
function paperLink(href: string | null): { sha: string; url: string } | undefined {
  const url = siteUrl(href, ORIGIN)
  if (!url) return undefined
  const sha = url.hash ? undefined : PAPER_PATH.exec(url.pathname)?.[1]
  return sha ? { sha: sha.toLowerCase(), url: `${ORIGIN}${url.pathname}` } : undefined
}

/** The arXiv paper and the DOI the links inside `root` point to; a DOI only when the links agree on one. */
function linkedIds(root: Element): { arxiv?: ArxivId; doi?: string } {
  let arxiv: ArxivId | undefined
  const dois = new Set<string>()
  for (const link of root.querySelectorAll('a[href]')) {
    let href: string
    try {
      href = new URL(link.getAttribute('href') ?? '', ORIGIN).href
    } catch {
      continue
    }
    arxiv ??= arxivIdFromUrl(href) ?? undefined
    const doi = doiFromLink(href)
    if (doi) dois.add(doi)
  }
  return { arxiv, doi: dois.size === 1 ? [...dois][0] : undefined }
}

/** "1 May 1998" → 1998-05-01. A year alone ("2025") is not a date. */
function shownDate(text: string | null | undefined): string | undefined {
  const match = /^\s*(\d{1,2}) ([A-Za-z]+) (\d{4})\s*$/.exec(text ?? '')
  return match ? isoDate(match[3] ?? '', match[2] ?? '', match[1] ?? '') : undefined
}

/** Buttons ("TLDR", "Expand") are not part of the text they sit in. */
const isButton = (element: Element): boolean => element.localName === 'button'

interface Shown {
  title: string | null | undefined
  authors: string[]
  abstract?: string
  published?: string
  url: string
}

function paperRef(ids: Ids, shown: Shown): PaperRef {
  const ref: PaperRef = {
    key: keyOf(ids),
    title: cleanText(shown.title, LIMITS.titleLength) || `Semantic Scholar ${ids.sha}`,
    authors: shown.authors,
    site: 'semanticscholar',
    url: shown.url,
  }
  withLinkedIds(ref, ids)
  const abstract = cleanText(shown.abstract, LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  if (shown.published) ref.published = shown.published
  return ref
}

// ---------------------------------------------------------------------------------------------
// Lists: search results and an author's papers — one row per paper, found from its title link
// ---------------------------------------------------------------------------------------------

/** Links to a paper page that carry its title (the citation count links to the same page with `#citing-papers`). */
function titleLinks(root: ParentNode): { link: Element; sha: string; url: string }[] {
  const found: { link: Element; sha: string; url: string }[] = []
  for (const link of root.querySelectorAll('a[href*="/paper/"]')) {
    const paper = paperLink(link.getAttribute('href'))
    if (paper && link.querySelector('h1, h2, h3, h4')) found.push({ link, ...paper })
  }
  return found
}

/**
 * The row a title link belongs to: the element Semantic Scholar names by the paper's id, else its
 * row class, else the largest ancestor that holds no other paper's title.
 */
function rowOf(link: Element, sha: string, others: readonly { link: Element; sha: string }[]): Element {
  const named = link.closest('[data-paper-id], .cl-paper-row')
  if (named) return named
  let row = link.parentElement ?? link
  for (let parent = row.parentElement; parent && parent.localName !== 'body'; parent = parent.parentElement) {
    if (others.some((other) => other.sha !== sha && parent.contains(other.link))) break
    row = parent
  }
  return row
}

function listCards(doc: Document): FoundCard[] {
  const links = titleLinks(doc)
  const seen = new Set<Element>()
  const cards: FoundCard[] = []
  for (const { link, sha, url } of links) {
    const row = rowOf(link, sha, links)
    if (seen.has(row)) continue
    seen.add(row)
    const ids: Ids = { sha, ...linkedIds(row) }
    cards.push(
      withLazyRef({ element: row, controlsAfter: link, layout: 'card', key: keyOf(ids), aliases: aliasesOf(ids) }, () =>
        paperRef(ids, {
          title: fieldText(link),
          authors: authorNames(row.querySelectorAll('a[href^="/author/"]')),
          abstract: fieldText(row.querySelector('.tldr-abstract-replacement, .cl-paper-abstract'), isButton),
          published: shownDate(row.querySelector('.cl-paper-pubdates')?.textContent),
          url,
        }),
      ),
    )
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Paper page: /paper/<slug>/<sha>
// ---------------------------------------------------------------------------------------------

function paperCard(doc: Document, url: URL, sha: string): FoundCard[] {
  const heading = doc.querySelector('h1[data-test-id="paper-detail-title"]')
  // The header, not the page: the citation and reference lists below it link other papers.
  const header = heading?.closest('#paper-header') ?? heading?.parentElement
  if (!heading || !header) return []
  const shownDoi = journalDoi(
    withoutLabel(cleanText(header.querySelector('[data-test-id="paper-doi"]')?.textContent, LIMITS.fieldLength), 'DOI:'),
  )
  const linked = linkedIds(header)
  const ids: Ids = { sha, arxiv: linked.arxiv, doi: shownDoi ?? linked.doi }
  const key = keyOf(ids)
  return [
    {
      element: header,
      controlsAfter: heading,
      layout: 'detail',
      key,
      aliases: aliasesOf(ids),
      ref: paperRef(ids, {
        title: fieldText(heading),
        authors: authorNames(header.querySelectorAll('a[href^="/author/"]')),
        abstract: fieldText(header.querySelector('[data-test-id="text-truncator-text"], .abstract__text'), isButton),
        published: shownDate(header.querySelector('[data-test-id="paper-year"]')?.textContent),
        url: `${ORIGIN}${url.pathname.replace(/\/$/, '')}`,
      }),
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const SEARCH = `${ORIGIN}/search?q=ego%20depletion&sort=relevance`
const PAPER_SHA = 'e94e574a4c158cabc32ed1f592ab519ac9a2928b'

/** The saved search's results in page order: PubMed-, DOI-, arXiv- and PDF-linked papers. */
const SEARCH_KEYS = [
  's2:516c2035d29bb711be2e027be4ad38224419065a',
  'doi:10.1177/15480518241305683',
  'doi:10.1016/j.copsyc.2024.101882',
  's2:fd5804448d4c1ec99859bc59836e8e37fa9a2e6a',
  'arxiv:2404.07143',
  'arxiv:2404.14219',
  'doi:10.1016/j.ijhm.2025.104121',
  'doi:10.1007/s12144-025-07762-7',
  's2:5814471580b6a3bf7f3138550dab425399cc720b',
  'doi:10.1186/s40359-024-02326-z',
]

const EXAMPLES = [
  { name: 'search', url: SEARCH, fixture: 'search.html', keys: SEARCH_KEYS },
  { name: 'searchPage2', url: `${SEARCH}&page=2`, fixture: 'search-page-2.html', keys: SEARCH_KEYS.slice(5) },
  {
    name: 'author',
    url: `${ORIGIN}/author/D.-Tice/6720529`,
    fixture: 'author.html',
    keys: ['s2:516c2035d29bb711be2e027be4ad38224419065a', 'doi:10.1016/j.copsyc.2024.101882'],
  },
  {
    name: 'paper',
    url: `${ORIGIN}/paper/Exploitative-Leadership-and-Employees%E2%80%99-Unethical-of-Nie-Wang/${PAPER_SHA}`,
    fixture: 'paper.html',
    keys: ['doi:10.1177/15480518241305683'],
  },
  { name: 'paperById', url: `${ORIGIN}/paper/${PAPER_SHA}`, fixture: 'paper.html', keys: ['doi:10.1177/15480518241305683'] },
  {
    name: 'noResults',
    url: `${ORIGIN}/search?q=qqxqzvvrk%20ego%20depletion`,
    fixture: 'no-results.html',
    keys: [],
    noCards: 'nothingListed',
  },
] as const

export const semanticscholar = defineSite({
  id: 'semanticscholar',
  label: 'Semantic Scholar',
  // The home page lists nothing, but the app goes from its search box to `/search` without loading
  // a new document: the content script has to be running there already to annotate the results.
  pages: [`${ORIGIN}/`, `${ORIGIN}/search?*`, `${ORIGIN}/author/*`, `${ORIGIN}/paper/*`],
  matches: (url) =>
    (url.pathname === '/search' && Boolean(url.searchParams.get('q'))) || AUTHOR_PATH.test(url.pathname) || PAPER_PATH.test(url.pathname),
  findCards: (doc, url) => {
    try {
      const sha = PAPER_PATH.exec(url.pathname)?.[1]
      return sha ? paperCard(doc, url, sha.toLowerCase()) : listCards(doc)
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  // The rendered result page with no paper in it; while the app is still loading there is no result page at all.
  hasNoPapers: (doc, url) => {
    if (url.pathname !== '/search') return false
    const page = doc.querySelector('[data-test-id="result-page"]')
    return page !== null && titleLinks(page).length === 0
  },
  examples: EXAMPLES,
})
