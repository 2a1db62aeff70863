import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { semanticscholar } from '../../../src/sites/semanticscholar'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/semanticscholar/', import.meta.url)

const SEARCH_URL = 'https://www.semanticscholar.org/search?q=ego%20depletion&sort=relevance'

const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(semanticscholar.examples),
  'changed-markup.html': SEARCH_URL,
  'late-cards.html': `${SEARCH_URL}&sort=total-citations`,
}

const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')

function load(name: string, html = read(name)): SavedPage {
  const url = FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(html, url)
}

const find = (page: SavedPage): FoundCard[] => semanticscholar.findCards(page.doc, page.url)

const keysOf = (name: string) => semanticscholar.examples.find((example) => example.name === name)?.keys

const ROW = 'div.cl-paper-row.serp-papers__paper-row[data-paper-id]'

describe('Semantic Scholar search results', () => {
  const page = load('search.html')
  const cards = find(page)

  it('finds every result row once, in page order, with the controls after the title link', () => {
    const rows = [...page.doc.querySelectorAll(ROW)]
    expect(rows).toHaveLength(10)
    expect(cards.map((card) => card.element)).toEqual(rows)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.controlsAfter).toBe(card.element.querySelector('a[data-test-id="title-link"]'))
    }
  })

  it('keys a result by the arXiv paper any of its links points to, with its DOI and S2 id as aliases', () => {
    // Result 5 links arXiv from its PDF badge and also has a DOI link; result 6 links arXiv's abstract page.
    expect(cards[4]?.key).toBe('arxiv:2404.07143')
    expect(cards[4]?.aliases).toEqual(['doi:10.1177/18344909251386084', 's2:372b50bd7bfa6cd75153d727c061545340ea5d64'])
    expect(cards[4]?.ref).toMatchObject({ key: 'arxiv:2404.07143', arxivId: '2404.07143', version: 1, doi: '10.1177/18344909251386084' })
    expect(cards[5]?.key).toBe('arxiv:2404.14219')
    expect(cards[5]?.aliases).toEqual(['s2:e53a34cf6786b4d954e59350662dd0c7f48ce54d'])
  })

  it('keys a result by the DOI of its doi.org link when there is no arXiv link, with its S2 id as alias', () => {
    expect(cards[1]?.key).toBe('doi:10.1177/15480518241305683')
    expect(cards[1]?.aliases).toEqual(['s2:e94e574a4c158cabc32ed1f592ab519ac9a2928b'])
    expect(cards[1]?.ref.doi).toBe('10.1177/15480518241305683')
    expect(cards[1]?.ref.arxivId).toBeUndefined()
  })

  it('keys a result with neither by its Semantic Scholar paper id, lowercased', () => {
    expect(cards[0]?.key).toBe('s2:516c2035d29bb711be2e027be4ad38224419065a')
    expect(cards[0]?.aliases).toEqual([])
    const upper = read('search.html').replaceAll('516c2035d29bb711be2e027be4ad38224419065a', '516C2035D29BB711BE2E027BE4AD38224419065A')
    expect(find(load('search.html', upper))[0]?.key).toBe('s2:516c2035d29bb711be2e027be4ad38224419065a')
  })

  it('reads the title across its highlight spans, the authors, the date and the TLDR or abstract', () => {
    expect(cards[0]?.ref).toMatchObject({
      title: 'Ego depletion: is the active self a limited resource?',
      authors: ['R. Baumeister', 'Ellen Bratslavsky', 'Mark Muraven', 'D. Tice'],
      published: '1998-05-01',
      site: 'semanticscholar',
      abstract:
        "The results suggest that the self's capacity for active volition is limited and that a range of seemingly different, unrelated acts share a common resource.",
    })
    expect(cards[2]?.ref.title).toBe('Self-control and limited willpower: Current status of ego depletion theory and research.')
    expect(cards[2]?.ref.abstract).toMatch(/^Ego depletion theory proposes that self-regulation depends on a limited energy resource/)
    for (const card of cards) expect(card.ref.abstract ?? '').not.toMatch(/^TLDR|Expand$/)
  })

  it('leaves out a date that is only a year', () => {
    // "2025" is all result 7 shows.
    expect(cards[6]?.ref.published).toBeUndefined()
  })

  it("links each paper to its Semantic Scholar page, absolute and without the result's fragment", () => {
    expect(cards[0]?.ref.url).toBe(
      'https://www.semanticscholar.org/paper/Ego-depletion%3A-is-the-active-self-a-limited-Baumeister-Bratslavsky/516c2035d29bb711be2e027be4ad38224419065a',
    )
    for (const card of cards) expect(card.ref.url).toMatch(/^https:\/\/www\.semanticscholar\.org\/paper\/[^#?]+\/[0-9a-f]{40}$/)
  })

  it('keeps hostile page text as text', () => {
    const hostile = read('search.html')
      .replace('<span>: is the active self a limited resource?</span>', '<span>&lt;img src=x onerror=alert(1)&gt;</span>')
      .replace('<span>Ellen Bratslavsky</span>', '<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>')
    const found = find(load('search.html', hostile))
    expect(found[0]?.ref.title).toBe('Ego depletion<img src=x onerror=alert(1)>')
    expect(found[0]?.ref.authors[1]).toBe('<script>alert(1)</script>')
  })

  it('ignores links to paper pages that are not a title, and paper ids that are not 40 hex digits', () => {
    const odd = read('search.html')
      .replace(
        'href="/paper/Exploitative-Leadership-and-Employees%E2%80%99-Unethical-of-Nie-Wang/e94e574a4c158cabc32ed1f592ab519ac9a2928b"',
        'href="/paper/javascript:alert(1)/not-a-paper-id"',
      )
      // Left with only its citation count linking the paper page, the row has no title to go by.
      .replace('e94e574a4c158cabc32ed1f592ab519ac9a2928b#citing-papers', 'e94e574a4c158cabc32ed1f592ab519ac9a2928b')
    const found = find(load('search.html', odd))
    expect(found).toHaveLength(9)
    expect(found.map((card) => card.key)).not.toContain('doi:10.1177/15480518241305683')
  })

  it('reads the second page as a page of its own', () => {
    expect(find(load('search-page-2.html')).map((card) => card.key)).toEqual(keysOf('searchPage2'))
  })
})

describe('Semantic Scholar pages that load late or change', () => {
  it('finds the results the app renders after load, whenever it looks', () => {
    const page = load('late-cards.html')
    expect(find(page)).toEqual([])
    expect(semanticscholar.hasNoPapers?.(page.doc, page.url)).toBe(false)
    // What the page's script does after ~500 ms.
    const results = page.doc.querySelector('[data-test-id="results"]')
    const rendered = page.doc.getElementById('late-results') as HTMLTemplateElement | null
    results?.append(rendered?.content.cloneNode(true) ?? '')
    expect(find(page).map((card) => card.key)).toEqual(keysOf('search'))
  })

  it('finds rows the app replaces, and no longer the ones it removed', () => {
    const page = load('search.html')
    const list = page.doc.querySelector('[data-test-id="result-page"]')
    const [first, second] = [...page.doc.querySelectorAll(ROW)]
    if (!list || !first || !second) throw new Error('no rows')
    for (const row of page.doc.querySelectorAll(ROW)) row.remove()
    list.append(second, first)
    expect(find(page).map((card) => card.key)).toEqual([keysOf('search')?.[1], keysOf('search')?.[0]])
  })

  it('still finds every result, with the same keys and details, when every class name has changed', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelector('.cl-paper-row, .cl-paper-title')).toBeNull()
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(keysOf('search'))
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll('[data-paper-id]')])
    expect(cards[0]?.ref).toMatchObject({
      title: 'Ego depletion: is the active self a limited resource?',
      authors: ['R. Baumeister', 'Ellen Bratslavsky', 'Mark Muraven', 'D. Tice'],
    })
  })

  it('climbs from each title to its own row when the rows carry neither class nor paper id', () => {
    const bare = read('changed-markup.html').replace(/ data-paper-id="[0-9a-f]{40}"/g, '')
    const page = load('changed-markup.html', bare)
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(keysOf('search'))
    const list = page.doc.querySelector('[data-test-id="result-page"]')
    for (const card of cards) expect(card.element.parentElement).toBe(list)
  })
})

describe('Semantic Scholar searches without results', () => {
  it('finds nothing and says the page has nothing to list', () => {
    const page = load('no-results.html')
    expect(find(page)).toEqual([])
    expect(semanticscholar.hasNoPapers?.(page.doc, page.url)).toBe(true)
  })

  it('does not say so of a page with results, or of other pages', () => {
    const search = load('search.html')
    expect(semanticscholar.hasNoPapers?.(search.doc, search.url)).toBe(false)
    const author = load('author.html')
    expect(semanticscholar.hasNoPapers?.(author.doc, author.url)).toBe(false)
  })
})

describe('Semantic Scholar author page', () => {
  it("finds the author's papers, with the controls after each title", () => {
    const page = load('author.html')
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(keysOf('author'))
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll('.cl-paper-row')])
    expect(cards[1]?.ref.authors).toEqual(['Roy F. Baumeister', 'Nathalie André', 'Danny Southwick', 'D. Tice'])
  })
})

describe('Semantic Scholar paper page', () => {
  const page = load('paper.html')
  const cards = find(page)

  it("shows the page's own paper as a detail, not the papers that cite it", () => {
    expect(cards).toHaveLength(1)
    const [card] = cards
    expect(card?.layout).toBe('detail')
    expect(card?.element).toBe(page.doc.getElementById('paper-header'))
    expect(card?.controlsAfter).toBe(page.doc.querySelector('h1[data-test-id="paper-detail-title"]'))
    expect(card?.key).toBe('doi:10.1177/15480518241305683')
    expect(card?.aliases).toEqual(['s2:e94e574a4c158cabc32ed1f592ab519ac9a2928b'])
  })

  it('reads title, authors, date, abstract and the canonical page', () => {
    expect(cards[0]?.ref).toMatchObject({
      title:
        'Exploitative Leadership and Employees’ Unethical Behavior from the Perspective of ego Depletion Theory: The Moderating Effect of Microbreaks',
      authors: ['Qi Nie', 'Miaomiao Wang'],
      published: '2025-01-07',
      doi: '10.1177/15480518241305683',
      url: FIXTURE_URLS['paper.html'],
    })
    expect(cards[0]?.ref.abstract).toMatch(/^Exploitative leadership is a form of destructive leadership behavior/)
  })

  it('takes its id from the address, with or without the title slug', () => {
    const byId = parseSavedPage(read('paper.html'), 'https://www.semanticscholar.org/paper/e94e574a4c158cabc32ed1f592ab519ac9a2928b/')
    const [card] = find(byId)
    expect(card?.aliases).toEqual(['s2:e94e574a4c158cabc32ed1f592ab519ac9a2928b'])
    expect(card?.ref.url).toBe('https://www.semanticscholar.org/paper/e94e574a4c158cabc32ed1f592ab519ac9a2928b')
  })

  it('keys the paper by an arXiv link in its header before its DOI', () => {
    const preprint = read('paper.html').replace(
      '<a href="https://doi.org/10.1177/15480518241305683" target="_blank"',
      '<a href="https://arxiv.org/abs/2404.14219v3" target="_blank"',
    )
    const [card] = find(load('paper.html', preprint))
    expect(card?.key).toBe('arxiv:2404.14219')
    expect(card?.aliases).toEqual(['doi:10.1177/15480518241305683', 's2:e94e574a4c158cabc32ed1f592ab519ac9a2928b'])
    expect(card?.ref).toMatchObject({ arxivId: '2404.14219', version: 3 })
  })
})

describe('Semantic Scholar addresses', () => {
  const matches = (href: string) => semanticscholar.matches(new URL(href))

  it.each([
    SEARCH_URL,
    `${SEARCH_URL}&page=2`,
    'https://www.semanticscholar.org/author/D.-Tice/6720529',
    'https://www.semanticscholar.org/paper/Ego-depletion/516c2035d29bb711be2e027be4ad38224419065a',
    'https://www.semanticscholar.org/paper/516c2035d29bb711be2e027be4ad38224419065a',
  ])('reads %s', (href) => expect(matches(href)).toBe(true))

  it.each([
    'https://www.semanticscholar.org/',
    'https://www.semanticscholar.org/me',
    'https://www.semanticscholar.org/product/api',
    'https://www.semanticscholar.org/search',
    'https://www.semanticscholar.org/search?sort=relevance',
    'https://www.semanticscholar.org/author/D.-Tice',
    'https://www.semanticscholar.org/paper/Ego-depletion',
    'https://www.semanticscholar.org/paper/516c2035',
    'https://www.semanticscholar.org/reader/516c2035d29bb711be2e027be4ad38224419065a',
    'https://semanticscholar.org/search?q=x',
    'https://api.semanticscholar.org/graph/v1/paper/search?query=x',
    'http://www.semanticscholar.org/search?q=x',
  ])('leaves %s alone', (href) => expect(matches(href)).toBe(false))
})
