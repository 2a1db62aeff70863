import { describe, expect, it } from 'vitest'
import { createBackup } from '../../../src/core/backup/backup'
import {
  hideSeenSetting,
  isSettingName,
  newerSettings,
  portableSettings,
  SETTINGS,
  settingsProblem,
  settingValue,
} from '../../../src/core/settings'

const isSite = (site: string) => site === 'arxiv' || site === 'huggingface'

describe('settings', () => {
  it('have their initial value until the reader changes them', () => {
    expect(settingValue({}, 'seenTracking')).toBe(SETTINGS.seenTracking.initial)
    expect(settingValue({}, 'shortcuts')).toBe(true)
    expect(settingValue({}, 'unreadIncludesUpdated')).toBe(false)
    expect(settingValue({}, hideSeenSetting('arxiv'))).toBe(false)
    expect(settingValue({ seenTracking: { value: false, at: 5 } }, 'seenTracking')).toBe(false)
    expect(settingValue({ 'hideSeen:arxiv': { value: true, at: 5 } }, hideSeenSetting('arxiv'))).toBe(true)
  })

  it('are named by the registry, or per known site for hiding seen papers', () => {
    expect(isSettingName('shortcuts', isSite)).toBe(true)
    expect(isSettingName('hideSeen:huggingface', isSite)).toBe(true)
    for (const name of ['hideSeen:nowhere', 'hideSeen:', 'hideSeen:arxiv:x', 'hideSeen', 'toString', '__proto__', 42, undefined]) {
      expect(isSettingName(name, isSite)).toBe(false)
    }
  })

  it('from a backup are checked one by one', () => {
    expect(settingsProblem({ seenTracking: { value: false, at: 1 }, 'hideSeen:arxiv': { value: true, at: 2 } }, isSite)).toBeNull()
    expect(settingsProblem([], isSite)).toBe('settings must be an object')
    expect(settingsProblem({ theme: { value: true, at: 1 } }, isSite)).toBe('unknown setting "theme"')
    expect(settingsProblem({ shortcuts: true }, isSite)).toBe('setting "shortcuts" must be an object with a value and a time')
    expect(settingsProblem({ shortcuts: { value: 'yes', at: 1 } }, isSite)).toBe('setting "shortcuts" must be true or false')
    expect(settingsProblem({ shortcuts: { value: true, at: -1 } }, isSite)).toBe(
      'setting "shortcuts" must have a time in milliseconds, not in the future',
    )
    expect(settingsProblem({ shortcuts: { value: true, at: 1, by: 'x' } }, isSite)).toBe('setting "shortcuts" has unexpected fields')
    expect(settingsProblem(JSON.parse('{"__proto__":{"value":true,"at":1}}'), isSite)).toBe('unknown setting "__proto__"')
  })

  it('merge setting by setting, the newer change winning', () => {
    const current = { seenTracking: { value: false, at: 10 }, shortcuts: { value: true, at: 10 } }
    const incoming = { seenTracking: { value: true, at: 20 }, shortcuts: { value: false, at: 5 }, 'hideSeen:arxiv': { value: true, at: 1 } }
    expect(newerSettings(current, incoming)).toEqual({ seenTracking: { value: true, at: 20 }, 'hideSeen:arxiv': { value: true, at: 1 } })
    expect(newerSettings(current, current)).toEqual({})
  })
})

describe('settings about this browser only', () => {
  it('are neither carried by a backup nor taken from one: restoring a backup never turns on sync', () => {
    const settings = { sync: { value: true, at: 5 }, shortcuts: { value: false, at: 5 } }
    expect(portableSettings(settings)).toEqual({ shortcuts: { value: false, at: 5 } })
    expect(createBackup([], new Date(0), settings).settings).toEqual({ shortcuts: { value: false, at: 5 } })
    expect(newerSettings({}, settings)).toEqual({ shortcuts: { value: false, at: 5 } })
  })
})
