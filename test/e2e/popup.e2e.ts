import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type ExtensionBrowser } from './harness'
import { HF_PAGES, HF_ROUTES, clickToggle, cardTitles, toggleIn, waitForAnnotatedCards, waitForCardState } from './pages'

let chromium: ExtensionBrowser
let page: Page
let popup: Page
let titles: string[]

const tab = (name: string) => `::-p-aria([name="${name}"][role="tab"])`

async function listedTitles(): Promise<string[]> {
  return popup.$$eval('[role="tabpanel"] li', (items) => items.map((item) => item.querySelector('a')?.textContent ?? ''))
}

async function waitForList(expected: string[]): Promise<void> {
  await popup
    .waitForFunction(
      (want) => {
        const got = [...document.querySelectorAll('[role="tabpanel"] li')].map((item) => item.querySelector('a')?.textContent ?? '')
        return JSON.stringify(got) === JSON.stringify(want)
      },
      { timeout: 10_000, polling: 100 },
      expected,
    )
    .catch(async () => {
      expect(await listedTitles()).toEqual(expected)
    })
}

async function showView(name: string): Promise<void> {
  await popup.bringToFront()
  await (await popup.$(tab(name)))!.click()
  await popup.waitForSelector(`${tab(name)}[aria-selected="true"]`)
}

beforeAll(async () => {
  chromium = await launchChromium()
})

afterAll(async () => {
  await chromium?.close({ discardProfile: true })
})

describe('the popup reading list', () => {
  it('tells a new user what to do when the shelf is empty', async () => {
    popup = await chromium.openPopup()
    await popup.waitForSelector(`${tab('Starred')}[aria-selected="true"]`)
    await popup.waitForFunction(() => document.body.textContent?.includes('Your shelf is empty'), { timeout: 10_000, polling: 100 })
    await popup.close()
  })

  it('lists starred and read papers, newest first, in the right filters', async () => {
    page = await chromium.openPage(HF_PAGES.daily.url, HF_ROUTES)
    await waitForAnnotatedCards(page)
    titles = (await cardTitles(page)).slice(0, 3)
    await clickToggle(page, 'article', 0, 'Star')
    await waitForCardState(page, 0, 'starred')
    await clickToggle(page, 'article', 1, 'Star')
    await waitForCardState(page, 1, 'starred')
    await clickToggle(page, 'article', 1, 'Read')
    await waitForCardState(page, 1, 'starred read')
    await clickToggle(page, 'article', 2, 'Read')
    await waitForCardState(page, 2, 'read')

    popup = await chromium.openPopup()
    await popup.waitForSelector(`${tab('Starred')}[aria-selected="true"]`)
    const [t0, t1, t2] = titles as [string, string, string]
    await waitForList([t1, t0])
    await showView('Unread')
    await waitForList([t0])
    await showView('Read')
    await waitForList([t2, t1])
    await showView('All')
    await waitForList([t2, t1, t0])
  })

  it('shows each paper with its links and toggles', async () => {
    const item = (await popup.$$('[role="tabpanel"] li'))[2]!
    const link = await item.$('a')
    expect(await link!.evaluate((a) => a.getAttribute('href'))).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}$/)
    expect(await (await item.$('::-p-aria([name="Star"][role="button"])'))!.evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')
    expect(await (await item.$('::-p-aria([name="Read"][role="button"])'))!.evaluate((b) => b.getAttribute('aria-pressed'))).toBe('false')
  })

  it('searches titles', async () => {
    const [t0] = titles as [string]
    await popup.bringToFront()
    const search = await popup.$('::-p-aria([name="Search"])')
    await search!.type(t0.split(' ').slice(0, 2).join(' '))
    await waitForList([t0])
    await search!.evaluate((input) => ((input as HTMLInputElement).value = ''))
    await search!.type(' ')
    await popup.keyboard.press('Escape')
  })

  it('sends a change made in the popup to the page, and one made in the page to the popup', async () => {
    await showView('Starred')
    const [t0, t1] = titles as [string, string]
    await waitForList([t1, t0])
    await popup.bringToFront()
    const first = (await popup.$$('[role="tabpanel"] li'))[1]!
    await (await first.$('::-p-aria([name="Read"][role="button"])'))!.click()
    await waitForCardState(page, 0, 'starred read')

    await clickToggle(page, 'article', 1, 'Star')
    await waitForCardState(page, 1, 'read')
    // Unstarred elsewhere, so it leaves the Starred view of the open popup.
    await waitForList([t0])
    await popup.close()
    popup = await chromium.openPopup()
    await waitForList([t0])
    await showView('Unread')
    await waitForList([])
    await popup.close()
    await page.close()
  })
})
