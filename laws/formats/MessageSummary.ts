/**
 * Arbitraries and the law registration of message summary (RFC 3842), a text format.
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
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
 * A message header: a token name and a value of header-value text (RFC 3261 §25.1: no control character but HTAB, no
 * DEL, no lone surrogate) without white space at either end.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Header: fc.Arbitrary<_.Header> = fc.record({
  name: fc.oneof(
    fc.constantFrom('To', 'From', 'Subject', 'Date', 'Message-ID', 'Priority', 'message-id', "!%*_+`'~-."),
    fc.string({ unit: tokenChar, minLength: 1, maxLength: 10 })
  ),
  value: fc.oneof(
    fc.constantFrom(
      '',
      '<alice@example.com>',
      'carpool tomorrow?',
      'Sun, 09 Jul 2000 21:23:01 -0700',
      'a: b',
      'a\t\tb',
      'x  y',
      '(1/2)',
      'é😀',
      '\u0085\u2028',
      '\uffff'
    ),
    A.xmlText(20).map((s) => s.replace(/[\r\n]/g, ' ').replace(/^[ \t]+|[ \t]+$/g, ''))
  )
})

/**
 * An account URI.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const Account: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: A.anyURI },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'sip:[2001:db8::1]',
      'sip:%61lice@example.com;transport=tcp',
      "sips:*97#@example.com?subject=a&priority=urgent",
      "x-vendor+1.2-3:!$&'()*+,;=~_"
    )
  }
)

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
        'garbage',
        'Voice-Message: 4294967296/99999999999 (0/0)',
        'Fax-Message: -1/0',
        'Message-Account: sip:a b@example.com',
        'Subject: a\u0000b',
        'Subject: \ud800',
        'To:\tb\t',
        'Sub ject: x',
        '\t'
      ),
      A.xmlText(20)
    ),
    { maxLength: 12 }
  )
  .chain((ls) => fc.array(lineEnd, { minLength: ls.length, maxLength: ls.length }).map((es) => ls.map((l, i) => l + es[i]).join('')))

/**
 * Strings that must not get into a body as they are: line breaks (alone, in pairs, followed by a summary line or a
 * header block), colons, white space at the ends, NUL and other controls, DEL, lone surrogates, spaces and angle
 * brackets in URIs, names of object properties, and very long strings; each alone or around ordinary text. Some are
 * valid in some fields (`Subject`, `😀`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '\r\n',
    '\r',
    '\n',
    '\r\n\r\n',
    'sip:a@b\r\nVoice-Message: 99/99',
    'x\r\n\r\nTo: <mallory@example.com>',
    'x\nMessages-Waiting: no',
    ':',
    'a:b',
    ' leading',
    'trailing ',
    '\t',
    ' ',
    '\u0000',
    '\u001b[31m',
    '\u007f',
    '\u000b\u000c',
    '\ud800',
    'a\udc00b',
    '\udbff\udbff',
    '😀',
    '<sip:a@b>',
    'sip:a b@c',
    'sip:%zz@b',
    'Subject',
    'Voice-Message',
    'VOICE-MESSAGE',
    '__proto__',
    'constructor',
    'x'.repeat(100_000)
  ),
  fc
    .tuple(
      fc.constantFrom('sip:alice@example.com', 'carpool tomorrow?', 'Subject', ''),
      fc.constantFrom('\r\n', '\n', '\r', '\u0000', '\ud800', '\udfff', ' ', '\t', ':', '<', '\u007f'),
      fc.constantFrom('', 'Voice-Message: 1/1', ' x', 'To: y')
    )
    .map(([a, b, c]) => a + b + c),
  fc.string({ maxLength: 20 })
)

/**
 * Numbers that are not counts, and edges of the ones that are: NaN, infinities, −1, −0, fractions, 2^32, 2^53 + 2,
 * numbers printed in exponent form, 0 and 2^32 − 1.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  -0,
  1.5,
  0.1,
  2 ** 32,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  5e-324,
  0,
  _.MAX_COUNT
)

interface Leaf {
  readonly value: unknown
  /** The whole value with this leaf replaced. */
  readonly set: (v: unknown) => unknown
}

/** Every string and number in a value, with a function that replaces it. */
const leaves = (u: unknown, set: (v: unknown) => unknown, out: Array<Leaf>): void => {
  if (typeof u === 'string' || typeof u === 'number') out.push({ value: u, set })
  else if (Array.isArray(u)) u.forEach((x, i) => leaves(x, (v) => set(u.map((y, j) => (j === i ? v : y))), out))
  else if (typeof u === 'object' && u !== null)
    for (const [k, x] of Object.entries(u)) leaves(x, (v) => set({ ...u, [k]: v }), out)
}

/**
 * Message summaries with one to three of their strings (account, class, header names and values) or numbers (counts)
 * replaced by hostile ones: values of the type that `is` must judge, and that encoding must never let change the
 * body's structure.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const hostile: fc.Arbitrary<_.MessageSummary> = fc
  .tuple(MessageSummary, fc.array(fc.tuple(fc.nat(), hostileString, hostileNumber), { minLength: 1, maxLength: 3 }))
  .map(([value, edits]) =>
    edits.reduce((v, [at, s, n]) => {
      const found: Array<Leaf> = []
      leaves(v, (x) => x, found)
      if (found.length === 0) return v
      const leaf = found[at % found.length]
      return leaf.set(typeof leaf.value === 'string' ? s : n) as _.MessageSummary
    }, value)
  )

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
  constructors: { summary: _.summary, messageSummary: _.messageSummary },
  scale: (n) =>
    _.messageSummary([_.summary('voice-message', n, 2 * n)], {
      account: 'sip:alice@vmail.example.com',
      messages: Array.from({ length: n }, (_x, i) => [
        { name: 'To', value: '<alice@example.com>' },
        { name: 'Subject', value: `message ${i}` }
      ] as const)
    }),
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
