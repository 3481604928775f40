/**
 * Arbitraries of PIDF (RFC 3863), generic in the extensions plugged into each point, and the law registration of the
 * full `pidf` format (PIDF with the data model and every presence extension, see `src/formats/Presence.ts`).
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as Pidf from '../../src/formats/Pidf.js'
import * as DataModel from '../../src/formats/DataModel.js'
import * as Rpid from '../../src/formats/Rpid.js'
import * as Cipid from '../../src/formats/Cipid.js'
import * as Caps from '../../src/formats/Caps.js'
import * as AgpPidf from '../../src/formats/AgpPidf.js'
import * as CivicAddress from '../../src/formats/CivicAddress.js'
import * as PidfLo from '../../src/formats/PidfLo.js'
import * as _ from '../../src/formats/Presence.js'
import * as A from '../Arbitrary.js'
import { lens, optional, traversal } from '../Optic.js'
import { selector } from '../Selector.js'
import type * as Op from '#monocle-ts/Optional'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import type { ExtensionLaws, FormatLaws } from '../Registration.js'
import * as DM from './DataModel.js'
import * as RpidA from './Rpid.js'
import * as CipidA from './Cipid.js'
import * as CapsA from './Caps.js'
import * as AgpPidfA from './AgpPidf.js'
import * as PidfLoA from './PidfLo.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/**
 * A note: any text, kept exactly, with a language or none.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Note: fc.Arbitrary<Pidf.Note> = A.record({ lang: A.language, value: A.xmlText(20) }, ['lang'])

/**
 * A contact: a URI with a qvalue priority or none.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Contact: fc.Arbitrary<Pidf.Contact> = A.record({ priority: A.decimal(0, 1), uri: A.anyURI }, ['priority'])

/**
 * A basic status.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Basic: fc.Arbitrary<Pidf.Basic> = A.literal(Pidf.basicValue)

/**
 * A status with the given extension fields (`<basic>` may be absent).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const statusWith = <S>(ext: fc.Arbitrary<S>): fc.Arbitrary<Pidf.Status<S>> =>
  A.record({ basic: Basic, ext, other: A.foreignElements() }, ['basic']) as fc.Arbitrary<Pidf.Status<S>>

/**
 * A status without extensions.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Status: fc.Arbitrary<Pidf.Status> = statusWith(fc.constant({}))

/**
 * A tuple with the given tuple and status extension fields.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const tupleWith = <T, S>(ext: fc.Arbitrary<T>, status: fc.Arbitrary<S>): fc.Arbitrary<Pidf.Tuple<T, S>> =>
  A.record(
    {
      id: A.xmlId,
      status: statusWith(status),
      ext,
      other: A.foreignElements(),
      contact: Contact,
      notes: fc.array(Note, { maxLength: 2 }),
      timestamp: A.dateTime
    },
    ['contact', 'timestamp']
  ) as fc.Arbitrary<Pidf.Tuple<T, S>>

/**
 * A tuple without extensions.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Tuple: fc.Arbitrary<Pidf.Tuple> = tupleWith(fc.constant({}), fc.constant({}))

const fixId = (seen: Set<string>, id: string): string => {
  if (!seen.has(id)) {
    seen.add(id)
    return id
  }
  let n = 2
  while (seen.has(`${id}-${n}`)) n++
  seen.add(`${id}-${n}`)
  return `${id}-${n}`
}

const withId = <H extends { readonly id: string }>(seen: Set<string>) => (h: H): H => {
  const id = fixId(seen, h.id)
  return id === h.id ? h : { ...h, id }
}

/**
 * Makes every `xs:ID` of a document unique (tuples, then persons and devices when the data model is there), as the
 * schema requires: a repeated id gets a `-2`, `-3`... suffix.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const uniqueIds = <D extends Pidf.AnyPresence>(d: D): D => {
  const seen = new Set<string>()
  const tuples = d.tuples.map(withId(seen))
  const ext = d.ext as { readonly persons?: ReadonlyArray<DataModel.Person<unknown>>; readonly devices?: ReadonlyArray<DataModel.Device<unknown>> }
  if (Array.isArray(ext.persons) && Array.isArray(ext.devices))
    return { ...d, tuples, ext: { ...ext, persons: ext.persons.map(withId(seen)), devices: ext.devices.map(withId(seen)) } }
  return { ...d, tuples }
}

/**
 * A presence document with the given extension fields at each point, with unique ids.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const presenceWith = <P, T, S>(exts: {
  readonly presence: fc.Arbitrary<P>
  readonly tuple: fc.Arbitrary<T>
  readonly status: fc.Arbitrary<S>
}): fc.Arbitrary<Pidf.Presence<P, T, S>> =>
  fc
    .record({
      entity: A.anyURI,
      tuples: fc.array(tupleWith(exts.tuple, exts.status), { maxLength: 3 }),
      notes: fc.array(Note, { maxLength: 2 }),
      ext: exts.presence,
      other: A.foreignElements()
    })
    .map(uniqueIds)

/**
 * A plain PIDF document (extension elements in `other`).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Presence: fc.Arbitrary<Pidf.Presence> = presenceWith({
  presence: fc.constant({}),
  tuple: fc.constant({}),
  status: fc.constant({})
})

// -------------------------------------------------------------------------------------
// the full format
// -------------------------------------------------------------------------------------

/**
 * The extension fields of each point in the full format, every known extension combined.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const extensions: {
  readonly person: fc.Arbitrary<_.PersonExt>
  readonly device: fc.Arbitrary<_.DeviceExt>
  readonly tuple: fc.Arbitrary<_.TupleExt>
  readonly status: fc.Arbitrary<_.StatusExt>
} = {
  person: fc.tuple(RpidA.person, CipidA.person, PidfLoA.person).map(([a, b, c]) => ({ ...a, ...b, ...c })),
  device: fc.tuple(RpidA.device, CapsA.device, PidfLoA.device).map(([a, b, c]) => ({ ...a, ...b, ...c })),
  tuple: fc
    .tuple(DM.tuple, RpidA.tuple, CipidA.tuple, CapsA.tuple, AgpPidfA.tuple)
    .map(([a, b, c, d, e]) => ({ ...a, ...b, ...c, ...d, ...e })),
  status: fc.tuple(AgpPidfA.status, PidfLoA.status).map(([a, b]) => ({ ...a, ...b }))
}

/**
 * A person of the full format.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const FullPerson: fc.Arbitrary<_.Person> = DM.personWith(extensions.person)

/**
 * A device of the full format.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const FullDevice: fc.Arbitrary<_.Device> = DM.deviceWith(extensions.device)

/**
 * A tuple of the full format.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const FullTuple: fc.Arbitrary<_.Tuple> = tupleWith(extensions.tuple, extensions.status)

/**
 * A document of the full format.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const FullPresence: fc.Arbitrary<_.Presence> = presenceWith({
  presence: DM.presenceWith({ person: extensions.person, device: extensions.device }),
  tuple: extensions.tuple,
  status: extensions.status
}).map(A.uniqueIds(_.Presence))

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

/**
 * New values for a keyed optic's focus: generated elements with the key written in, and every other `xs:ID` in them
 * made unique against the document they go into (as a valid document needs). Renaming may pick the document's copy of
 * a clashing id rather than the new element's (a `gml:id` of another device): such values are left out, so that every
 * value given clashes with nothing in the document.
 */
const keyed =
  <H>(arb: fc.Arbitrary<H>, optic: (k: string) => Op.Optional<_.Presence, H>, key: (h: H, k: string) => H) =>
  (k: string, d: _.Presence): fc.Arbitrary<H> =>
    arb
      .map((h) => {
        const a = key(h, k)
        const placed = A.uniqueIds(_.Presence)(optic(k).set(a)(d))
        const back = optic(k).getOption(placed)
        return back._tag === 'Some' ? back.value : a
      })
      .filter((h) => {
        const placed = optic(k).set(h)(d)
        return A.uniqueIds(_.Presence)(placed) === placed
      })
const keyWritten = <H extends { readonly id: string }>(h: H, id: string): H => ({ ...h, id })
/** New values for a focus that may carry ids of its own (`gml:id`s of location objects): those that clash with none. */
const unclashing =
  <H>(arb: fc.Arbitrary<H>, optic: (k: string) => Op.Optional<_.Presence, H>) =>
  (k: string, d: _.Presence): fc.Arbitrary<H> =>
    arb.filter((h) => {
      const placed = optic(k).set(h)(d)
      return A.uniqueIds(_.Presence)(placed) === placed
    })

/** New location objects for a host of a document: none, or generated ones with their `gml:id`s left out. */
const geopriv = (): fc.Arbitrary<ReadonlyNonEmptyArray<PidfLo.Geopriv> | undefined> =>
  fc.option(
    fc.array(PidfLoA.Geopriv.map(withoutGmlIds), { minLength: 1, maxLength: 2 }) as unknown as fc.Arbitrary<ReadonlyNonEmptyArray<PidfLo.Geopriv>>,
    { nil: undefined }
  )

const withoutGmlIds = (g: PidfLo.Geopriv): PidfLo.Geopriv => ({
  ...g,
  locationInfo: {
    ...g.locationInfo,
    locations: g.locationInfo.locations.map((l): PidfLo.Location => {
      if (l._tag === 'Point') {
        const { id: _i, ...point } = l.point // eslint-disable-line @typescript-eslint/no-unused-vars
        return { _tag: 'Point', point }
      }
      if (l._tag === 'Circle') {
        const { id: _i, ...circle } = l.circle // eslint-disable-line @typescript-eslint/no-unused-vars
        return { _tag: 'Circle', circle }
      }
      return l
    })
  }
})

const extensionLaws: ReadonlyArray<ExtensionLaws> = [
  {
    name: 'pidf:tuple',
    host: (ext) => Pidf.tupleWith(ext, _.extensions.status) as never,
    extensions: [DataModel.tuple, Rpid.tuple, Cipid.tuple, Caps.tuple, AgpPidf.tuple],
    elements: FullTuple.map((t) => _.Tuple.encode(t))
  },
  {
    name: 'pidf:status',
    host: (ext) => Pidf.statusWith(ext) as never,
    extensions: [AgpPidf.status, PidfLo.status],
    elements: FullTuple.map((t) => Pidf.statusWith(_.extensions.status).encode(t.status))
  },
  {
    name: 'dm:person',
    host: (ext) => DataModel.personWith(ext) as never,
    extensions: [Rpid.person, Cipid.person, PidfLo.person],
    elements: FullPerson.map((p) => _.Person.encode(p))
  },
  {
    name: 'dm:device',
    host: (ext) => DataModel.deviceWith(ext) as never,
    extensions: [Rpid.device, Caps.device, PidfLo.device],
    elements: FullDevice.map((d) => _.Device.encode(d))
  },
  {
    name: 'pidf:presence',
    host: (ext) => Pidf.presenceWith({ presence: ext, tuple: _.extensions.tuple, status: _.extensions.status }) as never,
    extensions: [DataModel.presenceWith({ person: _.extensions.person, device: _.extensions.device })],
    elements: FullPresence.map((d) => _.Presence.encode(d))
  }
]

/**
 * The registration of the full `pidf` format with every law suite.
 *
 * @category registration
 * @since 0.1.0
 */
export const registration: FormatLaws<_.Presence> = {
  format: 'pidf',
  spec: 'RFC 3863, RFC 4479, RFC 4480, RFC 4482, RFC 5196, RFC 4119, RFC 5139, RFC 5491',
  codec: _.document,
  arbitrary: FullPresence,
  schemas: ['pidf.xsd', 'data-model.xsd', 'rpid.xsd', 'cipid.xsd', 'caps.xsd'],
  scale: (n) =>
    _.presence({
      entity: 'pres:alice@example.com',
      tuples: Array.from({ length: n }, (_x, i) =>
        _.tuple({ id: `t${i}`, basic: i % 2 === 0 ? 'open' : 'closed', contact: `sip:alice@192.0.2.${i % 250}`, note: `device ${i}`, ext: { class: 'work' } })
      ),
      persons: [_.person({ id: 'p', ext: { activities: [Rpid.activities('on-the-phone')] } })]
    }),
  constructors: {
    tuple: _.tuple,
    person: _.person,
    device: _.device,
    presence: _.presence,
    compose: _.compose,
    'Pidf.freshId': Pidf.freshId,
    'Pidf.note': Pidf.note,
    'Pidf.tuple': Pidf.tuple,
    'Pidf.presence': Pidf.presence,
    'DataModel.person': DataModel.person,
    'DataModel.device': DataModel.device,
    'Rpid.note': Rpid.note,
    'Rpid.other': Rpid.other,
    'Rpid.activities': Rpid.activities,
    'Rpid.mood': Rpid.mood,
    'Rpid.userInput': Rpid.userInput,
    'Rpid.timeOffset': Rpid.timeOffset,
    'Rpid.statusIcon': Rpid.statusIcon,
    'Rpid.placeIs': Rpid.placeIs,
    'Rpid.sphere': Rpid.sphere,
    'Rpid.privacy': Rpid.privacy,
    'Rpid.relationship': Rpid.relationship,
    'Rpid.serviceClass': Rpid.serviceClass,
    'Rpid.activityValues': Rpid.activityValues,
    'Cipid.card': Cipid.card,
    'Cipid.displayName': Cipid.displayName,
    'Cipid.homepage': Cipid.homepage,
    'Cipid.icon': Cipid.icon,
    'Cipid.map': Cipid.map,
    'Cipid.sound': Cipid.sound,
    'Caps.features': Caps.features,
    'Caps.featureNames': Caps.featureNames,
    'Caps.supportsMethod': Caps.supportsMethod,
    'AgpPidf.deviceInfo': AgpPidf.deviceInfo,
    'AgpPidf.offsetMinutes': AgpPidf.offsetMinutes,
    'PidfLo.point': PidfLo.point,
    'PidfLo.circle': PidfLo.circle,
    'PidfLo.usageRules': PidfLo.usageRules,
    'PidfLo.geopriv': PidfLo.geopriv,
    'PidfLo.coordinatesOf': PidfLo.coordinatesOf,
    'PidfLo.radiusOf': PidfLo.radiusOf,
    'PidfLo.isRetransmissionAllowed': PidfLo.isRetransmissionAllowed,
    'PidfLo.retentionExpiryOf': PidfLo.retentionExpiryOf,
    'PidfLo.locationObjects': PidfLo.locationObjects,
    'PidfLo.preferredLocation': PidfLo.preferredLocation,
    'CivicAddress.civicAddress': CivicAddress.civicAddress,
    'CivicAddress.valueOf': CivicAddress.valueOf
  },
  namespaces: [
    Pidf.NS,
    DataModel.NS,
    Rpid.NS,
    Cipid.NS,
    Caps.NS,
    AgpPidf.NS,
    PidfLo.NS,
    PidfLo.BASIC_POLICY_NS,
    PidfLo.GML_NS,
    PidfLo.GEOSHAPE_NS,
    CivicAddress.NS
  ],
  selectors: [
    selector('tupleSelector', { keys: (d) => d.tuples.map((t) => t.id), target: (id, d) => _.tupleSelector(d, id), optic: _.tupleById, focus: _.Tuple }),
    selector('personSelector', { keys: (d) => d.ext.persons.map((p) => p.id), target: (id, d) => _.personSelector(d, id), optic: _.personById, focus: _.Person }),
    selector('deviceSelector', { keys: (d) => d.ext.devices.map((x) => x.id), target: (id, d) => _.deviceSelector(d, id), optic: _.deviceById, focus: _.Device })
  ],
  optics: [
    optional('tupleById', _.tupleById, {
      keys: (d) => d.tuples.map((t) => t.id),
      absent: A.xmlId,
      focus: keyed(FullTuple, _.tupleById, keyWritten)
    }),
    optional('basicById', _.basicById, {
      keys: (d) => d.tuples.map((t) => t.id),
      absent: A.xmlId,
      focus: () => fc.constantFrom<Pidf.Basic | undefined>('open', 'closed', undefined)
    }),
    optional('personById', _.personById, {
      keys: (d) => d.ext.persons.map((p) => p.id),
      absent: A.xmlId,
      focus: keyed(FullPerson, _.personById, keyWritten)
    }),
    optional('deviceById', _.deviceById, {
      keys: (d) => d.ext.devices.map((p) => p.id),
      absent: A.xmlId,
      focus: keyed(FullDevice, _.deviceById, keyWritten)
    }),
    optional('deviceByDeviceID', _.deviceByDeviceID, {
      keys: (d) => d.ext.devices.map((p) => p.deviceID),
      absent: A.anyURI,
      focus: keyed(FullDevice, _.deviceByDeviceID, (v, deviceID) => ({ ...v, deviceID }))
    }),
    traversal('everyNote', _.everyNote, Note),
    optional('tupleExtById', _.tupleExtById, {
      keys: (d) => d.tuples.map((t) => t.id),
      absent: A.xmlId,
      focus: unclashing(extensions.tuple, _.tupleExtById)
    }),
    optional('personExtById', _.personExtById, {
      keys: (d) => d.ext.persons.map((p) => p.id),
      absent: A.xmlId,
      focus: unclashing(extensions.person, _.personExtById)
    }),
    optional('deviceExtById', _.deviceExtById, {
      keys: (d) => d.ext.devices.map((p) => p.id),
      absent: A.xmlId,
      focus: unclashing(extensions.device, _.deviceExtById)
    }),
    optional('personActivities', _.personActivities, {
      keys: (d) => d.ext.persons.map((p) => p.id),
      absent: A.xmlId,
      focus: () => fc.option(fc.array(RpidA.Activities, { minLength: 1, maxLength: 2 }), { nil: undefined }) as never
    }),
    optional('personMood', _.personMood, {
      keys: (d) => d.ext.persons.map((p) => p.id),
      absent: A.xmlId,
      focus: () => fc.option(fc.array(RpidA.Mood, { minLength: 1, maxLength: 2 }), { nil: undefined }) as never
    }),
    optional('tupleGeopriv', _.tupleGeopriv, {
      keys: (d) => d.tuples.map((t) => t.id),
      absent: A.xmlId,
      focus: geopriv
    }),
    optional('personGeopriv', _.personGeopriv, {
      keys: (d) => d.ext.persons.map((p) => p.id),
      absent: A.xmlId,
      focus: geopriv
    }),
    optional('deviceGeopriv', _.deviceGeopriv, {
      keys: (d) => d.ext.devices.map((p) => p.id),
      absent: A.xmlId,
      focus: geopriv
    }),
    lens('presence ext', Pidf.ext<_.Presence>(), (d: _.Presence) =>
      DM.presenceWith({ person: extensions.person, device: extensions.device }).map((ext) => A.uniqueIds(_.Presence)({ ...d, ext }).ext)
    )
  ],
  extensions: extensionLaws
}
