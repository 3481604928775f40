/**
 * The arbitraries of the presence content, XCAP directory, XCAP capabilities and XCAP error formats (their laws run in
 * test/laws.test.ts with every registered format).
 */
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as V from '../../src/codec/Value.js'
import * as PresContent from '../../src/formats/PresContent.js'
import type { AnyFormatLaws } from '../../laws/Registration.js'
import { base64Text, registration as presContent } from '../../laws/formats/PresContent.js'
import { Etag, registration as xcapDirectory } from '../../laws/formats/XcapDirectory.js'
import { NamespaceUri, registration as xcapCaps } from '../../laws/formats/XcapCaps.js'
import { Ancestor, Phrase, registration as xcapError } from '../../laws/formats/XcapError.js'

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
