import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { InMemoryBackground } from '../../support/in-memory-background'
import { hfRef, markValues, storedPaper } from '../paper-fixtures'

let background: InMemoryBackground

beforeEach(() => {
  background = new InMemoryBackground()
})

afterEach(() => background.close())

const ids = (count: number) => Array.from({ length: count }, (_, i) => `2404.${String(i).padStart(5, '0')}`)

describe('ShelfClient lookups', () => {
  it('splits a lookup of 6,000 papers into requests the protocol accepts, and finds a paper in the last one', async () => {
    const keys = ids(6_000).map((id) => `arxiv:${id}`)
    await background.seed([storedPaper('2404.05500', {}, { starred: true }), storedPaper('2404.00002', {}, { read: true })])
    const client = background.client()
    await client.lookup(keys)

    const lookups = background.requestsOf('lookup')
    expect(lookups.map((request) => request.keys.length)).toEqual([LIMITS.keysPerLookup, 6_000 - LIMITS.keysPerLookup])
    expect(lookups.flatMap((request) => request.keys)).toEqual(keys)
    expect(client.valuesOf('arxiv:2404.05500')).toEqual(markValues({ starred: true, read: false }))
    expect(client.valuesOf('arxiv:2404.00002')).toEqual(markValues({ starred: false, read: true }))
    expect(client.valuesOf('arxiv:2404.05999')).toEqual(markValues({ starred: false, read: false }))
    expect(keys.every((key) => client.knows(key))).toBe(true)
  })

  it('asks only for papers it does not know yet, unless told to refresh', async () => {
    const client = background.client()
    await client.lookup(['arxiv:2404.00001', 'arxiv:2404.00002'])
    await client.lookup(['arxiv:2404.00002', 'arxiv:2404.00003', 'arxiv:2404.00003'])
    await client.lookup(['arxiv:2404.00001'], { refresh: true })
    expect(background.requestsOf('lookup').map((request) => request.keys)).toEqual([
      ['arxiv:2404.00001', 'arxiv:2404.00002'],
      ['arxiv:2404.00003'],
      ['arxiv:2404.00001'],
    ])
  })

  it('leaves the papers of a failed request unknown, keeps the rest, and reports the failure', async () => {
    const keys = ids(6_000).map((id) => `arxiv:${id}`)
    await background.seed([storedPaper('2404.00001', {}, { starred: true }), storedPaper('2404.05500', {}, { starred: true })])
    const client = background.client()
    background.failNext('lookup', 'worker restarting')
    await expect(client.lookup(keys)).rejects.toThrow('worker restarting')
    expect(client.knows('arxiv:2404.00001')).toBe(false)
    expect(client.valuesOf('arxiv:2404.00001').starred).toBe(false)
    expect(client.knows('arxiv:2404.05500')).toBe(true)
    expect(client.valuesOf('arxiv:2404.05500').starred).toBe(true)

    await client.lookup(keys)
    expect(client.valuesOf('arxiv:2404.00001').starred).toBe(true)
    expect(background.requestsOf('lookup').at(-1)?.keys).toHaveLength(LIMITS.keysPerLookup)
  })

  it('tells its listeners which papers changed, once per lookup', async () => {
    await background.seed([storedPaper('2404.00001', {}, { starred: true })])
    const client = background.client()
    const listener = vi.fn()
    client.onChange(listener)
    await client.lookup(['arxiv:2404.00001', 'arxiv:2404.00002'])
    expect(listener).toHaveBeenCalledTimes(1)
    expect([...(listener.mock.calls[0]?.[0] as Set<string>)]).toEqual(['arxiv:2404.00001', 'arxiv:2404.00002'])
  })
})

describe('ShelfClient staleness: the newest change of each mark wins, however it arrives', () => {
  it('keeps a pushed change over an older lookup reply that arrives after it', async () => {
    const client = background.client()
    client.connect()
    const release = background.pause()
    const lookingUp = client.lookup(['arxiv:2404.00001'])
    const other = background.client()
    const otherWrite = other.set('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    // The other tab's write is held too; let it through first, then the (older) lookup.
    release()
    await otherWrite
    await lookingUp
    await vi.waitFor(() => expect(client.valuesOf('arxiv:2404.00001').starred).toBe(true))
  })

  it('ignores a pushed change older than what it knows', async () => {
    const client = background.client()
    client.connect()
    const older = await background.store.setMarks('arxiv:2404.00001', { starred: true }, hfRef('2404.00001'))
    await client.set('arxiv:2404.00001', { starred: false })
    background.push([older])
    await Promise.resolve()
    await Promise.resolve()
    expect(client.valuesOf('arxiv:2404.00001').starred).toBe(false)
  })

  it('shows a change at once, and the last of two quick clicks on the same toggle wins', async () => {
    const client = background.client()
    const release = background.pause()
    const first = client.toggle('arxiv:2404.00001', 'starred', hfRef('2404.00001'))
    expect(client.valuesOf('arxiv:2404.00001').starred).toBe(true)
    const second = client.toggle('arxiv:2404.00001', 'starred', hfRef('2404.00001'))
    expect(client.valuesOf('arxiv:2404.00001').starred).toBe(false)
    release()
    await Promise.all([first, second])
    expect(client.valuesOf('arxiv:2404.00001').starred).toBe(false)
    expect((await background.store.lookup(['arxiv:2404.00001'])).found[0]?.marks.starred.value).toBe(false)
  })

  it('withdraws a change that could not be saved and rethrows the error', async () => {
    await background.seed([storedPaper('2404.00001', {}, { read: true })])
    const client = background.client()
    await client.lookup(['arxiv:2404.00001'])
    background.refuseNext('setMarks', 'disk full')
    const listener = vi.fn()
    client.onChange(listener)
    await expect(client.toggle('arxiv:2404.00001', 'starred')).rejects.toThrow('disk full')
    expect(client.valuesOf('arxiv:2404.00001')).toEqual(markValues({ starred: false, read: true }))
    expect(listener).toHaveBeenCalledTimes(2)
  })
})

describe('ShelfClient saves: a change is shown as failed only when it was not saved', () => {
  const KEY = 'arxiv:2404.00001'

  async function pageClient() {
    await background.seed([storedPaper('2404.00001', {}, { read: true })])
    const client = background.client()
    await client.lookup([KEY])
    return client
  }

  it('asks again when the answer was lost (the worker stopped after saving), and the change stands', async () => {
    const client = await pageClient()
    background.loseNextReplies('setMarks')
    const paper = await client.toggle(KEY, 'starred')
    expect(paper.marks.starred.value).toBe(true)
    expect(background.requestsOf('setMarks')).toHaveLength(2)
    expect(client.valuesOf(KEY)).toEqual(markValues({ starred: true, read: true }))
    // The second request found the change saved and changed nothing: one stamp, from the first.
    const [stored] = (await background.store.lookup([KEY])).found
    expect(stored!.marks.starred).toEqual(paper.marks.starred)
  })

  it('asks again when the request did not reach the background, and saves the change then', async () => {
    const client = await pageClient()
    background.failNext('setMarks', 'Could not establish connection. Receiving end does not exist.')
    await client.toggle(KEY, 'starred')
    expect(background.requestsOf('setMarks')).toHaveLength(2)
    expect((await background.store.lookup([KEY])).found[0]!.marks.starred.value).toBe(true)
  })

  it('does not ask again when the background refused the change', async () => {
    const client = await pageClient()
    background.refuseNext('setMarks', 'The disk is full.')
    await expect(client.toggle(KEY, 'starred')).rejects.toThrow('The disk is full.')
    expect(background.requestsOf('setMarks')).toHaveLength(1)
    expect(background.requestsOf('lookup')).toHaveLength(1)
  })

  it('when no answer comes twice, shows what is stored as soon as the background answers: saved', async () => {
    const client = await pageClient()
    background.loseNextReplies('setMarks', 2)
    await expect(client.toggle(KEY, 'starred')).rejects.toThrow('The message port closed before a response was received.')
    await vi.waitFor(() => expect(client.valuesOf(KEY)).toEqual(markValues({ starred: true, read: true })))
    expect(background.requestsOf('lookup')).toHaveLength(2)
  })

  it('when no answer comes twice, shows what is stored as soon as the background answers: not saved', async () => {
    const client = await pageClient()
    background.failNext('setMarks', 'Could not establish connection.', 'Could not establish connection.')
    await expect(client.toggle(KEY, 'starred')).rejects.toThrow('Could not establish connection.')
    await vi.waitFor(() => expect(background.requestsOf('lookup')).toHaveLength(2))
    expect(client.valuesOf(KEY)).toEqual(markValues({ starred: false, read: true }))
    expect((await background.store.lookup([KEY])).found[0]!.marks.starred.value).toBe(false)
  })
})

describe('ShelfClient papers (the reading list)', () => {
  it('keeps papers with their details only when asked to', async () => {
    await background.seed([storedPaper('2404.00001', { title: 'Kept' }, { starred: true })])
    const list = background.client({ keepPapers: true })
    const page = background.client()
    expect((await list.list()).map((paper) => paper.title)).toEqual(['Kept'])
    await page.list()
    expect(page.papers()).toEqual([])
    expect(page.knows('arxiv:2404.00001')).toBe(true)
  })

  it('takes newer details from a push and keeps newer ones it has', async () => {
    await background.seed([storedPaper('2404.00001', { title: 'Old', metadataChangedAt: 5 }, { starred: true })])
    const list = background.client({ keepPapers: true })
    list.connect()
    await list.list()
    background.push([storedPaper('2404.00001', { title: 'Older', metadataChangedAt: 4 }, { starred: true })])
    await Promise.resolve()
    expect(list.paper('arxiv:2404.00001')?.title).toBe('Old')
    background.push([storedPaper('2404.00001', { title: 'New', metadataChangedAt: 6 }, { starred: true })])
    await vi.waitFor(() => expect(list.paper('arxiv:2404.00001')?.title).toBe('New'))
  })

  it('sends remembered details in requests the protocol accepts', async () => {
    const client = background.client()
    await client.remember(ids(LIMITS.refsPerMessage + 1).map((id) => hfRef(id)))
    expect(background.requestsOf('remember').map((request) => request.refs.length)).toEqual([LIMITS.refsPerMessage, 1])
  })
})
