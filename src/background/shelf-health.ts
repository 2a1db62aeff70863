import { isRecord } from '../core/validation'
import type { LocalArea } from '../platform/local-storage'
import type { Push, ShelfHealth } from '../platform/protocol'
import type { ShelfHealthSource } from './router'

const SIZE_KEY = 'shelfSize'
const LOSS_KEY = 'shelfLoss'

/** How long after papers changed the shelf is counted again: one count for a burst of toggles. */
export const RECOUNT_DELAY_MS = 3000

/** How many papers the database held, and when they were counted. */
interface ShelfSize {
  papers: number
  at: number
}

function asShelfSize(value: unknown): ShelfSize | undefined {
  return isRecord(value) && Number.isSafeInteger(value.papers) && Number.isFinite(value.at) ? (value as unknown as ShelfSize) : undefined
}

export interface ShelfHealthDeps {
  /** How many papers the database holds. */
  countPapers(): Promise<number>
  /** Where the shelf's size is kept: outside the database, so that it outlives the database's loss. */
  area: LocalArea
  clock?: () => number
}

/**
 * Notices a shelf that lost its papers without the reader deleting them: its database cleared or
 * damaged, opened empty. The shelf's size is kept outside the database, counted again a few seconds
 * after papers changed and at once after a deletion (so that deleting everything is never taken for
 * a loss). The first time the worker answers after the database opened, a shelf that held papers and
 * now holds none is recorded as lost, until the reader dismisses it or the shelf holds as many
 * papers again (a backup restored).
 */
export class ShelfHealthRecord implements ShelfHealthSource {
  private compared: Promise<void> | undefined
  private recountTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly deps: ShelfHealthDeps) {}

  /** Compares the shelf with its size remembered, once until `compareAgain`; a comparison that failed is made again next time. */
  compare(): Promise<void> {
    this.compared ??= this.compareOnce().catch((error: unknown) => {
      this.compared = undefined
      throw error
    })
    return this.compared
  }

  /** The database was closed (it failed, or the browser closed it): it may open as another, empty one. */
  compareAgain(): void {
    this.compared = undefined
  }

  /** Counts the shelf again after a change: soon after papers changed, at once after papers were deleted. */
  observe(push: Push): void {
    if (push.type === 'papersDeleted') {
      void this.recount().catch(() => undefined)
    } else if (push.type === 'papersChanged') {
      this.recountTimer ??= setTimeout(() => {
        this.recountTimer = undefined
        void this.recount().catch(() => undefined)
      }, RECOUNT_DELAY_MS)
    }
  }

  /** What the reader is told about the shelf's storage. */
  async report(): Promise<ShelfHealth> {
    await this.compare()
    const lost = asShelfSize(await this.deps.area.get(LOSS_KEY))
    if (!lost) return {}
    const papers = await this.deps.countPapers()
    if (papers < lost.papers) return { lostPapers: lost.papers, lostSince: lost.at, papersNow: papers }
    await this.deps.area.remove(LOSS_KEY)
    return {}
  }

  /** Forgets that the shelf lost papers: the reader knows. */
  async dismiss(): Promise<ShelfHealth> {
    await this.deps.area.remove(LOSS_KEY)
    return {}
  }

  private async compareOnce(): Promise<void> {
    const [remembered, papers] = await Promise.all([this.deps.area.get(SIZE_KEY).then(asShelfSize), this.deps.countPapers()])
    if (remembered && remembered.papers > 0 && papers === 0) await this.deps.area.set(LOSS_KEY, remembered)
    await this.remember(papers)
  }

  private async recount(): Promise<void> {
    await this.compare()
    await this.remember(await this.deps.countPapers())
  }

  private remember(papers: number): Promise<void> {
    const size: ShelfSize = { papers, at: (this.deps.clock ?? Date.now)() }
    return this.deps.area.set(SIZE_KEY, size)
  }
}

/**
 * Passes every request on to `next` once the shelf was compared with its size remembered: no write
 * of this worker's may come before the comparison. A comparison that fails (the database does not
 * open) is made again by the next request.
 */
export function comparedFirst<Args extends unknown[], R>(
  health: ShelfHealthRecord,
  next: (...args: Args) => Promise<R>,
): (...args: Args) => Promise<R> {
  return async (...args) => {
    await health.compare().catch(() => undefined)
    return next(...args)
  }
}
