import type { SyncStatus } from '../platform/protocol'
import { formatMoment } from './format'

/** How syncing reaches the popup: its status now, and each change of it. */
export interface SyncStatusFeed {
  current(): Promise<SyncStatus>
  subscribe(listener: (status: SyncStatus) => void): () => void
}

const count = (n: number) => `${n.toLocaleString('en')} paper${n === 1 ? '' : 's'}`

/** What Settings says of syncing: whether it works, how much of the shelf syncs, and when it last did. */
export function syncStatusText(status: SyncStatus, now: number = Date.now()): string {
  if (!status.on) return 'Sync is off: your shelf stays on this computer.'
  const parts: string[] = []
  if (status.problem) parts.push(status.problem)
  const { onShelf, synced } = status
  if (onShelf === undefined || synced === undefined) parts.push('Syncing…')
  else if (onShelf === 0) parts.push('Your shelf is empty here; papers you star or mark read will sync.')
  else if (synced >= onShelf) parts.push(onShelf === 1 ? 'The paper on your shelf syncs.' : `All ${count(onShelf)} on your shelf sync.`)
  else {
    parts.push(
      `${synced.toLocaleString('en')} of ${count(onShelf)} sync: those you changed most recently. Your browser’s sync holds about 100 KB for Paper Shelf; the other ${count(onShelf - synced)} stay on this computer.`,
    )
  }
  if (status.lastSyncAt !== undefined) parts.push(`Last synced ${formatMoment(status.lastSyncAt, now)}.`)
  return parts.join(' ')
}
