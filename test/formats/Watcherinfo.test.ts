import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Watcherinfo.js'
import * as Versioned from '../../src/codec/Versioned.js'
import * as Xml from '../../src/xml/Ast.js'
import { reportDropped } from '../../src/codec/DecodeError.js'
import { byContentType, byId } from '../../src/formats/index.js'
import { decodeErrors, decodeOk } from '../util.js'

const NS = _.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)

// RFC 3858 §5
const RFC3858_5 = `<?xml version="1.0"?>
<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo"
             version="0" state="full">
  <watcher-list resource="sip:professor@example.net" package="presence">
    <watcher status="active"
             id="8ajksjda7s"
             duration-subscribed="509"
             event="approved" >sip:userA@example.net</watcher>
    <watcher status="pending"
             id="hh8juja87s997-ass7"
             display-name="Mr. Subscriber"
             event="subscribe">sip:userB@example.org</watcher>
  </watcher-list>
</watcherinfo>
`
// RFC 3857 §5: the first NOTIFY (full state, version 0), then the change after B authorises A (partial, version 1)
const RFC3857_5_1 = `<?xml version="1.0"?>
<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo"
             version="0" state="full">
  <watcher-list resource="sip:joe@example.com" package="presence">
    <watcher id="77ajsyy76" event="subscribe"
             status="pending">sip:A@example.com</watcher>
  </watcher-list>
</watcherinfo>`
const RFC3857_5_2 = `<?xml version="1.0"?>
<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo"
             version="1" state="partial">
  <watcher-list resource="sip:joe@example.com" package="presence">
    <watcher id="77ajsyy76" event="approved"
             status="active">sip:A@example.com</watcher>
  </watcher-list>
</watcherinfo>`

const userA: _.Watcher = { status: 'active', id: '8ajksjda7s', durationSubscribed: 509, event: 'approved', uri: 'sip:userA@example.net' }
const userB: _.Watcher = {
  status: 'pending',
  id: 'hh8juja87s997-ass7',
  displayName: 'Mr. Subscriber',
  event: 'subscribe',
  uri: 'sip:userB@example.org'
}

describe('Watcherinfo', () => {
  describe('RFC examples', () => {
    it('RFC 3858 §5: two watchers of a professor', () => {
      assert.deepStrictEqual(decode(RFC3858_5), {
        version: 0,
        state: 'full',
        watcherLists: [{ resource: 'sip:professor@example.net', package: 'presence', watchers: [userA, userB], other: [] }],
        other: []
      })
    })
    it('RFC 3857 §5: a pending watcher, then approved', () => {
      assert.deepStrictEqual(decode(RFC3857_5_2).watcherLists[0].watchers, [
        { id: '77ajsyy76', event: 'approved', status: 'active', uri: 'sip:A@example.com' }
      ])
      assert.strictEqual(decode(RFC3857_5_2).state, 'partial')
      assert.strictEqual(decode(RFC3857_5_2).version, 1)
    })
    it('encodes to a document that decodes to the same value', () => {
      const v = decode(RFC3858_5)
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
      assert.deepStrictEqual(decode(_.document.encode(v, { pretty: true })), v)
    })
  })

  describe('codec', () => {
    it('keeps elements and attributes of other namespaces, on the root, the list and the watcher', () => {
      const v = decode(
        `<w:watcherinfo xmlns:w="${NS}" xmlns:x="urn:example:x" version="3" state="partial" x:a="1">` +
          `<w:watcher-list resource="sip:a@example.com" package="presence" x:b="2">` +
          `<w:watcher id="i" status="waiting" event="timeout" x:c="3" xml:lang="de" expiration="0">sip:b@example.com</w:watcher>` +
          `<x:note>hi</x:note></w:watcher-list><x:top/></w:watcherinfo>`
      )
      assert.deepStrictEqual(v.otherAttrs, { '{urn:example:x}a': '1' })
      assert.deepStrictEqual(v.watcherLists[0].otherAttrs, { '{urn:example:x}b': '2' })
      assert.deepStrictEqual(v.watcherLists[0].watchers[0], {
        status: 'waiting',
        event: 'timeout',
        expiration: 0,
        id: 'i',
        lang: 'de',
        otherAttrs: { '{urn:example:x}c': '3' },
        uri: 'sip:b@example.com'
      })
      assert.deepStrictEqual(v.watcherLists[0].other.map((e) => Xml.stripHints(e)), [
        Xml.element({ ns: 'urn:example:x', local: 'note' }, {}, [Xml.text('hi')])
      ])
      assert.deepStrictEqual(v.other.map((e) => e.name), [{ ns: 'urn:example:x', local: 'top' }])
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('the watcher URI is an xs:anyURI: surrounding white space is collapsed', () => {
      const v = decode(
        `<watcherinfo xmlns="${NS}" version="0" state="full"><watcher-list resource="sip:a@example.com" package="presence">` +
          `<watcher id="1" status="active" event="approved">\n   sip:b@example.com\n  </watcher></watcher-list></watcherinfo>`
      )
      assert.strictEqual(v.watcherLists[0].watchers[0].uri, 'sip:b@example.com')
    })
    it('an empty document', () => {
      assert.deepStrictEqual(decode(`<watcherinfo xmlns="${NS}" version="4294967295" state="full"/>`), {
        version: 4294967295,
        state: 'full',
        watcherLists: [],
        other: []
      })
    })
  })

  describe('errors', () => {
    it('renders paths and messages', () => {
      assert.deepStrictEqual(
        errors(
          `<watcherinfo xmlns="${NS}" version="-1" state="complete"><watcher-list package="presence">` +
            `<watcher status="busy" event="subscribe">sip:a@example.com</watcher></watcher-list></watcherinfo>`
        ),
        [
          '/watcherinfo/@version: expected an xs:nonNegativeInteger, got "-1"',
          '/watcherinfo/@state: expected "full" | "partial", got "complete"',
          '/watcherinfo/watcher-list[1]: expected attribute resource, got nothing',
          '/watcherinfo/watcher-list[1]/watcher[1]/@status: expected "pending" | "active" | "waiting" | "terminated", got "busy"',
          '/watcherinfo/watcher-list[1]/watcher[1]: expected attribute id, got nothing'
        ]
      )
    })
    it('an element of the watcherinfo namespace that is not in the schema is an error, a foreign one is not', () => {
      assert.deepStrictEqual(errors(`<watcherinfo xmlns="${NS}" version="0" state="full"><watcher/></watcherinfo>`), [
        `/watcherinfo/watcher[1]: expected no element <{${NS}}watcher> here, got one`
      ])
    })
    it('a watcher with element content', () => {
      assert.deepStrictEqual(
        errors(
          `<watcherinfo xmlns="${NS}" version="0" state="full"><watcher-list resource="sip:a@example.com" package="p">` +
            `<watcher id="1" status="active" event="approved"><uri>sip:x@example.com</uri></watcher></watcher-list></watcherinfo>`
        ),
        [`/watcherinfo/watcher-list[1]/watcher[1]/uri[1]: expected no element <{${NS}}uri> here, got one`, `/watcherinfo/watcher-list[1]/watcher[1]: expected text only, got element <{${NS}}uri>`]
      )
    })
    it('lenient mode drops a broken watcher and reports it', () => {
      const r = _.document.decodeLenient(
        `<watcherinfo xmlns="${NS}" version="2" state="partial"><watcher-list resource="sip:a@example.com" package="presence">` +
          `<watcher id="1" status="gone" event="subscribe">sip:a@example.com</watcher>` +
          `<watcher id="2" status="pending" event="subscribe">sip:b@example.com</watcher></watcher-list></watcherinfo>`
      )
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(r.right.value.watcherLists[0].watchers.map((w) => w.id), ['2'])
      assert.deepStrictEqual(reportDropped(r.right.dropped), [
        '/watcherinfo/watcher-list[1]/watcher[1]: dropped: @status: expected "pending" | "active" | "waiting" | "terminated", got "gone"'
      ])
    })
  })

  describe('merge and pending (RFC 3858 §4, RFC 3857 §4.7.1)', () => {
    const step = Versioned.apply(_.merge)
    it('RFC 3857 §5: A awaits authorization, then is approved', () => {
      const s0 = step(undefined, decode(RFC3857_5_1))
      assert.ok(s0._tag === 'Applied')
      assert.deepStrictEqual(_.pending(s0.state), [
        {
          resource: 'sip:joe@example.com',
          package: 'presence',
          watcher: { id: '77ajsyy76', event: 'subscribe', status: 'pending', uri: 'sip:A@example.com' }
        }
      ])
      const s1 = step(s0.state, decode(RFC3857_5_2))
      assert.ok(s1._tag === 'Applied')
      assert.deepStrictEqual(_.pending(s1.state), [])
      assert.deepStrictEqual(s1.state.value.watcherLists[0].watchers, [
        { id: '77ajsyy76', event: 'approved', status: 'active', uri: 'sip:A@example.com' }
      ])
      assert.strictEqual(s1.state.version, 1)
      assert.strictEqual(s1.state.value.state, 'full')
    })
    it('a partial document adds watchers and lists, and a terminated watcher leaves the view', () => {
      const s0 = step(undefined, decode(RFC3858_5))
      assert.ok(s0._tag === 'Applied')
      const p = _.watcherinfo(1, 'partial', [
        _.watcherList('sip:professor@example.net', 'presence', [
          _.watcher({ id: '8ajksjda7s', uri: 'sip:userA@example.net', status: 'terminated', event: 'timeout' }),
          _.watcher({ id: 'new1', uri: 'sip:userC@example.com', status: 'waiting', event: 'timeout' })
        ]),
        _.watcherList('sip:dean@example.net', 'presence', [
          _.watcher({ id: 'd1', uri: 'sip:userD@example.com', status: 'active', event: 'approved' })
        ])
      ])
      const s1 = step(s0.state, p)
      assert.ok(s1._tag === 'Applied')
      assert.deepStrictEqual(
        s1.state.value.watcherLists.map((l) => [l.resource, l.watchers.map((w) => w.id)]),
        [
          ['sip:professor@example.net', ['hh8juja87s997-ass7', 'new1']],
          ['sip:dean@example.net', ['d1']]
        ]
      )
      // pending and waiting watchers both await a decision (RFC 3857 §4.7.1)
      assert.deepStrictEqual(
        _.pending(s1.state.value).map((p) => [p.watcher.id, p.watcher.status]),
        [
          ['hh8juja87s997-ass7', 'pending'],
          ['new1', 'waiting']
        ]
      )
    })
    it('terminated watchers in a full document are not in the view', () => {
      const doc = _.watcherinfo(5, 'full', [
        _.watcherList('sip:a@example.com', 'presence', [
          _.watcher({ id: 'x', uri: 'sip:x@example.com', status: 'terminated', event: 'rejected' }),
          _.watcher({ id: 'y', uri: 'sip:y@example.com', status: 'active', event: 'approved' })
        ])
      ])
      assert.deepStrictEqual(_.merge.fromFull(doc).watcherLists[0].watchers.map((w) => w.id), ['y'])
    })
    it('a version gap is reported and not applied', () => {
      const s0 = step(undefined, decode(RFC3857_5_1))
      assert.ok(s0._tag === 'Applied')
      assert.deepStrictEqual(step(s0.state, { ...decode(RFC3857_5_2), version: 5 }), { _tag: 'Gap', expected: 1, got: 5 })
    })
  })

  describe('optics', () => {
    const v = decode(RFC3858_5)
    it('watcherListByResource', () => {
      assert.deepStrictEqual(
        O.map((l: _.WatcherList) => l.watchers.length)(_.watcherListByResource('sip:professor@example.net').getOption(v)),
        O.some(2)
      )
      assert.deepStrictEqual(_.watcherListByResource('sip:nobody@example.net').getOption(v), O.none)
    })
    it('watcherById finds a watcher in any list and keeps its id on set', () => {
      assert.deepStrictEqual(_.watcherById('hh8juja87s997-ass7').getOption(v), O.some(userB))
      const w = _.watcherById('hh8juja87s997-ass7').set({ ...userB, id: 'other', status: 'active', event: 'approved' })(v)
      assert.deepStrictEqual(w.watcherLists[0].watchers[1], { ...userB, status: 'active', event: 'approved' })
      assert.strictEqual(_.watcherById('nope').set(userA)(v), v)
    })
    it('everyWatcherWithStatus', () => {
      assert.deepStrictEqual(T.getAll(v)(_.everyWatcherWithStatus('pending')), [userB])
      assert.deepStrictEqual(T.getAll(v)(_.everyWatcherWithStatus('active')), [userA])
      assert.deepStrictEqual(T.getAll(v)(_.everyWatcherWithStatus('waiting')), [])
    })
  })

  describe('registry', () => {
    it('is found by id and content type', () => {
      assert.strictEqual(byId('watcherinfo'), _.document)
      assert.strictEqual(byContentType('application/watcherinfo+xml; charset=UTF-8'), _.document)
    })
  })
})
