import { isToggleId, MARKS, stateTokens, TOGGLE_IDS, updatedSinceRead, valuesOf, type ToggleId } from '../core/marks'
import { plainText } from '../core/export/text'
import type { Paper } from '../core/paper'
import { SITES, type SiteId } from '../sites/registry'
import { CitationKeyField, type SaveCitationKey } from './citation-key-field'
import { h, setAttr, setText } from './dom'
import { authorsLine, dateLine, pdfUrl, seenOnUrl, titleUrl } from './format'

/** Which control of a row had focus, so it can be focused again after a re-render. */
export type RowControl = 'title' | 'pdf' | 'citationKey' | SiteId | ToggleId

/** One paper in the list. The row keeps references to its parts and updates them in place. */
export class PaperRow {
  readonly element: HTMLLIElement
  private readonly title: HTMLAnchorElement
  private readonly authors: HTMLParagraphElement
  private readonly time: HTMLTimeElement
  private readonly updated: HTMLSpanElement
  private readonly pdf: HTMLAnchorElement
  private readonly seenOn: ReadonlyMap<SiteId, HTMLAnchorElement>
  private readonly citationKey: CitationKeyField
  private shownTitle: string | undefined
  private shownAuthors: readonly string[] | undefined
  private readonly toggles: ReadonlyMap<ToggleId, { button: HTMLButtonElement; icon: HTMLSpanElement }>

  constructor(
    doc: Document,
    readonly key: string,
    titleId: string,
    saveCitationKey: SaveCitationKey,
  ) {
    const external = { target: '_blank', rel: 'noopener noreferrer' }
    this.title = h(doc, 'a', { id: titleId, class: 'paper-title', dir: 'auto', 'data-control': 'title', ...external })
    this.authors = h(doc, 'p', { class: 'paper-authors', dir: 'auto' })
    this.time = h(doc, 'time', { class: 'paper-date' })
    this.updated = h(doc, 'span', { class: 'paper-updated' })
    this.pdf = h(doc, 'a', { class: 'paper-link', 'data-control': 'pdf', 'aria-describedby': titleId, ...external }, 'PDF')
    this.seenOn = new Map(
      SITES.map(({ id: site, label }) => [
        site,
        h(doc, 'a', { class: 'paper-link', 'data-control': site, 'aria-describedby': titleId, ...external }, label),
      ]),
    )
    this.citationKey = new CitationKeyField(doc, `${titleId}-key`, titleId, saveCitationKey)
    const meta = h(
      doc,
      'div',
      { class: 'paper-meta' },
      this.time,
      this.updated,
      this.pdf,
      ...this.seenOn.values(),
      this.citationKey.element,
    )
    const toggle = (mark: ToggleId) => {
      const icon = h(doc, 'span', { class: 'toggle-icon', 'aria-hidden': 'true' })
      const button = h(
        doc,
        'button',
        {
          type: 'button',
          class: `toggle toggle-${mark}`,
          'data-control': mark,
          // The visible word is the name too; the explicit label keeps it exact whatever the icon is.
          'aria-label': MARKS[mark].label,
          'aria-pressed': 'false',
          'aria-describedby': titleId,
        },
        icon,
        h(doc, 'span', { class: 'toggle-label' }, MARKS[mark].label),
      )
      return { button, icon }
    }
    this.toggles = new Map(TOGGLE_IDS.map((mark) => [mark, toggle(mark)]))
    this.element = h(
      doc,
      'li',
      { class: 'paper', 'data-key': key },
      h(doc, 'div', { class: 'paper-main' }, this.title, this.authors, meta),
      h(doc, 'div', { class: 'paper-actions' }, ...[...this.toggles.values()].map(({ button }) => button)),
    )
  }

  /** Brings the row up to date with the paper. Only what changed is touched. */
  update(paper: Paper): void {
    // Shown with TeX accents decoded and math kept (`Na\"ive` → `Naïve`); only a changed title or author list is decoded again.
    if (paper.title !== this.shownTitle) {
      this.shownTitle = paper.title
      setText(this.title, plainText(paper.title))
    }
    setAttr(this.title, 'href', titleUrl(paper))

    if (paper.authors !== this.shownAuthors) {
      this.shownAuthors = paper.authors
      const authors = authorsLine(paper.authors.map(plainText))
      setText(this.authors, authors)
      this.authors.hidden = authors === ''
    }

    const date = dateLine(paper)
    setText(this.time, date?.text ?? '')
    setAttr(this.time, 'datetime', date?.datetime ?? null)
    this.time.hidden = date === null

    const updated = updatedSinceRead(paper.marks, paper.version)
    setText(this.updated, updated ? `v${paper.version}` : '')
    setAttr(this.updated, 'title', updated ? `A newer version than the one you read (v${paper.marks.read.version})` : null)
    this.updated.hidden = !updated

    const pdf = pdfUrl(paper)
    setAttr(this.pdf, 'href', pdf)
    this.pdf.hidden = pdf === null
    for (const [site, link] of this.seenOn) {
      const url = seenOnUrl(paper, site)
      setAttr(link, 'href', url)
      link.hidden = url === null
    }

    this.citationKey.update(paper.citationKey?.value)

    const values = valuesOf(paper.marks)
    for (const [mark, { button, icon }] of this.toggles) {
      const on = values[mark]
      setAttr(button, 'aria-pressed', String(on))
      setText(icon, on ? MARKS[mark].icon.on : MARKS[mark].icon.off)
    }
    setAttr(this.element, 'data-paper-shelf', stateTokens(values))
  }

  /** The row's control of that kind, when it is shown. */
  control(kind: RowControl): HTMLElement | null {
    const element =
      kind === 'title'
        ? this.title
        : kind === 'pdf'
          ? this.pdf
          : kind === 'citationKey'
            ? this.citationKey.editButton
            : isToggleId(kind)
              ? this.toggles.get(kind)?.button
              : this.seenOn.get(kind)
    if (!element) return null
    return element.hidden ? null : element
  }
}
