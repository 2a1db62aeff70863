// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://huggingface.co/papers/date/2024-04-23" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DISK_FULL } from '../../../src/background/storage-errors'
import { PageSession } from '../../../src/content/page-session'
import { EXTENSION_RESTARTED } from '../../../src/platform/protocol'
import { InMemoryBackground } from '../../support/in-memory-background'
import { readerClick } from '../../support/trusted-events'
import { allByRole, byRole } from '../popup/dom-helpers'
import { articleAdapter, renderArticles, settleSession } from './article-page'

/** The page's Paper Shelf region, found as a screen reader would; undefined when there is none. */
const region = (): HTMLElement | undefined => allByRole(document, 'region', 'Paper Shelf')[0]

let background: InMemoryBackground
let contextGone: boolean
let session: PageSession

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
  background = new InMemoryBackground()
  contextGone = false
  history.replaceState({}, '', '/papers/date/2024-04-23')
  renderArticles(['2404.00001', '2404.00002'])
  session = new PageSession({
    window,
    client: background.client(),
    settings: background.settingsClient(),
    adapterFor: (url) => (articleAdapter.matches(url) ? articleAdapter : undefined),
    contextGone: () => contextGone,
    log: { warn: vi.fn() },
  })
})

afterEach(async () => {
  session.stop()
  vi.useRealTimers()
  await background.close()
})

describe('the Paper Shelf region when the shelf cannot be reached', () => {
  it('says the shelf could not be read, why and what to do, until the reader dismisses it', async () => {
    background.refuseNext('lookup', DISK_FULL)
    session.start()
    await settleSession()
    const alert = byRole(region()!, 'alert')
    expect(alert.querySelector('span')?.textContent).toBe(
      `Paper Shelf could not read your shelf, so this page may not show your stars and reads. ${DISK_FULL}`,
    )
    readerClick(byRole(alert, 'button', 'Dismiss'))
    expect(allByRole(document, 'alert')).toEqual([])
  })

  it('says nothing when the shelf was read', async () => {
    session.start()
    await settleSession()
    expect(allByRole(document, 'alert')).toEqual([])
  })

  it('says the page must be reloaded once the extension was updated or restarted under it', async () => {
    session.start()
    await settleSession()
    contextGone = true
    readerClick(document.querySelector('article button[aria-label="Star"]')!)
    await settleSession()
    expect(document.querySelectorAll('article .paper-shelf-controls')).toHaveLength(0)
    expect(byRole(region()!, 'alert').querySelector('span')?.textContent).toBe(EXTENSION_RESTARTED)
    expect(EXTENSION_RESTARTED).toBe('Paper Shelf was updated or restarted. Reload this page to use it again.')
  })

  it('says the same, not the browser’s words, when a lookup fails because the extension went away', async () => {
    contextGone = true
    background.failNext('lookup', 'Extension context invalidated.')
    await session.annotator.annotate(articleAdapter.findCards(document, new URL(location.href)))
    expect(byRole(region()!, 'alert').textContent).toBe(`${EXTENSION_RESTARTED}Dismiss`)
  })
})
