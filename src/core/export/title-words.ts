import { isStopword } from './citation-keys'

/** Which words of a title must keep their case when a citation style re-cases it. */

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

// A word: letters, marks and digits, joined across `&` as in "AT&T".
export const WORD = /[\p{L}\p{M}\p{N}]+(?:&[\p{L}\p{M}\p{N}]+)*/gu
export const CAPITALISED = /^\p{Lu}/u
const LOWER_CASE = /^\p{Ll}/u

/**
 * Whether a title is written in sentence case ("Scaling laws for Bayesian inference"): more of its
 * later words start in lower case than in upper case, stopwords aside. In such a title a capital
 * marks a proper noun, which `plain` and friends would otherwise lower-case.
 */
export function isSentenceCase(plain: readonly string[]): boolean {
  let lower = 0
  let capital = 0
  let first = true
  for (const text of plain) {
    for (const [word] of text.matchAll(WORD)) {
      if (first || isStopword(word.toLowerCase())) {
        first = false
        continue
      }
      if (LOWER_CASE.test(word)) lower += 1
      else if (CAPITALISED.test(word) && !needsCaseProtection(word)) capital += 1
    }
  }
  return lower > capital
}
