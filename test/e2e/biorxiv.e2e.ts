import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it } from './extension-test'
import {
  BIORXIV_PAGES,
  MEDRXIV_PAGES,
  RXIV_ROUTES,
  cardStates,
  clickToggle,
  countToggles,
  toggleIn,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const CARD = 'div.highwire-article-citation'

describeBrowsers(() => {
  describe('bioRxiv and medRxiv', () => {
    it.for([
      ['bioRxiv', BIORXIV_PAGES.collection.url],
      ['bioRxiv', BIORXIV_PAGES.collectionPage2.url],
      ['bioRxiv', BIORXIV_PAGES.search.url],
      ['medRxiv', MEDRXIV_PAGES.search.url],
    ] as const)('gives every %s card exactly one Star and one Read (%s)', async ([, url], { extension }) => {
      const page = await extension.openPage(url, RXIV_ROUTES)
      const cards = await waitForAnnotatedCards(page, CARD)
      expect(cards).toBeGreaterThan(0)
      expect(await countToggles(page)).toEqual({ star: cards, read: cards })
      const perCard = await page.$$eval(CARD, (all) => all.map((card) => card.querySelectorAll('.paper-shelf-controls button').length))
      expect(perCard.every((count) => count === 2)).toBe(true)
      await page.close()
    })

    it('keeps Star and Read across a reload', async ({ extension }) => {
      const page = await extension.openPage(BIORXIV_PAGES.search.url, RXIV_ROUTES)
      await waitForAnnotatedCards(page, CARD)
      await clickToggle(page, CARD, 0, 'Star')
      await clickToggle(page, CARD, 1, 'Read')
      await waitForCardState(page, 0, 'starred', CARD)
      await waitForCardState(page, 1, 'read', CARD)

      await page.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(page, CARD)
      expect((await cardStates(page, CARD)).slice(0, 2)).toEqual(['starred', 'read'])
      expect(await (await toggleIn(page, CARD, 0, 'Star')).evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')
      await page.close()
    })

    it('shows a paper starred on a listing as starred on its article page', async ({ extension }) => {
      const listing = await extension.openPage(BIORXIV_PAGES.collection.url, RXIV_ROUTES)
      await waitForAnnotatedCards(listing, CARD)
      await clickToggle(listing, CARD, 0, 'Star')
      await waitForCardState(listing, 0, 'starred', CARD)

      const article = await extension.openPage(BIORXIV_PAGES.article.url, RXIV_ROUTES)
      await article.waitForSelector('h1#page-title + .paper-shelf-controls')
      await article.waitForFunction(
        () => document.querySelector('h1#page-title')?.parentElement?.getAttribute('data-paper-shelf')?.includes('starred'),
        {
          timeout: 10_000,
          polling: 100,
        },
      )
      const star = await article.$('::-p-aria([name="Star"][role="button"])')
      expect(await star?.evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')
      await Promise.all([listing.close(), article.close()])
    })
  })
})
