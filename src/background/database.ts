import Dexie, { type Table } from 'dexie'
import { fromVersion1 } from '../core/backup/version1'
import { settleCitationKeys } from '../core/export/citation-keys'
import { completeMarks, type Marks } from '../core/marks'
import type { PaperKey, PaperMarks, PaperRecord } from '../core/paper'
import type { SettingName } from '../core/settings'
import { titleMatchKey } from '../core/title-match'

export const DATABASE_NAME = 'paper-shelf'

/** That a paper was seen on a listing: when first and last, and where first (a `places` id). */
export interface Sighting {
  key: PaperKey
  first: number
  last: number
  place: number
}

/** A listing papers were seen on, named as the reader knows it: `arxiv cs.LG/new`, `huggingface daily 2026-11-20`. */
export interface Place {
  id?: number
  name: string
}

/** One setting the reader changed. */
export interface StoredSetting {
  name: SettingName
  value: boolean
  at: number
}

export interface PaperTitle {
  key: PaperKey
  titleKey: string
}

/** The row of `titles` for a paper, if its title is long enough to match by. */
export function paperTitle(record: PaperRecord): PaperTitle[] {
  const titleKey = titleMatchKey(record.title, record.authors)
  return titleKey === undefined ? [] : [{ key: record.key, titleKey }]
}

/**
 * The shelf's IndexedDB schema. Each version stays as it was released; a change is a new version
 * with its upgrade function, tested by opening a database the previous version wrote.
 */
export class ShelfDatabase extends Dexie {
  /** What is known about each paper: its metadata and where it was seen. */
  papers!: Table<PaperRecord, string>
  /** The reader's marks on each paper in `papers`, under the same key. */
  marks!: Table<PaperMarks, string>
  /** The title match key (`titleMatchKey`) of each paper in `papers` that has one, under the same key. */
  titles!: Table<PaperTitle, string>
  /** Papers seen on listings, under the key their cards showed; kept apart from `papers`, which holds only what the reader marked. */
  sightings!: Table<Sighting, string>
  places!: Table<Place, number>
  settings!: Table<StoredSetting, string>

  constructor(name: string = DATABASE_NAME) {
    super(name)
    this.version(1).stores({
      papers: 'key, arxivId, doi, starred, read, addedAt, [starred+starredChangedAt], [read+readChangedAt]',
    })
    // Version 2 keeps marks apart from metadata, so a page's lookup reads only marks.
    this.version(2)
      .stores({ papers: 'key, arxivId, doi, addedAt', marks: 'key' })
      .upgrade(async (tx) => {
        const marks: PaperMarks[] = []
        await tx
          .table('papers')
          .toCollection()
          .modify((record: Record<string, unknown>, ref: { value: unknown }) => {
            const converted = fromVersion1(record)
            // Only corruption makes a version 1 record unreadable; failing keeps the data as it was.
            if (typeof converted === 'string') throw new Error(`Paper ${String(record.key)}: ${converted}`)
            const { marks: paperMarks, ...paper } = converted
            marks.push({ key: paper.key, marks: paperMarks } as PaperMarks)
            ref.value = paper
          })
        await tx.table('marks').bulkAdd(marks)
      })
    // Version 3 gives every paper its lasting citation key, the earliest added first: they keep the
    // keys an export would have given them.
    this.version(3)
      .stores({ papers: 'key, arxivId, doi, addedAt, citationKey.value', marks: 'key' })
      .upgrade(async (tx) => {
        const records = await tx.table<PaperRecord, string>('papers').orderBy('addedAt').toArray()
        await tx.table('papers').bulkPut(settleCitationKeys(records, new Map()))
      })
    // Version 4 finds a paper by any of its identifiers and, failing those, by its title and first author.
    this.version(4)
      .stores({ papers: 'key, arxivId, doi, addedAt, citationKey.value, *aliases', marks: 'key', titles: 'key, titleKey' })
      .upgrade(async (tx) => {
        const records = await tx.table<PaperRecord, string>('papers').toArray()
        await tx.table('titles').bulkAdd(records.flatMap(paperTitle))
      })
    // Version 5 remembers the papers seen on listings, compactly (a key, two times and a place id each), and the reader's settings.
    this.version(5).stores({ sightings: 'key', places: '++id, &name', settings: 'name' })
    // Version 6 adds the reader's tags and note to every paper's marks, never set.
    this.version(6)
      .stores({})
      .upgrade((tx) =>
        tx
          .table('marks')
          .toCollection()
          .modify((entry: PaperMarks) => {
            entry.marks = completeMarks(entry.marks) as Marks
          }),
      )
    // Version 7 indexes when each paper was last starred or unstarred, so the popup's first rows are
    // the papers starred last without reading every paper's marks.
    this.version(7).stores({ marks: 'key, marks.starred.at' })
  }
}
