import { parseArxivId } from '../identity'
import { isRecord } from '../validation'
import { readBibtexSnippet } from './bibtex'
import {
  addArxiv,
  addDoi,
  addLink,
  addOtherKey,
  collect,
  finishPaper,
  noIds,
  own,
  ownString,
  yearIn,
  type FoundIds,
  type ForeignImport,
  type ForeignPaper,
  type PaperDraft,
  type SkippedEntry,
} from './foreign-paper'

/**
 * The PaperMemory extension's "Download memory" file (vict0rsch/PaperMemory, `handleDownloadMemoryClick`
 * in src/options/options.js): its stored `papers` object as JSON, keyed by paper id, plus `__dataVersion`.
 * Each paper has `id`, `title`, `author` ("A and B"), `pdfLink`, `bibtex`, `note`, `tags`, `favorite`,
 * `year` (a string), `venue`, `doi`, `source`, `codeLink` and dates (`validatePaper` in
 * src/shared/js/utils/data.js); older files lack some of them.
 */

/** Keys of the export that are not papers (`__dataVersion`). */
const METADATA_KEY = /^__/

/** Whether a JSON object is a PaperMemory export: it holds papers shaped as PaperMemory stores them. */
export function isPaperMemoryExport(data: Record<string, unknown>): boolean {
  if (Object.hasOwn(data, '__dataVersion')) return true
  return Object.values(data).some(
    (value) =>
      isRecord(value) &&
      typeof own(value, 'id') === 'string' &&
      typeof own(value, 'title') === 'string' &&
      typeof own(value, 'pdfLink') === 'string',
  )
}

export async function parsePaperMemory(data: Record<string, unknown>): Promise<ForeignImport> {
  const papers = Object.entries(data)
    .filter(([key]) => !METADATA_KEY.test(key))
    .map(([, value]) => value)
  const results: (ForeignPaper | SkippedEntry)[] = []
  for (const [position, value] of papers.entries()) {
    const index = position + 1
    results.push(isRecord(value) ? finishPaper(index, await paperDraft(value)) : { index, reason: 'it is not a PaperMemory paper' })
  }
  return collect('papermemory', results)
}

async function paperDraft(paper: Record<string, unknown>): Promise<PaperDraft> {
  const text = (key: string): string | undefined => ownString(paper, key)
  const bibtex = text('bibtex')
  const embedded = bibtex ? await readBibtexSnippet(bibtex) : undefined
  const tags = own(paper, 'tags')
  const year = own(paper, 'year')
  return {
    title: text('title'),
    authors: (text('author') ?? '').split(/\s+and\s+/),
    ids: paperIds(paper, embedded?.ids),
    year: yearIn(typeof year === 'string' || typeof year === 'number' ? year : undefined),
    venue: text('venue'),
    abstract: embedded?.abstract,
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    notes: [text('note')],
  }
}

/** PaperMemory's own id (`Arxiv-2106.09685`, `Arxiv-hep-th_9901001`) and links first, then what its BibTeX adds. */
function paperIds(paper: Record<string, unknown>, fromBibtex: FoundIds | undefined): FoundIds {
  const ids = noIds()
  const id = ownString(paper, 'id')
  const arxiv = id === undefined ? undefined : /^Arxiv-(.+)$/.exec(id)?.[1]
  if (arxiv !== undefined) addArxiv(ids, parseArxivId(arxiv.replace('_', '/')))
  const pdfLink = ownString(paper, 'pdfLink')
  if (pdfLink) addLink(ids, pdfLink)
  const doi = ownString(paper, 'doi')
  if (doi) addDoi(ids, doi)
  if (fromBibtex) {
    addArxiv(ids, fromBibtex.arxiv ?? null)
    if (fromBibtex.doi) addDoi(ids, fromBibtex.doi)
    for (const key of fromBibtex.otherKeys) addOtherKey(ids, key)
  }
  return ids
}
