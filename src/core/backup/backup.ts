import { LIMITS } from '../limits'
import type { Paper } from '../paper'
import { portableSettings, settingsProblem, type StoredSettings } from '../settings'
import { fail, isRecord, type Parsed } from '../validation'
import { canonicalPaper, parseEarlierPaper, parseStoredPaper, parseVersion1Paper, type SiteLinkCheck } from './paper-schema'

/** The JSON backup: every stored field of every paper, so a restore loses nothing. */

export const BACKUP_FORMAT = 'paper-shelf-backup'
/**
 * Version 2 keeps marks apart from metadata; version 3 adds each paper's citation key; version 4
 * its other identifiers (aliases); version 5 the reader's settings and the arXiv version a paper
 * was read at; version 6 the reader's tags and notes. Files of every earlier version still import.
 */
export const BACKUP_VERSION = 6

export interface Backup {
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  /** When the backup was made, ISO 8601 in UTC. */
  exportedAt: string
  settings: StoredSettings
  papers: Paper[]
}

/** What a backup restores. */
export interface BackupContents {
  papers: Paper[]
  settings: StoredSettings
}

export function createBackup(papers: readonly Paper[], now: Date, settings: StoredSettings = {}): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    settings: portableSettings(settings),
    papers: papers.map(canonicalPaper),
  }
}

/**
 * The backup as a file: valid JSON with one paper per line, so it stays readable and diffable
 * without the size of full pretty-printing.
 */
export function serializeBackup(backup: Backup): string {
  const { papers, ...header } = backup
  const head = JSON.stringify(header).slice(0, -1)
  if (papers.length === 0) return `${head},"papers":[]}\n`
  return `${head},"papers":[\n${papers.map((paper) => JSON.stringify(paper)).join(',\n')}\n]}\n`
}

export function toJsonBackup(papers: readonly Paper[], now: Date, settings?: StoredSettings): string {
  return serializeBackup(createBackup(papers, now, settings))
}

/** How a paper is named in an error: its position counting from 1, and its key when it has a usable one. */
function paperLabel(index: number, value: unknown): string {
  const key = isRecord(value) && typeof value.key === 'string' ? value.key.slice(0, 80) : ''
  return key ? `Paper ${index + 1} (${key})` : `Paper ${index + 1}`
}

/** A backup file read as JSON: its fields other than the papers, and the papers, not yet checked. */
export interface BackupFile {
  header: Record<string, unknown>
  /** How many papers the file lists. */
  count: number
  /** The papers, each read as JSON when it is reached: iterating may throw a `BackupFileError`. */
  papers: Iterable<unknown>
}

/** What a backup's header says: how to read its papers, and the settings it restores. */
export interface BackupHeader {
  version: number
  settings: StoredSettings
}

/** A backup file that cannot be read, found while reading its papers; its message is a sentence for the user. */
export class BackupFileError extends Error {}

const NOT_JSON = 'This file is not valid JSON: it may be truncated or damaged.'
const PAPERS_OPEN = ',"papers":['
const PAPERS_CLOSE = ']}'

/**
 * Reads a backup file's JSON, and no more: the page that picked the file sends its papers in parts,
 * and the background checks each of them with `parseBackupHeader` and a `BackupPaperChecker`.
 * Errors are sentences for the user.
 */
export function readBackupFile(text: string): Parsed<BackupFile> {
  // Refused before parsing: far beyond any real shelf, and more than a page can hold in memory twice.
  if (text.length > LIMITS.backupLength) {
    return fail(`This file is too large to be a Paper Shelf backup (over ${LIMITS.backupLength / 1_000_000} MB).`)
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  if (source.trim() === '') return fail('This file is empty.')
  const data = paperPerLine(source) ?? wholeFile(source)
  if (!data.ok) return data
  const { header, count } = data.value
  if (header.format !== BACKUP_FORMAT) return fail('This is not a Paper Shelf backup.')
  if (count === undefined) return fail('This backup has no list of papers.')
  return data as Parsed<BackupFile>
}

function wholeFile(source: string): Parsed<{ header: Record<string, unknown>; count?: number; papers: Iterable<unknown> }> {
  let data: unknown
  try {
    data = JSON.parse(source)
  } catch {
    return fail(NOT_JSON)
  }
  if (!isRecord(data)) return fail('This is not a Paper Shelf backup.')
  const { papers, ...header } = data
  return Array.isArray(papers) ? { ok: true, value: { header, count: papers.length, papers } } : { ok: true, value: { header, papers: [] } }
}

/**
 * A file laid out as `serializeBackup` writes it (the header, then one paper per line), read a
 * line at a time as its papers are reached, so that a long backup never blocks the page for the
 * whole of it. Null for any other layout, which is read whole.
 */
function paperPerLine(source: string): Parsed<BackupFile> | null {
  const headerEnd = source.indexOf('\n')
  if (headerEnd < 0) return null
  const header = parseHeaderLine(source.slice(0, lineEnd(source, 0, headerEnd)))
  const close = source.trimEnd()
  if (header === null || !close.endsWith(`\n${PAPERS_CLOSE}`)) return null
  const papersEnd = close.length - PAPERS_CLOSE.length - 1
  // Where each paper's line starts and ends. A paper per line: every line but the last ends with the
  // comma before the next. A raw line break cannot be inside a JSON string, so a paper written over
  // several lines fails this and the file is read whole.
  const lines: number[] = []
  for (let start = headerEnd + 1; start <= papersEnd;) {
    const next = source.indexOf('\n', start)
    const end = lineEnd(source, start, next < 0 || next > papersEnd ? papersEnd : next)
    const last = next < 0 || next >= papersEnd
    if (source[start] !== '{' || source[end - 1] !== (last ? '}' : ',')) return null
    lines.push(start, last ? end : end - 1)
    if (last) break
    start = next + 1
  }
  if (lines.length === 0) return null
  return { ok: true, value: { header, count: lines.length / 2, papers: linePapers(source, lines) } }
}

/** Where a line ends, before its carriage return if it has one (a file saved with Windows line ends). */
function lineEnd(source: string, start: number, newline: number): number {
  return newline > start && source[newline - 1] === '\r' ? newline - 1 : newline
}

function parseHeaderLine(line: string): Record<string, unknown> | null {
  if (!line.endsWith(PAPERS_OPEN)) return null
  try {
    const header: unknown = JSON.parse(`${line}${PAPERS_CLOSE}`)
    if (!isRecord(header)) return null
    const { papers: _papers, ...fields } = header
    return fields
  } catch {
    return null
  }
}

function* linePapers(source: string, lines: readonly number[]): Generator<unknown> {
  for (let at = 0; at < lines.length; at += 2) {
    try {
      yield JSON.parse(source.slice(lines[at], lines[at + 1]))
    } catch {
      throw new BackupFileError(NOT_JSON)
    }
  }
}

/** Checks a backup's header: its format, a version this build reads, and its settings. `isSite` tells which sites a setting may name. */
export function parseBackupHeader(header: Record<string, unknown>, isSite: (id: string) => boolean): Parsed<BackupHeader> {
  if (header.format !== BACKUP_FORMAT) return fail('This is not a Paper Shelf backup.')
  const { version } = header
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail('This backup has no valid version number.')
  if (version > BACKUP_VERSION) return fail('This backup was made by a newer version of Paper Shelf; update the extension to import it.')
  const settings = header.settings ?? {}
  const settingsTrouble = settingsProblem(settings, isSite)
  if (settingsTrouble) return fail(`This backup's settings are damaged: ${settingsTrouble}.`)
  return { ok: true, value: { version, settings: settings as StoredSettings } }
}

/**
 * Checks a backup's papers in order, in as many parts as they come in: each paper as its version
 * wrote it, and each paper once. Errors name the first bad paper by its position in the file.
 */
export class BackupPaperChecker {
  private readonly parsePaper: (value: unknown, isSiteLink: SiteLinkCheck) => Parsed<Paper>
  private readonly seen = new Map<string, number>()
  private checked = 0

  constructor(
    version: number,
    private readonly isSiteLink: SiteLinkCheck,
  ) {
    this.parsePaper = version === 1 ? parseVersion1Paper : version < 6 ? parseEarlierPaper : parseStoredPaper
  }

  /** How many papers were checked so far. */
  get count(): number {
    return this.checked
  }

  /** The next papers of the file, in today's shape; the first problem found fails the part. */
  check(values: Iterable<unknown>): Parsed<Paper[]> {
    const papers: Paper[] = []
    for (const value of values) {
      const index = this.checked
      const parsed = this.parsePaper(value, this.isSiteLink)
      if (!parsed.ok) return fail(`${paperLabel(index, value)}: ${parsed.error}.`)
      const earlier = this.seen.get(parsed.value.key)
      if (earlier !== undefined) return fail(`${paperLabel(index, value)}: the same paper is already paper ${earlier + 1}.`)
      this.seen.set(parsed.value.key, index)
      papers.push(parsed.value)
      this.checked += 1
    }
    return { ok: true, value: papers }
  }
}

/**
 * Reads a backup file and validates all of it at once: the caller writes nothing unless this succeeds.
 * `isSite` tells which sites a setting may name.
 */
export function parseBackup(text: string, isSiteLink: SiteLinkCheck, isSite: (id: string) => boolean): Parsed<BackupContents> {
  const file = readBackupFile(text)
  if (!file.ok) return file
  const header = parseBackupHeader(file.value.header, isSite)
  if (!header.ok) return header
  try {
    const papers = new BackupPaperChecker(header.value.version, isSiteLink).check(file.value.papers)
    return papers.ok ? { ok: true, value: { papers: papers.value, settings: header.value.settings } } : papers
  } catch (error) {
    if (error instanceof BackupFileError) return fail(error.message)
    throw error
  }
}
