import { browser } from './browser'

/** The browser's answers about the extension's storage. */
export interface StorageChecks {
  persisted(): Promise<boolean>
  /** Asks the browser to keep the data; resolves with whether it will. */
  persist(): Promise<boolean>
  /** Whether the extension holds `unlimitedStorage`, which Chromium never evicts even when it declines `persist()`. */
  hasUnlimitedStorage(): Promise<boolean>
}

/** The storage answers of the browser this extension page runs in. */
export const browserStorageChecks: StorageChecks = {
  persisted: () => navigator.storage.persisted(),
  persist: () => navigator.storage.persist(),
  hasUnlimitedStorage: () => browser.permissions.contains({ permissions: ['unlimitedStorage'] }),
}
