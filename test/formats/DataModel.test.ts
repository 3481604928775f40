import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/DataModel.js'
import * as Pidf from '../../src/formats/Pidf.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import { report } from '../../src/codec/DecodeError.js'
import { decodeOk } from '../util.js'

const DM = _.NS
const NS = Pidf.NS
const codec = Pidf.documentWith(Pidf.presenceWith({ presence: _.presence, tuple: _.tuple }))
type Doc = Pidf.Presence<_.PresenceExt, _.TupleExt>

const decode: (s: string) => Doc = decodeOk(codec)
const elem = (s: string): Xml.Element => {
  const r = parse(s)
  if (E.isLeft(r)) assert.fail(r.left.message)
  return r.right
}

const doc = `<presence xmlns="${NS}" xmlns:dm="${DM}" xmlns:x="urn:example:x" entity="pres:alice@example.com">
  <tuple id="t1"><status><basic>open</basic></status><dm:deviceID>urn:uuid:aaa</dm:deviceID><dm:deviceID>urn:uuid:bbb</dm:deviceID></tuple>
  <dm:person id="p1"><x:mood>fine</x:mood><dm:note xml:lang="en">Hi</dm:note><dm:timestamp>2024-01-01T00:00:00Z</dm:timestamp></dm:person>
  <dm:device id="d1"><x:battery>80</x:battery><dm:deviceID>urn:uuid:aaa</dm:deviceID><dm:note>phone</dm:note></dm:device>
  <dm:device id="d2"><dm:deviceID>urn:uuid:bbb</dm:deviceID></dm:device>
</presence>`

describe('DataModel', () => {
  describe('RFC 4479 §4 elements', () => {
    it('persons, devices and the device IDs of a tuple', () => {
      const v = decode(doc)
      assert.deepStrictEqual(v.tuples[0].ext, { deviceIDs: ['urn:uuid:aaa', 'urn:uuid:bbb'] })
      const p = v.ext.persons[0]
      assert.deepStrictEqual(
        { ...p, other: p.other.map((e) => [e.name.local, Xml.textOf(e)]) },
        { id: 'p1', ext: {}, other: [['mood', 'fine']], notes: [{ lang: 'en', value: 'Hi' }], timestamp: '2024-01-01T00:00:00Z' }
      )
      assert.deepStrictEqual(
        v.ext.devices.map((d) => [d.id, d.deviceID, d.other.map((e) => e.name.local), d.notes]),
        [
          ['d1', 'urn:uuid:aaa', ['battery'], [{ value: 'phone' }]],
          ['d2', 'urn:uuid:bbb', [], []]
        ]
      )
    })
    it('writes a device in data-model.xsd order: extension elements before <dm:deviceID>', () => {
      const d = _.device({ id: 'd', deviceID: 'urn:uuid:1', note: 'n', other: [Xml.element({ ns: 'urn:example:x', local: 'y' })], timestamp: '2024-01-01T00:00:00Z' })
      assert.deepStrictEqual(
        Xml.elements(_.Device.encode(d)).map((e) => e.name.local),
        ['y', 'deviceID', 'note', 'timestamp']
      )
    })
    it('a PIDF note inside a person is a foreign element there (the person’s wildcard is ##other of the data model)', () => {
      const r = _.Person.decode(elem(`<dm:person xmlns:dm="${DM}" id="p"><note xmlns="${NS}">pidf</note></dm:person>`))
      if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
      assert.deepStrictEqual(r.right.notes, [])
      assert.deepStrictEqual(r.right.other.map((e) => e.name), [{ ns: NS, local: 'note' }])
    })
  })

  describe('errors', () => {
    it('renders paths and messages', () => {
      const r = codec.decode(`<presence xmlns="${NS}" xmlns:dm="${DM}" entity="e"><dm:device id="d"><dm:deviceID>a</dm:deviceID><dm:deviceID>b</dm:deviceID></dm:device><dm:person id="p"><dm:note xml:lang="!">x</dm:note></dm:person></presence>`)
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), [
        '/presence/person[1]/note[1]/@xml:lang: expected an xs:language, got "!"',
        `/presence/device[1]/deviceID[2]: expected one <{${DM}}deviceID>, got another`
      ])
    })
  })

  describe('optics', () => {
    it('personById, deviceById, deviceByDeviceID keep their key on set', () => {
      const v = decode(doc)
      assert.deepStrictEqual(O.map((p: _.Person) => p.id)(_.personById('p1').getOption(v)), O.some('p1'))
      assert.deepStrictEqual(_.personById('p9').getOption(v), O.none)
      assert.deepStrictEqual(O.map((d: _.Device) => d.id)(_.deviceByDeviceID('urn:uuid:bbb').getOption(v)), O.some('d2'))
      const renamed = _.deviceById('d1').set({ ...v.ext.devices[1], id: 'other' })(v)
      assert.deepStrictEqual(renamed.ext.devices.map((d) => d.id), ['d1', 'd2'])
      const moved = _.deviceByDeviceID('urn:uuid:aaa').set({ ...v.ext.devices[0], deviceID: 'urn:uuid:zzz' })(v)
      assert.strictEqual(moved.ext.devices[0].deviceID, 'urn:uuid:aaa')
      assert.strictEqual(_.personById('p9').set(v.ext.persons[0])(v), v)
    })
  })
})
