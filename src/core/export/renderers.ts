import { toJsonBackup } from '../backup/backup'
import type { Paper } from '../paper'
import { toBibtex } from './bibtex'
import { toCslJson } from './csl-json'
import { toCsv } from './csv'
import type { ExportFormatId } from './formats'
import { toMarkdown } from './markdown'
import { toRis } from './ris'

/** A file's text. `now` is only used by formats that record when they were made (the backup). */
type Render = (papers: readonly Paper[], now: Date) => string

const RENDERERS: Record<ExportFormatId, Render> = {
  bibtex: (papers) => toBibtex(papers, 'ascii'),
  biblatex: (papers) => toBibtex(papers, 'utf-8'),
  ris: (papers) => toRis(papers),
  'csl-json': (papers) => toCslJson(papers),
  csv: (papers) => toCsv(papers),
  markdown: (papers) => toMarkdown(papers),
  'json-backup': (papers, now) => toJsonBackup(papers, now),
}

/** The text of an export file in the given format. */
export function renderExport(format: ExportFormatId, papers: readonly Paper[], now: Date): string {
  return RENDERERS[format](papers, now)
}
