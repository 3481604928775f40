import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as O from '#fp-ts/Option'
import { describe, it } from 'vitest'
import * as _ from '../../src/policy/Filter.js'
import * as Evaluate from '../../src/policy/Evaluate.js'
import * as Permissions from '../../src/policy/Permissions.js'
import * as Cipid from '../../src/formats/Cipid.js'
import * as PidfLo from '../../src/formats/PidfLo.js'
import * as Presence from '../../src/formats/Presence.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as Rpid from '../../src/formats/Rpid.js'
import * as Xml from '../../src/xml/Ast.js'
import { decodeOk, deepStrictEqual } from '../util.js'

const corpus = fileURLToPath(new URL('../../../shared/corpus/pidf/', import.meta.url))
const FOO = 'urn:vendor-specific:foo-namespace'
const foo = Xml.element({ ns: FOO, local: 'foo' }, {}, [Xml.text('bar')])
const other = Xml.element({ ns: 'urn:example:other', local: 'secret' }, {}, [Xml.text('42')])
const here = PidfLo.geopriv({ locations: [PidfLo.point(-34.407, 150.883)], method: 'GPS' })
const idle = Rpid.userInput('idle', { idleThreshold: 600, lastInput: '2026-05-01T11:00:00Z' })

const doc = Presence.presence({
  entity: 'pres:user@example.com',
  tuples: [
    Presence.tuple({
      id: 't-sip',
      basic: 'open',
      contact: 'sip:user@192.0.2.1',
      note: 'desk phone',
      ext: {
        class: 'work',
        deviceIDs: ['urn:uuid:d1'],
        userInput: idle,
        serviceClass: Rpid.serviceClass('electronic'),
        ...Cipid.displayName('User')
      },
      statusExt: { geopriv: [here] }
    }),
    Presence.tuple({ id: 't-mail', basic: 'open', contact: 'mailto:user@example.com' }),
    Presence.tuple({ id: 't-im', basic: 'closed', contact: 'im:user@example.com', timestamp: '2026-05-01T10:00:00Z' })
  ],
  persons: [
    Presence.person({
      id: 'p1',
      note: 'busy week',
      other: [foo, other],
      ext: {
        activities: [{ ...Rpid.activities('meeting'), notes: [Rpid.note('quarterly review')] }],
        mood: [Rpid.mood('happy')],
        sphere: [Rpid.sphere('work')],
        userInput: idle,
        class: 'family',
        geopriv: [here]
      }
    })
  ],
  devices: [Presence.device({ id: 'd1', deviceID: 'urn:uuid:d1', ext: { userInput: idle, geopriv: [here] } })]
})

// RFC 5025 §6
const example = Permissions.normalize({
  provideServices: {
    members: [
      { _tag: 'ServiceUriScheme', serviceUriScheme: 'sip' },
      { _tag: 'ServiceUriScheme', serviceUriScheme: 'mailto' }
    ]
  },
  providePersons: { all: true, members: [] },
  provideActivities: true,
  provideUserInput: 'bare',
  provideUnknownAttributes: [{ name: 'foo', ns: FOO, value: true }]
})

const decodesBack = (d: Presence.Presence): void =>
  deepStrictEqual(decodeOk(Presence.document)(Presence.document.encode(d)), d)

describe('Filter', () => {
  describe('RFC 5025 §6: the example document', () => {
    const f = _.apply(example)(doc)
    it('keeps the services whose contact scheme is sip or mailto, the person, no device', () => {
      deepStrictEqual(
        f.tuples.map((t) => t.id),
        ['t-sip', 't-mail']
      )
      deepStrictEqual(
        f.ext.persons.map((p) => p.id),
        ['p1']
      )
      deepStrictEqual(f.ext.devices, [])
      decodesBack(f)
    })
    it('in the person: activities with their notes, user-input without its attributes, foo; nothing else', () => {
      const p = f.ext.persons[0]
      deepStrictEqual(p.ext, {
        activities: doc.ext.persons[0].ext.activities,
        userInput: { value: 'idle' }
      } as Presence.PersonExt)
      deepStrictEqual(p.other, [foo])
      deepStrictEqual(p.notes, [])
    })
    it('in a service: what is always provided (contact, basic, service class), user-input bare; no class, device ID, note, location', () => {
      const t = f.tuples[0]
      deepStrictEqual(t.contact, { uri: 'sip:user@192.0.2.1' })
      assert.strictEqual(t.status.basic, 'open')
      deepStrictEqual(t.status.ext, {})
      deepStrictEqual(t.ext, {
        deviceIDs: [],
        serviceClass: Rpid.serviceClass('electronic'),
        userInput: { value: 'idle' }
      } as Presence.TupleExt)
      deepStrictEqual(t.notes, [])
    })
  })

  describe('RFC 5025 §3.3.2', () => {
    const all = {
      provideServices: { all: true as const, members: [] },
      providePersons: { all: true as const, members: [] },
      provideDevices: { all: true as const, members: [] }
    }
    const seen = (t: Partial<PresRules.TransformationsExt>) => _.apply(Permissions.normalize({ ...all, ...t }))(doc)
    it('each RPID permission granted alone keeps its element of a person, and only it', () => {
      const ext = {
        activities: [Rpid.activities('meeting')],
        mood: [Rpid.mood('happy')],
        placeIs: [Rpid.placeIs({ audio: 'noisy' })],
        privacy: [Rpid.privacy('audio')],
        statusIcon: [Rpid.statusIcon('http://example.com/icon.png')],
        sphere: [Rpid.sphere('work')],
        timeOffset: [Rpid.timeOffset(60)]
      } as const
      const person = Presence.person({ id: 'p', ext })
      const rich = Presence.presence({ entity: 'pres:user@example.com', persons: [person] })
      const permission: Readonly<Record<keyof typeof ext, keyof PresRules.TransformationsExt>> = {
        activities: 'provideActivities',
        mood: 'provideMood',
        placeIs: 'providePlaceIs',
        privacy: 'providePrivacy',
        statusIcon: 'provideStatusIcon',
        sphere: 'provideSphere',
        timeOffset: 'provideTimeOffset'
      }
      for (const [field, key] of Object.entries(permission) as ReadonlyArray<[keyof typeof ext, keyof PresRules.TransformationsExt]>) {
        const kept = _.apply(Permissions.normalize({ ...all, [key]: true }))(rich).ext.persons[0].ext as Record<string, unknown>
        deepStrictEqual([field, kept[field]], [field, (person.ext as Record<string, unknown>)[field]])
        for (const other of Object.keys(ext)) if (other !== field) deepStrictEqual([field, other, kept[other]], [field, other, undefined])
      }
    })

    it('user-input: thresholds keeps only idle-threshold, full everything, false removes it', () => {
      deepStrictEqual(seen({ provideUserInput: 'thresholds' }).ext.devices[0].ext.userInput, {
        idleThreshold: 600,
        value: 'idle'
      })
      deepStrictEqual(seen({ provideUserInput: 'full' }).ext.devices[0].ext.userInput, idle)
      assert.strictEqual(seen({ provideUserInput: 'false' }).ext.devices[0].ext.userInput, undefined)
    })
    it("provide-deviceID governs a service's device IDs; a device's own is always given", () => {
      deepStrictEqual(seen({ provideDeviceID: true }).tuples[0].ext.deviceIDs, ['urn:uuid:d1'])
      deepStrictEqual(seen({}).tuples[0].ext.deviceIDs, [])
      assert.strictEqual(seen({}).ext.devices[0].deviceID, 'urn:uuid:d1')
    })
    it('provide-note governs the notes of services, persons and the document; notes inside activities follow them', () => {
      const withNotes = seen({ provideNote: true })
      deepStrictEqual(withNotes.tuples[0].notes, [{ value: 'desk phone' }])
      deepStrictEqual(withNotes.ext.persons[0].notes, [{ value: 'busy week' }])
      const activities = seen({ provideActivities: true }).ext.persons[0].ext.activities
      deepStrictEqual(activities?.[0].notes, [Rpid.note('quarterly review')])
    })
    it('CIPID and other attributes without a permission of their own: provide-unknown-attribute by name and namespace', () => {
      assert.strictEqual(seen({}).tuples[0].ext.displayName, undefined)
      assert.strictEqual(
        seen({ provideUnknownAttributes: [{ name: 'display-name', ns: Cipid.NS, value: true }] }).tuples[0].ext
          .displayName,
        'User'
      )
      assert.strictEqual(
        seen({ provideUnknownAttributes: [{ name: 'display-name', ns: Cipid.NS, value: false }] }).tuples[0].ext
          .displayName,
        undefined
      )
      deepStrictEqual(
        seen({ provideUnknownAttributes: [{ name: 'secret', ns: 'urn:example:other', value: true }] }).ext.persons[0]
          .other,
        [other]
      )
    })
    it('geolocation: PIDF-LO location objects are shown with their permission, or with all attributes', () => {
      const none = seen({})
      assert.deepStrictEqual(
        [none.tuples[0].status.ext.geopriv, none.ext.persons[0].ext.geopriv, none.ext.devices[0].ext.geopriv],
        [undefined, undefined, undefined]
      )
      const located = seen({ provideUnknownAttributes: [_.geolocation()] })
      deepStrictEqual(
        [located.tuples[0].status.ext.geopriv, located.ext.persons[0].ext.geopriv, located.ext.devices[0].ext.geopriv],
        [[here], [here], [here]]
      )
      deepStrictEqual(_.apply(Permissions.everything)(doc).ext.devices[0].ext.geopriv, [here])
      deepStrictEqual(_.geolocation(false), { name: 'geopriv', ns: PidfLo.NS, value: false })
      decodesBack(none)
      decodesBack(located)
    })
    it('provide-all-attributes and all of every set: the document as it is', () => {
      assert.strictEqual(_.apply(Permissions.everything)(doc), doc)
      assert.strictEqual(_.grantsElement(Permissions.everything, { ns: 'urn:example:anything', local: 'x' }), true)
    })
  })

  describe('RFC 5025 §3.3.1: which services, persons and devices', () => {
    const only = (t: Partial<PresRules.TransformationsExt>) => {
      const f = _.apply(Permissions.normalize(t))(doc)
      return [...f.tuples, ...f.ext.persons, ...f.ext.devices].map((x) => x.id)
    }
    it('by occurrence id, service URI (URI equivalence), device ID, and nothing without a permission', () => {
      deepStrictEqual(only({ provideServices: { members: [{ _tag: 'OccurrenceId', occurrenceId: 't-im' }] } }), [
        't-im'
      ])
      deepStrictEqual(
        only({ provideServices: { members: [{ _tag: 'ServiceUri', serviceUri: 'SIP:user@192.0.2.1' }] } }),
        ['t-sip']
      )
      deepStrictEqual(only({ provideDevices: { members: [{ _tag: 'DeviceID', deviceID: 'urn:uuid:d1' }] } }), ['d1'])
      deepStrictEqual(only({}), [])
    })
    it('by class: only when the watcher may see the class (the filtered document stays a fixed point, RFC 5025 §4)', () => {
      const byClass = {
        provideServices: { members: [{ _tag: 'Class', class: 'work' }] },
        providePersons: { members: [{ _tag: 'Class', class: 'family' }] }
      } as const
      deepStrictEqual(only(byClass), [])
      deepStrictEqual(only({ ...byClass, provideClass: true }), ['t-sip', 'p1'])
      const f = _.apply(Permissions.normalize({ ...byClass, provideClass: true }))(doc)
      assert.strictEqual(f.tuples[0].ext.class, 'work')
      deepStrictEqual(_.apply(Permissions.normalize({ ...byClass, provideClass: true }))(f), f)
    })
  })

  describe('source order', () => {
    it('what remains keeps its place; the hint follows the children that remain', () => {
      const text = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:f="${FOO}" entity="pres:a@example.com">
  <dm:person id="p1"><f:foo>1</f:foo><rpid:mood><rpid:happy/></rpid:mood><rpid:activities><rpid:meeting/></rpid:activities><f:foo>2</f:foo></dm:person>
  <f:foo>3</f:foo>
  <dm:device id="d1"><dm:deviceID>urn:uuid:1</dm:deviceID></dm:device>
  <dm:person id="p2"><rpid:activities><rpid:away/></rpid:activities></dm:person>
</presence>`
      const d = decodeOk(Presence.document)(text)
      assert.ok(d.order !== undefined && d.ext.persons[0].order !== undefined)
      const f = _.apply(
        Permissions.normalize({
          providePersons: { members: [{ _tag: 'OccurrenceId', occurrenceId: 'p1' }] },
          provideDevices: { all: true, members: [] },
          provideActivities: true,
          provideUnknownAttributes: [{ name: 'foo', ns: FOO, value: true }]
        })
      )(d)
      decodesBack(f)
      const names = (e: Xml.Element) =>
        Xml.elements(e).map((c) => `${c.name.local}${c.attrs.id === undefined ? '' : '#' + c.attrs.id}`)
      const root = Presence.Presence.encode(f)
      deepStrictEqual(names(root), ['person#p1', 'foo', 'device#d1'])
      deepStrictEqual(names(Xml.elements(root)[0]), ['foo', 'activities', 'foo'])
    })
  })

  describe('what a watcher is sent', () => {
    it('polite blocking: one closed service, nothing else (RFC 5025 §3.2.1)', () => {
      const n = _.politeBlock(doc)
      deepStrictEqual(
        n,
        Presence.presence({
          entity: 'pres:user@example.com',
          tuples: [Presence.tuple({ id: 't-sip', basic: 'closed' })]
        })
      )
      deepStrictEqual(_.politeBlock(n), n)
      decodesBack(n)
      deepStrictEqual(
        _.politeBlock(Presence.presence({ entity: 'pres:x@example.com' })).tuples.map((t) => t.id),
        ['offline']
      )
    })
    it('allow: the filtered document; polite-block: the neutral one; confirm and block: nothing', () => {
      const rules = PresRules.presRules([
        PresRules.allow(['sip:bob@example.com'], { id: 'bob', transformations: PresRules.provideAll() }),
        PresRules.politeBlock(['sip:mallory@example.com'], { id: 'mallory' }),
        PresRules.confirm(['sip:carol@example.com'], { id: 'carol' })
      ])
      const see = (who: string) =>
        _.preview(rules, Evaluate.request(Evaluate.authenticated(who), '2026-05-01T12:00:00Z'))(doc)
      deepStrictEqual(see('sip:bob@example.com'), O.some(doc))
      deepStrictEqual(see('sip:mallory@example.com'), O.some(_.politeBlock(doc)))
      deepStrictEqual(see('sip:carol@example.com'), O.none)
      deepStrictEqual(see('sip:dave@example.com'), O.none)
      deepStrictEqual(_.view({ matched: [], subHandling: 'block', permissions: Permissions.everything })(doc), O.none)
    })
    it('a PIDF-LO document of RFC 5491 for a watcher who may not see locations', () => {
      const d = decodeOk(Presence.document)(readFileSync(corpus + 'rfc5491-sec3.4.xml', 'utf8'))
      const f = _.apply(
        Permissions.normalize({
          provideDevices: { all: true, members: [] },
          providePersons: { all: true, members: [] }
        })
      )(d)
      deepStrictEqual(PidfLo.locationObjects(f), [])
      deepStrictEqual(
        f.ext.devices.map((x) => x.deviceID),
        ['mac:1234567890ab']
      )
      decodesBack(f)
    })
  })
})
