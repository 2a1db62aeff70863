// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { LAYOUT_NOT_RECOGNISED, showPageStatus } from '../../../src/popup/page-status-line'
import type { PageStatus } from '../../../src/platform/page-status'
import { allByRole } from './dom-helpers'

let line: HTMLElement

beforeEach(() => {
  document.body.innerHTML = '<p id="page-status" role="status" hidden></p>'
  line = document.getElementById('page-status')!
})

const shownStatus = () => allByRole(document, 'status').map((element) => element.textContent)

describe('the popup line about the active tab', () => {
  it('says so when the active tab is a supported page whose layout was not recognised', async () => {
    await showPageStatus(line, Promise.resolve({ layout: 'notRecognised' }))
    expect(shownStatus()).toEqual([LAYOUT_NOT_RECOGNISED])
  })

  it.each<PageStatus | undefined>([{ layout: 'recognised' }, { layout: 'nothingListed' }, { layout: 'pending' }, undefined])(
    'says nothing for %o',
    async (status) => {
      await showPageStatus(line, Promise.resolve(status))
      expect(shownStatus()).toEqual([])
      expect(line.textContent).toBe('')
    },
  )

  it('says nothing when the tab cannot be asked', async () => {
    await showPageStatus(line, Promise.reject(new Error('No tab')))
    expect(shownStatus()).toEqual([])
  })
})
