import * as assert from 'node:assert'
import type { TestContext } from 'vitest'
import { report, type Problem } from '../src/codec/DecodeError.js'

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

interface Decodes<A> {
  readonly decode: (input: string) => { readonly _tag: 'Left'; readonly left: ReadonlyArray<Problem> } | { readonly _tag: 'Right'; readonly right: A }
}

/** Decodes with a document codec, failing the test with the rendered errors when it does not decode. */
export const decodeOk =
  <A>(codec: Decodes<A>) =>
  (input: string): A => {
    const r = codec.decode(input)
    if (r._tag === 'Left') assert.fail(report(r.left).join('\n'))
    return r.right
  }

/** The rendered errors of a document the codec must reject. */
export const decodeErrors =
  <A>(codec: Decodes<A>) =>
  (input: string): ReadonlyArray<string> => {
    const r = codec.decode(input)
    if (r._tag === 'Right') assert.fail('expected the document to be rejected')
    return report(r.left)
  }
