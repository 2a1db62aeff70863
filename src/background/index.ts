import { settingValue } from '../core/settings'
import { browserLocalArea } from '../platform/local-storage'
import { broadcast, serveRequests, thisExtension } from '../platform/messaging'
import type { Push } from '../platform/protocol'
import { browserSyncArea, onSyncStorageChanged } from '../platform/sync-storage'
import { ShelfDatabase } from './database'
import { requesterOf, type Requester } from './requester'
import { routeMessage } from './router'
import { comparedFirst, ShelfHealthRecord } from './shelf-health'
import { ShelfStores } from './shelf-stores'
import { recoveringStorage } from './storage-recovery'
import { SyncEngine } from './sync-engine'

/** How long after the worker starts syncing catches up, so that the page that woke it is answered first. */
const SYNC_START_DELAY_MS = 1500

const db = new ShelfDatabase()
// Opening the database while the worker starts spares the first page's lookup the time it takes
// (~20 ms). After a failure to open, the next request opens it again (see storage-recovery.ts).
db.open().catch(() => undefined)
const stores = new ShelfStores(db)
const health = new ShelfHealthRecord({ countPapers: () => db.papers.count(), area: browserLocalArea })
// A database closed under the worker may open again as another one, emptied.
db.on('close', () => health.compareAgain())
// Compared at once, before syncing or a page can write to a shelf that opened empty.
health.compare().catch(() => undefined)

function notify(push: Push): void {
  void broadcast(push)
  sync.observe(push)
  health.observe(push)
}

const sync = new SyncEngine({ papers: stores.papers, area: browserSyncArea, notify })
onSyncStorageChanged((changes) => void sync.remoteChanged(changes))
setTimeout(() => {
  stores.settings
    .all()
    .then((settings) => sync.setEnabled(settingValue(settings, 'sync')))
    .catch(() => undefined)
}, SYNC_START_DELAY_MS)

const answer = recoveringStorage(
  db,
  comparedFirst(health, (message: unknown, from: Requester | undefined) => routeMessage(stores, message, from, notify, { sync, health })),
)
const extension = thisExtension()
serveRequests((message, sender) => answer(message, requesterOf(sender, extension)))
