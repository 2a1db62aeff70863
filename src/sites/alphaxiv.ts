import { arxivKey, parseArxivId, type ArxivId } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { authorNames } from './lib/authors'
import { isoDate } from './lib/dates'
import { defineSite, withLazyRef, type FoundCard } from './site'
import { siteUrl } from './lib/site-link'

const HOST = 'www.alphaxiv.org'
const ORIGIN = `https://${HOST}`

/** `/abs/<id>` is the paper, `/overview/<id>` its generated blog post: both name the paper. */
const PAPER_PATH = /^\/(?:abs|overview)\/(.+?)\/?$/

function isPaperPath(pathname: string): boolean {
  return pathname.startsWith('/abs/') || pathname.startsWith('/overview/')
}

function paperIdFromPath(pathname: string): ArxivId | null {
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    return null
  }
  const match = PAPER_PATH.exec(path)
  return match?.[1] ? parseArxivId(match[1]) : null
}

function paperIdFromHref(href: string | null): string | undefined {
  const url = siteUrl(href, ORIGIN)
  if (!url) return undefined
  return paperIdFromPath(url.pathname)?.id
}

export function alphaxivPaperUrl(id: string): string {
  return `${ORIGIN}/abs/${id}`
}

const PAPER_LINKS = 'a[href*="/abs/"], a[href*="/overview/"]'

/** Where climbing from a paper link must stop: past these, an element is the page, not a card. */
const PAGE_PARTS = new Set(['html', 'body', 'main'])
const LANDMARKS = 'header, nav, footer, form, h1'

function isPagePart(element: Element): boolean {
  return PAGE_PARTS.has(element.localName) || element.querySelector(LANDMARKS) !== null
}

/**
 * Which paper each element holds links to: the id, or null when it holds links to several papers.
 * One walk up from each link, stopping where an earlier walk already went, so a long feed costs
 * links × depth rather than links × cards.
 */
function paperOfElements(links: readonly [Element, string][]): Map<Element, string | null> {
  const holds = new Map<Element, string | null>()
  for (const [link, id] of links) {
    for (let element: Element | null = link; element; element = element.parentElement) {
      const known = holds.get(element)
      if (known === undefined) holds.set(element, id)
      else if (known === id || known === null) break
      else holds.set(element, null)
    }
  }
  return holds
}

/**
 * The card of a paper link: its highest ancestor holding links to this paper only. The markup has
 * no stable classes, so the card is whatever wraps one paper's links apart from its neighbours'.
 */
function cardOf(link: Element, id: string, holds: Map<Element, string | null>): Element {
  let card = link
  for (let parent = link.parentElement; parent && holds.get(parent) === id && !isPagePart(parent); parent = parent.parentElement) {
    card = parent
  }
  return card
}

/** The title link: the paper's `/abs/` link with the most text (image and comment links have little or none). */
function titleLinkOf(card: Element, id: string): Element | undefined {
  let best: Element | undefined
  let bestLength = 0
  for (const link of card.querySelectorAll('a[href*="/abs/"]')) {
    if (paperIdFromHref(link.getAttribute('href')) !== id) continue
    const length = (link.textContent ?? '').trim().length
    if (length > bestLength) [best, bestLength] = [link, length]
  }
  return best
}

const CARD_DATE = /^(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})$/

/** The element showing the card's date ("14 Jun 2026"): a leaf whose whole text is a date. */
function dateElementOf(card: Element): Element | undefined {
  for (const element of card.querySelectorAll('span, div, time')) {
    if (!element.firstElementChild && CARD_DATE.test((element.textContent ?? '').trim())) return element
  }
  return undefined
}

function dateOf(element: Element | undefined): string | undefined {
  const match = CARD_DATE.exec((element?.textContent ?? '').trim())
  return match ? isoDate(match[3] ?? '', match[2] ?? '', match[1] ?? '') : undefined
}

function leafTexts(root: Element): string[] {
  const names: string[] = []
  for (const element of root.querySelectorAll('*')) {
    if (element.firstElementChild) continue
    const name = cleanText(element.textContent, LIMITS.authorLength)
    if (name) names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}

/**
 * Author links (`?authors=`) where the card has them; otherwise the names in the row right after
 * the date, where the feed lists them as plain text.
 */
function authorsOf(card: Element, date: Element | undefined): string[] {
  const links = card.querySelectorAll('a[href*="authors="]')
  if (links.length > 0) return authorNames(links)
  const row = date?.nextElementSibling
  return row ? leafTexts(row) : []
}

function feedCardRef(card: Element, id: string, titleLink: Element | undefined): PaperRef {
  const date = dateElementOf(card)
  const ref: PaperRef = {
    key: arxivKey(id),
    arxivId: id,
    title: cleanText(titleLink?.textContent, LIMITS.titleLength) || `arXiv:${id}`,
    authors: authorsOf(card, date),
    site: 'alphaxiv',
    url: alphaxivPaperUrl(id),
  }
  // The card's text is alphaXiv's own summary, not the authors' abstract, so it is not kept as one.
  const published = dateOf(date)
  if (published) ref.published = published
  return ref
}

function feedCards(doc: Document): FoundCard[] {
  const links: [Element, string][] = []
  for (const link of doc.querySelectorAll(PAPER_LINKS)) {
    const id = paperIdFromHref(link.getAttribute('href'))
    if (id) links.push([link, id])
  }
  const holds = paperOfElements(links)
  const cards = new Map<Element, FoundCard>()
  for (const [link, id] of links) {
    const card = cardOf(link, id, holds)
    if (cards.has(card)) continue
    const titleLink = titleLinkOf(card, id)
    cards.set(
      card,
      withLazyRef({ element: card, controlsAfter: titleLink ?? link, layout: 'card', key: arxivKey(id) }, () =>
        feedCardRef(card, id, titleLink),
      ),
    )
  }
  return [...cards.values()]
}

/** What the paper page tells search engines about the paper (schema.org ScholarlyArticle). */
interface Described {
  title?: string
  authors: string[]
  abstract?: string
  published?: string
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** The page's JSON-LD, when it describes the paper at `id` (after in-app navigation it may still describe the previous one). */
function describedOnPage(doc: Document, id: string): Described | undefined {
  const raw = doc.querySelector('script[data-alphaxiv-id="json-ld-paper-detail-view"]')?.textContent
  if (!raw) return undefined
  let data: Record<string, unknown> | undefined
  try {
    data = asRecord(JSON.parse(raw))
  } catch {
    return undefined
  }
  const url = asText(data?.url)
  if (!data || !url || paperIdFromHref(url) !== id) return undefined
  const authors = Array.isArray(data.author)
    ? data.author.flatMap((author) => {
        const name = cleanText(asText(asRecord(author)?.name), LIMITS.authorLength)
        return name ? [name] : []
      })
    : []
  const published = asText(data.datePublished)
  return {
    title: asText(data.headline) ?? asText(data.name),
    authors: authors.slice(0, LIMITS.authorCount),
    abstract: asText(data.abstract),
    published: published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : undefined,
  }
}

function paperPageCard(doc: Document, id: string): FoundCard[] {
  const heading = doc.querySelector('main h1') ?? doc.querySelector('h1')
  if (!heading?.parentElement) return []
  return [
    withLazyRef({ element: heading.parentElement, controlsAfter: heading, layout: 'detail', key: arxivKey(id) }, () => {
      const described = describedOnPage(doc, id)
      const ref: PaperRef = {
        key: arxivKey(id),
        arxivId: id,
        title: cleanText(described?.title ?? heading.textContent, LIMITS.titleLength) || `arXiv:${id}`,
        authors: described?.authors ?? [],
        site: 'alphaxiv',
        url: alphaxivPaperUrl(id),
      }
      const abstract = cleanText(described?.abstract, LIMITS.abstractLength)
      if (abstract) ref.abstract = abstract
      if (described?.published) ref.published = described.published
      return ref
    }),
  ]
}

/** The first page of the feed: the real paper card first, then papers also on the arXiv fixtures. */
const FEED_KEYS = [
  'arxiv:2606.15956',
  'arxiv:2404.14219',
  'arxiv:2404.19756',
  'arxiv:2404.07143',
  'arxiv:2404.02258',
  'arxiv:2404.14047',
  'arxiv:2402.17764',
  'arxiv:2403.06973',
  'arxiv:2401.08570',
  'arxiv:2106.09685',
]

const EXAMPLES = [
  { name: 'feed', url: `${ORIGIN}/`, fixture: 'feed.html', keys: FEED_KEYS },
  { name: 'feedHot', url: `${ORIGIN}/?sort=Hot&interval=7+Days`, fixture: 'feed.html', keys: FEED_KEYS },
  { name: 'explore', url: `${ORIGIN}/explore?sort=Likes&time=30+Days`, fixture: 'feed.html', keys: FEED_KEYS },
  { name: 'infinite', url: `${ORIGIN}/?sort=Likes&interval=All+time`, fixture: 'infinite-scroll.html', keys: FEED_KEYS },
  { name: 'paper', url: `${ORIGIN}/abs/2404.14219`, fixture: 'paper.html', keys: ['arxiv:2404.14219'] },
  { name: 'overview', url: `${ORIGIN}/overview/2404.14219v2`, fixture: 'paper.html', keys: ['arxiv:2404.14219'] },
] as const

export const alphaxiv = defineSite({
  id: 'alphaxiv',
  label: 'alphaXiv',
  // The explore feed is the home page (its filters are query parameters); `/explore` is its older address.
  pages: [`${ORIGIN}/`, `${ORIGIN}/?*`, `${ORIGIN}/explore`, `${ORIGIN}/explore?*`, `${ORIGIN}/abs/*`, `${ORIGIN}/overview/*`],
  findCards: (doc, url) => {
    if (!isPaperPath(url.pathname)) return feedCards(doc)
    const paper = paperIdFromPath(url.pathname)
    return paper ? paperPageCard(doc, paper.id) : []
  },
  examples: EXAMPLES,
})
