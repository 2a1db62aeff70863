import { normalizeDoi, paperKeyFromDoi } from '../../core/identity'
import { LIMITS } from '../../core/limits'
import type { PaperRef } from '../../core/paper'
import { cleanText } from '../../core/text'
import { citationAuthors, metaContent } from './citation-meta'
import { isoDate } from './dates'
import { journalDoi } from './doi'
import { fieldText } from './field-text'
import { withoutLabel } from './labels'
import { withLazyRef, type FoundCard } from '../site'

/**
 * bioRxiv and medRxiv run the same HighWire (Drupal) site. They are two sites to the reader, so
 * each has its own declaration; this module reads the pages both share.
 */
export interface RxivServer {
  /** The site id and the host the papers link to. */
  site: string
  host: string
}

/** The page paths both servers annotate, as match-pattern paths. */
export const RXIV_PAGE_PATHS = ['/collection/*', '/search/*', '/content/early/recent*', '/content/10.*']

const VIEW_SUFFIX = String.raw`(?:\.(?:full|abstract|full-text|article-info|article-metrics|supplementary-material|full\.pdf(?:\+html)?))?`

/** `/content/10.1101/2020.01.24.917864v1.full` → the DOI, without the version the URL adds to it. */
const CONTENT_PATH = new RegExp(String.raw`^/content/(10\.\d{4,9}/[^/?#]+?)(?:v\d{1,4})?${VIEW_SUFFIX}/?$`)

/** The DOI of a paper page path, or undefined for any other path. */
export function doiFromContentPath(pathname: string): string | undefined {
  const match = CONTENT_PATH.exec(pathname)
  return match?.[1] ? (normalizeDoi(match[1]) ?? undefined) : undefined
}

function doiFromHref(href: string | null | undefined, server: RxivServer): string | undefined {
  if (!href) return undefined
  let url: URL
  try {
    url = new URL(href, `https://${server.host}`)
  } catch {
    return undefined
  }
  if (url.hostname !== server.host && url.hostname !== server.host.replace(/^www\./, '')) return undefined
  return doiFromContentPath(url.pathname)
}

function keyOf(doi: string): string | undefined {
  const key = paperKeyFromDoi(doi)
  return key && key.length <= LIMITS.keyLength ? key : undefined
}

function paperUrl(server: RxivServer, doi: string): string {
  return `https://${server.host}/content/${doi}`
}

/** "Barnabas C." + "Seyler", or the author's whole text when the name parts are missing. */
function cardAuthors(card: Element): string[] {
  const names: string[] = []
  for (const author of card.querySelectorAll('.highwire-citation-author')) {
    const given = author.querySelector('.nlm-given-names')?.textContent
    const surname = author.querySelector('.nlm-surname')?.textContent
    const raw = given || surname ? `${given ?? ''} ${surname ?? ''}` : author.textContent
    const name = cleanText(raw, LIMITS.authorLength)
    if (name) names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}

function listingCard(card: Element, server: RxivServer): FoundCard | undefined {
  const link = card.querySelector('a.highwire-cite-linked-title')
  // The title link is usually the paper page; older pages link elsewhere, so the shown DOI decides then.
  const doi =
    doiFromHref(link?.getAttribute('href'), server) ??
    journalDoi(withoutLabel(cleanText(card.querySelector('.highwire-cite-metadata-doi')?.textContent, LIMITS.fieldLength), 'doi:'))
  const key = doi ? keyOf(doi) : undefined
  if (!doi || !key) return undefined
  const heading = link?.parentElement?.classList.contains('highwire-cite-title') ? link.parentElement : (link ?? undefined)
  const title = link?.querySelector('.highwire-cite-title') ?? link ?? card.querySelector('.highwire-cite-title')
  return withLazyRef(
    { element: card, controlsAfter: heading ?? title ?? card.firstElementChild ?? card, layout: 'card', key },
    (): PaperRef => ({
      key,
      doi,
      title: cleanText(fieldText(title), LIMITS.titleLength) || `doi:${doi}`,
      authors: cardAuthors(card),
      site: server.site,
      url: paperUrl(server, doi),
    }),
  )
}

/** The cards of a collection, search or recent page, in page order. */
export function listingCards(doc: Document, server: RxivServer): FoundCard[] {
  const cards: FoundCard[] = []
  for (const card of doc.querySelectorAll('div.highwire-article-citation')) {
    // A citation nested in another is part of that card (never seen, but it would get two pairs of toggles).
    if (card.parentElement?.closest('div.highwire-article-citation')) continue
    const found = listingCard(card, server)
    if (found) cards.push(found)
  }
  return cards
}

/** `citation_date` is the day this version was posted; `citation_publication_date` is often only the year's first day. */
function publishedOn(doc: Document): string | undefined {
  for (const name of ['citation_date', 'DC.Date', 'article:published_time', 'citation_publication_date']) {
    const match = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(metaContent(doc, name)?.trim() ?? '')
    const date = match ? isoDate(match[1] ?? '', Number(match[2]), match[3] ?? '') : undefined
    if (date) return date
  }
  return undefined
}

/** The paper of an article page (`/content/10.1101/…vN[.full|.abstract]`), as a detail card. */
export function articleCard(doc: Document, url: URL, server: RxivServer): FoundCard[] {
  const doi = doiFromContentPath(url.pathname)
  const key = doi ? keyOf(doi) : undefined
  const heading = doc.querySelector('h1#page-title') ?? doc.querySelector('h1.highwire-cite-title') ?? doc.querySelector('h1')
  if (!doi || !key || !heading?.parentElement) return []
  // The citation_* tags describe the page's paper; if they name another one, do not use them.
  const citedDoi = normalizeDoi(metaContent(doc, 'citation_doi') ?? '')
  const metaApplies = citedDoi === null || citedDoi === doi
  const ref: PaperRef = {
    key,
    doi,
    title:
      cleanText(fieldText(heading), LIMITS.titleLength) ||
      cleanText(metaApplies ? metaContent(doc, 'citation_title') : undefined, LIMITS.titleLength) ||
      `doi:${doi}`,
    authors: metaApplies ? citationAuthors(doc) : [],
    site: server.site,
    url: paperUrl(server, doi),
  }
  const abstract = cleanText(fieldText(doc.querySelector('#abstract-1') ?? doc.querySelector('.section.abstract')), LIMITS.abstractLength)
  const shownAbstract = withoutLabel(abstract, 'Abstract').trim()
  if (shownAbstract) ref.abstract = shownAbstract
  const published = metaApplies ? publishedOn(doc) : undefined
  if (published) ref.published = published
  return [{ element: heading.parentElement, controlsAfter: heading, layout: 'detail', key, ref }]
}

/**
 * A search without results: the results pane holds only its summary ("No results found.") where a
 * search with results lists its citations.
 */
export function rxivHasNoPapers(doc: Document): boolean {
  const results = doc.querySelector('div.highwire-search-results')
  return results?.childElementCount === 1 && results.firstElementChild?.classList.contains('highwire-search-summary') === true
}

/** Cards of any page of the server; markup this code does not understand finds nothing rather than breaking the page. */
export function rxivCards(doc: Document, url: URL, server: RxivServer): FoundCard[] {
  try {
    return doiFromContentPath(url.pathname) ? articleCard(doc, url, server) : listingCards(doc, server)
  } catch {
    return []
  }
}
