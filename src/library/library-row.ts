import { plainText } from '../core/export/text'
import { MARKS, stateTokens, TOGGLE_IDS, updatedSinceRead, valuesOf } from '../core/marks'
import type { Paper } from '../core/paper'
import { presentTags } from '../core/tag-set'
import { h, setAttr, setText } from '../popup/dom'
import { authorsLine, dateLine, titleUrl } from '../popup/format'
import { toggleButton } from '../popup/toggle-button'

/** Height of a row in CSS pixels: the virtual list places rows by it, the stylesheet draws them at it. */
export const ROW_HEIGHT = 64

/** Tag chips shown in a row; the row's Edit shows them all. */
const CHIPS_SHOWN = 4

let rows = 0

/** Where a paper appeared: its venue when published, else its arXiv category. */
export function venueLine(paper: Paper): string {
  return plainText(paper.journalRef ?? paper.primaryCategory ?? '')
}

/**
 * One paper in the library. Rows are recycled as the list scrolls, so everything a row shows is
 * set by `fillRow`; listeners live on the list, which finds the paper by `data-key`.
 */
export function createRow(doc: Document, paper: Paper, selected: boolean): HTMLElement {
  const titleId = `row-title-${++rows}`
  const toggles = TOGGLE_IDS.map((mark) => toggleButton(doc, mark, titleId, { 'data-action': mark }))
  const row = h(
    doc,
    'div',
    { class: 'library-row', role: 'listitem', tabindex: '-1' },
    h(doc, 'input', { type: 'checkbox', class: 'row-check', 'data-action': 'select' }),
    h(
      doc,
      'div',
      { class: 'row-main' },
      h(doc, 'a', { id: titleId, class: 'row-title', dir: 'auto', target: '_blank', rel: 'noopener noreferrer', 'data-action': 'open' }),
      h(
        doc,
        'p',
        { class: 'row-meta' },
        h(doc, 'span', { class: 'row-authors', dir: 'auto' }),
        h(doc, 'time', { class: 'row-date' }),
        h(doc, 'span', { class: 'row-venue', dir: 'auto' }),
        h(doc, 'span', { class: 'row-updated' }),
        h(doc, 'span', { class: 'tag-chips row-tags' }),
      ),
    ),
    h(
      doc,
      'div',
      { class: 'row-actions' },
      ...toggles,
      h(doc, 'button', { type: 'button', class: 'button row-edit', 'data-action': 'edit', 'aria-describedby': titleId }, 'Edit'),
    ),
  )
  fillRow(row, paper, selected)
  return row
}

/** Makes a row show `paper`. */
export function fillRow(row: HTMLElement, paper: Paper, selected: boolean): HTMLElement {
  const q = <E extends Element>(selector: string) => row.querySelector<E>(selector)!
  setAttr(row, 'data-key', paper.key)
  const title = plainText(paper.title)
  const link = q<HTMLAnchorElement>('.row-title')
  setText(link, title)
  setAttr(link, 'title', title)
  setAttr(link, 'href', titleUrl(paper))
  const check = q<HTMLInputElement>('.row-check')
  check.checked = selected
  setAttr(check, 'aria-label', title)
  setText(q('.row-authors'), authorsLine(paper.authors.map(plainText)))
  const date = dateLine(paper)
  const time = q<HTMLTimeElement>('.row-date')
  setText(time, date?.text ?? '')
  setAttr(time, 'datetime', date?.datetime ?? null)
  setText(q('.row-venue'), venueLine(paper))
  const updated = updatedSinceRead(paper.marks, paper.version)
  setText(q('.row-updated'), updated ? `v${paper.version}` : '')
  fillChips(q('.row-tags'), presentTags(paper.marks.tags.value))
  const values = valuesOf(paper.marks)
  for (const mark of TOGGLE_IDS) {
    const button = q<HTMLButtonElement>(`[data-action="${mark}"]`)
    setAttr(button, 'aria-pressed', String(values[mark]))
    setText(button.firstElementChild!, values[mark] ? MARKS[mark].icon.on : MARKS[mark].icon.off)
  }
  setAttr(row, 'data-paper-shelf', stateTokens(values))
  row.classList.toggle('is-selected', selected)
  return row
}

function fillChips(holder: Element, tags: readonly string[]): void {
  const doc = holder.ownerDocument
  const shown = tags.slice(0, CHIPS_SHOWN)
  const chips = shown.map((tag) => h(doc, 'span', { class: 'tag-chip', dir: 'auto' }, tag))
  if (tags.length > shown.length) chips.push(h(doc, 'span', { class: 'tag-chip tag-more' }, `+${tags.length - shown.length}`))
  const same = holder.childElementCount === chips.length && chips.every((chip, i) => holder.children[i]!.textContent === chip.textContent)
  if (!same) holder.replaceChildren(...chips)
}
