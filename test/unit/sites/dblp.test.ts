import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { keyPageUrl } from '../../../src/core/key-kinds'
import { LIMITS } from '../../../src/core/limits'
import { titleMatchKey } from '../../../src/core/title-match'
import { isPaperKey } from '../../../src/core/validation'
import { parsePaperRef } from '../../../src/platform/request-parser'
import { dblp } from '../../../src/sites/dblp'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/dblp/', import.meta.url)
const FIXTURE_URLS = savedFrom(dblp.examples)
const ENTRIES = 'ul.publ-list > li.entry'

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => dblp.findCards(page.doc, page.url)
const keysOf = (name: string) => dblp.examples.find((example) => example.fixture === name)?.keys
const cardOf = (cards: FoundCard[], alias: string) => cards.find((card) => card.key === alias || card.aliases?.includes(alias))

/** Adds an electronic edition to the `index`th entry's "view" menu, as dblp writes them today. */
function addEdition(page: SavedPage, index: number, href: string): void {
  const item = page.doc.createElement('li')
  item.className = 'ee'
  const link = page.doc.createElement('a')
  link.setAttribute('href', href)
  link.setAttribute('itemprop', 'url')
  item.append(link)
  page.doc.querySelectorAll(`${ENTRIES} nav.publ`)[index]?.append(item)
}

describe('dblp fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is a dblp page', (name) => {
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.title).toMatch(/^dblp: /)
  })
})

describe('person page', () => {
  const page = load('person.html')
  const cards = find(page)

  it('finds every publication once, in page order, and never a year header or a coauthor', () => {
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll(ENTRIES)])
    expect(cards.map((card) => card.key)).toEqual(keysOf('person.html'))
    expect(page.doc.querySelectorAll('ul.publ-list > li.year')).toHaveLength(5)
    expect(page.doc.querySelectorAll('#coauthor-section .person')).toHaveLength(4)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.controlsAfter).toBe(card.element.querySelector('.data .title'))
    }
  })

  it('keeps the dblp key of every entry, beside the arXiv id or DOI its edition names', () => {
    for (const card of cards) {
      const key = `dblp:${card.element.id}`
      expect(card.key === key || card.aliases?.includes(key)).toBe(true)
      expect(isPaperKey(key)).toBe(true)
    }
  })

  it('reads title without dblp’s final period, authors, the venue with its year, and links the record', () => {
    expect(cardOf(cards, 'dblp:journals/siamrev/ClausetSN09')?.ref).toEqual({
      key: 'doi:10.1137/070710111',
      aliases: ['dblp:journals/siamrev/ClausetSN09'],
      title: 'Power-Law Distributions in Empirical Data',
      authors: ['Aaron Clauset', 'Cosma Rohilla Shalizi', 'Mark E. J. Newman'],
      doi: '10.1137/070710111',
      journalRef: 'SIAM Review 51(4): 661-703 (2009)',
      site: 'dblp',
      url: 'https://dblp.org/rec/journals/siamrev/ClausetSN09.html',
    })
    expect(cardOf(cards, 'dblp:conf/aaai/PeelC15')?.ref.journalRef).toBe('AAAI 2015: 2914-2920')
  })

  it('keeps a venue of any length within the limit, still ending with its year, so the paper can be saved', () => {
    const page = load('person.html')
    const entry = page.doc.getElementById('journals/siamrev/ClausetSN09')!
    entry.querySelector('[itemprop="isPartOf"] [itemprop="name"]')!.textContent = 'x'.repeat(10_240)
    const ref = cardOf(find(page), 'dblp:journals/siamrev/ClausetSN09')!.ref
    expect(ref.journalRef!.length).toBeLessThanOrEqual(LIMITS.fieldLength)
    expect(ref.journalRef).toMatch(/^x+…, 2009$/)
    expect(parsePaperRef(ref).ok).toBe(true)
  })

  it('keys a CoRR entry by its arXiv id, old-style ones too, and gives a preprint no venue', () => {
    expect(cardOf(cards, 'dblp:journals/corr/abs-physics-0610051')?.ref).toEqual({
      key: 'arxiv:physics/0610051',
      aliases: ['dblp:journals/corr/abs-physics-0610051'],
      arxivId: 'physics/0610051',
      title: 'Structural Inference of Hierarchies in Networks',
      authors: ['Aaron Clauset', 'Cristopher Moore', 'Mark E. J. Newman'],
      site: 'dblp',
      url: 'https://dblp.org/rec/journals/corr/abs-physics-0610051.html',
    })
  })

  it('knows a paper by its dblp key when no edition names an arXiv id or DOI (ACM’s old resolver, doi.acm.org, is none)', () => {
    const mason = cardOf(cards, 'dblp:conf/cscw/MasonC13')
    expect(mason?.key).toBe('dblp:conf/cscw/MasonC13')
    expect(mason?.aliases).toBeUndefined()
  })

  it('gives a conference paper and its CoRR preprint the same title match key, the only thing they share', () => {
    const aaai = cardOf(cards, 'dblp:conf/aaai/PeelC15')
    const corr = cardOf(cards, 'dblp:journals/corr/PeelC14')
    expect(aaai?.key).toBe('dblp:conf/aaai/PeelC15')
    expect(corr?.key).toBe('arxiv:1403.0989')
    const key = aaai && titleMatchKey(aaai.ref.title, aaai.ref.authors)
    expect(key).toBeDefined()
    expect(corr && titleMatchKey(corr.ref.title, corr.ref.authors)).toBe(key)
  })

  it('reads the same cards on dblp.org and on the Dagstuhl mirror', () => {
    for (const at of ['https://dblp.org/pid/97/4275.html', 'https://dblp.dagstuhl.de/pid/97/4275', 'https://dblp.org/pid/97/4275']) {
      expect(find(load('person.html', at)).map((card) => card.key)).toEqual(keysOf('person.html'))
    }
  })
})

describe('table of contents', () => {
  const page = load('toc.html')
  const cards = find(page)

  it('finds every paper of every section, keyed by its dblp key when it links only a PDF', () => {
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll(ENTRIES)])
    expect(cards.map((card) => card.key)).toEqual(keysOf('toc.html'))
    expect(cards.every((card) => card.aliases === undefined)).toBe(true)
  })

  it('names the volume the page lists, and authors as shown, without dblp’s homonym numbers', () => {
    expect(cards[5]?.ref).toEqual({
      key: 'dblp:conf/at/HornauerFLS12',
      title: 'Supervised Task Performance of an Autonomous UAV Swarm, Supporting and Implementing Fire-Fighting Procedures',
      authors: ['Sascha Hornauer', 'Florian Frische', 'Andreas Lüdtke', 'Jürgen Sauer'],
      journalRef: '1. AT 2012: Dubrovnik, Croatia',
      site: 'dblp',
      url: 'https://dblp.org/rec/conf/at/HornauerFLS12.html',
    })
    expect(page.doc.querySelector('[title="Jürgen Sauer 0001"]')).not.toBeNull()
  })

  it('keys by the arXiv id an edition links, else its DOI, keeping the dblp key as an alias', () => {
    const linked = load('toc.html')
    addEdition(linked, 0, 'https://doi.org/10.1234/AT.2012.1')
    addEdition(linked, 0, 'https://arxiv.org/abs/1207.0001v2')
    addEdition(linked, 1, 'https://doi.org/10.1234/AT.2012.1')
    const [first, second] = find(linked)
    expect(first?.key).toBe('arxiv:1207.0001')
    expect(first?.aliases).toEqual(['dblp:conf/at/Sierra12', 'doi:10.1234/at.2012.1'])
    expect(first?.ref).toMatchObject({ arxivId: '1207.0001', version: 2, doi: '10.1234/at.2012.1' })
    expect(second?.key).toBe('doi:10.1234/at.2012.1')
    expect(second?.aliases).toEqual(['dblp:conf/at/Noriega12'])
  })

  it('reads only keys while scanning: a paper is read when first used', () => {
    const lazy = load('toc.html')
    const found = find(lazy)
    const title = lazy.doc.querySelector(`${ENTRIES} .title`)
    if (title) title.textContent = 'Renamed after the scan.'
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
    if (title) title.textContent = 'Renamed again.'
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
  })

  it('keeps a title’s own final marks, and falls back to the dblp key for an empty one', () => {
    const titles = load('toc.html')
    const [first, second, third] = titles.doc.querySelectorAll(`${ENTRIES} .title`)
    if (first) first.textContent = 'Does Search Negotiate?'
    if (second) second.textContent = 'To be continued...'
    third?.replaceChildren()
    expect(
      find(titles)
        .map((card) => card.ref.title)
        .slice(0, 3),
    ).toEqual(['Does Search Negotiate?', 'To be continued...', 'dblp conf/at/Plaza12'])
  })

  it('gives an edited volume (an editorship) no toggles', () => {
    const edited = load('toc.html')
    edited.doc.querySelector(ENTRIES)?.classList.replace('inproceedings', 'editor')
    expect(find(edited).map((card) => card.key)).toEqual(keysOf('toc.html')?.slice(1))
  })
})

describe('search results', () => {
  const page = load('search.html')
  const cards = find(page)

  it('finds every result once, in page order, and no person the search also found', () => {
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll(`#completesearch-publs ${ENTRIES}`)])
    expect(cards.map((card) => card.key)).toEqual(keysOf('search.html'))
    expect(page.doc.querySelectorAll('#completesearch-authors .result-list > li')).toHaveLength(2)
  })

  it('keys a CoRR entry by the arXiv DOI it links, the paper an arXiv listing shows', () => {
    expect(cards[0]?.ref).toEqual({
      key: 'arxiv:2404.19756',
      aliases: ['dblp:journals/corr/abs-2404-19756'],
      arxivId: '2404.19756',
      title: 'KAN: Kolmogorov-Arnold Networks',
      authors: [
        'Ziming Liu',
        'Yixuan Wang',
        'Sachin Vaidya',
        'Fabian Ruehle',
        'James Halverson',
        'Marin Soljačić',
        'Thomas Y. Hou',
        'Max Tegmark',
      ],
      site: 'dblp',
      url: 'https://dblp.org/rec/journals/corr/abs-2404-19756.html',
    })
    expect(cardOf(cards, 'dblp:journals/corr/abs-2202-07233')?.ref.arxivId).toBe('2202.07233')
  })

  it('reads journal, book and workshop venues as dblp writes them', () => {
    expect(cardOf(cards, 'dblp:journals/ese/CalefatoGILS22')?.ref.journalRef).toBe('Empir. Softw. Eng. 27(3): 76 (2022)')
    expect(cardOf(cards, 'dblp:books/sp/22/LazaroAFCGGCCVFHSPS22')?.ref.journalRef).toBe(
      'Technologies and Applications for Big Data Value 2022: 373-397',
    )
    expect(cardOf(cards, 'dblp:conf/aiia/QuarantaCL21')?.ref.journalRef).toBe('DP@AI*IA 2021: 65-76')
  })

  it('keeps a conference paper and its preprint apart when each has its own DOI or arXiv id', () => {
    const esem = cardOf(cards, 'dblp:conf/esem/CalefatoQLK23')
    const corr = cardOf(cards, 'dblp:journals/corr/abs-2307-10774')
    expect(esem?.ref.title).toBe(corr?.ref.title)
    expect([esem?.key, corr?.key]).toEqual(['doi:10.1109/esem56168.2023.10304796', 'arxiv:2307.10774'])
  })

  it('finds the results its script renders after load, once they are there', () => {
    const late = load('late-search.html')
    expect(find(late)).toEqual([])
    expect(dblp.hasNoPapers?.(late.doc, late.url)).toBe(false)
    const template = late.doc.getElementById('late-publs') as HTMLTemplateElement | null
    late.doc.querySelector('#completesearch-publs > div.body')?.append(template?.content.cloneNode(true) ?? '')
    expect(find(late).map((card) => card.key)).toEqual(keysOf('search.html'))
  })

  it('says a search that found nothing has no papers, and only then', () => {
    const none = load('no-matches.html')
    expect(find(none)).toEqual([])
    expect(dblp.hasNoPapers?.(none.doc, none.url)).toBe(true)
    expect(dblp.hasNoPapers?.(page.doc, page.url)).toBe(false)
    expect(dblp.hasNoPapers?.(none.doc, new URL('https://dblp.org/db/conf/at/at2012.html'))).toBe(false)
  })
})

describe('dblp keys', () => {
  it('link to the record page in exports, and only well-formed ones', () => {
    expect(keyPageUrl('dblp:conf/nips/VaswaniSPUJGKP17')).toBe('https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html')
    expect(keyPageUrl('dblp:books/sp/22/LazaroAFCGGCCVFHSPS22')).toBe('https://dblp.org/rec/books/sp/22/LazaroAFCGGCCVFHSPS22.html')
    expect(keyPageUrl('dblp:journals/corr/abs-physics-0610051')).toBe('https://dblp.org/rec/journals/corr/abs-physics-0610051.html')
    for (const key of ['dblp:conf/x', 'dblp:conf/../x', 'dblp:conf/at/../../pid', 'dblp:a/b/c/d/e', 'dblp:conf/a b/c', 'dblp:Conf/a/b']) {
      expect(keyPageUrl(key)).toBeUndefined()
    }
  })

  it('are paper keys the shelf accepts', () => {
    expect(isPaperKey('dblp:conf/nips/VaswaniSPUJGKP17')).toBe(true)
    expect(isPaperKey('dblp:books/sp/22/LazaroAFCGGCCVFHSPS22')).toBe(true)
  })

  it('take entries whose id is no record key for no paper', () => {
    const odd = load('toc.html')
    odd.doc.querySelector(ENTRIES)?.setAttribute('id', 'conf/../../x')
    odd.doc.querySelectorAll(ENTRIES)[1]?.removeAttribute('id')
    expect(find(odd).map((card) => card.key)).toEqual(keysOf('toc.html')?.slice(2))
  })
})

describe('pages without cards', () => {
  it('finds nothing, and does not throw, on markup it does not know', () => {
    const page = load('changed-markup.html')
    expect(page.doc.querySelectorAll('article.publication')).toHaveLength(6)
    expect(() => find(page)).not.toThrow()
    expect(find(page)).toEqual([])
    expect(dblp.hasNoPapers?.(page.doc, page.url)).toBe(false)
  })

  it('finds nothing on empty documents', () => {
    for (const name of ['person.html', 'toc.html', 'search.html']) {
      const page = load(name)
      page.doc.body.innerHTML = ''
      expect(find(page)).toEqual([])
    }
  })
})

describe('URLs', () => {
  it.each([
    ['https://dblp.org/pid/97/4275.html', true],
    ['https://dblp.org/pid/48/5662', true],
    ['https://dblp.org/pid/s/CarlesSierra.html', true],
    ['https://dblp.uni-trier.de/pid/97/4275.html', true],
    ['https://dblp.org/db/conf/at/at2012.html', true],
    ['https://dblp.org/db/journals/tods/tods31.html', true],
    ['https://dblp.org/search?q=calefato', true],
    ['https://dblp.org/search/publ?q=calefato', true],
    ['https://dblp.org/db/conf/at/index.html', false],
    ['https://dblp.org/db/journals/tods/index.html', false],
    ['https://dblp.org/db/conf/at/', false],
    ['https://dblp.org/pid/97/4275.xml', false],
    ['https://dblp.org/pid/97/4275.bib', false],
    ['https://dblp.org/pers/hd/c/Clauset:Aaron', false],
    ['https://dblp.org/rec/conf/at/Sierra12.html', false],
    ['https://dblp.org/search', false],
    ['https://dblp.org/search/publ/api?q=calefato', false],
    ['https://dblp.org/search/author?q=calefato', false],
    ['https://dblp.org/db/series/ceurws/ceurws2600-2699.html', false],
    ['http://dblp.org/search?q=calefato', false],
    ['https://dblp2.uni-trier.de/pid/97/4275.html', false],
  ])('%s is annotated: %s', (url, annotated) => {
    expect(dblp.matches(new URL(url))).toBe(annotated)
  })
})

describe('hostile text', () => {
  it('returns markup-looking text as literal text, clamps long titles and leaves the page untouched', () => {
    const page = load('toc.html')
    const [first, second] = page.doc.querySelectorAll(`${ENTRIES} .title`)
    if (first) first.textContent = '<img src=x onerror=alert(1)> </script><script>alert(2)</script>'
    if (second) second.textContent = 'Long '.repeat(3000)
    const author = page.doc.querySelector(`${ENTRIES} [itemprop="author"] [itemprop="name"]`)
    if (author) author.textContent = '<b onmouseover=alert(3)>X</b> \u202Efdp.exe\u202C'
    const before = page.doc.documentElement.outerHTML
    const cards = find(page)
    expect(cards[0]?.ref.title).toBe('<img src=x onerror=alert(1)> </script><script>alert(2)</script>')
    expect(cards[0]?.ref.authors).toEqual(['<b onmouseover=alert(3)>X</b> \u202Efdp.exe\u202C'])
    expect(cards[1]?.ref.title).toHaveLength(LIMITS.titleLength)
    expect(cards[1]?.ref.title.endsWith('…')).toBe(true)
    expect(page.doc.documentElement.outerHTML).toBe(before)
    expect(page.doc.querySelectorAll('img[src="x"], script')).toHaveLength(0)
  })
})
