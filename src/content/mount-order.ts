/** A card laid out on the page: its element, and the elements after it that belong to the same entry. */
export interface Placed {
  element: Element
  companions?: readonly Element[]
}

const bottomOf = (card: Placed) => (card.companions?.at(-1) ?? card.element).getBoundingClientRect().bottom

/** Cards in the order their controls go in, and how many of the first of them are in view. */
export interface MountOrder<Card> {
  order: Card[]
  inView: number
}

/**
 * Orders cards, given in page order, from the first one in the viewport downward, then upward from
 * the one above it: what the reader sees gets its controls first. Only a few cards are measured
 * (a binary search, then those in view), so a page of thousands costs a few dozen reads of a layout
 * the page has already done.
 */
export function nearestFirst<Card extends Placed>(cards: readonly Card[], viewportHeight: number): MountOrder<Card> {
  let low = 0
  let high = cards.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (bottomOf(cards[middle]!) < 0) low = middle + 1
    else high = middle
  }
  let inView = 0
  while (low + inView < cards.length && cards[low + inView]!.element.getBoundingClientRect().top < viewportHeight) inView += 1
  return { order: [...cards.slice(low), ...cards.slice(0, low).reverse()], inView }
}
