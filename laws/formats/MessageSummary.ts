/**
 * Arbitraries and the law registration of message summary (RFC 3842), a text format.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import * as _ from '../../src/formats/MessageSummary.js'
import * as A from '../Arbitrary.js'
import { lens, optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

/**
 * A message-context-class.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const MessageContextClass: fc.Arbitrary<_.MessageContextClass> = fc.constantFrom(..._.messageContextClasses)

/**
 * A message count: mostly small, sometimes up to 2^32 − 1.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Count: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: _.MAX_COUNT }) }
)

/**
 * A summary line.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Summary: fc.Arbitrary<_.Summary> = A.record(
  { context: MessageContextClass, new: Count, old: Count, urgent: fc.record({ new: Count, old: Count }) },
  ['urgent']
)

const tokenChar = fc.constantFrom(...'abcXYZ019-.!%*_+`\'~'.split(''))

/**
 * A message header: a token name and a value without line breaks or surrounding white space.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Header: fc.Arbitrary<_.Header> = fc.record({
  name: fc.oneof(
    fc.constantFrom('To', 'From', 'Subject', 'Date', 'Message-ID', 'Priority', 'message-id'),
    fc.string({ unit: tokenChar, minLength: 1, maxLength: 10 })
  ),
  value: fc.oneof(
    fc.constantFrom('', '<alice@example.com>', 'carpool tomorrow?', 'Sun, 09 Jul 2000 21:23:01 -0700', 'a: b'),
    A.xmlText(20).map((s) => s.replace(/[\r\n]/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''))
  )
})

/**
 * An account URI.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Account: fc.Arbitrary<string> = A.anyURI

/**
 * A message summary.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const MessageSummary: fc.Arbitrary<_.MessageSummary> = A.record(
  {
    messagesWaiting: fc.boolean(),
    account: Account,
    summaries: fc.array(Summary, { maxLength: 4 }),
    messages: fc.array(
      fc.array(Header, { minLength: 1, maxLength: 4 }).map((hs) => hs as unknown as ReadonlyNonEmptyArray<_.Header>),
      { maxLength: 3 }
    )
  },
  ['account']
)

const lineEnd = fc.constantFrom('\r\n', '\n', '\r')

/**
 * Near-valid bodies for the totality suite: real lines, broken lines, odd case, folding, huge counts, angle-bracketed
 * accounts and stray text, with mixed line ends.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const texts: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Messages-Waiting: yes',
        'messages-waiting:NO',
        'Messages-Waiting: maybe',
        'Messages-Waiting',
        'Message-Account: sip:alice@vmail.example.com',
        'Message-Account: <sip:alice@example.com>',
        'Voice-Message: 2/8 (0/2)',
        'VOICE-MESSAGE: 2 / 8 ( 0 / 2 )',
        'Fax-Message: 99999999999999999999/0',
        'Text-Message: 1/',
        'Video-Message: 1/2',
        'None: 0/0 (0/0',
        '',
        '   ',
        ' folded continuation',
        'To: <alice@atlanta.example.com>',
        'Subject:',
        ': no name',
        'garbage'
      ),
      A.xmlText(20)
    ),
    { maxLength: 12 }
  )
  .chain((ls) => fc.array(lineEnd, { minLength: ls.length, maxLength: ls.length }).map((es) => ls.map((l, i) => l + es[i]).join('')))

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.1.0
 */
export const registration: FormatLaws<_.MessageSummary> = {
  format: 'message-summary',
  spec: 'RFC 3842',
  codec: _.document,
  arbitrary: MessageSummary,
  schemas: [],
  texts,
  optics: [
    lens('messagesWaiting', _.messagesWaiting, fc.boolean()),
    lens('account', _.account, fc.option(Account, { nil: undefined })),
    optional('summaryByContext', _.summaryByContext, {
      keys: (s) => s.summaries.map((l) => l.context),
      absent: MessageContextClass,
      focus: (context) => Summary.map((l) => ({ ...l, context }))
    }),
    traversal('everySummary', _.everySummary, Summary)
  ]
}
