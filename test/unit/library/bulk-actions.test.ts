import { describe, expect, it } from 'vitest'
import { withMarkValues } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
import { bulkChanges } from '../../../src/library/bulk-actions'
import { storedPaper } from '../paper-fixtures'

/** Two starred papers (one read), two neither starred nor read (one tagged), in that order. */
const papers = [
  storedPaper('2401.00001', {}, { starred: true }),
  storedPaper('2401.00002', {}, { starred: true, read: true }),
  storedPaper('2401.00003', {}, { tags: [{ name: 'NLP', at: 5 }] }),
  storedPaper('2401.00004', {}, { note: 'later' }),
]
const [starred, starredRead, tagged, noted] = papers as [Paper, Paper, Paper, Paper]

describe('bulkChanges: the toggles', () => {
  it('Star changes only the papers not starred yet', () => {
    expect(bulkChanges(papers, 'star')).toEqual([
      { key: tagged.key, change: { starred: true } },
      { key: noted.key, change: { starred: true } },
    ])
  })

  it('Unstar changes only the starred papers', () => {
    expect(bulkChanges(papers, 'unstar')).toEqual([
      { key: starred.key, change: { starred: false } },
      { key: starredRead.key, change: { starred: false } },
    ])
  })

  it('Mark read changes only the unread papers', () => {
    expect(bulkChanges(papers, 'read')).toEqual([
      { key: starred.key, change: { read: true } },
      { key: tagged.key, change: { read: true } },
      { key: noted.key, change: { read: true } },
    ])
  })

  it('Mark unread changes only the read papers', () => {
    expect(bulkChanges(papers, 'unread')).toEqual([{ key: starredRead.key, change: { read: false } }])
  })

  it('leaves out every paper already in the wanted state, so theirs keep their times', () => {
    const changes = bulkChanges(papers, 'star')
    const after = papers.map((paper) => {
      const change = changes.find((entry) => entry.key === paper.key)?.change
      return change ? withMarkValues(paper.marks, change, 50) : paper.marks
    })
    expect(after.map((marks) => marks.starred)).toEqual([
      { value: true, at: 1 },
      { value: true, at: 1 },
      { value: true, at: 50 },
      { value: true, at: 50 },
    ])
    const allStarred = papers.map((paper, index) => ({ ...paper, marks: after[index]! }))
    expect(bulkChanges(allStarred, 'star')).toEqual([])
  })

  it('changes nothing when no paper is given', () => {
    for (const action of ['star', 'unstar', 'read', 'unread', 'tag'] as const) expect(bulkChanges([], action, 'x')).toEqual([])
  })
})

describe('bulkChanges: adding a tag', () => {
  it("adds the tag to each paper's own tags, keeping them", () => {
    const withTwo = storedPaper(
      '2401.00005',
      {},
      {
        tags: [
          { name: 'Vision', at: 2 },
          { name: 'audio', at: 3 },
          { name: 'gone', at: 4, removed: true },
        ],
      },
    )
    expect(bulkChanges([starred, withTwo], 'tag', 'to read')).toEqual([
      { key: starred.key, change: { tags: ['to read'] } },
      { key: withTwo.key, change: { tags: ['Vision', 'audio', 'to read'] } },
    ])
  })

  it('leaves out papers that have the tag already, whatever its case', () => {
    expect(bulkChanges([tagged, noted], 'tag', 'nlp')).toEqual([{ key: noted.key, change: { tags: ['nlp'] } }])
    expect(bulkChanges([tagged], 'tag', 'NLP')).toEqual([])
  })

  it('a tag removed before is added again', () => {
    const removed = storedPaper('2401.00006', {}, { tags: [{ name: 'NLP', at: 4, removed: true }] })
    expect(bulkChanges([removed], 'tag', 'NLP')).toEqual([{ key: removed.key, change: { tags: ['NLP'] } }])
  })

  it('adds nothing without a tag', () => {
    expect(bulkChanges(papers, 'tag')).toEqual([])
    expect(bulkChanges(papers, 'tag', '')).toEqual([])
  })

  it('applied, the change gives each paper the tag once, and a paper that had it keeps its stamp', () => {
    const changes = bulkChanges([tagged, noted], 'tag', 'nlp')
    const after = [tagged, noted].map((paper) => {
      const change = changes.find((entry) => entry.key === paper.key)?.change
      return change ? withMarkValues(paper.marks, change, 100) : paper.marks
    })
    expect(after[0]!.tags).toEqual({ value: [{ name: 'NLP', at: 5 }], at: 1 })
    expect(after[1]!.tags).toEqual({ value: [{ name: 'nlp', at: 100 }], at: 100 })
  })
})
