import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { HTTPRequest } from 'puppeteer-core'

export const ROOT = resolve(import.meta.dirname, '../..')

export function fixture(site: string, name: string): string {
  return readFileSync(join(ROOT, 'test/fixtures', site, name), 'utf8')
}

/** Serves fixture HTML at real site URLs; everything else gets an empty 404, so tests run offline. */
export type Routes = Record<string, string | (() => string)>

export async function serveRoutes(request: HTTPRequest, routes: Routes): Promise<void> {
  const url = new URL(request.url())
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return request.continue()
  const body = routes[`${url.origin}${url.pathname}${url.search}`] ?? routes[`${url.origin}${url.pathname}`]
  if (body === undefined) return request.respond({ status: 404, contentType: 'text/plain', body: '' })
  return request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: typeof body === 'function' ? body() : body })
}
