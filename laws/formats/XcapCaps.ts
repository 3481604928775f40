/**
 * Arbitraries and the law registration of XCAP server capabilities (RFC 4825 §12).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/XcapCaps.js'
import * as XcapErrorCodec from '../../src/formats/XcapError.js'
import * as A from '../Arbitrary.js'
import { traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'
import { Auid, locationHint } from './XcapDirectory.js'
import { ErrorCondition } from './XcapError.js'

/**
 * An extension name: a token of the kind XCAP extensions define, or any text (the type is `xs:string`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ExtensionName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('xcap-diff', 'patch-ops', 'search'),
  A.token,
  A.xmlText(10)
)

/**
 * A namespace URI: those of the usual application usages, any URI, sometimes on its own line (kept as written).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const NamespaceUri: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    _.NS,
    'urn:ietf:params:xml:ns:xcap-error',
    'urn:ietf:params:xml:ns:resource-lists',
    'urn:ietf:params:xml:ns:rls-services',
    'urn:oma:xml:xdm:xcap-directory'
  ),
  A.anyURI,
  A.anyURI.map((u) => `\n      ${u}\n    `)
)

/**
 * Elements of another namespace after the lists. The copy of the schema the tests validate against has a strict
 * wildcard there, so the elements must be declared by a schema the validator has: XCAP error documents are used.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Other: fc.Arbitrary<ReadonlyArray<Xml.Element>> = fc.oneof(
  { weight: 3, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.array(ErrorCondition.map((error) => XcapErrorCodec.XcapError.encode({ error })), { minLength: 1, maxLength: 2 }) }
)

/**
 * An XCAP capabilities document (always with `<extensions>`, which the tests' copy of the schema requires).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const XcapCaps: fc.Arbitrary<_.XcapCaps> = A.record(
  {
    otherAttrs: locationHint(_.NS, 'xcap-caps.xsd'),
    auids: fc.array(Auid, { maxLength: 5 }),
    extensions: fc.array(ExtensionName, { maxLength: 3 }),
    namespaces: fc.array(NamespaceUri, { maxLength: 5 }),
    other: Other
  },
  ['otherAttrs']
)

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.XcapCaps> = {
  format: 'xcap-caps',
  spec: 'RFC 4825',
  codec: _.document,
  arbitrary: XcapCaps,
  schemas: ['xcap-caps.xsd', 'extra/xcap-error.xsd'],
  constructors: { xcapCaps: _.xcapCaps, supports: _.supports },
  scale: (n) =>
    _.xcapCaps({
      auids: Array.from({ length: n }, (_x, i) => `org.example.usage-${i}`),
      extensions: ['xcap-diff'],
      namespaces: Array.from({ length: n }, (_x, i) => `urn:example:usage:${i}`)
    }),
  namespaces: [_.NS],
  names: [el('xcap-caps'), el('auids'), el('auid'), el('extensions'), el('extension'), el('namespaces'), el('namespace')],
  optics: [
    traversal('everyAuid', _.everyAuid, Auid),
    traversal('everyNamespace', _.everyNamespace, NamespaceUri),
    traversal('everyExtension', _.everyExtension, ExtensionName)
  ]
}
