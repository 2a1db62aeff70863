import { LIMITS } from '../../core/limits'
import { cleanText } from '../../core/text'

/** The `citation_*` (Highwire Press) meta tags that article pages carry for reference managers. */

export function metaContent(doc: Document, name: string): string | undefined {
  return doc.querySelector(`meta[name="${name}"]`)?.getAttribute('content') ?? undefined
}

/** `citation_author` is "Last, First"; pages show "First Last". */
export function citationAuthors(doc: Document): string[] {
  const names: string[] = []
  for (const tag of doc.querySelectorAll('meta[name="citation_author"]')) {
    const raw = tag.getAttribute('content') ?? ''
    const comma = raw.indexOf(',')
    const name = cleanText(comma > 0 ? `${raw.slice(comma + 1)} ${raw.slice(0, comma)}` : raw, LIMITS.authorLength)
    if (name) names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}
