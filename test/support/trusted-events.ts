/**
 * `event` as the browser dispatches it for the reader's own input, with `isTrusted` true. happy-dom leaves `isTrusted` unset, so
 * an event dispatched without this reads as one a page's script dispatched.
 */
export function asReader<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true })
  return event
}

/** Clicks `element` as the reader does; `element.click()` is a page's script clicking it. */
export function readerClick(element: Element): void {
  element.dispatchEvent(asReader(new PointerEvent('click', { bubbles: true, composed: true, cancelable: true })))
}
