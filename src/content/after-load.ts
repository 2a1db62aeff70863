/** How long after `DOMContentLoaded` the work starts anyway when `load` is held up (a slow image, an ad). */
export const LOAD_FALLBACK_MS = 500

type LoadingWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  document: Pick<Document, 'readyState' | 'addEventListener'>
}

/**
 * Runs `start` once, after the page has loaded: at its first `pageshow`, which the browser fires once
 * `load` has been handled, so the page's own load is never held up by this script; or
 * `LOAD_FALLBACK_MS` after `DOMContentLoaded` when `load` is slow to come. A script injected
 * into a page that has already loaded starts at once.
 */
export function afterLoad(win: LoadingWindow, start: () => void, fallbackMs = LOAD_FALLBACK_MS): void {
  if (win.document.readyState === 'complete') {
    start()
    return
  }
  let started = false
  let fallback: ReturnType<typeof setTimeout> | undefined
  const run = () => {
    if (started) return
    started = true
    clearTimeout(fallback)
    win.removeEventListener('pageshow', run)
    start()
  }
  const armFallback = () => {
    if (!started) fallback = setTimeout(run, fallbackMs)
  }
  win.addEventListener('pageshow', run)
  if (win.document.readyState === 'interactive') armFallback()
  else win.document.addEventListener('DOMContentLoaded', armFallback, { once: true })
}
