import { addStyleOnce } from './page-style'
import { trusted } from './trusted-events'

/** The dialog's accessible name and heading. */
export const SHORTCUTS_TITLE = 'Keyboard shortcuts'

const DIALOG_CLASS = 'paper-shelf-shortcuts'
const TITLE_ID = 'paper-shelf-shortcuts-title'

/** One line of the help: the key as the reader sees it on the keyboard, and what it does. */
export interface HelpLine {
  shown: string
  does: string
}

/** The help dialog while it is on the page. */
export interface ShortcutsDialog {
  readonly element: HTMLDialogElement
  /** False once closed, or when the page took the dialog out. */
  readonly isOpen: boolean
  /** Takes the dialog off the page and gives focus back to what had it before; a second call changes nothing. */
  close(): void
}

/**
 * Styles for the help dialog. Every part starts from `all: initial` so the page's CSS cannot restyle it, and sets its own font and
 * colours, light or dark with the reader's colour scheme. `all: initial` also drops the browser's own dialog layout, so the
 * dialog centres itself.
 */
export const SHORTCUTS_DIALOG_STYLES = `
dialog.${DIALOG_CLASS} {
  all: initial;
  box-sizing: border-box;
  display: block;
  position: fixed;
  inset: 0;
  z-index: 2147483647;
  width: fit-content;
  min-width: min(280px, calc(100vw - 32px));
  max-width: calc(100vw - 32px);
  height: fit-content;
  max-height: calc(100vh - 32px);
  margin: auto;
  padding: 16px 20px;
  overflow: auto;
  border: 1px solid #d1d5db;
  border-radius: 10px;
  background: #ffffff;
  color: #1f2937;
  box-shadow: 0 12px 32px rgb(0 0 0 / 0.25);
  font: 400 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
dialog.${DIALOG_CLASS}::backdrop {
  background: rgb(0 0 0 / 0.35);
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-title {
  all: initial;
  display: block;
  margin: 0 0 12px;
  color: inherit;
  font: 600 16px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-list {
  all: initial;
  display: grid;
  grid-template-columns: auto 1fr;
  align-items: baseline;
  gap: 8px 16px;
  margin: 0;
  color: inherit;
  font: inherit;
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-list > dt,
.${DIALOG_CLASS} .${DIALOG_CLASS}-list > dd {
  all: initial;
  display: block;
  margin: 0;
  color: inherit;
  font: inherit;
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-key {
  all: initial;
  display: inline-block;
  min-width: 1.6em;
  padding: 1px 6px;
  border: 1px solid #9ca3af;
  border-bottom-width: 2px;
  border-radius: 4px;
  background: #f3f4f6;
  color: inherit;
  font: 500 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  text-align: center;
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-actions {
  all: initial;
  display: flex;
  justify-content: flex-end;
  margin: 16px 0 0;
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-close {
  all: initial;
  box-sizing: border-box;
  padding: 4px 14px;
  border: 1px solid #9ca3af;
  border-radius: 6px;
  background: #f9fafb;
  color: inherit;
  font: 500 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  cursor: pointer;
}
.${DIALOG_CLASS} .${DIALOG_CLASS}-close:focus-visible {
  outline: 2px solid #2563eb;
  outline-offset: 2px;
}
@media (prefers-color-scheme: dark) {
  dialog.${DIALOG_CLASS} {
    border-color: #4b5563;
    background: #1f2937;
    color: #f3f4f6;
  }
  .${DIALOG_CLASS} .${DIALOG_CLASS}-key {
    border-color: #6b7280;
    background: #374151;
  }
  .${DIALOG_CLASS} .${DIALOG_CLASS}-close {
    border-color: #6b7280;
    background: #374151;
  }
  .${DIALOG_CLASS} .${DIALOG_CLASS}-close:focus-visible {
    outline-color: #60a5fa;
  }
}
`

function part<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = doc.createElement(tag)
  created.className = className
  if (text !== undefined) created.textContent = text
  return created
}

function shortcutList(doc: Document, lines: readonly HelpLine[]): HTMLDListElement {
  const list = part(doc, 'dl', `${DIALOG_CLASS}-list`)
  for (const { shown, does } of lines) {
    const term = doc.createElement('dt')
    term.append(part(doc, 'kbd', `${DIALOG_CLASS}-key`, shown))
    const description = doc.createElement('dd')
    description.textContent = does
    list.append(term, description)
  }
  return list
}

function focusable(target: Element | null): HTMLElement | undefined {
  return target && typeof (target as HTMLElement).focus === 'function' ? (target as HTMLElement) : undefined
}

/**
 * Shows the help listing `lines` as a modal dialog named "Keyboard shortcuts", with focus on its Close button. Escape and the
 * Close button close it.
 */
export function openShortcutsDialog(doc: Document, lines: readonly HelpLine[]): ShortcutsDialog {
  addStyleOnce(doc, 'paper-shelf-shortcuts-dialog', SHORTCUTS_DIALOG_STYLES)
  const returnFocusTo = focusable(doc.activeElement)

  const dialog = part(doc, 'dialog', DIALOG_CLASS)
  dialog.setAttribute('aria-labelledby', TITLE_ID)
  const title = part(doc, 'h2', `${DIALOG_CLASS}-title`, SHORTCUTS_TITLE)
  title.id = TITLE_ID
  const closeButton = part(doc, 'button', `${DIALOG_CLASS}-close`, 'Close')
  closeButton.type = 'button'
  const actions = part(doc, 'div', `${DIALOG_CLASS}-actions`)
  actions.append(closeButton)
  dialog.append(title, shortcutList(doc, lines), actions)

  let closed = false
  const close = (): void => {
    if (closed) return
    closed = true
    if (dialog.open && typeof dialog.close === 'function') dialog.close()
    dialog.remove()
    if (returnFocusTo?.isConnected) returnFocusTo.focus({ preventScroll: true })
  }

  closeButton.addEventListener('click', trusted(close))
  // A modal dialog hears Escape as `cancel`; without one (an open attribute only) Escape is an ordinary key press.
  dialog.addEventListener(
    'cancel',
    trusted((event) => {
      event.preventDefault()
      close()
    }),
  )
  // The browser may close a modal dialog on its own, without a `cancel` that can be refused.
  dialog.addEventListener('close', close)
  dialog.addEventListener(
    'keydown',
    trusted((event) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      event.preventDefault()
      close()
    }),
  )

  ;(doc.body ?? doc.documentElement).append(dialog)
  if (typeof dialog.showModal === 'function') dialog.showModal()
  else dialog.setAttribute('open', '')
  closeButton.focus()

  return {
    element: dialog,
    get isOpen() {
      return !closed && dialog.isConnected
    },
    close,
  }
}
