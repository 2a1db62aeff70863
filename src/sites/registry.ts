import { aclanthology } from './aclanthology'
import { alphaxiv } from './alphaxiv'
import { arxiv } from './arxiv'
import { biorxiv } from './biorxiv'
import { cvf } from './cvf'
import { dblp } from './dblp'
import { huggingface } from './huggingface'
import { medrxiv } from './medrxiv'
import { neurips } from './neurips'
import { openreview } from './openreview'
import { pmlr } from './pmlr'
import { pubmed } from './pubmed'
import { scholar } from './scholar'
import { semanticscholar } from './semanticscholar'
import type { Site } from './site'

/**
 * Every supported site. Adding a site means adding it here; everything else is derived. The order
 * is the order the popup lists where a paper was seen.
 */
export const SITES = [
  arxiv,
  huggingface,
  scholar,
  semanticscholar,
  pubmed,
  biorxiv,
  medrxiv,
  openreview,
  alphaxiv,
  aclanthology,
  cvf,
  pmlr,
  neurips,
  dblp,
] as const

export type SiteId = (typeof SITES)[number]['id']

export const SITE_IDS: readonly SiteId[] = SITES.map((site) => site.id)

export function siteById(id: string): Site<SiteId> | undefined {
  return SITES.find((site) => site.id === id)
}

export function isSiteId(id: string): id is SiteId {
  return siteById(id) !== undefined
}

/** The site whose cards are on the page at `url`. */
export function adapterFor(url: URL): Site<SiteId> | undefined {
  return SITES.find((site) => site.matches(url))
}

/** Whether `url` is an https URL on one of the site's hosts: a link the site could have given. */
export function isSiteLink(siteId: string, url: string): boolean {
  const site = siteById(siteId)
  if (!site) return false
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  return parsed.protocol === 'https:' && site.hosts.includes(parsed.hostname)
}

/** The supported site whose hosts serve `url` (an https URL), if any. */
export function siteOfPaperUrl(url: string): SiteId | undefined {
  return SITES.find((site) => isSiteLink(site.id, url))?.id
}
