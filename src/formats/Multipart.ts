/**
 * `multipart/related` bodies (RFC 2387, with the multipart syntax of RFC 2046 §5.1): the NOTIFY bodies of resource
 * list subscriptions (RFC 4662 §5), whose root part is an RLMI document and whose other parts carry the state of each
 * resource (PIDF, dialog-info, message-summary, a nested list...). The document codec is built over a registry of part
 * formats (`documentWith(formats)`): a part whose media type a format has is decoded by it into a typed value, a
 * nested `multipart/*` part is decoded recursively, and any other part stays as its bytes with its headers (a signed
 * `multipart/signed` part, a `pkcs7-signature`, a type nobody registered), so that a relay can pass it on unchanged.
 *
 * What is read: the boundary, `type` and `start` parameters (the root part is the one `start` names, else the first;
 * RFC 2387 §3.1 to §3.3), and for each part its `Content-Type` (with parameters), `Content-ID` (without the angle
 * brackets), `Content-Transfer-Encoding` (`7bit`, `8bit`, `binary` as they are, `base64` and `quoted-printable`
 * decoded, other tokens left encoded) and any other header field, in order. A part's `Content-Length` (which some SIP
 * stacks add) is not kept: framing is by boundary, and a length would be wrong once the part is re-encoded. Bodies
 * with CRLF or bare LF line ends decode alike; the preamble and the epilogue are not content.
 *
 * Where the root part is an RLMI document, its `cid` references are checked both ways: a `cid` naming no part, and a
 * part no `cid` names, are errors (warnings in lenient mode); a part that fails to decode is an error at its
 * Content-ID (`/cid:…/presence/…`), and lenient mode drops it and keeps the rest. `RlsNotification` reads a decoded
 * body as a list with its resources.
 *
 * The wire form of a document is a MIME entity: a header section with its `Content-Type`, a blank line, then the body
 * (the form in which bodies are stored on their own); when the media type came separately (the `Content-Type` of a
 * SIP message: `decodeBody`, or `contentType` in the options), the input is the body alone. `encode` writes the entity
 * with CRLF line ends; `encodeBody` gives the media type and the body apart, for a SIP message, and `encodeBytes` the
 * entity as bytes, for bodies with binary parts (a string can only hold parts whose octets are UTF-8 text). Decoding
 * takes time linear in the size of the input, whatever the nesting, and honours the size and depth limits of every
 * document codec (a nested multipart counts one level towards `maxDepth`, and a part has at most `maxAttributes`
 * header fields).
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import type * as Op from '#monocle-ts/Optional'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Doc from '../codec/Document.js'
import * as MediaType from '../codec/MediaType.js'
import * as Optics from '../codec/Optics.js'
import * as Syntax from '../codec/MultipartSyntax.js'
import * as Read from '../codec/Read.js'
import { expected, type Dropped, type Problem } from '../codec/DecodeError.js'
import * as Xml from '../xml/Ast.js'
import { defaults as parseDefaults, parse } from '../xml/Parser.js'
import * as Rlmi from './Rlmi.js'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'multipart/related'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A header field of a part other than `Content-Type`, `Content-ID`, `Content-Transfer-Encoding` and
 * `Content-Length`: its name as sent, its value unfolded and without surrounding white space.
 *
 * @category model
 * @since 0.2.0
 */
export type Header = Syntax.Header

/**
 * The content of a part decoded by a format of the registry: the format's id and the value.
 *
 * @category model
 * @since 0.2.0
 */
export interface Decoded<K extends string = string, A = unknown> {
  readonly _tag: 'Decoded'
  readonly format: K
  readonly value: A
}

/**
 * The content of a part no format reads, as its octets (after the transfer encoding, when it is a known one).
 *
 * @category model
 * @since 0.2.0
 */
export interface Bytes {
  readonly _tag: 'Bytes'
  readonly bytes: Uint8Array
}

/**
 * The content of a nested `multipart/*` part (other than `multipart/signed` and `multipart/encrypted`, whose octets
 * must stay as they are): its parts, with the boundary in the part's `contentType`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Nested<D> {
  readonly _tag: 'Multipart'
  readonly parts: ReadonlyNonEmptyArray<Part<D>>
}

/**
 * The content of a part: decoded by a format (`D` is the union of the registry's {@link Decoded} values), a nested
 * multipart, or bytes.
 *
 * @category model
 * @since 0.2.0
 */
export type Body<D> = D | Nested<D> | Bytes

/**
 * A body part (RFC 2046 §5.1): its headers and content.
 *
 * @category model
 * @since 0.2.0
 */
export interface Part<D = Decoded> {
  /** The media type; none means `text/plain; charset=us-ascii` (RFC 2045 §5.2). */
  readonly contentType?: MediaType.MediaType
  /** The Content-ID without its angle brackets: what an RLMI `cid` and the `start` parameter name. */
  readonly contentId?: string
  /** The transfer encoding, in lower case (`binary`, `base64`...). */
  readonly contentTransferEncoding?: string
  /** The other header fields, in order; left out when there are none. */
  readonly headers?: ReadonlyNonEmptyArray<Header>
  readonly body: Body<D>
}

/**
 * A multipart document: its media type (with the `boundary`, and for `multipart/related` the `type` and `start`
 * parameters), the other header fields of the entity, and at least one part.
 *
 * @category model
 * @since 0.2.0
 */
export interface Multipart<D = Decoded> {
  readonly contentType: MediaType.MediaType
  readonly headers?: ReadonlyNonEmptyArray<Header>
  readonly parts: ReadonlyNonEmptyArray<Part<D>>
}

/**
 * A registry of part formats: document codecs by format id.
 *
 * @category model
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Formats = Readonly<Record<string, Doc.DocumentCodec<any>>>

/**
 * The decoded values of a registry's formats, as a union tagged by format id.
 *
 * @category model
 * @since 0.2.0
 */
export type DecodedOf<R extends Formats> = {
  readonly [K in keyof R & string]: Decoded<K, R[K] extends Doc.DocumentCodec<infer A> ? A : never>
}[keyof R & string]

/**
 * A multipart document codec over a registry of part formats.
 *
 * @category model
 * @since 0.2.0
 */
export interface MultipartCodec<D> extends Doc.DocumentCodec<Multipart<D>> {
  /** The part formats. */
  readonly formats: Formats
  /** The id of the format that decodes a part of this media type and content, if any. */
  readonly formatOf: (contentType: MediaType.MediaType, content: Uint8Array) => string | undefined
  /** The entity (header section, blank line, body) as bytes: exact for parts of any octets. */
  readonly encodeBytes: (m: Multipart<D>) => Uint8Array
  /** The `Content-Type` value and the body, for a SIP message. */
  readonly encodeBody: (m: Multipart<D>) => { readonly contentType: string; readonly body: Uint8Array }
}

// -------------------------------------------------------------------------------------
// parts of the registry
// -------------------------------------------------------------------------------------

type AnyCodec = Doc.DocumentCodec<unknown>

interface Registry {
  readonly formats: Formats
  readonly byEssence: ReadonlyMap<string, ReadonlyArray<readonly [string, AnyCodec]>>
}

const registryOf = (formats: Formats): Registry => {
  const byEssence = new Map<string, Array<readonly [string, AnyCodec]>>()
  for (const id of Object.keys(formats)) {
    const c = formats[id] as AnyCodec
    const e = c.contentType.toLowerCase()
    const list = byEssence.get(e)
    if (list === undefined) byEssence.set(e, [[id, c]])
    else list.push([id, c])
  }
  return { formats, byEssence }
}

const rootNameOf = (c: AnyCodec): Xml.QName | undefined => (c as { readonly rootName?: Xml.QName }).rootName

/** The format of a part: by media type, and where formats share it, by the root element of the content. */
const pick = (r: Registry, ct: MediaType.MediaType | undefined, content: Uint8Array | string): string | undefined => {
  if (ct === undefined) return undefined
  const cs = r.byEssence.get(MediaType.essence(ct))
  if (cs === undefined) return undefined
  if (cs.length === 1) return cs[0][0]
  const p = parse(content)
  if (p._tag === 'Right')
    for (const [id, c] of cs) if (rootNameOf(c) !== undefined && Xml.eqName(rootNameOf(c)!, p.right.name)) return id
  return cs[0][0]
}

const isOpaqueMultipart = (ct: MediaType.MediaType): boolean => ct.subtype === 'signed' || ct.subtype === 'encrypted'

/** Whether parts of this media type are decoded as nested multiparts. */
const isNestedType = (ct: MediaType.MediaType | undefined): ct is MediaType.MediaType =>
  ct !== undefined && ct.type === 'multipart' && !isOpaqueMultipart(ct)

const KNOWN = new Set(['content-type', 'content-id', 'content-transfer-encoding', 'content-length'])

const stripAngles = (s: string): string =>
  s.length >= 2 && s.startsWith('<') && s.endsWith('>') ? s.slice(1, -1).trim() : s

/** A `cid` of an RLMI document as the Content-ID it names (a `cid:` URL prefix and angle brackets are tolerated). */
const cidKey = (s: string): string => stripAngles(s.trim().replace(/^cid:/i, ''))

/**
 * The root part of a multipart/related document: the one the `start` parameter names, else the first (RFC 2387 §3.2).
 *
 * @category model
 * @since 0.2.0
 */
export const root = <D>(m: Multipart<D>): Part<D> | undefined => {
  const r = Read.record(m)
  const parts = Read.arrayOf(r.parts, isRecord) as unknown as ReadonlyArray<Part<D>>
  return MediaType.isMediaType(r.contentType) ? rootOf(r.contentType, parts) : parts[0]
}

const rootOf = <D>(ct: MediaType.MediaType, parts: ReadonlyArray<Part<D>>): Part<D> | undefined => {
  const start = MediaType.param(ct, 'start')
  if (start === undefined) return parts[0]
  const id = stripAngles(start)
  return parts.find((p) => p.contentId === id)
}

// -------------------------------------------------------------------------------------
// decoding
// -------------------------------------------------------------------------------------

interface Ctx {
  readonly registry: Registry
  readonly lenient: boolean
  readonly dropped: Array<Dropped>
  readonly warnings: Array<Problem>
  readonly errors: Array<Problem>
  readonly maxDepth: number
  readonly maxBytes: number
  readonly maxAttributes: number
}

/** Something the spec forbids but lenient mode accepts: an error in strict mode, a warning in lenient mode. */
const accept = (ctx: Ctx, path: string, message: string): void => {
  if (ctx.lenient) ctx.warnings.push({ path, message })
  else ctx.errors.push({ path, message })
}

const under = (prefix: string, p: Problem): Problem => ({
  path: p.path === '' ? prefix : p.path.startsWith('/') ? prefix + p.path : `${prefix}, ${p.path}`,
  message: p.message
})

/** A part that cannot be read: an error in strict mode; dropped and reported in lenient mode. */
const drop = (ctx: Ctx, path: string, problems: ReadonlyArray<Problem>, element: unknown): void => {
  if (ctx.lenient)
    for (const p of problems) ctx.dropped.push({ path: p.path === '' ? path : p.path, reason: p.message, element })
  else for (const p of problems) ctx.errors.push(p.path === '' ? { path, message: p.message } : p)
}

const typePath = (path: string, param?: string): string =>
  `${path === '' ? '' : path + '/'}Content-Type${param === undefined ? '' : ';' + param}`

interface PartHead {
  contentType?: MediaType.MediaType
  contentId?: string
  contentTransferEncoding?: string
  headers: Array<Header>
}

/** Reads the header fields of a part: the known ones into fields, the others kept in order. */
const readHead = (fields: ReadonlyArray<Header>, at: string): E.Either<ReadonlyArray<Problem>, PartHead> => {
  const head: PartHead = { headers: [] }
  const seen = new Set<string>()
  const problems: Array<Problem> = []
  for (const f of fields) {
    const key = f.name.toLowerCase()
    if (!KNOWN.has(key)) {
      head.headers.push(f)
      continue
    }
    if (seen.has(key) && key !== 'content-length') {
      problems.push({ path: `${at}/${f.name}`, message: expected(`one ${f.name} header`, f.value) })
      continue
    }
    seen.add(key)
    if (key === 'content-type') {
      const m = MediaType.parse(f.value)
      if (m._tag === 'Left') problems.push({ path: `${at}/${m.left.path}`, message: m.left.message })
      else head.contentType = m.right
    } else if (key === 'content-id') {
      const id = stripAngles(f.value)
      if (!isContentId(id))
        problems.push({ path: `${at}/Content-ID`, message: expected('a Content-ID (RFC 2045 §7)', f.value) })
      else head.contentId = id
    } else if (key === 'content-transfer-encoding') {
      const cte = f.value.toLowerCase()
      if (!isToken(cte))
        problems.push({
          path: `${at}/Content-Transfer-Encoding`,
          message: expected('a transfer encoding token', f.value)
        })
      else head.contentTransferEncoding = cte
    }
  }
  return problems.length > 0 ? E.left(problems) : E.right(head)
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/

const isToken = (u: unknown): u is string => typeof u === 'string' && TOKEN.test(u)

/** A Content-ID as kept: field text without angle brackets, not empty, no white space at either end. */
const isContentId = (u: unknown): u is string =>
  typeof u === 'string' &&
  u !== '' &&
  Syntax.isFieldValue(u) &&
  !u.includes('<') &&
  !u.includes('>') &&
  !u.includes('\t')

/** A copy in a plain Uint8Array (a Node Buffer's `slice` would be a view of the input). */
const copy = (b: Uint8Array): Uint8Array => new Uint8Array(b)

const transferDecode = (cte: string | undefined, b: Uint8Array): E.Either<string, Uint8Array> =>
  cte === 'base64' ? Syntax.fromBase64(b) : cte === 'quoted-printable' ? Syntax.fromQuotedPrintable(b) : E.right(b)

interface Frame {
  readonly index: Syntax.DelimiterIndex
  readonly start: number
  readonly end: number
  /** The input as a string, when it is one whose characters are its bytes (ASCII): parts are then read from it. */
  readonly text?: string
}

/** Decodes the body of a multipart of media type `ct` in a range of an indexed input; undefined when it cannot. */
const decodeParts = <D>(
  ctx: Ctx,
  ct: MediaType.MediaType,
  f: Frame,
  path: string,
  depth: number
): Array<Part<D>> | undefined => {
  const boundary = MediaType.param(ct, 'boundary')
  if (!Syntax.isBoundary(boundary)) {
    ctx.errors.push({
      path: typePath(path, 'boundary'),
      message: expected('a boundary of 1 to 70 characters (RFC 2046 §5.1.1)', boundary)
    })
    return undefined
  }
  const fr = Syntax.frame(f.index, boundary, f.start, f.end)
  if (fr._tag === 'Left') {
    ctx.errors.push({ path: path === '' ? '/' : path, message: fr.left.message })
    return undefined
  }
  if (!fr.right.closed)
    accept(
      ctx,
      path === '' ? '/' : path,
      `expected the close delimiter ${JSON.stringify(`--${boundary}--`)}, got the end of the body`
    )
  const bytes = f.index.bytes
  const parts: Array<Part<D>> = []
  const errorsBefore = ctx.errors.length
  fr.right.parts.forEach(([a, b], i) => {
    const n = i + 1
    const hs = Syntax.headerSection(bytes, a, b, ctx.maxAttributes)
    if (hs._tag === 'Left') {
      drop(
        ctx,
        `${path}/part[${n}]`,
        [{ path: `${path}/part[${n}]/${hs.left.path}`, message: hs.left.message }],
        copy(bytes.subarray(a, b))
      )
      return
    }
    const cidField = hs.right.headers.find((h) => h.name.toLowerCase() === 'content-id')
    const step =
      cidField !== undefined && isContentId(stripAngles(cidField.value))
        ? `cid:${stripAngles(cidField.value)}`
        : `part[${n}]`
    const at = `${path}/${step}`
    const head = readHead(hs.right.headers, at)
    if (head._tag === 'Left') {
      drop(ctx, at, head.left, copy(bytes.subarray(a, b)))
      return
    }
    const body = decodeContent<D>(ctx, head.right, { ...f, start: hs.right.content, end: b }, at, depth)
    if (body === undefined) return
    const h = head.right
    parts.push(
      Read.defined({
        contentType: h.contentType,
        contentId: h.contentId,
        contentTransferEncoding: h.contentTransferEncoding,
        headers: h.headers.length === 0 ? undefined : (h.headers as unknown as ReadonlyNonEmptyArray<Header>),
        body
      }) as Part<D>
    )
  })
  if (parts.length === 0) {
    if (ctx.errors.length === errorsBefore)
      ctx.errors.push({
        path: path === '' ? '/' : path,
        message: 'expected at least one body part that can be read, got none'
      })
    return undefined
  }
  // the root part is what the rest hangs off: without it (dropped in lenient mode) there is no document
  if (ct.subtype === 'related' && rootOf(ct, parts) === undefined) {
    if (ctx.errors.length === errorsBefore || ctx.lenient)
      ctx.errors.push({
        path: typePath(path, 'start'),
        message: expected('the Content-ID of a part that can be read (RFC 2387 §3.2)', MediaType.param(ct, 'start'))
      })
    return undefined
  }
  // after a part failed (strict mode), what refers to it would only repeat the error
  if (ctx.errors.length === errorsBefore) relatedChecks(ctx, ct, parts, path)
  return parts
}

const decodeContent = <D>(ctx: Ctx, head: PartHead, f: Frame, at: string, depth: number): Body<D> | undefined => {
  const raw = f.index.bytes.subarray(f.start, f.end)
  const cte = head.contentTransferEncoding
  if (!Syntax.isKnownEncoding(cte)) return { _tag: 'Bytes', bytes: copy(raw) }
  const identity = Syntax.isIdentityEncoding(cte)
  const content = transferDecode(cte, raw)
  if (content._tag === 'Left') {
    drop(ctx, at, [{ path: at, message: content.left }], copy(raw))
    return undefined
  }
  const ct = head.contentType
  if (isNestedType(ct)) {
    if (depth + 1 > ctx.maxDepth) {
      drop(ctx, at, [{ path: at, message: `expected at most ${ctx.maxDepth} levels of nesting, got more` }], copy(raw))
      return undefined
    }
    const frame: Frame = identity
      ? f
      : { index: new Syntax.DelimiterIndex(content.right), start: 0, end: content.right.length }
    const errors = ctx.errors.length
    const parts = decodeParts<D>(ctx, ct, frame, at, depth + 1)
    if (parts === undefined) {
      // in lenient mode a nested multipart that cannot be read is dropped like any other part
      if (ctx.lenient) drop(ctx, at, ctx.errors.splice(errors), copy(raw))
      return undefined
    }
    return { _tag: 'Multipart', parts: parts as unknown as ReadonlyNonEmptyArray<Part<D>> }
  }
  const id = pick(ctx.registry, ct, content.right)
  if (id === undefined) return { _tag: 'Bytes', bytes: identity ? copy(raw) : content.right }
  const codec = ctx.registry.formats[id] as AnyCodec
  const options: Doc.DecodeOptions = {
    maxBytes: ctx.maxBytes,
    maxAttributes: ctx.maxAttributes,
    maxDepth: Math.max(1, ctx.maxDepth - depth),
    ...(ct === undefined ? {} : { contentType: ct })
  }
  if (ctx.lenient) {
    const r = codec.decodeLenient(
      identity && f.text !== undefined ? f.text.slice(f.start, f.end) : content.right,
      options
    )
    if (r._tag === 'Left') {
      drop(
        ctx,
        at,
        r.left.map((p) => under(at, p)),
        copy(raw)
      )
      return undefined
    }
    for (const d of r.right.dropped) ctx.dropped.push({ ...d, path: under(at, { path: d.path, message: '' }).path })
    for (const w of r.right.warnings) ctx.warnings.push(under(at, w))
    return { _tag: 'Decoded', format: id, value: r.right.value } as unknown as D
  }
  const input = identity && f.text !== undefined ? f.text.slice(f.start, f.end) : content.right
  const r = codec.decode(input, options)
  if (r._tag === 'Left') {
    for (const p of r.left) ctx.errors.push(under(at, p))
    return undefined
  }
  return { _tag: 'Decoded', format: id, value: r.right } as unknown as D
}

/** What a `multipart/related` document must hold beyond its syntax (RFC 2387 §3, RFC 4662 §5.2, §5.5). */
const relatedChecks = <D>(ctx: Ctx, ct: MediaType.MediaType, parts: ReadonlyArray<Part<D>>, path: string): void => {
  for (const v of relatedViolations(ctx.registry, ct, parts, path)) accept(ctx, v.path, v.message)
}

const stepOf = (p: Part<unknown>, i: number): string =>
  p.contentId === undefined ? `part[${i + 1}]` : `cid:${p.contentId}`

const relatedViolations = <D>(
  registry: Registry,
  ct: MediaType.MediaType,
  parts: ReadonlyArray<Part<D>>,
  path: string
): ReadonlyArray<Problem> => {
  const out: Array<Problem> = []
  const ids = new Set<string>()
  parts.forEach((p, i) => {
    if (p.contentId === undefined) return
    if (ids.has(p.contentId))
      out.push({
        path: `${path}/part[${i + 1}]/Content-ID`,
        message: expected('a Content-ID unique within the multipart', p.contentId)
      })
    ids.add(p.contentId)
  })
  // references to Content-IDs that repeat cannot be followed
  if (ct.subtype !== 'related' || out.length > 0) return out
  const r = rootOf(ct, parts)
  if (r === undefined) {
    out.push({
      path: typePath(path, 'start'),
      message: expected('the Content-ID of a part (RFC 2387 §3.2)', MediaType.param(ct, 'start'))
    })
    return out
  }
  const type = MediaType.param(ct, 'type')
  const rootType = r.contentType === undefined ? 'text/plain' : MediaType.essence(r.contentType)
  if (type === undefined)
    out.push({
      path: typePath(path),
      message: `expected a type parameter, the media type of the root part (RFC 2387 §3.1), got none`
    })
  else {
    const t = MediaType.parse(type)
    if (t._tag === 'Left' || MediaType.essence(t.right) !== rootType)
      out.push({
        path: typePath(path, 'type'),
        message: `expected the media type of the root part, ${JSON.stringify(rootType)}, got ${JSON.stringify(type)}`
      })
  }
  // an RLMI root names the other parts by cid (RFC 4662 §5.2, §5.5), and only those of this multipart
  const body = r.body as Body<Decoded>
  if (
    body._tag !== 'Decoded' ||
    registry.formats[body.format]?.contentType !== Rlmi.CONTENT_TYPE ||
    !isRecord(body.value)
  )
    return out
  const list = body.value as unknown as Rlmi.List
  const rootStep = `${path}/${stepOf(r, parts.indexOf(r))}`
  const named = new Set<string>()
  const byId = new Map<string, Part<D>>()
  for (const p of parts) if (p.contentId !== undefined) byId.set(p.contentId, p)
  const refer = (cid: string, at: string): void => {
    const k = cidKey(cid)
    named.add(k)
    const target = byId.get(k)
    if (target === undefined || target === r)
      out.push({ path: at, message: `expected the Content-ID of a part of this multipart, got ${JSON.stringify(cid)}` })
  }
  if (typeof list.cid === 'string') refer(list.cid, `${rootStep}/list/@cid`)
  Read.array(list.resources).forEach((res, i) =>
    Read.array(Read.record(res).instances).forEach((x, j) => {
      const cid = Read.record(x).cid
      if (typeof cid === 'string') refer(cid, `${rootStep}/list/resource[${i + 1}]/instance[${j + 1}]/@cid`)
    })
  )
  parts.forEach((p, i) => {
    if (p === r || (p.contentId !== undefined && named.has(p.contentId))) return
    out.push({
      path: `${path}/${stepOf(p, i)}`,
      message: 'expected a part that a cid of the RLMI document names (RFC 4662 §5.5), got one that none names'
    })
  })
  return out
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const badInput = (input: unknown, max: number): ReadonlyArray<Problem> | undefined => {
  if (typeof input !== 'string' && !(input instanceof Uint8Array))
    return [
      { path: '', message: `expected a document (a string or bytes), got ${input === null ? 'null' : typeof input}` }
    ]
  const size =
    typeof input === 'string'
      ? input.length * 3 <= max
        ? 0
        : input.length > max
          ? input.length
          : Doc.utf8Length(input)
      : input.byteLength
  return size > max ? [{ path: '', message: `expected at most ${max} bytes, got ${size}` }] : undefined
}

const encoder = /*#__PURE__*/ new TextEncoder()

const bytesOf = (input: string | Uint8Array): Uint8Array =>
  typeof input === 'string' ? encoder.encode(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input) : input

/** Reads the entity's header section, or takes the media type given; the body's range. */
const entity = (
  bytes: Uint8Array,
  given: MediaType.MediaType | undefined,
  maxFields: number
): E.Either<
  ReadonlyArray<Problem>,
  { readonly contentType: MediaType.MediaType; readonly headers: ReadonlyArray<Header>; readonly start: number }
> => {
  if (given !== undefined) return E.right({ contentType: given, headers: [], start: 0 })
  const hs = Syntax.headerSection(bytes, 0, bytes.length, maxFields)
  if (hs._tag === 'Left') return E.left([hs.left])
  const fields = hs.right.headers
  if (fields.length === 0 || (hs.right.content === bytes.length && !endsWithBlankLine(bytes)))
    return E.left([
      {
        path: '',
        message:
          'expected a header section with the Content-Type, then a blank line (or the media type given apart), got none'
      }
    ])
  const head = readHead(fields, '')
  if (head._tag === 'Left')
    return E.left(head.left.map((p) => ({ path: p.path.replace(/^\//, ''), message: p.message })))
  if (head.right.contentType === undefined)
    return E.left([{ path: 'Content-Type', message: 'expected a Content-Type header, got none' }])
  return E.right({ contentType: head.right.contentType, headers: head.right.headers, start: hs.right.content })
}

const endsWithBlankLine = (b: Uint8Array): boolean => {
  const n = b.length
  return (
    (n >= 2 && b[n - 1] === 0x0a && b[n - 2] === 0x0a) ||
    (n >= 4 && b[n - 1] === 0x0a && b[n - 2] === 0x0d && b[n - 3] === 0x0a)
  )
}

const decodeWith = <D>(
  registry: Registry,
  input: string | Uint8Array,
  options: Doc.DecodeOptions | undefined,
  lenient: boolean
): E.Either<ReadonlyArray<Problem>, Doc.Lenient<Multipart<D>>> => {
  const o = Read.record(options) as Doc.DecodeOptions
  const maxBytes = typeof o.maxBytes === 'number' ? o.maxBytes : parseDefaults.maxBytes
  const bad = badInput(input, maxBytes)
  if (bad !== undefined) return E.left(bad)
  const ctx: Ctx = {
    registry,
    lenient,
    dropped: [],
    warnings: [],
    errors: [],
    maxDepth: typeof o.maxDepth === 'number' ? o.maxDepth : parseDefaults.maxDepth,
    maxBytes,
    maxAttributes: typeof o.maxAttributes === 'number' ? o.maxAttributes : parseDefaults.maxAttributes
  }
  const bytes = bytesOf(input)
  const given = o.contentType !== undefined && isMediaTypeValue(o.contentType) ? o.contentType : undefined
  const e = entity(bytes, given, ctx.maxAttributes)
  if (e._tag === 'Left') return e
  const ct = e.right.contentType
  if (ct.type !== 'multipart')
    return E.left([{ path: 'Content-Type', message: expected('a multipart media type', MediaType.format(ct)) }])
  const ascii = typeof input === 'string' && bytes.length === input.length ? input : undefined
  const frame: Frame = {
    index: new Syntax.DelimiterIndex(bytes),
    start: e.right.start,
    end: bytes.length,
    ...(ascii === undefined ? {} : { text: ascii })
  }
  const parts = decodeParts<D>(ctx, ct, frame, '', 1)
  if (parts === undefined || ctx.errors.length > 0)
    return E.left(
      lenient ? [...ctx.dropped.map((d) => ({ path: d.path, message: d.reason })), ...ctx.errors] : ctx.errors
    )
  const headers = e.right.headers
  const value: Multipart<D> = {
    contentType: ct,
    ...(headers.length === 0 ? {} : { headers: headers as unknown as ReadonlyNonEmptyArray<Header> }),
    parts: parts as unknown as ReadonlyNonEmptyArray<Part<D>>
  }
  return E.right({ value, dropped: ctx.dropped, warnings: ctx.warnings })
}

// -------------------------------------------------------------------------------------
// encoding
// -------------------------------------------------------------------------------------

type Chunk = string | Uint8Array

interface Written {
  readonly chunks: ReadonlyArray<Chunk>
  /** The media type written (another boundary when the value's own would have occurred in the content). */
  readonly contentType: MediaType.MediaType
  /** Whether a boundary was changed anywhere (the value then does not come back as it was). */
  readonly changed: boolean
}

const lossy = /*#__PURE__*/ new TextDecoder('utf-8')

const textOf = (c: Chunk): string => (typeof c === 'string' ? c : lossy.decode(c))

const DEFAULT_BOUNDARY = 'sip-simple-payloads-boundary'

const isMediaTypeValue = (u: unknown): u is MediaType.MediaType =>
  MediaType.isMediaType(u) && Object.keys(u).length === 3

/** The content a part writes, after its transfer encoding. */
const contentOf = (
  registry: Registry,
  p: Readonly<Record<string, unknown>>,
  depth: number
): { readonly chunk: Chunk; readonly nested?: Written } => {
  const body = Read.record(p.body)
  const cte = typeof p.contentTransferEncoding === 'string' ? p.contentTransferEncoding : undefined
  let plain: Chunk = ''
  let nested: Written | undefined
  if (body._tag === 'Bytes') {
    const b = body.bytes
    if (b instanceof Uint8Array) {
      if (!Syntax.isKnownEncoding(cte) || Syntax.isIdentityEncoding(cte)) return { chunk: b }
      plain = b
    }
  } else if (body._tag === 'Multipart') {
    const ct = isMediaTypeValue(p.contentType) ? p.contentType : { type: 'multipart', subtype: 'mixed', parameters: [] }
    nested = writeParts(registry, ct, Read.array(body.parts), depth + 1)
    plain = nested.chunks.map(textOf).join('')
  } else if (
    body._tag === 'Decoded' &&
    typeof body.format === 'string' &&
    Object.prototype.hasOwnProperty.call(registry.formats, body.format)
  ) {
    const codec = registry.formats[body.format] as AnyCodec
    try {
      plain = codec.encode(body.value)
    } catch {
      plain = ''
    }
  }
  const chunk: Chunk =
    cte === 'base64'
      ? Syntax.toBase64(typeof plain === 'string' ? encoder.encode(plain) : plain)
      : cte === 'quoted-printable'
        ? Syntax.toQuotedPrintable(typeof plain === 'string' ? encoder.encode(plain) : plain)
        : plain
  return nested === undefined ? { chunk } : { chunk, nested }
}

/** The printed media types of values (immutable, as every value of the library): parts often share theirs. */
const printed = new WeakMap<object, string>()

/** The `Content-Type` line of a media type value, or nothing for something that is not one. */
const typeLine = (u: unknown): string => {
  if (typeof u !== 'object' || u === null) return ''
  let s = printed.get(u)
  if (s === undefined) {
    s = isMediaTypeValue(u) ? `Content-Type: ${MediaType.format(u)}\r\n` : ''
    printed.set(u, s)
  }
  return s
}

const headerLines = (p: Readonly<Record<string, unknown>>, nestedType: MediaType.MediaType | undefined): string => {
  let s = ''
  const cte = p.contentTransferEncoding
  if (cte !== undefined && isToken(cte)) s += `Content-Transfer-Encoding: ${cte}\r\n`
  if (p.contentId !== undefined && isContentId(p.contentId)) s += `Content-ID: <${p.contentId}>\r\n`
  s += typeLine(nestedType ?? p.contentType)
  if (p.headers !== undefined) for (const h of Read.array(p.headers)) if (isHeader(h)) s += `${h.name}: ${h.value}\r\n`
  return s
}

const isHeader = (u: unknown): u is Header => {
  if (!isRecord(u) || Object.keys(u).length !== 2) return false
  return Syntax.isFieldName(u.name) && !KNOWN.has(u.name.toLowerCase()) && Syntax.isFieldValue(u.value)
}

/** A boundary derived from another one that the content does not hold, within 70 characters. */
const otherBoundary = (b: string, k: number): string => `${b.slice(0, 60)}=_${k.toString(36)}`

/** Writes the parts of a multipart of media type `ct`; the boundary changes when the content would hold it. */
const writeParts = (
  registry: Registry,
  ct: MediaType.MediaType,
  parts: ReadonlyArray<unknown>,
  depth: number
): Written => {
  const contents = parts.map((u) => {
    const p = Read.record(u)
    return { p, ...contentOf(registry, p, depth) }
  })
  let changed = contents.some((c) => c.nested?.changed === true)
  const given = MediaType.param(ct, 'boundary')
  let boundary = Syntax.isBoundary(given) ? given : DEFAULT_BOUNDARY
  if (boundary !== given) changed = true
  const texts = contents.map((c) => textOf(c.chunk))
  for (let k = 1; texts.some((t) => Syntax.holdsDelimiter(t, boundary)); k++) {
    boundary = otherBoundary(Syntax.isBoundary(given) ? given : DEFAULT_BOUNDARY, k)
    changed = true
  }
  const written = boundary === given ? ct : withBoundary(ct, boundary)
  // text is written as one chunk; bytes stay a chunk of their own
  const chunks: Array<Chunk> = []
  let text = ''
  for (const c of contents) {
    text += `--${boundary}\r\n${headerLines(c.p, c.nested?.contentType)}\r\n`
    if (typeof c.chunk === 'string') text += c.chunk + '\r\n'
    else {
      chunks.push(text, c.chunk)
      text = '\r\n'
    }
  }
  chunks.push(text + `--${boundary}--\r\n`)
  return { chunks, contentType: written, changed }
}

const withBoundary = (ct: MediaType.MediaType, boundary: string): MediaType.MediaType => {
  const r = MediaType.withParam(ct, 'boundary', boundary)
  return r._tag === 'Right' ? r.right : { type: 'multipart', subtype: 'related', parameters: [['boundary', boundary]] }
}

const writeDocument = (registry: Registry, u: unknown): Written => {
  const m = Read.record(u)
  const ct =
    isMediaTypeValue(m.contentType) && m.contentType.type === 'multipart'
      ? m.contentType
      : { type: 'multipart', subtype: 'related', parameters: [] }
  return writeParts(registry, ct, Read.array(m.parts), 1)
}

const entityHead = (m: Readonly<Record<string, unknown>>, ct: MediaType.MediaType): string => {
  let s = `Content-Type: ${MediaType.format(ct)}\r\n`
  for (const h of Read.array(m.headers)) if (isHeader(h)) s += `${h.name}: ${h.value}\r\n`
  return s + '\r\n'
}

const joinBytes = (chunks: ReadonlyArray<Chunk>): Uint8Array => {
  const bs = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c))
  let n = 0
  for (const b of bs) n += b.length
  const out = new Uint8Array(n)
  let at = 0
  for (const b of bs) {
    out.set(b, at)
    at += b.length
  }
  return out
}

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/** Whether a record has no keys but these, and none of them undefined (a key present as undefined does not come back). */
const hasOnly = (u: Readonly<Record<string, unknown>>, keys: ReadonlyArray<string>): boolean => {
  for (const k of Object.keys(u)) if (!keys.includes(k) || u[k] === undefined) return false
  return true
}

const isNonEmptyArray = (u: unknown): u is ReadonlyArray<unknown> => Array.isArray(u) && u.length > 0

const isPlainBytes = (u: unknown): u is Uint8Array =>
  u instanceof Uint8Array && Object.getPrototypeOf(u) === Uint8Array.prototype

const isStructure = (
  registry: Registry,
  ct: MediaType.MediaType,
  parts: unknown,
  depth: number,
  max: number
): boolean => {
  if (!isNonEmptyArray(parts) || depth > max) return false
  if (!Syntax.isBoundary(MediaType.param(ct, 'boundary'))) return false
  for (const u of parts) if (!isPartValue(registry, u, depth, max)) return false
  const ps = parts as ReadonlyArray<Part<unknown>>
  return relatedViolations(registry, ct, ps, '').length === 0
}

const isPartValue = (registry: Registry, u: unknown, depth: number, max: number): boolean => {
  if (!isRecord(u) || !hasOnly(u, ['contentType', 'contentId', 'contentTransferEncoding', 'headers', 'body']))
    return false
  const ct = u.contentType
  if (ct !== undefined && !isMediaTypeValue(ct)) return false
  if (u.contentId !== undefined && !isContentId(u.contentId)) return false
  const cte = u.contentTransferEncoding
  if (cte !== undefined && !isToken(cte)) return false
  if (u.headers !== undefined && !(isNonEmptyArray(u.headers) && u.headers.every(isHeader))) return false
  const body = u.body
  if (!isRecord(body)) return false
  const known = Syntax.isKnownEncoding(cte as string | undefined)
  switch (body._tag) {
    case 'Bytes': {
      if (!hasOnly(body, ['_tag', 'bytes']) || !isPlainBytes(body.bytes)) return false
      if (
        known &&
        (isNestedType(ct as MediaType.MediaType | undefined) ||
          pick(registry, ct as MediaType.MediaType | undefined, body.bytes) !== undefined)
      )
        return false
      // the string form holds UTF-8 text only: other octets need a transfer encoding
      return (
        !(Syntax.isIdentityEncoding(cte as string | undefined) || !known) || Syntax.utf8Text(body.bytes) !== undefined
      )
    }
    case 'Multipart':
      return (
        hasOnly(body, ['_tag', 'parts']) &&
        known &&
        isNestedType(ct as MediaType.MediaType | undefined) &&
        isStructure(registry, ct as MediaType.MediaType, body.parts, depth + 1, max)
      )
    case 'Decoded': {
      if (!hasOnly(body, ['_tag', 'format', 'value']) || !known || typeof body.format !== 'string') return false
      if (!Object.prototype.hasOwnProperty.call(registry.formats, body.format)) return false
      const codec = registry.formats[body.format] as AnyCodec
      if (isNestedType(ct as MediaType.MediaType | undefined) || !codec.is(body.value)) return false
      const cs = ct === undefined ? undefined : registry.byEssence.get(MediaType.essence(ct as MediaType.MediaType))
      if (cs === undefined) return false
      return cs.length === 1
        ? cs[0][0] === body.format
        : pick(registry, ct as MediaType.MediaType, codec.encode(body.value)) === body.format
    }
    default:
      return false
  }
}

// -------------------------------------------------------------------------------------
// canonical form
// -------------------------------------------------------------------------------------

const canonicalParts = (
  registry: Registry,
  ct: MediaType.MediaType,
  f: Frame,
  depth: number,
  out: Array<string>
): Problem | undefined => {
  const boundary = MediaType.param(ct, 'boundary')
  if (!Syntax.isBoundary(boundary)) return { path: 'Content-Type;boundary', message: expected('a boundary', boundary) }
  const fr = Syntax.frame(f.index, boundary, f.start, f.end)
  if (fr._tag === 'Left') return fr.left
  const mark = `--boundary-${depth}`
  for (const [a, b] of fr.right.parts) {
    out.push(mark)
    const hs = Syntax.headerSection(f.index.bytes, a, b, parseDefaults.maxAttributes)
    if (hs._tag === 'Left') return hs.left
    let pct: MediaType.MediaType | undefined
    let cte: string | undefined
    const lines: Array<string> = []
    for (const h of hs.right.headers) {
      const key = h.name.toLowerCase()
      if (key === 'content-length') continue
      if (key === 'content-type') {
        const m = MediaType.parse(h.value)
        if (m._tag === 'Right') pct = m.right
        const shown =
          m._tag === 'Left'
            ? h.value
            : MediaType.format(isNestedType(m.right) ? placeholder(m.right, depth + 1) : m.right)
        lines.push(`content-type: ${shown}`)
      } else if (key === 'content-id') lines.push(`content-id: <${stripAngles(h.value)}>`)
      else if (key === 'content-transfer-encoding') {
        cte = h.value.toLowerCase()
        lines.push(`content-transfer-encoding: ${cte}`)
      } else lines.push(`${key}: ${h.value}`)
    }
    lines.sort()
    out.push(...lines, '')
    const raw = f.index.bytes.subarray(hs.right.content, b)
    const content = Syntax.isKnownEncoding(cte) ? transferDecode(cte, raw) : E.right(raw)
    if (content._tag === 'Left') return { path: '', message: content.left }
    if (isNestedType(pct) && Syntax.isKnownEncoding(cte)) {
      const nested: Frame = Syntax.isIdentityEncoding(cte)
        ? { index: f.index, start: hs.right.content, end: b }
        : { index: new Syntax.DelimiterIndex(content.right), start: 0, end: content.right.length }
      const p =
        depth < parseDefaults.maxDepth
          ? canonicalParts(registry, pct, nested, depth + 1, out)
          : { path: '', message: 'too deep' }
      if (p !== undefined) return p
      continue
    }
    const id = Syntax.isKnownEncoding(cte) ? pick(registry, pct, content.right) : undefined
    const c = id === undefined ? undefined : (registry.formats[id] as AnyCodec).canonical(content.right)
    out.push(
      c !== undefined && c._tag === 'Right'
        ? c.right
        : (Syntax.utf8Text(content.right) ?? `base64:${Syntax.toBase64(content.right)}`)
    )
  }
  out.push(`--boundary-${depth}--`)
  return undefined
}

const placeholder = (ct: MediaType.MediaType, depth: number): MediaType.MediaType =>
  withBoundary(ct, `boundary-${depth}`)

const canonicalWith = (registry: Registry, input: string | Uint8Array): E.Either<ReadonlyArray<Problem>, string> => {
  const bad = badInput(input, parseDefaults.maxBytes)
  if (bad !== undefined) return E.left(bad)
  const bytes = bytesOf(input)
  const e = entity(bytes, undefined, parseDefaults.maxAttributes)
  if (e._tag === 'Left') return e
  const ct = e.right.contentType
  if (ct.type !== 'multipart')
    return E.left([{ path: 'Content-Type', message: expected('a multipart media type', MediaType.format(ct)) }])
  const out: Array<string> = [`content-type: ${MediaType.format(placeholder(ct, 1))}`]
  for (const h of e.right.headers)
    if (h.name.toLowerCase() !== 'content-length') out.push(`${h.name.toLowerCase()}: ${h.value}`)
  out.push('')
  const p = canonicalParts(
    registry,
    ct,
    { index: new Syntax.DelimiterIndex(bytes), start: e.right.start, end: bytes.length },
    1,
    out
  )
  return p === undefined ? E.right(out.join('\n') + '\n') : E.left([p])
}

// -------------------------------------------------------------------------------------
// JSON
// -------------------------------------------------------------------------------------

/** Bytes as JSON.stringify writes them (an object of indices), back to bytes; other values unchanged. */
const bytesFromJson = (u: unknown): unknown => {
  if (u instanceof Uint8Array || !isRecord(u)) return u
  const ks = Object.keys(u)
  const out = new Uint8Array(ks.length)
  for (let i = 0; i < ks.length; i++) {
    const v = u[String(i)]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) return u
    out[i] = v
  }
  return out
}

const fromJsonParts = (registry: Registry, parts: unknown): unknown =>
  Array.isArray(parts)
    ? parts.map((p) => {
        if (!isRecord(p) || !isRecord(p.body)) return p
        const b = p.body
        if (b._tag === 'Bytes') return { ...p, body: { ...b, bytes: bytesFromJson(b.bytes) } }
        if (b._tag === 'Multipart') return { ...p, body: { ...b, parts: fromJsonParts(registry, b.parts) } }
        if (
          b._tag === 'Decoded' &&
          typeof b.format === 'string' &&
          Object.prototype.hasOwnProperty.call(registry.formats, b.format)
        ) {
          const r = (registry.formats[b.format] as AnyCodec).fromJson(b.value)
          return r._tag === 'Right' ? { ...p, body: { ...b, value: r.right } } : p
        }
        return p
      })
    : parts

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `multipart/related` document codec over a registry of part formats (format id to document codec): parts of a
 * registered media type decode to `{ _tag: 'Decoded', format, value }` with the format's value type. Where formats
 * share a media type, the root element of the part tells them apart. `meta` names the codec (default id
 * `multipart-related`).
 *
 * @example
 * import * as Multipart from 'sip-simple-payloads/Multipart'
 * import * as Rlmi from 'sip-simple-payloads/Rlmi'
 * const codec = Multipart.documentWith({ rlmi: Rlmi.document })
 * const body = [
 *   '--b1',
 *   'Content-ID: <list@example.com>',
 *   'Content-Type: application/rlmi+xml',
 *   '',
 *   '<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:friends@example.com" version="0" fullState="true"/>',
 *   '--b1--',
 *   ''
 * ].join('\r\n')
 * const parameters = [['type', 'application/rlmi+xml'], ['boundary', 'b1']] as const
 * const contentType = { type: 'multipart', subtype: 'related', parameters }
 * const r = codec.decode(body, { contentType })
 * if (r._tag === 'Left' || r.right.parts[0].body._tag !== 'Decoded') throw new Error('unexpected')
 *
 * @category codecs
 * @since 0.2.0
 */
export const documentWith = <R extends Formats>(
  formats: R,
  meta: { readonly id?: string; readonly title?: string } = {}
): MultipartCodec<DecodedOf<R>> => {
  type D = DecodedOf<R>
  const registry = registryOf(formats)
  const is = (u: unknown): u is Multipart<D> => {
    if (!isRecord(u) || !hasOnly(u, ['contentType', 'headers', 'parts'])) return false
    const ct = u.contentType
    if (!isMediaTypeValue(ct) || ct.type !== 'multipart') return false
    if (u.headers !== undefined && !(isNonEmptyArray(u.headers) && u.headers.every(isHeader))) return false
    try {
      return isStructure(registry, ct, u.parts, 1, parseDefaults.maxDepth) && !writeDocument(registry, u).changed
    } catch {
      return false
    }
  }
  const encodeBytes = (m: Multipart<D>): Uint8Array => {
    const w = writeDocument(registry, m)
    return joinBytes([entityHead(Read.record(m), w.contentType), ...w.chunks])
  }
  return {
    id: meta.id ?? 'multipart-related',
    contentType: CONTENT_TYPE,
    title: meta.title ?? 'multipart/related bodies (RFC 2387; RFC 4662 list notifications)',
    fileExtension: 'txt',
    formats,
    is,
    formatOf: (ct, content) => pick(registry, ct, content),
    decode: (input, options) => {
      const r = decodeWith<D>(registry, input, options, false)
      return r._tag === 'Left' ? r : E.right(r.right.value)
    },
    decodeLenient: (input, options) => decodeWith<D>(registry, input, options, true),
    encode: (m) => {
      const w = writeDocument(registry, m)
      let s = entityHead(Read.record(m), w.contentType)
      for (const c of w.chunks) s += textOf(c)
      return s
    },
    encodeBytes,
    encodeBody: (m) => {
      const w = writeDocument(registry, m)
      return { contentType: MediaType.format(w.contentType), body: joinBytes(w.chunks) }
    },
    canonical: (input) => canonicalWith(registry, input),
    fromJson: (u) => {
      const v = isRecord(u) ? { ...u, parts: fromJsonParts(registry, u.parts) } : u
      return is(v) ? E.right(v) : E.left([{ path: '', message: expected('a multipart value in its JSON form', u) }])
    }
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

let counter = 0

const fresh = (): string =>
  `${(counter++).toString(36)}${Math.floor(Math.random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0')}`

/**
 * A fresh boundary: letters and digits, unique within a process run and practically unique beyond.
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshBoundary = (): string => `b${fresh()}${fresh()}`

/**
 * A fresh Content-ID at a domain (`example.com` by default): `k3f9x2q1@example.com`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshCid = (domain = 'example.com'): string =>
  `${fresh()}@${typeof domain === 'string' && /^[A-Za-z0-9.-]{1,200}$/.test(domain) ? domain : 'example.com'}`

/**
 * A part decoded by a format: `decoded('pidf', presence)`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const decoded = <K extends string, A>(format: K, value: A): Decoded<K, A> => ({ _tag: 'Decoded', format, value })

/**
 * A part's content as bytes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const bytes = (b: Uint8Array): Bytes => {
  const u: unknown = b
  return {
    _tag: 'Bytes',
    bytes: isPlainBytes(u)
      ? u
      : u instanceof Uint8Array
        ? new Uint8Array(u)
        : new Uint8Array(Read.arrayOf(u, (x): x is number => typeof x === 'number'))
  }
}

/**
 * A body part: its media type (a string such as `application/pidf+xml`, or a media type value), its Content-ID (a
 * fresh one when none is given) and its content. An unreadable media type is left out.
 *
 * @category constructors
 * @since 0.2.0
 */
export const part = <D>(input: {
  readonly contentType?: string | MediaType.MediaType
  readonly contentId?: string
  readonly contentTransferEncoding?: string
  readonly headers?: ReadonlyArray<Header>
  readonly body: Body<D>
}): Part<D> => {
  const i = Read.record(input)
  const ct =
    typeof i.contentType === 'string'
      ? MediaType.parse(i.contentType)
      : isMediaTypeValue(i.contentType)
        ? E.right(i.contentType)
        : undefined
  const cte = typeof i.contentTransferEncoding === 'string' ? i.contentTransferEncoding.toLowerCase() : undefined
  const headers = Read.arrayOf(i.headers, isHeader)
  return Read.defined({
    contentType: ct !== undefined && ct._tag === 'Right' ? ct.right : undefined,
    contentId: typeof i.contentId === 'string' ? stripAngles(i.contentId) : freshCid(),
    contentTransferEncoding: cte,
    headers: headers.length === 0 ? undefined : (headers as unknown as ReadonlyNonEmptyArray<Header>),
    body: (isRecord(i.body) ? i.body : bytes(new Uint8Array())) as Body<D>
  }) as Part<D>
}

/**
 * A `multipart/related` document whose root is the first part (RFC 2387): `type` is the root's media type, `start`
 * its Content-ID, and the boundary a fresh one unless given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const related = <D>(
  root: Part<D>,
  others: ReadonlyArray<Part<D>> = [],
  options: { readonly boundary?: string } = {}
): Multipart<D> => {
  const r = isRecord(root) ? root : part<D>({ body: bytes(new Uint8Array()) })
  const boundary = Syntax.isBoundary(Read.record(options).boundary)
    ? (Read.record(options).boundary as string)
    : freshBoundary()
  const parameters: Array<readonly [string, string]> = []
  if (r.contentType !== undefined) parameters.push(['type', MediaType.essence(r.contentType)])
  if (r.contentId !== undefined) parameters.push(['start', `<${r.contentId}>`])
  parameters.push(['boundary', boundary])
  return {
    contentType: { type: 'multipart', subtype: 'related', parameters },
    parts: [r, ...Read.arrayOf(others, isRecord)] as unknown as ReadonlyNonEmptyArray<Part<D>>
  }
}

/**
 * A nested `multipart/related` part made of a document: its media type (with the document's boundary) and parts.
 *
 * @category constructors
 * @since 0.2.0
 */
export const nested = <D>(m: Multipart<D>, contentId?: string): Part<D> => {
  const mm = Read.record(m)
  const ct = isMediaTypeValue(mm.contentType)
    ? mm.contentType
    : { type: 'multipart', subtype: 'related', parameters: [['boundary', freshBoundary()] as const] }
  return {
    contentType: ct,
    contentId: typeof contentId === 'string' ? stripAngles(contentId) : freshCid(),
    body: { _tag: 'Multipart', parts: Read.array(mm.parts) as unknown as ReadonlyNonEmptyArray<Part<D>> }
  }
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The part with this Content-ID (without angle brackets). Writing it back keeps the Content-ID.
 *
 * @category optics
 * @since 0.2.0
 */
export const partById = <D = Decoded>(cid: string): Op.Optional<Multipart<D>, Part<D>> =>
  pipe(
    L.id<Multipart<D>>(),
    L.prop('parts'),
    // setting a part keeps the number of parts: the list stays non-empty
    (l) => l as unknown as L.Lens<Multipart<D>, ReadonlyArray<Part<D>>>,
    L.composeOptional(Optics.byKey<Part<D>, 'contentId'>('contentId', cid))
  )
