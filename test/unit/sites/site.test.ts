import { describe, expect, it } from 'vitest'
import { parseMatchPattern } from '../../../src/sites/lib/match-pattern'
import { defineSite } from '../../../src/sites/site'

describe('parseMatchPattern', () => {
  it('splits a pattern into scheme, host and path', () => {
    expect(parseMatchPattern('https://Example.org/a*?b')).toMatchObject({ scheme: 'https', host: 'example.org', path: '/a*?b' })
  })

  it.each([
    '<all_urls>',
    'example.org/*',
    'https://example.org',
    'https://example.org:8443/*',
    'https://ex*.org/*',
    'https://*example.org/*',
    'https:///x',
  ])('rejects %s', (pattern) => {
    expect(() => parseMatchPattern(pattern)).toThrow()
  })

  it.each([
    ['https://a.org/p', 'https://a.org/p', true],
    ['https://a.org/p', 'https://a.org/p?x', false],
    ['https://a.org/p', 'https://a.org/p#x', true],
    ['https://a.org/p?*', 'https://a.org/p?x=1&y', true],
    ['https://a.org/p*', 'https://a.org/p-q', true],
    ['https://a.org/p/*', 'https://a.org/p', false],
    ['https://a.org/a.c', 'https://a.org/abc', false],
    ['https://a.org/*', 'http://a.org/', false],
    ['*://a.org/*', 'http://a.org/', true],
    ['*://a.org/*', 'ftp://a.org/', false],
    ['https://*.a.org/*', 'https://a.org/', true],
    ['https://*.a.org/*', 'https://b.a.org/', true],
    ['https://*.a.org/*', 'https://ba.org/', false],
    ['https://*/*', 'https://anything.example/', true],
    ['https://a.org/*', 'https://a.org.evil.example/', false],
  ])('%s on %s: %s', (pattern, url, expected) => {
    expect(parseMatchPattern(pattern).matches(new URL(url))).toBe(expected)
  })
})

const facts = {
  id: 'example',
  label: 'Example',
  findCards: () => [],
  examples: [],
}

describe('defineSite', () => {
  it('takes its hosts from its pages', () => {
    const site = defineSite({ ...facts, pages: ['https://a.org/x/*', 'https://www.a.org/x/*', 'https://a.org/y'] })
    expect(site.hosts).toEqual(['a.org', 'www.a.org'])
    expect(site.id).toBe('example')
  })

  it('matches its pages by default', () => {
    const site = defineSite({ ...facts, pages: ['https://a.org/x/*'] })
    expect(site.matches(new URL('https://a.org/x/1'))).toBe(true)
    expect(site.matches(new URL('https://a.org/y/1'))).toBe(false)
  })

  it('can narrow its pages, never widen them', () => {
    const site = defineSite({ ...facts, pages: ['https://a.org/x/*'], matches: (url) => url.pathname !== '/x/skip' })
    expect(site.matches(new URL('https://a.org/x/1'))).toBe(true)
    expect(site.matches(new URL('https://a.org/x/skip'))).toBe(false)
    expect(site.matches(new URL('https://a.org/y/1'))).toBe(false)
  })

  it.each(['http://a.org/*', '*://a.org/*', 'https://*.a.org/*', 'https://*/*', '<all_urls>'])('refuses the page %s', (page) => {
    expect(() => defineSite({ ...facts, pages: [page] })).toThrow()
  })
})
