import { browser } from './browser'

const NOT_ALLOWED =
  'this browser has not allowed Paper Shelf to save files. Turn “Save a backup file every week” off and on again in Settings to allow it.'

/** How long a backup file may take to be written before the save counts as failed. */
const SAVE_TIMEOUT_MS = 60_000

/**
 * Saves a file into a folder of the reader's downloads without asking where (the `downloads`
 * permission, granted with the setting that uses it); resolves once the file is complete, or
 * rejects with the browser's reason.
 */
export async function saveToDownloads(folder: string, fileName: string, mimeType: string, text: string): Promise<void> {
  // Without the permission the API is not there at all.
  if (!(browser as Partial<typeof browser>).downloads) throw new Error(NOT_ALLOWED)
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }))
  try {
    const id = await browser.downloads.download({ url, filename: `${folder}/${fileName}`, saveAs: false, conflictAction: 'overwrite' })
    await downloadEnd(id)
  } finally {
    URL.revokeObjectURL(url)
  }
}

function downloadEnd(id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('The browser did not finish saving the file.')), SAVE_TIMEOUT_MS)
    const onChanged = (delta: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
      if (delta.id !== id) return
      if (delta.state?.current === 'complete') finish()
      else if (delta.state?.current === 'interrupted')
        finish(new Error(`The browser could not save the file (${delta.error?.current ?? 'interrupted'}).`))
    }
    function finish(error?: Error): void {
      clearTimeout(timer)
      browser.downloads.onChanged.removeListener(onChanged)
      if (error) reject(error)
      else resolve()
    }
    browser.downloads.onChanged.addListener(onChanged)
    // A small file may be complete before the listener was added.
    void browser.downloads.search({ id }).then(([item]) => {
      if (item?.state === 'complete') finish()
      else if (item?.state === 'interrupted') finish(new Error(`The browser could not save the file (${item.error ?? 'interrupted'}).`))
    })
  })
}
