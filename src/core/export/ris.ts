import type { Paper } from '../paper'
import { authorNames, invertedName } from './names'
import { arxivIdOf, citedDoi, type PaperDate, paperDate, paperUrl, readerNote, readerTags } from './paper-fields'
import { plainText, singleLine } from './text'

/**
 * RIS. RIS has no preprint type: `TY  - GEN` (generic) is what Zotero writes for preprints, and every
 * reader accepts it. Lines are `TAG  - value` with CRLF endings (the spec's, and Zotero's); `TY` first,
 * `ER  - ` last, one `AU` per author as `Last, First[, Suffix]`, no empty tags, every value on one line.
 */

const CRLF = '\r\n'

/** `YYYY/MM/DD`, or `YYYY/MM` when only the month is known (from the arXiv id). */
function risDate(date: PaperDate): string | undefined {
  if (!date.month) return undefined
  const parts = [String(date.year), String(date.month).padStart(2, '0')]
  if (date.day) parts.push(String(date.day).padStart(2, '0'))
  return parts.join('/')
}

export function risRecord(paper: Paper): string {
  const lines: string[] = []
  // Every value is on one line: text through plainText, identifiers and links through singleLine.
  const tag = (name: string, value: string | undefined): void => {
    if (value) lines.push(`${name}  - ${value}`)
  }
  tag('TY', 'GEN')
  tag('TI', plainText(paper.title))
  for (const name of authorNames(paper.authors)) tag('AU', invertedName(name))
  const date = paperDate(paper)
  if (date) {
    tag('PY', String(date.year))
    tag('DA', risDate(date))
  }
  const arxivId = arxivIdOf(paper)
  const category = plainText(paper.primaryCategory)
  if (arxivId !== undefined) tag('PB', 'arXiv')
  tag('DO', singleLine(citedDoi(paper)))
  tag('UR', singleLine(paperUrl(paper)))
  tag('KW', category)
  if (arxivId !== undefined) tag('N1', category ? `arXiv:${arxivId} [${category}]` : `arXiv:${arxivId}`)
  tag('N1', plainText(paper.journalRef))
  tag('AB', plainText(paper.abstract))
  for (const name of readerTags(paper)) tag('KW', plainText(name))
  tag('N1', plainText(readerNote(paper)))
  lines.push('ER  - ')
  return lines.join(CRLF) + CRLF
}

/** An `.ris` file: one record per paper, records separated by a blank line. */
export function toRis(papers: readonly Paper[]): string {
  return papers.map(risRecord).join(CRLF)
}
