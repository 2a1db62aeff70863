import { describe, expect, it } from 'vitest'
import {
  BACKUP_INTERVAL_MS,
  changesToRemindOf,
  papersChangedSince,
  REMIND_AFTER_CHANGES,
  weeklyBackupDue,
} from '../../../src/core/backup-schedule'
import { storedPaper } from '../paper-fixtures'

const T = Date.UTC(2026, 10, 1)
const starredAt = (count: number, at: number) =>
  Array.from({ length: count }, (_, n) => storedPaper(`2410.${10_000 + n}`, {}, { starred: { value: true, at } }))

describe('papersChangedSince', () => {
  it('counts each paper once when any of its marks changed after the time, a cleared mark too', () => {
    const [changedTwice, old, cleared] = starredAt(3, T - 1000)
    const papers = [
      { ...changedTwice!, marks: { ...changedTwice!.marks, starred: { value: true, at: T + 1 }, read: { value: true, at: T + 2 } } },
      old!,
      { ...cleared!, marks: { ...cleared!.marks, starred: { value: false, at: T + 5 } } },
    ]
    expect(papersChangedSince(papers, T)).toBe(2)
    expect(papersChangedSince(papers, T + 5)).toBe(0)
  })
})

describe('weeklyBackupDue', () => {
  it.each([
    ['never saved', {}, true],
    ['saved six days ago', { lastBackupAt: T - 6 * 86_400_000 }, false],
    ['saved a week ago', { lastBackupAt: T - BACKUP_INTERVAL_MS }, true],
    ['saved "tomorrow" by a clock since set back', { lastBackupAt: T + 86_400_000 }, true],
  ])('%s: %s', (_name, times, due) => {
    expect(weeklyBackupDue(times, T)).toBe(due)
  })
})

describe('changesToRemindOf', () => {
  it('stays quiet below the threshold and counts from the last backup or the last "Not now", whichever is later', () => {
    const before = starredAt(REMIND_AFTER_CHANGES - 1, T + 10)
    expect(changesToRemindOf(before, {})).toBe(0)
    const papers = [...before, ...starredAt(1, T + 20).map((paper) => ({ ...paper, key: 'arxiv:2411.00001' }))]
    expect(changesToRemindOf(papers, {})).toBe(REMIND_AFTER_CHANGES)
    expect(changesToRemindOf(papers, { lastBackupAt: T })).toBe(REMIND_AFTER_CHANGES)
    expect(changesToRemindOf(papers, { lastBackupAt: T + 10 })).toBe(0)
    expect(changesToRemindOf(papers, { lastBackupAt: T, dismissedAt: T + 15 })).toBe(0)
  })
})
