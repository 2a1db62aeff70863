import { Window } from 'happy-dom'
import { afterAll } from 'vitest'
import type { SiteExample } from '../../../src/sites/site'

export interface SavedPage {
  doc: Document
  url: URL
}

const windows: Window[] = []
afterAll(async () => {
  await Promise.all(windows.splice(0).map((window) => window.happyDOM.close()))
})

/**
 * Parses a saved page into its own happy-dom window at `url`. happy-dom 21 evaluates no JavaScript
 * and loads no CSS, images or iframes unless asked to; these settings also keep it from fetching
 * script files or following navigations.
 */
export function parseSavedPage(html: string, url: string): SavedPage {
  const page = openSavedPage(html, url)
  windows.push(page.window)
  return { doc: page.doc, url: page.url }
}

/** `parseSavedPage`, with the window, which the caller closes (`window.happyDOM.close()`) when done with it. */
export function openSavedPage(html: string, url: string): SavedPage & { window: Window } {
  const window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  })
  window.document.write(html)
  return { window, doc: window.document as unknown as Document, url: new URL(url) }
}

/** Where each fixture was saved from: the URL of the first example that uses it. */
export function savedFrom(examples: readonly SiteExample[]): Record<string, string> {
  const urls: Record<string, string> = {}
  for (const example of examples) urls[example.fixture] ??= example.url
  return urls
}
