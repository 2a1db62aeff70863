import type { Page } from 'puppeteer-core'
import { describe } from 'vitest'
import { neurips } from '../../src/sites/neurips'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  clickToggle,
  indexOfCardLinking,
  pagesOf,
  siteBasics,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const ENTRY = 'ul.paper-list > li'
/** The card of an abstract page: the title's container. */
const ABSTRACT = 'div:has(> h1.paper-title)'
/** The card of an arXiv abstract page. */
const ARXIV_ABS = '#abs'
const NEURIPS_PAGES = pagesOf(neurips)

/** A-NeSI: arXiv 2607.00488 in the arXiv fixtures, neurips:4d9944ab… on the 2023 year page. */
const ANESI = '4d9944ab3330fe6af8efb9260aa9f307'
/** SAMS-VAE, the paper of the abstract page fixture. */
const SAMS_VAE = '0001ca33ba34ce0351e4612b744b3936'

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

const yearEntry = (year: Page, hash: string): Promise<number> => indexOfCardLinking(year, ENTRY, new RegExp(`/hash/${hash}-Abstract`))

async function openArxivAbstract(extension: ExtensionUnderTest): Promise<Page> {
  const page = await open(extension, ARXIV_PAGES.absNeurips.url)
  await page.waitForSelector('h1.title + .paper-shelf-controls')
  return page
}

async function openYear(extension: ExtensionUnderTest): Promise<Page> {
  const year = await open(extension, NEURIPS_PAGES.year.url)
  await waitForAnnotatedCards(year, ENTRY)
  return year
}

describeBrowsers(() => {
  siteBasics(neurips, { card: ENTRY, listings: ['year'], reloaded: 'year' })

  describe('NeurIPS: one paper on arXiv and NeurIPS, matched by title and first author', () => {
    it('shows a paper starred on its arXiv page as starred on the year page', async ({ extension }) => {
      const arxivPage = await openArxivAbstract(extension)
      await clickToggle(arxivPage, ARXIV_ABS, 0, 'Star')
      await waitForCardState(arxivPage, 0, 'starred', ARXIV_ABS)

      // The year page links no arXiv id: only the title and the first author tell it is the same paper.
      const year = await openYear(extension)
      await waitForCardState(year, await yearEntry(year, ANESI), 'starred', ENTRY)
      await Promise.all([arxivPage.close(), year.close()])
    })

    it('shows a paper read on the year page as read on its arXiv page', async ({ extension }) => {
      const year = await openYear(extension)
      const entry = await yearEntry(year, ANESI)
      await clickToggle(year, ENTRY, entry, 'Read')
      await waitForCardState(year, entry, 'read', ENTRY)

      const arxivPage = await openArxivAbstract(extension)
      await waitForCardState(arxivPage, 0, 'read', ARXIV_ABS)

      // Marked on arXiv, the open year page follows: both cards are one paper now.
      await clickToggle(arxivPage, ARXIV_ABS, 0, 'Star')
      await waitForCardState(year, entry, 'starred read', ENTRY)
      await Promise.all([arxivPage.close(), year.close()])
    })
  })

  describe('NeurIPS: a year entry and its abstract page are one paper', () => {
    it('shows the marks of either on the other', async ({ extension }) => {
      const year = await openYear(extension)
      const entry = await yearEntry(year, SAMS_VAE)
      await clickToggle(year, ENTRY, entry, 'Star')

      const abstract = await open(extension, NEURIPS_PAGES.abstract.url)
      await abstract.waitForSelector('h1.paper-title + .paper-shelf-controls')
      await waitForCardState(abstract, 0, 'starred', ABSTRACT)

      await clickToggle(abstract, ABSTRACT, 0, 'Read')
      await waitForCardState(year, entry, 'starred read', ENTRY)
      await Promise.all([year.close(), abstract.close()])
    })
  })
})
