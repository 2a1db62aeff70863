import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it } from './extension-test'
import { biorxiv } from '../../src/sites/biorxiv'
import { medrxiv } from '../../src/sites/medrxiv'
import { ALL_ROUTES, BIORXIV_PAGES, clickToggle, siteBasics, waitForAnnotatedCards, waitForCardState } from './pages'

const CARD = 'div.highwire-article-citation'

describeBrowsers(() => {
  siteBasics(biorxiv, { card: CARD, listings: ['collection', 'collectionPage2', 'search'], reloaded: 'search' })
  siteBasics(medrxiv, { card: CARD, listings: ['search'] })

  describe('bioRxiv and medRxiv', () => {
    it('shows a paper starred on a listing as starred on its article page', async ({ extension }) => {
      const listing = await extension.openPage(BIORXIV_PAGES.collection.url, ALL_ROUTES)
      await waitForAnnotatedCards(listing, CARD)
      await clickToggle(listing, CARD, 0, 'Star')
      await waitForCardState(listing, 0, 'starred', CARD)

      const article = await extension.openPage(BIORXIV_PAGES.article.url, ALL_ROUTES)
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
