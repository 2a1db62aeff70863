import type { MarkChanges, Marks, Stamped } from './marks'

/** A paper's canonical, site-independent key: `arxiv:<id>`, `doi:<doi>` or a site-scoped key. */
export type PaperKey = string

/** The id of a supported site, as its declaration names it (`arxiv`, `huggingface`, …). */
export type SiteName = string

/** What is known about a paper itself, wherever it was seen. */
export interface PaperMetadata {
  title: string
  authors: string[]
  arxivId?: string
  /** Highest arXiv version seen. */
  version?: number
  doi?: string
  abstract?: string
  /** Publication date as `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when a reference file gave no more. */
  published?: string
  /** arXiv primary category, such as `cs.LG`. */
  primaryCategory?: string
  /** The authors' comments on arXiv (pages, figures, venue). */
  comments?: string
  /** Journal reference, when the paper has been published. */
  journalRef?: string
}

/** What a site adapter reads about one paper from a page. */
export interface PaperRef extends PaperMetadata {
  key: PaperKey
  /** The page's other identifiers of the paper (its id on the site beside an arXiv id or DOI). */
  aliases?: PaperKey[]
  /** The site the paper was seen on, and the paper's URL there. */
  site: SiteName
  url: string
}

/** A paper's own record: its metadata and where it was seen, without the reader's marks. */
export interface PaperRecord extends PaperMetadata {
  /** The best identifier known (see `bestKey`). */
  key: PaperKey
  /** Every other identifier the paper was seen with: they all find this record. */
  aliases?: PaperKey[]
  /** Where the paper was seen, by site, in the order it was first seen there. */
  links: Record<SiteName, string>
  /** When the paper was first put on the shelf (ms since epoch). */
  addedAt: number
  metadataChangedAt: number
  /** The key the paper is cited by, given when it came onto the shelf; the reader may change it. */
  citationKey?: Stamped<string>
}

/** A paper on the shelf: its record and the reader's marks, each mark with the time it changed. */
export interface Paper extends PaperRecord {
  marks: Marks
}

/** The marks of one paper, as a page looks them up. */
export interface PaperMarks {
  key: PaperKey
  marks: Marks
}

/** What a page knows of a card beyond its key, to find its paper stored under another identifier. */
export interface CardIdentity {
  key: PaperKey
  /** The card's other identifiers. */
  aliases?: PaperKey[]
  /** The card's `titleMatchKey`, for a paper that shares no identifier with it. */
  titleKey?: string
}

/** The marks found for a key a page asked about, and the key of the paper they belong to when it differs. */
export interface FoundMarks extends PaperMarks {
  paper?: PaperKey
}

export type { MarkChanges }
