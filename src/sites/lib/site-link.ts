/** A link of a page resolved against the site's origin, when it leads to a page of the site's own host. */
export function siteUrl(href: string | null | undefined, origin: string): URL | undefined {
  if (!href) return undefined
  let url: URL
  try {
    url = new URL(href, origin)
  } catch {
    return undefined
  }
  return url.hostname === new URL(origin).hostname ? url : undefined
}
