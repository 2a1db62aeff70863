import type { ShelfHealth } from '../platform/protocol'
import { h, setText } from './dom'
import { formatTimestamp, plural } from './format'

/** What the notice asks the background, and hears from it. */
export interface ShelfHealthFeed {
  current(): Promise<ShelfHealth>
  /** Makes the background forget that the shelf lost papers; what it knows then. */
  dismiss(): Promise<ShelfHealth>
  /** Calls the listener whenever papers changed: an import may have restored the shelf. */
  onPapersChanged(listener: () => void): void
}

const RESTORE_ADVICE = 'Restore your last backup: Export → Import backup.'

/** What the reader is told about a shelf that lost its papers, or undefined when it lost none. */
export function lostShelfText({ lostPapers, lostSince, papersNow }: ShelfHealth): string | undefined {
  if (!lostPapers) return undefined
  const when = lostSince ? ` on ${formatTimestamp(lostSince)}` : ''
  const held = plural(lostPapers, 'paper')
  return papersNow
    ? `Your shelf held ${held}${when}, then its storage was found empty: it may have been cleared or damaged. ${RESTORE_ADVICE} The papers you marked since are kept.`
    : `Your shelf is empty, but it held ${held}${when}. Its storage may have been cleared or damaged. ${RESTORE_ADVICE}`
}

/**
 * Opens the reading list's Export panel, if closed, and its backup file picker, as the reader would
 * by hand. `root` holds the reading list.
 */
export function openBackupImport(root: ParentNode): void {
  const exportButton = root.querySelector<HTMLButtonElement>('button.export-toggle')
  if (exportButton?.getAttribute('aria-expanded') === 'false') exportButton.click()
  const fileInput = root.querySelector<HTMLInputElement>('input.import-input')
  fileInput?.focus()
  fileInput?.click()
}

/**
 * An alert that the shelf lost papers it held (its storage cleared or damaged), with a button that
 * opens the backup import and one that dismisses it for good. It goes away by itself once the shelf
 * holds as many papers again.
 */
export function createShelfHealthNotice(doc: Document, feed: ShelfHealthFeed, restore: () => void) {
  const text = h(doc, 'p', { class: 'alert-text', role: 'alert' })
  const restoreButton = h(doc, 'button', { type: 'button', class: 'button' }, 'Restore a backup…')
  const dismissButton = h(doc, 'button', { type: 'button', class: 'alert-dismiss' }, 'Dismiss')
  const element = h(
    doc,
    'div',
    { class: 'alert shelf-health' },
    text,
    h(doc, 'div', { class: 'shelf-health-actions' }, restoreButton, dismissButton),
  )
  element.hidden = true

  function show(health: ShelfHealth): void {
    const message = lostShelfText(health)
    setText(text, message ?? '')
    element.hidden = message === undefined
  }

  /** Asks the background and shows what it says; when it cannot tell, the notice stays as it was. */
  async function check(): Promise<void> {
    try {
      show(await feed.current())
    } catch {
      // Nothing learnt: a failing background says so where the shelf is read.
    }
  }

  restoreButton.addEventListener('click', restore)
  dismissButton.addEventListener('click', () => {
    dismissButton.disabled = true
    void feed
      .dismiss()
      .then(show, () => undefined)
      .finally(() => (dismissButton.disabled = false))
  })
  feed.onPapersChanged(() => {
    if (!element.hidden) void check()
  })

  return { element, check }
}
