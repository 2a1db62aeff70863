import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core'

const ROOT = resolve(import.meta.dirname, '../..')
export const CHROME_EXTENSION_DIR = join(ROOT, 'dist/chrome')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Flags for a quiet, offline, headless Chromium. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function fixture(site: string, name: string): string {
  return readFileSync(join(ROOT, 'test/fixtures', site, name), 'utf8')
}

/** Serves fixture HTML at real site URLs; everything else gets an empty 404, so tests run offline. */
export type Routes = Record<string, string | (() => string)>

export async function serveRoutes(request: HTTPRequest, routes: Routes): Promise<void> {
  const url = new URL(request.url())
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return request.continue()
  const body = routes[`${url.origin}${url.pathname}${url.search}`] ?? routes[`${url.origin}${url.pathname}`]
  if (body === undefined) return request.respond({ status: 404, contentType: 'text/plain', body: '' })
  return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: typeof body === 'function' ? body() : body })
}

export interface ExtensionBrowser {
  browser: Browser
  extensionId: string
  profileDir: string
  /** A tab whose requests are answered from `routes`. */
  openPage: (url: string, routes: Routes) => Promise<Page>
  openPopup: () => Promise<Page>
  stopServiceWorker: () => Promise<void>
  /** Closes the browser; the profile stays for a restart unless `discardProfile` is set. */
  close: (options?: { discardProfile?: boolean }) => Promise<void>
}

/** Starts Debian's Chromium with the built extension, on a new profile or an existing one. */
export async function launchChromium(profileDir = mkdtempSync(join(tmpdir(), 'paper-shelf-e2e-'))): Promise<ExtensionBrowser> {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [CHROME_EXTENSION_DIR],
    userDataDir: profileDir,
    args: CHROMIUM_ARGS,
  })
  const worker = await browser.waitForTarget(
    (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
    { timeout: 15_000 },
  )
  const extensionId = new URL(worker.url()).host

  return {
    browser,
    extensionId,
    profileDir,
    openPage: async (url, routes) => {
      const page = await browser.newPage()
      await page.setRequestInterception(true)
      page.on('request', (request) => void serveRoutes(request, routes))
      await page.goto(url, { waitUntil: 'load' })
      return page
    },
    openPopup: async () => {
      const page = await browser.newPage()
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`, { waitUntil: 'load' })
      return page
    },
    stopServiceWorker: async () => {
      const page = await browser.newPage()
      const cdp = await page.createCDPSession()
      await cdp.send('ServiceWorker.enable')
      await cdp.send('ServiceWorker.stopAllWorkers')
      await page.close()
      const isWorker = (target: { type: () => string; url: () => string }) =>
        target.type() === 'service_worker' && target.url().includes(extensionId)
      for (let waited = 0; browser.targets().some(isWorker); waited += 50) {
        if (waited > 5_000) throw new Error('The service worker did not stop')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    close: async ({ discardProfile = false } = {}) => {
      await browser.close()
      if (discardProfile) rmSync(profileDir, { recursive: true, force: true })
    },
  }
}
