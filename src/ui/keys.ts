/** True when a key press goes into a text field rather than to the page. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as Node).nodeType !== 'number') return false
  const element = target as HTMLElement
  const tag = element.tagName
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable === true
}

/** True when Ctrl, Alt or Meta is held: the key belongs to the browser or the page, never to a single-key shortcut. */
export function hasCommandModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.altKey || event.metaKey
}
