/**
 * The full `pidf` format: PIDF (RFC 3863) with the presence data model (RFC 4479) and the presence extensions this
 * library knows (RPID, CIPID, capabilities, AG Projects' extensions and PIDF-LO location objects), combined at every
 * extension point. Content type `application/pidf+xml`, namespace
 * `urn:ietf:params:xml:ns:pidf`. This is the codec the format registry and the CLI use for `pidf`; build a narrower
 * one with `Pidf.presenceWith` when an application needs fewer extensions.
 *
 * Also here: constructors for building one's own presence (e.g. for PUBLISH) with valid, unique `xs:ID`s, and
 * `compose`, which merges several documents of one presentity into one view (RFC 4479 §3.4).
 *
 * @since 0.1.0
 */
import { pipe } from '#fp-ts/function'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import type * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as Doc from '../codec/Document.js'
import * as Ext from '../codec/Extension.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import * as Selector from '../xcap/Selector.js'
import type { XmlCodec } from '../codec/Element.js'
import * as AgpPidf from './AgpPidf.js'
import * as Caps from './Caps.js'
import * as Cipid from './Cipid.js'
import * as DataModel from './DataModel.js'
import * as Pidf from './Pidf.js'
import * as PidfLo from './PidfLo.js'
import * as Rpid from './Rpid.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The extension fields of a `<dm:person>` in the full format: RPID, CIPID and PIDF-LO location objects.
 *
 * @category model
 * @since 0.1.0
 */
export interface PersonExt extends Rpid.PersonExt, Cipid.PersonExt, PidfLo.PersonExt {}

/**
 * The extension fields of a `<dm:device>` in the full format: RPID, device capabilities and PIDF-LO location objects.
 *
 * @category model
 * @since 0.1.0
 */
export interface DeviceExt extends Rpid.DeviceExt, Caps.DeviceExt, PidfLo.DeviceExt {}

/**
 * The extension fields of a `<tuple>` in the full format: the data model's device IDs, RPID, CIPID, service
 * capabilities and AG Projects' device-info.
 *
 * @category model
 * @since 0.1.0
 */
export interface TupleExt extends DataModel.TupleExt, Rpid.TupleExt, Cipid.TupleExt, Caps.TupleExt, AgpPidf.TupleExt {}

/**
 * The extension fields of a `<status>` in the full format: AG Projects' extended status and PIDF-LO location objects.
 *
 * @category model
 * @since 0.1.0
 */
export interface StatusExt extends AgpPidf.StatusExt, PidfLo.StatusExt {}

/**
 * A person of the full format.
 *
 * @category model
 * @since 0.1.0
 */
export type Person = DataModel.Person<PersonExt>

/**
 * A device of the full format.
 *
 * @category model
 * @since 0.1.0
 */
export type Device = DataModel.Device<DeviceExt>

/**
 * A tuple of the full format.
 *
 * @category model
 * @since 0.1.0
 */
export type Tuple = Pidf.Tuple<TupleExt, StatusExt>

/**
 * What the full format adds to `<presence>`: the data model's persons and devices.
 *
 * @category model
 * @since 0.1.0
 */
export type PresenceExt = DataModel.PresenceExt<PersonExt, DeviceExt>

/**
 * A presence document of the full format.
 *
 * @category model
 * @since 0.1.0
 */
export type Presence = Pidf.Presence<PresenceExt, TupleExt, StatusExt>

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

const personX: Ext.Extension<PersonExt, 'dm:person'> = /*#__PURE__*/ Ext.concat(Rpid.person, Cipid.person, PidfLo.person)
const deviceX: Ext.Extension<DeviceExt, 'dm:device'> = /*#__PURE__*/ Ext.concat(Rpid.device, Caps.device, PidfLo.device)
const tupleX: Ext.Extension<TupleExt, 'pidf:tuple'> = /*#__PURE__*/ Ext.concat(
  DataModel.tuple,
  Rpid.tuple,
  Cipid.tuple,
  Caps.tuple,
  AgpPidf.tuple
)
const statusX: Ext.Extension<StatusExt, 'pidf:status'> = /*#__PURE__*/ Ext.concat(AgpPidf.status, PidfLo.status)
const presenceX: Ext.Extension<PresenceExt, 'pidf:presence'> = /*#__PURE__*/ DataModel.presenceWith({ person: personX, device: deviceX })

/**
 * The extensions of the full format at each point, every known extension combined (for building hosts, e.g.
 * `Pidf.tupleWith(extensions.tuple)`).
 *
 * @category extensions
 * @since 0.1.0
 */
export const extensions: {
  readonly presence: Ext.Extension<PresenceExt, 'pidf:presence'>
  readonly tuple: Ext.Extension<TupleExt, 'pidf:tuple'>
  readonly status: Ext.Extension<StatusExt, 'pidf:status'>
  readonly person: Ext.Extension<PersonExt, 'dm:person'>
  readonly device: Ext.Extension<DeviceExt, 'dm:device'>
} = { presence: presenceX, tuple: tupleX, status: statusX, person: personX, device: deviceX }

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<status>` codec of the full format (RFC 3863 §4.1.3 with AG Projects' extended status and RFC 4119's
 * `<gp:geopriv>`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Status: XmlCodec<Pidf.Status<StatusExt>> = /*#__PURE__*/ Pidf.statusWith(statusX)

/**
 * The `<presence>` codec of the full format (RFC 3863 §4.1 with RFC 4479 §4 and the extensions).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Presence: XmlCodec<Presence> = /*#__PURE__*/ Pidf.presenceWith({ presence: presenceX, tuple: tupleX, status: statusX })

/**
 * The `<tuple>` codec of the full format.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Tuple: XmlCodec<Tuple> = /*#__PURE__*/ Pidf.tupleWith(tupleX, statusX)

/**
 * The `<dm:person>` codec of the full format.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Person: XmlCodec<Person> = /*#__PURE__*/ DataModel.personWith(personX)

/**
 * The `<dm:device>` codec of the full format.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Device: XmlCodec<Device> = /*#__PURE__*/ DataModel.deviceWith(deviceX)

/**
 * The document codec of the full format: format id `pidf`, content type `application/pidf+xml`.
 *
 * @example
 * import { document } from 'sip-simple-payloads/Presence'
 * const r = document.decode('<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:a@example.com"/>')
 *
 * @category codecs
 * @since 0.1.0
 */
export const document: Doc.XcapDocumentCodec<Presence> = /*#__PURE__*/ Pidf.documentWith(
  Presence,
  'PIDF with the data model, RPID, CIPID, capabilities, AG Projects extensions and PIDF-LO (RFC 3863, 4479, 4480, 4482, 5196, 4119)'
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A tuple of any PIDF composition, completed to the full format: missing extension fields get their absent values. */
const completeTuple = (t: Pidf.Tuple<Partial<TupleExt>, Partial<StatusExt>>): Tuple => ({
  ...t,
  status: { ...t.status, ext: Ext.fill(statusX, t.status?.ext) },
  ext: Ext.fill(tupleX, t.ext)
})

/**
 * A tuple of the full format, with a fresh id when none is given and the extension fields given in `ext` (the rest
 * get their absent values): `tuple({ basic: 'open', contact: 'sip:alice@example.com', note: 'at my desk' })`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const tuple = (input: Pidf.TupleInput<Partial<TupleExt>, Partial<StatusExt>> = {}): Tuple =>
  completeTuple(Pidf.tuple<Partial<TupleExt>, Partial<StatusExt>>(input))

/**
 * A person of the full format, with a fresh id when none is given.
 *
 * @category constructors
 * @since 0.1.0
 */
export const person = (input: DataModel.PersonInput<Partial<PersonExt>> = {}): Person => {
  const p = DataModel.person<Partial<PersonExt>>(input)
  return { ...p, ext: Ext.fill(personX, p.ext) }
}

/**
 * A device of the full format, with a fresh id when none is given.
 *
 * @category constructors
 * @since 0.1.0
 */
export const device = (input: DataModel.DeviceInput<Partial<DeviceExt>>): Device => {
  const d = DataModel.device<Partial<DeviceExt>>(input)
  return { ...d, ext: Ext.fill(deviceX, d.ext) }
}

const uniqueIds = <H extends { readonly id: string }>(seen: Set<string>, hs: ReadonlyArray<H>, prefix: string): ReadonlyArray<H> => {
  let changed = false
  const out = hs.map((h) => {
    if (!seen.has(h.id)) {
      seen.add(h.id)
      return h
    }
    let id = Pidf.freshId(prefix)
    while (seen.has(id)) id = Pidf.freshId(prefix)
    seen.add(id)
    changed = true
    return { ...h, id }
  })
  return changed ? out : hs
}

const isHost = (u: unknown): u is { readonly id: string } =>
  typeof u === 'object' && u !== null && typeof (u as { id?: unknown }).id === 'string'
const hostsOf = <H>(u: unknown): ReadonlyArray<H> => (Array.isArray(u) ? (u.filter(isHost) as unknown as ReadonlyArray<H>) : [])

/**
 * A presence document of the full format, for PUBLISH: tuples, persons and devices built with `tuple`, `person` and
 * `device`, or with the constructors of any narrower composition (`Pidf.tuple`, `DataModel.person`): extension fields
 * they lack get their absent values. Every `xs:ID` in a document must be unique: an id that repeats one before it
 * (among tuples, persons and devices) is replaced by a fresh one.
 *
 * @example
 * import { presence, tuple, person, document } from 'sip-simple-payloads/Presence'
 * document.encode(presence({ entity: 'pres:alice@example.com', tuples: [tuple({ basic: 'open' })] }))
 *
 * @category constructors
 * @since 0.1.0
 */
export const presence = (input: {
  readonly entity: string
  readonly tuples?: ReadonlyArray<Pidf.Tuple<Partial<TupleExt>, Partial<StatusExt>>>
  readonly persons?: ReadonlyArray<DataModel.Person<Partial<PersonExt>>>
  readonly devices?: ReadonlyArray<DataModel.Device<Partial<DeviceExt>>>
  readonly note?: string | Pidf.Note | ReadonlyArray<string | Pidf.Note>
  readonly other?: ReadonlyArray<Xml.Element>
}): Presence => {
  const i = Pidf.inputOf(input)
  const seen = new Set<string>()
  const tuples = uniqueIds(seen, hostsOf<Pidf.Tuple<Partial<TupleExt>, Partial<StatusExt>>>(i.tuples).map(completeTuple), 't')
  const persons = uniqueIds(
    seen,
    hostsOf<DataModel.Person<Partial<PersonExt>>>(i.persons).map((p): Person => ({ ...p, ext: Ext.fill(personX, p.ext) })),
    'p'
  )
  const devices = uniqueIds(
    seen,
    hostsOf<DataModel.Device<Partial<DeviceExt>>>(i.devices).map((d): Device => ({ ...d, ext: Ext.fill(deviceX, d.ext) })),
    'd'
  )
  return Pidf.presence<PresenceExt, TupleExt, StatusExt>({
    entity: typeof i.entity === 'string' ? i.entity : '',
    tuples,
    ...(i.note === undefined ? {} : { note: i.note as string }),
    ext: { persons, devices },
    ...(Array.isArray(i.other) ? { other: i.other as ReadonlyArray<Xml.Element> } : {})
  })
}

// -------------------------------------------------------------------------------------
// composition
// -------------------------------------------------------------------------------------

const newer = (a: { readonly timestamp?: string }, b: { readonly timestamp?: string }): boolean => {
  // whether b replaces a: b is at least as new as a (later inputs win ties)
  if (b.timestamp === undefined) return a.timestamp === undefined
  if (a.timestamp === undefined) return true
  return V.compareDateTime(b.timestamp, a.timestamp) >= 0
}

const mergeById = <H extends { readonly id: string; readonly timestamp?: string }>(
  lists: ReadonlyArray<ReadonlyArray<H>>
): ReadonlyArray<H> => {
  const byId = new Map<string, H>()
  for (const list of lists)
    for (const h of list) {
      if (!Read.isRecord(h)) continue
      const cur = byId.get(h.id)
      if (cur === undefined || newer(cur, h)) byId.set(h.id, h)
    }
  return [...byId.values()]
}

const noteKey = (n: Pidf.Note): string => `${n.lang ?? ''}\u0000${n.value}`

const isPresenceLike = (u: unknown): u is DataModel.AnyPresence => {
  const r = Read.record(u)
  const ext = Read.record(r.ext)
  return Array.isArray(r.tuples) && Array.isArray(r.notes) && Array.isArray(r.other) && Array.isArray(ext.persons) && Array.isArray(ext.devices)
}

/**
 * Composes several documents of one presentity into one view (RFC 4479 §3.4):
 *
 * - tuples, persons and devices are merged by id; for the same id the one with the newest `timestamp` wins
 *   (compared as instants, offsets and fractions honoured), one without a timestamp loses to one with, and between
 *   equal timestamps (or none on both) the later document in the input wins. Each id keeps the place of its first
 *   appearance;
 * - presence-level notes are the union of all documents' notes (a note with the same language and text is kept once),
 *   in order of first appearance; so are presence-level foreign elements;
 * - the entity, the root's other attributes and other presence-level extension fields come from the last document.
 *
 * Composing a document with itself, or with a document of the same entity that has no tuples, persons, devices,
 * notes or other elements, changes nothing.
 *
 * @category constructors
 * @since 0.1.0
 */
export const compose = <D extends DataModel.AnyPresence = Presence>(input: ReadonlyNonEmptyArray<D>): D => {
  // documents of the wrong shape (from JavaScript) are left out; with none left, the result is an empty document
  const docs = Read.arrayOf(input, isPresenceLike) as ReadonlyArray<D>
  if (docs.length === 0) return presence({ entity: '' }) as unknown as D
  const last = docs[docs.length - 1]
  const tuples = mergeById(docs.map((d) => d.tuples as ReadonlyArray<Pidf.Tuple<unknown, unknown>>))
  const persons = mergeById(docs.map((d) => d.ext.persons as ReadonlyArray<DataModel.Person<unknown>>))
  const devices = mergeById(docs.map((d) => d.ext.devices as ReadonlyArray<DataModel.Device<unknown>>))
  const seenNotes = new Set<string>()
  const notes: Array<Pidf.Note> = []
  for (const d of docs)
    for (const n of d.notes) {
      if (!Read.isRecord(n)) continue
      const k = noteKey(n)
      if (!seenNotes.has(k)) {
        seenNotes.add(k)
        notes.push(n)
      }
    }
  const other: Array<Xml.Element> = []
  for (const d of docs) for (const e of d.other) if (Xml.isTree(e) && !other.some((o) => Xml.equals(o, e))) other.push(e)
  return { ...last, tuples, notes, ext: { ...last.ext, persons, devices }, other } as D
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The tuple with this id.
 *
 * @category optics
 * @since 0.1.0
 */
export const tupleById = (id: string): Op.Optional<Presence, Tuple> => Pidf.tupleById(id)

/**
 * The basic status of the tuple with this id; setting `undefined` removes `<basic>`.
 *
 * @category optics
 * @since 0.1.0
 */
export const basicById = (id: string): Op.Optional<Presence, Pidf.Basic | undefined> => Pidf.basicById(id)

/**
 * The person with this id.
 *
 * @category optics
 * @since 0.1.0
 */
export const personById = (id: string): Op.Optional<Presence, Person> => DataModel.personById(id)

/**
 * The device with this id.
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceById = (id: string): Op.Optional<Presence, Device> => DataModel.deviceById(id)

/**
 * The node selector (RFC 4825 §6.3) of the tuple {@link tupleById} focuses, in a pidf-manipulation document: by id
 * where it is unique, else by position.
 *
 * @category optics
 * @since 0.2.0
 */
export const tupleSelector = (d: Presence, id: string): Selector.Target | undefined =>
  keyedSelector(d.tuples.map((t) => t.id), id, 'tuple', undefined)

/**
 * The node selector of the person {@link personById} focuses (`dm:person`, with `dm` bound in the selector's bindings).
 *
 * @category optics
 * @since 0.2.0
 */
export const personSelector = (d: Presence, id: string): Selector.Target | undefined =>
  keyedSelector(d.ext.persons.map((p) => p.id), id, 'person', 'dm')

/**
 * The node selector of the device {@link deviceById} focuses (`dm:device`, with `dm` bound in the selector's bindings).
 *
 * @category optics
 * @since 0.2.0
 */
export const deviceSelector = (d: Presence, id: string): Selector.Target | undefined =>
  keyedSelector(d.ext.devices.map((x) => x.id), id, 'device', 'dm')

const keyedSelector = (ids: ReadonlyArray<string>, id: string, local: string, prefix: 'dm' | undefined): Selector.Target | undefined => {
  const i = ids.indexOf(id)
  return i === -1
    ? undefined
    : {
        selector: Selector.selector([Selector.step('presence'), Selector.keyed(local, 'id', ids, i, prefix)]),
        bindings: prefix === undefined ? new Map() : new Map([[prefix, DataModel.NS]])
      }
}

/**
 * The first device with this `<dm:deviceID>`.
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceByDeviceID = (deviceID: string): Op.Optional<Presence, Device> =>
  DataModel.deviceByDeviceID(deviceID)

/**
 * Every note with its language, at presence, tuple, person and device level.
 *
 * @category optics
 * @since 0.1.0
 */
export const everyNote: T.Traversal<Presence, Pidf.Note> = /*#__PURE__*/ DataModel.everyNote<Presence>()

/**
 * The device IDs of a tuple.
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceIDs: L.Lens<Tuple, ReadonlyArray<string>> = /*#__PURE__*/ DataModel.deviceIDs<Tuple>()

/**
 * The extension fields of the tuple with this id (RPID, CIPID, capabilities, device IDs, device-info).
 *
 * @category optics
 * @since 0.1.0
 */
export const tupleExtById = (id: string): Op.Optional<Presence, TupleExt> =>
  pipe(tupleById(id), Op.composeLens(Pidf.ext<Tuple>()))

/**
 * The extension fields of the person with this id (RPID and CIPID).
 *
 * @category optics
 * @since 0.1.0
 */
export const personExtById = (id: string): Op.Optional<Presence, PersonExt> =>
  pipe(personById(id), Op.composeLens(Pidf.ext<Person>()))

/**
 * The extension fields of the device with this id (RPID and capabilities).
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceExtById = (id: string): Op.Optional<Presence, DeviceExt> =>
  pipe(deviceById(id), Op.composeLens(Pidf.ext<Device>()))

/**
 * The RPID `<activities>` of the person with this id (absent when none); setting `undefined` removes them.
 *
 * @category optics
 * @since 0.1.0
 */
export const personActivities = (
  id: string
): Op.Optional<Presence, ReadonlyNonEmptyArray<Rpid.Activities> | undefined> =>
  pipe(personById(id), Op.composeLens(pipe(Pidf.ext<Person>(), L.compose(Rpid.activitiesOf as L.Lens<PersonExt, ReadonlyNonEmptyArray<Rpid.Activities> | undefined>))))

/**
 * The RPID `<mood>` of the person with this id (absent when none); setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const personMood = (id: string): Op.Optional<Presence, ReadonlyNonEmptyArray<Rpid.Mood> | undefined> =>
  pipe(personById(id), Op.composeLens(pipe(Pidf.ext<Person>(), L.compose(Rpid.moodOf as L.Lens<PersonExt, ReadonlyNonEmptyArray<Rpid.Mood> | undefined>))))

/**
 * The PIDF-LO location objects (`<gp:geopriv>`) of the device with this id (absent when none); setting `undefined`
 * removes them (RFC 5491 §3).
 *
 * @category optics
 * @since 0.2.0
 */
export const deviceGeopriv = (id: string): Op.Optional<Presence, ReadonlyNonEmptyArray<PidfLo.Geopriv> | undefined> =>
  pipe(deviceById(id), Op.composeLens(pipe(Pidf.ext<Device>(), L.compose(PidfLo.geoprivOf as L.Lens<DeviceExt, ReadonlyNonEmptyArray<PidfLo.Geopriv> | undefined>))))

/**
 * The PIDF-LO location objects of the person with this id (absent when none); setting `undefined` removes them.
 *
 * @category optics
 * @since 0.2.0
 */
export const personGeopriv = (id: string): Op.Optional<Presence, ReadonlyNonEmptyArray<PidfLo.Geopriv> | undefined> =>
  pipe(personById(id), Op.composeLens(pipe(Pidf.ext<Person>(), L.compose(PidfLo.geoprivOf as L.Lens<PersonExt, ReadonlyNonEmptyArray<PidfLo.Geopriv> | undefined>))))

/**
 * The PIDF-LO location objects in the `<status>` of the tuple with this id (absent when none); setting `undefined`
 * removes them (RFC 4119 §2.2).
 *
 * @category optics
 * @since 0.2.0
 */
export const tupleGeopriv = (id: string): Op.Optional<Presence, ReadonlyNonEmptyArray<PidfLo.Geopriv> | undefined> =>
  pipe(
    tupleById(id),
    Op.composeLens(
      L.lens(
        (t: Tuple) => t.status.ext.geopriv,
        (g) => (t) => {
          const ext = PidfLo.geoprivOf.set(g)(t.status.ext) as StatusExt
          return ext === t.status.ext ? t : { ...t, status: { ...t.status, ext } }
        }
      )
    )
  )
