import { LIMITS } from '../core/limits'
import {
  applyChange,
  hasAnyMark,
  initialMarks,
  MARK_IDS,
  mergeMarks,
  valuesOf,
  type MarkId,
  type Marks,
  type MarkValues,
  type ToggleId,
} from '../core/marks'
import { isSharedKey } from '../core/identity'
import type { CardIdentity, FoundMarks, MarkChanges, Paper, PaperKey, PaperRef } from '../core/paper'
import { RefusedRequest, type ImportSummary, type RecentOrder, type RequestFn } from '../platform/protocol'

/** How a client reaches the background: requests, and the changes it pushes. */
export interface ShelfTransport {
  request: RequestFn
  /** Calls the listener with every change the background pushes; returns the unsubscribe function. */
  subscribe(listener: (papers: Paper[]) => void): () => void
  /** Calls the listener with the keys of papers the background deleted; returns the unsubscribe function. */
  subscribeDeleted?(listener: (keys: PaperKey[]) => void): () => void
}

export interface ShelfClientOptions {
  /** Keep every paper's metadata, not only its marks (the reading list shows them; a page does not). */
  keepPapers?: boolean
}

type ChangeListener = (keys: ReadonlySet<PaperKey>) => void

export interface LookupOptions {
  /** Look up keys already known too. */
  refresh?: boolean
  /** What a page knows of a key beyond it; its title match key only when `withTitle`. */
  identify?: (key: PaperKey, withTitle: boolean) => CardIdentity | undefined
}

interface PendingMark {
  value: unknown
  seq: number
}

/** The citation key a reply or push should leave: the one changed last, the incoming one on a tie. */
function newerCitationKey(current: Paper | undefined, incoming: Paper): Paper['citationKey'] {
  const known = current?.citationKey
  if (!known || !incoming.citationKey) return incoming.citationKey ?? known
  return known.at > incoming.citationKey.at ? known : incoming.citationKey
}

/**
 * What a page or the popup knows of the shelf, and its changes to it. One rule decides what is
 * stale: for each mark the newest change wins (the background stamps every change later than the
 * one before it), whether it arrives as a lookup, a pushed change or the reply to a write. Changes
 * still being saved are painted over what is known, and withdrawn if saving fails.
 */
export class ShelfClient {
  /** Marks by the key the paper is stored under. */
  private readonly confirmed = new Map<PaperKey, Marks>()
  /** Keys that pages use for a paper stored under another key (its aliases, or a title match), to that key. */
  private readonly storedKey = new Map<PaperKey, PaperKey>()
  /** The reverse of `storedKey`: each stored key's other names. */
  private readonly otherNames = new Map<PaperKey, Set<PaperKey>>()
  /** With `keepPapers`: each paper's details with its confirmed marks. */
  private readonly known = new Map<PaperKey, Paper>()
  private readonly pending = new Map<PaperKey, Map<MarkId, PendingMark>>()
  private readonly listeners = new Set<ChangeListener>()
  private unsubscribe: (() => void) | undefined
  private unsubscribeDeleted: (() => void) | undefined
  private seq = 0
  /** Whether the shelf held papers known only by a site's own id at the last lookup. */
  private siteOnly = false
  /** The keys looked up that had been seen on a listing before. */
  private readonly seenBefore = new Set<PaperKey>()

  constructor(
    private readonly transport: ShelfTransport,
    private readonly options: ShelfClientOptions = {},
  ) {}

  /** Starts following the changes the background pushes. */
  connect(): void {
    this.unsubscribe ??= this.transport.subscribe((papers) => this.notify(this.acceptPapers(papers)))
    this.unsubscribeDeleted ??= this.transport.subscribeDeleted?.((keys) => this.notify(this.forget(keys)))
  }

  disconnect(): void {
    this.unsubscribe?.()
    this.unsubscribeDeleted?.()
    this.unsubscribe = undefined
    this.unsubscribeDeleted = undefined
  }

  /** Calls the listener with the keys whose marks or details changed; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** True once the marks of this paper have been looked up or pushed. */
  knows(key: PaperKey): boolean {
    return this.confirmed.has(this.stored(key))
  }

  /** The paper's marks as they will be once pending changes are saved; unknown papers have none. */
  marksOf(name: PaperKey): Marks {
    const key = this.stored(name)
    const marks = this.confirmed.get(key) ?? initialMarks()
    const pending = this.pending.get(key)
    if (!pending) return marks
    const next: Record<string, unknown> = { ...marks }
    for (const [id, change] of pending) next[id] = applyChange(id, marks[id], change.value, marks[id].at)
    return next as Marks
  }

  valuesOf(key: PaperKey): MarkValues {
    return valuesOf(this.marksOf(key))
  }

  /** True when the paper carries any mark, counting changes still being saved. */
  isMarked(key: PaperKey): boolean {
    return hasAnyMark(this.marksOf(key))
  }

  /** Every paper whose details are known (with `keepPapers`), with its current marks: those with every mark cleared too. */
  papers(): Paper[] {
    return Array.from(this.known.values(), (paper) => this.withPending(paper))
  }

  paper(key: PaperKey): Paper | undefined {
    const paper = this.known.get(this.stored(key))
    return paper && this.withPending(paper)
  }

  /**
   * Looks up the marks of the papers not known yet (every one with `refresh`), in as many requests
   * as the protocol's limit needs. `identify` gives what a page knows of a key beyond it, to find
   * papers stored under another identifier; keys that are a site's own id send their title match
   * key too. Papers whose lookup failed stay unknown, so a later lookup asks again; the first
   * failure is thrown once every request has settled.
   */
  async lookup(keys: Iterable<PaperKey>, { refresh = false, identify }: LookupOptions = {}): Promise<void> {
    const wanted = [...new Set(keys)].filter((key) => refresh || !this.knows(key))
    await this.ask(wanted, (key) => identify?.(key, !isSharedKey(key)))
  }

  /**
   * Looks for papers known only by a site's own id among cards that show an arXiv id or DOI and
   * carry no mark: only their titles can match those. Asks nothing when the last lookup found the
   * shelf holds no such paper, so a page pays for reading titles only when it can help.
   */
  async lookupByTitle(keys: Iterable<PaperKey>, identify: NonNullable<LookupOptions['identify']>): Promise<void> {
    if (!this.siteOnly) return
    const unmarked = [...new Set(keys)].filter((key) => isSharedKey(key) && !hasAnyMark(this.marksOf(key)))
    await this.ask(unmarked, (key) => identify(key, true))
  }

  /** Sends the lookups for `keys`, chunked to the protocol's limit, with the identities `identify` gives. */
  private async ask(keys: readonly PaperKey[], identify: (key: PaperKey) => CardIdentity | undefined): Promise<void> {
    const chunks: PaperKey[][] = []
    for (let start = 0; start < keys.length; start += LIMITS.keysPerLookup) chunks.push(keys.slice(start, start + LIMITS.keysPerLookup))
    const changed = new Set<PaperKey>()
    const replies = await Promise.allSettled(
      chunks.map(async (chunk) => {
        const identities = chunk.flatMap((key) => {
          const identity = identify(key)
          return identity && (identity.aliases?.length || identity.titleKey) ? [identity] : []
        })
        const reply = await this.transport.request({ type: 'lookup', keys: chunk, ...(identities.length > 0 ? { identities } : {}) })
        this.siteOnly = reply.siteOnly
        for (const key of reply.seen) this.seenBefore.add(key)
        for (const key of this.acceptFound(chunk, reply.found)) changed.add(key)
      }),
    )
    this.notify(changed)
    const failure = replies.find((reply) => reply.status === 'rejected')
    if (failure) throw failure.reason
  }

  /** Takes a lookup's answer for the keys asked: the marks found, and nothing for the others. */
  private acceptFound(asked: readonly PaperKey[], found: readonly FoundMarks[]): Set<PaperKey> {
    const changed = new Set<PaperKey>()
    const byKey = new Map(found.map((entry) => [entry.key, entry]))
    for (const key of asked) {
      const entry = byKey.get(key)
      if (entry?.paper && entry.paper !== key) this.link(key, entry.paper)
      const stored = entry?.paper ?? key
      if (this.acceptMarks(stored, entry?.marks ?? initialMarks())) changed.add(stored)
    }
    return changed
  }

  /** Whether the paper a page calls `key` had been seen on a listing when it was looked up. */
  wasSeen(key: PaperKey): boolean {
    return this.seenBefore.has(key)
  }

  /** Records that the papers `keys` were seen now on the listing called `place`. */
  async recordSightings(keys: readonly PaperKey[], place: string): Promise<void> {
    for (let start = 0; start < keys.length; start += LIMITS.keysPerLookup) {
      await this.transport.request({ type: 'recordSightings', keys: keys.slice(start, start + LIMITS.keysPerLookup), place })
    }
  }

  /** How many papers were seen on listings. */
  async countSightings(): Promise<number> {
    return (await this.transport.request({ type: 'countSightings' })).count
  }

  /** Forgets every paper seen on listings; resolves with how many were forgotten. */
  async clearSightings(): Promise<number> {
    return (await this.transport.request({ type: 'clearSightings' })).cleared
  }

  /**
   * Loads every paper the shelf knows, page by page (for the reading list): those on the shelf, and
   * those whose marks were all cleared, which a backup must carry too.
   */
  async list(): Promise<Paper[]> {
    let after: PaperKey | undefined
    do {
      const { papers, next } = await this.transport.request(after === undefined ? { type: 'list' } : { type: 'list', after })
      this.notify(this.acceptPapers(papers))
      after = next
    } while (after !== undefined)
    return this.papers()
  }

  /**
   * Loads the `limit` papers added (or starred) last, newest first, so a long list can show its top
   * before `list` answers.
   */
  async listRecent(limit: number, order: RecentOrder): Promise<Paper[]> {
    const { papers } = await this.transport.request({ type: 'listRecent', limit, order })
    this.notify(this.acceptPapers(papers))
    return papers.map((paper) => this.paper(paper.key) ?? paper)
  }

  /** Flips a toggle mark: shown at once, saved in the background, withdrawn (and thrown) if saving fails. */
  toggle(key: PaperKey, mark: ToggleId, ref?: PaperRef): Promise<Paper> {
    return this.set(key, { [mark]: !this.valuesOf(key)[mark] }, ref)
  }

  async set(name: PaperKey, changes: MarkChanges, ref?: PaperRef): Promise<Paper> {
    const key = this.stored(name)
    const seq = ++this.seq
    let pending = this.pending.get(key)
    if (!pending) this.pending.set(key, (pending = new Map()))
    const ids = MARK_IDS.filter((id) => changes[id] !== undefined)
    for (const id of ids) pending.set(id, { value: changes[id], seq })
    this.notify(new Set([key]))
    const message = { type: 'setMarks', key: name, changes, ...(ref ? { ref } : {}) } as const
    try {
      const { paper } = await this.transport.request(message).catch((error: unknown) => {
        // No answer (the worker was stopped mid-request) says nothing of whether the change was saved.
        // It holds values, not flips, so sending it again changes nothing when it was.
        if (error instanceof RefusedRequest) throw error
        return this.transport.request(message)
      })
      this.settle(key, ids, seq)
      this.notify(this.acceptPapers([paper]))
      return paper
    } catch (error) {
      this.settle(key, ids, seq)
      // Unanswered twice: show what is stored as soon as the background answers again.
      if (!(error instanceof RefusedRequest)) void this.lookup([key], { refresh: true }).catch(() => undefined)
      throw error
    } finally {
      this.notify(new Set([key]))
    }
  }

  /** Sends what a page shows of papers on the shelf, so their stored details fill in. */
  async remember(refs: readonly PaperRef[]): Promise<void> {
    for (let start = 0; start < refs.length; start += LIMITS.refsPerMessage) {
      await this.transport.request({ type: 'remember', refs: refs.slice(start, start + LIMITS.refsPerMessage) })
    }
  }

  /** Gives a paper the citation key the reader typed; rejects with the reason when it is refused. */
  async setCitationKey(key: PaperKey, citationKey: string): Promise<Paper> {
    const { paper } = await this.transport.request({ type: 'setCitationKey', key, citationKey })
    this.notify(this.acceptPapers([paper]))
    return paper
  }

  /** Merges whole papers into the shelf in one transaction, as a backup's are: all of them, or none. */
  importPapers(papers: readonly Paper[]): Promise<ImportSummary> {
    return this.transport.request({ type: 'importPapers', papers: [...papers] })
  }

  /** Puts deleted papers back as they were, the undo of `deletePapers`: all of them, or none. */
  restorePapers(papers: readonly Paper[]): Promise<ImportSummary> {
    return this.transport.request({ type: 'restorePapers', papers: [...papers] })
  }

  /**
   * Deletes papers with every mark, in as many requests as the protocol's limit needs; resolves with
   * the papers as they were, which `restorePapers` puts back.
   */
  async deletePapers(keys: readonly PaperKey[]): Promise<Paper[]> {
    const stored = [...new Set(keys.map((key) => this.stored(key)))]
    const deleted: Paper[] = []
    for (let start = 0; start < stored.length; start += LIMITS.keysPerLookup) {
      const reply = await this.transport.request({ type: 'deletePapers', keys: stored.slice(start, start + LIMITS.keysPerLookup) })
      deleted.push(...reply.deleted)
      this.notify(this.forget(reply.deleted.map((paper) => paper.key)))
    }
    return deleted
  }

  /** The paper itself when no change of it is pending, so a list of thousands costs no copies. */
  private withPending(paper: Paper): Paper {
    return this.pending.has(paper.key) ? { ...paper, marks: this.marksOf(paper.key) } : paper
  }

  /** Withdraws a pending change unless a later change of the same mark owns it now. */
  private settle(key: PaperKey, ids: readonly MarkId[], seq: number): void {
    const pending = this.pending.get(key)
    if (!pending) return
    for (const id of ids) if (pending.get(id)?.seq === seq) pending.delete(id)
    if (pending.size === 0) this.pending.delete(key)
  }

  private acceptMarks(key: PaperKey, incoming: Marks): boolean {
    const current = this.confirmed.get(key)
    const next = current ? mergeMarks(current, incoming) : incoming
    if (next === current) return false
    this.confirmed.set(key, next)
    const paper = this.known.get(key)
    if (paper) this.known.set(key, { ...paper, marks: next })
    return true
  }

  /** The key the paper a page calls `name` is stored under. */
  private stored(name: PaperKey): PaperKey {
    return this.storedKey.get(name) ?? name
  }

  /** Records that pages' `name` is the paper stored under `key`; what was known under `name` alone is dropped. */
  private link(name: PaperKey, key: PaperKey): void {
    if (name === key) return this.unlink(name)
    if (this.storedKey.get(name) === key) return
    this.unlink(name)
    this.storedKey.set(name, key)
    let names = this.otherNames.get(key)
    if (!names) this.otherNames.set(key, (names = new Set()))
    names.add(name)
    // A paper stored under `name` until now was merged into `key`, and so were its other names.
    const formerNames = this.otherNames.get(name)
    this.otherNames.delete(name)
    for (const other of formerNames ?? []) this.link(other, key)
    this.confirmed.delete(name)
    this.known.delete(name)
  }

  private acceptPapers(papers: readonly Paper[]): Set<PaperKey> {
    const changed = new Set<PaperKey>()
    for (const paper of papers) {
      const { key } = paper
      this.unlink(key)
      for (const alias of paper.aliases ?? []) this.link(alias, key)
      if (this.acceptMarks(key, paper.marks)) changed.add(key)
      if (!this.options.keepPapers) continue
      const current = this.known.get(key)
      const details = !current || paper.metadataChangedAt >= current.metadataChangedAt ? paper : current
      const marks = this.confirmed.get(key) ?? paper.marks
      const citationKey = newerCitationKey(current, paper)
      if (details === current && citationKey === current.citationKey) continue
      this.known.set(key, details.marks === marks && details.citationKey === citationKey ? details : { ...details, marks, citationKey })
      changed.add(key)
    }
    return changed
  }

  /** Papers deleted from the shelf: known now to carry no mark, their details dropped. */
  private forget(keys: readonly PaperKey[]): Set<PaperKey> {
    const changed = new Set<PaperKey>()
    for (const key of keys) {
      const had = this.known.delete(key)
      if (!had && !this.confirmed.has(key)) continue
      this.confirmed.set(key, initialMarks())
      this.pending.delete(key)
      changed.add(key)
    }
    return changed
  }

  /** `key` names a paper stored under it again (it was re-keyed to a better identifier). */
  private unlink(key: PaperKey): void {
    const previous = this.storedKey.get(key)
    if (previous) this.otherNames.get(previous)?.delete(key)
    this.storedKey.delete(key)
  }

  /** Tells listeners which keys changed, under every name pages use for them. */
  private notify(keys: ReadonlySet<PaperKey>): void {
    if (keys.size === 0) return
    const names = new Set(keys)
    for (const key of keys) for (const name of this.otherNames.get(key) ?? []) names.add(name)
    for (const listener of this.listeners) listener(names)
  }
}
