/**
 * Arbitraries of CIPID (RFC 4482): the contact information fields of a person or a tuple, valid by `cipid.xsd`.
 *
 * @since 0.1.0
 */
import type * as fc from 'fast-check'
import type * as _ from '../../src/formats/Cipid.js'
import * as A from '../Arbitrary.js'

/**
 * CIPID fields: each present or not.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Cipid: fc.Arbitrary<_.Cipid> = A.record(
  { card: A.anyURI, displayName: A.xmlText(16), homepage: A.anyURI, icon: A.anyURI, map: A.anyURI, sound: A.anyURI },
  ['card', 'displayName', 'homepage', 'icon', 'map', 'sound']
)

/**
 * The CIPID fields of a person.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const person: fc.Arbitrary<_.PersonExt> = Cipid

/**
 * The CIPID fields of a tuple.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const tuple: fc.Arbitrary<_.TupleExt> = Cipid
