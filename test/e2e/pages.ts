import type { ElementHandle, Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { arxiv } from '../../src/sites/arxiv'
import { biorxiv } from '../../src/sites/biorxiv'
import { huggingface } from '../../src/sites/huggingface'
import { medrxiv } from '../../src/sites/medrxiv'
import { pubmed } from '../../src/sites/pubmed'
import { TOGGLE_IDS } from '../../src/core/marks'
import { SITES } from '../../src/sites/registry'
import { scholar } from '../../src/sites/scholar'
import type { Site } from '../../src/sites/site'
import { longListing } from '../fixtures/arxiv/long-listing'
import { extensionTest as it } from './extension-test'
import { fixture, type Routes } from './harness'

/** A page type of a site, served from its fixture at the real URL. */
export interface SitePage {
  url: string
  file: string
}

/** A site's page types, by example name. */
export function pagesOf<Name extends string>(site: Site<string, Name>): Record<Name, SitePage> {
  return Object.fromEntries(site.examples.map(({ name, url, fixture: file }) => [name, { url, file }])) as Record<Name, SitePage>
}

/** The URL a browser requests for `url`: a fragment (`#tab-accept-oral`) never leaves the page. */
function requested(url: string): string {
  const parsed = new URL(url)
  parsed.hash = ''
  return parsed.href
}

function routesOf(site: Site): Routes {
  return Object.fromEntries(site.examples.map(({ url, fixture: file }) => [requested(url), () => fixture(site.id, file)]))
}

/** Every Hugging Face Papers page type, served from its fixture at the real URL. */
export const HF_PAGES = pagesOf(huggingface)

export const HF_ROUTES: Routes = routesOf(huggingface)

export const ARXIV = 'https://arxiv.org'

/** arXiv page types, served from their fixtures at the real URLs. */
export const ARXIV_PAGES = pagesOf(arxiv)

export const LONG_LISTING_URL = `${ARXIV}/list/cs.LG/pastweek?show=2000`

export const ARXIV_ROUTES: Routes = {
  ...routesOf(arxiv),
  [LONG_LISTING_URL]: () => longListing(2000),
}

/** bioRxiv and medRxiv page types, served from their fixtures at the real URLs. */
export const BIORXIV_PAGES = pagesOf(biorxiv)

export const MEDRXIV_PAGES = pagesOf(medrxiv)

/** Google Scholar page types, served from their fixtures at the real URLs. */
export const SCHOLAR_PAGES = pagesOf(scholar)

/** PubMed page types, served from their fixtures at the real URLs. */
export const PUBMED_PAGES = pagesOf(pubmed)

/** Every example page of every site, and the long arXiv listing. */
export const ALL_ROUTES: Routes = Object.assign({}, ...SITES.map(routesOf), ARXIV_ROUTES)

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

/** Links to arXiv paper `id`: its abstract or PDF on arXiv, or its Hugging Face page, in any version. */
export function arxivPaperLink(id: string): RegExp {
  return new RegExp(`/(?:abs|pdf|papers)/${id.replaceAll('.', '\\.')}(?:v\\d+)?(?:\\.pdf)?$`)
}

/**
 * The index of the card under `selector` with a link whose href matches `href`; there must be one.
 * A `dt` card is an entry together with the `dd`s after it (arXiv listings, CVF), whose links count too.
 */
export async function indexOfCardLinking(page: Page, selector: string, href: RegExp): Promise<number> {
  const index = await page.$$eval(
    selector,
    (cards, source) => {
      const pattern = new RegExp(source)
      const entryOf = (card: Element): Element[] => {
        const parts = [card]
        if (card.localName !== 'dt') return parts
        for (let next = card.nextElementSibling; next?.localName === 'dd'; next = next.nextElementSibling) parts.push(next)
        return parts
      }
      return cards.findIndex((card) =>
        entryOf(card).some((part) => [...part.querySelectorAll('a[href]')].some((link) => pattern.test(link.getAttribute('href') ?? ''))),
      )
    },
    href.source,
  )
  expect(index, `${href} on ${page.url()}`).toBeGreaterThanOrEqual(0)
  return index
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

/**
 * How far the last card moves when every control is taken out of the page and the cards' state with
 * it, so that their slots are reserved again: 0 when the controls took exactly the space kept for
 * them. Also counts the slots that held controls. The page's own observers see the change only after
 * this has measured it.
 */
export async function shiftWithoutControls(page: Page, card: string): Promise<{ moved: number; reserved: number }> {
  return page.$$eval(card, (cards) => {
    const last = cards.at(-1)!
    const before = last.getBoundingClientRect().top
    const controls = [...document.querySelectorAll('.paper-shelf-controls')]
    const reserved = controls.filter((element) => getComputedStyle(element).display === 'flex').length
    for (const element of controls) element.remove()
    for (const element of document.querySelectorAll('[data-paper-shelf]')) element.removeAttribute('data-paper-shelf')
    return { moved: last.getBoundingClientRect().top - before, reserved }
  })
}

/** Clicks a toggle and waits until the background has saved the change. */
export async function clickToggle(page: Page, cardSelector: string, index: number, name: 'Star' | 'Read'): Promise<void> {
  const button = await toggleIn(page, cardSelector, index, name)
  // As a reader would, bring the toggle to the middle of the window, clear of the Paper Shelf box in its corner.
  await button.evaluate((element) => element.scrollIntoView({ block: 'center', behavior: 'instant' }))
  await button.click()
  await page.waitForFunction((b) => !b.hasAttribute('aria-busy'), { timeout: 10_000, polling: 100 }, button)
}

/** The marks a card shows, from its `data-paper-shelf` (which also says new, seen or updated): "starred read", "" or null. */
export async function cardStates(page: Page, selector = 'article'): Promise<(string | null)[]> {
  return page.$$eval(
    selector,
    (cards, marks) =>
      cards.map((card) => {
        const tokens = card.getAttribute('data-paper-shelf')
        return tokens === null ? null : marks.filter((mark) => tokens.split(' ').includes(mark)).join(' ')
      }),
    TOGGLE_IDS,
  )
}

/** Waits until the card's marks are `state` ("starred read", "read", ""), whatever else `data-paper-shelf` says. */
export async function waitForCardState(page: Page, index: number, state: string, selector = 'article'): Promise<void> {
  await page.waitForFunction(
    (sel, i, expected, marks) => {
      const tokens = document.querySelectorAll(sel)[i]?.getAttribute('data-paper-shelf')
      return tokens != null && marks.filter((mark) => tokens.split(' ').includes(mark)).join(' ') === expected
    },
    { timeout: 10_000, polling: 100 },
    selector,
    index,
    state,
    TOGGLE_IDS,
  )
}

export async function cardTitles(page: Page): Promise<string[]> {
  return page.$$eval('article h3', (headings) => headings.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim()))
}

export interface SiteBasics<Name extends string> {
  /** Selects the cards, in page order. */
  card: string
  /** Listing pages whose every card gets exactly one Star and one Read. */
  listings: readonly Name[]
  /** The page where two cards are marked and reloaded (it needs two cards). */
  reloaded?: Name
  /** The cards (indices) to star and to mark read on `reloaded`. */
  marked?: { starred: number; read: number }
}

/**
 * The scenarios every site passes, registered inside `describeBrowsers`: each card of each listing
 * page has exactly one Star and one Read, and marks set on a page are there after a reload.
 */
export function siteBasics<Name extends string>(site: Site<string, Name>, basics: SiteBasics<Name>): void {
  const pages = pagesOf(site)
  const { card, marked = { starred: 0, read: 1 } } = basics
  const pressed = async (page: Page, index: number, name: 'Star' | 'Read') =>
    (await toggleIn(page, card, index, name)).evaluate((button) => button.getAttribute('aria-pressed'))

  describe(`${site.label}: every card`, () => {
    it.for(basics.listings)('gives every card of the %s page exactly one Star and one Read', async (name, { extension }) => {
      const page = await extension.openPage(pages[name].url, ALL_ROUTES)
      const cards = await waitForAnnotatedCards(page, card)
      expect(cards).toBe(site.examples.find((example) => example.name === name)?.keys.length)
      expect(await countToggles(page)).toEqual({ star: cards, read: cards })
      const perCard = await page.$$eval(card, (elements) =>
        elements.map((element) => element.querySelectorAll('.paper-shelf-controls').length),
      )
      expect(perCard.every((count) => count === 1)).toBe(true)
      if (site.reservedSlots) expect(await shiftWithoutControls(page, card)).toEqual({ moved: 0, reserved: cards })
      await page.close()
    })

    const { reloaded } = basics
    if (!reloaded) return
    it('keeps Star and Read across a reload', async ({ extension }) => {
      const page = await extension.openPage(pages[reloaded].url, ALL_ROUTES)
      await waitForAnnotatedCards(page, card)
      await clickToggle(page, card, marked.starred, 'Star')
      await clickToggle(page, card, marked.read, 'Read')
      await waitForCardState(page, marked.starred, 'starred', card)
      await waitForCardState(page, marked.read, 'read', card)

      await page.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(page, card)
      const states = await cardStates(page, card)
      expect([states[marked.starred], states[marked.read]]).toEqual(['starred', 'read'])
      expect(await pressed(page, marked.starred, 'Star')).toBe('true')
      expect(await pressed(page, marked.read, 'Read')).toBe('true')
      await page.close()
    })
  })
}
