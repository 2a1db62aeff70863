import { papersOnShelf } from '../../support/papers-on-shelf'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { PaperStore } from '../../../src/background/paper-store'
import type { PaperRef } from '../../../src/core/paper'
import { titleMatchKey } from '../../../src/core/title-match'
import { marks } from '../paper-fixtures'

/** One paper on several sites: one record with every identifier, found by any of them or by its title. */

let db: ShelfDatabase
let now: number
let store: PaperStore

beforeEach(() => {
  db = new ShelfDatabase(`test-${crypto.randomUUID()}`)
  now = 1_000
  store = new PaperStore(db, () => now++)
})

afterEach(async () => {
  await db.delete()
})

const TITLE = 'Denoising Diffusion Probabilistic Models'
const AUTHORS = ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel']
const TITLE_KEY = titleMatchKey(TITLE, AUTHORS)!

const arxivRef: PaperRef = {
  key: 'arxiv:2006.11239',
  arxivId: '2006.11239',
  title: TITLE,
  authors: AUTHORS,
  site: 'arxiv',
  url: 'https://arxiv.org/abs/2006.11239',
}
const openreviewRef: PaperRef = {
  key: 'openreview:Hk3mPK5gg',
  title: 'Denoising diffusion probabilistic models',
  authors: ['J. Ho', 'A. Jain'],
  site: 'openreview',
  url: 'https://openreview.net/forum?id=Hk3mPK5gg',
}
const pubmedRef: PaperRef = {
  key: 'doi:10.1000/ddpm',
  aliases: ['pmid:31234567'],
  doi: '10.1000/ddpm',
  title: TITLE,
  authors: AUTHORS,
  site: 'pubmed',
  url: 'https://pubmed.ncbi.nlm.nih.gov/31234567/',
}

const lookupOne = async (key: string, identity: { aliases?: string[]; titleKey?: string } = {}) =>
  (await store.lookup([key], [{ key, ...identity }])).found

describe('one paper under several identifiers', () => {
  it('stores the identifiers a card shows as aliases, and finds the paper by any of them', async () => {
    await store.setMarks(pubmedRef.key, { starred: true }, pubmedRef)
    expect(await db.papers.get('doi:10.1000/ddpm')).toMatchObject({ aliases: ['pmid:31234567'] })
    const [found] = await lookupOne('pmid:31234567')
    expect(found).toMatchObject({ key: 'pmid:31234567', paper: 'doi:10.1000/ddpm', marks: { starred: { value: true } } })
    // A toggle under the alias changes the same record.
    const read = await store.setMarks('pmid:31234567', { read: true })
    expect(read.key).toBe('doi:10.1000/ddpm')
    expect(await db.papers.count()).toBe(1)
  })

  it('re-keys a paper by the better identifier a page shows, and the old key still finds it', async () => {
    await store.setMarks(pubmedRef.key, { starred: true }, pubmedRef)
    now = 5_000
    const [changed] = await store.remember([{ ...arxivRef, aliases: ['doi:10.1000/ddpm'] }])
    expect(changed).toMatchObject({ key: 'arxiv:2006.11239', aliases: ['doi:10.1000/ddpm', 'pmid:31234567'], doi: '10.1000/ddpm' })
    expect(await db.papers.toCollection().primaryKeys()).toEqual(['arxiv:2006.11239'])
    expect(await db.marks.toCollection().primaryKeys()).toEqual(['arxiv:2006.11239'])
    expect(await db.titles.toArray()).toEqual([{ key: 'arxiv:2006.11239', titleKey: TITLE_KEY }])
    expect((await lookupOne('doi:10.1000/ddpm'))[0]?.paper).toBe('arxiv:2006.11239')
    // The citation key it was given stays.
    expect(changed!.citationKey).toEqual((await db.papers.get('arxiv:2006.11239'))!.citationKey)
  })

  it('merges two stored papers a card shows to be one, each mark by its time, nothing lost', async () => {
    await store.setMarks(arxivRef.key, { starred: true }, arxivRef)
    now = 2_000
    await store.setMarks(pubmedRef.key, { starred: true, read: true }, pubmedRef)
    now = 3_000
    // Unstarred on PubMed after it was starred on arXiv: the later change wins.
    await store.setMarks(pubmedRef.key, { starred: false })
    const [merged] = await store.remember([{ ...arxivRef, aliases: ['doi:10.1000/ddpm'] }])
    expect(merged!.key).toBe('arxiv:2006.11239')
    expect(merged!.aliases).toEqual(['doi:10.1000/ddpm', 'pmid:31234567'])
    expect(merged!.marks).toEqual(marks({ starred: { value: false, at: 3_000 }, read: { value: true, at: 2_000 } }))
    expect(await db.papers.count()).toBe(1)
    expect(await db.marks.count()).toBe(1)
    expect(merged!.addedAt).toBe(1_000)
  })

  it('finds a paper known only by a site id through a card title and first author, and the reverse', async () => {
    await store.setMarks(openreviewRef.key, { starred: true }, openreviewRef)
    const { found, siteOnly } = await store.lookup([arxivRef.key], [{ key: arxivRef.key, titleKey: TITLE_KEY }])
    expect(siteOnly).toBe(true)
    expect(found).toEqual([expect.objectContaining({ key: arxivRef.key, paper: 'openreview:Hk3mPK5gg' })])

    // Marking it from the arXiv card makes it one paper under its arXiv id.
    const paper = await store.setMarks(arxivRef.key, { read: true }, arxivRef)
    expect(paper).toMatchObject({ key: 'arxiv:2006.11239', aliases: ['openreview:Hk3mPK5gg'] })
    expect(paper.marks.starred.value).toBe(true)
    expect(await db.papers.count()).toBe(1)
    expect((await store.lookup([], [])).siteOnly).toBe(false)

    // The OpenReview card finds it by its id from now on, whatever its title says.
    expect((await lookupOne('openreview:Hk3mPK5gg'))[0]?.paper).toBe('arxiv:2006.11239')
  })

  it('finds a paper starred on arXiv from a card with only a site id, by title', async () => {
    await store.setMarks(arxivRef.key, { starred: true }, arxivRef)
    const [found] = await lookupOne(openreviewRef.key, { titleKey: titleMatchKey(openreviewRef.title, openreviewRef.authors)! })
    expect(found).toMatchObject({ key: 'openreview:Hk3mPK5gg', paper: 'arxiv:2006.11239' })
    const paper = await store.setMarks(openreviewRef.key, { read: true }, openreviewRef)
    expect(paper).toMatchObject({
      key: 'arxiv:2006.11239',
      aliases: ['openreview:Hk3mPK5gg'],
      links: { arxiv: arxivRef.url, openreview: openreviewRef.url },
    })
  })

  it('never joins two papers that each have an arXiv id or DOI by their titles', async () => {
    await store.setMarks(arxivRef.key, { starred: true }, arxivRef)
    const erratum = { ...arxivRef, key: 'arxiv:2007.00001', arxivId: '2007.00001', url: 'https://arxiv.org/abs/2007.00001' }
    expect(await lookupOne(erratum.key, { titleKey: TITLE_KEY })).toEqual([])
    expect(await lookupOne('doi:10.1000/other', { titleKey: TITLE_KEY })).toEqual([])
    await store.setMarks(erratum.key, { starred: true }, erratum)
    expect(await db.papers.count()).toBe(2)
  })

  it('does not match by title a card of other authors, or with a suffix', async () => {
    await store.setMarks(openreviewRef.key, { starred: true }, openreviewRef)
    const otherAuthors = titleMatchKey(TITLE, ['Yang Song'])!
    const supplement = titleMatchKey(`${TITLE} (Supplementary Material)`, AUTHORS)!
    expect(await lookupOne(arxivRef.key, { titleKey: otherAuthors })).toEqual([])
    expect(await lookupOne(arxivRef.key, { titleKey: supplement })).toEqual([])
  })

  it('says whether the shelf holds papers known only by a site id', async () => {
    expect((await store.lookup([])).siteOnly).toBe(false)
    await store.setMarks(arxivRef.key, { starred: true }, arxivRef)
    await store.setMarks(pubmedRef.key, { starred: true }, pubmedRef)
    expect((await store.lookup([])).siteOnly).toBe(false)
    await store.setMarks(
      'scholar:abc',
      { starred: true },
      {
        ...openreviewRef,
        key: 'scholar:abc',
        title: 'Another paper',
        site: 'scholar',
        url: 'https://scholar.google.com/scholar?cluster=abc',
      },
    )
    expect((await store.lookup([])).siteOnly).toBe(true)
  })

  it('imports a backup paper into the stored paper it names by an alias', async () => {
    await store.setMarks(pubmedRef.key, { starred: true }, pubmedRef)
    const [stored] = await papersOnShelf(store)
    const summary = await store.importPapers([
      {
        ...stored!,
        key: 'arxiv:2006.11239',
        arxivId: '2006.11239',
        aliases: ['doi:10.1000/ddpm'],
        marks: { ...stored!.marks, read: { value: true, at: 9_000 } },
      },
    ])
    expect(summary).toMatchObject({ added: 0, updated: 1 })
    const shelf = await papersOnShelf(store)
    expect(shelf.map((paper) => [paper.key, paper.aliases, paper.marks.starred.value, paper.marks.read.value])).toEqual([
      ['arxiv:2006.11239', ['doi:10.1000/ddpm', 'pmid:31234567'], true, true],
    ])
    expect(await db.titles.toCollection().primaryKeys()).toEqual(['arxiv:2006.11239'])
  })
})
