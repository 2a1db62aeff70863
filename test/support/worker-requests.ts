import type { ShelfDatabase } from '../../src/background/database'
import type { Notify } from '../../src/background/notify'
import { EXTENSION_PAGE, type Requester } from '../../src/background/requester'
import { routeMessage } from '../../src/background/router'
import { comparedFirst, type ShelfHealthRecord } from '../../src/background/shelf-health'
import type { ShelfStores } from '../../src/background/shelf-stores'
import { recoveringStorage } from '../../src/background/storage-recovery'
import type { Reply, RequestType } from '../../src/platform/protocol'

/**
 * The worker's request handling over `db`, wired as `src/background/index.ts` wires it: storage
 * that recovers, the shelf compared with its size remembered, then the router. Requests come from
 * Paper Shelf's own pages unless `from` says otherwise.
 */
export function workerRequests(db: ShelfDatabase, stores: ShelfStores, health: ShelfHealthRecord, notify: Notify) {
  const answer = recoveringStorage(
    db,
    comparedFirst(health, (message: unknown, from: Requester | undefined) => routeMessage(stores, message, from, notify, { health })),
  )
  return (message: unknown, from: Requester = EXTENSION_PAGE): Promise<Reply<RequestType>> => answer(message, from)
}
