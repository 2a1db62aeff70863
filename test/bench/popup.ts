/**
 * Benchmark: the popup with 10,000 papers on the shelf, in real Chromium at a popup's size. For each
 * opening it reports when the first rows were painted (from the start of the popup page's navigation
 * to the end of the frame after the first row went in), then the time from a keystroke in Search to the
 * end of the next frame, for the first keystroke and the next ones, and for clearing the search.
 */
import type { Page } from 'puppeteer-core'
import { renderExport } from '../../src/core/export/renderers'
import { launchChromium, type ChromiumExtensionBrowser } from '../e2e/harness'
import { shelfOf } from '../fixtures/export/shelf-of'
import { median, spread, verdict } from './figures'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const PAPERS = 10_000
const BUDGET = { firstRowsMs: 150, keystrokeMs: 30, clearMs: 100 }

/** Records, from the document's start, when the first row went in and when the frame after it ended. */
const RECORD = `
  window.__firstRows = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('li[data-key]')) return
      observer.disconnect()
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))
    })
    observer.observe(document, { childList: true, subtree: true })
  })
`

/** Types `text` into Search one character at a time, then clears it; each step's time to the end of the next frame. (No named functions: the page would not know the bundler's name helper.) */
const SEARCH = `async (text) => {
  const input = document.querySelector('input[type="search"]')
  const steps = [...[...text].map((_, i) => text.slice(0, i + 1)), '']
  const times = []
  for (const value of steps) {
    const start = performance.now()
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    times.push(performance.now() - start)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return times
}`

async function popupPage(extension: ChromiumExtensionBrowser): Promise<Page> {
  const page = await extension.browser.newPage()
  await page.setViewport({ width: 420, height: 600 })
  await page.evaluateOnNewDocument(RECORD)
  await page.goto(`chrome-extension://${extension.extensionId}/src/popup/index.html`, { waitUntil: 'load' })
  return page
}

async function fillShelf(extension: ChromiumExtensionBrowser): Promise<void> {
  const page = await popupPage(extension)
  const text = renderExport('json-backup', shelfOf(PAPERS), new Date())
  const reply = await page.evaluate(
    `chrome.runtime.sendMessage({ type: 'importBackup', text: ${JSON.stringify(text)} }).then((reply) => JSON.stringify(reply))`,
  )
  if (!String(reply).includes('"ok":true')) throw new Error(`The shelf could not be filled: ${String(reply).slice(0, 200)}`)
  await page.close()
}

async function main(): Promise<void> {
  const extension = await launchChromium()
  try {
    await fillShelf(extension)
    const samples = { firstRows: [] as number[], firstKey: [] as number[], nextKeys: [] as number[], clear: [] as number[] }
    for (let run = 0; run <= RUNS; run += 1) {
      const page = await popupPage(extension)
      const firstRows = Number(await page.evaluate('window.__firstRows'))
      const times = (await page.evaluate(`(${SEARCH})('attention')`)) as number[]
      await page.close()
      // The first opening warms the browser up.
      if (run === 0) continue
      samples.firstRows.push(firstRows)
      samples.firstKey.push(times[0]!)
      samples.nextKeys.push(median(times.slice(1, -1)))
      samples.clear.push(times.at(-1)!)
    }
    const line = (label: string, values: number[], budget: number) =>
      console.log(`  ${label}: ${spread(values)} (budget ≤ ${budget} ms: ${verdict(median(values), budget)})`)
    console.log(`Popup with ${PAPERS.toLocaleString('en')} papers, ${RUNS} openings (medians; min–max in brackets)`)
    line('opening → first rows painted', samples.firstRows, BUDGET.firstRowsMs)
    line('first keystroke in Search → painted', samples.firstKey, BUDGET.keystrokeMs)
    line('next keystrokes → painted', samples.nextKeys, BUDGET.keystrokeMs)
    line('clearing the search → painted', samples.clear, BUDGET.clearMs)
  } finally {
    await extension.close({ discardProfile: true })
  }
}

await main()
