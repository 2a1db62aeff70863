import { SITES } from './registry'

/** The content script's `matches`: every site's pages. */
export function contentScriptMatches(): string[] {
  return [...new Set(SITES.flatMap((site) => site.pages))]
}

/** `host_permissions`: every site's hosts, so each works right after install. */
export function hostPermissions(): string[] {
  return [...new Set(SITES.flatMap((site) => site.hosts))].sort().map((host) => `https://${host}/*`)
}
