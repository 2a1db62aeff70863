import { fail, type Parsed } from '../validation'
import {
  addArxivMentions,
  addDoi,
  addLink,
  addLinksIn,
  collect,
  finishPaper,
  fullDateIn,
  joinName,
  noIds,
  yearIn,
  type FoundIds,
  type ForeignImport,
  type PaperDraft,
} from './foreign-paper'

/** One RIS record: each tag's values in the order the file gives them (a repeated tag has several). */
type RisRecord = ReadonlyMap<string, readonly string[]>

/**
 * A tag line once trimmed: a capital letter and a capital letter or digit, two spaces, a dash, then a space
 * and the value. An empty value may lack the space (`ER  -`). The value is the rest of the line, whatever
 * it holds: a title may have a U+2028 line separator inside.
 */
const TAG_LINE = /^([A-Z][A-Z0-9]) {2}-(?: (.*)|$)/s

const NOT_A_RECORD = 'a record must start with a TY line giving its type.'

/** Reads an RIS file (Zotero, EndNote, Mendeley, Scopus, publishers' sites): one paper per TY … ER record. */
export async function parseRis(text: string): Promise<Parsed<ForeignImport>> {
  const records = readRecords(text)
  if (!records.ok) return fail(`This file is not valid RIS: ${records.error}`)
  const results = records.value.map((record, position) => finishPaper(position + 1, recordDraft(record)))
  return { ok: true, value: collect('ris', results) }
}

/**
 * The file's records. A record runs from its `TY` line to its `ER` line, or to the next `TY` or the end of
 * the file when the `ER` is missing. A line that is not a tag continues the last tag's last value, joined
 * with a space; outside a record it is ignored (a header before the first record, text after an `ER`).
 * A tag outside a record, or a `TY` with no type, fails the file with its line number.
 */
function readRecords(text: string): Parsed<RisRecord[]> {
  const records: RisRecord[] = []
  let record: Map<string, string[]> | undefined
  // The values of the last tag read: a continuation line extends the last of them.
  let last: string[] | undefined
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  for (const [index, line] of lines.map((raw) => raw.trim()).entries()) {
    const tag = TAG_LINE.exec(line)
    if (!tag) {
      if (last && line) last.push(`${last.pop() ?? ''} ${line}`.trim())
      continue
    }
    const [, name = '', value = ''] = tag
    if (name === 'ER') {
      record = last = undefined
      continue
    }
    if (name === 'TY') {
      if (!value.trim()) return fail(`line ${index + 1}: ${NOT_A_RECORD}`)
      record = new Map()
      records.push(record)
    } else if (!record) {
      return fail(`line ${index + 1}: ${NOT_A_RECORD}`)
    }
    last = record.get(name) ?? []
    last.push(value.trim())
    record.set(name, last)
  }
  return records.length > 0 ? { ok: true, value: records } : fail('it has no TY line.')
}

/** A tag's values that are not blank. */
function values(record: RisRecord, tag: string): string[] {
  return (record.get(tag) ?? []).filter((value) => value !== '')
}

function first(record: RisRecord, ...tags: string[]): string | undefined {
  return tags.map((tag) => values(record, tag)[0]).find((value) => value !== undefined)
}

function recordDraft(record: RisRecord): PaperDraft {
  const date = first(record, 'DA', 'PY', 'Y1')
  return {
    title: first(record, 'TI', 'T1', 'CT', 'BT'),
    // A1 is the older spelling of AU; files that mix them list the A1 authors first.
    authors: [...values(record, 'A1'), ...values(record, 'AU')].map(risName),
    ids: recordIds(record),
    published: fullDateIn(date),
    year: yearIn(first(record, 'PY', 'DA', 'Y1')),
    venue: first(record, 'JF', 'T2', 'JO', 'JA', 'J2'),
    abstract: first(record, 'AB', 'N2'),
    tags: values(record, 'KW'),
    notes: values(record, 'N1').map(noteText),
  }
}

/** "Family, Given" or "Family, Given, Suffix" as "Given Family Suffix"; old files write "Baldwin,S.A.". */
function risName(name: string): string {
  const [family = '', given, suffix] = name.split(',').map((part) => part.trim())
  return joinName(given, family, suffix)
}

function recordIds(record: RisRecord): FoundIds {
  const ids = noIds()
  for (const doi of values(record, 'DO')) addDoi(ids, doi)
  for (const link of ['UR', 'L1', 'L2', 'L4', 'LK'].flatMap((tag) => values(record, tag))) {
    // Some tools put a bare `doi:10.…` where a link belongs.
    if (/^doi:/i.test(link)) addDoi(ids, link)
    else addLink(ids, link)
  }
  for (const tag of ['M3', 'N1']) for (const text of values(record, tag)) if (/^\s*doi:/i.test(text)) addDoi(ids, text)
  for (const tag of ['JO', 'JF', 'T2', 'N1', 'M1', 'AN']) for (const text of values(record, tag)) addArxivMentions(ids, text)
  for (const text of values(record, 'N1')) addLinksIn(ids, text)
  return ids
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }
const HTML_NOTE = /^\s*<(?:p|div|h[1-6]|ul|ol|blockquote|pre|table|span)\b/i

/** Zotero writes its notes into N1 as HTML; other tools write plain text, which stays as it is. */
function noteText(note: string): string {
  if (!HTML_NOTE.test(note)) return note
  return note
    .replace(/<(?:br|\/p|\/div|\/h[1-6]|\/li|\/blockquote|\/pre|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]+));/gi, (entity, decimal?: string, hex?: string, name?: string) => {
      const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : undefined
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
      return (name !== undefined && Object.hasOwn(ENTITIES, name.toLowerCase()) ? ENTITIES[name.toLowerCase()] : undefined) ?? entity
    })
}
