import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import { defineConfig, type Plugin } from 'vite'
import baseManifest from './manifest.json' with { type: 'json' }
import { hostPermissions } from './src/sites/manifest-entries'
import { siteContentScripts } from './vite-plugins/site-content-scripts'

type Target = 'chrome' | 'firefox'

/** manifest.json with the hosts the site declarations need; their content scripts are added by `siteContentScripts`. */
const manifest = { ...baseManifest, host_permissions: hostPermissions() }

/** Firefox has no extension service workers: the same module runs as a background script there. */
function manifestFor(target: Target): ManifestV3Export {
  // The version that has the promise-based `browser` namespace the extension uses.
  if (target === 'chrome') return { ...manifest, minimum_chrome_version: '148' }
  return {
    ...manifest,
    background: { scripts: [manifest.background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: '{5b0e7a52-3f7c-4d2b-9a61-0c8e4f2d1b77}',
        // The first release that reads data_collection_permissions (142 on Android, 140 on desktop).
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  } as ManifestV3Export
}

/**
 * lodash.merge (a dependency of the BibTeX parser) finds the global object with `Function('return
 * this')()` when `global` and `self` are missing. They never are in an extension page, but the store's
 * linter refuses any `Function` constructor, and the extension's CSP forbids it: `globalThis` is the same object.
 */
function noFunctionConstructor(): Plugin {
  const pattern = /Function\((['"`])return this\1\)\(\)/g
  return {
    name: 'paper-shelf:no-function-constructor',
    transform(code, id) {
      if (!id.includes('node_modules') || !pattern.test(code)) return null
      return { code: code.replace(pattern, 'globalThis'), map: null }
    },
  }
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome'
  return {
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      // The exporters' chunk holds the Unicode-to-LaTeX and transliteration tables (about 800 kB); the
      // popup loads it only when the reader exports.
      chunkSizeWarningLimit: 1000,
      // The library is an extension page the manifest does not name: the popup opens it in a tab.
      rollupOptions: { input: { library: 'src/library/index.html' } },
    },
    plugins: [noFunctionConstructor(), crx({ manifest: manifestFor(target), browser: target }), siteContentScripts()],
  }
})
