import { vi } from 'vitest'
import type { SiteAdapter } from '../../../src/sites/site'
import { hfRef } from '../paper-fixtures'

/** A minimal site at huggingface.co/papers whose cards are `<article data-id>` with an `<h3>` title. */
export const articleAdapter: SiteAdapter = {
  id: 'huggingface',
  matches: (url) => url.pathname.startsWith('/papers'),
  findCards: (doc) =>
    [...doc.querySelectorAll('article[data-id]')].map((article) => ({
      element: article,
      controlsAfter: article.querySelector('h3')!,
      layout: 'card',
      key: `arxiv:${article.getAttribute('data-id')!}`,
      ref: hfRef(article.getAttribute('data-id')!),
    })),
}

/** Replaces the page with one article per arXiv id, titled "Paper <id>". */
export function renderArticles(ids: string[]): void {
  document.body.replaceChildren(
    ...ids.map((id) => {
      const article = document.createElement('article')
      article.setAttribute('data-id', id)
      const heading = document.createElement('h3')
      heading.textContent = `Paper ${id}`
      article.append(heading)
      return article
    }),
  )
}

/**
 * Lets a page session's frame-coalesced scans (on fake timers) and the background's database work
 * (fake-indexeddb schedules with setImmediate, which stays real) run to completion. No real time passes.
 */
export async function settleSession(): Promise<void> {
  for (let i = 0; i < 12; i += 1) {
    await vi.advanceTimersByTimeAsync(300)
    await new Promise((resolve) => setImmediate(resolve))
  }
}
