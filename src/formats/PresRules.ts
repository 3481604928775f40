/**
 * Presence authorization rules (RFC 5025): common policy (RFC 4745) for presence, with the subscription handling
 * action and the transformations that say which parts of a presence document a watcher sees. Namespace
 * `urn:ietf:params:xml:ns:pres-rules`, content type `application/auth-policy+xml` (§9.4), root
 * `{urn:ietf:params:xml:ns:common-policy}ruleset`. The pres-rules elements are typed extensions of common policy:
 * {@link actions} for `'cp:actions'` (`<sub-handling>`, §3.2.1) and {@link transformations} for
 * `'cp:transformations'` (the `provide-*` permissions, §3.3).
 *
 * The full `pres-rules` format (the registered codec, {@link document}) is common policy with these extensions and the
 * OMA conditions (`OmaCommonPolicy`: `<external-list>`, `<anonymous-request/>`, `<other-identity/>`). Its XCAP
 * application usage is the IETF one, AUID `pres-rules` (§9.1), default namespace the pres-rules one (§9.3). OMA
 * clients (and the python3-sipsimple reference client) use the same documents under the AUID
 * `org.openmobilealliance.pres-rules`: {@link omaUsage} says where those live.
 *
 * Beyond the schema: `<all-services/>`, `<all-persons/>` and `<all-devices/>` stand alone in their permission (the
 * schema's choice, §3.3.1); a `<provide-unknown-attribute>` names an unqualified element (`name`, without a prefix)
 * of a namespace URI (`ns`) (§3.3.2.14). A single-valued permission occurs at most once in a rule.
 *
 * @example
 * import * as PresRules from 'sip-simple-payloads/PresRules'
 * const rules = PresRules.presRules([
 *   PresRules.allow(['sip:bob@example.com'], { id: 'friends', transformations: PresRules.provideAll() }),
 *   PresRules.politeBlock(['sip:mallory@example.com'], { id: 'blocked' })
 * ])
 * const body = PresRules.document.encode(rules)
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as Op from '#monocle-ts/Optional'
import type * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Ext from '../codec/Extension.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import { show } from '../codec/DecodeError.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import type { XmlCodec } from '../codec/Element.js'
import * as CommonPolicy from './CommonPolicy.js'
import * as OmaCommonPolicy from './OmaCommonPolicy.js'

/**
 * The pres-rules namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:pres-rules'

/**
 * The content type (RFC 5025 §9.4: that of common policy).
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = CommonPolicy.CONTENT_TYPE

const el = Xml.qname(NS)

/**
 * The IETF application usage (RFC 5025 §9): AUID `pres-rules`, default namespace `urn:ietf:params:xml:ns:pres-rules`,
 * documents in the users tree, conventionally `index` (§9.7). The registered document codec declares this one.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({ auid: 'pres-rules', namespace: NS, mimeType: CONTENT_TYPE })

/**
 * The OMA application usage of the same documents: AUID `org.openmobilealliance.pres-rules`, default namespace
 * common policy's (OMA Presence XDM), documents in the users tree. The python3-sipsimple reference client and OpenXCAP
 * use this AUID with the document `index`; build request URIs with it when talking to such servers
 * (`documentUri(root, PresRules.omaUsage, xui)`).
 *
 * @category model
 * @since 0.2.0
 */
export const omaUsage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: 'org.openmobilealliance.pres-rules',
  namespace: CommonPolicy.NS,
  mimeType: CONTENT_TYPE
})

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The subscription handling values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const subHandlingValue = /*#__PURE__*/ V.literal('block', 'confirm', 'polite-block', 'allow')

/**
 * The subscription authorization decision (RFC 5025 §3.2.1): `block` (0, the default when absent), `confirm` (10),
 * `polite-block` (20) or `allow` (30); across matching rules the highest wins.
 *
 * @category model
 * @since 0.2.0
 */
export type SubHandling = V.LiteralOf<typeof subHandlingValue>

/**
 * The user-input permission values (an enumeration of `xs:string`, so white space around a value is not allowed).
 *
 * @category codecs
 * @since 0.2.0
 */
export const userInputValue: V.LiteralCodec<'false' | 'bare' | 'thresholds' | 'full'> = /*#__PURE__*/ (() => {
  const values = ['false', 'bare', 'thresholds', 'full'] as const
  type U = (typeof values)[number]
  const set = new Set<string>(values)
  // an enumeration of xs:string: white space is not collapsed (" bare " is not "bare")
  const codec = V.make(
    values.map((v) => JSON.stringify(v)).join(' | '),
    (u): u is U => typeof u === 'string' && set.has(u),
    (s) => (set.has(s) ? (s as U) : undefined),
    (s) => s,
    { collapse: false }
  )
  return Object.assign(codec, { values })
})()

/**
 * What a watcher sees of `<user-input>` (RFC 5025 §3.3.2.12): nothing (`false`, 0), the value only (`bare`, 10), the
 * value and the idle threshold (`thresholds`, 20), everything (`full`, 30).
 *
 * @category model
 * @since 0.2.0
 */
export type UserInput = V.LiteralOf<typeof userInputValue>

/**
 * A member of `<provide-services>` (RFC 5025 §3.3.1.3), in document order.
 *
 * @category model
 * @since 0.2.0
 */
export type ServiceMember =
  | { readonly _tag: 'ServiceUri'; readonly serviceUri: string }
  | { readonly _tag: 'ServiceUriScheme'; readonly serviceUriScheme: string }
  | { readonly _tag: 'OccurrenceId'; readonly occurrenceId: string }
  | { readonly _tag: 'Class'; readonly class: string }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * A member of `<provide-devices>` (RFC 5025 §3.3.1.1), in document order.
 *
 * @category model
 * @since 0.2.0
 */
export type DeviceMember =
  | { readonly _tag: 'DeviceID'; readonly deviceID: string }
  | { readonly _tag: 'OccurrenceId'; readonly occurrenceId: string }
  | { readonly _tag: 'Class'; readonly class: string }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * A member of `<provide-persons>` (RFC 5025 §3.3.1.2), in document order.
 *
 * @category model
 * @since 0.2.0
 */
export type PersonMember =
  | { readonly _tag: 'OccurrenceId'; readonly occurrenceId: string }
  | { readonly _tag: 'Class'; readonly class: string }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * A set permission of RFC 5025 §3.3.1: `all` (`<all-services/>`, `<all-persons/>`, `<all-devices/>`), or the members
 * of the set (possibly none), never both.
 *
 * @category model
 * @since 0.2.0
 */
export interface Provide<M> {
  readonly all?: true
  readonly members: ReadonlyArray<M>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * `<provide-services>`.
 *
 * @category model
 * @since 0.2.0
 */
export type ProvideServices = Provide<ServiceMember>

/**
 * `<provide-devices>`.
 *
 * @category model
 * @since 0.2.0
 */
export type ProvideDevices = Provide<DeviceMember>

/**
 * `<provide-persons>`.
 *
 * @category model
 * @since 0.2.0
 */
export type ProvidePersons = Provide<PersonMember>

/**
 * `<provide-unknown-attribute>` (RFC 5025 §3.3.2.14): whether the presence attribute `{ns}name` that the server knows
 * no policy for is shown.
 *
 * @category model
 * @since 0.2.0
 */
export interface UnknownAttribute {
  readonly name: string
  readonly ns: string
  readonly value: boolean
}

/**
 * What pres-rules adds to common-policy `<actions>` (RFC 5025 §3.2).
 *
 * @category model
 * @since 0.2.0
 */
export interface ActionsExt {
  readonly subHandling?: SubHandling
}

/**
 * What pres-rules adds to common-policy `<transformations>` (RFC 5025 §3.3), in the order the encoder writes them:
 * the order of RFC 5025 §3.3 (services, persons, devices, then the attributes), which the RFC's example and clients
 * follow. The schema leaves the order open (the elements sit in common policy's wildcard); another order is kept in
 * the transformations' `order`.
 *
 * @category model
 * @since 0.2.0
 */
export interface TransformationsExt {
  readonly provideServices?: ProvideServices
  readonly providePersons?: ProvidePersons
  readonly provideDevices?: ProvideDevices
  readonly provideActivities?: boolean
  readonly provideClass?: boolean
  readonly provideDeviceID?: boolean
  readonly provideMood?: boolean
  readonly providePlaceIs?: boolean
  readonly providePlaceType?: boolean
  readonly providePrivacy?: boolean
  readonly provideRelationship?: boolean
  readonly provideStatusIcon?: boolean
  readonly provideSphere?: boolean
  readonly provideTimeOffset?: boolean
  readonly provideUserInput?: UserInput
  readonly provideNote?: boolean
  readonly provideUnknownAttributes: ReadonlyArray<UnknownAttribute>
  readonly provideAllAttributes?: true
}

/**
 * The conditions of the full format: common policy's and the OMA ones.
 *
 * @category model
 * @since 0.2.0
 */
export type ConditionsExt = OmaCommonPolicy.ConditionsExt

/**
 * A rule of the full format.
 *
 * @category model
 * @since 0.2.0
 */
export type Rule = CommonPolicy.Rule<ConditionsExt, ActionsExt, TransformationsExt>

/**
 * A presence authorization document of the full format.
 *
 * @category model
 * @since 0.2.0
 */
export type PresRules = CommonPolicy.Ruleset<ConditionsExt, ActionsExt, TransformationsExt>

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const token = (local: string): XmlCodec<string> => C.textElement(el(local), V.token)
const allOf = (local: string): XmlCodec<true> => C.empty(el(local), true as const)

const count = (n: number, one: string): string => `${n} ${n === 1 ? one : one + 's'}`

const provide = <M>(local: string, all: string, members: C.Field<ReadonlyArray<M>>, typeName: string): XmlCodec<Provide<M>> =>
  C.constrain(
    C.element(el(local), { xmlns: C.namespaces(), all: C.optionalChild(allOf(all)), members }, { typeName, unordered: true }),
    (p) =>
      p.all === true && p.members.length > 0
        ? [{ path: [all], message: `expected <${all}/> alone (RFC 5025 §3.3.1), got it with ${count(p.members.length, 'other member')}` }]
        : []
  ) as XmlCodec<Provide<M>>

const occurrenceId = /*#__PURE__*/ C.member('OccurrenceId', 'occurrenceId', token('occurrence-id'))
const classMember = /*#__PURE__*/ C.member('Class', 'class', token('class'))

/**
 * `<provide-services>` (RFC 5025 §3.3.1.3, §7): `<all-services/>` alone, or service URIs, URI schemes, occurrence ids,
 * classes and foreign members in document order.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ProvideServices: XmlCodec<ProvideServices> = /*#__PURE__*/ provide(
  'provide-services',
  'all-services',
  C.choices([
    C.member('ServiceUri', 'serviceUri', C.textElement(el('service-uri'), V.anyURI)),
    C.member('ServiceUriScheme', 'serviceUriScheme', token('service-uri-scheme')),
    occurrenceId,
    classMember,
    C.otherMember(NS)
  ]),
  'ProvideServices'
)

/**
 * `<provide-devices>` (RFC 5025 §3.3.1.1, §7): `<all-devices/>` alone, or device IDs, occurrence ids, classes and
 * foreign members in document order.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ProvideDevices: XmlCodec<ProvideDevices> = /*#__PURE__*/ provide(
  'provide-devices',
  'all-devices',
  C.choices([C.member('DeviceID', 'deviceID', C.textElement(el('deviceID'), V.anyURI)), occurrenceId, classMember, C.otherMember(NS)]),
  'ProvideDevices'
)

/**
 * `<provide-persons>` (RFC 5025 §3.3.1.2, §7): `<all-persons/>` alone, or occurrence ids, classes and foreign members in
 * document order.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ProvidePersons: XmlCodec<ProvidePersons> = /*#__PURE__*/ provide(
  'provide-persons',
  'all-persons',
  C.choices([occurrenceId, classMember, C.otherMember(NS)]),
  'ProvidePersons'
)

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/

/**
 * `<provide-unknown-attribute>` (RFC 5025 §3.3.2.14, §7): `name` "MUST be an unqualified element name" (an NCName:
 * no prefix) and `ns` "MUST be a namespace URI" (a URI with a scheme).
 *
 * @category codecs
 * @since 0.2.0
 */
export const UnknownAttribute: XmlCodec<UnknownAttribute> = /*#__PURE__*/ C.constrain(
  C.element(
    el('provide-unknown-attribute'),
    { name: C.attr('name', V.string), ns: C.attr('ns', V.string), value: C.text(V.boolean) },
    'UnknownAttribute'
  ),
  (u) => [
    ...(V.isNCName(u.name) ? [] : [{ path: ['@name'], message: `expected an unqualified element name (RFC 5025 §3.3.2.14), got ${show(u.name)}` }]),
    ...(SCHEME.test(u.ns) && V.anyURI.is(u.ns) ? [] : [{ path: ['@ns'], message: `expected a namespace URI (RFC 5025 §3.3.2.14), got ${show(u.ns)}` }])
  ]
)

const flag = (local: string): C.Field<boolean, true> => C.optionalChild(el(local), V.boolean)

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * Pres-rules in common-policy `<actions>`: `<sub-handling>` (RFC 5025 §3.2.1).
 *
 * @category extensions
 * @since 0.2.0
 */
export const actions: Ext.Extension<ActionsExt, 'cp:actions'> = /*#__PURE__*/ Ext.fromFields(
  'cp:actions',
  { subHandling: C.optionalChild(el('sub-handling'), subHandlingValue) },
  { name: 'pres-rules' }
)

/**
 * Pres-rules in common-policy `<transformations>`: the `provide-*` permissions (RFC 5025 §3.3).
 *
 * @category extensions
 * @since 0.2.0
 */
export const transformations: Ext.Extension<TransformationsExt, 'cp:transformations'> = /*#__PURE__*/ Ext.fromFields(
  'cp:transformations',
  {
    provideServices: C.optionalChild(ProvideServices),
    providePersons: C.optionalChild(ProvidePersons),
    provideDevices: C.optionalChild(ProvideDevices),
    provideActivities: flag('provide-activities'),
    provideClass: flag('provide-class'),
    provideDeviceID: flag('provide-deviceID'),
    provideMood: flag('provide-mood'),
    providePlaceIs: flag('provide-place-is'),
    providePlaceType: flag('provide-place-type'),
    providePrivacy: flag('provide-privacy'),
    provideRelationship: flag('provide-relationship'),
    provideStatusIcon: flag('provide-status-icon'),
    provideSphere: flag('provide-sphere'),
    provideTimeOffset: flag('provide-time-offset'),
    provideUserInput: C.optionalChild(el('provide-user-input'), userInputValue),
    provideNote: flag('provide-note'),
    provideUnknownAttributes: C.children(UnknownAttribute),
    provideAllAttributes: C.optionalChild(allOf('provide-all-attributes'))
  },
  { name: 'pres-rules' }
)

/**
 * The `<rule>` codec of the full format (a rule on its own, as an XCAP element operation sends it).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Rule: XmlCodec<Rule> = /*#__PURE__*/ CommonPolicy.ruleWith({
  conditions: OmaCommonPolicy.conditions,
  actions,
  transformations
})

/**
 * The `<ruleset>` codec of the full format: common policy with the OMA conditions and the pres-rules actions and
 * transformations.
 *
 * @category codecs
 * @since 0.2.0
 */
export const PresRules: XmlCodec<PresRules> = /*#__PURE__*/ CommonPolicy.rulesetWith({
  conditions: OmaCommonPolicy.conditions,
  actions,
  transformations
})

/**
 * The document codec of the full `pres-rules` format (`application/auth-policy+xml`, AUID `pres-rules`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<PresRules> = /*#__PURE__*/ Doc.xcap(PresRules, {
  id: 'pres-rules',
  title: 'Presence authorization rules (RFC 5025, with the OMA conditions)',
  usage
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The rank of a sub-handling value (RFC 5025 §3.2.1): block 0, confirm 10, polite-block 20, allow 30.
 *
 * @category constructors
 * @since 0.2.0
 */
export const subHandlingRank = (s: SubHandling): number =>
  s === 'allow' ? 30 : s === 'polite-block' ? 20 : s === 'confirm' ? 10 : 0

/**
 * The combined sub-handling of the matching rules (RFC 4745 §10.2, RFC 5025 §3.2.1): the highest value, `block` when
 * no rule has one.
 *
 * @category constructors
 * @since 0.2.0
 */
export const combineSubHandling = (values: ReadonlyArray<SubHandling | undefined>): SubHandling =>
  Read.array(values).reduce<SubHandling>(
    (acc, v) => (subHandlingValue.is(v) && subHandlingRank(v) > subHandlingRank(acc) ? v : acc),
    'block'
  )

/**
 * The transformations that show everything (as OpenXCAP's test document and many clients write them): all services,
 * persons and devices, and all attributes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const provideAll = (): CommonPolicy.Transformations<TransformationsExt> => ({
  ext: {
    provideServices: { all: true, members: [] },
    providePersons: { all: true, members: [] },
    provideDevices: { all: true, members: [] },
    provideUnknownAttributes: [],
    provideAllAttributes: true
  },
  other: []
})

/**
 * Pres-rules transformations from their fields (the unknown attributes default to none).
 *
 * @category constructors
 * @since 0.2.0
 */
export const providing = (fields: Partial<TransformationsExt> = {}): CommonPolicy.Transformations<TransformationsExt> => ({
  ext: Ext.fill(transformations, Read.record(fields) as Partial<TransformationsExt>),
  other: []
})

/**
 * What a pres-rules rule is built from: the identities it applies to (URIs, `<one>`/`<many>` values or identity
 * members; none for a rule without an identity condition), the OMA conditions, a sphere and validity periods, the
 * sub-handling and the transformations.
 *
 * @category constructors
 * @since 0.2.0
 */
export interface RuleInput {
  readonly id?: string
  readonly identities?: ReadonlyArray<string | CommonPolicy.One | CommonPolicy.Many | CommonPolicy.IdentityMember>
  readonly oma?: ConditionsExt
  readonly sphere?: string
  readonly validity?: ReadonlyArray<readonly [string | Date, string | Date] | CommonPolicy.Period>
  readonly subHandling?: SubHandling
  readonly transformations?: CommonPolicy.Transformations<TransformationsExt>
}

/**
 * A pres-rules rule (a fresh id when none is given).
 *
 * @category constructors
 * @since 0.2.0
 */
export const rule = (input: RuleInput = {}): Rule => {
  const i = Read.record(input)
  const ids = Read.array(i.identities)
  const validity = i.validity === undefined ? [] : CommonPolicy.validity(i.validity as RuleInput['validity'] & object)
  const sphere = Read.string(i.sphere)
  const oma = Read.record(i.oma) as ConditionsExt
  const hasConditions = ids.length > 0 || validity.length > 0 || sphere !== undefined || Object.keys(oma).length > 0
  const subHandling = subHandlingValue.is(i.subHandling) ? i.subHandling : undefined
  return CommonPolicy.rule<ConditionsExt, ActionsExt, TransformationsExt>({
    ...(typeof i.id === 'string' ? { id: i.id } : {}),
    ...(hasConditions
      ? {
          conditions: CommonPolicy.conditions<ConditionsExt>({
            ...(ids.length > 0 ? { identity: CommonPolicy.identity(ids as RuleInput['identities'] & object) } : {}),
            ...(sphere === undefined ? {} : { sphere: CommonPolicy.sphere(sphere) }),
            ...(validity.length > 0 ? { validity } : {}),
            ext: oma
          })
        }
      : {}),
    ...(subHandling === undefined ? {} : { actions: { ext: { subHandling }, other: [] } }),
    ...(Read.isRecord(i.transformations) ? { transformations: i.transformations as unknown as CommonPolicy.Transformations<TransformationsExt> } : {})
  })
}

type HandlingInput = Omit<RuleInput, 'identities' | 'subHandling'>

const handled =
  (subHandling: SubHandling) =>
  (identities: ReadonlyArray<string | CommonPolicy.One | CommonPolicy.Many | CommonPolicy.IdentityMember>, options: HandlingInput = {}): Rule =>
    rule({ ...Read.record(options), identities: Read.array(identities) as RuleInput['identities'] & object, subHandling })

/**
 * A rule that allows these identities to subscribe (`<sub-handling>allow</sub-handling>`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const allow = /*#__PURE__*/ handled('allow')

/**
 * A rule that blocks these identities (their subscriptions are rejected).
 *
 * @category constructors
 * @since 0.2.0
 */
export const block = /*#__PURE__*/ handled('block')

/**
 * A rule that politely blocks these identities (their subscriptions are accepted with a neutral document).
 *
 * @category constructors
 * @since 0.2.0
 */
export const politeBlock = /*#__PURE__*/ handled('polite-block')

/**
 * A rule that asks the presentity about these identities (their subscriptions wait, pending).
 *
 * @category constructors
 * @since 0.2.0
 */
export const confirm = /*#__PURE__*/ handled('confirm')

/**
 * A presence authorization document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const presRules = (rules: ReadonlyArray<Rule> = []): PresRules => CommonPolicy.ruleset(rules)

/**
 * A rule with this sub-handling, `<actions>` created when it has none; `undefined` removes the sub-handling.
 *
 * @category constructors
 * @since 0.2.0
 */
export const withSubHandling = (r: Rule, value: SubHandling | undefined): Rule =>
  CommonPolicy.withActionField<ActionsExt, 'subHandling'>('subHandling')(r, subHandlingValue.is(value) ? value : undefined)

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The rule with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const ruleById = (id: string): Op.Optional<PresRules, Rule> =>
  CommonPolicy.ruleById<ConditionsExt, ActionsExt, TransformationsExt>(id)

/**
 * Every rule.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyRule: T.Traversal<PresRules, Rule> = /*#__PURE__*/ CommonPolicy.everyRule<ConditionsExt, ActionsExt, TransformationsExt>()

/**
 * The identity members of the rule with this id (where it has an identity condition).
 *
 * @category optics
 * @since 0.2.0
 */
export const identityMembersById = (id: string): Op.Optional<PresRules, ReadonlyArray<CommonPolicy.IdentityMember>> =>
  CommonPolicy.identityMembersById<ConditionsExt, ActionsExt, TransformationsExt>(id)

/**
 * The sub-handling of a rule that has `<actions>`; setting `undefined` removes it. (To give a rule without `<actions>`
 * a sub-handling, use {@link withSubHandling}.)
 *
 * @category optics
 * @since 0.2.0
 */
export const subHandling: Op.Optional<Rule, SubHandling | undefined> = /*#__PURE__*/ CommonPolicy.actionField<
  ActionsExt,
  'subHandling'
>('subHandling')<ConditionsExt, TransformationsExt>()

/**
 * The sub-handling of the rule with this id (where the rule has `<actions>`).
 *
 * @example
 * import * as PresRules from 'sip-simple-payloads/PresRules'
 * const doc = PresRules.presRules([PresRules.confirm(['sip:bob@example.com'], { id: 'unlisted' })])
 * const allowed = PresRules.subHandlingById('unlisted').set('allow')(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const subHandlingById = (id: string): Op.Optional<PresRules, SubHandling | undefined> =>
  pipe(ruleById(id), Op.compose(subHandling))
