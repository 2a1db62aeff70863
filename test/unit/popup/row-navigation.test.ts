// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { Paper, PaperKey } from '../../../src/core/paper'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { RowNavigation } from '../../../src/popup/row-navigation'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { allByRole, byRole, flush, key, type } from './dom-helpers'
import { openReadingList } from './open-reading-list'

/** Moving between the popup's rows with the keyboard, one row in the Tab order at a time. */

const DAY = 86_400_000
const T0 = Date.UTC(2024, 3, 1)

const KEY_A = 'arxiv:1706.03762'
const KEY_B = 'arxiv:math/0701907'
const KEY_D = 'doi:10.5555/beat-gans'

const A = 'Attention Is All You Need'
const B = 'Kernel Methods in Machine Learning'
const D = 'Diffusion Models Beat GANs on Image Synthesis'

/** Starred, newest first: D (no arXiv id, so no PDF), A, B. */
function shelf(): Paper[] {
  return [
    storedPaper('1706.03762', { title: A, authors: ['Ashish Vaswani'] }, { starred: { value: true, at: T0 + 3 * DAY } }),
    storedPaper('math/0701907', { title: B, authors: ['Bernhard Schölkopf'] }, { starred: { value: true, at: T0 + 1 * DAY } }),
    storedPaper(
      'x',
      {
        key: KEY_D,
        arxivId: undefined,
        title: D,
        authors: ['Prafulla Dhariwal'],
        links: { huggingface: 'https://huggingface.co/papers/beat-gans' },
      },
      { starred: { value: true, at: T0 + 4 * DAY } },
    ),
  ]
}

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined

beforeEach(() => {
  background = new InMemoryBackground()
  background.now = T0 + 100 * DAY
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  await background.close()
})

async function mount(papers: Paper[] = shelf()): Promise<void> {
  view = await openReadingList(root, background, papers, { shelf: client })
}

async function storedMarks(key: PaperKey): Promise<Paper['marks'] | undefined> {
  return (await background.store.lookup([key])).found[0]?.marks
}

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]'

/** What a browser would show and could focus in `scope`, in document order. */
function shownControls(scope: ParentNode): HTMLElement[] {
  return Array.from(scope.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((element) => !element.closest('[hidden]'))
}

/** What Tab visits in `scope`, in order (no positive tabindex is used). */
function tabOrder(scope: ParentNode): HTMLElement[] {
  return shownControls(scope).filter((element) => element.getAttribute('tabindex') !== '-1')
}

const kindOf = (element: Element | null) => element?.getAttribute('data-control')
const tab = (name: string) => byRole(root, 'tab', name)
const panel = () => byRole(root, 'tabpanel')
const searchBox = () => byRole(root, 'searchbox', 'Search') as HTMLInputElement
const titles = () => allByRole(panel(), 'listitem').map((item) => item.querySelector('.paper-title')?.textContent)
const rowOf = (title: string) => byRole(panel(), 'link', title).closest('li') as HTMLElement
const control = (title: string, kind: string) => rowOf(title).querySelector<HTMLElement>(`[data-control="${kind}"]`)!
const focused = () => document.activeElement
const focusedRow = () => (document.activeElement?.closest('li') as HTMLElement | null)?.querySelector('.paper-title')?.textContent

/** The list's part of the Tab order: Tab from the tabs goes through exactly these, then out of the list. */
function listTabOrder(): HTMLElement[] {
  const order = tabOrder(root)
  return order.slice(order.indexOf(tab('Starred')) + 1)
}

describe('popup rows: one row in the Tab order', () => {
  it('puts only the first row’s controls after the tabs, the others out of the Tab order', async () => {
    await mount()
    expect(titles()).toEqual([D, A, B])
    expect(listTabOrder()).toEqual(shownControls(rowOf(D)))
    expect(listTabOrder().map(kindOf)).toEqual(['title', 'huggingface', 'edit', 'citationKey', 'starred', 'read'])
    for (const title of [A, B]) {
      expect(shownControls(rowOf(title)).length).toBeGreaterThan(3)
      expect(tabOrder(rowOf(title))).toEqual([])
    }
  })

  it('names the Star and Read shortcuts on every row’s toggles', async () => {
    await mount()
    for (const title of [D, A, B]) {
      expect(control(title, 'starred').getAttribute('aria-keyshortcuts')).toBe('s')
      expect(control(title, 'read').getAttribute('aria-keyshortcuts')).toBe('r')
    }
  })

  it('makes a row active when it gets focus, as a click gives it', async () => {
    await mount()
    const star = control(B, 'starred')
    star.focus()
    star.click()
    await flush()
    expect(listTabOrder()).toEqual(shownControls(rowOf(B)))
    expect(tabOrder(rowOf(D))).toEqual([])
    key(focused()!, 'ArrowUp')
    expect(focused()).toBe(control(A, 'starred'))
  })

  it('keeps exactly one active row when a search narrows and widens the list', async () => {
    await mount()
    control(B, 'title').focus()
    searchBox().focus()
    type(searchBox(), 'attention')
    expect(titles()).toEqual([A])
    expect(listTabOrder()).toEqual(shownControls(rowOf(A)))

    type(searchBox(), 'kernel')
    expect(titles()).toEqual([B])
    expect(listTabOrder()).toEqual(shownControls(rowOf(B)))

    // B is still in the list, so it stays the active row.
    type(searchBox(), '')
    expect(titles()).toEqual([D, A, B])
    expect(listTabOrder()).toEqual(shownControls(rowOf(B)))
    expect(tabOrder(rowOf(D))).toEqual([])
  })

  it('keeps rows that arrive, and links a row gains, out of the Tab order', async () => {
    await mount()
    const b = (await papersOnShelf(background.store)).find((paper) => paper.key === KEY_B)!
    const { changed } = await background.store.importPapers([
      { ...b, links: { ...b.links, arxiv: 'https://arxiv.org/abs/math/0701907' }, metadataChangedAt: T0 + 60 * DAY },
      storedPaper('2405.00001', { title: 'Newest' }, { starred: { value: true, at: T0 + 50 * DAY } }),
    ])
    background.push(changed)
    await flush()
    expect(titles()).toEqual(['Newest', D, A, B])
    expect(shownControls(rowOf(B)).map(kindOf)).toContain('arxiv')
    expect(listTabOrder()).toEqual(shownControls(rowOf(D)))
  })

  it('keeps another row’s open citation key form out of the Tab order', async () => {
    await mount()
    control(A, 'citationKey').click()
    const input = rowOf(A).querySelector('input')!
    expect(focused()).toBe(input)
    expect(listTabOrder()).toEqual(shownControls(rowOf(A)))
    expect(listTabOrder()).toContain(input)

    control(D, 'title').focus()
    expect(listTabOrder()).toEqual(shownControls(rowOf(D)))
    expect(shownControls(rowOf(A))).toContain(input)
    expect(tabOrder(rowOf(A))).toEqual([])
  })

  it('moves to the first row when the active one leaves the list', async () => {
    await mount()
    control(B, 'read').focus()
    searchBox().focus()
    await background.client().set(KEY_B, { starred: false })
    await flush()
    expect(titles()).toEqual([D, A])
    expect(listTabOrder()).toEqual(shownControls(rowOf(D)))
  })
})

describe('popup rows: moving with the keyboard', () => {
  it('ArrowDown or j and ArrowUp or k move to the same control of the next and previous row, without wrapping', async () => {
    await mount()
    control(D, 'starred').focus()
    expect(key(focused()!, 'ArrowDown').defaultPrevented).toBe(true)
    expect(focused()).toBe(control(A, 'starred'))
    expect(listTabOrder()).toEqual(shownControls(rowOf(A)))
    key(focused()!, 'j')
    expect(focused()).toBe(control(B, 'starred'))
    expect(key(focused()!, 'j').defaultPrevented).toBe(true)
    expect(focused()).toBe(control(B, 'starred'))

    key(focused()!, 'ArrowUp')
    expect(focused()).toBe(control(A, 'starred'))
    key(focused()!, 'k')
    expect(focused()).toBe(control(D, 'starred'))
    key(focused()!, 'ArrowUp')
    expect(focused()).toBe(control(D, 'starred'))
    expect(listTabOrder()).toEqual(shownControls(rowOf(D)))
  })

  it('Home and End move to the first and last row', async () => {
    await mount()
    control(A, 'read').focus()
    expect(key(focused()!, 'End').defaultPrevented).toBe(true)
    expect(focused()).toBe(control(B, 'read'))
    expect(key(focused()!, 'Home').defaultPrevented).toBe(true)
    expect(focused()).toBe(control(D, 'read'))
    expect(listTabOrder()).toEqual(shownControls(rowOf(D)))
  })

  it('lands on the title when the next row does not show that control', async () => {
    await mount()
    control(A, 'pdf').focus()
    key(focused()!, 'ArrowDown')
    expect(focused()).toBe(control(B, 'pdf'))
    key(focused()!, 'ArrowUp')
    key(focused()!, 'ArrowUp')
    // D has no arXiv id and so no PDF.
    expect(focused()).toBe(control(D, 'title'))
    key(focused()!, 'ArrowDown')
    expect(focused()).toBe(control(A, 'title'))
    control(A, 'huggingface').focus()
    key(focused()!, 'Home')
    expect(focused()).toBe(control(D, 'huggingface'))
  })

  it('follows rows added and removed between updates', async () => {
    const list = document.createElement('ul')
    const row = (name: string) => {
      const item = document.createElement('li')
      const link = document.createElement('a')
      link.href = `https://example.org/${name}`
      link.setAttribute('data-control', 'title')
      link.textContent = name
      item.append(link)
      return item
    }
    list.append(row('one'), row('two'))
    document.body.append(list)
    const navigation = new RowNavigation(list)
    const link = (index: number) => list.children[index]!.querySelector('a')!

    list.append(row('three'))
    link(0).focus()
    key(link(0), 'End')
    expect(focused()).toBe(link(2))
    list.children[1]!.remove()
    key(link(1), 'ArrowUp')
    expect(focused()).toBe(link(0))
    navigation.update()
    expect(tabOrder(list)).toEqual([link(0)])

    navigation.destroy()
    expect(key(link(0), 'ArrowDown').defaultPrevented).toBe(false)
    expect(focused()).toBe(link(0))
  })
})

describe('popup rows: Star and Read keys', () => {
  it('s and r toggle the focused row and keep focus where it is', async () => {
    await mount()
    control(A, 'title').focus()
    expect(key(focused()!, 's').defaultPrevented).toBe(true)
    await flush()
    expect(control(A, 'starred').getAttribute('aria-pressed')).toBe('false')
    expect(key(focused()!, 'r').defaultPrevented).toBe(true)
    await flush()
    expect(control(A, 'read').getAttribute('aria-pressed')).toBe('true')
    expect((await storedMarks(KEY_A))?.starred.value).toBe(false)
    expect((await storedMarks(KEY_A))?.read.value).toBe(true)
    expect(background.requestsOf('setMarks')).toEqual([
      { type: 'setMarks', key: KEY_A, changes: { starred: false } },
      { type: 'setMarks', key: KEY_A, changes: { read: true } },
    ])
    expect(focused()).toBe(control(A, 'title'))
    expect(titles()).toEqual([D, A, B])
  })
})

describe('popup rows: keys left alone', () => {
  it.each([{ ctrlKey: true }, { altKey: true }, { metaKey: true }])('with %o held', async (modifier) => {
    await mount()
    control(A, 'title').focus()
    for (const name of ['ArrowDown', 'j', 'Home', 's', 'r']) {
      expect(key(focused()!, name, modifier).defaultPrevented).toBe(false)
    }
    await flush()
    expect(focused()).toBe(control(A, 'title'))
    expect(background.requestsOf('setMarks')).toEqual([])
  })

  it('while typing a citation key', async () => {
    await mount()
    control(A, 'citationKey').click()
    const input = rowOf(A).querySelector('input')!
    expect(focused()).toBe(input)
    for (const name of ['ArrowDown', 'j', 'k', 'End', 's', 'r']) {
      expect(key(input, name).defaultPrevented).toBe(false)
    }
    await flush()
    expect(focused()).toBe(input)
    expect(background.requestsOf('setMarks')).toEqual([])
  })

  it('when something already handled the key', async () => {
    await mount()
    const title = control(A, 'title')
    title.focus()
    title.addEventListener('keydown', (event) => event.preventDefault())
    key(title, 'ArrowDown')
    key(title, 's')
    await flush()
    expect(focused()).toBe(title)
    expect(focusedRow()).toBe(A)
    expect(background.requestsOf('setMarks')).toEqual([])
  })
})

describe('popup rows: other keys', () => {
  it('leaves / to the search box and Tab to the browser', async () => {
    await mount()
    control(A, 'title').focus()
    expect(key(focused()!, 'Tab').defaultPrevented).toBe(false)
    expect(key(focused()!, '/').defaultPrevented).toBe(true)
    expect(focused()).toBe(searchBox())
  })
})
