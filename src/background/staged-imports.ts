import { BackupPaperChecker, parseBackupHeader, type BackupContents } from '../core/backup/backup'
import type { Paper } from '../core/paper'
import type { StoredSettings } from '../core/settings'
import { fail, type Parsed } from '../core/validation'
import { isSiteId, isSiteLink } from '../sites/registry'

interface StagedImport {
  checker: BackupPaperChecker
  settings: StoredSettings
  expected: number
  papers: Paper[]
}

/** Backups being received at once: a reader imports one file at a time, two when the popup and the library both do. */
const MOST_STAGED = 2

const INTERRUPTED =
  'The import was interrupted: Paper Shelf restarted, or other imports began meanwhile. Nothing was written; import the file again.'

/**
 * Backups on their way in. A page sends a backup in parts, each under the browsers' message size
 * limit; every part is checked as it arrives and kept here until the last one, so the import is
 * written in one transaction, or not at all. They live in the worker's memory only: a worker that
 * stops in between forgets them, and the page is told to import again.
 */
export class StagedImports {
  private readonly staged = new Map<string, StagedImport>()

  /** Checks a backup's header and stages it; the id its parts are sent with. */
  begin(header: Record<string, unknown>, expected: number): Parsed<string> {
    const parsed = parseBackupHeader(header, isSiteId)
    if (!parsed.ok) return parsed
    const { version, settings } = parsed.value
    const importId = crypto.randomUUID()
    this.staged.set(importId, { checker: new BackupPaperChecker(version, isSiteLink), settings, expected, papers: [] })
    for (const older of [...this.staged.keys()].slice(0, -MOST_STAGED)) this.staged.delete(older)
    return { ok: true, value: importId }
  }

  /** Checks the next papers of a staged backup; how many it holds so far. A bad paper ends the import. */
  add(importId: string, values: readonly unknown[]): Parsed<number> {
    const staged = this.staged.get(importId)
    if (!staged) return fail(INTERRUPTED)
    if (staged.papers.length + values.length > staged.expected) {
      this.staged.delete(importId)
      return fail(`The backup sent more papers than the ${staged.expected} it announced.`)
    }
    const checked = staged.checker.check(values)
    if (!checked.ok) {
      this.staged.delete(importId)
      return checked
    }
    for (const paper of checked.value) staged.papers.push(paper)
    return { ok: true, value: staged.papers.length }
  }

  /** A staged backup whose every paper arrived, taken out to be written. */
  finish(importId: string): Parsed<BackupContents> {
    const staged = this.staged.get(importId)
    this.staged.delete(importId)
    if (!staged) return fail(INTERRUPTED)
    if (staged.papers.length !== staged.expected) {
      return fail(`Only ${staged.papers.length} of the backup's ${staged.expected} papers arrived. Import the file again.`)
    }
    return { ok: true, value: { papers: staged.papers, settings: staged.settings } }
  }
}
