import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { alphaxiv } from '../../src/sites/alphaxiv'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  arxivPaperLink,
  clickToggle,
  countToggles,
  indexOfCardLinking,
  pagesOf,
  siteBasics,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const PAGES = pagesOf(alphaxiv)

/** The feed's cards: the paper cards of the feed column (its other children, if any, are not cards). */
const CARD = 'main > div > div.rounded-xl'
const ENTRY = 'dl > dt'

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

async function controlsPerCard(page: Page): Promise<number[]> {
  return page.$$eval(CARD, (cards) => cards.map((card) => card.querySelectorAll('.paper-shelf-controls').length))
}

describeBrowsers(() => {
  siteBasics(alphaxiv, { card: CARD, listings: ['feed', 'feedHot', 'explore', 'infinite'], reloaded: 'feed' })

  describe('alphaXiv infinite feed', () => {
    it('gives the cards appended on scrolling exactly one Star and one Read each, and the earlier cards no second pair', async ({
      extension,
    }) => {
      const page = await open(extension, PAGES.infinite.url)
      const first = await waitForAnnotatedCards(page, CARD)
      expect(first).toBe(10)
      expect(await countToggles(page)).toEqual({ star: 10, read: 10 })

      await page.bringToFront()
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 14, { timeout: 10_000, polling: 100 }, CARD)
      expect(await waitForAnnotatedCards(page, CARD)).toBe(14)
      await page.waitForFunction(
        (sel) => [...document.querySelectorAll(sel)].every((card) => card.querySelector('.paper-shelf-controls')),
        { timeout: 10_000, polling: 100 },
        CARD,
      )
      expect(await countToggles(page)).toEqual({ star: 14, read: 14 })
      expect(await controlsPerCard(page)).toEqual(Array.from({ length: 14 }, () => 1))

      // The appended cards work like the others.
      await clickToggle(page, CARD, 12, 'Star')
      await waitForCardState(page, 12, 'starred', CARD)
      await page.close()
    })
  })

  describe('one paper on arXiv and alphaXiv', () => {
    it('shows a paper starred on arXiv as starred on its alphaXiv card and paper page', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ENTRY)
      await clickToggle(listing, 'dl > dt + dd', await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2404.14219')), 'Star')

      const feed = await open(extension, PAGES.feed.url)
      await waitForAnnotatedCards(feed, CARD)
      const card = await indexOfCardLinking(feed, CARD, arxivPaperLink('2404.14219'))
      await waitForCardState(feed, card, 'starred', CARD)

      const paper = await open(extension, PAGES.paper.url)
      await paper.waitForSelector('main h1 + .paper-shelf-controls')
      await paper.waitForFunction(() => document.querySelector('main h1')?.parentElement?.getAttribute('data-paper-shelf') === 'starred', {
        timeout: 10_000,
        polling: 100,
      })
      expect(await countToggles(paper)).toEqual({ star: 1, read: 1 })

      // Read on the paper page shows on the open feed and on arXiv.
      await paper.bringToFront()
      await (await paper.$('::-p-aria([name="Read"][role="button"])'))!.click()
      await waitForCardState(feed, card, 'starred read', CARD)
      await waitForCardState(listing, await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2404.14219')), 'starred read', ENTRY)
      await Promise.all([listing, feed, paper].map((page) => page.close()))
    })

    it('shows a paper starred on alphaXiv as starred on arXiv, and unstarred back', async ({ extension }) => {
      const feed = await open(extension, PAGES.explore.url)
      await waitForAnnotatedCards(feed, CARD)
      const card = await indexOfCardLinking(feed, CARD, arxivPaperLink('2404.07143'))
      await clickToggle(feed, CARD, card, 'Star')
      await waitForCardState(feed, card, 'starred', CARD)

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ENTRY)
      const entry = await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2404.07143'))
      await waitForCardState(listing, entry, 'starred', ENTRY)

      await clickToggle(listing, 'dl > dt + dd', entry, 'Star')
      await waitForCardState(feed, card, '', CARD)
      await Promise.all([feed, listing].map((page) => page.close()))
    })
  })
})
