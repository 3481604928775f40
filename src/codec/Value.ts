/**
 * Value codecs: `t.Type<A, string, string>` from the lexical form of an XSD datatype to a value and back. Every
 * datatype but `string` collapses white space first (XSD `whiteSpace="collapse"`), then checks the lexical space.
 *
 * @since 0.1.0
 */
import * as t from 'io-ts'
import { isNCName, isXmlText } from '../xml/Ast.js'
import { expected } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A value codec: the lexical form (a string) to a value and back.
 *
 * @category model
 * @since 0.1.0
 */
export type ValueCodec<A> = t.Type<A, string, string>

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * XSD `whiteSpace="collapse"`: trims and folds runs of white space into one space.
 *
 * @category combinators
 * @since 0.1.0
 */
export const collapse = (s: string): string => {
  // fast path: nothing to do for the common case
  let clean = true
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i)
    if (ch === 9 || ch === 10 || ch === 13 || (ch === 32 && (i === 0 || i === s.length - 1 || s.charCodeAt(i + 1) === 32))) {
      clean = false
      break
    }
  }
  return clean ? s : s.replace(/[\t\n\r ]+/g, ' ').trim()
}

/** Same value, as decoding compares them: `Object.is` for numbers (so `-0` is not `0`), `===` otherwise. */
const same = (a: unknown, b: unknown): boolean => (typeof a === 'number' ? Object.is(a, b) : a === b)

/**
 * Builds a value codec from a name (used in messages), a guard, a parser returning `undefined` on failure, and a
 * printer. The codec's guard is the given one and more: a value passes it only when its printed form is XML text that
 * parses back to the same value, so that `is(a)` always means `decode(encode(a))` gives `a` (a NaN, a `-0`, a string
 * with a NUL or with white space a collapsing type would lose are refused, whatever the given guard says).
 *
 * @category combinators
 * @since 0.1.0
 */
export const make = <A>(
  name: string,
  is: (u: unknown) => u is A,
  parse: (s: string) => A | undefined,
  print: (a: A) => string,
  options: { readonly collapse?: boolean } = {}
): ValueCodec<A> => {
  const doCollapse = options.collapse ?? true
  const roundTrips = (u: unknown): u is A => {
    if (!is(u)) return false
    let s: string
    try {
      s = print(u)
    } catch {
      return false
    }
    if (typeof s !== 'string' || !isXmlText(s)) return false
    const back = parse(doCollapse ? collapse(s) : s)
    return back !== undefined && same(back, u)
  }
  return new t.Type<A, string, string>(
    name,
    roundTrips,
    (s, c) => {
      const v = parse(doCollapse ? collapse(s) : s)
      return v === undefined ? t.failure(s, c, expected(name, s)) : t.success(v)
    },
    // encode is total and gives text: on what is not a value, a print that throws (String of an object without a
    // prototype) or returns something else (the identity of string types) writes ''
    (a) => {
      try {
        const s = print(a)
        return typeof s === 'string' ? s : ''
      } catch {
        return ''
      }
    }
  )
}

/**
 * A value codec whose values are the strings of a regular expression (after white-space collapse).
 *
 * @category combinators
 * @since 0.1.0
 */
export const pattern = (name: string, re: RegExp, extra?: (s: string) => boolean): ValueCodec<string> =>
  make(
    name,
    (u): u is string => typeof u === 'string' && re.test(u) && (extra === undefined || extra(u)),
    (s) => (re.test(s) && (extra === undefined || extra(s)) ? s : undefined),
    (s) => s
  )

/**
 * A value codec of an enumeration, which also lists its values.
 *
 * @category model
 * @since 0.1.0
 */
export interface LiteralCodec<L extends string> extends ValueCodec<L> {
  readonly values: ReadonlyArray<L>
}

/**
 * The union of an enumeration codec's values: `type Basic = V.LiteralOf<typeof basic>`.
 *
 * @category model
 * @since 0.2.0
 */
export type LiteralOf<C> = C extends LiteralCodec<infer L> ? L : never

/**
 * An enumeration as a union of string literals, e.g. `literal('open', 'closed')`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const literal = <L extends string>(...values: readonly [L, ...ReadonlyArray<L>]): LiteralCodec<L> => {
  const set = new Set<string>(values)
  return Object.assign(
    make(
      values.map((v) => JSON.stringify(v)).join(' | '),
      (u): u is L => typeof u === 'string' && set.has(u),
      (s) => (set.has(s) ? (s as L) : undefined),
      (s) => s
    ),
    { values }
  )
}

/**
 * Refines a value codec with a predicate; `name` is what the message says was expected.
 *
 * @category combinators
 * @since 0.1.0
 */
export const refine = <A>(codec: ValueCodec<A>, pred: (a: A) => boolean, name: string): ValueCodec<A> =>
  new t.Type<A, string, string>(
    name,
    (u): u is A => codec.is(u) && pred(u),
    (s, c) => {
      const r = codec.validate(s, c)
      if (r._tag === 'Left') return r
      return pred(r.right) ? r : t.failure(s, c, expected(name, s))
    },
    codec.encode
  )

/**
 * Keeps a string datatype's text exactly as written: the lexical form is checked after white-space collapse (as the
 * datatype says), but the value is the text itself, white space and all, so that re-encoding reproduces the source
 * (e.g. a `<contact>` URI written on its own line). Compare values with `collapse` when that matters.
 *
 * @category combinators
 * @since 0.1.0
 */
export const preserving = (codec: ValueCodec<string>): ValueCodec<string> =>
  new t.Type<string, string, string>(
    codec.name,
    (u): u is string => typeof u === 'string' && isXmlText(u) && codec.is(collapse(u)),
    (s, c) => {
      const r = codec.validate(s, c)
      return r._tag === 'Left' ? r : t.success(s)
    },
    (s) => s
  )

/**
 * Also accepts the empty string (as `xml:lang=""` does: "no language").
 *
 * @category combinators
 * @since 0.1.0
 */
export const orEmpty = (codec: ValueCodec<string>): ValueCodec<string> =>
  new t.Type<string, string, string>(
    `${codec.name} or ""`,
    (u): u is string => u === '' || codec.is(u),
    (s, c) => (s === '' ? t.success('') : codec.validate(s, c)),
    codec.encode
  )

// -------------------------------------------------------------------------------------
// strings
// -------------------------------------------------------------------------------------

/**
 * Any text, kept exactly (`xs:string`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const string: ValueCodec<string> = make(
  'a string',
  (u): u is string => typeof u === 'string' && isXmlText(u),
  (s) => s,
  (s) => s,
  { collapse: false }
)

/**
 * `xs:token`: no leading, trailing or doubled spaces, no tabs or line ends (input is collapsed).
 *
 * @category codecs
 * @since 0.1.0
 */
export const token: ValueCodec<string> = make(
  'an xs:token',
  (u): u is string => typeof u === 'string' && collapse(u) === u,
  (s) => s,
  (s) => s
)

/**
 * `xs:anyURI`. Its lexical space is nearly every string; after collapse any is accepted (so templates such as
 * `sip:[field0]@[field1]` seen in real traffic still decode).
 *
 * @category codecs
 * @since 0.1.0
 */
export const anyURI: ValueCodec<string> = make(
  'an xs:anyURI',
  (u): u is string => typeof u === 'string' && collapse(u) === u,
  (s) => s,
  (s) => s
)

/**
 * Whether a string is an NCName (a name without a colon), by the XML 1.0 Name rules.
 *
 * @category codecs
 * @since 0.1.0
 */
export { isNCName }

/**
 * `xs:NCName`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const ncname: ValueCodec<string> = pattern('an xs:NCName', /^/, isNCName)

/**
 * A value codec of `xs:ID` values: element codecs check that they are unique across the whole document.
 *
 * @category model
 * @since 0.2.0
 */
export interface IdCodec extends ValueCodec<string> {
  readonly xsId: true
}

/**
 * `xs:ID`: an NCName, unique across the document (attributes read with this codec share one space of IDs, whatever
 * element carries them; see `C.validateDocument`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const id: IdCodec = Object.assign(pattern('an xs:ID', /^/, isNCName), { xsId: true as const })

/**
 * `xs:language` (a BCP 47 shaped tag).
 *
 * @category codecs
 * @since 0.1.0
 */
export const language: ValueCodec<string> = pattern('an xs:language', /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/)

/**
 * `xs:duration`, kept in its lexical form.
 *
 * @category codecs
 * @since 0.1.0
 */
export const duration: ValueCodec<string> = pattern(
  'an xs:duration',
  /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/
)

// -------------------------------------------------------------------------------------
// booleans and numbers
// -------------------------------------------------------------------------------------

/**
 * `xs:boolean`: `true`, `false`, `1`, `0` on input; `true` or `false` on output.
 *
 * @category codecs
 * @since 0.1.0
 */
export const boolean: ValueCodec<boolean> = make(
  'an xs:boolean',
  (u): u is boolean => typeof u === 'boolean',
  (s) => (s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : undefined),
  (b) => (b ? 'true' : 'false')
)

const INTEGER_RE = /^[+-]?[0-9]+$/

/**
 * An integer of a datatype whose range goes beyond JavaScript's safe integers (`xs:integer`, `xs:nonNegativeInteger`,
 * `xs:unsignedLong`, ...): a `number` when it is a safe integer, a `bigint` otherwise, so that every value the schema
 * allows decodes exactly (`<` and `>` compare the two kinds as numbers). A `bigint` is only used where a `number`
 * cannot be exact, so each integer has one representation.
 *
 * @category model
 * @since 0.2.0
 */
export type Integer = number | bigint

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)

/**
 * An integer datatype with inclusive bounds, as a JS number (for datatypes within the safe-integer range).
 *
 * @category combinators
 * @since 0.1.0
 */
export const integerIn = (name: string, min: number, max: number): ValueCodec<number> => {
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER)
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER)
  return make(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= lo && u <= hi,
    (s) => {
      if (!INTEGER_RE.test(s)) return undefined
      const n = Number(s)
      return Number.isSafeInteger(n) && n >= lo && n <= hi ? (n === 0 ? 0 : n) : undefined
    },
    (n) => String(n)
  )
}

/**
 * An integer datatype with inclusive bounds that may lie beyond the safe-integer range (`undefined`: unbounded), as
 * an {@link Integer}.
 *
 * @category combinators
 * @since 0.2.0
 */
export const bigIntegerIn = (name: string, min: bigint | undefined, max: bigint | undefined): ValueCodec<Integer> =>
  make(
    name,
    (u): u is Integer => {
      if (typeof u === 'number') return Number.isSafeInteger(u) && (min === undefined || BigInt(u) >= min) && (max === undefined || BigInt(u) <= max)
      if (typeof u !== 'bigint' || (u <= MAX_SAFE && u >= MIN_SAFE)) return false
      return (min === undefined || u >= min) && (max === undefined || u <= max)
    },
    (s) => {
      if (!INTEGER_RE.test(s)) return undefined
      const b = BigInt(s)
      if ((min !== undefined && b < min) || (max !== undefined && b > max)) return undefined
      return b <= MAX_SAFE && b >= MIN_SAFE ? Number(b) : b
    },
    (n) => String(n)
  )

/** @category codecs @since 0.1.0 */
export const integer: ValueCodec<Integer> = bigIntegerIn('an xs:integer', undefined, undefined)
/** @category codecs @since 0.1.0 */
export const nonNegativeInteger: ValueCodec<Integer> = bigIntegerIn('an xs:nonNegativeInteger', 0n, undefined)
/** @category codecs @since 0.1.0 */
export const positiveInteger: ValueCodec<Integer> = bigIntegerIn('an xs:positiveInteger', 1n, undefined)
/** @category codecs @since 0.1.0 */
export const long: ValueCodec<Integer> = bigIntegerIn('an xs:long', -(2n ** 63n), 2n ** 63n - 1n)
/** @category codecs @since 0.1.0 */
export const int: ValueCodec<number> = integerIn('an xs:int', -(2 ** 31), 2 ** 31 - 1)
/** @category codecs @since 0.1.0 */
export const short: ValueCodec<number> = integerIn('an xs:short', -32768, 32767)
/** @category codecs @since 0.1.0 */
export const byte: ValueCodec<number> = integerIn('an xs:byte', -128, 127)
/** @category codecs @since 0.1.0 */
export const unsignedLong: ValueCodec<Integer> = bigIntegerIn('an xs:unsignedLong', 0n, 2n ** 64n - 1n)
/** @category codecs @since 0.1.0 */
export const unsignedInt: ValueCodec<number> = integerIn('an xs:unsignedInt', 0, 2 ** 32 - 1)
/** @category codecs @since 0.1.0 */
export const unsignedShort: ValueCodec<number> = integerIn('an xs:unsignedShort', 0, 65535)
/** @category codecs @since 0.1.0 */
export const unsignedByte: ValueCodec<number> = integerIn('an xs:unsignedByte', 0, 255)

const DECIMAL_RE = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/

/**
 * Prints a finite number in `xs:decimal` form (never in exponent notation).
 *
 * @category codecs
 * @since 0.1.0
 */
export const printDecimal = (n: number): string => {
  const s = String(n === 0 ? 0 : n)
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s)
  if (m === null) return s
  // exponent form: move the decimal point by hand (no binary noise from toFixed)
  const [, sign, int, frac = '', exp] = m
  const digits = int + frac
  const point = int.length + Number(exp)
  const body =
    point <= 0
      ? '0.' + '0'.repeat(-point) + digits
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : digits.slice(0, point) + '.' + digits.slice(point)
  return sign + body
}

/**
 * `xs:decimal` as a JS number (finite).
 *
 * @category codecs
 * @since 0.1.0
 */
export const decimal: ValueCodec<number> = make(
  'an xs:decimal',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (s) => {
    if (!DECIMAL_RE.test(s)) return undefined
    const n = Number(s)
    return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined
  },
  printDecimal
)

// -------------------------------------------------------------------------------------
// dateTime
// -------------------------------------------------------------------------------------

const DATETIME_RE =
  /^(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/

const daysIn = (y: number, m: number): number =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

interface Instant {
  readonly ms: number
  readonly fraction: string // digits after the milliseconds, for ordering beyond ms precision
}

const toInstant = (s: string): Instant | undefined => {
  const m = DATETIME_RE.exec(s)
  if (m === null) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  const h = Number(m[4])
  const mi = Number(m[5])
  const se = Number(m[6])
  if (m[1].length > 4 && m[1][0] === '0') return undefined
  if (y === 0 && m[1].replace('-', '') === '0000') return undefined
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined
  const frac = m[7] === undefined ? '' : m[7].slice(1)
  if (h === 24) {
    if (mi !== 0 || se !== 0 || /[1-9]/.test(frac)) return undefined
  } else if (h > 23 || mi > 59 || se > 59) return undefined
  let offset = 0
  const tz = m[8]
  if (tz !== undefined && tz !== 'Z') {
    const oh = Number(tz.slice(1, 3))
    const om = Number(tz.slice(4, 6))
    if (oh > 14 || om > 59 || (oh === 14 && om !== 0)) return undefined
    offset = (tz[0] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  const padded = (frac + '000').slice(0, 3)
  // days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil)
  const yy = mo <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468
  const ms = ((days * 24 + h) * 60 + mi) * 60000 + se * 1000 + Number(padded)
  return { ms: ms - offset * 60000, fraction: frac.slice(3).replace(/0+$/, '') }
}

/**
 * `xs:dateTime`, kept in its lexical form (so nothing is lost), checked for range (month, day of month, hour,
 * minute, second, offset).
 *
 * @category codecs
 * @since 0.1.0
 */
export const dateTime: ValueCodec<string> = make(
  'an xs:dateTime',
  (u): u is string => typeof u === 'string' && toInstant(u) !== undefined,
  (s) => (toInstant(s) === undefined ? undefined : s),
  (s) => s
)

/**
 * Compares two `xs:dateTime` lexical forms as instants, honouring offsets and fractions of any precision. A
 * dateTime without an offset is taken as UTC. Returns -1, 0 or 1; an invalid form sorts before every valid one.
 *
 * @category codecs
 * @since 0.1.0
 */
export const compareDateTime = (a: string, b: string): -1 | 0 | 1 => {
  const x = toInstant(a)
  const y = toInstant(b)
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1
  if (x.ms !== y.ms) return x.ms < y.ms ? -1 : 1
  const n = Math.max(x.fraction.length, y.fraction.length)
  const fx = x.fraction.padEnd(n, '0')
  const fy = y.fraction.padEnd(n, '0')
  return fx === fy ? 0 : fx < fy ? -1 : 1
}

/**
 * The instant of an `xs:dateTime` as a JS Date (milliseconds precision), or undefined when invalid.
 *
 * @category codecs
 * @since 0.1.0
 */
export const toDate = (s: string): Date | undefined => {
  const i = toInstant(s)
  return i === undefined ? undefined : new Date(i.ms)
}

/**
 * The `xs:dateTime` form of a JS Date, in UTC with milliseconds; undefined for an invalid Date (or anything else).
 *
 * @category codecs
 * @since 0.1.0
 */
export const fromDate = (d: Date): string | undefined =>
  d instanceof Date && Number.isFinite(d.getTime()) && Math.abs(d.getUTCFullYear()) <= 9999 ? d.toISOString() : undefined

/**
 * An `xs:dateTime` from what constructors accept: a lexical form (kept when valid), or a JS Date; undefined otherwise.
 *
 * @category codecs
 * @since 0.2.0
 */
export const dateTimeOf = (u: unknown): string | undefined =>
  typeof u === 'string' ? (dateTime.is(u) ? u : undefined) : u instanceof Date ? fromDate(u) : undefined
