/**
 * The synchronisation of an address book with its XCAP server as a pure state machine: `step(state, event)` gives the
 * next state and the commands to carry out (HTTP requests, timers, storage, notices for a user interface), in the
 * manner of Elm's `update`. The runner (`Runner`) carries the commands out and feeds their results back as events;
 * every path of the cycle is a test of `step` without timers or sockets.
 *
 * The cycle is python3-sipsimple's (§3.3), with its faults fixed:
 *
 * - **initialize**: GET `xcap-caps`; without `resource-lists`, `rls-services` or `org.openmobilealliance.pres-rules`
 *   the server is of no use (a typed problem, another try after an hour); a failed fetch is tried again with backoff.
 *   Documents the server lacks are never requested; their stored copies are forgotten.
 * - **fetch**: conditional GETs of the documents (`If-None-Match` with the ETag held), all awaited; their failures are
 *   reported together, and the round is tried again with backoff and jitter. A document that does not decode is
 *   quarantined (a typed problem; it is not written until the server has another version or the user asks for a
 *   repair), or read leniently when configured so.
 * - **update**: the journal is applied to the server copies, the result normalized; the documents that differ are
 *   written one by one, each with `If-Match` on the ETag held, or `If-None-Match: *` when creating: the machine never
 *   writes a document unconditionally. On 412 every document is fetched again and the journal replayed (a rebase); a
 *   409 is reported with its `xcap-error` body, tried once more on fresh copies, and if it persists the operations
 *   that touch the document are quarantined (or, when none do, writes of the document are blocked): never an endless
 *   silent retry. Other failures are retried with backoff and jitter after a fresh fetch.
 * - **xcap-diff**: a notification is applied to the copies held where it can be (`LocalCopy.applyDiff`: each
 *   document by its own ETags), and only the documents that changed and cannot be patched are fetched again. An
 *   unreadable notification, and a subscription that starts or ends, fetch everything (conditionally).
 * - **restart**: a persisted journal and stored copies are loaded at start; the journal is replayed once the
 *   documents are fetched.
 *
 * @example
 * import * as Sync from 'sip-simple-payloads/addressbook/Sync'
 * const s0 = Sync.initial({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
 * const [s1, commands] = Sync.step(s0, { _tag: 'Start' })
 * // s1.phase: 'initializing'; commands: [{ _tag: 'Notice', ... phase }, { _tag: 'GetCapabilities', req: 1 }]
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { report } from '../codec/DecodeError.js'
import * as RL from '../formats/ResourceLists.js'
import * as XcapDiff from '../formats/XcapDiff.js'
import * as XcapError from '../formats/XcapError.js'
import * as LocalCopy from '../xcap/LocalCopy.js'
import * as Documents from './Documents.js'
import * as Model from './Model.js'
import * as Operations from './Operations.js'
import * as Projection from './Projection.js'

type Name = Documents.Name
type Docs = Documents.Documents

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where the cycle is: `stopped`, `initializing` (capabilities), `fetching`, `updating` (writing), `insync` (nothing to
 * do until an edit or a notification).
 *
 * @category model
 * @since 0.2.0
 */
export type Phase = 'stopped' | 'initializing' | 'fetching' | 'updating' | 'insync'

/**
 * The retry policy: the first retry after `baseMs` (default 60 s), doubling up to `maxMs` (default 1 h), each delay
 * jittered by ±20 %; `unusableMs` (default 1 h) after a server without the required application usages.
 *
 * @category model
 * @since 0.2.0
 */
export interface Retry {
  readonly baseMs?: number
  readonly maxMs?: number
  readonly unusableMs?: number
}

/**
 * The configuration: the XCAP root and the account (see `Documents.Context`), the application's attributes
 * namespace, how URIs are written, the retry policy, whether documents that do not decode are read leniently
 * (default: quarantined), and a seed for the jitter.
 *
 * @category model
 * @since 0.2.0
 */
export interface Config {
  readonly root: string
  readonly xui: string
  readonly appNamespace?: string
  readonly uriStyle?: Documents.UriStyle
  readonly retry?: Retry
  readonly lenient?: boolean
  readonly seed?: number
}

/**
 * What the machine holds of one document on the server: nothing known yet, known to be absent, a copy (its ETag, its
 * value, what had to be repaired to read it, why writes of it are blocked), or a copy that does not decode.
 *
 * @category model
 * @since 0.2.0
 */
export type Held<A = unknown> =
  | { readonly _tag: 'Unknown' }
  | { readonly _tag: 'Absent' }
  | { readonly _tag: 'Present'; readonly etag?: string; readonly value: A; readonly repaired: ReadonlyArray<string>; readonly blocked?: string }
  | { readonly _tag: 'Invalid'; readonly etag?: string; readonly problems: ReadonlyArray<string>; readonly repair: boolean }

/**
 * The copies held, per document.
 *
 * @category model
 * @since 0.2.0
 */
export type Server = { readonly [K in Name]: Held<Documents.Values[K]> }

/**
 * A journal entry set aside because the server keeps refusing the document it changes.
 *
 * @category model
 * @since 0.2.0
 */
export interface Quarantined {
  readonly entry: Operations.Entry
  readonly reason: string
}

/** An outstanding request. */
type Pending = { readonly _tag: 'Caps' } | { readonly _tag: 'Fetch'; readonly doc: Name } | { readonly _tag: 'Write'; readonly doc: Name }

interface UpdateRound {
  readonly target: Docs
  readonly queue: ReadonlyArray<Name>
  readonly included: number
}

/**
 * The state of the machine.
 *
 * @category model
 * @since 0.2.0
 */
export interface State {
  readonly config: Required<Omit<Config, 'retry'>> & { readonly retry: Required<Retry> }
  readonly phase: Phase
  /** The documents the server supports (known after initialization). */
  readonly supported?: ReadonlyArray<Name>
  readonly server: Server
  readonly journal: Operations.Journal
  readonly seq: number
  readonly quarantined: ReadonlyArray<Quarantined>
  readonly pending: ReadonlyMap<number, Pending>
  readonly nextReq: number
  /** Fetch failures of the current round. */
  readonly fetchFailures: ReadonlyArray<{ readonly doc: Name; readonly status?: number; readonly message: string }>
  readonly update?: UpdateRound
  /**
   * Documents to fetch once the current round is over; with the ETag a notification gave, when it did (no fetch is
   * needed if that is the version the round leaves the machine holding: the echo of its own write).
   */
  readonly parked: ReadonlyArray<{ readonly doc: Name; readonly etag?: string }>
  readonly failures: number
  readonly contention: number
  readonly conflicts: { readonly [K in Name]?: number }
  readonly timer?: { readonly id: number; readonly purpose: 'caps' | 'fetch' }
  readonly nextTimer: number
  readonly rng: number
  /** The last address book announced. */
  readonly model?: Model.AddressBook
}

/**
 * The answer to a GET of the capabilities, as the runner reports it.
 *
 * @category model
 * @since 0.2.0
 */
export type CapsOutcome = { readonly _tag: 'Ok'; readonly auids: ReadonlyArray<string> } | { readonly _tag: 'Failed'; readonly status?: number; readonly message: string }

/**
 * The answer to a GET of a document.
 *
 * @category model
 * @since 0.2.0
 */
export type FetchOutcome =
  | { readonly _tag: 'Ok'; readonly etag?: string; readonly body: string }
  | { readonly _tag: 'NotModified' }
  | { readonly _tag: 'NotFound' }
  | { readonly _tag: 'Failed'; readonly status?: number; readonly message: string }

/**
 * The answer to a PUT or DELETE of a document.
 *
 * @category model
 * @since 0.2.0
 */
export type WriteOutcome =
  | { readonly _tag: 'Ok'; readonly etag?: string }
  | { readonly _tag: 'PreconditionFailed' }
  | { readonly _tag: 'Conflict'; readonly contentType?: string; readonly body: string }
  | { readonly _tag: 'NotFound' }
  | { readonly _tag: 'Failed'; readonly status?: number; readonly message: string }

/**
 * What is stored between runs: the journal and the copies of the documents (their ETag and text).
 *
 * @category model
 * @since 0.2.0
 */
export interface Restored {
  readonly journal?: Operations.Journal
  readonly documents?: { readonly [K in Name]?: { readonly etag?: string; readonly text: string } }
}

/**
 * An event: a request of the user or the host (start, stop, edits, notifications, refresh, repair) or the result of a
 * command (matched by its `req`, or timer id; stale results are ignored).
 *
 * @category model
 * @since 0.2.0
 */
export type Event =
  | { readonly _tag: 'Start'; readonly restored?: Restored }
  | { readonly _tag: 'Stop' }
  | { readonly _tag: 'Capabilities'; readonly req: number; readonly outcome: CapsOutcome }
  | { readonly _tag: 'Fetched'; readonly req: number; readonly outcome: FetchOutcome }
  | { readonly _tag: 'Written'; readonly req: number; readonly outcome: WriteOutcome }
  | { readonly _tag: 'Timer'; readonly id: number }
  | { readonly _tag: 'Edit'; readonly ops: ReadonlyArray<Operations.Operation> }
  | { readonly _tag: 'Notification'; readonly body: string }
  | { readonly _tag: 'SubscriptionStarted' }
  | { readonly _tag: 'SubscriptionEnded' }
  | { readonly _tag: 'Refresh' }
  | { readonly _tag: 'Repair'; readonly doc: Name }
  | { readonly _tag: 'ReleaseQuarantined'; readonly replay: boolean }

/**
 * A problem, as a typed value.
 *
 * @category model
 * @since 0.2.0
 */
export type Problem =
  | { readonly _tag: 'CapabilitiesFailed'; readonly status?: number; readonly message: string }
  | { readonly _tag: 'Unusable'; readonly missing: ReadonlyArray<string> }
  | { readonly _tag: 'FetchFailed'; readonly failures: ReadonlyArray<{ readonly doc: Name; readonly status?: number; readonly message: string }> }
  | { readonly _tag: 'InvalidDocument'; readonly doc: Name; readonly problems: ReadonlyArray<string> }
  | { readonly _tag: 'Repaired'; readonly doc: Name; readonly notes: ReadonlyArray<string> }
  | { readonly _tag: 'WriteFailed'; readonly doc: Name; readonly status?: number; readonly message: string }
  | { readonly _tag: 'Rejected'; readonly doc: Name; readonly error?: XcapError.XcapError; readonly message: string }
  | { readonly _tag: 'OperationsQuarantined'; readonly doc: Name; readonly entries: ReadonlyArray<Operations.Entry>; readonly reason: string }
  | { readonly _tag: 'WriteBlocked'; readonly doc: Name; readonly reason: string }
  | { readonly _tag: 'InvalidOperation'; readonly op: Operations.Operation; readonly reason: string }
  | { readonly _tag: 'InvalidNotification'; readonly problems: ReadonlyArray<string> }

/**
 * What a user interface hears: the address book changed (python3-sipsimple's ReloadData), the phase changed, the
 * server's documents changed, a problem.
 *
 * @category model
 * @since 0.2.0
 */
export type Notice =
  | { readonly _tag: 'Changed'; readonly model: Model.AddressBook }
  | { readonly _tag: 'Phase'; readonly phase: Phase }
  | { readonly _tag: 'DocumentsChanged'; readonly docs: ReadonlyArray<Name> }
  | { readonly _tag: 'Problem'; readonly problem: Problem }

/**
 * A command for the runner. `ifNoneMatch: '*'` asks for a create-only PUT.
 *
 * @category model
 * @since 0.2.0
 */
export type Command =
  | { readonly _tag: 'GetCapabilities'; readonly req: number }
  | { readonly _tag: 'Fetch'; readonly req: number; readonly doc: Name; readonly ifNoneMatch?: string }
  | { readonly _tag: 'Put'; readonly req: number; readonly doc: Name; readonly body: string; readonly ifMatch?: string; readonly ifNoneMatch?: '*' }
  | { readonly _tag: 'Delete'; readonly req: number; readonly doc: Name; readonly ifMatch: string }
  | { readonly _tag: 'StartTimer'; readonly id: number; readonly ms: number }
  | { readonly _tag: 'CancelTimer'; readonly id: number }
  | { readonly _tag: 'SaveJournal'; readonly journal: Operations.Journal }
  | { readonly _tag: 'SaveDocument'; readonly doc: Name; readonly etag?: string; readonly text: string }
  | { readonly _tag: 'ForgetDocument'; readonly doc: Name }
  | { readonly _tag: 'Subscribe'; readonly body: string }
  | { readonly _tag: 'Notice'; readonly notice: Notice }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const UNKNOWN: Held<never> = { _tag: 'Unknown' }
const ABSENT: Held<never> = { _tag: 'Absent' }

const positive = (u: unknown, d: number): number => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? u : d)

/**
 * The state before the first event: stopped, nothing known.
 *
 * @category constructors
 * @since 0.2.0
 */
export const initial = (config: Config): State => {
  const ctx = Documents.context(config)
  return {
    config: {
      root: ctx.root,
      xui: ctx.xui,
      appNamespace: ctx.appNamespace,
      uriStyle: ctx.uriStyle,
      lenient: config.lenient === true,
      seed: positive(config.seed, 1) >>> 0,
      retry: {
        baseMs: positive(config.retry?.baseMs, 60_000),
        maxMs: positive(config.retry?.maxMs, 3_600_000),
        unusableMs: positive(config.retry?.unusableMs, 3_600_000)
      }
    },
    phase: 'stopped',
    server: Object.fromEntries(Documents.NAMES.map((n) => [n, UNKNOWN])) as unknown as Server,
    journal: [],
    seq: 1,
    quarantined: [],
    pending: new Map(),
    nextReq: 1,
    fetchFailures: [],
    parked: [],
    failures: 0,
    contention: 0,
    conflicts: {},
    nextTimer: 1,
    rng: positive(config.seed, 1) >>> 0
  }
}

/**
 * The mapping context of a state: its configuration and the documents the server supports (all, before they are
 * known).
 *
 * @category constructors
 * @since 0.2.0
 */
export const contextOf = (s: State): Documents.Context =>
  Documents.context({ root: s.config.root, xui: s.config.xui, appNamespace: s.config.appNamespace, uriStyle: s.config.uriStyle, supported: s.supported ?? Documents.NAMES })

/**
 * The documents as the server has them, as far as the machine knows (copies that do not decode left out).
 *
 * @category constructors
 * @since 0.2.0
 */
export const serverDocuments = (s: State): Docs => {
  const out: Record<string, unknown> = {}
  for (const n of Documents.NAMES) {
    const h = s.server[n] as Held
    if (h._tag === 'Present') out[n] = h.value
  }
  return out as Docs
}

/**
 * The documents as they will be once the journal is on the server: the journal applied to the copies held, then
 * normalized.
 *
 * @category constructors
 * @since 0.2.0
 */
export const view = (s: State): Docs => {
  const ctx = contextOf(s)
  return Projection.normalize(Operations.applyAll(s.journal.map((e) => e.op), Projection.normalize(serverDocuments(s), ctx), ctx).docs, ctx)
}

/**
 * The address book as it will be once the journal is on the server.
 *
 * @category constructors
 * @since 0.2.0
 */
export const modelOf = (s: State): Model.AddressBook => Projection.fromDocuments(view(s), contextOf(s))

/**
 * The body of the xcap-diff subscription (RFC 5875 §4): a resource list with one entry per supported document, its
 * path relative to the XCAP root. The SUBSCRIBE itself (to the account's own AOR, `Event: xcap-diff`) is the SIP
 * stack's job.
 *
 * @category constructors
 * @since 0.2.0
 */
export const subscriptionBody = (s: State): string => {
  const ctx = contextOf(s)
  return RL.document.encode(RL.resourceLists([RL.list({ members: ctx.supported.map((n) => RL.entry(Documents.documentPath(ctx, n))) })]))
}

// -------------------------------------------------------------------------------------
// the machine
// -------------------------------------------------------------------------------------

/** A transition under construction: the state so far and the commands issued. */
interface Tx {
  s: State
  readonly out: Array<Command>
}

const set = (tx: Tx, patch: Partial<State>): void => {
  tx.s = { ...tx.s, ...patch }
}

const notice = (tx: Tx, n: Notice): void => {
  tx.out.push({ _tag: 'Notice', notice: n })
}

const problem = (tx: Tx, p: Problem): void => notice(tx, { _tag: 'Problem', problem: p })

const phase = (tx: Tx, p: Phase): void => {
  if (tx.s.phase === p) return
  set(tx, { phase: p })
  notice(tx, { _tag: 'Phase', phase: p })
}

const supportedOf = (s: State): ReadonlyArray<Name> => s.supported ?? Documents.NAMES

const hold = <K extends Name>(tx: Tx, doc: K, h: Held<Documents.Values[K]>): void => {
  set(tx, { server: { ...tx.s.server, [doc]: h } })
}

const request = (tx: Tx, p: Pending): number => {
  const req = tx.s.nextReq
  const pending = new Map(tx.s.pending)
  pending.set(req, p)
  set(tx, { nextReq: req + 1, pending })
  return req
}

/** mulberry32: a number in [0, 1) and the next seed. */
const random = (tx: Tx): number => {
  let t = (tx.s.rng + 0x6d2b79f5) >>> 0
  set(tx, { rng: t })
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** A delay of `ms` jittered by ±20 %. */
const jitter = (tx: Tx, ms: number): number => Math.round(ms * (0.8 + 0.4 * random(tx)))

/** The n-th backoff delay (n ≥ 1): base · 2^(n-1), capped, jittered. */
const backoff = (tx: Tx, n: number): number => {
  const r = tx.s.config.retry
  return jitter(tx, Math.min(r.maxMs, r.baseMs * 2 ** Math.max(0, Math.min(40, n - 1))))
}

const cancelTimer = (tx: Tx): void => {
  const t = tx.s.timer
  if (t === undefined) return
  tx.out.push({ _tag: 'CancelTimer', id: t.id })
  const { timer: _t, ...rest } = tx.s
  tx.s = rest
}

const startTimer = (tx: Tx, purpose: 'caps' | 'fetch', ms: number): void => {
  cancelTimer(tx)
  const id = tx.s.nextTimer
  set(tx, { nextTimer: id + 1, timer: { id, purpose } })
  tx.out.push({ _tag: 'StartTimer', id, ms })
}

const saveJournal = (tx: Tx): void => {
  tx.out.push({ _tag: 'SaveJournal', journal: tx.s.journal })
}

const allKnown = (s: State): boolean => supportedOf(s).every((n) => s.server[n]._tag !== 'Unknown')

/** Announces the address book when it changed (only once every document is known). */
const announce = (tx: Tx): void => {
  if (tx.s.supported === undefined || !allKnown(tx.s)) return
  const m = modelOf(tx.s)
  if (tx.s.model !== undefined && Model.equals(tx.s.model, m)) return
  set(tx, { model: m })
  notice(tx, { _tag: 'Changed', model: m })
}

/** A document read from text (server or storage) into what is held. */
const readHeld = (tx: Tx, doc: Name, etag: string | undefined, text: string): Held => {
  const r = Documents.read(contextOf(tx.s), doc, text, { lenient: tx.s.config.lenient })
  if (E.isLeft(r)) return { _tag: 'Invalid', ...(etag === undefined ? {} : { etag }), problems: r.left, repair: false }
  return { _tag: 'Present', ...(etag === undefined ? {} : { etag }), value: r.right.value, repaired: r.right.repaired }
}

// ---- fetching ---------------------------------------------------------------------------

const startFetch = (tx: Tx, docs: ReadonlyArray<Name>): void => {
  const wanted = supportedOf(tx.s).filter((n) => docs.includes(n))
  cancelTimer(tx)
  set(tx, { fetchFailures: [] })
  phase(tx, 'fetching')
  if (wanted.length === 0) return plan(tx)
  for (const doc of wanted) {
    const h = tx.s.server[doc] as Held
    const etag = h._tag === 'Present' || h._tag === 'Invalid' ? h.etag : undefined
    const req = request(tx, { _tag: 'Fetch', doc })
    tx.out.push({ _tag: 'Fetch', req, doc, ...(etag === undefined ? {} : { ifNoneMatch: etag }) })
  }
}

/**
 * Asks for documents to be fetched: now when nothing is going on, after the current round otherwise (with the ETag a
 * notification gave, if any).
 */
const requestFetch = (tx: Tx, docs: ReadonlyArray<{ readonly doc: Name; readonly etag?: string }>): void => {
  const p = tx.s.phase
  if (p === 'stopped' || p === 'initializing') return
  const busy = [...tx.s.pending.values()].some((x) => x._tag !== 'Caps')
  if (p === 'insync' || (!busy && tx.s.timer?.purpose === 'fetch')) return startFetch(tx, docs.map((d) => d.doc))
  set(tx, { parked: [...tx.s.parked, ...docs] })
}

/** The parked documents still to fetch: those whose version the machine does not hold now. */
const unpark = (tx: Tx): ReadonlyArray<Name> => {
  const parked = tx.s.parked
  set(tx, { parked: [] })
  const stale = parked.filter((p) => p.etag === undefined || etagOf(tx.s.server[p.doc] as Held) !== p.etag)
  return [...new Set(stale.map((p) => p.doc))]
}

const everything = (docs: ReadonlyArray<Name>): ReadonlyArray<{ readonly doc: Name }> => docs.map((doc) => ({ doc }))

const onFetched = (tx: Tx, doc: Name, outcome: FetchOutcome): void => {
  const before = tx.s.server[doc] as Held
  switch (outcome._tag) {
    case 'Ok': {
      const h = readHeld(tx, doc, outcome.etag, outcome.body)
      hold(tx, doc, h as never)
      tx.out.push({ _tag: 'SaveDocument', doc, ...(outcome.etag === undefined ? {} : { etag: outcome.etag }), text: outcome.body })
      if (h._tag === 'Invalid') problem(tx, { _tag: 'InvalidDocument', doc, problems: h.problems })
      else if (h._tag === 'Present' && h.repaired.length > 0) problem(tx, { _tag: 'Repaired', doc, notes: h.repaired })
      break
    }
    case 'NotModified':
      break
    case 'NotFound':
      if (before._tag !== 'Absent') {
        hold(tx, doc, ABSENT)
        tx.out.push({ _tag: 'ForgetDocument', doc })
      }
      break
    case 'Failed':
      set(tx, { fetchFailures: [...tx.s.fetchFailures, { doc, ...(outcome.status === undefined ? {} : { status: outcome.status }), message: outcome.message }] })
      break
  }
}

const fetchRoundOver = (tx: Tx): void => {
  const failures = tx.s.fetchFailures
  if (failures.length > 0) {
    problem(tx, { _tag: 'FetchFailed', failures })
    const n = tx.s.failures + 1
    set(tx, { failures: n, fetchFailures: [] })
    startTimer(tx, 'fetch', backoff(tx, n))
    announce(tx)
    return
  }
  const parked = unpark(tx)
  if (parked.length > 0) return startFetch(tx, parked)
  plan(tx)
}

// ---- updating ---------------------------------------------------------------------------

const frozen = (h: Held): boolean => (h._tag === 'Invalid' && !h.repair) || (h._tag === 'Present' && h.blocked !== undefined)

const frozenDocs = (s: State): ReadonlySet<Name> => new Set(supportedOf(s).filter((n) => frozen(s.server[n] as Held)))

const etagOf = (h: Held): string | undefined => (h._tag === 'Present' || h._tag === 'Invalid' ? h.etag : undefined)

const differs = (tx: Tx, doc: Name, base: Docs, target: Docs): boolean => {
  const h = tx.s.server[doc] as Held
  const a = base[doc]
  const b = target[doc]
  if (h._tag === 'Invalid') return true
  if (a === undefined || b === undefined) return a !== b
  return (h._tag === 'Present' && h.repaired.length > 0) || !Documents.same(contextOf(tx.s), doc, a as never, b as never)
}

/** The journal without the entries the last round wrote (entries for frozen documents and later ones stay). */
const trimJournal = (tx: Tx, upTo: number): void => {
  const fz = frozenDocs(tx.s)
  const journal = tx.s.journal.filter((e, i) => i >= upTo || fz.has(Operations.touches(e.op)))
  if (journal.length !== tx.s.journal.length) {
    set(tx, { journal })
    saveJournal(tx)
  }
}

const insync = (tx: Tx): void => {
  set(tx, { failures: 0, contention: 0 })
  phase(tx, 'insync')
  announce(tx)
}

/** Applies the journal to the copies, normalizes, and writes what differs (or is in sync). */
const plan = (tx: Tx): void => {
  const s = tx.s
  const unknown = supportedOf(s).filter((n) => s.server[n]._tag === 'Unknown')
  if (unknown.length > 0) return startFetch(tx, unknown)
  const ctx = contextOf(s)
  const base = serverDocuments(s)
  const applied = Operations.applyAll(
    s.journal.map((e) => e.op),
    Projection.normalize(base, ctx),
    ctx
  )
  if (applied.rejected.length > 0) {
    for (const r of applied.rejected) problem(tx, { _tag: 'InvalidOperation', op: r.op, reason: r.reason })
    const dropped = new Set(applied.rejected.map((r) => r.op))
    set(tx, { journal: s.journal.filter((e) => !dropped.has(e.op)) })
    saveJournal(tx)
  }
  const target = Projection.normalize(applied.docs, ctx)
  const fz = frozenDocs(tx.s)
  const dirty = supportedOf(tx.s).filter((n) => !fz.has(n) && differs(tx, n, base, target))
  const needEtag = dirty.filter((n) => {
    const h = tx.s.server[n] as Held
    return (h._tag === 'Present' || h._tag === 'Invalid') && h.etag === undefined
  })
  if (needEtag.length > 0) return startFetch(tx, needEtag)
  if (dirty.length === 0) {
    trimJournal(tx, tx.s.journal.length)
    return insync(tx)
  }
  set(tx, { update: { target, queue: dirty, included: tx.s.journal.length } })
  phase(tx, 'updating')
  writeNext(tx)
}

const writeNext = (tx: Tx): void => {
  const u = tx.s.update
  if (u === undefined) return
  const doc = u.queue[0]
  if (doc === undefined) return updateOver(tx)
  const h = tx.s.server[doc] as Held
  const etag = etagOf(h)
  const value = u.target[doc]
  const req = request(tx, { _tag: 'Write', doc })
  if (value === undefined) {
    if (etag === undefined) {
      // nothing to delete
      set(tx, { pending: new Map([...tx.s.pending].filter(([k]) => k !== req)) })
      hold(tx, doc, ABSENT)
      set(tx, { update: { ...u, queue: u.queue.slice(1) } })
      return writeNext(tx)
    }
    tx.out.push({ _tag: 'Delete', req, doc, ifMatch: etag })
    return
  }
  const body = Documents.encode(contextOf(tx.s), doc, value as never)
  tx.out.push(etag === undefined ? { _tag: 'Put', req, doc, body, ifNoneMatch: '*' } : { _tag: 'Put', req, doc, body, ifMatch: etag })
}

const updateOver = (tx: Tx): void => {
  const u = tx.s.update
  const { update: _u, ...rest } = tx.s
  tx.s = rest
  if (u !== undefined) trimJournal(tx, u.included)
  set(tx, { failures: 0, contention: 0 })
  const parked = unpark(tx)
  if (parked.length > 0) return startFetch(tx, parked)
  const fz = frozenDocs(tx.s)
  if (tx.s.journal.some((e) => !fz.has(Operations.touches(e.op)))) return plan(tx)
  insync(tx)
}

const decodeXcapError = (o: { readonly contentType?: string; readonly body: string }): XcapError.XcapError | undefined => {
  if (o.body.trim() === '') return undefined
  const r = XcapError.document.decode(o.body)
  return E.isRight(r) ? r.right : undefined
}

const CONDITIONS: { readonly [K in XcapError.Tag]: string } = {
  NotWellFormed: 'not-well-formed',
  NotUtf8: 'not-utf-8',
  NotXmlFrag: 'not-xml-frag',
  NotXmlAttValue: 'not-xml-att-value',
  SchemaValidationError: 'schema-validation-error',
  ConstraintFailure: 'constraint-failure',
  UniquenessFailure: 'uniqueness-failure',
  NoParent: 'no-parent',
  CannotInsert: 'cannot-insert',
  CannotDelete: 'cannot-delete',
  Extension: 'extension'
}

/** A 409 in words: its xcap-error condition, phrase and (for a uniqueness failure) fields, or the start of its body. */
const describeError = (e: XcapError.XcapError | undefined, body: string): string => {
  if (e === undefined) return body.trim() === '' ? '409 Conflict' : `409 Conflict: ${body.trim().slice(0, 200)}`
  const c = e.error
  const phrase = 'phrase' in c.condition && typeof c.condition.phrase === 'string' ? ` "${c.condition.phrase}"` : ''
  const fields = c._tag === 'UniquenessFailure' ? ` on ${c.condition.exists.map((x) => x.field).join(', ')}` : ''
  return `409 Conflict: <${CONDITIONS[c._tag]}>${phrase}${fields}`
}

const onWritten = (tx: Tx, doc: Name, outcome: WriteOutcome): void => {
  const u = tx.s.update
  if (u === undefined) return
  switch (outcome._tag) {
    case 'Ok':
    case 'NotFound': {
      const value = u.target[doc]
      if (outcome._tag === 'NotFound' && value !== undefined) {
        // a PUT on a document that went away: like a 412
        set(tx, { contention: tx.s.contention + 1 })
        return afterContention(tx)
      }
      if (value === undefined) {
        hold(tx, doc, ABSENT)
        tx.out.push({ _tag: 'ForgetDocument', doc })
      } else {
        const etag = outcome._tag === 'Ok' ? outcome.etag : undefined
        hold(tx, doc, { _tag: 'Present', ...(etag === undefined ? {} : { etag }), value, repaired: [] } as never)
        tx.out.push({ _tag: 'SaveDocument', doc, ...(etag === undefined ? {} : { etag }), text: Documents.encode(contextOf(tx.s), doc, value as never) })
      }
      const { [doc]: _c, ...conflicts } = tx.s.conflicts
      set(tx, { conflicts, update: { ...u, queue: u.queue.slice(1) } })
      return writeNext(tx)
    }
    case 'PreconditionFailed':
      set(tx, { contention: tx.s.contention + 1 })
      return afterContention(tx)
    case 'Conflict': {
      const error = decodeXcapError(outcome)
      const message = describeError(error, outcome.body)
      problem(tx, { _tag: 'Rejected', doc, ...(error === undefined ? {} : { error }), message })
      const n = (tx.s.conflicts[doc] ?? 0) + 1
      set(tx, { conflicts: { ...tx.s.conflicts, [doc]: n } })
      const { update: _u, ...rest } = tx.s
      tx.s = rest
      if (n < 2) return startFetch(tx, supportedOf(tx.s))
      // the server keeps refusing: set aside what changes the document, or stop writing it
      const { [doc]: _c, ...conflicts } = tx.s.conflicts
      set(tx, { conflicts })
      const touching = tx.s.journal.filter((e) => Operations.touches(e.op) === doc)
      if (touching.length > 0) {
        set(tx, {
          journal: tx.s.journal.filter((e) => Operations.touches(e.op) !== doc),
          quarantined: [...tx.s.quarantined, ...touching.map((entry) => ({ entry, reason: message }))]
        })
        saveJournal(tx)
        problem(tx, { _tag: 'OperationsQuarantined', doc, entries: touching, reason: message })
      } else {
        const h = tx.s.server[doc] as Held
        if (h._tag === 'Present') hold(tx, doc, { ...h, blocked: message } as never)
        else if (h._tag === 'Invalid') hold(tx, doc, { ...h, repair: false } as never)
        problem(tx, { _tag: 'WriteBlocked', doc, reason: message })
      }
      return plan(tx)
    }
    case 'Failed': {
      problem(tx, { _tag: 'WriteFailed', doc, ...(outcome.status === undefined ? {} : { status: outcome.status }), message: outcome.message })
      const { update: _u, ...rest } = tx.s
      tx.s = rest
      const n = tx.s.failures + 1
      set(tx, { failures: n })
      phase(tx, 'fetching')
      startTimer(tx, 'fetch', backoff(tx, n))
      return
    }
  }
}

/** After a 412: fetch everything again and replay; after several in a row, wait a jittered while first. */
const afterContention = (tx: Tx): void => {
  const { update: _u, ...rest } = tx.s
  tx.s = rest
  if (tx.s.contention > 2) {
    phase(tx, 'fetching')
    return startTimer(tx, 'fetch', backoff(tx, tx.s.contention - 2))
  }
  startFetch(tx, supportedOf(tx.s))
}

// ---- notifications ----------------------------------------------------------------------

const onNotification = (tx: Tx, body: string): void => {
  const p = tx.s.phase
  if (p === 'stopped' || p === 'initializing') return
  const all = supportedOf(tx.s)
  const diff = XcapDiff.document.decode(body)
  if (E.isLeft(diff)) {
    problem(tx, { _tag: 'InvalidNotification', problems: report(diff.left) })
    return requestFetch(tx, everything(all))
  }
  const ctx = contextOf(tx.s)
  const urls = new Map(all.map((n) => [Documents.decodeUri(Documents.documentUrl(ctx, n)), n]))
  const nameOf = (uri: string): Name | undefined => urls.get(Documents.decodeUri(uri))
  const d: XcapDiff.XcapDiff = { ...diff.right, xcapRoot: ctx.root }
  if (p !== 'insync') {
    // copies are being fetched or written: fetch what the notification names once that is over
    const named = d.changes.flatMap((c) => {
      const sel = c._tag === 'Document' ? c.document.sel : c._tag === 'Element' ? c.element.sel : c.attribute.sel
      const doc = nameOf(LocalCopy.resolve(ctx.root, sel.split('/~~/')[0]))
      const etag = c._tag === 'Document' ? c.document.newEtag : undefined
      return doc === undefined ? [] : [etag === undefined ? { doc } : { doc, etag }]
    })
    if (named.length > 0) requestFetch(tx, named)
    return
  }
  const store = new Map<string, LocalCopy.Copy>()
  for (const n of all) {
    const h = tx.s.server[n] as Held
    if (h._tag !== 'Present') continue
    const t = Documents.tree(ctx, n, h.value as never)
    if (t !== undefined) store.set(Documents.documentUrl(ctx, n), { ...(h.etag === undefined ? {} : { etag: h.etag }), document: t })
  }
  const applied = LocalCopy.applyDiff(store, d, { usages: all.map((n) => Documents.usages[n]) })
  const refetch = new Set<Name>()
  const changed = new Set<Name>()
  for (const o of applied.outcomes) {
    const n = nameOf(o.uri)
    if (n === undefined) continue
    switch (o._tag) {
      case 'UpToDate':
        break
      case 'Removed':
        if (tx.s.server[n]._tag !== 'Absent') {
          hold(tx, n, ABSENT)
          tx.out.push({ _tag: 'ForgetDocument', doc: n })
          changed.add(n)
        }
        break
      case 'Refetch':
        refetch.add(n)
        break
      case 'Updated': {
        const copy = applied.store.get(o.uri)
        if (o.etag === undefined || copy === undefined) {
          refetch.add(n)
          break
        }
        const text = Documents.printTree(copy.document)
        const h = readHeld(tx, n, o.etag, text)
        if (h._tag !== 'Present') {
          refetch.add(n)
          break
        }
        hold(tx, n, h as never)
        tx.out.push({ _tag: 'SaveDocument', doc: n, etag: o.etag, text })
        changed.add(n)
        break
      }
    }
  }
  if (changed.size > 0) notice(tx, { _tag: 'DocumentsChanged', docs: [...changed] })
  if (refetch.size > 0) return startFetch(tx, [...refetch])
  if (changed.size > 0) plan(tx)
}

// ---- step -------------------------------------------------------------------------------

const restore = (tx: Tx, r: Restored | undefined): void => {
  if (r === undefined) return
  const journal = (r.journal ?? []).filter((e) => Operations.problems(e.op).length === 0)
  const seq = journal.reduce((m, e) => Math.max(m, e.seq + 1), tx.s.seq)
  set(tx, { journal, seq })
  for (const n of Documents.NAMES) {
    const d = r.documents?.[n]
    if (d === undefined) continue
    const h = readHeld(tx, n, d.etag, d.text)
    // a stored copy that does not read is ignored (it is fetched again)
    if (h._tag === 'Present') hold(tx, n, h as never)
  }
}

const onCapabilities = (tx: Tx, o: CapsOutcome): void => {
  if (o._tag === 'Failed') {
    problem(tx, { _tag: 'CapabilitiesFailed', ...(o.status === undefined ? {} : { status: o.status }), message: o.message })
    const n = tx.s.failures + 1
    set(tx, { failures: n })
    return startTimer(tx, 'caps', backoff(tx, n))
  }
  const auids = o.auids.map((a) => a.trim())
  const missing = Documents.REQUIRED.map((n) => Documents.usages[n].auid).filter((a) => !auids.includes(a))
  if (missing.length > 0) {
    problem(tx, { _tag: 'Unusable', missing })
    return startTimer(tx, 'caps', jitter(tx, tx.s.config.retry.unusableMs))
  }
  const supported = Documents.NAMES.filter((n) => auids.includes(Documents.usages[n].auid))
  set(tx, { supported, failures: 0 })
  for (const n of Documents.NAMES)
    if (!supported.includes(n)) {
      if (tx.s.server[n]._tag !== 'Absent') tx.out.push({ _tag: 'ForgetDocument', doc: n })
      hold(tx, n, ABSENT)
    }
  tx.out.push({ _tag: 'Subscribe', body: subscriptionBody(tx.s) })
  startFetch(tx, supported)
}

const run = (tx: Tx, e: Event): void => {
  const s = tx.s
  switch (e._tag) {
    case 'Start':
      if (s.phase !== 'stopped') return
      restore(tx, e.restored)
      phase(tx, 'initializing')
      tx.out.push({ _tag: 'GetCapabilities', req: request(tx, { _tag: 'Caps' }) })
      return
    case 'Stop':
      if (s.phase === 'stopped') return
      cancelTimer(tx)
      set(tx, { pending: new Map(), parked: [], fetchFailures: [] })
      if (tx.s.update !== undefined) {
        const { update: _u, ...rest } = tx.s
        tx.s = rest
      }
      saveJournal(tx)
      phase(tx, 'stopped')
      return
    case 'Capabilities':
    case 'Fetched':
    case 'Written': {
      const p = s.pending.get(e.req)
      if (p === undefined) return
      const pending = new Map(s.pending)
      pending.delete(e.req)
      set(tx, { pending })
      if (e._tag === 'Capabilities' && p._tag === 'Caps') return onCapabilities(tx, e.outcome)
      if (e._tag === 'Fetched' && p._tag === 'Fetch') {
        onFetched(tx, p.doc, e.outcome)
        if (![...tx.s.pending.values()].some((x) => x._tag === 'Fetch')) fetchRoundOver(tx)
        return
      }
      if (e._tag === 'Written' && p._tag === 'Write') return onWritten(tx, p.doc, e.outcome)
      return
    }
    case 'Timer':
      if (s.timer?.id !== e.id) return
      {
        const { timer: _t, ...rest } = tx.s
        tx.s = rest
      }
      if (s.timer.purpose === 'caps') {
        tx.out.push({ _tag: 'GetCapabilities', req: request(tx, { _tag: 'Caps' }) })
        return
      }
      return startFetch(tx, supportedOf(tx.s))
    case 'Edit': {
      const entries: Array<Operations.Entry> = []
      let seq = s.seq
      for (const op of e.ops) {
        const ps = Operations.problems(op)
        if (ps.length > 0) problem(tx, { _tag: 'InvalidOperation', op, reason: ps.join('; ') })
        else entries.push({ seq: seq++, op })
      }
      if (entries.length === 0) return
      set(tx, { journal: [...s.journal, ...entries], seq })
      saveJournal(tx)
      if (tx.s.phase === 'insync') return plan(tx)
      announce(tx)
      return
    }
    case 'Notification':
      return onNotification(tx, e.body)
    case 'SubscriptionStarted':
    case 'SubscriptionEnded':
    case 'Refresh':
      return requestFetch(tx, everything(supportedOf(s)))
    case 'Repair': {
      const h = s.server[e.doc] as Held
      if (h._tag === 'Invalid') hold(tx, e.doc, { ...h, repair: true } as never)
      else if (h._tag === 'Present' && h.blocked !== undefined) {
        const { blocked: _b, ...rest } = h
        hold(tx, e.doc, rest as never)
      } else return
      if (tx.s.phase === 'insync') plan(tx)
      return
    }
    case 'ReleaseQuarantined': {
      if (s.quarantined.length === 0) return
      const back = e.replay ? s.quarantined.map((q) => q.entry) : []
      set(tx, { quarantined: [], journal: [...back, ...s.journal] })
      saveJournal(tx)
      if (tx.s.phase === 'insync') plan(tx)
      return
    }
  }
}

/**
 * The transition function: the state after an event, and the commands to carry out, in order. Pure and total.
 *
 * @category the machine
 * @since 0.2.0
 */
export const step = (state: State, event: Event): readonly [State, ReadonlyArray<Command>] => {
  const tx: Tx = { s: state, out: [] }
  run(tx, event)
  return [tx.s, tx.out]
}

/**
 * Runs events through the machine in order: the final state and every command issued.
 *
 * @category the machine
 * @since 0.2.0
 */
export const steps = (state: State, events: ReadonlyArray<Event>): readonly [State, ReadonlyArray<Command>] => {
  let s = state
  const out: Array<Command> = []
  for (const e of events) {
    const [n, cs] = step(s, e)
    s = n
    out.push(...cs)
  }
  return [s, out]
}
