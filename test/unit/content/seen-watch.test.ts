// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { SEEN_DWELL_MS } from '../../../src/content/dwell-clock'
import { isVisibleEnough, SeenWatch, type CardIntersection, type SeenWatchDeps } from '../../../src/content/seen-watch'

const VIEWPORT_HEIGHT = 800
const CARD_HEIGHT = 200

/** Stands in for the browser's observer: records what it observes and delivers the entries a test makes up, for observed cards only. */
class FakeObserver {
  readonly observed = new Set<Element>()
  disconnected = false

  constructor(
    private readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {}

  observe(target: Element): void {
    this.observed.add(target)
  }

  unobserve(target: Element): void {
    this.observed.delete(target)
  }

  disconnect(): void {
    this.observed.clear()
    this.disconnected = true
  }

  takeRecords(): IntersectionObserverEntry[] {
    return []
  }

  /** Delivers one batch of entries, as the browser does after a scroll. */
  deliver(...entries: IntersectionObserverEntry[]): void {
    const delivered = entries.filter((entry) => this.observed.has(entry.target))
    if (delivered.length > 0) this.callback(delivered, this as unknown as IntersectionObserver)
  }
}

function intersection(ratio: number, visibleHeight: number, viewportHeight: number | null): CardIntersection {
  return {
    intersectionRatio: ratio,
    intersectionRect: { height: visibleHeight } as DOMRectReadOnly,
    rootBounds: viewportHeight === null ? null : ({ height: viewportHeight } as DOMRectReadOnly),
  }
}

/** An entry for a card `cardHeight` tall of which `ratio` is in a viewport `viewport` tall (null: not told). */
function entry(target: Element, ratio: number, cardHeight = CARD_HEIGHT, viewport: number | null = VIEWPORT_HEIGHT) {
  return {
    ...intersection(ratio, ratio * cardHeight, viewport),
    target,
    time: Date.now(),
    isIntersecting: ratio > 0,
    boundingClientRect: { height: cardHeight } as DOMRectReadOnly,
  }
}

function card(): HTMLElement {
  return document.body.appendChild(document.createElement('article'))
}

let observers: FakeObserver[]
let onSeen: Mock<(keys: string[]) => void>
let tabState: DocumentVisibilityState
let watches: SeenWatch[]

function newWatch(overrides: Partial<SeenWatchDeps> = {}): { watch: SeenWatch; observer: FakeObserver } {
  const watch = new SeenWatch({
    window,
    onSeen,
    createObserver: (callback, options) => {
      const observer = new FakeObserver(callback, options)
      observers.push(observer)
      return observer as unknown as IntersectionObserver
    },
    now: () => Date.now(),
    ...overrides,
  })
  watches.push(watch)
  return { watch, observer: observers.at(-1)! }
}

function setTab(state: DocumentVisibilityState): void {
  tabState = state
  document.dispatchEvent(new Event('visibilitychange'))
}

const seenKeys = () => onSeen.mock.calls.flatMap(([keys]) => keys)

beforeEach(() => {
  vi.useFakeTimers()
  observers = []
  onSeen = vi.fn<(keys: string[]) => void>()
  watches = []
  tabState = 'visible'
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => tabState })
  document.body.replaceChildren()
})

afterEach(() => {
  for (const watch of watches) watch.stop()
  Reflect.deleteProperty(document, 'visibilityState')
  vi.useRealTimers()
})

describe('isVisibleEnough', () => {
  it('takes a card at least half visible', () => {
    expect(isVisibleEnough(intersection(0.5, 100, 800), 800)).toBe(true)
    expect(isVisibleEnough(intersection(1, 200, 800), 800)).toBe(true)
    expect(isVisibleEnough(intersection(0.49, 98, 800), 800)).toBe(false)
  })

  it('takes a card too tall to be half visible once it fills half of the viewport', () => {
    expect(isVisibleEnough(intersection(0.2, 400, 800), 800)).toBe(true)
    expect(isVisibleEnough(intersection(0.199, 399, 800), 800)).toBe(false)
  })

  it('measures against the viewport the entry tells, and the window when it tells none', () => {
    expect(isVisibleEnough(intersection(0.2, 400, 1_000), 800)).toBe(false)
    expect(isVisibleEnough(intersection(0.2, 400, null), 800)).toBe(true)
    expect(isVisibleEnough(intersection(0.2, 400, null), 1_000)).toBe(false)
  })

  it('never takes a card that is not in view, even in a viewport of no height', () => {
    expect(isVisibleEnough(intersection(0, 0, 0), 0)).toBe(false)
    expect(isVisibleEnough(intersection(0, 0, 800), 800)).toBe(false)
  })
})

describe('SeenWatch', () => {
  it('watches all the cards of a page with one observer on the viewport', () => {
    const { watch, observer } = newWatch()
    const cards = [card(), card(), card()]
    cards.forEach((element, index) => watch.watch(element, `arxiv:${index}`))
    expect(observers).toHaveLength(1)
    expect([...observer.observed]).toEqual(cards)
    expect(observer.options.root).toBeNull()
    expect(observer.options.threshold).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
  })

  it('reports a card at least half visible for the dwell, then no longer watches it', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 0.5))
    vi.advanceTimersByTime(SEEN_DWELL_MS - 1)
    expect(onSeen).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onSeen.mock.calls).toEqual([[['arxiv:1']]])
    expect(observer.observed.has(element)).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('does not report a card less than half visible, however long', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 0.4))
    vi.advanceTimersByTime(60_000)
    expect(onSeen).not.toHaveBeenCalled()
  })

  it('does not report a card scrolled away at 599 ms, and restarts its dwell when it comes back', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 0.8))
    vi.advanceTimersByTime(SEEN_DWELL_MS - 1)
    observer.deliver(entry(element, 0.3))
    vi.advanceTimersByTime(60_000)
    expect(onSeen).not.toHaveBeenCalled()

    observer.deliver(entry(element, 0.6))
    vi.advanceTimersByTime(SEEN_DWELL_MS - 1)
    expect(onSeen).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(seenKeys()).toEqual(['arxiv:1'])
  })

  it('keeps the dwell while a card scrolls within what counts as visible', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 0.5))
    vi.advanceTimersByTime(300)
    observer.deliver(entry(element, 1))
    vi.advanceTimersByTime(SEEN_DWELL_MS - 300)
    expect(seenKeys()).toEqual(['arxiv:1'])
  })

  it('counts a card taller than the viewport by how much of the viewport it fills', () => {
    const { watch, observer } = newWatch()
    const tall = card()
    const short = card()
    watch.watch(tall, 'arxiv:tall')
    watch.watch(short, 'arxiv:short')
    // 2,000 px tall: 400 px is a fifth of the card but half of the viewport.
    observer.deliver(entry(tall, 0.2, 2_000), entry(short, 0.2))
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(seenKeys()).toEqual(['arxiv:tall'])
  })

  it('measures against the window when the observer does not tell the viewport', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    const cardHeight = 4 * window.innerHeight
    observer.deliver(entry(element, (window.innerHeight / 2 - 1) / cardHeight, cardHeight, null))
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(onSeen).not.toHaveBeenCalled()
    observer.deliver(entry(element, window.innerHeight / 2 / cardHeight, cardHeight, null))
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(seenKeys()).toEqual(['arxiv:1'])
  })

  it('does not count time in a hidden tab, and restarts the dwell when the tab is shown', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 1))
    vi.advanceTimersByTime(500)
    setTab('hidden')
    vi.advanceTimersByTime(60_000)
    expect(onSeen).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)

    setTab('visible')
    vi.advanceTimersByTime(SEEN_DWELL_MS - 1)
    expect(onSeen).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(seenKeys()).toEqual(['arxiv:1'])
  })

  it('starts out paused in a tab hidden when it is created', () => {
    tabState = 'hidden'
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 1))
    vi.advanceTimersByTime(60_000)
    expect(onSeen).not.toHaveBeenCalled()

    setTab('visible')
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(seenKeys()).toEqual(['arxiv:1'])
  })

  it('reports cards due together in one call, and each card at its own time with one timer', () => {
    const { watch, observer } = newWatch()
    const [a, b, c] = [card(), card(), card()]
    watch.watch(a, 'arxiv:a')
    watch.watch(b, 'arxiv:b')
    watch.watch(c, 'arxiv:c')
    observer.deliver(entry(a, 1), entry(b, 0.7))
    vi.advanceTimersByTime(100)
    observer.deliver(entry(c, 0.9))
    expect(vi.getTimerCount()).toBe(1)

    vi.advanceTimersByTime(SEEN_DWELL_MS - 100)
    expect(onSeen.mock.calls).toEqual([[['arxiv:a', 'arxiv:b']]])
    expect(vi.getTimerCount()).toBe(1)
    vi.advanceTimersByTime(99)
    expect(onSeen).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(onSeen.mock.calls).toEqual([[['arxiv:a', 'arxiv:b']], [['arxiv:c']]])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reports a paper shown on two cards once, and stops watching both', () => {
    const { watch, observer } = newWatch()
    const first = card()
    const second = card()
    watch.watch(first, 'arxiv:1')
    watch.watch(second, 'arxiv:1')
    observer.deliver(entry(first, 1))
    vi.advanceTimersByTime(200)
    observer.deliver(entry(second, 1))
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(onSeen.mock.calls).toEqual([[['arxiv:1']]])
    expect(observer.observed.size).toBe(0)

    vi.advanceTimersByTime(60_000)
    const third = card()
    watch.watch(third, 'arxiv:1')
    expect(observer.observed.has(third)).toBe(false)
    expect(onSeen).toHaveBeenCalledTimes(1)
  })

  it('reports a paper once when its two cards become due together', () => {
    const { watch, observer } = newWatch()
    const first = card()
    const second = card()
    watch.watch(first, 'arxiv:1')
    watch.watch(second, 'arxiv:1')
    observer.deliver(entry(first, 1), entry(second, 1))
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(onSeen.mock.calls).toEqual([[['arxiv:1']]])
  })

  it('does not report a card unwatched before its dwell completed', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 1))
    vi.advanceTimersByTime(300)
    watch.unwatch(element)
    expect(observer.observed.has(element)).toBe(false)
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(onSeen).not.toHaveBeenCalled()
  })

  it('reports a card whose dwell completed before it was unwatched, even if the timer had not fired yet', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 1))
    vi.setSystemTime(Date.now() + SEEN_DWELL_MS + 50)
    watch.unwatch(element)
    expect(seenKeys()).toEqual(['arxiv:1'])
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps watching the other card of a paper when one of its cards is unwatched', () => {
    const { watch, observer } = newWatch()
    const first = card()
    const second = card()
    watch.watch(first, 'arxiv:1')
    watch.watch(second, 'arxiv:1')
    observer.deliver(entry(first, 1), entry(second, 1))
    watch.unwatch(first)
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(seenKeys()).toEqual(['arxiv:1'])
  })

  it('watches a card under its new paper when the page reuses it for another', () => {
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:old')
    observer.deliver(entry(element, 1))
    vi.advanceTimersByTime(300)
    watch.watch(element, 'arxiv:new')
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(onSeen).not.toHaveBeenCalled()
    observer.deliver(entry(element, 1))
    vi.advanceTimersByTime(SEEN_DWELL_MS)
    expect(seenKeys()).toEqual(['arxiv:new'])
  })

  it('leaves nothing running once stopped, and ignores calls after', () => {
    const added = vi.spyOn(document, 'addEventListener')
    const removed = vi.spyOn(document, 'removeEventListener')
    const { watch, observer } = newWatch()
    const element = card()
    watch.watch(element, 'arxiv:1')
    observer.deliver(entry(element, 1))
    expect(vi.getTimerCount()).toBe(1)

    watch.stop()
    expect(observer.disconnected).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    const listener = added.mock.calls.find(([type]) => type === 'visibilitychange')?.[1]
    expect(listener).toBeDefined()
    expect(removed).toHaveBeenCalledWith('visibilitychange', listener)

    vi.advanceTimersByTime(60_000)
    const other = card()
    watch.watch(other, 'arxiv:2')
    expect(observer.observed.size).toBe(0)
    watch.unwatch(element)
    setTab('hidden')
    setTab('visible')
    watch.stop()
    vi.advanceTimersByTime(60_000)
    expect(onSeen).not.toHaveBeenCalled()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('keeps timing the other cards when a report fails', () => {
    const { watch, observer } = newWatch({
      onSeen: (keys) => {
        onSeen(keys)
        if (onSeen.mock.calls.length === 1) throw new Error('storage unavailable')
      },
    })
    const [a, b] = [card(), card()]
    watch.watch(a, 'arxiv:a')
    watch.watch(b, 'arxiv:b')
    observer.deliver(entry(a, 1))
    vi.advanceTimersByTime(100)
    observer.deliver(entry(b, 1))
    expect(() => vi.advanceTimersByTime(SEEN_DWELL_MS - 100)).toThrow('storage unavailable')
    vi.advanceTimersByTime(100)
    expect(seenKeys()).toEqual(['arxiv:a', 'arxiv:b'])
  })

  it('may be stopped from within its report', () => {
    const { watch, observer } = newWatch({ onSeen: (keys) => (onSeen(keys), watch.stop()) })
    const [a, b] = [card(), card()]
    watch.watch(a, 'arxiv:a')
    watch.watch(b, 'arxiv:b')
    observer.deliver(entry(a, 1))
    vi.advanceTimersByTime(100)
    observer.deliver(entry(b, 1))
    vi.advanceTimersByTime(SEEN_DWELL_MS - 100)
    expect(seenKeys()).toEqual(['arxiv:a'])
    expect(vi.getTimerCount()).toBe(0)
    vi.advanceTimersByTime(60_000)
    expect(seenKeys()).toEqual(['arxiv:a'])
  })
})
