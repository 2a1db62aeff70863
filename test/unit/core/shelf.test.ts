import { describe, expect, it } from 'vitest'
import { mergeRef, newPaper, withFlags } from '../../../src/core/shelf'
import { hfRef } from '../paper-fixtures'

describe('newPaper', () => {
  it('keeps every detail the page showed and starts with no flags', () => {
    const paper = newPaper(hfRef('2404.14219', { abstract: 'We introduce phi-3-mini.', published: '2024-04-22' }), 100)
    expect(paper).toMatchObject({
      key: 'arxiv:2404.14219',
      arxivId: '2404.14219',
      title: 'Paper 2404.14219',
      authors: ['Ada Lovelace', 'Alan Turing'],
      abstract: 'We introduce phi-3-mini.',
      published: '2024-04-22',
      links: { huggingface: 'https://huggingface.co/papers/2404.14219' },
      starred: 0,
      read: 0,
      addedAt: 100,
    })
  })
})

describe('withFlags', () => {
  it('moves a flag timestamp only when its value changes', () => {
    const paper = newPaper(hfRef('2404.14219'), 100)
    const starred = withFlags(paper, { starred: true }, 200)
    expect(starred).toMatchObject({ starred: 1, read: 0, starredChangedAt: 200, readChangedAt: 100 })
    const again = withFlags(starred, { starred: true, read: false }, 300)
    expect(again).toMatchObject({ starred: 1, read: 0, starredChangedAt: 200, readChangedAt: 100 })
    const read = withFlags(again, { read: true }, 400)
    expect(read).toMatchObject({ starred: 1, read: 1, readChangedAt: 400 })
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

  it('keeps the highest version seen', () => {
    const paper = newPaper(hfRef('2404.14219', { version: 3 }), 100)
    expect(mergeRef(paper, hfRef('2404.14219', { version: 2 }), 200)).toBe(paper)
  })
})
