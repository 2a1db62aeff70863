import { createNotice } from './layout-notice'
import type { ShelfRegion } from './shelf-region'

const PART = 'problem'

/**
 * The part of the page's Paper Shelf region that says why the page may not show the shelf as it is
 * (the shelf could not be read, the extension was updated under the page) and what to do, announced
 * as an alert, until the reader dismisses it.
 */
export class ShelfProblemNotice {
  private readonly element: HTMLElement
  private readonly text: HTMLSpanElement

  constructor(
    doc: Document,
    private readonly region: ShelfRegion,
  ) {
    const notice = createNotice(doc, () => this.region.clear(PART))
    this.element = notice.element
    this.element.setAttribute('role', 'alert')
    this.text = notice.text
  }

  show(message: string): void {
    if (this.text.textContent !== message) this.text.textContent = message
    this.region.set(PART, this.element)
  }
}
