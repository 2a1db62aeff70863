import Dexie, { type Table } from 'dexie'
import type { Paper } from '../core/paper'

export const DATABASE_NAME = 'paper-shelf'

/**
 * The shelf's IndexedDB schema. Version 1 is the first release; later versions are added below it
 * with their upgrade functions, never by editing this one.
 */
export class ShelfDatabase extends Dexie {
  papers!: Table<Paper, string>

  constructor(name: string = DATABASE_NAME) {
    super(name)
    this.version(1).stores({
      papers: 'key, arxivId, doi, starred, read, addedAt, [starred+starredChangedAt], [read+readChangedAt]',
    })
  }
}
