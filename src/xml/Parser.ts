/**
 * A hardened, namespace-resolving XML 1.0 parser from text to the {@link Ast} model, built on `sax` in strict mode.
 *
 * Namespaces are resolved by our own builder (Namespaces in XML 1.0 §5 and §6): sax runs with `xmlns: false`, and
 * every prefix, the default namespace, `xmlns=""` and the predefined `xml` prefix are handled here. The parser refuses
 * any DOCTYPE (so no DTD, no custom entities: no XXE, no entity expansion), accepts only the five predefined entities
 * and character references to XML characters, enforces limits on size, depth and attribute count, and never throws:
 * every failure is a {@link ParseError} with a 1-based line and column (positions are tracked only when a document
 * fails: it is then read a second time, which stops at the same place).
 *
 * Line ends are normalised (XML 1.0 §2.11) and literal tabs and line feeds in attribute values become spaces
 * (§3.3.3), while character references such as `&#10;` keep their character.
 *
 * @since 0.1.0
 */
import type { Either } from 'fp-ts/lib/Either.js'
import { left, right } from 'fp-ts/lib/Either.js'
import sax from 'sax'
import type { Element, NsDecl, Node, QName } from './Ast.js'
import { XML_NS, XMLNS_NS } from './Ast.js'

// Measured on node 20 (docs/s, best of 5 interleaved rounds, CPU time; baseline: sax strict with no handlers):
//   ~15 KB namespaced document:       xmlns:true + builder 0.42x of baseline, own builder (xmlns:false) 0.72x
//   ~1.2 MB, 20,000 items (47k elts):  xmlns:true + builder 0.43x,             own builder              0.66x
// so our own namespace resolution is 1.5-1.7x faster than sax's (which also allocates a prototype chain per declaring
// element and looks attribute duplicates up in an array, quadratic in the attribute count). Not tracking positions
// on the first pass is worth about a third of sax's time.

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
  /** Maximum input size in bytes (a string counts 2 bytes per UTF-16 unit). Default 16 MiB. */
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

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

const CHUNK = 64 * 1024
const ABORT = { abort: true }
const hasOwn = Object.prototype.hasOwnProperty
/** Shared by every element without attributes or children (the AST is immutable). */
const EMPTY_ATTRS: Readonly<Record<string, string>> = Object.freeze({})
const EMPTY_CHILDREN: ReadonlyArray<Node> = Object.freeze([])

/** Characters outside the XML 1.0 `Char` production (lone surrogates included). */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
/** Same, without lone surrogates: the fast first check. */
const NOT_XML_BMP_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const DEC_REF = /^#[0-9]+$/
const HEX_REF = /^#x[0-9a-fA-F]+$/
/** Attribute-value characters that need normalisation: literal TAB / LF, or placeholders for `&#9;` `&#10;` `&#13;`. */
/** Whether an attribute value has a literal TAB / LF, or a placeholder for `&#9;` `&#10;` `&#13;` (a loop: faster than a
 * regular expression on the short values attributes have). */
const needsAttrFix = (v: string): boolean => {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i)
    if (c < 11 && (c === 9 || c === 10 || (c >= 1 && c <= 3))) return true
  }
  return false
}
const ATTR_FIX = /[\t\n\x01\x02\x03]/g
const ATTR_FIX_MAP: Readonly<Record<string, string>> = {
  '\t': ' ',
  '\n': ' ',
  '\x01': '\t',
  '\x02': '\n',
  '\x03': '\r'
}
const fixAttr = (c: string): string => ATTR_FIX_MAP[c]

const isXmlCodePoint = (n: number): boolean =>
  n === 0x9 ||
  n === 0xa ||
  n === 0xd ||
  (n >= 0x20 && n <= 0xd7ff) ||
  (n >= 0xe000 && n <= 0xfffd) ||
  (n >= 0x10000 && n <= 0x10ffff)

const isWhitespace = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false
  }
  return true
}

const hex = (n: number): string => 'U+' + n.toString(16).toUpperCase().padStart(4, '0')

/** The offset of the first character not allowed in XML 1.0, or -1. */
const firstBadChar = (text: string): number => {
  const m = NOT_XML_BMP_CHAR.exec(text)
  const wellFormed = (text as { isWellFormed?: () => boolean }).isWellFormed
  if (m === null && wellFormed !== undefined && wellFormed.call(text)) return -1
  const m2 = NOT_XML_CHAR.exec(text)
  return m2 === null ? -1 : m2.index
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
  startTagPosition: number
  state: number
  entity: string
  tagName: string
  doctype: string | boolean
  sawRoot: boolean
  attribValue: string
  bufferCheckPosition: number
  tags: Array<{ readonly name: string }>
}

const ATTRIB_VALUE_ENTITY_Q: number = (sax as unknown as { STATE: Record<string, number> }).STATE.ATTRIB_VALUE_ENTITY_Q

// Caches shared by all parses (names recur across the documents of one application): raw names to their parts, and
// expanded names to one QName object each. Both are bounded: cleared when they grow past a limit, so that documents
// full of distinct names cannot make them grow without end.
const CACHE_LIMIT = 4096
const NAMES = new Map<string, NameInfo>()
const QNAMES = new Map<string, QName>()

/** Builds the tree from sax events; one instance per parse. */
class Builder {
  readonly parser: SaxParser
  error: { message: string; offset: number } | undefined = undefined
  root: Element | undefined = undefined

  // open elements (parallel arrays indexed by depth, no per-element frame objects); the children of all open
  // elements live on one node stack and are sliced off into an exact-size array when their element closes
  depth = 0
  readonly sName: Array<QName> = []
  readonly sAttrs: Array<Readonly<Record<string, string>>> = []
  readonly sStart: Array<number> = []
  readonly sHasElem: Array<boolean> = []
  readonly sUndo: Array<number> = []
  readonly sDefault: Array<string> = []
  readonly nodes: Array<Node> = []
  top = 0
  pending = ''
  sawPI = false

  // namespace scope: the default namespace, prefix bindings and an undo log
  defaultNs = ''
  readonly scope = new Map<string, string>()
  readonly undoPrefix: Array<string> = []
  readonly undoUri: Array<string | undefined> = []
  readonly declaredOn = new Map<string, number>()
  serial = 0
  readonly hints: Array<NsDecl> = []
  readonly hinted = new Set<string>()

  // attributes of the start tag being read
  readonly aName: Array<string> = []
  readonly aValue: Array<string> = []
  aCount = 0

  readonly names = NAMES
  readonly qnames = QNAMES

  constructor(
    readonly text: string,
    readonly maxDepth: number,
    readonly maxAttributes: number,
    positions: boolean
  ) {
    const p = sax.parser(true, { xmlns: false, position: positions }) as SaxParser
    this.parser = p
    // our limits bound memory; sax's own 64 KiB buffer check would reject long attribute values and CDATA sections
    p.bufferCheckPosition = Infinity
    p.ENTITIES = this.entities()
    // sax asks `attribList.indexOf(name)` for every attribute once its value is read (in non-xmlns mode the list
    // is otherwise unused): this is where attributes are collected, in document order and before sax drops duplicates
    ;(p as unknown as { attribList: unknown }).attribList = this.attributeHook()
    p.onopentag = (tag) => this.open(tag.name)
    p.onclosetag = () => this.close()
    p.ontext = (t) => {
      if (this.depth > 0) this.pending += t
    }
    p.oncdata = (t) => {
      if (this.depth === 0)
        this.fail(
          this.root === undefined ? 'text before the root element' : 'content after the root element',
          p.position - 1
        )
      this.pending += t
    }
    p.onprocessinginstruction = (pi) => {
      if (p.doctype) this.failDoctype()
      // the declaration is valid only as the very first thing: the first processing instruction, and the text starts
      // with it
      const first = !this.sawPI
      this.sawPI = true
      if (pi.name.toLowerCase() === 'xml' && !(first && pi.name === 'xml' && this.text.startsWith('<?xml')))
        this.fail('XML declaration allowed only at the start of the document', p.startTagPosition - 1)
    }
    p.ondoctype = () => this.failDoctype()
    p.onerror = (e) => this.saxError(e)
  }

  fail(message: string, offset: number): never {
    if (this.error === undefined) this.error = { message, offset }
    throw ABORT
  }

  failDoctype(): never {
    const m = /<!DOCTYPE/i.exec(this.text)
    return this.fail('DOCTYPE is not allowed', m === null ? this.parser.position - 1 : m.index)
  }

  saxError(e: Error): never {
    const p = this.parser
    if (p.doctype) this.failDoctype()
    const raw = e.message.split('\n', 1)[0]
    let message: string
    switch (raw) {
      case 'Non-whitespace before first tag.':
        message = 'text before the root element'
        break
      case 'Text data outside of root node.':
        message = p.sawRoot ? 'content after the root element' : 'text before the root element'
        break
      case 'Unexpected close tag':
        message = `mismatched end tag: expected </${this.parser.tags[this.parser.tags.length - 1]?.name ?? ''}>, got </${p.tagName}>`
        break
      case 'Unmatched closing tag: ' + p.tagName:
        message = `unexpected end tag </${p.tagName}>`
        break
      case 'Unclosed root tag':
        message = `unclosed element <${this.parser.tags[this.parser.tags.length - 1]?.name ?? ''}>`
        break
      case 'Unexpected end':
        message = 'unexpected end of input'
        break
      case 'Invalid character in entity name':
        message = `invalid entity reference "&${p.entity}"`
        break
      default:
        message = raw.replace(/\.$/, '')
        message = message.charAt(0).toLowerCase() + message.slice(1)
    }
    const atEnd = raw === 'Unclosed root tag' || raw === 'Unexpected end'
    return this.fail(message, atEnd ? this.text.length : p.position - 1)
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
          if (hasOwn.call(XML_ENTITIES, name)) return XML_ENTITIES[name]
          const dec = DEC_REF.test(name)
          if (dec || HEX_REF.test(name)) {
            const n = dec ? parseInt(name.slice(1), 10) : parseInt(name.slice(2), 16)
            if (!isXmlCodePoint(n)) this.fail(`reference to a character not allowed in XML "&${name};"`, at(name))
            // in attribute values, referenced TAB/LF/CR must survive normalisation: use placeholders that cannot occur
            // in the (already checked) input, and swap them back in `open`
            if (n <= 13 && p().state === ATTRIB_VALUE_ENTITY_Q) return n === 9 ? '\x01' : n === 10 ? '\x02' : '\x03'
            return String.fromCodePoint(n)
          }
          return this.fail(
            name.charCodeAt(0) === 35 ? `invalid character reference "&${name};"` : `undefined entity "&${name};"`,
            at(name)
          )
        }
      }
    ) as Record<string, string>
  }

  attributeHook(): { indexOf: (name: string) => number; length: number } {
    return {
      indexOf: (name) => {
        const n = this.aCount++
        if (n >= this.maxAttributes)
          this.fail(`too many attributes (limit ${this.maxAttributes})`, this.parser.position - 1)
        this.aName[n] = name
        this.aValue[n] = this.parser.attribValue
        return -1
      },
      length: 0
    }
  }

  nameInfo(raw: string): NameInfo {
    let info = this.names.get(raw)
    if (info === undefined) {
      const i = raw.indexOf(':')
      if (i === -1) info = { prefix: '', local: raw, qn: undefined, key: raw, keyNs: '' }
      else {
        if (i === 0 || i === raw.length - 1 || raw.indexOf(':', i + 1) !== -1)
          this.fail(`invalid qualified name "${raw}"`, this.parser.startTagPosition - 1)
        info = { prefix: raw.slice(0, i), local: raw.slice(i + 1), qn: undefined, key: '', keyNs: undefined }
      }
      if (this.names.size >= CACHE_LIMIT) this.names.clear()
      this.names.set(raw, info)
    }
    return info
  }

  resolve(prefix: string, raw: string): string {
    if (prefix === 'xml') return XML_NS
    const uri = this.scope.get(prefix)
    if (uri === undefined) {
      if (prefix === 'xmlns') this.fail(`reserved prefix "xmlns" used in "${raw}"`, this.parser.startTagPosition - 1)
      this.fail(`undeclared prefix "${prefix}"`, this.parser.startTagPosition - 1)
    }
    return uri
  }

  declare(prefix: string, uri: string): void {
    const p = this.parser
    const at = p.startTagPosition - 1
    if (this.declaredOn.get(prefix) === this.serial)
      this.fail(prefix === '' ? 'duplicate attribute "xmlns"' : `duplicate attribute "xmlns:${prefix}"`, at)
    this.declaredOn.set(prefix, this.serial)
    if (prefix === 'xml') {
      if (uri !== XML_NS) this.fail(`prefix "xml" must be bound to ${XML_NS}`, at)
      return
    }
    if (prefix === 'xmlns') this.fail('prefix "xmlns" must not be declared', at)
    if (uri === XML_NS || uri === XMLNS_NS) this.fail(`namespace ${uri} must not be declared`, at)
    if (prefix === '') this.defaultNs = uri
    else {
      if (uri === '') this.fail(`prefix "${prefix}" cannot be undeclared`, at)
      this.undoPrefix.push(prefix)
      this.undoUri.push(this.scope.get(prefix))
      this.scope.set(prefix, uri)
    }
    if (uri !== '' && !this.hinted.has(uri)) {
      this.hinted.add(uri)
      this.hints.push({ prefix, uri })
    }
  }

  open(raw: string): void {
    const p = this.parser
    const d = this.depth
    if (p.doctype) this.failDoctype()
    if (d === 0 && this.root !== undefined) this.fail('content after the root element', p.startTagPosition - 1)
    if (d >= this.maxDepth) this.fail(`maximum depth ${this.maxDepth} exceeded`, p.startTagPosition - 1)
    // text before a child element is adjacent to an element: drop it when whitespace only
    if (d > 0) {
      if (this.pending !== '') {
        if (!isWhitespace(this.pending)) this.nodes[this.top++] = { _tag: 'Text', value: this.pending }
        this.pending = ''
      }
      this.sHasElem[d - 1] = true
    }
    this.sUndo[d] = this.undoPrefix.length
    this.sDefault[d] = this.defaultNs
    const n = this.aCount
    const names = this.aName
    const values = this.aValue
    let plain = n
    if (n > 0) {
      this.serial++
      for (let i = 0; i < n; i++) {
        const a = names[i]
        if (a.charCodeAt(0) === 120 && a.startsWith('xmlns') && (a.length === 5 || a.charCodeAt(5) === 58)) {
          plain--
          const v = values[i]
          this.declare(a.length === 5 ? '' : a.slice(6), needsAttrFix(v) ? v.replace(ATTR_FIX, fixAttr) : v)
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
        if (this.qnames.size >= CACHE_LIMIT) this.qnames.clear()
        this.qnames.set(k, qn)
      }
      info.qn = qn
    }
    let attrs: Readonly<Record<string, string>> = EMPTY_ATTRS
    if (plain > 0) {
      const out: Record<string, string> = {}
      for (let i = 0; i < n; i++) {
        const a = names[i]
        if (a.charCodeAt(0) === 120 && a.startsWith('xmlns') && (a.length === 5 || a.charCodeAt(5) === 58)) continue
        let key = a
        if (a.indexOf(':') !== -1) {
          const ai = this.nameInfo(a)
          const uri = this.resolve(ai.prefix, a)
          if (ai.keyNs !== uri) {
            ai.key = '{' + uri + '}' + ai.local
            ai.keyNs = uri
          }
          key = ai.key
        }
        let v = values[i]
        if (needsAttrFix(v)) v = v.replace(ATTR_FIX, fixAttr)
        if (plain > 1 && hasOwn.call(out, key)) this.fail(`duplicate attribute "${a}"`, p.startTagPosition - 1)
        if (key === '__proto__')
          Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true })
        else out[key] = v
      }
      attrs = out
    }
    this.aCount = 0
    this.sName[d] = qn
    this.sAttrs[d] = attrs
    this.sStart[d] = this.top
    this.sHasElem[d] = false
    this.depth = d + 1
  }

  close(): void {
    const d = --this.depth
    const start = this.sStart[d]
    let children: ReadonlyArray<Node>
    if (start === this.top) {
      // no element child: the text, even whitespace only, is kept
      children = this.pending === '' ? EMPTY_CHILDREN : [{ _tag: 'Text', value: this.pending }]
    } else {
      if (this.pending !== '' && !isWhitespace(this.pending))
        this.nodes[this.top++] = { _tag: 'Text', value: this.pending }
      children = this.nodes.slice(start, this.top)
      this.top = start
    }
    this.pending = ''
    const el: Element = { _tag: 'Element', name: this.sName[d], attrs: this.sAttrs[d], children }
    this.defaultNs = this.sDefault[d]
    const mark = this.sUndo[d]
    while (this.undoPrefix.length > mark) {
      const prefix = this.undoPrefix.pop() as string
      const uri = this.undoUri.pop()
      if (uri === undefined) this.scope.delete(prefix)
      else this.scope.set(prefix, uri)
    }
    if (d === 0)
      this.root =
        this.hints.length > 0 ? { _tag: 'Element', name: el.name, attrs: el.attrs, children, nsHints: this.hints } : el
    else this.nodes[this.top++] = el
  }

  run(): void {
    const p = this.parser
    const text = this.text
    try {
      if (text.length <= CHUNK) p.write(text)
      else for (let i = 0; i < text.length && this.error === undefined; i += CHUNK) p.write(text.slice(i, i + CHUNK))
      if (this.error === undefined) p.close()
    } catch (e) {
      if (e !== ABORT && this.error === undefined)
        this.error = {
          message: `internal parser error: ${String(e instanceof Error ? e.message : e)}`,
          offset: p.position - 1
        }
    }
    if (this.error === undefined && this.root === undefined)
      this.error = { message: 'no root element', offset: text.length }
  }
}

const decoderFatal = (): TextDecoder => new TextDecoder('utf-8', { fatal: true })

/**
 * Parses an XML document (a string, or UTF-8 bytes) into its root element. Never throws.
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (input: string | Uint8Array, options?: ParseOptions): Either<ParseError, Element> => {
  const maxDepth = options?.maxDepth ?? defaults.maxDepth
  const maxBytes = options?.maxBytes ?? defaults.maxBytes
  const maxAttributes = options?.maxAttributes ?? defaults.maxAttributes
  let text: string
  if (typeof input === 'string') {
    if (input.length * 2 > maxBytes)
      return left(parseError(`input too large: ${input.length * 2} bytes exceed the limit of ${maxBytes}`, 1, 1))
    text = input
  } else {
    if (input.byteLength > maxBytes)
      return left(parseError(`input too large: ${input.byteLength} bytes exceed the limit of ${maxBytes}`, 1, 1))
    try {
      text = decoderFatal().decode(input) // a leading UTF-8 BOM is consumed by the decoder
    } catch {
      return left(parseError('invalid UTF-8', 1, 1))
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  // XML 1.0 §2.11: CRLF and lone CR are read as LF
  if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n')
  const bad = firstBadChar(text)
  if (bad !== -1) {
    const { line, column } = locate(text, bad)
    return left(parseError(`character ${hex(text.codePointAt(bad) as number)} is not allowed in XML`, line, column))
  }
  try {
    // positions are not tracked on the first pass (it costs about a third of sax's time); a document that fails is
    // parsed again with positions, which stops at the same place and tells where
    const b = new Builder(text, maxDepth, maxAttributes, false)
    b.run()
    if (b.error === undefined) return right(b.root as Element)
    const again = new Builder(text, maxDepth, maxAttributes, true)
    again.run()
    const e = again.error ?? b.error
    const { line, column } = Number.isFinite(e.offset) ? locate(text, e.offset) : { line: 1, column: 1 }
    return left(parseError(e.message, line, column))
  } catch (e) {
    return left(parseError(`internal parser error: ${String(e instanceof Error ? e.message : e)}`, 1, 1))
  }
}
