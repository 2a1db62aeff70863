import { broadcast, serveRequests } from '../platform/messaging'
import { ShelfDatabase } from './database'
import { PaperStore } from './paper-store'
import { routeMessage } from './router'

const db = new ShelfDatabase()
// Opening the database while the worker starts spares the first page's lookup the time it takes
// (~20 ms). A failure to open reaches the requests, as it would had the first of them opened it.
db.open().catch(() => undefined)
const store = new PaperStore(db)

serveRequests((message) =>
  routeMessage(store, message, (papers) => {
    void broadcast({ type: 'papersChanged', papers })
  }),
)
