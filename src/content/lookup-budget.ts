import { LIMITS } from '../core/limits'
import type { PaperKey } from '../core/paper'

/**
 * How many papers one page view may look up. A page's scripts can plant cards for papers it does not show, and read from
 * their toggles whether they are on the shelf: this keeps that to a long listing's worth. A page view ends when the page's
 * address changes after the reader clicked or pressed a key, so a page cannot start new ones by changing its address alone.
 */
export class LookupBudget {
  private readonly admitted = new Set<PaperKey>()
  private url: string | undefined
  private readerActed = false
  private full = false

  constructor(private readonly cap: number = LIMITS.lookupsPerPageView) {}

  /** The reader clicked or pressed a key: the next address starts a new page view. */
  readerInput(): void {
    this.readerActed = true
  }

  /** The page's address as it is read now. */
  at(url: string): void {
    if (url === this.url) return
    this.url = url
    if (!this.readerActed) return
    this.readerActed = false
    this.admitted.clear()
    this.full = false
  }

  /**
   * The cards whose papers may be looked up: those admitted already in this page view, and others while the cap allows.
   * `onFull` is called the first time in a page view that a card is left out.
   */
  admit<Card extends { key: PaperKey }>(cards: readonly Card[], onFull: () => void): Card[] {
    const admitted = cards.filter((card) => {
      if (this.admitted.has(card.key)) return true
      if (this.admitted.size >= this.cap) return false
      this.admitted.add(card.key)
      return true
    })
    if (admitted.length < cards.length && !this.full) {
      this.full = true
      onFull()
    }
    return admitted
  }
}
