/** The names Dexie and IndexedDB give a failure, the error's own and those of the errors it wraps. */
function namesOf(error: unknown): string[] {
  const names: string[] = []
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth += 1) {
    names.push(current.name)
    current = (current as { inner?: unknown }).inner
  }
  return names
}

const QUOTA = new Set(['QuotaExceededError'])
/** The database could not be opened or went away: a damaged profile, a full disk at startup, a browser shutting down. */
const UNAVAILABLE = new Set([
  'OpenFailedError',
  'DatabaseClosedError',
  'InvalidStateError',
  'UnknownError',
  'VersionError',
  'MissingAPIError',
])

function browserSaid(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message ? ` (the browser said: ${message.slice(0, 200)})` : ''
}

/**
 * What a failed request tells the reader: for a storage failure, what happened and what to do;
 * any other error (a paper not on the shelf, a citation key taken) already says it plainly.
 */
export function readableError(error: unknown): string {
  const names = namesOf(error)
  if (names.some((name) => QUOTA.has(name))) {
    return 'The disk, or the browser’s storage, is full. Free some disk space and try again; nothing already on your shelf was lost.'
  }
  if (names.some((name) => UNAVAILABLE.has(name))) {
    return `Paper Shelf’s storage could not be used${browserSaid(error)}. Restart the browser and try again; if your shelf then looks empty, restore your last backup (Export → Import backup).`
  }
  return error instanceof Error ? error.message : String(error)
}
