import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { biorxiv } from '../../../src/sites/biorxiv'
import { medrxiv } from '../../../src/sites/medrxiv'
import { doiFromContentPath } from '../../../src/sites/lib/openrxiv'
import type { Site } from '../../../src/sites/site'
import { parseSavedPage, type SavedPage } from './saved-page'

function load(site: Site, file: string, url: string): SavedPage {
  return parseSavedPage(readFileSync(new URL(`../../fixtures/${site.id}/${file}`, import.meta.url), 'utf8'), url)
}

const find = (site: Site, page: SavedPage) => site.findCards(page.doc, page.url)
const example = (site: Site, name: string) => {
  const found = site.examples.find((e) => e.name === name)
  if (!found) throw new Error(`no example ${name}`)
  return load(site, found.fixture, found.url)
}

describe('bioRxiv and medRxiv paper paths', () => {
  it.each([
    ['/content/10.1101/2020.02.02.931162v2', '10.1101/2020.02.02.931162'],
    ['/content/10.1101/2020.02.02.931162v2.full', '10.1101/2020.02.02.931162'],
    ['/content/10.1101/2020.02.02.931162v12.abstract', '10.1101/2020.02.02.931162'],
    ['/content/10.1101/850289v1', '10.1101/850289'],
    ['/content/10.1101/2020.02.02.931162', '10.1101/2020.02.02.931162'],
    ['/content/10.64898/2026.04.01.716005v1', '10.64898/2026.04.01.716005'],
    ['/content/early/recent', undefined],
    ['/content/biorxiv/early/2020/02/05/2020.02.02.931162.full.pdf', undefined],
  ])('%s is %s', (path, doi) => {
    expect(doiFromContentPath(path)).toBe(doi)
  })
})

describe('bioRxiv listings', () => {
  it('reads every card once, in page order, keyed by the DOI without its version', () => {
    const cards = find(biorxiv, example(biorxiv, 'search'))
    expect(cards.map((card) => card.key)).toEqual(biorxiv.examples.find((e) => e.name === 'search')?.keys)
    expect(new Set(cards.map((card) => card.element)).size).toBe(cards.length)
    for (const card of cards) {
      expect(card.key).not.toMatch(/v\d+$/)
      expect(card.layout).toBe('card')
      expect(card.element.matches('div.highwire-article-citation')).toBe(true)
      expect(card.controlsAfter.matches('span.highwire-cite-title')).toBe(true)
      expect(card.element.contains(card.controlsAfter)).toBe(true)
    }
  })

  it('reads title, authors, DOI and a version-less link', () => {
    const [first] = find(biorxiv, example(biorxiv, 'search'))
    expect(first?.ref).toEqual({
      key: 'doi:10.1101/2020.01.24.917864',
      doi: '10.1101/2020.01.24.917864',
      title: 'A systematic review of scientific research focused on farmers in agricultural adaptation to climate change (2008-2017)',
      authors: ['Yao Yang', 'Barnabas C. Seyler', 'Miao Feng', 'Ya Tang'],
      site: 'biorxiv',
      url: 'https://www.biorxiv.org/content/10.1101/2020.01.24.917864',
    })
  })

  it('finds the next page of a collection', () => {
    const first = find(biorxiv, example(biorxiv, 'collection')).map((card) => card.key)
    const second = find(biorxiv, example(biorxiv, 'collectionPage2')).map((card) => card.key)
    expect(second).toHaveLength(3)
    expect(second.some((key) => first.includes(key))).toBe(false)
  })

  it('finds nothing, without throwing, on an empty search and on changed markup', () => {
    expect(find(biorxiv, example(biorxiv, 'noResults'))).toEqual([])
    expect(find(biorxiv, load(biorxiv, 'changed-markup.html', 'https://www.biorxiv.org/collection/ecology'))).toEqual([])
    expect(find(biorxiv, parseSavedPage('<p>nothing</p>', 'https://www.biorxiv.org/content/10.1101/850289v1'))).toEqual([])
  })

  it('keeps hostile text as text', () => {
    const html = `<div class="highwire-article-citation"><span class="highwire-cite-title"><a class="highwire-cite-linked-title" href="/content/10.1101/850289v1"><span class="highwire-cite-title">&lt;img src=x onerror=alert(1)&gt; Title</span></a></span>
      <span class="highwire-citation-author"><span class="nlm-given-names">&lt;b&gt;Bob</span> <span class="nlm-surname">Roe</span></span></div>`
    const [card] = find(biorxiv, parseSavedPage(html, 'https://www.biorxiv.org/collection/ecology'))
    expect(card?.ref.title).toBe('<img src=x onerror=alert(1)> Title')
    expect(card?.ref.authors).toEqual(['<b>Bob Roe'])
  })
})

describe('bioRxiv article pages', () => {
  it.each(['article', 'articleFull'])('%s: one detail card with the page metadata', (name) => {
    const cards = find(biorxiv, example(biorxiv, name))
    expect(cards).toHaveLength(1)
    const [card] = cards
    expect(card?.layout).toBe('detail')
    expect(card?.controlsAfter.matches('h1#page-title')).toBe(true)
    expect(card?.ref).toMatchObject({
      key: 'doi:10.1101/2020.02.02.931162',
      title: 'Genomic variance of the 2019-nCoV coronavirus',
      authors: ['Carmine Ceraolo', 'Federico M Giorgi'],
      published: '2020-02-05',
      site: 'biorxiv',
    })
    expect(card?.ref.abstract).toMatch(/^There is rising global concern/)
    expect(card?.ref.version).toBeUndefined()
  })

  it('has the same key as the card of the same paper on a listing', () => {
    const listed = find(biorxiv, example(biorxiv, 'collection'))[0]
    expect(listed?.key).toBe(find(biorxiv, example(biorxiv, 'article'))[0]?.key)
  })
})

describe('medRxiv', () => {
  it('reads a search card whose title link carries no DOI from the DOI it shows, and says medRxiv', () => {
    const [card, ...rest] = find(medrxiv, example(medrxiv, 'search'))
    expect(rest).toEqual([])
    expect(card?.ref).toMatchObject({
      key: 'doi:10.1101/2021.02.12.21251663',
      title:
        'ClinGen Variant Curation Interface: A Variant Classification Platform for the Application of Evidence Criteria from ACMG/AMP Guidelines',
      authors: ['Christine G. Preston', 'Matt W. Wright', 'Rao Madhavrao'],
      site: 'medrxiv',
      url: 'https://www.medrxiv.org/content/10.1101/2021.02.12.21251663',
    })
    expect(medrxiv.label).toBe('medRxiv')
  })
})
