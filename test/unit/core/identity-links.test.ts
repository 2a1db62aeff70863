import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  arxivIdFromDoi,
  arxivIdFromUrl,
  formatArxivId,
  normalizeDoi,
  paperKeyFromDoi,
  parseArxivId,
  pmidOf,
  type ArxivId,
} from '../../../src/core/identity'
import { keyPageUrl } from '../../../src/core/key-kinds'
import { toCslJson } from '../../../src/core/export/csl-json'
import { paperUrl } from '../../../src/core/export/paper-fields'
import { storedPaper } from '../paper-fixtures'

const LISTING = 'https://arxiv.org/list/cs.LG/new'

describe('arxivIdFromUrl', () => {
  it.each([
    ['/abs/2106.09685', { id: '2106.09685' }],
    ['/abs/2106.09685v2', { id: '2106.09685', version: 2 }],
    ['/pdf/2106.09685', { id: '2106.09685' }],
    ['/pdf/2106.09685v3', { id: '2106.09685', version: 3 }],
    ['/pdf/2106.09685v3.pdf', { id: '2106.09685', version: 3 }],
    ['/pdf/2106.09685.pdf', { id: '2106.09685' }],
    ['https://arxiv.org/html/2106.09685v1', { id: '2106.09685', version: 1 }],
    ['https://arxiv.org/html/2106.09685v1/', { id: '2106.09685', version: 1 }],
    ['/format/2106.09685', { id: '2106.09685' }],
    ['https://arxiv.org/abs/2106.09685?context=cs.LG', { id: '2106.09685' }],
    ['https://www.arxiv.org/abs/2106.09685#S2', { id: '2106.09685' }],
    ['http://export.arxiv.org/abs/2106.09685v4', { id: '2106.09685', version: 4 }],
    ['/abs/hep-th/9901001', { id: 'hep-th/9901001' }],
    ['/abs/hep-th/9901001v2', { id: 'hep-th/9901001', version: 2 }],
    ['/pdf/math.GT/0309136v1', { id: 'math/0309136', version: 1 }],
    ['/abs/arXiv:2404.14219', { id: '2404.14219' }],
    ['https://huggingface.co/papers/2106.09685', { id: '2106.09685' }],
    ['https://huggingface.co/papers/2106.09685#community', { id: '2106.09685' }],
    ['https://alphaxiv.org/abs/2106.09685', { id: '2106.09685' }],
    ['https://www.alphaxiv.org/abs/2106.09685v2', { id: '2106.09685', version: 2 }],
    ['https://doi.org/10.48550/arXiv.2106.09685', { id: '2106.09685' }],
    ['https://dx.doi.org/10.48550/ARXIV.2106.09685', { id: '2106.09685' }],
  ])('reads %s', (href, expected) => {
    expect(arxivIdFromUrl(href, LISTING)).toEqual(expected)
  })

  it.each([
    ['https://ARXIV.ORG/abs/2106.09685', { id: '2106.09685' }],
    ['https://%61rxiv.org/abs/2106.09685', { id: '2106.09685' }],
    ['https://arxiv.org/%61bs/2106.09685', { id: '2106.09685' }],
    ['HTTPS://HuggingFace.co/papers/2106.09685', { id: '2106.09685' }],
  ])('reads %s without a base, whatever its case and escapes', (href, expected) => {
    expect(arxivIdFromUrl(href)).toEqual(expected)
  })

  it('reads a relative link only against an arXiv base', () => {
    expect(arxivIdFromUrl('/abs/2106.09685', 'https://proceedings.mlr.press/v202/')).toBeNull()
    expect(arxivIdFromUrl('/abs/2106.09685', 'https://export.arxiv.org/list/cs.LG/new')).toEqual({ id: '2106.09685' })
  })

  it.each([
    '/list/cs.LG/new',
    '/abs/',
    '/abs/2106.0968',
    '/abs/2106.09685v2/extra',
    '/pdf/2106.09685.pdf.pdf',
    'https://example.org/abs/2106.09685',
    'https://arxiv.org.evil.example/abs/2106.09685',
    'https://huggingface.co/models/2106.09685',
    'https://doi.org/10.1145/3292500.3330701',
    'javascript:alert(1)//arxiv.org/abs/2106.09685',
    'mailto:someone@arxiv.org',
    'https://arxiv.org/abs/%E0%A4%A',
  ])('finds no arXiv paper in %s', (href) => {
    expect(arxivIdFromUrl(href, LISTING)).toBeNull()
  })
})

describe('DOIs', () => {
  it.each([
    ['10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['https://doi.org/10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['http://dx.doi.org/10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['doi:10.1000/ABC.def', '10.1000/abc.def'],
    ['DOI: 10.1000/xyz.', '10.1000/xyz'],
    ['(10.1000/xyz)', null],
    ['10.1000/xyz);', '10.1000/xyz'],
    ['https://doi.org/10.1000/a%2Fb', '10.1000/a/b'],
    ['10.18653/v1/2024.acl-long.1', '10.18653/v1/2024.acl-long.1'],
    ['10.123/too-short-prefix', null],
    ['not a doi', null],
    ['', null],
  ])('normalises %j', (text, expected) => {
    expect(normalizeDoi(text)).toBe(expected)
  })

  it('treats arXiv DOIs as the arXiv paper', () => {
    expect(arxivIdFromDoi('10.48550/arXiv.2106.09685')).toEqual({ id: '2106.09685' })
    expect(arxivIdFromDoi('https://doi.org/10.48550/arXiv.math.GT/0309136')).toEqual({ id: 'math/0309136' })
    expect(arxivIdFromDoi('10.48550/arXiv.hep-th%2F9901001')).toEqual({ id: 'hep-th/9901001' })
    expect(paperKeyFromDoi("10.48550/arXiv.2404.14219'")).toBe('arxiv:2404.14219')
    expect(paperKeyFromDoi('10.48550/ARXIV.2106.09685')).toBe('arxiv:2106.09685')
    expect(paperKeyFromDoi('https://doi.org/10.1145/3292500.3330701.')).toBe('doi:10.1145/3292500.3330701')
    expect(paperKeyFromDoi('nonsense')).toBeNull()
    expect(arxivIdFromDoi('10.1145/3292500.3330701')).toBeNull()
  })
})

const newStyleId: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 7, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    number: fc.integer({ min: 1, max: 99_999 }),
  })
  .filter(({ year, month }) => year * 100 + month >= 704)
  .map(({ year, month, number }) => {
    const yymm = `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`
    const digits = Number(yymm) < 1501 ? 4 : 5
    return `${yymm}.${String(number % 10 ** digits).padStart(digits, '0')}`
  })

const oldStyleId: fc.Arbitrary<string> = fc
  .record({
    archive: fc.constantFrom('hep-th', 'hep-ph', 'math', 'astro-ph', 'cond-mat', 'chao-dyn', 'q-bio', 'cs'),
    number: fc.integer({ min: 9_100_001, max: 9_999_999 }),
  })
  .map(({ archive, number }) => `${archive}/${number}`)

const arxivId: fc.Arbitrary<ArxivId> = fc.record(
  { id: fc.oneof(newStyleId, oldStyleId), version: fc.integer({ min: 1, max: 40 }) },
  { requiredKeys: ['id'] },
)

describe('identity properties', () => {
  it('parses what it formats', () => {
    fc.assert(
      fc.property(arxivId, (parsed) => {
        expect(parseArxivId(formatArxivId(parsed))).toEqual(parsed)
      }),
    )
  })

  it('finds the same paper in every link form, and the version where the link has one', () => {
    const forms = (text: string) => [
      `https://arxiv.org/abs/${text}`,
      `https://arxiv.org/pdf/${text}`,
      `https://arxiv.org/pdf/${text}.pdf`,
      `https://arxiv.org/html/${text}`,
      `https://arxiv.org/format/${text}`,
      `https://export.arxiv.org/abs/${text}`,
      `https://www.alphaxiv.org/abs/${text}`,
    ]
    fc.assert(
      fc.property(arxivId, (parsed) => {
        for (const href of forms(formatArxivId(parsed))) expect(arxivIdFromUrl(href)).toEqual(parsed)
        expect(arxivIdFromDoi(`10.48550/arXiv.${parsed.id}`)).toEqual({ id: parsed.id })
      }),
    )
  })

  it('drops the subject class of old-style ids, which is not part of the identifier', () => {
    fc.assert(
      fc.property(oldStyleId, fc.constantFrom('GT', 'AG', 'LG', 'CO'), (id, subject) => {
        const [archive, number] = id.split('/') as [string, string]
        expect(parseArxivId(`${archive}.${subject}/${number}`)).toEqual({ id })
      }),
    )
  })

  it('rejects near misses: a digit too many or too few, an impossible month, junk around the id', () => {
    const nearMiss = newStyleId.chain((id) =>
      fc.constantFrom(
        `${id}0`,
        id.slice(0, -1),
        `${id.slice(0, 2)}13${id.slice(4)}`,
        `${id.slice(0, 2)}00${id.slice(4)}`,
        `${id}v`,
        `${id}v0`,
        `x${id}`,
        `${id} `,
        id.replace('.', '-'),
      ),
    )
    fc.assert(
      fc.property(nearMiss, (text) => {
        expect(parseArxivId(text)).toBeNull()
      }),
    )
  })

  it('keeps DOI normalisation idempotent', () => {
    const doi = fc
      .tuple(fc.integer({ min: 1000, max: 999_999_999 }), fc.stringMatching(/^[A-Za-z0-9./_-]{1,30}$/))
      .map(([prefix, suffix]) => `10.${prefix}/${suffix}`)
    fc.assert(
      fc.property(doi, fc.constantFrom('', 'https://doi.org/', 'doi:'), fc.constantFrom('', '.', ';', ')'), (value, before, after) => {
        const once = normalizeDoi(`${before}${value}${after}`)
        if (once === null) return
        expect(normalizeDoi(once)).toBe(once)
        expect(normalizeDoi(`https://doi.org/${once}`)).toBe(once)
      }),
    )
  })
})

describe('pages named by site-scoped keys', () => {
  it('links PubMed, OpenReview and Semantic Scholar keys to their pages, and nothing else', () => {
    expect(keyPageUrl('pmid:31452104')).toBe('https://pubmed.ncbi.nlm.nih.gov/31452104/')
    expect(keyPageUrl('openreview:rJ4km2R5t7')).toBe('https://openreview.net/forum?id=rJ4km2R5t7')
    expect(keyPageUrl('s2:516c2035d29bb711be2e027be4ad38224419065a')).toBe(
      'https://www.semanticscholar.org/paper/516c2035d29bb711be2e027be4ad38224419065a',
    )
    expect(keyPageUrl('cvf:CVPR2024/Xu_Bayesian_Diffusion_Models_CVPR_2024')).toBe(
      'https://openaccess.thecvf.com/content/CVPR2024/html/Xu_Bayesian_Diffusion_Models_CVPR_2024_paper.html',
    )
    expect(keyPageUrl('cvf:CVPR2020/Wu_Unsupervised_CVPR_2020')).toBe(
      'https://openaccess.thecvf.com/content_CVPR_2020/html/Wu_Unsupervised_CVPR_2020_paper.html',
    )
    expect(keyPageUrl('cvf:CVPR2018/Das_Embodied_CVPR_2018')).toBe(
      'https://openaccess.thecvf.com/content_cvpr_2018/html/Das_Embodied_CVPR_2018_paper.html',
    )
    expect(keyPageUrl('cvf:ICCV2017/Selvaraju_Grad-CAM_ICCV_2017')).toBe(
      'https://openaccess.thecvf.com/content_ICCV_2017/html/Selvaraju_Grad-CAM_ICCV_2017_paper.html',
    )
    for (const key of [
      'arxiv:2106.09685',
      'doi:10.1101/2020.01.01.123456',
      'scholar:abc',
      'pmid:1/../x',
      'javascript:alert(1)',
      'constructor:x',
      'cvf:CVPR2024/../../evil',
      'cvf:ECCV2018/X_ECCV_2018',
      'cvf:CVPR2024',
    ]) {
      expect(keyPageUrl(key)).toBeUndefined()
    }
    expect(pmidOf({ key: 'pmid:31452104' })).toBe('31452104')
    expect(pmidOf({ key: 'doi:10.1016/j.x', aliases: ['pmid:31452104', 'scholar:abc'] })).toBe('31452104')
    expect(pmidOf({ key: 'pmid:x1' })).toBeUndefined()
    expect(pmidOf({ key: 'arxiv:2106.09685' })).toBeUndefined()
  })

  it('are what exports link to when a paper has neither an arXiv id nor a DOI', () => {
    const pubmed = storedPaper('x', { key: 'pmid:31452104', arxivId: undefined, links: {} })
    expect(paperUrl(pubmed)).toBe('https://pubmed.ncbi.nlm.nih.gov/31452104/')
    expect(JSON.parse(toCslJson([pubmed]))[0]).toMatchObject({ PMID: '31452104', URL: 'https://pubmed.ncbi.nlm.nih.gov/31452104/' })
    const seenOnly = storedPaper('x', { key: 'scholar:abc', arxivId: undefined, links: { huggingface: 'https://huggingface.co/papers/x' } })
    expect(paperUrl(seenOnly)).toBe('https://huggingface.co/papers/x')
  })

  it('link a paper by the page one of its aliases names, and cite the DOI or PubMed id an alias holds', () => {
    const fromScholar = storedPaper('x', {
      key: 'scholar:abc',
      aliases: ['openreview:Hk3mPK5gg'],
      arxivId: undefined,
      links: { scholar: 'https://scholar.google.com/scholar?cluster=1' },
    })
    expect(paperUrl(fromScholar)).toBe('https://openreview.net/forum?id=Hk3mPK5gg')
    const withDoi = storedPaper('x', { key: 'doi:10.1016/j.x', aliases: ['pmid:31452104'], arxivId: undefined, links: {} })
    expect(paperUrl(withDoi)).toBe('https://doi.org/10.1016/j.x')
    expect(JSON.parse(toCslJson([withDoi]))[0]).toMatchObject({ DOI: '10.1016/j.x', PMID: '31452104' })
    const arxivWithDoi = storedPaper('2106.09685', { aliases: ['doi:10.1000/published'] })
    expect(JSON.parse(toCslJson([arxivWithDoi]))[0]).toMatchObject({ DOI: '10.1000/published' })
  })
})
