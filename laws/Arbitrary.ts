/**
 * Arbitraries for the XML AST, XML-safe text, the XSD datatypes and foreign extension elements: the building blocks of
 * every format's arbitrary, and interop fixtures for users who property-test their own SIP systems.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as Xml from '../src/xml/Ast.js'
import { rootContext, session, type XmlCodec } from '../src/codec/Codec.js'
import { duplicates } from '../src/codec/Lenient.js'

// -------------------------------------------------------------------------------------
// text
// -------------------------------------------------------------------------------------

const special = fc.constantFrom('&', '<', '>', '"', "'", ' ', '\t', '\n', '\r', ']')

/**
 * One character that XML 1.0 allows: ASCII, markup characters (`&<>"'`), white space, BMP characters and non-BMP
 * characters (as surrogate pairs), never a lone surrogate, U+FFFE/U+FFFF or a C0 control.
 *
 * @category text
 * @since 0.1.0
 */
export const xmlChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/'.split('')) },
  { weight: 3, arbitrary: special },
  { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.constant('😀') }
)

/**
 * XML-safe text (possibly empty, possibly only white space).
 *
 * @category text
 * @since 0.1.0
 */
export const xmlText = (maxLength = 16): fc.Arbitrary<string> => fc.string({ unit: xmlChar, maxLength })

// -------------------------------------------------------------------------------------
// datatypes
// -------------------------------------------------------------------------------------

const alpha = 'abcdefghijklmnopqrstuvwxyz'.split('')
const nameTail = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._'.split('')

/**
 * An NCName (also a valid `xs:ID`), ASCII with `-`, `.`, `_` and digits after the first character.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const ncname: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...alpha, '_', 'A', 'Z'), fc.string({ unit: fc.constantFrom(...nameTail), maxLength: 10 }))
  .map(([a, b]) => a + b)

/**
 * An `xs:ID`.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const xmlId: fc.Arbitrary<string> = ncname

/**
 * `xs:token`: words of XML-safe non-space characters separated by single spaces.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const token: fc.Arbitrary<string> = fc
  .array(fc.string({ unit: fc.constantFrom(...'abcXYZ09-_&<>é😀'.split(/(?:)/u)), minLength: 1, maxLength: 8 }), {
    maxLength: 3
  })
  .map((ws) => ws.join(' '))

/**
 * `xs:language`.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const language: fc.Arbitrary<string> = fc.constantFrom('en', 'de', 'fr-CA', 'de-CH', 'ja', 'zh-Hant-TW', 'i-klingon', 'x-pig-latin')

/**
 * `xs:anyURI` values as SIP systems write them (sip, sips, tel, mailto, http(s), urn, im, pres).
 *
 * @category datatypes
 * @since 0.1.0
 */
export const anyURI: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom('sip', 'sips', 'pres', 'im'), ncname, fc.constantFrom('example.com', 'example.org', '127.0.0.1')).map(
    ([s, u, h]) => `${s}:${u}@${h}`
  ),
  fc.integer({ min: 1000, max: 99999999 }).map((n) => `tel:+${n}`),
  fc.tuple(fc.constantFrom('http', 'https'), ncname).map(([s, p]) => `${s}://example.com/${p}?a=1&b=2`),
  ncname.map((n) => `urn:uuid:${n}`),
  ncname.map((n) => `mailto:${n}@example.net`)
)

/**
 * The values of an enumeration codec (`V.literal`).
 *
 * @category datatypes
 * @since 0.1.0
 */
export const literal = <L extends string>(codec: { readonly values: ReadonlyArray<L> }): fc.Arbitrary<L> =>
  fc.constantFrom(...codec.values)

/**
 * `xs:boolean`.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const boolean: fc.Arbitrary<boolean> = fc.boolean()

/**
 * Integers beyond the safe range, as `V.Integer` holds them (bigints), up to `max` (at most 2^70: 22 digits, within the
 * 24 digits libxml2's schema validator handles; XML Schema asks a processor for 18).
 */
const big = (max: bigint): fc.Arbitrary<bigint> => fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + 1n, max })

/**
 * `xs:positiveInteger`: mostly small numbers, some up to the safe-integer limit, some bigints beyond it.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const positiveInteger: fc.Arbitrary<number | bigint> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: big(2n ** 70n) }
)

/**
 * `xs:nonNegativeInteger`: mostly small numbers, some up to the safe-integer limit, some bigints beyond it.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const nonNegativeInteger: fc.Arbitrary<number | bigint> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
  { weight: 1, arbitrary: big(2n ** 70n) }
)

/**
 * `xs:unsignedLong`: numbers, and bigints up to 2^64 - 1.
 *
 * @category datatypes
 * @since 0.2.0
 */
export const unsignedLong: fc.Arbitrary<number | bigint> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 1, arbitrary: big(2n ** 64n - 1n) }
)

/**
 * `xs:unsignedInt`.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const unsignedInt: fc.Arbitrary<number> = fc.integer({ min: 0, max: 2 ** 32 - 1 })

/**
 * An integer within bounds.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const integerIn = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max })

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/**
 * `xs:dateTime` lexical forms: years 1970–2099, optional fractions of 1 to 9 digits, and no offset, `Z` or `±hh:mm`.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const dateTime: fc.Arbitrary<string> = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'.split('')), minLength: 1, maxLength: 9 }), {
      nil: undefined
    }),
    tz: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 30, 45)).map(
        ([sign, h, m]) => `${sign}${pad(h)}:${pad(m)}`
      )
    )
  })
  .map(
    ({ y, mo, d, h, mi, s, frac, tz }) =>
      `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${frac === undefined ? '' : '.' + frac}${tz}`
  )

/**
 * `xs:decimal` values in a range, with up to 3 decimals.
 *
 * @category datatypes
 * @since 0.1.0
 */
export const decimal = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: Math.ceil(min * 1000), max: Math.floor(max * 1000) }).map((n) => (n === 0 ? 0 : n / 1000))

// -------------------------------------------------------------------------------------
// elements
// -------------------------------------------------------------------------------------

/**
 * Namespaces that no schema of the project defines: foreign extensions generated in them are skipped by the XSD
 * wildcards (`processContents="lax"`), as an unknown vendor's extension would be.
 *
 * @category elements
 * @since 0.1.0
 */
export const foreignNamespaces: ReadonlyArray<string> = ['urn:example:xml:ns:ext', 'http://example.org/vendor/2026', 'urn:x-local:ext']

const textNode = (s: string): ReadonlyArray<Xml.Node> => (s === '' ? [] : [Xml.text(s)])

const attrsArb = (namespaces: ReadonlyArray<string>): fc.Arbitrary<Readonly<Record<string, string>>> =>
  fc
    .array(fc.tuple(fc.constantFrom('', ...namespaces), ncname, xmlText(8)), { maxLength: 3 })
    .map((as) => {
      const out: Record<string, string> = {}
      for (const [ns, local, v] of as) out[Xml.key({ ns, local })] = v
      return out
    })

/**
 * An element tree in normal form (no empty or adjacent text nodes, no white-space-only text beside elements), with
 * names from the given namespaces.
 *
 * @category elements
 * @since 0.1.0
 */
export const element = (options: {
  readonly namespaces: ReadonlyArray<string>
  readonly names?: ReadonlyArray<Xml.QName>
  readonly maxDepth?: number
  readonly maxChildren?: number
}): fc.Arbitrary<Xml.Element> => {
  const nameArb: fc.Arbitrary<Xml.QName> =
    options.names !== undefined && options.names.length > 0
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...options.names) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...options.namespaces), ncname).map(([ns, local]) => ({ ns, local })) }
        )
      : fc.tuple(fc.constantFrom(...options.namespaces), ncname).map(([ns, local]) => ({ ns, local }))
  const maxChildren = options.maxChildren ?? 3
  const { tree } = fc.letrec<{ tree: Xml.Element; leaf: Xml.Element; node: Xml.Element }>((tie) => ({
    leaf: fc
      .tuple(nameArb, attrsArb(options.namespaces.filter((n) => n !== '')), xmlText(12))
      .map(([name, attrs, s]) => Xml.element(name, attrs, textNode(s))),
    node: fc
      .tuple(nameArb, attrsArb(options.namespaces.filter((n) => n !== '')), fc.array(tie('tree'), { maxLength: maxChildren }))
      .map(([name, attrs, kids]) => Xml.element(name, attrs, kids)),
    tree: fc.oneof({ depthSize: 'small', maxDepth: options.maxDepth ?? 3 }, tie('leaf'), tie('node'))
  }))
  return tree
}

/**
 * One foreign extension element: an element of a namespace other than the given ones, with attributes and nested
 * content, as another vendor would add it.
 *
 * @category elements
 * @since 0.1.0
 */
export const foreignElement = (maxDepth = 2): fc.Arbitrary<Xml.Element> =>
  element({ namespaces: foreignNamespaces, maxDepth, maxChildren: 2 })

/**
 * A list of foreign extension elements (for `other` slots).
 *
 * @category elements
 * @since 0.1.0
 */
export const foreignElements = (maxLength = 2): fc.Arbitrary<ReadonlyArray<Xml.Element>> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(foreignElement(), { maxLength }) })

/**
 * Foreign-namespace attributes (for attribute `other` slots): absent, or a non-empty record.
 *
 * @category elements
 * @since 0.1.0
 */
export const foreignAttrs: fc.Arbitrary<Readonly<Record<string, string>> | undefined> = fc.option(
  fc
    .array(fc.tuple(fc.constantFrom(...foreignNamespaces), ncname, xmlText(8)), { minLength: 1, maxLength: 2 })
    .map((as) => {
      const out: Record<string, string> = {}
      for (const [ns, local, v] of as) out[Xml.key({ ns, local })] = v
      return out
    }),
  { nil: undefined, freq: 3 }
)

// -------------------------------------------------------------------------------------
// records
// -------------------------------------------------------------------------------------

/**
 * A record arbitrary whose optional keys are left out rather than set to `undefined` (what decoders produce under
 * `exactOptionalPropertyTypes`).
 *
 * @category records
 * @since 0.1.0
 */
export const record = <R extends Record<string, fc.Arbitrary<unknown>>, K extends keyof R>(
  model: R,
  optional: ReadonlyArray<K>
): fc.Arbitrary<
  { readonly [P in Exclude<keyof R, K>]: R[P] extends fc.Arbitrary<infer T> ? T : never } & {
    readonly [P in K]?: R[P] extends fc.Arbitrary<infer T> ? Exclude<T, undefined> : never
  }
> => {
  const required = Object.keys(model).filter((k) => !optional.includes(k as K))
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return fc.record(model as any, { requiredKeys: required as any }).map((r: Record<string, unknown>) => {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(model)) if (k in r && r[k] !== undefined) out[k] = r[k]
    return out
  }) as never
}

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

/**
 * Makes every `xs:ID` of a value unique across its document, as a valid document needs: the IDs are found by the
 * codec itself (whatever elements carry them), and a repeated one gets a `-2`, `-3`... suffix. Use it on generated
 * documents: `arb.map(A.uniqueIds(codec))`.
 *
 * @category documents
 * @since 0.2.0
 */
export const uniqueIds =
  <A>(root: XmlCodec<A>) =>
  (a: A): A => {
    const el = root.encode(a)
    const s = session(false)
    if (root.validate(el, rootContext(root, el, s))._tag === 'Left') return a
    const dups = duplicates(s, el)
    if (dups.length === 0) return a
    const taken = new Set(s.ids.keys())
    const renamed = new Map<Xml.Element, Record<string, string>>()
    for (const d of dups) {
      let n = 2
      while (taken.has(`${d.id}-${n}`)) n++
      taken.add(`${d.id}-${n}`)
      const attrs = renamed.get(d.again.element) ?? {}
      attrs[d.again.attribute] = `${d.id}-${n}`
      renamed.set(d.again.element, attrs)
    }
    const rebuild = (e: Xml.Element): Xml.Element => {
      const r = renamed.get(e)
      return {
        ...e,
        attrs: r === undefined ? e.attrs : { ...e.attrs, ...r },
        children: e.children.map((c) => (c._tag === 'Element' ? rebuild(c) : c))
      }
    }
    const again = root.decode(rebuild(el))
    return again._tag === 'Right' ? again.right : a
  }
