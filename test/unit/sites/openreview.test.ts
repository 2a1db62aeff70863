import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { openreview } from '../../../src/sites/openreview'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/openreview/', import.meta.url)
const GROUP_URL = 'https://openreview.net/group?id=AKBC.ws/2021/Workshop/CSKB#tab-accept-oral'

const FIXTURE_URLS: Readonly<Record<string, string>> = {
  ...savedFrom(openreview.examples),
  'changed-markup.html': GROUP_URL,
}

const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8')

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(read(name), url)
}

const find = (page: SavedPage): FoundCard[] => openreview.findCards(page.doc, page.url)
const exampleKeys = (name: string) => openreview.examples.find((example) => example.name === name)?.keys

describe('OpenReview venue group page', () => {
  const page = load('group.html')
  const cards = find(page)

  it('finds every note of every tab pane once, in page order, the hidden pane included', () => {
    const notes = [...page.doc.querySelectorAll('ul.list-paginated > li > div.note')]
    expect(notes).toHaveLength(13)
    expect(cards.map((card) => card.element)).toEqual(notes)
    const panes = cards.map((card) => card.element.closest('.tab-pane')?.id)
    expect(panes.filter((id) => id === 'accept-oral')).toHaveLength(6)
    expect(panes.filter((id) => id === 'accept-poster')).toHaveLength(7)
    for (const card of cards) {
      expect(card.layout).toBe('card')
      expect(card.controlsAfter).toBe(card.element.querySelector(':scope > h4'))
    }
  })

  it('keys a note by its forum id, keeping its case and its - and _', () => {
    expect(cards.map((card) => card.key)).toEqual(exampleKeys('group'))
    expect(cards[0]?.key).toBe('openreview:9_oCNR6R9l2')
    expect(cards[4]?.key).toBe('openreview:BigczdxQlGm')
    expect(cards[7]?.key).toBe('openreview:vtZzRb1471-')
    for (const card of cards) expect(card.aliases ?? []).toEqual([])
  })

  it('reads title, authors, date, venue and the forum URL', () => {
    expect(cards[0]?.ref).toMatchObject({
      key: 'openreview:9_oCNR6R9l2',
      title: 'Artefact Retrieval: Overview of NLP Models with Knowledge Base Access',
      authors: ['Vilém Zouhar', 'Marius Mosbach', 'Debanjali Biswas', 'Dietrich Klakow'],
      site: 'openreview',
      url: 'https://openreview.net/forum?id=9_oCNR6R9l2',
      published: '2021-10-05',
      journalRef: 'AKBC 2021 Workshop CSKB Oral',
    })
    // An author given by email is still a name on the card.
    expect(cards[1]?.ref.authors).toContain('Teruko Mitamura')
    expect(cards[1]?.ref.authors).toHaveLength(7)
  })

  it('reads the abstract when the details are expanded; collapsed details are not in the page', () => {
    expect(cards[1]?.ref.abstract).toMatch(/^Visual grounding helps text generation models/)
    expect(cards[1]?.ref.abstract).not.toContain('Abstract:')
    expect(cards[0]?.element.querySelector('.note-content')).toBeNull()
    expect(cards[0]?.ref.abstract).toBeUndefined()
  })

  it('puts no toggles on the tabs, the header or the footer', () => {
    for (const card of cards) expect(card.element.closest('#notes .tab-content')).not.toBeNull()
  })

  it('keys a note by the arXiv paper or DOI its own links name, with its forum as an alias', () => {
    const linked = read('group.html')
      .replace(
        '<a href="/forum?id=WnIpeFJgSZy">',
        '<a href="https://arxiv.org/abs/2109.00001v2" class="html-link" title="Open Website">x</a><a href="/forum?id=WnIpeFJgSZy">',
      )
      .replace(
        'Keywords:</strong> <span class="note-content-value">commonsense',
        'DOI:</strong> <span class="note-content-value"><a href="https://doi.org/10.18653/V1/2021.X-1.2">10.18653/v1/2021.x-1.2</a></span></div><div><strong class="note-content-field">Keywords:</strong> <span class="note-content-value">commonsense',
      )
    const found = find(parseSavedPage(linked, GROUP_URL))
    expect(found[2]).toMatchObject({ key: 'arxiv:2109.00001', aliases: ['openreview:WnIpeFJgSZy'] })
    expect(found[2]?.ref).toMatchObject({ arxivId: '2109.00001', version: 2, url: 'https://openreview.net/forum?id=WnIpeFJgSZy' })
    expect(found[1]).toMatchObject({ key: 'doi:10.18653/v1/2021.x-1.2', aliases: ['openreview:MvFv92fUFof'] })
  })

  it('does not take an id a note merely cites in its abstract', () => {
    const citing = read('group.html').replace(
      'We retrieve images',
      '<a href="https://arxiv.org/abs/1706.03762">arXiv</a> <a href="https://doi.org/10.1000/xyz">doi</a> We retrieve images',
    )
    expect(find(parseSavedPage(citing, GROUP_URL))[1]?.key).toBe('openreview:MvFv92fUFof')
  })

  it('never keys a card by a forum its content links to', () => {
    const citing = read('group.html')
      .replace('href="/forum?id=MvFv92fUFof"', 'href="/forum"')
      .replace(
        'We retrieve images',
        '<a href="/forum?id=Cited12345" target="_blank" rel="nofollow">/forum?id=Cited12345</a> We retrieve images',
      )
    const keys = find(parseSavedPage(citing, GROUP_URL)).map((card) => card.key)
    expect(keys).toHaveLength(12)
    expect(keys).not.toContain('openreview:Cited12345')
  })

  it('keeps hostile page text as text', () => {
    const hostile = read('group.html')
      .replace('Artefact Retrieval:', '&lt;img src=x onerror=alert(1)&gt; Artefact Retrieval:')
      .replace('>Vilém Zouhar<', '>&lt;script&gt;alert(1)&lt;/script&gt;<')
    const found = find(parseSavedPage(hostile, GROUP_URL))
    expect(found[0]?.ref.title.startsWith('<img src=x onerror=alert(1)> Artefact Retrieval:')).toBe(true)
    expect(found[0]?.ref.authors[0]).toBe('<script>alert(1)</script>')
  })

  it('ignores forum links that are no paper id, and replies inside a forum', () => {
    const odd = read('group.html')
      .replace('href="/forum?id=MvFv92fUFof"', 'href="/forum?id=javascript:alert(1)"')
      .replace('href="/forum?id=WnIpeFJgSZy"', 'href="/forum?id=WnIpeFJgSZy&amp;noteId=Other123"')
    const found = find(parseSavedPage(odd, GROUP_URL))
    expect(found).toHaveLength(11)
    expect(found.map((card) => card.key)).not.toContain('openreview:javascript:alert(1)')
  })

  it('has papers', () => {
    expect(openreview.hasNoPapers?.(page.doc, page.url)).toBe(false)
  })
})

describe('OpenReview cards that render late, tab switches and in-place pagination', () => {
  const page = load('late.html')
  const rendered = load('group.html')
  /** Puts the rendered page's pane `id` into the late page, as the client does when its list loads. */
  const render = (id: string) => {
    const pane = rendered.doc.getElementById(id)
    page.doc.getElementById(id)?.replaceChildren(...[...(pane?.childNodes ?? [])].map((node) => page.doc.importNode(node, true)))
  }

  it('finds nothing while the tabs load, and does not call that a page without papers', () => {
    expect(page.doc.querySelectorAll('.spinner-container')).toHaveLength(2)
    expect(find(page)).toEqual([])
    expect(openreview.hasNoPapers?.(page.doc, page.url)).toBe(false)
  })

  it('finds the cards of both panes once their lists replace the spinners', () => {
    render('accept-oral')
    expect(find(page).map((card) => card.key)).toEqual(exampleKeys('group')?.slice(0, 6))
    render('accept-poster')
    expect(find(page).map((card) => card.key)).toEqual(exampleKeys('group'))
  })

  it('finds the same cards whichever tab is shown', () => {
    page.doc.getElementById('accept-oral')?.setAttribute('class', 'tab-pane fade')
    page.doc.getElementById('accept-poster')?.setAttribute('class', 'tab-pane fade active in')
    expect(find(page).map((card) => card.key)).toEqual(exampleKeys('group'))
  })

  it('finds the new page of a tab when its list is replaced in place', () => {
    const list = page.doc.querySelector('#accept-oral ul.list-paginated')
    const items = [...(list?.children ?? [])]
    list?.replaceChildren(...items.slice(4))
    const keys = find(page).map((card) => card.key)
    expect(keys.slice(0, 2)).toEqual(['openreview:BigczdxQlGm', 'openreview:1yieqYLUIXj'])
    expect(keys).toHaveLength(9)
  })
})

describe('OpenReview submissions page (paginated by URL)', () => {
  it('reads the second page as a page of its own, from the server-rendered list', () => {
    const page = load('submissions-page-2.html')
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(exampleKeys('submissionsPage2'))
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll('ul.submissions-list > li > div.note')])
    expect(cards[1]?.ref).toMatchObject({
      title: 'Retrieval Enhanced Model for Commonsense Generation',
      authors: expect.arrayContaining(['MING GONG']),
    })
    expect(openreview.hasNoPapers?.(page.doc, page.url)).toBe(false)
  })
})

describe('OpenReview forum page', () => {
  const page = load('forum.html')
  const cards = find(page)

  it('shows the forum paper as a detail card, and not the papers its replies link', () => {
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({ key: 'openreview:9_oCNR6R9l2', layout: 'detail' })
    expect(cards[0]?.element).toBe(page.doc.querySelector('div.forum-note'))
    expect(cards[0]?.controlsAfter).toBe(page.doc.querySelector('h2.citation_title'))
  })

  it('reads title, authors, abstract, date and venue', () => {
    expect(cards[0]?.ref).toMatchObject({
      title: 'Artefact Retrieval: Overview of NLP Models with Knowledge Base Access',
      authors: ['Vilém Zouhar', 'Marius Mosbach', 'Debanjali Biswas', 'Dietrich Klakow'],
      abstract: expect.stringMatching(/^Many NLP models gain performance by having access to a knowledge base\./),
      published: '2021-10-05',
      journalRef: 'AKBC 2021 Workshop CSKB',
      url: 'https://openreview.net/forum?id=9_oCNR6R9l2',
    })
  })

  it('keys the paper by the forum in the address, whatever reply it points to', () => {
    const at = find(load('forum.html', 'https://openreview.net/forum?id=9_oCNR6R9l2&noteId=abcDEF12345'))
    expect(at[0]?.key).toBe('openreview:9_oCNR6R9l2')
  })

  it('keys the paper by the arXiv id of its External IDs', () => {
    const linked = read('forum.html').replace(
      '<div><strong class="note-content-field disable-tex-rendering">Keywords:',
      '<div><strong class="note-content-field disable-tex-rendering">External IDs:</strong><a href="https://arxiv.org/abs/2109.04414" target="_blank" rel="noreferrer nofollow">arxiv:2109.04414</a></div><div><strong class="note-content-field disable-tex-rendering">Keywords:',
    )
    const found = find(parseSavedPage(linked, FIXTURE_URLS['forum.html'] ?? ''))
    expect(found[0]).toMatchObject({ key: 'arxiv:2109.04414', aliases: ['openreview:9_oCNR6R9l2'] })
  })

  it('finds nothing before the note has rendered', () => {
    const empty = parseSavedPage(
      '<html><body><div id="__next"><main id="content"></main></div></body></html>',
      FIXTURE_URLS['forum.html'] ?? '',
    )
    expect(find(empty)).toEqual([])
    expect(openreview.hasNoPapers?.(empty.doc, empty.url)).toBe(false)
  })
})

describe('OpenReview pages without papers', () => {
  it('says an empty tab lists nothing', () => {
    const page = load('empty-tab.html')
    expect(find(page)).toEqual([])
    expect(openreview.hasNoPapers?.(page.doc, page.url)).toBe(true)
  })

  it('says a directory of a venue’s years lists nothing', () => {
    const page = load('directory.html')
    expect(find(page)).toEqual([])
    expect(openreview.hasNoPapers?.(page.doc, page.url)).toBe(true)
  })

  it('says a venue whose tabs hold only text lists nothing', () => {
    const html = read('empty-tab.html').replace(
      /<div class="submissions-list">.*?<\/ul><\/div>/s,
      '<div class="markdown-rendered"><p>Coming soon.</p></div>',
    )
    const page = parseSavedPage(html, FIXTURE_URLS['empty-tab.html'] ?? '')
    expect(openreview.hasNoPapers?.(page.doc, page.url)).toBe(true)
  })
})

describe('OpenReview with changed markup', () => {
  const page = load('changed-markup.html')

  it('still finds papers by their forum links, and not replies', () => {
    const cards = find(page)
    expect(cards.map((card) => card.key)).toEqual(['openreview:9_oCNR6R9l2', 'openreview:MvFv92fUFof', 'openreview:WnIpeFJgSZy'])
    expect(cards.map((card) => card.element)).toEqual([...page.doc.querySelectorAll('li.paper-row')])
    expect(cards[0]?.ref.title).toBe('Artefact Retrieval: Overview of NLP Models with Knowledge Base Access')
    expect(cards[0]?.ref.authors).toEqual([])
  })

  it('finds nothing, and does not throw, on markup without forum links', () => {
    const bare = parseSavedPage(read('changed-markup.html').replace(/\/forum\?id=/g, '/paper/'), GROUP_URL)
    expect(() => find(bare)).not.toThrow()
    expect(find(bare)).toEqual([])
  })
})
