import { SettingsClient } from '../client/settings-client'
import { ShelfClient } from '../client/shelf-client'
import {
  activeTabPageStatus,
  onImportProgress,
  onPapersChanged,
  onPapersDeleted,
  onSettingsChanged,
  onSyncStatus,
  request,
} from '../platform/messaging'
import { askFirstPage } from './first-page'
import { showPageStatus } from './page-status-line'

const client = new ShelfClient({ request, subscribe: onPapersChanged, subscribeDeleted: onPapersDeleted }, { keepPapers: true })
const settings = new SettingsClient({ request, subscribe: onSettingsChanged })

const root = document.getElementById('app')
if (root) {
  // Asked before the reading list's code is loaded: the shelf reads its first page meanwhile.
  const firstPage = askFirstPage(client)
  firstPage.catch(() => undefined)
  void settings.load().catch(() => undefined)
  void Promise.all([
    import('./reading-list-view'),
    import('./browser-files'),
    import('../platform/storage-checks'),
    import('../platform/optional-permissions'),
    import('./backup-record'),
    import('../client/send-backup'),
  ]).then(
    ([{ mountReadingList }, { browserFiles }, { browserStorageChecks }, { browserPermissions }, { localBackupRecord }, { sendBackup }]) => {
      mountReadingList(
        root,
        {
          shelf: client,
          settings,
          importBackup: (text, onProgress) => sendBackup(text, { request, subscribeImportProgress: onImportProgress }, onProgress),
          firstPage,
          storage: browserStorageChecks,
          permissions: browserPermissions,
          backups: localBackupRecord(),
          sync: {
            current: async () => (await request({ type: 'getSyncStatus' })).status,
            subscribe: onSyncStatus,
          },
        },
        browserFiles,
      )
      // The shelf is the reader's only copy: ask the browser to keep it (asking again once granted changes nothing).
      void import('./storage-protection').then(({ protectStorage }) => protectStorage(browserStorageChecks))
    },
  )
  // A lost shelf is rare and the first rows are what the reader came for: asked once they have arrived.
  void firstPage
    .catch(() => undefined)
    .then(() => import('./shelf-health-notice'))
    .then(({ createShelfHealthNotice, openBackupImport }) => {
      const notice = createShelfHealthNotice(
        document,
        {
          current: () => request({ type: 'getShelfHealth' }),
          dismiss: () => request({ type: 'dismissShelfHealth' }),
          onPapersChanged: (listener) => {
            onPapersChanged(() => listener())
          },
        },
        () => openBackupImport(root),
      )
      root.before(notice.element)
      return notice.check()
    })
}
const pageStatus = document.getElementById('page-status')
if (pageStatus) void showPageStatus(pageStatus, activeTabPageStatus())
