import type { FileActions } from './export-panel'

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
}
