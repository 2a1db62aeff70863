/** Upper bounds on what one paper may hold. Adapters clamp to them; the background rejects more. */
export const LIMITS = {
  keyLength: 300,
  aliasCount: 50,
  titleLength: 1000,
  authorLength: 300,
  authorCount: 1000,
  abstractLength: 20_000,
  fieldLength: 2000,
  /** The reader's own note on a paper. */
  readerNoteLength: 20_000,
  tagLength: 100,
  tagsPerPaper: 100,
  urlLength: 2000,
  keysPerLookup: 5000,
  /** Papers one page view may look up: arXiv lists up to 2,000, and a page cannot probe the shelf for thousands it does not show. */
  lookupsPerPageView: 5000,
  refsPerMessage: 5000,
  /** The most papers one `listRecent` answers with. */
  recentPapers: 1000,
  /** Papers one import may bring: far beyond a real library, so an import stays one transaction. */
  papersPerImport: 50_000,
  /** A listing's name, where papers were seen: `arxiv cs.LG/new`. */
  placeLength: 200,
  /** A backup file, read by the page that picked it and sent to the background in parts. */
  backupLength: 300_000_000,
  /** Papers one backup may hold: 100,000 papers with abstracts fill ~150 MB. */
  papersPerBackup: 500_000,
  /** Papers in one part of a backup import: the background checks each part as it arrives. */
  papersPerImportPart: 1000,
  /** Papers in one answer to `list`: the popup reads a shelf of 10,000 in two. */
  papersPerListPage: 5000,
  /** Papers in one push of a change to every page: a large import reaches them in a few messages. */
  papersPerPush: 10_000,
  /** Characters of JSON in one part of a long transfer: 24 MB at most in UTF-8, where browsers allow 64 MiB a message. */
  messagePartLength: 8_000_000,
} as const
