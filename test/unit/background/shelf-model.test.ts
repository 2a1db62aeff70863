import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { UnknownPaperError } from '../../../src/background/paper-store'
import { ShelfStores } from '../../../src/background/shelf-stores'
import { initialMarks, type Marks, type Stamped, type ToggleId } from '../../../src/core/marks'
import type { Paper, PaperKey, PaperRef } from '../../../src/core/paper'
import { hfRef } from '../paper-fixtures'

/**
 * The shelf against a model a reader could check by hand: random operations (toggles from pages
 * and the popup, papers remembered, backups merged, papers deleted, several writers at once) run
 * against the real stores on IndexedDB, and the same operations against a map of mark values and
 * times. After every step of every run, what the shelf holds is what the model holds.
 *
 * The model's rules are the product's: a change is stamped with the clock, never earlier than the
 * mark's last change; a backup's mark wins when it is newer, and on a tie the mark that is on; a paper leaves
 * the shelf only when deleted. Writers that start together are serialised in the order they started.
 */

const TOGGLES = ['starred', 'read'] as const satisfies readonly ToggleId[]
/** Papers on the shelf's pages: half of them also known by a PubMed id, which a ref carries as an alias. */
const UNIVERSE = Array.from({ length: 6 }, (_, index) => `2401.${String(index + 1).padStart(5, '0')}`)
const keyOf = (paper: number): PaperKey => `arxiv:${UNIVERSE[paper]!}`

function refOf(paper: number, title: string): PaperRef {
  const id = UNIVERSE[paper]!
  return hfRef(id, { title, ...(paper % 2 === 0 ? { aliases: [`pmid:${1000 + paper}`] } : {}) })
}

type ModelMarks = Record<ToggleId, Stamped<boolean>>

type Operation =
  | { kind: 'toggle'; paper: number; mark: ToggleId; value: boolean; withRef: boolean }
  | { kind: 'remember'; paper: number; title: string }
  | { kind: 'import'; paper: number; mark: ToggleId; value: boolean; at: number }
  | { kind: 'delete'; paper: number }

type Step = { clock: number; writers: Operation[] }

const paperIndex = fc.integer({ min: 0, max: UNIVERSE.length - 1 })
const toggleId = fc.constantFrom(...TOGGLES)
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('toggle' as const),
      paper: paperIndex,
      mark: toggleId,
      value: fc.boolean(),
      withRef: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('remember' as const), paper: paperIndex, title: fc.constantFrom('Paper one', 'Paper two') }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('import' as const),
      paper: paperIndex,
      mark: toggleId,
      value: fc.boolean(),
      // Older than, as old as, or newer than what the shelf holds.
      at: fc.integer({ min: 1, max: 400 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), paper: paperIndex }) },
)
/** One step: a clock reading, then one writer, or several that start together without waiting for each other. */
const steps = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(operation, { minLength: 1, maxLength: 4 })), { minLength: 50, maxLength: 60 })
  .map((pairs) => {
    let clock = 100
    return pairs.map(([advance, writers]): Step => ({ clock: (clock += advance), writers }))
  })

class Model {
  readonly papers = new Map<number, ModelMarks>()

  /** What the operation answers: false when the shelf must refuse it. */
  apply(op: Operation, now: number): boolean {
    const current = this.papers.get(op.paper)
    switch (op.kind) {
      case 'toggle': {
        if (!current && !op.withRef) return false
        const marks = current ?? { starred: { value: false, at: 0 }, read: { value: false, at: 0 } }
        const stamp = marks[op.mark]
        if (stamp.value !== op.value) marks[op.mark] = { value: op.value, at: Math.max(now, stamp.at + 1) }
        this.papers.set(op.paper, marks)
        return true
      }
      case 'remember':
        return true
      case 'import': {
        const incoming: ModelMarks = { starred: { value: false, at: 0 }, read: { value: false, at: 0 } }
        incoming[op.mark] = { value: op.value, at: op.at }
        if (!current) {
          this.papers.set(op.paper, incoming)
          return true
        }
        for (const mark of TOGGLES) {
          const [mine, theirs] = [current[mark], incoming[mark]]
          // On a tie, on wins: the same value on every side, whatever the order.
          if (theirs.at > mine.at || (theirs.at === mine.at && theirs.value && !mine.value)) current[mark] = theirs
        }
        return true
      }
      case 'delete':
        this.papers.delete(op.paper)
        return true
    }
  }
}

function backupPaper(op: Extract<Operation, { kind: 'import' }>): Paper {
  const ref = refOf(op.paper, 'Paper one')
  const { site, url, ...metadata } = ref
  const marks: Marks = { ...initialMarks(), [op.mark]: { value: op.value, at: op.at } }
  return { ...metadata, links: { [site]: url }, addedAt: op.at, metadataChangedAt: op.at, marks }
}

async function run(stores: ShelfStores, op: Operation): Promise<boolean> {
  const store = stores.papers
  const key = keyOf(op.paper)
  try {
    switch (op.kind) {
      case 'toggle':
        await store.setMarks(key, { [op.mark]: op.value }, op.withRef ? refOf(op.paper, 'Paper one') : undefined)
        return true
      case 'remember':
        await store.remember([refOf(op.paper, op.title)])
        return true
      case 'import':
        await stores.importBackup({ papers: [backupPaper(op)], settings: {} })
        return true
      case 'delete':
        await store.deletePapers([key])
        return true
    }
  } catch (error) {
    if (error instanceof UnknownPaperError) return false
    throw error
  }
}

/** Each paper's toggles as the shelf holds them, found by key and by alias, as pages look them up. */
async function shelfState(stores: ShelfStores): Promise<Map<number, ModelMarks>> {
  const held = new Map<number, ModelMarks>()
  const keys = UNIVERSE.map((_, paper) => keyOf(paper))
  const { found } = await stores.papers.lookup(keys)
  for (const entry of found) {
    const paper = keys.indexOf(entry.key)
    held.set(paper, { starred: entry.marks.starred, read: entry.marks.read })
  }
  const aliases = UNIVERSE.flatMap((_, paper) => (paper % 2 === 0 ? [{ key: `pmid:${1000 + paper}` as PaperKey, paper }] : []))
  const byAlias = await stores.papers.lookup(
    aliases.map((alias) => alias.key),
    aliases.map((alias) => ({ key: alias.key })),
  )
  for (const alias of aliases) {
    const entry = byAlias.found.find((candidate) => candidate.key === alias.key)
    expect(entry?.paper ?? entry?.key, `${alias.key} names the same paper as ${keyOf(alias.paper)}`).toBe(
      held.has(alias.paper) ? keyOf(alias.paper) : undefined,
    )
  }
  return held
}

const databases: ShelfDatabase[] = []
afterAll(async () => {
  await Promise.all(databases.map((db) => db.delete()))
})

describe('the shelf against its model', () => {
  it('holds what the model holds after every step of 10,000 random operations', async () => {
    let operations = 0
    await fc.assert(
      fc.asyncProperty(steps, async (plan) => {
        let now = 0
        const db = new ShelfDatabase(`model-${crypto.randomUUID()}`)
        databases.push(db)
        const stores = new ShelfStores(db, () => now)
        const model = new Model()
        for (const step of plan) {
          now = step.clock
          const expected = step.writers.map((op) => model.apply(op, step.clock))
          const answered = await Promise.all(step.writers.map((op) => run(stores, op)))
          operations += step.writers.length
          expect(answered).toEqual(expected)
          expect(await shelfState(stores)).toEqual(model.papers)
        }
        db.close()
      }),
      { numRuns: 85 },
    )
    expect(operations).toBeGreaterThanOrEqual(10_000)
  }, 120_000)
})
