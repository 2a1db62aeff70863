import { fittedRef } from '../core/fitted-ref'
import type { ShelfClient } from '../client/shelf-client'
import { stateTokens, TOGGLE_IDS, updatedSinceRead, valuesOf, type Marks, type MarkValues, type ToggleId } from '../core/marks'
import type { CardIdentity, PaperKey, PaperRef } from '../core/paper'
import { titleMatchKey } from '../core/title-match'
import { reservedSlotOf, type FoundCard } from '../sites/site'
import { createCardControls, paintControls, showSaveError, type CardControls } from './card-controls'
import { nearestFirst } from './mount-order'
import { mountInSlices, type PageView } from './mount-slices'

interface TrackedCard {
  key: PaperKey
  found: FoundCard
  controls: CardControls
}

/** What a failed lookup is reported as. */
export const SHELF_UNREADABLE = 'could not read the shelf'

/** Reports a failure with the context needed to find its cause (the adapter and the page). */
export type ReportError = (what: string, error: unknown) => void

/** Whether a listing card's paper was new to the reader or seen before, fixed for the page view. */
export type ViewState = 'new' | 'seen'

/** What the annotator needs to know, and tells, about seeing papers. */
export interface SeenOptions {
  /** Whether cards say new or seen now (the reader may switch it off). */
  tracking(): boolean
  /** Whether the paper was seen before this page view (it was looked up already). */
  seenBefore(key: PaperKey): boolean
  /** A listing card got its controls. */
  mounted?(card: FoundCard, state: ViewState): void
}

const NO_SEEN_TRACKING: SeenOptions = { tracking: () => false, seenBefore: () => false }

/** A card's `data-paper-shelf`: the toggles that are on, then new or seen, then `updated`. */
export function cardTokens(values: MarkValues, state: ViewState | undefined, updated: boolean): string {
  const tokens = stateTokens(values)
  const extra = [state, updated ? 'updated' : undefined].filter(Boolean).join(' ')
  return tokens && extra ? `${tokens} ${extra}` : tokens || extra
}

/** Times a card gets its controls back after the page removed them, before they are left off for this page view. */
const REMOUNTS_PER_CARD = 2

/**
 * Puts the toggles on the cards a site adapter found and keeps them painted with the shelf's
 * state. Each batch of new cards costs one lookup. Where the site reserves the controls' slots, they
 * go in the cards in view at once, then in the others in slices, one per frame, so that no frame
 * grows long on a page of thousands; elsewhere all of a batch's DOM writes happen together.
 */
export class Annotator {
  private readonly tracked = new WeakMap<Element, TrackedCard>()
  private readonly byControls = new WeakMap<Element, TrackedCard>()
  private readonly byCompanion = new WeakMap<Element, TrackedCard>()
  private readonly cardsByKey = new Map<PaperKey, Set<TrackedCard>>()
  private readonly inFlight = new WeakSet<Element>()
  private readonly remembered = new Set<PaperKey>()
  private readonly stopPainting: () => void
  private readonly unmounted = new AbortController()
  /** New or seen, as each paper was at its first paint in this page view. */
  private readonly viewStates = new Map<PaperKey, ViewState>()
  /** The cards of the latest scan, in page order. */
  private pageOrder: readonly FoundCard[] = []
  /** Papers that had controls in this page view, and the time spent giving them controls again since asked. */
  private readonly everMounted = new Set<PaperKey>()
  private remountMs = 0
  /** How many times the page took the controls out of each card. */
  private readonly removals = new WeakMap<Element, number>()

  constructor(
    private readonly client: ShelfClient,
    private readonly report: ReportError,
    private readonly view: PageView,
    private readonly seen: SeenOptions = NO_SEEN_TRACKING,
  ) {
    this.stopPainting = client.onChange((keys) => {
      for (const key of keys) this.paintKey(key)
    })
  }

  /** Annotates the cards not annotated yet (or whose paper changed), and resolves when they are painted. */
  async annotate(found: readonly FoundCard[], reservedSlots?: string): Promise<void> {
    this.pageOrder = found
    const fresh = found.filter((card) => this.needsControls(card))
    if (fresh.length === 0) return
    for (const card of fresh) this.inFlight.add(card.element)
    const byKey = new Map(fresh.map((card) => [card.key, card]))
    const identify = (key: PaperKey, withTitle: boolean) => this.identityOf(byKey.get(key), withTitle)
    try {
      // Reading the page was one task; identifying thousands of cards for the lookup is another.
      await this.view.nextTask()
      const asked = performance.now()
      // Titles are read only when the shelf holds papers that only a title can find.
      await this.client
        .lookup(byKey.keys(), { identify })
        .then(() => this.client.lookupByTitle(byKey.keys(), identify))
        .catch((error: unknown) => this.report(SHELF_UNREADABLE, error))
      // Shows in the browser's performance tools (and the benchmark reads it).
      performance.measure('paper-shelf:lookup', { start: asked })
      this.pruneDetached()
      const slots = new Map(fresh.map((card) => [card, reservedSlots ? reservedSlotOf(card, reservedSlots) : undefined]))
      const sinceFrame: Element[] = []
      const mountIfShown = (card: FoundCard) => {
        if (!card.element.isConnected) return
        const again = this.everMounted.has(card.key)
        const start = again ? performance.now() : 0
        sinceFrame.push(this.mount(card, slots.get(card)))
        if (again) this.remountMs += performance.now() - start
        else this.everMounted.add(card.key)
      }
      // Controls outside a reserved slot move the page below them: in slices, it would move once per slice.
      if (fresh.every((card) => slots.get(card))) {
        const { order, inView } = nearestFirst(fresh, this.view.viewportHeight())
        const pass = new AbortController()
        await mountInSlices(order, inView, mountIfShown, this.whileKept(sinceFrame, pass), pass.signal)
      } else {
        fresh.forEach(mountIfShown)
      }
    } finally {
      for (const card of fresh) this.inFlight.delete(card.element)
    }
    this.rememberKnown(fresh)
  }

  /**
   * The time spent since the last call giving controls again to papers that had them in this page
   * view: what a page that re-renders its cards, or removes the controls, costs.
   */
  takeRemountTime(): number {
    const ms = this.remountMs
    this.remountMs = 0
    return ms
  }

  /** The cards with controls, in page order. */
  cards(): FoundCard[] {
    return this.pageOrder.filter((card) => this.tracked.get(card.element)?.controls.root.isConnected)
  }

  /** New or seen, for a listing card's paper painted in this page view while seen tracking is on. */
  viewStateOf(key: PaperKey): ViewState | undefined {
    return this.seen.tracking() ? this.viewStates.get(key) : undefined
  }

  /** The card (or its companion) that holds `node`, when it has controls. */
  cardAt(node: Node): FoundCard | undefined {
    for (let element = node instanceof Element ? node : node.parentElement; element; element = element.parentElement) {
      const card = this.tracked.get(element) ?? this.byCompanion.get(element)
      if (card) return card.found
    }
    return undefined
  }

  /** Paints every card again (after a setting that changes what cards show). */
  repaintAll(): void {
    for (const cards of this.cardsByKey.values()) for (const card of cards) this.paint(card)
  }

  /** Looks up every annotated paper again, e.g. when the page comes back from the back/forward cache. */
  async refreshAll(): Promise<void> {
    const identify = (key: PaperKey, withTitle: boolean) =>
      this.identityOf(this.cardsByKey.get(key)?.values().next().value?.found, withTitle)
    await this.client.lookup(this.cardsByKey.keys(), { refresh: true, identify })
    await this.client.lookupByTitle(this.cardsByKey.keys(), identify)
  }

  /** What a card shows of its paper beyond its key: its other ids and, when asked, its title match key. */
  private identityOf(card: FoundCard | undefined, withTitle: boolean): CardIdentity | undefined {
    if (!card) return undefined
    const ref = withTitle ? this.readRef(card) : undefined
    const titleKey = ref && titleMatchKey(ref.title, ref.authors)
    return { key: card.key, ...(card.aliases?.length ? { aliases: [...card.aliases] } : {}), ...(titleKey ? { titleKey } : {}) }
  }

  /** Flips one mark of a paper: painted at once, saved in the background, reverted if saving fails. */
  async toggle(key: PaperKey, mark: ToggleId, button?: HTMLButtonElement): Promise<void> {
    button?.setAttribute('aria-busy', 'true')
    try {
      await this.client.toggle(key, mark, this.refOnPage(key))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (button) showSaveError(button, message)
      this.report('could not save a change', message)
    } finally {
      button?.removeAttribute('aria-busy')
    }
  }

  /** Flips one mark of a card's paper from the keyboard, as its toggle would. */
  toggleCard(found: FoundCard, mark: ToggleId): Promise<void> {
    const button = this.tracked.get(found.element)?.controls.buttons[TOGGLE_IDS.indexOf(mark)]
    return this.toggle(found.key, mark, button)
  }

  /** The paper's address on this site, as the card shows it. */
  paperUrl(found: FoundCard): string | undefined {
    return this.readRef(found)?.url
  }

  /** The paper whose controls contain this toggle (in the card itself or in a companion such as arXiv's `dd`). */
  keyOfToggle(button: Element): PaperKey | undefined {
    return button.parentElement ? this.byControls.get(button.parentElement)?.key : undefined
  }

  /** Removes every control and state this annotator put on the page. */
  unmountAll(): void {
    this.unmounted.abort()
    this.stopPainting()
    for (const cards of this.cardsByKey.values()) {
      for (const card of cards) {
        card.controls.root.remove()
        for (const element of [card.found.element, ...(card.found.companions ?? [])]) {
          element.removeAttribute('data-paper-shelf')
          element.removeAttribute('data-paper-shelf-layout')
        }
      }
    }
    this.cardsByKey.clear()
  }

  /** What the page shows of a paper, read from one of its cards (only now, when it is needed). */
  private refOnPage(key: PaperKey): PaperRef | undefined {
    for (const card of this.cardsByKey.get(key) ?? []) if (card.found.element.isConnected) return this.readRef(card.found)
    return undefined
  }

  /** A card's details, read lazily by its adapter and fitted to what the shelf accepts: a failure is reported, and the paper saved by key alone. */
  private readRef(card: FoundCard): PaperRef | undefined {
    try {
      return fittedRef(card.aliases?.length ? { ...card.ref, aliases: [...card.aliases] } : card.ref)
    } catch (error) {
      this.report(`could not read the details of ${card.key}`, error)
      return undefined
    }
  }

  private needsControls(card: FoundCard): boolean {
    if (this.inFlight.has(card.element)) return false
    const tracked = this.tracked.get(card.element)
    if (!tracked || tracked.key !== card.key) return true
    if (tracked.controls.root.isConnected) return false
    // The page took the controls out of a card it kept: after a few times it is let be.
    const removals = (this.removals.get(card.element) ?? 0) + 1
    this.removals.set(card.element, removals)
    return removals <= REMOUNTS_PER_CARD
  }

  /**
   * The page view, with frames that end the slices early when the extension is unmounted, or when
   * the page took out every control the last slice put in: a page that does so every frame would
   * only have them put in again, slice after slice, for seconds. The cards left get their controls
   * at a later scan.
   */
  private whileKept(sinceFrame: Element[], pass: AbortController): PageView {
    return {
      ...this.view,
      nextFrame: async () => {
        await this.view.nextFrame()
        const fought = sinceFrame.length > 0 && sinceFrame.every((root) => !root.isConnected)
        sinceFrame.length = 0
        if (fought || this.unmounted.signal.aborted) pass.abort()
      },
    }
  }

  private mount(found: FoundCard, slot: Element | undefined): Element {
    const previous = this.tracked.get(found.element)
    if (previous) {
      previous.controls.root.remove()
      this.cardsByKey.get(previous.key)?.delete(previous)
    }
    const card: TrackedCard = { key: found.key, found, controls: createCardControls(found.element.ownerDocument) }
    if (slot) slot.append(card.controls.root)
    else found.controlsAfter.after(card.controls.root)
    this.tracked.set(found.element, card)
    this.byControls.set(card.controls.root, card)
    for (const companion of found.companions ?? []) this.byCompanion.set(companion, card)
    let cards = this.cardsByKey.get(card.key)
    if (!cards) this.cardsByKey.set(card.key, (cards = new Set()))
    cards.add(card)
    this.paint(card)
    const state = this.viewStateOf(card.key)
    if (state) this.seen.mounted?.(found, state)
    return card.controls.root
  }

  private paintKey(key: PaperKey): void {
    for (const card of this.cardsByKey.get(key) ?? []) this.paint(card)
  }

  private paint(card: TrackedCard): void {
    const marks = this.client.marksOf(card.key)
    const values = valuesOf(marks)
    const updatedTo = this.updatedTo(card, marks)
    paintControls(card.controls, values, updatedTo)
    const tokens = cardTokens(values, this.fixViewState(card), updatedTo !== undefined)
    for (const element of [card.found.element, ...(card.found.companions ?? [])]) {
      if (element.getAttribute('data-paper-shelf') !== tokens) element.setAttribute('data-paper-shelf', tokens)
      if (card.found.layout === 'detail') element.setAttribute('data-paper-shelf-layout', 'detail')
    }
  }

  /** New or seen for a listing card, decided at its paper's first paint in this page view and kept. */
  private fixViewState(card: TrackedCard): ViewState | undefined {
    if (card.found.layout === 'detail' || !this.seen.tracking()) return undefined
    let state = this.viewStates.get(card.key)
    if (!state) {
      state = this.seen.seenBefore(card.key) || this.client.isMarked(card.key) ? 'seen' : 'new'
      this.viewStates.set(card.key, state)
    }
    return state
  }

  /** The arXiv version the card shows, when the paper was read at an earlier one. */
  private updatedTo(card: TrackedCard, marks: Marks): number | undefined {
    // Only a paper read at a known version needs its card's details read.
    if (!marks.read.value || marks.read.version === undefined) return undefined
    const shown = this.readRef(card.found)?.version
    return updatedSinceRead(marks, shown) ? shown : undefined
  }

  private pruneDetached(): void {
    for (const [key, cards] of this.cardsByKey) {
      for (const card of cards) if (!card.found.element.isConnected) cards.delete(card)
      if (cards.size === 0) this.cardsByKey.delete(key)
    }
  }

  /** Sends what this page shows of papers already on the shelf, so their details fill in. */
  private rememberKnown(cards: readonly FoundCard[]): void {
    const refs: PaperRef[] = []
    for (const card of cards) {
      if (this.remembered.has(card.key) || !this.client.isMarked(card.key)) continue
      this.remembered.add(card.key)
      const ref = this.readRef(card)
      if (ref) refs.push(ref)
    }
    if (refs.length === 0) return
    this.client.remember(refs).catch((error: unknown) => this.report('could not update paper details', error))
  }
}
