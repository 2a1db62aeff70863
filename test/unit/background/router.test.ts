import { EXTENSION_PAGE } from '../../../src/background/requester'
import { papersOnShelf } from '../../support/papers-on-shelf'
import Dexie from 'dexie'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ShelfDatabase } from '../../../src/background/database'
import { PaperStore } from '../../../src/background/paper-store'
import { routeMessage } from '../../../src/background/router'
import { ShelfStores } from '../../../src/background/shelf-stores'
import { toJsonBackup } from '../../../src/core/backup/backup'
import type { Paper } from '../../../src/core/paper'
import type { StoredSettings } from '../../../src/core/settings'
import { sendBackup } from '../../../src/client/send-backup'
import { LIMITS } from '../../../src/core/limits'
import { unwrapReply, type ImportProgress, type ImportSummary, type Push, type RequestFn } from '../../../src/platform/protocol'
import { hfRef, marks, storedPaper } from '../paper-fixtures'

let db: ShelfDatabase
let stores: ShelfStores
let store: PaperStore
let notified: Paper[][]
let settingsPushed: StoredSettings[]
let progress: ImportProgress[]
const notify = (push: Push) => {
  if (push.type === 'papersChanged') notified.push(push.papers)
  else if (push.type === 'settingsChanged') settingsPushed.push(push.settings)
  else if (push.type === 'importProgress') progress.push(push)
}

/** Sends a request through the router as a page would: its data, or the error it answered. */
const request: RequestFn = async (message) => unwrapReply(await routeMessage(stores, message, EXTENSION_PAGE, notify))

/** Imports a backup file's text as the popup does, in parts; the reply the popup would show. */
async function importText(text: string): Promise<({ ok: true } & ImportSummary) | { ok: false; error: string }> {
  try {
    return { ok: true, ...(await sendBackup(text, { request })) }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
}

beforeEach(() => {
  db = new ShelfDatabase(`test-${crypto.randomUUID()}`)
  stores = new ShelfStores(db)
  store = stores.papers
  notified = []
  settingsPushed = []
  progress = []
})

afterEach(async () => {
  await db.delete()
})

const malformed: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'lookup'],
  ['an array', [{ type: 'lookup', keys: [] }]],
  ['no type', { keys: [] }],
  ['an unknown type', { type: 'deleteEverything' }],
  ['a prototype-polluting type', { type: '__proto__' }],
  ['lookup without keys', { type: 'lookup' }],
  ['lookup with a non-string key', { type: 'lookup', keys: [42] }],
  ['lookup with a key of no known form', { type: 'lookup', keys: ['2404.14219'] }],
  ['lookup with too many keys', { type: 'lookup', keys: Array.from({ length: 5001 }, (_, i) => `arxiv:${i}`) }],
  ['the old setFlags request', { type: 'setFlags', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219') }],
  ['setMarks without a key', { type: 'setMarks', changes: { starred: true }, ref: hfRef('2404.14219') }],
  ['setMarks without changes', { type: 'setMarks', key: 'arxiv:2404.14219', changes: {} }],
  ['setMarks with no changes field', { type: 'setMarks', key: 'arxiv:2404.14219' }],
  ['setMarks with changes as a list', { type: 'setMarks', key: 'arxiv:2404.14219', changes: [['starred', true]] }],
  ['setMarks with a number for a mark', { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: 1 } }],
  ['setMarks with text for a mark', { type: 'setMarks', key: 'arxiv:2404.14219', changes: { read: 'true' } }],
  ['setMarks with null for a mark', { type: 'setMarks', key: 'arxiv:2404.14219', changes: { read: null } }],
  ['setMarks with a stamped mark', { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: { value: true, at: 1 } } }],
  ['setMarks with an unknown mark', { type: 'setMarks', key: 'arxiv:2404.14219', changes: { deleted: true } }],
  [
    'setMarks with an unknown mark beside a known one',
    { type: 'setMarks', key: 'arxiv:2404.00001', changes: { read: true, pinned: true } },
  ],
  ['setMarks with an inherited name for a mark', { type: 'setMarks', key: 'arxiv:2404.00001', changes: { constructor: true } }],
  ['setMarks with a __proto__ mark', { type: 'setMarks', key: 'arxiv:2404.00001', changes: JSON.parse('{"__proto__":true}') }],
  ['setMarks with an old flag name', { type: 'setMarks', key: 'arxiv:2404.00001', changes: { starredChangedAt: 5 } }],
  [
    'setMarks whose paper does not match the key',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.99999') },
  ],
  [
    'setMarks with a javascript: url',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { url: 'javascript:alert(1)' }) },
  ],
  [
    'setMarks with an empty title',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { title: '' }) },
  ],
  [
    'setMarks with a 10 KB title',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { title: 'x'.repeat(10_240) }) },
  ],
  [
    'setMarks with authors that are not strings',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), authors: [{ name: 'A' }] } },
  ],
  [
    'setMarks with an unknown site',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), site: 'evil' } },
  ],
  [
    'setMarks with an extra field',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), starred: 1 } },
  ],
  [
    'setMarks with marks in the paper',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), marks: {} } },
  ],
  [
    'setMarks with another site’s link',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { site: 'arxiv' }) },
  ],
  [
    'setMarks with a link off the site',
    {
      type: 'setMarks',
      key: 'arxiv:2404.14219',
      changes: { starred: true },
      ref: hfRef('2404.14219', { url: 'https://evil.example/papers/2404.14219' }),
    },
  ],
  [
    'setMarks with an http link',
    {
      type: 'setMarks',
      key: 'arxiv:2404.14219',
      changes: { starred: true },
      ref: hfRef('2404.14219', { url: 'http://huggingface.co/papers/2404.14219' }),
    },
  ],
  [
    'setMarks with an inherited site name',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { site: 'toString' }) },
  ],
  [
    'setMarks with no site',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: { ...hfRef('2404.14219'), site: undefined } },
  ],
  ['remember with a bad paper', { type: 'remember', refs: [hfRef('2404.14219'), { key: 'arxiv:1' }] }],
  [
    'setMarks whose aliases include its key',
    { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219', { aliases: ['arxiv:2404.14219'] }) },
  ],
  [
    'setMarks with an alias that is not a key',
    {
      type: 'setMarks',
      key: 'arxiv:2404.14219',
      changes: { starred: true },
      ref: hfRef('2404.14219', { aliases: ['javascript:alert(1) x'] }),
    },
  ],
  [
    'setMarks with too many aliases',
    {
      type: 'setMarks',
      key: 'arxiv:2404.14219',
      changes: { starred: true },
      ref: hfRef('2404.14219', { aliases: Array.from({ length: 51 }, (_, i) => `pmid:${i + 1}`) }),
    },
  ],
  ['lookup with identities that are not a list', { type: 'lookup', keys: ['arxiv:2404.14219'], identities: {} }],
  ['lookup with an identity without key', { type: 'lookup', keys: ['arxiv:2404.14219'], identities: [{ titleKey: 'a b c d|e' }] }],
  ['lookup with a 10 KB title key', { type: 'lookup', keys: ['pmid:1'], identities: [{ key: 'pmid:1', titleKey: 'x'.repeat(10_240) }] }],
  ['lookup with an extra identity field', { type: 'lookup', keys: ['pmid:1'], identities: [{ key: 'pmid:1', marks: {} }] }],
  [
    'lookup with duplicate aliases',
    { type: 'lookup', keys: ['pmid:1'], identities: [{ key: 'pmid:1', aliases: ['doi:10.1/a', 'doi:10.1/a'] }] },
  ],
  ['recordSightings without a place', { type: 'recordSightings', keys: ['arxiv:2404.14219'] }],
  ['recordSightings with an empty place', { type: 'recordSightings', keys: ['arxiv:2404.14219'], place: '' }],
  ['recordSightings with a 10 KB place', { type: 'recordSightings', keys: ['arxiv:2404.14219'], place: 'x'.repeat(10_240) }],
  ['recordSightings with a bad key', { type: 'recordSightings', keys: ['<img src=x onerror=alert(1)>'], place: 'arxiv cs.LG/new' }],
  ['setMarks on a key of no known kind', { type: 'setMarks', key: 'javascript:alert(1)', changes: { starred: true } }],
  ['setMarks on an inherited kind', { type: 'setMarks', key: 'constructor:constructor', changes: { starred: true } }],
  ['lookup of a prototype key', { type: 'lookup', keys: ['x:__proto__'] }],
  ['lookup of a key not in its canonical form', { type: 'lookup', keys: ['arxiv:2404.14219v2'] }],
  ['deletePapers of a key of no known kind', { type: 'deletePapers', keys: ['javascript:alert(1)'] }],
  ['recordSightings with keys as text', { type: 'recordSightings', keys: 'arxiv:2404.14219', place: 'arxiv cs.LG/new' }],
  ['setSetting with an unknown name', { type: 'setSetting', name: 'telemetry', value: true }],
  ['setSetting for an unknown site', { type: 'setSetting', name: 'hideSeen:example', value: true }],
  ['setSetting with an inherited name', { type: 'setSetting', name: 'constructor', value: true }],
  ['setSetting with text for a value', { type: 'setSetting', name: 'shortcuts', value: 'false' }],
  ['the old importBackup request', { type: 'importBackup', text: '{"format":"paper-shelf-backup","version":6,"papers":[]}' }],
  ['beginImport without a header', { type: 'beginImport', paperCount: 1 }],
  ['beginImport with a header as text', { type: 'beginImport', header: '{"format":"paper-shelf-backup"}', paperCount: 1 }],
  ['beginImport without a count', { type: 'beginImport', header: { format: 'paper-shelf-backup', version: 6 } }],
  ['beginImport with a negative count', { type: 'beginImport', header: { format: 'paper-shelf-backup', version: 6 }, paperCount: -1 }],
  ['beginImport with a fractional count', { type: 'beginImport', header: { format: 'paper-shelf-backup', version: 6 }, paperCount: 1.5 }],
  ['addToImport without an id', { type: 'addToImport', papers: [] }],
  ['addToImport with a 10 KB id', { type: 'addToImport', importId: 'x'.repeat(10_240), papers: [] }],
  ['addToImport with papers as an object', { type: 'addToImport', importId: 'c0ffee', papers: { 0: {} } }],
  ['finishImport without an id', { type: 'finishImport' }],
  ['finishImport with a number for an id', { type: 'finishImport', importId: 7 }],
]

describe('routeMessage', () => {
  it.each(malformed)('rejects %s with an error and changes nothing', async (_name, message) => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const before = [await db.papers.toArray(), await db.marks.toArray()]
    const reply = await routeMessage(stores, message, EXTENSION_PAGE, notify)
    expect(reply.ok).toBe(false)
    expect(reply.ok ? '' : reply.error).toMatch(/^Rejected message: /)
    expect([await db.papers.toArray(), await db.marks.toArray()]).toEqual(before)
    expect(notified).toEqual([])
  })

  it('starts writing a change in the task that received it: nothing waits for a timer or a batch', async () => {
    await db.open()
    const transaction = vi.spyOn(db, 'transaction')
    const reply = routeMessage(
      stores,
      { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219') },
      EXTENSION_PAGE,
      notify,
    )
    // Called before anything was awaited: a browser closed right after the click loses as little as can be.
    expect(transaction).toHaveBeenCalledTimes(1)
    expect(await reply).toMatchObject({ ok: true })
  })

  it('stars a paper, answers with it and notifies every page', async () => {
    const reply = await routeMessage(
      stores,
      { type: 'setMarks', key: 'arxiv:2404.14219', changes: { starred: true }, ref: hfRef('2404.14219') },
      EXTENSION_PAGE,
      notify,
    )
    expect(reply).toMatchObject({
      ok: true,
      paper: { key: 'arxiv:2404.14219', marks: { starred: { value: true }, read: { value: false, at: 0 } } },
    })
    expect(notified).toHaveLength(1)
    expect(notified[0]?.[0]).toMatchObject({ key: 'arxiv:2404.14219', marks: { starred: { value: true } } })
    expect(notified[0]?.[0]).toEqual(reply.ok && 'paper' in reply ? reply.paper : undefined)
  })

  it('says which mark or value is wrong', async () => {
    const error = async (changes: unknown) => {
      const reply = await routeMessage(
        stores,
        { type: 'setMarks', key: 'arxiv:2404.14219', changes, ref: hfRef('2404.14219') },
        EXTENSION_PAGE,
        notify,
      )
      return reply.ok ? '' : reply.error
    }
    expect(await error({ pinned: true })).toBe('Rejected message: unknown mark "pinned"')
    expect(await error({ starred: 1 })).toBe('Rejected message: starred must be true or false')
    expect(await error({})).toBe('Rejected message: changes must set one of starred, read, tags, note')
    expect(await error(undefined)).toBe('Rejected message: changes must be an object')
    expect(await routeMessage(stores, { type: 'setFlags' }, EXTENSION_PAGE, notify)).toEqual({
      ok: false,
      error: 'Rejected message: unknown message type "setFlags"',
    })
  })

  it('marks a paper seen on arXiv, from any of arXiv’s paper hosts', async () => {
    for (const [id, url] of [
      ['2404.00011', 'https://arxiv.org/abs/2404.00011'],
      ['2404.00012', 'https://www.arxiv.org/abs/2404.00012'],
    ] as const) {
      const reply = await routeMessage(
        stores,
        { type: 'setMarks', key: `arxiv:${id}`, changes: { read: true }, ref: hfRef(id, { site: 'arxiv', url }) },
        EXTENSION_PAGE,
        notify,
      )
      expect(reply).toMatchObject({ ok: true, paper: { links: { arxiv: url }, marks: { read: { value: true } } } })
    }
  })

  it('answers a lookup with the marks of known papers', async () => {
    await store.setMarks('arxiv:2404.14219', { read: true }, hfRef('2404.14219'))
    const reply = await routeMessage(stores, { type: 'lookup', keys: ['arxiv:2404.14219', 'arxiv:2404.00000'] }, EXTENSION_PAGE, notify)
    const [stored] = await db.marks.toArray()
    expect(reply).toEqual({ ok: true, found: [{ key: 'arxiv:2404.14219', marks: stored!.marks }], siteOnly: false, seen: [] })
    expect(stored!.marks).toMatchObject({ starred: { value: false, at: 0 }, read: { value: true } })
    expect(notified).toEqual([])
  })

  it('turns a store failure into an error reply', async () => {
    const reply = await routeMessage(stores, { type: 'setMarks', key: 'arxiv:2404.14219', changes: { read: true } }, EXTENSION_PAGE, notify)
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('not on the shelf') })
    expect(notified).toEqual([])
  })

  it('says the disk is full, and what to do, when a write fails for quota; nothing is written', async () => {
    const quota = new Dexie.AbortError('Transaction aborted', new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    vi.spyOn(db.marks, 'put').mockRejectedValueOnce(quota)
    vi.spyOn(db.papers, 'put').mockRejectedValueOnce(quota)
    const reply = await routeMessage(
      stores,
      { type: 'setMarks', key: 'arxiv:2404.14219', changes: { read: true }, ref: hfRef('2404.14219') },
      EXTENSION_PAGE,
      notify,
    )
    expect(reply).toEqual({
      ok: false,
      error: 'The disk, or the browser’s storage, is full. Free some disk space and try again; nothing already on your shelf was lost.',
    })
    expect(await db.marks.count()).toBe(0)
    expect(notified).toEqual([])
  })

  it('says storage cannot be used, and what to do, when the database is closed', async () => {
    db.close({ disableAutoOpen: true })
    const reply = await routeMessage(stores, { type: 'lookup', keys: ['arxiv:2404.14219'] }, EXTENSION_PAGE, notify)
    expect(reply.ok).toBe(false)
    expect(reply.ok ? '' : reply.error).toMatch(
      /^Paper Shelf’s storage could not be used \(the browser said: .+\)\. Free some disk space or restart the browser, then try again; if your shelf then looks empty, restore your last backup \(Export → Import backup\)\.$/,
    )
  })

  it('lists the shelf', async () => {
    await store.setMarks('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    const reply = await routeMessage(stores, { type: 'list' }, EXTENSION_PAGE, notify)
    expect(reply.ok && 'papers' in reply ? reply.papers.map((paper) => paper.key) : []).toEqual(['arxiv:2404.14219'])
  })

  it('notifies only papers whose details really changed', async () => {
    await store.setMarks('arxiv:2404.14219', { starred: true }, hfRef('2404.14219'))
    notified = []
    const unchanged = await routeMessage(stores, { type: 'remember', refs: [hfRef('2404.14219')] }, EXTENSION_PAGE, notify)
    expect(unchanged).toEqual({ ok: true, updated: 0 })
    expect(notified).toEqual([])
    const changed = await routeMessage(
      stores,
      { type: 'remember', refs: [hfRef('2404.14219', { abstract: 'New.' })] },
      EXTENSION_PAGE,
      notify,
    )
    expect(changed).toEqual({ ok: true, updated: 1 })
    expect(notified).toHaveLength(1)
  })
})

/** A version 1 backup as the released extension wrote it: flat flags, each with its time. */
const VERSION_1_FILE = `{"format":"paper-shelf-backup","version":1,"exportedAt":"2026-06-01T08:00:00.000Z","papers":[
{"key":"arxiv:2404.00001","title":"Phi-3","authors":["Marah Abdin"],"arxivId":"2404.00001","links":{"huggingface":"https://huggingface.co/papers/2404.00001"},"starred":0,"read":1,"addedAt":100,"starredChangedAt":5000,"readChangedAt":300,"metadataChangedAt":100},
{"key":"arxiv:2404.00006","title":"Another","authors":[],"arxivId":"2404.00006","links":{"arxiv":"https://arxiv.org/abs/2404.00006"},"starred":1,"read":0,"addedAt":200,"starredChangedAt":200,"readChangedAt":200,"metadataChangedAt":200}
]}`

describe('sightings and settings', () => {
  it('records sightings and answers lookups with the keys seen before', async () => {
    const recorded = await routeMessage(
      stores,
      { type: 'recordSightings', keys: ['arxiv:2404.14219', 'arxiv:2404.14219'], place: 'arxiv cs.LG/new' },
      EXTENSION_PAGE,
      notify,
    )
    expect(recorded).toEqual({ ok: true, recorded: 1 })
    const reply = await routeMessage(stores, { type: 'lookup', keys: ['arxiv:2404.14219', 'arxiv:2404.00000'] }, EXTENSION_PAGE, notify)
    expect(reply).toEqual({ ok: true, found: [], siteOnly: false, seen: ['arxiv:2404.14219'] })
    expect(await routeMessage(stores, { type: 'countSightings' }, EXTENSION_PAGE, notify)).toEqual({ ok: true, count: 1 })
    expect(await routeMessage(stores, { type: 'clearSightings' }, EXTENSION_PAGE, notify)).toEqual({ ok: true, cleared: 1 })
    expect(await routeMessage(stores, { type: 'lookup', keys: ['arxiv:2404.14219'] }, EXTENSION_PAGE, notify)).toMatchObject({ seen: [] })
    expect(notified).toEqual([])
  })

  it('changes a setting and pushes every setting to the other pages', async () => {
    expect(await routeMessage(stores, { type: 'getSettings' }, EXTENSION_PAGE, notify)).toEqual({ ok: true, settings: {} })
    const reply = await routeMessage(stores, { type: 'setSetting', name: 'hideSeen:arxiv', value: true }, EXTENSION_PAGE, notify)
    const settings = { 'hideSeen:arxiv': { value: true, at: expect.any(Number) } }
    expect(reply).toEqual({ ok: true, settings })
    expect(settingsPushed).toEqual([settings])
    expect(await routeMessage(stores, { type: 'getSettings' }, EXTENSION_PAGE, notify)).toEqual({ ok: true, settings })
  })

  it('restores a backup’s settings with its papers, keeping the newer choice of each', async () => {
    await routeMessage(stores, { type: 'setSetting', name: 'shortcuts', value: false }, EXTENSION_PAGE, notify)
    settingsPushed = []
    const later = Date.now() + 60_000
    const text = toJsonBackup([storedPaper('2404.00003', {}, { starred: true })], new Date(), {
      shortcuts: { value: true, at: 1 },
      seenTracking: { value: false, at: later },
    })
    expect(await importText(text)).toMatchObject({ ok: true, added: 1 })
    const settings = await stores.settings.all()
    expect(settings).toEqual({ shortcuts: { value: false, at: expect.any(Number) }, seenTracking: { value: false, at: later } })
    expect(settingsPushed).toEqual([settings])
  })

  it('imports nothing from a backup whose settings are damaged', async () => {
    const text = toJsonBackup([storedPaper('2404.00003', {}, { starred: true })], new Date(), {
      shortcuts: { value: 'off', at: 1 } as never,
    })
    const reply = await importText(text)
    expect(reply).toEqual({
      ok: false,
      error: 'Nothing was imported. This backup\'s settings are damaged: setting "shortcuts" must be true or false.',
    })
    expect(await db.papers.count()).toBe(0)
    expect(await stores.settings.all()).toEqual({})
  })

  it('records the version a paper was read at, from the page that showed it', async () => {
    const reply = await routeMessage(
      stores,
      { type: 'setMarks', key: 'arxiv:2404.14219', changes: { read: true }, ref: hfRef('2404.14219', { version: 2 }) },
      EXTENSION_PAGE,
      notify,
    )
    expect(reply).toMatchObject({ ok: true, paper: { version: 2, marks: { read: { value: true, version: 2 } } } })
  })
})

describe('importing a backup', () => {
  const backupOf = (papers: Paper[]) => toJsonBackup(papers, new Date('2026-11-22T10:00:00Z'))

  it('adds, updates and leaves papers as the timestamps say, and tells every page', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const [mine] = await papersOnShelf(store)
    notified = []
    const newerRead = { ...mine!, marks: { ...mine!.marks, read: { value: true, at: mine!.marks.read.at + 1000 } } }
    const fresh = storedPaper('2404.00002', {}, { starred: true })
    const reply = await importText(backupOf([newerRead, fresh]))
    expect(reply).toEqual({ ok: true, added: 1, updated: 1, unchanged: 0 })
    expect((await db.marks.get('arxiv:2404.00001'))!.marks).toEqual(
      marks({
        starred: mine!.marks.starred,
        read: { value: true, at: mine!.marks.read.at + 1000 },
      }),
    )
    expect((await db.marks.get('arxiv:2404.00002'))!.marks).toEqual(fresh.marks)
    expect(await db.papers.get('arxiv:2404.00002')).toMatchObject({ title: 'Paper 2404.00002' })
    expect(
      notified
        .flat()
        .map((paper) => paper.key)
        .sort(),
    ).toEqual(['arxiv:2404.00001', 'arxiv:2404.00002'])

    notified = []
    const again = await importText(backupOf([newerRead, fresh]))
    expect(again).toEqual({ ok: true, added: 0, updated: 0, unchanged: 2 })
    expect(notified).toEqual([])
  })

  it('imports a version 1 file, merging its flags by their times', async () => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    notified = []
    const reply = await importText(VERSION_1_FILE)
    expect(reply).toEqual({ ok: true, added: 1, updated: 1, unchanged: 0 })
    // Starred here by today's clock, later than the file's unstarring at 5000; read at 300 in the file, never here.
    const [starredHere] = (await store.lookup(['arxiv:2404.00001'])).found
    expect(starredHere!.marks.starred.value).toBe(true)
    expect(starredHere!.marks.starred.at).toBeGreaterThan(5000)
    expect(starredHere!.marks.read).toEqual({ value: true, at: 300 })
    expect(await db.marks.get('arxiv:2404.00006')).toEqual({
      key: 'arxiv:2404.00006',
      // Version 1 knew only the flags: tags and note arrive never set.
      marks: { starred: { value: true, at: 200 }, read: { value: false, at: 200 }, tags: { value: [], at: 0 }, note: { value: '', at: 0 } },
    })
    expect(await db.papers.get('arxiv:2404.00006')).toEqual({
      key: 'arxiv:2404.00006',
      title: 'Another',
      authors: [],
      arxivId: '2404.00006',
      links: { arxiv: 'https://arxiv.org/abs/2404.00006' },
      addedAt: 200,
      metadataChangedAt: 200,
      citationKey: { value: 'arxiv2404.00006', at: 0 },
    })
    expect(
      notified
        .flat()
        .map((paper) => paper.key)
        .sort(),
    ).toEqual(['arxiv:2404.00001', 'arxiv:2404.00006'])
  })

  it.each([
    ['a truncated file', (text: string) => text.slice(0, text.length / 2)],
    ['a file with one bad paper among good ones', (text: string) => text.replace('"title":"Paper 2404.00005"', '"title":42')],
    ['a file from a newer version', (text: string) => text.replace('"version":6,', '"version":99,')],
    ['a file with an unknown mark', (text: string) => text.replace('"marks":{', '"marks":{"pinned":{"value":true,"at":1},')],
    ['a file with a mark of the wrong type', (text: string) => text.replace('"starred":{"value":true', '"starred":{"value":1')],
    [
      'a version 2 file with version 1 flags',
      (text: string) => text.replace(/"marks":\{.*?\}\}/g, '"starred":1,"read":0,"starredChangedAt":1,"readChangedAt":1'),
    ],
    ['a version 1 file with a flag of 2', () => VERSION_1_FILE.replace('"starred":0', '"starred":2')],
    ['a file that is not a backup', () => JSON.stringify({ hello: 'world' })],
    [
      'a file with a paper keyed javascript:alert(1)',
      (text: string) => text.replace('"key":"arxiv:2404.00004"', '"key":"javascript:alert(1)"'),
    ],
    [
      'a file with a paper keyed constructor:constructor',
      (text: string) => text.replace('"key":"arxiv:2404.00004"', '"key":"constructor:constructor"'),
    ],
    ['a file with a paper keyed x:__proto__', (text: string) => text.replace('"key":"arxiv:2404.00004"', '"key":"x:__proto__"')],
  ])('writes nothing from %s', async (_name, damage) => {
    await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    const before = [await db.papers.toArray(), await db.marks.toArray()]
    notified = []
    const papers = ['2404.00003', '2404.00004', '2404.00005'].map((id) => storedPaper(id, {}, { starred: true }))
    expect(damage(backupOf(papers))).not.toBe(backupOf(papers))
    const reply = await importText(damage(backupOf(papers)))
    expect(reply.ok).toBe(false)
    expect(reply.ok ? '' : reply.error).toMatch(/^Nothing was imported\. /)
    expect([await db.papers.toArray(), await db.marks.toArray()]).toEqual(before)
    expect(notified).toEqual([])
  })
})

describe('importing a backup in parts', () => {
  const NOW = new Date('2026-11-22T10:00:00Z')
  const manyPapers = (count: number) => Array.from({ length: count }, (_, n) => storedPaper(`2405.${10_000 + n}`, {}, { starred: true }))
  const fileOf = (papers: Paper[]) => JSON.parse(toJsonBackup(papers, NOW)) as { papers: unknown[] }
  const headerOf = (papers: Paper[]) => {
    const { papers: _papers, ...header } = fileOf(papers)
    return header
  }
  async function begin(papers: Paper[], paperCount = papers.length): Promise<string> {
    const reply = await routeMessage(stores, { type: 'beginImport', header: headerOf(papers), paperCount }, EXTENSION_PAGE, notify)
    if (!reply.ok || !('importId' in reply)) throw new Error(`not begun: ${JSON.stringify(reply)}`)
    return reply.importId
  }
  const add = (importId: string, papers: unknown[]) =>
    routeMessage(stores, { type: 'addToImport', importId, papers }, EXTENSION_PAGE, notify)
  const finish = (importId: string) => routeMessage(stores, { type: 'finishImport', importId }, EXTENSION_PAGE, notify)

  it('writes a long backup in one go after its last part, telling the importing page how far the writing got', async () => {
    const papers = manyPapers(4500)
    expect(await importText(toJsonBackup(papers, NOW))).toEqual({ ok: true, added: 4500, updated: 0, unchanged: 0 })
    expect(await db.papers.count()).toBe(4500)
    expect(progress.map(({ saved, total }) => [saved, total])).toEqual([
      [2000, 4500],
      [4000, 4500],
      [4500, 4500],
    ])
    // Every page hears of every paper, in one message: they fit.
    expect(notified.map((part) => part.length)).toEqual([4500])
    expect(new Set(notified.flat().map((paper) => paper.key)).size).toBe(4500)
  })

  it('writes nothing until the last part, and nothing at all when a part holds a bad paper, naming it by its place in the file', async () => {
    const papers = manyPapers(2500)
    const { papers: values } = fileOf(papers)
    values[1700] = { ...(values[1700] as object), title: '' }
    const importId = await begin(papers)
    expect(await add(importId, values.slice(0, 1000))).toEqual({ ok: true, received: 1000 })
    expect(await db.papers.count()).toBe(0)
    expect(await add(importId, values.slice(1000, 2000))).toEqual({
      ok: false,
      error: expect.stringMatching(/^Nothing was imported\. Paper 1701 \(arxiv:2405\.11700\): title /),
    })
    // The import is over: its next part and its end are refused, and nothing was written.
    expect(await add(importId, values.slice(2000))).toMatchObject({ ok: false, error: expect.stringMatching(/interrupted/) })
    expect(await finish(importId)).toMatchObject({ ok: false, error: expect.stringMatching(/interrupted/) })
    expect(await db.papers.count()).toBe(0)
    expect(notified).toEqual([])
  })

  it('refuses a paper listed twice across parts', async () => {
    const papers = manyPapers(3)
    const { papers: values } = fileOf(papers)
    const importId = await begin(papers, 4)
    await add(importId, values)
    expect(await add(importId, [values[1]])).toEqual({
      ok: false,
      error: 'Nothing was imported. Paper 4 (arxiv:2405.10001): the same paper is already paper 2.',
    })
  })

  it('refuses to finish before every announced paper arrived, and more papers than announced', async () => {
    const papers = manyPapers(3)
    const { papers: values } = fileOf(papers)
    const short = await begin(papers, 5)
    await add(short, values)
    expect(await finish(short)).toEqual({
      ok: false,
      error: "Nothing was imported. Only 3 of the backup's 5 papers arrived. Import the file again.",
    })
    const long = await begin(papers, 2)
    expect(await add(long, values)).toEqual({
      ok: false,
      error: 'Nothing was imported. The backup sent more papers than the 2 it announced.',
    })
    expect(await db.papers.count()).toBe(0)
  })

  it('says an import was interrupted when the worker forgot it (it restarted) or two later imports began', async () => {
    const papers = manyPapers(1)
    const { papers: values } = fileOf(papers)
    expect(await add('c0ffee', values)).toEqual({
      ok: false,
      error:
        'Nothing was imported. The import was interrupted: Paper Shelf restarted, or other imports began meanwhile. Nothing was written; import the file again.',
    })
    const first = await begin(papers)
    const second = await begin(papers)
    const third = await begin(papers)
    expect(await add(first, values)).toMatchObject({ ok: false, error: expect.stringMatching(/interrupted/) })
    expect(await add(second, values)).toEqual({ ok: true, received: 1 })
    expect(await add(third, values)).toEqual({ ok: true, received: 1 })
    expect(await finish(third)).toEqual({ ok: true, added: 1, updated: 0, unchanged: 0 })
  })

  it('checks the header when the import begins', async () => {
    const header = { ...headerOf([]), version: 99 }
    expect(await routeMessage(stores, { type: 'beginImport', header, paperCount: 0 }, EXTENSION_PAGE, notify)).toEqual({
      ok: false,
      error: 'Nothing was imported. This backup was made by a newer version of Paper Shelf; update the extension to import it.',
    })
    expect(await routeMessage(stores, { type: 'beginImport', header: { format: 'other' }, paperCount: 0 }, EXTENSION_PAGE, notify)).toEqual(
      {
        ok: false,
        error: 'Nothing was imported. This is not a Paper Shelf backup.',
      },
    )
  })

  it('refuses parts larger than the protocol allows and counts beyond a backup’s limit', async () => {
    const importId = await begin([])
    const tooMany = Array.from({ length: LIMITS.papersPerImportPart + 1 }, () => ({}))
    expect(await add(importId, tooMany)).toMatchObject({ ok: false, error: expect.stringMatching(/^Rejected message: addToImport/) })
    const reply = await routeMessage(
      stores,
      { type: 'beginImport', header: headerOf([]), paperCount: LIMITS.papersPerBackup + 1 },
      EXTENSION_PAGE,
      notify,
    )
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^Rejected message: beginImport/) })
  })
})

describe('importing papers from other tools', () => {
  it.each(['javascript:alert(1)', 'constructor:constructor', 'x:__proto__', 'pmid:0'])(
    'refuses the whole list when one paper is keyed %s, naming it by position',
    async (key) => {
      await store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
      const before = [await db.papers.toArray(), await db.marks.toArray()]
      notified = []
      const papers = ['2404.00003', '2404.00004'].map((id) => storedPaper(id, {}, { starred: true }))
      const forged = { ...storedPaper('2404.00005', { arxivId: undefined }, { starred: true }), key }
      const reply = await routeMessage(stores, { type: 'importPapers', papers: [...papers, forged] }, EXTENSION_PAGE, notify)
      expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^Rejected message: paper 3: /) })
      expect([await db.papers.toArray(), await db.marks.toArray()]).toEqual(before)
      expect(notified).toEqual([])
    },
  )
})
