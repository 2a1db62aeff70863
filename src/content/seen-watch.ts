import { DwellClock } from './dwell-clock'

const THRESHOLDS = Array.from({ length: 11 }, (_, step) => step / 10)

/** What deciding whether a card is visible enough reads of an intersection. */
export type CardIntersection = Pick<IntersectionObserverEntry, 'intersectionRatio' | 'intersectionRect' | 'rootBounds'>

/**
 * True when at least half of the card is visible, or, for a card too tall for the viewport to show
 * half of it, when it fills at least half of the viewport. `fallbackViewportHeight` is used when the
 * entry does not tell the viewport's size.
 */
export function isVisibleEnough(entry: CardIntersection, fallbackViewportHeight: number): boolean {
  const visibleHeight = entry.intersectionRect.height
  const viewportHeight = entry.rootBounds?.height ?? fallbackViewportHeight
  return visibleHeight > 0 && (entry.intersectionRatio >= 0.5 || visibleHeight >= viewportHeight / 2)
}

/** What watching for seen cards needs of the page, and whom it tells. */
export interface SeenWatchDeps {
  window: Window
  /** Called with the keys of cards just seen, several at once when they became due together. */
  onSeen(keys: string[]): void
  /** Builds the observer; defaults to `new window.IntersectionObserver(callback, options)`. */
  createObserver?: (callback: IntersectionObserverCallback, options: IntersectionObserverInit) => IntersectionObserver
  /** Defaults to `() => window.performance.now()`. */
  now?: () => number
}

/**
 * Tells which papers the reader has seen: a card is seen once it has been visible enough for
 * `SEEN_DWELL_MS` in a visible tab, and its paper is then reported once for the life of the watch,
 * however many of its cards the page shows. One observer and at most one timer serve the whole page.
 */
export class SeenWatch {
  private readonly clock = new DwellClock<Element>()
  private readonly keyOf = new Map<Element, string>()
  private readonly cardsOf = new Map<string, Set<Element>>()
  private readonly reported = new Set<string>()
  private readonly observer: IntersectionObserver
  private readonly now: () => number
  private timer: ReturnType<typeof setTimeout> | undefined
  private stopped = false

  constructor(private readonly deps: SeenWatchDeps) {
    const win = deps.window
    this.now = deps.now ?? (() => win.performance.now())
    const createObserver =
      deps.createObserver ?? ((callback, options) => new (win as Window & typeof globalThis).IntersectionObserver(callback, options))
    this.observer = createObserver((entries) => this.onIntersections(entries), { root: null, threshold: THRESHOLDS })
    this.clock.setTabVisible(this.tabVisible(), this.now())
    win.document.addEventListener('visibilitychange', this.onVisibilityChange)
  }

  /** Starts watching a card element for the paper `key`. Many cards share the page's one observer. */
  watch(element: Element, key: string): void {
    if (this.stopped || this.reported.has(key) || this.keyOf.get(element) === key) return
    if (this.keyOf.has(element)) this.unwatch(element)
    this.keyOf.set(element, key)
    const cards = this.cardsOf.get(key) ?? new Set()
    this.cardsOf.set(key, cards.add(element))
    this.observer.observe(element)
  }

  /** Stops watching a card element, as when it left the page. */
  unwatch(element: Element): void {
    if (!this.keyOf.has(element)) return
    // A card whose dwell completed just before it left was seen, even if the timer had not fired yet.
    const seen = this.takeSeen()
    this.drop(element)
    this.armAndReport(seen)
  }

  /** Disconnects the observer, clears the timer, removes the visibilitychange listener. */
  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.observer.disconnect()
    this.disarm()
    this.deps.window.document.removeEventListener('visibilitychange', this.onVisibilityChange)
    for (const element of this.keyOf.keys()) this.clock.forget(element)
    this.keyOf.clear()
    this.cardsOf.clear()
  }

  private onIntersections(entries: readonly IntersectionObserverEntry[]): void {
    if (this.stopped) return
    const now = this.now()
    for (const entry of entries) {
      if (this.keyOf.has(entry.target)) this.clock.setVisible(entry.target, isVisibleEnough(entry, this.deps.window.innerHeight), now)
    }
    this.arm()
  }

  private readonly onVisibilityChange = (): void => {
    this.clock.setTabVisible(this.tabVisible(), this.now())
    this.arm()
  }

  private tabVisible(): boolean {
    return this.deps.window.document.visibilityState === 'visible'
  }

  /** Keeps the one timer set for when the next card becomes due, or none if no card dwells. */
  private arm(): void {
    this.disarm()
    const due = this.clock.nextDue()
    if (due === undefined) return
    this.timer = setTimeout(this.onTimer, Math.max(0, due - this.now()))
  }

  private readonly onTimer = (): void => {
    this.timer = undefined
    this.armAndReport(this.takeSeen())
  }

  /** Re-arms before reporting, so that an `onSeen` that throws does not leave the cards still dwelling without a timer. */
  private armAndReport(keys: string[]): void {
    this.arm()
    if (keys.length > 0) this.deps.onSeen(keys)
  }

  private disarm(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }

  /** Takes the cards whose dwell completed and returns their papers not reported yet, no longer watching any of their cards. */
  private takeSeen(): string[] {
    const keys: string[] = []
    for (const element of this.clock.takeDue(this.now())) {
      const key = this.keyOf.get(element)
      // Another card of a paper reported just now.
      if (key === undefined) continue
      this.reported.add(key)
      keys.push(key)
      for (const card of [...(this.cardsOf.get(key) ?? [])]) this.drop(card)
    }
    return keys
  }

  private drop(element: Element): void {
    const key = this.keyOf.get(element)
    if (key === undefined) return
    this.observer.unobserve(element)
    this.clock.forget(element)
    this.keyOf.delete(element)
    const cards = this.cardsOf.get(key)
    cards?.delete(element)
    if (cards?.size === 0) this.cardsOf.delete(key)
  }
}
