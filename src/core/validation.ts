import { isPaperDate } from './dates'
import { keyProblem } from './key-kinds'
import { LIMITS } from './limits'
import { hasVisibleText } from './text'
import type { PaperKey, PaperMetadata } from './paper'

/** The result of checking untrusted data: the value, or a sentence saying what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

export const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isBoundedString(value: unknown, max: number, allowEmpty = false): value is string {
  return typeof value === 'string' && value.length <= max && (allowEmpty || value.length > 0)
}

/** What is wrong with a paper key from outside: its length, its kind or its form. Null when fine. */
export function paperKeyProblem(value: unknown): string | null {
  if (!isBoundedString(value, LIMITS.keyLength)) return `a paper key must be 1–${LIMITS.keyLength} characters`
  return keyProblem(value)
}

/** A key of a known kind, in its canonical form. */
export function isPaperKey(value: unknown): value is PaperKey {
  return paperKeyProblem(value) === null
}

/** Checks a paper's other identifiers: distinct keys, none of them the paper's own. Null when fine. */
export function aliasesProblem(aliases: unknown, key: PaperKey): string | null {
  if (aliases === undefined) return null
  if (!Array.isArray(aliases) || aliases.length > LIMITS.aliasCount)
    return `aliases must be a list of up to ${LIMITS.aliasCount} paper keys`
  for (const alias of aliases) {
    const problem = paperKeyProblem(alias)
    if (problem) return `alias ${JSON.stringify(String(alias).slice(0, 80))}: ${problem}`
  }
  if (aliases.includes(key) || new Set(aliases).size !== aliases.length) return 'aliases must be distinct and differ from the key'
  return null
}

export function isHttpsUrl(value: unknown): value is string {
  if (!isBoundedString(value, LIMITS.urlLength)) return false
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

/** How far ahead of this computer's clock a time may be: another computer's clock may run a little fast. */
const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000

/**
 * A time in milliseconds since the epoch, 0 for never, and not in the future: a mark stamped later
 * than now would win every merge until then, so a forged or mistyped time is refused.
 */
export function isTimestamp(value: unknown, now = Date.now()): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= now + CLOCK_SKEW_MS
}

/** An arXiv version number: `2` of `2401.00001v2`. */
export function isArxivVersion(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0 && (value as number) < 10_000
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value)
}

/** The fields of a paper's own metadata, as every paper record holds them. */
export const METADATA_FIELDS = [
  'title',
  'authors',
  'arxivId',
  'version',
  'doi',
  'abstract',
  'published',
  'primaryCategory',
  'comments',
  'journalRef',
] as const satisfies readonly (keyof PaperMetadata)[]

/**
 * Checks a paper's key and metadata field by field, for anything that arrives from outside
 * (a page's message, a backup file). Returns the first problem found, or null.
 */
export function metadataProblem(value: Record<string, unknown>): string | null {
  const keyIssue = paperKeyProblem(value.key)
  if (keyIssue) return keyIssue
  if (!isBoundedString(value.title, LIMITS.titleLength) || !hasVisibleText(value.title))
    return `title must be 1–${LIMITS.titleLength} characters, not only blanks`
  if (
    !Array.isArray(value.authors) ||
    value.authors.length > LIMITS.authorCount ||
    !value.authors.every((author) => isBoundedString(author, LIMITS.authorLength))
  ) {
    return 'authors must be a list of names'
  }
  if (!optional(value.arxivId, (v) => isBoundedString(v, LIMITS.keyLength))) return 'bad arXiv id'
  if (!optional(value.version, isArxivVersion)) return 'bad version'
  if (!optional(value.doi, (v) => isBoundedString(v, LIMITS.keyLength))) return 'bad DOI'
  if (!optional(value.abstract, (v) => isBoundedString(v, LIMITS.abstractLength, true))) return 'abstract too long'
  if (!optional(value.published, isPaperDate)) return 'published must be a real date: YYYY-MM-DD, YYYY-MM or YYYY'
  for (const field of ['primaryCategory', 'comments', 'journalRef'] as const) {
    if (!optional(value[field], (v) => isBoundedString(v, LIMITS.fieldLength))) return `bad ${field}`
  }
  return null
}
