import { BACKUP_FORMAT } from '../backup/backup'
import { fail, isRecord, type Parsed } from '../validation'
import { parseBibtex } from './bibtex'
import { parseCslJson } from './csl-json'
import { IMPORT_LIMITS, type ForeignImport } from './foreign-paper'
import { isPaperMemoryExport, parsePaperMemory } from './papermemory'
import { parseRis } from './ris'

const UNKNOWN = 'This file is not BibTeX, RIS, CSL-JSON or a PaperMemory export.'

/** A line that opens an RIS record, and an entry's opening `@type{` (or `@type(`) in BibTeX. */
const RIS_START = /^[ \t]*TY {2}- /m
const BIBTEX_START = /^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/m

type Detected = { format: 'bibtex' | 'ris' } | { format: 'json'; data: unknown } | { error: string }

/**
 * Reads a file another reference tool exported: BibTeX, RIS, CSL-JSON or a PaperMemory export. The
 * format is told by the content; the file name's extension only settles a file that could be either
 * BibTeX or RIS. Errors are sentences for the reader.
 */
export async function readForeignFile(fileName: string, text: string): Promise<Parsed<ForeignImport>> {
  if (text.length > IMPORT_LIMITS.fileLength) {
    return fail(`This file is too large to import (over ${IMPORT_LIMITS.fileLength / 1_000_000} MB).`)
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  if (source.trim() === '') return fail('This file is empty.')
  const read = await readDetected(detect(fileName, source), source)
  if (read.ok && read.value.papers.length === 0 && read.value.skipped.length === 0) return fail('No papers found in this file.')
  return read
}

async function readDetected(detected: Detected, source: string): Promise<Parsed<ForeignImport>> {
  if ('error' in detected) return fail(detected.error)
  if (detected.format !== 'json') return detected.format === 'bibtex' ? parseBibtex(source) : parseRis(source)
  const { data } = detected
  if (Array.isArray(data)) return { ok: true, value: parseCslJson(data) }
  if (!isRecord(data)) return fail(UNKNOWN)
  if (data.format === BACKUP_FORMAT) return fail('This is a Paper Shelf backup: use "Import backup" to restore it.')
  if (isPaperMemoryExport(data)) return { ok: true, value: await parsePaperMemory(data) }
  return fail(UNKNOWN)
}

function detect(fileName: string, source: string): Detected {
  const start = source.trimStart()[0]
  const markup = textFormat(fileName, source)
  if (start === '[' || start === '{') {
    try {
      return { format: 'json', data: JSON.parse(source) as unknown }
    } catch {
      // A BibTeX or RIS file may open with a brace in its preamble text; anything else was meant as JSON.
      if (!markup) return { error: 'This file is not valid JSON: it may be truncated or damaged.' }
    }
  }
  return markup ? { format: markup } : { error: UNKNOWN }
}

/** BibTeX or RIS by their opening lines; when a file has both, its extension decides, else the earlier one. */
function textFormat(fileName: string, source: string): 'bibtex' | 'ris' | undefined {
  const ris = source.search(RIS_START)
  const bibtex = source.search(BIBTEX_START)
  if (ris < 0 || bibtex < 0) return ris >= 0 ? 'ris' : bibtex >= 0 ? 'bibtex' : undefined
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase()
  if (extension === 'ris') return 'ris'
  if (extension === 'bib' || extension === 'bibtex') return 'bibtex'
  return ris < bibtex ? 'ris' : 'bibtex'
}
