/**
 * Privacy filtering (RFC 5025 §3.3, §4): a presence document of the full `pidf` format reduced to what a watcher may
 * see under the combined transformations of the rules that match it (see `Evaluate`).
 *
 * - Services (tuples), persons and devices are kept when `<provide-services>`, `<provide-persons>` or
 *   `<provide-devices>` grants them (§3.3.1): all of them, or those identified by a member of the set: a tuple by the
 *   URI of its `<contact>` (URI equivalence) or that URI's scheme (case-sensitive), a device by its `<dm:deviceID>`,
 *   any of them by its occurrence id (the `id` attribute) or its `<rpid:class>` (case-sensitive). A class identifies an
 *   occurrence only when the watcher may see classes (`<provide-class>`): RFC 5025 §4 asks that the document sent be a
 *   fixed point of the filter, and an occurrence whose class the filter removes would no longer be identified by it.
 * - Within what is kept, each presence attribute is kept when its permission grants it (§3.3.2): the RPID elements by
 *   their `provide-*` permissions, `<user-input>` at its level (`bare`: no attributes, `thresholds`: only
 *   `idle-threshold`, `full`: all of them), the `<dm:deviceID>`s of a tuple by `<provide-deviceID>`, notes by
 *   `<provide-note>`, and every other element (CIPID, capabilities, AG Projects' elements, PIDF-LO's `<gp:geopriv>`,
 *   elements of unknown namespaces, in a tuple, its status, a person, a device or the document itself) by
 *   `<provide-unknown-attribute>` of its name and namespace (§3.3.2.14: the library knows no pres-rules permission for
 *   them). `<provide-all-attributes/>` keeps them all (§3.3.2.15). What is always provided stays: a tuple's
 *   `<contact>`, `<basic>` status, `<rpid:service-class>` and `<timestamp>`, a device's `<dm:deviceID>`, timestamps.
 *
 * The filter is idempotent (`apply(p)` of its own result changes nothing, as §4 requires), everything granted leaves a
 * document as it is, and the result is always a valid document (source-order hints follow the children that remain).
 * Geolocation is given or withheld with `<provide-unknown-attribute ns="urn:ietf:params:xml:ns:pidf:geopriv10"
 * name="geopriv">` (see {@link geolocation}).
 *
 * @example
 * import * as Evaluate from 'sip-simple-payloads/policy/Evaluate'
 * import * as Filter from 'sip-simple-payloads/policy/Filter'
 * import * as PresRules from 'sip-simple-payloads/PresRules'
 * import * as Presence from 'sip-simple-payloads/Presence'
 * import * as Rpid from 'sip-simple-payloads/Rpid'
 * const mine = Presence.presence({
 *   entity: 'sip:alice@example.com',
 *   tuples: [Presence.tuple({ id: 't1', basic: 'open', contact: 'sip:alice@192.0.2.1' })],
 *   persons: [Presence.person({ ext: { activities: [Rpid.activities('on-the-phone')], mood: [Rpid.mood('happy')] } })]
 * })
 * const rules = PresRules.presRules([
 *   PresRules.allow(['sip:bob@example.com'], {
 *     transformations: PresRules.providing({
 *       provideServices: { all: true, members: [] },
 *       providePersons: { all: true, members: [] },
 *       provideActivities: true
 *     })
 *   })
 * ])
 * // what Bob sees of Alice: her tuple and her activities, not her mood
 * const bob = Evaluate.request(Evaluate.authenticated('sip:bob@example.com'), new Date())
 * const bobSees = Filter.preview(rules, bob)(mine)
 *
 * @since 0.2.0
 */
import * as O from '#fp-ts/Option'
import * as Xml from '../xml/Ast.js'
import type { AnyField, XmlCodec } from '../codec/Element.js'
import type * as Ext from '../codec/Extension.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import * as DataModel from '../formats/DataModel.js'
import * as Pidf from '../formats/Pidf.js'
import * as PidfLo from '../formats/PidfLo.js'
import * as Presence from '../formats/Presence.js'
import type * as PresRules from '../formats/PresRules.js'
import * as Rpid from '../formats/Rpid.js'
import * as Evaluate from './Evaluate.js'
import * as Permissions from './Permissions.js'
import * as Uri from './Uri.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

type Doc = Presence.Presence

const RPID_FLAGS: Readonly<Record<string, Permissions.Flag | 'always'>> = {
  activities: 'provideActivities',
  class: 'provideClass',
  mood: 'provideMood',
  'place-is': 'providePlaceIs',
  'place-type': 'providePlaceType',
  privacy: 'providePrivacy',
  relationship: 'provideRelationship',
  'service-class': 'always',
  sphere: 'provideSphere',
  'status-icon': 'provideStatusIcon',
  'time-offset': 'provideTimeOffset'
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The permission that shows PIDF-LO location objects (`<gp:geopriv>`, RFC 4119) to a watcher, for a rule's
 * `provideUnknownAttributes` (`false` writes the permission that grants nothing).
 *
 * @category constructors
 * @since 0.2.0
 */
export const geolocation = (value = true): PresRules.UnknownAttribute => ({
  name: 'geopriv',
  ns: PidfLo.NS,
  value: value !== false
})

/**
 * Whether the permission grants the presence attribute of this element name (see the module doc).
 *
 * @category filtering
 * @since 0.2.0
 */
export const grantsElement = (p: Permissions.Permissions, name: Xml.QName): boolean => {
  if (p.provideAllAttributes === true) return true
  if (name.ns === Rpid.NS) {
    if (name.local === 'user-input') return Permissions.userInputLevel(p) !== 'false'
    const f = Object.prototype.hasOwnProperty.call(RPID_FLAGS, name.local) ? RPID_FLAGS[name.local] : undefined
    return f === 'always' || (f !== undefined && Permissions.grants(p, f))
  }
  if (name.ns === DataModel.NS && name.local === 'deviceID') return Permissions.grants(p, 'provideDeviceID')
  return Permissions.grantsUnknown(p, name)
}

const trimUserInput = (u: Rpid.UserInput, level: PresRules.UserInput): Rpid.UserInput => {
  if (level === 'full') return u
  const out: { -readonly [K in keyof Rpid.UserInput]?: Rpid.UserInput[K] } = {}
  if (level === 'thresholds' && u.idleThreshold !== undefined) out.idleThreshold = u.idleThreshold
  out.value = u.value
  const next = out as Rpid.UserInput
  return Object.keys(next).length === Object.keys(u).length ? u : next
}

const USER_INPUT = Xml.key({ ns: Rpid.NS, local: 'user-input' })

/** The extension fields a watcher may see; the same object when nothing changes. */
const filterExt = <X>(x: X, extension: Ext.Extension<X, string>, p: Permissions.Permissions): X => {
  const fields = extension.fields as unknown as Readonly<Record<string, AnyField>>
  const defaults = extension.defaults as unknown as Readonly<Record<string, unknown>>
  const rec = x as unknown as Readonly<Record<string, unknown>>
  let out: Record<string, unknown> | undefined
  for (const k of Object.keys(rec)) {
    const f = Object.prototype.hasOwnProperty.call(fields, k) ? fields[k] : undefined
    if (f === undefined) continue
    const v = rec[k]
    let next: unknown = v
    if (!f.elements.every((n) => grantsElement(p, n))) next = f.optional ? undefined : defaults[k]
    else if (f.elements.length === 1 && Xml.key(f.elements[0]) === USER_INPUT && Read.isRecord(v))
      next = trimUserInput(v as unknown as Rpid.UserInput, Permissions.userInputLevel(p))
    if (next === v) continue
    out ??= { ...rec }
    if (next === undefined) delete out[k]
    else out[k] = next
  }
  return out === undefined ? x : (out as unknown as X)
}

const filterOther = (es: ReadonlyArray<Xml.Element>, p: Permissions.Permissions): ReadonlyArray<Xml.Element> =>
  es.every((e) => grantsElement(p, e.name)) ? es : es.filter((e) => grantsElement(p, e.name))

// -------------------------------------------------------------------------------------
// source order
// -------------------------------------------------------------------------------------

type Ordered = { readonly order?: ReadonlyArray<string> }

/**
 * The host with its source-order hint reduced to the children that remain (an occurrence of a repeated child is kept
 * when `kept` says so), and left out when the encoder writes that order anyway.
 */
const fixOrder = <H extends Ordered>(
  codec: XmlCodec<H>,
  host: H,
  kept: ReadonlyMap<string, ReadonlySet<number>> = new Map()
): H => {
  const order = host.order
  if (order === undefined) return host
  const { order: _o, ...rest } = host // eslint-disable-line @typescript-eslint/no-unused-vars
  const produced = Xml.elements(codec.encode(rest as H)).map((e) => Xml.key(e.name))
  const left = new Map<string, number>()
  for (const k of produced) left.set(k, (left.get(k) ?? 0) + 1)
  const seen = new Map<string, number>()
  const hint = order.filter((k) => {
    const i = seen.get(k) ?? 0
    seen.set(k, i + 1)
    const ks = kept.get(k)
    return ks !== undefined ? ks.has(i) : left.has(k)
  })
  const counts = new Map(left)
  for (const k of hint) counts.set(k, (counts.get(k) ?? 0) - 1)
  const permutation = hint.length === produced.length && [...counts.values()].every((n) => n === 0)
  if (!permutation || hint.every((k, i) => k === produced[i])) return rest as H
  return { ...rest, order: hint } as unknown as H
}

// -------------------------------------------------------------------------------------
// selection
// -------------------------------------------------------------------------------------

const members = (
  set: PresRules.Provide<unknown> | undefined
): ReadonlyArray<Readonly<Record<string, unknown>>> | 'all' =>
  set === undefined ? [] : set.all === true ? 'all' : Read.array(set.members).filter(Read.isRecord)

const rawScheme = (uri: string): string | undefined => /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]

const identifies = (
  m: Readonly<Record<string, unknown>>,
  o: { readonly id: string; readonly klass?: string },
  classVisible: boolean
): boolean =>
  (m._tag === 'OccurrenceId' && typeof m.occurrenceId === 'string' && m.occurrenceId === o.id) ||
  (m._tag === 'Class' && classVisible && typeof m.class === 'string' && o.klass !== undefined && m.class === o.klass)

const serviceSelected = (p: Permissions.Permissions, t: Presence.Tuple): boolean => {
  const ms = members(p.provideServices)
  if (ms === 'all') return true
  const classVisible = Permissions.grants(p, 'provideClass')
  const contact = t.contact === undefined ? undefined : V.collapse(t.contact.uri)
  return ms.some(
    (m) =>
      identifies(m, { id: t.id, ...(t.ext.class === undefined ? {} : { klass: t.ext.class }) }, classVisible) ||
      (m._tag === 'ServiceUri' &&
        contact !== undefined &&
        typeof m.serviceUri === 'string' &&
        Uri.sameUri(contact, m.serviceUri)) ||
      (m._tag === 'ServiceUriScheme' &&
        contact !== undefined &&
        typeof m.serviceUriScheme === 'string' &&
        rawScheme(contact) === m.serviceUriScheme)
  )
}

const personSelected = (p: Permissions.Permissions, x: Presence.Person): boolean => {
  const ms = members(p.providePersons)
  if (ms === 'all') return true
  const classVisible = Permissions.grants(p, 'provideClass')
  return ms.some((m) =>
    identifies(m, { id: x.id, ...(x.ext.class === undefined ? {} : { klass: x.ext.class }) }, classVisible)
  )
}

const deviceSelected = (p: Permissions.Permissions, d: Presence.Device): boolean => {
  const ms = members(p.provideDevices)
  if (ms === 'all') return true
  const classVisible = Permissions.grants(p, 'provideClass')
  return ms.some(
    (m) =>
      identifies(m, { id: d.id, ...(d.ext.class === undefined ? {} : { klass: d.ext.class }) }, classVisible) ||
      (m._tag === 'DeviceID' && typeof m.deviceID === 'string' && Uri.sameUri(V.collapse(d.deviceID), m.deviceID))
  )
}

// -------------------------------------------------------------------------------------
// filtering
// -------------------------------------------------------------------------------------

const notesFor = <N>(notes: ReadonlyArray<N>, p: Permissions.Permissions): ReadonlyArray<N> =>
  notes.length === 0 || Permissions.grants(p, 'provideNote') ? notes : []

const filterStatus = (
  s: Pidf.Status<Presence.StatusExt>,
  p: Permissions.Permissions
): Pidf.Status<Presence.StatusExt> => {
  const ext = filterExt(s.ext, Presence.extensions.status, p)
  const other = filterOther(s.other, p)
  if (ext === s.ext && other === s.other) return s
  return fixOrder(Presence.Status, { ...s, ext, other })
}

const filterTuple = (t: Presence.Tuple, p: Permissions.Permissions): Presence.Tuple => {
  const status = filterStatus(t.status, p)
  const ext = filterExt(t.ext, Presence.extensions.tuple, p)
  const other = filterOther(t.other, p)
  const notes = notesFor(t.notes, p)
  if (status === t.status && ext === t.ext && other === t.other && notes === t.notes) return t
  return fixOrder(Presence.Tuple, { ...t, status, ext, other, notes })
}

const filterPerson = (x: Presence.Person, p: Permissions.Permissions): Presence.Person => {
  const ext = filterExt(x.ext, Presence.extensions.person, p)
  const other = filterOther(x.other, p)
  const notes = notesFor(x.notes, p)
  if (ext === x.ext && other === x.other && notes === x.notes) return x
  return fixOrder(Presence.Person, { ...x, ext, other, notes })
}

const filterDevice = (d: Presence.Device, p: Permissions.Permissions): Presence.Device => {
  const ext = filterExt(d.ext, Presence.extensions.device, p)
  const other = filterOther(d.other, p)
  const notes = notesFor(d.notes, p)
  if (ext === d.ext && other === d.other && notes === d.notes) return d
  return fixOrder(Presence.Device, { ...d, ext, other, notes })
}

const selectAll = <H>(
  hs: ReadonlyArray<H>,
  selected: (h: H) => boolean,
  filter: (h: H) => H
): { readonly out: ReadonlyArray<H>; readonly kept: ReadonlySet<number> } => {
  const kept = new Set<number>()
  const out: Array<H> = []
  let same = true
  hs.forEach((h, i) => {
    if (!selected(h)) {
      same = false
      return
    }
    kept.add(i)
    const f = filter(h)
    if (f !== h) same = false
    out.push(f)
  })
  return { out: same ? hs : out, kept }
}

/**
 * Applies combined transformations to a presence document (see the module doc): the document a watcher granted them
 * may see. The same document comes back when nothing is removed.
 *
 * @category filtering
 * @since 0.2.0
 */
export const apply =
  (permissions: Permissions.Permissions) =>
  (doc: Doc): Doc => {
    const p = Permissions.normalize(permissions)
    const tuples = selectAll(
      doc.tuples,
      (t) => serviceSelected(p, t),
      (t) => filterTuple(t, p)
    )
    const persons = selectAll(
      doc.ext.persons,
      (x) => personSelected(p, x),
      (x) => filterPerson(x, p)
    )
    const devices = selectAll(
      doc.ext.devices,
      (d) => deviceSelected(p, d),
      (d) => filterDevice(d, p)
    )
    const notes = notesFor(doc.notes, p)
    const other = filterOther(doc.other, p)
    if (
      tuples.out === doc.tuples &&
      persons.out === doc.ext.persons &&
      devices.out === doc.ext.devices &&
      notes === doc.notes &&
      other === doc.other
    )
      return doc
    const kept = new Map<string, ReadonlySet<number>>([
      [Xml.key({ ns: Pidf.NS, local: 'tuple' }), tuples.kept],
      [Xml.key({ ns: DataModel.NS, local: 'person' }), persons.kept],
      [Xml.key({ ns: DataModel.NS, local: 'device' }), devices.kept]
    ])
    return fixOrder(
      Presence.Presence,
      { ...doc, tuples: tuples.out, notes, ext: { ...doc.ext, persons: persons.out, devices: devices.out }, other },
      kept
    )
  }

/**
 * The neutral document of polite blocking (RFC 5025 §3.2.1): no person or device, a single service whose basic status
 * is closed (it takes the id of the document's first tuple, so that it looks like a service of the presentity going
 * offline), and nothing else.
 *
 * @category filtering
 * @since 0.2.0
 */
export const politeBlock = (doc: Doc): Doc => {
  const d = Read.record(doc)
  const first = Read.record(Read.array(d.tuples)[0])
  const id = typeof first.id === 'string' && V.id.is(first.id) ? first.id : 'offline'
  return Presence.presence({ entity: Read.string(d.entity) ?? '', tuples: [Presence.tuple({ id, basic: 'closed' })] })
}

/**
 * What a watcher is sent after a decision (RFC 5025 §3.2.1): the filtered document when its subscription is allowed,
 * the neutral document when it is politely blocked, nothing when it is pending (`confirm`) or rejected (`block`).
 *
 * @category filtering
 * @since 0.2.0
 */
export const view =
  (decision: Evaluate.Decision) =>
  (doc: Doc): O.Option<Doc> => {
    const d = Read.record(decision)
    if (d.subHandling === 'allow') return O.some(apply(d.permissions as Permissions.Permissions)(doc))
    if (d.subHandling === 'polite-block') return O.some(politeBlock(doc))
    return O.none
  }

/**
 * What a watcher would see of a presentity's document under its rules: evaluation, then {@link view} ("what does Bob
 * see of me?").
 *
 * @category filtering
 * @since 0.2.0
 */
export const preview =
  (ruleset: Evaluate.Ruleset, request: Evaluate.Request) =>
  (doc: Doc): O.Option<Doc> =>
    view(Evaluate.evaluate(ruleset, request))(doc)
