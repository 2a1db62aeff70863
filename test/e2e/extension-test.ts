/**
 * The vitest fixture of the e2e tests. Kept apart from harness.ts, which the benchmarks import outside
 * vitest (vitest's `test.extend` works only inside a vitest run).
 */
import { describe, test } from 'vitest'
import { BROWSERS, startExtension, type BrowserKind, type ExtensionUnderTest } from './harness'

export type { ExtensionUnderTest } from './harness'

/**
 * `test` with `extension`: the built extension in a browser started for this test alone, on a new
 * profile (an empty shelf). It is closed and its profile discarded after the test, pass or fail.
 * The browser is `browserKind`, which `describeBrowsers` sets for each browser of BROWSERS.
 */
export const extensionTest = test.extend<{ browserKind: BrowserKind; extension: ExtensionUnderTest }>({
  browserKind: BROWSERS[0] ?? 'chromium',
  extension: async ({ browserKind }, use) => {
    const { extension, dispose } = await startExtension(browserKind)
    try {
      await use(extension)
    } finally {
      await dispose()
    }
  },
})

/** A `describe` per browser of BROWSERS (named after it), in which `extensionTest` runs in that browser. */
export function describeBrowsers(body: (kind: BrowserKind) => void): void {
  describe.each(BROWSERS)('%s', (kind) => {
    extensionTest.override({ browserKind: kind })
    body(kind)
  })
}
