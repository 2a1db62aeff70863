import type { Paper } from '../core/paper'
import { prepareSearch } from '../core/reading-list'

/** Papers whose search text is folded in one task (~10 ms for 500). */
const PREPARED_PER_TASK = 500

/**
 * Folds every paper's search text in short tasks after a list is shown, so that the first keystroke
 * finds it ready and no task is long. `stopped` ends the work early (the view went away).
 */
export function prepareSearchSoon(papers: readonly Paper[], stopped: () => boolean): void {
  const step = (start: number) => {
    if (stopped() || start >= papers.length) return
    prepareSearch(papers.slice(start, start + PREPARED_PER_TASK))
    setTimeout(() => step(start + PREPARED_PER_TASK), 0)
  }
  setTimeout(() => step(0), 0)
}
