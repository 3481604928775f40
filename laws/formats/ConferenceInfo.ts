/**
 * Arbitraries and the law registration of conference information (RFC 4575), and the deterministic documents of the
 * benchmark: a conference of 1,000 users and 100 partial notifications on top of it.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import { pipe } from '#fp-ts/function'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Op from '#monocle-ts/Optional'
import * as Xml from '../../src/xml/Ast.js'
import * as Read from '../../src/codec/Read.js'
import * as _ from '../../src/formats/ConferenceInfo.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

const text = A.xmlText(8)
const other = A.foreignElements(1)

const nonEmpty = <T>(arb: fc.Arbitrary<ReadonlyArray<T>>): fc.Arbitrary<ReadonlyNonEmptyArray<T>> =>
  arb as unknown as fc.Arbitrary<ReadonlyNonEmptyArray<T>>

/**
 * A `state` attribute value.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const State: fc.Arbitrary<_.State> = A.literal(_.stateValue)

const Execution: fc.Arbitrary<_.Execution> = A.record(
  { otherAttrs: A.foreignAttrs, when: A.dateTime, reason: text, by: A.anyURI },
  ['otherAttrs', 'when', 'reason', 'by']
)

const Uri: fc.Arbitrary<_.Uri> = A.record(
  { otherAttrs: A.foreignAttrs, uri: A.anyURI, displayText: text, purpose: text, modified: Execution, other },
  ['otherAttrs', 'displayText', 'purpose', 'modified']
)

/**
 * A list of URIs (`uris-type`), with entries unique by `uri` (their key).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Uris: fc.Arbitrary<_.Uris> = A.record(
  { state: State, otherAttrs: A.foreignAttrs, entries: nonEmpty(fc.uniqueArray(Uri, { selector: (u) => u.uri, minLength: 1, maxLength: 2 })) },
  ['state', 'otherAttrs']
)

const Medium: fc.Arbitrary<_.Medium> = A.record(
  { label: text, otherAttrs: A.foreignAttrs, displayText: text, type: text, status: A.literal(_.mediaStatusValue), other },
  ['otherAttrs', 'displayText', 'status']
)

const Keywords: fc.Arbitrary<ReadonlyArray<string>> = A.token.map((s) => (s === '' ? [] : s.split(' ')))

const ConferenceDescription: fc.Arbitrary<_.ConferenceDescription> = A.record(
  {
    otherAttrs: A.foreignAttrs,
    displayText: text,
    subject: text,
    freeText: text,
    keywords: Keywords,
    confUris: Uris,
    serviceUris: Uris,
    maximumUserCount: A.unsignedInt,
    availableMedia: A.record({ otherAttrs: A.foreignAttrs, entries: nonEmpty(fc.array(Medium, { minLength: 1, maxLength: 2 })) }, ['otherAttrs']),
    other
  },
  ['otherAttrs', 'displayText', 'subject', 'freeText', 'keywords', 'confUris', 'serviceUris', 'maximumUserCount', 'availableMedia']
)

const HostInfo: fc.Arbitrary<_.HostInfo> = A.record(
  { otherAttrs: A.foreignAttrs, displayText: text, webPage: A.anyURI, uris: Uris, other },
  ['otherAttrs', 'displayText', 'webPage', 'uris']
)

const ConferenceState: fc.Arbitrary<_.ConferenceState> = A.record(
  { otherAttrs: A.foreignAttrs, userCount: A.unsignedInt, active: A.boolean, locked: A.boolean, other },
  ['otherAttrs', 'userCount', 'active', 'locked']
)

const Sip: fc.Arbitrary<_.Sip> = A.record(
  { otherAttrs: A.foreignAttrs, displayText: text, callId: text, fromTag: text, toTag: text, other },
  ['otherAttrs', 'displayText']
)

// the schema's choice: a <sip>, or elements of other namespaces
const CallInfo: fc.Arbitrary<_.CallInfo> = fc.oneof(
  A.record({ otherAttrs: A.foreignAttrs, sip: Sip, other: fc.constant([]) }, ['otherAttrs']),
  A.record({ otherAttrs: A.foreignAttrs, other: A.foreignElements(2) }, ['otherAttrs'])
)

/**
 * A media stream.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Media: fc.Arbitrary<_.Media> = A.record(
  {
    id: fc.oneof(fc.integer({ min: 0, max: 99 }).map(String), text),
    otherAttrs: A.foreignAttrs,
    displayText: text,
    type: fc.oneof(fc.constantFrom('audio', 'video', 'text', 'message'), text),
    label: text,
    srcId: text,
    status: A.literal(_.mediaStatusValue),
    other
  },
  ['otherAttrs', 'displayText', 'type', 'label', 'srcId', 'status']
)

/**
 * An endpoint, with media unique by `id`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Endpoint: fc.Arbitrary<_.Endpoint> = A.record(
  {
    entity: fc.oneof(A.anyURI, text),
    state: State,
    otherAttrs: A.foreignAttrs,
    displayText: text,
    referred: Execution,
    status: A.literal(_.endpointStatusValue),
    joiningMethod: A.literal(_.joiningMethodValue),
    joiningInfo: Execution,
    disconnectionMethod: A.literal(_.disconnectionMethodValue),
    disconnectionInfo: Execution,
    media: fc.uniqueArray(Media, { selector: (m) => m.id, maxLength: 2 }),
    callInfo: CallInfo,
    other
  },
  ['entity', 'state', 'otherAttrs', 'displayText', 'referred', 'status', 'joiningMethod', 'joiningInfo', 'disconnectionMethod', 'disconnectionInfo', 'callInfo']
)

/**
 * A user, with endpoints unique by `entity`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const User: fc.Arbitrary<_.User> = A.record(
  {
    entity: A.anyURI,
    state: State,
    otherAttrs: A.foreignAttrs,
    displayText: text,
    associatedAors: Uris,
    roles: A.record({ otherAttrs: A.foreignAttrs, entries: nonEmpty(fc.array(text, { minLength: 1, maxLength: 3 })) }, ['otherAttrs']),
    languages: fc.array(A.language, { maxLength: 3 }),
    cascadedFocus: A.anyURI,
    endpoints: fc.uniqueArray(Endpoint, { selector: (e) => e.entity, maxLength: 2}),
    other
  },
  ['entity', 'state', 'otherAttrs', 'displayText', 'associatedAors', 'roles', 'languages', 'cascadedFocus']
)

const Users: fc.Arbitrary<_.Users> = A.record(
  {
    state: State,
    otherAttrs: A.foreignAttrs,
    users: fc.uniqueArray(User, { selector: (u) => u.entity, maxLength: 2 }),
    other
  },
  ['state', 'otherAttrs']
)

const conference = (depth: number): fc.Arbitrary<_.ConferenceInfo> =>
  A.record(
    {
      entity: A.anyURI,
      state: State,
      version: A.unsignedInt,
      otherAttrs: A.foreignAttrs,
      conferenceDescription: ConferenceDescription,
      hostInfo: HostInfo,
      conferenceState: ConferenceState,
      users: Users,
      sidebarsByRef: Uris,
      sidebarsByVal:
        depth > 0
          ? A.record(
              { state: State, otherAttrs: A.foreignAttrs, entries: fc.uniqueArray(conference(depth - 1), { selector: (s) => s.entity, maxLength: 1 }) },
              ['state', 'otherAttrs']
            )
          : fc.constant(undefined),
      other
    },
    ['state', 'version', 'otherAttrs', 'conferenceDescription', 'hostInfo', 'conferenceState', 'users', 'sidebarsByRef', 'sidebarsByVal']
  )

/**
 * A conference information document (sidebars in place nest one level).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ConferenceInfo: fc.Arbitrary<_.ConferenceInfo> = conference(1)

// -------------------------------------------------------------------------------------
// benchmark documents
// -------------------------------------------------------------------------------------

const CONFERENCE = 'sips:conf-bench@conference.example.com'

const pad = (i: number): string => String(i).padStart(4, '0')

const benchMedia = (i: number, id: string, type: string): _.Media =>
  _.media({ id, type, label: type === 'audio' ? '34567' : '34569', srcId: String(100000 + i * 2 + (type === 'audio' ? 0 : 1)), status: 'sendrecv' })

const benchUser = (i: number): _.User => {
  const u = _.user({
    entity: `sip:participant${pad(i)}@example.com`,
    displayText: `Participant ${pad(i)}`,
    roles: i === 0 ? ['moderator', 'participant'] : ['participant'],
    languages: i % 3 === 0 ? ['en', 'de'] : ['en'],
    endpoints: [
      // built by stores, not spreads: one hidden class per kind of record, as decoded documents have
      Read.merged(
        _.endpoint({
          entity: `sip:participant${pad(i)}@pc${pad(i)}.example.com;grid=${pad(i)}`,
          displayText: `Laptop ${pad(i)}`,
          status: 'connected',
          joiningMethod: i % 2 === 0 ? 'dialed-in' : 'dialed-out',
          media: [benchMedia(i, `${i * 2 + 1}`, 'audio'), benchMedia(i, `${i * 2 + 2}`, 'video')]
        }),
        {
          joiningInfo: { when: `2026-03-04T20:${pad(i % 60).slice(2)}:00Z`, by: 'sip:moderator@example.com' },
          callInfo: { sip: { callId: `${pad(i)}-hsjh8980vhsb78@pc${pad(i)}.example.com`, fromTag: `vav738dvbs${pad(i)}`, toTag: `8954jgjg8432${pad(i)}`, other: [] }, other: [] }
        }
      ) as unknown as _.Endpoint
    ]
  })
  return i % 4 === 0
    ? (Read.merged(u, { associatedAors: { entries: [{ uri: `mailto:participant${pad(i)}@example.com`, other: [] }] } }) as unknown as _.User)
    : u
}

/**
 * A full-state conference of `n` users (version 1), each with roles, one endpoint and two media: the value `scale`
 * gives the linearity sweeps, built deterministically.
 *
 * @category benchmark
 * @since 0.2.0
 */
export const conferenceOf = (n: number): _.ConferenceInfo =>
  _.conferenceInfo({
    entity: CONFERENCE,
    version: 1,
    conferenceDescription: {
      displayText: 'Weekly sales meeting',
      subject: "Agenda: this month's goals",
      confUris: { entries: [{ uri: 'tel:+18005671234', purpose: 'participation', other: [] }] },
      maximumUserCount: 2000,
      availableMedia: {
        entries: [
          { label: '34567', displayText: 'main audio', type: 'audio', status: 'sendrecv', other: [] },
          { label: '34569', displayText: 'main video', type: 'video', status: 'sendrecv', other: [] }
        ]
      },
      other: []
    },
    conferenceState: { userCount: n, active: true, locked: false, other: [] },
    users: Array.from({ length: n }, (_x, i) => benchUser(i))
  })

/**
 * The benchmark's conference: 1,000 users (about 850 KB encoded).
 *
 * @category benchmark
 * @since 0.2.0
 */
export const conference1k = (): _.ConferenceInfo => conferenceOf(1000)

/**
 * Partial notifications of one user each on top of {@link conference1k} (versions 2, 3, ...), in turn: an endpoint
 * put on hold, a video stream made inactive, a user joining, a user leaving.
 *
 * @category benchmark
 * @since 0.2.0
 */
export const conference1kPartials = (count = 100): ReadonlyArray<_.ConferenceInfo> =>
  Array.from({ length: count }, (_x, k) => {
    const version = k + 2
    const i = (k * 37) % 1000
    const u = benchUser(i)
    const ep = u.endpoints[0]
    switch (k % 4) {
      case 0:
        return _.userChanged(CONFERENCE, version, { entity: u.entity!, endpoints: [{ entity: ep.entity!, state: 'partial', status: 'on-hold', media: [], other: [] }], other: [] })
      case 1:
        return _.userChanged(CONFERENCE, version, {
          entity: u.entity!,
          endpoints: [{ entity: ep.entity!, state: 'partial', media: [{ id: ep.media[1].id, status: 'inactive', other: [] }], other: [] }],
          other: []
        })
      case 2:
        return _.userAdded(CONFERENCE, version, benchUser(1000 + k))
      default:
        return _.userDeleted(CONFERENCE, version, u.entity!)
    }
  })

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

const usersOf = (d: _.ConferenceInfo): ReadonlyArray<_.User> => d.users?.users ?? []

const entities = <T extends { readonly entity?: string }>(xs: ReadonlyArray<T>): ReadonlyArray<string> =>
  xs.flatMap((x) => (x.entity === undefined ? [] : [x.entity]))

const endpointIn = (k: readonly [string, string]): Op.Optional<_.ConferenceInfo, _.Endpoint> =>
  pipe(_.userByEntity(k[0]), Op.compose(_.endpointByEntity(k[1])))

const mediaIn = (k: readonly [string, string, string]): Op.Optional<_.ConferenceInfo, _.Media> =>
  pipe(_.userByEntity(k[0]), Op.compose(_.endpointByEntity(k[1])), Op.compose(_.mediaById(k[2])))

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.ConferenceInfo> = {
  format: 'conference-info',
  spec: 'RFC 4575',
  codec: _.document,
  arbitrary: ConferenceInfo,
  schemas: ['conference.xsd'],
  namespaces: [_.NS],
  names: [
    el('conference-info'),
    el('conference-description'),
    el('host-info'),
    el('conference-state'),
    el('users'),
    el('user'),
    el('endpoint'),
    el('media'),
    el('call-info'),
    el('sip'),
    el('sidebars-by-ref'),
    el('sidebars-by-val'),
    el('entry'),
    el('uri'),
    el('display-text'),
    el('status'),
    el('roles'),
    el('languages')
  ],
  constructors: {
    media: _.media,
    endpoint: _.endpoint,
    user: _.user,
    conferenceInfo: _.conferenceInfo,
    userAdded: _.userAdded,
    userChanged: _.userChanged,
    userDeleted: _.userDeleted,
    roster: _.roster,
    inconsistencies: _.inconsistencies
  },
  scale: conferenceOf,
  optics: [
    optional('userByEntity', _.userByEntity, {
      keys: (d) => entities(usersOf(d)),
      absent: A.anyURI,
      focus: (entity) => User.map((u) => ({ ...u, entity }))
    }),
    optional('userByEntity ∘ endpointByEntity', endpointIn, {
      keys: (d) => usersOf(d).flatMap((u) => (u.entity === undefined ? [] : entities(u.endpoints).map((e) => [u.entity!, e] as const))),
      absent: fc.tuple(A.anyURI, A.anyURI),
      focus: (k) => Endpoint.map((e) => ({ ...e, entity: k[1] }))
    }),
    optional('userByEntity ∘ endpointByEntity ∘ mediaById', mediaIn, {
      keys: (d) =>
        usersOf(d).flatMap((u) =>
          u.entity === undefined
            ? []
            : u.endpoints.flatMap((e) => (e.entity === undefined ? [] : e.media.map((m) => [u.entity!, e.entity!, m.id] as const)))
        ),
      absent: fc.tuple(A.anyURI, A.anyURI, text),
      focus: (k) => Media.map((m) => ({ ...m, id: k[2] }))
    }),
    traversal('everyUser', _.everyUser, User)
  ]
}
