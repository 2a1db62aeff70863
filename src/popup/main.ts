import { SettingsClient } from '../client/settings-client'
import { ShelfClient } from '../client/shelf-client'
import { activeTabPageStatus, onPapersChanged, onPapersDeleted, onSettingsChanged, request } from '../platform/messaging'
import { browserFiles } from './browser-files'
import { showPageStatus } from './page-status-line'
import { mountReadingList } from './reading-list-view'

const client = new ShelfClient({ request, subscribe: onPapersChanged, subscribeDeleted: onPapersDeleted }, { keepPapers: true })
const settings = new SettingsClient({ request, subscribe: onSettingsChanged })

const root = document.getElementById('app')
if (root) mountReadingList(root, { shelf: client, settings }, browserFiles)
const pageStatus = document.getElementById('page-status')
if (pageStatus) void showPageStatus(pageStatus, activeTabPageStatus())
