/**
 * Runs every shared law suite against the conference-info registration.
 */
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { assertLaw } from '../../laws/Law.js'
import { corpus, hasXmllint, xmllint } from '../../laws/Node.js'
import { registration } from '../../laws/formats/ConferenceInfo.js'
import { suites, type Environment } from '../../laws/Suites.js'
import { requireOrSkip } from '../util.js'

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))
const corpusEnv = corpus(shared + 'corpus')
const lint = await hasXmllint()

// fuzzed documents: 10,000 in CI, fewer locally (FUZZ_RUNS overrides)
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 10_000 : 2_000))

const env: Environment = {
  fuzzRuns,
  ...(corpusEnv === undefined ? {} : { corpus: corpusEnv }),
  ...(lint ? { xsd: xmllint(shared + 'schemas') } : {})
}

describe('laws', () => {
  describe(registration.format, () => {
    for (const suite of suites(registration, env)) {
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
})
