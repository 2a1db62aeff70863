import { describe, expect, it } from 'vitest'
import { countByView, matchesQuery, papersInView } from '../../../src/core/reading-list'
import { storedPaper } from '../paper-fixtures'

const shelf = [
  // Read and marked unread again later: the unset mark's newer time does not date the paper.
  storedPaper('2401.00001', { title: 'Starred unread' }, { starred: { value: true, at: 10 }, read: { value: false, at: 100 } }),
  storedPaper('2401.00002', { title: 'Starred and read' }, { starred: { value: true, at: 30 }, read: { value: true, at: 40 } }),
  storedPaper('2401.00003', { title: 'Read only', authors: ['Bernhard Schölkopf', 'Søren Straße'] }, { read: { value: true, at: 20 } }),
  storedPaper('2401.00004', { title: 'Neither (unstarred later)' }, { starred: { value: false, at: 50 } }),
]

const titles = (view: Parameters<typeof papersInView>[1], query = '') => papersInView(shelf, view, query).map((paper) => paper.title)

describe('reading list views', () => {
  it('counts each view', () => {
    expect(countByView(shelf)).toEqual({ starred: 2, unread: 1, read: 2, all: 3 })
  })

  it('shows the right papers in each view, newest first', () => {
    expect(titles('starred')).toEqual(['Starred and read', 'Starred unread'])
    expect(titles('unread')).toEqual(['Starred unread'])
    expect(titles('read')).toEqual(['Starred and read', 'Read only'])
    expect(titles('all')).toEqual(['Starred and read', 'Read only', 'Starred unread'])
  })

  it('dates each view by its own mark, and ties by title', () => {
    const tied = [
      storedPaper('2401.00011', { title: 'B' }, { starred: { value: true, at: 5 }, read: { value: true, at: 1 } }),
      storedPaper('2401.00012', { title: 'A' }, { starred: { value: true, at: 5 }, read: { value: true, at: 2 } }),
    ]
    expect(papersInView(tied, 'starred', '').map((paper) => paper.title)).toEqual(['A', 'B'])
    expect(papersInView(tied, 'read', '').map((paper) => paper.title)).toEqual(['A', 'B'])
    expect(papersInView([...tied].reverse(), 'read', '').map((paper) => paper.title)).toEqual(['A', 'B'])
    expect(
      papersInView([tied[1]!, storedPaper('2401.00013', { title: 'C' }, { read: { value: true, at: 3 } })], 'all', '').map((p) => p.title),
    ).toEqual(['A', 'C'])
  })

  it('searches titles and authors, ignoring case and accents', () => {
    expect(titles('all', 'scholkopf')).toEqual(['Read only'])
    expect(titles('all', 'SCHÖLKOPF')).toEqual(['Read only'])
    expect(titles('all', 'STARRED and')).toEqual(['Starred and read'])
    expect(titles('all', 'soren strasse')).toEqual(['Read only'])
    expect(titles('all', 'nothing matches this')).toEqual([])
    expect(matchesQuery(shelf[0]!, '   ')).toBe(true)
  })

  it('finds titles and names written with TeX accents by their plain spelling', () => {
    const naive = storedPaper('2401.00021', { title: 'Na\\"ive Bayes for $\\ell_2$ Poincar\\\'e balls', authors: ['Sch\\"olkopf'] })
    for (const query of ['naive', 'naïve', 'NAÏVE bayes', 'poincare', 'Poincaré', 'scholkopf', 'ell_2', 'na\\"ive']) {
      expect(matchesQuery(naive, query), query).toBe(true)
    }
    expect(matchesQuery(naive, 'naives')).toBe(false)
  })
})
