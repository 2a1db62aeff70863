import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseRequest } from '../../../src/platform/request-parser'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'

let background: InMemoryBackground

beforeEach(() => {
  background = new InMemoryBackground()
})

afterEach(async () => {
  await background.close()
})

describe('the papers added last', () => {
  it('are the marked papers, newest first, as many as asked', async () => {
    const papers = Array.from({ length: 30 }, (_, i) =>
      // Every third paper has lost its marks: it is not on the shelf.
      storedPaper(
        `2401.${String(i).padStart(5, '0')}`,
        { addedAt: 1000 + i },
        i % 3 === 0 ? { starred: { value: false, at: 5 } } : { starred: true },
      ),
    )
    await background.seed(papers)
    const client = background.client({ keepPapers: true })
    const recent = await client.listRecent(5, 'added')
    expect(recent.map((paper) => paper.addedAt)).toEqual([1029, 1028, 1026, 1025, 1023])
    expect(client.papers()).toHaveLength(5)
    expect(await client.listRecent(100, 'added')).toHaveLength(20)
  })

  it('are the starred papers, starred last first, when asked in that order', async () => {
    const papers = Array.from({ length: 30 }, (_, i) =>
      storedPaper(
        `2401.${String(i).padStart(5, '0')}`,
        // Added in the opposite order to the one they were starred in.
        { addedAt: 1000 - i },
        // Every third paper is only read (or was unstarred): not in the Starred tab.
        i % 3 === 0 ? { read: true, starred: { value: false, at: 9000 + i } } : { starred: { value: true, at: 2000 + i } },
      ),
    )
    await background.seed(papers)
    const client = background.client({ keepPapers: true })
    const recent = await client.listRecent(4, 'starred')
    expect(recent.map((paper) => paper.marks.starred.at)).toEqual([2029, 2028, 2026, 2025])
    expect(recent.every((paper) => paper.title.length > 0 && paper.marks.starred.value)).toBe(true)
    expect(client.papers()).toHaveLength(4)
    expect(await client.listRecent(1000, 'starred')).toHaveLength(20)
  })

  it('is asked for with a bounded number and a known order', () => {
    expect(parseRequest({ type: 'listRecent', limit: 100, order: 'added' }).ok).toBe(true)
    expect(parseRequest({ type: 'listRecent', limit: 100, order: 'starred' }).ok).toBe(true)
    for (const limit of [0, 1001, 2.5, '10', undefined]) {
      expect(parseRequest({ type: 'listRecent', limit, order: 'added' })).toEqual({
        ok: false,
        error: 'listRecent needs a number of papers from 1 to 1000',
      })
    }
    for (const order of [undefined, 'read', 'toString', 1]) {
      expect(parseRequest({ type: 'listRecent', limit: 10, order })).toEqual({
        ok: false,
        error: 'listRecent needs an order: added or starred',
      })
    }
  })
})
