import anyAscii from 'any-ascii'
import { Transform } from 'unicode2latex'
import { escapeLatex } from './latex-escape'

/**
 * Non-ASCII text as LaTeX that a default pdflatex document typesets (OT1 fonts, no packages), so a
 * `.bib` works with every classic BibTeX style: `Łukasz` → `{\L}ukasz`, `Schölkopf` → `Sch{\"o}lkopf`,
 * `α ≤ β` → `{$\alpha$} {$\leq$} {$\beta$}`. The mapping is Better BibTeX's (unicode2latex). A character
 * whose LaTeX form needs a package or another font encoding (`ą` is `\k a`, T1 only; Cyrillic needs
 * T2A; CJK needs CJK fonts) is transliterated instead (`ą` → `a`, `Пётр` → `Pyotr`, `王` → `Wang`;
 * `?` for the rare character with no transliteration), and emoji and other pictographs, which have
 * no text form, are left out. Users of biber with
 * XeLaTeX or LuaLaTeX export UTF-8 instead and keep every character.
 */

/**
 * The commands a default pdflatex document (LaTeX 2022, `article`, no packages) defines, among those
 * unicode2latex writes. Found by typesetting every character unicode2latex maps from Latin, Greek,
 * Cyrillic, punctuation, symbol and math blocks; the real-tool tests typeset them again.
 */
const KERNEL_COMMANDS = new Set(
  (
    'AA AE Delta Downarrow Gamma H IJ L Lambda Leftarrow Leftrightarrow Longleftarrow Longleftrightarrow Longrightarrow O OE ' +
    'Omega P Phi Pi Psi Rightarrow S Sigma Theta Uparrow Updownarrow Upsilon Xi aa acute ae aleph alpha amalg angle approx ' +
    'ast asymp beta bigcap bigcirc bigcup bigodot bigoplus bigotimes bigtriangledown bigvee bigwedge bowtie bullet c cap ' +
    'cdot cdots chi circ clubsuit cong coprod copyright cup d dag dashv ddag ddot ddots delta diamond diamondsuit doteq ' +
    'dots ell enspace epsilon equiv eta exists flat forall frown gamma geq gg hbar heartsuit hookleftarrow hookrightarrow ' +
    'hphantom hspace i ij imath in infty int iota j jmath kappa kern l lambda langle lceil leftharpoondown leftharpoonup ' +
    'leftrightarrow leq lfloor lgroup ll lmoustache longleftarrow longleftrightarrow longmapsto longrightarrow mapsto ' +
    'mathbf mathbin mathcal mathchar mathrm mathsf mathtt mid mkern mp mu nabla natural nearrow neq ni not notin nu ' +
    'nwarrow o odot oe oint omega ominus oplus oslash otimes parallel partial perp phi pi pounds prec preceq prime prod ' +
    'psi quad r rangle rceil rfloor rgroup rho rightarrow rightharpoonup rightleftharpoons rmoustache searrow sharp sigma ' +
    'sim simeq smile sqcap sqcup sqsubseteq sqsupseteq ss stackrel star subset subseteq succ succeq sum supset supseteq ' +
    'swarrow tau textacutedbl textasciiacute textasciibreve textasciicaron textasciicircum textasciidieresis ' +
    'textasciigrave textasciimacron textbardbl textbigcircle textcelsius textcircledP textcommabelow textdiscount textdiv ' +
    'textdownarrow textestimated texteuro textexclamdown textflorin textfractionsolidus texthorizontalbar ' +
    'textinterrobang textlangle textleftarrow textlnot textmho textmu textmusicalnote textnumero textohm textopenbullet ' +
    'textpm textquestiondown textrangle textreferencemark textregistered textservicemark textsubscript textsuperscript ' +
    'textsurd texttildelow texttimes theta times top u uparrow updownarrow uplus upsilon v varepsilon varphi varpi varrho ' +
    'varsigma vartheta vdash vdots vee wedge wp wr xi zeta'
  ).split(' '),
)

/** Accent commands: one per character works; an accent on an accent (`\=\"u` for ǖ) does not in OT1. */
const ACCENT = /^(?:[`'^"~=.]|[uvHcdbrt])$/
const COMMAND = /\\([A-Za-z]+|[^A-Za-z])/g
const PICTOGRAPH = /\p{Extended_Pictographic}/u

let transform: Transform | undefined
// Built on first use: the table is large, and most exports never meet a non-ASCII character.
const unicodeToLatex = (): Transform => (transform ??= new Transform('bibtex-creator'))

/** Whether a default pdflatex document typesets this unicode2latex output. */
function typesets(latex: string): boolean {
  // A backslash ending the output would join whatever follows into a command.
  if (/[^\x00-\x7f]/.test(latex) || latex.endsWith('\\')) return false
  let accents = 0
  for (const [, command] of latex.matchAll(COMMAND)) {
    if (ACCENT.test(command!)) {
      accents += 1
      continue
    }
    if (/^[A-Za-z]+$/.test(command!) && !KERNEL_COMMANDS.has(command!)) return false
  }
  // An accent with nothing to put it on (`{\c}` for a lone cedilla) stops LaTeX too.
  return accents <= 1 && !/\\[`'^"~=.uvHcdbrt]\}/.test(latex)
}

const forms = new Map<string, string | null>()

/** A character's LaTeX form when a default pdflatex typesets it, else null. Each character is judged once. */
function latexForm(char: string): string | null {
  let form = forms.get(char)
  if (form === undefined) {
    const latex = unicodeToLatex().tolatex(char)
    form = typesets(latex) ? latex : null
    forms.set(char, form)
  }
  return form
}

/** A character's ASCII transliteration, escaped; `?` for the few that have none. */
function transliterated(char: string): string {
  return escapeLatex(anyAscii(char)) || '?'
}

const COMMAND_WORD_AT_END = /\\[A-Za-z]+$/
const STARTS_WITH_LETTER = /^[A-Za-z]/

/** Joins LaTeX pieces so that a command word never runs into letters after it (`\iota o`, not `\iotao`). */
function joinLatex(before: string, after: string, separator: string): string {
  return COMMAND_WORD_AT_END.test(before) && STARTS_WITH_LETTER.test(after) ? before + separator + after : before + after
}

/**
 * A run of non-ASCII characters as ASCII LaTeX. Neighbouring math symbols share one math span
 * (`{$\alpha\leq\beta$}`, never `$\alpha$$\beta$`).
 */
export function nonAsciiToLatex(run: string): string {
  let out = ''
  let math = ''
  const flushMath = (): void => {
    if (math) out += `{$${math}$}`
    math = ''
  }
  // Whole characters: a letter with its combining accents is one.
  for (const [char] of run.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    const latex = latexForm(char!)
    if (latex === null) {
      flushMath()
      if (!PICTOGRAPH.test(char!)) out += transliterated(char!)
      continue
    }
    const symbol = /^\$(.*)\$$/.exec(latex)
    if (symbol) {
      math = joinLatex(math, symbol[1]!, ' ')
      continue
    }
    flushMath()
    out = joinLatex(out, latex, '{}')
  }
  flushMath()
  // The text after the run may start with a letter.
  return COMMAND_WORD_AT_END.test(out) ? `${out}{}` : out
}

const LETTER_WORD = /\p{L}[\p{L}\p{M}]*/gu
// Latin letters, accented or not, always have a text form: only other letters can be math symbols.
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u

/** Whether a non-ASCII letter's only LaTeX form is math: a Greek letter, a math-alphabet letter. */
function isMathLetter(char: string): boolean {
  return char > '\x7f' && latexForm(char)?.startsWith('$') === true
}

/**
 * Words written in a script LaTeX only knows as math symbols become their transliteration: a Greek
 * name is `Georgios`, not math italic `$\Gamma\varepsilon\acute{\omega}…$`. A letter standing alone
 * (`α-divergence`, `β-VAE`, `π`) stays a symbol.
 */
export function transliterateSymbolWords(text: string): string {
  if (!NON_LATIN_LETTER.test(text)) return text
  return text.replace(LETTER_WORD, (word) => {
    const letters = [...word.replace(/\p{M}/gu, '')]
    return letters.length > 1 && letters.some(isMathLetter) ? anyAscii(word) : word
  })
}

/**
 * A run of non-ASCII characters inside `$…$` as math commands (`π` → `\pi `). A character with only a
 * text form goes into `\mbox{…}`; one with no LaTeX form is transliterated there, or left out.
 */
export function nonAsciiMathToLatex(run: string): string {
  let out = ''
  for (const [char] of run.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    if (PICTOGRAPH.test(char!)) continue
    const latex = latexForm(char!)
    if (latex === null) {
      out += `\\mbox{${transliterated(char!)}}`
      continue
    }
    const symbol = /^\$(.*)\$$/.exec(latex)
    out = joinLatex(out, symbol ? symbol[1]! : `\\mbox{${latex}}`, ' ')
  }
  // The math after the run may start with a letter: `πr` is `\pi r`.
  return COMMAND_WORD_AT_END.test(out) ? `${out} ` : out
}
