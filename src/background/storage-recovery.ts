import type Dexie from 'dexie'
import { isRecord } from '../core/validation'
import type { RequestType } from '../platform/protocol'

/**
 * Whether a request may be carried out again after it failed with the database closed under it. A
 * failed IndexedDB transaction wrote nothing, and the writes here set values (a mark to true, a
 * setting to off) or merge, so a second attempt never does anything twice. Not retried: the parts of
 * a backup import, which live in the worker's memory (the first attempt takes the staged backup out).
 */
const RETRY_SAFE: Readonly<Record<RequestType, boolean>> = {
  lookup: true,
  list: true,
  listRecent: true,
  countSightings: true,
  getSettings: true,
  getSyncStatus: true,
  getShelfHealth: true,
  setMarks: true,
  remember: true,
  setCitationKey: true,
  setSetting: true,
  recordSightings: true,
  clearSightings: true,
  deletePapers: true,
  dismissShelfHealth: true,
  importPapers: true,
  restorePapers: true,
  beginImport: false,
  addToImport: false,
  finishImport: false,
}

function retrySafe(message: unknown): boolean {
  return isRecord(message) && Object.hasOwn(RETRY_SAFE, String(message.type)) && RETRY_SAFE[message.type as RequestType]
}

type Database = Pick<Dexie, 'isOpen' | 'hasFailed' | 'close'>

/**
 * Dexie keeps the error of a failed open and fails every later request with it, until the worker
 * restarts. Closing it, with opening on demand kept, lets the next request open it afresh.
 */
function allowReopening(db: Database): void {
  if (db.hasFailed()) db.close({ disableAutoOpen: false })
}

/**
 * Answers requests with `answer`, recovering from storage failures that would otherwise stick: a
 * database that failed to open is opened again by the next request, and a request that failed with
 * the database closed under it (a failed open, a connection the browser closed) is tried once more
 * on a database opened again, when trying again is safe.
 */
export function recoveringStorage<R extends { ok: boolean }, Context extends unknown[]>(
  db: Database,
  answer: (message: unknown, ...context: Context) => Promise<R>,
): (message: unknown, ...context: Context) => Promise<R> {
  return async (message, ...context) => {
    allowReopening(db)
    const reply = await answer(message, ...context)
    if (reply.ok || db.isOpen() || !retrySafe(message)) return reply
    allowReopening(db)
    return answer(message, ...context)
  }
}
