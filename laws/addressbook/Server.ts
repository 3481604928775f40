/**
 * An XCAP server in memory, behind a `fetch` (the signature the XCAP client takes): whole documents by URI, with the
 * ETags and preconditions of RFC 4825 §7 (conditional GET, `If-Match` and `If-None-Match: *` on PUT and DELETE, 201
 * for a creating PUT), the `xcap-caps` document, and xcap-diff: after every write it hands a document-level xcap-diff
 * (RFC 5874) to the listeners of the document's owner, as an XCAP server integrated with a presence server notifies
 * the owner's `xcap-diff` subscribers. For tests and demonstrations of the address book without a server; node
 * selectors are not served (501).
 *
 * @example
 * import { AddressBookSync } from 'sip-simple-payloads/laws'
 * const server = AddressBookSync.Server.memory({ root: 'https://xcap.example.com/xcap-root' })
 * const r = await server.fetch('https://xcap.example.com/xcap-root/xcap-caps/global/index', { method: 'GET', headers: {}, cache: 'no-store' })
 * r.status // 200
 *
 * @since 0.2.0
 */
import * as Documents from '../../src/addressbook/Documents.js'
import * as XcapDiff from '../../src/formats/XcapDiff.js'
import type * as Client from '../../src/xcap/Client.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A document the server holds.
 *
 * @category model
 * @since 0.2.0
 */
export interface Stored {
  readonly etag: string
  readonly text: string
  readonly contentType: string
}

/**
 * A request the server answered.
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
 * The server: its `fetch`, the documents it holds (by path relative to the root), the requests it answered, and
 * xcap-diff listeners per owner.
 *
 * @category model
 * @since 0.2.0
 */
export interface MemoryServer {
  readonly fetch: Client.Fetch
  readonly documents: () => ReadonlyMap<string, Stored>
  readonly served: () => ReadonlyArray<Served>
  /** Calls `listener` with the body of an xcap-diff notification after each change to a document of `xui`. */
  readonly subscribe: (xui: string, listener: (body: string) => void) => () => void
}

// -------------------------------------------------------------------------------------
// constructors
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
 * A server in memory for an XCAP root, supporting the AUIDs given (default: every document of the address book).
 *
 * @category constructors
 * @since 0.2.0
 */
export const memory = (options: { readonly root: string; readonly auids?: ReadonlyArray<string> }): MemoryServer => {
  const root = options.root.replace(/\/+$/, '')
  const auids = options.auids ?? [...Documents.NAMES.map((n) => Documents.usages[n].auid), 'xcap-caps']
  const docs = new Map<string, Stored>()
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
