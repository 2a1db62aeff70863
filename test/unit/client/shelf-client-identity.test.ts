import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CardIdentity, PaperKey, PaperRef } from '../../../src/core/paper'
import { titleMatchKey } from '../../../src/core/title-match'
import { InMemoryBackground } from '../../support/in-memory-background'
import { markValues } from '../paper-fixtures'

/** Pages name a paper by what their cards show; the client maps those names to the paper the shelf stores. */

let background: InMemoryBackground

beforeEach(() => {
  background = new InMemoryBackground()
})

afterEach(() => background.close())

const TITLE = 'Denoising Diffusion Probabilistic Models'
const AUTHORS = ['Jonathan Ho', 'Ajay Jain']
const TITLE_KEY = titleMatchKey(TITLE, AUTHORS)!

const ref = (key: PaperKey, site: string, url: string, extra: Partial<PaperRef> = {}): PaperRef => ({
  key,
  title: TITLE,
  authors: AUTHORS,
  site,
  url,
  ...extra,
})
const ARXIV = ref('arxiv:2006.11239', 'arxiv', 'https://arxiv.org/abs/2006.11239', { arxivId: '2006.11239' })
const SCHOLAR = ref('scholar:4qYdvqRZtXEJ', 'scholar', 'https://scholar.google.com/scholar?cluster=4qYdvqRZtXEJ')

/** What a page's cards show, as the annotator gives it: a title key only when asked. */
function cards(...shown: { key: PaperKey; aliases?: PaperKey[]; titleKey?: string }[]) {
  const asked: [PaperKey, boolean][] = []
  const identify = (key: PaperKey, withTitle: boolean): CardIdentity | undefined => {
    asked.push([key, withTitle])
    const card = shown.find((candidate) => candidate.key === key)
    if (!card) return undefined
    return { key, ...(card.aliases ? { aliases: card.aliases } : {}), ...(withTitle && card.titleKey ? { titleKey: card.titleKey } : {}) }
  }
  return { keys: shown.map((card) => card.key), identify, asked }
}

describe('ShelfClient: one paper under several names', () => {
  it('asks cards with arXiv ids for their titles only when the shelf holds papers known by a site id alone', async () => {
    const client = background.client()
    const page = cards({ key: ARXIV.key, titleKey: TITLE_KEY })
    await client.lookup(page.keys, { identify: page.identify })
    await client.lookupByTitle(page.keys, page.identify)
    expect(background.requestsOf('lookup')).toHaveLength(1)
    expect(page.asked).toEqual([[ARXIV.key, false]])

    await background.store.setMarks(SCHOLAR.key, { starred: true }, SCHOLAR)
    const again = background.client()
    await again.lookup(page.keys, { identify: page.identify })
    expect(again.valuesOf(ARXIV.key).starred).toBe(false)
    await again.lookupByTitle(page.keys, page.identify)
    const [, first, second] = background.requestsOf('lookup')
    expect(first).toEqual({ type: 'lookup', keys: [ARXIV.key] })
    expect(second).toEqual({ type: 'lookup', keys: [ARXIV.key], identities: [{ key: ARXIV.key, titleKey: TITLE_KEY }] })
    expect(again.valuesOf(ARXIV.key).starred).toBe(true)

    // A card already known to carry a mark is not asked again.
    await again.lookupByTitle(page.keys, page.identify)
    expect(background.requestsOf('lookup')).toHaveLength(3)
  })

  it('sends a site id card its title key at once, and paints pushes of the matched paper under the card name', async () => {
    await background.store.setMarks(ARXIV.key, { starred: true }, ARXIV)
    const client = background.client()
    client.connect()
    const page = cards({ key: SCHOLAR.key, titleKey: TITLE_KEY })
    await client.lookup(page.keys, { identify: page.identify })
    expect(background.requestsOf('lookup')).toEqual([
      { type: 'lookup', keys: [SCHOLAR.key], identities: [{ key: SCHOLAR.key, titleKey: TITLE_KEY }] },
    ])
    expect(client.valuesOf(SCHOLAR.key)).toEqual(markValues({ starred: true, read: false }))

    const painted = vi.fn<(keys: ReadonlySet<PaperKey>) => void>()
    client.onChange(painted)
    const other = background.client()
    await other.lookup([ARXIV.key])
    await other.toggle(ARXIV.key, 'read')
    await vi.waitFor(() => expect(client.valuesOf(SCHOLAR.key)).toEqual(markValues({ starred: true, read: true })))
    expect(painted.mock.calls.some(([keys]) => keys.has(SCHOLAR.key))).toBe(true)
  })

  it('toggles a matched card on the stored paper, which then knows the card id', async () => {
    await background.store.setMarks(ARXIV.key, { starred: true }, ARXIV)
    const client = background.client({ keepPapers: true })
    const page = cards({ key: SCHOLAR.key, titleKey: TITLE_KEY })
    await client.lookup(page.keys, { identify: page.identify })
    const paper = await client.toggle(SCHOLAR.key, 'starred', SCHOLAR)
    expect(paper).toMatchObject({ key: ARXIV.key, aliases: [SCHOLAR.key], marks: { starred: { value: false } } })
    expect(client.valuesOf(SCHOLAR.key).starred).toBe(false)
    expect(client.valuesOf(ARXIV.key).starred).toBe(false)
  })

  it('forgets a paper stored under a key that was merged into another, keeping one row for it', async () => {
    await background.store.setMarks(SCHOLAR.key, { starred: true }, SCHOLAR)
    const popup = background.client({ keepPapers: true })
    popup.connect()
    await popup.list()
    expect(popup.papers().map((paper) => paper.key)).toEqual([SCHOLAR.key])

    // An arXiv page marks it: the shelf re-keys it by its arXiv id and pushes it.
    const page = background.client()
    const arxivPage = cards({ key: ARXIV.key, titleKey: TITLE_KEY })
    await page.lookup(arxivPage.keys, { identify: arxivPage.identify })
    await page.lookupByTitle(arxivPage.keys, arxivPage.identify)
    expect(page.valuesOf(ARXIV.key).starred).toBe(true)
    await page.toggle(ARXIV.key, 'read', ARXIV)
    await vi.waitFor(() => expect(popup.papers().map((paper) => paper.key)).toEqual([ARXIV.key]))
    expect(popup.valuesOf(SCHOLAR.key)).toEqual(markValues({ starred: true, read: true }))
    expect(popup.paper(SCHOLAR.key)?.key).toBe(ARXIV.key)
  })

  it('finds a paper by an alias a card shows beside its own id', async () => {
    await background.store.setMarks(
      'doi:10.1000/ddpm',
      { starred: true },
      ref('doi:10.1000/ddpm', 'pubmed', 'https://pubmed.ncbi.nlm.nih.gov/31234567/', { doi: '10.1000/ddpm' }),
    )
    const client = background.client()
    const page = cards({ key: ARXIV.key, aliases: ['doi:10.1000/ddpm'] })
    await client.lookup(page.keys, { identify: page.identify })
    expect(client.valuesOf(ARXIV.key).starred).toBe(true)
    expect(background.requestsOf('lookup')).toEqual([
      { type: 'lookup', keys: [ARXIV.key], identities: [{ key: ARXIV.key, aliases: ['doi:10.1000/ddpm'] }] },
    ])
  })
})
