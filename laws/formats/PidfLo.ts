/**
 * Arbitraries of PIDF-LO (RFC 4119, RFC 5491): points, circles, civic addresses and other location formats, usage
 * rules in both namespaces they are written in, location objects, and the PIDF-LO fields of a status, a device and a
 * person. PIDF-LO is part of the `pidf` format; its registration is the pidf one (`laws/formats/Pidf.ts`).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as _ from '../../src/formats/PidfLo.js'
import * as A from '../Arbitrary.js'
import { CivicAddress } from './CivicAddress.js'

const pad = fc.constantFrom('', '', '', ' ', '\n            ')

const degrees = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: -max * 1_000_000, max: max * 1_000_000 }).map((n) => String(n / 1_000_000)),
    fc.integer({ min: -max, max }).map((n) => `${n}.0`),
    fc.constantFrom('153.21760', '-43.5723', '4.2e1')
  )

/**
 * A `<gml:pos>` as written: latitude, longitude and sometimes an altitude, separated by blanks.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Position: fc.Arbitrary<string> = fc
  .tuple(
    degrees(90),
    degrees(180),
    fc.option(
      fc.integer({ min: -400, max: 9000 }).map((n) => String(n / 10)),
      { nil: undefined }
    ),
    fc.constantFrom(' ', '  '),
    pad
  )
  .map(([lat, lon, alt, sep, p]) => p + [lat, lon, ...(alt === undefined ? [] : [alt])].join(sep) + p)

const shape = {
  id: A.xmlId,
  srsName: fc.constantFrom(_.EPSG_4326, _.EPSG_4979),
  otherAttrs: A.foreignAttrs,
  pos: Position
}

/**
 * A `<gml:Point>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Point: fc.Arbitrary<_.Point> = A.record(shape, ['id', 'srsName', 'otherAttrs'])

/**
 * A length in metres or another unit, as written.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Length: fc.Arbitrary<_.Length> = fc.record({
  uom: fc.constantFrom(_.METRE, 'urn:ogc:def:uom:EPSG::9102'),
  value: fc
    .tuple(
      fc.integer({ min: 0, max: 100_000 }).map((n) => String(n / 100)),
      pad
    )
    .map(([v, p]) => p + v + p)
})

/**
 * A `<gs:Circle>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Circle: fc.Arbitrary<_.Circle> = A.record({ ...shape, radius: Length }, ['id', 'srsName', 'otherAttrs'])

/**
 * A location chunk: a point, a circle, a civic address or a foreign location element.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Location: fc.Arbitrary<_.Location> = fc.oneof(
  Point.map((point): _.Location => ({ _tag: 'Point', point })),
  Circle.map((circle): _.Location => ({ _tag: 'Circle', circle })),
  CivicAddress.map((civicAddress): _.Location => ({ _tag: 'CivicAddress', civicAddress })),
  A.foreignElement().map((element): _.Location => ({ _tag: 'Other', element }))
)

const localized = A.record({ lang: A.language, value: A.xmlText(16) }, ['lang'])

const rules = {
  retransmissionAllowed: A.literal(_.retransmissionValue),
  retentionExpiry: A.dateTime,
  externalRuleset: A.anyURI,
  noteWell: localized
}

/**
 * `<gp:usage-rules>`: rules in the basicPolicy namespace (any of them, and foreign elements), or at least one rule in
 * the geopriv10 namespace as RFC 4119's examples write them.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const UsageRules: fc.Arbitrary<_.UsageRules> = fc.oneof(
  {
    weight: 3,
    arbitrary: A.record({ ...rules, other: A.foreignElements() }, [
      'retransmissionAllowed',
      'retentionExpiry',
      'externalRuleset',
      'noteWell'
    ])
  },
  {
    weight: 1,
    arbitrary: A.record({ ...rules, other: A.foreignElements(), inGeopriv10: fc.constant(true as const) }, [
      'retentionExpiry',
      'externalRuleset',
      'noteWell'
    ])
  }
) as fc.Arbitrary<_.UsageRules>

/**
 * A `<gp:geopriv>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Geopriv: fc.Arbitrary<_.Geopriv> = A.record(
  {
    locationInfo: fc.record({ locations: fc.array(Location, { maxLength: 3 }) }),
    usageRules: UsageRules,
    method: A.record(
      {
        lang: A.language,
        value: fc.oneof(fc.constantFrom('GPS', 'Wiremap', 'Manual', 'OTDOA', 'DHCP'), A.xmlText(10))
      },
      ['lang']
    ),
    providedBy: fc.record({ elements: fc.array(A.foreignElement(), { minLength: 1, maxLength: 2 }) }),
    other: A.foreignElements()
  },
  ['method', 'providedBy']
) as unknown as fc.Arbitrary<_.Geopriv>

/**
 * The PIDF-LO fields of a status, device or person: mostly none, sometimes one or two location objects.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const GeoprivExt: fc.Arbitrary<_.GeoprivExt> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc
      .array(Geopriv, { minLength: 1, maxLength: 2 })
      .map((g) => ({ geopriv: g as unknown as ReadonlyNonEmptyArray<_.Geopriv> }))
  }
)

/**
 * The PIDF-LO fields of a status.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const status: fc.Arbitrary<_.StatusExt> = GeoprivExt

/**
 * The PIDF-LO fields of a device.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const device: fc.Arbitrary<_.DeviceExt> = GeoprivExt

/**
 * The PIDF-LO fields of a person.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const person: fc.Arbitrary<_.PersonExt> = GeoprivExt
