import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { isOnShelf } from '../../../src/core/marks'
import type { Request } from '../../../src/platform/protocol'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'

let background: InMemoryBackground

beforeEach(() => {
  background = new InMemoryBackground()
})

afterEach(async () => {
  await background.close()
})

const idOf = (i: number) => `2401.${String(i).padStart(5, '0')}`
const listRequests = () => background.requests.filter((request): request is Extract<Request, { type: 'list' }> => request.type === 'list')

describe('the reading list arrives in pages', () => {
  it('answers a long shelf in pages of a set number of papers, in key order, and the popup asks until the last', async () => {
    const count = LIMITS.papersPerListPage + 1
    await background.seed(Array.from({ length: count }, (_, i) => storedPaper(idOf(i), {}, { starred: true })))

    const first = await background.request({ type: 'list' })
    expect(first.papers).toHaveLength(LIMITS.papersPerListPage)
    expect(first.next).toBe(`arxiv:${idOf(LIMITS.papersPerListPage - 1)}`)
    const second = await background.request({ type: 'list', after: first.next })
    expect(second.papers.map((paper) => paper.key)).toEqual([`arxiv:${idOf(count - 1)}`])
    expect(second.next).toBeUndefined()

    background.requests.length = 0
    const popup = background.client({ keepPapers: true })
    expect(await popup.list()).toHaveLength(count)
    expect(listRequests()).toEqual([{ type: 'list' }, { type: 'list', after: first.next }])
  })

  it('keeps every answer within one message’s size however large the papers, so a shelf of hundreds of megabytes still loads', async () => {
    // 40 papers at the limits of what a paper may hold (1,000 authors of 300 characters): ~12 MB of
    // JSON, more than one message part; a 200 MB shelf is many more of the same parts.
    const authors = Array.from(
      { length: LIMITS.authorCount },
      (_, i) => `${String(i).padStart(4, '0')} ${'a'.repeat(LIMITS.authorLength - 5)}`,
    )
    await background.seed(Array.from({ length: 40 }, (_, i) => storedPaper(idOf(i), { authors }, { read: true })))

    const popup = background.client({ keepPapers: true })
    const papers = await popup.list()

    expect(papers).toHaveLength(40)
    expect(papers.every((paper) => paper.authors.length === LIMITS.authorCount)).toBe(true)
    const replies = await Promise.all(listRequests().map((request) => background.request(request)))
    expect(replies.length).toBeGreaterThan(1)
    for (const reply of replies) expect(JSON.stringify(reply.papers).length).toBeLessThanOrEqual(LIMITS.messagePartLength)
  })

  it('lists the papers whose marks were all cleared too, which a backup carries', async () => {
    await background.seed([storedPaper(idOf(1), {}, { starred: true }), storedPaper(idOf(2), {}, { starred: { value: false, at: 9 } })])
    const popup = background.client({ keepPapers: true })
    const papers = await popup.list()
    expect(papers.map((paper) => [paper.key, isOnShelf(paper)])).toEqual([
      [`arxiv:${idOf(1)}`, true],
      [`arxiv:${idOf(2)}`, false],
    ])
  })

  it('refuses to list after something that is not a paper key', async () => {
    await expect(background.request({ type: 'list', after: 'not a key' as never })).rejects.toThrow(/list needs a paper key/)
  })
})
