import { afterEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { ShelfHealthRecord } from '../../../src/background/shelf-health'
import { ShelfStores } from '../../../src/background/shelf-stores'
import { DISK_FULL } from '../../../src/background/storage-errors'
import { hfRef } from '../paper-fixtures'
import { FakeLocalArea } from '../../support/fake-local-area'
import { workerRequests } from '../../support/worker-requests'

/**
 * A shelf database whose next `failingOpens` opens fail as Chromium's do when the disk is full or the
 * profile damaged, and whose next `failingWrites` writes fail as they do on a full disk.
 */
class FlakyDatabase extends ShelfDatabase {
  failingOpens = 0
  failingWrites = 0

  constructor() {
    super(`paper-shelf-test-${crypto.randomUUID()}`)
    const sticky = true
    this.on(
      'ready',
      () => {
        if (this.failingOpens === 0) return
        this.failingOpens -= 1
        throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError')
      },
      sticky,
    )
    this.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name)
          return {
            ...table,
            mutate: (request) => {
              if (this.failingWrites === 0) return table.mutate(request)
              this.failingWrites -= 1
              return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
            },
          }
        },
      }),
    })
  }
}

/** The worker's request handling, wired as `src/background/index.ts` wires it. */
function worker(db: ShelfDatabase) {
  const stores = new ShelfStores(db)
  const health = new ShelfHealthRecord({ countPapers: () => db.papers.count(), area: new FakeLocalArea() })
  db.on('close', () => health.compareAgain())
  return workerRequests(db, stores, health, () => undefined)
}

const star = (id: string) => ({ type: 'setMarks', key: `arxiv:${id}`, changes: { starred: true }, ref: hfRef(id) })
const UNAVAILABLE =
  /^Paper Shelf’s storage could not be used \(the browser said: Internal error opening backing store for indexedDB\.open\)\. /

let db: FlakyDatabase

afterEach(async () => {
  await db.delete()
})

describe('a worker whose storage failed', () => {
  it('answers the first request on a database opened again when the first open failed, and the next ones too', async () => {
    db = new FlakyDatabase()
    db.failingOpens = 1
    const answer = worker(db)
    expect(await answer(star('2404.00001'))).toMatchObject({ ok: true, paper: { key: 'arxiv:2404.00001' } })
    expect(await answer({ type: 'lookup', keys: ['arxiv:2404.00001'] })).toMatchObject({ ok: true, found: [{ key: 'arxiv:2404.00001' }] })
    expect(await db.marks.count()).toBe(1)
  })

  it('says what happened when opening fails again, and opens the database for the next request, without a restart', async () => {
    db = new FlakyDatabase()
    db.failingOpens = 2
    const answer = worker(db)
    const failed = await answer({ type: 'lookup', keys: ['arxiv:2404.00001'] })
    expect(failed.ok).toBe(false)
    expect(failed.ok ? '' : failed.error).toMatch(UNAVAILABLE)
    expect(db.hasFailed()).toBe(true)
    expect(await answer(star('2404.00001'))).toMatchObject({ ok: true })
    expect(await answer({ type: 'getShelfHealth' })).toEqual({ ok: true })
  })

  it('opens again for the next request a database whose open failed while no request was waiting', async () => {
    db = new FlakyDatabase()
    db.failingOpens = 1
    await expect(db.open()).rejects.toThrow()
    const answer = worker(db)
    expect(await answer({ type: 'list' })).toMatchObject({ ok: true, papers: [] })
  })

  it('says the disk is full when a write fails for quota, writes nothing, and takes the next write', async () => {
    db = new FlakyDatabase()
    const answer = worker(db)
    await answer({ type: 'getSettings' })
    db.failingWrites = 1
    expect(await answer(star('2404.00001'))).toEqual({ ok: false, error: DISK_FULL })
    expect(await db.papers.count()).toBe(0)
    expect(await answer(star('2404.00001'))).toMatchObject({ ok: true })
    expect(await db.papers.count()).toBe(1)
  })

  it('does not finish a backup import twice: its parts were taken by the attempt that failed', async () => {
    db = new FlakyDatabase()
    const answer = worker(db)
    const begun = await answer({
      type: 'beginImport',
      header: { format: 'paper-shelf-backup', version: 2, exportedAt: '2026-06-01T08:00:00.000Z' },
      paperCount: 0,
    })
    expect(begun).toMatchObject({ ok: true })
    const importId = begun.ok && 'importId' in begun ? begun.importId : ''
    db.close({ disableAutoOpen: false })
    db.failingOpens = 2
    const finished = await answer({ type: 'finishImport', importId })
    expect(finished.ok ? '' : finished.error).toMatch(UNAVAILABLE)
    expect(await answer({ type: 'list' })).toMatchObject({ ok: true, papers: [] })
  })
})
