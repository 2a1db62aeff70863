/** A paper's canonical, site-independent key: `arxiv:<id>`, `doi:<doi>` or a site-scoped key. */
export type PaperKey = string

/** Which supported site a page belongs to. */
export type SiteId = 'huggingface' | 'arxiv'

/** What is known about a paper itself, wherever it was seen. */
export interface PaperMetadata {
  title: string
  authors: string[]
  arxivId?: string
  /** Highest arXiv version seen. */
  version?: number
  doi?: string
  abstract?: string
  /** Publication date as `YYYY-MM-DD`. */
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
  /** The site the paper was seen on, and the paper's URL there. */
  site: SiteId
  url: string
}

export type Flag = 'starred' | 'read'

export interface Flags {
  starred: boolean
  read: boolean
}

/**
 * A paper on the shelf, as stored. Flags are `0 | 1` because booleans are not IndexedDB keys.
 * Every flag keeps the time it last changed so backups can merge field by field.
 */
export interface Paper extends PaperMetadata {
  key: PaperKey
  /** Where the paper was seen, by site. */
  links: Partial<Record<SiteId, string>>
  starred: 0 | 1
  read: 0 | 1
  /** When the paper was first put on the shelf (ms since epoch). */
  addedAt: number
  starredChangedAt: number
  readChangedAt: number
  metadataChangedAt: number
}

/** The part of a paper a listing page needs to paint a card. */
export interface PaperState extends Flags {
  key: PaperKey
}

export function flagsOf(paper: Paper): Flags {
  return { starred: paper.starred === 1, read: paper.read === 1 }
}

export function stateOf(paper: Paper): PaperState {
  return { key: paper.key, ...flagsOf(paper) }
}

export function isOnShelf(paper: Paper): boolean {
  return paper.starred === 1 || paper.read === 1
}
