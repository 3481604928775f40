import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as fc from 'fast-check'
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import { describe, expectTypeOf, it } from 'vitest'
import * as _ from '../../src/formats/Rpid.js'
import * as Cipid from '../../src/formats/Cipid.js'
import * as C from '../../src/codec/Element.js'
import * as Ext from '../../src/codec/Extension.js'
import { report } from '../../src/codec/DecodeError.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import * as Arb from '../../laws/formats/Rpid.js'
import { assertLaw } from '../../laws/Law.js'
import { lens, laws } from '../../laws/Optic.js'
import { deepStrictEqual } from '../util.js'
import { Host, hostAt, roundTripThroughHost } from './extensionHost.js'

const corpus = fileURLToPath(new URL('../../../shared/corpus/pidf/', import.meta.url))
const DM = 'urn:ietf:params:xml:ns:pidf:data-model'
const PIDF = 'urn:ietf:params:xml:ns:pidf'

// local hosts named like the real ones, so that RFC elements decode as they stand
const Person = hostAt({ ns: DM, local: 'person' }, [_.NS])(_.person)
const Device = hostAt({ ns: DM, local: 'device' }, [_.NS])(_.device)
const Tuple = hostAt({ ns: PIDF, local: 'tuple' }, [_.NS])(_.tuple)

const doc = (file: string): Xml.Element => {
  // the RFC 4480 block has a stray space before its XML declaration
  const r = parse(readFileSync(corpus + file, 'utf8').trimStart())
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  return r.right
}
const children = (e: Xml.Element, local: string) => Xml.elements(e).filter((k) => k.name.local === local)
const xml = (s: string): Xml.Element => {
  const r = parse(`<host xmlns="urn:example:host" xmlns:r="${_.NS}" xmlns:x="urn:example:x">${s}</host>`)
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  return r.right
}
const decodeExt = <X>(ext: Ext.Extension<X, string>, s: string) => {
  const r = Host(ext).decode(xml(s))
  return r._tag === 'Left' ? { errors: report(r.left) } : { ext: r.right.ext }
}
const without = (e: Xml.Element, local: string): Xml.Element => ({
  ...e,
  children: e.children.filter((c) => !(c._tag === 'Element' && c.name.local === local))
})

describe('Rpid', () => {
  describe('RFC 4480 §4 example', () => {
    const presence = doc('rfc4480-sec4.xml')

    it('rejects the free-text sphere, which rpid.xsd does not allow', () => {
      const r = Person.decode(children(presence, 'person')[0])
      assert.ok(r._tag === 'Left')
      deepStrictEqual(report(r.left), ['/sphere[1]: expected element-only content, got text "bowling league"'])
    })

    it('decodes the person (without the sphere)', () => {
      const r = Person.decode(without(children(presence, 'person')[0], 'sphere'))
      assert.ok(r._tag === 'Right')
      deepStrictEqual(r.right.ext, {
        activities: [
          {
            from: '2005-05-30T12:00:00+05:00',
            until: '2005-05-30T17:00:00+05:00',
            notes: [{ value: 'Far away' }],
            values: ['away'],
            other: []
          }
        ],
        class: 'calendar',
        mood: [{ notes: [], values: ['angry', { _tag: 'Other', value: 'brooding' }], other: [] }],
        placeIs: [{ notes: [], audio: 'noisy' }],
        placeType: [{ notes: [], other: [Xml.element({ ns: 'urn:ietf:params:xml:ns:location-type', local: 'residence' })] }],
        privacy: [{ notes: [], unknown: true, other: [] }],
        statusIcon: [{ uri: 'http://example.com/play.gif' }],
        timeOffset: [{ minutes: -240 }]
      })
      // the data model's note and timestamp are left to the host
      deepStrictEqual(
        r.right.other.map((e) => e.name.local),
        ['note', 'timestamp']
      )
    })

    it('decodes the tuples and the device', () => {
      const exts = children(presence, 'tuple').map((t) => {
        const r = Tuple.decode(t)
        assert.ok(r._tag === 'Right', JSON.stringify(r))
        return r.right.ext
      })
      deepStrictEqual(exts, [
        { relationship: { notes: [], value: 'self', other: [] }, serviceClass: { notes: [], value: 'electronic', other: [] } },
        { relationship: { notes: [], value: 'assistant', other: [] } },
        {
          class: 'email',
          serviceClass: { notes: [], value: 'electronic', other: [] },
          statusIcon: [{ uri: 'http://example.com/mail.png' }]
        }
      ])
      const d = Device.decode(children(presence, 'device')[0])
      assert.ok(d._tag === 'Right')
      deepStrictEqual(d.right.ext, {
        userInput: { idleThreshold: 600, lastInput: '2004-10-21T13:20:00-05:00', value: 'idle' }
      })
    })

    it('re-encodes the tuple elements in schema order', () => {
      const t = children(presence, 'tuple')[2]
      const r = Tuple.decode(t)
      assert.ok(r._tag === 'Right')
      deepStrictEqual(
        Xml.elements(Tuple.encode(r.right))
          .filter((e) => e.name.ns === _.NS)
          .map((e) => e.name.local),
        ['class', 'service-class', 'status-icon']
      )
    })
  })

  describe('RFC 4480 §3 element examples', () => {
    it('§3.2 activities', () => {
      deepStrictEqual(
        decodeExt(
          _.person,
          '<r:activities><r:note>Enjoying the morning paper</r:note><r:vacation/><r:breakfast/><r:other>reading</r:other></r:activities>'
        ),
        {
          ext: {
            activities: [
              { notes: [{ value: 'Enjoying the morning paper' }], values: ['vacation', 'breakfast', _.other('reading')], other: [] }
            ]
          }
        }
      )
    })

    it('§3.5 mood', () => {
      deepStrictEqual(
        decodeExt(_.person, '<r:mood><r:note>I\'m ready for the bar BOF!</r:note><r:sleepy/><r:thirsty/></r:mood>'),
        { ext: { mood: [{ notes: [_.note("I'm ready for the bar BOF!")], values: ['sleepy', 'thirsty'], other: [] }] } }
      )
    })

    it('§3.6 place-is', () => {
      deepStrictEqual(decodeExt(_.person, '<r:place-is><r:audio><r:noisy/></r:audio><r:video><r:dark/></r:video></r:place-is>'), {
        ext: { placeIs: [_.placeIs({ audio: 'noisy', video: 'dark' })] }
      })
    })

    it('§3.8 privacy: the example lists text before audio, which the schema forbids: strict refuses, lenient keeps and says so', () => {
      const el = xml('<r:privacy><r:text/><r:audio/></r:privacy>')
      deepStrictEqual(decodeExt(_.person, '<r:privacy><r:text/><r:audio/></r:privacy>'), {
        errors: [`/privacy[1]/audio[1]: expected <{${_.NS}}audio> before <{${_.NS}}text>, got it after`]
      })
      const l = C.validateDocument(Host(_.person), el, true)
      assert.ok(l.result._tag === 'Right')
      deepStrictEqual(l.result.right.ext, { privacy: [_.privacy('audio', 'text')] })
      deepStrictEqual(l.warnings, [
        { path: '/host/privacy[1]/audio[1]', message: `out of schema order: <{${_.NS}}audio> after <{${_.NS}}text> (kept in place)` }
      ])
    })

    it('§3.9 relationship, §3.10 service-class', () => {
      deepStrictEqual(
        decodeExt(_.tuple, '<r:relationship><r:friend/></r:relationship><r:service-class><r:postal/></r:service-class>'),
        { ext: { relationship: _.relationship('friend'), serviceClass: _.serviceClass('postal') } }
      )
    })

    it('§3.11 sphere, §3.12 status-icon', () => {
      deepStrictEqual(
        decodeExt(_.person, '<r:sphere><r:home/></r:sphere><r:status-icon>http://www.example.com/playing.gif</r:status-icon>'),
        { ext: { sphere: [_.sphere('home')], statusIcon: [_.statusIcon('http://www.example.com/playing.gif')] } }
      )
    })

    it('§3.13 time-offset (white space around the integer collapses)', () => {
      deepStrictEqual(decodeExt(_.person, '<r:time-offset description="America/New_York">-300\n     </r:time-offset>'), {
        ext: { timeOffset: [_.timeOffset(-300, 'America/New_York')] }
      })
    })

    it('§3.14 user-input', () => {
      deepStrictEqual(
        decodeExt(_.device, '<r:user-input idle-threshold="600" last-input="2004-10-21T13:20:00.000-05:00">idle</r:user-input>'),
        { ext: { userInput: _.userInput('idle', { idleThreshold: 600, lastInput: '2004-10-21T13:20:00.000-05:00' }) } }
      )
    })
  })

  describe('exclusions and errors', () => {
    it('<unknown/> stands alone in activities', () => {
      deepStrictEqual(decodeExt(_.person, '<r:activities><r:unknown/></r:activities>'), {
        ext: { activities: [_.activities('unknown')] }
      })
      deepStrictEqual(decodeExt(_.person, '<r:activities><r:unknown/><r:away/></r:activities>'), {
        errors: ['/activities[1]: expected <unknown/> alone, got <unknown/> with 1 other activity']
      })
      deepStrictEqual(decodeExt(_.person, '<r:activities><r:unknown/><x:ext/><x:ext/></r:activities>'), {
        errors: ['/activities[1]: expected <unknown/> alone, got <unknown/> with 2 other activities']
      })
    })

    it('activities may be empty (the schema makes <unknown/> optional)', () => {
      deepStrictEqual(decodeExt(_.person, '<r:activities/>'), { ext: { activities: [_.activities()] } })
    })

    it('mood needs one value, and <unknown/> alone', () => {
      deepStrictEqual(decodeExt(_.person, '<r:mood/>'), { errors: ['/mood[1]: expected at least one mood, got none'] })
      deepStrictEqual(decodeExt(_.person, '<r:mood><r:unknown/><r:happy/></r:mood>'), {
        errors: ['/mood[1]: expected <unknown/> alone, got <unknown/> with 1 other mood']
      })
      deepStrictEqual(decodeExt(_.person, '<r:mood><x:giddy/></r:mood>'), {
        ext: { mood: [{ notes: [], values: [], other: [Xml.element({ ns: 'urn:example:x', local: 'giddy' })] }] }
      })
    })

    it('privacy <unknown/> stands alone', () => {
      deepStrictEqual(decodeExt(_.person, '<r:privacy><r:unknown/><r:audio/></r:privacy>'), {
        errors: ['/privacy[1]: expected <unknown/> alone, got <unknown/> with 1 other element']
      })
    })

    it('service-class needs exactly one value; relationship and sphere at most one', () => {
      deepStrictEqual(decodeExt(_.tuple, '<r:service-class/>'), {
        errors: ['/service-class: expected one service class, got none']
      })
      deepStrictEqual(decodeExt(_.tuple, '<r:service-class><r:postal/><x:drone/></r:service-class>'), {
        errors: ['/service-class: expected one service class, got a value and 1 foreign value']
      })
      deepStrictEqual(decodeExt(_.tuple, '<r:relationship/>'), { ext: { relationship: { notes: [], other: [] } } })
      deepStrictEqual(decodeExt(_.person, '<r:sphere><r:work/><x:club/></r:sphere>'), {
        errors: ['/sphere[1]: expected one sphere, got a value and 1 foreign value']
      })
      deepStrictEqual(decodeExt(_.person, '<r:place-type/>'), {
        errors: ['/place-type[1]: expected one <other> or foreign place types, got none']
      })
    })

    it('unknown RPID elements, bad values, and repeats of single elements are errors', () => {
      deepStrictEqual(decodeExt(_.person, '<r:activities><r:dancing/></r:activities>'), {
        errors: ['/activities[1]/dancing[1]: expected no element <{urn:ietf:params:xml:ns:pidf:rpid}dancing> here, got one']
      })
      deepStrictEqual(decodeExt(_.device, '<r:user-input>busy</r:user-input>'), {
        errors: ['/user-input: expected "active" | "idle", got "busy"']
      })
      deepStrictEqual(decodeExt(_.device, '<r:class>a</r:class><r:class>b</r:class>'), {
        errors: ['/class[2]: expected at most one <{urn:ietf:params:xml:ns:pidf:rpid}class>, got another']
      })
      deepStrictEqual(decodeExt(_.person, '<r:time-offset>UTC+1</r:time-offset>'), {
        errors: ['/time-offset[1]: expected an xs:integer, got "UTC+1"']
      })
    })

    it('RPID elements outside their Table 1 hosts stay unclaimed (a tuple has no activities)', () => {
      const r = Tuple.decode(xml('<r:activities><r:away/></r:activities>'))
      assert.ok(r._tag === 'Left')
    })

    it('lunch (RFC 4480 §3.2, missing from the schema) decodes', () => {
      deepStrictEqual(decodeExt(_.person, '<r:activities><r:lunch/></r:activities>'), {
        ext: { activities: [_.activities('lunch')] }
      })
    })
  })

  describe('laws', () => {
    roundTripThroughHost('person', _.person, Arb.person)
    roundTripThroughHost('tuple', _.tuple, Arb.tuple)
    roundTripThroughHost('device', _.device, Arb.device)

    it('the extensions combine with CIPID at the person point', () => {
      const both = Host(Ext.combine(_.person, Cipid.person))
      const r = both.decode(xml(`<r:class>x</r:class><c:display-name xmlns:c="${Cipid.NS}">Al</c:display-name>`))
      assert.ok(r._tag === 'Right')
      deepStrictEqual(r.right.ext, { class: 'x', displayName: 'Al' })
    })

    const opticLaws = [
      lens('activitiesOf', _.activitiesOf, fc.option(fc.array(Arb.Activities, { minLength: 1, maxLength: 2 }), { nil: undefined }) as never),
      lens('moodOf', _.moodOf, fc.option(fc.array(Arb.Mood, { minLength: 1, maxLength: 2 }), { nil: undefined }) as never),
      lens('userInputOf', _.userInputOf as unknown as L.Lens<_.PersonExt, _.UserInput | undefined>, fc.option(Arb.UserInput, { nil: undefined })),
      lens('classOf', _.classOf as unknown as L.Lens<_.PersonExt, string | undefined>, fc.option(fc.constantFrom('a', 'b c'), { nil: undefined }))
    ]
    const personRoundTrip = (x: _.PersonExt): unknown => {
      const host = Host(_.person)
      const r = host.decode(host.encode({ ext: x, other: [] }))
      return r._tag === 'Right' ? r.right.ext : { failed: report(r.left) }
    }
    for (const o of opticLaws)
      for (const law of laws(o, Arb.person, personRoundTrip))
        it(law.name, async () => {
          await assertLaw(law)
        })
  })

  describe('optics compose with a host', () => {
    interface Person {
      readonly id: string
      readonly ext: _.PersonExt & Cipid.PersonExt
    }
    const p: Person = { id: 'p1', ext: { activities: [_.activities('away')], displayName: 'Al' } }
    it('activities and display name through ext', () => {
      const activities = pipe(L.id<Person>(), L.prop('ext'), L.compose(_.activitiesOf))
      const name = pipe(L.id<Person>(), L.prop('ext'), L.compose(Cipid.displayNameOf))
      expectTypeOf(activities).toEqualTypeOf<L.Lens<Person, _.PersonExt['activities']>>()
      const q = activities.set([_.activities('on-the-phone')])(p)
      deepStrictEqual(q, { id: 'p1', ext: { activities: [_.activities('on-the-phone')], displayName: 'Al' } })
      deepStrictEqual(name.get(q), 'Al')
      deepStrictEqual(name.set(undefined)(q), { id: 'p1', ext: { activities: [_.activities('on-the-phone')] } })
      deepStrictEqual(_.activityValues(q.ext), ['on-the-phone'])
    })
  })
})
