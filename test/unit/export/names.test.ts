import { describe, expect, it } from 'vitest'
import { bibtexName } from '../../../src/core/export/bibtex'
import { cslName } from '../../../src/core/export/csl-json'
import { authorNames, invertedName, parseAuthorName } from '../../../src/core/export/names'

describe('author names', () => {
  it('splits "First Last" display names', () => {
    expect(parseAuthorName('Jacob Devlin')).toEqual({ kind: 'person', family: 'Devlin', given: 'Jacob' })
    expect(parseAuthorName('Diederik P. Kingma')).toEqual({ kind: 'person', family: 'Kingma', given: 'Diederik P.' })
    expect(parseAuthorName('Ming-Wei Chang')).toEqual({ kind: 'person', family: 'Chang', given: 'Ming-Wei' })
    expect(parseAuthorName('danah boyd')).toEqual({ kind: 'person', family: 'boyd', given: 'danah' })
  })

  it('recognises particles the way BibTeX does', () => {
    expect(parseAuthorName('Max van Spengler')).toEqual({ kind: 'person', family: 'Spengler', given: 'Max', particle: 'van' })
    expect(parseAuthorName('Jan van der Berg')).toEqual({ kind: 'person', family: 'Berg', given: 'Jan', particle: 'van der' })
    expect(parseAuthorName('Jean de La Fontaine')).toEqual({ kind: 'person', family: 'La Fontaine', given: 'Jean', particle: 'de' })
  })

  it('recognises suffixes', () => {
    expect(parseAuthorName('Martin Luther King Jr.')).toEqual({ kind: 'person', family: 'King', given: 'Martin Luther', suffix: 'Jr.' })
    expect(parseAuthorName('John Smith III')).toEqual({ kind: 'person', family: 'Smith', given: 'John', suffix: 'III' })
    expect(parseAuthorName('John Smith, Jr.')).toEqual({ kind: 'person', family: 'Smith', given: 'John', suffix: 'Jr.' })
  })

  it('respects names already written "Last, First"', () => {
    expect(parseAuthorName('Berg, Jan')).toEqual({ kind: 'person', family: 'Berg', given: 'Jan' })
    expect(parseAuthorName('van der Berg, Jan')).toEqual({ kind: 'person', family: 'Berg', given: 'Jan', particle: 'van der' })
    expect(parseAuthorName('King, Jr., Martin')).toEqual({ kind: 'person', family: 'King', given: 'Martin', suffix: 'Jr.' })
  })

  it('keeps single words and organisations whole', () => {
    expect(parseAuthorName('Plato')).toEqual({ kind: 'person', family: 'Plato' })
    expect(parseAuthorName('ATLAS Collaboration')).toEqual({ kind: 'literal', literal: 'ATLAS Collaboration' })
    expect(parseAuthorName('Gemini Team')).toEqual({ kind: 'literal', literal: 'Gemini Team' })
    expect(parseAuthorName('Barnes & Noble')).toEqual({ kind: 'literal', literal: 'Barnes & Noble' })
    for (const lab of ['Google DeepMind', 'OpenAI', 'Meta AI', 'Microsoft Research'])
      expect(parseAuthorName(lab)).toEqual({ kind: 'literal', literal: lab })
    expect(parseAuthorName('Ai Suzuki')).toEqual({ kind: 'person', family: 'Suzuki', given: 'Ai' })
  })

  it('decodes LaTeX in names and drops empty ones', () => {
    expect(parseAuthorName('Bernhard Sch\\"olkopf')).toEqual({ kind: 'person', family: 'Schölkopf', given: 'Bernhard' })
    expect(authorNames(['', '  ', 'Ada Lovelace'])).toHaveLength(1)
  })

  it('writes each format’s form', () => {
    const [berg, king, atlas, and] = authorNames(['Jan van der Berg', 'Martin Luther King Jr.', 'ATLAS Collaboration', 'Anders And'])
    expect([berg, king, atlas, and].map((name) => bibtexName(name!))).toEqual([
      'van der Berg, Jan',
      'King, Jr., Martin Luther',
      '{ATLAS Collaboration}',
      '{And}, Anders',
    ])
    expect([berg, king, atlas].map((name) => invertedName(name!))).toEqual([
      'van der Berg, Jan',
      'King, Martin Luther, Jr.',
      'ATLAS Collaboration',
    ])
    expect(cslName(berg!)).toEqual({ family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' })
    expect(cslName(atlas!)).toEqual({ literal: 'ATLAS Collaboration' })
  })

  it('escapes and braces what would break a BibTeX name list', () => {
    expect(bibtexName({ kind: 'person', family: 'Smith & Sons', given: 'A_b' })).toBe('Smith \\& Sons, A\\_b')
    expect(bibtexName({ kind: 'person', family: 'others' })).toBe('{others}')
    expect(bibtexName({ kind: 'person', family: 'Doe', given: 'Jane, PhD' })).toBe('Doe, {Jane, PhD}')
  })
})
