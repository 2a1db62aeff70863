import { arxivAbsUrl, arxivDoi, arxivIdFromDoi, identifierOfKind, identifiersOf, parseArxivId } from '../identity'
import { keyPageUrl } from '../key-kinds'
import type { Paper, PaperRecord } from '../paper'
import { presentTags } from '../tag-set'

/** What every format derives from a paper the same way: identifiers, the link, the date, the reader's tags and note. */

/** The paper's arXiv id without version (`2106.09685`, `hep-th/9901001`), from `arxivId` or an `arxiv:` key. */
export function arxivIdOf(paper: PaperRecord): string | undefined {
  const candidate = paper.arxivId ?? (paper.key.startsWith('arxiv:') ? paper.key.slice('arxiv:'.length) : undefined)
  return candidate === undefined ? undefined : parseArxivId(candidate)?.id
}

/** The DOI of the published version: the paper's DOI unless it is an arXiv DataCite DOI; else its `doi:` key or alias. */
export function publishedDoi(paper: Paper): string | undefined {
  const doi = paper.doi ?? identifierOfKind(paper, 'doi')
  if (!doi || arxivIdFromDoi(doi)) return undefined
  return doi
}

/** The DOI to cite: the published DOI when there is one, else arXiv's `10.48550/arXiv.<id>`. */
export function citedDoi(paper: Paper): string | undefined {
  const published = publishedDoi(paper)
  if (published) return published
  const id = arxivIdOf(paper)
  return id === undefined ? undefined : arxivDoi(id)
}

/** `https://doi.org/<doi>`, with the characters a URL cannot carry (space, `"`, `#`, `%`, `?`, `<>`, braces) encoded. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURI(doi).replace(/[#?]/g, (char) => encodeURIComponent(char))}`
}

/**
 * The paper's canonical link: arXiv's abstract page, else the DOI resolver, else the page its key
 * names (a PubMed article, an OpenReview forum), else the first place it was seen.
 */
export function paperUrl(paper: Paper): string | undefined {
  const id = arxivIdOf(paper)
  if (id !== undefined) return arxivAbsUrl(id)
  const doi = publishedDoi(paper)
  if (doi) return doiUrl(doi)
  return identifiersOf(paper).map(keyPageUrl).find(Boolean) ?? Object.values(paper.links)[0]
}

export interface PaperDate {
  year: number
  month?: number
  day?: number
}

/** `YYYY-MM-DD`, or as much of it as is known: `YYYY-MM`, `YYYY` (a paper imported from a reference file). */
const PUBLISHED = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/
const NEW_STYLE_MONTH = /^(\d{2})(\d{2})\./
const OLD_STYLE_MONTH = /\/(\d{2})(\d{2})\d{3}$/

/**
 * When the paper came out: the `published` date (arXiv v1, what arXiv's own citation uses),
 * else the year and month encoded in the arXiv id. New-style ids began in April 2007 (`0704.`),
 * so their YY is 20YY; old-style ids ran from August 1991 to March 2007, so YY ≥ 91 is 19YY.
 * Undefined when neither is known.
 */
export function paperDate(paper: PaperRecord): PaperDate | undefined {
  const published = paper.published ? PUBLISHED.exec(paper.published) : null
  if (published) {
    const year = Number(published[1])
    const month = Number(published[2] ?? 0)
    const day = Number(published[3] ?? 0)
    if (month < 1 || month > 12) return { year }
    return day >= 1 && day <= 31 ? { year, month, day } : { year, month }
  }
  const id = arxivIdOf(paper)
  if (id === undefined) return undefined
  const newStyle = NEW_STYLE_MONTH.exec(id)
  if (newStyle) return { year: 2000 + Number(newStyle[1]), month: Number(newStyle[2]) }
  const oldStyle = OLD_STYLE_MONTH.exec(id)
  if (oldStyle) {
    const yy = Number(oldStyle[1])
    const month = Number(oldStyle[2])
    const year = yy >= 91 ? 1900 + yy : 2000 + yy
    return month >= 1 && month <= 12 ? { year, month } : { year }
  }
  return undefined
}

/** The reader's tags on the paper, in order: what exports write as keywords. */
export function readerTags(paper: Paper): string[] {
  return presentTags(paper.marks.tags.value)
}

/** The reader's note on the paper ('' when none). */
export function readerNote(paper: Paper): string {
  return paper.marks.note.value
}
