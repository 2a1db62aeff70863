import type { ShelfView } from '../reading-list'

/**
 * The export formats as the popup lists them. What each writes is in renderers.ts, which the popup
 * loads only when the reader exports: the LaTeX tables behind BibTeX are large.
 */

export type ExportFormatId = 'bibtex' | 'biblatex' | 'ris' | 'csl-json' | 'csv' | 'markdown' | 'json-backup'

export interface ExportFormat {
  id: ExportFormatId
  /** The button's accessible name. */
  label: 'BibTeX' | 'biblatex (UTF-8)' | 'RIS' | 'CSL-JSON' | 'CSV' | 'Markdown' | 'JSON backup'
  extension: 'bib' | 'ris' | 'json' | 'csv' | 'md'
  /**
   * What the file name ends with. Formats sharing an extension say which they are (`.biblatex.bib`,
   * `.csl.json`, `.backup.json`) so that exporting both on one day does not give two files the same name.
   */
  fileSuffix: string
  /** For the download's Blob. */
  mimeType: string
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'bibtex',
    label: 'BibTeX',
    extension: 'bib',
    fileSuffix: 'bib',
    mimeType: 'application/x-bibtex; charset=utf-8',
  },
  {
    id: 'biblatex',
    label: 'biblatex (UTF-8)',
    extension: 'bib',
    fileSuffix: 'biblatex.bib',
    mimeType: 'application/x-bibtex; charset=utf-8',
  },
  {
    id: 'ris',
    label: 'RIS',
    extension: 'ris',
    fileSuffix: 'ris',
    mimeType: 'application/x-research-info-systems; charset=utf-8',
  },
  {
    id: 'csl-json',
    label: 'CSL-JSON',
    extension: 'json',
    fileSuffix: 'csl.json',
    mimeType: 'application/vnd.citationstyles.csl+json',
  },
  {
    id: 'csv',
    label: 'CSV',
    extension: 'csv',
    fileSuffix: 'csv',
    mimeType: 'text/csv; charset=utf-8; header=present',
  },
  {
    id: 'markdown',
    label: 'Markdown',
    extension: 'md',
    fileSuffix: 'md',
    mimeType: 'text/markdown; charset=utf-8',
  },
  {
    id: 'json-backup',
    label: 'JSON backup',
    extension: 'json',
    fileSuffix: 'backup.json',
    mimeType: 'application/json',
  },
]

export function exportFormat(id: ExportFormatId): ExportFormat {
  const format = EXPORT_FORMATS.find((candidate) => candidate.id === id)
  if (!format) throw new Error(`unknown export format ${id}`)
  return format
}

/** `YYYY-MM-DD` in the user's time zone: the date they exported on, as their calendar shows it. */
function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** `paper-shelf-starred-2026-11-22.bib`: the view exported (or `selection`), the local date, the format's suffix. */
export function exportFileName(scope: ShelfView | 'selection', format: ExportFormatId, date: Date): string {
  const view =
    scope
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'papers'
  return `paper-shelf-${view}-${localDate(date)}.${exportFormat(format).fileSuffix}`
}
