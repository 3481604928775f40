/**
 * XCAP detailed conflict reports (RFC 4825 §11): the body of a `409 Conflict` from an XCAP server, saying why a PUT
 * or DELETE could not be done. Namespace `urn:ietf:params:xml:ns:xcap-error`, content type
 * `application/xcap-error+xml`; a response body, not a stored document, so there is no AUID. The root
 * `<xcap-error>` holds exactly one error condition (the schema's substitution group of the abstract
 * `<error-element>`), decoded as one tagged member: `{ _tag: 'UniquenessFailure', condition: { exists, phrase } }`.
 * Every condition but `<extension>` has an optional `phrase` for humans (the schema gives `<extension>` none);
 * `<uniqueness-failure>` lists the fields that were not unique with suggested alternatives, `<no-parent>` the closest
 * ancestor that exists, and `<extension>` the content of an extension to XCAP, kept verbatim. {@link explain} gives a
 * one-line description for client error messages. The schema's location hints (`xsi:schemaLocation`,
 * `xsi:noNamespaceSchemaLocation`), which XML Schema allows on any element, are kept on the root.
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as O from '#fp-ts/Option'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of XCAP error documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:xcap-error'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/xcap-error+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An error condition that carries nothing but its optional `phrase`, text meant for a human user.
 *
 * @category model
 * @since 0.2.0
 */
export interface Phrased {
  readonly phrase?: string
}

/**
 * `<not-well-formed>`: the body of the request was not a well-formed XML document.
 *
 * @category model
 * @since 0.2.0
 */
export type NotWellFormed = Phrased

/**
 * `<not-utf-8>`: the request would have produced a document not encoded in UTF-8.
 *
 * @category model
 * @since 0.2.0
 */
export type NotUtf8 = Phrased

/**
 * `<not-xml-frag>`: the request should have had a valid XML fragment body, but did not.
 *
 * @category model
 * @since 0.2.0
 */
export type NotXmlFrag = Phrased

/**
 * `<not-xml-att-value>`: the request should have had a valid XML attribute value, but did not.
 *
 * @category model
 * @since 0.2.0
 */
export type NotXmlAttValue = Phrased

/**
 * `<schema-validation-error>`: the document would not be valid by its schema after the operation.
 *
 * @category model
 * @since 0.2.0
 */
export type SchemaValidationError = Phrased

/**
 * `<constraint-failure>`: the document would break a constraint of the application usage that neither the schema nor
 * a uniqueness constraint enforces.
 *
 * @category model
 * @since 0.2.0
 */
export type ConstraintFailure = Phrased

/**
 * `<cannot-insert>`: a PUT that cannot be done because a GET of the resource afterwards would not give back what was
 * put.
 *
 * @category model
 * @since 0.2.0
 */
export type CannotInsert = Phrased

/**
 * `<cannot-delete>`: a DELETE that cannot be done because it would not be idempotent.
 *
 * @category model
 * @since 0.2.0
 */
export type CannotDelete = Phrased

/**
 * `<exists>`: a value the client gave that is not unique.
 *
 * @category model
 * @since 0.2.0
 */
export interface Exists {
  /**
   * The element or attribute whose value must be unique, as a percent-encoded node selector relative to the document
   * (`rls-services/service/@uri`).
   */
  readonly field: string
  /** Suggested values that do not exist yet (`<alt-value>`), as written. */
  readonly altValues: ReadonlyArray<string>
}

/**
 * `<uniqueness-failure>`: the operation would break a uniqueness constraint of the application usage; one `<exists>`
 * per value that is not unique.
 *
 * @category model
 * @since 0.2.0
 */
export interface UniquenessFailure {
  readonly phrase?: string
  readonly exists: ReadonlyNonEmptyArray<Exists>
}

/**
 * `<no-parent>`: an insertion failed because the document or element to insert into does not exist.
 *
 * @category model
 * @since 0.2.0
 */
export interface NoParent {
  readonly phrase?: string
  /** The HTTP URI (possibly relative to the document) of the closest ancestor that exists, as written. */
  readonly ancestor?: string
}

/**
 * `<extension>`: an error condition of an extension to XCAP. Its content (elements of any namespace) is kept as it
 * came; a client that does not understand it must treat the error as an unqualified 409 (RFC 4825 §11.1).
 *
 * @category model
 * @since 0.2.0
 */
export interface Extension {
  /** The namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The error condition of a report: one member per element of the schema's substitution group.
 *
 * @category model
 * @since 0.2.0
 */
export type ErrorCondition =
  | { readonly _tag: 'NotWellFormed'; readonly condition: NotWellFormed }
  | { readonly _tag: 'NotUtf8'; readonly condition: NotUtf8 }
  | { readonly _tag: 'NotXmlFrag'; readonly condition: NotXmlFrag }
  | { readonly _tag: 'NotXmlAttValue'; readonly condition: NotXmlAttValue }
  | { readonly _tag: 'SchemaValidationError'; readonly condition: SchemaValidationError }
  | { readonly _tag: 'ConstraintFailure'; readonly condition: ConstraintFailure }
  | { readonly _tag: 'UniquenessFailure'; readonly condition: UniquenessFailure }
  | { readonly _tag: 'NoParent'; readonly condition: NoParent }
  | { readonly _tag: 'CannotInsert'; readonly condition: CannotInsert }
  | { readonly _tag: 'CannotDelete'; readonly condition: CannotDelete }
  | { readonly _tag: 'Extension'; readonly condition: Extension }

/**
 * The tag of an error condition.
 *
 * @category model
 * @since 0.2.0
 */
export type Tag = ErrorCondition['_tag']

/**
 * An XCAP error document (`<xcap-error>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface XcapError {
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation`, where the document has them. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly error: ErrorCondition
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

/** The schema location hints XML Schema allows on any element. */
const isLocationHint = (n: Xml.QName): boolean =>
  n.ns === XSI && (n.local === 'schemaLocation' || n.local === 'noNamespaceSchemaLocation')

const phrased = (local: string, typeName: string): XmlCodec<Phrased> =>
  C.element(el(local), { phrase: C.optionalAttr('phrase', V.string) }, typeName)

/**
 * `<not-well-formed>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const NotWellFormed: XmlCodec<NotWellFormed> = /*#__PURE__*/ phrased('not-well-formed', 'NotWellFormed')

/**
 * `<not-utf-8>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const NotUtf8: XmlCodec<NotUtf8> = /*#__PURE__*/ phrased('not-utf-8', 'NotUtf8')

/**
 * `<not-xml-frag>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const NotXmlFrag: XmlCodec<NotXmlFrag> = /*#__PURE__*/ phrased('not-xml-frag', 'NotXmlFrag')

/**
 * `<not-xml-att-value>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const NotXmlAttValue: XmlCodec<NotXmlAttValue> = /*#__PURE__*/ phrased('not-xml-att-value', 'NotXmlAttValue')

/**
 * `<schema-validation-error>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const SchemaValidationError: XmlCodec<SchemaValidationError> = /*#__PURE__*/ phrased('schema-validation-error', 'SchemaValidationError')

/**
 * `<constraint-failure>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ConstraintFailure: XmlCodec<ConstraintFailure> = /*#__PURE__*/ phrased('constraint-failure', 'ConstraintFailure')

/**
 * `<cannot-insert>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const CannotInsert: XmlCodec<CannotInsert> = /*#__PURE__*/ phrased('cannot-insert', 'CannotInsert')

/**
 * `<cannot-delete>` (RFC 4825 §11.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const CannotDelete: XmlCodec<CannotDelete> = /*#__PURE__*/ phrased('cannot-delete', 'CannotDelete')

/**
 * `<exists>` (RFC 4825 §11.1): the `field` attribute and the `<alt-value>` children.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Exists: XmlCodec<Exists> = /*#__PURE__*/ C.element(
  el('exists'),
  { field: C.attr('field', V.string), altValues: C.children(el('alt-value'), V.string) },
  'Exists'
)

/**
 * `<uniqueness-failure>` (RFC 4825 §11.1): one `<exists>` or more.
 *
 * @category codecs
 * @since 0.2.0
 */
export const UniquenessFailure: XmlCodec<UniquenessFailure> = /*#__PURE__*/ C.element(
  el('uniqueness-failure'),
  { phrase: C.optionalAttr('phrase', V.string), exists: C.nonEmptyChildren(Exists) },
  'UniquenessFailure'
)

/**
 * `<no-parent>` (RFC 4825 §11.1): the optional `<ancestor>` URI, kept as written.
 *
 * @category codecs
 * @since 0.2.0
 */
export const NoParent: XmlCodec<NoParent> = /*#__PURE__*/ C.element(
  el('no-parent'),
  { phrase: C.optionalAttr('phrase', V.string), ancestor: C.optionalChild(el('ancestor'), V.preserving(V.anyURI)) },
  'NoParent'
)

/**
 * `<extension>` (RFC 4825 §11.1): any elements (the schema's `xs:any namespace="##any"`), kept verbatim.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Extension: XmlCodec<Extension> = /*#__PURE__*/ C.element(
  el('extension'),
  { xmlns: C.namespaces(), other: C.other(Xml.anyName) },
  'Extension'
)

/**
 * The `<xcap-error>` root element (RFC 4825 §11.2): exactly one error condition.
 *
 * @category codecs
 * @since 0.2.0
 */
export const XcapError: XmlCodec<XcapError> = /*#__PURE__*/ C.element(
  el('xcap-error'),
  {
    xmlns: C.namespaces({ root: true }),
    otherAttrs: C.otherAttrs(isLocationHint),
    error: C.choice([
      C.member('NotWellFormed', 'condition', NotWellFormed),
      C.member('NotUtf8', 'condition', NotUtf8),
      C.member('NotXmlFrag', 'condition', NotXmlFrag),
      C.member('NotXmlAttValue', 'condition', NotXmlAttValue),
      C.member('SchemaValidationError', 'condition', SchemaValidationError),
      C.member('ConstraintFailure', 'condition', ConstraintFailure),
      C.member('UniquenessFailure', 'condition', UniquenessFailure),
      C.member('NoParent', 'condition', NoParent),
      C.member('CannotInsert', 'condition', CannotInsert),
      C.member('CannotDelete', 'condition', CannotDelete),
      C.member('Extension', 'condition', Extension)
    ])
  },
  'XcapError'
)

/**
 * The document codec: `application/xcap-error+xml`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<XcapError> = /*#__PURE__*/ Doc.xml(XcapError, {
  id: 'xcap-error',
  contentType: CONTENT_TYPE,
  title: 'XCAP error (RFC 4825)'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const phraseOf = (phrase: unknown): Phrased => (typeof phrase === 'string' ? { phrase } : {})

/**
 * `<not-well-formed>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const notWellFormed = (phrase?: string): ErrorCondition => ({ _tag: 'NotWellFormed', condition: phraseOf(phrase) })

/**
 * `<not-utf-8>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const notUtf8 = (phrase?: string): ErrorCondition => ({ _tag: 'NotUtf8', condition: phraseOf(phrase) })

/**
 * `<not-xml-frag>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const notXmlFrag = (phrase?: string): ErrorCondition => ({ _tag: 'NotXmlFrag', condition: phraseOf(phrase) })

/**
 * `<not-xml-att-value>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const notXmlAttValue = (phrase?: string): ErrorCondition => ({ _tag: 'NotXmlAttValue', condition: phraseOf(phrase) })

/**
 * `<schema-validation-error>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const schemaValidationError = (phrase?: string): ErrorCondition => ({ _tag: 'SchemaValidationError', condition: phraseOf(phrase) })

/**
 * `<constraint-failure>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const constraintFailure = (phrase?: string): ErrorCondition => ({ _tag: 'ConstraintFailure', condition: phraseOf(phrase) })

/**
 * `<cannot-insert>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const cannotInsert = (phrase?: string): ErrorCondition => ({ _tag: 'CannotInsert', condition: phraseOf(phrase) })

/**
 * `<cannot-delete>`, with a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const cannotDelete = (phrase?: string): ErrorCondition => ({ _tag: 'CannotDelete', condition: phraseOf(phrase) })

/**
 * An `<exists>`: the field that is not unique, and suggested alternatives.
 *
 * @category constructors
 * @since 0.2.0
 */
export const exists = (field: string, altValues: ReadonlyArray<string> = []): Exists => ({
  field: typeof field === 'string' ? field : '',
  altValues: Read.arrayOf(altValues, (u): u is string => typeof u === 'string')
})

/**
 * `<uniqueness-failure>`: one {@link exists} or more, and a phrase when given.
 *
 * @example
 * import { document, exists, uniquenessFailure, xcapError } from 'sip-simple-payloads/XcapError'
 * // RFC 4825 §11.1: the RLS service URI sip:friends@example.com is taken
 * document.encode(xcapError(uniquenessFailure([exists('rls-services/service/@uri', ['sip:mybuddies@example.com'])])))
 *
 * @category constructors
 * @since 0.2.0
 */
export const uniquenessFailure = (existing: ReadonlyNonEmptyArray<Exists>, phrase?: string): ErrorCondition => ({
  _tag: 'UniquenessFailure',
  condition: { ...phraseOf(phrase), exists: Read.arrayOf(existing, Exists.is) as ReadonlyNonEmptyArray<Exists> }
})

/**
 * `<no-parent>`, with the closest ancestor that exists and a phrase when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const noParent = (ancestor?: string, phrase?: string): ErrorCondition => ({
  _tag: 'NoParent',
  condition: { ...phraseOf(phrase), ...(typeof ancestor === 'string' ? { ancestor } : {}) }
})

/**
 * `<extension>` with the given content.
 *
 * @category constructors
 * @since 0.2.0
 */
export const extension = (other: ReadonlyArray<Xml.Element> = []): ErrorCondition => ({
  _tag: 'Extension',
  condition: { other: Read.arrayOf(other, Xml.isTree) }
})

/**
 * An XCAP error document of one condition.
 *
 * @category constructors
 * @since 0.2.0
 */
export const xcapError = (error: ErrorCondition): XcapError => ({ error: Read.isRecord(error) ? error : notWellFormed() })

const oneLine = (s: string): string => V.collapse(s.replace(/[\u0000-\u001f\u007f]/g, ' '))

const list = (items: ReadonlyArray<string>): string => items.map((s) => JSON.stringify(oneLine(s))).join(', ')

const conditionOf = (u: unknown): ErrorCondition | undefined => {
  const r = Read.record(u)
  if (typeof r._tag === 'string') return r as unknown as ErrorCondition
  const e = Read.record(r.error)
  return typeof e._tag === 'string' ? (e as unknown as ErrorCondition) : undefined
}

const what = (e: ErrorCondition): string => {
  const c = Read.record(e.condition)
  switch (e._tag) {
    case 'NotWellFormed':
      return 'the request body is not a well-formed XML document'
    case 'NotUtf8':
      return 'the request would produce a document not encoded in UTF-8'
    case 'NotXmlFrag':
      return 'the request body is not a well-formed XML fragment'
    case 'NotXmlAttValue':
      return 'the request body is not a valid XML attribute value'
    case 'SchemaValidationError':
      return 'the document would not be valid by its schema'
    case 'ConstraintFailure':
      return 'the document would break a constraint of its application usage'
    case 'UniquenessFailure': {
      const fields = Read.arrayOf(c.exists, Read.isRecord).map((x) => {
        const alts = Read.arrayOf(x.altValues, (u): u is string => typeof u === 'string')
        const field = typeof x.field === 'string' ? JSON.stringify(oneLine(x.field)) : 'a field'
        return alts.length === 0 ? field : `${field} (try ${list(alts)})`
      })
      return fields.length === 0 ? 'a value is not unique' : `not unique: ${fields.join('; ')}`
    }
    case 'NoParent':
      return typeof c.ancestor === 'string'
        ? `the parent to insert into does not exist; the closest ancestor that does is ${oneLine(c.ancestor)}`
        : 'the parent to insert into does not exist'
    case 'CannotInsert':
      return 'the PUT cannot be done: a GET afterwards would not give back what was put'
    case 'CannotDelete':
      return 'the DELETE cannot be done: it would not be idempotent'
    case 'Extension': {
      const names = Read.arrayOf(c.other, Xml.isTree).map((x) => (x.name.ns === '' ? `<${x.name.local}>` : `<{${x.name.ns}}${x.name.local}>`))
      return names.length === 0 ? 'an error of an XCAP extension' : `an error of an XCAP extension: ${names.join(', ')}`
    }
    default:
      return 'a conflict the server did not explain'
  }
}

/**
 * A one-line description of an error (a document or its condition) for client error messages: what the condition
 * means, its details (the fields that were not unique and the suggested values, the closest ancestor), and the
 * server's phrase, with line breaks and control characters turned into spaces.
 *
 * @example
 * import { explain, noParent, uniquenessFailure, exists } from 'sip-simple-payloads/XcapError'
 * explain(uniquenessFailure([exists('rls-services/service/@uri', ['sip:mybuddies@example.com'])]))
 * // 'not unique: "rls-services/service/@uri" (try "sip:mybuddies@example.com")'
 * explain(noParent(undefined, 'no such list'))
 * // 'the parent to insert into does not exist (server: "no such list")'
 *
 * @category constructors
 * @since 0.2.0
 */
export const explain = (error: XcapError | ErrorCondition): string => {
  const e = conditionOf(error)
  if (e === undefined) return 'a conflict the server did not explain'
  const text = what(e)
  const phrase = Read.record(e.condition).phrase
  return typeof phrase === 'string' && oneLine(phrase) !== '' ? `${text} (server: ${JSON.stringify(oneLine(phrase))})` : text
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The phrase of the error, for every condition but `<extension>` (which has none); setting `undefined` removes it.
 *
 * @category optics
 * @since 0.2.0
 */
export const phrase: Op.Optional<XcapError, string | undefined> = /*#__PURE__*/ Op.optional(
  (doc) => (doc.error._tag === 'Extension' ? O.none : O.some((doc.error.condition as Phrased).phrase)),
  (a) => (doc) => {
    const e = doc.error
    if (e._tag === 'Extension') return doc
    const c = e.condition as Phrased
    if (c.phrase === a && (a !== undefined || !('phrase' in c))) return doc
    const next = Optics.optionalKey<Phrased, 'phrase'>('phrase').set(a)(c)
    return { ...doc, error: { ...e, condition: next } as ErrorCondition }
  }
)

/**
 * The uniqueness failure, where the error is one.
 *
 * @category optics
 * @since 0.2.0
 */
export const uniqueness: Op.Optional<XcapError, UniquenessFailure> = /*#__PURE__*/ Op.optional(
  (doc) => (doc.error._tag === 'UniquenessFailure' ? O.some(doc.error.condition) : O.none),
  (a) => (doc) =>
    doc.error._tag !== 'UniquenessFailure' || doc.error.condition === a ? doc : { ...doc, error: { _tag: 'UniquenessFailure', condition: a } }
)

/**
 * The first `<exists>` of a field, in a uniqueness failure. Writing it back keeps the field.
 *
 * @category optics
 * @since 0.2.0
 */
export const existsByField = (field: string): Op.Optional<XcapError, Exists> =>
  pipe(
    uniqueness,
    Op.prop('exists'),
    Op.composeOptional(Optics.byKey<Exists, 'field'>('field', field) as unknown as Op.Optional<ReadonlyNonEmptyArray<Exists>, Exists>)
  )

/**
 * Every suggested alternative value, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyAltValue: T.Traversal<XcapError, string> = /*#__PURE__*/ pipe(
  uniqueness,
  Op.prop('exists'),
  Op.composeTraversal(Optics.every<Exists>() as unknown as T.Traversal<ReadonlyNonEmptyArray<Exists>, Exists>),
  T.prop('altValues'),
  T.composeTraversal(Optics.every<string>())
)
