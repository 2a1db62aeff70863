import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect } from 'vitest'
import { toJsonBackup } from '../../src/core/backup/backup'
import { shelfOf } from '../fixtures/export/shelf-of'
import { downloaded, today } from './downloads'
import { byRole, type PopupDriver } from './harness'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { HF_PAGES, HF_ROUTES, cardStates, cardTitles, clickToggle, waitForAnnotatedCards } from './pages'
import { putOnShelf } from './put-on-shelf'

async function openExportPanel(browser: ExtensionUnderTest): Promise<PopupDriver> {
  const popup = await browser.openPopup()
  await popup.click(byRole('button', 'Export'))
  await popup.waitForElement(byRole('button', 'BibTeX'))
  return popup
}

/** Stars the first two papers of the daily page and marks the third read; returns their titles. */
async function shelveThree(extension: ExtensionUnderTest): Promise<string[]> {
  const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
  await waitForAnnotatedCards(page)
  const titles = (await cardTitles(page)).slice(0, 3)
  await clickToggle(page, 'article', 0, 'Star')
  await clickToggle(page, 'article', 1, 'Star')
  await clickToggle(page, 'article', 2, 'Read')
  await page.close()
  return titles
}

/** Downloads a JSON backup of the whole shelf from the popup and returns its path. */
async function downloadBackup(extension: ExtensionUnderTest): Promise<{ path: string; text: string }> {
  const popup = await openExportPanel(extension)
  await popup.click(byRole('button', 'JSON backup'))
  const fileName = `paper-shelf-all-${today()}.backup.json`
  const text = await downloaded(extension.downloadsDir, fileName)
  await popup.close()
  return { path: join(extension.downloadsDir, fileName), text }
}

/**
 * Imports a file through the panel and returns what the panel says when it is done. A long import may
 * take longer than one of the popup's waits (20,000 papers: 6–15 s on a two-core machine): `longWaits`
 * waits that many times over.
 */
async function importFile(popup: PopupDriver, path: string, longWaits = 1): Promise<string> {
  await popup.uploadFile('input[type="file"]', path)
  const done = () =>
    popup.waitFor(() =>
      (document.querySelector('.export-status')?.textContent || document.querySelector('.export-error')?.textContent || '').match(
        /imported/i,
      ),
    )
  for (let wait = 1; ; wait += 1) {
    try {
      await done()
      break
    } catch (error) {
      if (wait >= longWaits) throw error
    }
  }
  return popup.evaluate(() => {
    const panel = document.querySelector('.export-panel')!
    return `${panel.querySelector('.export-status')?.textContent}${panel.querySelector('.export-error')?.textContent}`
  })
}

/** The backup reminder's text once the popup has decided (the region stays hidden when there is nothing to say). */
async function reminderText(popup: PopupDriver): Promise<string> {
  await popup.waitFor(() => document.querySelector('[data-view="starred"] .tab-count')?.textContent !== '')
  return popup.evaluate(() => {
    const region = document.querySelector<HTMLElement>('section[aria-label="Backup reminder"]')!
    return region.hidden ? '' : (region.querySelector('p')?.textContent ?? '')
  })
}

describeBrowsers((kind) => {
  describe('backups', () => {
    it('reminds the reader after many changes, and “Back up now” saves the whole shelf', async ({ extension }) => {
      await putOnShelf(extension, shelfOf(60))
      let popup = await extension.openPopup()
      await popup.waitFor(() => !document.querySelector<HTMLElement>('section[aria-label="Backup reminder"]')?.hidden)
      expect(await reminderText(popup)).toMatch(/^60 papers on your shelf and no backup yet\./)
      await popup.click(byRole('button', 'Back up now'))
      const fileName = `paper-shelf-all-${today()}.backup.json`
      const backup = JSON.parse(await downloaded(extension.downloadsDir, fileName)) as { papers: unknown[] }
      expect(backup.papers).toHaveLength(60)
      await popup.waitFor(
        (name) => document.querySelector('section[aria-label="Backup reminder"] p')?.textContent === `Backup saved: ${name}.`,
        fileName,
      )
      await popup.close()
      popup = await extension.openPopup()
      expect(await reminderText(popup)).toBe('')
      await popup.close()
    })

    if (kind === 'firefox') {
      it('saves a weekly backup into the downloads’ Paper Shelf folder once turned on, with the permission it asks for', async ({
        extension,
      }) => {
        await putOnShelf(extension, shelfOf(3))
        let popup = await extension.openPopup()
        await popup.click(byRole('button', 'Settings'))
        await popup.click(byRole('checkbox', 'Save a backup file every week'))
        await popup.waitFor(() =>
          (globalThis as unknown as { browser: { permissions: { contains(p: unknown): Promise<boolean> } } }).browser.permissions.contains({
            permissions: ['downloads'],
          }),
        )
        await popup.close()
        // The next opening finds no backup yet: the weekly one is due.
        popup = await extension.openPopup()
        const backup = JSON.parse(
          await downloaded(join(extension.downloadsDir, 'Paper Shelf'), `paper-shelf-all-${today()}.backup.json`),
        ) as {
          papers: unknown[]
          settings: Record<string, { value: boolean }>
        }
        expect(backup.papers).toHaveLength(3)
        expect(backup.settings.weeklyBackup?.value).toBe(true)
        await popup.click(byRole('button', 'Settings'))
        await popup.waitFor(() => /Last backup: \d+ \w+ \d{4}\./.test(document.querySelector('.settings')?.textContent ?? ''))
        await popup.close()
      })
    } else {
      it('says why the weekly backup was not saved when the browser never granted the permission', async ({ extension }) => {
        await putOnShelf(extension, shelfOf(3))
        // Turned on elsewhere (a backup restored here): this browser has not granted the downloads permission.
        let popup = await extension.openPopup()
        await popup.evaluate(() =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
            type: 'setSetting',
            name: 'weeklyBackup',
            value: true,
          }),
        )
        await popup.close()
        popup = await extension.openPopup()
        await popup.waitFor(() => !document.querySelector<HTMLElement>('section[aria-label="Backup reminder"]')?.hidden)
        expect(await reminderText(popup)).toBe(
          "This week's backup could not be saved: this browser has not allowed Paper Shelf to save files. Turn “Save a backup file every week” off and on again in Settings to allow it.",
        )
        await popup.close()
      })
    }
  })

  describe('export from the popup', () => {
    it.for([
      [
        'BibTeX',
        'bib',
        (text: string) => expect(text).toMatch(/^(?=[\x00-\x7f]*$)@misc\{[a-z0-9]+,[\s\S]*eprint\s*=\s*\{\d{4}\.\d{4,5}\}/),
      ],
      ['biblatex (UTF-8)', 'biblatex.bib', (text: string) => expect(text).toMatch(/@misc\{[a-z0-9]+,[\s\S]*archivePrefix = \{arXiv\}/)],
      ['RIS', 'ris', (text: string) => expect(text.startsWith('TY  - GEN\r\n')).toBe(true)],
      ['CSL-JSON', 'csl.json', (text: string) => expect(JSON.parse(text)).toHaveLength(2)],
      ['CSV', 'csv', (text: string) => expect(text.trim().split('\r\n')).toHaveLength(3)],
      ['Markdown', 'md', (text: string) => expect(text).toMatch(/\]\(https:\/\/arxiv\.org\/abs\//)],
    ] as const)('downloads the starred papers as %s', async ([format, suffix, check], { extension }) => {
      const titles = await shelveThree(extension)
      const popup = await openExportPanel(extension)
      await popup.click(byRole('button', format))
      const text = await downloaded(extension.downloadsDir, `paper-shelf-starred-${today()}.${suffix}`)
      check(text)
      const plain = text.normalize('NFC')
      for (const title of titles.slice(0, 2))
        expect(plain).toContain(title.split(':')[0]!.replace(/&/g, format === 'Markdown' ? '\\&' : '&'))
      await popup.close()
    })

    it('exports the citation key the reader gave a paper in the popup', async ({ extension }) => {
      await shelveThree(extension)
      const popup = await extension.openPopup()
      await popup.click({ role: 'button', name: 'Edit citation key', within: 'li.paper', nth: 0 })
      // The field opens with the key selected: typing replaces it.
      await popup.type('li.paper input.key-input', 'Reader:Key2024')
      await popup.press('Enter')
      await popup.waitFor(() => document.querySelector('li.paper code.paper-key')?.textContent === 'Reader:Key2024')
      await popup.click(byRole('button', 'Export'))
      await popup.click(byRole('button', 'BibTeX'))
      expect(await downloaded(extension.downloadsDir, `paper-shelf-starred-${today()}.bib`)).toContain('@misc{Reader:Key2024,')
      await popup.close()
    })

    it('downloads a JSON backup of the whole shelf', async ({ extension }) => {
      const titles = await shelveThree(extension)
      const backup = JSON.parse((await downloadBackup(extension)).text) as {
        format: string
        papers: { title: string; starred: number; read: number }[]
      }
      expect(backup.format).toBe('paper-shelf-backup')
      expect(backup.papers.map((paper) => paper.title).sort()).toEqual([...titles].sort())
    })
  })

  describe('import into a fresh browser', () => {
    it('restores the shelf exactly, and a second import changes nothing', async ({ extension }) => {
      await shelveThree(extension)
      const { text } = await downloadBackup(extension)
      // A new profile: the shelf is empty, as in a browser the extension was just installed in.
      await extension.restart({ freshProfile: true })
      const backupPath = join(extension.downloadsDir, 'backup.json')
      writeFileSync(backupPath, text)

      let popup = await openExportPanel(extension)
      expect(await importFile(popup, backupPath)).toBe('Backup imported: 3 added, 0 updated, 0 unchanged.')

      const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
      await waitForAnnotatedCards(page)
      expect((await cardStates(page)).slice(0, 3)).toEqual(['starred', 'starred', 'read'])
      await page.close()

      // Firefox closed the popup to run the page (one remote session at a time): open it again.
      if (extension.kind === 'firefox') popup = await openExportPanel(extension)
      await popup.evaluate(() => {
        for (const line of document.querySelectorAll('.export-status, .export-error')) line.textContent = ''
      })
      expect(await importFile(popup, backupPath)).toBe('Backup imported: 0 added, 0 updated, 3 unchanged.')
      await popup.close()
    })

    it('imports a long backup in parts, showing how far it got, and lists every paper', async ({ extension }) => {
      const count = 20_000
      const backupPath = join(extension.downloadsDir, 'long.json')
      writeFileSync(backupPath, toJsonBackup(shelfOf(count), new Date()))
      const popup = await openExportPanel(extension)
      // Everything the panel says, and the progress bar's every state, as the reader would have seen them.
      await popup.evaluate(() => {
        const log: string[] = []
        const panel = document.querySelector('.export-panel')!
        const bar = panel.querySelector('progress')!
        new MutationObserver(() => {
          const status = panel.querySelector('.export-status')?.textContent ?? ''
          const state = bar.hidden ? 'hidden' : bar.hasAttribute('value') ? `${bar.value}/${bar.max}` : 'busy'
          if (log.at(-1) !== `${status} [${state}]`) log.push(`${status} [${state}]`)
        }).observe(panel, { subtree: true, childList: true, characterData: true, attributes: true })
        Object.assign(window, { importLog: log })
      })
      expect(await importFile(popup, backupPath, 6)).toBe(`Backup imported: ${count} added, 0 updated, 0 unchanged.`)
      const log = await popup.evaluate(() => (window as unknown as { importLog: string[] }).importLog)
      const shown = (pattern: RegExp) => log.some((entry) => pattern.test(entry))
      expect(shown(/^Importing long\.json: checking its papers… \[(?!0\/)\d+\/20000\]$/)).toBe(true)
      expect(shown(/^Importing long\.json: comparing it with your shelf… \[busy\]$/)).toBe(true)
      expect(shown(/^Importing long\.json: saving its papers… \[\d+\/20000\]$/)).toBe(true)
      expect(log.at(-1)).toBe(`Backup imported: ${count} added, 0 updated, 0 unchanged. [hidden]`)
      await popup.close()

      const reopened = await extension.openPopup()
      await reopened.waitFor(() => document.querySelector('[role="tab"][data-view="starred"] .tab-count')?.textContent === '20000')
      await reopened.close()
    })

    it('refuses a damaged backup with a clear message and changes nothing', async ({ extension }) => {
      await shelveThree(extension)
      const backup = await downloadBackup(extension)
      const damaged = join(extension.downloadsDir, 'damaged.json')
      writeFileSync(damaged, backup.text.slice(0, 200))
      const popup = await openExportPanel(extension)
      expect(await importFile(popup, damaged)).toMatch(/^Nothing was imported\. This file is not valid JSON/)
      await popup.close()
      const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
      await waitForAnnotatedCards(page)
      expect((await cardStates(page)).slice(0, 3)).toEqual(['starred', 'starred', 'read'])
      await page.close()
    })
  })
})
