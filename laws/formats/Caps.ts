/**
 * Arbitraries of the capabilities extension (RFC 5196): service and device capabilities, valid by `caps.xsd` (the
 * schema's `higherhan` spelling only).
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as _ from '../../src/formats/Caps.js'
import * as A from '../Arbitrary.js'

const featureText = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: A.xmlText(6) })

/**
 * A feature list over the given names.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const features = <K extends string>(names: ReadonlyArray<K>): fc.Arbitrary<_.Features<K>> =>
  fc
    .tuple(fc.subarray([...names]), fc.array(featureText, { minLength: names.length, maxLength: names.length }), A.foreignElements())
    .map(([present, texts, other]) => {
      const out: Record<string, unknown> = {}
      for (const n of names) if (present.includes(n)) out[n] = texts[names.indexOf(n)]
      out.other = other
      return out as _.Features<K>
    })

/** A supported/notsupported pair. */
const support = <T>(list: fc.Arbitrary<T>): fc.Arbitrary<_.Support<T>> =>
  A.record({ supported: list, notsupported: list }, ['supported', 'notsupported'])

const nonEmptyStrings = fc.array(A.xmlText(8), { minLength: 1, maxLength: 3 }) as unknown as fc.Arbitrary<
  readonly [string, ...Array<string>]
>

/**
 * Priority values (never the RFC's `higherthan`, which the schema does not have).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Priorities: fc.Arbitrary<_.Priorities> = fc.record({
  equals: fc.array(fc.record({ value: fc.integer() }, { noNullPrototype: true }), { maxLength: 2 }),
  higherhan: fc.array(fc.record({ minvalue: fc.integer() }, { noNullPrototype: true }), { maxLength: 2 }),
  higherthan: fc.constant([]),
  lowerthan: fc.array(fc.record({ maxvalue: fc.integer() }, { noNullPrototype: true }), { maxLength: 2 }),
  range: fc.array(fc.record({ minvalue: fc.integer(), maxvalue: fc.integer() }, { noNullPrototype: true }), { maxLength: 2 }),
  other: A.foreignElements()
}, { noNullPrototype: true })

/**
 * A `<description>`.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Description: fc.Arbitrary<_.Description> = A.record({ lang: A.language, value: A.xmlText(16) }, ['lang'])

/**
 * Service capabilities.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Servcaps: fc.Arbitrary<_.Servcaps> = A.record(
  {
    otherAttrs: A.foreignAttrs,
    actor: support(features(_.NAMES.actor)),
    application: fc.boolean(),
    audio: fc.boolean(),
    automata: fc.boolean(),
    class: support(features(_.NAMES.class)),
    control: fc.boolean(),
    data: fc.boolean(),
    descriptions: fc.array(Description, { maxLength: 2 }),
    duplex: support(features(_.NAMES.duplex)),
    eventPackages: support(features(_.NAMES.eventPackages)),
    extensions: support(features(_.NAMES.extensions)),
    isfocus: fc.boolean(),
    message: fc.boolean(),
    methods: support(features(_.NAMES.methods)),
    languages: support(nonEmptyStrings),
    priority: support(Priorities),
    schemes: support(nonEmptyStrings),
    text: fc.boolean(),
    types: fc.array(A.xmlText(10), { maxLength: 2 }),
    video: fc.boolean(),
    other: A.foreignElements()
  },
  [
    'otherAttrs',
    'actor',
    'application',
    'audio',
    'automata',
    'class',
    'control',
    'data',
    'duplex',
    'eventPackages',
    'extensions',
    'isfocus',
    'message',
    'methods',
    'languages',
    'priority',
    'schemes',
    'text',
    'video'
  ]
)

/**
 * Device capabilities.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Devcaps: fc.Arbitrary<_.Devcaps> = A.record(
  {
    otherAttrs: A.foreignAttrs,
    descriptions: fc.array(Description, { maxLength: 2 }),
    mobility: support(features(_.NAMES.mobility)),
    other: A.foreignElements()
  },
  ['otherAttrs', 'mobility']
)

/**
 * The capabilities fields of a tuple.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const tuple: fc.Arbitrary<_.TupleExt> = A.record({ servcaps: Servcaps }, ['servcaps'])

/**
 * The capabilities fields of a device.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const device: fc.Arbitrary<_.DeviceExt> = A.record({ devcaps: Devcaps }, ['devcaps'])
