// Local runner for the Kamailio interop tests only:
//   npx vitest run --config test/interop/vitest.config.ts
// (the root vitest.config.ts also picks up test/interop/*.test.ts; there the
// server comes from the test command or from requireServer() itself)
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/interop/**/*.interop.test.ts'],
    globalSetup: ['test/interop/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks'
  }
})
