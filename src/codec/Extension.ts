/**
 * Extensions as codec combinators. An extension contributes typed fields, read from elements and attributes of its
 * own namespace, at a named extension point of a host element (`C.extension(ext)` in the host's fields). Extensions
 * combine associatively with `empty` as identity, and the host's value type carries exactly the fields of the
 * extensions combined into it. What no extension claims stays in the host's `other` slot, but never an element of a
 * namespace an extension of that host owns: an unknown element of a known extension is an error, not an unknown
 * extension.
 *
 * @since 0.1.0
 */
import type { Monoid } from '#fp-ts/Monoid'
import { showName } from './Codec.js'
import { ABSENT, type Field, type Fields, type FieldsOf, type Struct } from './Field.js'
import { group } from './Struct.js'
import { merged } from './Read.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An extension whose fields decode to `X`, for hosts of kind `H` (a phantom tag naming the extension point, such as
 * `'pidf:tuple'`, so that an extension for one point cannot be plugged into another). Only fields that decode to `X`
 * can make one (`fields` is typed by `X`), so a hand-made object cannot claim fields it does not read.
 *
 * @category model
 * @since 0.1.0
 */
export interface Extension<X, H extends string = string> {
  readonly _tag: 'Extension'
  readonly point: H
  /** A human name for messages (`RPID`, `CIPID`, ...). */
  readonly name: string
  readonly fields: FieldsOf<X>
  /** The namespaces the extension owns: a host's wildcard never keeps elements of these. */
  readonly owns: ReadonlyArray<string>
  /** The value of the fields when the host has none of the extension's elements (what decoding gives). */
  readonly defaults: X
  readonly _X?: X
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const defaultsOf = (fields: Fields): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(fields)) {
    const w = fields[k].whenNone
    if (w !== undefined && w._tag === 'Right' && w.right !== ABSENT) out[k] = w.right
  }
  return out
}

const namespacesOf = (fields: Fields): ReadonlyArray<string> => {
  const out = new Set<string>()
  for (const k of Object.keys(fields)) {
    for (const n of fields[k].elements) if (n.ns !== '') out.add(n.ns)
    for (const a of fields[k].attributes) if (a.startsWith('{')) out.add(a.slice(1, a.indexOf('}')))
  }
  return [...out]
}

/**
 * The extension that contributes nothing, at a given point.
 *
 * @category constructors
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const emptyAt = <H extends string>(point: H): Extension<{}, H> => ({
  _tag: 'Extension',
  point,
  name: 'nothing',
  fields: {},
  owns: [],
  defaults: {}
})

/**
 * The extension given, or the one that contributes nothing at its point: for hosts whose extension is optional (the
 * type parameter of a left-out extension defaults to `{}`, which is what `emptyAt` gives).
 *
 * @category constructors
 * @since 0.2.0
 */
export const orEmpty = <X, H extends string>(point: H, ext: Extension<X, H> | undefined): Extension<X, H> =>
  ext ?? (emptyAt(point) as unknown as Extension<X, H>)

/**
 * The extension that contributes nothing (at any point).
 *
 * @category constructors
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const empty: Extension<{}, never> = emptyAt(undefined as never)

/**
 * An extension from a record of fields (attributes and children of the extension's namespace), with a name for
 * messages. The namespaces it owns are those of its elements and attributes unless given.
 *
 * @example
 * import { C, Ext, V } from 'sip-simple-payloads/codec'
 * const VENDOR = 'urn:example:vendor'
 * const tuple = Ext.fromFields('pidf:tuple', { colour: C.optionalChild({ ns: VENDOR, local: 'colour' }, V.token) }, { name: 'Vendor' })
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromFields = <H extends string, F extends Fields>(
  point: H,
  fields: F,
  options: { readonly name: string; readonly owns?: ReadonlyArray<string> }
): Extension<Struct<F>, H> => ({
  _tag: 'Extension',
  point,
  name: options.name,
  fields: fields as unknown as FieldsOf<Struct<F>>,
  owns: options.owns ?? namespacesOf(fields),
  defaults: defaultsOf(fields) as Struct<F>
})

/**
 * Fills in a partial value of an extension's fields with the values they have when absent.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fill = <X, H extends string>(ext: Extension<X, H>, partial: Partial<X> | undefined): X =>
  // built by stores, not spreads: one hidden class for every value of the extension (see `Read`)
  merged(ext.defaults, partial) as X

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Combines two extensions for the same point: the fields of both, `x`'s first. Two extensions with a field of the
 * same key, or that read the same element name, are refused with a `TypeError` naming both (a programming error,
 * found when the codec is built).
 *
 * @category combinators
 * @since 0.1.0
 */
export const combine = <X, Y, H extends string>(x: Extension<X, H>, y: Extension<Y, H>): Extension<X & Y, H> => {
  const xf = x.fields as Fields
  const yf = y.fields as Fields
  if (Object.keys(xf).length === 0) return y as unknown as Extension<X & Y, H>
  if (Object.keys(yf).length === 0) return x as unknown as Extension<X & Y, H>
  for (const k of Object.keys(yf))
    if (k in xf) throw new TypeError(`Extension.combine: ${x.name} and ${y.name} both define the field "${k}"`)
  const read = new Map<string, string>()
  for (const k of Object.keys(xf)) for (const n of xf[k].elements) read.set(`{${n.ns}}${n.local}`, k)
  for (const k of Object.keys(yf))
    for (const n of yf[k].elements)
      if (read.has(`{${n.ns}}${n.local}`))
        throw new TypeError(`Extension.combine: ${x.name} and ${y.name} both read ${showName(n)}`)
  return {
    _tag: 'Extension',
    point: x.point ?? y.point,
    name: `${x.name} + ${y.name}`,
    fields: { ...xf, ...yf } as unknown as FieldsOf<X & Y>,
    owns: [...new Set([...x.owns, ...y.owns])],
    defaults: { ...x.defaults, ...y.defaults } as X & Y
  }
}

/**
 * Combines any number of extensions, left to right.
 *
 * @category combinators
 * @since 0.1.0
 */
export const concat: {
  <H extends string, A>(a: Extension<A, H>): Extension<A, H>
  <H extends string, A, B>(a: Extension<A, H>, b: Extension<B, H>): Extension<A & B, H>
  <H extends string, A, B, C>(a: Extension<A, H>, b: Extension<B, H>, c: Extension<C, H>): Extension<A & B & C, H>
  <H extends string, A, B, C, D>(
    a: Extension<A, H>,
    b: Extension<B, H>,
    c: Extension<C, H>,
    d: Extension<D, H>
  ): Extension<A & B & C & D, H>
  <H extends string, A, B, C, D, E>(
    a: Extension<A, H>,
    b: Extension<B, H>,
    c: Extension<C, H>,
    d: Extension<D, H>,
    e: Extension<E, H>
  ): Extension<A & B & C & D & E, H>
  <H extends string, A, B, C, D, E, F>(
    a: Extension<A, H>,
    b: Extension<B, H>,
    c: Extension<C, H>,
    d: Extension<D, H>,
    e: Extension<E, H>,
    f: Extension<F, H>
  ): Extension<A & B & C & D & E & F, H>
} = (...exts: ReadonlyArray<Extension<unknown, string>>) => exts.reduce((acc, e) => combine(acc, e)) as never

/**
 * The monoid of extensions at one point (on the untyped level; `combine` keeps the types).
 *
 * @category combinators
 * @since 0.1.0
 */
export const getMonoid = <H extends string>(point: H): Monoid<Extension<unknown, H>> => ({
  concat: (x, y) => combine(x, y),
  empty: orEmpty<unknown, H>(point, undefined)
})

// -------------------------------------------------------------------------------------
// fields
// -------------------------------------------------------------------------------------

/**
 * An extension point: the fields an extension contributes, read from the host element and stored under one key (by
 * convention `ext`). Its elements sit in the host's wildcard; a hand-made value missing some of the extension's
 * fields still encodes (with their absent values).
 *
 * @category combinators
 * @since 0.1.0
 */
export const field = <X>(ext: Extension<X, string>): Field<X> =>
  group(ext.fields as Fields, { wildcard: true, owns: ext.owns }) as unknown as Field<X>
