import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { initialMarks } from '../../src/core/marks'
import type { Paper } from '../../src/core/paper'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { ALL_ROUTES, ARXIV_PAGES, clickToggle, waitForAnnotatedCards, waitForCardState } from './pages'
import { putOnShelf } from './put-on-shelf'

const ENTRY = 'dl > dt'
const REGION = '::-p-aria([name="Paper Shelf"][role="region"])'
const HIDE_SEEN = '::-p-aria([name="Hide seen"][role="button"])'
/** How long a card must stay in view to count as seen, with a margin; then sightings are saved within 2 s. */
const DWELL_MS = 900
const SAVED_MS = 2_500

const open = (extension: ExtensionUnderTest, url: string): Promise<Page> => extension.openPage(url, ALL_ROUTES)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The new / seen / updated tokens of each entry, without the marks. */
function viewStates(page: Page): Promise<string[]> {
  return page.$$eval(ENTRY, (dts) =>
    dts.map((dt) =>
      (dt.getAttribute('data-paper-shelf') ?? '')
        .split(' ')
        .filter((token) => token === 'new' || token === 'seen' || token === 'updated')
        .join(' '),
    ),
  )
}

/** Whether each entry (its dt and dd) takes part in the page's layout. */
function shown(page: Page): Promise<boolean[]> {
  return page.$$eval(ENTRY, (dts) => dts.map((dt) => dt.getClientRects().length > 0 && dt.nextElementSibling!.getClientRects().length > 0))
}

async function regionText(page: Page): Promise<string> {
  const region = await page.waitForSelector(REGION, { timeout: 10_000 })
  return region!.evaluate((element) => element.textContent ?? '')
}

async function reload(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'load' })
  await waitForAnnotatedCards(page, ENTRY)
}

describeBrowsers(() => {
  describe('new, seen and updated', () => {
    it('shows every entry new on a first visit, those the reader scrolled past seen after a reload, and hides exactly the seen, unstarred ones on request', async ({
      extension,
    }) => {
      const page = await open(extension, ARXIV_PAGES.listNew.url)
      const entries = await waitForAnnotatedCards(page, ENTRY)
      expect(await viewStates(page)).toEqual(Array(entries).fill('new'))
      expect(await regionText(page)).toContain(`${entries} new · 0 seen`)

      // The reader stars the first entry and reads through the first half of the list.
      await clickToggle(page, 'dl > dt + dd', 0, 'Star')
      const readThrough = Math.ceil(entries / 2)
      for (let index = 0; index < readThrough; index += 1) {
        await page.evaluate((i) => document.querySelectorAll('dl > dt')[i]!.scrollIntoView({ block: 'center' }), index)
        await sleep(DWELL_MS)
      }
      await page.evaluate(() => window.scrollTo(0, 0))
      await sleep(SAVED_MS)

      await reload(page)
      const states = await viewStates(page)
      expect(states.slice(0, readThrough)).toEqual(Array(readThrough).fill('seen'))
      expect(states).toContain('new')
      const seen = states.filter((state) => state === 'seen').length
      expect(await regionText(page)).toContain(`${entries - seen} new · ${seen} seen`)

      const hideSeen = await page.waitForSelector(`${REGION} >>> ${HIDE_SEEN}`)
      expect(await hideSeen!.evaluate((button) => button.getAttribute('aria-pressed'))).toBe('false')
      await hideSeen!.click()
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-paper-shelf-hide-seen'), { timeout: 10_000 })
      const expected = states.map((state, index) => state !== 'seen' || index === 0)
      expect(await shown(page)).toEqual(expected)

      // The choice holds for the site: after a reload the same entries stay hidden.
      await reload(page)
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-paper-shelf-hide-seen'), { timeout: 10_000 })
      expect(await shown(page)).toEqual(expected)
      const pressed = await page.waitForSelector(`${REGION} >>> ${HIDE_SEEN}`)
      expect(await pressed!.evaluate((button) => button.getAttribute('aria-pressed'))).toBe('true')
      await pressed!.click()
      await page.waitForFunction(() => !document.documentElement.hasAttribute('data-paper-shelf-hide-seen'), { timeout: 10_000 })
      expect(await shown(page)).toEqual(Array(entries).fill(true))
      await page.close()
    })

    it('marks a replacement entry updated, with a badge naming its version, when the paper was read at an earlier one', async ({
      extension,
    }) => {
      const read = (id: string, version: number): Paper => ({
        key: `arxiv:${id}`,
        arxivId: id,
        version,
        title: `Paper ${id}`,
        authors: ['Ada Lovelace'],
        links: { arxiv: `https://arxiv.org/abs/${id}` },
        addedAt: 1,
        metadataChangedAt: 1,
        marks: { ...initialMarks(), read: { value: true, at: 2, version } },
      })
      // Both are replacements on the listing: one now at v2, read at v1; one at v3, read at v3.
      await putOnShelf(extension, [read('2605.06543', 1), read('2601.04321', 3)])
      const page = await open(extension, ARXIV_PAGES.listNew.url)
      await waitForAnnotatedCards(page, ENTRY)
      const entry = (id: string) =>
        page.$eval(`dt:has(a[id="${id}"])`, (dt) => ({
          tokens: dt.getAttribute('data-paper-shelf'),
          badge:
            dt.nextElementSibling?.querySelector('.paper-shelf-updated')?.textContent ??
            dt.querySelector('.paper-shelf-updated')?.textContent ??
            null,
        }))
      expect(await entry('2605.06543')).toEqual({ tokens: 'read seen updated', badge: 'v2' })
      expect(await entry('2601.04321')).toEqual({ tokens: 'read seen', badge: null })
      await page.close()
    })
  })

  describe('keyboard', () => {
    const current = (page: Page) =>
      page.$$eval(ENTRY, (dts) =>
        dts.flatMap((dt, index) =>
          dt.getAttribute('data-paper-shelf-current') === 'true' &&
          dt.nextElementSibling?.getAttribute('data-paper-shelf-current') === 'true'
            ? [index]
            : [],
        ),
      )

    it('moves with j and k, stars with s, reads with r, opens with o, and explains itself on ?', async ({ extension }) => {
      const page = await open(extension, ARXIV_PAGES.listNew.url)
      await waitForAnnotatedCards(page, ENTRY)
      await page.keyboard.press('j')
      expect(await current(page)).toEqual([0])
      await page.keyboard.press('j')
      await page.keyboard.press('j')
      expect(await current(page)).toEqual([2])
      await page.keyboard.press('k')
      expect(await current(page)).toEqual([1])

      await page.keyboard.press('s')
      await waitForCardState(page, 1, 'starred', ENTRY)
      await page.keyboard.press('r')
      await waitForCardState(page, 1, 'starred read', ENTRY)
      await page.keyboard.press('s')
      await waitForCardState(page, 1, 'read', ENTRY)

      const opened = extension.browser.waitForTarget((target) => target.url().includes('/abs/2607.01301'), { timeout: 10_000 })
      await page.keyboard.press('o')
      const tab = await (await opened).page()
      await tab?.close()

      await page.bringToFront()
      await page.keyboard.press('?')
      const dialog = await page.waitForSelector('::-p-aria([name="Keyboard shortcuts"][role="dialog"])', { timeout: 10_000 })
      expect(await dialog!.evaluate((element) => element.textContent)).toContain('Next paper')
      await page.keyboard.press('Escape')
      await page.waitForFunction(() => !document.querySelector('dialog'), { timeout: 10_000 })
      await page.close()
    })

    it('leaves keys typed into the page’s search box to the page', async ({ extension }) => {
      const page = await open(extension, ARXIV_PAGES.listNew.url)
      await waitForAnnotatedCards(page, ENTRY)
      const search = await page.waitForSelector('input[name="query"]')
      await search!.click()
      await page.keyboard.type('jks?r')
      expect(await search!.evaluate((input) => (input as HTMLInputElement).value)).toBe('jks?r')
      expect(await current(page)).toEqual([])
      expect(await page.$('dialog')).toBeNull()
      expect(
        await page.$$eval(ENTRY, (dts) => dts.filter((dt) => /starred|read/.test(dt.getAttribute('data-paper-shelf') ?? '')).length),
      ).toBe(0)
      await page.close()
    })
  })
})
