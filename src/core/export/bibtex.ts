import type { Paper } from '../paper'
import { citationKeys } from './citation-keys'
import { type AuthorName, authorNames } from './names'
import { arxivIdOf, citedDoi, paperDate, paperUrl } from './paper-fields'
import { plainRuns } from './text'

/**
 * BibTeX that is also valid biblatex, following arXiv's own citation with the fixes peers.md lists:
 * `@misc` with `eprint`/`archivePrefix`/`primaryClass`, a bare `doi`, LaTeX specials escaped in text
 * fields (never in `url`, `doi`, `eprint`), acronyms brace-protected in titles, `Last, First` authors.
 * Text stays UTF-8 rather than LaTeX accent macros: biber/biblatex and every reference manager read
 * it natively, and classic BibTeX passes the bytes through to LaTeX, whose input encoding has been
 * UTF-8 by default since 2018 (its 8-bit sorting and initials can still stumble on accented letters).
 */

const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
}
const TEXT_SPECIAL = /[\\{}$&%#_~^<>|]/g
const HAS_TEXT_SPECIAL = /[\\{}$&%#_~^<>|]/

/**
 * Escapes literal text for a LaTeX text field. Braces become `\textbraceleft{}`/`\textbraceright{}`
 * rather than `\{`/`\}` because BibTeX counts escaped braces too: one stray `\{` unbalances the entry.
 * `<`, `>` and `|` are escaped because the OT1 font encoding prints them as ¡, ¿ and —.
 */
export function escapeLatex(text: string): string {
  return HAS_TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL, (char) => TEXT_ESCAPES[char] ?? char) : text
}

/**
 * True for words that sentence-casing styles must not lower-case: an upper-case letter after the
 * first character (`BERT`, `LLaMA3`, `ConvNets`, `iPhone`, `3D`), or an upper-case letter with a
 * digit (`L2`, `T5`). Ordinary capitalised words ("Deep") stay unprotected so styles can re-case them.
 */
export function needsCaseProtection(word: string): boolean {
  const rest = word.slice(1)
  if (rest !== rest.toLowerCase()) return true
  return word !== word.toLowerCase() && /\p{N}/u.test(word)
}

// In one pass: a word (letters, marks, digits, joined across `&` as in "AT&T"), or one special character.
const WORD_OR_SPECIAL = /([\p{L}\p{M}\p{N}]+(?:&[\p{L}\p{M}\p{N}]+)*)|[\\{}$&%#_~^<>|]/gu

function protectedText(text: string): string {
  return text.replace(WORD_OR_SPECIAL, (match: string, word: string | undefined) => {
    if (word === undefined) return TEXT_ESCAPES[match] ?? match
    return needsCaseProtection(word) ? `{${escapeLatex(word)}}` : escapeLatex(word)
  })
}

/**
 * A text field's value: plain runs escaped, math runs kept as written. In titles acronyms are
 * braced and math is braced too, because BibTeX's case changing is not math-aware (`$O(n)$` → `$o(n)$`).
 */
export function latexField(text: string | undefined, options: { title?: boolean } = {}): string {
  return plainRuns(text)
    .map((run) => {
      if (run.math) return options.title ? `{${run.text}}` : run.text
      return options.title ? protectedText(run.text) : escapeLatex(run.text)
    })
    .join('')
}

/** A name part for BibTeX: escaped, with a standalone "and" braced so it does not split the list. */
function namePart(text: string): string {
  const escaped = escapeLatex(text).replace(/(^| )(and|others)(?= |$)/gi, '$1{$2}')
  // A comma left inside a part would move BibTeX's Last/First split.
  return escaped.includes(',') ? `{${escaped}}` : escaped
}

/** `von Last, Jr, First`, or a braced organisation: `{ATLAS Collaboration}`. */
export function bibtexName(name: AuthorName): string {
  if (name.kind === 'literal') return `{${escapeLatex(name.literal)}}`
  const last = name.particle ? `${namePart(name.particle)} ${namePart(name.family)}` : namePart(name.family)
  const parts = [last]
  if (name.suffix) parts.push(namePart(name.suffix))
  if (name.given) parts.push(namePart(name.given))
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
export function bibtexEntry(paper: Paper, key: string): string {
  const fields: [string, string][] = []
  const add = (name: string, value: string | undefined, raw = false): void => {
    if (value) fields.push([name, raw ? value : `{${value}}`])
  }
  add('title', latexField(paper.title, { title: true }))
  add('author', authorNames(paper.authors).map(bibtexName).join(' and '))
  const date = paperDate(paper)
  if (date) {
    add('year', String(date.year))
    if (date.month) add('month', MONTHS[date.month - 1], true)
  }
  const arxivId = arxivIdOf(paper)
  if (arxivId !== undefined) {
    add('eprint', arxivId)
    add('archivePrefix', 'arXiv')
    add('primaryClass', latexField(paper.primaryCategory))
  }
  const doi = citedDoi(paper)
  if (doi) add('doi', verbatim(doi))
  const url = paperUrl(paper)
  if (url) add('url', verbatim(url))
  add('note', latexField(paper.journalRef))
  const body = fields.map(([name, value]) => `  ${name.padEnd(FIELD_WIDTH)} = ${value}`).join(',\n')
  return `@misc{${key},\n${body}\n}\n`
}

/** A `.bib` file: one `@misc` entry per paper, separated by blank lines. */
export function toBibtex(papers: readonly Paper[]): string {
  const keys = citationKeys(papers)
  return papers.map((paper, index) => bibtexEntry(paper, keys[index]!)).join('\n')
}
