import { EXTENSION_PAGE } from '../../../src/background/requester'
import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { PaperStore } from '../../../src/background/paper-store'
import { routeMessage } from '../../../src/background/router'
import { ShelfStores } from '../../../src/background/shelf-stores'
import type { Push } from '../../../src/platform/protocol'
import { parseBackup, toJsonBackup } from '../../../src/core/backup/backup'
import { renderExport } from '../../../src/core/export/renderers'
import type { Paper } from '../../../src/core/paper'
import { isSiteId, isSiteLink } from '../../../src/sites/registry'
import { hfRef, storedPaper } from '../paper-fixtures'

let db: ShelfDatabase
let now: number
let store: PaperStore

beforeEach(() => {
  db = new ShelfDatabase(`test-${crypto.randomUUID()}`)
  now = 1_000
  store = new PaperStore(db, () => now)
})

afterEach(async () => {
  await db.delete()
})

/** A PixelCNN paper by Tim Salimans in 2017: every one of them has the base key salimans2017pixelcnn. */
const pixelCnn = (n: number) =>
  hfRef(`1701.${String(5517 + n).padStart(5, '0')}`, { title: `PixelCNN variant ${n}`, authors: ['Tim Salimans'], published: '2017-01-19' })

/** The `@misc{key,` lines of a BibTeX export, by arXiv id. */
function bibtexKeys(papers: readonly Paper[]): Map<string, string> {
  const bib = renderExport('bibtex', papers, new Date(now))
  const keys = [...bib.matchAll(/@misc\{([^,]+),[^@]*?eprint += \{([^}]+)\}/g)].map((match) => [match[2]!, match[1]!] as const)
  return new Map(keys)
}

describe('lasting citation keys', () => {
  it('gives a paper its key when it comes onto the shelf', async () => {
    const paper = await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    expect(paper.citationKey).toEqual({ value: 'salimans2017pixelcnn', at: 0 })
    expect((await db.papers.get('arxiv:1701.05517'))!.citationKey).toEqual(paper.citationKey)
  })

  it('keeps every earlier key when 50 papers with the same base key join the shelf', async () => {
    for (let n = 0; n < 3; n += 1) await store.setMarks(pixelCnn(n).key, { starred: true }, pixelCnn(n))
    const before = bibtexKeys(await papersOnShelf(store))
    expect([...before.values()]).toEqual(['salimans2017pixelcnn', 'salimans2017pixelcnna', 'salimans2017pixelcnnb'])

    for (let n = 3; n < 53; n += 1) {
      now += 1
      await store.setMarks(pixelCnn(n).key, { starred: true }, pixelCnn(n))
    }
    const after = bibtexKeys(await papersOnShelf(store))
    expect(after.size).toBe(53)
    for (const [id, key] of before) expect(after.get(id)).toBe(key)
    expect(new Set([...after.values()].map((key) => key.toLowerCase())).size).toBe(53)
    // Past z, the suffixes go on as aa, ab, …
    expect(after.get('1701.05544')).toBe('salimans2017pixelcnnaa')
  })

  it('keeps a key when the paper is unstarred and starred again, and when a page completes it', async () => {
    const { citationKey } = await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    await store.setMarks('arxiv:1701.05517', { starred: false })
    await store.setMarks('arxiv:1701.05518', { starred: true }, pixelCnn(1))
    await store.remember([{ ...pixelCnn(0), abstract: 'Now with an abstract.', authors: ['Someone Else', 'Tim Salimans'] }])
    const again = await store.setMarks('arxiv:1701.05517', { starred: true })
    expect(again.citationKey).toEqual(citationKey)
    expect((await db.papers.get('arxiv:1701.05518'))!.citationKey!.value).toBe('salimans2017pixelcnna')
  })

  it('lets the reader change a key, refusing malformed keys and keys another paper holds in any case', async () => {
    await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    await store.setMarks('arxiv:1701.05518', { starred: true }, pixelCnn(1))
    now = 5_000
    const edited = await store.setCitationKey('arxiv:1701.05518', 'Salimans:PixelCNN++')
    expect(edited.citationKey).toEqual({ value: 'Salimans:PixelCNN++', at: 5_000 })
    expect(edited.marks.starred.value).toBe(true)

    await expect(store.setCitationKey('arxiv:1701.05517', 'salimans:pixelcnn++')).rejects.toThrow(
      'salimans:pixelcnn++ is already the citation key of “PixelCNN variant 1”.',
    )
    await expect(store.setCitationKey('arxiv:1701.05517', 'has space')).rejects.toThrow(/letters, digits/)
    await expect(store.setCitationKey('arxiv:1701.05517', '')).rejects.toThrow(/cannot be empty/)
    await expect(store.setCitationKey('arxiv:2101.00001', 'fine')).rejects.toThrow(/not on the shelf/)

    // The freed key can be taken by the other paper; a new paper never gets a key in use.
    await store.setCitationKey('arxiv:1701.05517', 'salimans2017pixelcnna')
    const third = await store.setMarks('arxiv:1701.05519', { starred: true }, pixelCnn(2))
    expect(third.citationKey!.value).toBe('salimans2017pixelcnn')
  })

  it('a clock that went back still stamps an edit later than the one before', async () => {
    now = 9_000
    await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    await store.setCitationKey('arxiv:1701.05517', 'first')
    now = 10
    expect((await store.setCitationKey('arxiv:1701.05517', 'second')).citationKey).toEqual({ value: 'second', at: 9_001 })
  })

  it('carries keys through a backup: an edited key wins over a given one, a given key never replaces the shelf’s', async () => {
    await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    const backup = parseBackup(toJsonBackup(await papersOnShelf(store), new Date(now)), isSiteLink, isSiteId)
    expect(backup.ok && backup.value.papers[0]!.citationKey).toEqual({ value: 'salimans2017pixelcnn', at: 0 })

    const elsewhereGiven = storedPaper('1701.05517', { citationKey: { value: 'otherdevice2017', at: 0 } }, { starred: true })
    await store.importPapers([elsewhereGiven])
    expect((await db.papers.get('arxiv:1701.05517'))!.citationKey!.value).toBe('salimans2017pixelcnn')

    const elsewhereEdited = storedPaper('1701.05517', { citationKey: { value: 'MyPixelCNN', at: 7_000 } }, { starred: true })
    await store.importPapers([elsewhereEdited])
    expect((await db.papers.get('arxiv:1701.05517'))!.citationKey).toEqual({ value: 'MyPixelCNN', at: 7_000 })
  })

  it('renames an imported paper whose key another paper holds, and gives keys to imported papers without one', async () => {
    await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    const clashing = storedPaper('2301.00001', { citationKey: { value: 'SALIMANS2017PIXELCNN', at: 3 } }, { starred: true })
    const keyless = storedPaper(
      '2301.00002',
      { title: 'PixelCNN variant', authors: ['Tim Salimans'], published: '2017-02-01' },
      { starred: true },
    )
    const twin = storedPaper('2301.00003', { citationKey: { value: 'SALIMANS2017PIXELCNN', at: 3 } }, { starred: true })
    await store.importPapers([clashing, keyless, twin])
    const keys = (await db.papers.bulkGet(['arxiv:1701.05517', 'arxiv:2301.00001', 'arxiv:2301.00002', 'arxiv:2301.00003'])).map(
      (paper) => paper!.citationKey!.value,
    )
    expect(keys).toEqual(['salimans2017pixelcnn', 'lovelace2023paper', 'salimans2017pixelcnna', 'lovelace2023papera'])
  })

  it('is a message the background validates, and every tab hears of the change', async () => {
    await store.setMarks('arxiv:1701.05517', { starred: true }, pixelCnn(0))
    const notified: Paper[][] = []
    const notify = (push: Push) => {
      if (push.type === 'papersChanged') notified.push(push.papers)
    }
    const stores = new ShelfStores(db, () => now)
    const reply = await routeMessage(
      stores,
      { type: 'setCitationKey', key: 'arxiv:1701.05517', citationKey: 'pixelcnn' },
      EXTENSION_PAGE,
      notify,
    )
    expect(reply).toMatchObject({ ok: true, paper: { key: 'arxiv:1701.05517', citationKey: { value: 'pixelcnn', at: 1_000 } } })
    expect(notified.flat().map((paper) => paper.citationKey?.value)).toEqual(['pixelcnn'])

    for (const bad of [
      { type: 'setCitationKey', key: 'arxiv:1701.05517', citationKey: 'a{b}' },
      { type: 'setCitationKey', key: 'arxiv:1701.05517', citationKey: 42 },
      { type: 'setCitationKey', key: 'arxiv:1701.05517', citationKey: 'x'.repeat(101) },
      { type: 'setCitationKey', key: 'javascript:alert(1) x', citationKey: 'fine' },
    ]) {
      expect(await routeMessage(stores, bad, EXTENSION_PAGE, notify)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Rejected message: /),
      })
    }
    expect(notified).toHaveLength(1)
    expect((await db.papers.get('arxiv:1701.05517'))!.citationKey!.value).toBe('pixelcnn')
  })
})
