import type { Flag, Flags } from '../core/paper'

export const CONTROLS_CLASS = 'paper-shelf-controls'
const TOGGLE_CLASS = 'paper-shelf-toggle'

const LABELS: Record<Flag, string> = { starred: 'Star', read: 'Read' }
const TOOLTIPS: Record<Flag, [off: string, on: string]> = {
  starred: ['Star this paper (Paper Shelf)', 'Starred — click to unstar'],
  read: ['Mark as read (Paper Shelf)', 'Read — click to mark unread'],
}

export interface CardControls {
  root: HTMLElement
  buttons: Record<Flag, HTMLButtonElement>
}

const templates = new WeakMap<Document, HTMLElement>()

function template(doc: Document): HTMLElement {
  let root = templates.get(doc)
  if (root) return root
  root = doc.createElement('span')
  root.className = CONTROLS_CLASS
  root.setAttribute('role', 'group')
  root.setAttribute('aria-label', 'Paper Shelf')
  for (const flag of ['starred', 'read'] as const) {
    const button = doc.createElement('button')
    button.type = 'button'
    button.className = TOGGLE_CLASS
    button.dataset.flag = flag
    button.setAttribute('aria-label', LABELS[flag])
    button.setAttribute('aria-pressed', 'false')
    button.title = TOOLTIPS[flag][0]
    button.textContent = LABELS[flag]
    root.append(button)
  }
  templates.set(doc, root)
  return root
}

/** A fresh pair of Star and Read toggles, cloned from one template (cheap on pages with thousands of cards). */
export function createCardControls(doc: Document): CardControls {
  const root = template(doc).cloneNode(true) as HTMLElement
  const [starred, read] = root.children as unknown as [HTMLButtonElement, HTMLButtonElement]
  return { root, buttons: { starred, read } }
}

export function paintControls(controls: CardControls, flags: Flags): void {
  for (const flag of ['starred', 'read'] as const) {
    const button = controls.buttons[flag]
    const pressed = String(flags[flag])
    if (button.getAttribute('aria-pressed') !== pressed) {
      button.setAttribute('aria-pressed', pressed)
      button.title = TOOLTIPS[flag][flags[flag] ? 1 : 0]
    }
  }
}

/** The card's state as space-separated tokens for `data-paper-shelf` ("" when neither). */
export function stateTokens(flags: Flags): string {
  return [flags.starred ? 'starred' : '', flags.read ? 'read' : ''].filter(Boolean).join(' ')
}

/** The flag a click landed on, when it landed on one of our toggles. */
export function toggleFlagOf(target: EventTarget | null): { button: HTMLButtonElement; flag: Flag } | undefined {
  if (!(target instanceof Element)) return undefined
  const button = target.closest<HTMLButtonElement>(`.${CONTROLS_CLASS} > .${TOGGLE_CLASS}`)
  const flag = button?.dataset.flag
  return button && (flag === 'starred' || flag === 'read') ? { button, flag } : undefined
}

export function showSaveError(button: HTMLButtonElement, message: string): void {
  button.setAttribute('data-paper-shelf-error', '')
  button.title = `Paper Shelf could not save this: ${message}`
  setTimeout(() => button.removeAttribute('data-paper-shelf-error'), 4000)
}
