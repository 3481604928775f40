/**
 * Reading the input of constructors, which JavaScript callers may give in any shape: each reader returns what it was
 * asked for, or a neutral value, and never throws. Constructors use them so that wrong input makes a value the guards
 * refuse (or a smaller valid one), never a `TypeError`.
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
