import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { semanticscholar } from '../../src/sites/semanticscholar'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { fixture, type Routes } from './harness'
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

const S2_PAGES = pagesOf(semanticscholar)
const RESULT = '[data-test-id="result-page"] > [data-paper-id]'
const ENTRY = 'dl > dt'

/** The search whose results the page's own script renders ~500 ms after load, as the app does. */
const LATE_URL = `${S2_PAGES.search.url}&sort=total-citations`

/** The home page, whose search box leads to the results without loading a new document. */
const HOME_URL = 'https://www.semanticscholar.org/'

const ROUTES: Routes = {
  ...ALL_ROUTES,
  [LATE_URL]: () => fixture('semanticscholar', 'late-cards.html'),
  [HOME_URL]: () => fixture('semanticscholar', 'home.html'),
}

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ROUTES)

describeBrowsers(() => {
  siteBasics(semanticscholar, {
    card: RESULT,
    listings: ['search', 'searchPage2'],
    reloaded: 'search',
    marked: { starred: 1, read: 8 },
  })

  describe('Semantic Scholar pages', () => {
    it('annotates results the app renders after the page has loaded, once each', async ({ extension }) => {
      const page = await open(extension, LATE_URL)
      const cards = await waitForAnnotatedCards(page, RESULT)
      expect(cards).toBe(semanticscholar.examples.find((example) => example.name === 'search')?.keys.length)
      expect(await countToggles(page)).toEqual({ star: cards, read: cards })
      const perCard = await page.$$eval(RESULT, (elements) =>
        elements.map((element) => element.querySelectorAll('.paper-shelf-controls').length),
      )
      expect(perCard).toEqual(Array.from({ length: cards }, () => 1))
      await page.close()
    })

    it('annotates the results of a search made from the home page, which the app shows without loading a new page', async ({
      extension,
    }) => {
      const page = await open(extension, HOME_URL)
      await page.type('input[name="q"]', 'ego depletion')
      await page.keyboard.press('Enter')
      const cards = await waitForAnnotatedCards(page, RESULT)
      expect(page.url()).toBe(S2_PAGES.search.url)
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1)
      expect(await countToggles(page)).toEqual({ star: cards, read: cards })
      await page.close()
    })

    it('gives every paper of an author page one Star and one Read', async ({ extension }) => {
      const page = await open(extension, S2_PAGES.author.url)
      const rows = await waitForAnnotatedCards(page, '[data-paper-id]')
      expect(rows).toBe(semanticscholar.examples.find((example) => example.name === 'author')?.keys.length)
      expect(await countToggles(page)).toEqual({ star: rows, read: rows })
      await page.close()
    })

    it('shows a paper starred on a result as starred on its own page', async ({ extension }) => {
      const results = await open(extension, S2_PAGES.search.url)
      await waitForAnnotatedCards(results, RESULT)
      await clickToggle(results, RESULT, 1, 'Star')
      await waitForCardState(results, 1, 'starred', RESULT)

      const paper = await open(extension, S2_PAGES.paper.url)
      await paper.waitForSelector('h1[data-test-id="paper-detail-title"] + .paper-shelf-controls')
      await waitForCardState(paper, 0, 'starred', '#paper-header')
      await Promise.all([results, paper].map((page) => page.close()))
    })
  })

  describe('one paper on arXiv and Semantic Scholar', () => {
    it('shows a paper starred on arXiv as starred on the Semantic Scholar result that links it', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ENTRY)
      await clickToggle(listing, 'dl > dt + dd', await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2404.14219')), 'Star')

      const results = await open(extension, S2_PAGES.search.url)
      await waitForAnnotatedCards(results, RESULT)
      await waitForCardState(results, await indexOfCardLinking(results, RESULT, arxivPaperLink('2404.14219')), 'starred', RESULT)
      await Promise.all([listing, results].map((page) => page.close()))
    })

    it('shows a paper starred on Semantic Scholar through its arXiv PDF link as starred on arXiv, and back', async ({ extension }) => {
      const results = await open(extension, S2_PAGES.search.url)
      await waitForAnnotatedCards(results, RESULT)
      const result = await indexOfCardLinking(results, RESULT, arxivPaperLink('2404.07143'))
      await clickToggle(results, RESULT, result, 'Star')
      await waitForCardState(results, result, 'starred', RESULT)

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ENTRY)
      const entry = await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2404.07143'))
      await waitForCardState(listing, entry, 'starred', ENTRY)

      // Unstarred on arXiv, it is cleared on the open Semantic Scholar page too.
      await clickToggle(listing, 'dl > dt + dd', entry, 'Star')
      await waitForCardState(results, result, '', RESULT)
      await Promise.all([results, listing].map((page) => page.close()))
    })
  })
})
