/**
 * The model of element codecs (an io-ts type from an AST element to a value and back, which also knows the element
 * names it reads), the decode session that lenient mode and document-wide checks hang off, and the small helpers every
 * combinator shares: context steps, name rendering, element guards.
 *
 * @since 0.2.0
 */
import * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { show, type Dropped, type Problem } from './DecodeError.js'

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

class XmlType<A> extends t.Type<A, Xml.Element, unknown> implements XmlCodec<A> {
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
// session
// -------------------------------------------------------------------------------------

/**
 * What one decode of a document collects beside its result: in lenient mode, what was dropped and what was accepted
 * although the schema forbids it (`warnings`); in every mode, the `xs:ID` values seen, for the document-wide
 * uniqueness check.
 *
 * @category model
 * @since 0.2.0
 */
export interface Session {
  readonly lenient: boolean
  readonly dropped: Array<Dropped>
  readonly warnings: Array<Problem>
  /** Every `xs:ID` value with the attributes that hold it, in decoding order. */
  readonly ids: Map<string, Array<IdUse>>
}

/**
 * Where an `xs:ID` value was read: the attribute's context, its element and its key.
 *
 * @category model
 * @since 0.2.0
 */
export interface IdUse {
  readonly context: t.Context
  readonly element: Xml.Element
  readonly attribute: string
}

interface RootEntry extends t.ContextEntry {
  readonly session: Session
}

/**
 * A fresh session.
 *
 * @category constructors
 * @since 0.2.0
 */
export const session = (lenient: boolean): Session => ({ lenient, dropped: [], warnings: [], ids: new Map() })

/**
 * The root context of a decode: an entry with an empty key that carries the session, then the root element's step.
 *
 * @category constructors
 * @since 0.1.0
 */
export const rootContext = (codec: t.Decoder<unknown, unknown>, u: unknown, s: Session = session(false)): t.Context => {
  const local =
    typeof u === 'object' && u !== null && typeof (u as { name?: { local?: unknown } }).name?.local === 'string'
      ? (u as Xml.Element).name.local
      : ''
  const root: RootEntry = { key: '', type: codec, actual: u, session: s }
  return [root, { key: local, type: codec, actual: u }]
}

/**
 * The session of a decode (undefined for a context not made by {@link rootContext}: a codec called on its own).
 *
 * @category model
 * @since 0.2.0
 */
export const sessionOf = (c: t.Context): Session | undefined =>
  c.length === 0 ? undefined : (c[0] as Partial<RootEntry>).session

/**
 * Whether this decode is lenient.
 *
 * @category model
 * @since 0.2.0
 */
export const isLenient = (c: t.Context): boolean => sessionOf(c)?.lenient === true

// -------------------------------------------------------------------------------------
// context and names
// -------------------------------------------------------------------------------------

/**
 * The context one step further down.
 *
 * @category combinators
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const append = (c: t.Context, key: string, type: t.Decoder<any, unknown>, actual: unknown): t.Context => {
  const out = new Array<t.ContextEntry>(c.length + 1)
  for (let i = 0; i < c.length; i++) out[i] = c[i]
  out[c.length] = { key, type, actual }
  return out
}

/** A context entry whose key (`local[index]`) is written only when read: a path is read only when decoding fails. */
class IndexedEntry implements t.ContextEntry {
  constructor(
    readonly local: string,
    readonly index: number,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    readonly type: t.Decoder<any, unknown>,
    readonly actual: unknown
  ) {}
  get key(): string {
    return `${this.local}[${this.index}]`
  }
}

/**
 * The context one step further down, at the `index`-th (1-based) child of a name: the step `local[index]`.
 *
 * @category combinators
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const appendIndexed = (c: t.Context, local: string, index: number, type: t.Decoder<any, unknown>, actual: unknown): t.Context => {
  const out = new Array<t.ContextEntry>(c.length + 1)
  for (let i = 0; i < c.length; i++) out[i] = c[i]
  out[c.length] = new IndexedEntry(local, index, type, actual)
  return out
}

/**
 * How a name shows in messages: `<local>` for names without namespace, `<{ns}local>` otherwise.
 *
 * @category errors
 * @since 0.1.0
 */
export const showName = (n: Xml.QName): string => (n.ns === '' ? `<${n.local}>` : `<{${n.ns}}${n.local}>`)

/**
 * Several names, as alternatives.
 *
 * @category errors
 * @since 0.2.0
 */
export const showNames = (ns: ReadonlyArray<Xml.QName>): string => ns.map(showName).join(' | ')

/**
 * The path step of an attribute key: `@local`, `@xml:lang`.
 *
 * @category errors
 * @since 0.2.0
 */
export const attrStep = (key: string): string => {
  const n = Xml.fromKey(key)
  return n.ns === Xml.XML_NS ? `@xml:${n.local}` : `@${n.local}`
}

/**
 * The namespace bindings in scope at the element a context points at (prefix to namespace, `''` for the default
 * namespace), from the declarations of the elements along the path. Decoders of QName-valued content (XCAP
 * selectors, `xsi:type`) resolve prefixes with it, as the document meant.
 *
 * @category combinators
 * @since 0.2.0
 */
export const inScope = (c: t.Context): ReadonlyMap<string, string> => {
  const out = new Map<string, string>([['', '']])
  let last: unknown
  for (const e of c) {
    const el = e.actual
    if (el === last || !isElement(el)) continue
    last = el
    if (el.namespaces !== undefined) for (const d of el.namespaces) out.set(d.prefix, d.uri)
  }
  return out
}

// -------------------------------------------------------------------------------------
// guards
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
 * Whether a value is an element of this expanded name.
 *
 * @category model
 * @since 0.2.0
 */
export const isNamed = (u: Xml.Element, name: Xml.QName): boolean => u.name.local === name.local && u.name.ns === name.ns

/**
 * The error for an attribute no field claims.
 *
 * @category errors
 * @since 0.2.0
 */
export const unexpectedAttribute = (c: t.Context, k: string, v: string): t.ValidationError => ({
  value: v,
  context: append(c, attrStep(k), t.unknown, v),
  message: `expected no attribute ${attrStep(k).slice(1)} here, got ${show(v)}`
})
