import { isToggleId, MARK_IDS, markText } from '../marks'
import type { Paper } from '../paper'
import { arxivIdOf, citedDoi, paperDate, paperUrl } from './paper-fields'
import { plainText } from './text'

/**
 * CSV for spreadsheets: RFC 4180 quoting and CRLF line endings, a UTF-8 byte order mark so Excel
 * reads non-ASCII text as UTF-8, and formula injection neutralised in text cells.
 */

const BOM = '\uFEFF'
const CRLF = '\r\n'

/** A cell: text the user did not write us (titles, names) is `text`; numbers and dates we format are not. */
export interface CsvCell {
  value: string
  text: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/

/**
 * Text starting with `=`, `+`, `-`, `@`, TAB or CR is a formula to Excel, LibreOffice and Sheets
 * (OWASP "CSV injection"): it gets a leading `'`. Only text columns, so dates and numbers stay intact.
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** RFC 4180: quote a field containing `,`, `"`, CR or LF, doubling the inner quotes. */
export function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A CSV document from a header and rows of cells: BOM, quoted fields, CRLF after every row. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map(quoteCsvField).join(',')]
  for (const row of rows) {
    lines.push(row.map((cell) => quoteCsvField(cell.text ? neutraliseFormula(cell.value) : cell.value)).join(','))
  }
  return BOM + lines.join(CRLF) + CRLF
}

export const CSV_COLUMNS = [
  'title',
  'authors',
  'year',
  'published',
  'arxiv_id',
  'doi',
  'url',
  'primary_category',
  'journal_ref',
  ...MARK_IDS,
  'added',
] as const

const text = (value: string | undefined): CsvCell => ({ value: value ?? '', text: true })
const data = (value: string | undefined): CsvCell => ({ value: value ?? '', text: false })

/** `2026-11-22T09:30:00Z`: ISO 8601 in UTC, to the second, which spreadsheets recognise as a date-time. */
function isoSeconds(ms: number): string {
  if (!Number.isFinite(ms)) return ''
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? '' : `${date.toISOString().slice(0, 19)}Z`
}

/**
 * `arXiv:2502.00010`: spreadsheets read a bare new-style id as a number and drop its trailing zeros,
 * which names another paper; with arXiv's own prefix the cell stays text.
 */
function arxivCell(paper: Paper): string | undefined {
  const id = arxivIdOf(paper)
  return id === undefined ? undefined : `arXiv:${id}`
}

/** One row per paper, in `CSV_COLUMNS` order, before quoting and neutralising. */
export function csvRow(paper: Paper): CsvCell[] {
  const published = paper.published && /^\d{4}-\d{2}-\d{2}$/.test(paper.published) ? paper.published : undefined
  return [
    text(plainText(paper.title)),
    text(paper.authors.map(plainText).filter(Boolean).join('; ')),
    data(paperDate(paper)?.year.toString()),
    data(published),
    text(arxivCell(paper)),
    text(citedDoi(paper)),
    text(paperUrl(paper)),
    text(plainText(paper.primaryCategory)),
    text(plainText(paper.journalRef)),
    // Toggles are 0/1 data; tags and notes are the reader's own text, neutralised like any text.
    ...MARK_IDS.map((id) => (isToggleId(id) ? data : text)(markText(id, paper.marks[id].value))),
    data(isoSeconds(paper.addedAt)),
  ]
}

export function toCsv(papers: readonly Paper[]): string {
  return csvDocument(CSV_COLUMNS, papers.map(csvRow))
}
