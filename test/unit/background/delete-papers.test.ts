import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withMarkValues } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
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

const tagged = (paper: Paper): Paper => ({ ...paper, marks: withMarkValues(paper.marks, { tags: ['keep'], note: 'A note' }, 40) })

describe('deleting papers', () => {
  it('removes the papers with their marks and title rows, returns them whole, and tells every page', async () => {
    const a = tagged(storedPaper('2401.00001', {}, { starred: true }))
    const b = storedPaper('2401.00002', {}, { read: true })
    const c = storedPaper('2401.00003', {}, { starred: true })
    await background.seed([a, b, c])
    const page = background.client()
    page.connect()
    await page.lookup([a.key, b.key, c.key])
    const changed: string[][] = []
    page.onChange((keys) => changed.push([...keys]))

    const popup = background.client({ keepPapers: true })
    await popup.list()
    const deleted = await popup.deletePapers([a.key, b.key, 'arxiv:2401.09999'])

    expect(deleted.map((paper) => paper.key).sort()).toEqual([a.key, b.key])
    expect(deleted.find((paper) => paper.key === a.key)).toMatchObject({ marks: a.marks, title: a.title })
    expect(await background.db.papers.count()).toBe(1)
    expect(await background.db.marks.count()).toBe(1)
    expect(await background.db.titles.where('key').anyOf([a.key, b.key]).count()).toBe(0)
    expect(popup.papers().map((paper) => paper.key)).toEqual([c.key])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(changed.flat().sort()).toEqual([a.key, b.key])
    expect(page.isMarked(a.key)).toBe(false)
    expect(page.isMarked(c.key)).toBe(true)
  })

  it('puts deleted papers back exactly with importPapers', async () => {
    const a = tagged(storedPaper('2401.00001', { citationKey: { value: 'lovelace2024paper', at: 3 } }, { starred: true }))
    await background.seed([a])
    const client = background.client({ keepPapers: true })
    client.connect()
    await client.list()
    const before = await papersOnShelf(background.store)
    const deleted = await client.deletePapers([a.key])
    expect(await papersOnShelf(background.store)).toEqual([])
    const summary = await client.importPapers(deleted)
    expect(summary).toEqual({ added: 1, updated: 0, unchanged: 0 })
    expect(await papersOnShelf(background.store)).toEqual(before)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(client.paper(a.key)?.marks).toEqual(a.marks)
  })

  it('asks in chunks the protocol accepts', { timeout: 30_000 }, async () => {
    const papers = Array.from({ length: 5001 }, (_, i) => storedPaper(`2401.${String(i).padStart(5, '0')}`, {}, { starred: true }))
    await background.seed(papers)
    const client = background.client({ keepPapers: true })
    await client.list()
    const deleted = await client.deletePapers(papers.map((paper) => paper.key))
    expect(deleted).toHaveLength(5001)
    expect(background.requestsOf('deletePapers').map((request) => request.keys.length)).toEqual([5000, 1])
    expect(await background.db.papers.count()).toBe(0)
  })
})

describe('the messages that delete and import papers', () => {
  it('accept only paper keys, and whole valid papers, each once', () => {
    expect(parseRequest({ type: 'deletePapers', keys: ['arxiv:2401.00001'] }).ok).toBe(true)
    expect(parseRequest({ type: 'deletePapers', keys: ['not a key'] })).toEqual({
      ok: false,
      error: 'deletePapers needs up to 5000 paper keys',
    })
    expect(parseRequest({ type: 'deletePapers' }).ok).toBe(false)
    const paper = storedPaper('2401.00001', {}, { starred: true })
    expect(parseRequest({ type: 'importPapers', papers: [paper] }).ok).toBe(true)
    expect(parseRequest({ type: 'importPapers', papers: [paper, paper] })).toEqual({
      ok: false,
      error: 'paper 2: the same paper is listed twice',
    })
    expect(parseRequest({ type: 'importPapers', papers: [{ ...paper, links: { arxiv: 'https://evil.example/' } }] })).toEqual({
      ok: false,
      error: "paper 1: links.arxiv is not a link to a supported site's page",
    })
    expect(parseRequest({ type: 'importPapers', papers: 'x' }).ok).toBe(false)
  })

  it('store nothing when one paper of an import is bad', async () => {
    const good = storedPaper('2401.00001', {}, { starred: true })
    const client = background.client()
    await expect(client.importPapers([good, { ...good, key: 'arxiv:2401.00002', title: '' }])).rejects.toThrow('paper 2: title must be')
    expect(await background.db.papers.count()).toBe(0)
  })
})
