import { browser } from './browser'

/** A few small items in the extension's local storage. */
export interface LocalArea {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown): Promise<void>
  remove(key: string): Promise<void>
}

/** The browser's local storage for the extension (`storage.local`): this browser only, apart from the shelf's IndexedDB database. */
export const browserLocalArea: LocalArea = {
  get: async (key) => (await browser.storage.local.get(key))[key],
  set: (key, value) => browser.storage.local.set({ [key]: value }),
  remove: (key) => browser.storage.local.remove(key),
}
