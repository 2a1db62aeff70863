import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { DISK_FULL, readableError } from '../../../src/background/storage-errors'

const backingStore = () => new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError')
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError')

describe('the errors a reader is told', () => {
  it('says the disk is full, and what to do, however Dexie wraps the quota error', () => {
    expect(readableError(quota())).toBe(DISK_FULL)
    expect(readableError(new Dexie.AbortError('Transaction aborted', quota()))).toBe(DISK_FULL)
    expect(readableError(new Dexie.BulkError('papers.bulkPut(): 1 of 3 operations failed', [quota()]))).toBe(DISK_FULL)
    expect(DISK_FULL).toMatch(/full\. Free some disk space and try again/)
  })

  it('says storage cannot be used, and what to do, quoting the browser once', () => {
    const closed = new Dexie.DatabaseClosedError(new Dexie.OpenFailedError(backingStore()))
    const text = readableError(closed)
    expect(text).toBe(
      'Paper Shelf’s storage could not be used (the browser said: Internal error opening backing store for indexedDB.open). Free some disk space or restart the browser, then try again; if your shelf then looks empty, restore your last backup (Export → Import backup).',
    )
    expect(text.match(/UnknownError|Internal error/g)).toEqual(['Internal error'])
    expect(readableError(new Dexie.DatabaseClosedError())).toMatch(/^Paper Shelf’s storage could not be used/)
  })

  it('replaces the text of a bulk operation that failed for another reason', () => {
    const bulk = new Dexie.BulkError('papers.bulkPut(): 1 of 3 operations failed', [
      new DOMException('Key already exists in the object store.', 'ConstraintError'),
    ])
    const text = readableError(bulk)
    expect(text).toBe(
      'Something unexpected went wrong (the browser said: Key already exists in the object store). Reload the page and try again; if it keeps happening, restart the browser.',
    )
    expect(text).not.toContain('bulkPut')
    expect(text).not.toContain('operations failed')
  })

  it('keeps the sentences Paper Shelf writes itself, and says what to do about anything unexpected', () => {
    expect(readableError(new Error('Paper arxiv:1 is not on the shelf and no details were sent to add it.'))).toBe(
      'Paper arxiv:1 is not on the shelf and no details were sent to add it.',
    )
    expect(readableError(new TypeError("Cannot read properties of undefined (reading 'marks')"))).toBe(
      "Something unexpected went wrong (the browser said: Cannot read properties of undefined (reading 'marks')). Reload the page and try again; if it keeps happening, restart the browser.",
    )
    expect(readableError('a string')).toBe(
      'Something unexpected went wrong. Reload the page and try again; if it keeps happening, restart the browser.',
    )
  })
})
