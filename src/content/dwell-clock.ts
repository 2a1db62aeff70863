/** How long a card must stay visible enough, in a visible tab, to count as seen. */
export const SEEN_DWELL_MS = 600

/** Items remembered for good; objects weakly, so that remembering a card does not keep it alive once it left the page. */
class Remembered<Item> {
  private readonly objects = new WeakSet<object>()
  private readonly values = new Set<Item>()

  add(item: Item): void {
    if (isObject(item)) this.objects.add(item)
    else this.values.add(item)
  }

  has(item: Item): boolean {
    return isObject(item) ? this.objects.has(item) : this.values.has(item)
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/**
 * Tracks, per item, how long it has been visible enough in a visible tab; reports each item once.
 * The tab starts out visible. Times are milliseconds on any clock that does not go backwards.
 */
export class DwellClock<Item> {
  private readonly visible = new Set<Item>()
  /** When the dwell of each dwelling item completes; an item whose dwell completed stays here until taken. */
  private readonly dueAt = new Map<Item, number>()
  private readonly reported = new Remembered<Item>()
  private tabVisible = true

  constructor(private readonly dwellMs = SEEN_DWELL_MS) {}

  /** Whether the item is visible enough changed at `now`. */
  setVisible(item: Item, visible: boolean, now: number): void {
    if (this.reported.has(item)) return
    if (!visible) {
      this.visible.delete(item)
      this.endDwell(item, now)
    } else if (!this.visible.has(item)) {
      this.visible.add(item)
      if (this.tabVisible && !this.dueAt.has(item)) this.dueAt.set(item, now + this.dwellMs)
    }
  }

  /**
   * The tab became visible or hidden at `now`. While hidden nothing dwells; dwell restarts from zero
   * when shown again (time in a hidden tab never counts, and an interrupted dwell does not resume).
   */
  setTabVisible(visible: boolean, now: number): void {
    if (visible === this.tabVisible) return
    this.tabVisible = visible
    if (!visible) {
      for (const item of [...this.dueAt.keys()]) this.endDwell(item, now)
      return
    }
    for (const item of this.visible) if (!this.dueAt.has(item)) this.dueAt.set(item, now + this.dwellMs)
  }

  /** The items whose dwell completed by `now`, earliest first, each reported once ever; they are no longer tracked. */
  takeDue(now: number): Item[] {
    const due = [...this.dueAt].filter(([, at]) => at <= now).sort(([, a], [, b]) => a - b)
    for (const [item] of due) {
      this.reported.add(item)
      this.forget(item)
    }
    return due.map(([item]) => item)
  }

  /** When the earliest dwelling item becomes due, or undefined if none dwells: lets the caller keep one timer. */
  nextDue(): number | undefined {
    let earliest: number | undefined
    for (const at of this.dueAt.values()) if (earliest === undefined || at < earliest) earliest = at
    return earliest
  }

  /** Stops tracking an item (its card left the page); it may be reported later only if set visible again. */
  forget(item: Item): void {
    this.visible.delete(item)
    this.dueAt.delete(item)
  }

  /** Ends an item's dwell at `now`: lost if not yet complete, kept for `takeDue` if it completed before the caller asked. */
  private endDwell(item: Item, now: number): void {
    const at = this.dueAt.get(item)
    if (at !== undefined && at > now) this.dueAt.delete(item)
  }
}
