import type { ToggleId } from '../core/marks'
import { hasCommandModifier, isTyping } from '../ui/keys'
import { addStyleOnce } from './page-style'
import { openShortcutsDialog, type HelpLine, type ShortcutsDialog } from './shortcuts-dialog'
import { trusted } from './trusted-events'

const CURRENT_ATTRIBUTE = 'data-paper-shelf-current'

/** A card the keys can move to. */
export interface KeyCard {
  /**
   * The card element; `companions` are further elements of the same entry (arXiv's listing shows an entry as a `dt` plus its
   * `dd`). All of them get the current-card attribute.
   */
  element: Element
  companions?: readonly Element[]
  /** The paper's key. */
  key: string
}

/** What the keys act on and through. */
export interface CardKeysDeps {
  window: Window
  /**
   * The cards keys move between, in page order, without cards the reader has hidden. Called on every key press (the page may
   * have changed).
   */
  cards(): readonly KeyCard[]
  toggle(card: KeyCard, mark: ToggleId): void
  /** Opens the card's paper in a new tab (the caller knows its URL). */
  open(card: KeyCard): void
  /** The reader moved past this card with `j`: it counts as seen. */
  passed(card: KeyCard): void
}

/** What a shortcut does. */
export type ShortcutCommand = 'next' | 'previous' | ToggleId | 'open' | 'help' | 'close'

/** A key of the listing pages: what it does, and how the help shows it. */
export interface Shortcut extends HelpLine {
  /** The press's `KeyboardEvent.key`. */
  key: string
  command: ShortcutCommand
  /** Whether holding the key down repeats it: moving does; flipping a mark or opening a tab once per press is enough. */
  repeats: boolean
}

/** The keys of the listing pages, in the order the help lists them. Key presses dispatch on this table. */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: 'j', shown: 'j', does: 'Next paper', command: 'next', repeats: true },
  { key: 'k', shown: 'k', does: 'Previous paper', command: 'previous', repeats: true },
  { key: 's', shown: 's', does: 'Star or unstar', command: 'starred', repeats: false },
  { key: 'r', shown: 'r', does: 'Mark read or unread', command: 'read', repeats: false },
  { key: 'o', shown: 'o', does: 'Open in a new tab', command: 'open', repeats: false },
  { key: '?', shown: '?', does: 'This help', command: 'help', repeats: false },
  { key: 'Escape', shown: 'Esc', does: 'Close', command: 'close', repeats: false },
]

/**
 * The outline of the current card. It is `!important` because pages reset outlines on their own elements; the scroll margin keeps
 * a little of the page around the card when the keys scroll to it, clear of a sticky header above and of the Paper Shelf box in the
 * bottom corner.
 */
export const CURRENT_CARD_STYLES = `
[${CURRENT_ATTRIBUTE}="true"] {
  outline: 2px solid #2563eb !important;
  outline-offset: 2px !important;
  scroll-margin-block: 64px 72px;
}
`

function partsOf(card: KeyCard): Element[] {
  return [card.element, ...(card.companions ?? [])]
}

/** Where an entry is in the window, from the top of its first part to the bottom of its last. */
function extent(card: KeyCard): { top: number; bottom: number } {
  let top = Infinity
  let bottom = -Infinity
  for (const part of partsOf(card)) {
    const rect = part.getBoundingClientRect()
    top = Math.min(top, rect.top)
    bottom = Math.max(bottom, rect.bottom)
  }
  return { top, bottom }
}

/**
 * Where the reader starts without a current card: going down, at the first card not wholly above the window; going up, at the
 * last card not wholly below it. With every card past that edge, at the card nearest to it.
 */
function startingCard(cards: readonly KeyCard[], step: 1 | -1, viewportHeight: number): KeyCard | undefined {
  if (step > 0) return cards.find((card) => extent(card).bottom > 0) ?? cards.at(-1)
  return cards.findLast((card) => extent(card).top < viewportHeight) ?? cards[0]
}

/** The card nearest to an element no longer among the cards: the first after it going down, the last before it going up. */
function nearestCard(cards: readonly KeyCard[], from: Element, step: 1 | -1): KeyCard | undefined {
  if (step > 0) return cards.find((card) => from.compareDocumentPosition(card.element) & from.DOCUMENT_POSITION_FOLLOWING) ?? cards.at(-1)
  return cards.findLast((card) => from.compareDocumentPosition(card.element) & from.DOCUMENT_POSITION_PRECEDING) ?? cards[0]
}

function reveal(card: KeyCard): void {
  // The card itself last, so an entry taller than the window shows its start.
  for (const part of [...(card.companions ?? []), card.element]) {
    if (typeof part.scrollIntoView === 'function') part.scrollIntoView({ block: 'nearest', behavior: 'instant' })
  }
}

/** The element a key press goes to: inside an open shadow root, the field itself rather than its host. */
function keyTarget(event: KeyboardEvent): EventTarget | null {
  return event.composedPath()[0] ?? event.target
}

/** Whether a key press may be a shortcut: the page did not take it, and the reader is not typing, composing or pressing a chord. */
function mayBeShortcut(event: KeyboardEvent): boolean {
  return !event.defaultPrevented && !event.isComposing && !hasCommandModifier(event) && !isTyping(keyTarget(event))
}

/**
 * Single-key shortcuts on listing pages: `j`/`k` move between cards, `s` and `r` flip Star and Read on the current card, `o` opens
 * it, `?` shows the help. Keys the page already handled, keys typed into fields and chords with Ctrl, Alt or Meta are left alone,
 * and so is every key these shortcuts do not use.
 */
export class CardKeys {
  private currentCard: KeyCard | undefined
  private help: ShortcutsDialog | undefined

  constructor(private readonly deps: CardKeysDeps) {}

  /** Listens for keys on the window, after the page's own handlers. */
  start(): void {
    addStyleOnce(this.deps.window.document, 'paper-shelf-card-keys', CURRENT_CARD_STYLES)
    this.deps.window.addEventListener('keydown', this.onKeyDown)
  }

  /** Stops listening, closes the help and leaves no card current. */
  stop(): void {
    this.deps.window.removeEventListener('keydown', this.onKeyDown)
    this.closeHelp()
    this.setCurrent(undefined)
  }

  /** The current card, if any. */
  current(): KeyCard | undefined {
    return this.currentCard
  }

  private readonly onKeyDown = trusted((event: KeyboardEvent): void => {
    if (!mayBeShortcut(event)) return
    const shortcut = SHORTCUTS.find(({ key }) => key === event.key)
    if (!shortcut) return
    const action = this.actionFor(shortcut.command)
    if (!action) return
    event.preventDefault()
    if (event.repeat && !shortcut.repeats) return
    action()
  })

  /** What a command does now, or undefined when it does nothing and the key stays the page's. */
  private actionFor(command: ShortcutCommand): (() => void) | undefined {
    if (this.help?.isOpen) return command === 'close' ? () => this.closeHelp() : undefined
    if (command === 'help') return () => this.openHelp()
    if (command === 'close') return undefined
    const cards = this.deps.cards()
    const here = this.locate(cards)
    switch (command) {
      case 'next':
      case 'previous': {
        const step = command === 'next' ? 1 : -1
        const target = this.target(cards, here, step)
        return target && (() => this.moveTo(target, step > 0 ? here : undefined))
      }
      case 'open':
        return here && (() => this.deps.open(here))
      default:
        return here && (() => this.deps.toggle(here, command))
    }
  }

  /** The current card as `cards` has it now: the same element, or the same paper when the page replaced the element. */
  private locate(cards: readonly KeyCard[]): KeyCard | undefined {
    const current = this.currentCard
    if (!current) return undefined
    const found =
      cards.find((card) => card.element === current.element) ??
      (current.element.isConnected ? undefined : cards.find((card) => card.key === current.key))
    if (found && found !== current) this.setCurrent(found)
    return found
  }

  /** The card a move goes to; moving past either end stays on the card at that end. */
  private target(cards: readonly KeyCard[], here: KeyCard | undefined, step: 1 | -1): KeyCard | undefined {
    if (here) return cards[Math.min(Math.max(cards.indexOf(here) + step, 0), cards.length - 1)]
    const gone = this.currentCard?.element
    if (gone?.isConnected) return nearestCard(cards, gone, step)
    return startingCard(cards, step, this.deps.window.innerHeight)
  }

  /** Makes `target` current; `passed` is the card the reader moved down past, if any. */
  private moveTo(target: KeyCard, passed: KeyCard | undefined): void {
    if (passed && passed !== target) this.deps.passed(passed)
    this.setCurrent(target)
    reveal(target)
  }

  private setCurrent(card: KeyCard | undefined): void {
    if (this.currentCard) for (const part of partsOf(this.currentCard)) part.removeAttribute(CURRENT_ATTRIBUTE)
    this.currentCard = card
    if (card) for (const part of partsOf(card)) part.setAttribute(CURRENT_ATTRIBUTE, 'true')
  }

  private openHelp(): void {
    this.help = openShortcutsDialog(this.deps.window.document, SHORTCUTS)
  }

  private closeHelp(): void {
    this.help?.close()
    this.help = undefined
  }
}
