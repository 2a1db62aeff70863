import { mergeBackup } from '../core/backup/merge'
import { baseCitationKey, citationKeyProblem, settleCitationKeys, type CitationKeyHolders } from '../core/export/citation-keys'
import { hasAnyMark, initialMarks, withMarkValues } from '../core/marks'
import type { MarkChanges, Paper, PaperKey, PaperMarks, PaperRecord, PaperRef } from '../core/paper'
import { mergeRef, newPaper } from '../core/shelf'
import { clampText } from '../core/text'
import type { ImportSummary } from '../platform/protocol'
import type { ShelfDatabase } from './database'

export class UnknownPaperError extends Error {
  constructor(key: PaperKey) {
    super(`Paper ${key} is not on the shelf and no details were sent to add it.`)
  }
}

function joined(record: PaperRecord, marks: PaperMarks | undefined): Paper {
  return { ...record, marks: marks?.marks ?? initialMarks() }
}

function split({ marks, ...record }: Paper): [PaperRecord, PaperMarks] {
  return [record, { key: record.key, marks }]
}

/** Every read and write of the shelf. Each method is one short transaction. */
export class PaperStore {
  constructor(
    private readonly db: ShelfDatabase,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The marks of the papers among `keys` that the shelf knows; unknown keys are left out. */
  async lookup(keys: readonly PaperKey[]): Promise<PaperMarks[]> {
    // A key-range walk costs what the shelf holds of these keys, where one get per key costs per card.
    return this.db.marks
      .where(':id')
      .anyOf([...new Set(keys)])
      .toArray()
  }

  /** Sets marks on a paper, adding it from `ref` when it is new. */
  async setMarks(key: PaperKey, changes: MarkChanges, ref?: PaperRef): Promise<Paper> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, async () => {
      const now = this.clock()
      const [stored, storedMarks] = await Promise.all([this.db.papers.get(key), this.db.marks.get(key)])
      let record: PaperRecord
      if (stored) record = ref ? mergeRef(stored, ref, now) : stored
      else if (ref) record = newPaper(ref, now)
      else throw new UnknownPaperError(key)
      if (!record.citationKey) record = await this.withCitationKey(record)
      const paper: Paper = { ...record, marks: withMarkValues(storedMarks?.marks ?? initialMarks(), changes, now) }
      const [nextRecord, nextMarks] = split(paper)
      if (record !== stored) await this.db.papers.put(nextRecord)
      await this.db.marks.put(nextMarks)
      return paper
    })
  }

  /** The record with a citation key no other paper holds. */
  private async withCitationKey(record: PaperRecord): Promise<PaperRecord> {
    // Every key that could clash with this one starts with its base key.
    const clashing = await this.db.papers.where('citationKey.value').startsWithIgnoreCase(baseCitationKey(record)).toArray()
    const holders: CitationKeyHolders = new Map(clashing.map((other) => [other.citationKey!.value.toLowerCase(), other.key]))
    return settleCitationKeys([record], holders)[0]!
  }

  /** Every citation key on the shelf and the paper holding it. */
  private async citationKeyHolders(): Promise<CitationKeyHolders> {
    const byKey = this.db.papers.orderBy('citationKey.value')
    const [keys, holders] = await Promise.all([byKey.keys(), byKey.primaryKeys()])
    return new Map(keys.map((citationKey, index) => [String(citationKey).toLowerCase(), holders[index]!]))
  }

  /**
   * Gives a paper the citation key the reader chose. Refused when the key is malformed or another
   * paper holds it (ignoring case, as BibTeX does).
   */
  async setCitationKey(key: PaperKey, citationKey: string): Promise<Paper> {
    const problem = citationKeyProblem(citationKey)
    if (problem) throw new Error(problem)
    return this.db.transaction('rw', this.db.papers, this.db.marks, async () => {
      const [record, marks] = await Promise.all([this.db.papers.get(key), this.db.marks.get(key)])
      if (!record) throw new UnknownPaperError(key)
      const holder = await this.db.papers.where('citationKey.value').equalsIgnoreCase(citationKey).first()
      if (holder && holder.key !== key) throw new Error(`${citationKey} is already the citation key of “${clampText(holder.title, 80)}”.`)
      if (record.citationKey?.value === citationKey) return joined(record, marks)
      const at = Math.max(this.clock(), (record.citationKey?.at ?? 0) + 1)
      const next: PaperRecord = { ...record, citationKey: { value: citationKey, at } }
      await this.db.papers.put(next)
      return joined(next, marks)
    })
  }

  /** Completes stored papers with details from a page. Papers not on the shelf are ignored. */
  async remember(refs: readonly PaperRef[]): Promise<Paper[]> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, async () => {
      const now = this.clock()
      const stored = await this.db.papers.bulkGet(refs.map((ref) => ref.key))
      const changed: PaperRecord[] = []
      refs.forEach((ref, index) => {
        const record = stored[index]
        if (!record) return
        const merged = mergeRef(record, ref, now)
        if (merged !== record) changed.push(merged)
      })
      if (changed.length === 0) return []
      await this.db.papers.bulkPut(changed)
      const marks = await this.db.marks.bulkGet(changed.map((record) => record.key))
      return changed.map((record, index) => joined(record, marks[index]))
    })
  }

  /**
   * Merges papers from a validated backup in one transaction, so an import is all or nothing.
   * Returns what changed, for the summary and for the other pages.
   */
  async importPapers(papers: readonly Paper[]): Promise<ImportSummary & { changed: Paper[] }> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, async () => {
      const keys = papers.map((paper) => paper.key)
      const [records, marks] = await Promise.all([this.db.papers.bulkGet(keys), this.db.marks.bulkGet(keys)])
      const existing = records.flatMap((record, index) => (record ? [joined(record, marks[index])] : []))
      const merged = mergeBackup(existing, papers)
      const { added, updated, unchanged } = merged
      const changed = merged.papers.length > 0 ? settleCitationKeys(merged.papers, await this.citationKeyHolders()) : []
      if (changed.length > 0) {
        const parts = changed.map(split)
        await this.db.papers.bulkPut(parts.map(([record]) => record))
        await this.db.marks.bulkPut(parts.map(([, paperMarks]) => paperMarks))
      }
      return { changed, added, updated, unchanged }
    })
  }

  /** Every paper that carries a mark. */
  async shelf(): Promise<Paper[]> {
    return this.db.transaction('r', this.db.papers, this.db.marks, async () => {
      // Two table reads beat a lookup per key on a shelf of thousands.
      const [records, marks] = await Promise.all([this.db.papers.toArray(), this.db.marks.toArray()])
      const marksByKey = new Map(marks.map((entry) => [entry.key, entry]))
      const papers: Paper[] = []
      for (const record of records) {
        const entry = marksByKey.get(record.key)
        if (entry && hasAnyMark(entry.marks)) papers.push({ ...record, marks: entry.marks })
      }
      return papers
    })
  }
}
