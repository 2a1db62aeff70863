import { LIMITS } from '../core/limits'
import { inMessageParts } from '../core/message-parts'
import { settingValue } from '../core/settings'
import type { Request, Reply, RequestType, ShelfHealth, SyncStatus } from '../platform/protocol'
import { parseRequest } from '../platform/request-parser'
import type { ShelfStores } from './shelf-stores'
import { notifyChanged, type Notify } from './notify'
import { refusal, type Requester } from './requester'
import { readableError } from './storage-errors'

type AnyReply = Reply<RequestType>

/** What the router asks of syncing: how it goes. */
export interface SyncStatusSource {
  currentStatus(): SyncStatus
}

/** What the router asks of the record of the shelf's size: whether papers were lost, and forgetting it. */
export interface ShelfHealthSource {
  report(): Promise<ShelfHealth>
  dismiss(): Promise<ShelfHealth>
}

/** The worker's parts beside the stores that requests ask about; a test leaves out those it does not need. */
export interface RouterServices {
  sync?: SyncStatusSource
  health?: ShelfHealthSource
}

/**
 * Validates a message, checks its sender may make it, and runs it against the stores. Never throws:
 * every failure, including a malformed or unknown message, becomes an error reply and changes nothing.
 */
export async function routeMessage(
  stores: ShelfStores,
  message: unknown,
  from: Requester | undefined,
  notify: Notify,
  services: RouterServices = {},
): Promise<AnyReply> {
  const parsed = parseRequest(message)
  if (!parsed.ok) return { ok: false, error: `Rejected message: ${parsed.error}` }
  const refused = from ? refusal(parsed.value, from) : 'the message did not come from Paper Shelf'
  if (refused) return { ok: false, error: `Refused: ${refused}.` }
  try {
    return await run(stores, parsed.value, notify, services)
  } catch (error) {
    return { ok: false, error: readableError(error) }
  }
}

function nothingImported(reason: string): AnyReply {
  return { ok: false, error: `Nothing was imported. ${reason}` }
}

async function run(stores: ShelfStores, request: Request, notify: Notify, { sync, health }: RouterServices): Promise<AnyReply> {
  const { papers: store, sightings, settings } = stores
  switch (request.type) {
    case 'lookup': {
      const [found, seen] = await Promise.all([store.lookup(request.keys, request.identities), sightings.seenAmong(request.keys)])
      return { ok: true, ...found, seen }
    }
    case 'remember': {
      const changed = await store.remember(request.refs)
      if (changed.length > 0) notify({ type: 'papersChanged', papers: changed })
      return { ok: true, updated: changed.length }
    }
    case 'setMarks': {
      const paper = await store.setMarks(request.key, request.changes, request.ref)
      notify({ type: 'papersChanged', papers: [paper] })
      return { ok: true, paper }
    }
    case 'list': {
      const { papers, more } = await store.page(request.after, LIMITS.papersPerListPage)
      const [part = []] = inMessageParts(papers, LIMITS.papersPerListPage)
      const next = more || part.length < papers.length ? part.at(-1)?.key : undefined
      return { ok: true, papers: part, ...(next ? { next } : {}) }
    }
    case 'listRecent':
      return { ok: true, papers: await store.recent(request.limit, request.order) }
    case 'setCitationKey': {
      const paper = await store.setCitationKey(request.key, request.citationKey)
      notify({ type: 'papersChanged', papers: [paper] })
      return { ok: true, paper }
    }
    case 'beginImport': {
      const staged = stores.imports.begin(request.header, request.paperCount)
      return staged.ok ? { ok: true, importId: staged.value } : nothingImported(staged.error)
    }
    case 'addToImport': {
      const received = stores.imports.add(request.importId, request.papers)
      return received.ok ? { ok: true, received: received.value } : nothingImported(received.error)
    }
    case 'finishImport': {
      const { importId } = request
      const backup = stores.imports.finish(importId)
      if (!backup.ok) return nothingImported(backup.error)
      const written = await stores.importBackup(backup.value, (saved, total) => notify({ type: 'importProgress', importId, saved, total }))
      const { changed, changedSettings, added, updated, unchanged } = written
      notifyChanged(notify, changed)
      if (Object.keys(changedSettings).length > 0) notify({ type: 'settingsChanged', settings: await settings.all() })
      return { ok: true, added, updated, unchanged }
    }
    case 'importPapers': {
      const { changed, added, updated, unchanged } = await store.importPapers(request.papers)
      notifyChanged(notify, changed)
      return { ok: true, added, updated, unchanged }
    }
    case 'deletePapers': {
      // With sync on, other devices must hear of the deletion: the papers stay, every mark cleared.
      const keepCleared = settingValue(await settings.all(), 'sync')
      const deleted = await store.deletePapers(request.keys, { keepCleared })
      if (deleted.length > 0) notify({ type: 'papersDeleted', keys: deleted.map((paper) => paper.key) })
      return { ok: true, deleted }
    }
    case 'restorePapers': {
      const { changed, added, updated, unchanged } = await store.restorePapers(request.papers)
      notifyChanged(notify, changed)
      return { ok: true, added, updated, unchanged }
    }
    case 'recordSightings':
      await sightings.record(request.keys, request.place)
      return { ok: true, recorded: new Set(request.keys).size }
    case 'countSightings':
      return { ok: true, count: await sightings.count() }
    case 'clearSightings':
      return { ok: true, cleared: await sightings.clear() }
    case 'getSettings':
      return { ok: true, settings: await settings.all() }
    case 'setSetting': {
      const all = await settings.set(request.name, request.value)
      notify({ type: 'settingsChanged', settings: all })
      return { ok: true, settings: all }
    }
    case 'getSyncStatus':
      return { ok: true, status: sync?.currentStatus() ?? { on: false } }
    case 'getShelfHealth':
      return { ok: true, ...(await health?.report()) }
    case 'dismissShelfHealth':
      return { ok: true, ...(await health?.dismiss()) }
  }
}
