import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeBackup, mergePaper } from '../../../src/core/backup/merge'
import { MARK_IDS } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
import { setTags } from '../../../src/core/tag-set'
import { EXPORT_PAPERS } from '../../fixtures/export/papers'
import { marks, storedPaper } from '../paper-fixtures'

const shelfOf = (papers: Paper[]) => new Map(papers.map((paper) => [paper.key, paper]))

describe('merging one paper', () => {
  const base = storedPaper(
    '2106.09685',
    { title: 'LoRA', abstract: 'Old abstract', addedAt: 100, metadataChangedAt: 100 },
    { starred: { value: true, at: 100 }, read: { value: false, at: 100 } },
  )

  it('takes each mark from the side that changed it last', () => {
    const incoming = { ...base, marks: marks({ starred: { value: false, at: 200 }, read: { value: true, at: 50 } }) }
    const merged = mergePaper(base, incoming)
    expect(merged.marks).toEqual(marks({ starred: { value: false, at: 200 }, read: { value: false, at: 100 } }))
    // The other way round, each mark still goes its own way.
    expect(mergePaper(incoming, base).marks).toEqual(marks({ starred: { value: false, at: 200 }, read: { value: false, at: 100 } }))
  })

  it('takes a newer mark even when its value is the one never set', () => {
    const incoming = { ...base, marks: marks({ starred: { value: false, at: 101 }, read: { value: false, at: 0 } }) }
    expect(mergePaper(base, incoming).marks).toEqual(marks({ starred: { value: false, at: 101 }, read: { value: false, at: 100 } }))
  })

  it('keeps the same value on a tie whichever side it is on, and the shelf’s metadata', () => {
    const incoming = { ...base, marks: marks({ starred: { value: false, at: 100 }, read: { value: true, at: 100 } }), title: 'Other title' }
    const merged = mergePaper(base, incoming)
    expect(merged.title).toBe(base.title)
    expect(merged.marks).toEqual(mergePaper(incoming, base).marks)
    expect(mergePaper(base, base)).toEqual(base)
  })

  it('does not share mark objects with either side', () => {
    const incoming = { ...base, marks: marks({ starred: { value: false, at: 200 }, read: { value: true, at: 300 } }) }
    const merged = mergePaper(base, incoming)
    expect(merged.marks.starred).not.toBe(incoming.marks.starred)
    expect(merged.marks).not.toBe(base.marks)
    expect(mergePaper(base, base).marks.read).not.toBe(base.marks.read)
  })

  it('takes metadata from the newer side, filling what it lacks from the older', () => {
    const incoming: Paper = {
      ...base,
      title: 'LoRA: Low-Rank Adaptation',
      abstract: undefined,
      published: '2021-06-17',
      metadataChangedAt: 300,
    }
    delete incoming.abstract
    const merged = mergePaper(base, incoming)
    expect(merged).toMatchObject({
      title: 'LoRA: Low-Rank Adaptation',
      abstract: 'Old abstract',
      published: '2021-06-17',
      metadataChangedAt: 300,
    })
    // Older metadata only fills gaps.
    const older = mergePaper(base, { ...base, title: 'Stale', doi: '10.1000/x', metadataChangedAt: 10 })
    expect(older).toMatchObject({ title: 'LoRA', doi: '10.1000/x', metadataChangedAt: 100 })
  })

  it('keeps the highest version and the earliest addedAt', () => {
    const merged = mergePaper({ ...base, version: 3 }, { ...base, version: 2, addedAt: 50, metadataChangedAt: 500 })
    expect(merged).toMatchObject({ version: 3, addedAt: 50 })
  })

  it('unites the links, keeping the shelf’s link for a site both know', () => {
    const shelf = { ...base, links: { huggingface: 'https://huggingface.co/papers/2106.09685' } }
    const incoming = {
      ...base,
      links: { arxiv: 'https://arxiv.org/abs/2106.09685', huggingface: 'https://huggingface.co/papers/2106.09685?x' },
    }
    expect(mergePaper(shelf, incoming).links).toEqual({
      arxiv: 'https://arxiv.org/abs/2106.09685',
      huggingface: 'https://huggingface.co/papers/2106.09685',
    })
  })

  it('keeps an empty author list a list', () => {
    const noAuthors = { ...base, authors: [] }
    expect(mergePaper(noAuthors, { ...noAuthors, metadataChangedAt: 999 }).authors).toEqual([])
  })
})

describe('merging a backup', () => {
  it('adds new papers, updates changed ones, leaves the rest and deletes nothing', () => {
    const [a, b, c, d] = EXPORT_PAPERS as [Paper, Paper, Paper, Paper]
    const shelf = shelfOf([a, b, d])
    const newerB = { ...b, marks: { ...b.marks, read: { value: true, at: b.marks.read.at + 1 } } }
    const result = mergeBackup([...shelf.values()], [a, newerB, c])
    expect(result).toEqual({ papers: [newerB, c], removed: [], added: 1, updated: 1, unchanged: 1 })
    // The shelf itself is not modified, and d, absent from the backup, is not written.
    expect(shelf.get(b.key)).toBe(b)
  })

  it('changes nothing when the backup holds what the shelf holds', () => {
    expect(mergeBackup(EXPORT_PAPERS, EXPORT_PAPERS)).toEqual({
      papers: [],
      removed: [],
      added: 0,
      updated: 0,
      unchanged: EXPORT_PAPERS.length,
    })
  })

  it('changes nothing the second time the same file is imported', () => {
    const shelf = shelfOf(
      EXPORT_PAPERS.slice(0, 5).map((paper, i) => ({
        ...paper,
        marks: {
          ...paper.marks,
          starred: { value: !paper.marks.starred.value, at: paper.marks.starred.at + (i % 2 ? 1000 : -1000) },
        },
        title: `${paper.title} (old)`,
        metadataChangedAt: paper.metadataChangedAt - 1,
      })),
    )
    const first = mergeBackup([...shelf.values()], EXPORT_PAPERS)
    expect(first.added).toBe(EXPORT_PAPERS.length - 5)
    expect(first.updated).toBe(5)
    for (const paper of first.papers) shelf.set(paper.key, paper)
    const second = mergeBackup([...shelf.values()], EXPORT_PAPERS)
    expect(second).toEqual({ papers: [], removed: [], added: 0, updated: 0, unchanged: EXPORT_PAPERS.length })
  })

  it('is idempotent and loses no paper, whatever the timestamps', () => {
    const mark = fc.record({ value: fc.boolean(), at: fc.nat(10) })
    const tags = fc
      .tuple(fc.subarray(['a', 'b', 'C']), fc.nat(10))
      .map(([names, at]) => ({ value: setTags(setTags([], ['a', 'b'], at), names, at + 1), at: at + 1 }))
    const note = fc.record({ value: fc.constantFrom('', 'n', 'm'), at: fc.nat(10) })
    const side = fc.record({
      marks: fc.record({ starred: mark, read: mark, tags, note }),
      metadataChangedAt: fc.nat(10),
      addedAt: fc.nat(10),
      title: fc.constantFrom('A', 'B'),
      abstract: fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
    })
    const keys = ['2101.00001', '2101.00002', '2101.00003']
    const shelfSide = fc.array(fc.tuple(fc.constantFrom(...keys), side))
    fc.assert(
      fc.property(shelfSide, shelfSide, (shelfPapers, backupPapers) => {
        const toPapers = (list: typeof shelfPapers) => [
          ...new Map(list.map(([id, { marks, ...record }]) => [id, storedPaper(id, record, marks)])).values(),
        ]
        const shelf = shelfOf(toPapers(shelfPapers))
        const backup = toPapers(backupPapers)
        const first = mergeBackup([...shelf.values()], backup)
        expect(first.added + first.updated + first.unchanged).toBe(backup.length)
        const after = new Map(shelf)
        for (const paper of first.papers) after.set(paper.key, paper)
        expect([...shelf.keys()].every((key) => after.has(key))).toBe(true)
        expect(mergeBackup([...after.values()], backup)).toMatchObject({ papers: [], added: 0, updated: 0 })
        for (const paper of after.values()) {
          const before = shelf.get(paper.key)
          if (!before) continue
          // A timestamp never moves backwards.
          for (const id of MARK_IDS) expect(paper.marks[id].at).toBeGreaterThanOrEqual(before.marks[id].at)
          expect(paper.metadataChangedAt).toBeGreaterThanOrEqual(before.metadataChangedAt)
          expect(paper.addedAt).toBeLessThanOrEqual(before.addedAt)
        }
      }),
    )
  })

  it('merges a backup paper into the shelf paper it names by an alias, keyed by the better identifier', () => {
    const onShelf = storedPaper('2101.00001', { title: 'T' }, { starred: { value: true, at: 5 }, read: { value: false, at: 0 } })
    const byDoi: Paper = { ...onShelf, key: 'doi:10.1000/xyz', aliases: ['pmid:123'], links: {} }
    delete byDoi.arxivId
    const fromFile: Paper = {
      ...onShelf,
      aliases: ['doi:10.1000/xyz'],
      marks: marks({ starred: { value: false, at: 3 }, read: { value: true, at: 6 } }),
    }
    const result = mergeBackup([byDoi], [fromFile])
    expect(result.removed).toEqual(['doi:10.1000/xyz'])
    expect(result).toMatchObject({ added: 0, updated: 1, unchanged: 0 })
    expect(result.papers).toHaveLength(1)
    const [merged] = result.papers
    expect(merged!.key).toBe('arxiv:2101.00001')
    expect(merged!.aliases).toEqual(['doi:10.1000/xyz', 'pmid:123'])
    expect(merged!.marks).toEqual(marks({ starred: { value: true, at: 5 }, read: { value: true, at: 6 } }))
    // Importing it again changes nothing.
    expect(mergeBackup(result.papers, [fromFile])).toMatchObject({ papers: [], removed: [], unchanged: 1 })
  })

  it('merges two shelf papers that one backup paper shows to be the same', () => {
    const starredAt = (at: number) => ({ starred: { value: true, at }, read: { value: false, at: 0 } })
    const bySite = storedPaper('2101.00002', { title: 'T' }, starredAt(1))
    const scholar: Paper = { ...bySite, key: 'scholar:abc', links: {} }
    const pubmed: Paper = { ...bySite, key: 'pmid:42', links: {} }
    delete scholar.arxivId
    delete pubmed.arxivId
    const linking: Paper = { ...scholar, key: 'doi:10.1000/q', aliases: ['scholar:abc', 'pmid:42'], marks: marks(starredAt(9)) }
    const result = mergeBackup([scholar, pubmed], [linking])
    expect(result.removed.sort()).toEqual(['pmid:42', 'scholar:abc'])
    expect(result.papers.map((paper) => [paper.key, paper.aliases])).toEqual([['doi:10.1000/q', ['pmid:42', 'scholar:abc']]])
  })
})
