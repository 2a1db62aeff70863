import type { Page } from 'puppeteer-core'
import { describeNoNetwork } from './no-network'
import { describe, expect } from 'vitest'
import { byRole, type PopupDriver } from './harness'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { HF_PAGES, HF_ROUTES, clickToggle, cardTitles, waitForAnnotatedCards, waitForCardState } from './pages'

const tab = (name: string) => byRole('tab', name)
const ITEM = '[role="tabpanel"] li'
/** The toggle named `name` in the `nth` paper of the list. */
const toggleOf = (nth: number, name: 'Star' | 'Read') => byRole('button', name, { within: ITEM, nth })

async function listedTitles(popup: PopupDriver): Promise<string[]> {
  return popup.evaluate((item) => [...document.querySelectorAll(item)].map((li) => li.querySelector('a')?.textContent ?? ''), ITEM)
}

async function waitForList(popup: PopupDriver, expected: string[]): Promise<void> {
  await popup
    .waitFor(
      (item, want) => {
        const got = [...document.querySelectorAll(item)].map((li) => li.querySelector('a')?.textContent ?? '')
        return JSON.stringify(got) === JSON.stringify(want)
      },
      ITEM,
      expected,
    )
    .catch(async () => {
      expect(await listedTitles(popup)).toEqual(expected)
    })
}

async function showView(popup: PopupDriver, name: string): Promise<void> {
  await popup.click(tab(name))
  await popup.waitForElement({ ...tab(name), matches: '[aria-selected="true"]' })
}

/**
 * On the daily page: stars papers 0 and 1, marks 1 and 2 read, in that order. Returns the page (open
 * in Chromium; in Firefox opening the popup closes it) and the three titles.
 */
async function shelveThree(extension: ExtensionUnderTest): Promise<{ page: Page; titles: [string, string, string] }> {
  const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
  await waitForAnnotatedCards(page)
  const titles = (await cardTitles(page)).slice(0, 3) as [string, string, string]
  await clickToggle(page, 'article', 0, 'Star')
  await waitForCardState(page, 0, 'starred')
  await clickToggle(page, 'article', 1, 'Star')
  await waitForCardState(page, 1, 'starred')
  await clickToggle(page, 'article', 1, 'Read')
  await waitForCardState(page, 1, 'starred read')
  await clickToggle(page, 'article', 2, 'Read')
  await waitForCardState(page, 2, 'read')
  return { page, titles }
}

/** The popup, opened (in Firefox this relaunches the browser) once it shows its default view, Starred. */
async function openPopup(extension: ExtensionUnderTest): Promise<PopupDriver> {
  const popup = await extension.openPopup()
  await popup.waitForElement({ ...tab('Starred'), matches: '[aria-selected="true"]' })
  return popup
}

describeBrowsers((kind) => {
  if (kind === 'chromium') describeNoNetwork()
  describe('the popup reading list', () => {
    it('tells a new user what to do when the shelf is empty', async ({ extension }) => {
      const popup = await openPopup(extension)
      await popup.waitFor(() => document.body.textContent?.includes('Your shelf is empty'))
      await popup.close()
    })

    it('lists starred and read papers, newest first, in the right filters', async ({ extension }) => {
      const { titles } = await shelveThree(extension)
      const popup = await openPopup(extension)
      const [t0, t1, t2] = titles
      await waitForList(popup, [t1, t0])
      await showView(popup, 'Unread')
      await waitForList(popup, [t0])
      await showView(popup, 'Read')
      await waitForList(popup, [t2, t1])
      await showView(popup, 'All')
      await waitForList(popup, [t2, t1, t0])
      await popup.close()
    })

    it('shows each paper with its links and toggles', async ({ extension }) => {
      const { titles } = await shelveThree(extension)
      const popup = await openPopup(extension)
      const [t0, t1, t2] = titles
      await showView(popup, 'All')
      await waitForList(popup, [t2, t1, t0])
      const href = await popup.evaluate((item) => document.querySelectorAll(item)[2]?.querySelector('a')?.getAttribute('href'), ITEM)
      expect(href).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/)
      expect(await popup.attribute(toggleOf(2, 'Star'), 'aria-pressed')).toBe('true')
      expect(await popup.attribute(toggleOf(2, 'Read'), 'aria-pressed')).toBe('false')
      await popup.close()
    })

    it('searches titles', async ({ extension }) => {
      const { titles } = await shelveThree(extension)
      const popup = await openPopup(extension)
      const [t0, t1, t2] = titles
      await showView(popup, 'All')
      await waitForList(popup, [t2, t1, t0])
      await popup.type(byRole('searchbox', 'Search'), t0.split(' ').slice(0, 2).join(' '))
      await waitForList(popup, [t0])
      await popup.close()
    })

    // Live both ways needs the page and the popup open at once. Firefox cannot: it runs pages under
    // WebDriver BiDi and the popup under Marionette, one session at a time. So this is Chromium only,
    // and Firefox checks the same changes across its relaunches in the next test.
    if (kind === 'chromium') {
      it('sends a change made in the popup to the page, and one made in the page to the popup', async ({ extension }) => {
        const { page, titles } = await shelveThree(extension)
        let popup = await openPopup(extension)
        await showView(popup, 'Starred')
        const [t0, t1] = titles
        await waitForList(popup, [t1, t0])
        await popup.click(toggleOf(1, 'Read'))
        await waitForCardState(page, 0, 'starred read')

        await clickToggle(page, 'article', 1, 'Star')
        await waitForCardState(page, 1, 'read')
        // Unstarred elsewhere, so it leaves the Starred view of the open popup.
        await waitForList(popup, [t0])
        await popup.close()
        popup = await extension.openPopup()
        await waitForList(popup, [t0])
        await showView(popup, 'Unread')
        await waitForList(popup, [])
        await popup.close()
        await page.close()
      })
    }

    if (kind === 'firefox') {
      it('keeps a change made in the popup for the page, and one made in the page for the popup', async ({ extension }) => {
        const { titles } = await shelveThree(extension)
        const first = await openPopup(extension)
        await showView(first, 'Starred')
        const [t0, t1] = titles
        await waitForList(first, [t1, t0])
        await first.click(toggleOf(1, 'Read'))
        // A second popup loads the shelf from the background: the change was saved there.
        let popup = await extension.openPopup()
        await showView(popup, 'Unread')
        await waitForList(popup, [])
        await popup.close()
        await first.close()

        const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
        await waitForAnnotatedCards(page)
        await waitForCardState(page, 0, 'starred read')
        await clickToggle(page, 'article', 1, 'Star')
        await waitForCardState(page, 1, 'read')
        await page.close()

        popup = await extension.openPopup()
        await waitForList(popup, [t0])
        await showView(popup, 'Unread')
        await waitForList(popup, [])
        await popup.close()
      })
    }
  })
})
