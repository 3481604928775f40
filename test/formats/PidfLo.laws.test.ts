/**
 * Runs every shared law suite against the `pidf` registration, whose arbitrary and extension laws now include PIDF-LO
 * location objects (in statuses, devices and persons): generation, round trips, the corpus (RFC 4119 and RFC 5491
 * examples among them), totality, optics, extension monoid laws, schema validity and the hostile suites.
 */
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { assertLaw } from '../../laws/Law.js'
import { corpus, hasXmllint, xmllint } from '../../laws/Node.js'
import { suites, type Environment } from '../../laws/Suites.js'
import { registration as pidf } from '../../laws/formats/Pidf.js'
import { requireOrSkip } from '../util.js'

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))
const corpusEnv = corpus(shared + 'corpus')
const lint = await hasXmllint()

const fuzzRuns = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 10_000 : 2_000))

const env: Environment = {
  fuzzRuns,
  ...(corpusEnv === undefined ? {} : { corpus: corpusEnv }),
  ...(lint ? { xsd: xmllint(shared + 'schemas') } : {})
}

describe('laws', () => {
  describe(pidf.format, () => {
    for (const suite of suites(pidf, env)) {
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
