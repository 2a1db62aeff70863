import { LIMITS } from '../limits'
import type { Paper } from '../paper'
import { settingsProblem, type StoredSettings } from '../settings'
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
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), settings, papers: papers.map(canonicalPaper) }
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

/**
 * Reads a backup file and validates all of it before anything is written: the caller writes
 * nothing unless this succeeds. Errors are sentences for the user and name the first bad paper.
 * `isSite` tells which sites a setting may name.
 */
export function parseBackup(text: string, isSiteLink: SiteLinkCheck, isSite: (id: string) => boolean): Parsed<BackupContents> {
  // Refused before parsing: far beyond any real shelf, and the same bound the background applies to the message.
  if (text.length > LIMITS.backupLength) {
    return fail(`This file is too large to be a Paper Shelf backup (over ${LIMITS.backupLength / 1_000_000} MB).`)
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  if (source.trim() === '') return fail('This file is empty.')
  let data: unknown
  try {
    data = JSON.parse(source)
  } catch {
    return fail('This file is not valid JSON: it may be truncated or damaged.')
  }
  if (!isRecord(data) || data.format !== BACKUP_FORMAT) return fail('This is not a Paper Shelf backup.')
  const { version } = data
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return fail('This backup has no valid version number.')
  if (version > BACKUP_VERSION) return fail('This backup was made by a newer version of Paper Shelf; update the extension to import it.')
  if (!Array.isArray(data.papers)) return fail('This backup has no list of papers.')
  const settings = data.settings ?? {}
  const settingsTrouble = settingsProblem(settings, isSite)
  if (settingsTrouble) return fail(`This backup's settings are damaged: ${settingsTrouble}.`)
  const parsePaper = version === 1 ? parseVersion1Paper : version < 6 ? parseEarlierPaper : parseStoredPaper
  const papers: Paper[] = []
  const seen = new Map<string, number>()
  for (const [index, value] of data.papers.entries()) {
    const parsed = parsePaper(value, isSiteLink)
    if (!parsed.ok) return fail(`${paperLabel(index, value)}: ${parsed.error}.`)
    const earlier = seen.get(parsed.value.key)
    if (earlier !== undefined) return fail(`${paperLabel(index, value)}: the same paper is already paper ${earlier + 1}.`)
    seen.set(parsed.value.key, index)
    papers.push(parsed.value)
  }
  return { ok: true, value: { papers, settings: settings as StoredSettings } }
}
