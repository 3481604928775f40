/**
 * The presence data model (RFC 4479): persons and devices beside the tuples (services) of a PIDF document, and the
 * device identifiers of tuples. Namespace `urn:ietf:params:xml:ns:pidf:data-model` (schema data-model.xsd).
 *
 * `<dm:person>` and `<dm:device>` are children of `<presence>`, so the data model is itself an extension of PIDF's
 * `'pidf:presence'` point: `presenceWith({ person, device })` gives an extension with `persons` and `devices`, whose
 * own extension points are `'dm:person'` and `'dm:device'`; `tuple` is the extension of the `'pidf:tuple'` point that
 * reads `<dm:deviceID>`. Plain PIDF stays usable without any of it.
 *
 * @example
 * import { Ext } from 'sip-simple-payloads/codec'
 * import * as Pidf from 'sip-simple-payloads/Pidf'
 * import * as DataModel from 'sip-simple-payloads/DataModel'
 * import * as Rpid from 'sip-simple-payloads/Rpid'
 * const codec = Pidf.presenceWith({
 *   presence: DataModel.presenceWith({ person: Rpid.person }),
 *   tuple: Ext.concat(DataModel.tuple, Rpid.tuple)
 * })
 *
 * @since 0.1.0
 */
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import type * as O from '#fp-ts/Option'
import type * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import * as Pidf from './Pidf.js'

/**
 * The data model namespace.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf:data-model'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A `<dm:note>` (the same shape as PIDF's note: text with its language).
 *
 * @category model
 * @since 0.1.0
 */
export type Note = Pidf.Note

/**
 * A `<dm:person>`: the human user (RFC 4479 §3.2). `X` is the person extension's fields (e.g. RPID activities).
 *
 * @category model
 * @since 0.1.0
 */
export interface Person<X = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly id: string
  readonly ext: X
  readonly other: ReadonlyArray<Xml.Element>
  readonly notes: ReadonlyArray<Note>
  readonly timestamp?: string
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<dm:device>`: a physical device (RFC 4479 §3.4), identified by its `<dm:deviceID>` URN. `X` is the device
 * extension's fields (e.g. capabilities).
 *
 * @category model
 * @since 0.1.0
 */
export interface Device<X = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly id: string
  readonly ext: X
  readonly other: ReadonlyArray<Xml.Element>
  readonly deviceID: string
  readonly notes: ReadonlyArray<Note>
  readonly timestamp?: string
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * What the data model adds to `<presence>`: its persons and devices, in document order.
 *
 * @category model
 * @since 0.1.0
 */
export interface PresenceExt<P = {}, D = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly persons: ReadonlyArray<Person<P>>
  readonly devices: ReadonlyArray<Device<D>>
}

/**
 * What the data model adds to `<tuple>`: the devices the service runs on (RFC 4479 §3.3).
 *
 * @category model
 * @since 0.1.0
 */
export interface TupleExt {
  readonly deviceIDs: ReadonlyArray<string>
}

/**
 * A presence document with the data model, whatever the other extensions.
 *
 * @category model
 * @since 0.1.0
 */
export type AnyPresence = Pidf.Presence<PresenceExt<unknown, unknown>, unknown, unknown>

/**
 * The person type of a presence document type with the data model.
 *
 * @category model
 * @since 0.1.0
 */
export type PersonOf<D extends AnyPresence> = D['ext']['persons'][number]

/**
 * The device type of a presence document type with the data model.
 *
 * @category model
 * @since 0.1.0
 */
export type DeviceOf<D extends AnyPresence> = D['ext']['devices'][number]

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * A `<dm:note>` with its optional `xml:lang` (RFC 4479 §4.4; data-model.xsd `Note_t`). The text is kept exactly.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Note: XmlCodec<Note> = /*#__PURE__*/ C.localized(el('note'), V.string, 'Note')

/**
 * The `<dm:person>` codec with an extension for the `'dm:person'` point (RFC 4479 §4.1; data-model.xsd: the
 * extension elements, then notes, then the timestamp).
 *
 * @category extensions
 * @since 0.1.0
 */
export const personWith = <X>(ext: Ext.Extension<X, 'dm:person'>): XmlCodec<Person<X>> =>
  C.element(
    el('person'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      ext: C.extension(ext),
      other: C.other(NS),
      notes: C.children(Note),
      timestamp: C.optionalChild(el('timestamp'), V.dateTime)
    },
    'Person'
  )

/**
 * The `<dm:person>` codec without extensions.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Person: XmlCodec<Person> = /*#__PURE__*/ personWith(Ext.emptyAt('dm:person'))

/**
 * The `<dm:device>` codec with an extension for the `'dm:device'` point (RFC 4479 §4.3; data-model.xsd: the
 * extension elements, then `<dm:deviceID>`, notes and the timestamp).
 *
 * @category extensions
 * @since 0.1.0
 */
export const deviceWith = <X>(ext: Ext.Extension<X, 'dm:device'>): XmlCodec<Device<X>> =>
  C.element(
    el('device'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      ext: C.extension(ext),
      other: C.other(NS),
      deviceID: C.child(el('deviceID'), V.preserving(V.anyURI)),
      notes: C.children(Note),
      timestamp: C.optionalChild(el('timestamp'), V.dateTime)
    },
    'Device'
  )

/**
 * The `<dm:device>` codec without extensions.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Device: XmlCodec<Device> = /*#__PURE__*/ deviceWith(Ext.emptyAt('dm:device'))

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * The data model as an extension of `<presence>` (RFC 4479 §4), with one extension for persons and one for devices
 * (either may be left out): `presenceWith({ person: Rpid.person, device: Caps.device })`.
 *
 * @category extensions
 * @since 0.1.0
 */
export const presenceWith = <P = {}, D = {}>(exts: { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly person?: Ext.Extension<P, 'dm:person'>
  readonly device?: Ext.Extension<D, 'dm:device'>
}): Ext.Extension<PresenceExt<P, D>, 'pidf:presence'> =>
  Ext.fromFields(
    'pidf:presence',
    {
      persons: C.children(personWith(Ext.orEmpty('dm:person', exts.person))),
      devices: C.children(deviceWith(Ext.orEmpty('dm:device', exts.device)))
    },
    { name: 'the data model' }
  )

/**
 * The data model at presence level without person or device extensions.
 *
 * @category extensions
 * @since 0.1.0
 */
export const presence: Ext.Extension<PresenceExt, 'pidf:presence'> = /*#__PURE__*/ presenceWith({})

/**
 * The data model in `<tuple>`: the `<dm:deviceID>` elements of the devices the service runs on (RFC 4479 §3.3, §4.2).
 *
 * @category extensions
 * @since 0.1.0
 */
export const tuple: Ext.Extension<TupleExt, 'pidf:tuple'> = /*#__PURE__*/ Ext.fromFields(
  'pidf:tuple',
  { deviceIDs: C.children(el('deviceID'), V.preserving(V.anyURI)) },
  { name: 'the data model' }
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * What a person is built from: everything optional but the extension fields its type needs.
 *
 * @category constructors
 * @since 0.1.0
 */
export type PersonInput<X> = {
  readonly id?: string
  readonly other?: ReadonlyArray<Xml.Element>
  readonly note?: string | Note | ReadonlyArray<string | Note>
  readonly timestamp?: string | Date
} & Pidf.ExtInput<'ext', X>

/**
 * What a device is built from.
 *
 * @category constructors
 * @since 0.1.0
 */
export type DeviceInput<X> = PersonInput<X> & { readonly deviceID: string }

const common = (i: Readonly<Record<string, unknown>>, prefix: string) => {
  const timestamp = V.dateTimeOf(i.timestamp)
  return {
    id: typeof i.id === 'string' ? i.id : Pidf.freshId(prefix),
    ext: Pidf.inputOf(i.ext),
    other: Array.isArray(i.other) ? (i.other as Array<unknown>).filter(C.isElement) : [],
    notes: Pidf.notesOf(i.note),
    timestamp
  }
}

/**
 * A person, with a fresh id when none is given: `person({ ext: { activities: ... }, note: 'In a meeting' })`.
 *
 * @category constructors
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const person = <X = {}>(...args: {} extends PersonInput<X> ? [input?: PersonInput<X>] : [input: PersonInput<X>]): Person<X> => {
  const { id, ext, other, notes, timestamp } = common(Pidf.inputOf(args[0]), 'p')
  return { id, ext: ext as X, other, notes, ...(timestamp === undefined ? {} : { timestamp }) }
}

/**
 * A device, with a fresh id when none is given: `device({ deviceID: 'urn:uuid:…' })`.
 *
 * @category constructors
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const device = <X = {}>(input: DeviceInput<X>): Device<X> => {
  const i = Pidf.inputOf(input)
  const { id, ext, other, notes, timestamp } = common(i, 'd')
  return {
    id,
    ext: ext as X,
    other,
    deviceID: typeof i.deviceID === 'string' ? i.deviceID : '',
    notes,
    ...(timestamp === undefined ? {} : { timestamp })
  }
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

const persons = <D extends AnyPresence>(): L.Lens<D, ReadonlyArray<PersonOf<D>>> =>
  pipe(L.id<AnyPresence>(), L.prop('ext'), L.prop('persons')) as unknown as L.Lens<D, ReadonlyArray<PersonOf<D>>>

const devices = <D extends AnyPresence>(): L.Lens<D, ReadonlyArray<DeviceOf<D>>> =>
  pipe(L.id<AnyPresence>(), L.prop('ext'), L.prop('devices')) as unknown as L.Lens<D, ReadonlyArray<DeviceOf<D>>>

type Fits<A, B> = [A] extends [B] ? unknown : never

/**
 * A person of a presence document of any composition: reading gives that document's person type, writing gives back
 * the document's own type. It is an `Optional` of every presence type with the data model.
 *
 * @category optics
 * @since 0.2.0
 */
export interface PersonOptional {
  readonly getOption: <D extends AnyPresence>(d: D) => O.Option<PersonOf<D>>
  readonly set: <U extends Person<unknown>>(p: U) => <D extends AnyPresence>(d: D & Fits<U, PersonOf<D>>) => D
}

/**
 * A device of a presence document of any composition (see {@link PersonOptional}).
 *
 * @category optics
 * @since 0.2.0
 */
export interface DeviceOptional {
  readonly getOption: <D extends AnyPresence>(d: D) => O.Option<DeviceOf<D>>
  readonly set: <U extends Device<unknown>>(p: U) => <D extends AnyPresence>(d: D & Fits<U, DeviceOf<D>>) => D
}

/**
 * The person with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.1.0
 */
export const personById = (id: string): PersonOptional =>
  pipe(persons<AnyPresence>(), L.composeOptional(Optics.byKey<Person<unknown>, 'id'>('id', id))) as unknown as PersonOptional

/**
 * The device with this id (the XML id). Writing it back keeps the id.
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceById = (id: string): DeviceOptional =>
  pipe(devices<AnyPresence>(), L.composeOptional(Optics.byKey<Device<unknown>, 'id'>('id', id))) as unknown as DeviceOptional

/**
 * The first device with this `<dm:deviceID>` (the device's URN). Writing it back keeps the deviceID.
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceByDeviceID = (deviceID: string): DeviceOptional =>
  pipe(
    devices<AnyPresence>(),
    L.composeOptional(Optics.byKey<Device<unknown>, 'deviceID'>('deviceID', deviceID))
  ) as unknown as DeviceOptional

/**
 * Every note with its language, at every level: presence, tuples, persons, devices (in that order, each in
 * document order).
 *
 * @category optics
 * @since 0.1.0
 */
export const everyNote = <D extends AnyPresence>(): T.Traversal<D, Note> =>
  Pidf.partsOf<D, Note>(
    (d) => [d, ...d.tuples, ...d.ext.persons, ...d.ext.devices].flatMap((h) => h.notes),
    (d, ns) => {
      const from = { i: 0 }
      const [top] = Pidf.refillNotes([d], ns, from)
      const tuples = Pidf.refillNotes(d.tuples, ns, from)
      const persons = Pidf.refillNotes(d.ext.persons, ns, from)
      const devices = Pidf.refillNotes(d.ext.devices, ns, from)
      if (top === d && tuples === d.tuples && persons === d.ext.persons && devices === d.ext.devices) return d
      return { ...top, tuples, ext: { ...d.ext, persons, devices } }
    }
  )

/**
 * The device IDs of a tuple (the data model's tuple extension field).
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceIDs = <U extends Pidf.Tuple<TupleExt, unknown>>(): L.Lens<U, ReadonlyArray<string>> =>
  pipe(L.id<Pidf.Tuple<TupleExt, unknown>>(), L.prop('ext'), L.prop('deviceIDs')) as unknown as L.Lens<
    U,
    ReadonlyArray<string>
  >
