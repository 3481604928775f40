/**
 * Laws of policy evaluation (RFC 4745 §10, RFC 5025 §3.2) and of the permission lattice, with the arbitraries they run
 * on: rulesets of pres-rules whose conditions name a small population of watchers, domains, spheres, validity periods
 * and URI lists (so that rules do match), and requests from that population.
 *
 * - Adding a rule never reduces what is permitted (the additive combination of RFC 4745 §10.2), for rulesets without
 *   OMA `<other-identity/>` (whose meaning depends on the other rules: a rule that names a watcher takes the
 *   "everybody else" rule away from it).
 * - A rule whose conditions cannot match changes nothing.
 * - The order of the rules does not matter.
 * - The combined permission is the join of the permissions of the rules that match, one by one.
 * - Permissions form a join-semilattice: `join` is associative, commutative and idempotent, with `lowest` as identity,
 *   and `leq` is the order it defines.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as Evaluate from '../../src/policy/Evaluate.js'
import * as Permissions from '../../src/policy/Permissions.js'
import * as A from '../Arbitrary.js'
import { Law, LawViolation, type Law as LawT } from '../Law.js'
import * as PresRulesA from '../formats/PresRules.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

const XCAP =
  'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22'

/**
 * The watchers' URIs the arbitraries draw from (with case variants that are the same URI).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const URIS: ReadonlyArray<string> = [
  'sip:alice@example.com',
  'sip:bob@example.com',
  'sip:bob@EXAMPLE.COM',
  'sip:carol@example.org',
  'sips:dave@example.org',
  'tel:+1-212-555-1234'
]

/**
 * The URI lists that `<external-list>` conditions reference: two known lists and one the resolver does not know.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const LISTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  [`${XCAP}friends%22%5D`]: ['sip:bob@example.com', 'sip:carol@example.org'],
  [`${XCAP}coworkers%22%5D`]: ['sips:dave@example.org', 'tel:+12125551234']
}

const ANCHORS = [...Object.keys(LISTS), `${XCAP}unknown%22%5D`]

/**
 * The times requests are made at.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const TIMES: ReadonlyArray<string> = [
  '2026-01-01T00:00:00Z',
  '2026-06-15T12:00:00Z',
  '2026-06-15T14:00:00+02:00',
  '2027-01-01T00:00:00Z'
]

const PERIODS: ReadonlyArray<CommonPolicy.Period> = [
  { from: '2025-12-31T00:00:00Z', until: '2026-01-02T00:00:00Z' },
  { from: '2026-06-01T00:00:00Z', until: '2026-07-01T00:00:00Z' },
  { from: '2026-06-15T12:00:00Z', until: '2026-06-15T12:00:01Z' },
  { from: '2020-01-01T00:00:00Z', until: '2021-01-01T00:00:00Z' }
]

const domain = fc.constantFrom('example.com', 'example.org', 'EXAMPLE.COM', 'other.example.net')
const uri = fc.constantFrom(...URIS)

const except: fc.Arbitrary<CommonPolicy.Except> = fc.oneof(
  uri.map((id): CommonPolicy.Except => ({ id })),
  domain.map((d): CommonPolicy.Except => ({ domain: d }))
)

const member: fc.Arbitrary<CommonPolicy.IdentityMember> = fc.oneof(
  { weight: 3, arbitrary: uri.map((id): CommonPolicy.IdentityMember => ({ _tag: 'One', one: CommonPolicy.one(id) })) },
  {
    weight: 2,
    arbitrary: A.record({ domain, except: fc.array(except, { maxLength: 2 }) }, ['domain']).map(
      (m): CommonPolicy.IdentityMember => ({ _tag: 'Many', many: CommonPolicy.many(m) })
    )
  },
  {
    weight: 1,
    arbitrary: A.foreignElement().map((element): CommonPolicy.IdentityMember => ({ _tag: 'Other', element }))
  }
)

const oma = (otherIdentity: boolean): fc.Arbitrary<PresRules.ConditionsExt> =>
  A.record(
    {
      externalList: fc
        .array(fc.constantFrom(...ANCHORS), { minLength: 1, maxLength: 2 })
        .map((as) => as.map((anc) => ({ anc }))),
      anonymousRequest: fc.constant(true as const),
      otherIdentity: otherIdentity ? fc.constant(true as const) : fc.constant(undefined as never)
    },
    ['externalList', 'anonymousRequest', 'otherIdentity']
  )

const conditions = (otherIdentity: boolean): fc.Arbitrary<CommonPolicy.Conditions<PresRules.ConditionsExt>> =>
  A.record(
    {
      identity: fc.array(member, { minLength: 1, maxLength: 3 }).map((members) => ({ members })),
      sphere: fc.constantFrom('work', 'home', 'home work', 'WORK').map((value): CommonPolicy.Sphere => ({ value })),
      validity: fc.array(fc.constantFrom(...PERIODS), { minLength: 1, maxLength: 2 }),
      ext: oma(otherIdentity),
      other: fc.oneof({ weight: 9, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: A.foreignElements(1) })
    },
    ['identity', 'sphere', 'validity']
  ) as fc.Arbitrary<CommonPolicy.Conditions<PresRules.ConditionsExt>>

/**
 * A pres-rules rule for evaluation: conditions on the population (sometimes none at all), a sub-handling or none,
 * transformations or none. `otherIdentity` says whether OMA `<other-identity/>` may occur.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const rule = (otherIdentity = true): fc.Arbitrary<PresRules.Rule> =>
  A.record(
    {
      id: A.xmlId,
      conditions: conditions(otherIdentity),
      actions: A.record({ subHandling: PresRulesA.SubHandling }, ['subHandling']).map((ext) => ({ ext, other: [] })),
      transformations: PresRulesA.transformations.map((ext) => ({ ext, other: [] }))
    },
    ['conditions', 'actions', 'transformations']
  ) as fc.Arbitrary<PresRules.Rule>

const withIds = (rules: ReadonlyArray<PresRules.Rule>): PresRules.PresRules =>
  PresRules.presRules(rules.map((r, i) => ({ ...r, id: `r${i}` })))

/**
 * A ruleset of up to five such rules, with unique ids.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ruleset = (otherIdentity = true): fc.Arbitrary<PresRules.PresRules> =>
  fc.array(rule(otherIdentity), { maxLength: 5 }).map(withIds)

/**
 * A watcher of the population: authenticated with one or two of its URIs (and sometimes the domain given apart), or
 * anonymous.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Watcher: fc.Arbitrary<Evaluate.Watcher> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(uri, { minLength: 1, maxLength: 2 }).map(([u, ...more]) => Evaluate.authenticated(u, ...more))
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(uri, domain)
      .map(([u, d]): Evaluate.Watcher => ({ _tag: 'Authenticated', uris: [u], domain: d }))
  },
  { weight: 1, arbitrary: fc.constant(Evaluate.anonymous) }
)

/**
 * A request of the population: a watcher, a time, the presentity's sphere or none, and the list resolver of
 * {@link LISTS}.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Request: fc.Arbitrary<Evaluate.Request> = fc
  .tuple(
    Watcher,
    fc.constantFrom(...TIMES),
    fc.option(fc.constantFrom('work', 'home', 'Work', 'travel'), { nil: undefined })
  )
  .map(([w, at, sphere]) =>
    Evaluate.request(w, at, { ...(sphere === undefined ? {} : { sphere }), lists: Evaluate.listsOf(LISTS) })
  )

/**
 * A rule that cannot match the request it is evaluated for: no identity condition (so that `<other-identity/>` of the
 * other rules means the same), and a condition that is false (one of a namespace nobody knows, a validity period long
 * past, a sphere the presentity is not in, or anonymity for an authenticated watcher).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const deadRule = (r: Evaluate.Request): fc.Arbitrary<PresRules.Rule> =>
  fc.tuple(rule(true), fc.nat(3), A.foreignElement()).map(([x, how, foreign]) => {
    const c = x.conditions ?? CommonPolicy.conditions<PresRules.ConditionsExt>({ ext: {} })
    const { identity: _i, ...rest } = c // eslint-disable-line @typescript-eslint/no-unused-vars
    const { externalList: _e, ...ext } = c.ext // eslint-disable-line @typescript-eslint/no-unused-vars
    const base = { ...rest, ext }
    const dead =
      how === 0
        ? { ...base, other: [...base.other, foreign] }
        : how === 1
          ? { ...base, validity: [{ from: '2001-01-01T00:00:00Z', until: '2002-01-01T00:00:00Z' }] }
          : how === 2
            ? { ...base, sphere: { value: `not-${r.sphere ?? 'any'}` } }
            : r.watcher._tag === 'Authenticated'
              ? { ...base, ext: { ...ext, anonymousRequest: true as const } }
              : { ...base, other: [...base.other, foreign] }
    return { ...x, id: 'dead', conditions: dead }
  })

/**
 * Combined permissions in normal form.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Permission: fc.Arbitrary<Permissions.Permissions> = PresRulesA.transformations.map(Permissions.normalize)

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

const show = (d: Evaluate.Decision): string => JSON.stringify({ ...d, permissions: d.permissions })

const sameDecision = (a: Evaluate.Decision, b: Evaluate.Decision, matchedAsSet = false): boolean => {
  const m1 = matchedAsSet ? [...a.matched].sort() : a.matched
  const m2 = matchedAsSet ? [...b.matched].sort() : b.matched
  return (
    a.subHandling === b.subHandling &&
    Permissions.equals(a.permissions, b.permissions) &&
    JSON.stringify(m1) === JSON.stringify(m2)
  )
}

const shuffled = <T>(xs: ReadonlyArray<T>): fc.Arbitrary<ReadonlyArray<T>> =>
  fc.shuffledSubarray([...xs], { minLength: xs.length, maxLength: xs.length })

/**
 * The laws of evaluation (see the module doc).
 *
 * @category laws
 * @since 0.2.0
 */
export const evaluationLaws: ReadonlyArray<LawT> = [
  Law(
    'evaluate: adding a rule never reduces what is permitted',
    'RFC 4745 §10.2: permissions only add up (without OMA other-identity)',
    ruleset(false),
    rule(false),
    Request
  )((rs, r, q) => {
    const before = Evaluate.evaluate(rs, q)
    const after = Evaluate.evaluate(PresRules.presRules([...rs.rules, { ...r, id: 'added' }]), q)
    if (!Evaluate.atLeast(after, before))
      throw new LawViolation(`adding a rule took something away:\n  before ${show(before)}\n  after  ${show(after)}`)
  }),
  Law(
    'evaluate: a rule whose conditions cannot match changes nothing',
    'RFC 4745 §10.1: only matching rules count',
    Request.chain((q) => fc.tuple(fc.constant(q), ruleset(true), deadRule(q)))
  )(([q, rs, dead]) => {
    const before = Evaluate.evaluate(rs, q)
    const after = Evaluate.evaluate(PresRules.presRules([...rs.rules, dead]), q)
    if (!sameDecision(before, after))
      throw new LawViolation(`a dead rule changed the decision:\n  before ${show(before)}\n  after  ${show(after)}`)
  }),
  Law(
    'evaluate: the order of the rules does not matter',
    'RFC 4745 §6: the ordering of rules is irrelevant',
    ruleset(true).chain((rs) => fc.tuple(fc.constant(rs), shuffled(rs.rules))),
    Request
  )(([rs, rules], q) => {
    const a = Evaluate.evaluate(rs, q)
    const b = Evaluate.evaluate(PresRules.presRules(rules), q)
    if (!sameDecision(a, b, true))
      throw new LawViolation(`reordering changed the decision:\n  ${show(a)}\n  ${show(b)}`)
  }),
  Law(
    'evaluate: the combination is the join of the matching rules',
    'RFC 4745 §10.2, one permission type at a time',
    ruleset(true),
    Request
  )((rs, q) => {
    const d = Evaluate.evaluate(rs, q)
    const hits = rs.rules.filter((r) => Evaluate.matches(rs, r, q))
    const sub = hits.reduce<PresRules.SubHandling>((acc, r) => {
      const s = r.actions?.ext.subHandling
      return s !== undefined && PresRules.subHandlingRank(s) > PresRules.subHandlingRank(acc) ? s : acc
    }, 'block')
    const perms = hits.reduce(
      (acc, r) => Permissions.join(acc, Permissions.normalize(r.transformations?.ext)),
      Permissions.lowest
    )
    if (JSON.stringify(d.matched) !== JSON.stringify(hits.map((r) => r.id)))
      throw new LawViolation(
        `matched ${JSON.stringify(d.matched)}, rule by rule ${JSON.stringify(hits.map((r) => r.id))}`
      )
    if (d.subHandling !== sub || !Permissions.equals(d.permissions, perms))
      throw new LawViolation(`combined ${show(d)}, rule by rule ${sub} ${JSON.stringify(perms)}`)
  })
]

const eq = (a: Permissions.Permissions, b: Permissions.Permissions, what: string): void => {
  if (!Permissions.equals(a, b)) throw new LawViolation(`${what}:\n  ${JSON.stringify(a)}\n  ${JSON.stringify(b)}`)
}

/**
 * The semilattice laws of permissions.
 *
 * @category laws
 * @since 0.2.0
 */
export const permissionLaws: ReadonlyArray<LawT> = [
  Law(
    'permissions: join is associative',
    'semilattice',
    Permission,
    Permission,
    Permission
  )((a, b, c) =>
    eq(
      Permissions.join(Permissions.join(a, b), c),
      Permissions.join(a, Permissions.join(b, c)),
      'join(join(a, b), c) ≠ join(a, join(b, c))'
    )
  ),
  Law(
    'permissions: join is commutative',
    'semilattice',
    Permission,
    Permission
  )((a, b) => eq(Permissions.join(a, b), Permissions.join(b, a), 'join(a, b) ≠ join(b, a)')),
  Law(
    'permissions: join is idempotent',
    'semilattice',
    Permission
  )((a) => eq(Permissions.join(a, a), a, 'join(a, a) ≠ a')),
  Law(
    'permissions: lowest is the identity, everything the top',
    'bounded semilattice',
    Permission
  )((a) => {
    eq(Permissions.monoid.concat(Permissions.monoid.empty, a), a, 'join(lowest, a) ≠ a')
    eq(Permissions.join(a, Permissions.everything), Permissions.everything, 'join(a, everything) ≠ everything')
  }),
  Law(
    'permissions: the normal form is a fixed point and a valid transformation',
    'normalize(normalize(t)) = normalize(t)',
    PresRulesA.transformations
  )((t) => {
    const n = Permissions.normalize(t)
    eq(Permissions.normalize(n), n, 'normalize is not idempotent')
    if (JSON.stringify(Permissions.normalize(n)) !== JSON.stringify(n))
      throw new LawViolation('normal forms differ structurally')
    const asRule = CommonPolicy.transformationsWith(PresRules.transformations)
    if (!asRule.is({ ext: n, other: [] }))
      throw new LawViolation(`the normal form is no valid <transformations>: ${JSON.stringify(n)}`)
  }),
  Law(
    'permissions: each is below its join with another',
    'a ≤ join(a, b)',
    Permission,
    Permission
  )((a, b) => {
    if (!Permissions.leq(a, Permissions.join(a, b))) throw new LawViolation('a is not below join(a, b)')
  })
]
