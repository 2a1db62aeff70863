import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { huggingface } from '../../../src/sites/huggingface'
import { parseRequest } from '../../../src/platform/request-parser'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

// ---------------------------------------------------------------------------------------------
// Loading saved pages
// ---------------------------------------------------------------------------------------------

const FIXTURES = new URL('../../fixtures/huggingface/', import.meta.url)

/** The URL each saved page was taken from; the fixture carries it as `<link rel="canonical">`. */
const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(huggingface.examples),
  // Not page types of their own: a day without papers, and markup or data the adapter must survive.
  'empty.html': 'https://huggingface.co/papers/date/2024-04-21',
  'changed-markup.html': 'https://huggingface.co/papers/date/2024-04-26',
  'broken-props.html': 'https://huggingface.co/papers/date/2024-04-24',
}

function fixtureUrl(name: string): string {
  const url = FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return url
}

type Page = SavedPage

/** Parses a fixture at the URL it was saved from (or `at`). */
function load(name: string, at: string = fixtureUrl(name)): Page {
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), at)
}

function find(page: Page): FoundCard[] {
  return huggingface.findCards(page.doc, page.url)
}

/** The island's `data-props`, parsed here independently of the adapter. */
function props(doc: Document, target: string): Record<string, unknown> {
  const raw = doc.querySelector(`[data-target="${target}"]`)?.getAttribute('data-props')
  if (!raw) throw new Error(`no data-props on ${target}`)
  return JSON.parse(raw) as Record<string, unknown>
}

interface PropsPaper {
  id: string
  title: string
  summary: string
  publishedAt: string
  authors: { _id: string; name: string; hidden: boolean }[]
}

function propsPapers(doc: Document, list: 'dailyPapers' | 'searchResults' = 'dailyPapers'): Map<string, PropsPaper> {
  const items = props(doc, 'DailyPapers')[list] as { paper: PropsPaper }[]
  return new Map(items.map((item) => [item.paper.id, item.paper]))
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

const ids = (cards: FoundCard[]) => cards.map((card) => card.ref.arxivId)
const titles = (cards: FoundCard[]) => cards.map((card) => card.ref.title)

/** Structural checks every listing card must pass. */
function expectListingCards(doc: Document, cards: FoundCard[], expectedIds: string[]): void {
  const articles = [...doc.querySelectorAll('article')]
  expect(cards).toHaveLength(articles.length)
  expect(ids(cards)).toEqual(expectedIds)
  // Each article is found once, in page order.
  cards.forEach((card, index) => expect(card.element).toBe(articles[index]))
  const island = doc.querySelector('[data-target="DailyPapers"]')
  for (const card of cards) {
    const id = card.ref.arxivId as string
    expect(card.element.tagName).toBe('ARTICLE')
    expect(island?.contains(card.element)).toBe(true)
    expect(card.layout).toBe('card')
    expect(card.companions ?? []).toEqual([])
    expect(card.controlsAfter.tagName).toBe('H3')
    expect(card.controlsAfter).toBe(card.element.querySelector('h3'))
    expect(card.element.contains(card.controlsAfter)).toBe(true)
    expect(card.controlsAfter.querySelector('a')?.getAttribute('href')).toBe(`/papers/${id}`)
    expect(card.ref.key).toBe(`arxiv:${id}`)
    expect(card.ref.site).toBe('huggingface')
    expect(card.ref.url).toBe(`https://huggingface.co/papers/${id}`)
    expect(card.ref.version).toBeUndefined()
    expect(card.ref.title.length).toBeGreaterThan(0)
    expect(card.ref.title.length).toBeLessThanOrEqual(LIMITS.titleLength)
  }
}

/** Title, authors, abstract and date of every card equal what the page embeds for that paper. */
function expectMetadataFromProps(cards: FoundCard[], embedded: Map<string, PropsPaper>): void {
  for (const card of cards) {
    const paper = embedded.get(card.ref.arxivId as string)
    expect(paper, card.ref.key).toBeDefined()
    if (!paper) continue
    expect(card.ref.title).toBe(collapse(paper.title))
    expect(card.ref.authors).toEqual(paper.authors.map((author) => author.name))
    expect(card.ref.abstract).toBe(collapse(paper.summary))
    expect(card.ref.published).toBe(paper.publishedAt.slice(0, 10))
    expect(card.ref.published).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  }
}

// ---------------------------------------------------------------------------------------------

describe('huggingface fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is a complete page saved from %s', (name, url) => {
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.title).not.toBe('')
    expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe(url)
    // The site header links to other parts of the hub; none of it is a card.
    expect(doc.querySelector('header nav a[href="/models"]')).not.toBeNull()
    expect(doc.querySelector('header nav a[href="/papers"]')).not.toBeNull()
    expect(doc.querySelector('main')).not.toBeNull()
    // Fixtures carry no script of their own: anything that runs in an end-to-end test comes from the extension.
    expect(doc.querySelectorAll('script')).toHaveLength(0)
  })
})

describe('titles shown and titles stored', () => {
  // What the reader sees in a card's heading is what the reading list will show for it.
  it.each(['daily.html', 'week.html', 'month.html', 'trending.html', 'search.html', 'broken-props.html', 'hostile.html'] as const)(
    '%s: every card title equals its heading text, whitespace collapsed',
    (name) => {
      const page = load(name)
      const cards = find(page)
      expect(cards.length).toBeGreaterThan(0)
      for (const card of cards) {
        const shown = collapse(card.controlsAfter.textContent ?? '')
        if (shown.length > LIMITS.titleLength) expect(shown.startsWith(card.ref.title.slice(0, -1))).toBe(true)
        else expect(card.ref.title).toBe(shown)
      }
    },
  )
})

describe('huggingface.matches', () => {
  it.each([
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/',
    'https://huggingface.co/papers/date/2024-04-23',
    'https://huggingface.co/papers/week/2024-W17',
    'https://huggingface.co/papers/month/2024-04',
    'https://huggingface.co/papers/trending',
    'https://huggingface.co/papers?q=3d+reconstruction',
    'https://huggingface.co/papers?date=2024-04-23',
    'https://huggingface.co/papers/trending?q=diffusion',
    'https://huggingface.co/papers/month/2026-03?q=semantic',
    'https://huggingface.co/papers/2404.14219',
    'https://huggingface.co/papers/2404.14219#community',
    'https://huggingface.co/papers/1406.5670',
  ])('matches %s', (url) => {
    expect(huggingface.matches(new URL(url))).toBe(true)
  })

  it.each([
    'https://huggingface.co/',
    'https://huggingface.co/models',
    'https://huggingface.co/datasets?search=papers',
    'https://huggingface.co/papersxyz',
    'https://huggingface.co/papers-with-code',
    'https://huggingface.co/spaces/akhaliq/papers/2404.14219',
    'https://huggingface.co/collections/owner/papers',
    'https://hf.co/papers',
    'https://huggingface.com/papers',
    'https://evil.example/papers/2404.14219',
    'https://huggingface.co.evil.example/papers/2404.14219',
    'https://arxiv.org/abs/2404.14219',
  ])('does not match %s', (url) => {
    expect(huggingface.matches(new URL(url))).toBe(false)
  })

  it('identifies itself', () => {
    expect(huggingface.id).toBe('huggingface')
  })
})

describe('daily list (/papers/date/2024-04-23)', () => {
  const page = load('daily.html')
  const cards = find(page)

  it('finds every card once, in page order', () => {
    expectListingCards(page.doc, cards, [
      '2404.14219',
      '2404.14047',
      '2404.14396',
      '2404.13208',
      '2404.14367',
      '2404.14394',
      '2404.13946',
      '2404.14507',
      '2404.14162',
      '2404.14619',
      '2404.13813',
    ])
  })

  it('reads clean titles', () => {
    expect(titles(cards)).toEqual([
      // data-props keeps arXiv's line break inside this title
      'AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models',
      'Simple and Efficient Hard Label Black-box Adversarial Attacks in Low Query Budget Regimes',
      'Poincaré ResNet',
      'Plug & Play Generative Networks: Conditional Iterative Generation of Images in Latent Space',
      "Bayes' Rays: Uncertainty Quantification for Neural Radiance Fields",
      'On Feynman--Kac training of partial Bayesian neural networks',
      'BLoB: Bayesian Low-Rank Adaptation by Backpropagation for Large Language Models',
      'What exactly has TabPFN learned to do?',
      'SparseProp: Efficient Sparse Backpropagation for Faster Training of Neural Networks',
      'Stochastic Process Learning via Operator Flow Matching',
      'Uncertainty Quantification via Stable Distribution Propagation',
    ])
  })

  it('takes authors, abstract and publication date from data-props', () => {
    expectMetadataFromProps(cards, propsPapers(page.doc))
    const [adjoint, blackBox, poincare] = cards
    expect(adjoint?.ref.published).toBe('2024-04-22')
    expect(adjoint?.ref.abstract).toContain('na\\"ive gradient backpropagation')
    expect(adjoint?.ref.abstract?.startsWith('Existing customization methods require access')).toBe(true)
    expect(blackBox?.ref.abstract).toContain('ell_infty and ell_2 norm')
    expect(poincare?.ref.abstract).toContain("Poincar\\'e ball model")
    // The card shows only the first four avatars; data-props has every author.
    const shown = poincare?.element.querySelectorAll('li[title]').length ?? 0
    expect(poincare?.ref.authors.length).toBeGreaterThan(shown)
    expect(cards.at(-1)?.ref.authors).toHaveLength(1)
    expect(cards.find((card) => card.ref.arxivId === '2404.13208')?.ref.published).toBe('2024-04-19')
  })

  it('ignores the header, the tabs and the previous/next day links', () => {
    const periodLinks = [...page.doc.querySelectorAll('a[href^="/papers"]')].filter((a) => !a.closest('article'))
    expect(periodLinks.map((a) => a.getAttribute('href'))).toEqual(
      expect.arrayContaining([
        '/papers',
        '/papers/date/2024-04-22',
        '/papers/date/2024-04-24',
        '/papers/week/2024-W17',
        '/papers/month/2024-04',
        '/papers/trending',
      ]),
    )
    for (const link of periodLinks) expect(cards.some((card) => card.element.contains(link))).toBe(false)
  })

  it('finds the same cards when the page is reached as /papers', () => {
    const redirected = load('daily.html', 'https://huggingface.co/papers')
    expect(find(redirected).map((card) => card.ref)).toEqual(cards.map((card) => card.ref))
  })
})

describe('week list (/papers/week/2024-W17)', () => {
  const page = load('week.html')
  const cards = find(page)
  const missing = '2404.16520'

  it('finds every card once, in page order', () => {
    expectListingCards(page.doc, cards, [
      '2404.16293',
      '2404.15340',
      '2404.17512',
      '2404.14620',
      '2404.16980',
      '2404.15011',
      '2404.17845',
      missing,
      '2404.15888',
      '2404.18101',
    ])
  })

  it('reads metadata from data-props for the papers it holds', () => {
    const embedded = propsPapers(page.doc)
    expect(embedded.has(missing)).toBe(false)
    expectMetadataFromProps(
      cards.filter((card) => card.ref.arxivId !== missing),
      embedded,
    )
    expect(titles(cards)).toContain('Masked Bayesian Neural Networks : Theoretical Guarantee and its Posterior Inference')
  })

  it('falls back to the DOM for a card that data-props does not hold', () => {
    const card = cards.find((found) => found.ref.arxivId === missing)
    expect(card?.ref).toEqual({
      key: `arxiv:${missing}`,
      arxivId: missing,
      title: 'Bayesian Flow Networks',
      authors: [],
      site: 'huggingface',
      url: `https://huggingface.co/papers/${missing}`,
    })
  })
})

describe('month list (/papers/month/2024-04)', () => {
  const page = load('month.html')
  const cards = find(page)

  it('finds every card once with metadata from data-props', () => {
    expectListingCards(page.doc, cards, [
      '2404.14219',
      '2404.02345',
      '2404.04021',
      '2404.05566',
      '2404.07143',
      '2404.08801',
      '2404.10667',
      '2404.12253',
      '2404.15225',
      '2404.19756',
    ])
    expectMetadataFromProps(cards, propsPapers(page.doc))
    expect(titles(cards)).toEqual([
      'AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models',
      'Scaling Up Your Kernels: Large Kernel Design in ConvNets towards Universal Representations',
      'SMPConv: Self-moving Point Representations for Continuous Convolution',
      'CondConv: Conditionally Parameterized Convolutions for Efficient Inference',
      'CKConv: Continuous Kernel Convolution For Sequential Data',
      'ConTNet: Why not use convolution and transformer at the same time?',
      "LeViT: a Vision Transformer in ConvNet's Clothing for Faster Inference",
      '[MASK] is All You Need',
      "Probabilistic Circuits That Know What They Don't Know",
      'URL: A Representation Learning Benchmark for Transferable Uncertainty Estimates',
    ])
  })

  it('describes a paper the same way on the day and on the month page', () => {
    const fromDay = find(load('daily.html')).find((card) => card.ref.arxivId === '2404.14219')
    expect(cards[0]?.ref).toEqual(fromDay?.ref)
  })
})

describe('trending (/papers/trending)', () => {
  const page = load('trending.html')
  const cards = find(page)

  it('is the trending layout', () => {
    expect(props(page.doc, 'DailyPapers').isTrending).toBe(true)
    for (const article of page.doc.querySelectorAll('article')) {
      expect(article.querySelector('p')?.textContent?.length).toBeGreaterThan(100)
      expect(article.querySelector('a[href^="https://github.com/"]')).not.toBeNull()
      expect(article.querySelector('a[href^="https://arxiv.org/abs/"]')).not.toBeNull()
    }
  })

  it('finds every card once with metadata from data-props', () => {
    expectListingCards(page.doc, cards, [
      '2510.08133',
      '2510.07755',
      '2510.06203',
      '2510.05919',
      '2510.04482',
      '2510.03327',
      '2510.01990',
      '2510.00912',
    ])
    expectMetadataFromProps(cards, propsPapers(page.doc))
    expect(titles(cards)).toEqual([
      'ConvNets Match Vision Transformers at Scale',
      'Neural Ordinary Differential Equations',
      'Categorical Reparameterization with Gumbel-Softmax',
      'Gradients without Backpropagation',
      'Convolutional Kolmogorov-Arnold Networks',
      'Variational Bayesian Last Layers',
      'Model-based Asynchronous Hyperparameter and Neural Architecture Search',
      'Stochastic Backpropagation and Approximate Inference in Deep Generative Models',
    ])
  })

  it('reads the abstract shown in the card when data-props is gone', () => {
    const stale = load('trending.html')
    stale.doc.querySelector('[data-target="DailyPapers"]')?.removeAttribute('data-props')
    const fromDom = find(stale)
    expect(ids(fromDom)).toEqual(ids(cards))
    expect(titles(fromDom)).toEqual(titles(cards))
    for (const [index, card] of fromDom.entries()) {
      expect(card.ref.abstract).toBe(collapse(stale.doc.querySelectorAll('article p')[index]?.textContent ?? ''))
      expect(card.ref.abstract).toBe(cards[index]?.ref.abstract)
      expect(card.ref.authors).toEqual([])
      expect(card.ref.published).toBeUndefined()
    }
  })
})

describe('search results (/papers?q=3d+reconstruction)', () => {
  const page = load('search.html')
  const cards = find(page)
  const expectedIds = ['1905.03678', '2403.06973', '1406.5670', '2401.08570', '2211.12886', '2308.14659']
  const expectedTitles = [
    'What Do Single-view 3D Reconstruction Networks Learn?',
    'Bayesian Diffusion Models for 3D Shape Reconstruction',
    '3D ShapeNets: A Deep Representation for Volumetric Shapes',
    'RoHM: Robust Human Motion Reconstruction via Diffusion',
    'OReX: Object Reconstruction from Planar Cross-sections Using Neural Fields',
    'RESTORE: Graph Embedding Assessment Through Reconstruction',
  ]

  it('is a search page: results in searchResults, titles with highlights and comment nodes', () => {
    const data = props(page.doc, 'DailyPapers')
    expect(data.dailyPapers).toEqual([])
    expect(data.query).toEqual({ q: '3d reconstruction' })
    const anchor = page.doc.querySelector('article h3 a')
    expect(anchor?.querySelector('span.highlight')).not.toBeNull()
    expect([...(anchor?.childNodes ?? [])].some((node) => node.nodeType === 8)).toBe(true) // Comment
    expect(anchor?.textContent).toMatch(/\n/)
  })

  it('finds every result once with clean titles and metadata from searchResults', () => {
    expectListingCards(page.doc, cards, expectedIds)
    expect(titles(cards)).toEqual(expectedTitles)
    expectMetadataFromProps(cards, propsPapers(page.doc, 'searchResults'))
    // A pre-2015 id has four digits after the dot.
    expect(cards[2]?.ref.key).toBe('arxiv:1406.5670')
    expect(cards[2]?.ref.published).toBe('2014-06-22')
  })

  it('reads clean titles from the highlighted DOM when data-props is stale', () => {
    // After a client-side navigation the island keeps the props of the page first loaded.
    const stale = load('search.html')
    stale.doc
      .querySelector('[data-target="DailyPapers"]')
      ?.setAttribute('data-props', JSON.stringify({ periodType: 'day', dateString: '2024-04-23', dailyPapers: [], query: {} }))
    const fromDom = find(stale)
    expect(ids(fromDom)).toEqual(expectedIds)
    expect(titles(fromDom)).toEqual(expectedTitles)
    for (const card of fromDom) {
      expect(card.ref.title).not.toMatch(/[<>]|highlight|\s{2}/)
      expect(card.ref.authors).toEqual([])
      expect(card.ref.published).toBeUndefined()
      // The snippet under the title is all the page shows of the abstract.
      expect(card.ref.abstract).toBe(collapse(card.element.querySelector('p')?.textContent ?? ''))
    }
    expect(fromDom[2]?.ref.abstract?.startsWith("3D shape is a crucial but heavily underutilized cue in today's")).toBe(true)
  })
})

describe('paper page (/papers/2404.14219)', () => {
  const page = load('paper.html')
  const cards = find(page)
  const paper = props(page.doc, 'PaperContent').paper as PropsPaper

  it('finds exactly one detail card for the page’s own paper', () => {
    expect(cards).toHaveLength(1)
    const [card] = cards as [FoundCard]
    const h1 = page.doc.querySelector('main h1')
    expect(card.layout).toBe('detail')
    expect(card.controlsAfter).toBe(h1)
    expect(card.element).toBe(h1?.parentElement)
    expect(card.element.contains(card.controlsAfter)).toBe(true)
    expect(card.ref.key).toBe('arxiv:2404.14219')
    expect(card.ref.arxivId).toBe('2404.14219')
    expect(card.ref.url).toBe('https://huggingface.co/papers/2404.14219')
    expect(card.ref.site).toBe('huggingface')
  })

  it('reads metadata from the PaperContent island', () => {
    const [card] = cards as [FoundCard]
    expect(paper.id).toBe('2404.14219')
    expect(card.ref.title).toBe('AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models')
    expect(card.ref.authors).toEqual(paper.authors.map((author) => author.name))
    expect(card.ref.authors.length).toBeGreaterThan(0)
    expect(card.ref.abstract).toBe(collapse(paper.summary))
    expect(card.ref.abstract).toContain('na\\"ive')
    expect(card.ref.published).toBe('2024-04-22')
  })

  it('agrees with the daily list about the paper', () => {
    const fromDay = find(load('daily.html')).find((found) => found.ref.arxivId === '2404.14219')
    expect(cards[0]?.ref).toEqual(fromDay?.ref)
  })

  it('ignores links to other papers on the page', () => {
    const otherIds = [...page.doc.querySelectorAll('a[href*="/papers/"]')]
      .map((a) => /\/papers\/(\d{4}\.\d{4,5})(?:[#?]|$)/.exec(a.getAttribute('href') ?? '')?.[1])
      .filter((id): id is string => Boolean(id && id !== '2404.14219'))
    expect(new Set(otherIds)).toEqual(new Set(['2403.17927', '2312.09608', '2402.05935']))
    // Some of them are even in article cards with the listing's title markup.
    expect(page.doc.querySelectorAll('article h3 a.line-clamp-3[href^="/papers/"]').length).toBeGreaterThan(0)
    expect(cards.map((card) => card.ref.key)).toEqual(['arxiv:2404.14219'])
  })

  it('falls back to the h1 and the abstract under "Abstract" without data-props', () => {
    const bare = load('paper.html')
    bare.doc.querySelector('[data-target="PaperContent"]')?.removeAttribute('data-props')
    const [card, ...rest] = find(bare)
    expect(rest).toEqual([])
    expect(card?.ref).toEqual({
      key: 'arxiv:2404.14219',
      arxivId: '2404.14219',
      title: 'AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models',
      authors: [],
      abstract: collapse(paper.summary),
      site: 'huggingface',
      url: 'https://huggingface.co/papers/2404.14219',
    })
  })

  it('does not take another paper’s data-props for this one', () => {
    // The island still describes 2404.14219, but the browser is on a different paper page.
    const moved = load('paper.html', 'https://huggingface.co/papers/2404.13208')
    const [card] = find(moved)
    expect(card?.ref.key).toBe('arxiv:2404.13208')
    expect(card?.ref.authors).toEqual([])
    expect(card?.ref.published).toBeUndefined()
  })
})

describe('pages without cards', () => {
  it('finds nothing on a day without papers', () => {
    const page = load('empty.html')
    expect(props(page.doc, 'DailyPapers').dailyPapers).toEqual([])
    expect(page.doc.body.textContent).toContain('No papers for this day')
    expect(find(page)).toEqual([])
  })

  it('finds nothing, and does not throw, on markup it does not know', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelectorAll('article')).toHaveLength(0)
    expect(page.doc.querySelectorAll('[data-paper-id]').length).toBeGreaterThan(0)
    expect(() => find(page)).not.toThrow()
    expect(find(page)).toEqual([])
  })

  it('finds nothing on an empty document', () => {
    const page = load('empty.html')
    page.doc.documentElement.innerHTML = '<head></head><body></body>'
    expect(find(page)).toEqual([])
    const detail = load('paper.html')
    detail.doc.body.innerHTML = ''
    expect(find(detail)).toEqual([])
  })
})

describe('data-props that is not JSON', () => {
  const page = load('broken-props.html')

  it('still finds the cards, with titles and authors from the DOM', () => {
    const raw = page.doc.querySelector('[data-target="DailyPapers"]')?.getAttribute('data-props') ?? ''
    expect(raw.length).toBeGreaterThan(0)
    expect(() => JSON.parse(raw) as unknown).toThrow()
    const cards = find(page)
    expectListingCards(page.doc, cards, ['2404.15378', '2404.15447', '2404.15653', '2404.15758', '2404.16100'])
    expect(titles(cards)).toEqual([
      'AdjointDPM: Adjoint Sensitivity Method for Gradient Backpropagation of Diffusion Probabilistic Models',
      'Simple and Efficient Hard Label Black-box Adversarial Attacks in Low Query Budget Regimes',
      'Poincaré ResNet',
      'Plug & Play Generative Networks: Conditional Iterative Generation of Images in Latent Space',
      "Bayes' Rays: Uncertainty Quantification for Neural Radiance Fields",
    ])
    for (const card of cards) {
      const shown = [...card.element.querySelectorAll('li[title]')].map((li) => li.getAttribute('title'))
      expect(shown.length).toBeGreaterThan(0)
      expect(card.ref.authors).toEqual(shown)
      expect(card.ref.abstract).toBeUndefined()
      expect(card.ref.published).toBeUndefined()
    }
  })
})

describe('hostile titles', () => {
  const page = load('hostile.html')
  const before = page.doc.documentElement.outerHTML
  const cards = find(page)
  const byId = (id: string) => cards.find((card) => card.ref.arxivId === id)

  it('keeps hostile text as text in the fixture itself', () => {
    expect(
      page.doc.querySelectorAll('script, [onerror], [onload], svg[onload], main img:not([src^="https://cdn-thumbnails.huggingface.co/"])'),
    ).toHaveLength(0)
    expect(page.doc.querySelector('article h3 a')?.textContent).toContain('<img src=x onerror=alert(1)>')
  })

  it('finds every card once', () => {
    expectListingCards(page.doc, cards, ['2404.16001', '2404.16002', '2404.16003', '2404.16004', '2404.16005', '2404.16006'])
  })

  it('returns markup-looking titles as literal text', () => {
    expect(byId('2404.16001')?.ref.title).toBe('Robust Parsing of <img src=x onerror=alert(1)> Tags in Web Corpora')
    expect(byId('2404.16002')?.ref.title).toBe('</script><script>alert(document.domain)</script> Considered Harmful')
    expect(byId('2404.16006')?.ref.title).toBe("\"><svg onload=alert(2)> javascript:alert(3) {{constructor.constructor('alert(4)')()}}")
    expect(byId('2404.16001')?.ref.authors[0]).toBe('<img src=x onerror=alert(5)>')
    expect(byId('2404.16002')?.ref.abstract).toBe('An abstract with markup </p><script>alert(6)</script><p> that must stay text.')
  })

  it('keeps LaTeX escapes, ampersands, percent signs, underscores and quotes verbatim, decoding entities once', () => {
    expect(byId('2404.16005')?.ref.title).toBe(
      'Na\\"{\\i}ve $O(n \\log n)$ Attention: 100% Recall & R\\&D_{eff} for "Long" \'Contexts\' at AT&amp;T',
    )
  })

  it('keeps right-to-left text and its direction override characters as text', () => {
    const title = byId('2404.16003')?.ref.title
    expect(title).toBe('نماذج لغوية كبيرة للعربية والعبرية \u202Efdp.exe\u202C מודלי שפה גדולים')
  })

  it('cleans author names: whitespace collapsed, blank names dropped, long names clamped', () => {
    const embedded = propsPapers(page.doc).get('2404.16003')
    const authors = byId('2404.16003')?.ref.authors ?? []
    expect(embedded?.authors).toHaveLength(authors.length + 1) // the blank one
    expect(authors[0]).toBe('محمد بن سلمان')
    expect(authors[1]).toHaveLength(LIMITS.authorLength)
    expect(authors[1]?.endsWith('…')).toBe(true)
    expect(authors.slice(2)).toEqual(embedded?.authors.slice(3).map((author) => author.name))
  })

  it('clamps a 10 KB title to the title limit', () => {
    const raw = page.doc.querySelector('a[href="/papers/2404.16004"].line-clamp-3')?.textContent ?? ''
    expect(raw.length).toBeGreaterThanOrEqual(10 * 1024)
    const title = byId('2404.16004')?.ref.title ?? ''
    expect(title).toHaveLength(LIMITS.titleLength)
    expect(title.endsWith('…')).toBe(true)
    expect(title.startsWith('An Extremely Long Title: Scaling0 Scaling1 ')).toBe(true)
    expect(raw.startsWith(title.slice(0, -1))).toBe(true)
  })

  it('takes the first 1,000 authors of a card that lists 1,200, so the paper can still be starred', () => {
    const broken = load('broken-props.html')
    const [card] = find(broken)
    const list = card!.element.querySelector('li[title]')!.parentElement!
    for (let i = 0; i < 1200; i += 1) {
      const item = broken.doc.createElement('li')
      item.setAttribute('title', `Author ${i}`)
      list.append(item)
    }
    const ref = find(broken)[0]!.ref
    expect(ref.authors).toHaveLength(LIMITS.authorCount)
    expect(parseRequest({ type: 'setMarks', key: ref.key, changes: { starred: true }, ref })).toMatchObject({ ok: true })
  })

  it('leaves the document untouched', () => {
    expect(page.doc.documentElement.outerHTML).toBe(before)
    find(page)
    expect(page.doc.documentElement.outerHTML).toBe(before)
  })
})

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
    })
    expect(second.map((card) => card.layout)).toEqual(first.map((card) => card.layout))
    expect(page.doc.documentElement.outerHTML).toBe(before)
  })

  it('follows a change of data-props rather than a cached parse', () => {
    const page = load('daily.html')
    expect(find(page)[0]?.ref.authors.length).toBeGreaterThan(0)
    const island = page.doc.querySelector('[data-target="DailyPapers"]')
    island?.setAttribute('data-props', '{"dailyPapers":[]}')
    const [first] = find(page)
    expect(first?.ref.authors).toEqual([...(first?.element.querySelectorAll('li[title]') ?? [])].map((li) => li.getAttribute('title')))
    expect(first?.ref.published).toBeUndefined()
  })
})
