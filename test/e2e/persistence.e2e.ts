import { afterAll, describe, expect, it } from 'vitest'
import { BROWSERS, launchBrowser, type ExtensionBrowser } from './harness'
import { HF_PAGES, HF_ROUTES, clickToggle, cardStates, waitForAnnotatedCards, waitForCardState } from './pages'

describe.each(BROWSERS)('%s', (kind) => {
  let extension: ExtensionBrowser | undefined

  afterAll(async () => {
    await extension?.close({ discardProfile: true })
  })

  describe('the shelf across a browser restart', () => {
    // Firefox: the relaunch reinstalls the temporary add-on on the same profile, under its pinned UUID.
    it('keeps starred and read papers', async () => {
      extension = await launchBrowser(kind)
      const page = await extension.openPage(HF_PAGES.trending.url, HF_ROUTES)
      await waitForAnnotatedCards(page)
      await clickToggle(page, 'article', 0, 'Star')
      await clickToggle(page, 'article', 2, 'Read')
      await waitForCardState(page, 0, 'starred')
      await waitForCardState(page, 2, 'read')
      const { profileDir, extensionId } = extension
      await extension.close()

      extension = await launchBrowser(kind, profileDir)
      expect(extension.extensionId).toBe(extensionId)
      const reopened = await extension.openPage(HF_PAGES.trending.url, HF_ROUTES)
      await waitForAnnotatedCards(reopened)
      expect((await cardStates(reopened)).slice(0, 3)).toEqual(['starred', '', 'read'])
    })
  })
})
