/**
 * XCAP server capabilities (RFC 4825 §12): the one document in the global tree of the `xcap-caps` application usage
 * (`<xcap-root>/xcap-caps/global/index`) that lists what a server supports: application usages (`<auids>`), extensions
 * (`<extensions>`) and namespaces (`<namespaces>`), each a wrapper list, then elements of other namespaces. Namespace
 * `urn:ietf:params:xml:ns:xcap-caps`, content type `application/xcap-caps+xml`. Every server must list the `xcap-caps`
 * AUID and namespace; {@link xcapCaps} adds them, and {@link supports} answers what a client asks.
 *
 * The RFC's schema (§12.2) makes `<extensions>` optional and its wildcard lax, and the codec reads documents by it;
 * the copy of the schema shipped with python3-sipsimple, which the tests validate against, requires `<extensions>` and
 * has a strict wildcard, so the encoder writes `<extensions>` whenever the value has it (the constructor always gives
 * it). The root takes no attributes but the schema location hints XML Schema allows on any element
 * (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`), kept in `otherAttrs`. An attribute of any other name is
 * refused, as the schema says: so is an `xsi:schemaLocation` whose `xmlns:xsi` is misspelt (`htt//www.w3.org/…`),
 * since its namespace is not the XML Schema instance namespace, and XML Schema allows only that one's attributes
 * everywhere. An attribute the root may not have makes the document invalid in lenient mode too (the root cannot be
 * dropped).
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of XCAP capabilities documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:xcap-caps'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/xcap-caps+xml'

/**
 * The AUID of the application usage (RFC 4825 §12.1).
 *
 * @category model
 * @since 0.2.0
 */
export const AUID = 'xcap-caps'

/**
 * The XCAP application usage: AUID `xcap-caps`, one document in the global tree, named `index` (RFC 4825 §12.7).
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: AUID,
  namespace: NS,
  mimeType: CONTENT_TYPE,
  tree: 'global',
  document: 'index'
})

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An XCAP capabilities document (`<xcap-caps>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface XcapCaps {
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation`, where the document has them. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The application usages the server supports (`<auids>`), as written. */
  readonly auids: ReadonlyArray<string>
  /** The extensions the server supports (`<extensions>`), named by tokens the extensions define. */
  readonly extensions?: ReadonlyArray<string>
  /** The namespaces whose schemas the server has and validates (`<namespaces>`), as written. */
  readonly namespaces: ReadonlyArray<string>
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

/** The schema location hints XML Schema allows on any element. */
const isLocationHint = (n: Xml.QName): boolean =>
  n.ns === XSI && (n.local === 'schemaLocation' || n.local === 'noNamespaceSchemaLocation')

/**
 * The `<auids>` list: `<auid>` children (`xs:string`, kept as written).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Auids: XmlCodec<ReadonlyArray<string>> = /*#__PURE__*/ C.wrapped(el('auids'), C.textElement(el('auid'), V.string))

/**
 * The `<extensions>` list: `<extension>` children (`xs:string`, kept as written).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Extensions: XmlCodec<ReadonlyArray<string>> = /*#__PURE__*/ C.wrapped(el('extensions'), C.textElement(el('extension'), V.string))

/**
 * The `<namespaces>` list: `<namespace>` children (`xs:anyURI`, kept as written).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Namespaces: XmlCodec<ReadonlyArray<string>> = /*#__PURE__*/ C.wrapped(
  el('namespaces'),
  C.textElement(el('namespace'), V.preserving(V.anyURI))
)

/**
 * The `<xcap-caps>` root element (RFC 4825 §12.2).
 *
 * @category codecs
 * @since 0.2.0
 */
export const XcapCaps: XmlCodec<XcapCaps> = /*#__PURE__*/ C.element(
  el('xcap-caps'),
  {
    xmlns: C.namespaces({ root: true }),
    otherAttrs: C.otherAttrs(isLocationHint),
    auids: C.child(Auids),
    extensions: C.optionalChild(Extensions),
    namespaces: C.child(Namespaces),
    other: C.other(NS)
  },
  'XcapCaps'
)

/**
 * The document codec: `application/xcap-caps+xml`, with its XCAP application usage.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<XcapCaps> = /*#__PURE__*/ Doc.xcap(XcapCaps, {
  id: 'xcap-caps',
  title: 'XCAP server capabilities (RFC 4825)',
  usage,
  // white space in an empty <extensions> (as Kamailio writes it) is indentation
  elementOnly: ['xcap-caps', 'auids', 'extensions', 'namespaces'].map(el)
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const strings = (u: unknown): ReadonlyArray<string> => Read.arrayOf(u, (x): x is string => typeof x === 'string')

const withFirst = (xs: ReadonlyArray<string>, x: string): ReadonlyArray<string> =>
  xs.some((y) => V.collapse(y) === x) ? xs : [x, ...xs]

/**
 * A capabilities document. The `xcap-caps` AUID and namespace, which every server must list (RFC 4825 §12), are
 * added in front when missing; `<extensions>` is always written (empty when none is given).
 *
 * @example
 * import { document, xcapCaps } from 'sip-simple-payloads/XcapCaps'
 * document.encode(xcapCaps({ auids: ['resource-lists'], namespaces: ['urn:ietf:params:xml:ns:resource-lists'] }))
 *
 * @category constructors
 * @since 0.2.0
 */
export const xcapCaps = (
  input: { readonly auids?: ReadonlyArray<string>; readonly extensions?: ReadonlyArray<string>; readonly namespaces?: ReadonlyArray<string> } = {}
): XcapCaps => {
  const i = Read.record(input)
  return {
    auids: withFirst(strings(i.auids), AUID),
    extensions: strings(i.extensions),
    namespaces: withFirst(strings(i.namespaces), NS),
    other: []
  }
}

/**
 * Whether a server supports everything asked: an application usage, a namespace, an extension (each compared after
 * white-space collapse, as written in the document or not).
 *
 * @example
 * import { supports, xcapCaps } from 'sip-simple-payloads/XcapCaps'
 * supports(xcapCaps({ auids: ['resource-lists'] }), { auid: 'resource-lists', namespace: 'urn:ietf:params:xml:ns:xcap-caps' }) // true
 *
 * @category constructors
 * @since 0.2.0
 */
export const supports = (
  caps: XcapCaps,
  what: { readonly auid?: string; readonly namespace?: string; readonly extension?: string }
): boolean => {
  const c = Read.record(caps)
  const w = Read.record(what)
  const has = (list: unknown, x: unknown): boolean =>
    typeof x !== 'string' || strings(list).some((y) => V.collapse(y) === V.collapse(x))
  return has(c.auids, w.auid) && has(c.namespaces, w.namespace) && has(c.extensions, w.extension)
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * Every AUID, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyAuid: T.Traversal<XcapCaps, string> = /*#__PURE__*/ pipe(
  L.id<XcapCaps>(),
  L.prop('auids'),
  L.composeTraversal(Optics.every<string>())
)

/**
 * Every namespace, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyNamespace: T.Traversal<XcapCaps, string> = /*#__PURE__*/ pipe(
  L.id<XcapCaps>(),
  L.prop('namespaces'),
  L.composeTraversal(Optics.every<string>())
)

/**
 * Every extension, in document order (none when the document has no `<extensions>`).
 *
 * @category optics
 * @since 0.2.0
 */
export const everyExtension: T.Traversal<XcapCaps, string> = /*#__PURE__*/ pipe(
  L.id<XcapCaps>(),
  L.prop('extensions'),
  L.asTraversal,
  T.fromNullable,
  T.composeTraversal(Optics.every<string>())
)
