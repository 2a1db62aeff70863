import { MARKS, type ToggleId } from '../core/marks'
import { h, type Attributes } from './dom'

/**
 * A mark's toggle in a list row (popup and library): its icon, then its word, pressed or not.
 * `attributes` name what the list's click handler looks for.
 */
export function toggleButton(doc: Document, mark: ToggleId, describedBy: string, attributes: Attributes): HTMLButtonElement {
  return h(
    doc,
    'button',
    {
      type: 'button',
      class: `toggle toggle-${mark}`,
      ...attributes,
      // The visible word is the name too; the explicit label keeps it exact whatever the icon is.
      'aria-label': MARKS[mark].label,
      'aria-pressed': 'false',
      'aria-describedby': describedBy,
    },
    h(doc, 'span', { class: 'toggle-icon', 'aria-hidden': 'true' }),
    h(doc, 'span', { class: 'toggle-label' }, MARKS[mark].label),
  )
}
