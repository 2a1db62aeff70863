import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { PaperStore, UnknownPaperError } from '../../../src/background/paper-store'
import { hfRef } from '../paper-fixtures'

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
  it('adds a paper from its reference when it is first starred', async () => {
    const paper = await store.setFlags('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    expect(paper).toMatchObject({ key: 'arxiv:2404.14219', starred: 1, read: 0, addedAt: 1_000, starredChangedAt: 1_000 })
    expect(await db.papers.get('arxiv:2404.14219')).toEqual(paper)
  })

  it('refuses to flag an unknown paper without its details', async () => {
    await expect(store.setFlags('arxiv:2404.14219', { read: true })).rejects.toBeInstanceOf(UnknownPaperError)
    expect(await db.papers.count()).toBe(0)
  })

  it('timestamps every state change', async () => {
    await store.setFlags('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    now = 2_000
    const read = await store.setFlags('arxiv:2404.14219', { read: true })
    expect(read).toMatchObject({ starred: 1, read: 1, starredChangedAt: 1_000, readChangedAt: 2_000, addedAt: 1_000 })
    now = 3_000
    const unstarred = await store.setFlags('arxiv:2404.14219', { starred: false })
    expect(unstarred).toMatchObject({ starred: 0, read: 1, starredChangedAt: 3_000, readChangedAt: 2_000 })
  })

  it('looks up a batch in one call and leaves unknown papers out', async () => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    await store.setFlags('arxiv:2404.00002', { read: true }, hfRef('2404.00002'))
    const states = await store.lookup(['arxiv:2404.00001', 'arxiv:2404.00002', 'arxiv:2404.00003', 'arxiv:2404.00001'])
    expect(states).toEqual([
      { key: 'arxiv:2404.00001', starred: true, read: false },
      { key: 'arxiv:2404.00002', starred: false, read: true },
    ])
  })

  it('indexes flags so views can be queried', async () => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    await store.setFlags('arxiv:2404.00002', { read: true }, hfRef('2404.00002'))
    expect(await db.papers.where('starred').equals(1).primaryKeys()).toEqual(['arxiv:2404.00001'])
    expect(await db.papers.where('read').equals(1).primaryKeys()).toEqual(['arxiv:2404.00002'])
  })

  it('completes stored papers with details from another page, and ignores papers not on the shelf', async () => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001', { authors: [] }))
    now = 5_000
    const changed = await store.remember([
      hfRef('2404.00001', { authors: ['Marah Abdin'], abstract: 'We introduce phi-3-mini.' }),
      hfRef('2404.00009'),
    ])
    expect(changed.map((paper) => paper.key)).toEqual(['arxiv:2404.00001'])
    expect(await db.papers.get('arxiv:2404.00001')).toMatchObject({ authors: ['Marah Abdin'], abstract: 'We introduce phi-3-mini.', metadataChangedAt: 5_000 })
    expect(await db.papers.get('arxiv:2404.00009')).toBeUndefined()
    expect(await store.remember([hfRef('2404.00001', { authors: ['Marah Abdin'] })])).toEqual([])
  })

  it('lists only papers that are starred or read', async () => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    await store.setFlags('arxiv:2404.00002', { read: true }, hfRef('2404.00002'))
    await store.setFlags('arxiv:2404.00003', { starred: true }, hfRef('2404.00003'))
    await store.setFlags('arxiv:2404.00003', { starred: false })
    expect((await store.shelf()).map((paper) => paper.key).sort()).toEqual(['arxiv:2404.00001', 'arxiv:2404.00002'])
  })

  it('keeps its data when the database is closed and opened again, as when the worker restarts', async () => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    db.close()
    const reopened = new ShelfDatabase(db.name)
    const states = await new PaperStore(reopened).lookup(['arxiv:2404.00001'])
    expect(states).toEqual([{ key: 'arxiv:2404.00001', starred: true, read: false }])
    reopened.close()
  })
})
