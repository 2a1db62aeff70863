import { changesToRemindOf, weeklyBackupDue } from '../core/backup-schedule'
import type { Paper } from '../core/paper'
import type { BackupRecord } from './backup-record'
import { h, setText } from './dom'
import { plural } from './format'

export interface SafetyNetSources {
  /** Settles once every paper and setting is there (a long shelf arrives after its first rows): whether they all arrived. */
  ready(): Promise<boolean>
  /** Every paper on the shelf. */
  shelf(): Paper[]
  weeklyBackupOn(): boolean
  record: BackupRecord
  /** Saves the backup as the Export panel's button does; the file's name, or undefined when nothing was saved. */
  saveBackup(): Promise<string | undefined>
  /** Saves the backup into the downloads without asking; rejects with the reason it could not. */
  saveBackupQuietly(): Promise<string>
  now(): Date
}

/**
 * The shelf's safety net, checked each time the popup opens: with weekly backups on, saves one when
 * a week has passed since the last; otherwise, once many papers changed since the last backup (or
 * since the reader said "Not now"), a reminder offers to save one.
 */
export function createBackupReminder(doc: Document, sources: SafetyNetSources) {
  const text = h(doc, 'p', { class: 'reminder-text' })
  const backUp = h(doc, 'button', { type: 'button', class: 'button' }, 'Back up now')
  const notNow = h(doc, 'button', { type: 'button', class: 'button' }, 'Not now')
  const actions = h(doc, 'div', { class: 'reminder-actions' }, backUp, notNow)
  const element = h(doc, 'section', { class: 'reminder', 'aria-label': 'Backup reminder' }, text, actions)
  element.hidden = true

  function show(message: string): void {
    setText(text, message)
    actions.hidden = false
    element.hidden = false
  }

  backUp.addEventListener('click', () => {
    backUp.disabled = true
    void sources
      .saveBackup()
      .then((fileName) => {
        if (fileName === undefined) return
        setText(text, `Backup saved: ${fileName}.`)
        actions.hidden = true
      })
      .finally(() => (backUp.disabled = false))
  })
  notNow.addEventListener('click', () => {
    sources.record.dismissed(sources.now().getTime())
    element.hidden = true
  })

  /** Saves the weekly backup when it is due, or shows the reminder when it is called for. */
  async function check(): Promise<void> {
    // A backup of a shelf that did not load whole would be incomplete, and a reminder's count wrong.
    if (!(await sources.ready()) || sources.shelf().length === 0) return
    const times = sources.record.times()
    const now = sources.now().getTime()
    if (sources.weeklyBackupOn()) {
      if (!weeklyBackupDue(times, now)) return
      try {
        await sources.saveBackupQuietly()
      } catch (error) {
        show(`This week's backup could not be saved: ${error instanceof Error ? error.message : String(error)}`)
      }
      return
    }
    const changed = changesToRemindOf(sources.shelf(), times)
    if (changed === 0) return
    show(
      times.lastBackupAt === undefined
        ? `${plural(changed, 'paper')} on your shelf and no backup yet. A backup file keeps them if this browser's data is lost; Settings can save one every week.`
        : `${plural(changed, 'paper')} changed since your last backup. Settings can save one every week.`,
    )
  }

  return { element, check }
}
