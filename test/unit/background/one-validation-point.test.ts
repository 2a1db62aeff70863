import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseBackup, toJsonBackup } from '../../../src/core/backup/backup'
import { parseStoredPaper } from '../../../src/core/backup/paper-schema'
import { LIMITS } from '../../../src/core/limits'
import type { PaperRef } from '../../../src/core/paper'
import { metadataProblem } from '../../../src/core/validation'
import { isSiteId, isSiteLink } from '../../../src/sites/registry'
import { InMemoryBackground } from '../../support/in-memory-background'
import { papersKnown } from '../../support/papers-on-shelf'
import { hfRef, storedPaper } from '../paper-fixtures'

/**
 * Messages from pages and backups are checked by the same rules, so that no message can store a
 * paper that a backup of the shelf could not restore.
 */

let background: InMemoryBackground

beforeEach(() => {
  background = new InMemoryBackground()
})

afterEach(async () => {
  await background.close()
})

const DAY = 24 * 60 * 60 * 1000

async function expectNothingStored(): Promise<void> {
  expect(await background.db.papers.count()).toBe(0)
  expect(await background.db.marks.count()).toBe(0)
}

/** The shelf's backup, read back as an import would read it. */
async function backupReadsBack(): Promise<boolean> {
  const papers = await papersKnown(background.store)
  return parseBackup(toJsonBackup(papers, new Date()), isSiteLink, isSiteId).ok
}

describe('one validation point', () => {
  it.each<[string, Partial<PaperRef>, RegExp]>([
    ['an arXiv id other than its key’s', { arxivId: '2402.00002' }, /arxivId does not match the key/],
    ['an arXiv id with a version', { key: 'doi:10.1000/x', arxivId: '2401.00001v2' }, /arxivId must be an arXiv id without version/],
    ['a key that is not its best identifier', { key: 'doi:10.1000/x', aliases: ['arxiv:2401.00001'] }, /keyed by its best identifier/],
    ['a title of zero-width characters', { title: '\u200B\u200B\u2060' }, /title must be .* not only blanks/],
    ['an impossible date', { published: '2024-99-99' }, /published must be a real date/],
    ['the 30th of February', { published: '2024-02-30' }, /published must be a real date/],
    ['a link to another site', { url: 'https://evil.example/papers/2401.00001' }, /site and url must name a supported site/],
  ])('refuses a page’s paper with %s, storing nothing', async (_, overrides, error) => {
    const ref = hfRef('2401.00001', overrides)
    await expect(background.request({ type: 'setMarks', key: ref.key, changes: { starred: true }, ref })).rejects.toThrow(error)
    await expect(background.request({ type: 'remember', refs: [ref] })).rejects.toThrow(error)
    await expectNothingStored()
  })

  it('accepts real dates of every precision, leap days included', () => {
    for (const published of ['2024-02-29', '2024-05', '1991'])
      expect(metadataProblem({ ...hfRef('2401.00001'), published }), published).toBeNull()
    for (const published of ['2023-02-29', '2024-00', '0999', '2024-1-5'])
      expect(metadataProblem({ ...hfRef('2401.00001'), published })).not.toBeNull()
  })

  it('refuses papers stamped in the future, from a backup or a message, and allows a computer’s clock a day ahead', async () => {
    const now = Date.now()
    const ahead = storedPaper('2401.00001', {}, { starred: { value: true, at: now + 2 * DAY } })
    expect(parseStoredPaper(ahead, isSiteLink)).toEqual({
      ok: false,
      error: 'marks.starred.at must be a time in milliseconds, not in the future',
    })
    expect(parseStoredPaper({ ...storedPaper('2401.00001'), addedAt: now + 2 * DAY }, isSiteLink).ok).toBe(false)
    await expect(background.request({ type: 'importPapers', papers: [ahead] })).rejects.toThrow(/not in the future/)
    await expect(background.request({ type: 'restorePapers', papers: [ahead] })).rejects.toThrow(/not in the future/)
    await expectNothingStored()

    const skewed = storedPaper('2401.00001', {}, { starred: { value: true, at: now + 60 * 60 * 1000 } })
    expect(parseStoredPaper(skewed, isSiteLink).ok).toBe(true)
  })

  it('keeps a paper named by ever more identifiers within the aliases a backup restores', async () => {
    const s2 = (page: number, i: number) => `s2:${(page * 1000 + i).toString(16).padStart(40, '0')}`
    for (let page = 0; page < 3; page += 1) {
      const aliases = Array.from({ length: 30 }, (_, i) => s2(page, i))
      const ref = hfRef('2401.00001', { aliases })
      if (page === 0) await background.request({ type: 'setMarks', key: ref.key, changes: { starred: true }, ref })
      else await background.request({ type: 'remember', refs: [ref] })
    }
    const [paper] = await papersKnown(background.store)
    expect(paper?.aliases).toHaveLength(LIMITS.aliasCount)
    expect(paper?.aliases).toContain(s2(0, 0))
    expect(await backupReadsBack()).toBe(true)
  })

  it('stores what a hostile page shows in a form its backup restores', async () => {
    const refs = [
      hfRef('2401.00001', { title: '<img src=x onerror=alert(1)>', authors: ['\u202Egnp.exe'] }),
      hfRef('2401.00002', { title: 'T'.repeat(LIMITS.titleLength), abstract: 'a'.repeat(LIMITS.abstractLength) }),
      hfRef('2401.00003', { authors: Array.from({ length: LIMITS.authorCount }, (_, i) => `Author ${i}`) }),
    ]
    for (const ref of refs) await background.request({ type: 'setMarks', key: ref.key, changes: { read: true }, ref })
    expect(await backupReadsBack()).toBe(true)
  })
})
