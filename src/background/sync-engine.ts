import { lastChangedAt } from '../core/marks'
import type { Paper, PaperKey } from '../core/paper'
import { settingValue } from '../core/settings'
import { addsToEntry, paperOfEntry, syncEntryOf, type SyncEntry } from '../core/sync/sync-entry'
import { planSync, shardOfItemKey, shardOfKey, SYNC_LIMITS, viewOf } from '../core/sync/sync-plan'
import type { Push, SyncStatus } from '../platform/protocol'
import type { SyncArea } from '../platform/sync-storage'
import { notifyChanged, type Notify } from './notify'
import type { PaperStore } from './paper-store'

/** Waits, for the engine's delays; `cancel` forgets the call. */
export interface SyncTimer {
  after(ms: number, run: () => void): { cancel(): void }
}

const realTimer: SyncTimer = {
  after(ms, run) {
    const handle = setTimeout(run, ms)
    return { cancel: () => clearTimeout(handle) }
  },
}

/** How long a burst of changes (a bulk star in the library) is gathered into one write. */
const GATHER_MS = 800
/** When a write failed: the browsers' rate limits count by the minute. */
const RETRY_MS = 60_000
/** Papers a plan considers: more than the quota can hold. */
const CANDIDATES = 2500

interface SyncEngineDeps {
  papers: PaperStore
  area: SyncArea
  /** Tells pages of changes merged from other devices, and extension pages of the status. */
  notify: Notify
  clock?: () => number
  timer?: SyncTimer
}

function problemText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/MAX_WRITE_OPERATIONS/i.test(message))
    return 'Your browser limits how often sync storage is written. Paper Shelf tries again in a minute.'
  if (/QUOTA_BYTES/i.test(message)) return 'Your browser’s sync storage for Paper Shelf is full. Paper Shelf tries again in a minute.'
  return `Paper Shelf could not use your browser’s sync storage (${message}). It tries again in a minute.`
}

/** An item's value as text, to compare values; "" for a removed item. */
function itemText(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value)
}

const NEWER_FORMAT =
  'Another computer syncs this shelf with a newer version of Paper Shelf. Update Paper Shelf here to keep syncing; until then nothing is written.'

/**
 * Keeps the shelf and the browser's sync storage in step while the reader has sync on. Changes from
 * other devices are merged into the shelf as they arrive; changes here are gathered, planned
 * (`planSync`) and written at most once every 2.5 seconds. Each step runs after the one before, so
 * a merge never races a write.
 */
export class SyncEngine {
  private on = false
  /** Whether the view holds what sync storage held when syncing started: until then nothing is written. */
  private loaded = false
  private view = new Map<number, Map<PaperKey, SyncEntry>>()
  private newerFormat = false
  private status: SyncStatus = { on: false }
  private steps: Promise<void> = Promise.resolve()
  private pending: { cancel(): void } | undefined
  private lastWriteAt = -Infinity
  /** What this engine last wrote to each item, to tell its own writes from other devices' when the browser reports them. */
  private readonly written = new Map<string, string>()
  private readonly clock: () => number
  private readonly timer: SyncTimer

  constructor(private readonly deps: SyncEngineDeps) {
    this.clock = deps.clock ?? Date.now
    this.timer = deps.timer ?? realTimer
  }

  currentStatus(): SyncStatus {
    return this.status
  }

  /** Resolves once every step begun so far, and every step those began, has run. */
  async whenIdle(): Promise<void> {
    let current: Promise<void>
    do {
      current = this.steps
      await current
    } while (current !== this.steps)
  }

  /** Follows the reader's setting: turning on reads sync storage and merges both ways; turning off stops, keeping the shelf. */
  setEnabled(on: boolean): Promise<void> {
    if (on === this.on) return this.steps
    this.on = on
    if (!on) {
      this.pending?.cancel()
      this.pending = undefined
      this.loaded = false
      this.view = new Map()
      this.written.clear()
      this.setStatus({ on: false })
      return this.steps
    }
    this.setStatus({ on: true })
    return this.step(() => this.write())
  }

  /** Reads all of sync storage and merges it into the shelf: when syncing starts, and after a failure. */
  private async load(): Promise<void> {
    const items = await this.deps.area.getAll()
    this.written.clear()
    this.takeItems(items, true)
    await this.mergeIntoShelf([...this.view.values()].flatMap((entries) => [...entries.values()]))
    this.loaded = true
  }

  /** Takes what the browser reports changed in sync storage: each item's new value, undefined when removed. */
  remoteChanged(changes: Record<string, unknown>): Promise<void> {
    if (!this.on) return this.steps
    const foreign = Object.entries(changes).filter(
      ([itemKey, value]) => shardOfItemKey(itemKey) !== undefined && this.written.get(itemKey) !== itemText(value),
    )
    if (foreign.length === 0) return this.steps
    return this.step(async () => {
      const items: Record<string, unknown> = {}
      for (const [itemKey, value] of foreign) {
        this.written.delete(itemKey)
        if (value !== undefined) items[itemKey] = value
        else this.view.delete(shardOfItemKey(itemKey)!)
      }
      const changed = this.takeItems(items, false)
      await this.mergeIntoShelf(changed)
      // What this device knows that the other did not (its write may have replaced one of ours) goes back.
      this.writeSoon()
    })
  }

  /**
   * Tells the engine of a push: marks that sync storage lacks are written soon (a page completing a
   * paper's details, or a merge of what came from sync, writes nothing); the reader's setting turns
   * syncing on or off.
   */
  observe(push: Push): void {
    if (push.type === 'settingsChanged') void this.setEnabled(settingValue(push.settings, 'sync'))
    else if (push.type === 'papersDeleted' || (push.type === 'papersChanged' && push.papers.some((paper) => this.lacks(paper)))) {
      this.writeSoon()
    }
  }

  /** Whether sync storage, as last heard of, lacks a mark of this paper. */
  private lacks(paper: Paper): boolean {
    const synced = this.view.get(shardOfKey(paper.key))?.get(paper.key)
    return synced ? addsToEntry(synced, syncEntryOf(paper, synced)) : lastChangedAt(paper.marks) > 0
  }

  private step(run: () => Promise<void>): Promise<void> {
    this.steps = this.steps.then(run).catch((error: unknown) => this.failed(error))
    return this.steps
  }

  /** Reads items into the view; returns the entries of the items read. */
  private takeItems(items: Record<string, unknown>, whole: boolean): SyncEntry[] {
    const { view, newerFormat } = viewOf(items)
    if (whole) {
      this.view = view
      this.newerFormat = newerFormat
    } else {
      for (const [shard, entries] of view) this.view.set(shard, entries)
      this.newerFormat ||= newerFormat
    }
    return [...view.values()].flatMap((entries) => [...entries.values()])
  }

  private async mergeIntoShelf(entries: readonly SyncEntry[]): Promise<void> {
    if (entries.length === 0) return
    const changed = await this.deps.papers.mergeSynced(entries.map(paperOfEntry))
    notifyChanged(this.deps.notify, changed)
    this.setStatus({ ...this.status, lastSyncAt: this.clock() })
  }

  private writeSoon(delay = GATHER_MS): void {
    if (!this.on || this.pending) return
    const wait = Math.max(delay, this.lastWriteAt + SYNC_LIMITS.writeIntervalMs - this.clock())
    this.pending = this.timer.after(wait, () => {
      this.pending = undefined
      void this.step(() => this.write())
    })
  }

  /** Plans and writes what sync storage lacks of this shelf. */
  private async write(): Promise<void> {
    if (!this.on) return
    if (!this.loaded) await this.load()
    if (this.newerFormat) {
      this.setStatus({ on: true, problem: NEWER_FORMAT })
      return
    }
    const now = this.clock()
    const { onShelf, papers } = await this.deps.papers.recentlyChanged(CANDIDATES)
    const local = papers.map((paper) => syncEntryOf(paper, this.view.get(shardOfKey(paper.key))?.get(paper.key)))
    const plan = planSync(this.view, local, onShelf, now)
    const writes = Object.keys(plan.writes).length > 0
    if (writes || plan.removals.length > 0) {
      this.lastWriteAt = now
      // Noted first: the browser may report the change before the write resolves.
      for (const [itemKey, value] of Object.entries(plan.writes)) this.written.set(itemKey, itemText(value))
      for (const itemKey of plan.removals) this.written.set(itemKey, itemText(undefined))
      if (writes) await this.deps.area.set(plan.writes)
      if (plan.removals.length > 0) await this.deps.area.remove(plan.removals)
      this.takeItems(plan.writes, false)
      for (const itemKey of plan.removals) this.view.delete(shardOfItemKey(itemKey)!)
    }
    this.setStatus({ on: true, onShelf: plan.onShelf, synced: plan.synced, lastSyncAt: writes ? now : (this.status.lastSyncAt ?? now) })
  }

  private failed(error: unknown): void {
    if (!this.on) return
    this.setStatus({ ...this.status, problem: problemText(error) })
    this.pending?.cancel()
    this.pending = undefined
    this.writeSoon(RETRY_MS)
  }

  private setStatus(status: SyncStatus): void {
    this.status = status
    this.deps.notify({ type: 'syncStatus', status })
  }
}
