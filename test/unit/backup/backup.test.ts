import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBackup, parseBackup, serializeBackup, toJsonBackup } from '../../../src/core/backup/backup'
import { LIMITS } from '../../../src/core/limits'
import type { Paper } from '../../../src/core/paper'
import { EXPORT_PAPERS } from '../../fixtures/export/papers'
import { randomPaper } from '../export/arbitraries'
import { storedPaper } from '../paper-fixtures'

const NOW = new Date(Date.UTC(2026, 10, 22, 12))

/** A backup file whose papers are edited by `edit`: for the field-by-field checks. */
function fileWith(edit: (papers: Record<string, unknown>[]) => void, papers: Paper[] = EXPORT_PAPERS): string {
  const backup = JSON.parse(toJsonBackup(papers, NOW)) as { papers: Record<string, unknown>[] }
  edit(backup.papers)
  return JSON.stringify(backup)
}

function errorOf(text: string): string {
  const result = parseBackup(text)
  if (result.ok) throw new Error('expected the backup to be refused')
  return result.error
}

describe('backup file', () => {
  it('is versioned JSON with every stored field', () => {
    const backup = createBackup(EXPORT_PAPERS, NOW)
    expect(backup).toMatchObject({ format: 'paper-shelf-backup', version: 1, exportedAt: '2026-11-22T12:00:00.000Z' })
    expect(backup.papers).toEqual(EXPORT_PAPERS)
    expect(JSON.parse(serializeBackup(backup))).toEqual(backup)
  })

  it('writes one paper per line', () => {
    const lines = toJsonBackup(EXPORT_PAPERS, NOW).trimEnd().split('\n')
    expect(lines).toHaveLength(EXPORT_PAPERS.length + 2)
    expect(JSON.parse(toJsonBackup([], NOW))).toMatchObject({ papers: [] })
  })

  it('leaves out fields a paper does not have and anything that is not a paper field', () => {
    const extra = { ...storedPaper('2106.09685'), abstract: undefined, somethingElse: 1 } as unknown as Paper
    const [written] = createBackup([extra], NOW).papers
    expect(Object.keys(written!)).not.toContain('abstract')
    expect(Object.keys(written!)).not.toContain('somethingElse')
  })

  it('round-trips: create → JSON → parse gives the same papers', () => {
    expect(parseBackup(toJsonBackup(EXPORT_PAPERS, NOW))).toEqual({ ok: true, value: EXPORT_PAPERS })
  })

  it('round-trips any valid papers', () => {
    const uniquePapers = fc.uniqueArray(randomPaper, { selector: (paper) => paper.key, maxLength: 10 })
    fc.assert(
      fc.property(uniquePapers, (papers) => {
        // Random text may be longer than the limits or empty; valid papers are what backups hold.
        const valid = papers
          .filter((paper) => paper.title.length > 0 && paper.title.length <= LIMITS.titleLength)
          .filter((paper) => paper.authors.every((author) => author.length > 0))
          .filter((paper) => paper.key.startsWith('arxiv:') || paper.key.startsWith('hf:'))
        expect(parseBackup(toJsonBackup(valid, NOW))).toEqual({ ok: true, value: createBackup(valid, NOW).papers })
      }),
    )
  })

  it('accepts a byte order mark', () => {
    expect(parseBackup(`\uFEFF${toJsonBackup(EXPORT_PAPERS, NOW)}`).ok).toBe(true)
  })
})

describe('refused backups', () => {
  it('explains files that are not JSON, empty or truncated', () => {
    const text = toJsonBackup(EXPORT_PAPERS, NOW)
    expect(errorOf(text.slice(0, text.length / 2))).toBe('This file is not valid JSON: it may be truncated or damaged.')
    expect(errorOf('TY  - GEN')).toBe('This file is not valid JSON: it may be truncated or damaged.')
    expect(errorOf('')).toBe('This file is empty.')
  })

  it('refuses anything that is not a Paper Shelf backup', () => {
    for (const text of ['[]', '{}', '"paper-shelf-backup"', '{"format":"zotero","version":1,"papers":[]}', 'null']) {
      expect(errorOf(text)).toBe('This is not a Paper Shelf backup.')
    }
  })

  it('asks for an update when the backup is from a newer version', () => {
    expect(errorOf('{"format":"paper-shelf-backup","version":2,"papers":[]}')).toBe(
      'This backup was made by a newer version of Paper Shelf; update the extension to import it.',
    )
    expect(errorOf('{"format":"paper-shelf-backup","version":"1","papers":[]}')).toBe('This backup has no valid version number.')
    expect(errorOf('{"format":"paper-shelf-backup","version":1}')).toBe('This backup has no list of papers.')
  })

  it('refuses files over the size limit before parsing them', () => {
    expect(errorOf(' '.repeat(LIMITS.backupLength + 1))).toMatch(/too large/)
  })

  it('names the first bad paper by position and key', () => {
    const cases: [(papers: Record<string, unknown>[]) => void, string][] = [
      [(p) => (p[2]!.title = ''), 'Paper 3 (arxiv:2310.19608): title must be 1–1000 characters.'],
      [(p) => (p[2]!.title = 'x'.repeat(1001)), 'Paper 3 (arxiv:2310.19608): title must be 1–1000 characters.'],
      [(p) => (p[0]!.authors = 'Ada'), 'Paper 1 (arxiv:2303.14027): authors must be a list of names.'],
      [(p) => (p[0]!.starred = true), 'Paper 1 (arxiv:2303.14027): starred must be 0 or 1.'],
      [(p) => (p[1]!.read = 2), 'Paper 2 (arxiv:1612.00005): read must be 0 or 1.'],
      [(p) => (p[1]!.addedAt = -1), 'Paper 2 (arxiv:1612.00005): addedAt must be a time in milliseconds.'],
      [(p) => (p[1]!.readChangedAt = '2026-01-01'), 'Paper 2 (arxiv:1612.00005): readChangedAt must be a time in milliseconds.'],
      [(p) => (p[1]!.metadataChangedAt = 1e300), 'Paper 2 (arxiv:1612.00005): metadataChangedAt must be a time in milliseconds.'],
      [(p) => (p[0]!.published = '2023-3-24'), 'Paper 1 (arxiv:2303.14027): published must be YYYY-MM-DD.'],
      [(p) => (p[0]!.version = 0), 'Paper 1 (arxiv:2303.14027): bad version.'],
      [(p) => (p[0]!.key = 'arxiv:2303.14027v2'), 'Paper 1 (arxiv:2303.14027v2): an arxiv: key must hold an arXiv id without version.'],
      [(p) => (p[0]!.key = 'arxiv:not-an-id'), 'Paper 1 (arxiv:not-an-id): an arxiv: key must hold an arXiv id without version.'],
      [(p) => (p[0]!.arxivId = '2303.99999'), 'Paper 1 (arxiv:2303.14027): arxivId does not match the key.'],
      [(p) => (p[8]!.key = 'doi:10.1145/ABC'), 'Paper 9 (doi:10.1145/ABC): a doi: key must hold a normalised DOI.'],
      [(p) => (p[0]!.key = 'no key'), 'Paper 1 (no key): a paper needs a valid key.'],
      [(p) => (p[0] = 'paper' as never), 'Paper 1: must be an object.'],
      [(p) => (p[0]!.links = []), 'Paper 1 (arxiv:2303.14027): links must be an object.'],
      [(p) => (p[0]!.links = { zotero: 'https://zotero.org/' }), 'Paper 1 (arxiv:2303.14027): unknown site "zotero" in links.'],
      [
        (p) => (p[0]!.links = { arxiv: 'http://arxiv.org/abs/2303.14027' }),
        'Paper 1 (arxiv:2303.14027): links.arxiv must be an https link to arxiv.org.',
      ],
      [
        (p) => (p[0]!.links = { huggingface: 'https://evil.example/papers/2303.14027' }),
        'Paper 1 (arxiv:2303.14027): links.huggingface must be an https link to huggingface.co.',
      ],
      [(p) => (p[0]!.links = { arxiv: 'not a url' }), 'Paper 1 (arxiv:2303.14027): links.arxiv must be a URL.'],
      [(p) => (p[0]!.extra = 1), 'Paper 1 (arxiv:2303.14027): unexpected field "extra".'],
    ]
    for (const [edit, error] of cases) expect(errorOf(fileWith(edit))).toBe(error)
  })

  it('refuses duplicate keys, naming both papers', () => {
    const text = fileWith((papers) => papers.push({ ...papers[1]! }))
    expect(errorOf(text)).toBe(`Paper ${EXPORT_PAPERS.length + 1} (arxiv:1612.00005): the same paper is already paper 2.`)
  })

  it('reports the first problem only', () => {
    const text = fileWith((papers) => {
      papers[4]!.starred = 5
      papers[6]!.title = ''
    })
    expect(errorOf(text)).toMatch(/^Paper 5 /)
  })
})
