/**
 * Arbitraries of the OMA common-policy conditions (`<external-list>`, `<anonymous-request/>`, `<other-identity/>`),
 * part of the full `pres-rules` and `dialog-rules` formats (see `laws/formats/PresRules.ts`).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import type * as _ from '../../src/formats/OmaCommonPolicy.js'
import * as A from '../Arbitrary.js'

/**
 * An `<entry>`: an anchor (mostly an XCAP URI of a resource-lists `<list>`), or none, with attributes of other
 * namespaces or none.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Entry: fc.Arbitrary<_.Entry> = A.record(
  {
    anc: fc.oneof(
      { weight: 3, arbitrary: A.ncname.map((n) => `https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22${n}%22%5D`) },
      { weight: 1, arbitrary: A.anyURI }
    ),
    otherAttrs: A.foreignAttrs
  },
  ['anc', 'otherAttrs']
)

/**
 * An `<external-list>` (possibly empty).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ExternalList: fc.Arbitrary<_.ExternalList> = fc.array(Entry, { maxLength: 3 })

/**
 * The OMA fields of `<conditions>`, each present or not.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const conditions: fc.Arbitrary<_.ConditionsExt> = A.record(
  { externalList: ExternalList, anonymousRequest: fc.constant(true as const), otherIdentity: fc.constant(true as const) },
  ['externalList', 'anonymousRequest', 'otherIdentity']
)
