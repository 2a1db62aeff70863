/** Benchmark: exporting 10,000 starred papers in every format (target: under 1 s each). */
import { EXPORT_FORMATS } from '../../src/core/export/formats'
import { renderExport } from '../../src/core/export/renderers'
import { shelfOf } from '../fixtures/export/shelf-of'

const COUNT = 10_000
const RUNS = Number(process.env.BENCH_RUNS ?? 5)

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
