/** Collapses runs of whitespace (including newlines from markup) into single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Shortens text to at most `max` characters, ending with an ellipsis when it was cut. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, max - 1)
  // Never leave half of a surrogate pair (an emoji, a math letter) at the cut.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}

/** Characters that show nothing by themselves: spaces, controls, zero-width and other format characters, combining marks. */
const INVISIBLE = /^[\p{White_Space}\p{Z}\p{Cc}\p{Cf}\p{M}]*$/u

/** Whether the text shows anything: a title of only zero-width spaces would be an empty row. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE.test(text)
}

/** Cleans text read from a page: whitespace collapsed, bounded length. */
export function cleanText(text: string | null | undefined, max: number): string {
  return clampText(collapseWhitespace(text ?? ''), max)
}

const NON_ASCII = /[^\x00-\x7f]/

/** Latin letters that Unicode does not decompose into a base letter and an accent. */
const ASCII_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ȷ: 'j',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'n',
  Ŋ: 'N',
  ſ: 's',
}
const NON_DECOMPOSING = new RegExp(`[${Object.keys(ASCII_LETTERS).join('')}]`, 'g')

/** Latin text folded to ASCII: accents dropped (é → e), special letters spelled out (ß → ss, ø → o). */
export function toAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text
  return text
    .replace(NON_DECOMPOSING, (letter) => ASCII_LETTERS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
}
