import { SettingsClient } from '../client/settings-client'
import { ShelfClient } from '../client/shelf-client'
import { onPapersChanged, onPapersDeleted, onSettingsChanged, request } from '../platform/messaging'
import { browserFiles } from '../popup/browser-files'
import { mountLibrary } from './library-view'

const client = new ShelfClient({ request, subscribe: onPapersChanged, subscribeDeleted: onPapersDeleted }, { keepPapers: true })
const settings = new SettingsClient({ request, subscribe: onSettingsChanged })

const root = document.getElementById('library')
if (root) mountLibrary(root, { shelf: client, settings }, browserFiles)
