/**
 * Arbitraries and the law registration of Instant Message Disposition Notifications (RFC 5438).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Op from '#monocle-ts/Optional'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/Imdn.js'
import * as A from '../Arbitrary.js'
import { lens, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

const notificationOf = <S extends string>(values: {
  readonly values: ReadonlyArray<S>
}): fc.Arbitrary<_.Notification<S>> =>
  A.record({ status: A.literal(values), other: A.foreignElements() }, []) as fc.Arbitrary<_.Notification<S>>

/**
 * A delivery notification.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DeliveryNotification: fc.Arbitrary<_.DeliveryNotification> = notificationOf(_.deliveryStatusValue)

/**
 * A display notification.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DisplayNotification: fc.Arbitrary<_.DisplayNotification> = notificationOf(_.displayStatusValue)

/**
 * A processing notification.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ProcessingNotification: fc.Arbitrary<_.ProcessingNotification> = notificationOf(_.processingStatusValue)

/**
 * One of the three notifications.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const AnyNotification: fc.Arbitrary<_.AnyNotification> = fc.oneof(
  DeliveryNotification.map((delivery): _.AnyNotification => ({ _tag: 'Delivery', delivery })),
  DisplayNotification.map((display): _.AnyNotification => ({ _tag: 'Display', display })),
  ProcessingNotification.map((processing): _.AnyNotification => ({ _tag: 'Processing', processing }))
)

/**
 * The recipient group: both URIs and a subject or none, or nothing at all.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Recipient: fc.Arbitrary<Pick<_.Imdn, 'recipientUri' | 'originalRecipientUri' | 'subject'>> = fc.oneof(
  fc.constant({}),
  A.record({ recipientUri: A.anyURI, originalRecipientUri: A.anyURI, subject: A.xmlText(20) }, ['subject'])
)

/**
 * An IMDN document.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Imdn: fc.Arbitrary<_.Imdn> = fc
  .tuple(
    A.record(
      {
        messageId: fc.oneof(A.ncname, A.token),
        datetime: fc.oneof({ weight: 3, arbitrary: A.dateTime }, { weight: 1, arbitrary: A.xmlText(20) }),
        notification: AnyNotification,
        other: A.foreignElements()
      },
      ['notification']
    ),
    Recipient
  )
  .map(([{ messageId, datetime, notification, other }, r]) => ({
    messageId,
    datetime,
    ...r,
    ...(notification === undefined ? {} : { notification }),
    other
  }))

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.Imdn> = {
  format: 'imdn',
  spec: 'RFC 5438',
  codec: _.document,
  arbitrary: Imdn,
  schemas: ['imdn.xsd'],
  constructors: {
    imdn: _.imdn,
    delivered: _.delivered,
    failed: _.failed,
    displayed: _.displayed,
    processed: _.processed,
    stored: _.stored,
    forbidden: _.forbidden,
    error: _.error,
    dispositionOf: _.dispositionOf
  },
  // an IMDN has no repeated parts of its own: its extension elements are what grows
  scale: (n) => ({
    ..._.delivered({
      messageId: '34jk324j',
      datetime: '2008-04-04T12:16:49-05:00',
      recipientUri: 'im:bob@example.com'
    }),
    other: Array.from({ length: Math.max(0, Math.floor(n)) }, (_x, i) =>
      Xml.element({ ns: 'urn:example:imdn-vendor', local: 'hop' }, { n: String(i) }, [
        Xml.text(`relay${i}.example.com`)
      ])
    )
  }),
  namespaces: [_.NS],
  optics: [
    lens('notification', _.notification, fc.option(AnyNotification, { nil: undefined })),
    traversal('deliveryStatus', Op.asTraversal(_.deliveryStatus), A.literal(_.deliveryStatusValue)),
    traversal('displayStatus', Op.asTraversal(_.displayStatus), A.literal(_.displayStatusValue)),
    traversal('processingStatus', Op.asTraversal(_.processingStatus), A.literal(_.processingStatusValue))
  ]
}
