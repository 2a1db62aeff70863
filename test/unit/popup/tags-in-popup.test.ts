// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { Paper } from '../../../src/core/paper'
import { presentTags } from '../../../src/core/tag-set'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { SITES } from '../../../src/sites/registry'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { allByRole, byRole, flush, key, type } from './dom-helpers'
import { openReadingList } from './open-reading-list'

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined
const files = { save: vi.fn(), copy: vi.fn(async () => {}) }

beforeEach(() => {
  background = new InMemoryBackground()
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
  // happy-dom's <dialog> opens with showModal only where it implements it; the popup needs nothing more.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '')
  }
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

async function mount(papers: Paper[] = []): Promise<void> {
  view = await openReadingList(root, background, papers, { shelf: client, files })
}

const titles = () => allByRole(root, 'listitem').map((item) => item.querySelector('a')?.textContent)
const tabCount = (name: string) => byRole(root, 'tab', name).querySelector('.tab-count')?.textContent

const attention = storedPaper('1706.03762', { title: 'Attention Is All You Need', addedAt: 2 }, { starred: { value: true, at: 2 } })
const bert = storedPaper(
  '1810.04805',
  { title: 'BERT: Pre-training of Deep Bidirectional Transformers', addedAt: 3 },
  { starred: { value: true, at: 3 }, read: true },
)

describe('popup: tags, notes and the library', () => {
  it('links to the library page, which opens in a tab', async () => {
    await mount()
    const library = byRole(root, 'link', 'Library')
    expect(library.getAttribute('href')).toBe('../library/index.html')
    expect(library.getAttribute('target')).toBe('_blank')
  })

  it('says on an empty shelf where Star and Read are, on every supported site, and how to search', async () => {
    await mount()
    const text = root.querySelector('.message')?.textContent ?? ''
    for (const site of SITES) if (site.label !== 'Hugging Face') expect(text).toContain(site.label)
    expect(text).toContain('Hugging Face Papers')
    expect(text).toContain('press / here to search')
  })

  it('shows each title in full as its tooltip', async () => {
    const long = storedPaper('2401.00001', { title: `A ${'very '.repeat(60)}long title` }, { starred: true })
    await mount([long])
    expect(root.querySelector('.paper-title')?.getAttribute('title')).toBe(long.title)
  })

  it('counts in every tab only the papers the search finds', async () => {
    await mount([attention, bert])
    expect([tabCount('Starred'), tabCount('Read'), tabCount('All')]).toEqual(['2', '1', '2'])
    type(byRole(root, 'searchbox') as HTMLInputElement, 'bert')
    await flush()
    expect([tabCount('Starred'), tabCount('Unread'), tabCount('Read'), tabCount('All')]).toEqual(['1', '0', '1', '1'])
  })

  it('edits a row’s tags and note, shows the tags as chips, and finds the paper by tag or note', async () => {
    await mount([attention, bert])
    const row = allByRole(root, 'listitem').find((item) => item.textContent?.includes('Attention'))!
    byRole(row, 'button', 'Edit').click()
    const dialog = document.querySelector<HTMLDialogElement>('dialog[open]')!
    expect(dialog.querySelector('h2')?.textContent).toBe('Edit “Attention Is All You Need”')
    const tag = dialog.querySelector<HTMLInputElement>('input[list]')!
    tag.value = 'transformers'
    key(tag, 'Enter')
    dialog.querySelector('textarea')!.value = 'The original transformer'
    dialog.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    await vi.waitFor(async () => {
      const stored = await papersOnShelf(background.store)
      const marks = stored.find((paper) => paper.key === attention.key)!.marks
      expect(presentTags(marks.tags.value)).toEqual(['transformers'])
      expect(marks.note.value).toBe('The original transformer')
    })
    await flush()
    expect(row.querySelector('.paper-tags')?.textContent).toBe('transformers')
    type(byRole(root, 'searchbox') as HTMLInputElement, 'transformers')
    await flush()
    // BERT's title has "Transformers" too: both match; the note finds only one.
    expect(titles()).toHaveLength(2)
    type(byRole(root, 'searchbox') as HTMLInputElement, 'original transformer')
    await flush()
    expect(titles()).toEqual(['Attention Is All You Need'])
  })
})
