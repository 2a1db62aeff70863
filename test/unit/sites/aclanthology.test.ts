import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { keyPageUrl } from '../../../src/core/key-kinds'
import { aclanthology, isFrontMatter } from '../../../src/sites/aclanthology'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/aclanthology/', import.meta.url)
const FIXTURE_URLS = savedFrom(aclanthology.examples)

function load(name: string): SavedPage {
  const url = FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => aclanthology.findCards(page.doc, page.url)
const at = (url: string) => aclanthology.matches(new URL(url))

/** A volume page whose entries are written here, to try what no fixture shows. */
function volumeOf(entries: string, url = 'https://aclanthology.org/volumes/P18-1/'): SavedPage {
  return parseSavedPage(
    `<!doctype html><html><body><section id=main><h2 id=title><a href=/P18-1.pdf>Proceedings of ACL 2018</a></h2><div>${entries}</div></section></body></html>`,
    url,
  )
}

function entry(id: string, title: string, extra = ''): string {
  return `<div class="d-sm-flex align-items-stretch mb-3"><div class="d-block me-2 list-button-row">${extra}</div><span class=d-block><strong><a class=align-middle href=/${id}/>${title}</a></strong><br><a href=/people/ada-lovelace/>Ada Lovelace</a></span></div>`
}

describe('aclanthology fixtures', () => {
  it.each(Object.entries(FIXTURE_URLS))('%s is an Anthology page of %s', (name) => {
    const { doc } = load(name)
    expect(doc.doctype?.name).toBe('html')
    expect(doc.title).toMatch(/ - ACL Anthology$/)
    expect(doc.querySelector('section#main h2#title')).not.toBeNull()
  })
})

describe('event page', () => {
  const page = load('event.html')
  const cards = find(page)

  it('finds every paper entry once, in page order, across its volumes but not their front matter', () => {
    const entries = [...page.doc.querySelectorAll('div.d-sm-flex.align-items-stretch')]
    expect(entries).toHaveLength(12)
    const frontMatter = [entries[0], entries[9]]
    expect(frontMatter.map((entry) => entry?.querySelector('strong a')?.textContent)).toEqual([
      'Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing',
      'Findings of the Association for Computational Linguistics: EMNLP 2023',
    ])
    expect(cards.map((card) => card.element)).toEqual(entries.filter((entry) => !frontMatter.includes(entry)))
    expect(cards.every((card) => card.layout === 'card' && card.aliases === undefined)).toBe(true)
  })

  it('puts the controls after the title and reads title, authors, abstract and volume when asked', () => {
    const card = cards[6]!
    expect(card.controlsAfter.localName).toBe('strong')
    expect(card.ref).toEqual({
      key: 'acl:2023.emnlp-main.7',
      title: 'PHD: Pixel-Based Language Modeling of Historical Documents',
      authors: ['Nadav Borenstein', 'Phillip Rust', 'Desmond Elliott', 'Isabelle Augenstein'],
      site: 'aclanthology',
      url: 'https://aclanthology.org/2023.emnlp-main.7/',
      abstract: expect.stringMatching(/^The digitisation of historical documents .* highlighting its usefulness in this domain\.$/),
      journalRef: 'Proceedings of the 2023 Conference on Empirical Methods in Natural Language Processing',
    })
  })

  it("gives each entry its own section's volume", () => {
    const findings = cards[9]!
    expect(findings.ref).toMatchObject({
      key: 'acl:2023.findings-emnlp.2',
      title: 'Guiding AMR Parsing with Reverse Graph Linearization',
      journalRef: 'Findings of the Association for Computational Linguistics: EMNLP 2023',
    })
    expect(findings.ref.authors.at(-1)).toBe('Baobao Chang')
    expect(findings.ref.abstract).toMatch(
      /The code are available at https:\/\/github\.com\/pkunlp-icler\/AMR_reverse_graph_linearization\.$/,
    )
  })

  it('finds every entry of an event of hundreds of papers across its volumes, each once with its own volume', () => {
    // The saved event's volumes grown to the size of a real one: each section's last entry copied 250 times.
    const long = load('event.html')
    for (const section of long.doc.querySelectorAll('section#main div[id] > h4')) {
      const entries = [...(section.parentElement?.querySelectorAll(':scope > div.d-sm-flex') ?? [])]
      const last = entries.at(-1)!
      const id = last
        .querySelector('strong a')!
        .getAttribute('href')!
        .replace(/^\/|\.\d+\/?$/g, '')
      const copies = Array.from({ length: 250 }, (_, index) => {
        const copy = last.cloneNode(true) as Element
        copy.querySelector('strong a')!.setAttribute('href', `/${id}.${100 + index}/`)
        return copy
      })
      last.after(...copies)
    }
    const all = find(long)
    expect(all).toHaveLength(cards.length + 500)
    expect(new Set(all.map((card) => card.key)).size).toBe(all.length)
    expect(all.at(-1)?.key).toBe('acl:2023.findings-emnlp.349')
    expect(all.at(-1)?.ref.journalRef).toBe('Findings of the Association for Computational Linguistics: EMNLP 2023')
  })

  it('reads no paper details while scanning', () => {
    const scanned = find(page)
    expect(scanned.every((card) => Object.getOwnPropertyDescriptor(card, 'ref')?.get !== undefined)).toBe(true)
  })
})

describe('volume page', () => {
  const page = load('volume.html')
  const cards = find(page)

  it('keys an entry that links arXiv by its arXiv id, with its Anthology id as an alias', () => {
    const linked = cards[2]!
    expect(linked.key).toBe('arxiv:2404.14047')
    expect(linked.aliases).toEqual(['acl:2023.findings-emnlp.3'])
    expect(linked.ref).toMatchObject({ arxivId: '2404.14047', aliases: ['acl:2023.findings-emnlp.3'] })
    expect(linked.ref.title).toBe('How Good Are Low-bit Quantized LLaMA3 Models? An Empirical Study')
  })

  it('reads an entry with its collapsed abstract and the volume title as its venue', () => {
    const aksharantar = cards[3]!
    expect(aksharantar.key).toBe('acl:2023.findings-emnlp.4')
    expect(aksharantar.ref.title).toBe('Aksharantar: Open Indic-language Transliteration datasets and models for the Next Billion Users')
    expect(aksharantar.ref.authors).toHaveLength(8)
    expect(aksharantar.ref.abstract).toMatch(/^Transliteration is very important in the Indian language context/)
    expect(aksharantar.ref.journalRef).toBe('Findings of the Association for Computational Linguistics: EMNLP 2023')
  })

  it('reads the entry of the saved paper page as that page shows it', () => {
    const huatuo = cards.at(-1)!
    expect(huatuo.key).toBe('acl:2023.findings-emnlp.725')
    expect(huatuo.ref.title).toBe('HuatuoGPT, Towards Taming Language Model to Be a Doctor')
    expect(huatuo.ref.authors).toHaveLength(13)
    expect(huatuo.ref.authors.slice(0, 2)).toEqual(['Hongbo Zhang', 'Junying Chen'])
    expect(huatuo.ref.abstract).toMatch(/^In this paper, we present HuatuoGPT, .* distilled data from ChatGPT and real-world/)
    expect(huatuo.ref.journalRef).toBe('Findings of the Association for Computational Linguistics: EMNLP 2023')
    expect(huatuo.ref.doi).toBeUndefined()
  })
})

describe('paper page', () => {
  const page = load('paper.html')
  const [card, ...rest] = find(page)

  it('keys the paper by the DOI it shows, with its Anthology id as an alias', () => {
    expect(rest).toEqual([])
    expect(card?.key).toBe('doi:10.18653/v1/2023.findings-emnlp.725')
    expect(card?.aliases).toEqual(['acl:2023.findings-emnlp.725'])
    expect(card?.layout).toBe('detail')
    expect(card?.controlsAfter).toBe(page.doc.querySelector('h2#title'))
  })

  it('reads title, authors, abstract and volume', () => {
    expect(card?.ref).toMatchObject({
      title: 'HuatuoGPT, Towards Taming Language Model to Be a Doctor',
      doi: '10.18653/v1/2023.findings-emnlp.725',
      url: 'https://aclanthology.org/2023.findings-emnlp.725/',
      journalRef: 'Findings of the Association for Computational Linguistics: EMNLP 2023',
    })
    expect(card?.ref.authors).toHaveLength(13)
    expect(card?.ref.authors[6]).toBe('Guiming Chen')
    expect(card?.ref.abstract).toMatch(/^In this paper, we present HuatuoGPT/)
    expect(card?.ref.abstract).not.toContain('Abstract')
  })

  it('takes no DOI from details that name another paper', () => {
    const other = parseSavedPage(page.doc.documentElement.outerHTML, 'https://aclanthology.org/2023.findings-emnlp.724/')
    const [shown] = aclanthology.findCards(other.doc, other.url)
    expect(shown?.key).toBe('acl:2023.findings-emnlp.724')
    expect(shown?.ref.doi).toBeUndefined()
    expect(shown?.ref.journalRef).toBeUndefined()
  })
})

describe('paper page of a legacy id, in the Bootstrap 4 markup', () => {
  const page = load('paper-legacy.html')
  const [card, ...rest] = find(page)

  it('keys a paper without a DOI by its Anthology id', () => {
    expect(rest).toEqual([])
    expect(card?.key).toBe('acl:N04-1001')
    expect(card?.aliases).toBeUndefined()
    expect(card?.layout).toBe('detail')
    expect(card?.controlsAfter).toBe(page.doc.querySelector('h2#title'))
  })

  it('reads title, authors and volume, and no abstract where the page shows none', () => {
    expect(card?.ref).toEqual({
      key: 'acl:N04-1001',
      title: 'A Statistical Model for Multilingual Entity Detection and Tracking',
      authors: ['R. Florian', 'H. Hassan', 'A. Ittycheriah', 'H. Jing', 'N. Kambhatla', 'X. Luo', 'N. Nicolov', 'S. Roukos'],
      site: 'aclanthology',
      url: 'https://aclanthology.org/N04-1001/',
      journalRef:
        'Proceedings of the Human Language Technology Conference of the North American Chapter of the Association for Computational Linguistics: HLT-NAACL 2004',
    })
  })
})

describe('entries', () => {
  it('key legacy ids, and skip legacy front matter', () => {
    const page = volumeOf(entry('P18-1000', 'Proceedings of ACL 2018') + entry('P18-1001', 'First') + entry('P18-1100', 'Hundredth'))
    expect(aclanthology.findCards(page.doc, page.url).map((card) => card.key)).toEqual(['acl:P18-1001', 'acl:P18-1100'])
  })

  it('keep hostile text as text', () => {
    const page = volumeOf(entry('P18-1002', '&lt;img src=x onerror=alert(1)&gt; <b>Bold</b> &amp; plain'))
    const [card] = aclanthology.findCards(page.doc, page.url)
    expect(card?.ref.title).toBe('<img src=x onerror=alert(1)> Bold & plain')
    expect(page.doc.querySelector('img')).toBeNull()
  })

  it('ignore links to other pages and other hosts', () => {
    const page = volumeOf(
      entry('people/ada-lovelace', 'An author') +
        '<div class=d-sm-flex><strong><a href=https://example.org/P18-1003/>Elsewhere</a></strong></div>' +
        entry('P18-1004', 'Kept'),
    )
    expect(aclanthology.findCards(page.doc, page.url).map((card) => card.key)).toEqual(['acl:P18-1004'])
  })

  it('find nothing in a layout the adapter does not know', () => {
    expect(find(load('changed-markup.html'))).toEqual([])
  })
})

describe('front matter', () => {
  it.each([
    ['2024.acl-long.0', true],
    ['2024.acl-long.1', false],
    ['2024.acl-long.10', false],
    ['P18-1000', true],
    ['P18-1001', false],
    ['P18-1100', false],
    ['W18-2500', true],
    ['W18-2501', false],
    ['W18-1000', true],
    ['D19-5000', true],
    ['D19-5100', true],
    ['D19-1100', false],
    ['C69-0100', true],
  ])('%s: %s', (id, expected) => {
    expect(isFrontMatter(id)).toBe(expected)
  })

  it('has a page that is not annotated', () => {
    expect(at('https://aclanthology.org/2024.acl-long.0/')).toBe(false)
    expect(at('https://aclanthology.org/P18-1000/')).toBe(false)
  })
})

describe('pages', () => {
  it.each([
    'https://aclanthology.org/events/acl-2024/',
    'https://aclanthology.org/events/coling-2025',
    'https://aclanthology.org/volumes/2024.findings-acl/',
    'https://aclanthology.org/volumes/W18-25/',
    'https://aclanthology.org/2024.acl-long.1/',
    'https://aclanthology.org/2024.acl-long.1',
    'https://aclanthology.org/Q18-1001/',
  ])('annotates %s', (url) => {
    expect(at(url)).toBe(true)
  })

  it.each([
    'https://aclanthology.org/',
    'https://aclanthology.org/people/pan-lu/',
    'https://aclanthology.org/venues/acl/',
    'https://aclanthology.org/events/',
    'https://aclanthology.org/volumes/2024.acl-long.bib',
    'https://aclanthology.org/2024.acl-long.1.pdf',
    'https://aclanthology.org/2024.acl-long.1.bib',
    'https://aclanthology.org/P18-1001.pdf',
    'https://aclanthology.org/Papers/',
    'https://aclanthology.org/2024.acl-long.1/extra/',
  ])('leaves %s alone', (url) => {
    expect(at(url)).toBe(false)
  })

  it('links exports of a paper known only by its Anthology id to its page', () => {
    expect(keyPageUrl('acl:2024.acl-long.1')).toBe('https://aclanthology.org/2024.acl-long.1/')
    expect(keyPageUrl('acl:P18-1001')).toBe('https://aclanthology.org/P18-1001/')
  })
})
