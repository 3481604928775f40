/**
 * The shell around the synchronisation machine (`Sync`): it carries out the machine's commands with the XCAP client
 * (`xcap/Client`) over an injected `fetch`, with injected timers and storage (in memory unless given; see `Storage`),
 * feeds the results back as events, and tells listeners what a user interface needs to hear (the address book
 * changed, the phase, problems). Edits go in as operations (one call is one transaction: each document is written
 * once). The xcap-diff subscription is the SIP stack's job: {@link Runner.subscriptionBody} is the body it sends (the
 * machine also hands it over through `onSubscribe` once it knows what the server supports), and
 * {@link Runner.notification} takes the body of each NOTIFY it receives.
 *
 * Servers differ on the create-only precondition: RFC 7232 writes it `If-None-Match: *`; Kamailio's xcap_server
 * ignores that and honours only `If-None-Match: "*"` (which an RFC 7232 server reads as an entity tag that matches
 * nothing, so that it overwrites): `createPrecondition: 'quoted-star'` sends the quoted form.
 *
 * @example
 * import * as Model from 'sip-simple-payloads/addressbook/Model'
 * import * as Operations from 'sip-simple-payloads/addressbook/Operations'
 * import * as Runner from 'sip-simple-payloads/addressbook/Runner'
 * const offline = async () => {
 *   throw new Error('offline')
 * }
 * const book = Runner.runner({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com', fetch: offline })
 * const off = book.subscribe((n) => {
 *   if (n._tag === 'Problem') console.log(n.problem._tag) // 'CapabilitiesFailed'
 * })
 * await book.start()
 * book.edit(Operations.addContact(Model.contact({ name: 'Bob', uris: ['sip:bob@example.com'] }))) // journaled
 * await book.stop()
 * off()
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as Client from '../xcap/Client.js'
import { applicationUsage } from '../xcap/ApplicationUsage.js'
import * as Documents from './Documents.js'
import type * as Model from './Model.js'
import * as Operations from './Operations.js'
import * as Storage from './Storage.js'
import * as Sync from './Sync.js'
import * as XcapDiff from '../formats/XcapDiff.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Timers (default: the global `setTimeout` and `clearTimeout`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Timers {
  readonly set: (f: () => void, ms: number) => unknown
  readonly clear: (handle: unknown) => void
}

/**
 * What a listener hears: the machine's notices, and a store that failed.
 *
 * @category model
 * @since 0.2.0
 */
export type Notice = Sync.Notice | { readonly _tag: 'StorageFailed'; readonly message: string }

/**
 * The options of a runner: the machine's configuration, the `fetch` of the XCAP client (and its retry policy for
 * transport errors and 5xx answers within one request), storage, timers, how create-only PUTs are written, and the
 * function that (re)subscribes to xcap-diff with a body.
 *
 * @category model
 * @since 0.2.0
 */
export interface Options extends Sync.Config {
  readonly fetch: Client.Fetch
  readonly storage?: Storage.Storage
  readonly timers?: Timers
  readonly createPrecondition?: 'star' | 'quoted-star'
  readonly clientRetry?: Client.Retry
  readonly onSubscribe?: (body: string) => void
}

/**
 * A running address book.
 *
 * @category model
 * @since 0.2.0
 */
export interface Runner {
  /** Loads what the store holds and starts (capabilities, fetch, replay of the journal). */
  readonly start: () => Promise<void>
  /** Stops (the journal is saved; answers still on their way are ignored). */
  readonly stop: () => Promise<void>
  /** Journals operations as one transaction and writes them. */
  readonly edit: (...ops: ReadonlyArray<Operations.Operation>) => void
  /** The body of an xcap-diff NOTIFY. */
  readonly notification: (body: string) => void
  /** The xcap-diff subscription started, or ended: everything is fetched again (conditionally). */
  readonly subscriptionChanged: (started: boolean) => void
  /** Fetches everything again (conditionally). */
  readonly refresh: () => void
  /** Overwrites a quarantined document with a normal one, or writes a blocked one again. */
  readonly repair: (doc: Documents.Name) => void
  /** Puts quarantined operations back into the journal (`replay`), or drops them. */
  readonly releaseQuarantined: (replay: boolean) => void
  /** Listens to notices; returns the function that stops listening. */
  readonly subscribe: (listener: (n: Notice) => void) => () => void
  /** The machine's state now. */
  readonly state: () => Sync.State
  /** The address book now (with the journal applied), once the documents are known. */
  readonly model: () => Model.AddressBook | undefined
  /** The body of the xcap-diff SUBSCRIBE. */
  readonly subscriptionBody: () => string
  /** Resolves once `pred` holds of the state (checked after every event), rejects after `timeoutMs`. */
  readonly until: (pred: (s: Sync.State) => boolean, timeoutMs?: number) => Promise<Sync.State>
}

/**
 * A document the memory server holds.
 *
 * @category model
 * @since 0.2.0
 */
export interface StoredDocument {
  readonly etag: string
  readonly text: string
  readonly contentType: string
}

/**
 * A request the memory server answered.
 *
 * @category model
 * @since 0.2.0
 */
export interface Served {
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly status: number
}

/**
 * An XCAP server in memory (see {@link memoryServer}): its `fetch`, the documents it holds (by path relative to the root), the requests it answered, and
 * xcap-diff listeners per owner.
 *
 * @category model
 * @since 0.2.0
 */
export interface MemoryServer {
  readonly fetch: Client.Fetch
  readonly documents: () => ReadonlyMap<string, StoredDocument>
  readonly served: () => ReadonlyArray<Served>
  /** Calls `listener` with the body of an xcap-diff notification after each change to a document of `xui`. */
  readonly subscribe: (xui: string, listener: (body: string) => void) => () => void
}


// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const capsUsage = /*#__PURE__*/ applicationUsage({
  auid: 'xcap-caps',
  namespace: 'urn:ietf:params:xml:ns:xcap-caps',
  mimeType: 'application/xcap-caps+xml',
  tree: 'global'
})

const failed = (o: { readonly _tag: string; readonly status?: number; readonly message?: string; readonly text?: string }): { readonly _tag: 'Failed'; readonly status?: number; readonly message: string } => ({
  _tag: 'Failed',
  ...(o.status === undefined ? {} : { status: o.status }),
  message: o.message ?? (o.status === undefined ? o._tag : `${o.status} ${o._tag}${o.text !== undefined && o.text.trim() !== '' ? `: ${o.text.trim().slice(0, 200)}` : ''}`)
})

/**
 * Is idle: in sync, with nothing on its way.
 *
 * @category constructors
 * @since 0.2.0
 */
export const idle = (s: Sync.State): boolean => s.phase === 'insync' && s.pending.size === 0

/**
 * A runner (not started).
 *
 * @category constructors
 * @since 0.2.0
 */
export const runner = (options: Options): Runner => {
  const timers: Timers = options.timers ?? { set: (f, ms) => setTimeout(f, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }
  const storage = options.storage ?? Storage.memory()
  const xcap = Client.client({ root: Sync.initial(options).config.root, fetch: options.fetch, retry: options.clientRetry ?? { attempts: 2 } })
  const listeners = new Set<(n: Notice) => void>()
  const waiters = new Set<() => void>()
  const handles = new Map<number, unknown>()
  let state = Sync.initial(options)
  const queue: Array<Sync.Event> = []
  let running = false
  let writes: Promise<void> = Promise.resolve()

  const tell = (n: Notice): void => {
    for (const l of [...listeners]) {
      try {
        l(n)
      } catch {
        // a listener's failure is its own
      }
    }
  }

  const persist = (f: () => Promise<void>): void => {
    writes = writes.then(f).catch((e: unknown) => tell({ _tag: 'StorageFailed', message: e instanceof Error ? e.message : String(e) }))
  }

  const ctx = (): Documents.Context => Sync.contextOf(state)
  const ref = (doc: Documents.Name): Client.DocumentPutRef => ({ usage: Documents.usages[doc], xui: ctx().xui })

  const execute = (c: Sync.Command): void => {
    switch (c._tag) {
      case 'GetCapabilities':
        void xcap.getDocument({ usage: capsUsage }).then((r) => {
          if (r._tag !== 'Ok') return dispatch({ _tag: 'Capabilities', req: c.req, outcome: failed(r) })
          const caps = Client.readCapabilities(r.bytes)
          dispatch({
            _tag: 'Capabilities',
            req: c.req,
            outcome: E.isRight(caps) ? { _tag: 'Ok', auids: caps.right.auids } : { _tag: 'Failed', status: r.status, message: caps.left.map((p) => p.message).join('; ') }
          })
        })
        return
      case 'Fetch':
        void xcap.getDocument(ref(c.doc), c.ifNoneMatch === undefined ? {} : { ifNoneMatch: c.ifNoneMatch }).then((r) => {
          const outcome: Sync.FetchOutcome =
            r._tag === 'Ok'
              ? { _tag: 'Ok', ...(r.etag === undefined ? {} : { etag: r.etag }), body: r.text }
              : r._tag === 'NotModified'
                ? { _tag: 'NotModified' }
                : r._tag === 'NotFound'
                  ? { _tag: 'NotFound' }
                  : failed(r)
          dispatch({ _tag: 'Fetched', req: c.req, outcome })
        })
        return
      case 'Put':
      case 'Delete': {
        const star = (options.createPrecondition === 'quoted-star' ? '"*"' : '*') as '*'
        const pending =
          c._tag === 'Put'
            ? xcap.putDocument(ref(c.doc), c.body, c.ifMatch !== undefined ? { ifMatch: c.ifMatch } : { ifNoneMatch: star })
            : xcap.deleteDocument(ref(c.doc), { ifMatch: c.ifMatch })
        void pending.then((r) => {
          const outcome: Sync.WriteOutcome =
            r._tag === 'Ok'
              ? { _tag: 'Ok', ...(r.etag === undefined ? {} : { etag: r.etag }) }
              : r._tag === 'PreconditionFailed'
                ? { _tag: 'PreconditionFailed' }
                : r._tag === 'Conflict'
                  ? { _tag: 'Conflict', ...(r.contentType === undefined ? {} : { contentType: r.contentType }), body: r.text }
                  : r._tag === 'NotFound'
                    ? { _tag: 'NotFound' }
                    : failed(r)
          dispatch({ _tag: 'Written', req: c.req, outcome })
        })
        return
      }
      case 'StartTimer':
        handles.set(
          c.id,
          timers.set(() => {
            handles.delete(c.id)
            dispatch({ _tag: 'Timer', id: c.id })
          }, c.ms)
        )
        return
      case 'CancelTimer': {
        const h = handles.get(c.id)
        if (h !== undefined) timers.clear(h)
        handles.delete(c.id)
        return
      }
      case 'SaveJournal':
        persist(() => storage.write(Storage.JOURNAL, Operations.encodeJournal(c.journal)))
        return
      case 'SaveDocument':
        persist(() => storage.write(Storage.documentKey(c.doc), Storage.documentRecord(c.etag, c.text)))
        return
      case 'ForgetDocument':
        persist(() => storage.remove(Storage.documentKey(c.doc)))
        return
      case 'Subscribe':
        options.onSubscribe?.(c.body)
        return
      case 'Notice':
        tell(c.notice)
        return
    }
  }

  function dispatch(e: Sync.Event): void {
    queue.push(e)
    if (running) return
    running = true
    try {
      while (queue.length > 0) {
        const next = queue.shift() as Sync.Event
        const [s, commands] = Sync.step(state, next)
        state = s
        for (const c of commands) execute(c)
      }
    } finally {
      running = false
    }
    for (const w of [...waiters]) w()
  }

  return {
    start: async () => {
      if (state.phase !== 'stopped') return
      const { restored, problems } = await Storage.load(storage)
      for (const p of problems) tell({ _tag: 'StorageFailed', message: p })
      dispatch({ _tag: 'Start', restored })
    },
    stop: async () => {
      dispatch({ _tag: 'Stop' })
      for (const h of handles.values()) timers.clear(h)
      handles.clear()
      await writes
    },
    edit: (...ops) => dispatch({ _tag: 'Edit', ops }),
    notification: (body) => dispatch({ _tag: 'Notification', body }),
    subscriptionChanged: (started) => dispatch({ _tag: started ? 'SubscriptionStarted' : 'SubscriptionEnded' }),
    refresh: () => dispatch({ _tag: 'Refresh' }),
    repair: (doc) => dispatch({ _tag: 'Repair', doc }),
    releaseQuarantined: (replay) => dispatch({ _tag: 'ReleaseQuarantined', replay }),
    subscribe: (l) => {
      listeners.add(l)
      return () => {
        listeners.delete(l)
      }
    },
    state: () => state,
    model: () => state.model,
    subscriptionBody: () => Sync.subscriptionBody(state),
    until: (pred, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (pred(state)) return resolve(state)
        const check = (): void => {
          if (!pred(state)) return
          done()
          resolve(state)
        }
        const timer = setTimeout(() => {
          done()
          reject(new Error(`timeout after ${timeoutMs} ms; phase ${state.phase}, ${state.pending.size} requests pending`))
        }, timeoutMs)
        const done = (): void => {
          clearTimeout(timer)
          waiters.delete(check)
        }
        waiters.add(check)
      })
  }
}

// -------------------------------------------------------------------------------------
// a server in memory
// -------------------------------------------------------------------------------------


const response = (status: number, headers: Record<string, string> = {}, body = ''): Awaited<ReturnType<Client.Fetch>> => {
  const bytes = new TextEncoder().encode(body)
  const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return { status, headers: { get: (n) => h.get(n.toLowerCase()) ?? null }, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }
}

const header = (headers: Readonly<Record<string, string>>, name: string): string | undefined => {
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name) return headers[k]
  return undefined
}

const quoted = (etag: string): string => `"${etag}"`

/** Whether a precondition's entity tags (`"a", "b"` or `*`) name this ETag. */
const names = (condition: string, etag: string): boolean =>
  condition
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t === quoted(etag))

/**
 * An XCAP server in memory, behind a `fetch` (the signature the XCAP client takes): whole documents by URI, with the
 * ETags and preconditions of RFC 4825 §7 (conditional GET, `If-Match` and `If-None-Match: *` on PUT and DELETE, 201
 * for a creating PUT), the `xcap-caps` document listing the AUIDs given (default: every document of the address
 * book), and xcap-diff: after every write it hands a document-level xcap-diff (RFC 5874) to the listeners of the
 * document's owner, later (as a NOTIFY would arrive), as an XCAP server integrated with a presence server notifies the
 * owner's `xcap-diff` subscribers. For running the address book without a server (tests, demonstrations, a user
 * interface's development); node selectors are not served (501).
 *
 * @example
 * import * as Runner from 'sip-simple-payloads/addressbook/Runner'
 * const server = Runner.memoryServer({ root: 'https://xcap.example.com/xcap-root' })
 * const book = Runner.runner({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com', fetch: server.fetch })
 * server.subscribe('sip:alice@example.com', book.notification)
 * await book.start()
 * await book.until(Runner.idle)
 * server.documents().size // 4: resource-lists, rls-services, pres-rules, dialog-rules
 * await book.stop()
 *
 * @category constructors
 * @since 0.2.0
 */
export const memoryServer = (options: { readonly root: string; readonly auids?: ReadonlyArray<string> }): MemoryServer => {
  const root = options.root.replace(/\/+$/, '')
  const auids = options.auids ?? [...Documents.NAMES.map((n) => Documents.usages[n].auid), 'xcap-caps']
  const docs = new Map<string, StoredDocument>()
  const served: Array<Served> = []
  const listeners = new Map<string, Set<(body: string) => void>>()
  let counter = 0

  const notify = (path: string, previous: string | undefined, next: string | undefined): void => {
    const m = /^[^/]+\/users\/([^/]+)\//.exec(path)
    if (m === null) return
    const xui = decodeURIComponent(m[1])
    const body = XcapDiff.document.encode(
      XcapDiff.xcapDiff(`${root}/`, [
        { _tag: 'Document', document: { sel: path, ...(next === undefined ? {} : { newEtag: next }), ...(previous === undefined ? {} : { previousEtag: previous }), patch: [] } }
      ])
    )
    // delivered later, as a NOTIFY would be
    for (const l of [...(listeners.get(xui) ?? [])]) queueMicrotask(() => l(body))
  }

  const caps = (): string =>
    `<?xml version="1.0" encoding="UTF-8"?><xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps"><auids>${auids.map((a) => `<auid>${a}</auid>`).join('')}</auids><extensions/><namespaces/></xcap-caps>`

  const handle = (url: string, init: Parameters<Client.Fetch>[1]): Awaited<ReturnType<Client.Fetch>> => {
    if (!url.startsWith(`${root}/`)) return response(404)
    const path = url.slice(root.length + 1)
    const auid = path.split('/')[0]
    if (path.includes('/~~/')) return response(501)
    if (!auids.includes(auid)) return response(404)
    if (path === 'xcap-caps/global/index') return init.method === 'GET' ? response(200, { 'Content-Type': 'application/xcap-caps+xml' }, caps()) : response(405, { Allow: 'GET' })
    const held = docs.get(path)
    const ifMatch = header(init.headers, 'if-match')
    const ifNoneMatch = header(init.headers, 'if-none-match')
    switch (init.method) {
      case 'GET':
        if (held === undefined) return response(404)
        if (ifNoneMatch !== undefined && names(ifNoneMatch, held.etag)) return response(304, { ETag: quoted(held.etag) })
        return response(200, { ETag: quoted(held.etag), 'Content-Type': held.contentType }, held.text)
      case 'PUT': {
        if (ifMatch !== undefined && (held === undefined || !names(ifMatch, held.etag))) return response(412)
        if (ifNoneMatch !== undefined && held !== undefined && names(ifNoneMatch, held.etag)) return response(412)
        const etag = `m${++counter}`
        docs.set(path, { etag, text: init.body ?? '', contentType: header(init.headers, 'content-type') ?? 'application/xml' })
        notify(path, held?.etag, etag)
        return response(held === undefined ? 201 : 200, { ETag: quoted(etag) })
      }
      case 'DELETE':
        if (held === undefined) return response(404)
        if (ifMatch !== undefined && !names(ifMatch, held.etag)) return response(412)
        docs.delete(path)
        notify(path, held.etag, undefined)
        return response(200)
    }
  }

  return {
    fetch: async (url, init) => {
      const r = handle(url, init)
      served.push({ method: init.method, path: url.slice(root.length + 1), headers: init.headers, status: r.status })
      return r
    },
    documents: () => new Map(docs),
    served: () => served.slice(),
    subscribe: (xui, listener) => {
      const set = listeners.get(xui) ?? new Set()
      set.add(listener)
      listeners.set(xui, set)
      return () => {
        set.delete(listener)
      }
    }
  }
}
