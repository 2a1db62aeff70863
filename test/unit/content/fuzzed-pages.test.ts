import { readFileSync, statSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ShelfClient } from '../../../src/client/shelf-client'
import { Annotator } from '../../../src/content/annotator'
import type { PageView } from '../../../src/content/mount-slices'
import { fittedRef } from '../../../src/core/fitted-ref'
import { isPaperKey } from '../../../src/core/validation'
import type { RequestFn } from '../../../src/platform/protocol'
import { parsePaperRef } from '../../../src/platform/request-parser'
import { SITES } from '../../../src/sites/registry'
import { CONTROLS_CLASS, type Site, type SiteExample } from '../../../src/sites/site'
import { openSavedPage } from '../sites/saved-page'

/**
 * Every site's reader against damaged copies of one of its saved pages: elements removed or
 * duplicated, attribute values moved to other elements, hostile text and links put in. Whatever the
 * page looks like, the reader must not throw, every card it finds must be one the background accepts,
 * and annotating the cards must finish and add nothing but the extension's own controls, whose text
 * is never taken from the page.
 */

/** Copies per site. */
const VARIANTS = Number(process.env.FUZZ_VARIANTS ?? 1000)
/**
 * Copies damaged in one emulated window before it is closed for a new one: the emulated DOM keeps
 * what each copy allocated until its window closes (about 10 MB a copy of the largest page).
 */
const COPIES_PER_WINDOW = 50

const HOSTILE_TEXT = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '\u202Eevil\u202C',
  '\u200B\u200B\u200B',
  'x'.repeat(10_240),
  '',
  '   ',
  'arXiv:2404.14219v99999',
  '10.1145/<svg onload=alert(1)>',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文 العربية',
]
const HOSTILE_VALUES = [
  'javascript:alert(1)',
  '/abs/2404.14219',
  'https://arxiv.org/abs/2404.14219v3',
  '/papers/2404.14219',
  'https://doi.org/10.1145/3442188.3445922',
  '//evil.example/abs/2404.14219',
  'x'.repeat(5_000),
  '',
  '%E0%A4%A',
  'constructor',
  '__proto__',
]

type Mutation =
  | { kind: 'remove' | 'duplicate'; at: number }
  | { kind: 'moveAttribute'; from: number; to: number }
  | { kind: 'text'; at: number; text: string }
  | { kind: 'attribute'; at: number; name: 'href' | 'id' | 'class' | 'title' | 'data-cid' | 'content'; value: string }

const index = fc.nat({ max: 100_000 })
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const), at: index }),
  fc.record({ kind: fc.constant('moveAttribute' as const), from: index, to: index }),
  fc.record({
    kind: fc.constant('text' as const),
    at: index,
    text: fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 40 })),
  }),
  fc.record({
    kind: fc.constant('attribute' as const),
    at: index,
    name: fc.constantFrom('href' as const, 'id' as const, 'class' as const, 'title' as const, 'data-cid' as const, 'content' as const),
    value: fc.oneof(fc.constantFrom(...HOSTILE_VALUES), fc.string({ maxLength: 40 })),
  }),
)

function apply(doc: Document, change: Mutation): void {
  const elements = [...doc.body.querySelectorAll('*'), ...doc.head.querySelectorAll('meta')]
  if (elements.length === 0) return
  const pick = (at: number) => elements[at % elements.length]!
  switch (change.kind) {
    case 'remove':
      pick(change.at).remove()
      break
    case 'duplicate': {
      // A card or a part of one, not a whole listing: eight doublings of that would be 256 pages.
      const element = pick(change.at)
      if (element.getElementsByTagName('*').length <= 200) element.after(element.cloneNode(true))
      break
    }
    case 'moveAttribute': {
      const [from, to] = [pick(change.from), pick(change.to)]
      const attribute = from.attributes[change.to % Math.max(from.attributes.length, 1)]
      if (attribute) to.setAttribute(attribute.name, attribute.value)
      break
    }
    case 'text':
      pick(change.at).textContent = change.text
      break
    case 'attribute':
      pick(change.at).setAttribute(change.name, change.value)
      break
  }
}

/** A background that knows no paper: annotating then paints every card as unmarked. */
const emptyShelf: RequestFn = async (message) => {
  if (message.type === 'lookup') return { found: [], siteOnly: false, seen: [] } as never
  throw new Error(`unexpected ${message.type}`)
}

/** Frames and tasks that come at once, so that annotating a page runs to its end within the test. */
const instantView: PageView = {
  now: () => 0,
  nextFrame: () => Promise.resolve(),
  nextTask: () => Promise.resolve(),
  hidden: () => false,
  viewportHeight: () => 1000,
}

/** The smallest saved page of the site that has cards, so that a thousand copies stay quick. */
function smallestExample(site: Site): SiteExample {
  const withCards = site.examples.filter((example) => example.keys.length > 0)
  const size = (example: SiteExample) => statSync(new URL(`../../fixtures/${site.id}/${example.fixture}`, import.meta.url)).size
  return withCards.reduce((smallest, example) => (size(example) < size(smallest) ? example : smallest))
}

/** A window holding the saved page, with a pristine copy of its nodes to damage copies of. */
function savedWindow(html: string, example: SiteExample) {
  const page = openSavedPage(html, example.url)
  const pristine = [...page.doc.documentElement.childNodes].map((node) => node.cloneNode(true))
  // The content script's code tests nodes against its window's classes: here, the saved page's.
  Object.assign(globalThis, { Element: page.window.Element, HTMLElement: page.window.HTMLElement })
  return { ...page, pristine }
}

describe.each(SITES.map((site) => [site.id, site] as const))('%s, on damaged pages', (siteId, site) => {
  const example = smallestExample(site)
  const html = readFileSync(new URL(`../../fixtures/${siteId}/${example.fixture}`, import.meta.url), 'utf8')
  const url = new URL(example.url)
  const globals = globalThis as Record<string, unknown>
  const own = { Element: globals.Element, HTMLElement: globals.HTMLElement }
  let page: ReturnType<typeof savedWindow>
  let copies = 0
  async function nextCopy(): Promise<Document> {
    if (copies++ % COPIES_PER_WINDOW === 0) {
      await page?.window.happyDOM.close()
      page = savedWindow(html, example)
    }
    return page.doc
  }
  afterAll(async () => {
    Object.assign(globals, own)
    await page?.window.happyDOM.close()
  })

  it(`never throws, finds only cards the background accepts, and adds nothing but its controls (${VARIANTS} variants of ${example.fixture})`, async () => {
    let cardsSeen = 0
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), async (changes) => {
        const doc = await nextCopy()
        doc.documentElement.replaceChildren(...page.pristine.map((node) => node.cloneNode(true)))
        for (const change of changes) apply(doc, change)
        const before = new Set(doc.querySelectorAll('*'))

        const cards = site.findCards(doc, url)
        cardsSeen += cards.length
        for (const card of cards) {
          expect(isPaperKey(card.key), card.key).toBe(true)
          for (const alias of card.aliases ?? []) expect(isPaperKey(alias), alias).toBe(true)
          const ref = fittedRef(card.ref)
          expect(parsePaperRef(ref)).toEqual({ ok: true, value: ref })
        }

        const reported: unknown[] = []
        const annotator = new Annotator(
          new ShelfClient({ request: emptyShelf, subscribe: () => () => {} }),
          (...problem) => reported.push(problem),
          instantView,
        )
        await annotator.annotate(cards)
        expect(reported).toEqual([])
        const added = [...doc.querySelectorAll('*')].filter((element) => !before.has(element))
        // Anything added that is not one of its own buttons, shown by its markup when there is some.
        const foreign = added.filter((element) => !element.closest(`.${CONTROLS_CLASS}`) || !['SPAN', 'BUTTON'].includes(element.tagName))
        expect(foreign.map((element) => element.outerHTML.slice(0, 200))).toEqual([])
        const controls = [...doc.querySelectorAll(`.${CONTROLS_CLASS}`)]
        expect(controls.length).toBe(new Set(cards.map((card) => card.element)).size)
        for (const control of controls) expect(control.textContent).toMatch(/^(?:Star|Read|\s)*$/)
        annotator.unmountAll()
        doc.documentElement.replaceChildren()
      }),
      { numRuns: VARIANTS },
    )
    // The damage leaves most pages readable: a test of readers that found nothing would prove nothing.
    expect(cardsSeen).toBeGreaterThan(VARIANTS / 2)
  }, 600_000)
})
