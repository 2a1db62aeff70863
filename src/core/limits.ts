/** Upper bounds on what one paper may hold. Adapters clamp to them; the background rejects more. */
export const LIMITS = {
  keyLength: 300,
  aliasCount: 50,
  titleLength: 1000,
  authorLength: 300,
  authorCount: 1000,
  abstractLength: 20_000,
  noteLength: 2000,
  urlLength: 2000,
  keysPerLookup: 5000,
  refsPerMessage: 5000,
  /** A listing's name, where papers were seen: `arxiv cs.LG/new`. */
  placeLength: 200,
  backupLength: 50_000_000,
} as const
