import { authorNames } from './export/names'
import { paperDate } from './export/paper-fields'
import { plainText } from './export/text'
import type { Paper } from './paper'
import { isInView, queryMatcher, type ShelfView, type ViewOptions } from './reading-list'
import { presentTags, tagIdentity } from './tag-set'

/** The orders the library offers. */
export type LibrarySort = 'added' | 'date' | 'title' | 'author'

export const LIBRARY_SORTS: readonly { id: LibrarySort; label: string }[] = [
  { id: 'added', label: 'Date added' },
  { id: 'date', label: 'Paper date' },
  { id: 'title', label: 'Title' },
  { id: 'author', label: 'First author' },
]

export function isLibrarySort(value: unknown): value is LibrarySort {
  return LIBRARY_SORTS.some((sort) => sort.id === value)
}

/** What the library shows: a view, a search, the tags every paper must have, and an order. */
export interface LibraryQuery {
  view: ShelfView
  query: string
  tags: readonly string[]
  sort: LibrarySort
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

/** The paper's date as one sortable number (`20240317`); papers without a date sort as the oldest. */
function dateNumber(paper: Paper): number {
  const date = paperDate(paper)
  return date ? date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0) : 0
}

function firstAuthorFamily(paper: Paper): string {
  const [first] = authorNames(paper.authors.slice(0, 1))
  if (!first) return ''
  return plainText(first.kind === 'literal' ? first.literal : first.family)
}

const plainTitles = new WeakMap<Paper, string>()

/** The title as sorting reads it, decoded once per paper object (a list of thousands is sorted on every keystroke). */
function plainTitle(paper: Paper): string {
  let title = plainTitles.get(paper)
  if (title === undefined) {
    title = plainText(paper.title)
    plainTitles.set(paper, title)
  }
  return title
}

/** Sort keys computed once per paper per sort, not once per comparison. */
function sortKey(sort: LibrarySort): (paper: Paper) => number | string {
  switch (sort) {
    case 'added':
      return (paper) => -paper.addedAt
    case 'date':
      return (paper) => -dateNumber(paper)
    case 'title':
      return plainTitle
    case 'author':
      return firstAuthorFamily
  }
}

/** Newest first for dates; A to Z for titles and names, ties broken by title. */
export function sortPapers(papers: readonly Paper[], sort: LibrarySort): Paper[] {
  const key = sortKey(sort)
  const keyed = papers.map((paper) => ({ paper, key: key(paper) }))
  keyed.sort((a, b) => {
    const order = typeof a.key === 'number' ? a.key - (b.key as number) : collator.compare(a.key, b.key as string)
    return order || collator.compare(plainTitle(a.paper), plainTitle(b.paper))
  })
  return keyed.map(({ paper }) => paper)
}

/** True when the paper has every one of the tags (whatever their case). */
export function hasTags(paper: Paper, tags: readonly string[]): boolean {
  if (tags.length === 0) return true
  const own = new Set(presentTags(paper.marks.tags.value).map(tagIdentity))
  return tags.every((tag) => own.has(tagIdentity(tag)))
}

/** The papers the library shows for a query, in its order. */
export function libraryPapers(papers: readonly Paper[], { view, query, tags, sort }: LibraryQuery, options?: ViewOptions): Paper[] {
  const matches = queryMatcher(query)
  return sortPapers(
    papers.filter((paper) => isInView(paper, view, options) && hasTags(paper, tags) && matches(paper)),
    sort,
  )
}

/** Every tag on the shelf with how many papers carry it, most used first; one spelling per tag. */
export function tagCensus(papers: readonly Paper[]): { tag: string; count: number }[] {
  const census = new Map<string, { tag: string; count: number }>()
  for (const paper of papers) {
    for (const tag of presentTags(paper.marks.tags.value)) {
      const entry = census.get(tagIdentity(tag))
      if (entry) entry.count += 1
      else census.set(tagIdentity(tag), { tag, count: 1 })
    }
  }
  return [...census.values()].sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag))
}
