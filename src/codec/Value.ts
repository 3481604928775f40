/**
 * Value codecs: `t.Type<A, string, string>` from the lexical form of an XSD datatype to a value and back. Every
 * datatype but `string` collapses white space first (XSD `whiteSpace="collapse"`), then checks the lexical space.
 *
 * @since 0.1.0
 */
import * as t from 'io-ts'
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

/**
 * Builds a value codec from a name (used in messages), a guard, a parser returning `undefined` on failure, and a
 * printer.
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
  return new t.Type<A, string, string>(
    name,
    is,
    (s, c) => {
      const v = parse(doCollapse ? collapse(s) : s)
      return v === undefined ? t.failure(s, c, expected(name, s)) : t.success(v)
    },
    print
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
    (u): u is string => typeof u === 'string' && codec.is(collapse(u)),
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
  (u): u is string => typeof u === 'string',
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

// XML 1.0 (5th edition) NameStartChar and NameChar, without the colon.
const nameStart =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const nameChar = nameStart + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040'
const NCNAME_RE = new RegExp(`^[${nameStart}][${nameChar}]*$`, 'u')

/**
 * Whether a string is an NCName (a name without a colon), by the XML 1.0 Name rules.
 *
 * @category codecs
 * @since 0.1.0
 */
export const isNCName = (s: string): boolean => NCNAME_RE.test(s)

/**
 * `xs:NCName`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const ncname: ValueCodec<string> = pattern('an xs:NCName', NCNAME_RE)

/**
 * `xs:ID`: an NCName (uniqueness within a document is the format's concern).
 *
 * @category codecs
 * @since 0.1.0
 */
export const id: ValueCodec<string> = pattern('an xs:ID', NCNAME_RE)

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
 * An integer datatype with inclusive bounds, as a JS number (bounds beyond the safe-integer range are cut to it:
 * larger values are refused rather than rounded).
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

/** @category codecs @since 0.1.0 */
export const integer: ValueCodec<number> = integerIn('an xs:integer', -Infinity, Infinity)
/** @category codecs @since 0.1.0 */
export const nonNegativeInteger: ValueCodec<number> = integerIn('an xs:nonNegativeInteger', 0, Infinity)
/** @category codecs @since 0.1.0 */
export const positiveInteger: ValueCodec<number> = integerIn('an xs:positiveInteger', 1, Infinity)
/** @category codecs @since 0.1.0 */
export const long: ValueCodec<number> = integerIn('an xs:long', -(2 ** 63), 2 ** 63 - 1)
/** @category codecs @since 0.1.0 */
export const int: ValueCodec<number> = integerIn('an xs:int', -(2 ** 31), 2 ** 31 - 1)
/** @category codecs @since 0.1.0 */
export const short: ValueCodec<number> = integerIn('an xs:short', -32768, 32767)
/** @category codecs @since 0.1.0 */
export const byte: ValueCodec<number> = integerIn('an xs:byte', -128, 127)
/** @category codecs @since 0.1.0 */
export const unsignedLong: ValueCodec<number> = integerIn('an xs:unsignedLong', 0, 2 ** 64 - 1)
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
 * The `xs:dateTime` form of a JS Date, in UTC with milliseconds.
 *
 * @category codecs
 * @since 0.1.0
 */
export const fromDate = (d: Date): string => d.toISOString()
