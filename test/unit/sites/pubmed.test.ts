import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { pubmed } from '../../../src/sites/pubmed'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/pubmed/', import.meta.url)

const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(pubmed.examples),
  // Not a page type of its own: markup the adapter does not know, which must not break it.
  'changed-markup.html': 'https://pubmed.ncbi.nlm.nih.gov/?term=(hypertension%5BTitle%5D)%20AND%20(food%5BText%20Word%5D)%20&page=2',
}

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => pubmed.findCards(page.doc, page.url)
const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

function expectResultCards(page: SavedPage, cards: FoundCard[]): void {
  const articles = [...page.doc.querySelectorAll('article.full-docsum')]
  expect(cards).toHaveLength(articles.length)
  cards.forEach((card, index) => {
    expect(card.element).toBe(articles[index])
    expect(card.layout).toBe('card')
    expect(card.companions ?? []).toEqual([])
    expect(card.controlsAfter).toBe(card.element.querySelector('a.docsum-title'))
    const pmid = card.element.querySelector('span.docsum-pmid')?.textContent
    expect(card.ref.url).toBe(`https://pubmed.ncbi.nlm.nih.gov/${pmid}/`)
    expect(card.ref.site).toBe('pubmed')
    expect(card.ref.key).toBe(card.key)
    expect(card.ref.title).toBe(collapse(card.controlsAfter.textContent))
  })
}

describe('pubmed fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is a page saved from %s', (name, url) => {
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.title).toContain('PubMed')
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(url)
    expect(doc.querySelector('form#search-form input#id_term')).not.toBeNull()
  })
})

describe('search results, first page', () => {
  const page = load('search.html')
  const cards = find(page)

  it('finds every result once, in page order, keyed by the DOI its citation shows', () => {
    expectResultCards(page, cards)
    expect(cards.map((card) => card.key)).toEqual(['doi:10.1177/10497323231214114', 'doi:10.1007/s00404-023-07246-8'])
  })

  it('reads title, authors, DOI and a full publication date', () => {
    expect(cards[0]?.ref).toEqual({
      key: 'doi:10.1177/10497323231214114',
      aliases: ['pmid:37988744'],
      doi: '10.1177/10497323231214114',
      title: "Living With Endometriosis: A Reflexive Thematic Analysis Examining Women's Experiences With the Irish Healthcare Services.",
      authors: ['Lightbourne A', 'Foley S', 'Dempsey M', 'Cronin M'],
      published: '2023-11-21',
      site: 'pubmed',
      url: 'https://pubmed.ncbi.nlm.nih.gov/37988744/',
    })
    expect(cards[1]?.ref.authors).toHaveLength(8)
    expect(cards[1]?.ref.authors).toContain('Gonçalves MO')
  })

  it('falls back to the PMID when the citation names no DOI, and to the PMID line when the title link lost its id', () => {
    const bare = load('search.html')
    const citation = bare.doc.querySelector('span.full-journal-citation')
    if (citation) citation.textContent = 'Qual Health Res. 2023 Nov 21:10497323231214114. Online ahead of print.'
    const title = bare.doc.querySelector('a.docsum-title')
    title?.removeAttribute('data-article-id')
    title?.setAttribute('href', '#')
    expect(find(bare).map((card) => card.key)).toEqual(['pmid:37988744', 'doi:10.1007/s00404-023-07246-8'])
  })

  it('prefers an arXiv id when the result links to arXiv', () => {
    const withPreprint = load('search.html')
    const link = withPreprint.doc.createElement('a')
    link.setAttribute('href', 'https://arxiv.org/abs/2106.09685v2')
    withPreprint.doc.querySelectorAll('div.docsum-citation')[1]?.append(link)
    const [, second] = find(withPreprint)
    expect(second?.key).toBe('arxiv:2106.09685')
    expect(second?.ref.arxivId).toBe('2106.09685')
    expect(second?.ref.doi).toBe('10.1007/s00404-023-07246-8')
  })
})

describe('search results, second page', () => {
  const page = load('search-page-2.html')
  const cards = find(page)

  it('finds every result once, in page order', () => {
    expectResultCards(page, cards)
    expect(cards.map((card) => card.ref.url.split('/')[3])).toEqual(['35910428', '26449129', '35417736', '39975789'])
  })

  it('lower-cases DOIs and reads only clear dates', () => {
    expect(cards[1]?.key).toBe('doi:10.1017/s000711451500402x')
    expect(cards.map((card) => card.ref.published)).toEqual(['2022-07-15', '2016-01-14', undefined, '2025-02-05'])
    expect(cards[3]?.ref.authors).toEqual(['Mehrtash F'])
  })

  it('finds the same cards on any sort or paging of the same results', () => {
    const again = load('search-page-2.html', 'https://pubmed.ncbi.nlm.nih.gov/?term=food&sort=date&page=2')
    expect(find(again).map((card) => card.ref)).toEqual(cards.map((card) => card.ref))
  })
})

describe('article page', () => {
  const page = load('article.html')
  const cards = find(page)

  it('gives one detail card next to the heading, keyed by the DOI in its identifiers', () => {
    expect(cards).toHaveLength(1)
    const [card] = cards
    expect(card?.layout).toBe('detail')
    expect(card?.controlsAfter).toBe(page.doc.querySelector('h1.heading-title'))
    expect(card?.element).toBe(page.doc.querySelector('#full-view-heading'))
    expect(card?.ref).toEqual({
      key: 'doi:10.1016/j.cpcardiol.2022.101203',
      aliases: ['pmid:35417736'],
      doi: '10.1016/j.cpcardiol.2022.101203',
      title: 'Hypertension and the Role of Dietary Fiber',
      authors: ['Nepali P', 'Suresh S', 'Pikale G', 'Jhaveri S', 'Avanthika C', 'Bansal M', 'Islam R', 'Chanpura A'],
      abstract: collapse(page.doc.querySelector('#eng-abstract')?.textContent),
      site: 'pubmed',
      url: 'https://pubmed.ncbi.nlm.nih.gov/35417736/',
    })
  })

  it('does not take the similar articles for cards', () => {
    expect(page.doc.querySelectorAll('#similar a.docsum-title')).toHaveLength(1)
    expect(cards.map((card) => card.key)).toEqual(['doi:10.1016/j.cpcardiol.2022.101203'])
  })

  it('keys by PMID when the identifiers name another paper', () => {
    const moved = load('article.html', 'https://pubmed.ncbi.nlm.nih.gov/26449129/')
    const [card] = find(moved)
    expect(card?.key).toBe('pmid:26449129')
    expect(card?.ref.url).toBe('https://pubmed.ncbi.nlm.nih.gov/26449129/')
  })
})

describe('pages without cards', () => {
  it('finds nothing on a search without results', () => {
    const page = load('no-results.html')
    expect(page.doc.body.textContent).toContain('No results were found.')
    expect(find(page)).toEqual([])
  })

  it('finds nothing, and does not throw, on markup it does not know', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelectorAll('article.result-card')).toHaveLength(4)
    expect(() => find(page)).not.toThrow()
    expect(find(page)).toEqual([])
  })

  it('finds nothing on empty documents and on pages it does not annotate', () => {
    const page = load('search.html')
    expect(find(load('search.html', 'https://pubmed.ncbi.nlm.nih.gov/advanced/?term=x'))).toEqual([])
    page.doc.body.innerHTML = ''
    expect(find(page)).toEqual([])
    const article = load('article.html')
    article.doc.body.innerHTML = ''
    expect(find(article)).toEqual([])
  })
})

describe('hostile text', () => {
  it('returns markup-looking text as literal text, clamps long titles and leaves the page untouched', () => {
    const page = load('search-page-2.html')
    const [first, second] = page.doc.querySelectorAll('a.docsum-title')
    if (first) first.textContent = '<img src=x onerror=alert(1)> </script><script>alert(2)</script>'
    if (second) second.textContent = 'Long '.repeat(3000)
    const authors = page.doc.querySelector('span.full-authors')
    if (authors) authors.textContent = '<b onmouseover=alert(3)>X</b> Y, \u202Efdp.exe\u202C Z.'
    const before = page.doc.documentElement.outerHTML
    const cards = find(page)
    expect(cards[0]?.ref.title).toBe('<img src=x onerror=alert(1)> </script><script>alert(2)</script>')
    expect(cards[0]?.ref.authors).toEqual(['<b onmouseover=alert(3)>X</b> Y', '\u202Efdp.exe\u202C Z'])
    expect(cards[1]?.ref.title).toHaveLength(LIMITS.titleLength)
    expect(cards[1]?.ref.title.endsWith('…')).toBe(true)
    expect(page.doc.documentElement.outerHTML).toBe(before)
    expect(page.doc.querySelectorAll('img[src="x"], script:not([src])')).toHaveLength(0)
  })
})
