import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, type ExtensionBrowser } from './harness'
import { HF_PAGES, HF_ROUTES, cardStates, cardTitles, clickToggle, waitForAnnotatedCards } from './pages'

let chromium: ExtensionBrowser
let restored: ExtensionBrowser | undefined
let downloads: string
let titles: string[]
let backupPath: string

const today = () => {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

async function openExportPanel(browser: ExtensionBrowser, downloadDir?: string): Promise<Page> {
  const popup = await browser.openPopup()
  if (downloadDir) {
    const cdp = await browser.browser.target().createCDPSession()
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir })
  }
  await (await popup.waitForSelector('::-p-aria([name="Export"][role="button"])'))!.click()
  await popup.waitForSelector('::-p-aria([name="BibTeX"][role="button"])', { visible: true })
  return popup
}

async function downloaded(fileName: string): Promise<string> {
  const path = join(downloads, fileName)
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (readdirSync(downloads).includes(fileName)) return readFileSync(path, 'utf8')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${fileName} was not downloaded; found ${readdirSync(downloads).join(', ')}`)
}

async function importFile(popup: Page, path: string): Promise<string> {
  const input = await popup.$('input[type="file"]')
  await (input as unknown as { uploadFile: (path: string) => Promise<void> }).uploadFile(path)
  await popup.waitForFunction(
    () => (document.querySelector('.export-status')?.textContent || document.querySelector('.export-error')?.textContent || '').match(/imported/i),
    { timeout: 10_000, polling: 100 },
  )
  return popup.$eval('.export-panel', (panel) => `${panel.querySelector('.export-status')?.textContent}${panel.querySelector('.export-error')?.textContent}`)
}

beforeAll(async () => {
  downloads = mkdtempSync(join(tmpdir(), 'paper-shelf-downloads-'))
  chromium = await launchChromium()
  const page = await chromium.openPage(HF_PAGES.daily.url, HF_ROUTES)
  await waitForAnnotatedCards(page)
  titles = (await cardTitles(page)).slice(0, 3)
  await clickToggle(page, 'article', 0, 'Star')
  await clickToggle(page, 'article', 1, 'Star')
  await clickToggle(page, 'article', 2, 'Read')
  await page.close()
})

afterAll(async () => {
  await chromium?.close({ discardProfile: true })
  await restored?.close({ discardProfile: true })
  rmSync(downloads, { recursive: true, force: true })
})

describe('export from the popup', () => {
  it.each([
    ['BibTeX', 'bib', (text: string) => expect(text).toMatch(/@misc\{[a-z0-9]+,[\s\S]*eprint\s*=\s*\{\d{4}\.\d{4,5}\}/)],
    ['RIS', 'ris', (text: string) => expect(text.startsWith('TY  - GEN\r\n')).toBe(true)],
    ['CSL-JSON', 'csl.json', (text: string) => expect(JSON.parse(text)).toHaveLength(2)],
    ['CSV', 'csv', (text: string) => expect(text.trim().split('\r\n')).toHaveLength(3)],
    ['Markdown', 'md', (text: string) => expect(text).toMatch(/\]\(https:\/\/arxiv\.org\/abs\//)],
  ] as const)('downloads the starred papers as %s', async (format, suffix, check) => {
    const popup = await openExportPanel(chromium, downloads)
    await (await popup.$(`::-p-aria([name="${format}"][role="button"])`))!.click()
    const text = await downloaded(`paper-shelf-starred-${today()}.${suffix}`)
    check(text)
    const plain = text.normalize('NFC')
    for (const title of titles.slice(0, 2)) expect(plain).toContain(title.split(':')[0]!.replace(/&/g, format === 'Markdown' ? '\\&' : '&'))
    await popup.close()
  })

  it('downloads a JSON backup of the whole shelf', async () => {
    const popup = await openExportPanel(chromium, downloads)
    await (await popup.$('::-p-aria([name="JSON backup"][role="button"])'))!.click()
    const fileName = `paper-shelf-all-${today()}.backup.json`
    const backup = JSON.parse(await downloaded(fileName)) as { format: string; papers: { title: string; starred: number; read: number }[] }
    expect(backup.format).toBe('paper-shelf-backup')
    expect(backup.papers.map((paper) => paper.title).sort()).toEqual([...titles].sort())
    backupPath = join(downloads, fileName)
    await popup.close()
  })
})

describe('import into a fresh browser', () => {
  it('restores the shelf exactly, and a second import changes nothing', async () => {
    restored = await launchChromium()
    const popup = await openExportPanel(restored)
    expect(await importFile(popup, backupPath)).toBe('Backup imported: 3 added, 0 updated, 0 unchanged.')

    const page = await restored.openPage(HF_PAGES.daily.url, HF_ROUTES)
    await waitForAnnotatedCards(page)
    expect((await cardStates(page)).slice(0, 3)).toEqual(['starred', 'starred', 'read'])

    await popup.bringToFront()
    await popup.evaluate(() => {
      for (const line of document.querySelectorAll('.export-status, .export-error')) line.textContent = ''
    })
    expect(await importFile(popup, backupPath)).toBe('Backup imported: 0 added, 0 updated, 3 unchanged.')
    await page.close()
    await popup.close()
  })

  it('refuses a damaged backup with a clear message and changes nothing', async () => {
    const damaged = join(downloads, 'damaged.json')
    writeFileSync(damaged, readFileSync(backupPath, 'utf8').slice(0, 200))
    const popup = await openExportPanel(restored!)
    expect(await importFile(popup, damaged)).toMatch(/^Nothing was imported\. This file is not valid JSON/)
    const page = await restored!.openPage(HF_PAGES.daily.url, HF_ROUTES)
    await waitForAnnotatedCards(page)
    expect((await cardStates(page)).slice(0, 3)).toEqual(['starred', 'starred', 'read'])
    await page.close()
    await popup.close()
  })
})
