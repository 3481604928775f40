/**
 * The state engine for versioned notifications: formats whose NOTIFY bodies carry a version and say whether they hold
 * full or partial state (watcherinfo, RFC 3858 §4; dialog-info, RFC 4235 §4.3; conference-info, RFC 4575 §4.1;
 * RLMI, RFC 4662 §5.6). A format plugs in its own {@link Merge} rule (how to build a state from a full document, how
 * to apply a partial one); the engine owns the version bookkeeping, which the RFCs word alike:
 *
 * - the local version starts at the version of the first document received, which must hold full state (a subscriber
 *   cannot build a coherent view from a partial one);
 * - a document whose version is lower than the local version is discarded; an equal version is a duplicate (RFC 4662
 *   §5.6 says "less than or equal" outright) and is discarded too;
 * - a full-state document with a higher version replaces the state, whatever the jump (RFC 4662 §5.6.1);
 * - a partial document exactly one higher is applied;
 * - a partial document more than one higher means notifications were lost. The RFCs let a subscriber apply it and then
 *   SHOULD refresh the subscription to get full state; this engine never applies it: it reports a `Gap`, the caller
 *   keeps its state and refreshes, and the full-state NOTIFY the refresh triggers puts things right.
 *
 * Versions are scoped within one subscription: start from `undefined` for a new subscription. They are exact integers
 * of any size (`V.Integer`: a number, or a bigint beyond the safe-integer range).
 *
 * @since 0.1.0
 */
import type { Integer } from './Value.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A format's merge rule: the version of a document, whether it holds full state, how to build a state from a
 * full-state document, and how to apply a partial one to a state. Nothing here deals with version ordering: the engine
 * does that.
 *
 * @category model
 * @since 0.1.0
 */
export interface Merge<Doc, S> {
  /** The document's version (e.g. the `version` attribute of `<watcherinfo>`, `<dialog-info>` or RLMI `<list>`). */
  readonly version: (doc: Doc) => Integer
  /** Whether the document holds full state (`state="full"`, or RLMI's `fullState="true"`). */
  readonly isFullState: (doc: Doc) => boolean
  /** The state a full-state document describes. */
  readonly fromFull: (doc: Doc) => S
  /** The state after a partial document. */
  readonly applyPartial: (state: S, doc: Doc) => S
}

/**
 * A state with the version of the last document applied to it.
 *
 * @category model
 * @since 0.1.0
 */
export interface Versioned<S> {
  readonly version: Integer
  readonly value: S
}

/**
 * The document was applied: here is the new state.
 *
 * @category model
 * @since 0.1.0
 */
export interface Applied<S> {
  readonly _tag: 'Applied'
  readonly state: Versioned<S>
}

/**
 * The document's version is not newer than the state's: it was ignored (a duplicate or a late retransmission).
 *
 * @category model
 * @since 0.1.0
 */
export interface Stale {
  readonly _tag: 'Stale'
  /** The state's version. */
  readonly current: Integer
  /** The document's version. */
  readonly got: Integer
}

/**
 * A partial document skipped versions: notifications were lost. It was not applied; keep the state and refresh the
 * subscription to get a full-state notification.
 *
 * @category model
 * @since 0.1.0
 */
export interface Gap {
  readonly _tag: 'Gap'
  /** The version that would have been next. */
  readonly expected: Integer
  /** The document's version. */
  readonly got: Integer
}

/**
 * The first document of a subscription was partial: there is nothing to apply it to. Refresh the subscription to get
 * a full-state notification.
 *
 * @category model
 * @since 0.1.0
 */
export interface NotFullState {
  readonly _tag: 'NotFullState'
  /** The document's version. */
  readonly got: Integer
}

/**
 * What became of a document.
 *
 * @category model
 * @since 0.1.0
 */
export type Outcome<S> = Applied<S> | Stale | Gap | NotFullState

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/**
 * The next version, in the one representation `V.Integer` uses (a number while safe, a bigint beyond).
 *
 * @category constructors
 * @since 0.2.0
 */
export const successor = (v: Integer): Integer => {
  const n = BigInt(v) + 1n
  return n <= MAX_SAFE ? Number(n) : n
}

/**
 * Applies a document to the current state (`undefined` before the first document of a subscription) and tells what
 * happened. Pure: the input state is never changed.
 *
 * @example
 * import { Versioned } from 'sip-simple-payloads/codec'
 * import * as Watcherinfo from 'sip-simple-payloads/Watcherinfo'
 * const step = Versioned.apply(Watcherinfo.merge)
 * // const r = step(undefined, firstDoc); if (r._tag === 'Applied') state = r.state
 *
 * @category constructors
 * @since 0.1.0
 */
export const apply =
  <Doc, S>(merge: Merge<Doc, S>) =>
  (state: Versioned<S> | undefined, doc: Doc): Outcome<S> => {
    const got = merge.version(doc)
    const full = merge.isFullState(doc)
    if (state === undefined)
      return full ? { _tag: 'Applied', state: { version: got, value: merge.fromFull(doc) } } : { _tag: 'NotFullState', got }
    if (got <= state.version) return { _tag: 'Stale', current: state.version, got }
    if (full) return { _tag: 'Applied', state: { version: got, value: merge.fromFull(doc) } }
    const next = successor(state.version)
    if (got !== next) return { _tag: 'Gap', expected: next, got }
    return { _tag: 'Applied', state: { version: got, value: merge.applyPartial(state.value, doc) } }
  }

/**
 * The state after an outcome: the new state when the document was applied, the given one otherwise.
 *
 * @category constructors
 * @since 0.1.0
 */
export const stateAfter = <S>(state: Versioned<S> | undefined, outcome: Outcome<S>): Versioned<S> | undefined =>
  outcome._tag === 'Applied' ? outcome.state : state

/**
 * Whether an outcome calls for refreshing the subscription to get full state (a gap, or a first document that was
 * partial).
 *
 * @category constructors
 * @since 0.1.0
 */
export const needsFullState = <S>(outcome: Outcome<S>): outcome is Gap | NotFullState =>
  outcome._tag === 'Gap' || outcome._tag === 'NotFullState'

/**
 * Applies documents in order, keeping the state through ignored ones; returns the final state (if any) and every
 * outcome.
 *
 * @category constructors
 * @since 0.1.0
 */
export const applyAll =
  <Doc, S>(merge: Merge<Doc, S>) =>
  (
    state: Versioned<S> | undefined,
    docs: ReadonlyArray<Doc>
  ): { readonly state: Versioned<S> | undefined; readonly outcomes: ReadonlyArray<Outcome<S>> } => {
    const step = apply(merge)
    const outcomes: Array<Outcome<S>> = []
    let s = state
    for (const d of docs) {
      const o = step(s, d)
      outcomes.push(o)
      s = stateAfter(s, o)
    }
    return { state: s, outcomes }
  }

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * The table update the RFCs describe for partial state, on a list of rows keyed by `key`: an update whose key is known
 * replaces that row in place, an unknown one is appended, and an update that `removes` accepts (e.g. a terminated
 * watcher or dialog) takes its row out. Updates apply in order; the input arrays are never changed.
 *
 * @category combinators
 * @since 0.1.0
 */
export const upsert =
  <A, K>(key: (a: A) => K, removes: (a: A) => boolean = () => false) =>
  (rows: ReadonlyArray<A>, updates: ReadonlyArray<A>): ReadonlyArray<A> => {
    if (updates.length === 0) return rows
    const table = new Map<K, A>()
    for (const r of rows) if (!table.has(key(r))) table.set(key(r), r)
    // a Map keeps insertion order: set on a present key keeps its place, delete then set appends
    for (const u of updates) {
      const k = key(u)
      if (removes(u)) table.delete(k)
      else table.set(k, u)
    }
    return Array.from(table.values())
  }
