import { broadcast, serveRequests } from '../platform/messaging'
import { ShelfDatabase } from './database'
import { PaperStore } from './paper-store'
import { routeMessage } from './router'

const store = new PaperStore(new ShelfDatabase())

serveRequests((message) =>
  routeMessage(store, message, (papers) => {
    void broadcast({ type: 'papersChanged', papers })
  }),
)
