import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { scholar } from '../../src/sites/scholar'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  arxivPaperLink,
  clickToggle,
  countToggles,
  indexOfCardLinking,
  SCHOLAR_PAGES,
  siteBasics,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

const RESULT = '#gs_res_ccl_mid div.gs_r[data-cid]'
const ROW = 'tr.gsc_a_tr'

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

describeBrowsers(() => {
  siteBasics(scholar, {
    card: RESULT,
    listings: ['results', 'secondPage', 'countryHost'],
    reloaded: 'results',
    marked: { starred: 0, read: 6 },
  })

  describe('Google Scholar pages', () => {
    it('puts the toggles after the title, out of Scholar’s own links row', async ({ extension }) => {
      const page = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(page, RESULT)
      const placed = await page.$$eval(RESULT, (elements) =>
        elements.map((card) => card.querySelector('h3.gs_rt')?.nextElementSibling?.classList.contains('paper-shelf-controls') ?? false),
      )
      expect(placed.every(Boolean)).toBe(true)
      expect(await page.$$eval(`${RESULT} .gs_fl .paper-shelf-controls`, (found) => found.length)).toBe(0)
      await page.close()
    })

    it('gives every row of a profile exactly one Star and one Read', async ({ extension }) => {
      const page = await open(extension, SCHOLAR_PAGES.profile.url)
      const rows = await waitForAnnotatedCards(page, ROW)
      expect(rows).toBe(scholar.examples.find((example) => example.name === 'profile')?.keys.length)
      expect(await countToggles(page)).toEqual({ star: rows, read: rows })
      await page.close()
    })
  })

  describe('one paper on arXiv and Google Scholar', () => {
    it('shows a paper starred on arXiv as starred on the Scholar result that links it', async ({ extension }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, 'dl > dt')
      await clickToggle(listing, 'dl > dt + dd', await indexOfCardLinking(listing, 'dl > dt', arxivPaperLink('2404.14219')), 'Star')

      const results = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(results, RESULT)
      await waitForCardState(results, await indexOfCardLinking(results, RESULT, arxivPaperLink('2404.14219')), 'starred', RESULT)

      // The profile names the same paper in its venue line.
      const profile = await open(extension, SCHOLAR_PAGES.profile.url)
      await waitForAnnotatedCards(profile, ROW)
      await waitForCardState(profile, 0, 'starred', ROW)
      await Promise.all([listing, results, profile].map((page) => page.close()))
    })

    it('shows a paper starred on Scholar through its PDF link as starred on arXiv', async ({ extension }) => {
      const results = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(results, RESULT)
      const result = await indexOfCardLinking(results, RESULT, arxivPaperLink('2404.07143'))
      await clickToggle(results, RESULT, result, 'Star')
      await waitForCardState(results, result, 'starred', RESULT)

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, 'dl > dt')
      const entry = await indexOfCardLinking(listing, 'dl > dt', arxivPaperLink('2404.07143'))
      await waitForCardState(listing, entry, 'starred', 'dl > dt')

      // And back: unstarred on arXiv clears it on the open Scholar page.
      await clickToggle(listing, 'dl > dt + dd', entry, 'Star')
      await waitForCardState(results, result, '', RESULT)
      await Promise.all([results, listing].map((page) => page.close()))
    })
  })

  describe('one paper under two Scholar ids, matched by title and first author', () => {
    it('shows a profile row starred on the result for the same paper, and the result’s change on the row', async ({ extension }) => {
      const title = 'Plutonic rocks from the Cape Roberts hinterland'
      const profile = await open(extension, SCHOLAR_PAGES.profile.url)
      await waitForAnnotatedCards(profile, ROW)
      const row = await profile.$$eval(
        ROW,
        (rows, start) => rows.findIndex((r) => r.querySelector('a.gsc_a_at')?.textContent?.startsWith(start)),
        title,
      )
      expect(row).toBeGreaterThanOrEqual(0)
      await clickToggle(profile, ROW, row, 'Star')
      await waitForCardState(profile, row, 'starred', ROW)

      // The result links the paper's arXiv id, which the profile row does not show: only the title tells.
      const results = await open(extension, SCHOLAR_PAGES.results.url)
      await waitForAnnotatedCards(results, RESULT)
      const result = await indexOfCardLinking(results, RESULT, arxivPaperLink('2404.14219'))
      await waitForCardState(results, result, 'starred', RESULT)

      // Marked from the result, the paper is one record under its arXiv id; the open profile follows.
      await clickToggle(results, RESULT, result, 'Read')
      await waitForCardState(profile, row, 'starred read', ROW)
      // The record now knows the row's Scholar id as an alias, and finds it by that id after a reload.
      await profile.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(profile, ROW)
      await waitForCardState(profile, row, 'starred read', ROW)
      await Promise.all([profile.close(), results.close()])
    })
  })
})
