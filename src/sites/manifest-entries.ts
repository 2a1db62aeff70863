import { SITES } from './registry'

/** Where the built extension holds the content script of the site `siteId`. */
export function contentScriptFile(siteId: string): string {
  return `content/${siteId}.js`
}

/**
 * The manifest's `content_scripts`: each site's own script, on that site's pages only. It is injected
 * at document_start, so the browser does not hold the page's load event for it.
 */
export function contentScripts(): { matches: string[]; js: string[]; run_at: 'document_start' }[] {
  return SITES.map((site) => ({ matches: [...site.pages], js: [contentScriptFile(site.id)], run_at: 'document_start' }))
}

/** `host_permissions`: every site's hosts, so each works right after install. */
export function hostPermissions(): string[] {
  return [...new Set(SITES.flatMap((site) => site.hosts))].sort().map((host) => `https://${host}/*`)
}
