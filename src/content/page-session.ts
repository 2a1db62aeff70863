import type { Paper } from '../core/paper'
import type { SiteAdapter } from '../sites/site-adapter'
import type { Annotator } from './annotator'
import { CONTROLS_CLASS, toggleFlagOf } from './card-controls'
import { coalescePerFrame } from './frame-coalescer'

export interface SessionDeps {
  window: Window
  annotator: Annotator
  adapterFor: (url: URL) => SiteAdapter | undefined
  /** Subscribes to changes pushed by the background; returns the unsubscribe function. */
  subscribe: (listener: (papers: Paper[]) => void) => () => void
}

function isOwnNode(node: Node): boolean {
  return node instanceof Element && node.classList.contains(CONTROLS_CLASS)
}

/**
 * True when a mutation may have changed which cards the page shows. Our own controls going in
 * does not; the page removing them (a framework re-rendering a card) does, so they come back.
 * Content changing inside an annotated card (MathJax typesetting a title) does not either.
 */
function isPageMutation(record: MutationRecord): boolean {
  if (record.type === 'attributes') return true
  const removed = record.removedNodes
  if (Array.prototype.some.call(removed, isOwnNode)) return true
  if (record.target instanceof Element && record.target.closest(`.${CONTROLS_CLASS}, [data-paper-shelf]`)) return false
  const added = record.addedNodes
  return removed.length > 0 || added.length === 0 || !Array.prototype.every.call(added, isOwnNode)
}

/**
 * Everything the content script does while a page is shown: the first scan, re-scans when the page
 * changes its cards (client-side navigation, search results replaced), clicks on our toggles, and
 * changes pushed from elsewhere. `stop()` removes every observer and listener.
 */
export class PageSession {
  private readonly scans = coalescePerFrame(() => this.scan())
  private readonly observer: MutationObserver
  private unsubscribe: (() => void) | undefined
  private running = false
  private scannedUrl = ''

  constructor(private readonly deps: SessionDeps) {
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
    this.unsubscribe = this.deps.subscribe((papers) => this.deps.annotator.applyChanges(papers))
    window.addEventListener('click', this.onClick, true)
    window.addEventListener('popstate', this.scans.schedule)
    return this.scan()
  }

  stop(): void {
    if (!this.running) return
    this.running = false
    this.observer.disconnect()
    this.scans.cancel()
    this.unsubscribe?.()
    this.unsubscribe = undefined
    const { window } = this.deps
    window.removeEventListener('click', this.onClick, true)
    window.removeEventListener('popstate', this.scans.schedule)
  }

  /** Finds the cards of the current URL (which client-side navigation may have changed) and annotates them. */
  scan(): Promise<void> {
    this.scannedUrl = this.deps.window.location.href
    const url = new URL(this.scannedUrl)
    const adapter = this.deps.adapterFor(url)
    if (!adapter) return Promise.resolve()
    return this.deps.annotator.annotate(adapter.findCards(this.deps.window.document, url))
  }

  private readonly onClick = (event: MouseEvent): void => {
    const hit = toggleFlagOf(event.target)
    if (!hit) return
    const key = this.deps.annotator.keyOfToggle(hit.button)
    if (!key) return
    // The card may be a link or have its own click handler: the click is ours alone.
    event.preventDefault()
    event.stopPropagation()
    void this.deps.annotator.toggle(key, hit.flag, hit.button)
  }
}
