import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { PaperStore, UnknownPaperError } from '../../../src/background/paper-store'
import { hfRef, marks, storedPaper } from '../paper-fixtures'

let db: ShelfDatabase
let now: number
let store: PaperStore

beforeEach(() => {
  db = new ShelfDatabase(`test-${crypto.randomUUID()}`)
  now = 1_000
  store = new PaperStore(db, () => now)
})

afterEach(async () => {
  await db.delete()
})

describe('PaperStore', () => {
  it('adds a paper from its reference when it is first starred, its other marks never set', async () => {
    const paper = await store.setMarks('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    expect(paper).toMatchObject({
      key: 'arxiv:2404.14219',
      addedAt: 1_000,
      metadataChangedAt: 1_000,
      marks: marks({ starred: { value: true, at: 1_000 }, read: { value: false, at: 0 } }),
    })
    const { marks: stored, ...record } = paper
    expect(await db.papers.get('arxiv:2404.14219')).toEqual(record)
    expect(await db.marks.get('arxiv:2404.14219')).toEqual({ key: 'arxiv:2404.14219', marks: stored })
  })

  it('keeps marks apart from metadata', async () => {
    await store.setMarks('arxiv:2404.14219', { starred: true, read: true }, hfRef('2404.14219'))
    const record = await db.papers.get('arxiv:2404.14219')
    for (const field of ['marks', 'starred', 'read', 'starredChangedAt', 'readChangedAt']) expect(record).not.toHaveProperty(field)
    expect(Object.keys((await db.marks.get('arxiv:2404.14219'))!)).toEqual(['key', 'marks'])
  })

  it('refuses to mark an unknown paper without its details', async () => {
    await expect(store.setMarks('arxiv:2404.14219', { read: true })).rejects.toBeInstanceOf(UnknownPaperError)
    expect(await db.papers.count()).toBe(0)
    expect(await db.marks.count()).toBe(0)
  })

  it('timestamps every change of each mark, and only real changes', async () => {
    await store.setMarks('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    now = 2_000
    const read = await store.setMarks('arxiv:2404.14219', { read: true })
    expect(read).toMatchObject({ addedAt: 1_000, marks: { starred: { value: true, at: 1_000 }, read: { value: true, at: 2_000 } } })
    now = 3_000
    const unstarred = await store.setMarks('arxiv:2404.14219', { starred: false })
    expect(unstarred.marks).toEqual(marks({ starred: { value: false, at: 3_000 }, read: { value: true, at: 2_000 } }))
    now = 4_000
    const same = await store.setMarks('arxiv:2404.14219', { starred: false, read: true })
    expect(same.marks).toEqual(unstarred.marks)
    expect((await db.marks.get('arxiv:2404.14219'))!.marks).toEqual(unstarred.marks)
  })

  it('stamps later changes later even when the clock goes back', async () => {
    now = 5_000
    await store.setMarks('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    now = 4_000
    const unstarred = await store.setMarks('arxiv:2404.14219', { starred: false })
    expect(unstarred.marks.starred).toEqual({ value: false, at: 5_001 })
  })

  it('completes the stored paper from the reference sent with a change, without touching its marks', async () => {
    await store.setMarks('arxiv:2404.14219', { starred: true }, hfRef('2404.14219', { authors: [] }))
    now = 2_000
    const ref = hfRef('2404.14219', { site: 'arxiv', url: 'https://arxiv.org/abs/2404.14219', abstract: 'Phi-3.' })
    const paper = await store.setMarks('arxiv:2404.14219', { read: true }, ref)
    expect(paper).toMatchObject({
      abstract: 'Phi-3.',
      links: { huggingface: 'https://huggingface.co/papers/2404.14219', arxiv: 'https://arxiv.org/abs/2404.14219' },
      addedAt: 1_000,
      metadataChangedAt: 2_000,
      marks: { starred: { value: true, at: 1_000 }, read: { value: true, at: 2_000 } },
    })
    expect(await db.papers.get('arxiv:2404.14219')).toMatchObject({ abstract: 'Phi-3.', metadataChangedAt: 2_000 })
  })

  it('looks up a batch in one call, with marks as stored, and leaves unknown papers out', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    now = 2_000
    await store.setMarks('arxiv:2404.00002', { read: true }, hfRef('2404.00002'))
    await store.setMarks('arxiv:2404.00003', { starred: true }, hfRef('2404.00003'))
    now = 3_000
    await store.setMarks('arxiv:2404.00003', { starred: false })
    const { found } = await store.lookup([
      'arxiv:2404.00001',
      'arxiv:2404.00002',
      'arxiv:2404.00009',
      'arxiv:2404.00001',
      'arxiv:2404.00003',
    ])
    expect(found).toEqual([
      { key: 'arxiv:2404.00001', marks: marks({ starred: { value: true, at: 1_000 }, read: { value: false, at: 0 } }) },
      { key: 'arxiv:2404.00002', marks: marks({ starred: { value: false, at: 0 }, read: { value: true, at: 2_000 } }) },
      // Known to the shelf though no longer on it: the page learns it is unstarred.
      { key: 'arxiv:2404.00003', marks: marks({ starred: { value: false, at: 3_000 }, read: { value: false, at: 0 } }) },
    ])
    expect(await store.lookup([])).toEqual({ found: [], siteOnly: false })
    expect((await store.lookup(['arxiv:2404.00009'])).found).toEqual([])
  })

  it('completes stored papers with details from another page, and ignores papers not on the shelf', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001', { authors: [] }))
    now = 5_000
    const changed = await store.remember([
      hfRef('2404.00001', { authors: ['Marah Abdin'], abstract: 'We introduce phi-3-mini.' }),
      hfRef('2404.00009'),
    ])
    expect(changed.map((paper) => paper.key)).toEqual(['arxiv:2404.00001'])
    // What is sent to the pages carries the marks too.
    expect(changed[0]!.marks).toEqual(marks({ starred: { value: true, at: 1_000 }, read: { value: false, at: 0 } }))
    expect(await db.papers.get('arxiv:2404.00001')).toMatchObject({
      authors: ['Marah Abdin'],
      abstract: 'We introduce phi-3-mini.',
      metadataChangedAt: 5_000,
    })
    expect(await db.papers.get('arxiv:2404.00009')).toBeUndefined()
    expect(await db.marks.get('arxiv:2404.00009')).toBeUndefined()
    expect(await store.remember([hfRef('2404.00001', { authors: ['Marah Abdin'] })])).toEqual([])
  })

  it('lists only papers that carry a mark, with their marks', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    await store.setMarks('arxiv:2404.00002', { read: true }, hfRef('2404.00002'))
    await store.setMarks('arxiv:2404.00003', { starred: true }, hfRef('2404.00003'))
    await store.setMarks('arxiv:2404.00003', { starred: false })
    await store.setMarks('arxiv:2404.00004', { read: false }, hfRef('2404.00004'))
    const shelf = await papersOnShelf(store)
    expect(shelf.map((paper) => paper.key).sort()).toEqual(['arxiv:2404.00001', 'arxiv:2404.00002'])
    expect(shelf.find((paper) => paper.key === 'arxiv:2404.00002')).toMatchObject({
      title: 'Paper 2404.00002',
      marks: { starred: { value: false, at: 0 }, read: { value: true, at: 1_000 } },
    })
  })

  it('imports papers into both tables and merges each mark with what the shelf has', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const incoming = [
      storedPaper('2404.00001', {}, { starred: { value: false, at: 500 }, read: { value: true, at: 2_000 } }),
      storedPaper('2404.00002', {}, { starred: { value: true, at: 7 } }),
    ]
    const result = await store.importPapers(incoming)
    expect(result).toMatchObject({ added: 1, updated: 1, unchanged: 0 })
    expect((await db.marks.get('arxiv:2404.00001'))!.marks).toEqual(
      marks({
        starred: { value: true, at: 1_000 },
        read: { value: true, at: 2_000 },
      }),
    )
    expect(await db.marks.get('arxiv:2404.00002')).toEqual({ key: 'arxiv:2404.00002', marks: incoming[1]!.marks })
    const { marks: _marks, ...record } = incoming[1]!
    // A paper new to the shelf gets a citation key clear of the one the shelf gave the first paper.
    expect((await db.papers.get('arxiv:2404.00001'))!.citationKey).toEqual({ value: 'lovelace2024paper', at: 0 })
    expect(await db.papers.get('arxiv:2404.00002')).toEqual({ ...record, citationKey: { value: 'lovelace2024papera', at: 0 } })
    expect(await store.importPapers(incoming)).toMatchObject({ changed: [], added: 0, updated: 0, unchanged: 2 })
  })

  it('keeps its data when the database is closed and opened again, as when the worker restarts', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    db.close()
    const reopened = new ShelfDatabase(db.name)
    const { found } = await new PaperStore(reopened).lookup(['arxiv:2404.00001'])
    expect(found).toEqual([
      { key: 'arxiv:2404.00001', marks: marks({ starred: { value: true, at: 1_000 }, read: { value: false, at: 0 } }) },
    ])
    reopened.close()
  })
})
