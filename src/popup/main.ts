import { SettingsClient } from '../client/settings-client'
import { ShelfClient } from '../client/shelf-client'
import { activeTabPageStatus, onPapersChanged, onSettingsChanged, request } from '../platform/messaging'
import type { FileActions } from './export-panel'
import { showPageStatus } from './page-status-line'
import { mountReadingList } from './reading-list-view'

const client = new ShelfClient({ request, subscribe: onPapersChanged }, { keepPapers: true })
const settings = new SettingsClient({ request, subscribe: onSettingsChanged })

const files: FileActions = {
  save(fileName, mimeType, text) {
    const url = URL.createObjectURL(new Blob([text], { type: mimeType }))
    const link = document.createElement('a')
    link.href = url
    link.download = fileName
    link.click()
    // The download has started by the next task; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  },
  copy: (text) => navigator.clipboard.writeText(text),
}

const root = document.getElementById('app')
if (root) mountReadingList(root, { shelf: client, settings }, files)
const pageStatus = document.getElementById('page-status')
if (pageStatus) void showPageStatus(pageStatus, activeTabPageStatus())
