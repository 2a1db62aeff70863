import type { PaperKey, PaperRef } from '../core/paper'
import { LIMITS } from '../core/limits'
import { parseMatchPattern } from './lib/match-pattern'

/** The class of the element holding a card's controls: never part of the text a site reads. */
export const CONTROLS_CLASS = 'paper-shelf-controls'

/** One paper found on a page, and where its controls go. */
export interface FoundCard {
  /** The card element: it carries `data-paper-shelf` and contains the controls. */
  element: Element
  /** Further elements that belong to the same entry and carry its state too (arXiv's `dd`). */
  companions?: Element[]
  /** The controls are inserted right after this element, inside `element` or one of its companions. */
  controlsAfter: Element
  /** `detail` for a single paper's own page, where the state is shown but nothing is dimmed. */
  layout: 'card' | 'detail'
  /** The paper's key: the best identifier the card shows (arXiv id, else DOI, else the site's own id). */
  key: PaperKey
  /** The card's other identifiers of the same paper (the site's own id beside an arXiv id or DOI). */
  aliases?: readonly PaperKey[]
  /** Everything the page shows about the paper. May be read from the page only when first used. */
  readonly ref: PaperRef
}

/** Where papers on the page at `url` were seen, as the reader would name it: the site, then the listing (`arxiv cs.LG/new`). */
export function listingPlace(site: Pick<SiteAdapter, 'id' | 'listingName'>, url: URL): string {
  const listing = site.listingName?.(url) ?? url.pathname.replace(/^\/+|\/+$/g, '')
  return `${site.id} ${listing}`.trim().slice(0, LIMITS.placeLength)
}

/** The block that holds a card's controls on a page with reserved `slots`: its `controlsAfter`, else the card itself. */
export function reservedSlotOf(card: FoundCard, slots: string): Element | undefined {
  if (card.controlsAfter.matches(slots)) return card.controlsAfter
  return card.element.matches(slots) ? card.element : undefined
}

/**
 * A card whose paper details are read from the page the first time they are used (a click, or
 * completing a stored paper), so scanning a page of thousands of entries reads only their keys.
 */
export function withLazyRef(card: Omit<FoundCard, 'ref'>, readRef: () => PaperRef): FoundCard {
  let ref: PaperRef | undefined
  return Object.defineProperty(card, 'ref', { enumerable: true, get: () => (ref ??= readRef()) }) as FoundCard
}

/** A saved page of a site, with the cards the site must find on it. */
export interface SiteExample<Name extends string = string> {
  name: Name
  /** Where the page was saved from. */
  url: string
  /** A file under `test/fixtures/<site id>/`. */
  fixture: string
  /** The keys of the cards on the page, in page order. */
  keys: readonly string[]
  /**
   * Why a page without cards has none: the page says it lists nothing (`hasNoPapers` holds), its
   * markup is one the site does not recognise, or its scripts have not rendered the list yet.
   */
  noCards?: 'nothingListed' | 'layoutChanged' | 'notRenderedYet'
}

interface SiteFacts<Id extends string, ExampleName extends string> {
  readonly id: Id
  /** The site's name as people know it. */
  readonly label: string
  /**
   * Match patterns of the pages the site annotates, and of pages a single-page app navigates from to
   * them without loading a new document: the content script's `matches` are generated from them.
   */
  readonly pages: readonly string[]
  /** Reads the cards of a page. Pure over the DOM: it never modifies the page. */
  findCards(doc: Document, url: URL): FoundCard[]
  /**
   * True when the page itself says it has nothing to list (a search without results, a venue with no
   * papers yet): finding no cards there is no sign of a layout the site changed.
   */
  hasNoPapers?(doc: Document, url: URL): boolean
  /**
   * For pages listing hundreds of papers: a selector of the blocks that hold a card's controls, each a
   * card's `controlsAfter` or else the card element itself, whose `::after` the page leaves alone. From
   * the first paint each keeps free the height the controls take, and the controls go in at its end,
   * so nothing below them moves: thousands of entries then get their controls in short frames, those
   * in view first.
   */
  readonly reservedSlots?: string
  /**
   * How a reader names the listing at `url` (`cs.LG/new`, `daily 2026-11-20`), for the record of where
   * papers were seen. Without it, the page's path names it.
   */
  listingName?(url: URL): string
  readonly examples: readonly SiteExample<ExampleName>[]
}

/** Everything the extension knows about one site. */
export interface Site<Id extends string = string, ExampleName extends string = string> extends SiteFacts<Id, ExampleName> {
  /** The exact hostnames of `pages`. */
  readonly hosts: readonly string[]
  /** Whether the site's cards are read on this page: never true where `pages` do not inject the content script. */
  matches(url: URL): boolean
}

/** What a page needs of its site. */
export type SiteAdapter = Pick<Site, 'id' | 'matches' | 'findCards' | 'hasNoPapers' | 'reservedSlots' | 'listingName'>

interface SiteDeclaration<Id extends string, ExampleName extends string> extends SiteFacts<Id, ExampleName> {
  /** Narrows `pages`, for pages a pattern cannot tell apart. */
  matches?(url: URL): boolean
}

/**
 * A site from its declaration. Its `pages` must be https on exact hosts, so they also give the
 * hosts the extension needs permission for.
 */
export function defineSite<const Id extends string, const ExampleName extends string>(
  declaration: SiteDeclaration<Id, ExampleName>,
): Site<Id, ExampleName> {
  const patterns = declaration.pages.map(parseMatchPattern)
  for (const pattern of patterns) {
    if (pattern.scheme !== 'https' || pattern.host.includes('*')) {
      throw new Error(`${declaration.id}: pages must be https on an exact host, not ${pattern.scheme}://${pattern.host}`)
    }
  }
  const onPages = (url: URL) => patterns.some((pattern) => pattern.matches(url))
  const narrower = declaration.matches
  return {
    id: declaration.id,
    label: declaration.label,
    pages: declaration.pages,
    hosts: [...new Set(patterns.map((pattern) => pattern.host))],
    matches: narrower ? (url) => onPages(url) && narrower(url) : onPages,
    findCards: declaration.findCards,
    ...(declaration.hasNoPapers ? { hasNoPapers: declaration.hasNoPapers } : {}),
    ...(declaration.reservedSlots ? { reservedSlots: declaration.reservedSlots } : {}),
    ...(declaration.listingName ? { listingName: declaration.listingName } : {}),
    examples: declaration.examples,
  }
}
