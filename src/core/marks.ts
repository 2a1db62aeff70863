import { LIMITS } from './limits'
import { mergeTagStamps, presentTags, sameTagStamps, setTags, tagChangeProblem, tagStampsProblem, type TagStamp } from './tag-set'
import { isArxivVersion, isBoundedString, isTimestamp } from './validation'

/**
 * The marks a reader puts on a paper, declared once. Validation, storage, backups, import merging,
 * CSV columns and the toggles on pages and in the popup all iterate this registry, so a new mark is
 * one entry here.
 */

/** A mark's value and when it last changed (ms since epoch; 0 for never). */
export interface Stamped<V> {
  value: V
  at: number
  /** For a mark that records it: the paper's arXiv version when the mark was set. */
  version?: number
}

interface MarkDefinition<V, C> {
  /** The value of a mark never set. */
  initial: V
  isValue(value: unknown): value is V
  /** What `isValue` accepts, for error messages: "true or false". */
  valueKind: string
  /** Checks what a reader asks to change the mark to (a message's `changes`); null when fine. */
  changeProblem(change: unknown): string | null
  /** The change that sets the mark to `value` (for tags, the names of the tags present). */
  asChange(value: V): C
  /** The mark after the reader's change at `at`; `current` itself when the change changes nothing. */
  apply(current: Stamped<V>, change: C, at: number): Stamped<V>
  /** Whether the mark says something about the paper: a toggle on, a tag, a note. */
  isSet(value: V): boolean
  equals(a: V, b: V): boolean
  /** Which of two versions of the mark a merge keeps; `current` itself when it stays. */
  merge(current: Stamped<V>, incoming: Stamped<V>): Stamped<V>
  /** The value in a CSV cell. */
  toText(value: V): string
  /** Whether setting the mark records the paper's arXiv version, so a later version can be told apart. */
  recordsVersion?: boolean
}

/** A mark the reader flips with a button on every card and popup row. */
export interface ToggleMark extends MarkDefinition<boolean, boolean> {
  kind: 'toggle'
  /** The button's accessible name and visible word: it does not change with the state. */
  label: string
  /** The button's icon, off and on. */
  icon: { off: string; on: string }
  /** The button's tooltip, off and on. */
  hint: { off: string; on: string }
  /** What turning it on or off does, for messages: "Couldn't star …". */
  verb: { on: string; off: string }
}

/** The reader's tags: set as a list of names, stored and merged tag by tag. */
interface TagsMark extends MarkDefinition<readonly TagStamp[], readonly string[]> {
  kind: 'tags'
}

/** The reader's free-text note. */
interface NoteMark extends MarkDefinition<string, string> {
  kind: 'text'
}

/**
 * Newer wins. On a tie between different values the greater one in a fixed order wins, so that two
 * devices (or two backups) that changed a mark in the same millisecond keep the same value whatever
 * the order they merge in; the same value stays, so merging the same data twice changes nothing.
 */
export function newerWins<V>(current: Stamped<V>, incoming: Stamped<V>): Stamped<V> {
  if (incoming.at !== current.at) return incoming.at > current.at ? incoming : current
  if (Object.is(incoming.value, current.value) && incoming.version === current.version) return current
  return tieOrder(incoming) > tieOrder(current) ? incoming : current
}

function tieOrder(stamp: Stamped<unknown>): string {
  return JSON.stringify([stamp.value, stamp.version ?? 0])
}

/** A mark whose value is replaced as a whole: the new value, stamped, unless it equals the current one. */
function replaceValue<V>(equals: (a: V, b: V) => boolean) {
  return (current: Stamped<V>, change: V, at: number): Stamped<V> => (equals(current.value, change) ? current : { value: change, at })
}

function toggle(fields: Pick<ToggleMark, 'label' | 'icon' | 'hint' | 'verb' | 'recordsVersion'>): ToggleMark {
  const equals = (a: boolean, b: boolean) => a === b
  const isValue = (value: unknown): value is boolean => typeof value === 'boolean'
  return {
    kind: 'toggle',
    ...fields,
    initial: false,
    isValue,
    valueKind: 'true or false',
    changeProblem: (change) => (isValue(change) ? null : 'must be true or false'),
    asChange: (value) => value,
    apply: replaceValue(equals),
    isSet: (value) => value,
    equals,
    merge: newerWins,
    toText: (value) => (value ? '1' : '0'),
  }
}

const tags: TagsMark = {
  kind: 'tags',
  initial: [],
  isValue: (value): value is readonly TagStamp[] => tagStampsProblem(value) === null,
  valueKind: 'a list of tags, each with a name and a time',
  changeProblem: tagChangeProblem,
  asChange: presentTags,
  apply(current, change, at) {
    const value = setTags(current.value, change, at)
    return value === current.value ? current : { value, at }
  },
  isSet: (value) => value.some((stamp) => !stamp.removed),
  equals: sameTagStamps,
  merge(current, incoming) {
    const value = mergeTagStamps(current.value, incoming.value)
    return value === current.value && current.at >= incoming.at ? current : { value, at: Math.max(current.at, incoming.at) }
  },
  toText: (value) => presentTags(value).join('; '),
}

/** Line breaks as `\n`, no control characters but tabs and line breaks, no trailing space. */
export function normalizeNote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .trimEnd()
}

const noteEquals = (a: string, b: string) => a === b
const applyNote = replaceValue(noteEquals)

const note: NoteMark = {
  kind: 'text',
  initial: '',
  isValue: (value): value is string => isBoundedString(value, LIMITS.readerNoteLength, true),
  valueKind: `a text of at most ${LIMITS.readerNoteLength} characters`,
  changeProblem: (change) =>
    isBoundedString(change, LIMITS.readerNoteLength, true) ? null : `must be a text of at most ${LIMITS.readerNoteLength} characters`,
  asChange: (value) => value,
  apply: (current, change, at) => applyNote(current, normalizeNote(change), at),
  isSet: (value) => value !== '',
  equals: noteEquals,
  merge: newerWins,
  toText: (value) => value,
}

export const MARKS = {
  starred: toggle({
    label: 'Star',
    icon: { off: '☆', on: '★' },
    hint: { off: 'Star this paper (Paper Shelf)', on: 'Starred — click to unstar' },
    verb: { on: 'star', off: 'unstar' },
  }),
  read: toggle({
    label: 'Read',
    icon: { off: '○', on: '✓' },
    hint: { off: 'Mark as read (Paper Shelf)', on: 'Read — click to mark unread' },
    verb: { on: 'mark as read', off: 'mark as unread' },
    recordsVersion: true,
  }),
  tags,
  note,
} as const

export type MarkId = keyof typeof MARKS

type ValueOf<M extends MarkId> = (typeof MARKS)[M] extends MarkDefinition<infer V, unknown> ? V : never

type ChangeOf<M extends MarkId> = (typeof MARKS)[M] extends MarkDefinition<unknown, infer C> ? C : never

/** Every mark's value, without timestamps: what a card paints. */
export type MarkValues = { [M in MarkId]: ValueOf<M> }

/** What a reader asks to change: some marks' new values (for tags, the tags the paper should have). */
export type MarkChanges = { [M in MarkId]?: ChangeOf<M> }

/** Every mark of a paper with the time it last changed: what is stored, sent and merged. */
export type Marks = { [M in MarkId]: Stamped<ValueOf<M>> }

/** The marks in registry order. */
export const MARK_IDS = Object.keys(MARKS) as MarkId[]

export type ToggleId = { [M in MarkId]: (typeof MARKS)[M] extends ToggleMark ? M : never }[MarkId]

/** The marks shown as toggle buttons, in the order the buttons appear. */
export const TOGGLE_IDS = MARK_IDS.filter((id): id is ToggleId => MARKS[id].kind === 'toggle')

/** One mark's definition, typed for code that handles every mark alike. */
function definition(id: MarkId): MarkDefinition<unknown, unknown> {
  return MARKS[id] as unknown as MarkDefinition<unknown, unknown>
}

export function isMarkId(value: unknown): value is MarkId {
  return typeof value === 'string' && Object.hasOwn(MARKS, value)
}

export function isToggleId(value: unknown): value is ToggleId {
  return isMarkId(value) && MARKS[value].kind === 'toggle'
}

/** A mark's value as a CSV cell shows it. */
export function markText(id: MarkId, value: unknown): string {
  return definition(id).toText(value)
}

/** The marks backups and databases before version 6 did not have. */
export const MARKS_SINCE_VERSION_6: readonly MarkId[] = ['tags', 'note']

/**
 * Marks as a version from before some marks existed wrote them: the marks of `added` it lacks,
 * never set. A mark that version had stays missing, so a damaged file is still refused. Anything
 * else is returned as it is.
 */
export function completeMarks(value: unknown, added: readonly MarkId[] = MARKS_SINCE_VERSION_6): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const complete: Record<string, unknown> = { ...value }
  for (const id of added) if (!Object.hasOwn(complete, id)) complete[id] = { value: definition(id).initial, at: 0 }
  return complete
}

/** Marks never set. */
export function initialMarks(): Marks {
  const marks: Record<string, Stamped<unknown>> = {}
  for (const id of MARK_IDS) marks[id] = { value: definition(id).initial, at: 0 }
  return marks as Marks
}

export function valuesOf(marks: Marks): MarkValues {
  const values: Record<string, unknown> = {}
  for (const id of MARK_IDS) values[id] = marks[id].value
  return values as MarkValues
}

/** The toggles that are on, space-separated: a card's `data-paper-shelf` state ("" when none). */
export function stateTokens(values: MarkValues): string {
  return TOGGLE_IDS.filter((id) => values[id]).join(' ')
}

/** True when any mark is set: the paper is on the reader's shelf. */
export function hasAnyMark(marks: Marks): boolean {
  // A plain loop: the reading list asks this of every paper on each keystroke.
  for (const id of MARK_IDS) if (definition(id).isSet(marks[id].value)) return true
  return false
}

/** True when the paper carries a mark: it is on the reader's shelf, not only known with its marks cleared. */
export function isOnShelf(paper: { marks: Marks }): boolean {
  return hasAnyMark(paper.marks)
}

/** One mark after the reader's change at `now`: stamped later than its last change, or `current` itself when nothing changed. */
export function applyChange(id: MarkId, current: Stamped<unknown>, change: unknown, now: number): Stamped<unknown> {
  return definition(id).apply(current, change, Math.max(now, current.at + 1))
}

/**
 * Applies the reader's changes. A mark's time moves only when its value really changes, and always
 * moves forward, so a later change of one mark is always stamped later than the one before it. Marks
 * that record versions, when set, keep `version`: the paper's arXiv version now, when it is known.
 */
export function withMarkValues(marks: Marks, changes: MarkChanges, now: number, version?: number): Marks {
  const next = { ...marks }
  for (const id of MARK_IDS) {
    const change = changes[id]
    if (change === undefined) continue
    const applied = applyChange(id, marks[id], change, now)
    if (applied === marks[id]) continue
    const stamp = stampOf(applied)
    delete stamp.version
    const mark = definition(id)
    if (version !== undefined && mark.recordsVersion && mark.isSet(stamp.value)) stamp.version = version
    ;(next as Record<MarkId, Stamped<unknown>>)[id] = stamp
  }
  return next
}

/** A copy of a stamp with only its own fields. */
export function stampOf(stamp: Stamped<unknown>): Stamped<unknown> {
  return stamp.version === undefined ? { value: stamp.value, at: stamp.at } : { value: stamp.value, at: stamp.at, version: stamp.version }
}

/** True when the paper was read at an arXiv version older than `shown`, the one a page or the shelf knows now. */
export function updatedSinceRead(marks: Marks, shown: number | undefined): boolean {
  const { read } = marks
  return read.value && read.version !== undefined && shown !== undefined && shown > read.version
}

/** Each mark merged by its own rule; returns `current` itself when nothing changed. */
export function mergeMarks(current: Marks, incoming: Marks): Marks {
  let next: Marks | undefined
  for (const id of MARK_IDS) {
    const merged = definition(id).merge(current[id], incoming[id])
    if (merged === current[id]) continue
    next ??= { ...current }
    ;(next as Record<MarkId, Stamped<unknown>>)[id] = stampOf(merged)
  }
  return next ?? current
}

export function sameMarks(a: Marks, b: Marks): boolean {
  return MARK_IDS.every((id) => a[id].at === b[id].at && a[id].version === b[id].version && definition(id).equals(a[id].value, b[id].value))
}

/** The changes that set every mark of `marks` that is set, as the reader would set them again. */
export function changesSetting(marks: Marks): MarkChanges {
  const changes: Record<string, unknown> = {}
  for (const id of MARK_IDS) if (definition(id).isSet(marks[id].value)) changes[id] = definition(id).asChange(marks[id].value)
  return changes as MarkChanges
}

/** The changes that clear every mark: what deleting a paper does to it where its deletion must be remembered. */
export function changesClearing(): MarkChanges {
  const changes: Record<string, unknown> = {}
  for (const id of MARK_IDS) changes[id] = definition(id).asChange(definition(id).initial)
  return changes as MarkChanges
}

/** When any mark last changed, set or cleared; 0 for never. */
export function lastChangedAt(marks: Marks): number {
  let latest = 0
  for (const id of MARK_IDS) latest = Math.max(latest, marks[id].at)
  return latest
}

/** The latest change among the marks that are set. */
export function lastMarkedAt(marks: Marks, ids: readonly MarkId[] = MARK_IDS): number {
  let latest = 0
  for (const id of ids) {
    if (definition(id).isSet(marks[id].value)) latest = Math.max(latest, marks[id].at)
  }
  return latest
}

/**
 * Checks marks from outside (a message, a backup): every mark present, each a value of its type
 * with a valid time, nothing else. Returns the first problem, or null.
 */
export function marksProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'marks must be an object'
  const record = value as Record<string, unknown>
  for (const id of MARK_IDS) {
    const mark = record[id]
    if (mark === undefined) return `marks.${id} is missing`
    if (typeof mark !== 'object' || mark === null) return `marks.${id} must be an object with a value and a time`
    const { value: markValue, at, version, ...extra } = mark as Record<string, unknown>
    if (!definition(id).isValue(markValue)) return `marks.${id}.value must be ${definition(id).valueKind}`
    if (!isTimestamp(at)) return `marks.${id}.at must be a time in milliseconds, not in the future`
    if (version !== undefined && (!definition(id).recordsVersion || !isArxivVersion(version))) {
      return definition(id).recordsVersion ? `marks.${id}.version must be a version number` : `marks.${id} has unexpected fields`
    }
    if (Object.keys(extra).length > 0) return `marks.${id} has unexpected fields`
  }
  const unknown = Object.keys(record).find((id) => !isMarkId(id))
  return unknown === undefined ? null : `unknown mark ${JSON.stringify(unknown.slice(0, 40))}`
}

/** Checks a set of changes from a message: at least one known mark, each with a change of its type. */
export function markChangesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'changes must be an object'
  const entries = Object.entries(value)
  if (entries.length === 0) return `changes must set one of ${MARK_IDS.join(', ')}`
  for (const [id, markValue] of entries) {
    if (!isMarkId(id)) return `unknown mark ${JSON.stringify(id.slice(0, 40))}`
    const problem = definition(id).changeProblem(markValue)
    if (problem) return `${id} ${problem}`
  }
  return null
}
