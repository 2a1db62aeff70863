import { MARK_IDS } from './marks'
import type { Paper } from './paper'

/** How often the weekly backup is saved. */
export const BACKUP_INTERVAL_MS = 7 * 24 * 60 * 60 * 1000

/** Papers changed since the last backup (or the last "Not now") before the popup suggests one. */
export const REMIND_AFTER_CHANGES = 50

/** When the reader last saved a backup, and last put off the reminder; times in ms, undefined when never. */
export interface BackupTimes {
  lastBackupAt?: number
  dismissedAt?: number
}

/** How many papers had a mark changed after `since`. */
export function papersChangedSince(papers: readonly Paper[], since: number): number {
  let changed = 0
  for (const paper of papers) {
    if (MARK_IDS.some((id) => paper.marks[id].at > since)) changed += 1
  }
  return changed
}

/** Whether the weekly backup is due: never saved, or saved a week or more ago (or in the future, by a clock set back). */
export function weeklyBackupDue({ lastBackupAt }: BackupTimes, now: number): boolean {
  return lastBackupAt === undefined || now - lastBackupAt >= BACKUP_INTERVAL_MS || lastBackupAt > now
}

/** The number of changed papers to remind the reader of, or 0 when there are too few to mention. */
export function changesToRemindOf(papers: readonly Paper[], { lastBackupAt, dismissedAt }: BackupTimes): number {
  const since = Math.max(lastBackupAt ?? 0, dismissedAt ?? 0)
  const changed = papersChangedSince(papers, since)
  return changed >= REMIND_AFTER_CHANGES ? changed : 0
}
