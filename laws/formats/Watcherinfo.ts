/**
 * Arbitraries and the law registration of watcher information (RFC 3858).
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/Watcherinfo.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

/**
 * A subscription status.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Status: fc.Arbitrary<_.Status> = A.literal(_.statusValue)

/**
 * An event.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Event: fc.Arbitrary<_.Event> = A.literal(_.eventValue)

/**
 * A watcher id: an RFC 3261 token, as RFC 3858 §3 asks.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const WatcherId: fc.Arbitrary<string> = fc.oneof(
  A.ncname,
  fc.string({ unit: fc.constantFrom(...'abcdef0123456789-.!%*_+`\'~'.split('')), minLength: 1, maxLength: 12 })
)

/**
 * A watcher. (No foreign attributes: the schema has no attribute wildcard.)
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Watcher: fc.Arbitrary<_.Watcher> = A.record(
  {
    displayName: A.xmlText(12),
    status: Status,
    event: Event,
    expiration: A.unsignedLong,
    id: WatcherId,
    durationSubscribed: A.unsignedLong,
    lang: A.language,
    uri: A.anyURI
  },
  ['displayName', 'expiration', 'durationSubscribed', 'lang']
)

/**
 * An event package name.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Package: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('presence', 'message-summary', 'dialog', 'presence.winfo', 'conference') },
  { weight: 1, arbitrary: A.xmlText(10) }
)

/**
 * A watcher list.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const WatcherList: fc.Arbitrary<_.WatcherList> = A.record(
  {
    resource: A.anyURI,
    package: Package,
    watchers: fc.array(Watcher, { maxLength: 4 }),
    other: A.foreignElements()
  },
  []
)

/**
 * A document version (`xs:nonNegativeInteger`, RFC 3858 §3): mostly small, sometimes beyond 2^53.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Version: fc.Arbitrary<number | bigint> = A.nonNegativeInteger

/**
 * A watcherinfo document.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Watcherinfo: fc.Arbitrary<_.Watcherinfo> = A.record(
  {
    version: Version,
    state: A.literal(_.stateValue),
    watcherLists: fc.array(WatcherList, { maxLength: 3 }),
    other: A.foreignElements()
  },
  []
)

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.1.0
 */
export const registration: FormatLaws<_.Watcherinfo> = {
  format: 'watcherinfo',
  spec: 'RFC 3858',
  codec: _.document,
  arbitrary: Watcherinfo,
  schemas: ['watcherinfo.xsd'],
  constructors: { watcher: _.watcher, watcherList: _.watcherList, watcherinfo: _.watcherinfo, pending: _.pending },
  scale: (n) =>
    _.watcherinfo(0, 'full', [
      _.watcherList(
        'sip:alice@example.com',
        'presence',
        Array.from({ length: n }, (_x, i) => _.watcher({ id: `w${i}`, uri: `sip:watcher${i}@example.com`, status: i % 3 === 0 ? 'pending' : 'active', event: 'subscribe', expiration: 3600 }))
      )
    ]),
  namespaces: [_.NS],
  names: [el('watcherinfo'), el('watcher-list'), el('watcher')],
  optics: [
    optional('watcherListByResource', _.watcherListByResource, {
      keys: (s) => s.watcherLists.map((l) => l.resource),
      absent: A.anyURI,
      focus: (resource) => WatcherList.map((l) => ({ ...l, resource }))
    }),
    optional('watcherById', _.watcherById, {
      keys: (s) => s.watcherLists.flatMap((l) => l.watchers.map((w) => w.id)),
      absent: WatcherId,
      focus: (id) => Watcher.map((w) => ({ ...w, id }))
    }),
    traversal(
      "everyWatcherWithStatus('pending')",
      _.everyWatcherWithStatus('pending'),
      Watcher.map((w): _.Watcher => ({ ...w, status: 'pending' }))
    ),
    traversal(
      "everyWatcherWithStatus('terminated')",
      _.everyWatcherWithStatus('terminated'),
      Watcher.map((w): _.Watcher => ({ ...w, status: 'terminated' }))
    )
  ]
}
