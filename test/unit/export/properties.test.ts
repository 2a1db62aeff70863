import { Cite } from '@citation-js/core'
import '@citation-js/plugin-ris'
import { parse as parseBibtex } from '@retorquere/bibtex-parser'
import { parse as parseCsv } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBibtex } from '../../../src/core/export/bibtex'
import { citationKeyProblem, citationKeys } from '../../../src/core/export/citation-keys'
import { toCslJson } from '../../../src/core/export/csl-json'
import { type CsvCell, csvDocument, neutraliseFormula, toCsv } from '../../../src/core/export/csv'
import { authorNames } from '../../../src/core/export/names'
import { arxivIdOf, citedDoi } from '../../../src/core/export/paper-fields'
import { toRis } from '../../../src/core/export/ris'
import { plainText } from '../../../src/core/export/text'
import { presentTags } from '../../../src/core/tag-set'
import { hostileText, randomPaper } from './arbitraries'

const papers = fc.array(randomPaper, { maxLength: 8 })
// The third-party parsers are slow enough that a busy machine can pass vitest's 5 s default.
const PROPERTY_TIMEOUT = 60_000

describe('export properties', () => {
  it(
    'BibTeX of any papers parses without errors, entry for entry, with eprint, DOI and author count intact',
    () => {
      fc.assert(
        fc.property(papers, (list) => {
          // Unknown macros can only come from math kept as written; they are not syntax errors.
          const library = parseBibtex(toBibtex(list), { unsupported: 'ignore', english: false })
          expect(library.errors).toEqual([])
          expect(library.entries).toHaveLength(list.length)
          library.entries.forEach((entry, index) => {
            const paper = list[index]!
            expect(entry.fields.eprint).toBe(arxivIdOf(paper))
            expect(entry.fields.doi).toBe(citedDoi(paper))
            expect(entry.fields.author?.length ?? 0).toBe(authorNames(paper.authors).length)
          })
        }),
        { numRuns: 300 },
      )
    },
    PROPERTY_TIMEOUT,
  )

  it('citation keys are valid, unique ignoring case, and each paper’s stored key when no earlier paper holds it', () => {
    fc.assert(
      fc.property(fc.array(randomPaper, { maxLength: 30 }), (list) => {
        const keys = citationKeys(list)
        expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(list.length)
        for (const key of keys) expect(citationKeyProblem(key)).toBeNull()
        const holders = new Set<string>()
        list.forEach((paper, index) => {
          const own = paper.citationKey?.value
          if (own !== undefined && !holders.has(own.toLowerCase())) expect(keys[index]).toBe(own)
          holders.add(keys[index]!.toLowerCase())
        })
      }),
    )
  })

  it('CSV cells of any text read back as written (neutralised text cells get their quote)', () => {
    const cell = fc.record({ value: hostileText(15), text: fc.boolean() })
    const table = fc
      .integer({ min: 2, max: 5 })
      .chain((columns) =>
        fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 6 }).map((rows) => ({ columns, rows })),
      )
    fc.assert(
      fc.property(table, ({ columns, rows }) => {
        const header = Array.from({ length: columns }, (_, i) => `c${i}`)
        const parsed = parseCsv(csvDocument(header, rows), { bom: true }) as string[][]
        const expected = rows.map((row: CsvCell[]) => row.map((c) => (c.text ? neutraliseFormula(c.value) : c.value)))
        expect(parsed).toEqual([header, ...expected])
      }),
      { numRuns: 300 },
    )
  })

  it('CSV of any papers has one complete row per paper and the titles and authors as shown', () => {
    fc.assert(
      fc.property(papers, (list) => {
        const rows = parseCsv(toCsv(list), { bom: true }) as string[][]
        expect(rows).toHaveLength(list.length + 1)
        rows.slice(1).forEach((row, index) => {
          const paper = list[index]!
          expect(row).toHaveLength(rows[0]!.length)
          expect(row[0]).toBe(neutraliseFormula(plainText(paper.title)))
          expect(row[1]).toBe(neutraliseFormula(paper.authors.map(plainText).filter(Boolean).join('; ')))
          expect(row[rows[0]!.indexOf('starred')]).toBe(paper.marks.starred.value ? '1' : '0')
          expect(row[rows[0]!.indexOf('read')]).toBe(paper.marks.read.value ? '1' : '0')
          // The reader's own text is text too: neutralised like titles.
          expect(row[rows[0]!.indexOf('tags')]).toBe(neutraliseFormula(presentTags(paper.marks.tags.value).join('; ')))
          expect(row[rows[0]!.indexOf('note')]).toBe(neutraliseFormula(paper.marks.note.value))
        })
      }),
    )
  })

  it(
    'RIS of any papers reads back record for record with the same titles and DOIs',
    async () => {
      await fc.assert(
        fc.asyncProperty(papers, async (list) => {
          const ris = toRis(list)
          for (const line of ris.split('\r\n')) expect(line).not.toMatch(/[\r\n]/)
          if (list.length === 0) return
          const cite = await Cite.async(ris, { forceType: '@ris/file' })
          expect(cite.data).toHaveLength(list.length)
          cite.data.forEach((item, index) => {
            const title = plainText(list[index]!.title)
            // citation-js trims values; an all-blank title is left out of the file.
            expect(item.title ?? '').toBe(title.trim())
            expect(item.DOI).toBe(citedDoi(list[index]!))
          })
        }),
        { numRuns: 100 },
      )
    },
    PROPERTY_TIMEOUT,
  )

  it('CSL-JSON of any papers is valid JSON with unique ids', () => {
    fc.assert(
      fc.property(papers, (list) => {
        const items = JSON.parse(toCslJson(list)) as { id: string; title: string }[]
        expect(items).toHaveLength(list.length)
        expect(new Set(items.map((item) => item.id)).size).toBe(list.length)
        // The title as written, some parts wrapped in CSL's nocase spans.
        const withoutNocase = (text: string) => text.replaceAll('<span class="nocase">', '').replaceAll('</span>', '')
        items.forEach((item, index) => expect(withoutNocase(item.title)).toBe(withoutNocase(plainText(list[index]!.title))))
      }),
    )
  })
})
