import { arxivIdFromUrl, arxivKey, cardIdentity, type ArxivId } from '../core/identity'
import { LIMITS } from '../core/limits'
import type { PaperKey, PaperRef } from '../core/paper'
import { cleanText } from '../core/text'
import { authorNames, commaSeparatedNames } from './lib/authors'
import { citationAuthors, metaContent } from './lib/citation-meta'
import { fieldText } from './lib/field-text'
import { withLinkedIds } from './lib/linked-ids'
import { defineSite, withLazyRef, type FoundCard } from './site'

const HOST = 'openaccess.thecvf.com'
const ORIGIN = `https://${HOST}`
const CONFERENCES = ['CVPR', 'ICCV', 'WACV'] as const

/** `/CVPR2024` (with `?day=all` or `?day=<date>`), and the older `/CVPR2020.py?day=<date>`. */
const LISTING_PATH = /^\/(CVPR|ICCV|WACV)(\d{4})(?:\.py)?$/

/** `/content/CVPR2024/html/<stem>_paper.html`, and the older `/content_cvpr_2018/html/<stem>_paper.html`. */
const PAPER_PATH = /^\/content(?:\/(CVPR|ICCV|WACV)(\d{4})|_(cvpr|iccv|wacv)_(\d{4}))\/html\/([^/?#]+)_paper\.html$/i

/** A paper of a conference-year, as its page path names it. */
interface CvfPaper {
  /** `CVPR2024` */
  event: string
  stem: string
  /** The paper page's path, as the site writes it. */
  path: string
}

function paperFromPath(path: string): CvfPaper | undefined {
  const match = PAPER_PATH.exec(path)
  const conference = match?.[1] ?? match?.[3]
  const year = match?.[2] ?? match?.[4]
  const stem = match?.[5]
  return conference && year && stem ? { event: `${conference.toUpperCase()}${year}`, stem, path } : undefined
}

/**
 * The paper a title link names. Listings write `/content/…` or, on the older `.py` pages, a path
 * relative to the site root (`content_CVPR_2020/…`); only other forms need a URL built.
 */
function paperFromHref(href: string, base: string): CvfPaper | undefined {
  if (href.startsWith('/content')) return paperFromPath(href)
  if (href.startsWith('content')) return paperFromPath(`/${href}`)
  let url: URL
  try {
    url = new URL(href, base)
  } catch {
    return undefined
  }
  return url.hostname === HOST ? paperFromPath(url.pathname) : undefined
}

function cvfKey(paper: CvfPaper): PaperKey {
  return `cvf:${paper.event}/${paper.stem}`
}

function identityOf(paper: CvfPaper, arxiv: ArxivId | undefined): { key: PaperKey; aliases?: PaperKey[] } {
  return cardIdentity(arxiv && arxivKey(arxiv.id), cvfKey(paper))
}

/** The arXiv paper one of `links` points to: CVF writes `http://arxiv.org/abs/<id>`. */
function arxivLinkedIn(links: HTMLCollectionOf<Element>): ArxivId | undefined {
  for (let i = 0; i < links.length; i += 1) {
    const href = links[i]?.getAttribute('href')
    const id = href?.includes('arxiv.org/') ? arxivIdFromUrl(href) : null
    if (id) return id
  }
  return undefined
}

/** `CVPR2024` → `CVPR 2024`, the venue a paper of the event appeared at. */
function venueOf(paper: CvfPaper): string {
  return `${paper.event.slice(0, 4)} ${paper.event.slice(4)}`
}

interface Shown {
  title: string
  authors: string[]
  abstract?: string
}

function paperRef(paper: CvfPaper, arxiv: ArxivId | undefined, shown: Shown): PaperRef {
  const ref: PaperRef = {
    ...identityOf(paper, arxiv),
    title: cleanText(shown.title, LIMITS.titleLength) || paper.stem,
    authors: shown.authors,
    site: 'cvf',
    url: `${ORIGIN}${paper.path}`,
    journalRef: venueOf(paper),
  }
  const abstract = cleanText(shown.abstract, LIMITS.abstractLength)
  if (abstract) ref.abstract = abstract
  return withLinkedIds(ref, { arxiv })
}

// ---------------------------------------------------------------------------------------------
// Listings: each entry is a dt.ptitle, a dd of authors, and a dd of links (pdf, supp, arXiv, bibtex)
// ---------------------------------------------------------------------------------------------

/** The `dd`s of the entry `dt` heads: the elements after it up to the next `dt`, at most two. */
function entryDds(dt: Element): Element[] {
  const dds: Element[] = []
  for (let next = dt.nextElementSibling; next && next.localName !== 'dt' && dds.length < 2; next = next.nextElementSibling) {
    if (next.localName === 'dd') dds.push(next)
  }
  return dds
}

function listingEntry(dt: Element, base: string): FoundCard | undefined {
  const link = dt.getElementsByTagName('a')[0]
  const href = link?.getAttribute('href')
  const paper = href ? paperFromHref(href, base) : undefined
  if (!link || !paper) return undefined
  const dds = entryDds(dt)
  const [authorsDd, linksDd] = dds
  const arxiv = linksDd ? arxivLinkedIn(linksDd.getElementsByTagName('a')) : undefined
  return withLazyRef({ element: dt, companions: dds, controlsAfter: link, layout: 'card', ...identityOf(paper, arxiv) }, () => {
    const authorLinks = authorsDd?.getElementsByTagName('a')
    return paperRef(paper, arxiv, {
      title: fieldText(link),
      authors: authorLinks?.length ? authorNames(authorLinks) : commaSeparatedNames(authorsDd?.textContent),
    })
  })
}

function listingCards(doc: Document, base: string): FoundCard[] {
  const cards: FoundCard[] = []
  const dts = doc.querySelectorAll('dt.ptitle')
  for (let i = 0; i < dts.length; i += 1) {
    const dt = dts[i]
    const card = dt ? listingEntry(dt, base) : undefined
    if (card) cards.push(card)
  }
  return cards
}

// ---------------------------------------------------------------------------------------------
// Paper page: /content/<CONF><YYYY>/html/<stem>_paper.html
// ---------------------------------------------------------------------------------------------

function paperPageCard(doc: Document, paper: CvfPaper): FoundCard[] {
  const heading = doc.getElementById('papertitle')
  const container = heading?.parentElement
  if (!heading || !container) return []
  const arxiv = arxivLinkedIn(container.getElementsByTagName('a'))
  const metaAuthors = citationAuthors(doc)
  const ref = paperRef(paper, arxiv, {
    title: fieldText(heading) || (metaContent(doc, 'citation_title') ?? ''),
    authors: metaAuthors.length > 0 ? metaAuthors : commaSeparatedNames(doc.querySelector('#authors i')?.textContent),
    abstract: fieldText(doc.getElementById('abstract')),
  })
  return [{ element: container, controlsAfter: heading, layout: 'detail', ...identityOf(paper, arxiv), ref }]
}

// ---------------------------------------------------------------------------------------------
// The site
// ---------------------------------------------------------------------------------------------

const EXAMPLES = [
  {
    name: 'dayAll',
    url: `${ORIGIN}/CVPR2024?day=all`,
    fixture: 'day-all.html',
    keys: [
      'cvf:CVPR2024/Zeng_Unmixing_Diffusion_for_Self-Supervised_Hyperspectral_Image_Denoising_CVPR_2024',
      'arxiv:2306.09348',
      'arxiv:2404.01424',
      'arxiv:2403.06973',
    ],
  },
  {
    name: 'day2020',
    url: `${ORIGIN}/CVPR2020.py?day=2020-06-16`,
    fixture: 'day-2020.html',
    keys: ['cvf:CVPR2020/Wu_Unsupervised_Learning_of_Probably_Symmetric_Deformable_3D_Objects_From_Images_CVPR_2020'],
  },
  {
    name: 'paper',
    url: `${ORIGIN}/content/CVPR2024/html/Xu_Bayesian_Diffusion_Models_for_3D_Shape_Reconstruction_CVPR_2024_paper.html`,
    fixture: 'paper.html',
    keys: ['arxiv:2403.06973'],
  },
  { name: 'landing', url: `${ORIGIN}/CVPR2024`, fixture: 'landing.html', keys: [], noCards: 'nothingListed' },
  {
    name: 'changedMarkup',
    url: `${ORIGIN}/CVPR2024?day=2024-06-19`,
    fixture: 'changed-markup.html',
    keys: [],
    noCards: 'layoutChanged',
  },
] as const

/** A conference's own page without `day=` that lists its days ("Day 1: 2024-06-19", "All Papers") rather than papers. */
function listsDaysOnly(doc: Document, url: URL): boolean {
  if (!LISTING_PATH.test(url.pathname) || url.searchParams.has('day')) return false
  return doc.querySelector('dt.ptitle') === null && doc.querySelector('#content a[href*="day="]') !== null
}

export const cvf = defineSite({
  id: 'cvf',
  label: 'CVF Open Access',
  pages: CONFERENCES.flatMap((conference) => [
    `${ORIGIN}/${conference}2*`,
    `${ORIGIN}/content/${conference}2*/html/*_paper.html`,
    `${ORIGIN}/content_${conference}_2*/html/*_paper.html`,
    `${ORIGIN}/content_${conference.toLowerCase()}_2*/html/*_paper.html`,
  ]),
  matches: (url) => LISTING_PATH.test(url.pathname) || paperFromPath(url.pathname) !== undefined,
  findCards: (doc, url) => {
    try {
      const paper = paperFromPath(url.pathname)
      return paper ? paperPageCard(doc, paper) : listingCards(doc, url.href)
    } catch {
      // Markup this adapter does not understand is not worth breaking the page over.
      return []
    }
  },
  hasNoPapers: listsDaysOnly,
  reservedSlots: 'dl > dt.ptitle',
  examples: EXAMPLES,
})
