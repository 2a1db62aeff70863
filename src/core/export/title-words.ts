import { isStopword } from './citation-keys'

/** Which words of a title must keep their case when a citation style re-cases it. */

/**
 * True for words that sentence-casing styles must not lower-case: an upper-case letter after the
 * first character (`BERT`, `LLaMA3`, `ConvNets`, `iPhone`, `3D`), or an upper-case letter with a
 * digit (`L2`, `T5`). Ordinary capitalised words ("Deep") stay unprotected so styles can re-case them.
 */
export function needsCaseProtection(word: string): boolean {
  INNER_CAPITAL.lastIndex = 1
  if (INNER_CAPITAL.test(word)) return true
  return CAPITAL.test(word) && DIGIT.test(word)
}

// Upper case in Unicode's sense (Ⅳ too) and title case (ǅ): whatever a style would lower-case.
const CAPITAL = /\p{Uppercase}|\p{Lt}/u
const INNER_CAPITAL = /\p{Uppercase}|\p{Lt}/gu
const DIGIT = /\p{N}/u

// A word: letters, marks and digits, joined across `&` as in "AT&T".
export const WORD = /[\p{L}\p{M}\p{N}]+(?:&[\p{L}\p{M}\p{N}]+)*/gu
export const CAPITALISED = /^\p{Lu}/u
const LOWER_CASE = /^\p{Ll}/u

/**
 * Whether a title is written in sentence case ("Scaling laws for Bayesian inference"): more of its
 * later words start in lower case than in upper case, stopwords aside. In such a title a capital
 * marks a proper noun, which `plain` and friends would otherwise lower-case.
 */
export function isSentenceCase(words: readonly string[]): boolean {
  let lower = 0
  let capital = 0
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i]!
    if (LOWER_CASE.test(word)) {
      if (!isStopword(word)) lower += 1
    } else if (CAPITALISED.test(word) && !needsCaseProtection(word) && !isStopword(word.toLowerCase())) capital += 1
  }
  return lower > capital
}
