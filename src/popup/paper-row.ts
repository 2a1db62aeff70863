import type { Flag, Paper, SiteId } from '../core/paper'
import { h, setAttr, setText } from './dom'
import { SEEN_ON, authorsLine, dateLine, pdfUrl, seenOnUrl, titleUrl } from './format'

/** Which control of a row had focus, so it can be focused again after a re-render. */
export type RowControl = 'title' | 'pdf' | SiteId | Flag

const TOGGLE_LABEL: Record<Flag, string> = { starred: 'Star', read: 'Read' }
const TOGGLE_ICON: Record<Flag, { on: string; off: string }> = {
  starred: { on: '★', off: '☆' },
  read: { on: '✓', off: '○' },
}

/** One paper in the list. The row keeps references to its parts and updates them in place. */
export class PaperRow {
  readonly element: HTMLLIElement
  private readonly title: HTMLAnchorElement
  private readonly authors: HTMLParagraphElement
  private readonly time: HTMLTimeElement
  private readonly pdf: HTMLAnchorElement
  private readonly seenOn: ReadonlyMap<SiteId, HTMLAnchorElement>
  private readonly toggles: Record<Flag, { button: HTMLButtonElement; icon: HTMLSpanElement }>

  constructor(
    doc: Document,
    readonly key: string,
    titleId: string,
  ) {
    const external = { target: '_blank', rel: 'noopener noreferrer' }
    this.title = h(doc, 'a', { id: titleId, class: 'paper-title', dir: 'auto', 'data-control': 'title', ...external })
    this.authors = h(doc, 'p', { class: 'paper-authors', dir: 'auto' })
    this.time = h(doc, 'time', { class: 'paper-date' })
    this.pdf = h(doc, 'a', { class: 'paper-link', 'data-control': 'pdf', 'aria-describedby': titleId, ...external }, 'PDF')
    this.seenOn = new Map(
      SEEN_ON.map(({ site, label }) => [
        site,
        h(doc, 'a', { class: 'paper-link', 'data-control': site, 'aria-describedby': titleId, ...external }, label),
      ]),
    )
    const meta = h(doc, 'p', { class: 'paper-meta' }, this.time, this.pdf, ...this.seenOn.values())
    const toggle = (flag: Flag) => {
      const icon = h(doc, 'span', { class: 'toggle-icon', 'aria-hidden': 'true' })
      const button = h(
        doc,
        'button',
        {
          type: 'button',
          class: `toggle toggle-${flag}`,
          'data-control': flag,
          // The visible word is the name too; the explicit label keeps it exact whatever the icon is.
          'aria-label': TOGGLE_LABEL[flag],
          'aria-pressed': 'false',
          'aria-describedby': titleId,
        },
        icon,
        h(doc, 'span', { class: 'toggle-label' }, TOGGLE_LABEL[flag]),
      )
      return { button, icon }
    }
    this.toggles = { starred: toggle('starred'), read: toggle('read') }
    this.element = h(
      doc,
      'li',
      { class: 'paper', 'data-key': key },
      h(doc, 'div', { class: 'paper-main' }, this.title, this.authors, meta),
      h(doc, 'div', { class: 'paper-actions' }, this.toggles.starred.button, this.toggles.read.button),
    )
  }

  /** Brings the row up to date with the paper. Only what changed is touched. */
  update(paper: Paper): void {
    setText(this.title, paper.title)
    setAttr(this.title, 'href', titleUrl(paper))

    const authors = authorsLine(paper.authors)
    setText(this.authors, authors)
    this.authors.hidden = authors === ''

    const date = dateLine(paper)
    setText(this.time, date?.text ?? '')
    setAttr(this.time, 'datetime', date?.datetime ?? null)
    this.time.hidden = date === null

    const pdf = pdfUrl(paper)
    setAttr(this.pdf, 'href', pdf)
    this.pdf.hidden = pdf === null
    for (const [site, link] of this.seenOn) {
      const url = seenOnUrl(paper, site)
      setAttr(link, 'href', url)
      link.hidden = url === null
    }

    const state: string[] = []
    for (const flag of ['starred', 'read'] as const) {
      const on = paper[flag] === 1
      if (on) state.push(flag)
      const { button, icon } = this.toggles[flag]
      setAttr(button, 'aria-pressed', String(on))
      setText(icon, on ? TOGGLE_ICON[flag].on : TOGGLE_ICON[flag].off)
    }
    setAttr(this.element, 'data-paper-shelf', state.join(' '))
  }

  /** The row's control of that kind, when it is shown. */
  control(kind: RowControl): HTMLElement | null {
    const element =
      kind === 'title' ? this.title
      : kind === 'pdf' ? this.pdf
      : kind === 'starred' || kind === 'read' ? this.toggles[kind].button
      : this.seenOn.get(kind)!
    return element.hidden ? null : element
  }
}
