import type { Flag, Flags, Paper, PaperKey, PaperRef, PaperState } from '../core/paper'
import { flagsOf } from '../core/paper'
import type { ReplyData, Request } from '../platform/protocol'
import type { FoundCard } from '../sites/site-adapter'
import { createCardControls, paintControls, showSaveError, stateTokens, type CardControls } from './card-controls'

export type RequestFn = <T extends Request['type']>(message: Extract<Request, { type: T }>) => Promise<ReplyData[T]>

interface TrackedCard {
  key: PaperKey
  found: FoundCard
  controls: CardControls
}

const NO_FLAGS: Flags = { starred: false, read: false }

/**
 * Puts Star and Read toggles on the cards a site adapter found and keeps them painted with the
 * shelf's state. Each batch of new cards costs one lookup, and all its DOM writes happen together.
 */
export class Annotator {
  private readonly tracked = new WeakMap<Element, TrackedCard>()
  private readonly byControls = new WeakMap<Element, TrackedCard>()
  private readonly cardsByKey = new Map<PaperKey, Set<TrackedCard>>()
  private readonly inFlight = new WeakSet<Element>()
  private readonly states = new Map<PaperKey, Flags>()
  private readonly remembered = new Set<PaperKey>()
  /** Bumped on every pushed change, so that an older lookup reply never overwrites a newer push. */
  private changeCount = 0
  private readonly changedAt = new Map<PaperKey, number>()

  constructor(private readonly request: RequestFn) {}

  /** Annotates the cards not annotated yet (or whose paper changed), and resolves when they are painted. */
  async annotate(found: readonly FoundCard[]): Promise<void> {
    const fresh = found.filter((card) => this.needsControls(card))
    if (fresh.length === 0) return
    for (const card of fresh) this.inFlight.add(card.element)
    try {
      await this.loadStates(fresh.map((card) => card.key))
      this.pruneDetached()
      for (const card of fresh) if (card.element.isConnected) this.mount(card)
    } finally {
      for (const card of fresh) this.inFlight.delete(card.element)
    }
    this.rememberKnown(fresh)
  }

  /** Applies changes pushed by the background (made in this tab, another tab or the popup). */
  applyChanges(papers: readonly Paper[]): void {
    this.changeCount += 1
    for (const paper of papers) {
      this.changedAt.set(paper.key, this.changeCount)
      this.setState(paper.key, flagsOf(paper))
    }
  }

  /** Looks up every annotated paper again, e.g. when the page comes back from the back/forward cache. */
  async refreshAll(): Promise<void> {
    const keys = [...this.cardsByKey.keys()]
    if (keys.length === 0) return
    await this.loadStates(keys, true)
    for (const key of keys) this.paintKey(key)
  }

  /** Flips one flag of a paper: painted at once, saved in the background, reverted if saving fails. */
  async toggle(key: PaperKey, flag: Flag, button?: HTMLButtonElement): Promise<void> {
    const before = this.states.get(key) ?? NO_FLAGS
    const wanted = !before[flag]
    this.setState(key, { ...before, [flag]: wanted })
    button?.setAttribute('aria-busy', 'true')
    try {
      const { paper } = await this.request({ type: 'setFlags', key, changes: { [flag]: wanted }, ref: this.refOnPage(key) })
      this.setState(key, flagsOf(paper))
    } catch (error) {
      this.setState(key, { ...(this.states.get(key) ?? before), [flag]: before[flag] })
      const message = error instanceof Error ? error.message : String(error)
      if (button) showSaveError(button, message)
      console.warn('Paper Shelf:', message)
    } finally {
      button?.removeAttribute('aria-busy')
    }
  }

  /** The paper whose controls contain this toggle (in the card itself or in a companion such as arXiv's `dd`). */
  keyOfToggle(button: Element): PaperKey | undefined {
    return button.parentElement ? this.byControls.get(button.parentElement)?.key : undefined
  }

  /** What the page shows of a paper, read from one of its cards (only now, when it is needed). */
  private refOnPage(key: PaperKey): PaperRef | undefined {
    for (const card of this.cardsByKey.get(key) ?? []) if (card.found.element.isConnected) return card.found.ref
    return undefined
  }

  private needsControls(card: FoundCard): boolean {
    if (this.inFlight.has(card.element)) return false
    const tracked = this.tracked.get(card.element)
    return !tracked || tracked.key !== card.key || !tracked.controls.root.isConnected
  }

  private async loadStates(keys: PaperKey[], refresh = false): Promise<void> {
    const wanted = refresh ? [...new Set(keys)] : [...new Set(keys)].filter((key) => !this.states.has(key))
    if (wanted.length === 0) return
    const askedAt = this.changeCount
    let states: PaperState[] = []
    try {
      states = (await this.request({ type: 'lookup', keys: wanted })).states
    } catch (error) {
      console.warn('Paper Shelf: could not read the shelf:', error instanceof Error ? error.message : error)
    }
    const byKey = new Map(states.map((state) => [state.key, state]))
    for (const key of wanted) {
      if ((this.changedAt.get(key) ?? -1) > askedAt) continue
      const state = byKey.get(key)
      this.states.set(key, state ? { starred: state.starred, read: state.read } : NO_FLAGS)
    }
  }

  private mount(found: FoundCard): void {
    const previous = this.tracked.get(found.element)
    if (previous) {
      previous.controls.root.remove()
      this.cardsByKey.get(previous.key)?.delete(previous)
    }
    const card: TrackedCard = { key: found.key, found, controls: createCardControls(found.element.ownerDocument) }
    found.controlsAfter.after(card.controls.root)
    this.tracked.set(found.element, card)
    this.byControls.set(card.controls.root, card)
    let cards = this.cardsByKey.get(card.key)
    if (!cards) this.cardsByKey.set(card.key, (cards = new Set()))
    cards.add(card)
    this.paint(card, this.states.get(card.key) ?? NO_FLAGS)
  }

  private setState(key: PaperKey, flags: Flags): void {
    this.states.set(key, flags)
    this.paintKey(key)
  }

  private paintKey(key: PaperKey): void {
    const flags = this.states.get(key) ?? NO_FLAGS
    for (const card of this.cardsByKey.get(key) ?? []) this.paint(card, flags)
  }

  private paint(card: TrackedCard, flags: Flags): void {
    paintControls(card.controls, flags)
    const tokens = stateTokens(flags)
    for (const element of [card.found.element, ...(card.found.companions ?? [])]) {
      if (element.getAttribute('data-paper-shelf') !== tokens) element.setAttribute('data-paper-shelf', tokens)
      if (card.found.layout === 'detail') element.setAttribute('data-paper-shelf-layout', 'detail')
    }
  }

  private pruneDetached(): void {
    for (const [key, cards] of this.cardsByKey) {
      for (const card of cards) if (!card.found.element.isConnected) cards.delete(card)
      if (cards.size === 0) this.cardsByKey.delete(key)
    }
  }

  /** Sends what this page shows of papers already on the shelf, so their details fill in. */
  private rememberKnown(cards: readonly FoundCard[]): void {
    const known = cards.filter(({ key }) => !this.remembered.has(key) && this.isOnShelf(key))
    if (known.length === 0) return
    for (const { key } of known) this.remembered.add(key)
    const refs = known.map((card) => card.ref)
    this.request({ type: 'remember', refs }).catch((error: unknown) => {
      console.warn('Paper Shelf: could not update paper details:', error instanceof Error ? error.message : error)
    })
  }

  private isOnShelf(key: PaperKey): boolean {
    const flags = this.states.get(key)
    return flags !== undefined && (flags.starred || flags.read)
  }
}
