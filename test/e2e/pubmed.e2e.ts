import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { pubmed } from '../../src/sites/pubmed'
import { ALL_ROUTES, PUBMED_PAGES, clickToggle, countToggles, siteBasics, waitForAnnotatedCards, waitForCardState } from './pages'

const RESULT = 'article.full-docsum'

function open(extension: ExtensionUnderTest, page: keyof typeof PUBMED_PAGES): Promise<Page> {
  return extension.openPage(PUBMED_PAGES[page].url, ALL_ROUTES)
}

describeBrowsers(() => {
  siteBasics(pubmed, { card: RESULT, listings: ['search', 'searchPage2'], reloaded: 'searchPage2' })

  describe('PubMed', () => {
    it('shows a paper starred on a result as starred on its article page, and the other way round', async ({ extension }) => {
      const results = await open(extension, 'searchPage2')
      await waitForAnnotatedCards(results, RESULT)
      const index = await results.$$eval(RESULT, (articles) =>
        articles.findIndex((article) => article.querySelector('a.docsum-title')?.getAttribute('href') === '/35417736/'),
      )
      expect(index).toBeGreaterThanOrEqual(0)
      await clickToggle(results, RESULT, index, 'Star')
      await waitForCardState(results, index, 'starred', RESULT)

      const article = await open(extension, 'article')
      await article.waitForSelector('h1.heading-title + .paper-shelf-controls')
      await article.waitForFunction(() => document.querySelector('#full-view-heading')?.getAttribute('data-paper-shelf') === 'starred', {
        timeout: 10_000,
        polling: 100,
      })
      expect(await countToggles(article)).toEqual({ star: 1, read: 1 })
      await article.bringToFront()
      await (await article.$('::-p-aria([name="Read"][role="button"])'))!.click()
      await waitForCardState(results, index, 'starred read', RESULT)
      await results.close()
      await article.close()
    })
  })
})
