/**
 * Every registered format's decode, encode and sample, as one function that runs the same in Node and in a browser
 * (the Chromium test bundles it with esbuild and compares the two runs). Nothing here may use a Node built-in.
 *
 * For each format of the registry (`src/formats/index.ts`): values sampled from its registered arbitrary
 * (`laws/registry.ts`, seeded) are encoded, decoded and compared (deep equality, as the laws compare), and encoded
 * again (the text must not change); then the real documents of its corpus folder are decoded: those meant valid that
 * pass their schema must round-trip to the same canonical form, the others must decode or be rejected with messages.
 * A digest of every text written (encodings, canonical forms, rendered errors) lets the test compare runs.
 */
import * as fc from 'fast-check'
import { deepEqual } from '../../laws/Law.js'
import { registrations } from '../../laws/registry.js'
import { report } from '../../src/codec/DecodeError.js'
import { registry, type AnyDocumentCodec, type FormatId } from '../../src/formats/index.js'

/** A corpus document as the test passes it to the page. */
export interface CorpusInput {
  readonly file: string
  readonly expected: 'valid' | 'invalid'
  /** The schema verdict of the manifest: `pass`, `fail: …` or `n.a.` */
  readonly xsd: string
  readonly base64: string
}

/** What one format did. */
export interface FormatReport {
  readonly format: string
  readonly contentType: string
  readonly samples: number
  /** sampled values that decode back to an equal value */
  readonly roundTripped: number
  /** sampled values whose text is the same after decode and encode */
  readonly textStable: number
  readonly corpus: number
  readonly corpusDecoded: number
  /** corpus documents whose re-encoding has the original's canonical form */
  readonly corpusRoundTripped: number
  readonly corpusRejected: number
  /** FNV-1a (32 bits, hex) over every text written, in order */
  readonly digest: string
  readonly failures: ReadonlyArray<string>
}

export interface CheckOptions {
  readonly samples: number
  readonly seed: number
}

const fnv = (): { readonly add: (s: string) => void; readonly hex: () => string } => {
  let h = 0x811c9dc5
  return {
    add: (s) => {
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i)
        h = Math.imul(h, 0x01000193) >>> 0
      }
      h ^= 0xff // separator
      h = Math.imul(h, 0x01000193) >>> 0
    },
    hex: () => h.toString(16).padStart(8, '0')
  }
}

const bytesOf = (base64: string): Uint8Array => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

const cut = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n)}…` : s)

const describeError = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

/** Checks one format. */
export const checkFormat = (id: FormatId, corpus: ReadonlyArray<CorpusInput>, options: CheckOptions): FormatReport => {
  const codec = registry[id] as AnyDocumentCodec
  const reg = registrations[id]
  const digest = fnv()
  const failures: Array<string> = []
  const fail = (s: string): void => {
    if (failures.length < 20) failures.push(cut(s))
  }
  let roundTripped = 0
  let textStable = 0
  const values = fc.sample(reg.arbitrary as fc.Arbitrary<unknown>, { numRuns: options.samples, seed: options.seed })
  values.forEach((v, i) => {
    try {
      if (!codec.is(v)) fail(`sample ${i}: the generated value fails is()`)
      const text = codec.encode(v)
      digest.add(text)
      const r = codec.decode(text)
      if (r._tag === 'Left') return fail(`sample ${i}: decode(encode(a)) failed: ${report(r.left).join('; ')}\n${text}`)
      if (deepEqual(r.right, v)) roundTripped++
      else fail(`sample ${i}: decode(encode(a)) differs from a\n${text}`)
      if (codec.encode(r.right) === text) textStable++
      else fail(`sample ${i}: encode(decode(encode(a))) differs from encode(a)`)
    } catch (e) {
      fail(`sample ${i}: threw ${describeError(e)}`)
    }
  })
  let corpusDecoded = 0
  let corpusRoundTripped = 0
  let corpusRejected = 0
  for (const d of corpus) {
    const mustRoundTrip = d.expected === 'valid' && (d.xsd === 'pass' || d.xsd === 'n.a.')
    try {
      const bytes = bytesOf(d.base64)
      const r = codec.decode(bytes)
      if (r._tag === 'Left') {
        const errors = report(r.left)
        digest.add(errors.join('\n'))
        corpusRejected++
        if (mustRoundTrip) fail(`${d.file}: a valid document failed to decode: ${errors.join('; ')}`)
        else if (errors.length === 0 || errors.some((e) => e.trim() === ''))
          fail(`${d.file}: rejected without a message`)
        continue
      }
      corpusDecoded++
      const again = codec.encode(r.right)
      const c1 = codec.canonical(bytes)
      const c2 = codec.canonical(again)
      if (c1._tag === 'Left' || c2._tag === 'Left') {
        fail(`${d.file}: the canonical form failed`)
        continue
      }
      digest.add(again)
      digest.add(c2.right)
      if (c1.right === c2.right) corpusRoundTripped++
      else if (mustRoundTrip) fail(`${d.file}: the round trip changed the document`)
    } catch (e) {
      fail(`${d.file}: threw ${describeError(e)}`)
    }
  }
  return {
    format: id,
    contentType: codec.contentType,
    samples: values.length,
    roundTripped,
    textStable,
    corpus: corpus.length,
    corpusDecoded,
    corpusRoundTripped,
    corpusRejected,
    digest: digest.hex(),
    failures
  }
}

/** Checks every format of the registry, in registry order; `corpus` is keyed by format id. */
export const checkFormats = (
  corpus: Readonly<Record<string, ReadonlyArray<CorpusInput>>>,
  options: CheckOptions
): ReadonlyArray<FormatReport> =>
  (Object.keys(registry) as Array<FormatId>).map((id, i) =>
    checkFormat(id, corpus[id] ?? [], { ...options, seed: options.seed + i })
  )
