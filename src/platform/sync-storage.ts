import { browser } from './browser'

/** Sync storage, as syncing uses it. */
export interface SyncArea {
  getAll(): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string[]): Promise<void>
}

/** The browser's sync storage (`storage.sync`): Chrome sync or Firefox Sync carry it to the reader's other computers. */
export const browserSyncArea: SyncArea = {
  getAll: () => browser.storage.sync.get(null),
  set: (items) => browser.storage.sync.set(items),
  remove: (keys) => browser.storage.sync.remove(keys),
}

/**
 * Calls `listener` with each change of sync storage, whichever device made it: every changed item's
 * new value, undefined when it was removed. Registered when the worker starts, so that a change
 * wakes it.
 */
export function onSyncStorageChanged(listener: (changes: Record<string, unknown>) => void): void {
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName !== 'sync') return
    const values: Record<string, unknown> = {}
    for (const [key, change] of Object.entries(changes)) values[key] = change.newValue
    listener(values)
  })
}
