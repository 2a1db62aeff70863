import { pmidOf } from '../identity'
import type { Paper } from '../paper'
import { citationKeys } from './citation-keys'
import { type AuthorName, authorNames } from './names'
import { arxivIdOf, citedDoi, paperDate, paperUrl, readerNote, readerTags } from './paper-fields'
import { plainRuns, plainText } from './text'
import { needsCaseProtection, WORD } from './title-words'

/**
 * CSL-JSON, the input format of citeproc (Pandoc, Zotero, Mendeley). Preprints are `type: "article"`
 * (CSL's type for unpublished articles) with `publisher: "arXiv"` and `number: "arXiv:<id>"`, as
 * Zotero writes them. Ids are the BibTeX citation keys, so `[@key]` works with either file.
 * Titles carry `<span class="nocase">` around what must keep its case.
 */

export interface CslName {
  family?: string
  given?: string
  'non-dropping-particle'?: string
  suffix?: string
  literal?: string
}

export interface CslItem {
  id: string
  type: 'article'
  title: string
  author?: CslName[]
  issued?: { 'date-parts': [number[]] }
  publisher?: string
  number?: string
  DOI?: string
  PMID?: string
  URL?: string
  abstract?: string
  note?: string
  /** Keywords, comma-separated, as Zotero writes tags. */
  keyword?: string
}

export function cslName(name: AuthorName): CslName {
  if (name.kind === 'literal') return { literal: name.literal }
  const csl: CslName = { family: name.family }
  if (name.given) csl.given = name.given
  // Particles such as "van der" stay with the family name when sorting in most styles: non-dropping.
  if (name.particle) csl['non-dropping-particle'] = name.particle
  if (name.suffix) csl.suffix = name.suffix
  return csl
}

const NOCASE = (text: string) => `<span class="nocase">${text}</span>`

/**
 * The title with CSL's rich-text markup where it is needed: maths and words with capitals inside
 * (`BERT`, `LLaMA3`, `3D`) in `<span class="nocase">`, so styles that re-case titles leave them as
 * written (`$π_0$` must not become `$Π_0$`). Other text is left as it is: Pandoc reads no entities,
 * so escaping `&` or `<` would print the entity.
 */
export function cslTitle(title: string): string {
  return plainRuns(title)
    .map((run) => (run.math ? NOCASE(run.text) : run.text.replace(WORD, (word) => (needsCaseProtection(word) ? NOCASE(word) : word))))
    .join('')
}

export function cslItem(paper: Paper, id: string): CslItem {
  const item: CslItem = { id, type: 'article', title: cslTitle(paper.title) }
  const authors = authorNames(paper.authors)
  if (authors.length > 0) item.author = authors.map(cslName)
  const date = paperDate(paper)
  if (date) {
    const parts = [date.year]
    if (date.month) parts.push(date.month)
    if (date.month && date.day) parts.push(date.day)
    item.issued = { 'date-parts': [parts] }
  }
  const arxivId = arxivIdOf(paper)
  if (arxivId !== undefined) {
    item.publisher = 'arXiv'
    item.number = `arXiv:${arxivId}`
  }
  const doi = citedDoi(paper)
  if (doi) item.DOI = doi
  const pmid = pmidOf(paper)
  if (pmid) item.PMID = pmid
  const url = paperUrl(paper)
  if (url) item.URL = url
  const abstract = plainText(paper.abstract)
  if (abstract) item.abstract = abstract
  const tags = readerTags(paper)
  if (tags.length > 0) item.keyword = tags.join(', ')
  // CSL has one note: the journal reference, then the reader's note, as written.
  const note = [plainText(paper.journalRef), readerNote(paper)].filter(Boolean).join('\n')
  if (note) item.note = note
  return item
}

/** A CSL-JSON file: an array of items, pretty-printed, ending with a newline. */
export function toCslJson(papers: readonly Paper[]): string {
  const keys = citationKeys(papers)
  return `${JSON.stringify(
    papers.map((paper, index) => cslItem(paper, keys[index]!)),
    null,
    2,
  )}\n`
}
