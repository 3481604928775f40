/**
 * RPID (RFC 4480): rich presence extensions to PIDF and the presence data model. Namespace
 * `urn:ietf:params:xml:ns:pidf:rpid`. The elements extend `<dm:person>`, `<tuple>` and `<dm:device>` as RFC 4480 §3.1
 * Table 1 says: {@link person}, {@link tuple} and {@link device} are the extensions for those three points. Elements
 * that take `from`/`until` may repeat (time ranges, §3.1); the others occur at most once (§5). Each element is
 * modelled as `rpid.xsd` (§5.1) defines it, with its exclusions (e.g. `<unknown/>` stands alone).
 *
 * @since 0.1.0
 */
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The RPID namespace.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf:rpid'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An RPID `<note>` (`Note_t`): text kept exactly, with its optional `xml:lang`.
 *
 * @category model
 * @since 0.1.0
 */
export type Note = C.Localized

/**
 * An `<other>` value (`Note_t`): a free-text value of an enumeration (activities, mood, place-type, relationship).
 *
 * @category model
 * @since 0.1.0
 */
export interface Other {
  readonly _tag: 'Other'
  readonly lang?: string
  readonly value: string
}

/**
 * The `from`/`until`/`id` attributes and the `##any` attribute wildcard shared by the timed elements (§3.1).
 *
 * @category model
 * @since 0.1.0
 */
export interface Timed {
  readonly from?: string
  readonly until?: string
  readonly id?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
}

/**
 * Every activity name, in schema order (with `lunch` of §3.2).
 *
 * @category model
 * @since 0.1.0
 */
export const ACTIVITIES = [
  'appointment',
  'away',
  'breakfast',
  'busy',
  'dinner',
  'holiday',
  'in-transit',
  'looking-for-work',
  'lunch',
  'meal',
  'meeting',
  'on-the-phone',
  'performance',
  'permanent-absence',
  'playing',
  'presentation',
  'shopping',
  'sleeping',
  'spectator',
  'steering',
  'travel',
  'tv',
  'vacation',
  'working',
  'worship'
] as const

/**
 * Every mood name, in schema order.
 *
 * @category model
 * @since 0.1.0
 */
export const MOODS = [
  'afraid',
  'amazed',
  'angry',
  'annoyed',
  'anxious',
  'ashamed',
  'bored',
  'brave',
  'calm',
  'cold',
  'confused',
  'contented',
  'cranky',
  'curious',
  'depressed',
  'disappointed',
  'disgusted',
  'distracted',
  'embarrassed',
  'excited',
  'flirtatious',
  'frustrated',
  'grumpy',
  'guilty',
  'happy',
  'hot',
  'humbled',
  'humiliated',
  'hungry',
  'hurt',
  'impressed',
  'in_awe',
  'in_love',
  'indignant',
  'interested',
  'invincible',
  'jealous',
  'lonely',
  'mean',
  'moody',
  'nervous',
  'neutral',
  'offended',
  'playful',
  'proud',
  'relieved',
  'remorseful',
  'restless',
  'sad',
  'sarcastic',
  'serious',
  'shocked',
  'shy',
  'sick',
  'sleepy',
  'stressed',
  'surprised',
  'thirsty',
  'worried'
] as const

/**
 * The activity elements of `rpid.xsd` (§3.2), plus `lunch`, which §3.2 defines but the schema omits (decoded and
 * encoded, but not valid by the schema; prefer `meal`).
 *
 * @category model
 * @since 0.1.0
 */
export type ActivityName = (typeof ACTIVITIES)[number]

/**
 * One activity: an enumerated one or a free-text `<other>`.
 *
 * @category model
 * @since 0.1.0
 */
export type Activity = ActivityName | Other

/**
 * `<activities>` (§3.2): notes, then either `<unknown/>` alone, or activities (enumerated, `<other>` and foreign
 * elements in `other`), or nothing at all (the schema makes `<unknown/>` optional).
 *
 * @category model
 * @since 0.1.0
 */
export interface Activities extends Timed {
  readonly notes: ReadonlyArray<Note>
  readonly values: readonly ['unknown'] | ReadonlyArray<Activity>
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
}

/**
 * The mood elements of `rpid.xsd` (§3.5).
 *
 * @category model
 * @since 0.1.0
 */
export type MoodName = (typeof MOODS)[number]

/**
 * One mood: an enumerated one or a free-text `<other>`.
 *
 * @category model
 * @since 0.1.0
 */
export type MoodValue = MoodName | Other

/**
 * `<mood>` (§3.5): notes, then `<unknown/>` alone or at least one mood (enumerated, `<other>`, or foreign in `other`).
 *
 * @category model
 * @since 0.1.0
 */
export interface Mood extends Timed {
  readonly notes: ReadonlyArray<Note>
  readonly values: readonly ['unknown'] | ReadonlyArray<MoodValue>
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
}

/**
 * Audio conditions of a place (§3.6).
 *
 * @category model
 * @since 0.1.0
 */
/**
 * The `<audio>` values of `<place-is>`.
 *
 * @category model
 * @since 0.2.0
 */
export const PLACE_AUDIO = ['noisy', 'ok', 'quiet', 'unknown'] as const

export type PlaceAudio = (typeof PLACE_AUDIO)[number]

/**
 * Video conditions of a place (§3.6).
 *
 * @category model
 * @since 0.1.0
 */
/**
 * The `<video>` values of `<place-is>`.
 *
 * @category model
 * @since 0.2.0
 */
export const PLACE_VIDEO = ['toobright', 'ok', 'dark', 'unknown'] as const

export type PlaceVideo = (typeof PLACE_VIDEO)[number]

/**
 * Text conditions of a place (§3.6).
 *
 * @category model
 * @since 0.1.0
 */
/**
 * The `<text>` values of `<place-is>`.
 *
 * @category model
 * @since 0.2.0
 */
export const PLACE_TEXT = ['uncomfortable', 'inappropriate', 'ok', 'unknown'] as const

export type PlaceText = (typeof PLACE_TEXT)[number]

/**
 * `<place-is>` (§3.6): notes and the conditions per medium (an absent medium is unknown). The schema has no
 * extension point here.
 *
 * @category model
 * @since 0.1.0
 */
export interface PlaceIs extends Timed {
  readonly notes: ReadonlyArray<Note>
  readonly audio?: PlaceAudio
  readonly video?: PlaceVideo
  readonly text?: PlaceText
}

/**
 * `<place-type>` (§3.7): notes, then either a free-text `<other>` (`value`) or place types of other namespaces (such
 * as RFC 4589 location types) in `other`, exactly one of the two.
 *
 * @category model
 * @since 0.1.0
 */
export interface PlaceType extends Timed {
  readonly notes: ReadonlyArray<Note>
  readonly value?: Other
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * `<privacy>` (§3.8): notes, then either `<unknown/>` alone or the media unlikely to be intercepted (and foreign
 * elements in `other`).
 *
 * @category model
 * @since 0.1.0
 */
export interface Privacy extends Timed {
  readonly notes: ReadonlyArray<Note>
  readonly unknown?: true
  readonly audio?: true
  readonly text?: true
  readonly video?: true
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The relationship values of §3.9.
 *
 * @category model
 * @since 0.1.0
 */
/**
 * Every relationship name.
 *
 * @category model
 * @since 0.2.0
 */
export const RELATIONSHIPS = ['assistant', 'associate', 'family', 'friend', 'self', 'supervisor', 'unknown'] as const

export type RelationshipName = (typeof RELATIONSHIPS)[number]

/**
 * `<relationship>` (§3.9): notes, then at most one of a value (enumerated or `<other>`) and foreign values in `other`
 * (absent means `self`). No attributes.
 *
 * @category model
 * @since 0.1.0
 */
export interface Relationship {
  readonly notes: ReadonlyArray<Note>
  readonly value?: RelationshipName | Other
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The service classes of §3.10.
 *
 * @category model
 * @since 0.1.0
 */
/**
 * Every service class name.
 *
 * @category model
 * @since 0.2.0
 */
export const SERVICE_CLASSES = ['courier', 'electronic', 'freight', 'in-person', 'postal', 'unknown'] as const

export type ServiceClassName = (typeof SERVICE_CLASSES)[number]

/**
 * `<service-class>` (§3.10): notes, then exactly one of a value and foreign values in `other`. No attributes.
 *
 * @category model
 * @since 0.1.0
 */
export interface ServiceClass {
  readonly notes: ReadonlyArray<Note>
  readonly value?: ServiceClassName
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The spheres of §3.11.
 *
 * @category model
 * @since 0.1.0
 */
/**
 * Every sphere name.
 *
 * @category model
 * @since 0.2.0
 */
export const SPHERES = ['home', 'work', 'unknown'] as const

export type SphereName = (typeof SPHERES)[number]

/**
 * `<sphere>` (§3.11): at most one of a value and foreign spheres in `other`. The schema gives it no text content (the
 * free-text sphere of the §4 example is not valid by it, and is rejected).
 *
 * @category model
 * @since 0.1.0
 */
export interface Sphere extends Timed {
  readonly value?: SphereName
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * `<status-icon>` (§3.12): the URI of an icon.
 *
 * @category model
 * @since 0.1.0
 */
export interface StatusIcon extends Timed {
  readonly uri: string
}

/**
 * `<time-offset>` (§3.13): minutes from UTC, with an optional human-readable description.
 *
 * @category model
 * @since 0.1.0
 */
export interface TimeOffset extends Timed {
  readonly description?: string
  readonly minutes: V.Integer
}

/**
 * The user-input state (§3.14).
 *
 * @category model
 * @since 0.1.0
 */
export type ActiveIdle = 'active' | 'idle'

/**
 * `<user-input>` (§3.14): the state, the idle threshold in seconds and the time of the last input. No `from`/`until`.
 *
 * @category model
 * @since 0.1.0
 */
export interface UserInput {
  readonly idleThreshold?: V.Integer
  readonly lastInput?: string
  readonly id?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly value: ActiveIdle
}

/**
 * The RPID fields of a `<dm:person>` (§3.1 Table 1), in schema order. Every key is optional: absent means no such
 * element; repeated elements (those with `from`/`until`) are non-empty arrays.
 *
 * @category model
 * @since 0.1.0
 */
export interface PersonExt {
  readonly activities?: ReadonlyNonEmptyArray<Activities>
  readonly class?: string
  readonly mood?: ReadonlyNonEmptyArray<Mood>
  readonly placeIs?: ReadonlyNonEmptyArray<PlaceIs>
  readonly placeType?: ReadonlyNonEmptyArray<PlaceType>
  readonly privacy?: ReadonlyNonEmptyArray<Privacy>
  readonly sphere?: ReadonlyNonEmptyArray<Sphere>
  readonly statusIcon?: ReadonlyNonEmptyArray<StatusIcon>
  readonly timeOffset?: ReadonlyNonEmptyArray<TimeOffset>
  readonly userInput?: UserInput
}

/**
 * The RPID fields of a `<tuple>` (a service, §3.1 Table 1). The device identifier of Table 1 is the data model's
 * `<dm:deviceID>`, not an RPID element.
 *
 * @category model
 * @since 0.1.0
 */
export interface TupleExt {
  readonly class?: string
  readonly privacy?: ReadonlyNonEmptyArray<Privacy>
  readonly relationship?: Relationship
  readonly serviceClass?: ServiceClass
  readonly statusIcon?: ReadonlyNonEmptyArray<StatusIcon>
  readonly userInput?: UserInput
}

/**
 * The RPID fields of a `<dm:device>` (§3.1 Table 1).
 *
 * @category model
 * @since 0.1.0
 */
export interface DeviceExt {
  readonly class?: string
  readonly userInput?: UserInput
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const timed = {
  from: /*#__PURE__*/ C.optionalAttr('from', V.dateTime),
  until: /*#__PURE__*/ C.optionalAttr('until', V.dateTime),
  id: /*#__PURE__*/ C.optionalAttr('id', V.id),
  otherAttrs: /*#__PURE__*/ C.otherAttrs(Xml.anyName)
}

const notRpid = NS

const empties = <A extends string>(...names: readonly [A, ...ReadonlyArray<A>] | ReadonlyArray<A>): XmlCodec<A> =>
  C.oneOf(...(names.map((n) => C.empty(el(n), n)) as unknown as readonly [XmlCodec<A>, ...ReadonlyArray<XmlCodec<A>>]))

const count = (n: number, one: string, many = one + 's'): string => `${n} ${n === 1 ? one : many}`

/**
 * An RPID `<note>` (`Note_t`, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Note: XmlCodec<Note> = /*#__PURE__*/ C.localized(el('note'), V.string, 'Note')

const isOther = (u: unknown): u is Other =>
  typeof u === 'object' &&
  u !== null &&
  (u as Other)._tag === 'Other' &&
  typeof (u as Other).value === 'string' &&
  ((u as Other).lang === undefined || typeof (u as Other).lang === 'string')

/**
 * `<other>` (`Note_t`): a free-text enumeration value (§3.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Other: XmlCodec<Other> = /*#__PURE__*/ C.imap(
  C.localized(el('other'), V.string, 'Other'),
  (a): Other => ({ _tag: 'Other', ...a }),
  ({ _tag, ...rest }) => rest, // eslint-disable-line @typescript-eslint/no-unused-vars
  isOther
)




const unknownAlone = <V>(values: ReadonlyArray<V | 'unknown'>, other: ReadonlyArray<Xml.Element>): boolean =>
  !values.includes('unknown') || (values.length === 1 && other.length === 0)

const besideUnknown = (one: string, many: string) => (a: { values: ReadonlyArray<unknown>; other: ReadonlyArray<unknown> }) =>
  `<unknown/> with ${count(a.values.length + a.other.length - 1, one, many)}`

/**
 * `<activities>` (RFC 4480 §3.2, §5.1): `<unknown/>` may not be combined with any other activity.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Activities: XmlCodec<Activities> = /*#__PURE__*/ C.refine(
  C.element(
    el('activities'),
    {
      order: C.sourceOrder(),
      ...timed,
      notes: C.children(Note),
      values: C.interleaved(C.children(C.oneOf(C.empty(el('unknown'), 'unknown'), empties(...ACTIVITIES), Other))),
      other: C.other(notRpid)
    },
    'Activities'
  ),
  (a): a is Activities => unknownAlone(a.values, a.other),
  '<unknown/> alone',
  besideUnknown('other activity', 'other activities')
)

/**
 * `<mood>` (RFC 4480 §3.5, §5.1): `<unknown/>` alone, or at least one mood.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Mood: XmlCodec<Mood> = /*#__PURE__*/ C.refine(
  C.refine(
    C.element(
      el('mood'),
      {
        order: C.sourceOrder(),
        ...timed,
        notes: C.children(Note),
        values: C.interleaved(C.children(C.oneOf(C.empty(el('unknown'), 'unknown'), empties(...MOODS), Other))),
        other: C.other(notRpid)
      },
      'Mood'
    ),
    (a): a is Mood => unknownAlone(a.values, a.other),
    '<unknown/> alone',
    besideUnknown('other mood', 'other moods')
  ),
  (a): a is Mood => a.values.length + a.other.length > 0,
  'at least one mood',
  () => 'none'
)

const choiceOf = <A extends string>(local: string, codec: XmlCodec<A>): XmlCodec<A> =>
  C.imap(
    C.element(el(local), { value: C.child(codec) }),
    (a) => a.value,
    (value) => ({ value }),
    codec.is as (u: unknown) => u is A
  )

/**
 * `<place-is>` (RFC 4480 §3.6, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const PlaceIs: XmlCodec<PlaceIs> = /*#__PURE__*/ C.element(
  el('place-is'),
  {
    ...timed,
    notes: C.children(Note),
    audio: C.optionalChild(choiceOf('audio', empties(...PLACE_AUDIO))),
    video: C.optionalChild(choiceOf('video', empties(...PLACE_VIDEO))),
    text: C.optionalChild(choiceOf('text', empties(...PLACE_TEXT)))
  },
  'PlaceIs'
)

const exactlyOne = (a: { readonly value?: unknown; readonly other: ReadonlyArray<unknown> }): boolean =>
  (a.value !== undefined) !== (a.other.length > 0)

const atMostOne = (a: { readonly value?: unknown; readonly other: ReadonlyArray<unknown> }): boolean =>
  a.value === undefined || a.other.length === 0

const valueAndOther = (a: { readonly value?: unknown; readonly other: ReadonlyArray<unknown> }): string =>
  a.value === undefined ? 'none' : `a value and ${count(a.other.length, 'foreign value')}`

/**
 * `<place-type>` (RFC 4480 §3.7, §5.1): an `<other>` or foreign place types, exactly one of the two.
 *
 * @category codecs
 * @since 0.1.0
 */
export const PlaceType: XmlCodec<PlaceType> = /*#__PURE__*/ C.refine(
  C.element(
    el('place-type'),
    { ...timed, notes: C.children(Note), value: C.optionalChild(Other), other: C.other(notRpid) },
    'PlaceType'
  ),
  (a): a is PlaceType => exactlyOne(a),
  'one <other> or foreign place types',
  valueAndOther
)

/**
 * `<privacy>` (RFC 4480 §3.8, §5.1): `<unknown/>` alone, or the media (encoded in schema order: audio, text, video).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Privacy: XmlCodec<Privacy> = /*#__PURE__*/ C.refine(
  C.element(
    el('privacy'),
    {
      ...timed,
      notes: C.children(Note),
      unknown: C.optionalChild(C.empty(el('unknown'), true as const)),
      audio: C.optionalChild(C.empty(el('audio'), true as const)),
      text: C.optionalChild(C.empty(el('text'), true as const)),
      video: C.optionalChild(C.empty(el('video'), true as const)),
      other: C.other(notRpid)
    },
    'Privacy'
  ),
  (a): a is Privacy =>
    a.unknown === undefined ||
    (a.audio === undefined && a.text === undefined && a.video === undefined && a.other.length === 0),
  '<unknown/> alone',
  (a) =>
    `<unknown/> with ${count(
      (a.audio ? 1 : 0) + (a.text ? 1 : 0) + (a.video ? 1 : 0) + a.other.length,
      'other element'
    )}`
)

/**
 * `<relationship>` (RFC 4480 §3.9, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Relationship: XmlCodec<Relationship> = /*#__PURE__*/ C.refine(
  C.element(
    el('relationship'),
    {
      notes: C.children(Note),
      value: C.optionalChild(
        C.oneOf(empties(...RELATIONSHIPS), Other)
      ),
      other: C.other(notRpid)
    },
    'Relationship'
  ),
  (a): a is Relationship => atMostOne(a),
  'one relationship',
  valueAndOther
)

/**
 * `<service-class>` (RFC 4480 §3.10, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const ServiceClass: XmlCodec<ServiceClass> = /*#__PURE__*/ C.refine(
  C.element(
    el('service-class'),
    {
      notes: C.children(Note),
      value: C.optionalChild(empties(...SERVICE_CLASSES)),
      other: C.other(notRpid)
    },
    'ServiceClass'
  ),
  (a): a is ServiceClass => exactlyOne(a),
  'one service class',
  valueAndOther
)

/**
 * `<sphere>` (RFC 4480 §3.11, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Sphere: XmlCodec<Sphere> = /*#__PURE__*/ C.refine(
  C.element(
    el('sphere'),
    { ...timed, value: C.optionalChild(empties(...SPHERES)), other: C.other(notRpid) },
    'Sphere'
  ),
  (a): a is Sphere => atMostOne(a),
  'one sphere',
  valueAndOther
)

/**
 * `<status-icon>` (RFC 4480 §3.12, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const StatusIcon: XmlCodec<StatusIcon> = /*#__PURE__*/ C.element(
  el('status-icon'),
  { ...timed, uri: C.text(V.anyURI) },
  'StatusIcon'
)

/**
 * `<time-offset>` (RFC 4480 §3.13, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const TimeOffset: XmlCodec<TimeOffset> = /*#__PURE__*/ C.element(
  el('time-offset'),
  { ...timed, description: C.optionalAttr('description', V.string), minutes: C.text(V.integer) },
  'TimeOffset'
)

/**
 * `<user-input>` (RFC 4480 §3.14, §5.1).
 *
 * @category codecs
 * @since 0.1.0
 */
export const UserInput: XmlCodec<UserInput> = /*#__PURE__*/ C.element(
  el('user-input'),
  {
    idleThreshold: C.optionalAttr('idle-threshold', V.positiveInteger),
    lastInput: C.optionalAttr('last-input', V.dateTime),
    id: C.optionalAttr('id', V.id),
    otherAttrs: C.otherAttrs(Xml.anyName),
    value: C.text(V.literal('active', 'idle'))
  },
  'UserInput'
)

const classField = /*#__PURE__*/ C.optionalChild(el('class'), V.token)

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * RPID in `<dm:person>`: activities, class, mood, place-is, place-type, privacy, sphere, status-icon, time-offset and
 * user-input (RFC 4480 §3.1 Table 1).
 *
 * @category extensions
 * @since 0.1.0
 */
export const person: Ext.Extension<PersonExt, 'dm:person'> = /*#__PURE__*/ Ext.fromFields(
  'dm:person',
  {
  activities: C.optionalChildren(Activities),
  class: classField,
  mood: C.optionalChildren(Mood),
  placeIs: C.optionalChildren(PlaceIs),
  placeType: C.optionalChildren(PlaceType),
  privacy: C.optionalChildren(Privacy),
  sphere: C.optionalChildren(Sphere),
  statusIcon: C.optionalChildren(StatusIcon),
  timeOffset: C.optionalChildren(TimeOffset),
  userInput: C.optionalChild(UserInput)
  },
  { name: 'RPID' }
)

/**
 * RPID in `<tuple>`: class, privacy, relationship, service-class, status-icon and user-input (RFC 4480 §3.1 Table 1).
 *
 * @category extensions
 * @since 0.1.0
 */
export const tuple: Ext.Extension<TupleExt, 'pidf:tuple'> = /*#__PURE__*/ Ext.fromFields(
  'pidf:tuple',
  {
  class: classField,
  privacy: C.optionalChildren(Privacy),
  relationship: C.optionalChild(Relationship),
  serviceClass: C.optionalChild(ServiceClass),
  statusIcon: C.optionalChildren(StatusIcon),
  userInput: C.optionalChild(UserInput)
  },
  { name: 'RPID' }
)

/**
 * RPID in `<dm:device>`: class and user-input (RFC 4480 §3.1 Table 1).
 *
 * @category extensions
 * @since 0.1.0
 */
export const device: Ext.Extension<DeviceExt, 'dm:device'> = /*#__PURE__*/ Ext.fromFields(
  'dm:device',
  { class: classField, userInput: C.optionalChild(UserInput) },
  { name: 'RPID' }
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A note, with its language when given.
 *
 * @category constructors
 * @since 0.1.0
 */
export const note = (value: string, lang?: string): Note => (lang === undefined ? { value } : { lang, value })

/**
 * A free-text `<other>` value, with its language when given.
 *
 * @category constructors
 * @since 0.1.0
 */
export const other = (value: string, lang?: string): Other =>
  lang === undefined ? { _tag: 'Other', value } : { _tag: 'Other', lang, value }

/**
 * An `<activities>` element: `activities('on-the-phone')`, `activities('meal', other('reading'))`, or
 * `activities('unknown')`. Add `from`, `until` or notes by spreading.
 *
 * @example
 * import { activities } from 'sip-simple-payloads/Rpid'
 * activities('on-the-phone')
 *
 * @category constructors
 * @since 0.1.0
 */
export const activities: {
  (value: 'unknown'): Activities
  (...values: ReadonlyArray<Activity>): Activities
} = (...values: ReadonlyArray<Activity | 'unknown'>): Activities =>
  ({ notes: [], values: values as ReadonlyArray<Activity>, other: [] })

/**
 * A `<mood>` element: `mood('happy')`, `mood('sleepy', 'thirsty')` or `mood('unknown')`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const mood: {
  (value: 'unknown'): Mood
  (value: MoodValue, ...values: ReadonlyArray<MoodValue>): Mood
} = (...values: ReadonlyArray<MoodValue | 'unknown'>): Mood => ({ notes: [], values: values as ReadonlyArray<MoodValue>, other: [] })

/**
 * A `<user-input>` element: `userInput('idle', { lastInput, idleThreshold })`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const userInput = (
  value: ActiveIdle,
  options: { readonly idleThreshold?: V.Integer; readonly lastInput?: string | Date } = {}
): UserInput => {
  const o: Readonly<Record<string, unknown>> = typeof options === 'object' && options !== null ? options : {}
  const lastInput = V.dateTimeOf(o.lastInput)
  const t = o.idleThreshold
  return {
    ...(typeof t === 'number' || typeof t === 'bigint' ? { idleThreshold: t } : {}),
    ...(lastInput === undefined ? {} : { lastInput }),
    value: value === 'idle' ? 'idle' : 'active'
  }
}

/**
 * A `<time-offset>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const timeOffset = (minutes: V.Integer, description?: string): TimeOffset =>
  typeof description === 'string' ? { description, minutes } : { minutes }

/**
 * A `<status-icon>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const statusIcon = (uri: string): StatusIcon => ({ uri })

/**
 * A `<place-is>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const placeIs = (media: {
  readonly audio?: PlaceAudio
  readonly video?: PlaceVideo
  readonly text?: PlaceText
}): PlaceIs => ({ notes: [], ...media })

/**
 * A `<sphere>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const sphere = (value: SphereName): Sphere => ({ value, other: [] })

/**
 * A `<privacy>` element: `privacy('audio', 'text')` or `privacy('unknown')`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const privacy = (...media: ReadonlyArray<'audio' | 'text' | 'video'> | readonly ['unknown']): Privacy => {
  const out: { -readonly [K in 'unknown' | 'audio' | 'text' | 'video']?: true } = {}
  for (const m of media) out[m] = true
  return { notes: [], ...out, other: [] }
}

/**
 * A `<relationship>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const relationship = (value: RelationshipName | Other): Relationship => ({ notes: [], value, other: [] })

/**
 * A `<service-class>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const serviceClass = (value: ServiceClassName): ServiceClass => ({ notes: [], value, other: [] })

/**
 * The enumerated and free-text activities of a person's RPID fields, over every `<activities>` element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const activityValues = (ext: PersonExt): ReadonlyArray<Activity | 'unknown'> =>
  Read.array(Read.record(ext).activities).flatMap((a): ReadonlyArray<Activity | 'unknown'> => Read.array(Read.record(a).values) as ReadonlyArray<Activity>)

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * A person's `<activities>` elements (absent when none); setting `undefined` removes them.
 *
 * @category optics
 * @since 0.1.0
 */
export const activitiesOf: L.Lens<PersonExt, ReadonlyNonEmptyArray<Activities> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<PersonExt, 'activities'>('activities')

/**
 * A person's `<mood>` elements (absent when none); setting `undefined` removes them.
 *
 * @category optics
 * @since 0.1.0
 */
export const moodOf: L.Lens<PersonExt, ReadonlyNonEmptyArray<Mood> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<PersonExt, 'mood'>('mood')

/**
 * A person's `<place-is>` elements.
 *
 * @category optics
 * @since 0.1.0
 */
export const placeIsOf: L.Lens<PersonExt, ReadonlyNonEmptyArray<PlaceIs> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<PersonExt, 'placeIs'>('placeIs')

/**
 * A person's `<sphere>` elements.
 *
 * @category optics
 * @since 0.1.0
 */
export const sphereOf: L.Lens<PersonExt, ReadonlyNonEmptyArray<Sphere> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<PersonExt, 'sphere'>('sphere')

/**
 * A person's `<time-offset>` elements.
 *
 * @category optics
 * @since 0.1.0
 */
export const timeOffsetOf: L.Lens<PersonExt, ReadonlyNonEmptyArray<TimeOffset> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<PersonExt, 'timeOffset'>('timeOffset')

/**
 * The `<status-icon>` elements of a person or a tuple.
 *
 * @category optics
 * @since 0.1.0
 */
export const statusIconOf: L.Lens<TupleExt, ReadonlyNonEmptyArray<StatusIcon> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<TupleExt, 'statusIcon'>('statusIcon')

/**
 * The `<user-input>` of a person, tuple or device; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const userInputOf: L.Lens<DeviceExt, UserInput | undefined> = /*#__PURE__*/ Optics.optionalKey<
  DeviceExt,
  'userInput'
>('userInput')

/**
 * The `<class>` of a person, tuple or device; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const classOf: L.Lens<DeviceExt, string | undefined> = /*#__PURE__*/ Optics.optionalKey<DeviceExt, 'class'>('class')

/**
 * A tuple's `<relationship>`.
 *
 * @category optics
 * @since 0.1.0
 */
export const relationshipOf: L.Lens<TupleExt, Relationship | undefined> = /*#__PURE__*/ Optics.optionalKey<
  TupleExt,
  'relationship'
>('relationship')

/**
 * A tuple's `<service-class>`.
 *
 * @category optics
 * @since 0.1.0
 */
export const serviceClassOf: L.Lens<TupleExt, ServiceClass | undefined> = /*#__PURE__*/ Optics.optionalKey<
  TupleExt,
  'serviceClass'
>('serviceClass')
