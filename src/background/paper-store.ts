import { mergeBackup, mergePaper, samePaper } from '../core/backup/merge'
import { baseCitationKey, citationKeyProblem, settleCitationKeys, type CitationKeyHolders } from '../core/export/citation-keys'
import { changesClearing, changesSetting, hasAnyMark, initialMarks, lastChangedAt, withMarkValues } from '../core/marks'
import { identifiersOf, isSharedKey } from '../core/identity'
import type { CardIdentity, FoundMarks, MarkChanges, Paper, PaperKey, PaperMarks, PaperRecord, PaperRef } from '../core/paper'
import { mergeRef, newPaper } from '../core/shelf'
import { clampText } from '../core/text'
import { titleMatchKey } from '../core/title-match'
import type { ImportSummary, RecentOrder } from '../platform/protocol'
import type { Table } from 'dexie'
import { paperTitle, type ShelfDatabase } from './database'

/** Told how many of an import's changed papers are written, of how many. */
export type SaveProgress = (saved: number, total: number) => void

/** Papers an import writes at a time: enough to keep IndexedDB busy, few enough to report progress every second or so. */
const PAPERS_PER_WRITE = 2000

export class UnknownPaperError extends Error {
  constructor(key: PaperKey) {
    super(`Paper ${key} is not on the shelf and no details were sent to add it.`)
  }
}

export interface LookupResult {
  found: FoundMarks[]
  siteOnly: boolean
}

/** A title match never joins two papers that each have an arXiv id or DOI: those would share it. */
function titleMatchAllowed(key: PaperKey, other: PaperKey): boolean {
  return !isSharedKey(key) || !isSharedKey(other)
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

  /**
   * The marks of the papers among `keys` that the shelf knows, found by key, else by the card's
   * other identifiers, else by its title match key; unknown keys are left out. `siteOnly` says
   * whether the shelf holds papers known only by a site's own id, which a card showing an arXiv id
   * or DOI can find only by title.
   */
  async lookup(keys: readonly PaperKey[], identities: readonly CardIdentity[] = []): Promise<LookupResult> {
    return this.db.transaction('r', this.db.papers, this.db.marks, this.db.titles, async () => {
      const asked = [...new Set(keys)]
      // A key-range walk costs what the shelf holds of these keys, where one get per key costs per card.
      const [direct, siteOnly] = await Promise.all([this.db.marks.where(':id').anyOf(asked).toArray(), this.holdsSiteOnlyPapers()])
      const found: FoundMarks[] = direct
      const missing = new Set(asked.filter((key) => !direct.some((entry) => entry.key === key)))
      const elsewhere = identities.filter((identity) => missing.has(identity.key))
      if (elsewhere.length === 0) return { found, siteOnly }
      const byId = await this.recordKeysByIdentifier(elsewhere.flatMap((identity) => identifiersOf(identity)))
      const byTitle = await this.recordKeysByTitle(elsewhere.flatMap((identity) => identity.titleKey ?? []))
      const resolved = new Map<PaperKey, PaperKey>()
      for (const identity of elsewhere) {
        const paper =
          identifiersOf(identity)
            .map((id) => byId.get(id))
            .find(Boolean) ??
          (identity.titleKey ? byTitle.get(identity.titleKey)?.find((key) => titleMatchAllowed(identity.key, key)) : undefined)
        if (paper) resolved.set(identity.key, paper)
      }
      const marks = await this.db.marks.bulkGet([...resolved.values()])
      ;[...resolved].forEach(([key, paper], index) => {
        const entry = marks[index]
        if (entry) found.push({ key, marks: entry.marks, paper })
      })
      return { found, siteOnly }
    })
  }

  /** The stored paper each identifier names, as its key or as one of its aliases. */
  private async recordKeysByIdentifier(ids: readonly PaperKey[]): Promise<Map<PaperKey, PaperKey>> {
    const byId = new Map<PaperKey, PaperKey>()
    if (ids.length === 0) return byId
    const unique = [...new Set(ids)]
    const [keys] = await Promise.all([
      this.db.marks.where(':id').anyOf(unique).primaryKeys(),
      this.db.papers
        .where('aliases')
        .anyOf(unique)
        .eachKey((alias, cursor) => void byId.set(String(alias), String(cursor.primaryKey))),
    ])
    for (const key of keys) byId.set(key, key)
    return byId
  }

  /** The stored papers with each title match key. */
  private async recordKeysByTitle(titleKeys: readonly string[]): Promise<Map<string, PaperKey[]>> {
    const byTitle = new Map<string, PaperKey[]>()
    if (titleKeys.length === 0) return byTitle
    await this.db.titles
      .where('titleKey')
      .anyOf([...new Set(titleKeys)])
      .each((row) => byTitle.set(row.titleKey, [...(byTitle.get(row.titleKey) ?? []), row.key]))
    return byTitle
  }

  /** Whether any stored paper is keyed by a site's own id (no arXiv id, no DOI). */
  private async holdsSiteOnlyPapers(): Promise<boolean> {
    const keys = () => this.db.marks.where(':id')
    // Keys sort by kind: the site kinds lie below `arxiv:`, between the arXiv and DOI kinds, and above `doi:`.
    const ranges = [keys().below('arxiv:'), keys().between('arxiv;', 'doi:'), keys().aboveOrEqual('doi;')]
    const firsts = await Promise.all(ranges.map((range) => range.limit(1).primaryKeys()))
    return firsts.some((first) => first.length > 0)
  }

  /** The stored records any of these identifiers names, as its key or one of its aliases, each once. */
  private async recordsNamedBy(ids: readonly PaperKey[]): Promise<PaperRecord[]> {
    const [byKey, byAlias] = await Promise.all([
      this.db.papers.bulkGet([...ids]),
      this.db.papers
        .where('aliases')
        .anyOf([...ids])
        .toArray(),
    ])
    return [...new Map([...byKey, ...byAlias].flatMap((record) => (record ? [[record.key, record] as const] : []))).values()]
  }

  /**
   * The stored papers that are the paper with these identifiers: by key or alias, else by title
   * match key. Several are one paper found under different identifiers.
   */
  private async samePapers(ids: readonly PaperKey[], titleKey: string | undefined): Promise<Paper[]> {
    let records = await this.recordsNamedBy(ids)
    if (records.length === 0 && titleKey !== undefined) {
      const keys = (await this.db.titles.where('titleKey').equals(titleKey).primaryKeys()).filter((key) => titleMatchAllowed(ids[0]!, key))
      records = (await this.db.papers.bulkGet(keys)).filter((record): record is PaperRecord => record !== undefined)
    }
    const marks = await this.db.marks.bulkGet(records.map((record) => record.key))
    return records.map((record, index) => joined(record, marks[index]))
  }

  /** Writes a paper that replaces `same` (the papers it was found to be), deleting those stored under other keys. */
  private async replace(same: readonly Paper[], paper: Paper): Promise<void> {
    const gone = same.map((other) => other.key).filter((key) => key !== paper.key)
    const [record, marks] = split(paper)
    await Promise.all([this.db.papers.bulkDelete(gone), this.db.marks.bulkDelete(gone), this.db.titles.bulkDelete([...gone, paper.key])])
    await Promise.all([this.db.papers.put(record), this.db.marks.put(marks), this.db.titles.bulkPut(paperTitle(record))])
  }

  /**
   * Sets marks on a paper, found by `key` or by any identifier or the title of `ref`, and adding
   * it from `ref` when it is new. Papers found to be one are merged, nothing lost.
   */
  async setMarks(key: PaperKey, changes: MarkChanges, ref?: PaperRef): Promise<Paper> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, this.db.titles, async () => {
      const now = this.clock()
      const same = await this.samePapers(ref ? identifiersOf(ref) : [key], ref && titleMatchKey(ref.title, ref.authors))
      const [only] = same
      let paper: Paper
      if (same.length > 0) paper = same.reduce((merged, other) => mergePaper(merged, other))
      else if (ref) paper = newPaper(ref, now)
      else throw new UnknownPaperError(key)
      if (ref) paper = mergeRef(paper, ref, now)
      if (!paper.citationKey) paper = { ...(await this.withCitationKey(paper)), marks: paper.marks }
      paper = { ...paper, marks: withMarkValues(paper.marks, changes, now, paper.version) }
      if (same.length === 1 && only && only.key === paper.key && samePaper(only, { ...paper, marks: only.marks })) {
        await this.db.marks.put(split(paper)[1])
      } else {
        await this.replace(same, paper)
      }
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

  /**
   * Completes stored papers with details and identifiers from a page, merging papers the page shows
   * to be one. Papers not on the shelf are ignored.
   */
  async remember(refs: readonly PaperRef[]): Promise<Paper[]> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, this.db.titles, async () => {
      const now = this.clock()
      const changed = new Map<PaperKey, Paper>()
      for (const ref of refs) {
        const same = await this.samePapers(identifiersOf(ref), titleMatchKey(ref.title, ref.authors))
        if (same.length === 0) continue
        const merged = mergeRef(
          same.reduce((paper, other) => mergePaper(paper, other)),
          ref,
          now,
        )
        const [only] = same
        if (same.length === 1 && only && samePaper(only, merged)) continue
        await this.replace(same, merged)
        for (const other of same) changed.delete(other.key)
        changed.set(merged.key, merged)
      }
      return [...changed.values()]
    })
  }

  /**
   * Merges papers from a validated backup in one transaction, so an import is all or nothing.
   * Returns what changed, for the summary and for the other pages. Long imports write in parts,
   * telling `onProgress` how many papers are written after each.
   */
  async importPapers(papers: readonly Paper[], onProgress?: SaveProgress): Promise<ImportSummary & { changed: Paper[] }> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, this.db.titles, async () => {
      const ids = [...new Set(papers.flatMap((paper) => identifiersOf(paper)))]
      const records = await this.recordsNamedBy(ids)
      const marks = await this.db.marks.bulkGet(records.map((record) => record.key))
      const existing = records.map((record, index) => joined(record, marks[index]))
      const merged = mergeBackup(existing, papers)
      const { added, updated, unchanged, removed } = merged
      const changed = merged.papers.length > 0 ? settleCitationKeys(merged.papers, await this.citationKeyHolders()) : []
      if (removed.length > 0) {
        await Promise.all([this.db.papers.bulkDelete(removed), this.db.marks.bulkDelete(removed), this.db.titles.bulkDelete(removed)])
      }
      for (let start = 0; start < changed.length; start += PAPERS_PER_WRITE) {
        await this.write(changed.slice(start, start + PAPERS_PER_WRITE))
        onProgress?.(Math.min(start + PAPERS_PER_WRITE, changed.length), changed.length)
      }
      return { changed, added, updated, unchanged }
    })
  }

  /** Writes whole papers over what is stored under their keys; in a transaction of the caller's. */
  private async write(papers: readonly Paper[]): Promise<void> {
    const parts = papers.map(split)
    const records = parts.map(([record]) => record)
    const titles = records.flatMap(paperTitle)
    const titled = new Set(titles.map((title) => title.key))
    const untitled = records.flatMap((record) => (titled.has(record.key) ? [] : [record.key]))
    await this.db.papers.bulkPut(records)
    await this.db.marks.bulkPut(parts.map(([, paperMarks]) => paperMarks))
    // A title too short to match by leaves no row: remove the one an earlier title had.
    if (untitled.length > 0) await this.db.titles.bulkDelete(untitled)
    await this.db.titles.bulkPut(titles)
  }

  /**
   * Deletes the papers stored under `keys`; returns them as they were, for an undo. When the deletion
   * must reach other devices (`keepCleared`), the papers stay with every mark cleared, stamped now, so
   * that a merge with an older copy cannot bring them back.
   */
  async deletePapers(keys: readonly PaperKey[], { keepCleared = false } = {}): Promise<Paper[]> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, this.db.titles, async () => {
      const [records, marks] = await Promise.all([this.db.papers.bulkGet([...keys]), this.db.marks.bulkGet([...keys])])
      const deleted = records.flatMap((record, index) => (record ? [joined(record, marks[index])] : []))
      const stored = deleted.map((paper) => paper.key)
      if (keepCleared) {
        const now = this.clock()
        const clearing = changesClearing()
        await this.db.marks.bulkPut(deleted.map((paper) => ({ key: paper.key, marks: withMarkValues(paper.marks, clearing, now) })))
      } else {
        await Promise.all([this.db.papers.bulkDelete(stored), this.db.marks.bulkDelete(stored), this.db.titles.bulkDelete(stored)])
      }
      return deleted
    })
  }

  /**
   * Puts deleted papers back as they were. Where the shelf kept one with its marks cleared, its
   * marks are set again now, later than the clearing, so that the other devices take them back too.
   */
  async restorePapers(papers: readonly Paper[]): Promise<ImportSummary & { changed: Paper[] }> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, this.db.titles, async () => {
      const now = this.clock()
      const stored = await this.db.marks.bulkGet(papers.map((paper) => paper.key))
      const restored = papers.map((paper, index) => {
        const kept = stored[index]
        return kept ? { ...paper, marks: withMarkValues(kept.marks, changesSetting(paper.marks), now, paper.version) } : paper
      })
      return this.importPapers(restored)
    })
  }

  /**
   * Merges papers from sync storage like a backup's, leaving out those new to this shelf that carry
   * no mark: another device cleared them, and this one never had them.
   */
  async mergeSynced(papers: readonly Paper[]): Promise<Paper[]> {
    return this.db.transaction('rw', this.db.papers, this.db.marks, this.db.titles, async () => {
      const cleared = papers.filter((paper) => !hasAnyMark(paper.marks))
      const known = new Set(
        (await this.recordsNamedBy(cleared.flatMap((paper) => identifiersOf(paper)))).flatMap((record) => identifiersOf(record)),
      )
      const wanted = papers.filter((paper) => hasAnyMark(paper.marks) || identifiersOf(paper).some((id) => known.has(id)))
      return wanted.length > 0 ? (await this.importPapers(wanted)).changed : []
    })
  }

  /**
   * What syncing needs of the shelf: how many papers carry a mark, and the `limit` papers whose marks
   * changed last (set or cleared), newest first.
   */
  async recentlyChanged(limit: number): Promise<{ onShelf: number; papers: Paper[] }> {
    return this.db.transaction('r', this.db.papers, this.db.marks, async () => {
      const all = await this.db.marks.toArray()
      let onShelf = 0
      const changed: Array<{ entry: PaperMarks; at: number }> = []
      for (const entry of all) {
        if (hasAnyMark(entry.marks)) onShelf += 1
        const at = lastChangedAt(entry.marks)
        if (at > 0) changed.push({ entry, at })
      }
      const recent = changed.sort((a, b) => b.at - a.at).slice(0, limit)
      const records = await this.db.papers.bulkGet(recent.map(({ entry }) => entry.key))
      return { onShelf, papers: records.flatMap((record, index) => (record ? [joined(record, recent[index]!.entry)] : [])) }
    })
  }

  /** The `limit` papers that carry a mark and were added last (or that were starred last), newest first. */
  async recent(limit: number, order: RecentOrder): Promise<Paper[]> {
    return order === 'starred' ? this.starredLast(limit) : this.addedLast(limit)
  }

  private async starredLast(limit: number): Promise<Paper[]> {
    return this.db.transaction('r', this.db.papers, this.db.marks, async () => {
      // Papers unstarred since are passed over: as rare as papers whose marks were all cleared.
      const starred = await this.db.marks
        .orderBy('marks.starred.at')
        .reverse()
        .filter((entry) => entry.marks.starred.value)
        .limit(limit)
        .toArray()
      const records = await this.db.papers.bulkGet(starred.map((entry) => entry.key))
      return records.flatMap((record, index) => (record ? [joined(record, starred[index])] : []))
    })
  }

  private async addedLast(limit: number): Promise<Paper[]> {
    return this.db.transaction('r', this.db.papers, this.db.marks, async () => {
      const papers: Paper[] = []
      // Papers without marks are rare (every mark cleared): read a page more than asked until enough are found.
      for (let offset = 0; papers.length < limit; offset += limit) {
        const records = await this.db.papers.orderBy('addedAt').reverse().offset(offset).limit(limit).toArray()
        if (records.length === 0) break
        const marks = await this.db.marks.bulkGet(records.map((record) => record.key))
        records.forEach((record, index) => {
          const entry = marks[index]
          if (entry && hasAnyMark(entry.marks) && papers.length < limit) papers.push({ ...record, marks: entry.marks })
        })
      }
      return papers
    })
  }

  /**
   * Up to `limit` papers the shelf knows, those with every mark cleared included, in key order from
   * the first key after `after`; `more` says whether papers follow.
   */
  async page(after: PaperKey | undefined, limit: number): Promise<{ papers: Paper[]; more: boolean }> {
    return this.db.transaction('r', this.db.papers, this.db.marks, async () => {
      const range = <T>(table: Table<T, string>) => (after === undefined ? table.toCollection() : table.where(':id').above(after))
      // Two key-range reads beat a lookup per key; both tables hold the same keys.
      const [records, marks] = await Promise.all([
        range(this.db.papers)
          .limit(limit + 1)
          .toArray(),
        range(this.db.marks)
          .limit(limit + 1)
          .toArray(),
      ])
      const marksByKey = new Map(marks.map((entry) => [entry.key, entry]))
      const papers = records.slice(0, limit).map((record) => joined(record, marksByKey.get(record.key)))
      return { papers, more: records.length > limit }
    })
  }
}
