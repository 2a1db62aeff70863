import { CONTROLS_CLASS } from '../sites/site'
import { addStyleOnce } from './page-style'

const STYLE_ID = 'paper-shelf-reserved-slots'
/** The height the controls take in a reserved slot, and the space the slot keeps for them until then. */
const SLOT_HEIGHT = '36px'

/**
 * Keeps `SLOT_HEIGHT` free at the end of each slot until its card is annotated, then gives that space
 * to the controls: as both are blocks of the same height at the same place, the page below does not
 * move when they go in, and the browser repaints only the cards that changed. The controls' size
 * does not depend on their content (size and layout containment), so what changes inside them (a
 * toggle pressed, an icon swapped) is laid out within them instead of up through a page of thousands
 * of entries. (`content-visibility: auto` would also skip those out of view, but Chromium then leaves
 * their toggles out of the accessibility tree.)
 */
export function reservedSlotStyles(slots: string): string {
  const slot = `:is(${slots})`
  return `
${slot}::after {
  content: "";
  display: block;
  height: ${SLOT_HEIGHT};
}
[data-paper-shelf]${slot}::after,
[data-paper-shelf] ${slot}::after {
  content: none;
  display: none;
}
${slot} > .${CONTROLS_CLASS} {
  display: flex;
  flex-wrap: nowrap;
  align-items: center;
  box-sizing: border-box;
  height: ${SLOT_HEIGHT};
  margin: 0;
  padding: 6px 0;
  contain: size layout style;
}
`
}

/** Reserves the slots before the page's first paint: called as the document starts. */
export function reserveSlots(doc: Document, slots: string | undefined): void {
  if (slots) addStyleOnce(doc, STYLE_ID, reservedSlotStyles(slots))
}

/** Whether the slots are reserved on this page. */
export function slotsReserved(doc: Document): boolean {
  return doc.getElementById(STYLE_ID) !== null
}

/** Gives the space back when the page turns out to hold no card to put controls in. */
export function releaseSlots(doc: Document): void {
  doc.getElementById(STYLE_ID)?.remove()
}
