// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, byRole, flush } from './dom-helpers'
import { openReadingList } from './open-reading-list'

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined
const files = { save: vi.fn(), copy: vi.fn(async () => {}) }

beforeEach(async () => {
  background = new InMemoryBackground()
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
  await background.stores.settings.set('shortcuts', false)
  await background.stores.sightings.record(['arxiv:2401.00009'], 'arxiv cs.LG/new')
  view = await openReadingList(
    root,
    background,
    [storedPaper('2401.00001', {}, { starred: true }), storedPaper('2401.00002', {}, { read: true })],
    { shelf: client, files },
  )
  byRole(root, 'button', 'Settings').click()
  await flush()
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

const settings = () => byRole(root, 'region', 'Settings')
function word(): HTMLInputElement {
  const input = settings().querySelector<HTMLInputElement>('input.confirm-word')!
  expect(accessibleName(input)).toBe('Type DELETE to confirm')
  return input
}
const confirmButton = () => byRole(settings(), 'button', 'Delete all') as HTMLButtonElement

function type(text: string): void {
  word().value = text
  word().dispatchEvent(new Event('input', { bubbles: true }))
}

describe('popup settings: delete all papers', () => {
  it('asks for DELETE typed out before it deletes anything', async () => {
    byRole(settings(), 'button', 'Delete all papers…').click()
    expect(settings().textContent).toContain('This deletes all 2 papers on your shelf')
    expect(document.activeElement).toBe(word())
    expect(confirmButton().disabled).toBe(true)
    type('delete')
    expect(confirmButton().disabled).toBe(true)
    confirmButton().click()
    await flush()
    expect(await background.db.papers.count()).toBe(2)
    byRole(settings(), 'button', 'Cancel').click()
    expect(settings().querySelector('.delete-all .confirm')?.hasAttribute('hidden')).toBe(true)
    expect(await background.db.papers.count()).toBe(2)
  })

  it('deletes every paper with its marks once confirmed, keeping settings and the seen history', async () => {
    byRole(settings(), 'button', 'Delete all papers…').click()
    type('DELETE')
    expect(confirmButton().disabled).toBe(false)
    confirmButton().click()
    await vi.waitFor(async () => expect(await background.db.papers.count()).toBe(0))
    await vi.waitFor(() => expect(settings().textContent).toContain('Deleted 2 papers. Your settings and seen history are kept.'))
    expect(await background.db.marks.count()).toBe(0)
    expect(await background.stores.sightings.count()).toBe(1)
    expect((await background.stores.settings.all()).shortcuts?.value).toBe(false)
    expect(client.papers()).toEqual([])
  })
})
