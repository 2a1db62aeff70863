import { CONTROLS_CLASS } from '../site'

const TEXT_NODE = 3
const ELEMENT_NODE = 1

/** Markup that is not part of the text a field holds: labels, what MathJax renders from TeX, and our controls. */
function isSkipped(element: Element): boolean {
  const name = element.localName
  if (name === 'style' || name === 'template' || name.startsWith('mjx-')) return true
  const classes = element.getAttribute('class')
  if (!classes) return false
  return (
    classes.startsWith('MathJax') ||
    classes.startsWith('MJX') ||
    element.classList.contains('descriptor') ||
    element.classList.contains(CONTROLS_CLASS)
  )
}

/**
 * The text of a field as the page wrote it: `span.descriptor` labels ("Title:") left out, and
 * MathJax's typeset output replaced by the TeX it keeps in `script[type^="math/tex"]`, so a title
 * reads the same before and after MathJax has run. `alsoSkip` leaves out a site's own labels too.
 * Iterative, so deep markup cannot overflow the stack.
 */
export function fieldText(root: Element | null | undefined, alsoSkip?: (element: Element) => boolean): string {
  if (!root) return ''
  // Fast paths for the usual markup: bare text, or a label span followed by text.
  const first = root.firstElementChild
  if (!first) return root.textContent ?? ''
  if (first === root.lastElementChild && !first.firstElementChild && first.classList.contains('descriptor')) {
    const all = root.textContent ?? ''
    const label = first.textContent ?? ''
    const at = all.indexOf(label)
    return at < 0 ? all : all.slice(0, at) + all.slice(at + label.length)
  }
  let text = ''
  let node: Node | null = root.firstChild
  while (node) {
    let descend = false
    if (node.nodeType === TEXT_NODE) {
      text += node.nodeValue ?? ''
    } else if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element
      if (element.localName === 'script') {
        const type = element.getAttribute('type') ?? ''
        if (type.startsWith('math/tex')) {
          const fence = type.includes('mode=display') ? '$$' : '$'
          text += `${fence}${element.textContent ?? ''}${fence}`
        }
      } else {
        descend = !isSkipped(element) && !alsoSkip?.(element)
      }
    }
    if (descend && node.firstChild) {
      node = node.firstChild
      continue
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode
    node = node && node !== root ? node.nextSibling : null
  }
  return text
}
