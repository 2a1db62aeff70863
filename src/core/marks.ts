import { isArxivVersion, isTimestamp } from './validation'

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

interface MarkDefinition<V> {
  /** The value of a mark never set. */
  initial: V
  isValue(value: unknown): value is V
  /** What `isValue` accepts, for error messages: "true or false". */
  valueKind: string
  equals(a: V, b: V): boolean
  /** Which of two versions of the mark a merge keeps. */
  merge(current: Stamped<V>, incoming: Stamped<V>): Stamped<V>
  /** The value in a CSV cell. */
  toText(value: V): string
  /** Whether setting the mark records the paper's arXiv version, so a later version can be told apart. */
  recordsVersion?: boolean
}

/** A mark the reader flips with a button on every card and popup row. */
export interface ToggleMark extends MarkDefinition<boolean> {
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

/** Newer wins; on a tie the current value stays, so merging the same data twice changes nothing. */
export function newerWins<V>(current: Stamped<V>, incoming: Stamped<V>): Stamped<V> {
  return incoming.at > current.at ? incoming : current
}

function toggle(fields: Pick<ToggleMark, 'label' | 'icon' | 'hint' | 'verb' | 'recordsVersion'>): ToggleMark {
  return {
    kind: 'toggle',
    ...fields,
    initial: false,
    isValue: (value): value is boolean => typeof value === 'boolean',
    valueKind: 'true or false',
    equals: (a, b) => a === b,
    merge: newerWins,
    toText: (value) => (value ? '1' : '0'),
  }
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
} as const

export type MarkId = keyof typeof MARKS

type ValueOf<M extends MarkId> = (typeof MARKS)[M] extends MarkDefinition<infer V> ? V : never

/** Every mark's value, without timestamps: what a card paints. */
export type MarkValues = { [M in MarkId]: ValueOf<M> }

/** Every mark of a paper with the time it last changed: what is stored, sent and merged. */
export type Marks = { [M in MarkId]: Stamped<ValueOf<M>> }

/** The marks in registry order. */
export const MARK_IDS = Object.keys(MARKS) as MarkId[]

/** The marks shown as toggle buttons, in the order the buttons appear. */
export const TOGGLE_IDS = MARK_IDS.filter((id) => MARKS[id].kind === 'toggle')

export type ToggleId = (typeof TOGGLE_IDS)[number]

/** One mark's definition, typed for code that handles every mark alike. */
function definition(id: MarkId): MarkDefinition<unknown> {
  return MARKS[id] as unknown as MarkDefinition<unknown>
}

export function isMarkId(value: unknown): value is MarkId {
  return typeof value === 'string' && Object.hasOwn(MARKS, value)
}

export function isToggleId(value: unknown): value is ToggleId {
  return isMarkId(value) && MARKS[value].kind === 'toggle'
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

/** True when any mark differs from its initial value: the paper is on the reader's shelf. */
export function hasAnyMark(marks: Marks): boolean {
  // A plain loop: the reading list asks this of every paper on each keystroke.
  for (const id of MARK_IDS) {
    const mark = definition(id)
    if (!mark.equals(marks[id].value, mark.initial)) return true
  }
  return false
}

/**
 * Sets the given values. A mark's time moves only when its value really changes, and always moves
 * forward, so a later change of one mark is always stamped later than the one before it. Marks that
 * record versions, when set, keep `version`: the paper's arXiv version now, when it is known.
 */
export function withMarkValues(marks: Marks, changes: Partial<MarkValues>, now: number, version?: number): Marks {
  const next = { ...marks }
  for (const id of MARK_IDS) {
    const value = changes[id]
    if (value === undefined || definition(id).equals(value, marks[id].value)) continue
    const stamp: Stamped<unknown> = { value, at: Math.max(now, marks[id].at + 1) }
    const mark = definition(id)
    if (version !== undefined && mark.recordsVersion && !mark.equals(value, mark.initial)) stamp.version = version
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

/** The latest change among the marks that are set. */
export function lastMarkedAt(marks: Marks, ids: readonly MarkId[] = MARK_IDS): number {
  let latest = 0
  for (const id of ids) {
    if (!definition(id).equals(marks[id].value, definition(id).initial)) latest = Math.max(latest, marks[id].at)
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
    if (!isTimestamp(at)) return `marks.${id}.at must be a time in milliseconds`
    if (version !== undefined && (!definition(id).recordsVersion || !isArxivVersion(version))) {
      return definition(id).recordsVersion ? `marks.${id}.version must be a version number` : `marks.${id} has unexpected fields`
    }
    if (Object.keys(extra).length > 0) return `marks.${id} has unexpected fields`
  }
  const unknown = Object.keys(record).find((id) => !isMarkId(id))
  return unknown === undefined ? null : `unknown mark ${JSON.stringify(unknown.slice(0, 40))}`
}

/** Checks a set of changes from a message: at least one known mark, each with a value of its type. */
export function markChangesProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'changes must be an object'
  const entries = Object.entries(value)
  if (entries.length === 0) return `changes must set one of ${MARK_IDS.join(', ')}`
  for (const [id, markValue] of entries) {
    if (!isMarkId(id)) return `unknown mark ${JSON.stringify(id.slice(0, 40))}`
    if (!definition(id).isValue(markValue)) return `${id} must be ${definition(id).valueKind}`
  }
  return null
}
