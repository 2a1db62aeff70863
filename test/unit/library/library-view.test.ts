// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { Paper, PaperKey } from '../../../src/core/paper'
import { presentTags } from '../../../src/core/tag-set'
import { askFirstRows } from '../../../src/library/first-rows'
import { mountLibrary, type Library } from '../../../src/library/library-view'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key, type } from '../popup/dom-helpers'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 3, 1)
const HOSTILE = '<img src=x onerror=alert(1)>'

const A = 'Attention Is All You Need'
const B = 'Kernel Methods in Machine Learning'
const C = 'LoRA: Low-Rank Adaptation of Large Language Models'
const D = 'Diffusion Models Beat GANs on Image Synthesis'
const E = 'Batch Normalization: Accelerating Deep Network Training'

const KEY: Record<'A' | 'B' | 'C' | 'D' | 'E', PaperKey> = {
  A: 'arxiv:1706.03762',
  B: 'arxiv:math/0701907',
  C: 'arxiv:2106.09685',
  D: 'arxiv:2105.05233',
  E: 'arxiv:1502.03167',
}

/**
 * Five papers. Starred: A, B, D; unread (starred, not read): A, D; read: B, C; E only tagged.
 * Added (newest first): C, E, A, D, B. Tags: NLP on A, B, C; theory on B, E; vision on D, E; efficiency on C.
 */
function shelf(): Paper[] {
  const tags = (...names: string[]) => names.map((name) => ({ name, at: T0 }))
  return [
    storedPaper(
      '1706.03762',
      { title: A, authors: ['Ashish Vaswani', 'Noam Shazeer'], published: '2017-06-12', addedAt: T0 + 3 * DAY },
      { starred: { value: true, at: T0 + 3 * DAY }, tags: tags('NLP') },
    ),
    storedPaper(
      'math/0701907',
      { title: B, authors: ['Bernhard Schölkopf', 'Alexander J. Smola'], published: '2019-03-01', addedAt: T0 + 1 * DAY },
      { starred: { value: true, at: T0 + DAY }, read: { value: true, at: T0 + 6 * DAY }, tags: tags('NLP', 'theory') },
    ),
    storedPaper(
      '2106.09685',
      { title: C, authors: ['Edward J. Hu', 'Yelong Shen'], published: '2021-06-17', addedAt: T0 + 5 * DAY },
      { read: { value: true, at: T0 + 5 * DAY }, tags: tags('efficiency', 'NLP'), note: { value: 'rank decomposition', at: T0 } },
    ),
    storedPaper(
      '2105.05233',
      { title: D, authors: ['Prafulla Dhariwal', 'Alex Nichol'], published: '2021-05-11', addedAt: T0 + 2 * DAY },
      { starred: { value: true, at: T0 + 2 * DAY }, tags: tags('vision') },
    ),
    storedPaper(
      '1502.03167',
      { title: E, authors: ['Sergey Ioffe', 'Christian Szegedy'], published: '2015-02-11', addedAt: T0 + 4 * DAY },
      { tags: tags('theory', 'vision'), note: { value: 'covariate shift', at: T0 } },
    ),
  ]
}

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: Library | undefined
let files: { save: ReturnType<typeof vi.fn<(fileName: string, mimeType: string, text: string) => void>>; copy: () => Promise<void> }
const NOW = new Date(2026, 2, 5, 14, 30)

beforeEach(() => {
  background = new InMemoryBackground()
  // Changes made in these tests are stamped after every time in the shelf, as a real clock would.
  background.now = T0 + 100 * DAY
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
  files = { save: vi.fn(), copy: vi.fn(async () => {}) }
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  client.disconnect()
  vi.restoreAllMocks()
  await background.close()
})

/** Mounts the library on the shelf, the list's viewport `height` pixels high (happy-dom lays nothing out). */
async function mount(papers: Paper[] = shelf(), height = 640, firstRows?: () => Promise<unknown>): Promise<Library> {
  if (papers.length > 0) await background.seed(papers)
  view = mountLibrary(root, { shelf: client, settings: background.settingsClient(), firstRows: firstRows?.() }, files, () => NOW)
  const viewport = root.querySelector<HTMLElement>('.library-viewport')!
  let scrollTop = 0
  Object.defineProperty(viewport, 'clientHeight', { configurable: true, get: () => height })
  Object.defineProperty(viewport, 'scrollTop', {
    configurable: true,
    get: () => scrollTop,
    set: (value: number) => {
      scrollTop = Math.max(0, Math.min(value, Math.max(0, papers.length * 64 - height)))
    },
  })
  await view.loaded
  await flush()
  return view
}

const list = () => byRole(root, 'list', 'Papers')
const rows = () => allByRole(list(), 'listitem')
/** Rows in list order (the virtual list keeps its children in item order). */
const titles = () => rows().map((row) => row.querySelector('.row-title')?.textContent)
const rowOf = (title: string) => {
  const row = rows().find((candidate) => candidate.querySelector('.row-title')?.textContent === title)
  if (!row) throw new Error(`no row for ${title}`)
  return row
}
const check = (title: string) => {
  const box = byRole(rowOf(title), 'checkbox', title) as HTMLInputElement
  box.click()
  return box
}
const toolbar = () => byRole(root, 'toolbar', 'Selected papers')
const bulk = (name: string) => byRole(toolbar(), 'button', name) as HTMLButtonElement
/** A text field or select of the toolbar by its accessible name (the role helpers know neither role). */
const field = <E extends HTMLElement>(selector: string, name: string): E => {
  const found = [...toolbar().querySelectorAll<E>(selector)].filter((element) => accessibleName(element) === name)
  if (found.length !== 1) throw new Error(`expected one ${selector} named ${name}, found ${found.length}`)
  return found[0]!
}
const tagToAdd = () => field<HTMLInputElement>('input[type="text"]', 'Tag to add')
const exportFormat = () => field<HTMLSelectElement>('select', 'Export format')
const searchBox = () => byRole(root, 'searchbox', 'Search') as HTMLInputElement
const sortBy = () => root.querySelector<HTMLSelectElement>('select[aria-label="Sort by"]')!
const tab = (name: string) => byRole(root, 'tab', name)
const tabCounts = () =>
  Object.fromEntries(['Starred', 'Unread', 'Read', 'All'].map((name) => [name, tab(name).querySelector('.tab-count')?.textContent]))
const tagButtons = () => [...root.querySelectorAll<HTMLButtonElement>('.tag-filter [data-tag]')]
const tagButton = (tag: string) => root.querySelector<HTMLButtonElement>(`.tag-filter [data-tag="${tag}"]`)!
const selectionCount = () => root.querySelector('.selection-count')?.textContent
const count = () => root.querySelector('.library-count')?.textContent
const status = () => byRole(root, 'status').textContent
const alertText = () => root.querySelector('.library-error')?.textContent

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value
  select.dispatchEvent(new Event('change', { bubbles: true }))
}

async function stored(): Promise<Map<PaperKey, Paper>> {
  return new Map((await papersOnShelf(background.store)).map((paper) => [paper.key, paper]))
}

async function storedSorted(): Promise<Paper[]> {
  return (await papersOnShelf(background.store)).sort((a, b) => (a.key < b.key ? -1 : 1))
}

describe('library: the list', () => {
  it('lists every paper on the shelf, newest added first, each row showing its paper', async () => {
    await mount()
    expect(titles()).toEqual([C, E, A, D, B])
    expect(count()).toBe('5 papers')
    const row = rowOf(A)
    expect(row.getAttribute('data-key')).toBe(KEY.A)
    expect(byRole(row, 'link', A).getAttribute('href')).toBe('https://arxiv.org/abs/1706.03762')
    expect(row.querySelector('.row-authors')?.textContent).toBe('Ashish Vaswani, Noam Shazeer')
    expect([...rowOf(C).querySelectorAll('.row-tags .tag-chip')].map((chip) => chip.textContent)).toEqual(['efficiency', 'NLP'])
    expect(byRole(row, 'button', 'Star').getAttribute('aria-pressed')).toBe('true')
    expect(byRole(row, 'button', 'Read').getAttribute('aria-pressed')).toBe('false')
    expect(byRole(row, 'button', 'Edit')).toBeTruthy()
    expect(root.querySelector<HTMLElement>('.library-empty')!.hidden).toBe(true)
  })

  it('shows first rows asked for before it was mounted, without asking again', async () => {
    await mount(shelf(), 640, () => askFirstRows(client))
    expect(titles()).toHaveLength(shelf().length)
    expect(background.requestsOf('listRecent')).toEqual([{ type: 'listRecent', limit: 100, order: 'added' }])
  })

  it('sorts by title, first author and paper date', async () => {
    await mount()
    expect([...sortBy().options].map((option) => option.textContent)).toEqual(['Date added', 'Paper date', 'Title', 'First author'])
    choose(sortBy(), 'title')
    expect(titles()).toEqual([A, E, D, B, C])
    choose(sortBy(), 'author')
    // Dhariwal, Hu, Ioffe, Schölkopf, Vaswani.
    expect(titles()).toEqual([D, C, E, B, A])
    choose(sortBy(), 'date')
    expect(titles()).toEqual([C, D, B, A, E])
    choose(sortBy(), 'added')
    expect(titles()).toEqual([C, E, A, D, B])
  })

  it('shows a title that looks like markup as text', async () => {
    await mount([storedPaper('2401.00001', { title: `${HOSTILE} Paper`, authors: [HOSTILE] }, { starred: true })])
    expect(titles()).toEqual([`${HOSTILE} Paper`])
    expect(rowOf(`${HOSTILE} Paper`).querySelector('.row-authors')?.textContent).toBe(HOSTILE)
    expect(accessibleName(rows()[0]!.querySelector('.row-check')!)).toBe(`${HOSTILE} Paper`)
    expect(document.querySelector('img')).toBeNull()
  })

  it('the row’s Star and Read buttons toggle its paper', async () => {
    await mount()
    byRole(rowOf(E), 'button', 'Star').click()
    await flush()
    expect((await stored()).get(KEY.E)!.marks.starred.value).toBe(true)
    expect(byRole(rowOf(E), 'button', 'Star').getAttribute('aria-pressed')).toBe('true')
    byRole(rowOf(B), 'button', 'Read').click()
    await flush()
    expect((await stored()).get(KEY.B)!.marks.read.value).toBe(false)
    expect(byRole(rowOf(B), 'button', 'Read').getAttribute('aria-pressed')).toBe('false')
  })

  it('explains an empty shelf', async () => {
    await mount([])
    expect(rows()).toHaveLength(0)
    const empty = root.querySelector<HTMLElement>('.library-empty')!
    expect(empty.hidden).toBe(false)
    expect(empty.textContent).toBe(
      'Your shelf is empty. Star or read papers on any supported site, or import references from another tool.',
    )
    expect(count()).toBe('0 papers')
    expect(selectionCount()).toBe('None selected')
    expect(bulk('Delete').disabled).toBe(true)
  })

  it('says when nothing matches the filters', async () => {
    await mount()
    type(searchBox(), 'quantum gravity')
    expect(rows()).toHaveLength(0)
    expect(root.querySelector('.library-empty')?.textContent).toBe('No papers match these filters.')
    expect(count()).toBe('0 papers')
  })
})

describe('library: search, views and tags', () => {
  it('finds papers by title, author, tag and note', async () => {
    await mount()
    type(searchBox(), 'kernel')
    expect(titles()).toEqual([B])
    type(searchBox(), 'dhariwal')
    expect(titles()).toEqual([D])
    type(searchBox(), 'scholkopf')
    expect(titles()).toEqual([B])
    type(searchBox(), 'efficiency')
    expect(titles()).toEqual([C])
    type(searchBox(), 'covariate')
    expect(titles()).toEqual([E])
    type(searchBox(), 'models nlp')
    expect(titles()).toEqual([C])
    expect(count()).toBe('1 paper')
    type(searchBox(), '')
    expect(titles()).toEqual([C, E, A, D, B])
  })

  it('filters by view, All first, with counts that follow the search and the tag filter', async () => {
    await mount()
    expect(allByRole(root, 'tab').map(accessibleName)).toEqual(['Starred', 'Unread', 'Read', 'All'])
    expect(tab('All').getAttribute('aria-selected')).toBe('true')
    expect(tabCounts()).toEqual({ Starred: '3', Unread: '2', Read: '2', All: '5' })
    tab('Starred').click()
    expect(tab('Starred').getAttribute('aria-selected')).toBe('true')
    expect(titles()).toEqual([A, D, B])
    tab('Unread').click()
    expect(titles()).toEqual([A, D])
    tab('Read').click()
    expect(titles()).toEqual([C, B])
    tab('All').click()
    expect(titles()).toEqual([C, E, A, D, B])

    type(searchBox(), 'models')
    expect(tabCounts()).toEqual({ Starred: '1', Unread: '1', Read: '1', All: '2' })
    type(searchBox(), '')
    tagButton('NLP').click()
    expect(tabCounts()).toEqual({ Starred: '2', Unread: '1', Read: '2', All: '3' })
    tab('Read').click()
    expect(titles()).toEqual([C, B])
  })

  it('lists the tags with their counts, most used first, and filters by every pressed tag', async () => {
    await mount()
    expect(tagButtons().map((button) => [button.getAttribute('data-tag'), button.textContent])).toEqual([
      ['NLP', 'NLP 3'],
      ['theory', 'theory 2'],
      ['vision', 'vision 2'],
      ['efficiency', 'efficiency 1'],
    ])
    expect(tagButtons().map(accessibleName)).toEqual(['NLP', 'theory', 'vision', 'efficiency'])
    expect(tagButtons().map((button) => button.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false', 'false'])
    tagButton('NLP').click()
    expect(tagButton('NLP').getAttribute('aria-pressed')).toBe('true')
    expect(titles()).toEqual([C, A, B])
    tagButton('theory').click()
    expect(titles()).toEqual([B])
    expect(tagButton('theory').getAttribute('aria-pressed')).toBe('true')
    tagButton('NLP').click()
    expect(tagButton('NLP').getAttribute('aria-pressed')).toBe('false')
    expect(titles()).toEqual([E, B])
    tagButton('theory').click()
    expect(titles()).toEqual([C, E, A, D, B])
  })
})

describe('library: bulk actions', () => {
  it('counts the checked papers and enables the actions only then', async () => {
    await mount()
    expect(selectionCount()).toBe('None selected')
    expect(
      ['Star', 'Unstar', 'Mark read', 'Mark unread', 'Add tag', 'Export selection', 'Delete'].map((name) => bulk(name).disabled),
    ).toEqual([true, true, true, true, true, true, true])
    expect(check(A).checked).toBe(true)
    check(E)
    expect(selectionCount()).toBe('2 selected')
    expect(rowOf(A).classList.contains('is-selected')).toBe(true)
    expect(bulk('Delete').disabled).toBe(false)
    const selectAll = byRole(toolbar(), 'checkbox', 'Select all shown papers') as HTMLInputElement
    expect(selectAll.indeterminate).toBe(true)
    expect(selectAll.checked).toBe(false)
    check(A)
    expect(selectionCount()).toBe('1 selected')
  })

  it('Select all checks every shown paper, and only those', async () => {
    await mount()
    tab('Read').click()
    const selectAll = byRole(toolbar(), 'checkbox', 'Select all shown papers') as HTMLInputElement
    selectAll.click()
    expect(selectionCount()).toBe('2 selected')
    expect(selectAll.checked).toBe(true)
    expect(rows().map((row) => (row.querySelector('.row-check') as HTMLInputElement).checked)).toEqual([true, true])
    selectAll.click()
    expect(selectionCount()).toBe('None selected')
  })

  it('counts and acts on the checked papers the filters show; hidden ones stay checked for later', async () => {
    await mount()
    const before = await storedSorted()
    check(A)
    check(E)
    type(searchBox(), 'kernel')
    expect(titles()).toEqual([B])
    // What the toolbar counts is what its buttons act on: here, nothing.
    expect(selectionCount()).toBe('None selected')
    expect(bulk('Delete').disabled).toBe(true)
    check(B)
    expect(selectionCount()).toBe('1 selected')
    bulk('Delete').click()
    await flush()
    expect(status()).toBe('Deleted 1 paper.')
    expect([...(await stored()).keys()].sort()).toEqual(before.map((paper) => paper.key).filter((key) => key !== KEY.B))
    type(searchBox(), '')
    expect(selectionCount()).toBe('2 selected')
    expect(rows().map((row) => (row.querySelector('.row-check') as HTMLInputElement).checked)).toEqual([false, true, true, false])
  })

  it('Star, Unstar, Mark read and Mark unread change exactly the checked papers', async () => {
    await mount()
    const before = await stored()
    check(C)
    check(E)
    bulk('Star').click()
    await flush()
    let after = await stored()
    expect(after.get(KEY.C)!.marks.starred).toEqual({ value: true, at: expect.any(Number) as number })
    expect(after.get(KEY.E)!.marks.starred.value).toBe(true)
    expect(status()).toBe('2 papers changed.')
    for (const key of [KEY.A, KEY.B, KEY.D]) expect(after.get(key)).toEqual(before.get(key))
    expect(byRole(rowOf(C), 'button', 'Star').getAttribute('aria-pressed')).toBe('true')

    bulk('Mark read').click()
    await flush()
    after = await stored()
    // C was read already: only E changes, C's read time stays.
    expect(after.get(KEY.C)!.marks.read).toEqual(before.get(KEY.C)!.marks.read)
    expect(after.get(KEY.E)!.marks.read.value).toBe(true)
    expect(status()).toBe('1 paper changed.')

    bulk('Mark unread').click()
    await flush()
    after = await stored()
    expect([after.get(KEY.C)!.marks.read.value, after.get(KEY.E)!.marks.read.value]).toEqual([false, false])

    bulk('Unstar').click()
    await flush()
    after = await stored()
    expect([after.get(KEY.C)!.marks.starred.value, after.get(KEY.E)!.marks.starred.value]).toEqual([false, false])
    for (const key of [KEY.A, KEY.B, KEY.D]) expect(after.get(key)).toEqual(before.get(key))
    expect(alertText()).toBe('')
  })

  it('Add tag adds the tag to the checked papers only, keeping their tags and the shelf’s spelling', async () => {
    await mount()
    const before = await stored()
    check(A)
    check(D)
    check(B)
    type(tagToAdd(), 'Theory')
    bulk('Add tag').click()
    await flush()
    const after = await stored()
    expect(presentTags(after.get(KEY.A)!.marks.tags.value)).toEqual(['NLP', 'theory'])
    expect(presentTags(after.get(KEY.D)!.marks.tags.value)).toEqual(['theory', 'vision'])
    // B had it: left as it was.
    expect(after.get(KEY.B)).toEqual(before.get(KEY.B))
    for (const key of [KEY.C, KEY.E]) expect(after.get(key)).toEqual(before.get(key))
    expect(status()).toBe('2 papers changed.')
    expect(tagButton('theory').textContent).toBe('theory 4')
    expect([...rowOf(D).querySelectorAll('.row-tags .tag-chip')].map((chip) => chip.textContent)).toEqual(['theory', 'vision'])
    expect(tagToAdd().value).toBe('')
  })

  it('Add tag without a tag asks for one', async () => {
    await mount()
    check(A)
    bulk('Add tag').click()
    await flush()
    expect(alertText()).toBe('Type the tag to add first.')
    expect(background.requestsOf('setMarks')).toEqual([])
  })

  it('Delete removes the checked papers from the store and the list; Undo puts them back exactly', async () => {
    await mount()
    const before = await storedSorted()
    check(A)
    check(E)
    bulk('Delete').click()
    await flush()
    expect(status()).toBe('Deleted 2 papers.')
    expect(titles()).toEqual([C, D, B])
    expect(count()).toBe('3 papers')
    expect(selectionCount()).toBe('None selected')
    const left = await stored()
    expect([...left.keys()].sort()).toEqual([KEY.B, KEY.C, KEY.D].sort())
    // Their marks went with them.
    expect((await background.store.lookup([KEY.A, KEY.E])).found).toEqual([])
    expect(await background.db.marks.get(KEY.A)).toBeUndefined()
    expect(tabCounts()).toEqual({ Starred: '2', Unread: '1', Read: '2', All: '3' })

    byRole(root, 'button', 'Undo').click()
    await flush()
    expect(status()).toBe('Restored 2 papers.')
    expect(await storedSorted()).toEqual(before)
    expect(titles()).toEqual([C, E, A, D, B])
    expect(root.querySelector<HTMLButtonElement>('.library-messages button')!.hidden).toBe(true)
  })

  it('reports a change that failed, naming the reason', async () => {
    await mount()
    check(C)
    check(E)
    background.refuseNext('setMarks', 'The disk is full.')
    bulk('Star').click()
    await flush()
    expect(alertText()).toBe('1 paper could not be changed: The disk is full.')
    const after = await stored()
    expect([after.get(KEY.C)!.marks.starred.value, after.get(KEY.E)!.marks.starred.value].sort()).toEqual([false, true])
  })

  it('a failed delete deletes nothing and says why; a failed Undo can be tried again', async () => {
    await mount()
    const before = await storedSorted()
    check(A)
    background.failNext('deletePapers', 'The disk is full.')
    bulk('Delete').click()
    await flush()
    expect(alertText()).toBe('Nothing was deleted: The disk is full.')
    expect(await storedSorted()).toEqual(before)
    expect(titles()).toEqual([C, E, A, D, B])
    expect(selectionCount()).toBe('1 selected')

    bulk('Delete').click()
    await flush()
    expect(titles()).toEqual([C, E, D, B])
    background.failNext('restorePapers', 'The disk is full.')
    byRole(root, 'button', 'Undo').click()
    await flush()
    expect(alertText()).toBe("Couldn't restore the deleted papers: The disk is full.")
    expect(titles()).toEqual([C, E, D, B])
    byRole(root, 'button', 'Undo').click()
    await flush()
    expect(status()).toBe('Restored 1 paper.')
    expect(alertText()).toBe('')
    expect(await storedSorted()).toEqual(before)
  })

  it('Export selection saves only the checked papers, named by the format and the date', async () => {
    await mount()
    check(A)
    check(D)
    expect([...exportFormat().options].map((option) => option.value)).toEqual(['bibtex', 'biblatex', 'ris', 'csl-json', 'csv', 'markdown'])
    bulk('Export selection').click()
    await vi.waitFor(() => expect(files.save).toHaveBeenCalledTimes(1))
    const [fileName, mimeType, text] = files.save.mock.calls[0]!
    expect(fileName).toBe('paper-shelf-selection-2026-03-05.bib')
    expect(mimeType).toBe('application/x-bibtex; charset=utf-8')
    expect(text.match(/^@/gm)).toHaveLength(2)
    expect(text).toContain('Attention Is All You Need')
    expect(text).toContain('Diffusion Models Beat')
    for (const other of ['Kernel Methods', 'Low-Rank', 'Batch Normalization']) expect(text).not.toContain(other)
    expect(status()).toBe('Saved paper-shelf-selection-2026-03-05.bib (2 papers).')

    choose(exportFormat(), 'csl-json')
    bulk('Export selection').click()
    await vi.waitFor(() => expect(files.save).toHaveBeenCalledTimes(2))
    const [jsonName, , json] = files.save.mock.calls[1]!
    expect(jsonName).toBe('paper-shelf-selection-2026-03-05.csl.json')
    // CSL-JSON marks the case to keep with <span class="nocase">.
    const jsonTitles = (JSON.parse(json) as { title: string }[]).map((item) => item.title.replace(/<[^>]*>/g, ''))
    expect(jsonTitles.sort()).toEqual([A, D])
  })
})

describe('library: keyboard', () => {
  it('j, k and the arrow keys move focus between rows; Home and End go to the ends', async () => {
    await mount()
    rowOf(C).focus()
    key(rowOf(C), 'j')
    expect(document.activeElement).toBe(rowOf(E))
    key(rowOf(E), 'ArrowDown')
    expect(document.activeElement).toBe(rowOf(A))
    key(rowOf(A), 'k')
    expect(document.activeElement).toBe(rowOf(E))
    key(rowOf(E), 'ArrowUp')
    expect(document.activeElement).toBe(rowOf(C))
    key(rowOf(C), 'k')
    expect(document.activeElement).toBe(rowOf(C))
    key(rowOf(C), 'End')
    expect(document.activeElement).toBe(rowOf(B))
    // The focused row is the list's one Tab stop.
    expect(rows().map((row) => row.tabIndex)).toEqual([-1, -1, -1, -1, 0])
    key(rowOf(B), 'Home')
    expect(document.activeElement).toBe(rowOf(C))
  })

  it('moves from a button inside a row to the next row', async () => {
    await mount()
    const star = byRole(rowOf(A), 'button', 'Star')
    star.focus()
    key(star, 'j')
    expect(document.activeElement).toBe(rowOf(D))
  })

  it('x checks and unchecks the focused row', async () => {
    await mount()
    rowOf(E).focus()
    key(rowOf(E), 'x')
    expect(selectionCount()).toBe('1 selected')
    expect((rowOf(E).querySelector('.row-check') as HTMLInputElement).checked).toBe(true)
    key(rowOf(E), ' ')
    expect(selectionCount()).toBe('None selected')
    expect((rowOf(E).querySelector('.row-check') as HTMLInputElement).checked).toBe(false)
  })

  it('s stars and r marks read the focused row', async () => {
    await mount()
    rowOf(E).focus()
    key(rowOf(E), 's')
    await flush()
    expect((await stored()).get(KEY.E)!.marks.starred.value).toBe(true)
    expect(byRole(rowOf(E), 'button', 'Star').getAttribute('aria-pressed')).toBe('true')
    key(rowOf(A), 's')
    await flush()
    expect((await stored()).get(KEY.A)!.marks.starred.value).toBe(false)
    key(rowOf(D), 'r')
    await flush()
    expect((await stored()).get(KEY.D)!.marks.read.value).toBe(true)
  })

  it('keys typed in the search field are not shortcuts; / goes to the search field', async () => {
    await mount()
    key(document.body, '/')
    expect(document.activeElement).toBe(searchBox())
    key(searchBox(), 'j')
    expect(document.activeElement).toBe(searchBox())
  })

  it('e opens the editor on the focused row', async () => {
    await mount()
    rowOf(D).focus()
    key(rowOf(D), 'e')
    const dialog = document.querySelector<HTMLDialogElement>('dialog.paper-editor')!
    expect(dialog.open).toBe(true)
    expect(accessibleName(dialog)).toBe(`Edit “${D}”`)
    expect([...dialog.querySelectorAll('.tag-chip > span')].map((chip) => chip.textContent)).toEqual(['vision'])
    byRole(dialog, 'button', 'Cancel').click()
    expect(dialog.open).toBe(false)
    expect(document.activeElement).toBe(rowOf(D))
  })
})

describe('library: editing a paper', () => {
  it('the row’s Edit opens the editor; saving its tags and note updates the store and the row', async () => {
    await mount()
    byRole(rowOf(D), 'button', 'Edit').click()
    const dialog = document.querySelector<HTMLDialogElement>('dialog.paper-editor')!
    expect(dialog.open).toBe(true)
    const tagField = dialog.querySelector<HTMLInputElement>('.editor-input')!
    // The shelf's tags are suggested, in its spelling.
    tagField.value = 'nlp'
    key(tagField, 'Enter')
    tagField.value = 'diffusion'
    key(tagField, 'Enter')
    dialog.querySelector<HTMLTextAreaElement>('.editor-note')!.value = 'Classifier guidance.'
    byRole(dialog, 'button', 'Save').click()
    await flush()
    expect(dialog.open).toBe(false)
    const paper = (await stored()).get(KEY.D)!
    expect(presentTags(paper.marks.tags.value)).toEqual(['diffusion', 'NLP', 'vision'])
    expect(paper.marks.note.value).toBe('Classifier guidance.')
    expect([...rowOf(D).querySelectorAll('.row-tags .tag-chip')].map((chip) => chip.textContent)).toEqual(['diffusion', 'NLP', 'vision'])
    expect(tagButton('NLP').textContent).toBe('NLP 4')
    type(searchBox(), 'guidance')
    expect(titles()).toEqual([D])
  })
})

describe('library: importing references', () => {
  /** Picks a file in the hidden file input, as the browser does after "Import references…". */
  function pick(file: File): void {
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!
    Object.defineProperty(input, 'files', { configurable: true, get: () => [file] })
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }

  it('the button opens the file picker', async () => {
    await mount()
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!
    const click = vi.spyOn(input, 'click').mockImplementation(() => {})
    byRole(root, 'button', 'Import references…').click()
    expect(click).toHaveBeenCalledTimes(1)
  })

  it('imports the picked file, reports it, and lists its papers', async () => {
    await mount()
    const bib = '@misc{k, title={Deep Residual Learning}, author={He, Kaiming}, eprint={1512.03385}, archivePrefix={arXiv}, year={2015}}\n'
    pick(new File([bib], 'refs.bib'))
    await vi.waitFor(() => expect(status()).toMatch(/^Imported/))
    expect(status()).toBe('Imported 1 paper from refs.bib (BibTeX): 1 new, 0 already on your shelf.')
    await flush()
    expect(titles()).toContain('Deep Residual Learning')
    expect(count()).toBe('6 papers')
    expect((await stored()).get('arxiv:1512.03385')!.marks.starred.value).toBe(true)
  })

  it('shows why a file was refused', async () => {
    await mount()
    pick(new File([new Uint8Array([0x40, 0x6d, 0x69, 0x73, 0x63, 0x7b, 0xfc, 0x7d])], 'latin1.bib'))
    await vi.waitFor(() => expect(alertText()).not.toBe(''))
    expect(alertText()).toBe(
      'Nothing was imported: This file is not UTF-8 text. Export it again as UTF-8 (every reference manager offers it) and import that file.',
    )
    expect(await stored()).toHaveProperty('size', 5)
  })
})

describe('library: a large shelf', () => {
  it('renders only the rows near the viewport, and counts all 10,000 papers', async () => {
    const papers = Array.from({ length: 10_000 }, (_, index) =>
      storedPaper(`2401.${String(index).padStart(5, '0')}`, { title: `Paper ${index}`, addedAt: T0 + index }, { starred: true }),
    )
    await mount(papers)
    expect(count()).toBe('10000 papers')
    expect(tabCounts()).toEqual({ Starred: '10000', Unread: '10000', Read: '0', All: '10000' })
    expect(rows().length).toBeGreaterThan(0)
    expect(rows().length).toBeLessThan(60)
    expect(titles()[0]).toBe('Paper 9999')
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('10000')
    // A page is the rows the viewport shows, less one: 640 px of 64 px rows.
    key(rows()[0]!, 'PageDown')
    expect(document.activeElement?.querySelector('.row-title')?.textContent).toBe('Paper 9990')
    key(document.activeElement!, 'PageUp')
    expect(document.activeElement?.querySelector('.row-title')?.textContent).toBe('Paper 9999')
    key(document.activeElement!, 'End')
    expect(document.activeElement?.querySelector('.row-title')?.textContent).toBe('Paper 0')
    expect(rows().length).toBeLessThan(60)
  }, 60_000)
})

describe('library: a long shelf', () => {
  it('shows the papers added last before the whole shelf has arrived, and waits for it to count', async () => {
    // The whole shelf never arrives: what shows is what the first, short request brought.
    background.failNext('list', 'The shelf could not be read.')
    await mount()
    expect(background.requestsOf('listRecent')).toEqual([{ type: 'listRecent', limit: 100, order: 'added' }])
    expect(titles()).toEqual([C, E, A, D, B])
    expect(root.querySelector('.library-count')?.textContent).toBe('Loading every paper…')
    expect(byRole(root, 'tab', 'All').querySelector('.tab-count')?.textContent).toBe('')
    expect((byRole(toolbar(), 'checkbox', 'Select all shown papers') as HTMLInputElement).disabled).toBe(true)
    expect(root.querySelector('.library-error')?.textContent).toBe("Couldn't load your shelf: The shelf could not be read.")
  })
})

describe('library: renders that keep what the reader is using', () => {
  it('keeps the tag filter buttons across a change elsewhere, so a click or the focus is not lost', async () => {
    await mount()
    const nlp = root.querySelector<HTMLButtonElement>('.tag-filter [data-tag="NLP"]')!
    await client.toggle(KEY.E, 'starred')
    await flush()
    expect(root.querySelector('.tag-filter [data-tag="NLP"]')).toBe(nlp)
    nlp.click()
    await flush()
    expect(nlp.getAttribute('aria-pressed')).toBe('true')
    expect(titles()).toEqual([C, A, B])
  })
})
