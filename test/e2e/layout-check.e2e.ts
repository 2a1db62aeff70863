import type { ElementHandle, Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { LAYOUT_NOTICE_TEXT } from '../../src/content/layout-notice'
import { LAYOUT_NOT_RECOGNISED } from '../../src/popup/page-status-line'
import { arxiv } from '../../src/sites/arxiv'
import { huggingface } from '../../src/sites/huggingface'
import { pubmed } from '../../src/sites/pubmed'
import { scholar } from '../../src/sites/scholar'
import type { Site } from '../../src/sites/site'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { byRole } from './harness'
import { ALL_ROUTES, HF_PAGES, waitForAnnotatedCards } from './pages'

const REGION = '::-p-aria([name="Paper Shelf"][role="region"])'

/** The saved page of `site` whose markup the site does not recognise, or whose page lists nothing. */
function exampleWithoutCards(site: Site, why: 'layoutChanged' | 'nothingListed'): string {
  const example = site.examples.find((candidate) => candidate.noCards === why)
  if (!example) throw new Error(`${site.label} has no example page for ${why}`)
  return example.url
}

/** Waits for the page's Paper Shelf region (which shows only once the page has settled without cards). */
async function waitForRegion(page: Page): Promise<ElementHandle> {
  await page.bringToFront()
  const region = await page.waitForSelector(REGION, { timeout: 15_000 })
  if (!region) throw new Error('No Paper Shelf region')
  return region
}

async function regions(page: Page): Promise<number> {
  // The accessibility tree that aria queries read is computed for the tab in front.
  await page.bringToFront()
  return (await page.$$(REGION)).length
}

/** Whether the page's Paper Shelf region says the layout was not recognised. */
async function showsNotice(page: Page): Promise<boolean> {
  await page.bringToFront()
  const texts = await Promise.all((await page.$$(REGION)).map((region) => region.evaluate((element) => element.textContent ?? '')))
  return texts.some((text) => text.includes(LAYOUT_NOTICE_TEXT))
}

/** Opens a page whose layout is not recognised and waits for its notice: by then, pages opened earlier have settled too. */
async function openUnrecognised(extension: ExtensionUnderTest, site: Site): Promise<Page> {
  const page = await extension.openPage(exampleWithoutCards(site, 'layoutChanged'), ALL_ROUTES)
  await waitForRegion(page)
  return page
}

describeBrowsers((kind) => {
  describe('the layout self-check', () => {
    it('says on the page, in its Paper Shelf region, when a site no longer recognises the layout; Dismiss takes it away', async ({
      extension,
    }) => {
      for (const site of [huggingface, pubmed, arxiv]) {
        const page = await openUnrecognised(extension, site)
        const region = await waitForRegion(page)
        expect(await region.evaluate((element) => element.textContent)).toContain(LAYOUT_NOTICE_TEXT)
        expect(await regions(page)).toBe(1)
        expect(await page.$$('.paper-shelf-controls, [data-paper-shelf]')).toHaveLength(0)
        // With the keyboard, as a screen reader user would.
        const dismiss = await region.$('::-p-aria([name="Dismiss"][role="button"])')
        await dismiss!.focus()
        await page.keyboard.press('Enter')
        await page.waitForFunction((selector) => !document.querySelector(selector), { timeout: 5_000, polling: 100 }, '.paper-shelf-region')
        await page.close()
      }
    })

    it('says nothing on pages that list nothing, nor on pages whose cards it found', async ({ extension }) => {
      const quiet = [
        await extension.openPage(exampleWithoutCards(pubmed, 'nothingListed'), ALL_ROUTES),
        await extension.openPage(exampleWithoutCards(huggingface, 'nothingListed'), ALL_ROUTES),
        await extension.openPage(exampleWithoutCards(scholar, 'nothingListed'), ALL_ROUTES),
        await extension.openPage(exampleWithoutCards(arxiv, 'nothingListed'), ALL_ROUTES),
        await extension.openPage(HF_PAGES.daily.url, ALL_ROUTES),
      ]
      await waitForAnnotatedCards(quiet.at(-1)!)
      // Opened last, this page's notice shows after the others had as long to settle.
      const control = await openUnrecognised(extension, pubmed)
      for (const page of quiet) expect(await showsNotice(page)).toBe(false)
      // The page with cards has its region for what is new and seen, and no more.
      expect(await regions(quiet.at(-1)!)).toBe(1)
      await control.close()
      for (const page of quiet) await page.close()
    })

    if (kind === 'chromium') {
      // The popup must be the real one, over the page's tab: opened in a tab of its own, its active tab would be itself.
      // Firefox opens extension pages only in a relaunched browser without the page (see launchFirefox), so
      // there the popup line is covered by the unit tests.
      it('says in the popup, over a page whose layout was not recognised, that it was not; over other pages, nothing', async ({
        extension,
      }) => {
        if (extension.kind !== 'chromium') throw new Error('Chromium only')
        const unrecognised = await openUnrecognised(extension, huggingface)
        await unrecognised.bringToFront()
        const popup = await extension.openActionPopup()
        await popup.waitForElement(byRole('status', LAYOUT_NOT_RECOGNISED))
        await popup.close()

        const daily = await extension.openPage(HF_PAGES.daily.url, ALL_ROUTES)
        await waitForAnnotatedCards(daily)
        await daily.bringToFront()
        const overDaily = await extension.openActionPopup()
        await overDaily.waitForElement(byRole('tab', 'Starred'))
        expect(await overDaily.evaluate(() => document.getElementById('page-status')?.hidden)).toBe(true)
        await overDaily.close()
      })
    }
  })
})
