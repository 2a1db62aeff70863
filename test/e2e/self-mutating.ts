import type { Page } from 'puppeteer-core'
import { describe, expect } from 'vitest'
import { extensionTest as it, type ExtensionUnderTest } from './extension-test'
import { ALL_ROUTES, LONG_LISTING_URL, waitForAnnotatedCards } from './pages'

/** How long the extension's share of the page's main thread is measured, once its budget's burst is spent. */
const WARM_UP_MS = 3000
const MEASURE_MS = 5000

interface ProfileNode {
  id: number
  callFrame: { url: string }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** A page script that changes the page every frame, as some pages do by design and a hostile one would to fight the toggles. */
const MUTATORS = {
  'changes a link and adds and removes an element every frame': () => {
    const link = document.body.appendChild(document.createElement('a'))
    const tick = (frame: number) => {
      link.href = `https://arxiv.org/list/cs.LG/pastweek?frame=${frame}`
      document.body.appendChild(document.createElement('div')).remove()
      requestAnimationFrame(() => tick(frame + 1))
    }
    tick(0)
  },
  'removes the toggles every frame': () => {
    const tick = () => {
      for (const controls of document.querySelectorAll('.paper-shelf-controls')) controls.remove()
      requestAnimationFrame(tick)
    }
    tick()
  },
} as const

/**
 * The share of the page's main thread spent in the extension's code over `ms`, from a CPU profile:
 * every sample whose stack holds a frame of the extension (its content script, and what that calls).
 */
async function extensionShare(page: Page, extensionId: string, ms: number): Promise<number> {
  const session = await page.createCDPSession()
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 500 })
  await session.send('Profiler.start')
  await new Promise((resolve) => setTimeout(resolve, ms))
  const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile }
  await session.detach()
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const origin = `chrome-extension://${extensionId}/`
  const inExtension = new Map<number, boolean>()
  const ours = (id: number): boolean => {
    const known = inExtension.get(id)
    if (known !== undefined) return known
    const up = parent.get(id)
    const result = byId.get(id)!.callFrame.url.startsWith(origin) || (up !== undefined && ours(up))
    inExtension.set(id, result)
    return result
  }
  let spent = 0
  profile.samples.forEach((id, index) => {
    if (ours(id)) spent += profile.timeDeltas[index] ?? 0
  })
  return spent / (profile.endTime - profile.startTime)
}

/** Chromium only: the extension's share of the main thread comes from a CDP CPU profile. */
export function describeSelfMutatingPages(): void {
  describe('a 2000-entry listing that changes itself every frame', () => {
    it.for(Object.entries(MUTATORS))(
      'keeps the extension under 1 % of the main thread when the page %s',
      { timeout: 120_000 },
      async ([, mutate], { extension }: { extension: ExtensionUnderTest }) => {
        const page = await extension.openPage(LONG_LISTING_URL, ALL_ROUTES)
        expect(await waitForAnnotatedCards(page, 'dl > dt')).toBe(2000)
        await page.evaluate(mutate)
        await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS))
        const share = await extensionShare(page, extension.extensionId, MEASURE_MS)
        expect(share).toBeLessThan(0.01)
        await page.close()
      },
    )
  })
}
