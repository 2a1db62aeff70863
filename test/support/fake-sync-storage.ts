import type { SyncTimer } from '../../src/background/sync-engine'
import type { SyncArea } from '../../src/platform/sync-storage'

const encoder = new TextEncoder()

/** Chrome's limits on `storage.sync`, with its error messages. */
export const CHROME_SYNC_QUOTA = { bytes: 102_400, bytesPerItem: 8_192, items: 512, writesPerMinute: 120 } as const

function bytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length
}

/**
 * The browser's sync service as several devices see it: one set of items, each device with its own
 * storage area over them. A write is checked against Chrome's quotas (refused whole, as Chrome does),
 * reported at once to the device that wrote it, and to the others when the test delivers it, as sync
 * would some seconds later.
 */
export class FakeSyncService {
  readonly items: Record<string, unknown> = {}
  /** Every write and removal that succeeded, with the writer's clock. */
  readonly writes: Array<{ device: string; at: number; keys: string[] }> = []
  private readonly devices = new Map<string, { listener?: (changes: Record<string, unknown>) => void; inbox: Record<string, unknown>[] }>()
  /** The next writes fail with these messages, one each. */
  readonly failures: string[] = []

  constructor(private readonly clock: () => number = Date.now) {}

  /** The storage area of one device; `listen` is how the device hears of changes. */
  area(device: string): SyncArea & { listen(listener: (changes: Record<string, unknown>) => void): void } {
    const state = { inbox: [] as Record<string, unknown>[] } as {
      listener?: (changes: Record<string, unknown>) => void
      inbox: Record<string, unknown>[]
    }
    this.devices.set(device, state)
    return {
      getAll: async () => structuredClone(this.items),
      set: async (items) => this.change(device, structuredClone(items)),
      remove: async (keys) => this.change(device, Object.fromEntries(keys.map((key) => [key, undefined]))),
      listen: (listener) => (state.listener = listener),
    }
  }

  /** Bytes the items take, as Chrome counts them. */
  totalBytes(): number {
    return Object.entries(this.items).reduce((sum, [key, value]) => sum + bytes(key, value), 0)
  }

  /** Writes items as another device would, and tells every device. */
  writeAsAnotherDevice(items: Record<string, unknown>): void {
    this.change('elsewhere', structuredClone(items))
  }

  /** Tells each device of the changes the others made. */
  deliver(): void {
    for (const state of this.devices.values()) {
      for (const changes of state.inbox.splice(0)) state.listener?.(structuredClone(changes))
    }
  }

  private change(device: string, changes: Record<string, unknown>): void {
    const failure = this.failures.shift()
    if (failure !== undefined) throw new Error(failure)
    const now = this.clock()
    const recent = this.writes.filter((write) => write.device === device && write.at > now - 60_000)
    if (recent.length >= CHROME_SYNC_QUOTA.writesPerMinute)
      throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.')
    const next = { ...this.items }
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete next[key]
      else if (bytes(key, value) > CHROME_SYNC_QUOTA.bytesPerItem) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded')
      else next[key] = value
    }
    if (Object.keys(next).length > CHROME_SYNC_QUOTA.items) throw new Error('MAX_ITEMS quota exceeded')
    if (Object.entries(next).reduce((sum, [key, value]) => sum + bytes(key, value), 0) > CHROME_SYNC_QUOTA.bytes)
      throw new Error('QUOTA_BYTES quota exceeded')
    for (const key of Object.keys(this.items)) delete this.items[key]
    Object.assign(this.items, next)
    this.writes.push({ device, at: now, keys: Object.keys(changes) })
    for (const [name, state] of this.devices) {
      // The writer hears of its own write at once; the others when sync delivers it.
      if (name === device) queueMicrotask(() => state.listener?.(structuredClone(changes)))
      else state.inbox.push(changes)
    }
  }
}

/** The engine's waits, run when a test says the time has come. */
export class ManualTimer implements SyncTimer {
  private waiting: Array<{ due: number; run: () => void }> = []

  constructor(private readonly clock: { now: number }) {}

  after(ms: number, run: () => void): { cancel(): void } {
    const wait = { due: this.clock.now + ms, run }
    this.waiting.push(wait)
    return { cancel: () => (this.waiting = this.waiting.filter((other) => other !== wait)) }
  }

  /** Moves the clock forward by `ms`, running every wait that falls due on the way. */
  advance(ms: number): void {
    const end = this.clock.now + ms
    for (;;) {
      const next = this.waiting.filter((wait) => wait.due <= end).sort((a, b) => a.due - b.due)[0]
      if (!next) break
      this.waiting = this.waiting.filter((wait) => wait !== next)
      this.clock.now = Math.max(this.clock.now, next.due)
      next.run()
    }
    this.clock.now = end
  }

  get pending(): number {
    return this.waiting.length
  }
}
