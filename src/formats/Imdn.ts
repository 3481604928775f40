/**
 * Instant Message Disposition Notification (RFC 5438 §5, §11): the delivery, display or processing notification a
 * recipient (or an intermediary) sends back for an instant message that asked for one. Namespace
 * `urn:ietf:params:xml:ns:imdn`, content type `message/imdn+xml`. An `<imdn>` names the message it is about by its
 * Message-ID and DateTime (copied from the message's `Message-ID` and `DateTime` CPIM headers), optionally the
 * recipient's URIs and the subject, and carries at most one notification with its disposition status; elements of
 * other namespaces extend `<imdn>` and each `<status>` (the schema's `##other` extension groups) and are kept in
 * `other`.
 *
 * The schema (`imdn.xsd`, after the RelaxNG schema of RFC 5438 §11.1.9) gives `<recipient-uri>`,
 * `<original-recipient-uri>` and `<subject>` as one optional group: the two URIs come together, and the subject only
 * with them; a document that breaks the group is refused with the error at the element concerned. Text is kept as
 * written (`datetime` is an `xs:string` there; RFC 5438 §11.1.2 fills it from the message's DateTime header).
 *
 * @example
 * import * as Imdn from 'sip-simple-payloads/Imdn'
 * const reply = Imdn.delivered({
 *   messageId: '34jk324j',
 *   datetime: '2008-04-04T12:16:49-05:00',
 *   recipientUri: 'im:bob@example.com'
 * })
 * const body = Imdn.document.encode(reply)
 *
 * @since 0.2.0
 */
import * as Op from '#monocle-ts/Optional'
import type * as L from '#monocle-ts/Lens'
import * as O from '#fp-ts/Option'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The IMDN namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:imdn'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'message/imdn+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The delivery status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const deliveryStatusValue = /*#__PURE__*/ V.literal('delivered', 'failed', 'forbidden', 'error')

/**
 * The status of a delivery notification (RFC 5438 §5.1, §11.1.7): delivered, failed, or the common `forbidden` (the
 * recipient's policy withholds it) and `error`.
 *
 * @category model
 * @since 0.2.0
 */
export type DeliveryStatus = V.LiteralOf<typeof deliveryStatusValue>

/**
 * The display status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const displayStatusValue = /*#__PURE__*/ V.literal('displayed', 'forbidden', 'error')

/**
 * The status of a display notification (RFC 5438 §5.3, §11.1.7): displayed, forbidden or error.
 *
 * @category model
 * @since 0.2.0
 */
export type DisplayStatus = V.LiteralOf<typeof displayStatusValue>

/**
 * The processing status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const processingStatusValue = /*#__PURE__*/ V.literal('processed', 'stored', 'forbidden', 'error')

/**
 * The status of a processing notification (RFC 5438 §5.2, §11.1.7; sent by intermediaries): processed, stored (for
 * later delivery), forbidden or error.
 *
 * @category model
 * @since 0.2.0
 */
export type ProcessingStatus = V.LiteralOf<typeof processingStatusValue>

/**
 * A notification: its `<status>` (the disposition, and the status's extension elements in `other`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Notification<S extends string> {
  readonly status: S
  /** Elements of other namespaces in `<status>`, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** Namespace declarations written on `<status>`. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<delivery-notification>` (RFC 5438 §11.1.6).
 *
 * @category model
 * @since 0.2.0
 */
export type DeliveryNotification = Notification<DeliveryStatus>

/**
 * A `<display-notification>` (RFC 5438 §11.1.6).
 *
 * @category model
 * @since 0.2.0
 */
export type DisplayNotification = Notification<DisplayStatus>

/**
 * A `<processing-notification>` (RFC 5438 §11.1.6).
 *
 * @category model
 * @since 0.2.0
 */
export type ProcessingNotification = Notification<ProcessingStatus>

/**
 * The one notification an IMDN carries (the schema's choice).
 *
 * @category model
 * @since 0.2.0
 */
export type AnyNotification =
  | { readonly _tag: 'Delivery'; readonly delivery: DeliveryNotification }
  | { readonly _tag: 'Display'; readonly display: DisplayNotification }
  | { readonly _tag: 'Processing'; readonly processing: ProcessingNotification }

/**
 * An `<imdn>` document (RFC 5438 §11.1).
 *
 * @category model
 * @since 0.2.0
 */
export interface Imdn {
  /** The Message-ID of the message this notification is about (`xs:token`, kept as written). */
  readonly messageId: string
  /** The DateTime of that message, as it was sent. */
  readonly datetime: string
  /** The recipient's URI from the message's To header (RFC 5438 §11.1.3); comes with `originalRecipientUri`. */
  readonly recipientUri?: string
  /** The original recipient's URI, from the message's Original-To header (RFC 5438 §11.1.4). */
  readonly originalRecipientUri?: string
  /** The subject of the message (only with the recipient URIs). */
  readonly subject?: string
  readonly notification?: AnyNotification
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * Which notification an IMDN is and its status, as one flat value.
 *
 * @category model
 * @since 0.2.0
 */
export type Disposition =
  | { readonly notification: 'delivery'; readonly status: DeliveryStatus }
  | { readonly notification: 'display'; readonly status: DisplayStatus }
  | { readonly notification: 'processing'; readonly status: ProcessingStatus }

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const emptyOf = <S extends string>(values: ReadonlyArray<S>): XmlCodec<S> =>
  C.oneOf(...(values.map((v) => C.empty(el(v), v)) as unknown as readonly [XmlCodec<S>, ...ReadonlyArray<XmlCodec<S>>]))

const notificationOf = <S extends string>(
  local: string,
  values: V.LiteralCodec<S>,
  typeName: string
): XmlCodec<Notification<S>> => {
  const Status = C.element(
    el('status'),
    { xmlns: C.namespaces(), status: C.child(emptyOf(values.values)), other: C.other(NS) },
    `${typeName}Status`
  ) as unknown as XmlCodec<Notification<S>>
  return C.imap(
    C.element(el(local), { status: C.child(Status) }, typeName),
    (r) => r.status,
    (status) => ({ status }),
    (u): u is Notification<S> => Status.is(u),
    typeName
  )
}

/**
 * The `<delivery-notification>` element: `<status>` with `<delivered/>`, `<failed/>`, `<forbidden/>` or `<error/>`
 * (RFC 5438 §11.1.6, §11.1.7).
 *
 * @category codecs
 * @since 0.2.0
 */
export const DeliveryNotification: XmlCodec<DeliveryNotification> = /*#__PURE__*/ notificationOf(
  'delivery-notification',
  deliveryStatusValue,
  'DeliveryNotification'
)

/**
 * The `<display-notification>` element: `<status>` with `<displayed/>`, `<forbidden/>` or `<error/>` (RFC 5438
 * §11.1.6, §11.1.7).
 *
 * @category codecs
 * @since 0.2.0
 */
export const DisplayNotification: XmlCodec<DisplayNotification> = /*#__PURE__*/ notificationOf(
  'display-notification',
  displayStatusValue,
  'DisplayNotification'
)

/**
 * The `<processing-notification>` element: `<status>` with `<processed/>`, `<stored/>`, `<forbidden/>` or `<error/>`
 * (RFC 5438 §11.1.6, §11.1.7).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ProcessingNotification: XmlCodec<ProcessingNotification> = /*#__PURE__*/ notificationOf(
  'processing-notification',
  processingStatusValue,
  'ProcessingNotification'
)

const groupViolations = (v: {
  readonly recipientUri?: string
  readonly originalRecipientUri?: string
  readonly subject?: string
}): ReadonlyArray<C.Violation> => {
  const out: Array<C.Violation> = []
  if (v.recipientUri !== undefined && v.originalRecipientUri === undefined)
    out.push({
      path: ['original-recipient-uri'],
      message: 'expected <original-recipient-uri> after <recipient-uri>, got nothing'
    })
  if (v.recipientUri === undefined && v.originalRecipientUri !== undefined)
    out.push({
      path: ['recipient-uri'],
      message: 'expected <recipient-uri> before <original-recipient-uri>, got nothing'
    })
  if (v.subject !== undefined && v.recipientUri === undefined && v.originalRecipientUri === undefined)
    out.push({
      path: ['subject[1]'],
      message: 'expected <recipient-uri> and <original-recipient-uri> before <subject>, got neither'
    })
  return out
}

/**
 * The `<imdn>` root element (RFC 5438 §11.1, the schema's sequence), with the recipient group checked (both URIs or
 * neither; a subject only with them).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Imdn: XmlCodec<Imdn> = /*#__PURE__*/ C.constrain(
  C.element(
    el('imdn'),
    {
      xmlns: C.namespaces({ root: true }),
      messageId: C.child(el('message-id'), V.preserving(V.token)),
      datetime: C.child(el('datetime'), V.string),
      recipientUri: C.optionalChild(el('recipient-uri'), V.preserving(V.anyURI)),
      originalRecipientUri: C.optionalChild(el('original-recipient-uri'), V.preserving(V.anyURI)),
      subject: C.optionalChild(el('subject'), V.string),
      notification: C.optionalChoice([
        C.member('Delivery', 'delivery', DeliveryNotification),
        C.member('Display', 'display', DisplayNotification),
        C.member('Processing', 'processing', ProcessingNotification)
      ]),
      other: C.other(NS)
    },
    'Imdn'
  ),
  groupViolations
)

/**
 * The document codec: `message/imdn+xml`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<Imdn> = /*#__PURE__*/ Doc.xml(Imdn, {
  id: 'imdn',
  contentType: CONTENT_TYPE,
  title: 'Instant Message Disposition Notification (RFC 5438)'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * What a reply needs from the message it is about: its Message-ID and DateTime (from the CPIM headers; a DateTime
 * may be given as a JS Date), and, when known, the recipient's URI (its To header), the original recipient's URI (its
 * Original-To header; the schema has the two together, so the recipient's URI stands in when there is none) and the
 * subject.
 *
 * @category constructors
 * @since 0.2.0
 */
export interface Original {
  readonly messageId: string
  readonly datetime: string | Date
  readonly recipientUri?: string
  readonly originalRecipientUri?: string
  readonly subject?: string
}

/**
 * An IMDN about a message, with the given notification (or none).
 *
 * @category constructors
 * @since 0.2.0
 */
export const imdn = (original: Original, notification?: AnyNotification): Imdn => {
  const o = Read.record(original)
  const datetime = o.datetime instanceof Date ? V.fromDate(o.datetime) : Read.string(o.datetime)
  const recipientUri = Read.string(o.recipientUri)
  const originalRecipientUri = Read.string(o.originalRecipientUri) ?? recipientUri
  const subject = Read.string(o.subject)
  const n = Read.record(notification)
  return {
    messageId: Read.string(o.messageId) ?? '',
    datetime: datetime ?? '',
    ...(recipientUri === undefined || originalRecipientUri === undefined ? {} : { recipientUri, originalRecipientUri }),
    ...(subject === undefined || recipientUri === undefined ? {} : { subject }),
    ...(typeof n._tag === 'string' ? { notification: n as unknown as AnyNotification } : {}),
    other: []
  }
}

const delivery = (status: DeliveryStatus): AnyNotification => ({ _tag: 'Delivery', delivery: { status, other: [] } })
const display = (status: DisplayStatus): AnyNotification => ({ _tag: 'Display', display: { status, other: [] } })
const processing = (status: ProcessingStatus): AnyNotification => ({
  _tag: 'Processing',
  processing: { status, other: [] }
})

/**
 * The message was delivered to the recipient (RFC 5438 §5.1, §7.2.1.1).
 *
 * @category constructors
 * @since 0.2.0
 */
export const delivered = (original: Original): Imdn => imdn(original, delivery('delivered'))

/**
 * The message could not be delivered (RFC 5438 §5.1, §7.2.1.1).
 *
 * @category constructors
 * @since 0.2.0
 */
export const failed = (original: Original): Imdn => imdn(original, delivery('failed'))

/**
 * The message was displayed to the user (RFC 5438 §5.3, §7.2.1.2).
 *
 * @example
 * import * as Imdn from 'sip-simple-payloads/Imdn'
 * Imdn.document.encode(Imdn.displayed({ messageId: '34jk324j', datetime: new Date('2008-04-04T17:16:49Z') }))
 *
 * @category constructors
 * @since 0.2.0
 */
export const displayed = (original: Original): Imdn => imdn(original, display('displayed'))

/**
 * An intermediary processed the message (RFC 5438 §5.2, §8.1).
 *
 * @category constructors
 * @since 0.2.0
 */
export const processed = (original: Original): Imdn => imdn(original, processing('processed'))

/**
 * An intermediary stored the message for later delivery (RFC 5438 §5.2, §8.1).
 *
 * @category constructors
 * @since 0.2.0
 */
export const stored = (original: Original): Imdn => imdn(original, processing('stored'))

/**
 * The kinds of notification.
 *
 * @category constructors
 * @since 0.2.0
 */
export type Kind = Disposition['notification']

const common = (kind: Kind, status: 'forbidden' | 'error'): AnyNotification =>
  kind === 'display' ? display(status) : kind === 'processing' ? processing(status) : delivery(status)

/**
 * The notification asked for is denied by policy (`<forbidden/>`, RFC 5438 §5, §11.1.7); an unknown kind is a delivery
 * notification.
 *
 * @category constructors
 * @since 0.2.0
 */
export const forbidden = (kind: Kind, original: Original): Imdn => imdn(original, common(kind, 'forbidden'))

/**
 * An error in handling the notification asked for (`<error/>`, RFC 5438 §5, §11.1.7); an unknown kind is a delivery
 * notification.
 *
 * @category constructors
 * @since 0.2.0
 */
export const error = (kind: Kind, original: Original): Imdn => imdn(original, common(kind, 'error'))

/**
 * Which notification a document carries and its status, or `undefined` when it carries none.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dispositionOf = (doc: Imdn): Disposition | undefined => {
  const n = Read.record(Read.record(doc).notification)
  switch (n._tag) {
    case 'Delivery': {
      const s = Read.record(n.delivery).status
      return deliveryStatusValue.is(s) ? { notification: 'delivery', status: s } : undefined
    }
    case 'Display': {
      const s = Read.record(n.display).status
      return displayStatusValue.is(s) ? { notification: 'display', status: s } : undefined
    }
    case 'Processing': {
      const s = Read.record(n.processing).status
      return processingStatusValue.is(s) ? { notification: 'processing', status: s } : undefined
    }
    default:
      return undefined
  }
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The notification; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.2.0
 */
export const notification: L.Lens<Imdn, AnyNotification | undefined> = /*#__PURE__*/ Optics.optionalKey<
  Imdn,
  'notification'
>('notification')

const statusOptional = <K extends AnyNotification['_tag'], S extends string>(
  tag: K,
  key: 'delivery' | 'display' | 'processing'
): Op.Optional<Imdn, S> =>
  Op.optional(
    (d) => {
      const n = d.notification as Readonly<Record<string, unknown>> | undefined
      return n !== undefined && n._tag === tag ? O.some((n[key] as Notification<S>).status) : O.none
    },
    (s) => (d) => {
      const n = d.notification as Readonly<Record<string, unknown>> | undefined
      if (n === undefined || n._tag !== tag) return d
      const inner = n[key] as Notification<S>
      if (inner.status === s) return d
      return { ...d, notification: { ...n, [key]: { ...inner, status: s } } as unknown as AnyNotification }
    }
  )

/**
 * The status of a delivery notification (none when the document carries another notification or none).
 *
 * @category optics
 * @since 0.2.0
 */
export const deliveryStatus: Op.Optional<Imdn, DeliveryStatus> = /*#__PURE__*/ statusOptional('Delivery', 'delivery')

/**
 * The status of a display notification.
 *
 * @category optics
 * @since 0.2.0
 */
export const displayStatus: Op.Optional<Imdn, DisplayStatus> = /*#__PURE__*/ statusOptional('Display', 'display')

/**
 * The status of a processing notification.
 *
 * @category optics
 * @since 0.2.0
 */
export const processingStatus: Op.Optional<Imdn, ProcessingStatus> = /*#__PURE__*/ statusOptional(
  'Processing',
  'processing'
)
