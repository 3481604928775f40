import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as O from '#fp-ts/Option'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/PidfLo.js'
import * as CivicAddress from '../../src/formats/CivicAddress.js'
import * as Presence from '../../src/formats/Presence.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import { decodeErrors, decodeOk, deepStrictEqual } from '../util.js'

const corpus = fileURLToPath(new URL('../../../shared/corpus/pidf/', import.meta.url))
const read = (f: string): string => readFileSync(corpus + f, 'utf8')
const decode = decodeOk(Presence.document)
const errors = decodeErrors(Presence.document)

const only = <A>(as: ReadonlyArray<A> | undefined): A => {
  assert.ok(as !== undefined && as.length === 1, `expected one, got ${as?.length ?? 'none'}`)
  return as[0]
}
const canonicalRoundTrip = (text: string): boolean => {
  const c1 = Presence.document.canonical(text)
  const c2 = Presence.document.canonical(Presence.document.encode(decode(text)))
  return c1._tag === 'Right' && c2._tag === 'Right' && c1.right === c2.right
}

const doc = (status: string, extraNs = ''): string =>
  `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="${_.NS}" xmlns:gbp="${_.BASIC_POLICY_NS}" xmlns:gml="${_.GML_NS}" xmlns:gs="${_.GEOSHAPE_NS}" xmlns:ca="${CivicAddress.NS}"${extraNs} entity="pres:a@example.com"><tuple id="t1"><status>${status}</status></tuple></presence>`
const geopriv = (info: string, rules = '<gp:usage-rules/>', rest = ''): string =>
  doc(`<gp:geopriv><gp:location-info>${info}</gp:location-info>${rules}${rest}</gp:geopriv>`)

describe('PidfLo', () => {
  describe('RFC 4119 §2.3', () => {
    it('the GML 3.0 example: the location is kept as an element, the rules written in geopriv10 are read', () => {
      const text = read('rfc4119-sec2.3-1.xml')
      const d = decode(text)
      const g = only(d.tuples[0].status.ext.geopriv)
      const loc = only(g.locationInfo.locations)
      assert.strictEqual(loc._tag, 'Other')
      if (loc._tag === 'Other')
        deepStrictEqual(loc.element.name, {
          ns: 'urn:opengis:specification:gml:schema-xsd:feature:v3.0',
          local: 'location'
        })
      deepStrictEqual(g.usageRules, {
        retransmissionAllowed: 'no',
        retentionExpiry: '2003-06-23T04:57:29Z',
        other: [],
        inGeopriv10: true
      })
      assert.strictEqual(_.isRetransmissionAllowed(g.usageRules), false)
      assert.strictEqual(_.retentionExpiryOf(g.usageRules, d.tuples[0].timestamp ?? new Date()), '2003-06-23T04:57:29Z')
      assert.ok(canonicalRoundTrip(text))
    })

    it('writes the rules back in the namespace they came in', () => {
      const d = decode(read('rfc4119-sec2.3-1.xml'))
      const g = only(d.tuples[0].status.ext.geopriv)
      const rules = _.UsageRules.encode(g.usageRules)
      deepStrictEqual(
        Xml.elements(rules).map((e) => e.name),
        [
          { ns: _.NS, local: 'retransmission-allowed' },
          { ns: _.NS, local: 'retention-expiry' }
        ]
      )
      const { inGeopriv10: _i, ...inBasicPolicy } = g.usageRules // eslint-disable-line @typescript-eslint/no-unused-vars
      deepStrictEqual(
        Xml.elements(_.UsageRules.encode(inBasicPolicy)).map((e) => e.name.ns),
        [_.BASIC_POLICY_NS, _.BASIC_POLICY_NS]
      )
    })

    it("the civicLoc example: its namespace (with the RFC's leading space) is no civic address of RFC 5139", () => {
      const text = read('rfc4119-sec2.3-2.xml')
      const g = only(decode(text).tuples[0].status.ext.geopriv)
      const loc = only(g.locationInfo.locations)
      assert.ok(loc._tag === 'Other' && loc.element.name.ns === ' urn:ietf:params:xml:ns:pidf:geopriv10:civicLoc')
      assert.strictEqual(_.isRetransmissionAllowed(g.usageRules), true)
      assert.ok(canonicalRoundTrip(text))
    })
  })

  describe('RFC 5491', () => {
    it('§3.2: a compound location of a device, a point and a floor', () => {
      const d = decode(read('rfc5491-sec3.2.xml'))
      const g = only(d.ext.devices[0].ext.geopriv)
      deepStrictEqual(g.locationInfo.locations, [
        { _tag: 'Point', point: { srsName: _.EPSG_4326, pos: '-43.5723 153.21760' } },
        { _tag: 'CivicAddress', civicAddress: { FLR: { value: '2' }, other: [] } }
      ])
      const p = g.locationInfo.locations[0]
      assert.ok(p._tag === 'Point')
      deepStrictEqual(_.coordinatesOf(p.point), { latitude: -43.5723, longitude: 153.2176 })
      deepStrictEqual(g.usageRules, { other: [] })
      deepStrictEqual(g.method, { value: 'Wiremap' })
      deepStrictEqual(_.preferredLocation(d), O.some(g))
    })

    it('§3.4: a civic address of a device kept as written, a circle of a person; devices come first (rule #8)', () => {
      const text = read('rfc5491-sec3.4.xml')
      const d = decode(text)
      const device = only(d.ext.devices[0].ext.geopriv)
      const civic = only(device.locationInfo.locations)
      assert.ok(civic._tag === 'CivicAddress')
      const ca = civic.civicAddress
      assert.strictEqual(ca.lang, 'en-AU')
      assert.strictEqual(ca.country, 'AU')
      assert.strictEqual(ca.A3?.value, '     Wollongong\n          ')
      assert.strictEqual(CivicAddress.valueOf(ca.A3), 'Wollongong')
      assert.strictEqual(CivicAddress.valueOf(ca.LMK), "Gilligan's Island")
      assert.strictEqual(ca.PLC, 'store')
      const person = only(d.ext.persons[0].ext.geopriv)
      const c = only(person.locationInfo.locations)
      assert.ok(c._tag === 'Circle')
      assert.strictEqual(_.radiusOf(c.circle), 30)
      deepStrictEqual(_.coordinatesOf(c.circle), { latitude: -34.410649, longitude: 150.87651 })
      deepStrictEqual(_.locationObjects(d), [device, person])
      assert.ok(canonicalRoundTrip(text))
    })

    it('§5.2: points in two and three dimensions and circles are typed; the other shapes are kept as elements', () => {
      const tagsOf = (f: string): ReadonlyArray<string> =>
        _.locationObjects(decode(read(f))).flatMap((g) =>
          g.locationInfo.locations.map((l) => (l._tag === 'Other' ? `Other ${l.element.name.local}` : l._tag))
        )
      deepStrictEqual(
        [
          'rfc5491-sec5.2.1-1.xml',
          'rfc5491-sec5.2.1-2.xml',
          'rfc5491-sec5.2.2-1.xml',
          'rfc5491-sec5.2.2-2.xml',
          'rfc5491-sec5.2.3.xml',
          'rfc5491-sec5.2.4.xml',
          'rfc5491-sec5.2.5.xml',
          'rfc5491-sec5.2.6.xml',
          'rfc5491-sec5.2.7.xml',
          'rfc5491-sec5.2.8.xml'
        ].map(tagsOf),
        [
          ['Point'],
          ['Point'],
          ['Other Polygon'],
          ['Other Polygon'],
          ['Circle'],
          ['Other Ellipse'],
          ['Other ArcBand'],
          ['Other Sphere'],
          ['Other Ellipsoid'],
          ['Other Prism']
        ]
      )
      const p3 = _.locationObjects(decode(read('rfc5491-sec5.2.1-2.xml')))[0].locationInfo.locations[0]
      assert.ok(p3._tag === 'Point')
      assert.strictEqual(p3.point.srsName, _.EPSG_4979)
      deepStrictEqual(_.coordinatesOf(p3.point), { latitude: -34.407, longitude: 150.883, altitude: 24.8 })
      const circle = _.locationObjects(decode(read('rfc5491-sec5.2.3.xml')))[0].locationInfo.locations[0]
      assert.ok(circle._tag === 'Circle')
      assert.strictEqual(circle.circle.radius.value, '\n              850.24\n            ')
      assert.strictEqual(_.radiusOf(circle.circle), 850.24)
    })

    it('every PIDF-LO example of the corpus decodes to at least one location object and round-trips', () => {
      const files = [
        'rfc4119-sec2.3-1.xml',
        'rfc4119-sec2.3-2.xml',
        'rfc5491-sec3.2.xml',
        'rfc5491-sec3.4.xml',
        'rfc5491-sec5.2.1-1.xml',
        'rfc5491-sec5.2.1-2.xml',
        'rfc5491-sec5.2.2-1.xml',
        'rfc5491-sec5.2.2-2.xml',
        'rfc5491-sec5.2.3.xml',
        'rfc5491-sec5.2.4.xml',
        'rfc5491-sec5.2.5.xml',
        'rfc5491-sec5.2.6.xml',
        'rfc5491-sec5.2.7.xml',
        'rfc5491-sec5.2.8.xml'
      ]
      for (const f of files) {
        assert.ok(_.locationObjects(decode(read(f))).length > 0, f)
        assert.ok(canonicalRoundTrip(read(f)), f)
      }
    })
  })

  describe('errors', () => {
    it('a location object needs location information and usage rules', () => {
      deepStrictEqual(errors(doc('<gp:geopriv><gp:location-info/></gp:geopriv>')), [
        `/presence/tuple[1]/status/geopriv[1]: expected a child <{${_.NS}}usage-rules>, got nothing`
      ])
      deepStrictEqual(errors(doc('<gp:geopriv><gp:usage-rules/><gp:location-info/></gp:geopriv>')), [
        `/presence/tuple[1]/status/geopriv[1]/location-info[1]: expected <{${_.NS}}location-info> before <{${_.NS}}usage-rules>, got it after`
      ])
    })

    it('points are GeoShape points: one position of numbers, no GML 3.0 coordinates', () => {
      deepStrictEqual(
        errors(geopriv('<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>north east</gml:pos></gml:Point>')),
        [
          '/presence/tuple[1]/status/geopriv[1]/location-info/Point[1]/pos: expected a list of xs:double, got "north east"'
        ]
      )
      deepStrictEqual(
        errors(geopriv('<gml:Point><gml:coordinates>37:46:30N 122:25:10W</gml:coordinates></gml:Point>')),
        [
          `/presence/tuple[1]/status/geopriv[1]/location-info/Point[1]/coordinates[1]: expected no element <{${_.GML_NS}}coordinates> here, got one`,
          `/presence/tuple[1]/status/geopriv[1]/location-info/Point[1]: expected a child <{${_.GML_NS}}pos>, got nothing`
        ]
      )
      deepStrictEqual(errors(geopriv('<gs:Circle><gml:pos>1 2</gml:pos><gs:radius>5</gs:radius></gs:Circle>')), [
        '/presence/tuple[1]/status/geopriv[1]/location-info/Circle[1]/radius: expected attribute uom, got nothing'
      ])
    })

    it('a civic address: a country code of two capitals, each element once', () => {
      deepStrictEqual(errors(geopriv('<ca:civicAddress><ca:country>usa</ca:country></ca:civicAddress>')), [
        '/presence/tuple[1]/status/geopriv[1]/location-info/civicAddress[1]/country: expected an ISO 3166 alpha-2 code, got "usa"'
      ])
      deepStrictEqual(errors(geopriv('<ca:civicAddress><ca:A1>x</ca:A1><ca:A1>y</ca:A1></ca:civicAddress>')), [
        `/presence/tuple[1]/status/geopriv[1]/location-info/civicAddress[1]/A1[2]: expected at most one <{${CivicAddress.NS}}A1>, got another`
      ])
    })

    it('usage rules: xs:boolean or yes/no, a dateTime; provided-by holds an element; unknown geopriv elements', () => {
      deepStrictEqual(
        errors(
          geopriv('', '<gp:usage-rules><gbp:retransmission-allowed>maybe</gbp:retransmission-allowed></gp:usage-rules>')
        ),
        [
          '/presence/tuple[1]/status/geopriv[1]/usage-rules/retransmission-allowed: expected "no" | "yes" | "false" | "true" | "0" | "1", got "maybe"'
        ]
      )
      deepStrictEqual(
        errors(geopriv('', '<gp:usage-rules><gbp:retention-expiry>tomorrow</gbp:retention-expiry></gp:usage-rules>')),
        ['/presence/tuple[1]/status/geopriv[1]/usage-rules/retention-expiry: expected an xs:dateTime, got "tomorrow"']
      )
      deepStrictEqual(errors(geopriv('', '<gp:usage-rules/>', '<gp:provided-by/>')), [
        '/presence/tuple[1]/status/geopriv[1]/provided-by: expected at least one element of another namespace, got none'
      ])
      deepStrictEqual(errors(doc('<gp:location/>')), [
        `/presence/tuple[1]/status/location[1]: expected no element <{${_.NS}}location> here, got one`
      ])
    })
  })

  describe('constructors', () => {
    it('builds a location object that a presence document carries and reads back', () => {
      const g = _.geopriv({
        locations: [
          _.point(-34.407, 150.883),
          CivicAddress.civicAddress({ country: 'AU', A1: 'NSW', FLR: '2' }, 'en-AU')
        ],
        usageRules: _.usageRules({
          retransmissionAllowed: true,
          retentionExpiry: '2030-01-01T00:00:00Z',
          noteWell: 'no resale'
        }),
        method: 'GPS'
      })
      const d = Presence.presence({
        entity: 'pres:point2d@example.com',
        devices: [Presence.device({ id: 'point2d', deviceID: 'mac:1234567890ab', ext: { geopriv: [g] } })]
      })
      assert.ok(Presence.Presence.is(d))
      deepStrictEqual(decode(Presence.document.encode(d)), d)
      deepStrictEqual(
        O.map(_.coordinatesOf)(
          O.map((x: _.Geopriv) => (x.locationInfo.locations[0] as { point: _.Point }).point)(_.preferredLocation(d))
        ),
        O.some({ latitude: -34.407, longitude: 150.883 })
      )
      deepStrictEqual(g.usageRules, {
        retransmissionAllowed: 'yes',
        retentionExpiry: '2030-01-01T00:00:00Z',
        noteWell: { value: 'no resale' },
        other: []
      })
      const el = Presence.Device.encode(d.ext.devices[0])
      const pos = Xml.elements(Xml.elements(Xml.elements(Xml.elements(el)[0])[0])[0])[0]
      assert.strictEqual(Xml.textOf(pos), '-34.407 150.883')
    })

    it('points in three dimensions, circles, and numbers that are no coordinates', () => {
      deepStrictEqual(_.point(42.5, -73.25, 26.3), { srsName: _.EPSG_4979, pos: '42.5 -73.25 26.3' })
      deepStrictEqual(_.circle(42.5463, -73.2512, 850.24), {
        srsName: _.EPSG_4326,
        pos: '42.5463 -73.2512',
        radius: { uom: _.METRE, value: '850.24' }
      })
      assert.strictEqual(_.Point.is(_.point(Number.NaN, 1)), false)
      assert.strictEqual(_.Circle.is(_.circle(1, 2, Infinity)), false)
      assert.strictEqual(_.coordinatesOf({ pos: '1 2 3 4' }), undefined)
      assert.strictEqual(
        _.radiusOf({ pos: '1 2', radius: { uom: 'urn:ogc:def:uom:EPSG::9102', value: '3' } }),
        undefined
      )
    })

    it('usage rules: no retransmission unless said; retention defaults to 24 hours after the base time', () => {
      deepStrictEqual(_.usageRules(), { retransmissionAllowed: 'no', other: [] })
      assert.strictEqual(_.isRetransmissionAllowed(_.usageRules()), false)
      assert.strictEqual(_.isRetransmissionAllowed({ other: [] }), false)
      assert.strictEqual(_.retentionExpiryOf({ other: [] }, '2007-06-22T20:57:29Z'), '2007-06-23T20:57:29.000Z')
      assert.strictEqual(_.retentionExpiryOf({ other: [] }, 'never'), undefined)
    })

    it('the usage rules of RFC 4119 are kept in one normal form', () => {
      // a value that says it was written in geopriv10 but has no rule would not come back: the guard refuses it
      assert.strictEqual(_.UsageRules.is({ other: [], inGeopriv10: true }), false)
      assert.strictEqual(_.UsageRules.is({ retransmissionAllowed: 'no', other: [], inGeopriv10: true }), true)
    })
  })

  describe('optics', () => {
    it('the location objects of a device, a person and a tuple', () => {
      const d = decode(read('rfc5491-sec3.4.xml'))
      const person = Presence.personGeopriv('ness').getOption(d)
      assert.ok(O.isSome(person) && person.value !== undefined)
      const moved = Presence.deviceGeopriv('nesspc-1').set(person.value)(d)
      deepStrictEqual(Presence.deviceGeopriv('nesspc-1').getOption(moved), person)
      const none = Presence.personGeopriv('ness').set(undefined)(d)
      assert.strictEqual('geopriv' in none.ext.persons[0].ext, false)
      const t = decode(read('rfc5491-sec5.2.3.xml'))
      const circle = Presence.tupleGeopriv('circle').getOption(t)
      assert.ok(O.isSome(circle) && circle.value?.length === 1)
      deepStrictEqual(Presence.tupleGeopriv('missing').getOption(t), O.none)
    })

    it('parses the GML namespace from a document of its own', () => {
      const r = parse(`<gml:Point xmlns:gml="${_.GML_NS}" srsName="${_.EPSG_4326}"><gml:pos>1 2</gml:pos></gml:Point>`)
      assert.ok(r._tag === 'Right')
      deepStrictEqual(_.Point.decode(r.right), { _tag: 'Right', right: { srsName: _.EPSG_4326, pos: '1 2' } })
    })
  })
})

describe('CivicAddress', () => {
  it('optics: the country and one element of an address follow the lens laws', async () => {
    const { lens, laws } = await import('../../laws/Optic.js')
    const { assertLaw } = await import('../../laws/Law.js')
    const fc = await import('fast-check')
    const Arb = await import('../../laws/formats/CivicAddress.js')
    const roundTrip = (a: CivicAddress.CivicAddress): unknown => {
      const r = CivicAddress.CivicAddress.decode(CivicAddress.CivicAddress.encode(a))
      return r._tag === 'Right' ? r.right : r.left
    }
    const part = fc.option(Arb.Part, { nil: undefined })
    for (const law of [
      ...laws(
        lens('countryOf', CivicAddress.countryOf, fc.option(fc.constantFrom('AU', ' US '), { nil: undefined })),
        Arb.CivicAddress,
        roundTrip
      ),
      ...laws(lens('partOfAddress(A3)', CivicAddress.partOfAddress('A3'), part), Arb.CivicAddress, roundTrip)
    ])
      await assertLaw(law)
  })

  it('location information and provided-by, on their own', () => {
    const r = parse(
      `<gp:location-info xmlns:gp="${_.NS}" xmlns:ca="${CivicAddress.NS}" xmlns:x="urn:example:loc"><x:grid>7</x:grid><ca:civicAddress><ca:country>DE</ca:country></ca:civicAddress></gp:location-info>`
    )
    assert.ok(r._tag === 'Right')
    const li = _.LocationInfo.decode(r.right)
    assert.ok(li._tag === 'Right')
    deepStrictEqual(
      li.right.locations.map((l) => l._tag),
      ['Other', 'CivicAddress']
    )
    assert.strictEqual(_.ProvidedBy.is({ elements: [] }), false)
    assert.strictEqual(
      _.ProvidedBy.is({
        elements: [Xml.element({ ns: 'urn:example:nena', local: 'provider' }, {}, [Xml.text('West5')])]
      }),
      true
    )
  })
})
