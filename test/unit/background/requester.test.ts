import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXTENSION_PAGE, requesterOf, type Requester } from '../../../src/background/requester'
import { toJsonBackup } from '../../../src/core/backup/backup'
import type { Request, RequestFn } from '../../../src/platform/protocol'
import { InMemoryBackground } from '../../support/in-memory-background'
import { hfRef, storedPaper } from '../paper-fixtures'

const EXTENSION = { id: 'paper-shelf-id', origin: 'chrome-extension://paper-shelf-id/' }
const ARXIV_PAGE: Requester = { kind: 'sitePage', site: 'arxiv' }

const arxivRef = (id: string) => ({ ...hfRef(id), site: 'arxiv', url: `https://arxiv.org/abs/${id}` })

describe('who sent a message', () => {
  it.each<[string, { id?: string; url?: string }, Requester | undefined]>([
    ['the popup', { id: EXTENSION.id, url: `${EXTENSION.origin}src/popup/index.html` }, EXTENSION_PAGE],
    ['the library page in a tab', { id: EXTENSION.id, url: `${EXTENSION.origin}src/library/index.html#starred` }, EXTENSION_PAGE],
    ['the script on an arXiv listing', { id: EXTENSION.id, url: 'https://arxiv.org/list/cs.LG/new' }, ARXIV_PAGE],
    [
      'the script on Hugging Face Papers',
      { id: EXTENSION.id, url: 'https://huggingface.co/papers' },
      { kind: 'sitePage', site: 'huggingface' },
    ],
    ['another extension', { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' }, undefined],
    ['another extension naming our pages', { id: 'someone-else', url: `${EXTENSION.origin}src/popup/index.html` }, undefined],
    ['a page of an unsupported site', { id: EXTENSION.id, url: 'https://evil.example/arxiv.org/list' }, undefined],
    ['a supported host over plain http', { id: EXTENSION.id, url: 'http://arxiv.org/list/cs.LG/new' }, undefined],
    ['a sender without a URL', { id: EXTENSION.id }, undefined],
  ])('%s', (_, sender, expected) => {
    expect(requesterOf(sender, EXTENSION)).toEqual(expected)
  })
})

describe('what a site’s page may ask', () => {
  let background: InMemoryBackground
  let fromArxiv: RequestFn

  beforeEach(async () => {
    background = new InMemoryBackground()
    fromArxiv = background.requestAs(ARXIV_PAGE)
    await background.seed([storedPaper('2401.00001', {}, { starred: true })])
  })

  afterEach(async () => {
    await background.close()
  })

  /** Everything the background stores, to show a refused request changed nothing. */
  const everything = async () => Promise.all(background.db.tables.map((table) => table.toArray()))

  const forged: [string, Request][] = [
    ['the whole shelf', { type: 'list' }],
    ['the papers added last', { type: 'listRecent', limit: 10, order: 'added' }],
    ['an import of papers', { type: 'importPapers', papers: [storedPaper('2401.00009', {}, { starred: true })] }],
    ['deleted papers back', { type: 'restorePapers', papers: [storedPaper('2401.00009', {}, { starred: true })] }],
    [
      'a backup import',
      { type: 'beginImport', header: JSON.parse(toJsonBackup([], new Date()).replace(',"papers":[]', '')), paperCount: 0 },
    ],
    ['a part of a backup', { type: 'addToImport', importId: 'x', papers: [] }],
    ['the end of a backup import', { type: 'finishImport', importId: 'x' }],
    ['deleting papers', { type: 'deletePapers', keys: ['arxiv:2401.00001'] }],
    ['a citation key', { type: 'setCitationKey', key: 'arxiv:2401.00001', citationKey: 'forged2024' }],
    ['tags', { type: 'setMarks', key: 'arxiv:2401.00001', changes: { tags: ['from the page'] } }],
    ['a note', { type: 'setMarks', key: 'arxiv:2401.00001', changes: { note: 'written by the page' } }],
    ['a star on another site’s paper', { type: 'setMarks', key: 'arxiv:2401.00002', changes: { starred: true }, ref: hfRef('2401.00002') }],
    ['completing another site’s papers', { type: 'remember', refs: [hfRef('2401.00001', { abstract: 'Forged.' })] }],
    ['sightings on another site', { type: 'recordSightings', keys: ['arxiv:2401.00003'], place: 'huggingface daily 2026-11-20' }],
    ['forgetting every sighting', { type: 'clearSightings' }],
    ['how many papers were seen', { type: 'countSightings' }],
    ['turning sync on', { type: 'setSetting', name: 'sync', value: true }],
    ['another site’s Hide seen', { type: 'setSetting', name: 'hideSeen:huggingface', value: true }],
    ['how syncing goes', { type: 'getSyncStatus' }],
  ]

  it.each(forged)('is refused %s, and nothing changes', async (_, request) => {
    const before = await everything()
    await expect(fromArxiv(request)).rejects.toThrow(/^Refused: /)
    expect(await everything()).toEqual(before)
  })

  it('may look its cards up, star and read them, complete their details, record its listing and hide what was seen there', async () => {
    const ref = arxivRef('2401.00002')
    await expect(fromArxiv({ type: 'lookup', keys: ['arxiv:2401.00001'] })).resolves.toMatchObject({ found: [{ key: 'arxiv:2401.00001' }] })
    await expect(fromArxiv({ type: 'setMarks', key: ref.key, changes: { starred: true, read: true }, ref })).resolves.toMatchObject({
      paper: { key: ref.key },
    })
    await expect(fromArxiv({ type: 'setMarks', key: 'arxiv:2401.00001', changes: { read: true } })).resolves.toBeDefined()
    await expect(fromArxiv({ type: 'remember', refs: [{ ...ref, abstract: 'Shown on the page.' }] })).resolves.toEqual({ updated: 1 })
    await expect(fromArxiv({ type: 'recordSightings', keys: [ref.key], place: 'arxiv cs.LG/new' })).resolves.toEqual({ recorded: 1 })
    await expect(fromArxiv({ type: 'setSetting', name: 'hideSeen:arxiv', value: true })).resolves.toBeDefined()
    await expect(fromArxiv({ type: 'getSettings' })).resolves.toMatchObject({ settings: { 'hideSeen:arxiv': { value: true } } })
  })

  it('refuses, from Paper Shelf’s own pages too, papers that a backup could not restore', async () => {
    const before = await everything()
    const fromPopup = background.requestAs(EXTENSION_PAGE)
    const future = storedPaper('2401.00009', {}, { starred: { value: true, at: Date.now() + 7 * 24 * 60 * 60 * 1000 } })
    const elsewhere = { ...storedPaper('2401.00008', {}, { starred: true }), links: { arxiv: 'https://evil.example/abs/2401.00008' } }
    await expect(fromPopup({ type: 'importPapers', papers: [future] })).rejects.toThrow(/^Rejected message: /)
    await expect(fromPopup({ type: 'importPapers', papers: [elsewhere] })).rejects.toThrow(/not a link to a supported site/)
    expect(await everything()).toEqual(before)
  })
})
