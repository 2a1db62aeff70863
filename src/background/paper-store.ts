import type { Flags, Paper, PaperKey, PaperRef, PaperState } from '../core/paper'
import { isOnShelf, stateOf } from '../core/paper'
import { mergeBackup } from '../core/backup/merge'
import { mergeRef, newPaper, withFlags } from '../core/shelf'
import type { ImportSummary } from '../platform/protocol'
import type { ShelfDatabase } from './database'

export class UnknownPaperError extends Error {
  constructor(key: PaperKey) {
    super(`Paper ${key} is not on the shelf and no details were sent to add it.`)
  }
}

/** Every read and write of the shelf. Each method is one short transaction. */
export class PaperStore {
  constructor(
    private readonly db: ShelfDatabase,
    private readonly clock: () => number = Date.now,
  ) {}

  /** States of the papers among `keys` that are on the shelf; unknown keys are left out. */
  async lookup(keys: readonly PaperKey[]): Promise<PaperState[]> {
    // A key-range walk costs what the shelf holds of these keys, where one get per key costs per card.
    const papers = await this.db.papers.where(':id').anyOf([...new Set(keys)]).toArray()
    return papers.map(stateOf)
  }

  /** Sets flags on a paper, adding it from `ref` when it is new. */
  async setFlags(key: PaperKey, changes: Partial<Flags>, ref?: PaperRef): Promise<Paper> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const now = this.clock()
      const stored = await this.db.papers.get(key)
      let paper: Paper
      if (stored) paper = ref ? mergeRef(stored, ref, now) : stored
      else if (ref) paper = newPaper(ref, now)
      else throw new UnknownPaperError(key)
      const next = withFlags(paper, changes, now)
      await this.db.papers.put(next)
      return next
    })
  }

  /** Completes stored papers with details from a page. Papers not on the shelf are ignored. */
  async remember(refs: readonly PaperRef[]): Promise<Paper[]> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const now = this.clock()
      const stored = await this.db.papers.bulkGet(refs.map((ref) => ref.key))
      const changed: Paper[] = []
      refs.forEach((ref, index) => {
        const paper = stored[index]
        if (!paper) return
        const merged = mergeRef(paper, ref, now)
        if (merged !== paper) changed.push(merged)
      })
      if (changed.length > 0) await this.db.papers.bulkPut(changed)
      return changed
    })
  }

  /**
   * Merges papers from a validated backup in one transaction, so an import is all or nothing.
   * Returns what changed, for the summary and for the other pages.
   */
  async importPapers(papers: readonly Paper[]): Promise<ImportSummary & { changed: Paper[] }> {
    return this.db.transaction('rw', this.db.papers, async () => {
      const stored = await this.db.papers.bulkGet(papers.map((paper) => paper.key))
      const existing = stored.filter((paper): paper is Paper => paper !== undefined)
      const { papers: changed, added, updated, unchanged } = mergeBackup(existing, papers)
      if (changed.length > 0) await this.db.papers.bulkPut(changed)
      return { changed, added, updated, unchanged }
    })
  }

  /** Every paper that is starred or read. */
  async shelf(): Promise<Paper[]> {
    const papers = await this.db.papers.toArray()
    return papers.filter(isOnShelf)
  }
}
