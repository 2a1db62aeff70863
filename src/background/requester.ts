import { TOGGLE_IDS, type ToggleId } from '../core/marks'
import { hideSeenSetting } from '../core/settings'
import type { MessageSender, Request, ThisExtension } from '../platform/protocol'
import { siteOfPaperUrl, type SiteId } from '../sites/registry'

/** Who sent a request: one of Paper Shelf's own pages (the popup, the library), or its script on a page of a supported site. */
export type Requester = { kind: 'extensionPage' } | { kind: 'sitePage'; site: SiteId }

export const EXTENSION_PAGE: Requester = { kind: 'extensionPage' }

/**
 * Who sent a message, from what the browser tells: a page of this extension, or this extension's
 * script on a page of a supported site. Undefined for anything else, which is answered with a refusal.
 */
export function requesterOf(sender: MessageSender, extension: ThisExtension): Requester | undefined {
  if (sender.id !== extension.id || sender.url === undefined) return undefined
  if (sender.url.startsWith(extension.origin)) return EXTENSION_PAGE
  const site = siteOfPaperUrl(sender.url)
  return site ? { kind: 'sitePage', site } : undefined
}

const TOGGLES = new Set<string>(TOGGLE_IDS)

function onlyToggles(changes: Record<string, unknown>): boolean {
  return Object.keys(changes).every((id) => TOGGLES.has(id as ToggleId))
}

/**
 * Why the requester may not make this request, or undefined when it may. A site's page may look its
 * cards up, star them and mark them read, complete the details of papers it shows, record what it
 * listed and hide what was seen there; listing the shelf, tags, notes, imports, deletions and the
 * other settings are for Paper Shelf's own pages.
 */
export function refusal(request: Request, from: Requester): string | undefined {
  if (from.kind === 'extensionPage') return undefined
  const { site } = from
  switch (request.type) {
    case 'lookup':
    case 'getSettings':
      return undefined
    case 'setMarks':
      if (!onlyToggles(request.changes)) return `a page of ${site} may only star papers and mark them read`
      return request.ref && request.ref.site !== site ? `a page of ${site} may only mark papers it shows` : undefined
    case 'remember':
      return request.refs.every((ref) => ref.site === site) ? undefined : `a page of ${site} may only complete papers it shows`
    case 'recordSightings':
      return request.place === site || request.place.startsWith(`${site} `)
        ? undefined
        : `a page of ${site} may only record its own listings`
    case 'setSetting':
      return request.name === hideSeenSetting(site) ? undefined : `a page of ${site} may only change whether it hides papers seen`
    default:
      return `only Paper Shelf’s own pages may ask for ${request.type}`
  }
}
