import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { scholar } from '../../src/sites/scholar'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  SCHOLAR_PAGES,
  cardStates,
  clickToggle,
  countToggles,
  toggleIn,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const RESULT = '#gs_res_ccl_mid div.gs_r[data-cid]'
const ROW = 'tr.gsc_a_tr'

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

/** The index of the result or arXiv entry that links to arXiv paper `id`. */
async function indexOf(page: Page, selector: string, id: string): Promise<number> {
  const index = await page.$$eval(
    selector,
    (cards, paperId) =>
      cards.findIndex((card) =>
        [...card.querySelectorAll('a[href]')].some((link) =>
          new RegExp(`/(abs|pdf)/${paperId.replace('.', '\\.')}(v\\d+)?$`).test(link.getAttribute('href') ?? ''),
        ),
      ),
    id,
  )
  expect(index, `${id} on ${page.url()}`).toBeGreaterThanOrEqual(0)
  return index
}

describeBrowsers(() => {
  describe('Google Scholar pages', () => {
    it.for([
      ['results', RESULT],
      ['secondPage', RESULT],
      ['countryHost', RESULT],
      ['profile', ROW],
    ] as const)('gives every card of the %s page exactly one Star and one Read', async ([name, selector], { extension }) => {
      const page = await open(extension, SCHOLAR_PAGES[name].url)
      const cards = await waitForAnnotatedCards(page, selector)
      expect(cards).toBe(scholar.examples.find((example) => example.name === name)?.keys.length)
      expect(await countToggles(page)).toEqual({ star: cards, read: cards })
      const perCard = await page.$$eval(selector, (elements) =>
        elements.map((card) => card.querySelectorAll('.paper-shelf-controls').length),
      )
      expect(perCard.every((count) => count === 1)).toBe(true)
      if (selector === RESULT) {
        // The toggles follow the title and stay out of Scholar's own links row.
        const placed = await page.$$eval(selector, (elements) =>
          elements.map((card) => card.querySelector('h3.gs_rt')?.nextElementSibling?.classList.contains('paper-shelf-controls') ?? false),
        )
        expect(placed.every(Boolean)).toBe(true)
        expect(await page.$$eval(`${selector} .gs_fl .paper-shelf-controls`, (found) => found.length)).toBe(0)
      }
      await page.close()
    })

    it('keeps Star and Read across a reload', async ({ extension }) => {
      const page = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(page, RESULT)
      await clickToggle(page, RESULT, 0, 'Star')
      await clickToggle(page, RESULT, 6, 'Read')
      await waitForCardState(page, 0, 'starred', RESULT)
      await waitForCardState(page, 6, 'read', RESULT)

      await page.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(page, RESULT)
      const states = await cardStates(page, RESULT)
      expect([states[0], states[6]]).toEqual(['starred', 'read'])
      expect(await (await toggleIn(page, RESULT, 0, 'Star')).evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')
      expect(await (await toggleIn(page, RESULT, 6, 'Read')).evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')
      await page.close()
    })
  })

  describe('one paper on arXiv and Google Scholar', () => {
    it('shows a paper starred on arXiv as starred on the Scholar result that links it', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, 'dl > dt')
      await clickToggle(listing, 'dl > dt + dd', await indexOf(listing, 'dl > dt', '2404.14219'), 'Star')

      const results = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(results, RESULT)
      await waitForCardState(results, await indexOf(results, RESULT, '2404.14219'), 'starred', RESULT)

      // The profile names the same paper in its venue line.
      const profile = await open(extension, SCHOLAR_PAGES.profile.url)
      await waitForAnnotatedCards(profile, ROW)
      await waitForCardState(profile, 0, 'starred', ROW)
      await Promise.all([listing, results, profile].map((page) => page.close()))
    })

    it('shows a paper starred on Scholar through its PDF link as starred on arXiv', async ({ extension }) => {
      const results = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(results, RESULT)
      const result = await indexOf(results, RESULT, '2404.07143')
      await clickToggle(results, RESULT, result, 'Star')
      await waitForCardState(results, result, 'starred', RESULT)

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, 'dl > dt')
      const entry = await indexOf(listing, 'dl > dt', '2404.07143')
      await waitForCardState(listing, entry, 'starred', 'dl > dt')

      // And back: unstarred on arXiv clears it on the open Scholar page.
      await clickToggle(listing, 'dl > dt + dd', entry, 'Star')
      await waitForCardState(results, result, '', RESULT)
      await Promise.all([results, listing].map((page) => page.close()))
    })
  })
})
