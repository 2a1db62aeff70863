import { broadcast, serveRequests } from '../platform/messaging'
import { ShelfDatabase } from './database'
import { routeMessage } from './router'
import { ShelfStores } from './shelf-stores'

const db = new ShelfDatabase()
// Opening the database while the worker starts spares the first page's lookup the time it takes
// (~20 ms). A failure to open reaches the requests, as it would had the first of them opened it.
db.open().catch(() => undefined)
const stores = new ShelfStores(db)

serveRequests((message) =>
  routeMessage(stores, message, (push) => {
    void broadcast(push)
  }),
)
