// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://huggingface.co/papers/date/2024-04-23" }
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import { SETTLE_MS } from '../../../src/content/layout-check'
import { LIMITS } from '../../../src/core/limits'
import { LAYOUT_NOTICE_TEXT } from '../../../src/content/layout-notice'
import { PageSession, type SessionDeps } from '../../../src/content/page-session'
import { reserveSlots, slotsReserved } from '../../../src/content/reserved-slots'
import { ScanBudget } from '../../../src/content/scan-budget'
import { RECORD_DELAY_MS } from '../../../src/content/seen-recorder'
import type { SiteAdapter } from '../../../src/sites/site'
import { InMemoryBackground } from '../../support/in-memory-background'
import { asReader, readerClick } from '../../support/trusted-events'
import { allByRole, byRole } from '../popup/dom-helpers'
import { hfRef, storedPaper } from '../paper-fixtures'
import { articleAdapter, renderArticles, settleSession } from './article-page'

let background: InMemoryBackground
let client: ShelfClient
let contextGone: boolean
let warn: Mock<(...data: unknown[]) => void>
let session: PageSession

const annotatedCount = () => document.querySelectorAll('article .paper-shelf-controls').length

function newSession(overrides: Partial<SessionDeps> = {}): PageSession {
  return new PageSession({
    window,
    client,
    settings: background.settingsClient(),
    adapterFor: (url) => (articleAdapter.matches(url) ? articleAdapter : undefined),
    contextGone: () => contextGone,
    log: { warn },
    ...overrides,
  })
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
  background = new InMemoryBackground()
  client = background.client()
  contextGone = false
  warn = vi.fn<(...data: unknown[]) => void>()
  history.replaceState({}, '', '/papers/date/2024-04-23')
  renderArticles(['2404.00001', '2404.00002'])
  session = newSession()
})

afterEach(async () => {
  session.stop()
  vi.useRealTimers()
  await background.close()
})

describe('PageSession', () => {
  it('annotates the cards present at start', async () => {
    session.start()
    await settleSession()
    expect(annotatedCount()).toBe(2)
  })

  it('annotates cards that appear later, such as after a client-side navigation, in one lookup per batch', async () => {
    session.start()
    await settleSession()
    history.pushState({}, '', '/papers/date/2024-04-24')
    renderArticles(['2404.00003', '2404.00004', '2404.00005'])
    await settleSession()
    expect(annotatedCount()).toBe(3)
    const lookups = background.requestsOf('lookup')
    expect(lookups).toHaveLength(2)
    expect(lookups[1]).toEqual({ type: 'lookup', keys: ['arxiv:2404.00003', 'arxiv:2404.00004', 'arxiv:2404.00005'] })
  })

  it('keeps the reserved slots while the page has cards, and gives the space back when it has none', async () => {
    reserveSlots(document, 'article > h3')
    const reserving = newSession({ adapterFor: () => ({ ...articleAdapter, reservedSlots: 'article > h3' }) })
    reserving.start()
    await settleSession()
    expect(slotsReserved(document)).toBe(true)
    expect(document.querySelectorAll('article > h3 > .paper-shelf-controls')).toHaveLength(2)

    renderArticles([])
    await settleSession()
    expect(slotsReserved(document)).toBe(false)
    reserving.stop()
  })

  it('does not rescan because of its own controls', async () => {
    const scan = vi.spyOn(session, 'scan')
    session.start()
    await settleSession()
    expect(scan).toHaveBeenCalledTimes(1)
  })

  it('puts controls back when the page re-renders a card and drops them', async () => {
    session.start()
    await settleSession()
    document.querySelector('article .paper-shelf-controls')!.remove()
    await settleSession()
    expect(annotatedCount()).toBe(2)
  })

  it('does not rescan for content changing inside annotated cards, as when MathJax typesets a title', async () => {
    session.start()
    await settleSession()
    const scan = vi.spyOn(session, 'scan')
    for (const heading of document.querySelectorAll('article h3')) {
      const math = document.createElement('span')
      math.className = 'MathJax'
      math.textContent = 'O(n)'
      heading.append(math)
    }
    await settleSession()
    expect(scan).not.toHaveBeenCalled()
    const article = document.createElement('article')
    article.setAttribute('data-id', '2404.00009')
    article.append(Object.assign(document.createElement('h3'), { textContent: 'New' }))
    document.body.append(article)
    await settleSession()
    expect(scan).toHaveBeenCalled()
    expect(annotatedCount()).toBe(3)
  })

  it('rescans after a client-side navigation that only rewrote a card in place', async () => {
    session.start()
    await settleSession()
    const first = document.querySelector('article')!
    history.pushState({}, '', '/papers/date/2024-04-25')
    first.setAttribute('data-id', '2404.00042')
    first.querySelector('h3')!.textContent = 'Paper 2404.00042'
    await settleSession()
    const star = first.querySelector<HTMLButtonElement>('button[aria-label="Star"]')!
    readerClick(star)
    await settleSession()
    expect(background.requestsOf('setMarks')[0]).toMatchObject({ key: 'arxiv:2404.00042' })
  })

  it('stops scanning on pages the adapter does not handle', async () => {
    session.start()
    await settleSession()
    history.pushState({}, '', '/models')
    renderArticles(['2404.00007'])
    await settleSession()
    expect(annotatedCount()).toBe(0)
  })

  it('toggles on click without letting the page see the click', async () => {
    session.start()
    await settleSession()
    const pageHandler = vi.fn()
    document.body.addEventListener('click', pageHandler)
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Star"]')!)
    await settleSession()
    expect(pageHandler).not.toHaveBeenCalled()
    expect(background.requestsOf('setMarks')[0]).toMatchObject({ key: 'arxiv:2404.00001', changes: { starred: true } })
    expect(document.querySelector('article')!.getAttribute('data-paper-shelf')).toBe('starred new')
  })

  it('ignores clicks on a toggle that the page’s script dispatches, and still toggles on the reader’s', async () => {
    session.start()
    await settleSession()
    const star = document.querySelector<HTMLButtonElement>('article button[aria-label="Star"]')!
    star.click()
    star.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    await settleSession()
    expect(background.requestsOf('setMarks')).toEqual([])
    expect(star.getAttribute('aria-pressed')).toBe('false')
    readerClick(star)
    await settleSession()
    expect(background.requestsOf('setMarks')).toEqual([expect.objectContaining({ key: 'arxiv:2404.00001', changes: { starred: true } })])
    expect(star.getAttribute('aria-pressed')).toBe('true')
  })

  it('toggles from controls placed in a companion element, as in an arXiv dt + dd pair', async () => {
    const pairs: SiteAdapter = {
      ...articleAdapter,
      findCards: (doc) =>
        [...doc.querySelectorAll('dt[data-id]')].map((dt) => ({
          element: dt,
          companions: [dt.nextElementSibling!],
          controlsAfter: dt.nextElementSibling!.firstElementChild!,
          layout: 'card' as const,
          key: `arxiv:${dt.getAttribute('data-id')!}`,
          ref: hfRef(dt.getAttribute('data-id')!),
        })),
    }
    document.body.innerHTML = '<dl><dt data-id="2404.00001">[1]</dt><dd><div class="title">Paper</div></dd></dl>'
    session = newSession({ adapterFor: () => pairs })
    session.start()
    await settleSession()
    readerClick(document.querySelector<HTMLButtonElement>('dd button[aria-label="Read"]')!)
    await settleSession()
    expect(background.requestsOf('setMarks')[0]).toMatchObject({ key: 'arxiv:2404.00001', changes: { read: true } })
    expect(document.querySelector('dt')!.getAttribute('data-paper-shelf')).toBe('read new')
    expect(document.querySelector('dd')!.getAttribute('data-paper-shelf')).toBe('read new')
  })

  it('paints changes pushed from other tabs', async () => {
    session.start()
    await settleSession()
    await background.client().set('arxiv:2404.00002', { read: true }, hfRef('2404.00002'))
    await settleSession()
    expect(document.querySelectorAll('article')[1]!.getAttribute('data-paper-shelf')).toBe('read new')
  })

  it('removes its observer and listeners when stopped', async () => {
    session.start()
    await settleSession()
    session.stop()
    await background.seed([storedPaper('2404.00099', {}, { starred: true })])
    background.push(await papersOnShelf(background.store))
    renderArticles(['2404.00008'])
    await settleSession()
    expect(annotatedCount()).toBe(0)
    const before = background.requests.length
    for (const button of document.querySelectorAll('article button')) readerClick(button)
    await settleSession()
    expect(background.requests).toHaveLength(before)
    expect(client.knows('arxiv:2404.00099')).toBe(false)
  })

  it('reports an adapter that throws with its id and the page, and keeps the page working', async () => {
    const failure = new Error('unexpected markup')
    session = newSession({
      adapterFor: () => ({
        ...articleAdapter,
        findCards: () => {
          throw failure
        },
      }),
    })
    await session.start()
    expect(warn).toHaveBeenCalledWith(
      'Paper Shelf (huggingface, https://huggingface.co/papers/date/2024-04-23): could not read the papers on this page:',
      failure,
    )
    expect(annotatedCount()).toBe(0)
  })

  it('stops and takes its controls off the page once the extension is gone, instead of failing on every click', async () => {
    session.start()
    await settleSession()
    contextGone = true
    const pageHandler = vi.fn()
    document.body.addEventListener('click', pageHandler)
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Star"]')!)
    await settleSession()
    expect(pageHandler).not.toHaveBeenCalled()
    expect(background.requestsOf('setMarks')).toHaveLength(0)
    expect(annotatedCount()).toBe(0)
    expect(document.querySelectorAll('[data-paper-shelf]')).toHaveLength(0)
    const requestsBefore = background.requests.length
    renderArticles(['2404.00010'])
    await settleSession()
    expect(background.requests).toHaveLength(requestsBefore)
    expect(annotatedCount()).toBe(0)
  })
})

describe('PageSession: the layout check', () => {
  /** The page's Paper Shelf region, found as a screen reader would; undefined when there is none. */
  const region = (): HTMLElement | undefined => allByRole(document, 'region', 'Paper Shelf')[0]
  const verdict = () => session.pageStatus().layout
  /** Lets `ms` of fake time pass, with the scans and database work it lets run. */
  async function wait(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms)
    for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve))
  }
  const withNoPapers = (says: () => boolean): SiteAdapter => ({ ...articleAdapter, hasNoPapers: says })

  beforeEach(() => {
    renderArticles([])
    const main = document.createElement('main')
    main.append(Object.assign(document.createElement('h1'), { textContent: 'Daily Papers' }))
    document.body.append(main)
  })

  it('shows a notice in the Paper Shelf region once a page without cards has been quiet for a while', async () => {
    session.start()
    await wait(SETTLE_MS - 100)
    expect(region()).toBeUndefined()
    expect(verdict()).toBe('pending')
    await wait(200)
    const shown = region()!
    expect(shown.textContent).toContain(LAYOUT_NOTICE_TEXT)
    expect(byRole(shown, 'button', 'Dismiss')).toBeDefined()
    expect(verdict()).toBe('notRecognised')
    expect(document.querySelector('main')!.firstElementChild).toBe(shown)
    expect(document.querySelectorAll('[data-paper-shelf], .paper-shelf-controls')).toHaveLength(0)
  })

  it('waits for the page to stop changing before it decides', async () => {
    session.start()
    for (let i = 0; i < 4; i += 1) {
      await wait(SETTLE_MS - 500)
      document.querySelector('main')!.append(document.createElement('div'))
    }
    expect(region()).toBeUndefined()
    await wait(SETTLE_MS + 100)
    expect(region()).toBeDefined()
  })

  it('waits for the page to load before it starts counting', async () => {
    const readyState = vi.spyOn(document, 'readyState', 'get').mockReturnValue('loading')
    session.start()
    await wait(SETTLE_MS * 3)
    expect(region()).toBeUndefined()
    readyState.mockReturnValue('complete')
    window.dispatchEvent(new Event('load'))
    await wait(SETTLE_MS + 100)
    expect(region()).toBeDefined()
  })

  it('shows no notice on a page that says it lists nothing', async () => {
    const hasNoPapers = vi.fn(() => true)
    session = newSession({ adapterFor: () => withNoPapers(hasNoPapers) })
    session.start()
    await wait(SETTLE_MS * 2)
    expect(hasNoPapers).toHaveBeenCalled()
    expect(region()).toBeUndefined()
    expect(verdict()).toBe('nothingListed')
    expect(warn).not.toHaveBeenCalled()
  })

  it('takes the notice away, and annotates the cards, when cards arrive late', async () => {
    session.start()
    await wait(SETTLE_MS + 100)
    expect(region()).toBeDefined()
    const article = document.createElement('article')
    article.setAttribute('data-id', '2404.00011')
    article.append(Object.assign(document.createElement('h3'), { textContent: 'Late' }))
    document.querySelector('main')!.append(article)
    await settleSession()
    expect(document.querySelector('.paper-shelf-notice')).toBeNull()
    expect(region()?.textContent).toBe('1 new · 0 seenHide seen')
    expect(verdict()).toBe('recognised')
    expect(annotatedCount()).toBe(1)
  })

  it('takes the notice away when the page comes to say it lists nothing', async () => {
    let listsNothing = false
    session = newSession({ adapterFor: () => withNoPapers(() => listsNothing) })
    session.start()
    await wait(SETTLE_MS + 100)
    expect(region()).toBeDefined()
    listsNothing = true
    document.querySelector('main')!.append(Object.assign(document.createElement('p'), { textContent: 'No results' }))
    await settleSession()
    expect(region()).toBeUndefined()
    expect(verdict()).toBe('nothingListed')
  })

  it('is dismissed for the URL: the page changing does not bring it back, another URL without cards does', async () => {
    session.start()
    await wait(SETTLE_MS + 100)
    const dismiss = byRole(region()!, 'button', 'Dismiss')
    const pageHandler = vi.fn()
    document.body.addEventListener('click', pageHandler)
    readerClick(dismiss)
    await settleSession()
    expect(region()).toBeUndefined()
    expect(pageHandler).not.toHaveBeenCalled()
    document.querySelector('main')!.append(document.createElement('div'))
    await wait(SETTLE_MS * 2)
    expect(region()).toBeUndefined()
    expect(verdict()).toBe('notRecognised')

    history.pushState({}, '', '/papers/date/2024-04-24')
    document.querySelector('main')!.append(document.createElement('div'))
    await wait(SETTLE_MS + 500)
    expect(region()).toBeDefined()
  })

  it('stays when the page’s script clicks Dismiss', async () => {
    session.start()
    await wait(SETTLE_MS + 100)
    byRole(region()!, 'button', 'Dismiss').click()
    await settleSession()
    expect(region()?.textContent).toContain(LAYOUT_NOTICE_TEXT)
  })

  it('puts the region back when the page re-renders its main content without it', async () => {
    session.start()
    await wait(SETTLE_MS + 100)
    const main = document.querySelector('main')!
    main.replaceChildren(Object.assign(document.createElement('h1'), { textContent: 'Daily Papers' }))
    await settleSession()
    expect(main.firstElementChild).toBe(region())
    expect(allByRole(document, 'region', 'Paper Shelf')).toHaveLength(1)
  })

  it('says once per page in the console that the layout was not recognised, naming the site', async () => {
    session.start()
    await wait(SETTLE_MS + 100)
    document.querySelector('main')!.append(document.createElement('div'))
    await wait(SETTLE_MS * 2)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^Paper Shelf \(huggingface\): found no paper on https:\/\/huggingface\.co\/papers\/date\/2024-04-23,.*not recognised/,
    )
  })

  it('takes the notice off the page when the session stops, and when the page leaves the site', async () => {
    session.start()
    await wait(SETTLE_MS + 100)
    session.stop()
    expect(region()).toBeUndefined()
    session.start()
    await wait(SETTLE_MS + 100)
    expect(region()).toBeDefined()
    history.pushState({}, '', '/models')
    document.querySelector('main')!.append(document.createElement('div'))
    await settleSession()
    expect(region()).toBeUndefined()
    await wait(SETTLE_MS * 2)
    expect(region()).toBeUndefined()
  })

  it('is recognised, with no region, on a page with cards', async () => {
    renderArticles(['2404.00001'])
    session.start()
    await wait(SETTLE_MS * 2)
    expect(verdict()).toBe('recognised')
    expect(region()).toBeUndefined()
  })
})

describe('PageSession: new, seen and updated', () => {
  const tokens = () => [...document.querySelectorAll('article')].map((article) => article.getAttribute('data-paper-shelf'))
  const region = (): HTMLElement | undefined => allByRole(document, 'region', 'Paper Shelf')[0]
  const PLACE = 'huggingface papers/date/2024-04-23'

  async function restart(overrides: Partial<SessionDeps> = {}): Promise<void> {
    session.stop()
    renderArticles(['2404.00001', '2404.00002'])
    client = background.client()
    session = newSession(overrides)
    session.start()
    await settleSession()
  }

  it('marks every card new on a first visit, and the ones seen before as seen on the next', async () => {
    session.start()
    await settleSession()
    expect(tokens()).toEqual(['new', 'new'])
    expect(region()?.querySelector('span')?.textContent).toBe('2 new · 0 seen')
    await background.stores.sightings.record(['arxiv:2404.00002'], 'arxiv cs.LG/new')
    await restart()
    expect(tokens()).toEqual(['new', 'seen'])
    expect(region()?.querySelector('span')?.textContent).toBe('1 new · 1 seen')
  })

  it('counts a paper on the shelf as seen, and keeps each card as it was at first paint for the page view', async () => {
    await background.seed([storedPaper('2404.00001', {}, { starred: true })])
    session.start()
    await settleSession()
    expect(tokens()).toEqual(['starred seen', 'new'])
    readerClick(document.querySelectorAll<HTMLButtonElement>('article button[aria-label="Read"]')[1]!)
    await settleSession()
    // The page re-renders its cards: they are annotated again, and stay as they were.
    renderArticles(['2404.00001', '2404.00002'])
    await settleSession()
    expect(tokens()).toEqual(['starred seen', 'read new'])
  })

  it('records what the reader starred, read or opened, in one message for the page', async () => {
    session.start()
    await settleSession()
    const link = Object.assign(document.createElement('a'), { href: 'https://huggingface.co/papers/2404.00002', textContent: 'Paper' })
    link.addEventListener('click', (event) => event.preventDefault())
    document.querySelectorAll('article')[1]!.append(link)
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Star"]')!)
    readerClick(link)
    await vi.advanceTimersByTimeAsync(RECORD_DELAY_MS - 1)
    expect(background.requestsOf('recordSightings')).toEqual([])
    await settleSession()
    expect(background.requestsOf('recordSightings')).toEqual([
      { type: 'recordSightings', keys: ['arxiv:2404.00001', 'arxiv:2404.00002'], place: PLACE },
    ])
  })

  it('saves what was seen when the page goes away', async () => {
    session.start()
    await settleSession()
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Read"]')!)
    await settleSession()
    session.stop()
    await settleSession()
    expect(background.requestsOf('recordSightings')).toEqual([{ type: 'recordSightings', keys: ['arxiv:2404.00001'], place: PLACE }])
  })

  it('hides seen papers on the reader’s word, and remembers it for the site', async () => {
    await background.stores.sightings.record(['arxiv:2404.00001'], PLACE)
    session.start()
    await settleSession()
    const hideSeen = byRole(region()!, 'button', 'Hide seen')
    expect(hideSeen.getAttribute('aria-pressed')).toBe('false')
    expect(document.documentElement.hasAttribute('data-paper-shelf-hide-seen')).toBe(false)
    readerClick(hideSeen)
    await settleSession()
    expect(hideSeen.getAttribute('aria-pressed')).toBe('true')
    expect(document.documentElement.hasAttribute('data-paper-shelf-hide-seen')).toBe(true)
    expect(await background.stores.settings.all()).toEqual({ 'hideSeen:huggingface': { value: true, at: expect.any(Number) } })
    await restart()
    expect(document.documentElement.hasAttribute('data-paper-shelf-hide-seen')).toBe(true)
    readerClick(byRole(region()!, 'button', 'Hide seen'))
    await settleSession()
    expect(document.documentElement.hasAttribute('data-paper-shelf-hide-seen')).toBe(false)
  })

  it('ignores Hide seen clicked by the page’s script', async () => {
    await background.stores.sightings.record(['arxiv:2404.00001'], PLACE)
    session.start()
    await settleSession()
    const hideSeen = byRole(region()!, 'button', 'Hide seen')
    hideSeen.click()
    await settleSession()
    expect(hideSeen.getAttribute('aria-pressed')).toBe('false')
    expect(document.documentElement.hasAttribute('data-paper-shelf-hide-seen')).toBe(false)
    expect(await background.stores.settings.all()).toEqual({})
  })

  it('says nothing of new or seen, and records nothing, with seen tracking off', async () => {
    await background.stores.settings.set('seenTracking', false)
    session.start()
    await settleSession()
    expect(tokens()).toEqual(['', ''])
    expect(region()).toBeUndefined()
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Star"]')!)
    await settleSession()
    session.stop()
    await settleSession()
    expect(background.requestsOf('recordSightings')).toEqual([])
  })

  it('follows seen tracking switched on and off in another page', async () => {
    session.start()
    await settleSession()
    await background.settingsClient().set('seenTracking', false)
    await settleSession()
    expect(tokens()).toEqual(['', ''])
    expect(region()).toBeUndefined()
    await background.settingsClient().set('seenTracking', true)
    await settleSession()
    expect(tokens()).toEqual(['new', 'new'])
  })

  it('marks a paper read at an earlier arXiv version as updated, with a badge naming the version shown', async () => {
    await background.seed([storedPaper('2404.00001', { version: 1 }, { read: { value: true, at: 5, version: 1 } })])
    const showingV3: SiteAdapter = {
      ...articleAdapter,
      findCards: (doc, url) => articleAdapter.findCards(doc, url).map((card) => ({ ...card, ref: { ...card.ref, version: 3 } })),
    }
    await restart({ adapterFor: () => showingV3 })
    expect(tokens()).toEqual(['read seen updated', 'new'])
    const badge = document.querySelector('article .paper-shelf-updated')
    expect(badge?.textContent).toBe('v3')
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Read"]')!)
    await settleSession()
    readerClick(document.querySelector<HTMLButtonElement>('article button[aria-label="Read"]')!)
    await settleSession()
    expect(tokens()[0]).toBe('read seen')
    expect(document.querySelector('article .paper-shelf-updated')).toBeNull()
  })
})

describe('PageSession: the keyboard', () => {
  const press = (key: string) => window.dispatchEvent(asReader(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })))
  const current = () => [...document.querySelectorAll('article')].map((article) => article.getAttribute('data-paper-shelf-current'))

  it('moves between cards and stars the current one', async () => {
    session.start()
    await settleSession()
    press('j')
    press('k')
    expect(current()).toEqual(['true', null])
    press('j')
    expect(current()).toEqual([null, 'true'])
    press('s')
    await settleSession()
    expect(document.querySelectorAll('article')[1]!.getAttribute('data-paper-shelf')).toBe('starred new')
  })

  it('ignores the shortcuts when the page’s script dispatches them', async () => {
    const pagePress = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
    session.start()
    await settleSession()
    pagePress('j')
    expect(current()).toEqual([null, null])
    press('j')
    press('k')
    expect(current()).toEqual(['true', null])
    pagePress('s')
    await settleSession()
    expect(background.requestsOf('setMarks')).toEqual([])
    expect(document.querySelector('article')!.getAttribute('data-paper-shelf')).toBe('new')
    press('s')
    await settleSession()
    expect(document.querySelector('article')!.getAttribute('data-paper-shelf')).toBe('starred new')
  })

  it('leaves every key to the page when shortcuts are off, and follows the setting as it changes', async () => {
    await background.stores.settings.set('shortcuts', false)
    session.start()
    await settleSession()
    press('j')
    expect(current()).toEqual([null, null])
    await background.settingsClient().set('shortcuts', true)
    await settleSession()
    press('j')
    expect(current().filter((state) => state === 'true')).toHaveLength(1)
  })
})

describe('PageSession: the papers one page view looks up', () => {
  const CAP = LIMITS.lookupsPerPageView
  const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `2404.${String(from + i).padStart(5, '0')}`)
  const lookedUp = () => new Set(background.requestsOf('lookup').flatMap((request) => request.keys))

  it('annotates every card of a 2,000-card listing', async () => {
    renderArticles(ids(2000))
    session.start()
    await settleSession()
    expect(annotatedCount()).toBe(2000)
    expect(lookedUp().size).toBe(2000)
  }, 30_000)

  it('looks up no more than its cap for a page that plants 6,000 cards, even when the page changes its address', async () => {
    renderArticles(ids(6000))
    session.start()
    await settleSession()
    expect(lookedUp().size).toBe(CAP)
    expect(annotatedCount()).toBe(CAP)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0]?.[0]).toMatch(/^Paper Shelf \(huggingface\): .* the others get no toggles\.$/)

    history.pushState({}, '', '/papers/date/2024-04-24')
    renderArticles(ids(6000, 6000))
    await settleSession()
    expect(lookedUp().size).toBe(CAP)
    expect(annotatedCount()).toBe(0)
    expect(warn).toHaveBeenCalledTimes(1)
  }, 60_000)

  it('starts a new page view when the address changes after the reader clicked or pressed a key', async () => {
    renderArticles(ids(CAP))
    session.start()
    await settleSession()
    expect(annotatedCount()).toBe(CAP)

    // The page plants more cards and changes its address itself, with a click of its own: the same page view.
    document.body.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    history.pushState({}, '', '/papers/date/2024-04-24')
    renderArticles(ids(10, CAP))
    await settleSession()
    expect(annotatedCount()).toBe(0)

    readerClick(document.body)
    history.pushState({}, '', '/papers/date/2024-04-25')
    renderArticles(ids(10, CAP))
    await settleSession()
    expect(annotatedCount()).toBe(10)

    document.body.dispatchEvent(asReader(new KeyboardEvent('keydown', { key: 'x', bubbles: true })))
    history.pushState({}, '', '/papers/date/2024-04-26')
    renderArticles(ids(CAP, CAP + 10))
    await settleSession()
    expect(annotatedCount()).toBe(CAP)
    expect(lookedUp().size).toBe(2 * CAP + 10)
  }, 60_000)
})

describe('PageSession: a page that changes every frame', () => {
  const FRAME_MS = 16
  const SCAN_MS = 10

  it('re-reads it only as often as its budget allows, and still catches the cards that come later', async () => {
    // A clock that moves with the frames, and 10 ms for each time the page is read.
    let clock = 0
    const scans: number[] = []
    const slowAdapter: SiteAdapter = {
      ...articleAdapter,
      findCards: (doc, url) => {
        clock += SCAN_MS
        scans.push(clock)
        return articleAdapter.findCards(doc, url)
      },
    }
    session = newSession({ adapterFor: () => slowAdapter, scanBudget: new ScanBudget(() => clock, 200, 0.005) })
    session.start()
    await settleSession()
    const link = document.createElement('a')
    document.body.append(link)
    scans.length = 0
    // A minute of a link changing every frame.
    for (let frame = 0; frame < 60_000 / FRAME_MS; frame += 1) {
      link.href = `https://huggingface.co/papers?frame=${frame}`
      clock += FRAME_MS
      await vi.advanceTimersByTimeAsync(FRAME_MS)
    }
    // Read once per frame, that is 3,750 times; the budget allows its 200 ms burst, then 0.5 % of a minute: 50 reads.
    expect(scans.length).toBeGreaterThan(40)
    expect(scans.length).toBeLessThanOrEqual(52)
    expect(annotatedCount()).toBe(2)

    // The page then adds a card while still changing: it gets its controls within the budget's wait.
    renderArticles(['2404.00001', '2404.00002', '2404.00003'])
    document.body.append(link)
    for (let frame = 0; frame < 3000 / FRAME_MS; frame += 1) {
      link.href = `https://huggingface.co/papers?again=${frame}`
      clock += FRAME_MS
      await vi.advanceTimersByTimeAsync(FRAME_MS)
      await new Promise((resolve) => setImmediate(resolve))
    }
    await settleSession()
    expect(annotatedCount()).toBe(3)
  })
})
