import type { SettingsClient } from '../client/settings-client'
import type { ShelfClient } from '../client/shelf-client'
import type { ToggleId } from '../core/marks'
import { isToggleId } from '../core/marks'
import type { PaperKey } from '../core/paper'
import { tagCensus } from '../core/library'
import { countByView, papersInView, queryMatcher, viewTime, type ShelfView, type ViewOptions } from '../core/reading-list'
import { hasCommandModifier, isTyping } from '../ui/keys'
import { h, setAttr, setText } from './dom'
import { createExportPanel, type FileActions } from './export-panel'
import { FilterTabs } from './filter-tabs'
import { askFirstPage, ROWS_PER_PAGE } from './first-page'
import { countSentence, emptyShelfMessage, emptyViewMessage, noMatchMessage, toggleFailedMessage } from './format'
import { PaperEditor } from './paper-editor'
import { prepareSearchSoon } from './prepare-search-soon'
import { PaperRow, type RowControl } from './paper-row'
import { SITES } from '../sites/registry'
import { RowNavigation } from './row-navigation'
import { createSettingsView } from './settings-view'
import type { SyncStatusFeed } from './sync-status-text'
import { createBackupReminder } from './backup-reminder'
import type { BackupRecord } from './backup-record'
import type { PermissionGrants } from '../platform/optional-permissions'
import type { ImportSummary } from '../platform/protocol'
import type { ImportStep } from '../client/send-backup'
import type { StorageChecks } from './storage-protection'
import { visiblePapers } from './visible-papers'

/** The library page, relative to the popup's: both are pages of the extension. */
const LIBRARY_PAGE = '../library/index.html'

const VIEW_LABEL: Record<ShelfView, string> = { starred: 'Starred', unread: 'Unread', read: 'Read', all: 'All' }

export interface ReadingList {
  /** Settles when the current load has shown the list or its error. */
  readonly loaded: Promise<void>
  /** Loads the shelf again (what the Retry button does). */
  reload(): Promise<void>
  /** Removes listeners and the rendered UI. */
  destroy(): void
}

type Phase = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' }

let mounts = 0

/** What the reading list reads and changes: the shelf, and the reader's settings. */
export interface ReadingListClients {
  shelf: ShelfClient
  settings: SettingsClient
  /** The first page (`askFirstPage`), when it was asked for before the list's code loaded. */
  firstPage?: Promise<unknown>
  /** Imports a backup file's text, all of it or nothing, telling `onProgress` how far it got. */
  importBackup: (text: string, onProgress: (step: ImportStep) => void) => Promise<ImportSummary>
  /** What the browser says about keeping the shelf, shown in Settings. */
  storage?: StorageChecks
  /** When backups were saved: with it, the popup saves weekly backups or reminds the reader to save one. */
  backups?: BackupRecord
  /** The optional permissions some settings need. */
  permissions?: PermissionGrants
  /** How syncing goes, shown in Settings. */
  sync?: SyncStatusFeed
}

/** Renders the reading list into `root` and keeps it in sync with the shelf and the settings. */
export function mountReadingList(
  root: HTMLElement,
  clients: ReadingListClients,
  files: FileActions,
  now: () => Date = () => new Date(),
): ReadingList {
  const { shelf: client, settings } = clients
  let firstPage = clients.firstPage
  const doc = root.ownerDocument
  const id = `ps${++mounts}`
  const panelId = `${id}-panel`

  // ---- state ----
  let phase: Phase = { kind: 'loading' }
  let view: ShelfView = 'starred'
  let query = ''
  /** Papers toggled in this view, kept visible at their sort time until the view or search changes. */
  const pinned = new Map<PaperKey, number>()
  /** The row of every paper shown so far (rows out of the list are kept for when it shows them again). */
  const rows = new Map<PaperKey, PaperRow>()
  let rowIds = 0
  /** How many of the view's papers have rows: a shelf of thousands renders what the reader can reach. */
  let rowLimit = ROWS_PER_PAGE
  let loadSeq = 0
  /** False until the whole shelf has arrived: until then the list shows the top of the Starred tab only. */
  let complete = false
  /** Settles once the whole shelf has arrived (or could not): exports wait for it. */
  let wholeShelf = Promise.resolve()
  let lastAnnouncement = ''
  let destroyed = false

  // ---- static shell ----
  const exporter = createExportPanel(
    doc,
    id,
    {
      whole: () => wholeShelf,
      starred: () => papersInView(papers(), 'starred', ''),
      inView: () => ({ view, label: VIEW_LABEL[view], query, papers: papersInView(papers(), view, query, viewOptions()) }),
      backup: () => papers(),
      settings: () => settings.stored(),
      importBackup: clients.importBackup,
      backupSaved: (at) => clients.backups?.backedUp(at.getTime()),
      now,
    },
    files,
  )
  const settingsButton = h(doc, 'button', { type: 'button', class: 'button' }, 'Settings')
  // A plain link: the browser opens the extension's own page in a new tab, in every browser.
  const libraryLink = h(doc, 'a', { class: 'button', href: LIBRARY_PAGE, target: '_blank' }, 'Library')
  const toolbar = h(doc, 'div', { class: 'toolbar' }, exporter.button, libraryLink, settingsButton)
  const header = h(doc, 'header', { class: 'header' }, h(doc, 'h1', { class: 'title' }, 'Paper Shelf'), toolbar)

  const searchId = `${id}-search`
  const search = h(doc, 'input', {
    id: searchId,
    class: 'field search-input',
    type: 'search',
    placeholder: 'Search titles, authors, tags and notes',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-keyshortcuts': '/',
    'aria-controls': panelId,
  })
  const searchBox = h(
    doc,
    'div',
    { class: 'search', role: 'search' },
    h(doc, 'label', { class: 'visually-hidden', for: searchId }, 'Search'),
    search,
  )

  const tabs = new FilterTabs(doc, id, panelId, (next) => selectView(next))
  const status = h(doc, 'p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' })

  const alertText = h(doc, 'p', { class: 'alert-text', role: 'alert' })
  const dismiss = h(doc, 'button', { type: 'button', class: 'alert-dismiss' }, 'Dismiss')
  const alertBox = h(doc, 'div', { class: 'alert' }, alertText, dismiss)
  alertBox.hidden = true

  const list = h(doc, 'ul', { class: 'papers' })
  const rowNavigation = new RowNavigation(list)
  const more = h(doc, 'button', { type: 'button', class: 'button' })
  const moreRows = h(doc, 'div', { class: 'more-rows' }, more)
  moreRows.hidden = true
  const message = h(doc, 'div', { class: 'message' })
  const panel = h(doc, 'div', { id: panelId, class: 'panel', role: 'tabpanel' }, list, moreRows, message)

  const reminder =
    clients.backups &&
    createBackupReminder(doc, {
      ready: () =>
        Promise.all([wholeShelf, settings.load()]).then(
          () => complete,
          () => false,
        ),
      shelf: () => papersInView(papers(), 'all', ''),
      weeklyBackupOn: () => settings.value('weeklyBackup'),
      record: clients.backups,
      saveBackup: exporter.saveBackup,
      saveBackupQuietly: exporter.saveBackupQuietly,
      now,
    })
  const body = h(
    doc,
    'main',
    { class: 'body' },
    exporter.panel,
    ...(reminder ? [reminder.element] : []),
    searchBox,
    tabs.element,
    alertBox,
    status,
    panel,
  )
  const settingsView = createSettingsView(doc, id, clients, () => closeSettings())
  const app = h(doc, 'div', { class: 'app' }, header, body, settingsView.element)
  root.replaceChildren(app)

  const papers = () => client.papers()
  const editor = new PaperEditor(doc, {
    knownTags: () => tagCensus(papers()).map(({ tag }) => tag),
    save: async (paper, { tags, note }) => {
      await client.set(paper.key, { tags, note })
    },
  })
  const viewOptions = (): ViewOptions => ({ unreadIncludesUpdated: settings.value('unreadIncludesUpdated') })

  // ---- rendering ----
  interface FocusSpot {
    element: HTMLElement
    key: string
    control: RowControl
    index: number
  }

  function focusInList(): FocusSpot | null {
    const active = doc.activeElement as HTMLElement | null
    if (!active || !list.contains(active)) return null
    const item = active.closest<HTMLElement>('li[data-key]')
    const control = active.getAttribute('data-control') as RowControl | null
    if (!item || !control) return null
    const index = Array.prototype.indexOf.call(list.children, item) as number
    return { element: active, key: item.dataset.key ?? '', control, index }
  }

  function restoreFocus(spot: FocusSpot | null): void {
    if (!spot) return
    if (spot.element.isConnected && doc.activeElement === spot.element) return
    // The same control of the same paper; else, when the paper left the list, the paper now in its place.
    const neighbour = (list.children[Math.min(spot.index, list.children.length - 1)] as HTMLElement | undefined)?.dataset.key
    const candidates = [rows.get(spot.key), neighbour === undefined ? undefined : rows.get(neighbour)].filter(
      (row) => row?.element.isConnected,
    )
    for (const row of candidates) {
      const target = row?.control(spot.control) ?? row?.control('title')
      if (target) {
        target.focus({ preventScroll: true })
        return
      }
    }
    ;(list.hidden ? panel : search).focus({ preventScroll: true })
  }

  function showMessage(...content: Array<Node | string>): void {
    message.replaceChildren(...content)
    message.hidden = content.length === 0
  }

  function render(keepScroll: boolean): void {
    if (destroyed) return
    const scrollTop = panel.scrollTop
    const all = papers()
    const ready = phase.kind === 'ready'
    const matchingAll = query.trim() ? all.filter(queryMatcher(query)) : all
    tabs.update(view, ready && complete ? countByView(matchingAll, viewOptions()) : null)
    setAttr(panel, 'aria-labelledby', tabs.tabId(view))
    setAttr(panel, 'aria-busy', phase.kind === 'loading' ? 'true' : null)

    if (phase.kind !== 'ready') {
      list.replaceChildren()
      rows.clear()
      list.hidden = true
      moreRows.hidden = true
      setAttr(panel, 'tabindex', '0')
      if (phase.kind === 'loading') {
        showMessage(h(doc, 'p', { class: 'loading' }, 'Loading…'))
      } else {
        const retry = h(doc, 'button', { type: 'button', class: 'button' }, 'Retry')
        retry.addEventListener('click', () => void reload())
        showMessage(h(doc, 'p', { class: 'error', role: 'alert' }, `Couldn't load your shelf. ${phase.message}`), retry)
      }
      announce('')
      return
    }

    const focus = focusInList()
    const options = viewOptions()
    const inView = papersInView(all, view, query, options)
    const matching = visiblePapers(all, view, query, pinned, options, inView)
    const shown = matching.slice(0, rowLimit)
    const wanted = new Set(shown.map((paper) => paper.key))
    for (const [key, row] of rows) {
      if (wanted.has(key)) continue
      row.element.remove()
      // Rows leaving the list are kept while their paper is on the shelf: clearing a search shows them again at once.
      if (!client.paper(key)) rows.delete(key)
    }
    shown.forEach((paper, index) => {
      let row = rows.get(paper.key)
      if (!row) {
        const key = paper.key
        row = new PaperRow(doc, key, `${id}-title-${++rowIds}`, async (citationKey) => {
          await client.setCitationKey(key, citationKey)
        })
        rows.set(paper.key, row)
      }
      if (row.update(paper)) rowNavigation.controlsAdded(row.element)
      const here = list.children[index]
      if (here !== row.element) list.insertBefore(row.element, here ?? null)
    })
    list.hidden = shown.length === 0
    setAttr(panel, 'tabindex', shown.length === 0 ? '0' : null)
    const notShown = complete ? matching.length - shown.length : 0
    moreRows.hidden = notShown === 0
    setText(more, `Show ${Math.min(ROWS_PER_PAGE, notShown)} more (${notShown.toLocaleString('en')} not shown)`)

    if (shown.length > 0) {
      showMessage()
    } else if (!complete) {
      showMessage(h(doc, 'p', { class: 'loading' }, 'Loading…'))
    } else if (countByView(all).all === 0) {
      const empty = emptyShelfMessage(SITES.map((site) => site.label))
      const link = h(doc, 'a', { href: empty.url, target: '_blank', rel: 'noopener noreferrer' }, empty.link)
      showMessage(h(doc, 'p', { class: 'empty' }, empty.before, link, empty.after))
    } else if (query.trim()) {
      showMessage(h(doc, 'p', { class: 'empty' }, noMatchMessage(query)))
    } else {
      showMessage(h(doc, 'p', { class: 'empty' }, emptyViewMessage(view)))
    }

    announce(complete ? countSentence(inView.length, view, query) : '')
    exporter.refresh()
    rowNavigation.update()
    restoreFocus(focus)
    panel.scrollTop = keepScroll ? scrollTop : 0
  }

  function announce(text: string): void {
    if (text === lastAnnouncement) return
    lastAnnouncement = text
    setText(status, text)
  }

  function showAlert(text: string): void {
    setText(alertText, text)
    alertBox.hidden = false
  }

  function clearAlert(): void {
    setText(alertText, '')
    alertBox.hidden = true
  }

  // ---- actions ----
  function openSettings(): void {
    body.hidden = true
    header.hidden = true
    settingsView.open()
  }

  function closeSettings(): void {
    settingsView.element.hidden = true
    header.hidden = false
    body.hidden = false
    settingsButton.focus()
  }

  function showMore(): void {
    rowLimit += ROWS_PER_PAGE
    render(true)
  }

  function selectView(next: ShelfView): void {
    if (next === view) return
    view = next
    rowLimit = ROWS_PER_PAGE
    pinned.clear()
    render(false)
  }

  function setQuery(next: string): void {
    if (next === query) return
    query = next
    rowLimit = ROWS_PER_PAGE
    pinned.clear()
    render(false)
  }

  function toggle(key: PaperKey, mark: ToggleId): void {
    const paper = client.paper(key)
    if (!paper || phase.kind !== 'ready') return
    const wanted = !paper.marks[mark].value
    if (!pinned.has(key)) pinned.set(key, viewTime(paper, view))
    clearAlert()
    client.toggle(key, mark).catch((error: unknown) => {
      if (!destroyed) showAlert(toggleFailedMessage(mark, wanted, paper.title, error))
    })
  }

  function edit(key: PaperKey): void {
    const paper = client.paper(key)
    if (!paper || phase.kind !== 'ready') return
    if (!pinned.has(key)) pinned.set(key, viewTime(paper, view))
    editor.open(paper)
  }

  async function load(): Promise<void> {
    const mine = ++loadSeq
    const hadFocus = panel.contains(doc.activeElement)
    phase = { kind: 'loading' }
    render(false)
    // The Retry button is gone: keep keyboard focus in the panel rather than losing it to the body.
    if (hadFocus) panel.focus({ preventScroll: true })
    complete = false
    let arrived = () => {}
    wholeShelf = new Promise<void>((resolve) => (arrived = resolve))
    try {
      // The top of the Starred tab first (where the popup opens): a shelf of thousands takes a while to arrive whole.
      if (view === 'starred') {
        const asked = firstPage ?? askFirstPage(client)
        firstPage = undefined
        await asked
        if (mine !== loadSeq || destroyed) return
        phase = { kind: 'ready' }
        render(false)
      }
      await client.list()
      if (mine !== loadSeq || destroyed) return
      complete = true
      phase = { kind: 'ready' }
      prepareSearchSoon(client.papers(), () => destroyed)
    } catch (error) {
      if (mine !== loadSeq || destroyed) return
      phase = { kind: 'error', message: error instanceof Error ? error.message : String(error) }
    } finally {
      arrived()
    }
    render(phase.kind === 'ready')
  }

  function reload(): Promise<void> {
    const promise = load()
    handle.loaded = promise
    return promise
  }

  // ---- events ----
  search.addEventListener('input', () => setQuery(search.value))
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || search.value === '') return
    event.preventDefault()
    event.stopPropagation()
    search.value = ''
    setQuery('')
  })

  const onDocumentKeyDown = (event: KeyboardEvent) => {
    if (event.key !== '/' || hasCommandModifier(event) || event.defaultPrevented) return
    if (isTyping(event.target)) return
    event.preventDefault()
    search.focus()
    search.select()
  }
  doc.addEventListener('keydown', onDocumentKeyDown)

  list.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button[data-control]')
    const key = button?.closest<HTMLElement>('li[data-key]')?.dataset.key
    const control = button?.getAttribute('data-control')
    if (key === undefined) return
    if (isToggleId(control)) toggle(key, control)
    else if (control === 'edit') edit(key)
  })

  settingsButton.addEventListener('click', openSettings)
  more.addEventListener('click', showMore)
  // More rows come as the reader scrolls near the end of those shown, as if they had all been there.
  const nearTheEnd =
    typeof IntersectionObserver === 'undefined'
      ? undefined
      : new IntersectionObserver(
          (entries) => {
            if (entries.some((entry) => entry.isIntersecting) && !moreRows.hidden) showMore()
          },
          { root: panel, rootMargin: '600px 0px' },
        )
  nearTheEnd?.observe(moreRows)
  settingsView.element.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return
    event.preventDefault()
    closeSettings()
  })

  dismiss.addEventListener('click', () => {
    clearAlert()
    search.focus()
  })

  client.connect()
  const unsubscribe = client.onChange(() => {
    if (!destroyed && phase.kind === 'ready') render(true)
  })
  const stopFollowingSettings = settings.onChange(() => {
    if (!destroyed && phase.kind === 'ready') render(true)
  })
  settings.load().catch((error: unknown) => {
    if (!destroyed) showAlert(`Couldn't read your settings: ${error instanceof Error ? error.message : String(error)}`)
  })

  const handle: { loaded: Promise<void> } & Omit<ReadingList, 'loaded'> = {
    loaded: Promise.resolve(),
    reload,
    destroy() {
      destroyed = true
      nearTheEnd?.disconnect()
      unsubscribe()
      stopFollowingSettings()
      settingsView.destroy()
      settings.disconnect()
      client.disconnect()
      doc.removeEventListener('keydown', onDocumentKeyDown)
      rowNavigation.destroy()
      editor.close()
      editor.element.remove()
      root.replaceChildren()
    },
  }
  void reload()
  void reminder?.check()
  return handle
}
