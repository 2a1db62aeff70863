import { papersOnShelf } from '../../support/papers-on-shelf'
import Dexie from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { paperTitle, ShelfDatabase } from '../../../src/background/database'
import { PaperStore } from '../../../src/background/paper-store'
import { ShelfStores } from '../../../src/background/shelf-stores'
import { parseBackup, toJsonBackup } from '../../../src/core/backup/backup'
import { marksProblem } from '../../../src/core/marks'
import type { PaperRecord } from '../../../src/core/paper'
import { isSiteId, isSiteLink } from '../../../src/sites/registry'
import { hfRef } from '../paper-fixtures'

/**
 * Opens databases that earlier versions of the extension wrote with today's schema: the upgrades
 * must carry every paper, flag and time over into the `papers` and `marks` tables, and give every
 * paper the marks later versions added, never set.
 */

/** The marks version 6 added, as an upgrade fills them in: never set. */
const NEVER_TAGGED_OR_NOTED = { tags: { value: [], at: 0 }, note: { value: '', at: 0 } }

/** The schema exactly as version 1 declared it. */
const VERSION_1_STORES = {
  papers: 'key, arxivId, doi, starred, read, addedAt, [starred+starredChangedAt], [read+readChangedAt]',
}

/** A paper as version 1 stored it: flags as 0 | 1 beside the metadata, each with its time. */
interface Version1Paper {
  key: string
  title: string
  authors: string[]
  arxivId?: string
  version?: number
  doi?: string
  abstract?: string
  published?: string
  primaryCategory?: string
  comments?: string
  journalRef?: string
  links: Partial<Record<'arxiv' | 'huggingface', string>>
  starred: 0 | 1
  read: 0 | 1
  addedAt: number
  starredChangedAt: number
  readChangedAt: number
  metadataChangedAt: number
}

const HOSTILE_TITLE = "Ünïcödé ﬁ “quotes” <script>alert(1)</script> ' OR 1=1; -- \u202Eevil\u202C 🦜👩🏽‍🔬 \u0000 \uD800 $\\alpha$ {unbalanced"

const VERSION_1_PAPERS: Version1Paper[] = [
  {
    key: 'arxiv:2303.14027',
    title: 'Poincaré ResNet',
    authors: ['Max van Spengler', 'Erwin Berkhout', 'Pascal Mettes'],
    arxivId: '2303.14027',
    version: 3,
    abstract: "Residual networks on the Poincar\\'e ball.\nSecond line.",
    published: '2023-03-24',
    primaryCategory: 'cs.CV',
    links: { arxiv: 'https://arxiv.org/abs/2303.14027', huggingface: 'https://huggingface.co/papers/2303.14027' },
    starred: 1,
    read: 1,
    addedAt: 1_700_000_000_000,
    starredChangedAt: 1_700_000_000_001,
    readChangedAt: 1_700_000_500_000,
    metadataChangedAt: 1_700_000_000_002,
  },
  {
    // Keyed by its DOI, read but unstarred later.
    key: 'doi:10.1145/3442188.3445922',
    title: 'On the Dangers of Stochastic Parrots: Can Language Models Be Too Big? 🦜',
    authors: ['Emily M. Bender', 'Timnit Gebru'],
    doi: '10.1145/3442188.3445922',
    published: '2021-03-01',
    journalRef: 'FAccT 2021',
    links: {},
    starred: 0,
    read: 1,
    addedAt: 1_600_000_000_000,
    starredChangedAt: 1_650_000_000_000,
    readChangedAt: 1_610_000_000_000,
    metadataChangedAt: 1_600_000_000_000,
  },
  {
    // Neither starred nor read: known to the shelf, not on it.
    key: 'arxiv:2404.14219',
    title: 'Phi-3 Technical Report',
    authors: [],
    arxivId: '2404.14219',
    links: { huggingface: 'https://huggingface.co/papers/2404.14219' },
    starred: 0,
    read: 0,
    addedAt: 1_710_000_000_000,
    starredChangedAt: 1_710_000_100_000,
    readChangedAt: 1_710_000_000_000,
    metadataChangedAt: 1_710_000_000_000,
  },
  {
    key: 'arxiv:hep-th/9901001',
    title: HOSTILE_TITLE,
    authors: ['Ľudovít Štúr', "O'Brien, Jr.", '<b>bold</b>', 'x'.repeat(200)],
    arxivId: 'hep-th/9901001',
    comments: '12 pages, 3 figures; ¼ of them in colour',
    links: { arxiv: 'https://arxiv.org/abs/hep-th/9901001' },
    starred: 1,
    read: 0,
    addedAt: 0,
    starredChangedAt: 0,
    readChangedAt: 0,
    metadataChangedAt: 0,
  },
]

/**
 * What today's schema must hold for a version 1 paper: its record without flags (plus the citation
 * key version 3 gives, checked in its own test), and its marks.
 */
function expectedRecord({ starred: _s, read: _r, starredChangedAt: _sa, readChangedAt: _ra, ...record }: Version1Paper) {
  return { ...record, citationKey: { value: expect.any(String) as string, at: 0 } }
}

function expectedMarks(paper: Version1Paper) {
  return {
    key: paper.key,
    marks: {
      starred: { value: paper.starred === 1, at: paper.starredChangedAt },
      read: { value: paper.read === 1, at: paper.readChangedAt },
      ...NEVER_TAGGED_OR_NOTED,
    },
  }
}

const opened: Dexie[] = []

/** Writes papers into a new database with version 1's schema, and closes it as the old extension would. */
async function version1Database(papers: readonly Version1Paper[]): Promise<string> {
  const name = `migration-${crypto.randomUUID()}`
  const old = new Dexie(name)
  old.version(1).stores(VERSION_1_STORES)
  await old.table('papers').bulkAdd(papers)
  expect(old.verno).toBe(1)
  old.close()
  return name
}

function open(name: string): ShelfDatabase {
  const db = new ShelfDatabase(name)
  opened.push(db)
  return db
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete()
})

describe('upgrading a version 1 database', () => {
  it('moves every flag and its time into marks, and keeps every record otherwise as it was', async () => {
    const db = open(await version1Database(VERSION_1_PAPERS))
    await db.open()
    expect(db.verno).toBe(7)
    const keys = VERSION_1_PAPERS.map((paper) => paper.key)
    expect(await db.papers.bulkGet(keys)).toEqual(VERSION_1_PAPERS.map(expectedRecord))
    expect(await db.marks.bulkGet(keys)).toEqual(VERSION_1_PAPERS.map(expectedMarks))
    expect(await db.papers.count()).toBe(VERSION_1_PAPERS.length)
    expect(await db.marks.count()).toBe(VERSION_1_PAPERS.length)
  })

  it('leaves no flag fields in papers and nothing else in marks', async () => {
    const db = open(await version1Database(VERSION_1_PAPERS))
    for (const record of await db.papers.toArray()) {
      for (const field of ['starred', 'read', 'starredChangedAt', 'readChangedAt', 'marks']) expect(record).not.toHaveProperty(field)
    }
    for (const row of await db.marks.toArray()) {
      expect(Object.keys(row)).toEqual(['key', 'marks'])
      expect(Object.keys(row.marks).sort()).toEqual(['note', 'read', 'starred', 'tags'])
      for (const mark of Object.values(row.marks)) expect(Object.keys(mark).sort()).toEqual(['at', 'value'])
      expect(typeof row.marks.starred.value).toBe('boolean')
      expect(typeof row.marks.read.value).toBe('boolean')
      expect(row.marks.tags).toEqual({ value: [], at: 0 })
      expect(row.marks.note).toEqual({ value: '', at: 0 })
    }
  })

  it('keeps hostile and unicode text byte for byte', async () => {
    const db = open(await version1Database(VERSION_1_PAPERS))
    const stored = await db.papers.get('arxiv:hep-th/9901001')
    expect(stored!.title).toBe(HOSTILE_TITLE)
    expect(stored!.authors).toEqual(VERSION_1_PAPERS[3]!.authors)
    expect(stored!.comments).toBe('12 pages, 3 figures; ¼ of them in colour')
  })

  it('drops the flag indexes and keeps the others (with the citation key’s), in the schema and in IndexedDB itself', async () => {
    const db = open(await version1Database(VERSION_1_PAPERS))
    await db.open()
    expect(db.papers.schema.indexes.map((index) => index.name).sort()).toEqual([
      'addedAt',
      'aliases',
      'arxivId',
      'citationKey.value',
      'doi',
    ])
    expect(db.papers.schema.primKey.name).toBe('key')
    expect(db.marks.schema.primKey.name).toBe('key')
    expect(db.marks.schema.indexes.map((index) => index.name)).toEqual(['marks.starred.at'])
    const idb = db.backendDB()
    expect([...idb.objectStoreNames].sort()).toEqual(['marks', 'papers', 'places', 'settings', 'sightings', 'titles'])
    const transaction = idb.transaction(['papers', 'marks'], 'readonly')
    expect([...transaction.objectStore('papers').indexNames].sort()).toEqual(['addedAt', 'aliases', 'arxivId', 'citationKey.value', 'doi'])
    expect([...transaction.objectStore('marks').indexNames]).toEqual(['marks.starred.at'])
    // The kept indexes still answer.
    expect(await db.papers.where('doi').equals('10.1145/3442188.3445922').primaryKeys()).toEqual(['doi:10.1145/3442188.3445922'])
    expect(await db.papers.where('arxivId').equals('2404.14219').primaryKeys()).toEqual(['arxiv:2404.14219'])
  })

  it('serves the store: lookup, shelf and setMarks on the upgraded data', async () => {
    const db = open(await version1Database(VERSION_1_PAPERS))
    let now = 1_800_000_000_000
    const store = new PaperStore(db, () => now)
    const keys = VERSION_1_PAPERS.map((paper) => paper.key)

    expect((await store.lookup([...keys, 'arxiv:2101.00001'])).found).toEqual(
      VERSION_1_PAPERS.map(expectedMarks).sort((a, b) => (a.key < b.key ? -1 : 1)),
    )

    const shelf = await papersOnShelf(store)
    expect(shelf.map((paper) => paper.key).sort()).toEqual(['arxiv:2303.14027', 'arxiv:hep-th/9901001', 'doi:10.1145/3442188.3445922'])
    for (const paper of shelf) {
      const old = VERSION_1_PAPERS.find((candidate) => candidate.key === paper.key)!
      expect(paper).toEqual({ ...expectedRecord(old), marks: expectedMarks(old).marks })
    }

    // The unshelved paper is starred: it joins the shelf, its read mark untouched.
    const starred = await store.setMarks('arxiv:2404.14219', { starred: true })
    expect(starred.marks).toEqual({
      starred: { value: true, at: now },
      read: { value: false, at: 1_710_000_000_000 },
      ...NEVER_TAGGED_OR_NOTED,
    })
    expect((await papersOnShelf(store)).map((paper) => paper.key)).toContain('arxiv:2404.14219')

    // A clock behind a migrated time still stamps the change later.
    now = 1_000
    const unread = await store.setMarks('arxiv:2303.14027', { read: false }, hfRef('2303.14027', { title: 'Other title' }))
    expect(unread.citationKey).toEqual({ value: 'spengler2023poincare', at: 0 })
    expect(unread.marks).toEqual({
      starred: { value: true, at: 1_700_000_000_001 },
      read: { value: false, at: 1_700_000_500_001 },
      ...NEVER_TAGGED_OR_NOTED,
    })
    expect(unread.title).toBe('Poincaré ResNet')

    // Remembering completes an upgraded record.
    now = 1_900_000_000_000
    const remembered = await store.remember([hfRef('2404.14219', { authors: ['Marah Abdin'], abstract: 'Phi-3.' })])
    expect(remembered).toHaveLength(1)
    expect(await db.papers.get('arxiv:2404.14219')).toMatchObject({ authors: ['Marah Abdin'], abstract: 'Phi-3.', metadataChangedAt: now })
  })

  it('upgrades once: opening it again changes nothing', async () => {
    const name = await version1Database(VERSION_1_PAPERS)
    const first = new ShelfDatabase(name)
    const [papers, marks] = [await first.papers.toArray(), await first.marks.toArray()]
    first.close()
    const db = open(name)
    expect(await db.papers.toArray()).toEqual(papers)
    expect(await db.marks.toArray()).toEqual(marks)
  })

  it('upgrades an empty version 1 database', async () => {
    const db = open(await version1Database([]))
    expect(await db.papers.count()).toBe(0)
    expect(await db.marks.count()).toBe(0)
    expect(await papersOnShelf(new PaperStore(db))).toEqual([])
  })

  it('carries a few hundred papers over, every flag and time intact', async () => {
    const many: Version1Paper[] = Array.from({ length: 400 }, (_, i) => {
      const id = `2405.${String(i).padStart(5, '0')}`
      const paper: Version1Paper = {
        key: i % 7 === 3 ? `doi:10.5555/paper.${i}` : `arxiv:${id}`,
        title: `Paper ${i} — ${'é🦜'.repeat(i % 5)}`,
        authors: Array.from({ length: i % 4 }, (_, a) => `Author ${a}`),
        links: i % 3 === 0 ? { arxiv: `https://arxiv.org/abs/${id}` } : { huggingface: `https://huggingface.co/papers/${id}` },
        starred: (i % 2) as 0 | 1,
        read: (Math.floor(i / 2) % 2) as 0 | 1,
        addedAt: 1_700_000_000_000 + i,
        starredChangedAt: 1_700_000_000_000 + i * 3,
        readChangedAt: 1_700_000_000_000 + i * 5,
        metadataChangedAt: 1_700_000_000_000 + i * 7,
      }
      if (i % 7 === 3) paper.doi = `10.5555/paper.${i}`
      else paper.arxivId = id
      if (i % 11 === 0) paper.version = 1 + (i % 9)
      if (i % 13 === 0) paper.abstract = `Abstract ${i}\n${HOSTILE_TITLE}`
      return paper
    })
    const db = open(await version1Database(many))
    const keys = many.map((paper) => paper.key)
    expect(await db.papers.bulkGet(keys)).toEqual(many.map(expectedRecord))
    expect(await db.marks.bulkGet(keys)).toEqual(many.map(expectedMarks))
    const store = new PaperStore(db)
    expect((await store.lookup(keys)).found.length).toBe(many.length)
    const onShelf = many.filter((paper) => paper.starred === 1 || paper.read === 1)
    expect(onShelf.length).toBe(300)
    expect((await papersOnShelf(store)).map((paper) => paper.key).sort()).toEqual(onShelf.map((paper) => paper.key).sort())
  })

  it('fails on a corrupt version 1 record and leaves the old data as it was', async () => {
    const corrupt = { ...VERSION_1_PAPERS[0]!, key: 'arxiv:2101.00001', arxivId: '2101.00001', starred: 2 as unknown as 0 }
    const name = await version1Database([...VERSION_1_PAPERS, corrupt])
    const db = open(name)
    await expect(db.open()).rejects.toThrow(/arxiv:2101\.00001: starred must be 0 or 1/)
    db.close()
    const old = new Dexie(name)
    old.version(1).stores(VERSION_1_STORES)
    try {
      expect(old.verno).toBe(1)
      expect(await old.table('papers').toArray()).toEqual([...VERSION_1_PAPERS, corrupt].sort((a, b) => (a.key < b.key ? -1 : 1)))
      // Still version 1 on disk: no marks table, the flag indexes in place.
      const idb = old.backendDB()
      expect([...idb.objectStoreNames]).toEqual(['papers'])
      expect([...idb.transaction('papers').objectStore('papers').indexNames]).toContain('[starred+starredChangedAt]')
    } finally {
      old.close()
    }
  })

  it('gives a shelf whose backup imports again, links and all', async () => {
    // Version 1 accepted links to arXiv's export mirror in imported backups, so a shelf can hold one.
    const mirrored: Version1Paper = {
      ...VERSION_1_PAPERS[0]!,
      key: 'arxiv:2101.00002',
      arxivId: '2101.00002',
      links: { arxiv: 'https://export.arxiv.org/abs/2101.00002' },
    }
    const db = open(await version1Database([...VERSION_1_PAPERS, mirrored]))
    const shelf = await papersOnShelf(new PaperStore(db))
    const parsed = parseBackup(toJsonBackup(shelf, new Date()), isSiteLink, isSiteId)
    expect(parsed.ok ? '' : parsed.error).toBe('')
    expect(shelf.find((paper) => paper.key === 'arxiv:2101.00002')?.links).toEqual({ arxiv: 'https://arxiv.org/abs/2101.00002' })
  })
})

describe('upgrading a version 2 database', () => {
  const VERSION_2_STORES = { papers: 'key, arxivId, doi, addedAt', marks: 'key' }

  /** A version 2 record: no citation key yet. */
  const record = (id: string, addedAt: number, title: string, authors: string[]) => ({
    key: `arxiv:${id}`,
    arxivId: id,
    title,
    authors,
    links: { arxiv: `https://arxiv.org/abs/${id}` },
    addedAt,
    metadataChangedAt: addedAt,
  })

  async function version2Database(records: readonly ReturnType<typeof record>[]): Promise<string> {
    const name = `migration-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(2).stores(VERSION_2_STORES)
    await old.table('papers').bulkAdd(records)
    await old
      .table('marks')
      .bulkAdd(
        records.map(({ key, addedAt }) => ({ key, marks: { starred: { value: true, at: addedAt }, read: { value: false, at: 0 } } })),
      )
    old.close()
    return name
  }

  it('gives every paper a citation key, the earliest added first, unique ignoring case', async () => {
    const records = [
      record('1701.05517', 3_000, 'PixelCNN++: Improving the PixelCNN', ['Tim Salimans']),
      record('1701.05518', 1_000, 'PixelCNN models, revisited', ['Tim SALIMANS']),
      record('1701.05519', 2_000, 'PixelCNN again', ['Tim Salimans']),
      record('2501.00001', 4_000, 'Deep learning', ['王小明']),
      record('2501.00002', 5_000, '$O(n)$ and nothing else', []),
    ]
    const db = open(await version2Database(records))
    await db.open()
    expect(db.verno).toBe(7)
    const stored = await db.papers.bulkGet(records.map((paper) => paper.key))
    expect(stored.map((paper) => paper!.citationKey)).toEqual([
      { value: 'salimans2017pixelcnnb', at: 0 },
      { value: 'salimans2017pixelcnn', at: 0 },
      { value: 'salimans2017pixelcnna', at: 0 },
      { value: 'arxiv2501.00001', at: 0 },
      { value: 'arxiv2501.00002', at: 0 },
    ])
    // Nothing else moved.
    expect(stored.map((paper) => ({ ...paper, citationKey: undefined }))).toEqual(
      records.map((paper) => ({ ...paper, citationKey: undefined })),
    )
    expect(await db.papers.where('citationKey.value').equals('salimans2017pixelcnn').primaryKeys()).toEqual(['arxiv:1701.05518'])
  })
})

describe('upgrading a version 3 database', () => {
  const VERSION_3_STORES = { papers: 'key, arxivId, doi, addedAt, citationKey.value', marks: 'key' }
  const marked = { starred: { value: true, at: 10 }, read: { value: false, at: 0 } }

  async function version3Database(records: readonly Record<string, unknown>[]): Promise<string> {
    const name = `migration-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(3).stores(VERSION_3_STORES)
    await old.table('papers').bulkAdd(records)
    await old.table('marks').bulkAdd(records.map(({ key }) => ({ key, marks: marked })))
    old.close()
    return name
  }

  it('indexes every paper by its title and first author, and finds papers by title from then on', async () => {
    const records = [
      {
        key: 'openreview:Hk3mPK5gg',
        title: 'Denoising Diffusion Probabilistic Models',
        authors: ['Jonathan Ho', 'Ajay Jain'],
        links: {},
        addedAt: 1,
        metadataChangedAt: 1,
        citationKey: { value: 'ho2020denoising', at: 0 },
      },
      { key: 'arxiv:2404.00001', title: 'Short', authors: ['A B'], links: {}, addedAt: 2, metadataChangedAt: 2 },
    ]
    const db = open(await version3Database(records))
    await db.open()
    expect(db.verno).toBe(7)
    expect(await db.titles.toArray()).toEqual([{ key: 'openreview:Hk3mPK5gg', titleKey: 'denoising diffusion probabilistic models|ho' }])
    expect(await db.papers.bulkGet(records.map((record) => record.key))).toEqual(records)
    const { found, siteOnly } = await new PaperStore(db).lookup(
      ['arxiv:2006.11239'],
      [{ key: 'arxiv:2006.11239', titleKey: 'denoising diffusion probabilistic models|ho' }],
    )
    expect(siteOnly).toBe(true)
    expect(found).toEqual([{ key: 'arxiv:2006.11239', marks: { ...marked, ...NEVER_TAGGED_OR_NOTED }, paper: 'openreview:Hk3mPK5gg' }])
  })
})

/** The schema as version 5 left it (version 6 changed only the marks' contents). */
const VERSION_5_STORES = {
  papers: 'key, arxivId, doi, addedAt, citationKey.value, *aliases',
  marks: 'key',
  titles: 'key, titleKey',
  sightings: 'key',
  places: '++id, &name',
  settings: 'name',
}

describe('upgrading a version 4 database', () => {
  const VERSION_4_STORES = { papers: 'key, arxivId, doi, addedAt, citationKey.value, *aliases', marks: 'key', titles: 'key, titleKey' }
  const record: PaperRecord = {
    key: 'arxiv:2106.09685',
    aliases: ['pmid:35417736'],
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    authors: ['Edward J. Hu'],
    arxivId: '2106.09685',
    links: { arxiv: 'https://arxiv.org/abs/2106.09685' },
    addedAt: 10,
    metadataChangedAt: 11,
    citationKey: { value: 'hu2021lora', at: 0 },
  }

  it('keeps papers, aliases and titles, completes the marks, and adds empty sightings and settings the store can use', async () => {
    const name = `migration-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(4).stores(VERSION_4_STORES)
    await old.table('papers').add(record)
    await old.table('marks').add({ key: record.key, marks: { starred: { value: true, at: 12 }, read: { value: false, at: 0 } } })
    await old.table('titles').bulkAdd(paperTitle(record))
    old.close()

    const db = open(name)
    await db.open()
    expect(db.verno).toBe(7)
    expect(await db.papers.toArray()).toEqual([record])
    expect(await db.titles.toArray()).toEqual(paperTitle(record))
    expect(await db.marks.toArray()).toEqual([
      {
        key: record.key,
        marks: { starred: { value: true, at: 12 }, read: { value: false, at: 0 }, tags: { value: [], at: 0 }, note: { value: '', at: 0 } },
      },
    ])
    expect([await db.sightings.count(), await db.places.count(), await db.settings.count()]).toEqual([0, 0, 0])
    const stores = new ShelfStores(db, () => 100)
    // Found by its alias, as a PubMed card would find it.
    expect((await stores.papers.lookup(['pmid:35417736'], [{ key: 'pmid:35417736' }])).found).toEqual([
      { key: 'pmid:35417736', paper: record.key, marks: (await db.marks.get(record.key))!.marks },
    ])
    await stores.sightings.record([record.key], 'arxiv cs.LG/new')
    expect(await stores.sightings.seenAmong([record.key])).toEqual([record.key])
    expect(await stores.settings.set('shortcuts', false)).toEqual({ shortcuts: { value: false, at: 100 } })
  })
})

describe('upgrading a version 5 database', () => {
  const records: PaperRecord[] = [
    {
      key: 'arxiv:2106.09685',
      aliases: ['doi:10.48550/arxiv.2106.09685'],
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      authors: ['Edward J. Hu'],
      arxivId: '2106.09685',
      version: 2,
      links: { arxiv: 'https://arxiv.org/abs/2106.09685' },
      addedAt: 10,
      metadataChangedAt: 11,
      citationKey: { value: 'hu2021lora', at: 0 },
    },
    {
      key: 'doi:10.1145/3442188.3445922',
      title: 'On the Dangers of Stochastic Parrots',
      authors: ['Emily M. Bender'],
      doi: '10.1145/3442188.3445922',
      links: {},
      addedAt: 20,
      metadataChangedAt: 20,
      citationKey: { value: 'bender2021dangers', at: 0 },
    },
  ]

  /** Marks as version 5 stored them: the toggles only, the read one with the version it was read at. */
  const version5Marks = [
    { key: 'arxiv:2106.09685', marks: { starred: { value: true, at: 12 }, read: { value: true, at: 13, version: 2 } } },
    { key: 'doi:10.1145/3442188.3445922', marks: { starred: { value: false, at: 25 }, read: { value: false, at: 0 } } },
  ]

  async function version5Database(): Promise<string> {
    const name = `migration-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(5).stores(VERSION_5_STORES)
    await old.table('papers').bulkAdd(records)
    await old.table('marks').bulkAdd(version5Marks)
    await old.table('titles').bulkAdd(records.flatMap(paperTitle))
    await old.table('places').add({ name: 'arxiv cs.LG/new' })
    await old.table('sightings').add({ key: 'arxiv:2404.14219', first: 1, last: 2, place: 1 })
    await old.table('settings').add({ name: 'hideSeen:arxiv', value: true, at: 3 })
    expect(old.verno).toBe(5)
    old.close()
    return name
  }

  it('gives every paper tags and a note, never set, and keeps its other marks and every other row as they were', async () => {
    const name = await version5Database()
    const db = open(name)
    await db.open()
    expect(db.verno).toBe(7)
    expect(await db.marks.toArray()).toEqual([
      {
        key: 'arxiv:2106.09685',
        marks: {
          starred: { value: true, at: 12 },
          read: { value: true, at: 13, version: 2 },
          tags: { value: [], at: 0 },
          note: { value: '', at: 0 },
        },
      },
      {
        key: 'doi:10.1145/3442188.3445922',
        marks: { starred: { value: false, at: 25 }, read: { value: false, at: 0 }, tags: { value: [], at: 0 }, note: { value: '', at: 0 } },
      },
    ])
    for (const { marks } of await db.marks.toArray()) expect(marksProblem(marks)).toBeNull()
    expect(await db.papers.toArray()).toEqual(records)
    expect(await db.titles.toArray()).toEqual(records.flatMap(paperTitle))
    expect(await db.sightings.toArray()).toEqual([{ key: 'arxiv:2404.14219', first: 1, last: 2, place: 1 }])
    expect(await db.places.toArray()).toEqual([{ id: 1, name: 'arxiv cs.LG/new' }])
    expect(await db.settings.toArray()).toEqual([{ name: 'hideSeen:arxiv', value: true, at: 3 }])
  })

  it('serves the store: the shelf as before, and tags and a note set on an upgraded paper', async () => {
    const db = open(await version5Database())
    const store = new PaperStore(db, () => 100)
    expect((await papersOnShelf(store)).map((paper) => paper.key)).toEqual(['arxiv:2106.09685'])
    const tagged = await store.setMarks('doi:10.1145/3442188.3445922', { tags: ['ethics'], note: 'Read before the talk.' })
    expect(tagged.marks).toEqual({
      starred: { value: false, at: 25 },
      read: { value: false, at: 0 },
      tags: { value: [{ name: 'ethics', at: 100 }], at: 100 },
      note: { value: 'Read before the talk.', at: 100 },
    })
    expect((await papersOnShelf(store)).map((paper) => paper.key).sort()).toEqual(['arxiv:2106.09685', 'doi:10.1145/3442188.3445922'])
  })

  it('upgrades once: opening it again changes nothing', async () => {
    const name = await version5Database()
    const first = new ShelfDatabase(name)
    const marks = await first.marks.toArray()
    first.close()
    const db = open(name)
    expect(await db.marks.toArray()).toEqual(marks)
    expect(db.verno).toBe(7)
  })
})

describe('upgrading a version 6 database', () => {
  it('indexes every paper by when it was last starred or unstarred, leaving the marks as they were', async () => {
    const name = `migration-${crypto.randomUUID()}`
    const old = new Dexie(name)
    old.version(6).stores(VERSION_5_STORES)
    const version6Marks = [
      {
        key: 'arxiv:2106.09685',
        marks: { starred: { value: true, at: 12 }, read: { value: false, at: 0 }, tags: { value: [], at: 0 }, note: { value: '', at: 0 } },
      },
      {
        key: 'arxiv:2404.14219',
        marks: { starred: { value: false, at: 30 }, read: { value: true, at: 31 }, tags: { value: [], at: 0 }, note: { value: '', at: 0 } },
      },
      {
        key: 'arxiv:1706.03762',
        marks: { starred: { value: true, at: 20 }, read: { value: false, at: 0 }, tags: { value: [], at: 0 }, note: { value: '', at: 0 } },
      },
    ]
    await old.table('marks').bulkAdd(version6Marks)
    old.close()
    const db = open(name)
    await db.open()
    expect(db.verno).toBe(7)
    expect(await db.marks.orderBy('marks.starred.at').reverse().primaryKeys()).toEqual([
      'arxiv:2404.14219',
      'arxiv:1706.03762',
      'arxiv:2106.09685',
    ])
    expect(await db.marks.toArray()).toEqual([...version6Marks].sort((a, b) => (a.key < b.key ? -1 : 1)))
  })
})
