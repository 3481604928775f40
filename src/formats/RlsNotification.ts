/**
 * Resource list subscriptions (RFC 4662) as a subscriber sees them: each NOTIFY of a list subscription carries a
 * `multipart/related` body whose root is an RLMI document (`Rlmi`) and whose other parts carry the state of the
 * resources (PIDF for presence lists, dialog-info for busy-lamp-field lists, message-summary, a nested list...). This
 * module reads such a body as a {@link Notification} (the list, and what each `cid` names, nested lists read
 * recursively, through a `multipart/signed` wrapper too), and keeps the list state with the state engine of
 * `codec/Versioned`: {@link merge} is the RFC 4662 §5.6 rule, and the state is a {@link ListView} with, for each
 * resource, its names, the states of its instances and its decoded part (typed: `Presence` for PIDF parts,
 * `DialogInfo` for dialog parts...).
 *
 * The rule, as RFC 4662 §4.6 and §5.6 word it: the first notification must hold full state (else the engine reports
 * `NotFullState`); versions must follow one another (a stale one is ignored, a gap reported and not applied); a
 * full-state notification replaces the whole view; a partial one updates the resources it carries and leaves the
 * others alone. A terminated instance leaves the view. A nested list keeps its own version and is updated by the same
 * rule whenever its part comes again (a full-state notification of the outer list flushes it too, as the table is
 * flushed). Parts of packages with partial state of their own are merged by that package's rule (§4.6: dialog-info,
 * watcherinfo, conference-info): the first part of an instance must then hold full state, and a gap is reported. What
 * calls for refreshing the subscription (a nested list or a part that skipped versions, or whose first document was
 * partial) is listed in the view's `refresh`, until the next full-state notification.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as Multipart from 'sip-simple-payloads/Multipart'
 * import * as Presence from 'sip-simple-payloads/Presence'
 * import * as RlsNotification from 'sip-simple-payloads/RlsNotification'
 * import * as Rlmi from 'sip-simple-payloads/Rlmi'
 * const tuples = [Presence.tuple({ id: 't1', basic: 'open' })]
 * const bob = Presence.presence({ entity: 'sip:bob@example.com', tuples })
 * const list = Rlmi.list({
 *   uri: 'sip:friends@example.com',
 *   version: 0,
 *   fullState: true,
 *   resources: [
 *     Rlmi.resource('sip:bob@example.com', {
 *       instances: [Rlmi.instance({ id: 'i1', state: 'active', cid: 'bob@x' })]
 *     })
 *   ]
 * })
 * const body = Multipart.related(
 *   Multipart.part({ contentType: Rlmi.CONTENT_TYPE, contentId: 'list@x', body: Multipart.decoded('rlmi', list) }),
 *   [Multipart.part({ contentType: 'application/pidf+xml', contentId: 'bob@x', body: Multipart.decoded('pidf', bob) })]
 * )
 * const r = RlsNotification.apply(undefined, body)
 * if (E.isLeft(r) || r.right._tag !== 'Applied') throw new Error('unexpected')
 * const basic = RlsNotification.presenceOf(r.right.state.value, 'sip:bob@example.com')?.tuples[0].status.basic
 * if (basic !== 'open') throw new Error('unexpected')
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import type * as Op from '#monocle-ts/Optional'
import type { Problem } from '../codec/DecodeError.js'
import * as MediaType from '../codec/MediaType.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import type { Integer } from '../codec/Value.js'
import * as Versioned from '../codec/Versioned.js'
import * as ConferenceInfo from './ConferenceInfo.js'
import * as DialogInfo from './DialogInfo.js'
import * as MessageSummary from './MessageSummary.js'
import * as Multipart from './Multipart.js'
import * as Presence from './Presence.js'
import * as Rlmi from './Rlmi.js'
import * as Watcherinfo from './Watcherinfo.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The part formats of list notifications: the RLMI root and the state of the event packages lists are used for
 * (presence, dialog, message-summary, presence.winfo, conference), by format id.
 *
 * @category model
 * @since 0.2.0
 */
export const formats = {
  rlmi: Rlmi.document,
  pidf: Presence.document,
  'dialog-info': DialogInfo.document,
  'message-summary': MessageSummary.document,
  watcherinfo: Watcherinfo.document,
  'conference-info': ConferenceInfo.document
} as const

/**
 * A decoded part of a list notification, tagged by format: `{ _tag: 'Decoded', format: 'pidf', value: Presence }`,
 * `{ _tag: 'Decoded', format: 'dialog-info', value: DialogInfo }`...
 *
 * @category model
 * @since 0.2.0
 */
export type PartValue = Multipart.DecodedOf<typeof formats>

/**
 * A NOTIFY body of a list subscription.
 *
 * @category model
 * @since 0.2.0
 */
export type Body = Multipart.Multipart<PartValue>

/**
 * A nested list: the `multipart/related` part (possibly inside a `multipart/signed` one, RFC 4662 §6) that a `cid`
 * names, read as a notification of its own.
 *
 * @category model
 * @since 0.2.0
 */
export interface NestedList<D> {
  readonly _tag: 'List'
  readonly notification: Notification<D>
}

/**
 * A part that is neither decoded by a format nor a list: its bytes, a multipart that holds no list, a signed part
 * whose content is no list.
 *
 * @category model
 * @since 0.2.0
 */
export interface Opaque<D> {
  readonly _tag: 'Opaque'
  readonly part: Multipart.Part<D>
}

/**
 * What a `cid` names: a decoded part, a nested list, or another part.
 *
 * @category model
 * @since 0.2.0
 */
export type Content<D> = D | NestedList<D> | Opaque<D>

/**
 * One notification read as a list: the RLMI document and what its `cid`s name, by Content-ID.
 *
 * @category model
 * @since 0.2.0
 */
export interface Notification<D = PartValue> {
  readonly list: Rlmi.List
  readonly parts: ReadonlyMap<string, Content<D>>
}

/**
 * A nested list in the view, with its own version.
 *
 * @category model
 * @since 0.2.0
 */
export interface ListState<D> {
  readonly _tag: 'List'
  readonly state: Versioned.Versioned<ListView<D>>
}

/**
 * The state of an instance's part in the view: the decoded part (for packages with a merge rule, the state it
 * builds), a nested list, or another part.
 *
 * @category model
 * @since 0.2.0
 */
export type PartState<D> = D | ListState<D> | Opaque<D>

/**
 * An instance in the view: its subscription state and the state of its part.
 *
 * @category model
 * @since 0.2.0
 */
export interface InstanceView<D = PartValue> {
  readonly id: string
  readonly state: Exclude<Rlmi.State, 'terminated'>
  readonly reason?: string
  readonly content?: PartState<D>
  /** The version of the part's own document, for packages with a merge rule. */
  readonly version?: Integer
}

/**
 * A resource in the view: its URI, names and instances.
 *
 * @category model
 * @since 0.2.0
 */
export interface ResourceView<D = PartValue> {
  readonly uri: string
  readonly names: ReadonlyArray<Rlmi.Name>
  readonly instances: ReadonlyArray<InstanceView<D>>
}

/**
 * Where a nested list or a versioned part could not be applied and the subscription should be refreshed to get full
 * state (RFC 4662 §5.6.2): the resource, the instance and what happened.
 *
 * @category model
 * @since 0.2.0
 */
export interface Refresh {
  readonly resource: string
  readonly instance: string
  readonly outcome: Versioned.Gap | Versioned.NotFullState
}

/**
 * The list state a subscriber keeps (RFC 4662 §5.6): the list's URI and names, one row per resource in the order
 * resources first appeared, and what calls for a refresh.
 *
 * @category model
 * @since 0.2.0
 */
export interface ListView<D = PartValue> {
  readonly uri: string
  readonly names: ReadonlyArray<Rlmi.Name>
  readonly resources: ReadonlyArray<ResourceView<D>>
  readonly refresh: ReadonlyArray<Refresh>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The document codec of list notification bodies: `multipart/related` over {@link formats}.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Multipart.MultipartCodec<PartValue> = /*#__PURE__*/ Multipart.documentWith(formats)

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

const rlmiOf = <D>(codec: Multipart.MultipartCodec<D>, p: Multipart.Part<D> | undefined): Rlmi.List | undefined => {
  const b = p?.body as Multipart.Body<Multipart.Decoded> | undefined
  if (b === undefined || b._tag !== 'Decoded') return undefined
  const c = codec.formats[b.format]
  return c !== undefined && c.contentType === Rlmi.CONTENT_TYPE && isRecord(b.value)
    ? (b.value as unknown as Rlmi.List)
    : undefined
}

const readParts = <D>(
  codec: Multipart.MultipartCodec<D>,
  ct: MediaType.MediaType,
  parts: ReadonlyArray<Multipart.Part<D>>
): Notification<D> | undefined => {
  const r = Multipart.root({ contentType: ct, parts: parts as Multipart.Multipart<D>['parts'] })
  const list = rlmiOf(codec, r)
  if (list === undefined) return undefined
  const out = new Map<string, Content<D>>()
  for (const p of parts)
    if (p !== r && p.contentId !== undefined && !out.has(p.contentId)) out.set(p.contentId, contentOf(codec, p))
  return { list, parts: out }
}

/** What a part is as the content of an instance: decoded, a nested list (signed or not), or opaque. */
const contentOf = <D>(codec: Multipart.MultipartCodec<D>, p: Multipart.Part<D>): Content<D> => {
  const b = p.body as Multipart.Body<D>
  const ct = p.contentType
  if (isRecord(b) && b._tag === 'Multipart' && ct !== undefined && ct.subtype === 'related') {
    const n = readParts(codec, ct, (b as unknown as Multipart.Nested<D>).parts)
    if (n !== undefined) return { _tag: 'List', notification: n }
  }
  if (isRecord(b) && b._tag === 'Bytes' && ct !== undefined && ct.type === 'multipart' && ct.subtype === 'signed') {
    // RFC 1847: the first part of a multipart/signed is the signed content, here a nested list (RFC 4662 §6)
    const signed = codec.decode((b as unknown as Multipart.Bytes).bytes, { contentType: ct })
    if (signed._tag === 'Right') {
      const first = signed.right.parts[0]
      const fb = first.body as Multipart.Body<D>
      if (
        isRecord(fb) &&
        fb._tag === 'Multipart' &&
        first.contentType !== undefined &&
        first.contentType.subtype === 'related'
      ) {
        const n = readParts(codec, first.contentType, (fb as unknown as Multipart.Nested<D>).parts)
        if (n !== undefined) return { _tag: 'List', notification: n }
      }
    }
  }
  if (isRecord(b) && b._tag === 'Decoded') return b as unknown as D
  return { _tag: 'Opaque', part: p }
}

/**
 * Reads a decoded body as a notification, with a codec's part formats: its root part must be an RLMI document
 * (RFC 4662 §5.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const readWith =
  <D>(codec: Multipart.MultipartCodec<D>) =>
  (body: Multipart.Multipart<D>): E.Either<ReadonlyArray<Problem>, Notification<D>> => {
    const m = Read.record(body)
    const ct = m.contentType
    if (!MediaType.isMediaType(ct) || !MediaType.matches(ct, 'multipart/related')) {
      const got = MediaType.isMediaType(ct) ? JSON.stringify(MediaType.essence(ct)) : 'nothing'
      return E.left([{ path: 'Content-Type', message: `expected multipart/related, got ${got}` }])
    }
    const n = readParts(codec, ct, Read.arrayOf(m.parts, isRecord) as unknown as ReadonlyArray<Multipart.Part<D>>)
    if (n !== undefined) return E.right(n)
    const r = Multipart.root(body)
    const got = r?.contentType === undefined ? 'text/plain' : MediaType.essence(r.contentType)
    const message = `expected an RLMI document (${Rlmi.CONTENT_TYPE}) as the root part (RFC 4662 §5.1), got "${got}"`
    return E.left([{ path: '/', message }])
  }

/**
 * Reads a decoded body of {@link document} as a notification.
 *
 * @category codecs
 * @since 0.2.0
 */
export const read: (body: Body) => E.Either<ReadonlyArray<Problem>, Notification<PartValue>> =
  /*#__PURE__*/ readWith(document)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The merge rules of the part formats that carry partial state of their own, by format id (RFC 4662 §4.6): each
 * rule's state has the format's value type.
 *
 * @category model
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Merges = Readonly<Record<string, Versioned.Merge<any, any>>>

/**
 * The merge rules of {@link formats}: dialog-info (RFC 4235 §4.3), watcherinfo (RFC 3858 §4), conference-info
 * (RFC 4575 §4.6).
 *
 * @category constructors
 * @since 0.2.0
 */
export const merges: Merges = {
  'dialog-info': DialogInfo.merge,
  watcherinfo: Watcherinfo.merge,
  'conference-info': ConferenceInfo.merge
}

interface Applied<D> {
  readonly view: InstanceView<D>
  readonly refresh?: Refresh
}

const isDecoded = (u: unknown): u is Multipart.Decoded => isRecord(u) && u._tag === 'Decoded'

/**
 * The RFC 4662 §5.6 rule for `Versioned.apply`, with the merge rules of part formats that have partial state of their
 * own (see the module doc).
 *
 * @category constructors
 * @since 0.2.0
 */
export const mergeWith = <D>(
  options: { readonly merges?: Merges } = {}
): Versioned.Merge<Notification<D>, ListView<D>> => {
  const rules: Merges = isRecord(options.merges) ? options.merges : merges
  const self: Versioned.Merge<Notification<D>, ListView<D>> = {
    version: (n) => n.list.version,
    isFullState: (n) => n.list.fullState,
    fromFull: (n) => update(undefined, n),
    applyPartial: (s, n) => update(s, n)
  }

  /** An instance as a notification reports it, its part applied to what the view had for it. */
  const instanceOf = (
    resource: string,
    old: InstanceView<D> | undefined,
    x: Rlmi.Instance,
    n: Notification<D>
  ): Applied<D> => {
    const base = {
      id: x.id,
      state: x.state as InstanceView<D>['state'],
      ...(x.reason === undefined ? {} : { reason: x.reason })
    }
    const named = x.cid === undefined ? undefined : n.parts.get(cidKey(x.cid))
    if (named === undefined) return { view: base }
    const gap = (outcome: Versioned.Gap | Versioned.NotFullState, kept: InstanceView<D> | undefined): Applied<D> => ({
      view:
        kept === undefined
          ? base
          : {
              ...base,
              ...(kept.content === undefined ? {} : { content: kept.content }),
              ...(kept.version === undefined ? {} : { version: kept.version })
            },
      refresh: { resource, instance: x.id, outcome }
    })
    if ((named as NestedList<D>)._tag === 'List') {
      const prev =
        old?.content !== undefined && (old.content as ListState<D>)._tag === 'List'
          ? (old.content as ListState<D>).state
          : undefined
      const o = Versioned.apply(self)(prev, (named as NestedList<D>).notification)
      if (o._tag === 'Applied') return { view: { ...base, content: { _tag: 'List', state: o.state } } }
      if (o._tag === 'Stale') return { view: old?.content === undefined ? base : { ...base, content: old.content } }
      return gap(o, old)
    }
    if (isDecoded(named) && Object.prototype.hasOwnProperty.call(rules, named.format)) {
      const rule = rules[named.format]
      const prevPart = old?.content
      const prev =
        isDecoded(prevPart) && prevPart.format === named.format && old?.version !== undefined
          ? { version: old.version, value: prevPart.value }
          : undefined
      const o = Versioned.apply(rule)(prev, named.value)
      if (o._tag === 'Applied')
        return {
          view: { ...base, content: { ...named, value: o.state.value } as unknown as D, version: o.state.version }
        }
      if (o._tag === 'Stale')
        return {
          view:
            old === undefined
              ? base
              : {
                  ...base,
                  ...(old.content === undefined ? {} : { content: old.content }),
                  ...(old.version === undefined ? {} : { version: old.version })
                }
        }
      return gap(o, old)
    }
    return { view: { ...base, content: named as PartState<D> } }
  }

  const update = (s: ListView<D> | undefined, n: Notification<D>): ListView<D> => {
    const rows = new Map<string, ResourceView<D>>()
    const refresh = new Map<string, Refresh>()
    const key = (r: Refresh): string => `${r.resource}\u0000${r.instance}`
    if (s !== undefined) {
      for (const r of s.resources) if (!rows.has(r.uri)) rows.set(r.uri, r)
      for (const r of s.refresh) refresh.set(key(r), r)
    }
    for (const res of n.list.resources) {
      const old = rows.get(res.uri)
      const instances = new Map<string, InstanceView<D>>()
      if (old !== undefined) for (const i of old.instances) if (!instances.has(i.id)) instances.set(i.id, i)
      for (const x of res.instances) {
        refresh.delete(key({ resource: res.uri, instance: x.id } as Refresh))
        if (x.state === 'terminated') {
          instances.delete(x.id)
          continue
        }
        const a = instanceOf(res.uri, instances.get(x.id), x, n)
        // an instance keeps its place; one removed and reported again comes back at the end
        instances.set(x.id, a.view)
        if (a.refresh !== undefined) refresh.set(key(a.refresh), a.refresh)
      }
      const names = res.names.length > 0 || old === undefined ? res.names : old.names
      rows.set(res.uri, { uri: res.uri, names, instances: Array.from(instances.values()) })
    }
    const names = n.list.names.length > 0 || s === undefined ? n.list.names : s.names
    return { uri: n.list.uri, names, resources: Array.from(rows.values()), refresh: Array.from(refresh.values()) }
  }
  return self
}

const cidKey = (s: string): string => {
  const t = s.trim().replace(/^cid:/i, '')
  return t.length >= 2 && t.startsWith('<') && t.endsWith('>') ? t.slice(1, -1).trim() : t
}

/**
 * The RFC 4662 §5.6 rule for `Versioned.apply`, with the merge rules of {@link merges}.
 *
 * @category constructors
 * @since 0.2.0
 */
export const merge: Versioned.Merge<Notification<PartValue>, ListView<PartValue>> = /*#__PURE__*/ mergeWith<PartValue>()

/**
 * Reads a decoded body and applies it to the state of its subscription (`undefined` before the first notification):
 * an error when the body is no list notification, else what the engine did (`Applied`, `Stale`, `Gap`,
 * `NotFullState`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const apply = (
  state: Versioned.Versioned<ListView<PartValue>> | undefined,
  body: Body
): E.Either<ReadonlyArray<Problem>, Versioned.Outcome<ListView<PartValue>>> => {
  const n = read(body)
  return n._tag === 'Left' ? n : E.right(Versioned.apply(merge)(state, n.right))
}

/**
 * The views of several list subscriptions, by list URI.
 *
 * @category model
 * @since 0.2.0
 */
export type Views<D = PartValue> = ReadonlyMap<string, Versioned.Versioned<ListView<D>>>

/**
 * Applies a notification to the view of its list (found by the list URI of its RLMI document) among several: the
 * views after it and what the engine did.
 *
 * @category constructors
 * @since 0.2.0
 */
export const applyByUri =
  <D>(m: Versioned.Merge<Notification<D>, ListView<D>>) =>
  (
    views: Views<D>,
    n: Notification<D>
  ): { readonly views: Views<D>; readonly outcome: Versioned.Outcome<ListView<D>> } => {
    const uri = n.list.uri
    const outcome = Versioned.apply(m)(views.get(uri), n)
    if (outcome._tag !== 'Applied') return { views, outcome }
    const next = new Map(views)
    next.set(uri, outcome.state)
    return { views: next, outcome }
  }

// -------------------------------------------------------------------------------------
// views
// -------------------------------------------------------------------------------------

/**
 * What a list view says about one resource: its URI, its name (in the language asked for, else the first one), the
 * states of its instances, and the part of its first active instance (the decoded value, or a nested list's view).
 *
 * @category model
 * @since 0.2.0
 */
export interface Summary<D = PartValue> {
  readonly uri: string
  readonly name?: string
  readonly states: ReadonlyArray<InstanceView<D>['state']>
  readonly part?: PartState<D>
}

const nameIn = (names: ReadonlyArray<Rlmi.Name>, lang: string | undefined): string | undefined => {
  const l = lang?.toLowerCase()
  const hit =
    l === undefined
      ? undefined
      : names.find((n) => n.lang?.toLowerCase() === l || n.lang?.toLowerCase().startsWith(`${l}-`))
  return (hit ?? names[0])?.value
}

/**
 * One summary per resource of a view (or of a state of the engine), in order.
 *
 * @category constructors
 * @since 0.2.0
 */
export const summary = <D>(
  view: ListView<D> | Versioned.Versioned<ListView<D>>,
  lang?: string
): ReadonlyArray<Summary<D>> => {
  const v = Read.record(view)
  const lv = (isRecord(v.value) ? v.value : v) as Partial<ListView<D>>
  return Read.arrayOf(lv.resources, isRecord).map((r) => {
    const res = r as unknown as ResourceView<D>
    const instances = Read.arrayOf(res.instances, isRecord) as unknown as ReadonlyArray<InstanceView<D>>
    const name = nameIn(
      Read.arrayOf(res.names, isRecord) as unknown as ReadonlyArray<Rlmi.Name>,
      typeof lang === 'string' ? lang : undefined
    )
    const active = instances.find((i) => i.state === 'active' && i.content !== undefined)
    return {
      uri: Read.text(res.uri),
      ...(name === undefined ? {} : { name }),
      states: instances.map((i) => i.state),
      ...(active?.content === undefined ? {} : { part: active.content })
    }
  })
}

const decodedOf = <D>(view: ListView<D>, uri: string, format: string): unknown => {
  const r = Read.arrayOf(Read.record(view).resources, isRecord).find((x) => x.uri === uri) as
    ResourceView<D> | undefined
  for (const i of Read.arrayOf(r?.instances, isRecord) as unknown as ReadonlyArray<InstanceView<D>>) {
    const c = i.content
    if (i.state === 'active' && isDecoded(c) && c.format === format) return c.value
  }
  return undefined
}

/**
 * The presence of a resource: the PIDF part of its first active instance that has one.
 *
 * @category constructors
 * @since 0.2.0
 */
export const presenceOf = (view: ListView<PartValue>, uri: string): Presence.Presence | undefined =>
  decodedOf(view, uri, 'pidf') as Presence.Presence | undefined

/**
 * The dialog information of a resource (busy-lamp-field lists): the dialog-info state of its first active instance
 * that has one.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dialogInfoOf = (view: ListView<PartValue>, uri: string): DialogInfo.DialogInfo | undefined =>
  decodedOf(view, uri, 'dialog-info') as DialogInfo.DialogInfo | undefined

/**
 * The view of a nested list, by the URI of the resource that stands for it.
 *
 * @category constructors
 * @since 0.2.0
 */
export const nestedListOf = <D>(view: ListView<D>, uri: string): Versioned.Versioned<ListView<D>> | undefined => {
  const r = Read.arrayOf(Read.record(view).resources, isRecord).find((x) => x.uri === uri) as
    ResourceView<D> | undefined
  for (const i of Read.arrayOf(r?.instances, isRecord) as unknown as ReadonlyArray<InstanceView<D>>) {
    const c = i.content as ListState<D> | undefined
    if (c !== undefined && c._tag === 'List') return c.state
  }
  return undefined
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The row of a resource in a view. Writing it back keeps the URI.
 *
 * @category optics
 * @since 0.2.0
 */
export const resourceByUri = <D = PartValue>(uri: string): Op.Optional<ListView<D>, ResourceView<D>> =>
  pipe(L.id<ListView<D>>(), L.prop('resources'), L.composeOptional(Optics.byKey('uri', uri)))
