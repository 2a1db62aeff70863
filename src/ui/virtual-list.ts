export interface VirtualListOptions<T> {
  /** The scrolling element (overflow: auto; the page's main list area). */
  viewport: HTMLElement
  /** Fixed height of every row in CSS pixels. */
  rowHeight: number
  /** Rows rendered beyond the visible ones on each side. Default 8. */
  overscan?: number
  /** Creates a row element for an item (called when a row is first needed). */
  create(item: T, index: number): HTMLElement
  /** Updates an existing row element to show another item (recycling); must fully replace what the row shows. */
  update(element: HTMLElement, item: T, index: number): void
  /** A stable key per item, so the row of an item that moves keeps its element and focus. */
  key(item: T): string
}

const DEFAULT_OVERSCAN = 8

/** A rendered row: the element and what it shows. */
interface Row<T> {
  readonly element: HTMLElement
  key: string
  item: T
  index: number
}

/** A position the next render shows, with the row that already shows its item, if any. */
interface Slot<T> {
  index: number
  item: T
  key: string
  row: Row<T> | undefined
}

/**
 * A list that renders only the rows in and near the viewport, for lists of many thousands of items.
 *
 * `element` is the spacer: it is `items.length * rowHeight` pixels high, and the rows are its only children,
 * absolutely positioned and kept in item order (so Tab order and reading order follow the list). It must be
 * the viewport's content from the top: anything above it inside the viewport shifts which rows are visible.
 * Browsers cap element heights (around 33.5 million px in Chrome, 17.9 million in Firefox), so a list taller
 * than that cannot scroll to its end; 10,000 rows of 64 px are 640,000 px.
 *
 * Rows carry `aria-setsize` and `aria-posinset`, so assistive technology knows the whole list's size and each
 * row's place in it. The list adds no listeners to rows: callers delegate events on `element`. `create` and
 * `update` own the row's content and attributes, except its class `virtual-row`, `aria-setsize`,
 * `aria-posinset` and the inline styles that position it.
 */
export class VirtualList<T> {
  /** The list element to insert into the viewport: role="list" is NOT set here (the caller decides roles). */
  readonly element: HTMLElement
  private readonly viewport: HTMLElement
  private readonly rowHeight: number
  private readonly overscan: number
  private readonly createRow: (item: T, index: number) => HTMLElement
  private readonly updateRow: (element: HTMLElement, item: T, index: number) => void
  private readonly keyOf: (item: T) => string
  private items: readonly T[] = []
  /** The rendered rows in item order: the window, and a focused row outside it. */
  private rows: Row<T>[] = []
  /** Rows not in the document, reused before new ones are created. */
  private readonly spare: Row<T>[] = []
  private range = { start: 0, end: -1 }
  /** The list's height when last rendered; when it changes, the scroll position is clamped. */
  private height = -1
  private setSize = 0
  private frame = 0
  private destroyed = false
  private readonly resizeObserver: ResizeObserver | undefined
  /** The viewport, or its document when it is the document's scrolling element (whose scroll events go to the document). */
  private readonly scrollTarget: EventTarget
  private readonly onScroll = () => this.schedule()
  /** Focus that leaves a row kept only for its focus lets that row go. */
  private readonly onFocusOut = () => {
    if (this.rows.length > this.range.end - this.range.start + 1) this.schedule()
  }

  constructor(options: VirtualListOptions<T>) {
    const { viewport, rowHeight, overscan = DEFAULT_OVERSCAN } = options
    if (!(Number.isFinite(rowHeight) && rowHeight > 0)) throw new RangeError(`rowHeight must be a positive number, not ${rowHeight}`)
    if (!(Number.isInteger(overscan) && overscan >= 0)) throw new RangeError(`overscan must be a whole number ≥ 0, not ${overscan}`)
    this.viewport = viewport
    this.rowHeight = rowHeight
    this.overscan = overscan
    this.createRow = options.create
    this.updateRow = options.update
    this.keyOf = options.key
    this.element = viewport.ownerDocument.createElement('div')
    this.element.className = 'virtual-list'
    this.element.style.position = 'relative'
    this.element.style.height = '0px'
    this.scrollTarget = viewport === viewport.ownerDocument.scrollingElement ? viewport.ownerDocument : viewport
    this.scrollTarget.addEventListener('scroll', this.onScroll, { passive: true })
    this.element.addEventListener('focusout', this.onFocusOut)
    if (typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(() => this.schedule())
      this.resizeObserver.observe(viewport)
    }
  }

  /** Indices of the first and last rendered items. */
  get renderedRange(): { start: number; end: number } {
    // The window only: a focused row kept outside it (see `setItems`) is rendered too, but not counted here.
    return { ...this.range }
  }

  /**
   * Replaces the items (after sorting/filtering); keeps scroll position when possible, clamps when the list got shorter.
   * Renders at once, so the first rows are painted with the page. Rows whose item keys are still in view keep their
   * elements. A focused row keeps its element while its item is in the list; one whose item left is removed.
   */
  setItems(items: readonly T[]): void {
    if (this.destroyed) return
    this.items = items
    this.render(false)
  }

  /** Re-renders the rows currently shown (after items changed in place). */
  refresh(): void {
    if (this.destroyed) return
    this.render(true)
  }

  /** Scrolls the minimum amount so item `index` is fully visible. */
  scrollToIndex(index: number): void {
    this.checkIndex(index)
    if (this.destroyed) return
    const top = index * this.rowHeight
    const bottom = top + this.rowHeight
    const { scrollTop, clientHeight } = this.viewport
    let target = scrollTop
    if (top < scrollTop || clientHeight < this.rowHeight) target = top
    else if (bottom > scrollTop + clientHeight) target = bottom - clientHeight
    if (target === scrollTop) return
    this.viewport.scrollTop = target
    // At once rather than on the scroll event, so the caller can focus the row now.
    this.render(false)
  }

  /** The rendered element of item `index`, rendering it first (scrolling it into view) if needed. */
  elementAt(index: number): HTMLElement {
    this.checkIndex(index)
    if (this.destroyed) throw new Error('The list was destroyed')
    let row = this.rowAt(index)
    if (!row) {
      this.scrollToIndex(index)
      row = this.rowAt(index)
    }
    if (!row) {
      // The viewport would not scroll that far (e.g. it is not laid out yet): render the row outside the window.
      this.render(false, index)
      row = this.rowAt(index)
    }
    return (row as Row<T>).element
  }

  /** Stops listening to the viewport and drops a pending render. The element and its rows stay as they are. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.scrollTarget.removeEventListener('scroll', this.onScroll)
    this.element.removeEventListener('focusout', this.onFocusOut)
    this.resizeObserver?.disconnect()
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    this.spare.length = 0
  }

  /** One render per animation frame, however many scroll and resize events come before it. */
  private schedule(): void {
    if (this.frame || this.destroyed) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      if (!this.destroyed) this.render(false)
    })
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.items.length) {
      throw new RangeError(`No item ${index} in a list of ${this.items.length}`)
    }
  }

  private rowAt(index: number): Row<T> | undefined {
    return this.rows.find((row) => row.index === index)
  }

  /**
   * Shows the items in and near the viewport (and `include`): rows whose key is still shown keep their element,
   * the others are reused for the items that need a row, and a focused row stays while its item is in the list.
   * `force` updates every row, also those that show the same item at the same index.
   */
  private render(force: boolean, include?: number): void {
    if (this.frame) cancelAnimationFrame(this.frame)
    this.frame = 0
    const { items, rowHeight, viewport } = this
    const count = items.length

    const height = count * rowHeight
    if (height !== this.height) {
      this.height = height
      this.element.style.height = `${height}px`
      const maxTop = Math.max(0, height - viewport.clientHeight)
      if (viewport.scrollTop > maxTop) viewport.scrollTop = maxTop
    }
    this.range = this.windowAt(Math.max(0, viewport.scrollTop), viewport.clientHeight, count)
    const { start, end } = this.range

    const slots: Slot<T>[] = []
    const byKey = new Map<string, Row<T>>()
    for (const row of this.rows) if (!byKey.has(row.key)) byKey.set(row.key, row)
    const claimed = new Set<Row<T>>()
    const slotAt = (index: number): Slot<T> => {
      const item = items[index] as T
      const key = this.keyOf(item)
      const existing = byKey.get(key)
      // With duplicate keys only the first item keeps the row; the others get rows of their own.
      const row = existing && !claimed.has(existing) ? existing : undefined
      if (row) claimed.add(row)
      return { index, item, key, row }
    }
    for (let index = start; index <= end; index++) slots.push(slotAt(index))

    const focused = this.focusedRow()
    let orphan: Row<T> | undefined
    if (focused && !claimed.has(focused)) {
      const index = this.indexOfKey(focused)
      if (index === -1) orphan = focused
      else {
        claimed.add(focused)
        slots.push({ index, item: items[index] as T, key: focused.key, row: focused })
      }
    }
    if (include !== undefined && !slots.some((slot) => slot.index === include)) slots.push(slotAt(include))
    slots.sort((a, b) => a.index - b.index)

    const free = this.rows.filter((row) => !claimed.has(row) && row !== orphan)
    const setSize = String(count)
    const setSizeChanged = this.setSize !== count
    this.setSize = count
    const next: Row<T>[] = []
    for (const slot of slots) {
      const { index, item, key } = slot
      let row = slot.row
      let moved = false
      if (row) {
        moved = row.index !== index
        if (force || moved || row.item !== item) this.updateRow(row.element, item, index)
      } else {
        row = free.pop() ?? this.spare.pop()
        if (row) this.updateRow(row.element, item, index)
        else row = this.newRow(item, index)
        moved = true
      }
      row.key = key
      row.item = item
      row.index = index
      const { element } = row
      if (!element.classList.contains('virtual-row')) element.classList.add('virtual-row')
      if (moved) {
        element.style.transform = `translateY(${index * rowHeight}px)`
        element.setAttribute('aria-posinset', String(index + 1))
      }
      if (moved || setSizeChanged) element.setAttribute('aria-setsize', setSize)
      next.push(row)
    }

    // Removing the orphan first lets its focus go, rather than reusing a focused row for another item.
    for (const row of orphan ? [orphan, ...free] : free) {
      row.element.remove()
      this.spare.push(row)
    }
    this.rows = next
    this.order(focused && claimed.has(focused) ? focused.element : null)
  }

  /** The window of indices to render: the visible rows and `overscan` more on each side. */
  private windowAt(scrollTop: number, viewportHeight: number, count: number): { start: number; end: number } {
    if (count === 0) return { start: 0, end: -1 }
    const { rowHeight, overscan } = this
    const first = Math.min(Math.floor(scrollTop / rowHeight), count - 1)
    const start = Math.max(0, first - overscan)
    // Not laid out yet: as many rows as the overscan on both sides, so the first paint is not empty.
    const end =
      viewportHeight > 0
        ? Math.ceil((scrollTop + viewportHeight) / rowHeight) - 1 + overscan
        : Math.max(start + 2 * overscan, first + 1) - 1
    return { start, end: Math.min(count - 1, end) }
  }

  private newRow(item: T, index: number): Row<T> {
    const element = this.createRow(item, index)
    const { style } = element
    style.position = 'absolute'
    style.top = '0px'
    style.left = '0px'
    style.right = '0px'
    style.height = `${this.rowHeight}px`
    style.boxSizing = 'border-box'
    // Not `strict` or `content`: paint containment would clip focus outlines drawn at a row's edges.
    style.contain = 'size layout style'
    return { element, key: '', item, index }
  }

  /** The rendered row that holds the focused element. */
  private focusedRow(): Row<T> | undefined {
    const root = this.element.getRootNode() as Partial<DocumentOrShadowRoot>
    let node: Node | null = root.activeElement ?? null
    while (node && node.parentNode !== this.element) node = node.parentNode
    return node ? this.rows.find((row) => row.element === node) : undefined
  }

  /** The index of the row's item in the current items, or -1 if it left them. */
  private indexOfKey(row: Row<T>): number {
    const atIndex = this.items[row.index]
    if (atIndex !== undefined && this.keyOf(atIndex) === row.key) return row.index
    return this.items.findIndex((item) => this.keyOf(item) === row.key)
  }

  /**
   * Puts the rows into the element in item order, moving as few as possible and never `fixed`: moving an element
   * out of the document and back takes the focus from it.
   */
  private order(fixed: HTMLElement | null): void {
    let cursor = this.element.firstChild
    for (const { element } of this.rows) {
      if (element === cursor) cursor = cursor.nextSibling
      else if (element === fixed) cursor = fixed.nextSibling
      else this.element.insertBefore(element, cursor)
    }
  }
}
