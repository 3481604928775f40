import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Pidf.js'
import * as DataModel from '../../src/formats/DataModel.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'
import { decodeErrors, decodeOk } from '../util.js'

const NS = _.NS
const DM = DataModel.NS
const corpus = fileURLToPath(new URL('../../../shared/corpus/pidf/', import.meta.url))
const read = (f: string): string => readFileSync(corpus + f, 'utf8')

const plain = _.document
const withDm = _.documentWith(_.presenceWith({ presence: DataModel.presence, tuple: DataModel.tuple }))

const decode = <A>(codec: Parameters<typeof decodeOk<A>>[0], s: string): A => decodeOk(codec)(s)
const errors = (s: string, codec = plain): ReadonlyArray<string> => decodeErrors(codec)(s)
const elem = (s: string): Xml.Element => {
  const r = parse(s)
  if (E.isLeft(r)) assert.fail(r.left.message)
  return Xml.stripHints(r.right)
}
const strip = <A>(a: A): A => JSON.parse(JSON.stringify(a, (k, v) => (k === 'nsHints' ? undefined : v)))
const names = (e: Xml.Element): ReadonlyArray<string> => Xml.elements(e).map((c) => c.name.local)

describe('Pidf', () => {
  describe('RFC 3863 examples', () => {
    it('§4.2.2: every element prefixed (impp:)', () => {
      assert.deepStrictEqual(decode(plain, read('rfc3863-sec4.2.2-1.xml')), {
        entity: 'pres:someone@example.com',
        tuples: [
          {
            id: 'sg89ae',
            status: { basic: 'open', ext: {}, other: [] },
            ext: {},
            other: [],
            contact: { priority: 0.8, uri: 'tel:+09012345678' },
            notes: []
          }
        ],
        notes: [],
        ext: {},
        other: [],
        xmlns: [{ prefix: 'impp', uri: NS }]
      })
      // the same document with a default namespace decodes to the same value, but for the author's prefix
      const { xmlns, ...rest } = decode(plain, read('rfc3863-sec4.2.2-1.xml'))
      assert.deepStrictEqual(decode(plain, read('rfc3863-sec4.2.2-2.xml')), rest)
      assert.deepStrictEqual(xmlns, [{ prefix: 'impp', uri: NS }])
      // and the author's prefix comes back when the value is encoded again
      assert.match(_.document.encode(decode(plain, read('rfc3863-sec4.2.2-1.xml'))), /^<\?xml[^>]*\?><impp:presence xmlns:impp="urn:ietf:params:xml:ns:pidf"/)
    })
    it('§4.3.1: status extensions, notes with languages, timestamp, presence note', () => {
      const v = strip(decode(plain, read('rfc3863-sec4.3.1.xml')))
      const t = v.tuples[0]
      assert.strictEqual(t.id, 'bs35r9')
      assert.strictEqual(t.status.basic, 'open')
      assert.deepStrictEqual(
        t.status.other.map((e) => [e.name.ns, e.name.local, Xml.textOf(e)]),
        [
          ['urn:ietf:params:xml:ns:pidf:im', 'im', 'busy'],
          ['http://id.example.com/presence/', 'location', 'home']
        ]
      )
      assert.deepStrictEqual(t.contact, { priority: 0.8, uri: 'im:someone@mobilecarrier.net' })
      assert.deepStrictEqual(t.notes, [
        { lang: 'en', value: "Don't Disturb Please!" },
        { lang: 'fr', value: "Ne derangez pas, s'il vous plait" }
      ])
      assert.strictEqual(t.timestamp, '2001-10-27T16:49:29Z')
      assert.deepStrictEqual(v.tuples[1].contact, { priority: 1, uri: 'mailto:someone@example.com' })
      assert.deepStrictEqual(v.notes, [{ value: "I'll be in Tokyo next week" }])
    })
    it('§4.3.2: foreign elements in a tuple and in presence are kept, a contact URI is kept as written', () => {
      const v = decode(plain, read('rfc3863-sec4.3.2.xml'))
      assert.deepStrictEqual(
        v.tuples[0].other.map((e) => e.name.local),
        ['mytupletag']
      )
      assert.deepStrictEqual(
        v.other.map((e) => [e.name.local, Xml.textOf(e)]),
        [['mytag', 'My extended presentity information']]
      )
      assert.deepStrictEqual(v.tuples[1].contact, { priority: 1, uri: '\n       im:someone@mobilecarrier.net' })
    })
    it('§4.3.3: nested foreign elements with pidf:mustUnderstand survive an edit and re-encoding', () => {
      const v = decode(plain, read('rfc3863-sec4.3.3.xml'))
      const edited = { ...v, tuples: v.tuples.map((t) => ({ ...t, status: { ...t.status, basic: 'closed' as const } })) }
      const again = decode(plain, plain.encode(edited))
      assert.strictEqual(again.tuples[0].status.basic, 'closed')
      assert.ok(Xml.equals(again.tuples[0].other[0], v.tuples[0].other[0]))
      const ex1 = Xml.elements(again.tuples[0].other[0])[0]
      assert.strictEqual(ex1.attrs[`{${NS}}mustUnderstand`], '1')
    })
  })

  describe('shapes other stacks get wrong', () => {
    it('a prefixed root with default-namespace tuples', () => {
      const v = decode(
        plain,
        `<p:presence xmlns:p="${NS}" entity="sip:a@example.com"><tuple xmlns="${NS}" id="t1"><status><basic>closed</basic></status></tuple><p:note>hi</p:note></p:presence>`
      )
      assert.strictEqual(v.tuples[0].status.basic, 'closed')
      assert.deepStrictEqual(v.notes, [{ value: 'hi' }])
    })
    it('timestamps with fractions and offsets are kept as written', () => {
      const ts = ['2005-10-27T16:49:29.123456789+05:30', '2005-10-27T16:49:29.5-08:00', '2005-10-27T16:49:29Z', '2005-10-27T16:49:29']
      const doc = `<presence xmlns="${NS}" entity="pres:a@example.com">${ts
        .map((s, i) => `<tuple id="t${i}"><status/><timestamp>${s}</timestamp></tuple>`)
        .join('')}</presence>`
      assert.deepStrictEqual(
        decode(plain, doc).tuples.map((t) => t.timestamp),
        ts
      )
      assert.deepStrictEqual(errors(`<presence xmlns="${NS}" entity="x"><tuple id="a"><status/><timestamp>2005-13-01T00:00:00Z</timestamp></tuple></presence>`), [
        '/presence/tuple[1]/timestamp: expected an xs:dateTime, got "2005-13-01T00:00:00Z"'
      ])
    })
    it('notes at presence, tuple and person level', () => {
      const v = decode(
        withDm,
        `<presence xmlns="${NS}" xmlns:dm="${DM}" entity="pres:a@example.com">
          <tuple id="t"><status/><note xml:lang="en">tuple</note></tuple>
          <note>presence</note>
          <dm:person id="p"><dm:note xml:lang="de">Person</dm:note></dm:person>
        </presence>`
      )
      assert.deepStrictEqual(T.getAll(v)(DataModel.everyNote<typeof v>()), [
        { value: 'presence' },
        { lang: 'en', value: 'tuple' },
        { lang: 'de', value: 'Person' }
      ])
      const upper = T.modify((n: _.Note) => ({ ...n, value: n.value.toUpperCase() }))(DataModel.everyNote<typeof v>())(v)
      assert.deepStrictEqual(upper.ext.persons[0].notes, [{ lang: 'de', value: 'PERSON' }])
      assert.deepStrictEqual(upper.tuples[0].notes, [{ lang: 'en', value: 'TUPLE' }])
    })
    it('a status without <basic>', () => {
      const v = decode(plain, `<presence xmlns="${NS}" entity="pres:a@example.com"><tuple id="a"><status/></tuple></presence>`)
      assert.deepStrictEqual(v.tuples[0].status, { ext: {}, other: [] })
      assert.ok(!('basic' in v.tuples[0].status))
      assert.deepStrictEqual(_.basicById('a').getOption(v), O.some(undefined))
    })
    it('5,000 tuples, no cap', () => {
      const n = 5000
      const body = Array.from({ length: n }, (_x, i) => `<tuple id="t${i}"><status><basic>${i % 2 ? 'open' : 'closed'}</basic></status></tuple>`).join('')
      const v = decode(plain, `<presence xmlns="${NS}" entity="pres:a@example.com">${body}</presence>`)
      assert.strictEqual(v.tuples.length, n)
      assert.strictEqual(v.tuples[n - 1].id, `t${n - 1}`)
      assert.strictEqual(v.tuples[n - 1].status.basic, 'open')
      assert.strictEqual(decode(plain, plain.encode(v)).tuples.length, n)
    })
    it('a note or status element of a foreign namespace is not taken for PIDF’s', () => {
      const v = decode(
        plain,
        `<presence xmlns="${NS}" xmlns:x="urn:example:x" entity="pres:a@example.com">
          <tuple id="a"><status><x:status>busy</x:status></status><x:status>away</x:status><x:note>foreign</x:note></tuple>
          <x:note>foreign too</x:note>
        </presence>`
      )
      assert.deepStrictEqual(v.notes, [])
      assert.deepStrictEqual(v.tuples[0].notes, [])
      assert.deepStrictEqual(v.other.map((e) => [e.name.ns, e.name.local]), [['urn:example:x', 'note']])
      assert.deepStrictEqual(v.tuples[0].other.map((e) => e.name.local), ['status', 'note'])
      assert.deepStrictEqual(v.tuples[0].status.other.map((e) => e.name.local), ['status'])
      // a tuple whose only status is foreign has no status
      assert.deepStrictEqual(
        errors(`<presence xmlns="${NS}" xmlns:x="urn:example:x" entity="e"><tuple id="a"><x:status/></tuple></presence>`),
        [`/presence/tuple[1]: expected a child <{${NS}}status>, got nothing`]
      )
    })
  })

  describe('errors', () => {
    it('renders paths and messages', () => {
      assert.deepStrictEqual(
        errors(`<presence xmlns="${NS}" entity="e"><tuple id="a"><status><basic>open</basic></status></tuple><tuple id="b"><status><basic>busy</basic></status></tuple></presence>`),
        ['/presence/tuple[2]/status/basic: expected "open" | "closed", got "busy"']
      )
      assert.deepStrictEqual(errors(`<presence xmlns="${NS}"/>`), ['/presence: expected attribute entity, got nothing'])
      assert.deepStrictEqual(errors(`<presence xmlns="${NS}" entity="e"><tuple id="1a"><status/></tuple></presence>`), [
        '/presence/tuple[1]/@id: expected an xs:ID, got "1a"'
      ])
      assert.deepStrictEqual(
        errors(`<presence xmlns="${NS}" entity="e"><tuple id="a"><status/><contact priority="1.2">sip:a@b</contact></tuple></presence>`),
        ['/presence/tuple[1]/contact/@priority: expected a qvalue (0 to 1, at most 3 decimals), got "1.2"']
      )
      assert.deepStrictEqual(errors(`<presence xmlns="${NS}" entity="e"><bogus/></presence>`), [
        `/presence/bogus[1]: expected no element <{${NS}}bogus> here, got one`
      ])
    })
    it('lenient mode drops an invalid tuple and reports it', () => {
      const r = plain.decodeLenient(
        `<presence xmlns="${NS}" entity="e"><tuple id="a"><status/></tuple><tuple id="b"><status><basic>busy</basic></status></tuple></presence>`
      )
      if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
      assert.deepStrictEqual(r.right.value.tuples.map((t) => t.id), ['a'])
      assert.deepStrictEqual(reportDropped(r.right.dropped), [
        '/presence/tuple[2]: dropped: status/basic: expected "open" | "closed", got "busy"'
      ])
    })
  })

  describe('qvalue', () => {
    it('reads 0 to 1 with up to three decimals and prints at least one decimal', () => {
      const q = _.qvalue
      assert.deepStrictEqual(['0', '0.5', '0.725', '1', '1.0', '1.000'].map((s) => q.decode(s)), [0, 0.5, 0.725, 1, 1, 1].map(E.right))
      for (const bad of ['1.2', '0.1234', '-0', '2', '.5', '1.001']) assert.ok(E.isLeft(q.decode(bad)), bad)
      assert.deepStrictEqual([1, 0, 0.5, 0.725].map(q.encode), ['1.0', '0.0', '0.5', '0.725'])
    })
  })

  describe('order of extension elements', () => {
    it('children interleaved in the source keep their order through decode and encode', () => {
      const src = `<tuple xmlns="${NS}" xmlns:x="urn:example:x" xmlns:dm="${DM}" id="a"><status/><x:one/><dm:deviceID>urn:x:1</dm:deviceID><x:two/><contact>sip:a@b</contact></tuple>`
      const codec = _.tupleWith(DataModel.tuple)
      const v = codec.decode(elem(src))
      if (E.isLeft(v)) assert.fail(report(v.left).join('\n'))
      assert.deepStrictEqual(names(codec.encode(v.right)), ['status', 'one', 'deviceID', 'two', 'contact'])
      // a value built by hand is written in schema order: extension fields, then other elements
      const built = _.tuple({ id: 'a', ext: { deviceIDs: ['urn:x:1'] }, other: v.right.other, contact: 'sip:a@b' })
      assert.deepStrictEqual(names(codec.encode(built)), ['status', 'deviceID', 'one', 'two', 'contact'])
      // the order is data in the value: it survives a copy, JSON and an edit of an unrelated field
      assert.deepStrictEqual(v.right.order, ['{urn:ietf:params:xml:ns:pidf}status', '{urn:example:x}one', `{${DM}}deviceID`, '{urn:example:x}two', '{urn:ietf:params:xml:ns:pidf}contact'])
      assert.deepStrictEqual(names(codec.encode(structuredClone(v.right))), ['status', 'one', 'deviceID', 'two', 'contact'])
      assert.deepStrictEqual(names(codec.encode(JSON.parse(JSON.stringify(v.right)))), ['status', 'one', 'deviceID', 'two', 'contact'])
      const added = { ...v.right, notes: [_.note('new')] }
      assert.deepStrictEqual(names(codec.encode(added)), ['status', 'one', 'deviceID', 'two', 'contact', 'note'])
      // and a value whose order is the encoder's own carries none
      const back = codec.decode(codec.encode(built))
      assert.ok(E.isRight(back) && back.right.order === undefined)
    })
  })

  describe('constructors', () => {
    it('tuple fills in a fresh, valid id and the given parts', () => {
      const t = _.tuple({ basic: 'open', contact: 'sip:alice@example.com', priority: 0.5, note: 'here', timestamp: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })
      assert.match(t.id, /^t[0-9a-z]+$/)
      assert.deepStrictEqual({ ...t, id: 'x' }, {
        id: 'x',
        status: { basic: 'open', ext: {}, other: [] },
        ext: {},
        other: [],
        contact: { priority: 0.5, uri: 'sip:alice@example.com' },
        notes: [{ value: 'here' }],
        timestamp: '2024-01-02T03:04:05.000Z'
      })
      const ids = new Set(Array.from({ length: 1000 }, () => _.tuple().id))
      assert.strictEqual(ids.size, 1000)
    })
    it('presence builds a document that encodes and decodes back', () => {
      const p = _.presence({ entity: 'pres:alice@example.com', tuples: [_.tuple({ id: 'a', basic: 'closed' })], note: _.note('away', 'en') })
      assert.deepStrictEqual(decode(plain, plain.encode(p)), p)
    })
  })

  describe('optics', () => {
    it('ext and extField focus the extension record and one of its fields', () => {
      const t = _.tuple<DataModel.TupleExt>({ id: 'a', ext: { deviceIDs: ['urn:x:1'] } })
      const ids = _.extField<typeof t>()('deviceIDs')
      assert.deepStrictEqual(ids.get(t), ['urn:x:1'])
      assert.deepStrictEqual(ids.set(['urn:x:2'])(t).ext, { deviceIDs: ['urn:x:2'] })
      assert.strictEqual(_.ext<typeof t>().set(t.ext)(t), t)
    })
    it('tupleById and basicById', () => {
      const v = decode(plain, read('rfc3863-sec4.3.1.xml'))
      assert.deepStrictEqual(O.map((t: _.Tuple) => t.id)(_.tupleById('eg92n8').getOption(v)), O.some('eg92n8'))
      const closed = _.basicById('eg92n8').set('closed')(v)
      assert.strictEqual(closed.tuples[1].status.basic, 'closed')
      assert.strictEqual(closed.tuples[0], v.tuples[0])
      assert.strictEqual(_.basicById('nope').set('closed')(v), v)
      const removed = _.basicById('eg92n8').set(undefined)(v)
      assert.ok(!('basic' in removed.tuples[1].status))
    })
  })
})
