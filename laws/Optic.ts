/**
 * Optic laws: lens, optional and traversal laws for every exported optic of a format, plus the law that an edited
 * document still round-trips (an optic never produces a value the codec cannot encode and decode back).
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as O from '#fp-ts/Option'
import type * as L from '#monocle-ts/Lens'
import type * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import { Law, expectEqual } from './Law.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How an optic of a format is law-tested. `keys` (optionals only) gives the parameters that hit for a generated
 * document; `absent` parameters that probably miss; `focus` generates new values for the focus, for a parameter (a
 * keyed optic's new values carry its key: that is the set the optic's focus ranges over).
 *
 * @category model
 * @since 0.1.0
 */
export type OpticLaws<S> =
  | {
      readonly _tag: 'Lens'
      readonly name: string
      readonly lens: L.Lens<S, unknown>
      /** New values for the focus: an arbitrary, or one per document (where a valid value depends on the rest of it). */
      readonly focus: fc.Arbitrary<unknown> | ((s: S) => fc.Arbitrary<unknown>)
    }
  | {
      readonly _tag: 'Optional'
      readonly name: string
      readonly optional: (k: unknown) => Op.Optional<S, unknown>
      readonly keys: (s: S) => ReadonlyArray<unknown>
      readonly absent: fc.Arbitrary<unknown>
      /** New values for the focus at key `k` in document `s`. */
      readonly focus: (k: unknown, s: S) => fc.Arbitrary<unknown>
    }
  | {
      readonly _tag: 'Traversal'
      readonly name: string
      readonly traversal: T.Traversal<S, unknown>
      readonly focus: fc.Arbitrary<unknown>
    }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A lens to law-test, with new values for its focus.
 *
 * @category constructors
 * @since 0.1.0
 */
export const lens = <S, A>(name: string, optic: L.Lens<S, A>, focus: fc.Arbitrary<A> | ((s: S) => fc.Arbitrary<A>)): OpticLaws<S> => ({
  _tag: 'Lens',
  name,
  lens: optic as L.Lens<S, unknown>,
  focus
})

/**
 * A keyed optional to law-test: `keys(s)` lists the keys present in a document, `absent` generates keys, and
 * `focus(k)` new values for the focus at key `k`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const optional = <S, K, A>(
  name: string,
  optic: (k: K) => Op.Optional<S, A>,
  spec: { readonly keys: (s: S) => ReadonlyArray<K>; readonly absent: fc.Arbitrary<K>; readonly focus: (k: K, s: S) => fc.Arbitrary<A> }
): OpticLaws<S> => ({
  _tag: 'Optional',
  name,
  optional: optic as (k: unknown) => Op.Optional<S, unknown>,
  keys: spec.keys as (s: S) => ReadonlyArray<unknown>,
  absent: spec.absent,
  focus: spec.focus as (k: unknown, s: S) => fc.Arbitrary<unknown>
})

/**
 * A traversal to law-test, with new values for its focus (they must stay inside the traversal's selection).
 *
 * @category constructors
 * @since 0.1.0
 */
export const traversal = <S, A>(name: string, optic: T.Traversal<S, A>, focus: fc.Arbitrary<A>): OpticLaws<S> => ({
  _tag: 'Traversal',
  name,
  traversal: optic as T.Traversal<S, unknown>,
  focus
})

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

const getAll = <S, A>(t: T.Traversal<S, A>, s: S): ReadonlyArray<A> => {
  const out: Array<A> = []
  T.getAll(s)(t).forEach((a) => out.push(a))
  return out
}

/**
 * The laws of one optic over generated documents `s`. `roundTrip` is the codec's round trip (decode of encode), used
 * for the law that an edited document still round-trips.
 *
 * @category laws
 * @since 0.1.0
 */
export const laws = <S>(o: OpticLaws<S>, s: fc.Arbitrary<S>, roundTrip: (s: S) => unknown): ReadonlyArray<Law> => {
  const n = `${o.name}`
  switch (o._tag) {
    case 'Lens': {
      const { get, set } = o.lens
      const focus = o.focus
      const sa: fc.Arbitrary<readonly [S, unknown]> =
        typeof focus === 'function' ? s.chain((doc) => focus(doc).map((a) => [doc, a] as const)) : fc.tuple(s, focus)
      return [
        Law(`${n}: get(set(a)(s)) = a`, 'lens law: you get what you set', sa)(([s, a]) => {
          expectEqual(get(set(a)(s)), a, 'get after set')
        }),
        Law(`${n}: set(get(s))(s) = s`, 'lens law: setting what is there changes nothing', s)((s) => {
          expectEqual(set(get(s))(s), s, 'set of get')
        }),
        Law(`${n}: set(a)(set(a)(s)) = set(a)(s)`, 'lens law: setting twice is setting once', sa)(([s, a]) => {
          expectEqual(set(a)(set(a)(s)), set(a)(s), 'set twice')
        }),
        Law(`${n}: edits round-trip`, 'an edited document encodes and decodes back to itself', sa)(([s, a]) => {
          const e = set(a)(s)
          expectEqual(roundTrip(e), e, 'round trip of the edited document')
        })
      ]
    }
    case 'Optional': {
      const withKey = s.chain((doc) => {
        const ks = o.keys(doc)
        const k = ks.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ks) }, { weight: 1, arbitrary: o.absent }) : o.absent
        return k.chain((key) => o.focus(key, doc).map((a) => ({ doc, key, a })))
      })
      return [
        Law(`${n}: getOption(s) = some(a) ⇒ set(a)(s) = s`, 'optional law: setting what is there changes nothing', withKey)(({ doc, key }) => {
          const op = o.optional(key)
          const got = op.getOption(doc)
          if (O.isSome(got)) expectEqual(op.set(got.value)(doc), doc, 'set of getOption')
        }),
        Law(`${n}: getOption(set(a)(s)) = getOption(s).map(() => a)`, 'optional law: you get what you set, where there is a focus', withKey)(
          ({ doc, key, a }) => {
            const op = o.optional(key)
            expectEqual(op.getOption(op.set(a)(doc)), O.map(() => a)(op.getOption(doc)), 'getOption after set')
          }
        ),
        Law(`${n}: set(a)(set(a)(s)) = set(a)(s)`, 'optional law: setting twice is setting once', withKey)(({ doc, key, a }) => {
          const op = o.optional(key)
          expectEqual(op.set(a)(op.set(a)(doc)), op.set(a)(doc), 'set twice')
        }),
        Law(`${n}: edits round-trip`, 'an edited document encodes and decodes back to itself', withKey)(({ doc, key, a }) => {
          const e = o.optional(key).set(a)(doc)
          expectEqual(roundTrip(e), e, 'round trip of the edited document')
        })
      ]
    }
    case 'Traversal': {
      const t = o.traversal
      const set = (a: unknown) => T.set(a)(t)
      return [
        Law(`${n}: modify(id)(s) = s`, 'traversal law: identity', s)((s) => {
          expectEqual(T.modify((x: unknown) => x)(t)(s), s, 'modify(identity)')
        }),
        Law(`${n}: set(a)(set(b)(s)) = set(a)(s)`, 'traversal law: composition (for constant functions)', s, o.focus, o.focus)(
          (s, a, b) => {
            expectEqual(set(a)(set(b)(s)), set(a)(s), 'set after set')
          }
        ),
        Law(`${n}: getAll(set(a)(s)) all equal a`, 'traversal law: every focus is what was set', s, o.focus)((s, a) => {
          const before = getAll(t, s).length
          const after = getAll(t, set(a)(s))
          expectEqual(after.length, before, 'number of foci')
          for (const x of after) expectEqual(x, a, 'a focus after set')
        }),
        Law(`${n}: edits round-trip`, 'an edited document encodes and decodes back to itself', s, o.focus)((s, a) => {
          const e = set(a)(s)
          expectEqual(roundTrip(e), e, 'round trip of the edited document')
        })
      ]
    }
  }
}
