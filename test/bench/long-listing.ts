/**
 * Benchmark: long listing pages in real Chromium, each loaded alternately with and without the
 * extension, in a 1280 × 1000 viewport: the 2,000-entry arXiv listing
 * (`/list/cs.LG/pastweek?show=2000`), a 1,500-entry PMLR volume and a 3,500-entry NeurIPS year, all
 * held to the same budgets. For each page it reports the page's load time with the extension over
 * without it; when, after `load`, the entries in the first viewport and then every entry have their
 * controls painted (they go in as the page's own MutationObserver sees, and are painted at the end of
 * that frame); and the extension's longest task: its first
 * one, which reads the page (a User Timing measure of the content script), or any animation frame
 * after `load` (Long Animation Frames API) — those frames are the extension's, as the bare page does
 * nothing after its load; and, once every entry has its controls, the time from a click on a Star
 * toggle to the end of the frame that paints it. Next to these, what the bare page itself takes, which
 * no extension can beat: the end of its first frame after `load`, and painting an entry it outlines on
 * a click. It first reports the size of each site's content script. The arXiv page is also loaded in Firefox ESR, with and without the extension (Firefox has no
 * Long Animation Frames: there the controls count as shown when they go in), and its load ratio is held
 * to Chromium's. The arXiv page is measured again once the shelf holds a paper known only by a site id, which cards can match only by their titles (the PMLR and NeurIPS pages, whose papers
 * are known by their sites' own ids, are measured with the shelf in that state), and once more with a
 * year of heavy reading remembered: 400,000 papers seen, half of the listing's among them. Each page
 * also reports its lookup (one per batch of cards, with what was seen riding on it) and how long
 * after the script started every card was annotated.
 */
import { statSync } from 'node:fs'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { contentScriptFile } from '../../src/sites/manifest-entries'
import { SITE_IDS } from '../../src/sites/registry'
import { longListing } from '../fixtures/arxiv/long-listing'
import { longYear } from '../fixtures/neurips/long-year'
import { longVolume } from '../fixtures/pmlr/long-volume'
import { median, spread, verdict } from './figures'
import { FIREFOX, launchFirefox } from '../e2e/firefox'
import { CHROMIUM, CHROMIUM_ARGS, fixture, launchChromium, serveRoutes, type ExtensionBrowser } from '../e2e/harness'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
/** A heavy reader's year: ~1,000 new entries a day. */
const SIGHTINGS = 400_000
const SCHOLAR_RESULTS = 'https://scholar.google.com/scholar?q=victoria+land+geology'

/** A long page, and what its annotated cards are. */
interface LongPage {
  name: string
  url: string
  html: string
  entries: number
  controls: string
  /** The page's entries, which the bare page outlines on a click to show what one repaint costs it. */
  entry: string
}

const ARXIV_LISTING: LongPage = {
  name: 'arXiv listing',
  url: 'https://arxiv.org/list/cs.LG/pastweek?show=2000',
  html: longListing(2000),
  entries: 2000,
  controls: 'dt[data-paper-shelf] .paper-shelf-controls, dd[data-paper-shelf] .paper-shelf-controls',
  entry: 'dl#articles > dt',
}
const PMLR_VOLUME: LongPage = {
  name: 'PMLR volume',
  url: 'https://proceedings.mlr.press/v202/',
  html: longVolume(1500),
  entries: 1500,
  controls: 'div.paper[data-paper-shelf] .paper-shelf-controls',
  entry: 'div.paper',
}
const NEURIPS_YEAR: LongPage = {
  name: 'NeurIPS year',
  url: 'https://proceedings.neurips.cc/paper_files/paper/2023',
  html: longYear(3500),
  entries: 3500,
  controls: 'ul.paper-list > li[data-paper-shelf] .paper-shelf-controls',
  entry: 'ul.paper-list > li',
}
const PAGES = [ARXIV_LISTING, PMLR_VOLUME, NEURIPS_YEAR]
const routes = {
  [SCHOLAR_RESULTS]: () => fixture('scholar', 'results.html'),
  ...Object.fromEntries(PAGES.map((page) => [page.url, page.html])),
}

/** The budgets every long page is held to. */
const BUDGET = { loadRatio: 1.02, inViewMs: 50, everyEntryMs: 250, longestTaskMs: 50, clickToPaintMs: 20, scriptKb: 25 }
/** How many Star toggles of the first viewport each load clicks, one at a time. */
const CLICKS = 5
const VIEWPORT = { width: 1280, height: 1000 }

interface Sample {
  loadMs: number
  /** After `load`, when the last entry of the first viewport had its controls painted. */
  inViewMs?: number
  /** After `load`, when the last entry had its controls painted. */
  everyEntryMs?: number
  /** The extension's longest task. */
  longestTaskMs?: number
  /** The lookup of the page's cards, from asking to the answer. */
  lookupMs?: number
  /** From the script's start to every card annotated. */
  annotatedMs?: number
  /** From each click on a Star toggle to the end of the frame that paints it pressed. */
  clickToPaintMs?: number[]
  /** Without the extension: after `load`, when the page's own first frame ended (nothing is painted sooner). */
  firstFrameMs?: number
  /** Without the extension: from each click on an entry, which the page outlines, to the end of the frame that paints it. */
  ownClickToPaintMs?: number[]
}

/** Star toggles, found by CSS: an ARIA query would turn on the page's accessibility tree, which every later change then updates. */
const STARS = '.paper-shelf-controls > button[data-mark="starred"]'

/**
 * Clicks the first `count` elements matching `selector` (Star toggles, or entries of the bare page), one at
 * a time, each as a real mouse click, and returns the time from each click's input event to the end of the
 * frame that painted it: the next animation frame's tasks have run once a message posted from its callback arrives.
 */
async function clickToPaint(page: Page, count: number, selector = STARS): Promise<number[]> {
  await page.evaluate(() => {
    const timings: number[] = []
    ;(window as unknown as { __clicks: number[] }).__clicks = timings
    window.addEventListener(
      'click',
      (event) => {
        const started = event.timeStamp
        requestAnimationFrame(() => {
          const channel = new MessageChannel()
          channel.port1.onmessage = () => timings.push(performance.now() - started)
          channel.port2.postMessage(undefined)
        })
      },
      true,
    )
  })
  const targets = await page.$$(selector)
  for (const [index, target] of targets.slice(0, count).entries()) {
    await target.click()
    await page.waitForFunction((clicked) => (window as unknown as { __clicks: number[] }).__clicks.length >= clicked, {}, index + 1)
    // The toggle's save and the change it pushes back are part of the click, not of the next one.
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
  return (await page.evaluate(() => (window as unknown as { __clicks: number[] }).__clicks)).slice(0, count)
}

/**
 * Records, from the document's start, the page's long animation frames, when each controls element went in,
 * and when the first frame after `load` ended.
 */
const RECORD = `
  window.__longFrames = [];
  window.__controlsAdded = [];
  new PerformanceObserver((list) => window.__longFrames.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });
  new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records)
      for (const node of record.addedNodes)
        if (node.nodeType === 1 && node.classList.contains('paper-shelf-controls')) window.__controlsAdded.push([now, node]);
  }).observe(document, { childList: true, subtree: true });
  addEventListener('load', () => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__firstFrameEnd = performance.now() };
    channel.port2.postMessage(null);
  }), { once: true });
`

/**
 * What the bare page itself takes, which no extension can beat: when its first frame after `load` ends, and
 * how long it takes to paint an entry it outlines on a click (as a page's own toggle would).
 */
async function bareFloor(page: Page, target: LongPage): Promise<Pick<Sample, 'firstFrameMs' | 'ownClickToPaintMs'>> {
  await page.waitForFunction(() => (window as unknown as { __firstFrameEnd?: number }).__firstFrameEnd !== undefined)
  const firstFrameMs = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    return (window as unknown as { __firstFrameEnd: number }).__firstFrameEnd - navigation!.loadEventEnd
  })
  await page.evaluate((entry) => {
    document.addEventListener(
      'click',
      (event) => {
        const clicked = event.target instanceof Element ? event.target.closest<HTMLElement>(entry) : null
        if (!clicked) return
        event.preventDefault()
        clicked.style.outline = clicked.style.outline ? '' : '2px solid #f59e0b'
      },
      true,
    )
  }, target.entry)
  return { firstFrameMs, ownClickToPaintMs: await clickToPaint(page, CLICKS, target.entry) }
}

/** What a browser can measure: Firefox has no Long Animation Frames. */
interface Capabilities {
  frames: boolean
}
const CHROMIUM_CAN: Capabilities = { frames: true }
const FIREFOX_CAN: Capabilities = { frames: false }

async function load(open: () => Promise<Page>, withExtension: boolean, target: LongPage, can: Capabilities): Promise<Sample> {
  const page = await open()
  await page.setViewport(VIEWPORT)
  await page.evaluateOnNewDocument(RECORD)
  await page.setRequestInterception(true)
  page.on('request', (request) => void serveRoutes(request, routes))
  await page.goto(target.url, { waitUntil: 'load' })
  const loadMs = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    return navigation!.loadEventEnd - navigation!.startTime
  })
  if (!withExtension) {
    const own = await bareFloor(page, target)
    await page.close()
    return { loadMs, ...own }
  }
  await page.waitForFunction(
    (count) => document.querySelectorAll('.paper-shelf-controls').length >= count,
    { timeout: 30_000, polling: 50 },
    target.entries,
  )
  // Frames are reported once they end: give the last ones time to be.
  await new Promise((resolve) => setTimeout(resolve, 300))
  const measured = await page.evaluate((controls) => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[]
    const loaded = navigation!.loadEventEnd
    const recorded = window as unknown as { __longFrames: PerformanceEntry[]; __controlsAdded: [number, Element][] }
    const added = new Map(recorded.__controlsAdded.map(([time, node]) => [node, time]))
    // The page is still scrolled to its top: the first viewport is the one the reader saw.
    const inView = [...added].filter(([node]) => {
      const entry = node.closest('[data-paper-shelf]') ?? node
      const box = entry.getBoundingClientRect()
      return box.bottom > 0 && box.top < innerHeight
    })
    // Controls are painted at the end of the frame they went in: a long frame is reported, a short one
    // ends within 50 ms. (No named functions here: the page would not know the bundler's name helper.)
    const [inViewMs, everyEntryMs] = [inView.map(([, time]) => time), [...added.values()]].map((times) => {
      if (times.length === 0) return Number.NaN
      const time = Math.max(...times)
      const frame = recorded.__longFrames.find((entry) => entry.startTime <= time && time <= entry.startTime + entry.duration)
      return (frame ? frame.startTime + frame.duration : time) - loaded
    })
    const frames = recorded.__longFrames.filter((frame) => frame.startTime >= loaded).map((frame) => frame.duration)
    const firstTask = performance.getEntriesByName('paper-shelf:first-task')[0]?.duration ?? 0
    return {
      lookupMs: performance.getEntriesByName('paper-shelf:lookup')[0]?.duration ?? Number.NaN,
      annotatedMs: performance.getEntriesByName('paper-shelf:annotated')[0]?.duration ?? Number.NaN,
      inViewMs: inViewMs!,
      everyEntryMs: everyEntryMs!,
      longestTaskMs: Math.max(firstTask, ...frames),
      cards: document.querySelectorAll(controls).length,
    }
  }, target.controls)
  if (measured.cards !== target.entries) throw new Error(`${measured.cards} of ${target.entries} entries were annotated on ${target.url}`)
  if (Number.isNaN(measured.inViewMs)) throw new Error(`No entry of ${target.url} is in the first viewport`)
  const clicks = await clickToPaint(page, CLICKS)
  await page.close()
  const { inViewMs, everyEntryMs, longestTaskMs, lookupMs, annotatedMs } = measured
  return {
    loadMs,
    inViewMs,
    everyEntryMs,
    longestTaskMs: can.frames ? longestTaskMs : undefined,
    lookupMs,
    annotatedMs,
    clickToPaintMs: clicks,
  }
}

/** Stars a Scholar result that links no arXiv id or DOI: the shelf then holds a paper known only by its Scholar id. */
async function starSiteOnlyPaper(browser: Browser): Promise<void> {
  const page = await browser.newPage()
  await page.setRequestInterception(true)
  page.on('request', (request) => void serveRoutes(request, routes))
  await page.goto(SCHOLAR_RESULTS, { waitUntil: 'load' })
  const star = await page.waitForSelector('#gs_res_ccl_mid div.gs_r[data-cid="4qAC3XBmStsJ"] ::-p-aria([name="Star"][role="button"])')
  await star!.click()
  await page.waitForFunction(() =>
    document.querySelector('div.gs_r[data-cid="4qAC3XBmStsJ"]')?.getAttribute('data-paper-shelf')?.split(' ').includes('starred'),
  )
  await page.close()
}

/** Loads `target` alternately with and without the extension, after one warm-up each. */
async function measure(
  extension: Browser,
  plain: Browser | undefined,
  target: LongPage,
  can: Capabilities = CHROMIUM_CAN,
): Promise<{ with: Sample[]; without: Sample[] }> {
  const samples = { with: [] as Sample[], without: [] as Sample[] }
  await load(() => extension.newPage(), true, target, can)
  if (plain) await load(() => plain.newPage(), false, target, can)
  for (let run = 0; run < RUNS; run += 1) {
    samples.with.push(await load(() => extension.newPage(), true, target, can))
    if (plain) samples.without.push(await load(() => plain.newPage(), false, target, can))
  }
  return samples
}

/** The load time with the extension over the time without it (the median of each). */
const loadRatio = (samples: { with: Sample[]; without: Sample[] }): number =>
  median(samples.with.map((sample) => sample.loadMs)) / median(samples.without.map((sample) => sample.loadMs))

/** The arXiv listing in Firefox ESR, with and without the extension. */
async function measureFirefox(): Promise<{ with: Sample[]; without: Sample[] }> {
  const extension = await launchFirefox()
  const plain = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true })
  try {
    return await measure(extension.browser, plain, ARXIV_LISTING, FIREFOX_CAN)
  } finally {
    await plain.close()
    await extension.close({ discardProfile: true })
  }
}

function report(target: LongPage, samples: { with: Sample[]; without: Sample[] }, browserName = 'Chromium'): void {
  const line = (label: string, values: number[], budget: number) => {
    if (values.length > 0) {
      console.log(`  ${label}: ${spread(values)} (budget ≤ ${budget} ms: ${verdict(median(values), budget)})`)
    }
  }
  // What the bare page itself takes, next to the figure it bounds.
  const floor = (label: string, values: (sample: Sample) => number[]) => {
    const all = samples.without.flatMap(values)
    if (all.length > 0) console.log(`    ${label}: ${spread(all)}`)
  }
  console.log(`${target.name} with ${target.entries} entries in ${browserName}, ${RUNS} runs (medians; min–max in brackets)`)
  if (samples.without.length > 0) {
    const withLoad = median(samples.with.map((sample) => sample.loadMs))
    const withoutLoad = median(samples.without.map((sample) => sample.loadMs))
    const ratio = loadRatio(samples)
    console.log(
      `  page load with / without the extension: ${withLoad.toFixed(0)} ms / ${withoutLoad.toFixed(0)} ms = ${ratio.toFixed(3)} (budget ≤ ${BUDGET.loadRatio}: ${verdict(ratio, BUDGET.loadRatio)})`,
    )
  }
  line(
    'load → controls painted on every entry in the first viewport',
    samples.with.map((sample) => sample.inViewMs!),
    BUDGET.inViewMs,
  )
  floor("without the extension, load → the end of the page's own first frame", (sample) =>
    sample.firstFrameMs === undefined ? [] : [sample.firstFrameMs],
  )
  line(
    'load → controls painted on every entry',
    samples.with.map((sample) => sample.everyEntryMs!),
    BUDGET.everyEntryMs,
  )
  line(
    "the extension's longest task",
    samples.with.flatMap((sample) => sample.longestTaskMs ?? []),
    BUDGET.longestTaskMs,
  )
  line(
    'click on Star → painted',
    samples.with.flatMap((sample) => sample.clickToPaintMs ?? []),
    BUDGET.clickToPaintMs,
  )
  floor('without the extension, a click on an entry that the page outlines → painted', (sample) => sample.ownClickToPaintMs ?? [])
  console.log(`  lookup of the page's cards: ${spread(samples.with.map((sample) => sample.lookupMs!))}`)
  console.log(`  script start → every card annotated: ${spread(samples.with.map((sample) => sample.annotatedMs!))}`)
}

/** A year of heavy reading: `count` papers seen, among them every other entry of the arXiv listing. */
async function rememberSightings(extension: ExtensionBrowser, count: number): Promise<void> {
  const listed = [...ARXIV_LISTING.html.matchAll(/href ?="\/abs\/(\d{4}\.\d{5})"/g)].map((match) => `arxiv:${match[1]}`)
  const halfListed = [...new Set(listed)].filter((_, index) => index % 2 === 0)
  const others = Array.from(
    { length: count - halfListed.length },
    (_, index) => `arxiv:${2301 + Math.floor(index / 90_000)}.${String(index % 90_000).padStart(5, '0')}`,
  )
  const popup = await extension.openPopup()
  await popup.evaluate(
    async (keys) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } } })
        .chrome
      for (let start = 0; start < keys.length; start += 5000) {
        const reply = await runtime.sendMessage({
          type: 'recordSightings',
          keys: keys.slice(start, start + 5000),
          place: `arxiv bench ${start}`,
        })
        if (!reply.ok) throw new Error('recording sightings failed')
      }
    },
    [...halfListed, ...others],
  )
  await popup.close()
}

/** The size of each site's built content script. */
function reportScriptSizes(): void {
  const sizes = SITE_IDS.map((id) => ({ id, kb: statSync(`dist/chrome/${contentScriptFile(id)}`).size / 1024 }))
  const largest = Math.max(...sizes.map((size) => size.kb))
  console.log(`Content script per site, minified (budget ≤ ${BUDGET.scriptKb} KB: ${verdict(largest, BUDGET.scriptKb)}):`)
  console.log(`  ${sizes.map(({ id, kb }) => `${id} ${kb.toFixed(1)}`).join(', ')} KB`)
}

async function main(): Promise<void> {
  reportScriptSizes()
  const extension: ExtensionBrowser = await launchChromium()
  const plain: Browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, pipe: true, args: CHROMIUM_ARGS })
  try {
    const chromium = await measure(extension.browser, plain, ARXIV_LISTING)
    report(ARXIV_LISTING, chromium)
    const firefox = await measureFirefox()
    report(ARXIV_LISTING, firefox, 'Firefox ESR')
    // Firefox may be slower than Chromium, but the extension may not add more to it there than in Chromium.
    console.log(
      `  Firefox's load ratio against Chromium's: ${loadRatio(firefox).toFixed(3)} / ${loadRatio(chromium).toFixed(3)} (budget: no higher, ${verdict(loadRatio(firefox), loadRatio(chromium))})`,
    )
    await starSiteOnlyPaper(extension.browser)
    console.log('With a paper known only by a site id on the shelf, matched by title:')
    report(ARXIV_LISTING, await measure(extension.browser, undefined, ARXIV_LISTING))
    report(PMLR_VOLUME, await measure(extension.browser, plain, PMLR_VOLUME))
    report(NEURIPS_YEAR, await measure(extension.browser, plain, NEURIPS_YEAR))
    await rememberSightings(extension, SIGHTINGS)
    console.log(`With ${SIGHTINGS.toLocaleString('en')} papers seen, half of the listing's among them:`)
    report(ARXIV_LISTING, await measure(extension.browser, plain, ARXIV_LISTING))
  } finally {
    await plain.close()
    await extension.close({ discardProfile: true })
  }
}

await main()
