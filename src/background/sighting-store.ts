import type { PaperKey } from '../core/paper'
import type { ShelfDatabase, Sighting } from './database'

/** Where and when papers were seen on listings. Each method is one short transaction. */
export class SightingStore {
  constructor(
    private readonly db: ShelfDatabase,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The keys among `keys` that were seen before. */
  async seenAmong(keys: readonly PaperKey[]): Promise<PaperKey[]> {
    if (keys.length === 0) return []
    // A key-range walk: a page's thousands of keys cost what the store holds of them, not one request each.
    return this.db.sightings
      .where(':id')
      .anyOf([...new Set(keys)])
      .primaryKeys()
  }

  /** Records that the papers `keys` were seen now on the listing called `place`. */
  async record(keys: readonly PaperKey[], place: string): Promise<void> {
    if (keys.length === 0) return
    await this.db.transaction('rw', this.db.sightings, this.db.places, async () => {
      const now = this.clock()
      const unique = [...new Set(keys)]
      const [known, placeId] = await Promise.all([this.db.sightings.bulkGet(unique), this.placeId(place)])
      const rows = unique.map((key, index): Sighting => {
        const sighting = known[index]
        return sighting ? { ...sighting, last: Math.max(sighting.last, now) } : { key, first: now, last: now, place: placeId }
      })
      await this.db.sightings.bulkPut(rows)
    })
  }

  /** How many papers were seen. */
  count(): Promise<number> {
    return this.db.sightings.count()
  }

  /** Forgets every sighting; returns how many papers were forgotten. */
  async clear(): Promise<number> {
    return this.db.transaction('rw', this.db.sightings, this.db.places, async () => {
      const count = await this.db.sightings.count()
      await Promise.all([this.db.sightings.clear(), this.db.places.clear()])
      return count
    })
  }

  private async placeId(name: string): Promise<number> {
    const known = await this.db.places.where('name').equals(name).first()
    return known?.id ?? this.db.places.add({ name })
  }
}
