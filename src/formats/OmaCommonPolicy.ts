/**
 * The OMA extensions to common policy (OMA XDM Core, `xdm_commonPolicy-v1_0.xsd`). Namespace
 * `urn:oma:xml:xdm:common-policy`. Three conditions, for the `'cp:conditions'` extension point of common policy
 * (RFC 4745 §7): `<external-list>` (the watcher is in one of the URI lists its `<entry anc>` references point to),
 * `<anonymous-request/>` (the request is anonymous) and `<other-identity/>` (the watcher matches no other rule's
 * identity condition). The schema defines no OMA actions or transformations. They are part of the full `pres-rules`
 * format (see `PresRules`), and the reference client registers them for dialog-rules too (see `DialogRules`).
 *
 * @example
 * import * as OmaCommonPolicy from 'sip-simple-payloads/OmaCommonPolicy'
 * // the conditions of "everyone in my granted list"
 * const granted: OmaCommonPolicy.ConditionsExt = {
 *   externalList: OmaCommonPolicy.externalList([
 *     'https://xcap.example.com/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22oma_grantedcontacts%22%5D'
 *   ])
 * }
 *
 * @since 0.2.0
 */
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of the OMA common-policy extensions.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:oma:xml:xdm:common-policy'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An `<entry>` of an external list (`anchorType`): `anc`, the XCAP URI of a URI list (typically a resource-lists
 * `<list>`), and attributes of any namespace.
 *
 * @category model
 * @since 0.2.0
 */
export interface Entry {
  readonly anc?: string
  /** Other attributes (the schema's `xs:anyAttribute`, of any namespace). */
  readonly otherAttrs?: Readonly<Record<string, string>>
}

/**
 * `<external-list>`: the references to URI lists, in document order (possibly none).
 *
 * @category model
 * @since 0.2.0
 */
export type ExternalList = ReadonlyArray<Entry>

/**
 * What the OMA extensions add to common-policy `<conditions>`.
 *
 * @category model
 * @since 0.2.0
 */
export interface ConditionsExt {
  readonly externalList?: ExternalList
  readonly anonymousRequest?: true
  readonly otherIdentity?: true
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * `<entry>` (`anchorType`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Entry: XmlCodec<Entry> = /*#__PURE__*/ C.element(
  el('entry'),
  { anc: C.optionalAttr('anc', V.anyURI), otherAttrs: C.otherAttrs(Xml.anyName) },
  'Entry'
)

/**
 * `<external-list>`: a list of `<entry>` references.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ExternalList: XmlCodec<ExternalList> = /*#__PURE__*/ C.wrapped(el('external-list'), Entry)

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * The OMA conditions, for common-policy `<conditions>`: `<external-list>`, `<anonymous-request/>` and
 * `<other-identity/>`, each at most once (conditions combine with a logical AND, RFC 4745 §10.1).
 *
 * @category extensions
 * @since 0.2.0
 */
export const conditions: Ext.Extension<ConditionsExt, 'cp:conditions'> = /*#__PURE__*/ Ext.fromFields(
  'cp:conditions',
  {
    externalList: C.optionalChild(ExternalList),
    anonymousRequest: C.optionalChild(C.empty(el('anonymous-request'), true as const)),
    otherIdentity: C.optionalChild(C.empty(el('other-identity'), true as const))
  },
  { name: 'OMA common policy' }
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An `<entry>` referencing a URI list by its XCAP URI.
 *
 * @category constructors
 * @since 0.2.0
 */
export const entry = (anc: string): Entry => {
  const a = Read.string(anc)
  return a === undefined ? {} : { anc: a }
}

/**
 * An `<external-list>` from XCAP URIs of URI lists.
 *
 * @category constructors
 * @since 0.2.0
 */
export const externalList = (anchors: ReadonlyArray<string>): ExternalList =>
  Read.array(anchors).flatMap((a) => (typeof a === 'string' ? [entry(a)] : []))

/**
 * The anchors an external-list condition references, in document order.
 *
 * @category constructors
 * @since 0.2.0
 */
export const anchorsOf = (ext: ConditionsExt): ReadonlyArray<string> =>
  Read.arrayOf(Read.record(ext).externalList, Read.isRecord).flatMap((e) => (typeof e.anc === 'string' ? [e.anc] : []))

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The `<external-list>` of a rule's conditions (absent when none); setting `undefined` removes it.
 *
 * @category optics
 * @since 0.2.0
 */
export const externalListOf: L.Lens<ConditionsExt, ExternalList | undefined> = /*#__PURE__*/ Optics.optionalKey<
  ConditionsExt,
  'externalList'
>('externalList')
