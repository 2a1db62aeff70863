import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ForeignPaper } from '../../../src/core/import/foreign-paper'
import { isPaperMemoryExport, parsePaperMemory } from '../../../src/core/import/papermemory'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>

/** A paper as PaperMemory's `initPaper` and `validatePaper` write it, with these fields changed. */
function memoryPaper(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    addDate: '2024-01-02T10:00:00.000Z',
    author: 'Ashish Vaswani and Noam Shazeer',
    bibtex: '',
    code: {},
    codeLink: '',
    count: 1,
    doi: '',
    favorite: false,
    favoriteDate: '',
    id: 'Arxiv-1706.03762',
    key: 'vaswani2017attention',
    lastOpenDate: '2024-01-02T10:00:00.000Z',
    md: '[Attention Is All You Need](https://arxiv.org/pdf/1706.03762.pdf)',
    note: '',
    pdfLink: 'https://arxiv.org/pdf/1706.03762.pdf',
    source: 'arxiv',
    tags: [],
    title: 'Attention Is All You Need',
    venue: '',
    year: '2017',
    ...fields,
  }
}

async function one(fields: Record<string, unknown>): Promise<ForeignPaper> {
  const { papers } = await parsePaperMemory({ __dataVersion: 508, [String(fields.id ?? 'Arxiv-1706.03762')]: memoryPaper(fields) })
  expect(papers).toHaveLength(1)
  return papers[0]!
}

describe('real PaperMemory exports', () => {
  it('data version 508: ids from the paper id, its PDF link and its BibTeX; venue, note and favourite', async () => {
    const data = fixture('papermemory-3-papers.papermemory-json')
    expect(isPaperMemoryExport(data)).toBe(true)
    const imported = await parsePaperMemory(data)
    expect(imported.format).toBe('papermemory')
    expect(imported.skipped).toEqual([])
    const [acl, cyclegan, jmlr] = imported.papers
    expect(acl).toMatchObject({
      index: 1,
      title: 'When do Word Embeddings Accurately Reflect Surveys on our Beliefs About People?',
      authors: ['Kenneth Joseph', 'Jonathan Morgan'],
      doi: '10.18653/v1/2020.acl-main.405',
      otherKeys: ['acl:2020.acl-main.405'],
      year: 2020,
      venue: 'ACL',
      tags: [],
      note: 'Accepted @ ACL (2020)',
    })
    // The abstract is only in its BibTeX.
    expect(acl!.abstract).toMatch(/^Social biases are encoded in word embeddings\. .* only for the most salient biases\.$/)
    expect(cyclegan).toEqual({
      index: 2,
      // PaperMemory keeps arXiv's line break and double space; they collapse.
      title: 'Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks',
      authors: ['Jun-Yan Zhu', 'Taesung Park', 'Phillip Isola', 'Alexei A. Efros'],
      arxivId: '1703.10593',
      version: 7,
      doi: '10.1109/iccv.2017.244',
      otherKeys: ['dblp:conf/iccv/ZhuPIE17'],
      year: 2017,
      venue: 'ICCV',
      tags: [],
      note: 'Accepted @ ICCV 2017 -- [dblp.org]',
    })
    expect(jmlr).toEqual({
      index: 3,
      title: 'Random Search for Hyper-Parameter Optimization',
      authors: ['James Bergstra', 'Yoshua Bengio'],
      otherKeys: [],
      year: 2012,
      venue: 'JMLR',
      tags: [],
      note: 'Published @ JMLR (2012)',
    })
  })

  it('data version 304: no venue field, an OpenReview paper under review, "arXiv: Arxiv-…" in its BibTeX', async () => {
    const imported = await parsePaperMemory(fixture('papermemory-2021.papermemory-json'))
    expect(imported.papers).toEqual([
      {
        index: 1,
        title: 'Unpaired Image-to-Image Translation using Cycle-Consistent Adversarial Networks',
        authors: ['Jun-Yan Zhu', 'Taesung Park', 'Phillip Isola', 'Alexei A. Efros'],
        arxivId: '1703.10593',
        version: 7,
        otherKeys: [],
        year: 2017,
        tags: [],
      },
      {
        index: 2,
        title: 'ClimateGAN: Raising Climate Change Awareness by Generating Images of Floods',
        authors: ['Anonymous'],
        otherKeys: ['openreview:EZNOb_uNpJk'],
        year: 2022,
        tags: [],
        note: 'Under review @ ICLR 2022 (25/11/2021)',
      },
    ])
  })
})

describe('PaperMemory papers', () => {
  it('a favourite with tags and a note, as the extension stores them', async () => {
    expect(
      await one({
        favorite: true,
        favoriteDate: '2024-01-03T10:00:00.000Z',
        tags: ['transformers', ' NLP ', 'nlp', ''],
        note: 'Read §3\nthen §4',
      }),
    ).toMatchObject({ tags: ['transformers', 'NLP'], note: 'Read §3\nthen §4', arxivId: '1706.03762' })
  })

  it('old-style arXiv ids keep their slash; PDF links of other sites name their paper', async () => {
    expect(await one({ id: 'Arxiv-hep-th_9901001', pdfLink: 'https://arxiv.org/pdf/hep-th/9901001v2.pdf' })).toMatchObject({
      arxivId: 'hep-th/9901001',
      version: 2,
    })
    expect(
      await one({
        id: 'PMLR-2023_x23a',
        source: 'pmlr',
        pdfLink: 'https://proceedings.mlr.press/v202/x23a/x23a.pdf',
        doi: '10.5555/3618408',
      }),
    ).toMatchObject({ otherKeys: ['pmlr:v202/x23a'], doi: '10.5555/3618408' })
  })

  it('its BibTeX adds what the paper lacks: a Google Scholar journal, a dblp record', async () => {
    const bibtex =
      '@article{hu2021lora,\n  title={Lora},\n  journal={arXiv preprint arXiv:2106.09685},\n  biburl={https://dblp.org/rec/journals/corr/abs-2106-09685.bib},\n  year={2021}\n}'
    expect(await one({ id: 'Website_abc', source: 'website', pdfLink: 'https://example.org/lora.pdf', bibtex })).toMatchObject({
      arxivId: '2106.09685',
      otherKeys: ['dblp:journals/corr/abs-2106-09685'],
    })
  })

  it('a BibTeX snippet that does not parse is ignored', async () => {
    expect(await one({ bibtex: '@article{broken, title={unbalanced' })).toMatchObject({
      title: 'Attention Is All You Need',
      arxivId: '1706.03762',
    })
  })
})

describe('hostile PaperMemory files', () => {
  it('values that are not papers are skipped; fields of the wrong type are ignored', async () => {
    const imported = await parsePaperMemory({
      __dataVersion: 508,
      a: 'not a paper',
      b: null,
      c: memoryPaper({
        title: ['x'],
        author: ['A'],
        tags: 'tag',
        favorite: 'yes',
        year: { y: 1 },
        note: 5,
        id: 7,
        pdfLink: 9,
        doi: '10.1000/ok',
      }),
    })
    expect(imported.skipped).toEqual([
      { index: 1, reason: 'it is not a PaperMemory paper' },
      { index: 2, reason: 'it is not a PaperMemory paper' },
    ])
    expect(imported.papers).toEqual([{ index: 3, title: '', authors: [], doi: '10.1000/ok', otherKeys: [], tags: [] }])
  })

  it('a __proto__ key is data, never a prototype', async () => {
    const data = JSON.parse(
      `{"__proto__": ${JSON.stringify(memoryPaper({ title: 'Injected' }))}, "Arxiv-1706.03762": ${JSON.stringify(memoryPaper({}))}}`,
    ) as Record<string, unknown>
    const imported = await parsePaperMemory(data)
    expect(imported.papers.map((paper) => paper.title)).toEqual(['Attention Is All You Need'])
    expect(({} as Record<string, unknown>).title).toBeUndefined()
  })

  it('huge, marked-up and right-to-left titles', async () => {
    expect((await one({ title: 'x'.repeat(10_000) })).title).toHaveLength(1000)
    expect((await one({ title: '<img src=x onerror=alert(1)>' })).title).toBe('<img src=x onerror=alert(1)>')
    expect((await one({ title: 'تعلم الآلة', author: 'דוד כהן and سارة' })).authors).toEqual(['דוד כהן', 'سارة'])
  })

  it('an object of other things is not a PaperMemory export', () => {
    expect(isPaperMemoryExport({ items: [{ title: 'T' }] })).toBe(false)
    expect(isPaperMemoryExport({ x: { id: 'x', title: 'T' } })).toBe(false)
    expect(isPaperMemoryExport({ __dataVersion: 1 })).toBe(true)
  })
})
