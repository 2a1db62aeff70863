import { describe, expect, it } from 'vitest'
import {
  addArxivMentions,
  addLink,
  cleanNote,
  finishPaper,
  fullDateIn,
  isArxivReference,
  noIds,
  siteKeyFromUrl,
} from '../../../src/core/import/foreign-paper'

describe('siteKeyFromUrl', () => {
  it.each([
    ['https://openreview.net/forum?id=nZeVKeeFYf9', 'openreview:nZeVKeeFYf9'],
    ['https://openreview.net/pdf?id=EZNOb_uNpJk', 'openreview:EZNOb_uNpJk'],
    ['https://aclanthology.org/2023.acl-long.1/', 'acl:2023.acl-long.1'],
    ['https://aclanthology.org/2020.acl-main.405.pdf', 'acl:2020.acl-main.405'],
    ['https://www.aclweb.org/anthology/P19-1001', 'acl:P19-1001'],
    ['https://proceedings.mlr.press/v202/x23a.html', 'pmlr:v202/x23a'],
    ['http://proceedings.mlr.press/v70/ravanbakhsh17a/ravanbakhsh17a.pdf', 'pmlr:v70/ravanbakhsh17a'],
    ['https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.bib', 'dblp:conf/nips/VaswaniSPUJGKP17'],
    ['https://dblp.uni-trier.de/rec/journals/corr/abs-2303-14702.html', 'dblp:journals/corr/abs-2303-14702'],
    ['http://dblp.org/rec/bib/conf/nips/VaswaniSPUJGKP17', 'dblp:conf/nips/VaswaniSPUJGKP17'],
    ['https://pubmed.ncbi.nlm.nih.gov/12345/', 'pmid:12345'],
  ])('%s → %s', (url, key) => {
    expect(siteKeyFromUrl(url)).toBe(key)
  })

  it.each([
    'https://openreview.net/group?id=ICLR.cc/2024/Conference',
    'https://openreview.net/forum?id=<script>',
    'https://aclanthology.org/events/acl-2023/',
    'https://aclanthology.org/volumes/2023.acl-long/',
    'https://proceedings.mlr.press/v202/',
    'https://proceedings.mlr.press/v202/index.html',
    // dblp's one-segment keys (theses) are not record keys the shelf knows, and "bib" is no kind of record.
    'http://dblp.org/rec/bib/ms/Hoffmann2008',
    'https://dblp.org/pid/97/4275.html',
    'https://pubmed.ncbi.nlm.nih.gov/?term=transformer',
    'https://pubmed.ncbi.nlm.nih.gov/0123/',
    'javascript:alert(1)//openreview.net/forum?id=x',
    'ftp://aclanthology.org/P19-1001',
    'not a url',
  ])('%s names no paper', (url) => {
    expect(siteKeyFromUrl(url)).toBeNull()
  })
})

describe('identifiers', () => {
  it.each([
    ['arXiv:2106.09685', '2106.09685', undefined],
    ['arXiv: 2106.09685', '2106.09685', undefined],
    ['arXiv preprint arXiv:2106.09685v2', '2106.09685', 2],
    ['ArXiv:1412.4006 [quant-ph]', '1412.4006', undefined],
    ['see arXiv:hep-th/9901001v3 for details', 'hep-th/9901001', 3],
    ['arXiv:math.GT/0309136', 'math/0309136', undefined],
  ])('the arXiv id in "%s"', (text, id, version) => {
    const ids = noIds()
    addArxivMentions(ids, text)
    expect(ids.arxiv).toEqual(version === undefined ? { id } : { id, version })
  })

  it.each(['arXiv:0612.12345', 'arXiv preprint', 'arxiv.org', 'arXiv:2106.0968'])('no arXiv id in "%s"', (text) => {
    const ids = noIds()
    addArxivMentions(ids, text)
    expect(ids.arxiv).toBeUndefined()
  })

  it('a link too long to be one is ignored; an arXiv DOI link sets both the DOI and the arXiv id', () => {
    const ids = noIds()
    addLink(ids, `https://arxiv.org/abs/2106.09685?${'x'.repeat(3000)}`)
    expect(ids.arxiv).toBeUndefined()
    addLink(ids, 'https://doi.org/10.48550/arXiv.2106.09685')
    expect(ids).toEqual({ arxiv: { id: '2106.09685' }, doi: '10.48550/arxiv.2106.09685', otherKeys: [] })
  })

  it.each([
    ['arXiv preprint arXiv:2106.09685', true],
    ['arXiv:1305.4904 [quant-ph]', true],
    ['arXiv', true],
    ['CoRR', false],
    ['Advances in Neural Information Processing Systems', false],
  ])('"%s" is only a pointer to arXiv: %s', (venue, expected) => {
    expect(isArxivReference(venue)).toBe(expected)
  })
})

describe('cleaning', () => {
  it('full dates in the forms files write them, impossible dates refused', () => {
    expect(fullDateIn('2023/08/01/')).toBe('2023-08-01')
    expect(fullDateIn('1990/2/27')).toBe('1990-02-27')
    expect(fullDateIn('2021-03-04')).toBe('2021-03-04')
    expect(fullDateIn('2021-02-30')).toBeUndefined()
    expect(fullDateIn('2021')).toBeUndefined()
    expect(fullDateIn('2021/05')).toBeUndefined()
  })

  it('notes keep their paragraphs, lose control characters and runs of blank lines', () => {
    expect(cleanNote('  First line  \r\n\r\n\r\n\r\nSecond\u0000 line\u2028Third  ', 20_000)).toBe('First line\n\nSecond line\nThird')
  })

  it('a draft with an identifier but no title is a paper; with neither it is skipped', () => {
    expect(finishPaper(3, { ids: { doi: '10.1000/x', otherKeys: [] } })).toEqual({
      index: 3,
      title: '',
      authors: [],
      doi: '10.1000/x',
      otherKeys: [],
      tags: [],
    })
    expect(finishPaper(4, { title: ' \n ', ids: noIds() })).toEqual({ index: 4, reason: 'it has no title and no identifier' })
  })

  it('the same note written twice (note and annote) is kept once', () => {
    expect(finishPaper(1, { title: 'T', ids: noIds(), notes: ['Read it', ' Read it ', undefined, 'Also'] })).toMatchObject({
      note: 'Read it\n\nAlso',
    })
  })
})
