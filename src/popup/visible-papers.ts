import type { Paper, PaperKey } from '../core/paper'
import { matchesQuery, papersInView, viewTime, type ShelfView, type ViewOptions } from '../core/reading-list'

/**
 * The papers a view shows: those in the view that match the query (newest first), plus the
 * "pinned" papers whose toggle the user just changed in the popup, so a paper does not vanish
 * under the pointer and the change can be undone. A pinned paper keeps the sort time it had
 * when it was pinned, so it also stays in place. `shown` is `papersInView` of the same arguments,
 * when the caller has it already.
 */
export function visiblePapers(
  papers: readonly Paper[],
  view: ShelfView,
  query: string,
  pinned: ReadonlyMap<PaperKey, number>,
  options?: ViewOptions,
  shown: Paper[] = papersInView(papers, view, query, options),
): Paper[] {
  if (pinned.size === 0) return shown
  const shownKeys = new Set(shown.map((paper) => paper.key))
  const extras = papers.filter((paper) => pinned.has(paper.key) && !shownKeys.has(paper.key) && matchesQuery(paper, query))
  const time = (paper: Paper) => pinned.get(paper.key) ?? viewTime(paper, view)
  return [...shown, ...extras].sort((a, b) => time(b) - time(a) || a.title.localeCompare(b.title))
}
