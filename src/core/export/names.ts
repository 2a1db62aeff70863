import { plainText } from './text'

/**
 * An author as the citation formats need it. Pages show names as "First Last" display strings;
 * BibTeX, RIS and CSL-JSON want family and given names apart.
 */
export type AuthorName =
  | {
      kind: 'person'
      family: string
      given?: string
      /** Lower-case particle before the family name: "van der" in "Jan van der Berg". */
      particle?: string
      suffix?: string
    }
  /** An organisation ("ATLAS Collaboration") or anything that must not be split. */
  | { kind: 'literal'; literal: string }

const SUFFIX = /^(?:jr|sr|jnr|snr)\.?$|^(?:ii|iii|iv|vi|vii|viii|2nd|3rd|4th)$/i

// Words that mark a name as an organisation. Person names are never split on these.
const ORGANISATION = new RegExp(
  String.raw`\b(?:collaboration|consortium|team|group|project|institute|university|universit[éä]t|laborator(?:y|ies)|labs?|inc|ltd|llc|gmbh|corporation|corp|company|organi[sz]ation|society|association|committee|council|foundation|initiative|alliance|network|centre|center|agency|department|ministry|academy|community|contributors|developers|authors|research|deepmind|openai)\b`,
  'i',
)
// "Meta AI", "Google AI": upper case only, as "Ai" is also a given name.
const AI_LAB = /\bAI\b/

function isLowerCaseWord(word: string): boolean {
  const first = /\p{L}/u.exec(word)?.[0]
  return first !== undefined && first === first.toLowerCase() && first !== first.toUpperCase()
}

/**
 * Splits a display name into its parts.
 * - An organisation (a name with a word such as "Collaboration", "Team" or "Institute", a digit
 *   or an ampersand) stays whole.
 * - "Last, First" (already inverted) is respected.
 * - A trailing "Jr.", "Sr.", "II", "III"… is the suffix.
 * - Otherwise BibTeX's own rule for "First von Last": the family name is the last word, plus any
 *   words after the last lower-case word; lower-case words before it are the particle.
 *   "Ludwig van Beethoven" → van / Beethoven; "Jean de La Fontaine" → de / La Fontaine.
 * - One word is a family name alone ("Plato").
 * Returns null for an empty name.
 */
export function parseAuthorName(display: string): AuthorName | null {
  const name = plainText(display)
  if (!name) return null
  if (ORGANISATION.test(name) || AI_LAB.test(name) || /[\d&]/.test(name)) return { kind: 'literal', literal: name }
  const commaParts = name.split(/\s*,\s*/).filter(Boolean)
  if (commaParts.length > 1) return fromInverted(commaParts)
  const words = name.split(' ')
  let suffix: string | undefined
  if (words.length > 2 && SUFFIX.test(words[words.length - 1]!)) suffix = words.pop()
  return fromWords(words, suffix)
}

/** "Last, First", "Last, Jr., First" or "First Last, Jr.". */
function fromInverted(parts: string[]): AuthorName {
  const last = parts[parts.length - 1]!
  if (parts.length === 2 && SUFFIX.test(last)) {
    const words = parts[0]!.split(' ')
    return fromWords(words, last)
  }
  const [familyPart, ...rest] = parts
  const suffix = rest.length > 1 && SUFFIX.test(rest[0]!) ? rest.shift() : undefined
  const given = rest.join(' ')
  const familyWords = familyPart!.split(' ')
  let particleEnd = 0
  while (particleEnd < familyWords.length - 1 && isLowerCaseWord(familyWords[particleEnd]!)) particleEnd += 1
  return person(familyWords.slice(particleEnd).join(' '), given, familyWords.slice(0, particleEnd).join(' '), suffix)
}

function fromWords(words: string[], suffix: string | undefined): AuthorName {
  const lastIndex = words.length - 1
  if (lastIndex === 0) return person(words[0]!, '', '', suffix)
  let firstLower = -1
  let lastLower = -1
  for (let i = 1; i < lastIndex; i += 1) {
    if (!isLowerCaseWord(words[i]!)) continue
    if (firstLower < 0) firstLower = i
    lastLower = i
  }
  if (firstLower < 0) return person(words[lastIndex]!, words.slice(0, lastIndex).join(' '), '', suffix)
  return person(
    words.slice(lastLower + 1).join(' '),
    words.slice(0, firstLower).join(' '),
    words.slice(firstLower, lastLower + 1).join(' '),
    suffix,
  )
}

function person(family: string, given: string, particle: string, suffix: string | undefined): AuthorName {
  // Without a given name a suffix would be read as one ("Smith, Jr." is Jr. Smith): keep it in the family name.
  const name: AuthorName = { kind: 'person', family: suffix && !given ? `${family} ${suffix}` : family }
  if (given) name.given = given
  if (particle) name.particle = particle
  if (suffix && given) name.suffix = suffix
  return name
}

/** The parsed authors of a paper, empty names dropped. */
export function authorNames(authors: readonly string[]): AuthorName[] {
  const names: AuthorName[] = []
  for (const author of authors) {
    const name = parseAuthorName(author)
    if (name) names.push(name)
  }
  return names
}

/** The family name with its particle, as sorted lists show it: "van der Berg". */
function fullFamily(name: AuthorName): string {
  if (name.kind === 'literal') return name.literal
  return name.particle ? `${name.particle} ${name.family}` : name.family
}

/** "Last, First" as RIS writes authors (with ", Jr." last), or the literal name. */
export function invertedName(name: AuthorName): string {
  if (name.kind === 'literal') return name.literal
  const parts = [fullFamily(name)]
  if (name.given) parts.push(name.given)
  if (name.suffix) parts.push(name.suffix)
  return parts.join(', ')
}
