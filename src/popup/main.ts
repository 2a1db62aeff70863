import { onPapersChanged, request } from '../platform/messaging'
import { mountReadingList, type ShelfBackend } from './reading-list-view'

const backend: ShelfBackend = {
  list: async () => (await request({ type: 'list' })).papers,
  setFlags: async (key, changes) => (await request({ type: 'setFlags', key, changes })).paper,
  onPapersChanged,
}

const root = document.getElementById('app')
if (root) mountReadingList(root, backend)
