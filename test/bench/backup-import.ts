/**
 * Benchmark: importing a backup of 100,000 papers (abstracts and all) through the popup's Import
 * backup, in real Chromium. Reports the time from choosing the file to the summary, how long each
 * step took, and the popup's longest task meanwhile (what decides whether it stays responsive).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ElementHandle } from 'puppeteer-core'
import { toJsonBackup } from '../../src/core/backup/backup'
import { launchChromium } from '../e2e/harness'
import { shelfOf } from '../fixtures/export/shelf-of'
import { verdict } from './figures'

const PAPERS = Number(process.env.BENCH_IMPORT_PAPERS ?? 100_000)
/** A task this long is felt as the popup freezing (the RAIL model's limit for a response). */
const LONGEST_TASK_BUDGET_MS = 100

/** Records, in the popup, when each step of the import began and the longest task, until the summary. */
const WATCH = `{
  const watch = { done: false, settled: false, steps: [], longest: 0, longestAfter: 0, total: 0, lastChange: 0 }
  window.__import = watch
  const start = performance.now()
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (watch.done) watch.longestAfter = Math.max(watch.longestAfter, entry.duration)
      else watch.longest = Math.max(watch.longest, entry.duration)
    }
  }).observe({ type: 'longtask' })
  const status = document.querySelector('.export-status')
  const error = document.querySelector('.export-error')
  new MutationObserver(() => {
    watch.lastChange = performance.now() - start
    if (watch.done) return
    const text = status.textContent || error.textContent || ''
    if (text && watch.steps.at(-1)?.text !== text) watch.steps.push({ text, at: watch.lastChange })
    if (/^Backup imported|^Nothing was imported/.test(text)) Object.assign(watch, { done: true, total: watch.lastChange })
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
  // Settled: nothing in the popup changed for two seconds after the summary (the list took every paper in).
  setInterval(() => {
    if (watch.done && performance.now() - start - watch.lastChange > 2000) watch.settled = true
  }, 250)
}`

interface Watched {
  steps: { text: string; at: number }[]
  longest: number
  longestAfter: number
  total: number
  lastChange: number
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paper-shelf-bench-'))
  const path = join(dir, 'backup.json')
  const text = toJsonBackup(shelfOf(PAPERS), new Date())
  writeFileSync(path, text)
  const extension = await launchChromium()
  try {
    const popup = await extension.browser.newPage()
    await popup.setViewport({ width: 420, height: 600 })
    await popup.goto(`chrome-extension://${extension.extensionId}/src/popup/index.html`, { waitUntil: 'load' })
    await popup.click('button.export-toggle')
    await popup.evaluate(WATCH)
    const input = (await popup.$('input[type="file"]')) as ElementHandle<HTMLInputElement>
    await input.uploadFile(path)
    await popup.waitForFunction('window.__import.settled', { timeout: 15 * 60_000, polling: 1000 })
    const watched = (await popup.evaluate('window.__import')) as Watched
    console.log(`Importing a backup of ${PAPERS.toLocaleString('en')} papers (${(text.length / 1e6).toFixed(0)} MB) in the popup`)
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
    for (const [index, step] of watched.steps.slice(0, -1).entries()) {
      console.log(`  ${step.text.replace(/^Importing [^:]+: |…$/g, '')}: ${seconds(watched.steps[index + 1]!.at - step.at)}`)
    }
    console.log(`  file chosen → summary: ${seconds(watched.total)}`)
    console.log(
      `  the popup's longest task until the summary: ${watched.longest.toFixed(0)} ms (budget ≤ ${LONGEST_TASK_BUDGET_MS} ms: ${verdict(watched.longest, LONGEST_TASK_BUDGET_MS)})`,
    )
    console.log(
      `  summary → the list holds every paper: ${seconds(watched.lastChange - watched.total)}, longest task ${watched.longestAfter.toFixed(0)} ms`,
    )
  } finally {
    await extension.close({ discardProfile: true })
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
