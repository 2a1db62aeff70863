import { describe, expect, it } from 'vitest'
import { adapterFor, isSiteLink, SITE_IDS, siteById, SITES } from '../../../src/sites/registry'

describe('site registry', () => {
  it('lists the sites in the order the popup names where a paper was seen', () => {
    expect(SITE_IDS).toEqual([
      'arxiv',
      'huggingface',
      'scholar',
      'semanticscholar',
      'pubmed',
      'biorxiv',
      'medrxiv',
      'openreview',
      'alphaxiv',
      'aclanthology',
      'cvf',
      'pmlr',
      'neurips',
      'dblp',
    ])
    expect(SITES.map((site) => site.label)).toEqual([
      'arXiv',
      'Hugging Face',
      'Google Scholar',
      'Semantic Scholar',
      'PubMed',
      'bioRxiv',
      'medRxiv',
      'OpenReview',
      'alphaXiv',
      'ACL Anthology',
      'CVF Open Access',
      'PMLR',
      'NeurIPS',
      'dblp',
    ])
  })

  it('finds a site by id', () => {
    expect(siteById('arxiv')?.label).toBe('arXiv')
    expect(siteById('huggingface')?.hosts).toEqual(['huggingface.co'])
    expect(siteById('openreview')?.hosts).toEqual(['openreview.net'])
    expect(siteById('acl')).toBeUndefined()
    expect(siteById('toString')).toBeUndefined()
  })

  // Each site's content script is built from `src/sites/<id>.ts` and its export named `<id>`.
  it.each(SITE_IDS)('declares %s in a module of that name, exported under that name', async (id) => {
    const module = (await import(`../../../src/sites/${id}.ts`)) as Record<string, unknown>
    expect(module[id]).toBe(siteById(id))
  })

  it('gives each page to its site', () => {
    expect(adapterFor(new URL('https://huggingface.co/papers/2404.14219'))).toBe(siteById('huggingface'))
    expect(adapterFor(new URL('https://www.arxiv.org/abs/2404.14219'))).toBe(siteById('arxiv'))
    expect(adapterFor(new URL('https://example.org/papers'))).toBeUndefined()
  })

  it.each([
    ['arxiv', 'https://arxiv.org/abs/2404.14219', true],
    ['arxiv', 'https://www.arxiv.org/abs/2404.14219', true],
    ['arxiv', 'http://arxiv.org/abs/2404.14219', false],
    ['arxiv', 'https://export.arxiv.org/abs/2404.14219', false],
    ['arxiv', 'https://arxiv.org.evil.example/abs/2404.14219', false],
    ['arxiv', 'https://huggingface.co/papers/2404.14219', false],
    ['arxiv', 'javascript:alert(1)', false],
    ['arxiv', 'not a url', false],
    ['huggingface', 'https://huggingface.co/papers/2404.14219', true],
    ['huggingface', 'https://arxiv.org/abs/2404.14219', false],
    ['biorxiv', 'https://www.biorxiv.org/content/10.1101/2020.02.02.931162v2', true],
    ['biorxiv', 'https://www.medrxiv.org/content/10.1101/2021.02.12.21251663v1', false],
    ['medrxiv', 'https://www.medrxiv.org/content/10.1101/2021.02.12.21251663v1', true],
    ['openreview', 'https://arxiv.org/abs/2404.14219', false],
    ['cvf', 'https://openaccess.thecvf.com/content/CVPR2024/papers/X_CVPR_2024_paper.pdf', true],
    ['cvf', 'http://openaccess.thecvf.com/CVPR2024', false],
    ['dblp', 'https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html', true],
    ['dblp', 'https://dblp.uni-trier.de/pid/97/4275.html', true],
    ['dblp', 'https://dblp2.uni-trier.de/pid/97/4275.html', false],
    ['scholar', 'https://scholar.google.com/scholar?cluster=8188755959889491825', true],
    ['scholar', 'https://scholar.google.de/citations?user=xTestUserAAAAJ', true],
    ['scholar', 'https://scholar.google.com.evil.example/scholar?q=x', false],
    ['scholar', 'http://scholar.google.com/scholar?q=x', false],
  ])('isSiteLink(%s, %s) is %s', (site, url, expected) => {
    expect(isSiteLink(site, url)).toBe(expected)
  })
})
