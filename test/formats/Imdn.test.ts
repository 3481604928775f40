import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Imdn.js'
import * as Xml from '../../src/xml/Ast.js'
import * as fc from 'fast-check'
import * as IA from '../../laws/formats/Imdn.js'
import { decodeErrors, decodeOk } from '../util.js'

const NS = _.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)

// RFC 5438 §7.2.1.1, §7.2.1.2 and §8.1 (the same message, delivered, displayed and processed)
const rfc = (notification: string, status: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<imdn xmlns="urn:ietf:params:xml:ns:imdn">
      <message-id>34jk324j</message-id>
      <datetime>2008-04-04T12:16:49-05:00</datetime>
     <recipient-uri>im:bob@example.com</recipient-uri>
      <original-recipient-uri
        >im:bob@example.com</original-recipient-uri>
      <${notification}>
         <status>
            <${status}/>
         </status>
      </${notification}>
    </imdn>
`
const DELIVERED = rfc('delivery-notification', 'delivered')
const DISPLAYED = rfc('display-notification', 'displayed')
const PROCESSED = rfc('processing-notification', 'processed')

const original: _.Original = {
  messageId: '34jk324j',
  datetime: '2008-04-04T12:16:49-05:00',
  recipientUri: 'im:bob@example.com'
}
const about = { messageId: '34jk324j', datetime: '2008-04-04T12:16:49-05:00', recipientUri: 'im:bob@example.com', originalRecipientUri: 'im:bob@example.com' }
const min = (inner: string): string => `<imdn xmlns="${NS}"><message-id>m1</message-id><datetime>2024-01-01T00:00:00Z</datetime>${inner}</imdn>`

describe('Imdn', () => {
  describe('RFC examples', () => {
    it('RFC 5438 §7.2.1.1: delivered', () => {
      assert.deepStrictEqual(decode(DELIVERED), { ...about, notification: { _tag: 'Delivery', delivery: { status: 'delivered', other: [] } }, other: [] })
    })
    it('RFC 5438 §7.2.1.2: displayed', () => {
      assert.deepStrictEqual(decode(DISPLAYED).notification, { _tag: 'Display', display: { status: 'displayed', other: [] } })
    })
    it('RFC 5438 §8.1: processed', () => {
      assert.deepStrictEqual(decode(PROCESSED).notification, { _tag: 'Processing', processing: { status: 'processed', other: [] } })
    })
    it('the constructors give the RFC examples', () => {
      for (const [text, value] of [
        [DELIVERED, _.delivered(original)],
        [DISPLAYED, _.displayed(original)],
        [PROCESSED, _.processed(original)]
      ] as const) {
        assert.deepStrictEqual(decode(text), value)
        assert.deepStrictEqual(_.document.canonical(_.document.encode(value)), _.document.canonical(text))
      }
    })
  })

  describe('codec', () => {
    it('every status of every notification, with extension elements in <status> and <imdn>', () => {
      for (const [n, values] of [
        ['delivery-notification', _.deliveryStatusValue.values],
        ['display-notification', _.displayStatusValue.values],
        ['processing-notification', _.processingStatusValue.values]
      ] as const)
        for (const s of values) {
          const v = decode(min(`<${n}><status><${s}/><x:why xmlns:x="urn:example:x">quota</x:why></status></${n}><x:top xmlns:x="urn:example:x"/>`))
          assert.deepStrictEqual(_.dispositionOf(v), { notification: n.replace('-notification', ''), status: s })
          assert.deepStrictEqual(v.other.map((e) => e.name), [{ ns: 'urn:example:x', local: 'top' }])
          assert.deepStrictEqual(decode(_.document.encode(v)), v)
        }
      const v = decode(min(''))
      assert.deepStrictEqual(v, { messageId: 'm1', datetime: '2024-01-01T00:00:00Z', other: [] })
      assert.strictEqual(_.dispositionOf(v), undefined)
    })
    it('keeps the text as written: a subject, and URIs on lines of their own', () => {
      const v = decode(min(`<recipient-uri>\n  im:bob@example.com\n</recipient-uri><original-recipient-uri>im:b@example.com</original-recipient-uri><subject> Hi &amp; bye </subject>`))
      assert.strictEqual(v.recipientUri, '\n  im:bob@example.com\n')
      assert.strictEqual(v.subject, ' Hi & bye ')
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('renders errors with paths', () => {
      assert.deepStrictEqual(errors(`<imdn xmlns="${NS}"><datetime>x</datetime><delivery-notification><status><displayed/></status></delivery-notification></imdn>`), [
        `/imdn: expected a child <{${NS}}message-id>, got nothing`,
        `/imdn/delivery-notification[1]/status/displayed[1]: expected no element <{${NS}}displayed> here, got one`,
        `/imdn/delivery-notification[1]/status: expected a child <{${NS}}delivered> | <{${NS}}failed> | <{${NS}}forbidden> | <{${NS}}error>, got nothing`
      ])
      assert.deepStrictEqual(errors(min('<display-notification><status><displayed/><error/></status></display-notification>')), [
        `/imdn/display-notification[1]/status/error[2]: expected one <{${NS}}displayed> | <{${NS}}forbidden> | <{${NS}}error>, got another`
      ])
      assert.deepStrictEqual(errors(min('<display-notification><status><displayed>now</displayed></status></display-notification>')), [
        '/imdn/display-notification[1]/status/displayed: expected an empty element, got content'
      ])
      assert.deepStrictEqual(
        errors(min('<delivery-notification><status><delivered/></status></delivery-notification><display-notification><status><displayed/></status></display-notification>')),
        [`/imdn: expected at most 1 <{${NS}}delivery-notification> | <{${NS}}display-notification> | <{${NS}}processing-notification>, got 2`]
      )
    })
    it('the recipient group: both URIs or neither, a subject only with them', () => {
      assert.deepStrictEqual(errors(min('<recipient-uri>im:b@example.com</recipient-uri>')), [
        '/imdn/original-recipient-uri: expected <original-recipient-uri> after <recipient-uri>, got nothing'
      ])
      assert.deepStrictEqual(errors(min('<original-recipient-uri>im:b@example.com</original-recipient-uri>')), [
        '/imdn/recipient-uri: expected <recipient-uri> before <original-recipient-uri>, got nothing'
      ])
      assert.deepStrictEqual(errors(min('<subject>hi</subject>')), [
        '/imdn/subject[1]: expected <recipient-uri> and <original-recipient-uri> before <subject>, got neither'
      ])
      assert.deepStrictEqual(errors(min('<subject>hi</subject><recipient-uri>a</recipient-uri><original-recipient-uri>b</original-recipient-uri>')), [
        `/imdn/recipient-uri[1]: expected <{${NS}}recipient-uri> before <{${NS}}subject>, got it after`,
        `/imdn/original-recipient-uri[1]: expected <{${NS}}original-recipient-uri> before <{${NS}}subject>, got it after`
      ])
      assert.ok(!_.Imdn.is({ messageId: 'm', datetime: 'd', recipientUri: 'a', other: [] }))
    })
    it('any recipient group generated is one the codec accepts', () => {
      fc.assert(fc.property(IA.Recipient, (r) => _.Imdn.is({ ...decode(min('')), ...r })))
    })
    it('is the message/imdn+xml format', () => {
      assert.strictEqual(_.document.contentType, 'message/imdn+xml')
      assert.strictEqual(_.document.id, 'imdn')
      assert.ok(E.isRight(_.document.decode(new TextEncoder().encode(DELIVERED))))
    })
  })

  describe('constructors', () => {
    it('replies about a message, by its Message-ID and DateTime', () => {
      assert.deepStrictEqual(_.failed({ messageId: 'm', datetime: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) }), {
        messageId: 'm',
        datetime: '2024-01-02T03:04:05.000Z',
        notification: { _tag: 'Delivery', delivery: { status: 'failed', other: [] } },
        other: []
      })
      assert.deepStrictEqual(_.dispositionOf(_.stored(original)), { notification: 'processing', status: 'stored' })
      assert.deepStrictEqual(_.imdn({ ...original, originalRecipientUri: 'im:alias@example.com', subject: 'lunch?' }), {
        messageId: '34jk324j',
        datetime: '2008-04-04T12:16:49-05:00',
        recipientUri: 'im:bob@example.com',
        originalRecipientUri: 'im:alias@example.com',
        subject: 'lunch?',
        other: []
      })
      // a subject needs the recipient URIs: without them it is left out
      assert.strictEqual(_.imdn({ messageId: 'm', datetime: 'd', subject: 's' }).subject, undefined)
    })
    it('forbidden and error for each kind of notification', () => {
      for (const kind of ['delivery', 'display', 'processing'] as const) {
        assert.deepStrictEqual(_.dispositionOf(_.forbidden(kind, original)), { notification: kind, status: 'forbidden' })
        assert.deepStrictEqual(_.dispositionOf(_.error(kind, original)), { notification: kind, status: 'error' })
        assert.ok(_.document.is(_.error(kind, original)))
      }
      assert.deepStrictEqual(_.dispositionOf(_.error('other' as never, original)), { notification: 'delivery', status: 'error' })
    })
    it('never throw, whatever they are given', () => {
      for (const u of [undefined, null, 1, 'x', [], {}, { messageId: 5, datetime: new Date(NaN) }]) {
        assert.strictEqual(typeof _.delivered(u as never), 'object')
        assert.strictEqual(_.dispositionOf(u as never), undefined)
      }
    })
  })

  describe('optics', () => {
    const v = decode(DELIVERED)
    it('the status of the notification of each kind', () => {
      assert.deepStrictEqual(_.deliveryStatus.getOption(v), O.some('delivered'))
      assert.deepStrictEqual(_.displayStatus.getOption(v), O.none)
      const failed = _.deliveryStatus.set('failed')(v)
      assert.deepStrictEqual(_.dispositionOf(failed), { notification: 'delivery', status: 'failed' })
      assert.strictEqual(_.deliveryStatus.set('delivered')(v), v)
      assert.strictEqual(_.displayStatus.set('displayed')(v), v)
      assert.deepStrictEqual(_.processingStatus.getOption(_.processed(original)), O.some('processed'))
    })
    it('the notification; setting undefined removes it', () => {
      const none = _.notification.set(undefined)(v)
      assert.ok(!('notification' in none))
      assert.deepStrictEqual(_.notification.get(v), { _tag: 'Delivery', delivery: { status: 'delivered', other: [] } })
      assert.strictEqual(_.document.encode(none).includes('notification'), false)
      assert.deepStrictEqual(decode(_.document.encode(none)).other, [] as ReadonlyArray<Xml.Element>)
    })
  })
})
