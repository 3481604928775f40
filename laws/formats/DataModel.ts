/**
 * Arbitraries of the presence data model (RFC 4479): persons, devices, the presence-level extension (persons and
 * devices) and the tuple extension (device IDs), each taking arbitraries of the extensions plugged into them.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import type * as _ from '../../src/formats/DataModel.js'
import * as A from '../Arbitrary.js'

/**
 * A `<dm:note>`: any text, kept exactly, with a language or none.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Note: fc.Arbitrary<_.Note> = A.record({ lang: A.language, value: A.xmlText(20) }, ['lang'])

/**
 * A person with the given extension fields.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const personWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<_.Person<X>> =>
  A.record(
    {
      id: A.xmlId,
      ext,
      other: A.foreignElements(),
      notes: fc.array(Note, { maxLength: 2 }),
      timestamp: A.dateTime
    },
    ['timestamp']
  ) as fc.Arbitrary<_.Person<X>>

/**
 * A person without extensions.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Person: fc.Arbitrary<_.Person> = personWith(fc.constant({}))

/**
 * A device with the given extension fields.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const deviceWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<_.Device<X>> =>
  A.record(
    {
      id: A.xmlId,
      ext,
      other: A.foreignElements(),
      deviceID: A.anyURI,
      notes: fc.array(Note, { maxLength: 2 }),
      timestamp: A.dateTime
    },
    ['timestamp']
  ) as fc.Arbitrary<_.Device<X>>

/**
 * A device without extensions.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Device: fc.Arbitrary<_.Device> = deviceWith(fc.constant({}))

/**
 * The data model's presence-level fields: persons and devices (ids are made unique by the document arbitrary).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const presenceWith = <P, D>(exts: {
  readonly person: fc.Arbitrary<P>
  readonly device: fc.Arbitrary<D>
}): fc.Arbitrary<_.PresenceExt<P, D>> =>
  fc.record({
    persons: fc.array(personWith(exts.person), { maxLength: 2 }),
    devices: fc.array(deviceWith(exts.device), { maxLength: 2 })
  })

/**
 * The data model's presence-level fields without person or device extensions.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const presence: fc.Arbitrary<_.PresenceExt> = presenceWith({ person: fc.constant({}), device: fc.constant({}) })

/**
 * The data model's tuple fields: device IDs.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const tuple: fc.Arbitrary<_.TupleExt> = fc.record({ deviceIDs: fc.array(A.anyURI, { maxLength: 2 }) })
