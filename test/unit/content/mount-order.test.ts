import { describe, expect, it } from 'vitest'
import { nearestFirst, type Placed } from '../../../src/content/mount-order'

const ENTRY_HEIGHT = 100
const VIEWPORT = 350

/** `count` entries stacked from the top of the page, scrolled by `scrollY`; each counts the reads of its position. */
function entries(count: number, scrollY: number, withCompanion = false) {
  let reads = 0
  const box = (top: number, height: number) =>
    ({
      getBoundingClientRect: () => {
        reads += 1
        return { top: top - scrollY, bottom: top + height - scrollY } as DOMRect
      },
    }) as Element
  const cards = Array.from({ length: count }, (_, index): Placed & { index: number } => {
    const top = index * ENTRY_HEIGHT
    return withCompanion
      ? { index, element: box(top, 20), companions: [box(top + 20, ENTRY_HEIGHT - 20)] }
      : { index, element: box(top, ENTRY_HEIGHT) }
  })
  return { cards, reads: () => reads }
}

describe('nearestFirst', () => {
  it('starts with the cards in view at the top of a page, in page order', () => {
    const { cards } = entries(10, 0)
    const { order, inView } = nearestFirst(cards, VIEWPORT)
    expect(inView).toBe(4)
    expect(order.map((card) => card.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('goes down from the first card in view, then up from the one above it', () => {
    const { cards } = entries(10, 450)
    const { order, inView } = nearestFirst(cards, VIEWPORT)
    expect(order.map((card) => card.index)).toEqual([4, 5, 6, 7, 8, 9, 3, 2, 1, 0])
    expect(inView).toBe(4)
  })

  it('counts an entry whose title is above the viewport but whose rest is in it as in view', () => {
    const { cards } = entries(10, 230, true)
    const { order, inView } = nearestFirst(cards, VIEWPORT)
    expect(order[0]!.index).toBe(2)
    expect(inView).toBe(4)
  })

  it('finds nothing in view below the last card, and mounts upward from it', () => {
    const { cards } = entries(5, 2_000)
    const { order, inView } = nearestFirst(cards, VIEWPORT)
    expect(inView).toBe(0)
    expect(order.map((card) => card.index)).toEqual([4, 3, 2, 1, 0])
  })

  it('measures a few dozen cards of thousands', () => {
    const page = entries(5_000, 250_050)
    const { order, inView } = nearestFirst(page.cards, VIEWPORT)
    expect(order[0]!.index).toBe(2_500)
    expect(inView).toBe(4)
    expect(order).toHaveLength(5_000)
    expect(new Set(order).size).toBe(5_000)
    expect(page.reads()).toBeLessThan(30)
  })

  it('handles no cards', () => {
    expect(nearestFirst([], VIEWPORT)).toEqual({ order: [], inView: 0 })
  })
})
