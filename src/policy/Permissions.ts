/**
 * The combined transformations of pres-rules (RFC 5025 §3.3) as a join-semilattice: what a watcher may see, combined
 * across the matching rules as RFC 4745 §10.2 says. A permission absent from a rule has its lowest value (FALSE, the
 * empty set, `false` for user-input); booleans combine with OR, sets with union, the user-input level with the maximum
 * (false 0 < bare 10 < thresholds 20 < full 30). `<provide-all-attributes/>` grants every attribute permission
 * (§3.3.2.15), and `<all-services/>`, `<all-persons/>` and `<all-devices/>` every member of their set (§3.3.1).
 *
 * The combined value is a `PresRules.TransformationsExt` in a normal form, so that it can be written as a rule's
 * transformations and compared structurally: a boolean permission is present only when TRUE, the user-input level only
 * above `false`, a set only when not empty (`{ all: true, members: [] }` when it holds everything), its members and the
 * unknown attributes without repeats in one order, and nothing that `provide-all-attributes` already grants.
 *
 * @example
 * import * as Permissions from 'sip-simple-payloads/policy/Permissions'
 * const a = Permissions.normalize({ provideActivities: true, provideUnknownAttributes: [] })
 * const b = Permissions.normalize({ provideUserInput: 'bare', provideUnknownAttributes: [] })
 * const both = Permissions.join(a, b) // activities, and user-input without its attributes
 * Permissions.leq(a, both) // true
 *
 * @since 0.2.0
 */
import type { Monoid } from '#fp-ts/Monoid'
import { canonical } from '../xml/Canonical.js'
import * as Xml from '../xml/Ast.js'
import * as Read from '../codec/Read.js'
import * as PresRules from '../formats/PresRules.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Combined presence transformations (RFC 5025 §3.3), in normal form when made by this module's functions.
 *
 * @category model
 * @since 0.2.0
 */
export type Permissions = PresRules.TransformationsExt

/**
 * The boolean attribute permissions of RFC 5025 §3.3.2, by their field names.
 *
 * @category model
 * @since 0.2.0
 */
export const FLAGS = [
  'provideActivities',
  'provideClass',
  'provideDeviceID',
  'provideMood',
  'providePlaceIs',
  'providePlaceType',
  'providePrivacy',
  'provideRelationship',
  'provideStatusIcon',
  'provideSphere',
  'provideTimeOffset',
  'provideNote'
] as const

/**
 * A boolean attribute permission.
 *
 * @category model
 * @since 0.2.0
 */
export type Flag = (typeof FLAGS)[number]

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The rank of a user-input level (RFC 5025 §3.3.2.12): false 0, bare 10, thresholds 20, full 30.
 *
 * @category constructors
 * @since 0.2.0
 */
export const userInputRank = (u: PresRules.UserInput | undefined): number =>
  u === 'full' ? 30 : u === 'thresholds' ? 20 : u === 'bare' ? 10 : 0

type AnyMember = { readonly _tag: string } & Readonly<Record<string, unknown>>

const memberKey = (m: AnyMember): string => {
  if (m._tag === 'Other') return `Other\u0000${Xml.isTree(m.element) ? canonical(m.element) : ''}`
  const v = Object.keys(m).find((k) => k !== '_tag')
  return `${m._tag}\u0000${v === undefined ? '' : String(m[v])}`
}

const MEMBER_TAGS: Readonly<Record<string, string>> = {
  ServiceUri: 'serviceUri',
  ServiceUriScheme: 'serviceUriScheme',
  OccurrenceId: 'occurrenceId',
  Class: 'class',
  DeviceID: 'deviceID',
  Other: 'element'
}

const isMember = (u: unknown): u is AnyMember => {
  if (!Read.isRecord(u) || typeof u._tag !== 'string') return false
  const key = MEMBER_TAGS[u._tag]
  if (key === undefined || !Object.prototype.hasOwnProperty.call(MEMBER_TAGS, u._tag)) return false
  return u._tag === 'Other' ? Xml.isTree(u[key]) : typeof u[key] === 'string'
}

const unionSet = <M>(sets: ReadonlyArray<unknown>): PresRules.Provide<M> | undefined => {
  const byKey = new Map<string, AnyMember>()
  let all = false
  for (const s of sets) {
    if (!Read.isRecord(s)) continue
    if (s.all === true) all = true
    for (const m of Read.array(s.members)) if (isMember(m)) byKey.set(memberKey(m), m)
  }
  if (all) return { all: true, members: [] }
  if (byKey.size === 0) return undefined
  const keys = [...byKey.keys()].sort()
  return { members: keys.map((k) => byKey.get(k)) as unknown as ReadonlyArray<M> }
}

const isUnknown = (u: unknown): u is PresRules.UnknownAttribute =>
  Read.isRecord(u) && typeof u.name === 'string' && typeof u.ns === 'string' && u.value === true

/**
 * The normal form of any combination of transformations: the union of all the given ones (RFC 4745 §10.2). Input of
 * any shape (from JavaScript) is read as far as it makes sense; values it cannot read grant nothing.
 *
 * @category constructors
 * @since 0.2.0
 */
export const combineAll = (ts: ReadonlyArray<Partial<PresRules.TransformationsExt> | undefined>): Permissions => {
  const rs = Read.array(ts).filter(Read.isRecord)
  const all = rs.some((t) => t.provideAllAttributes === true)
  const out: Record<string, unknown> = {}
  const services = unionSet<PresRules.ServiceMember>(rs.map((t) => t.provideServices))
  const persons = unionSet<PresRules.PersonMember>(rs.map((t) => t.providePersons))
  const devices = unionSet<PresRules.DeviceMember>(rs.map((t) => t.provideDevices))
  if (services !== undefined) out.provideServices = services
  if (persons !== undefined) out.providePersons = persons
  if (devices !== undefined) out.provideDevices = devices
  if (!all) {
    for (const f of FLAGS) if (rs.some((t) => t[f] === true)) out[f] = true
    let ui: PresRules.UserInput = 'false'
    for (const t of rs) {
      const u = t.provideUserInput
      if (PresRules.userInputValue.is(u) && userInputRank(u) > userInputRank(ui)) ui = u
    }
    if (ui !== 'false') out.provideUserInput = ui
  }
  const unknown = new Map<string, PresRules.UnknownAttribute>()
  if (!all)
    for (const t of rs)
      for (const u of Read.array(t.provideUnknownAttributes))
        if (isUnknown(u)) unknown.set(`${u.ns}\u0000${u.name}`, { name: u.name, ns: u.ns, value: true })
  out.provideUnknownAttributes = [...unknown.keys()].sort().map((k) => unknown.get(k))
  if (all) out.provideAllAttributes = true
  return out as unknown as Permissions
}

/**
 * The normal form of one rule's transformations.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalize = (t: Partial<PresRules.TransformationsExt> | undefined): Permissions => combineAll([t])

/**
 * Nothing granted: the combined permission when no rule matches (RFC 4745 §10.2).
 *
 * @category constructors
 * @since 0.2.0
 */
export const lowest: Permissions = /*#__PURE__*/ normalize({})

/**
 * Everything granted: all services, persons and devices, and all attributes (what `PresRules.provideAll()` writes).
 *
 * @category constructors
 * @since 0.2.0
 */
export const everything: Permissions = /*#__PURE__*/ normalize(PresRules.provideAll().ext)

/**
 * The combination of two permissions (the union of what either grants, RFC 4745 §10.2), in normal form.
 *
 * @category constructors
 * @since 0.2.0
 */
export const join = (a: Permissions, b: Permissions): Permissions => combineAll([a, b])

const fingerprint = (p: Permissions): string => {
  const n = normalize(p) as unknown as Record<string, unknown>
  return JSON.stringify(n, (k, v: unknown) =>
    k === 'members' && Array.isArray(v) ? v.map((m) => (isMember(m) ? memberKey(m) : '')) : v
  )
}

/**
 * Whether two permissions grant the same (compared in normal form).
 *
 * @category constructors
 * @since 0.2.0
 */
export const equals = (a: Permissions, b: Permissions): boolean => fingerprint(a) === fingerprint(b)

/**
 * Whether `a` grants nothing that `b` does not: combining them gives `b`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const leq = (a: Permissions, b: Permissions): boolean => equals(join(a, b), b)

/**
 * The monoid of permissions: `join`, with {@link lowest} as identity. It is commutative and idempotent (a
 * semilattice), so that the combination of the matching rules does not depend on their order or on repeats.
 *
 * @category constructors
 * @since 0.2.0
 */
export const monoid: Monoid<Permissions> = { concat: join, empty: lowest }

/**
 * Whether a permission grants the attribute permission `flag` (itself, or through `provide-all-attributes`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const grants = (p: Permissions, flag: Flag): boolean => p.provideAllAttributes === true || p[flag] === true

/**
 * The user-input level a permission grants (`full` under `provide-all-attributes`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const userInputLevel = (p: Permissions): PresRules.UserInput =>
  p.provideAllAttributes === true
    ? 'full'
    : PresRules.userInputValue.is(p.provideUserInput)
      ? p.provideUserInput
      : 'false'

/**
 * Whether a permission grants the unknown attribute `{ns}name` (RFC 5025 §3.3.2.14), or all attributes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const grantsUnknown = (p: Permissions, name: Xml.QName): boolean =>
  p.provideAllAttributes === true ||
  Read.array(p.provideUnknownAttributes).some((u) => isUnknown(u) && u.ns === name.ns && u.name === name.local)
