/**
 * A hardened, namespace-resolving XML 1.0 parser from text or bytes to the {@link Ast} model, built on `sax` in strict
 * mode.
 *
 * Only well-formed XML 1.0 documents that conform to Namespaces in XML 1.0 are accepted. sax tokenizes; this module
 * checks what sax lets through (names and qualified names by the XML 1.0 fifth edition productions, the XML
 * declaration, processing instruction targets, `<` in attribute values, `]]>` in character data, markup
 * declarations, white space after `<`, repeated byte order marks) and resolves namespaces itself (Namespaces in XML 1.0
 * §5 and §6): every prefix, the default namespace, `xmlns=""` and the predefined `xml` prefix. The parser refuses any
 * DOCTYPE (so no DTD, no custom entities: no XXE, no entity expansion), accepts only the five predefined entities and
 * character references to XML characters, enforces limits on size, depth and attribute count, keeps memory
 * proportional to the input for every construct, and never throws: every failure is a {@link ParseError} with a
 * 1-based line and column.
 *
 * What the tree keeps:
 * - every element keeps the namespace declarations written on its own start tag (`namespaces`, in source order);
 * - adjacent text and CDATA sections are one text node; comments and processing instructions are dropped (they carry
 *   no information for the payload formats), and the text around them joins;
 * - white space: an element whose children are elements separated only by white space (element-only content) drops
 *   that white space, which is indentation; an element with mixed content (some text that is not white space among
 *   element children) keeps all its text, white-space-only runs included; `xml:space="preserve"` keeps every white
 *   space run in the element and its descendants (until `xml:space="default"`); an element without element children
 *   keeps its text, even when it is only white space;
 * - line ends are normalised (XML 1.0 §2.11) and literal tabs and line feeds in attribute values become spaces
 *   (§3.3.3), while character references such as `&#10;` keep their character.
 *
 * Bytes are decoded by their byte order mark and encoding declaration (§4.3.3): UTF-8 (the default), UTF-16 (with a
 * byte order mark, or declared and starting with `<?xml`), ISO-8859-1 and US-ASCII; any other declared encoding, or a
 * declaration the bytes contradict, is refused. A string is already decoded: its declaration is only checked.
 *
 * One limit of sax remains: it reads names one UTF-16 unit at a time, so element and attribute names with characters
 * beyond U+FFFF (allowed by XML 1.0 fifth edition) are refused.
 *
 * @since 0.1.0
 */
import type { Either } from '#fp-ts/Either'
import { left, right } from '#fp-ts/Either'
import sax from 'sax'
import type { Element, NsDecl, Node, QName } from './Ast.js'
import { isWhitespace, XML_NS, XMLNS_NS } from './Ast.js'

// Measured on node 20 (docs/s, best of 5 interleaved rounds, CPU time; baseline: sax strict with no handlers):
//   ~15 KB namespaced document:       xmlns:true + builder 0.42x of baseline, own builder (xmlns:false) 0.72x
//   ~1.2 MB, 20,000 items (47k elts):  xmlns:true + builder 0.43x,             own builder              0.66x
// so our own namespace resolution is 1.5-1.7x faster than sax's (which also allocates a prototype chain per declaring
// element and looks attribute duplicates up in an array, quadratic in the attribute count). Not tracking positions
// on the first pass is worth about a third of sax's time. The checks sax lacks cost a few native string searches per
// document, which find the rare places where sax's state must be looked at.

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Limits applied while parsing.
 *
 * @category model
 * @since 0.1.0
 */
export interface ParseOptions {
  /** Maximum element nesting depth (the root is depth 1). Default 256. */
  readonly maxDepth?: number
  /**
   * Maximum size of the document in bytes of its UTF-8 form, for a string and for bytes alike (bytes in another
   * encoding count as they would in UTF-8). Default 16 MiB.
   */
  readonly maxBytes?: number
  /** Maximum number of attributes (namespace declarations included) on one element. Default 256. */
  readonly maxAttributes?: number
}

/**
 * Why a text is not an acceptable XML document, with the 1-based position of the problem.
 *
 * @category errors
 * @since 0.1.0
 */
export interface ParseError {
  readonly _tag: 'ParseError'
  readonly message: string
  readonly line: number
  readonly column: number
}

/**
 * The default limits.
 *
 * @category model
 * @since 0.1.0
 */
export const defaults: Required<ParseOptions> = {
  maxDepth: 256,
  maxBytes: 16 * 1024 * 1024,
  maxAttributes: 256
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/**
 * Renders a parse error as `line 3, column 7: <message>`.
 *
 * @category errors
 * @since 0.1.0
 */
export const renderParseError = (e: ParseError): string => `line ${e.line}, column ${e.column}: ${e.message}`

const parseError = (message: string, line: number, column: number): ParseError => ({
  _tag: 'ParseError',
  message,
  line,
  column
})

/** 1-based line and column of a UTF-16 offset (columns count UTF-16 units). */
const locate = (text: string, offset: number): { line: number; column: number } => {
  const end = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  let i = text.indexOf('\n')
  while (i !== -1 && i < end) {
    line++
    lineStart = i + 1
    i = text.indexOf('\n', lineStart)
  }
  return { line, column: end - lineStart + 1 }
}

const errorAt = (text: string, message: string, offset: number): ParseError => {
  const { line, column } = locate(text, offset)
  return parseError(message, line, column)
}

/** Input echoed in a message, cut to 40 characters. */
const echo = (s: string): string => (s.length > 40 ? s.slice(0, 40) + '…' : s)

const hex = (n: number): string => 'U+' + n.toString(16).toUpperCase().padStart(4, '0')
const byteHex = (n: number): string => '0x' + n.toString(16).toUpperCase().padStart(2, '0')

// -------------------------------------------------------------------------------------
// characters and names
// -------------------------------------------------------------------------------------

/** Characters outside the XML 1.0 `Char` production (lone surrogates included). */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
/** Same, without lone surrogates: the fast first check. */
const NOT_XML_BMP_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/

/** The offset of the first character not allowed in XML 1.0, or -1. */
const firstBadChar = (text: string): number => {
  const m = NOT_XML_BMP_CHAR.exec(text)
  const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed
  if (m === null && wellFormed !== undefined && wellFormed.call(text)) return -1
  const m2 = NOT_XML_CHAR.exec(text)
  return m2 === null ? -1 : m2.index
}

const isXmlCodePoint = (n: number): boolean =>
  n === 0x9 ||
  n === 0xa ||
  n === 0xd ||
  (n >= 0x20 && n <= 0xd7ff) ||
  (n >= 0xe000 && n <= 0xfffd) ||
  (n >= 0x10000 && n <= 0x10ffff)

// XML 1.0 (5th edition) NameStartChar and NameChar, without the colon (the ranges of `NCNAME_RE` in codec/Value.ts).
const nameStart =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}'
const nameChar = nameStart + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040'
const NCNAME_RE = new RegExp(`^[${nameStart}][${nameChar}]*$`, 'u')
/** A NameStartChar at `lastIndex` (sticky). */
const NAME_START_AT = new RegExp(`[${nameStart}]`, 'uy')

const isS = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13

// -------------------------------------------------------------------------------------
// the XML declaration and encodings
// -------------------------------------------------------------------------------------

interface Problem {
  readonly message: string
  readonly offset: number
}

interface Declaration {
  /** The declared encoding as written, `''` when there is none. */
  readonly encoding: string
  /** The offset of the encoding name. */
  readonly encodingAt: number
}

const problem = (message: string, offset: number): Problem => ({ message, offset })
const isProblem = (d: Declaration | Problem): d is Problem => 'message' in d

const VERSION_RE = /^1\.[0-9]+$/
const ENC_NAME_RE = /^[A-Za-z][A-Za-z0-9._-]*$/
const PSEUDO = ['version', 'encoding', 'standalone'] as const

/**
 * Reads the XML declaration at the start of `text` (XML 1.0 §2.8, §4.3.3: `<?xml` VersionInfo EncodingDecl? SDDecl?
 * S? `?>`, pseudo-attributes in this order).
 */
const readDeclaration = (text: string): Declaration | Problem => {
  const end = text.indexOf('?>', 5)
  if (end === -1) return problem('unexpected end of input in the XML declaration', text.length)
  let i = 5
  let next = 0
  let encoding = ''
  let encodingAt = -1
  for (;;) {
    const ws = i
    while (i < end && isS(text.charCodeAt(i))) i++
    if (i === end) break
    const ns = i
    while (i < end && ((text.charCodeAt(i) | 32) - 97) >>> 0 < 26) i++
    const name = text.slice(ns, i)
    const k = (PSEUDO as ReadonlyArray<string>).indexOf(name)
    if (name === '') return problem(`XML declaration: unexpected "${text.charAt(ns)}"`, ns)
    if (k === -1) return problem(`XML declaration: unknown pseudo-attribute "${echo(name)}"`, ns)
    if (next === 0 && k !== 0) return problem('XML declaration: the version must come first', ns)
    if (k < next) return problem(`XML declaration: "${name}" out of order (version, encoding, standalone)`, ns)
    if (ws === ns) return problem(`XML declaration: white space expected before "${name}"`, ns)
    next = k + 1
    while (i < end && isS(text.charCodeAt(i))) i++
    if (text.charCodeAt(i) !== 61 /* = */) return problem(`XML declaration: "=" expected after "${name}"`, i)
    i++
    while (i < end && isS(text.charCodeAt(i))) i++
    const q = text.charAt(i)
    if (q !== '"' && q !== "'") return problem(`XML declaration: quoted value expected for "${name}"`, i)
    const vs = i + 1
    const ve = text.indexOf(q, vs)
    if (ve === -1 || ve > end) return problem(`XML declaration: unclosed value of "${name}"`, i)
    const v = text.slice(vs, ve)
    if (k === 0) {
      if (!VERSION_RE.test(v))
        return problem(
          /^[0-9]+\.[0-9]+$/.test(v) ? `unsupported XML version "${echo(v)}"` : `invalid XML version "${echo(v)}"`,
          vs
        )
    } else if (k === 1) {
      if (!ENC_NAME_RE.test(v)) return problem(`invalid encoding name "${echo(v)}"`, vs)
      encoding = v
      encodingAt = vs
    } else if (v !== 'yes' && v !== 'no') return problem(`standalone must be "yes" or "no", got "${echo(v)}"`, vs)
    i = ve + 1
  }
  if (next === 0) return problem('XML declaration: version expected', i)
  return { encoding, encodingAt }
}

/** Whether a text starts with an XML declaration (`<?xml` and white space). */
const startsWithDeclaration = (text: string): boolean => text.startsWith('<?xml') && isS(text.charCodeAt(5))

type Encoding = 'UTF-8' | 'UTF-16' | 'UTF-16LE' | 'UTF-16BE' | 'ISO-8859-1' | 'US-ASCII'

const ENCODINGS: ReadonlyMap<string, Encoding> = new Map<string, Encoding>([
  ['utf-8', 'UTF-8'],
  ['utf8', 'UTF-8'],
  ['utf-16', 'UTF-16'],
  ['utf-16le', 'UTF-16LE'],
  ['utf-16be', 'UTF-16BE'],
  ...['iso-8859-1', 'iso_8859-1', 'iso8859-1', 'latin1', 'l1', 'iso-ir-100', 'ibm819', 'cp819', 'csisolatin1'].map(
    (n): [string, Encoding] => [n, 'ISO-8859-1']
  ),
  ...['us-ascii', 'ascii', 'iso646-us', 'ansi_x3.4-1968', 'ansi_x3.4-1986', 'csascii', 'iso-ir-6', 'us'].map(
    (n): [string, Encoding] => [n, 'US-ASCII']
  )
])

const unsupported = (name: string): string =>
  `unsupported encoding "${echo(name)}" (supported: UTF-8, UTF-16, ISO-8859-1, US-ASCII)`

/** Bytes as ISO-8859-1 (each byte is its code point; WHATWG's `iso-8859-1` decoder is windows-1252 instead). */
const latin1 = (b: Uint8Array, start: number, end: number = b.length): string => {
  let s = ''
  for (let i = start; i < end; i += 8192)
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(i + 8192, end)) as unknown as Array<number>)
  return s
}

/** The offset of the first byte that does not start a valid UTF-8 sequence (overlong forms and surrogates too). */
const firstBadUtf8 = (b: Uint8Array, start: number): number => {
  let i = start
  while (i < b.length) {
    const c = b[i]
    if (c < 0x80) {
      i++
      continue
    }
    let n: number
    let lo = 0x80
    let hi = 0xbf
    if (c >= 0xc2 && c <= 0xdf) n = 1
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2
      if (c === 0xe0) lo = 0xa0
      if (c === 0xed) hi = 0x9f
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3
      if (c === 0xf0) lo = 0x90
      if (c === 0xf4) hi = 0x8f
    } else return i
    for (let k = 1; k <= n; k++) {
      const x = b[i + k]
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i
    }
    i += n + 1
  }
  return -1
}

/** The length in UTF-8 of the UTF-16 code units of `b` from `start` (`le`: little endian). */
const utf8LengthOfUtf16 = (b: Uint8Array, start: number, le: boolean): number => {
  let n = 0
  const end = b.length - 1
  for (let i = start; i < end; i += 2) {
    const c = le ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 3 <= end) {
      const d = le ? b[i + 2] | (b[i + 3] << 8) : (b[i + 2] << 8) | b[i + 3]
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        i += 2
      } else n += 3
    } else n += 3
  }
  return n
}

/** The length in bytes of the UTF-8 form of a string, without building it (a lone surrogate counts as U+FFFD). */
const utf8Length = (s: string): number => {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) n += 1
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2
      i++
    } else n += 2
  }
  return n
}

const tooLarge = (size: number, maxBytes: number): ParseError =>
  parseError(`input too large: ${size} bytes exceed the limit of ${maxBytes}`, 1, 1)

/**
 * Decodes UTF-16 (the byte order mark, if any, is kept, and removed once by the caller), checking the declared
 * encoding.
 */
const decodeUtf16 = (b: Uint8Array, le: boolean, bom: boolean, maxBytes: number): string | ParseError => {
  const size = utf8LengthOfUtf16(b, 0, le)
  if (size > maxBytes) return tooLarge(size, maxBytes)
  let text: string
  try {
    text = new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true }).decode(b)
  } catch {
    return parseError(`invalid UTF-16${b.length % 2 === 1 ? ' (odd number of bytes)' : ''}`, 1, 1)
  }
  const body = bom ? text.slice(1) : text
  const d = startsWithDeclaration(body) ? readDeclaration(body) : undefined
  if (d !== undefined && isProblem(d)) return errorAt(body, d.message, d.offset)
  const name = d?.encoding ?? ''
  if (name === '') {
    return bom ? text : parseError('UTF-16 without a byte order mark must declare its encoding', 1, 1)
  }
  const enc = ENCODINGS.get(name.toLowerCase())
  const order = le ? 'UTF-16LE' : 'UTF-16BE'
  if (enc === 'UTF-16' || enc === order) return text
  return errorAt(
    body,
    enc === undefined
      ? unsupported(name)
      : `document labelled ${name} but has ${order} content${bom ? ' (byte order mark)' : ''}`,
    (d as Declaration).encodingAt
  )
}

/** Decodes bytes by their byte order mark and encoding declaration (XML 1.0 §4.3.3 and appendix F). */
const decode = (b: Uint8Array, maxBytes: number): string | ParseError => {
  const n = b.length
  if (n >= 2 && b[0] === 0xff && b[1] === 0xfe) return decodeUtf16(b, true, true, maxBytes)
  if (n >= 2 && b[0] === 0xfe && b[1] === 0xff) return decodeUtf16(b, false, true, maxBytes)
  if (n >= 4 && b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0)
    return decodeUtf16(b, true, false, maxBytes)
  if (n >= 4 && b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f)
    return decodeUtf16(b, false, false, maxBytes)
  const bom = n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
  const start = bom ? 3 : 0
  // the declaration of an ASCII-compatible encoding, read as ISO-8859-1 up to its end
  let name = ''
  let nameAt = 0
  let head = ''
  // `<?xml`
  const decl = b[start] === 0x3c && b[start + 1] === 0x3f && b[start + 2] === 0x78 && b[start + 3] === 0x6d
  if (decl && b[start + 4] === 0x6c) {
    let end = start + 5
    while (end < n - 1 && !(b[end] === 0x3f && b[end + 1] === 0x3e)) end++
    end = Math.min(end + 2, n)
    if (end - start <= 256) for (let i = start; i < end; i++) head += String.fromCharCode(b[i])
    else head = latin1(b, start, end)
    if (head.indexOf('\r') !== -1) head = head.replace(/\r\n?/g, '\n')
    if (startsWithDeclaration(head)) {
      // its characters are ASCII when it is well-formed, up to the problem when it is not: the position is right
      const d = readDeclaration(head)
      if (isProblem(d)) return errorAt(head, d.message, d.offset)
      name = d.encoding
      nameAt = d.encodingAt
    }
  }
  const enc = name === '' ? 'UTF-8' : ENCODINGS.get(name.toLowerCase())
  if (enc === undefined) return errorAt(head, unsupported(name), nameAt)
  if (enc === 'UTF-16' || enc === 'UTF-16LE' || enc === 'UTF-16BE') {
    const has = bom ? 'a UTF-8 byte order mark' : 'UTF-8 content'
    return errorAt(head, `document labelled ${name} but has ${has}`, nameAt)
  }
  if (bom && enc !== 'UTF-8')
    return errorAt(head, `document labelled ${name} but has a UTF-8 byte order mark`, nameAt)
  if (enc === 'UTF-8') {
    if (n > maxBytes) return tooLarge(n, maxBytes)
    try {
      // the byte order mark is kept, and removed once by the caller
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b)
    } catch {
      const at = Math.max(firstBadUtf8(b, start), start)
      const before = new TextDecoder('utf-8').decode(b.subarray(start, at))
      return errorAt(before.replace(/\r\n?/g, '\n'), `invalid UTF-8 (byte ${byteHex(b[at] ?? 0)})`, Infinity)
    }
  }
  let size = n
  for (let i = 0; i < n; i++) {
    if (b[i] >= 0x80) {
      if (enc === 'US-ASCII') {
        const before = latin1(b, 0, i).replace(/\r\n?/g, '\n')
        return errorAt(before, `byte ${byteHex(b[i])} is not ${name} (declared encoding)`, Infinity)
      }
      size++
    }
  }
  if (size > maxBytes) return tooLarge(size, maxBytes)
  return latin1(b, 0)
}

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

const CHUNK = 64 * 1024
const ABORT = { abort: true }
const hasOwn = Object.prototype.hasOwnProperty
/** Shared by every element without attributes or children (the AST is immutable). */
const EMPTY_ATTRS: Readonly<Record<string, string>> = Object.freeze({})
const EMPTY_CHILDREN: ReadonlyArray<Node> = Object.freeze([])

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const DEC_REF = /^#[0-9]+$/
const HEX_REF = /^#x[0-9a-fA-F]+$/

/**
 * Attribute values as sax hands them over carry placeholders for the characters that must survive normalisation or
 * checking: `&#9;` `&#10;` `&#13;` `&lt;` become U+0001-U+0004, which cannot occur in the (already checked) input.
 * `Fix` is set when a value has a literal TAB or LF or a placeholder; a literal `<` is an error.
 */
const PLAIN = 0
const FIX = 1
const LT = 2
type AttrKind = typeof PLAIN | typeof FIX | typeof LT
const attrKind = (v: string): AttrKind => {
  let k: AttrKind = PLAIN
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 11 && (c === 9 || c === 10 || (c >= 1 && c <= 4))) k = FIX
    else if (c === 60) return LT
  }
  return k
}
const ATTR_FIX = /[\t\n\x01\x02\x03\x04]/g
const ATTR_FIX_MAP: Readonly<Record<string, string>> = {
  '\t': ' ',
  '\n': ' ',
  '\x01': '\t',
  '\x02': '\n',
  '\x03': '\r',
  '\x04': '<'
}
const fixAttr = (c: string): string => ATTR_FIX_MAP[c]

/** Where sax's state must be looked at: `<` or `</` followed by white space. */
const LT_SPACE = /<\/?[\t\n ]/g

// The characters sax adds to a name, and to an entity name, one UTF-16 unit at a time (sax's `nameBody` and
// `entityBody`): runs of them, read at once when a name reaches past a chunk
const SAX_NAME =
  ':_A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u00B7\u0300-\u036F\u203F-\u2040.0-9-'
const NAME_RUN = new RegExp(`[${SAX_NAME}]*`, 'y')
const ENTITY_RUN = new RegExp(`[#${SAX_NAME}]*`, 'y')

/** Keeps flattened strings reachable, so that the reads that flatten them are not optimised away. */
let sink = 0
/** Flattens a string built by many appends (V8 then frees the pieces): linear in its length. */
const flatten = (s: string): void => {
  if (s.length > 0) sink = (sink + s.charCodeAt(s.length - 1)) | 0
}

interface NameInfo {
  readonly prefix: string
  readonly local: string
  /** The QName this raw name resolved to last time (reused while the namespace stays the same). */
  qn: QName | undefined
  /** The attribute key this raw name resolved to last time, and for which namespace. */
  key: string
  keyNs: string | undefined
}

type SaxParser = sax.SAXParser & {
  position: number
  column: number
  startTagPosition: number
  state: number
  q: string
  entity: string
  tagName: string
  sawRoot: boolean
  attribName: string
  attribValue: string
  comment: string
  cdata: string
  textNode: string
  procInstName: string
  procInstBody: string
  bufferCheckPosition: number
  tags: Array<{ readonly name: string }>
}

const STATE = (sax as unknown as { STATE: Record<string, number> }).STATE
const S_TEXT = STATE.TEXT
const S_OPEN_WAKA = STATE.OPEN_WAKA
const S_SGML_DECL = STATE.SGML_DECL
const S_PROC_INST = STATE.PROC_INST
const S_PROC_INST_BODY = STATE.PROC_INST_BODY
const S_PROC_INST_ENDING = STATE.PROC_INST_ENDING
const S_CLOSE_TAG = STATE.CLOSE_TAG
const S_OPEN_TAG = STATE.OPEN_TAG
const S_ATTRIB_NAME = STATE.ATTRIB_NAME
const S_TEXT_ENTITY = STATE.TEXT_ENTITY
const S_ATTRIB_VALUE_QUOTED = STATE.ATTRIB_VALUE_QUOTED
const S_ATTRIB_VALUE_ENTITY_Q = STATE.ATTRIB_VALUE_ENTITY_Q
const S_COMMENT = STATE.COMMENT
const S_COMMENT_ENDING = STATE.COMMENT_ENDING
const S_COMMENT_ENDED = STATE.COMMENT_ENDED

/** What was being read when the input ended. */
const inside = (state: number): string | undefined => {
  switch (STATE[state] as unknown as string) {
    case 'COMMENT_STARTING':
    case 'COMMENT':
    case 'COMMENT_ENDING':
    case 'COMMENT_ENDED':
      return 'a comment'
    case 'CDATA':
    case 'CDATA_ENDING':
    case 'CDATA_ENDING_2':
      return 'a CDATA section'
    case 'PROC_INST':
    case 'PROC_INST_BODY':
    case 'PROC_INST_ENDING':
      return 'a processing instruction'
    case 'ATTRIB_VALUE_QUOTED':
    case 'ATTRIB_VALUE_ENTITY_Q':
      return 'an attribute value'
    case 'OPEN_WAKA':
    case 'OPEN_TAG':
    case 'OPEN_TAG_SLASH':
    case 'ATTRIB':
    case 'ATTRIB_NAME':
    case 'ATTRIB_NAME_SAW_WHITE':
    case 'ATTRIB_VALUE':
    case 'ATTRIB_VALUE_CLOSED':
      return 'a start tag'
    case 'CLOSE_TAG':
    case 'CLOSE_TAG_SAW_WHITE':
      return 'an end tag'
    case 'TEXT_ENTITY':
      return 'a reference'
    case 'SGML_DECL':
    case 'SGML_DECL_QUOTED':
      return 'markup'
    default:
      return undefined
  }
}

// Caches shared by all parses (names recur across the documents of one application): raw names to their parts, and
// expanded names to one QName object each. Both are bounded: cleared when they grow past a limit, and names longer
// than a limit are not kept, so that documents full of distinct or huge names cannot make them grow without end.
const CACHE_LIMIT = 4096
const CACHE_NAME_LIMIT = 256
const NAMES = new Map<string, NameInfo>()
const QNAMES = new Map<string, QName>()

interface Failure {
  readonly message: string
  readonly offset: number
  /** Whether the offset was read from the text itself (then a second pass with positions is not needed). */
  readonly exact: boolean
}

/** Builds the tree from sax events; one instance per parse. */
class Builder {
  readonly parser: SaxParser
  error: Failure | undefined = undefined
  root: Element | undefined = undefined

  // open elements (parallel arrays indexed by depth, no per-element frame objects); the children of all open
  // elements live on one node stack and are sliced off into an exact-size array when their element closes. White
  // space runs wait on that stack as plain strings until their element closes and its kind of content is known.
  depth = 0
  readonly sName: Array<QName> = []
  readonly sAttrs: Array<Readonly<Record<string, string>>> = []
  readonly sNs: Array<ReadonlyArray<NsDecl> | undefined> = []
  readonly sStart: Array<number> = []
  /** Whether white space strings wait among the element's children. */
  readonly sWs: Array<boolean> = []
  /** Whether a text run that is not white space is among the element's children (mixed content). */
  readonly sMixed: Array<boolean> = []
  /** Whether `xml:space="preserve"` applies. */
  readonly sPreserve: Array<boolean> = []
  readonly sUndo: Array<number> = []
  readonly sDefault: Array<string> = []
  readonly nodes: Array<Node | string> = []
  top = 0
  pending = ''

  // namespace scope: the default namespace, prefix bindings and an undo log
  defaultNs = ''
  readonly scope = new Map<string, string>()
  readonly undoPrefix: Array<string> = []
  readonly undoUri: Array<string | undefined> = []
  readonly declaredOn = new Map<string, number>()
  serial = 0

  // attributes of the start tag being read
  readonly aName: Array<string> = []
  readonly aValue: Array<string> = []
  readonly aKind: Array<AttrKind> = []
  aCount = 0
  /** The start of a long attribute value, taken out of sax's buffer between chunks. */
  readonly aPieces: Array<string> = []

  // where the text must be looked at between writes (offsets; Infinity when there is no more)
  nextLt = Infinity
  ltLength = 0
  nextPi = Infinity
  nextBang = Infinity
  nextCdEnd = Infinity
  nextQq = Infinity
  /** How far the last {@link Builder.readOn} read past its position. */
  skipped = 0

  readonly names = NAMES
  readonly qnames = QNAMES

  constructor(
    readonly text: string,
    readonly maxDepth: number,
    readonly maxAttributes: number,
    readonly positions: boolean
  ) {
    const p = sax.parser(true, { xmlns: false, position: positions }) as SaxParser
    this.parser = p
    // our limits bound memory; sax's own 64 KiB buffer check would reject long attribute values and CDATA sections
    p.bufferCheckPosition = Infinity
    p.ENTITIES = this.entities()
    // sax asks `attribList.indexOf(name)` for every attribute once its value is read (in non-xmlns mode the list
    // is otherwise unused): this is where attributes are collected, in document order. Answering "seen" makes sax
    // skip its own attribute record, which would break on names such as `hasOwnProperty`
    ;(p as unknown as { attribList: unknown }).attribList = this.attributeHook()
    p.onopentag = (tag) => this.open(tag.name)
    p.onclosetag = () => this.close()
    p.ontext = (t) => {
      if (this.depth > 0) this.pending += t
    }
    p.oncdata = (t) => {
      this.pending += t
    }
    p.ondoctype = () => this.failDoctype()
    p.onsgmldeclaration = () => this.fail('markup declarations are not allowed', p.startTagPosition - 1)
    p.onerror = (e) => this.saxError(e)
  }

  fail(message: string, offset: number, exact = false): never {
    if (this.error === undefined) this.error = { message, offset, exact }
    throw ABORT
  }

  failDoctype(): never {
    const m = /<!DOCTYPE/i.exec(this.text)
    return this.fail('DOCTYPE is not allowed', m === null ? this.parser.position - 1 : m.index)
  }

  saxError(e: Error): never {
    const p = this.parser
    const raw = e.message.split('\n', 1)[0]
    const tag = (): string => echo(this.parser.tags[this.parser.tags.length - 1]?.name ?? '')
    let message: string
    switch (raw) {
      case 'Non-whitespace before first tag.':
        message = 'text before the root element'
        break
      case 'Text data outside of root node.':
        message = p.sawRoot ? 'content after the root element' : 'text before the root element'
        break
      // end tags: point at their start
      case 'Unexpected close tag':
        return this.fail(`mismatched end tag: expected </${tag()}>, got </${echo(p.tagName)}>`, p.startTagPosition - 1)
      case 'Unmatched closing tag: ' + p.tagName:
        return this.fail(`unexpected end tag </${echo(p.tagName)}>`, p.startTagPosition - 1)
      case 'Unclosed root tag':
      case 'Unexpected end': {
        const what = inside(p.state)
        return this.fail(
          what !== undefined ? `unexpected end of input in ${what}` : `unclosed element <${tag()}>`,
          this.text.length,
          true
        )
      }
      case 'Invalid character in entity name':
        message = `invalid entity reference "&${echo(p.entity)}"`
        break
      case 'Malformed comment':
        // sax tells at the character after "--": point at the "--"
        return this.fail('"--" is not allowed inside a comment', p.position - 3)
      case 'Unencoded <':
        message = 'a name, "/", "?" or "!" expected after "<"'
        break
      case 'Invalid character in tag name':
        message = 'invalid character in an element name'
        break
      default:
        message = raw.replace(/\.$/, '')
        message = message.charAt(0).toLowerCase() + message.slice(1)
    }
    return this.fail(message, p.position - 1)
  }

  /** sax resolves entities through this object: only the five XML entities and references to XML characters. */
  entities(): Record<string, string> {
    const p = () => this.parser
    // sax asks at the `;`: point at the `&`
    const at = (name: string): number => p().position - 2 - name.length
    return new Proxy(
      {},
      {
        get: (_, name) => {
          if (typeof name !== 'string') return undefined
          if (hasOwn.call(XML_ENTITIES, name)) {
            // a literal `<` in an attribute value is an error, a referenced one is not: keep them apart
            return name === 'lt' && p().state === S_ATTRIB_VALUE_ENTITY_Q ? '\x04' : XML_ENTITIES[name]
          }
          const dec = DEC_REF.test(name)
          if (dec || HEX_REF.test(name)) {
            const n = dec ? parseInt(name.slice(1), 10) : parseInt(name.slice(2), 16)
            if (!isXmlCodePoint(n)) this.fail(`reference to a character not allowed in XML "&${echo(name)};"`, at(name))
            if (p().state === S_ATTRIB_VALUE_ENTITY_Q) {
              if (n <= 13) return n === 9 ? '\x01' : n === 10 ? '\x02' : '\x03'
              if (n === 60) return '\x04'
            }
            return String.fromCodePoint(n)
          }
          const ref = `"&${echo(name)};"`
          return this.fail(
            name.charCodeAt(0) === 35 ? `invalid character reference ${ref}` : `undefined entity ${ref}`,
            at(name)
          )
        }
      }
    ) as Record<string, string>
  }

  attributeHook(): { indexOf: (name: string) => number; length: number } {
    return {
      indexOf: (name) => {
        const p = this.parser
        const n = this.aCount++
        if (n >= this.maxAttributes) this.fail(`too many attributes (limit ${this.maxAttributes})`, p.position - 1)
        let v = p.attribValue
        if (this.aPieces.length > 0) {
          this.aPieces.push(v)
          v = this.aPieces.join('')
          this.aPieces.length = 0
        }
        const kind = attrKind(v)
        if (kind === LT) {
          // point at the first `<` of the value: after its opening quote, the last such quote before this one
          const open = this.text.lastIndexOf(p.q, p.position - 2)
          this.fail(`"<" is not allowed in attribute values (attribute "${echo(name)}")`, this.text.indexOf('<', open))
        }
        this.aName[n] = name
        this.aValue[n] = v
        this.aKind[n] = kind
        return 0
      },
      length: 0
    }
  }

  nameInfo(raw: string): NameInfo {
    let info = this.names.get(raw)
    if (info === undefined) {
      const i = raw.indexOf(':')
      // sax hands over XML Names: a QName needs at most one colon, inside, and a NameStartChar after it
      if (i === -1) info = { prefix: '', local: raw, qn: undefined, key: raw, keyNs: '' }
      else {
        NAME_START_AT.lastIndex = i + 1
        if (i === 0 || raw.indexOf(':', i + 1) !== -1 || !NAME_START_AT.test(raw))
          this.fail(`invalid qualified name "${echo(raw)}"`, this.parser.startTagPosition - 1)
        info = { prefix: raw.slice(0, i), local: raw.slice(i + 1), qn: undefined, key: '', keyNs: undefined }
      }
      if (raw.length <= CACHE_NAME_LIMIT) {
        if (this.names.size >= CACHE_LIMIT) this.names.clear()
        this.names.set(raw, info)
      }
    }
    return info
  }

  resolve(prefix: string, raw: string): string {
    if (prefix === 'xml') return XML_NS
    const uri = this.scope.get(prefix)
    if (uri === undefined) {
      if (prefix === 'xmlns')
        this.fail(`reserved prefix "xmlns" used in "${echo(raw)}"`, this.parser.startTagPosition - 1)
      this.fail(`undeclared prefix "${echo(prefix)}"`, this.parser.startTagPosition - 1)
    }
    return uri
  }

  declare(prefix: string, uri: string): void {
    const p = this.parser
    const at = p.startTagPosition - 1
    if (this.declaredOn.get(prefix) === this.serial)
      this.fail(prefix === '' ? 'duplicate attribute "xmlns"' : `duplicate attribute "xmlns:${echo(prefix)}"`, at)
    this.declaredOn.set(prefix, this.serial)
    if (prefix === 'xml') {
      if (uri !== XML_NS) this.fail(`prefix "xml" must be bound to ${XML_NS}`, at)
      return
    }
    if (prefix === 'xmlns') this.fail('prefix "xmlns" must not be declared', at)
    if (uri === XML_NS || uri === XMLNS_NS) this.fail(`namespace ${uri} must not be declared`, at)
    if (prefix === '') this.defaultNs = uri
    else {
      if (uri === '') this.fail(`prefix "${echo(prefix)}" cannot be undeclared`, at)
      this.undoPrefix.push(prefix)
      this.undoUri.push(this.scope.get(prefix))
      this.scope.set(prefix, uri)
    }
  }

  /** Moves the pending text onto the node stack, as a text node or, when only white space, as a string. */
  flushText(d: number): void {
    const s = this.pending
    this.pending = ''
    if (isWhitespace(s)) {
      this.nodes[this.top++] = s
      this.sWs[d] = true
    } else {
      this.nodes[this.top++] = { _tag: 'Text', value: s }
      this.sMixed[d] = true
    }
  }

  open(raw: string): void {
    const p = this.parser
    const d = this.depth
    if (d === 0 && this.root !== undefined) this.fail('content after the root element', p.startTagPosition - 1)
    if (d >= this.maxDepth) this.fail(`maximum depth ${this.maxDepth} exceeded`, p.startTagPosition - 1)
    if (d > 0 && this.pending !== '') this.flushText(d - 1)
    this.sUndo[d] = this.undoPrefix.length
    this.sDefault[d] = this.defaultNs
    let preserve = d > 0 && this.sPreserve[d - 1]
    const n = this.aCount
    const names = this.aName
    const values = this.aValue
    const kinds = this.aKind
    let plain = n
    let decls: Array<NsDecl> | undefined
    if (n > 0) {
      this.serial++
      for (let i = 0; i < n; i++) {
        const a = names[i]
        if (a.charCodeAt(0) === 120 && a.startsWith('xmlns') && (a.length === 5 || a.charCodeAt(5) === 58)) {
          plain--
          const prefix = a.length === 5 ? '' : this.nameInfo(a).local
          const v = kinds[i] === FIX ? values[i].replace(ATTR_FIX, fixAttr) : values[i]
          this.declare(prefix, v)
          if (decls === undefined) decls = []
          decls.push({ prefix, uri: v })
        }
      }
    }
    const info = this.nameInfo(raw)
    const ns = info.prefix === '' ? this.defaultNs : this.resolve(info.prefix, raw)
    let qn = info.qn
    if (qn === undefined || qn.ns !== ns) {
      const k = ns + '}' + info.local
      qn = this.qnames.get(k)
      if (qn === undefined) {
        qn = Object.freeze({ ns, local: info.local })
        if (k.length <= CACHE_NAME_LIMIT) {
          if (this.qnames.size >= CACHE_LIMIT) this.qnames.clear()
          this.qnames.set(k, qn)
        }
      }
      info.qn = qn
    }
    let attrs: Readonly<Record<string, string>> = EMPTY_ATTRS
    if (plain > 0) {
      const out: Record<string, string> = {}
      for (let i = 0; i < n; i++) {
        const a = names[i]
        if (a.charCodeAt(0) === 120 && a.startsWith('xmlns') && (a.length === 5 || a.charCodeAt(5) === 58)) continue
        let v = values[i]
        if (kinds[i] === FIX) v = v.replace(ATTR_FIX, fixAttr)
        let key = a
        if (a.indexOf(':') !== -1) {
          const ai = this.nameInfo(a)
          const uri = this.resolve(ai.prefix, a)
          if (ai.keyNs !== uri) {
            ai.key = '{' + uri + '}' + ai.local
            ai.keyNs = uri
          }
          key = ai.key
          if (uri === XML_NS && ai.local === 'space') preserve = v === 'preserve' || (v !== 'default' && preserve)
        }
        if (plain > 1 && hasOwn.call(out, key)) this.fail(`duplicate attribute "${echo(a)}"`, p.startTagPosition - 1)
        if (key === '__proto__')
          Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
        else out[key] = v
      }
      attrs = out
    }
    this.aCount = 0
    this.sName[d] = qn
    this.sAttrs[d] = attrs
    this.sNs[d] = decls
    this.sStart[d] = this.top
    this.sWs[d] = false
    this.sMixed[d] = false
    this.sPreserve[d] = preserve
    this.depth = d + 1
  }

  close(): void {
    const d = --this.depth
    const start = this.sStart[d]
    let children: ReadonlyArray<Node>
    if (start === this.top) {
      // no element child: the text, even white space only, is kept
      children = this.pending === '' ? EMPTY_CHILDREN : [{ _tag: 'Text', value: this.pending }]
      this.pending = ''
    } else {
      if (this.pending !== '') this.flushText(d)
      const nodes = this.nodes
      let top = this.top
      if (this.sWs[d]) {
        if (this.sMixed[d] || this.sPreserve[d]) {
          // mixed content, or white space to preserve: every run is content
          for (let i = start; i < top; i++) {
            const c = nodes[i]
            if (typeof c === 'string') nodes[i] = { _tag: 'Text', value: c }
          }
        } else {
          // element-only content: the white space between the children is indentation
          let w = start
          for (let i = start; i < top; i++) {
            const c = nodes[i]
            if (typeof c !== 'string') nodes[w++] = c
          }
          top = w
        }
      }
      children = nodes.slice(start, top) as Array<Node>
      this.top = start
    }
    const ns = this.sNs[d]
    const el: Element =
      ns === undefined
        ? { _tag: 'Element', name: this.sName[d], attrs: this.sAttrs[d], children }
        : { _tag: 'Element', name: this.sName[d], attrs: this.sAttrs[d], children, namespaces: ns }
    this.defaultNs = this.sDefault[d]
    const mark = this.sUndo[d]
    while (this.undoPrefix.length > mark) {
      const prefix = this.undoPrefix.pop() as string
      const uri = this.undoUri.pop()
      if (uri === undefined) this.scope.delete(prefix)
      else this.scope.set(prefix, uri)
    }
    if (d === 0) this.root = el
    else this.nodes[this.top++] = el
  }

  // ---------------------------------------------------------------------------------------------------------------
  // what sax does not check: the text is written up to each place where sax's state tells whether the text there is
  // markup, and checked there (the places are found by native string searches, almost never in a payload)
  // ---------------------------------------------------------------------------------------------------------------

  /** Where the next write must stop: the smallest of the places still ahead. */
  nextStop(): number {
    let s = this.nextLt + this.ltLength - 1
    if (this.nextPi + 2 < s) s = this.nextPi + 2
    if (this.nextBang + 2 < s) s = this.nextBang + 2
    if (this.nextCdEnd < s) s = this.nextCdEnd
    if (this.nextQq + 1 < s) s = this.nextQq + 1
    return s
  }

  findLt(from: number): void {
    LT_SPACE.lastIndex = from
    const m = LT_SPACE.exec(this.text)
    this.nextLt = m === null ? Infinity : m.index
    this.ltLength = m === null ? 0 : m[0].length
  }

  static find(text: string, what: string, from: number): number {
    const i = text.indexOf(what, from)
    return i === -1 ? Infinity : i
  }

  /** Checks the text at `pos` (everything before it has been written); returns where writing goes on. */
  check(pos: number): number {
    const p = this.parser
    const text = this.text
    if (this.nextLt + this.ltLength - 1 <= pos) {
      const o = this.nextLt
      if (this.ltLength === 2 ? p.state === S_OPEN_WAKA : p.state === S_CLOSE_TAG && p.tagName === '')
        this.fail(`white space is not allowed after "${this.ltLength === 2 ? '<' : '</'}"`, o, true)
      this.findLt(o + 1)
    }
    if (this.nextPi + 2 <= pos) {
      if (p.state === S_PROC_INST) this.checkPI(this.nextPi)
      this.nextPi = Builder.find(text, '<?', pos)
    }
    if (this.nextBang + 2 <= pos) {
      if (p.state === S_SGML_DECL) this.checkBang(this.nextBang)
      this.nextBang = Builder.find(text, '<!', pos)
    }
    if (this.nextCdEnd <= pos) {
      if (p.state === S_TEXT && this.depth > 0) this.fail('"]]>" is not allowed in character data', pos, true)
      this.nextCdEnd = Builder.find(text, ']]>', pos + 1)
    }
    if (this.nextQq + 1 <= pos) {
      // sax ends a processing instruction at `?>` only when the `?` follows a character other than `?`: after the
      // first `?` of `??`, the first is content and the second may end the instruction
      const o = this.nextQq
      if (p.state === S_PROC_INST_ENDING && o + 1 === pos) {
        p.procInstBody += '?'
        if (this.positions) {
          p.position++
          p.column++
        }
        pos++
      }
      this.nextQq = Builder.find(text, '??', o + 1)
    }
    return pos
  }

  /** A processing instruction starting at `o`: its target, and the XML declaration. */
  checkPI(o: number): void {
    const text = this.text
    let j = o + 2
    while (j < text.length) {
      const c = text.charCodeAt(j)
      if (c === 63 /* ? */ || isS(c)) break
      j++
    }
    // the text ends in the target: sax tells that the input ended
    if (j === text.length) return
    const target = text.slice(o + 2, j)
    if (target === '') this.fail('processing instruction without a target', o + 2, true)
    if (!NCNAME_RE.test(target)) this.fail(`invalid processing instruction target "${echo(target)}"`, o + 2, true)
    if (target.length === 3 && target.toLowerCase() === 'xml') {
      if (target !== 'xml') this.fail(`reserved processing instruction target "${target}"`, o + 2, true)
      if (o !== 0) this.fail('XML declaration allowed only at the start of the document', o, true)
      const d = readDeclaration(text)
      if (isProblem(d)) this.fail(d.message, d.offset, true)
    }
    if (text.charCodeAt(j) === 63 && j + 1 < text.length && text.charCodeAt(j + 1) !== 62 /* > */)
      this.fail(`white space expected after the processing instruction target "${echo(target)}"`, j, true)
  }

  /** Markup starting with `<!` at `o`: only comments and CDATA sections (DOCTYPEs are refused). */
  checkBang(o: number): void {
    const text = this.text
    const rest = text.slice(o + 2, o + 9)
    // a comment, or the text ends in the start of one or of a CDATA section (sax tells that the input ended)
    if (rest.startsWith('--')) return
    if (o + 2 + rest.length === text.length && ('-'.startsWith(rest) || '[CDATA'.startsWith(rest))) return
    if (text.startsWith('[CDATA[', o + 2)) {
      if (this.depth === 0)
        this.fail(this.root === undefined ? 'text before the root element' : 'content after the root element', o, true)
      return
    }
    if (/^DOCTYPE/i.test(text.slice(o + 2, o + 9))) this.fail('DOCTYPE is not allowed', o, true)
    const m = /^<![^\s>]*/.exec(text.slice(o, o + 42)) as RegExpExecArray
    this.fail(`invalid markup "${echo(m[0])}": only comments and CDATA sections start with "<!"`, o, true)
  }

  /**
   * Between chunks, at `pos`: sax builds comments, processing instructions, names and attribute values one character
   * at a time, as strings of many pieces (about 32 bytes per character). Drop what we do not keep (comments and
   * processing instructions), take out the text and attribute value read so far as flat strings, and read a name
   * that goes on past the chunk at once, from the text (sax then carries on after it). Returns where writing goes on.
   */
  maintain(pos: number): number {
    const p = this.parser
    const s = p.state
    this.skipped = 0
    if (s === S_COMMENT || s === S_COMMENT_ENDING || s === S_COMMENT_ENDED) p.comment = ''
    else if (s === S_PROC_INST) p.procInstName = ''
    else if (s === S_PROC_INST_BODY || s === S_PROC_INST_ENDING) p.procInstBody = ''
    else if ((s === S_ATTRIB_VALUE_QUOTED || s === S_ATTRIB_VALUE_ENTITY_Q) && p.attribValue !== '') {
      flatten(p.attribValue)
      this.aPieces.push(p.attribValue)
      p.attribValue = ''
    }
    if (p.textNode !== '' || p.cdata !== '') {
      flatten(p.textNode)
      flatten(p.cdata)
      p.flush()
    }
    // the name sax is reading is the text just before `pos` (our checks refuse white space after "<" and "</")
    if (s === S_OPEN_TAG || s === S_CLOSE_TAG) p.tagName = this.readOn(p.tagName, pos, NAME_RUN)
    else if (s === S_ATTRIB_NAME) p.attribName = this.readOn(p.attribName, pos, NAME_RUN)
    else if (s === S_TEXT_ENTITY || s === S_ATTRIB_VALUE_ENTITY_Q) p.entity = this.readOn(p.entity, pos, ENTITY_RUN)
    return pos + this.skipped
  }

  /** A name of which sax has read `sofar`, up to `pos`, read on to its end (`skipped` tells how far). */
  readOn(sofar: string, pos: number, run: RegExp): string {
    this.skipped = 0
    if (sofar === '') return sofar
    run.lastIndex = pos
    run.test(this.text)
    const end = run.lastIndex
    this.skipped = end - pos
    if (this.positions) {
      // names hold no line feed
      this.parser.position += end - pos
      this.parser.column += end - pos
    }
    return this.text.slice(pos - sofar.length, end)
  }

  run(): void {
    const p = this.parser
    const text = this.text
    const n = text.length
    try {
      this.findLt(0)
      // a processing instruction at the very start (the XML declaration, mostly) is markup: check it before writing,
      // so that a document without other places to look at is written at once
      if (text.charCodeAt(0) === 60 && text.charCodeAt(1) === 63) this.checkPI(0)
      this.nextPi = Builder.find(text, '<?', 1)
      this.nextBang = Builder.find(text, '<!', 0)
      this.nextCdEnd = Builder.find(text, ']]>', 0)
      this.nextQq = Builder.find(text, '??', 0)
      let stop = this.nextStop()
      if (n <= CHUNK && stop >= n) p.write(text)
      else {
        let pos = 0
        let chunkEnd = CHUNK
        while (pos < n) {
          const end = Math.min(stop, chunkEnd, n)
          if (end > pos) {
            p.write(text.slice(pos, end))
            pos = end
          }
          if (pos >= stop) {
            pos = this.check(pos)
            stop = this.nextStop()
          }
          if (pos >= chunkEnd) {
            pos = this.maintain(pos)
            chunkEnd = pos + CHUNK
          }
        }
      }
      p.close()
    } catch (e) {
      if (e !== ABORT && this.error === undefined)
        this.error = {
          message: `internal parser error: ${String(e instanceof Error ? e.message : e)}`,
          offset: p.position - 1,
          exact: false
        }
    }
    if (this.error === undefined && this.root === undefined)
      this.error = { message: 'no root element', offset: text.length, exact: true }
  }
}

/**
 * Parses an XML document (a string, or bytes in UTF-8, UTF-16, ISO-8859-1 or US-ASCII) into its root element. Never
 * throws.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (input: string | Uint8Array, options?: ParseOptions): Either<ParseError, Element> => {
  const maxDepth = options?.maxDepth ?? defaults.maxDepth
  const maxBytes = options?.maxBytes ?? defaults.maxBytes
  const maxAttributes = options?.maxAttributes ?? defaults.maxAttributes
  try {
    let text: string
    if (typeof input === 'string') {
      // a UTF-16 unit takes at most 3 bytes in UTF-8: count only when that bound exceeds the limit
      if (input.length * 3 > maxBytes) {
        const size = utf8Length(input)
        if (size > maxBytes) return left(tooLarge(size, maxBytes))
      }
      text = input
    } else {
      const d = decode(input, maxBytes)
      if (typeof d !== 'string') return left(d)
      text = d
    }
    // one byte order mark is the encoding's signature; a second one is text before the root element
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    if (text.charCodeAt(0) === 0xfeff)
      return left(parseError('text before the root element (a second byte order mark)', 1, 1))
    // XML 1.0 §2.11: CRLF and lone CR are read as LF
    if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n')
    const bad = firstBadChar(text)
    if (bad !== -1)
      return left(errorAt(text, `character ${hex(text.codePointAt(bad) as number)} is not allowed in XML`, bad))
    // positions are not tracked on the first pass (it costs about a third of sax's time); a document that fails
    // where only sax knows the position is parsed again with positions, which stops at the same place and tells where
    const b = new Builder(text, maxDepth, maxAttributes, false)
    b.run()
    if (b.error === undefined) return right(b.root as Element)
    let e = b.error
    if (!e.exact) {
      const again = new Builder(text, maxDepth, maxAttributes, true)
      again.run()
      e = again.error ?? e
    }
    return left(Number.isFinite(e.offset) ? errorAt(text, e.message, e.offset) : parseError(e.message, 1, 1))
  } catch (e) {
    return left(parseError(`internal parser error: ${String(e instanceof Error ? e.message : e)}`, 1, 1))
  }
}
