import { cardIdentity } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { commaSeparatedNames } from './lib/authors'
import { citationAuthors, metaContent } from './lib/citation-meta'
import { isoDate } from './lib/dates'
import { doiFromLink, journalDoi } from './lib/doi'
import { fieldText } from './lib/field-text'
import { withLinkedIds } from './lib/linked-ids'
import { defineSite, withLazyRef, type FoundCard } from './site'

/** The site is served on both hosts, and papers link each other's pages on either. */
const HOSTS = ['proceedings.neurips.cc', 'papers.nips.cc'] as const

/** A year's papers: `/paper_files/paper/2023`, and the older address `/paper/2023`. */
const YEAR_PATH = /^\/(?:paper_files\/)?paper\/((?:19|20)\d{2})\/?$/

/**
 * A paper's abstract page: `/paper_files/paper/2023/hash/<32 hex>-Abstract-Conference.html`, the track after
 * `Abstract` (`-Datasets_and_Benchmarks`, …) or, before 2022, none; also under the older `/paper/2023/`.
 */
const ABSTRACT_PATH = /^\/(?:paper_files\/)?paper\/((?:19|20)\d{2})\/hash\/([0-9a-fA-F]{32})-Abstract(?:-[A-Za-z_]+)?\.html$/

/** "Advances in Neural Information Processing Systems 36 (NeurIPS 2023)", the volume of a year's papers. */
const VOLUME = /^(?:Advances in )?Neural Information Processing Systems \d{1,3} \((?:NeurIPS|NIPS) ((?:19|20)\d{2})\)$/

/** A paper, as the address of its abstract page names it. */
interface NeuripsPaper {
  year: string
  /** Lower-case 32 hex: the paper's id on the site. */
  hash: string
  /** The abstract page. */
  url: string
}

function paperOnPath(path: string, origin: string): NeuripsPaper | undefined {
  const match = ABSTRACT_PATH.exec(path)
  if (!match?.[1] || !match[2]) return undefined
  return { year: match[1], hash: match[2].toLowerCase(), url: `${origin}${path}` }
}

/** The paper a link names, when it leads to an abstract page on either host. */
function paperLinked(href: string | null, origin: string): NeuripsPaper | undefined {
  if (!href) return undefined
  // Lists link paths on their own host: thousands of them need no URL built.
  if (href.startsWith('/paper')) return paperOnPath(href, origin)
  let url: URL
  try {
    url = new URL(href, origin)
  } catch {
    return undefined
  }
  const onSite = (url.protocol === 'https:' || url.protocol === 'http:') && (HOSTS as readonly string[]).includes(url.hostname)
  // Both hosts serve https; an old http link names the same page.
  return onSite ? paperOnPath(url.pathname, `https://${url.hostname}`) : undefined
}

function neuripsKey(paper: NeuripsPaper): PaperKey {
  return `neurips:${paper.hash}`
}

/** Keyed by the DOI a page shows (recent volumes have them), else the NeurIPS id, which stays an alias. */
function identityOf(paper: NeuripsPaper, doi: string | undefined): { key: PaperKey; aliases?: PaperKey[] } {
  return cardIdentity(doi && `doi:${doi}`, neuripsKey(paper))
}

/** The volume name a heading, or a link to the year's page, gives for `year`. */
function volumeName(doc: Document, year: string): string | undefined {
  for (const element of doc.querySelectorAll(`h1, h2, h3, h4, a[href$="/paper/${year}"]`)) {
    const name = cleanText(element.textContent, LIMITS.fieldLength)
    if (VOLUME.exec(name)?.[1] === year) return name
  }
  return undefined
}

interface Shown {
  title: string
  authors: string[]
  journalRef?: string
  abstract?: string
  published?: string
  doi?: string
}

function paperRef(paper: NeuripsPaper, shown: Shown): PaperRef {
  const ref: PaperRef = {
    ...identityOf(paper, shown.doi),
    title: cleanText(shown.title, LIMITS.titleLength) || `NeurIPS ${paper.year} ${paper.hash}`,
    authors: shown.authors,
    site: 'neurips',
    url: paper.url,
  }
  withLinkedIds(ref, { doi: shown.doi })
  if (shown.journalRef) ref.journalRef = shown.journalRef
  const abstract = cleanText(shown.abstract, LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  if (shown.published) ref.published = shown.published
  return ref
}

// ---------------------------------------------------------------------------------------------
// Year page: /paper_files/paper/<yyyy> — one li per paper, thousands of them
// ---------------------------------------------------------------------------------------------

function yearEntry(entry: Element, year: string, origin: string, volume: () => string | undefined): FoundCard | undefined {
  const link = entry.getElementsByTagName('a')[0]
  const paper = link ? paperLinked(link.getAttribute('href'), origin) : undefined
  // An entry of this year links its own abstract page.
  if (!link || paper?.year !== year) return undefined
  return withLazyRef({ element: entry, controlsAfter: link, layout: 'card', ...identityOf(paper, undefined) }, () =>
    paperRef(paper, {
      title: fieldText(link),
      authors: commaSeparatedNames(entry.querySelector('.paper-authors')?.textContent),
      journalRef: volume(),
    }),
  )
}

function yearCards(doc: Document, year: string, origin: string): FoundCard[] {
  let volume: { name?: string } | undefined
  const volumeOnce = () => (volume ??= { name: volumeName(doc, year) }).name
  const cards: FoundCard[] = []
  for (const entry of doc.querySelectorAll('ul.paper-list > li')) {
    const card = yearEntry(entry, year, origin, volumeOnce)
    if (card) cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Abstract page: /paper_files/paper/<yyyy>/hash/<hex>-Abstract[-<track>].html
// ---------------------------------------------------------------------------------------------

/** The abstract section's text, without its "Abstract" label. */
function abstractText(doc: Document): string | undefined {
  for (const section of doc.querySelectorAll('section.paper-section')) {
    const label = section.querySelector('.section-label')
    if (cleanText(label?.textContent, LIMITS.fieldLength) === 'Abstract') return fieldText(section, (element) => element === label)
  }
  return undefined
}

/** `citation_publication_date` is the year alone on most pages; a day is a publication date only when given. */
function publishedOn(doc: Document): string | undefined {
  const match = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(metaContent(doc, 'citation_publication_date')?.trim() ?? '')
  return match ? isoDate(match[1] ?? '', Number(match[2]), match[3] ?? '') : undefined
}

/** A DOI the page gives for the paper: its `citation_doi`, else a doi.org link next to the title. */
function doiShown(doc: Document, container: Element): string | undefined {
  const meta = journalDoi(metaContent(doc, 'citation_doi'))
  if (meta) return meta
  for (const link of container.querySelectorAll('a[href*="doi.org/"]')) {
    const doi = doiFromLink(link.getAttribute('href') ?? '')
    if (doi) return doi
  }
  return undefined
}

function abstractCard(doc: Document, paper: NeuripsPaper): FoundCard[] {
  const heading = doc.querySelector('h1.paper-title')
  const container = heading?.parentElement
  if (!heading || !container) return []
  const shownAuthors = commaSeparatedNames(container.querySelector('.paper-authors')?.textContent)
  const shown: Shown = {
    title: fieldText(heading) || (metaContent(doc, 'citation_title') ?? ''),
    // Pages write "Given Family"; the citation tags "Family, Given", which only a page without names needs.
    authors: shownAuthors.length > 0 ? shownAuthors : citationAuthors(doc),
    journalRef: volumeName(doc, paper.year),
    abstract: abstractText(doc),
    published: publishedOn(doc),
    doi: doiShown(doc, container),
  }
  return [{ element: container, controlsAfter: heading, layout: 'detail', ...identityOf(paper, shown.doi), ref: paperRef(paper, shown) }]
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const EXAMPLES = [
  {
    name: 'year',
    url: 'https://proceedings.neurips.cc/paper_files/paper/2023',
    fixture: 'year.html',
    keys: [
      'neurips:0001ca33ba34ce0351e4612b744b3936',
      'neurips:001608167bb652337af5df0129aeaabd',
      'neurips:002262941c9edfd472a79298b2ac5e17',
      'neurips:007f4927e60699392425f267d43f0940',
      'neurips:00b67df24009747e8bbed4c2c6f9c825',
      'neurips:00ba06ba5c324efdfb068865ca44cf0b',
      'neurips:4d9944ab3330fe6af8efb9260aa9f307',
    ],
  },
  {
    name: 'abstract',
    url: 'https://papers.nips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html',
    fixture: 'abstract.html',
    keys: ['neurips:0001ca33ba34ce0351e4612b744b3936'],
  },
  {
    name: 'changedMarkup',
    url: 'https://papers.nips.cc/paper_files/paper/2023',
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
] as const

export const neurips = defineSite({
  id: 'neurips',
  label: 'NeurIPS',
  // Year pages and abstract pages. PDFs, BibTeX and supplements share these paths; `matches` leaves them out.
  pages: HOSTS.flatMap((host) => [`https://${host}/paper_files/paper/*`, `https://${host}/paper/*`]),
  matches: (url) => YEAR_PATH.test(url.pathname) || ABSTRACT_PATH.test(url.pathname),
  findCards: (doc, url) => {
    try {
      const paper = paperOnPath(url.pathname, url.origin)
      if (paper) return abstractCard(doc, paper)
      const year = YEAR_PATH.exec(url.pathname)?.[1]
      return year ? yearCards(doc, year, url.origin) : []
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  reservedSlots: 'ul.paper-list > li',
  examples: EXAMPLES,
})
