import type { Paper } from '../paper'
import { authorNames } from './names'
import { paperDate } from './paper-fields'
import { toAscii } from '../text'
import { plainRuns } from './text'

// Words skipped when picking the title word of a key (Better BibTeX's English skip words).
const STOPWORDS = new Set(
  (
    'a an the and or nor but so yet as at by for from in into of off on onto over per than to toward towards under ' +
    'until up upon versus vs via with within without is are be do does'
  ).split(' '),
)

const MAX_PART = 24

/** Lower-case ASCII letters and digits only. */
function keyPart(text: string): string {
  return toAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, MAX_PART)
}

function firstAuthorPart(paper: Paper): string {
  const first = authorNames(paper.authors.slice(0, 1))[0]
  if (!first) return ''
  return keyPart(first.kind === 'literal' ? first.literal : first.family)
}

function titleWord(paper: Paper): string {
  for (const run of plainRuns(paper.title)) {
    if (run.math) continue
    for (const word of toAscii(run.text)
      .toLowerCase()
      .split(/[^a-z0-9]+/)) {
      if (word && !STOPWORDS.has(word) && !/^\d+$/.test(word)) return word.slice(0, MAX_PART)
    }
  }
  return ''
}

/** The key before de-duplication: first author's family name, year, first significant title word. */
export function baseCitationKey(paper: Paper): string {
  const key = `${firstAuthorPart(paper)}${paperDate(paper)?.year ?? ''}${titleWord(paper)}`
  return key || 'paper'
}

/** a, b, …, z, aa, ab, … */
function letterSuffix(n: number): string {
  let suffix = ''
  let rest = n
  do {
    suffix = String.fromCharCode(97 + (rest % 26)) + suffix
    rest = Math.floor(rest / 26) - 1
  } while (rest >= 0)
  return suffix
}

/**
 * One citation key per paper, in order, unique within the list and made of `[a-z0-9]`:
 * `devlin2018bert`. A repeated key gets a, b, c… (`salimans2017pixelcnna`), skipping any
 * suffixed key another paper already has. Linear in the number of papers.
 */
export function citationKeys(papers: readonly Paper[]): string[] {
  const bases = papers.map(baseCitationKey)
  const used = new Set<string>()
  const keys: string[] = []
  const nextSuffix = new Map<string, number>()
  const baseCounts = new Map<string, number>()
  for (const base of bases) baseCounts.set(base, (baseCounts.get(base) ?? 0) + 1)
  // Unrepeated keys are reserved first, so a suffixed key never takes another paper's own key.
  for (const base of bases) if (baseCounts.get(base) === 1) used.add(base)
  for (const base of bases) {
    if (baseCounts.get(base) === 1) {
      keys.push(base)
      continue
    }
    let key = base
    if (used.has(key)) {
      let n = nextSuffix.get(base) ?? 0
      do key = `${base}${letterSuffix(n++)}`
      while (used.has(key))
      nextSuffix.set(base, n)
    }
    used.add(key)
    keys.push(key)
  }
  return keys
}
