import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasAnyMark, initialMarks, lastChangedAt, sameMarks, withMarkValues, type MarkChanges, type Marks } from '../../../src/core/marks'
import type { Paper, PaperKey } from '../../../src/core/paper'
import {
  decodeEntry,
  encodeEntry,
  joinEntries,
  paperOfEntry,
  syncEntryOf,
  SYNCED_DESCRIPTION,
  type SyncEntry,
} from '../../../src/core/sync/sync-entry'
import {
  itemBytes,
  planSync,
  readShard,
  shardItemKey,
  shardOfItemKey,
  shardOfKey,
  SYNC_FORMAT,
  SYNC_LIMITS,
  viewOf,
  type SyncView,
} from '../../../src/core/sync/sync-plan'
import { isPaperKey } from '../../../src/core/validation'
import { randomPaper } from '../export/arbitraries'
import { marks, storedPaper } from '../paper-fixtures'

const NOW = Date.UTC(2026, 11, 2)

function roundTrip(entry: SyncEntry): SyncEntry {
  const decoded = decodeEntry(JSON.parse(JSON.stringify(encodeEntry(entry))))
  if (!decoded.ok) throw new Error(decoded.error)
  return decoded.value
}

describe('a synced entry', () => {
  it('holds the key, a short description and every mark with its time, and reads back the same', () => {
    fc.assert(
      fc.property(randomPaper, (paper) => {
        fc.pre(isPaperKey(paper.key))
        const entry = syncEntryOf(paper)
        expect(entry.title.length).toBeLessThanOrEqual(SYNCED_DESCRIPTION.titleLength)
        expect(entry.author.length).toBeLessThanOrEqual(SYNCED_DESCRIPTION.authorLength)
        const back = roundTrip(entry)
        expect(back).toEqual(entry)
        expect(sameMarks(back.marks, paper.marks)).toBe(true)
      }),
    )
  })

  it('is compact: a starred arXiv paper takes little more than its title', () => {
    const paper = storedPaper(
      '2411.01234',
      { title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], published: '2017-06-12' },
      { starred: true },
    )
    const encoded = JSON.stringify(encodeEntry(syncEntryOf({ ...paper, marks: marks({ starred: { value: true, at: NOW } }) })))
    expect(encoded).toBe(`["arxiv:2411.01234","Attention Is All You Need","Ashish Vaswani",2017,[[true,${NOW}],0,0,0]]`)
  })

  it('keeps the description already synced, so devices never rewrite each other’s', () => {
    const synced = syncEntryOf(storedPaper('2411.01234', { title: 'A title from arXiv' }))
    const local = storedPaper('2411.01234', { title: 'A Title From Hugging Face' }, { read: true })
    const entry = syncEntryOf(local, synced)
    expect(entry.title).toBe('A title from arXiv')
    expect(entry.marks).toBe(local.marks)
  })

  it('becomes a paper that passes the backup’s checks, its details never newer than the device’s own', () => {
    const entry = syncEntryOf(
      storedPaper(
        '2411.01234',
        { aliases: ['pmid:123'], published: '2024-11-02' },
        { starred: { value: true, at: 50 }, read: { value: true, at: 20 } },
      ),
    )
    const paper = paperOfEntry(entry)
    expect(paper).toMatchObject({
      key: 'arxiv:2411.01234',
      arxivId: '2411.01234',
      aliases: ['pmid:123'],
      published: '2024',
      links: {},
      metadataChangedAt: 0,
      addedAt: 20,
    })
    expect(paperOfEntry(syncEntryOf(storedPaper('x', { key: 'doi:10.1/x', arxivId: undefined }))).doi).toBe('10.1/x')
  })

  it('refuses what a hostile or damaged device could write', () => {
    const good = encodeEntry(syncEntryOf(storedPaper('2411.01234', {}, { starred: true })))
    const bad: unknown[] = [
      null,
      'arxiv:2411.01234',
      [],
      ['arxiv:2411.01234v2', ...good.slice(1)],
      ['javascript:alert(1)', ...good.slice(1)],
      [good[0], '', ...good.slice(2)],
      [good[0], 'x'.repeat(SYNCED_DESCRIPTION.titleLength + 1), ...good.slice(2)],
      [good[0], good[1], 7, ...good.slice(3)],
      [good[0], good[1], good[2], 99_999, good[4]],
      [good[0], good[1], good[2], good[3], [[true, -1], 0, 0, 0]],
      [good[0], good[1], good[2], good[3], [['yes', 5], 0, 0, 0]],
      [good[0], good[1], good[2], good[3], [[true, 8.7e15], 0, 0, 0]],
      [good[0], good[1], good[2], good[3], [0, 0, [[{ name: 'a,b', at: 1 }], 1], 0]],
      [good[0], good[1], good[2], good[3], [0, 0]],
      [...good, ['arxiv:2411.01234']],
      [...good, ['doi:10.1/x', 'doi:10.1/y', 'doi:10.1/z', 'doi:10.1/w', 'doi:10.1/v']],
      ['doi:10.1/x', good[1], good[2], good[3], good[4], ['arxiv:2411.01234']],
    ]
    for (const value of bad) expect(decodeEntry(value).ok, JSON.stringify(value)).toBe(false)
    expect(decodeEntry(good).ok).toBe(true)
  })

  it('reads marks a later version appends, and ignores them', () => {
    const good = encodeEntry(syncEntryOf(storedPaper('2411.01234', {}, { starred: true })))
    const later = [good[0], good[1], good[2], good[3], [...good[4], [true, 5]]]
    expect(decodeEntry(later)).toMatchObject({ ok: true, value: { marks: { starred: { value: true } } } })
  })

  it('joins two sides by each mark’s rule, keeping the synced description', () => {
    const synced = syncEntryOf(storedPaper('1', { title: 'Synced' }, { starred: { value: true, at: 10 } }))
    const other = syncEntryOf(storedPaper('1', { title: 'Other' }, { starred: { value: false, at: 20 }, read: { value: true, at: 5 } }))
    const joined = joinEntries(synced, other)
    expect(joined.title).toBe('Synced')
    expect(joined.marks).toEqual(marks({ starred: { value: false, at: 20 }, read: { value: true, at: 5 } }))
    expect(joinEntries(joined, other)).toBe(joined)
  })
})

describe('sync items', () => {
  it('spread keys over the shards evenly', () => {
    const counts = new Array<number>(SYNC_LIMITS.shards).fill(0)
    for (let i = 0; i < 3200; i++) counts[shardOfKey(`arxiv:2411.${String(i).padStart(5, '0')}`)]! += 1
    expect(Math.min(...counts)).toBeGreaterThan(50)
    expect(Math.max(...counts)).toBeLessThan(150)
  })

  it('are named shelf-0 … shelf-31, and other items are not shards', () => {
    expect(shardOfItemKey(shardItemKey(31))).toBe(31)
    for (const other of ['shelf-32', 'shelf-01', 'shelf-', 'other', 'shelf-1.5']) expect(shardOfItemKey(other)).toBeUndefined()
  })

  it('skip entries that are not valid, and leave a newer format alone', () => {
    const good = encodeEntry(syncEntryOf(storedPaper('2411.01234', {}, { starred: true })))
    expect(readShard({ v: SYNC_FORMAT, p: [good, ['bad'], good] })).toMatchObject({ skipped: 2, newerFormat: false })
    expect(readShard({ v: SYNC_FORMAT + 1, p: [good] })).toEqual({ entries: [], skipped: 0, newerFormat: true })
    expect(readShard('<img src=x onerror=alert(1)>')).toEqual({ entries: [], skipped: 1, newerFormat: false })
    expect(viewOf({ 'shelf-3': { v: SYNC_FORMAT + 1, p: [] }, unrelated: 1 }).newerFormat).toBe(true)
  })
})

/** A shelf of `count` papers with realistic titles, starred one minute apart, the last one first. */
function bigShelf(count: number): Paper[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `24${String(1 + (i % 12)).padStart(2, '0')}.${String(i).padStart(5, '0')}`
    return storedPaper(
      id,
      {
        title: `Scaling Laws for Sparse Mixture-of-Experts Language Models Trained on ${i} Tokens of Web Text`,
        authors: ['Jordan Hoffmann', 'Sebastian Borgeaud'],
        published: '2024-03-01',
      },
      { starred: { value: true, at: NOW - i * 60_000 }, ...(i % 3 === 0 ? { read: { value: true, at: NOW - i * 60_000 } } : {}) },
    )
  })
}

function applyPlan(items: Record<string, unknown>, plan: ReturnType<typeof planSync>): Record<string, unknown> {
  const next = { ...items, ...plan.writes }
  for (const key of plan.removals) delete next[key]
  return next
}

function totalBytes(items: Record<string, unknown>): number {
  return Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0)
}

describe('planning what to write', () => {
  it('fits a shelf of 5,000 papers into the quota, the most recently changed first, and says how many sync', () => {
    const shelf = bigShelf(5000)
    const plan = planSync(
      new Map(),
      shelf.map((paper) => syncEntryOf(paper)),
      shelf.length,
      NOW,
    )
    const items = applyPlan({}, plan)
    expect(Object.keys(items).length).toBeLessThanOrEqual(SYNC_LIMITS.shards)
    for (const [key, value] of Object.entries(items)) expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_LIMITS.bytesPerItem)
    expect(totalBytes(items)).toBeLessThanOrEqual(SYNC_LIMITS.bytes)
    expect(plan.onShelf).toBe(5000)
    expect(plan.synced).toBeGreaterThan(400)
    expect(plan.synced).toBeLessThan(5000)
    const synced = new Set([...viewOf(items).view.values()].flatMap((entries) => [...entries.keys()]))
    expect(synced.size).toBe(plan.synced)
    // Shards fill unevenly: near the end a paper may not fit its shard while a later one fits another.
    const newest = shelf.slice(0, plan.synced - 40)
    expect(newest.every((paper) => synced.has(paper.key))).toBe(true)
  })

  it('writes nothing when the items already hold what the device knows', () => {
    const shelf = bigShelf(300)
    const local = shelf.map((paper) => syncEntryOf(paper))
    const items = applyPlan({}, planSync(new Map(), local, shelf.length, NOW))
    const view = viewOf(items).view
    const again = planSync(view, localAsSynced(shelf, view), shelf.length, NOW)
    expect(again.writes).toEqual({})
    expect(again.removals).toEqual([])
    expect(again.synced).toBe(300)
  })

  it('writes only the shard of a changed paper', () => {
    const shelf = bigShelf(300)
    const view = viewOf(
      applyPlan(
        {},
        planSync(
          new Map(),
          shelf.map((paper) => syncEntryOf(paper)),
          300,
          NOW,
        ),
      ),
    ).view
    const changed = { ...shelf[121]!, marks: withMarkValues(shelf[121]!.marks, { read: true }, NOW + 1000) }
    const local = localAsSynced([...shelf.slice(0, 121), changed, ...shelf.slice(122)], view)
    const plan = planSync(view, local, 300, NOW + 1000)
    expect(Object.keys(plan.writes)).toEqual([shardItemKey(shardOfKey(changed.key))])
  })

  it('pushes the oldest papers out when the quota is full, staying within it', () => {
    const shelf = bigShelf(3000)
    let items = applyPlan(
      {},
      planSync(
        new Map(),
        shelf.map((paper) => syncEntryOf(paper)),
        3000,
        NOW,
      ),
    )
    const fresh = bigShelf(400).map((paper, i) => ({
      ...paper,
      key: `doi:10.5555/new.${i}`,
      arxivId: undefined,
      marks: marks({ starred: { value: true, at: NOW + 1000 + i } }),
    }))
    const view = viewOf(items).view
    items = applyPlan(items, planSync(view, localAsSynced([...fresh, ...shelf], view), 3400, NOW + 5000))
    expect(totalBytes(items)).toBeLessThanOrEqual(SYNC_LIMITS.bytes)
    const synced = new Set([...viewOf(items).view.values()].flatMap((entries) => [...entries.keys()]))
    expect(fresh.every((paper) => synced.has(paper.key))).toBe(true)
    expect(synced.has(shelf[2999]!.key)).toBe(false)
  })

  it('syncs a paper whose note is too long without its note and tags, and a cleared paper for 90 days', () => {
    const long = storedPaper('2411.00001', {}, { starred: { value: true, at: NOW }, note: { value: 'n'.repeat(5000), at: NOW } })
    const cleared = storedPaper('2411.00002', {}, { starred: { value: false, at: NOW - 89 * 86_400_000 } })
    const forgotten = storedPaper('2411.00003', {}, { starred: { value: false, at: NOW - 91 * 86_400_000 } })
    const plan = planSync(
      new Map(),
      [long, cleared, forgotten].map((paper) => syncEntryOf(paper)),
      1,
      NOW,
    )
    const view = viewOf(applyPlan({}, plan)).view
    const entries = new Map([...view.values()].flatMap((shard) => [...shard]))
    expect(entries.get(long.key)?.marks.note).toEqual({ value: '', at: 0 })
    expect(entries.get(long.key)?.marks.starred).toEqual({ value: true, at: NOW })
    expect(entries.has(cleared.key)).toBe(true)
    expect(entries.has(forgotten.key)).toBe(false)
    expect(plan.synced).toBe(1)
  })
})

/** This device's entries, described as synced where the items hold them, as the background builds them. */
function localAsSynced(papers: readonly Paper[], view: SyncView): SyncEntry[] {
  return papers.map((paper) => syncEntryOf(paper, view.get(shardOfKey(paper.key))?.get(paper.key)))
}

/**
 * Two devices and the browser's sync between them. Each device keeps its shelf (entries as its
 * database would hold them) and the items as it last heard of them; writes reach the shared items
 * whole, the last writer of an item winning, and the other device hears of them only when it pulls:
 * every interleaving of changes, writes from stale views and late deliveries is possible.
 */
class Device {
  readonly shelf = new Map<PaperKey, SyncEntry>()
  private items: Record<string, unknown> = {}

  change(key: PaperKey, changes: MarkChanges, at: number): void {
    const current = this.shelf.get(key) ?? syncEntryOf(storedPaper(key.slice('arxiv:'.length), {}, {}))
    this.shelf.set(key, { ...current, marks: withMarkValues(current.marks, changes, at) })
  }

  pull(cloud: Record<string, unknown>): void {
    this.items = { ...cloud }
    for (const entries of viewOf(this.items).view.values()) {
      for (const entry of entries.values()) {
        const mine = this.shelf.get(entry.key)
        // As the background merges: papers new to this device come only with a mark.
        if (mine) this.shelf.set(entry.key, joinEntries(mine, entry))
        else if (hasAnyMark(entry.marks)) this.shelf.set(entry.key, entry)
      }
    }
  }

  /** Writes what the plan says into the shared items; returns whether it wrote anything. */
  push(cloud: Record<string, unknown>, now: number): boolean {
    const { view } = viewOf(this.items)
    const local = [...this.shelf.values()].map((entry) => ({
      ...entry,
      ...(view.get(shardOfKey(entry.key))?.get(entry.key) ?? {}),
      marks: entry.marks,
    }))
    const plan = planSync(view, local, local.filter((entry) => hasAnyMark(entry.marks)).length, now)
    Object.assign(cloud, plan.writes)
    Object.assign(this.items, plan.writes)
    for (const key of plan.removals) {
      delete cloud[key]
      delete this.items[key]
    }
    return Object.keys(plan.writes).length + plan.removals.length > 0
  }
}

const KEYS = ['arxiv:2401.00001', 'arxiv:2401.00002', 'arxiv:2401.00003', 'arxiv:2401.00004'] as const

const change = fc.oneof(
  fc.record({ starred: fc.boolean() }),
  fc.record({ read: fc.boolean() }),
  fc.record({ tags: fc.subarray(['ml', 'ML', 'theory', 'to read']) }),
  fc.record({ note: fc.constantFrom('', 'good', 'bad') }),
) as fc.Arbitrary<MarkChanges>

const step = fc.oneof(
  fc.record({ kind: fc.constant('change' as const), device: fc.nat(1), key: fc.constantFrom(...KEYS), changes: change }),
  fc.record({ kind: fc.constant('pull' as const), device: fc.nat(1) }),
  fc.record({ kind: fc.constant('push' as const), device: fc.nat(1) }),
)

function state(device: Device): Map<PaperKey, Marks> {
  return new Map([...device.shelf].filter(([, entry]) => hasAnyMark(entry.marks)).map(([key, entry]) => [key, entry.marks]))
}

describe('two devices syncing', () => {
  it('converge to the same marks whatever the interleaving of changes, writes and deliveries', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const cloud: Record<string, unknown> = {}
        const devices = [new Device(), new Device()] as const
        steps.forEach((s, index) => {
          const device = devices[s.device]!
          // Two steps share each millisecond, so changes on both devices tie now and then.
          const at = NOW + Math.floor(index / 2)
          if (s.kind === 'change') device.change(s.key, s.changes, at)
          else if (s.kind === 'pull') device.pull(cloud)
          else device.push(cloud, at)
        })
        // Then the browsers deliver everything until nobody has anything left to write.
        let rounds = 0
        let wrote = true
        while (wrote) {
          expect(rounds++).toBeLessThan(6)
          wrote = false
          for (const device of devices) {
            device.pull(cloud)
            wrote = device.push(cloud, NOW + 1000) || wrote
          }
        }
        for (const device of devices) device.pull(cloud)
        const [a, b] = devices.map(state) as [Map<PaperKey, Marks>, Map<PaperKey, Marks>]
        expect([...a.keys()].sort()).toEqual([...b.keys()].sort())
        for (const [key, marksOfA] of a) expect(sameMarks(marksOfA, b.get(key)!), key).toBe(true)
        const synced = new Map([...viewOf(cloud).view.values()].flatMap((entries) => [...entries]))
        for (const [key, marksOfA] of a) expect(sameMarks(marksOfA, synced.get(key)?.marks ?? initialMarks()), key).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('keep each change’s time: the paper changed last on either device is the one both show', () => {
    const cloud: Record<string, unknown> = {}
    const [laptop, desktop] = [new Device(), new Device()]
    laptop.change(KEYS[0], { starred: true }, NOW)
    laptop.push(cloud, NOW)
    desktop.pull(cloud)
    desktop.change(KEYS[0], { starred: false }, NOW + 10)
    laptop.change(KEYS[0], { read: true }, NOW + 5)
    // Both write the same item from what they last heard: the laptop's write wins, and lacks the unstar.
    desktop.push(cloud, NOW + 10)
    laptop.push(cloud, NOW + 11)
    // Hearing of it, the desktop merges it and writes back what the laptop did not know.
    desktop.pull(cloud)
    expect(desktop.push(cloud, NOW + 12)).toBe(true)
    laptop.pull(cloud)
    expect(laptop.push(cloud, NOW + 13)).toBe(false)
    for (const device of [laptop, desktop]) {
      expect(device.shelf.get(KEYS[0])!.marks).toMatchObject({
        starred: { value: false, at: NOW + 10 },
        read: { value: true, at: NOW + 5 },
      })
    }
    expect(lastChangedAt(laptop.shelf.get(KEYS[0])!.marks)).toBe(NOW + 10)
  })
})
