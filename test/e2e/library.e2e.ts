import { join } from 'node:path'
import { describe, expect } from 'vitest'
import { downloaded, today } from './downloads'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { byRole, type PopupDriver } from './harness'
import { HF_PAGES, HF_ROUTES, cardTitles, clickToggle, waitForAnnotatedCards, waitForCardState } from './pages'
import { ROOT } from './routes'

const ROW = '.library-row'
const LIBRARY_200 = join(ROOT, 'test/fixtures/import/library-200.bib')
/** Papers in that file: its 200 entries name some papers twice. */
const PAPERS_IN_LIBRARY_200 = 109

/** Stars the first three papers of the daily page; returns their titles. */
async function starThree(extension: ExtensionUnderTest): Promise<string[]> {
  const page = await extension.openPage(HF_PAGES.daily.url, HF_ROUTES)
  await waitForAnnotatedCards(page)
  const titles = (await cardTitles(page)).slice(0, 3)
  for (const index of [0, 1, 2]) {
    await clickToggle(page, 'article', index, 'Star')
    await waitForCardState(page, index, 'starred')
  }
  await page.close()
  return titles
}

async function rowTitles(library: PopupDriver): Promise<string[]> {
  return library.evaluate(
    (row) => [...document.querySelectorAll(row)].map((element) => element.querySelector('.row-title')?.textContent ?? ''),
    ROW,
  )
}

/** Waits until the rendered rows show exactly these titles, in any order. */
async function waitForRows(library: PopupDriver, expected: string[]): Promise<void> {
  const want = [...expected].sort()
  await library
    .waitFor(
      (row, sorted) => {
        const got = [...document.querySelectorAll(row)].map((element) => element.querySelector('.row-title')?.textContent ?? '').sort()
        return JSON.stringify(got) === JSON.stringify(sorted)
      },
      ROW,
      want,
    )
    .catch(async () => {
      expect((await rowTitles(library)).sort()).toEqual(want)
    })
}

async function openLibrary(extension: ExtensionUnderTest): Promise<PopupDriver> {
  const library = await extension.openLibrary()
  await library.waitForElement(byRole('searchbox', 'Search'))
  return library
}

async function statusText(library: PopupDriver): Promise<string> {
  return library.evaluate(
    () => `${document.querySelector('.library-status')?.textContent ?? ''} ${document.querySelector('.library-error')?.textContent ?? ''}`,
  )
}

describeBrowsers(() => {
  describe('the library page', () => {
    it('tags a paper, and the popup finds it by its tag', async ({ extension }) => {
      const titles = await starThree(extension)
      const library = await openLibrary(extension)
      await waitForRows(library, titles)
      const tagged = titles[1]!
      const index = (await rowTitles(library)).indexOf(tagged)
      await library.click(byRole('button', 'Edit', { within: ROW, nth: index }))
      await library.waitFor((title) => document.querySelector('dialog[open] h2')?.textContent === `Edit “${title}”`, tagged)
      await library.type(byRole('textbox', 'Add tag'), 'to-review')
      await library.press('Enter')
      await library.type(byRole('textbox', 'Note'), 'Compare with the baseline in section 4.')
      await library.click(byRole('button', 'Save'))
      await library.waitFor(
        (row, title) =>
          [...document.querySelectorAll(row)].some(
            (element) =>
              element.querySelector('.row-title')?.textContent === title && element.querySelector('.row-tags')?.textContent === 'to-review',
          ),
        ROW,
        tagged,
      )
      // The tag is also a filter above the list.
      await library.click(byRole('button', 'to-review', { within: '.tag-filter' }))
      await waitForRows(library, [tagged])
      await library.close()

      const popup = await extension.openPopup()
      await popup.waitForElement(byRole('searchbox', 'Search'))
      await popup.type(byRole('searchbox', 'Search'), 'to-review')
      await popup.waitFor((title) => {
        const items = [...document.querySelectorAll('[role="tabpanel"] li')]
        return items.length === 1 && items[0]!.querySelector('a')?.textContent === title
      }, tagged)
      await popup.close()
    })

    it('deletes the checked papers with their marks, and Undo puts them back', async ({ extension }) => {
      const titles = await starThree(extension)
      const library = await openLibrary(extension)
      await waitForRows(library, titles)
      const [first, second, third] = titles as [string, string, string]
      await library.click(byRole('checkbox', first))
      await library.click(byRole('checkbox', third))
      await library.waitFor(() => document.querySelector('.selection-count')?.textContent === '2 selected')
      await library.click(byRole('button', 'Delete', { within: '[role="toolbar"]' }))
      await waitForRows(library, [second])
      expect(await statusText(library)).toContain('Deleted 2 papers.')
      await library.click(byRole('button', 'Undo'))
      await waitForRows(library, titles)
      expect(await statusText(library)).toContain('Restored 2 papers.')
      await library.close()

      // The shelf itself holds them again, starred: the popup lists all three.
      const popup = await extension.openPopup()
      await popup.waitFor(() => document.querySelectorAll('[role="tabpanel"] li').length === 3)
      await popup.close()
    })

    it('imports a .bib of 200 entries, tags them in bulk, and exports them with their tags', async ({ extension }) => {
      const library = await openLibrary(extension)
      await library.waitFor(() => document.querySelector('.library-empty')?.textContent?.includes('Your shelf is empty'))
      await library.uploadFile('input[type="file"]', LIBRARY_200)
      await library.waitFor(
        () =>
          /Imported|Nothing/.test(document.querySelector('.library-status')?.textContent ?? '') ||
          document.querySelector('.library-error')?.textContent,
      )
      expect(await statusText(library)).toContain(
        `Imported ${PAPERS_IN_LIBRARY_200} papers from library-200.bib (BibTeX): ${PAPERS_IN_LIBRARY_200} new, 0 already on your shelf.`,
      )
      await library.waitFor((count) => document.querySelector('.library-count')?.textContent === `${count} papers`, PAPERS_IN_LIBRARY_200)

      await library.click(byRole('checkbox', 'Select all shown papers'))
      await library.waitFor(
        (count) => document.querySelector('.selection-count')?.textContent === `${count} selected`,
        PAPERS_IN_LIBRARY_200,
      )
      await library.type(byRole('textbox', 'Tag to add'), 'imported')
      await library.click(byRole('button', 'Add tag'))
      await library.waitFor(
        (count) => document.querySelector('[data-tag="imported"]')?.textContent === `imported ${count}`,
        PAPERS_IN_LIBRARY_200,
      )

      await library.click(byRole('button', 'Export selection'))
      const bibtex = await downloaded(extension.downloadsDir, `paper-shelf-selection-${today()}.bib`)
      expect(bibtex.match(/^@/gm)).toHaveLength(PAPERS_IN_LIBRARY_200)
      expect(bibtex.match(/^ {2}keywords += \{imported\},?$/gm)).toHaveLength(PAPERS_IN_LIBRARY_200)
      await library.close()
    })
  })
})
