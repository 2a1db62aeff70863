import type { Paper } from '../paper'
import { paperDate, paperUrl, readerNote, readerTags } from './paper-fields'
import { plainText } from './text'

/**
 * A Markdown reading list: `- [Title](https://arxiv.org/abs/<id>) — Authors (Year) · tags: a, b`, the
 * reader's note quoted under the item.
 * Text is backslash-escaped (CommonMark allows it before any ASCII punctuation), so a title can
 * neither break its link nor inject HTML, emphasis, code spans or GFM strikethrough.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#|~!&$]/g

export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&')
}

// encodeURIComponent leaves parentheses alone, so they are spelled out.
const URL_BREAKERS: Record<string, string> = { '(': '%28', ')': '%29', '<': '%3C', '>': '%3E' }

/** A link destination: parentheses, spaces and angle brackets percent-encoded so the link cannot end early. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (char) => URL_BREAKERS[char] ?? encodeURIComponent(char))
}

const LIST_MARKER = /^(?:\d+[.)]|[-+])/

/** Without a link the title starts the item's text, where "1." or "-" would open a nested list. */
function unlinkedTitle(title: string): string {
  return title.replace(LIST_MARKER, (marker) => `${marker.slice(0, -1)}\\${marker.slice(-1)}`)
}

const MAX_AUTHORS = 5
const AUTHORS_BEFORE_ET_AL = 3

function authorList(authors: readonly string[]): string {
  const names = authors.map(plainText).filter(Boolean)
  if (names.length <= MAX_AUTHORS) return names.join(', ')
  return `${names.slice(0, AUTHORS_BEFORE_ET_AL).join(', ')}, et al.`
}

export function markdownItem(paper: Paper): string {
  const title = escapeMarkdown(plainText(paper.title))
  const url = paperUrl(paper)
  let line = url ? `- [${title}](${linkTarget(url)})` : `- ${unlinkedTitle(title)}`
  const authors = escapeMarkdown(authorList(paper.authors))
  if (authors) line += ` — ${authors}`
  const year = paperDate(paper)?.year
  if (year !== undefined) line += ` (${year})`
  const tags = readerTags(paper)
  if (tags.length > 0) line += ` · tags: ${tags.map((tag) => escapeMarkdown(plainText(tag))).join(', ')}`
  // The note is a quote inside the item, line by line, so it can hold paragraphs but never leave the item.
  const note = readerNote(paper)
  if (note)
    line += note
      .split('\n')
      .map((text) => `\n  >${text.trim() ? ` ${escapeMarkdown(text.trim())}` : ''}`)
      .join('')
  return line
}

/** A `.md` file: a heading, then one list item per paper. */
export function toMarkdown(papers: readonly Paper[]): string {
  const lines = ['# Paper Shelf reading list', '']
  for (const paper of papers) lines.push(markdownItem(paper))
  return `${lines.join('\n')}\n`
}
