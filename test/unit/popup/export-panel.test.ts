// @vitest-environment happy-dom
import { parse as parseCsv } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import { toJsonBackup } from '../../../src/core/backup/backup'
import { LIMITS } from '../../../src/core/limits'
// Loaded here once, so the panel's dynamic import of it resolves within a few turns.
import '../../../src/core/export/renderers'
import type { Paper, PaperKey } from '../../../src/core/paper'
import type { FileActions } from '../../../src/popup/export-panel'
import type { ReadingList } from '../../../src/popup/reading-list-view'
import { InMemoryBackground } from '../../support/in-memory-background'
import { marks, storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key, type } from './dom-helpers'
import { openReadingList } from './open-reading-list'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 3, 1)
const NOW = new Date(2026, 10, 22)

const A = 'Attention Is All You Need'
const B = 'Kernel Methods in Machine Learning'
const C = 'Low Rank Adaptation of Language Models'
const D = 'Diffusion Models for Image Synthesis'
const E = 'Never Starred Nor Read'
const TITLES = [A, B, C, D, E]

const KEY_A = 'arxiv:1706.03762'
const KEY_B = 'arxiv:math/0701907'
const KEY_C = 'arxiv:2106.09685'

/**
 * A mixed shelf. Starred: A, B (2). Read: B, C, D (3). All: A, B, C, D (4).
 * E is stored but neither starred nor read, so it is not on the shelf.
 * The titles need no BibTeX brace protection, so every format carries them verbatim.
 */
function shelf(): Paper[] {
  return [
    storedPaper(
      '1706.03762',
      { title: A, authors: ['Ashish Vaswani', 'Noam Shazeer'], published: '2017-06-12' },
      { starred: { value: true, at: T0 + 3 * DAY } },
    ),
    storedPaper(
      'math/0701907',
      { title: B, authors: ['Bernhard Schölkopf', 'Alexander J. Smola'] },
      { starred: { value: true, at: T0 + 1 * DAY }, read: { value: true, at: T0 + 5 * DAY } },
    ),
    storedPaper('2106.09685', { title: C, authors: ['Edward J. Hu'] }, { read: { value: true, at: T0 + 2 * DAY } }),
    storedPaper('2105.05233', { title: D, authors: ['Prafulla Dhariwal', 'Alex Nichol'] }, { read: { value: true, at: T0 + 4 * DAY } }),
    storedPaper('2401.00001', { title: E }),
  ]
}

/** The shelf with no paper starred (A, starred only, leaves the shelf). */
const unstarred = () => shelf().map((paper) => ({ ...paper, marks: { ...paper.marks, starred: { value: false, at: 0 } } }))

/** How long a repeated message stays blank (the panel's REPEAT_DELAY_MS). */
const REPEAT_DELAY = 100

let background: InMemoryBackground
let client: ShelfClient
let root: HTMLElement
let view: ReadingList | undefined
let files: { save: ReturnType<typeof vi.fn<FileActions['save']>>; copy: ReturnType<typeof vi.fn<FileActions['copy']>> }

beforeEach(() => {
  // Only the panel's timers are faked; fake-indexeddb works on setImmediate, which stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  background = new InMemoryBackground()
  background.now = T0 + 100 * DAY
  client = background.client({ keepPapers: true })
  root = document.createElement('div')
  document.body.replaceChildren(root)
  files = { save: vi.fn<FileActions['save']>(), copy: vi.fn<FileActions['copy']>(async () => {}) }
})

afterEach(async () => {
  view?.destroy()
  view = undefined
  vi.useRealTimers()
  await background.close()
})

async function mount(papers: Paper[] = shelf()): Promise<ReadingList> {
  view = await openReadingList(root, background, papers, { shelf: client, files, now: () => NOW })
  return view
}

const exportButton = () => byRole(root, 'button', 'Export')
/** The panel the Export button controls, found through its aria-controls. */
const exportPanel = () => {
  const id = exportButton().getAttribute('aria-controls')
  const panel = id ? document.getElementById(id) : null
  if (!panel) throw new Error('the Export button controls no element')
  return panel
}
async function openExport(papers?: Paper[]): Promise<HTMLElement> {
  await mount(papers)
  exportButton().click()
  return exportPanel()
}
const formatButton = (name: string) => byRole(exportPanel(), 'button', name)
/** Clicks a format and lets the export run: the panel loads the exporters on first use. */
async function exportAs(name: string): Promise<void> {
  formatButton(name).click()
  await flush(5)
}
const exportStatus = () => byRole(exportPanel(), 'status').textContent
const exportAlert = () => byRole(exportPanel(), 'alert').textContent
const tab = (name: string) => byRole(root, 'tab', name)
const searchBox = () => byRole(root, 'searchbox', 'Search') as HTMLInputElement
const importInput = () => {
  const input = exportPanel().querySelector<HTMLInputElement>('input[type="file"]')
  if (!input) throw new Error('no file input')
  return input
}
/** The scope radio whose label's text matches, and the label's text. */
const scopeLabels = () => Array.from(exportPanel().querySelectorAll('fieldset label'), (label) => label.textContent)
const scopeRadio = (text: RegExp) => {
  const label = Array.from(exportPanel().querySelectorAll('fieldset label')).find((l) => text.test(l.textContent ?? ''))
  const radio = label?.querySelector<HTMLInputElement>('input[type="radio"]')
  if (!radio) throw new Error(`no scope radio labelled ${String(text)}`)
  return radio
}
function choose(radio: HTMLInputElement): void {
  radio.click()
  expect(radio.checked).toBe(true)
}

/** Waits until a repeated status or alert, blanked so that it is announced again, is shown. */
const repeatShown = () => vi.advanceTimersByTimeAsync(REPEAT_DELAY)

/** The last saved file. */
function saved(): { fileName: string; mimeType: string; text: string } {
  const call = files.save.mock.lastCall
  if (!call) throw new Error('nothing was saved')
  const [fileName, mimeType, text] = call
  return { fileName, mimeType, text }
}

/** How many records a file of each format holds. */
const RECORDS: Record<string, (text: string) => number> = {
  BibTeX: (text) => text.match(/^@\w+\{/gm)?.length ?? 0,
  RIS: (text) => text.match(/^TY {2}- /gm)?.length ?? 0,
  'CSL-JSON': (text) => (JSON.parse(text) as unknown[]).length,
  CSV: (text) => (parseCsv(text, { bom: true, columns: true }) as unknown[]).length,
  Markdown: (text) => text.match(/^- \[/gm)?.length ?? 0,
  'JSON backup': (text) => (JSON.parse(text) as { papers: unknown[] }).papers.length,
}

/** Asserts the text holds exactly these papers: each title once, no other title, as many records as papers. */
function expectExactly(format: string, text: string, titles: string[]): void {
  for (const title of TITLES) {
    expect(text.split(title).length - 1, `${format}: “${title}”`).toBe(titles.includes(title) ? 1 : 0)
  }
  expect(RECORDS[format]!(text), `${format}: record count`).toBe(titles.length)
}

describe('export: the Export button and its panel', () => {
  it('is a header button named exactly Export that discloses the panel', async () => {
    await mount()
    const button = exportButton()
    expect(accessibleName(button)).toBe('Export')
    expect(root.querySelector('header')?.contains(button)).toBe(true)
    expect(button.getAttribute('aria-expanded')).toBe('false')
    const panel = exportPanel()
    expect(panel.hidden).toBe(true)
    expect(allByRole(root, 'button', 'BibTeX')).toHaveLength(0)
    // The panel sits above the search box.
    expect(panel.compareDocumentPosition(searchBox()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    button.click()
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(panel.hidden).toBe(false)
    expect(allByRole(root, 'button', 'BibTeX')).toHaveLength(1)

    button.click()
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(panel.hidden).toBe(true)
  })

  it('closes with Escape from inside the panel and gives focus back to the button', async () => {
    await openExport()
    const ris = formatButton('RIS')
    ris.focus()
    expect(key(ris, 'Escape').defaultPrevented).toBe(true)
    expect(exportPanel().hidden).toBe(true)
    expect(exportButton().getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(exportButton())
    // Other keys do nothing.
    exportButton().click()
    expect(key(formatButton('RIS'), 'a').defaultPrevented).toBe(false)
    expect(exportPanel().hidden).toBe(false)
  })

  it('offers exactly the six formats and biblatex, in order, and Copy BibTeX', async () => {
    const panel = await openExport()
    const formats = byRole(panel, 'group', 'Formats')
    expect(allByRole(formats, 'button').map(accessibleName)).toEqual([
      'BibTeX',
      'biblatex (UTF-8)',
      'RIS',
      'CSL-JSON',
      'CSV',
      'Markdown',
      'JSON backup',
    ])
    expect(allByRole(panel, 'button', 'Copy BibTeX')).toHaveLength(1)
    // The backup button says what it holds.
    const hintId = formatButton('JSON backup').getAttribute('aria-describedby')
    expect(document.getElementById(hintId ?? '')?.textContent).toMatch(/whole shelf/)
  })

  it('has a file input labelled Import backup that accepts JSON', async () => {
    await openExport()
    const input = importInput()
    expect(accessibleName(input)).toBe('Import backup')
    expect(input.accept).toContain('.json')
  })
})

describe('export: downloads', () => {
  it.each([
    ['BibTeX', 'paper-shelf-starred-2026-11-22.bib', /bibtex/],
    ['RIS', 'paper-shelf-starred-2026-11-22.ris', /^application\/x-research-info-systems/],
    ['CSL-JSON', 'paper-shelf-starred-2026-11-22.csl.json', /json/],
    ['CSV', 'paper-shelf-starred-2026-11-22.csv', /^text\/csv/],
    ['Markdown', 'paper-shelf-starred-2026-11-22.md', /^text\/markdown/],
  ])('%s saves %s with exactly the starred papers by default', async (name, fileName, mimeType) => {
    await openExport()
    expect(scopeRadio(/^Starred/).checked).toBe(true)
    await exportAs(name)
    expect(files.save).toHaveBeenCalledTimes(1)
    const file = saved()
    expect(file.fileName).toBe(fileName)
    expect(file.mimeType).toMatch(mimeType)
    expectExactly(name, file.text, [A, B])
    expect(exportStatus()).toBe(`Saved ${fileName} (2 papers).`)
    expect(exportAlert()).toBe('')
  })

  it('exports exactly the papers of the current view and search when “This view” is chosen', async () => {
    await openExport()
    tab('Read').click()
    type(searchBox(), 'models')
    // Read: B, C, D; "models" leaves C and D.
    const viewRadio = scopeRadio(/^This view/)
    expect(viewRadio.closest('label')?.textContent).toBe('This view: Read matching “models” (2)')
    choose(viewRadio)
    for (const name of ['BibTeX', 'RIS', 'CSL-JSON', 'CSV', 'Markdown']) {
      await exportAs(name)
      expect(saved().fileName).toMatch(/^paper-shelf-read-2026-11-22\./)
      expectExactly(name, saved().text, [C, D])
    }
    expect(exportStatus()).toBe('Saved paper-shelf-read-2026-11-22.md (2 papers).')

    // Back to Starred: the starred papers again, whatever the view shows.
    choose(scopeRadio(/^Starred/))
    await exportAs('CSV')
    expect(saved().fileName).toBe('paper-shelf-starred-2026-11-22.csv')
    expectExactly('CSV', saved().text, [A, B])
  })

  it('follows the view when it changes after “This view” was chosen', async () => {
    await openExport()
    choose(scopeRadio(/^This view/))
    await exportAs('Markdown')
    expect(saved().fileName).toBe('paper-shelf-starred-2026-11-22.md')
    expectExactly('Markdown', saved().text, [A, B])
    tab('All').click()
    await exportAs('Markdown')
    expect(saved().fileName).toBe('paper-shelf-all-2026-11-22.md')
    expectExactly('Markdown', saved().text, [A, B, C, D])
    expect(exportStatus()).toBe('Saved paper-shelf-all-2026-11-22.md (4 papers).')
  })

  it('saves the whole shelf as the JSON backup, whatever the scope', async () => {
    await openExport()
    await exportAs('JSON backup')
    const first = saved()
    expect(first.fileName).toBe('paper-shelf-all-2026-11-22.backup.json')
    expect(first.mimeType).toMatch(/^application\/json/)
    // E, known with no mark, comes along with its marks' times: restoring the backup cannot bring back a mark cleared since.
    expectExactly('JSON backup', first.text, [A, B, C, D, E])
    const backup = JSON.parse(first.text) as { format: string; exportedAt: string; papers: Paper[] }
    expect(backup.format).toBe('paper-shelf-backup')
    expect(backup.exportedAt).toBe(NOW.toISOString())
    // States come along: B is both starred and read.
    const b = backup.papers.find((paper) => paper.title === B)
    expect(b?.marks).toEqual(marks({ starred: { value: true, at: T0 + 1 * DAY }, read: { value: true, at: T0 + 5 * DAY } }))
    expect(backup.papers.find((paper) => paper.title === E)?.marks).toEqual(shelf().find((paper) => paper.title === E)!.marks)
    expect(exportStatus()).toBe('Saved paper-shelf-all-2026-11-22.backup.json (4 papers, and 1 you took off your shelf).')

    // A narrow view and a search change nothing.
    tab('Unread').click()
    type(searchBox(), 'attention')
    choose(scopeRadio(/^This view/))
    await exportAs('JSON backup')
    expect(files.save).toHaveBeenCalledTimes(2)
    expect(saved().fileName).toBe('paper-shelf-all-2026-11-22.backup.json')
    expectExactly('JSON backup', saved().text, [A, B, C, D, E])
  })

  it('says there is nothing to export and saves nothing when the chosen papers are none', async () => {
    await openExport(unstarred())
    expect(scopeLabels()).toEqual(['Starred (0)', 'This view: Starred (0)'])
    for (const name of ['BibTeX', 'RIS', 'CSL-JSON', 'CSV', 'Markdown']) {
      await exportAs(name)
      await repeatShown()
      expect(exportAlert()).toBe('Nothing to export: no papers match this choice.')
      expect(exportStatus()).toBe('')
    }
    expect(files.save).not.toHaveBeenCalled()

    // The backup still has the read papers, and the others with their marks cleared; a success clears the alert.
    await exportAs('JSON backup')
    expect(files.save).toHaveBeenCalledTimes(1)
    expectExactly('JSON backup', saved().text, [A, B, C, D, E])
    expect(exportAlert()).toBe('')
    expect(exportStatus()).toBe('Saved paper-shelf-all-2026-11-22.backup.json (3 papers, and 2 you took off your shelf).')
  })

  it('says a repeated message again, so screen readers announce it: blank for a moment, then shown', async () => {
    await openExport()
    await exportAs('BibTeX')
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.bib (2 papers).')
    await exportAs('BibTeX')
    expect(files.save).toHaveBeenCalledTimes(2)
    expect(exportStatus()).toBe('')
    await vi.advanceTimersByTimeAsync(REPEAT_DELAY - 1)
    expect(exportStatus()).toBe('')
    await vi.advanceTimersByTimeAsync(1)
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.bib (2 papers).')

    // A different message in between cancels the pending repeat.
    await exportAs('BibTeX')
    await exportAs('RIS')
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.ris (2 papers).')
    await repeatShown()
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.ris (2 papers).')
  })

  it('does not save an empty backup of an empty shelf', async () => {
    await openExport([])
    await exportAs('JSON backup')
    expect(files.save).not.toHaveBeenCalled()
    expect(exportAlert()).toBe('Nothing to export: no papers match this choice.')
  })
})

describe('export: Copy BibTeX', () => {
  it('copies BibTeX of the chosen papers', async () => {
    await openExport()
    byRole(exportPanel(), 'button', 'Copy BibTeX').click()
    await flush()
    expect(files.copy).toHaveBeenCalledTimes(1)
    const text = files.copy.mock.lastCall![0]
    expectExactly('BibTeX', text, [A, B])
    expect(text).toMatch(/^@misc\{vaswani2017attention,$/m)
    expect(exportStatus()).toBe('Copied BibTeX for 2 papers.')
    expect(files.save).not.toHaveBeenCalled()

    tab('Read').click()
    choose(scopeRadio(/^This view/))
    byRole(exportPanel(), 'button', 'Copy BibTeX').click()
    await flush()
    expectExactly('BibTeX', files.copy.mock.lastCall![0], [B, C, D])
    expect(exportStatus()).toBe('Copied BibTeX for 3 papers.')
  })

  it('shows an alert when copying fails', async () => {
    files.copy.mockRejectedValueOnce(new Error('Document is not focused.'))
    await openExport()
    byRole(exportPanel(), 'button', 'Copy BibTeX').click()
    await flush()
    expect(files.copy).toHaveBeenCalledTimes(1)
    expect(exportAlert()).toBe('Could not copy to the clipboard: Document is not focused.')
    expect(exportStatus()).toBe('')
  })

  it('copies nothing when no papers are chosen', async () => {
    await openExport(unstarred())
    byRole(exportPanel(), 'button', 'Copy BibTeX').click()
    await flush()
    expect(files.copy).not.toHaveBeenCalled()
    expect(exportAlert()).toBe('Nothing to copy: no papers match this choice.')
  })
})

describe('export: Import backup', () => {
  /**
   * Simulates the browser's file chooser: `files` holds the chosen file until the value is reset
   * to '' (as in browsers), then a `change` event fires.
   */
  function chooseFile(input: HTMLInputElement, file: File): { resets: number } {
    let chosen: File[] = [file]
    const record = { resets: 0 }
    Object.defineProperty(input, 'files', {
      configurable: true,
      get: () => Object.assign([...chosen], { item: (index: number) => chosen[index] ?? null }),
    })
    Object.defineProperty(input, 'value', {
      configurable: true,
      get: () => (chosen[0] ? `C:\\fakepath\\${chosen[0].name}` : ''),
      set: (value: string) => {
        if (value !== '') throw new Error('a file input only takes an empty value')
        chosen = []
        record.resets += 1
      },
    })
    input.dispatchEvent(new Event('change', { bubbles: true }))
    return record
  }

  /**
   * A backup that adds two papers and brings one stored paper up to date (C, starred later),
   * so importing it reports 2 added, 1 updated, 0 unchanged, and importing it again 3 unchanged.
   */
  const backupPapers = () => {
    const c = shelf().find((paper) => paper.key === KEY_C)!
    return [
      storedPaper('2407.00001', { title: 'Imported Starred Paper' }, { starred: { value: true, at: T0 + 10 * DAY } }),
      storedPaper('2407.00002', { title: 'Imported Read Paper' }, { read: { value: true, at: T0 + 11 * DAY } }),
      { ...c, marks: { ...c.marks, starred: { value: true, at: T0 + 12 * DAY } } },
    ]
  }
  const backupText = toJsonBackup(backupPapers(), NOW)
  const backupFile = () => new File([backupText], 'paper-shelf-all-2026-11-22.backup.json', { type: 'application/json' })
  const starredOf = async (key: PaperKey) => (await background.store.lookup([key])).found[0]?.marks.starred.value

  it('passes the chosen file’s text to the background and reports what changed', async () => {
    await openExport()
    const input = importInput()
    const choice = chooseFile(input, backupFile())
    await flush()
    const { papers, ...header } = JSON.parse(backupText) as { papers: unknown[] }
    expect(background.requestsOf('beginImport')).toEqual([{ type: 'beginImport', header, paperCount: 3 }])
    expect(background.requestsOf('addToImport').map((part) => part.papers)).toEqual([papers])
    expect(background.requestsOf('finishImport')).toHaveLength(1)
    expect(exportStatus()).toBe('Backup imported: 2 added, 1 updated, 0 unchanged.')
    expect(exportAlert()).toBe('')
    expect(await starredOf(KEY_C)).toBe(true)
    expect(await starredOf('arxiv:2407.00001')).toBe(true)
    // The imported papers reach the list and the scope labels.
    expect(scopeLabels()).toEqual(['Starred (4)', 'This view: Starred (4)'])
    expect(allByRole(root, 'listitem').map((item) => item.querySelector('.paper-title')?.textContent)).toEqual([
      C,
      'Imported Starred Paper',
      A,
      B,
    ])
    // Reset, so choosing the same file again fires `change` again.
    expect(choice.resets).toBe(1)
    expect(input.value).toBe('')
    expect(input.files).toHaveLength(0)

    chooseFile(input, backupFile())
    await flush()
    expect(background.requestsOf('finishImport')).toHaveLength(2)
    expect(exportStatus()).toBe('Backup imported: 0 added, 0 updated, 3 unchanged.')
  })

  it('refuses a damaged file with an alert, sends nothing and resets the input', async () => {
    const message = 'Nothing was imported. This file is not valid JSON: it may be truncated or damaged.'
    await openExport()
    const input = importInput()
    const choice = chooseFile(input, new File(['{"format":"paper-sh'], 'broken.json', { type: 'application/json' }))
    await flush()
    expect(background.requestsOf('beginImport')).toEqual([])
    expect(exportAlert()).toBe(message)
    expect(exportStatus()).toBe('')
    expect(choice.resets).toBe(1)
    expect(input.value).toBe('')
    // Nothing was written.
    expect(await starredOf(KEY_C)).toBe(false)
    expect((await background.store.lookup(['arxiv:2407.00001'])).found).toEqual([])

    // The same file, chosen again after it was fixed, is imported and the alert goes away.
    chooseFile(input, backupFile())
    await flush()
    expect(background.requestsOf('finishImport')).toHaveLength(1)
    expect(exportAlert()).toBe('')
    expect(exportStatus()).toBe('Backup imported: 2 added, 1 updated, 0 unchanged.')
  })

  it('shows how far a long import got, and keeps the chooser off until it ends', async () => {
    const many = Array.from({ length: 2500 }, (_, n) =>
      storedPaper(`2407.${10_000 + n}`, { title: `Imported Paper ${n}` }, { starred: { value: true, at: T0 + DAY } }),
    )
    await openExport()
    const input = importInput()
    const release = background.pause('finishImport')
    chooseFile(input, new File([toJsonBackup(many, NOW)], 'big.json', { type: 'application/json' }))
    await flush()
    expect(background.requestsOf('addToImport').map((part) => part.papers.length)).toEqual([1000, 1000, 500])
    const bar = byRole(root, 'progressbar', 'Import progress')
    expect(bar.hidden).toBe(false)
    // Every paper checked; the background now compares them with the shelf, for as long as it takes.
    expect(bar.hasAttribute('value')).toBe(false)
    expect(exportStatus()).toBe('Importing big.json: comparing it with your shelf…')
    expect(input.disabled).toBe(true)

    release()
    await vi.waitFor(() => expect(exportStatus()).toMatch(/^Backup imported/), { timeout: 10_000 })
    expect(background.progress.map(({ saved, total }) => [saved, total])).toEqual([
      [2000, 2500],
      [2500, 2500],
    ])
    expect(exportStatus()).toBe('Backup imported: 2500 added, 0 updated, 0 unchanged.')
    expect(bar.hidden).toBe(true)
    expect(input.disabled).toBe(false)
    expect(scopeLabels()[0]).toBe('Starred (2502)')
  })

  it('shows an alert when the background cannot be reached', async () => {
    background.failNext('beginImport', 'Paper Shelf did not answer.')
    await openExport()
    chooseFile(importInput(), backupFile())
    await flush()
    expect(exportAlert()).toBe('Paper Shelf did not answer.')
    expect(exportStatus()).toBe('')
    expect(await starredOf(KEY_C)).toBe(false)
  })

  it('refuses a file too large to be a backup without reading it', async () => {
    await openExport()
    const huge = backupFile()
    const read = vi.spyOn(huge, 'arrayBuffer')
    Object.defineProperty(huge, 'size', { value: LIMITS.backupLength + 1 })
    chooseFile(importInput(), huge)
    await flush()
    expect(background.requestsOf('beginImport')).toHaveLength(0)
    expect(read).not.toHaveBeenCalled()
    expect(exportAlert()).toBe('Nothing was imported. This file is too large to be a Paper Shelf backup.')
  })

  it('refuses a file that is not UTF-8 instead of storing replacement characters', async () => {
    await openExport()
    // A backup saved as Latin-1 by an editor: "Müller" with ü as the single byte 0xFC.
    const text = backupText.replace('"authors":[', '"authors":["M\u00fcller",')
    const latin1 = Uint8Array.from(text, (char) => char.charCodeAt(0))
    expect(latin1).toContain(0xfc)
    const input = importInput()
    const choice = chooseFile(input, new File([latin1], 'latin1.json', { type: 'application/json' }))
    await flush()
    expect(background.requestsOf('beginImport')).toHaveLength(0)
    expect(exportAlert()).toBe(
      'Nothing was imported. This file is not UTF-8 text, as every Paper Shelf backup is: it is not a backup, or it was damaged.',
    )
    expect(choice.resets).toBe(1)
    expect((await background.store.lookup(['arxiv:2407.00001'])).found).toEqual([])
  })

  it('does nothing when the chooser was cancelled', async () => {
    await openExport()
    importInput().dispatchEvent(new Event('change', { bubbles: true }))
    await flush()
    expect(background.requestsOf('beginImport')).toHaveLength(0)
    expect(exportStatus()).toBe('')
    expect(exportAlert()).toBe('')
  })
})

describe('export: scope labels', () => {
  it('show live counts for the starred papers and the current view', async () => {
    await openExport()
    expect(scopeLabels()).toEqual(['Starred (2)', 'This view: Starred (2)'])
    tab('Read').click()
    expect(scopeLabels()).toEqual(['Starred (2)', 'This view: Read (3)'])
    type(searchBox(), 'kernel')
    expect(scopeLabels()).toEqual(['Starred (2)', 'This view: Read matching “kernel” (1)'])
    type(searchBox(), '')

    // C is starred and A is read elsewhere: both counts follow.
    background.now = T0 + 9 * DAY
    const otherTab = background.client()
    await otherTab.set(KEY_C, { starred: true })
    await otherTab.set(KEY_A, { read: true })
    await flush()
    expect(scopeLabels()).toEqual(['Starred (3)', 'This view: Read (4)'])
    await exportAs('CSV')
    expectExactly('CSV', saved().text, [A, B, C])
  })

  it('are up to date when the panel opens after changes made while it was closed', async () => {
    await mount()
    exportButton().click()
    exportButton().click()
    background.now = T0 + 9 * DAY
    background.push([await background.store.setMarks(KEY_B, { starred: false })])
    await flush()
    tab('Unread').click()
    exportButton().click()
    expect(scopeLabels()).toEqual(['Starred (1)', 'This view: Unread (1)'])
  })

  it('name each radio by its label, in a group named Papers to export', async () => {
    await openExport()
    const fieldset = exportPanel().querySelector('fieldset')
    expect(fieldset?.querySelector('legend')?.textContent).toBe('Papers to export')
    const radios = Array.from(fieldset?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])
    expect(radios).toHaveLength(2)
    expect(new Set(radios.map((radio) => radio.name)).size).toBe(1)
    expect(radios.map((radio) => radio.closest('label')?.textContent)).toEqual(['Starred (2)', 'This view: Starred (2)'])
    expect(radios.map((radio) => radio.checked)).toEqual([true, false])
  })
})
