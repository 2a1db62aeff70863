import { parseStoredPaper } from '../backup/paper-schema'
import { completeMarks, hasAnyMark, initialMarks, MARK_IDS, MARKS, mergeMarks, type MarkId, type Marks, type Stamped } from '../marks'
import type { Paper, PaperKey } from '../paper'
import { clampText } from '../text'
import { fail, isBoundedString, type Parsed } from '../validation'

/**
 * What syncs of one paper: its identifiers, what the reading list needs to show it (title, first
 * author, year) and every mark with the time it changed. Seen history, abstracts and links stay on
 * the device.
 */
export interface SyncEntry {
  key: PaperKey
  /** A few of the paper's other identifiers, so a device that knows it by one of them finds it. */
  aliases?: PaperKey[]
  title: string
  /** The first author, or "" when none is known. */
  author: string
  year?: number
  marks: Marks
}

/** How much of a paper's description syncs: enough to recognise it in a list. */
export const SYNCED_DESCRIPTION = { titleLength: 120, authorLength: 60, aliases: 4 } as const

/** A mark as synced: `0` when never set, else its value and time (and the version it records, if any). */
type EncodedMark = 0 | [unknown, number] | [unknown, number, number]

/** An entry as it is stored: `[key, title, author, year or 0, marks in registry order, aliases?]`. */
export type EncodedEntry = [PaperKey, string, string, number, EncodedMark[]] | [PaperKey, string, string, number, EncodedMark[], PaperKey[]]

function yearOf(published: string | undefined): number | undefined {
  const year = published === undefined ? NaN : Number(published.slice(0, 4))
  return Number.isInteger(year) && year >= 1000 ? year : undefined
}

/**
 * The entry of a paper on this device. The description is the one already synced when there is
 * one, so that devices that know a paper by slightly different titles never rewrite each other's.
 */
export function syncEntryOf(paper: Paper, synced?: SyncEntry): SyncEntry {
  const described = synced ?? {
    title: clampText(paper.title, SYNCED_DESCRIPTION.titleLength),
    author: clampText(paper.authors[0] ?? '', SYNCED_DESCRIPTION.authorLength),
    year: yearOf(paper.published),
    aliases: paper.aliases?.slice(0, SYNCED_DESCRIPTION.aliases),
  }
  const entry: SyncEntry = { key: paper.key, title: described.title, author: described.author, marks: paper.marks }
  if (described.aliases && described.aliases.length > 0) entry.aliases = [...described.aliases]
  if (described.year !== undefined) entry.year = described.year
  return entry
}

/** Both sides of one paper: the marks merged by each mark's rule, the description of `synced`. */
export function joinEntries(synced: SyncEntry, other: SyncEntry): SyncEntry {
  const marks = mergeMarks(synced.marks, other.marks)
  return marks === synced.marks ? synced : { ...synced, marks }
}

/** Whether `entry` holds a mark newer than `synced` has: syncing it tells other devices something. */
export function addsToEntry(synced: SyncEntry, entry: SyncEntry): boolean {
  return mergeMarks(synced.marks, entry.marks) !== synced.marks
}

/** An entry whose marks are all clear: it tells other devices that the reader cleared or deleted the paper. */
export function isTombstone(entry: SyncEntry): boolean {
  return !hasAnyMark(entry.marks)
}

function encodeMark(id: MarkId, stamp: Stamped<unknown>): EncodedMark {
  const mark = MARKS[id] as unknown as { initial: unknown; equals(a: unknown, b: unknown): boolean }
  if (stamp.at === 0 && stamp.version === undefined && mark.equals(stamp.value, mark.initial)) return 0
  return stamp.version === undefined ? [stamp.value, stamp.at] : [stamp.value, stamp.at, stamp.version]
}

export function encodeEntry(entry: SyncEntry): EncodedEntry {
  const marks = MARK_IDS.map((id) => encodeMark(id, entry.marks[id]))
  const head: [PaperKey, string, string, number, EncodedMark[]] = [entry.key, entry.title, entry.author, entry.year ?? 0, marks]
  return entry.aliases ? [...head, [...entry.aliases]] : head
}

/** The entry without the marks that do not toggle (tags, note), for a paper whose whole entry is too long to sync. */
export function withToggleMarksOnly(entry: SyncEntry): SyncEntry {
  const marks = { ...entry.marks } as Record<string, Stamped<unknown>>
  const blank = initialMarks() as Record<string, Stamped<unknown>>
  for (const id of MARK_IDS) if (MARKS[id].kind !== 'toggle') marks[id] = blank[id]!
  return { ...entry, marks: marks as unknown as Marks }
}

function decodeMarks(value: unknown): Record<string, unknown> | string {
  // A later version may sync more marks: those it appends are left for it.
  if (!Array.isArray(value) || value.length < MARK_IDS.length) return `marks must be a list of ${MARK_IDS.length}`
  const marks: Record<string, unknown> = {}
  MARK_IDS.forEach((id, index) => {
    const mark: unknown = value[index]
    if (mark === 0) marks[id] = { value: MARKS[id].initial, at: 0 }
    else if (Array.isArray(mark) && (mark.length === 2 || mark.length === 3)) {
      marks[id] = mark.length === 2 ? { value: mark[0], at: mark[1] } : { value: mark[0], at: mark[1], version: mark[2] }
    } else marks[id] = mark
  })
  return marks
}

/** Checks an entry another device wrote, through the same checks as a backup's paper. */
export function decodeEntry(value: unknown): Parsed<SyncEntry> {
  if (!Array.isArray(value) || value.length < 5 || value.length > 6) return fail('an entry must be a list of 5 or 6 fields')
  const [key, title, author, year, encodedMarks, aliases] = value as unknown[]
  if (!isBoundedString(title, SYNCED_DESCRIPTION.titleLength))
    return fail(`the title must be 1–${SYNCED_DESCRIPTION.titleLength} characters`)
  if (!isBoundedString(author, SYNCED_DESCRIPTION.authorLength, true))
    return fail(`the author must be at most ${SYNCED_DESCRIPTION.authorLength} characters`)
  if (year !== 0 && !(Number.isInteger(year) && (year as number) >= 1000 && (year as number) <= 9999))
    return fail('the year must be 0 or four digits')
  if (aliases !== undefined && (!Array.isArray(aliases) || aliases.length === 0 || aliases.length > SYNCED_DESCRIPTION.aliases))
    return fail(`aliases must be a list of 1–${SYNCED_DESCRIPTION.aliases} keys`)
  const marks = decodeMarks(encodedMarks)
  if (typeof marks === 'string') return fail(marks)
  const entry = {
    key,
    title,
    author,
    marks: completeMarks(marks),
    ...(aliases === undefined ? {} : { aliases }),
    ...(year === 0 ? {} : { year }),
  } as SyncEntry
  const paper = parseStoredPaper(paperOfEntry(entry), () => false)
  return paper.ok ? { ok: true, value: { ...entry, marks: paper.value.marks } } : paper
}

/** A paper this device can merge into its shelf, from an entry `decodeEntry` accepted. */
export function paperOfEntry(entry: SyncEntry): Paper {
  const paper: Paper = {
    key: entry.key,
    title: entry.title,
    authors: entry.author ? [entry.author] : [],
    links: {},
    addedAt: firstMarkedAt(entry.marks),
    // Never newer than what a device saw itself: a page's details win over the synced description.
    metadataChangedAt: 0,
    marks: entry.marks,
  }
  if (entry.aliases) paper.aliases = [...entry.aliases]
  if (entry.key.startsWith('arxiv:')) paper.arxivId = entry.key.slice('arxiv:'.length)
  if (entry.key.startsWith('doi:')) paper.doi = entry.key.slice('doi:'.length)
  if (entry.year !== undefined) paper.published = String(entry.year)
  return paper
}

/** The earliest time any mark was set or cleared: when the paper came onto the shelf, as far as sync knows. */
function firstMarkedAt(marks: Marks): number {
  const times = MARK_IDS.map((id) => marks[id].at).filter((at) => at > 0)
  return times.length > 0 ? Math.min(...times) : 0
}
