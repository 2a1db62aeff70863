import type { ShelfRegion } from './shelf-region'
import { trusted } from './trusted-events'

const PART = 'triage'
export const HIDE_SEEN_ATTRIBUTE = 'data-paper-shelf-hide-seen'

/** How many of the page's papers are new and how many were seen before. */
export interface TriageCounts {
  new: number
  seen: number
}

/** "12 new · 88 seen". */
export function triageSummary({ new: fresh, seen }: TriageCounts): string {
  return `${fresh} new · ${seen} seen`
}

/**
 * Styles for the mark on new cards, the seen cards hidden and the updated badge (the bar itself is
 * styled with the rest of the region). A new card gets a thin bar of blue mixed with the page's own
 * text colour, readable on light and dark pages; starred cards and a paper's own page are never hidden.
 */
export const TRIAGE_STYLES = `
[data-paper-shelf~="new"]:not([data-paper-shelf-layout="detail"]) {
  box-shadow: inset 3px 0 0 color-mix(in srgb, #2563eb 70%, currentColor);
}
html[${HIDE_SEEN_ATTRIBUTE}] [data-paper-shelf~="seen"]:not([data-paper-shelf~="starred"]) {
  display: none !important;
}
.paper-shelf-controls > .paper-shelf-updated {
  all: initial;
  align-self: center;
  padding: 1px 6px;
  border-radius: 999px;
  background: #7c3aed;
  color: #ffffff;
  font: 600 11px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
`

/**
 * The part of the page's Paper Shelf region that says how many papers are new and seen, with the
 * Hide seen toggle. Hiding is one attribute on the document, so thousands of cards change with one
 * style recalculation and no per-card write.
 */
export class TriageBar {
  private readonly element: HTMLElement
  private readonly status: HTMLSpanElement
  private readonly button: HTMLButtonElement

  constructor(
    private readonly doc: Document,
    private readonly region: ShelfRegion,
    onHideSeen: (hide: boolean) => void,
  ) {
    this.element = doc.createElement('div')
    this.element.className = 'paper-shelf-triage'
    this.status = doc.createElement('span')
    this.button = doc.createElement('button')
    this.button.type = 'button'
    this.button.textContent = 'Hide seen'
    this.button.title = 'Hide the papers you saw before (starred ones stay)'
    this.button.setAttribute('aria-pressed', 'false')
    this.button.addEventListener(
      'click',
      trusted(() => onHideSeen(this.button.getAttribute('aria-pressed') !== 'true')),
    )
    this.element.append(this.status, this.button)
  }

  /** Shows the counts and whether seen papers are hidden. */
  show(counts: TriageCounts, hideSeen: boolean): void {
    const summary = triageSummary(counts)
    if (this.status.textContent !== summary) this.status.textContent = summary
    this.button.setAttribute('aria-pressed', String(hideSeen))
    this.region.set(PART, this.element)
    this.applyHiding(hideSeen)
  }

  /** Takes the bar away and shows every card again. */
  clear(): void {
    this.region.clear(PART)
    this.applyHiding(false)
  }

  private applyHiding(hide: boolean): void {
    const root = this.doc.documentElement
    if (hide !== root.hasAttribute(HIDE_SEEN_ATTRIBUTE)) root.toggleAttribute(HIDE_SEEN_ATTRIBUTE, hide)
  }
}
