/**
 * OMA XCAP directory (OMA XDM Core, the `org.openmobilealliance.xcap-directory` application usage): the list of a
 * user's documents on an XCAP server, one `<folder>` per application usage (its `auid` attribute), each with an
 * `<entry>` per document (its `uri`, `etag`, and optionally `last-modified` and `size`), or an `<error-code>` when the
 * server could not list that usage. Namespace `urn:oma:xml:xdm:xcap-directory`, content type
 * `application/vnd.oma.xcap-directory+xml`, documents in the users tree at `directory.xml`. Entries take attributes of
 * any other name (lax `xs:anyAttribute`), kept in `otherAttrs`; the schema has no element wildcard. The schema's
 * location hints (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`), which XML Schema allows on any element, are
 * kept on the root.
 *
 * Kamailio's `xcap_server` generates this document from its storage (one folder per AUID the user has documents of).
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as O from '#fp-ts/Option'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import type { XmlCodec } from '../codec/Element.js'
import * as Selector from '../xcap/Selector.js'

/**
 * The namespace of XCAP directory documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:oma:xml:xdm:xcap-directory'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/vnd.oma.xcap-directory+xml'

/**
 * The XCAP application usage: AUID `org.openmobilealliance.xcap-directory`, one document per user at
 * `directory.xml`.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: 'org.openmobilealliance.xcap-directory',
  namespace: NS,
  mimeType: CONTENT_TYPE,
  tree: 'users',
  document: 'directory.xml'
})

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An `<entry>`: one document of the user.
 *
 * @category model
 * @since 0.2.0
 */
export interface Entry {
  /** The document's URI. */
  readonly uri: string
  /**
   * The document's current entity tag, as the server writes it (Kamailio writes it without the quotes of its `ETag`
   * header: `sr-…` for `"sr-…"`).
   */
  readonly etag: string
  /** When the document last changed (`xs:dateTime`, lexical form kept). */
  readonly lastModified?: string
  /** The document's size in bytes. */
  readonly size?: V.Integer
  /** Attributes of any other name (the schema's lax `xs:anyAttribute`). */
  readonly otherAttrs?: Readonly<Record<string, string>>
}

/**
 * A `<folder>`: the documents of one application usage, or the error that kept the server from listing them (the
 * schema's choice: entries, or one `<error-code>`, never both).
 *
 * @category model
 * @since 0.2.0
 */
export interface Folder {
  /** The application usage (`resource-lists`, `org.openmobilealliance.pres-content`, ...). */
  readonly auid: string
  readonly entries: ReadonlyArray<Entry>
  /** Why the folder could not be listed (text as written). */
  readonly errorCode?: string
}

/**
 * An XCAP directory document (`<xcap-directory>`).
 *
 * @category model
 * @since 0.2.0
 */
export interface XcapDirectory {
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** `xsi:schemaLocation` and `xsi:noNamespaceSchemaLocation`, where the document has them. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly folders: ReadonlyArray<Folder>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const XSI = 'http://www.w3.org/2001/XMLSchema-instance'

/** The schema location hints XML Schema allows on any element. */
const isLocationHint = (n: Xml.QName): boolean =>
  n.ns === XSI && (n.local === 'schemaLocation' || n.local === 'noNamespaceSchemaLocation')

const ENTRY_ATTRIBUTES: ReadonlyArray<string> = ['uri', 'etag', 'last-modified', 'size', 'xmlns']

/**
 * The `<entry>` element.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Entry: XmlCodec<Entry> = /*#__PURE__*/ C.element(
  el('entry'),
  {
    uri: C.attr('uri', V.anyURI),
    etag: C.attr('etag', V.string),
    lastModified: C.optionalAttr('last-modified', V.dateTime),
    size: C.optionalAttr('size', V.nonNegativeInteger),
    otherAttrs: C.otherAttrs((n) => n.ns !== '' || !ENTRY_ATTRIBUTES.includes(n.local))
  },
  'Entry'
)

/**
 * The `<folder>` element: entries or an error code, not both.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Folder: XmlCodec<Folder> = /*#__PURE__*/ C.refine(
  C.element(
    el('folder'),
    {
      auid: C.attr('auid', V.string),
      entries: C.children(Entry),
      errorCode: C.optionalChild(el('error-code'), V.string)
    },
    'Folder'
  ),
  (f): f is Folder => f.errorCode === undefined || f.entries.length === 0,
  '<entry> elements or one <error-code>',
  (f) => `an <error-code> and ${f.entries.length} <entry> element${f.entries.length === 1 ? '' : 's'}`
)

/**
 * The `<xcap-directory>` root element.
 *
 * @category codecs
 * @since 0.2.0
 */
export const XcapDirectory: XmlCodec<XcapDirectory> = /*#__PURE__*/ C.element(
  el('xcap-directory'),
  {
    xmlns: C.namespaces({ root: true }),
    otherAttrs: C.otherAttrs(isLocationHint),
    folders: C.children(Folder)
  },
  'XcapDirectory'
)

/**
 * The document codec: `application/vnd.oma.xcap-directory+xml`, with its XCAP application usage.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<XcapDirectory> = /*#__PURE__*/ Doc.xcap(XcapDirectory, {
  id: 'xcap-directory',
  title: 'OMA XCAP directory (OMA XDM Core)',
  usage
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An entry (the last-modified time may be given as a `Date`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const entry = (input: {
  readonly uri: string
  readonly etag: string
  readonly lastModified?: string | Date
  readonly size?: V.Integer
}): Entry => {
  const i = Read.record(input)
  const lastModified = V.dateTimeOf(i.lastModified)
  const size = Read.integer(i.size)
  return {
    uri: Read.string(i.uri) ?? '',
    etag: Read.string(i.etag) ?? '',
    ...(lastModified === undefined ? {} : { lastModified }),
    ...(size === undefined ? {} : { size })
  }
}

/**
 * A folder of entries.
 *
 * @category constructors
 * @since 0.2.0
 */
export const folder = (auid: string, entries: ReadonlyArray<Entry> = []): Folder => ({
  auid: typeof auid === 'string' ? auid : '',
  entries: Read.arrayOf(entries, Entry.is)
})

/**
 * A folder the server could not list, with its error code.
 *
 * @category constructors
 * @since 0.2.0
 */
export const folderError = (auid: string, errorCode: string): Folder => ({
  auid: typeof auid === 'string' ? auid : '',
  entries: [],
  errorCode: typeof errorCode === 'string' ? errorCode : ''
})

/**
 * An XCAP directory document.
 *
 * @example
 * import { document, entry, folder, xcapDirectory } from 'sip-simple-payloads/XcapDirectory'
 * document.encode(
 *   xcapDirectory([
 *     folder('resource-lists', [entry({ uri: 'http://xcap.example.com/resource-lists/users/sip:alice@example.com/index', etag: 'pqr999' })])
 *   ])
 * )
 *
 * @category constructors
 * @since 0.2.0
 */
export const xcapDirectory = (folders: ReadonlyArray<Folder> = []): XcapDirectory => ({ folders: Read.arrayOf(folders, Folder.is) })

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The folder of an application usage. Writing it back keeps the AUID.
 *
 * @category optics
 * @since 0.2.0
 */
export const folderByAuid = (auid: string): Op.Optional<XcapDirectory, Folder> =>
  pipe(L.id<XcapDirectory>(), L.prop('folders'), L.composeOptional(Optics.byKey<Folder, 'auid'>('auid', auid)))

/**
 * Every entry of every folder, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyEntry: T.Traversal<XcapDirectory, Entry> = /*#__PURE__*/ pipe(
  L.id<XcapDirectory>(),
  L.prop('folders'),
  L.composeTraversal(Optics.every<Folder>()),
  T.prop('entries'),
  T.composeTraversal(Optics.every<Entry>())
)

/**
 * The first entry of a document URI, in any folder (its etag is what conditional requests on that document need).
 * Writing it back keeps the URI.
 *
 * @example
 * import { entryByUri, document } from 'sip-simple-payloads/XcapDirectory'
 * import * as E from 'fp-ts/lib/Either.js'
 * const dir = document.decode(`<xcap-directory xmlns="urn:oma:xml:xdm:xcap-directory"><folder auid="pres-rules">
 *   <entry uri="http://xcap.example.com/pres-rules/users/sip:alice@example.com/index" etag="e1"/></folder></xcap-directory>`)
 * if (E.isRight(dir)) entryByUri('http://xcap.example.com/pres-rules/users/sip:alice@example.com/index').getOption(dir.right) // some({ …, etag: 'e1' })
 *
 * @category optics
 * @since 0.2.0
 */
export const entryByUri = (uri: string): Op.Optional<XcapDirectory, Entry> =>
  Op.optional(
    (dir) => {
      for (const f of dir.folders) for (const e of f.entries) if (e.uri === uri) return O.some(e)
      return O.none
    },
    (e) => (dir) => {
      const fi = dir.folders.findIndex((f) => f.entries.some((x) => x.uri === uri))
      if (fi < 0) return dir
      const f = dir.folders[fi]
      const entries = Optics.byKey<Entry, 'uri'>('uri', uri).set(e)(f.entries)
      if (entries === f.entries) return dir
      const folders = dir.folders.slice()
      folders[fi] = { ...f, entries }
      return { ...dir, folders }
    }
  )

const folderStep = (dir: XcapDirectory, i: number): Selector.Step =>
  Selector.keyed(
    'folder',
    'auid',
    dir.folders.map((f) => f.auid),
    i
  )

/**
 * The node selector of the folder {@link folderByAuid} focuses (RFC 4825 §6.3): by AUID where it is unique, else by
 * position.
 *
 * @category optics
 * @since 0.2.0
 */
export const folderSelector = (dir: XcapDirectory, auid: string): Selector.Target | undefined => {
  const i = dir.folders.findIndex((f) => f.auid === auid)
  return i === -1 ? undefined : { selector: Selector.selector([Selector.step('xcap-directory'), folderStep(dir, i)]), bindings: new Map() }
}

/**
 * The node selector of the entry {@link entryByUri} focuses: its folder, then the entry by URI where it is unique in
 * the folder, else by position.
 *
 * @category optics
 * @since 0.2.0
 */
export const entrySelector = (dir: XcapDirectory, uri: string): Selector.Target | undefined => {
  const i = dir.folders.findIndex((f) => f.entries.some((e) => e.uri === uri))
  if (i === -1) return undefined
  const uris = dir.folders[i].entries.map((e) => e.uri)
  return {
    selector: Selector.selector([Selector.step('xcap-directory'), folderStep(dir, i), Selector.keyed('entry', 'uri', uris, uris.indexOf(uri))]),
    bindings: new Map()
  }
}
