import * as assert from 'node:assert'
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import * as T from 'monocle-ts/lib/Traversal.js'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/MessageSummary.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'
import { byContentType, byId } from '../../src/formats/index.js'
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
    it('a count above 2^32 - 1 is an error in strict mode', () => {
      assert.deepStrictEqual(errors('Messages-Waiting: yes\nVoice-Message: 4294967296/0\n'), [
        '/line[2]: expected a count of at most 4294967295, got "4294967296"'
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
    it('reads a count above 2^32 - 1 as 2^32 - 1 (RFC 3842 §3.5) and says so', () => {
      const r = lenient('Messages-Waiting: yes\nVoice-Message: 99999999999/3 (5000000000/0)\n')
      assert.deepStrictEqual(r.value.summaries, [{ context: 'voice-message', new: 4294967295, old: 3, urgent: { new: 4294967295, old: 0 } }])
      assert.deepStrictEqual(r.dropped, ['/line[2]: dropped: expected a count of at most 4294967295, got "99999999999"'])
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

  describe('registry', () => {
    it('is found by id and content type', () => {
      assert.strictEqual(byId('message-summary'), _.document)
      assert.strictEqual(byContentType('application/simple-message-summary'), _.document)
      assert.strictEqual(_.document.fileExtension, 'txt')
      assert.strictEqual(_.document.root, undefined)
    })
  })
})
