import { settingValue } from '../core/settings'
import { broadcast, serveRequests } from '../platform/messaging'
import type { Push } from '../platform/protocol'
import { browserSyncArea, onSyncStorageChanged } from '../platform/sync-storage'
import { ShelfDatabase } from './database'
import { routeMessage } from './router'
import { ShelfStores } from './shelf-stores'
import { SyncEngine } from './sync-engine'

/** How long after the worker starts syncing catches up, so that the page that woke it is answered first. */
const SYNC_START_DELAY_MS = 1500

const db = new ShelfDatabase()
// Opening the database while the worker starts spares the first page's lookup the time it takes
// (~20 ms). A failure to open reaches the requests, as it would had the first of them opened it.
db.open().catch(() => undefined)
const stores = new ShelfStores(db)

function notify(push: Push): void {
  void broadcast(push)
  sync.observe(push)
}

const sync = new SyncEngine({ papers: stores.papers, area: browserSyncArea, notify })
onSyncStorageChanged((changes) => void sync.remoteChanged(changes))
setTimeout(() => {
  stores.settings
    .all()
    .then((settings) => sync.setEnabled(settingValue(settings, 'sync')))
    .catch(() => undefined)
}, SYNC_START_DELAY_MS)

serveRequests((message) => routeMessage(stores, message, notify, sync))
