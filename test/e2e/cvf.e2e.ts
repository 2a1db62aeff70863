import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { TOGGLE_IDS } from '../../src/core/marks'
import { cvf } from '../../src/sites/cvf'
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

const ENTRY = 'dt.ptitle'
const RESULT = 'li.arxiv-result'
const CVF_PAGES = pagesOf(cvf)

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

/** The marks each entry's dt and the two dd after it show ("starred read", "" or null). */
function entryStates(page: Page): Promise<(string | null)[][]> {
  return page.$$eval(
    ENTRY,
    (dts, marks) =>
      dts.map((dt) => {
        const authors = dt.nextElementSibling
        const links = authors?.nextElementSibling
        return [dt, authors, links].map((element) => {
          const tokens = element?.getAttribute('data-paper-shelf')
          return tokens == null ? null : marks.filter((mark) => tokens.split(' ').includes(mark)).join(' ')
        })
      }),
    TOGGLE_IDS,
  )
}

describeBrowsers(() => {
  siteBasics(cvf, { card: ENTRY, listings: ['dayAll', 'day2020'], reloaded: 'dayAll' })

  describe('CVF Open Access', () => {
    it('puts the toggles in the title and the state on the title and both dd of the entry', async ({ extension }) => {
      const page = await open(extension, CVF_PAGES.dayAll.url)
      await waitForAnnotatedCards(page, ENTRY)
      await clickToggle(page, ENTRY, 1, 'Star')
      await clickToggle(page, ENTRY, 0, 'Read')
      await waitForCardState(page, 1, 'starred', ENTRY)
      const states = await entryStates(page)
      expect(states.slice(0, 2)).toEqual([
        ['read', 'read', 'read'],
        ['starred', 'starred', 'starred'],
      ])
      expect(
        states
          .slice(2)
          .flat()
          .some((state) => /starred|read/.test(state ?? '')),
      ).toBe(false)
      const controls = await page.$$eval(ENTRY, (dts) =>
        dts.map((dt) =>
          [dt, dt.nextElementSibling, dt.nextElementSibling?.nextElementSibling].map(
            (el) => el?.querySelectorAll('.paper-shelf-controls').length,
          ),
        ),
      )
      expect(controls).toEqual(states.map(() => [1, 0, 0]))
      // The "Back" dd before the first entry belongs to no entry.
      expect(await page.$eval('#content dl > dd', (dd) => dd.hasAttribute('data-paper-shelf'))).toBe(false)
      await page.close()
    })

    it('shows a paper starred on arXiv as starred on the CVF entry that links it', async ({ extension }) => {
      const search = await open(extension, ARXIV_PAGES.search.url)
      await waitForAnnotatedCards(search, RESULT)
      const result = await indexOfCardLinking(search, RESULT, arxivPaperLink('2403.06973'))
      await clickToggle(search, RESULT, result, 'Star')
      await waitForCardState(search, result, 'starred', RESULT)

      const listing = await open(extension, CVF_PAGES.dayAll.url)
      await waitForAnnotatedCards(listing, ENTRY)
      const entry = await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2403.06973'))
      await waitForCardState(listing, entry, 'starred', ENTRY)
      expect((await entryStates(listing))[entry]).toEqual(['starred', 'starred', 'starred'])
      await Promise.all([search, listing].map((page) => page.close()))
    })

    it('shows a paper starred on its CVF entry as starred on arXiv', async ({ extension }) => {
      const listing = await open(extension, CVF_PAGES.dayAll.url)
      await waitForAnnotatedCards(listing, ENTRY)
      const entry = await indexOfCardLinking(listing, ENTRY, arxivPaperLink('2403.06973'))
      await clickToggle(listing, ENTRY, entry, 'Star')
      await waitForCardState(listing, entry, 'starred', ENTRY)

      const search = await open(extension, ARXIV_PAGES.search.url)
      await waitForAnnotatedCards(search, RESULT)
      await waitForCardState(search, await indexOfCardLinking(search, RESULT, arxivPaperLink('2403.06973')), 'starred', RESULT)

      const paper = await open(extension, CVF_PAGES.paper.url)
      await paper.waitForFunction(() => document.querySelector('#content dd')?.getAttribute('data-paper-shelf') === 'starred', {
        timeout: 10_000,
        polling: 100,
      })
      await Promise.all([listing, search, paper].map((page) => page.close()))
    })
  })
})
