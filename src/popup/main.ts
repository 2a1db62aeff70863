import { onPapersChanged, request } from '../platform/messaging'
import type { FileActions } from './export-panel'
import { mountReadingList, type ShelfBackend } from './reading-list-view'

const backend: ShelfBackend = {
  list: async () => (await request({ type: 'list' })).papers,
  setFlags: async (key, changes) => (await request({ type: 'setFlags', key, changes })).paper,
  onPapersChanged,
  importBackup: (text) => request({ type: 'importBackup', text }),
}

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
if (root) mountReadingList(root, backend, files)
