import { saveToDownloads } from '../platform/folder-downloads'
import type { FileActions } from './export-panel'

/** The folder of the downloads that backups saved without asking go to. */
const BACKUP_FOLDER = 'Paper Shelf'

/** Saving files as downloads and copying text, as extension pages do it. */
export const browserFiles: FileActions = {
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
  saveQuietly: (fileName, mimeType, text) => saveToDownloads(BACKUP_FOLDER, fileName, mimeType, text),
}
