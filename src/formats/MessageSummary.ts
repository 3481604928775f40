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
/** `name HCOLON value`, with white space around the colon. */
const HEADER_LINE = /^([^\s:]+)[ \t]*:[ \t]*(.*?)[ \t]*$/s
/** `newmsgs SLASH oldmsgs [ LPAREN new-urgentmsgs SLASH old-urgentmsgs RPAREN ]`, SWS around the punctuation. */
const COUNTS = /^(\d+)[ \t]*\/[ \t]*(\d+)(?:[ \t]*\([ \t]*(\d+)[ \t]*\/[ \t]*(\d+)[ \t]*\))?$/

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

interface Line {
  readonly n: number
  readonly text: string
}

/** Splits on LF, CRLF or CR and unfolds continuation lines (a line starting with SP or HTAB after a non-blank one). */
const lines = (input: string): ReadonlyArray<Line> => {
  const raw = input.split(/\r\n|\n|\r/)
  const out: Array<{ n: number; text: string }> = []
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]
    const blank = s.trim() === ''
    const prev = out[out.length - 1]
    if (!blank && (s[0] === ' ' || s[0] === '\t') && prev !== undefined && prev.text.trim() !== '')
      prev.text = prev.text.replace(/[ \t]+$/, '') + ' ' + s.replace(/^[ \t]+/, '')
    else out.push({ n: i + 1, text: blank ? '' : s })
  }
  return out
}

/** The first section (status, account, summaries) and the header blocks, blank lines dropped. */
const sections = (
  input: string
): { readonly top: ReadonlyArray<Line>; readonly blocks: ReadonlyArray<ReadonlyArray<Line>> } => {
  const ls = lines(input)
  let i = 0
  while (i < ls.length && ls[i].text === '') i++
  const top: Array<Line> = []
  while (i < ls.length && ls[i].text !== '') top.push(ls[i++])
  const blocks: Array<Array<Line>> = []
  let cur: Array<Line> | undefined
  for (; i < ls.length; i++) {
    if (ls[i].text === '') cur = undefined
    else {
      if (cur === undefined) blocks.push((cur = []))
      cur.push(ls[i])
    }
  }
  return { top, blocks }
}

const count = (digits: string): number => {
  const n = Number(digits)
  return n > MAX_COUNT ? MAX_COUNT : n
}

const decodeLenient = (input: string): E.Either<ReadonlyArray<Problem>, Doc.Lenient<MessageSummary>> => {
  const { top, blocks } = sections(input)
  const dropped: Array<Dropped> = []
  const drop = (path: string, reason: string, line: string): void => {
    dropped.push({ path, reason, element: line })
  }
  let status: boolean | undefined
  let statusProblem: Problem | undefined
  let account: string | undefined
  const summaries: Array<Summary> = []
  for (const { n, text } of top) {
    const m = HEADER_LINE.exec(text)
    const name = m === null ? '' : m[1].toLowerCase()
    const value = m === null ? '' : m[2]
    if (name === 'messages-waiting') {
      const v = value.toLowerCase()
      if (status !== undefined || statusProblem !== undefined)
        drop(`/line[${n}]`, 'expected one Messages-Waiting line, got another', text)
      else if (v === 'yes' || v === 'no') status = v === 'yes'
      else statusProblem = { path: '/Messages-Waiting', message: expected('"yes" | "no"', value) }
    } else if (name === 'message-account') {
      if (account !== undefined) drop(`/line[${n}]`, 'expected one Message-Account line, got another', text)
      else if (ACCOUNT.test(value)) account = value
      else drop('/Message-Account', expected('an account URI without angle brackets', value), text)
    } else if (isClass(name)) {
      const c = COUNTS.exec(value)
      if (c === null) {
        drop(`/line[${n}]`, expected('counts new/old with optional (urgent new/urgent old)', value), text)
        continue
      }
      const big = [c[1], c[2], c[3], c[4]].find((d) => d !== undefined && Number(d) > MAX_COUNT)
      if (big !== undefined) drop(`/line[${n}]`, expected(`a count of at most ${MAX_COUNT}`, big), text)
      summaries.push(
        summary(name, count(c[1]), count(c[2]), c[3] === undefined ? undefined : { new: count(c[3]), old: count(c[4]) })
      )
    } else
      drop(
        `/line[${n}]`,
        expected('a Messages-Waiting, Message-Account or message-context-class line', m === null ? text : m[1]),
        text
      )
  }
  const messages: Array<ReadonlyNonEmptyArray<Header>> = []
  for (const block of blocks) {
    const headers: Array<Header> = []
    for (const { n, text } of block) {
      const m = HEADER_LINE.exec(text)
      if (m === null || !TOKEN.test(m[1])) drop(`/line[${n}]`, expected('a message header line (name: value)', text), text)
      else headers.push({ name: m[1], value: m[2] })
    }
    if (headers.length > 0) messages.push(headers as unknown as ReadonlyNonEmptyArray<Header>)
  }
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

const digits = (d: string): string => d.replace(/^0+(?=\d)/, '')

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
  const { top, blocks } = sections(input)
  const header = (text: string): { readonly name: string; readonly value: string } | undefined => {
    const m = HEADER_LINE.exec(text)
    return m === null ? undefined : { name: m[1].toLowerCase(), value: m[2] }
  }
  const rank = (l: string): number => (l.startsWith('messages-waiting:') ? 0 : l.startsWith('message-account:') ? 1 : 2)
  const first = top
    .map(({ text }) => {
      const h = header(text)
      if (h === undefined) return text.replace(/[ \t]+$/, '')
      let v = h.value
      if (h.name === 'messages-waiting') v = v.toLowerCase()
      else if (isClass(h.name)) {
        const c = COUNTS.exec(v)
        if (c !== null)
          v = `${digits(c[1])}/${digits(c[2])}${c[3] === undefined ? '' : ` (${digits(c[3])}/${digits(c[4])})`}`
      }
      return v === '' ? `${h.name}:` : `${h.name}: ${v}`
    })
    .map((l, i) => ({ l, i }))
    .sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i)
    .map(({ l }) => l)
  const rest = blocks.map((b) =>
    b.map(({ text }) => {
      const h = header(text)
      return h === undefined ? text.replace(/[ \t]+$/, '') : h.value === '' ? `${h.name}:` : `${h.name}: ${h.value}`
    })
  )
  const all = [first, ...rest].filter((b) => b.length > 0)
  return all.map((b) => b.map((l) => l + '\r\n').join('')).join('\r\n')
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
