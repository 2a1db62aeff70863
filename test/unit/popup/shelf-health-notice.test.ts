// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ShelfHealthRecord } from '../../../src/background/shelf-health'
import type { ShelfHealth } from '../../../src/platform/protocol'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { createShelfHealthNotice, lostShelfText, openBackupImport } from '../../../src/popup/shelf-health-notice'
import { FakeLocalArea } from '../../support/fake-local-area'
import { workerRequests } from '../../support/worker-requests'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { byRole, flush } from './dom-helpers'
import { openReadingList } from './open-reading-list'

const MAY_1 = new Date(2026, 4, 1, 12).getTime()
const LOST_TEXT =
  'Your shelf is empty, but it held 42 papers on 1 May 2026. Its storage may have been cleared or damaged. Restore your last backup: Export → Import backup.'

let background: InMemoryBackground
let area: FakeLocalArea
let root: HTMLElement
let view: ReadingList | undefined

/** The background's answer to a shelf-health request, from a worker started now, wired as `src/background/index.ts` wires it. */
async function ask(type: 'getShelfHealth' | 'dismissShelfHealth'): Promise<ShelfHealth> {
  const { db } = background
  const health = new ShelfHealthRecord({ countPapers: () => db.papers.count(), area })
  background.observers.add((push) => health.observe(push))
  const reply = await workerRequests(db, background.stores, health, background.notify)({ type })
  if (!reply.ok) throw new Error(reply.error)
  const { ok: _ok, ...found } = reply
  // A shelf-health request is answered with the shelf's health.
  return found as ShelfHealth
}

/** The popup as `src/popup/main.ts` puts it together: the notice above the reading list, asked once the list is shown. */
async function openPopup() {
  const notice = createShelfHealthNotice(
    document,
    {
      current: () => ask('getShelfHealth'),
      dismiss: () => ask('dismissShelfHealth'),
      onPapersChanged: (listener) => {
        background.transport.subscribe(() => listener())
      },
    },
    () => openBackupImport(root),
  )
  view = await openReadingList(root, background)
  root.before(notice.element)
  await notice.check()
  await flush()
  return notice.element
}

beforeEach(() => {
  background = new InMemoryBackground()
  area = new FakeLocalArea()
  root = document.createElement('div')
  document.body.replaceChildren(root)
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

describe('the popup on a shelf that lost its papers', () => {
  beforeEach(() => {
    area.items.set('shelfSize', { papers: 42, at: MAY_1 })
  })

  it('says so in an alert, with what to do', async () => {
    const notice = await openPopup()
    expect(notice.hidden).toBe(false)
    expect(byRole(notice, 'alert').textContent).toBe(LOST_TEXT)
    expect(byRole(notice, 'button', 'Restore a backup…')).toBeDefined()
    expect(byRole(notice, 'button', 'Dismiss')).toBeDefined()
  })

  it('opens the Export panel and its backup file picker from the alert', async () => {
    const notice = await openPopup()
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!
    const picked = vi.spyOn(input, 'click')
    byRole(notice, 'button', 'Restore a backup…').click()
    expect(byRole(root, 'button', 'Export').getAttribute('aria-expanded')).toBe('true')
    expect(picked).toHaveBeenCalledTimes(1)
    expect(document.activeElement).toBe(input)
  })

  it('is dismissed for good: the background forgets the size the shelf had', async () => {
    const notice = await openPopup()
    byRole(notice, 'button', 'Dismiss').click()
    await flush()
    expect(notice.hidden).toBe(true)
    expect(await ask('getShelfHealth')).toEqual({})
  })

  it('goes away once the papers are back', async () => {
    const notice = await openPopup()
    const papers = Array.from({ length: 42 }, (_, index) => storedPaper(`2401.${String(index).padStart(5, '0')}`, {}, { starred: true }))
    await background.request({ type: 'importPapers', papers })
    await flush()
    expect(notice.hidden).toBe(true)
  })
})

describe('the popup on a shelf that lost nothing', () => {
  it('shows no alert on a new install', async () => {
    expect((await openPopup()).hidden).toBe(true)
  })

  it('shows no alert after the reader deleted every paper', async () => {
    await background.seed([storedPaper('2401.00001', {}, { starred: true }), storedPaper('2401.00002', {}, { read: true })])
    expect(await ask('getShelfHealth')).toEqual({})
    await background.request({ type: 'deletePapers', keys: ['arxiv:2401.00001', 'arxiv:2401.00002'] })
    await flush()
    expect(area.items.get('shelfSize')).toMatchObject({ papers: 0 })
    expect((await openPopup()).hidden).toBe(true)
  })
})

describe('what the alert says', () => {
  it('counts the papers lost and says when the shelf held them', () => {
    expect(lostShelfText({})).toBeUndefined()
    expect(lostShelfText({ lostPapers: 42, lostSince: MAY_1, papersNow: 0 })).toBe(LOST_TEXT)
    expect(lostShelfText({ lostPapers: 1, lostSince: MAY_1, papersNow: 0 })).toMatch(
      /^Your shelf is empty, but it held 1 paper on 1 May 2026\./,
    )
  })

  it('says the papers marked since the loss are kept', () => {
    expect(lostShelfText({ lostPapers: 42, lostSince: MAY_1, papersNow: 2 })).toBe(
      'Your shelf held 42 papers on 1 May 2026, then its storage was found empty: it may have been cleared or damaged. Restore your last backup: Export → Import backup. The papers you marked since are kept.',
    )
  })
})
