import { SettingsClient } from '../client/settings-client'
import { ShelfClient } from '../client/shelf-client'
import { onPapersChanged, onPapersDeleted, onSettingsChanged, request } from '../platform/messaging'
import { askFirstRows } from './first-rows'

const client = new ShelfClient({ request, subscribe: onPapersChanged, subscribeDeleted: onPapersDeleted }, { keepPapers: true })
const settings = new SettingsClient({ request, subscribe: onSettingsChanged })

const root = document.getElementById('library')
if (root) {
  // Asked before the library's code is loaded: the shelf reads its first rows meanwhile.
  const firstRows = askFirstRows(client)
  firstRows.catch(() => undefined)
  void settings.load().catch(() => undefined)
  void Promise.all([import('./library-view'), import('../popup/browser-files')]).then(([{ mountLibrary }, { browserFiles }]) =>
    mountLibrary(root, { shelf: client, settings, firstRows }, browserFiles),
  )
}
