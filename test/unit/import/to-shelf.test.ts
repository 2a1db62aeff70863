import { describe, expect, it } from 'vitest'
import { parseStoredPaper } from '../../../src/core/backup/paper-schema'
import type { ForeignPaper } from '../../../src/core/import/foreign-paper'
import { toShelfPapers } from '../../../src/core/import/to-shelf'
import { withMarkValues } from '../../../src/core/marks'
import { presentTags } from '../../../src/core/tag-set'
import { isSiteLink, siteOfPaperUrl } from '../../../src/sites/registry'
import { storedPaper } from '../paper-fixtures'

const NOW = 5_000

function entry(index: number, fields: Partial<ForeignPaper>): ForeignPaper {
  return { index, title: `Entry ${index}`, authors: ['Ada Lovelace'], otherKeys: [], tags: [], ...fields }
}

const valid = (papers: readonly unknown[]) => papers.map((paper) => parseStoredPaper(paper, isSiteLink)).filter((parsed) => !parsed.ok)

describe('papers from another tool onto the shelf', () => {
  it('makes new papers starred, tagged and noted as the file says, with links to their pages', () => {
    const { papers, matched, skipped } = toShelfPapers(
      [
        entry(1, { arxivId: '2106.09685', version: 2, tags: ['peft', 'lora'], note: 'Read the appendix', year: 2021 }),
        entry(2, {
          doi: '10.18653/v1/2020.acl-main.405',
          otherKeys: ['acl:2020.acl-main.405'],
          venue: 'ACL 2020',
          published: '2020-07-05',
        }),
        entry(3, { otherKeys: ['openreview:nZeVKeeFYf9'] }),
      ],
      [],
      siteOfPaperUrl,
      NOW,
    )
    expect(matched).toBe(0)
    expect(skipped).toEqual([])
    const [lora, acl, openreview] = papers
    expect(lora).toMatchObject({
      key: 'arxiv:2106.09685',
      arxivId: '2106.09685',
      version: 2,
      published: '2021',
      links: { arxiv: 'https://arxiv.org/abs/2106.09685' },
    })
    expect(presentTags(lora!.marks.tags.value)).toEqual(['lora', 'peft'])
    expect(lora!.marks.note).toEqual({ value: 'Read the appendix', at: NOW })
    expect(lora!.marks.starred).toEqual({ value: true, at: NOW })
    expect(lora!.marks.read.value).toBe(false)
    expect(acl).toMatchObject({
      key: 'doi:10.18653/v1/2020.acl-main.405',
      aliases: ['acl:2020.acl-main.405'],
      journalRef: 'ACL 2020',
      published: '2020-07-05',
      links: { aclanthology: 'https://aclanthology.org/2020.acl-main.405/' },
    })
    expect(openreview).toMatchObject({
      key: 'openreview:nZeVKeeFYf9',
      links: { openreview: 'https://openreview.net/forum?id=nZeVKeeFYf9' },
    })
    expect(valid(papers)).toEqual([])
  })

  it('stars and tags a paper already on the shelf, keeping its own details, tags and note', () => {
    const shelf = storedPaper('2106.09685', { title: 'LoRA', abstract: 'Ours', addedAt: 7 }, { read: true })
    const noted = { ...shelf, marks: withMarkValues(shelf.marks, { tags: ['mine'], note: 'My note' }, 100) }
    const { papers, matched } = toShelfPapers(
      [
        entry(1, {
          arxivId: '2106.09685',
          title: 'LoRA: Low-Rank Adaptation',
          abstract: 'Theirs',
          tags: ['theirs'],
          note: 'Their note',
          doi: '10.48550/arxiv.2106.09685',
        }),
      ],
      [noted],
      siteOfPaperUrl,
      NOW,
    )
    expect(matched).toBe(1)
    const [paper] = papers
    expect(paper).toMatchObject({ key: 'arxiv:2106.09685', title: 'LoRA', abstract: 'Ours', addedAt: 7, metadataChangedAt: 0 })
    expect(presentTags(paper!.marks.tags.value)).toEqual(['mine', 'theirs'])
    expect(paper!.marks.note).toEqual({ value: 'My note', at: 100 })
    expect(paper!.marks.read).toEqual(noted.marks.read)
    expect(paper!.marks.starred).toEqual({ value: true, at: NOW })
    expect(valid(papers)).toEqual([])
  })

  it('finds a paper known only by a site id by its title and first author', () => {
    const shelf = {
      ...storedPaper('x', { title: 'Random Search for Hyper-Parameter Optimization', authors: ['James Bergstra', 'Yoshua Bengio'] }),
      key: 'dblp:journals/jmlr/BergstraB12',
      arxivId: undefined,
      links: {},
    }
    const { papers, matched, skipped } = toShelfPapers(
      [entry(4, { title: 'Random search for hyper-parameter optimization', authors: ['J. Bergstra', 'Y. Bengio'] })],
      [shelf],
      siteOfPaperUrl,
      NOW,
    )
    expect(skipped).toEqual([])
    expect(matched).toBe(1)
    expect(papers[0]!.key).toBe('dblp:journals/jmlr/BergstraB12')
  })

  it('never joins by title two papers that each have an arXiv id or a DOI', () => {
    const shelf = storedPaper('2106.09685', { title: 'A Paper With A Long Enough Title', authors: ['Ada Lovelace'] })
    const { papers, matched } = toShelfPapers(
      [entry(1, { title: 'A Paper With A Long Enough Title', doi: '10.1234/other' })],
      [shelf],
      siteOfPaperUrl,
      NOW,
    )
    expect(matched).toBe(0)
    expect(papers[0]!.key).toBe('doi:10.1234/other')
  })

  it('merges entries that name one paper, and skips those it cannot place, saying why', () => {
    const { papers, skipped } = toShelfPapers(
      [
        entry(1, { arxivId: '2106.09685', tags: ['a'] }),
        entry(2, { title: 'No identifier at all' }),
        entry(3, { arxivId: '2106.09685', doi: '10.5555/3295222.3295349', tags: ['b'] }),
        entry(4, { title: '', arxivId: '1706.03762' }),
      ],
      [],
      siteOfPaperUrl,
      NOW,
    )
    expect(papers.map((paper) => paper.key)).toEqual(['arxiv:2106.09685'])
    expect(papers[0]!.aliases).toEqual(['doi:10.5555/3295222.3295349'])
    expect(presentTags(papers[0]!.marks.tags.value)).toEqual(['a', 'b'])
    expect(skipped).toEqual([
      { index: 2, reason: 'it has no arXiv id, DOI or link Paper Shelf knows, and no paper on your shelf has its title' },
      { index: 4, reason: 'it has no title' },
    ])
  })

  it('keeps hostile text as text and bounds long fields', () => {
    const { papers } = toShelfPapers(
      [entry(1, { arxivId: '2106.09685', title: '<img src=x onerror=alert(1)>'.repeat(100), venue: 'v'.repeat(5000), tags: ['<b>x</b>'] })],
      [],
      siteOfPaperUrl,
      NOW,
    )
    expect(papers[0]!.title.length).toBeLessThanOrEqual(1000)
    expect(papers[0]!.title.startsWith('<img src=x onerror=alert(1)>')).toBe(true)
    expect(papers[0]!.journalRef!.length).toBeLessThanOrEqual(2000)
    expect(presentTags(papers[0]!.marks.tags.value)).toEqual(['<b>x</b>'])
    expect(valid(papers)).toEqual([])
  })
})
