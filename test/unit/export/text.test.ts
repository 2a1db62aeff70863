import { describe, expect, it } from 'vitest'
import { decodeLatexEscapes, plainRuns, plainText, splitMath } from '../../../src/core/export/text'
import { toAscii } from '../../../src/core/text'

describe('math spans', () => {
  it('finds $…$ math and keeps it as written', () => {
    expect(splitMath('Sorting in $O(n \\log n)$ time')).toEqual([
      { math: false, text: 'Sorting in ' },
      { math: true, text: '$O(n \\log n)$' },
      { math: false, text: ' time' },
    ])
  })

  it('follows Pandoc: no space inside the dollars, no digit after the closing one', () => {
    expect(splitMath('from $5 to $10').every((run) => !run.math)).toBe(true)
    expect(splitMath('a $ b$ c').every((run) => !run.math)).toBe(true)
    expect(splitMath('a $b $ c').every((run) => !run.math)).toBe(true)
    expect(splitMath('$$').every((run) => !run.math)).toBe(true)
  })

  it('never treats an escaped dollar as a delimiter', () => {
    expect(splitMath('costs \\$x\\$ only').every((run) => !run.math)).toBe(true)
    expect(plainRuns('costs \\$x\\$ only')).toEqual([{ math: false, text: 'costs $x$ only' }])
  })

  it('only keeps math that is safe to paste into LaTeX', () => {
    expect(splitMath('$\\{0,1\\}^n$')).toEqual([{ math: true, text: '$\\{0,1\\}^n$' }])
    expect(splitMath('$a{b$').every((run) => !run.math)).toBe(true)
    expect(splitMath('$a}b{$').every((run) => !run.math)).toBe(true)
    expect(splitMath('$50%$').every((run) => !run.math)).toBe(true)
    expect(splitMath('$a&b$').every((run) => !run.math)).toBe(true)
    expect(splitMath('$\\{x$').every((run) => !run.math)).toBe(true)
  })
})

describe('LaTeX escapes', () => {
  it('decodes the accents arXiv titles and abstracts use', () => {
    expect(plainText("Poincar\\'e ResNet")).toBe('Poincaré ResNet')
    expect(plainText('an apparently na\\"{\\i}ve technique')).toBe('an apparently naïve technique')
    expect(plainText('Kac-Murdock-Szeg\\"{o} matrices')).toBe('Kac-Murdock-Szegö matrices')
    expect(plainText('Fr{\\\'e}chet and {\\"o} and \\v{s} and \\c c')).toBe('Fréchet and ö and š and ç')
    expect(plainText('{\\L}ukasz, \\ss{}e, \\o, \\AA')).toBe('Łukasz, ße, ø, Å')
  })

  it('decodes escaped specials outside math only', () => {
    expect(plainText('Plug \\& Play at 50\\% with a\\_b $a\\&b$')).toBe('Plug & Play at 50% with a_b $a\\&b$')
  })

  it('leaves unknown commands, line breaks and lone backslashes alone', () => {
    expect(decodeLatexEscapes('\\our~can and \\lambda and a\\\\b and \\')).toBe('\\our~can and \\lambda and a\\\\b and \\')
    expect(decodeLatexEscapes("a\\\\'e")).toBe("a\\\\'e")
  })

  it('produces NFC, single-line text without control characters', () => {
    expect(plainText('Poincare\u0301\n\t  ResNet\u0000x ')).toBe('Poincaré ResNet x')
    expect(plainText('   ')).toBe('')
    expect(plainText(undefined)).toBe('')
  })
})

describe('ASCII folding', () => {
  it('drops accents and spells out letters that do not decompose', () => {
    expect(toAscii('Schölkopf Poincaré Øby Straße Łukasz Æsir þorn')).toBe('Scholkopf Poincare Oby Strasse Lukasz AEsir thorn')
  })
})
