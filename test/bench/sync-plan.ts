/**
 * Benchmark: planning what to write to sync storage for a shelf of 10,000 papers, as the background
 * does after each gathered burst of changes (target: under 50 ms, the worker answers pages meanwhile).
 */
import { withMarkValues } from '../../src/core/marks'
import { syncEntryOf } from '../../src/core/sync/sync-entry'
import { planSync, shardOfKey, viewOf, type SyncPlan } from '../../src/core/sync/sync-plan'
import { shelfOf } from '../fixtures/export/shelf-of'

const COUNT = 10_000
/** The papers the background hands the plan: the most recently changed 2,500. */
const CANDIDATES = 2500
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const now = Date.now()
const papers = shelfOf(COUNT).slice(0, CANDIDATES)

function median(run: () => SyncPlan): { ms: number; plan: SyncPlan } {
  run()
  const times: number[] = []
  let plan = run()
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now()
    plan = run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(times.length / 2)]!, plan }
}

const first = median(() =>
  planSync(
    new Map(),
    papers.map((paper) => syncEntryOf(paper)),
    COUNT,
    now,
  ),
)
const items = { ...first.plan.writes }
const { view } = viewOf(items)
const described = (list: typeof papers) => list.map((paper) => syncEntryOf(paper, view.get(shardOfKey(paper.key))?.get(paper.key)))
const steady = median(() => planSync(view, described(papers), COUNT, now))
const starred = papers.map((paper, i) =>
  i === 100 ? { ...paper, marks: withMarkValues(paper.marks, { read: !paper.marks.read.value }, now + 1) } : paper,
)
const oneChange = median(() => planSync(view, described(starred), COUNT, now + 1))

console.log(`Sync plans for a shelf of ${COUNT} papers (${CANDIDATES} most recently changed), median of ${RUNS} runs`)
console.log(
  `  first write          ${first.ms.toFixed(1).padStart(6)} ms  (${Object.keys(first.plan.writes).length} items, ${first.plan.synced} papers; target < 50 ms)`,
)
console.log(
  `  nothing changed      ${steady.ms.toFixed(1).padStart(6)} ms  (${Object.keys(steady.plan.writes).length} items; target < 50 ms)`,
)
console.log(
  `  one paper changed    ${oneChange.ms.toFixed(1).padStart(6)} ms  (${Object.keys(oneChange.plan.writes).length} items; target < 50 ms)`,
)
