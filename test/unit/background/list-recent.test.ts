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
    const recent = await client.listRecent(5)
    expect(recent.map((paper) => paper.addedAt)).toEqual([1029, 1028, 1026, 1025, 1023])
    expect(client.papers()).toHaveLength(5)
    expect(await client.listRecent(100)).toHaveLength(20)
  })

  it('is asked for with a bounded number', () => {
    expect(parseRequest({ type: 'listRecent', limit: 100 }).ok).toBe(true)
    for (const limit of [0, 1001, 2.5, '10', undefined]) {
      expect(parseRequest({ type: 'listRecent', limit })).toEqual({
        ok: false,
        error: 'listRecent needs a number of papers from 1 to 1000',
      })
    }
  })
})
