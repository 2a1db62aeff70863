import { describe, expect, it } from 'vitest'
import { parseBackup } from '../../../src/core/backup/backup'
import { EXPORT_FORMATS, exportFileName } from '../../../src/core/export/formats'
import { renderExport } from '../../../src/core/export/renderers'
import { isSiteId, isSiteLink } from '../../../src/sites/registry'
import { EXPORT_PAPERS } from '../../fixtures/export/papers'

describe('export format registry', () => {
  it('offers the six formats, and biblatex beside BibTeX, with the popup’s labels and extensions', () => {
    expect(EXPORT_FORMATS.map(({ id, label, extension }) => [id, label, extension])).toEqual([
      ['bibtex', 'BibTeX', 'bib'],
      ['biblatex', 'biblatex (UTF-8)', 'bib'],
      ['ris', 'RIS', 'ris'],
      ['csl-json', 'CSL-JSON', 'json'],
      ['csv', 'CSV', 'csv'],
      ['markdown', 'Markdown', 'md'],
      ['json-backup', 'JSON backup', 'json'],
    ])
    expect(new Set(EXPORT_FORMATS.map((format) => format.fileSuffix)).size).toBe(EXPORT_FORMATS.length)
    for (const format of EXPORT_FORMATS) {
      expect(format.fileSuffix.endsWith(format.extension)).toBe(true)
      expect(format.mimeType).toMatch(/^[a-z]+\/[a-z0-9.+-]+/)
    }
  })

  it('renders every format from the same papers, and the backup reads back', () => {
    const now = new Date(Date.UTC(2026, 10, 22, 8))
    for (const format of EXPORT_FORMATS) expect(renderExport(format.id, EXPORT_PAPERS, now).length).toBeGreaterThan(0)
    const backup = renderExport('json-backup', EXPORT_PAPERS, now)
    expect(JSON.parse(backup)).toMatchObject({ format: 'paper-shelf-backup', version: 6, exportedAt: '2026-11-22T08:00:00.000Z' })
    expect(parseBackup(backup, isSiteLink, isSiteId)).toEqual({ ok: true, value: { papers: EXPORT_PAPERS, settings: {} } })
  })
})

describe('export file names', () => {
  it('names the view and the local date', () => {
    const lateEvening = new Date(2026, 10, 22, 23, 59)
    expect(exportFileName('starred', 'bibtex', lateEvening)).toBe('paper-shelf-starred-2026-11-22.bib')
    expect(exportFileName('unread', 'ris', lateEvening)).toBe('paper-shelf-unread-2026-11-22.ris')
    expect(exportFileName('all', 'markdown', new Date(2027, 0, 5))).toBe('paper-shelf-all-2027-01-05.md')
  })

  it('gives the two JSON formats different names', () => {
    const date = new Date(2026, 10, 22)
    expect(exportFileName('starred', 'csl-json', date)).toBe('paper-shelf-starred-2026-11-22.csl.json')
    expect(exportFileName('starred', 'json-backup', date)).toBe('paper-shelf-starred-2026-11-22.backup.json')
  })
})
