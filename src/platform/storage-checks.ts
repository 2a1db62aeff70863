import type { StorageChecks } from '../popup/storage-protection'
import { browser } from './browser'

/** The storage answers of the browser this extension page runs in. */
export const browserStorageChecks: StorageChecks = {
  persisted: () => navigator.storage.persisted(),
  persist: () => navigator.storage.persist(),
  hasUnlimitedStorage: () => browser.permissions.contains({ permissions: ['unlimitedStorage'] }),
}
