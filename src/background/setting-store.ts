import type { Stamped } from '../core/marks'
import { newerSettings, type SettingName, type StoredSettings } from '../core/settings'
import type { ShelfDatabase } from './database'

/** The reader's settings. */
export class SettingStore {
  constructor(
    private readonly db: ShelfDatabase,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Every setting the reader changed. */
  async all(): Promise<StoredSettings> {
    const settings: StoredSettings = {}
    for (const { name, value, at } of await this.db.settings.toArray()) settings[name] = { value, at }
    return settings
  }

  /** Sets one setting; its time always moves forward, so the latest change wins a merge. Returns every setting. */
  async set(name: SettingName, value: boolean): Promise<StoredSettings> {
    return this.db.transaction('rw', this.db.settings, async () => {
      const known = await this.db.settings.get(name)
      if (known?.value !== value) await this.db.settings.put({ name, value, at: Math.max(this.clock(), (known?.at ?? 0) + 1) })
      return this.all()
    })
  }

  /** Takes the settings of a backup that are newer than the stored ones; returns those it took. */
  async merge(incoming: StoredSettings): Promise<StoredSettings> {
    return this.db.transaction('rw', this.db.settings, async () => {
      const changed = newerSettings(await this.all(), incoming)
      const rows = (Object.entries(changed) as Array<[SettingName, Stamped<boolean>]>).map(([name, { value, at }]) => ({ name, value, at }))
      await this.db.settings.bulkPut(rows)
      return changed
    })
  }
}
