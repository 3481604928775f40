/**
 * The law runner behind the shards `test/laws.test.ts` and `test/laws.more.test.ts`: every law suite of the given
 * registrations, with the corpus and the schemas beside the repository (../shared), which CI requires.
 */
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { assertLaw } from '../laws/Law.js'
import { corpus, hasXmllint, xmllint } from '../laws/Node.js'
import type { AnyFormatLaws } from '../laws/Registration.js'
import { registry } from '../laws/registry.js'
import { suites, type Environment } from '../laws/Suites.js'
import { requireOrSkip } from './util.js'

const shared = fileURLToPath(new URL('../../shared/', import.meta.url))
const corpusEnv = corpus(shared + 'corpus')
const lint = await hasXmllint()

// fuzzed documents per format: 10,000 in CI, fewer locally (FUZZ_RUNS overrides)
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 10_000 : 2_000))

const env: Environment = {
  fuzzRuns,
  ...(corpusEnv === undefined ? {} : { corpus: corpusEnv }),
  ...(lint ? { xsd: xmllint(shared + 'schemas') } : {})
}

/** The registry in two shards of every other format, so that two test workers share the laws. */
export const shard = (k: 0 | 1): ReadonlyArray<AnyFormatLaws> => registry.filter((_r, i) => i % 2 === k)

/** Runs every law suite of the registrations. */
export const runLaws = (registrations: ReadonlyArray<AnyFormatLaws>): void => {
  describe('laws', () => {
    it('the corpus and xmllint are there', (ctx) => {
      if (corpusEnv === undefined) requireOrSkip(ctx, `the corpus is not at ${shared}corpus`)
      if (!lint) requireOrSkip(ctx, 'xmllint is not installed')
    })
    for (const reg of registrations) {
      describe(reg.format, () => {
        for (const suite of suites(reg, env)) {
          describe(suite.name, () => {
            for (const law of suite.laws) {
              it(law.name, async (ctx) => {
                try {
                  const summary = await assertLaw(law, { interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true })
                  if (law._tag === 'Check') console.log(`${law.name}: ${summary}`)
                } catch (e) {
                  if (e instanceof Error && e.message.startsWith('SKIP: ')) requireOrSkip(ctx, e.message.slice(6))
                  else throw e
                }
              })
            }
          })
        }
      })
    }
  })
}
