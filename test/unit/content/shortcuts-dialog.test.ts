// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openShortcutsDialog, SHORTCUTS_DIALOG_STYLES, SHORTCUTS_TITLE, type HelpLine } from '../../../src/content/shortcuts-dialog'
import { asReader, readerClick } from '../../support/trusted-events'

const LINES: HelpLine[] = [
  { shown: 'j', does: 'Next paper' },
  { shown: 'Esc', does: 'Close' },
]

function escape(target: EventTarget): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })
  target.dispatchEvent(asReader(event))
  return event
}

afterEach(() => {
  vi.restoreAllMocks()
  document.body.replaceChildren()
  document.head.replaceChildren()
})

describe('openShortcutsDialog', () => {
  it('shows a modal dialog named by its heading, listing each key and what it does', () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal')
    const help = openShortcutsDialog(document, LINES)

    expect(showModal).toHaveBeenCalledTimes(1)
    expect(help.isOpen).toBe(true)
    expect(help.element.isConnected).toBe(true)
    expect(help.element.open).toBe(true)
    const heading = document.getElementById(help.element.getAttribute('aria-labelledby')!)
    expect(heading?.textContent).toBe(SHORTCUTS_TITLE)
    expect(SHORTCUTS_TITLE).toBe('Keyboard shortcuts')
    expect(heading?.tagName).toBe('H2')
    const terms = [...help.element.querySelectorAll('dl > dt')]
    expect(terms.map((term) => term.querySelector('kbd')?.textContent)).toEqual(['j', 'Esc'])
    expect(terms.map((term) => term.nextElementSibling?.textContent)).toEqual(['Next paper', 'Close'])
    expect(document.activeElement).toBe(help.element.querySelector('button'))
    expect(document.activeElement?.textContent).toBe('Close')
  })

  it('shows text from the lines as text, never as markup', () => {
    const help = openShortcutsDialog(document, [{ shown: '<b>x</b>', does: '<img src=x onerror=alert(1)>' }])
    expect(help.element.querySelector('b, img')).toBeNull()
    expect(help.element.querySelector('dd')?.textContent).toBe('<img src=x onerror=alert(1)>')
  })

  it('opens with the open attribute where modal dialogs are missing, and closes with Escape', () => {
    const prototype = HTMLDialogElement.prototype as Partial<HTMLDialogElement>
    const showModal = Object.getOwnPropertyDescriptor(prototype, 'showModal')!
    delete prototype.showModal
    try {
      const help = openShortcutsDialog(document, LINES)
      expect(help.element.hasAttribute('open')).toBe(true)

      const event = escape(document.activeElement!)
      expect(event.defaultPrevented).toBe(true)
      expect(help.isOpen).toBe(false)
      expect(document.querySelector('dialog')).toBeNull()
    } finally {
      Object.defineProperty(prototype, 'showModal', showModal)
    }
  })

  it('closes with Escape and leaves nothing behind, giving focus back to what had it', () => {
    const before = document.createElement('a')
    before.href = '#paper'
    document.body.append(before)
    before.focus()
    const help = openShortcutsDialog(document, LINES)
    expect(document.activeElement).not.toBe(before)

    escape(document.activeElement!)
    expect(help.isOpen).toBe(false)
    expect(document.querySelector('dialog')).toBeNull()
    expect(document.body.querySelector('[id^="paper-shelf-shortcuts"]')).toBeNull()
    expect(document.activeElement).toBe(before)
  })

  it('closes on the modal dialog’s cancel, without letting the browser only hide it', () => {
    const help = openShortcutsDialog(document, LINES)
    const cancel = new Event('cancel', { cancelable: true })
    help.element.dispatchEvent(asReader(cancel))
    expect(cancel.defaultPrevented).toBe(true)
    expect(document.querySelector('dialog')).toBeNull()
  })

  it('stays open when the page’s script presses Escape, cancels it or clicks Close', () => {
    const help = openShortcutsDialog(document, LINES)
    const escapeByPage = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true })
    document.activeElement!.dispatchEvent(escapeByPage)
    const cancelByPage = new Event('cancel', { cancelable: true })
    help.element.dispatchEvent(cancelByPage)
    help.element.querySelector('button')!.click()
    expect(escapeByPage.defaultPrevented).toBe(false)
    expect(cancelByPage.defaultPrevented).toBe(false)
    expect(help.isOpen).toBe(true)
    expect(document.querySelector('dialog')).toBe(help.element)
  })

  it('takes itself off the page when the browser closes it', () => {
    const help = openShortcutsDialog(document, LINES)
    help.element.dispatchEvent(new Event('close'))
    expect(help.isOpen).toBe(false)
    expect(document.querySelector('dialog')).toBeNull()
  })

  it('closes from its Close button, and a second close changes nothing', () => {
    const elsewhere = document.createElement('button')
    document.body.append(elsewhere)
    const help = openShortcutsDialog(document, LINES)
    readerClick(help.element.querySelector('button')!)
    expect(document.querySelector('dialog')).toBeNull()

    elsewhere.focus()
    help.close()
    expect(document.activeElement).toBe(elsewhere)
  })

  it('counts as closed when the page took it out', () => {
    const help = openShortcutsDialog(document, LINES)
    help.element.remove()
    expect(help.isOpen).toBe(false)
  })

  it('adds its styles once, shielded from the page and with a dark variant', () => {
    openShortcutsDialog(document, LINES).close()
    openShortcutsDialog(document, LINES).close()
    const styles = document.querySelectorAll('#paper-shelf-shortcuts-dialog')
    expect(styles).toHaveLength(1)
    expect(styles[0]!.textContent).toBe(SHORTCUTS_DIALOG_STYLES)
    expect(SHORTCUTS_DIALOG_STYLES).toContain('all: initial')
    expect(SHORTCUTS_DIALOG_STYLES).toContain('@media (prefers-color-scheme: dark)')
  })

  it('gives every part a class of its own', () => {
    const help = openShortcutsDialog(document, LINES)
    const parts = [help.element, ...help.element.querySelectorAll('h2, dl, kbd, div, button')]
    for (const part of parts) expect(part.className).toMatch(/^paper-shelf-shortcuts/)
  })
})
