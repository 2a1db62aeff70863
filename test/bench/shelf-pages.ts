/**
 * Benchmark: the popup and the library page with 10,000 papers on the shelf, in real Chromium (the
 * popup at a popup's size, the library in a window). For each opening it reports when the first rows
 * were painted (from the start of the page's navigation to the end of the frame after the first row
 * went in), then the time from a keystroke in Search to the end of the next frame, for the first
 * keystroke and the next ones, and for clearing the search; for the library, also each scroll of a
 * screenful to the end of its frame.
 */
import type { Page } from 'puppeteer-core'
import { launchChromium, type ChromiumExtensionBrowser } from '../e2e/harness'
import { shelfOf } from '../fixtures/export/shelf-of'
import { median, spread, verdict } from './figures'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const PAPERS = 10_000
/**
 * Smooth scrolling: a scroll that changes what is shown is painted at the next frame, ~16.7 ms away at
 * 60 Hz, so a wheel step painted within 20 ms missed no frame; a whole new screenful may take two.
 */
const BUDGET = { firstRowsMs: 150, keystrokeMs: 30, clearMs: 100, wheelMs: 20, pageDownMs: 33 }
const WHEEL_STEP_PX = 120

interface ShelfPage {
  label: string
  path: string
  viewport: { width: number; height: number }
  /** A row of a paper, once the page has rendered it. */
  row: string
}

const POPUP: ShelfPage = { label: 'Popup', path: 'src/popup/index.html', viewport: { width: 420, height: 600 }, row: 'li[data-key]' }
const LIBRARY: ShelfPage = {
  label: 'Library page',
  path: 'src/library/index.html',
  viewport: { width: 1280, height: 900 },
  row: '.library-row[data-key]',
}

/** Records, from the document's start, when the first row went in and when the frame after it ended. */
const record = (row: string) => `
  window.__firstRows = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(${JSON.stringify(row)})) return
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

/**
 * Scrolls the library's list 20 times by `step` pixels (a screenful when 0), each time waiting for
 * the end of the frame; the time each scroll takes to be painted.
 */
const SCROLL = `async (step) => {
  const viewport = document.querySelector('.library-viewport')
  const by = step || viewport.clientHeight
  const times = []
  for (let n = 1; n <= 20; n += 1) {
    const start = performance.now()
    viewport.scrollTop += by
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    times.push(performance.now() - start)
  }
  return times
}`

async function openPage(extension: ChromiumExtensionBrowser, shelfPage: ShelfPage): Promise<Page> {
  const page = await extension.browser.newPage()
  await page.setViewport(shelfPage.viewport)
  await page.evaluateOnNewDocument(record(shelfPage.row))
  await page.goto(`chrome-extension://${extension.extensionId}/${shelfPage.path}`, { waitUntil: 'load' })
  return page
}

async function fillShelf(extension: ChromiumExtensionBrowser): Promise<void> {
  const page = await openPage(extension, POPUP)
  const reply = await page.evaluate(
    `chrome.runtime.sendMessage({ type: 'importPapers', papers: ${JSON.stringify(shelfOf(PAPERS))} }).then((reply) => JSON.stringify(reply))`,
  )
  if (!String(reply).includes('"ok":true')) throw new Error(`The shelf could not be filled: ${String(reply).slice(0, 200)}`)
  await page.close()
}

async function measure(extension: ChromiumExtensionBrowser, shelfPage: ShelfPage): Promise<void> {
  const samples = {
    firstRows: [] as number[],
    firstKey: [] as number[],
    nextKeys: [] as number[],
    clear: [] as number[],
    wheel: [] as number[],
    pageDown: [] as number[],
  }
  const scrolls = shelfPage === LIBRARY
  for (let run = 0; run <= RUNS; run += 1) {
    const page = await openPage(extension, shelfPage)
    const firstRows = Number(await page.evaluate('window.__firstRows'))
    if (scrolls)
      await page.waitForFunction((count) => document.querySelector('.library-count')?.textContent === `${count} papers`, {}, PAPERS)
    const times = (await page.evaluate(`(${SEARCH})('attention')`)) as number[]
    const wheelTimes = scrolls ? ((await page.evaluate(`(${SCROLL})(${WHEEL_STEP_PX})`)) as number[]) : undefined
    const pageTimes = scrolls ? ((await page.evaluate(`(${SCROLL})(0)`)) as number[]) : undefined
    await page.close()
    // The first opening warms the browser up.
    if (run === 0) continue
    samples.firstRows.push(firstRows)
    samples.firstKey.push(times[0]!)
    samples.nextKeys.push(median(times.slice(1, -1)))
    samples.clear.push(times.at(-1)!)
    if (wheelTimes && pageTimes) {
      samples.wheel.push(median(wheelTimes))
      samples.pageDown.push(median(pageTimes))
    }
  }
  const line = (label: string, values: number[], budget: number) =>
    console.log(`  ${label}: ${spread(values)} (budget ≤ ${budget} ms: ${verdict(median(values), budget)})`)
  console.log(`${shelfPage.label} with ${PAPERS.toLocaleString('en')} papers, ${RUNS} openings (medians; min–max in brackets)`)
  line('opening → first rows painted', samples.firstRows, BUDGET.firstRowsMs)
  line('first keystroke in Search → painted', samples.firstKey, BUDGET.keystrokeMs)
  line('next keystrokes → painted', samples.nextKeys, BUDGET.keystrokeMs)
  line('clearing the search → painted', samples.clear, BUDGET.clearMs)
  if (scrolls) {
    line(`scrolling ${WHEEL_STEP_PX} px (a wheel step) → painted`, samples.wheel, BUDGET.wheelMs)
    line('scrolling a screenful (Page Down) → painted', samples.pageDown, BUDGET.pageDownMs)
  }
}

async function main(): Promise<void> {
  const extension = await launchChromium()
  try {
    await fillShelf(extension)
    await measure(extension, POPUP)
    await measure(extension, LIBRARY)
  } finally {
    await extension.close({ discardProfile: true })
  }
}

await main()
