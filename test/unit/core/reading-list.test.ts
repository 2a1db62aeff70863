import { describe, expect, it } from 'vitest'
import { countByView, matchesQuery, papersInView } from '../../../src/core/reading-list'
import { storedPaper } from '../paper-fixtures'

const shelf = [
  storedPaper('2401.00001', { title: 'Starred unread', starred: 1, starredChangedAt: 10 }),
  storedPaper('2401.00002', { title: 'Starred and read', starred: 1, read: 1, starredChangedAt: 30, readChangedAt: 40 }),
  storedPaper('2401.00003', { title: 'Read only', read: 1, readChangedAt: 20, authors: ['Bernhard Schölkopf', 'Søren Straße'] }),
  storedPaper('2401.00004', { title: 'Neither (unstarred later)' }),
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

  it('searches titles and authors, ignoring case and accents', () => {
    expect(titles('all', 'scholkopf')).toEqual(['Read only'])
    expect(titles('all', 'SCHÖLKOPF')).toEqual(['Read only'])
    expect(titles('all', 'STARRED and')).toEqual(['Starred and read'])
    expect(titles('all', 'soren strasse')).toEqual(['Read only'])
    expect(titles('all', 'nothing matches this')).toEqual([])
    expect(matchesQuery(shelf[0]!, '   ')).toBe(true)
  })
})
