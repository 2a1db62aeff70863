import { describe, expect } from 'vitest'
import { describeBrowsers, extensionTest as it } from './extension-test'
import { HF_PAGES, HF_ROUTES, clickToggle, cardStates, waitForAnnotatedCards, waitForCardState } from './pages'

describeBrowsers((kind) => {
  describe('the shelf across a browser restart', () => {
    // Firefox: the relaunch reinstalls the temporary add-on on the same profile, under its pinned UUID.
    it('keeps starred and read papers', async ({ extension }) => {
      const page = await extension.openPage(HF_PAGES.trending.url, HF_ROUTES)
      await waitForAnnotatedCards(page)
      await clickToggle(page, 'article', 0, 'Star')
      await clickToggle(page, 'article', 2, 'Read')
      await waitForCardState(page, 0, 'starred')
      await waitForCardState(page, 2, 'read')
      const { profileDir, extensionId } = extension

      await extension.restart()
      expect(extension.profileDir).toBe(profileDir)
      expect(extension.extensionId).toBe(extensionId)
      const reopened = await extension.openPage(HF_PAGES.trending.url, HF_ROUTES)
      await waitForAnnotatedCards(reopened)
      expect((await cardStates(reopened)).slice(0, 3)).toEqual(['starred', '', 'read'])
    })

    it('asks the browser to keep the shelf, and Settings says it is kept', async ({ extension }) => {
      const popup = await extension.openPopup()
      await popup.clickByRole('button', 'Settings')
      // The Settings group whose legend is Storage, as text (each function runs in the popup on its own).
      await popup.waitFor(() =>
        [...document.querySelectorAll('.settings fieldset')].some((group) => /^StorageKept: /.test(group.textContent ?? '')),
      )
      const said = await popup.evaluate(
        () =>
          [...document.querySelectorAll('.settings fieldset')].find((group) => group.querySelector('legend')?.textContent === 'Storage')
            ?.textContent,
      )
      expect(said).toMatch(/^Storage/)
      // Firefox grants persistent storage to extensions; Chromium declines it, and does not evict an extension with unlimitedStorage.
      expect(said).toContain(kind === 'firefox' ? 'granted persistent storage' : 'unlimited storage')
      await popup.close()
    })
  })
})
