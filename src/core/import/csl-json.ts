import { calendarDate } from '../dates'
import { parseArxivId } from '../identity'
import { isRecord } from '../validation'
import {
  addArxiv,
  addArxivMentions,
  addDoi,
  addLink,
  addLinksIn,
  addOtherKey,
  collect,
  finishPaper,
  isArxivReference,
  joinName,
  noIds,
  own,
  ownString,
  pmidKey,
  stripRichText,
  yearIn,
  type FoundIds,
  type ForeignImport,
  type PaperDraft,
} from './foreign-paper'

type CslItem = Record<string, unknown>

/**
 * Reads CSL-JSON (a list of items, as Zotero, Better BibTeX, citation-js and pandoc write it). Every field
 * is checked for its type: an item that is not an object is skipped, a field of the wrong type is ignored.
 */
export function parseCslJson(items: readonly unknown[]): ForeignImport {
  const results = items.map((item, position) =>
    isRecord(item) ? finishPaper(position + 1, itemDraft(item)) : { index: position + 1, reason: 'it is not a CSL-JSON item' },
  )
  return collect('csl-json', results)
}

function itemDraft(item: CslItem): PaperDraft {
  const issued = issuedDate(own(item, 'issued'))
  return {
    title: richText(item, 'title'),
    authors: list(own(item, 'author')).filter(isRecord).map(cslName),
    ids: itemIds(item),
    published: issued.published,
    year: issued.year,
    venue: firstString(own(item, 'container-title')),
    abstract: richText(item, 'abstract'),
    tags: list(own(item, 'keyword')).flatMap((keywords) => (typeof keywords === 'string' ? keywords.split(/[,;]/) : [])),
    // CSL's `note` is Zotero's Extra field (identifiers, original dates), not the reader's note.
    notes: [],
  }
}

function richText(item: CslItem, key: string): string | undefined {
  const value = ownString(item, key)
  return value === undefined ? undefined : stripRichText(value)
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value]
}

/** A string, or the first string of a list (some tools write `container-title` as a list). */
function firstString(value: unknown): string | undefined {
  return list(value).find((item): item is string => typeof item === 'string')
}

function cslName(name: Record<string, unknown>): string {
  const part = (key: string): string | undefined => ownString(name, key)
  return (
    part('literal') ?? joinName(part('given'), part('dropping-particle'), part('non-dropping-particle'), part('family'), part('suffix'))
  )
}

/** `issued` as `{"date-parts": [[2019, 5, 17]]}` (numbers or strings), `{"raw": "2019-05-17"}` or `{"literal": …}`. */
function issuedDate(issued: unknown): { published?: string; year?: number } {
  if (!isRecord(issued)) return {}
  const parts = list(own(issued, 'date-parts'))[0]
  if (Array.isArray(parts)) {
    const [year, month, day] = parts
      .slice(0, 3)
      .map((part: unknown) => (typeof part === 'number' || typeof part === 'string' ? Number(part) : NaN))
    const published = calendarDate(year, month, day)
    const fullYear = year !== undefined && Number.isInteger(year) && year >= 1000 && year <= 9999 ? year : undefined
    return { ...(published ? { published } : {}), ...(fullYear ? { year: fullYear } : {}) }
  }
  const text = ownString(issued, 'raw') ?? ownString(issued, 'literal')
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text ?? '')
  const published = match ? calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) : undefined
  const year = yearIn(text)
  return { ...(published ? { published } : {}), ...(year ? { year } : {}) }
}

function itemIds(item: CslItem): FoundIds {
  const text = (key: string): string | undefined => ownString(item, key)
  const ids = noIds()
  const arxivItem = [text('publisher'), firstString(own(item, 'container-title')), text('archive')].some(
    (name) => name !== undefined && isArxivReference(name),
  )
  const number = text('number')
  // Zotero gives an arXiv preprint's number as "arXiv:2106.09685"; other tools as the bare id.
  if (number && arxivItem) addArxiv(ids, parseArxivId(number.trim()))
  const doi = text('DOI')
  if (doi) addDoi(ids, doi)
  const url = text('URL')
  if (url) addLink(ids, url)
  for (const key of ['note', 'archive_location', 'number']) addArxivMentions(ids, text(key))
  addLinksIn(ids, text('note'))
  addOtherKey(ids, pmidKey(text('PMID')))
  return ids
}
