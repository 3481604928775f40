/**
 * Watcher information (RFC 3858 format, for the RFC 3857 `winfo` event template-package): who subscribes to a
 * resource, and in what state each subscription is. Namespace `urn:ietf:params:xml:ns:watcherinfo`, content type
 * `application/watcherinfo+xml`. Elements of other namespaces extend `<watcherinfo>` and `<watcher-list>` (RFC 3858
 * §3) and are kept in `other`; attributes of other namespaces, which receivers must ignore, are kept in `otherAttrs`.
 * Notifications carry full or partial state with a version: {@link merge} is the RFC 3858 §4 merge rule for the
 * state engine in `codec/Versioned`, and {@link pending} lists who awaits an authorization decision.
 *
 * @since 0.1.0
 */
import { pipe } from '#fp-ts/function'
import * as O from '#fp-ts/Option'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as V from '../codec/Value.js'
import * as Read from '../codec/Read.js'
import * as Versioned from '../codec/Versioned.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of watcherinfo documents.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:watcherinfo'

/**
 * The content type.
 *
 * @category model
 * @since 0.1.0
 */
export const CONTENT_TYPE = 'application/watcherinfo+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The subscription status values.
 *
 * @category codecs
 * @since 0.1.0
 */
export const statusValue = /*#__PURE__*/ V.literal('pending', 'active', 'waiting', 'terminated')

/**
 * The state of a subscription (RFC 3857 §4.7.1): `pending` awaits an authorization decision, `waiting` is a pending
 * subscription that timed out and is remembered so that its owner can still decide, `active` is authorized,
 * `terminated` is over.
 *
 * @category model
 * @since 0.1.0
 */
export type Status = V.LiteralOf<typeof statusValue>

/**
 * The event values.
 *
 * @category codecs
 * @since 0.1.0
 */
export const eventValue = /*#__PURE__*/ V.literal(
  'subscribe',
  'approved',
  'deactivated',
  'probation',
  'rejected',
  'timeout',
  'giveup',
  'noresource'
)

/**
 * The event that caused the transition to the current status (RFC 3857 §4.7.1).
 *
 * @category model
 * @since 0.1.0
 */
export type Event = V.LiteralOf<typeof eventValue>

/**
 * The state values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const stateValue = /*#__PURE__*/ V.literal('full', 'partial')

/**
 * Whether a document holds the full watcher information or only the watchers that changed (RFC 3858 §3).
 *
 * @category model
 * @since 0.1.0
 */
export type State = V.LiteralOf<typeof stateValue>

/**
 * A watcher: one subscription to the resource (RFC 3858 §3). The element's content is the watcher's URI.
 *
 * @category model
 * @since 0.1.0
 */
export interface Watcher {
  /** A textual representation of the subscriber's name (`display-name`). */
  readonly displayName?: string
  readonly status: Status
  readonly event: Event
  /** Seconds until the subscription expires. */
  readonly expiration?: V.Integer
  /** Identifies the subscription; unique across the watcherinfo subscription. */
  readonly id: string
  /** Seconds since the subscription was created (`duration-subscribed`). */
  readonly durationSubscribed?: V.Integer
  /** The language of `displayName` (`xml:lang`). */
  readonly lang?: string
  /** Attributes in other namespaces. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The watcher's URI (usually its authenticated address-of-record). */
  readonly uri: string
}

/**
 * The watchers of one resource for one event package (RFC 3858 §3).
 *
 * @category model
 * @since 0.1.0
 */
export interface WatcherList {
  /** The URI of the resource being watched. */
  readonly resource: string
  /** The event package watched (e.g. `presence`). */
  readonly package: string
  /** Attributes in other namespaces. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly watchers: ReadonlyArray<Watcher>
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A watcherinfo document (RFC 3858 §3).
 *
 * @category model
 * @since 0.1.0
 */
export interface Watcherinfo {
  /** Orders the documents of one watcherinfo subscription: starts at 0, one more per document. */
  readonly version: V.Integer
  readonly state: State
  /** Attributes in other namespaces. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly watcherLists: ReadonlyArray<WatcherList>
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A watcher awaiting an authorization decision, with the list it belongs to.
 *
 * @category model
 * @since 0.1.0
 */
export interface PendingWatcher {
  readonly resource: string
  readonly package: string
  readonly watcher: Watcher
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<watcher>` element (RFC 3858 §3, §6: simple content of type `xs:anyURI` with attributes, in the schema's
 * attribute order).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Watcher: XmlCodec<Watcher> = /*#__PURE__*/ C.element(
  el('watcher'),
  {
    displayName: C.optionalAttr('display-name', V.string),
    status: C.attr('status', statusValue),
    event: C.attr('event', eventValue),
    expiration: C.optionalAttr('expiration', V.unsignedLong),
    id: C.attr('id', V.string),
    durationSubscribed: C.optionalAttr('duration-subscribed', V.unsignedLong),
    lang: C.lang(V.language),
    otherAttrs: C.otherAttrs(),
    uri: C.text(V.anyURI)
  },
  'Watcher'
)

/**
 * The `<watcher-list>` element (RFC 3858 §3, §6).
 *
 * @category codecs
 * @since 0.1.0
 */
export const WatcherList: XmlCodec<WatcherList> = /*#__PURE__*/ C.element(
  el('watcher-list'),
  {
    resource: C.attr('resource', V.anyURI),
    xmlns: C.namespaces(),
    package: C.attr('package', V.string),
    otherAttrs: C.otherAttrs(),
    watchers: C.children(Watcher),
    other: C.other(NS)
  },
  'WatcherList'
)

/**
 * The `<watcherinfo>` root element (RFC 3858 §3, §6).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Watcherinfo: XmlCodec<Watcherinfo> = /*#__PURE__*/ C.element(
  el('watcherinfo'),
  {
    xmlns: C.namespaces({ root: true }),
    version: C.attr('version', V.nonNegativeInteger),
    state: C.attr('state', stateValue),
    otherAttrs: C.otherAttrs(),
    watcherLists: C.children(WatcherList),
    other: C.other(NS)
  },
  'Watcherinfo'
)

/**
 * The document codec: `application/watcherinfo+xml`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const document: Doc.XmlDocumentCodec<Watcherinfo> = /*#__PURE__*/ Doc.xml(Watcherinfo, {
  id: 'watcherinfo',
  contentType: CONTENT_TYPE,
  title: 'Watcher information (RFC 3858)'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A watcher.
 *
 * @category constructors
 * @since 0.1.0
 */
export const watcher = (
  w: Pick<Watcher, 'id' | 'uri' | 'status' | 'event'> &
    Partial<Pick<Watcher, 'displayName' | 'expiration' | 'durationSubscribed' | 'lang'>>
): Watcher => w

/**
 * A watcher list.
 *
 * @category constructors
 * @since 0.1.0
 */
export const watcherList = (
  resource: string,
  pkg: string,
  watchers: ReadonlyArray<Watcher> = []
): WatcherList => ({ resource, package: pkg, watchers: Read.array(watchers) as ReadonlyArray<Watcher>, other: [] })

/**
 * A watcherinfo document.
 *
 * @example
 * import { document, watcher, watcherinfo, watcherList } from 'sip-simple-payloads/Watcherinfo'
 * document.encode(
 *   watcherinfo(0, 'full', [
 *     watcherList('sip:B@example.com', 'presence', [
 *       watcher({ id: '7768a77s', uri: 'sip:A@example.com', status: 'pending', event: 'subscribe' })
 *     ])
 *   ])
 * )
 *
 * @category constructors
 * @since 0.1.0
 */
export const watcherinfo = (
  version: V.Integer,
  state: State,
  watcherLists: ReadonlyArray<WatcherList> = []
): Watcherinfo => ({ version, state, watcherLists: Read.array(watcherLists) as ReadonlyArray<WatcherList>, other: [] })

const upsertWatchers = /*#__PURE__*/ Versioned.upsert(
  (w: Watcher) => w.id,
  (w) => w.status === 'terminated'
)

const updateLists = (lists: ReadonlyArray<WatcherList>, doc: Watcherinfo): ReadonlyArray<WatcherList> => {
  if (doc.watcherLists.length === 0) return lists
  const out = lists.slice()
  for (const l of doc.watcherLists) {
    const i = out.findIndex((x) => x.resource === l.resource)
    const watchers = upsertWatchers(i < 0 ? [] : out[i].watchers, l.watchers)
    const next: WatcherList = { ...l, watchers }
    if (i < 0) out.push(next)
    else out[i] = next
  }
  return out
}

const view = (doc: Watcherinfo, lists: ReadonlyArray<WatcherList>): Watcherinfo => {
  const { otherAttrs, other } = doc
  return { version: doc.version, state: 'full', ...(otherAttrs === undefined ? {} : { otherAttrs }), watcherLists: lists, other }
}

/**
 * The RFC 3858 §4 merge rule, for `Versioned.apply`. The state is itself a full-state watcherinfo document (so it can
 * be encoded, and the optics work on it): one watcher list per resource, in the order resources first appeared; in each
 * list one watcher per id, in the order ids first appeared. A full-state document flushes everything and repopulates
 * it; a partial one updates the list of each resource it mentions (creating it when new): a watcher whose id is known
 * replaces it in place, a new one is appended. A watcher whose status is `terminated` leaves the view (RFC 3858 §4 lets
 * the row be removed at any time; here it is removed at once), in full-state documents too. The list's `package`,
 * `otherAttrs` and `other` come from the latest `<watcher-list>` for that resource, the root's `otherAttrs` and
 * `other` from the latest document.
 *
 * @category constructors
 * @since 0.1.0
 */
export const merge: Versioned.Merge<Watcherinfo, Watcherinfo> = {
  version: (doc) => doc.version,
  isFullState: (doc) => doc.state === 'full',
  fromFull: (doc) => view(doc, updateLists([], doc)),
  applyPartial: (state, doc) => view(doc, updateLists(state.watcherLists, doc))
}

/**
 * The watchers awaiting an authorization decision (RFC 3857 §4.7.1): those `pending`, and those `waiting` (a pending
 * subscription that timed out, kept so that its owner can still decide), in document order. Takes a document or a
 * state of the engine.
 *
 * @category constructors
 * @since 0.1.0
 */
export const pending = (state: Watcherinfo | Versioned.Versioned<Watcherinfo>): ReadonlyArray<PendingWatcher> => {
  const s = Read.record(state)
  const doc = 'value' in s ? Read.record(s.value) : s
  const out: Array<PendingWatcher> = []
  for (const l of Read.arrayOf(doc.watcherLists, Read.isRecord))
    for (const w of Read.arrayOf(l.watchers, Read.isRecord))
      if (w.status === 'pending' || w.status === 'waiting')
        out.push({ resource: Read.text(l.resource), package: Read.text(l.package), watcher: w as unknown as Watcher })
  return out
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The watcher list of a resource. Writing it back keeps the resource.
 *
 * @category optics
 * @since 0.1.0
 */
export const watcherListByResource = (resource: string): Op.Optional<Watcherinfo, WatcherList> =>
  pipe(L.id<Watcherinfo>(), L.prop('watcherLists'), L.composeOptional(Optics.byKey('resource', resource)))

/**
 * The first watcher with this id, in any list (ids are unique across a watcherinfo subscription, RFC 3858 §3).
 * Writing it back keeps the id.
 *
 * @category optics
 * @since 0.1.0
 */
export const watcherById = (id: string): Op.Optional<Watcherinfo, Watcher> =>
  Op.optional(
    (doc) => {
      for (const l of doc.watcherLists) for (const w of l.watchers) if (w.id === id) return O.some(w)
      return O.none
    },
    (w) => (doc) => {
      const li = doc.watcherLists.findIndex((l) => l.watchers.some((x) => x.id === id))
      if (li < 0) return doc
      const list = doc.watcherLists[li]
      const watchers = Optics.byKey<Watcher, 'id'>('id', id).set(w)(list.watchers)
      if (watchers === list.watchers) return doc
      const lists = doc.watcherLists.slice()
      lists[li] = { ...list, watchers }
      return { ...doc, watcherLists: lists }
    }
  )

/**
 * Every watcher with a given status, in every list. (Edits should keep the status, as for any filtered traversal.)
 *
 * @category optics
 * @since 0.1.0
 */
export const everyWatcherWithStatus = (status: Status): T.Traversal<Watcherinfo, Watcher> =>
  pipe(
    L.id<Watcherinfo>(),
    L.prop('watcherLists'),
    L.composeTraversal(Optics.every<WatcherList>()),
    T.prop('watchers'),
    T.composeTraversal(Optics.everyWhere<Watcher>((w) => w.status === status))
  )
