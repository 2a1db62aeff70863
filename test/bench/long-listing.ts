/**
 * Benchmark: a 2000-entry arXiv listing (`/list/cs.LG/pastweek?show=2000`) in real Chromium.
 * Reports (a) the time from the content script's start to the last card annotated, read from the
 * script's own User Timing measure, and (b) the page's load time with the extension over without it,
 * from pages loaded alternately in the same run; then (c) the time to the last card annotated once
 * the shelf holds a paper known only by a site's own id, which the page's cards can match only by
 * their titles; (d) the time to the last card annotated on a 1,500-entry PMLR volume page, whose
 * papers are known by PMLR's own ids only, with the shelf as (c) left it; and (e) the same on a 3,500-entry
 * NeurIPS year page, whose papers are known by NeurIPS ids only, held to the budget of (a).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { longListing } from '../fixtures/arxiv/long-listing'
import { longYear } from '../fixtures/neurips/long-year'
import { longVolume } from '../fixtures/pmlr/long-volume'
import { CHROMIUM, CHROMIUM_ARGS, fixture, launchChromium, serveRoutes, type ExtensionBrowser } from '../e2e/harness'

const URL_2000 = 'https://arxiv.org/list/cs.LG/pastweek?show=2000'
const ENTRIES = 2000
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const html = longListing(ENTRIES)
const SCHOLAR_RESULTS = 'https://scholar.google.com/scholar?q=victoria+land+geology'
const VOLUME_URL = 'https://proceedings.mlr.press/v202/'
const VOLUME_ENTRIES = 1500
const YEAR_URL = 'https://proceedings.neurips.cc/paper_files/paper/2023'
const YEAR_ENTRIES = 3500
const routes = {
  [URL_2000]: html,
  [SCHOLAR_RESULTS]: () => fixture('scholar', 'results.html'),
  [VOLUME_URL]: longVolume(VOLUME_ENTRIES),
  [YEAR_URL]: longYear(YEAR_ENTRIES),
}

/** A long page, and what its annotated cards are. */
interface LongPage {
  url: string
  entries: number
  controls: string
}

const ARXIV_LISTING: LongPage = {
  url: URL_2000,
  entries: ENTRIES,
  controls: 'dt[data-paper-shelf] .paper-shelf-controls, dd[data-paper-shelf] .paper-shelf-controls',
}
const PMLR_VOLUME: LongPage = { url: VOLUME_URL, entries: VOLUME_ENTRIES, controls: 'div.paper[data-paper-shelf] .paper-shelf-controls' }
const NEURIPS_YEAR: LongPage = {
  url: YEAR_URL,
  entries: YEAR_ENTRIES,
  controls: 'ul.paper-list > li[data-paper-shelf] .paper-shelf-controls',
}

interface Sample {
  annotatedMs?: number
  loadMs: number
}

async function load(open: () => Promise<Page>, withExtension: boolean, target = ARXIV_LISTING): Promise<Sample> {
  const page = await open()
  await page.setRequestInterception(true)
  page.on('request', (request) => void serveRoutes(request, routes))
  await page.goto(target.url, { waitUntil: 'load' })
  let annotatedMs: number | undefined
  if (withExtension) {
    await page.waitForFunction(() => performance.getEntriesByName('paper-shelf:annotated').length > 0, { timeout: 30_000, polling: 50 })
    const annotated = await page.evaluate(
      (controls) => ({
        ms: performance.getEntriesByName('paper-shelf:annotated')[0]!.duration,
        cards: document.querySelectorAll(controls).length,
      }),
      target.controls,
    )
    if (annotated.cards !== target.entries)
      throw new Error(`Only ${annotated.cards} of ${target.entries} entries were annotated on ${target.url}`)
    annotatedMs = annotated.ms
  }
  const loadMs = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    return navigation!.loadEventEnd - navigation!.startTime
  })
  await page.close()
  return { annotatedMs, loadMs }
}

/** Stars a Scholar result that links no arXiv id or DOI: the shelf then holds a paper known only by its Scholar id. */
async function starSiteOnlyPaper(browser: Browser): Promise<void> {
  const page = await browser.newPage()
  await page.setRequestInterception(true)
  page.on('request', (request) => void serveRoutes(request, routes))
  await page.goto(SCHOLAR_RESULTS, { waitUntil: 'load' })
  const star = await page.waitForSelector('#gs_res_ccl_mid div.gs_r[data-cid="4qAC3XBmStsJ"] ::-p-aria([name="Star"][role="button"])')
  await star!.click()
  await page.waitForFunction(
    () => document.querySelector('div.gs_r[data-cid="4qAC3XBmStsJ"]')?.getAttribute('data-paper-shelf') === 'starred',
  )
  await page.close()
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

async function main(): Promise<void> {
  const extension: ExtensionBrowser = await launchChromium()
  const plain: Browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, args: CHROMIUM_ARGS })
  const withExtension: Sample[] = []
  const without: Sample[] = []
  const bySiteId: Sample[] = []
  const volume: Sample[] = []
  const year: Sample[] = []
  try {
    // One warm-up each, then alternate so both sides see the same machine conditions.
    await load(() => extension.browser.newPage(), true)
    await load(() => plain.newPage(), false)
    for (let run = 0; run < RUNS; run += 1) {
      withExtension.push(await load(() => extension.browser.newPage(), true))
      without.push(await load(() => plain.newPage(), false))
    }
    await starSiteOnlyPaper(extension.browser)
    for (let run = 0; run < RUNS; run += 1) bySiteId.push(await load(() => extension.browser.newPage(), true))
    await load(() => extension.browser.newPage(), true, PMLR_VOLUME)
    for (let run = 0; run < RUNS; run += 1) volume.push(await load(() => extension.browser.newPage(), true, PMLR_VOLUME))
    await load(() => extension.browser.newPage(), true, NEURIPS_YEAR)
    for (let run = 0; run < RUNS; run += 1) year.push(await load(() => extension.browser.newPage(), true, NEURIPS_YEAR))
  } finally {
    await plain.close()
    await extension.close({ discardProfile: true })
  }
  const annotated = withExtension.map((sample) => sample.annotatedMs!)
  const annotatedBySiteId = bySiteId.map((sample) => sample.annotatedMs!)
  const annotatedVolume = volume.map((sample) => sample.annotatedMs!)
  const annotatedYear = year.map((sample) => sample.annotatedMs!)
  const ratio = median(withExtension.map((s) => s.loadMs)) / median(without.map((s) => s.loadMs))
  console.log(`arXiv listing with ${ENTRIES} entries, ${RUNS} runs (medians; min–max in brackets)`)
  console.log(
    `  (a) content script start → last card annotated: ${median(annotated).toFixed(1)} ms [${Math.min(...annotated).toFixed(1)}–${Math.max(...annotated).toFixed(1)}] (target < 150 ms)`,
  )
  console.log(
    `  (b) page load with / without the extension: ${median(withExtension.map((s) => s.loadMs)).toFixed(0)} ms / ${median(without.map((s) => s.loadMs)).toFixed(0)} ms = ${ratio.toFixed(3)} (target < 1.10)`,
  )
  console.log(
    `  (c) as (a), with a paper known only by a site id on the shelf: ${median(annotatedBySiteId).toFixed(1)} ms [${Math.min(...annotatedBySiteId).toFixed(1)}–${Math.max(...annotatedBySiteId).toFixed(1)}]`,
  )
  console.log(
    `  (d) PMLR volume with ${VOLUME_ENTRIES} entries, content script start → last card annotated: ${median(annotatedVolume).toFixed(1)} ms [${Math.min(...annotatedVolume).toFixed(1)}–${Math.max(...annotatedVolume).toFixed(1)}]`,
  )
  console.log(
    `  (e) NeurIPS year with ${YEAR_ENTRIES} entries, content script start → last card annotated: ${median(annotatedYear).toFixed(1)} ms [${Math.min(...annotatedYear).toFixed(1)}–${Math.max(...annotatedYear).toFixed(1)}] (target < 150 ms)`,
  )
}

await main()
