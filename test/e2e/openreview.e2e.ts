import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { openreview } from '../../src/sites/openreview'
import { describeBrowsers, extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { ALL_ROUTES, clickToggle, countToggles, pagesOf, siteBasics, waitForAnnotatedCards, waitForCardState } from './pages'

const NOTE = 'div.note'
const FORUM_NOTE = 'div.forum-note'
const PAGES = pagesOf(openreview)

const open = (extension: ExtensionUnderTest, page: keyof typeof PAGES): Promise<Page> => extension.openPage(PAGES[page].url, ALL_ROUTES)

/**
 * Waits until the page shows `count` cards, each with exactly one row of controls holding one Star
 * and one Read toggle, all read in one go, so a page that changes meanwhile cannot mix two states.
 */
const eachCardOnce = (page: Page, count: number): Promise<unknown> =>
  page.waitForFunction(
    (selector, expected) => {
      const cards = [...document.querySelectorAll(selector)]
      return (
        cards.length === expected &&
        cards.every((card) => {
          const rows = card.querySelectorAll('.paper-shelf-controls')
          const names = [...(rows[0]?.querySelectorAll('button[aria-pressed]') ?? [])].map((button) => button.getAttribute('aria-label'))
          return rows.length === 1 && names.length === 2 && names.includes('Star') && names.includes('Read')
        })
      )
    },
    { timeout: 10_000, polling: 50 },
    NOTE,
    count,
  )

describeBrowsers(() => {
  siteBasics(openreview, { card: NOTE, listings: ['group', 'submissionsPage2'], reloaded: 'group', marked: { starred: 0, read: 8 } })

  describe('OpenReview pages', () => {
    it('gives cards that render late, after a tab switch and a new page, exactly one Star and one Read', async ({ extension }) => {
      const page = await open(extension, 'late')
      // The fixture's script fills both tabs after ~500 ms: 4 oral cards and 7 poster cards.
      await eachCardOnce(page, 11)
      // A second later it switches to the poster tab by its hash and shows the oral tab's page 2 in place.
      await page.waitForFunction(() => location.hash === '#tab-accept-poster', { timeout: 10_000, polling: 100 })
      await eachCardOnce(page, 9)
      expect(await countToggles(page)).toEqual({ star: 9, read: 9 })
      await page.close()
    })

    it('shows a paper starred on the venue page as starred on its forum, and the other way round', async ({ extension }) => {
      const group = await open(extension, 'group')
      await waitForAnnotatedCards(group, NOTE)
      await clickToggle(group, NOTE, 0, 'Star')
      await waitForCardState(group, 0, 'starred', NOTE)

      const forum = await open(extension, 'forum')
      await forum.waitForSelector('h2.citation_title + .paper-shelf-controls')
      await waitForCardState(forum, 0, 'starred', FORUM_NOTE)
      expect(await countToggles(forum)).toEqual({ star: 1, read: 1 })

      // And back: marked read on the forum, the open venue page shows it read.
      await clickToggle(forum, FORUM_NOTE, 0, 'Read')
      await waitForCardState(group, 0, 'starred read', NOTE)
      await Promise.all([group, forum].map((page) => page.close()))
    })
  })
})
