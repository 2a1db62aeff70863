import { papersOnShelf } from '../../support/papers-on-shelf'
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SyncEngine } from '../../../src/background/sync-engine'
import { hasAnyMark } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
import { encodeEntry, syncEntryOf } from '../../../src/core/sync/sync-entry'
import { shardItemKey, shardOfKey, SYNC_FORMAT, SYNC_LIMITS } from '../../../src/core/sync/sync-plan'
import { CHROME_SYNC_QUOTA, FakeSyncService, ManualTimer } from '../../support/fake-sync-storage'
import { InMemoryBackground } from '../../support/in-memory-background'
import { hfRef, storedPaper } from '../paper-fixtures'

const NOW = Date.UTC(2026, 11, 2, 9)

/** One computer: its background on its own database, its syncing, and the time there. */
class Computer {
  readonly background = new InMemoryBackground()
  readonly timer = new ManualTimer(this.background)
  readonly engine: SyncEngine
  readonly client = this.background.client()

  constructor(
    readonly name: string,
    service: FakeSyncService,
  ) {
    this.background.now = NOW
    const area = service.area(name)
    this.engine = new SyncEngine({
      papers: this.background.store,
      area,
      notify: this.background.notify,
      clock: () => this.background.now,
      timer: this.timer,
    })
    this.background.sync = this.engine
    this.background.observers.add((push) => this.engine.observe(push))
    area.listen((changes) => void this.engine.remoteChanged(changes))
  }

  async setSync(on: boolean): Promise<void> {
    await this.background.request({ type: 'setSetting', name: 'sync', value: on })
    await this.engine.whenIdle()
  }

  /** Lets time pass here, long enough for gathered changes to be written. */
  async wait(ms = SYNC_LIMITS.writeIntervalMs + 1000): Promise<void> {
    await this.engine.whenIdle()
    this.timer.advance(ms)
    await this.engine.whenIdle()
  }

  async shelf(): Promise<Map<string, Paper>> {
    return new Map((await papersOnShelf(this.background.store)).map((paper) => [paper.key, paper]))
  }
}

let computers: Computer[] = []
let service: FakeSyncService

function computer(name: string): Computer {
  const made = new Computer(name, service)
  computers.push(made)
  return made
}

/** Sync delivers every change to every computer, and each writes back what the others lacked, until nothing is left. */
async function syncEverything(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    service.deliver()
    for (const each of computers) await each.wait()
  }
}

function setup(): void {
  const clock = { now: NOW }
  service = new FakeSyncService(() => Math.max(clock.now, ...computers.map((each) => each.background.now)))
}

/** Two computers syncing, after the laptop starred a paper and sync carried it everywhere. */
async function twoComputersWithAStar(): Promise<[Computer, Computer]> {
  setup()
  const [laptop, desktop] = [computer('laptop'), computer('desktop')]
  await laptop.setSync(true)
  await desktop.setSync(true)
  await laptop.client.set('arxiv:2401.00001', { starred: true }, hfRef('2401.00001'))
  await syncEverything()
  return [laptop, desktop]
}

afterEach(async () => {
  await Promise.all(computers.map((each) => each.background.close()))
  computers = []
})

describe('syncing through the browser’s sync storage', () => {
  it('merges the shelves of two computers when it is turned on, losing nothing', async () => {
    setup()
    const [laptop, desktop] = [computer('laptop'), computer('desktop')]
    await laptop.background.seed([storedPaper('2401.00001', {}, { starred: { value: true, at: NOW - 5000 } })])
    await desktop.background.seed([
      storedPaper('2401.00002', {}, { read: { value: true, at: NOW - 4000 } }),
      storedPaper('2401.00001', {}, { read: { value: true, at: NOW - 3000 } }),
    ])
    await laptop.setSync(true)
    await desktop.setSync(true)
    await syncEverything()
    for (const each of [laptop, desktop]) {
      const shelf = await each.shelf()
      expect([...shelf.keys()].sort(), each.name).toEqual(['arxiv:2401.00001', 'arxiv:2401.00002'])
      expect(shelf.get('arxiv:2401.00001')!.marks).toMatchObject({ starred: { value: true }, read: { value: true } })
      expect(shelf.get('arxiv:2401.00002')!.marks.read.value).toBe(true)
    }
    expect(laptop.engine.currentStatus()).toMatchObject({ on: true, onShelf: 2, synced: 2 })
  })

  it('brings a change from another computer to this one’s pages, and writes this one’s within seconds', async () => {
    setup()
    const [laptop, desktop] = [computer('laptop'), computer('desktop')]
    await laptop.setSync(true)
    await desktop.setSync(true)
    laptop.background.now = NOW + 10_000
    await laptop.client.set('arxiv:2401.00007', { starred: true }, hfRef('2401.00007'))
    await laptop.wait(2000)
    expect(JSON.stringify(service.items)).toContain('arxiv:2401.00007')
    service.deliver()
    await desktop.engine.whenIdle()
    expect((await desktop.shelf()).get('arxiv:2401.00007')?.marks.starred.value).toBe(true)
    expect(desktop.background.pushes.flat().some((paper) => paper.key === 'arxiv:2401.00007' && paper.marks.starred.value)).toBe(true)
  })

  it('gathers a burst of changes into few writes, never more than one every 2.5 seconds', async () => {
    setup()
    const laptop = computer('laptop')
    await laptop.setSync(true)
    const before = service.writes.length
    for (let i = 0; i < 40; i++) {
      await laptop.client.set(`arxiv:2401.${String(i).padStart(5, '0')}`, { starred: true }, hfRef(`2401.${String(i).padStart(5, '0')}`))
      await laptop.wait(100)
    }
    await laptop.wait()
    const writes = service.writes.slice(before)
    expect(writes.length).toBeLessThanOrEqual(3)
    for (let i = 1; i < writes.length; i++) expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(SYNC_LIMITS.writeIntervalMs)
    expect(Object.values(service.items).flatMap((item) => (item as { p: unknown[] }).p)).toHaveLength(40)
  })

  it('carries a deletion to the other computer, and its undo too', async () => {
    setup()
    const [laptop, desktop] = [computer('laptop'), computer('desktop')]
    await laptop.background.seed([
      storedPaper(
        '2401.00001',
        {},
        { starred: { value: true, at: NOW - 5000 }, tags: { value: [{ name: 'ml', at: NOW - 5000 }], at: NOW - 5000 } },
      ),
    ])
    await laptop.setSync(true)
    await desktop.setSync(true)
    await syncEverything()
    expect((await desktop.shelf()).has('arxiv:2401.00001')).toBe(true)

    const deleted = await laptop.client.deletePapers(['arxiv:2401.00001'])
    await syncEverything()
    expect((await desktop.shelf()).has('arxiv:2401.00001')).toBe(false)
    expect((await laptop.shelf()).has('arxiv:2401.00001')).toBe(false)

    await laptop.client.restorePapers(deleted)
    await syncEverything()
    for (const each of [laptop, desktop]) {
      const paper = (await each.shelf()).get('arxiv:2401.00001')
      expect(paper?.marks.starred.value, each.name).toBe(true)
      expect(paper?.marks.tags.value.filter((tag) => !tag.removed).map((tag) => tag.name)).toEqual(['ml'])
    }
  })

  it('keeps the shelf when turned off, and no longer takes or writes changes', async () => {
    const [laptop, desktop] = await twoComputersWithAStar()
    await desktop.setSync(false)
    expect(desktop.engine.currentStatus()).toEqual({ on: false })
    await laptop.client.set('arxiv:2401.00002', { starred: true }, hfRef('2401.00002'))
    const writes = service.writes.length
    await desktop.client.set('arxiv:2401.00003', { read: true }, hfRef('2401.00003'))
    await syncEverything()
    expect([...(await desktop.shelf()).keys()].sort()).toEqual(['arxiv:2401.00001', 'arxiv:2401.00003'])
    expect(service.writes.slice(writes).every((write) => write.device === 'laptop')).toBe(true)
  })

  it('says why a write failed and tries again a minute later', async () => {
    setup()
    const laptop = computer('laptop')
    await laptop.setSync(true)
    service.failures.push('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.')
    await laptop.client.set('arxiv:2401.00001', { starred: true }, hfRef('2401.00001'))
    await laptop.wait()
    expect(laptop.engine.currentStatus().problem).toMatch(/limits how often .* tries again in a minute/)
    expect(service.items).toEqual({})
    await laptop.wait(60_000)
    expect(JSON.stringify(service.items)).toContain('arxiv:2401.00001')
    expect(laptop.engine.currentStatus()).toMatchObject({ on: true, onShelf: 1, synced: 1 })
    expect(laptop.engine.currentStatus().problem).toBeUndefined()
  })

  it('leaves items of a newer format alone and says to update', async () => {
    setup()
    const laptop = computer('laptop')
    service.writeAsAnotherDevice({ [shardItemKey(3)]: { v: SYNC_FORMAT + 1, p: 'something new' } })
    await laptop.background.seed([storedPaper('2401.00001', {}, { starred: true })])
    await laptop.setSync(true)
    await laptop.wait()
    expect(laptop.engine.currentStatus().problem).toMatch(/newer version of Paper Shelf/)
    expect(service.writes.filter((write) => write.device === 'laptop')).toEqual([])
  })

  it('skips what a damaged or hostile device wrote, storing nothing of it', async () => {
    setup()
    const laptop = computer('laptop')
    await laptop.setSync(true)
    const good = storedPaper('2401.00009', { title: 'A real paper' }, { starred: { value: true, at: NOW - 1 } })
    const key = shardItemKey(shardOfKey(good.key))
    service.writeAsAnotherDevice({
      [key]: {
        v: SYNC_FORMAT,
        p: [
          encodeEntry(syncEntryOf(good)),
          ['arxiv:2401.00010', '<img src=x onerror=alert(1)>', '', 0, [[true, -5], 0, 0, 0]],
          ['javascript:alert(1)', 'x', '', 0, [[true, 5], 0, 0, 0]],
          'garbage',
        ],
      },
      [shardItemKey(shardOfKey(good.key) === 0 ? 1 : 0)]: '<script>',
      unrelated: { anything: true },
    })
    service.deliver()
    await laptop.wait()
    expect([...(await laptop.shelf()).keys()]).toEqual(['arxiv:2401.00009'])
    expect(laptop.engine.currentStatus().problem).toBeUndefined()
  })

  it('keeps a shelf of 5,000 papers within the quota, syncing the most recently changed and saying how many', async () => {
    setup()
    const laptop = computer('laptop')
    await laptop.background.seed(
      Array.from({ length: 5000 }, (_, i) =>
        storedPaper(
          `2402.${String(i).padStart(5, '0')}`,
          { title: `Efficient Fine-Tuning of Large Language Models with Low-Rank Adapters, Part ${i}`, authors: ['Edward J. Hu'] },
          { starred: { value: true, at: NOW - i * 1000 } },
        ),
      ),
    )
    await laptop.setSync(true)
    await laptop.wait()
    expect(service.totalBytes()).toBeLessThanOrEqual(CHROME_SYNC_QUOTA.bytes)
    const status = laptop.engine.currentStatus()
    expect(status.onShelf).toBe(5000)
    expect(status.synced).toBeGreaterThan(400)
    expect(status.synced).toBeLessThan(5000)
    expect(JSON.stringify(service.items)).toContain('arxiv:2402.00000')
    expect(JSON.stringify(service.items)).not.toContain('arxiv:2402.04999')
    expect(await laptop.background.request({ type: 'getSyncStatus' })).toEqual({ status })

    // Another computer with nothing on its shelf gets the synced papers, and writes nothing back.
    const desktop = computer('desktop')
    const writes = service.writes.length
    await desktop.setSync(true)
    await desktop.wait()
    expect((await desktop.shelf()).size).toBe(status.synced)
    expect(service.writes.length).toBe(writes)
  })

  it('plans nothing when a page only completes a synced paper’s details, and the computer that took a change writes nothing back', async () => {
    const [laptop] = await twoComputersWithAStar()
    expect(service.writes.filter((write) => write.device === 'desktop')).toEqual([])
    const writes = service.writes.length
    const plans = vi.spyOn(laptop.background.store, 'recentlyChanged')
    await laptop.background.request({
      type: 'remember',
      refs: [hfRef('2401.00001', { abstract: 'Now with an abstract.', title: 'A Longer Title' })],
    })
    await laptop.wait()
    expect(laptop.background.pushes.flat().some((paper) => paper.abstract === 'Now with an abstract.')).toBe(true)
    expect(plans).not.toHaveBeenCalled()
    expect(service.writes.length).toBe(writes)
  })

  it('does not bring back a paper this computer never had when another computer cleared it', async () => {
    setup()
    const laptop = computer('laptop')
    await laptop.setSync(true)
    const cleared = storedPaper('2401.00001', {}, { starred: { value: false, at: NOW - 10 } })
    expect(hasAnyMark(cleared.marks)).toBe(false)
    service.writeAsAnotherDevice({ [shardItemKey(shardOfKey(cleared.key))]: { v: SYNC_FORMAT, p: [encodeEntry(syncEntryOf(cleared))] } })
    service.deliver()
    await laptop.wait()
    expect(await laptop.background.store.lookup([cleared.key])).toMatchObject({ found: [] })
  })
})
