/**
 * A WebExtension match pattern, `<scheme>://<host>/<path>`, as Chrome and Firefox apply it: the
 * path part is a glob (`*` is the only wildcard) matched against the URL's path and query string.
 * Ports and `<all_urls>` are not supported.
 */
export interface MatchPattern {
  /** `*` (http or https) or one scheme. */
  readonly scheme: string
  /** `*`, `*.` and a domain (the domain and its subdomains), or an exact hostname. */
  readonly host: string
  readonly path: string
  matches(url: URL): boolean
}

const PATTERN = /^(\*|[a-z][a-z0-9+.-]*):\/\/(\*|(?:\*\.)?[^/*:]+)(\/.*)$/

function hostMatches(host: string, hostname: string): boolean {
  if (host === '*') return true
  if (host.startsWith('*.')) return hostname === host.slice(2) || hostname.endsWith(host.slice(1))
  return hostname === host
}

function globRegExp(glob: string): RegExp {
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${glob.split('*').map(literal).join('.*')}$`, 's')
}

export function parseMatchPattern(pattern: string): MatchPattern {
  const parts = PATTERN.exec(pattern)
  if (!parts) throw new Error(`Not a supported match pattern: ${pattern}`)
  const [, scheme = '', rawHost = '', path = ''] = parts
  const host = rawHost.toLowerCase()
  const pathGlob = globRegExp(path)
  return {
    scheme,
    host,
    path,
    matches: (url) => {
      const urlScheme = url.protocol.slice(0, -1)
      if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : urlScheme !== scheme) return false
      return hostMatches(host, url.hostname) && pathGlob.test(url.pathname + url.search)
    },
  }
}
