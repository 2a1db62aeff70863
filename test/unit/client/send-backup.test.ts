import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sendBackup, type ImportStep } from '../../../src/client/send-backup'
import { toJsonBackup } from '../../../src/core/backup/backup'
import { LIMITS } from '../../../src/core/limits'
import { RefusedRequest } from '../../../src/platform/protocol'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'

const NOW = new Date('2026-11-22T10:00:00Z')
const papersOf = (count: number, abstract?: string) =>
  Array.from({ length: count }, (_, n) => storedPaper(`2405.${10_000 + n}`, abstract ? { abstract } : {}, { starred: true }))

let background: InMemoryBackground
beforeEach(() => {
  background = new InMemoryBackground()
})
afterEach(async () => {
  await background.close()
})

describe('sendBackup', () => {
  it('reports each step: papers checked part by part, the comparison, then papers written', async () => {
    const steps: ImportStep[] = []
    const summary = await sendBackup(toJsonBackup(papersOf(2500), NOW), background.transport, (step) => steps.push(step))
    expect(summary).toEqual({ added: 2500, updated: 0, unchanged: 0 })
    expect(steps).toEqual([
      { step: 'checking', done: 0, total: 2500 },
      { step: 'checking', done: 1000, total: 2500 },
      { step: 'checking', done: 2000, total: 2500 },
      { step: 'checking', done: 2500, total: 2500 },
      { step: 'comparing' },
      { step: 'saving', done: 2000, total: 2500 },
      { step: 'saving', done: 2500, total: 2500 },
    ])
  })

  it('keeps each part far below the message size limit, whatever its papers hold', async () => {
    // 1,000 papers (a part's count) with the longest abstract, in characters of 3 bytes each in UTF-8: 60 MB.
    const abstract = '\u6f22'.repeat(LIMITS.abstractLength)
    const text = toJsonBackup(papersOf(1000, abstract), NOW)
    await sendBackup(text, background.transport)
    const parts = background.requestsOf('addToImport')
    expect(parts.length).toBeGreaterThan(1)
    // At most 8 million characters: 24 MB in UTF-8, where browsers allow 64 MiB.
    for (const part of parts) expect(JSON.stringify(part).length).toBeLessThan(8_001_000)
    expect(parts.flatMap((part) => part.papers)).toHaveLength(1000)
    expect(await background.db.papers.count()).toBe(1000)
  })

  it('sends nothing from a file that is not a backup', async () => {
    const refusal = sendBackup('{"hello":"world"}', background.transport)
    await expect(refusal).rejects.toThrow(new RefusedRequest('Nothing was imported. This is not a Paper Shelf backup.'))
    expect(background.requests).toEqual([])
  })

  it('sends nothing from a backup with a paper too large for any message', async () => {
    const [paper] = papersOf(1)
    const text = toJsonBackup([paper!, { ...paper!, key: 'arxiv:2405.20000', abstract: 'x'.repeat(9_000_000) }], NOW)
    await expect(sendBackup(text, background.transport)).rejects.toThrow(
      'Nothing was imported. Paper 2 holds more text than any paper can.',
    )
    expect(background.requestsOf('finishImport')).toEqual([])
    expect(await background.db.papers.count()).toBe(0)
  })
})
