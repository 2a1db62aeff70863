import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { aclanthology } from '../../src/sites/aclanthology'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  clickToggle,
  countToggles,
  indexOfCardLinking,
  pagesOf,
  siteBasics,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

/** Paper entries: every entry but a volume's front matter (`<volume>.0`), which is no paper. */
const ENTRY = 'div.d-sm-flex.align-items-stretch:not(:has(strong > a[href$=".0/"]))'
const ARXIV_ENTRY = 'dl > dt'
/** An arXiv entry's toggles are in its `dd`. */
const ARXIV_CONTROLS = 'dl > dt + dd'
const PAGES = pagesOf(aclanthology)

function open(extension: ExtensionUnderTest, url: string): Promise<Page> {
  return extension.openPage(url, ALL_ROUTES)
}

describeBrowsers(() => {
  siteBasics(aclanthology, { card: ENTRY, listings: ['event', 'volume'], reloaded: 'volume' })

  describe('ACL Anthology', () => {
    it('leaves a volume front matter without toggles', async ({ extension }) => {
      const volume = await open(extension, PAGES.volume.url)
      const cards = await waitForAnnotatedCards(volume, ENTRY)
      expect(await countToggles(volume)).toEqual({ star: cards, read: cards })
      const frontMatter = await volume.$eval('div.d-sm-flex:has(strong > a[href="/2023.findings-emnlp.0/"])', (entry) => ({
        state: entry.getAttribute('data-paper-shelf'),
        controls: entry.querySelectorAll('.paper-shelf-controls').length,
      }))
      expect(frontMatter).toEqual({ state: null, controls: 0 })
      await volume.close()
    })

    it('shows a paper starred on an arXiv listing as starred on its volume page, and a Read there on arXiv', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ARXIV_ENTRY)
      const onArxiv = await indexOfCardLinking(listing, ARXIV_ENTRY, /\/abs\/2404\.14047(v\d+)?$/)
      await clickToggle(listing, ARXIV_CONTROLS, onArxiv, 'Star')
      await waitForCardState(listing, onArxiv, 'starred', ARXIV_ENTRY)

      const volume = await open(extension, PAGES.volume.url)
      await waitForAnnotatedCards(volume, ENTRY)
      const onAnthology = await indexOfCardLinking(volume, ENTRY, /^\/2023\.findings-emnlp\.3\/$/)
      await waitForCardState(volume, onAnthology, 'starred', ENTRY)

      await clickToggle(volume, ENTRY, onAnthology, 'Read')
      await waitForCardState(listing, onArxiv, 'starred read', ARXIV_ENTRY)
      await waitForCardState(listing, onArxiv, 'starred read', ARXIV_CONTROLS)
      await Promise.all([listing, volume].map((page) => page.close()))
    })

    it('shows a paper starred on its volume page as starred on the arXiv listing', async ({ extension }) => {
      const volume = await open(extension, PAGES.volume.url)
      await waitForAnnotatedCards(volume, ENTRY)
      const onAnthology = await indexOfCardLinking(volume, ENTRY, /^\/2023\.findings-emnlp\.3\/$/)
      await clickToggle(volume, ENTRY, onAnthology, 'Star')
      await waitForCardState(volume, onAnthology, 'starred', ENTRY)

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, ARXIV_ENTRY)
      await waitForCardState(listing, await indexOfCardLinking(listing, ARXIV_ENTRY, /\/abs\/2404\.14047(v\d+)?$/), 'starred', ARXIV_ENTRY)
      await Promise.all([listing, volume].map((page) => page.close()))
    })

    it('annotates the page of a legacy paper in the older Bootstrap 4 markup', async ({ extension }) => {
      const paper = await open(extension, PAGES.legacyPaper.url)
      await paper.waitForSelector('h2#title + .paper-shelf-controls')
      expect(await countToggles(paper)).toEqual({ star: 1, read: 1 })
      await paper.close()
    })

    it('finds a paper starred on its volume page, known there by its Anthology id, on its own page, which keys it by DOI', async ({
      extension,
    }) => {
      const volume = await open(extension, PAGES.volume.url)
      await waitForAnnotatedCards(volume, ENTRY)
      const huatuo = await indexOfCardLinking(volume, ENTRY, /^\/2023\.findings-emnlp\.725\/$/)
      await clickToggle(volume, ENTRY, huatuo, 'Star')
      await waitForCardState(volume, huatuo, 'starred', ENTRY)

      const paper = await open(extension, PAGES.paper.url)
      await paper.waitForSelector('h2#title + .paper-shelf-controls')
      await paper.waitForFunction(() => document.querySelector('h2#title')?.parentElement?.getAttribute('data-paper-shelf') === 'starred', {
        timeout: 10_000,
        polling: 100,
      })
      expect(await countToggles(paper)).toEqual({ star: 1, read: 1 })
      await paper.bringToFront()
      await (await paper.$('::-p-aria([name="Read"][role="button"])'))!.click()
      await waitForCardState(volume, huatuo, 'starred read', ENTRY)
      await Promise.all([volume, paper].map((page) => page.close()))
    })
  })
})
