import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { scholar } from '../../../src/sites/scholar'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/scholar/', import.meta.url)

const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(scholar.examples),
  'empty.html': 'https://scholar.google.com/scholar?hl=en&q=zzqqxx+olympus+nonexistent',
  'changed-markup.html': 'https://scholar.google.com/scholar?hl=en&q=olympus&as_ylo=2002',
}

const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(read(name), url)
}

const find = (page: SavedPage): FoundCard[] => scholar.findCards(page.doc, page.url)

describe('Google Scholar results', () => {
  const page = load('results.html')
  const cards = find(page)

  it('finds every result once, in page order', () => {
    const results = [...page.doc.querySelectorAll('#gs_res_ccl_mid div.gs_r.gs_or.gs_scl[data-cid]')]
    expect(results).toHaveLength(10)
    expect(cards.map((card) => card.element)).toEqual(results)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.companions ?? []).toEqual([])
      // The controls follow the title, inside the card and outside Scholar's links row.
      expect(card.controlsAfter).toBe(card.element.querySelector('h3.gs_rt'))
      expect(card.controlsAfter.closest('.gs_fl')).toBeNull()
    }
  })

  it('keys a result by the arXiv paper its title or PDF link points to', () => {
    expect(cards[1]?.ref).toMatchObject({ key: 'arxiv:2404.14219', arxivId: '2404.14219', version: 2, site: 'scholar' })
    expect(cards[4]?.ref).toMatchObject({ key: 'arxiv:2404.07143', arxivId: '2404.07143' })
  })

  it("keeps Scholar's result id beside a better one, so the result finds the paper either way", () => {
    const cid = page.doc.querySelectorAll('#gs_res_ccl_mid div.gs_r[data-cid]')[1]?.getAttribute('data-cid')
    expect(cards[1]?.aliases).toEqual([`scholar:${cid}`])
    expect(cards[1]?.ref.aliases).toEqual([`scholar:${cid}`])
    expect(cards[0]?.aliases).toBeUndefined()
  })

  it('keys a result by the DOI in its publisher link when there is no arXiv link', () => {
    expect(cards[6]?.ref).toMatchObject({ key: 'doi:10.1002/jqs.691', doi: '10.1002/jqs.691' })
    expect(cards[6]?.ref.arxivId).toBeUndefined()
  })

  it("keys other results by Scholar's result id", () => {
    expect(cards[0]?.key).toBe('scholar:4qAC3XBmStsJ')
    expect(cards[2]?.key).toBe('scholar:eDyUGDpGRA4J')
  })

  it('reads titles without the [PDF] and [CITATION] labels', () => {
    expect(cards[0]?.ref.title).toBe('Geology of the Olympus Range Area, Southern Victoria Land')
    expect(cards[1]?.ref.title).toBe(
      'Plutonic rocks from the Cape Roberts hinterland: Wilson piedmont glacier, southern Victoria land, Antarctica',
    )
    for (const card of cards) expect(card.ref.title).not.toMatch(/\[(PDF|HTML|CITATION|BOOK|C)\]/)
  })

  it('reads authors from before the first dash, dropping names Scholar cut short', () => {
    expect(cards[0]?.ref.authors).toEqual(['MJ Isaac', 'TJ Chinn', 'SW Edbrooke', 'PJ Forsyth'])
    expect(cards[1]?.ref.authors).toEqual(['PJ Forsyth', 'N Mortimer', 'IM Turnbull'])
    // "S Bannister, J Yu, B Leitner… - Geophysical Journal…"
    expect(cards[5]?.ref.authors).toEqual(['S Bannister', 'J Yu'])
    expect(cards[9]?.ref.authors).toEqual(['B VandenHeuvel'])
  })

  it("links each paper to its Scholar cluster on the page's own host", () => {
    expect(cards[1]?.ref.url).toBe('https://scholar.google.com/scholar?cluster=8188755959889491825')
    const uk = find(load('results.html', 'https://scholar.google.co.uk/scholar?q=olympus'))
    expect(uk[1]?.ref.url).toBe('https://scholar.google.co.uk/scholar?cluster=8188755959889491825')
  })

  it('reads the second page as a page of its own', () => {
    const second = find(load('results-page2.html'))
    expect(second.map((card) => card.key)).toEqual(scholar.examples.find((example) => example.name === 'secondPage')?.keys)
  })

  it('finds nothing on a search without results', () => {
    expect(() => find(load('empty.html'))).not.toThrow()
    expect(find(load('empty.html'))).toEqual([])
  })

  it('finds nothing, and does not throw, when the markup has changed', () => {
    expect(() => find(load('changed-markup.html'))).not.toThrow()
    expect(find(load('changed-markup.html'))).toEqual([])
  })

  it('keeps hostile page text as text', () => {
    const hostile = read('results.html')
      .replace('Plutonic rocks from the Cape Roberts hinterland', '&lt;img src=x onerror=alert(1)&gt; Plutonic rocks')
      .replace('<b>PJ Forsyth</b>, <a', '&lt;script&gt;alert(1)&lt;/script&gt;, <a')
    const found = find(parseSavedPage(hostile, FIXTURE_URLS['results.html'] ?? ''))
    expect(found[1]?.ref.title.startsWith('<img src=x onerror=alert(1)> Plutonic rocks')).toBe(true)
    expect(found[1]?.ref.authors[0]).toBe('<script>alert(1)</script>')
  })

  it('ignores results whose id is not one Scholar gives', () => {
    const odd = read('results.html').replace('data-cid="eDyUGDpGRA4J"', 'data-cid="javascript:alert(1)"')
    const found = find(parseSavedPage(odd, FIXTURE_URLS['results.html'] ?? ''))
    expect(found).toHaveLength(9)
    expect(found.map((card) => card.key)).not.toContain('scholar:javascript:alert(1)')
  })
})

describe('Google Scholar profile', () => {
  const page = load('profile.html')
  const cards = find(page)

  it('finds every publication row once, in page order, with controls after the title', () => {
    const rows = [...page.doc.querySelectorAll('tr.gsc_a_tr')]
    expect(cards.map((card) => card.element)).toEqual(rows)
    for (const card of cards) expect(card.controlsAfter).toBe(card.element.querySelector('a.gsc_a_at'))
  })

  it('keys a row by the arXiv id its venue names, else by its citation id', () => {
    expect(cards.map((card) => card.key)).toEqual([
      'arxiv:2404.14219',
      'scholar:xTestUserAAAAJ:d1gkVwhDpl0C',
      'scholar:xTestUserAAAAJ:2osOgNQ5qMEC',
      'arxiv:2404.07143',
    ])
  })

  it('reads title, authors and the citation page', () => {
    expect(cards[1]?.ref).toMatchObject({
      title: 'Plutonic rocks from the Cape Roberts hinterland: Wilson piedmont glacier, southern Victoria land, Antarctica',
      authors: ['PJ Forsyth', 'N Mortimer', 'IM Turnbull'],
      url: 'https://scholar.google.com/citations?view_op=view_citation&user=xTestUserAAAAJ&citation_for_view=xTestUserAAAAJ:d1gkVwhDpl0C',
    })
    // "…, H Awadalla, N Bach, ..." is cut short by Scholar: the dots are not a name.
    expect(cards[0]?.ref.authors.at(-1)).toBe('N Bach')
  })
})
