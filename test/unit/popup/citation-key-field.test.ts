// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key, type } from './dom-helpers'
import { openReadingList } from './open-reading-list'

/** The citation key in each popup row: shown, and edited in place. */

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined

const ATTENTION = 'Attention Is All You Need'
const LORA = 'LoRA: Low-Rank Adaptation of Large Language Models'

beforeEach(async () => {
  background = new InMemoryBackground()
  background.now = Date.UTC(2026, 0, 1)
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
  view = await openReadingList(
    root,
    background,
    [
      storedPaper('1706.03762', { title: ATTENTION, authors: ['Ashish Vaswani'], published: '2017-06-12' }, { starred: true }),
      storedPaper('2106.09685', { title: LORA, authors: ['Edward J. Hu'], published: '2021-06-17' }, { starred: true }),
    ],
    { shelf: client },
  )
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

function rowOf(title: string): HTMLElement {
  return byRole(root, 'link', title).closest('li')!
}

const shownKey = (row: HTMLElement) => row.querySelector('code')!.textContent
const input = (row: HTMLElement) => row.querySelector<HTMLInputElement>('input')!
const alertIn = (row: HTMLElement) => row.querySelector('[role="alert"]')!.textContent

async function edit(title: string, value: string): Promise<HTMLElement> {
  const row = rowOf(title)
  byRole(row, 'button', 'Edit citation key').click()
  type(input(row), value)
  byRole(row, 'button', 'Save').click()
  await flush()
  return row
}

describe('citation key in the popup row', () => {
  it('shows each paper’s stored key beside an Edit button described by the title', () => {
    const row = rowOf(ATTENTION)
    expect(shownKey(row)).toBe('vaswani2017attention')
    expect(shownKey(rowOf(LORA))).toBe('hu2021lora')
    const button = byRole(row, 'button', 'Edit citation key')
    expect(accessibleName(document.getElementById(button.getAttribute('aria-describedby')!)!)).toBe(ATTENTION)
  })

  it('opens a form with the key selected in a field labelled Citation key', () => {
    const row = rowOf(ATTENTION)
    byRole(row, 'button', 'Edit citation key').click()
    const field = input(row)
    expect(accessibleName(field)).toBe('Citation key')
    expect(field.value).toBe('vaswani2017attention')
    expect(document.activeElement).toBe(field)
    expect(allByRole(row, 'button', 'Edit citation key')).toHaveLength(0)
  })

  it('saves a new key: stored, shown, and focus back on Edit', async () => {
    const row = await edit(ATTENTION, '  Vaswani:Transformer  ')
    expect(shownKey(row)).toBe('Vaswani:Transformer')
    expect(background.requestsOf('setCitationKey')).toEqual([
      { type: 'setCitationKey', key: 'arxiv:1706.03762', citationKey: 'Vaswani:Transformer' },
    ])
    expect((await papersOnShelf(background.store)).find((paper) => paper.key === 'arxiv:1706.03762')!.citationKey!.value).toBe(
      'Vaswani:Transformer',
    )
    expect(document.activeElement).toBe(byRole(row, 'button', 'Edit citation key'))
  })

  it('keeps the form open with the reason when another paper holds the key, in any case', async () => {
    const row = await edit(ATTENTION, 'HU2021LORA')
    expect(alertIn(row)).toBe('HU2021LORA is already the citation key of “LoRA: Low-Rank Adaptation of Large Language Models”.')
    expect(input(row).value).toBe('HU2021LORA')
    expect(document.activeElement).toBe(input(row))
    // Typing again clears the message; Escape gives up and shows the stored key.
    type(input(row), 'HU2021LOR')
    expect(alertIn(row)).toBe('')
    key(input(row), 'Escape')
    expect(shownKey(row)).toBe('vaswani2017attention')
    expect(document.activeElement).toBe(byRole(row, 'button', 'Edit citation key'))
  })

  it('refuses a malformed key before asking the background', async () => {
    const row = await edit(ATTENTION, 'two words')
    expect(alertIn(row)).toMatch(/letters, digits and _ - : \. \+ \/ only/)
    expect(background.requestsOf('setCitationKey')).toEqual([])
  })

  it('keeps what the reader is typing when another tab changes the paper meanwhile', async () => {
    const row = rowOf(ATTENTION)
    byRole(row, 'button', 'Edit citation key').click()
    type(input(row), 'half-typ')
    await background.store.setCitationKey('arxiv:1706.03762', 'fromElsewhere')
    background.push(await papersOnShelf(background.store))
    await flush()
    expect(input(row).value).toBe('half-typ')
    byRole(row, 'button', 'Cancel').click()
    expect(shownKey(row)).toBe('fromElsewhere')
  })
})
