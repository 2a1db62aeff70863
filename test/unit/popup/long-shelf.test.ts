// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Paper } from '../../../src/core/paper'
import { ROWS_PER_PAGE } from '../../../src/popup/first-page'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { byRole, flush, type } from './dom-helpers'
import { openReadingList } from './open-reading-list'

let background: InMemoryBackground
let root: HTMLElement
let view: ReadingList | undefined

/** `count` starred papers, the newest starred first: "Paper 0", "Paper 1", … */
function shelf(count: number): Paper[] {
  return Array.from({ length: count }, (_, index) =>
    storedPaper(`2401.${String(index).padStart(5, '0')}`, { title: `Paper ${index}` }, { starred: { value: true, at: 1_000_000 - index } }),
  )
}

beforeEach(() => {
  background = new InMemoryBackground()
  root = document.createElement('div')
  document.body.replaceChildren(root)
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

async function mount(papers: Paper[]): Promise<void> {
  view = await openReadingList(root, background, papers)
}

const rowTitles = () => [...root.querySelectorAll('li[data-key] .paper-title')].map((title) => title.textContent)
const status = () => root.querySelector('[role="status"]:not(.export-status)')?.textContent

describe('popup: a long shelf', () => {
  it('renders the first rows, counts every paper, and shows more on request', async () => {
    await mount(shelf(250))
    expect(rowTitles()).toHaveLength(ROWS_PER_PAGE)
    expect(rowTitles()[0]).toBe('Paper 0')
    expect(status()).toBe('250 starred papers')
    expect(byRole(root, 'tab', 'Starred').textContent).toContain('250')
    byRole(root, 'button', 'Show 100 more (150 not shown)').click()
    await flush(5)
    expect(rowTitles()).toHaveLength(200)
    byRole(root, 'button', 'Show 50 more (50 not shown)').click()
    await flush(5)
    expect(rowTitles()).toHaveLength(250)
    expect(rowTitles().at(-1)).toBe('Paper 249')
    expect(root.querySelector<HTMLElement>('.more-rows')!.hidden).toBe(true)
  })

  it('searches every paper, not only those with rows, and starts again from the top', async () => {
    await mount(shelf(250))
    byRole(root, 'button', 'Show 100 more (150 not shown)').click()
    await flush(5)
    type(byRole(root, 'searchbox', 'Search') as HTMLInputElement, '249')
    await flush(5)
    expect(rowTitles()).toEqual(['Paper 249'])
    type(byRole(root, 'searchbox', 'Search') as HTMLInputElement, '')
    await flush(5)
    expect(rowTitles()).toHaveLength(ROWS_PER_PAGE)
  })
})
