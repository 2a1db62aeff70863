import { crx } from '@crxjs/vite-plugin'
import { defineConfig } from 'vite'
import manifest from './manifest.json' with { type: 'json' }

export default defineConfig({
  build: {
    outDir: 'dist/chrome',
    emptyOutDir: true,
    target: 'es2022',
  },
  plugins: [crx({ manifest, browser: 'chrome' })],
})
