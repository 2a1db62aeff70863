import { pmlrUrl, type ArxivId } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { commaSeparatedNames } from './lib/authors'
import { metaContent } from './lib/citation-meta'
import { isoDate } from './lib/dates'
import { journalDoi } from './lib/doi'
import { fieldText } from './lib/field-text'
import { identityFromLinks, idsLinkedBy, withLinkedIds } from './lib/linked-ids'
import { siteUrl } from './lib/site-link'
import { defineSite, withLazyRef, type FoundCard } from './site'

const HOST = 'proceedings.mlr.press'
const ORIGIN = `https://${HOST}`

/** A volume's paper list: `/v202/`, also served as `/v202/index.html`. */
const VOLUME_PATH = /^\/(v\d{1,4})\/(?:index\.html)?$/
/** A paper's page: `/v202/dutordoir23a.html`. */
const PAPER_PATH = /^\/(v\d{1,4})\/([A-Za-z0-9_-]+)\.html$/

/** The paper id (`v202/dutordoir23a`) of a paper page path, or undefined for any other path. */
function paperIdFromPath(pathname: string): string | undefined {
  const match = PAPER_PATH.exec(pathname)
  return match && match[2] !== 'index' ? `${match[1]}/${match[2]}` : undefined
}

function pmlrKey(id: string): PaperKey {
  return `pmlr:${id}`
}

/** The OpenReview forum a link points to (`https://openreview.net/forum?id=tV7GSY5GYG`). */
function openreviewForum(href: string): string | undefined {
  if (!/openreview|%/i.test(href)) return undefined
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return undefined
  }
  const id = url.hostname === 'openreview.net' && url.pathname === '/forum' ? url.searchParams.get('id') : null
  return id && /^[\w.-]{1,64}$/.test(id) ? id : undefined
}

interface Ids {
  /** `v202/dutordoir23a` */
  paper: string
  arxiv?: ArxivId
  doi?: string
  openreview?: string
}

/** The ids an entry's links name besides its own page: arXiv version, DOI, OpenReview forum. */
function linkedIds(links: Iterable<Element>): Omit<Ids, 'paper'> {
  const all = [...links]
  const forum = all.map((link) => openreviewForum(link.getAttribute('href') ?? '')).find(Boolean)
  return { ...idsLinkedBy(all), ...(forum ? { openreview: forum } : {}) }
}

/** Keyed by the arXiv id, else the DOI, else the PMLR id; the PMLR id is always one of them. */
function identityOf(ids: Ids): { key: PaperKey; aliases?: PaperKey[] } {
  return identityFromLinks(pmlrKey(ids.paper), ids, ids.openreview && `openreview:${ids.openreview}`)
}

interface Shown {
  title: Element | null
  authors: Element | null
  journalRef?: string
  abstract?: Element | null
  published?: string
}

function paperRef(ids: Ids, shown: Shown): PaperRef {
  const ref: PaperRef = {
    ...identityOf(ids),
    title: cleanText(fieldText(shown.title), LIMITS.titleLength) || `PMLR ${ids.paper}`,
    authors: commaSeparatedNames(shown.authors?.textContent),
    site: 'pmlr',
    url: pmlrUrl(ids.paper),
  }
  withLinkedIds(ref, ids)
  if (shown.journalRef) ref.journalRef = shown.journalRef
  const abstract = cleanText(fieldText(shown.abstract), LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  if (shown.published) ref.published = shown.published
  return ref
}

// ---------------------------------------------------------------------------------------------
// Volume page: /v<NNN>/ — one div.paper per paper, often more than a thousand
// ---------------------------------------------------------------------------------------------

/** The year in the volume's heading: "Volume 202: International Conference on Machine Learning, 23-29 July 2023, Honolulu…". */
function volumeYear(doc: Document): string | undefined {
  const heading = doc.querySelector('main h2, main h1')?.textContent ?? ''
  return /\b(?:19|20)\d{2}\b/.exec(heading.slice(heading.indexOf(':') + 1))?.[0]
}

/** "<i>Proceedings of the 40th International Conference on Machine Learning</i>, PMLR 202:8990-9012", and the year. */
function volumeReference(info: Element | null, year: string | undefined): string | undefined {
  const text = cleanText(info?.textContent, LIMITS.fieldLength)
  if (!text) return undefined
  return year ? `${text}, ${year}` : text
}

function volumeCard(entry: Element, volume: string, year: () => string | undefined): FoundCard | undefined {
  const links = entry.querySelectorAll('a[href]')
  let paper: string | undefined
  for (const link of links) {
    const url = siteUrl(link.getAttribute('href'), ORIGIN)
    paper = url ? paperIdFromPath(url.pathname) : undefined
    if (paper) break
  }
  // An entry of this volume links its own page; another volume's paper is not one of its cards.
  if (!paper?.startsWith(`${volume}/`)) return undefined
  const ids: Ids = { paper, ...linkedIds(links) }
  const title = entry.querySelector('p.title')
  const heading = title ?? entry.firstElementChild
  if (!heading) return undefined
  return withLazyRef({ element: entry, controlsAfter: heading, layout: 'card', ...identityOf(ids) }, () =>
    paperRef(ids, {
      title,
      authors: entry.querySelector('span.authors'),
      journalRef: volumeReference(entry.querySelector('span.info'), year()),
    }),
  )
}

function volumeCards(doc: Document, volume: string): FoundCard[] {
  let year: { value?: string } | undefined
  const yearOnce = () => (year ??= { value: volumeYear(doc) }).value
  const cards: FoundCard[] = []
  for (const entry of doc.querySelectorAll('div.paper')) {
    const card = volumeCard(entry, volume, yearOnce)
    if (card) cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Paper page: /v<NNN>/<key>.html
// ---------------------------------------------------------------------------------------------

/** `citation_publication_date` is "2023/07/03": the day the volume was published. */
function publishedOn(doc: Document): string | undefined {
  const match = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(metaContent(doc, 'citation_publication_date')?.trim() ?? '')
  return match ? isoDate(match[1] ?? '', Number(match[2]), match[3] ?? '') : undefined
}

function paperCard(doc: Document, paper: string): FoundCard[] {
  const article = doc.querySelector('article.post-content')
  const heading = article?.querySelector('h1')
  if (!article || !heading) return []
  const extras = article.querySelectorAll('#extras a[href]')
  const ids: Ids = { paper, ...linkedIds(extras) }
  ids.doi ??= journalDoi(metaContent(doc, 'citation_doi'))
  const info = cleanText(article.querySelector('#info')?.textContent, LIMITS.fieldLength).replace(/\.$/, '')
  return [
    {
      element: article,
      controlsAfter: heading,
      layout: 'detail',
      ...identityOf(ids),
      ref: paperRef(ids, {
        title: heading,
        authors: article.querySelector('span.authors'),
        journalRef: info || undefined,
        abstract: article.querySelector('#abstract'),
        published: publishedOn(doc),
      }),
    },
  ]
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const EXAMPLES = [
  {
    name: 'volume',
    url: `${ORIGIN}/v202/`,
    fixture: 'volume.html',
    keys: [
      'pmlr:v202/aamand23a',
      'pmlr:v202/abbe23a',
      'pmlr:v202/ali-mehmeti-gopel23a',
      'pmlr:v202/amos23a',
      'pmlr:v202/bar-tal23a',
      'pmlr:v202/dutordoir23a',
      'pmlr:v202/hu23c',
    ],
  },
  { name: 'paper', url: `${ORIGIN}/v202/dutordoir23a.html`, fixture: 'paper.html', keys: ['pmlr:v202/dutordoir23a'] },
  { name: 'changedMarkup', url: `${ORIGIN}/v202/index.html`, fixture: 'changed-markup.html', keys: [], noCards: 'layoutChanged' },
] as const

export const pmlr = defineSite({
  id: 'pmlr',
  label: 'PMLR',
  // Volumes are `/v<NNN>/`; papers (and a volume's `index.html`) are `/v<NNN>/<key>.html`. Its PDFs,
  // bib files and assets are neither.
  pages: [`${ORIGIN}/v*/`, `${ORIGIN}/v*.html`],
  matches: (url) => VOLUME_PATH.test(url.pathname) || paperIdFromPath(url.pathname) !== undefined,
  findCards: (doc, url) => {
    try {
      const paper = paperIdFromPath(url.pathname)
      if (paper) return paperCard(doc, paper)
      const volume = VOLUME_PATH.exec(url.pathname)?.[1]
      return volume ? volumeCards(doc, volume) : []
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  reservedSlots: 'div.paper > p.title',
  examples: EXAMPLES,
})
