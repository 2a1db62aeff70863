// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { Paper } from '../../../src/core/paper'
import type { PermissionGrants } from '../../../src/platform/optional-permissions'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { PROTECTION_TEXT, type StorageChecks } from '../../../src/popup/storage-protection'
import { SyncEngine } from '../../../src/background/sync-engine'
import { FakeSyncService, ManualTimer } from '../../support/fake-sync-storage'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { allByRole, byRole, flush, key } from './dom-helpers'
import { openReadingList } from './open-reading-list'

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined
const files = { save: vi.fn(), copy: vi.fn(async () => {}) }

beforeEach(() => {
  background = new InMemoryBackground()
  background.now = Date.UTC(2026, 10, 1)
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

async function mount(papers: Paper[] = [], storage?: StorageChecks): Promise<void> {
  view = await openReadingList(root, background, papers, { shelf: client, files, optional: storage ? { storage } : {} })
}

const settingsView = () => byRole(root, 'region', 'Settings')
const checkbox = (name: string) => byRole(settingsView(), 'checkbox', name) as HTMLInputElement

async function openSettings(): Promise<void> {
  byRole(root, 'button', 'Settings').click()
  await flush()
}

describe('popup: settings', () => {
  it('opens from the Settings button, shows the stored settings, and Back returns to the list', async () => {
    await background.stores.settings.set('shortcuts', false)
    await mount()
    await openSettings()
    expect(document.activeElement?.textContent).toBe('Settings')
    expect(checkbox('Remember which papers I have seen').checked).toBe(true)
    expect(checkbox('Keyboard shortcuts on listing pages').checked).toBe(false)
    expect(checkbox('Unread includes papers updated since I read them').checked).toBe(false)
    expect(checkbox('arXiv').checked).toBe(false)
    expect(allByRole(root, 'searchbox')).toHaveLength(0)
    byRole(settingsView(), 'button', 'Back').click()
    expect(allByRole(root, 'region', 'Settings')).toHaveLength(0)
    expect(document.activeElement).toBe(byRole(root, 'button', 'Settings'))
    await openSettings()
    key(checkbox('arXiv'), 'Escape')
    expect(allByRole(root, 'region', 'Settings')).toHaveLength(0)
  })

  it('saves each setting as it changes, per site for hiding seen papers', async () => {
    await mount()
    await openSettings()
    checkbox('Keyboard shortcuts on listing pages').click()
    checkbox('Hugging Face').click()
    await flush()
    expect(await background.stores.settings.all()).toEqual({
      shortcuts: { value: false, at: expect.any(Number) },
      'hideSeen:huggingface': { value: true, at: expect.any(Number) },
    })
  })

  it('puts a setting back and says why when it cannot be saved', async () => {
    await mount()
    await openSettings()
    background.failNext('setSetting', 'The shelf is read-only.')
    checkbox('Remember which papers I have seen').click()
    await flush()
    expect(checkbox('Remember which papers I have seen').checked).toBe(true)
    expect(byRole(settingsView(), 'status').textContent).toBe("Couldn't save the setting: The shelf is read-only.")
  })

  it('follows a setting changed elsewhere', async () => {
    await mount()
    await openSettings()
    await background.settingsClient().set('seenTracking', false)
    await flush()
    expect(checkbox('Remember which papers I have seen').checked).toBe(false)
  })

  it('clears the seen history only once confirmed', async () => {
    await background.stores.sightings.record(['arxiv:2404.00001', 'arxiv:2404.00002'], 'arxiv cs.LG/new')
    await mount()
    await openSettings()
    expect(settingsView().textContent).toContain('Seen history: 2 papers')
    byRole(settingsView(), 'button', 'Clear seen history').click()
    expect(byRole(settingsView(), 'group', 'Confirm clearing the seen history').textContent).toContain(
      'Forget the 2 papers you have seen? Listings will show them as new again.',
    )
    byRole(settingsView(), 'button', 'Cancel').click()
    await flush()
    expect(await background.stores.sightings.count()).toBe(2)
    byRole(settingsView(), 'button', 'Clear seen history').click()
    byRole(settingsView(), 'button', 'Clear').click()
    await flush()
    expect(await background.stores.sightings.count()).toBe(0)
    expect(byRole(settingsView(), 'status').textContent).toBe('Seen history cleared: 2 papers forgotten.')
    expect(settingsView().textContent).toContain('Seen history: 0 papers')
    expect((byRole(settingsView(), 'button', 'Clear seen history') as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('popup: papers updated since they were read', () => {
  const readAtV1 = () =>
    storedPaper(
      '2404.00001',
      { title: 'Updated Paper', version: 3 },
      { starred: { value: true, at: 10 }, read: { value: true, at: 20, version: 1 } },
    )
  const unreadTitles = async () => {
    byRole(root, 'tab', 'Unread').click()
    await flush()
    return [...root.querySelectorAll('li[data-key] .paper-title')].map((title) => title.textContent)
  }

  it('carry a badge naming the newer version', async () => {
    await mount([readAtV1(), storedPaper('2404.00002', { title: 'Read Paper', version: 2 }, { read: { value: true, at: 5, version: 2 } })])
    byRole(root, 'tab', 'All').click()
    await flush()
    const badges = [...root.querySelectorAll('li[data-key]')].map((row) => {
      const badge = row.querySelector<HTMLElement>('.paper-updated')!
      return badge.hidden ? null : badge.textContent
    })
    expect(badges).toEqual(['v3', null])
  })

  it('are in Unread only when the reader asks for it', async () => {
    await mount([readAtV1(), storedPaper('2404.00002', { title: 'Starred Paper' }, { starred: { value: true, at: 5 } })])
    expect(await unreadTitles()).toEqual(['Starred Paper'])
    await background.settingsClient().set('unreadIncludesUpdated', true)
    await flush()
    expect(await unreadTitles()).toEqual(['Updated Paper', 'Starred Paper'])
  })
})

describe('popup: the JSON backup', () => {
  it('holds the reader’s settings', async () => {
    await background.stores.settings.set('hideSeen:arxiv', true)
    await mount([storedPaper('2404.00001', {}, { starred: true })])
    byRole(root, 'button', 'Export').click()
    byRole(root, 'button', 'JSON backup').click()
    await vi.waitFor(() => expect(files.save).toHaveBeenCalled())
    const text = files.save.mock.calls.at(-1)?.[2] as string
    expect(JSON.parse(text)).toMatchObject({ version: 6, settings: { 'hideSeen:arxiv': { value: true } } })
  })
})

describe('popup: settings, storage', () => {
  const storageText = () => byRole(settingsView(), 'group', 'Storage').querySelector('p')?.textContent

  it('asks the browser to keep the shelf when Settings opens, and says it was granted', async () => {
    const storage = { persisted: vi.fn(async () => false), persist: vi.fn(async () => true), hasUnlimitedStorage: vi.fn(async () => true) }
    await mount([], storage)
    await openSettings()
    expect(storage.persist).toHaveBeenCalledTimes(1)
    expect(storageText()).toBe(PROTECTION_TEXT.persistent)
    expect(storageText()).toContain('Export → JSON backup')
  })

  it('says the shelf is kept by unlimited storage when the browser declines persistent storage (Chromium)', async () => {
    await mount([], { persisted: async () => false, persist: async () => false, hasUnlimitedStorage: async () => true })
    await openSettings()
    expect(storageText()).toBe(PROTECTION_TEXT.unlimited)
  })

  it('warns that the browser may clear the shelf when nothing keeps it', async () => {
    await mount([], { persisted: async () => false, persist: async () => false, hasUnlimitedStorage: async () => false })
    await openSettings()
    expect(storageText()).toBe(
      'The browser may clear your shelf when disk space runs low. Export a backup now and then (Export → JSON backup).',
    )
  })

  it('says it does not know when the browser cannot be asked', async () => {
    const refused = async (): Promise<boolean> => {
      throw new Error('no storage manager')
    }
    await mount([], { persisted: refused, persist: refused, hasUnlimitedStorage: refused })
    await openSettings()
    expect(storageText()).toBe(PROTECTION_TEXT.unknown)
  })
})

describe('popup: settings, weekly backups', () => {
  const WEEKLY = 'Save a backup file every week'
  const backups = () => byRole(settingsView(), 'group', 'Backups')
  let granted: boolean
  let permissions: {
    request: ReturnType<typeof vi.fn<PermissionGrants['request']>>
    remove: ReturnType<typeof vi.fn<PermissionGrants['remove']>>
  }
  let lastBackupAt: number | undefined

  async function mountWithBackups(): Promise<void> {
    const record = { times: () => ({ lastBackupAt }), backedUp: vi.fn(), dismissed: vi.fn() }
    view = await openReadingList(root, background, [], { shelf: client, files, optional: { permissions, backups: record } })
    await openSettings()
  }

  beforeEach(() => {
    granted = true
    lastBackupAt = undefined
    permissions = {
      request: vi.fn<PermissionGrants['request']>(async () => granted),
      remove: vi.fn<PermissionGrants['remove']>(async () => undefined),
    }
  })

  it('asks for the downloads permission when turned on, and gives it back when turned off', async () => {
    await mountWithBackups()
    const box = byRole(backups(), 'checkbox', WEEKLY) as HTMLInputElement
    expect(box.checked).toBe(false)
    box.click()
    expect(permissions.request).toHaveBeenCalledWith('downloads')
    await flush()
    expect(await background.stores.settings.all()).toMatchObject({ weeklyBackup: { value: true } })
    expect(permissions.remove).not.toHaveBeenCalled()

    box.click()
    await flush()
    expect(await background.stores.settings.all()).toMatchObject({ weeklyBackup: { value: false } })
    expect(permissions.remove).toHaveBeenCalledWith('downloads')
  })

  it('stays off and says why when the reader declines the permission', async () => {
    granted = false
    await mountWithBackups()
    const box = byRole(backups(), 'checkbox', WEEKLY) as HTMLInputElement
    box.click()
    await flush()
    expect(box.checked).toBe(false)
    expect(await background.stores.settings.all()).toEqual({})
    expect(byRole(settingsView(), 'status').textContent).toBe(
      '“Save a backup file every week” needs the permission the browser asked for; it stays off.',
    )
  })

  it('says when this browser last saved a backup', async () => {
    await mountWithBackups()
    expect(backups().textContent).toContain('No backup saved from this browser yet.')
    byRole(settingsView(), 'button', 'Back').click()
    lastBackupAt = new Date(2026, 10, 20, 15).getTime()
    await openSettings()
    expect(backups().textContent).toContain('Last backup: 20 Nov 2026.')
  })
})

describe('popup: settings, sync', () => {
  const SYNC = 'Sync my shelf through this browser’s sync'
  let service: FakeSyncService
  let timer: ManualTimer
  let engine: SyncEngine

  function startSyncing(): void {
    service = new FakeSyncService(() => background.now)
    timer = new ManualTimer(background)
    engine = new SyncEngine({
      papers: background.store,
      area: service.area('here'),
      notify: background.notify,
      clock: () => background.now,
      timer,
    })
    background.sync = engine
    background.observers.add((push) => engine.observe(push))
  }

  async function mountWithSync(papers: Paper[]): Promise<void> {
    startSyncing()
    view = await openReadingList(root, background, papers, { shelf: client, files, optional: { sync: background.syncFeed } })
    await openSettings()
  }

  const syncGroup = () => byRole(settingsView(), 'group', 'Sync')

  async function settle(): Promise<void> {
    await flush()
    await engine.whenIdle()
    timer.advance(5000)
    await engine.whenIdle()
    await flush()
  }

  it('says what leaves the computer, and how many papers sync once turned on', async () => {
    await mountWithSync([storedPaper('2401.00001', {}, { starred: true }), storedPaper('2401.00002', {}, { read: true })])
    const box = byRole(syncGroup(), 'checkbox', SYNC) as HTMLInputElement
    expect(box.checked).toBe(false)
    expect(syncGroup().textContent).toContain('title, first author and year')
    expect(syncGroup().textContent).toContain('Seen history, abstracts and everything else stay on this computer.')
    expect(syncGroup().textContent).toContain('Sync is off: your shelf stays on this computer.')

    box.click()
    await settle()
    expect(await background.stores.settings.all()).toMatchObject({ sync: { value: true } })
    expect(syncGroup().textContent).toContain('All 2 papers on your shelf sync. Last synced')
    expect(Object.keys(service.items).length).toBeGreaterThan(0)

    box.click()
    await settle()
    expect(syncGroup().textContent).toContain('Sync is off: your shelf stays on this computer.')
    expect((await papersOnShelf(background.store)).length).toBe(2)
  })

  it('says how many papers sync and how many stay here when the shelf outgrows the browser’s quota', async () => {
    const papers = Array.from({ length: 3000 }, (_, i) =>
      storedPaper(
        `2403.${String(i).padStart(5, '0')}`,
        { title: `A Study of Long Titles in Paper Listings, Number ${i}` },
        { starred: { value: true, at: 1000 + i } },
      ),
    )
    await mountWithSync(papers)
    ;(byRole(syncGroup(), 'checkbox', SYNC) as HTMLInputElement).click()
    await settle()
    const status = engine.currentStatus()
    expect(status.synced).toBeLessThan(3000)
    expect(syncGroup().textContent).toContain(
      `${status.synced!.toLocaleString('en')} of 3,000 papers sync: those you changed most recently. Your browser’s sync holds about 100 KB for Paper Shelf; the other ${(3000 - status.synced!).toLocaleString('en')} papers stay on this computer.`,
    )
  })

  it('says what went wrong', async () => {
    await mountWithSync([storedPaper('2401.00001', {}, { starred: true })])
    service.failures.push('QUOTA_BYTES quota exceeded')
    ;(byRole(syncGroup(), 'checkbox', SYNC) as HTMLInputElement).click()
    await settle()
    expect(syncGroup().textContent).toContain('Your browser’s sync storage for Paper Shelf is full. Paper Shelf tries again in a minute.')
  })
})
