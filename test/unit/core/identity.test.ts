import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arxivIdFromHuggingFacePath, arxivKey, isCanonicalArxivId, parseArxivId } from '../../../src/core/identity'

describe('parseArxivId', () => {
  it.each([
    ['2106.09685', { id: '2106.09685' }],
    ['2106.09685v3', { id: '2106.09685', version: 3 }],
    ['0704.0001', { id: '0704.0001' }],
    ['1412.9999v12', { id: '1412.9999', version: 12 }],
    ['1501.00001', { id: '1501.00001' }],
    ['hep-th/9901001', { id: 'hep-th/9901001' }],
    ['hep-th/9901001v2', { id: 'hep-th/9901001', version: 2 }],
    ['math.GT/0309136', { id: 'math/0309136' }],
    ['math.gt/0309136v3', { id: 'math/0309136', version: 3 }],
    ['physics.acc-ph/0101001', { id: 'physics/0101001' }],
    ['arXiv:2106.09685v2', { id: '2106.09685', version: 2 }],
  ])('parses %s', (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected)
  })

  it.each([
    '',
    '2106.0968',
    '2106.096851',
    '2113.09685',
    '2100.09685',
    '0612.0001',
    '1501.0001',
    '1412.00001',
    '2106.09685v0',
    '2106.09685v',
    ' 2106.09685',
    'arXiv: 2106.09685',
    'hep-th/990100',
    'HEP-TH/9901001',
  ])('rejects %j', (text) => {
    expect(parseArxivId(text)).toBeNull()
  })
})

describe('isCanonicalArxivId', () => {
  const parsesToItself = (text: string) => {
    const parsed = parseArxivId(text)
    return parsed !== null && parsed.version === undefined && parsed.id === text
  }

  it.each(['0704.0001', '1412.9999', '1501.00001', '2106.09685', 'hep-th/9901001', 'cond-mat/0102536'])('accepts %s', (id) => {
    expect(isCanonicalArxivId(id)).toBe(true)
  })

  it.each([
    '0703.0001',
    '1501.0001',
    '1412.00001',
    '2113.00001',
    '2100.00001',
    '2106.09685v2',
    'arXiv:2106.09685',
    'math.GT/0309136',
    'hep-th/990100',
    'HEP-TH/9901001',
    '',
  ])('refuses %j', (id) => {
    expect(isCanonicalArxivId(id)).toBe(false)
  })

  it('agrees with the parser on anything id-shaped', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`))
    const idShaped = fc.oneof(
      fc.tuple(digits(4, 4), fc.constantFrom('.', '/', ''), digits(3, 6), fc.constantFrom('', 'v1', 'v0')).map((parts) => parts.join('')),
      fc.tuple(fc.stringMatching(/^[a-zA-Z.-]{0,12}$/), fc.constantFrom('/', '.'), digits(6, 8)).map((parts) => parts.join('')),
      fc.string({ maxLength: 20 }),
    )
    fc.assert(
      fc.property(idShaped, (text) => isCanonicalArxivId(text) === parsesToItself(text)),
      { numRuns: 5000 },
    )
  })
})

describe('arxivIdFromHuggingFacePath', () => {
  it('reads the id of a paper page', () => {
    expect(arxivIdFromHuggingFacePath('/papers/2404.14219')).toEqual({ id: '2404.14219' })
    expect(arxivIdFromHuggingFacePath('/papers/2404.14219/')).toEqual({ id: '2404.14219' })
  })

  it('ignores listing paths', () => {
    for (const path of [
      '/papers',
      '/papers/',
      '/papers/trending',
      '/papers/date/2024-04-23',
      '/papers/week/2024-W17',
      '/papers/2404.14219/extra',
    ]) {
      expect(arxivIdFromHuggingFacePath(path)).toBeNull()
    }
  })

  it('builds keys without the version', () => {
    expect(arxivKey('2404.14219')).toBe('arxiv:2404.14219')
  })
})
