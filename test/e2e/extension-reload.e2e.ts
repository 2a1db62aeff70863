import { expect } from 'vitest'
import { describeBrowsers, extensionTest as it } from './extension-test'
import { HF_PAGES, HF_ROUTES, waitForAnnotatedCards } from './pages'

describeBrowsers((kind) => {
  // Firefox unloads a reloaded add-on's content scripts itself; Chromium leaves them running, cut off.
  if (kind === 'chromium')
    it('takes its toggles off an open page when the extension is reloaded, instead of failing on every click', async ({ extension }) => {
      const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
      const cards = await waitForAnnotatedCards(page)
      expect(cards).toBeGreaterThan(1)
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(String(error)))
      const worker = await extension.browser.waitForTarget(
        (target) => target.type() === 'service_worker' && target.url().includes(extension.extensionId),
      )
      const reloaded = worker
        .worker()
        .then((context) =>
          context?.evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload()),
        )
      await reloaded.catch(() => undefined)
      await page.bringToFront()
      const urlBefore = page.url()
      await page.click('article .paper-shelf-controls button')
      await page.waitForFunction(() => document.querySelectorAll('.paper-shelf-controls, [data-paper-shelf]').length === 0, {
        timeout: 10_000,
        polling: 100,
      })
      expect(page.url()).toBe(urlBefore)
      expect(errors).toEqual([])
    })
})
