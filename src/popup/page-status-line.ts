import type { PageStatus } from '../platform/page-status'

export const LAYOUT_NOT_RECOGNISED =
  "This page's layout was not recognised, so Paper Shelf shows no Star or Read on it. The site may have changed."

/**
 * Shows, in `line` (a `role="status"` element, hidden until then), what the popup knows about the
 * page in the active tab: only a supported page whose layout was not recognised has something to say.
 */
export async function showPageStatus(line: HTMLElement, status: Promise<PageStatus | undefined>): Promise<void> {
  const page = await status.catch(() => undefined)
  if (page?.layout !== 'notRecognised') return
  line.textContent = LAYOUT_NOT_RECOGNISED
  line.hidden = false
}
