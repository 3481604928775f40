/**
 * Reading the input of constructors, which JavaScript callers may give in any shape: each reader returns what it was
 * asked for, or a neutral value, and never throws. Constructors use them so that wrong input makes a value the guards
 * refuse (or a smaller valid one), never a `TypeError`.
 *
 * Constructors build their records with {@link defined} and {@link merged} rather than object spreads: V8 (Node 20)
 * gives records made by some spreads (conditional spreads of small literals, spreads of records themselves built by
 * spreads) one hidden class each, beyond the first few, and code that reads many such records (an encoder walking a
 * document of thousands of them) then misses every inline cache; records built by stores in the same key order share
 * one hidden class.
 *
 * @since 0.2.0
 */
import { textFrom } from '../xml/Ast.js'

/**
 * The object given, or an empty record.
 *
 * @category constructors
 * @since 0.2.0
 */
export const record = (u: unknown): Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) ? (u as Record<string, unknown>) : {}

/**
 * The array given, or an empty one.
 *
 * @category constructors
 * @since 0.2.0
 */
export const array = (u: unknown): ReadonlyArray<unknown> => (Array.isArray(u) ? u : [])

/**
 * The items of an array that pass a guard.
 *
 * @category constructors
 * @since 0.2.0
 */
export const arrayOf = <A>(u: unknown, is: (x: unknown) => x is A): ReadonlyArray<A> => (Array.isArray(u) ? u.filter(is) : [])

/**
 * The string given, or `undefined`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const string = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined)

/**
 * Text from anything: a string as it is, anything else as `String` converts it, and `''` for what `String` cannot
 * convert (an object without a prototype, one whose `toString` throws). For constructors, which never throw.
 *
 * @category constructors
 * @since 0.2.0
 */
export const text: (u: unknown) => string = textFrom

/**
 * A finite number or a bigint, or `undefined`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const integer = (u: unknown): number | bigint | undefined =>
  (typeof u === 'number' && Number.isFinite(u)) || typeof u === 'bigint' ? u : undefined

/**
 * Whether a value is an object (not null, not an array).
 *
 * @category constructors
 * @since 0.2.0
 */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null && !Array.isArray(u)

const hasOwn = Object.prototype.hasOwnProperty

/** Stores `v` under `k` as an own data property (`__proto__` too, as a spread would). */
const put = (out: Record<string, unknown>, k: string, v: unknown): void => {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  else out[k] = v
}

/**
 * A record of the entries of `o` whose values are defined, in its key order: `defined({ a, b: maybe })` in place of
 * `{ a, ...(maybe === undefined ? {} : { b: maybe }) }` (see the module doc for why).
 *
 * @category constructors
 * @since 0.2.0
 */
export const defined = <T extends Readonly<Record<string, unknown>>>(o: T): Defined<T> => {
  const out: Record<string, unknown> = {}
  for (const k in o) if (hasOwn.call(o, k) && o[k] !== undefined) put(out, k, o[k])
  return out as Defined<T>
}

/**
 * A record type with the keys whose values may be `undefined` made optional (and their values defined).
 *
 * @category model
 * @since 0.2.0
 */
export type Defined<T> = { readonly [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  readonly [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>
}

/**
 * The own enumerable string-keyed entries of each source in turn, later ones replacing earlier ones in place (the key
 * order of an object spread): `merged(a, b)` in place of `{ ...a, ...b }`; sources that are not objects add nothing.
 *
 * @category constructors
 * @since 0.2.0
 */
export const merged = (...sources: ReadonlyArray<unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const s of sources) {
    if (typeof s !== 'object' || s === null) continue
    for (const k of Object.keys(s)) put(out, k, (s as Record<string, unknown>)[k])
  }
  return out
}
