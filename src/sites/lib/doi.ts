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
