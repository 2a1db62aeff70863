export const REGION_CLASS = 'paper-shelf-region'

/** Where the region goes when nothing better is known: at the top of the page's main content. */
export function placeAtTop(region: HTMLElement): void {
  const doc = region.ownerDocument
  const main = doc.querySelector('main, [role="main"]') ?? doc.body ?? doc.documentElement
  main.prepend(region)
}

/**
 * The page's one Paper Shelf region (`role="region"`, named "Paper Shelf"), for what Paper Shelf has
 * to say about the page as a whole. It comes before the page's content for assistive technology and
 * floats in a corner on screen, so showing it never moves the page. It holds named parts, in the order they were first set, and is on
 * the page only while it has at least one.
 */
export class ShelfRegion {
  private readonly parts = new Map<string, HTMLElement>()
  private element: HTMLElement | undefined

  constructor(
    private readonly doc: Document,
    private readonly place: (region: HTMLElement) => void = placeAtTop,
  ) {}

  /** Shows `content` as the part called `name`, replacing what that part showed before. */
  set(name: string, content: HTMLElement): void {
    const region = this.mounted()
    const previous = this.parts.get(name)
    if (previous === content && content.parentElement === region) return
    if (previous?.parentElement === region) previous.replaceWith(content)
    else region.append(content)
    this.parts.set(name, content)
  }

  /** Takes the part called `name` away, and the region with its last part. */
  clear(name: string): void {
    this.parts.get(name)?.remove()
    this.parts.delete(name)
    if (this.parts.size === 0) this.remove()
  }

  /** Takes the region and all its parts off the page. */
  remove(): void {
    this.element?.remove()
    this.element = undefined
    this.parts.clear()
  }

  /** The region on the page, put back if the page removed it (a framework re-rendering its main content). */
  private mounted(): HTMLElement {
    if (this.element?.isConnected) return this.element
    if (!this.element) {
      this.element = this.doc.createElement('section')
      this.element.className = REGION_CLASS
      this.element.setAttribute('role', 'region')
      this.element.setAttribute('aria-label', 'Paper Shelf')
    }
    this.element.replaceChildren(...this.parts.values())
    this.place(this.element)
    return this.element
  }
}
