// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Flags, Paper, PaperKey } from '../../../src/core/paper'
import { withFlags } from '../../../src/core/shelf'
import type { PapersChanged } from '../../../src/platform/protocol'
import { mountReadingList, type ReadingList, type ShelfBackend } from '../../../src/popup/reading-list-view'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key, type } from './dom-helpers'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 3, 1)

/** A mixed shelf. Starred: d, a, b. Unread: d, a. Read: b, c. All: b, d, a, c. `e` is not on the shelf. */
function shelf(): Paper[] {
  return [
    storedPaper('1706.03762', {
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
      published: '2017-06-12',
      starred: 1,
      starredChangedAt: T0 + 3 * DAY,
    }),
    storedPaper('0701.00001', {
      title: 'Kernel Methods in Machine Learning',
      authors: ['Bernhard Schölkopf', 'Alexander J. Smola'],
      starred: 1,
      read: 1,
      addedAt: new Date(2024, 3, 23, 12).getTime(),
      starredChangedAt: T0 + 1 * DAY,
      readChangedAt: T0 + 5 * DAY,
    }),
    storedPaper('2106.09685', {
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      authors: ['Edward J. Hu'],
      read: 1,
      readChangedAt: T0 + 2 * DAY,
    }),
    {
      ...storedPaper('x'),
      key: 'doi:10.5555/beat-gans',
      arxivId: undefined,
      title: 'Diffusion Models Beat GANs on Image Synthesis',
      authors: ['Prafulla Dhariwal', 'Alex Nichol'],
      links: { huggingface: 'https://huggingface.co/papers/beat-gans' },
      starred: 1,
      starredChangedAt: T0 + 4 * DAY,
    },
    storedPaper('2401.00001', { title: 'Not On The Shelf', starred: 0, read: 0 }),
  ]
}

const A = 'Attention Is All You Need'
const B = 'Kernel Methods in Machine Learning'
const C = 'LoRA: Low-Rank Adaptation of Large Language Models'
const D = 'Diffusion Models Beat GANs on Image Synthesis'

interface Deferred<T> {
  promise: Promise<T>
  resolve: (value: T) => void
  reject: (error: unknown) => void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/** An in-memory background: `list` answers the shelf, `setFlags` applies the change, listeners get pushes. */
function fakeBackend(initial: Paper[] = shelf()) {
  const db = new Map(initial.map((paper) => [paper.key, paper]))
  const listeners = new Set<(change: PapersChanged) => void>()
  let clock = T0 + 100 * DAY
  const backend = {
    list: vi.fn(async (): Promise<Paper[]> => [...db.values()]),
    setFlags: vi.fn(async (key: PaperKey, changes: Partial<Flags>): Promise<Paper> => {
      const paper = db.get(key)
      if (!paper) throw new Error(`unknown ${key}`)
      const next = withFlags(paper, changes, ++clock)
      db.set(key, next)
      return next
    }),
    onPapersChanged: vi.fn((listener: (change: PapersChanged) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    importBackup: vi.fn(async (_text: string) => ({ added: 0, updated: 0, unchanged: 0 })),
  } satisfies ShelfBackend
  return {
    backend,
    db,
    listeners,
    push(papers: Paper[]) {
      for (const paper of papers) db.set(paper.key, paper)
      for (const listener of listeners) listener({ type: 'papersChanged', papers })
    },
  }
}

let root: HTMLElement
let view: ReadingList | undefined
const files = { save: vi.fn(), copy: vi.fn(async () => {}) }

beforeEach(() => {
  root = document.createElement('div')
  document.body.replaceChildren(root)
})

afterEach(() => {
  view?.destroy()
  view = undefined
})

async function mount(backend: ShelfBackend): Promise<ReadingList> {
  view = mountReadingList(root, backend, files)
  await view.loaded
  await flush()
  return view
}

const tab = (name: string) => byRole(root, 'tab', name)
const panel = () => byRole(root, 'tabpanel')
const titles = () => allByRole(panel(), 'listitem').map((item) => item.querySelector('.paper-title')?.textContent)
const rowOf = (title: string) => {
  const row = allByRole(panel(), 'listitem').find((item) => item.querySelector('.paper-title')?.textContent === title)
  if (!row) throw new Error(`no row for ${title}`)
  return row
}
const toggle = (title: string, name: 'Star' | 'Read') => byRole(rowOf(title), 'button', name)
const status = () => root.querySelector('[role="status"]:not(.export-status)')?.textContent
const searchBox = () => byRole(root, 'searchbox', 'Search') as HTMLInputElement

describe('popup: loading and states', () => {
  it('shows Loading… until the shelf arrives, then the list', async () => {
    const { backend } = fakeBackend()
    const list = deferred<Paper[]>()
    backend.list.mockReturnValueOnce(list.promise)
    view = mountReadingList(root, backend, files)
    expect(panel().textContent).toContain('Loading…')
    expect(panel().getAttribute('aria-busy')).toBe('true')
    list.resolve(shelf())
    await view.loaded
    expect(panel().textContent).not.toContain('Loading…')
    expect(panel().hasAttribute('aria-busy')).toBe(false)
    expect(titles()).toEqual([D, A, B])
  })

  it('shows the error with a Retry button that loads again', async () => {
    const { backend } = fakeBackend()
    backend.list.mockRejectedValueOnce(new Error('Paper Shelf did not answer.'))
    await mount(backend)
    const error = byRole(panel(), 'alert')
    expect(error.textContent).toContain("Couldn't load your shelf")
    expect(error.textContent).toContain('Paper Shelf did not answer.')
    expect(allByRole(root, 'listitem')).toHaveLength(0)
    byRole(panel(), 'button', 'Retry').click()
    await view!.loaded
    expect(backend.list).toHaveBeenCalledTimes(2)
    expect(allByRole(root, 'alert').filter((el) => el.textContent)).toHaveLength(0)
    expect(titles()).toEqual([D, A, B])
  })

  it('explains an empty shelf and links to Hugging Face Papers', async () => {
    await mount(fakeBackend([]).backend)
    expect(panel().textContent).toContain(
      'Your shelf is empty. Open Hugging Face Papers and press Star or Read on any paper.',
    )
    expect(byRole(panel(), 'link', 'Hugging Face Papers').getAttribute('href')).toBe('https://huggingface.co/papers')
    expect(allByRole(root, 'listitem')).toHaveLength(0)
  })

  it('says when a filter is empty', async () => {
    const papers = shelf().map((paper) => ({ ...paper, read: 0 as const }))
    await mount(fakeBackend(papers).backend)
    tab('Read').click()
    expect(panel().textContent).toContain('No read papers.')
    expect(panel().textContent).not.toContain('Your shelf is empty')
    expect(allByRole(panel(), 'listitem')).toHaveLength(0)
  })

  it('says when nothing matches the search', async () => {
    await mount(fakeBackend().backend)
    type(searchBox(), 'quantum gravity')
    expect(allByRole(panel(), 'listitem')).toHaveLength(0)
    expect(panel().textContent).toContain('No papers match “quantum gravity”.')
  })
})

describe('popup: header and filter tabs', () => {
  it('has the header, a tablist of exactly Starred, Unread, Read, All with Starred selected', async () => {
    await mount(fakeBackend().backend)
    expect(root.querySelector('h1')?.textContent).toBe('Paper Shelf')
    const tablist = byRole(root, 'tablist', 'Filter papers')
    const tabs = allByRole(tablist, 'tab')
    expect(tabs.map(accessibleName)).toEqual(['Starred', 'Unread', 'Read', 'All'])
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false'])
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1'])
    expect(panel().getAttribute('aria-labelledby')).toBe(tab('Starred').id)
  })

  it('shows each count visibly but outside the accessible name', async () => {
    await mount(fakeBackend().backend)
    const counts = ['Starred', 'Unread', 'Read', 'All'].map((name) => {
      const count = tab(name).querySelector('.tab-count')
      expect(count?.getAttribute('aria-hidden')).toBe('true')
      return count?.textContent
    })
    expect(counts).toEqual(['3', '2', '2', '4'])
    expect(tab('Starred').textContent).toContain('3')
  })

  it.each([
    ['Starred', [D, A, B], '3 starred papers'],
    ['Unread', [D, A], '2 unread papers'],
    ['Read', [B, C], '2 read papers'],
    ['All', [B, D, A, C], '4 papers'],
  ])('the %s tab shows its papers newest first and announces the count', async (name, expected, sentence) => {
    await mount(fakeBackend().backend)
    tab(name).click()
    expect(tab(name).getAttribute('aria-selected')).toBe('true')
    expect(allByRole(root, 'tab').filter((t) => t.getAttribute('aria-selected') === 'true')).toHaveLength(1)
    expect(panel().getAttribute('aria-labelledby')).toBe(tab(name).id)
    expect(titles()).toEqual(expected)
    expect(status()).toBe(sentence)
  })

  it('moves between tabs with the arrow keys, Home and End (roving tabindex, selection follows)', async () => {
    await mount(fakeBackend().backend)
    tab('Starred').focus()
    expect(key(tab('Starred'), 'ArrowRight').defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(tab('Unread'))
    expect(tab('Unread').getAttribute('aria-selected')).toBe('true')
    expect(tab('Unread').getAttribute('tabindex')).toBe('0')
    expect(tab('Starred').getAttribute('tabindex')).toBe('-1')
    expect(titles()).toEqual([D, A])

    key(tab('Unread'), 'End')
    expect(document.activeElement).toBe(tab('All'))
    expect(titles()).toEqual([B, D, A, C])
    key(tab('All'), 'ArrowRight')
    expect(document.activeElement).toBe(tab('Starred'))
    key(tab('Starred'), 'ArrowLeft')
    expect(document.activeElement).toBe(tab('All'))
    key(tab('All'), 'Home')
    expect(document.activeElement).toBe(tab('Starred'))
    expect(tab('Starred').getAttribute('aria-selected')).toBe('true')
    expect(titles()).toEqual([D, A, B])
  })
})

describe('popup: search', () => {
  it('is a search box named Search with a placeholder', async () => {
    await mount(fakeBackend().backend)
    const input = searchBox()
    expect(input.type).toBe('search')
    expect(input.placeholder).toBe('Search titles and authors')
  })

  it('filters by title and author as you type, ignoring case and accents', async () => {
    await mount(fakeBackend().backend)
    type(searchBox(), 'ATTENTION')
    expect(titles()).toEqual([A])
    type(searchBox(), 'scholkopf')
    expect(titles()).toEqual([B])
    expect(status()).toBe('1 starred paper matches “scholkopf”')
    type(searchBox(), 'models')
    expect(titles()).toEqual([D])
    tab('All').click()
    expect(titles()).toEqual([D, C])
  })

  it('clears with Escape', async () => {
    await mount(fakeBackend().backend)
    const input = searchBox()
    type(input, 'attention')
    expect(titles()).toEqual([A])
    expect(key(input, 'Escape').defaultPrevented).toBe(true)
    expect(input.value).toBe('')
    expect(titles()).toEqual([D, A, B])
  })

  it('is focused by / unless the user is typing in a field', async () => {
    await mount(fakeBackend().backend)
    tab('Read').focus()
    expect(key(tab('Read'), '/').defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(searchBox())
    // Typing "/" inside the search box types it.
    expect(key(searchBox(), '/').defaultPrevented).toBe(false)
  })
})

describe('popup: paper rows', () => {
  it('links the title to the arXiv abstract, in a new tab, as text with dir=auto', async () => {
    await mount(fakeBackend().backend)
    const link = byRole(rowOf(A), 'link', A)
    expect(link.textContent).toBe(A)
    expect(link.getAttribute('href')).toBe('https://arxiv.org/abs/1706.03762')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.getAttribute('dir')).toBe('auto')
    // The title is the only link with the title as its text.
    expect(allByRole(root, 'link', A)).toHaveLength(1)
  })

  it('falls back to the first page the paper was seen on when there is no arXiv id', async () => {
    await mount(fakeBackend().backend)
    expect(byRole(rowOf(D), 'link', D).getAttribute('href')).toBe('https://huggingface.co/papers/beat-gans')
    expect(allByRole(rowOf(D), 'link', 'PDF')).toHaveLength(0)
  })

  it('links to each place the paper was seen', async () => {
    const papers = shelf().map((paper) =>
      paper.title === C
        ? { ...paper, links: { arxiv: 'https://arxiv.org/abs/2106.09685', huggingface: 'https://huggingface.co/papers/2106.09685' } }
        : paper,
    )
    await mount(fakeBackend(papers).backend)
    tab('Read').click()
    const c = rowOf(C)
    expect(allByRole(c, 'link').map((link) => link.textContent)).toEqual([C, 'PDF', 'arXiv', 'Hugging Face'])
    expect(byRole(c, 'link', 'arXiv').getAttribute('href')).toBe('https://arxiv.org/abs/2106.09685')
    expect(allByRole(rowOf(B), 'link', 'arXiv')).toHaveLength(0)
  })

  it('shows authors (three, then et al.), the date, PDF and Hugging Face links', async () => {
    await mount(fakeBackend().backend)
    const a = rowOf(A)
    expect(a.querySelector('.paper-authors')?.textContent).toBe('Ashish Vaswani, Noam Shazeer, Niki Parmar et al.')
    expect(a.textContent).toContain('12 Jun 2017')
    expect(byRole(a, 'link', 'PDF').getAttribute('href')).toBe('https://arxiv.org/pdf/1706.03762')
    expect(byRole(a, 'link', 'Hugging Face').getAttribute('href')).toBe('https://huggingface.co/papers/1706.03762')
    for (const link of allByRole(a, 'link')) expect(link.getAttribute('rel')).toBe('noopener noreferrer')

    const b = rowOf(B)
    expect(b.querySelector('.paper-authors')?.textContent).toBe('Bernhard Schölkopf, Alexander J. Smola')
    expect(b.textContent).toContain('Added 23 Apr 2024')
  })

  it('has Star and Read toggles whose pressed state matches the paper', async () => {
    await mount(fakeBackend().backend)
    tab('All').click()
    const pressed = (title: string, name: 'Star' | 'Read') => toggle(title, name).getAttribute('aria-pressed')
    expect([pressed(A, 'Star'), pressed(A, 'Read')]).toEqual(['true', 'false'])
    expect([pressed(B, 'Star'), pressed(B, 'Read')]).toEqual(['true', 'true'])
    expect([pressed(C, 'Star'), pressed(C, 'Read')]).toEqual(['false', 'true'])
    expect(allByRole(root, 'button', 'Star')).toHaveLength(4)
    expect(allByRole(root, 'button', 'Read')).toHaveLength(4)
  })

  it('renders a hostile title as text: no element is created from it', async () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1"><b>bold</b>'
    const rtl = 'نموذج لغوي كبير \u202Egnp.exe'
    const huge = 'Long'.repeat(2600)
    const papers = [
      storedPaper('2401.00002', { title: hostile, authors: ['<script>x</script>'], starred: 1, starredChangedAt: 3 }),
      storedPaper('2401.00003', { title: rtl, starred: 1, starredChangedAt: 2 }),
      storedPaper('2401.00004', { title: huge, starred: 1, starredChangedAt: 1 }),
    ]
    await mount(fakeBackend(papers).backend)
    expect(root.querySelector('img, b, script')).toBeNull()
    expect(titles()).toEqual([hostile, rtl, huge])
    expect(rowOf(hostile).querySelector('.paper-authors')?.textContent).toBe('<script>x</script>')
    expect(byRole(rowOf(rtl), 'link', rtl).getAttribute('dir')).toBe('auto')
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined()
  })
})

describe('popup: toggles', () => {
  it('paints at once, calls setFlags, and keeps an unstarred paper visible until the view changes', async () => {
    const { backend } = fakeBackend()
    const saved = deferred<Paper>()
    const original = backend.setFlags.getMockImplementation()!
    backend.setFlags.mockImplementationOnce(async (key, changes) => {
      const paper = await original(key, changes)
      return saved.promise.then(() => paper)
    })
    await mount(backend)

    toggle(A, 'Star').click()
    expect(backend.setFlags).toHaveBeenCalledWith('arxiv:1706.03762', { starred: false })
    // Optimistic: painted before the background answered.
    expect(toggle(A, 'Star').getAttribute('aria-pressed')).toBe('false')
    expect(tab('Starred').querySelector('.tab-count')?.textContent).toBe('2')
    expect(titles()).toEqual([D, A, B])

    saved.resolve(undefined as unknown as Paper)
    await flush()
    expect(toggle(A, 'Star').getAttribute('aria-pressed')).toBe('false')
    expect(titles()).toEqual([D, A, B])
    expect(status()).toBe('2 starred papers')

    // Undo right there.
    toggle(A, 'Star').click()
    await flush()
    expect(backend.setFlags).toHaveBeenLastCalledWith('arxiv:1706.03762', { starred: true })
    expect(toggle(A, 'Star').getAttribute('aria-pressed')).toBe('true')
    expect(titles()).toEqual([D, A, B])

    toggle(A, 'Star').click()
    await flush()
    tab('Unread').click()
    tab('Starred').click()
    expect(titles()).toEqual([D, B])
  })

  it('marks as read, moving the paper out of Unread only when the filter changes', async () => {
    const { backend } = fakeBackend()
    await mount(backend)
    tab('Unread').click()
    toggle(D, 'Read').click()
    await flush()
    expect(backend.setFlags).toHaveBeenCalledWith('doi:10.5555/beat-gans', { read: true })
    expect(toggle(D, 'Read').getAttribute('aria-pressed')).toBe('true')
    expect(titles()).toEqual([D, A])
    expect(tab('Unread').querySelector('.tab-count')?.textContent).toBe('1')
    expect(tab('Read').querySelector('.tab-count')?.textContent).toBe('3')
    type(searchBox(), 'a')
    expect(titles()).toEqual([A])
  })

  it('reverts and shows an alert when saving fails', async () => {
    const { backend } = fakeBackend()
    backend.setFlags.mockRejectedValueOnce(new Error('Database is closed'))
    await mount(backend)
    toggle(B, 'Read').click()
    expect(toggle(B, 'Read').getAttribute('aria-pressed')).toBe('false')
    await flush()
    expect(toggle(B, 'Read').getAttribute('aria-pressed')).toBe('true')
    expect(tab('Read').querySelector('.tab-count')?.textContent).toBe('2')
    const alert = allByRole(root, 'alert').find((el) => el.textContent)
    expect(alert?.textContent).toBe(`Couldn't mark as unread “${B}”. Database is closed`)

    // The next successful action clears it.
    toggle(B, 'Read').click()
    await flush()
    expect(allByRole(root, 'alert').filter((el) => el.textContent)).toHaveLength(0)
    expect(toggle(B, 'Read').getAttribute('aria-pressed')).toBe('false')
  })

  it('keeps focus on the toggle that was pressed', async () => {
    await mount(fakeBackend().backend)
    toggle(A, 'Star').focus()
    toggle(A, 'Star').click()
    await flush()
    expect(document.activeElement).toBe(toggle(A, 'Star'))
  })
})

describe('popup: live updates', () => {
  it('merges pushed papers: new ones appear, changed ones repaint, unflagged ones leave', async () => {
    const fake = fakeBackend()
    await mount(fake.backend)
    const newest = storedPaper('2405.00001', {
      title: 'A Newly Starred Paper',
      starred: 1,
      starredChangedAt: T0 + 50 * DAY,
    })
    fake.push([newest])
    expect(titles()).toEqual(['A Newly Starred Paper', D, A, B])
    expect(tab('Starred').querySelector('.tab-count')?.textContent).toBe('4')
    expect(status()).toBe('4 starred papers')

    const a = fake.db.get('arxiv:1706.03762')!
    fake.push([{ ...a, title: 'Attention Is All You Need (v7)', read: 1, readChangedAt: T0 + 51 * DAY }])
    expect(titles()).toEqual(['A Newly Starred Paper', D, 'Attention Is All You Need (v7)', B])
    expect(toggle('Attention Is All You Need (v7)', 'Read').getAttribute('aria-pressed')).toBe('true')
    // Unread was D, A; the new paper joined it and A left it.
    expect(tab('Unread').querySelector('.tab-count')?.textContent).toBe('2')

    const b = fake.db.get('arxiv:0701.00001')!
    fake.push([{ ...b, starred: 0, starredChangedAt: T0 + 52 * DAY }])
    expect(titles()).toEqual(['A Newly Starred Paper', D, 'Attention Is All You Need (v7)'])
  })

  it('keeps focus on the same control and the scroll position', async () => {
    const fake = fakeBackend()
    await mount(fake.backend)
    toggle(B, 'Read').focus()
    panel().scrollTop = 40
    expect(panel().scrollTop).toBe(40)
    // B is starred again elsewhere, so its row moves to the top (a DOM move drops focus in browsers).
    const b = fake.db.get('arxiv:0701.00001')!
    fake.push([
      { ...b, starredChangedAt: T0 + 60 * DAY },
      storedPaper('2405.00002', { title: 'Pushed', starred: 1, starredChangedAt: T0 + 59 * DAY }),
    ])
    expect(titles()).toEqual([B, 'Pushed', D, A])
    expect(document.activeElement).toBe(toggle(B, 'Read'))
    expect(panel().scrollTop).toBe(40)
  })

  it('applies changes pushed while the list is loading', async () => {
    const fake = fakeBackend()
    const list = deferred<Paper[]>()
    fake.backend.list.mockReturnValueOnce(list.promise)
    view = mountReadingList(root, fake.backend, files)
    const before = shelf()
    const a = before.find((paper) => paper.key === 'arxiv:1706.03762')!
    fake.push([{ ...a, starred: 0, starredChangedAt: T0 + 70 * DAY }])
    list.resolve(before)
    await view.loaded
    expect(titles()).toEqual([D, B])
  })

  it('stops listening when destroyed', async () => {
    const fake = fakeBackend()
    await mount(fake.backend)
    expect(fake.listeners.size).toBe(1)
    view!.destroy()
    view = undefined
    expect(fake.listeners.size).toBe(0)
    expect(root.children).toHaveLength(0)
  })
})
