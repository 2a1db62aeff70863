import type { BackupContents } from '../core/backup/backup'
import type { ImportSummary } from '../platform/protocol'
import type { Paper } from '../core/paper'
import type { StoredSettings } from '../core/settings'
import type { ShelfDatabase } from './database'
import { PaperStore, type SaveProgress } from './paper-store'
import { SettingStore } from './setting-store'
import { SightingStore } from './sighting-store'
import { StagedImports } from './staged-imports'

/** Every store of the shelf, over one database. */
export class ShelfStores {
  readonly papers: PaperStore
  readonly sightings: SightingStore
  readonly settings: SettingStore
  readonly imports = new StagedImports()

  constructor(
    private readonly db: ShelfDatabase,
    clock: () => number = Date.now,
  ) {
    this.papers = new PaperStore(db, clock)
    this.sightings = new SightingStore(db, clock)
    this.settings = new SettingStore(db, clock)
  }

  /** Restores a validated backup's papers and settings in one transaction: all of it, or nothing. */
  async importBackup(
    backup: BackupContents,
    onProgress?: SaveProgress,
  ): Promise<ImportSummary & { changed: Paper[]; changedSettings: StoredSettings }> {
    const { db } = this
    return db.transaction('rw', [db.papers, db.marks, db.titles, db.settings], async () => {
      const papers = await this.papers.importPapers(backup.papers, onProgress)
      const changedSettings = await this.settings.merge(backup.settings)
      return { ...papers, changedSettings }
    })
  }
}
