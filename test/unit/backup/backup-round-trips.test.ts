import '../../support/fast-check-seed'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { toJsonBackup } from '../../../src/core/backup/backup'
import { isOnShelf, valuesOf, type ToggleId } from '../../../src/core/marks'
import type { PaperKey } from '../../../src/core/paper'
import { InMemoryBackground } from '../../support/in-memory-background'
import { papersKnown } from '../../support/papers-on-shelf'
import { hfRef } from '../paper-fixtures'

/**
 * A backup carries every paper the shelf knows with every mark's time, cleared marks included, so
 * that restoring any set of backups, in any order, leaves each mark as it was last changed.
 */

const IDS = ['2401.00001', '2401.00002', '2401.00003']

const opened: InMemoryBackground[] = []
function shelf(): InMemoryBackground {
  const background = new InMemoryBackground()
  opened.push(background)
  return background
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((background) => background.close()))
})

/** The JSON backup the popup saves of this shelf now. */
async function backUp(background: InMemoryBackground): Promise<string> {
  const popup = background.client({ keepPapers: true })
  await popup.list()
  return toJsonBackup(popup.papers(), new Date(background.now))
}

/** Each paper's starred and read values, for the papers on the shelf. */
async function markValuesOn(background: InMemoryBackground): Promise<Record<PaperKey, { starred: boolean; read: boolean }>> {
  const papers = (await papersKnown(background.store)).filter(isOnShelf)
  return Object.fromEntries(papers.map(({ key, marks }) => [key, { starred: valuesOf(marks).starred, read: valuesOf(marks).read }]))
}

describe('backups remember cleared marks', () => {
  it('a paper unstarred after a backup stays unstarred, whichever backups are restored, in whichever order', async () => {
    const reader = shelf()
    const popup = reader.client({ keepPapers: true })
    const ref = hfRef(IDS[0]!)
    await popup.set(ref.key, { starred: true }, ref)
    const starred = await backUp(reader)
    await popup.set(ref.key, { starred: false })
    const unstarred = await backUp(reader)
    expect(JSON.parse(unstarred).papers).toHaveLength(1)

    await reader.importBackup(starred)
    expect(await markValuesOn(reader)).toEqual({})

    for (const order of [
      [starred, unstarred],
      [unstarred, starred],
    ]) {
      const elsewhere = shelf()
      for (const text of order) await elsewhere.importBackup(text)
      expect(await markValuesOn(elsewhere)).toEqual({})
      const [paper] = await papersKnown(elsewhere.store)
      expect(paper?.marks.starred).toEqual({ value: false, at: JSON.parse(unstarred).papers[0].marks.starred.at })
    }
  })

  it('restoring any subset of a shelf’s backups, in any order, gives the shelf as the newest of them held it', async () => {
    const change = fc.record({
      paper: fc.integer({ min: 0, max: IDS.length - 1 }),
      mark: fc.constantFrom<ToggleId>('starred', 'read'),
      value: fc.boolean(),
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        async (changes, picks) => {
          const reader = shelf()
          const popup = reader.client({ keepPapers: true })
          const backups: Array<{ text: string; state: Awaited<ReturnType<typeof markValuesOn>> }> = []
          for (const { paper, mark, value } of changes) {
            const ref = hfRef(IDS[paper]!)
            await popup.set(ref.key, { [mark]: value }, ref)
            backups.push({ text: await backUp(reader), state: await markValuesOn(reader) })
          }
          // The backups to restore, by their index in time, in the order picked.
          const chosen = [...new Set(picks.map((pick) => pick % backups.length))]
          const restored = shelf()
          for (const index of chosen) await restored.importBackup(backups[index]!.text)
          expect(await markValuesOn(restored)).toEqual(backups[Math.max(...chosen)]!.state)
          await Promise.all(opened.splice(0).map((background) => background.close()))
        },
      ),
      { numRuns: 25 },
    )
  })
})
