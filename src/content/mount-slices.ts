import { coalescePerFrame } from './frame-coalescer'
import { nextTask } from '../ui/next-task'

/** How long a frame may take, rendering included, while controls go in (the browser renders at 60 Hz). */
export const FRAME_BUDGET_MS = 45
const FIRST_SLICE = 50
const MIN_SLICE = 10
const MAX_SLICE = 1000

/** What mounting in slices needs of the page's window. */
export interface PageView {
  now(): number
  /** Resolves at the next frame, once the previous one is rendered. */
  nextFrame(): Promise<void>
  /** Resolves in a task of its own, letting the page handle what waits (input, rendering) first. */
  nextTask(): Promise<void>
  /** True while nothing is rendered (a hidden tab), so there is no frame to keep short. */
  hidden(): boolean
  viewportHeight(): number
}

/**
 * Runs `mount` on every item: the first `first` at once, the rest in slices, one per frame. Each
 * slice is sized from how long the previous one took to render, within half to twice its size, so
 * that frames stay within `FRAME_BUDGET_MS`. Stops between slices once `signal` is aborted.
 */
export async function mountInSlices<Item>(
  items: readonly Item[],
  first: number,
  mount: (item: Item) => void,
  view: PageView,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0
  const mountUpTo = (end: number) => {
    for (const stop = Math.min(end, items.length); next < stop; next += 1) mount(items[next]!)
  }
  mountUpTo(Math.max(first, 1))
  // The frame after the first items renders whatever the page itself had left: it says nothing of their cost.
  let size = FIRST_SLICE
  let measure = false
  while (next < items.length) {
    const wroteAt = view.now()
    await view.nextFrame()
    if (signal?.aborted) return
    if (view.hidden()) {
      mountUpTo(items.length)
      return
    }
    if (measure) {
      const change = FRAME_BUDGET_MS / Math.max(view.now() - wroteAt, 1)
      size = Math.round(Math.min(MAX_SLICE, Math.max(MIN_SLICE, size * Math.min(2, Math.max(0.5, change)))))
    }
    measure = true
    mountUpTo(next + size)
  }
}

/** A window's view; its frames are backed by a timer, as hidden tabs get no animation frames. */
export function pageView(win: Window, fallbackMs = 100): PageView {
  return {
    now: () => win.performance.now(),
    nextFrame: () => new Promise((resolve) => coalescePerFrame(resolve, fallbackMs).schedule()),
    nextTask,
    hidden: () => win.document.visibilityState === 'hidden',
    viewportHeight: () => win.innerHeight,
  }
}
