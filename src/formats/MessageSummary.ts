/**
 * Message summary (RFC 3842): the message-waiting indication of the `message-summary` event package, content type
 * `application/simple-message-summary`. The wire form is text, not XML (RFC 3842 §5.2): a `Messages-Waiting` status
 * line, an optional `Message-Account`, one summary line per message-context-class (RFC 3458 §6.2) with new/old counts
 * and optional urgent counts, then optional blocks of message headers, each after a blank line. Every production is
 * case-insensitive. Decoding accepts what devices send: header names in any case, LF, CRLF or CR line ends, folded
 * lines, the lines of the first section in any order, a bare `Messages-Waiting: yes` with no count lines, and counts
 * above 2^32 − 1 (read as 2^32 − 1, §3.5); it takes time linear in the length of the body and never throws. Encoding
 * writes the RFC's form with CRLF line ends, and only fields within the grammar (see `is`): a field outside it is left
 * out, so that no value can add lines of its own.
 *
 * @since 0.1.0
 */
import * as E from '#fp-ts/Either'
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
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
): MessageSummary => {
  const o = Read.record(options)
  const ss = Read.array(summaries) as ReadonlyArray<Summary>
  const account = Read.string(o.account)
  return {
    messagesWaiting:
      typeof o.messagesWaiting === 'boolean'
        ? o.messagesWaiting
        : ss.some((s) => {
            const n = Read.record(s).new
            return typeof n === 'number' && n > 0
          }),
    ...(account === undefined ? {} : { account }),
    summaries: ss,
    messages: Read.array(o.messages) as ReadonlyArray<ReadonlyNonEmptyArray<Header>>
  }
}

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

const isClass = (s: string): s is MessageContextClass => {
  switch (s) {
    case 'voice-message':
    case 'fax-message':
    case 'pager-message':
    case 'multimedia-message':
    case 'text-message':
    case 'none':
      return true
    default:
      return false
  }
}

// The grammar, by UTF-16 code unit. Decoding, `is` and encoding share these predicates, so that what decodes passes
// `is` and what passes `is` is written as it is and decodes back to itself.

const HT = 0x09
const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const PERCENT = 0x25
const LPAREN = 0x28
const RPAREN = 0x29
const SLASH = 0x2f
const COLON = 0x3a

const isWsp = (c: number): boolean => c === SP || c === HT
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)

// the ASCII character classes of the grammar, as bits of one table
const TOKEN = 1 // RFC 3261 §25.1 `token` characters: header names
const URI = 2 // RFC 3986 §2.2, §2.3 URI characters: unreserved and reserved (`%` only starts a percent-encoding)
const SCHEME = 4 // RFC 3986 §3.1 scheme characters after the first letter

const CLASSES = /*#__PURE__*/ ((): Uint8Array => {
  const t = new Uint8Array(128)
  const add = (bit: number, chars: string): void => {
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] |= bit
  }
  const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  add(TOKEN, alnum + "-.!%*_+`'~")
  add(URI, alnum + "-._~:/?#[]@!$&'()*+,;=")
  add(SCHEME, alnum + '+-.')
  return t
})()

const isTokenChar = (c: number): boolean => c < 128 && (CLASSES[c] & TOKEN) !== 0
const isUriChar = (c: number): boolean => c < 128 && (CLASSES[c] & URI) !== 0
const isSchemeChar = (c: number): boolean => c < 128 && (CLASSES[c] & SCHEME) !== 0

/** Whether `s[a, b)` is a `token` (RFC 3261 §25.1). */
const isTokenIn = (s: string, a: number, b: number): boolean => {
  if (a >= b) return false
  for (let i = a; i < b; i++) if (!isTokenChar(s.charCodeAt(i))) return false
  return true
}

/**
 * Whether `s[a, b)` is an account URI (RFC 3842 §5.2 `Account-URI`, written without angle brackets): a scheme, a
 * colon, then one or more URI characters or percent-encodings (RFC 3986 §3.1, §2). No white space, quotes, angle
 * brackets, controls or non-ASCII characters.
 */
const isAccountIn = (s: string, a: number, b: number): boolean => {
  if (a >= b || !isAlpha(s.charCodeAt(a))) return false
  let i = a + 1
  while (i < b && isSchemeChar(s.charCodeAt(i))) i++
  if (i + 1 >= b || s.charCodeAt(i) !== COLON) return false
  for (i++; i < b; i++) {
    const c = s.charCodeAt(i)
    if (c === PERCENT) {
      if (i + 2 >= b || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return false
      i += 2
    } else if (!isUriChar(c)) return false
  }
  return true
}

/**
 * Whether `s[a, b)` is header-value text (RFC 3261 §25.1 `TEXT-UTF8char`, SP and HTAB): visible ASCII, SP, HTAB and
 * non-ASCII characters, surrogates only in pairs. No other control character (so no line break) and no DEL.
 */
const isTextIn = (s: string, a: number, b: number): boolean => {
  // a whole string with no code unit outside the common ranges needs no walk (the regular expression runs natively)
  if (a === 0 && b === s.length && !NOT_PLAIN_TEXT.test(s)) return true
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i)
    if ((c >= SP && c < 0x7f) || c === HT || (c >= 0x80 && c < 0xd800) || c >= 0xe000) continue
    if (c < 0xdc00 && c >= 0xd800 && i + 1 < b && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++ // a surrogate pair
    else return false
  }
  return true
}

/** Any code unit but HT, SP to `~`, and U+0080 to U+D7FF and U+E000 to U+FFFF (the ranges isTextIn takes one by one). */
const NOT_PLAIN_TEXT = /[^\t\x20-\x7e\x80-\ud7ff\ue000-\uffff]/

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null

/**
 * Whether a record has no keys but these (a key the encoder does not write would not come back). Up to four keys,
 * as parameters: `is` runs on every encode, and this allocates nothing.
 */
const onlyKeys = (u: Record<string, unknown>, a: string, b: string, c?: string, d?: string): boolean => {
  for (const k in u) if (hasOwn.call(u, k) && k !== a && k !== b && k !== c && k !== d) return false
  return true
}
const hasOwn = Object.prototype.hasOwnProperty
const isString = (u: unknown): u is string => typeof u === 'string'

/** An integer in 0 .. 2^32 − 1; not −0, which would be written as `0` and read back as +0. */
const isCount = (u: unknown): u is number =>
  typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= MAX_COUNT && !Object.is(u, -0)

const isCounts = (u: unknown): u is Counts => isObject(u) && onlyKeys(u, 'new', 'old') && isCount(u.new) && isCount(u.old)

const isSummary = (u: unknown): u is Summary =>
  isObject(u) &&
  onlyKeys(u, 'context', 'new', 'old', 'urgent') &&
  isString(u.context) &&
  isClass(u.context) &&
  isCount(u.new) &&
  isCount(u.old) &&
  (!('urgent' in u) || isCounts(u.urgent))

const isAccount = (u: unknown): u is string => isString(u) && isAccountIn(u, 0, u.length)

/** Header-value text without white space at either end (the decoder does not keep it). */
const isHeaderValue = (u: unknown): u is string =>
  isString(u) &&
  (u.length === 0 || (!isWsp(u.charCodeAt(0)) && !isWsp(u.charCodeAt(u.length - 1)) && isTextIn(u, 0, u.length)))

const isHeader = (u: unknown): u is Header =>
  isObject(u) && onlyKeys(u, 'name', 'value') && isString(u.name) && isTokenIn(u.name, 0, u.name.length) && isHeaderValue(u.value)

/** An array whose every element (holes included) passes `p`. */
const isArrayOf = (u: unknown, p: (x: unknown) => boolean): u is ReadonlyArray<unknown> => {
  if (!Array.isArray(u)) return false
  for (let i = 0; i < u.length; i++) if (!p(u[i])) return false
  return true
}

const isBlock = (u: unknown): boolean => Array.isArray(u) && u.length > 0 && isArrayOf(u, isHeader)

/**
 * Whether a value is a message summary that encodes and decodes back to itself: every field that is written is within
 * the grammar of RFC 3842 §5.2. The account is a URI (a scheme, a colon, URI characters; no angle brackets); counts
 * are integers from 0 to 2^32 − 1 (not −0); header names are tokens and header values are text without control
 * characters, DEL, lone surrogates or white space at either end (RFC 3261 §25.1); header blocks are not empty.
 * Keys the type does not have are refused (they would not come back).
 *
 * @category codecs
 * @since 0.1.0
 */
export const is = (u: unknown): u is MessageSummary =>
  isObject(u) &&
  onlyKeys(u, 'messagesWaiting', 'account', 'summaries', 'messages') &&
  typeof u.messagesWaiting === 'boolean' &&
  (!('account' in u) || isAccount(u.account)) &&
  isArrayOf(u.summaries, isSummary) &&
  isArrayOf(u.messages, isBlock)

// The decoder and `canonical` read the body in one pass, with no regular expression and no string rebuilt per line:
// every loop moves forward, so the time is linear in the length of the body.

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
 * The logical lines of a body, one per `next()`. Physical lines end at LF, CRLF or CR; a line that starts with SP or
 * HTAB continues the non-blank line before it (RFC 3261 §7.3.1 folding) and is joined to it with one SP. After
 * `next()` returns true, the line is `s[a, b)` without trailing white space, and `n` is the number of the physical
 * line it starts on; a blank line (nothing but SP and HTAB) has `a === b`.
 */
class Lines {
  n = 0
  s: string
  a = 0
  b = 0
  private pos = 0
  private physical = 0
  // the next CR and LF at or after `pos` (or −1): each search starts where the last one stopped, so together they
  // read the input once
  private cr: number
  private lf: number

  constructor(private readonly input: string) {
    this.s = input
    this.cr = input.indexOf('\r')
    this.lf = input.indexOf('\n')
  }

  /** The end of the physical line that starts at `pos`. */
  private eol(pos: number): number {
    if (this.cr !== -1 && this.cr < pos) this.cr = this.input.indexOf('\r', pos)
    if (this.lf !== -1 && this.lf < pos) this.lf = this.input.indexOf('\n', pos)
    const { cr, lf } = this
    return cr === -1 ? (lf === -1 ? this.input.length : lf) : lf === -1 || cr < lf ? cr : lf
  }

  /** Where the physical line after the one ending at `eol` starts (past the end when there is none). */
  private after(eol: number): number {
    const input = this.input
    if (eol === input.length) return eol + 1
    return eol + (input.charCodeAt(eol) === CR && input.charCodeAt(eol + 1) === LF ? 2 : 1)
  }

  next(): boolean {
    const input = this.input
    const pos = this.pos
    if (pos > input.length) return false
    const eol = this.eol(pos)
    const b = trimEnd(input, pos, eol)
    this.n = ++this.physical
    this.pos = this.after(eol)
    this.s = input
    this.a = pos
    this.b = b
    if (b === pos) return true
    // fold the continuation lines that follow; joined once, not rebuilt per line
    let parts: Array<string> | undefined
    while (this.pos < input.length && isWsp(input.charCodeAt(this.pos))) {
      const at = this.pos
      const end = this.eol(at)
      const last = trimEnd(input, at, end)
      if (last === at) break // a blank line ends the logical line and is the next one
      if (parts === undefined) parts = [input.slice(pos, b)]
      parts.push(input.slice(skipWsp(input, at, last), last))
      this.physical++
      this.pos = this.after(end)
    }
    if (parts !== undefined) {
      this.s = parts.join(' ')
      this.a = 0
      this.b = this.s.length
    }
    return true
  }
}

/**
 * `name HCOLON value` in `s[a, b)` with a `token` name (RFC 3261 §25.1, §7.3.1): the index of the colon, or −1 when
 * the line is not a header line. The name is read once: its characters are checked as it is scanned.
 */
const colonOf = (s: string, a: number, b: number): number => {
  let i = a
  while (i < b && isTokenChar(s.charCodeAt(i))) i++
  if (i === a) return -1
  i = skipWsp(s, i, b)
  return i < b && s.charCodeAt(i) === COLON ? i : -1
}

/** Whether `s[a, b)` is `lower` (lower-case ASCII) in any case; compared in place, without a lower-case copy. */
const equalsLower = (s: string, a: number, b: number, lower: string): boolean => {
  if (b - a !== lower.length) return false
  for (let i = 0; i < lower.length; i++) {
    const c = s.charCodeAt(a + i)
    const l = lower.charCodeAt(i)
    if (c !== l && !(c >= 0x41 && c <= 0x5a && c + 0x20 === l)) return false
  }
  return true
}

/** The names of the lines of the first section (RFC 3842 §5.2), lower case. */
type FirstName = 'messages-waiting' | 'message-account' | MessageContextClass

const FIRST_NAMES: ReadonlyArray<FirstName> = ['messages-waiting', 'message-account', ...messageContextClasses]

/** The first-section name that `s[a, b)` is, in any case, or undefined. */
const firstNameIn = (s: string, a: number, b: number): FirstName | undefined => {
  for (let i = 0; i < FIRST_NAMES.length; i++) if (equalsLower(s, a, b, FIRST_NAMES[i])) return FIRST_NAMES[i]
  return undefined
}

/** The end of the run of digits at `s[i, b)`. */
const digitsEnd = (s: string, i: number, b: number): number => {
  while (i < b && isDigit(s.charCodeAt(i))) i++
  return i
}

/** The value of the digits `s[a, b)`, clamped to 2^32 − 1 (RFC 3842 §3.5: `1*DIGIT` has no length limit). */
const countOf = (s: string, a: number, b: number): number => {
  let v = 0
  for (let i = a; i < b && v <= MAX_COUNT; i++) v = v * 10 + (s.charCodeAt(i) - 0x30)
  return v > MAX_COUNT ? MAX_COUNT : v
}

/** Past `SWS p SWS` at `s[i, b)` (SLASH, LPAREN, RPAREN of RFC 3261 §25.1), or −1. */
const afterPunct = (s: string, i: number, b: number, p: number): number => {
  i = skipWsp(s, i, b)
  return i < b && s.charCodeAt(i) === p ? skipWsp(s, i + 1, b) : -1
}

/**
 * The summary line of `context` with the counts `newmsgs SLASH oldmsgs [ LPAREN new-urgentmsgs SLASH old-urgentmsgs
 * RPAREN ]` (RFC 3842 §5.2) that are all of `s[a, b)`, or undefined. Counts above 2^32 − 1 read as 2^32 − 1 (§3.5).
 */
const summaryIn = (context: MessageContextClass, s: string, a: number, b: number): Summary | undefined => {
  const newEnd = digitsEnd(s, a, b)
  const old = newEnd === a ? -1 : afterPunct(s, newEnd, b, SLASH)
  const oldEnd = old < 0 ? -1 : digitsEnd(s, old, b)
  if (oldEnd <= old) return undefined
  if (skipWsp(s, oldEnd, b) === b) return { context, new: countOf(s, a, newEnd), old: countOf(s, old, oldEnd) }
  const un = afterPunct(s, oldEnd, b, LPAREN)
  const unEnd = un < 0 ? -1 : digitsEnd(s, un, b)
  const uo = unEnd <= un ? -1 : afterPunct(s, unEnd, b, SLASH)
  const uoEnd = uo < 0 ? -1 : digitsEnd(s, uo, b)
  if (uoEnd <= uo || afterPunct(s, uoEnd, b, RPAREN) !== b) return undefined
  return {
    context,
    new: countOf(s, a, newEnd),
    old: countOf(s, old, oldEnd),
    urgent: { new: countOf(s, un, unEnd), old: countOf(s, uo, uoEnd) }
  }
}

const ACCOUNT_URI = 'an account URI (a scheme, ":" and URI characters, no angle brackets)'
const COUNTS = 'counts new/old with optional (urgent new/urgent old)'
const STATUS_LINE = 'a Messages-Waiting line'
const FIRST_LINE = 'a Messages-Waiting, Message-Account or message-context-class line'
const HEADER_LINE = 'a message header line (name: value)'
const HEADER_VALUE = 'a header value without control characters or lone surrogates'

/** What a decode has read so far. */
interface Reading {
  status: boolean | undefined
  statusProblem: Problem | undefined
  account: string | undefined
  readonly summaries: Array<Summary>
  readonly messages: Array<ReadonlyNonEmptyArray<Header>>
  /** The header block being read, once it has a header. */
  block: Array<Header> | undefined
  readonly dropped: Array<Dropped>
}

const drop = (r: Reading, path: string, reason: string, s: string, a: number, b: number): void => {
  r.dropped.push({ path, reason, element: s.slice(a, b) })
}

/** A line of the first section: the status, the account or a summary line (RFC 3842 §5.2). */
const readFirst = (r: Reading, n: number, s: string, a: number, b: number): void => {
  const colon = colonOf(s, a, b)
  const nameEnd = colon < 0 ? a : trimEnd(s, a, colon)
  const name = colon < 0 ? undefined : firstNameIn(s, a, nameEnd)
  const v = colon < 0 ? b : skipWsp(s, colon + 1, b)
  if (name === 'messages-waiting') {
    const yes = equalsLower(s, v, b, 'yes')
    if (r.status !== undefined || r.statusProblem !== undefined)
      drop(r, `/line[${n}]`, 'expected one Messages-Waiting line, got another', s, a, b)
    else if (yes || equalsLower(s, v, b, 'no')) r.status = yes
    else r.statusProblem = { path: '/Messages-Waiting', message: expected('"yes" | "no"', s.slice(v, b)) }
  } else if (name === 'message-account') {
    if (r.account !== undefined) drop(r, `/line[${n}]`, 'expected one Message-Account line, got another', s, a, b)
    else if (isAccountIn(s, v, b)) r.account = s.slice(v, b)
    else drop(r, '/Message-Account', expected(ACCOUNT_URI, s.slice(v, b)), s, a, b)
  } else if (name !== undefined) {
    const l = summaryIn(name, s, v, b)
    if (l === undefined) drop(r, `/line[${n}]`, expected(COUNTS, s.slice(v, b)), s, a, b)
    else r.summaries.push(l)
  } else drop(r, `/line[${n}]`, expected(FIRST_LINE, s.slice(a, colon < 0 ? b : nameEnd)), s, a, b)
}

/** A line of a header block: `name: value`, a token and header-value text (RFC 3261 §25.1). */
const readHeader = (r: Reading, n: number, s: string, a: number, b: number): void => {
  const colon = colonOf(s, a, b)
  const v = colon < 0 ? b : skipWsp(s, colon + 1, b)
  if (colon < 0) drop(r, `/line[${n}]`, expected(HEADER_LINE, s.slice(a, b)), s, a, b)
  else if (!isTextIn(s, v, b)) drop(r, `/line[${n}]`, expected(HEADER_VALUE, s.slice(v, b)), s, a, b)
  else {
    if (r.block === undefined) r.messages.push((r.block = []) as unknown as ReadonlyNonEmptyArray<Header>)
    r.block.push({ name: s.slice(a, trimEnd(s, a, colon)), value: s.slice(v, b) })
  }
}

const NOTHING: ReadonlyArray<Problem> = []

const problemOf = (d: Dropped): Problem => ({ path: d.path, message: d.reason })

const decodeLenient = (input: string): E.Either<ReadonlyArray<Problem>, Doc.Lenient<MessageSummary>> => {
  const r: Reading = {
    status: undefined,
    statusProblem: undefined,
    account: undefined,
    summaries: [],
    messages: [],
    block: undefined,
    dropped: []
  }
  let section = 0 // 0: before the first line, 1: the first section, 2: the header blocks
  for (const l = new Lines(input); l.next(); ) {
    if (l.a === l.b) {
      if (section === 1) section = 2
      r.block = undefined
    } else if (section < 2) {
      section = 1
      readFirst(r, l.n, l.s, l.a, l.b)
    } else readHeader(r, l.n, l.s, l.a, l.b)
  }
  const { status, account, summaries, messages, dropped } = r
  if (status === undefined) {
    const fatal = r.statusProblem ?? { path: '/Messages-Waiting', message: expected(STATUS_LINE, undefined) }
    return E.left([fatal, ...dropped.map(problemOf)])
  }
  const value: MessageSummary =
    account === undefined
      ? { messagesWaiting: status, summaries, messages }
      : { messagesWaiting: status, account, summaries, messages }
  const lenient = { value, dropped, warnings: NOTHING }
  return E.right(lenient)
}

const decodeStrict = (input: string): E.Either<ReadonlyArray<Problem>, MessageSummary> => {
  const r = decodeLenient(input)
  if (r._tag === 'Left') return r
  const { value, dropped } = r.right
  return dropped.length === 0 ? E.right(value) : E.left(dropped.map(problemOf))
}

/**
 * Writes a message summary (RFC 3842 §5.2) with CRLF line ends. Total: it never throws, and it writes only what
 * passes `is`. A field that does not is left out: an account that is not a URI, a summary line with an unknown class
 * or a count that is not an integer in 0 .. 2^32 − 1, a header whose name is not a token or whose value holds a
 * line break, a control character, a lone surrogate or white space at either end, and a header block left with no
 * header. A `messagesWaiting` that is not `true` is written `no`. So no value can add lines of its own, and
 * `decode(print(v))` is `v` for every `v` that passes `is`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const print = (ms: MessageSummary): string => {
  const u: unknown = ms
  if (!isObject(u)) return 'Messages-Waiting: no\r\n'
  let s = u.messagesWaiting === true ? 'Messages-Waiting: yes\r\n' : 'Messages-Waiting: no\r\n'
  if (isAccount(u.account)) s += `Message-Account: ${u.account}\r\n`
  const summaries = u.summaries
  if (Array.isArray(summaries))
    for (let i = 0; i < summaries.length; i++) {
      const l: unknown = summaries[i]
      if (!isSummary(l)) continue
      s += `${CLASS_NAMES[l.context]}: ${l.new}/${l.old}`
      s += l.urgent === undefined ? '\r\n' : ` (${l.urgent.new}/${l.urgent.old})\r\n`
    }
  const messages = u.messages
  if (Array.isArray(messages))
    for (let i = 0; i < messages.length; i++) {
      const m: unknown = messages[i]
      if (!Array.isArray(m)) continue
      let block = ''
      for (let j = 0; j < m.length; j++) {
        const h: unknown = m[j]
        if (isHeader(h)) block += h.value === '' ? `${h.name}:\r\n` : `${h.name}: ${h.value}\r\n`
      }
      if (block !== '') s += '\r\n' + block
    }
  return s
}

/**
 * The canonical form of a message summary body, line by line and without decoding it: CRLF line ends, folded lines
 * unfolded, no trailing white space, blank-line runs as one blank line, none at the ends; header names lower case with
 * `: ` after them; in the first section the status line first and the account line second (the other lines keep their
 * order: summary lines of the same class may repeat), `yes`/`no` in lower case and counts without leading zeros or
 * inner spaces, those above 2^32 − 1 as 2^32 − 1. Two bodies are the same when their canonical forms are.
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
  for (const l = new Lines(input); l.next(); ) {
    const { s, a, b } = l
    if (a === b) {
      if (section === 1) section = 2
      block = undefined
      continue
    }
    const inFirst = section < 2
    section = inFirst ? 1 : 2
    const colon = colonOf(s, a, b)
    let out = s.slice(a, b)
    let rank = first
    if (colon >= 0) {
      const nameEnd = trimEnd(s, a, colon)
      const name = inFirst ? firstNameIn(s, a, nameEnd) : undefined
      const v = skipWsp(s, colon + 1, b)
      let value = s.slice(v, b)
      if (name === 'messages-waiting') {
        value = value.toLowerCase()
        rank = status
      } else if (name === 'message-account') rank = accounts
      else if (name !== undefined) {
        const c = summaryIn(name, s, v, b)
        if (c !== undefined)
          value = c.urgent === undefined ? `${c.new}/${c.old}` : `${c.new}/${c.old} (${c.urgent.new}/${c.urgent.old})`
      }
      out = `${s.slice(a, nameEnd).toLowerCase()}:${value === '' ? '' : ' ' + value}`
    }
    if (inFirst) rank.push(out)
    else {
      if (block === undefined) blocks.push((block = []))
      block.push(out)
    }
  }
  const all = [[...status, ...accounts, ...first], ...blocks].filter((l) => l.length > 0)
  return all.map((l) => l.join('\r\n') + '\r\n').join('\r\n')
}

/**
 * The document codec: `application/simple-message-summary`, a text format. Lenient decoding drops lines it cannot
 * read (and reports them); strict decoding rejects them. Counts above 2^32 − 1 are read as 2^32 − 1 in both modes
 * (RFC 3842 §3.5); negative or non-numeric counts are errors. Every decoded value passes `is`; encoding is `print`.
 * Problems have paths `/Messages-Waiting`, `/Message-Account` or `/line[n]` (the line number in the body) and
 * messages `expected …, got …`. Decoding takes time linear in the length of the body and never throws.
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
  strict: decodeStrict,
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
