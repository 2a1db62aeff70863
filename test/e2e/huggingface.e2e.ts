import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { fixture } from './harness'
import { describeShelfHealth } from './shelf-health'
import { describeWorkerStop } from './worker-stop'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import {
  HF_PAGES,
  HF_ROUTES,
  clickToggle,
  cardStates,
  cardTitles,
  countToggles,
  toggleIn,
  waitForAnnotatedCards,
  waitForCardState,
} from './pages'

async function closeAll(...pages: Page[]): Promise<void> {
  await Promise.all(pages.map((page) => page.close()))
}

function open(extension: ExtensionUnderTest, page: keyof typeof HF_PAGES): Promise<Page> {
  return extension.openPage(HF_PAGES[page].url, HF_ROUTES)
}

describeBrowsers((kind) => {
  if (kind === 'chromium') {
    describeWorkerStop()
    describeShelfHealth()
  }
  describe('Hugging Face Papers listings', () => {
    it.for(['daily', 'latest', 'week', 'month', 'trending', 'search'] as const)(
      'gives every card on the %s page both toggles',
      async (name, { extension }) => {
        const page = await open(extension, name)
        const cards = await waitForAnnotatedCards(page)
        expect(cards).toBeGreaterThan(0)
        expect(await countToggles(page)).toEqual({ star: cards, read: cards })
        const perCard = await page.$$eval('article', (articles) =>
          articles.map((a) => a.querySelectorAll('.paper-shelf-controls button').length),
        )
        expect(perCard.every((count) => count === 2)).toBe(true)
        await page.close()
      },
    )

    it('puts the toggles next to the title on a single paper page', async ({ extension }) => {
      const page = await open(extension, 'paper')
      await page.waitForSelector('h1 + .paper-shelf-controls')
      expect(await countToggles(page)).toEqual({ star: 1, read: 1 })
      await page.close()
    })

    it("keeps its controls looking the same under the page's CSS reset", async ({ extension }) => {
      const page = await open(extension, 'daily')
      await waitForAnnotatedCards(page)
      const look = () =>
        page.$eval('::-p-aria([name="Star"][role="button"])', (button) => {
          const style = getComputedStyle(button)
          return {
            padding: style.paddingLeft,
            border: style.borderTopWidth,
            radius: style.borderTopLeftRadius,
            display: style.display,
            font: style.fontSize,
          }
        })
      const before = await look()
      // What Tailwind's preflight does to every button, plus a page rule aimed at buttons in cards.
      await page.addStyleTag({
        content: `button,[type='button']{background-color:transparent;background-image:none;padding:0;border:0 solid;border-radius:0;font:inherit;font-size:30px}
          article button{display:block;padding:20px}`,
      })
      expect(await look()).toEqual(before)
      expect(before).toMatchObject({ padding: '10px', border: '1px', display: 'flex', font: '12px' })
      await page.close()
    })

    it('keeps Star and Read across a reload', async ({ extension }) => {
      const page = await open(extension, 'daily')
      await waitForAnnotatedCards(page)
      await clickToggle(page, 'article', 0, 'Star')
      await clickToggle(page, 'article', 1, 'Read')
      await waitForCardState(page, 0, 'starred')
      await waitForCardState(page, 1, 'read')
      expect(await (await toggleIn(page, 'article', 0, 'Star')).evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')

      await page.reload({ waitUntil: 'load' })
      await waitForAnnotatedCards(page)
      const states = await cardStates(page)
      expect(states.slice(0, 2)).toEqual(['starred', 'read'])
      expect(await (await toggleIn(page, 'article', 1, 'Read')).evaluate((b) => b.getAttribute('aria-pressed'))).toBe('true')
      await page.close()
    })

    it('works from the keyboard with Enter and Space', async ({ extension }) => {
      const page = await open(extension, 'month')
      await waitForAnnotatedCards(page)
      const star = await toggleIn(page, 'article', 2, 'Star')
      await star.focus()
      await page.keyboard.press('Enter')
      await waitForCardState(page, 2, 'starred')
      // ' ' is the Space key (code "Space"); WebDriver BiDi knows it by its value only.
      await page.keyboard.press(' ')
      await waitForCardState(page, 2, '')
      await page.close()
    })

    it('updates a second tab showing the same paper without a reload', async ({ extension }) => {
      const first = await open(extension, 'daily')
      const second = await open(extension, 'daily')
      const paperPage = await open(extension, 'paper')
      await Promise.all([
        waitForAnnotatedCards(first),
        waitForAnnotatedCards(second),
        paperPage.waitForSelector('h1 + .paper-shelf-controls'),
      ])
      const index = await first.$$eval('article h3 a', (links) => links.findIndex((a) => a.getAttribute('href') === '/papers/2404.14219'))
      expect(index).toBeGreaterThanOrEqual(0)

      await clickToggle(first, 'article', index, 'Star')
      await waitForCardState(second, index, 'starred')
      await paperPage.waitForFunction(() => document.querySelector('[data-paper-shelf="starred"] > h1'), { timeout: 10_000, polling: 100 })

      await paperPage.bringToFront()
      await (await paperPage.$('::-p-aria([name="Star"][role="button"])'))!.click()
      await waitForCardState(first, index, '')
      await waitForCardState(second, index, '')
      await closeAll(first, second, paperPage)
    })

    // Chromium only: Firefox runs the background as an event page, not a service worker.
    if (kind === 'chromium')
      it('keeps state when the service worker is stopped, and wakes it for the next change', async ({ extension }) => {
        const chromium = extension
        if (chromium.kind !== 'chromium') throw new Error('Chromium only')
        const page = await open(extension, 'week')
        await waitForAnnotatedCards(page)
        await clickToggle(page, 'article', 0, 'Read')
        await waitForCardState(page, 0, 'read')

        await chromium.stopServiceWorker()
        await clickToggle(page, 'article', 1, 'Star')
        await waitForCardState(page, 1, 'starred')
        await chromium.stopServiceWorker()
        await page.reload({ waitUntil: 'load' })
        await waitForAnnotatedCards(page)
        expect((await cardStates(page)).slice(0, 2)).toEqual(['read', 'starred'])
        await page.close()
      })

    // Chromium only: Firefox unloads a reloaded add-on's content scripts itself; Chromium leaves them running, cut off.
    if (kind === 'chromium')
      it('takes its toggles off an open page when the extension is reloaded, instead of failing on every click', async ({ extension }) => {
        const page = await open(extension, 'daily')
        expect(await waitForAnnotatedCards(page)).toBeGreaterThan(1)
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(String(error)))
        const worker = await extension.browser.waitForTarget(
          (target) => target.type() === 'service_worker' && target.url().includes(extension.extensionId),
        )
        const reload = () => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()
        // The worker ends while it runs this, so the evaluation itself never answers.
        await (await worker.worker())?.evaluate(reload).catch(() => undefined)
        await page.bringToFront()
        const urlBefore = page.url()
        await page.click('article .paper-shelf-controls button')
        await page.waitForFunction(() => document.querySelectorAll('.paper-shelf-controls, [data-paper-shelf]').length === 0, {
          timeout: 10_000,
          polling: 100,
        })
        expect(page.url()).toBe(urlBefore)
        expect(errors).toEqual([])
        await page.close()
      })

    it('annotates cards that arrive later, once each, after client-side navigation and live search', async ({ extension }) => {
      const page = await open(extension, 'daily')
      await waitForAnnotatedCards(page)
      const weekHtml = fixture('huggingface', 'week.html')

      // The page swaps its cards for another period's without a reload, as its tabs do.
      await page.evaluate((html) => {
        const incoming = new DOMParser().parseFromString(html, 'text/html')
        const grid = document.querySelector('article')!.parentElement!
        history.pushState({}, '', '/papers/week/2024-W17')
        grid.replaceChildren(...[...incoming.querySelectorAll('article')].map((article) => document.importNode(article, true)))
      }, weekHtml)
      const weekCards = await waitForAnnotatedCards(page)
      expect(await countToggles(page)).toEqual({ star: weekCards, read: weekCards })

      // Search results replaced as the user types: some cards go, new ones come, some stay.
      await page.evaluate(() => {
        const grid = document.querySelector('article')!.parentElement!
        const kept = grid.querySelector('article')!
        const added = kept.cloneNode(true) as Element
        added.querySelector('.paper-shelf-controls')?.remove()
        added.removeAttribute('data-paper-shelf')
        for (const link of added.querySelectorAll('a[href^="/papers/"]')) link.setAttribute('href', '/papers/2405.00001')
        added.querySelector('h3 a')!.textContent = 'A paper that arrived with the search results'
        history.replaceState({}, '', '/papers?q=arrived')
        grid.replaceChildren(kept, added)
      })
      await waitForAnnotatedCards(page)
      expect(await page.$$eval('article', (articles) => articles.map((a) => a.querySelectorAll('.paper-shelf-controls').length))).toEqual([
        1, 1,
      ])
      expect(await countToggles(page)).toEqual({ star: 2, read: 2 })
      await page.close()
    })
  })

  describe('a hostile page', () => {
    it('shows hostile titles as text and runs nothing, on the page and in the popup', async ({ extension }) => {
      const dialogs: string[] = []
      const page = await open(extension, 'hostile')
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      await waitForAnnotatedCards(page)
      const titles = await cardTitles(page)
      const index = titles.findIndex((title) => title.includes('<img src=x onerror=alert(1)>'))
      expect(index).toBeGreaterThanOrEqual(0)

      await clickToggle(page, 'article', index, 'Star')
      await waitForCardState(page, index, 'starred')
      expect(await page.$$eval('img[src="x"]', (images) => images.length)).toBe(0)

      const popup = await extension.openPopup()
      await popup.waitFor(
        (title) => [...document.querySelectorAll('[role="tabpanel"] li a')].some((link) => link.textContent === title),
        titles[index]!,
      )
      expect(await popup.evaluate(() => document.querySelectorAll('img').length)).toBe(0)
      // A dialog that never opens fires no event. What could open one here is a handler on injected
      // markup, such as the title's <img src=x onerror>: once an image of our own with the same src has
      // reported its error, such a handler would have run too.
      await popup.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const canary = new Image()
            canary.onerror = canary.onload = () => resolve(true)
            canary.src = 'x'
          }),
      )
      dialogs.push(...(await popup.dialogs()))
      expect(dialogs).toEqual([])
      await popup.close()
    })
  })
})
