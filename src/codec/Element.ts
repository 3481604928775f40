/**
 * Element codecs: io-ts types from an AST element to a value and back, built from combinators. An element codec is a
 * record of fields in XSD sequence order (attributes, children, text, an `other` slot and extension points); the
 * encoder writes children in that order. Names are matched by expanded name only.
 *
 * @since 0.1.0
 */
import * as t from 'io-ts'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import * as Xml from '../xml/Ast.js'
import { expected, show, type Dropped } from './DecodeError.js'
import { orEmpty, type ValueCodec } from './Value.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An element codec: `t.Type<A, Xml.Element, unknown>` that also knows the element names it reads.
 *
 * @category model
 * @since 0.1.0
 */
export interface XmlCodec<A> extends t.Type<A, Xml.Element, unknown> {
  readonly names: ReadonlyArray<Xml.QName>
}

/**
 * What a field sees while decoding: the element, its element children, and the context (the path).
 *
 * @category model
 * @since 0.1.0
 */
export interface Input {
  readonly el: Xml.Element
  /** The element children routed to this field (those with the names it claims, or for `other`, the unclaimed). */
  readonly kids: ReadonlyArray<Xml.Element>
  /** Every element child. */
  readonly all: ReadonlyArray<Xml.Element>
  readonly c: t.Context
  readonly host: Host
}

/**
 * What an element codec knows about all of its fields: which attributes they claim (element children are routed to
 * the fields that claim them before any field decodes).
 *
 * @category model
 * @since 0.1.0
 */
export interface Host {
  readonly claimsAttr: (key: string) => boolean
}

/**
 * Where encoding writes: attributes and children of the element being built.
 *
 * @category model
 * @since 0.1.0
 */
export interface Out {
  readonly attrs: Record<string, string>
  readonly children: Array<Xml.Node>
}

/**
 * Returned by an optional field's decoder when the field is absent (the key is then left out).
 *
 * @category model
 * @since 0.1.0
 */
export const ABSENT: unique symbol = Symbol('absent')

const RIGHT_ABSENT: t.Validation<typeof ABSENT> = t.success(ABSENT)
const RIGHT_NONE: t.Validation<ReadonlyArray<never>> = t.success(Object.freeze([]) as ReadonlyArray<never>)

/**
 * One field of an element codec. `O` tells whether the key is optional in the decoded record.
 *
 * @category model
 * @since 0.1.0
 */
export interface Field<A, O extends boolean = false> {
  readonly _tag: 'Field'
  readonly _A?: A
  readonly optional: O
  /** Element names this field reads. */
  readonly elements: ReadonlyArray<Xml.QName>
  /** Attribute keys (Clark notation) this field reads. */
  readonly attributes: ReadonlyArray<string>
  /** For an `other` slot: which unclaimed elements it keeps. */
  readonly keepsElement?: (name: Xml.QName) => boolean
  /** For an attribute `other` slot: which unclaimed attributes it keeps. */
  readonly keepsAttribute?: (key: string) => boolean
  /** Whether the field reads the element's text. */
  readonly readsText?: boolean
  /** For fields made of several fields (groups): the position of each claimed name among them. */
  readonly ranks?: ReadonlyArray<readonly [Xml.QName, number]>
  /** The result when no element child is routed to the field, if it is always the same (a fast path). */
  readonly whenNone?: t.Validation<A | typeof ABSENT>
  readonly decode: (input: Input) => t.Validation<A | typeof ABSENT>
  readonly encode: (a: A, out: Out) => void
  readonly is: (u: unknown) => boolean
}

/**
 * Any field.
 *
 * @category model
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = Field<any, boolean>

/**
 * A record of fields.
 *
 * @category model
 * @since 0.1.0
 */
export type Fields = Readonly<Record<string, AnyField>>

/**
 * The value type of a field.
 *
 * @category model
 * @since 0.1.0
 */
export type FieldType<F> = F extends Field<infer A, any> ? A : never // eslint-disable-line @typescript-eslint/no-explicit-any

type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly optional: true } ? never : K }[keyof F]
type OptionalKeys<F extends Fields> = { [K in keyof F]: F[K] extends { readonly optional: true } ? K : never }[keyof F]

/**
 * The record type decoded from a record of fields: required keys for required fields, `?:` keys for optional ones.
 *
 * @category model
 * @since 0.1.0
 */
export type Struct<F extends Fields> = {
  readonly [K in RequiredKeys<F>]: FieldType<F[K]>
} & {
  readonly [K in OptionalKeys<F>]?: FieldType<F[K]>
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never

// -------------------------------------------------------------------------------------
// lenient mode
// -------------------------------------------------------------------------------------

const sinks = new WeakMap<t.ContextEntry, Array<Dropped>>()

/**
 * Runs a decoder in lenient mode: invalid repeated children (and unexpected elements) are dropped instead of failing
 * the whole document, and what was dropped is returned with the reason.
 *
 * @category combinators
 * @since 0.1.0
 */
export const validateLenient = <A>(
  codec: t.Decoder<unknown, A>,
  u: unknown,
  c: t.Context
): { readonly result: t.Validation<A>; readonly dropped: ReadonlyArray<Dropped> } => {
  const sink: Array<Dropped> = []
  sinks.set(c[0], sink)
  try {
    return { result: codec.validate(u, c), dropped: sink }
  } finally {
    sinks.delete(c[0])
  }
}

const sinkOf = (c: t.Context): Array<Dropped> | undefined => (c.length === 0 ? undefined : sinks.get(c[0]))

const pathOfContext = (c: t.Context): string => {
  let s = ''
  for (const e of c) if (e.key !== '') s += '/' + e.key
  return s === '' ? '/' : s
}

const drop = (sink: Array<Dropped>, c: t.Context, errors: t.Errors, element: unknown): void => {
  const at = pathOfContext(c)
  const first = errors[0]
  const where = first === undefined ? '' : pathOfContext(first.context).slice(at.length + 1)
  const why = first?.message ?? 'invalid'
  sink.push({ path: at, reason: where === '' ? why : `${where}: ${why}`, element })
}

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null

/**
 * A shallow check that a value has the shape of an AST element.
 *
 * @category model
 * @since 0.1.0
 */
export const isElement = (u: unknown): u is Xml.Element => {
  if (!isObject(u) || u._tag !== 'Element') return false
  const n = u.name as { ns?: unknown; local?: unknown } | null | undefined
  return (
    isObject(n) &&
    typeof n.ns === 'string' &&
    typeof n.local === 'string' &&
    isObject(u.attrs) &&
    Array.isArray(u.children)
  )
}

/**
 * A deep check that a value is an AST element (every descendant too), as used by the guards of `other` slots.
 *
 * @category model
 * @since 0.1.0
 */
export const isElementDeep = (u: unknown): u is Xml.Element => {
  const stack: Array<unknown> = [u]
  while (stack.length > 0) {
    const x = stack.pop()
    if (!isElement(x)) return false
    for (const v of Object.values(x.attrs)) if (typeof v !== 'string') return false
    for (const ch of x.children) {
      if (isObject(ch) && ch._tag === 'Text') {
        if (typeof ch.value !== 'string') return false
      } else stack.push(ch)
    }
  }
  return true
}

/**
 * How a name shows in messages: `<local>` for names without namespace, `<{ns}local>` otherwise.
 *
 * @category errors
 * @since 0.1.0
 */
export const showName = (n: Xml.QName): string => (n.ns === '' ? `<${n.local}>` : `<{${n.ns}}${n.local}>`)

const showNames = (ns: ReadonlyArray<Xml.QName>): string => ns.map(showName).join(' | ')

const attrStep = (key: string): string => {
  const n = Xml.fromKey(key)
  return n.ns === '' ? `@${n.local}` : n.ns === Xml.XML_NS ? `@xml:${n.local}` : `@${n.local}`
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const append = (c: t.Context, key: string, type: t.Decoder<any, unknown>, actual: unknown): t.Context => {
  const out = new Array<t.ContextEntry>(c.length + 1)
  for (let i = 0; i < c.length; i++) out[i] = c[i]
  out[c.length] = { key, type, actual }
  return out
}

const isWhitespace = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    if (ch !== 32 && ch !== 9 && ch !== 10 && ch !== 13) return false
  }
  return true
}

const kidsOf = (el: Xml.Element): { kids: ReadonlyArray<Xml.Element>; text: boolean } => {
  const kids: Array<Xml.Element> = []
  let text = false
  for (const ch of el.children) {
    if (ch._tag === 'Element') kids.push(ch)
    else if (!text && !isWhitespace(ch.value)) text = true
  }
  return { kids, text }
}

class XmlType<A> extends t.Type<A, Xml.Element, unknown> implements XmlCodec<A> {
  /** For element codecs: where the encoder writes a child of this name (see `keepOrder`). */
  rankOf: ((name: Xml.QName) => number) | undefined = undefined
  constructor(
    name: string,
    is: t.Is<A>,
    validate: t.Validate<unknown, A>,
    encode: t.Encode<A, Xml.Element>,
    readonly names: ReadonlyArray<Xml.QName>
  ) {
    super(name, is, validate, encode)
  }
}

/**
 * Builds an element codec from its parts (for new combinators; formats use the combinators).
 *
 * @category combinators
 * @since 0.1.0
 */
export const make = <A>(
  name: string,
  names: ReadonlyArray<Xml.QName>,
  is: t.Is<A>,
  validate: t.Validate<unknown, A>,
  encode: t.Encode<A, Xml.Element>
): XmlCodec<A> => new XmlType(name, is, validate, encode, names)

// -------------------------------------------------------------------------------------
// records of fields
// -------------------------------------------------------------------------------------

interface Plan {
  readonly fields: ReadonlyArray<readonly [string, AnyField]>
  /** The same, as parallel arrays (the hot loop reads these). */
  readonly keys: ReadonlyArray<string>
  readonly fieldList: ReadonlyArray<AnyField>
  readonly host: Host
  readonly keepsElement: ReadonlyArray<(name: Xml.QName) => boolean>
  readonly keepsAttribute: ReadonlyArray<(key: string) => boolean>
  readonly readsText: boolean
  /** Element name to the index of the field that reads it (the first field claiming a name wins). */
  readonly route: Map<string, Map<string, number>>
  /** The same by QName object (-1: no field). */
  readonly fieldCache: WeakMap<Xml.QName, number>
  /** Indices of the fields that keep unclaimed elements (`other` slots). */
  readonly others: ReadonlyArray<number>
  /** Where the encoder writes an element of this name, as a number that orders like the output. */
  readonly rankOf: (name: Xml.QName) => number
}

const RANK_STEP = 1024

const plan = (fields: Fields): Plan => {
  const entries = Object.entries(fields)
  const attrs = new Set<string>()
  const keepsElement: Array<(name: Xml.QName) => boolean> = []
  const keepsAttribute: Array<(key: string) => boolean> = []
  const route = new Map<string, Map<string, number>>()
  const others: Array<number> = []
  let readsText = false
  const ranks = new Map<string, Map<string, number>>()
  const rankCache = new WeakMap<Xml.QName, number>()
  entries.forEach(([, f], i) => {
    for (const n of f.elements) {
      let m = route.get(n.ns)
      if (m === undefined) route.set(n.ns, (m = new Map()))
      if (!m.has(n.local)) m.set(n.local, i)
    }
    for (const [n, sub] of f.ranks ?? f.elements.map((n) => [n, 0] as const)) {
      let m = ranks.get(n.ns)
      if (m === undefined) ranks.set(n.ns, (m = new Map()))
      if (!m.has(n.local)) m.set(n.local, i * RANK_STEP + sub)
    }
    for (const a of f.attributes) attrs.add(a)
    if (f.keepsElement !== undefined) {
      keepsElement.push(f.keepsElement)
      others.push(i)
    }
    if (f.keepsAttribute !== undefined) keepsAttribute.push(f.keepsAttribute)
    if (f.readsText === true) readsText = true
  })
  return {
    fields: entries,
    keys: entries.map(([k]) => k),
    fieldList: entries.map(([, f]) => f),
    host: { claimsAttr: (k) => attrs.has(k) },
    keepsElement,
    keepsAttribute,
    readsText,
    route,
    fieldCache: new WeakMap(),
    others,
    rankOf: (n) => {
      let r = rankCache.get(n)
      if (r === undefined) {
        r = ranks.get(n.ns)?.get(n.local)
        if (r === undefined) {
          r = -1
          for (const oi of others)
            if (entries[oi][1].keepsElement!(n)) {
              r = oi * RANK_STEP
              break
            }
        }
        rankCache.set(n, r)
      }
      return r
    }
  }
}

const EMPTY: ReadonlyArray<Xml.Element> = []

/**
 * The field that reads an element of this name, if any. QName objects recur (the parser shares one per expanded
 * name), so the answer is cached by identity.
 */
const fieldOf = (p: Plan, n: Xml.QName): number | undefined => {
  let fi = p.fieldCache.get(n)
  if (fi === undefined) {
    fi = p.route.get(n.ns)?.get(n.local) ?? -1
    p.fieldCache.set(n, fi)
  }
  return fi < 0 ? undefined : fi
}

/**
 * Routes element children to the fields that read them, in one pass; unclaimed children go to the `other` slots that
 * keep them, and the rest to `unknown` (when given).
 */
const routeKids = (
  p: Plan,
  kids: ReadonlyArray<Xml.Element>,
  unknown: Array<Xml.Element> | undefined
): Array<Array<Xml.Element> | undefined> => {
  const buckets = new Array<Array<Xml.Element> | undefined>(p.fields.length)
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]
    const fi = fieldOf(p, k.name)
    if (fi !== undefined) {
      const b = buckets[fi]
      if (b === undefined) buckets[fi] = [k]
      else b.push(k)
      continue
    }
    let kept = false
    for (const oi of p.others) {
      if (!p.fields[oi][1].keepsElement!(k.name)) continue
      kept = true
      const b = buckets[oi]
      if (b === undefined) buckets[oi] = [k]
      else b.push(k)
    }
    if (!kept && unknown !== undefined) unknown.push(k)
  }
  return buckets
}

/** Decodes every field from its routed children; errors are pushed, the record returned. */
const decodeRouted = (
  p: Plan,
  el: Xml.Element,
  all: ReadonlyArray<Xml.Element>,
  buckets: Array<Array<Xml.Element> | undefined>,
  c: t.Context,
  errors: Array<t.ValidationError>
): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  let input: { el: Xml.Element; kids: ReadonlyArray<Xml.Element>; all: ReadonlyArray<Xml.Element>; c: t.Context; host: Host } | undefined
  const fs = p.fieldList
  const keys = p.keys
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]
    const b = buckets[i]
    let r: t.Validation<unknown>
    if (b === undefined && f.whenNone !== undefined) r = f.whenNone
    else {
      if (input === undefined) input = { el, kids: EMPTY, all, c, host: p.host }
      input.kids = b ?? EMPTY
      r = f.decode(input)
    }
    if (r._tag === 'Left') {
      for (const e of r.left) errors.push(e)
    } else if (r.right !== ABSENT) out[keys[i]] = r.right
  }
  return out
}

const keptAttribute = (p: Plan, k: string): boolean => {
  for (const keep of p.keepsAttribute) if (keep(k)) return true
  return false
}

const encodeFields = (p: Plan, a: Record<string, unknown>, out: Out): void => {
  for (const [k, f] of p.fields) {
    const v = a[k]
    if (v === undefined) {
      if (!f.optional) f.encode(v, out)
    } else f.encode(v, out)
  }
}

const isFields = (p: Plan, u: unknown): boolean => {
  if (!isObject(u)) return false
  for (const [k, f] of p.fields) {
    const v = u[k]
    if (v === undefined ? !f.optional : !f.is(v)) return false
  }
  return true
}

// -------------------------------------------------------------------------------------
// element
// -------------------------------------------------------------------------------------

/**
 * An element codec from its expanded name and a record of fields in XSD sequence order. Elements and attributes no
 * field claims are errors unless an `other` slot keeps them; non-white-space text is an error unless a `text` field
 * reads it. Errors of all fields accumulate.
 *
 * @category combinators
 * @since 0.1.0
 */
export const element = <F extends Fields>(name: Xml.QName, fields: F, typeName?: string): XmlCodec<Struct<F>> => {
  const p = plan(fields)
  const label = typeName ?? showName(name)
  const validate = (u: unknown, c: t.Context): t.Validation<Struct<F>> => {
    if (!isElement(u)) return t.failure(u, c, expected(`element ${showName(name)}`, u))
    if (u.name.local !== name.local || u.name.ns !== name.ns)
      return t.failure(u, c, `expected element ${showName(name)}, got ${showName(u.name)}`)
    const errors: Array<t.ValidationError> = []
    const all: Array<Xml.Element> = []
    let text = false
    for (const ch of u.children) {
      if (ch._tag === 'Element') all.push(ch)
      else if (!text && !isWhitespace(ch.value)) text = true
    }
    if (text && !p.readsText) {
      errors.push({ value: u, context: c, message: `expected element-only content, got text ${show(Xml.textOf(u).trim())}` })
    }
    // unclaimed attributes
    for (const k in u.attrs) {
      if (p.host.claimsAttr(k)) continue
      if (!keptAttribute(p, k)) {
        errors.push({
          value: u.attrs[k],
          context: append(c, attrStep(k), t.unknown, u.attrs[k]),
          message: `expected no attribute ${attrStep(k).slice(1)} here, got ${show(u.attrs[k])}`
        })
      }
    }
    // unclaimed elements: no field reads them, so lenient mode only has to report them
    const unclaimed: Array<Xml.Element> = []
    const buckets = routeKids(p, all, unclaimed)
    if (unclaimed.length > 0) {
      const counts = new Map<string, number>()
      const sink = sinkOf(c)
      for (const kid of unclaimed) {
        const key = Xml.key(kid.name)
        const n = (counts.get(key) ?? 0) + 1
        counts.set(key, n)
        const kc = append(c, `${kid.name.local}[${n}]`, t.unknown, kid)
        if (sink !== undefined) sink.push({ path: pathOfContext(kc), reason: `unexpected element ${showName(kid.name)}`, element: kid })
        else errors.push({ value: kid, context: kc, message: `expected no element ${showName(kid.name)} here, got one` })
      }
    }
    const out = decodeRouted(p, u, all, buckets, c, errors)
    return errors.length > 0 ? t.failures(errors) : t.success(out as Struct<F>)
  }
  const encode = (a: Struct<F>): Xml.Element => {
    const out: Out = { attrs: {}, children: [] }
    encodeFields(p, a as Record<string, unknown>, out)
    return { _tag: 'Element', name, attrs: out.attrs, children: out.children }
  }
  const codec = new XmlType(label, (u): u is Struct<F> => isFields(p, u), validate, encode, [name])
  codec.rankOf = p.rankOf
  return codec
}

// -------------------------------------------------------------------------------------
// leaf elements
// -------------------------------------------------------------------------------------

/**
 * An element with text content only and no attributes, read with a value codec: `<basic>open</basic>`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const textElement = <A>(name: Xml.QName, value: ValueCodec<A>): XmlCodec<A> => {
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isElement(u)) return t.failure(u, c, expected(`element ${showName(name)}`, u))
    if (u.name.local !== name.local || u.name.ns !== name.ns)
      return t.failure(u, c, `expected element ${showName(name)}, got ${showName(u.name)}`)
    const cs = u.children
    let s = ''
    for (const ch of cs) {
      if (ch._tag === 'Element') return t.failure(ch, c, `expected text only, got element ${showName(ch.name)}`)
      s += ch.value
    }
    for (const k in u.attrs) {
      return t.failure(u.attrs[k], append(c, attrStep(k), t.unknown, u.attrs[k]), `expected no attribute ${attrStep(k).slice(1)} here, got ${show(u.attrs[k])}`)
    }
    return value.validate(s, c)
  }
  const encode = (a: A): Xml.Element => {
    const s = value.encode(a)
    return { _tag: 'Element', name, attrs: {}, children: s === '' ? [] : [{ _tag: 'Text', value: s }] }
  }
  return make(value.name, [name], value.is, validate, encode)
}

/**
 * An empty element that stands for a constant: `<rpid:away/>` as `'away'`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const empty = <A extends string | number | boolean>(name: Xml.QName, value: A): XmlCodec<A> => {
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isElement(u)) return t.failure(u, c, expected(`element ${showName(name)}`, u))
    if (u.name.local !== name.local || u.name.ns !== name.ns)
      return t.failure(u, c, `expected element ${showName(name)}, got ${showName(u.name)}`)
    const { kids, text } = kidsOf(u)
    if (kids.length > 0 || text) return t.failure(u, c, `expected an empty element, got content`)
    for (const k in u.attrs) {
      return t.failure(u.attrs[k], append(c, attrStep(k), t.unknown, u.attrs[k]), `expected no attribute ${attrStep(k).slice(1)} here, got ${show(u.attrs[k])}`)
    }
    return t.success(value)
  }
  return make(
    showName(name),
    [name],
    (u): u is A => u === value,
    validate,
    () => ({ _tag: 'Element', name, attrs: {}, children: [] })
  )
}

// -------------------------------------------------------------------------------------
// choice and mapping
// -------------------------------------------------------------------------------------

/**
 * A choice dispatched on the element's expanded name (never by trying each member). Encoding uses the first member
 * whose guard accepts the value, so members' value types must be distinguishable (a `_tag`, or distinct literals).
 *
 * @category combinators
 * @since 0.1.0
 */
export const oneOf = <CS extends readonly [XmlCodec<any>, ...ReadonlyArray<XmlCodec<any>>]>( // eslint-disable-line @typescript-eslint/no-explicit-any
  ...codecs: CS
): XmlCodec<t.TypeOf<CS[number]>> => {
  type A = t.TypeOf<CS[number]>
  const byNs = new Map<string, Map<string, XmlCodec<A>>>()
  const names: Array<Xml.QName> = []
  for (const cd of codecs) {
    for (const n of cd.names) {
      let m = byNs.get(n.ns)
      if (m === undefined) byNs.set(n.ns, (m = new Map()))
      if (!m.has(n.local)) {
        m.set(n.local, cd)
        names.push(n)
      }
    }
  }
  const label = codecs.map((cd) => cd.name).join(' | ')
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isElement(u)) return t.failure(u, c, expected(`one of ${showNames(names)}`, u))
    const cd = byNs.get(u.name.ns)?.get(u.name.local)
    if (cd === undefined) return t.failure(u, c, `expected one of ${showNames(names)}, got ${showName(u.name)}`)
    return cd.validate(u, c)
  }
  const encode = (a: A): Xml.Element => {
    for (const cd of codecs) if (cd.is(a)) return cd.encode(a)
    // unreachable for values that pass `is`; encode stays total by using the first member
    return codecs[0].encode(a)
  }
  return make(label, names, (u): u is A => codecs.some((cd) => cd.is(u)), validate, encode)
}

/**
 * Maps an element codec's value both ways (an isomorphism onto part of `B`, with its guard).
 *
 * @category combinators
 * @since 0.1.0
 */
export const imap = <A, B>(
  codec: XmlCodec<A>,
  to: (a: A) => B,
  from: (b: B) => A,
  is: (u: unknown) => u is B,
  name: string = codec.name
): XmlCodec<B> =>
  make(
    name,
    codec.names,
    is,
    (u, c) => {
      const r = codec.validate(u, c)
      return r._tag === 'Left' ? r : t.success(to(r.right))
    },
    (b) => codec.encode(from(b))
  )

/**
 * Narrows an element codec with a predicate on the decoded value (a co-occurrence constraint the fields cannot say
 * alone, such as an XSD choice between an element and a list of others). A decoded value the predicate rejects is an
 * error `expected <expected>, got <got(value)>` at the element; the guard checks the predicate too.
 *
 * @category combinators
 * @since 0.1.0
 */
export const refine = <A, B extends A>(
  codec: XmlCodec<A>,
  pred: (a: A) => a is B,
  expectedWhat: string,
  got: (a: A) => string,
  name: string = codec.name
): XmlCodec<B> =>
  make(
    name,
    codec.names,
    (u): u is B => codec.is(u) && pred(u),
    (u, c) => {
      const r = codec.validate(u, c)
      if (r._tag === 'Left' || pred(r.right)) return r as t.Validation<B>
      return t.failure(u, c, `expected ${expectedWhat}, got ${got(r.right)}`)
    },
    (b) => codec.encode(b)
  )

/**
 * A recursive codec: `names` must be given up front, the codec is built on first use.
 *
 * @category combinators
 * @since 0.1.0
 */
export const lazy = <A>(names: ReadonlyArray<Xml.QName>, f: () => XmlCodec<A>, name = 'lazy'): XmlCodec<A> => {
  let memo: XmlCodec<A> | undefined
  const get = (): XmlCodec<A> => (memo === undefined ? (memo = f()) : memo)
  return make(
    name,
    names,
    (u): u is A => get().is(u),
    (u, c) => get().validate(u, c),
    (a) => get().encode(a)
  )
}

// -------------------------------------------------------------------------------------
// fields: attributes
// -------------------------------------------------------------------------------------

const attrKeyOf = (name: string | Xml.QName): string => (typeof name === 'string' ? name : Xml.key(name))

/**
 * A required attribute, read with a value codec.
 *
 * @category combinators
 * @since 0.1.0
 */
export const attr = <A>(name: string | Xml.QName, value: ValueCodec<A>): Field<A> => {
  const key = attrKeyOf(name)
  const step = attrStep(key)
  return {
    _tag: 'Field',
    optional: false,
    elements: [],
    attributes: [key],
    decode: ({ el, c }) => {
      const v = el.attrs[key]
      if (v === undefined) return t.failure(undefined, c, `expected attribute ${step.slice(1)}, got nothing`)
      return value.validate(v, append(c, step, value, v))
    },
    encode: (a, out) => {
      out.attrs[key] = value.encode(a)
    },
    is: value.is
  }
}

/**
 * An optional attribute: absent means the key is left out.
 *
 * @category combinators
 * @since 0.1.0
 */
export const optionalAttr = <A>(name: string | Xml.QName, value: ValueCodec<A>): Field<A, true> => {
  const key = attrKeyOf(name)
  const step = attrStep(key)
  return {
    _tag: 'Field',
    optional: true,
    elements: [],
    attributes: [key],
    decode: ({ el, c }) => {
      const v = el.attrs[key]
      return v === undefined ? RIGHT_ABSENT : value.validate(v, append(c, step, value, v))
    },
    encode: (a, out) => {
      out.attrs[key] = value.encode(a)
    },
    is: value.is
  }
}

/**
 * The `xml:lang` attribute, optional; the empty value ("no language", XML 1.0 §2.12) is accepted too.
 *
 * @category combinators
 * @since 0.1.0
 */
export const lang = (value: ValueCodec<string>): Field<string, true> =>
  optionalAttr({ ns: Xml.XML_NS, local: 'lang' }, orEmpty(value))

const isStringRecord = (u: unknown): u is Readonly<Record<string, string>> => {
  if (!isObject(u)) return false
  for (const k in u) if (typeof u[k] !== 'string') return false
  return true
}

/**
 * The attribute `other` slot: keeps every unclaimed attribute the predicate accepts (by default, every attribute in
 * a namespace), keyed by Clark notation. Left out when there is none.
 *
 * @category combinators
 * @since 0.1.0
 */
export const otherAttrs = (
  keep: (name: Xml.QName) => boolean = (n) => n.ns !== ''
): Field<Readonly<Record<string, string>>, true> => {
  const keepsAttribute = (k: string): boolean => keep(Xml.fromKey(k))
  return {
    _tag: 'Field',
    optional: true,
    elements: [],
    attributes: [],
    keepsAttribute,
    decode: ({ el, host }) => {
      let out: Record<string, string> | undefined
      for (const k in el.attrs) {
        if (host.claimsAttr(k) || !keepsAttribute(k)) continue
        if (out === undefined) out = {}
        out[k] = el.attrs[k]
      }
      return out === undefined ? RIGHT_ABSENT : t.success(out)
    },
    encode: (a, out) => {
      for (const k in a) out.attrs[k] = a[k]
    },
    is: (u) => isStringRecord(u) && Object.keys(u).length > 0 && Object.keys(u).every(keepsAttribute)
  }
}

// -------------------------------------------------------------------------------------
// fields: children
// -------------------------------------------------------------------------------------

// Field decoders receive only the children routed to them (those with the names they claim), so they need not
// match names again.

/** The error for a second occurrence of a child that may occur once. */
const extra = <A>(codec: XmlCodec<A>, k: Xml.Element, c: t.Context, message: string): t.Validation<never> =>
  t.failure(k, append(c, `${k.name.local}[2]`, codec, k), message)

type ChildArg<A> = XmlCodec<A> | readonly [Xml.QName, ValueCodec<A>]

const codecOf = <A>(arg: ChildArg<A> | Xml.QName, value?: ValueCodec<A>): XmlCodec<A> =>
  value !== undefined ? textElement(arg as Xml.QName, value) : (arg as XmlCodec<A>)

/**
 * A required child, exactly once. `child(codec)` or, for a text-only element, `child(qname, valueCodec)`.
 *
 * @category combinators
 * @since 0.1.0
 */
export function child<A>(codec: XmlCodec<A>): Field<A>
export function child<A>(name: Xml.QName, value: ValueCodec<A>): Field<A>
export function child<A>(arg: XmlCodec<A> | Xml.QName, value?: ValueCodec<A>): Field<A> {
  const codec = codecOf(arg as ChildArg<A>, value)
  const names = codec.names
  return {
    _tag: 'Field',
    optional: false,
    elements: names,
    attributes: [],
    decode: ({ kids, c }) => {
      if (kids.length === 0) return t.failure(undefined, c, `expected a child ${showNames(names)}, got nothing`)
      if (kids.length > 1) return extra(codec, kids[1], c, `expected one ${showNames(names)}, got another`)
      return codec.validate(kids[0], append(c, kids[0].name.local, codec, kids[0]))
    },
    encode: (a, out) => {
      out.children.push(codec.encode(a))
    },
    is: codec.is
  }
}

/**
 * An optional child, at most once; absent means the key is left out, a malformed one is an error.
 *
 * @category combinators
 * @since 0.1.0
 */
export function optionalChild<A>(codec: XmlCodec<A>): Field<A, true>
export function optionalChild<A>(name: Xml.QName, value: ValueCodec<A>): Field<A, true>
export function optionalChild<A>(arg: XmlCodec<A> | Xml.QName, value?: ValueCodec<A>): Field<A, true> {
  const codec = codecOf(arg as ChildArg<A>, value)
  const names = codec.names
  return {
    _tag: 'Field',
    optional: true,
    elements: names,
    attributes: [],
    whenNone: RIGHT_ABSENT,
    decode: ({ kids, c }) => {
      if (kids.length === 0) return RIGHT_ABSENT
      if (kids.length > 1) return extra(codec, kids[1], c, `expected at most one ${showNames(names)}, got another`)
      return codec.validate(kids[0], append(c, kids[0].name.local, codec, kids[0]))
    },
    encode: (a, out) => {
      out.children.push(codec.encode(a))
    },
    is: codec.is
  }
}

const decodeMany = <A>(
  codec: XmlCodec<A>,
  kids: ReadonlyArray<Xml.Element>,
  c: t.Context,
  min: number,
  max: number
): t.Validation<ReadonlyArray<A>> => {
  if (kids.length === 0 && min === 0) return RIGHT_NONE
  const names = codec.names
  const out: Array<A> = []
  const errors: Array<t.ValidationError> = []
  const sink = sinkOf(c)
  let counts: Map<string, number> | undefined
  let single: string | undefined // the local name of the first match, to count indices cheaply
  let n1 = 0
  for (const k of kids) {
    let idx: number
    if (single === undefined || (single === k.name.local && counts === undefined)) {
      single = k.name.local
      idx = ++n1
    } else {
      if (counts === undefined) counts = new Map([[single, n1]])
      const key = Xml.key(k.name)
      idx = (counts.get(key) ?? 0) + 1
      counts.set(key, idx)
    }
    const kc = append(c, `${k.name.local}[${idx}]`, codec, k)
    const r = codec.validate(k, kc)
    if (r._tag === 'Right') out.push(r.right)
    else if (sink !== undefined) drop(sink, kc, r.left, k)
    else for (const e of r.left) errors.push(e)
  }
  if (errors.length > 0) return t.failures(errors)
  if (out.length < min)
    return t.failure(out.length, c, `expected at least ${min} ${showNames(names)}, got ${out.length}`)
  if (out.length > max) return t.failure(out.length, c, `expected at most ${max} ${showNames(names)}, got ${out.length}`)
  return t.success(out)
}

const manyField = <A, R extends ReadonlyArray<A>>(codec: XmlCodec<A>, min: number, max: number): Field<R> => ({
  _tag: 'Field',
  optional: false,
  elements: codec.names,
  attributes: [],
  ...(min === 0 ? { whenNone: RIGHT_NONE as t.Validation<R> } : {}),
  decode: ({ kids, c }) => decodeMany(codec, kids, c, min, max) as t.Validation<R>,
  encode: (as, out) => {
    for (const a of as) out.children.push(codec.encode(a))
  },
  is: (u) => Array.isArray(u) && u.length >= min && u.length <= max && u.every((x) => codec.is(x))
})

/**
 * A repeated child in document order (`minOccurs`/`maxOccurs` default to 0/unbounded). In lenient mode invalid items
 * are dropped and reported.
 *
 * @category combinators
 * @since 0.1.0
 */
export function children<A>(codec: XmlCodec<A>, occurs?: { readonly min?: number; readonly max?: number }): Field<ReadonlyArray<A>>
export function children<A>(
  name: Xml.QName,
  value: ValueCodec<A>,
  occurs?: { readonly min?: number; readonly max?: number }
): Field<ReadonlyArray<A>>
export function children<A>(
  arg: XmlCodec<A> | Xml.QName,
  x?: ValueCodec<A> | { readonly min?: number; readonly max?: number },
  y?: { readonly min?: number; readonly max?: number }
): Field<ReadonlyArray<A>> {
  const isValue = x !== undefined && x instanceof t.Type
  const codec = isValue ? textElement(arg as Xml.QName, x as ValueCodec<A>) : (arg as XmlCodec<A>)
  const occurs = (isValue ? y : (x as { readonly min?: number; readonly max?: number } | undefined)) ?? {}
  return manyField(codec, occurs.min ?? 0, occurs.max ?? Infinity)
}

/**
 * A repeated child that occurs at least once (`minOccurs="1"`), typed as a non-empty array.
 *
 * @category combinators
 * @since 0.1.0
 */
export function nonEmptyChildren<A>(codec: XmlCodec<A>): Field<ReadonlyNonEmptyArray<A>>
export function nonEmptyChildren<A>(name: Xml.QName, value: ValueCodec<A>): Field<ReadonlyNonEmptyArray<A>>
export function nonEmptyChildren<A>(arg: XmlCodec<A> | Xml.QName, value?: ValueCodec<A>): Field<ReadonlyNonEmptyArray<A>> {
  return manyField(codecOf(arg as ChildArg<A>, value), 1, Infinity)
}

/**
 * A repeated child that may be absent: the key is left out when there is none, and holds a non-empty array
 * otherwise (so that "none" has one representation). In lenient mode invalid items are dropped and reported.
 *
 * @category combinators
 * @since 0.1.0
 */
export function optionalChildren<A>(codec: XmlCodec<A>): Field<ReadonlyNonEmptyArray<A>, true>
export function optionalChildren<A>(name: Xml.QName, value: ValueCodec<A>): Field<ReadonlyNonEmptyArray<A>, true>
export function optionalChildren<A>(
  arg: XmlCodec<A> | Xml.QName,
  value?: ValueCodec<A>
): Field<ReadonlyNonEmptyArray<A>, true> {
  const codec = codecOf(arg as ChildArg<A>, value)
  return {
    _tag: 'Field',
    optional: true,
    elements: codec.names,
    attributes: [],
    whenNone: RIGHT_ABSENT,
    decode: ({ kids, c }) => {
      if (kids.length === 0) return RIGHT_ABSENT
      const r = decodeMany(codec, kids, c, 0, Infinity)
      if (r._tag === 'Left') return r
      return t.success(r.right.length === 0 ? ABSENT : (r.right as ReadonlyNonEmptyArray<A>))
    },
    encode: (as, out) => {
      for (const a of as) out.children.push(codec.encode(a))
    },
    is: (u) => Array.isArray(u) && u.length >= 1 && u.every((x) => codec.is(x))
  }
}

/**
 * The `other` slot: every element child that no field claims and that the predicate accepts (typically
 * `Xml.notIn(NS)`: foreign namespaces), kept verbatim in document order. Unclaimed children it does not accept are
 * errors.
 *
 * @category combinators
 * @since 0.1.0
 */
export const other = (keep: (name: Xml.QName) => boolean = Xml.anyName): Field<ReadonlyArray<Xml.Element>> => ({
  _tag: 'Field',
  optional: false,
  elements: [],
  attributes: [],
  keepsElement: keep,
  whenNone: RIGHT_NONE,
  // routing gives this slot exactly the unclaimed children it keeps, in a fresh array
  decode: ({ kids }) => (kids.length === 0 ? RIGHT_NONE : t.success(kids)),
  encode: (as, out) => {
    for (const a of as) out.children.push(a)
  },
  is: (u) => Array.isArray(u) && u.every((x) => isElementDeep(x) && keep(x.name))
})

// -------------------------------------------------------------------------------------
// fields: text
// -------------------------------------------------------------------------------------

/**
 * The element's text content, read with a value codec (for elements with attributes and text, such as
 * `<note xml:lang="en">…</note>`). Element children are an error.
 *
 * @category combinators
 * @since 0.1.0
 */
export const text = <A>(value: ValueCodec<A>): Field<A> => ({
  _tag: 'Field',
  optional: false,
  elements: [],
  attributes: [],
  readsText: true,
  decode: ({ el, all, c }) => {
    if (all.length > 0) return t.failure(all[0], c, `expected text only, got element ${showName(all[0].name)}`)
    return value.validate(Xml.textOf(el), c)
  },
  encode: (a, out) => {
    const s = value.encode(a)
    if (s !== '') out.children.push({ _tag: 'Text', value: s })
  },
  is: value.is
})

// -------------------------------------------------------------------------------------
// fields: groups and extension points
// -------------------------------------------------------------------------------------

/**
 * A nested record of fields read from the same element (its value is a record under one key).
 *
 * @category combinators
 * @since 0.1.0
 */
export const group = <F extends Fields>(fields: F): Field<Struct<F>> => {
  const p = plan(fields)
  const elements: Array<Xml.QName> = []
  const attributes: Array<string> = []
  for (const [, f] of p.fields) {
    elements.push(...f.elements)
    attributes.push(...f.attributes)
  }
  const ranks: Array<readonly [Xml.QName, number]> = []
  p.fields.forEach(([, f], i) => {
    for (const n of f.elements) ranks.push([n, i])
  })
  return {
    _tag: 'Field',
    optional: false,
    elements,
    attributes,
    ranks,
    ...(p.keepsElement.length > 0 ? { keepsElement: (n: Xml.QName) => p.keepsElement.some((k) => k(n)) } : {}),
    ...(p.keepsAttribute.length > 0 ? { keepsAttribute: (k: string) => p.keepsAttribute.some((f) => f(k)) } : {}),
    ...(p.readsText ? { readsText: true } : {}),
    decode: ({ el, kids, all, c }) => {
      const errors: Array<t.ValidationError> = []
      const out = decodeRouted(p, el, all, routeKids(p, kids, undefined), c, errors)
      return errors.length > 0 ? t.failures(errors) : t.success(out as Struct<F>)
    },
    encode: (a, out) => encodeFields(p, a as Record<string, unknown>, out),
    is: (u) => isFields(p, u)
  }
}

/**
 * An extension point: the fields an extension contributes, read from the host element and stored under one key
 * (by convention `ext`). The host's `other` slot keeps what no extension claims.
 *
 * @category combinators
 * @since 0.1.0
 */
export const extension = <X>(ext: { readonly fields: Fields; readonly _X?: X }): Field<X> =>
  group(ext.fields) as unknown as Field<X>

// -------------------------------------------------------------------------------------
// source order
// -------------------------------------------------------------------------------------

// source order per decoded value, by identity (a copy made by spreading is a new value and has none)
const sourceOrder = new WeakMap<object, ReadonlyArray<Xml.QName>>()

const reorder = (el: Xml.Element, order: ReadonlyArray<Xml.QName>): Xml.Element => {
  const produced = el.children
  for (const ch of produced) if (ch._tag !== 'Element') return el // mixed content: keep the encoder's order
  // the i-th produced element of a name matches the i-th source element of that name
  const slots = new Map<string, Array<number>>()
  order.forEach((n, i) => {
    const k = Xml.key(n)
    const s = slots.get(k)
    if (s === undefined) slots.set(k, [i])
    else s.push(i)
  })
  const used = new Map<string, number>()
  const matched: Array<{ readonly at: number; readonly group: Array<Xml.Node> }> = []
  const front: Array<Xml.Node> = []
  let current: Array<Xml.Node> = front
  let inOrder = true
  let last = -1
  for (const ch of produced as ReadonlyArray<Xml.Element>) {
    const k = Xml.key(ch.name)
    const n = used.get(k) ?? 0
    const at = slots.get(k)?.[n]
    if (at === undefined) {
      current.push(ch) // new since decoding: stays right after its predecessor in the encoder's order
      continue
    }
    used.set(k, n + 1)
    if (at < last) inOrder = false
    last = at
    current = [ch]
    matched.push({ at, group: current })
  }
  if (inOrder) return el
  matched.sort((a, b) => a.at - b.at)
  const children: Array<Xml.Node> = front.slice()
  for (const m of matched) for (const ch of m.group) children.push(ch)
  return { ...el, children }
}

/**
 * Keeps the source order of element children across a round trip: a value decoded by `keepOrder(codec)` remembers
 * the order of its element's children (kept beside the value, by identity), and encoding it writes the children in
 * that order, where the schema leaves the order open (extension wildcards where several extensions interleave).
 * Children that were not in the source stay beside their predecessor in the encoder's order. Values built by hand, and
 * copies made by spreading (`{ ...v, x }`: a new value), encode in the field order.
 *
 * @category combinators
 * @since 0.1.0
 */
export const keepOrder = <A>(codec: XmlCodec<A>): XmlCodec<A> => {
  const rankOf = codec instanceof XmlType ? codec.rankOf : undefined
  return make(
    codec.name,
    codec.names,
    codec.is,
    (u, c) => {
      const r = codec.validate(u, c)
      if (r._tag === 'Right' && isElement(u) && typeof r.right === 'object' && r.right !== null) {
        // remember the order only when the encoder would not write it anyway
        let needed = rankOf === undefined
        if (!needed) {
          let last = -Infinity
          for (const ch of u.children) {
            if (ch._tag !== 'Element') continue
            const k = rankOf!(ch.name)
            if (k < last) {
              needed = true
              break
            }
            last = k
          }
        }
        if (needed) {
          const order: Array<Xml.QName> = []
          for (const ch of u.children) if (ch._tag === 'Element') order.push(ch.name)
          sourceOrder.set(r.right, order)
        }
      }
      return r
    },
    (a) => {
      const el = codec.encode(a)
      const order = typeof a === 'object' && a !== null ? sourceOrder.get(a) : undefined
      return order === undefined ? el : reorder(el, order)
    }
  )
}
