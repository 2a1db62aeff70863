import type { CDPSession, Target } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { downloaded, today } from './downloads'
import { byRole } from './harness'
import { extensionTest as it } from './extension-test'
import { ARXIV_PAGES, ARXIV_ROUTES, HF_PAGES, HF_ROUTES, clickToggle, waitForAnnotatedCards } from './pages'

/** A request the extension made itself, with the context that made it. */
interface OwnRequest {
  context: string
  url: string
}

/** Addresses that never leave the browser: the extension's own files, and data or blob URLs it makes. */
const LOCAL = /^(?:chrome-extension|data|blob):/

interface RequestWillBeSent {
  request: { url: string }
  documentURL?: string
  initiator: { url?: string; stack?: { callFrames: { url: string }[]; parent?: unknown } }
}

/** Every script URL in the initiator's stack, the async parents included. */
function initiatorScripts(initiator: RequestWillBeSent['initiator']): string[] {
  const urls = initiator.url ? [initiator.url] : []
  for (let stack = initiator.stack; stack; stack = stack.parent as RequestWillBeSent['initiator']['stack']) {
    urls.push(...stack.callFrames.map((frame) => frame.url))
  }
  return urls
}

/** Chromium only: its DevTools protocol shows each request with the context and script that made it. Called inside a `describeBrowsers` body, for Chromium. */
export function describeNoNetwork(): void {
  describe('network', () => {
    it('the extension itself makes no request through a whole session: pages, toggles, popup, search, export, library', async ({
      extension,
    }) => {
      const own: OwnRequest[] = []
      const sessions: CDPSession[] = []
      const watch = async (target: Target) => {
        if (!['page', 'service_worker', 'background_page', 'other'].includes(target.type())) return
        const session = await target.createCDPSession().catch(() => undefined)
        if (!session) return
        sessions.push(session)
        session.on('Network.requestWillBeSent', (event: RequestWillBeSent) => {
          const url = event.request.url
          if (LOCAL.test(url)) return
          // The target's URL now, not when it was created (a page opens at about:blank).
          const ours = `chrome-extension://${extension.extensionId}/`
          const extensionContext = target.url().startsWith(ours) || (event.documentURL ?? '').startsWith(ours)
          // On a site's page, only what a content script started is the extension's.
          const fromContentScript = initiatorScripts(event.initiator).some((script) => script.startsWith('chrome-extension://'))
          if (extensionContext || fromContentScript) own.push({ context: `${target.type()} ${target.url()}`, url })
        })
        await session.send('Network.enable').catch(() => undefined)
      }
      extension.browser.on('targetcreated', (target: Target) => void watch(target))
      await Promise.all(extension.browser.targets().map(watch))

      const listing = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
      await waitForAnnotatedCards(listing)
      await clickToggle(listing, 'article', 0, 'Star')
      await clickToggle(listing, 'article', 1, 'Read')
      const arxiv = await extension.openPage(ARXIV_PAGES.listNew.url, ARXIV_ROUTES)
      await waitForAnnotatedCards(arxiv, 'dl > dt')
      await clickToggle(arxiv, 'dl > dt + dd', 0, 'Star')

      const popup = await extension.openPopup()
      await popup.waitForElement({ ...byRole('tab', 'Starred'), matches: '[aria-selected="true"]' })
      await popup.type(byRole('searchbox', 'Search'), 'diffusion')
      await popup.click(byRole('button', 'Settings'))
      await popup.press('Escape')
      await popup.click(byRole('button', 'Export'))
      await popup.click(byRole('button', 'BibTeX'))
      expect(await downloaded(extension.downloadsDir, `paper-shelf-starred-${today()}.bib`)).toContain('@misc{')
      await popup.close()
      const library = await extension.openLibrary()
      await library.waitForElement(byRole('searchbox', 'Search'))
      await library.type(byRole('searchbox', 'Search'), 'a')
      await library.close()
      await Promise.all([listing.close(), arxiv.close()])

      expect(sessions.length).toBeGreaterThanOrEqual(5)
      expect(own).toEqual([])
    })
  })
}
