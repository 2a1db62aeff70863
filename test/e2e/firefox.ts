import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import type { FirefoxExtensionBrowser } from './harness'
import { ELEMENT_KEY, MarionetteClient, MarionetteError, isElementReference, type ElementReference } from './marionette'
import { LIBRARY_PAGE, LOCATE_SOURCE, POPUP_PAGE, POPUP_WAIT_MS, describeTarget, type PopupDriver, type Target } from './popup-driver'
import { ROOT, serveRoutes, type Routes } from './routes'

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
export const FIREFOX_EXTENSION_DIR = join(ROOT, 'dist/firefox')

/**
 * The moz-extension:// host pinned for the add-on in every test profile (`extensions.webextensions.uuids`).
 * A temporary add-on gets a new random UUID on every install otherwise; pinned, its origin, and with it
 * its IndexedDB, stays the same when Firefox is relaunched on the same profile and the add-on reinstalled.
 */
export const FIREFOX_ADDON_UUID = '3f0b6c1e-7d4a-4e2b-8c55-5a1d9e6b2c40'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The add-on id (gecko id) of the Firefox build. */
function geckoId(): string {
  const manifestPath = join(FIREFOX_EXTENSION_DIR, 'manifest.json')
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run npm run build first`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } }
  const id = manifest.browser_specific_settings?.gecko?.id
  if (!id) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id`)
  return id
}

type Prefs = Record<string, string | number | boolean>

/** Preferences for both ways of starting Firefox: the pinned add-on UUID and silent downloads. */
function firefoxPrefs(addonId: string, downloadsDir: string): Prefs {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_ADDON_UUID }),
    // Save every download at once into downloadsDir: no dialog, no panel, no temporary directory.
    'browser.download.folderList': 2,
    'browser.download.dir': downloadsDir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.manager.showWhenStarting': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    // Optional permissions (downloads, for weekly backups) are granted without the prompt a test cannot answer.
    'extensions.webextOptionalPermissionPrompts': false,
    'browser.download.manager.addToRecentDocs': false,
    'browser.helperApps.deleteTempFileOnExit': false,
    'browser.helperApps.neverAsk.saveToDisk': [
      'application/json',
      'application/x-bibtex',
      'application/x-research-info-systems',
      'application/vnd.citationstyles.csl+json',
      'text/csv',
      'text/markdown',
      'text/plain',
      'application/octet-stream',
    ].join(','),
    // Quiet, offline start-up (puppeteer sets these and more for its own launches).
    'app.update.disabledForTesting': true,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.sessionstore.resume_from_crash': false,
    'browser.tabs.warnOnClose': false,
    'browser.warnOnQuit': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 5,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'focusmanager.testmode': true,
    'toolkit.startup.max_resumed_crashes': -1,
  }
}

// ---- Firefox processes started here (Marionette phase), killed if the test process exits early ----

const liveProcesses = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal) // detached: Firefox and its content processes form one group
  } catch {
    child.kill(signal)
  }
}

function killLiveProcesses(): void {
  for (const child of liveProcesses) killGroup(child)
}

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const
const onSignal = (signal: NodeJS.Signals) => {
  killLiveProcesses()
  process.exit(SIGNALS[signal as keyof typeof SIGNALS] ?? 1)
}

/** Tracks a Firefox started here so that it dies with the test process, even on Ctrl-C. */
function track(child: ChildProcess): void {
  if (liveProcesses.size === 0) {
    process.on('exit', killLiveProcesses)
    for (const signal of Object.keys(SIGNALS)) process.on(signal, onSignal)
  }
  liveProcesses.add(child)
}

function untrack(child: ChildProcess): void {
  if (!liveProcesses.delete(child) || liveProcesses.size > 0) return
  process.off('exit', killLiveProcesses)
  for (const signal of Object.keys(SIGNALS)) process.off(signal, onSignal)
}

/** A Firefox started with `--marionette` on a test profile, the add-on installed, one session open. */
class MarionetteFirefox {
  private current: string | undefined
  ended = false

  private constructor(
    readonly client: MarionetteClient,
    private readonly child: ChildProcess,
    private readonly exited: Promise<void>,
  ) {}

  static async start(profileDir: string, prefs: Prefs): Promise<MarionetteFirefox> {
    // Port 0: Firefox picks a free port and writes it to MarionetteActivePort in the profile.
    writeUserJs(profileDir, { ...prefs, 'marionette.port': 0 })
    const portFile = join(profileDir, 'MarionetteActivePort')
    rmSync(portFile, { force: true })

    const child = spawn(
      FIREFOX,
      ['--marionette', '--remote-allow-system-access', '--headless', '--no-remote', '--profile', profileDir, 'about:blank'],
      {
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MOZ_HEADLESS: '1' },
      },
    )
    track(child)
    let spawnError: Error | undefined
    let log = ''
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        untrack(child)
        resolve()
      })
      child.once('error', (error) => {
        spawnError = error
        untrack(child)
        resolve()
      })
    })

    let client: MarionetteClient | undefined
    try {
      let port = 0
      for (const deadline = Date.now() + 30_000; !port; await sleep(50)) {
        if (spawnError) throw new Error(`Could not run ${FIREFOX}: ${spawnError.message}`)
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Firefox exited (${child.exitCode ?? child.signalCode})`)
        if (Date.now() > deadline) throw new Error('Firefox wrote no MarionetteActivePort within 30 s')
        if (existsSync(portFile)) port = Number(readFileSync(portFile, 'utf8').trim())
      }
      client = await MarionetteClient.connect(port, { commandTimeoutMs: 20_000 })
      // Alerts stay open (not silently dismissed) so that dialogs() can report them.
      await client.send('WebDriver:NewSession', { unhandledPromptBehavior: 'ignore', strictFileInteractability: false }, 30_000)
      await client.send('Addon:Install', { path: FIREFOX_EXTENSION_DIR, temporary: true })
      return new MarionetteFirefox(client, child, exited)
    } catch (error) {
      client?.close()
      killGroup(child)
      await exited
      throw new Error(
        `Could not start Firefox under Marionette: ${error instanceof Error ? error.message : String(error)}\n--- Firefox output ---\n${log}`,
      )
    }
  }

  /** Opens an extension page in a new tab and returns the tab's window handle, with it current. */
  async openExtensionTab(url: string): Promise<string> {
    const client = this.client
    const before = await client.send<string[]>('WebDriver:GetWindowHandles')
    // Content context may not navigate to moz-extension:// URLs; the browser chrome may, as the system.
    await client.send('Marionette:SetContext', { value: 'chrome' })
    try {
      await client.send('WebDriver:ExecuteScript', {
        script: `const tab = gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() })
          gBrowser.selectedTab = tab`,
        args: [url],
      })
    } finally {
      await client.send('Marionette:SetContext', { value: 'content' })
    }
    let handle: string | undefined
    for (const deadline = Date.now() + POPUP_WAIT_MS; !handle; await sleep(50)) {
      if (Date.now() > deadline) throw new Error(`No new tab for ${url} within ${POPUP_WAIT_MS} ms`)
      handle = (await client.send<string[]>('WebDriver:GetWindowHandles')).find((h) => !before.includes(h))
    }
    await this.switchTo(handle)
    for (const deadline = Date.now() + POPUP_WAIT_MS; ; await sleep(50)) {
      const state = await client
        .send<[string, string] | null>('WebDriver:ExecuteScript', { script: 'return [location.href, document.readyState]', args: [] })
        .catch(() => null)
      if (state?.[0] === url && state[1] === 'complete') return handle
      if (Date.now() > deadline) throw new Error(`${url} did not load within ${POPUP_WAIT_MS} ms (last seen: ${JSON.stringify(state)})`)
    }
  }

  async switchTo(handle: string): Promise<void> {
    if (this.ended) throw new Error('This Firefox session has ended: opening a page since relaunched Firefox under BiDi')
    if (this.current === handle) return
    await this.client.send('WebDriver:SwitchToWindow', { handle, focus: true })
    this.current = handle
  }

  async closeTab(handle: string): Promise<void> {
    if (this.ended) return
    await this.switchTo(handle)
    await this.client.send('WebDriver:CloseWindow')
    this.current = undefined
  }

  /** Quits Firefox (killing it if it does not quit in time) and waits for it to exit. */
  async quit(): Promise<void> {
    if (this.ended) return
    this.ended = true
    await this.client.send('Marionette:Quit', { flags: ['eForceQuit'] }, 10_000).catch(() => undefined)
    this.client.close()
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 10_000)
    })
    const outcome = await Promise.race([this.exited, timeout])
    clearTimeout(timer)
    if (outcome === 'timeout') {
      killGroup(this.child)
      await this.exited
    }
  }
}

/** Writes the profile's user.js, which Firefox applies over prefs.js at every start. */
function writeUserJs(profileDir: string, prefs: Prefs): void {
  const lines = Object.entries(prefs).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});`)
  writeFileSync(join(profileDir, 'user.js'), `${lines.join('\n')}\n`)
}

const SPECIAL_KEYS = { Escape: '\uE00C', Enter: '\uE007', Tab: '\uE004', Space: '\uE00D' } as const

/** Firefox: the popup page in a tab of a Marionette session, driven with WebDriver classic commands. */
class MarionettePopup implements PopupDriver {
  private readonly seenDialogs: string[] = []

  constructor(
    private readonly firefox: MarionetteFirefox,
    readonly handle: string,
  ) {}

  private async send<T>(command: string, params: Record<string, unknown> = {}): Promise<T> {
    await this.firefox.switchTo(this.handle)
    return this.firefox.client.send<T>(command, params)
  }

  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    return this.send<Awaited<R>>('WebDriver:ExecuteScript', { script: `return (${fn.toString()})(...arguments)`, args })
  }

  async waitFor<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Promise<void> {
    for (const deadline = Date.now() + POPUP_WAIT_MS; ; await sleep(100)) {
      if (await this.evaluate(fn, ...args)) return
      if (Date.now() > deadline) {
        throw new Error(`Waited ${POPUP_WAIT_MS} ms in the popup for: ${fn.toString().replace(/\s+/g, ' ').slice(0, 300)}`)
      }
    }
  }

  private async element(target: Target): Promise<ElementReference> {
    for (const deadline = Date.now() + POPUP_WAIT_MS; ; await sleep(100)) {
      const found = await this.send<unknown>('WebDriver:ExecuteScript', {
        script: `return (${LOCATE_SOURCE})(arguments[0])`,
        args: [target],
      })
      if (isElementReference(found)) return found
      if (Date.now() > deadline) throw new Error(`No ${describeTarget(target)} in the popup within ${POPUP_WAIT_MS} ms`)
    }
  }

  async waitForElement(target: Target): Promise<void> {
    await this.element(target)
  }

  async attribute(target: Target, name: string): Promise<string | null> {
    const element = await this.element(target)
    return this.send<string | null>('WebDriver:GetElementAttribute', { id: element[ELEMENT_KEY], name })
  }

  async click(target: Target): Promise<void> {
    const element = await this.element(target)
    await this.send('WebDriver:ElementClick', { id: element[ELEMENT_KEY] })
  }

  clickByRole(role: string, name: string): Promise<void> {
    return this.click({ role, name })
  }

  async type(target: Target, text: string): Promise<void> {
    const element = await this.element(target)
    await this.send('WebDriver:ElementSendKeys', { id: element[ELEMENT_KEY], text })
  }

  async press(key: keyof typeof SPECIAL_KEYS): Promise<void> {
    const value = SPECIAL_KEYS[key]
    await this.send('WebDriver:PerformActions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value },
            { type: 'keyUp', value },
          ],
        },
      ],
    })
    await this.send('WebDriver:ReleaseActions')
  }

  async uploadFile(target: Target, path: string): Promise<void> {
    // A file input takes the path of the file to choose as its keys.
    const element = await this.element(target)
    await this.send('WebDriver:ElementSendKeys', { id: element[ELEMENT_KEY], text: path })
  }

  async dialogs(): Promise<string[]> {
    // The session leaves prompts open (unhandledPromptBehavior "ignore"): read and dismiss each one.
    for (;;) {
      try {
        this.seenDialogs.push(await this.send<string>('WebDriver:GetAlertText'))
        await this.send('WebDriver:DismissAlert')
      } catch (error) {
        if (error instanceof MarionetteError && error.error === 'no such alert') return [...this.seenDialogs]
        throw error
      }
    }
  }

  async close(): Promise<void> {
    await this.firefox.closeTab(this.handle)
  }
}

/**
 * Starts Firefox ESR with the built add-on, on a new profile or an existing one.
 *
 * Firefox allows one remote session at a time, and WebDriver BiDi cannot open extension pages. So pages
 * run under BiDi (puppeteer-core: temporary add-on, request interception), and `openPopup()` closes that
 * browser, with every page opened in it, and starts Firefox again on the same profile under Marionette,
 * reinstalls the add-on and opens the popup page from the browser chrome. Opening a page after that
 * quits the Marionette Firefox and starts the BiDi one again. The add-on's UUID is pinned, so its
 * origin and data are the same throughout.
 */
export async function launchFirefox(
  profileDir = mkdtempSync(join(tmpdir(), 'paper-shelf-e2e-firefox-')),
): Promise<FirefoxExtensionBrowser> {
  const id = geckoId()
  const downloadsDir = mkdtempSync(join(tmpdir(), 'paper-shelf-downloads-'))
  const prefs = firefoxPrefs(id, downloadsDir)
  let bidi: Browser | undefined
  let marionette: MarionetteFirefox | undefined

  async function endBidi(): Promise<void> {
    const browser = bidi
    bidi = undefined
    if (!browser) return
    try {
      await browser.close()
    } catch {
      browser.process()?.kill('SIGKILL')
    }
  }

  async function endMarionette(): Promise<void> {
    const session = marionette
    marionette = undefined
    await session?.quit()
  }

  async function pagesBrowser(): Promise<Browser> {
    if (bidi?.connected) return bidi
    await endMarionette()
    await endBidi()
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profileDir,
      extraPrefsFirefox: prefs,
    })
    try {
      await browser.installExtension(FIREFOX_EXTENSION_DIR)
    } catch (error) {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'))
      throw error
    }
    bidi = browser
    return browser
  }

  async function popupSession(): Promise<MarionetteFirefox> {
    if (marionette && !marionette.ended) return marionette
    await endBidi()
    marionette = await MarionetteFirefox.start(profileDir, prefs)
    return marionette
  }

  async function openExtensionPage(path: string): Promise<PopupDriver> {
    const session = await popupSession()
    const handle = await session.openExtensionTab(`moz-extension://${FIREFOX_ADDON_UUID}/${path}`)
    return new MarionettePopup(session, handle)
  }

  try {
    await pagesBrowser()
  } catch (error) {
    rmSync(downloadsDir, { recursive: true, force: true })
    throw error
  }

  return {
    kind: 'firefox',
    extensionId: FIREFOX_ADDON_UUID,
    profileDir,
    downloadsDir,
    get browser(): Browser {
      if (!bidi) throw new Error('Firefox is in its popup (Marionette) phase: open a page to get the BiDi browser back')
      return bidi
    },
    openPage: async (url: string, routes: Routes): Promise<Page> => {
      const browser = await pagesBrowser()
      const page = await browser.newPage()
      await page.setRequestInterception(true)
      page.on('request', (request) => void serveRoutes(request, routes))
      await page.goto(url, { waitUntil: 'load' })
      return page
    },
    openPopup: () => openExtensionPage(POPUP_PAGE),
    openLibrary: () => openExtensionPage(LIBRARY_PAGE),
    close: async ({ discardProfile = false } = {}) => {
      try {
        await endMarionette()
        await endBidi()
      } finally {
        rmSync(downloadsDir, { recursive: true, force: true })
        if (discardProfile) rmSync(profileDir, { recursive: true, force: true })
      }
    },
  }
}
