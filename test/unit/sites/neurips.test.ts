import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { keyPageUrl } from '../../../src/core/key-kinds'
import { LIMITS } from '../../../src/core/limits'
import { titleMatchKey } from '../../../src/core/title-match'
import { neurips } from '../../../src/sites/neurips'
import type { FoundCard } from '../../../src/sites/site'
import { longYear, longYearKeys } from '../../fixtures/neurips/long-year'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/neurips/', import.meta.url)
const FIXTURE_URLS = savedFrom(neurips.examples)
const YEAR = 'https://proceedings.neurips.cc/paper_files/paper/2023'
const ABSTRACT = 'https://papers.nips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html'
const VOLUME_36 = 'Advances in Neural Information Processing Systems 36 (NeurIPS 2023)'
const SAMS_VAE = 'Modelling Cellular Perturbations with the Sparse Additive Mechanism Shift Variational Autoencoder'

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => neurips.findCards(page.doc, page.url)
const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim()

/** Adds a link after the abstract page's title, as the site writes its buttons. */
function addLink(page: SavedPage, href: string): void {
  const link = page.doc.createElement('a')
  link.setAttribute('href', href)
  page.doc.querySelector('h1.paper-title')?.parentElement?.append(link)
}

function setMeta(page: SavedPage, name: string, content: string): void {
  const meta = page.doc.querySelector(`meta[name="${name}"]`) ?? page.doc.head.appendChild(page.doc.createElement('meta'))
  meta.setAttribute('name', name)
  meta.setAttribute('content', content)
}

describe('neurips fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is a page of the proceedings site, at %s', (name) => {
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.querySelector('a.navbar-brand[href="/"]')?.textContent).toBe('NeurIPS Proceedings')
    expect(doc.querySelector('footer a[href="https://neurips.cc/Help/Contact?select=Conference"]')?.textContent).toBe('Report an Issue')
    expect(doc.querySelectorAll('script')).toHaveLength(0)
  })
})

describe('year page', () => {
  const page = load('year.html')
  const cards = find(page)

  it('finds every entry once, in page order, keyed by its hash, with the toggles after the title', () => {
    const entries = [...page.doc.querySelectorAll('ul.paper-list > li')]
    expect(cards.map((card) => card.element)).toEqual(entries)
    expect(cards.map((card) => card.key)).toEqual(neurips.examples.find((example) => example.name === 'year')?.keys)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.controlsAfter).toBe(card.element.querySelector('a[title="paper title"]'))
      expect(card.aliases).toBeUndefined()
    }
  })

  it('reads title, authors and the volume, and links the abstract page on the host it was seen on', () => {
    expect(cards[0]?.ref).toEqual({
      key: 'neurips:0001ca33ba34ce0351e4612b744b3936',
      title: SAMS_VAE,
      authors: ['Michael Bereket', 'Theofanis Karaletsos'],
      journalRef: VOLUME_36,
      site: 'neurips',
      url: 'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html',
    })
    expect(cards[3]?.ref.authors).toEqual(['Ruida Zhou', 'Tao Liu', 'Min Cheng', 'Dileep Kalathil', 'P. R. Kumar', 'Chao Tian'])
    const onOtherHost = find(load('year.html', 'https://papers.nips.cc/paper_files/paper/2023'))
    expect(onOtherHost[0]?.ref.url).toBe(ABSTRACT)
  })

  it('reads a Datasets and Benchmarks entry as any other, names as the page writes them', () => {
    expect(cards[5]?.ref).toMatchObject({
      key: 'neurips:00ba06ba5c324efdfb068865ca44cf0b',
      title: 'Gigastep - One Billion Steps per Second Multi-agent Reinforcement Learning',
      url: 'https://proceedings.neurips.cc/paper_files/paper/2023/hash/00ba06ba5c324efdfb068865ca44cf0b-Abstract-Datasets_and_Benchmarks.html',
    })
    expect(cards[5]?.ref.authors.slice(0, 2)).toEqual(['Mathias Lechner', 'lianhao yin'])
  })

  it('reads the same cards at the older address, and none of another year', () => {
    const old = find(load('year.html', 'https://proceedings.neurips.cc/paper/2023'))
    expect(old.map((card) => card.key)).toEqual(cards.map((card) => card.key))
    expect(old[0]?.ref.url).toBe(cards[0]?.ref.url)
    expect(find(load('year.html', 'https://proceedings.neurips.cc/paper_files/paper/2024'))).toEqual([])
  })

  it('reads links to either host, and no link elsewhere', () => {
    const linked = load('year.html')
    const [first, second, third] = linked.doc.querySelectorAll('ul.paper-list > li > div > a')
    first?.setAttribute(
      'href',
      `http://papers.nips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html`,
    )
    second?.setAttribute(
      'href',
      'https://example.org/paper_files/paper/2023/hash/001608167bb652337af5df0129aeaabd-Abstract-Conference.html',
    )
    third?.setAttribute('href', '/paper_files/paper/2023/file/002262941c9edfd472a79298b2ac5e17-Paper-Conference.pdf')
    const found = find(linked)
    expect(found.map((card) => card.key)).toEqual(
      cards
        .slice(0, 1)
        .concat(cards.slice(3))
        .map((card) => card.key),
    )
    expect(found[0]?.ref.url).toBe(ABSTRACT)
  })

  it('reads only keys while scanning: a paper is read when first used', () => {
    const lazy = load('year.html')
    const found = find(lazy)
    const title = lazy.doc.querySelector('ul.paper-list a')
    if (title) title.textContent = 'Renamed after the scan'
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
    if (title) title.textContent = 'Renamed again'
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
  })

  it('gives no volume where the page names none, and the NeurIPS id where an entry has no title', () => {
    const bare = load('year.html')
    bare.doc.querySelector('h4')?.remove()
    bare.doc.querySelector('ul.paper-list a')?.replaceChildren()
    const [first] = find(bare)
    expect(first?.ref.title).toBe('NeurIPS 2023 0001ca33ba34ce0351e4612b744b3936')
    expect(first?.ref.journalRef).toBeUndefined()
  })
})

describe('a paper on arXiv and NeurIPS', () => {
  it('has the same title match key on both, the only thing they share', () => {
    const anesi = find(load('year.html'))[6]
    expect(anesi?.key).toBe('neurips:4d9944ab3330fe6af8efb9260aa9f307')
    // As the arXiv listing fixtures write it.
    const onArxiv = titleMatchKey('A-NeSI: A Scalable Approximate Method for Probabilistic Neurosymbolic Inference', [
      'Emile van Krieken',
      'Thiviyan Thanapalasingam',
      'Jakub M. Tomczak',
    ])
    expect(onArxiv).toBeDefined()
    expect(anesi && titleMatchKey(anesi.ref.title, anesi.ref.authors)).toBe(onArxiv)
  })
})

describe('abstract page', () => {
  const page = load('abstract.html')
  const cards = find(page)

  it('gives one detail card next to the title, with the volume and the abstract', () => {
    expect(cards).toHaveLength(1)
    const [card] = cards
    expect(card?.layout).toBe('detail')
    expect(card?.controlsAfter).toBe(page.doc.querySelector('h1.paper-title'))
    expect(card?.element).toBe(page.doc.querySelector('h1.paper-title')?.parentElement)
    expect(card?.ref).toEqual({
      key: 'neurips:0001ca33ba34ce0351e4612b744b3936',
      title: SAMS_VAE,
      authors: ['Michael Bereket', 'Theofanis Karaletsos'],
      journalRef: VOLUME_36,
      abstract: collapse(page.doc.querySelector('section.paper-section p:not(.paper-abstract)')?.textContent),
      site: 'neurips',
      url: ABSTRACT,
    })
    expect(card?.ref.abstract).toMatch(/^Generative models of observations .* scientific discovery\.$/)
  })

  it('reads the paper as its year entry does', () => {
    const [card] = cards
    const entry = find(load('year.html'))[0]
    expect(entry?.ref).toMatchObject({ title: card?.ref.title, authors: card?.ref.authors, journalRef: card?.ref.journalRef })
    expect(entry && titleMatchKey(entry.ref.title, entry.ref.authors)).toBe(card && titleMatchKey(card.ref.title, card.ref.authors))
  })

  it('keys by a DOI the page shows, keeping the NeurIPS id as an alias', () => {
    const linked = load('abstract.html')
    addLink(linked, 'https://doi.org/10.52202/075280-0001')
    const [card] = find(linked)
    expect(card?.key).toBe('doi:10.52202/075280-0001')
    expect(card?.aliases).toEqual(['neurips:0001ca33ba34ce0351e4612b744b3936'])
    expect(card?.ref).toMatchObject({ key: 'doi:10.52202/075280-0001', doi: '10.52202/075280-0001' })
    const tagged = load('abstract.html')
    setMeta(tagged, 'citation_doi', '10.52202/075280-0002')
    expect(find(tagged)[0]?.key).toBe('doi:10.52202/075280-0002')
  })

  it('has a publication day only where the page gives one, not the year alone', () => {
    expect(cards[0]?.ref.published).toBeUndefined()
    const dated = load('abstract.html')
    setMeta(dated, 'citation_publication_date', '2023/12/10')
    expect(find(dated)[0]?.ref.published).toBe('2023-12-10')
  })

  it('falls back to the citation tags for the authors and the title', () => {
    const bare = load('abstract.html')
    bare.doc.querySelector('p.paper-authors')?.remove()
    bare.doc.querySelector('h1.paper-title')?.replaceChildren()
    const [card] = find(bare)
    expect(card?.ref.authors).toEqual(['Michael Bereket', 'Theofanis Karaletsos'])
    expect(card?.ref.title).toBe(SAMS_VAE)
  })

  it('takes its id from the address, not from the page, lower-cased, on either host and path', () => {
    const [card] = find(
      load('abstract.html', 'https://proceedings.neurips.cc/paper/2023/hash/4D9944AB3330FE6AF8EFB9260AA9F307-Abstract.html'),
    )
    expect(card?.key).toBe('neurips:4d9944ab3330fe6af8efb9260aa9f307')
    expect(card?.ref.url).toBe('https://proceedings.neurips.cc/paper/2023/hash/4D9944AB3330FE6AF8EFB9260AA9F307-Abstract.html')
  })
})

describe('neurips ids', () => {
  it('name no page on their own: the abstract page needs the year, which the hash does not carry', () => {
    expect(keyPageUrl('neurips:0001ca33ba34ce0351e4612b744b3936')).toBeUndefined()
  })
})

describe('pages without cards', () => {
  it('finds nothing, and does not throw, on markup it does not know', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelectorAll('article.paper-card a[href*="/hash/"]')).toHaveLength(7)
    expect(() => find(page)).not.toThrow()
    expect(find(page)).toEqual([])
  })

  it('finds nothing on empty documents and on pages it does not annotate', () => {
    const year = load('year.html')
    year.doc.body.innerHTML = ''
    expect(find(year)).toEqual([])
    const abstract = load('abstract.html')
    abstract.doc.body.innerHTML = ''
    expect(find(abstract)).toEqual([])
    expect(find(load('year.html', 'https://proceedings.neurips.cc/'))).toEqual([])
    expect(find(load('year.html', 'https://proceedings.neurips.cc/paper_files/paper/2023/file/x-Paper-Conference.pdf'))).toEqual([])
  })
})

describe('URLs', () => {
  it.each([
    [YEAR, true],
    ['https://papers.nips.cc/paper_files/paper/1987/', true],
    ['https://proceedings.neurips.cc/paper/2019', true],
    [ABSTRACT, true],
    ['https://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html', true],
    [
      'https://proceedings.neurips.cc/paper_files/paper/2024/hash/000f947dcaff8fbffcc3f53a1314f358-Abstract-Datasets_and_Benchmarks_Track.html',
      true,
    ],
    ['https://proceedings.neurips.cc/', false],
    ['https://proceedings.neurips.cc/papers/search?q=zemel', false],
    ['https://proceedings.neurips.cc/paper_files/paper/2023/hash/', false],
    ['https://proceedings.neurips.cc/paper_files/paper/2023/hash/0001ca33-Abstract-Conference.html', false],
    ['https://proceedings.neurips.cc/paper_files/paper/2023/file/0001ca33ba34ce0351e4612b744b3936-Paper-Conference.pdf', false],
    ['https://proceedings.neurips.cc/paper_files/paper/2023/file/0001ca33ba34ce0351e4612b744b3936-Supplemental-Conference.pdf', false],
    ['https://proceedings.neurips.cc/paper_files/paper/20165-/bibtex', false],
    ['https://proceedings.neurips.cc/paper/2019/file/d0921d442ee91b896ad95059d13df618-Paper.pdf', false],
    ['https://proceedings.neurips.cc/paper_files/paper/2025/vol38-main-conference', false],
    ['https://papers.neurips.cc/paper_files/paper/2023', false],
    ['http://papers.nips.cc/paper_files/paper/2023', false],
  ])('%s is annotated: %s', (url, annotated) => {
    expect(neurips.matches(new URL(url))).toBe(annotated)
  })
})

describe('hostile text', () => {
  it('returns markup-looking text as literal text, clamps long titles and leaves the page untouched', () => {
    const page = load('year.html')
    const [first, second] = page.doc.querySelectorAll('ul.paper-list a')
    if (first) first.textContent = '<img src=x onerror=alert(1)> </script><script>alert(2)</script>'
    if (second) second.textContent = 'Long '.repeat(3000)
    const authors = page.doc.querySelector('.paper-authors')
    if (authors) authors.textContent = '<b onmouseover=alert(3)>X</b> Y, \u202Efdp.exe\u202C Z'
    const before = page.doc.documentElement.outerHTML
    const cards = find(page)
    expect(cards[0]?.ref.title).toBe('<img src=x onerror=alert(1)> </script><script>alert(2)</script>')
    expect(cards[0]?.ref.authors).toEqual(['<b onmouseover=alert(3)>X</b> Y', '\u202Efdp.exe\u202C Z'])
    expect(cards[1]?.ref.title).toHaveLength(LIMITS.titleLength)
    expect(cards[1]?.ref.title.endsWith('…')).toBe(true)
    expect(page.doc.documentElement.outerHTML).toBe(before)
    expect(page.doc.querySelectorAll('img[src="x"], script')).toHaveLength(0)
  })
})

describe('a long year', () => {
  // Parsed while collecting, as the long arXiv listing is: building the DOM is not the adapter's time.
  const page = parseSavedPage(longYear(3500), YEAR)

  it('finds all of a 3,500-entry year, each once, keyed by its own hash', () => {
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(longYearKeys(3500))
    expect(new Set(cards.map((card) => card.key)).size).toBe(3500)
    expect(cards[3499]?.ref.title).toBe('A-NeSI: A Scalable Approximate Method for Probabilistic Neurosymbolic Inference 499')
  })
})
