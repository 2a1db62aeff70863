import { arxivKey, type ArxivId } from '../core/identity'
import { OPENREVIEW_ID, openReviewForumUrl } from '../core/key-kinds'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { isoDate } from './lib/dates'
import { fieldText } from './lib/field-text'
import { idsLinkedBy } from './lib/linked-ids'
import { defineSite, withLazyRef, type FoundCard } from './site'
import { siteUrl } from './lib/site-link'

const HOST = 'openreview.net'
const ORIGIN = `https://${HOST}`

/** The forum a `/forum?id=…` link opens, unless it opens a reply inside another forum. */
function forumIdFromHref(href: string | null | undefined): string | undefined {
  const url = siteUrl(href, ORIGIN)
  if (!url) return undefined
  if (url.pathname !== '/forum') return undefined
  const id = url.searchParams.get('id') ?? ''
  const noteId = url.searchParams.get('noteId')
  if (!OPENREVIEW_ID.test(id) || (noteId !== null && noteId !== id)) return undefined
  return id
}

const forumKey = (id: string): PaperKey => `openreview:${id}`

interface Ids {
  forum: string
  arxiv?: ArxivId
  doi?: string
}

/** The best id a paper shows (arXiv, then DOI, then its forum), and the others as aliases. */
function keysOf(ids: Ids): { key: PaperKey; aliases: PaperKey[] } {
  const all: PaperKey[] = []
  if (ids.arxiv) all.push(arxivKey(ids.arxiv.id))
  if (ids.doi) all.push(`doi:${ids.doi}`)
  all.push(forumKey(ids.forum))
  const [key = forumKey(ids.forum), ...aliases] = all
  return { key, aliases }
}

const fieldLabel = (label: Element): string => cleanText(label.textContent, 100).replace(/:$/, '').toLowerCase()

/** A content field's value: NoteContent renders it as the `note-content-value` after its label. */
function fieldValue(root: Element, name: string): Element | undefined {
  for (const label of root.querySelectorAll('strong.note-content-field')) {
    if (fieldLabel(label) !== name) continue
    let value = label.nextElementSibling
    while (value && !value.classList.contains('note-content-value')) value = value.nextElementSibling
    if (value) return value
  }
  return undefined
}

/** Fields whose links name the paper itself elsewhere; other fields (an abstract, say) may cite other papers. */
const IDENTITY_FIELDS = new Set(['external ids', 'arxiv', 'doi', 'html'])

/** The arXiv paper or DOI the note's own links name: its title row's website link, or an identity field's row. */
function linkedIds(note: Element, heading: Element | null, forum: string): Ids {
  const links: Element[] = heading ? [...heading.querySelectorAll('a[href]')] : []
  for (const label of note.querySelectorAll('strong.note-content-field')) {
    if (IDENTITY_FIELDS.has(fieldLabel(label))) links.push(...(label.parentElement?.querySelectorAll('a[href]') ?? []))
  }
  return { forum, ...idsLinkedBy(links) }
}

/** Author names: NoteAuthors renders each as a profile link, a DBLP link or a plain span. */
function authorsIn(container: Element | null | undefined): string[] {
  const list = container?.querySelector('span') ?? container
  if (!list) return []
  const names: string[] = []
  for (const item of list.children) {
    if (item.localName !== 'a' && item.localName !== 'span') continue
    if (item.classList.contains('show-all') || item.classList.contains('private-author-label')) continue
    const name = cleanText(item.textContent, LIMITS.authorLength)
    if (name) names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}

/** "Published: 01 May 2026, Last Modified: 08 Aug 2026" → the publication day. */
function publishedDate(text: string | null | undefined): string | undefined {
  const match = /\bPublished:\s*(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})/.exec(text ?? '')
  return match ? isoDate(match[3] ?? '', match[2] ?? '', match[1] ?? '') : undefined
}

/** A venue that published the paper ("ICLR 2025 Oral"), not a submission still under review. */
function publishedVenue(text: string | null | undefined): string | undefined {
  const venue = cleanText(text, LIMITS.fieldLength)
  return venue && !/^(submitted to|under review|withdrawn|desk rejected)\b/i.test(venue) ? venue : undefined
}

interface Shown {
  title: string
  authors: string[]
  abstract?: Element
  published?: string
  venue?: string
}

function paperRef(ids: Ids, shown: Shown): PaperRef {
  const ref: PaperRef = {
    key: keysOf(ids).key,
    title: cleanText(shown.title, LIMITS.titleLength) || `OpenReview ${ids.forum}`,
    authors: shown.authors,
    site: 'openreview',
    url: openReviewForumUrl(ids.forum),
  }
  if (ids.arxiv) ref.arxivId = ids.arxiv.id
  if (ids.arxiv?.version !== undefined) ref.version = ids.arxiv.version
  if (ids.doi) ref.doi = ids.doi
  const abstract = cleanText(fieldText(shown.abstract), LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  if (shown.published) ref.published = shown.published
  if (shown.venue) ref.journalRef = shown.venue
  return ref
}

// ---------------------------------------------------------------------------------------------
// Listings: a venue's tabs (/group?id=…), its submissions (/submissions?venue=…) — one div.note per paper
// ---------------------------------------------------------------------------------------------

/** Links inside a note that are not its own title: content fields, the parent note of a reply. */
const NOT_TITLE = '.note-content, .note-parent-title, .note-authors, .collapse-widget'

function listingCard(link: Element, forum: string): FoundCard | undefined {
  // NoteV2 renders `div.note`; the list item holds it. Without either, the link is no card's title.
  const card = link.closest('div.note, li.note') ?? link.closest('li')
  if (!card) return undefined
  const heading = link.closest('h1, h2, h3, h4, h5, h6')
  const ids = linkedIds(card, heading, forum)
  const { key, aliases } = keysOf(ids)
  return withLazyRef({ element: card, controlsAfter: heading ?? link, layout: 'card', key, ...(aliases.length ? { aliases } : {}) }, () => {
    const meta = card.querySelectorAll('ul.note-meta-info > li')
    return paperRef(ids, {
      title: fieldText(link),
      authors: authorsIn(card.querySelector('div.note-authors')),
      abstract: fieldValue(card, 'abstract'),
      published: publishedDate(meta[0]?.textContent),
      venue: publishedVenue(meta[1]?.textContent),
    })
  })
}

/** Every paper of every tab pane, in page order: hidden panes' cards are cards too. */
function listingCards(doc: Document): FoundCard[] {
  const cards: FoundCard[] = []
  const seen = new Set<Element>()
  for (const link of doc.querySelectorAll('a[href^="/forum?id="], a[href^="https://openreview.net/forum?id="]')) {
    if (link.closest(NOT_TITLE)) continue
    const forum = forumIdFromHref(link.getAttribute('href'))
    const card = forum ? listingCard(link, forum) : undefined
    if (!card || seen.has(card.element)) continue
    seen.add(card.element)
    cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Forum: /forum?id=… — the paper is the page's div.forum-note
// ---------------------------------------------------------------------------------------------

function forumCard(doc: Document, forum: string): FoundCard[] {
  const note = doc.querySelector('div.forum-note')
  const heading = note?.querySelector('.forum-title h2') ?? note?.querySelector('h2.citation_title')
  if (!note || !heading) return []
  const ids = linkedIds(note, heading.parentElement, forum)
  const { key, aliases } = keysOf(ids)
  const venue = note.querySelector('.forum-meta .glyphicon-folder-open')?.parentElement
  return [
    {
      element: note,
      controlsAfter: heading,
      layout: 'detail',
      key,
      ...(aliases.length ? { aliases } : {}),
      ref: paperRef(ids, {
        title: fieldText(heading),
        authors: authorsIn(note.querySelector('.forum-authors h3') ?? note.querySelector('.forum-authors')),
        abstract: fieldValue(note, 'abstract'),
        published: publishedDate(note.querySelector('.forum-meta .date')?.textContent),
        venue: publishedVenue(venue?.textContent),
      }),
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// Pages without papers
// ---------------------------------------------------------------------------------------------

/** Lists that OpenReview fills with notes: a tab's paginated list, the submissions page's list. */
const NOTE_LISTS = 'ul.list-paginated, ul.submissions-list'

/**
 * True when the page says it lists nothing: a list showing its empty message ("No items to
 * display", "No submissions found."), a directory of a venue's years (`/group?id=ICLR.cc`), or a
 * venue whose tabs hold no note list at all (only text, links or consoles) once they have loaded.
 */
function pageHasNoPapers(doc: Document, url: URL): boolean {
  if (url.pathname === '/forum') return false
  if (doc.querySelector('.spinner-container')) return false
  if ([...doc.querySelectorAll(NOTE_LISTS)].some((list) => list.querySelector(':scope > li > p.empty-message'))) return true
  if (url.pathname !== '/group') return false
  if (doc.querySelector('ul.venues-list') && !doc.querySelector(NOTE_LISTS)) return true
  const panes = doc.querySelector('#notes .tab-content')
  return panes !== null && panes.querySelector(NOTE_LISTS) === null
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const VENUE = 'AKBC.ws/2021/Workshop/CSKB'
const GROUP = `${ORIGIN}/group?id=${VENUE}`

const ORAL_KEYS = ['9_oCNR6R9l2', 'MvFv92fUFof', 'WnIpeFJgSZy', 'fn5K7VfI3MV', 'BigczdxQlGm', '1yieqYLUIXj']
const POSTER_KEYS = ['8oKPQD2KZnA', 'vtZzRb1471-', 'jsuynAVoMzn', 'iAIP15cNLIP', 'Xh1D4dNuEp5', 'FH_yS0ldm-E', 'KFcjxSNdMBq']
const SUBMISSIONS_PAGE_2 = ['Xh1D4dNuEp5', 'FH_yS0ldm-E', 'KFcjxSNdMBq']

const keys = (ids: readonly string[]) => ids.map(forumKey)

const EXAMPLES = [
  { name: 'group', url: `${GROUP}#tab-accept-oral`, fixture: 'group.html', keys: keys([...ORAL_KEYS, ...POSTER_KEYS]) },
  {
    name: 'submissionsPage2',
    url: `${ORIGIN}/submissions?page=2&venue=${encodeURIComponent(VENUE)}`,
    fixture: 'submissions-page-2.html',
    keys: keys(SUBMISSIONS_PAGE_2),
  },
  { name: 'forum', url: `${ORIGIN}/forum?id=9_oCNR6R9l2`, fixture: 'forum.html', keys: keys(['9_oCNR6R9l2']) },
  {
    name: 'late',
    url: `${ORIGIN}/group?id=${VENUE}&referrer=late#tab-accept-oral`,
    fixture: 'late.html',
    keys: [],
    noCards: 'notRenderedYet',
  },
  {
    name: 'emptyTab',
    url: `${ORIGIN}/group?id=AKBC.ws/2021/Workshop/CSKB/Withdrawn#tab-withdrawn`,
    fixture: 'empty-tab.html',
    keys: [],
    noCards: 'nothingListed',
  },
  { name: 'directory', url: `${ORIGIN}/group?id=AKBC.ws`, fixture: 'directory.html', keys: [], noCards: 'nothingListed' },
] as const

export const openreview = defineSite({
  id: 'openreview',
  label: 'OpenReview',
  // The site writes `id` (and `venue`) first; its pagination links put `page` before `venue`.
  pages: [`${ORIGIN}/group?id=*`, `${ORIGIN}/forum?id=*`, `${ORIGIN}/submissions?venue=*`, `${ORIGIN}/submissions?page=*&venue=*`],
  findCards: (doc, url) => {
    try {
      if (url.pathname === '/forum') {
        const forum = url.searchParams.get('id') ?? ''
        return OPENREVIEW_ID.test(forum) ? forumCard(doc, forum) : []
      }
      return listingCards(doc)
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  hasNoPapers: pageHasNoPapers,
  examples: EXAMPLES,
})
