/**
 * Arbitraries of RPID (RFC 4480): every element, and the extension fields of a person, a tuple and a device, valid by
 * `rpid.xsd` (so `lunch`, which the schema omits, is never generated; `id` attributes are left out so that generated
 * documents never repeat an `xs:ID`).
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as _ from '../../src/formats/Rpid.js'
import * as A from '../Arbitrary.js'

const nonEmpty = <T>(arb: fc.Arbitrary<T>, maxLength = 2): fc.Arbitrary<readonly [T, ...Array<T>]> =>
  fc.array(arb, { minLength: 1, maxLength }) as unknown as fc.Arbitrary<readonly [T, ...Array<T>]>

const timed = { from: A.dateTime, until: A.dateTime, otherAttrs: A.foreignAttrs }
const timedKeys = ['from', 'until', 'otherAttrs'] as const

/**
 * An RPID note.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Note: fc.Arbitrary<_.Note> = A.record({ lang: A.language, value: A.xmlText(16) }, ['lang'])

/**
 * A free-text `<other>` value.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Other: fc.Arbitrary<_.Other> = A.record(
  { _tag: fc.constant('Other' as const), lang: A.language, value: A.xmlText(12) },
  ['lang']
)

const notes = fc.array(Note, { maxLength: 2 })

/**
 * An activity name of the schema.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const ActivityName: fc.Arbitrary<_.ActivityName> = fc.constantFrom(..._.ACTIVITIES.filter((a) => a !== 'lunch'))

/**
 * An `<activities>` element: `<unknown/>` alone, nothing, or activities with foreign ones.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Activities: fc.Arbitrary<_.Activities> = fc.oneof(
  A.record({ ...timed, notes, values: fc.constant(['unknown'] as const), other: fc.constant([]) }, timedKeys),
  A.record(
    {
      ...timed,
      notes,
      values: fc.array(fc.oneof({ weight: 4, arbitrary: ActivityName }, { weight: 1, arbitrary: Other }), { maxLength: 3 }),
      other: A.foreignElements()
    },
    timedKeys
  )
)

/**
 * A mood name.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const MoodName: fc.Arbitrary<_.MoodName> = fc.constantFrom(..._.MOODS)

/**
 * A `<mood>` element: `<unknown/>` alone or at least one mood.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Mood: fc.Arbitrary<_.Mood> = fc.oneof(
  A.record({ ...timed, notes, values: fc.constant(['unknown'] as const), other: fc.constant([]) }, timedKeys),
  A.record(
    {
      ...timed,
      notes,
      values: nonEmpty(fc.oneof({ weight: 4, arbitrary: MoodName }, { weight: 1, arbitrary: Other }), 3),
      other: A.foreignElements()
    },
    timedKeys
  ),
  A.record(
    { ...timed, notes, values: fc.constant([]), other: fc.array(A.foreignElement(), { minLength: 1, maxLength: 2 }) },
    timedKeys
  )
)

/**
 * A `<place-is>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const PlaceIs: fc.Arbitrary<_.PlaceIs> = A.record(
  {
    ...timed,
    notes,
    audio: fc.constantFrom(..._.PLACE_AUDIO),
    video: fc.constantFrom(..._.PLACE_VIDEO),
    text: fc.constantFrom(..._.PLACE_TEXT)
  },
  [...timedKeys, 'audio', 'video', 'text']
)

/**
 * A `<place-type>` element: an `<other>` or foreign place types.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const PlaceType: fc.Arbitrary<_.PlaceType> = fc.oneof(
  A.record({ ...timed, notes, value: Other, other: fc.constant([]) }, timedKeys),
  A.record({ ...timed, notes, other: fc.array(A.foreignElement(), { minLength: 1, maxLength: 2 }) }, timedKeys)
)

/**
 * A `<privacy>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Privacy: fc.Arbitrary<_.Privacy> = fc.oneof(
  A.record({ ...timed, notes, unknown: fc.constant(true as const), other: fc.constant([]) }, timedKeys),
  A.record(
    {
      ...timed,
      notes,
      audio: fc.constant(true as const),
      text: fc.constant(true as const),
      video: fc.constant(true as const),
      other: A.foreignElements()
    },
    [...timedKeys, 'audio', 'text', 'video']
  )
)

const valueOrOther = <T>(value: fc.Arbitrary<T>, allowNone: boolean) =>
  fc.oneof(
    fc.record({ notes, value, other: fc.constant([]) }, { noNullPrototype: true }),
    fc.record({ notes, other: fc.array(A.foreignElement(), { minLength: 1, maxLength: 2 }) }, { noNullPrototype: true }),
    ...(allowNone ? [fc.record({ notes, other: fc.constant([]) }, { noNullPrototype: true })] : [])
  )

/**
 * A `<relationship>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Relationship: fc.Arbitrary<_.Relationship> = valueOrOther<_.RelationshipName | _.Other>(
  fc.oneof(
    fc.constantFrom<_.RelationshipName>(..._.RELATIONSHIPS),
    Other
  ),
  true
)

/**
 * A `<service-class>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const ServiceClass: fc.Arbitrary<_.ServiceClass> = valueOrOther(
  fc.constantFrom(..._.SERVICE_CLASSES),
  false
)

/**
 * A `<sphere>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Sphere: fc.Arbitrary<_.Sphere> = fc.oneof(
  A.record({ ...timed, value: fc.constantFrom(..._.SPHERES), other: fc.constant([]) }, timedKeys),
  A.record({ ...timed, other: A.foreignElements() }, timedKeys)
)

/**
 * A `<status-icon>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const StatusIcon: fc.Arbitrary<_.StatusIcon> = A.record({ ...timed, uri: A.anyURI }, timedKeys)

/**
 * A `<time-offset>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const TimeOffset: fc.Arbitrary<_.TimeOffset> = A.record(
  { ...timed, description: A.xmlText(12), minutes: fc.integer({ min: -1440, max: 1440 }) },
  [...timedKeys, 'description']
)

/**
 * A `<user-input>` element.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const UserInput: fc.Arbitrary<_.UserInput> = A.record(
  {
    idleThreshold: A.positiveInteger,
    lastInput: A.dateTime,
    otherAttrs: A.foreignAttrs,
    value: fc.constantFrom<_.ActiveIdle>('active', 'idle')
  },
  ['idleThreshold', 'lastInput', 'otherAttrs']
)

/**
 * The RPID fields of a person.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const person: fc.Arbitrary<_.PersonExt> = A.record(
  {
    activities: nonEmpty(Activities),
    class: A.token,
    mood: nonEmpty(Mood),
    placeIs: nonEmpty(PlaceIs),
    placeType: nonEmpty(PlaceType),
    privacy: nonEmpty(Privacy),
    sphere: nonEmpty(Sphere),
    statusIcon: nonEmpty(StatusIcon),
    timeOffset: nonEmpty(TimeOffset),
    userInput: UserInput
  },
  ['activities', 'class', 'mood', 'placeIs', 'placeType', 'privacy', 'sphere', 'statusIcon', 'timeOffset', 'userInput']
)

/**
 * The RPID fields of a tuple.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const tuple: fc.Arbitrary<_.TupleExt> = A.record(
  {
    class: A.token,
    privacy: nonEmpty(Privacy),
    relationship: Relationship,
    serviceClass: ServiceClass,
    statusIcon: nonEmpty(StatusIcon),
    userInput: UserInput
  },
  ['class', 'privacy', 'relationship', 'serviceClass', 'statusIcon', 'userInput']
)

/**
 * The RPID fields of a device.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const device: fc.Arbitrary<_.DeviceExt> = A.record({ class: A.token, userInput: UserInput }, ['class', 'userInput'])
