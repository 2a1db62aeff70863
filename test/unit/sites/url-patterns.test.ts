import { describe, expect, it } from 'vitest'
import { contentScriptFile, contentScripts, hostPermissions } from '../../../src/sites/manifest-entries'
import { adapterFor, SITES, type SiteId } from '../../../src/sites/registry'
import { SCHOLAR_HOSTS } from '../../../src/sites/scholar'

// A second match-pattern implementation, written apart from src/sites/lib/match-pattern.ts so that
// the generated manifest is checked against browser rules rather than against itself. Browsers
// match the path part against the URL's path and query string; `*` is the only wildcard.

function globMatches(glob: string, text: string): boolean {
  let g = 0
  let t = 0
  let star = -1
  let resume = 0
  while (t < text.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g
      g += 1
      resume = t
    } else if (g < glob.length && glob[g] === text[t]) {
      g += 1
      t += 1
    } else if (star >= 0) {
      g = star + 1
      resume += 1
      t = resume
    } else {
      return false
    }
  }
  while (glob[g] === '*') g += 1
  return g === glob.length
}

function browserMatches(pattern: string, href: string): boolean {
  const schemeEnd = pattern.indexOf('://')
  const pathStart = pattern.indexOf('/', schemeEnd + 3)
  if (schemeEnd < 0 || pathStart < 0) throw new Error(`bad pattern ${pattern}`)
  const scheme = pattern.slice(0, schemeEnd)
  const host = pattern.slice(schemeEnd + 3, pathStart)
  const path = pattern.slice(pathStart)
  const url = new URL(href)
  const urlScheme = url.protocol.slice(0, -1)
  const schemeOk = scheme === '*' ? urlScheme === 'http' || urlScheme === 'https' : scheme === urlScheme
  const hostOk =
    host === '*' ||
    url.hostname === host ||
    (host.startsWith('*.') && (url.hostname === host.slice(2) || url.hostname.endsWith(host.slice(1))))
  return schemeOk && hostOk && globMatches(path, url.pathname + url.search)
}

/** The scripts the browser injects into the page at `href`. */
const injected = (href: string) =>
  contentScripts()
    .filter((script) => script.matches.some((pattern) => browserMatches(pattern, href)))
    .flatMap((script) => script.js)
const allPatterns = () => contentScripts().flatMap((script) => script.matches)

const NEAR_MISSES: readonly (readonly [string, SiteId | undefined])[] = [
  ['https://www.arxiv.org/list/cs.LG/new', 'arxiv'],
  ['https://arxiv.org/list/cs.LG/pastweek?skip=0&show=2000', 'arxiv'],
  ['https://arxiv.org/search?query=x&searchtype=all', 'arxiv'],
  ['https://arxiv.org/search/?query=x', 'arxiv'],
  ['https://arxiv.org/search', 'arxiv'],
  ['https://arxiv.org/search/cs?searchtype=author&query=Pan,+J', 'arxiv'],
  ['https://arxiv.org/catchup', 'arxiv'],
  ['https://arxiv.org/catchup?smonth=07&group=grp_cs&sday=01&num=50&archive=cs&method=with&syear=2026', 'arxiv'],
  ['https://www.arxiv.org/abs/2106.09685', 'arxiv'],
  ['https://arxiv.org/abs/2106.09685#comments', 'arxiv'],
  ['http://arxiv.org/abs/2106.09685', undefined],
  ['http://arxiv.org/list/cs.LG/new', undefined],
  ['https://arxiv.org/catchups', undefined],
  ['https://arxiv.org/searching', undefined],
  ['https://arxiv.org/listing/cs.LG', undefined],
  ['https://arxiv.org/list', undefined],
  ['https://export.arxiv.org/abs/2106.09685', undefined],
  ['https://arxiv.org/pdf/2106.09685', undefined],
  ['https://arxiv.org/html/2106.09685v2', undefined],
  ['https://arxiv.org/', undefined],
  ['https://arxiv.org.evil.com/list/x', undefined],
  ['https://evil.com/arxiv.org/list/x', undefined],
  ['https://notarxiv.org/list/cs.LG/new', undefined],
  ['https://huggingface.co/papers', 'huggingface'],
  ['https://huggingface.co/papers/', 'huggingface'],
  ['https://huggingface.co/papers?q=x', 'huggingface'],
  ['https://huggingface.co/papers/2106.09685#community', 'huggingface'],
  ['https://huggingface.co/papers/trending?q=diffusion', 'huggingface'],
  ['https://huggingface.co/papers-with-code', undefined],
  ['https://huggingface.co/papersx', undefined],
  ['https://huggingface.co/papersx?q=1', undefined],
  ['https://huggingface.co/datasets', undefined],
  ['https://huggingface.co/spaces/owner/papers', undefined],
  ['http://huggingface.co/papers', undefined],
  ['https://www.huggingface.co/papers', undefined],
  ['https://huggingface.co.evil.com/papers', undefined],
  ['https://www.biorxiv.org/collection/neuroscience?page=3', 'biorxiv'],
  ['https://www.biorxiv.org/content/early/recent', 'biorxiv'],
  ['https://www.biorxiv.org/content/10.1101/2020.02.02.931162v2.abstract', 'biorxiv'],
  ['https://www.medrxiv.org/collection/epidemiology', 'medrxiv'],
  ['https://www.medrxiv.org/content/early/recent?page=1', 'medrxiv'],
  ['https://www.medrxiv.org/content/10.1101/2021.02.12.21251663v1.full', 'medrxiv'],
  ['https://www.medrxiv.org/search/covid%20numresults%3A10', 'medrxiv'],
  ['https://www.biorxiv.org/', undefined],
  ['https://www.biorxiv.org/collection', undefined],
  ['https://www.biorxiv.org/content/biorxiv/early/2020/02/05/2020.02.02.931162.full.pdf', undefined],
  ['https://www.biorxiv.org/about-biorxiv', undefined],
  ['https://biorxiv.org/collection/neuroscience', undefined],
  ['http://www.biorxiv.org/collection/neuroscience', undefined],
  ['https://www.biorxiv.org.evil.com/collection/x', undefined],
  ['https://connect.medrxiv.org/relate/content/181', undefined],
  ['https://scholar.google.com/scholar?q=attention', 'scholar'],
  ['https://scholar.google.com/scholar?cites=8188755959889491825&as_sdt=2005&sciodt=0,5&hl=en', 'scholar'],
  ['https://scholar.google.com/scholar?cluster=8188755959889491825&hl=en', 'scholar'],
  ['https://scholar.google.com/scholar?start=20&q=attention&hl=en', 'scholar'],
  ['https://scholar.google.co.jp/scholar?hl=ja&q=attention', 'scholar'],
  ['https://scholar.google.com.hk/citations?user=xTestUserAAAAJ&hl=zh-CN', 'scholar'],
  ['https://scholar.google.com/scholar', undefined],
  ['https://scholar.google.com/schhp?hl=en', undefined],
  ['https://scholar.google.com/scholar_alerts?view_op=list_alerts', undefined],
  ['https://scholar.google.com/citations', undefined],
  ['http://scholar.google.com/scholar?q=attention', undefined],
  ['https://scholar.google.pl/scholar?q=attention', undefined],
  ['https://scholar.google.com.evil.com/scholar?q=x', undefined],
  ['https://www.google.com/scholar?q=attention', undefined],
  ['https://aclanthology.org/events/acl-2024/', 'aclanthology'],
  ['https://aclanthology.org/events/emnlp-2023/#2023emnlp-main', 'aclanthology'],
  ['https://aclanthology.org/events/ws-2018', 'aclanthology'],
  ['https://aclanthology.org/volumes/2024.acl-long/', 'aclanthology'],
  ['https://aclanthology.org/volumes/P18-1/', 'aclanthology'],
  ['https://aclanthology.org/volumes/W18-25/', 'aclanthology'],
  ['https://aclanthology.org/2024.acl-long.1/', 'aclanthology'],
  ['https://aclanthology.org/2023.findings-emnlp.725', 'aclanthology'],
  ['https://aclanthology.org/P18-1001/', 'aclanthology'],
  ['https://aclanthology.org/W18-2504/', 'aclanthology'],
  ['https://aclanthology.org/', undefined],
  ['https://aclanthology.org/people/pan-lu/', undefined],
  ['https://aclanthology.org/venues/acl/', undefined],
  ['https://aclanthology.org/search/?q=attention', undefined],
  ['https://aclanthology.org/faq/', undefined],
  ['http://aclanthology.org/2024.acl-long.1/', undefined],
  ['https://www.aclanthology.org/2024.acl-long.1/', undefined],
  ['https://aclweb.org/anthology/P18-1001/', undefined],
  ['https://aclanthology.org.evil.com/2024.acl-long.1/', undefined],
  ['https://pubmed.ncbi.nlm.nih.gov/?term=crispr', 'pubmed'],
  ['https://pubmed.ncbi.nlm.nih.gov/?term=crispr&page=3&sort=date', 'pubmed'],
  ['https://pubmed.ncbi.nlm.nih.gov/?linkname=pubmed_pubmed_citedin&from_uid=35417736', 'pubmed'],
  ['https://pubmed.ncbi.nlm.nih.gov/35417736/', 'pubmed'],
  ['https://pubmed.ncbi.nlm.nih.gov/35417736', 'pubmed'],
  ['https://pubmed.ncbi.nlm.nih.gov/35417736/?from_term=food&from_pos=3', 'pubmed'],
  ['https://pubmed.ncbi.nlm.nih.gov/', undefined],
  ['https://pubmed.ncbi.nlm.nih.gov/advanced/', undefined],
  ['https://pubmed.ncbi.nlm.nih.gov/help/', undefined],
  ['https://pubmed.ncbi.nlm.nih.gov/clipboard/', undefined],
  ['https://pubmed.ncbi.nlm.nih.gov/0123/', undefined],
  ['http://pubmed.ncbi.nlm.nih.gov/35417736/', undefined],
  ['https://www.ncbi.nlm.nih.gov/pubmed/35417736', undefined],
  ['https://pubmed.ncbi.nlm.nih.gov.evil.com/35417736/', undefined],
  ['https://openreview.net/group?id=ICLR.cc/2025/Conference', 'openreview'],
  ['https://openreview.net/group?id=ICLR.cc/2025/Conference#tab-accept-poster', 'openreview'],
  ['https://openreview.net/group?id=ICLR.cc', 'openreview'],
  ['https://openreview.net/submissions?venue=ICLR.cc/2026/Conference', 'openreview'],
  ['https://openreview.net/forum?id=rkgpv2VFvr', 'openreview'],
  ['https://openreview.net/forum?id=rkgpv2VFvr&noteId=HJlQyQ3jsS', 'openreview'],
  ['https://openreview.net/group', undefined],
  ['https://openreview.net/group?referrer=x', undefined],
  ['https://openreview.net/forum', undefined],
  ['https://openreview.net/submissions?page=2', undefined],
  ['https://openreview.net/profile?id=~Vil%C3%A9m_Zouhar1', undefined],
  ['https://openreview.net/', undefined],
  ['https://openreview.net/notifications', undefined],
  ['https://openreview.net/pdf?id=rkgpv2VFvr', undefined],
  ['https://openreview.net/venue?id=AKBC.ws/2021/Workshop', undefined],
  ['http://openreview.net/forum?id=rkgpv2VFvr', undefined],
  ['https://www.openreview.net/forum?id=rkgpv2VFvr', undefined],
  ['https://api2.openreview.net/notes?id=rkgpv2VFvr', undefined],
  ['https://openreview.net.evil.com/forum?id=rkgpv2VFvr', undefined],
  ['https://www.alphaxiv.org/', 'alphaxiv'],
  ['https://www.alphaxiv.org/?organizations=Microsoft', 'alphaxiv'],
  ['https://www.alphaxiv.org/explore', 'alphaxiv'],
  ['https://www.alphaxiv.org/abs/2404.14219v2', 'alphaxiv'],
  ['https://www.alphaxiv.org/overview/hep-th/9901001', 'alphaxiv'],
  ['https://www.alphaxiv.org/explorer', undefined],
  ['https://www.alphaxiv.org/assistant', undefined],
  ['https://www.alphaxiv.org/profile/alphaxiv', undefined],
  ['https://www.alphaxiv.org/audio/2404.14219', undefined],
  ['http://www.alphaxiv.org/abs/2404.14219', undefined],
  ['https://alphaxiv.org/abs/2404.14219', undefined],
  ['https://www.alphaxiv.org.evil.com/abs/2404.14219', undefined],
  ['https://www.semanticscholar.org/search?q=ego%20depletion&sort=relevance&page=3', 'semanticscholar'],
  ['https://www.semanticscholar.org/author/R.-Baumeister/5142080', 'semanticscholar'],
  ['https://www.semanticscholar.org/paper/516c2035d29bb711be2e027be4ad38224419065a', 'semanticscholar'],
  ['https://www.semanticscholar.org/paper/Ego-depletion/516C2035D29BB711BE2E027BE4AD38224419065A', 'semanticscholar'],
  ['https://www.semanticscholar.org/me', undefined],
  ['https://www.semanticscholar.org/me/library', undefined],
  ['https://www.semanticscholar.org/product/api', undefined],
  ['https://www.semanticscholar.org/search', undefined],
  ['https://www.semanticscholar.org/reader/516c2035d29bb711be2e027be4ad38224419065a', undefined],
  ['https://semanticscholar.org/search?q=x', undefined],
  ['https://openaccess.thecvf.com/CVPR2024', 'cvf'],
  ['https://openaccess.thecvf.com/ICCV2023?day=all', 'cvf'],
  ['https://openaccess.thecvf.com/WACV2024', 'cvf'],
  ['https://openaccess.thecvf.com/CVPR2018.py?day=2018-06-19', 'cvf'],
  ['https://openaccess.thecvf.com/content/ICCV2023/html/Li_A_Paper_ICCV_2023_paper.html', 'cvf'],
  ['https://openaccess.thecvf.com/content_cvpr_2018/html/Das_Embodied_Question_Answering_CVPR_2018_paper.html', 'cvf'],
  ['https://openaccess.thecvf.com/content_ICCV_2017/html/Selvaraju_Grad-CAM_ICCV_2017_paper.html', 'cvf'],
  ['https://openaccess.thecvf.com/content_WACV_2020/html/Li_A_Paper_WACV_2020_paper.html', 'cvf'],
  ['https://openaccess.thecvf.com/', undefined],
  ['https://openaccess.thecvf.com/menu', undefined],
  ['https://openaccess.thecvf.com/content/CVPR2024/papers/Xu_Bayesian_Diffusion_Models_CVPR_2024_paper.pdf', undefined],
  ['https://openaccess.thecvf.com/content/CVPR2024/supplemental/Xu_Bayesian_CVPR_2024_supplemental.pdf', undefined],
  ['https://openaccess.thecvf.com/content_cvpr_2018/papers/Das_Embodied_Question_Answering_CVPR_2018_paper.pdf', undefined],
  ['https://openaccess.thecvf.com/ECCV2018', undefined],
  ['http://openaccess.thecvf.com/CVPR2024?day=all', undefined],
  ['https://thecvf.com/CVPR2024?day=all', undefined],
  ['https://openaccess.thecvf.com.evil.example/CVPR2024?day=all', undefined],
  ['https://www.ecva.net/papers/eccv_2024/papers_ECCV/html/1_ECCV_2024_paper.php', undefined],
  ['https://api.semanticscholar.org/graph/v1/paper/search?query=x', undefined],
  ['http://www.semanticscholar.org/search?q=x', undefined],
  ['https://www.semanticscholar.org.evil.com/search?q=x', undefined],
  ['https://proceedings.mlr.press/v235/', 'pmlr'],
  ['https://proceedings.mlr.press/v9/index.html', 'pmlr'],
  ['https://proceedings.mlr.press/v235/abad-rocamora24a.html', 'pmlr'],
  ['https://proceedings.mlr.press/v28/jaggi13.html', 'pmlr'],
  ['https://proceedings.mlr.press/', undefined],
  ['https://proceedings.mlr.press/faq.html', undefined],
  ['https://proceedings.mlr.press/v235/assets/bib/bibliography.bib', undefined],
  ['https://proceedings.mlr.press/v235/abad-rocamora24a/abad-rocamora24a.pdf', undefined],
  ['https://proceedings.mlr.press/v235/assets/abad-rocamora24a/abad-rocamora24a.pdf', undefined],
  ['https://proceedings.mlr.press/v235/assets/rss/feed.xml', undefined],
  ['http://proceedings.mlr.press/v235/', undefined],
  ['https://proceedings.mlr.press.evil.com/v235/', undefined],
  ['https://mlr.press/v235/', undefined],
  ['https://proceedings.neurips.cc/paper_files/paper/2024', 'neurips'],
  ['https://papers.nips.cc/paper_files/paper/1987/', 'neurips'],
  ['https://proceedings.neurips.cc/paper/2009', 'neurips'],
  ['https://papers.nips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html', 'neurips'],
  ['https://proceedings.neurips.cc/paper_files/paper/2021/hash/003dd617c12d444ff9c80f717c3fa982-Abstract.html', 'neurips'],
  ['https://papers.nips.cc/paper_files/paper/2023/hash/00ba06ba5c324efdfb068865ca44cf0b-Abstract-Datasets_and_Benchmarks.html', 'neurips'],
  [
    'https://proceedings.neurips.cc/paper_files/paper/2024/hash/000f947dcaff8fbffcc3f53a1314f358-Abstract-Datasets_and_Benchmarks_Track.html',
    'neurips',
  ],
  ['https://proceedings.neurips.cc/', undefined],
  ['https://proceedings.neurips.cc/papers/search?q=richard+zemel', undefined],
  ['http://papers.nips.cc/paper_files/paper/2023', undefined],
  ['https://papers.neurips.cc/paper_files/paper/2022/hash/a98846e9d9cc01cfb87eb694d946ce6b-Abstract-Conference.html', undefined],
  ['https://neurips.cc/virtual/2023/papers.html', undefined],
  ['https://proceedings.neurips.cc.evil.com/paper_files/paper/2023', undefined],
  ['https://dblp.org/pid/48/5662.html', 'dblp'],
  ['https://dblp.org/pid/48/5662', 'dblp'],
  ['https://dblp.dagstuhl.de/pid/k/DonaldEKnuth.html', 'dblp'],
  ['https://dblp.org/db/conf/iclr/iclr2019.html', 'dblp'],
  ['https://dblp.org/db/conf/icse-wain/wain2021.html', 'dblp'],
  ['https://dblp.uni-trier.de/db/journals/tods/tods31.html', 'dblp'],
  ['https://dblp.org/db/journals/corr/corr2404.html', 'dblp'],
  ['https://dblp.org/search?q=zotero', 'dblp'],
  ['https://dblp.org/search?q=attention%20year%3A2017%3A', 'dblp'],
  ['https://dblp.org/search/publ?q=attention', 'dblp'],
  ['https://dblp.dagstuhl.de/search?q=knuth', 'dblp'],
  ['https://dblp.org/', undefined],
  ['https://dblp.org/search', undefined],
  ['https://dblp.org/search/', undefined],
  ['https://dblp.org/search/publ/api?q=attention&format=json', undefined],
  ['https://dblp.org/search/publ/inc?q=calefato&s=ydvspcc&h=30&b=1', undefined],
  ['https://dblp.org/search/author?q=knuth', undefined],
  ['https://dblp.org/search/venue?q=icml', undefined],
  ['https://dblp.org/rec/conf/iclr/DasMYTM19.html', undefined],
  ['https://dblp.org/rec/conf/iclr/DasMYTM19.html?view=bibtex', undefined],
  ['https://dblp.org/pers/hd/c/Clauset:Aaron', undefined],
  ['https://dblp.org/db/series/ceurws/ceurws2600-2699.html', undefined],
  ['https://dblp.org/db/conf/', undefined],
  ['https://dblp.org/db/conf/at/', undefined],
  ['http://dblp.org/search?q=zotero', undefined],
  ['https://www.dblp.org/search?q=zotero', undefined],
  ['https://dblp2.uni-trier.de/pid/97/4275.html', undefined],
  ['https://dblp1.uni-trier.de/db/journals/tois/tois25.html', undefined],
  ['https://dblp.org.evil.com/search?q=zotero', undefined],
]

/** Pages the content script runs on without annotating them, and why. */
const FOLLOWED_FOR_NAVIGATION = [
  ['https://www.semanticscholar.org/', 'its search box leads to results without loading a new document'],
] as const

const EXAMPLES = SITES.flatMap((site) => site.examples.map((example) => [example.url, site.id] as const))

describe('site pages and the generated manifest agree', () => {
  it.each([...EXAMPLES, ...NEAR_MISSES])('%s belongs to %s', (url, expected) => {
    expect(adapterFor(new URL(url))?.id).toBe(expected)
    expect(injected(url)).toEqual(expected === undefined ? [] : [contentScriptFile(expected)])
  })

  it.each(FOLLOWED_FOR_NAVIGATION)('runs on %s, annotating nothing there: %s', (url) => {
    expect(adapterFor(new URL(url))).toBeUndefined()
    expect(injected(url)).toHaveLength(1)
  })

  it("gives each site one script of its own, run on that site's declared pages, with no broad pattern", () => {
    expect(contentScripts().map((script) => script.js)).toEqual(SITES.map((site) => [contentScriptFile(site.id)]))
    expect(contentScripts().map((script) => script.matches)).toEqual(SITES.map((site) => site.pages))
    for (const pattern of allPatterns()) expect(pattern).toMatch(/^https:\/\/[a-z0-9.-]+\/\S*$/)
  })

  it("never injects two sites' scripts into one page: no pattern of one site matches a page of another", () => {
    for (const site of SITES) {
      for (const pattern of site.pages) {
        const page = pattern.replaceAll('*', 'x')
        expect(injected(page)).toEqual([contentScriptFile(site.id)])
      }
    }
  })

  it('holds a host permission for every page the content script runs on', () => {
    expect(hostPermissions()).toEqual([
      'https://aclanthology.org/*',
      'https://arxiv.org/*',
      'https://dblp.dagstuhl.de/*',
      'https://dblp.org/*',
      'https://dblp.uni-trier.de/*',
      'https://huggingface.co/*',
      'https://openaccess.thecvf.com/*',
      'https://openreview.net/*',
      'https://papers.nips.cc/*',
      'https://proceedings.mlr.press/*',
      'https://proceedings.neurips.cc/*',
      'https://pubmed.ncbi.nlm.nih.gov/*',
      ...[...SCHOLAR_HOSTS].sort().map((host) => `https://${host}/*`),
      'https://www.alphaxiv.org/*',
      'https://www.arxiv.org/*',
      'https://www.biorxiv.org/*',
      'https://www.medrxiv.org/*',
      'https://www.semanticscholar.org/*',
    ])
    for (const pattern of allPatterns()) {
      const page = pattern.replaceAll('*', 'x')
      expect(browserMatches(pattern, page)).toBe(true)
      expect(hostPermissions().some((permission) => browserMatches(permission, page))).toBe(true)
    }
  })
})

describe('the independent matcher', () => {
  it.each([
    ['https://a.org/p*', 'https://a.org/p', true],
    ['https://a.org/p*', 'https://a.org/pq?x=1', true],
    ['https://a.org/p', 'https://a.org/p?x=1', false],
    ['https://a.org/*b*c', 'https://a.org/abbbc', true],
    ['https://a.org/*b*c', 'https://a.org/abcd', false],
    ['https://*.a.org/*', 'https://a.org/', true],
    ['https://*.a.org/*', 'https://x.a.org/', true],
    ['https://*.a.org/*', 'https://xa.org/', false],
    ['*://a.org/*', 'http://a.org/', true],
    ['*://a.org/*', 'ftp://a.org/', false],
  ])('%s on %s: %s', (pattern, url, expected) => {
    expect(browserMatches(pattern, url)).toBe(expected)
  })
})
