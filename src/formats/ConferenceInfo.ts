/**
 * Conference state (RFC 4575, the `conference` event package): who takes part in a conference, through which
 * endpoints and media, and what the conference is. Namespace `urn:ietf:params:xml:ns:conference-info`, content type
 * `application/conference-info+xml`. Every element the schema makes extensible keeps elements of other namespaces in
 * `other` and attributes of other namespaces in `otherAttrs` (RFC 4575 §5.11). Notifications carry a version and full
 * or partial state at several levels (§4.3 to §4.6): {@link merge} is the §4.6 procedure for the state engine in
 * `codec/Versioned`, built from the description of the keyed tree in {@link tree} (users by `entity`, endpoints by
 * `entity`, media by `id`, sidebars by `entity`, URI entries by `uri`) with `codec/KeyedMerge`; {@link roster} is the
 * view a client shows.
 *
 * RFC 4579's examples (§5) leave the namespace out of the root: such a document is schema-invalid and strict decoding
 * refuses it; lenient decoding reads it as in the namespace and says so in its warnings.
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as E from '#fp-ts/Either'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as t from 'io-ts'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import { parse } from '../xml/Parser.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import { expected, type Problem } from '../codec/DecodeError.js'
import * as KeyedMerge from '../codec/KeyedMerge.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type * as Versioned from '../codec/Versioned.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of conference information documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:conference-info'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/conference-info+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The state values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const stateValue = /*#__PURE__*/ V.literal('full', 'partial', 'deleted')

/**
 * Whether an element holds all of its content, only what changed since the last notification, or was deleted
 * (RFC 4575 §4.4; `full` when the attribute is left out).
 *
 * @category model
 * @since 0.2.0
 */
export type State = V.LiteralOf<typeof stateValue>

/**
 * The endpoint status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const endpointStatusValue = /*#__PURE__*/ V.literal(
  'pending',
  'dialing-out',
  'dialing-in',
  'alerting',
  'on-hold',
  'connected',
  'muted-via-focus',
  'disconnecting',
  'disconnected'
)

/**
 * The status of an endpoint in the conference (RFC 4575 §5.6.4).
 *
 * @category model
 * @since 0.2.0
 */
export type EndpointStatus = V.LiteralOf<typeof endpointStatusValue>

/**
 * The joining method values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const joiningMethodValue = /*#__PURE__*/ V.literal('dialed-in', 'dialed-out', 'focus-owner')

/**
 * How an endpoint joined (RFC 4575 §5.6.5).
 *
 * @category model
 * @since 0.2.0
 */
export type JoiningMethod = V.LiteralOf<typeof joiningMethodValue>

/**
 * The disconnection method values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const disconnectionMethodValue = /*#__PURE__*/ V.literal('departed', 'booted', 'failed', 'busy')

/**
 * How an endpoint left (RFC 4575 §5.6.7).
 *
 * @category model
 * @since 0.2.0
 */
export type DisconnectionMethod = V.LiteralOf<typeof disconnectionMethodValue>

/**
 * The media status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const mediaStatusValue = /*#__PURE__*/ V.literal('recvonly', 'sendonly', 'sendrecv', 'inactive')

/**
 * The direction of a media stream, as the focus sees it (RFC 4575 §5.6.9.5).
 *
 * @category model
 * @since 0.2.0
 */
export type MediaStatus = V.LiteralOf<typeof mediaStatusValue>

/**
 * Attributes in other namespaces.
 *
 * @category model
 * @since 0.2.0
 */
export type OtherAttrs = Readonly<Record<string, string>>

/**
 * When, why and by whom something happened (the schema's `execution-type`: `<referred>`, `<joining-info>`,
 * `<disconnection-info>`, `<modified>`; RFC 4575 §5.6.3).
 *
 * @category model
 * @since 0.2.0
 */
export interface Execution {
  readonly otherAttrs?: OtherAttrs
  /** `xs:dateTime`, lexical form kept. */
  readonly when?: string
  readonly reason?: string
  readonly by?: string
}

/**
 * A URI with its description (the schema's `uri-type`, RFC 4575 §5.3.5 to §5.3.6).
 *
 * @category model
 * @since 0.2.0
 */
export interface Uri {
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** The key of the entry (RFC 4575 §4.5). */
  readonly uri: string
  readonly displayText?: string
  /** What the URI is for (`participation`, `streaming`, `web-page`, `recording`, ...). */
  readonly purpose?: string
  readonly modified?: Execution
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A list of URIs (the schema's `uris-type`: `<conf-uris>`, `<service-uris>`, `<uris>`, `<associated-aors>`,
 * `<sidebars-by-ref>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Uris {
  readonly state?: State
  readonly otherAttrs?: OtherAttrs
  readonly entries: ReadonlyNonEmptyArray<Uri>
}

/**
 * A medium the conference offers (an `<entry>` of `<available-media>`, RFC 4575 §5.3.8).
 *
 * @category model
 * @since 0.2.0
 */
export interface Medium {
  readonly label: string
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  /** The media type (`audio`, `video`, `text`, `message`, ...). */
  readonly type: string
  readonly status?: MediaStatus
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The media the conference offers (`<available-media>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface AvailableMedia {
  readonly otherAttrs?: OtherAttrs
  readonly entries: ReadonlyNonEmptyArray<Medium>
}

/**
 * What the conference is (`<conference-description>`, RFC 4575 §5.3).
 *
 * @category model
 * @since 0.2.0
 */
export interface ConferenceDescription {
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  readonly subject?: string
  readonly freeText?: string
  /** Words for searching (an `xs:list`: each keyword has no white space). */
  readonly keywords?: ReadonlyArray<string>
  readonly confUris?: Uris
  readonly serviceUris?: Uris
  readonly maximumUserCount?: number
  readonly availableMedia?: AvailableMedia
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * Who hosts the conference (`<host-info>`, RFC 4575 §5.4).
 *
 * @category model
 * @since 0.2.0
 */
export interface HostInfo {
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  readonly webPage?: string
  readonly uris?: Uris
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The state of the conference as a whole (`<conference-state>`, RFC 4575 §5.5).
 *
 * @category model
 * @since 0.2.0
 */
export interface ConferenceState {
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly userCount?: number
  readonly active?: boolean
  readonly locked?: boolean
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The roles of a user (`<roles>`, RFC 4575 §5.6.2): at least one `<entry>`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Roles {
  readonly otherAttrs?: OtherAttrs
  readonly entries: ReadonlyNonEmptyArray<string>
}

/**
 * The SIP dialog of an endpoint (`<sip>` in `<call-info>`, RFC 4575 §5.6.10).
 *
 * @category model
 * @since 0.2.0
 */
export interface Sip {
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  readonly callId: string
  readonly fromTag: string
  readonly toTag: string
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The signalling of an endpoint (`<call-info>`): a SIP dialog, or elements of other namespaces (the schema's choice:
 * never both).
 *
 * @category model
 * @since 0.2.0
 */
export interface CallInfo {
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly sip?: Sip
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A media stream of an endpoint (`<media>`, RFC 4575 §5.6.9), keyed by `id`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Media {
  readonly id: string
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  readonly type?: string
  /** The media label of the conference's `<available-media>` entry it belongs to. */
  readonly label?: string
  /** The synchronisation source (e.g. an RTP SSRC). */
  readonly srcId?: string
  readonly status?: MediaStatus
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A device of a user in the conference (`<endpoint>`, RFC 4575 §5.6.3 to §5.6.10), keyed by `entity`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Endpoint {
  /** The endpoint's URI, or any string the focus uses to tell endpoints apart (`xs:string`). */
  readonly entity?: string
  readonly state?: State
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  readonly referred?: Execution
  readonly status?: EndpointStatus
  readonly joiningMethod?: JoiningMethod
  readonly joiningInfo?: Execution
  readonly disconnectionMethod?: DisconnectionMethod
  readonly disconnectionInfo?: Execution
  readonly media: ReadonlyArray<Media>
  readonly callInfo?: CallInfo
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A participant (`<user>`, RFC 4575 §5.6), keyed by `entity`.
 *
 * @category model
 * @since 0.2.0
 */
export interface User {
  /** The user's URI (usually the address-of-record). */
  readonly entity?: string
  readonly state?: State
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly displayText?: string
  readonly associatedAors?: Uris
  readonly roles?: Roles
  /** Languages the user speaks (an `xs:list` of `xs:language`). */
  readonly languages?: ReadonlyArray<string>
  /** The URI of a focus that conference the user's endpoints in (cascading, RFC 4575 §5.6.3). */
  readonly cascadedFocus?: string
  readonly endpoints: ReadonlyArray<Endpoint>
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The participants (`<users>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Users {
  readonly state?: State
  readonly otherAttrs?: OtherAttrs
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly users: ReadonlyArray<User>
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The sidebars described in place (`<sidebars-by-val>`, RFC 4575 §5.9): each `<entry>` is a conference of its own,
 * keyed by `entity`.
 *
 * @category model
 * @since 0.2.0
 */
export interface SidebarsByVal {
  readonly state?: State
  readonly otherAttrs?: OtherAttrs
  readonly entries: ReadonlyArray<Sidebar>
}

/**
 * A conference information document (`<conference-info>`, RFC 4575 §5.2), and the type of a sidebar.
 *
 * @category model
 * @since 0.2.0
 */
export interface ConferenceInfo {
  /** The namespace declarations of the element, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** The conference URI. */
  readonly entity: string
  readonly state?: State
  /** Orders the documents of one subscription (RFC 4575 §4.3: it MUST be there; the schema leaves it optional). */
  readonly version?: number
  readonly otherAttrs?: OtherAttrs
  readonly conferenceDescription?: ConferenceDescription
  readonly hostInfo?: HostInfo
  readonly conferenceState?: ConferenceState
  readonly users?: Users
  readonly sidebarsByRef?: Uris
  readonly sidebarsByVal?: SidebarsByVal
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A sidebar described in place: an `<entry>` of `<sidebars-by-val>`, of the same type as the document.
 *
 * @category model
 * @since 0.2.0
 */
export type Sidebar = ConferenceInfo

/**
 * A media stream in the roster view.
 *
 * @category model
 * @since 0.2.0
 */
export interface RosterMedia {
  readonly id: string
  readonly type?: string
  readonly label?: string
  readonly status?: MediaStatus
}

/**
 * An endpoint in the roster view.
 *
 * @category model
 * @since 0.2.0
 */
export interface RosterEndpoint {
  readonly entity?: string
  readonly displayText?: string
  readonly status?: EndpointStatus
  readonly media: ReadonlyArray<RosterMedia>
}

/**
 * A participant in the roster view: who, in which roles, through which endpoints in which status, with which media.
 *
 * @category model
 * @since 0.2.0
 */
export interface RosterUser {
  readonly entity?: string
  readonly displayText?: string
  readonly roles: ReadonlyArray<string>
  readonly endpoints: ReadonlyArray<RosterEndpoint>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const otherAttrs = (): C.Field<OtherAttrs, true> => C.otherAttrs((n) => n.ns !== '' && n.ns !== NS)

/** An `xs:list` of an item type: the items of the collapsed text, separated by single spaces. */
const listOf = (name: string, item: V.ValueCodec<string>): V.ValueCodec<ReadonlyArray<string>> =>
  new t.Type<ReadonlyArray<string>, string, string>(
    name,
    (u): u is ReadonlyArray<string> =>
      Array.isArray(u) && u.every((x) => typeof x === 'string' && x !== '' && !/[\t\n\r ]/.test(x) && item.is(x)),
    (s, c) => {
      const collapsed = V.collapse(s)
      const items = collapsed === '' ? [] : collapsed.split(' ')
      return items.every((x) => item.is(x)) ? t.success(items) : t.failure(s, c, expected(name, s))
    },
    // total, whatever a caller passes as a value
    (xs) => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string').join(' ') : '')
  )

/**
 * The content of `<keywords>`: an `xs:list` of `xs:string`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const keywordsValue: V.ValueCodec<ReadonlyArray<string>> = /*#__PURE__*/ listOf('a list of keywords', V.string)

/**
 * The content of `<languages>`: an `xs:list` of `xs:language`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const languagesValue: V.ValueCodec<ReadonlyArray<string>> = /*#__PURE__*/ listOf('a list of xs:language', V.language)

const execution = (local: string): XmlCodec<Execution> =>
  C.element(
    el(local),
    {
      otherAttrs: otherAttrs(),
      when: C.optionalChild(el('when'), V.dateTime),
      reason: C.optionalChild(el('reason'), V.string),
      by: C.optionalChild(el('by'), V.anyURI)
    },
    'Execution'
  )

const UriEntry: XmlCodec<Uri> = /*#__PURE__*/ C.element(
  el('entry'),
  {
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    uri: C.child(el('uri'), V.anyURI),
    displayText: C.optionalChild(el('display-text'), V.string),
    purpose: C.optionalChild(el('purpose'), V.string),
    modified: C.optionalChild(execution('modified')),
    other: C.other(NS)
  },
  'Uri'
)

const uris = (local: string): XmlCodec<Uris> =>
  C.element(
    el(local),
    { state: C.optionalAttr('state', stateValue), otherAttrs: otherAttrs(), entries: C.nonEmptyChildren(UriEntry) },
    'Uris'
  )

const MediumEntry: XmlCodec<Medium> = /*#__PURE__*/ C.element(
  el('entry'),
  {
    label: C.attr('label', V.string),
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    type: C.child(el('type'), V.string),
    status: C.optionalChild(el('status'), mediaStatusValue),
    other: C.other(NS)
  },
  'Medium'
)

const AvailableMediaCodec: XmlCodec<AvailableMedia> = /*#__PURE__*/ C.element(
  el('available-media'),
  { otherAttrs: otherAttrs(), entries: C.nonEmptyChildren(MediumEntry) },
  'AvailableMedia'
)

const ConferenceDescriptionCodec: XmlCodec<ConferenceDescription> = /*#__PURE__*/ C.element(
  el('conference-description'),
  {
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    subject: C.optionalChild(el('subject'), V.string),
    freeText: C.optionalChild(el('free-text'), V.string),
    keywords: C.optionalChild(el('keywords'), keywordsValue),
    confUris: C.optionalChild(uris('conf-uris')),
    serviceUris: C.optionalChild(uris('service-uris')),
    maximumUserCount: C.optionalChild(el('maximum-user-count'), V.unsignedInt),
    availableMedia: C.optionalChild(AvailableMediaCodec),
    other: C.other(NS)
  },
  'ConferenceDescription'
)

const HostInfoCodec: XmlCodec<HostInfo> = /*#__PURE__*/ C.element(
  el('host-info'),
  {
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    webPage: C.optionalChild(el('web-page'), V.anyURI),
    uris: C.optionalChild(uris('uris')),
    other: C.other(NS)
  },
  'HostInfo'
)

const ConferenceStateCodec: XmlCodec<ConferenceState> = /*#__PURE__*/ C.element(
  el('conference-state'),
  {
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    userCount: C.optionalChild(el('user-count'), V.unsignedInt),
    active: C.optionalChild(el('active'), V.boolean),
    locked: C.optionalChild(el('locked'), V.boolean),
    other: C.other(NS)
  },
  'ConferenceState'
)

const RolesCodec: XmlCodec<Roles> = /*#__PURE__*/ C.element(
  el('roles'),
  { otherAttrs: otherAttrs(), entries: C.nonEmptyChildren(el('entry'), V.string) },
  'Roles'
)

const SipCodec: XmlCodec<Sip> = /*#__PURE__*/ C.element(
  el('sip'),
  {
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    callId: C.child(el('call-id'), V.string),
    fromTag: C.child(el('from-tag'), V.string),
    toTag: C.child(el('to-tag'), V.string),
    other: C.other(NS)
  },
  'Sip'
)

const CallInfoCodec: XmlCodec<CallInfo> = /*#__PURE__*/ C.constrain(
  C.element(
    el('call-info'),
    { otherAttrs: otherAttrs(), xmlns: C.namespaces(), sip: C.optionalChild(SipCodec), other: C.other(NS) },
    'CallInfo'
  ),
  (v) =>
    v.sip !== undefined && v.other.length > 0
      ? [{ path: [`${v.other[0].name.local}[1]`], message: 'expected either <sip> or elements of other namespaces (a choice), got both' }]
      : []
)

/**
 * The `<media>` element (RFC 4575 §5.6.9).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Media: XmlCodec<Media> = /*#__PURE__*/ C.element(
  el('media'),
  {
    id: C.attr('id', V.string),
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    type: C.optionalChild(el('type'), V.string),
    label: C.optionalChild(el('label'), V.string),
    srcId: C.optionalChild(el('src-id'), V.string),
    status: C.optionalChild(el('status'), mediaStatusValue),
    other: C.other(NS)
  },
  'Media'
)

/**
 * The `<endpoint>` element (RFC 4575 §5.6.3 to §5.6.10).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Endpoint: XmlCodec<Endpoint> = /*#__PURE__*/ C.element(
  el('endpoint'),
  {
    entity: C.optionalAttr('entity', V.string),
    state: C.optionalAttr('state', stateValue),
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    referred: C.optionalChild(execution('referred')),
    status: C.optionalChild(el('status'), endpointStatusValue),
    joiningMethod: C.optionalChild(el('joining-method'), joiningMethodValue),
    joiningInfo: C.optionalChild(execution('joining-info')),
    disconnectionMethod: C.optionalChild(el('disconnection-method'), disconnectionMethodValue),
    disconnectionInfo: C.optionalChild(execution('disconnection-info')),
    media: C.children(Media),
    callInfo: C.optionalChild(CallInfoCodec),
    other: C.other(NS)
  },
  'Endpoint'
)

/**
 * The `<user>` element (RFC 4575 §5.6).
 *
 * @category codecs
 * @since 0.2.0
 */
export const User: XmlCodec<User> = /*#__PURE__*/ C.element(
  el('user'),
  {
    entity: C.optionalAttr('entity', V.anyURI),
    state: C.optionalAttr('state', stateValue),
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    displayText: C.optionalChild(el('display-text'), V.string),
    associatedAors: C.optionalChild(uris('associated-aors')),
    roles: C.optionalChild(RolesCodec),
    languages: C.optionalChild(el('languages'), languagesValue),
    cascadedFocus: C.optionalChild(el('cascaded-focus'), V.anyURI),
    endpoints: C.children(Endpoint),
    other: C.other(NS)
  },
  'User'
)

const UsersCodec: XmlCodec<Users> = /*#__PURE__*/ C.element(
  el('users'),
  {
    state: C.optionalAttr('state', stateValue),
    otherAttrs: otherAttrs(),
    xmlns: C.namespaces(),
    users: C.children(User),
    other: C.other(NS)
  },
  'Users'
)

const conferenceType = (name: Xml.QName, root: boolean, sidebarsByVal: XmlCodec<SidebarsByVal>): XmlCodec<ConferenceInfo> =>
  C.element(
    name,
    {
      xmlns: C.namespaces(root ? { root: true } : {}),
      entity: C.attr('entity', V.anyURI),
      state: C.optionalAttr('state', stateValue),
      version: C.optionalAttr('version', V.unsignedInt),
      otherAttrs: otherAttrs(),
      conferenceDescription: C.optionalChild(ConferenceDescriptionCodec),
      hostInfo: C.optionalChild(HostInfoCodec),
      conferenceState: C.optionalChild(ConferenceStateCodec),
      users: C.optionalChild(UsersCodec),
      sidebarsByRef: C.optionalChild(uris('sidebars-by-ref')),
      sidebarsByVal: C.optionalChild(sidebarsByVal),
      other: C.other(NS)
    },
    root ? 'ConferenceInfo' : 'Sidebar'
  )

const LazySidebarsByVal: XmlCodec<SidebarsByVal> = /*#__PURE__*/ C.lazy([el('sidebars-by-val')], () => SidebarsByValCodec, 'SidebarsByVal')

/**
 * A sidebar described in place: an `<entry>` of `<sidebars-by-val>` (RFC 4575 §5.9, the schema's `conference-type`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Sidebar: XmlCodec<Sidebar> = /*#__PURE__*/ conferenceType(el('entry'), false, LazySidebarsByVal)

const SidebarsByValCodec: XmlCodec<SidebarsByVal> = /*#__PURE__*/ C.element(
  el('sidebars-by-val'),
  { state: C.optionalAttr('state', stateValue), otherAttrs: otherAttrs(), entries: C.children(Sidebar) },
  'SidebarsByVal'
)

/**
 * The `<conference-info>` root element (RFC 4575 §5.2, the schema's `conference-type`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ConferenceInfo: XmlCodec<ConferenceInfo> = /*#__PURE__*/ conferenceType(el('conference-info'), true, LazySidebarsByVal)

const ROOT_PATH = '/conference-info'

/** Whether a strict decode failed only because the root is `<conference-info>` in no namespace. */
const unqualifiedRoot = (problems: ReadonlyArray<Problem>): boolean =>
  problems.length === 1 && problems[0].path === ROOT_PATH && problems[0].message.endsWith(', got <conference-info>')

/** The document's elements in no namespace, from the root down to the first element in a namespace, put into ours. */
const adopt = (e: Xml.Element): Xml.Element => {
  if (e.name.ns !== '') return e
  const namespaces = e.namespaces?.filter((d) => !(d.prefix === '' && d.uri === ''))
  return {
    _tag: 'Element',
    name: { ns: NS, local: e.name.local },
    attrs: e.attrs,
    children: e.children.map((c) => (c._tag === 'Element' ? adopt(c) : c)),
    ...(namespaces !== undefined && namespaces.length > 0 ? { namespaces } : {})
  }
}

const adopted: Problem = {
  path: ROOT_PATH,
  message: `expected the namespace ${NS}, got none: read as in it (RFC 4579's examples leave it out)`
}

/** Lenient mode reads a root in no namespace (RFC 4579 §5) as in ours, with a warning; strict mode refuses it. */
const readingUnqualified = (codec: Doc.XmlDocumentCodec<ConferenceInfo>): Doc.XmlDocumentCodec<ConferenceInfo> => {
  const decodeElementLenient = (root: Xml.Element): ReturnType<typeof codec.decodeElementLenient> => {
    if (root.name.ns !== '' || root.name.local !== 'conference-info') return codec.decodeElementLenient(root)
    return pipe(
      codec.decodeElementLenient(adopt(root)),
      E.map((l) => ({ ...l, warnings: [adopted, ...l.warnings] }))
    )
  }
  return {
    ...codec,
    decodeElementLenient,
    decodeLenient: (input, options) => {
      const r = codec.decodeLenient(input, options)
      if (E.isRight(r) || !unqualifiedRoot(r.left) || (typeof input !== 'string' && !(input instanceof Uint8Array))) return r
      const p = parse(input, options)
      return E.isLeft(p) ? r : decodeElementLenient(p.right)
    }
  }
}

/**
 * The document codec: `application/conference-info+xml`. Lenient decoding also reads a root in no namespace, as in
 * RFC 4579's examples, and says so in its warnings.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<ConferenceInfo> = /*#__PURE__*/ readingUnqualified(
  Doc.xml(ConferenceInfo, {
    id: 'conference-info',
    contentType: CONTENT_TYPE,
    title: 'Conference state (RFC 4575)',
    // (`<entry>` is not listed: the entries of <roles> hold text)
    elementOnly: [
      'conference-info',
      'conference-description',
      'conf-uris',
      'service-uris',
      'available-media',
      'host-info',
      'uris',
      'conference-state',
      'users',
      'user',
      'associated-aors',
      'roles',
      'endpoint',
      'referred',
      'joining-info',
      'disconnection-info',
      'modified',
      'media',
      'call-info',
      'sip',
      'sidebars-by-ref',
      'sidebars-by-val'
    ].map(el)
  })
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A record without its undefined values (optional keys are left out, never `undefined`). */
const compact = <A>(r: { readonly [K in keyof A]: A[K] | undefined }): A => Read.defined(r) as unknown as A

/** The record given (taken for an `A`: the guards judge it), or undefined. */
const recordOf = <A>(u: unknown): A | undefined => (Read.isRecord(u) ? (u as unknown as A) : undefined)

/** The records of an array (taken for `A`s: the guards judge them). */
const recordsOf = <A>(u: unknown): ReadonlyArray<A> => Read.arrayOf(u, Read.isRecord) as unknown as ReadonlyArray<A>

const nonEmptyStrings = (u: unknown): ReadonlyNonEmptyArray<string> | undefined => {
  const xs = Read.arrayOf(u, (x): x is string => typeof x === 'string')
  return xs.length > 0 ? (xs as ReadonlyNonEmptyArray<string>) : undefined
}

const strings = (u: unknown): ReadonlyArray<string> | undefined => (Array.isArray(u) ? Read.arrayOf(u, (x): x is string => typeof x === 'string') : undefined)

const versionOf = (u: unknown): number | undefined => {
  const v = Read.integer(u)
  return typeof v === 'number' ? v : undefined
}

/**
 * A media stream.
 *
 * @category constructors
 * @since 0.2.0
 */
export const media = (input: {
  readonly id: string
  readonly displayText?: string
  readonly type?: string
  readonly label?: string
  readonly srcId?: string
  readonly status?: MediaStatus
}): Media => {
  const i = Read.record(input)
  return compact<Media>({
    id: Read.string(i.id) ?? '',
    displayText: Read.string(i.displayText),
    type: Read.string(i.type),
    label: Read.string(i.label),
    srcId: Read.string(i.srcId),
    status: Read.string(i.status) as MediaStatus | undefined,
    other: []
  })
}

/**
 * An endpoint.
 *
 * @category constructors
 * @since 0.2.0
 */
export const endpoint = (input: {
  readonly entity: string
  readonly displayText?: string
  readonly status?: EndpointStatus
  readonly joiningMethod?: JoiningMethod
  readonly disconnectionMethod?: DisconnectionMethod
  readonly media?: ReadonlyArray<Media>
  readonly callInfo?: CallInfo
}): Endpoint => {
  const i = Read.record(input)
  return compact<Endpoint>({
    entity: Read.string(i.entity),
    displayText: Read.string(i.displayText),
    status: Read.string(i.status) as EndpointStatus | undefined,
    joiningMethod: Read.string(i.joiningMethod) as JoiningMethod | undefined,
    disconnectionMethod: Read.string(i.disconnectionMethod) as DisconnectionMethod | undefined,
    media: recordsOf<Media>(i.media),
    callInfo: recordOf<CallInfo>(i.callInfo),
    other: []
  })
}

/**
 * A user, with its roles, languages and endpoints.
 *
 * @category constructors
 * @since 0.2.0
 */
export const user = (input: {
  readonly entity: string
  readonly displayText?: string
  readonly roles?: ReadonlyArray<string>
  readonly languages?: ReadonlyArray<string>
  readonly cascadedFocus?: string
  readonly endpoints?: ReadonlyArray<Endpoint>
}): User => {
  const i = Read.record(input)
  const roles = nonEmptyStrings(i.roles)
  return compact<User>({
    entity: Read.string(i.entity),
    displayText: Read.string(i.displayText),
    roles: roles === undefined ? undefined : { entries: roles },
    languages: strings(i.languages),
    cascadedFocus: Read.string(i.cascadedFocus),
    endpoints: recordsOf<Endpoint>(i.endpoints),
    other: []
  })
}

/**
 * A full-state document, as a focus sends it first on every subscription (RFC 4575 §4.6): the users given make up
 * the whole `<users>` (left out when `users` is).
 *
 * @example
 * import { conferenceInfo, document, endpoint, media, user } from 'sip-simple-payloads/ConferenceInfo'
 * document.encode(
 *   conferenceInfo({
 *     entity: 'sips:conf233@example.com',
 *     version: 1,
 *     users: [
 *       user({
 *         entity: 'sip:alice@example.com',
 *         roles: ['participant'],
 *         endpoints: [endpoint({ entity: 'sip:alice@pc.example.com', status: 'connected', media: [media({ id: '1', type: 'audio', status: 'sendrecv' })] })]
 *       })
 *     ]
 *   })
 * )
 *
 * @category constructors
 * @since 0.2.0
 */
export const conferenceInfo = (input: {
  readonly entity: string
  readonly version?: number
  readonly state?: State
  readonly conferenceDescription?: ConferenceDescription
  readonly hostInfo?: HostInfo
  readonly conferenceState?: ConferenceState
  readonly users?: ReadonlyArray<User>
  readonly sidebarsByRef?: Uris
  readonly sidebarsByVal?: ReadonlyArray<Sidebar>
}): ConferenceInfo => {
  const i = Read.record(input)
  return compact<ConferenceInfo>({
    entity: Read.string(i.entity) ?? '',
    state: (Read.string(i.state) as State | undefined) ?? 'full',
    version: versionOf(i.version),
    conferenceDescription: recordOf<ConferenceDescription>(i.conferenceDescription),
    hostInfo: recordOf<HostInfo>(i.hostInfo),
    conferenceState: recordOf<ConferenceState>(i.conferenceState),
    users: Array.isArray(i.users) ? { users: recordsOf<User>(i.users), other: [] } : undefined,
    sidebarsByRef: recordOf<Uris>(i.sidebarsByRef),
    sidebarsByVal: Array.isArray(i.sidebarsByVal) ? { entries: recordsOf<Sidebar>(i.sidebarsByVal) } : undefined,
    other: []
  })
}

const withOneUser = (conference: unknown, version: unknown, one: User): ConferenceInfo =>
  compact<ConferenceInfo>({
    entity: Read.string(conference) ?? '',
    state: 'partial' as const,
    version: versionOf(version),
    users: { state: 'partial' as const, users: [one], other: [] },
    other: []
  })

/**
 * A partial document that adds a user, or replaces it whole if the subscriber knows it (the user is sent with state
 * `full`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const userAdded = (conference: string, version: number, u: User): ConferenceInfo =>
  withOneUser(conference, version, { ...(Read.record(u) as unknown as User), state: 'full' })

/**
 * A partial document that changes a user: the user is sent with state `partial`, so that what it carries updates the
 * subscriber's user and the rest stays (RFC 4575 §4.6). Give the user's `entity` and what changed: an endpoint with
 * state `partial` updates the endpoint with its `entity` (its media merge by `id`), one without a state replaces it,
 * one with state `deleted` removes it. What a partial element leaves out stays: to drop a field, send the element full.
 *
 * @category constructors
 * @since 0.2.0
 */
export const userChanged = (conference: string, version: number, u: User): ConferenceInfo =>
  withOneUser(conference, version, { ...(Read.record(u) as unknown as User), state: 'partial' })

/**
 * A partial document that removes a user (sent with state `deleted`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const userDeleted = (conference: string, version: number, entity: string): ConferenceInfo =>
  withOneUser(conference, version, compact<User>({ entity: Read.string(entity), state: 'deleted', endpoints: [], other: [] }))

const byName = (e: Xml.Element): string => Xml.key(e.name)

const uriNode: KeyedMerge.Node<Uri> = { slots: { otherAttrs: KeyedMerge.attributes, other: KeyedMerge.groups(byName) } }

const urisNode: KeyedMerge.Node<Uris> = {
  state: 'state',
  slots: { otherAttrs: KeyedMerge.attributes, entries: KeyedMerge.rows('uri', uriNode) }
}

const mediaNode: KeyedMerge.Node<Media> = { slots: { otherAttrs: KeyedMerge.attributes, other: KeyedMerge.groups(byName) } }

const endpointNode: KeyedMerge.Node<Endpoint> = {
  state: 'state',
  slots: { otherAttrs: KeyedMerge.attributes, media: KeyedMerge.rows('id', mediaNode), other: KeyedMerge.groups(byName) }
}

const userNode: KeyedMerge.Node<User> = {
  state: 'state',
  slots: {
    otherAttrs: KeyedMerge.attributes,
    associatedAors: KeyedMerge.child(urisNode),
    languages: KeyedMerge.atom,
    endpoints: KeyedMerge.rows('entity', endpointNode),
    other: KeyedMerge.groups(byName)
  }
}

const usersNode: KeyedMerge.Node<Users> = {
  state: 'state',
  slots: { otherAttrs: KeyedMerge.attributes, users: KeyedMerge.rows('entity', userNode), other: KeyedMerge.groups(byName) }
}

// elements without a state are atomic: a partial update replaces them whole; their URI lists are normalised with them
const descriptionNode: KeyedMerge.Node<ConferenceDescription> = {
  slots: { confUris: KeyedMerge.child(urisNode), serviceUris: KeyedMerge.child(urisNode), keywords: KeyedMerge.atom }
}

const hostNode: KeyedMerge.Node<HostInfo> = { slots: { uris: KeyedMerge.child(urisNode) } }

/**
 * The keyed tree of conference information (RFC 4575 §4.4, §4.5), for `codec/KeyedMerge`: the elements with a state
 * (`<conference-info>` and sidebars, `<users>`, `<user>`, `<endpoint>`, `<sidebars-by-val>` and the URI lists), the
 * keys (users and endpoints by `entity`, media by `id`, sidebars by `entity`, URI entries by `uri`), foreign elements
 * replaced by name and foreign attributes by name; `<conference-description>`, `<host-info>` and
 * `<conference-state>` are atomic.
 *
 * @category constructors
 * @since 0.2.0
 */
export const tree: KeyedMerge.Node<ConferenceInfo> = {
  state: 'state',
  slots: {
    otherAttrs: KeyedMerge.attributes,
    conferenceDescription: KeyedMerge.child(descriptionNode),
    hostInfo: KeyedMerge.child(hostNode),
    users: KeyedMerge.child(usersNode),
    sidebarsByRef: KeyedMerge.child(urisNode),
    sidebarsByVal: KeyedMerge.child(
      (): KeyedMerge.Node<SidebarsByVal> => ({
        state: 'state',
        slots: { otherAttrs: KeyedMerge.attributes, entries: KeyedMerge.rows('entity', () => tree) }
      })
    ),
    other: KeyedMerge.groups(byName)
  }
}

/**
 * The RFC 4575 §4.6 merge rule, for `Versioned.apply`. The state is a full-state document in normal form (no states
 * below the root, no deleted users, endpoints or sidebars; the root's state `full`, or `deleted` once the conference
 * is gone): a full or deleted document replaces it, a partial one is merged in (see `codec/KeyedMerge`). The version
 * is the document's `version` (a document without one counts as version 0: RFC 4575 §4.3 requires it).
 *
 * @category constructors
 * @since 0.2.0
 */
export const merge: Versioned.Merge<ConferenceInfo, ConferenceInfo> = /*#__PURE__*/ KeyedMerge.merge(tree, {
  version: (doc) => doc.version ?? 0
})

/**
 * The places where a document breaks RFC 4575 §4.4 (a child of a full element MUST be full): for instance a partial
 * publication that a server relays under a root it relabels `full`. Empty for a consistent document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const inconsistencies: (doc: ConferenceInfo) => ReadonlyArray<KeyedMerge.Inconsistency> = /*#__PURE__*/ KeyedMerge.inconsistencies(tree)

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The user with this entity (the first one, should it repeat). Writing it back keeps the entity.
 *
 * @category optics
 * @since 0.2.0
 */
export const userByEntity = (entity: string): Op.Optional<ConferenceInfo, User> =>
  pipe(L.id<ConferenceInfo>(), L.prop('users'), L.fromNullable, Op.prop('users'), Op.compose(Optics.byKey<User, 'entity'>('entity', entity)))

/**
 * The endpoint of a user with this entity. Writing it back keeps the entity.
 *
 * @category optics
 * @since 0.2.0
 */
export const endpointByEntity = (entity: string): Op.Optional<User, Endpoint> =>
  pipe(L.id<User>(), L.prop('endpoints'), L.composeOptional(Optics.byKey<Endpoint, 'entity'>('entity', entity)))

/**
 * The media stream of an endpoint with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const mediaById = (id: string): Op.Optional<Endpoint, Media> =>
  pipe(L.id<Endpoint>(), L.prop('media'), L.composeOptional(Optics.byKey<Media, 'id'>('id', id)))

/**
 * Every user of the document.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyUser: T.Traversal<ConferenceInfo, User> = /*#__PURE__*/ pipe(
  L.id<ConferenceInfo>(),
  L.prop('users'),
  L.fromNullable,
  Op.prop('users'),
  Op.composeTraversal(Optics.every<User>())
)

const rosterMedia = (m: Readonly<Record<string, unknown>>): RosterMedia =>
  compact<RosterMedia>({
    id: Read.string(m.id) ?? '',
    type: Read.string(m.type),
    label: Read.string(m.label),
    status: Read.string(m.status) as MediaStatus | undefined
  })

const present = (r: Readonly<Record<string, unknown>>): boolean => r.state !== 'deleted'

/**
 * The roster: the users, in document order, with their roles and their endpoints' statuses and media (a view a
 * client shows). Takes a document or a state of the engine; deleted users and endpoints are not in it.
 *
 * @category optics
 * @since 0.2.0
 */
export const roster = (conference: ConferenceInfo | Versioned.Versioned<ConferenceInfo>): ReadonlyArray<RosterUser> => {
  const s = Read.record(conference)
  const doc = 'value' in s && !('entity' in s) ? Read.record(s.value) : s
  const users = Read.record(doc.users)
  return Read.arrayOf(users.users, Read.isRecord)
    .filter(present)
    .map((u) =>
      compact<RosterUser>({
        entity: Read.string(u.entity),
        displayText: Read.string(u.displayText),
        roles: Read.arrayOf(Read.record(u.roles).entries, (x): x is string => typeof x === 'string'),
        endpoints: Read.arrayOf(u.endpoints, Read.isRecord)
          .filter(present)
          .map((e) =>
            compact<RosterEndpoint>({
              entity: Read.string(e.entity),
              displayText: Read.string(e.displayText),
              status: Read.string(e.status) as EndpointStatus | undefined,
              media: Read.arrayOf(e.media, Read.isRecord).map(rosterMedia)
            })
          )
      })
    )
}
