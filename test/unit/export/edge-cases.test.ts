import { Cite } from '@citation-js/core'
import '@citation-js/plugin-ris'
import { parse as parseBibtex } from '@retorquere/bibtex-parser'
import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toBibtex } from '../../../src/core/export/bibtex'
import { toCslJson } from '../../../src/core/export/csl-json'
import { toCsv } from '../../../src/core/export/csv'
import { escapeMarkdown, toMarkdown } from '../../../src/core/export/markdown'
import { paperDate, paperUrl } from '../../../src/core/export/paper-fields'
import { toRis } from '../../../src/core/export/ris'
import type { Paper } from '../../../src/core/paper'
import { marks, storedPaper } from '../paper-fixtures'

/** A paper known only by a site key and a title: no id, DOI, authors, date or links. */
const bare: Paper = {
  key: 'scholar:some-paper',
  title: 'A bare paper',
  authors: [],
  links: {},
  addedAt: 0,
  metadataChangedAt: 0,
  marks: marks({ starred: { value: true, at: 0 }, read: { value: false, at: 0 } }),
}

describe('missing metadata', () => {
  it('still gives valid BibTeX', () => {
    const bib = toBibtex([bare])
    expect(bib).toBe('@misc{bare,\n  title         = {A bare paper}\n}\n')
    const library = parseBibtex(bib)
    expect(library.errors).toEqual([])
    expect(library.entries).toHaveLength(1)
  })

  it('still gives valid RIS with no empty tags', async () => {
    const ris = toRis([bare])
    expect(ris).toBe('TY  - GEN\r\nTI  - A bare paper\r\nER  - \r\n')
    const cite = await Cite.async(ris, { forceType: '@ris/file' })
    expect(cite.data[0]).toMatchObject({ title: 'A bare paper' })
  })

  it('still gives valid CSL-JSON, CSV and Markdown', () => {
    expect(JSON.parse(toCslJson([bare]))).toEqual([{ id: 'bare', type: 'article', title: 'A bare paper' }])
    const rows = parseCsv(toCsv([bare]), { bom: true }) as string[][]
    expect(rows[1]).toEqual(['A bare paper', '', '', '', '', '', '', '', '', '1', '0', '', '', '1970-01-01T00:00:00Z'])
    expect(toMarkdown([bare])).toBe('# Paper Shelf reading list\n\n- A bare paper\n')
  })

  it('exports an empty list as an empty but valid file', () => {
    expect(toBibtex([])).toBe('')
    expect(toRis([])).toBe('')
    expect(JSON.parse(toCslJson([]))).toEqual([])
    expect(parseCsv(toCsv([]), { bom: true })).toHaveLength(1)
    expect(toMarkdown([])).toBe('# Paper Shelf reading list\n\n')
  })

  it('links a paper without arXiv id or DOI to where it was seen', () => {
    expect(paperUrl({ ...bare, links: { huggingface: 'https://huggingface.co/papers/x' } })).toBe('https://huggingface.co/papers/x')
  })
})

describe('dates', () => {
  it('uses the published date first', () => {
    expect(paperDate(storedPaper('2402.01234', { published: '2023-12-31' }))).toEqual({ year: 2023, month: 12, day: 31 })
  })

  it('falls back to the year and month in a new-style id', () => {
    expect(paperDate(storedPaper('2402.01234'))).toEqual({ year: 2024, month: 2 })
    expect(paperDate(storedPaper('0704.0001'))).toEqual({ year: 2007, month: 4 })
    expect(paperDate(storedPaper('9912.12345'))).toEqual({ year: 2099, month: 12 })
  })

  it('falls back to the year and month in an old-style id', () => {
    expect(paperDate(storedPaper('hep-th/9901001'))).toEqual({ year: 1999, month: 1 })
    expect(paperDate(storedPaper('math/0601001'))).toEqual({ year: 2006, month: 1 })
  })

  it('has no date for a paper without either', () => {
    expect(paperDate(bare)).toBeUndefined()
    expect(paperDate({ ...bare, key: 'doi:10.1000/x', doi: '10.1000/x' })).toBeUndefined()
  })
})

describe('Markdown', () => {
  it('escapes everything that could break a link or inject markup', () => {
    expect(escapeMarkdown('[x](javascript:alert(1)) <img src=x> *a* _b_ `c` ~~d~~ \\ &amp; | #')).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*a\\* \\_b\\_ \\`c\\` \\~\\~d\\~\\~ \\\\ \\&amp; \\| \\#',
    )
  })

  it('keeps a title without a link from opening a nested list', () => {
    expect(toMarkdown([{ ...bare, title: '1. Introduction' }])).toContain('\n- 1\\. Introduction\n')
    expect(toMarkdown([{ ...bare, title: '- dash' }])).toContain('\n- \\- dash\n')
  })

  it('shortens long author lists', () => {
    const paper = storedPaper('2402.01234', { title: 'T', authors: ['A A', 'B B', 'C C', 'D D', 'E E', 'F F'] })
    expect(toMarkdown([paper])).toContain('— A A, B B, C C, et al. (2024)')
  })

  it('keeps a DOI link with parentheses intact', () => {
    const paper = { ...bare, key: 'doi:10.1016/0370-2693(85)90082-2', doi: '10.1016/0370-2693(85)90082-2' }
    expect(toMarkdown([paper])).toContain('(https://doi.org/10.1016/0370-2693%2885%2990082-2)')
  })
})

describe('accents on letters with no precomposed form', () => {
  it('writes the accent over its letter, so the names around it stay apart', () => {
    // `\'b` decodes to b + U+0301, which Unicode has no single character for.
    const paper = storedPaper('2401.00001', { title: "On b\u0301 and \\'b", authors: ["\\'b", 'Ada Lovelace'] }, { starred: true })
    const bib = toBibtex([paper])
    expect(bib).toContain("author        = {{\\'b} and Lovelace, Ada}")
    const library = parseBibtex(bib)
    expect(library.errors).toEqual([])
    expect(library.entries[0]!.fields.author).toHaveLength(2)
    expect(library.entries[0]!.fields.title).toBe('On b\u0301 and b\u0301')
  })
})
