import * as assert from 'node:assert'
import type { TestContext } from 'vitest'

/** Typed deep equality. */
export const deepStrictEqual = <A>(actual: A, expected: A): void => assert.deepStrictEqual(actual, expected)

/**
 * A test that needs something outside the repo (the shared corpus, xmllint, a server): skipped loudly on a user's
 * clone, a failure in CI.
 */
export const requireOrSkip = (ctx: TestContext, why: string): void => {
  if (process.env.CI === 'true') throw new Error(`required in CI but unavailable: ${why}`)
  console.warn(`SKIPPED: ${why}`)
  ctx.skip()
}
