/**
 * Arbitraries of common policy (RFC 4745), generic in the extensions plugged into each point, and the law registration
 * of the plain `common-policy` format (every extension element in `other`).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as T from '#monocle-ts/Traversal'
import { pipe } from '#fp-ts/function'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/CommonPolicy.js'
import type { XmlCodec } from '../../src/codec/Element.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

const one = (e: Xml.Element): ReadonlyArray<Xml.Element> => [e]

/**
 * A `<one>`: a URI, with a foreign element or none.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const One: fc.Arbitrary<_.One> = fc.record({
  id: A.anyURI,
  other: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: A.foreignElement().map(one) })
})

/** A domain name, or any text (the schema's `xs:string`). */
const Domain: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('example.com', 'example.org', 'bad.example.net', 'xn--bcher-kva.example') },
  { weight: 1, arbitrary: A.xmlText(12) }
)

/**
 * An `<except>`: an id or a domain.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Except: fc.Arbitrary<_.Except> = fc.oneof(
  A.anyURI.map((id): _.Except => ({ id })),
  Domain.map((domain): _.Except => ({ domain }))
)

const otherMember = A.foreignElement().map((element) => ({ _tag: 'Other' as const, element }))

/**
 * A `<many>`: a domain or none, and exceptions and foreign elements in any order.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Many: fc.Arbitrary<_.Many> = A.record(
  {
    domain: Domain,
    members: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: Except.map((except): _.ManyMember => ({ _tag: 'Except', except })) },
        { weight: 1, arbitrary: otherMember }
      ),
      { maxLength: 3 }
    )
  },
  ['domain']
)

/**
 * An identity member.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const IdentityMember: fc.Arbitrary<_.IdentityMember> = fc.oneof(
  { weight: 4, arbitrary: One.map((o): _.IdentityMember => ({ _tag: 'One', one: o })) },
  { weight: 2, arbitrary: Many.map((many): _.IdentityMember => ({ _tag: 'Many', many })) },
  { weight: 1, arbitrary: otherMember }
)

/**
 * The members of an `<identity>`: at least one.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const IdentityMembers: fc.Arbitrary<ReadonlyArray<_.IdentityMember>> = fc.array(IdentityMember, { minLength: 1, maxLength: 3 })

/**
 * An `<identity>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Identity: fc.Arbitrary<_.Identity> = fc.record({ members: IdentityMembers })

const sphereChar = A.xmlChar.filter((c) => c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r')

/**
 * A `<sphere>`: one or more tokens separated by blanks (sometimes with blanks around).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Sphere: fc.Arbitrary<_.Sphere> = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom('work', 'home', 'meeting', 'travel'), fc.string({ unit: sphereChar, minLength: 1, maxLength: 6 })), {
      minLength: 1,
      maxLength: 3
    }),
    fc.constantFrom(' ', '  '),
    fc.constantFrom('', ' ')
  )
  .map(([ts, sep, pad]) => ({ value: pad + ts.join(sep) + pad }))

/**
 * A validity period.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Period: fc.Arbitrary<_.Period> = fc.record({ from: A.dateTime, until: A.dateTime })

/**
 * A `<validity>`: one to three periods.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Validity: fc.Arbitrary<_.Validity> = fc.array(Period, { minLength: 1, maxLength: 3 })

/**
 * `<conditions>` with the given extension fields.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const conditionsWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<_.Conditions<X>> =>
  A.record({ identity: Identity, sphere: Sphere, validity: Validity, ext, other: A.foreignElements() }, [
    'identity',
    'sphere',
    'validity'
  ]) as fc.Arbitrary<_.Conditions<X>>

/**
 * `<actions>` or `<transformations>` with the given extension fields.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const permissionsWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<_.Permissions<X>> =>
  fc.record({ ext, other: A.foreignElements() }) as fc.Arbitrary<_.Permissions<X>>

/**
 * A `<rule>` with the given extension fields at each point.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ruleWith = <C, AX, TX>(exts: {
  readonly conditions: fc.Arbitrary<C>
  readonly actions: fc.Arbitrary<AX>
  readonly transformations: fc.Arbitrary<TX>
}): fc.Arbitrary<_.Rule<C, AX, TX>> =>
  A.record(
    {
      id: A.xmlId,
      conditions: conditionsWith(exts.conditions),
      actions: permissionsWith(exts.actions),
      transformations: permissionsWith(exts.transformations)
    },
    ['conditions', 'actions', 'transformations']
  ) as fc.Arbitrary<_.Rule<C, AX, TX>>

/**
 * A `<ruleset>` with the given extension fields at each point, its rule ids made unique by `codec`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const rulesetWith = <C, AX, TX>(
  codec: XmlCodec<_.Ruleset<C, AX, TX>>,
  exts: { readonly conditions: fc.Arbitrary<C>; readonly actions: fc.Arbitrary<AX>; readonly transformations: fc.Arbitrary<TX> }
): fc.Arbitrary<_.Ruleset<C, AX, TX>> =>
  fc.record({ rules: fc.array(ruleWith(exts), { maxLength: 4 }) }).map(A.uniqueIds(codec))

const none = fc.constant({})

/**
 * A plain common-policy ruleset.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Ruleset: fc.Arbitrary<_.Ruleset> = rulesetWith(_.Ruleset, { conditions: none, actions: none, transformations: none })

// -------------------------------------------------------------------------------------
// registration helpers
// -------------------------------------------------------------------------------------

/**
 * The ids of a ruleset's rules.
 *
 * @category registration
 * @since 0.2.0
 */
export const ruleIds = (s: _.AnyRuleset): ReadonlyArray<string> => s.rules.map((r) => r.id)

/**
 * The identity members of every rule (that has an identity condition), as a traversal: what the traversal laws
 * exercise for `everyRule`, whose own foci (whole rules) cannot all be set to one value in a valid document (rule ids
 * are unique).
 *
 * @category registration
 * @since 0.2.0
 */
export const everyIdentity = <C, AX, TX>(): T.Traversal<_.Ruleset<C, AX, TX>, ReadonlyArray<_.IdentityMember>> =>
  pipe(_.everyRule<C, AX, TX>(), T.composeOptional(_.identityMembers<C, AX, TX>()))

/** The conditions of rule `i` for the linearity sweeps: identities, a sphere on every third, a validity on every fifth. */
const scaledConditions = (i: number): _.Conditions =>
  _.conditions({
    identity: _.identity(
      i % 4 === 3
        ? [_.many({ domain: 'example.com', except: [_.exceptId(`sip:user${i}@example.com`)] })]
        : [`sip:user${i}@example.com`, `tel:+1555${String(i).padStart(7, '0')}`]
    ),
    ...(i % 3 === 0 ? { sphere: _.sphere('work home') } : {}),
    ...(i % 5 === 0 ? { validity: _.validity([['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z']]) } : {})
  })

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

/**
 * The registration of the plain `common-policy` format with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.Ruleset> = {
  format: 'common-policy',
  spec: 'RFC 4745',
  codec: _.document,
  arbitrary: Ruleset,
  schemas: ['common-policy.xsd'],
  namespaces: [_.NS],
  scale: (n) => _.ruleset(Array.from({ length: n }, (_x, i) => _.rule({ id: `r${i}`, conditions: scaledConditions(i), actions: _.permissions(), transformations: _.permissions() }))),
  constructors: {
    freshRuleId: _.freshRuleId,
    one: _.one,
    exceptId: _.exceptId,
    exceptDomain: _.exceptDomain,
    many: _.many,
    identity: _.identity,
    sphere: _.sphere,
    validity: _.validity,
    conditions: _.conditions,
    permissions: _.permissions,
    rule: _.rule,
    ruleset: _.ruleset,
    isValidAt: _.isValidAt,
    withActionField: _.withActionField<{ readonly tag?: string }, 'tag'>('tag'),
    sphereTokens: _.sphereTokens
  },
  optics: [
    optional('ruleById', _.ruleById, {
      keys: ruleIds,
      absent: A.xmlId,
      focus: (id) => ruleWith({ conditions: none, actions: none, transformations: none }).map((r) => ({ ...r, id }))
    }),
    optional('identityMembersById', _.identityMembersById, { keys: ruleIds, absent: A.xmlId, focus: () => IdentityMembers }),
    traversal('everyRule ∘ identityMembers', everyIdentity(), IdentityMembers)
  ]
}
