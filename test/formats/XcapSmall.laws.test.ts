/**
 * Runs every law suite against the presence content, XCAP directory, XCAP capabilities and XCAP error formats, as
 * `test/laws.test.ts` does for the registered formats.
 */
import { fileURLToPath } from 'node:url'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as V from '../../src/codec/Value.js'
import * as PresContent from '../../src/formats/PresContent.js'
import { assertLaw } from '../../laws/Law.js'
import { corpus, hasXmllint, xmllint } from '../../laws/Node.js'
import { suites, type Environment } from '../../laws/Suites.js'
import type { AnyFormatLaws } from '../../laws/Registration.js'
import { base64Text, registration as presContent } from '../../laws/formats/PresContent.js'
import { Etag, registration as xcapDirectory } from '../../laws/formats/XcapDirectory.js'
import { NamespaceUri, registration as xcapCaps } from '../../laws/formats/XcapCaps.js'
import { Ancestor, Phrase, registration as xcapError } from '../../laws/formats/XcapError.js'
import { requireOrSkip } from '../util.js'

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))
const corpusEnv = corpus(shared + 'corpus')
const lint = await hasXmllint()

// fuzzed documents per format: 10,000 in CI, fewer locally (FUZZ_RUNS overrides)
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? (process.env.CI === 'true' ? 10_000 : 2_000))

const env: Environment = {
  fuzzRuns,
  ...(corpusEnv === undefined ? {} : { corpus: corpusEnv }),
  ...(lint ? { xsd: xmllint(shared + 'schemas') } : {})
}

const registrations: ReadonlyArray<AnyFormatLaws> = [presContent, xcapDirectory, xcapCaps, xcapError]

describe('arbitraries', () => {
  it('base64 text decodes, however it is laid out', () => {
    fc.assert(fc.property(base64Text, (s) => E.isRight(PresContent.fromBase64(s))))
  })
  it('etags and phrases are strings, namespaces and ancestors URIs as written', () => {
    fc.assert(fc.property(Etag, Phrase, (e, p) => V.string.is(e) && V.string.is(p)))
    fc.assert(fc.property(NamespaceUri, Ancestor, (n, a) => V.preserving(V.anyURI).is(n) && V.preserving(V.anyURI).is(a)))
  })
})

describe('scale', () => {
  for (const reg of registrations)
    it(`${reg.format}: scale(n) is a valid value that round-trips, and grows with n`, () => {
      const sizes = [1, 10, 100].map((n) => {
        const v = reg.scale?.(n)
        if (!reg.codec.is(v)) throw new Error(`scale(${n}) is not a valid value`)
        const text = reg.codec.encode(v)
        const back = reg.codec.decode(text)
        if (E.isLeft(back) || JSON.stringify(back.right, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) !== JSON.stringify(v)) throw new Error(`scale(${n}) does not round-trip`)
        return text.length
      })
      if (!(sizes[0] < sizes[1] && sizes[1] < sizes[2] && sizes[2] > 5 * sizes[1])) throw new Error(`sizes do not grow with n: ${sizes.join(', ')}`)
    })
})

describe('laws', () => {
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
