import { lastChangedAt } from '../marks'
import type { PaperKey } from '../paper'
import { isRecord } from '../validation'
import {
  addsToEntry,
  decodeEntry,
  encodeEntry,
  isTombstone,
  joinEntries,
  withToggleMarksOnly,
  type EncodedEntry,
  type SyncEntry,
} from './sync-entry'

/**
 * The shelf in the browser's sync storage: its entries spread over a fixed set of items (shards) by
 * a hash of each paper's key, so a change rewrites one small item. The browsers' limits (Chrome and
 * Firefox alike): 102,400 bytes in all, 8,192 bytes per item counting its key, 512 items, 120 writes
 * a minute and 1,800 an hour.
 */
export const SYNC_LIMITS = {
  /** Bytes the shelf's items may hold in all: the rest of the 102,400 is headroom. */
  bytes: 92_000,
  /** Bytes one item may hold with its key: the browsers allow 8,192. */
  bytesPerItem: 8_000,
  /** Bytes one paper's entry may take; a longer one syncs without its tags and note. */
  bytesPerEntry: 2_000,
  /** Items the shelf is spread over. */
  shards: 32,
  /** Cleared papers are synced this long, so that every device hears of it; then they make room. */
  tombstoneDays: 90,
  /** The shortest time between two writes: 24 a minute, 1,440 an hour. */
  writeIntervalMs: 2_500,
} as const

/** The format of the shelf's items. A device that finds a newer one leaves the items alone. */
export const SYNC_FORMAT = 1

const SHARD_PREFIX = 'shelf-'

/** `["doi:1/x","x","",0,[0,0,0,0]],`: no entry takes fewer bytes. */
const SHORTEST_ENTRY_BYTES = 30

/** What one item holds: the format, and its papers' entries. */
export interface ShardValue {
  v: number
  p: EncodedEntry[]
}

export function shardItemKey(shard: number): string {
  return `${SHARD_PREFIX}${shard}`
}

/** The shard an item key names, or undefined for any other item. */
export function shardOfItemKey(itemKey: string): number | undefined {
  if (!itemKey.startsWith(SHARD_PREFIX)) return undefined
  const shard = Number(itemKey.slice(SHARD_PREFIX.length))
  return Number.isInteger(shard) && shard >= 0 && shard < SYNC_LIMITS.shards && itemKey === shardItemKey(shard) ? shard : undefined
}

/** The shard a paper's entry lives in: FNV-1a of its key. */
export function shardOfKey(key: PaperKey): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % SYNC_LIMITS.shards
}

const encoder = new TextEncoder()

/** Bytes an item takes in the browsers' count: its key and its value as JSON, in UTF-8. */
export function itemBytes(itemKey: string, value: unknown): number {
  return encoder.encode(itemKey).length + encoder.encode(JSON.stringify(value)).length
}

/** What a shard held when read: its valid entries, how many entries were not, and whether a newer format wrote it. */
export interface ReadShard {
  entries: SyncEntry[]
  skipped: number
  newerFormat: boolean
}

/** Reads an item of the shelf as another device (or this one) wrote it, skipping entries that are not valid. */
export function readShard(value: unknown): ReadShard {
  // A later format may hold anything: its version is all this one reads.
  if (isRecord(value) && Number.isInteger(value.v) && (value.v as number) > SYNC_FORMAT)
    return { entries: [], skipped: 0, newerFormat: true }
  if (!isRecord(value) || value.v !== SYNC_FORMAT || !Array.isArray(value.p)) return { entries: [], skipped: 1, newerFormat: false }
  const entries: SyncEntry[] = []
  let skipped = 0
  const keys = new Set<PaperKey>()
  for (const encoded of value.p) {
    const entry = decodeEntry(encoded)
    if (entry.ok && !keys.has(entry.value.key)) {
      keys.add(entry.value.key)
      entries.push(entry.value)
    } else skipped += 1
  }
  return { entries, skipped, newerFormat: false }
}

/** The synced entries, by shard. */
export type SyncView = ReadonlyMap<number, ReadonlyMap<PaperKey, SyncEntry>>

/** The entries of a set of items, by shard. */
export function viewOf(items: Record<string, unknown>): { view: Map<number, Map<PaperKey, SyncEntry>>; newerFormat: boolean } {
  const view = new Map<number, Map<PaperKey, SyncEntry>>()
  let newerFormat = false
  for (const [itemKey, value] of Object.entries(items)) {
    const shard = shardOfItemKey(itemKey)
    if (shard === undefined) continue
    const read = readShard(value)
    newerFormat ||= read.newerFormat
    view.set(shard, new Map(read.entries.map((entry) => [entry.key, entry])))
  }
  return { view, newerFormat }
}

/** What to write, and what the reader is told: how many of this device's papers sync. */
export interface SyncPlan {
  /** The items to set. */
  writes: Record<string, ShardValue>
  /** The items that became empty. */
  removals: string[]
  /** Papers with a mark on this device that are in sync storage after the writes. */
  synced: number
  /** Papers with a mark on this device. */
  onShelf: number
}

function encodedBytes(entry: SyncEntry): number {
  return encoder.encode(JSON.stringify(encodeEntry(entry))).length
}

/** The entry as it fits in an item: whole, else without tags and note, else not at all. */
function fitted(entry: SyncEntry): { entry: SyncEntry; bytes: number } | undefined {
  const bytes = encodedBytes(entry)
  if (bytes <= SYNC_LIMITS.bytesPerEntry) return { entry, bytes }
  const toggles = withToggleMarksOnly(entry)
  const fewer = encodedBytes(toggles)
  return fewer <= SYNC_LIMITS.bytesPerEntry ? { entry: toggles, bytes: fewer } : undefined
}

/** The entries, the most recently changed first (by key on a tie, so every device orders them alike), with their times. */
function byRecency(entries: Iterable<SyncEntry>): Array<{ entry: SyncEntry; at: number }> {
  return Array.from(entries, (entry) => ({ entry, at: lastChangedAt(entry.marks) })).sort(
    (a, b) => b.at - a.at || (a.entry.key < b.entry.key ? -1 : a.entry.key > b.entry.key ? 1 : 0),
  )
}

function shardValue(entries: readonly SyncEntry[]): ShardValue {
  return { v: SYNC_FORMAT, p: [...entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map(encodeEntry) }
}

/**
 * What this device writes so that sync storage holds everything it knows: the synced entries joined
 * with its own (each mark by its merge rule), the most recently changed first while they fit. A
 * shard is written only when it would tell other devices something new, or when the shelf must
 * shrink to stay within its bytes: two devices holding the same marks never rewrite each other's
 * items, and every device's writes only add information, so all of them converge.
 *
 * `local` holds this device's papers (their entries described as synced, where they are), the most
 * recently changed at least; `onShelf` counts its papers with a mark.
 */
export function planSync(view: SyncView, local: readonly SyncEntry[], onShelf: number, now: number): SyncPlan {
  const candidates = new Map<PaperKey, SyncEntry>()
  for (const entries of view.values()) for (const entry of entries.values()) candidates.set(entry.key, entry)
  const ownKeys = new Set<PaperKey>()
  for (const entry of local) {
    if (!isTombstone(entry)) ownKeys.add(entry.key)
    const synced = candidates.get(entry.key)
    candidates.set(entry.key, synced ? joinEntries(synced, entry) : entry)
  }
  const oldestTombstone = now - SYNC_LIMITS.tombstoneDays * 86_400_000
  const shardBytes = Array.from({ length: SYNC_LIMITS.shards }, (_, shard) => itemBytes(shardItemKey(shard), shardValue([])))
  let total = shardBytes.reduce((sum, bytes) => sum + bytes, 0)
  const chosen = Array.from({ length: SYNC_LIMITS.shards }, () => [] as SyncEntry[])
  let synced = 0
  for (const { entry: candidate, at } of byRecency(candidates.values())) {
    // No entry is shorter than a key, a one-letter title and four marks never set.
    if (SYNC_LIMITS.bytes - total < SHORTEST_ENTRY_BYTES) break
    if (at < oldestTombstone && isTombstone(candidate)) continue
    const fit = fitted(candidate)
    if (!fit) continue
    const shard = shardOfKey(candidate.key)
    // The comma between entries.
    const bytes = fit.bytes + 1
    if (shardBytes[shard]! + bytes > SYNC_LIMITS.bytesPerItem || total + bytes > SYNC_LIMITS.bytes) continue
    shardBytes[shard]! += bytes
    total += bytes
    chosen[shard]!.push(fit.entry)
    if (ownKeys.has(candidate.key)) synced += 1
  }
  return { ...shardWrites(view, chosen), synced, onShelf }
}

/**
 * The shards that tell other devices something new. When the items would then hold more than the
 * shelf's bytes (the newest changes pushed older papers out), the shards that lost papers too.
 */
function shardWrites(view: SyncView, chosen: readonly SyncEntry[][]): Pick<SyncPlan, 'writes' | 'removals'> {
  const writes: Record<string, ShardValue> = {}
  const removals: string[] = []
  const shrinking: number[] = []
  let total = 0
  chosen.forEach((entries, shard) => {
    const synced = view.get(shard) ?? new Map<PaperKey, SyncEntry>()
    const itemKey = shardItemKey(shard)
    const adds = entries.some((entry) => {
      const known = synced.get(entry.key)
      return !known || addsToEntry(known, entry)
    })
    if (adds) {
      writes[itemKey] = shardValue(entries)
      total += itemBytes(itemKey, writes[itemKey])
      return
    }
    if (synced.size > 0) total += itemBytes(itemKey, shardValue([...synced.values()]))
    if (synced.size !== entries.length || entries.some((entry) => !synced.has(entry.key))) shrinking.push(shard)
  })
  if (total <= SYNC_LIMITS.bytes) return { writes, removals }
  for (const shard of shrinking) {
    const entries = chosen[shard]!
    if (entries.length > 0) writes[shardItemKey(shard)] = shardValue(entries)
    else removals.push(shardItemKey(shard))
  }
  return { writes, removals }
}
