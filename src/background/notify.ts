import { LIMITS } from '../core/limits'
import { inMessageParts } from '../core/message-parts'
import type { Paper } from '../core/paper'
import type { Push } from '../platform/protocol'

/** Pushes a change to every tab and extension page. */
export type Notify = (push: Push) => void

/** Tells every page of a change, a large one in as few messages as fit in the browsers' size limit. */
export function notifyChanged(notify: Notify, papers: readonly Paper[]): void {
  for (const part of inMessageParts(papers, LIMITS.papersPerPush)) notify({ type: 'papersChanged', papers: part })
}
