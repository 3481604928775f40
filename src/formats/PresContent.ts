/**
 * OMA presence content (OMA Presence Content XDM, the status icon): a `<content>` document that carries one piece of
 * content (an image, mostly) in its `<data>` element, with its MIME type (`<mime-type>`), its transfer encoding
 * (`<encoding>`, `base64` in practice) and human-readable descriptions (`<description xml:lang>`). Namespace
 * `urn:oma:xml:prs:pres-content`, content type `application/vnd.oma.pres-content+xml`, XCAP AUID
 * `org.openmobilealliance.pres-content` (users tree, document `oma_status-icon/index`). Elements of other namespaces
 * may follow `<data>` and are kept in `other`; every element of the schema takes attributes of any namespace (lax
 * `xs:anyAttribute`), kept in `otherAttrs`.
 *
 * The text of every element is kept exactly as written (the data's line breaks included), so a document round-trips
 * unchanged. {@link decodeData} gives the bytes of base64 data (an error at `/content/data` when the text is not
 * `xs:base64Binary`), {@link bytes} is the same as an optic, and {@link content} builds a document from bytes and a
 * MIME type. Base64 is written and read here, without Node's `Buffer`, so the module runs in browsers.
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import { show, type Problem } from '../codec/DecodeError.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of presence content documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:oma:xml:prs:pres-content'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/vnd.oma.pres-content+xml'

/**
 * The XCAP application usage: AUID `org.openmobilealliance.pres-content`, documents in the users tree, the status icon
 * at `oma_status-icon/index`.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: 'org.openmobilealliance.pres-content',
  namespace: NS,
  mimeType: CONTENT_TYPE,
  tree: 'users',
  document: 'oma_status-icon/index'
})

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The `<mime-type>` element: the MIME type of the data (`image/png`), as written.
 *
 * @category model
 * @since 0.2.0
 */
export interface MimeType {
  /** Attributes of any namespace (the schema's lax `xs:anyAttribute`). */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly value: string
}

/**
 * The `<encoding>` element: how the data is encoded in the document (`base64`), as written.
 *
 * @category model
 * @since 0.2.0
 */
export interface Encoding {
  /** Attributes of any namespace. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly value: string
}

/**
 * A `<description>`: text about the content for humans, with its language.
 *
 * @category model
 * @since 0.2.0
 */
export interface Description {
  /** The language of the text (`xml:lang`). */
  readonly lang?: string
  /** Attributes of any other name. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly value: string
}

/**
 * The `<data>` element: the content itself, encoded as `<encoding>` says; the text as written (line breaks included).
 *
 * @category model
 * @since 0.2.0
 */
export interface Data {
  /** Attributes of any namespace. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly value: string
}

/**
 * A presence content document (`<content>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Content {
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** Attributes of any namespace. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly mimeType?: MimeType
  readonly encoding?: Encoding
  readonly descriptions: ReadonlyArray<Description>
  readonly data: Data
  /** Elements of other namespaces after `<data>`, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const XML_LANG = /*#__PURE__*/ Xml.key({ ns: Xml.XML_NS, local: 'lang' })

/** `xs:anyAttribute` (any namespace, none included) minus the attributes the element declares. */
const anyAttributeBut =
  (...declared: ReadonlyArray<string>) =>
  (n: Xml.QName): boolean =>
    !(n.ns === '' && n.local === 'xmlns') && !declared.includes(Xml.key(n))

/** An element of text (`xs:string`, kept as written) with attributes of any namespace. */
const annotated = (local: string, typeName: string): XmlCodec<{ readonly otherAttrs?: Readonly<Record<string, string>>; readonly value: string }> =>
  C.element(el(local), { otherAttrs: C.otherAttrs(anyAttributeBut()), value: C.text(V.string) }, typeName)

/**
 * The `<mime-type>` element.
 *
 * @category codecs
 * @since 0.2.0
 */
export const MimeType: XmlCodec<MimeType> = /*#__PURE__*/ annotated('mime-type', 'MimeType')

/**
 * The `<encoding>` element.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Encoding: XmlCodec<Encoding> = /*#__PURE__*/ annotated('encoding', 'Encoding')

/**
 * The `<description>` element (`xml:lang` and attributes of any other name).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Description: XmlCodec<Description> = /*#__PURE__*/ C.element(
  el('description'),
  { lang: C.lang(V.language), otherAttrs: C.otherAttrs(anyAttributeBut(XML_LANG)), value: C.text(V.string) },
  'Description'
)

/**
 * The `<data>` element.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Data: XmlCodec<Data> = /*#__PURE__*/ annotated('data', 'Data')

/**
 * The `<content>` root element, in the schema's sequence order: `<mime-type>?`, `<encoding>?`, `<description>*`,
 * `<data>`, then elements of other namespaces.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Content: XmlCodec<Content> = /*#__PURE__*/ C.element(
  el('content'),
  {
    xmlns: C.namespaces({ root: true }),
    otherAttrs: C.otherAttrs(anyAttributeBut()),
    mimeType: C.optionalChild(MimeType),
    encoding: C.optionalChild(Encoding),
    descriptions: C.children(Description),
    data: C.child(Data),
    other: C.other(NS)
  },
  'Content'
)

/**
 * The document codec: `application/vnd.oma.pres-content+xml`, with its XCAP application usage.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<Content> = /*#__PURE__*/ Doc.xcap(Content, {
  id: 'pres-content',
  title: 'OMA presence content (status icon)',
  usage
})

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** The value of a base64 character, or -1. */
const sextet = (c: number): number =>
  c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4 : c === 43 ? 62 : c === 47 ? 63 : -1

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13

/**
 * The base64 text of bytes (RFC 4648 §4, with padding and no line breaks): the canonical `xs:base64Binary` form.
 *
 * @example
 * import { toBase64 } from 'sip-simple-payloads/PresContent'
 * toBase64(new Uint8Array([0x89, 0x50, 0x4e, 0x47])) // 'iVBORw=='
 *
 * @category codecs
 * @since 0.2.0
 */
export const toBase64 = (bytes: Uint8Array): string => {
  if (!(bytes instanceof Uint8Array)) return ''
  const n = bytes.length
  const parts: Array<string> = []
  let codes: Array<number> = []
  const flush = (): void => {
    parts.push(String.fromCharCode(...codes))
    codes = []
  }
  let i = 0
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    codes.push(ALPHABET.charCodeAt(v >> 18), ALPHABET.charCodeAt((v >> 12) & 63), ALPHABET.charCodeAt((v >> 6) & 63), ALPHABET.charCodeAt(v & 63))
    if (codes.length >= 8192) flush()
  }
  if (n - i === 1) {
    const v = bytes[i] << 16
    codes.push(ALPHABET.charCodeAt(v >> 18), ALPHABET.charCodeAt((v >> 12) & 63), 61, 61)
  } else if (n - i === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8)
    codes.push(ALPHABET.charCodeAt(v >> 18), ALPHABET.charCodeAt((v >> 12) & 63), ALPHABET.charCodeAt((v >> 6) & 63), 61)
  }
  flush()
  return parts.join('')
}

const charAt = (s: string, i: number): string => {
  const c = s.codePointAt(i) ?? 0
  return String.fromCodePoint(c)
}

/**
 * The bytes of `xs:base64Binary` text, in one pass: white space may stand anywhere (as the datatype allows after
 * its white-space collapse), the length must be a multiple of 4, `=` may only end it (at most two), and the bits the
 * padding leaves over must be zero. The error is a message in the `expected …, got …` shape.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromBase64 } from 'sip-simple-payloads/PresContent'
 * fromBase64('iVBO\nRw==') // E.right(Uint8Array [0x89, 0x50, 0x4e, 0x47])
 * fromBase64('iVBO%w==') // E.left('expected a base64 character, got "%" at offset 4')
 *
 * @category codecs
 * @since 0.2.0
 */
export const fromBase64 = (text: string): E.Either<string, Uint8Array> => {
  if (typeof text !== 'string') return E.left(`expected base64 text, got ${show(text)}`)
  // first pass: check, count
  let count = 0
  let pad = 0
  let last = -1 // offset of the last base64 character before the padding
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) continue
    if (c === 61) {
      pad++
      count++
      if (pad > 2) return E.left(`expected at most two "=", got a third at offset ${i}`)
      continue
    }
    if (sextet(c) < 0) return E.left(`expected a base64 character, got ${JSON.stringify(charAt(text, i))} at offset ${i}`)
    if (pad > 0) return E.left(`expected "=" only at the end, got ${JSON.stringify(charAt(text, i))} after it at offset ${i}`)
    count++
    last = i
  }
  if (count % 4 !== 0) return E.left(`expected a multiple of 4 base64 characters, got ${count}`)
  if (pad > 0) {
    const v = sextet(text.charCodeAt(last))
    if ((pad === 1 && (v & 3) !== 0) || (pad === 2 && (v & 15) !== 0))
      return E.left(`expected zero padding bits before "=", got ${JSON.stringify(text[last])} at offset ${last}`)
  }
  // second pass: decode
  const out = new Uint8Array((count / 4) * 3 - pad)
  let acc = 0
  let bits = 0
  let o = 0
  for (let i = 0; i < text.length && o < out.length; i++) {
    const c = text.charCodeAt(i)
    if (isSpace(c) || c === 61) continue
    acc = ((acc << 6) | sextet(c)) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return E.right(out)
}

const isBase64Encoding = (e: Encoding | undefined): boolean =>
  e !== undefined && typeof e.value === 'string' && V.collapse(e.value).toLowerCase() === 'base64'

/**
 * The bytes of the document's data: the encoding must be `base64` (in any case, white space around it ignored), and
 * the data `xs:base64Binary` text; otherwise the errors are at `/content/encoding` or `/content/data`.
 *
 * @example
 * import { content, decodeData } from 'sip-simple-payloads/PresContent'
 * decodeData(content(new Uint8Array([1, 2, 3]), 'image/png')) // E.right(Uint8Array [1, 2, 3])
 *
 * @category codecs
 * @since 0.2.0
 */
export const decodeData = (doc: Content): E.Either<ReadonlyArray<Problem>, Uint8Array> => {
  const d = Read.record(doc)
  const encoding = Read.isRecord(d.encoding) ? (d.encoding as unknown as Encoding) : undefined
  if (!isBase64Encoding(encoding))
    return E.left([{ path: '/content/encoding', message: `expected "base64", got ${show(encoding === undefined ? undefined : encoding.value)}` }])
  const data = Read.record(d.data)
  const r = fromBase64(typeof data.value === 'string' ? data.value : '')
  return E.isLeft(r) ? E.left([{ path: '/content/data', message: r.left }]) : r
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A description, with its language when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const description = (value: string, lang?: string): Description =>
  Read.defined({ lang: typeof lang === 'string' ? lang : undefined, value: typeof value === 'string' ? value : '' })

/**
 * A presence content document from bytes and their MIME type: the data written in base64 (`<encoding>base64`), with
 * descriptions when given (text, or {@link description}s).
 *
 * @example
 * import { content, document, description } from 'sip-simple-payloads/PresContent'
 * const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
 * document.encode(content(png, 'image/png', { descriptions: [description('At the OMA meeting', 'en')] }))
 *
 * @category constructors
 * @since 0.2.0
 */
export const content = (
  data: Uint8Array,
  mimeType: string,
  options: { readonly descriptions?: ReadonlyArray<Description> | string } = {}
): Content => {
  const o = Read.record(options)
  const ds = typeof o.descriptions === 'string' ? [description(o.descriptions)] : (Read.arrayOf(o.descriptions, Description.is) as ReadonlyArray<Description>)
  return {
    ...(typeof mimeType === 'string' ? { mimeType: { value: mimeType } } : {}),
    encoding: { value: 'base64' },
    descriptions: ds,
    data: { value: toBase64(data instanceof Uint8Array ? data : new Uint8Array(0)) },
    other: []
  }
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/**
 * The bytes of the data, where the encoding is `base64` and the data valid base64 (see {@link decodeData}). Setting
 * writes the new bytes in base64, keeping the data's attributes; setting the bytes it holds leaves the document as it
 * is (its line breaks, say).
 *
 * @category optics
 * @since 0.2.0
 */
export const bytes: Op.Optional<Content, Uint8Array> = /*#__PURE__*/ Op.optional(
  (doc) => O.fromEither(decodeData(doc)),
  (a) => (doc) => {
    const r = decodeData(doc)
    if (E.isLeft(r) || sameBytes(r.right, a)) return doc
    return { ...doc, data: { ...doc.data, value: toBase64(a) } }
  }
)

/**
 * The MIME type; setting it keeps the element's attributes, setting `undefined` removes the element.
 *
 * @category optics
 * @since 0.2.0
 */
export const mimeType: L.Lens<Content, string | undefined> = /*#__PURE__*/ L.lens(
  (doc) => doc.mimeType?.value,
  (a) => (doc) => {
    if (a === undefined) return doc.mimeType === undefined ? doc : Optics.optionalKey<Content, 'mimeType'>('mimeType').set(undefined)(doc)
    if (doc.mimeType?.value === a) return doc
    return { ...doc, mimeType: { ...doc.mimeType, value: a } }
  }
)

/**
 * The first description in a language. Writing it back keeps the language.
 *
 * @category optics
 * @since 0.2.0
 */
export const descriptionByLang = (lang: string): Op.Optional<Content, Description> =>
  pipe(L.id<Content>(), L.prop('descriptions'), L.composeOptional(Optics.byKey<Description, 'lang'>('lang', lang)))
