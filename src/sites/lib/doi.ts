import { normalizeDoi } from '../../core/identity'
import { LIMITS } from '../../core/limits'

/** A publisher DOI in canonical form. arXiv's own DOIs (10.48550/arXiv.ID) add nothing to the id. */
export function journalDoi(text: string | null | undefined): string | undefined {
  if (!text) return undefined
  const at = text.indexOf('doi.org/')
  const doi = normalizeDoi(at >= 0 ? text.slice(at + 'doi.org/'.length) : text)
  if (!doi || doi.length > LIMITS.keyLength || doi.startsWith('10.48550/arxiv.')) return undefined
  return doi
}

/** `/doi/10.1002/jqs.691`, `/doi/abs/10.…`, `/doi/full/10.…`: the path form publishers use for a DOI. */
const PUBLISHER_DOI_PATH = /\/doi\/(?:(?:abs|full|pdf|epdf|reader)\/)?(10\.\d{4,9}\/[^?#]+?)\/?$/

/**
 * The DOI a link points to: a `doi.org` link, or a publisher URL whose path ends in `/doi/<DOI>`.
 * Other publisher paths that merely contain `10.` may carry extra segments, so they give nothing.
 */
export function doiFromLink(href: string): string | undefined {
  // Both forms contain `doi`, once percent-escapes are decoded: most links need no URL parsing.
  if (!/doi|%/i.test(href)) return undefined
  let url: URL
  try {
    url = new URL(href)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  let path: string
  try {
    path = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  const host = url.hostname.toLowerCase()
  if (host === 'doi.org' || host === 'dx.doi.org') return journalDoi(path.slice(1))
  const match = PUBLISHER_DOI_PATH.exec(path)
  return match?.[1] ? journalDoi(match[1]) : undefined
}
