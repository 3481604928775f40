/**
 * Dialog authorization rules (AG Projects, `dialog-rules.xsd`): common policy (RFC 4745) for subscriptions to the
 * dialog event package (RFC 4235), as pres-rules (RFC 5025) is for presence. Namespace
 * `urn:ag-projects:xml:ns:dialog-rules`, content type `application/auth-policy+xml`, root
 * `{urn:ietf:params:xml:ns:common-policy}ruleset`. The schema adds one element: `<dr:sub-handling>` in `<actions>`,
 * with the values and meaning of the pres-rules one (block, confirm, polite-block, allow). The full `dialog-rules`
 * format (the registered codec, {@link document}) also reads the OMA conditions (`OmaCommonPolicy`), as the reference
 * client registers them for this document; transformations have no typed extension (they stay in `other`).
 *
 * XCAP application usage: AUID `org.openxcap.dialog-rules`, documents in the users tree named `index`, default
 * namespace the dialog-rules one (the reference client's; OpenXCAP announces `http://openxcap.org/ns/dialog-rules`,
 * which only matters for node selectors).
 *
 * @example
 * import * as DialogRules from 'sip-simple-payloads/DialogRules'
 * const rules = DialogRules.dialogRules([
 *   DialogRules.allow(['sip:alice@example.com'], { id: 'wp_dlg_allow_own' }),
 *   DialogRules.rule({ id: 'wp_dlg_block_anonymous', oma: { anonymousRequest: true }, subHandling: 'block' })
 * ])
 * const body = DialogRules.document.encode(rules)
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
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import type { XmlCodec } from '../codec/Element.js'
import * as CommonPolicy from './CommonPolicy.js'
import * as OmaCommonPolicy from './OmaCommonPolicy.js'

/**
 * The dialog-rules namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ag-projects:xml:ns:dialog-rules'

/**
 * The content type (that of common policy).
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = CommonPolicy.CONTENT_TYPE

const el = Xml.qname(NS)

/**
 * The XCAP application usage: AUID `org.openxcap.dialog-rules`, documents in the users tree, named `index`.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: 'org.openxcap.dialog-rules',
  namespace: NS,
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
 * The authorization decision for a dialog subscription, as in pres-rules (RFC 5025 §3.2.1): `block` (the default when
 * absent), `confirm`, `polite-block` or `allow`, the highest winning across matching rules.
 *
 * @category model
 * @since 0.2.0
 */
export type SubHandling = V.LiteralOf<typeof subHandlingValue>

/**
 * What dialog-rules adds to common-policy `<actions>`.
 *
 * @category model
 * @since 0.2.0
 */
export interface ActionsExt {
  readonly subHandling?: SubHandling
}

/**
 * The conditions of the full format: common policy's and the OMA ones.
 *
 * @category model
 * @since 0.2.0
 */
export type ConditionsExt = OmaCommonPolicy.ConditionsExt

/**
 * A rule of the full format (transformations without a typed extension).
 *
 * @category model
 * @since 0.2.0
 */
export type Rule = CommonPolicy.Rule<ConditionsExt, ActionsExt>

/**
 * A dialog authorization document of the full format.
 *
 * @category model
 * @since 0.2.0
 */
export type DialogRules = CommonPolicy.Ruleset<ConditionsExt, ActionsExt>

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * Dialog-rules in common-policy `<actions>`: `<dr:sub-handling>`, at most once.
 *
 * @category extensions
 * @since 0.2.0
 */
export const actions: Ext.Extension<ActionsExt, 'cp:actions'> = /*#__PURE__*/ Ext.fromFields(
  'cp:actions',
  { subHandling: C.optionalChild(el('sub-handling'), subHandlingValue) },
  { name: 'dialog-rules' }
)

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<rule>` codec of the full format (a rule on its own, as an XCAP element operation sends it).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Rule: XmlCodec<Rule> = /*#__PURE__*/ CommonPolicy.ruleWith({ conditions: OmaCommonPolicy.conditions, actions })

/**
 * The `<ruleset>` codec of the full format: common policy with the OMA conditions and the dialog-rules action.
 *
 * @category codecs
 * @since 0.2.0
 */
export const DialogRules: XmlCodec<DialogRules> = /*#__PURE__*/ CommonPolicy.rulesetWith({
  conditions: OmaCommonPolicy.conditions,
  actions
})

/**
 * The document codec of the full `dialog-rules` format (`application/auth-policy+xml`, AUID
 * `org.openxcap.dialog-rules`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<DialogRules> = /*#__PURE__*/ Doc.xcap(DialogRules, {
  id: 'dialog-rules',
  title: 'Dialog authorization rules (AG Projects, with the OMA conditions)',
  usage
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * What a dialog-rules rule is built from (see `PresRules.RuleInput`; transformations are foreign elements only).
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
}

/**
 * A dialog-rules rule (a fresh id when none is given).
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
  return CommonPolicy.rule<ConditionsExt, ActionsExt>({
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
    ...(subHandling === undefined ? {} : { actions: { ext: { subHandling }, other: [] } })
  })
}

type HandlingInput = Omit<RuleInput, 'identities' | 'subHandling'>

const handled =
  (subHandling: SubHandling) =>
  (identities: ReadonlyArray<string | CommonPolicy.One | CommonPolicy.Many | CommonPolicy.IdentityMember>, options: HandlingInput = {}): Rule =>
    rule({ ...Read.record(options), identities: Read.array(identities) as RuleInput['identities'] & object, subHandling })

/**
 * A rule that allows these identities to subscribe to my dialogs.
 *
 * @category constructors
 * @since 0.2.0
 */
export const allow = /*#__PURE__*/ handled('allow')

/**
 * A rule that blocks these identities.
 *
 * @category constructors
 * @since 0.2.0
 */
export const block = /*#__PURE__*/ handled('block')

/**
 * A rule that politely blocks these identities.
 *
 * @category constructors
 * @since 0.2.0
 */
export const politeBlock = /*#__PURE__*/ handled('polite-block')

/**
 * A rule that asks about these identities.
 *
 * @category constructors
 * @since 0.2.0
 */
export const confirm = /*#__PURE__*/ handled('confirm')

/**
 * A dialog authorization document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dialogRules = (rules: ReadonlyArray<Rule> = []): DialogRules => CommonPolicy.ruleset(rules)

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
export const ruleById = (id: string): Op.Optional<DialogRules, Rule> => CommonPolicy.ruleById<ConditionsExt, ActionsExt>(id)

/**
 * Every rule.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyRule: T.Traversal<DialogRules, Rule> = /*#__PURE__*/ CommonPolicy.everyRule<ConditionsExt, ActionsExt>()

/**
 * The identity members of the rule with this id (where it has an identity condition).
 *
 * @category optics
 * @since 0.2.0
 */
export const identityMembersById = (id: string): Op.Optional<DialogRules, ReadonlyArray<CommonPolicy.IdentityMember>> =>
  CommonPolicy.identityMembersById<ConditionsExt, ActionsExt>(id)

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
>('subHandling')<ConditionsExt>()

/**
 * The sub-handling of the rule with this id (where the rule has `<actions>`).
 *
 * @category optics
 * @since 0.2.0
 */
export const subHandlingById = (id: string): Op.Optional<DialogRules, SubHandling | undefined> =>
  pipe(ruleById(id), Op.compose(subHandling))
