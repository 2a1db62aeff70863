import type { PaperKey } from '../core/paper'

/** How long seen papers gather before they are saved together. */
export const RECORD_DELAY_MS = 2000

export interface SeenRecorderDeps {
  /** Saves that the papers `keys` were seen on the listing called `place`. */
  record(keys: PaperKey[], place: string): Promise<void>
  report(what: string, error: unknown): void
}

/**
 * Gathers the papers seen on a page and saves them in one message every `RECORD_DELAY_MS` at most,
 * never one per card; what is pending is saved at once when the listing changes or the page goes away.
 */
export class SeenRecorder {
  private pending = new Set<PaperKey>()
  private place = ''
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly deps: SeenRecorderDeps) {}

  /** The papers `keys` were seen now on the listing called `place`. */
  saw(keys: Iterable<PaperKey>, place: string): void {
    if (place !== this.place) this.flush()
    this.place = place
    for (const key of keys) this.pending.add(key)
    if (this.pending.size > 0) this.timer ??= setTimeout(() => this.flush(), RECORD_DELAY_MS)
  }

  /** Saves what is pending now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.size === 0) return
    const keys = [...this.pending]
    this.pending = new Set()
    this.deps.record(keys, this.place).catch((error: unknown) => this.deps.report('could not remember the papers seen', error))
  }
}
