import { readBackupFile } from '../core/backup/backup'
import { LIMITS } from '../core/limits'
import { RefusedRequest, type ImportProgress, type ImportSummary, type RequestFn } from '../platform/protocol'

/** Where an import stands: its papers being sent and checked, then compared with the shelf, then written. */
export type ImportStep =
  { step: 'checking'; done: number; total: number } | { step: 'comparing' } | { step: 'saving'; done: number; total: number }

export interface BackupTransport {
  request: RequestFn
  /** Calls the listener with the background's progress while it writes an import; returns the unsubscribe function. */
  subscribeImportProgress?(listener: (progress: ImportProgress) => void): () => void
}

/** Text one part carries at most: with JSON's escapes, far below the 64 MiB a message may take. */
const PART_LENGTH = 8_000_000

function nothingImported(reason: string): RefusedRequest {
  return new RefusedRequest(`Nothing was imported. ${reason}`)
}

/** The papers split into parts that each fit in a message, as each paper's JSON measures. */
function* parts(papers: readonly unknown[]): Generator<unknown[]> {
  let part: unknown[] = []
  let length = 0
  for (const [index, paper] of papers.entries()) {
    const size = JSON.stringify(paper)?.length ?? 0
    if (size > PART_LENGTH) throw nothingImported(`Paper ${index + 1} holds more text than any paper can.`)
    if (part.length === LIMITS.papersPerImportPart || length + size > PART_LENGTH) {
      yield part
      part = []
      length = 0
    }
    part.push(paper)
    length += size
  }
  if (part.length > 0) yield part
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
  const { header, papers } = file.value
  const total = papers.length
  const { importId } = await transport.request({ type: 'beginImport', header, paperCount: total })
  onProgress({ step: 'checking', done: 0, total })
  for (const part of parts(papers)) {
    const { received } = await transport.request({ type: 'addToImport', importId, papers: part })
    onProgress({ step: 'checking', done: received, total })
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
