import { parse as parseBibtex } from '@retorquere/bibtex-parser'
import { describe, expect, it } from 'vitest'
import { toBibtex } from '../../../src/core/export/bibtex'
import { citationKeyProblem, citationKeys, settleCitationKeys } from '../../../src/core/export/citation-keys'
import { toCslJson } from '../../../src/core/export/csl-json'
import { CORPUS_PAPERS } from '../../fixtures/export/corpus'

/** The real-looking shelf the real-tool tests compile, checked here without the tools. */
describe('the export corpus', () => {
  it('holds at least 40 papers, with non-ASCII and non-Latin authors and maths in titles', () => {
    expect(CORPUS_PAPERS.length).toBeGreaterThanOrEqual(40)
    const authors = CORPUS_PAPERS.flatMap((paper) => paper.authors)
    expect(authors.some((name) => /\p{Script=Han}/u.test(name))).toBe(true)
    expect(authors.some((name) => /\p{Script=Cyrillic}/u.test(name))).toBe(true)
    expect(authors.some((name) => /^[ŁÖÇ]/u.test(name))).toBe(true)
    expect(CORPUS_PAPERS.some((paper) => paper.title.includes('$'))).toBe(true)
  })

  it('exports BibTeX in pure ASCII that parses back entry for entry', () => {
    const bib = toBibtex(CORPUS_PAPERS, 'ascii')
    expect(bib).toMatch(/^[\x00-\x7f]*$/)
    const library = parseBibtex(bib, { unsupported: 'ignore', english: false })
    expect(library.errors).toEqual([])
    expect(library.entries.map((entry) => entry.key)).toEqual(citationKeys(CORPUS_PAPERS))
  })

  it('gives every paper a valid key, unique ignoring case, never starting with a bare year', () => {
    const keys = settleCitationKeys(CORPUS_PAPERS, new Map()).map((paper) => paper.citationKey!.value)
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(CORPUS_PAPERS.length)
    for (const key of keys) {
      expect(citationKeyProblem(key)).toBeNull()
      expect(key).not.toMatch(/^\d/)
    }
  })

  it('exports CSL-JSON whose ids are the BibTeX keys', () => {
    const items = JSON.parse(toCslJson(CORPUS_PAPERS)) as { id: string }[]
    expect(items.map((item) => item.id)).toEqual(citationKeys(CORPUS_PAPERS))
  })
})
