// @ts-check
import { defineConfig } from 'eslint/config'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/** @typedef {{ mayImport: string[], packages?: string[] }} Layer */

// Layer boundaries of src/: the other src layers each layer may import, and the packages only that layer may import.
/** @type {Record<string, Layer>} */
const LAYERS = {
  core: { mayImport: [] },
  ui: { mayImport: [] },
  sites: { mayImport: ['core'] },
  platform: { mayImport: ['core', 'sites'], packages: ['webextension-polyfill'] },
  client: { mayImport: ['core', 'platform'] },
  content: { mayImport: ['core', 'sites', 'platform', 'client', 'ui'] },
  background: { mayImport: ['core', 'sites', 'platform'], packages: ['dexie'] },
  popup: { mayImport: ['core', 'sites', 'platform', 'client', 'ui'] },
  // The library is the reading list's full-page sibling: it reuses the popup's rows, tabs and editor.
  library: { mayImport: ['core', 'sites', 'platform', 'client', 'ui', 'popup'] },
}

const layerNames = Object.keys(LAYERS)
const ownedPackages = layerNames.flatMap((name) => (LAYERS[name]?.packages ?? []).map((pkg) => ({ pkg, owner: name })))
const fromTest = { from: './test', message: 'src must not import from test/.' }

/**
 * import-x resolves every import (static, `export … from`, `import()`, `import type`) to a real file and
 * checks it against these zones, so `../../core/x` and `dexie/dist/…` are judged by where they land.
 * @param {string} name
 */
function zonesFor(name) {
  const layer = /** @type {Layer} */ (LAYERS[name])
  const target = `./src/${name}`
  const allowed = [name, ...layer.mayImport].map((l) => `src/${l}`).join(', ')
  return [
    ...layerNames
      .filter((other) => other !== name && !layer.mayImport.includes(other))
      .map((other) => ({ target, from: `./src/${other}`, message: `src/${name} may import only from ${allowed}.` })),
    ...ownedPackages
      .filter(({ owner }) => owner !== name)
      .map(({ pkg, owner }) => ({ target, from: `./node_modules/${pkg}`, message: `${pkg} may be imported only in src/${owner}.` })),
    { target, ...fromTest },
  ]
}

export default defineConfig(
  {
    name: 'paper-shelf/ignores',
    ignores: ['dist/', 'artifacts/', 'coverage/', '.tmp/'],
  },
  tseslint.configs.recommended,
  {
    name: 'paper-shelf/unused',
    rules: {
      // The code marks deliberately unused names with a leading underscore (mock parameters, `{ ok: _ok, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'paper-shelf/import-resolution',
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
  },
  {
    name: 'paper-shelf/src',
    files: ['src/**/*.{ts,tsx,js,mjs}'],
    rules: {
      // An import that cannot be resolved would slip past no-restricted-paths, so in src it is an error.
      'import-x/no-unresolved': 'error',
      // A src file outside the layer folders may not import test/ or any layer-owned package.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src', ...fromTest },
            ...ownedPackages.map(({ pkg, owner }) => ({
              target: './src',
              from: `./node_modules/${pkg}`,
              message: `${pkg} may be imported only in src/${owner}.`,
            })),
          ],
        },
      ],
    },
  },
  layerNames.map((name) => ({
    name: `paper-shelf/layer-${name}`,
    files: [`src/${name}/**/*.{ts,tsx,js,mjs}`],
    rules: { 'import-x/no-restricted-paths': /** @type {const} */ (['error', { zones: zonesFor(name) }]) },
  })),
)
