/**
 * Extensions as codec combinators. An extension contributes typed fields, read from elements and attributes of its
 * own namespace, at a named extension point of a host element (`C.extension(ext)` in the host's fields). Extensions
 * combine associatively with `empty` as identity, and the host's value type carries exactly the fields of the
 * extensions combined into it. What no extension claims stays in the host's `other` slot.
 *
 * @since 0.1.0
 */
import type { Monoid } from 'fp-ts/lib/Monoid.js'
import type { Fields, Struct } from './Element.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An extension whose fields decode to `X`, for hosts of kind `H` (a phantom tag naming the extension point, such as
 * `'pidf:tuple'`, so that an extension for one point cannot be plugged into another).
 *
 * @category model
 * @since 0.1.0
 */
export interface Extension<X, H extends string = string> {
  readonly _tag: 'Extension'
  readonly point: H
  readonly fields: Fields
  readonly _X?: X
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The extension that contributes nothing, at a given point.
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyAt = <H extends string>(point: H): Extension<{}, H> => ({ _tag: 'Extension', point, fields: {} }) // eslint-disable-line @typescript-eslint/no-empty-object-type

/**
 * The extension that contributes nothing (at any point).
 *
 * @category constructors
 * @since 0.1.0
 */
export const empty: Extension<{}, never> = { _tag: 'Extension', point: undefined as never, fields: {} } // eslint-disable-line @typescript-eslint/no-empty-object-type

/**
 * An extension from a record of fields (attributes and children of the extension's namespace).
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromFields = <H extends string, F extends Fields>(point: H, fields: F): Extension<Struct<F>, H> => ({
  _tag: 'Extension',
  point,
  fields
})

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Combines two extensions for the same point: the fields of both, `x`'s first. Field keys must be distinct.
 *
 * @category combinators
 * @since 0.1.0
 */
export const combine = <X, Y, H extends string>(x: Extension<X, H>, y: Extension<Y, H>): Extension<X & Y, H> => {
  for (const k of Object.keys(y.fields))
    if (k in x.fields) throw new TypeError(`Extension.combine: both extensions define the field "${k}"`)
  if (Object.keys(x.fields).length === 0) return y as unknown as Extension<X & Y, H>
  if (Object.keys(y.fields).length === 0) return x as unknown as Extension<X & Y, H>
  return { _tag: 'Extension', point: x.point ?? y.point, fields: { ...x.fields, ...y.fields } }
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
} = (...exts: ReadonlyArray<Extension<unknown, string>>) =>
  exts.reduce((acc, e) => combine(acc, e)) as never

/**
 * The monoid of extensions at one point (on the untyped level; `combine` keeps the types).
 *
 * @category combinators
 * @since 0.1.0
 */
export const getMonoid = <H extends string>(point: H): Monoid<Extension<unknown, H>> => ({
  concat: (x, y) => combine(x, y),
  empty: emptyAt(point)
})
