import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { afterLoad, LOAD_FALLBACK_MS } from '../../../src/content/after-load'

/** A window whose document is at `readyState`, with events fired by hand as a loading page fires them. */
function loadingWindow(readyState: DocumentReadyState) {
  const win = new EventTarget() as EventTarget & { document: EventTarget & { readyState: DocumentReadyState } }
  win.document = Object.assign(new EventTarget(), { readyState })
  return {
    win,
    contentLoaded() {
      win.document.readyState = 'interactive'
      win.document.dispatchEvent(new Event('DOMContentLoaded'))
    },
    shown() {
      win.document.readyState = 'complete'
      win.dispatchEvent(new Event('pageshow'))
    },
  }
}

describe('afterLoad', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('starts at the first pageshow, which follows load, and only once', () => {
    const page = loadingWindow('loading')
    const start = vi.fn()
    afterLoad(page.win, start)
    page.contentLoaded()
    expect(start).not.toHaveBeenCalled()
    page.shown()
    expect(start).toHaveBeenCalledOnce()
    page.shown()
    vi.advanceTimersByTime(LOAD_FALLBACK_MS * 2)
    expect(start).toHaveBeenCalledOnce()
  })

  it('starts anyway a while after DOMContentLoaded when load is held up', () => {
    const page = loadingWindow('loading')
    const start = vi.fn()
    afterLoad(page.win, start)
    vi.advanceTimersByTime(LOAD_FALLBACK_MS * 4)
    expect(start).not.toHaveBeenCalled()
    page.contentLoaded()
    vi.advanceTimersByTime(LOAD_FALLBACK_MS - 1)
    expect(start).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(start).toHaveBeenCalledOnce()
    page.shown()
    expect(start).toHaveBeenCalledOnce()
  })

  it('counts the fallback from now when the document is already parsed', () => {
    const page = loadingWindow('interactive')
    const start = vi.fn()
    afterLoad(page.win, start)
    vi.advanceTimersByTime(LOAD_FALLBACK_MS)
    expect(start).toHaveBeenCalledOnce()
  })

  it('starts at once in a page that has already loaded', () => {
    const page = loadingWindow('complete')
    const start = vi.fn()
    afterLoad(page.win, start)
    expect(start).toHaveBeenCalledOnce()
  })
})
