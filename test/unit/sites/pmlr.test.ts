import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { keyPageUrl } from '../../../src/core/key-kinds'
import { LIMITS } from '../../../src/core/limits'
import { titleMatchKey } from '../../../src/core/title-match'
import { pmlr } from '../../../src/sites/pmlr'
import type { FoundCard } from '../../../src/sites/site'
import { longVolume, longVolumeKeys } from '../../fixtures/pmlr/long-volume'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/pmlr/', import.meta.url)
const FIXTURE_URLS = savedFrom(pmlr.examples)
const VOLUME = 'https://proceedings.mlr.press/v202/'
const ICML_2023 = 'Proceedings of the 40th International Conference on Machine Learning'

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => pmlr.findCards(page.doc, page.url)
const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

/** Adds a link to the `index`th entry's links, as the theme writes its arXiv and DOI links. */
function addLink(page: SavedPage, index: number, href: string): void {
  const link = page.doc.createElement('a')
  link.setAttribute('href', href)
  page.doc.querySelectorAll('div.paper p.links')[index]?.append(link)
}

describe('pmlr fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is a page of %s', (name, url) => {
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.querySelector('link[rel="canonical"], meta[name="citation_abstract_html_url"]')?.getAttribute('href') ?? url).toBe(url)
    expect(doc.querySelector('.hero-text')?.textContent).toContain('Proceedings of Machine Learning Research')
  })
})

describe('volume page', () => {
  const page = load('volume.html')
  const cards = find(page)

  it('finds every entry once, in page order, keyed by its PMLR id beside its OpenReview forum', () => {
    const entries = [...page.doc.querySelectorAll('div.paper')]
    expect(cards.map((card) => card.element)).toEqual(entries)
    expect(cards.map((card) => card.key)).toEqual(pmlr.examples.find((example) => example.name === 'volume')?.keys)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.controlsAfter).toBe(card.element.querySelector('p.title'))
      expect(card.aliases).toEqual([expect.stringMatching(/^openreview:\w{10}$/)])
    }
  })

  it('reads title, authors and the volume with its year, and links the paper page', () => {
    expect(cards[5]?.ref).toEqual({
      key: 'pmlr:v202/dutordoir23a',
      aliases: ['openreview:tV7GSY5GYG'],
      title: 'Neural Diffusion Processes',
      authors: ['Vincent Dutordoir', 'Alan Saul', 'Zoubin Ghahramani', 'Fergus Simpson'],
      journalRef: `${ICML_2023}, PMLR 202:8990-9012, 2023`,
      site: 'pmlr',
      url: 'https://proceedings.mlr.press/v202/dutordoir23a.html',
    })
    expect(cards[2]?.ref.authors).toEqual(['Christian H.X. Ali Mehmeti-Göpel', 'Jan Disselhoff'])
    expect(cards[1]?.ref.title).toBe('Generalization on the Unseen, Logic Reasoning and Degree Curriculum')
  })

  it('keys by the arXiv id an entry links, else its DOI, keeping the PMLR id as an alias', () => {
    const linked = load('volume.html')
    addLink(linked, 0, 'https://arxiv.org/abs/2306.11394v2')
    addLink(linked, 0, 'https://doi.org/10.5555/ABC.123')
    addLink(linked, 1, 'https://doi.org/10.5555/ABC.123')
    const [first, second] = find(linked)
    expect(first?.key).toBe('arxiv:2306.11394')
    expect(first?.aliases).toEqual(['doi:10.5555/abc.123', 'openreview:BVomXLJQoH', 'pmlr:v202/aamand23a'])
    expect(first?.ref).toMatchObject({ arxivId: '2306.11394', version: 2, doi: '10.5555/abc.123' })
    expect(second?.key).toBe('doi:10.5555/abc.123')
    expect(second?.aliases).toEqual(['openreview:3dqwXb1te4', 'pmlr:v202/abbe23a'])
  })

  it('reads the same cards at /index.html, and none of another volume', () => {
    expect(find(load('volume.html', `${VOLUME}index.html`)).map((card) => card.key)).toEqual(cards.map((card) => card.key))
    expect(find(load('volume.html', 'https://proceedings.mlr.press/v235/'))).toEqual([])
  })

  it('reads only keys while scanning: a paper is read when first used', () => {
    const lazy = load('volume.html')
    const found = find(lazy)
    const title = lazy.doc.querySelector('div.paper p.title')
    if (title) title.textContent = 'Renamed after the scan'
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
    if (title) title.textContent = 'Renamed again'
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
  })

  it('falls back to the PMLR id for a title and to no year without a heading', () => {
    const bare = load('volume.html')
    bare.doc.querySelector('main h2')?.remove()
    bare.doc.querySelector('div.paper p.title')?.replaceChildren()
    const [first] = find(bare)
    expect(first?.ref.title).toBe('PMLR v202/aamand23a')
    expect(first?.ref.journalRef).toBe(`${ICML_2023}, PMLR 202:1-18`)
  })
})

describe('a paper on arXiv and PMLR', () => {
  it('has the same title match key on both, the only thing they share', () => {
    const hu = find(load('volume.html'))[6]
    expect(hu?.key).toBe('pmlr:v202/hu23c')
    const onArxiv = titleMatchKey('GFlowNet-EM for learning compositional latent variable models', ['Edward J. Hu', 'Nikolay Malkin'])
    expect(onArxiv).toBeDefined()
    expect(hu && titleMatchKey(hu.ref.title, hu.ref.authors)).toBe(onArxiv)
  })
})

describe('paper page', () => {
  const page = load('paper.html')
  const cards = find(page)

  it('gives one detail card next to the heading, with the abstract and the volume date', () => {
    expect(cards).toHaveLength(1)
    const [card] = cards
    expect(card?.layout).toBe('detail')
    expect(card?.element).toBe(page.doc.querySelector('article.post-content'))
    expect(card?.controlsAfter).toBe(page.doc.querySelector('article h1'))
    expect(card?.ref).toEqual({
      key: 'pmlr:v202/dutordoir23a',
      aliases: ['openreview:tV7GSY5GYG'],
      title: 'Neural Diffusion Processes',
      authors: ['Vincent Dutordoir', 'Alan Saul', 'Zoubin Ghahramani', 'Fergus Simpson'],
      journalRef: `${ICML_2023}, PMLR 202:8990-9012, 2023`,
      abstract: collapse(page.doc.querySelector('#abstract')?.textContent),
      published: '2023-07-03',
      site: 'pmlr',
      url: 'https://proceedings.mlr.press/v202/dutordoir23a.html',
    })
  })

  it('reads the paper as its volume entry does', () => {
    const [card] = cards
    expect(find(load('volume.html'))[5]?.ref).toMatchObject({ title: card?.ref.title, authors: card?.ref.authors })
  })

  it('keys by the arXiv version its related material links', () => {
    const linked = load('paper.html')
    const item = linked.doc.createElement('li')
    const link = linked.doc.createElement('a')
    link.setAttribute('href', 'https://arxiv.org/abs/2206.03992')
    item.append(link)
    linked.doc.querySelector('#extras ul')?.append(item)
    const [card] = find(linked)
    expect(card?.key).toBe('arxiv:2206.03992')
    expect(card?.aliases).toEqual(['openreview:tV7GSY5GYG', 'pmlr:v202/dutordoir23a'])
  })

  it('takes its id from the address, not from the page', () => {
    const [card] = find(load('paper.html', 'https://proceedings.mlr.press/v202/amos23a.html'))
    expect(card?.key).toBe('pmlr:v202/amos23a')
    expect(card?.ref.url).toBe('https://proceedings.mlr.press/v202/amos23a.html')
  })
})

describe('pmlr ids', () => {
  it('link to the paper page in exports, and only well-formed ones', () => {
    expect(keyPageUrl('pmlr:v202/dutordoir23a')).toBe('https://proceedings.mlr.press/v202/dutordoir23a.html')
    for (const key of ['pmlr:v202/../x', 'pmlr:dutordoir23a', 'pmlr:v202/a/b', 'pmlr:v202/a.pdf', 'toString:x', 'constructor:x']) {
      expect(keyPageUrl(key)).toBeUndefined()
    }
  })
})

describe('pages without cards', () => {
  it('finds nothing, and does not throw, on markup it does not know', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelectorAll('article.pmlr-paper')).toHaveLength(7)
    expect(() => find(page)).not.toThrow()
    expect(find(page)).toEqual([])
  })

  it('finds nothing on empty documents and on pages it does not annotate', () => {
    const volume = load('volume.html')
    volume.doc.body.innerHTML = ''
    expect(find(volume)).toEqual([])
    const paper = load('paper.html')
    paper.doc.body.innerHTML = ''
    expect(find(paper)).toEqual([])
    expect(find(load('volume.html', 'https://proceedings.mlr.press/'))).toEqual([])
    expect(find(load('volume.html', 'https://proceedings.mlr.press/v202/assets/bib/bibliography.bib'))).toEqual([])
  })
})

describe('URLs', () => {
  it.each([
    [VOLUME, true],
    [`${VOLUME}index.html`, true],
    ['https://proceedings.mlr.press/v9/glorot10a.html', true],
    ['https://proceedings.mlr.press/', false],
    ['https://proceedings.mlr.press/v235/assets/abad-rocamora24a/abad-rocamora24a.pdf', false],
    ['https://proceedings.mlr.press/v202/dutordoir23a/dutordoir23a.pdf', false],
    ['https://proceedings.mlr.press/faq.html', false],
    ['https://openreview.net/v202/', false],
    ['http://proceedings.mlr.press/v202/', false],
  ])('%s is annotated: %s', (url, annotated) => {
    expect(pmlr.matches(new URL(url))).toBe(annotated)
  })
})

describe('hostile text', () => {
  it('returns markup-looking text as literal text, clamps long titles and leaves the page untouched', () => {
    const page = load('volume.html')
    const [first, second] = page.doc.querySelectorAll('div.paper p.title')
    if (first) first.textContent = '<img src=x onerror=alert(1)> </script><script>alert(2)</script>'
    if (second) second.textContent = 'Long '.repeat(3000)
    const authors = page.doc.querySelector('span.authors')
    if (authors) authors.textContent = '<b onmouseover=alert(3)>X</b> Y, \u202Efdp.exe\u202C Z'
    const before = page.doc.documentElement.outerHTML
    const cards = find(page)
    expect(cards[0]?.ref.title).toBe('<img src=x onerror=alert(1)> </script><script>alert(2)</script>')
    expect(cards[0]?.ref.authors).toEqual(['<b onmouseover=alert(3)>X</b> Y', '\u202Efdp.exe\u202C Z'])
    expect(cards[1]?.ref.title).toHaveLength(LIMITS.titleLength)
    expect(cards[1]?.ref.title.endsWith('…')).toBe(true)
    expect(page.doc.documentElement.outerHTML).toBe(before)
    // The page's one inline script is its MathJax configuration.
    expect(page.doc.querySelectorAll('img[src="x"], script:not([src]):not([type="text/x-mathjax-config"])')).toHaveLength(0)
  })
})

describe('a long volume', () => {
  it('finds all of a 1,200-entry volume, each once, keyed by its own PMLR id', () => {
    const page = parseSavedPage(longVolume(1200), VOLUME)
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(longVolumeKeys(1200))
    expect(new Set(cards.flatMap((card) => card.aliases ?? [])).size).toBe(1200)
    expect(cards[1199]?.ref.title).toBe('Nonlinear Advantage: Trained Networks Might Not Be As Complex as You Think 171')
  })
})
