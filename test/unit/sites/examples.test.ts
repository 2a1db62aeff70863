import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePaperRef } from '../../../src/platform/request-parser'
import { SITES } from '../../../src/sites/registry'
import { isPaperKey } from '../../../src/core/validation'
import { CONTROLS_CLASS, reservedSlotOf } from '../../../src/sites/site'
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

  it.each(site.examples.filter((example) => example.keys.length > 0).map((example) => [example.name, example] as const))(
    '%s: every card is one the background accepts: canonical keys, and a paper it may store',
    (_, example) => {
      const page = parseSavedPage(readFileSync(fixture(site.id, example.fixture), 'utf8'), example.url)
      for (const card of site.findCards(page.doc, page.url)) {
        for (const key of [card.key, ...(card.aliases ?? [])]) expect(isPaperKey(key), key).toBe(true)
        expect(parsePaperRef(card.ref)).toEqual({ ok: true, value: card.ref })
      }
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

describe.each(SITES.flatMap((site) => (site.reservedSlots ? [[site.id, site, site.reservedSlots] as const] : [])))(
  '%s reserved slots',
  (_, site, slots) => {
    const reserved = site.examples.map((example) => {
      const page = parseSavedPage(readFileSync(fixture(site.id, example.fixture), 'utf8'), example.url)
      const cards = site.findCards(page.doc, page.url)
      return { example, cards, slots: cards.map((card) => reservedSlotOf(card, slots)), matching: [...page.doc.querySelectorAll(slots)] }
    })

    it.each(reserved.map((page) => [page.example.name, page] as const))(
      '%s: are exactly the blocks its cards put their controls in, one per card',
      (_, page) => {
        const used = page.slots.filter((slot) => slot !== undefined)
        expect(new Set(used).size).toBe(used.length)
        expect(new Set(used)).toEqual(new Set(page.matching))
      },
    )

    it.each(reserved.map((page) => [page.example.name, page] as const))(
      '%s: cards read the same details once controls are in their slots',
      (_, page) => {
        const parsed = parseSavedPage(readFileSync(fixture(site.id, page.example.fixture), 'utf8'), page.example.url)
        const before = site.findCards(parsed.doc, parsed.url)
        const refs = before.map((card) => card.ref)
        const after = site.findCards(parsed.doc, parsed.url)
        for (const card of after) {
          const controls = parsed.doc.createElement('span')
          controls.className = CONTROLS_CLASS
          controls.textContent = 'Star Read'
          ;(reservedSlotOf(card, slots) ?? card.controlsAfter).append(controls)
        }
        expect(after.map((card) => card.ref)).toEqual(refs)
      },
    )

    it('cover every card of a long listing', () => {
      const listings = reserved.filter((page) => page.slots.length > 1 && page.slots.every((slot) => slot !== undefined))
      expect(listings.length).toBeGreaterThan(0)
    })
  },
)
