import { describe, expect } from 'vitest'
import { byRole } from './harness'
import { extensionTest as it } from './extension-test'
import { HF_PAGES, HF_ROUTES, clickToggle, toggleIn, waitForAnnotatedCards, waitForCardState } from './pages'

/** What the functions run in the extension's pages use of `chrome` (a type only: they run there, without imports). */
interface ExtensionGlobal {
  chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } }; runtime: { reload(): void } }
}

const REGION_ALERT = '[role="region"][aria-label="Paper Shelf"] [role="alert"] span'

/**
 * Chromium only: Firefox opens extension pages only in a relaunched browser (see launchFirefox), so the
 * unit tests cover these there.
 */
export function describeShelfHealth(): void {
  describe('a shelf whose storage went away, and a page whose extension restarted', () => {
    it('says in the popup that the shelf lost its papers, until the reader dismisses it', async ({ extension }) => {
      const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
      await waitForAnnotatedCards(page)
      await clickToggle(page, 'article', 0, 'Star')
      await waitForCardState(page, 0, 'starred')
      const popup = await extension.openPopup()
      // The worker counts the shelf a few seconds after a change.
      await popup.waitFor(async () => {
        const { shelfSize } = await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get('shelfSize')
        return (shelfSize as { papers?: number } | undefined)?.papers === 1
      })
      // The database deleted under the worker, as clearing the extension's data or a damaged profile leaves it.
      await popup.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const deletion = indexedDB.deleteDatabase('paper-shelf')
            deletion.onsuccess = () => resolve(undefined)
            deletion.onerror = () => reject(deletion.error)
          }),
      )
      await popup.close()

      const reopened = await extension.openPopup()
      await reopened.waitFor(() =>
        document
          .querySelector('.shelf-health:not([hidden]) [role="alert"]')
          ?.textContent?.startsWith('Your shelf is empty, but it held 1 paper on '),
      )
      await reopened.clickByRole('button', 'Restore a backup…')
      expect(await reopened.attribute(byRole('button', 'Export'), 'aria-expanded')).toBe('true')
      await reopened.clickByRole('button', 'Dismiss')
      await reopened.waitFor(() => document.querySelector('.shelf-health')?.hasAttribute('hidden'))
      const { shelfLoss } = await reopened.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get('shelfLoss'))
      expect(shelfLoss).toBeUndefined()
      await reopened.close()
    })

    it('says on the page that it must be reloaded once the extension was restarted under it', async ({ extension }) => {
      const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
      await waitForAnnotatedCards(page)
      const popup = await extension.openPopup()
      // The popup goes away with the extension it reloads.
      await popup.evaluate(() => (globalThis as unknown as ExtensionGlobal).chrome.runtime.reload()).catch(() => undefined)
      await (await toggleIn(page, 'article', 0, 'Star')).click()
      await page.waitForSelector(REGION_ALERT, { timeout: 10_000 })
      expect(await page.$eval(REGION_ALERT, (text) => text.textContent)).toBe(
        'Paper Shelf was updated or restarted. Reload this page to use it again.',
      )
    })
  })
}
