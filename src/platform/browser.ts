import type { Browser } from 'webextension-polyfill'

/**
 * The browser's own promise-based extension API: `browser.*` is native in Firefox and in Chrome from
 * version 148 (the manifest's minimum), which also answers with the promise a listener returns.
 */
export const browser = (globalThis as unknown as { browser: Browser }).browser
