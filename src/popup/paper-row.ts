import { isToggleId, MARKS, stateTokens, TOGGLE_IDS, updatedSinceRead, valuesOf, type ToggleId } from '../core/marks'
import { plainText } from '../core/export/text'
import type { Paper } from '../core/paper'
import { presentTags } from '../core/tag-set'
import { SITES, type SiteId } from '../sites/registry'
import { CitationKeyField, type SaveCitationKey } from './citation-key-field'
import { toggleButton } from './toggle-button'
import { h, setAttr, setText } from './dom'
import { authorsLine, dateLine, pdfUrl, seenOnUrl, titleUrl } from './format'

/** Which control of a row had focus, so it can be focused again after a re-render. */
export type RowControl = 'title' | 'pdf' | 'citationKey' | 'edit' | SiteId | ToggleId

const EXTERNAL = { target: '_blank', rel: 'noopener noreferrer' }

/** One paper in the list. The row keeps references to its parts and updates them in place. */
export class PaperRow {
  readonly element: HTMLLIElement
  private readonly title: HTMLAnchorElement
  private readonly authors: HTMLParagraphElement
  private readonly time: HTMLTimeElement
  private readonly updated: HTMLSpanElement
  private readonly pdf: HTMLAnchorElement
  /** A link per site the paper was seen on, made the first time it is: most papers were seen on one or two. */
  private readonly seenOn = new Map<SiteId, HTMLAnchorElement>()
  private readonly titleId: string
  private readonly citationKey: CitationKeyField
  private readonly tags: HTMLParagraphElement
  private readonly edit: HTMLButtonElement
  private shownTitle: string | undefined
  private shownAuthors: readonly string[] | undefined
  private readonly toggles: ReadonlyMap<ToggleId, { button: HTMLButtonElement; icon: HTMLSpanElement }>

  constructor(
    doc: Document,
    readonly key: string,
    titleId: string,
    saveCitationKey: SaveCitationKey,
  ) {
    this.titleId = titleId
    this.title = h(doc, 'a', { id: titleId, class: 'paper-title', dir: 'auto', 'data-control': 'title', ...EXTERNAL })
    this.authors = h(doc, 'p', { class: 'paper-authors', dir: 'auto' })
    this.time = h(doc, 'time', { class: 'paper-date' })
    this.updated = h(doc, 'span', { class: 'paper-updated' })
    this.pdf = h(doc, 'a', { class: 'paper-link', 'data-control': 'pdf', 'aria-describedby': titleId, ...EXTERNAL }, 'PDF')
    this.citationKey = new CitationKeyField(doc, `${titleId}-key`, titleId, saveCitationKey)
    this.tags = h(doc, 'p', { class: 'tag-chips paper-tags' })
    this.edit = h(
      doc,
      'button',
      { type: 'button', class: 'paper-link paper-edit', 'data-control': 'edit', 'aria-describedby': titleId },
      'Edit',
    )
    const meta = h(doc, 'div', { class: 'paper-meta' }, this.time, this.updated, this.pdf, this.edit, this.citationKey.element)
    const toggle = (mark: ToggleId) => {
      const button = toggleButton(doc, mark, titleId, { 'data-control': mark })
      return { button, icon: button.firstElementChild as HTMLSpanElement }
    }
    this.toggles = new Map(TOGGLE_IDS.map((mark) => [mark, toggle(mark)]))
    this.element = h(
      doc,
      'li',
      { class: 'paper', 'data-key': key },
      h(doc, 'div', { class: 'paper-main' }, this.title, this.authors, meta, this.tags),
      h(doc, 'div', { class: 'paper-actions' }, ...[...this.toggles.values()].map(({ button }) => button)),
    )
  }

  /** Brings the row up to date with the paper. Only what changed is touched. True when it made a new control. */
  update(paper: Paper): boolean {
    const linksBefore = this.seenOn.size
    // Shown with TeX accents decoded and math kept (`Na\"ive` → `Naïve`); only a changed title or author list is decoded again.
    if (paper.title !== this.shownTitle) {
      this.shownTitle = paper.title
      setText(this.title, plainText(paper.title))
      setAttr(this.title, 'title', plainText(paper.title))
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
    for (const { id: site, label } of SITES) {
      const url = seenOnUrl(paper, site)
      const link = url === null ? this.seenOn.get(site) : this.seenOnLink(site, label)
      if (!link) continue
      setAttr(link, 'href', url)
      link.hidden = url === null
    }

    this.citationKey.update(paper.citationKey?.value)
    this.showTags(presentTags(paper.marks.tags.value))

    const values = valuesOf(paper.marks)
    for (const [mark, { button, icon }] of this.toggles) {
      const on = values[mark]
      setAttr(button, 'aria-pressed', String(on))
      setText(icon, on ? MARKS[mark].icon.on : MARKS[mark].icon.off)
    }
    setAttr(this.element, 'data-paper-shelf', stateTokens(values))
    return this.seenOn.size > linksBefore
  }

  /** The site's link, made and put in its place (the sites' order, before Edit) the first time. */
  private seenOnLink(site: SiteId, label: string): HTMLAnchorElement {
    let link = this.seenOn.get(site)
    if (link) return link
    link = h(
      this.edit.ownerDocument,
      'a',
      { class: 'paper-link', 'data-control': site, 'aria-describedby': this.titleId, ...EXTERNAL },
      label,
    )
    const next = SITES.slice(SITES.findIndex((other) => other.id === site) + 1)
      .map((other) => this.seenOn.get(other.id))
      .find((other) => other !== undefined)
    this.edit.parentElement!.insertBefore(link, next ?? this.edit)
    this.seenOn.set(site, link)
    return link
  }

  private showTags(tags: readonly string[]): void {
    const same = this.tags.childElementCount === tags.length && tags.every((tag, i) => this.tags.children[i]!.textContent === tag)
    if (!same) {
      const doc = this.tags.ownerDocument
      this.tags.replaceChildren(...tags.map((tag) => h(doc, 'span', { class: 'tag-chip', dir: 'auto' }, tag)))
    }
    this.tags.hidden = tags.length === 0
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
            : kind === 'edit'
              ? this.edit
              : isToggleId(kind)
                ? this.toggles.get(kind)?.button
                : this.seenOn.get(kind)
    if (!element) return null
    return element.hidden ? null : element
  }
}
