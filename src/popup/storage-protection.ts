import type { StorageChecks } from '../platform/storage-checks'

export type { StorageChecks }

/** What the browser promises about keeping the shelf's data when disk space runs low. */
export type StorageProtection = 'persistent' | 'unlimited' | 'none' | 'unknown'

/** Asks the browser to keep the shelf (once granted, asking again changes nothing) and says what it promised. */
export async function protectStorage(checks: StorageChecks): Promise<StorageProtection> {
  let answered = false
  try {
    if ((await checks.persisted()) || (await checks.persist())) return 'persistent'
    answered = true
  } catch {
    // No storage manager here: the permission below may still tell.
  }
  try {
    if (await checks.hasUnlimitedStorage()) return 'unlimited'
  } catch {
    // Nothing more to learn: what `persist()` answered decides.
  }
  return answered ? 'none' : 'unknown'
}

const BACKUP_ADVICE = 'Removing Paper Shelf removes it too, so keep a backup (Export → JSON backup).'

export const PROTECTION_TEXT: Readonly<Record<StorageProtection, string>> = {
  persistent: `Kept: the browser granted persistent storage and will not clear your shelf to free disk space. ${BACKUP_ADVICE}`,
  unlimited: `Kept: Paper Shelf has unlimited storage, which the browser does not clear to free disk space. ${BACKUP_ADVICE}`,
  none: 'The browser may clear your shelf when disk space runs low. Export a backup now and then (Export → JSON backup).',
  unknown: `The browser did not say whether it keeps your shelf when disk space runs low. ${BACKUP_ADVICE}`,
}
