import { describe, expect, it } from 'vitest'
import {
  authorsLine,
  countSentence,
  dateLine,
  emptyViewMessage,
  noMatchMessage,
  safeUrl,
  seenOnUrl,
  titleUrl,
  toggleFailedMessage,
} from '../../../src/popup/format'
import { visiblePapers } from '../../../src/popup/visible-papers'
import type { Paper } from '../../../src/core/paper'
import { storedPaper } from '../paper-fixtures'

describe('popup formatting', () => {
  it("shows a paper's own date: the day it was published, else its arXiv id's month", () => {
    expect(dateLine(storedPaper('2401.00001', { published: '2017-12-01' }))).toEqual({ text: '1 Dec 2017', datetime: '2017-12-01' })
    // Papers from arXiv listings carry no day: the id says when they were submitted.
    expect(dateLine(storedPaper('2502.00010', { addedAt: Date.UTC(2026, 10, 30) }))).toEqual({ text: 'Feb 2025', datetime: '2025-02' })
    expect(dateLine(storedPaper('hep-th/9901001'))).toEqual({ text: 'Jan 1999', datetime: '1999-01' })
    expect(dateLine(storedPaper('2404.00001', { published: 'yesterday' }))).toEqual({ text: 'Apr 2024', datetime: '2024-04' })
    expect(dateLine(storedPaper('2404.00001', { published: '2024-13-01' }))).toEqual({ text: '2024', datetime: '2024' })
  })

  it('falls back to the date the paper was added', () => {
    const added = new Date(2024, 3, 23, 9).getTime()
    expect(dateLine(storedPaper('2404.1', { published: '2024-04-22', addedAt: added }))).toEqual({
      text: '22 Apr 2024',
      datetime: '2024-04-22',
    })
    expect(dateLine(storedPaper('2404.1', { addedAt: added }))).toEqual({ text: 'Added 23 Apr 2024', datetime: '2024-04-23' })
    expect(dateLine(storedPaper('2404.1', { published: 'garbage', addedAt: added }))?.text).toBe('Added 23 Apr 2024')
  })

  it('names three authors, then et al.', () => {
    expect(authorsLine([])).toBe('')
    expect(authorsLine(['A'])).toBe('A')
    expect(authorsLine(['A', 'B', 'C'])).toBe('A, B, C')
    expect(authorsLine(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.')
    expect(authorsLine(['  A\n  Z ', '', 'B'])).toBe('A Z, B')
  })

  it('links titles to arXiv, else to a stored https page, never to a script URL', () => {
    expect(titleUrl(storedPaper('2106.09685'))).toBe('https://arxiv.org/abs/2106.09685')
    const noArxiv = { ...storedPaper('x'), arxivId: undefined, links: { huggingface: 'https://huggingface.co/papers/x' } }
    expect(titleUrl(noArxiv)).toBe('https://huggingface.co/papers/x')
    expect(titleUrl({ ...noArxiv, links: { huggingface: 'javascript:alert(1)' } })).toBeNull()
    expect(titleUrl({ ...noArxiv, links: {}, doi: '10.1000/xyz' })).toBe('https://doi.org/10.1000/xyz')
    expect(safeUrl('data:text/html,hi')).toBeNull()
  })

  it('words counts and empty states', () => {
    expect(countSentence(3, 'starred', '')).toBe('3 starred papers')
    expect(countSentence(1, 'unread', '  ')).toBe('1 unread paper')
    expect(countSentence(0, 'read', '')).toBe('0 read papers')
    expect(countSentence(2, 'all', 'bert')).toBe('2 papers match “bert”')
    expect(emptyViewMessage('unread')).toBe('No unread papers.')
    expect(emptyViewMessage('all')).toBe('No papers.')
    expect(noMatchMessage('diffusion')).toBe('No papers match “diffusion”.')
    expect(noMatchMessage('x'.repeat(500)).length).toBeLessThan(90)
  })

  it('explains a failed toggle with the action, the title and the reason', () => {
    expect(toggleFailedMessage('starred', true, 'LoRA', new Error('closed'))).toBe("Couldn't star “LoRA”. closed")
    expect(toggleFailedMessage('read', false, 'LoRA', 'gone')).toBe("Couldn't mark as unread “LoRA”. gone")
    expect(toggleFailedMessage('starred', false, 'LoRA', new Error('x'))).toBe("Couldn't unstar “LoRA”. x")
    expect(toggleFailedMessage('read', true, 'LoRA', new Error('x'))).toBe("Couldn't mark as read “LoRA”. x")
  })

  it('links to where the paper was seen, never to a script URL or an inherited name', () => {
    const paper = storedPaper('2106.09685', { links: { arxiv: 'https://arxiv.org/abs/2106.09685', huggingface: 'javascript:alert(1)' } })
    expect(seenOnUrl(paper, 'arxiv')).toBe('https://arxiv.org/abs/2106.09685')
    expect(seenOnUrl(paper, 'huggingface')).toBeNull()
    expect(seenOnUrl(paper, 'zotero')).toBeNull()
    expect(seenOnUrl(paper, 'toString')).toBeNull()
  })
})

describe('visiblePapers', () => {
  const a = storedPaper('2401.00001', { title: 'A' }, { starred: { value: true, at: 30 } })
  const b = storedPaper('2401.00002', { title: 'B' }, { starred: { value: true, at: 20 } })
  const c = storedPaper('2401.00003', { title: 'C' }, { starred: { value: true, at: 10 } })
  /** The paper with its star set or unset at a time, as the store would leave it. */
  const withStar = (paper: Paper, value: boolean, at: number): Paper => ({ ...paper, marks: { ...paper.marks, starred: { value, at } } })

  it('is the view, newest first, when nothing is pinned', () => {
    expect(visiblePapers([c, a, b], 'starred', '', new Map()).map((p) => p.title)).toEqual(['A', 'B', 'C'])
  })

  it('keeps a pinned paper that left the view in its old place', () => {
    const unstarred = withStar(b, false, 99)
    const papers = [a, unstarred, c]
    expect(visiblePapers(papers, 'starred', '', new Map()).map((p) => p.title)).toEqual(['A', 'C'])
    expect(visiblePapers(papers, 'starred', '', new Map([[b.key, 20]])).map((p) => p.title)).toEqual(['A', 'B', 'C'])
  })

  it('keeps a re-starred pinned paper in place instead of jumping to the top', () => {
    const restarred = withStar(c, true, 99)
    const papers = [a, b, restarred]
    expect(visiblePapers(papers, 'starred', '', new Map([[c.key, 10]])).map((p) => p.title)).toEqual(['A', 'B', 'C'])
  })

  it('still applies the search to pinned papers', () => {
    const unstarred = withStar(b, false, 20)
    expect(visiblePapers([a, unstarred], 'starred', 'zzz', new Map([[b.key, 20]]))).toEqual([])
    expect(visiblePapers([a, unstarred], 'starred', 'B', new Map([[b.key, 20]])).map((p) => p.title)).toEqual(['B'])
  })
})
