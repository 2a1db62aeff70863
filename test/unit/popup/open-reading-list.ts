import { vi } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import type { Paper } from '../../../src/core/paper'
import type { FileActions } from '../../../src/popup/export-panel'
import { mountReadingList, type ReadingList, type ReadingListClients } from '../../../src/popup/reading-list-view'
import type { InMemoryBackground } from '../../support/in-memory-background'
import { flush } from './dom-helpers'

export interface ReadingListOptions {
  /** The popup's shelf client; by default a new one over `background` that keeps its papers, as the popup's does. */
  shelf?: ShelfClient
  /** Where exports go; by default mocks that keep nothing. */
  files?: FileActions
  now?: () => Date
  /** The clients a popup may be given or not. */
  optional?: Pick<ReadingListClients, 'storage' | 'backups' | 'permissions' | 'sync'>
}

/** The popup's reading list over `background` once it holds `papers`, mounted in `root` and shown. */
export async function openReadingList(
  root: HTMLElement,
  background: InMemoryBackground,
  papers: Paper[] = [],
  options: ReadingListOptions = {},
): Promise<ReadingList> {
  await background.seed(papers)
  const view = mountReadingList(
    root,
    {
      shelf: options.shelf ?? background.client({ keepPapers: true }),
      settings: background.settingsClient(),
      importBackup: background.importBackup,
      ...options.optional,
    },
    options.files ?? { save: vi.fn(), copy: vi.fn(async () => {}) },
    options.now,
  )
  await view.loaded
  await flush()
  return view
}
