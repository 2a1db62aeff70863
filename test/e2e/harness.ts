import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser, type CDPSession, type Page, type Target as BrowserTarget } from 'puppeteer-core'
import { launchFirefox } from './firefox'
import { LIBRARY_PAGE, POPUP_PAGE, PuppeteerPopup, type PopupDriver } from './popup-driver'
import { ROOT, serveRoutes, type Routes } from './routes'

export { fixture, serveRoutes, type Routes } from './routes'
export { byRole, type PopupDriver, type Target } from './popup-driver'

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

export type BrowserKind = 'chromium' | 'firefox'

/**
 * The browsers every suite runs in: both by default; `E2E_BROWSERS=chromium` (or `firefox`, or a
 * comma-separated list) narrows a run.
 */
export const BROWSERS: readonly BrowserKind[] = (() => {
  const wanted = (process.env.E2E_BROWSERS || 'chromium,firefox')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
  for (const name of wanted) {
    if (name !== 'chromium' && name !== 'firefox') throw new Error(`E2E_BROWSERS: unknown browser "${name}" (use chromium and/or firefox)`)
  }
  return wanted as BrowserKind[]
})()

interface ExtensionBrowserBase {
  kind: BrowserKind
  /** The host of the extension's pages: Chromium's extension id, Firefox's pinned moz-extension UUID. */
  extensionId: string
  profileDir: string
  /** Where downloads are saved, without asking. Removed on close. */
  downloadsDir: string
  /**
   * The puppeteer browser that runs pages. In Firefox it is replaced whenever Firefox is relaunched
   * (see `openPopup`), and there is none while the popup is open.
   */
  readonly browser: Browser
  /** A tab whose requests are answered from `routes`. */
  openPage: (url: string, routes: Routes) => Promise<Page>
  /**
   * The extension's popup page, in a tab. In Firefox this relaunches the browser on the same profile:
   * pages opened before are closed, and opening a page afterwards closes the popup the same way.
   */
  openPopup: () => Promise<PopupDriver>
  /** The extension's library page, in a tab; in Firefox, like `openPopup`, this relaunches the browser. */
  openLibrary: () => Promise<PopupDriver>
  /** Closes the browser; the profile stays for a restart unless `discardProfile` is set. */
  close: (options?: { discardProfile?: boolean }) => Promise<void>
}

export interface ChromiumExtensionBrowser extends ExtensionBrowserBase {
  kind: 'chromium'
  /** Stops the extension's service worker (Firefox runs a background script instead). */
  stopServiceWorker: () => Promise<void>
  /**
   * The extension's real popup, as the toolbar button opens it over the active tab of the focused
   * window (`chrome.action.openPopup()`, run in the service worker). Bring the tab to the front first.
   */
  openActionPopup: () => Promise<PopupDriver>
}

export interface FirefoxExtensionBrowser extends ExtensionBrowserBase {
  kind: 'firefox'
}

export type ExtensionBrowser = ChromiumExtensionBrowser | FirefoxExtensionBrowser

/** Starts the browser with the built extension, on a new profile or an existing one. */
export function launchBrowser(kind: 'chromium', profileDir?: string): Promise<ChromiumExtensionBrowser>
export function launchBrowser(kind: 'firefox', profileDir?: string): Promise<FirefoxExtensionBrowser>
export function launchBrowser(kind: BrowserKind, profileDir?: string): Promise<ExtensionBrowser>
export function launchBrowser(kind: BrowserKind, profileDir?: string): Promise<ExtensionBrowser> {
  return kind === 'chromium' ? launchChromium(profileDir) : launchFirefox(profileDir)
}

/** Starts Debian's Chromium with the built extension, on a new profile or an existing one. */
export async function launchChromium(profileDir = mkdtempSync(join(tmpdir(), 'paper-shelf-e2e-'))): Promise<ChromiumExtensionBrowser> {
  const downloadsDir = mkdtempSync(join(tmpdir(), 'paper-shelf-downloads-'))
  const browser = await puppeteer
    .launch({
      executablePath: CHROMIUM,
      headless: true,
      pipe: true,
      enableExtensions: [CHROME_EXTENSION_DIR],
      userDataDir: profileDir,
      args: CHROMIUM_ARGS,
    })
    .catch((error: unknown) => {
      rmSync(downloadsDir, { recursive: true, force: true })
      throw error
    })
  let downloads: CDPSession
  let extensionId: string
  try {
    const worker = await browser.waitForTarget(
      (target) => target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
      { timeout: 15_000 },
    )
    extensionId = new URL(worker.url()).host
    // Kept open: the download behaviour lasts as long as the session that set it.
    downloads = await browser.target().createCDPSession()
    await downloads.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadsDir })
  } catch (error) {
    await browser.close()
    rmSync(downloadsDir, { recursive: true, force: true })
    throw error
  }

  const openExtensionPage = async (path: string): Promise<PopupDriver> => {
    const page = await browser.newPage()
    await page.goto(`chrome-extension://${extensionId}/${path}`, { waitUntil: 'load' })
    return new PuppeteerPopup(page)
  }

  return {
    kind: 'chromium',
    browser,
    extensionId,
    profileDir,
    downloadsDir,
    openPage: async (url, routes) => {
      const page = await browser.newPage()
      await page.setRequestInterception(true)
      page.on('request', (request) => void serveRoutes(request, routes))
      await page.goto(url, { waitUntil: 'load' })
      return page
    },
    openPopup: () => openExtensionPage(POPUP_PAGE),
    openLibrary: () => openExtensionPage(LIBRARY_PAGE),
    openActionPopup: async () => {
      const isWorker = (target: BrowserTarget) => target.type() === 'service_worker' && target.url().includes(extensionId)
      const worker = await (await browser.waitForTarget(isWorker, { timeout: 10_000 })).worker()
      if (!worker) throw new Error("No access to the extension's service worker")
      await worker.evaluate('chrome.action.openPopup()')
      const isPopup = (target: BrowserTarget) =>
        target.type() === 'page' && target.url() === `chrome-extension://${extensionId}/src/popup/index.html`
      const page = await (await browser.waitForTarget(isPopup, { timeout: 10_000 })).asPage()
      return new PuppeteerPopup(page)
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
      try {
        await downloads.detach().catch(() => undefined)
        await browser.close()
      } finally {
        rmSync(downloadsDir, { recursive: true, force: true })
        if (discardProfile) rmSync(profileDir, { recursive: true, force: true })
      }
    },
  }
}

// ---- A browser with the extension for one test (the vitest fixture is in extension-test.ts) ----

/**
 * The browser a test gets from `extensionTest`: what `launchBrowser` returns, minus `close` (the fixture
 * closes it), plus `restart`. Its properties follow the browser currently running, so they change on
 * a restart (`browser`, `downloadsDir`, and `profileDir` with `freshProfile`).
 */
export type ExtensionUnderTest = (Omit<ChromiumExtensionBrowser, 'close'> | Omit<FirefoxExtensionBrowser, 'close'>) & {
  /**
   * Closes the browser and starts it again with the extension: on the same profile (the shelf stays,
   * as after a real browser restart), or with `freshProfile` on a new, empty one (the old one is
   * discarded). Pages and popups opened before are gone; downloads of the closed browser are removed.
   */
  restart: (options?: { freshProfile?: boolean }) => Promise<void>
}

/** Launches a browser for one test; `dispose` always closes it and removes every profile it used. */
export async function startExtension(kind: BrowserKind): Promise<{ extension: ExtensionUnderTest; dispose: () => Promise<void> }> {
  // The profile is made here, not by launchBrowser, so that it is removed even when the launch fails.
  const launchOnNewProfile = async (): Promise<ExtensionBrowser> => {
    const dir = mkdtempSync(join(tmpdir(), kind === 'chromium' ? 'paper-shelf-e2e-' : 'paper-shelf-e2e-firefox-'))
    try {
      return await launchBrowser(kind, dir)
    } catch (error) {
      rmSync(dir, { recursive: true, force: true })
      throw error
    }
  }
  let current: ExtensionBrowser | undefined = await launchOnNewProfile()
  let profileDir = current.profileDir
  const running = (): ExtensionBrowser => {
    if (!current) throw new Error('The browser is not running: a restart failed')
    return current
  }
  const common = {
    get extensionId() {
      return running().extensionId
    },
    get profileDir() {
      return running().profileDir
    },
    get downloadsDir() {
      return running().downloadsDir
    },
    get browser() {
      return running().browser
    },
    openPage: (url: string, routes: Routes) => running().openPage(url, routes),
    openPopup: () => running().openPopup(),
    openLibrary: () => running().openLibrary(),
    restart: async ({ freshProfile = false }: { freshProfile?: boolean } = {}) => {
      const previous = running()
      current = undefined
      await previous.close({ discardProfile: freshProfile })
      current = freshProfile ? await launchOnNewProfile() : await launchBrowser(kind, profileDir)
      profileDir = current.profileDir
    },
  }
  const extension: ExtensionUnderTest =
    kind === 'chromium'
      ? (Object.defineProperties(
          {
            kind,
            stopServiceWorker: () => (running() as ChromiumExtensionBrowser).stopServiceWorker(),
            openActionPopup: () => (running() as ChromiumExtensionBrowser).openActionPopup(),
          },
          Object.getOwnPropertyDescriptors(common),
        ) as ExtensionUnderTest)
      : (Object.defineProperties({ kind }, Object.getOwnPropertyDescriptors(common)) as ExtensionUnderTest)
  return {
    extension,
    dispose: async () => {
      const browser = current
      current = undefined
      try {
        await browser?.close({ discardProfile: true })
      } finally {
        rmSync(profileDir, { recursive: true, force: true })
      }
    },
  }
}
