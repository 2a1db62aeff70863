import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Requester } from '../../../src/background/requester'
import { RECOUNT_DELAY_MS, ShelfHealthRecord } from '../../../src/background/shelf-health'
import { FakeLocalArea } from '../../support/fake-local-area'
import { workerRequests } from '../../support/worker-requests'
import { InMemoryBackground } from '../../support/in-memory-background'
import { hfRef, storedPaper } from '../paper-fixtures'

const MAY_1 = Date.UTC(2026, 4, 1)

let background: InMemoryBackground
let area: FakeLocalArea

/** The worker's request handling over the background's database, wired as `src/background/index.ts` wires it; a new one is a worker started again. */
function startWorker() {
  const { db } = background
  const health = new ShelfHealthRecord({ countPapers: () => db.papers.count(), area, clock: () => MAY_1 })
  background.observers.add((push) => health.observe(push))
  db.on('close', () => health.compareAgain())
  return { health, answer: workerRequests(db, background.stores, health, background.notify) }
}

/** Lets fake-indexeddb, which schedules with setImmediate, and the writes after a push settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await new Promise((resolve) => setImmediate(resolve))
}

const star = (id: string) => ({ type: 'setMarks', key: `arxiv:${id}`, changes: { starred: true }, ref: hfRef(id) })

beforeEach(() => {
  background = new InMemoryBackground()
  area = new FakeLocalArea()
})

afterEach(async () => {
  vi.useRealTimers()
  await background.close()
})

describe('the shelf health record', () => {
  it('reports nothing lost on a new install, and remembers the size of the shelf from then on', async () => {
    const { answer } = startWorker()
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
    expect(area.items.get('shelfSize')).toEqual({ papers: 0, at: MAY_1 })
  })

  it('reports a shelf that opened empty after holding papers, across restarts, until the reader dismisses it', async () => {
    area.items.set('shelfSize', { papers: 42, at: MAY_1 - 86_400_000 })
    const lost = { ok: true, lostPapers: 42, lostSince: MAY_1 - 86_400_000, papersNow: 0 }
    expect(await startWorker().answer({ type: 'getShelfHealth' })).toEqual(lost)
    expect(await startWorker().answer({ type: 'getShelfHealth' })).toEqual(lost)
    expect(await startWorker().answer({ type: 'dismissShelfHealth' })).toEqual({ ok: true })
    expect(await startWorker().answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
  })

  it('notices the loss before the worker writes anything, even when a page writes first', async () => {
    area.items.set('shelfSize', { papers: 42, at: MAY_1 })
    const { answer } = startWorker()
    expect(await answer(star('2404.00001'))).toMatchObject({ ok: true })
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true, lostPapers: 42, lostSince: MAY_1, papersNow: 1 })
  })

  it('never takes deleting every paper for a loss', async () => {
    await background.seed([storedPaper('2401.00001', {}, { starred: true }), storedPaper('2401.00002', {}, { read: true })])
    const { answer } = startWorker()
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
    expect(area.items.get('shelfSize')).toEqual({ papers: 2, at: MAY_1 })
    expect(await answer({ type: 'deletePapers', keys: ['arxiv:2401.00001', 'arxiv:2401.00002'] })).toMatchObject({ ok: true })
    await settle()
    expect(area.items.get('shelfSize')).toEqual({ papers: 0, at: MAY_1 })
    expect(await startWorker().answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
  })

  it('counts the shelf once for a burst of changes, a few seconds after them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { db } = background
    const counts = vi.spyOn(db.papers, 'count')
    const { answer } = startWorker()
    for (const id of ['2404.00001', '2404.00002', '2404.00003']) await answer(star(id))
    expect(counts).toHaveBeenCalledTimes(1)
    expect(area.items.get('shelfSize')).toEqual({ papers: 0, at: MAY_1 })
    await vi.advanceTimersByTimeAsync(RECOUNT_DELAY_MS)
    await settle()
    expect(counts).toHaveBeenCalledTimes(2)
    expect(area.items.get('shelfSize')).toEqual({ papers: 3, at: MAY_1 })
  })

  it('forgets the loss once the shelf holds as many papers again, a backup restored', async () => {
    area.items.set('shelfSize', { papers: 2, at: MAY_1 })
    const { answer } = startWorker()
    expect(await answer({ type: 'getShelfHealth' })).toMatchObject({ lostPapers: 2 })
    await answer({
      type: 'importPapers',
      papers: [storedPaper('2401.00001', {}, { starred: true }), storedPaper('2401.00002', {}, { starred: true })],
    })
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
    expect(area.items.has('shelfLoss')).toBe(false)
  })

  it('compares again when the database was closed under the worker and opened emptied', async () => {
    await background.seed([storedPaper('2401.00001', {}, { starred: true })])
    const { answer } = startWorker()
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
    await background.db.delete()
    await background.db.open()
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true, lostPapers: 1, lostSince: MAY_1, papersNow: 0 })
  })

  it('leaves every other message to the router', async () => {
    const { answer } = startWorker()
    expect(await answer({ type: 'getShelfHealthNow' })).toEqual({
      ok: false,
      error: 'Rejected message: unknown message type "getShelfHealthNow"',
    })
    expect(await answer(null)).toEqual({ ok: false, error: 'Rejected message: message must be an object' })
  })

  it('answers only Paper Shelf’s own pages', async () => {
    area.items.set('shelfSize', { papers: 42, at: MAY_1 })
    const { answer } = startWorker()
    const page: Requester = { kind: 'sitePage', site: 'arxiv' }
    expect(await answer({ type: 'dismissShelfHealth' }, page)).toEqual({
      ok: false,
      error: 'Refused: only Paper Shelf’s own pages may ask for dismissShelfHealth.',
    })
    expect(await answer({ type: 'getShelfHealth' })).toMatchObject({ ok: true, lostPapers: 42 })
  })

  it('ignores a remembered size that is not one', async () => {
    area.items.set('shelfSize', { papers: 'many' })
    expect(await startWorker().answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
  })
})
