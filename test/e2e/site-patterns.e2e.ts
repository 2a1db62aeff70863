import type { Page } from 'puppeteer-core'
import { expect } from 'vitest'
import { describeBrowsers, extensionTest as it } from './extension-test'
import { fixture, type Routes } from './harness'
import { countToggles, waitForAnnotatedCards } from './pages'

const WWW_LISTING = 'https://www.arxiv.org/list/cs.LG/new'
const SEARCH_WITHOUT_SLASH = 'https://arxiv.org/search?query=diffusion&searchtype=all'
const PAPERS_WITH_CODE = 'https://huggingface.co/papers-with-code'
/** A page the content script must annotate, with the same markup as the one it must not run on. */
const PAPERS_SEARCH = 'https://huggingface.co/papers?q=phi'

/** One Hugging Face-style card: enough for the content script to annotate, were it injected. */
const CARD_PAGE = `<!DOCTYPE html><html lang="en"><head><title>Papers</title></head><body><main>
<article><h3><a href="/papers/2404.14219">Phi-3 Technical Report</a></h3><p>An abstract.</p></article>
</main></body></html>`

const ROUTES: Routes = {
  [WWW_LISTING]: () => fixture('arxiv', 'list-new.html'),
  [SEARCH_WITHOUT_SLASH]: () => fixture('arxiv', 'search.html'),
  [PAPERS_WITH_CODE]: CARD_PAGE,
  [PAPERS_SEARCH]: CARD_PAGE,
}

/** Resolves after the page has painted twice, so work the content script waits a frame for is done. */
function afterTwoFrames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))))
}

describeBrowsers(() => {
  it('inject on www.arxiv.org listings', async ({ extension }) => {
    const page = await extension.openPage(WWW_LISTING, ROUTES)
    const entries = await waitForAnnotatedCards(page, 'dl > dt')
    expect(entries).toBeGreaterThan(0)
    expect(await countToggles(page)).toEqual({ star: entries, read: entries })
    await page.close()
  })

  it('inject on arXiv searches without a slash after /search', async ({ extension }) => {
    const page = await extension.openPage(SEARCH_WITHOUT_SLASH, ROUTES)
    const results = await waitForAnnotatedCards(page, 'li.arxiv-result')
    expect(results).toBeGreaterThan(0)
    expect(await countToggles(page)).toEqual({ star: results, read: results })
    await page.close()
  })

  it('do not inject on huggingface.co/papers-with-code', async ({ extension }) => {
    const page = await extension.openPage(PAPERS_WITH_CODE, ROUTES)
    // The same markup on a Papers page gets annotated: by then the content script has had its
    // chance to run on the first page too.
    const control = await extension.openPage(PAPERS_SEARCH, ROUTES)
    expect(await waitForAnnotatedCards(control)).toBe(1)
    await control.close()
    await page.bringToFront()
    await afterTwoFrames(page)
    expect(await page.$$('.paper-shelf-controls')).toHaveLength(0)
    expect(await page.$('#paper-shelf-styles')).toBeNull()
    expect(await page.$('[data-paper-shelf]')).toBeNull()
    await page.close()
  })
})
