import { settingValue, type SettingName, type StoredSettings } from '../core/settings'
import type { RequestFn } from '../platform/protocol'

/** How a page or the popup reaches the background for settings. */
export interface SettingsTransport {
  request: RequestFn
  /** Calls the listener with every setting the background pushes after a change; returns the unsubscribe function. */
  subscribe(listener: (settings: StoredSettings) => void): () => void
}

/** What a page or the popup knows of the reader's settings, kept up to date with changes made elsewhere. */
export class SettingsClient {
  private settings: StoredSettings = {}
  private readonly listeners = new Set<() => void>()
  private unsubscribe: (() => void) | undefined
  private loading: Promise<void> | undefined

  constructor(private readonly transport: SettingsTransport) {}

  /**
   * Reads the settings once and follows their changes; later calls share the first reading. Until
   * it succeeds, and if it fails, settings have their initial values.
   */
  load(): Promise<void> {
    this.unsubscribe ??= this.transport.subscribe((settings) => this.accept(settings))
    this.loading ??= this.transport.request({ type: 'getSettings' }).then(({ settings }) => this.accept(settings))
    return this.loading
  }

  disconnect(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
  }

  value(name: SettingName): boolean {
    return settingValue(this.settings, name)
  }

  /** Every setting the reader changed, for a backup. */
  stored(): StoredSettings {
    return this.settings
  }

  /** Changes a setting; rejects with the background's error, the setting then unchanged. */
  async set(name: SettingName, value: boolean): Promise<void> {
    const { settings } = await this.transport.request({ type: 'setSetting', name, value })
    this.accept(settings)
  }

  /** Calls the listener after every change of the settings; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private accept(settings: StoredSettings): void {
    // Each setting keeps its newer version: a push and a reply may arrive in either order.
    const next: StoredSettings = { ...this.settings }
    let changed = false
    for (const [name, setting] of Object.entries(settings) as Array<[SettingName, NonNullable<StoredSettings[SettingName]>]>) {
      const known = next[name]
      if (known && known.at >= setting.at) continue
      next[name] = setting
      changed = true
    }
    if (!changed) return
    this.settings = next
    for (const listener of this.listeners) listener()
  }
}
