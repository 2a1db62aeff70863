import { collapseWhitespace } from '../text'

/**
 * Text as arXiv and Hugging Face show it is plain Unicode with two kinds of LaTeX left in:
 * accent escapes (`Poincar\'e`, `na\"{\i}ve`, `\&`) and `$…$` math. Exports decode the accents
 * (every format gets `Poincaré`) and keep math exactly as written. Anything else, including
 * braces and unknown backslash commands, is literal text.
 */

/** A run of a text: plain text, or a `$…$` math span kept as written (delimiters included). */
export interface TextRun {
  math: boolean
  text: string
}

/**
 * Splits text into plain runs and `$…$` math runs, following Pandoc's `tex_math_dollars` rule:
 * the opening `$` is followed by a non-space, the closing `$` follows a non-space and is not
 * followed by a digit (so "$5 and $10" is not math). `\$` never delimits. A span is math only if
 * it is also safe to paste into LaTeX: balanced braces and no bare `%`, `#` or `&`.
 * Runs in one pass: each opening `$` looks ahead only to the next `$`.
 */
export function splitMath(text: string): TextRun[] {
  const runs: TextRun[] = []
  let plainStart = 0
  let i = 0
  while (i < text.length) {
    const char = text[i]
    if (char === '\\') {
      i += 2
      continue
    }
    if (char !== '$') {
      i += 1
      continue
    }
    const close = mathEnd(text, i)
    if (close < 0) {
      i += 1
      continue
    }
    if (i > plainStart) runs.push({ math: false, text: text.slice(plainStart, i) })
    runs.push({ math: true, text: text.slice(i, close + 1) })
    i = close + 1
    plainStart = i
  }
  if (plainStart < text.length) runs.push({ math: false, text: text.slice(plainStart) })
  return runs
}

/** The index of the `$` closing the math span opened at `open`, or -1 when it is not math. */
function mathEnd(text: string, open: number): number {
  const first = text[open + 1]
  if (first === undefined || first === '$' || /\s/.test(first)) return -1
  let depth = 0
  for (let j = open + 1; j < text.length; j += 1) {
    const char = text[j]
    if (char === '\\') {
      // A control symbol such as `\{` or `\$` is math content; BibTeX still counts its brace.
      const next = text[j + 1]
      if (next === '{') depth += 1
      else if (next === '}') depth -= 1
      if (depth < 0) return -1
      j += 1
      continue
    }
    if (char === '{') depth += 1
    else if (char === '}' && --depth < 0) return -1
    else if (char === '%' || char === '#' || char === '&') return -1
    else if (char === '$') {
      const before = text[j - 1] ?? ' '
      const after = text[j + 1] ?? ''
      if (/\s/.test(before) || /\d/.test(after) || depth !== 0) return -1
      return j
    }
  }
  return -1
}

const COMBINING_ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  '"': '\u0308',
  u: '\u0306',
  r: '\u030A',
  H: '\u030B',
  v: '\u030C',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
}

const SPECIAL_LETTERS: Record<string, string> = {
  i: 'ı',
  j: 'ȷ',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
}

const ARG = String.raw`(?:\{\s*(\\[ij]|\p{L})\s*\}|(\\[ij](?![A-Za-z])|\p{L}))`
const LETTER_ARG = String.raw`(?:\s*\{\s*(\\[ij]|\p{L})\s*\}|\s+(\\[ij](?![A-Za-z])|\p{L}))`
// Sticky patterns, tried only where a backslash is: `\'e`, `\"{\i}`, `\v{s}`, `\c c`; `\o`, `\ss{}`; `\&`.
const ACCENT_AT = new RegExp(String.raw`\\(?:([\x60'^~=."])\s*${ARG}|([urHvdckb])${LETTER_ARG})`, 'uy')
const LETTER_AT = /\\(ss|ae|AE|oe|OE|aa|AA|[ijoOlL])(?![A-Za-z])(?:\{\}|\s)?/y
const SPECIAL_AT = /\\([&%_#${}])/y

function accented(command: string, argument: string): string {
  // The accented dotless i of `\"{\i}` is a plain i with the accent: ï, not ı̈.
  const base = argument === '\\i' ? 'i' : argument === '\\j' ? 'j' : argument
  return `${base}${COMBINING_ACCENTS[command] ?? ''}`
}

/** The decoded escape starting at `at` (a backslash) and its length, or null when it is not one. */
function escapeAt(text: string, at: number): { decoded: string; length: number } | null {
  ACCENT_AT.lastIndex = at
  const accent = ACCENT_AT.exec(text)
  if (accent) {
    const [match, symbol, arg1, arg2, letter, arg3, arg4] = accent
    const decoded = symbol !== undefined ? accented(symbol, (arg1 ?? arg2)!) : accented(letter!, (arg3 ?? arg4)!)
    return { decoded, length: match.length }
  }
  LETTER_AT.lastIndex = at
  const special = LETTER_AT.exec(text)
  if (special) return { decoded: SPECIAL_LETTERS[special[1]!] ?? special[0], length: special[0].length }
  SPECIAL_AT.lastIndex = at
  const escaped = SPECIAL_AT.exec(text)
  if (escaped) return { decoded: escaped[1]!, length: 2 }
  return null
}

/**
 * Decodes LaTeX accent escapes and escaped specials in plain (non-math) text: `Poincar\'e` → `Poincaré`,
 * `{\"o}` → `ö`, `\&` → `&`. One pass from backslash to backslash, so long abstracts stay cheap.
 */
export function decodeLatexEscapes(text: string): string {
  let at = text.indexOf('\\')
  if (at < 0) return text
  let out = ''
  let copied = 0
  while (at >= 0) {
    const escape = escapeAt(text, at)
    if (!escape) {
      // `\\` is LaTeX's line break: its second backslash starts nothing.
      at = text.indexOf('\\', text[at + 1] === '\\' ? at + 2 : at + 1)
      continue
    }
    let start = at
    let end = at + escape.length
    // A group around the escape alone, as in `{\'e}`, goes with it.
    if (start > copied && text[start - 1] === '{' && text[end] === '}') {
      start -= 1
      end += 1
    }
    out += text.slice(copied, start) + escape.decoded
    copied = end
    at = text.indexOf('\\', end)
  }
  return out + text.slice(copied)
}

// C0/C1 control characters: never meaningful in a title or a name.
const CONTROL = /\p{Cc}/gu
const HAS_CONTROL = /\p{Cc}/u
// Whitespace other than single inner spaces: only such text needs collapsing (a cheap test first).
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/
const NON_ASCII = /[^\x00-\x7f]/

/**
 * Text on one line: control characters (tabs and newlines among them) become spaces, runs of
 * whitespace collapse to one space, the ends are trimmed. Clean text is returned as is, cheaply.
 */
export function singleLine(text: string | undefined): string {
  if (!text) return ''
  const spaced = HAS_CONTROL.test(text) ? text.replace(CONTROL, ' ') : text
  return NEEDS_COLLAPSE.test(spaced) ? collapseWhitespace(spaced) : spaced
}

/**
 * A text field as exports read it: whitespace collapsed to single spaces, control characters
 * turned into spaces, accent escapes decoded in the plain runs, math runs kept as written, all in NFC.
 * Formats that escape text (BibTeX) work on these runs, so a decoded `\$` never becomes a
 * math delimiter.
 */
export function plainRuns(text: string | undefined): TextRun[] {
  const cleaned = singleLine(text)
  if (!cleaned) return []
  const runs = cleaned.includes('$') ? splitMath(cleaned) : [{ math: false, text: cleaned }]
  return runs.map((run) => {
    const decoded = run.math ? run.text : decodeLatexEscapes(run.text)
    return { math: run.math, text: NON_ASCII.test(decoded) ? decoded.normalize('NFC') : decoded }
  })
}

/** A text field as plain Unicode, math kept as `$…$`: what RIS, CSL-JSON, CSV and Markdown show. */
export function plainText(text: string | undefined): string {
  const runs = plainRuns(text)
  return runs.length === 1 ? runs[0]!.text : runs.map((run) => run.text).join('')
}
