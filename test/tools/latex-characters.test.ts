import { describe, expect, it } from 'vitest'
import { latexField } from '../../src/core/export/bibtex'
import { readOutput, requirePrograms, run, workDir, write } from './tools'

/**
 * Every character a title or a name may hold, as the ASCII BibTeX export writes it, typeset by a
 * default pdflatex document (OT1 fonts, no packages). A missing glyph is an error here
 * (`\tracinglostchars=3`), so a character LaTeX would silently drop fails too. This is what the
 * exporter's list of LaTeX commands it may use rests on.
 */

const BLOCKS: [from: number, to: number][] = [
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
  [0x0250, 0x02ff], // IPA, spacing modifiers
  [0x0370, 0x03ff], // Greek
  [0x0400, 0x04ff], // Cyrillic
  [0x0590, 0x05ff], // Hebrew
  [0x0600, 0x06ff], // Arabic
  [0x0900, 0x097f], // Devanagari
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese)
  [0x1f00, 0x1fff], // Greek Extended
  [0x2000, 0x214f], // punctuation, super- and subscripts, currency, letterlike symbols
  [0x2150, 0x23ff], // number forms, arrows, mathematical operators, technical symbols
  [0x2460, 0x27ff], // enclosed alphanumerics, shapes, symbols, dingbats, supplemental arrows
  [0x2a00, 0x2aff], // supplemental mathematical operators
  [0x3040, 0x30ff], // Hiragana, Katakana
  [0x4e00, 0x4eff], // CJK ideographs (a block of them)
  [0xac00, 0xacff], // Hangul syllables (a block of them)
  [0xfb00, 0xfb06], // Latin ligatures
  [0xff00, 0xffef], // fullwidth forms
  [0x1d400, 0x1d7ff], // mathematical alphanumerics
  [0x1f300, 0x1f6ff], // emoji
]

function characters(): string[] {
  const chars: string[] = []
  for (const [from, to] of BLOCKS) {
    for (let code = from; code <= to; code += 1) {
      const char = String.fromCodePoint(code)
      // Unassigned, control, format, private-use and combining characters do not stand alone in a title.
      if (!/[\p{Cn}\p{Cc}\p{Cf}\p{Co}\p{M}]/u.test(char)) chars.push(char)
    }
  }
  return chars
}

describe('ASCII BibTeX, character by character', () => {
  it('typesets every character of the common scripts and symbol blocks in a default pdflatex document', async (context) => {
    requirePrograms('pdflatex')
    const chars = characters()
    const lines = chars.map((char) => `${latexField(`x${char}x ${char}`, { title: true })}\\par % U+${char.codePointAt(0)!.toString(16)}`)
    expect(lines.join('\n')).toMatch(/^[\x00-\x7f]*$/)
    const preamble = ['\\documentclass{article}', '\\tracinglostchars=3', '\\begin{document}']
    const dir = workDir(context, 'latex-characters')
    write(dir, 'doc.tex', [...preamble, ...lines, '\\end{document}', ''].join('\n'))
    // Not halting on the first error: every failing character is listed, by the line TeX stopped at.
    const result = await run('pdflatex', ['-interaction=nonstopmode', 'doc.tex'], dir)
    const log = readOutput(dir, 'doc.log')
    const failing = [...log.matchAll(/^l\.(\d+) /gm)].map((match) => {
      const line = lines[Number(match[1]) - preamble.length - 1] ?? ''
      return `${/% U\+([0-9a-f]+)$/.exec(line)?.[1] ?? '?'}: ${line}`
    })
    expect(failing, `files kept in ${dir}`).toEqual([])
    expect(result.status, `files kept in ${dir}`).toBe(0)
  })
})
