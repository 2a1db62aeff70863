import type { BackupTimes } from '../core/backup-schedule'

/** Where the popup keeps when the reader last saved a backup and last put off the reminder: this browser only. */
export interface BackupRecord {
  times(): BackupTimes
  backedUp(at: number): void
  dismissed(at: number): void
}

const LAST_BACKUP = 'paper-shelf:lastBackupAt'
const DISMISSED = 'paper-shelf:backupReminderDismissedAt'

function readTime(storage: Storage, name: string): number | undefined {
  const value = Number(storage.getItem(name) ?? Number.NaN)
  return Number.isSafeInteger(value) && value > 0 ? value : undefined
}

/**
 * The record in the extension's own `localStorage`, which its pages share: a backup is a file on
 * this computer, so when it was saved is this browser's fact, never synced or backed up itself.
 */
export function localBackupRecord(storage: Storage = localStorage): BackupRecord {
  return {
    times: () => ({ lastBackupAt: readTime(storage, LAST_BACKUP), dismissedAt: readTime(storage, DISMISSED) }),
    backedUp: (at) => storage.setItem(LAST_BACKUP, String(at)),
    dismissed: (at) => storage.setItem(DISMISSED, String(at)),
  }
}
