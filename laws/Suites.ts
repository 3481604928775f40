/**
 * The shared law suites, run against every registered format: generation, value round trip, text round trip,
 * document round trip on real documents, totality, optic laws, extension monoid laws, RFC 5261 patches between
 * documents (XML formats) and XSD validity. Node-only
 * pieces (reading the corpus, running a schema validator) come in through `Environment`, so this module stays
 * browser-safe.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import * as Xml from '../src/xml/Ast.js'
import { parse } from '../src/xml/Parser.js'
import { print } from '../src/xml/Printer.js'
import { canonical } from '../src/xml/Canonical.js'
import { diff } from '../src/xcap/Diff.js'
import { apply } from '../src/xcap/Patch.js'
import { rootContext } from '../src/codec/Codec.js'
import * as Ext from '../src/codec/Extension.js'
import * as A from './Arbitrary.js'
import { Check, Law, LawSkipped, LawViolation, expectEqual, type Law as LawT } from './Law.js'
import { laws as opticLaws } from './Optic.js'
import { laws as selectorLaws } from './Selector.js'
import { hostileLaws } from './Hostile.js'
import type { AnyFormatLaws, ExtensionLaws } from './Registration.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A real document of the corpus, as listed in its manifest.
 *
 * @category model
 * @since 0.1.0
 */
export interface CorpusDocument {
  readonly file: string
  readonly format: string
  readonly expected: 'valid' | 'invalid'
  /** The schema validator's verdict on the original: `pass`, `fail: …` or `n.a.`. */
  readonly xsd: string
  readonly bytes: Uint8Array
}

/**
 * What the suites need from the outside world. Every part is optional: the laws that read a missing part (the corpus
 * round trip without `corpus`, the schema validity of generated documents without `xsd`) throw `LawSkipped` when
 * run, and `runLaw` gives `Skipped`: they did not run, which is not a pass. The other laws need nothing.
 *
 * @category model
 * @since 0.1.0
 */
export interface Environment {
  /** The corpus documents of a format, or undefined when the corpus is not available. */
  readonly corpus?: (folder: string) => ReadonlyArray<CorpusDocument> | undefined
  /** Validates documents against schema files; resolves to one error list per document (empty when valid). */
  readonly xsd?: (docs: ReadonlyArray<string>, schemas: ReadonlyArray<string>) => Promise<ReadonlyArray<ReadonlyArray<string>>>
  /** Samples per batch check (XSD validity). */
  readonly samples?: number
  /** Fuzzed documents per format (default 10,000). */
  readonly fuzzRuns?: number
}

/**
 * A named group of laws.
 *
 * @category model
 * @since 0.1.0
 */
export interface Suite {
  readonly name: string
  readonly laws: ReadonlyArray<LawT>
}

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

const doesNotThrow = (what: string, f: () => unknown): void => {
  try {
    const r = f()
    if (!E.isLeft(r as E.Either<unknown, unknown>) && !E.isRight(r as E.Either<unknown, unknown>))
      throw new LawViolation(`${what}: did not return an Either`)
  } catch (e) {
    if (e instanceof LawViolation) throw e
    throw new LawViolation(`${what} threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`)
  }
}

const applyTextMutation = (s: string, m: { op: number; at: number; len: number; piece: string }): string => {
  const at = s.length === 0 ? 0 : m.at % s.length
  switch (m.op) {
    case 0:
      return s.slice(0, at) + s.slice(at + m.len)
    case 1:
      return s.slice(0, at) + m.piece + s.slice(at)
    case 2:
      return s.slice(0, at) + s.slice(at, at + m.len) + s.slice(at)
    default:
      return s.slice(0, at) + m.piece + s.slice(at + m.len)
  }
}

const textMutation = fc.record({
  op: fc.integer({ min: 0, max: 3 }),
  at: fc.nat(),
  len: fc.integer({ min: 0, max: 40 }),
  piece: fc.oneof(
    fc.constantFrom('<', '>', '&', '&amp;', '&bogus;', '"', "'", '</', '/>', '<x>', '</x>', '<!DOCTYPE x>', '<![CDATA[', ']]>', '<?pi?>', 'xmlns:p="u"', ' p:a="1"', '\u0000', '\uD800', '0', '-1', 'yes', ''),
    A.xmlText(10)
  )
})

type Mut = { op: number; path: ReadonlyArray<number>; text: string; name: number }

const astMutation: fc.Arbitrary<Mut> = fc.record({
  op: fc.integer({ min: 0, max: 5 }),
  path: fc.array(fc.nat(), { maxLength: 4 }),
  text: fc.oneof(A.xmlText(8), fc.constantFrom('', 'true', '0', '-1', '1.5', 'open', 'x y', '2026-13-01T00:00:00Z')),
  name: fc.nat()
})

const collectNames = (el: Xml.Element, out: Array<Xml.QName>): Array<Xml.QName> => {
  const stack = [el]
  while (stack.length > 0) {
    const e = stack.pop()!
    out.push(e.name)
    for (const c of e.children) if (c._tag === 'Element') stack.push(c)
  }
  return out
}

/** Applies a structural mutation somewhere along `path` (indices into element children, modulo their count). */
const applyAstMutation = (root: Xml.Element, m: Mut, names: ReadonlyArray<Xml.QName>): Xml.Element => {
  const go = (e: Xml.Element, depth: number): Xml.Element => {
    const kids = e.children
    const idx = m.path[depth]
    if (idx !== undefined && kids.length > 0) {
      const i = idx % kids.length
      const k = kids[i]
      if (k._tag === 'Element' && depth + 1 < m.path.length) {
        const next = kids.slice()
        next[i] = go(k, depth + 1)
        return { ...e, children: next }
      }
      switch (m.op) {
        case 0: // remove the child
          return { ...e, children: kids.filter((_, j) => j !== i) }
        case 1: // duplicate it
          return { ...e, children: [...kids.slice(0, i + 1), k, ...kids.slice(i + 1)] }
        case 2: // replace its text
          return k._tag === 'Element'
            ? { ...e, children: kids.map((c, j) => (j === i ? { ...k, children: m.text === '' ? [] : [Xml.text(m.text)] } : c)) }
            : { ...e, children: kids.map((c, j) => (j === i ? Xml.text(m.text) : c)) }
        default:
          break
      }
    }
    switch (m.op) {
      case 3: {
        // set an attribute value (existing one if any)
        const keys = Object.keys(e.attrs)
        const key = keys.length > 0 ? keys[m.name % keys.length] : 'id'
        return { ...e, attrs: { ...e.attrs, [key]: m.text } }
      }
      case 4: // rename to another name of the format
        return names.length > 0 ? { ...e, name: names[m.name % names.length] } : e
      default: // add text beside the children
        return { ...e, children: [...kids, Xml.text(m.text === '' ? 'x' : m.text)] }
    }
  }
  return go(root, 0)
}

// -------------------------------------------------------------------------------------
// suites
// -------------------------------------------------------------------------------------

/**
 * Every suite for a registration.
 *
 * @category suites
 * @since 0.1.0
 */
export const suites = (reg: AnyFormatLaws, env: Environment = {}): ReadonlyArray<Suite> => {
  const { codec, arbitrary } = reg
  const root = codec.root
  const id = reg.format
  const out: Array<Suite> = []

  out.push({
    name: 'generation',
    laws: [
      Law(`${id}: every generated value passes is`, 'the arbitrary generates values of the type, as the guard sees it', arbitrary)(
        (a) => {
          if (!codec.is(a)) throw new LawViolation(`is rejected a generated value: ${fc.stringify(a)}`)
        }
      )
    ]
  })

  const valueLaws: Array<LawT> = [
    Law(`${id}: decode(encode(a)) = a`, 'value round trip through the wire text', arbitrary)((a) => {
      const text = codec.encode(a)
      const r = codec.decode(text)
      if (E.isLeft(r)) throw new LawViolation(`decode of the encoded value failed: ${r.left.map((p) => `${p.path}: ${p.message}`).join('; ')}\n${text}`)
      expectEqual(r.right, a, 'decoded value')
    }),
    Law(`${id}: decodeLenient(encode(a)) = a with nothing dropped`, 'lenient mode agrees with strict mode on valid documents', arbitrary)(
      (a) => {
        const r = codec.decodeLenient(codec.encode(a))
        if (E.isLeft(r)) throw new LawViolation('lenient decode failed on a valid document')
        expectEqual(r.right.dropped, [], 'dropped')
        expectEqual(r.right.warnings, [], 'warnings')
        expectEqual(r.right.value, a, 'decoded value')
      }
    )
  ]
  if (root !== undefined)
    valueLaws.push(
      Law(`${id}: root.decode(root.encode(a)) = a`, 'value round trip through the AST', arbitrary)((a) => {
        const r = root.validate(root.encode(a), rootContext(root, root.encode(a)))
        if (E.isLeft(r)) throw new LawViolation(`AST decode failed: ${r.left.map((e) => e.message).join('; ')}`)
        expectEqual(r.right, a, 'decoded value')
      })
    )
  out.push({ name: 'value round trip', laws: valueLaws })

  out.push({
    name: 'text round trip',
    laws:
      root !== undefined
        ? [
            Law(`${id}: parse(print(ast)) = ast`, 'printing then parsing an encoded document gives the same AST', arbitrary, fc.boolean())(
              (a, pretty) => {
                const ast = root.encode(a)
                const text = print(ast, { pretty })
                const back = parse(text)
                if (E.isLeft(back)) throw new LawViolation(`the printed document does not parse: ${back.left.message}\n${text}`)
                if (!Xml.equals(back.right, ast)) throw new LawViolation(`the AST changed through print and parse:\n${text}`)
              }
            )
          ]
        : [
            Law(`${id}: encode(decode(encode(a))) = encode(a)`, 'the printed text is a fixed point of decode and encode', arbitrary)((a) => {
              const text = codec.encode(a)
              const r = codec.decode(text)
              if (E.isLeft(r)) throw new LawViolation('decode of the encoded text failed')
              expectEqual(codec.encode(r.right), text, 'text')
            })
          ]
  })

  out.push({
    name: 'document round trip',
    laws: [
      Check(
        `${id}: canonical(encode(decode(x))) = canonical(x) on real documents`,
        'documents meant valid that pass the schema round-trip; every other one decodes or gets a clear error, never a throw',
        () => {
          const all = env.corpus?.(reg.corpus ?? id)
          if (all === undefined) throw new LawSkipped('the corpus folder is not available')
          const reads = reg.corpusFiles ?? ((f: string) => f.endsWith('.' + codec.fileExtension))
          const docs = all.filter((d) => reads(d.file))
          let roundTripped = 0
          let decoded = 0
          const rejected: Array<string> = []
          const lenient: Array<string> = []
          for (const d of docs) {
            let r: ReturnType<typeof codec.decode>
            try {
              r = codec.decode(d.bytes)
            } catch (e) {
              throw new LawViolation(`${d.file}: decode threw ${String(e)}`)
            }
            const mustRoundTrip = d.expected === 'valid' && (d.xsd === 'pass' || d.xsd === 'n.a.')
            if (E.isLeft(r)) {
              if (mustRoundTrip) throw new LawViolation(`${d.file}: a valid document failed to decode: ${r.left.map((p) => `${p.path}: ${p.message}`).join('; ')}`)
              if (r.left.length === 0 || r.left.some((p) => p.message === '')) throw new LawViolation(`${d.file}: rejected without a message`)
              rejected.push(`${d.file} (${r.left[0].path}: ${r.left[0].message})`)
              const l = codec.decodeLenient(d.bytes)
              if (E.isRight(l)) lenient.push(`${d.file}: ${l.right.dropped.length} dropped`)
              continue
            }
            decoded++
            const again = codec.encode(r.right)
            const c1 = codec.canonical(d.bytes)
            const c2 = codec.canonical(again)
            if (E.isLeft(c1) || E.isLeft(c2)) throw new LawViolation(`${d.file}: canonical form failed`)
            if (c1.right === c2.right) roundTripped++
            else if (mustRoundTrip) throw new LawViolation(`${d.file}: the round trip changed the document:\n  original:  ${c1.right}\n  re-encoded: ${c2.right}`)
          }
          return `${docs.length} documents: ${decoded} decoded, ${roundTripped} round-tripped, ${rejected.length} rejected${rejected.length > 0 ? ` [${rejected.join('; ')}]` : ''}${lenient.length > 0 ? `; lenient: ${lenient.join('; ')}` : ''}`
        }
      )
    ]
  })

  const names = reg.names ?? root?.names ?? []
  const totality: Array<LawT> = [
    Law(`${id}: decode never throws on arbitrary text`, 'any text gives an Either', fc.oneof(A.xmlText(60), fc.string({ maxLength: 60 }), ...(reg.texts ? [reg.texts] : [])))(
      (s) => {
        doesNotThrow('decode', () => codec.decode(s))
        doesNotThrow('decodeLenient', () => codec.decodeLenient(s))
      }
    ),
    Law(`${id}: decode never throws on mutations of valid documents`, 'broken documents give an Either', arbitrary, fc.array(textMutation, { minLength: 1, maxLength: 4 }))(
      (a, ms) => {
        const s = ms.reduce(applyTextMutation, codec.encode(a))
        doesNotThrow('decode', () => codec.decode(s))
        doesNotThrow('decodeLenient', () => codec.decodeLenient(s))
      }
    )
  ]
  if (root !== undefined) {
    const namespaces = reg.namespaces ?? [...new Set(names.map((n) => n.ns))]
    totality.push(
      Law(`${id}: decode never throws on arbitrary ASTs`, 'any element tree gives an Either', A.element({ namespaces: ['', ...namespaces, A.foreignNamespaces[0]], names, maxDepth: 4 }))(
        (el) => {
          doesNotThrow('root.decode', () => root.decode(el))
        }
      ),
      Law(`${id}: decode never throws on mutated ASTs`, 'valid trees with a node removed, duplicated, renamed or given odd text give an Either', arbitrary, fc.array(astMutation, { minLength: 1, maxLength: 3 }))(
        (a, ms) => {
          const ast = root.encode(a)
          const all = collectNames(ast, [...names])
          const mutated = ms.reduce((e, m) => applyAstMutation(e, m, all), ast)
          doesNotThrow('root.decode', () => root.decode(mutated))
        }
      ),
      Law(`${id}: decode never throws on non-elements`, 'garbage in gives an Either', fc.anything())((u) => {
        doesNotThrow('root.decode', () => root.decode(u))
      })
    )
  }
  out.push({ name: 'totality', laws: totality })

  const roundTrip = (a: unknown): unknown => {
    const r = codec.decode(codec.encode(a))
    return E.isRight(r) ? r.right : { decodeFailed: r.left }
  }
  out.push({ name: 'optics', laws: reg.optics.flatMap((o) => opticLaws(o, arbitrary, roundTrip)) })

  out.push({ name: 'extensions', laws: (reg.extensions ?? []).flatMap((x) => extensionLaws(x)) })

  // node selectors mean the usage's default namespace where a name has no prefix
  const usageNs = (codec as { readonly usage?: { readonly namespace?: string } }).usage?.namespace
  if (reg.selectors !== undefined && reg.selectors.length > 0)
    out.push({
      name: 'node selectors',
      laws:
        usageNs === undefined
          ? [Check(`${id}: node selectors need an application usage`, 'selectors are laws of XCAP formats', async () => {
              throw new LawViolation('the registration gives node selectors, but its codec has no application usage')
            })]
          : reg.selectors.flatMap((l) => selectorLaws(l, codec, arbitrary, usageNs))
    })

  if (reg.schemas.length > 0)
    out.push({
      name: 'xsd validity',
      laws: [
        Check(`${id}: generated documents validate against ${reg.schemas.join(', ')}`, 'every generated document is valid by the schemas', async () => {
          if (env.xsd === undefined) throw new LawSkipped('no schema validator available')
          const n = env.samples ?? fc.readConfigureGlobal().numRuns ?? 100
          const values = fc.sample(arbitrary, { numRuns: n })
          const docs = values.map((v) => codec.encode(v))
          const results = await env.xsd(docs, reg.schemas)
          const bad = results.map((errs, i) => ({ errs, i })).filter((r) => r.errs.length > 0)
          if (bad.length > 0)
            throw new LawViolation(`${bad.length} of ${docs.length} generated documents are invalid; first:\n${docs[bad[0].i]}\n${bad[0].errs.join('\n')}`)
          return `${docs.length} generated documents valid`
        })
      ]
    })
  // RFC 5261 patches between two documents of the format: what xcap-diff carries from an XCAP server to its clients
  if (root !== undefined)
    out.push({
      name: 'patches',
      laws: [
        Law(`${id}: apply(diff(a, b), a) = b`, 'the patch between two documents turns the first into the second (canonically)', arbitrary, arbitrary)((a, b) => {
          const ea = root.encode(a)
          const eb = root.encode(b)
          const p = diff(ea, eb)
          const r = apply(ea, p.operations)
          if (E.isLeft(r)) throw new LawViolation(`the patch does not apply: ${r.left.condition}: ${r.left.message}`)
          expectEqual(canonical(r.right), canonical(eb), 'the patched document')
        }),
        Law(`${id}: diff(a, a) = []`, 'a document and itself differ by no operation', arbitrary)((a) => {
          const ea = root.encode(a)
          expectEqual(diff(ea, ea).operations, [], 'operations')
        })
      ]
    })

  const reads = reg.corpusFiles ?? ((f: string) => f.endsWith('.' + codec.fileExtension))
  const real = env.corpus?.(reg.corpus ?? id)?.filter((d) => reads(d.file))
  out.push({
    name: 'hostile',
    laws: hostileLaws(reg, { ...(real === undefined ? {} : { corpus: real }), ...(env.fuzzRuns === undefined ? {} : { runs: env.fuzzRuns }) })
  })

  // a suite with no laws (a format without extensions, say) is left out: test runners reject empty groups
  return out.filter((s) => s.laws.length > 0)
}

/**
 * The monoid laws of one extension point, observed through decoding: combining with `empty` changes nothing, and
 * combining is associative (the host codecs built either way decode every element to the same result and encode
 * every value to the same element).
 *
 * @category suites
 * @since 0.1.0
 */
export const extensionLaws = (
  x: ExtensionLaws,
  combine: typeof Ext.combine = Ext.combine
): ReadonlyArray<LawT> => {
  const exts = x.extensions
  const pick = fc.constantFrom(...exts)
  const sameCodec = (h1: ReturnType<ExtensionLaws['host']>, h2: ReturnType<ExtensionLaws['host']>, el: Xml.Element): void => {
    const r1 = h1.decode(el)
    const r2 = h2.decode(el)
    expectEqual(E.isRight(r1), E.isRight(r2), 'both decode or both fail')
    if (E.isRight(r1) && E.isRight(r2)) {
      expectEqual(r1.right, r2.right, 'decoded values')
      if (!Xml.equals(h1.encode(r1.right), h2.encode(r2.right))) throw new LawViolation('encoded elements differ')
    }
  }
  return [
    Law(`${x.name}: combine(empty, e) = e = combine(e, empty)`, 'extension monoid: identity', pick, x.elements)((e, el) => {
      const h = x.host(e)
      sameCodec(x.host(combine(Ext.empty as never, e)), h, el)
      sameCodec(x.host(combine(e, Ext.empty as never)), h, el)
    }),
    Law(`${x.name}: combine(combine(a, b), c) = combine(a, combine(b, c))`, 'extension monoid: associativity', fc.shuffledSubarray([...exts], { minLength: Math.min(3, exts.length), maxLength: Math.min(3, exts.length) }), x.elements)(
      (es, el) => {
        if (es.length < 2) return
        const [a, b, c = Ext.empty as never] = es
        sameCodec(x.host(combine(combine(a, b), c)), x.host(combine(a, combine(b, c))), el)
      }
    )
  ]
}
