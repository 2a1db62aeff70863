// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { VirtualList, type VirtualListOptions } from '../../../src/ui/virtual-list'

/**
 * happy-dom has no layout: the viewport's height and scroll position are stubbed, scrolling is a `scroll`
 * event, and animation frames run only when a test calls `runFrames`.
 */

interface Item {
  id: string
  label: string
}

const ROW = 64

let viewport: HTMLElement
let viewportHeight: number
let scrollTop: number
let frames: Map<number, FrameRequestCallback>
let lists: VirtualList<Item>[]

function items(count: number, from = 0): Item[] {
  return Array.from({ length: count }, (_, index) => ({ id: `p${from + index}`, label: `Paper ${from + index}` }))
}

/** Rows show their label and a button, so focus can sit inside a row. */
function createRow(item: Item): HTMLElement {
  const row = document.createElement('div')
  const label = document.createElement('span')
  label.className = 'label'
  label.textContent = item.label
  const button = document.createElement('button')
  button.textContent = 'Star'
  row.append(label, button)
  return row
}

function updateRow(element: HTMLElement, item: Item, _index: number): void {
  element.querySelector('.label')!.textContent = item.label
}

function mount(list: readonly Item[], options: Partial<VirtualListOptions<Item>> = {}) {
  const create = vi.fn(createRow)
  const update = vi.fn(updateRow)
  const virtual = new VirtualList<Item>({ viewport, rowHeight: ROW, create, update, key: (item) => item.id, ...options })
  lists.push(virtual)
  viewport.append(virtual.element)
  virtual.setItems(list)
  return { virtual, create, update }
}

function runFrames(): void {
  const pending = [...frames.values()]
  frames.clear()
  for (const callback of pending) callback(performance.now())
}

function scrollTo(top: number): void {
  scrollTop = top
  viewport.dispatchEvent(new Event('scroll'))
}

const rows = (virtual: VirtualList<Item>) => [...virtual.element.children] as HTMLElement[]
const labels = (virtual: VirtualList<Item>) => rows(virtual).map((row) => row.querySelector('.label')!.textContent)
const paperLabels = (start: number, end: number) => Array.from({ length: end - start + 1 }, (_, index) => `Paper ${start + index}`)
const rowOf = (virtual: VirtualList<Item>, label: string) => rows(virtual).find((row) => row.textContent?.startsWith(`${label}Star`))!

beforeEach(() => {
  viewportHeight = 640
  scrollTop = 0
  frames = new Map()
  lists = []
  let ids = 0
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(++ids, callback)
    return ids
  })
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id))
  viewport = document.createElement('div')
  Object.defineProperty(viewport, 'clientHeight', { configurable: true, get: () => viewportHeight })
  Object.defineProperty(viewport, 'scrollTop', {
    configurable: true,
    get: () => scrollTop,
    set: (value: number) => {
      scrollTop = value
    },
  })
  document.body.replaceChildren(viewport)
})

afterEach(() => {
  for (const virtual of lists) virtual.destroy()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('VirtualList: first render', () => {
  it('renders the visible rows and the overscan below them, synchronously', () => {
    const { virtual, create } = mount(items(100))
    // 640 px show rows 0–9; 8 more below.
    expect(virtual.renderedRange).toEqual({ start: 0, end: 17 })
    expect(labels(virtual)).toEqual(paperLabels(0, 17))
    expect(create).toHaveBeenCalledTimes(18)
    expect(create).toHaveBeenNthCalledWith(1, expect.objectContaining({ id: 'p0' }), 0)
    expect(frames.size).toBe(0)
  })

  it('sizes the spacer to every row and positions rows absolutely', () => {
    const { virtual } = mount(items(100))
    expect(virtual.element.className).toBe('virtual-list')
    expect(virtual.element.style.position).toBe('relative')
    expect(virtual.element.style.height).toBe(`${100 * ROW}px`)
    expect(virtual.element.hasAttribute('role')).toBe(false)
    const row = rows(virtual)[3]!
    expect(row.classList.contains('virtual-row')).toBe(true)
    expect(row.style.position).toBe('absolute')
    expect(row.style.left).toBe('0px')
    expect(row.style.right).toBe('0px')
    expect(row.style.height).toBe(`${ROW}px`)
    expect(row.style.transform).toBe(`translateY(${3 * ROW}px)`)
  })

  it('renders overscan × 2 rows while the viewport has no height', () => {
    viewportHeight = 0
    const { virtual } = mount(items(100), { overscan: 5 })
    expect(labels(virtual)).toEqual(paperLabels(0, 9))
  })

  it('renders every row of a short list, and nothing for an empty one', () => {
    const { virtual } = mount(items(4))
    expect(labels(virtual)).toEqual(paperLabels(0, 3))
    virtual.setItems([])
    expect(rows(virtual)).toHaveLength(0)
    expect(virtual.renderedRange).toEqual({ start: 0, end: -1 })
    expect(virtual.element.style.height).toBe('0px')
  })

  it('rejects a row height that is not positive and an overscan that is not a whole number', () => {
    expect(() => mount([], { rowHeight: 0 })).toThrow(RangeError)
    expect(() => mount([], { overscan: -1 })).toThrow(RangeError)
    expect(() => mount([], { overscan: 1.5 })).toThrow(RangeError)
  })
})

describe('VirtualList: scrolling', () => {
  it('renders the rows around the new scroll position on the next animation frame', () => {
    const { virtual } = mount(items(100))
    scrollTo(50 * ROW)
    expect(labels(virtual)).toEqual(paperLabels(0, 17))
    runFrames()
    // Rows 50–59 are visible, with 8 more on each side.
    expect(virtual.renderedRange).toEqual({ start: 42, end: 67 })
    expect(labels(virtual)).toEqual(paperLabels(42, 67))
    expect(rowOf(virtual, 'Paper 50').style.transform).toBe(`translateY(${50 * ROW}px)`)
  })

  it('coalesces the scroll events of one frame into one render', () => {
    const { virtual, create, update } = mount(items(100))
    create.mockClear()
    for (let step = 1; step <= 10; step++) scrollTo(step * 5 * ROW)
    expect(frames.size).toBe(1)
    runFrames()
    expect(labels(virtual)).toEqual(paperLabels(42, 67))
    // One render from rows 0–17 to 42–67: the 18 rows were reused once each, and 8 more created.
    expect(update).toHaveBeenCalledTimes(18)
    expect(create).toHaveBeenCalledTimes(8)
  })

  it('listens to scroll passively', () => {
    const add = vi.spyOn(viewport, 'addEventListener')
    mount(items(10))
    expect(add).toHaveBeenCalledWith('scroll', expect.any(Function), { passive: true })
  })

  it('renders again when the viewport is resized', () => {
    let resized: (() => void) | undefined
    const disconnect = vi.fn()
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          resized = callback
        }
        observe(target: Element) {
          expect(target).toBe(viewport)
        }
        disconnect = disconnect
      },
    )
    viewportHeight = 0
    const { virtual } = mount(items(100))
    expect(labels(virtual)).toHaveLength(16)
    viewportHeight = 1280
    resized!()
    runFrames()
    expect(labels(virtual)).toEqual(paperLabels(0, 27))
    virtual.destroy()
    expect(disconnect).toHaveBeenCalled()
  })
})

describe('VirtualList: recycling', () => {
  it('reuses the rows that left the window for the rows that entered it', () => {
    const { virtual, create, update } = mount(items(100))
    scrollTo(50 * ROW)
    runFrames()
    const before = new Map(rows(virtual).map((row) => [row.querySelector('.label')!.textContent, row]))
    create.mockClear()
    update.mockClear()

    scrollTo(55 * ROW)
    runFrames()
    expect(labels(virtual)).toEqual(paperLabels(47, 72))
    expect(create).not.toHaveBeenCalled()
    expect(update.mock.calls.map(([, , index]) => index).sort((a, b) => a - b)).toEqual([68, 69, 70, 71, 72])
    // The same elements, and rows still in the window kept theirs.
    expect(new Set(rows(virtual))).toEqual(new Set(before.values()))
    for (const label of paperLabels(47, 67)) expect(rowOf(virtual, label)).toBe(before.get(label))
  })

  it('reuses every row on a long jump', () => {
    const { virtual, create } = mount(items(10_000))
    const before = new Set(rows(virtual))
    create.mockClear()
    scrollTo(5000 * ROW)
    runFrames()
    expect(labels(virtual)).toEqual(paperLabels(4992, 5017))
    expect(create).toHaveBeenCalledTimes(26 - 18)
    for (const row of before) expect(row.parentElement).toBe(virtual.element)
  })

  it('keeps the element of an item whose key is still in the window when the items change', () => {
    const { virtual, create, update } = mount(items(100))
    const third = rowOf(virtual, 'Paper 3')
    create.mockClear()
    update.mockClear()

    // A new item at the top moves every other one down by one.
    virtual.setItems([{ id: 'new', label: 'New paper' }, ...items(100)])
    expect(labels(virtual)).toEqual(['New paper', ...paperLabels(0, 16)])
    expect(rowOf(virtual, 'Paper 3')).toBe(third)
    expect(third.getAttribute('aria-posinset')).toBe('5')
    expect(third.style.transform).toBe(`translateY(${4 * ROW}px)`)
    expect(update).toHaveBeenCalledWith(third, expect.objectContaining({ id: 'p3' }), 4)
    // Paper 17 left the window; its row shows the new item.
    expect(create).not.toHaveBeenCalled()
  })

  it('updates a kept row whose item was replaced by a new object, and only those', () => {
    const list = items(100)
    const { virtual, update } = mount(list)
    const first = rows(virtual)[0]
    update.mockClear()
    const renamed = [{ id: 'p0', label: 'Renamed' }, ...list.slice(1)]
    virtual.setItems(renamed)
    expect(update).toHaveBeenCalledTimes(1)
    expect(rows(virtual)[0]).toBe(first)
    expect(labels(virtual)[0]).toBe('Renamed')
  })

  it('re-renders the shown rows on refresh after the items changed in place', () => {
    const list = items(100)
    const { virtual, update } = mount(list)
    update.mockClear()
    for (const item of list) item.label = item.label.toUpperCase()
    virtual.refresh()
    expect(update).toHaveBeenCalledTimes(18)
    expect(labels(virtual)).toEqual(paperLabels(0, 17).map((label) => label.toUpperCase()))
  })

  it('keeps rows in item order in the document when items are reordered', () => {
    const { virtual } = mount(items(10))
    const before = new Map(rows(virtual).map((row) => [row.querySelector('.label')!.textContent, row]))
    virtual.setItems(items(10).reverse())
    expect(labels(virtual)).toEqual(paperLabels(0, 9).reverse())
    for (const [label, row] of before) expect(rowOf(virtual, label!)).toBe(row)
  })

  it('adds no listeners to rows', () => {
    const add = vi.spyOn(EventTarget.prototype, 'addEventListener')
    const { virtual } = mount(items(100))
    scrollTo(30 * ROW)
    runFrames()
    const targets = new Set(add.mock.contexts)
    for (const row of rows(virtual)) expect(targets.has(row)).toBe(false)
  })
})

describe('VirtualList: focus', () => {
  it('keeps a focused row rendered after it scrolled out of the window, until focus leaves it', () => {
    const { virtual } = mount(items(100))
    const row = rowOf(virtual, 'Paper 2')
    const button = row.querySelector('button')!
    button.focus()
    expect(document.activeElement).toBe(button)

    scrollTo(50 * ROW)
    runFrames()
    expect(virtual.renderedRange).toEqual({ start: 42, end: 67 })
    expect(labels(virtual)).toEqual(['Paper 2', ...paperLabels(42, 67)])
    expect(rows(virtual)[0]).toBe(row)
    expect(row.getAttribute('aria-posinset')).toBe('3')
    expect(document.activeElement).toBe(button)

    scrollTo(60 * ROW)
    runFrames()
    expect(labels(virtual)).toEqual(['Paper 2', ...paperLabels(52, 77)])

    button.blur()
    runFrames()
    expect(labels(virtual)).toEqual(paperLabels(52, 77))
    expect(row.isConnected).toBe(false)
  })

  it('keeps the focused row in place while the rows around it are reordered', () => {
    const { virtual } = mount(items(10))
    const row = rowOf(virtual, 'Paper 4')
    const button = row.querySelector('button')!
    button.focus()
    const insert = vi.spyOn(virtual.element, 'insertBefore')
    virtual.setItems(items(10).reverse())
    expect(labels(virtual)).toEqual(paperLabels(0, 9).reverse())
    expect(insert.mock.calls.some(([moved]) => moved === row)).toBe(false)
    expect(document.activeElement).toBe(button)
  })

  it('follows a focused item that moves out of the window', () => {
    const { virtual } = mount(items(100))
    const row = rowOf(virtual, 'Paper 1')
    row.querySelector('button')!.focus()
    const list = items(100)
    const [moved] = list.splice(1, 1)
    list.push(moved!)
    virtual.setItems(list)
    expect(rows(virtual).at(-1)).toBe(row)
    expect(row.getAttribute('aria-posinset')).toBe('100')
    expect(row.style.transform).toBe(`translateY(${99 * ROW}px)`)
  })

  it('lets a focused row go when its item left the list', () => {
    const { virtual } = mount(items(100))
    const row = rowOf(virtual, 'Paper 2')
    row.querySelector('button')!.focus()
    virtual.setItems(items(100).filter((item) => item.id !== 'p2'))
    expect(row.isConnected).toBe(false)
    expect(labels(virtual)).toEqual([...paperLabels(0, 1), ...paperLabels(3, 18)])
  })
})

describe('VirtualList: setItems', () => {
  it('keeps the scroll position when the new items still reach it', () => {
    const { virtual } = mount(items(1000))
    scrollTo(300 * ROW)
    runFrames()
    virtual.setItems(items(500, 1000))
    expect(scrollTop).toBe(300 * ROW)
    expect(labels(virtual)).toEqual(paperLabels(1292, 1317))
  })

  it('clamps the scroll position when the list got shorter', () => {
    const { virtual } = mount(items(10_000))
    scrollTo(9000 * ROW)
    runFrames()
    virtual.setItems(items(100))
    expect(scrollTop).toBe(100 * ROW - viewportHeight)
    expect(virtual.element.style.height).toBe(`${100 * ROW}px`)
    // Rows 90–99 are visible, 8 more above.
    expect(virtual.renderedRange).toEqual({ start: 82, end: 99 })
    expect(labels(virtual)).toEqual(paperLabels(82, 99))
  })

  it('clamps to the top when the whole list fits', () => {
    const { virtual } = mount(items(100))
    scrollTo(50 * ROW)
    runFrames()
    virtual.setItems(items(5))
    expect(scrollTop).toBe(0)
    expect(labels(virtual)).toEqual(paperLabels(0, 4))
  })

  it('removes the rows it no longer needs and reuses them later', () => {
    const { virtual, create } = mount(items(100))
    const before = new Set(rows(virtual))
    virtual.setItems(items(3))
    expect(rows(virtual)).toHaveLength(3)
    create.mockClear()
    virtual.setItems(items(100))
    expect(create).not.toHaveBeenCalled()
    expect(new Set(rows(virtual))).toEqual(before)
  })
})

describe('VirtualList: aria-setsize and aria-posinset', () => {
  it('tell each row the size of the whole list and its place in it', () => {
    const { virtual } = mount(items(10_000))
    scrollTo(1234 * ROW)
    runFrames()
    for (const row of rows(virtual)) {
      expect(row.getAttribute('aria-setsize')).toBe('10000')
      const label = row.querySelector('.label')!.textContent!
      expect(row.getAttribute('aria-posinset')).toBe(String(Number(label.replace('Paper ', '')) + 1))
    }
  })

  it('change on kept rows when the list size changes', () => {
    const { virtual } = mount(items(100))
    const row = rowOf(virtual, 'Paper 0')
    virtual.setItems(items(40))
    expect(row.getAttribute('aria-setsize')).toBe('40')
    expect(row.getAttribute('aria-posinset')).toBe('1')
  })
})

describe('VirtualList: scrollToIndex', () => {
  it('scrolls down just enough to show the whole row at the bottom', () => {
    const { virtual } = mount(items(100))
    virtual.scrollToIndex(20)
    expect(scrollTop).toBe(21 * ROW - viewportHeight)
    // Rendered at once, so the row can be focused now.
    expect(labels(virtual)).toContain('Paper 20')
    expect(virtual.renderedRange).toEqual({ start: 3, end: 28 })
  })

  it('scrolls up just enough to show the whole row at the top', () => {
    const { virtual } = mount(items(100))
    scrollTo(50 * ROW + 10)
    runFrames()
    virtual.scrollToIndex(40)
    expect(scrollTop).toBe(40 * ROW)
    expect(virtual.renderedRange).toEqual({ start: 32, end: 57 })
  })

  it('does not scroll when the row is fully visible, and does when it is cut off', () => {
    const { virtual } = mount(items(100))
    virtual.scrollToIndex(9)
    expect(scrollTop).toBe(0)
    scrollTo(32)
    virtual.scrollToIndex(0)
    expect(scrollTop).toBe(0)
  })

  it('rejects an index outside the items', () => {
    const { virtual } = mount(items(10))
    expect(() => virtual.scrollToIndex(10)).toThrow(RangeError)
    expect(() => virtual.scrollToIndex(-1)).toThrow(RangeError)
    expect(() => virtual.elementAt(10)).toThrow(RangeError)
  })
})

describe('VirtualList: elementAt', () => {
  it('returns a rendered row without scrolling', () => {
    const { virtual } = mount(items(100))
    const element = virtual.elementAt(5)
    expect(element).toBe(rowOf(virtual, 'Paper 5'))
    expect(scrollTop).toBe(0)
  })

  it('renders an off-screen row, scrolling it into view', () => {
    const { virtual } = mount(items(10_000))
    const element = virtual.elementAt(7000)
    expect(element.parentElement).toBe(virtual.element)
    expect(element.querySelector('.label')!.textContent).toBe('Paper 7000')
    expect(element.getAttribute('aria-posinset')).toBe('7001')
    expect(scrollTop).toBe(7001 * ROW - viewportHeight)
    expect(virtual.renderedRange.start).toBeLessThanOrEqual(7000)
    expect(virtual.renderedRange.end).toBeGreaterThanOrEqual(7000)
  })

  it('renders the row even when the viewport does not scroll to it', () => {
    const { virtual } = mount(items(100))
    // A viewport that ignores scrollTop, as one that is not laid out yet may.
    Object.defineProperty(viewport, 'scrollTop', { configurable: true, get: () => 0, set: () => {} })
    const element = virtual.elementAt(80)
    expect(element.querySelector('.label')!.textContent).toBe('Paper 80')
    expect(rows(virtual).at(-1)).toBe(element)
  })
})

describe('VirtualList: destroy', () => {
  it('stops rendering on scroll, and drops a pending render', () => {
    const { virtual, update, create } = mount(items(100))
    scrollTo(50 * ROW)
    virtual.destroy()
    expect(frames.size).toBe(0)
    scrollTo(70 * ROW)
    expect(frames.size).toBe(0)
    runFrames()
    expect(update).not.toHaveBeenCalled()
    expect(create).toHaveBeenCalledTimes(18)
    expect(labels(virtual)).toEqual(paperLabels(0, 17))
  })

  it('removes its listeners', () => {
    const { virtual } = mount(items(100))
    const removeFromViewport = vi.spyOn(viewport, 'removeEventListener')
    virtual.destroy()
    expect(removeFromViewport).toHaveBeenCalledWith('scroll', expect.any(Function))
  })
})

describe('VirtualList: a long list', () => {
  it('renders fewer than 60 rows of 10,000 anywhere in the list', () => {
    viewportHeight = 1000
    const { virtual, create } = mount(items(10_000))
    expect(rows(virtual).length).toBeLessThan(60)
    for (const top of [2500, 5000, 9999].map((index) => index * ROW)) {
      scrollTo(top)
      runFrames()
      expect(rows(virtual).length).toBeLessThan(60)
    }
    expect(create.mock.calls.length).toBeLessThan(60)
    expect(virtual.element.style.height).toBe(`${10_000 * ROW}px`)
  })
})
