import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import { pipe } from '#fp-ts/function'
import * as O from '#fp-ts/Option'
import * as fc from 'fast-check'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/ConferenceInfo.js'
import * as Versioned from '../../src/codec/Versioned.js'
import * as Xml from '../../src/xml/Ast.js'
import { report } from '../../src/codec/DecodeError.js'
import * as CA from '../../laws/formats/ConferenceInfo.js'
import * as A from '../../laws/Arbitrary.js'
import { decodeErrors, decodeOk } from '../util.js'

const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const corpus = (file: string): string =>
  readFileSync(fileURLToPath(new URL(`../../../shared/corpus/conference-info/${file}`, import.meta.url)), 'utf8')
const hasCorpus = (() => {
  try {
    corpus('rfc4575-sec7.1.xml')
    return true
  } catch {
    return false
  }
})()

const step = Versioned.apply(_.merge)
const applied = (o: Versioned.Outcome<_.ConferenceInfo>): Versioned.Versioned<_.ConferenceInfo> => {
  if (o._tag !== 'Applied') assert.fail(`expected the document to be applied, got ${JSON.stringify(o)}`)
  return o.state
}

// RFC 4575 §7.1 (comments dropped)
const RFC4575_7_1 = `<?xml version="1.0" encoding="UTF-8"?>
<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sips:conf233@example.com" state="full" version="1">
 <conference-description>
  <subject>Agenda: This month's goals</subject>
  <service-uris>
   <entry><uri>http://sharepoint/salesgroup/</uri><purpose>web-page</purpose></entry>
  </service-uris>
 </conference-description>
 <conference-state><user-count>33</user-count></conference-state>
 <users>
  <user entity="sip:bob@example.com" state="full">
   <display-text>Bob Hoskins</display-text>
   <endpoint entity="sip:bob@pc33.example.com">
    <display-text>Bob's Laptop</display-text>
    <status>disconnected</status>
    <disconnection-method>departed</disconnection-method>
    <disconnection-info>
     <when>2005-03-04T20:00:00Z</when>
     <reason>bad voice quality</reason>
     <by>sip:mike@example.com</by>
    </disconnection-info>
    <media id="1">
     <display-text>main audio</display-text>
     <type>audio</type>
     <label>34567</label>
     <src-id>432424</src-id>
     <status>sendrecv</status>
    </media>
   </endpoint>
  </user>
  <user entity="sip:alice@example.com" state="full">
   <display-text>Alice</display-text>
   <endpoint entity="sip:4kfk4j392jsu@example.com;grid=433kj4j3u">
    <status>connected</status>
    <joining-method>dialed-out</joining-method>
    <joining-info>
     <when>2005-03-04T20:00:00Z</when>
     <by>sip:mike@example.com</by>
    </joining-info>
    <media id="1">
     <display-text>main audio</display-text>
     <type>audio</type>
     <label>34567</label>
     <src-id>534232</src-id>
     <status>sendrecv</status>
    </media>
   </endpoint>
  </user>
 </users>
</conference-info>
`

const bob: _.User = {
  entity: 'sip:bob@example.com',
  state: 'full',
  displayText: 'Bob Hoskins',
  endpoints: [
    {
      entity: 'sip:bob@pc33.example.com',
      displayText: "Bob's Laptop",
      status: 'disconnected',
      disconnectionMethod: 'departed',
      disconnectionInfo: { when: '2005-03-04T20:00:00Z', reason: 'bad voice quality', by: 'sip:mike@example.com' },
      media: [{ id: '1', displayText: 'main audio', type: 'audio', label: '34567', srcId: '432424', status: 'sendrecv', other: [] }],
      other: []
    }
  ],
  other: []
}

/**
 * NOTIFY bodies Kamailio 5.6 sent in the interop test (test/interop/conference.interop.test.ts, "a partial publication is
 * relayed…"): the focus's full state (alice and bob), then its partial publication (bob on hold), which presence_conference
 * relays under a root it labels full. Kamailio never sends a partial notification, so what a merging server would send
 * is that body with its root saying partial, and it goes through the merge here.
 */
const KAMAILIO_FULL = [
  '<?xml version="1.0"?>',
  '<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" version="1" state="full" entity="focus2-d428de@example.com">',
  '  <conference-description xmlns="urn:ietf:params:xml:ns:conference-info">',
  '    <subject>Interop stand-up</subject>',
  '  </conference-description>',
  '  <conference-state xmlns="urn:ietf:params:xml:ns:conference-info">',
  '    <user-count>2</user-count>',
  '    <active>true</active>',
  '    <locked>false</locked>',
  '  </conference-state>',
  '  <users xmlns="urn:ietf:params:xml:ns:conference-info">',
  '    <user entity="sip:alice@example.com">',
  '      <display-text>Alice</display-text>',
  '      <roles>',
  '        <entry>moderator</entry>',
  '        <entry>participant</entry>',
  '      </roles>',
  '      <languages>en</languages>',
  '      <endpoint entity="sip:alice@alice-pc.example.com">',
  '        <status>connected</status>',
  '        <joining-method>dialed-in</joining-method>',
  '        <media id="1">',
  '          <type>audio</type>',
  '          <label>34567</label>',
  '          <status>sendrecv</status>',
  '        </media>',
  '        <media id="2">',
  '          <type>video</type>',
  '          <label>34569</label>',
  '          <status>sendrecv</status>',
  '        </media>',
  '      </endpoint>',
  '    </user>',
  '    <user entity="sip:bob@example.com">',
  '      <display-text>Bob</display-text>',
  '      <roles>',
  '        <entry>participant</entry>',
  '      </roles>',
  '      <languages>en</languages>',
  '      <endpoint entity="sip:bob@bob-pc.example.com">',
  '        <status>connected</status>',
  '        <joining-method>dialed-in</joining-method>',
  '        <media id="3">',
  '          <type>audio</type>',
  '          <label>34567</label>',
  '          <status>sendrecv</status>',
  '        </media>',
  '      </endpoint>',
  '    </user>',
  '  </users>',
  '</conference-info>'
].join('\n')
const KAMAILIO_RELAYED = [
  '<?xml version="1.0"?>',
  '<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" version="2" state="full" entity="focus2-d428de@example.com">',
  '  <users xmlns="urn:ietf:params:xml:ns:conference-info" state="partial">',
  '    <user entity="sip:bob@example.com" state="partial">',
  '      <endpoint entity="sip:bob@bob-pc.example.com" state="partial">',
  '        <status>on-hold</status>',
  '      </endpoint>',
  '    </user>',
  '  </users>',
  '</conference-info>'
].join('\n')

const CONF = 'sips:conf233@example.com'

describe('ConferenceInfo', () => {
  describe('RFC examples', () => {
    it('RFC 4575 §7.1: a full-state document', () => {
      const d = decode(RFC4575_7_1)
      assert.deepStrictEqual({ ...d, users: undefined }, {
        entity: CONF,
        state: 'full',
        version: 1,
        conferenceDescription: {
          subject: "Agenda: This month's goals",
          serviceUris: { entries: [{ uri: 'http://sharepoint/salesgroup/', purpose: 'web-page', other: [] }] },
          other: []
        },
        conferenceState: { userCount: 33, other: [] },
        users: undefined,
        other: []
      })
      assert.deepStrictEqual(d.users?.users[0], bob)
      assert.deepStrictEqual(d.users?.users[1].endpoints[0].joiningInfo, { when: '2005-03-04T20:00:00Z', by: 'sip:mike@example.com' })
      assert.deepStrictEqual(decode(_.document.encode(d)), d)
      assert.deepStrictEqual(decode(_.document.encode(d, { pretty: true })), d)
    })

    it.skipIf(!hasCorpus)('RFC 4575 §7.2: a partial document with every part of the model', () => {
      const d = decode(corpus('rfc4575-sec7.2.xml'))
      assert.strictEqual(d.state, 'partial')
      assert.strictEqual(d.version, 5)
      const cd = d.conferenceDescription!
      assert.deepStrictEqual(cd.keywords, ['sales', 'meeting', 'weekly'])
      assert.deepStrictEqual(cd.confUris?.entries.map((e) => [e.uri, e.displayText, e.purpose]), [
        ['tel:+18005671234', 'TTI Bridge', 'participation'],
        ['h323:conf545@h323.example.com', undefined, 'participation'],
        ['http://real.streaming.com/54634/live.ram', undefined, 'streaming']
      ])
      assert.strictEqual(cd.maximumUserCount, 100)
      assert.deepStrictEqual(cd.availableMedia?.entries[1], { label: '34569', displayText: 'main video', type: 'video', status: 'inactive', other: [] })
      assert.deepStrictEqual(d.hostInfo?.uris?.entries, [{ uri: 'sip:sales@example.com', other: [] }])
      assert.deepStrictEqual(d.conferenceState, { userCount: 32, active: true, locked: false, other: [] })
      const u = d.users!.users[0]
      assert.strictEqual(u.state, undefined)
      assert.deepStrictEqual(u.associatedAors, { entries: [{ uri: 'mailto:bob@example.com', displayText: 'email', other: [] }] })
      assert.deepStrictEqual(u.roles, { entries: ['participant'] })
      assert.deepStrictEqual(u.languages, ['en'])
      const ep = u.endpoints[0]
      assert.deepStrictEqual(ep.referred, { when: '2005-03-04T20:00:00Z', reason: 'expert required', by: 'sip:mike@example.com' })
      assert.strictEqual(ep.status, 'disconnecting')
      assert.strictEqual(ep.disconnectionMethod, 'booted')
      assert.deepStrictEqual(ep.callInfo, {
        sip: { displayText: 'full info', callId: 'hsjh8980vhsb78', fromTag: 'vav738dvbs', toTag: '8954jgjg8432', other: [] },
        other: []
      })
      assert.strictEqual(d.sidebarsByRef?.state, 'partial')
      assert.deepStrictEqual(d.sidebarsByRef?.entries.map((e) => e.uri), ['sips:conf233@example.com;grid=45', 'sips:conf233@example.com;grid=21'])
      const sidebar = d.sidebarsByVal!.entries[0]
      assert.deepStrictEqual([d.sidebarsByVal?.state, sidebar.entity, sidebar.state], ['partial', 'sips:conf233@example.com;grid=77', 'partial'])
      assert.deepStrictEqual(sidebar.users?.users.map((x) => x.entity), ['sip:bob@example.com', 'sip:mark@example.com', 'sip:dan@example.com'])
      assert.deepStrictEqual(decode(_.document.encode(d)), d)
    })

    it.skipIf(!hasCorpus)('RFC 4579 §5: a root in no namespace is refused strictly, and read leniently with a warning', () => {
      const text = corpus('rfc4579-sec5.2-1.xml')
      assert.deepStrictEqual(errors(text), [
        '/conference-info: expected element <{urn:ietf:params:xml:ns:conference-info}conference-info>, got <conference-info>'
      ])
      const l = _.document.decodeLenient(text)
      if (E.isLeft(l)) assert.fail(report(l.left).join('\n'))
      assert.deepStrictEqual(l.right.dropped, [])
      assert.deepStrictEqual(report(l.right.warnings), [
        "/conference-info: expected the namespace urn:ietf:params:xml:ns:conference-info, got none: read as in it (RFC 4579's examples leave it out)"
      ])
      assert.deepStrictEqual(_.roster(l.right.value).map((u) => u.entity), ['sip:alice@atlanta.example.com', 'sip:carol@chicago.example.com'])
      // the value is a document in the namespace: it encodes to one that decodes strictly
      assert.deepStrictEqual(decode(_.document.encode(l.right.value)), l.right.value)
    })

    it.skipIf(!hasCorpus)('RFC 4579 §5.2 F9: a partial notification whose <users> has no state replaces the users (the default is full)', () => {
      const lenient = (file: string): _.ConferenceInfo => {
        const l = _.document.decodeLenient(corpus(file))
        if (E.isLeft(l)) assert.fail(report(l.left).join('\n'))
        return l.right.value
      }
      // F7 (version 0, full) lists alice and carol; F9 (version 1, partial) carries carol in a <users> without a state:
      // by RFC 4575 §4.4 and the schema's default, that <users> is full, and the users are carol alone (the example
      // reads as if it meant a partial list; a focus that means one says state="partial")
      const s0 = applied(step(undefined, lenient('rfc4579-sec5.2-1.xml')))
      const f9 = lenient('rfc4579-sec5.2-2.xml')
      assert.strictEqual(f9.users?.state, undefined)
      const s1 = applied(step(s0, f9))
      assert.strictEqual(s1.version, 1)
      assert.deepStrictEqual(
        _.roster(s1).map((u) => [u.entity, u.endpoints.map((e) => `${e.status} ${e.media.map((m) => m.type).join('+')}`)]),
        [['sip:carol@chicago.example.com', ['connected audio+video']]]
      )
      // with <users state="partial">, alice stays
      const s1p = applied(step(s0, { ...f9, users: { ...f9.users!, state: 'partial' } }))
      assert.deepStrictEqual(_.roster(s1p).map((u) => u.entity), ['sip:alice@atlanta.example.com', 'sip:carol@chicago.example.com'])
    })

    it('a root in no namespace with foreign elements: only the elements in no namespace are put in ours', () => {
      const text = `<conference-info entity="sip:c@example.com" xmlns:x="urn:example:x"><x:note><y/></x:note><users/></conference-info>`
      const l = _.document.decodeLenient(text)
      if (E.isLeft(l)) assert.fail(report(l.left).join('\n'))
      assert.deepStrictEqual(l.right.value.users, { users: [], other: [] })
      assert.deepStrictEqual(Xml.stripHints(l.right.value.other[0]).children, [Xml.element({ ns: '', local: 'y' }, {}, [])])
      // anything else is left to the core's lenient mode
      assert.ok(E.isLeft(_.document.decodeLenient('<conference-information/>')))
      assert.ok(E.isLeft(_.document.decodeLenient(42 as never)))
    })
  })

  describe('errors', () => {
    const doc = (users: string): string => `<conference-info xmlns="${_.NS}" entity="${CONF}"><users>${users}</users></conference-info>`
    it('an endpoint status out of the enumeration', () => {
      assert.deepStrictEqual(errors(doc('<user entity="sip:a@b"><endpoint><status>asleep</status></endpoint></user>')), [
        '/conference-info/users/user[1]/endpoint[1]/status: expected "pending" | "dialing-out" | "dialing-in" | "alerting" | "on-hold" | "connected" | "muted-via-focus" | "disconnecting" | "disconnected", got "asleep"'
      ])
    })
    it('a state out of the enumeration', () => {
      assert.deepStrictEqual(errors(doc('<user entity="sip:a@b" state="gone"/>')), [
        '/conference-info/users/user[1]/@state: expected "full" | "partial" | "deleted", got "gone"'
      ])
    })
    it('a language list with an item that is not a language', () => {
      assert.deepStrictEqual(errors(doc('<user><languages>en 12345678901</languages></user>')), [
        '/conference-info/users/user[1]/languages: expected a list of xs:language, got "en 12345678901"'
      ])
    })
    it('call-info holds a <sip> or foreign elements, never both', () => {
      assert.deepStrictEqual(
        errors(doc(`<user><endpoint><call-info><sip><call-id>c</call-id><from-tag>f</from-tag><to-tag>t</to-tag></sip><v:x xmlns:v="urn:example:v"/></call-info></endpoint></user>`)),
        ['/conference-info/users/user[1]/endpoint[1]/call-info/x[1]: expected either <sip> or elements of other namespaces (a choice), got both']
      )
    })
    it('children out of the schema order', () => {
      assert.deepStrictEqual(errors(doc('<user><endpoint/><display-text>late</display-text></user>')), [
        '/conference-info/users/user[1]/display-text[1]: expected <{urn:ietf:params:xml:ns:conference-info}display-text> before <{urn:ietf:params:xml:ns:conference-info}endpoint>, got it after'
      ])
    })
    it('a version that is not an xs:unsignedInt, and a missing entity', () => {
      assert.deepStrictEqual(errors(`<conference-info xmlns="${_.NS}" version="-1"/>`), [
        '/conference-info: expected attribute entity, got nothing',
        '/conference-info/@version: expected an xs:unsignedInt, got "-1"'
      ])
    })
    it('a URI list needs an entry, roles too', () => {
      assert.deepStrictEqual(errors(doc('<user><associated-aors/><roles/></user>')), [
        '/conference-info/users/user[1]/associated-aors: expected at least 1 <{urn:ietf:params:xml:ns:conference-info}entry>, got 0',
        '/conference-info/users/user[1]/roles: expected at least 1 <{urn:ietf:params:xml:ns:conference-info}entry>, got 0'
      ])
    })
    it('foreign elements and attributes are kept where the schema allows them, and refused elsewhere', () => {
      const d = decode(
        doc(`<user xmlns:v="urn:example:v" v:tag="1" entity="sip:a@b"><v:x>1</v:x></user><v:y xmlns:v="urn:example:v"/>`)
      )
      assert.deepStrictEqual(d.users?.users[0].otherAttrs, { '{urn:example:v}tag': '1' })
      assert.deepStrictEqual(d.users?.users[0].other.map((e) => e.name.local), ['x'])
      assert.deepStrictEqual(d.users?.other.map((e) => e.name.local), ['y'])
      // <roles> has no element wildcard; an attribute in our own namespace is not a foreign one
      assert.deepStrictEqual(errors(doc(`<user><roles><entry>a</entry><v:x xmlns:v="urn:example:v"/></roles></user>`)), [
        '/conference-info/users/user[1]/roles/x[1]: expected no element <{urn:example:v}x> here, got one'
      ])
      assert.deepStrictEqual(errors(doc(`<user xmlns:c="${_.NS}" c:entity="x"/>`)), [
        '/conference-info/users/user[1]/@entity: expected no attribute entity here, got "x"'
      ])
    })
  })

  describe('codecs', () => {
    it('keywords and languages are xs:lists: white space collapses, items have none', () => {
      assert.deepStrictEqual(_.keywordsValue.decode('  sales \n meeting  weekly '), E.right(['sales', 'meeting', 'weekly']))
      assert.deepStrictEqual(_.keywordsValue.decode(''), E.right([]))
      assert.strictEqual(_.keywordsValue.encode(['sales', 'meeting']), 'sales meeting')
      assert.strictEqual(_.keywordsValue.encode(5 as never), '')
      assert.deepStrictEqual([_.keywordsValue.is(['a b']), _.keywordsValue.is(['']), _.keywordsValue.is([]), _.keywordsValue.is('a')], [false, false, true, false])
      assert.deepStrictEqual(_.languagesValue.decode('en fr-CA'), E.right(['en', 'fr-CA']))
      assert.strictEqual(_.languagesValue.is(['en', 'not a language']), false)
    })
    it('a sidebar in place is an <entry> of the document type, and nests', () => {
      const sidebar: _.Sidebar = {
        entity: 'sips:conf233@example.com;grid=77',
        state: 'partial',
        users: { users: [_.user({ entity: 'sip:bob@example.com' })], other: [] },
        sidebarsByVal: { entries: [{ entity: 'sips:conf233@example.com;grid=78', other: [] }] },
        other: []
      }
      const el = _.Sidebar.encode(sidebar)
      assert.deepStrictEqual(el.name, { ns: _.NS, local: 'entry' })
      assert.deepStrictEqual(_.Sidebar.decode(el), E.right(sidebar))
      const d: _.ConferenceInfo = { entity: CONF, sidebarsByVal: { state: 'partial', entries: [sidebar] }, other: [] }
      assert.deepStrictEqual(decode(_.document.encode(d)), d)
      // a sidebar deleted in a partial document leaves the state
      const s = applied(step(undefined, { ...d, version: 1, state: 'full', sidebarsByVal: { entries: [{ ...sidebar, state: 'full' }] } }))
      const gone = applied(step(s, { entity: CONF, version: 2, state: 'partial', sidebarsByVal: { state: 'partial', entries: [{ entity: sidebar.entity, state: 'deleted', other: [] }] }, other: [] }))
      assert.deepStrictEqual(gone.value.sidebarsByVal, { entries: [] })
    })
    it('white space in empty element-only elements is indentation: such documents round-trip canonically', () => {
      const text = `<conference-info xmlns="${_.NS}" entity="${CONF}">\n <conference-state>\n </conference-state>\n <users>\n </users>\n</conference-info>`
      assert.deepStrictEqual(_.document.canonical(_.document.encode(decode(text))), _.document.canonical(text))
    })
    it('the element codecs of users, endpoints and media', () => {
      const u = decode(RFC4575_7_1).users!.users[0]
      assert.deepStrictEqual(_.User.decode(_.User.encode(u)), E.right(u))
      assert.deepStrictEqual(_.Endpoint.decode(_.Endpoint.encode(u.endpoints[0])), E.right(u.endpoints[0]))
      assert.deepStrictEqual(_.Media.decode(_.Media.encode(u.endpoints[0].media[0])), E.right(u.endpoints[0].media[0]))
    })
  })

  describe('constructors', () => {
    it('a full document, as a focus sends it first', () => {
      const d = _.conferenceInfo({
        entity: CONF,
        version: 1,
        users: [
          _.user({
            entity: 'sip:alice@example.com',
            displayText: 'Alice',
            roles: ['participant'],
            languages: ['en', 'fr'],
            endpoints: [_.endpoint({ entity: 'sip:alice@pc.example.com', status: 'connected', joiningMethod: 'dialed-in', media: [_.media({ id: '1', type: 'audio', status: 'sendrecv' })] })]
          })
        ]
      })
      assert.strictEqual(
        _.document.encode(d),
        `<?xml version="1.0" encoding="UTF-8"?><conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sips:conf233@example.com" state="full" version="1"><users><user entity="sip:alice@example.com"><display-text>Alice</display-text><roles><entry>participant</entry></roles><languages>en fr</languages><endpoint entity="sip:alice@pc.example.com"><status>connected</status><joining-method>dialed-in</joining-method><media id="1"><type>audio</type><status>sendrecv</status></media></endpoint></user></users></conference-info>`
      )
      assert.ok(_.document.is(d))
    })
    it('partial documents of one user: added (full), changed (partial), deleted', () => {
      const u = _.user({ entity: 'sip:bob@example.com', displayText: 'Bob' })
      assert.deepStrictEqual(_.userAdded(CONF, 2, u), {
        entity: CONF,
        state: 'partial',
        version: 2,
        users: { state: 'partial', users: [{ ...u, state: 'full' }], other: [] },
        other: []
      })
      assert.strictEqual(_.userChanged(CONF, 3, u).users?.users[0].state, 'partial')
      assert.deepStrictEqual(_.userDeleted(CONF, 4, 'sip:bob@example.com').users?.users, [
        { entity: 'sip:bob@example.com', state: 'deleted', endpoints: [], other: [] }
      ])
      for (const d of [_.userAdded(CONF, 2, u), _.userChanged(CONF, 3, u), _.userDeleted(CONF, 4, 'sip:bob@example.com')]) {
        assert.ok(_.document.is(d))
        assert.deepStrictEqual(_.inconsistencies(d), [])
      }
    })
    it('wrong input makes values the guard refuses, never a throw', () => {
      assert.deepStrictEqual(_.conferenceInfo(null as never), { entity: '', state: 'full', other: [] })
      assert.strictEqual(_.User.is(_.user({ entity: 'sip:a@b', endpoints: [_.endpoint({ entity: 'e', status: 'asleep' as never })] })), false)
      assert.deepStrictEqual(_.user({ entity: 7, roles: 'x', endpoints: 'y' } as never), { endpoints: [], other: [] })
      assert.deepStrictEqual(_.media({ id: 1 } as never), { id: '', other: [] })
      assert.deepStrictEqual(_.roster(undefined as never), [])
    })
  })

  describe('Kamailio’s bodies', () => {
    const s1 = applied(step(undefined, decode(KAMAILIO_FULL)))
    it('the full state Kamailio sends decodes and gives the published roster', () => {
      assert.deepStrictEqual(
        _.roster(s1).map((u) => [u.entity, u.endpoints.map((e) => [e.entity, e.status, e.media.map((m) => m.id)])]),
        [
          ['sip:alice@example.com', [['sip:alice@alice-pc.example.com', 'connected', ['1', '2']]]],
          ['sip:bob@example.com', [['sip:bob@bob-pc.example.com', 'connected', ['3']]]]
        ]
      )
      assert.strictEqual(s1.value.conferenceDescription?.subject, 'Interop stand-up')
      assert.deepStrictEqual(_.inconsistencies(s1.value), [])
    })
    it('the partial publication it relays under a full root: reported, and applied as the root says (a full state)', () => {
      const relayed = decode(KAMAILIO_RELAYED)
      assert.deepStrictEqual(_.inconsistencies(relayed), [{ path: ['users'], state: 'partial', parent: 'full' }])
      const s2 = applied(step(s1, relayed))
      assert.deepStrictEqual(_.roster(s2).map((u) => u.entity), ['sip:bob@example.com'])
    })
    it('the same body with its root saying partial, as a merging server sends it: merged, the published roster', () => {
      const partial = KAMAILIO_RELAYED.replace('state="full"', 'state="partial"')
      assert.notStrictEqual(partial, KAMAILIO_RELAYED)
      const s2 = applied(step(s1, decode(partial)))
      assert.strictEqual(s2.version, 2)
      assert.deepStrictEqual(
        _.roster(s2).map((u) => [u.entity, u.displayText, u.endpoints.map((e) => [e.status, e.media.map((m) => `${m.id}:${m.status}`)])]),
        [
          ['sip:alice@example.com', 'Alice', [['connected', ['1:sendrecv', '2:sendrecv']]]],
          ['sip:bob@example.com', 'Bob', [['on-hold', ['3:sendrecv']]]]
        ]
      )
      // a stale repeat of the full state is not applied
      assert.strictEqual(step(s2, decode(KAMAILIO_FULL))._tag, 'Stale')
    })
  })

  describe('merge (RFC 4575 §4.6)', () => {
    const alice = _.user({
      entity: 'sip:alice@example.com',
      displayText: 'Alice',
      roles: ['participant'],
      endpoints: [
        _.endpoint({
          entity: 'sip:alice@pc.example.com',
          status: 'connected',
          media: [_.media({ id: '1', type: 'audio', status: 'sendrecv' }), _.media({ id: '2', type: 'video', status: 'sendrecv' })]
        })
      ]
    })
    const carol = _.user({ entity: 'sip:carol@example.com', displayText: 'Carol' })
    const s1 = applied(step(undefined, decode(RFC4575_7_1)))

    it('the state of a full document: the document in normal form', () => {
      assert.strictEqual(s1.version, 1)
      const { state: _full, ...bobInState } = bob
      assert.deepStrictEqual(s1.value.users?.users[0], bobInState)
      assert.deepStrictEqual(_.inconsistencies(s1.value), [])
    })

    it('a user added, changed and deleted', () => {
      // alice is in the document already (RFC 4575 §7.1): added again, she is replaced whole, in place
      const s2 = applied(step(s1, _.userAdded(CONF, 2, alice)))
      assert.deepStrictEqual(_.roster(s2).map((u) => [u.entity, u.endpoints.map((e) => e.entity)]), [
        ['sip:bob@example.com', ['sip:bob@pc33.example.com']],
        ['sip:alice@example.com', ['sip:alice@pc.example.com']]
      ])
      const s3 = applied(
        step(
          s2,
          _.userChanged(CONF, 3, {
            entity: 'sip:alice@example.com',
            endpoints: [{ entity: 'sip:alice@pc.example.com', state: 'partial', status: 'on-hold', media: [{ id: '2', status: 'inactive', other: [] }], other: [] }],
            other: []
          })
        )
      )
      assert.deepStrictEqual(_.roster(s3)[1], {
        entity: 'sip:alice@example.com',
        displayText: 'Alice',
        roles: ['participant'],
        endpoints: [
          {
            entity: 'sip:alice@pc.example.com',
            status: 'on-hold',
            media: [
              { id: '1', type: 'audio', status: 'sendrecv' },
              { id: '2', type: 'video', status: 'inactive' }
            ]
          }
        ]
      })
      const s4 = applied(step(s3, _.userDeleted(CONF, 4, 'sip:bob@example.com')))
      assert.deepStrictEqual(_.roster(s4).map((u) => u.entity), ['sip:alice@example.com'])
      assert.strictEqual(s4.value.state, 'full')
      // the other parts of the conference stay
      assert.deepStrictEqual(s4.value.conferenceState, { userCount: 33, other: [] })
    })

    it('deleting then adding a user again: she comes back at the end, with only what the new element carries', () => {
      const s2 = applied(step(s1, _.userDeleted(CONF, 2, 'sip:bob@example.com')))
      const s3 = applied(step(s2, _.userChanged(CONF, 3, { entity: 'sip:bob@example.com', displayText: 'Bob again', endpoints: [], other: [] })))
      assert.deepStrictEqual(_.roster(s3).map((u) => [u.entity, u.displayText, u.endpoints.length]), [
        ['sip:alice@example.com', 'Alice', 1],
        ['sip:bob@example.com', 'Bob again', 0]
      ])
      // added whole, the same
      const s3b = applied(step(s2, _.userAdded(CONF, 3, carol)))
      assert.deepStrictEqual(_.roster(s3b).map((u) => u.entity), ['sip:alice@example.com', 'sip:carol@example.com'])
    })

    it('stale, duplicate and lost notifications', () => {
      assert.deepStrictEqual(step(s1, _.userAdded(CONF, 1, carol)), { _tag: 'Stale', current: 1, got: 1 })
      assert.deepStrictEqual(step(s1, _.userAdded(CONF, 3, carol)), { _tag: 'Gap', expected: 2, got: 3 })
      assert.deepStrictEqual(step(undefined, _.userAdded(CONF, 3, carol)), { _tag: 'NotFullState', got: 3 })
      // a document without a version counts as version 0
      assert.deepStrictEqual(step(s1, { entity: CONF, other: [] }), { _tag: 'Stale', current: 1, got: 0 })
    })

    it('a deleted conference replaces the state and says so', () => {
      const gone = applied(step(s1, { entity: CONF, state: 'deleted', version: 2, other: [] }))
      assert.deepStrictEqual(gone.value, { entity: CONF, state: 'deleted', version: 2, other: [] })
    })

    it('a partial publication relabelled full by a server is inconsistent (RFC 4575 §4.4), and read as full', () => {
      const relabelled: _.ConferenceInfo = { ..._.userChanged(CONF, 2, carol), state: 'full' }
      assert.deepStrictEqual(_.inconsistencies(relabelled), [
        { path: ['users'], state: 'partial', parent: 'full' }
      ])
      assert.deepStrictEqual(_.roster(applied(step(s1, relabelled))).map((u) => u.entity), ['sip:carol@example.com'])
    })

    // ---------------------------------------------------------------------------------
    // laws: the focus's constructors against an independent model of the users table
    // ---------------------------------------------------------------------------------

    /** A user without states (as a focus keeps its own table). */
    const plainUser: fc.Arbitrary<_.User> = CA.User.map((u) => {
      const { state: _s, associatedAors, ...rest } = u
      return {
        ...rest,
        ...(associatedAors === undefined ? {} : { associatedAors: (({ state: _x, ...a }) => a)(associatedAors) }),
        endpoints: u.endpoints.map(({ state: _e, ...e }) => e)
      }
    })
    const entities = ['sip:u1@example.com', 'sip:u2@example.com', 'sip:u3@example.com', 'sip:u4@example.com']
    const epEntities = ['sip:e1@example.com', 'sip:e2@example.com']
    const userArb = (entity: string): fc.Arbitrary<_.User> => plainUser.map((u) => ({ ...u, entity }))
    const stateArb: fc.Arbitrary<_.ConferenceInfo> = fc
      .uniqueArray(fc.constantFrom(...entities), { maxLength: 4 })
      .chain((es) => fc.tuple(...es.map(userArb)))
      .map((users) => _.conferenceInfo({ entity: CONF, version: 1, users }))

    type Change =
      | { readonly _tag: 'Added'; readonly user: _.User }
      | { readonly _tag: 'Deleted'; readonly entity: string }
      | { readonly _tag: 'Changed'; readonly entity: string; readonly displayText?: string; readonly endpoint: string; readonly status: _.EndpointStatus }
    const changeArb: fc.Arbitrary<Change> = fc.constantFrom(...entities).chain((entity) =>
      fc.oneof(
        userArb(entity).map((user): Change => ({ _tag: 'Added', user })),
        fc.constant<Change>({ _tag: 'Deleted', entity }),
        fc
          .record({ displayText: fc.option(A.xmlText(6), { nil: undefined }), endpoint: fc.constantFrom(...epEntities), status: A.literal(_.endpointStatusValue) })
          .map(({ displayText, endpoint, status }): Change => ({ _tag: 'Changed', entity, ...(displayText === undefined ? {} : { displayText }), endpoint, status }))
      )
    )
    const docOf = (version: number, c: Change): _.ConferenceInfo => {
      switch (c._tag) {
        case 'Added':
          return _.userAdded(CONF, version, c.user)
        case 'Deleted':
          return _.userDeleted(CONF, version, c.entity)
        case 'Changed':
          return _.userChanged(CONF, version, {
            entity: c.entity,
            ...(c.displayText === undefined ? {} : { displayText: c.displayText }),
            endpoints: [{ entity: c.endpoint, state: 'partial', status: c.status, media: [], other: [] }],
            other: []
          })
      }
    }
    /** The model: a Map of users by entity (set keeps the place, delete then set appends). */
    const model = (s: _.ConferenceInfo, cs: ReadonlyArray<Change>): _.ConferenceInfo => {
      const table = new Map<string, _.User>()
      for (const u of s.users?.users ?? []) table.set(u.entity!, u)
      for (const c of cs) {
        if (c._tag === 'Added') table.set(c.user.entity!, c.user)
        else if (c._tag === 'Deleted') table.delete(c.entity)
        else {
          const old = table.get(c.entity) ?? { entity: c.entity, endpoints: [], other: [] }
          const eps = new Map(old.endpoints.map((e) => [e.entity, e]))
          eps.set(c.endpoint, { ...(eps.get(c.endpoint) ?? { entity: c.endpoint, media: [], other: [] }), status: c.status })
          table.set(c.entity, { ...old, ...(c.displayText === undefined ? {} : { displayText: c.displayText }), endpoints: [...eps.values()] })
        }
      }
      return { ...s, version: (s.version ?? 0) + cs.length, users: { users: [...table.values()], other: [] } }
    }
    const sorted = (_k: string, v: unknown): unknown =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v
    const same = (a: unknown, b: unknown): void => assert.deepStrictEqual(JSON.parse(JSON.stringify(a, sorted)), JSON.parse(JSON.stringify(b, sorted)))
    /** Through the wire: the NOTIFY body a focus would send, decoded as a subscriber would. */
    const wire = (d: _.ConferenceInfo): _.ConferenceInfo => decode(_.document.encode(d))

    it('a partial document gives the state of the full document it stands for', () => {
      fc.assert(
        fc.property(stateArb, changeArb, (s, c) => {
          const s1 = applied(step(undefined, wire(s)))
          const got = applied(step(s1, wire(docOf(2, c))))
          const expected = model(s, [c])
          same(got.value, expected)
          same(applied(step(s1, wire(expected))).value, got.value)
        })
      )
    })

    it('a chain of partial documents applied in order gives the full end state', () => {
      fc.assert(
        fc.property(stateArb, fc.array(changeArb, { maxLength: 8 }), (s, cs) => {
          const r = Versioned.applyAll(_.merge)(undefined, [s, ...cs.map((c, i) => docOf(2 + i, c))].map(wire))
          assert.ok(r.outcomes.every((o) => o._tag === 'Applied'))
          same(r.state?.value, model(s, cs))
          same(_.merge.fromFull(wire(model(s, cs))), r.state?.value)
          same(_.roster(r.state!), _.roster(model(s, cs)))
        })
      )
    })

    it('stale documents are never applied', () => {
      fc.assert(
        fc.property(stateArb, changeArb, fc.integer({ min: 0, max: 3 }), (s, c, back) => {
          const current = applied(step(undefined, { ...s, version: 3 }))
          const o = step(current, docOf(3 - back, c))
          assert.deepStrictEqual(o, { _tag: 'Stale', current: 3, got: 3 - back })
          assert.strictEqual(Versioned.stateAfter(current, o), current)
        })
      )
    })
  })

  describe('optics', () => {
    const d = decode(RFC4575_7_1)
    it('userByEntity, endpointByEntity, mediaById', () => {
      assert.deepStrictEqual(_.userByEntity('sip:bob@example.com').getOption(d), O.some(bob))
      assert.deepStrictEqual(_.userByEntity('sip:nobody@example.com').getOption(d), O.none)
      const media = pipe(_.userByEntity('sip:bob@example.com'), Op.compose(_.endpointByEntity('sip:bob@pc33.example.com')), Op.compose(_.mediaById('1')))
      const muted = media.set({ id: 'other-id', status: 'recvonly', other: [] })(d)
      assert.deepStrictEqual(media.getOption(muted), O.some({ id: '1', status: 'recvonly', other: [] }))
      assert.strictEqual(_.userByEntity('x').set(bob)({ entity: CONF, other: [] }).users, undefined)
    })
    it('everyUser', () => {
      assert.deepStrictEqual(
        T.getAll(d)(_.everyUser).map((u) => u.displayText),
        ['Bob Hoskins', 'Alice']
      )
      assert.deepStrictEqual(T.getAll<_.ConferenceInfo>({ entity: CONF, other: [] })(_.everyUser), [])
    })
    it('roster: users with their roles, endpoints, statuses and media', () => {
      assert.deepStrictEqual(_.roster(d), [
        {
          entity: 'sip:bob@example.com',
          displayText: 'Bob Hoskins',
          roles: [],
          endpoints: [{ entity: 'sip:bob@pc33.example.com', displayText: "Bob's Laptop", status: 'disconnected', media: [{ id: '1', type: 'audio', label: '34567', status: 'sendrecv' }] }]
        },
        {
          entity: 'sip:alice@example.com',
          displayText: 'Alice',
          roles: [],
          endpoints: [{ entity: 'sip:4kfk4j392jsu@example.com;grid=433kj4j3u', status: 'connected', media: [{ id: '1', type: 'audio', label: '34567', status: 'sendrecv' }] }]
        }
      ])
      // of a state of the engine too, and without deleted users
      assert.deepStrictEqual(_.roster({ version: 1, value: d }), _.roster(d))
      assert.deepStrictEqual(_.roster(_.userDeleted(CONF, 1, 'sip:bob@example.com')), [])
    })
  })

  describe('benchmark documents', () => {
    it('conference1k: 1,000 users with roles, an endpoint and two media, about 850 KB; 100 partials on top of it apply', () => {
      const big = CA.conference1k()
      const text = _.document.encode(big)
      assert.ok(text.length > 800_000 && text.length < 900_000, String(text.length))
      assert.strictEqual(big.users?.users.length, 1000)
      assert.ok(big.users?.users.every((u) => u.roles !== undefined && u.endpoints.length === 1 && u.endpoints[0].media.length === 2))
      assert.ok(_.document.is(big))
      const ps = CA.conference1kPartials(100)
      assert.strictEqual(ps.length, 100)
      const r = Versioned.applyAll(_.merge)(undefined, [big, ...ps])
      assert.ok(r.outcomes.every((o) => o._tag === 'Applied'))
      assert.strictEqual(r.state?.version, 101)
      assert.strictEqual(_.roster(r.state!).length, 1000)
      assert.strictEqual(CA.registration.scale?.(3).users?.users.length, 3)
      assert.deepStrictEqual(CA.conferenceOf(2).users?.users.map((u) => u.entity), ['sip:participant0000@example.com', 'sip:participant0001@example.com'])
    })
  })
})
