import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { neighbourhoodOf, SightingStore } from '../../../src/background/sighting-store'

let db: ShelfDatabase
let now: number
let sightings: SightingStore

beforeEach(() => {
  db = new ShelfDatabase(`test-${crypto.randomUUID()}`)
  now = 1_000
  sightings = new SightingStore(db, () => now)
})

afterEach(async () => {
  await db.delete()
})

describe('SightingStore', () => {
  it('records when a paper was first and last seen, and where first', async () => {
    await sightings.record(['arxiv:2411.00001', 'arxiv:2411.00002'], 'arxiv cs.LG/new')
    now = 5_000
    await sightings.record(['arxiv:2411.00002', 'doi:10.1000/x'], 'huggingface daily 2024-11-20')
    const rows = await db.sightings.toArray()
    const places = new Map((await db.places.toArray()).map((place) => [place.id, place.name]))
    expect(rows.map((row) => [row.key, row.first, row.last, places.get(row.place)])).toEqual([
      ['arxiv:2411.00001', 1_000, 1_000, 'arxiv cs.LG/new'],
      ['arxiv:2411.00002', 1_000, 5_000, 'arxiv cs.LG/new'],
      ['doi:10.1000/x', 5_000, 5_000, 'huggingface daily 2024-11-20'],
    ])
  })

  it('names each listing once however many papers were seen there', async () => {
    await sightings.record(['arxiv:2411.00001'], 'arxiv cs.LG/new')
    await sightings.record(['arxiv:2411.00003', 'arxiv:2411.00003'], 'arxiv cs.LG/new')
    expect(await db.places.count()).toBe(1)
    expect(await sightings.count()).toBe(2)
  })

  it('tells which of a page’s keys were seen before, whatever their kinds and however far apart', async () => {
    const stored = [
      'arxiv:2411.00001',
      'arxiv:2411.00050',
      'arxiv:2412.00001',
      'arxiv:hep-th/9901001',
      'doi:10.1101/2024.01.01.1',
      'pmid:7',
    ]
    await sightings.record(stored, 'somewhere')
    const page = ['arxiv:2411.00002', 'arxiv:2411.00050', 'arxiv:2412.00001', 'arxiv:hep-th/9901002', 'doi:10.1101/2024.01.01.1', 'pmid:8']
    expect((await sightings.seenAmong(page)).sort()).toEqual(['arxiv:2411.00050', 'arxiv:2412.00001', 'doi:10.1101/2024.01.01.1'])
  })

  it('reads a page’s keys one neighbourhood at a time', () => {
    expect(
      [
        'arxiv:2607.01234',
        'arxiv:hep-th/9901001',
        'doi:10.1101/2024.01.01.123',
        'pmlr:v202/dutordoir23a',
        'openreview:AbC',
        'neurips:0a1b',
      ].map(neighbourhoodOf),
    ).toEqual(['arxiv:2607.', 'arxiv:hep-th/', 'doi:10.1101/', 'pmlr:v202/', 'openreview:', 'neurips:'])
  })

  it('tells which of a page’s keys were seen before', async () => {
    await sightings.record(['arxiv:2411.00001', 'openreview:AbC'], 'arxiv cs.LG/new')
    expect((await sightings.seenAmong(['arxiv:2411.00002', 'openreview:AbC', 'arxiv:2411.00001', 'arxiv:2411.00001'])).sort()).toEqual([
      'arxiv:2411.00001',
      'openreview:AbC',
    ])
    expect(await sightings.seenAmong([])).toEqual([])
  })

  it('forgets everything when cleared, and says how much', async () => {
    await sightings.record(['arxiv:2411.00001', 'arxiv:2411.00002'], 'arxiv cs.LG/new')
    expect(await sightings.clear()).toBe(2)
    expect(await sightings.count()).toBe(0)
    expect(await db.places.count()).toBe(0)
    expect(await sightings.seenAmong(['arxiv:2411.00001'])).toEqual([])
  })

  it('holds a year of heavy reading and still answers a page’s lookup', async () => {
    const year = Array.from(
      { length: 400_000 },
      (_, index) => `arxiv:${2400 + Math.floor(index / 99_999)}.${String(index % 99_999).padStart(5, '0')}`,
    )
    for (let start = 0; start < year.length; start += 5_000) await sightings.record(year.slice(start, start + 5_000), `arxiv day ${start}`)
    expect(await sightings.count()).toBe(400_000)
    const page = [
      ...year.slice(200_000, 201_000),
      ...Array.from({ length: 1_000 }, (_, index) => `arxiv:2601.${String(index).padStart(5, '0')}`),
    ]
    expect(await sightings.seenAmong(page)).toHaveLength(1_000)
  }, 120_000)
})
