import { isToggleId, MARKS, TOGGLE_IDS, type MarkValues, type ToggleId } from '../core/marks'
import { CONTROLS_CLASS } from '../sites/site'
const TOGGLE_CLASS = 'paper-shelf-toggle'
const UPDATED_CLASS = 'paper-shelf-updated'

export interface CardControls {
  root: HTMLElement
  buttons: HTMLButtonElement[]
}

const templates = new WeakMap<Document, HTMLElement>()

function template(doc: Document): HTMLElement {
  let root = templates.get(doc)
  if (root) return root
  root = doc.createElement('span')
  root.className = CONTROLS_CLASS
  root.setAttribute('role', 'group')
  root.setAttribute('aria-label', 'Paper Shelf')
  for (const id of TOGGLE_IDS) {
    const mark = MARKS[id]
    const button = doc.createElement('button')
    button.type = 'button'
    button.className = TOGGLE_CLASS
    button.dataset.mark = id
    button.setAttribute('aria-label', mark.label)
    button.setAttribute('aria-pressed', 'false')
    button.title = mark.hint.off
    button.textContent = mark.label
    root.append(button)
  }
  templates.set(doc, root)
  return root
}

/** A fresh set of toggles, cloned from one template (cheap on pages with thousands of cards). */
export function createCardControls(doc: Document): CardControls {
  const root = template(doc).cloneNode(true) as HTMLElement
  return { root, buttons: [...root.children] as HTMLButtonElement[] }
}

/**
 * Paints the toggles' state, and the badge naming the arXiv version a paper read at an earlier one
 * was `updatedTo` (none when undefined).
 */
export function paintControls(controls: CardControls, values: MarkValues, updatedTo?: number): void {
  TOGGLE_IDS.forEach((id, index) => {
    const button = controls.buttons[index]
    const pressed = String(values[id])
    if (!button || button.getAttribute('aria-pressed') === pressed) return
    button.setAttribute('aria-pressed', pressed)
    button.title = values[id] ? MARKS[id].hint.on : MARKS[id].hint.off
  })
  paintUpdatedBadge(controls.root, updatedTo)
}

function paintUpdatedBadge(root: HTMLElement, version: number | undefined): void {
  // The badge, when there is one, follows the toggles.
  const last = root.lastElementChild
  let badge = last instanceof HTMLElement && last.classList.contains(UPDATED_CLASS) ? last : undefined
  if (version === undefined) {
    badge?.remove()
    return
  }
  if (!badge) {
    badge = root.ownerDocument.createElement('span')
    badge.className = UPDATED_CLASS
    root.append(badge)
  }
  const text = `v${version}`
  if (badge.textContent === text) return
  badge.textContent = text
  badge.title = `A newer version (${text}) than the one you read`
}

/** The mark a click landed on, when it landed on one of our toggles. */
export function toggleOf(target: EventTarget | null): { button: HTMLButtonElement; mark: ToggleId } | undefined {
  if (!(target instanceof Element)) return undefined
  const button = target.closest<HTMLButtonElement>(`.${CONTROLS_CLASS} > .${TOGGLE_CLASS}`)
  const mark = button?.dataset.mark
  return button && isToggleId(mark) ? { button, mark } : undefined
}

export function showSaveError(button: HTMLButtonElement, message: string): void {
  button.setAttribute('data-paper-shelf-error', '')
  button.title = `Paper Shelf could not save this: ${message}`
  setTimeout(() => button.removeAttribute('data-paper-shelf-error'), 4000)
}
