import type { SettingsClient } from '../client/settings-client'
import type { ShelfClient } from '../client/shelf-client'
import {
  hideSeenSetting,
  settingPermission,
  SETTINGS,
  settingsOfGroup,
  type GlobalSettingName,
  type SettingGroup,
  type SettingName,
} from '../core/settings'
import type { PermissionGrants } from '../platform/optional-permissions'
import type { BackupRecord } from './backup-record'
import { formatTimestamp } from './format'
import { SITES } from '../sites/registry'
import { createDeleteAll } from './delete-all'
import { h, setText } from './dom'
import { PROTECTION_TEXT, protectStorage, type StorageChecks } from './storage-protection'
import { syncStatusText, type SyncStatusFeed } from './sync-status-text'

const plural = (count: number, word: string) => `${count.toLocaleString('en')} ${word}${count === 1 ? '' : 's'}`

/** The Settings view of the popup: what it shows, and how to leave it. */
export interface SettingsView {
  readonly element: HTMLElement
  /** Shows the current settings and how many papers were seen, and moves focus into the view. */
  open(): void
  destroy(): void
}

/**
 * The reader's settings: seen tracking, keyboard shortcuts, how Unread counts updated papers, which
 * sites hide seen papers, weekly backups (asking for the permission they need), whether the browser keeps the shelf's storage, clearing the seen history and deleting every paper
 * (each after a confirmation). Each checkbox saves as it changes; a failure puts it back and says why.
 */
export function createSettingsView(
  doc: Document,
  idPrefix: string,
  clients: {
    shelf: ShelfClient
    settings: SettingsClient
    storage?: StorageChecks
    permissions?: PermissionGrants
    backups?: BackupRecord
    sync?: SyncStatusFeed
  },
  onBack: () => void,
): SettingsView {
  const { shelf, settings } = clients
  const headingId = `${idPrefix}-settings-title`
  const back = h(doc, 'button', { type: 'button', class: 'button' }, 'Back')
  back.addEventListener('click', onBack)
  const heading = h(doc, 'h2', { id: headingId, class: 'settings-title', tabindex: '-1' }, 'Settings')
  const status = h(doc, 'p', { class: 'settings-status', role: 'status', 'aria-live': 'polite' })

  const checkboxes = new Map<SettingName, HTMLInputElement>()
  const checkbox = (name: SettingName, label: string, hint?: string) => {
    const id = `${idPrefix}-setting-${name.replace(':', '-')}`
    const input = h(doc, 'input', { type: 'checkbox', id, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) })
    input.addEventListener('change', () => save(name, input))
    checkboxes.set(name, input)
    return h(
      doc,
      'div',
      { class: 'setting' },
      input,
      h(doc, 'label', { for: id }, label),
      ...(hint ? [h(doc, 'p', { id: `${id}-hint`, class: 'setting-hint' }, hint)] : []),
    )
  }

  const group = (legend: string, ...content: HTMLElement[]) =>
    h(doc, 'fieldset', { class: 'settings-group' }, h(doc, 'legend', {}, legend), ...content)
  const declared = (settingGroup: SettingGroup) =>
    settingsOfGroup(settingGroup).map((name) => checkbox(name, SETTINGS[name].label, SETTINGS[name].hint))

  const general = group('Listing pages and the reading list', ...declared('listings'))
  const lastBackup = h(doc, 'p', { class: 'setting-hint' })
  const backups = group('Backups', ...declared('backups'), lastBackup)
  const syncStatus = h(doc, 'p', { class: 'setting-hint', 'aria-live': 'polite' })
  const sync = group(
    'Sync',
    ...declared('sync'),
    h(
      doc,
      'p',
      { class: 'setting-hint' },
      'Your browser carries it only while you are signed in to its sync with extensions (Chrome) or add-ons (Firefox) included. Turning sync off keeps your shelf here.',
    ),
    syncStatus,
  )
  const hideSeen = group(
    'Hide seen papers on',
    h(doc, 'p', { class: 'setting-hint' }, 'Starred papers always stay. Each site’s page has a Hide seen button too.'),
    ...SITES.map((site) => checkbox(hideSeenSetting(site.id), site.label)),
  )

  const seenCount = h(doc, 'p', {}, 'Seen history: …')
  const clear = h(doc, 'button', { type: 'button', class: 'button' }, 'Clear seen history')
  const confirmText = h(doc, 'p', { class: 'confirm-text' })
  const confirmClear = h(doc, 'button', { type: 'button', class: 'button danger' }, 'Clear')
  const cancelClear = h(doc, 'button', { type: 'button', class: 'button' }, 'Cancel')
  const confirm = h(
    doc,
    'div',
    { class: 'confirm', role: 'group', 'aria-label': 'Confirm clearing the seen history' },
    confirmText,
    confirmClear,
    cancelClear,
  )
  confirm.hidden = true
  const history = h(doc, 'div', { class: 'settings-group seen-history' }, seenCount, clear, confirm)
  const protection = h(doc, 'p', { class: 'setting-hint' }, 'Checking…')
  const storage = group('Storage', protection)
  const deleteAll = createDeleteAll(doc, idPrefix, shelf, (message) => setText(status, message))

  const element = h(
    doc,
    'section',
    { class: 'settings', 'aria-labelledby': headingId },
    h(doc, 'div', { class: 'settings-header' }, back, heading),
    general,
    hideSeen,
    backups,
    sync,
    storage,
    history,
    deleteAll.element,
    status,
  )
  element.hidden = true

  let seen = 0
  let countSeq = 0

  function paint(): void {
    for (const [name, input] of checkboxes) input.checked = settings.value(name)
  }

  function save(name: SettingName, input: HTMLInputElement): void {
    const wanted = input.checked
    setText(status, '')
    const permission = settingPermission(name)
    const grants = clients.permissions
    // Asked while the click is being handled: browsers show their prompt only then.
    const allowed = permission && grants && wanted ? grants.request(permission) : Promise.resolve(true)
    allowed
      .then(async (granted) => {
        if (!granted) {
          input.checked = false
          setText(status, `“${SETTINGS[name as GlobalSettingName].label}” needs the permission the browser asked for; it stays off.`)
          return
        }
        await settings.set(name, wanted)
        if (permission && grants && !wanted) await grants.remove(permission).catch(() => undefined)
      })
      .catch((error: unknown) => {
        input.checked = settings.value(name)
        setText(status, `Couldn't save the setting: ${error instanceof Error ? error.message : String(error)}`)
      })
  }

  function showLastBackup(): void {
    const at = clients.backups?.times().lastBackupAt
    setText(lastBackup, at === undefined ? 'No backup saved from this browser yet.' : `Last backup: ${formatTimestamp(at)}.`)
  }

  async function showProtection(): Promise<void> {
    const checks = clients.storage
    setText(protection, checks ? 'Checking…' : PROTECTION_TEXT.unknown)
    if (checks) setText(protection, PROTECTION_TEXT[await protectStorage(checks)])
  }

  async function countSeen(): Promise<void> {
    const mine = ++countSeq
    try {
      const count = await shelf.countSightings()
      if (mine !== countSeq) return
      seen = count
      setText(seenCount, `Seen history: ${plural(count, 'paper')}`)
      clear.disabled = count === 0
    } catch (error) {
      if (mine === countSeq) setText(seenCount, `Seen history: unknown (${error instanceof Error ? error.message : String(error)})`)
    }
  }

  function askToClear(): void {
    setText(confirmText, `Forget the ${plural(seen, 'paper')} you have seen? Listings will show them as new again.`)
    confirm.hidden = false
    clear.hidden = true
    cancelClear.focus()
  }

  function closeConfirm(): void {
    confirm.hidden = true
    clear.hidden = false
    clear.focus()
  }

  clear.addEventListener('click', askToClear)
  cancelClear.addEventListener('click', closeConfirm)
  confirmClear.addEventListener('click', () => {
    confirmClear.disabled = true
    shelf
      .clearSightings()
      .then((cleared) => setText(status, `Seen history cleared: ${plural(cleared, 'paper')} forgotten.`))
      .catch((error: unknown) =>
        setText(status, `Couldn't clear the seen history: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => {
        confirmClear.disabled = false
        closeConfirm()
        void countSeen()
      })
  })

  const stopFollowing = settings.onChange(paint)
  const stopFollowingSync = clients.sync?.subscribe((current) => setText(syncStatus, syncStatusText(current)))

  function showSyncStatus(): void {
    const feed = clients.sync
    if (!feed) return
    feed
      .current()
      .then((current) => setText(syncStatus, syncStatusText(current)))
      .catch((error: unknown) =>
        setText(syncStatus, `How syncing goes is unknown: ${error instanceof Error ? error.message : String(error)}`),
      )
  }

  return {
    element,
    open() {
      paint()
      setText(status, '')
      confirm.hidden = true
      clear.hidden = false
      deleteAll.close()
      void countSeen()
      void showProtection()
      showLastBackup()
      showSyncStatus()
      element.hidden = false
      heading.focus()
    },
    destroy() {
      stopFollowing()
      stopFollowingSync?.()
    },
  }
}
