import { arxivIdFromHuggingFacePath, arxivKey, huggingFacePaperUrl } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { defineSite, type FoundCard } from './site'
import { authorNames } from './lib/authors'

const HOST = 'huggingface.co'

/** What Hugging Face embeds about a paper in its pages' `data-props` JSON. */
interface EmbeddedPaper {
  title?: string
  authors: string[]
  summary?: string
  published?: string
}

const propsCache = new WeakMap<Element, { raw: string; value: unknown }>()

/** The parsed `data-props` of a Svelte island, or undefined when it is missing or not JSON. */
function islandProps(island: Element | null): unknown {
  const raw = island?.getAttribute('data-props')
  if (!island || !raw) return undefined
  const cached = propsCache.get(island)
  if (cached?.raw === raw) return cached.value
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    value = undefined
  }
  propsCache.set(island, { raw, value })
  return value
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function embeddedPaper(paperValue: unknown, itemTitle?: unknown): [string, EmbeddedPaper] | undefined {
  const paper = asRecord(paperValue)
  const id = asString(paper?.id)
  if (!paper || !id) return undefined
  const authors = Array.isArray(paper.authors)
    ? paper.authors.flatMap((author) => {
        const name = asString(asRecord(author)?.name)
        return name ? [cleanText(name, LIMITS.authorLength)] : []
      })
    : []
  const publishedAt = asString(paper.publishedAt)
  return [
    id,
    {
      title: asString(paper.title) ?? asString(itemTitle),
      authors: authors.slice(0, LIMITS.authorCount),
      summary: asString(paper.summary),
      published: publishedAt && /^\d{4}-\d{2}-\d{2}/.test(publishedAt) ? publishedAt.slice(0, 10) : undefined,
    },
  ]
}

/** The paper lists a listing page embeds: the day/week/month list and, on searches, the results. */
function embeddedLists(doc: Document): unknown[][] {
  const lists: unknown[][] = []
  for (const island of doc.querySelectorAll('[data-target="DailyPapers"]')) {
    const props = asRecord(islandProps(island))
    for (const listName of ['dailyPapers', 'searchResults']) {
      const list = props?.[listName]
      if (Array.isArray(list)) lists.push(list)
    }
  }
  return lists
}

/** Papers embedded in a listing page. */
function listingData(doc: Document): Map<string, EmbeddedPaper> {
  const data = new Map<string, EmbeddedPaper>()
  for (const list of embeddedLists(doc)) {
    for (const item of list) {
      const entry = embeddedPaper(asRecord(item)?.paper, asRecord(item)?.title)
      if (entry && !data.has(entry[0])) data.set(...entry)
    }
  }
  return data
}

function paperIdFromHref(href: string | null): string | undefined {
  if (!href) return undefined
  let url: URL
  try {
    url = new URL(href, `https://${HOST}`)
  } catch {
    return undefined
  }
  if (url.hostname !== HOST) return undefined
  return arxivIdFromHuggingFacePath(url.pathname)?.id
}

function paperRef(id: string, fromPage: { title: string; authors: string[]; abstract?: string }, embedded?: EmbeddedPaper): PaperRef {
  const title = cleanText(embedded?.title ?? fromPage.title, LIMITS.titleLength) || `arXiv:${id}`
  const abstract = cleanText(embedded?.summary ?? fromPage.abstract, LIMITS.abstractLength)
  const ref: PaperRef = {
    key: arxivKey(id),
    arxivId: id,
    title,
    authors: embedded?.authors.length ? embedded.authors : fromPage.authors,
    site: 'huggingface',
    url: huggingFacePaperUrl(id),
  }
  if (abstract) ref.abstract = abstract
  if (embedded?.published) ref.published = embedded.published
  return ref
}

function authorsShownIn(card: Element): string[] {
  return authorNames(card.querySelectorAll('li[title]'), (item) => item.getAttribute('title'))
}

function listCards(doc: Document): FoundCard[] {
  const embedded = listingData(doc)
  const cards = new Map<Element, FoundCard>()
  for (const anchor of doc.querySelectorAll('a[href*="/papers/"]')) {
    const card = anchor.closest('article')
    if (!card || cards.has(card)) continue
    const id = paperIdFromHref(anchor.getAttribute('href'))
    if (!id) continue
    const heading = card.querySelector('h3')
    const titleAnchor = heading?.querySelector('a') ?? anchor
    const title = (heading ?? titleAnchor).textContent ?? ''
    const abstract = card.querySelector('p')?.textContent ?? undefined
    cards.set(card, {
      element: card,
      controlsAfter: heading ?? titleAnchor,
      layout: 'card',
      key: arxivKey(id),
      ref: paperRef(id, { title, authors: authorsShownIn(card), abstract }, embedded.get(id)),
    })
  }
  return [...cards.values()]
}

function abstractShownOn(doc: Document): string | undefined {
  const heading = [...doc.querySelectorAll('h2')].find((h2) => h2.textContent?.trim() === 'Abstract')
  return heading?.nextElementSibling?.textContent ?? undefined
}

function paperPageCard(doc: Document, id: string): FoundCard[] {
  const title = doc.querySelector('main h1') ?? doc.querySelector('h1')
  if (!title?.parentElement) return []
  const props = asRecord(islandProps(doc.querySelector('[data-target="PaperContent"]')))
  const entry = embeddedPaper(props?.paper)
  const embedded = entry?.[0] === id ? entry[1] : undefined
  return [
    {
      element: title.parentElement,
      controlsAfter: title,
      layout: 'detail',
      key: arxivKey(id),
      ref: paperRef(id, { title: title.textContent ?? '', authors: [], abstract: abstractShownOn(doc) }, embedded),
    },
  ]
}

/** The papers of 23 April 2024, which is also what `/papers` showed when the daily page was saved. */
const DAILY_KEYS = [
  'arxiv:2404.14219',
  'arxiv:2404.14047',
  'arxiv:2404.14396',
  'arxiv:2404.13208',
  'arxiv:2404.14367',
  'arxiv:2404.14394',
  'arxiv:2404.13946',
  'arxiv:2404.14507',
  'arxiv:2404.14162',
  'arxiv:2404.14619',
  'arxiv:2404.13813',
]

const EXAMPLES = [
  {
    name: 'daily',
    url: `https://${HOST}/papers/date/2024-04-23`,
    fixture: 'daily.html',
    keys: DAILY_KEYS,
  },
  {
    name: 'latest',
    url: `https://${HOST}/papers`,
    fixture: 'daily.html',
    keys: DAILY_KEYS,
  },
  {
    name: 'week',
    url: `https://${HOST}/papers/week/2024-W17`,
    fixture: 'week.html',
    keys: [
      'arxiv:2404.16293',
      'arxiv:2404.15340',
      'arxiv:2404.17512',
      'arxiv:2404.14620',
      'arxiv:2404.16980',
      'arxiv:2404.15011',
      'arxiv:2404.17845',
      'arxiv:2404.16520',
      'arxiv:2404.15888',
      'arxiv:2404.18101',
    ],
  },
  {
    name: 'month',
    url: `https://${HOST}/papers/month/2024-04`,
    fixture: 'month.html',
    keys: [
      'arxiv:2404.14219',
      'arxiv:2404.02345',
      'arxiv:2404.04021',
      'arxiv:2404.05566',
      'arxiv:2404.07143',
      'arxiv:2404.08801',
      'arxiv:2404.10667',
      'arxiv:2404.12253',
      'arxiv:2404.15225',
      'arxiv:2404.19756',
    ],
  },
  {
    name: 'trending',
    url: `https://${HOST}/papers/trending`,
    fixture: 'trending.html',
    keys: [
      'arxiv:2510.08133',
      'arxiv:2510.07755',
      'arxiv:2510.06203',
      'arxiv:2510.05919',
      'arxiv:2510.04482',
      'arxiv:2510.03327',
      'arxiv:2510.01990',
      'arxiv:2510.00912',
    ],
  },
  {
    name: 'search',
    url: `https://${HOST}/papers?q=3d+reconstruction`,
    fixture: 'search.html',
    keys: ['arxiv:1905.03678', 'arxiv:2403.06973', 'arxiv:1406.5670', 'arxiv:2401.08570', 'arxiv:2211.12886', 'arxiv:2308.14659'],
  },
  { name: 'paper', url: `https://${HOST}/papers/2404.14219`, fixture: 'paper.html', keys: ['arxiv:2404.14219'] },
  { name: 'empty', url: `https://${HOST}/papers/date/2024-04-21`, fixture: 'empty.html', keys: [], noCards: 'nothingListed' },
  {
    name: 'changedMarkup',
    url: `https://${HOST}/papers/date/2024-04-26`,
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
  {
    name: 'hostile',
    url: `https://${HOST}/papers/date/2024-05-01`,
    fixture: 'hostile.html',
    keys: ['arxiv:2404.16001', 'arxiv:2404.16002', 'arxiv:2404.16003', 'arxiv:2404.16004', 'arxiv:2404.16005', 'arxiv:2404.16006'],
  },
] as const

export const huggingface = defineSite({
  id: 'huggingface',
  label: 'Hugging Face',
  pages: [`https://${HOST}/papers`, `https://${HOST}/papers?*`, `https://${HOST}/papers/*`],
  listingName: (url) => {
    const [, , kind, period] = url.pathname.split('/')
    if (kind === undefined || kind === '') return url.searchParams.has('q') ? 'search' : `daily ${url.searchParams.get('date') ?? 'latest'}`
    const periods: Record<string, string> = { date: 'daily', week: 'weekly', month: 'monthly' }
    if (periods[kind] && period) return `${periods[kind]} ${period}`
    return arxivIdFromHuggingFacePath(url.pathname) ? 'paper' : kind
  },
  findCards: (doc, url) => {
    const paperPage = arxivIdFromHuggingFacePath(url.pathname)
    return paperPage ? paperPageCard(doc, paperPage.id) : listCards(doc)
  },
  // A day without papers or a search without results embeds its lists empty ("No papers for this day.").
  hasNoPapers: (doc, url) => {
    if (arxivIdFromHuggingFacePath(url.pathname)) return false
    const lists = embeddedLists(doc)
    return lists.length > 0 && lists.every((list) => list.length === 0)
  },
  examples: EXAMPLES,
})
