/** Benchmark: exporting 10,000 starred papers in every format (target: under 1 s each). */
import { settleCitationKeys } from '../../src/core/export/citation-keys'
import { EXPORT_FORMATS } from '../../src/core/export/formats'
import { renderExport } from '../../src/core/export/renderers'
import { EXPORT_PAPERS } from '../fixtures/export/papers'
import type { Paper } from '../../src/core/paper'

const COUNT = 10_000
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

/**
 * 10,000 distinct papers built from the golden-file papers, so every code path of every format runs.
 * Each has its citation key, given as the shelf gives them when papers arrive.
 */
function shelfOf(count: number): Paper[] {
  const papers = Array.from({ length: count }, (_, n): Paper => {
    const base = EXPORT_PAPERS[n % EXPORT_PAPERS.length]!
    const id = `26${String(1 + (n % 12)).padStart(2, '0')}.${String(10_000 + n).padStart(5, '0')}`
    const marks = { ...base.marks, starred: { value: true, at: base.addedAt } }
    return { ...base, key: `arxiv:${id}`, arxivId: id, title: `${base.title} (${n})`, marks }
  })
  return settleCitationKeys(papers, new Map())
}

const papers = shelfOf(COUNT)
const now = new Date()
console.log(`Export of ${COUNT} starred papers, median of ${RUNS} runs (after one warm-up)`)
for (const format of EXPORT_FORMATS) {
  renderExport(format.id, papers, now)
  const times: number[] = []
  let size = 0
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now()
    size = renderExport(format.id, papers, now).length
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  console.log(`  ${format.label.padEnd(16)} ${median.toFixed(0).padStart(5)} ms  (${(size / 1e6).toFixed(1)} MB; target < 1000 ms)`)
}
