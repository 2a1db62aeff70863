import { BackupFileError, readBackupFile } from '../core/backup/backup'
import { LIMITS } from '../core/limits'
import { inMessageParts, ValueTooLarge } from '../core/message-parts'
import { RefusedRequest, type ImportProgress, type ImportSummary, type RequestFn } from '../platform/protocol'

/** Where an import stands: its papers being sent and checked, then compared with the shelf, then written. */
export type ImportStep =
  { step: 'checking'; done: number; total: number } | { step: 'comparing' } | { step: 'saving'; done: number; total: number }

export interface BackupTransport {
  request: RequestFn
  /** Calls the listener with the background's progress while it writes an import; returns the unsubscribe function. */
  subscribeImportProgress?(listener: (progress: ImportProgress) => void): () => void
}

function nothingImported(reason: string): RefusedRequest {
  return new RefusedRequest(`Nothing was imported. ${reason}`)
}

/**
 * Imports a backup file's text: read here, sent to the background in parts that it checks as they
 * arrive, then written there in one transaction, all of it or nothing. `onProgress` hears each step.
 */
export async function sendBackup(
  text: string,
  transport: BackupTransport,
  onProgress: (step: ImportStep) => void = () => undefined,
): Promise<ImportSummary> {
  const file = readBackupFile(text)
  if (!file.ok) throw nothingImported(file.error)
  const { header, count: total, papers } = file.value
  const { importId } = await transport.request({ type: 'beginImport', header, paperCount: total })
  onProgress({ step: 'checking', done: 0, total })
  try {
    // Papers are read from the file part by part, between the background's answers.
    for (const part of inMessageParts(papers, LIMITS.papersPerImportPart)) {
      const { received } = await transport.request({ type: 'addToImport', importId, papers: part })
      onProgress({ step: 'checking', done: received, total })
    }
  } catch (error) {
    if (error instanceof ValueTooLarge) throw nothingImported(`Paper ${error.index + 1} holds more text than any paper can.`)
    if (error instanceof BackupFileError) throw nothingImported(error.message)
    throw error
  }
  onProgress({ step: 'comparing' })
  const unsubscribe = transport.subscribeImportProgress?.((progress) => {
    if (progress.importId === importId) onProgress({ step: 'saving', done: progress.saved, total: progress.total })
  })
  try {
    return await transport.request({ type: 'finishImport', importId })
  } finally {
    unsubscribe?.()
  }
}
