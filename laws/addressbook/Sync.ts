/**
 * Laws of the synchronisation machine, run against a simulated XCAP server (a pure model of RFC 4825's ETags and
 * preconditions) under interleavings fast-check chooses: answers in any order, network failures, another client
 * writing the documents meanwhile (with or without an xcap-diff notification), edits arriving at any time.
 *
 * - **never an unconditional write**: every PUT carries `If-Match` with the ETag the machine holds of the document, or
 *   `If-None-Match: *` where it holds none; every DELETE carries `If-Match`;
 * - **convergence**: once failures stop, the machine is in sync with the server (the same ETags), and the address
 *   book is what both clients did (the journal replayed onto the other client's edits);
 * - **an idle client never writes**: a refresh, a new subscription or the echo of its own write sends no PUT;
 * - **retries back off, with jitter**: the n-th consecutive failure waits between 0.8 and 1.2 times
 *   min(max, base · 2^(n-1));
 * - **a persistent 409 is never retried silently forever**: the machine says so (typed problems), sets the operations
 *   aside or stops writing the document, and reaches sync after at most two attempts.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as fc from 'fast-check'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as Sync from '../../src/addressbook/Sync.js'
import * as XcapDiff from '../../src/formats/XcapDiff.js'
import { Law, LawViolation, type Law as LawT } from '../Law.js'
import * as AA from './Arbitrary.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The functions the sync laws check.
 *
 * @category model
 * @since 0.2.0
 */
export interface SyncImpl {
  readonly initial: typeof Sync.initial
  readonly step: typeof Sync.step
}

/**
 * The library's machine.
 *
 * @category model
 * @since 0.2.0
 */
export const sync: SyncImpl = { initial: Sync.initial, step: Sync.step }

/**
 * A simulated XCAP server: documents by name (ETag and text), the capabilities, and how it answers writes.
 *
 * @category model
 * @since 0.2.0
 */
export interface SimServer {
  readonly docs: ReadonlyMap<Documents.Name, { readonly etag: string; readonly text: string }>
  readonly counter: number
  readonly auids: ReadonlyArray<string>
  /** Answer every PUT of these documents with this 409 (a server that keeps refusing). */
  readonly refuse?: { readonly docs: ReadonlyArray<Documents.Name>; readonly body: string }
}

/**
 * A server with these documents and the capabilities of a full server (or those given).
 *
 * @category model
 * @since 0.2.0
 */
export const simServer = (docs: Documents.Documents = {}, ctx: Documents.Context = CTX, auids?: ReadonlyArray<string>): SimServer => {
  const m = new Map<Documents.Name, { etag: string; text: string }>()
  let counter = 0
  for (const n of Documents.NAMES) {
    const v = docs[n]
    if (v !== undefined) m.set(n, { etag: `e${++counter}`, text: Documents.encode(ctx, n, v as never) })
  }
  return { docs: m, counter, auids: auids ?? ctx.supported.map((n) => Documents.usages[n].auid).concat(['xcap-caps']) }
}

/**
 * The context of the simulations: a full server.
 *
 * @category model
 * @since 0.2.0
 */
export const CTX: Documents.Context = Documents.context({ root: 'http://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })

// -------------------------------------------------------------------------------------
// the server
// -------------------------------------------------------------------------------------

const write = (s: SimServer, doc: Documents.Name, text: string | undefined): [SimServer, string] => {
  const docs = new Map(s.docs)
  const etag = `e${s.counter + 1}`
  if (text === undefined) docs.delete(doc)
  else docs.set(doc, { etag, text })
  return [{ ...s, docs, counter: s.counter + 1 }, etag]
}

/**
 * The server's answer to a request command (RFC 4825 §7: conditional GET, PUT and DELETE), and the server after it.
 *
 * @category the server
 * @since 0.2.0
 */
export const answer = (s: SimServer, c: Sync.Command): readonly [SimServer, Sync.Event | undefined] => {
  switch (c._tag) {
    case 'GetCapabilities':
      return [s, { _tag: 'Capabilities', req: c.req, outcome: { _tag: 'Ok', auids: s.auids } }]
    case 'Fetch': {
      const d = s.docs.get(c.doc)
      if (d === undefined) return [s, { _tag: 'Fetched', req: c.req, outcome: { _tag: 'NotFound' } }]
      if (c.ifNoneMatch === d.etag) return [s, { _tag: 'Fetched', req: c.req, outcome: { _tag: 'NotModified' } }]
      return [s, { _tag: 'Fetched', req: c.req, outcome: { _tag: 'Ok', etag: d.etag, body: d.text } }]
    }
    case 'Put': {
      const d = s.docs.get(c.doc)
      if (c.ifMatch !== undefined && d?.etag !== c.ifMatch) return [s, { _tag: 'Written', req: c.req, outcome: { _tag: 'PreconditionFailed' } }]
      if (c.ifNoneMatch === '*' && d !== undefined) return [s, { _tag: 'Written', req: c.req, outcome: { _tag: 'PreconditionFailed' } }]
      if (s.refuse?.docs.includes(c.doc) === true) return [s, { _tag: 'Written', req: c.req, outcome: { _tag: 'Conflict', contentType: 'application/xcap-error+xml', body: s.refuse.body } }]
      const [n, etag] = write(s, c.doc, c.body)
      return [n, { _tag: 'Written', req: c.req, outcome: { _tag: 'Ok', etag } }]
    }
    case 'Delete': {
      const d = s.docs.get(c.doc)
      if (d === undefined) return [s, { _tag: 'Written', req: c.req, outcome: { _tag: 'NotFound' } }]
      if (d.etag !== c.ifMatch) return [s, { _tag: 'Written', req: c.req, outcome: { _tag: 'PreconditionFailed' } }]
      const [n] = write(s, c.doc, undefined)
      return [n, { _tag: 'Written', req: c.req, outcome: { _tag: 'Ok' } }]
    }
    default:
      return [s, undefined]
  }
}

/**
 * The documents the server holds, read.
 *
 * @category the server
 * @since 0.2.0
 */
export const serverDocs = (s: SimServer, ctx: Documents.Context = CTX): Documents.Documents => {
  const out: Record<string, unknown> = {}
  for (const [n, d] of s.docs) {
    const r = Documents.read(ctx, n, d.text)
    if (E.isRight(r)) out[n] = r.right.value
  }
  return out as Documents.Documents
}

/**
 * Another client's edit, straight on the server (normalized as a client of this library writes), and the xcap-diff
 * notification the server would send about it.
 *
 * @category the server
 * @since 0.2.0
 */
export const remoteEdit = (s: SimServer, ops: ReadonlyArray<Operations.Operation>, ctx: Documents.Context = CTX): readonly [SimServer, string] => {
  const before = serverDocs(s, ctx)
  const after = Projection.normalize(Operations.applyAll(ops, Projection.normalize(before, ctx), ctx).docs, ctx)
  let out = s
  const changes: Array<XcapDiff.Change> = []
  for (const n of ctx.supported) {
    if (Documents.same(ctx, n, before[n] as never, after[n] as never) && (after[n] === undefined) === !s.docs.has(n)) continue
    const prev = out.docs.get(n)?.etag
    const v = after[n]
    const [next, etag] = write(out, n, v === undefined ? undefined : Documents.encode(ctx, n, v as never))
    out = next
    changes.push({ _tag: 'Document', document: { sel: Documents.documentPath(ctx, n), ...(v === undefined ? {} : { newEtag: etag }), ...(prev === undefined ? {} : { previousEtag: prev }), patch: [] } })
  }
  return [out, XcapDiff.document.encode(XcapDiff.xcapDiff(`${ctx.root}/`, changes))]
}

// -------------------------------------------------------------------------------------
// simulation
// -------------------------------------------------------------------------------------

/**
 * What happened in a simulation: the machine and the server at the end, every command issued (with the ETag the
 * machine held of its document when it issued it), the notices, and the delays asked for.
 *
 * @category simulation
 * @since 0.2.0
 */
export interface Run {
  readonly state: Sync.State
  readonly server: SimServer
  readonly issued: ReadonlyArray<{ readonly command: Sync.Command; readonly held?: string; readonly heldTag: string }>
  readonly notices: ReadonlyArray<Sync.Notice>
  readonly delays: ReadonlyArray<number>
}

/**
 * One move of a simulation: answer an outstanding request (the `pick`-th, modulo their number), fail it, let the other
 * client edit (its next operation; with `touch`, rewrite a document unchanged, under a new ETag; with `notify`, the
 * server sends the xcap-diff notification), make our next edit, or let the next timer fire.
 *
 * @category simulation
 * @since 0.2.0
 */
export type Move =
  | { readonly _tag: 'Deliver'; readonly pick: number }
  | { readonly _tag: 'Fail'; readonly pick: number }
  | { readonly _tag: 'Remote'; readonly notify: boolean }
  | { readonly _tag: 'Touch'; readonly pick: number; readonly notify: boolean }
  | { readonly _tag: 'Local'; readonly count: number }
  | { readonly _tag: 'Timer' }

/**
 * A script: the moves, our edits and the other client's.
 *
 * @category simulation
 * @since 0.2.0
 */
export interface Script {
  readonly moves: ReadonlyArray<Move>
  readonly local: ReadonlyArray<Operations.Operation>
  readonly remote: ReadonlyArray<Operations.Operation>
}

const isRequest = (c: Sync.Command): boolean => c._tag === 'GetCapabilities' || c._tag === 'Fetch' || c._tag === 'Put' || c._tag === 'Delete'

/**
 * Runs a machine against a simulated server under a script, then without failures until it is quiet, then refreshes
 * it and runs it quiet again.
 *
 * @category simulation
 * @since 0.2.0
 */
const simulate = (impl: SyncImpl, server: SimServer, script: Script, options: { readonly restored?: Sync.Restored; readonly config?: Partial<Sync.Config>; readonly maxSteps?: number } = {}): Run => {
  let state = impl.initial({ root: CTX.root, xui: CTX.xui, ...options.config })
  let srv = server
  const outstanding: Array<Sync.Command> = []
  const timers = new Map<number, number>()
  const issued: Array<Run['issued'][number]> = []
  const notices: Array<Sync.Notice> = []
  const delays: Array<number> = []
  const feed = (e: Sync.Event): void => {
    const before = state
    const [s, cs] = impl.step(state, e)
    state = s
    for (const c of cs) {
      const doc = 'doc' in c ? c.doc : undefined
      const h = doc === undefined ? undefined : (before.server[doc] as Sync.Held)
      // the ETag the machine held when the command was decided: in the state before the event, or, for a document
      // the event itself fetched, in the state after it
      const hn = doc === undefined ? undefined : (state.server[doc] as Sync.Held)
      const held = hn !== undefined && (hn._tag === 'Present' || hn._tag === 'Invalid') ? hn.etag : undefined
      issued.push({ command: c, ...(held === undefined ? {} : { held }), heldTag: hn?._tag ?? h?._tag ?? '' })
      if (isRequest(c)) outstanding.push(c)
      else if (c._tag === 'StartTimer') {
        timers.set(c.id, c.ms)
        delays.push(c.ms)
      } else if (c._tag === 'CancelTimer') timers.delete(c.id)
      else if (c._tag === 'Notice') notices.push(c.notice)
    }
  }
  const deliver = (i: number, fail: boolean): void => {
    const [c] = outstanding.splice(i, 1)
    if (fail) {
      const outcome = { _tag: 'Failed' as const, status: 503, message: 'simulated failure' }
      if (c._tag === 'GetCapabilities') return feed({ _tag: 'Capabilities', req: c.req, outcome })
      if (c._tag === 'Fetch') return feed({ _tag: 'Fetched', req: c.req, outcome })
      if (c._tag === 'Put' || c._tag === 'Delete') return feed({ _tag: 'Written', req: c.req, outcome })
    }
    const [n, e] = answer(srv, c)
    srv = n
    if (e !== undefined) feed(e)
  }
  const fire = (): boolean => {
    const first = [...timers.entries()].sort((a, b) => a[1] - b[1])[0]
    if (first === undefined) return false
    timers.delete(first[0])
    feed({ _tag: 'Timer', id: first[0] })
    return true
  }
  let local = [...script.local]
  let remote = [...script.remote]
  feed({ _tag: 'Start', ...(options.restored === undefined ? {} : { restored: options.restored }) })
  for (const m of script.moves) {
    switch (m._tag) {
      case 'Deliver':
      case 'Fail':
        if (outstanding.length > 0) deliver(m.pick % outstanding.length, m._tag === 'Fail')
        else fire()
        break
      case 'Remote': {
        if (remote.length === 0) break
        const [n, body] = remoteEdit(srv, remote.slice(0, 1))
        srv = n
        remote = remote.slice(1)
        if (m.notify) feed({ _tag: 'Notification', body })
        break
      }
      case 'Touch': {
        const names = [...srv.docs.keys()]
        if (names.length === 0) break
        const doc = names[m.pick % names.length]
        const prev = srv.docs.get(doc)
        const [n, etag] = write(srv, doc, prev?.text)
        srv = n
        if (m.notify)
          feed({
            _tag: 'Notification',
            body: XcapDiff.document.encode(XcapDiff.xcapDiff(`${CTX.root}/`, [{ _tag: 'Document', document: { sel: Documents.documentPath(CTX, doc), newEtag: etag, ...(prev === undefined ? {} : { previousEtag: prev.etag }), patch: [] } }]))
          })
        break
      }
      case 'Local':
        if (local.length === 0) break
        feed({ _tag: 'Edit', ops: local.slice(0, m.count) })
        local = local.slice(m.count)
        break
      case 'Timer':
        fire()
        break
    }
  }
  // no more failures: everything left happens, then the machine runs until it is quiet
  if (remote.length > 0) srv = remoteEdit(srv, remote)[0]
  if (local.length > 0) feed({ _tag: 'Edit', ops: local })
  const quiet = (): void => {
    for (let i = 0; i < (options.maxSteps ?? 400); i++) {
      if (outstanding.length > 0) deliver(0, false)
      else if (!fire()) return
    }
    throw new LawViolation(`no quiet after ${options.maxSteps ?? 400} steps: phase ${state.phase}`)
  }
  quiet()
  feed({ _tag: 'Refresh' })
  quiet()
  return { state, server: srv, issued, notices, delays }
}

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/**
 * A move, answers weighted most.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 8, arbitrary: fc.nat(7).map((pick): Move => ({ _tag: 'Deliver', pick })) },
  { weight: 1, arbitrary: fc.nat(7).map((pick): Move => ({ _tag: 'Fail', pick })) },
  { weight: 2, arbitrary: fc.boolean().map((notify): Move => ({ _tag: 'Remote', notify })) },
  { weight: 1, arbitrary: fc.tuple(fc.nat(5), fc.boolean()).map(([pick, notify]): Move => ({ _tag: 'Touch', pick, notify })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }).map((count): Move => ({ _tag: 'Local', count })) },
  { weight: 1, arbitrary: fc.constant<Move>({ _tag: 'Timer' }) }
)

/**
 * A starting point (an empty server, or one holding an address book) and a script with two clients' edits on
 * different elements.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const scenario: fc.Arbitrary<{ readonly book: Model.AddressBook | undefined; readonly script: Script }> = fc
  .option(AA.addressBook(CTX), { nil: undefined })
  .chain((book) =>
    AA.disjoint(book ?? Model.addressBook()).chain(([local, remote]) =>
      fc.array(move, { maxLength: 80, size: 'max' }).map((moves) => ({ book, script: { moves, local, remote } }))
    )
  )

const startServer = (book: Model.AddressBook | undefined): SimServer => simServer(book === undefined ? {} : Projection.toDocuments(book, {}, CTX))

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

const writes = (r: Run): ReadonlyArray<Run['issued'][number]> => r.issued.filter((i) => i.command._tag === 'Put' || i.command._tag === 'Delete')

/**
 * The sync laws, for an implementation (the library's by default).
 *
 * @category laws
 * @since 0.2.0
 */
export const syncLaws = (impl: SyncImpl = sync): ReadonlyArray<LawT> => [
  Law('sync: never an unconditional write over a document', 'If-Match with the ETag held, If-None-Match: * where none is held (RFC 4825 §7.1, §7.3)', scenario)(({ book, script }) => {
    const run = simulate(impl, startServer(book), script)
    for (const w of writes(run)) {
      const c = w.command
      if (c._tag === 'Delete') {
        if (c.ifMatch === undefined || c.ifMatch !== w.held) throw new LawViolation(`DELETE ${c.doc} with If-Match ${c.ifMatch}, holding ${w.held}`)
        continue
      }
      if (c._tag !== 'Put') continue
      const conditions = (c.ifMatch === undefined ? 0 : 1) + (c.ifNoneMatch === undefined ? 0 : 1)
      if (conditions !== 1) throw new LawViolation(`PUT ${c.doc} with ${conditions} preconditions`)
      if (w.held !== undefined && c.ifMatch !== w.held) throw new LawViolation(`PUT ${c.doc} with ${c.ifMatch === undefined ? 'If-None-Match: *' : `If-Match ${c.ifMatch}`}, holding ETag ${w.held}`)
      if (w.held === undefined && c.ifNoneMatch !== '*') throw new LawViolation(`PUT ${c.doc} with If-Match ${c.ifMatch}, holding no ETag`)
    }
  }),
  Law('sync: both clients\u2019 edits end up on the server, and the machine is in sync with it', 'the rebase after a 412, and convergence once failures stop', scenario)(({ book, script }) => {
    const start = startServer(book)
    const run = simulate(impl, start, script)
    if (run.state.phase !== 'insync') throw new LawViolation(`ended ${run.state.phase}`)
    if (run.state.journal.length > 0) throw new LawViolation(`the journal still holds ${run.state.journal.length} operations`)
    for (const n of CTX.supported) {
      const h = run.state.server[n] as Sync.Held
      const d = run.server.docs.get(n)
      const etag = h._tag === 'Present' ? h.etag : undefined
      if (etag !== d?.etag) throw new LawViolation(`${n}: the machine holds ${etag ?? h._tag}, the server ${d?.etag ?? 'nothing'}`)
    }
    const initial = serverDocs(start)
    const expected = Projection.fromDocuments(Projection.normalize(Operations.applyAll([...script.remote, ...script.local], Projection.normalize(initial, CTX), CTX).docs, CTX), CTX)
    const got = Projection.fromDocuments(serverDocs(run.server), CTX)
    if (!Model.equivalent(got, expected))
      throw new LawViolation(`the server holds\n  ${JSON.stringify(got).slice(0, 500)}\nboth clients made\n  ${JSON.stringify(expected).slice(0, 500)}`)
  }),
  Law('sync: an idle client never writes', 'a refresh, a new subscription and the echo of its own write send no PUT or DELETE', scenario)(({ book, script }) => {
    const run = simulate(impl, startServer(book), script)
    const echo = XcapDiff.document.encode(
      XcapDiff.xcapDiff(
        `${CTX.root}/`,
        [...run.server.docs].map(([n, d]) => ({ _tag: 'Document', document: { sel: Documents.documentPath(CTX, n), newEtag: d.etag, patch: [] } }))
      )
    )
    let s = run.state
    let srv = run.server
    const sent: Array<Sync.Command> = []
    const events: Array<Sync.Event> = [{ _tag: 'Refresh' }, { _tag: 'SubscriptionStarted' }, { _tag: 'Notification', body: echo }]
    for (const e of events) {
      const queue: Array<Sync.Event> = [e]
      while (queue.length > 0) {
        const [n, cs] = impl.step(s, queue.shift() as Sync.Event)
        s = n
        for (const c of cs) {
          sent.push(c)
          const [m, r] = answer(srv, c)
          srv = m
          if (r !== undefined) queue.push(r)
        }
      }
    }
    const w = sent.filter((c) => c._tag === 'Put' || c._tag === 'Delete')
    if (w.length > 0) throw new LawViolation(`an idle client wrote: ${w.map((c) => `${c._tag} ${'doc' in c ? c.doc : ''}`).join(', ')}`)
  }),
  Law('sync: retries back off, with jitter', 'the n-th failure in a row waits 0.8 to 1.2 times min(max, base · 2^(n-1))', fc.integer({ min: 1, max: 12 }), fc.nat())((failures, seed) => {
    let s = impl.initial({ root: CTX.root, xui: CTX.xui, seed, retry: { baseMs: 1000, maxMs: 60_000 } })
    const delays: Array<number> = []
    let out: ReadonlyArray<Sync.Command>
    ;[s, out] = impl.step(s, { _tag: 'Start' })
    for (let i = 0; i < failures; i++) {
      const req = out.find((c) => c._tag === 'GetCapabilities')
      if (req === undefined || req._tag !== 'GetCapabilities') throw new LawViolation(`no capabilities request after failure ${i}`)
      ;[s, out] = impl.step(s, { _tag: 'Capabilities', req: req.req, outcome: { _tag: 'Failed', message: 'down' } })
      const t = out.find((c) => c._tag === 'StartTimer')
      if (t === undefined || t._tag !== 'StartTimer') throw new LawViolation(`no retry after failure ${i + 1}`)
      delays.push(t.ms)
      ;[s, out] = impl.step(s, { _tag: 'Timer', id: t.id })
    }
    delays.forEach((d, i) => {
      const nominal = Math.min(60_000, 1000 * 2 ** i)
      if (d < nominal * 0.8 - 1 || d > nominal * 1.2 + 1) throw new LawViolation(`retry ${i + 1} after ${d} ms, expected about ${nominal}`)
    })
  }),
  Law('sync: a persistent 409 is never retried silently forever', 'python3-sipsimple §8.3 fixed: said, set aside, and in sync after two attempts', AA.operations(Model.addressBook(), 'q', 4).filter((ops) => ops.some((op) => Operations.touches(op) === 'resource-lists')))(
    (ops) => {
      const srv = { ...simServer(Projection.toDocuments(Model.addressBook(), {}, CTX)), refuse: { docs: ['resource-lists' as const], body: '<xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error"><constraint-failure phrase="no"/></xcap-error>' } }
      const run = simulate(impl, srv, { moves: [], local: ops, remote: [] })
      if (run.state.phase !== 'insync') throw new LawViolation(`ended ${run.state.phase}`)
      const puts = writes(run).filter((w) => w.command._tag === 'Put' && w.command.doc === 'resource-lists').length
      const kinds = new Set(run.notices.flatMap((n) => (n._tag === 'Problem' ? [n.problem._tag] : [])))
      const base = Projection.normalize({}, CTX)
      const after = Projection.normalize(Operations.applyAll(ops, base, CTX).docs, CTX)
      if (Documents.same(CTX, 'resource-lists', base['resource-lists'], after['resource-lists'])) return
      if (puts > 2) throw new LawViolation(`${puts} PUTs of a document the server keeps refusing`)
      if (!kinds.has('Rejected')) throw new LawViolation('the 409 was not reported')
      if (!kinds.has('OperationsQuarantined') && !kinds.has('WriteBlocked')) throw new LawViolation(`the refused change was neither set aside nor blocked: ${[...kinds].join(', ')}`)
    }
  )
]
