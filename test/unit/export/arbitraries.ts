import { hasVisibleText } from '../../../src/core/text'
import fc from 'fast-check'
import { normalizeNote } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
import { setTags } from '../../../src/core/tag-set'

/** Random papers for the export property tests: hostile text, optional everything. */

// Pieces that are special to one format or another, mixed with arbitrary Unicode.
const SPECIAL_PIECES = [
  '\\',
  '{',
  '}',
  '$',
  '&',
  '%',
  '#',
  '_',
  '~',
  '^',
  '<',
  '>',
  '|',
  '"',
  "'",
  ',',
  ';',
  ' ',
  '  ',
  '\n',
  '\r',
  '\t',
  'and',
  ' and ',
  'others',
  '--',
  '\\"o',
  "\\'{e}",
  '{\\i}',
  '\\&',
  '\\$',
  '$x$',
  '$O(n)$',
  '$\\alpha$',
  '$ a$',
  '$5',
  'BERT',
  'LLaMA3',
  'iPhone',
  '=',
  '+',
  '-',
  '@',
  '[',
  ']',
  '(',
  ')',
  '*',
  '`',
  '\u00a0',
  'é',
  'ß',
  'Ø',
  '😀',
]

export const textPiece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom('a', 'b', 'Z', '1') },
)

export const hostileText = (maxLength: number) => fc.string({ unit: textPiece, maxLength })

const GIVEN = ['Ada', 'Jean-Luc', 'J. R. R.', 'Ming-Wei', 'danah', 'Ľudovít']
const FAMILY = ['Lovelace', 'van der Berg', 'de La Fontaine', 'Schölkopf', "O'Brien", 'McMillan-Major', 'Øby']

const realisticName = fc
  .tuple(fc.constantFrom(...GIVEN), fc.constantFrom(...FAMILY), fc.constantFrom('', ' Jr.', ' III'))
  .map(([given, family, suffix]) => `${given} ${family}${suffix}`)

export const authorName = fc.oneof(
  realisticName,
  fc.constantFrom('ATLAS Collaboration', 'Plato', 'Barnes and Noble Group', 'Anders And', 'Smith, John'),
  hostileText(12),
)

export const newStyleId = fc.tuple(fc.integer({ min: 7, max: 30 }), fc.integer({ min: 1, max: 12 }), fc.nat()).map(([yy, mm, n]) => {
  const month = yy === 7 && mm < 4 ? 4 : mm
  const digits = yy * 100 + month >= 1501 ? 5 : 4
  return `${String(yy).padStart(2, '0')}${String(month).padStart(2, '0')}.${String(n % 10 ** digits).padStart(digits, '0')}`
})

export const oldStyleId = fc.constantFrom('hep-th/9901001', 'math/0601001', 'cond-mat/9912345', 'astro-ph/0703999', 'math/0001001')

// Stored DOIs are normalised (identity.normalizeDoi): lower case, no trailing punctuation.
const doiSuffix = fc.string({ unit: fc.constantFrom(...'abcxyz0189._;()/:-<>#%'.split('')), maxLength: 20 })
export const doi = fc
  .tuple(fc.integer({ min: 1000, max: 99_999 }), doiSuffix, fc.constantFrom('a', '0', 'z9'))
  .map(([prefix, suffix, end]) => `10.${prefix}/${suffix}${end}`)

const published = fc
  .tuple(fc.integer({ min: 1991, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)

// Up to the start of 2026: a stored time is never in the future.
const time = fc.integer({ min: 0, max: Date.UTC(2026, 0, 1) })

export const randomPaper = fc
  .record(
    {
      // A stored title shows something: one of only blanks is refused.
      title: fc.string({ unit: textPiece, minLength: 1, maxLength: 40 }).filter(hasVisibleText),
      authors: fc.array(authorName, { maxLength: 5 }),
      arxivId: fc.oneof(newStyleId, oldStyleId),
      doi,
      abstract: hostileText(60),
      published,
      primaryCategory: fc.constantFrom('cs.LG', 'hep-th', 'math.AG', 'stat.ML'),
      journalRef: fc.string({ unit: textPiece, minLength: 1, maxLength: 20 }),
      n: fc.nat(),
      starred: fc.boolean(),
      read: fc.boolean(),
      starredAt: time,
      readAt: time,
      tags: fc.array(fc.string({ unit: textPiece, maxLength: 12 }), { maxLength: 4 }),
      tagsAt: time,
      note: hostileText(40),
      noteAt: time,
      addedAt: time,
      citationKey: fc.record({ value: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_:.+/-]{0,20}$/), at: time }),
    },
    { requiredKeys: ['title', 'authors', 'n', 'starred', 'read', 'starredAt', 'readAt', 'tags', 'tagsAt', 'note', 'noteAt', 'addedAt'] },
  )
  .map(({ n, arxivId, doi: paperDoi, starred, read, starredAt, readAt, tags, tagsAt, note, noteAt, ...fields }): Paper => {
    const key = arxivId ? `arxiv:${arxivId}` : paperDoi ? `doi:${paperDoi}` : `openreview:p${n}`
    const paper: Paper = {
      key,
      ...fields,
      links: {},
      metadataChangedAt: fields.addedAt,
      marks: {
        starred: { value: starred, at: starredAt },
        read: { value: read, at: readAt },
        // Tags and notes as the reader's changes leave them: normalised, each tag once, in order.
        tags: { value: setTags([], tags, tagsAt), at: tagsAt },
        note: { value: normalizeNote(note), at: noteAt },
      },
    }
    if (arxivId) paper.arxivId = arxivId
    if (paperDoi) paper.doi = paperDoi
    return paper
  })
