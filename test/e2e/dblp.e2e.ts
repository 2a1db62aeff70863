import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { LAYOUT_NOTICE_TEXT } from '../../src/content/layout-notice'
import { dblp } from '../../src/sites/dblp'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  arxivPaperLink,
  cardStates,
  clickToggle,
  countToggles,
  indexOfCardLinking,
  pagesOf,
  siteBasics,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const ENTRY = 'ul.publ-list > li.entry'
const ARXIV_ENTRY = 'dl > dt'
const ARXIV_CONTROLS = 'dl > dt + dd'
const REGION = '::-p-aria([name="Paper Shelf"][role="region"])'
const DBLP_PAGES = pagesOf(dblp)

/** KAN: arXiv 2404.19756 on the arXiv month listing; on the dblp search, the CoRR entry that links its arXiv DOI. */
const ARXIV_ID = '2404.19756'
const CORR_ENTRY = 'journals/corr/abs-2404-19756'

const searchKeys = dblp.examples.find((example) => example.name === 'search')?.keys ?? []

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

const arxivEntry = (listing: Page): Promise<number> => indexOfCardLinking(listing, ARXIV_ENTRY, arxivPaperLink(ARXIV_ID))

async function dblpEntry(page: Page): Promise<number> {
  const index = await page.$$eval(ENTRY, (entries, key) => entries.findIndex((entry) => entry.id === key), CORR_ENTRY)
  expect(index).toBeGreaterThanOrEqual(0)
  return index
}

async function regionCount(page: Page): Promise<number> {
  // The accessibility tree that aria queries read is computed for the tab in front.
  await page.bringToFront()
  return (await page.$$(REGION)).length
}

describeBrowsers(() => {
  siteBasics(dblp, { card: ENTRY, listings: ['person', 'toc', 'search'], reloaded: 'search' })

  describe('dblp pages', () => {
    it('annotates the search results its script renders after the page has loaded, once each', async ({ extension }) => {
      const page = await open(extension, DBLP_PAGES.lateSearch.url)
      const cards = await waitForAnnotatedCards(page, ENTRY)
      expect(cards).toBe(searchKeys.length)
      expect(await countToggles(page)).toEqual({ star: cards, read: cards })
      const perCard = await page.$$eval(ENTRY, (entries) => entries.map((entry) => entry.querySelectorAll('.paper-shelf-controls').length))
      expect(perCard).toEqual(Array.from({ length: cards }, () => 1))
      await page.close()
    })

    it('says so when it no longer recognises a table of contents, and nothing on a search without matches', async ({ extension }) => {
      const quiet = await open(extension, DBLP_PAGES.noMatches.url)
      // Opened last, the changed page's notice shows after the search had as long to settle.
      const changed = await open(extension, DBLP_PAGES.changedMarkup.url)
      await changed.bringToFront()
      const region = await changed.waitForSelector(REGION, { timeout: 15_000 })
      expect(await region?.evaluate((element) => element.textContent)).toContain(LAYOUT_NOTICE_TEXT)
      expect(await regionCount(quiet)).toBe(0)
      expect(await quiet.$$('.paper-shelf-controls, [data-paper-shelf]')).toHaveLength(0)
      await Promise.all([quiet.close(), changed.close()])
    })
  })

  describe('one paper on arXiv and dblp, through the arXiv DOI of its CoRR entry', () => {
    it('shows a paper starred on an arXiv listing as starred in the dblp search results', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ARXIV_ENTRY)
      const entry = await arxivEntry(listing)
      await clickToggle(listing, ARXIV_CONTROLS, entry, 'Star')
      await waitForCardState(listing, entry, 'starred', ARXIV_ENTRY)

      const results = await open(extension, DBLP_PAGES.search.url)
      await waitForAnnotatedCards(results, ENTRY)
      const result = await dblpEntry(results)
      await waitForCardState(results, result, 'starred', ENTRY)
      expect((await cardStates(results, ENTRY)).filter((state) => state === 'starred')).toHaveLength(1)
      await Promise.all([listing.close(), results.close()])
    })

    it('shows a late result read on dblp as read on the arXiv listing, and follows a star set there', async ({ extension }) => {
      const results = await open(extension, DBLP_PAGES.lateSearch.url)
      await waitForAnnotatedCards(results, ENTRY)
      const result = await dblpEntry(results)
      await clickToggle(results, ENTRY, result, 'Read')
      await waitForCardState(results, result, 'read', ENTRY)

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ARXIV_ENTRY)
      const entry = await arxivEntry(listing)
      await waitForCardState(listing, entry, 'read', ARXIV_ENTRY)

      await clickToggle(listing, ARXIV_CONTROLS, entry, 'Star')
      await waitForCardState(results, result, 'starred read', ENTRY)
      await Promise.all([listing.close(), results.close()])
    })
  })
})
