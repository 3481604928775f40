/**
 * Arbitraries and the law registration of the full `dialog-rules` format (AG Projects: common policy with
 * `<dr:sub-handling>` and the OMA conditions).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as T from '#monocle-ts/Traversal'
import { pipe } from '#fp-ts/function'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as OmaCommonPolicy from '../../src/formats/OmaCommonPolicy.js'
import * as _ from '../../src/formats/DialogRules.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import { selector } from '../Selector.js'
import type { ExtensionLaws, FormatLaws } from '../Registration.js'
import * as CP from './CommonPolicy.js'
import * as OmaA from './OmaCommonPolicy.js'

/**
 * A sub-handling value.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const SubHandling: fc.Arbitrary<_.SubHandling> = A.literal(_.subHandlingValue)

/**
 * The dialog-rules fields of `<actions>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const actions: fc.Arbitrary<_.ActionsExt> = A.record({ subHandling: SubHandling }, ['subHandling'])

const exts = { conditions: OmaA.conditions, actions, transformations: fc.constant({}) }

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
export const DialogRules: fc.Arbitrary<_.DialogRules> = CP.rulesetWith(_.DialogRules, exts)

const XCAP = 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22'

/**
 * The dialog-rules rule of index `i`: the reference client's five canonical rules, then rules for one or two
 * identities with each sub-handling in turn.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const dialogRule = (i: number): _.Rule => {
  switch (i) {
    case 0:
      return _.rule({ id: 'wp_dlg_grantedcontacts', oma: { externalList: OmaCommonPolicy.externalList([`${XCAP}dialog_grantedcontacts%22%5D`]) }, subHandling: 'allow' })
    case 1:
      return _.rule({ id: 'wp_dlg_blockedcontacts', oma: { externalList: OmaCommonPolicy.externalList([`${XCAP}dialog_blockedcontacts%22%5D`]) }, subHandling: 'polite-block' })
    case 2:
      return _.rule({ id: 'wp_dlg_unlisted', oma: { otherIdentity: true }, subHandling: 'confirm' })
    case 3:
      return _.rule({ id: 'wp_dlg_block_anonymous', oma: { anonymousRequest: true }, subHandling: 'block' })
    case 4:
      return _.allow(['sip:alice@example.com'], { id: 'wp_dlg_allow_own' })
    default: {
      const who = Array.from({ length: 1 + (i % 2) }, (_x, k) => `sip:peer${i}-${k}@example.com`)
      const make = [_.allow, _.block, _.politeBlock, _.confirm][i % 4]
      return make(who, { id: `rule${i}` })
    }
  }
}

/**
 * The registration of the full `dialog-rules` format with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.DialogRules> = {
  format: 'dialog-rules',
  spec: 'AG Projects dialog-rules, RFC 4745, OMA XDM common policy',
  codec: _.document,
  arbitrary: DialogRules,
  schemas: ['common-policy.xsd', 'dialog-rules.xsd', 'oma-common-policy.xsd'],
  namespaces: [CommonPolicy.NS, _.NS, OmaCommonPolicy.NS],
  scale: (n) => _.dialogRules(Array.from({ length: n }, (_x, i) => dialogRule(i))),
  constructors: {
    rule: _.rule,
    allow: _.allow,
    block: _.block,
    politeBlock: _.politeBlock,
    confirm: _.confirm,
    dialogRules: _.dialogRules,
    withSubHandling: _.withSubHandling
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
    traversal('everyRule ∘ subHandling', pipe(_.everyRule, T.composeOptional(_.subHandling)), fc.option(SubHandling, { nil: undefined }))
  ],
  extensions: [
    {
      name: 'cp:actions (dialog-rules)',
      host: (ext) => CommonPolicy.actionsWith(ext) as never,
      extensions: [_.actions],
      elements: CP.permissionsWith(actions).map((a) => CommonPolicy.actionsWith(_.actions).encode(a))
    }
  ] satisfies ReadonlyArray<ExtensionLaws>
}
