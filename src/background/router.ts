import { parseBackup } from '../core/backup/backup'
import type { Paper } from '../core/paper'
import { isSiteLink } from '../sites/registry'
import { parseRequest, type Request, type Reply, type RequestType } from '../platform/protocol'
import type { PaperStore } from './paper-store'

export type Notify = (papers: Paper[]) => void

type AnyReply = Reply<RequestType>

/**
 * Validates a message and runs it against the store. Never throws: every failure, including a
 * malformed or unknown message, becomes an error reply and changes nothing.
 */
export async function routeMessage(store: PaperStore, message: unknown, notify: Notify): Promise<AnyReply> {
  const parsed = parseRequest(message)
  if (!parsed.ok) return { ok: false, error: `Rejected message: ${parsed.error}` }
  try {
    return await run(store, parsed.value, notify)
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

async function run(store: PaperStore, request: Request, notify: Notify): Promise<AnyReply> {
  switch (request.type) {
    case 'lookup':
      return { ok: true, ...(await store.lookup(request.keys, request.identities)) }
    case 'remember': {
      const changed = await store.remember(request.refs)
      if (changed.length > 0) notify(changed)
      return { ok: true, updated: changed.length }
    }
    case 'setMarks': {
      const paper = await store.setMarks(request.key, request.changes, request.ref)
      notify([paper])
      return { ok: true, paper }
    }
    case 'list':
      return { ok: true, papers: await store.shelf() }
    case 'setCitationKey': {
      const paper = await store.setCitationKey(request.key, request.citationKey)
      notify([paper])
      return { ok: true, paper }
    }
    case 'importBackup': {
      const backup = parseBackup(request.text, isSiteLink)
      if (!backup.ok) return { ok: false, error: `Nothing was imported. ${backup.error}` }
      const { changed, added, updated, unchanged } = await store.importPapers(backup.value)
      if (changed.length > 0) notify(changed)
      return { ok: true, added, updated, unchanged }
    }
  }
}
