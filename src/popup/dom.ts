/** Attribute values; `undefined` leaves the attribute out. */
export type Attributes = Record<string, string | undefined>

/**
 * Creates an element with attributes and children. Strings become text nodes, so page data
 * passed here is always inserted as text, never parsed as markup.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value)
  }
  for (const child of children) element.append(typeof child === 'string' ? doc.createTextNode(child) : child)
  return element
}

/** Sets an attribute only when its value differs, so unchanged nodes cause no mutations. */
export function setAttr(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name)
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value)
  }
}

/** Sets text content only when it differs. */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text
}
