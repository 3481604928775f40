/**
 * Choices, sequences and mappings of element codecs: a choice dispatched on the element's name (`oneOf`), a repeated
 * choice kept as one ordered list of tagged members (`choices`, with a member for foreign elements where the schema has
 * `##other`), a repeated sequence group as a list of records (`sequence`), recursion (`lazy`), isomorphisms (`imap`),
 * co-occurrence constraints (`refine`), and two shapes every format repeats: a wrapper list (`wrapped`) and
 * language-tagged text (`localized`).
 *
 * @since 0.2.0
 */
import * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { append, appendIndexed, isElement, isLenient, make, showName, showNames, type XmlCodec } from './Codec.js'
import { expected } from './DecodeError.js'
import { children, lang, otherThan, RIGHT_ABSENT, RIGHT_NONE, text, type Field, type Input, type Out } from './Field.js'
import { drop } from './Lenient.js'
import { element } from './Struct.js'
import { string as stringValue, language, type ValueCodec } from './Value.js'

// -------------------------------------------------------------------------------------
// choice and mapping
// -------------------------------------------------------------------------------------

/** Structural equality of plain values (what a mapping gives back), `Object.is` on leaves. */
const sameValue = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  return true
}

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
 * Maps an element codec's value both ways (an isomorphism onto part of `B`, with its guard). The guard is the given
 * one and more: a value passes only when the codec's guard accepts `from(b)` and `to(from(b))` gives `b` back (so
 * that, say, a key the mapping does not carry is refused, since it would not come back). Encoding stays total when
 * `from` throws on something that is not a `B`.
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
    (u): u is B => {
      if (!is(u)) return false
      try {
        const a = from(u)
        return codec.is(a) && sameValue(to(a), u)
      } catch {
        return false
      }
    },
    (u, c) => {
      const r = codec.validate(u, c)
      return r._tag === 'Left' ? r : t.success(to(r.right))
    },
    (b) => codec.encode(mapped(from, b) as A)
  )

/**
 * `from(b)`, or `undefined` when `from` throws on a `b` that is not a `B` (encode is total, and the codec's own encode
 * writes what it can of `undefined`).
 */
const mapped = <A, B>(from: (b: B) => A, b: B): A | undefined => {
  try {
    return from(b)
  } catch {
    return undefined
  }
}

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
 * @example
 * import { C, V } from 'sip-simple-payloads/codec'
 * interface Tree { readonly name: string; readonly kids: ReadonlyArray<Tree> }
 * const el = { ns: 'urn:example', local: 'tree' }
 * const Tree: C.XmlCodec<Tree> = C.lazy([el], () => C.element(el, { name: C.attr('name', V.string), kids: C.children(Tree) }))
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
// ordered choices
// -------------------------------------------------------------------------------------

/**
 * A member of an ordered choice: decoded elements of its codec's names become `{ _tag: tag, [key]: value }`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Member<T extends string, K extends string, A> {
  readonly tag: T
  readonly key: K
  readonly codec: XmlCodec<A>
  /** For the foreign-element member: which elements it takes. */
  readonly keep?: (name: Xml.QName) => boolean
}

/**
 * The value of a member: `{ _tag, [key]: value }`.
 *
 * @category model
 * @since 0.2.0
 */
export type Tagged<M> =
  M extends Member<infer T, infer K, infer A> ? { readonly [P in '_tag' | K]: P extends '_tag' ? T : A } : never

/**
 * A member of an ordered choice.
 *
 * @example
 * import { C, V } from 'sip-simple-payloads/codec'
 * const entry = C.member('Entry', 'uri', C.textElement({ ns: 'urn:example', local: 'entry' }, V.anyURI))
 *
 * @category combinators
 * @since 0.2.0
 */
export const member = <T extends string, K extends string, A>(tag: T, key: K, codec: XmlCodec<A>): Member<T, K, A> => ({
  tag,
  key,
  codec
})

const anyElement: XmlCodec<Xml.Element> = make(
  'an element',
  [],
  (u): u is Xml.Element => Xml.isTree(u),
  (u, c) => (isElement(u) ? t.success(Xml.detach(u)) : t.failure(u, c, expected('an element', u))),
  (e) => e
)

/**
 * The member that takes foreign elements in place, where the schema has `xs:any namespace="##other"` inside the
 * choice: `{ _tag: 'Other', element }`. `otherMember(NS)` takes elements of any namespace but `NS` (and no namespace);
 * a predicate may be given instead.
 *
 * @category combinators
 * @since 0.2.0
 */
export const otherMember = (
  ...spec: ReadonlyArray<string> | readonly [(name: Xml.QName) => boolean]
): Member<'Other', 'element', Xml.Element> => ({
  tag: 'Other',
  key: 'element',
  codec: anyElement,
  keep: typeof spec[0] === 'function' ? spec[0] : otherThan(...(spec as ReadonlyArray<string>))
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMember = Member<string, string, any>

/** A name a member reads, with its place among the table's names (which counts its occurrences while decoding). */
interface Slot {
  readonly m: AnyMember
  readonly slot: number
  /** Wraps a decoded value as the member's tagged value (built by stores: a computed key in a literal is slow). */
  readonly wrap: (v: unknown) => unknown
}

const wrapper = (m: AnyMember): ((v: unknown) => unknown) => {
  const tag = m.tag
  const key = m.key
  return (v) => {
    const o: Record<string, unknown> = { _tag: tag }
    o[key] = v
    return o
  }
}

interface MemberTable {
  readonly byName: Map<string, Map<string, Slot>>
  /** The slot of the foreign-element member (slot -1: its occurrences are counted by name). */
  readonly otherSlot: Slot | undefined
  readonly byTag: Map<string, AnyMember>
  readonly other: AnyMember | undefined
  readonly names: ReadonlyArray<Xml.QName>
}

const table = (members: ReadonlyArray<AnyMember>): MemberTable => {
  const byName = new Map<string, Map<string, Slot>>()
  const byTag = new Map<string, AnyMember>()
  const names: Array<Xml.QName> = []
  let other: AnyMember | undefined
  for (const m of members) {
    if (byTag.has(m.tag)) throw new TypeError(`choices: the tag "${m.tag}" is used twice`)
    byTag.set(m.tag, m)
    if (m.keep !== undefined) other = m
    const wrap = wrapper(m)
    for (const n of m.codec.names) {
      let inner = byName.get(n.ns)
      if (inner === undefined) byName.set(n.ns, (inner = new Map()))
      if (inner.has(n.local)) throw new TypeError(`choices: the element ${showName(n)} is read by two members`)
      inner.set(n.local, { m, slot: names.length, wrap })
      names.push(n)
    }
  }
  return { byName, otherSlot: other === undefined ? undefined : { m: other, slot: -1, wrap: wrapper(other) }, byTag, other, names }
}

const memberOf = (tb: MemberTable, n: Xml.QName): Slot | undefined =>
  tb.byName.get(n.ns)?.get(n.local) ?? (tb.otherSlot !== undefined && tb.otherSlot.m.keep!(n) ? tb.otherSlot : undefined)

const isTagged = (tb: MemberTable, u: unknown): boolean => {
  if (typeof u !== 'object' || u === null) return false
  const r = u as Record<string, unknown>
  const m = typeof r._tag === 'string' ? tb.byTag.get(r._tag) : undefined
  if (m === undefined) return false
  const ks = Object.keys(r)
  if (ks.length !== 2 || !(m.key in r)) return false
  const v = r[m.key]
  return m.keep !== undefined ? Xml.isTree(v) && m.keep(v.name) : m.codec.is(v)
}

const encodeTagged = (tb: MemberTable, u: unknown, out: Array<Xml.Node>): void => {
  if (typeof u !== 'object' || u === null) return
  const r = u as Record<string, unknown>
  const m = typeof r._tag === 'string' ? tb.byTag.get(r._tag) : undefined
  if (m === undefined || r[m.key] === undefined) return
  out.push(m.codec.encode(r[m.key]))
}

/**
 * A repeated choice (`xs:choice maxOccurs="unbounded"`, or a sequence of repeated alternatives the schema lets
 * interleave): every child of the members' names decodes to one list of tagged members, in document order, and encodes
 * in that order. A member made with {@link otherMember} takes foreign elements in place. In lenient mode invalid items
 * are dropped and reported.
 *
 * @example
 * import { C, V } from 'sip-simple-payloads/codec'
 * const el = (local: string) => ({ ns: 'urn:example', local })
 * // <list> with <entry> and <ref> interleaved, and foreign elements where they stand
 * const List = C.element(el('list'), {
 *   members: C.choices([
 *     C.member('Entry', 'uri', C.textElement(el('entry'), V.anyURI)),
 *     C.member('Ref', 'ref', C.textElement(el('ref'), V.anyURI)),
 *     C.otherMember('urn:example')
 *   ])
 * })
 *
 * @category combinators
 * @since 0.2.0
 */
export const choices = <MS extends readonly [AnyMember, ...ReadonlyArray<AnyMember>]>(
  members: MS,
  occurs: { readonly min?: number; readonly max?: number } = {}
): Field<ReadonlyArray<Tagged<MS[number]>>> => {
  const tb = table(members)
  const min = occurs.min ?? 0
  const max = occurs.max ?? Infinity
  return {
    _tag: 'Field',
    optional: false,
    elements: tb.names,
    attributes: [],
    ...(tb.other !== undefined ? { keepsElement: tb.other.keep } : {}),
    ...(min === 0 ? { whenNone: RIGHT_NONE } : {}),
    decode: ({ kids, c }) => {
      const out: Array<Tagged<MS[number]>> = []
      const errors: Array<t.ValidationError> = []
      const lenient = isLenient(c)
      // occurrences of each name so far, for the children's path steps: by slot for the members' names, by Clark key
      // for foreign ones
      const counts = new Array<number>(tb.names.length).fill(0)
      let others: Map<string, number> | undefined
      for (const k of kids) {
        const s = memberOf(tb, k.name)
        if (s === undefined) continue
        let idx: number
        if (s.slot >= 0) idx = ++counts[s.slot]
        else {
          if (others === undefined) others = new Map()
          const key = Xml.key(k.name)
          idx = (others.get(key) ?? 0) + 1
          others.set(key, idx)
        }
        const m = s.m
        const kc = appendIndexed(c, k.name.local, idx, m.codec, k)
        const r = m.codec.validate(k, kc)
        if (r._tag === 'Right') out.push(s.wrap(r.right) as Tagged<MS[number]>)
        else if (lenient) drop(kc, r.left, k)
        else for (const e of r.left) errors.push(e)
      }
      if (errors.length > 0) return t.failures(errors)
      if (out.length < min) return t.failure(out.length, c, `expected at least ${min} ${showNames(tb.names)}, got ${out.length}`)
      if (out.length > max) return t.failure(out.length, c, `expected at most ${max} ${showNames(tb.names)}, got ${out.length}`)
      return t.success(out)
    },
    encode: (as, out) => {
      if (Array.isArray(as)) for (const a of as) encodeTagged(tb, a, out.children)
    },
    is: (u) => Array.isArray(u) && u.length >= min && u.length <= max && u.every((x) => isTagged(tb, x))
  }
}

/**
 * A choice of exactly one child (`xs:choice`), as a tagged member.
 *
 * @category combinators
 * @since 0.2.0
 */
export const choice = <MS extends readonly [AnyMember, ...ReadonlyArray<AnyMember>]>(members: MS): Field<Tagged<MS[number]>> => {
  const many = choices(members, { min: 1, max: 1 })
  return {
    ...many,
    decode: (input: Input) => {
      const r = many.decode(input)
      return r._tag === 'Left' ? r : t.success((r.right as ReadonlyArray<Tagged<MS[number]>>)[0])
    },
    encode: (a: unknown, out: Out) => many.encode([a as Tagged<MS[number]>], out),
    is: (u: unknown) => many.is([u])
  } as unknown as Field<Tagged<MS[number]>>
}

/**
 * A choice of at most one child (`xs:choice minOccurs="0"`), as a tagged member; absent means the key is left out.
 *
 * @category combinators
 * @since 0.2.0
 */
export const optionalChoice = <MS extends readonly [AnyMember, ...ReadonlyArray<AnyMember>]>(
  members: MS
): Field<Tagged<MS[number]>, true> => {
  const many = choices(members, { min: 0, max: 1 })
  return {
    ...many,
    optional: true,
    whenNone: RIGHT_ABSENT,
    decode: (input: Input) => {
      const r = many.decode(input)
      if (r._tag === 'Left') return r
      const as = r.right as ReadonlyArray<Tagged<MS[number]>>
      return as.length === 0 ? RIGHT_ABSENT : t.success(as[0])
    },
    encode: (a: unknown, out: Out) => many.encode([a as Tagged<MS[number]>], out),
    is: (u: unknown) => many.is([u])
  } as unknown as Field<Tagged<MS[number]>, true>
}

// -------------------------------------------------------------------------------------
// sequence groups
// -------------------------------------------------------------------------------------

type Codecs = Readonly<Record<string, XmlCodec<any>>> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A repeated sequence group (`<xs:sequence maxOccurs="unbounded">` of single elements, such as common-policy's
 * `(from, until)+`): one record per occurrence, decoded from the children in turn and encoded group by group, in the
 * record's key order.
 *
 * @example
 * import { C, V } from 'sip-simple-payloads/codec'
 * const el = (local: string) => ({ ns: 'urn:example', local })
 * const Validity = C.element(el('validity'), {
 *   periods: C.sequence({ from: C.textElement(el('from'), V.dateTime), until: C.textElement(el('until'), V.dateTime) }, { min: 1 })
 * })
 *
 * @category combinators
 * @since 0.2.0
 */
export const sequence = <R extends Codecs>(
  codecs: R,
  occurs: { readonly min?: number; readonly max?: number } = {}
): Field<ReadonlyArray<{ readonly [K in keyof R]: t.TypeOf<R[K]> }>> => {
  type G = { readonly [K in keyof R]: t.TypeOf<R[K]> }
  const keys = Object.keys(codecs)
  const list = keys.map((k) => codecs[k])
  const position = new Map<string, number>()
  const names: Array<Xml.QName> = []
  list.forEach((cd, i) => {
    for (const n of cd.names) {
      position.set(Xml.key(n), i)
      names.push(n)
    }
  })
  const min = occurs.min ?? 0
  const max = occurs.max ?? Infinity
  const isGroup = (u: unknown): boolean => {
    if (typeof u !== 'object' || u === null) return false
    const r = u as Record<string, unknown>
    if (Object.keys(r).length !== keys.length) return false
    return keys.every((k, i) => r[k] !== undefined && list[i].is(r[k]))
  }
  return {
    _tag: 'Field',
    optional: false,
    elements: names,
    attributes: [],
    ...(min === 0 ? { whenNone: RIGHT_NONE } : {}),
    decode: ({ kids, c }) => {
      const out: Array<G> = []
      const errors: Array<t.ValidationError> = []
      const counts = new Map<string, number>()
      let current: Record<string, unknown> = {}
      let next = 0
      let ok = true
      for (const k of kids) {
        const key = Xml.key(k.name)
        const idx = (counts.get(key) ?? 0) + 1
        counts.set(key, idx)
        const kc = appendIndexed(c, k.name.local, idx, list[next], k)
        if (position.get(key) !== next) {
          errors.push({ value: k, context: kc, message: `expected ${showNames(list[next].names)}, got ${showName(k.name)}` })
          return t.failures(errors)
        }
        const r = list[next].validate(k, kc)
        if (r._tag === 'Left') {
          for (const e of r.left) errors.push(e)
          ok = false
        } else current[keys[next]] = r.right
        next++
        if (next === keys.length) {
          if (ok) out.push(current as G)
          current = {}
          next = 0
          ok = true
        }
      }
      if (next !== 0) errors.push({ value: undefined, context: c, message: `expected ${showNames(list[next].names)}, got nothing` })
      if (errors.length > 0) return t.failures(errors)
      if (out.length < min) return t.failure(out.length, c, `expected at least ${min} ${showNames(list[0].names)}, got ${out.length}`)
      if (out.length > max) return t.failure(out.length, c, `expected at most ${max} ${showNames(list[0].names)}, got ${out.length}`)
      return t.success(out)
    },
    encode: (gs, out) => {
      if (!Array.isArray(gs)) return
      for (const g of gs) {
        if (typeof g !== 'object' || g === null) continue
        keys.forEach((k, i) => {
          const v = (g as Record<string, unknown>)[k]
          if (v !== undefined) out.children.push(list[i].encode(v))
        })
      }
    },
    is: (u) => Array.isArray(u) && u.length >= min && u.length <= max && u.every(isGroup)
  }
}

// -------------------------------------------------------------------------------------
// shared shapes
// -------------------------------------------------------------------------------------

/**
 * A wrapper list: an element holding only repeated children, as a plain list (`<auids><auid>…</auid></auids>`).
 *
 * @example
 * import { C, V } from 'sip-simple-payloads/codec'
 * const el = (local: string) => ({ ns: 'urn:ietf:params:xml:ns:xcap-caps', local })
 * const Auids = C.wrapped(el('auids'), C.textElement(el('auid'), V.string))
 *
 * @category combinators
 * @since 0.2.0
 */
export const wrapped = <A>(
  name: Xml.QName,
  item: XmlCodec<A>,
  occurs: { readonly min?: number; readonly max?: number } = {}
): XmlCodec<ReadonlyArray<A>> =>
  imap(
    element(name, { items: children(item, occurs) }),
    (r) => r.items,
    (items) => ({ items }),
    (u): u is ReadonlyArray<A> => Array.isArray(u) && u.length >= (occurs.min ?? 0) && u.length <= (occurs.max ?? Infinity) && u.every((x) => item.is(x)),
    `${showName(name)} list`
  )

/**
 * Text with its language: `{ lang?, value }` (`xml:lang` left out when absent, the text kept exactly).
 *
 * @category model
 * @since 0.2.0
 */
export interface Localized {
  readonly lang?: string
  readonly value: string
}

/**
 * An element of language-tagged text (`<note xml:lang="en">…</note>`, `<display-name>`, ...), read with `value`
 * (the text kept exactly by default).
 *
 * @category combinators
 * @since 0.2.0
 */
export const localized = (name: Xml.QName, value: ValueCodec<string> = stringValue, typeName = 'Localized'): XmlCodec<Localized> =>
  element(name, { lang: lang(language), value: text(value) }, typeName)

// -------------------------------------------------------------------------------------
// constraints
// -------------------------------------------------------------------------------------

/**
 * A violation of a constraint: where (path steps below the element, such as `['list[2]', '@name']`) and what.
 *
 * @category model
 * @since 0.2.0
 */
export interface Violation {
  readonly path: ReadonlyArray<string>
  readonly message: string
}

/**
 * Adds constraints a schema cannot say (uniqueness of names or URIs among siblings, co-occurrence rules of an
 * application usage) to an element codec: `check` lists the violations of a decoded value, each an error at its own
 * path below the element; a value with violations does not pass the guard either.
 *
 * @example
 * import { C, V } from 'sip-simple-payloads/codec'
 * const el = (local: string) => ({ ns: 'urn:example', local })
 * const Names = C.constrain(C.element(el('names'), { names: C.children(el('name'), V.token) }), (v) =>
 *   v.names.flatMap((n, i) => (v.names.indexOf(n) < i ? [{ path: [`name[${i + 1}]`], message: `expected a unique name, got "${n}" again` }] : []))
 * )
 *
 * @category combinators
 * @since 0.2.0
 */
export const constrain = <A>(codec: XmlCodec<A>, check: (a: A) => ReadonlyArray<Violation>): XmlCodec<A> =>
  make(
    codec.name,
    codec.names,
    (u): u is A => {
      if (!codec.is(u)) return false
      try {
        return check(u).length === 0
      } catch {
        return false
      }
    },
    (u, c) => {
      const r = codec.validate(u, c)
      if (r._tag === 'Left') return r
      const vs = check(r.right)
      if (vs.length === 0) return r
      return t.failures(
        vs.map((v) => {
          let cc = c
          for (const step of v.path) cc = append(cc, step, t.unknown, undefined)
          return { value: u, context: cc, message: v.message }
        })
      )
    },
    (a) => codec.encode(a)
  )
