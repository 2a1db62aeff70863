import type { ToggleId } from '../core/marks'
import { hasCommandModifier, isTyping } from '../ui/keys'

type Move = 'next' | 'previous' | 'first' | 'last'

const MOVE_KEYS = new Map<string, Move>([
  ['ArrowDown', 'next'],
  ['j', 'next'],
  ['ArrowUp', 'previous'],
  ['k', 'previous'],
  ['Home', 'first'],
  ['End', 'last'],
])

const TOGGLE_KEYS = new Map<string, ToggleId>([
  ['s', 'starred'],
  ['r', 'read'],
])

/** Each toggle's key by the toggle's `data-control`. */
const TOGGLE_SHORTCUTS = new Map<string | null, string>(Array.from(TOGGLE_KEYS, ([key, mark]): [string, string] => [mark, key]))

/**
 * What in a row can take focus. Links without an address and hidden controls are included: rows update
 * their controls in place, and one that gains an address or is shown later must already be out of the Tab
 * order (a control a row makes later is announced with `controlsAdded`).
 */
const CONTROLS = 'a, button, input, select, textarea, [tabindex]'

/**
 * Keyboard movement between the rows of the reading list, with one row in the Tab order at a time.
 * ArrowDown or j and ArrowUp or k move to the next and previous row, Home and End to the first and last,
 * onto the same kind of control (`data-control`) when that row shows it, else onto its title; s and r press
 * the focused row's Star and Read. Rows are the list's children, read from the page on every key press and
 * update, so the list may gain, move and lose rows at any time.
 */
export class RowNavigation {
  /** The row whose controls are in the Tab order. */
  private active: HTMLElement | null = null
  /** Rows seen once: their toggles name their shortcuts, and unless active their controls are out of the Tab order. */
  private readonly prepared = new WeakSet<Element>()
  /** A control's own tabindex (null for none) while it is held out of the Tab order. */
  private readonly ownTabIndex = new WeakMap<Element, string | null>()
  private readonly onKeyDown = (event: KeyboardEvent) => this.handleKey(event)
  private readonly onFocusIn = (event: FocusEvent) => {
    const row = this.rowOf(event.target)
    if (row) this.activate(row)
  }

  constructor(private readonly list: HTMLElement) {
    list.addEventListener('keydown', this.onKeyDown)
    list.addEventListener('focusin', this.onFocusIn)
    this.update()
  }

  /** After the view re-rendered its rows: keeps one row active and the others out of the Tab order. */
  update(): void {
    const kept = this.active && this.isRow(this.active) ? this.active : this.shownFrom(this.list.firstElementChild, 'next')
    this.activate(kept)
    for (const row of this.list.children) this.prepare(row)
  }

  /** After a row made a control it did not have (a link to a site the paper was since seen on). */
  controlsAdded(row: Element): void {
    if (this.prepared.has(row)) this.forEachControl(row, (control) => this.prepareControl(row, control))
  }

  /** Stops listening. The rows keep their tabindex. */
  destroy(): void {
    this.list.removeEventListener('keydown', this.onKeyDown)
    this.list.removeEventListener('focusin', this.onFocusIn)
  }

  private handleKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || hasCommandModifier(event) || isTyping(event.target)) return
    const row = this.rowOf(event.target)
    if (!row) return
    const move = MOVE_KEYS.get(event.key)
    if (move) {
      // Also at either end, so the key does not scroll the list instead.
      event.preventDefault()
      this.move(row, move, event.target as Element)
      return
    }
    const mark = TOGGLE_KEYS.get(event.key)
    if (mark && this.press(row, mark)) event.preventDefault()
  }

  /** Focuses the row the move leads to; at either end focus stays where it is. */
  private move(row: HTMLElement, move: Move, origin: Element): void {
    const next = this.target(row, move)
    if (!next || next === row) return
    const from = origin.closest('[data-control]')
    const kind = from && row.contains(from) ? from.getAttribute('data-control') : null
    const control = this.controlIn(next, kind ?? 'title')
    this.activate(next)
    control?.focus()
  }

  private press(row: HTMLElement, mark: ToggleId): boolean {
    const button = row.querySelector<HTMLButtonElement>(`button[data-control="${mark}"]`)
    if (!button || !isShown(button, row)) return false
    button.click()
    return true
  }

  private target(row: HTMLElement, move: Move): HTMLElement | null {
    switch (move) {
      case 'next':
        return this.shownFrom(row.nextElementSibling, 'next')
      case 'previous':
        return this.shownFrom(row.previousElementSibling, 'previous')
      case 'first':
        return this.shownFrom(this.list.firstElementChild, 'next')
      case 'last':
        return this.shownFrom(this.list.lastElementChild, 'previous')
    }
  }

  /** The first row at or beyond `start` in that direction that is not hidden. */
  private shownFrom(start: Element | null, direction: 'next' | 'previous'): HTMLElement | null {
    let row = start as HTMLElement | null
    while (row?.hidden) row = (direction === 'next' ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null
    return row
  }

  /** The row's shown control of that kind, else its title link. */
  private controlIn(row: HTMLElement, kind: string): HTMLElement | null {
    let title: HTMLElement | null = null
    for (const control of row.querySelectorAll<HTMLElement>('[data-control]')) {
      if (!isShown(control, row)) continue
      const controlKind = control.getAttribute('data-control')
      if (controlKind === kind) return control
      if (controlKind === 'title') title ??= control
    }
    return title
  }

  private isRow(element: HTMLElement): boolean {
    return element.parentElement === this.list && !element.hidden
  }

  /** The list's child that holds `target`. */
  private rowOf(target: EventTarget | null): HTMLElement | null {
    let node = target as Node | null
    while (node && node.parentNode !== this.list) node = node.parentNode
    return node as HTMLElement | null
  }

  private activate(row: HTMLElement | null): void {
    if (row === this.active) return
    const previous = this.active
    this.active = row
    // A row that left the list is held out too, in case the list puts it back.
    if (previous) this.forEachControl(previous, (control) => this.holdOut(control))
    if (row) {
      this.prepare(row)
      this.forEachControl(row, (control) => this.letIn(control))
    }
  }

  private prepare(row: Element): void {
    if (this.prepared.has(row)) return
    this.prepared.add(row)
    this.forEachControl(row, (control) => this.prepareControl(row, control))
  }

  private prepareControl(row: Element, control: Element): void {
    const shortcut = TOGGLE_SHORTCUTS.get(control.getAttribute('data-control'))
    if (shortcut) control.setAttribute('aria-keyshortcuts', shortcut)
    if (row !== this.active) this.holdOut(control)
  }

  private forEachControl(row: Element, action: (control: Element) => void): void {
    for (const control of row.querySelectorAll(CONTROLS)) action(control)
  }

  private holdOut(control: Element): void {
    if (this.ownTabIndex.has(control)) return
    this.ownTabIndex.set(control, control.getAttribute('tabindex'))
    control.setAttribute('tabindex', '-1')
  }

  private letIn(control: Element): void {
    if (!this.ownTabIndex.has(control)) return
    const own = this.ownTabIndex.get(control) ?? null
    this.ownTabIndex.delete(control)
    if (own === null) control.removeAttribute('tabindex')
    else control.setAttribute('tabindex', own)
  }
}

/** Neither the element nor anything between it and its row is hidden. */
function isShown(element: HTMLElement, row: HTMLElement): boolean {
  for (let node: HTMLElement | null = element; node && node !== row; node = node.parentElement) {
    if (node.hidden) return false
  }
  return true
}
