import { toJsonBackup } from '../backup/backup'
import type { Paper } from '../paper'
import type { StoredSettings } from '../settings'
import { toBibtex } from './bibtex'
import { toCslJson } from './csl-json'
import { toCsv } from './csv'
import type { ExportFormatId } from './formats'
import { toMarkdown } from './markdown'
import { toRis } from './ris'

/** A file's text. `now` and `settings` are only used by the backup, which records when it was made and restores the settings. */
type Render = (papers: readonly Paper[], now: Date, settings: StoredSettings) => string

const RENDERERS: Record<ExportFormatId, Render> = {
  bibtex: (papers) => toBibtex(papers, 'ascii'),
  biblatex: (papers) => toBibtex(papers, 'utf-8'),
  ris: (papers) => toRis(papers),
  'csl-json': (papers) => toCslJson(papers),
  csv: (papers) => toCsv(papers),
  markdown: (papers) => toMarkdown(papers),
  'json-backup': (papers, now, settings) => toJsonBackup(papers, now, settings),
}

/** The text of an export file in the given format. */
export function renderExport(format: ExportFormatId, papers: readonly Paper[], now: Date, settings: StoredSettings = {}): string {
  return RENDERERS[format](papers, now, settings)
}
