/**
 * Laws as named predicates with a note, kept apart from their runners: a property law wraps a fast-check property, a
 * check law is an example-based check (corpus documents, schema validation of a batch). The same law runs in a unit
 * test, in CI with more runs, or in a user's own suite.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A law: a property over arbitraries, or a check.
 *
 * @category model
 * @since 0.1.0
 */
export type Law =
  | {
      readonly _tag: 'Property'
      readonly name: string
      readonly note: string
      readonly property: fc.IRawProperty<unknown, boolean>
      /** Runs for this law (default: the global fast-check setting). */
      readonly numRuns?: number
    }
  | {
      readonly _tag: 'Check'
      readonly name: string
      readonly note: string
      /**
       * Throws (or rejects) when the law does not hold; resolves to a short summary when it does; throws
       * {@link LawSkipped} when it cannot run here (the environment lacks what it reads), which is neither.
       */
      readonly run: () => Promise<string> | string
    }

/**
 * Thrown by predicates when a law does not hold, with a message saying what differed.
 *
 * @category model
 * @since 0.1.0
 */
export class LawViolation extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LawViolation'
  }
}

/**
 * Thrown by a check law that cannot run where it is: the suites' corpus law without a corpus folder, the schema law
 * without a schema validator (see `Environment` in the suites). A skipped law was neither confirmed nor refuted: a
 * runner reports it as skipped, never as passed, and a CI that meant to run it should fail ({@link runLaw} tells the
 * three apart). The message starts with `SKIP: `.
 *
 * @category model
 * @since 0.2.0
 */
export class LawSkipped extends Error {
  constructor(readonly reason: string) {
    super(`SKIP: ${reason}`)
    this.name = 'LawSkipped'
  }
}

/**
 * What running a law gave: it held (with a summary: the number of runs, or what a check read), it was violated (with
 * fast-check's report or the check's error), or it was skipped (with the reason: it could not run here, see
 * {@link LawSkipped}).
 *
 * @category model
 * @since 0.2.0
 */
export type Outcome =
  | { readonly _tag: 'Held'; readonly summary: string }
  | { readonly _tag: 'Violated'; readonly error: unknown }
  | { readonly _tag: 'Skipped'; readonly reason: string }

/** Whether a thrown value is a skip (a {@link LawSkipped}, or an error of another copy of this module saying so). */
const isSkip = (e: unknown): e is Error => e instanceof LawSkipped || (e instanceof Error && e.message.startsWith('SKIP: '))

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A property law: `Law(name, note, ...arbs)(predicate)`. The predicate returns false or throws when the law fails.
 *
 * @category constructors
 * @since 0.1.0
 */
export const Law =
  <Ts extends [unknown, ...Array<unknown>]>(
    name: string,
    note: string,
    ...arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }
  ) =>
  (predicate: (...args: Ts) => boolean | void, options: { readonly numRuns?: number } = {}): Law => ({
    _tag: 'Property',
    name,
    note,
    property: fc.property(...(arbs as unknown as [fc.Arbitrary<unknown>]), (...args: Array<unknown>) => {
      const r = (predicate as (...xs: Array<unknown>) => boolean | void)(...args)
      return r === undefined ? true : r
    }) as unknown as fc.IRawProperty<unknown, boolean>,
    ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns })
  })

/**
 * A check law.
 *
 * @category constructors
 * @since 0.1.0
 */
export const Check = (name: string, note: string, run: () => Promise<string> | string): Law => ({
  _tag: 'Check',
  name,
  note,
  run
})

// -------------------------------------------------------------------------------------
// runners
// -------------------------------------------------------------------------------------

/**
 * Runs a law and throws when it does not hold (for test runners). A check law that cannot run here throws
 * {@link LawSkipped}: tell it apart (`e instanceof LawSkipped`) and report the test as skipped, not passed.
 *
 * @category runners
 * @since 0.1.0
 */
export const assertLaw = async (law: Law, parameters: fc.Parameters<unknown> = {}): Promise<string> => {
  if (law._tag === 'Check') return await law.run()
  const p = { ...(law.numRuns === undefined ? {} : { numRuns: law.numRuns }), ...parameters }
  fc.assert(law.property, p)
  return `${p.numRuns ?? fc.readConfigureGlobal().numRuns ?? 100} runs`
}

/**
 * Runs a law and gives its {@link Outcome}: held, violated or skipped. Never throws.
 *
 * @example
 * import * as fc from 'fast-check'
 * import { Laws } from 'sip-simple-payloads/laws'
 *
 * const law = Laws.Law('reverse twice', 'reversing twice gives the array back', fc.array(fc.nat()))((xs) =>
 *   Laws.deepEqual([...xs].reverse().reverse(), xs)
 * )
 * const outcome = await Laws.runLaw(law, { numRuns: 50 })
 * if (outcome._tag !== 'Held') throw new Error(`${law.name}: ${outcome._tag}`)
 *
 * @category runners
 * @since 0.2.0
 */
export const runLaw = async (law: Law, parameters: fc.Parameters<unknown> = {}): Promise<Outcome> => {
  try {
    return { _tag: 'Held', summary: await assertLaw(law, parameters) }
  } catch (e) {
    if (!isSkip(e)) return { _tag: 'Violated', error: e }
    return { _tag: 'Skipped', reason: e instanceof LawSkipped ? e.reason : e.message.slice('SKIP: '.length) }
  }
}

/**
 * Runs a law and tells whether it held, without throwing (for self-tests that expect a law to fail).
 *
 * @category runners
 * @since 0.1.0
 */
export const holds = async (law: Law, parameters: fc.Parameters<unknown> = {}): Promise<boolean> => {
  try {
    if (law._tag === 'Check') {
      await law.run()
      return true
    }
    const r = await fc.check(law.property, { ...(law.numRuns === undefined ? {} : { numRuns: law.numRuns }), ...parameters })
    return !r.failed
  } catch {
    return false
  }
}

// -------------------------------------------------------------------------------------
// equality
// -------------------------------------------------------------------------------------

/**
 * Structural equality of plain data (objects by own enumerable keys, arrays, primitives; `undefined`-valued keys count
 * as present, so a decoder that writes `undefined` is caught).
 *
 * @category equality
 * @since 0.1.0
 */
export const deepEqual = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as Array<unknown>
    if (a.length !== bb.length) return false
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false
    return true
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false
    if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}

/**
 * Throws a {@link LawViolation} unless the two values are structurally equal.
 *
 * @category equality
 * @since 0.1.0
 */
export const expectEqual = (actual: unknown, expected: unknown, what: string): void => {
  if (!deepEqual(actual, expected))
    throw new LawViolation(
      `${what}: first difference ${firstDifference(actual, expected, '')}\n  actual:   ${fc.stringify(actual)}\n  expected: ${fc.stringify(expected)}`
    )
}

/** Where two values first differ, as a path and the two values there. */
const firstDifference = (a: unknown, b: unknown, path: string): string => {
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    for (const k of keys) {
      const x = (a as Record<string, unknown>)[k]
      const y = (b as Record<string, unknown>)[k]
      if (!deepEqual(x, y)) return firstDifference(x, y, `${path}/${k}`)
    }
  }
  return `at ${path === '' ? '/' : path}: ${fc.stringify(a).slice(0, 200)} vs ${fc.stringify(b).slice(0, 200)}`
}
