// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { Paper, PaperKey } from '../../../src/core/paper'
import { askFirstPage, ROWS_PER_PAGE } from '../../../src/popup/first-page'
import { mountReadingList, type ReadingList } from '../../../src/popup/reading-list-view'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key, type } from './dom-helpers'
import { openReadingList } from './open-reading-list'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 3, 1)

const KEY_A = 'arxiv:1706.03762'
const KEY_B = 'arxiv:math/0701907'
const KEY_C = 'arxiv:2106.09685'
const KEY_D = 'doi:10.5555/beat-gans'
const KEY_E = 'arxiv:2401.00001'

/** A mixed shelf. Starred: d, a, b. Unread: d, a. Read: b, c. All: b, d, a, c. `e` is stored but not on the shelf. */
function shelf(): Paper[] {
  return [
    storedPaper(
      '1706.03762',
      {
        title: 'Attention Is All You Need',
        authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
        published: '2017-06-12',
      },
      { starred: { value: true, at: T0 + 3 * DAY } },
    ),
    storedPaper(
      'math/0701907',
      {
        title: 'Kernel Methods in Machine Learning',
        authors: ['Bernhard Schölkopf', 'Alexander J. Smola'],
        addedAt: new Date(2024, 3, 23, 12).getTime(),
      },
      { starred: { value: true, at: T0 + 1 * DAY }, read: { value: true, at: T0 + 5 * DAY } },
    ),
    storedPaper(
      '2106.09685',
      { title: 'LoRA: Low-Rank Adaptation of Large Language Models', authors: ['Edward J. Hu'] },
      { read: { value: true, at: T0 + 2 * DAY } },
    ),
    storedPaper(
      'x',
      {
        key: KEY_D,
        arxivId: undefined,
        title: 'Diffusion Models Beat GANs on Image Synthesis',
        authors: ['Prafulla Dhariwal', 'Alex Nichol'],
        links: { huggingface: 'https://huggingface.co/papers/beat-gans' },
      },
      { starred: { value: true, at: T0 + 4 * DAY } },
    ),
    storedPaper('2401.00001', { title: 'Not On The Shelf' }),
  ]
}

const A = 'Attention Is All You Need'
const B = 'Kernel Methods in Machine Learning'
const C = 'LoRA: Low-Rank Adaptation of Large Language Models'
const D = 'Diffusion Models Beat GANs on Image Synthesis'
const E = 'Not On The Shelf'

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined
const files = { save: vi.fn(), copy: vi.fn(async () => {}) }

beforeEach(() => {
  background = new InMemoryBackground()
  // Changes made in these tests are stamped after every time in the shelf, as a real clock would.
  background.now = T0 + 100 * DAY
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  vi.restoreAllMocks()
  await background.close()
})

async function mount(papers: Paper[] = shelf()): Promise<ReadingList> {
  view = await openReadingList(root, background, papers, { shelf: client, files })
  return view
}

/** Writes papers as another tab (or a backup import there) would: stored, then pushed to every page. */
async function changedElsewhere(papers: Paper[]): Promise<void> {
  const { changed } = await background.store.importPapers(papers)
  background.push(changed)
  await flush()
}

async function stored(key: PaperKey): Promise<Paper['marks'] | undefined> {
  return (await background.store.lookup([key])).found[0]?.marks
}

async function storedPaperOf(key: PaperKey): Promise<Paper> {
  const paper = (await papersOnShelf(background.store)).find((candidate) => candidate.key === key)
  if (!paper) throw new Error(`${key} is not on the shelf`)
  return paper
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
    await background.seed(shelf())
    const release = background.pause()
    view = mountReadingList(root, { shelf: client, settings: background.settingsClient(), importBackup: background.importBackup }, files)
    await flush()
    expect(background.requestsOf('listRecent')).toEqual([{ type: 'listRecent', limit: ROWS_PER_PAGE, order: 'starred' }])
    expect(panel().textContent).toContain('Loading…')
    expect(panel().getAttribute('aria-busy')).toBe('true')
    expect(allByRole(root, 'listitem')).toHaveLength(0)
    release()
    await view.loaded
    expect(background.requestsOf('list')).toHaveLength(1)
    expect(panel().textContent).not.toContain('Loading…')
    expect(panel().hasAttribute('aria-busy')).toBe(false)
    expect(titles()).toEqual([D, A, B])
  })

  it('shows the top of the Starred tab before the whole shelf arrives; counts, More and exports wait for it', async () => {
    const many = Array.from({ length: ROWS_PER_PAGE + 20 }, (_, i) =>
      storedPaper(`2402.${String(i).padStart(5, '0')}`, { title: `Starred ${i}` }, { starred: { value: true, at: T0 + i } }),
    )
    await background.seed([...shelf(), ...many])
    const release = background.pause('list')
    view = mountReadingList(root, { shelf: client, settings: background.settingsClient(), importBackup: background.importBackup }, files)
    await vi.waitFor(() => expect(allByRole(root, 'listitem')).toHaveLength(ROWS_PER_PAGE))
    expect(titles().slice(0, 2)).toEqual([D, A])
    expect(panel().hasAttribute('aria-busy')).toBe(false)
    const starredCount = () => tab('Starred').querySelector('.tab-count')
    expect(starredCount()?.hasAttribute('hidden')).toBe(true)
    expect(allByRole(root, 'button', /^Show \d+ more/)).toHaveLength(0)
    expect(status()).toBe('')

    byRole(root, 'button', 'Export').click()
    byRole(root, 'button', 'JSON backup').click()
    await flush()
    expect(files.save).not.toHaveBeenCalled()

    release()
    await view.loaded
    await vi.waitFor(() => expect(files.save).toHaveBeenCalledTimes(1))
    const backup = JSON.parse(files.save.mock.calls[0]![2] as string) as { papers: unknown[] }
    // Every paper known, the one without a mark too.
    expect(backup.papers).toHaveLength(shelf().length + many.length)
    expect(starredCount()?.textContent).toBe(String(3 + many.length))
    expect(allByRole(root, 'listitem')).toHaveLength(ROWS_PER_PAGE)
    expect(allByRole(root, 'button', 'Show 23 more (23 not shown)')).toHaveLength(1)
  })

  it('shows a first page asked for before it was mounted, without asking again; Retry asks anew', async () => {
    await background.seed(shelf())
    const firstPage = askFirstPage(client)
    view = mountReadingList(
      root,
      { shelf: client, settings: background.settingsClient(), importBackup: background.importBackup, firstPage },
      files,
    )
    await view.loaded
    expect(titles()).toEqual([D, A, B])
    expect(background.requestsOf('listRecent')).toEqual([{ type: 'listRecent', limit: ROWS_PER_PAGE, order: 'starred' }])

    await view.reload()
    expect(background.requestsOf('listRecent')).toHaveLength(2)
  })

  it('shows the error with a Retry button that loads again', async () => {
    background.failNext('list', 'Paper Shelf did not answer.')
    await mount()
    const error = byRole(panel(), 'alert')
    expect(error.textContent).toContain("Couldn't load your shelf")
    expect(error.textContent).toContain('Paper Shelf did not answer.')
    expect(allByRole(root, 'listitem')).toHaveLength(0)
    byRole(panel(), 'button', 'Retry').click()
    await view!.loaded
    expect(background.requestsOf('list')).toHaveLength(2)
    expect(allByRole(root, 'alert').filter((el) => el.textContent)).toHaveLength(0)
    expect(titles()).toEqual([D, A, B])
  })

  it('explains an empty shelf and links to Hugging Face Papers', async () => {
    // Only a paper without marks is stored: it is not on the shelf.
    await mount(shelf().filter((paper) => paper.key === KEY_E))
    expect(panel().textContent).toContain('Your shelf is empty. Open Hugging Face Papers or a listing on arXiv, ')
    expect(panel().textContent).toContain(' and press Star or Read on any paper. Then press / here to search your shelf.')
    expect(byRole(panel(), 'link', 'Hugging Face Papers').getAttribute('href')).toBe('https://huggingface.co/papers')
    expect(allByRole(root, 'listitem')).toHaveLength(0)
  })

  it('says when a filter is empty', async () => {
    const papers = shelf().map((paper) => ({ ...paper, marks: { ...paper.marks, read: { value: false, at: 0 } } }))
    await mount(papers)
    expect(titles()).toEqual([D, A, B])
    tab('Read').click()
    expect(panel().textContent).toContain('No read papers.')
    expect(panel().textContent).not.toContain('Your shelf is empty')
    expect(allByRole(panel(), 'listitem')).toHaveLength(0)
  })

  it('says when nothing matches the search', async () => {
    await mount()
    type(searchBox(), 'quantum gravity')
    expect(allByRole(panel(), 'listitem')).toHaveLength(0)
    expect(panel().textContent).toContain('No papers match “quantum gravity”.')
  })
})

describe('popup: header and filter tabs', () => {
  it('has the header, a tablist of exactly Starred, Unread, Read, All with Starred selected', async () => {
    await mount()
    expect(root.querySelector('h1')?.textContent).toBe('Paper Shelf')
    const tablist = byRole(root, 'tablist', 'Filter papers')
    const tabs = allByRole(tablist, 'tab')
    expect(tabs.map(accessibleName)).toEqual(['Starred', 'Unread', 'Read', 'All'])
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false', 'false'])
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1', '-1', '-1'])
    expect(panel().getAttribute('aria-labelledby')).toBe(tab('Starred').id)
  })

  it('shows each count visibly but outside the accessible name', async () => {
    await mount()
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
    await mount()
    tab(name).click()
    expect(tab(name).getAttribute('aria-selected')).toBe('true')
    expect(allByRole(root, 'tab').filter((t) => t.getAttribute('aria-selected') === 'true')).toHaveLength(1)
    expect(panel().getAttribute('aria-labelledby')).toBe(tab(name).id)
    expect(titles()).toEqual(expected)
    expect(status()).toBe(sentence)
  })

  it('moves between tabs with the arrow keys, Home and End (roving tabindex, selection follows)', async () => {
    await mount()
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
  it('shows titles and names with TeX accents decoded and math kept, and finds them by their plain spelling', async () => {
    const tex = storedPaper(
      '2402.00001',
      { title: 'Na\\"ive bounds for $\\ell_2$ in Poincar\\\'e balls', authors: ['Bernhard Sch\\"olkopf'] },
      { starred: { value: true, at: T0 + 6 * DAY } },
    )
    await mount([...shelf(), tex])
    const shown = 'Naïve bounds for $\\ell_2$ in Poincaré balls'
    expect(titles()[0]).toBe(shown)
    expect(rowOf(shown).querySelector('.paper-authors')?.textContent).toBe('Bernhard Schölkopf')
    type(searchBox(), 'naive poincare')
    await flush()
    expect(titles()).toEqual([shown])
    type(searchBox(), 'naïve')
    await flush()
    expect(titles()).toEqual([shown])
  })

  it('is a search box named Search with a placeholder', async () => {
    await mount()
    const input = searchBox()
    expect(input.type).toBe('search')
    expect(input.placeholder).toBe('Search titles, authors, tags and notes')
  })

  it('filters by title and author as you type, ignoring case and accents', async () => {
    await mount()
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
    await mount()
    const input = searchBox()
    type(input, 'attention')
    expect(titles()).toEqual([A])
    expect(key(input, 'Escape').defaultPrevented).toBe(true)
    expect(input.value).toBe('')
    expect(titles()).toEqual([D, A, B])
  })

  it('is focused by / unless the user is typing in a field', async () => {
    await mount()
    tab('Read').focus()
    expect(key(tab('Read'), '/').defaultPrevented).toBe(true)
    expect(document.activeElement).toBe(searchBox())
    // Typing "/" inside the search box types it.
    expect(key(searchBox(), '/').defaultPrevented).toBe(false)
  })
})

describe('popup: paper rows', () => {
  it('links the title to the arXiv abstract, in a new tab, as text with dir=auto', async () => {
    await mount()
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
    await mount()
    expect(byRole(rowOf(D), 'link', D).getAttribute('href')).toBe('https://huggingface.co/papers/beat-gans')
    expect(allByRole(rowOf(D), 'link', 'PDF')).toHaveLength(0)
  })

  it('links to each place the paper was seen', async () => {
    const papers = shelf().map((paper) =>
      paper.key === KEY_C
        ? { ...paper, links: { arxiv: 'https://arxiv.org/abs/2106.09685', huggingface: 'https://huggingface.co/papers/2106.09685' } }
        : paper,
    )
    await mount(papers)
    tab('Read').click()
    const c = rowOf(C)
    expect(allByRole(c, 'link').map((link) => link.textContent)).toEqual([C, 'PDF', 'arXiv', 'Hugging Face'])
    expect(byRole(c, 'link', 'arXiv').getAttribute('href')).toBe('https://arxiv.org/abs/2106.09685')
    expect(allByRole(rowOf(B), 'link', 'arXiv')).toHaveLength(0)
  })

  it("puts a place the paper is seen on later among the others, in the sites' order", async () => {
    const withLinks = (links: Paper['links']) => shelf().map((paper) => (paper.key === KEY_C ? { ...paper, links } : paper))
    await mount(withLinks({ huggingface: 'https://huggingface.co/papers/2106.09685' }))
    tab('Read').click()
    expect(allByRole(rowOf(C), 'link').map((link) => link.textContent)).toEqual([C, 'PDF', 'Hugging Face'])

    const both = withLinks({ arxiv: 'https://arxiv.org/abs/2106.09685', huggingface: 'https://huggingface.co/papers/2106.09685' })
    await changedElsewhere(both.filter((paper) => paper.key === KEY_C))
    expect(allByRole(rowOf(C), 'link').map((link) => link.textContent)).toEqual([C, 'PDF', 'arXiv', 'Hugging Face'])
  })

  it('shows authors (three, then et al.), the date, PDF and Hugging Face links', async () => {
    await mount()
    const a = rowOf(A)
    expect(a.querySelector('.paper-authors')?.textContent).toBe('Ashish Vaswani, Noam Shazeer, Niki Parmar et al.')
    expect(a.textContent).toContain('12 Jun 2017')
    expect(byRole(a, 'link', 'PDF').getAttribute('href')).toBe('https://arxiv.org/pdf/1706.03762')
    expect(byRole(a, 'link', 'Hugging Face').getAttribute('href')).toBe('https://huggingface.co/papers/1706.03762')
    for (const link of allByRole(a, 'link')) expect(link.getAttribute('rel')).toBe('noopener noreferrer')

    const b = rowOf(B)
    expect(b.querySelector('.paper-authors')?.textContent).toBe('Bernhard Schölkopf, Alexander J. Smola')
    expect(b.textContent).toContain('Jan 2007')
  })

  it('has Star and Read toggles whose pressed state matches the paper', async () => {
    await mount()
    tab('All').click()
    const pressed = (title: string, name: 'Star' | 'Read') => toggle(title, name).getAttribute('aria-pressed')
    expect([pressed(A, 'Star'), pressed(A, 'Read')]).toEqual(['true', 'false'])
    expect([pressed(B, 'Star'), pressed(B, 'Read')]).toEqual(['true', 'true'])
    expect([pressed(C, 'Star'), pressed(C, 'Read')]).toEqual(['false', 'true'])
    expect(allByRole(root, 'button', 'Star')).toHaveLength(4)
    expect(allByRole(root, 'button', 'Read')).toHaveLength(4)
    // E is stored, without marks: it is not on the shelf and has no row.
    expect((await background.store.lookup([KEY_E])).found).toHaveLength(1)
    expect(allByRole(root, 'link', E)).toHaveLength(0)
  })

  it('renders a hostile title as text: no element is created from it', async () => {
    const hostile = '<img src=x onerror="globalThis.pwned=1"><b>bold</b>'
    const rtl = 'نموذج لغوي كبير \u202Egnp.exe'
    const huge = 'Long'.repeat(2600)
    const papers = [
      storedPaper('2401.00002', { title: hostile, authors: ['<script>x</script>'] }, { starred: { value: true, at: 3 } }),
      storedPaper('2401.00003', { title: rtl }, { starred: { value: true, at: 2 } }),
      storedPaper('2401.00004', { title: huge }, { starred: { value: true, at: 1 } }),
    ]
    await mount(papers)
    expect(root.querySelector('img, b, script')).toBeNull()
    expect(titles()).toEqual([hostile, rtl, huge])
    expect(rowOf(hostile).querySelector('.paper-authors')?.textContent).toBe('<script>x</script>')
    expect(byRole(rowOf(rtl), 'link', rtl).getAttribute('dir')).toBe('auto')
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined()
  })
})

describe('popup: toggles', () => {
  it('paints at once, saves the change, and keeps an unstarred paper visible until the view changes', async () => {
    await mount()
    const release = background.pause()

    toggle(A, 'Star').click()
    expect(background.requestsOf('setMarks')).toEqual([{ type: 'setMarks', key: KEY_A, changes: { starred: false } }])
    // Optimistic: painted before the background answered.
    expect(toggle(A, 'Star').getAttribute('aria-pressed')).toBe('false')
    expect(tab('Starred').querySelector('.tab-count')?.textContent).toBe('2')
    expect(titles()).toEqual([D, A, B])
    await flush()
    expect((await stored(KEY_A))?.starred).toEqual({ value: true, at: T0 + 3 * DAY })

    release()
    await flush()
    expect((await stored(KEY_A))?.starred.value).toBe(false)
    expect(toggle(A, 'Star').getAttribute('aria-pressed')).toBe('false')
    expect(titles()).toEqual([D, A, B])
    expect(status()).toBe('2 starred papers')

    // Undo right there.
    toggle(A, 'Star').click()
    await flush()
    expect(background.requestsOf('setMarks').at(-1)).toEqual({ type: 'setMarks', key: KEY_A, changes: { starred: true } })
    expect((await stored(KEY_A))?.starred.value).toBe(true)
    expect(toggle(A, 'Star').getAttribute('aria-pressed')).toBe('true')
    expect(titles()).toEqual([D, A, B])

    toggle(A, 'Star').click()
    await flush()
    expect(background.requestsOf('setMarks')).toHaveLength(3)
    expect((await stored(KEY_A))?.starred.value).toBe(false)
    tab('Unread').click()
    tab('Starred').click()
    expect(titles()).toEqual([D, B])
  })

  it('marks as read, moving the paper out of Unread only when the filter changes', async () => {
    await mount()
    tab('Unread').click()
    toggle(D, 'Read').click()
    await flush()
    expect(background.requestsOf('setMarks')).toEqual([{ type: 'setMarks', key: KEY_D, changes: { read: true } }])
    expect((await stored(KEY_D))?.read.value).toBe(true)
    expect(toggle(D, 'Read').getAttribute('aria-pressed')).toBe('true')
    expect(titles()).toEqual([D, A])
    expect(tab('Unread').querySelector('.tab-count')?.textContent).toBe('1')
    expect(tab('Read').querySelector('.tab-count')?.textContent).toBe('3')
    type(searchBox(), 'a')
    expect(titles()).toEqual([A])
  })

  it('reverts and shows an alert when saving fails', async () => {
    background.refuseNext('setMarks', 'Database is closed')
    await mount()
    toggle(B, 'Read').click()
    expect(toggle(B, 'Read').getAttribute('aria-pressed')).toBe('false')
    await flush()
    expect(toggle(B, 'Read').getAttribute('aria-pressed')).toBe('true')
    expect(tab('Read').querySelector('.tab-count')?.textContent).toBe('2')
    const alert = allByRole(root, 'alert').find((el) => el.textContent)
    expect(alert?.textContent).toBe(`Couldn't mark as unread “${B}”. Database is closed`)
    expect((await stored(KEY_B))?.read).toEqual({ value: true, at: T0 + 5 * DAY })

    // The next successful action clears it.
    toggle(B, 'Read').click()
    await flush()
    expect(background.requestsOf('setMarks')).toEqual([
      { type: 'setMarks', key: KEY_B, changes: { read: false } },
      { type: 'setMarks', key: KEY_B, changes: { read: false } },
    ])
    expect((await stored(KEY_B))?.read.value).toBe(false)
    expect(allByRole(root, 'alert').filter((el) => el.textContent)).toHaveLength(0)
    expect(toggle(B, 'Read').getAttribute('aria-pressed')).toBe('false')
  })

  it('keeps focus on the toggle that was pressed', async () => {
    await mount()
    toggle(A, 'Star').focus()
    toggle(A, 'Star').click()
    await flush()
    expect((await stored(KEY_A))?.starred.value).toBe(false)
    expect(document.activeElement).toBe(toggle(A, 'Star'))
  })
})

describe('popup: live updates', () => {
  it('merges pushed papers: new ones appear, changed ones repaint, unmarked ones leave', async () => {
    await mount()
    const newest = storedPaper('2405.00001', { title: 'A Newly Starred Paper' }, { starred: { value: true, at: T0 + 50 * DAY } })
    await changedElsewhere([newest])
    expect(titles()).toEqual(['A Newly Starred Paper', D, A, B])
    expect(tab('Starred').querySelector('.tab-count')?.textContent).toBe('4')
    expect(status()).toBe('4 starred papers')

    // A's details and marks change elsewhere (pages only fill in missing details; a backup replaces them).
    const a = await storedPaperOf(KEY_A)
    await changedElsewhere([
      {
        ...a,
        title: 'Attention Is All You Need (v7)',
        metadataChangedAt: T0 + 51 * DAY,
        marks: { ...a.marks, read: { value: true, at: T0 + 51 * DAY } },
      },
    ])
    expect((await storedPaperOf(KEY_A)).title).toBe('Attention Is All You Need (v7)')
    expect(titles()).toEqual(['A Newly Starred Paper', D, 'Attention Is All You Need (v7)', B])
    expect(toggle('Attention Is All You Need (v7)', 'Read').getAttribute('aria-pressed')).toBe('true')
    // Unread was D, A; the new paper joined it and A left it.
    expect(tab('Unread').querySelector('.tab-count')?.textContent).toBe('2')

    // Another tab unstars B.
    background.now = T0 + 52 * DAY
    await background.client().set(KEY_B, { starred: false })
    await flush()
    expect(titles()).toEqual(['A Newly Starred Paper', D, 'Attention Is All You Need (v7)'])
    // The popup itself wrote nothing.
    expect(background.requestsOf('setMarks')).toHaveLength(1)
  })

  it('keeps focus on the same control and the scroll position', async () => {
    await mount()
    toggle(B, 'Read').focus()
    panel().scrollTop = 40
    expect(panel().scrollTop).toBe(40)
    // B is starred again elsewhere, so its row moves to the top (a DOM move drops focus in browsers).
    const b = await storedPaperOf(KEY_B)
    await changedElsewhere([
      { ...b, marks: { ...b.marks, starred: { value: true, at: T0 + 60 * DAY } } },
      storedPaper('2405.00002', { title: 'Pushed' }, { starred: { value: true, at: T0 + 59 * DAY } }),
    ])
    expect(titles()).toEqual([B, 'Pushed', D, A])
    expect(document.activeElement).toBe(toggle(B, 'Read'))
    expect(panel().scrollTop).toBe(40)
  })

  it('applies changes pushed while the list is loading', async () => {
    await background.seed(shelf())
    // The list is read from the store, then its reply is held while A is unstarred elsewhere and pushed:
    // the reply that arrives last is the older one.
    const original = background.store.page.bind(background.store)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let read = false
    const listed = vi.spyOn(background.store, 'page').mockImplementationOnce(async (after, limit) => {
      const page = await original(after, limit)
      read = true
      await held
      return page
    })
    view = mountReadingList(root, { shelf: client, settings: background.settingsClient(), importBackup: background.importBackup }, files)
    await vi.waitFor(() => expect(read).toBe(true))
    const a = await storedPaperOf(KEY_A)
    await changedElsewhere([{ ...a, marks: { ...a.marks, starred: { value: false, at: T0 + 70 * DAY } } }])
    expect((await stored(KEY_A))?.starred.value).toBe(false)
    release()
    await view.loaded
    // The list's reply still had A starred; the newer pushed change wins.
    const reply = ((await listed.mock.results[0]?.value) as { papers: Paper[] }).papers
    expect(reply.find((paper) => paper.key === KEY_A)?.marks.starred.value).toBe(true)
    expect(titles()).toEqual([D, B])
  })

  it('stops listening when destroyed', async () => {
    let listening = 0
    const subscribe = background.transport.subscribe
    vi.spyOn(background.transport, 'subscribe').mockImplementation((listener) => {
      listening += 1
      const unsubscribe = subscribe(listener)
      return () => {
        listening -= 1
        unsubscribe()
      }
    })
    await mount()
    expect(listening).toBe(1)
    view!.destroy()
    view = undefined
    expect(listening).toBe(0)
    expect(root.children).toHaveLength(0)

    // A change made elsewhere no longer reaches the popup's client.
    await background.client().set(KEY_A, { read: true })
    await flush()
    expect(background.pushes).toHaveLength(1)
    expect(client.paper(KEY_A)?.marks.read.value).toBe(false)
    expect(root.children).toHaveLength(0)
  })
})
