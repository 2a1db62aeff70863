import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { authorNames } from './lib/authors'
import { doiFromLink } from './lib/doi'
import { fieldText } from './lib/field-text'
import { arxivLinkedIn, identityFromLinks, withLinkedIds, type LinkedIds } from './lib/linked-ids'
import { siteUrl } from './lib/site-link'
import { defineSite, withLazyRef, type FoundCard } from './site'

const HOST = 'aclanthology.org'
const ORIGIN = `https://${HOST}`

/** `2024.acl-long.1`, `2023.findings-emnlp.725` (2020 on); `P18-1001`, `W18-2504` (before). */
const NEW_ID = /^(\d{4}\.[a-z0-9-]+)\.(\d+)$/
const LEGACY_ID = /^([A-Z]\d{2})-(\d{4})$/
const PAPER_PATH = /^\/(\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})\/?$/
const EVENT_PATH = /^\/events\/[a-z0-9-]+-\d{4}\/?$/
const VOLUME_PATH = /^\/volumes\/(?:\d{4}\.[a-z0-9-]+|[A-Z]\d{2}-\d{1,2})\/?$/

/** The Anthology id of a paper page a link leads to (`/2024.acl-long.1/`, `https://aclanthology.org/P18-1001/`). */
function anthologyIdFromHref(href: string | null | undefined): string | undefined {
  const url = siteUrl(href, ORIGIN)
  return url ? PAPER_PATH.exec(url.pathname)?.[1] : undefined
}

/**
 * Whether an id is its volume's front matter (paper 0: `2024.acl-long.0`, `P18-1000`, `W18-2500`),
 * which lists the volume's title pages and preface, not a paper. Before 2020, workshops (and C69,
 * and D19 volumes 5 on) number a volume with two digits and its papers with two; other volumes
 * take one digit and three (the Anthology's own rule for these ids).
 */
export function isFrontMatter(id: string): boolean {
  const paper = NEW_ID.exec(id)?.[2]
  if (paper !== undefined) return Number(paper) === 0
  const legacy = LEGACY_ID.exec(id)
  if (!legacy) return false
  const [, collection = '', digits = ''] = legacy
  const twoDigitVolume = collection.startsWith('W') || collection === 'C69' || (collection === 'D19' && Number(digits[0]) >= 5)
  return Number(digits.slice(twoDigitVolume ? 2 : 1)) === 0
}

/** A paper's ACL DOI is usually `10.18653/v1/<id>`, but not every paper has one: only a DOI the page shows counts. */
interface Ids extends LinkedIds {
  anthology: string
}

function identityOf(ids: Ids): { key: PaperKey; aliases?: PaperKey[] } {
  return identityFromLinks(`acl:${ids.anthology}`, ids)
}

function anthologyUrl(id: string): string {
  return `${ORIGIN}/${id}/`
}

interface Shown {
  title: Element | null | undefined
  authors: NodeListOf<Element> | undefined
  abstract: Element | null | undefined
  venue: string | null | undefined
}

function paperRef(ids: Ids, shown: Shown): PaperRef {
  const ref: PaperRef = {
    ...identityOf(ids),
    title: cleanText(fieldText(shown.title), LIMITS.titleLength) || ids.anthology,
    authors: shown.authors ? authorNames(shown.authors) : [],
    site: 'aclanthology',
    url: anthologyUrl(ids.anthology),
  }
  withLinkedIds(ref, ids)
  const abstract = cleanText(fieldText(shown.abstract), LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  const venue = cleanText(shown.venue, LIMITS.fieldLength)
  if (venue) ref.journalRef = venue
  return ref
}

const AUTHOR_LINKS = 'a[href^="/people/"], a[href^="https://aclanthology.org/people/"]'

// ---------------------------------------------------------------------------------------------
// Event and volume pages: one `.d-sm-flex` entry per paper, its abstract in the collapsed card after it
// ---------------------------------------------------------------------------------------------

/** The volume an entry belongs to: its section's heading on an event page, else the volume page's title. */
function volumeTitle(entry: Element, doc: Document): string | null | undefined {
  const heading = entry.parentElement?.querySelector(':scope > h4 > a[href*="/volumes/"]') ?? doc.querySelector('h2#title')
  return heading?.textContent
}

function entryCard(doc: Document, entry: Element, titleLink: Element, id: string): FoundCard {
  const ids: Ids = { anthology: id, arxiv: arxivLinkedIn(entry) }
  const heading = titleLink.parentElement ?? titleLink
  return withLazyRef({ element: entry, controlsAfter: heading, layout: 'card', ...identityOf(ids) }, () => {
    const abstract = doc.getElementById(`abstract-${id.replaceAll('.', '--')}`)
    return paperRef(ids, {
      title: titleLink,
      authors: entry.querySelectorAll(AUTHOR_LINKS),
      abstract: abstract?.querySelector('.card-body') ?? abstract,
      venue: volumeTitle(entry, doc),
    })
  })
}

function listingCards(doc: Document): FoundCard[] {
  const cards: FoundCard[] = []
  const seen = new Set<Element>()
  // Entries are found from the link that carries their id: the bold title link to the paper's page.
  for (const titleLink of doc.querySelectorAll('strong > a[href]')) {
    const id = anthologyIdFromHref(titleLink.getAttribute('href'))
    const entry = titleLink.closest('.d-sm-flex')
    if (!id || !entry || seen.has(entry) || isFrontMatter(id)) continue
    seen.add(entry)
    cards.push(entryCard(doc, entry, titleLink, id))
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// A paper's page: /<anthology id>/
// ---------------------------------------------------------------------------------------------

/** The value of a `dt`/`dd` row of the paper's details ("DOI:", "Volume:"). */
function detail(doc: Document, label: string): Element | undefined {
  for (const term of doc.querySelectorAll('.acl-paper-details dt')) {
    if (term.textContent?.trim() === label) {
      const value = term.nextElementSibling
      return value?.localName === 'dd' ? value : undefined
    }
  }
  return undefined
}

function paperPageCard(doc: Document, id: string): FoundCard[] {
  const heading = doc.querySelector('h2#title')
  const container = heading?.parentElement
  if (!heading || !container) return []
  // Details naming another paper than the one in the address bar are not this paper's.
  const shownId = cleanText(detail(doc, 'Anthology ID:')?.textContent, LIMITS.keyLength)
  const own = shownId === '' || shownId === id
  const doiLink = own ? detail(doc, 'DOI:')?.querySelector('a[href]') : undefined
  const details = doc.querySelector('.acl-paper-details')
  const ids: Ids = {
    anthology: id,
    doi: doiLink ? doiFromLink(doiLink.getAttribute('href') ?? '') : undefined,
    arxiv: own && details ? arxivLinkedIn(details) : undefined,
  }
  const abstract = doc.querySelector('.acl-abstract')
  return [
    {
      element: container,
      controlsAfter: heading,
      layout: 'detail',
      ...identityOf(ids),
      ref: paperRef(ids, {
        title: heading,
        authors: container.querySelector('p.lead')?.querySelectorAll(AUTHOR_LINKS),
        abstract: abstract?.querySelector(':scope > span') ?? abstract,
        venue: own ? detail(doc, 'Volume:')?.textContent : undefined,
      }),
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const EVENT = `${ORIGIN}/events/emnlp-2023/`
const VOLUME = `${ORIGIN}/volumes/2023.findings-emnlp/`

const EXAMPLES = [
  {
    name: 'event',
    url: EVENT,
    fixture: 'event.html',
    keys: [
      ...Array.from({ length: 8 }, (_, index) => `acl:2023.emnlp-main.${index + 1}`),
      'acl:2023.findings-emnlp.1',
      'acl:2023.findings-emnlp.2',
    ],
  },
  {
    name: 'volume',
    url: VOLUME,
    fixture: 'volume.html',
    keys: [
      'acl:2023.findings-emnlp.1',
      'acl:2023.findings-emnlp.2',
      'arxiv:2404.14047',
      'acl:2023.findings-emnlp.4',
      'acl:2023.findings-emnlp.5',
      'acl:2023.findings-emnlp.725',
    ],
  },
  { name: 'paper', url: `${ORIGIN}/2023.findings-emnlp.725/`, fixture: 'paper.html', keys: ['doi:10.18653/v1/2023.findings-emnlp.725'] },
  { name: 'legacyPaper', url: `${ORIGIN}/N04-1001/`, fixture: 'paper-legacy.html', keys: ['acl:N04-1001'] },
  { name: 'changedMarkup', url: `${VOLUME}?v=2`, fixture: 'changed-markup.html', keys: [], noCards: 'layoutChanged' },
] as const

const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')

export const aclanthology = defineSite({
  id: 'aclanthology',
  label: 'ACL Anthology',
  // Paper pages are `/<id>/`: ids start with a year (2020 on) or a capital letter (before). A
  // volume's front matter has a page too, but it is not a paper.
  pages: [`${ORIGIN}/events/*`, `${ORIGIN}/volumes/*`, `${ORIGIN}/20*`, ...UPPERCASE.map((letter) => `${ORIGIN}/${letter}*`)],
  matches: (url) => {
    const paper = PAPER_PATH.exec(url.pathname)?.[1]
    return paper ? !isFrontMatter(paper) : EVENT_PATH.test(url.pathname) || VOLUME_PATH.test(url.pathname)
  },
  findCards: (doc, url) => {
    try {
      const id = PAPER_PATH.exec(url.pathname)?.[1]
      return id ? paperPageCard(doc, id) : listingCards(doc)
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  examples: EXAMPLES,
})
