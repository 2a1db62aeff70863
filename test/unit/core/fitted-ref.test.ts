import { describe, expect, it } from 'vitest'
import { fittedRef } from '../../../src/core/fitted-ref'
import { LIMITS } from '../../../src/core/limits'
import { parsePaperRef } from '../../../src/platform/request-parser'
import { hfRef } from '../paper-fixtures'

describe('a page’s paper details, fitted to what the shelf accepts', () => {
  it('leaves details that already fit as they are', () => {
    const ref = hfRef('2401.00001', { abstract: 'An abstract.', published: '2024-02-29', comments: '12 pages' })
    expect(fittedRef(ref)).toEqual(ref)
  })

  it('cuts every text to its limit and keeps the first 1,000 of 1,200 authors, so any card can be starred', () => {
    const ref = hfRef('2401.00001', {
      title: 'T'.repeat(10_000),
      authors: Array.from({ length: 1200 }, (_, i) => `${i} ${'n'.repeat(400)}`),
      abstract: 'a'.repeat(30_000),
      comments: 'c'.repeat(5000),
      journalRef: 'j'.repeat(5000),
      primaryCategory: 'p'.repeat(5000),
    })
    expect(parsePaperRef(ref).ok).toBe(false)
    const fitted = fittedRef(ref)
    expect(fitted.title).toHaveLength(LIMITS.titleLength)
    expect(fitted.authors).toHaveLength(LIMITS.authorCount)
    expect(fitted.authors.every((author) => author.length === LIMITS.authorLength)).toBe(true)
    expect(fitted.abstract).toHaveLength(LIMITS.abstractLength)
    expect([fitted.comments, fitted.journalRef, fitted.primaryCategory].map((text) => text?.length)).toEqual(
      Array(3).fill(LIMITS.fieldLength),
    )
    expect(parsePaperRef(fitted)).toEqual({ ok: true, value: fitted })
  })

  it.each(['2024-99-99', '2023-02-29', '0999-01-01', '2024-13', 'yesterday'])('drops a date that is not a real one: %s', (published) => {
    const fitted = fittedRef(hfRef('2401.00001', { published }))
    expect(fitted.published).toBeUndefined()
    expect(parsePaperRef(fitted).ok).toBe(true)
  })

  it.each(['\u200B\u200C\u200D', '\u2060 \u00A0', '\u202E\u202C', '\u0301'])(
    'names a paper whose title shows nothing (%j) by its key',
    (title) => {
      const ref = hfRef('2401.00001', { title })
      expect(parsePaperRef(ref).ok).toBe(false)
      const fitted = fittedRef(ref)
      expect(fitted.title).toBe('arxiv:2401.00001')
      expect(parsePaperRef(fitted).ok).toBe(true)
    },
  )
})
