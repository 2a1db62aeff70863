import type { PaperKey } from './paper'
import { LIMITS } from './limits'

/** An arXiv identifier without its version, plus the version when one was given. */
export interface ArxivId {
  id: string
  version?: number
}

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d{0,3}))?$/
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(?:\.[A-Za-z]+(?:-[a-z]+)?)?\/(\d{7})(?:v([1-9]\d{0,3}))?$/

/**
 * Parses a bare arXiv identifier such as `2106.09685`, `2106.09685v2`, `hep-th/9901001` or
 * `arXiv:2106.09685`.
 * New-style ids started in April 2007 with 4-digit numbers and switched to 5 digits in January 2015.
 */
export function parseArxivId(text: string): ArxivId | null {
  if (/^arxiv:/i.test(text)) return parseArxivId(text.slice('arxiv:'.length))
  const newStyle = NEW_STYLE.exec(text)
  if (newStyle) {
    const [, yy, mm, number, version] = newStyle as unknown as [string, string, string, string, string?]
    const yymm = Number(yy) * 100 + Number(mm)
    const month = Number(mm)
    if (month < 1 || month > 12 || yymm < 704) return null
    if (yymm < 1501 !== (number.length === 4)) return null
    return withVersion(`${yy}${mm}.${number}`, version)
  }
  const oldStyle = OLD_STYLE.exec(text)
  if (oldStyle) {
    // `math.GT/0309136` is `math/0309136`: the subject class is not part of the identifier.
    const [, archive, number, version] = oldStyle as unknown as [string, string, string, string?]
    return withVersion(`${archive}/${number}`, version)
  }
  return null
}

const CANONICAL_NEW_STYLE = /^\d{4}\.\d{4,5}$/
const CANONICAL_OLD_STYLE = /^[a-z]+(?:-[a-z]+)*\/\d{7}$/
const DIGIT_ZERO = 48

/**
 * Whether the text is an arXiv id exactly as `parseArxivId` would give it, without a version. Checked without
 * allocating: the background runs it on every key of every lookup, thousands at a time.
 */
export function isCanonicalArxivId(text: string): boolean {
  if (!CANONICAL_NEW_STYLE.test(text)) return CANONICAL_OLD_STYLE.test(text)
  const month = (text.charCodeAt(2) - DIGIT_ZERO) * 10 + text.charCodeAt(3) - DIGIT_ZERO
  const yymm = ((text.charCodeAt(0) - DIGIT_ZERO) * 10 + text.charCodeAt(1) - DIGIT_ZERO) * 100 + month
  return month >= 1 && month <= 12 && yymm >= 704 && yymm < 1501 === (text.length === 9)
}

function withVersion(id: string, version: string | undefined): ArxivId {
  return version === undefined ? { id } : { id, version: Number(version) }
}

/** Kinds of key that name a paper on every site, best first; a site's own ids (`pmid:`, `s2:`, …) come after. */
const SHARED_KINDS = ['arxiv', 'doi'] as const

function keyRank(key: PaperKey): number {
  const rank = SHARED_KINDS.findIndex((kind) => key.startsWith(`${kind}:`))
  return rank < 0 ? SHARED_KINDS.length : rank
}

/** Whether the key is an arXiv id or a DOI, which any site may show, rather than one site's own id. */
export function isSharedKey(key: PaperKey): boolean {
  return keyRank(key) < SHARED_KINDS.length
}

/** The key a paper known by all of `keys` is stored under: an arXiv id, else a DOI, else the first. */
export function bestKey(keys: readonly [PaperKey, ...PaperKey[]]): PaperKey {
  return keys.reduce((best, key) => (keyRank(key) < keyRank(best) ? key : best))
}

/** Every identifier of the papers, each once, in order. */
export function identifiersOf(...papers: readonly { key: PaperKey; aliases?: readonly PaperKey[] }[]): PaperKey[] {
  return [...new Set(papers.flatMap((paper) => [paper.key, ...(paper.aliases ?? [])]))]
}

/**
 * The key and aliases of a paper known by every identifier of `sources`: keyed by the best one, the
 * others sorted. Past `LIMITS.aliasCount` aliases, those of the later sources are left out, so that
 * pages naming a paper ever more ways cannot grow it past what a backup restores.
 */
export function paperIdentity(...sources: readonly { key: PaperKey; aliases?: readonly PaperKey[] }[]): {
  key: PaperKey
  aliases?: PaperKey[]
} {
  const ids = identifiersOf(...sources) as [PaperKey, ...PaperKey[]]
  const key = bestKey(ids)
  const aliases = ids
    .filter((id) => id !== key)
    .slice(0, LIMITS.aliasCount)
    .sort()
  return aliases.length > 0 ? { key, aliases } : { key }
}

/** The key and aliases of a card that shows these identifiers (absent ones skipped): keyed by the best. */
export function cardIdentity(...shown: (PaperKey | undefined)[]): { key: PaperKey; aliases?: PaperKey[] } {
  const [key, ...aliases] = shown.filter((id): id is PaperKey => id !== undefined)
  if (key === undefined) throw new Error('a card needs an identifier')
  return paperIdentity({ key, aliases })
}

export function arxivKey(id: string): PaperKey {
  return `arxiv:${id}`
}

/** The identifier as arXiv writes it: `2106.09685v2`, or without a version when none is known. */
export function formatArxivId({ id, version }: ArxivId): string {
  return version === undefined ? id : `${id}v${version}`
}

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org'])
const ALPHAXIV_HOSTS = new Set(['alphaxiv.org', 'www.alphaxiv.org'])
const ARXIV_PATH = /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?\/?$/
const ARXIV_DOI_PREFIX = '10.48550/arxiv.'
/** Text every link `arxivIdFromUrl` recognises contains, so most links need no URL parsing. */
const ARXIV_LINK_HINT = /arxiv|alphaxiv|huggingface|doi|%/i

/**
 * The arXiv paper a link points to: arXiv's abstract, PDF, HTML and format pages (also on
 * export.arxiv.org), Hugging Face paper pages, alphaXiv abstract pages and arXiv DOIs.
 * `base` resolves relative links such as `/abs/2106.09685`.
 */
export function arxivIdFromUrl(href: string, base?: string): ArxivId | null {
  if (!ARXIV_LINK_HINT.test(href) && !(base !== undefined && ARXIV_LINK_HINT.test(base))) return null
  let url: URL
  try {
    url = new URL(href, base)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  const host = url.hostname.toLowerCase()
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (ARXIV_HOSTS.has(host)) {
    const match = ARXIV_PATH.exec(path)
    return match?.[1] ? parseArxivId(match[1]) : null
  }
  if (host === 'huggingface.co') return arxivIdFromHuggingFacePath(path)
  if (ALPHAXIV_HOSTS.has(host)) {
    const match = /^\/abs\/(.+?)\/?$/.exec(path)
    return match?.[1] ? parseArxivId(match[1]) : null
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = normalizeDoi(path.slice(1))
    return doi ? arxivIdFromDoi(doi) : null
  }
  return null
}

/** The arXiv id inside an arXiv DOI (`10.48550/arXiv.2106.09685`), or null for any other DOI. */
export function arxivIdFromDoi(doi: string): ArxivId | null {
  const normalized = normalizeDoi(doi)
  if (!normalized?.startsWith(ARXIV_DOI_PREFIX)) return null
  const parsed = parseArxivId(normalized.slice(ARXIV_DOI_PREFIX.length))
  return parsed && parsed.version === undefined ? parsed : null
}

const DOI_PREFIXES = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i
const DOI_SHAPE = /^10\.\d{4,9}\/\S+$/

/**
 * A DOI in canonical form: without `https://doi.org/` or `doi:`, trailing punctuation removed,
 * lower-cased (DOIs are case-insensitive). Null when the text is not a DOI.
 */
export function normalizeDoi(text: string): string | null {
  let doi = text.trim().replace(DOI_PREFIXES, '')
  try {
    if (/%[0-9a-f]{2}/i.test(doi)) doi = decodeURIComponent(doi)
  } catch {
    return null
  }
  doi = doi.replace(/[.,;:)\]'"]+$/, '').toLowerCase()
  return DOI_SHAPE.test(doi) ? doi : null
}

/** The key of a paper known by a DOI: its arXiv key for arXiv DOIs, else `doi:<normalised doi>`. */
export function paperKeyFromDoi(doi: string): PaperKey | null {
  const arxiv = arxivIdFromDoi(doi)
  if (arxiv) return arxivKey(arxiv.id)
  const normalized = normalizeDoi(doi)
  return normalized ? `doi:${normalized}` : null
}

export function arxivDoi(id: string): string {
  return `10.48550/arXiv.${id}`
}

const HF_PAPER_PATH = /^\/papers\/(\d{4}\.\d{4,5})\/?$/

/** The arXiv id of a Hugging Face paper page path (`/papers/2106.09685`), or null for any other path. */
export function arxivIdFromHuggingFacePath(pathname: string): ArxivId | null {
  const match = HF_PAPER_PATH.exec(pathname)
  return match?.[1] ? parseArxivId(match[1]) : null
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`
}

export function huggingFacePaperUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`
}

/** A PMLR paper's id: its volume and its key in the volume, `v202/dutordoir23a`. */
export const PMLR_ID = /^v\d{1,4}\/[A-Za-z0-9_-]+$/

/**
 * A dblp record key: a kind, then two or three path segments (`conf/nips/VaswaniSPUJGKP17`,
 * `journals/corr/abs-2303-14702`, `books/sp/22/LazaroAFCGGCCVFHSPS22`). No segment starts with a dot.
 */
export const DBLP_KEY = /^[a-z]+(?:\/[\w-][\w.-]*){2,3}$/

/**
 * A CVF open access paper page: `/content/CVPR2024/html/<stem>_paper.html`. Until 2020 the site kept
 * papers under `/content_<conf>_<yyyy>/`, lower-case for CVPR up to 2018 and ICCV up to 2015.
 */
export function cvfPaperUrl(event: string, stem: string): string {
  const conference = event.slice(0, 4)
  const year = Number(event.slice(4))
  const lower = (conference === 'CVPR' && year <= 2018) || (conference === 'ICCV' && year <= 2015)
  const folder = year >= 2021 ? `content/${event}` : `content_${lower ? conference.toLowerCase() : conference}_${year}`
  return `https://openaccess.thecvf.com/${folder}/html/${stem}_paper.html`
}

/** A PMLR paper's page, from its id (`v202/dutordoir23a`). */
export function pmlrUrl(id: string): string {
  return `https://proceedings.mlr.press/${id}.html`
}

/** A dblp record's page, from its key (`conf/nips/VaswaniSPUJGKP17`). */
export function dblpRecordUrl(key: string): string {
  return `https://dblp.org/rec/${key}.html`
}

/** A PubMed article's page. */
export function pubmedUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`
}

/** The id part of a paper's first identifier of this kind (`doi`, `pmid`, …), its key first, then its aliases. */
export function identifierOfKind(paper: { key: PaperKey; aliases?: readonly PaperKey[] }, kind: string): string | undefined {
  const id = identifiersOf(paper).find((key) => key.startsWith(`${kind}:`))
  return id?.slice(kind.length + 1)
}

/** A paper's PubMed id, from its `pmid:` key or alias. */
export function pmidOf(paper: { key: PaperKey; aliases?: readonly PaperKey[] }): string | undefined {
  const pmid = identifierOfKind(paper, 'pmid')
  return pmid !== undefined && /^\d+$/.test(pmid) ? pmid : undefined
}
