// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://huggingface.co/papers/date/2024-04-23" }
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Annotator, type RequestFn } from '../../../src/content/annotator'
import { PageSession } from '../../../src/content/page-session'
import type { Paper } from '../../../src/core/paper'
import type { Request } from '../../../src/platform/protocol'
import type { SiteAdapter } from '../../../src/sites/site-adapter'
import { hfRef, storedPaper } from '../paper-fixtures'

const adapter: SiteAdapter = {
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

function render(ids: string[]): void {
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

let requests: Request[]
let pushed: ((papers: Paper[]) => void) | undefined
let unsubscribed: boolean
let session: PageSession

const request = (async (message: Request) => {
  requests.push(message)
  if (message.type === 'lookup') return { states: [] }
  if (message.type === 'setFlags') {
    return { paper: storedPaper(message.key.slice(6), { starred: message.changes.starred ? 1 : 0, read: message.changes.read ? 1 : 0 }) }
  }
  return {}
}) as RequestFn

const settle = () => new Promise((resolve) => setTimeout(resolve, 350))
const annotatedCount = () => document.querySelectorAll('article .paper-shelf-controls').length

beforeEach(() => {
  requests = []
  unsubscribed = false
  history.replaceState({}, '', '/papers/date/2024-04-23')
  render(['2404.00001', '2404.00002'])
  session = new PageSession({
    window,
    annotator: new Annotator(request),
    adapterFor: (url) => (adapter.matches(url) ? adapter : undefined),
    subscribe: (listener) => {
      pushed = listener
      return () => {
        unsubscribed = true
      }
    },
  })
})

afterEach(() => session.stop())

describe('PageSession', () => {
  it('annotates the cards present at start', async () => {
    session.start()
    await settle()
    expect(annotatedCount()).toBe(2)
  })

  it('annotates cards that appear later, such as after a client-side navigation, in one lookup per batch', async () => {
    session.start()
    await settle()
    history.pushState({}, '', '/papers/date/2024-04-24')
    render(['2404.00003', '2404.00004', '2404.00005'])
    await settle()
    expect(annotatedCount()).toBe(3)
    const lookups = requests.filter((r) => r.type === 'lookup')
    expect(lookups).toHaveLength(2)
    expect(lookups[1]).toEqual({ type: 'lookup', keys: ['arxiv:2404.00003', 'arxiv:2404.00004', 'arxiv:2404.00005'] })
  })

  it('does not rescan because of its own controls', async () => {
    const scan = vi.spyOn(session, 'scan')
    session.start()
    await settle()
    expect(scan).toHaveBeenCalledTimes(1)
  })

  it('puts controls back when the page re-renders a card and drops them', async () => {
    session.start()
    await settle()
    document.querySelector('article .paper-shelf-controls')!.remove()
    await settle()
    expect(annotatedCount()).toBe(2)
  })

  it('does not rescan for content changing inside annotated cards, as when MathJax typesets a title', async () => {
    session.start()
    await settle()
    const scan = vi.spyOn(session, 'scan')
    for (const heading of document.querySelectorAll('article h3')) {
      const math = document.createElement('span')
      math.className = 'MathJax'
      math.textContent = 'O(n)'
      heading.append(math)
    }
    await settle()
    expect(scan).not.toHaveBeenCalled()
    const article = document.createElement('article')
    article.setAttribute('data-id', '2404.00009')
    article.append(Object.assign(document.createElement('h3'), { textContent: 'New' }))
    document.body.append(article)
    await settle()
    expect(scan).toHaveBeenCalled()
    expect(annotatedCount()).toBe(3)
  })

  it('rescans after a client-side navigation that only rewrote a card in place', async () => {
    session.start()
    await settle()
    const first = document.querySelector('article')!
    history.pushState({}, '', '/papers/date/2024-04-25')
    first.setAttribute('data-id', '2404.00042')
    first.querySelector('h3')!.textContent = 'Paper 2404.00042'
    await settle()
    const star = first.querySelector<HTMLButtonElement>('button[aria-label="Star"]')!
    star.click()
    await settle()
    expect(requests.find((r) => r.type === 'setFlags')).toMatchObject({ key: 'arxiv:2404.00042' })
  })

  it('stops scanning on pages the adapter does not handle', async () => {
    session.start()
    await settle()
    history.pushState({}, '', '/models')
    render(['2404.00007'])
    await settle()
    expect(annotatedCount()).toBe(0)
  })

  it('toggles on click without letting the page see the click', async () => {
    session.start()
    await settle()
    const pageHandler = vi.fn()
    document.body.addEventListener('click', pageHandler)
    document.querySelector<HTMLButtonElement>('article button[aria-label="Star"]')!.click()
    await settle()
    expect(pageHandler).not.toHaveBeenCalled()
    expect(requests.find((r) => r.type === 'setFlags')).toMatchObject({ key: 'arxiv:2404.00001', changes: { starred: true } })
    expect(document.querySelector('article')!.getAttribute('data-paper-shelf')).toBe('starred')
  })

  it('toggles from controls placed in a companion element, as in an arXiv dt + dd pair', async () => {
    const pairs: SiteAdapter = {
      ...adapter,
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
    session = new PageSession({ window, annotator: new Annotator(request), adapterFor: () => pairs, subscribe: () => () => {} })
    session.start()
    await settle()
    document.querySelector<HTMLButtonElement>('dd button[aria-label="Read"]')!.click()
    await settle()
    expect(requests.find((r) => r.type === 'setFlags')).toMatchObject({ key: 'arxiv:2404.00001', changes: { read: true } })
    expect(document.querySelector('dt')!.getAttribute('data-paper-shelf')).toBe('read')
    expect(document.querySelector('dd')!.getAttribute('data-paper-shelf')).toBe('read')
  })

  it('paints changes pushed from other tabs', async () => {
    session.start()
    await settle()
    pushed?.([storedPaper('2404.00002', { read: 1 })])
    expect(document.querySelectorAll('article')[1]!.getAttribute('data-paper-shelf')).toBe('read')
  })

  it('removes its observer and listeners when stopped', async () => {
    session.start()
    await settle()
    session.stop()
    expect(unsubscribed).toBe(true)
    render(['2404.00008'])
    await settle()
    expect(annotatedCount()).toBe(0)
    const before = requests.length
    document.querySelector<HTMLButtonElement>('article button')?.click()
    await settle()
    expect(requests).toHaveLength(before)
  })
})
