/**
 * Arbitraries of pres-rules (RFC 5025), the law registration of the full `pres-rules` format (common policy with the
 * pres-rules actions and transformations and the OMA conditions), and `presRules500`, the benchmark document.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as T from '#monocle-ts/Traversal'
import { pipe } from '#fp-ts/function'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as OmaCommonPolicy from '../../src/formats/OmaCommonPolicy.js'
import * as _ from '../../src/formats/PresRules.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import { selector } from '../Selector.js'
import type { ExtensionLaws, FormatLaws } from '../Registration.js'
import * as CP from './CommonPolicy.js'
import * as OmaA from './OmaCommonPolicy.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/**
 * A sub-handling value.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const SubHandling: fc.Arbitrary<_.SubHandling> = A.literal(_.subHandlingValue)

/**
 * A user-input permission value.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const UserInput: fc.Arbitrary<_.UserInput> = A.literal(_.userInputValue)

const other = A.foreignElement().map((element) => ({ _tag: 'Other' as const, element }))
const occurrenceId = A.token.map((occurrenceId) => ({ _tag: 'OccurrenceId' as const, occurrenceId }))
const klass = fc.oneof(fc.constantFrom('biz', 'home', 'work'), A.token).map((c) => ({ _tag: 'Class' as const, class: c }))

const provide = <M>(member: fc.Arbitrary<M>): fc.Arbitrary<_.Provide<M>> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant<_.Provide<M>>({ all: true, members: [] }) },
    { weight: 2, arbitrary: fc.array(member, { maxLength: 4 }).map((members): _.Provide<M> => ({ members })) }
  )

/**
 * `<provide-services>`: all services, or a set of members.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ProvideServices: fc.Arbitrary<_.ProvideServices> = provide<_.ServiceMember>(
  fc.oneof(
    A.anyURI.map((serviceUri) => ({ _tag: 'ServiceUri' as const, serviceUri })),
    fc.oneof(fc.constantFrom('sip', 'mailto', 'tel', 'im'), A.token).map((serviceUriScheme) => ({ _tag: 'ServiceUriScheme' as const, serviceUriScheme })),
    occurrenceId,
    klass,
    other
  )
)

/**
 * `<provide-devices>`: all devices, or a set of members.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ProvideDevices: fc.Arbitrary<_.ProvideDevices> = provide<_.DeviceMember>(
  fc.oneof(A.anyURI.map((deviceID) => ({ _tag: 'DeviceID' as const, deviceID })), occurrenceId, klass, other)
)

/**
 * `<provide-persons>`: all persons, or a set of members.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ProvidePersons: fc.Arbitrary<_.ProvidePersons> = provide<_.PersonMember>(fc.oneof(occurrenceId, klass, other))

/**
 * `<provide-unknown-attribute>`: an NCName in a namespace URI.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const UnknownAttribute: fc.Arbitrary<_.UnknownAttribute> = fc.record({ name: A.ncname, ns: A.anyURI, value: fc.boolean() })

/**
 * The pres-rules fields of `<actions>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const actions: fc.Arbitrary<_.ActionsExt> = A.record({ subHandling: SubHandling }, ['subHandling'])

/**
 * The pres-rules fields of `<transformations>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const transformations: fc.Arbitrary<_.TransformationsExt> = A.record(
  {
    provideServices: ProvideServices,
    providePersons: ProvidePersons,
    provideDevices: ProvideDevices,
    provideActivities: fc.boolean(),
    provideClass: fc.boolean(),
    provideDeviceID: fc.boolean(),
    provideMood: fc.boolean(),
    providePlaceIs: fc.boolean(),
    providePlaceType: fc.boolean(),
    providePrivacy: fc.boolean(),
    provideRelationship: fc.boolean(),
    provideStatusIcon: fc.boolean(),
    provideSphere: fc.boolean(),
    provideTimeOffset: fc.boolean(),
    provideUserInput: UserInput,
    provideNote: fc.boolean(),
    provideUnknownAttributes: fc.array(UnknownAttribute, { maxLength: 2 }),
    provideAllAttributes: fc.constant(true as const)
  },
  [
    'provideServices',
    'providePersons',
    'provideDevices',
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
    'provideUserInput',
    'provideNote',
    'provideAllAttributes'
  ]
)

const exts = { conditions: OmaA.conditions, actions, transformations }

/**
 * A rule of the full format.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Rule: fc.Arbitrary<_.Rule> = CP.ruleWith(exts)

/**
 * A document of the full format, with unique rule ids.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const PresRules: fc.Arbitrary<_.PresRules> = CP.rulesetWith(_.PresRules, exts)

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

const XCAP = 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22'

/**
 * The pres-rules rule of index `i` (deterministic): the reference client's five canonical rules first, then rules
 * that allow, block, politely block or confirm one to three identities, some for a domain with exceptions, some with
 * a sphere or a validity period, the allowing ones with transformations.
 */
const presRule = (i: number): _.Rule => {
  switch (i) {
    case 0:
      return _.rule({ id: 'wp_prs_grantedcontacts', oma: { externalList: OmaCommonPolicy.externalList([`${XCAP}oma_grantedcontacts%22%5D`]) }, subHandling: 'allow' })
    case 1:
      return _.rule({ id: 'wp_prs_blockedcontacts', oma: { externalList: OmaCommonPolicy.externalList([`${XCAP}oma_blockedcontacts%22%5D`]) }, subHandling: 'polite-block' })
    case 2:
      return _.rule({ id: 'wp_prs_unlisted', oma: { otherIdentity: true }, subHandling: 'confirm' })
    case 3:
      return _.rule({ id: 'wp_prs_block_anonymous', oma: { anonymousRequest: true }, subHandling: 'block' })
    case 4:
      return _.allow(['sip:alice@example.com'], { id: 'wp_prs_allow_own' })
    default:
      break
  }
  const who =
    i % 7 === 0
      ? [CommonPolicy.many({ domain: `dept${i % 13}.example.com`, except: [CommonPolicy.exceptId(`sip:intern${i}@dept${i % 13}.example.com`)] })]
      : Array.from({ length: 1 + (i % 3) }, (_x, k) => `sip:watcher${i}-${k}@example.com`)
  const options = {
    id: `rule${i}`,
    ...(i % 11 === 0 ? { sphere: 'work' } : {}),
    ...(i % 17 === 0 ? { validity: [['2026-01-01T00:00:00Z', '2026-12-31T23:59:59Z'] as const] } : {})
  }
  switch (i % 4) {
    case 0:
      return _.allow(who, { ...options, transformations: _.provideAll() })
    case 1:
      return _.allow(who, {
        ...options,
        transformations: _.providing({
          provideServices: { members: [{ _tag: 'ServiceUriScheme', serviceUriScheme: 'sip' }, { _tag: 'Class', class: 'work' }] },
          providePersons: { all: true, members: [] },
          provideActivities: true,
          provideMood: i % 2 === 0,
          provideUserInput: 'bare',
          provideUnknownAttributes: [{ name: 'foo', ns: 'urn:vendor-specific:foo-namespace', value: true }]
        })
      })
    case 2:
      return _.politeBlock(who, options)
    default:
      return i % 8 === 3 ? _.block(who, options) : _.confirm(who, options)
  }
}

/**
 * A pres-rules document of `n` rules (see {@link presRule}).
 *
 * @category documents
 * @since 0.2.0
 */
export const presRulesOf = (n: number): _.PresRules => _.presRules(Array.from({ length: n }, (_x, i) => presRule(i)))

/**
 * The benchmark document: 500 rules, deterministic, valid by the schemas (common-policy, pres-rules, OMA).
 *
 * @category documents
 * @since 0.2.0
 */
export const presRules500 = (): _.PresRules => presRulesOf(500)

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

const extensionLaws: ReadonlyArray<ExtensionLaws> = [
  {
    name: 'cp:conditions (pres-rules)',
    host: (ext) => CommonPolicy.conditionsWith(ext) as never,
    extensions: [OmaCommonPolicy.conditions],
    elements: CP.conditionsWith(OmaA.conditions).map((c) => CommonPolicy.conditionsWith(OmaCommonPolicy.conditions).encode(c))
  },
  {
    name: 'cp:actions (pres-rules)',
    host: (ext) => CommonPolicy.actionsWith(ext) as never,
    extensions: [_.actions],
    elements: CP.permissionsWith(actions).map((a) => CommonPolicy.actionsWith(_.actions).encode(a))
  },
  {
    name: 'cp:transformations (pres-rules)',
    host: (ext) => CommonPolicy.transformationsWith(ext) as never,
    extensions: [_.transformations],
    elements: CP.permissionsWith(transformations).map((a) => CommonPolicy.transformationsWith(_.transformations).encode(a))
  }
]

/**
 * The registration of the full `pres-rules` format with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.PresRules> = {
  format: 'pres-rules',
  spec: 'RFC 5025, RFC 4745, OMA XDM common policy',
  codec: _.document,
  arbitrary: PresRules,
  schemas: ['common-policy.xsd', 'pres-rules.xsd', 'oma-common-policy.xsd'],
  namespaces: [CommonPolicy.NS, _.NS, OmaCommonPolicy.NS],
  scale: presRulesOf,
  constructors: {
    subHandlingRank: _.subHandlingRank,
    combineSubHandling: _.combineSubHandling,
    provideAll: _.provideAll,
    providing: _.providing,
    rule: _.rule,
    allow: _.allow,
    block: _.block,
    politeBlock: _.politeBlock,
    confirm: _.confirm,
    presRules: _.presRules,
    withSubHandling: _.withSubHandling,
    'OmaCommonPolicy.entry': OmaCommonPolicy.entry,
    'OmaCommonPolicy.externalList': OmaCommonPolicy.externalList,
    'OmaCommonPolicy.anchorsOf': OmaCommonPolicy.anchorsOf
  },
  selectors: [
    selector('ruleSelector', { keys: CP.ruleIds, target: (id, s) => CommonPolicy.ruleSelector(s, id), optic: _.ruleById, focus: _.Rule })
  ],
  optics: [
    optional('ruleById', _.ruleById, { keys: CP.ruleIds, absent: A.xmlId, focus: (id) => Rule.map((r) => ({ ...r, id })) }),
    optional('identityMembersById', _.identityMembersById, { keys: CP.ruleIds, absent: A.xmlId, focus: () => CP.IdentityMembers }),
    optional('subHandlingById', _.subHandlingById, {
      keys: CP.ruleIds,
      absent: A.xmlId,
      focus: () => fc.option(SubHandling, { nil: undefined })
    }),
    traversal('everyRule ∘ subHandling', pipe(_.everyRule, T.composeOptional(_.subHandling)), fc.option(SubHandling, { nil: undefined })),
    traversal('everyRule ∘ identityMembers', CP.everyIdentity(), CP.IdentityMembers)
  ],
  extensions: extensionLaws
}
