/**
 * Arbitraries and the law registration of RLS services (RFC 4826 §4).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../../src/xml/Ast.js'
import * as RL from '../../src/formats/ResourceLists.js'
import * as _ from '../../src/formats/RlsServices.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import { selector } from '../Selector.js'
import type { FormatLaws } from '../Registration.js'
import * as RLA from './ResourceLists.js'

/** An event package name: mostly a registered one, sometimes any text (the schema's type is `xs:string`). */
const PackageName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('presence', 'dialog', 'message-summary', 'conference', 'reg') },
  { weight: 1, arbitrary: A.xmlText(10) }
)

/**
 * `<packages>`: foreign elements only after a package, as the schema's repeated (package, any*) says.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Packages: fc.Arbitrary<_.Packages> = A.record(
  { packages: fc.array(PackageName, { maxLength: 3 }), other: A.foreignElements() },
  []
)
  .map((p) => (p.packages.length === 0 ? { packages: [], other: [] } : p))

/**
 * The URI of a list in a resource-lists document, as `<resource-list>` holds it.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ResourceList: fc.Arbitrary<string> = RLA.Anchor

/**
 * A service: a resource-list reference or a list in place.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Service: fc.Arbitrary<_.Service> = A.record(
  {
    uri: A.anyURI,
    otherAttrs: A.foreignAttrs,
    resources: fc.oneof(
      ResourceList.map((resourceList): _.Resources => ({ _tag: 'ResourceList', resourceList })),
      RLA.List.map((list): _.Resources => ({ _tag: 'List', list }))
    ),
    packages: Packages,
    other: A.foreignElements()
  },
  ['otherAttrs', 'packages']
)

/** Makes service URIs unique in their canonical form (RFC 4826 §4.4.5). */
const uniqueServices = (services: ReadonlyArray<_.Service>): ReadonlyArray<_.Service> => {
  const seen = new Set<string>()
  return services.map((s) => {
    let uri = s.uri
    for (let n = 2; seen.has(_.canonicalUri(uri)); n++) uri = `${s.uri}-${n}`
    seen.add(_.canonicalUri(uri))
    return uri === s.uri ? s : { ...s, uri }
  })
}

/**
 * An rls-services document.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const RlsServices: fc.Arbitrary<_.RlsServices> = fc
  .array(Service, { maxLength: 3 })
  .map((services) => ({ services: uniqueServices(services) }))

/** `everyPackage` of the document's first service (whichever it is), as one traversal to law-test. */
const firstServicePackages: T.Traversal<_.RlsServices, string> = T.traversal(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (F: any) => (f: any) => (s: _.RlsServices) =>
    s.services.length === 0 ? F.of(s) : _.everyPackage(s.services[0].uri).modifyF(F)(f)(s)
)

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.RlsServices> = {
  format: 'rls-services',
  spec: 'RFC 4826',
  codec: _.document,
  arbitrary: RlsServices,
  schemas: ['rlsservices.xsd', 'resourcelists.xsd'],
  namespaces: [_.NS, RL.NS],
  names: [
    ...['rls-services', 'service', 'resource-list', 'list', 'packages', 'package'].map(el),
    ...['list', 'entry', 'entry-ref', 'external', 'display-name'].map(Xml.qname(RL.NS))
  ],
  scale: (n) =>
    _.rlsServices(
      Array.from({ length: n }, (_x, i) =>
        _.service({
          uri: `sip:alice+list${i}@example.com`,
          resourceList: `https://xcap.example.com/resource-lists/users/sip:alice@example.com/index/~~/*/list[${i + 1}]`,
          packages: i % 2 === 0 ? ['presence'] : ['presence', 'dialog']
        })
      )
    ),
  constructors: { service: _.service, rlsServices: _.rlsServices, canonicalUri: _.canonicalUri },
  selectors: [
    selector('serviceSelector', {
      keys: (d) => d.services.map((s) => s.uri),
      target: (uri, d) => _.serviceSelector(d, uri),
      optic: _.serviceByUri,
      focus: _.Service
    })
  ],
  optics: [
    optional('serviceByUri', _.serviceByUri, {
      keys: (d) => d.services.map((s) => s.uri),
      absent: A.anyURI,
      focus: (uri) => Service.map((s) => ({ ...s, uri }))
    }),
    traversal('everyPackage (of the first service)', firstServicePackages, PackageName)
  ]
}
