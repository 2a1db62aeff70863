import type { SettingsClient } from '../client/settings-client'
import type { ShelfClient } from '../client/shelf-client'
import type { PaperKey } from '../core/paper'
import { hideSeenSetting } from '../core/settings'
import type { PageStatus } from '../platform/page-status'
import { EXTENSION_RESTARTED } from '../platform/protocol'
import { CONTROLS_CLASS, listingPlace, type FoundCard, type SiteAdapter } from '../sites/site'
import { Annotator, SHELF_UNREADABLE } from './annotator'
import { toggleOf } from './card-controls'
import { CardKeys } from './card-keys'
import { coalescePerFrame } from './frame-coalescer'
import { LayoutCheck } from './layout-check'
import { LookupBudget } from './lookup-budget'
import { pageView } from './mount-slices'
import { addStyleOnce } from './page-style'
import { releaseSlots, slotsReserved } from './reserved-slots'
import { ScanBudget } from './scan-budget'
import { SeenRecorder } from './seen-recorder'
import { SeenWatch } from './seen-watch'
import { ShelfProblemNotice } from './shelf-problem'
import { REGION_CLASS, ShelfRegion } from './shelf-region'
import { TRIAGE_STYLES, TriageBar, type TriageCounts } from './triage-bar'
import { trusted } from './trusted-events'

export interface SessionDeps {
  window: Window
  client: ShelfClient
  settings: SettingsClient
  adapterFor: (url: URL) => SiteAdapter | undefined
  /** True once the extension was reloaded or updated under this page, which then cannot reach it. */
  contextGone: () => boolean
  /** Where problems are reported (the console by default). */
  log?: Pick<Console, 'warn'>
  /** How much re-reading the page may cost over time (by default: bursts of 200 ms, then 0.3 % of the time). */
  scanBudget?: ScanBudget
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
 * changes pushed from elsewhere, whether the page's layout was recognised, which papers the reader
 * has seen, and the keyboard. `stop()` removes every observer and listener.
 */
export class PageSession {
  readonly annotator: Annotator
  private readonly scans = coalescePerFrame(() => this.scanWithinBudget())
  private readonly budget: ScanBudget
  private budgetTimer: ReturnType<typeof setTimeout> | undefined
  private readonly observer: MutationObserver
  private running = false
  private scannedUrl = ''
  private adapter: SiteAdapter | undefined
  private readonly layout: LayoutCheck
  private readonly triage: TriageBar
  private readonly problem: ShelfProblemNotice
  private readonly recorder: SeenRecorder
  private readonly keys: CardKeys
  private readonly lookups = new LookupBudget()
  private watch: SeenWatch | undefined
  /** New cards that got their controls since the last batch was annotated, to watch for being seen. */
  private newlyMounted: FoundCard[] = []
  private keysOn = false
  private stopFollowingSettings: (() => void) | undefined

  constructor(private readonly deps: SessionDeps) {
    this.budget = deps.scanBudget ?? new ScanBudget(() => deps.window.performance.now())
    const report = (what: string, error: unknown) => this.report(what, error)
    this.annotator = new Annotator(deps.client, report, pageView(deps.window), {
      tracking: () => this.tracksSeen(),
      seenBefore: (key) => deps.client.wasSeen(key),
      mounted: (card, state) => {
        if (state === 'new') this.newlyMounted.push(card)
      },
    })
    const region = new ShelfRegion(deps.window.document)
    this.triage = new TriageBar(deps.window.document, region, (hide) => this.setHideSeen(hide))
    this.problem = new ShelfProblemNotice(deps.window.document, region)
    this.recorder = new SeenRecorder({ record: (keys, place) => deps.client.recordSightings(keys, place), report })
    this.keys = new CardKeys({
      window: deps.window,
      cards: () => this.annotator.cards().filter((card) => !this.isHidden(card)),
      toggle: (card, mark) => {
        this.saw([card.key])
        void this.annotator.toggleCard(card as FoundCard, mark)
      },
      open: (card) => {
        const url = this.annotator.paperUrl(card as FoundCard)
        if (!url) return
        this.saw([card.key])
        deps.window.open(url, '_blank', 'noopener')
      },
      passed: (card) => this.saw([card.key]),
    })
    this.layout = new LayoutCheck({
      window: deps.window,
      region,
      onNotRecognised: (url) =>
        this.log().warn(
          `Paper Shelf (${this.adapter?.id}): found no paper on ${url.href}, which does not say it lists none: its layout was not recognised.`,
        ),
    })
    this.observer = new MutationObserver((records) => {
      // Over budget, a scan is already due when the budget allows: nothing more to do for this change.
      if (this.budgetTimer !== undefined) return
      // A client-side navigation may only change text inside a card; the URL tells it apart.
      if (this.deps.window.location.href !== this.scannedUrl || records.some(isPageMutation)) this.scans.schedule()
    })
  }

  /**
   * Starts observing and resolves once the cards present now are annotated. The page is read at
   * once; the settings, asked for when the script started, have long arrived when the first lookup
   * answers and the cards are painted.
   */
  start(): Promise<void> {
    if (this.running) return Promise.resolve()
    this.running = true
    const { window, settings } = this.deps
    this.observer.observe(window.document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href'],
    })
    this.deps.client.connect()
    window.addEventListener('click', this.onClick, true)
    window.addEventListener('keydown', this.onKeyDown, true)
    window.addEventListener('popstate', this.scans.schedule)
    window.document.addEventListener('visibilitychange', this.onVisibilityChange)
    addStyleOnce(window.document, 'paper-shelf-triage', TRIAGE_STYLES)
    const settingsRead = settings
      .load()
      .catch((error: unknown) => this.report('could not read the settings', error))
      .then(() => {
        if (!this.running) return
        this.stopFollowingSettings ??= settings.onChange(() => this.applySettings())
        this.applySettings()
      })
    return Promise.all([settingsRead, this.scan()]).then(() => undefined)
  }

  stop(): void {
    if (!this.running) return
    this.running = false
    this.observer.disconnect()
    this.scans.cancel()
    clearTimeout(this.budgetTimer)
    this.budgetTimer = undefined
    this.layout.reset()
    this.deps.client.disconnect()
    this.stopFollowingSettings?.()
    this.stopFollowingSettings = undefined
    this.stopWatching()
    this.recorder.flush()
    this.setKeys(false)
    const { window } = this.deps
    window.removeEventListener('click', this.onClick, true)
    window.removeEventListener('keydown', this.onKeyDown, true)
    window.removeEventListener('popstate', this.scans.schedule)
    window.document.removeEventListener('visibilitychange', this.onVisibilityChange)
  }

  /** Finds the cards of the current URL (which client-side navigation may have changed) and annotates them. */
  scan(): Promise<void> {
    if (this.retiredBecauseContextGone()) return Promise.resolve()
    this.scannedUrl = this.deps.window.location.href
    this.lookups.at(this.scannedUrl)
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
    const admitted = this.lookups.admit(cards, () =>
      this.log().warn(
        `Paper Shelf (${this.adapter?.id}): ${url.href} shows more papers than one page view may look up; the others get no toggles.`,
      ),
    )
    return this.annotator.annotate(admitted, slotsReserved(doc) ? this.adapter.reservedSlots : undefined).then(() => {
      this.watchNewlyMounted()
      this.showTriage()
    })
  }

  /** Scans the page again when the budget allows; else once it does. Reading the page and re-mounting controls count. */
  private scanWithinBudget(): void {
    if (!this.running) return
    const wait = this.budget.wait()
    if (wait > 0) {
      this.budgetTimer ??= setTimeout(() => {
        this.budgetTimer = undefined
        this.scans.schedule()
      }, wait)
      return
    }
    const scanned = this.budget.timed(() => this.scan())
    void scanned.then(() => this.budget.spend(this.annotator.takeRemountTime()))
  }

  /** What the popup shows about this page. */
  pageStatus(): PageStatus {
    return { layout: this.layout.verdict }
  }

  /** Looks up every paper on the page again (after the page comes back from the back/forward cache). */
  refresh(): Promise<void> {
    return this.annotator.refreshAll().catch((error: unknown) => this.report(SHELF_UNREADABLE, error))
  }

  private tracksSeen(): boolean {
    return this.deps.settings.value('seenTracking')
  }

  private hidesSeen(): boolean {
    return this.adapter !== undefined && this.deps.settings.value(hideSeenSetting(this.adapter.id))
  }

  /** Whether Hide seen takes the card out of the page: a seen listing card whose paper is not starred. */
  private isHidden(card: FoundCard): boolean {
    return (
      this.hidesSeen() &&
      card.layout === 'card' &&
      this.annotator.viewStateOf(card.key) === 'seen' &&
      !this.deps.client.valuesOf(card.key).starred
    )
  }

  /** Brings the page in line with the settings: seen tracking, hiding seen papers, the keyboard. */
  private applySettings(): void {
    if (!this.running) return
    if (this.tracksSeen()) this.startWatching()
    else this.stopWatching()
    this.annotator.repaintAll()
    this.setKeys(this.deps.settings.value('shortcuts'))
    this.showTriage()
  }

  private startWatching(): void {
    if (this.watch) return
    this.watch = new SeenWatch({ window: this.deps.window, onSeen: (keys) => this.saw(keys) })
    for (const card of this.annotator.cards()) if (this.annotator.viewStateOf(card.key) === 'new') this.watch.watch(card.element, card.key)
  }

  /**
   * Watches the new cards of the batch just annotated. Observing them only once all have their
   * controls keeps the observer's first measurements out of the frames that put the controls in.
   */
  private watchNewlyMounted(): void {
    const cards = this.newlyMounted
    this.newlyMounted = []
    for (const card of cards) if (card.element.isConnected) this.watch?.watch(card.element, card.key)
  }

  private stopWatching(): void {
    this.watch?.stop()
    this.watch = undefined
  }

  private setKeys(on: boolean): void {
    if (on === this.keysOn) return
    this.keysOn = on
    if (on) this.keys.start()
    else this.keys.stop()
  }

  /** The reader saw these papers on this page (they stayed in view, or were starred, read or opened). */
  private saw(keys: readonly PaperKey[]): void {
    if (!this.adapter || !this.tracksSeen() || keys.length === 0) return
    this.recorder.saw(keys, listingPlace(this.adapter, new URL(this.scannedUrl)))
  }

  private setHideSeen(hide: boolean): void {
    if (!this.adapter) return
    this.deps.settings.set(hideSeenSetting(this.adapter.id), hide).catch((error: unknown) => this.report('could not save Hide seen', error))
  }

  /** The new and seen counts of the page's listing cards and the Hide seen toggle, while seen tracking is on. */
  private showTriage(): void {
    const states = new Map<PaperKey, string | undefined>()
    if (this.tracksSeen()) {
      for (const card of this.annotator.cards()) if (card.layout === 'card') states.set(card.key, this.annotator.viewStateOf(card.key))
    }
    if (states.size === 0) {
      this.triage.clear()
      return
    }
    const counts: TriageCounts = { new: 0, seen: 0 }
    for (const state of states.values()) if (state === 'new' || state === 'seen') counts[state] += 1
    this.triage.show(counts, this.hidesSeen())
  }

  private readonly onVisibilityChange = (): void => {
    // A hidden tab may never come back: what it saw is saved now.
    if (this.deps.window.document.visibilityState === 'hidden') this.recorder.flush()
  }

  private report(what: string, error: unknown): void {
    this.log().warn(`Paper Shelf (${this.adapter?.id ?? 'no site'}, ${this.scannedUrl}): ${what}:`, error)
    if (this.deps.contextGone()) {
      this.problem.show(EXTENSION_RESTARTED)
    } else if (what === SHELF_UNREADABLE) {
      const reason = error instanceof Error ? error.message : String(error)
      // Cards whose lookup failed stay painted as not on the shelf until the page is loaded again.
      this.problem.show(`Paper Shelf could not read your shelf, so this page may not show your stars and reads. ${reason}`)
    }
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
    this.triage.clear()
    this.problem.show(EXTENSION_RESTARTED)
    releaseSlots(this.deps.window.document)
    return true
  }

  private readonly onClick = trusted((event: MouseEvent): void => {
    this.lookups.readerInput()
    const hit = toggleOf(event.target)
    if (!hit) {
      this.sawOpened(event.target)
      return
    }
    const key = this.annotator.keyOfToggle(hit.button)
    if (!key) return
    // The card may be a link or have its own click handler: the click is ours alone.
    event.preventDefault()
    event.stopPropagation()
    if (this.retiredBecauseContextGone()) return
    this.saw([key])
    void this.annotator.toggle(key, hit.mark, hit.button)
  })

  private readonly onKeyDown = trusted((): void => this.lookups.readerInput())

  /** A click on a link in a card opens the paper: the reader has seen it. */
  private sawOpened(target: EventTarget | null): void {
    if (!(target instanceof Element) || !target.closest('a[href]')) return
    const card = this.annotator.cardAt(target)
    if (card) this.saw([card.key])
  }
}
