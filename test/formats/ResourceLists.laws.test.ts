/**
 * Runs every law suite against the resource-lists and rls-services registrations (what test/laws.test.ts does for
 * the registry), so that they run before they are registered.
 */
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { assertLaw } from '../../laws/Law.js'
import { corpus, hasXmllint, xmllint } from '../../laws/Node.js'
import { suites, type Environment } from '../../laws/Suites.js'
import type { AnyFormatLaws } from '../../laws/Registration.js'
import { registration as resourceLists } from '../../laws/formats/ResourceLists.js'
import { registration as rlsServices } from '../../laws/formats/RlsServices.js'
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

const registrations: ReadonlyArray<AnyFormatLaws> = [resourceLists, rlsServices]

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
