import { trusted } from './trusted-events'

export const NOTICE_CLASS = 'paper-shelf-notice'

export const LAYOUT_NOTICE_TEXT = "Paper Shelf did not recognise this page's layout, so it shows no Star or Read here."

/** A notice for the Paper Shelf region: its text, then a Dismiss button that calls `dismiss`. */
export function createNotice(doc: Document, dismiss: () => void): { element: HTMLElement; text: HTMLSpanElement } {
  const element = doc.createElement('p')
  element.className = NOTICE_CLASS
  const text = doc.createElement('span')
  const button = doc.createElement('button')
  button.type = 'button'
  button.textContent = 'Dismiss'
  // The page may have its own click handlers around the notice: the click is ours alone.
  button.addEventListener(
    'click',
    trusted((event) => {
      event.preventDefault()
      event.stopPropagation()
      dismiss()
    }),
  )
  element.append(text, button)
  return { element, text }
}

/** The notice that the page's layout was not recognised, with a Dismiss button that calls `dismiss`. */
export function createLayoutNotice(doc: Document, dismiss: () => void): HTMLElement {
  const { element, text } = createNotice(doc, dismiss)
  text.textContent = LAYOUT_NOTICE_TEXT
  return element
}
