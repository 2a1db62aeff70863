/** A link of a page resolved against the site's origin, when it leads to a page of the site's own host. */
export function siteUrl(href: string | null | undefined, origin: string): URL | undefined {
  if (!href) return undefined
  let url: URL
  try {
    url = new URL(href, origin)
  } catch {
    return undefined
  }
  // Most links are relative, so they share the origin's exact text; only the others need it parsed.
  return url.origin === origin || url.hostname === new URL(origin).hostname ? url : undefined
}
