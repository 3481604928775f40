/**
 * Every shared law suite on the multipart/related (RFC 2387, RFC 4662 §5) registration, as
 * test/laws.test.ts runs them for the registry.
 */
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { assertLaw } from '../../laws/Law.js'
import { corpus, hasXmllint, xmllint } from '../../laws/Node.js'
import { suites, type Environment } from '../../laws/Suites.js'
import { registration as multipart } from '../../laws/formats/Multipart.js'
import type { AnyFormatLaws } from '../../laws/Registration.js'
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

const registrations: ReadonlyArray<AnyFormatLaws> = [multipart]

describe('laws of multipart-related', () => {
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
