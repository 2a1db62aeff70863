import { paperDate } from '../core/export/paper-fields'
import { arxivAbsUrl, arxivPdfUrl } from '../core/identity'
import { MARKS, type ToggleId } from '../core/marks'
import type { Paper } from '../core/paper'
import type { ShelfView } from '../core/reading-list'
import { clampText, collapseWhitespace } from '../core/text'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** How many authors are named before "et al.". */
export const AUTHORS_SHOWN = 3

/** A time (ms since epoch) as a local calendar date, `23 Apr 2024`. */
export function formatTimestamp(ms: number): string {
  const date = new Date(ms)
  return `${date.getDate()} ${MONTHS[date.getMonth()] ?? ''} ${date.getFullYear()}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A recent moment as the reader says it: `today at 14:05`, else its date (`23 Apr 2024`). */
export function formatMoment(ms: number, now: number = Date.now()): string {
  const date = new Date(ms)
  return isoDay(ms) === isoDay(now) ? `today at ${pad(date.getHours())}:${pad(date.getMinutes())}` : formatTimestamp(ms)
}

function isoDay(ms: number): string {
  const date = new Date(ms)
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

export interface DateLine {
  /** What the reader sees. */
  text: string
  /** Machine-readable `YYYY-MM-DD`, `YYYY-MM` or `YYYY` for `<time datetime>`. */
  datetime: string
}

/**
 * The paper's own date: the day it was published, else the month its arXiv id was given (as the
 * exports date it); when neither is known, the day it was added to the shelf.
 */
export function dateLine(paper: Paper): DateLine | null {
  const own = paperDate(paper)
  const month = own?.month === undefined ? undefined : MONTHS[own.month - 1]
  if (own && month && own.day !== undefined) {
    return { text: `${own.day} ${month} ${own.year}`, datetime: `${own.year}-${pad(own.month!)}-${pad(own.day)}` }
  }
  if (own && month) return { text: `${month} ${own.year}`, datetime: `${own.year}-${pad(own.month!)}` }
  if (own) return { text: String(own.year), datetime: String(own.year) }
  if (!Number.isFinite(paper.addedAt) || paper.addedAt <= 0) return null
  return { text: `Added ${formatTimestamp(paper.addedAt)}`, datetime: isoDay(paper.addedAt) }
}

/** `A, B, C et al.` when there are more than three authors. */
export function authorsLine(authors: readonly string[]): string {
  const names = authors.map(collapseWhitespace).filter(Boolean)
  const shown = names.slice(0, AUTHORS_SHOWN).join(', ')
  return names.length > AUTHORS_SHOWN ? `${shown} et al.` : shown
}

/** The URL when it is an http(s) URL, else null: stored data never becomes a `javascript:` link. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}

/** Where the title links to: the arXiv abstract page, else the first page the paper was seen on. */
export function titleUrl(paper: Paper): string | null {
  if (paper.arxivId) return arxivAbsUrl(paper.arxivId)
  for (const url of Object.values(paper.links)) {
    const safe = safeUrl(url)
    if (safe) return safe
  }
  if (paper.doi) return `https://doi.org/${encodeURI(paper.doi)}`
  return null
}

export function pdfUrl(paper: Paper): string | null {
  return paper.arxivId ? arxivPdfUrl(paper.arxivId) : null
}

/** The paper's page on a site where it was seen, or null. */
export function seenOnUrl(paper: Paper, site: string): string | null {
  return safeUrl(paper.links[site])
}

const VIEW_ADJECTIVE: Record<ShelfView, string> = { starred: 'starred ', unread: 'unread ', read: 'read ', all: '' }

/** `1 paper`, `3 papers`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** Shortens what the user typed for messages, with curly quotes around it. */
export function quoted(text: string): string {
  return `“${clampText(collapseWhitespace(text), 60)}”`
}

/** `3 starred papers`, `1 unread paper`, `2 papers match “bert”`. */
export function countSentence(count: number, view: ShelfView, query: string): string {
  const noun = `${VIEW_ADJECTIVE[view]}${count === 1 ? 'paper' : 'papers'}`
  const base = `${count} ${noun}`
  if (!query.trim()) return base
  return `${base} ${count === 1 ? 'matches' : 'match'} ${quoted(query)}`
}

/** What an empty view says: `No unread papers.` */
export function emptyViewMessage(view: ShelfView): string {
  return `No ${VIEW_ADJECTIVE[view]}papers.`
}

export function noMatchMessage(query: string): string {
  return `No papers match ${quoted(query)}.`
}

/** `a, b and c`. */
function listing(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** What an empty shelf says: where Star and Read are, every supported site named, and how to search later. */
export function emptyShelfMessage(sites: readonly string[]): { before: string; link: string; after: string; url: string } {
  const others = sites.filter((site) => site !== 'Hugging Face')
  return {
    before: 'Your shelf is empty. Open ',
    link: 'Hugging Face Papers',
    after: `${others.length > 0 ? ` or a listing on ${listing(others)}` : ''} and press Star or Read on any paper. Then press / here to search your shelf.`,
    url: 'https://huggingface.co/papers',
  }
}

/** The message shown when a toggle could not be saved. */
export function toggleFailedMessage(mark: ToggleId, wanted: boolean, title: string, error: unknown): string {
  const action = wanted ? MARKS[mark].verb.on : MARKS[mark].verb.off
  const reason = error instanceof Error ? error.message : String(error)
  return `Couldn't ${action} ${quoted(title)}. ${clampText(collapseWhitespace(reason), 300)}`.trim()
}
