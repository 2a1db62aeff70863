// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseBackup } from '../../../src/core/backup/backup'
import { BACKUP_INTERVAL_MS, REMIND_AFTER_CHANGES } from '../../../src/core/backup-schedule'
import '../../../src/core/export/renderers'
import type { Paper } from '../../../src/core/paper'
import { localBackupRecord, type BackupRecord } from '../../../src/popup/backup-record'
import type { FileActions } from '../../../src/popup/export-panel'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { isSiteId, isSiteLink } from '../../../src/sites/registry'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { allByRole, byRole, flush } from './dom-helpers'
import { openReadingList } from './open-reading-list'

const DAY = 86_400_000
const NOW = new Date(Date.UTC(2026, 11, 2, 9))
/** Papers starred a day before now. */
const starred = (count: number, at = NOW.getTime() - DAY) =>
  Array.from({ length: count }, (_, n) =>
    storedPaper(`2411.${10_000 + n}`, { title: `Paper number ${n}` }, { starred: { value: true, at } }),
  )

let background: InMemoryBackground
let record: BackupRecord
let root: HTMLElement
let view: ReadingList | undefined
let files: {
  save: ReturnType<typeof vi.fn<FileActions['save']>>
  copy: ReturnType<typeof vi.fn<FileActions['copy']>>
  saveQuietly: ReturnType<typeof vi.fn<NonNullable<FileActions['saveQuietly']>>>
}

beforeEach(() => {
  background = new InMemoryBackground()
  localStorage.clear()
  record = localBackupRecord(localStorage)
  root = document.createElement('div')
  document.body.replaceChildren(root)
  files = {
    save: vi.fn<FileActions['save']>(),
    copy: vi.fn<FileActions['copy']>(async () => {}),
    saveQuietly: vi.fn<NonNullable<FileActions['saveQuietly']>>(async () => {}),
  }
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

async function open(papers: Paper[], weekly = false): Promise<void> {
  if (weekly) await background.settingsClient().set('weeklyBackup', true)
  view?.destroy()
  view = await openReadingList(root, background, papers, { files, now: () => NOW, optional: { backups: record } })
}

const reminder = () => root.querySelector<HTMLElement>('section[aria-label="Backup reminder"]')!
const reminderShown = () => !reminder().hidden

describe('the backup reminder', () => {
  it('says nothing while fewer papers than the threshold changed since the last backup', async () => {
    await open(starred(REMIND_AFTER_CHANGES - 1))
    expect(reminderShown()).toBe(false)
  })

  it('offers a backup when many papers were never backed up, and “Not now” puts it off until as many change again', async () => {
    await open(starred(60))
    expect(reminderShown()).toBe(true)
    expect(reminder().textContent).toContain(
      "60 papers on your shelf and no backup yet. A backup file keeps them if this browser's data is lost",
    )
    byRole(reminder(), 'button', 'Not now').click()
    expect(reminderShown()).toBe(false)
    expect(record.times().dismissedAt).toBe(NOW.getTime())

    await open([])
    expect(reminderShown()).toBe(false)
  })

  it('saves the backup from “Back up now”, says so and remembers when', async () => {
    record.backedUp(NOW.getTime() - 10 * DAY)
    await open(starred(55))
    expect(reminder().textContent).toContain('55 papers changed since your last backup.')
    byRole(reminder(), 'button', 'Back up now').click()
    await vi.waitFor(() => expect(files.save).toHaveBeenCalledTimes(1))
    const [fileName, mimeType, text] = files.save.mock.calls[0]!
    expect(fileName).toBe('paper-shelf-all-2026-12-02.backup.json')
    expect(mimeType).toBe('application/json')
    const parsed = parseBackup(text, isSiteLink, isSiteId)
    expect(parsed.ok && parsed.value.papers).toHaveLength(55)
    await flush()
    expect(reminder().querySelector('p')?.textContent).toBe('Backup saved: paper-shelf-all-2026-12-02.backup.json.')
    expect(allByRole(reminder(), 'button')).toEqual([])
    expect(record.times().lastBackupAt).toBe(NOW.getTime())
  })

  it('counts a backup saved from the Export panel', async () => {
    await open(starred(60))
    byRole(root, 'button', 'Export').click()
    byRole(root, 'button', 'JSON backup').click()
    await vi.waitFor(() => expect(files.save).toHaveBeenCalledTimes(1))
    expect(record.times().lastBackupAt).toBe(NOW.getTime())
    await open([])
    expect(reminderShown()).toBe(false)
  })
})

describe('weekly backups', () => {
  it('saves the whole shelf into the downloads without asking when a week has passed, and not again that week', async () => {
    record.backedUp(NOW.getTime() - BACKUP_INTERVAL_MS)
    await open(starred(3), true)
    await vi.waitFor(() => expect(files.saveQuietly).toHaveBeenCalledTimes(1))
    const [fileName, , text] = files.saveQuietly.mock.calls[0]!
    expect(fileName).toBe('paper-shelf-all-2026-12-02.backup.json')
    const parsed = parseBackup(text, isSiteLink, isSiteId)
    expect(parsed.ok && parsed.value.papers.map((paper) => paper.key).sort()).toEqual(starred(3).map((paper) => paper.key))
    expect(parsed.ok && parsed.value.settings).toMatchObject({ weeklyBackup: { value: true } })
    await flush()
    expect(record.times().lastBackupAt).toBe(NOW.getTime())
    expect(reminderShown()).toBe(false)

    await open([], true)
    await flush()
    expect(files.saveQuietly).toHaveBeenCalledTimes(1)
  })

  it('does not save before a week, and shows no reminder meanwhile however many papers changed', async () => {
    record.backedUp(NOW.getTime() - 6 * DAY)
    await open(starred(80), true)
    await flush()
    expect(files.saveQuietly).not.toHaveBeenCalled()
    expect(reminderShown()).toBe(false)
  })

  it('says why when the weekly backup could not be saved, and offers to save one by hand', async () => {
    files.saveQuietly.mockRejectedValueOnce(new Error('this browser has not allowed Paper Shelf to save files.'))
    await open(starred(2), true)
    await vi.waitFor(() => expect(reminderShown()).toBe(true))
    expect(reminder().textContent).toContain(
      "This week's backup could not be saved: this browser has not allowed Paper Shelf to save files.",
    )
    expect(byRole(reminder(), 'button', 'Back up now')).toBeDefined()
    expect(record.times().lastBackupAt).toBeUndefined()
  })

  it('saves nothing for an empty shelf', async () => {
    await open([], true)
    await flush()
    expect(files.saveQuietly).not.toHaveBeenCalled()
  })
})

describe('the backup reminder, when saving fails', () => {
  it('opens the Export panel, which says why', async () => {
    files.save.mockImplementationOnce(() => {
      throw new Error('The disk is full.')
    })
    await open(starred(60))
    byRole(reminder(), 'button', 'Back up now').click()
    await vi.waitFor(() => expect(byRole(root, 'button', 'Export').getAttribute('aria-expanded')).toBe('true'))
    expect(byRole(root, 'alert').textContent).toBe('Could not export: The disk is full.')
    expect(record.times().lastBackupAt).toBeUndefined()
    expect(reminderShown()).toBe(true)
  })
})
