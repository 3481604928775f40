import * as assert from 'node:assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as T from 'monocle-ts/lib/Traversal.js'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/MessageSummary.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'
import { decodeErrors, decodeOk } from '../util.js'

const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const lenient = (s: string): { value: _.MessageSummary; dropped: ReadonlyArray<string> } => {
  const r = _.document.decodeLenient(s)
  if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
  return { value: r.right.value, dropped: reportDropped(r.right.dropped) }
}

// RFC 3842 §4.1, NOTIFY A3 and A5 (with the CRLF line ends the RFC mandates on the wire)
const A3 = 'Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\nVoice-Message: 2/8 (0/2)\r\n'
const A5 = [
  'Messages-Waiting: yes',
  'Message-Account: sip:alice@vmail.example.com',
  'Voice-Message: 4/8 (1/2)',
  '',
  'To: <alice@atlanta.example.com>',
  'From: <bob@biloxi.example.com>',
  'Subject: carpool tomorrow?',
  'Date: Sun, 09 Jul 2000 21:23:01 -0700',
  'Priority: normal',
  'Message-ID: 13784434989@vmail.example.com',
  '',
  'To: <alice@example.com>',
  'From: <cathy-the-bob@example.com>',
  'Subject: HELP! at home ill, present for me please',
  'Date: Sun, 09 Jul 2000 21:25:12 -0700',
  'Priority: urgent',
  'Message-ID: 13684434990@vmail.example.com',
  ''
].join('\r\n')


/** Time per character of `f` on `s`, over `reps` calls. */
const perChar = (f: (s: string) => unknown, s: string, reps: number): number => {
  const t0 = performance.now()
  for (let i = 0; i < reps; i++) f(s)
  return (performance.now() - t0) / (reps * s.length)
}

/**
 * How much more time per character `f` takes on a body 10 times as large: the median of 5 interleaved measurements,
 * each long enough to rise above timer noise (the small body decoded 10 times as often, so both sides handle the same
 * number of characters). About 1 for a linear decoder, about 10 for a quadratic one.
 */
const growth = (f: (s: string) => unknown, make: (size: number) => string, size: number): number => {
  const small = make(size)
  const large = make(10 * size)
  f(small)
  const once = perChar(f, large, 1) * large.length
  const reps = Math.max(1, Math.ceil(10 / Math.max(once, 0.01))) // about 10 ms a side
  const ratios: Array<number> = []
  for (let k = 0; k < 5; k++) ratios.push(perChar(f, large, reps) / perChar(f, small, 10 * reps))
  return ratios.sort((a, b) => a - b)[2]
}

/** `unit` repeated to about `size` characters. */
const fill = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.floor(size / unit.length)))

describe('MessageSummary', () => {
  describe('RFC 3842 §4.1 examples', () => {
    it('A3: the synchronising NOTIFY (2 new and 8 old voice messages, 0 and 2 of them urgent)', () => {
      assert.deepStrictEqual(decode(A3), {
        messagesWaiting: true,
        account: 'sip:alice@vmail.example.com',
        summaries: [{ context: 'voice-message', new: 2, old: 8, urgent: { new: 0, old: 2 } }],
        messages: []
      })
    })
    it('A5: summary plus the headers of two new messages', () => {
      const v = decode(A5)
      assert.deepStrictEqual(v.summaries, [{ context: 'voice-message', new: 4, old: 8, urgent: { new: 1, old: 2 } }])
      assert.strictEqual(v.messages.length, 2)
      assert.deepStrictEqual(v.messages[0][2], { name: 'Subject', value: 'carpool tomorrow?' })
      assert.deepStrictEqual(v.messages[1][4], { name: 'Priority', value: 'urgent' })
      assert.deepStrictEqual(v.messages[1][5], { name: 'Message-ID', value: '13684434990@vmail.example.com' })
    })
    it('encodes the RFC form exactly, with CRLF line ends', () => {
      assert.strictEqual(_.document.encode(decode(A3)), A3)
      assert.strictEqual(_.document.encode(decode(A5)), A5)
    })
    it('§3.5: the fax example without urgent counts', () => {
      assert.deepStrictEqual(decode('Messages-Waiting: no\r\nFax-Message: 2/4\r\n').summaries, [
        { context: 'fax-message', new: 2, old: 4 }
      ])
    })
  })

  describe('what devices send', () => {
    it('a bare status line with no count lines (Cisco phones)', () => {
      assert.deepStrictEqual(decode('Messages-Waiting: yes\r\n'), { messagesWaiting: true, summaries: [], messages: [] })
      assert.deepStrictEqual(decode('Messages-Waiting: yes'), { messagesWaiting: true, summaries: [], messages: [] })
    })
    it('header names and values in any case (all productions are case-insensitive, §5.2)', () => {
      assert.deepStrictEqual(decode('MESSAGES-WAITING: Yes\nmessage-account: sip:a@b.example\nvoice-MESSAGE: 1/0\nNONE: 0/0\n'), {
        messagesWaiting: true,
        account: 'sip:a@b.example',
        summaries: [
          { context: 'voice-message', new: 1, old: 0 },
          { context: 'none', new: 0, old: 0 }
        ],
        messages: []
      })
    })
    it('LF, CRLF and CR line ends, and mixes of them', () => {
      const want = decode(A3)
      assert.deepStrictEqual(decode(A3.replace(/\r\n/g, '\n')), want)
      assert.deepStrictEqual(decode(A3.replace(/\r\n/g, '\r')), want)
      assert.deepStrictEqual(decode('Messages-Waiting: yes\nMessage-Account: sip:alice@vmail.example.com\r\nVoice-Message: 2/8 (0/2)'), want)
    })
    it('white space around colons, slashes and parentheses (HCOLON, SLASH, LPAREN allow it)', () => {
      assert.deepStrictEqual(decode('Messages-Waiting :yes\r\nVoice-Message:\t2 / 8 ( 0 / 2 )  \r\n').summaries, [
        { context: 'voice-message', new: 2, old: 8, urgent: { new: 0, old: 2 } }
      ])
    })
    it('leading zeros, and all six message-context-classes (RFC 3458 §6.2)', () => {
      const v = decode(
        'Messages-Waiting: no\nVoice-Message: 01/002\nFax-Message: 0/0\nPager-Message: 3/4\nMultimedia-Message: 5/6 (1/1)\nText-Message: 7/8\nNone: 9/10\n'
      )
      assert.deepStrictEqual(
        v.summaries.map((s) => [s.context, s.new, s.old]),
        [
          ['voice-message', 1, 2],
          ['fax-message', 0, 0],
          ['pager-message', 3, 4],
          ['multimedia-message', 5, 6],
          ['text-message', 7, 8],
          ['none', 9, 10]
        ]
      )
    })
    it('the account line after the summary lines', () => {
      assert.strictEqual(decode('Voice-Message: 1/0\nMessage-Account: sip:x@y.example\nMessages-Waiting: yes\n').account, 'sip:x@y.example')
    })
    it('folded lines and several blank lines between header blocks', () => {
      const v = decode('Messages-Waiting: yes\n\n\nSubject: a long\n  subject\n\n\n\nTo: <b@example.com>\n\n')
      assert.deepStrictEqual(v.messages, [[{ name: 'Subject', value: 'a long subject' }], [{ name: 'To', value: '<b@example.com>' }]])
    })
    it('the largest count, 2^32 - 1', () => {
      assert.deepStrictEqual(decode('Messages-Waiting: yes\nVoice-Message: 4294967295/0\n').summaries[0].new, 4294967295)
    })
    it('counts above 2^32 - 1 read as 2^32 - 1 (RFC 3842 §3.5), in strict and lenient mode, with nothing dropped', () => {
      const max = _.MAX_COUNT
      const cases: ReadonlyArray<readonly [string, _.Summary]> = [
        ['99999999999/0', { context: 'voice-message', new: max, old: 0 }],
        ['0/4294967296', { context: 'voice-message', new: 0, old: max }],
        ['4294967296/4294967295', { context: 'voice-message', new: max, old: max }],
        ['000004294967296/07', { context: 'voice-message', new: max, old: 7 }],
        ['1/2 (4294967296/99999999999999999999999)', { context: 'voice-message', new: 1, old: 2, urgent: { new: max, old: max } }],
        [`${'9'.repeat(400)}/${'9'.repeat(400)}`, { context: 'voice-message', new: max, old: max }],
        ['99999999999/3 (5000000000/0)', { context: 'voice-message', new: max, old: 3, urgent: { new: max, old: 0 } }]
      ]
      for (const [counts, want] of cases) {
        const body = `Messages-Waiting: yes\r\nVoice-Message: ${counts}\r\n`
        assert.deepStrictEqual(decode(body).summaries, [want], counts)
        assert.deepStrictEqual(lenient(body), { value: decode(body), dropped: [] }, counts)
        assert.strictEqual(_.canonical(body), _.canonical(_.document.encode(decode(body))), counts)
      }
    })
    it('a UTF-8 byte body with a byte order mark', () => {
      const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(A3)])
      assert.deepStrictEqual(E.map((v: _.MessageSummary) => v.account)(_.document.decode(bytes)), E.right('sip:alice@vmail.example.com'))
    })
  })

  describe('errors', () => {
    it('no status line', () => {
      assert.deepStrictEqual(errors(''), ['/Messages-Waiting: expected a Messages-Waiting line, got nothing'])
      assert.deepStrictEqual(errors('Voice-Message: 1/2\n'), ['/Messages-Waiting: expected a Messages-Waiting line, got nothing'])
    })
    it('a status that is neither yes nor no', () => {
      assert.deepStrictEqual(errors('Messages-Waiting: maybe\n'), ['/Messages-Waiting: expected "yes" | "no", got "maybe"'])
    })
    it('bad lines are reported by line number', () => {
      assert.deepStrictEqual(
        errors('Messages-Waiting: yes\nMessage-Account: <sip:alice@example.com>\nVoice-Message: x/2\nVideo-Message: 1/2\nMessages-Waiting: no\n\nnot a header\n'),
        [
          '/Message-Account: expected an account URI without angle brackets, got "<sip:alice@example.com>"',
          '/line[3]: expected counts new/old with optional (urgent new/urgent old), got "x/2"',
          '/line[4]: expected a Messages-Waiting, Message-Account or message-context-class line, got "Video-Message"',
          '/line[5]: expected one Messages-Waiting line, got another',
          '/line[7]: expected a message header line (name: value), got "not a header"'
        ]
      )
    })
    it('negative counts, signs, fractions, exponents and other digits stay errors', () => {
      for (const counts of ['-1/0', '1/-2', '+1/0', '1.5/0', '1e3/0', '0x10/0', '1/2 (-1/0)', '1/2 (1/2', '1/2 1/2', '١/٢', '１/２', '/', '1/', '/1'])
        assert.deepStrictEqual(errors(`Messages-Waiting: yes\nVoice-Message: ${counts}\n`), [
          `/line[2]: expected counts new/old with optional (urgent new/urgent old), got ${JSON.stringify(counts)}`
        ])
    })
  })

  describe('lenient decoding', () => {
    it('drops the lines it cannot read and reports them', () => {
      const r = lenient('Messages-Waiting: yes\nVoice-Message: x/2\nFax-Message: 1/1\n\nnot a header\nTo: <a@example.com>\n')
      assert.deepStrictEqual(r.value, {
        messagesWaiting: true,
        summaries: [{ context: 'fax-message', new: 1, old: 1 }],
        messages: [[{ name: 'To', value: '<a@example.com>' }]]
      })
      assert.deepStrictEqual(r.dropped, [
        '/line[2]: dropped: expected counts new/old with optional (urgent new/urgent old), got "x/2"',
        '/line[5]: dropped: expected a message header line (name: value), got "not a header"'
      ])
    })
    it('still fails without a status line', () => {
      const r = _.document.decodeLenient('Voice-Message: 1/2\n')
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), ['/Messages-Waiting: expected a Messages-Waiting line, got nothing'])
    })
  })

  describe('canonical', () => {
    it('treats case, line ends, spacing, leading zeros, blank-line runs and the order of the first lines as insignificant', () => {
      const a = 'messages-waiting:YES\nVoice-Message: 02 / 8 (0/2)  \nMessage-Account: sip:alice@vmail.example.com\n\n\nSUBJECT:  hi\n\n'
      assert.strictEqual(_.canonical(a), _.canonical(A3 + '\r\nsubject: hi\r\n'))
      assert.strictEqual(_.canonical(A3), 'messages-waiting: yes\r\nmessage-account: sip:alice@vmail.example.com\r\nvoice-message: 2/8 (0/2)\r\n')
    })
    it('keeps differences that matter: counts, values, the order of summary lines', () => {
      assert.notStrictEqual(_.canonical(A3), _.canonical(A3.replace('2/8', '2/9')))
      assert.notStrictEqual(_.canonical('Messages-Waiting: yes\nFax-Message: 1/1\nVoice-Message: 1/1\n'), _.canonical('Messages-Waiting: yes\nVoice-Message: 1/1\nFax-Message: 1/1\n'))
      assert.notStrictEqual(_.canonical(A5), _.canonical(A5.replace('carpool tomorrow?', 'Carpool tomorrow?')))
    })
    it('the document round trip of the RFC examples', () => {
      for (const body of [A3, A5, A3.replace(/\r\n/g, '\n')]) {
        const again = _.document.encode(decode(body))
        assert.deepStrictEqual(_.document.canonical(again), _.document.canonical(body))
      }
    })
  })

  describe('constructors', () => {
    it('messageSummary defaults messagesWaiting to whether there are new messages', () => {
      assert.strictEqual(_.messageSummary([_.summary('voice-message', 0, 3)]).messagesWaiting, false)
      assert.strictEqual(_.messageSummary([_.summary('fax-message', 1, 0)]).messagesWaiting, true)
      assert.strictEqual(
        _.document.encode(_.messageSummary([_.summary('voice-message', 2, 8, { new: 0, old: 2 })], { account: 'sip:alice@vmail.example.com' })),
        A3
      )
    })
  })

  describe('optics', () => {
    it('summaryByContext reads and writes the line of a class, keeping the class', () => {
      const v = decode(A3)
      assert.deepStrictEqual(_.summaryByContext('voice-message').getOption(v), O.some(v.summaries[0]))
      assert.deepStrictEqual(_.summaryByContext('fax-message').getOption(v), O.none)
      const w = _.summaryByContext('voice-message').set(_.summary('fax-message', 0, 0))(v)
      assert.deepStrictEqual(w.summaries, [{ context: 'voice-message', new: 0, old: 0 }])
    })
    it('everySummary, messagesWaiting and account', () => {
      const v = decode('Messages-Waiting: yes\nVoice-Message: 1/2\nFax-Message: 3/4\n')
      assert.deepStrictEqual(T.getAll(v)(_.everySummary).map((s) => s.new), [1, 3])
      assert.strictEqual(_.messagesWaiting.get(v), true)
      assert.strictEqual(_.account.get(v), undefined)
      assert.ok(!('account' in _.account.set(undefined)(_.account.set('sip:a@b.example')(v))))
    })
  })

  describe('linear time', () => {
    // each body grows in one direction decoders tend to be quadratic in; its time per character must stay flat. One
    // long line starts at 200,000 characters, so that both sizes are strings of the same kind to the engine (large
    // strings get their own memory pages); many lines start at 20,000 characters.
    const LONG = 200_000
    const MANY = 20_000
    const bodies: ReadonlyArray<readonly [string, (size: number) => string, number]> = [
      ['tabs after a header value', (n) => `Messages-Waiting: yes\r\n\r\nSubject: a${fill('\t', n)}x\r\n`, LONG],
      ['tabs and spaces at the end of a header value', (n) => `Messages-Waiting: yes\r\n\r\nSubject: a${fill(' \t', n)}\r\nTo: b\r\n`, LONG],
      ['spaces inside counts', (n) => `Messages-Waiting: yes\r\nVoice-Message: 1${fill(' ', n)}x\r\n`, LONG],
      ['spaces around every count', (n) => `Messages-Waiting: yes\r\nVoice-Message:${fill(' ', n)}1${fill(' ', n)}/${fill('\t', n)}2 (${fill(' ', n)}0/0)\r\n`, LONG],
      ['tabs after the status value', (n) => `Messages-Waiting: yes${fill(' \t', n)}x`, LONG],
      ['tabs before the colon', (n) => `Messages-Waiting${fill('\t', n)}: yes\r\n`, LONG],
      ['a blank line of spaces, then many lines that are not header lines', (n) => `${fill(' ', n)}\nMessages-Waiting: yes\n${fill('x\n', n)}`, MANY],
      ['many folded lines', (n) => `Messages-Waiting: yes\r\n\r\nSubject: a\r\n${fill(' b\t\r\n', n)}`, MANY],
      ['a folded summary line', (n) => `Messages-Waiting: yes\r\nVoice-Message: 1\r\n${fill('  1\r\n', n)}`, MANY],
      ['many headers', (n) => `Messages-Waiting: yes\r\n\r\n${fill('Subject: carpool tomorrow?\r\n', n)}`, MANY],
      ['many header blocks', (n) => `Messages-Waiting: yes\r\n${fill('\r\nTo: <alice@example.com>\r\n', n)}`, MANY],
      ['many blank lines', (n) => `Messages-Waiting: yes${fill('\r\n', n)}To: x`, MANY],
      ['a very long header value', (n) => `Messages-Waiting: yes\r\n\r\nSubject: ${fill('x', n)}\r\n`, LONG],
      ['a very long header name', (n) => `Messages-Waiting: yes\r\n\r\n${fill('x', n)}: y\r\n`, LONG],
      ['a very long line without a colon', (n) => `Messages-Waiting: yes\r\n${fill('x', n)}\r\n`, LONG],
      ['a very long account', (n) => `Messages-Waiting: yes\r\nMessage-Account: sip:${fill('a', n)}@example.com\r\n`, LONG],
      ['a very long count', (n) => `Messages-Waiting: yes\r\nVoice-Message: ${fill('9', n)}/0\r\n`, LONG],
      ['many message-context lines', (n) => `Messages-Waiting: yes\r\n${fill('Voice-Message: 2/8 (0/2)\r\n', n)}`, MANY],
      ['many lines that are dropped', (n) => `Messages-Waiting: yes\r\n${fill('Video-Message: 1/2\r\n', n)}`, MANY],
      ['CR line ends only', (n) => `Messages-Waiting: yes\r${fill('Fax-Message: 1/2\r', n)}`, MANY],
      ['alternating LF and CR line ends', (n) => `Messages-Waiting: yes\n${fill('Fax-Message: 1/2\rText-Message: 3/4\n', n)}`, MANY]
    ]
    for (const [name, make, size] of bodies)
      it(name, () => {
        const decode = (s: string): unknown => _.document.decode(s)
        const lenient = (s: string): unknown => _.document.decodeLenient(s)
        for (const [what, f] of [['decode', decode], ['decodeLenient', lenient], ['canonical', _.canonical]] as const) {
          const g = growth(f, make, size)
          assert.ok(g < 4, `${what}: ${g.toFixed(2)} times the time per character on a body 10 times as large`)
        }
      })
  })

  describe('registry', () => {
    it('is found by id and content type', async () => {
      // imported here: the registry loads every format, and a broken one must not stop the tests of this one
      const { byContentType, byId } = await import('../../src/formats/index.js')
      assert.strictEqual(byId('message-summary'), _.document)
      assert.strictEqual(byContentType('application/simple-message-summary'), _.document)
      assert.strictEqual(_.document.fileExtension, 'txt')
      assert.strictEqual(_.document.root, undefined)
    })
  })
})
