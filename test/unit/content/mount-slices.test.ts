import { describe, expect, it } from 'vitest'
import { FRAME_BUDGET_MS, mountInSlices, type PageView } from '../../../src/content/mount-slices'

/**
 * A page whose frames take `fixedMs` plus `perItemMs` for each item mounted since the previous frame,
 * as rendering does; it records how many items went in before each frame.
 */
function renderingPage({ fixedMs = 10, perItemMs = 0.25, hiddenAfter = Infinity } = {}) {
  let now = 0
  let sinceFrame = 0
  const slices: number[] = []
  const view: PageView = {
    now: () => now,
    nextFrame: async () => {
      slices.push(sinceFrame)
      now += fixedMs + perItemMs * sinceFrame
      sinceFrame = 0
    },
    nextTask: async () => undefined,
    hidden: () => slices.length >= hiddenAfter,
    viewportHeight: () => 800,
  }
  return { view, slices, mounted: () => (sinceFrame += 1), frameMs: (count: number) => fixedMs + perItemMs * count }
}

describe('mountInSlices', () => {
  it('mounts the first items at once and every item once, in order', async () => {
    const page = renderingPage()
    const items = Array.from({ length: 2_000 }, (_, index) => index)
    const seen: number[] = []
    const done = mountInSlices(items, 12, (item) => (seen.push(item), page.mounted()), page.view)
    expect(seen).toEqual(items.slice(0, 12))
    await done
    expect(seen).toEqual(items)
    expect(page.slices[0]).toBe(12)
  })

  it('sizes the slices so that rendering them keeps frames within the budget', async () => {
    const page = renderingPage({ fixedMs: 10, perItemMs: 0.25 })
    await mountInSlices(
      Array.from({ length: 5_000 }, (_, index) => index),
      10,
      () => page.mounted(),
      page.view,
    )
    const frames = page.slices.map(page.frameMs)
    expect(Math.max(...frames)).toBeLessThanOrEqual(FRAME_BUDGET_MS * 1.5)
    // Once settled, frames use most of the budget rather than creeping along.
    const settled = frames.slice(5, -1)
    expect(settled.length).toBeGreaterThan(0)
    for (const frame of settled) expect(frame).toBeGreaterThan(FRAME_BUDGET_MS * 0.6)
  })

  it('takes bigger slices when rendering is cheap, and never fewer than a few items', async () => {
    const cheap = renderingPage({ fixedMs: 16, perItemMs: 0.001 })
    await mountInSlices([...Array(3_000).keys()], 1, () => cheap.mounted(), cheap.view)
    expect(cheap.slices.length).toBeLessThan(15)

    const costly = renderingPage({ fixedMs: 16, perItemMs: 20 })
    await mountInSlices([...Array(100).keys()], 1, () => costly.mounted(), costly.view)
    expect(Math.min(...costly.slices.slice(1, -1))).toBeGreaterThanOrEqual(10)
  })

  it('mounts the rest at once when the page is hidden, where nothing is rendered', async () => {
    const page = renderingPage({ hiddenAfter: 2 })
    const seen: number[] = []
    await mountInSlices([...Array(1_000).keys()], 5, (item) => (seen.push(item), page.mounted()), page.view)
    expect(seen).toHaveLength(1_000)
    expect(page.slices).toHaveLength(2)
  })

  it('stops between slices once aborted', async () => {
    const page = renderingPage()
    const stop = new AbortController()
    const seen: number[] = []
    const done = mountInSlices([...Array(1_000).keys()], 5, (item) => (seen.push(item), page.mounted()), page.view, stop.signal)
    stop.abort()
    await done
    expect(seen).toEqual([0, 1, 2, 3, 4])
  })

  it('mounts at least one item at once, even when none is in view', async () => {
    const page = renderingPage()
    const seen: number[] = []
    const done = mountInSlices([7, 8, 9], 0, (item) => (seen.push(item), page.mounted()), page.view)
    expect(seen).toEqual([7])
    await done
    expect(seen).toEqual([7, 8, 9])
  })
})
