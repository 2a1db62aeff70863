import type { ElementHandle, KeyInput, Page } from 'puppeteer-core'

/**
 * An element of the popup: a CSS selector, or a role and accessible name as a screen reader would find
 * it, optionally inside the `nth` (0-based) element matching the CSS selector `within`, and optionally
 * only when it also matches the CSS selector `matches` (for a state such as `[aria-selected="true"]`).
 */
export type Target = string | RoleTarget
export interface RoleTarget {
  role: string
  name: string
  within?: string
  nth?: number
  matches?: string
}

export const byRole = (role: string, name: string, options: Omit<RoleTarget, 'role' | 'name'> = {}): RoleTarget => ({
  role,
  name,
  ...options,
})

/** How long a popup wait (for an element or a condition) lasts before the test fails. */
export const POPUP_WAIT_MS = 10_000

/**
 * What the tests need from the extension's popup page, in either browser: Chromium opens it as a
 * puppeteer page, Firefox as a tab driven over Marionette.
 */
/** The extension's pages, by their path in the built extension. */
export const POPUP_PAGE = 'src/popup/index.html'
export const LIBRARY_PAGE = 'src/library/index.html'

export interface PopupDriver {
  /** Runs `fn` in the popup page and returns its (JSON-serialisable) result. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>
  /** Polls `fn` in the page every 100 ms until it returns something truthy; fails after 10 s. */
  waitFor<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Promise<void>
  /** Waits until the target exists (role targets: and is rendered). */
  waitForElement(target: Target): Promise<void>
  /** The value of an attribute of the target, once it exists. */
  attribute(target: Target, name: string): Promise<string | null>
  click(target: Target): Promise<void>
  clickByRole(role: string, name: string): Promise<void>
  /** Focuses the target and types `text` as key presses. */
  type(target: Target, text: string): Promise<void>
  /** Presses and releases one key (a puppeteer key name such as 'Escape' or 'Enter'). */
  press(key: 'Escape' | 'Enter' | 'Tab' | 'Space'): Promise<void>
  /** Chooses `path` in an `<input type="file">`. */
  uploadFile(target: Target, path: string): Promise<void>
  /** Messages of the dialogs (alert, confirm, prompt) the page opened so far; they are dismissed. */
  dialogs(): Promise<string[]>
  close(): Promise<void>
}

/**
 * Finds a target in the page; runs in the page, so it is kept as source text (no imports, no helpers).
 * Roles come from the `role` attribute or, implicitly, from button, a[href], input and textarea. The
 * accessible name is aria-label, else the text of the aria-labelledby elements, else the text of the
 * element's labels, else its own text; text inside `hidden` or `aria-hidden` elements does not count.
 * Role targets match only rendered elements, as an accessibility tree would.
 */
export const LOCATE_SOURCE = `(target) => {
  const norm = (text) => (text || '').replace(/\\s+/g, ' ').trim()
  const hidden = (el) => el.hidden || el.getAttribute('aria-hidden') === 'true'
  const textOf = (node) => {
    let out = ''
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out += child.textContent
      else if (child.nodeType === 1 && !hidden(child)) out += textOf(child)
    }
    return out
  }
  const INPUT_ROLES = { search: 'searchbox', text: 'textbox', email: 'textbox', url: 'textbox', tel: 'textbox',
    button: 'button', submit: 'button', reset: 'button', checkbox: 'checkbox', radio: 'radio' }
  const roleOf = (el) => {
    const explicit = norm(el.getAttribute('role')).split(' ')[0]
    if (explicit) return explicit
    switch (el.localName) {
      case 'button': return 'button'
      case 'a': return el.hasAttribute('href') ? 'link' : null
      case 'textarea': return 'textbox'
      case 'input': return INPUT_ROLES[(el.getAttribute('type') || 'text').toLowerCase()] || null
      default: return null
    }
  }
  const nameOf = (el) => {
    const label = norm(el.getAttribute('aria-label'))
    if (label) return label
    const ids = norm(el.getAttribute('aria-labelledby'))
    if (ids) return norm(ids.split(' ').map((id) => { const ref = document.getElementById(id); return ref ? textOf(ref) : '' }).join(' '))
    if (el.labels && el.labels.length > 0) return norm([...el.labels].map(textOf).join(' '))
    return norm(textOf(el))
  }
  if (typeof target === 'string') return document.querySelector(target)
  const scope = target.within ? document.querySelectorAll(target.within)[target.nth || 0] : document
  if (!scope) return null
  for (const el of scope.querySelectorAll('*')) {
    if (roleOf(el) !== target.role || nameOf(el) !== target.name) continue
    if (target.matches && !el.matches(target.matches)) continue
    if (typeof el.checkVisibility === 'function' ? !el.checkVisibility() : el.getClientRects().length === 0) continue
    return el
  }
  return null
}`

export function describeTarget(target: Target): string {
  if (typeof target === 'string') return `"${target}"`
  const within = target.within ? ` in ${target.within} #${target.nth ?? 0}` : ''
  return `${target.role} "${target.name}"${target.matches ?? ''}${within}`
}

/** Chromium: the popup is an ordinary puppeteer page at chrome-extension://<id>/… */
export class PuppeteerPopup implements PopupDriver {
  private readonly seenDialogs: string[] = []

  constructor(readonly page: Page) {
    page.on('dialog', (dialog) => {
      this.seenDialogs.push(dialog.message())
      void dialog.dismiss()
    })
  }

  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    return this.page.evaluate(fn as (...args: unknown[]) => R, ...args) as Promise<Awaited<R>>
  }

  async waitFor<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Promise<void> {
    await this.page.waitForFunction(fn as (...args: unknown[]) => unknown, { timeout: POPUP_WAIT_MS, polling: 100 }, ...args)
  }

  private async element(target: Target): Promise<ElementHandle> {
    const handle = await this.page
      .waitForFunction(`(${LOCATE_SOURCE})(${JSON.stringify(target)})`, { timeout: POPUP_WAIT_MS, polling: 100 })
      .catch((error: unknown) => {
        throw new Error(`No ${describeTarget(target)} in the popup within ${POPUP_WAIT_MS} ms (${String(error)})`)
      })
    const element = handle.asElement()
    if (!element) throw new Error(`${describeTarget(target)} is not an element`)
    return element as ElementHandle
  }

  async waitForElement(target: Target): Promise<void> {
    await (await this.element(target)).dispose()
  }

  async attribute(target: Target, name: string): Promise<string | null> {
    return (await this.element(target)).evaluate((element, attribute) => element.getAttribute(attribute), name)
  }

  async click(target: Target): Promise<void> {
    // Background tabs get no animation frames, which clicking waits for.
    await this.page.bringToFront()
    await (await this.element(target)).click()
  }

  clickByRole(role: string, name: string): Promise<void> {
    return this.click({ role, name })
  }

  async type(target: Target, text: string): Promise<void> {
    await this.page.bringToFront()
    await (await this.element(target)).type(text)
  }

  async press(key: 'Escape' | 'Enter' | 'Tab' | 'Space'): Promise<void> {
    await this.page.bringToFront()
    await this.page.keyboard.press(key satisfies KeyInput)
  }

  async uploadFile(target: Target, path: string): Promise<void> {
    await ((await this.element(target)) as ElementHandle<HTMLInputElement>).uploadFile(path)
  }

  async dialogs(): Promise<string[]> {
    return [...this.seenDialogs]
  }

  async close(): Promise<void> {
    if (!this.page.isClosed()) await this.page.close()
  }
}
