/**
 * Media types, the values of `Content-Type` in SIP and HTTP: `type/subtype` followed by `;name=value` parameters
 * (RFC 2045 §5.1; RFC 9110 §8.3.1, which obsoletes RFC 7231 §3.1.1.1; RFC 3261 §20.15 and its grammar in §25.1).
 * Type, subtype and parameter names are case-insensitive (RFC 9110 §8.3.1, §5.6.6) and are kept in lower case;
 * parameter values are kept exactly as sent, without their quotes, in their order. Parameters are a list of pairs,
 * never the keys of an object, so names such as `__proto__` are plain data. Parsing accepts SIP's grammar, which
 * allows white space on both sides of `/`, `;` and `=` (SLASH, SEMI and EQUAL in RFC 3261 §25.1; HTTP allows it only
 * around `;`), and RFC 9110's empty parameters (`;;`, a trailing `;`); line folding must already be undone by the
 * caller. A repeated parameter name is an error (RFC 6838 §4.3). Parsing runs in linear time and returns errors as
 * values; printing writes the canonical form `type/subtype; name=value` and quotes a value only when it is not a
 * token. RFC 2231 parameter continuations and charsets are not decoded.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { expected, type Problem } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A media type: lower-case type, subtype and parameter names; parameter values unquoted, exactly as sent.
 *
 * @category model
 * @since 0.2.0
 */
export interface MediaType {
  readonly type: string
  readonly subtype: string
  readonly parameters: ReadonlyArray<readonly [string, string]>
}

/**
 * Whether a value is a valid media type: lower-case tokens for type, subtype and parameter names, each name once, and
 * values without control characters. Such a value always prints to text that parses back to the same fields.
 *
 * @category model
 * @since 0.2.0
 */
export const isMediaType = (u: unknown): u is MediaType => {
  if (typeof u !== 'object' || u === null) return false
  const m = u as { readonly type?: unknown; readonly subtype?: unknown; readonly parameters?: unknown }
  if (!isLowerToken(m.type) || !isLowerToken(m.subtype) || !Array.isArray(m.parameters)) return false
  const seen = new Set<string>()
  for (const p of m.parameters as ReadonlyArray<unknown>) {
    if (!Array.isArray(p) || p.length !== 2) return false
    const name: unknown = p[0]
    if (!isLowerToken(name) || seen.has(name) || !isValue(p[1])) return false
    seen.add(name)
  }
  return true
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A media type from its parts, checked: type, subtype and names must be tokens (they are lower-cased), values must
 * have no control characters, and no name may repeat.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MediaType } from 'sip-simple-payloads/codec'
 * const r = MediaType.mediaType('Text', 'Plain', [['Charset', 'UTF-8']])
 * if (E.isLeft(r) || MediaType.format(r.right) !== 'text/plain; charset=UTF-8') throw new Error('unexpected')
 *
 * @category constructors
 * @since 0.2.0
 */
export const mediaType = (
  type: string,
  subtype: string,
  parameters: ReadonlyArray<readonly [string, string]> = []
): E.Either<Problem, MediaType> => {
  if (!isToken(type)) return fail(HEADER, expected('a type token', type))
  if (!isToken(subtype)) return fail(HEADER, expected('a subtype token', subtype))
  if (!Array.isArray(parameters)) return fail(HEADER, expected('a list of parameters', parameters))
  const out: Array<readonly [string, string]> = []
  const seen = new Set<string>()
  for (const p of parameters as ReadonlyArray<unknown>) {
    if (!Array.isArray(p) || p.length !== 2) return fail(HEADER, expected('a [name, value] pair', p))
    const [name, value] = p as [unknown, unknown]
    if (!isToken(name)) return fail(HEADER, expected('a parameter name token', name))
    const key = asciiLower(name)
    if (seen.has(key)) return fail(`${HEADER};${key}`, expected('each parameter name once', name))
    if (!isValue(value)) return fail(`${HEADER};${key}`, expected(VALUE, value))
    seen.add(key)
    out.push([key, value])
  }
  return E.right({ type: asciiLower(type), subtype: asciiLower(subtype), parameters: out })
}

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * Sets a parameter: replaces the value of the one with this name (in any case) where it is, or appends it. Returns
 * the input itself when nothing changes.
 *
 * @category combinators
 * @since 0.2.0
 */
export const withParam = (m: MediaType, name: string, value: string): E.Either<Problem, MediaType> => {
  if (!isToken(name)) return fail(HEADER, expected('a parameter name token', name))
  const key = asciiLower(name)
  if (!isValue(value)) return fail(`${HEADER};${key}`, expected(VALUE, value))
  const i = m.parameters.findIndex(([n]) => asciiLower(n) === key)
  if (i >= 0 && m.parameters[i][0] === key && m.parameters[i][1] === value) return E.right(m)
  const parameters = m.parameters.slice()
  if (i >= 0) parameters[i] = [key, value]
  else parameters.push([key, value])
  return E.right({ type: m.type, subtype: m.subtype, parameters })
}

// -------------------------------------------------------------------------------------
// accessors
// -------------------------------------------------------------------------------------

/**
 * The value of a parameter, the name matched in any case; `undefined` when there is none.
 *
 * @category accessors
 * @since 0.2.0
 */
export const param = (m: MediaType, name: string): string | undefined => {
  const key = asciiLower(name)
  for (const [n, v] of m.parameters) if (asciiLower(n) === key) return v
  return undefined
}

/**
 * The essence: `type/subtype`, without parameters.
 *
 * @category accessors
 * @since 0.2.0
 */
export const essence = (m: MediaType): string => `${m.type}/${m.subtype}`

/**
 * Whether a media type has this essence (`application/pidf+xml`), in any case, or falls in this range: `type/*`, or
 * the range of all media types (RFC 9110 §12.5.1). Parameters are not compared.
 *
 * @category accessors
 * @since 0.2.0
 */
export const matches = (m: MediaType, range: string): boolean => {
  const r = asciiLower(range)
  const type = asciiLower(m.type)
  return r === '*/*' || r === `${type}/*` || r === `${type}/${asciiLower(m.subtype)}`
}

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

/**
 * Parses a `Content-Type` value. Errors have the path `Content-Type`, or `Content-Type;<name>` once a parameter name
 * is read, and echo the input from where it went wrong. Never throws, on any input.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MediaType } from 'sip-simple-payloads/codec'
 * const r = MediaType.parse(
 *   'multipart/related; type="application/rlmi+xml"; start="<nXKxJ@example.net>"; boundary="50UBfW7LSCVLtggUPe5z"'
 * )
 * if (E.isLeft(r)) throw new Error(r.left.message)
 * if (!MediaType.matches(r.right, 'multipart/related')) throw new Error('essence')
 * if (MediaType.param(r.right, 'Type') !== 'application/rlmi+xml') throw new Error('type')
 * if (MediaType.param(r.right, 'boundary') !== '50UBfW7LSCVLtggUPe5z') throw new Error('boundary')
 * // printed canonically: the boundary is a token, so it loses its quotes
 * if (!MediaType.format(r.right).endsWith('; boundary=50UBfW7LSCVLtggUPe5z')) throw new Error('format')
 *
 * @category parsing
 * @since 0.2.0
 */
export const parse = (s: string): E.Either<Problem, MediaType> => {
  if (typeof s !== 'string') return fail(HEADER, notAString(s))
  const n = s.length
  let i = skipWs(s, 0)
  if (i === n) return fail(HEADER, expected('a media type', s))
  let j = skipToken(s, i)
  if (j === i) return fail(HEADER, expected('a type token', rest(s, i)))
  const type = asciiLower(s.slice(i, j))
  i = skipWs(s, j)
  if (s.charCodeAt(i) !== SLASH) return fail(HEADER, expected('"/"', rest(s, i)))
  i = skipWs(s, i + 1)
  j = skipToken(s, i)
  if (j === i) return fail(HEADER, expected('a subtype token', rest(s, i)))
  const subtype = asciiLower(s.slice(i, j))
  i = skipWs(s, j)
  const parameters: Array<readonly [string, string]> = []
  const seen = new Set<string>()
  let path = HEADER
  while (i < n) {
    if (s.charCodeAt(i) !== SEMI) return fail(path, expected('";" or the end', rest(s, i)))
    i = skipWs(s, i + 1)
    if (i === n || s.charCodeAt(i) === SEMI) continue // an empty parameter (RFC 9110 §5.6.6)
    j = skipToken(s, i)
    if (j === i) return fail(HEADER, expected('a parameter name token', rest(s, i)))
    const name = asciiLower(s.slice(i, j))
    path = `${HEADER};${name}`
    if (seen.has(name)) return fail(path, expected('each parameter name once', rest(s, i)))
    seen.add(name)
    i = skipWs(s, j)
    if (s.charCodeAt(i) !== EQUALS) return fail(path, expected('"="', rest(s, i)))
    i = skipWs(s, i + 1)
    let value: string
    if (s.charCodeAt(i) === DQUOTE) {
      const q = quotedString(s, i)
      if (typeof q === 'string') return fail(path, q)
      value = q[0]
      i = q[1]
    } else {
      j = skipToken(s, i)
      if (j === i) return fail(path, expected('a token or a quoted string', rest(s, i)))
      value = s.slice(i, j)
      i = j
    }
    parameters.push([name, value])
    i = skipWs(s, i)
  }
  return E.right({ type, subtype, parameters })
}

// -------------------------------------------------------------------------------------
// printing
// -------------------------------------------------------------------------------------

/**
 * Prints the canonical form: `type/subtype; name=value`, a value quoted (with `"` and `\` escaped) only when it is not
 * a token. Never throws; `parse(format(m))` gives back `m` for every `m` that passes `isMediaType`.
 *
 * @category printing
 * @since 0.2.0
 */
export const format = (m: MediaType): string => {
  let out = `${m.type}/${m.subtype}`
  for (const [name, value] of m.parameters) out += `; ${name}=${isToken(value) ? value : quote(value)}`
  return out
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const HEADER = 'Content-Type'
const VALUE = 'a parameter value without control characters'

const HTAB = 0x09
const SP = 0x20
const DQUOTE = 0x22
const SLASH = 0x2f
const SEMI = 0x3b
const EQUALS = 0x3d
const BACKSLASH = 0x5c

// tchar (RFC 9110 §5.6.2): "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" /
// DIGIT / ALPHA
const TCHAR: ReadonlyArray<boolean> = /*#__PURE__*/ (() => {
  const t = new Array<boolean>(128).fill(false)
  for (let c = 0x30; c <= 0x39; c++) t[c] = true
  for (let c = 0x41; c <= 0x5a; c++) t[c] = true
  for (let c = 0x61; c <= 0x7a; c++) t[c] = true
  for (const ch of "!#$%&'*+-.^_`|~") t[ch.charCodeAt(0)] = true
  return t
})()

const isTchar = (c: number): boolean => c < 128 && TCHAR[c] // NaN (past the end) is not

const fail = (path: string, message: string): E.Either<Problem, never> => E.left({ path, message })

/** Lower-cases ASCII letters only: `toLowerCase` would also fold the Kelvin sign into `k`. */
const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (x) => x.toLowerCase())

/** The message for input that is not a string: `show` may run the input's own code, which may throw. */
const notAString = (u: unknown): string => {
  try {
    return expected('a media type', u)
  } catch {
    return `expected a media type, got ${typeof u}`
  }
}

/** The input from `i` on, as much of it as `show` echoes, or `undefined` (echoed as "nothing") at the end. */
const rest = (s: string, i: number): string | undefined => (i >= s.length ? undefined : s.slice(i, i + 41))

const skipWs = (s: string, i: number): number => {
  let c = s.charCodeAt(i)
  while (c === SP || c === HTAB) c = s.charCodeAt(++i)
  return i
}

const skipToken = (s: string, i: number): number => {
  while (isTchar(s.charCodeAt(i))) i++
  return i
}

const isToken = (u: unknown): u is string => typeof u === 'string' && u.length > 0 && skipToken(u, 0) === u.length

const isLowerToken = (u: unknown): u is string => isToken(u) && !/[A-Z]/.test(u)

/**
 * The length of the character at `i` if it may appear in a quoted string (1, or 2 for a surrogate pair), else 0:
 * HTAB, SP, VCHAR (RFC 9110 §5.6.4 qdtext and quoted-pair) and any well-formed non-ASCII character (obs-text; SIP's
 * UTF8-NONASCII, RFC 3261 §25.1). Control characters (CR and LF among them), DEL, lone surrogates and the
 * noncharacters U+FFFE and U+FFFF are refused (as in the header fields of multipart bodies, where these values go).
 */
const textChar = (s: string, i: number): 0 | 1 | 2 => {
  const c = s.charCodeAt(i)
  if (c === HTAB || (c >= SP && c <= 0x7e) || (c >= 0x80 && c < 0xd800) || (c > 0xdfff && c < 0xfffe)) return 1
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1)
    return d >= 0xdc00 && d <= 0xdfff ? 2 : 0
  }
  return 0
}

const isValue = (u: unknown): u is string => {
  if (typeof u !== 'string') return false
  for (let i = 0; i < u.length; ) {
    const k = textChar(u, i)
    if (k === 0) return false
    i += k
  }
  return true
}

/** A quoted string starting at `i` (a `"`): its unescaped value and the index after it, or an error message. */
const quotedString = (s: string, i: number): readonly [string, number] | string => {
  const parts: Array<string> = []
  let start = i + 1
  let k = start
  for (;;) {
    if (k >= s.length) return expected('a closing quote', rest(s, i))
    const c = s.charCodeAt(k)
    if (c === DQUOTE) break
    if (c === BACKSLASH) {
      if (k + 1 >= s.length) return expected('a closing quote', rest(s, i))
      const m = textChar(s, k + 1)
      if (m === 0) return expected('a quoted-string character', rest(s, k))
      parts.push(s.slice(start, k))
      start = k + 1
      k += 1 + m
      continue
    }
    const m = textChar(s, k)
    if (m === 0) return expected('a quoted-string character', rest(s, k))
    k += m
  }
  parts.push(s.slice(start, k))
  return [parts.join(''), k + 1]
}

const quote = (v: string): string => `"${v.replace(/["\\]/g, '\\$&')}"`
