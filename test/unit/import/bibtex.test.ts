import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseBibtex } from '../../../src/core/import/bibtex'
import type { ForeignImport, ForeignPaper } from '../../../src/core/import/foreign-paper'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8')

async function read(text: string): Promise<ForeignImport> {
  const parsed = await parseBibtex(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

async function papersOf(name: string): Promise<ForeignPaper[]> {
  const imported = await read(fixture(name))
  expect(imported.format).toBe('bibtex')
  expect(imported.skipped).toEqual([])
  return imported.papers
}

/** The one paper of a one-entry file. */
async function only(text: string): Promise<ForeignPaper> {
  const { papers } = await read(text)
  expect(papers).toHaveLength(1)
  return papers[0]!
}

describe('real BibTeX exports', () => {
  it('Zotero: braces gone, arXiv id from the arXiv DOI, the URL and the note field, keywords as tags; the note field is no reader note', async () => {
    expect(await papersOf('zotero.bib')).toEqual([
      {
        index: 1,
        title: 'DRSOM: A Dimension Reduced Second-Order Method',
        authors: ['Chuwen Zhang', 'Dongdong Ge', 'Chang He', 'Bo Jiang', 'Yuntian Jiang', 'Yinyu Ye'],
        arxivId: '2208.00208',
        doi: '10.48550/arxiv.2208.00208',
        otherKeys: [],
        year: 2023,
        tags: [],
      },
      {
        index: 2,
        title: 'A Homogenous Second-Order Descent Method for Nonconvex Optimization',
        authors: ['Chuwen Zhang', 'Dongdong Ge', 'Chang He', 'Bo Jiang', 'Yuntian Jiang', 'Chenyu Xue', 'Yinyu Ye'],
        arxivId: '2211.08212',
        otherKeys: [],
        year: 2022,
        tags: ['Mathematics - Optimization and Control'],
      },
    ])
  })

  it('Better BibTeX: eprint with archiveprefix, DOI, LaTeX accents in names, \\url notes as text, keywords', async () => {
    const papers = await papersOf('better-bibtex-arxiv.bib')
    expect(papers.map((paper) => [paper.arxivId, paper.doi])).toEqual([
      ['1401.2910', '10.1126/science.1252319'],
      ['1508.05387', '10.1007/jhep02(2016)087'],
      ['1305.4904', undefined],
    ])
    expect(papers[0]).toMatchObject({
      title: 'Defining and Detecting Quantum Speedup',
      authors: [
        'Troels F. Rønnow',
        'Zhihui Wang',
        'Joshua Job',
        'Sergio Boixo',
        'Sergei V. Isakov',
        'David Wecker',
        'John M. Martinis',
        'Daniel A. Lidar',
        'Matthias Troyer',
      ],
      year: 2014,
      venue: 'Science',
      tags: ['Quantum Physics'],
    })
    expect(papers[0]!.note).toBeUndefined()
    expect(papers[0]!.abstract).toMatch(
      /^The development of small-scale digital and analog quantum devices .* quantum speedup is elusive and can depend on the question posed\.$/,
    )
    expect(papers[0]!.published).toBeUndefined()
    // {{BV Master Action}} and {{Heterotic}}: Better BibTeX's double braces protect case and vanish.
    expect(papers[1]).toMatchObject({
      title: 'BV Master Action for Heterotic and Type II String Field Theories',
      authors: ['Ashoke Sen'],
      tags: [
        '_tablet',
        'Batalin-Vilkoviski formalism',
        'covariant string field theory',
        'futur: 3',
        'note: 4',
        'printed',
        'superstring field theory',
      ],
    })
    // "journal = {arXiv:1305.4904 [quant-ph]}" points to arXiv; it is not a venue.
    expect(papers[2]).toMatchObject({
      title: 'Classical Signature of Quantum Annealing',
      authors: ['John A. Smolin', 'Graeme Smith'],
      year: 2013,
    })
    expect(papers[2]!.venue).toBeUndefined()
  })

  it('Better BibTeX: a JSTOR eprint is not an arXiv id; editors are not authors; quality-report comments are ignored', async () => {
    const papers = await papersOf('better-bibtex-jstor.bib')
    expect(papers.map((paper) => paper.title)).toEqual([
      '__"theory of truth" inauthor:bunge - Recherche Google',
      'Scientific philosophy today: Essays in honor of Mario Bunge',
      'Probability in the Sciences',
      "About Mario Bunge's 'A Critical Examination of Dialectics'",
      'The Turn of the Tide',
      'Exact Philosophy',
    ])
    expect(papers.every((paper) => paper.arxivId === undefined)).toBe(true)
    expect(papers[1]).toMatchObject({ authors: [], tags: ['Bunge Mario', 'Philosophy', 'Science'], year: 1982 })
    // Better BibTeX writes Zotero's notes as `annote`: that is the reader's note.
    expect(papers[2]).toMatchObject({ note: 'OCLC: 851377291', year: 1988 })
    expect(papers[3]).toMatchObject({ authors: ['Pavel Apostol'], venue: 'Studies in Soviet Thought', otherKeys: [] })
    expect(papers[4]).toMatchObject({ doi: '10.1007/978-3-642-88026-1_1', venue: 'Quantum Theory and Reality' })
  })

  it('arXiv: eprint, archivePrefix and url; an organisation as the one author', async () => {
    expect(await papersOf('arxiv.bib')).toEqual([
      {
        index: 1,
        title: 'DeepSeek-R1: Incentivizing Reasoning Capability in LLMs via Reinforcement Learning',
        authors: ['DeepSeek-AI'],
        arxivId: '2501.12948',
        otherKeys: [],
        year: 2025,
        tags: [],
      },
    ])
  })

  it('arXiv (2020): names in UTF-8 as arXiv writes them', async () => {
    const papers = await papersOf('arxiv-2020.bib')
    expect(papers.map(({ title, authors, arxivId }) => ({ title, authors, arxivId }))).toEqual([
      {
        title: 'TAPAS: Weakly Supervised Table Parsing via Pre-training',
        authors: ['Jonathan Herzig', 'Paweł Krzysztof Nowak', 'Thomas Müller', 'Francesco Piccinno', 'Julian Martin Eisenschlos'],
        arxivId: '2004.02349',
      },
      {
        title: 'Understanding tables with intermediate pre-training',
        authors: ['Julian Martin Eisenschlos', 'Syrine Krichene', 'Thomas Müller'],
        arxivId: '2010.00571',
      },
    ])
  })

  it('Google Scholar: the arXiv id from "arXiv preprint arXiv:…", with its version', async () => {
    expect(await papersOf('google-scholar.bib')).toEqual([
      {
        index: 1,
        title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
        authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
        arxivId: '1810.04805',
        otherKeys: [],
        year: 2018,
        tags: [],
      },
      {
        index: 2,
        title: 'Well-Read Students Learn Better: On the Importance of Pre-training Compact Models',
        authors: ['Iulia Turc', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
        arxivId: '1908.08962',
        version: 2,
        otherKeys: [],
        year: 2019,
        tags: [],
      },
    ])
  })

  it('dblp: the record key from biburl, {-} in names, an arXiv DOI and eprint on CoRR entries', async () => {
    const [conference, corr] = await papersOf('dblp.bib')
    expect(conference).toMatchObject({
      title: 'CodeXGLUE: A Machine Learning Benchmark Dataset for Code Understanding and Generation',
      otherKeys: ['dblp:conf/nips/LuGRHSBCDJTLZSZ21'],
      year: 2021,
      venue:
        'Proceedings of the Neural Information Processing Systems Track on Datasets and Benchmarks 1, NeurIPS Datasets and Benchmarks 2021, December 2021, virtual',
    })
    expect(conference!.authors).toHaveLength(22)
    expect(conference!.authors.slice(0, 3)).toEqual(['Shuai Lu', 'Daya Guo', 'Shuo Ren'])
    expect(corr).toEqual({
      index: 2,
      title: 'Measuring Taiwanese Mandarin Language Understanding',
      authors: ['Po-Heng Chen', 'Sijia Cheng', 'Wei-Lin Chen', 'Yen-Ting Lin', 'Yun-Nung Chen'],
      arxivId: '2403.20180',
      doi: '10.48550/arxiv.2403.20180',
      otherKeys: ['dblp:journals/corr/abs-2403-20180'],
      year: 2024,
      venue: 'CoRR',
      tags: [],
    })
  })

  it('dblp (2016): an old /rec/bib/ link is not mistaken for a record key', async () => {
    const papers = await papersOf('dblp-2016.bib')
    expect(papers.map(({ title, authors, otherKeys }) => ({ title, authors, otherKeys }))).toEqual([
      {
        title: 'Regelbasierte Extraktion und asymmetrische Fusion bibliographischer Informationen',
        authors: ['Oliver Hoffmann'],
        otherKeys: [],
      },
      { title: 'Algorithms for the Bregman k-Median problem', authors: ['Marcel R. Ackermann'], otherKeys: [] },
    ])
  })

  it('OpenReview and ACL Anthology: the forum and the Anthology paper from their links', async () => {
    expect(await papersOf('openreview.bib')).toEqual([
      {
        index: 1,
        title: 'LoRA: Low-Rank Adaptation of Large Language Models',
        authors: ['Edward J Hu', 'Yelong Shen', 'Phillip Wallis', 'Zeyuan Allen-Zhu', 'Yuanzhi Li', 'Shean Wang', 'Lu Wang', 'Weizhu Chen'],
        otherKeys: ['openreview:nZeVKeeFYf9'],
        year: 2022,
        venue: 'International Conference on Learning Representations',
        tags: [],
      },
    ])
    expect(await papersOf('acl-anthology.bib')).toEqual([
      {
        index: 1,
        title: 'DeeBERT: Dynamic Early Exiting for Accelerating BERT Inference',
        authors: ['Ji Xin', 'Raphael Tang', 'Jaejun Lee', 'Yaoliang Yu', 'Jimmy Lin'],
        otherKeys: ['acl:2020.acl-main.204'],
        year: 2020,
        venue: 'Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics',
        tags: [],
      },
    ])
  })
})

describe('identifiers in BibTeX fields', () => {
  it.each([
    [
      'eprint with archivePrefix',
      '@misc{k, title={T}, eprint={2106.09685v2}, archivePrefix={arXiv}}',
      { arxivId: '2106.09685', version: 2 },
    ],
    ['eprint with eprinttype', '@online{k, title={T}, eprint={hep-th/9901001}, eprinttype={arxiv}}', { arxivId: 'hep-th/9901001' }],
    ['eprint alone', '@misc{k, title={T}, eprint={1706.03762}}', { arxivId: '1706.03762' }],
    ['Mendeley arxivId', '@article{k, title={T}, arxivId={1706.03762}}', { arxivId: '1706.03762' }],
    ['Google Scholar journal', '@article{k, title={T}, journal={arXiv preprint arXiv:2106.09685}}', { arxivId: '2106.09685' }],
    ['arXiv link', '@misc{k, title={T}, url={https://arxiv.org/abs/2106.09685v3}}', { arxivId: '2106.09685', version: 3 }],
    ['howpublished \\url', '@misc{k, title={T}, howpublished={\\url{https://arxiv.org/pdf/2106.09685}}}', { arxivId: '2106.09685' }],
    ['arXiv DOI', '@misc{k, title={T}, doi={10.48550/arXiv.2106.09685}}', { arxivId: '2106.09685', doi: '10.48550/arxiv.2106.09685' }],
    ['Zotero note', '@article{k, title={T}, note={arXiv: 2106.09685}}', { arxivId: '2106.09685' }],
    ['doi.org link', '@article{k, title={T}, url={https://doi.org/10.1145/3442188.3445922}}', { doi: '10.1145/3442188.3445922' }],
    ['DOI field', '@article{k, title={T}, doi={https://doi.org/10.1000/ABC.1}}', { doi: '10.1000/abc.1' }],
    [
      'OpenReview PDF',
      '@inproceedings{k, title={T}, url={https://openreview.net/pdf?id=tV7GSY5GYG}}',
      { otherKeys: ['openreview:tV7GSY5GYG'] },
    ],
    [
      'ACL Anthology PDF',
      '@inproceedings{k, title={T}, url={https://aclanthology.org/2023.acl-long.1.pdf}}',
      { otherKeys: ['acl:2023.acl-long.1'] },
    ],
    [
      'PMLR page',
      '@inproceedings{k, title={T}, url={https://proceedings.mlr.press/v202/dutordoir23a.html}}',
      { otherKeys: ['pmlr:v202/dutordoir23a'] },
    ],
    [
      'PMLR PDF',
      '@inproceedings{k, title={T}, pdf={https://proceedings.mlr.press/v202/dutordoir23a/dutordoir23a.pdf}}',
      { otherKeys: ['pmlr:v202/dutordoir23a'] },
    ],
    [
      'dblp biburl',
      '@inproceedings{k, title={T}, biburl={https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.bib}}',
      { otherKeys: ['dblp:conf/nips/VaswaniSPUJGKP17'] },
    ],
    ['PubMed link', '@article{k, title={T}, url={https://pubmed.ncbi.nlm.nih.gov/31452104/}}', { otherKeys: ['pmid:31452104'] }],
    ['pmid field', '@article{k, title={T}, pmid={31452104}}', { otherKeys: ['pmid:31452104'] }],
  ])('%s', async (_name, bibtex, expected) => {
    expect(await only(bibtex)).toMatchObject(expected)
  })

  it('keeps the first DOI and arXiv id; a later mention adds only the version the first lacked', async () => {
    const paper = await only(
      '@misc{k, title={T}, eprint={2106.09685}, doi={10.1000/first}, url={https://arxiv.org/abs/2106.09685v4}, note={https://doi.org/10.1000/second arXiv:1706.03762}}',
    )
    expect(paper).toMatchObject({ arxivId: '2106.09685', version: 4, doi: '10.1000/first' })
  })

  it('a BibLaTeX date is the published date; year and month alone are a year', async () => {
    expect(await only('@online{k, title={T}, date={2021-03-04}}')).toMatchObject({ published: '2021-03-04', year: 2021 })
    expect(await only('@article{k, title={T}, year={2021}, month=mar}')).toMatchObject({ year: 2021 })
    expect((await only('@article{k, title={T}, year={2021}, month=mar}')).published).toBeUndefined()
  })
})

describe('entries that are not papers, and files that are not BibTeX', () => {
  it('@string, @preamble and @comment are not entries; an entry with no title and no identifier is skipped', async () => {
    const imported = await read(
      '@string{acl = "Association for Computational Linguistics"}\n@preamble{"\\newcommand{\\noop}[1]{}"}\n@comment{jabref-meta: databaseType:bibtex;}\n' +
        '@misc{empty, author={Nobody, A.}}\n@inproceedings{k, title={T}, booktitle=acl}\n',
    )
    expect(imported.skipped).toEqual([{ index: 1, reason: 'it has no title and no identifier' }])
    expect(imported.papers).toMatchObject([{ index: 2, title: 'T', venue: 'Association for Computational Linguistics' }])
  })

  it('an unterminated entry fails the file with its line', async () => {
    const parsed = await parseBibtex('@article{a, title={Fine}}\n\n@article{b,\n  title = {Unbalanced\n')
    expect(parsed).toEqual({ ok: false, error: expect.stringMatching(/^This file is not valid BibTeX: line \d+: /) })
  })

  it('a broken field fails the file', async () => {
    const parsed = await parseBibtex('@article{a, title={One}}\n@article{b, title = "unterminated}\n')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error).toMatch(/^This file is not valid BibTeX: /)
  })
})

describe('hostile BibTeX', () => {
  it('a 10 KB title is cut to 1000 characters, an abstract to 20,000', async () => {
    const paper = await only(`@misc{k, title={${'Long '.repeat(2000)}}, abstract={${'word '.repeat(10_000)}}}`)
    expect(paper.title).toHaveLength(1000)
    expect(paper.title.endsWith('…')).toBe(true)
    expect(paper.abstract!.length).toBeLessThanOrEqual(20_000)
  })

  it('markup the way exporters write it comes back as plain text, never as HTML', async () => {
    const paper = await only('@misc{k, title={{\\textless}img src=x onerror=alert(1){\\textgreater} \\emph{and} \\textbf{bold}}}')
    expect(paper.title).toBe('<img src=x onerror=alert(1)> and bold')
  })

  it('bare angle brackets stay brackets (LaTeX would print ¡ and ¿), unless the entry writes ¡ or ¿ itself', async () => {
    expect((await only('@misc{k, title={<img src=x onerror=alert(1)> with <1\\% labels}}')).title).toBe(
      '<img src=x onerror=alert(1)> with <1% labels',
    )
    expect((await only('@misc{k, title={¡Hola! <i>}}')).title).toBe('¡Hola! ¡i>')
  })

  it('right-to-left titles and names keep their script and marks', async () => {
    const title = 'שלום עולם: تعلم الآلة\u200F'
    const paper = await only(`@misc{k, title={${title}}, author={כהן, דוד and {مؤسسة البحث}}}`)
    expect(paper.title).toBe(title)
    expect(paper.authors).toEqual(['דוד כהן', 'مؤسسة البحث'])
  })

  it('field names from the file never reach an object prototype', async () => {
    const paper = await only('@misc{__proto__, __proto__={x}, constructor={y}, hasOwnProperty={z}, title={T}}')
    expect(paper).toMatchObject({ title: 'T', otherKeys: [], tags: [] })
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it('control characters are dropped, at most 1000 authors and 100 tags are kept', async () => {
    const authors = Array.from({ length: 1100 }, (_, i) => `Author${i}, A.`).join(' and ')
    const keywords = Array.from({ length: 150 }, (_, i) => `tag${i}`).join(', ')
    const paper = await only(`@misc{k, title={A\u0007B}, author={${authors}}, keywords={${keywords}, TAG1, tag1}}`)
    expect(paper.title).toBe('A B')
    expect(paper.authors).toHaveLength(1000)
    expect(paper.tags).toHaveLength(100)
    expect(new Set(paper.tags.map((tag) => tag.toLowerCase())).size).toBe(100)
  })
})
