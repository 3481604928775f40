/**
 * Laws of privacy filtering (RFC 5025 §3.3, §4), with the arbitraries they run on: documents of the full `pidf` format
 * (with RPID, CIPID, capabilities, AG Projects' elements, PIDF-LO and foreign elements) and permissions that name what
 * those documents hold (their occurrence ids, classes, contacts, device IDs and unknown attributes), so that filters
 * keep some parts and drop others.
 *
 * - Filtering twice equals filtering once (`F(F(D)) = F(D)`, RFC 5025 §4).
 * - Granting everything (`provide-all-*` with `provide-all-attributes`) is the identity.
 * - The result always decodes, to itself.
 * - Less permission filters further: `p ≤ q` implies `F_p(F_q(D)) = F_p(D)`.
 * - Polite blocking gives a fixed point: one closed service, no person or device.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import * as Xml from '../../src/xml/Ast.js'
import * as AgpPidf from '../../src/formats/AgpPidf.js'
import * as DataModel from '../../src/formats/DataModel.js'
import * as Pidf from '../../src/formats/Pidf.js'
import * as Caps from '../../src/formats/Caps.js'
import * as Cipid from '../../src/formats/Cipid.js'
import * as PidfLo from '../../src/formats/PidfLo.js'
import * as Presence from '../../src/formats/Presence.js'
import type * as PresRules from '../../src/formats/PresRules.js'
import * as Filter from '../../src/policy/Filter.js'
import * as Permissions from '../../src/policy/Permissions.js'
import { Law, LawViolation, expectEqual, type Law as LawT } from '../Law.js'
import { FullPresence } from '../formats/Pidf.js'
import * as PresRulesA from '../formats/PresRules.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/** The names of the attributes pres-rules has no permission for, that documents of the full format may hold. */
const UNKNOWN: ReadonlyArray<Xml.QName> = [
  ...['card', 'display-name', 'homepage', 'icon', 'map', 'sound'].map((local) => ({ ns: Cipid.NS, local })),
  { ns: Caps.NS, local: 'servcaps' },
  { ns: Caps.NS, local: 'devcaps' },
  { ns: AgpPidf.NS, local: 'device-info' },
  { ns: AgpPidf.NS, local: 'extended' },
  { ns: AgpPidf.NS, local: 'type' },
  { ns: PidfLo.NS, local: 'geopriv' }
]

const foreignNames = (d: Presence.Presence): ReadonlyArray<Xml.QName> =>
  [d, ...d.tuples, ...d.tuples.map((t) => t.status), ...d.ext.persons, ...d.ext.devices].flatMap((h) =>
    h.other.map((e) => e.name)
  )

const set = <M>(members: ReadonlyArray<fc.Arbitrary<M>>): fc.Arbitrary<PresRules.Provide<M> | undefined> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant<PresRules.Provide<M>>({ all: true, members: [] }) },
    {
      weight: 3,
      arbitrary:
        members.length === 0
          ? fc.constant({ members: [] })
          : fc.array(fc.oneof(...members), { maxLength: 3 }).map((ms): PresRules.Provide<M> => ({ members: ms }))
    }
  )

const occurrence = (
  ids: ReadonlyArray<string>
): ReadonlyArray<fc.Arbitrary<{ readonly _tag: 'OccurrenceId'; readonly occurrenceId: string }>> =>
  ids.length === 0
    ? []
    : [fc.constantFrom(...ids).map((occurrenceId) => ({ _tag: 'OccurrenceId' as const, occurrenceId }))]

const klass = (
  classes: ReadonlyArray<string | undefined>
): fc.Arbitrary<{ readonly _tag: 'Class'; readonly class: string }> =>
  fc
    .constantFrom(...classes.filter((c): c is string => c !== undefined), 'work', 'home')
    .map((c) => ({ _tag: 'Class' as const, class: c }))

/**
 * Permissions that name the parts of a document: its occurrence ids, classes, contacts and their schemes, device IDs,
 * the unknown attributes it holds, in normal form.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const permissionsFor = (d: Presence.Presence): fc.Arbitrary<Permissions.Permissions> => {
  const contacts = d.tuples.flatMap((t) => (t.contact === undefined ? [] : [t.contact.uri.trim()]))
  const schemes = contacts.flatMap((c) => /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(c)?.[1] ?? [])
  const services = set<PresRules.ServiceMember>([
    ...occurrence(d.tuples.map((t) => t.id)),
    klass(d.tuples.map((t) => t.ext.class)),
    ...(contacts.length === 0
      ? []
      : [fc.constantFrom(...contacts).map((serviceUri) => ({ _tag: 'ServiceUri' as const, serviceUri }))]),
    ...(schemes.length === 0
      ? []
      : [
          fc
            .constantFrom(...schemes)
            .map((serviceUriScheme) => ({ _tag: 'ServiceUriScheme' as const, serviceUriScheme }))
        ])
  ])
  const persons = set<PresRules.PersonMember>([
    ...occurrence(d.ext.persons.map((p) => p.id)),
    klass(d.ext.persons.map((p) => p.ext.class))
  ])
  const devices = set<PresRules.DeviceMember>([
    ...occurrence(d.ext.devices.map((x) => x.id)),
    klass(d.ext.devices.map((x) => x.ext.class)),
    ...(d.ext.devices.length === 0
      ? []
      : [
          fc
            .constantFrom(...d.ext.devices.map((x) => x.deviceID.trim()))
            .map((deviceID) => ({ _tag: 'DeviceID' as const, deviceID }))
        ])
  ])
  const names = [...UNKNOWN, ...foreignNames(d)]
  const unknown = fc.array(
    fc
      .tuple(fc.constantFrom(...names), fc.boolean())
      .map(([n, value]): PresRules.UnknownAttribute => ({ name: n.local, ns: n.ns, value })),
    { maxLength: 4 }
  )
  return fc
    .record({
      provideServices: services,
      providePersons: persons,
      provideDevices: devices,
      flags: fc.array(fc.constantFrom(...Permissions.FLAGS), { maxLength: Permissions.FLAGS.length }),
      provideUserInput: PresRulesA.UserInput,
      provideUnknownAttributes: unknown,
      provideAllAttributes: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant(true as const) }
      )
    })
    .map(({ flags, ...t }) =>
      Permissions.normalize({
        ...t,
        ...Object.fromEntries(flags.map((f) => [f, true]))
      } as Partial<PresRules.TransformationsExt>)
    )
}

const HOSTS = new Set(
  [
    { ns: Pidf.NS, local: 'presence' },
    { ns: Pidf.NS, local: 'tuple' },
    { ns: Pidf.NS, local: 'status' },
    { ns: DataModel.NS, local: 'person' },
    { ns: DataModel.NS, local: 'device' }
  ].map(Xml.key)
)

/** Children the schema lets change places with their neighbours of the same kind (extension and foreign elements). */
const movable = (host: Xml.Element, child: Xml.Node): boolean =>
  child._tag === 'Element' &&
  (host.name.local === 'presence'
    ? !(child.name.ns === Pidf.NS && (child.name.local === 'tuple' || child.name.local === 'note'))
    : child.name.ns !== Pidf.NS && child.name.ns !== DataModel.NS)

const shuffleWith = (seed: number) => {
  let s = seed >>> 0
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const shuffle = <T>(xs: Array<T>): Array<T> => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[xs[i], xs[j]] = [xs[j], xs[i]]
    }
    return xs
  }
  const walk = (e: Xml.Element): Xml.Element => {
    const kids = e.children.map((c) => (c._tag === 'Element' ? walk(c) : c))
    if (!HOSTS.has(Xml.key(e.name))) return { ...e, children: kids }
    const out: Array<Xml.Node> = []
    let run: Array<Xml.Node> = []
    for (const c of kids) {
      if (movable(e, c)) run.push(c)
      else {
        out.push(...shuffle(run), c)
        run = []
      }
    }
    out.push(...shuffle(run))
    return { ...e, children: out }
  }
  return walk
}

/**
 * A document of the full format as decoded from a text whose extension and foreign elements stand in another order
 * than the encoder's (so that it carries source-order hints).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ReorderedPresence: fc.Arbitrary<Presence.Presence> = fc
  .tuple(FullPresence, fc.integer())
  .map(([d, seed]) => {
    const r = Presence.Presence.decode(shuffleWith(seed)(Presence.Presence.encode(d)))
    return E.isRight(r) ? r.right : d
  })

/**
 * A document of the full format (sometimes with source-order hints) with permissions that name its parts.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DocumentAndPermissions: fc.Arbitrary<readonly [Presence.Presence, Permissions.Permissions]> = fc
  .oneof(FullPresence, ReorderedPresence)
  .chain((d) => fc.tuple(fc.constant(d), permissionsFor(d)))

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/** Whether `sub` is a subsequence of `all`. */
const subsequence = (sub: ReadonlyArray<string>, all: ReadonlyArray<string>): boolean => {
  let i = 0
  for (const x of all) if (i < sub.length && sub[i] === x) i++
  return i === sub.length
}

/** The children of an element as names, with the `id` of those that have one. */
const childKeys = (e: Xml.Element): ReadonlyArray<string> =>
  Xml.elements(e).map((c) => `${Xml.key(c.name)}#${c.attrs.id ?? ''}`)

/** Every host element of a document (the root, tuples, statuses, persons, devices) by a path of ids. */
const hostsOf = (root: Xml.Element): ReadonlyMap<string, Xml.Element> => {
  const out = new Map<string, Xml.Element>([['/', root]])
  for (const c of Xml.elements(root)) {
    if (!HOSTS.has(Xml.key(c.name)) || c.attrs.id === undefined) continue
    out.set(`/${c.attrs.id}`, c)
    for (const s of Xml.elements(c))
      if (s.name.ns === Pidf.NS && s.name.local === 'status') out.set(`/${c.attrs.id}/status`, s)
  }
  return out
}

const decodesToItself = (d: Presence.Presence, what: string): void => {
  if (!Presence.Presence.is(d)) throw new LawViolation(`${what}: the guard refuses it`)
  const text = Presence.document.encode(d)
  const r = Presence.document.decode(text)
  if (E.isLeft(r))
    throw new LawViolation(
      `${what} does not decode: ${r.left.map((p) => `${p.path}: ${p.message}`).join('; ')}\n${text}`
    )
  expectEqual(r.right, d, what)
}

/**
 * The laws of filtering (see the module doc).
 *
 * @category laws
 * @since 0.2.0
 */
export const filterLaws: ReadonlyArray<LawT> = [
  Law(
    'filter: filtering twice equals filtering once',
    'RFC 5025 §4: F(F(D)) = F(D)',
    DocumentAndPermissions
  )(([d, p]) => {
    const once = Filter.apply(p)(d)
    expectEqual(Filter.apply(p)(once), once, 'F(F(D))')
  }),
  Law(
    'filter: granting everything is the identity',
    'provide-all-* and provide-all-attributes keep the document as it is',
    fc.oneof(FullPresence, ReorderedPresence)
  )((d) => {
    const all = Filter.apply(Permissions.everything)(d)
    if (all !== d) expectEqual(all, d, 'F_all(D)')
  }),
  Law(
    'filter: the result always decodes to itself',
    'a filtered document is a valid document of the format',
    DocumentAndPermissions
  )(([d, p]) => decodesToItself(Filter.apply(p)(d), 'the filtered document')),
  Law(
    'filter: less permission filters further',
    'p ≤ q implies F_p(F_q(D)) = F_p(D)',
    DocumentAndPermissions.chain(([d, p]) => fc.tuple(fc.constant(d), fc.constant(p), permissionsFor(d)))
  )(([d, p, r]) => {
    const q = Permissions.join(p, r)
    expectEqual(Filter.apply(p)(Filter.apply(q)(d)), Filter.apply(p)(d), 'F_p(F_q(D))')
  }),
  Law(
    'filter: what remains keeps its place',
    'the children that survive are in the order they had',
    DocumentAndPermissions
  )(([d, p]) => {
    const before = hostsOf(Presence.Presence.encode(d))
    const after = hostsOf(Presence.Presence.encode(Filter.apply(p)(d)))
    for (const [path, e] of after) {
      const was = before.get(path)
      if (was === undefined) throw new LawViolation(`${path} is new`)
      if (!subsequence(childKeys(e), childKeys(was)))
        throw new LawViolation(`${path}: ${childKeys(e).join(' ')} is not in the order of ${childKeys(was).join(' ')}`)
    }
  }),
  Law(
    'filter: polite blocking keeps one closed service and nothing else',
    'RFC 5025 §3.2.1, a fixed point',
    FullPresence
  )((d) => {
    const n = Filter.politeBlock(d)
    decodesToItself(n, 'the polite-block document')
    expectEqual(Filter.politeBlock(n), n, 'politeBlock(politeBlock(D))')
    if (
      n.tuples.length !== 1 ||
      n.tuples[0].status.basic !== 'closed' ||
      n.ext.persons.length + n.ext.devices.length + n.other.length + n.notes.length > 0
    )
      throw new LawViolation(`not a neutral document: ${Presence.document.encode(n)}`)
    if (n.entity !== d.entity) throw new LawViolation('the entity changed')
  }),
  Law(
    'filter: a filtered document holds nothing the permissions do not grant',
    'no attribute outside the permissions survives',
    DocumentAndPermissions
  )(([d, p]) => {
    const f = Filter.apply(p)(d)
    const hosts = [f, ...f.tuples, ...f.tuples.map((t) => t.status), ...f.ext.persons, ...f.ext.devices]
    for (const h of hosts)
      for (const e of h.other)
        if (!Filter.grantsElement(p, e.name)) throw new LawViolation(`${Xml.key(e.name)} survived`)
    for (const x of [...f.ext.persons, ...f.ext.devices, ...f.tuples.map((t) => t.status)])
      if (
        (x.ext as PidfLo.GeoprivExt).geopriv !== undefined &&
        !Permissions.grantsUnknown(p, { ns: PidfLo.NS, local: 'geopriv' })
      )
        throw new LawViolation('a location object survived without permission')
  })
]
