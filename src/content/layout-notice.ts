export const NOTICE_CLASS = 'paper-shelf-notice'

export const LAYOUT_NOTICE_TEXT = "Paper Shelf did not recognise this page's layout, so it shows no Star or Read here."

/** The notice that the page's layout was not recognised, with a Dismiss button that calls `dismiss`. */
export function createLayoutNotice(doc: Document, dismiss: () => void): HTMLElement {
  const notice = doc.createElement('p')
  notice.className = NOTICE_CLASS
  const text = doc.createElement('span')
  text.textContent = LAYOUT_NOTICE_TEXT
  const button = doc.createElement('button')
  button.type = 'button'
  button.textContent = 'Dismiss'
  // The page may have its own click handlers around the notice: the click is ours alone.
  button.addEventListener('click', (event) => {
    event.preventDefault()
    event.stopPropagation()
    dismiss()
  })
  notice.append(text, button)
  return notice
}
