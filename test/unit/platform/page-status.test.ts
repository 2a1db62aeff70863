import { describe, expect, it } from 'vitest'
import { isPageStatusRequest, LAYOUT_VERDICTS, PAGE_STATUS_REQUEST, parsePageStatus } from '../../../src/platform/page-status'

describe('the page status a tab gives the popup', () => {
  it('is asked for with exactly the page status request', () => {
    expect(isPageStatusRequest(PAGE_STATUS_REQUEST)).toBe(true)
    for (const other of [
      { type: 'lookup', keys: [] },
      { type: 'pageStatus', extra: 1 },
      { type: 'papersChanged', papers: [] },
      'pageStatus',
      null,
      [],
    ]) {
      expect(isPageStatusRequest(other)).toBe(false)
    }
  })

  it('is read from a reply only when the reply is a page status', () => {
    for (const layout of LAYOUT_VERDICTS) expect(parsePageStatus({ layout })).toEqual({ layout })
    for (const reply of [
      undefined,
      null,
      {},
      { layout: 'broken' },
      { layout: 'notRecognised', html: '<b>' },
      [{ layout: 'recognised' }],
      'notRecognised',
    ]) {
      expect(parsePageStatus(reply)).toBeUndefined()
    }
  })
})
