/**
 * Fields: the parts an element codec is made of. A field reads some attributes, some element children (routed to it
 * by name before it decodes), or the text of its element, and writes them back. An element codec is a record of fields
 * in XSD sequence order (see `Struct.element`); this module has the field model and the field combinators.
 *
 * @since 0.2.0
 */
import * as t from 'io-ts'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Xml from '../xml/Ast.js'
import { append, appendIndexed, attrStep, inScope, isLenient, sessionOf, showName, showNames, type XmlCodec } from './Codec.js'
import { drop } from './Lenient.js'
import { textElement } from './Leaf.js'
import { orEmpty, type ValueCodec } from './Value.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a field sees while decoding: the element, the element children routed to it, and the context (the path).
 *
 * @category model
 * @since 0.1.0
 */
export interface Input {
  readonly el: Xml.Element
  /** The element children routed to this field (those with the names it claims, or those its wildcard keeps). */
  readonly kids: ReadonlyArray<Xml.Element>
  readonly c: t.Context
  readonly host: Host
}

/**
 * What an element codec knows about all of its fields: which attributes they claim.
 *
 * @category model
 * @since 0.1.0
 */
export interface Host {
  readonly claimsAttr: (key: string) => boolean
}

/**
 * Where encoding writes: attributes, children and namespace declarations of the element being built.
 *
 * @category model
 * @since 0.1.0
 */
export interface Out {
  readonly attrs: Record<string, string>
  readonly children: Array<Xml.Node>
  namespaces?: ReadonlyArray<Xml.NsDecl>
}

/**
 * Returned by an optional field's decoder when the field is absent (the key is then left out).
 *
 * @category model
 * @since 0.1.0
 */
export const ABSENT: unique symbol = Symbol('absent')

/**
 * The successful "absent" result.
 *
 * @category model
 * @since 0.2.0
 */
export const RIGHT_ABSENT: t.Validation<typeof ABSENT> = t.success(ABSENT)

/**
 * The successful empty list.
 *
 * @category model
 * @since 0.2.0
 */
export const RIGHT_NONE: t.Validation<ReadonlyArray<never>> = t.success(Object.freeze([]) as ReadonlyArray<never>)

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
  /** For a wildcard (an `other` slot, an ordered choice with a foreign member): which unclaimed elements it keeps. */
  readonly keepsElement?: (name: Xml.QName) => boolean
  /** For an attribute `other` slot: which unclaimed attributes it keeps. */
  readonly keepsAttribute?: (key: string) => boolean
  /** Whether the field reads the element's text. */
  readonly readsText?: boolean
  /**
   * Whether the field's elements sit in a schema wildcard (`xs:any`): consecutive wildcard fields (extensions, the
   * `other` slot) share one position of the sequence, in any order among themselves.
   */
  readonly wildcard?: boolean
  /** For extensions: the namespaces they own (an `other` slot of the same host never keeps elements of these). */
  readonly owns?: ReadonlyArray<string>
  /** For fields made of several fields (groups): the position of each claimed name among them. */
  readonly ranks?: ReadonlyArray<readonly [Xml.QName, number]>
  /** Fields the element codec itself fills in: the source order of the children, the namespace declarations. */
  readonly role?: 'order' | 'namespaces'
  /** Whether an optional field writes something when its key is absent (declarations that absence implies). */
  readonly encodesAbsent?: boolean
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

/**
 * The fields that decode to a record type: the inverse of {@link Struct}, so that only fields of the right types and
 * optionality can claim to make an `X`.
 *
 * @category model
 * @since 0.2.0
 */
export type FieldsOf<X> = 0 extends 1 & X
  ? Fields // `any`: fields of any kind
  : {
      // eslint-disable-next-line @typescript-eslint/no-empty-object-type
      readonly [K in keyof X]-?: {} extends Pick<X, K> ? Field<Exclude<X[K], undefined>, true> : Field<X[K], false>
    }

// -------------------------------------------------------------------------------------
// attributes
// -------------------------------------------------------------------------------------

const attrKeyOf = (name: string | Xml.QName): string => (typeof name === 'string' ? name : Xml.key(name))

/** Notes an `xs:ID` value for the document-wide uniqueness check. */
const noteId = (v: string, context: t.Context, element: Xml.Element, attribute: string): void => {
  const s = sessionOf(context)
  if (s === undefined) return
  const use = { context, element, attribute }
  const seen = s.ids.get(v)
  if (seen === undefined) s.ids.set(v, [use])
  else seen.push(use)
}

const isIdCodec = (value: ValueCodec<unknown>): boolean => (value as { readonly xsId?: boolean }).xsId === true

/**
 * A required attribute, read with a value codec. Values of `V.id` are `xs:ID`s: unique across the document.
 *
 * @category combinators
 * @since 0.1.0
 */
export const attr = <A>(name: string | Xml.QName, value: ValueCodec<A>): Field<A> => {
  const key = attrKeyOf(name)
  const step = attrStep(key)
  const id = isIdCodec(value as ValueCodec<unknown>)
  return {
    _tag: 'Field',
    optional: false,
    elements: [],
    attributes: [key],
    decode: ({ el, c }) => {
      const v = el.attrs[key]
      if (v === undefined) return t.failure(undefined, c, `expected attribute ${step.slice(1)}, got nothing`)
      const ac = append(c, step, value, v)
      const r = value.validate(v, ac)
      if (id && r._tag === 'Right') noteId(v, ac, el, key)
      return r
    },
    encode: (a, out) => {
      if (a !== undefined) out.attrs[key] = value.encode(a)
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
  const id = isIdCodec(value as ValueCodec<unknown>)
  return {
    _tag: 'Field',
    optional: true,
    elements: [],
    attributes: [key],
    decode: ({ el, c }) => {
      const v = el.attrs[key]
      if (v === undefined) return RIGHT_ABSENT
      const ac = append(c, step, value, v)
      const r = value.validate(v, ac)
      if (id && r._tag === 'Right') noteId(v, ac, el, key)
      return r
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

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null

/**
 * The attribute `other` slot: keeps every unclaimed attribute the predicate accepts (by default, every attribute in
 * a namespace, as `xs:anyAttribute namespace="##other"` does), keyed by Clark notation. Left out when there is none.
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
        if (k === '__proto__') Object.defineProperty(out, k, { value: el.attrs[k], enumerable: true, writable: true, configurable: true })
        else out[k] = el.attrs[k]
      }
      return out === undefined ? RIGHT_ABSENT : t.success(out)
    },
    encode: (a, out) => {
      if (!isObject(a)) return
      for (const k of Object.keys(a)) {
        const v = a[k]
        if (typeof v !== 'string') continue
        if (k === '__proto__') Object.defineProperty(out.attrs, k, { value: v, enumerable: true, writable: true, configurable: true })
        else out.attrs[k] = v
      }
    },
    is: (u) => {
      if (!isObject(u) || Array.isArray(u)) return false
      const ks = Object.keys(u)
      if (ks.length === 0) return false
      for (const k of ks) {
        const v = u[k]
        if (typeof v !== 'string' || !Xml.isXmlText(v) || !keepsAttribute(k)) return false
        const n = Xml.fromKey(k)
        if (!Xml.isMarkupName(n.local) || !Xml.isXmlText(n.ns) || n.ns === 'http://www.w3.org/2000/xmlns/') return false
        if (k.charCodeAt(0) === 123 && k.indexOf('}') === -1) return false
      }
      return true
    }
  }
}

// -------------------------------------------------------------------------------------
// children
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
      if (a !== undefined) out.children.push(codec.encode(a))
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

/** Decodes repeated children with one codec, in document order; in lenient mode invalid items are dropped and reported. */
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
  const lenient = isLenient(c)
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
    const kc = appendIndexed(c, k.name.local, idx, codec, k)
    const r = codec.validate(k, kc)
    if (r._tag === 'Right') out.push(r.right)
    else if (lenient) drop(kc, r.left, k)
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
    if (Array.isArray(as)) for (const a of as) out.children.push(codec.encode(a))
  },
  is: (u) => Array.isArray(u) && u.length >= min && u.length <= max && u.every((x) => codec.is(x))
})

type Occurs = { readonly min?: number; readonly max?: number }

/**
 * A repeated child in document order (`minOccurs`/`maxOccurs` default to 0/unbounded). In lenient mode invalid items
 * are dropped and reported.
 *
 * @category combinators
 * @since 0.1.0
 */
export function children<A>(codec: XmlCodec<A>, occurs?: Occurs): Field<ReadonlyArray<A>>
export function children<A>(name: Xml.QName, value: ValueCodec<A>, occurs?: Occurs): Field<ReadonlyArray<A>>
export function children<A>(arg: XmlCodec<A> | Xml.QName, x?: ValueCodec<A> | Occurs, y?: Occurs): Field<ReadonlyArray<A>> {
  const isValue = x !== undefined && x instanceof t.Type
  const codec = isValue ? textElement(arg as Xml.QName, x as ValueCodec<A>) : (arg as XmlCodec<A>)
  const occurs = (isValue ? y : (x as Occurs | undefined)) ?? {}
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
      if (Array.isArray(as)) for (const a of as) out.children.push(codec.encode(a))
    },
    is: (u) => Array.isArray(u) && u.length >= 1 && u.every((x) => codec.is(x))
  }
}

/**
 * The predicate of `xs:any namespace="##other"` for a schema's target namespaces: elements of any other namespace,
 * never of no namespace.
 *
 * @category combinators
 * @since 0.2.0
 */
export const otherThan =
  (...namespaces: ReadonlyArray<string>) =>
  (name: Xml.QName): boolean =>
    name.ns !== '' && !namespaces.includes(name.ns)

/**
 * The `other` slot: every element child that no field claims and that the wildcard accepts, kept verbatim in document
 * order. `other(NS)` is `xs:any namespace="##other"` for the target namespace `NS` (any namespace but `NS` and no
 * namespace); a predicate may be given instead. Namespaces that an extension of the same element owns are never kept
 * here (their elements must be the extension's). Unclaimed children it does not keep are errors.
 *
 * @category combinators
 * @since 0.1.0
 */
export const other = (
  ...spec: ReadonlyArray<string> | readonly [(name: Xml.QName) => boolean]
): Field<ReadonlyArray<Xml.Element>> => {
  const keep = typeof spec[0] === 'function' ? spec[0] : otherThan(...(spec as ReadonlyArray<string>))
  return {
    _tag: 'Field',
    optional: false,
    elements: [],
    attributes: [],
    keepsElement: keep,
    wildcard: true,
    whenNone: RIGHT_NONE,
    // routing gives this slot exactly the unclaimed children it keeps, in a fresh array; each is made to stand on its
    // own (an unqualified descendant says so)
    decode: ({ kids }) => {
      if (kids.length === 0) return RIGHT_NONE
      for (let i = 0; i < kids.length; i++) (kids as Array<Xml.Element>)[i] = Xml.detach(kids[i])
      return t.success(kids)
    },
    encode: (as, out) => {
      if (Array.isArray(as)) for (const a of as) out.children.push(a)
    },
    is: (u) => Array.isArray(u) && u.every((x) => Xml.isTree(x) && keep(x.name))
  }
}

// -------------------------------------------------------------------------------------
// text
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
  decode: ({ el, c }) => {
    const cs = el.children
    if (cs.length === 1 && cs[0]._tag === 'Text') return value.validate(cs[0].value, c)
    let s = ''
    for (const ch of cs) {
      if (ch._tag === 'Element') return t.failure(ch, c, `expected text only, got element ${showName(ch.name)}`)
      s += ch.value
    }
    return value.validate(s, c)
  },
  encode: (a, out) => {
    if (a === undefined) return
    const s = value.encode(a)
    if (s !== '') out.children.push({ _tag: 'Text', value: s })
  },
  is: value.is
})

/**
 * Marks a field as part of a wildcard region: its children and those of the neighbouring wildcard fields (`other`,
 * extensions) may interleave in any order, as a repeated `xs:choice` of known and `##other` elements allows. Pair it
 * with `sourceOrder()` in the element to keep the interleaving.
 *
 * @category combinators
 * @since 0.2.0
 */
export const interleaved = <A, O extends boolean>(f: Field<A, O>): Field<A, O> => ({ ...f, wildcard: true })

/**
 * The whole content of an element, as the nodes it has (elements of any namespace and text, in order): for elements
 * whose content is data to carry rather than to read (`mixed`, `xs:any namespace="##any"`, such as the content of an
 * RFC 5261 `<add>`). Each element stands on its own (see `Xml.detach`).
 *
 * @category combinators
 * @since 0.2.0
 */
export const content = (): Field<ReadonlyArray<Xml.Node>> => ({
  _tag: 'Field',
  optional: false,
  elements: [],
  attributes: [],
  keepsElement: Xml.anyName,
  readsText: true,
  decode: ({ el }) => t.success(el.children.map((c) => (c._tag === 'Element' ? Xml.detach(c) : c))),
  encode: (ns, out) => {
    if (Array.isArray(ns)) for (const n of ns) out.children.push(n)
  },
  is: (u) => {
    if (!Array.isArray(u)) return false
    let lastText = false
    for (const n of u) {
      if (typeof n === 'object' && n !== null && (n as { _tag?: unknown })._tag === 'Text') {
        const v = (n as { value?: unknown }).value
        if (typeof v !== 'string' || v === '' || lastText || !Xml.isXmlText(v) || Object.keys(n).length !== 2) return false
        lastText = true
      } else if (Xml.isTree(n)) lastText = false
      else return false
    }
    // white space between elements is indentation, not content (the parser drops it): a value holding it would not
    // come back
    const hasElement = u.some((n) => (n as Xml.Node)._tag === 'Element')
    const hasText = u.some((n) => (n as Xml.Node)._tag === 'Text' && !Xml.isWhitespace((n as Xml.Text).value))
    return !(hasElement && !hasText && u.some((n) => (n as Xml.Node)._tag === 'Text'))
  }
})

/**
 * The attributes whose values are strings: what a value that is not of its type may hold is never handed to a
 * function reading selectors (encode and `is` stay total).
 */
const stringsOnly = (attrs: Readonly<Record<string, unknown>>): Readonly<Record<string, string>> => {
  for (const k in attrs)
    if (typeof attrs[k] !== 'string') {
      const out: Record<string, string> = {}
      for (const j in attrs) if (typeof attrs[j] === 'string') out[j] = attrs[j] as string
      return out
    }
  return attrs as Readonly<Record<string, string>>
}

/**
 * The namespace bindings that QName-valued attributes need (an RFC 5261 or XCAP selector in `sel`): `prefixesOf`
 * tells, from the element's attributes, which prefixes they use (`''` for the default namespace where unprefixed
 * names use it). Decoded from the bindings in scope at the element, in that order, a prefix bound to no namespace
 * being an error and the default namespace left out when it is none; encoded as declarations on the element (with
 * `xmlns=""` when unprefixed names mean no namespace), so that the values mean the same wherever the element is
 * written. Left out when nothing needs one. Fields after it in the record must not write the attributes it reads;
 * {@link bindingsAgree} is the guard that the bindings a value holds are those decoding would give.
 *
 * @category combinators
 * @since 0.2.0
 */
export const bindingsFor = (
  prefixesOf: (attrs: Readonly<Record<string, string>>) => ReadonlyArray<string>
): Field<ReadonlyArray<Xml.NsDecl>, true> => ({
  _tag: 'Field',
  optional: true,
  elements: [],
  attributes: [],
  encodesAbsent: true,
  decode: ({ el, c }) => {
    const used = prefixesOf(el.attrs)
    if (used.length === 0) return RIGHT_ABSENT
    const scope = inScope(c)
    const out: Array<Xml.NsDecl> = []
    for (const p of used) {
      if (p === 'xml') continue
      const uri = scope.get(p)
      if (uri === undefined || (p !== '' && uri === ''))
        return t.failure(el, c, `the prefix '${p}' used in an attribute of ${showName(el.name)} is bound to no namespace`)
      if (p !== '' || uri !== '') out.push({ prefix: p, uri })
    }
    return out.length === 0 ? RIGHT_ABSENT : t.success(out)
  },
  encode: (ds, out) => {
    // (encode is total: what is not a declaration is not written)
    const own = Array.isArray(ds) ? ds.filter(Xml.isNsDecl) : []
    const none = prefixesOf(stringsOnly(out.attrs)).includes('') && !own.some((d) => d.prefix === '')
    if (own.length > 0 || none) out.namespaces = [...(out.namespaces ?? []), ...own, ...(none ? [{ prefix: '', uri: '' }] : [])]
  },
  is: (u) => Xml.isNsDecls(u) && u.length > 0
})

/**
 * Whether the bindings a value holds (under `key`) are exactly those {@link bindingsFor} decodes for its attributes:
 * one per prefix used, in order, the default namespace only when it is not none. `attrsOf` gives the attributes the
 * value writes.
 *
 * @category combinators
 * @since 0.2.0
 */
export const bindingsAgree =
  (prefixesOf: (attrs: Readonly<Record<string, string>>) => ReadonlyArray<string>) =>
  (attrs: Readonly<Record<string, string>>, bindings: ReadonlyArray<Xml.NsDecl> | undefined): boolean => {
    const bs = bindings ?? []
    const want = prefixesOf(stringsOnly(attrs)).filter((p) => p !== 'xml' && (p !== '' || bs.some((b) => b.prefix === '')))
    if (want.length !== bs.length) return false
    for (let i = 0; i < bs.length; i++) if (bs[i].prefix !== want[i] || bs[i].uri === '') return false
    return true
  }
