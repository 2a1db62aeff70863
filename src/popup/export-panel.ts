import { plural } from './format'
import { EXPORT_FORMATS, exportFileName, type ExportFormat } from '../core/export/formats'
import { LIMITS } from '../core/limits'
import { isOnShelf } from '../core/marks'
import type { Paper } from '../core/paper'
import type { ShelfView } from '../core/reading-list'
import type { StoredSettings } from '../core/settings'
import type { ImportSummary } from '../platform/protocol'
import type { ImportStep } from '../client/send-backup'
import { h, setText } from './dom'
import { utf8Text } from '../ui/utf8-file'

/** Saving and copying files, which only a real browser page can do; tests pass fakes. */
export interface FileActions {
  save(fileName: string, mimeType: string, text: string): void
  copy(text: string): Promise<void>
  /** Saves into Paper Shelf's folder of the downloads without asking; resolves once written. Needs the `downloads` permission. */
  saveQuietly?(fileName: string, mimeType: string, text: string): Promise<void>
}

export interface ExportSources {
  /** Settles once every paper is there to export (a long shelf arrives after its first rows). */
  whole(): Promise<unknown>
  /** Every starred paper: what is exported by default. */
  starred(): Paper[]
  /** The papers the list shows now, and the view's name. */
  inView(): { view: ShelfView; label: string; query: string; papers: Paper[] }
  /**
   * Every paper the shelf knows, for the backup: those whose marks were all cleared too, so that
   * restoring the backup later cannot bring a cleared mark back.
   */
  backup(): Paper[]
  /** The reader's settings, for the backup. */
  settings(): StoredSettings
  importBackup(text: string, onProgress: (step: ImportStep) => void): Promise<ImportSummary>
  /** Told when a JSON backup of the whole shelf was saved. */
  backupSaved(at: Date): void
  now(): Date
}

type Scope = 'starred' | 'view'

const BACKUP_FORMAT = EXPORT_FORMATS.find((format) => format.id === 'json-backup')!

/** The exporters, loaded when the reader first exports: BibTeX's LaTeX tables would slow every popup opening. */
const loadRenderers = () => import('../core/export/renderers')

/** How long a repeated status or error stays blank before it is shown (and announced) again. */
const REPEAT_DELAY_MS = 100

const STEP_TEXT: Record<ImportStep['step'], string> = {
  checking: 'checking its papers',
  comparing: 'comparing it with your shelf',
  saving: 'saving its papers',
}

export function importSummaryText({ added, updated, unchanged }: ImportSummary): string {
  return `Backup imported: ${added} added, ${updated} updated, ${unchanged} unchanged.`
}

/** How many papers a file holds; a backup's papers taken off the shelf, kept for their cleared marks, are counted apart. */
function savedCount(format: ExportFormat, papers: readonly Paper[]): string {
  const onShelf = format.id === 'json-backup' ? papers.filter(isOnShelf).length : papers.length
  const cleared = papers.length - onShelf
  return cleared > 0 ? `${plural(onShelf, 'paper')}, and ${cleared.toLocaleString('en')} you took off your shelf` : plural(onShelf, 'paper')
}

/**
 * The Export button and the panel it opens: the formats, a BibTeX copy button and the backup import.
 * The JSON backup always holds the whole shelf; the other formats export the chosen papers.
 */
export function createExportPanel(doc: Document, idPrefix: string, sources: ExportSources, files: FileActions) {
  const panelId = `${idPrefix}-export`
  const button = h(
    doc,
    'button',
    { type: 'button', class: 'button export-toggle', 'aria-expanded': 'false', 'aria-controls': panelId },
    'Export',
  )

  const scopeName = `${idPrefix}-scope`
  const radio = (value: Scope, checked: boolean) =>
    h(doc, 'input', { type: 'radio', name: scopeName, value, ...(checked ? { checked: '' } : {}) })
  const starredRadio = radio('starred', true)
  const viewRadio = radio('view', false)
  const starredText = h(doc, 'span')
  const viewText = h(doc, 'span')
  const scope = h(
    doc,
    'fieldset',
    { class: 'export-scope' },
    h(doc, 'legend', {}, 'Papers to export'),
    h(doc, 'label', {}, starredRadio, starredText),
    h(doc, 'label', {}, viewRadio, viewText),
  )

  const formatButtons = EXPORT_FORMATS.map((format) => {
    const formatButton = h(doc, 'button', { type: 'button', class: 'button format', 'data-format': format.id }, format.label)
    formatButton.addEventListener('click', () => void download(format))
    return formatButton
  })
  const hintId = `${idPrefix}-backup-hint`
  formatButtons.at(-1)?.setAttribute('aria-describedby', hintId)
  const copyButton = h(doc, 'button', { type: 'button', class: 'button' }, 'Copy BibTeX')
  copyButton.addEventListener('click', () => void copyBibtex())

  const fileInputId = `${idPrefix}-import`
  const fileInput = h(doc, 'input', { id: fileInputId, type: 'file', accept: '.json,application/json', class: 'import-input' })
  fileInput.addEventListener('change', () => void importSelected())

  // Hidden but for a long import: its value is how many papers are checked, then written.
  const progress = h(doc, 'progress', { class: 'import-progress', 'aria-label': 'Import progress', max: '1', value: '0' })
  progress.hidden = true
  const status = h(doc, 'p', { class: 'export-status', role: 'status', 'aria-live': 'polite' })
  const error = h(doc, 'p', { class: 'export-error', role: 'alert' })

  const panel = h(
    doc,
    'section',
    { id: panelId, class: 'export-panel', 'aria-label': 'Export and backup' },
    scope,
    h(doc, 'div', { class: 'export-formats', role: 'group', 'aria-label': 'Formats' }, ...formatButtons),
    h(doc, 'p', { id: hintId, class: 'hint' }, 'The JSON backup always holds your whole shelf, with every state and date.'),
    h(doc, 'div', { class: 'export-actions' }, copyButton),
    h(doc, 'div', { class: 'import' }, h(doc, 'label', { for: fileInputId }, 'Import backup'), fileInput),
    progress,
    status,
    error,
  )
  panel.hidden = true

  function setOpen(open: boolean): void {
    panel.hidden = !open
    button.setAttribute('aria-expanded', String(open))
    if (open) refresh()
  }
  button.addEventListener('click', () => setOpen(panel.hidden))
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    setOpen(false)
    button.focus()
  })

  let repeatTimer: ReturnType<typeof setTimeout> | undefined
  function report(message: string, isError = false): void {
    const [line, other] = isError ? [error, status] : [status, error]
    clearTimeout(repeatTimer)
    setText(other, '')
    if (message !== '' && line.textContent === message) {
      // Live regions announce changes only: blank a repeated message (a second save, the same error)
      // for a moment so that screen readers say it again.
      setText(line, '')
      repeatTimer = setTimeout(() => setText(line, message), REPEAT_DELAY_MS)
    } else {
      setText(line, message)
    }
  }

  /** Brings the scope labels up to date with the shelf and the current view. */
  function refresh(): void {
    if (panel.hidden) return
    void sources.whole().then(showScopes)
    showScopes()
  }

  function showScopes(): void {
    if (panel.hidden) return
    const { label, query, papers } = sources.inView()
    const matching = query.trim() ? ` matching “${query.trim()}”` : ''
    setText(starredText, `Starred (${sources.starred().length})`)
    setText(viewText, `This view: ${label}${matching} (${papers.length})`)
  }

  function chosen(): { scope: ShelfView; papers: Paper[] } {
    if (viewRadio.checked) {
      const { view, papers } = sources.inView()
      return { scope: view, papers }
    }
    return { scope: 'starred', papers: sources.starred() }
  }

  /** Saves the chosen papers (the whole shelf for the backup) in a format; the file's name, or undefined when nothing was saved. */
  async function download(format: ExportFormat): Promise<string | undefined> {
    await sources.whole()
    const { scope: name, papers } = format.id === 'json-backup' ? { scope: 'all' as const, papers: sources.backup() } : chosen()
    if (papers.length === 0) {
      report('Nothing to export: no papers match this choice.', true)
      return undefined
    }
    const now = sources.now()
    const fileName = exportFileName(name, format.id, now)
    try {
      const { renderExport } = await loadRenderers()
      files.save(fileName, format.mimeType, renderExport(format.id, papers, now, sources.settings()))
      report(`Saved ${fileName} (${savedCount(format, papers)}).`)
      if (format.id === 'json-backup') sources.backupSaved(now)
      return fileName
    } catch (cause) {
      report(`Could not export: ${cause instanceof Error ? cause.message : String(cause)}`, true)
      return undefined
    }
  }

  async function copyBibtex(): Promise<void> {
    await sources.whole()
    const { papers } = chosen()
    if (papers.length === 0) {
      report('Nothing to copy: no papers match this choice.', true)
      return
    }
    try {
      const { renderExport } = await loadRenderers()
      await files.copy(renderExport('bibtex', papers, sources.now()))
      report(`Copied BibTeX for ${plural(papers.length, 'paper')}.`)
    } catch (cause) {
      report(`Could not copy to the clipboard: ${cause instanceof Error ? cause.message : String(cause)}`, true)
    }
  }

  async function importSelected(): Promise<void> {
    const file = fileInput.files?.[0]
    if (!file) return
    fileInput.value = ''
    if (file.size > LIMITS.backupLength) {
      report('Nothing was imported. This file is too large to be a Paper Shelf backup.', true)
      return
    }
    report(`Importing ${file.name}: reading the file…`)
    fileInput.disabled = true
    try {
      const text = await utf8Text(file)
      if (text === null) {
        report(
          'Nothing was imported. This file is not UTF-8 text, as every Paper Shelf backup is: it is not a backup, or it was damaged.',
          true,
        )
        return
      }
      let shown = ''
      const summary = await sources.importBackup(text, (step) => {
        showProgress(step)
        // The status line says each step once; the progress bar counts the papers.
        const message = `Importing ${file.name}: ${STEP_TEXT[step.step]}…`
        if (message !== shown) report((shown = message))
      })
      report(importSummaryText(summary))
    } catch (cause) {
      report(cause instanceof Error ? cause.message : String(cause), true)
    } finally {
      progress.hidden = true
      fileInput.disabled = false
    }
  }

  function showProgress(step: ImportStep): void {
    progress.hidden = false
    if (step.step === 'comparing') {
      // Indeterminate: the background compares the backup with the shelf in one go.
      progress.removeAttribute('value')
      return
    }
    progress.max = Math.max(step.total, 1)
    progress.value = step.done
  }

  /** Saves the backup into Paper Shelf's folder of the downloads, without asking; rejects with the reason it could not. */
  async function saveBackupQuietly(): Promise<string> {
    if (!files.saveQuietly) throw new Error('This page cannot save files by itself.')
    await sources.whole()
    const now = sources.now()
    const fileName = exportFileName('all', BACKUP_FORMAT.id, now)
    const { renderExport } = await loadRenderers()
    await files.saveQuietly(fileName, BACKUP_FORMAT.mimeType, renderExport(BACKUP_FORMAT.id, sources.backup(), now, sources.settings()))
    sources.backupSaved(now)
    return fileName
  }

  /** Saves the backup as its button does; when that fails, opens the panel, which says why. */
  async function saveBackup(): Promise<string | undefined> {
    const fileName = await download(BACKUP_FORMAT)
    if (fileName === undefined) setOpen(true)
    return fileName
  }

  return { button, panel, refresh, saveBackup, saveBackupQuietly }
}
