/**
 * How much of the main thread re-reading the page may take over time. Work is spent from a bucket
 * that holds `burstMs` and refills at `share` of the time passing: a page that changes now and
 * then is re-read at once, and one that changes every frame (by design, or to fight the controls)
 * gets re-read only as often as keeps the extension below that share of one core.
 */
export class ScanBudget {
  private available: number
  private at: number

  constructor(
    private readonly now: () => number,
    private readonly burstMs = 200,
    private readonly share = 0.003,
  ) {
    this.available = burstMs
    this.at = now()
  }

  /** How long to wait before the next scan may start: 0 while the bucket is not overdrawn. */
  wait(): number {
    this.refill()
    return this.available >= 0 ? 0 : Math.ceil(-this.available / this.share)
  }

  /** Runs `work`, taking the time it took. */
  timed<T>(work: () => T): T {
    const start = this.now()
    try {
      return work()
    } finally {
      this.spend(this.now() - start)
    }
  }

  /** Takes main-thread time spent elsewhere. */
  spend(ms: number): void {
    this.refill()
    this.available -= ms
  }

  private refill(): void {
    const now = this.now()
    this.available = Math.min(this.burstMs, this.available + (now - this.at) * this.share)
    this.at = now
  }
}
