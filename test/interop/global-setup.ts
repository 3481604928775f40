/**
 * vitest globalSetup for the Kamailio interop tests: starts the server once for
 * all test files (unless the test command already did) and stops it at the end
 * if it started it. Test files get it through requireServer() (inject).
 */
import type { TestProject } from 'vitest/node'
import { startKamailio, stopKamailio } from './harness.js'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startKamailio() // throws with CI=true if it cannot start
  project.provide('kamailio', server)
  return async () => {
    await stopKamailio()
  }
}
