import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Caps.js'
import { report } from '../../src/codec/DecodeError.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import * as Arb from '../../laws/formats/Caps.js'
import { deepStrictEqual } from '../util.js'
import { Host, hostAt, roundTripThroughHost } from './extensionHost.js'

const corpus = fileURLToPath(new URL('../../../shared/corpus/pidf/', import.meta.url))
const DM = 'urn:ietf:params:xml:ns:pidf:data-model'
const PIDF = 'urn:ietf:params:xml:ns:pidf'
const Device = hostAt({ ns: DM, local: 'device' }, [_.NS])(_.device)
const Tuple = hostAt({ ns: PIDF, local: 'tuple' }, [_.NS])(_.tuple)

const xml = (s: string): Xml.Element => {
  const r = parse(`<host xmlns="urn:example:host" xmlns:caps="${_.NS}">${s}</host>`)
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  return r.right
}
const errors = (s: string): ReadonlyArray<string> => {
  const r = Host(_.tuple).decode(xml(s))
  return r._tag === 'Left' ? report(r.left) : []
}

describe('Caps', () => {
  describe('RFC 5196 §5 example', () => {
    const r = parse(readFileSync(corpus + 'rfc5196-sec5.xml'))
    if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
    const presence = r.right

    it('decodes the service capabilities of the tuple', () => {
      const t = Tuple.decode(Xml.elements(presence).find((e) => e.name.local === 'tuple'))
      assert.ok(t._tag === 'Right', JSON.stringify(t))
      deepStrictEqual(t.right.ext, {
        servcaps: {
          ..._.servcaps,
          audio: true,
          descriptions: [
            { lang: 'en', value: '\n         Example service\n      ' },
            { lang: 'hu', value: "\n         Pe'lda szolga'ltata's\n      " }
          ],
          duplex: { supported: _.features('full') },
          message: true,
          methods: { supported: _.features('ACK', 'BYE', 'INVITE', 'MESSAGE') },
          priority: {
            supported: { equals: [], higherhan: [], higherthan: [], lowerthan: [{ maxvalue: 10 }], range: [], other: [] }
          },
          schemes: { supported: ['sip'] },
          video: false
        }
      })
      const caps = t.right.ext.servcaps
      assert.ok(caps !== undefined)
      deepStrictEqual(_.supportsMethod(caps, 'INVITE'), true)
      deepStrictEqual(_.supportsMethod(caps, 'REFER'), undefined)
      deepStrictEqual(_.featureNames(caps.methods?.supported ?? _.features<_.MethodName>()), ['ACK', 'BYE', 'INVITE', 'MESSAGE'])
    })

    it('decodes the device capabilities of the device', () => {
      const d = Device.decode(Xml.elements(presence).find((e) => e.name.local === 'device'))
      assert.ok(d._tag === 'Right')
      deepStrictEqual(d.right.ext, { devcaps: { ..._.devcaps, mobility: { supported: _.features('mobile') } } })
    })

    it('re-encodes the servcaps element as it was (children in schema order)', () => {
      const tuple = Xml.elements(presence).find((e) => e.name.local === 'tuple')
      assert.ok(tuple !== undefined)
      const t = Tuple.decode(tuple)
      assert.ok(t._tag === 'Right')
      const original = Xml.elements(tuple).find((e) => e.name.local === 'servcaps')
      const again = Xml.elements(Tuple.encode(t.right)).find((e) => e.name.local === 'servcaps')
      assert.ok(original !== undefined && again !== undefined)
      deepStrictEqual(
        Xml.elements(again).map((e) => e.name.local),
        Xml.elements(original).map((e) => e.name.local)
      )
    })
  })

  describe('priority', () => {
    it("reads the schema's higherhan and the RFC's higherthan", () => {
      const r = Host(_.tuple).decode(
        xml(
          '<caps:servcaps><caps:priority><caps:supported><caps:higherhan minvalue="1"/><caps:higherthan minvalue="2"/><caps:range minvalue="3" maxvalue="9"/></caps:supported></caps:priority></caps:servcaps>'
        )
      )
      assert.ok(r._tag === 'Right')
      deepStrictEqual(r.right.ext.servcaps?.priority?.supported, {
        equals: [],
        higherhan: [{ minvalue: 1 }],
        higherthan: [{ minvalue: 2 }],
        lowerthan: [],
        range: [{ minvalue: 3, maxvalue: 9 }],
        other: []
      })
    })
  })

  describe('errors', () => {
    it('renders bad values and missing attributes', () => {
      deepStrictEqual(errors('<caps:servcaps><caps:audio>yes</caps:audio></caps:servcaps>'), [
        '/servcaps/audio: expected an xs:boolean, got "yes"'
      ])
      deepStrictEqual(
        errors('<caps:servcaps><caps:priority><caps:supported><caps:range minvalue="1"/></caps:supported></caps:priority></caps:servcaps>'),
        ['/servcaps/priority/supported/range[1]: expected attribute maxvalue, got nothing']
      )
      deepStrictEqual(errors('<caps:servcaps><caps:schemes><caps:supported/></caps:schemes></caps:servcaps>'), [
        '/servcaps/schemes/supported: expected at least 1 <{urn:ietf:params:xml:ns:pidf:caps}s>, got 0'
      ])
      deepStrictEqual(errors('<caps:servcaps><caps:methods><caps:supported><caps:FETCH/></caps:supported></caps:methods></caps:servcaps>'), [
        '/servcaps/methods/supported/FETCH[1]: expected no element <{urn:ietf:params:xml:ns:pidf:caps}FETCH> here, got one'
      ])
    })
  })

  describe('laws', () => {
    roundTripThroughHost('tuple', _.tuple, Arb.tuple)
    roundTripThroughHost('device', _.device, Arb.device)
  })
})
