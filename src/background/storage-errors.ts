/** How many of a bulk operation's failures are looked at: they are most often one failure, repeated. */
const FAILURES_LOOKED_AT = 3

/**
 * A failure and the errors behind it: those Dexie wraps (`inner`, outermost first) and the first
 * failures of a bulk operation (`failures` of a `BulkError` or `ModifyError`).
 */
function errorChain(error: unknown, depth = 0): Error[] {
  if (!(error instanceof Error) || depth > 4) return []
  const { inner, failures } = error as { inner?: unknown; failures?: unknown }
  const behind = Array.isArray(failures) ? failures.slice(0, FAILURES_LOOKED_AT) : [inner]
  return [error, ...behind.flatMap((cause) => errorChain(cause, depth + 1))]
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

export const DISK_FULL =
  'The disk, or the browser’s storage, is full. Free some disk space and try again; nothing already on your shelf was lost.'

/**
 * The browser's own words, once: those of the innermost error that has any (Dexie repeats the inner
 * error's name and message in its own), in parentheses, or nothing.
 */
function browserSaid(chain: readonly Error[]): string {
  const said = chain.findLast((error) => error.message.trim())
  if (!said) return chain[0] ? ` (the browser said: ${chain[0].name})` : ''
  const words = said.message.trim().split('\n')[0]!.slice(0, 120).replace(/\.$/, '')
  return ` (the browser said: ${words})`
}

/**
 * What a failed request tells the reader: for a storage failure, what happened and what to do;
 * the errors Paper Shelf throws itself (a paper not on the shelf, a citation key taken) already say
 * it plainly; anything unexpected says so, and what to try.
 */
export function readableError(error: unknown): string {
  const chain = errorChain(error)
  const names = chain.map((failure) => failure.name)
  if (names.some((name) => QUOTA.has(name))) return DISK_FULL
  if (names.some((name) => UNAVAILABLE.has(name))) {
    return `Paper Shelf’s storage could not be used${browserSaid(chain)}. Free some disk space or restart the browser, then try again; if your shelf then looks empty, restore your last backup (Export → Import backup).`
  }
  if (error instanceof Error && error.name === 'Error') return error.message
  return `Something unexpected went wrong${browserSaid(chain)}. Reload the page and try again; if it keeps happening, restart the browser.`
}
