import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/tools/**/*.test.ts'],
    environment: 'node',
    // LaTeX runs three or four passes per document; a cold font cache makes LuaLaTeX's first run slow.
    testTimeout: 300_000,
    hookTimeout: 60_000,
    maxConcurrency: 3,
  },
})
