/**
 * The byte-level syntax of MIME multipart bodies, for the `multipart/*` document codecs: the framing of RFC 2046
 * §5.1.1 (delimiter lines, transport padding, preamble and epilogue, the close delimiter), the header fields of a body
 * part (RFC 5322 §2.2, folded lines unfolded as §2.2.3 says) and the content transfer encodings of RFC 2045 §6
 * (`7bit`, `8bit`, `binary`, `base64`, `quoted-printable`). Nothing here knows a media type but `multipart`.
 *
 * Everything works on bytes, so that binary parts stay exact, and accepts CRLF and bare LF line ends alike. The
 * delimiter lines of a body are found in one pass over the whole input, however deeply multiparts nest: each level
 * then visits only the delimiter lines of its own boundary within its own range, so that framing a body and all the
 * multiparts inside it takes time linear in its size. Errors are values; nothing here throws.
 *
 * Why not a MIME library: the maintained multipart parsers are built for HTTP form uploads. They throw on malformed
 * input, require the body to start with the first delimiter (a preamble is legal MIME) or CRLF line ends only, keep a
 * part's headers as a case-folded `Headers` map (their order and spelling cannot be written back), and some ship ES
 * modules only, which the CommonJS build could not load on the Node versions it supports. The media-type parsers
 * (`whatwg-mimetype`, `content-type`) cover only the `Content-Type` value, with the first dropping what it cannot
 * parse and the second throwing; `MediaType.ts` parses it to values with a path instead.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { expected, type Problem } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A header field of a body part: its name as sent, and its value unfolded, without the white space around it.
 *
 * @category model
 * @since 0.2.0
 */
export interface Header {
  readonly name: string
  readonly value: string
}

/**
 * A delimiter line: where it starts (its first `-`), where the next line starts, and whether it closes the multipart
 * (`--boundary--`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Delimiter {
  readonly at: number
  readonly next: number
  readonly close: boolean
}

/**
 * The body parts of one multipart, as ranges of the input: each from the line after its delimiter to the line end
 * before the next delimiter (which belongs to the delimiter, RFC 2046 §5.1.1), and whether the close delimiter was
 * there.
 *
 * @category model
 * @since 0.2.0
 */
export interface Framing {
  readonly parts: ReadonlyArray<readonly [number, number]>
  readonly closed: boolean
}

/**
 * The header section of a body part and where its content starts (the content is empty when the part has no blank
 * line after its header fields).
 *
 * @category model
 * @since 0.2.0
 */
export interface HeaderSection {
  readonly headers: ReadonlyArray<Header>
  readonly content: number
}

// -------------------------------------------------------------------------------------
// characters
// -------------------------------------------------------------------------------------

const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const HTAB = 0x09
const DASH = 0x2d
const COLON = 0x3a

const BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? "

/**
 * Whether a string is a valid boundary (RFC 2046 §5.1.1): 1 to 70 of the `bchars`, the last one not a space.
 *
 * @category model
 * @since 0.2.0
 */
export const isBoundary = (u: unknown): u is string => {
  if (typeof u !== 'string' || u.length < 1 || u.length > 70 || u.charCodeAt(u.length - 1) === SP) return false
  for (let i = 0; i < u.length; i++) if (!BCHARS.includes(u[i])) return false
  return true
}

/** Text as header values may hold it: HTAB, SP, visible ASCII and well-formed non-ASCII characters (RFC 6532). */
const isFieldText = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (
      c === HTAB ||
      (c >= SP && c <= 0x7e) ||
      (c >= 0x80 && c < 0xd800) ||
      (c > 0xdfff && c !== 0xfffe && c !== 0xffff)
    )
      continue
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++
        continue
      }
    }
    return false
  }
  return true
}

/**
 * Whether a string is a header field name (RFC 5322 §3.6.8: printable ASCII but `:`).
 *
 * @category model
 * @since 0.2.0
 */
export const isFieldName = (u: unknown): u is string => {
  if (typeof u !== 'string' || u.length === 0 || u.length > 256) return false
  for (let i = 0; i < u.length; i++) {
    const c = u.charCodeAt(i)
    if (c < 33 || c > 126 || c === COLON) return false
  }
  return true
}

/**
 * Whether a string can be written as a header value: field text (no control character but HTAB, no lone surrogate)
 * without white space at either end (what decoding gives).
 *
 * @category model
 * @since 0.2.0
 */
export const isFieldValue = (u: unknown): u is string =>
  typeof u === 'string' &&
  isFieldText(u) &&
  (u.length === 0 || (!isWsp(u.charCodeAt(0)) && !isWsp(u.charCodeAt(u.length - 1))))

const isWsp = (c: number): boolean => c === SP || c === HTAB

const latin1 = (b: Uint8Array, start: number, end: number): string => {
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i])
  return s
}

const utf8 = /*#__PURE__*/ new TextDecoder('utf-8', { fatal: true })

/**
 * The UTF-8 text of some bytes, or undefined when they are not UTF-8.
 *
 * @category model
 * @since 0.2.0
 */
export const utf8Text = (b: Uint8Array): string | undefined => {
  try {
    return utf8.decode(b)
  } catch {
    return undefined
  }
}

// -------------------------------------------------------------------------------------
// framing
// -------------------------------------------------------------------------------------

/**
 * The delimiter lines of an input, found once: every line that starts with `--` and is short enough to be a
 * delimiter, by the boundary it would close or open.
 *
 * @category model
 * @since 0.2.0
 */
export class DelimiterIndex {
  private readonly lines = new Map<string, Array<Delimiter>>()

  constructor(readonly bytes: Uint8Array) {
    const b = bytes
    const n = b.length
    let p = 0
    while (p < n) {
      const lf = b.indexOf(LF, p)
      const next = lf < 0 ? n : lf + 1
      if (b[p] === DASH && b[p + 1] === DASH) {
        let e = lf < 0 ? n : lf
        if (e > p + 2 && b[e - 1] === CR) e--
        while (e > p + 2 && isWsp(b[e - 1])) e--
        const len = e - p - 2
        if (len >= 1 && len <= 72) {
          const token = latin1(b, p + 2, e)
          this.add(token, { at: p, next, close: false })
          if (len >= 3 && b[e - 1] === DASH && b[e - 2] === DASH)
            this.add(token.slice(0, -2), { at: p, next, close: true })
        }
      }
      p = next
    }
  }

  private add(key: string, d: Delimiter): void {
    const ds = this.lines.get(key)
    if (ds === undefined) this.lines.set(key, [d])
    else ds.push(d)
  }

  /** The delimiter lines of a boundary that start within `[start, end)`, in order. */
  within(boundary: string, start: number, end: number): ReadonlyArray<Delimiter> {
    const ds = this.lines.get(boundary)
    if (ds === undefined) return []
    let lo = 0
    let hi = ds.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (ds[mid].at < start) lo = mid + 1
      else hi = mid
    }
    let j = lo
    while (j < ds.length && ds[j].at < end) j++
    return ds.slice(lo, j)
  }
}

/**
 * Splits the multipart body in `[start, end)` of the indexed input into its body parts (RFC 2046 §5.1.1): the preamble
 * before the first delimiter line and the epilogue after the close delimiter are left out. No delimiter line at all is
 * an error; a missing close delimiter is reported in `closed`, the last part then running to the end.
 *
 * @category parsing
 * @since 0.2.0
 */
export const frame = (
  index: DelimiterIndex,
  boundary: string,
  start: number,
  end: number
): E.Either<Problem, Framing> => {
  const b = index.bytes
  const ds = index.within(boundary, start, end)
  let i = 0
  while (i < ds.length && ds[i].close) i++
  if (i === ds.length) {
    const got = ds.length === 0 ? 'none' : 'only the close delimiter'
    const line = JSON.stringify(`--${boundary}`)
    return E.left({
      path: '',
      message: `expected a delimiter line ${line} (boundaries are case-sensitive), got ${got}`
    })
  }
  const parts: Array<readonly [number, number]> = []
  let from = ds[i].next
  for (i++; i < ds.length; i++) {
    const d = ds[i]
    // the line end before a delimiter belongs to the delimiter
    let to = d.at
    if (to > from && b[to - 1] === LF) to--
    if (to > from && b[to - 1] === CR) to--
    parts.push([from, to])
    if (d.close) return E.right({ parts, closed: true })
    from = d.next
  }
  parts.push([from, end])
  return E.right({ parts, closed: false })
}

/**
 * Reads the header section of a body part in `[start, end)`: header fields up to the first blank line, folded lines
 * unfolded, values without the white space around them. At most `maxFields` fields; names must be printable ASCII
 * without `:`; values must be UTF-8 text without control characters. Problems have the path `header[n]`.
 *
 * @category parsing
 * @since 0.2.0
 */
export const headerSection = (
  b: Uint8Array,
  start: number,
  end: number,
  maxFields: number
): E.Either<Problem, HeaderSection> => {
  // the section ends at the first empty line (LF or CRLF alone), or at the end of the range
  let stop = end
  let content = end
  for (let p = start; p < end;) {
    const lf = b.indexOf(LF, p)
    if (lf < 0 || lf >= end) break
    const e = lf > p && b[lf - 1] === CR ? lf - 1 : lf
    if (e === p) {
      stop = p
      content = lf + 1
      break
    }
    p = lf + 1
  }
  if (stop === start) return E.right({ headers: [], content })
  const text = utf8Text(b.subarray(start, stop))
  if (text === undefined)
    return E.left({ path: 'header[1]', message: 'expected UTF-8 text in the header fields, got invalid bytes' })
  const headers: Array<Header> = []
  const lines = text.split('\n')
  let name: string | undefined
  let value = ''
  const flush = (): Problem | undefined => {
    if (name === undefined) return undefined
    const v = value.replace(/^[ \t]+|[ \t]+$/g, '')
    if (!isFieldText(v))
      return {
        path: `header[${headers.length + 1}]`,
        message: expected(`the value of ${name} without control characters`, v)
      }
    headers.push({ name, value: v })
    name = undefined
    return undefined
  }
  for (let k = 0; k < lines.length; k++) {
    let line = lines[k]
    if (line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1)
    if (k === lines.length - 1 && line === '') break
    if (isWsp(line.charCodeAt(0))) {
      if (name === undefined)
        return E.left({ path: 'header[1]', message: expected('a header field', line.slice(0, 41)) })
      value += line
      continue
    }
    const f = flush()
    if (f !== undefined) return E.left(f)
    if (headers.length >= maxFields)
      return E.left({
        path: `header[${headers.length + 1}]`,
        message: `expected at most ${maxFields} header fields, got more`
      })
    const colon = line.indexOf(':')
    const n = colon < 0 ? '' : line.slice(0, colon)
    if (!isFieldName(n))
      return E.left({
        path: `header[${headers.length + 1}]`,
        message: expected('a header field (a name, ":" and a value)', line.slice(0, 41))
      })
    name = n
    value = line.slice(colon + 1)
  }
  const f = flush()
  return f === undefined ? E.right({ headers, content }) : E.left(f)
}

/**
 * Whether text written as the content of a part of a multipart with this boundary would hold a delimiter line of its
 * own (a line `--boundary`, then `--` or not, white space, and the line end or the end of the content), which a
 * reader would take for the end of the part.
 *
 * @category printing
 * @since 0.2.0
 */
export const holdsDelimiter = (text: string, boundary: string): boolean => {
  // a delimiter line starts the text or follows a line feed: most content (printed XML) has neither
  if (text.indexOf('\n') < 0 && !text.startsWith('--')) return false
  const dash = `--${boundary}`
  for (let i = text.indexOf(dash); i >= 0; i = text.indexOf(dash, i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) !== LF) continue
    let j = i + dash.length
    if (text.charCodeAt(j) === DASH && text.charCodeAt(j + 1) === DASH) j += 2
    while (isWsp(text.charCodeAt(j))) j++
    if (
      j === text.length ||
      text.charCodeAt(j) === LF ||
      (text.charCodeAt(j) === CR && (j + 1 === text.length || text.charCodeAt(j + 1) === LF))
    )
      return true
  }
  return false
}

// -------------------------------------------------------------------------------------
// transfer encodings
// -------------------------------------------------------------------------------------

/**
 * The transfer encodings whose content is the octets themselves (RFC 2045 §6.2).
 *
 * @category model
 * @since 0.2.0
 */
export const isIdentityEncoding = (cte: string | undefined): boolean =>
  cte === undefined || cte === '7bit' || cte === '8bit' || cte === 'binary'

/**
 * Whether content in this transfer encoding can be read (identity, `base64`, `quoted-printable`); content in another
 * one (an `x-` token) stays as it was sent.
 *
 * @category model
 * @since 0.2.0
 */
export const isKnownEncoding = (cte: string | undefined): boolean =>
  isIdentityEncoding(cte) || cte === 'base64' || cte === 'quoted-printable'

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_VALUE: ReadonlyArray<number> = /*#__PURE__*/ (() => {
  const t = new Array<number>(128).fill(-1)
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i
  return t
})()

/**
 * Decodes base64 content (RFC 2045 §6.8): line breaks and white space are skipped; any other character outside the
 * alphabet, or padding in the wrong place, is an error.
 *
 * @category parsing
 * @since 0.2.0
 */
export const fromBase64 = (b: Uint8Array): E.Either<string, Uint8Array> => {
  const out = new Uint8Array(Math.floor((b.length * 3) / 4) + 3)
  let n = 0
  let acc = 0
  let bits = 0
  let pad = 0
  for (let i = 0; i < b.length; i++) {
    const c = b[i]
    if (c === CR || c === LF || c === SP || c === HTAB) continue
    if (c === 0x3d) {
      pad++
      continue
    }
    const v = c < 128 ? B64_VALUE[c] : -1
    if (v < 0 || pad > 0)
      return E.left(`expected base64 content, got ${JSON.stringify(String.fromCharCode(c))} at byte ${i}`)
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[n++] = (acc >> bits) & 0xff
    }
  }
  if (pad > 2 || bits >= 6) return E.left('expected base64 content, got a truncated group')
  return E.right(out.slice(0, n))
}

/**
 * Encodes bytes as base64 content in lines of 76 characters with CRLF between them (RFC 2045 §6.8).
 *
 * @category printing
 * @since 0.2.0
 */
export const toBase64 = (b: Uint8Array): string => {
  const lines: Array<string> = []
  let line = ''
  for (let i = 0; i < b.length; i += 3) {
    const x = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0)
    line +=
      B64[(x >> 18) & 63] +
      B64[(x >> 12) & 63] +
      (i + 1 < b.length ? B64[(x >> 6) & 63] : '=') +
      (i + 2 < b.length ? B64[x & 63] : '=')
    if (line.length >= 76) {
      lines.push(line)
      line = ''
    }
  }
  if (line !== '') lines.push(line)
  return lines.join('\r\n')
}

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1

/**
 * Decodes quoted-printable content (RFC 2045 §6.7): `=XX` octets, soft line breaks (`=` at a line end), white space
 * before a line end dropped; line ends kept as they are. A `=` followed by anything else is an error.
 *
 * @category parsing
 * @since 0.2.0
 */
export const fromQuotedPrintable = (b: Uint8Array): E.Either<string, Uint8Array> => {
  const out = new Uint8Array(b.length)
  let n = 0
  let i = 0
  while (i < b.length) {
    const c = b[i]
    if (c === 0x3d) {
      // a soft line break: "=", maybe white space, then CRLF or LF (or the end)
      let j = i + 1
      while (j < b.length && isWsp(b[j])) j++
      if (j === b.length || b[j] === LF || (b[j] === CR && b[j + 1] === LF)) {
        i = j === b.length ? j : b[j] === CR ? j + 2 : j + 1
        continue
      }
      const h = hexValue(b[i + 1] ?? -1)
      const l = hexValue(b[i + 2] ?? -1)
      if (h < 0 || l < 0)
        return E.left(
          `expected "=" and two hexadecimal digits in quoted-printable content, got something else at byte ${i}`
        )
      out[n++] = (h << 4) | l
      i += 3
      continue
    }
    if (isWsp(c)) {
      // white space at the end of a line is not content
      let j = i
      while (j < b.length && isWsp(b[j])) j++
      if (j === b.length || b[j] === LF || (b[j] === CR && b[j + 1] === LF)) {
        i = j
        continue
      }
      for (; i < j; i++) out[n++] = b[i]
      continue
    }
    out[n++] = c
    i++
  }
  return E.right(out.slice(0, n))
}

const HEX = '0123456789ABCDEF'

/**
 * Encodes bytes as quoted-printable content (RFC 2045 §6.7): CRLF line ends kept (a lone CR or LF is encoded), `=`,
 * control and non-ASCII octets as `=XX`, white space before a line end encoded, lines of at most 76 characters with
 * soft line breaks.
 *
 * @category printing
 * @since 0.2.0
 */
export const toQuotedPrintable = (b: Uint8Array): string => {
  let out = ''
  let line = 0
  const put = (s: string): void => {
    if (line + s.length > 75) {
      out += '=\r\n'
      line = 0
    }
    out += s
    line += s.length
  }
  for (let i = 0; i < b.length; i++) {
    const c = b[i]
    if (c === CR && b[i + 1] === LF) {
      out += '\r\n'
      line = 0
      i++
      continue
    }
    const atLineEnd = i + 1 === b.length || (b[i + 1] === CR && b[i + 2] === LF)
    const literal = (c >= 33 && c <= 126 && c !== 0x3d) || (isWsp(c) && !atLineEnd)
    // a line that starts with "-" or "." is encoded, so that no content line can look like a delimiter
    const lineStart = line === 0 && (c === DASH || c === 0x2e)
    put(literal && !lineStart ? String.fromCharCode(c) : `=${HEX[c >> 4]}${HEX[c & 15]}`)
  }
  return out
}
