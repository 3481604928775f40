/**
 * Document codecs: a payload's wire form to a value and back, whatever the wire form (XML through the AST, a text
 * format such as message-summary, a MIME multipart body), with its format id and media type. Every document codec has
 * the same limits, honoured the same way in strict and lenient mode; errors come back as values, and no input makes a
 * decoder throw.
 *
 * @since 0.1.0
 */
import * as E from '#fp-ts/Either'
import type * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { defaults as parseDefaults, parse, type ParseOptions } from '../xml/Parser.js'
import { print } from '../xml/Printer.js'
import { canonical as canonicalXml } from '../xml/Canonical.js'
import type { XmlCodec } from './Codec.js'
import { problems, report, show, type Dropped, type Problem } from './DecodeError.js'
import { validateDocument } from './Lenient.js'
import type { MediaType } from './MediaType.js'
import type { ApplicationUsage } from '../xcap/ApplicationUsage.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Options for decoding: the limits (for every wire form; `maxDepth` and `maxAttributes` only apply to XML), and the
 * media type the body came with, parameters included (a multipart body needs its `boundary`).
 *
 * @category model
 * @since 0.1.0
 */
export interface DecodeOptions extends ParseOptions {
  readonly contentType?: MediaType
}

/**
 * Options for encoding.
 *
 * @category model
 * @since 0.1.0
 */
export interface EncodeOptions {
  /** Indent the output (XML formats). */
  readonly pretty?: boolean
}

/**
 * A lenient decode: the value, what was dropped on the way, and what was accepted although the schema forbids it
 * (children out of the schema's order, kept where they were). Both lists are empty for a valid document.
 *
 * @category model
 * @since 0.1.0
 */
export interface Lenient<A> {
  readonly value: A
  readonly dropped: ReadonlyArray<Dropped>
  readonly warnings: ReadonlyArray<Problem>
}

/**
 * A document codec.
 *
 * @category model
 * @since 0.1.0
 */
export interface DocumentCodec<A> {
  /** The format id (the corpus folder name), e.g. `pidf`. */
  readonly id: string
  /** The MIME content type, e.g. `application/pidf+xml`. */
  readonly contentType: string
  /** The file extension of documents, without the dot (`xml`, `txt`). */
  readonly fileExtension: string
  /** A human name with the spec, e.g. `PIDF (RFC 3863)`. */
  readonly title: string
  readonly is: (u: unknown) => u is A
  readonly decode: (input: string | Uint8Array, options?: DecodeOptions) => E.Either<ReadonlyArray<Problem>, A>
  readonly decodeLenient: (input: string | Uint8Array, options?: DecodeOptions) => E.Either<ReadonlyArray<Problem>, Lenient<A>>
  /** The wire form of a value (total; deterministic; a value that passes `is` decodes back to itself). */
  readonly encode: (a: A, options?: EncodeOptions) => string
  /** The canonical form of a document of this wire form, for comparisons. */
  readonly canonical: (input: string | Uint8Array) => E.Either<ReadonlyArray<Problem>, string>
  /** A value from its JSON form (the same shape as the TypeScript type), with errors as values. */
  readonly fromJson: (u: unknown) => E.Either<ReadonlyArray<Problem>, A>
  /** For XML formats: the element codec of the root. */
  readonly root?: XmlCodec<A>
}

/**
 * An XML document codec (the root element codec is always there).
 *
 * @category model
 * @since 0.1.0
 */
export interface XmlDocumentCodec<A> extends DocumentCodec<A> {
  readonly root: XmlCodec<A>
  /** The expanded name of the root element. */
  readonly rootName: Xml.QName
  /** Decodes an already parsed root element. */
  readonly decodeElement: (el: Xml.Element, options?: { readonly lenient?: false }) => E.Either<ReadonlyArray<Problem>, A>
  /** Decodes an already parsed root element leniently. */
  readonly decodeElementLenient: (el: Xml.Element) => E.Either<ReadonlyArray<Problem>, Lenient<A>>
}

/**
 * The document codec of an XCAP application usage (RFC 4825 §5): an XML document codec that also says where its
 * documents live on an XCAP server.
 *
 * @category model
 * @since 0.2.0
 */
export interface XcapDocumentCodec<A> extends XmlDocumentCodec<A> {
  readonly usage: ApplicationUsage
  /** The AUID (the same as `usage.auid`), by which bodies of a shared media type are told apart. */
  readonly auid: string
}

// -------------------------------------------------------------------------------------
// inputs
// -------------------------------------------------------------------------------------

/**
 * The number of bytes of a string's UTF-8 form, without building it (a lone surrogate counts 3, as U+FFFD would).
 *
 * @category model
 * @since 0.2.0
 */
export const utf8Length = (s: string): number => {
  let n = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) n += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2 // a pair: 4 bytes for 2 units
      i++
    } else n += 2
  }
  return n
}

/** Why an input is not one at all (not a string or bytes), or too large; undefined when it can be read. */
const badInput = (input: unknown, options: DecodeOptions | undefined): ReadonlyArray<Problem> | undefined => {
  if (typeof input !== 'string' && !(input instanceof Uint8Array))
    return [{ path: '', message: `expected a document (a string or UTF-8 bytes), got ${input === null ? 'null' : typeof input}` }]
  const max = options?.maxBytes ?? parseDefaults.maxBytes
  // a UTF-16 unit is at most 3 UTF-8 bytes: short strings need no count
  if (typeof input === 'string' && input.length * 3 <= max) return undefined
  const size = typeof input === 'string' ? (input.length > max ? input.length : utf8Length(input)) : input.byteLength
  if (size > max) return [{ path: '', message: `expected at most ${max} bytes, got ${size}` }]
  return undefined
}

const parseProblem = (e: { message: string; line: number; column: number }): ReadonlyArray<Problem> => [
  { path: `line ${e.line}, column ${e.column}`, message: `not well-formed XML: ${e.message}` }
]

const notJson = (id: string, u: unknown): ReadonlyArray<Problem> => [
  { path: '', message: `expected a ${id} value in its JSON form, got ${show(u)}` }
]

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * What an XML document codec is: its format id, media type and title; and, where the schema has elements whose
 * content is element-only, their names: white space in them is indentation even where they have no child element
 * (`<dialog-info …>⏎</dialog-info>`), which the canonical form cannot tell from text without the schema.
 *
 * @category model
 * @since 0.2.0
 */
export interface XmlMeta {
  readonly id: string
  readonly contentType: string
  readonly title: string
  readonly elementOnly?: ReadonlyArray<Xml.QName>
}

/** A tree without white-space-only text in the elements named (the parser bounds the depth of the recursion). */
const withoutIndentation = (e: Xml.Element, names: ReadonlySet<string>): Xml.Element => {
  const own = names.has(Xml.key(e.name))
  let changed = false
  const children: Array<Xml.Node> = []
  for (const c of e.children) {
    const d = c._tag === 'Element' ? withoutIndentation(c, names) : c
    if (own && d._tag === 'Text' && Xml.isWhitespace(d.value)) changed = true
    else {
      if (d !== c) changed = true
      children.push(d)
    }
  }
  return changed ? { ...e, children } : e
}

/**
 * An XML document codec from the root element codec.
 *
 * @category constructors
 * @since 0.1.0
 */
export const xml = <A>(root: XmlCodec<A>, meta: XmlMeta): XmlDocumentCodec<A> => {
  const elementOnly = meta.elementOnly === undefined ? undefined : new Set(meta.elementOnly.map(Xml.key))
  const toEither = (r: t.Validation<A>): E.Either<ReadonlyArray<Problem>, A> =>
    r._tag === 'Left' ? E.left(problems(r.left)) : r
  const decodeElement = (el: Xml.Element): E.Either<ReadonlyArray<Problem>, A> => toEither(validateDocument(root, el, false).result)
  const decodeElementLenient = (el: Xml.Element): E.Either<ReadonlyArray<Problem>, Lenient<A>> => {
    const d = validateDocument(root, el, true)
    return d.result._tag === 'Left'
      ? E.left(problems(d.result.left))
      : E.right({ value: d.result.right, dropped: d.dropped, warnings: d.warnings })
  }
  return {
    id: meta.id,
    contentType: meta.contentType,
    title: meta.title,
    fileExtension: 'xml',
    root,
    rootName: root.names[0],
    // a value of the root's type that is also a valid document: what only the whole document can tell (unique
    // xs:IDs) is checked by decoding its encoding
    is: (u): u is A => root.is(u) && validateDocument(root, root.encode(u), false).result._tag === 'Right',
    decodeElement,
    decodeElementLenient,
    decode: (input, options) => {
      const bad = badInput(input, options)
      if (bad !== undefined) return E.left(bad)
      const p = parse(input, options)
      return p._tag === 'Left' ? E.left(parseProblem(p.left)) : decodeElement(p.right)
    },
    decodeLenient: (input, options) => {
      const bad = badInput(input, options)
      if (bad !== undefined) return E.left(bad)
      const p = parse(input, options)
      return p._tag === 'Left' ? E.left(parseProblem(p.left)) : decodeElementLenient(p.right)
    },
    encode: (a, o) => print(root.encode(a), { pretty: o?.pretty === true }),
    canonical: (input) => {
      const bad = badInput(input, undefined)
      if (bad !== undefined) return E.left(bad)
      const p = parse(input)
      if (p._tag === 'Left') return E.left(parseProblem(p.left))
      return E.right(canonicalXml(elementOnly === undefined ? p.right : withoutIndentation(p.right, elementOnly)))
    },
    fromJson: (u) => {
      if (root.is(u)) return E.right(u)
      // find out where it goes wrong: encode what can be encoded and decode it for paths
      const r = decodeElement(root.encode(u as A))
      return r._tag === 'Left' ? r : E.left(notJson(meta.id, u))
    }
  }
}

/**
 * The document codec of an XCAP application usage: an XML document codec whose media type is the usage's.
 *
 * @category constructors
 * @since 0.2.0
 */
export const xcap = <A>(
  root: XmlCodec<A>,
  meta: Omit<XmlMeta, 'contentType'> & { readonly usage: ApplicationUsage }
): XcapDocumentCodec<A> => ({
  ...xml(root, { ...meta, contentType: meta.usage.mimeType }),
  usage: meta.usage,
  auid: meta.usage.auid
})

/**
 * A document codec for a wire form that is not XML (a text format such as message-summary, a multipart body).
 * `decode` gives the value and what lenient mode dropped, with paths of its own (such as `/Messages-Waiting`);
 * `canonical` defines what counts as the same document. The size limit and the input checks are the same as for XML
 * formats, in strict and lenient mode.
 *
 * @category constructors
 * @since 0.1.0
 */
export const text = <A>(meta: {
  readonly id: string
  readonly contentType: string
  readonly title: string
  readonly fileExtension?: string
  readonly is: (u: unknown) => u is A
  readonly decode: (input: string, options?: DecodeOptions) => E.Either<ReadonlyArray<Problem>, Lenient<A>>
  readonly encode: (a: A) => string
  readonly canonical: (input: string) => E.Either<ReadonlyArray<Problem>, string>
  /** Decoding with no leniency: what lenient decoding would drop is an error here. */
  readonly strict?: (input: string, options?: DecodeOptions) => E.Either<ReadonlyArray<Problem>, A>
  /** Reads bytes as text (default: UTF-8, a leading BOM dropped). */
  readonly asText?: (input: Uint8Array) => E.Either<ReadonlyArray<Problem>, string>
}): DocumentCodec<A> => {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const fromBytes =
    meta.asText ??
    ((input: Uint8Array): E.Either<ReadonlyArray<Problem>, string> => {
      try {
        return E.right(utf8.decode(input))
      } catch {
        return E.left([{ path: '', message: 'expected UTF-8 text, got invalid bytes' }])
      }
    })
  const asText = (input: string | Uint8Array, options: DecodeOptions | undefined): E.Either<ReadonlyArray<Problem>, string> => {
    const bad = badInput(input, options)
    if (bad !== undefined) return E.left(bad)
    if (typeof input === 'string') return E.right(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input)
    return fromBytes(input)
  }
  const strict =
    meta.strict ??
    ((s: string, o?: DecodeOptions): E.Either<ReadonlyArray<Problem>, A> => {
      const r = meta.decode(s, o)
      if (r._tag === 'Left') return r
      const l = r.right
      return l.dropped.length === 0 ? E.right(l.value) : E.left(l.dropped.map((d) => ({ path: d.path, message: d.reason })))
    })
  return {
    id: meta.id,
    contentType: meta.contentType,
    title: meta.title,
    fileExtension: meta.fileExtension ?? 'txt',
    is: meta.is,
    decode: (input, options) => {
      const s = asText(input, options)
      return s._tag === 'Left' ? s : strict(s.right, options)
    },
    decodeLenient: (input, options) => {
      const s = asText(input, options)
      return s._tag === 'Left' ? s : meta.decode(s.right, options)
    },
    encode: (a) => meta.encode(a),
    canonical: (input) => {
      const s = asText(input, undefined)
      return s._tag === 'Left' ? s : meta.canonical(s.right)
    },
    fromJson: (u) => (meta.is(u) ? E.right(u) : E.left(notJson(meta.id, u)))
  }
}

// -------------------------------------------------------------------------------------
// plain results
// -------------------------------------------------------------------------------------

/**
 * A decode as a plain object, for code that does not use fp-ts: `ok` says which it is; `value` is the decoded value;
 * `problems` are what the Either's `Left` holds, and `errors` the same rendered one per line, as `report` renders
 * them (`/isComposing/refresh: expected an xs:positiveInteger, got "0"`).
 *
 * @category model
 * @since 0.2.0
 */
export type DecodeResult<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly problems: ReadonlyArray<Problem>; readonly errors: ReadonlyArray<string> }

/**
 * Decodes a document (a string or bytes) to a {@link DecodeResult}: the same decode as `codec.decode`, the same
 * limits and options, as a plain object instead of an `Either`. It never throws.
 *
 * @example
 * import { decodeResult } from 'sip-simple-payloads/codec'
 * import * as IsComposing from 'sip-simple-payloads/IsComposing'
 *
 * const r = decodeResult(IsComposing.document, '<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>active</state></isComposing>')
 * if (r.ok) console.log(r.value.state) // 'active'
 * else console.error(r.errors.join('\n'))
 *
 * @category codecs
 * @since 0.2.0
 */
export const decodeResult = <A>(
  codec: Pick<DocumentCodec<A>, 'decode'>,
  input: string | Uint8Array,
  options?: DecodeOptions
): DecodeResult<A> => {
  const r = codec.decode(input, options)
  return r._tag === 'Right' ? { ok: true, value: r.right } : { ok: false, problems: r.left, errors: report(r.left) }
}
