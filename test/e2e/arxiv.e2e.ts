import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  ALL_ROUTES,
  ARXIV_PAGES,
  arxivPaperLink,
  cardStates,
  clickToggle,
  countToggles,
  HF_PAGES,
  indexOfCardLinking,
  LONG_LISTING_URL,
  shiftWithoutControls,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'
import { describeSelfMutatingPages } from './self-mutating'

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)

describeBrowsers((kind) => {
  if (kind === 'chromium') describeSelfMutatingPages()

  describe('arXiv pages', () => {
    it.for([
      ['listNew', 'dl > dt'],
      ['recent', 'dl > dt'],
      ['pastweek', 'dl > dt'],
      ['month', 'dl > dt'],
      ['legacy', 'dl > dt'],
      ['catchup', 'dl > dt'],
      ['search', 'li.arxiv-result'],
      ['advanced', 'li.arxiv-result'],
    ] as const)('gives every entry of the %s page both toggles', async ([name, selector], { extension }) => {
      const page = await open(extension, ARXIV_PAGES[name].url)
      const entries = await waitForAnnotatedCards(page, selector)
      expect(await countToggles(page)).toEqual({ star: entries, read: entries })
      if (selector === 'dl > dt') {
        // An entry is a dt + dd pair: both carry its state, and the toggles sit inside the pair.
        const pairs = await page.$$eval('dl > dt', (dts) =>
          dts.map((dt) => ({
            dd: dt.nextElementSibling?.hasAttribute('data-paper-shelf'),
            controls:
              dt.querySelectorAll('.paper-shelf-controls').length +
              (dt.nextElementSibling?.querySelectorAll('.paper-shelf-controls').length ?? 0),
          })),
        )
        expect(pairs.every((pair) => pair.dd && pair.controls === 1)).toBe(true)
      }
      await page.close()
    })

    it.for(['abs', 'absOldStyle'] as const)('puts the toggles next to the title on the %s page', async (name, { extension }) => {
      const page = await open(extension, ARXIV_PAGES[name].url)
      await page.waitForSelector('h1.title + .paper-shelf-controls')
      expect(await countToggles(page)).toEqual({ star: 1, read: 1 })
      await page.close()
    })

    // Finding 4000 toggles by accessible name takes Firefox one to three minutes (the longest on a busy
    // two-core machine): it awaits every element of the page's accessibility tree in turn (WebDriver BiDi
    // locateNodes). Chromium needs seconds.
    it('annotates every entry of a 2000-entry listing', { timeout: 360_000 }, async ({ extension }) => {
      const page = await open(extension, LONG_LISTING_URL)
      expect(await waitForAnnotatedCards(page, 'dl > dt')).toBe(2000)
      expect(await countToggles(page)).toEqual({ star: 2000, read: 2000 })
      expect(await page.$$eval('dl > dd[data-paper-shelf]', (dds) => dds.length)).toBe(2000)
      // Their space was kept free under the titles from the first paint: they moved nothing.
      expect(await shiftWithoutControls(page, 'dl > dd')).toEqual({ moved: 0, reserved: 2000 })
      await page.close()
    })

    it('ignores Star clicked and the star shortcut pressed by the page’s own script, and stars on the reader’s', async ({ extension }) => {
      const page = await open(extension, ARXIV_PAGES.listNew.url)
      await waitForAnnotatedCards(page, 'dl > dt')
      // The page's script clicks the first entry's Star, and dispatches a click on the fourth's.
      await page.evaluate(() => {
        const stars = document.querySelectorAll<HTMLButtonElement>('dl > dd button[aria-label="Star"]')
        stars[0]!.click()
        stars[3]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
      })
      await page.keyboard.press('j')
      await page.keyboard.press('j')
      // The second entry is current: the page's script presses s on it.
      await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, cancelable: true })))
      expect((await cardStates(page, 'dl > dt')).slice(0, 4)).toEqual(['', '', '', ''])

      await clickToggle(page, 'dl > dt + dd', 2, 'Star')
      await page.keyboard.press('s')
      await waitForCardState(page, 1, 'starred', 'dl > dt')
      await waitForCardState(page, 2, 'starred', 'dl > dt')
      await page.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(page, 'dl > dt')
      expect((await cardStates(page, 'dl > dt')).slice(0, 4)).toEqual(['', 'starred', 'starred', ''])
      await page.close()
    })

    it('dims read entries, both halves of the pair', async ({ extension }) => {
      const page = await open(extension, ARXIV_PAGES.recent.url)
      await waitForAnnotatedCards(page, 'dl > dt')
      await clickToggle(page, 'dl > dt + dd', 0, 'Read')
      await waitForCardState(page, 0, 'read', 'dl > dt')
      // The dimming fades in (a 120 ms transition that starts at full opacity): let it begin.
      await page
        .waitForFunction(
          () => {
            const dt = document.querySelector('dl > dt')!
            return [dt, dt.nextElementSibling!].every((half) => Number(getComputedStyle(half).opacity) < 1)
          },
          { timeout: 2_000, polling: 50 },
        )
        .catch(() => undefined)
      const opacity = await page.$eval('dl > dt', (dt) => [getComputedStyle(dt).opacity, getComputedStyle(dt.nextElementSibling!).opacity])
      expect(opacity.map(Number).every((value) => value < 1)).toBe(true)
      await page.close()
    })
  })

  describe('one paper across sites', () => {
    it('shows a paper starred on Hugging Face as starred on arXiv, with both places in the popup', async ({ extension }) => {
      const hf = await open(extension, HF_PAGES.daily.url)
      await waitForAnnotatedCards(hf)
      await clickToggle(hf, 'article', await indexOfCardLinking(hf, 'article', arxivPaperLink('2404.14219')), 'Star')

      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, 'dl > dt')
      const entry = await indexOfCardLinking(listing, 'dl > dt', arxivPaperLink('2404.14219'))
      await waitForCardState(listing, entry, 'starred', 'dl > dt')
      await waitForCardState(listing, entry, 'starred', 'dl > dd')

      const search = await open(extension, ARXIV_PAGES.search.url)
      await waitForAnnotatedCards(search, 'li.arxiv-result')
      await waitForCardState(
        search,
        await indexOfCardLinking(search, 'li.arxiv-result', arxivPaperLink('2404.14219')),
        'starred',
        'li.arxiv-result',
      )

      // Firefox opens the popup in a relaunched browser, without these pages: close them first everywhere.
      await Promise.all([hf, listing, search].map((page) => page.close()))
      const popup = await extension.openPopup()
      await popup.waitFor(() => {
        const items = [...document.querySelectorAll('[role="tabpanel"] li')]
        const links = items.flatMap((item) => [...item.querySelectorAll('a')].map((a) => `${a.textContent}|${a.getAttribute('href')}`))
        return (
          items.length === 1 &&
          links.includes('arXiv|https://arxiv.org/abs/2404.14219') &&
          links.includes('Hugging Face|https://huggingface.co/papers/2404.14219')
        )
      })
      await popup.close()
    })

    it('shows a paper read on arXiv through a versioned link as read on Hugging Face and under its unversioned link', async ({
      extension,
    }) => {
      const listing = await open(extension, ARXIV_PAGES.month.url)
      await waitForAnnotatedCards(listing, 'dl > dt')
      const entry = await indexOfCardLinking(listing, 'dl > dt', arxivPaperLink('2404.14047'))
      const hrefs = await listing.$$eval('dl > dt', (dts) => dts.map((dt) => dt.querySelector('a[title="Abstract"]')?.getAttribute('href')))
      expect(hrefs[entry]).toMatch(/v2$/)
      await clickToggle(listing, 'dl > dt + dd', entry, 'Read')
      await waitForCardState(listing, entry, 'read', 'dl > dt')

      const hf = await open(extension, HF_PAGES.daily.url)
      await waitForAnnotatedCards(hf)
      await waitForCardState(hf, await indexOfCardLinking(hf, 'article', arxivPaperLink('2404.14047')), 'read')

      const advanced = await open(extension, ARXIV_PAGES.advanced.url)
      await waitForAnnotatedCards(advanced, 'li.arxiv-result')
      await waitForCardState(
        advanced,
        await indexOfCardLinking(advanced, 'li.arxiv-result', arxivPaperLink('2404.14047')),
        'read',
        'li.arxiv-result',
      )

      // And back: unread on Hugging Face clears it on the open arXiv page.
      await clickToggle(hf, 'article', await indexOfCardLinking(hf, 'article', arxivPaperLink('2404.14047')), 'Read')
      await waitForCardState(listing, entry, '', 'dl > dt')
      await Promise.all([listing, hf, advanced].map((page) => page.close()))
    })
  })
})
