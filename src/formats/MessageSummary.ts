/**
 * Message summary (RFC 3842): the message-waiting indication of the `message-summary` event package, content type
 * `application/simple-message-summary`. The wire form is text, not XML (RFC 3842 §5.2): a `Messages-Waiting` status
 * line, an optional `Message-Account`, one summary line per message-context-class (RFC 3458 §6.2) with new/old counts
 * and optional urgent counts, then optional blocks of message headers, each after a blank line. Every production is
 * case-insensitive. Decoding accepts what devices send: header names in any case, LF, CRLF or CR line ends, folded
 * lines, the lines of the first section in any order, and a bare `Messages-Waiting: yes` with no count lines.
 * Encoding writes the RFC's form with CRLF line ends.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as L from 'monocle-ts/lib/Lens.js'
import * as Op from 'monocle-ts/lib/Optional.js'
import * as T from 'monocle-ts/lib/Traversal.js'
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import { expected, type Dropped, type Problem } from '../codec/DecodeError.js'

/**
 * The content type.
 *
 * @category model
 * @since 0.1.0
 */
export const CONTENT_TYPE = 'application/simple-message-summary'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A message-context-class (RFC 3458 §6.2), in its lower-case form.
 *
 * @category model
 * @since 0.1.0
 */
export type MessageContextClass =
  | 'voice-message'
  | 'fax-message'
  | 'pager-message'
  | 'multimedia-message'
  | 'text-message'
  | 'none'

/**
 * New and old message counts (each at most 2^32 − 1, RFC 3842 §3.5).
 *
 * @category model
 * @since 0.1.0
 */
export interface Counts {
  readonly new: number
  readonly old: number
}

/**
 * A summary line: the counts of one message-context-class, with the urgent ones among them when known (RFC 3842
 * §5.2 `msg-summary-line`): `Voice-Message: 2/8 (0/2)`.
 *
 * @category model
 * @since 0.1.0
 */
export interface Summary {
  readonly context: MessageContextClass
  readonly new: number
  readonly old: number
  readonly urgent?: Counts
}

/**
 * A message header line (`Subject: carpool tomorrow?`), name as sent, value without surrounding white space.
 *
 * @category model
 * @since 0.1.0
 */
export interface Header {
  readonly name: string
  readonly value: string
}

/**
 * A message summary body (RFC 3842 §5.2).
 *
 * @category model
 * @since 0.1.0
 */
export interface MessageSummary {
  /** The status line: whether messages are waiting. */
  readonly messagesWaiting: boolean
  /** The account the summary is for (`Message-Account`, a URI without angle brackets). */
  readonly account?: string
  /** The summary lines, in the order sent. */
  readonly summaries: ReadonlyArray<Summary>
  /** The header blocks describing newly added messages (RFC 3842 §3.5), one per message. */
  readonly messages: ReadonlyArray<ReadonlyNonEmptyArray<Header>>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The largest count (RFC 3842 §3.5: larger values are to be treated as this one).
 *
 * @category constructors
 * @since 0.1.0
 */
export const MAX_COUNT = 4294967295

/**
 * A summary line.
 *
 * @category constructors
 * @since 0.1.0
 */
export const summary = (context: MessageContextClass, newCount: number, oldCount: number, urgent?: Counts): Summary => ({
  context,
  new: newCount,
  old: oldCount,
  ...(urgent === undefined ? {} : { urgent })
})

/**
 * A message summary; `messagesWaiting` defaults to whether any summary line counts new messages.
 *
 * @example
 * import { document, messageSummary, summary } from 'sip-simple-payloads/MessageSummary'
 * document.encode(messageSummary([summary('voice-message', 2, 8, { new: 0, old: 2 })], { account: 'sip:alice@vmail.example.com' }))
 *
 * @category constructors
 * @since 0.1.0
 */
export const messageSummary = (
  summaries: ReadonlyArray<Summary> = [],
  options: {
    readonly messagesWaiting?: boolean
    readonly account?: string
    readonly messages?: ReadonlyArray<ReadonlyNonEmptyArray<Header>>
  } = {}
): MessageSummary => ({
  messagesWaiting: options.messagesWaiting ?? summaries.some((s) => s.new > 0),
  ...(options.account === undefined ? {} : { account: options.account }),
  summaries,
  messages: options.messages ?? []
})

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The message-context-classes of RFC 3842 §5.2 (RFC 3458), in the order they are printed.
 *
 * @category model
 * @since 0.1.0
 */
export const messageContextClasses: ReadonlyArray<MessageContextClass> = [
  'voice-message',
  'fax-message',
  'pager-message',
  'multimedia-message',
  'text-message',
  'none'
]

const CLASS_NAMES: Readonly<Record<MessageContextClass, string>> = {
  'voice-message': 'Voice-Message',
  'fax-message': 'Fax-Message',
  'pager-message': 'Pager-Message',
  'multimedia-message': 'Multimedia-Message',
  'text-message': 'Text-Message',
  none: 'None'
}

const isClass = (s: string): s is MessageContextClass => (messageContextClasses as ReadonlyArray<string>).includes(s)

/** RFC 3261 `token` characters (header names). */
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/
/** A URI with a scheme, no white space and no angle brackets (RFC 3842 §3.5). */
const ACCOUNT = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]+$/

const isCount = (u: unknown): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= MAX_COUNT
const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null
const trimmed = (s: string): boolean => !/^[ \t]|[ \t]$/.test(s) && !/[\r\n]/.test(s)

const isCounts = (u: unknown): u is Counts => isObject(u) && isCount(u.new) && isCount(u.old)

const isSummary = (u: unknown): u is Summary =>
  isObject(u) &&
  typeof u.context === 'string' &&
  isClass(u.context) &&
  isCount(u.new) &&
  isCount(u.old) &&
  (u.urgent === undefined ? !('urgent' in u) : isCounts(u.urgent))

const isHeader = (u: unknown): u is Header =>
  isObject(u) && typeof u.name === 'string' && TOKEN.test(u.name) && typeof u.value === 'string' && trimmed(u.value)

/**
 * Whether a value is a message summary that encodes and decodes back to itself.
 *
 * @category codecs
 * @since 0.1.0
 */
export const is = (u: unknown): u is MessageSummary =>
  isObject(u) &&
  typeof u.messagesWaiting === 'boolean' &&
  (u.account === undefined ? !('account' in u) : typeof u.account === 'string' && ACCOUNT.test(u.account)) &&
  Array.isArray(u.summaries) &&
  u.summaries.every(isSummary) &&
  Array.isArray(u.messages) &&
  u.messages.every((m: unknown) => Array.isArray(m) && m.length > 0 && m.every(isHeader))

// The decoder and `canonical` read the body in one pass, character by character, with no regular expressions and no
// string rebuilt per line: every step moves forward, so the time is linear in the length of the body.

const HT = 0x09
const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const LPAREN = 0x28
const RPAREN = 0x29
const SLASH = 0x2f
const COLON = 0x3a

const isWsp = (c: number): boolean => c === SP || c === HT
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

/** The first index in `s[i, b)` that is not SP or HTAB. */
const skipWsp = (s: string, i: number, b: number): number => {
  while (i < b && isWsp(s.charCodeAt(i))) i++
  return i
}

/** The end of `s[a, b)` without its trailing SP and HTAB. */
const trimEnd = (s: string, a: number, b: number): number => {
  while (b > a && isWsp(s.charCodeAt(b - 1))) b--
  return b
}

/**
 * Calls `line` for each logical line of a body. Physical lines end at LF, CRLF or CR; a line that starts with SP or
 * HTAB continues the non-blank line before it (RFC 3261 §7.3.1 folding), joined to it with one SP. `line` gets the
 * number of the physical line the logical line starts on and its text as `s[a, b)`, without trailing white space;
 * a blank line (nothing but SP and HTAB) has `a === b`.
 */
const eachLine = (input: string, line: (n: number, s: string, a: number, b: number) => void): void => {
  const len = input.length
  // the next CR and LF: each search starts where the line before ended, so together they read the input once
  let cr = input.indexOf('\r')
  let lf = input.indexOf('\n')
  let n = 0
  // the logical line not reported yet (start < 0: none): input[start, end), or its parts once a fold is seen
  let start = -1
  let end = 0
  let startN = 0
  let parts: Array<string> | undefined
  const flush = (): void => {
    if (start < 0) return
    if (parts === undefined) line(startN, input, start, end)
    else {
      const text = parts.join(' ') // joined once, not rebuilt per folded line
      parts = undefined
      line(startN, text, 0, text.length)
    }
    start = -1
  }
  for (let pos = 0; ; ) {
    if (cr !== -1 && cr < pos) cr = input.indexOf('\r', pos)
    if (lf !== -1 && lf < pos) lf = input.indexOf('\n', pos)
    const eol = cr === -1 ? (lf === -1 ? len : lf) : lf === -1 || cr < lf ? cr : lf
    n++
    const b = trimEnd(input, pos, eol)
    if (b === pos) {
      flush()
      line(n, input, pos, pos)
    } else if (start >= 0 && isWsp(input.charCodeAt(pos))) {
      if (parts === undefined) parts = [input.slice(start, end)]
      parts.push(input.slice(skipWsp(input, pos, b), b))
    } else {
      flush()
      start = pos
      end = b
      startN = n
    }
    if (eol === len) break
    pos = eol + (input.charCodeAt(eol) === CR && input.charCodeAt(eol + 1) === LF ? 2 : 1)
  }
  flush()
}

/**
 * `name HCOLON value` in `s[a, b)`: the index of the colon, or −1 when the line is not a header line (no name before
 * the colon, white space inside the name, or no colon).
 */
const colonOf = (s: string, a: number, b: number): number => {
  let i = a
  while (i < b) {
    const c = s.charCodeAt(i)
    if (c === COLON || isWsp(c)) break
    i++
  }
  if (i === a) return -1
  i = skipWsp(s, i, b)
  return i < b && s.charCodeAt(i) === COLON ? i : -1
}

/** A count that does not fit is this: clamped or rejected, depending on the caller. */
const TOO_BIG = MAX_COUNT + 1

/** Counts read from a summary line: `[new, old]` or `[new, old, urgent new, urgent old]`, each at most TOO_BIG. */
type CountsRead = readonly [number, number] | readonly [number, number, number, number]

/**
 * Reads `newmsgs SLASH oldmsgs [ LPAREN new-urgentmsgs SLASH old-urgentmsgs RPAREN ]` (RFC 3842 §5.2, white space
 * around the punctuation) from all of `s[a, b)`, or undefined.
 */
const countsIn = (s: string, a: number, b: number): CountsRead | undefined => {
  let i = a
  const count = (): number => {
    const from = i
    let v = 0
    for (; i < b; i++) {
      const c = s.charCodeAt(i)
      if (!isDigit(c)) break
      if (v < TOO_BIG) v = Math.min(v * 10 + (c - 0x30), TOO_BIG) // stop growing: 1*DIGIT has no upper length
    }
    return i === from ? -1 : v
  }
  const punct = (p: number): boolean => {
    i = skipWsp(s, i, b)
    if (i >= b || s.charCodeAt(i) !== p) return false
    i = skipWsp(s, i + 1, b)
    return true
  }
  const n = count()
  if (n < 0 || !punct(SLASH)) return undefined
  const o = count()
  if (o < 0) return undefined
  if (skipWsp(s, i, b) === b) return [n, o]
  if (!punct(LPAREN)) return undefined
  const un = count()
  if (un < 0 || !punct(SLASH)) return undefined
  const uo = count()
  if (uo < 0 || !punct(RPAREN) || i !== b) return undefined
  return [n, o, un, uo]
}

const clamp = (n: number): number => (n > MAX_COUNT ? MAX_COUNT : n)

const decodeLenient = (input: string): E.Either<ReadonlyArray<Problem>, Doc.Lenient<MessageSummary>> => {
  const dropped: Array<Dropped> = []
  const drop = (path: string, reason: string, line: string): void => {
    dropped.push({ path, reason, element: line })
  }
  let status: boolean | undefined
  let statusProblem: Problem | undefined
  let account: string | undefined
  const summaries: Array<Summary> = []
  const messages: Array<ReadonlyNonEmptyArray<Header>> = []
  let section = 0 // 0: before the first line, 1: the first section, 2: the header blocks
  let block: Array<Header> | undefined // the header block being read, once it has a header

  const top = (n: number, s: string, a: number, b: number): void => {
    const colon = colonOf(s, a, b)
    const nameEnd = colon < 0 ? a : trimEnd(s, a, colon)
    // no known name is longer than 18 characters: a longer one needs no lower-casing to be unknown
    const name = nameEnd - a <= 18 ? s.slice(a, nameEnd).toLowerCase() : ''
    const v = colon < 0 ? b : skipWsp(s, colon + 1, b)
    if (name === 'messages-waiting') {
      const value = s.slice(v, b)
      const lower = value.length <= 3 ? value.toLowerCase() : ''
      if (status !== undefined || statusProblem !== undefined)
        drop(`/line[${n}]`, 'expected one Messages-Waiting line, got another', s.slice(a, b))
      else if (lower === 'yes' || lower === 'no') status = lower === 'yes'
      else statusProblem = { path: '/Messages-Waiting', message: expected('"yes" | "no"', value) }
    } else if (name === 'message-account') {
      const value = s.slice(v, b)
      if (account !== undefined) drop(`/line[${n}]`, 'expected one Message-Account line, got another', s.slice(a, b))
      else if (ACCOUNT.test(value)) account = value
      else drop('/Message-Account', expected('an account URI without angle brackets', value), s.slice(a, b))
    } else if (isClass(name)) {
      const c = countsIn(s, v, b)
      if (c === undefined) {
        drop(`/line[${n}]`, expected('counts new/old with optional (urgent new/urgent old)', s.slice(v, b)), s.slice(a, b))
        return
      }
      summaries.push(
        c.length === 2
          ? summary(name, clamp(c[0]), clamp(c[1]))
          : summary(name, clamp(c[0]), clamp(c[1]), { new: clamp(c[2]), old: clamp(c[3]) })
      )
    } else {
      const what = colon < 0 ? s.slice(a, b) : s.slice(a, nameEnd)
      drop(`/line[${n}]`, expected('a Messages-Waiting, Message-Account or message-context-class line', what), s.slice(a, b))
    }
  }

  const header = (n: number, s: string, a: number, b: number): void => {
    const colon = colonOf(s, a, b)
    const name = colon < 0 ? '' : s.slice(a, trimEnd(s, a, colon))
    if (!TOKEN.test(name)) {
      drop(`/line[${n}]`, expected('a message header line (name: value)', s.slice(a, b)), s.slice(a, b))
      return
    }
    if (block === undefined) messages.push((block = []) as unknown as ReadonlyNonEmptyArray<Header>)
    block.push({ name, value: s.slice(skipWsp(s, colon + 1, b), b) })
  }

  eachLine(input, (n, s, a, b) => {
    if (a === b) {
      if (section === 1) section = 2
      block = undefined
    } else if (section < 2) {
      section = 1
      top(n, s, a, b)
    } else header(n, s, a, b)
  })

  if (status === undefined) {
    const fatal = statusProblem ?? { path: '/Messages-Waiting', message: expected('a Messages-Waiting line', undefined) }
    return E.left([fatal, ...dropped.map((d) => ({ path: d.path, message: d.reason }))])
  }
  return E.right({
    value: { messagesWaiting: status, ...(account === undefined ? {} : { account }), summaries, messages },
    dropped
  })
}

const countsText = (n: number, o: number): string => `${n}/${o}`

/**
 * Writes a message summary (RFC 3842 §5.2) with CRLF line ends.
 *
 * @category codecs
 * @since 0.1.0
 */
export const print = (ms: MessageSummary): string => {
  let s = `Messages-Waiting: ${ms.messagesWaiting ? 'yes' : 'no'}\r\n`
  if (ms.account !== undefined) s += `Message-Account: ${ms.account}\r\n`
  for (const l of ms.summaries)
    s += `${CLASS_NAMES[l.context]}: ${countsText(l.new, l.old)}${l.urgent === undefined ? '' : ` (${countsText(l.urgent.new, l.urgent.old)})`}\r\n`
  for (const m of ms.messages) {
    s += '\r\n'
    for (const h of m) s += h.value === '' ? `${h.name}:\r\n` : `${h.name}: ${h.value}\r\n`
  }
  return s
}

/**
 * The canonical form of a message summary body, line by line and without decoding it: CRLF line ends, folded lines
 * unfolded, no trailing white space, blank-line runs as one blank line, none at the ends; header names lower case with
 * `: ` after them; in the first section the status line first and the account line second (the other lines keep their
 * order: summary lines of the same class may repeat), `yes`/`no` in lower case and counts without leading zeros or
 * inner spaces. Two bodies are the same when their canonical forms are.
 *
 * @category codecs
 * @since 0.1.0
 */
export const canonical = (input: string): string => {
  // the first section in three ranks (status lines, account lines, the rest), then the header blocks
  const status: Array<string> = []
  const accounts: Array<string> = []
  const first: Array<string> = []
  const blocks: Array<Array<string>> = []
  let section = 0 // 0: before the first line, 1: the first section, 2: the header blocks
  let block: Array<string> | undefined
  eachLine(input, (_n, s, a, b) => {
    if (a === b) {
      if (section === 1) section = 2
      block = undefined
      return
    }
    const inFirst = section < 2
    section = inFirst ? 1 : 2
    const colon = colonOf(s, a, b)
    let out = s.slice(a, b)
    let rank = first
    if (colon >= 0) {
      const name = s.slice(a, trimEnd(s, a, colon)).toLowerCase()
      const v = skipWsp(s, colon + 1, b)
      let value = s.slice(v, b)
      if (inFirst && name === 'messages-waiting') {
        value = value.toLowerCase()
        rank = status
      } else if (inFirst && name === 'message-account') rank = accounts
      else if (inFirst && isClass(name)) {
        const c = countsIn(s, v, b)
        if (c !== undefined)
          value = `${clamp(c[0])}/${clamp(c[1])}${c.length === 2 ? '' : ` (${clamp(c[2])}/${clamp(c[3])})`}`
      }
      out = value === '' ? `${name}:` : `${name}: ${value}`
    }
    if (inFirst) rank.push(out)
    else {
      if (block === undefined) blocks.push((block = []))
      block.push(out)
    }
  })
  const all = [[...status, ...accounts, ...first], ...blocks].filter((l) => l.length > 0)
  return all.map((l) => l.join('\r\n') + '\r\n').join('\r\n')
}

/**
 * The document codec: `application/simple-message-summary`, a text format. Lenient decoding drops lines it cannot
 * read (and reports them); strict decoding rejects them. Counts above 2^32 − 1 are read as 2^32 − 1 in lenient mode
 * (RFC 3842 §3.5) and rejected in strict mode. Problems have paths `/Messages-Waiting`, `/Message-Account` or
 * `/line[n]` (the line number in the body).
 *
 * @category codecs
 * @since 0.1.0
 */
export const document: Doc.DocumentCodec<MessageSummary> = /*#__PURE__*/ Doc.text({
  id: 'message-summary',
  contentType: CONTENT_TYPE,
  title: 'Message summary (RFC 3842)',
  fileExtension: 'txt',
  is,
  decode: decodeLenient,
  encode: print,
  canonical: (input) => E.right(canonical(input))
})

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The status line.
 *
 * @category optics
 * @since 0.1.0
 */
export const messagesWaiting: L.Lens<MessageSummary, boolean> = pipe(L.id<MessageSummary>(), L.prop('messagesWaiting'))

/**
 * The account; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const account: L.Lens<MessageSummary, string | undefined> = Optics.optionalKey<MessageSummary, 'account'>(
  'account'
)

/**
 * The (first) summary line of a message-context-class. Writing it back keeps the class.
 *
 * @category optics
 * @since 0.1.0
 */
export const summaryByContext = (context: MessageContextClass): Op.Optional<MessageSummary, Summary> =>
  pipe(L.id<MessageSummary>(), L.prop('summaries'), L.composeOptional(Optics.byKey('context', context)))

/**
 * Every summary line.
 *
 * @category optics
 * @since 0.1.0
 */
export const everySummary: T.Traversal<MessageSummary, Summary> = pipe(
  L.id<MessageSummary>(),
  L.prop('summaries'),
  L.composeTraversal(Optics.every<Summary>())
)
