import type { Paper } from '../paper'
import { citationKeys } from './citation-keys'
import { nonAsciiMathToLatex, nonAsciiToLatex, transliterateSymbolWords } from './latex-ascii'
import { escapeLatex, TEXT_ESCAPES } from './latex-escape'
import { type AuthorName, authorNames } from './names'
import { arxivIdOf, citedDoi, paperDate, paperUrl, readerNote, readerTags } from './paper-fields'
import { plainRuns, type TextRun } from './text'
import { CAPITALISED, isSentenceCase, needsCaseProtection, WORD } from './title-words'

/**
 * BibTeX that is also valid biblatex, following arXiv's own citation with the fixes peers.md lists:
 * `@misc` with `eprint`/`archivePrefix`/`primaryClass`, a bare `doi`, LaTeX specials escaped in text
 * fields (never in `url`, `doi`, `eprint`), words brace-protected in titles, `Last, First` authors.
 *
 * Two encodings. `ascii` (the BibTeX export) is pure ASCII: classic BibTeX styles work byte by byte
 * (an initial cut from `Ł` stops LaTeX) and pdflatex with its default fonts knows no Greek, Cyrillic
 * or CJK, so letters become LaTeX commands or are transliterated (see latex-ascii.ts). `utf-8` (the
 * biblatex export) keeps every character, for biber with XeLaTeX or LuaLaTeX and reference managers.
 */
export type LatexEncoding = 'ascii' | 'utf-8'

const NON_ASCII = /[^\x00-\x7f]/
const NEEDS_ENCODING = /[^\x00-\x7f]|[\\{}$&%#_~^<>|]/
// A letter or digit followed by combining marks goes into the run with them, so that the accent is
// written over it (`{\'b}`), not after it (`b\'`, whose accent would take the next word's letter).
const NON_ASCII_RUN_OR_SPECIAL = /((?:[A-Za-z0-9](?=\p{M}))?[^\x00-\x7f]+)|[\\{}$&%#_~^<>|]/gu

/** Literal text as LaTeX: specials escaped and, in ASCII, every other character as LaTeX or transliterated. */
export function latexText(text: string, encoding: LatexEncoding): string {
  if (encoding === 'utf-8' || !NON_ASCII.test(text)) return escapeLatex(text)
  return transliterateSymbolWords(text).replace(NON_ASCII_RUN_OR_SPECIAL, (match: string, run: string | undefined) =>
    run === undefined ? (TEXT_ESCAPES[match] ?? match) : nonAsciiToLatex(run),
  )
}

/**
 * A word braced so that styles keep its case: its letters braced, its digits left out (`{LLaMA}3`,
 * `3{D}`, `{B}2{B}`). Letters are all that need it, and Pandoc lower-cases a braced group with digits.
 */
function protectedWord(word: string, encoding: LatexEncoding): string {
  if (!ASCII_DIGIT_OR_NUMBER.test(word)) return `{${latexText(word, encoding)}}`
  return word.replace(/(\p{Nd}+)|\P{Nd}+/gu, (part: string, digits: string | undefined) =>
    digits === undefined ? `{${latexText(part, encoding)}}` : latexText(digits, encoding),
  )
}

const ASCII_DIGIT_OR_NUMBER = /\p{Nd}/u

/** Whether the last character before `end` that is not a space is a colon, looking back no further than `start`. */
function colonBefore(text: string, start: number, end: number): boolean | undefined {
  for (let i = end - 1; i >= start; i -= 1) {
    const char = text[i]
    if (char !== ' ') return char === ':'
  }
  return undefined
}

/**
 * A title's plain runs with the words that must keep their case braced: acronyms and words with an
 * inner capital, the first word after a colon ("BERT: {Pre}-training", which biblatex would
 * lower-case), and in a sentence-case title every capitalised word after the first (proper nouns).
 * Exports of thousands of titles run through here: words are found once, as offsets.
 */
function titleText(runs: readonly TextRun[], encoding: LatexEncoding): string {
  // For each plain run, its words as [start, end) offsets.
  const offsets: number[][] = runs.map((run) => {
    const found: number[] = []
    if (run.math) return found
    WORD.lastIndex = 0
    for (let match = WORD.exec(run.text); match; match = WORD.exec(run.text)) found.push(match.index, match.index + match[0].length)
    return found
  })
  const words: string[] = []
  runs.forEach((run, index) => {
    const found = offsets[index]!
    for (let i = 0; i < found.length; i += 2) words.push(run.text.slice(found[i], found[i + 1]))
  })
  const sentenceCase = isSentenceCase(words)
  let atStart = true
  let afterColon = false
  let wordIndex = 0
  let out = ''
  runs.forEach((run, index) => {
    if (run.math) {
      out += `{${latexMath(run.text, encoding)}}`
      atStart = false
      afterColon = false
      return
    }
    const text = run.text
    const found = offsets[index]!
    // Most titles are ASCII without LaTeX specials: their pieces need no escaping.
    const escape = NEEDS_ENCODING.test(text) ? (piece: string) => latexText(piece, encoding) : (piece: string) => piece
    let copied = 0
    for (let i = 0; i < found.length; i += 2) {
      const start = found[i]!
      afterColon = colonBefore(text, copied, start) ?? afterColon
      const word = words[wordIndex++]!
      const protect = needsCaseProtection(word) || ((afterColon || (sentenceCase && !atStart)) && CAPITALISED.test(word))
      if (start > copied) out += escape(text.slice(copied, start))
      out += protect ? protectedWord(word, encoding) : escape(word)
      copied = found[i + 1]!
      atStart = false
      afterColon = false
    }
    afterColon = colonBefore(text, copied, text.length) ?? afterColon
    if (copied < text.length) out += escape(text.slice(copied))
  })
  return out
}

/**
 * Math as written, its non-ASCII symbols as math commands in ASCII (`$π_0$` → `$\pi_0$`). A backslash
 * written right before such a symbol (`\🤌`) goes with it: left alone, it would escape what follows.
 */
function latexMath(math: string, encoding: LatexEncoding): string {
  if (encoding !== 'ascii' || !NON_ASCII.test(math)) return math
  return math.replace(
    /(\\*)([^\x00-\x7f]+)/g,
    (_, slashes: string, run: string) => (slashes.length % 2 === 1 ? slashes.slice(1) : slashes) + nonAsciiMathToLatex(run),
  )
}

/** Spaces left where a pictograph was dropped. */
const tidySpaces = (text: string): string => (text.includes('  ') ? text.replace(/ {2,}/g, ' ').trim() : text.trim())

/**
 * A text field's value: plain runs escaped, math runs kept as written. In titles words that must keep
 * their case are braced, and math is braced too, because BibTeX's case changing is not math-aware
 * (`$O(n)$` → `$o(n)$`).
 */
export function latexField(text: string | undefined, options: { title?: boolean; encoding?: LatexEncoding } = {}): string {
  const encoding = options.encoding ?? 'ascii'
  const runs = plainRuns(text)
  if (options.title) return tidySpaces(titleText(runs, encoding))
  return tidySpaces(runs.map((run) => (run.math ? latexMath(run.text, encoding) : latexText(run.text, encoding))).join(''))
}

/**
 * A name part for BibTeX: escaped, with a standalone "and" braced so it does not split the list.
 * A part made only of pictographs would vanish in ASCII and take the author with it: it is `?`.
 */
function namePart(text: string, encoding: LatexEncoding): string {
  const escaped = (tidySpaces(latexText(text, encoding)) || '?').replace(/(^| )(and|others)(?= |$)/gi, '$1{$2}')
  // A comma left inside a part would move BibTeX's Last/First split.
  return escaped.includes(',') ? `{${escaped}}` : escaped
}

/** `von Last, Jr, First`, or a braced organisation: `{ATLAS Collaboration}`. */
export function bibtexName(name: AuthorName, encoding: LatexEncoding = 'ascii'): string {
  if (name.kind === 'literal') return `{${tidySpaces(latexText(name.literal, encoding)) || '?'}}`
  const part = (text: string) => namePart(text, encoding)
  const last = name.particle ? `${part(name.particle)} ${part(name.family)}` : part(name.family)
  const parts = [last]
  if (name.suffix) parts.push(part(name.suffix))
  if (name.given) parts.push(part(name.given))
  return parts.join(', ')
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const

/**
 * A verbatim field (`url`, `doi`, `eprint`) is written as is. Only its braces matter to BibTeX: if
 * they do not balance they are percent-encoded so the entry stays readable.
 */
function verbatim(value: string): string {
  let depth = 0
  for (const char of value) {
    if (char === '{') depth += 1
    else if (char === '}' && --depth < 0) break
  }
  return depth === 0 ? value : value.replace(/[{}]/g, (char) => encodeURIComponent(char))
}

const FIELD_WIDTH = 'archivePrefix'.length

/** One entry. Fields are `{braced}`, except `month`, which uses BibTeX's month macros (`oct`) that biblatex maps to numbers. */
export function bibtexEntry(paper: Paper, key: string, encoding: LatexEncoding = 'ascii'): string {
  const fields: [string, string][] = []
  const add = (name: string, value: string | undefined, raw = false): void => {
    if (value) fields.push([name, raw ? value : `{${value}}`])
  }
  add('title', latexField(paper.title, { title: true, encoding }))
  add(
    'author',
    authorNames(paper.authors)
      .map((name) => bibtexName(name, encoding))
      .join(' and '),
  )
  const date = paperDate(paper)
  if (date) {
    add('year', String(date.year))
    if (date.month) add('month', MONTHS[date.month - 1], true)
  }
  const arxivId = arxivIdOf(paper)
  if (arxivId !== undefined) {
    add('eprint', arxivId)
    add('archivePrefix', 'arXiv')
    add('primaryClass', latexField(paper.primaryCategory, { encoding }))
  }
  const doi = citedDoi(paper)
  if (doi) add('doi', verbatim(doi))
  const url = paperUrl(paper)
  if (url) add('url', verbatim(url))
  // Styles re-case the note too (splncs04 prints "ECCV 2016" as "eCCV 2016"): its words are protected as a title's.
  add('note', latexField(paper.journalRef, { title: true, encoding }))
  // The reader's own: `keywords` as Zotero and Better BibTeX write tags, `annote` as annotated styles print notes.
  add(
    'keywords',
    readerTags(paper)
      .map((tag) => latexField(tag, { encoding }))
      .join(', '),
  )
  add('annote', latexField(readerNote(paper), { encoding }))
  const body = fields.map(([name, value]) => `  ${name.padEnd(FIELD_WIDTH)} = ${value}`).join(',\n')
  return `@misc{${key},\n${body}\n}\n`
}

/** A `.bib` file: one `@misc` entry per paper, separated by blank lines. */
export function toBibtex(papers: readonly Paper[], encoding: LatexEncoding = 'ascii'): string {
  const keys = citationKeys(papers)
  return papers.map((paper, index) => bibtexEntry(paper, keys[index]!, encoding)).join('\n')
}
