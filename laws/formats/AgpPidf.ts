/**
 * Arbitraries of AG Projects' PIDF extensions (`urn:ag-projects:xml:ns:pidf`): status and tuple fields.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import type * as _ from '../../src/formats/AgpPidf.js'
import * as A from '../Arbitrary.js'

/**
 * A time offset in minutes, as an integer or with a decimal part.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const TimeOffset: fc.Arbitrary<_.TimeOffset> = A.record(
  {
    description: A.xmlText(10),
    value: fc.oneof(
      fc.integer({ min: -720, max: 840 }).map(String),
      fc.integer({ min: -720, max: 840 }).map((n) => `${n}.0`)
    )
  },
  ['description']
)

/**
 * A `<device-info>`.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const DeviceInfo: fc.Arbitrary<_.DeviceInfo> = A.record(
  {
    id: A.xmlText(20),
    otherAttrs: A.foreignAttrs,
    description: A.xmlText(12),
    userAgent: A.xmlText(12),
    timeOffset: TimeOffset,
    other: A.foreignElements()
  },
  ['otherAttrs', 'description', 'userAgent', 'timeOffset']
)

/**
 * The AG Projects fields of a status.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const status: fc.Arbitrary<_.StatusExt> = A.record(
  {
    extended: fc.constantFrom<_.ExtendedStatus>('available', 'offline', 'away', 'extended-away', 'busy'),
    type: A.xmlText(10)
  },
  ['extended', 'type']
)

/**
 * The AG Projects fields of a tuple.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const tuple: fc.Arbitrary<_.TupleExt> = A.record({ deviceInfo: DeviceInfo }, ['deviceInfo'])
