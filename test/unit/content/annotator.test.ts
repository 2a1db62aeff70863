// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { Annotator, type RequestFn } from '../../../src/content/annotator'
import type { Paper, PaperState } from '../../../src/core/paper'
import type { Request } from '../../../src/platform/protocol'
import type { FoundCard } from '../../../src/sites/site-adapter'
import { hfRef, storedPaper } from '../paper-fixtures'

/** A fake background: a map of states, recording every request it receives. */
function fakeBackground(initial: PaperState[] = []) {
  const states = new Map(initial.map((state) => [state.key, state]))
  const requests: Request[] = []
  let failWrites = false
  const request = (async (message: Request) => {
    requests.push(message)
    switch (message.type) {
      case 'lookup':
        return { states: message.keys.flatMap((key) => (states.has(key) ? [states.get(key)!] : [])) }
      case 'setFlags': {
        if (failWrites) throw new Error('disk full')
        const current = states.get(message.key) ?? { key: message.key, starred: false, read: false }
        const next = { ...current, ...message.changes }
        states.set(message.key, next)
        return { paper: storedPaper(message.key.slice(6), { starred: next.starred ? 1 : 0, read: next.read ? 1 : 0 }) }
      }
      case 'remember':
        return { updated: 0 }
      case 'list':
        return { papers: [] }
    }
  }) as RequestFn
  return { request, requests, failNextWrites: () => (failWrites = true) }
}

function cardsIn(doc: Document): FoundCard[] {
  return [...doc.querySelectorAll('article')].map((article) => {
    const id = article.getAttribute('data-id')!
    return { element: article, controlsAfter: article.querySelector('h3')!, layout: 'card' as const, key: `arxiv:${id}`, ref: hfRef(id) }
  })
}

function page(ids: string[]): void {
  document.body.innerHTML = ''
  for (const id of ids) {
    const article = document.createElement('article')
    article.setAttribute('data-id', id)
    const heading = document.createElement('h3')
    heading.textContent = `Paper ${id}`
    article.append(heading)
    document.body.append(article)
  }
}

const button = (article: Element, name: string) => article.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)!

beforeEach(() => page(['2404.00001', '2404.00002', '2404.00003']))

describe('Annotator', () => {
  it('gives every card Star and Read toggles with their state, after one lookup', async () => {
    const background = fakeBackground([{ key: 'arxiv:2404.00002', starred: true, read: true }])
    const annotator = new Annotator(background.request)
    await annotator.annotate(cardsIn(document))

    expect(background.requests.filter((r) => r.type === 'lookup')).toHaveLength(1)
    const articles = [...document.querySelectorAll('article')]
    for (const article of articles) {
      expect(article.querySelectorAll('button')).toHaveLength(2)
      expect(button(article, 'Star').textContent).toBe('Star')
      expect(button(article, 'Read').textContent).toBe('Read')
      expect(article.querySelector('h3')!.nextElementSibling?.classList.contains('paper-shelf-controls')).toBe(true)
    }
    expect(articles.map((a) => a.getAttribute('data-paper-shelf'))).toEqual(['', 'starred read', ''])
    expect(button(articles[1]!, 'Star').getAttribute('aria-pressed')).toBe('true')
    expect(button(articles[0]!, 'Star').getAttribute('aria-pressed')).toBe('false')
  })

  it('never annotates a card twice', async () => {
    const background = fakeBackground()
    const annotator = new Annotator(background.request)
    await Promise.all([annotator.annotate(cardsIn(document)), annotator.annotate(cardsIn(document))])
    await annotator.annotate(cardsIn(document))
    for (const article of document.querySelectorAll('article')) expect(article.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
    expect(background.requests.filter((r) => r.type === 'lookup')).toHaveLength(1)
  })

  it('re-annotates a card whose element was reused for another paper', async () => {
    const annotator = new Annotator(fakeBackground([{ key: 'arxiv:2404.00009', starred: true, read: false }]).request)
    await annotator.annotate(cardsIn(document))
    const first = document.querySelector('article')!
    first.setAttribute('data-id', '2404.00009')
    await annotator.annotate(cardsIn(document))
    expect(first.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
    expect(first.getAttribute('data-paper-shelf')).toBe('starred')
    expect(annotator.keyOfToggle(button(first, 'Star'))).toBe('arxiv:2404.00009')
  })

  it('puts controls back when the page re-renders a card and drops them', async () => {
    const annotator = new Annotator(fakeBackground().request)
    await annotator.annotate(cardsIn(document))
    const first = document.querySelector('article')!
    first.querySelector('.paper-shelf-controls')!.remove()
    await annotator.annotate(cardsIn(document))
    expect(first.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
  })

  it('paints a toggle at once, saves it with the paper details, and keeps the saved state', async () => {
    const background = fakeBackground()
    const annotator = new Annotator(background.request)
    await annotator.annotate(cardsIn(document))
    const article = document.querySelector('article')!
    const star = button(article, 'Star')
    const saving = annotator.toggle('arxiv:2404.00001', 'starred', star)
    expect(article.getAttribute('data-paper-shelf')).toBe('starred')
    expect(star.getAttribute('aria-busy')).toBe('true')
    await saving
    expect(star.hasAttribute('aria-busy')).toBe(false)
    const write = background.requests.find((r) => r.type === 'setFlags')
    expect(write).toMatchObject({ key: 'arxiv:2404.00001', changes: { starred: true }, ref: { title: 'Paper 2404.00001' } })
    expect(button(article, 'Star').getAttribute('aria-pressed')).toBe('true')
  })

  it('reverts and flags the button when saving fails', async () => {
    const background = fakeBackground()
    const annotator = new Annotator(background.request)
    await annotator.annotate(cardsIn(document))
    background.failNextWrites()
    const article = document.querySelector('article')!
    const star = button(article, 'Star')
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await annotator.toggle('arxiv:2404.00001', 'starred', star)
    expect(star.getAttribute('aria-pressed')).toBe('false')
    expect(article.getAttribute('data-paper-shelf')).toBe('')
    expect(star.hasAttribute('data-paper-shelf-error')).toBe(true)
    expect(star.title).toContain('disk full')
    warn.mockRestore()
  })

  it('paints changes pushed from elsewhere on every card of that paper', async () => {
    page(['2404.00001', '2404.00001', '2404.00002'])
    const annotator = new Annotator(fakeBackground().request)
    await annotator.annotate(cardsIn(document))
    annotator.applyChanges([storedPaper('2404.00001', { read: 1 }) as Paper])
    expect([...document.querySelectorAll('article')].map((a) => a.getAttribute('data-paper-shelf'))).toEqual(['read', 'read', ''])
  })

  it('does not let an older lookup reply overwrite a newer pushed change', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow = (async (message: Request) => {
      await gate
      return message.type === 'lookup' ? { states: [] } : {}
    }) as RequestFn
    const annotator = new Annotator(slow)
    const annotating = annotator.annotate(cardsIn(document))
    annotator.applyChanges([storedPaper('2404.00001', { starred: 1 })])
    release()
    await annotating
    expect(document.querySelector('article')!.getAttribute('data-paper-shelf')).toBe('starred')
  })

  it('sends details of papers already on the shelf once, so they fill in', async () => {
    const background = fakeBackground([{ key: 'arxiv:2404.00003', starred: true, read: false }])
    const annotator = new Annotator(background.request)
    await annotator.annotate(cardsIn(document))
    document.querySelector('article')!.querySelector('.paper-shelf-controls')!.remove()
    await annotator.annotate(cardsIn(document))
    const remembers = background.requests.filter((r) => r.type === 'remember')
    expect(remembers).toHaveLength(1)
    expect(remembers[0]).toMatchObject({ refs: [{ key: 'arxiv:2404.00003' }] })
  })

  it('still shows toggles when the shelf cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const annotator = new Annotator((async () => {
      throw new Error('no background')
    }) as RequestFn)
    await annotator.annotate(cardsIn(document))
    expect(document.querySelectorAll('button[aria-label="Star"]')).toHaveLength(3)
    warn.mockRestore()
  })
})
