import type { SettingsClient } from '../client/settings-client'
import type { ShelfClient } from '../client/shelf-client'
import { EXPORT_FORMATS, exportFileName, exportFormat, type ExportFormatId } from '../core/export/formats'
import { hasTags, isLibrarySort, LIBRARY_SORTS, libraryPapers, tagCensus, type LibraryQuery } from '../core/library'
import { isToggleId, type ToggleId } from '../core/marks'
import type { Paper, PaperKey } from '../core/paper'
import { countByView, queryMatcher } from '../core/reading-list'
import { tagIdentity, tagList } from '../core/tag-set'
import { h, setAttr, setText } from '../popup/dom'
import type { FileActions } from '../popup/export-panel'
import { FilterTabs } from '../popup/filter-tabs'
import { plural, toggleFailedMessage } from '../popup/format'
import { PaperEditor } from '../popup/paper-editor'
import { prepareSearchSoon } from '../popup/prepare-search-soon'
import { hasCommandModifier, isTyping } from '../ui/keys'
import { VirtualList } from '../ui/virtual-list'
import { bulkChanges, type BulkAction } from './bulk-actions'
import { askFirstRows } from './first-rows'
import { createRow, fillRow, ROW_HEIGHT } from './library-row'

/** Tags offered as filters above the list; the search finds any tag. */
const TAG_FILTERS_SHOWN = 30

export interface LibraryClients {
  shelf: ShelfClient
  settings: SettingsClient
  /** The first rows (`askFirstRows`), when they were asked for before the library's code loaded. */
  firstRows?: Promise<unknown>
}

export interface Library {
  readonly loaded: Promise<void>
  destroy(): void
}

const BULK_BUTTONS: readonly { action: BulkAction; label: string }[] = [
  { action: 'star', label: 'Star' },
  { action: 'unstar', label: 'Unstar' },
  { action: 'read', label: 'Mark read' },
  { action: 'unread', label: 'Mark unread' },
]

/** The full-page library: every paper in dense rows, sortable, filterable by view, tag and search, with bulk actions. */
export function mountLibrary(root: HTMLElement, clients: LibraryClients, files: FileActions, now: () => Date = () => new Date()): Library {
  const { shelf: client, settings } = clients
  const doc = root.ownerDocument
  const abort = new AbortController()
  const { signal } = abort

  const state: LibraryQuery = { view: 'all', query: '', tags: [], sort: 'added' }
  const selected = new Set<PaperKey>()
  /** Deleted papers, latest deletion last, that Undo puts back while the page is open. */
  const deletions: Paper[][] = []
  let shown: Paper[] = []
  /** Whether every paper of the shelf has arrived, not only the ones added last. */
  let complete = false
  let current = 0

  // ---- shell ----
  const search = h(doc, 'input', {
    type: 'search',
    class: 'field search-input',
    'aria-label': 'Search',
    placeholder: 'Search titles, authors, tags, notes (press / )',
    autocomplete: 'off',
  })
  const sort = h(
    doc,
    'select',
    { class: 'field library-sort', 'aria-label': 'Sort by' },
    ...LIBRARY_SORTS.map(({ id, label }) => h(doc, 'option', { value: id }, label)),
  )
  const importInput = h(doc, 'input', {
    type: 'file',
    class: 'visually-hidden',
    accept: '.bib,.bibtex,.ris,.json,.txt',
    'aria-label': 'Import references',
  })
  // Enabled once the shelf is loaded: an import matches the file's papers to the ones already there.
  const importButton = h(doc, 'button', { type: 'button', class: 'button', disabled: '' }, 'Import references…')
  const header = h(
    doc,
    'header',
    { class: 'library-header' },
    h(doc, 'h1', { class: 'library-heading' }, 'Paper Shelf library'),
    search,
    h(doc, 'label', { class: 'library-sort-label' }, 'Sort by ', sort),
    importButton,
    importInput,
  )
  const listId = 'library-list'
  const tabs = new FilterTabs(doc, 'library', listId, (view) => {
    state.view = view
    render()
  })
  const tagFilter = h(doc, 'div', { class: 'tag-filter', role: 'group', 'aria-label': 'Filter by tag' })

  const selectAll = h(doc, 'input', { type: 'checkbox', class: 'row-check', 'aria-label': 'Select all shown papers' })
  const selectionCount = h(doc, 'span', { class: 'selection-count', 'aria-live': 'polite' })
  const bulkButtons = BULK_BUTTONS.map(({ action, label }) =>
    h(doc, 'button', { type: 'button', class: 'button', 'data-bulk': action }, label),
  )
  const bulkTag = h(doc, 'input', {
    type: 'text',
    class: 'field bulk-tag',
    'aria-label': 'Tag to add',
    placeholder: 'tag',
    list: 'library-known-tags',
  })
  const knownTags = h(doc, 'datalist', { id: 'library-known-tags' })
  const addTagButton = h(doc, 'button', { type: 'button', class: 'button', 'data-bulk': 'tag' }, 'Add tag')
  const exportSelect = h(
    doc,
    'select',
    { class: 'field', 'aria-label': 'Export format' },
    ...EXPORT_FORMATS.filter((format) => format.id !== 'json-backup').map((format) => h(doc, 'option', { value: format.id }, format.label)),
  )
  const exportButton = h(doc, 'button', { type: 'button', class: 'button' }, 'Export selection')
  const deleteButton = h(doc, 'button', { type: 'button', class: 'button button-danger' }, 'Delete')
  const toolbar = h(
    doc,
    'div',
    { class: 'bulk-bar', role: 'toolbar', 'aria-label': 'Selected papers' },
    selectAll,
    selectionCount,
    ...bulkButtons,
    bulkTag,
    knownTags,
    addTagButton,
    exportSelect,
    exportButton,
    deleteButton,
  )
  const count = h(doc, 'p', { class: 'library-count' })
  const status = h(doc, 'p', { class: 'library-status', role: 'status' })
  const undoButton = h(doc, 'button', { type: 'button', class: 'button', hidden: '' }, 'Undo')
  const error = h(doc, 'p', { class: 'library-error', role: 'alert' })
  const viewport = h(doc, 'div', { id: listId, class: 'library-viewport', role: 'tabpanel' })
  const empty = h(doc, 'p', { class: 'library-empty', hidden: '' })
  const list = new VirtualList<Paper>({
    viewport,
    rowHeight: ROW_HEIGHT,
    key: (paper) => paper.key,
    create: (paper, index) => withTabStop(createRow(doc, paper, selected.has(paper.key)), index),
    update: (row, paper, index) => withTabStop(fillRow(row, paper, selected.has(paper.key)), index),
  })
  list.element.setAttribute('role', 'list')
  list.element.setAttribute('aria-label', 'Papers')
  viewport.append(list.element)
  const editor = new PaperEditor(doc, {
    knownTags: () => tagCensus(client.papers()).map(({ tag }) => tag),
    save: async (paper, edit) => {
      await client.set(paper.key, { tags: edit.tags, note: edit.note })
    },
  })
  root.replaceChildren(
    header,
    tabs.element,
    tagFilter,
    toolbar,
    h(doc, 'div', { class: 'library-messages' }, count, status, undoButton, error),
    viewport,
    empty,
  )

  // ---- rendering ----
  let renderQueued = false
  function queueRender(): void {
    if (renderQueued) return
    renderQueued = true
    queueMicrotask(() => {
      renderQueued = false
      render()
    })
  }

  /**
   * Shows the papers the query selects. Until the whole shelf has arrived (`complete`), the papers
   * added last are all there is: the list shows them, and counts, tags and Select all wait.
   */
  function render(): void {
    const papers = client.papers()
    shown = libraryPapers(papers, state, viewOptions())
    list.setItems(shown)
    const matches = queryMatcher(state.query)
    const inFilters = () => papers.filter((paper) => hasTags(paper, state.tags) && matches(paper))
    tabs.update(state.view, complete ? countByView(inFilters(), viewOptions()) : null)
    renderTagFilter(complete ? papers : [])
    for (const key of selected) if (!client.paper(key)) selected.delete(key)
    renderSelection()
    empty.hidden = !complete || shown.length > 0
    setText(empty, emptyText(papers.length))
    setText(count, complete ? plural(shown.length, 'paper') : 'Loading every paper…')
    current = Math.min(current, Math.max(0, shown.length - 1))
  }

  function viewOptions() {
    return { unreadIncludesUpdated: settings.value('unreadIncludesUpdated') }
  }

  function emptyText(total: number): string {
    if (total === 0) return 'Your shelf is empty. Star or read papers on any supported site, or import references from another tool.'
    return 'No papers match these filters.'
  }

  function renderTagFilter(papers: readonly Paper[]): void {
    const census = tagCensus(papers)
    const active = new Set(state.tags.map(tagIdentity))
    const offered = census.slice(0, TAG_FILTERS_SHOWN).map(({ tag, count }) => ({ tag, count }))
    for (const tag of state.tags) if (!offered.some((entry) => tagIdentity(entry.tag) === tagIdentity(tag))) offered.push({ tag, count: 0 })
    // The same tags keep their buttons (a render after every change must not take a click or the focus away).
    const buttons = [...tagFilter.children] as HTMLButtonElement[]
    const same = buttons.length === offered.length && offered.every(({ tag }, i) => buttons[i]!.getAttribute('data-tag') === tag)
    if (!same) {
      tagFilter.replaceChildren(
        ...offered.map(({ tag }) =>
          h(
            doc,
            'button',
            { type: 'button', class: 'tag-chip tag-toggle', 'data-tag': tag, dir: 'auto' },
            tag,
            h(doc, 'span', { class: 'tag-count', 'aria-hidden': 'true' }),
          ),
        ),
      )
    }
    offered.forEach(({ tag, count }, i) => {
      const button = tagFilter.children[i]!
      setAttr(button, 'aria-pressed', String(active.has(tagIdentity(tag))))
      setText(button.lastElementChild!, ` ${count}`)
    })
    tagFilter.hidden = offered.length === 0
    knownTags.replaceChildren(...census.slice(0, 200).map(({ tag }) => h(doc, 'option', { value: tag })))
  }

  /** Counts the checked papers the filters show: those the bulk actions act on. Hidden ones stay checked for later. */
  function renderSelection(): void {
    const count = selectedPapers().length
    setText(selectionCount, count === 0 ? 'None selected' : `${count} selected`)
    const allShown = shown.length > 0 && shown.every((paper) => selected.has(paper.key))
    selectAll.checked = allShown
    selectAll.indeterminate = count > 0 && !allShown
    selectAll.disabled = !complete
    for (const button of [...bulkButtons, addTagButton, exportButton, deleteButton]) button.disabled = count === 0
  }

  function report(message: string, failed = false): void {
    setText(failed ? error : status, message)
    if (!failed) setText(error, '')
  }

  // ---- actions ----
  function selectedPapers(): Paper[] {
    return shown.filter((paper) => selected.has(paper.key))
  }

  async function runBulk(action: BulkAction, tag?: string): Promise<void> {
    const papers = selectedPapers()
    const changes = bulkChanges(papers, action, tag)
    const results = await Promise.allSettled(changes.map(({ key, change }) => client.set(key, change)))
    const failures = results.filter((result) => result.status === 'rejected')
    if (failures.length > 0) {
      const reason = (failures[0] as PromiseRejectedResult).reason
      report(`${plural(failures.length, 'paper')} could not be changed: ${reason instanceof Error ? reason.message : String(reason)}`, true)
    } else report(`${plural(changes.length, 'paper')} changed.`)
  }

  async function deleteSelected(): Promise<void> {
    const keys = selectedPapers().map((paper) => paper.key)
    if (keys.length === 0) return
    try {
      const deleted = await client.deletePapers(keys)
      deletions.push(deleted)
      for (const key of keys) selected.delete(key)
      report(`Deleted ${plural(deleted.length, 'paper')}.`)
      undoButton.hidden = false
      queueRender()
    } catch (cause) {
      report(`Nothing was deleted: ${cause instanceof Error ? cause.message : String(cause)}`, true)
    }
  }

  async function undoDelete(): Promise<void> {
    const deleted = deletions.pop()
    if (!deleted) return
    try {
      await client.restorePapers(deleted)
      report(`Restored ${plural(deleted.length, 'paper')}.`)
    } catch (cause) {
      deletions.push(deleted)
      report(`Couldn't restore the deleted papers: ${cause instanceof Error ? cause.message : String(cause)}`, true)
    }
    undoButton.hidden = deletions.length === 0
  }

  async function exportSelection(): Promise<void> {
    const papers = selectedPapers()
    const format = exportFormat(exportSelect.value as ExportFormatId)
    try {
      const { renderExport } = await import('../core/export/renderers')
      const date = now()
      const fileName = exportFileName('selection', format.id, date)
      files.save(fileName, format.mimeType, renderExport(format.id, papers, date, settings.stored()))
      report(`Saved ${fileName} (${plural(papers.length, 'paper')}).`)
    } catch (cause) {
      report(`Could not export: ${cause instanceof Error ? cause.message : String(cause)}`, true)
    }
  }

  async function toggle(paper: Paper, mark: ToggleId): Promise<void> {
    try {
      await client.toggle(paper.key, mark)
    } catch (cause) {
      report(toggleFailedMessage(mark, !paper.marks[mark].value, paper.title, cause), true)
    }
  }

  function setSelected(key: PaperKey, on: boolean): void {
    if (on) selected.add(key)
    else selected.delete(key)
    list.refresh()
    renderSelection()
  }

  // ---- keyboard: the current row is the list's Tab stop; arrows or j/k move between rows ----
  /** The row of the current paper is the one a Tab into the list lands on. */
  function withTabStop(row: HTMLElement, index: number): HTMLElement {
    row.tabIndex = index === current ? 0 : -1
    return row
  }

  /** A row's checkbox takes the list's keys too: Space checks it, the others move or act on its row. */
  function isCheckbox(target: EventTarget | null): boolean {
    return target instanceof HTMLInputElement && target.type === 'checkbox'
  }

  function focusRow(index: number): void {
    if (shown.length === 0) return
    current = Math.max(0, Math.min(index, shown.length - 1))
    const row = list.elementAt(current)
    for (const other of list.element.querySelectorAll<HTMLElement>('.library-row[tabindex="0"]')) if (other !== row) other.tabIndex = -1
    row.tabIndex = 0
    row.focus()
  }

  function rowIndex(target: EventTarget | null): number {
    const row = target instanceof Element ? target.closest<HTMLElement>('.library-row') : null
    const key = row?.getAttribute('data-key')
    return key ? shown.findIndex((paper) => paper.key === key) : -1
  }

  list.element.addEventListener(
    'keydown',
    (event) => {
      if (event.defaultPrevented || hasCommandModifier(event) || (isTyping(event.target) && !isCheckbox(event.target))) return
      const index = rowIndex(event.target)
      if (index < 0) return
      const paper = shown[index]!
      const pageRows = Math.max(1, Math.floor(viewport.clientHeight / ROW_HEIGHT) - 1)
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        j: index + 1,
        ArrowUp: index - 1,
        k: index - 1,
        Home: 0,
        End: shown.length - 1,
        PageDown: index + pageRows,
        PageUp: index - pageRows,
      }
      const target = moves[event.key]
      if (target !== undefined) {
        event.preventDefault()
        focusRow(target)
      } else if (event.key === 'x' || (event.key === ' ' && event.target === list.elementAt(index))) {
        event.preventDefault()
        setSelected(paper.key, !selected.has(paper.key))
      } else if (event.key === 's' || event.key === 'r') {
        event.preventDefault()
        void toggle(paper, event.key === 's' ? 'starred' : 'read')
      } else if (event.key === 'e') {
        event.preventDefault()
        editor.open(paper)
      } else if (event.key === 'Enter' && event.target === list.elementAt(index)) {
        list.elementAt(index).querySelector<HTMLAnchorElement>('.row-title')?.click()
      }
    },
    { signal },
  )

  list.element.addEventListener(
    'focusin',
    (event) => {
      const index = rowIndex(event.target)
      if (index >= 0) current = index
    },
    { signal },
  )

  list.element.addEventListener(
    'click',
    (event) => {
      const control = (event.target as Element).closest<HTMLElement>('[data-action]')
      const index = rowIndex(event.target)
      if (!control || index < 0) return
      const paper = shown[index]!
      const action = control.getAttribute('data-action')
      if (action === 'select') setSelected(paper.key, (control as HTMLInputElement).checked)
      else if (action === 'edit') editor.open(paper)
      else if (isToggleId(action)) void toggle(paper, action)
    },
    { signal },
  )

  selectAll.addEventListener(
    'change',
    () => {
      for (const paper of shown) {
        if (selectAll.checked) selected.add(paper.key)
        else selected.delete(paper.key)
      }
      list.refresh()
      renderSelection()
    },
    { signal },
  )

  for (const button of bulkButtons) {
    button.addEventListener('click', () => void runBulk(button.getAttribute('data-bulk') as BulkAction), { signal })
  }
  const addTag = () => {
    const [tag] = tagList([bulkTag.value])
    if (!tag) {
      report('Type the tag to add first.', true)
      bulkTag.focus()
      return
    }
    const known = tagCensus(client.papers()).find((entry) => tagIdentity(entry.tag) === tagIdentity(tag))
    bulkTag.value = ''
    void runBulk('tag', known?.tag ?? tag)
  }
  addTagButton.addEventListener('click', addTag, { signal })
  bulkTag.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Enter') {
        event.preventDefault()
        addTag()
      }
    },
    { signal },
  )
  exportButton.addEventListener('click', () => void exportSelection(), { signal })
  deleteButton.addEventListener('click', () => void deleteSelected(), { signal })
  undoButton.addEventListener('click', () => void undoDelete(), { signal })

  tagFilter.addEventListener(
    'click',
    (event) => {
      const button = (event.target as Element).closest('[data-tag]')
      const tag = button?.getAttribute('data-tag')
      if (!tag) return
      const on = button!.getAttribute('aria-pressed') !== 'true'
      state.tags = on ? [...state.tags, tag] : state.tags.filter((other) => tagIdentity(other) !== tagIdentity(tag))
      render()
    },
    { signal },
  )

  search.addEventListener(
    'input',
    () => {
      state.query = search.value
      render()
    },
    { signal },
  )
  sort.addEventListener(
    'change',
    () => {
      if (isLibrarySort(sort.value)) state.sort = sort.value
      render()
    },
    { signal },
  )
  importButton.addEventListener('click', () => importInput.click(), { signal })
  importInput.addEventListener(
    'change',
    () => {
      const file = importInput.files?.[0]
      importInput.value = ''
      if (file) void importReferences(file)
    },
    { signal },
  )

  async function importReferences(file: File): Promise<void> {
    report(`Reading ${file.name}…`)
    try {
      const { importReferenceFile } = await import('./import-references')
      const summary = await importReferenceFile(file, client)
      report(summary.message, !summary.ok)
    } catch (cause) {
      report(`Nothing was imported: ${cause instanceof Error ? cause.message : String(cause)}`, true)
    }
  }

  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== '/' || event.defaultPrevented || hasCommandModifier(event) || isTyping(event.target) || editor.isOpen) return
      event.preventDefault()
      search.focus()
    },
    { signal },
  )

  const unsubscribe = client.onChange(queueRender)
  const unsubscribeSettings = settings.onChange(queueRender)
  client.connect()

  const loaded = (async () => {
    setText(count, 'Loading your shelf…')
    try {
      // The top of the list first: a shelf of thousands takes a while to arrive whole.
      await Promise.all([settings.load(), clients.firstRows ?? askFirstRows(client)])
      render()
      const papers = await client.list()
      complete = true
      render()
      importButton.disabled = false
      prepareSearchSoon(papers, () => signal.aborted)
    } catch (cause) {
      report(`Couldn't load your shelf: ${cause instanceof Error ? cause.message : String(cause)}`, true)
    }
  })()

  return {
    loaded,
    destroy() {
      abort.abort()
      unsubscribe()
      unsubscribeSettings()
      list.destroy()
      editor.close()
      editor.element.remove()
      root.replaceChildren()
    },
  }
}
