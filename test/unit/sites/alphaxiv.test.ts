import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { alphaxiv } from '../../../src/sites/alphaxiv'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/alphaxiv/', import.meta.url)

const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(alphaxiv.examples),
  'changed-markup.html': 'https://www.alphaxiv.org/?sort=Hot&interval=3+Days',
}

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => alphaxiv.findCards(page.doc, page.url)
const keys = (cards: FoundCard[]) => cards.map((card) => card.key)
const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

/** The ids of the `/abs/` links of a document, in page order and without repeats, read apart from the adapter. */
function absIds(root: ParentNode): string[] {
  const ids = [...root.querySelectorAll('a[href^="/abs/"]')].map((a) => a.getAttribute('href')?.slice('/abs/'.length) ?? '')
  return [...new Set(ids)]
}

const FEED_IDS = [
  '2606.15956',
  '2404.14219',
  '2404.19756',
  '2404.07143',
  '2404.02258',
  '2404.14047',
  '2402.17764',
  '2403.06973',
  '2401.08570',
  '2106.09685',
]

const MORE_IDS = ['1706.03762', '2005.14165', '2010.11929', '2307.09288']

/** Appends the infinite-scroll fixture's next page, as its scroll handler does in a browser. */
function appendNextPage(page: SavedPage): void {
  const feed = page.doc.querySelector('main > div')
  const next = page.doc.querySelector('template#next-page') as HTMLTemplateElement | null
  if (!feed || !next) throw new Error('no feed or next page')
  feed.append(next.content.cloneNode(true))
}

describe('alphaxiv.matches', () => {
  it.each([
    'https://www.alphaxiv.org/',
    'https://www.alphaxiv.org/?sort=Hot&interval=3+Days',
    'https://www.alphaxiv.org/?sort=Recommended',
    'https://www.alphaxiv.org/?organizations=Shenzhen+Key+Laboratory+for+High+Performance+Data+Mining',
    'https://www.alphaxiv.org/?subcategories=%5B%22machine-learning%22%5D',
    'https://www.alphaxiv.org/?q=diffusion',
    'https://www.alphaxiv.org/explore',
    'https://www.alphaxiv.org/explore?sort=Likes&time=30+Days',
    'https://www.alphaxiv.org/abs/2404.14219',
    'https://www.alphaxiv.org/abs/2404.14219v3',
    'https://www.alphaxiv.org/overview/2512.21120v1',
    'https://www.alphaxiv.org/abs/hep-th/9901001',
  ])('matches %s', (url) => {
    expect(alphaxiv.matches(new URL(url))).toBe(true)
  })

  it.each([
    'https://www.alphaxiv.org/assistant',
    'https://www.alphaxiv.org/profile/6789abcd',
    'https://www.alphaxiv.org/explorer',
    'https://www.alphaxiv.org/audio/2606.15956',
    'https://www.alphaxiv.org/replicate/2606.15956',
    'http://www.alphaxiv.org/abs/2404.14219',
    'https://alphaxiv.org.evil.example/abs/2404.14219',
    'https://evil.example/abs/2404.14219',
    'https://arxiv.org/abs/2404.14219',
  ])('does not match %s', (url) => {
    expect(alphaxiv.matches(new URL(url))).toBe(false)
  })

  it('asks for its exact host only', () => {
    expect(alphaxiv.hosts).toEqual(['www.alphaxiv.org'])
    expect(alphaxiv.id).toBe('alphaxiv')
    expect(alphaxiv.label).toBe('alphaXiv')
  })
})

describe('explore feed', () => {
  const page = load('feed.html')
  const cards = find(page)

  it('finds one card per paper, in page order, though each card links its paper three times', () => {
    expect(absIds(page.doc)).toEqual(FEED_IDS)
    expect(keys(cards)).toEqual(FEED_IDS.map((id) => `arxiv:${id}`))
    for (const card of cards) {
      const id = card.key.slice('arxiv:'.length)
      const links = card.element.querySelectorAll(`a[href="/abs/${id}"], a[href="/overview/${id}"], a[href="/audio/${id}"]`)
      expect(links).toHaveLength(3)
    }
  })

  it('takes the whole card, and no neighbour, as the card', () => {
    const shown = [...page.doc.querySelectorAll('main > div > div')]
    expect(cards.map((card) => card.element)).toEqual(shown)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.element.querySelector('button svg.lucide-thumbs-up')).not.toBeNull()
      expect(absIds(card.element)).toEqual([card.key.slice('arxiv:'.length)])
    }
  })

  it('puts the controls after the title link', () => {
    for (const card of cards) {
      expect(card.controlsAfter.localName).toBe('a')
      expect(card.controlsAfter.getAttribute('href')).toBe(`/abs/${card.ref.arxivId}`)
      expect(card.element.contains(card.controlsAfter)).toBe(true)
      expect(card.ref.title).toBe(collapse(card.controlsAfter.textContent))
    }
  })

  it('reads title, authors and date of the real card, and not alphaXiv’s summary as an abstract', () => {
    expect(cards[0]?.ref).toEqual({
      key: 'arxiv:2606.15956',
      arxivId: '2606.15956',
      title: "You Don't Need Strong Assumptions: Visual Representation Learning via Temporal Differences",
      authors: ['Ninad Daithankar', 'Alexi Gladstone', 'Yann LeCun'],
      published: '2026-06-14',
      site: 'alphaxiv',
      url: 'https://www.alphaxiv.org/abs/2606.15956',
    })
  })

  it('reads every card the same way', () => {
    for (const card of cards) {
      expect(card.ref.key).toBe(card.key)
      expect(card.ref.url).toBe(`https://www.alphaxiv.org/abs/${card.ref.arxivId}`)
      expect(card.ref.authors.length).toBeGreaterThan(0)
      expect(card.ref.authors.some((name) => name.startsWith('#') || name === 'View blog')).toBe(false)
      expect(card.ref.published).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(card.ref.abstract).toBeUndefined()
    }
    expect(cards.find((card) => card.key === 'arxiv:2404.02258')?.ref.published).toBe('2024-04-02')
  })

  it('is the same feed at /explore and under any filter', () => {
    for (const url of ['https://www.alphaxiv.org/explore?sort=Likes&time=30+Days', 'https://www.alphaxiv.org/?organizations=Microsoft']) {
      expect(find(load('feed.html', url)).map((card) => card.ref)).toEqual(cards.map((card) => card.ref))
    }
  })

  it('ignores the header links', () => {
    const header = page.doc.querySelector('header')
    expect(header?.querySelectorAll('a').length).toBeGreaterThan(0)
    for (const card of cards) expect(card.element.contains(header)).toBe(false)
  })
})

describe('a feed of one paper', () => {
  // With no neighbour to tell it apart, the card may be as wide as the feed column, but never the page.
  it('does not take the whole page as the card', () => {
    const page = load('feed.html')
    const feed = page.doc.querySelector('main > div')
    while (feed?.children[1]) feed.children[1].remove()
    const [card, ...rest] = find(page)
    expect(rest).toEqual([])
    expect(card?.key).toBe('arxiv:2606.15956')
    const main = page.doc.querySelector('main')
    expect(card?.element).not.toBe(main)
    expect(main?.contains(card?.element ?? null)).toBe(true)
    expect(card?.element.contains(page.doc.querySelector('header'))).toBe(false)
  })
})

describe('infinite scroll', () => {
  it('finds the cards appended to the feed, and the earlier ones unchanged', () => {
    const page = load('infinite-scroll.html')
    const before = find(page)
    expect(keys(before)).toEqual(FEED_IDS.map((id) => `arxiv:${id}`))
    appendNextPage(page)
    const after = find(page)
    expect(keys(after)).toEqual([...FEED_IDS, ...MORE_IDS].map((id) => `arxiv:${id}`))
    before.forEach((card, index) => {
      expect(after[index]?.element).toBe(card.element)
      expect(after[index]?.controlsAfter).toBe(card.controlsAfter)
    })
    expect(new Set(after.map((card) => card.element)).size).toBe(after.length)
    expect(after.at(-1)?.ref.title).toBe('Llama 2: Open Foundation and Fine-Tuned Chat Models')
    expect(after.at(-1)?.ref.published).toBe('2023-07-18')
  })

  it('finds a card the moment it is in the document, before its paper links are complete', () => {
    const page = load('infinite-scroll.html')
    const next = page.doc.querySelector('template#next-page') as HTMLTemplateElement
    const card = next.content.firstElementChild?.cloneNode(true) as Element
    card.querySelectorAll('a:not([href^="/abs/"])').forEach((link) => link.remove())
    page.doc.querySelector('main > div')?.append(card)
    const found = find(page)
    expect(found.at(-1)?.element).toBe(card)
    expect(found.at(-1)?.key).toBe('arxiv:1706.03762')
  })
})

describe('paper page', () => {
  const page = load('paper.html')
  const cards = find(page)

  it('is one card: the paper of the URL, not the similar papers it lists', () => {
    expect(absIds(page.doc)).toEqual(['2404.14047', '2402.17764'])
    expect(keys(cards)).toEqual(['arxiv:2404.14219'])
    const [card] = cards
    expect(card?.layout).toBe('detail')
    expect(card?.controlsAfter).toBe(page.doc.querySelector('main h1'))
    expect(card?.element).toBe(page.doc.querySelector('main h1')?.parentElement)
  })

  it('reads the paper from the JSON-LD the page carries', () => {
    const raw = page.doc.querySelector('script[data-alphaxiv-id="json-ld-paper-detail-view"]')?.textContent ?? ''
    const described = JSON.parse(raw) as { headline: string; abstract: string; author: { name: string }[] }
    expect(cards[0]?.ref).toEqual({
      key: 'arxiv:2404.14219',
      arxivId: '2404.14219',
      title: described.headline,
      authors: described.author.map((author) => author.name),
      abstract: described.abstract,
      published: '2024-04-22',
      site: 'alphaxiv',
      url: 'https://www.alphaxiv.org/abs/2404.14219',
    })
    expect(cards[0]?.ref.authors).toHaveLength(8)
  })

  it('is the same paper on its overview page, whatever the version', () => {
    const overview = load('paper.html', 'https://www.alphaxiv.org/overview/2404.14219v2')
    expect(find(overview).map((card) => card.ref)).toEqual(cards.map((card) => card.ref))
  })

  it('does not take another paper’s JSON-LD for this one', () => {
    const moved = load('paper.html', 'https://www.alphaxiv.org/abs/2402.17764')
    const [card] = find(moved)
    expect(card?.key).toBe('arxiv:2402.17764')
    expect(card?.ref.authors).toEqual([])
    expect(card?.ref.abstract).toBeUndefined()
    expect(card?.ref.published).toBeUndefined()
  })

  it('falls back to the heading without JSON-LD', () => {
    const bare = load('paper.html')
    bare.doc.querySelector('script[data-alphaxiv-id]')?.remove()
    expect(find(bare)[0]?.ref.title).toBe('Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone')
  })

  it('finds nothing on an /abs/ path that names no paper, or before the heading is rendered', () => {
    expect(find(load('paper.html', 'https://www.alphaxiv.org/abs/not-a-paper'))).toEqual([])
    const empty = load('paper.html')
    empty.doc.body.replaceChildren()
    expect(find(empty)).toEqual([])
  })
})

describe('changed markup', () => {
  const page = load('changed-markup.html')

  it('has no class left to rely on', () => {
    expect(page.doc.querySelectorAll('main [class]')).toHaveLength(0)
    expect(page.doc.querySelectorAll('main li')).toHaveLength(5)
  })

  it('still finds one card per paper, with its title and author links', () => {
    const cards = find(page)
    expect(keys(cards)).toEqual(FEED_IDS.slice(0, 5).map((id) => `arxiv:${id}`))
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll('main li')])
    expect(cards[0]?.ref.title).toBe("You Don't Need Strong Assumptions: Visual Representation Learning via Temporal Differences")
    expect(cards[0]?.ref.authors).toEqual(['Ninad Daithankar', 'Alexi Gladstone', 'Yann LeCun'])
    expect(cards[0]?.ref.published).toBe('2026-06-14')
  })
})

describe('hostile text', () => {
  it('keeps markup-looking titles and names as literal text, clamped', () => {
    const page = load('feed.html')
    const [first, second] = [...page.doc.querySelectorAll('main > div > div')]
    const title = first?.querySelector('a[href^="/abs/"] .tiptap')
    if (title) title.textContent = '<img src=x onerror=alert(1)> </script><script>alert(2)</script>'
    const author = first?.querySelector('span + div div div')
    if (author) author.textContent = '"><svg onload=alert(3)>'
    const long = second?.querySelector('a[href^="/abs/"] .tiptap')
    if (long) long.textContent = 'Scaling '.repeat(2000)
    const before = page.doc.documentElement.outerHTML
    const [a, b] = find(page)
    expect(a?.ref.title).toBe('<img src=x onerror=alert(1)> </script><script>alert(2)</script>')
    expect(a?.ref.authors[0]).toBe('"><svg onload=alert(3)>')
    expect(b?.ref.title).toHaveLength(LIMITS.titleLength)
    expect(page.doc.querySelectorAll('main img, main script')).toHaveLength(0)
    expect(page.doc.documentElement.outerHTML).toBe(before)
  })
})

describe('purity', () => {
  it.each(Object.keys(FIXTURE_URLS))('%s: two runs give the same cards and leave the page as it was', (name) => {
    const page = load(name)
    const before = page.doc.documentElement.outerHTML
    const first = find(page)
    const second = find(page)
    expect(second.map((card) => card.ref)).toEqual(first.map((card) => card.ref))
    second.forEach((card, index) => expect(card.element).toBe(first[index]?.element))
    expect(page.doc.documentElement.outerHTML).toBe(before)
  })
})
