import { readFileSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { parsePaperRef } from '../../../src/platform/request-parser'
import { arxiv } from '../../../src/sites/arxiv'
import { huggingface } from '../../../src/sites/huggingface'
import type { FoundCard } from '../../../src/sites/site'
import { longListing } from '../../fixtures/arxiv/long-listing'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

// ---------------------------------------------------------------------------------------------
// Loading saved pages
// ---------------------------------------------------------------------------------------------

const FIXTURES = new URL('../../fixtures/arxiv/', import.meta.url)

/** The URL each saved page was taken from; the fixture records it in its `saved from url=` comment. */
const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(arxiv.examples),
  // Not a page type of its own: markup the adapter does not know, which must not break it.
  'changed-markup.html': 'https://arxiv.org/list/cs.LG/new',
}

function fixtureUrl(name: string): string {
  const url = FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return url
}

const SEARCHES = ['search.html', 'search-advanced.html'] as const

type Page = SavedPage
const parse = parseSavedPage

function source(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8')
}

/** A fixture at the URL it was saved from (or at `at`). */
function load(name: string, at: string = fixtureUrl(name)): Page {
  return parse(source(name), at)
}

function find(page: Page): FoundCard[] {
  return arxiv.findCards(page.doc, page.url)
}

const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()
const ids = (cards: FoundCard[]) => cards.map((card) => card.ref.arxivId)
const titles = (cards: FoundCard[]) => cards.map((card) => card.ref.title)
const byId = (cards: FoundCard[], id: string) => {
  const card = cards.find((found) => found.ref.arxivId === id)
  if (!card) throw new Error(`no card for ${id}`)
  return card
}

/** Every `dt` of the page that carries an abstract link, in page order. */
function entryDts(doc: Document): Element[] {
  return [...doc.querySelectorAll('dt')].filter((dt) => dt.querySelector('a[title="Abstract"]'))
}

/** Structural checks every listing card must pass. */
function expectListingCards(doc: Document, cards: FoundCard[], expectedIds: string[]): void {
  const dts = entryDts(doc)
  expect(cards).toHaveLength(dts.length)
  expect(ids(cards)).toEqual(expectedIds)
  cards.forEach((card, index) => {
    const id = card.ref.arxivId as string
    const dt = dts[index] as Element
    const dd = dt.nextElementSibling as Element
    // Each entry is found once, in page order: its dt is the card, its dd goes with it.
    expect(card.element).toBe(dt)
    expect(dd.tagName).toBe('DD')
    expect(card.companions).toEqual([dd])
    // The toggles go right under the title, inside the dd.
    expect(card.controlsAfter).toBe(dd.querySelector('.list-title'))
    expect(dd.contains(card.controlsAfter)).toBe(true)
    expect(card.layout).toBe('card')
    expect(card.ref.key).toBe(`arxiv:${id}`)
    expect(card.ref.key).not.toMatch(/v\d+$/)
    expect(card.ref.site).toBe('arxiv')
    expect(card.ref.url).toBe(`https://arxiv.org/abs/${id}`)
    // The abstract link names the same paper (with or without a version).
    expect(dt.querySelector('a[title="Abstract"]')?.getAttribute('href')).toMatch(new RegExp(`^/abs/${id.replace('.', '\\.')}(v\\d+)?$`))
    // Titles are what the reader sees, without the "Title:" label.
    expect(card.ref.title).toBe(collapse(card.controlsAfter.textContent).replace(/^Title: ?/, ''))
    expect(card.ref.title).not.toMatch(/^Title:|\s{2}|\n/)
    expect(card.ref.authors).toEqual([...dd.querySelectorAll('.list-authors a')].map((a) => collapse(a.textContent)))
    expect(card.ref.published).toBeUndefined()
  })
}

/** Structural checks every search result card must pass. */
function expectSearchCards(doc: Document, cards: FoundCard[], expectedIds: string[]): void {
  const results = [...doc.querySelectorAll('ol.breathe-horizontal > li.arxiv-result')]
  expect(cards).toHaveLength(results.length)
  expect(ids(cards)).toEqual(expectedIds)
  cards.forEach((card, index) => {
    const id = card.ref.arxivId as string
    const li = results[index] as Element
    expect(card.element).toBe(li)
    expect(card.companions ?? []).toEqual([])
    expect(card.controlsAfter).toBe(li.querySelector('p.title'))
    expect(li.contains(card.controlsAfter)).toBe(true)
    expect(card.layout).toBe('card')
    expect(card.ref.key).toBe(`arxiv:${id}`)
    expect(card.ref.site).toBe('arxiv')
    expect(card.ref.url).toBe(`https://arxiv.org/abs/${id}`)
    expect(li.querySelector('p.list-title a')?.getAttribute('href')).toMatch(
      new RegExp(`^https://arxiv\\.org/abs/${id.replace('.', '\\.')}(v\\d+)?$`),
    )
    // Highlights are gone, whitespace is collapsed.
    expect(card.ref.title).toBe(collapse(card.controlsAfter.textContent))
    expect(card.ref.title).not.toMatch(/[<>]|search-hit|\s{2}/)
    expect(card.ref.authors).toEqual([...li.querySelectorAll('p.authors a')].map((a) => collapse(a.textContent)))
    // The full abstract (hidden by the page), without the "△ Less" toggle.
    const full = collapse(li.querySelector('span.abstract-full')?.textContent)
    expect(full.endsWith('△ Less')).toBe(true)
    expect(card.ref.abstract).toBe(full.slice(0, -'△ Less'.length).trim())
    expect(card.ref.published).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
}

// ---------------------------------------------------------------------------------------------

describe('arxiv fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is a complete page saved from %s', (name, url) => {
    const html = source(name)
    // Browsers' "save page" comment: the URL and its length in four digits.
    const saved = /^<!DOCTYPE html>\n<!-- saved from url=\((\d{4})\)(\S+) -->\n/.exec(html)
    expect(saved?.[2]).toBe(url)
    expect(Number(saved?.[1])).toBe(url.length)
    expect(statSync(new URL(name, FIXTURES)).size).toBeLessThan(60 * 1024)
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.title.trim()).not.toBe('')
    // arXiv's header: Cornell identity and the search box; none of it is a card.
    expect(doc.querySelector('header a[href*="cornell.edu"]')).not.toBeNull()
    expect(doc.querySelector('header form[action="https://arxiv.org/search"] input[name="query"]')).not.toBeNull()
    expect(doc.querySelector('footer a[href="https://info.arxiv.org/help"]')).not.toBeNull()
    // Fixtures carry no script of their own: anything that runs in an end-to-end test comes from the extension.
    expect(doc.querySelectorAll('script')).toHaveLength(0)
  })

  it('listing pages have arxiv-browse chrome: div#dlpage, paging and the per-page links', () => {
    for (const name of ['list-new.html', 'list-recent.html', 'list-pastweek.html', 'list-month.html'] as const) {
      const { doc } = load(name)
      expect(doc.querySelector('#content #dlpage > h1')?.textContent).toBe('Machine Learning')
      expect(doc.querySelectorAll('#dlpage div.paging')).toHaveLength(2)
      expect(doc.querySelectorAll('#dlpage div.morefewer')).toHaveLength(2)
      expect(doc.querySelectorAll('dl#articles').length).toBeGreaterThan(0)
    }
    expect(load('catchup.html').doc.querySelector('#dlpage > h1')?.textContent).toBe(
      'Catchup results for Machine Learning on Wed, 01 Jul 2026',
    )
    expect(load('list-legacy.html').doc.querySelector('#dlpage > h2')?.textContent).toBe('Authors and titles for Jan 1999')
  })

  it('search pages have arxiv-search chrome', () => {
    for (const name of SEARCHES) {
      const { doc } = load(name)
      expect(doc.querySelector('main#main-container h1.title')?.textContent).toMatch(/Showing 1–\d of \d results/)
      expect(doc.querySelector('ol.breathe-horizontal[start="1"]')).not.toBeNull()
    }
  })
})

describe('arxiv.matches', () => {
  it.each([
    'https://arxiv.org/list/cs.LG/new',
    'https://arxiv.org/list/cs.LG/recent',
    'https://arxiv.org/list/cs.LG/pastweek',
    'https://arxiv.org/list/cs.LG/pastweek?show=25',
    'https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000',
    'https://arxiv.org/list/cs.LG/current',
    'https://arxiv.org/list/cs.LG/2024-04',
    'https://arxiv.org/list/cs.LG/2024',
    'https://arxiv.org/list/cs.LG/2024-04?skip=25&show=25',
    'https://arxiv.org/list/hep-th/9901',
    'https://arxiv.org/list/math/new',
    'https://www.arxiv.org/list/cs.LG/new',
    'https://arxiv.org/catchup/cs.LG/2026-07-01',
    'https://arxiv.org/catchup/cs.LG/2026-07-01?abs=True&page=2',
    'https://arxiv.org/catchup?smonth=07&group=grp_cs&sday=01&num=50&archive=cs&method=with&syear=2026',
    'https://arxiv.org/search/?query=diffusion&searchtype=all',
    'https://arxiv.org/search/?query=diffusion&searchtype=all&abstracts=show&order=-announced_date_first&size=50',
    'https://arxiv.org/search/cs?searchtype=author&query=Pan,+J',
    'https://arxiv.org/search/advanced',
    fixtureUrl('search-advanced.html'),
    'https://arxiv.org/search?query=diffusion',
    'https://arxiv.org/abs/2404.14219',
    'https://arxiv.org/abs/2404.14219v3',
    'https://arxiv.org/abs/hep-th/9901001',
    'https://www.arxiv.org/abs/2404.14219',
  ])('matches %s', (url) => {
    expect(arxiv.matches(new URL(url))).toBe(true)
  })

  it.each([
    'https://arxiv.org/',
    'http://arxiv.org/abs/2404.14219',
    'https://arxiv.org/pdf/2404.14219',
    'https://arxiv.org/pdf/2404.14219v3.pdf',
    'https://arxiv.org/html/2404.14219v3',
    'https://arxiv.org/html/2404.14219v3/#S2',
    'https://arxiv.org/format/2404.14219',
    'https://arxiv.org/src/2404.14219',
    'https://arxiv.org/a/doe_j_1',
    'https://arxiv.org/listing/cs.LG',
    'https://arxiv.org/catchups',
    'https://arxiv.org/searching',
    'https://arxiv.org/abstract/2404.14219',
    'https://info.arxiv.org/help/index.html',
    'https://export.arxiv.org/abs/2404.14219',
    'https://arxiv.org.example.com/list/cs.LG/new',
    'https://notarxiv.org/list/cs.LG/new',
    'https://huggingface.co/papers/2404.14219',
    'https://example.com/list/cs.LG/new',
  ])('does not match %s', (url) => {
    expect(arxiv.matches(new URL(url))).toBe(false)
  })

  it('is the arxiv adapter', () => {
    expect(arxiv.id).toBe('arxiv')
  })
})

// ---------------------------------------------------------------------------------------------
// Listings
// ---------------------------------------------------------------------------------------------

describe('new listing (/list/cs.LG/new)', () => {
  const page = load('list-new.html')
  const cards = find(page)
  const expectedIds = [
    '2607.01234',
    '2607.01301',
    '2607.01422',
    '2607.01555',
    '2607.00999',
    '2607.01777',
    '2601.04321',
    'hep-th/9901001',
    '2605.06543',
  ]

  it('has three sections that all use id="articles"', () => {
    const sections = [...page.doc.querySelectorAll('dl#articles')]
    expect(sections).toHaveLength(3)
    expect(sections.map((dl) => collapse(dl.querySelector('h3')?.textContent))).toEqual([
      'New submissions (showing 4 of 4 entries)',
      'Cross submissions (showing 2 of 2 entries)',
      'Replacement submissions (showing 3 of 3 entries)',
    ])
    // getElementById sees only the first section; the adapter must see all of them.
    expect(page.doc.getElementById('articles')).toBe(sections[0])
    expect(cards.filter((card) => sections[2]?.contains(card.element))).toHaveLength(3)
  })

  it('finds every entry once, in page order, cross-lists and replacements included', () => {
    expectListingCards(page.doc, cards, expectedIds)
    expect(collapse(byId(cards, '2607.00999').element.textContent)).toContain('(cross-list from stat.ML)')
    expect(collapse(byId(cards, '2607.01777').element.textContent)).toContain('(cross-list from cs.CV)')
    for (const id of ['2601.04321', 'hep-th/9901001', '2605.06543'])
      expect(collapse(byId(cards, id).element.textContent)).toContain('(replaced)')
  })

  it('reads clean titles: no label, whitespace collapsed, entities decoded once, TeX kept', () => {
    expect(titles(cards)).toEqual([
      'AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models',
      'Linear Attention in $O(n)$ Memory: Why Na\\"ive Kernels Still Win for $\\ell_2$-Regularised Transformers',
      'Plug & Play Generative Networks: Conditional Iterative Generation of Images in Latent Space',
      'Poincaré ResNet',
      'Transformers Can Do Bayesian Inference',
      'Partially Conditioned Patch Parallelism for Accelerated Diffusion Model Inference',
      'Bayesian Flow Networks',
      'Dualities of $\\mathcal{N}=4$ Gauge Theories on the Lattice',
      'Neural Diffusion Processes',
    ])
    // The page wraps long titles over two lines, as arXiv stores them.
    expect(cards[0]?.controlsAfter.textContent).toMatch(/of\n\s+Diffusion/)
  })

  it('reads the abstracts that /new shows, with their links as text', () => {
    for (const card of cards) {
      const shown = collapse(card.companions?.[0]?.querySelector('p.mathjax')?.textContent)
      expect(shown.length).toBeGreaterThan(100)
      expect(card.ref.abstract).toBe(shown)
    }
    expect(byId(cards, '2607.01234').ref.abstract).toContain('naïve gradient backpropagation')
    expect(byId(cards, '2607.01234').ref.abstract).toContain("the models' parameters")
    const linear = byId(cards, '2607.01301').ref.abstract ?? ''
    expect(linear).toContain('costs $O(n)$ time and memory in the sequence length $n$ instead of $O(n^2)$')
    expect(linear).toContain('budget. We release the training code & all checkpoints at this https URL.')
  })

  it('reads authors, primary category, comments, journal reference and DOI', () => {
    expect(byId(cards, '2607.01301').ref.authors).toEqual(['Zoë Østergaard', 'José Iyer', 'Nguyễn Thị Minh Khai', 'Ngozi Okafor'])
    expect(cards.map((card) => card.ref.primaryCategory)).toEqual([
      'cs.LG',
      'cs.LG',
      'cs.CV',
      'cs.LG',
      'stat.ML',
      'cs.CV',
      'cs.LG',
      'hep-th',
      'stat.ML',
    ])
    expect(byId(cards, '2607.01234').ref.comments).toBe('Accepted to NeurIPS 2026; 25 pages, 14 figures. Code: this https URL')
    expect(byId(cards, '2607.01301').ref.comments).toBeUndefined()
    expect(byId(cards, 'hep-th/9901001').ref.journalRef).toBe('Nucl.Phys. B550 (1999) 123-145')
    expect(cards.filter((card) => card.ref.doi).map((card) => card.ref.arxivId)).toEqual(['2607.01422'])
    expect(byId(cards, '2607.01422').ref).toEqual({
      key: 'arxiv:2607.01422',
      arxivId: '2607.01422',
      title: 'Plug & Play Generative Networks: Conditional Iterative Generation of Images in Latent Space',
      authors: ['Anh Nguyen', 'Jeff Clune', 'Yoshua Bengio', 'Alexey Dosovitskiy', 'Jason Yosinski'],
      abstract: collapse(byId(cards, '2607.01422').companions?.[0]?.querySelector('p.mathjax')?.textContent),
      primaryCategory: 'cs.CV',
      comments: 'CVPR 2017 camera-ready; 23 pages, 17 figures; doi: 10.1109/CVPR.2017.374',
      journalRef: 'Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR), 2017, pp. 4467–4477',
      doi: '10.1109/cvpr.2017.374',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2607.01422',
    })
  })

  it('keeps the highest version its links show, and keys without it', () => {
    expect(cards.map((card) => card.ref.version)).toEqual([1, 1, undefined, 1, 1, undefined, 3, undefined, 2])
    const replaced = byId(cards, '2601.04321')
    expect(replaced.element.querySelector('a[title="View HTML"]')?.getAttribute('href')).toBe('https://arxiv.org/html/2601.04321v3')
    expect(replaced.ref.key).toBe('arxiv:2601.04321')
  })

  it('reads old-style ids', () => {
    const old = byId(cards, 'hep-th/9901001')
    expect(old.ref.key).toBe('arxiv:hep-th/9901001')
    expect(old.ref.url).toBe('https://arxiv.org/abs/hep-th/9901001')
    expect(old.ref.authors).toEqual(['Jürgen Brandt', 'Ana Šimić'])
  })
})

describe('recent listing (/list/cs.LG/recent)', () => {
  const page = load('list-recent.html')
  const cards = find(page)

  it('finds every entry of every day once, in page order', () => {
    expect([...page.doc.querySelectorAll('dl#articles > h3')].map((h3) => collapse(h3.textContent))).toEqual([
      'Fri, 3 Jul 2026 (showing 3 of 3 entries )',
      'Thu, 2 Jul 2026 (showing 3 of 3 entries )',
    ])
    expectListingCards(page.doc, cards, ['2607.02001', '2607.02017', '2607.02044', '2607.01122', '2607.01188', '2607.01190'])
  })

  it('reads titles and metadata; recent listings show no abstracts', () => {
    expect(titles(cards)).toEqual([
      'Scaling Up Your Kernels: Large Kernel Design in ConvNets towards Universal Representations',
      'Masked Bayesian Neural Networks : Theoretical Guarantee and its Posterior Inference',
      'Martingale Posterior Neural Processes',
      'On Feynman--Kac training of partial Bayesian neural networks',
      'h-calibration: Rethinking Classifier Recalibration with Probabilistic Error-Bounded Objective',
      'Few-Shot Segmentation Without Meta-Learning: A Good Transductive Inference Is All You Need?',
    ])
    expect(page.doc.querySelectorAll('dd p.mathjax')).toHaveLength(0)
    for (const card of cards) expect(card.ref.abstract).toBeUndefined()
    expect(cards.map((card) => card.ref.primaryCategory)).toEqual(['cs.CV', 'stat.ML', 'math.ST', 'stat.ML', 'cs.LG', 'cs.CV'])
    expect(cards.map((card) => card.ref.version)).toEqual([1, undefined, 1, 2, undefined, 1])
    expect(byId(cards, '2607.01190').ref.journalRef).toBe(
      'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 2021, pp. 13979-13988',
    )
    expect(byId(cards, '2607.02001').ref.comments).toBe(
      'This is the journal version of arXiv:2203.06717 and arXiv:2311.15599; this https URL',
    )
  })
})

describe('past week listing (/list/cs.LG/pastweek?show=25)', () => {
  const page = load('list-pastweek.html')
  const cards = find(page)

  it('finds every entry once, in page order', () => {
    expectListingCards(page.doc, cards, ['2607.01234', '2607.02001', '2607.00412', '2607.00473', '2607.00488'])
  })

  it('describes a paper as /new does, less the abstract /new shows', () => {
    const fromNew = byId(find(load('list-new.html')), '2607.01234')
    const fromWeek = byId(cards, '2607.01234')
    expect(fromWeek.ref.abstract).toBeUndefined()
    expect(fromWeek.ref).toEqual({ ...fromNew.ref, abstract: undefined })
  })
})

describe('month listing (/list/cs.LG/2024-04)', () => {
  const page = load('list-month.html')
  const cards = find(page)

  it('finds every entry once, in one untitled section', () => {
    expect(page.doc.querySelectorAll('dl#articles')).toHaveLength(1)
    expect(page.doc.querySelector('dl#articles > h3')).toBeNull()
    expectListingCards(page.doc, cards, ['2404.02258', '2404.07143', '2404.14047', '2404.14219', '2404.19756'])
  })

  it('keys a versioned abstract link without its version and keeps the version', () => {
    const quantized = byId(cards, '2404.14047')
    const link = quantized.element.querySelector('a[title="Abstract"]')
    expect(link?.getAttribute('href')).toBe('/abs/2404.14047v2')
    expect(link?.getAttribute('id')).toBe('2404.14047v2')
    expect(quantized.ref.key).toBe('arxiv:2404.14047')
    expect(quantized.ref.arxivId).toBe('2404.14047')
    expect(quantized.ref.version).toBe(2)
    expect(quantized.ref.url).toBe('https://arxiv.org/abs/2404.14047')
  })

  it('reads the Phi-3 report', () => {
    const phi3 = byId(cards, '2404.14219')
    expect(phi3.ref.title).toBe('Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone')
    expect(phi3.ref.authors).toHaveLength(30)
    expect(phi3.ref.authors).toContain('Sébastien Bubeck')
    expect(phi3.ref.primaryCategory).toBe('cs.CL')
    expect(phi3.ref.version).toBe(3)
    expect(phi3.ref.comments).toBe('24 pages')
  })

  it('gives the paper the key Hugging Face gives it', () => {
    const hf = parse(
      readFileSync(new URL('../../fixtures/huggingface/daily.html', import.meta.url), 'utf8'),
      'https://huggingface.co/papers/date/2024-04-23',
    )
    const fromHf = huggingface.findCards(hf.doc, hf.url).find((card) => card.ref.arxivId === '2404.14219')
    expect(fromHf?.ref.key).toBe(byId(cards, '2404.14219').ref.key)
  })
})

describe('catchup (/catchup/cs.LG/2026-07-01)', () => {
  const page = load('catchup.html')
  const cards = find(page)

  it('finds every entry once, in page order, across its sections', () => {
    expect(page.doc.querySelectorAll('dl#articles')).toHaveLength(2)
    expectListingCards(page.doc, cards, ['2607.00412', '2607.00473', '2607.00488'])
    expect(titles(cards)).toEqual([
      'Entropy-MCMC: Sampling from Flat Basins with Ease',
      'GFlowNet-EM for learning compositional latent variable models',
      'A-NeSI: A Scalable Approximate Method for Probabilistic Neurosymbolic Inference',
    ])
  })

  it('describes papers as the past week listing does', () => {
    const week = find(load('list-pastweek.html'))
    for (const card of cards) expect(card.ref).toEqual(byId(week, card.ref.arxivId as string).ref)
  })
})

describe('legacy listing markup (links inside span.list-identifier)', () => {
  const page = load('list-legacy.html')
  const cards = find(page)

  it('is the old markup', () => {
    expect(page.doc.querySelectorAll('dt > span.list-identifier > a[title="Abstract"]')).toHaveLength(3)
    expect(page.doc.querySelectorAll('dt > a[title="Abstract"]')).toHaveLength(0)
    expect(page.doc.querySelectorAll('a[title="Download PostScript"][href^="/ps/"]')).toHaveLength(3)
    expect(page.doc.querySelectorAll('dl#articles')).toHaveLength(0)
  })

  it('finds every entry once with old-style ids', () => {
    expectListingCards(page.doc, cards, ['hep-th/9901001', 'hep-th/9901002', 'gr-qc/9901003'])
    expect(cards.map((card) => card.ref.key)).toEqual(['arxiv:hep-th/9901001', 'arxiv:hep-th/9901002', 'arxiv:gr-qc/9901003'])
    expect(cards.map((card) => card.ref.version)).toEqual([undefined, 2, undefined])
  })

  it('reads metadata without the descriptors, decoding character references', () => {
    expect(titles(cards)).toEqual([
      'Dualities of $\\mathcal{N}=4$ Gauge Theories on the Lattice',
      'Boundary States and Open Strings in $AdS_3$ Backgrounds',
      'Black Hole Entropy from Loop Quantum Gravity & the Bekenstein-Hawking Bound',
    ])
    expect(cards.map((card) => card.ref.authors)).toEqual([
      ['Jürgen Brandt', 'Ana Šimić'],
      ['Céline Delacroix', 'Hiroshi Nakamura', "Siobhán O'Brien"],
      ['Piotr Kowalski'],
    ])
    expect(cards.map((card) => card.ref.primaryCategory)).toEqual(['hep-th', 'hep-th', 'gr-qc'])
    expect(cards.map((card) => card.ref.comments)).toEqual([
      '12 pages, LaTeX, 2 figures; v2: references added',
      '24 pages, harvmac; typos corrected',
      undefined,
    ])
    expect(cards.map((card) => card.ref.journalRef)).toEqual([
      'Nucl.Phys. B550 (1999) 123-145',
      undefined,
      'Phys.Rev.Lett. 82 (1999) 4125-4128',
    ])
  })

  it('describes an old paper as the current /new markup does', () => {
    const current = byId(find(load('list-new.html')), 'hep-th/9901001').ref
    const legacy = byId(cards, 'hep-th/9901001').ref
    expect(legacy).toEqual({ ...current, abstract: undefined })
  })
})

// ---------------------------------------------------------------------------------------------
// Search results
// ---------------------------------------------------------------------------------------------

describe('search results (/search/?query=diffusion)', () => {
  const page = load('search.html')
  const cards = find(page)

  it('finds every result once, in page order, with clean titles', () => {
    expectSearchCards(page.doc, cards, ['2607.01234', '2607.01777', '2404.14219', '2403.06973', '2401.08570'])
    expect(page.doc.querySelectorAll('p.title span.search-hit').length).toBeGreaterThan(0)
    expect(titles(cards)).toEqual([
      'AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models',
      'Partially Conditioned Patch Parallelism for Accelerated Diffusion Model Inference',
      'Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone',
      'Bayesian Diffusion Models for 3D Shape Reconstruction',
      'RoHM: Robust Human Motion Reconstruction via Diffusion',
    ])
  })

  it('prefers the full abstract the page hides over the shortened one', () => {
    for (const card of cards) {
      const full = card.element.querySelector('span.abstract-full')
      const short = collapse(card.element.querySelector('span.abstract-short')?.textContent)
      expect(full?.getAttribute('style')).toBe('display: none;')
      expect(short.endsWith('▽ More')).toBe(true)
      expect(card.ref.abstract?.length).toBeGreaterThan(short.length - '… ▽ More'.length)
      expect(card.ref.abstract).not.toMatch(/△|▽|Less$|More$|…$/)
    }
    expect(byId(cards, '2607.01234').ref.abstract).toBe(
      byId(find(load('list-new.html')), '2607.01234').ref.abstract?.replace('naïve', 'na\\"ive'),
    )
  })

  it('reads authors, the primary category, DOI, dates, comments and journal reference', () => {
    const phi3 = byId(cards, '2404.14219')
    expect(phi3.ref.authors).toHaveLength(25)
    expect(phi3.ref.authors.join()).not.toContain('et al')
    expect(collapse(phi3.element.querySelector('p.authors')?.textContent)).toContain('et al. (5 additional authors not shown)')
    expect(cards.map((card) => card.ref.primaryCategory)).toEqual(['cs.LG', 'cs.CV', 'cs.CL', 'cs.CV', 'cs.CV'])
    expect(cards.filter((card) => card.ref.doi).map((card) => [card.ref.arxivId, card.ref.doi])).toEqual([
      ['2404.14219', '10.1000/phi-3.2024.0422'],
    ])
    // The date v1 was submitted, as Hugging Face and the abstract page give it.
    expect(cards.map((card) => card.ref.published)).toEqual(['2026-07-03', '2026-07-02', '2024-04-22', '2024-03-11', '2024-01-16'])
    const rohm = byId(cards, '2401.08570')
    expect(rohm.ref.comments).toBe('CVPR 2024 (Oral)')
    expect(rohm.ref.journalRef).toBe(
      'Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR), 2024, pp. 14606-14617',
    )
  })

  it('keys a result that links to an older version without the version, keeping the latest one shown', () => {
    const old = byId(cards, '2403.06973')
    expect(old.element.querySelector('p.list-title a')?.getAttribute('href')).toBe('https://arxiv.org/abs/2403.06973v2')
    expect(collapse(old.element.textContent)).toContain('Latest version: 2403.06973v3.')
    expect(old.ref.key).toBe('arxiv:2403.06973')
    expect(old.ref.version).toBe(3)
    expect(cards.filter((card) => card !== old).map((card) => card.ref.version)).toEqual([undefined, undefined, undefined, undefined])
  })
})

describe('advanced search (/search/advanced, older versions included)', () => {
  const page = load('search-advanced.html')
  const cards = find(page)

  it('finds every result, including two versions of one paper under one key', () => {
    expectSearchCards(page.doc, cards, ['2404.14047', '2404.14047', '2402.17764'])
    expect(cards[0]?.ref.key).toBe(cards[1]?.ref.key)
    expect(cards[0]?.element).not.toBe(cards[1]?.element)
    expect(cards.map((card) => card.ref.version)).toEqual([undefined, 2, undefined])
    expect(titles(cards)).toEqual([
      'How Good Are Low-bit Quantized LLaMA3 Models? An Empirical Study',
      'How Good Are Low-bit Quantized LLaMA3 Models? An Empirical Study',
      'The Era of 1-bit LLMs: All Large Language Models are in 1.58 Bits',
    ])
    expect(cards.map((card) => card.ref.published)).toEqual(['2024-04-22', '2024-04-22', '2024-02-27'])
    expect(cards.map((card) => card.ref.primaryCategory)).toEqual(['cs.LG', 'cs.LG', 'cs.CL'])
  })

  it('reads an abstract that was not shortened', () => {
    const era = byId(cards, '2402.17764')
    expect(collapse(era.element.querySelector('span.abstract-short')?.textContent)).not.toContain('More')
    expect(era.ref.abstract).toBe(
      'Recent research, such as BitNet, is paving the way for a new era of 1-bit Large Language Models (LLMs). In this work, we introduce a 1-bit LLM variant, namely BitNet b1.58, in which every single parameter (or weight) of the LLM is ternary {-1, 0, 1}.',
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Abstract pages
// ---------------------------------------------------------------------------------------------

describe('abstract page (/abs/2404.14219v3)', () => {
  const page = load('abs.html')
  const cards = find(page)
  const h1 = page.doc.querySelector('h1.title')

  it('finds exactly one detail card, for the page’s own paper', () => {
    expect(cards).toHaveLength(1)
    const [card] = cards as [FoundCard]
    expect(card.layout).toBe('detail')
    expect(card.controlsAfter).toBe(h1)
    expect(card.element).toBe(h1?.parentElement)
    expect(card.element.id).toBe('abs')
    expect(card.element.contains(card.controlsAfter)).toBe(true)
    expect(card.companions ?? []).toEqual([])
  })

  it('reads the paper from the page', () => {
    const authors = [...page.doc.querySelectorAll('div.authors a')].map((a) => collapse(a.textContent))
    expect(authors).toHaveLength(30)
    expect(cards[0]?.ref).toEqual({
      key: 'arxiv:2404.14219',
      arxivId: '2404.14219',
      version: 3,
      title: 'Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone',
      authors,
      abstract: collapse(page.doc.querySelector('blockquote.abstract')?.textContent).replace(/^Abstract: ?/, ''),
      published: '2024-04-22',
      primaryCategory: 'cs.CL',
      comments: '24 pages',
      doi: '10.1000/phi-3.2024.0422',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/2404.14219',
    })
    expect(cards[0]?.ref.abstract).toMatch(/^We introduce phi-3-mini, a 3\.8 billion parameter language model/)
  })

  it('takes the journal DOI, not arXiv’s own, and a report number is not a journal reference', () => {
    expect(page.doc.querySelector('a#arxiv-doi-link')?.getAttribute('href')).toBe('https://doi.org/10.48550/arXiv.2404.14219')
    expect(page.doc.querySelector('td.tablecell.jref')?.textContent).toBe('MSR-TR-2024-12')
    expect(cards[0]?.ref.journalRef).toBeUndefined()
    const noMeta = load('abs.html')
    noMeta.doc.querySelector('meta[name="citation_doi"]')?.remove()
    expect(find(noMeta)[0]?.ref.doi).toBe('10.1000/phi-3.2024.0422')
  })

  it('keeps the highest version the page shows, whatever version the URL asks for', () => {
    for (const at of ['https://arxiv.org/abs/2404.14219v1', 'https://arxiv.org/abs/2404.14219', 'https://www.arxiv.org/abs/2404.14219v2']) {
      const [card, ...rest] = find(load('abs.html', at))
      expect(rest).toEqual([])
      expect(card?.ref.key).toBe('arxiv:2404.14219')
      expect(card?.ref.version).toBe(3)
    }
  })

  it('ignores the other papers the page links to, even in listing markup', () => {
    const others = [...page.doc.querySelectorAll('a[href*="/abs/"]')]
      .map((a) => /\/abs\/(\d{4}\.\d{4,5})/.exec(a.getAttribute('href') ?? '')?.[1])
      .filter((id): id is string => Boolean(id && id !== '2404.14219'))
    expect(new Set(others)).toEqual(new Set(['1706.03762', '2309.05463', '2402.17764', '2404.14047', '2404.07143']))
    expect(page.doc.querySelectorAll('dt a[title="Abstract"]')).toHaveLength(2)
    expect(cards.map((card) => card.ref.key)).toEqual(['arxiv:2404.14219'])
  })

  it('falls back to the citation_* tags when the page body lacks a field', () => {
    const bare = load('abs.html')
    const heading = bare.doc.querySelector('h1.title') as Element
    heading.innerHTML = '<span class="descriptor">Title:</span>'
    bare.doc.querySelector('div.authors')?.remove()
    bare.doc.querySelector('blockquote.abstract')?.remove()
    bare.doc.querySelector('td.tablecell.doi')?.remove()
    const [card] = find(bare)
    expect(card?.ref.title).toBe('Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone')
    // citation_author is "Last, First"; the page shows "First Last".
    expect(card?.ref.authors).toEqual(cards[0]?.ref.authors)
    expect(card?.ref.abstract).toBe(cards[0]?.ref.abstract)
    expect(card?.ref.doi).toBe('10.1000/phi-3.2024.0422')
  })

  it('does not take citation_* tags that describe another paper', () => {
    const other = load('abs.html')
    other.doc.querySelector('meta[name="citation_arxiv_id"]')?.setAttribute('content', '2404.99999')
    other.doc.querySelector('div.authors')?.remove()
    other.doc.querySelector('blockquote.abstract')?.remove()
    other.doc.querySelector('td.tablecell.doi')?.remove()
    const [card] = find(other)
    expect(card?.ref.key).toBe('arxiv:2404.14219')
    expect(card?.ref.authors).toEqual([])
    expect(card?.ref.abstract).toBeUndefined()
    expect(card?.ref.doi).toBeUndefined()
    // The date then comes from the dateline the page shows.
    expect(card?.ref.published).toBe('2024-04-22')
  })
})

describe('abstract page with an old-style id (/abs/hep-th/9901001)', () => {
  const page = load('abs-old-style.html')
  const cards = find(page)

  it('reads the paper', () => {
    expect(cards).toHaveLength(1)
    expect(cards[0]?.controlsAfter).toBe(page.doc.querySelector('h1.title'))
    expect(cards[0]?.ref).toEqual({
      key: 'arxiv:hep-th/9901001',
      arxivId: 'hep-th/9901001',
      version: 2,
      title: 'Dualities of $\\mathcal{N}=4$ Gauge Theories on the Lattice',
      authors: ['Jürgen Brandt', 'Ana Šimić'],
      abstract:
        "We study $\\mathcal{N}=4$ supersymmetric Yang-Mills theory with gauge group $SU(N)$ on a four-dimensional hypercubic lattice and identify a discrete remnant of S-duality that acts on Wilson and 't Hooft loops. Monte Carlo results at $N=2,3$ agree with the continuum prediction to within statistical errors.",
      published: '1999-01-04',
      primaryCategory: 'hep-th',
      comments: '12 pages, LaTeX, 2 figures; v2: references added',
      journalRef: 'Nucl.Phys. B550 (1999) 123-145',
      doi: '10.1016/s0550-3213(99)00123-4',
      site: 'arxiv',
      url: 'https://arxiv.org/abs/hep-th/9901001',
    })
    // The report number sits in the same kind of cell as the journal reference.
    expect(page.doc.querySelectorAll('td.tablecell.jref')).toHaveLength(2)
  })
})

// ---------------------------------------------------------------------------------------------
// One paper, one key
// ---------------------------------------------------------------------------------------------

describe('the same paper on different pages', () => {
  const all = Object.fromEntries(Object.keys(FIXTURE_URLS).map((name) => [name, find(load(name))]))
  const keysOf = (id: string) =>
    Object.entries(all).flatMap(([name, cards]) => cards.filter((card) => card.ref.arxivId === id).map((card) => [name, card.ref.key]))

  it.each([
    ['2607.01234', ['list-new.html', 'list-pastweek.html', 'search.html']],
    ['2607.01777', ['list-new.html', 'search.html']],
    ['2404.14219', ['list-month.html', 'search.html', 'abs.html']],
    ['2404.14047', ['list-month.html', 'search-advanced.html', 'search-advanced.html']],
    ['hep-th/9901001', ['list-new.html', 'list-legacy.html', 'abs-old-style.html']],
    ['2607.00412', ['list-pastweek.html', 'catchup.html']],
    ['2607.00488', ['list-pastweek.html', 'catchup.html', 'abs-neurips.html']],
  ])('%s has one key on %j', (id, pages) => {
    expect(keysOf(id)).toEqual(pages.map((name) => [name, `arxiv:${id}`]))
  })

  it('has one title for the Phi-3 report on the list, search and abstract pages', () => {
    const shown = new Set(
      Object.values(all).flatMap((cards) => cards.filter((card) => card.ref.arxivId === '2404.14219').map((card) => card.ref.title)),
    )
    expect([...shown]).toEqual(['Phi-3 Technical Report: A Highly Capable Language Model Locally on Your Phone'])
  })

  it('gives the background only references it accepts', () => {
    for (const cards of Object.values(all)) {
      for (const card of cards) expect(parsePaperRef(JSON.parse(JSON.stringify(card.ref)))).toEqual({ ok: true, value: card.ref })
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Markup it does not know, and hostile or unusual markup
// ---------------------------------------------------------------------------------------------

describe('pages without cards', () => {
  it('finds nothing, and does not throw, on markup it does not know', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelectorAll('a[href^="/abs/"]').length).toBeGreaterThan(2)
    expect(page.doc.querySelectorAll('dt').length).toBeGreaterThan(0)
    expect(page.doc.querySelectorAll('a[title="Abstract"]')).toHaveLength(0)
    expect(() => find(page)).not.toThrow()
    expect(find(page)).toEqual([])
  })

  it('finds nothing on empty documents', () => {
    for (const name of ['list-new.html', 'search.html', 'abs.html'] as const) {
      const page = load(name)
      page.doc.documentElement.innerHTML = '<head></head><body></body>'
      expect(find(page)).toEqual([])
    }
  })

  it('never throws, even on something that is not a document', () => {
    for (const url of [fixtureUrl('list-new.html'), fixtureUrl('search.html'), fixtureUrl('abs.html')]) {
      expect(arxiv.findCards({} as unknown as Document, new URL(url))).toEqual([])
    }
  })

  it('finds nothing on an abstract page whose URL holds no id', () => {
    expect(find(load('abs.html', 'https://arxiv.org/abs/not-an-id'))).toEqual([])
  })
})

describe('unusual entries', () => {
  it('skips an entry without a parsable id, falling back to the link’s id attribute first', () => {
    const page = load('list-new.html')
    const links = page.doc.querySelectorAll('dt a[title="Abstract"]')
    links[0]?.setAttribute('href', '/abs/not-an-id')
    links[0]?.removeAttribute('id')
    links[1]?.setAttribute('href', '/abs/')
    const cards = find(page)
    expect(ids(cards)).toEqual([
      '2607.01301',
      '2607.01422',
      '2607.01555',
      '2607.00999',
      '2607.01777',
      '2601.04321',
      'hep-th/9901001',
      '2605.06543',
    ])
  })

  it('puts the controls after the abstract link when an entry has no dd', () => {
    const page = load('list-recent.html')
    const dt = entryDts(page.doc)[1] as Element
    dt.nextElementSibling?.remove()
    const card = find(page)[1]
    expect(card?.element).toBe(dt)
    expect(card?.companions ?? []).toEqual([])
    expect(card?.controlsAfter).toBe(dt.querySelector('a[title="Abstract"]'))
    expect(card?.ref.key).toBe('arxiv:2607.02017')
    expect(card?.ref.title).toBe('arXiv:2607.02017')
    expect(card?.ref.authors).toEqual([])
  })

  it('reads the TeX back out of MathJax-typeset titles and abstracts', () => {
    const page = load('list-new.html')
    const before = byId(find(page), '2607.01301').ref
    const entry = entryDts(page.doc)[1]?.nextElementSibling as Element
    let count = 0
    // What MathJax 2 (which arXiv uses) leaves in place of each $…$: a preview, its rendering, and the TeX source.
    const typeset = (html: string) =>
      html.replace(/\$([^$]+)\$/g, (_, tex: string) => {
        count += 1
        return `<span class="MathJax_Preview" style="color: inherit;"></span><span class="MathJax" id="MathJax-Element-${count}-Frame" tabindex="0" role="presentation"><nobr><span class="math"><span class="mrow"><span class="mi">${tex.replace(/[\\{}^_]/g, '')}</span></span></span></nobr><span class="MJX_Assistive_MathML" role="presentation"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>${tex.replace(/[\\{}^_]/g, '')}</mi></math></span></span><script type="math/tex" id="MathJax-Element-${count}">${tex}</script>`
      })
    for (const part of [entry.querySelector('.list-title'), entry.querySelector('p.mathjax')]) {
      if (part) part.innerHTML = typeset(part.innerHTML)
    }
    expect(count).toBe(7)
    expect(collapse(entry.querySelector('.list-title')?.textContent)).not.toContain('$')
    const after = byId(find(page), '2607.01301').ref
    expect(after).toEqual(before)

    const display = entry.querySelector('.list-title') as Element
    display.innerHTML =
      '<span class="descriptor">Title:</span> Energy <span class="MathJax_Preview"></span><div class="MathJax_Display"><span class="MathJax">E=mc2</span></div><script type="math/tex; mode=display">E=mc^2</script> Models'
    expect(byId(find(page), '2607.01301').ref.title).toBe('Energy $$E=mc^2$$ Models')
  })

  it('clamps what it reads to the limits the background enforces', () => {
    const page = load('list-new.html')
    const dd = entryDts(page.doc)[0]?.nextElementSibling as Element
    const title = dd.querySelector('.list-title') as Element
    title.lastChild!.textContent = ` ${'Scaling '.repeat(2000)}`
    const comments = dd.querySelector('.list-comments') as Element
    comments.lastChild!.textContent = ` ${'pages '.repeat(1000)}`
    const authors = dd.querySelector('.list-authors') as Element
    authors.innerHTML = Array.from({ length: 1200 }, (_, i) => `<a href="/a/${i}">Author ${i} ${'x'.repeat(i === 0 ? 400 : 1)}</a>`).join(
      ', ',
    )
    const [card] = find(page)
    expect(card?.ref.title).toHaveLength(LIMITS.titleLength)
    expect(card?.ref.title.endsWith('…')).toBe(true)
    expect(card?.ref.comments?.length).toBeLessThanOrEqual(LIMITS.fieldLength)
    expect(card?.ref.authors).toHaveLength(LIMITS.authorCount)
    expect(card?.ref.authors[0]).toHaveLength(LIMITS.authorLength)
    expect(parsePaperRef(card?.ref).ok).toBe(true)
  })

  it('keeps markup-looking text as text', () => {
    const page = load('list-recent.html')
    const title = entryDts(page.doc)[0]?.nextElementSibling?.querySelector('.list-title') as Element
    title.lastChild!.textContent = ' Robust Parsing of <img src=x onerror=alert(1)> Tags & "Quotes" '
    expect(find(page)[0]?.ref.title).toBe('Robust Parsing of <img src=x onerror=alert(1)> Tags & "Quotes"')
  })
})

// ---------------------------------------------------------------------------------------------
// Purity
// ---------------------------------------------------------------------------------------------

describe('purity', () => {
  it.each(Object.keys(FIXTURE_URLS))('%s: two runs give the same result and leave the page as it was', (name) => {
    const page = load(name)
    const before = page.doc.documentElement.outerHTML
    const first = find(page)
    const second = find(page)
    expect(second.map((card) => card.ref)).toEqual(first.map((card) => card.ref))
    second.forEach((card, index) => {
      expect(card.element).toBe(first[index]?.element)
      expect(card.controlsAfter).toBe(first[index]?.controlsAfter)
      expect(card.companions).toEqual(first[index]?.companions)
      expect(card.layout).toBe(first[index]?.layout)
    })
    expect(page.doc.documentElement.outerHTML).toBe(before)
  })

  it.each(Object.keys(FIXTURE_URLS))('%s: reads the same once the controls and state attributes are on the page', (name) => {
    const page = load(name)
    const first = find(page)
    // What the content script adds: state on each card (and its dd) and the toggles after controlsAfter.
    for (const card of first) {
      for (const element of [card.element, ...(card.companions ?? [])]) element.setAttribute('data-paper-shelf', 'starred read')
      const controls = page.doc.createElement('span')
      controls.className = 'paper-shelf-controls'
      controls.innerHTML = '<button type="button" aria-pressed="true">Star</button><button type="button" aria-pressed="true">Read</button>'
      card.controlsAfter.after(controls)
    }
    const again = find(page)
    expect(again.map((card) => card.ref)).toEqual(first.map((card) => card.ref))
    expect(again.map((card) => card.element)).toEqual(first.map((card) => card.element))
    expect(again.map((card) => card.controlsAfter)).toEqual(first.map((card) => card.controlsAfter))
  })

  it('reads a listing the same on www.arxiv.org', () => {
    const plain = find(load('list-new.html'))
    const www = find(load('list-new.html', 'https://www.arxiv.org/list/cs.LG/new'))
    expect(www.map((card) => card.ref)).toEqual(plain.map((card) => card.ref))
  })
})

// ---------------------------------------------------------------------------------------------
// The long listing (unit, end-to-end and benchmark input)
// ---------------------------------------------------------------------------------------------

/** Tag, attribute names and the values that define the markup (class, title, rel, target), for every element. */
function signatures(root: Element): Set<string> {
  const out = new Set<string>()
  const walk = (element: Element, path: string) => {
    const attributes = [...element.attributes]
      .map((attribute) =>
        ['class', 'title', 'rel', 'target'].includes(attribute.name) ? `${attribute.name}=${attribute.value}` : attribute.name,
      )
      .sort()
      .join(',')
    const signature = `${path}>${element.localName}[${attributes}]`
    out.add(signature)
    for (const child of element.children) walk(child, `${path}>${element.localName}`)
  }
  walk(root, '')
  return out
}

function entrySignatures(doc: Document): Set<string> {
  const all = new Set<string>()
  for (const dt of entryDts(doc)) {
    for (const signature of signatures(dt)) all.add(signature)
    for (const signature of signatures(dt.nextElementSibling as Element)) all.add(signature)
  }
  return all
}

describe('longListing', () => {
  const url = 'https://arxiv.org/list/cs.LG/pastweek?show=2000'
  const page = parse(longListing(2000), url)
  const cards = find(page)

  it('yields one card per entry with unique keys, in page order', () => {
    expect(entryDts(page.doc)).toHaveLength(2000)
    expect(cards).toHaveLength(2000)
    expect(new Set(cards.map((card) => card.ref.key)).size).toBe(2000)
    expect(ids(cards)).toEqual(Array.from({ length: 2000 }, (_, i) => `2607.0${String(i + 1).padStart(4, '0')}`))
    expectListingCards(page.doc, cards, ids(cards) as string[])
    // Reading every detail of 2,000 entries in happy-dom takes seconds; in a browser it is lazy and fast.
  }, 30_000)

  it('is a pastweek page: several dated sections, chrome, no scripts', () => {
    expect(page.doc.querySelectorAll('dl#articles')).toHaveLength(5)
    expect([...page.doc.querySelectorAll('dl#articles > h3')].map((h3) => collapse(h3.textContent))).toEqual([
      'Fri, 3 Jul 2026 (showing 400 of 400 entries )',
      'Thu, 2 Jul 2026 (showing 400 of 400 entries )',
      'Wed, 1 Jul 2026 (showing 400 of 400 entries )',
      'Tue, 30 Jun 2026 (showing 400 of 400 entries )',
      'Mon, 29 Jun 2026 (showing 400 of 400 entries )',
    ])
    expect(page.doc.querySelector('#dlpage div.paging')?.textContent).toContain('Total of 2,000 entries')
    expect(page.doc.querySelectorAll('script')).toHaveLength(0)
    expect(longListing(2000).startsWith(`<!DOCTYPE html>\n<!-- saved from url=(${String(url.length).padStart(4, '0')})${url} -->\n`)).toBe(
      true,
    )
  })

  it('has titles, authors and subjects with some variety', () => {
    expect(new Set(titles(cards)).size).toBeGreaterThan(100)
    expect(titles(cards).some((title) => title.includes('$O(n \\log n)$'))).toBe(true)
    expect(titles(cards).some((title) => title.includes('&'))).toBe(true)
    expect(titles(cards).some((title) => /[^\x00-\x7f]/.test(title))).toBe(true)
    expect(new Set(cards.map((card) => card.ref.authors.length)).size).toBeGreaterThan(3)
    expect(new Set(cards.map((card) => card.ref.primaryCategory)).size).toBeGreaterThan(3)
    expect(cards.filter((card) => collapse(card.element.textContent).includes('(cross-list from')).length).toBeGreaterThan(100)
    expect(cards.filter((card) => card.ref.version !== undefined).length).toBe(1000)
    expect(cards.filter((card) => card.ref.comments).length).toBeGreaterThan(500)
    expect(cards.filter((card) => card.ref.journalRef).length).toBeGreaterThan(100)
    for (const card of cards.slice(0, 50)) expect(parsePaperRef(card.ref).ok).toBe(true)
  })

  it('uses the entry markup of list-recent.html', () => {
    const recent = entrySignatures(load('list-recent.html').doc)
    const long = entrySignatures(page.doc)
    expect([...long].filter((signature) => !recent.has(signature))).toEqual([])
    // …and exercises it: every dt/dd element kind of the fixture, except the comment's urlized link, occurs.
    expect([...recent].filter((signature) => !long.has(signature))).toEqual([
      '>dd>div>div>a[class=link-external link-https,href,rel=external noopener nofollow]',
    ])
  })

  it('is deterministic and sized by its argument', () => {
    expect(longListing(37)).toBe(longListing(37))
    expect(find(parse(longListing(37), url))).toHaveLength(37)
    expect(find(parse(longListing(1), url))).toHaveLength(1)
    expect(find(parse(longListing(0), url))).toEqual([])
    expect(() => longListing(10_000)).toThrow(RangeError)
  })
})

describe('pages that list nothing', () => {
  it('knows a search whose query found nothing, and finds no card there', () => {
    const page = load('no-results.html')
    expect(arxiv.findCards(page.doc, page.url)).toEqual([])
    expect(arxiv.hasNoPapers?.(page.doc, page.url)).toBe(true)
  })

  it('knows the search forms, simple and advanced, list nothing before a query', () => {
    const page = load('no-results.html')
    for (const address of [
      'https://arxiv.org/search/',
      'https://arxiv.org/search/advanced',
      'https://arxiv.org/search/?query=+&searchtype=all',
    ]) {
      expect(arxiv.hasNoPapers?.(page.doc, new URL(address)), address).toBe(true)
    }
  })

  it('does not take a search with results, a changed layout or a listing for an empty page', () => {
    for (const name of ['search.html', 'search-advanced.html', 'list-new.html']) {
      const page = load(name)
      expect(arxiv.hasNoPapers?.(page.doc, page.url), name).toBe(false)
    }
    const changed = load('changed-markup.html')
    expect(arxiv.hasNoPapers?.(changed.doc, changed.url)).toBe(false)
  })
})
