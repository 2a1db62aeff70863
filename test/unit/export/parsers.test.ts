import { Cite } from '@citation-js/core'
import '@citation-js/plugin-ris'
import { type Creator, parse as parseBibtex } from '@retorquere/bibtex-parser'
import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { toBibtex } from '../../../src/core/export/bibtex'
import { citationKeys } from '../../../src/core/export/citation-keys'
import { type CslItem, toCslJson } from '../../../src/core/export/csl-json'
import { CSV_COLUMNS, toCsv } from '../../../src/core/export/csv'
import { type AuthorName, authorNames, invertedName } from '../../../src/core/export/names'
import { arxivIdOf, citedDoi } from '../../../src/core/export/paper-fields'
import { toRis } from '../../../src/core/export/ris'
import { plainText } from '../../../src/core/export/text'
import { EXPORT_PAPERS } from '../../fixtures/export/papers'

const papers = EXPORT_PAPERS
const byKey = (key: string) => papers.findIndex((paper) => paper.key === key)

/** The parser's rich text as plain text: its case-protection spans removed, in NFC. */
const stripMarkup = (text: string | undefined) => text?.replace(/<\/?span[^>]*>/g, '').normalize('NFC')

function creatorOf(name: AuthorName): Creator {
  if (name.kind === 'literal') return { name: name.literal }
  const creator: Creator = { lastName: name.family }
  if (name.given) creator.firstName = name.given
  if (name.particle) creator.prefix = name.particle
  if (name.suffix) creator.suffix = name.suffix
  return creator
}

/**
 * What the ASCII export keeps of a text: everything but pictographs, which have no LaTeX form (the
 * test papers' other characters all have one).
 */
const keptInAscii = (text: string) =>
  text
    .replace(/\p{Extended_Pictographic}/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim()

describe.each([
  ['UTF-8', 'utf-8', (text: string) => text],
  ['ASCII', 'ascii', keptInAscii],
] as const)('BibTeX (%s) read back by @retorquere/bibtex-parser', (_name, encoding, kept) => {
  // No sentence-casing, so titles come back as written.
  const library = parseBibtex(toBibtex(papers, encoding), { english: false })
  const nfc = (creator: Creator): Creator =>
    Object.fromEntries(Object.entries(creator).map(([field, value]) => [field, typeof value === 'string' ? value.normalize('NFC') : value]))

  it('parses without a single error, one entry per paper, with the citation keys', () => {
    expect(library.errors).toEqual([])
    expect(library.entries.map((entry) => entry.key)).toEqual(citationKeys(papers))
    expect(library.entries.every((entry) => entry.type === 'misc')).toBe(true)
  })

  it('gives back every title', () => {
    library.entries.forEach((entry, index) => {
      const title = plainText(papers[index]!.title)
      // Titles with math or `--` come back typeset; they are checked one by one below.
      if (/[$]|--/.test(title)) return
      expect(stripMarkup(entry.fields.title)).toBe(kept(title))
    })
    const title = (key: string) => stripMarkup(library.entries[byKey(key)]!.fields.title)
    expect(title('arxiv:2402.01234')).toBe(
      'Fréchet means of Kac-Murdock-Szegö matrices in O(n): a naïve way to "tune" 99% of {snake_case} BNNs & LLaMA3 ~ 2^{10} #1 <b>',
    )
    expect(title('arxiv:hep-th/9901001')).toBe("Branes on AdS_5 x S^5 and α' corrections at N=4")
    expect(title('arxiv:2310.19608')).toBe('On Feynman–Kac training of partial Bayesian neural networks')
  })

  it('gives back every author, particles, suffixes and organisations included', () => {
    library.entries.forEach((entry, index) => {
      const expected = authorNames(papers[index]!.authors).map(creatorOf)
      expect((entry.fields.author ?? []).map(nfc)).toEqual(expected)
    })
    expect(library.entries[byKey('arxiv:2402.01234')]!.fields.author).toContainEqual({ lastName: 'And', firstName: 'Anders' })
  })

  it('gives back eprint and DOI unescaped', () => {
    library.entries.forEach((entry, index) => {
      const paper = papers[index]!
      expect(entry.fields.eprint).toBe(arxivIdOf(paper))
      expect(entry.fields.doi).toBe(citedDoi(paper))
      if (arxivIdOf(paper)) expect(entry.fields.archiveprefix).toBe('arXiv')
    })
  })
})

describe('RIS read back by citation-js', () => {
  it('gives back titles, authors and DOIs', async () => {
    const cite = await Cite.async(toRis(papers), { forceType: '@ris/file' })
    expect(cite.data).toHaveLength(papers.length)
    cite.data.forEach((item, index) => {
      const paper = papers[index]!
      expect(item.title).toBe(plainText(paper.title))
      expect(item.DOI).toBe(citedDoi(paper))
      const authors = (item.author ?? []) as { family?: string; given?: string; suffix?: string; literal?: string }[]
      const names = authors.map((author) => author.literal ?? [author.family, author.given, author.suffix].filter(Boolean).join(', '))
      expect(names).toEqual(authorNames(paper.authors).map(invertedName))
    })
  })
})

describe('CSV read back by csv-parse', () => {
  const rows = parseCsv(toCsv(papers), { bom: true }) as string[][]

  it('has a header and one row per paper, every row complete', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS])
    expect(rows).toHaveLength(papers.length + 1)
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true)
  })

  it('gives back titles, with the formula-like one neutralised', () => {
    const titles = rows.slice(1).map((row) => row[0])
    const formula = byKey('arxiv:2501.00001')
    titles.forEach((title, index) => {
      if (index !== formula) expect(title).toBe(plainText(papers[index]!.title))
    })
    expect(titles[formula]).toBe(`'${papers[formula]!.title}`)
    expect(rows[formula + 1]![1]).toBe("'@admin; -Minus Sign")
  })

  it('writes arXiv ids so a spreadsheet keeps them as text, not as numbers that drop trailing zeros', () => {
    const ids = rows.slice(1).map((row) => row[CSV_COLUMNS.indexOf('arxiv_id')])
    papers.forEach((paper, index) => {
      const id = arxivIdOf(paper)
      expect(ids[index]).toBe(id === undefined ? '' : `arXiv:${id}`)
    })
    expect(ids.filter(Boolean).every((id) => Number.isNaN(Number(id)))).toBe(true)
  })

  it('leaves numbers and dates alone', () => {
    const row = rows[byKey('arxiv:2303.14027') + 1]!
    expect(row.slice(2, 4)).toEqual(['2023', '2023-03-24'])
    // Starred, read, the tags and the note (text: its formula-like start neutralised), added.
    expect(row.slice(9)).toEqual([
      '1',
      '1',
      'hyperbolic; R&D 50%; to read',
      "'=SUM(A1) is not a formula here.\nSecond line: compare $x_1$ with {braces} & 100% of #3_b.",
      '2026-11-01T09:30:00Z',
    ])
  })
})

describe('CSL-JSON', () => {
  const items = JSON.parse(toCslJson(papers)) as CslItem[]

  it('is an array of article items keyed like the BibTeX file', () => {
    expect(items).toHaveLength(papers.length)
    expect(items.map((item) => item.id)).toEqual(citationKeys(papers))
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length)
    for (const item of items) {
      expect(item.type).toBe('article')
      expect(typeof item.title).toBe('string')
      for (const author of item.author ?? []) expect(author.family ?? author.literal).toBeTruthy()
      for (const part of item.issued?.['date-parts'][0] ?? []) expect(Number.isInteger(part)).toBe(true)
      if (item.DOI) expect(item.DOI).toMatch(/^10\.\d+\//)
    }
  })

  it('marks arXiv papers as arXiv preprints', () => {
    const item = items[byKey('arxiv:2303.14027')]!
    expect(item).toMatchObject({ publisher: 'arXiv', number: 'arXiv:2303.14027', DOI: '10.48550/arXiv.2303.14027' })
    expect(item.issued).toEqual({ 'date-parts': [[2023, 3, 24]] })
    expect(items[byKey('doi:10.1145/3442188.3445922')]!.publisher).toBeUndefined()
  })
})
