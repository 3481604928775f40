/**
 * An XCAP client (RFC 4825): GET, PUT and DELETE of whole documents (§7.1–§7.3), of elements (§7.4–§7.6) and of
 * attributes (§7.7–§7.9) selected by a node selector (§6.3), over an injected `fetch` (the standard signature; the
 * HTTP stack, authentication included, is the caller's). Documents are addressed by application usage, XUI and
 * document path (§6.2) or by a full URI; node selectors are given as the RFC writes them
 * (`resource-lists/list[@name="friends"]`), read and printed by the `Selector` module (percent-encoded, in their
 * canonical form), with the `?xmlns(p=uri)` query for the prefixes they use (§6.4).
 *
 * Outcomes are values (a `_tag` union), never exceptions: `Ok`, `NotModified` (304), `PreconditionFailed` (412),
 * `Conflict` (409, with the `application/xcap-error+xml` body of §11 decoded by an injected decoder), `NotFound`,
 * `Unauthorized`, other `HttpError`s, `TransportError` (the fetch failed) and `InvalidRequest` (nothing was sent).
 * ETags come back with every outcome whose response had one, without their quotes; preconditions send them quoted.
 * Transport errors and 5xx answers are retried, with exponential backoff and jitter, only for requests that are safe
 * to repeat: GET, DELETE, element and attribute PUT (RFC 4825 makes node-level writes idempotent, §7.4, §7.5) and
 * document PUT with a precondition; never a 412, a 409 or another 4xx. The server's capabilities (§12, the
 * `xcap-caps` document) are fetched once and cached.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import type { Problem } from '../codec/DecodeError.js'
import type { XmlDocumentCodec } from '../codec/Document.js'
import * as Xml from '../xml/Ast.js'
import { parse, renderParseError } from '../xml/Parser.js'
import { print } from '../xml/Printer.js'
import type { XmlCodec } from '../codec/Codec.js'
import { applicationUsage, documentUri, type ApplicationUsage } from './ApplicationUsage.js'
import * as Selector from './Selector.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What the client hands to `fetch` (a subset of the standard `RequestInit`).
 *
 * @category model
 * @since 0.2.0
 */
export interface FetchInit {
  readonly method: 'GET' | 'PUT' | 'DELETE'
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** Always `no-store`: a browser cache must not answer for the server (a stale copy would never match its ETag). */
  readonly cache: 'no-store'
}

/**
 * What the client reads from a `fetch` response (a subset of the standard `Response`).
 *
 * @category model
 * @since 0.2.0
 */
export interface FetchResponse {
  readonly status: number
  readonly headers: { readonly get: (name: string) => string | null }
  readonly arrayBuffer: () => Promise<ArrayBuffer>
}

/**
 * A `fetch`: the global one of browsers and Node 20 fits, and so does a fake in tests.
 *
 * @category model
 * @since 0.2.0
 */
export type Fetch = (url: string, init: FetchInit) => Promise<FetchResponse>

/**
 * The retry policy: at most `attempts` tries in all (default 4), the n-th retry waiting between half and all of
 * `min(maxDelayMs, baseDelayMs * 2^n)` (defaults 200 ms and 5 s), or what a `Retry-After` asks, up to `maxDelayMs`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Retry {
  readonly attempts?: number
  readonly baseDelayMs?: number
  readonly maxDelayMs?: number
}

/**
 * The options of a client. `decodeError` reads the body of a 409 sent as `application/xcap-error+xml` (RFC 4825
 * §11); `sleep` and `random` are injected for tests (defaults: `setTimeout`, `Math.random`).
 *
 * @category model
 * @since 0.2.0
 */
export interface ClientOptions<X> {
  /** The XCAP root, e.g. `https://xcap.example.com/xcap-root` (a trailing `/` is dropped). */
  readonly root: string
  readonly fetch: Fetch
  readonly retry?: Retry
  readonly sleep?: (ms: number) => Promise<void>
  /** A number in [0, 1). */
  readonly random?: () => number
  readonly decodeError?: (body: string) => X
}

/**
 * A document: by application usage, XUI (left out for the global tree) and document path (default: the usage's
 * `document`), or by its full URI (already escaped; `mimeType` is needed to PUT it).
 *
 * @category model
 * @since 0.2.0
 */
export type DocumentRef =
  | { readonly usage: ApplicationUsage; readonly xui?: string; readonly document?: string }
  | { readonly uri: string; readonly mimeType?: string }

/**
 * A document that can be PUT: its MIME type is known.
 *
 * @category model
 * @since 0.2.0
 */
export type DocumentPutRef =
  | { readonly usage: ApplicationUsage; readonly xui?: string; readonly document?: string }
  | { readonly uri: string; readonly mimeType: string }

/**
 * A node of a document: the node selector as RFC 4825 §6.3 writes it, unescaped and without the leading `~~/`
 * (`resource-lists/list[@name="friends"]/entry[1]`, ending in `/@name` for an attribute), and the namespace bindings
 * of the prefixes it uses (unprefixed element names mean the application usage's default namespace). The selector
 * must be one `Selector.parse` reads; it is sent in the canonical form `Selector.print` writes.
 *
 * @category model
 * @since 0.2.0
 */
export interface NodeRef {
  readonly doc: DocumentRef
  readonly selector: string
  readonly namespaces?: Readonly<Record<string, string>>
}

/**
 * Options of a GET: `ifNoneMatch` is the ETag of the copy the caller has (sent quoted; a match gives `NotModified`).
 *
 * @category model
 * @since 0.2.0
 */
export interface GetOptions {
  readonly ifNoneMatch?: string
}

/**
 * Options of a PUT: `ifMatch` replaces only the version with this ETag; `ifNoneMatch: '*'` only creates.
 *
 * @category model
 * @since 0.2.0
 */
export interface PutOptions {
  readonly ifMatch?: string
  readonly ifNoneMatch?: '*'
}

/**
 * Options of a DELETE: `ifMatch` deletes only from the version with this ETag.
 *
 * @category model
 * @since 0.2.0
 */
export interface DeleteOptions {
  readonly ifMatch?: string
}

/**
 * A document decoder: any XML document codec fits.
 *
 * @category model
 * @since 0.2.0
 */
export type Decoder<A> = Pick<XmlDocumentCodec<A>, 'decode'>

/**
 * A 2xx answer: status, ETag (unquoted), content type, and the body as text (UTF-8) and bytes.
 *
 * @category model
 * @since 0.2.0
 */
export interface Ok {
  readonly _tag: 'Ok'
  readonly status: number
  readonly etag?: string
  readonly contentType?: string
  readonly text: string
  readonly bytes: Uint8Array
}

/**
 * A document read with a codec: also its decode result.
 *
 * @category model
 * @since 0.2.0
 */
export interface DocumentOk<A> extends Ok {
  readonly decoded: E.Either<ReadonlyArray<Problem>, A>
}

/**
 * An attribute read: also its value, the body's entity and character references resolved.
 *
 * @category model
 * @since 0.2.0
 */
export interface AttributeOk extends Ok {
  readonly value: string
}

/**
 * What an `xcap-caps` document lists (RFC 4825 §12.2): the AUIDs, extensions and namespaces the server supports.
 *
 * @category model
 * @since 0.2.0
 */
export interface Capabilities {
  readonly auids: ReadonlyArray<string>
  readonly extensions: ReadonlyArray<string>
  readonly namespaces: ReadonlyArray<string>
}

/**
 * The capabilities document: the answer, and what it lists.
 *
 * @category model
 * @since 0.2.0
 */
export interface CapabilitiesOk extends Ok {
  readonly decoded: E.Either<ReadonlyArray<Problem>, Capabilities>
}

/**
 * 304: the copy named by `If-None-Match` is current.
 *
 * @category model
 * @since 0.2.0
 */
export interface NotModified {
  readonly _tag: 'NotModified'
  readonly status: 304
  readonly etag?: string
}

/**
 * 412: an `If-Match` that no longer matches, or an `If-None-Match: *` on something that exists. Never retried: the
 * caller fetches again and replays its change.
 *
 * @category model
 * @since 0.2.0
 */
export interface PreconditionFailed {
  readonly _tag: 'PreconditionFailed'
  readonly status: 412
  readonly etag?: string
  readonly contentType?: string
  readonly text: string
}

/**
 * 409 (RFC 4825 §11): the request would break the document (not well-formed, schema, uniqueness, no parent, ...).
 * `error` is the `application/xcap-error+xml` body read by the client's `decodeError`, when there are both.
 *
 * @category model
 * @since 0.2.0
 */
export interface Conflict<X> {
  readonly _tag: 'Conflict'
  readonly status: 409
  readonly etag?: string
  readonly contentType?: string
  readonly text: string
  readonly error?: X
}

/**
 * 404: no such document or node.
 *
 * @category model
 * @since 0.2.0
 */
export interface NotFound {
  readonly _tag: 'NotFound'
  readonly status: 404
  readonly etag?: string
  readonly contentType?: string
  readonly text: string
}

/**
 * 401: credentials needed (`challenge` is the `WWW-Authenticate` header).
 *
 * @category model
 * @since 0.2.0
 */
export interface Unauthorized {
  readonly _tag: 'Unauthorized'
  readonly status: 401
  readonly challenge?: string
  readonly etag?: string
  readonly contentType?: string
  readonly text: string
}

/**
 * Any other status (4xx, 5xx after the retries, an unexpected 1xx or 3xx).
 *
 * @category model
 * @since 0.2.0
 */
export interface HttpError {
  readonly _tag: 'HttpError'
  readonly status: number
  readonly etag?: string
  readonly contentType?: string
  readonly text: string
}

/**
 * The `fetch` failed (network, DNS, CORS, an aborted request, a body cut short), after the retries.
 *
 * @category model
 * @since 0.2.0
 */
export interface TransportError {
  readonly _tag: 'TransportError'
  readonly message: string
}

/**
 * The request was not sent: the node selector does not parse, a prefix it uses has no binding, or an ETag is not one.
 *
 * @category model
 * @since 0.2.0
 */
export interface InvalidRequest {
  readonly _tag: 'InvalidRequest'
  readonly message: string
}

/**
 * The outcome of a request: the success `S`, or one of the other answers.
 *
 * @category model
 * @since 0.2.0
 */
export type Outcome<S, X = unknown> =
  | S
  | NotModified
  | PreconditionFailed
  | Conflict<X>
  | NotFound
  | Unauthorized
  | HttpError
  | TransportError
  | InvalidRequest

/**
 * An XCAP client (see {@link client}).
 *
 * @category model
 * @since 0.2.0
 */
export interface Client<X = unknown> {
  /** The XCAP root, without a trailing `/`. */
  readonly root: string
  /** GET a document (RFC 4825 §7.3); with a `codec`, also its decode result. */
  readonly getDocument: {
    <A>(doc: DocumentRef, options: GetOptions & { readonly codec: Decoder<A> }): Promise<Outcome<DocumentOk<A>, X>>
    (doc: DocumentRef, options?: GetOptions): Promise<Outcome<Ok, X>>
  }
  /** PUT a document (§7.1, §7.2) as the application usage's MIME type. */
  readonly putDocument: (doc: DocumentPutRef, body: string, options?: PutOptions) => Promise<Outcome<Ok, X>>
  /** DELETE a document (§7.3). */
  readonly deleteDocument: (doc: DocumentRef, options?: DeleteOptions) => Promise<Outcome<Ok, X>>
  /** GET an element (§7.6). */
  readonly getElement: (node: NodeRef, options?: GetOptions) => Promise<Outcome<Ok, X>>
  /** PUT an element (§7.4): the body is the element, as `application/xcap-el+xml`. */
  readonly putElement: (node: NodeRef, element: string, options?: PutOptions) => Promise<Outcome<Ok, X>>
  /** DELETE an element (§7.5). */
  readonly deleteElement: (node: NodeRef, options?: DeleteOptions) => Promise<Outcome<Ok, X>>
  /** GET an attribute (§7.9): the selector ends in `/@name`. */
  readonly getAttribute: (node: NodeRef, options?: GetOptions) => Promise<Outcome<AttributeOk, X>>
  /** PUT an attribute (§7.7): `value` is the plain value; it is sent escaped, as `application/xcap-att+xml`. */
  readonly putAttribute: (node: NodeRef, value: string, options?: PutOptions) => Promise<Outcome<Ok, X>>
  /** DELETE an attribute (§7.8). */
  readonly deleteAttribute: (node: NodeRef, options?: DeleteOptions) => Promise<Outcome<Ok, X>>
  /** The server's `xcap-caps` document (§12), fetched once: a successful answer is kept for later calls. */
  readonly capabilities: () => Promise<Outcome<CapabilitiesOk, X>>
}

// -------------------------------------------------------------------------------------
// URIs
// -------------------------------------------------------------------------------------

/**
 * The URI of a document: the full URI as given, or `<root>/<auid>/users/<xui>/<document>` (RFC 4825 §6.2).
 *
 * @category URIs
 * @since 0.2.0
 */
export const documentUriOf = (root: string, doc: DocumentRef): string =>
  'uri' in doc ? doc.uri : documentUri(root, doc.usage, doc.xui, doc.document)

/** The namespaces of a node as selector bindings: the record's own properties that are strings. */
const bindingsOf = (namespaces: NodeRef['namespaces']): Selector.Bindings =>
  new Map(
    typeof namespaces === 'object' && namespaces !== null
      ? Object.entries(namespaces).filter((e): e is [string, string] => typeof e[1] === 'string')
      : []
  )

const render = (p: Problem): string => `${p.path}: ${p.message}`

/**
 * The URI of a node (RFC 4825 §6): `<document URI>/~~/<node selector>[?xmlns(...)]`, built by `Selector.nodeUri` from
 * the selector read with `Selector.parse` (a leading `/` is dropped; the selector goes in its canonical form) and the
 * namespaces as bindings. A selector that does not parse, or a prefix it uses without a binding, is an error.
 *
 * @example
 * import { nodeUri } from 'sip-simple-payloads/xcap/Client'
 * nodeUri('http://h/r', { doc: { uri: 'http://h/r/d' }, selector: "a/b[@c='d e']" })
 * // right: 'http://h/r/d/~~/a/b%5B@c=%22d%20e%22%5D'
 *
 * @category URIs
 * @since 0.2.0
 */
export const nodeUri = (root: string, node: NodeRef): E.Either<string, string> => {
  const text = node.selector
  const sel = Selector.parse(typeof text === 'string' && text.startsWith('/') ? text.slice(1) : text)
  if (E.isLeft(sel)) return E.left(render(sel.left))
  const base = documentUriOf(root, node.doc)
  const doc = base.endsWith('/') ? base.slice(0, -1) : base
  return E.mapLeft(render)(Selector.nodeUri(doc, sel.right, bindingsOf(node.namespaces)))
}

// -------------------------------------------------------------------------------------
// bodies
// -------------------------------------------------------------------------------------

/**
 * An element as the body of an element PUT (RFC 4825 §7.4, `application/xcap-el+xml`): the value encoded by its
 * element codec (a rule, an entry, a service, ...), printed without an XML declaration, its namespaces declared on it.
 *
 * @example
 * import { elementBody } from 'sip-simple-payloads/xcap/Client'
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * elementBody(ResourceLists.Entry, ResourceLists.entry('sip:bob@example.com'))
 * // '<entry xmlns="urn:ietf:params:xml:ns:resource-lists" uri="sip:bob@example.com"/>'
 *
 * @category URIs
 * @since 0.2.0
 */
export const elementBody = <A>(codec: XmlCodec<A>, value: A): string => print(codec.encode(value), { declaration: false })

/**
 * An attribute value as the body of an attribute PUT (RFC 4825 §7.7: the `AttValue` of XML without its quotes):
 * `&`, `<`, `"`, `'` and the white space characters that XML would normalise are written as references.
 *
 * @category URIs
 * @since 0.2.0
 */
export const escapeAttributeValue = (value: string): string =>
  value.replace(/[&<"'\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : `&#${c.charCodeAt(0)};`
  )

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * The value of an attribute body: the predefined entities and character references resolved (anything else, a
 * server's unescaped text included, stays as it is).
 *
 * @category URIs
 * @since 0.2.0
 */
export const unescapeAttributeValue = (body: string): string =>
  body.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (m, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref]
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
    return code <= 0x10ffff ? String.fromCodePoint(code) : m
  })

// -------------------------------------------------------------------------------------
// capabilities
// -------------------------------------------------------------------------------------

const CAPS_NS = 'urn:ietf:params:xml:ns:xcap-caps'
const capsUsage = /*#__PURE__*/ applicationUsage({
  auid: 'xcap-caps',
  namespace: CAPS_NS,
  mimeType: 'application/xcap-caps+xml',
  tree: 'global'
})

/**
 * Reads what an `xcap-caps` document lists (RFC 4825 §12.2): the texts of the `auid`, `extension` and `namespace`
 * elements of its `auids`, `extensions` and `namespaces`, trimmed, in document order. A small reader, until the typed
 * xcap-caps format replaces it.
 *
 * @category URIs
 * @since 0.2.0
 */
export const readCapabilities = (input: string | Uint8Array): E.Either<ReadonlyArray<Problem>, Capabilities> => {
  const doc = parse(input)
  if (E.isLeft(doc)) return E.left([{ path: '', message: renderParseError(doc.left) }])
  const root = doc.right
  if (root.name.ns !== CAPS_NS || root.name.local !== 'xcap-caps')
    return E.left([
      { path: '', message: `expected an xcap-caps document, got <${root.name.local}> in "${root.name.ns}"` }
    ])
  const texts = (list: string, item: string): ReadonlyArray<string> =>
    Xml.elements(root)
      .filter((e) => e.name.ns === CAPS_NS && e.name.local === list)
      .flatMap((e) => Xml.elements(e).filter((c) => c.name.ns === CAPS_NS && c.name.local === item))
      .map((c) => Xml.textOf(c).trim())
  return E.right({
    auids: texts('auids', 'auid'),
    extensions: texts('extensions', 'extension'),
    namespaces: texts('namespaces', 'namespace')
  })
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const EL = 'application/xcap-el+xml'
const ATT = 'application/xcap-att+xml'
const XCAP_ERROR = 'application/xcap-error+xml'

/** RFC 9110 `etagc`: `!` and `#`–`~` and obs-text. */
const ETAG_CHARS = /^[\x21\x23-\x7e\x80-\xff]*$/

/** An ETag as a header value: quoted (a quoted or weak tag is kept as it is); undefined when it cannot be one. */
const quoteEtag = (etag: string): string | undefined => {
  const m = /^(W\/)?"(.*)"$/.exec(etag)
  const opaque = m === null ? etag : m[2]
  if (!ETAG_CHARS.test(opaque)) return undefined
  return m === null ? `"${etag}"` : etag
}

/** An ETag header as returned to the caller: a strong tag without its quotes, a weak one as it is. */
const unquoteEtag = (header: string): string => {
  const m = /^"(.*)"$/.exec(header.trim())
  return m === null ? header.trim() : m[1]
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const count = (n: unknown, fallback: number, min: number): number =>
  typeof n === 'number' && Number.isFinite(n) ? Math.max(min, Math.floor(n)) : fallback

interface Request {
  readonly method: 'GET' | 'PUT' | 'DELETE'
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /** Safe to send again after a transport error or a 5xx. */
  readonly idempotent: boolean
}

type Raw =
  | {
      readonly _tag: 'Response'
      readonly status: number
      readonly headers: FetchResponse['headers']
      readonly bytes: Uint8Array
    }
  | TransportError

const message = (e: unknown): string => {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause
    return cause instanceof Error && cause.message !== '' && cause.message !== e.message
      ? `${e.message}: ${cause.message}`
      : e.message
  }
  return String(e)
}

/** 5xx worth another try: not 501 (Not Implemented) nor 505 (HTTP Version Not Supported), which will not change. */
const transient = (status: number): boolean => status >= 500 && status <= 599 && status !== 501 && status !== 505

/**
 * An XCAP client over an injected `fetch` (see the module's documentation). Its methods never throw; their outcomes
 * are values.
 *
 * @example
 * import { client } from 'sip-simple-payloads/xcap/Client'
 * import { applicationUsage } from 'sip-simple-payloads/xcap/ApplicationUsage'
 * const rl = applicationUsage({
 *   auid: 'resource-lists',
 *   namespace: 'urn:ietf:params:xml:ns:resource-lists',
 *   mimeType: 'application/resource-lists+xml'
 * })
 * const offline = async () => {
 *   throw new Error('offline')
 * }
 * const xcap = client({ root: 'https://xcap.example.com/xcap-root', fetch: offline, retry: { attempts: 1 } })
 * const r = await xcap.getElement({
 *   doc: { usage: rl, xui: 'sip:alice@example.com' },
 *   selector: 'resource-lists/list[@name="friends"]/entry[@uri="sip:bob@example.com"]'
 * })
 * // GET https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/
 * //     list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:bob@example.com%22%5D
 * // r: { _tag: 'TransportError', message: 'offline' }
 *
 * @category constructors
 * @since 0.2.0
 */
export const client = <X = unknown>(options: ClientOptions<X>): Client<X> => {
  const root = options.root.endsWith('/') ? options.root.slice(0, -1) : options.root
  const attempts = count(options.retry?.attempts, 4, 1)
  const baseDelayMs = count(options.retry?.baseDelayMs, 200, 0)
  const maxDelayMs = count(options.retry?.maxDelayMs, 5000, 0)
  const sleep = options.sleep ?? defaultSleep
  const random = options.random ?? Math.random
  const decodeError = options.decodeError

  const once = async (req: Request): Promise<Raw> => {
    try {
      const init: FetchInit =
        req.body === undefined
          ? { method: req.method, headers: req.headers, cache: 'no-store' }
          : { method: req.method, headers: req.headers, body: req.body, cache: 'no-store' }
      const res = await options.fetch(req.url, init)
      const bytes = new Uint8Array(await res.arrayBuffer())
      return { _tag: 'Response', status: res.status, headers: res.headers, bytes }
    } catch (e) {
      return { _tag: 'TransportError', message: message(e) }
    }
  }

  const delay = (retry: number, raw: Raw): number => {
    const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** retry)
    const r = random()
    const jittered = Math.round(cap / 2 + (Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0) * (cap / 2))
    const after = raw._tag === 'Response' ? raw.headers.get('retry-after') : null
    return after !== null && /^\s*\d+\s*$/.test(after)
      ? Math.min(maxDelayMs, Math.max(jittered, Number(after) * 1000))
      : jittered
  }

  const send = async (req: Request): Promise<Raw> => {
    let raw = await once(req)
    for (let retry = 0; retry + 1 < attempts && req.idempotent; retry++) {
      if (raw._tag === 'Response' && !transient(raw.status)) break
      await sleep(delay(retry, raw))
      raw = await once(req)
    }
    return raw
  }

  /** The outcome of an answer, the success built by `ok` from the 2xx answer. */
  const classify = <S>(raw: Raw, ok: (o: Ok) => S): Outcome<S, X> => {
    if (raw._tag === 'TransportError') return raw
    const status = raw.status
    const etagHeader = raw.headers.get('etag')
    const contentType = raw.headers.get('content-type')
    const meta = {
      ...(etagHeader === null ? {} : { etag: unquoteEtag(etagHeader) }),
      ...(contentType === null ? {} : { contentType })
    }
    const text = new TextDecoder('utf-8').decode(raw.bytes)
    if (status >= 200 && status <= 299) return ok({ _tag: 'Ok', status, ...meta, text, bytes: raw.bytes })
    switch (status) {
      case 304:
        return { _tag: 'NotModified', status, ...(meta.etag === undefined ? {} : { etag: meta.etag }) }
      case 401: {
        const challenge = raw.headers.get('www-authenticate')
        return { _tag: 'Unauthorized', status, ...(challenge === null ? {} : { challenge }), ...meta, text }
      }
      case 404:
        return { _tag: 'NotFound', status, ...meta, text }
      case 409: {
        const isXcapError = contentType !== null && contentType.split(';')[0].trim().toLowerCase() === XCAP_ERROR
        let error: { readonly error: X } | undefined
        if (isXcapError && decodeError !== undefined) {
          try {
            error = { error: decodeError(text) }
          } catch {
            error = undefined
          }
        }
        return { _tag: 'Conflict', status, ...meta, text, ...error }
      }
      case 412:
        return { _tag: 'PreconditionFailed', status, ...meta, text }
      default:
        return { _tag: 'HttpError', status, ...meta, text }
    }
  }

  const invalid = (m: string): InvalidRequest => ({ _tag: 'InvalidRequest', message: m })

  /** The precondition headers, or why one cannot be sent. */
  type Conditions = { readonly ifMatch?: string; readonly ifNoneMatch?: string } | undefined
  const preconditions = (o: Conditions): E.Either<string, Record<string, string>> => {
    const h: Record<string, string> = {}
    if (o?.ifMatch !== undefined) {
      const q = typeof o.ifMatch === 'string' ? quoteEtag(o.ifMatch) : undefined
      if (q === undefined) return E.left(`expected an entity tag for If-Match, got ${JSON.stringify(o.ifMatch)}`)
      h['If-Match'] = q
    }
    if (o?.ifNoneMatch !== undefined) {
      const q = o.ifNoneMatch === '*' ? '*' : typeof o.ifNoneMatch === 'string' ? quoteEtag(o.ifNoneMatch) : undefined
      if (q === undefined)
        return E.left(`expected an entity tag for If-None-Match, got ${JSON.stringify(o.ifNoneMatch)}`)
      h['If-None-Match'] = q
    }
    return E.right(h)
  }

  const run = async <S>(
    method: 'GET' | 'PUT' | 'DELETE',
    url: E.Either<string, string>,
    conditions: Conditions,
    content: { readonly type: string; readonly body: string } | undefined,
    idempotent: boolean,
    ok: (o: Ok) => S
  ): Promise<Outcome<S, X>> => {
    if (E.isLeft(url)) return invalid(url.left)
    const pre = preconditions(conditions)
    if (E.isLeft(pre)) return invalid(pre.left)
    const headers = content === undefined ? pre.right : { ...pre.right, 'Content-Type': content.type }
    const req: Request =
      content === undefined
        ? { method, url: url.right, headers, idempotent }
        : { method, url: url.right, headers, body: content.body, idempotent }
    return classify(await send(req), ok)
  }

  const same = (o: Ok): Ok => o
  const docUrl = (doc: DocumentRef): E.Either<string, string> => E.right(documentUriOf(root, doc))
  const hasPrecondition = (o: PutOptions | undefined): boolean =>
    o?.ifMatch !== undefined || o?.ifNoneMatch !== undefined
  const withValue = (ok: Ok): AttributeOk => ({ ...ok, value: unescapeAttributeValue(ok.text) })

  type WithCodec<A> = GetOptions & { readonly codec: Decoder<A> }
  function getDocument<A>(doc: DocumentRef, o: WithCodec<A>): Promise<Outcome<DocumentOk<A>, X>>
  function getDocument(doc: DocumentRef, o?: GetOptions): Promise<Outcome<Ok, X>>
  function getDocument(doc: DocumentRef, o?: GetOptions & { readonly codec?: Decoder<unknown> }) {
    const codec = o?.codec
    const ok = codec === undefined ? same : (r: Ok): DocumentOk<unknown> => ({ ...r, decoded: codec.decode(r.bytes) })
    return run('GET', docUrl(doc), o, undefined, true, ok)
  }

  let caps: Promise<Outcome<CapabilitiesOk, X>> | undefined

  return {
    root,
    getDocument,
    putDocument: (doc, body, o) => {
      const type = 'uri' in doc ? doc.mimeType : doc.usage.mimeType
      return run('PUT', docUrl(doc), o, { type, body }, hasPrecondition(o), same)
    },
    deleteDocument: (doc, o) => run('DELETE', docUrl(doc), o, undefined, true, same),
    getElement: (node, o) => run('GET', nodeUri(root, node), o, undefined, true, same),
    putElement: (node, element, o) => run('PUT', nodeUri(root, node), o, { type: EL, body: element }, true, same),
    deleteElement: (node, o) => run('DELETE', nodeUri(root, node), o, undefined, true, same),
    getAttribute: (node, o) => run('GET', nodeUri(root, node), o, undefined, true, withValue),
    putAttribute: (node, value, o) =>
      run('PUT', nodeUri(root, node), o, { type: ATT, body: escapeAttributeValue(value) }, true, same),
    deleteAttribute: (node, o) => run('DELETE', nodeUri(root, node), o, undefined, true, same),
    capabilities: () => {
      if (caps !== undefined) return caps
      const withCaps = (ok: Ok): CapabilitiesOk => ({ ...ok, decoded: readCapabilities(ok.bytes) })
      const pending = run('GET', docUrl({ usage: capsUsage }), undefined, undefined, true, withCaps)
      caps = pending.then((r) => {
        if (r._tag !== 'Ok') caps = undefined
        return r
      })
      return caps
    }
  }
}
