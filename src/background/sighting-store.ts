import type { PaperKey } from '../core/paper'
import type { ShelfDatabase, Sighting } from './database'

/**
 * Where a key's neighbours are: its text up to the first `/` after the kind (`doi:10.1101/`,
 * `arxiv:hep-th/`, `pmlr:v202/`), else up to the first `.` (`arxiv:2607.`, a month of arXiv ids), else
 * its kind (`openreview:`). Keys of one neighbourhood sort together and are few between any two of them.
 */
export function neighbourhoodOf(key: PaperKey): string {
  const kind = key.indexOf(':') + 1
  const slash = key.indexOf('/', kind)
  if (slash >= 0) return key.slice(0, slash + 1)
  const dot = key.indexOf('.', kind)
  return dot >= 0 ? key.slice(0, dot + 1) : key.slice(0, kind)
}

/** The first and last of `keys` in each of their neighbourhoods. */
function neighbourhoods(keys: Iterable<PaperKey>): Array<[PaperKey, PaperKey]> {
  const ranges = new Map<string, [PaperKey, PaperKey]>()
  for (const key of keys) {
    const name = neighbourhoodOf(key)
    const range = ranges.get(name)
    if (!range) ranges.set(name, [key, key])
    else if (key < range[0]) range[0] = key
    else if (key > range[1]) range[1] = key
  }
  return [...ranges.values()]
}

/** Where and when papers were seen on listings. Each method is one short transaction. */
export class SightingStore {
  constructor(
    private readonly db: ShelfDatabase,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The keys among `keys` that were seen before. */
  async seenAmong(keys: readonly PaperKey[]): Promise<PaperKey[]> {
    if (keys.length === 0) return []
    const asked = new Set(keys)
    // One request per neighbourhood of keys, reading every stored key between its first and last: a
    // request costs far more than a key read in one (a page's 2,000 arXiv ids are one or two ranges).
    const ranges = await this.db.transaction('r', this.db.sightings, () =>
      Promise.all(
        neighbourhoods(asked).map(([first, last]) => this.db.sightings.where(':id').between(first, last, true, true).primaryKeys()),
      ),
    )
    return ranges.flat().filter((key) => asked.has(key))
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
