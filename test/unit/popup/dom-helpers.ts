/**
 * Finds elements the way assistive technology does (role + accessible name), a small subset of
 * the accessible-name algorithm that is enough for the popup: aria-labelledby, aria-label,
 * <label for>, a fieldset's legend, then text content without aria-hidden or hidden descendants.
 */

function isHidden(element: Element): boolean {
  return element.getAttribute('aria-hidden') === 'true' || element.hasAttribute('hidden')
}

function textName(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? ''
  if (node.nodeType !== 1) return ''
  const element = node as Element
  if (isHidden(element)) return ''
  const label = element.getAttribute('aria-label')
  if (label) return label
  return Array.from(element.childNodes, textName).join('')
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

export function accessibleName(element: Element): string {
  const doc = element.ownerDocument
  const labelledBy = element.getAttribute('aria-labelledby')
  if (labelledBy) {
    return collapse(
      labelledBy
        .split(/\s+/)
        .map((id) => {
          const target = doc.getElementById(id)
          return target ? Array.from(target.childNodes, textName).join('') : ''
        })
        .join(' '),
    )
  }
  const label = element.getAttribute('aria-label')
  if (label) return collapse(label)
  if (element.tagName === 'INPUT' && element.id) {
    const labels = Array.from(doc.querySelectorAll(`label[for="${element.id}"]`))
    if (labels.length > 0) return collapse(labels.map((l) => Array.from(l.childNodes, textName).join('')).join(' '))
    return ''
  }
  const legend = element.tagName === 'FIELDSET' ? element.querySelector(':scope > legend') : null
  if (legend) return collapse(Array.from(legend.childNodes, textName).join(''))
  return collapse(Array.from(element.childNodes, textName).join(''))
}

const IMPLICIT_ROLE: Record<string, string> = {
  button: 'button:not([role])',
  link: 'a[href]:not([role])',
  listitem: 'li:not([role])',
  list: 'ul:not([role]), ol:not([role])',
  searchbox: 'input[type="search"]:not([role])',
  checkbox: 'input[type="checkbox"]:not([role])',
  group: 'fieldset:not([role])',
  progressbar: 'progress:not([role])',
  region: 'section[aria-label]:not([role]), section[aria-labelledby]:not([role])',
}

export function allByRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement[] {
  const selector = [`[role="${role}"]`, IMPLICIT_ROLE[role]].filter(Boolean).join(', ')
  return Array.from(root.querySelectorAll<HTMLElement>(selector)).filter((element) => {
    if (element.closest('[hidden], [aria-hidden="true"]')) return false
    if (name === undefined) return true
    const actual = accessibleName(element)
    return typeof name === 'string' ? actual === name : name.test(actual)
  })
}

export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement {
  const found = allByRole(root, role, name)
  if (found.length !== 1) {
    throw new Error(`expected one ${role}${name === undefined ? '' : ` named ${String(name)}`}, found ${found.length}`)
  }
  return found[0] as HTMLElement
}

export function key(target: Element, keyName: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

export function type(input: HTMLInputElement, value: string): void {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

/**
 * Lets pending promise callbacks and the background's database work run: fake-indexeddb schedules
 * with setImmediate, so this yields turns of that queue (never a timed wait, and it keeps working when
 * a test fakes setTimeout). A backup import, the longest chain here, settles in about 15 turns.
 */
export async function flush(rounds = 100): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve))
}
