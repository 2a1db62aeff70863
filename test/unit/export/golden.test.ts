import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { toBibtex } from '../../../src/core/export/bibtex'
import { toCslJson } from '../../../src/core/export/csl-json'
import { toCsv } from '../../../src/core/export/csv'
import { toMarkdown } from '../../../src/core/export/markdown'
import { toRis } from '../../../src/core/export/ris'
import type { Paper } from '../../../src/core/paper'
import { EXPORT_PAPERS } from '../../fixtures/export/papers'

const FIXTURES = new URL('../../fixtures/export/', import.meta.url)

/**
 * Byte-for-byte comparisons with reviewed golden files. After an intended format change, run with
 * UPDATE_GOLDEN=1 to rewrite them, then review the diff by eye before committing.
 */
const GOLDEN = [
  ['expected.bib', (papers: readonly Paper[]) => toBibtex(papers, 'ascii')],
  ['expected.biblatex.bib', (papers: readonly Paper[]) => toBibtex(papers, 'utf-8')],
  ['expected.ris', toRis],
  ['expected.csl.json', toCslJson],
  ['expected.csv', toCsv],
  ['expected.md', toMarkdown],
] as const

describe('golden export files', () => {
  it.each(GOLDEN)('%s matches exactly', (file, render) => {
    const output = render(EXPORT_PAPERS)
    const url = new URL(file, FIXTURES)
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, output)
    expect(output).toBe(readFileSync(url, 'utf8'))
  })

  it('keeps the line endings each format needs', () => {
    const ris = readFileSync(new URL('expected.ris', FIXTURES), 'utf8')
    const csv = readFileSync(new URL('expected.csv', FIXTURES), 'utf8')
    const bib = readFileSync(new URL('expected.bib', FIXTURES), 'utf8')
    expect(ris.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(csv.startsWith('\uFEFFtitle,')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(bib).not.toContain('\r')
  })
})
