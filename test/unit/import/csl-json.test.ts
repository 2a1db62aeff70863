import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCslJson } from '../../../src/core/import/csl-json'
import type { ForeignPaper } from '../../../src/core/import/foreign-paper'

const fixture = (name: string): unknown[] =>
  JSON.parse(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8')) as unknown[]

/** The paper one item becomes. */
function item(fields: Record<string, unknown>): ForeignPaper {
  const { papers } = parseCslJson([{ type: 'article', ...fields }])
  expect(papers).toHaveLength(1)
  return papers[0]!
}

describe('real CSL-JSON exports', () => {
  it('Better CSL JSON: rich-text titles as plain text, names, date-parts as strings and numbers', () => {
    const imported = parseCslJson(fixture('better-csl-json-markup.csl-json'))
    expect(imported.format).toBe('csl-json')
    expect(imported.skipped).toEqual([])
    expect(imported.papers).toEqual([
      {
        index: 1,
        title: 'The physical volcanology of the 1600 eruption of Huaynaputina, southern Peru',
        authors: [
          'Nancy K Adams',
          'Shanaka L DeSilva',
          'Steven Self',
          'Guido Salas',
          'Steven Schubring',
          'Jason L Permenter',
          'Kendra Arbesman',
        ],
        otherKeys: [],
        // A date range: its start.
        published: '2014-12-31',
        year: 2014,
        venue: 'Bulletin of Volcanology',
        tags: [],
      },
      {
        index: 2,
        title: 'Skizze zur Auslegungsgeschichte der Bücher Prouerbia und Ecclesiastes in der abendländischen Kirche',
        authors: ['Rainer Berndt'],
        doi: '10.1484/j.se.2.303788',
        otherKeys: [],
        year: 1994,
        venue: 'Sacris Erudiri',
        tags: [],
      },
      {
        index: 3,
        title:
          'Samuel Presbiter: Notes from the school of William de Montibus. Collecta ex diuersis auditis in scola magistri Willelmi de Monte',
        authors: ['Andrew N.J. Dunning'],
        otherKeys: [],
        year: 2016,
        tags: [],
      },
      {
        index: 4,
        title:
          'The Gospel according to St. Matthew, from the St. Germain ms. (g1), now numbered Lat. 11553 in the National Library at Paris',
        // An editor, not an author.
        authors: [],
        otherKeys: [],
        year: 1883,
        tags: [],
      },
    ])
  })

  it('Better CSL JSON: a short DOI is no DOI, but the doi.org link beside it is; a literal name', () => {
    const { papers } = parseCslJson(fixture('better-csl-json-dois.csl-json'))
    expect(papers.map(({ doi, published, year }) => ({ doi, published, year }))).toEqual([
      { doi: '10.1177/0193723504268729', published: undefined, year: 2004 },
      { doi: '10.1007/s11199-014-0385-5', published: undefined, year: 2014 },
      { doi: '10.1177/1012690214526399', published: '2016-06-01', year: 2016 },
      { doi: undefined, published: '2019-03-21', year: 2019 },
    ])
    expect(papers[1]!.title).toBe(
      'Psychological distress and the intersection of gender and physical disability: Considering gender and disability-related risk factors',
    )
    expect(papers[2]!.authors).toEqual(['Kieran Cody', 'Steven J. Jackson'])
    expect(papers[3]!).toMatchObject({ authors: ['Court of Arbitration for Sport'], venue: 'Court of Arbitration for Sport' })
  })
})

describe('identifiers in CSL-JSON fields', () => {
  it.each([
    ['URL', { URL: 'http://arxiv.org/abs/2106.09685v2' }, { arxivId: '2106.09685', version: 2 }],
    ['arXiv DOI', { DOI: '10.48550/arXiv.2106.09685' }, { arxivId: '2106.09685', doi: '10.48550/arxiv.2106.09685' }],
    ['number of an arXiv preprint (Zotero)', { number: 'arXiv:2106.09685', publisher: 'arXiv' }, { arxivId: '2106.09685' }],
    ['bare number with container-title arXiv', { number: '2106.09685', 'container-title': 'arXiv' }, { arxivId: '2106.09685' }],
    ['note', { note: 'arXiv: 2106.09685' }, { arxivId: '2106.09685' }],
    ['archive_location', { archive_location: 'arXiv:hep-th/9901001' }, { arxivId: 'hep-th/9901001' }],
    ['DOI', { DOI: 'https://doi.org/10.1038/NATURE14539' }, { doi: '10.1038/nature14539' }],
    ['URL to doi.org', { URL: 'https://doi.org/10.1038/nature14539' }, { doi: '10.1038/nature14539' }],
    ['OpenReview URL', { URL: 'https://openreview.net/forum?id=nZeVKeeFYf9' }, { otherKeys: ['openreview:nZeVKeeFYf9'] }],
    ['ACL URL', { URL: 'https://aclanthology.org/N04-1001/' }, { otherKeys: ['acl:N04-1001'] }],
    ['PMLR URL', { URL: 'https://proceedings.mlr.press/v202/x23a/x23a.pdf' }, { otherKeys: ['pmlr:v202/x23a'] }],
    ['PMID', { PMID: '31452104' }, { otherKeys: ['pmid:31452104'] }],
  ])('%s', (_name, fields, expected) => {
    expect(item({ title: 'T', ...fields })).toMatchObject(expected)
  })

  it('a plain number is not an arXiv id unless the item comes from arXiv', () => {
    expect(item({ title: 'T', number: '2106.09685', publisher: 'Springer' }).arxivId).toBeUndefined()
  })

  it('a Zotero preprint item', () => {
    expect(
      item({
        id: 'http://zotero.org/users/1/items/ABCD',
        type: 'article',
        title: 'Attention Is All You Need',
        author: [
          { family: 'Vaswani', given: 'Ashish' },
          { family: 'Kaiser', given: 'Łukasz' },
        ],
        issued: { 'date-parts': [['2017', 6, 12]] },
        publisher: 'arXiv',
        number: 'arXiv:1706.03762',
        DOI: '10.48550/arXiv.1706.03762',
        URL: 'http://arxiv.org/abs/1706.03762',
        note: 'arXiv:1706.03762 [cs]',
        keyword: 'Computer Science - Computation and Language, Computer Science - Machine Learning',
        abstract: 'The dominant sequence transduction models…',
      }),
    ).toEqual({
      index: 1,
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Łukasz Kaiser'],
      arxivId: '1706.03762',
      doi: '10.48550/arxiv.1706.03762',
      otherKeys: [],
      published: '2017-06-12',
      year: 2017,
      abstract: 'The dominant sequence transduction models…',
      tags: ['Computer Science - Computation and Language', 'Computer Science - Machine Learning'],
    })
  })

  it('names with particles and suffixes, in "Given Family" order', () => {
    const paper = item({
      title: 'T',
      author: [
        { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' },
        { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
        { literal: 'The ATLAS Collaboration' },
      ],
    })
    expect(paper.authors).toEqual(['Jan van der Berg', 'Martin Luther King Jr.', 'The ATLAS Collaboration'])
  })

  it('dates as raw text: a full date, a year alone', () => {
    expect(item({ title: 'T', issued: { raw: '2021-01-05' } })).toMatchObject({ published: '2021-01-05', year: 2021 })
    expect(item({ title: 'T', issued: { literal: 'Spring 2020' } })).toMatchObject({ year: 2020 })
    expect(item({ title: 'T', issued: { 'date-parts': [[2021, 2, 30]] } })).toMatchObject({ year: 2021 })
    expect(item({ title: 'T', issued: { 'date-parts': [[2021, 2, 30]] } }).published).toBeUndefined()
  })
})

describe('hostile CSL-JSON', () => {
  it('items that are not objects are skipped, fields of the wrong type ignored', () => {
    const imported = parseCslJson([
      null,
      'a string',
      [1, 2],
      {
        title: 42,
        author: 'Doe, John',
        DOI: ['10.1000/x'],
        URL: { href: 'https://arxiv.org/abs/2106.09685' },
        issued: '2020',
        keyword: [1, 'good'],
        note: true,
        'container-title': 7,
      },
      { title: ['list'], DOI: '10.1000/ok' },
    ])
    expect(imported.skipped).toEqual([
      { index: 1, reason: 'it is not a CSL-JSON item' },
      { index: 2, reason: 'it is not a CSL-JSON item' },
      { index: 3, reason: 'it is not a CSL-JSON item' },
      { index: 4, reason: 'it has no title and no identifier' },
    ])
    expect(imported.papers).toEqual([{ index: 5, title: '', authors: [], doi: '10.1000/ok', otherKeys: [], tags: [] }])
  })

  it('a __proto__ key from the file is data, not a prototype', () => {
    const items = JSON.parse(
      '[{"__proto__": {"title": "Injected", "DOI": "10.1000/evil"}, "title": "Real", "author": [{"__proto__": {"family": "X"}, "family": "Doe"}]}]',
    ) as unknown[]
    const { papers } = parseCslJson(items)
    expect(papers).toEqual([{ index: 1, title: 'Real', authors: ['Doe'], otherKeys: [], tags: [] }])
    expect(({} as Record<string, unknown>).title).toBeUndefined()
  })

  it('markup beyond CSL rich text stays literal; huge titles are cut; right-to-left text is kept', () => {
    expect(item({ title: '<img src=x onerror=alert(1)> <i>really</i>' }).title).toBe('<img src=x onerror=alert(1)> really')
    expect(item({ title: 'x'.repeat(10_000) }).title).toHaveLength(1000)
    expect(item({ title: 'مقدمة في تعلم الآلة', author: [{ family: 'כהן', given: 'דוד' }] })).toMatchObject({
      title: 'مقدمة في تعلم الآلة',
      authors: ['דוד כהן'],
    })
  })

  it('tags are trimmed, de-duplicated whatever their case, bounded in length and number', () => {
    const keyword = [' a ', 'A', '', 'b', 'x'.repeat(500), ...Array.from({ length: 200 }, (_, i) => `t${i}`)].join(',')
    const { tags } = item({ title: 'T', keyword })
    expect(tags.slice(0, 3)).toEqual(['a', 'b', `${'x'.repeat(99)}…`])
    expect(tags).toHaveLength(100)
  })
})
