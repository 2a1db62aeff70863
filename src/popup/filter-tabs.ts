import { SHELF_VIEWS, type ShelfView } from '../core/reading-list'
import { hasCommandModifier } from '../ui/keys'
import { h, setAttr, setText } from './dom'

export const VIEW_LABEL: Record<ShelfView, string> = {
  starred: 'Starred',
  unread: 'Unread',
  read: 'Read',
  all: 'All',
}

const VIEW_HINT: Record<ShelfView, string> = {
  starred: 'Papers you starred',
  unread: 'Starred papers you have not read yet',
  read: 'Papers you marked as read',
  all: 'Every paper on your shelf',
}

/**
 * The view filters as an ARIA tablist with a roving tabindex. Arrow keys, Home and End move
 * between tabs and select them (automatic activation). Each tab shows its count, hidden from
 * the accessible name so the tab is named exactly "Starred", "Unread", "Read" or "All".
 */
export class FilterTabs {
  readonly element: HTMLDivElement
  private readonly tabs = new Map<ShelfView, { tab: HTMLButtonElement; count: HTMLSpanElement }>()

  constructor(
    doc: Document,
    private readonly idPrefix: string,
    panelId: string,
    private readonly onSelect: (view: ShelfView) => void,
  ) {
    this.element = h(doc, 'div', { class: 'tabs', role: 'tablist', 'aria-label': 'Filter papers' })
    for (const view of SHELF_VIEWS) {
      const count = h(doc, 'span', { class: 'tab-count', 'aria-hidden': 'true' })
      const tab = h(
        doc,
        'button',
        {
          type: 'button',
          role: 'tab',
          id: this.tabId(view),
          class: 'tab',
          'data-view': view,
          'aria-controls': panelId,
          'aria-selected': 'false',
          tabindex: '-1',
          title: VIEW_HINT[view],
        },
        h(doc, 'span', { class: 'tab-label' }, VIEW_LABEL[view]),
        count,
      )
      tab.addEventListener('click', () => this.onSelect(view))
      this.tabs.set(view, { tab, count })
      this.element.append(tab)
    }
    this.element.addEventListener('keydown', (event) => this.onKeyDown(event))
  }

  tabId(view: ShelfView): string {
    return `${this.idPrefix}-tab-${view}`
  }

  tab(view: ShelfView): HTMLButtonElement | undefined {
    return this.tabs.get(view)?.tab
  }

  /** Marks the selected tab and shows the counts (none while the shelf is loading). */
  update(selected: ShelfView, counts: Record<ShelfView, number> | null): void {
    for (const [view, { tab, count }] of this.tabs) {
      const isSelected = view === selected
      setAttr(tab, 'aria-selected', String(isSelected))
      setAttr(tab, 'tabindex', isSelected ? '0' : '-1')
      setText(count, counts ? String(counts[view]) : '')
      count.hidden = counts === null
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (hasCommandModifier(event)) return
    const current = (event.target as Element | null)?.closest?.('[role="tab"]')
    const index = SHELF_VIEWS.findIndex((view) => this.tabs.get(view)?.tab === current)
    if (index < 0) return
    const last = SHELF_VIEWS.length - 1
    let next: number
    switch (event.key) {
      case 'ArrowRight':
        next = index === last ? 0 : index + 1
        break
      case 'ArrowLeft':
        next = index === 0 ? last : index - 1
        break
      case 'Home':
        next = 0
        break
      case 'End':
        next = last
        break
      default:
        return
    }
    event.preventDefault()
    const view = SHELF_VIEWS[next]
    if (!view) return
    this.onSelect(view)
    this.tabs.get(view)?.tab.focus()
  }
}
