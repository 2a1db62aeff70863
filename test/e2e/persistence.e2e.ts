import { afterAll, describe, expect, it } from 'vitest'
import { launchChromium, type ExtensionBrowser } from './harness'
import { HF_PAGES, HF_ROUTES, clickToggle, cardStates, toggleIn, waitForAnnotatedCards, waitForCardState } from './pages'

let chromium: ExtensionBrowser | undefined

afterAll(async () => {
  await chromium?.close({ discardProfile: true })
})

describe('the shelf across a browser restart', () => {
  it('keeps starred and read papers', async () => {
    chromium = await launchChromium()
    const page = await chromium.openPage(HF_PAGES.trending.url, HF_ROUTES)
    await waitForAnnotatedCards(page)
    await clickToggle(page, 'article', 0, 'Star')
    await clickToggle(page, 'article', 2, 'Read')
    await waitForCardState(page, 0, 'starred')
    await waitForCardState(page, 2, 'read')
    const { profileDir, extensionId } = chromium
    await chromium.close()

    chromium = await launchChromium(profileDir)
    expect(chromium.extensionId).toBe(extensionId)
    const reopened = await chromium.openPage(HF_PAGES.trending.url, HF_ROUTES)
    await waitForAnnotatedCards(reopened)
    expect((await cardStates(reopened)).slice(0, 3)).toEqual(['starred', '', 'read'])
  })
})
