import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  PUBMED_PAGES,
  PUBMED_ROUTES,
  cardStates,
  clickToggle,
  countToggles,
  toggleIn,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const RESULT = 'article.full-docsum'

function open(extension: ExtensionUnderTest, page: keyof typeof PUBMED_PAGES): Promise<Page> {
  return extension.openPage(PUBMED_PAGES[page].url, PUBMED_ROUTES)
}

const pressed = async (page: Page, index: number, name: 'Star' | 'Read') =>
  (await toggleIn(page, RESULT, index, name)).evaluate((button) => button.getAttribute('aria-pressed'))

describeBrowsers(() => {
  describe('PubMed', () => {
    it.for(['search', 'searchPage2'] as const)(
      'gives every result on the %s page exactly one Star and one Read',
      async (name, { extension }) => {
        const page = await open(extension, name)
        const cards = await waitForAnnotatedCards(page, RESULT)
        expect(cards).toBeGreaterThan(0)
        expect(await countToggles(page)).toEqual({ star: cards, read: cards })
        const perCard = await page.$$eval(RESULT, (articles) =>
          articles.map((article) => [...article.querySelectorAll('button')].filter((b) => b.hasAttribute('aria-pressed')).length),
        )
        expect(perCard.every((count) => count === 2)).toBe(true)
        await page.close()
      },
    )

    it('keeps Star and Read across a reload', async ({ extension }) => {
      const page = await open(extension, 'searchPage2')
      await waitForAnnotatedCards(page, RESULT)
      await clickToggle(page, RESULT, 0, 'Star')
      await clickToggle(page, RESULT, 1, 'Read')
      await waitForCardState(page, 0, 'starred', RESULT)
      await waitForCardState(page, 1, 'read', RESULT)

      await page.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(page, RESULT)
      expect((await cardStates(page, RESULT)).slice(0, 2)).toEqual(['starred', 'read'])
      expect(await pressed(page, 0, 'Star')).toBe('true')
      expect(await pressed(page, 1, 'Read')).toBe('true')
      await page.close()
    })

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
