import { isRecord, isTimestamp } from '../validation'

/**
 * Version 1 stored each flag beside the metadata as `0 | 1` with a `…ChangedAt` time. Version 2
 * keeps the reader's marks apart, each with its own time. This is the one translation between them,
 * used by the database upgrade and by imports of version 1 backups.
 */

const VERSION_1_FLAGS = { starred: 'starredChangedAt', read: 'readChangedAt' } as const

/** Version 1 accepted arXiv links on its export mirror; today a paper's arXiv link is on arxiv.org. */
const EXPORT_MIRROR = 'https://export.arxiv.org/'

/** The record with its flags moved into `marks`, or a sentence saying why it cannot be read. */
export function fromVersion1(record: Readonly<Record<string, unknown>>): Record<string, unknown> | string {
  if ('marks' in record) return 'unexpected field "marks"'
  const converted: Record<string, unknown> = { ...record }
  const marks: Record<string, unknown> = {}
  for (const [flag, timeField] of Object.entries(VERSION_1_FLAGS)) {
    const value = record[flag]
    if (value !== 0 && value !== 1) return `${flag} must be 0 or 1`
    if (!isTimestamp(record[timeField])) return `${timeField} must be a time in milliseconds, not in the future`
    marks[flag] = { value: value === 1, at: record[timeField] }
    delete converted[flag]
    delete converted[timeField]
  }
  converted.marks = marks
  const { links } = record
  if (isRecord(links) && typeof links.arxiv === 'string' && links.arxiv.startsWith(EXPORT_MIRROR)) {
    converted.links = { ...links, arxiv: `https://arxiv.org/${links.arxiv.slice(EXPORT_MIRROR.length)}` }
  }
  return converted
}
