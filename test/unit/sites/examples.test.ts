import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SITES } from '../../../src/sites/registry'
import { parseSavedPage } from './saved-page'

const fixture = (siteId: string, file: string) => new URL(`../../fixtures/${siteId}/${file}`, import.meta.url)

describe.each(SITES.map((site) => [site.id, site] as const))('%s examples', (_, site) => {
  it('have unique names, and fixtures that exist', () => {
    expect(new Set(site.examples.map((example) => example.name)).size).toBe(site.examples.length)
    for (const example of site.examples) expect(existsSync(fixture(site.id, example.fixture))).toBe(true)
  })

  it.each(site.examples.map((example) => [example.name, example] as const))(
    '%s: finds exactly the declared cards, in page order',
    (_, example) => {
      const page = parseSavedPage(readFileSync(fixture(site.id, example.fixture), 'utf8'), example.url)
      expect(site.matches(page.url)).toBe(true)
      expect(site.findCards(page.doc, page.url).map((card) => card.key)).toEqual(example.keys)
    },
  )

  it.each(site.examples.map((example) => [example.name, example] as const))(
    '%s: says it has no papers exactly when the page itself lists nothing',
    (_, example) => {
      const page = parseSavedPage(readFileSync(fixture(site.id, example.fixture), 'utf8'), example.url)
      expect(example.noCards !== undefined).toBe(example.keys.length === 0)
      expect(site.hasNoPapers?.(page.doc, page.url) ?? false).toBe(example.noCards === 'nothingListed')
    },
  )
})
