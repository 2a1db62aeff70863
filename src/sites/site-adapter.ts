import type { PaperKey, PaperRef, SiteId } from '../core/paper'

/** One paper found on a page, and where its controls go. */
export interface FoundCard {
  /** The card element: it carries `data-paper-shelf` and contains the controls. */
  element: Element
  /** Further elements that belong to the same entry and carry its state too (arXiv's `dd`). */
  companions?: Element[]
  /** The controls are inserted right after this element, inside `element` or one of its companions. */
  controlsAfter: Element
  /** `detail` for a single paper's own page, where the state is shown but nothing is dimmed. */
  layout: 'card' | 'detail'
  /** The paper's key: all a page needs to look up its state. */
  key: PaperKey
  /** Everything the page shows about the paper. May be read from the page only when first used. */
  readonly ref: PaperRef
}

/**
 * A card whose paper details are read from the page the first time they are used (a click, or
 * completing a stored paper), so scanning a page of thousands of entries reads only their keys.
 */
export function withLazyRef(card: Omit<FoundCard, 'ref'>, readRef: () => PaperRef): FoundCard {
  let ref: PaperRef | undefined
  return Object.defineProperty(card, 'ref', { enumerable: true, get: () => (ref ??= readRef()) }) as FoundCard
}

/** Reads paper cards out of one site's pages. Pure over the DOM: it never modifies the page. */
export interface SiteAdapter {
  id: SiteId
  matches: (url: URL) => boolean
  findCards: (doc: Document, url: URL) => FoundCard[]
}
