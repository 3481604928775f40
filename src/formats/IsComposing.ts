/**
 * isComposing (RFC 3994): the message composition indication of instant messaging. Namespace
 * `urn:ietf:params:xml:ns:im-iscomposing`, content type `application/im-iscomposing+xml`. Elements of other
 * namespaces extend `<isComposing>` (RFC 3994 §7) and are kept in `other`.
 *
 * @since 0.1.0
 */
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of isComposing documents.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:im-iscomposing'

/**
 * The content type.
 *
 * @category model
 * @since 0.1.0
 */
export const CONTENT_TYPE = 'application/im-iscomposing+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The composition state. RFC 3994 §3 defines `active` and `idle`; the schema's type is `xs:string`, and a receiver
 * treats any other value as idle (§5), so other values decode and are kept as they were sent (see
 * {@link effectiveState}).
 *
 * @category model
 * @since 0.1.0
 */
export type State = 'active' | 'idle' | (string & {}) // eslint-disable-line @typescript-eslint/ban-types

/**
 * An isComposing document (RFC 3994 §5).
 *
 * @category model
 * @since 0.1.0
 */
export interface IsComposing {
  readonly state: State
  /** When the composer was last active (`xs:dateTime`, lexical form kept). */
  readonly lastactive?: string
  /** The content type of the message being composed (e.g. `text/plain`, `audio`). */
  readonly contenttype?: string
  /** Seconds until the sender refreshes an `active` state. */
  readonly refresh?: V.Integer
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** Attributes in other namespaces (e.g. `xsi:schemaLocation`). */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<isComposing>` root element (RFC 3994 §7, the schema's sequence order).
 *
 * @category codecs
 * @since 0.1.0
 */
export const IsComposing: XmlCodec<IsComposing> = /*#__PURE__*/ C.element(
  el('isComposing'),
  {
    xmlns: C.namespaces({ root: true }),
    otherAttrs: C.otherAttrs(),
    state: C.child(el('state'), V.string),
    lastactive: C.optionalChild(el('lastactive'), V.dateTime),
    contenttype: C.optionalChild(el('contenttype'), V.string),
    refresh: C.optionalChild(el('refresh'), V.positiveInteger),
    other: C.other(NS)
  },
  'IsComposing'
)

/**
 * The document codec: `application/im-iscomposing+xml`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const document: Doc.XmlDocumentCodec<IsComposing> = /*#__PURE__*/ Doc.xml(IsComposing, {
  id: 'iscomposing',
  contentType: CONTENT_TYPE,
  title: 'isComposing (RFC 3994)'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An `active` indication: the user is composing; `refresh` (seconds, RFC 3994 §3.2 suggests 90 or more) says when
 * the next one will come.
 *
 * @example
 * import { active, document } from 'sip-simple-payloads/IsComposing'
 * document.encode(active({ contenttype: 'text/plain', refresh: 90 }))
 *
 * @category constructors
 * @since 0.1.0
 */
export const active = (
  options: { readonly contenttype?: string; readonly refresh?: V.Integer; readonly lastactive?: string } = {}
): IsComposing => {
  const o: Record<string, unknown> = typeof options === 'object' && options !== null ? options : {}
  return {
    state: 'active',
    ...(typeof o.contenttype === 'string' ? { contenttype: o.contenttype } : {}),
    ...(typeof o.refresh === 'number' || typeof o.refresh === 'bigint' ? { refresh: o.refresh } : {}),
    ...(V.dateTimeOf(o.lastactive) === undefined ? {} : { lastactive: o.lastactive as string }),
    other: []
  }
}

/**
 * An `idle` indication, with the time of last activity when known (RFC 3994 §3.3).
 *
 * @category constructors
 * @since 0.1.0
 */
export const idle = (options: { readonly contenttype?: string; readonly lastactive?: string | Date } = {}): IsComposing => {
  const o: Record<string, unknown> = typeof options === 'object' && options !== null ? options : {}
  const lastactive = V.dateTimeOf(o.lastactive)
  return {
    state: 'idle',
    ...(typeof o.contenttype === 'string' ? { contenttype: o.contenttype } : {}),
    ...(lastactive === undefined ? {} : { lastactive }),
    other: []
  }
}

/**
 * The state a receiver acts on: `active` only for exactly `active` (ignoring surrounding white space), `idle` for
 * everything else (RFC 3994 §5).
 *
 * @category constructors
 * @since 0.1.0
 */
export const effectiveState = (doc: IsComposing): 'active' | 'idle' =>
  typeof doc?.state === 'string' && doc.state.trim() === 'active' ? 'active' : 'idle'

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The state.
 *
 * @category optics
 * @since 0.1.0
 */
export const state: L.Lens<IsComposing, State> = pipe(L.id<IsComposing>(), L.prop('state'))

/**
 * The refresh interval; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const refresh: L.Lens<IsComposing, V.Integer | undefined> = Optics.optionalKey<IsComposing, 'refresh'>('refresh')

/**
 * The time of last activity; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const lastactive: L.Lens<IsComposing, string | undefined> = Optics.optionalKey<IsComposing, 'lastactive'>(
  'lastactive'
)

/**
 * The content type being composed; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const contenttype: L.Lens<IsComposing, string | undefined> = Optics.optionalKey<IsComposing, 'contenttype'>(
  'contenttype'
)
