import type { Page } from 'puppeteer-core'
import { describe } from 'vitest'
import { pmlr } from '../../src/sites/pmlr'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  arxivPaperLink,
  clickToggle,
  indexOfCardLinking,
  pagesOf,
  siteBasics,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const PAPER = 'div.paper'
const ENTRY = 'dl > dt'
const ENTRY_CONTROLS = 'dl > dt + dd'
const PMLR_PAGES = pagesOf(pmlr)

/** GFlowNet-EM: arXiv 2607.00473 on the arXiv listing, pmlr:v202/hu23c on the volume. */
const ARXIV_ID = '2607.00473'
const PMLR_PAPER = 'https://proceedings.mlr.press/v202/hu23c.html'

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

const arxivEntry = (listing: Page): Promise<number> => indexOfCardLinking(listing, ENTRY, arxivPaperLink(ARXIV_ID))

const volumeEntry = (volume: Page, paperUrl = PMLR_PAPER): Promise<number> =>
  indexOfCardLinking(volume, PAPER, new RegExp(`^${paperUrl.replaceAll('.', '\\.')}$`))

describeBrowsers(() => {
  siteBasics(pmlr, { card: PAPER, listings: ['volume'], reloaded: 'volume' })

  describe('PMLR: one paper on arXiv and PMLR, matched by title and first author', () => {
    it('shows a paper starred on an arXiv listing as starred on the volume page', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.pastweek.url)
      await waitForAnnotatedCards(listing, ENTRY)
      const entry = await arxivEntry(listing)
      await clickToggle(listing, ENTRY_CONTROLS, entry, 'Star')
      await waitForCardState(listing, entry, 'starred', ENTRY)

      // The volume links no arXiv id: only the title and the first author tell it is the same paper.
      const volume = await open(extension, PMLR_PAGES.volume.url)
      await waitForAnnotatedCards(volume, PAPER)
      const paper = await volumeEntry(volume)
      await waitForCardState(volume, paper, 'starred', PAPER)
      await Promise.all([listing.close(), volume.close()])
    })

    it('shows a paper read on the volume page as read on the arXiv listing', async ({ extension }) => {
      const volume = await open(extension, PMLR_PAGES.volume.url)
      await waitForAnnotatedCards(volume, PAPER)
      const paper = await volumeEntry(volume)
      await clickToggle(volume, PAPER, paper, 'Read')
      await waitForCardState(volume, paper, 'read', PAPER)

      const listing = await open(extension, ARXIV_PAGES.pastweek.url)
      await waitForAnnotatedCards(listing, ENTRY)
      const entry = await arxivEntry(listing)
      await waitForCardState(listing, entry, 'read', ENTRY)

      // Marked on arXiv, the open volume page follows: both cards are one paper now.
      await clickToggle(listing, ENTRY_CONTROLS, entry, 'Star')
      await waitForCardState(volume, paper, 'starred read', PAPER)
      await Promise.all([listing.close(), volume.close()])
    })

    it('shows the volume entry’s marks on the paper page', async ({ extension }) => {
      const volume = await open(extension, PMLR_PAGES.volume.url)
      await waitForAnnotatedCards(volume, PAPER)
      await clickToggle(volume, PAPER, await volumeEntry(volume, PMLR_PAGES.paper.url), 'Star')

      const page = await open(extension, PMLR_PAGES.paper.url)
      await page.waitForSelector('article.post-content h1 + .paper-shelf-controls')
      await waitForCardState(page, 0, 'starred', 'article.post-content')
      await Promise.all([volume.close(), page.close()])
    })
  })
})
