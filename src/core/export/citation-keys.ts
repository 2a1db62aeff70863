import type { Stamped } from '../marks'
import type { Paper, PaperKey, PaperRecord } from '../paper'
import { authorNames } from './names'
import { arxivIdOf, paperDate } from './paper-fields'
import { toAscii } from '../text'
import { plainRuns } from './text'

/**
 * Citation keys are given once and then kept: a paper gets its key when it first comes onto the
 * shelf, stores it, and keeps it whatever joins the shelf later, so a `\cite` written today still
 * resolves next year. The reader may edit it. Keys are unique on the shelf ignoring case, because
 * BibTeX treats `Smith2020` and `smith2020` as the same key.
 */

// Words skipped when picking the title word of a key (Better BibTeX's English skip words).
const STOPWORDS = new Set(
  (
    'a an the and or nor but so yet as at by for from in into of off on onto over per than to toward towards under ' +
    'until up upon versus vs via with within without is are be do does'
  ).split(' '),
)

export function isStopword(lowerCaseWord: string): boolean {
  return STOPWORDS.has(lowerCaseWord)
}

const MAX_PART = 24
export const MAX_CITATION_KEY_LENGTH = 100

/**
 * What BibTeX, biber, LaTeX's `\cite` and Pandoc's `@key` all accept: a letter, digit or `_`
 * first, then also `-`, `:`, `.`, `+` and `/`, which Pandoc allows inside keys.
 */
const CITATION_KEY = /^[A-Za-z0-9_][A-Za-z0-9_:.+/-]*$/

/** Why a text cannot be a citation key, as a sentence, or null when it can. */
export function citationKeyProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return 'A citation key cannot be empty.'
  if (value.length > MAX_CITATION_KEY_LENGTH) return `A citation key has at most ${MAX_CITATION_KEY_LENGTH} characters.`
  if (!CITATION_KEY.test(value)) {
    return 'A citation key uses letters, digits and _ - : . + / only, and starts with a letter, a digit or _.'
  }
  return null
}

/**
 * Lower-case ASCII letters and digits only: Latin letters folded (`Schölkopf` → `scholkopf`), other
 * scripts dropped, so a name in another script gives nothing and the key falls back to the arXiv id.
 * (A transliteration table would do better, but it is half a megabyte in the background worker.)
 */
function keyPart(text: string): string {
  return toAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, MAX_PART)
}

function firstAuthorPart(paper: PaperRecord): string {
  const first = authorNames(paper.authors.slice(0, 1))[0]
  if (!first) return ''
  return keyPart(first.kind === 'literal' ? first.literal : first.family)
}

function titleWord(paper: PaperRecord): string {
  for (const run of plainRuns(paper.title)) {
    if (run.math) continue
    for (const word of toAscii(run.text)
      .toLowerCase()
      .split(/[^a-z0-9]+/)) {
      if (word && !STOPWORDS.has(word) && !/^\d+$/.test(word)) return word.slice(0, MAX_PART)
    }
  }
  return ''
}

/**
 * The key a paper would get on an empty shelf: first author's family name, year, first significant
 * title word (`devlin2018bert`). Without an author it is the arXiv id (`arxiv2301.00001`), else the
 * title word and the year, so a key is never a bare year.
 */
export function baseCitationKey(paper: PaperRecord): string {
  const author = firstAuthorPart(paper)
  const year = paperDate(paper)?.year ?? ''
  if (author) return `${author}${year}${titleWord(paper)}`
  const arxivId = arxivIdOf(paper)
  if (arxivId !== undefined) return `arxiv${arxivId.toLowerCase().replace(/[^a-z0-9.]/g, '')}`
  return `${titleWord(paper)}${year}` || 'paper'
}

/** a, b, …, z, aa, ab, … */
function letterSuffix(n: number): string {
  let suffix = ''
  let rest = n
  do {
    suffix = String.fromCharCode(97 + (rest % 26)) + suffix
    rest = Math.floor(rest / 26) - 1
  } while (rest >= 0)
  return suffix
}

/**
 * Finds free keys: `base`, or the first of `basea`, `baseb`, … that is free. `isTaken` gets lower-case
 * keys. It remembers where each base's search stopped, so giving a thousand papers the same base key
 * stays linear.
 */
class KeyFinder {
  private readonly nextSuffix = new Map<string, number>()

  constructor(private readonly isTaken: (lowerCaseKey: string) => boolean) {}

  free(base: string): string {
    let n = this.nextSuffix.get(base) ?? -1
    let key = n < 0 ? base : `${base}${letterSuffix(n)}`
    while (this.isTaken(key.toLowerCase())) key = `${base}${letterSuffix(++n)}`
    this.nextSuffix.set(base, n + 1)
    return key
  }
}

/** Which paper holds each citation key, by the key in lower case. */
export type CitationKeyHolders = Map<string, PaperKey>

/**
 * Settles the keys of records about to be stored: a record keeps its key unless another paper holds
 * it, and gets a new one when it has none or lost the clash. `holders` is extended with every key
 * given. Returns the records, the same objects where nothing changed.
 *
 * A given key is stamped 0, "never edited": when two copies of a paper meet (a backup import), an
 * edited key wins over a given one, and between two given keys the shelf's stays.
 */
export function settleCitationKeys<R extends PaperRecord>(records: readonly R[], holders: CitationKeyHolders): R[] {
  const keys = new KeyFinder((key) => holders.has(key))
  return records.map((record) => {
    const own = record.citationKey?.value.toLowerCase()
    if (own !== undefined) {
      const holder = holders.get(own)
      if (holder === undefined || holder === record.key) {
        holders.set(own, record.key)
        return record
      }
    }
    const value = keys.free(baseCitationKey(record))
    holders.set(value.toLowerCase(), record.key)
    const citationKey: Stamped<string> = { value, at: 0 }
    return { ...record, citationKey }
  })
}

/**
 * One citation key per paper, in order, unique within the list ignoring case: each paper's stored
 * key, and for a paper without one (or whose key an earlier paper in the list holds) the key it
 * would be given, clear of every stored key in the list.
 */
export function citationKeys(papers: readonly Paper[]): string[] {
  const stored = new Set(papers.flatMap((paper) => (paper.citationKey ? [paper.citationKey.value.toLowerCase()] : [])))
  const used = new Set<string>()
  const keys = new KeyFinder((candidate) => used.has(candidate) || stored.has(candidate))
  return papers.map((paper) => {
    const own = paper.citationKey?.value
    let key: string
    if (own !== undefined && !used.has(own.toLowerCase())) key = own
    else key = keys.free(baseCitationKey(paper))
    used.add(key.toLowerCase())
    return key
  })
}
