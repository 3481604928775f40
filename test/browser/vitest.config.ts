// The Chromium tests on their own, with the interop Kamailio started (and stopped) around them:
//   npx vitest run --config test/browser/vitest.config.ts
// (the root vitest.config.ts picks them up too; there the server comes from the test command or requireServer())
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/interop/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks'
  }
})
