import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { PaperStore } from '../../../src/background/paper-store'
import { routeMessage } from '../../../src/background/router'
import { toJsonBackup } from '../../../src/core/backup/backup'
import type { Paper } from '../../../src/core/paper'
import { hfRef, storedPaper } from '../paper-fixtures'

let db: ShelfDatabase
let store: PaperStore
let notified: Paper[][]
const notify = (papers: Paper[]) => notified.push(papers)

beforeEach(() => {
  db = new ShelfDatabase(`test-${crypto.randomUUID()}`)
  store = new PaperStore(db)
  notified = []
})

afterEach(async () => {
  await db.delete()
})

const malformed: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'lookup'],
  ['an array', [{ type: 'lookup', keys: [] }]],
  ['no type', { keys: [] }],
  ['an unknown type', { type: 'deleteEverything' }],
  ['a prototype-polluting type', { type: '__proto__' }],
  ['lookup without keys', { type: 'lookup' }],
  ['lookup with a non-string key', { type: 'lookup', keys: [42] }],
  ['lookup with a key of no known form', { type: 'lookup', keys: ['2404.14219'] }],
  ['lookup with too many keys', { type: 'lookup', keys: Array.from({ length: 5001 }, (_, i) => `arxiv:${i}`) }],
  ['setFlags without changes', { type: 'setFlags', key: 'arxiv:2404.14219', changes: {} }],
  ['setFlags with a non-boolean flag', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: 1 } }],
  ['setFlags with an unknown flag', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { deleted: true } }],
  ['setFlags whose paper does not match the key', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.99999') }],
  ['setFlags with a javascript: url', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { url: 'javascript:alert(1)' }) }],
  ['setFlags with an empty title', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { title: '' }) }],
  ['setFlags with a 10 KB title', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { title: 'x'.repeat(10_240) }) }],
  ['setFlags with authors that are not strings', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), authors: [{ name: 'A' }] } }],
  ['setFlags with an unknown site', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), site: 'evil' } }],
  ['setFlags with an extra field', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), starred: 1 } }],
  ['remember with a bad paper', { type: 'remember', refs: [hfRef('2404.14219'), { key: 'arxiv:1' }] }],
]

describe('routeMessage', () => {
  it.each(malformed)('rejects %s with an error and changes nothing', async (_name, message) => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const before = await db.papers.toArray()
    const reply = await routeMessage(store, message, notify)
    expect(reply.ok).toBe(false)
    expect(reply.ok ? '' : reply.error).toMatch(/^Rejected message: /)
    expect(await db.papers.toArray()).toEqual(before)
    expect(notified).toEqual([])
  })

  it('stars a paper, answers with it and notifies every page', async () => {
    const reply = await routeMessage(store, { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219') }, notify)
    expect(reply).toMatchObject({ ok: true, paper: { key: 'arxiv:2404.14219', starred: 1 } })
    expect(notified).toHaveLength(1)
    expect(notified[0]?.[0]).toMatchObject({ key: 'arxiv:2404.14219', starred: 1 })
  })

  it('answers a lookup with the states of known papers', async () => {
    await store.setFlags('arxiv:2404.14219', { read: true }, hfRef('2404.14219'))
    const reply = await routeMessage(store, { type: 'lookup', keys: ['arxiv:2404.14219', 'arxiv:2404.00000'] }, notify)
    expect(reply).toEqual({ ok: true, states: [{ key: 'arxiv:2404.14219', starred: false, read: true }] })
    expect(notified).toEqual([])
  })

  it('turns a store failure into an error reply', async () => {
    const reply = await routeMessage(store, { type: 'setFlags', key: 'arxiv:2404.14219', changes: { read: true } }, notify)
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('not on the shelf') })
    expect(notified).toEqual([])
  })

  it('lists the shelf', async () => {
    await store.setFlags('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    const reply = await routeMessage(store, { type: 'list' }, notify)
    expect(reply.ok && 'papers' in reply ? reply.papers.map((paper) => paper.key) : []).toEqual(['arxiv:2404.14219'])
  })

  it('notifies only papers whose details really changed', async () => {
    await store.setFlags('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    notified = []
    const unchanged = await routeMessage(store, { type: 'remember', refs: [hfRef('2404.14219')] }, notify)
    expect(unchanged).toEqual({ ok: true, updated: 0 })
    expect(notified).toEqual([])
    const changed = await routeMessage(store, { type: 'remember', refs: [hfRef('2404.14219', { abstract: 'New.' })] }, notify)
    expect(changed).toEqual({ ok: true, updated: 1 })
    expect(notified).toHaveLength(1)
  })
})

describe('importing a backup', () => {
  const backupOf = (papers: Paper[]) => toJsonBackup(papers, new Date('2026-11-22T10:00:00Z'))

  it('adds, updates and leaves papers as the timestamps say, and tells every page', async () => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const [mine] = await db.papers.toArray()
    notified = []
    const newerRead = { ...mine!, read: 1 as const, readChangedAt: mine!.readChangedAt + 1000 }
    const fresh = storedPaper('2404.00002', { starred: 1 })
    const reply = await routeMessage(store, { type: 'importBackup', text: backupOf([newerRead, fresh]) }, notify)
    expect(reply).toEqual({ ok: true, added: 1, updated: 1, unchanged: 0 })
    expect(await db.papers.get('arxiv:2404.00001')).toMatchObject({ starred: 1, read: 1 })
    expect(await db.papers.get('arxiv:2404.00002')).toMatchObject({ starred: 1 })
    expect(notified.flat().map((paper) => paper.key).sort()).toEqual(['arxiv:2404.00001', 'arxiv:2404.00002'])

    notified = []
    const again = await routeMessage(store, { type: 'importBackup', text: backupOf([newerRead, fresh]) }, notify)
    expect(again).toEqual({ ok: true, added: 0, updated: 0, unchanged: 2 })
    expect(notified).toEqual([])
  })

  it.each([
    ['a truncated file', (text: string) => text.slice(0, text.length / 2)],
    ['a file with one bad paper among good ones', (text: string) => text.replace('"title":"Paper 2404.00005"', '"title":42')],
    ['a file from a newer version', (text: string) => text.replace('"version":1', '"version":99')],
    ['a file that is not a backup', () => JSON.stringify({ hello: 'world' })],
  ])('writes nothing from %s', async (_name, damage) => {
    await store.setFlags('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const before = await db.papers.toArray()
    notified = []
    const papers = ['2404.00003', '2404.00004', '2404.00005'].map((id) => storedPaper(id, { starred: 1 }))
    const reply = await routeMessage(store, { type: 'importBackup', text: damage(backupOf(papers)) }, notify)
    expect(reply.ok).toBe(false)
    expect(reply.ok ? '' : reply.error).toMatch(/^Nothing was imported\. /)
    expect(await db.papers.toArray()).toEqual(before)
    expect(notified).toEqual([])
  })
})
