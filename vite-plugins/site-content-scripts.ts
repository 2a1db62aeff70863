import { resolve } from 'node:path'
import { build, type Plugin, type Rollup } from 'vite'
import { contentScriptFile, contentScripts } from '../src/sites/manifest-entries'
import { SITE_IDS } from '../src/sites/registry'

const ENTRY_PREFIX = '\0paper-shelf-content-script:'

/** The script of one site: the content script run with that site's declaration (`src/sites/<id>.ts` exports `<id>`). */
function entryCode(root: string, siteId: string): string {
  if (!/^[a-z][a-z0-9]*$/.test(siteId)) throw new Error(`Site id "${siteId}" cannot name its script's module.`)
  const runner = JSON.stringify(resolve(root, 'src/content/content-script.ts'))
  const site = JSON.stringify(resolve(root, `src/sites/${siteId}.ts`))
  return `import { runContentScript } from ${runner}\nimport { ${siteId} } from ${site}\nrunContentScript(${siteId})\n`
}

async function buildSiteScript(root: string, target: string, siteId: string): Promise<string> {
  const entry: Plugin = {
    name: 'paper-shelf:content-script-entry',
    resolveId: (id) => (id.startsWith(ENTRY_PREFIX) ? id : null),
    load: (id) => (id.startsWith(ENTRY_PREFIX) ? entryCode(root, id.slice(ENTRY_PREFIX.length)) : null),
  }
  const output = (await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [entry],
    build: {
      write: false,
      copyPublicDir: false,
      target,
      minify: true,
      rollupOptions: {
        input: ENTRY_PREFIX + siteId,
        output: { format: 'iife', entryFileNames: contentScriptFile(siteId) },
      },
    },
  })) as Rollup.RollupOutput
  const chunk = output.output.find((file) => file.type === 'chunk' && file.isEntry)
  if (chunk?.type !== 'chunk') throw new Error(`The content script of ${siteId} was not built.`)
  return chunk.code
}

/**
 * One content script per site, each holding only its own site's reader, registered in the manifest
 * for that site's pages: a page never loads code for the other sites.
 */
export function siteContentScripts(): Plugin {
  let root = ''
  let target = 'es2022'
  return {
    name: 'paper-shelf:site-content-scripts',
    apply: 'build',
    configResolved(config) {
      root = config.root
      if (typeof config.build.target === 'string') target = config.build.target
    },
    generateBundle: {
      // After the extension plugin has written manifest.json into the bundle.
      order: 'post',
      async handler(_options, bundle) {
        const scripts = await Promise.all(SITE_IDS.map(async (siteId) => ({ siteId, code: await buildSiteScript(root, target, siteId) })))
        for (const { siteId, code } of scripts) {
          this.emitFile({ type: 'asset', fileName: contentScriptFile(siteId), source: code })
        }
        const manifestFile = bundle['manifest.json']
        if (manifestFile?.type !== 'asset') throw new Error('manifest.json is missing from the build.')
        const manifest = JSON.parse(String(manifestFile.source)) as Record<string, unknown>
        manifestFile.source = `${JSON.stringify({ ...manifest, content_scripts: contentScripts() }, null, 2)}\n`
      },
    },
  }
}
