import { LIMITS } from './limits'
import { isBoundedString, isRecord, isTimestamp } from './validation'

/**
 * A paper's tags, each with the time it was last added or removed. A removed tag stays as a
 * tombstone, so merging two copies of a paper keeps the newer decision about each tag: a tag added
 * on one side and another removed on the other both survive a merge.
 */
export interface TagStamp {
  name: string
  at: number
  removed?: true
}

/** Tombstones kept per paper beyond its tags; the oldest go first. */
const MAX_TOMBSTONES = LIMITS.tagsPerPaper

/** Tags are one phrase each: commas and semicolons separate tags in every export, so they never belong to one. */
export function normalizeTag(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf},;]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return [...cleaned].slice(0, LIMITS.tagLength).join('').trim()
}

/** Two spellings of a tag that differ only in case are one tag. */
export function tagIdentity(name: string): string {
  return name.toLowerCase()
}

function compareTags(a: TagStamp, b: TagStamp): number {
  const x = tagIdentity(a.name)
  const y = tagIdentity(b.name)
  return x < y ? -1 : x > y ? 1 : 0
}

/** The tags a paper has now, in order. */
export function presentTags(stamps: readonly TagStamp[]): string[] {
  return stamps.filter((stamp) => !stamp.removed).map((stamp) => stamp.name)
}

/** The wanted tags normalised, empty ones dropped, each tag once (its first spelling). */
export function tagList(wanted: readonly string[]): string[] {
  const byIdentity = new Map<string, string>()
  for (const text of wanted) {
    const name = normalizeTag(text)
    if (name && !byIdentity.has(tagIdentity(name))) byIdentity.set(tagIdentity(name), name)
  }
  return [...byIdentity.values()]
}

/** Only the newest tombstones are kept, so a paper tagged and untagged for years stays small. */
function pruned(stamps: TagStamp[]): TagStamp[] {
  const tombstones = stamps.filter((stamp) => stamp.removed)
  if (tombstones.length <= MAX_TOMBSTONES) return stamps
  const dropped = new Set(tombstones.sort((a, b) => a.at - b.at).slice(0, tombstones.length - MAX_TOMBSTONES))
  return stamps.filter((stamp) => !dropped.has(stamp))
}

/**
 * The stamps after the reader set the paper's tags to `wanted` at time `at`: new tags and new
 * spellings are stamped, tags no longer wanted become tombstones. Returns `current` itself when
 * nothing changed.
 */
export function setTags(current: readonly TagStamp[], wanted: readonly string[], at: number): readonly TagStamp[] {
  const names = new Map(tagList(wanted).map((name) => [tagIdentity(name), name]))
  let changed = false
  const next: TagStamp[] = []
  for (const stamp of current) {
    const identity = tagIdentity(stamp.name)
    const name = names.get(identity)
    names.delete(identity)
    if (name === undefined) {
      if (!stamp.removed) changed = true
      next.push(stamp.removed ? stamp : { name: stamp.name, at, removed: true })
    } else if (stamp.removed || name !== stamp.name) {
      changed = true
      next.push({ name, at })
    } else next.push(stamp)
  }
  for (const name of names.values()) {
    changed = true
    next.push({ name, at })
  }
  return changed ? pruned(next.sort(compareTags)) : current
}

/** Whether `incoming` replaces `current`, a stamp of the same tag: when newer, or on a tie by a fixed order (a removal first). */
function tagStampWins(incoming: TagStamp, current: TagStamp): boolean {
  if (incoming.at !== current.at) return incoming.at > current.at
  const order = (stamp: TagStamp) => `${stamp.removed ? 1 : 0}${stamp.name}`
  return order(incoming) > order(current)
}

/** Each tag's newer stamp (on a tie, the same one on every side). Returns `current` itself when nothing changed. */
export function mergeTagStamps(current: readonly TagStamp[], incoming: readonly TagStamp[]): readonly TagStamp[] {
  const merged = new Map(current.map((stamp) => [tagIdentity(stamp.name), stamp]))
  let changed = false
  for (const stamp of incoming) {
    const identity = tagIdentity(stamp.name)
    const mine = merged.get(identity)
    if (mine && !tagStampWins(stamp, mine)) continue
    merged.set(identity, stamp.removed ? { name: stamp.name, at: stamp.at, removed: true } : { name: stamp.name, at: stamp.at })
    changed = true
  }
  return changed ? pruned([...merged.values()].sort(compareTags)) : current
}

export function sameTagStamps(a: readonly TagStamp[], b: readonly TagStamp[]): boolean {
  return (
    a.length === b.length &&
    a.every((stamp, i) => {
      const other = b[i]!
      return stamp.name === other.name && stamp.at === other.at && stamp.removed === other.removed
    })
  )
}

/** Checks stamps from outside (a message, a backup): normalised names, each tag once, in order. */
export function tagStampsProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length > LIMITS.tagsPerPaper + MAX_TOMBSTONES) return 'must be a list of tags'
  let previous: TagStamp | undefined
  for (const stamp of value) {
    if (!isRecord(stamp)) return 'each tag must be an object with a name and a time'
    const { name, at, removed, ...extra } = stamp
    if (!isBoundedString(name, LIMITS.tagLength * 2) || normalizeTag(name) !== name)
      return 'a tag name must be a short phrase without commas or semicolons'
    if (!isTimestamp(at)) return `tag ${JSON.stringify(name)}: the time must be in milliseconds, not in the future`
    if (removed !== undefined && removed !== true) return `tag ${JSON.stringify(name)}: removed must be true when present`
    if (Object.keys(extra).length > 0) return `tag ${JSON.stringify(name)} has unexpected fields`
    if (previous && compareTags(previous, stamp as unknown as TagStamp) >= 0) return 'tags must be listed once each, in order'
    previous = stamp as unknown as TagStamp
  }
  if (presentTags(value as TagStamp[]).length > LIMITS.tagsPerPaper) return `a paper has at most ${LIMITS.tagsPerPaper} tags`
  return null
}

/** Checks the tags a reader asks for: a list of texts, not too many. */
export function tagChangeProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length > LIMITS.tagsPerPaper) return `must be a list of up to ${LIMITS.tagsPerPaper} tags`
  if (!value.every((tag) => isBoundedString(tag, LIMITS.tagLength * 4, true)))
    return `must be tags of at most ${LIMITS.tagLength} characters each`
  return null
}
