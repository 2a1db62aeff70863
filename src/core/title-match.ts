import { toAscii } from './text'

/**
 * Shorter titles name too many papers to match by title alone: "Mamba" and "GPT-4o System Card"
 * never match, "Attention Is All You Need" does.
 */
const MIN_TITLE_WORDS = 4
const MIN_TITLE_CHARACTERS = 20

const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv'])

/** What the clean-up in `words` acts on: most titles have none of it. */
const MARKUP_OR_APOSTROPHE = /[\\{}$^_'’]/

/** Text reduced to lower-case ASCII words: TeX markup, accents, case and punctuation make no difference. */
function words(text: string): string[] {
  const plain = !MARKUP_OR_APOSTROPHE.test(text)
    ? text
    : text
        // Accents (`\"o`, `\v{s}`) join their letter; other commands (`\mathcal`) separate words.
        .replace(/\\[a-zA-Z]{2,}\s*/g, ' ')
        .replace(/\\(?:[a-zA-Z](?![a-zA-Z])|[^a-zA-Z])\s*/g, '')
        .replace(/[{}$^_]/g, '')
        .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
  return toAscii(plain)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** The family name of an author as sites write it: `Given Family`, `Family, Given` or `G Family`. */
function familyName(author: string): string | undefined {
  const comma = author.indexOf(',')
  const name = words(comma >= 0 ? author.slice(0, comma) : author).filter((word) => !NAME_SUFFIXES.has(word))
  return comma >= 0 ? name.join('') || undefined : name.at(-1)
}

/**
 * What two cards must share to be the same paper when they share no identifier: the normalised
 * title and the first author's family name. Undefined when the title is too short or there is no
 * author, so such papers never match by title.
 */
export function titleMatchKey(title: string, authors: readonly string[]): string | undefined {
  const titleWords = words(title)
  const first = authors[0]
  const family = first === undefined ? undefined : familyName(first)
  const long = titleWords.length >= MIN_TITLE_WORDS && titleWords.join('').length >= MIN_TITLE_CHARACTERS
  if (!long || !family) return undefined
  return `${titleWords.join(' ')}|${family}`
}
