/**
 * The one list of formats: every format's document codec by format id. The command line, the lookup by media type
 * and the law registry (`sip-simple-payloads/laws`) derive from it. Importing this module brings in every format;
 * import a format's own module (e.g. `sip-simple-payloads/IsComposing`) to bundle only that one.
 *
 * Several formats can share a media type (common-policy, pres-rules and dialog-rules are all
 * `application/auth-policy+xml`): a body is then told apart by its root element's expanded name, and by the XCAP
 * application usage when one is given.
 *
 * @since 0.1.0
 */
import * as E from '#fp-ts/Either'
import type { DecodeOptions, DocumentCodec, Lenient } from '../codec/Document.js'
import type { Problem } from '../codec/DecodeError.js'
import * as MediaType from '../codec/MediaType.js'
import * as Xml from '../xml/Ast.js'
import { parse } from '../xml/Parser.js'
import { document as isComposing } from './IsComposing.js'
import { document as watcherinfo } from './Watcherinfo.js'
import { document as messageSummary } from './MessageSummary.js'
import { document as pidf } from './Presence.js'
import { document as xcapDiff } from './XcapDiff.js'
import { document as presContent } from './PresContent.js'
import { document as xcapDirectory } from './XcapDirectory.js'
import { document as xcapCaps } from './XcapCaps.js'
import { document as xcapError } from './XcapError.js'
import { document as presRules } from './PresRules.js'
import { document as dialogRules } from './DialogRules.js'
import { document as commonPolicy } from './CommonPolicy.js'
import { document as dialogInfo } from './DialogInfo.js'
import { document as imdn } from './Imdn.js'
import { document as conferenceInfo } from './ConferenceInfo.js'
import { document as resourceLists } from './AddressBook.js'
import { document as rlsServices } from './RlsServices.js'
import { document as rlmi } from './Rlmi.js'
import { documentWith as multipartWith } from './Multipart.js'

// -------------------------------------------------------------------------------------
// registry
// -------------------------------------------------------------------------------------

/** The formats a body part can be: every format but the multipart one (which is built over them). */
const parts = {
  iscomposing: isComposing,
  watcherinfo,
  'message-summary': messageSummary,
  pidf,
  'xcap-diff': xcapDiff,
  'pres-content': presContent,
  'xcap-directory': xcapDirectory,
  'xcap-caps': xcapCaps,
  'xcap-error': xcapError,
  'pres-rules': presRules,
  'dialog-rules': dialogRules,
  'common-policy': commonPolicy,
  'dialog-info': dialogInfo,
  imdn,
  'conference-info': conferenceInfo,
  'resource-lists': resourceLists,
  'rls-services': rlsServices,
  rlmi
} as const

/**
 * Every format's document codec, by format id, in the order `sip-payloads formats` lists them: the multipart/related
 * codec of RLS notifications decodes its parts through the others.
 *
 * @category registry
 * @since 0.2.0
 */
export const registry = { ...parts, 'multipart-related': multipartWith(parts) } as const

/**
 * The registry's type: format id to document codec.
 *
 * @category registry
 * @since 0.2.0
 */
export type Registry = typeof registry

/**
 * A format id.
 *
 * @category registry
 * @since 0.2.0
 */
export type FormatId = keyof Registry

/**
 * The value type of a format.
 *
 * @category registry
 * @since 0.2.0
 */
export type ValueOf<K extends FormatId> = Registry[K] extends DocumentCodec<infer A> ? A : never

/**
 * A document codec of some format.
 *
 * @category registry
 * @since 0.2.0
 */
export type AnyDocumentCodec = DocumentCodec<any> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The document codecs of every format, in registry order.
 *
 * @category registry
 * @since 0.1.0
 */
export const formats: ReadonlyArray<AnyDocumentCodec> = Object.values(registry) as ReadonlyArray<AnyDocumentCodec>

const hasOwn = Object.prototype.hasOwnProperty

/**
 * The document codec of a format id: typed for a known id, `undefined` for an unknown one.
 *
 * @category registry
 * @since 0.1.0
 */
export function byId<K extends FormatId>(id: K): Registry[K]
export function byId(id: string): AnyDocumentCodec | undefined
export function byId(id: string): AnyDocumentCodec | undefined {
  return typeof id === 'string' && hasOwn.call(registry, id) ? (registry[id as FormatId] as AnyDocumentCodec) : undefined
}

const essenceOf = (contentType: string | MediaType.MediaType): string | undefined => {
  if (typeof contentType !== 'string') return MediaType.essence(contentType)
  const m = MediaType.parse(contentType)
  return m._tag === 'Right' ? MediaType.essence(m.right) : undefined
}

/**
 * The document codecs of a media type (parameters such as `;charset=UTF-8` and case do not matter); more than one
 * when formats share the type.
 *
 * @category registry
 * @since 0.2.0
 */
export const byMediaType = (
  contentType: string | MediaType.MediaType,
  among: ReadonlyArray<AnyDocumentCodec> = formats
): ReadonlyArray<AnyDocumentCodec> => {
  const e = essenceOf(contentType)
  return e === undefined ? [] : among.filter((f) => f.contentType === e)
}

/**
 * The document codec of a media type when exactly one format has it (see {@link byMediaType} for shared types, and
 * {@link decodeBody}, which tells them apart).
 *
 * @category registry
 * @since 0.1.0
 */
export const byContentType = (contentType: string): AnyDocumentCodec | undefined => {
  const fs = byMediaType(contentType)
  return fs.length === 1 ? fs[0] : undefined
}

// -------------------------------------------------------------------------------------
// bodies
// -------------------------------------------------------------------------------------

/**
 * A decoded body, with the format it was found to be.
 *
 * @category model
 * @since 0.2.0
 */
export interface Body {
  readonly format: string
  readonly value: unknown
}

/**
 * What picks the format of a body beyond its media type.
 *
 * @category model
 * @since 0.2.0
 */
export interface BodyOptions extends DecodeOptions {
  /** The XCAP application usage the document belongs to (RFC 4825 §5), where it is known. */
  readonly auid?: string
  /** The formats to choose from (default: every registered format; add your own). */
  readonly among?: ReadonlyArray<AnyDocumentCodec>
}

const rootOf = (f: AnyDocumentCodec): Xml.QName | undefined => (f as { readonly rootName?: Xml.QName }).rootName
const auidOf = (f: AnyDocumentCodec): string | undefined => (f as { readonly auid?: string }).auid
const usageNamespaceOf = (f: AnyDocumentCodec): string | undefined =>
  (f as { readonly usage?: { readonly namespace?: string } }).usage?.namespace

/** The namespaces of a tree's element and attribute names. */
const namespacesOf = (root: Xml.Element): ReadonlySet<string> => {
  const out = new Set<string>()
  const stack: Array<Xml.Element> = [root]
  while (stack.length > 0) {
    const e = stack.pop() as Xml.Element
    out.add(e.name.ns)
    for (const k in e.attrs) if (k.startsWith('{')) out.add(Xml.fromKey(k).ns)
    for (const c of e.children) if (c._tag === 'Element') stack.push(c)
  }
  return out
}

/**
 * The format of a body from its media type, and where formats share it, from the XCAP application usage, the root
 * element's expanded name and, where several formats share the root too, the namespace of the usage the body uses
 * (else the first format listed: pres-rules for a bare common-policy ruleset in the registry).
 *
 * @category registry
 * @since 0.2.0
 */
export const formatOf = (
  contentType: string | MediaType.MediaType,
  body: string | Uint8Array,
  options: BodyOptions = {}
): E.Either<ReadonlyArray<Problem>, AnyDocumentCodec> => {
  const candidates = byMediaType(contentType, options.among)
  const shown = typeof contentType === 'string' ? contentType : MediaType.format(contentType)
  if (candidates.length === 0) return E.left([{ path: '', message: `expected a media type of a known format, got ${JSON.stringify(shown)}` }])
  if (candidates.length === 1) return E.right(candidates[0])
  const byAuid = options.auid === undefined ? candidates : candidates.filter((f) => auidOf(f) === options.auid)
  if (byAuid.length === 1) return E.right(byAuid[0])
  const p = parse(body, options)
  if (p._tag === 'Left') return E.left([{ path: `line ${p.left.line}, column ${p.left.column}`, message: `not well-formed XML: ${p.left.message}` }])
  const root = p.right.name
  const hit = byAuid.filter((f) => {
    const n = rootOf(f)
    return n !== undefined && Xml.eqName(n, root)
  })
  if (hit.length === 1) return E.right(hit[0])
  if (hit.length > 1) {
    // one root, several formats (common-policy, pres-rules, dialog-rules): the one whose own namespace the body uses
    // (pres-rules' sub-handling, dialog-rules' ...); else the first listed, registry order making pres-rules the default
    const used = namespacesOf(p.right)
    const specific = hit.filter((f) => {
      const ns = usageNamespaceOf(f)
      return ns !== undefined && ns !== root.ns && used.has(ns)
    })
    return E.right(specific.length === 1 ? specific[0] : hit[0])
  }
  const roots = byAuid.map((f) => rootOf(f)).filter((n): n is Xml.QName => n !== undefined)
  return E.left([
    {
      path: '',
      message: `expected a root element of ${roots.map((n) => `<{${n.ns}}${n.local}>`).join(' | ')}, got <{${root.ns}}${root.local}>`
    }
  ])
}

/**
 * Decodes a body by its media type (see {@link formatOf}), with the media type's parameters passed on to the codec.
 *
 * @category registry
 * @since 0.2.0
 */
export const decodeBody = (
  contentType: string | MediaType.MediaType,
  body: string | Uint8Array,
  options: BodyOptions = {}
): E.Either<ReadonlyArray<Problem>, Body> => {
  const f = formatOf(contentType, body, options)
  if (f._tag === 'Left') return f
  const mt = typeof contentType === 'string' ? MediaType.parse(contentType) : E.right(contentType)
  const o: DecodeOptions = mt._tag === 'Right' ? { ...options, contentType: mt.right } : options
  const r = f.right.decode(body, o)
  return r._tag === 'Left' ? r : E.right({ format: f.right.id, value: r.right })
}

/**
 * Decodes a body by its media type leniently.
 *
 * @category registry
 * @since 0.2.0
 */
export const decodeBodyLenient = (
  contentType: string | MediaType.MediaType,
  body: string | Uint8Array,
  options: BodyOptions = {}
): E.Either<ReadonlyArray<Problem>, Body & Omit<Lenient<unknown>, 'value'>> => {
  const f = formatOf(contentType, body, options)
  if (f._tag === 'Left') return f
  const mt = typeof contentType === 'string' ? MediaType.parse(contentType) : E.right(contentType)
  const o: DecodeOptions = mt._tag === 'Right' ? { ...options, contentType: mt.right } : options
  const r = f.right.decodeLenient(body, o)
  return r._tag === 'Left' ? r : E.right({ format: f.right.id, value: r.right.value, dropped: r.right.dropped, warnings: r.right.warnings })
}
