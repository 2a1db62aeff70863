import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toJsonBackup } from '../../../src/core/backup/backup'
import { readForeignFile } from '../../../src/core/import/read-foreign'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8')

async function formatOf(fileName: string, text: string) {
  const read = await readForeignFile(fileName, text)
  return read.ok ? read.value.format : read.error
}

const UNKNOWN = 'This file is not BibTeX, RIS, CSL-JSON or a PaperMemory export.'

describe('readForeignFile: telling the format from the content', () => {
  it.each([
    ['zotero.bib', 'bibtex'],
    ['better-bibtex-jstor.bib', 'bibtex'],
    ['dblp.bib', 'bibtex'],
    ['scopus.ris', 'ris'],
    ['reference-manager.ris', 'ris'],
    ['better-csl-json-markup.csl-json', 'csl-json'],
    ['papermemory-3-papers.papermemory-json', 'papermemory'],
    ['papermemory-2021.papermemory-json', 'papermemory'],
  ])('%s is %s', async (name, format) => {
    expect(await formatOf(name, fixture(name))).toBe(format)
  })

  it('the content decides, whatever the extension says', async () => {
    expect(await formatOf('export.txt', fixture('arxiv.bib'))).toBe('bibtex')
    expect(await formatOf('library.bib', fixture('tandfonline.ris'))).toBe('ris')
    expect(await formatOf('papers.ris', fixture('better-csl-json-dois.csl-json'))).toBe('csl-json')
    expect(await formatOf('PaperMemory-data-29.08.2022-10.35.02.bib', fixture('papermemory-2021.papermemory-json'))).toBe('papermemory')
  })

  it('the extension settles a file that could be both BibTeX and RIS', async () => {
    const both = 'TY  - JOUR\nTI  - Notes\nAB  - text with\n@misc{k, title={T}}\nER  - \n'
    expect(await formatOf('both.ris', both)).toBe('ris')
    expect(await formatOf('both.bib', both)).toBe('bibtex')
    expect(await formatOf('both.txt', both)).toBe('ris')
  })

  it('a byte-order mark is dropped', async () => {
    const read = await readForeignFile('library.bib', `\uFEFF${fixture('openreview.bib')}`)
    expect(read.ok && read.value.papers[0]!.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models')
  })

  it('a BibTeX file opening with a brace in its preamble text is still BibTeX', async () => {
    expect(await formatOf('refs.bib', '{Exported references}\n@article{k, title={T}}\n')).toBe('bibtex')
  })
})

describe('readForeignFile: files it cannot read', () => {
  it('a Paper Shelf backup points to "Import backup"', async () => {
    const backup = toJsonBackup([], new Date('2026-01-01T00:00:00Z'))
    expect(await readForeignFile('paper-shelf-backup.json', backup)).toEqual({
      ok: false,
      error: 'This is a Paper Shelf backup: use "Import backup" to restore it.',
    })
  })

  it.each([
    ['notes.txt', 'Just some notes about papers.'],
    ['data.json', '{"items": [{"title": "T"}]}'],
    ['data.json', '42'],
    ['data.json', '"a string"'],
    ['data.json', 'null'],
  ])('an unknown format (%s: %s)', async (name, text) => {
    expect(await readForeignFile(name, text)).toEqual({ ok: false, error: UNKNOWN })
  })

  it('empty, truncated and oversized files', async () => {
    expect(await readForeignFile('empty.bib', '')).toEqual({ ok: false, error: 'This file is empty.' })
    expect(await readForeignFile('blank.ris', ' \n\t\uFEFF')).toEqual({ ok: false, error: 'This file is empty.' })
    expect(await readForeignFile('cut.json', '[{"title": "Attention')).toEqual({
      ok: false,
      error: 'This file is not valid JSON: it may be truncated or damaged.',
    })
    expect(await readForeignFile('huge.bib', `@misc{k, title={${'x'.repeat(50_000_001)}}}`)).toEqual({
      ok: false,
      error: 'This file is too large to import (over 50 MB).',
    })
  })

  it('files with no papers', async () => {
    const none = { ok: false, error: 'No papers found in this file.' }
    expect(await readForeignFile('empty.json', '[]')).toEqual(none)
    expect(await readForeignFile('PaperMemory-data.json', '{"__dataVersion": 508}')).toEqual(none)
    expect(await readForeignFile('strings.bib', '@string{x = "y"}\n@comment{nothing}\n@preamble{"p"}\n')).toEqual(none)
  })

  it('malformed BibTeX and RIS', async () => {
    const bibtex = await readForeignFile('broken.bib', '@article{a, title={One}}\n\n@article{b,\n  title = {Two\n')
    expect(bibtex).toEqual({ ok: false, error: expect.stringMatching(/^This file is not valid BibTeX: line \d+: .+/) })
    const ris = await readForeignFile('broken.ris', 'AU  - Doe, John\nTY  - JOUR\nTI  - T\nER  - \n')
    expect(ris).toEqual({ ok: false, error: 'This file is not valid RIS: line 1: a record must start with a TY line giving its type.' })
  })

  it('entries without a title or an identifier are reported, not counted as papers', async () => {
    const read = await readForeignFile('refs.json', '[{"type": "article"}, {"title": "Kept"}]')
    expect(read).toEqual({
      ok: true,
      value: {
        format: 'csl-json',
        papers: [{ index: 2, title: 'Kept', authors: [], otherKeys: [], tags: [] }],
        skipped: [{ index: 1, reason: 'it has no title and no identifier' }],
      },
    })
  })
})
