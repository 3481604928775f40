/**
 * Document codecs: a payload's wire text to a value and back, whatever the wire form (XML through the AST, or a text
 * format such as message-summary), with its format id and MIME content type. Errors come back as values.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { parse, type ParseOptions } from '../xml/Parser.js'
import { print } from '../xml/Printer.js'
import { canonical as canonicalXml } from '../xml/Canonical.js'
import { problems, type Dropped, type Problem } from './DecodeError.js'
import { validateLenient, type XmlCodec } from './Element.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Options for decoding (the parser's limits).
 *
 * @category model
 * @since 0.1.0
 */
export type DecodeOptions = ParseOptions

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
 * A lenient decode: the value, and what was dropped on the way (empty when nothing was).
 *
 * @category model
 * @since 0.1.0
 */
export interface Lenient<A> {
  readonly value: A
  readonly dropped: ReadonlyArray<Dropped>
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
  readonly decodeLenient: (
    input: string | Uint8Array,
    options?: DecodeOptions
  ) => E.Either<ReadonlyArray<Problem>, Lenient<A>>
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
  /** Decodes an already parsed root element. */
  readonly decodeElement: (el: Xml.Element) => E.Either<ReadonlyArray<Problem>, A>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const parseProblem = (e: { message: string; line: number; column: number }): ReadonlyArray<Problem> => [
  { path: `line ${e.line}, column ${e.column}`, message: `not well-formed XML: ${e.message}` }
]

/**
 * The root context of a decode: the empty root entry (lenient mode hangs off it) and the root element's step.
 *
 * @category constructors
 * @since 0.1.0
 */
export const rootContext = (codec: t.Decoder<unknown, unknown>, u: unknown): t.Context => {
  const local =
    typeof u === 'object' && u !== null && typeof (u as { name?: { local?: unknown } }).name?.local === 'string'
      ? (u as Xml.Element).name.local
      : ''
  return [
    { key: '', type: codec, actual: u },
    { key: local, type: codec, actual: u }
  ]
}

/**
 * An XML document codec from the root element codec.
 *
 * @category constructors
 * @since 0.1.0
 */
export const xml = <A>(
  root: XmlCodec<A>,
  meta: {
    readonly id: string
    readonly contentType: string
    readonly title: string
    /** Preferred prefixes for printing, by namespace URI. */
    readonly prefixes?: Readonly<Record<string, string>>
  }
): XmlDocumentCodec<A> => {
  const decodeElement = (el: Xml.Element): E.Either<ReadonlyArray<Problem>, A> => {
    const r = root.validate(el, rootContext(root, el))
    return r._tag === 'Left' ? E.left(problems(r.left)) : r
  }
  const encodeElement = (a: A): Xml.Element => root.encode(a)
  const printOptions = (o?: EncodeOptions) => ({
    pretty: o?.pretty ?? false,
    ...(meta.prefixes === undefined ? {} : { prefixes: meta.prefixes })
  })
  return {
    id: meta.id,
    contentType: meta.contentType,
    title: meta.title,
    fileExtension: 'xml',
    root,
    is: root.is,
    decodeElement,
    decode: (input, options) => {
      const p = parse(input, options)
      return p._tag === 'Left' ? E.left(parseProblem(p.left)) : decodeElement(p.right)
    },
    decodeLenient: (input, options) => {
      const p = parse(input, options)
      if (p._tag === 'Left') return E.left(parseProblem(p.left))
      const { result, dropped } = validateLenient(root, p.right, rootContext(root, p.right))
      return result._tag === 'Left' ? E.left(problems(result.left)) : E.right({ value: result.right, dropped })
    },
    encode: (a, o) => print(encodeElement(a), printOptions(o)),
    canonical: (input) => {
      const p = parse(input)
      return p._tag === 'Left' ? E.left(parseProblem(p.left)) : E.right(canonicalXml(p.right))
    },
    fromJson: (u) => {
      if (root.is(u)) return E.right(u)
      // find out where it goes wrong: encode what can be encoded and decode it for paths
      try {
        const r = decodeElement(root.encode(u as A))
        if (r._tag === 'Left') return r
      } catch {
        // not even encodable
      }
      return E.left([{ path: '', message: `expected a ${meta.id} value in its JSON form, got something else` }])
    }
  }
}

/**
 * A document codec for a text wire form (not XML). `decode` reports problems with paths of its own (such as
 * `/Messages-Waiting`), `canonical` defines what counts as the same document.
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
  readonly decode: (input: string) => E.Either<ReadonlyArray<Problem>, Lenient<A>>
  readonly encode: (a: A) => string
  readonly canonical: (input: string) => E.Either<ReadonlyArray<Problem>, string>
  /** Decoding with no leniency: what lenient decoding would drop is an error here. */
  readonly strict?: (input: string) => E.Either<ReadonlyArray<Problem>, A>
}): DocumentCodec<A> => {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const asText = (input: string | Uint8Array): E.Either<ReadonlyArray<Problem>, string> => {
    if (typeof input === 'string') return E.right(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input)
    try {
      const s = utf8.decode(input)
      return E.right(s.charCodeAt(0) === 0xfeff ? s.slice(1) : s)
    } catch {
      return E.left([{ path: '', message: 'expected UTF-8 text, got invalid bytes' }])
    }
  }
  const strict =
    meta.strict ??
    ((s: string) =>
      E.chain((l: Lenient<A>): E.Either<ReadonlyArray<Problem>, A> =>
        l.dropped.length === 0 ? E.right(l.value) : E.left(l.dropped.map((d) => ({ path: d.path, message: d.reason })))
      )(meta.decode(s)))
  return {
    id: meta.id,
    contentType: meta.contentType,
    title: meta.title,
    fileExtension: meta.fileExtension ?? 'txt',
    is: meta.is,
    decode: (input, options) => {
      if (options?.maxBytes !== undefined && (typeof input === 'string' ? input.length * 2 : input.length) > options.maxBytes)
        return E.left([{ path: '', message: `expected at most ${options.maxBytes} bytes, got more` }])
      return E.chain(strict)(asText(input))
    },
    decodeLenient: (input) => E.chain(meta.decode)(asText(input)),
    encode: (a) => meta.encode(a),
    canonical: (input) => E.chain(meta.canonical)(asText(input)),
    fromJson: (u) =>
      meta.is(u) ? E.right(u) : E.left([{ path: '', message: `expected a ${meta.id} value in its JSON form, got something else` }])
  }
}
