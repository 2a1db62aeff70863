import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { HF_PAGES, HF_ROUTES, cardStates, toggleIn, waitForAnnotatedCards } from './pages'

const CLICKS = 200
const TABS = 3
/** The first cards of the daily page, so that the same papers are clicked often, from every tab. */
const CARDS = 6
/** The service worker is stopped after every this many clicks, while the saves of the last ones are still under way. */
const STOP_EVERY = 8

function openDaily(extension: ExtensionUnderTest): Promise<Page> {
  return extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
}

/** Starts recording, in the page, every toggle that says its change could not be saved. */
async function recordSaveErrors(page: Page): Promise<void> {
  await page.evaluate(() => {
    const shown: string[] = []
    ;(window as unknown as { savesShownAsFailed: string[] }).savesShownAsFailed = shown
    new MutationObserver((records) => {
      for (const { target } of records) {
        if (target instanceof HTMLElement && target.hasAttribute('data-paper-shelf-error')) shown.push(target.title)
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-paper-shelf-error'] })
  })
}

const savesShownAsFailed = (page: Page) => page.evaluate(() => (window as unknown as { savesShownAsFailed: string[] }).savesShownAsFailed)

/** A fixed sequence of choices, so that a failure can be replayed. */
function choices(seed: number): (count: number) => number {
  let state = seed
  return (count) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state % count
  }
}

/** Chromium only: Firefox runs the background as an event page, which tests cannot stop. Called inside a `describeBrowsers` body, for Chromium. */
export function describeWorkerStop(): void {
  describe('saving while the service worker stops', () => {
    it(`after ${CLICKS} clicks across ${TABS} tabs with the worker stopped every ${STOP_EVERY} clicks, every toggle shows what is stored and no saved change is shown as failed`, async ({
      extension,
    }) => {
      if (extension.kind !== 'chromium') throw new Error('Chromium only')
      const tabs: Page[] = []
      for (let tab = 0; tab < TABS; tab += 1) tabs.push(await openDaily(extension))
      for (const tab of tabs) {
        expect(await waitForAnnotatedCards(tab)).toBeGreaterThanOrEqual(CARDS)
        await recordSaveErrors(tab)
      }

      // Stopping needs no new page, so it can go out right after a click, while that click is being saved.
      const stopper = await extension.browser.newPage()
      const cdp = await stopper.createCDPSession()
      await cdp.send('ServiceWorker.enable')
      const pick = choices(20_261_202)
      const stops: Promise<unknown>[] = []
      for (let click = 1; click <= CLICKS; click += 1) {
        const button = await toggleIn(tabs[pick(TABS)]!, 'article', pick(CARDS), pick(2) === 0 ? 'Star' : 'Read')
        // A burst: the next click does not wait for this one to be saved.
        await button.click()
        if (click % STOP_EVERY === 0) stops.push(cdp.send('ServiceWorker.stopAllWorkers'))
      }
      await Promise.all(stops)
      await stopper.close()
      for (const tab of tabs) {
        await tab.waitForFunction(() => document.querySelector('.paper-shelf-controls [aria-busy]') === null, {
          timeout: 30_000,
          polling: 100,
        })
      }

      // What is stored, as a page opened now is told.
      const fresh = await openDaily(extension)
      await waitForAnnotatedCards(fresh)
      const stored = (await cardStates(fresh)).slice(0, CARDS)
      expect(stored.some((state) => state !== '')).toBe(true)
      for (const tab of tabs) {
        await expect.poll(async () => (await cardStates(tab)).slice(0, CARDS), { timeout: 10_000, interval: 200 }).toEqual(stored)
        expect(await savesShownAsFailed(tab)).toEqual([])
      }
      await Promise.all([...tabs, fresh].map((page) => page.close()))
    }, 240_000)
  })
}
