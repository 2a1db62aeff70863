import { hasAnyMark, lastMarkedAt, updatedSinceRead } from './marks'
import type { Paper } from './paper'
import { plainText } from './export/text'
import { presentTags } from './tag-set'
import { toAscii } from './text'

export type ShelfView = 'starred' | 'unread' | 'read' | 'all'

export const SHELF_VIEWS: readonly ShelfView[] = ['starred', 'unread', 'read', 'all']

/** How the reader wants the views: Unread may take back starred papers with a newer version than the one read. */
export interface ViewOptions {
  unreadIncludesUpdated: boolean
}

const DEFAULT_OPTIONS: ViewOptions = { unreadIncludesUpdated: false }

const IN_VIEW: Record<ShelfView, (paper: Paper, options: ViewOptions) => boolean> = {
  starred: ({ marks }) => marks.starred.value,
  unread: ({ marks, version }, options) =>
    marks.starred.value && (!marks.read.value || (options.unreadIncludesUpdated && updatedSinceRead(marks, version))),
  read: ({ marks }) => marks.read.value,
  all: ({ marks }) => hasAnyMark(marks),
}

export function isInView(paper: Paper, view: ShelfView, options: ViewOptions = DEFAULT_OPTIONS): boolean {
  return IN_VIEW[view](paper, options)
}

export function countByView(papers: readonly Paper[], options: ViewOptions = DEFAULT_OPTIONS): Record<ShelfView, number> {
  const counts: Record<ShelfView, number> = { starred: 0, unread: 0, read: 0, all: 0 }
  for (const paper of papers) {
    for (const view of SHELF_VIEWS) if (IN_VIEW[view](paper, options)) counts[view] += 1
  }
  return counts
}

/** Lower-cased, accent-free text, so that "Schölkopf" is found by "scholkopf" and "Øby" by "oby". */
export function foldForSearch(text: string): string {
  return toAscii(text).toLowerCase()
}

const searchTexts = new WeakMap<Paper, string>()

/**
 * The paper's title, authors, tags and note as search reads them: TeX accents decoded (`Na\"ive`
 * is found by "naive"), folded. Kept per paper object, which the reading list reuses until the
 * paper changes.
 */
function searchText(paper: Paper): string {
  let text = searchTexts.get(paper)
  if (text === undefined) {
    const { tags, note } = paper.marks
    text = foldForSearch([paper.title, ...paper.authors].map(plainText).concat(presentTags(tags.value), note.value).join(' '))
    searchTexts.set(paper, text)
  }
  return text
}

/** Folds the search text of papers ahead of the first search, so that no keystroke pays for thousands of them. */
export function prepareSearch(papers: Iterable<Paper>): void {
  for (const paper of papers) searchText(paper)
}

/** A test for papers whose title, authors, tags or note contain every word of the query. */
export function queryMatcher(query: string): (paper: Paper) => boolean {
  const words = foldForSearch(plainText(query)).split(/\s+/).filter(Boolean)
  if (words.length === 0) return () => true
  return (paper) => {
    const haystack = searchText(paper)
    return words.every((word) => haystack.includes(word))
  }
}

/** True when every word of the query occurs in the paper's title, authors, tags or note. */
export function matchesQuery(paper: Paper, query: string): boolean {
  return queryMatcher(query)(paper)
}

/** When the paper entered the view: the time it was starred or read, whichever the view is about. */
export function viewTime({ marks }: Paper, view: ShelfView): number {
  if (view === 'read') return marks.read.at
  if (view === 'all') return lastMarkedAt(marks)
  return marks.starred.at
}

/** The papers of a view that match the query, newest first. */
export function papersInView(papers: readonly Paper[], view: ShelfView, query: string, options: ViewOptions = DEFAULT_OPTIONS): Paper[] {
  const matches = queryMatcher(query)
  return papers
    .filter((paper) => IN_VIEW[view](paper, options) && matches(paper))
    .sort((a, b) => viewTime(b, view) - viewTime(a, view) || a.title.localeCompare(b.title))
}
