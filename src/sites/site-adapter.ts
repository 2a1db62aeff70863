import type { PaperRef, SiteId } from '../core/paper'

/** One paper found on a page, and where its controls go. */
export interface FoundCard {
  /** The card element: it carries `data-paper-shelf` and contains the controls. */
  element: Element
  /** Further elements that belong to the same entry and carry its state too (arXiv's `dd`). */
  companions?: Element[]
  /** The controls are inserted right after this element, which lies inside `element`. */
  controlsAfter: Element
  /** `detail` for a single paper's own page, where the state is shown but nothing is dimmed. */
  layout: 'card' | 'detail'
  ref: PaperRef
}

/** Reads paper cards out of one site's pages. Pure over the DOM: it never modifies the page. */
export interface SiteAdapter {
  id: SiteId
  matches: (url: URL) => boolean
  findCards: (doc: Document, url: URL) => FoundCard[]
}
