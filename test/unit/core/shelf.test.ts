import { describe, expect, it } from 'vitest'
import { mergeRef, newPaper } from '../../../src/core/shelf'
import { hfRef, storedPaper } from '../paper-fixtures'

describe('newPaper', () => {
  it('keeps every detail the page showed and starts with no mark set', () => {
    const paper = newPaper(hfRef('2404.14219', { abstract: 'We introduce phi-3-mini.', published: '2024-04-22' }), 100)
    expect(paper).toMatchObject({
      key: 'arxiv:2404.14219',
      arxivId: '2404.14219',
      title: 'Paper 2404.14219',
      authors: ['Ada Lovelace', 'Alan Turing'],
      abstract: 'We introduce phi-3-mini.',
      published: '2024-04-22',
      links: { huggingface: 'https://huggingface.co/papers/2404.14219' },
      addedAt: 100,
      metadataChangedAt: 100,
      marks: { starred: { value: false, at: 0 }, read: { value: false, at: 0 } },
    })
    for (const field of ['starred', 'read', 'starredChangedAt', 'readChangedAt']) expect(paper).not.toHaveProperty(field)
  })

  it('leaves out what the page did not show and copies the authors', () => {
    const ref = hfRef('2404.14219', { abstract: '', version: undefined })
    const paper = newPaper(ref, 100)
    expect(Object.keys(paper)).not.toContain('abstract')
    expect(Object.keys(paper)).not.toContain('version')
    expect(paper.authors).not.toBe(ref.authors)
    expect(newPaper(ref, 100).marks).not.toBe(paper.marks)
  })
})

describe('mergeRef', () => {
  it('returns the same object when the page adds nothing', () => {
    const paper = newPaper(hfRef('2404.14219'), 100)
    expect(mergeRef(paper, hfRef('2404.14219'), 200)).toBe(paper)
  })

  it('fills missing details without overwriting existing ones', () => {
    const paper = newPaper(hfRef('2404.14219', { title: 'Original title', authors: [] }), 100)
    const merged = mergeRef(
      paper,
      hfRef('2404.14219', { title: 'Other title', authors: ['A', 'B', 'C'], abstract: 'Abstract.', published: '2024-04-22', version: 2 }),
      200,
    )
    expect(merged).not.toBe(paper)
    expect(merged).toMatchObject({
      title: 'Original title',
      authors: ['A', 'B', 'C'],
      abstract: 'Abstract.',
      published: '2024-04-22',
      version: 2,
      metadataChangedAt: 200,
    })
    expect(paper.authors).toEqual([])
  })

  it('keeps a stored paper’s marks and adds where it was seen', () => {
    const paper = storedPaper('2404.14219', {}, { starred: { value: true, at: 7 } })
    const merged = mergeRef(paper, hfRef('2404.14219', { site: 'arxiv', url: 'https://arxiv.org/abs/2404.14219' }), 200)
    expect(merged.marks).toEqual(paper.marks)
    expect(merged.links).toEqual({
      huggingface: 'https://huggingface.co/papers/2404.14219',
      arxiv: 'https://arxiv.org/abs/2404.14219',
    })
    expect(Object.keys(merged.links)).toEqual(['huggingface', 'arxiv'])
    expect(paper.links).toEqual({ huggingface: 'https://huggingface.co/papers/2404.14219' })
  })

  it('keeps the highest version seen', () => {
    const paper = newPaper(hfRef('2404.14219', { version: 3 }), 100)
    expect(mergeRef(paper, hfRef('2404.14219', { version: 2 }), 200)).toBe(paper)
  })
})
