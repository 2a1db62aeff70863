import type { LayoutVerdict } from '../platform/page-status'
import type { SiteAdapter } from '../sites/site'
import { createLayoutNotice } from './layout-notice'
import type { ShelfRegion } from './shelf-region'

/**
 * How long a supported page must stay without cards, without a change that could bring some and
 * after it has loaded, before its layout counts as not recognised. Client-rendered pages fill in
 * their lists after load; a few seconds covers that without leaving the reader wondering for long.
 */
export const SETTLE_MS = 3000

const NOTICE_PART = 'layoutNotice'

export interface LayoutCheckDeps {
  window: Window
  region: ShelfRegion
  /** Called once per URL whose layout was not recognised. */
  onNotRecognised: (url: URL) => void
}

/**
 * Decides whether the site recognised the page's layout, from the scans of the page: a page with
 * cards was recognised; a page that settles without any, and does not itself say it lists nothing,
 * was not, and gets a notice in the Paper Shelf region until it is dismissed or cards appear.
 * A dismissal holds for that URL for the life of the page.
 */
export class LayoutCheck {
  private current: LayoutVerdict = 'pending'
  private url: URL | undefined
  private adapter: SiteAdapter | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly reported = new Set<string>()
  private readonly dismissed = new Set<string>()
  private notice: HTMLElement | undefined

  constructor(private readonly deps: LayoutCheckDeps) {}

  get verdict(): LayoutVerdict {
    return this.current
  }

  /** Takes in a scan of a supported page: the URL scanned and how many cards the site found. */
  scanned(adapter: SiteAdapter, url: URL, cardCount: number): void {
    if (url.href !== this.url?.href) this.reset()
    this.url = url
    this.adapter = adapter
    if (cardCount > 0) {
      this.conclude('recognised')
    } else if (this.pageListsNothing()) {
      this.conclude('nothingListed')
    } else if (this.current === 'notRecognised') {
      // Cards may still come; until they do, the page stays not recognised (and its notice stays up).
      this.showNotice()
    } else {
      this.current = 'pending'
      this.waitForQuiet()
    }
  }

  /** Forgets the page: the URL is not a supported page (any more), or the session stops. */
  reset(): void {
    this.cancelTimer()
    this.current = 'pending'
    this.url = undefined
    this.adapter = undefined
    this.deps.region.clear(NOTICE_PART)
  }

  private conclude(verdict: LayoutVerdict): void {
    this.cancelTimer()
    this.current = verdict
    if (verdict !== 'notRecognised') {
      this.deps.region.clear(NOTICE_PART)
      return
    }
    const url = this.url
    if (url && !this.reported.has(url.href)) {
      this.reported.add(url.href)
      this.deps.onNotRecognised(url)
    }
    this.showNotice()
  }

  private waitForQuiet(): void {
    this.cancelTimer()
    const { window } = this.deps
    if (window.document.readyState !== 'complete') {
      window.addEventListener('load', this.onLoad, { once: true })
      return
    }
    this.timer = setTimeout(() => this.conclude('notRecognised'), SETTLE_MS)
  }

  private readonly onLoad = (): void => {
    if (this.current === 'pending' && this.url) this.waitForQuiet()
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.deps.window.removeEventListener('load', this.onLoad)
  }

  private pageListsNothing(): boolean {
    if (!this.adapter?.hasNoPapers || !this.url) return false
    try {
      return this.adapter.hasNoPapers(this.deps.window.document, this.url)
    } catch {
      return false
    }
  }

  private showNotice(): void {
    if (!this.url || this.dismissed.has(this.url.href)) return
    this.notice ??= createLayoutNotice(this.deps.window.document, () => {
      if (this.url) this.dismissed.add(this.url.href)
      this.deps.region.clear(NOTICE_PART)
    })
    this.deps.region.set(NOTICE_PART, this.notice)
  }
}
