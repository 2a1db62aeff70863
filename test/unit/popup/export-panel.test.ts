// @vitest-environment happy-dom
import { parse as parseCsv } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Paper } from '../../../src/core/paper'
import type { ImportSummary, PapersChanged } from '../../../src/platform/protocol'
import type { FileActions } from '../../../src/popup/export-panel'
import { mountReadingList, type ReadingList, type ShelfBackend } from '../../../src/popup/reading-list-view'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key, type } from './dom-helpers'

const DAY = 86_400_000
const T0 = Date.UTC(2024, 3, 1)
const NOW = new Date(2026, 10, 22)

const A = 'Attention Is All You Need'
const B = 'Kernel Methods in Machine Learning'
const C = 'Low Rank Adaptation of Language Models'
const D = 'Diffusion Models for Image Synthesis'
const E = 'Never Starred Nor Read'
const TITLES = [A, B, C, D, E]

/**
 * A mixed shelf. Starred: A, B (2). Read: B, C, D (3). All: A, B, C, D (4).
 * E is stored but neither starred nor read, so it is not on the shelf.
 * The titles need no BibTeX brace protection, so every format carries them verbatim.
 */
function shelf(): Paper[] {
  return [
    storedPaper('1706.03762', {
      title: A,
      authors: ['Ashish Vaswani', 'Noam Shazeer'],
      published: '2017-06-12',
      starred: 1,
      starredChangedAt: T0 + 3 * DAY,
    }),
    storedPaper('0701.00001', {
      title: B,
      authors: ['Bernhard Schölkopf', 'Alexander J. Smola'],
      starred: 1,
      read: 1,
      starredChangedAt: T0 + 1 * DAY,
      readChangedAt: T0 + 5 * DAY,
    }),
    storedPaper('2106.09685', { title: C, authors: ['Edward J. Hu'], read: 1, readChangedAt: T0 + 2 * DAY }),
    storedPaper('2105.05233', {
      title: D,
      authors: ['Prafulla Dhariwal', 'Alex Nichol'],
      read: 1,
      readChangedAt: T0 + 4 * DAY,
    }),
    storedPaper('2401.00001', { title: E }),
  ]
}

function fakeBackend(initial: Paper[] = shelf()) {
  const db = new Map(initial.map((paper) => [paper.key, paper]))
  const listeners = new Set<(change: PapersChanged) => void>()
  const backend = {
    list: vi.fn(async (): Promise<Paper[]> => [...db.values()]),
    setFlags: vi.fn(async (): Promise<Paper> => {
      throw new Error('not used here')
    }),
    onPapersChanged: vi.fn((listener: (change: PapersChanged) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }),
    importBackup: vi.fn(async (_text: string): Promise<ImportSummary> => ({ added: 2, updated: 1, unchanged: 0 })),
  } satisfies ShelfBackend
  return {
    backend,
    db,
    push(papers: Paper[]) {
      for (const paper of papers) db.set(paper.key, paper)
      for (const listener of listeners) listener({ type: 'papersChanged', papers })
    },
  }
}

let root: HTMLElement
let view: ReadingList | undefined
let files: { save: ReturnType<typeof vi.fn<FileActions['save']>>; copy: ReturnType<typeof vi.fn<FileActions['copy']>> }

beforeEach(() => {
  root = document.createElement('div')
  document.body.replaceChildren(root)
  files = { save: vi.fn<FileActions['save']>(), copy: vi.fn<FileActions['copy']>(async () => {}) }
})

afterEach(() => {
  view?.destroy()
  view = undefined
})

async function mount(backend: ShelfBackend = fakeBackend().backend): Promise<ReadingList> {
  view = mountReadingList(root, backend, files, () => NOW)
  await view.loaded
  await flush()
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
async function openExport(backend?: ShelfBackend): Promise<HTMLElement> {
  await mount(backend)
  exportButton().click()
  return exportPanel()
}
const formatButton = (name: string) => byRole(exportPanel(), 'button', name)
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
const repeatShown = () => new Promise((resolve) => setTimeout(resolve, 150))

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

  it('offers exactly the six formats, in order, and Copy BibTeX', async () => {
    const panel = await openExport()
    const formats = byRole(panel, 'group', 'Formats')
    expect(allByRole(formats, 'button').map(accessibleName)).toEqual([
      'BibTeX',
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
    formatButton(name).click()
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
      formatButton(name).click()
      expect(saved().fileName).toMatch(/^paper-shelf-read-2026-11-22\./)
      expectExactly(name, saved().text, [C, D])
    }
    expect(exportStatus()).toBe('Saved paper-shelf-read-2026-11-22.md (2 papers).')

    // Back to Starred: the starred papers again, whatever the view shows.
    choose(scopeRadio(/^Starred/))
    formatButton('CSV').click()
    expect(saved().fileName).toBe('paper-shelf-starred-2026-11-22.csv')
    expectExactly('CSV', saved().text, [A, B])
  })

  it('follows the view when it changes after “This view” was chosen', async () => {
    await openExport()
    choose(scopeRadio(/^This view/))
    formatButton('Markdown').click()
    expect(saved().fileName).toBe('paper-shelf-starred-2026-11-22.md')
    expectExactly('Markdown', saved().text, [A, B])
    tab('All').click()
    formatButton('Markdown').click()
    expect(saved().fileName).toBe('paper-shelf-all-2026-11-22.md')
    expectExactly('Markdown', saved().text, [A, B, C, D])
    expect(exportStatus()).toBe('Saved paper-shelf-all-2026-11-22.md (4 papers).')
  })

  it('saves the whole shelf as the JSON backup, whatever the scope', async () => {
    await openExport()
    formatButton('JSON backup').click()
    const first = saved()
    expect(first.fileName).toBe('paper-shelf-all-2026-11-22.backup.json')
    expect(first.mimeType).toMatch(/^application\/json/)
    expectExactly('JSON backup', first.text, [A, B, C, D])
    const backup = JSON.parse(first.text) as { format: string; exportedAt: string; papers: Paper[] }
    expect(backup.format).toBe('paper-shelf-backup')
    expect(backup.exportedAt).toBe(NOW.toISOString())
    // States come along: B is both starred and read.
    const b = backup.papers.find((paper) => paper.title === B)
    expect([b?.starred, b?.read]).toEqual([1, 1])
    expect(exportStatus()).toBe('Saved paper-shelf-all-2026-11-22.backup.json (4 papers).')

    // A narrow view and a search change nothing.
    tab('Unread').click()
    type(searchBox(), 'attention')
    choose(scopeRadio(/^This view/))
    formatButton('JSON backup').click()
    expect(files.save).toHaveBeenCalledTimes(2)
    expect(saved().fileName).toBe('paper-shelf-all-2026-11-22.backup.json')
    expectExactly('JSON backup', saved().text, [A, B, C, D])
  })

  it('says there is nothing to export and saves nothing when the chosen papers are none', async () => {
    const papers = shelf().map((paper) => ({ ...paper, starred: 0 as const }))
    await openExport(fakeBackend(papers).backend)
    expect(scopeLabels()).toEqual(['Starred (0)', 'This view: Starred (0)'])
    for (const name of ['BibTeX', 'RIS', 'CSL-JSON', 'CSV', 'Markdown']) {
      formatButton(name).click()
      await repeatShown()
      expect(exportAlert()).toBe('Nothing to export: no papers match this choice.')
      expect(exportStatus()).toBe('')
    }
    expect(files.save).not.toHaveBeenCalled()

    // The backup still has the read papers; a success clears the alert.
    formatButton('JSON backup').click()
    expect(files.save).toHaveBeenCalledTimes(1)
    expectExactly('JSON backup', saved().text, [B, C, D])
    expect(exportAlert()).toBe('')
    expect(exportStatus()).toBe('Saved paper-shelf-all-2026-11-22.backup.json (3 papers).')
  })

  it('says a repeated message again, so screen readers announce it: blank for a moment, then shown', async () => {
    await openExport()
    formatButton('BibTeX').click()
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.bib (2 papers).')
    formatButton('BibTeX').click()
    expect(files.save).toHaveBeenCalledTimes(2)
    expect(exportStatus()).toBe('')
    await repeatShown()
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.bib (2 papers).')

    // A different message in between cancels the pending repeat.
    formatButton('BibTeX').click()
    formatButton('RIS').click()
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.ris (2 papers).')
    await repeatShown()
    expect(exportStatus()).toBe('Saved paper-shelf-starred-2026-11-22.ris (2 papers).')
  })

  it('does not save an empty backup of an empty shelf', async () => {
    await openExport(fakeBackend([]).backend)
    formatButton('JSON backup').click()
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
    await openExport(fakeBackend(shelf().map((paper) => ({ ...paper, starred: 0 as const }))).backend)
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

  const backupText = '{"format":"paper-shelf-backup","version":1,"papers":[]}'
  const backupFile = () => new File([backupText], 'paper-shelf-all-2026-11-22.backup.json', { type: 'application/json' })

  it('passes the chosen file’s text to the backend and reports what changed', async () => {
    const fake = fakeBackend()
    await openExport(fake.backend)
    const input = importInput()
    const choice = chooseFile(input, backupFile())
    await flush()
    expect(fake.backend.importBackup).toHaveBeenCalledTimes(1)
    expect(fake.backend.importBackup).toHaveBeenCalledWith(backupText)
    expect(exportStatus()).toBe('Backup imported: 2 added, 1 updated, 0 unchanged.')
    expect(exportAlert()).toBe('')
    // Reset, so choosing the same file again fires `change` again.
    expect(choice.resets).toBe(1)
    expect(input.value).toBe('')
    expect(input.files).toHaveLength(0)

    fake.backend.importBackup.mockResolvedValueOnce({ added: 0, updated: 0, unchanged: 3 })
    chooseFile(input, backupFile())
    await flush()
    expect(fake.backend.importBackup).toHaveBeenCalledTimes(2)
    expect(exportStatus()).toBe('Backup imported: 0 added, 0 updated, 3 unchanged.')
  })

  it('shows the backend’s refusal as an alert and resets the input', async () => {
    const fake = fakeBackend()
    const message = 'Nothing was imported. This file is not valid JSON: it may be truncated or damaged.'
    fake.backend.importBackup.mockRejectedValueOnce(new Error(message))
    await openExport(fake.backend)
    const input = importInput()
    const choice = chooseFile(input, new File(['{"format":"paper-sh'], 'broken.json', { type: 'application/json' }))
    await flush()
    expect(fake.backend.importBackup).toHaveBeenCalledWith('{"format":"paper-sh')
    expect(exportAlert()).toBe(message)
    expect(exportStatus()).toBe('')
    expect(choice.resets).toBe(1)
    expect(input.value).toBe('')

    // The same file, chosen again after it was fixed, is imported and the alert goes away.
    chooseFile(input, backupFile())
    await flush()
    expect(fake.backend.importBackup).toHaveBeenCalledTimes(2)
    expect(exportAlert()).toBe('')
    expect(exportStatus()).toBe('Backup imported: 2 added, 1 updated, 0 unchanged.')
  })

  it('refuses a file too large to be a backup without reading it', async () => {
    const fake = fakeBackend()
    await openExport(fake.backend)
    const huge = backupFile()
    const text = vi.spyOn(huge, 'text')
    Object.defineProperty(huge, 'size', { value: 50_000_001 })
    chooseFile(importInput(), huge)
    await flush()
    expect(fake.backend.importBackup).not.toHaveBeenCalled()
    expect(text).not.toHaveBeenCalled()
    expect(exportAlert()).toBe('Nothing was imported. This file is too large to be a Paper Shelf backup.')
  })

  it('does nothing when the chooser was cancelled', async () => {
    const fake = fakeBackend()
    await openExport(fake.backend)
    importInput().dispatchEvent(new Event('change', { bubbles: true }))
    await flush()
    expect(fake.backend.importBackup).not.toHaveBeenCalled()
    expect(exportStatus()).toBe('')
    expect(exportAlert()).toBe('')
  })
})

describe('export: scope labels', () => {
  it('show live counts for the starred papers and the current view', async () => {
    const fake = fakeBackend()
    await openExport(fake.backend)
    expect(scopeLabels()).toEqual(['Starred (2)', 'This view: Starred (2)'])
    tab('Read').click()
    expect(scopeLabels()).toEqual(['Starred (2)', 'This view: Read (3)'])
    type(searchBox(), 'kernel')
    expect(scopeLabels()).toEqual(['Starred (2)', 'This view: Read matching “kernel” (1)'])
    type(searchBox(), '')

    // C is starred and A is read elsewhere: both counts follow.
    const a = fake.db.get('arxiv:1706.03762')!
    const c = fake.db.get('arxiv:2106.09685')!
    fake.push([
      { ...c, starred: 1, starredChangedAt: T0 + 9 * DAY },
      { ...a, read: 1, readChangedAt: T0 + 9 * DAY },
    ])
    expect(scopeLabels()).toEqual(['Starred (3)', 'This view: Read (4)'])
    formatButton('CSV').click()
    expectExactly('CSV', saved().text, [A, B, C])
  })

  it('are up to date when the panel opens after changes made while it was closed', async () => {
    const fake = fakeBackend()
    await mount(fake.backend)
    exportButton().click()
    exportButton().click()
    const b = fake.db.get('arxiv:0701.00001')!
    fake.push([{ ...b, starred: 0, starredChangedAt: T0 + 9 * DAY }])
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
