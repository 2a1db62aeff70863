import { EXTENSION_PAGE, type Requester } from '../../src/background/requester'
import { ShelfDatabase } from '../../src/background/database'
import { routeMessage, type SyncStatusSource } from '../../src/background/router'
import { ShelfStores } from '../../src/background/shelf-stores'
import { SettingsClient, type SettingsTransport } from '../../src/client/settings-client'
import { sendBackup, type BackupTransport, type ImportStep } from '../../src/client/send-backup'
import { ShelfClient, type ShelfClientOptions, type ShelfTransport } from '../../src/client/shelf-client'
import type { StoredSettings } from '../../src/core/settings'
import type { SyncStatusFeed } from '../../src/popup/sync-status-text'
import type { Paper, PaperKey } from '../../src/core/paper'
import {
  RefusedRequest,
  unwrapReply,
  type ImportProgress,
  type ImportSummary,
  type Push,
  type Reply,
  type Request,
  type RequestFn,
  type RequestType,
  type SyncStatus,
} from '../../src/platform/protocol'

type PushListener = (papers: Paper[]) => void

/**
 * The real background (router, store, Dexie on fake-indexeddb) behind the same transport the
 * extension's pages use. Messages are cloned both ways as extension messaging does, and changes
 * are pushed to every subscriber after the write, as the background broadcasts them.
 */
export class InMemoryBackground {
  readonly db = new ShelfDatabase(`paper-shelf-test-${crypto.randomUUID()}`)
  /** The store's clock: every write is one millisecond later unless a test sets `now`. */
  now = 1_000_000
  readonly stores = new ShelfStores(this.db, () => this.now++)
  readonly store = this.stores.papers
  /** Every request received, in order. */
  readonly requests: Request[] = []
  /** Every change pushed, in order. */
  readonly pushes: Paper[][] = []
  /** Every import progress pushed, in order. */
  readonly progress: ImportProgress[] = []
  private readonly listeners = new Set<PushListener>()
  private readonly settingsListeners = new Set<(settings: StoredSettings) => void>()
  private readonly deletedListeners = new Set<(keys: PaperKey[]) => void>()
  private readonly progressListeners = new Set<(progress: ImportProgress) => void>()
  private readonly failures = new Map<RequestType, string[]>()
  private readonly refusals = new Map<RequestType, string[]>()
  private readonly lostReplies = new Map<RequestType, true[]>()
  private gate: Promise<void> | undefined
  private gateFor: RequestType | undefined

  readonly request: RequestFn = async (message) => {
    this.requests.push(structuredClone(message))
    if (this.gateFor === undefined || this.gateFor === message.type) await this.gate
    const failure = this.failures.get(message.type)?.shift()
    if (failure !== undefined) throw new Error(failure)
    const refusal = this.refusals.get(message.type)?.shift()
    if (refusal !== undefined) throw new RefusedRequest(refusal)
    const reply = await routeMessage(this.stores, structuredClone(message), EXTENSION_PAGE, this.notify, { sync: this.sync })
    if (this.lostReplies.get(message.type)?.shift() !== undefined)
      throw new Error('The message port closed before a response was received.')
    return unwrapReply(structuredClone(reply) as Reply<typeof message.type>)
  }

  /** Sends requests as `from` would: a site's page, or one of Paper Shelf's own pages. */
  requestAs(from: Requester): RequestFn {
    return async (message) => {
      this.requests.push(structuredClone(message))
      const reply = await routeMessage(this.stores, structuredClone(message), from, this.notify, { sync: this.sync })
      return unwrapReply(structuredClone(reply) as Reply<typeof message.type>)
    }
  }

  /** Where `getSyncStatus` is answered from: syncing does not run unless a test gives it. */
  sync: SyncStatusSource | undefined

  /** Every push, before it reaches the subscribers: what the worker's syncing observes. */
  readonly observers = new Set<(push: Push) => void>()

  /** Pushes to every subscriber, as the background's broadcast does. */
  readonly notify = (push: Push): void => {
    for (const observer of [...this.observers]) observer(structuredClone(push))
    if (push.type === 'papersChanged') this.push(push.papers)
    else if (push.type === 'papersDeleted') this.pushDeleted(push.keys)
    else if (push.type === 'importProgress') this.pushProgress(push)
    else if (push.type === 'settingsChanged') this.pushSettings(push.settings)
    else {
      this.syncStatuses.push(push.status)
      for (const listener of [...this.syncStatusListeners]) listener(structuredClone(push.status))
    }
  }

  private readonly syncStatusListeners = new Set<(status: SyncStatus) => void>()

  /** How syncing goes, as the popup follows it. */
  readonly syncFeed: SyncStatusFeed = {
    current: async () => (await this.request({ type: 'getSyncStatus' })).status,
    subscribe: (listener) => {
      this.syncStatusListeners.add(listener)
      return () => this.syncStatusListeners.delete(listener)
    },
  }

  /** Every sync status pushed, in order. */
  readonly syncStatuses: SyncStatus[] = []

  readonly transport: ShelfTransport & BackupTransport = {
    request: this.request,
    subscribe: (listener) => {
      this.listeners.add(listener)
      return () => this.listeners.delete(listener)
    },
    subscribeDeleted: (listener) => {
      this.deletedListeners.add(listener)
      return () => this.deletedListeners.delete(listener)
    },
    subscribeImportProgress: (listener) => {
      this.progressListeners.add(listener)
      return () => this.progressListeners.delete(listener)
    },
  }

  readonly settingsTransport: SettingsTransport = {
    request: this.request,
    subscribe: (listener) => {
      this.settingsListeners.add(listener)
      return () => this.settingsListeners.delete(listener)
    },
  }

  /** Imports a backup file's text as the popup does: in parts, through this background. */
  readonly importBackup = (text: string, onProgress?: (step: ImportStep) => void): Promise<ImportSummary> =>
    sendBackup(text, this.transport, onProgress)

  /** A settings client of this background, as a tab or the popup has. */
  settingsClient(): SettingsClient {
    return new SettingsClient(this.settingsTransport)
  }

  /** A client of this background, as a tab or the popup has. */
  client(options?: ShelfClientOptions): ShelfClient {
    return new ShelfClient(this.transport, options)
  }

  /** Puts papers on the shelf the way a backup import does. */
  async seed(papers: readonly Paper[]): Promise<void> {
    await this.store.importPapers(papers)
  }

  /** The next requests of this type do not reach the background, and fail with these messages, one each. */
  failNext(type: RequestType, ...errors: string[]): void {
    this.failures.set(type, [...(this.failures.get(type) ?? []), ...errors])
  }

  /** The background refuses the next requests of this type with these messages, one each, changing nothing. */
  refuseNext(type: RequestType, ...errors: string[]): void {
    this.refusals.set(type, [...(this.refusals.get(type) ?? []), ...errors])
  }

  /** The next `count` requests of this type are carried out, but their answers are lost, as when the worker stops before replying. */
  loseNextReplies(type: RequestType, count = 1): void {
    this.lostReplies.set(type, [...(this.lostReplies.get(type) ?? []), ...Array<true>(count).fill(true)])
  }

  /** Holds every request (or those of `type`) until the returned function is called. */
  pause(type?: RequestType): () => void {
    let release!: () => void
    this.gate = new Promise((resolve) => (release = resolve))
    this.gateFor = type
    return () => {
      this.gate = undefined
      this.gateFor = undefined
      release()
    }
  }

  /** Pushes a change to every subscriber, as a write elsewhere (another tab, the popup) would. */
  push(papers: readonly Paper[]): void {
    const copy = structuredClone([...papers])
    this.pushes.push(copy)
    queueMicrotask(() => {
      for (const listener of [...this.listeners]) listener(structuredClone(copy))
    })
  }

  /** Tells every subscriber these papers were deleted, as the background does after a delete. */
  pushDeleted(keys: readonly PaperKey[]): void {
    const copy = [...keys]
    queueMicrotask(() => {
      for (const listener of [...this.deletedListeners]) listener([...copy])
    })
  }

  /** Tells every subscriber how far an import's writing got, as the background does while it writes. */
  pushProgress(progress: ImportProgress): void {
    this.progress.push({ ...progress })
    for (const listener of [...this.progressListeners]) listener({ ...progress })
  }

  /** Pushes the settings to every settings subscriber, as the background does after a change. */
  pushSettings(settings: StoredSettings): void {
    const copy = structuredClone(settings)
    queueMicrotask(() => {
      for (const listener of [...this.settingsListeners]) listener(structuredClone(copy))
    })
  }

  requestsOf<T extends RequestType>(type: T): Extract<Request, { type: T }>[] {
    return this.requests.filter((request): request is Extract<Request, { type: T }> => request.type === type)
  }

  async close(): Promise<void> {
    this.listeners.clear()
    this.settingsListeners.clear()
    this.deletedListeners.clear()
    this.progressListeners.clear()
    await this.db.delete()
  }
}
