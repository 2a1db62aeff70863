import type { ShelfClient } from '../client/shelf-client'
import type { PageStatus } from '../platform/page-status'
import { CONTROLS_CLASS, type FoundCard, type SiteAdapter } from '../sites/site'
import { Annotator } from './annotator'
import { toggleOf } from './card-controls'
import { coalescePerFrame } from './frame-coalescer'
import { LayoutCheck } from './layout-check'
import { pageView } from './mount-slices'
import { releaseSlots, slotsReserved } from './reserved-slots'
import { REGION_CLASS, ShelfRegion } from './shelf-region'

export interface SessionDeps {
  window: Window
  client: ShelfClient
  adapterFor: (url: URL) => SiteAdapter | undefined
  /** True once the extension was reloaded or updated under this page, which then cannot reach it. */
  contextGone: () => boolean
  /** Where problems are reported (the console by default). */
  log?: Pick<Console, 'warn'>
}

function isOwnNode(node: Node): boolean {
  return node instanceof Element && (node.classList.contains(CONTROLS_CLASS) || node.classList.contains(REGION_CLASS))
}

/**
 * True when a mutation may have changed which cards the page shows. Our own controls (or region)
 * going in does not; the page removing them (a framework re-rendering a card) does, so they come back.
 * Content changing inside an annotated card (MathJax typesetting a title) does not either.
 */
function isPageMutation(record: MutationRecord): boolean {
  if (record.type === 'attributes') return true
  const removed = record.removedNodes
  if (Array.prototype.some.call(removed, isOwnNode)) return true
  if (record.target instanceof Element && record.target.closest(`.${CONTROLS_CLASS}, .${REGION_CLASS}, [data-paper-shelf]`)) return false
  const added = record.addedNodes
  return removed.length > 0 || added.length === 0 || !Array.prototype.every.call(added, isOwnNode)
}

/**
 * Everything the content script does while a page is shown: the first scan, re-scans when the page
 * changes its cards (client-side navigation, search results replaced), clicks on our toggles,
 * changes pushed from elsewhere, and whether the page's layout was recognised. `stop()` removes
 * every observer and listener.
 */
export class PageSession {
  readonly annotator: Annotator
  private readonly scans = coalescePerFrame(() => void this.scan())
  private readonly observer: MutationObserver
  private running = false
  private scannedUrl = ''
  private adapter: SiteAdapter | undefined
  private readonly layout: LayoutCheck

  constructor(private readonly deps: SessionDeps) {
    this.annotator = new Annotator(deps.client, (what, error) => this.report(what, error), pageView(deps.window))
    this.layout = new LayoutCheck({
      window: deps.window,
      region: new ShelfRegion(deps.window.document),
      onNotRecognised: (url) =>
        this.log().warn(
          `Paper Shelf (${this.adapter?.id}): found no paper on ${url.href}, which does not say it lists none: its layout was not recognised.`,
        ),
    })
    this.observer = new MutationObserver((records) => {
      // A client-side navigation may only change text inside a card; the URL tells it apart.
      if (this.deps.window.location.href !== this.scannedUrl || records.some(isPageMutation)) this.scans.schedule()
    })
  }

  /** Starts observing and resolves once the cards present now are annotated. */
  start(): Promise<void> {
    if (this.running) return Promise.resolve()
    this.running = true
    const { window } = this.deps
    this.observer.observe(window.document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href'],
    })
    this.deps.client.connect()
    window.addEventListener('click', this.onClick, true)
    window.addEventListener('popstate', this.scans.schedule)
    return this.scan()
  }

  stop(): void {
    if (!this.running) return
    this.running = false
    this.observer.disconnect()
    this.scans.cancel()
    this.layout.reset()
    this.deps.client.disconnect()
    const { window } = this.deps
    window.removeEventListener('click', this.onClick, true)
    window.removeEventListener('popstate', this.scans.schedule)
  }

  /** Finds the cards of the current URL (which client-side navigation may have changed) and annotates them. */
  scan(): Promise<void> {
    if (this.retiredBecauseContextGone()) return Promise.resolve()
    this.scannedUrl = this.deps.window.location.href
    const url = new URL(this.scannedUrl)
    this.adapter = this.deps.adapterFor(url)
    if (!this.adapter) {
      this.layout.reset()
      return Promise.resolve()
    }
    let cards: FoundCard[] = []
    try {
      cards = this.adapter.findCards(this.deps.window.document, url)
    } catch (error) {
      this.report('could not read the papers on this page', error)
    }
    this.layout.scanned(this.adapter, url, cards.length)
    const doc = this.deps.window.document
    if (cards.length === 0) releaseSlots(doc)
    return this.annotator.annotate(cards, slotsReserved(doc) ? this.adapter.reservedSlots : undefined)
  }

  /** What the popup shows about this page. */
  pageStatus(): PageStatus {
    return { layout: this.layout.verdict }
  }

  /** Looks up every paper on the page again (after the page comes back from the back/forward cache). */
  refresh(): Promise<void> {
    return this.annotator.refreshAll().catch((error: unknown) => this.report('could not read the shelf', error))
  }

  private report(what: string, error: unknown): void {
    this.log().warn(`Paper Shelf (${this.adapter?.id ?? 'no site'}, ${this.scannedUrl}): ${what}:`, error)
  }

  private log(): Pick<Console, 'warn'> {
    return this.deps.log ?? console
  }

  /**
   * After the extension is reloaded or updated, this script can no longer reach it: it stops
   * observing and takes its controls off the page instead of failing on every change and click.
   */
  private retiredBecauseContextGone(): boolean {
    if (!this.deps.contextGone()) return false
    this.stop()
    this.annotator.unmountAll()
    releaseSlots(this.deps.window.document)
    return true
  }

  private readonly onClick = (event: MouseEvent): void => {
    const hit = toggleOf(event.target)
    if (!hit) return
    const key = this.annotator.keyOfToggle(hit.button)
    if (!key) return
    // The card may be a link or have its own click handler: the click is ours alone.
    event.preventDefault()
    event.stopPropagation()
    if (this.retiredBecauseContextGone()) return
    void this.annotator.toggle(key, hit.mark, hit.button)
  }
}
