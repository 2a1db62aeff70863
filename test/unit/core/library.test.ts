import { describe, expect, it } from 'vitest'
import { hasTags, libraryPapers, sortPapers, tagCensus } from '../../../src/core/library'
import { initialMarks, withMarkValues } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
import { storedPaper } from '../paper-fixtures'

function tagged(paper: Paper, tags: string[], note = ''): Paper {
  return { ...paper, marks: withMarkValues(paper.marks, { tags, ...(note ? { note } : {}) }, 50) }
}

const attention = storedPaper(
  '1706.03762',
  { title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], addedAt: 30 },
  { starred: true },
)
const bert = storedPaper(
  '1810.04805',
  { title: 'BERT: Pre-training of Deep Bidirectional Transformers', authors: ['Jacob Devlin'], addedAt: 10, published: '2018-10-11' },
  { starred: true, read: true },
)
const lora = storedPaper(
  '2106.09685',
  { title: 'LoRA: Low-Rank Adaptation of Large Language Models', authors: ['Edward J. Hu'], addedAt: 20 },
  { read: true },
)
const undated = {
  ...storedPaper('x', { title: 'Ångström-scale models', authors: ['Zoë van der Berg'], addedAt: 40 }, { starred: true }),
  key: 'doi:10.1/x',
  arxivId: undefined,
}

describe('sorting the library', () => {
  const papers = [attention, bert, lora, undated]
  const titles = (sorted: Paper[]) => sorted.map((paper) => paper.title.split(/[ :]/)[0])

  it('puts the papers added last first', () => {
    expect(titles(sortPapers(papers, 'added'))).toEqual(['Ångström-scale', 'Attention', 'LoRA', 'BERT'])
  })

  it('puts the newest papers first, by their own date, and papers without one last', () => {
    // LoRA: June 2021 from its id; BERT: 11 Oct 2018 published; Attention: June 2017.
    expect(titles(sortPapers(papers, 'date'))).toEqual(['LoRA', 'BERT', 'Attention', 'Ångström-scale'])
  })

  it('orders titles A to Z, accents and case aside', () => {
    expect(titles(sortPapers(papers, 'title'))).toEqual(['Ångström-scale', 'Attention', 'BERT', 'LoRA'])
  })

  it('orders by the first author’s family name, particles kept with it', () => {
    // Devlin, Hu, van der Berg (family name "Berg" with particle), Vaswani.
    expect(titles(sortPapers(papers, 'author'))).toEqual(['Ångström-scale', 'BERT', 'LoRA', 'Attention'])
  })

  it('does not change the list it was given', () => {
    const list = [lora, bert]
    sortPapers(list, 'title')
    expect(list).toEqual([lora, bert])
  })
})

describe('filtering the library', () => {
  const papers = [
    tagged(attention, ['transformers', 'Classic']),
    tagged(bert, ['transformers'], 'Masked language modelling'),
    lora,
    undated,
  ]

  it('keeps papers with every pressed tag, whatever their case', () => {
    expect(hasTags(papers[0]!, ['classic', 'TRANSFORMERS'])).toBe(true)
    expect(hasTags(papers[1]!, ['classic', 'transformers'])).toBe(false)
    expect(hasTags(lora, [])).toBe(true)
  })

  it('combines view, tags, search and order', () => {
    const shown = (query: string, tags: string[], view: 'all' | 'starred' | 'read' = 'all') =>
      libraryPapers(papers, { view, query, tags, sort: 'title' }).map((paper) => paper.key)
    expect(shown('', ['transformers'])).toEqual(['arxiv:1706.03762', 'arxiv:1810.04805'])
    expect(shown('', ['transformers'], 'read')).toEqual(['arxiv:1810.04805'])
    expect(shown('masked', [])).toEqual(['arxiv:1810.04805'])
    expect(shown('classic', [])).toEqual(['arxiv:1706.03762'])
    expect(shown('berg', [])).toEqual(['doi:10.1/x'])
    expect(shown('', [])).toHaveLength(4)
  })

  it('counts every tag once per paper, most used first, in one spelling', () => {
    const more = [...papers, tagged(storedPaper('2001.00001', {}, { starred: true }), ['TRANSFORMERS', 'zeta'])]
    expect(tagCensus(more)).toEqual([
      { tag: 'transformers', count: 3 },
      { tag: 'Classic', count: 1 },
      { tag: 'zeta', count: 1 },
    ])
  })

  it('does not count removed tags', () => {
    const untagged = { ...attention, marks: withMarkValues(withMarkValues(initialMarks(), { tags: ['gone'] }, 1), { tags: [] }, 2) }
    expect(tagCensus([untagged])).toEqual([])
  })
})
