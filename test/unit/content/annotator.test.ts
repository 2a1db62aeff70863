// @vitest-environment happy-dom
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { Annotator, type ReportError } from '../../../src/content/annotator'
import { pageView, type PageView } from '../../../src/content/mount-slices'
import type { FoundCard } from '../../../src/sites/site'
import { InMemoryBackground } from '../../support/in-memory-background'
import { hfRef, storedPaper } from '../paper-fixtures'

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
const states = () => [...document.querySelectorAll('article')].map((a) => a.getAttribute('data-paper-shelf'))

let background: InMemoryBackground
let report: Mock<ReportError>

function annotator(): Annotator {
  const client = background.client()
  client.connect()
  return new Annotator(client, report, pageView(window))
}

beforeEach(() => {
  background = new InMemoryBackground()
  report = vi.fn<ReportError>()
  page(['2404.00001', '2404.00002', '2404.00003'])
})

afterEach(() => background.close())

describe('Annotator', () => {
  it('gives every card Star and Read toggles with their state, after one lookup', async () => {
    await background.seed([storedPaper('2404.00002', {}, { starred: true, read: true })])
    await annotator().annotate(cardsIn(document))

    expect(background.requestsOf('lookup')).toHaveLength(1)
    const articles = [...document.querySelectorAll('article')]
    for (const article of articles) {
      expect(article.querySelectorAll('button')).toHaveLength(2)
      expect(button(article, 'Star').textContent).toBe('Star')
      expect(button(article, 'Read').textContent).toBe('Read')
      expect(article.querySelector('h3')!.nextElementSibling?.classList.contains('paper-shelf-controls')).toBe(true)
    }
    expect(states()).toEqual(['', 'starred read', ''])
    expect(button(articles[1]!, 'Star').getAttribute('aria-pressed')).toBe('true')
    expect(button(articles[0]!, 'Star').getAttribute('aria-pressed')).toBe('false')
  })

  it('paints a starred paper among 6,000 entries, beyond one lookup request', async () => {
    const ids = Array.from({ length: 6_000 }, (_, i) => `2404.${String(i).padStart(5, '0')}`)
    page(ids)
    await background.seed([storedPaper('2404.05999', {}, { starred: true })])
    await annotator().annotate(cardsIn(document))
    const painted = states()
    expect(painted).toHaveLength(6_000)
    expect(painted[5_999]).toBe('starred')
    expect(painted.filter((state) => state !== '')).toEqual(['starred'])
    expect(report).not.toHaveBeenCalled()
    // happy-dom takes about a quarter of a millisecond per DOM write; a browser takes far less.
  }, 30_000)

  it('puts the controls at the end of reserved slots, those in view first, then the others a slice per frame', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `2404.${String(i).padStart(5, '0')}`)
    page(ids)
    const articles = [...document.querySelectorAll('article')]
    // The reader has scrolled into entry 100; entries are 50 px high and the viewport shows four of them.
    articles.forEach((article, index) => {
      article.getBoundingClientRect = () => ({ top: (index - 100) * 50 - 10, bottom: (index - 99) * 50 - 10 }) as DOMRect
    })
    const frames: number[][] = []
    const mounted = () => articles.flatMap((article, index) => (article.querySelector('h3 > .paper-shelf-controls') ? [index] : []))
    const view: PageView = {
      now: () => frames.length * 16,
      nextFrame: async () => void frames.push(mounted()),
      nextTask: async () => undefined,
      hidden: () => false,
      viewportHeight: () => 190,
    }
    const client = background.client()
    client.connect()
    await new Annotator(client, report, view).annotate(cardsIn(document), 'article > h3')

    expect(frames[0]).toEqual([100, 101, 102, 103])
    expect(frames.length).toBeGreaterThan(2)
    expect(mounted()).toHaveLength(300)
    for (const article of articles)
      expect(article.querySelector('h3')!.lastElementChild?.classList.contains('paper-shelf-controls')).toBe(true)
    expect(document.querySelectorAll('article > .paper-shelf-controls')).toHaveLength(0)
  })

  it('stops putting controls in, slice after slice, when the page takes out each slice’s by the next frame', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `2404.${String(i).padStart(5, '0')}`)
    page(ids)
    // Entries are 50 px high and the viewport shows the first four of them.
    document.querySelectorAll('article').forEach((article, index) => {
      article.getBoundingClientRect = () => ({ top: index * 50, bottom: (index + 1) * 50 }) as DOMRect
    })
    let frames = 0
    // A page that removes the toggles in every frame, as some do to fight them.
    const view: PageView = {
      now: () => frames * 16,
      nextFrame: async () => {
        frames += 1
        for (const controls of document.querySelectorAll('.paper-shelf-controls')) controls.remove()
      },
      nextTask: async () => undefined,
      hidden: () => false,
      viewportHeight: () => 190,
    }
    const client = background.client()
    client.connect()
    const pageAnnotator = new Annotator(client, report, view)
    await pageAnnotator.annotate(cardsIn(document), 'article > h3')
    expect(frames).toBe(1)
    // A later scan mounts what was left, and stops again at the first slice the page takes out.
    await pageAnnotator.annotate(cardsIn(document), 'article > h3')
    expect(frames).toBe(2)
    expect(report).not.toHaveBeenCalled()
  })

  it("puts every card's controls in at once where slots are not reserved, as they move the page below", async () => {
    const frames: number[] = []
    const view: PageView = { ...pageView(window), nextFrame: async () => void frames.push(1) }
    const client = background.client()
    client.connect()
    await new Annotator(client, report, view).annotate(cardsIn(document), 'article.reserved > h3')
    expect(frames).toHaveLength(0)
    expect(document.querySelectorAll('h3 + .paper-shelf-controls')).toHaveLength(3)
  })

  it('never annotates a card twice', async () => {
    const pageAnnotator = annotator()
    await Promise.all([pageAnnotator.annotate(cardsIn(document)), pageAnnotator.annotate(cardsIn(document))])
    await pageAnnotator.annotate(cardsIn(document))
    for (const article of document.querySelectorAll('article')) expect(article.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
    expect(background.requestsOf('lookup')).toHaveLength(1)
  })

  it('re-annotates a card whose element was reused for another paper', async () => {
    await background.seed([storedPaper('2404.00009', {}, { starred: true })])
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    const first = document.querySelector('article')!
    first.setAttribute('data-id', '2404.00009')
    await pageAnnotator.annotate(cardsIn(document))
    expect(first.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
    expect(first.getAttribute('data-paper-shelf')).toBe('starred')
    expect(pageAnnotator.keyOfToggle(button(first, 'Star'))).toBe('arxiv:2404.00009')
  })

  it('puts controls back when the page re-renders a card and drops them', async () => {
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    const first = document.querySelector('article')!
    first.querySelector('.paper-shelf-controls')!.remove()
    await pageAnnotator.annotate(cardsIn(document))
    expect(first.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
  })

  it('leaves a card without controls once the page has taken them out twice, and gives a re-rendered card new ones', async () => {
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    const [first, second] = [...document.querySelectorAll('article')] as [HTMLElement, HTMLElement]
    for (let removal = 1; removal <= 3; removal++) {
      first.querySelector('.paper-shelf-controls')?.remove()
      await pageAnnotator.annotate(cardsIn(document))
      expect(first.querySelectorAll('.paper-shelf-controls'), `after removal ${removal}`).toHaveLength(removal <= 2 ? 1 : 0)
    }
    await pageAnnotator.annotate(cardsIn(document))
    expect(first.querySelectorAll('.paper-shelf-controls')).toHaveLength(0)
    expect(second.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)

    const rerendered = first.cloneNode(true) as HTMLElement
    first.replaceWith(rerendered)
    await pageAnnotator.annotate(cardsIn(document))
    expect(rerendered.querySelectorAll('.paper-shelf-controls')).toHaveLength(1)
  })

  it('paints a toggle at once, saves it with the paper details, and keeps the saved state', async () => {
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    const article = document.querySelector('article')!
    const star = button(article, 'Star')
    const release = background.pause()
    const saving = pageAnnotator.toggle('arxiv:2404.00001', 'starred', star)
    expect(article.getAttribute('data-paper-shelf')).toBe('starred')
    expect(star.getAttribute('aria-busy')).toBe('true')
    release()
    await saving
    expect(star.hasAttribute('aria-busy')).toBe(false)
    expect(background.requestsOf('setMarks')).toMatchObject([
      { key: 'arxiv:2404.00001', changes: { starred: true }, ref: { title: 'Paper 2404.00001' } },
    ])
    expect(button(article, 'Star').getAttribute('aria-pressed')).toBe('true')
    expect((await background.store.lookup(['arxiv:2404.00001'])).found[0]?.marks.starred.value).toBe(true)
  })

  it('reverts and flags the button when saving fails', async () => {
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    background.refuseNext('setMarks', 'disk full')
    const article = document.querySelector('article')!
    const star = button(article, 'Star')
    await pageAnnotator.toggle('arxiv:2404.00001', 'starred', star)
    expect(star.getAttribute('aria-pressed')).toBe('false')
    expect(article.getAttribute('data-paper-shelf')).toBe('')
    expect(star.hasAttribute('data-paper-shelf-error')).toBe(true)
    expect(star.title).toContain('disk full')
    expect(report).toHaveBeenCalledWith('could not save a change', 'disk full')
  })

  it('paints changes made elsewhere on every card of that paper', async () => {
    page(['2404.00001', '2404.00001', '2404.00002'])
    await annotator().annotate(cardsIn(document))
    const popup = background.client({ keepPapers: true })
    await popup.set('arxiv:2404.00001', { read: true }, hfRef('2404.00001'))
    await vi.waitFor(() => expect(states()).toEqual(['read', 'read', '']))
  })

  it('does not let an older lookup reply overwrite a newer pushed change', async () => {
    const pageAnnotator = annotator()
    const release = background.pause()
    const annotating = pageAnnotator.annotate(cardsIn(document))
    // The lookup is waiting; meanwhile another tab's write lands and is pushed.
    await background.store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    background.push(await papersOnShelf(background.store))
    await Promise.resolve()
    release()
    await annotating
    expect(document.querySelector('article')!.getAttribute('data-paper-shelf')).toBe('starred')
  })

  it('sends details of papers already on the shelf once, so they fill in', async () => {
    await background.seed([storedPaper('2404.00003', { title: 'Short' }, { starred: true })])
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    document.querySelector('article')!.querySelector('.paper-shelf-controls')!.remove()
    await pageAnnotator.annotate(cardsIn(document))
    await vi.waitFor(() => expect(background.requestsOf('remember')).toHaveLength(1))
    expect(background.requestsOf('remember')[0]).toMatchObject({ refs: [{ key: 'arxiv:2404.00003' }] })
  })

  it('still shows toggles when the shelf cannot be read, and asks again later', async () => {
    background.failNext('lookup', 'no background')
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    expect(document.querySelectorAll('button[aria-label="Star"]')).toHaveLength(3)
    expect(report).toHaveBeenCalledWith('could not read the shelf', expect.objectContaining({ message: 'no background' }))
    await background.seed([storedPaper('2404.00001', {}, { starred: true })])
    await pageAnnotator.refreshAll()
    expect(states()).toEqual(['starred', '', ''])
  })

  it('saves by key alone and reports the adapter failure when a card cannot read its details', async () => {
    await background.seed([storedPaper('2404.00001')])
    const cards = cardsIn(document).map((card) =>
      Object.defineProperty({ ...card }, 'ref', {
        get: () => {
          throw new Error('markup changed')
        },
      }),
    )
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cards)
    await pageAnnotator.toggle('arxiv:2404.00001', 'starred', button(document.querySelector('article')!, 'Star'))
    expect(background.requestsOf('setMarks')[0]).not.toHaveProperty('ref')
    expect(states()[0]).toBe('starred')
    expect(report).toHaveBeenCalledWith('could not read the details of arxiv:2404.00001', expect.any(Error))
  })

  it('takes every control and state off the page when unmounted', async () => {
    await background.seed([storedPaper('2404.00002', {}, { starred: true })])
    const pageAnnotator = annotator()
    await pageAnnotator.annotate(cardsIn(document))
    pageAnnotator.unmountAll()
    expect(document.querySelectorAll('.paper-shelf-controls')).toHaveLength(0)
    expect(document.querySelectorAll('[data-paper-shelf]')).toHaveLength(0)
  })
})
