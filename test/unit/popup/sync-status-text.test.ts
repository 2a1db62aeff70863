import { describe, expect, it } from 'vitest'
import { formatMoment } from '../../../src/popup/format'
import { syncStatusText } from '../../../src/popup/sync-status-text'

const NOW = new Date(2026, 11, 2, 14, 5).getTime()

describe('what Settings says of syncing', () => {
  it.each([
    [{ on: false }, 'Sync is off: your shelf stays on this computer.'],
    [{ on: true }, 'Syncing…'],
    [{ on: true, onShelf: 0, synced: 0 }, 'Your shelf is empty here; papers you star or mark read will sync.'],
    [{ on: true, onShelf: 1, synced: 1 }, 'The paper on your shelf syncs.'],
    [
      { on: true, onShelf: 1200, synced: 1200, lastSyncAt: NOW - 60_000 },
      'All 1,200 papers on your shelf sync. Last synced today at 14:04.',
    ],
    [
      { on: true, onShelf: 5000, synced: 612, lastSyncAt: new Date(2026, 10, 30, 9).getTime() },
      '612 of 5,000 papers sync: those you changed most recently. Your browser’s sync holds about 100 KB for Paper Shelf; the other 4,388 papers stay on this computer. Last synced 30 Nov 2026.',
    ],
    [
      {
        on: true,
        onShelf: 2,
        synced: 2,
        problem: 'Your browser’s sync storage for Paper Shelf is full. Paper Shelf tries again in a minute.',
      },
      'Your browser’s sync storage for Paper Shelf is full. Paper Shelf tries again in a minute. All 2 papers on your shelf sync.',
    ],
  ])('%j', (status, text) => {
    expect(syncStatusText(status, NOW)).toBe(text)
  })
})

describe('formatMoment', () => {
  it('says the time for today and the date otherwise', () => {
    expect(formatMoment(new Date(2026, 11, 2, 0, 1).getTime(), NOW)).toBe('today at 00:01')
    expect(formatMoment(new Date(2026, 11, 1, 23, 59).getTime(), NOW)).toBe('1 Dec 2026')
  })
})
