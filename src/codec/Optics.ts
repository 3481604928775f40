/**
 * Optics helpers on monocle-ts 2.3: keyed optionals into readonly arrays that keep the key on `set` (so the Optional
 * laws hold), index optionals, and traversals over repeated children.
 *
 * @since 0.1.0
 */
import * as RA from '#fp-ts/ReadonlyArray'
import * as O from '#fp-ts/Option'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The first item whose `key` field equals `value`. `set` writes the key back, so an edit can never move the focus to
 * another item; it returns the input unchanged when nothing changed.
 *
 * @category optics
 * @since 0.1.0
 */
export const byKey = <A, K extends keyof A>(key: K, value: A[K]): Op.Optional<ReadonlyArray<A>, A> =>
  Op.optional(
    (as) => {
      for (const a of as) if (a[key] === value) return O.some(a)
      return O.none
    },
    (a) => (as) => {
      const i = as.findIndex((x) => x[key] === value)
      if (i < 0) return as
      const next = a[key] === value ? a : { ...a, [key]: value }
      if (as[i] === next) return as
      const out = as.slice()
      out[i] = next
      return out
    }
  )

/**
 * The first item a predicate accepts, with a `normalise` that puts a new value back into the predicate's set (e.g.
 * writes the key). `set` returns the input unchanged when nothing changed.
 *
 * @category optics
 * @since 0.1.0
 */
export const findFirst = <A>(pred: (a: A) => boolean, normalise: (a: A) => A): Op.Optional<ReadonlyArray<A>, A> =>
  Op.optional(
    (as) => {
      for (const a of as) if (pred(a)) return O.some(a)
      return O.none
    },
    (a) => (as) => {
      const i = as.findIndex(pred)
      if (i < 0) return as
      const next = pred(a) ? a : normalise(a)
      if (as[i] === next) return as
      const out = as.slice()
      out[i] = next
      return out
    }
  )

/**
 * The item at an index.
 *
 * @category optics
 * @since 0.1.0
 */
export const index = <A>(i: number): Op.Optional<ReadonlyArray<A>, A> =>
  Op.optional(
    (as) => (i >= 0 && i < as.length ? O.some(as[i]) : O.none),
    (a) => (as) => {
      if (i < 0 || i >= as.length || as[i] === a) return as
      const out = as.slice()
      out[i] = a
      return out
    }
  )

/**
 * Every item of a readonly array.
 *
 * @category optics
 * @since 0.1.0
 */
export const every = <A>(): T.Traversal<ReadonlyArray<A>, A> => T.fromTraversable(RA.Traversable)<A>()

/**
 * Every item a predicate accepts. (A traversal law holds only when edits keep items inside the predicate; use it for
 * predicates on fields the edit does not touch.)
 *
 * @category optics
 * @since 0.1.0
 */
export const everyWhere = <A>(pred: (a: A) => boolean): T.Traversal<ReadonlyArray<A>, A> =>
  T.filter(pred)(every<A>())

/**
 * A lens on an optional key that keeps `exactOptionalPropertyTypes` honest: setting `undefined` removes the key
 * instead of writing `undefined`; the input comes back unchanged when nothing changed.
 *
 * @category optics
 * @since 0.1.0
 */
export const optionalKey = <S, K extends keyof S>(key: K): L.Lens<S, Exclude<S[K], undefined> | undefined> =>
  L.lens(
    (s) => s[key] as Exclude<S[K], undefined> | undefined,
    (a) => (s) => {
      if (s[key] === a && (a !== undefined || !(key in (s as object)))) return s
      if (a === undefined) {
        const { [key]: _, ...rest } = s as S & object
        return rest as S
      }
      return { ...s, [key]: a }
    }
  )

/**
 * An optional that works on every source type within a bound and gives back the type it was given: an edit of a
 * document of any composition keeps the document's own type, with no type argument written. It is an `Optional` of
 * each such type (assignable to `Op.Optional<S, A>` for every `S` within the bound).
 *
 * @category optics
 * @since 0.2.0
 */
export interface PolyOptional<Bound, A> {
  readonly getOption: <S extends Bound>(s: S) => O.Option<A>
  readonly set: (a: A) => <S extends Bound>(s: S) => S
}
