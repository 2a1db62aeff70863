import type { ElementHandle, Page } from 'puppeteer-core'
import { longListing } from '../fixtures/arxiv/long-listing'
import { fixture, type Routes } from './harness'

export const HF = 'https://huggingface.co'

/** Every Hugging Face Papers page type, served from its fixture at the real URL. */
export const HF_PAGES = {
  daily: { url: `${HF}/papers/date/2024-04-23`, file: 'daily.html' },
  latest: { url: `${HF}/papers`, file: 'daily.html' },
  week: { url: `${HF}/papers/week/2024-W17`, file: 'week.html' },
  month: { url: `${HF}/papers/month/2024-04`, file: 'month.html' },
  trending: { url: `${HF}/papers/trending`, file: 'trending.html' },
  search: { url: `${HF}/papers?q=3d+reconstruction`, file: 'search.html' },
  paper: { url: `${HF}/papers/2404.14219`, file: 'paper.html' },
  hostile: { url: `${HF}/papers/date/2024-05-01`, file: 'hostile.html' },
} as const

export const HF_ROUTES: Routes = Object.fromEntries(
  Object.values(HF_PAGES).map(({ url, file }) => [url, () => fixture('huggingface', file)]),
)

export const ARXIV = 'https://arxiv.org'

/** arXiv page types, served from their fixtures at the real URLs. */
export const ARXIV_PAGES = {
  listNew: { url: `${ARXIV}/list/cs.LG/new`, file: 'list-new.html' },
  recent: { url: `${ARXIV}/list/cs.LG/recent`, file: 'list-recent.html' },
  pastweek: { url: `${ARXIV}/list/cs.LG/pastweek?show=25`, file: 'list-pastweek.html' },
  month: { url: `${ARXIV}/list/cs.LG/2024-04`, file: 'list-month.html' },
  legacy: { url: `${ARXIV}/list/hep-th/1999-01`, file: 'list-legacy.html' },
  catchup: { url: `${ARXIV}/catchup/cs.LG/2026-07-01`, file: 'catchup.html' },
  search: { url: `${ARXIV}/search/?query=diffusion&searchtype=all`, file: 'search.html' },
  advanced: { url: `${ARXIV}/search/advanced?terms-0-term=quantized&terms-0-field=title`, file: 'search-advanced.html' },
  abs: { url: `${ARXIV}/abs/2404.14219v3`, file: 'abs.html' },
  absOldStyle: { url: `${ARXIV}/abs/hep-th/9901001`, file: 'abs-old-style.html' },
} as const

export const LONG_LISTING_URL = `${ARXIV}/list/cs.LG/pastweek?show=2000`

export const ARXIV_ROUTES: Routes = {
  ...Object.fromEntries(Object.values(ARXIV_PAGES).map(({ url, file }) => [url, () => fixture('arxiv', file)])),
  [LONG_LISTING_URL]: () => longListing(2000),
}

export const ALL_ROUTES: Routes = { ...HF_ROUTES, ...ARXIV_ROUTES }

const STAR = '::-p-aria([name="Star"][role="button"])'
const READ = '::-p-aria([name="Read"][role="button"])'

/** The toggle named `name` inside the `index`-th card, found by its accessible name as a screen reader would. */
export async function toggleIn(page: Page, cardSelector: string, index: number, name: 'Star' | 'Read'): Promise<ElementHandle> {
  // Background tabs get no animation frames, which clicking waits for.
  await page.bringToFront()
  const cards = await page.$$(cardSelector)
  const card = cards[index]
  if (!card) throw new Error(`No card ${index} for ${cardSelector}`)
  const button = await card.$(name === 'Star' ? STAR : READ)
  if (!button) throw new Error(`Card ${index} has no ${name} toggle`)
  return button
}

export async function countToggles(page: Page): Promise<{ star: number; read: number }> {
  return { star: (await page.$$(STAR)).length, read: (await page.$$(READ)).length }
}

/** Waits until every card (`article` on Hugging Face) carries its state, and returns how many there are. */
export async function waitForAnnotatedCards(page: Page, selector = 'article'): Promise<number> {
  await page.waitForFunction(
    (sel) => {
      const cards = document.querySelectorAll(sel)
      return cards.length > 0 && [...cards].every((card) => card.hasAttribute('data-paper-shelf'))
    },
    { timeout: 20_000, polling: 100 },
    selector,
  )
  return page.$$eval(selector, (cards) => cards.length)
}

/** Clicks a toggle and waits until the background has saved the change. */
export async function clickToggle(page: Page, cardSelector: string, index: number, name: 'Star' | 'Read'): Promise<void> {
  const button = await toggleIn(page, cardSelector, index, name)
  await button.click()
  await page.waitForFunction((b) => !b.hasAttribute('aria-busy'), { timeout: 10_000, polling: 100 }, button)
}

export async function cardStates(page: Page, selector = 'article'): Promise<(string | null)[]> {
  return page.$$eval(selector, (cards) => cards.map((card) => card.getAttribute('data-paper-shelf')))
}

export async function waitForCardState(page: Page, index: number, state: string, selector = 'article'): Promise<void> {
  await page.waitForFunction(
    (sel, i, expected) => document.querySelectorAll(sel)[i]?.getAttribute('data-paper-shelf') === expected,
    { timeout: 10_000, polling: 100 },
    selector,
    index,
    state,
  )
}

export async function cardTitles(page: Page): Promise<string[]> {
  return page.$$eval('article h3', (headings) => headings.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim()))
}
