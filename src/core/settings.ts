import { newerWins, type Stamped } from './marks'
import type { SiteName } from './paper'
import { isRecord, isTimestamp } from './validation'

/**
 * The reader's settings, declared once: the Settings view, storage, messages and backups all derive
 * from this. Every setting is on or off, stamped with the time it last changed so that merging two
 * shelves keeps the newer choice of each.
 */
export const SETTINGS = {
  seenTracking: {
    initial: true,
    label: 'Remember which papers I have seen',
    hint: 'Listing pages mark papers new or seen. Nothing leaves this browser.',
  },
  shortcuts: {
    initial: true,
    label: 'Keyboard shortcuts on listing pages',
    hint: 'j and k move between papers, s stars, r marks read, o opens, ? lists them all.',
  },
  unreadIncludesUpdated: {
    initial: false,
    label: 'Unread includes papers updated since I read them',
    hint: 'A paper read at one arXiv version comes back to Unread when a newer version appears.',
  },
  weeklyBackup: {
    initial: false,
    label: 'Save a backup file every week',
    hint: 'When you open Paper Shelf a week after the last backup, it saves one in the Paper Shelf folder of your downloads. It asks to manage your downloads for that.',
    permission: 'downloads',
    group: 'backups',
  },
  sync: {
    initial: false,
    label: 'Sync my shelf through this browser’s sync',
    hint: 'Your stars, read marks, tags and notes, with each paper’s title, first author and year, go to your browser’s sync service (Chrome sync or Firefox Sync) and reach your other computers signed in to it. Seen history, abstracts and everything else stay on this computer.',
    group: 'sync',
    thisBrowserOnly: true,
  },
} as const satisfies Record<string, SettingDeclaration>

/** A permission the extension asks for only when the reader turns on the setting that needs it. */
export type OptionalPermission = 'downloads'

/** Where Settings shows a setting: with the listing pages and the reading list's, with backups, or with sync. */
export type SettingGroup = 'listings' | 'backups' | 'sync'

interface SettingDeclaration {
  initial: boolean
  label: string
  hint: string
  permission?: OptionalPermission
  group?: SettingGroup
  /** A choice about this browser, which backups neither carry nor restore: restoring a backup never turns on sync. */
  thisBrowserOnly?: boolean
}

export type GlobalSettingName = keyof typeof SETTINGS

export const GLOBAL_SETTING_NAMES = Object.keys(SETTINGS) as GlobalSettingName[]

function declaration(name: SettingName): SettingDeclaration | undefined {
  return Object.hasOwn(SETTINGS, name) ? SETTINGS[name as GlobalSettingName] : undefined
}

/** The permission a setting needs to work, if any. */
export function settingPermission(name: SettingName): OptionalPermission | undefined {
  return declaration(name)?.permission
}

/** The global settings Settings shows in a group, in declaration order. */
export function settingsOfGroup(group: SettingGroup): GlobalSettingName[] {
  return GLOBAL_SETTING_NAMES.filter((name) => (declaration(name)?.group ?? 'listings') === group)
}

/** Whether a site's listings hide the seen, unstarred papers: one setting per site, off until the reader turns it on. */
export type HideSeenSettingName = `hideSeen:${SiteName}`

export type SettingName = GlobalSettingName | HideSeenSettingName

export function hideSeenSetting(site: SiteName): HideSeenSettingName {
  return `hideSeen:${site}`
}

/** The settings the reader has changed, each with when; a setting never changed has its initial value. */
export type StoredSettings = Partial<Record<SettingName, Stamped<boolean>>>

/** A setting's value: as last changed, else its initial value. */
export function settingValue(settings: StoredSettings, name: SettingName): boolean {
  const stored = settings[name]
  if (stored) return stored.value
  return name in SETTINGS ? SETTINGS[name as GlobalSettingName].initial : false
}

/** Whether `name` is a setting, for a site that `isSite` knows. */
export function isSettingName(name: unknown, isSite: (site: string) => boolean): name is SettingName {
  if (typeof name !== 'string') return false
  if (Object.hasOwn(SETTINGS, name)) return true
  const [kind, site] = name.split(':', 2)
  return kind === 'hideSeen' && site !== undefined && name === hideSeenSetting(site) && isSite(site)
}

/** Checks settings from outside (a backup): known names, each a value with a valid time. Returns the first problem, or null. */
export function settingsProblem(value: unknown, isSite: (site: string) => boolean): string | null {
  if (!isRecord(value)) return 'settings must be an object'
  for (const [name, setting] of Object.entries(value)) {
    const label = JSON.stringify(name.slice(0, 60))
    if (!isSettingName(name, isSite)) return `unknown setting ${label}`
    if (!isRecord(setting)) return `setting ${label} must be an object with a value and a time`
    const { value: settingValue, at, ...extra } = setting
    if (typeof settingValue !== 'boolean') return `setting ${label} must be true or false`
    if (!isTimestamp(at)) return `setting ${label} must have a time in milliseconds, not in the future`
    if (Object.keys(extra).length > 0) return `setting ${label} has unexpected fields`
  }
  return null
}

/** The settings a backup carries: all but those about this browser only. */
export function portableSettings(settings: StoredSettings): StoredSettings {
  const portable: StoredSettings = {}
  for (const [name, setting] of Object.entries(settings) as Array<[SettingName, Stamped<boolean>]>) {
    if (!declaration(name)?.thisBrowserOnly) portable[name] = setting
  }
  return portable
}

/** The settings of `incoming` that are newer than those of `current`: what a merge changes. Settings about this browser only are never taken. */
export function newerSettings(current: StoredSettings, incoming: StoredSettings): StoredSettings {
  const changed: StoredSettings = {}
  for (const [name, setting] of Object.entries(portableSettings(incoming)) as Array<[SettingName, Stamped<boolean>]>) {
    const known = current[name]
    if (!known || newerWins(known, setting) !== known) changed[name] = { value: setting.value, at: setting.at }
  }
  return changed
}
