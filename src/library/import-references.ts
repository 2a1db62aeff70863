import { plural } from '../popup/format'
import type { ShelfClient } from '../client/shelf-client'
import { readForeignFile } from '../core/import/read-foreign'
import { toShelfPapers, type SkippedEntry } from '../core/import/to-shelf'
import { siteOfPaperUrl } from '../sites/registry'
import { utf8Text } from '../ui/utf8-file'

/** What an import of another tool's file tells the reader. */
export interface ReferenceImportReport {
  ok: boolean
  message: string
}

const FORMAT_NAMES = { bibtex: 'BibTeX', ris: 'RIS', 'csl-json': 'CSL-JSON', papermemory: 'PaperMemory' } as const

/** The file's text, refused when it is not UTF-8. */
async function fileText(file: Blob): Promise<string> {
  const text = await utf8Text(file)
  if (text === null) {
    throw new Error('This file is not UTF-8 text. Export it again as UTF-8 (every reference manager offers it) and import that file.')
  }
  return text
}

function skippedText(skipped: readonly SkippedEntry[]): string {
  if (skipped.length === 0) return ''
  const shown = skipped
    .slice(0, 3)
    .map(({ index, reason }) => `entry ${index}: ${reason}`)
    .join('; ')
  const entries = `${skipped.length} ${skipped.length === 1 ? 'entry' : 'entries'}`
  return ` ${entries} skipped (${shown}${skipped.length > 3 ? '; …' : ''}).`
}

/**
 * Reads a BibTeX, RIS, CSL-JSON or PaperMemory file and stars its papers on the shelf, tagged as the
 * file says: all of them in one transaction, or none.
 */
export async function importReferenceFile(file: File, client: ShelfClient, now: number = Date.now()): Promise<ReferenceImportReport> {
  const read = await readForeignFile(file.name, await fileText(file))
  if (!read.ok) return { ok: false, message: `Nothing was imported. ${read.error}` }
  const { format, papers: entries, skipped: unread } = read.value
  const { papers, skipped } = toShelfPapers(entries, client.papers(), siteOfPaperUrl, now)
  const notImported = [...unread, ...skipped].sort((a, b) => a.index - b.index)
  if (papers.length === 0) return { ok: false, message: `Nothing was imported from ${file.name}.${skippedText(notImported)}` }
  const { added, updated, unchanged } = await client.importPapers(papers)
  const onShelf = updated + unchanged
  return {
    ok: true,
    message:
      `Imported ${plural(papers.length, 'paper')} from ${file.name} (${FORMAT_NAMES[format]}): ${added} new, ${onShelf} already on your shelf.` +
      skippedText(notImported),
  }
}
