/**
 * RLS services (RFC 4826 §4): the services a resource list server offers, each a URI that subscribers subscribe to,
 * with the list of resources behind it (inline, as a resource-lists `<list>`, or by reference to a list in a
 * resource-lists document) and the event packages it serves. Namespace `urn:ietf:params:xml:ns:rls-services`,
 * content type `application/rls-services+xml`, XCAP AUID `rls-services` (users tree, document `index`). Elements and
 * attributes of other namespaces extend `<service>` and `<packages>` and are kept where they stand. Service URIs are
 * unique (RFC 4826 §4.4.5), compared as the RLS looks services up (RFC 4826 §4.5, §5: see {@link canonicalUri}).
 *
 * @example
 * import * as RlsServices from 'sip-simple-payloads/RlsServices'
 * const doc = RlsServices.rlsServices([
 *   RlsServices.service({
 *     uri: 'sip:alice+presence@example.com',
 *     resourceList: 'https://xcap.example.com/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list',
 *     packages: ['presence']
 *   })
 * ])
 * const xml = RlsServices.document.encode(doc)
 *
 * @since 0.2.0
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- `{}` is the value type of no extension */
import { pipe } from '#fp-ts/function'
import * as O from '#fp-ts/Option'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import { show } from '../codec/DecodeError.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import * as RL from './ResourceLists.js'
import * as Selector from '../xcap/Selector.js'

/**
 * The rls-services namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:rls-services'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/rls-services+xml'

/**
 * The XCAP application usage (RFC 4826 §4.4): AUID `rls-services`, documents in the users tree named `index`.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: 'rls-services',
  namespace: NS,
  mimeType: CONTENT_TYPE
})

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The `<packages>` of a service (RFC 4826 §4.1): the names of the event packages it serves, and elements of other
 * namespaces.
 *
 * @category model
 * @since 0.2.0
 */
export interface Packages {
  /** Event package names (`<package>`), kept exactly. */
  readonly packages: ReadonlyArray<string>
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * The resources behind a service: a `<resource-list>` (the HTTP URI of a list in a resource-lists document), or a
 * `<list>` written in place (RFC 4826 §4.1).
 *
 * @category model
 * @since 0.2.0
 */
export type Resources<L = {}, E = {}, R = {}, X = {}> =
  | { readonly _tag: 'ResourceList'; readonly resourceList: string }
  | { readonly _tag: 'List'; readonly list: RL.List<L, E, R, X> }

/**
 * A `<service>` (RFC 4826 §4.1): its URI, its resources, the packages it serves (any package when left out), and
 * elements and attributes of other namespaces. `L`, `E`, `R` and `X` are the extension fields of an inline list.
 *
 * @category model
 * @since 0.2.0
 */
export interface Service<L = {}, E = {}, R = {}, X = {}> {
  /** The URI subscribers subscribe to, kept as written. */
  readonly uri: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly resources: Resources<L, E, R, X>
  readonly packages?: Packages
  readonly other: ReadonlyArray<Xml.Element>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * An `<rls-services>` document (RFC 4826 §4.1).
 *
 * @category model
 * @since 0.2.0
 */
export interface RlsServices<L = {}, E = {}, R = {}, X = {}> {
  readonly services: ReadonlyArray<Service<L, E, R, X>>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<packages>` codec (`packagesType`, RFC 4826 §4.2): package names and foreign elements in any order.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Packages: XmlCodec<Packages> = /*#__PURE__*/ C.element(
  el('packages'),
  {
    xmlns: C.namespaces(),
    order: C.sourceOrder(),
    packages: C.interleaved(C.children(el('package'), V.string)),
    other: C.other(NS)
  },
  'Packages'
)

const uriValue = /*#__PURE__*/ V.preserving(V.anyURI)

/**
 * The `<service>` codec with extensions for its inline list (`serviceType`, RFC 4826 §4.2): the inline `<list>` is
 * of the resource-lists list type (its nested lists are `<rl:list>`s).
 *
 * @category extensions
 * @since 0.2.0
 */
export const serviceWith = <L = {}, E = {}, R = {}, X = {}>(
  exts: RL.Extensions<L, E, R, X>
): XmlCodec<Service<L, E, R, X>> =>
  C.element(
    el('service'),
    {
      xmlns: C.namespaces(),
      uri: C.attr('uri', uriValue),
      otherAttrs: C.otherAttrs((n) => n.ns !== '' && n.ns !== NS),
      resources: C.choice([
        C.member('ResourceList', 'resourceList', C.textElement(el('resource-list'), uriValue)),
        C.member('List', 'list', RL.listWith(exts, el('list')))
      ]),
      packages: C.optionalChild(Packages),
      other: C.other(NS)
    },
    'Service'
  ) as unknown as XmlCodec<Service<L, E, R, X>>

/**
 * The `<service>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Service: XmlCodec<Service> = /*#__PURE__*/ serviceWith({})

const HEX = /%([0-9A-Fa-f]{2})/g
const UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]$/
const USER_UNRESERVED = /^[&=+$,;?/]$/
const PARAM_UNRESERVED = /^[[\]/:&+$]$/
const LOWER_VALUES: ReadonlySet<string> = new Set(['transport', 'user', 'maddr'])

/** Percent-decodes the characters that need no escape (by `allowed`); the other escapes get upper-case digits. */
const unescape = (s: string, allowed: RegExp): string =>
  s.replace(HEX, (_m, h: string) => {
    const ch = String.fromCharCode(parseInt(h, 16))
    return UNRESERVED.test(ch) || allowed.test(ch) ? ch : '%' + h.toUpperCase()
  })

/**
 * A SIP or SIPS URI in the canonical form of RFC 4826 §5, by which an RLS finds the service of a SUBSCRIBE's request
 * URI: the scheme and host in lower case, escapes of characters that need none decoded (the other escapes in upper
 * case), parameter names and the tokens of `transport`, `user` and `maddr` in lower case, parameters sorted by name,
 * headers dropped. Other URIs are returned with their white space collapsed. Total on any string.
 *
 * @example
 * import { canonicalUri } from 'sip-simple-payloads/RlsServices'
 * canonicalUri('SIP:%6aoe@Example.COM;User=Phone;lr?Subject=x') // 'sip:joe@example.com;lr;user=phone'
 *
 * @category constructors
 * @since 0.2.0
 */
export const canonicalUri = (uri: string): string => {
  const u = V.collapse(Read.text(uri))
  const m = /^(sips?):(.*)$/i.exec(u)
  if (m === null) return u
  let rest = m[2]
  const at = rest.lastIndexOf('@')
  const user = at < 0 ? '' : unescape(rest.slice(0, at), USER_UNRESERVED)
  rest = at < 0 ? rest : rest.slice(at + 1)
  const q = rest.indexOf('?')
  if (q >= 0) rest = rest.slice(0, q)
  const [host, ...ps] = rest.split(';')
  const params = ps
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=')
      const name = unescape(eq < 0 ? p : p.slice(0, eq), PARAM_UNRESERVED).toLowerCase()
      if (eq < 0) return { name, text: name }
      const value = unescape(p.slice(eq + 1), PARAM_UNRESERVED)
      return { name, text: `${name}=${LOWER_VALUES.has(name) ? value.toLowerCase() : value}` }
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const tail = params.map((p) => ';' + p.text).join('')
  return `${m[1].toLowerCase()}:${at < 0 ? '' : user + '@'}${host.toLowerCase()}${tail}`
}

/** RFC 4826 §4.4.5: a service URI is unique among all services; the second occurrence is the error. */
const checkServices = (
  services: ReadonlyArray<Service<unknown, unknown, unknown, unknown>>
): ReadonlyArray<C.Violation> => {
  const out: Array<C.Violation> = []
  const seen = new Set<string>()
  services.forEach((s, i) => {
    const k = canonicalUri(s.uri)
    const message = `expected a service URI unique in the document, got ${show(s.uri)} again`
    if (seen.has(k)) out.push({ path: [`service[${i + 1}]`, '@uri'], message })
    else seen.add(k)
  })
  return out
}

/**
 * The `<rls-services>` codec with extensions for the inline lists of its services (RFC 4826 §4.2).
 *
 * @category extensions
 * @since 0.2.0
 */
export const rlsServicesWith = <L = {}, E = {}, R = {}, X = {}>(
  exts: RL.Extensions<L, E, R, X>
): XmlCodec<RlsServices<L, E, R, X>> =>
  C.constrain(
    C.element(
      el('rls-services'),
      { xmlns: C.namespaces({ root: true }), services: C.children(serviceWith(exts)) },
      'RlsServices'
    ) as unknown as XmlCodec<RlsServices<L, E, R, X>>,
    (d) => checkServices(d.services)
  )

/**
 * The `<rls-services>` codec: inline lists without extensions (foreign elements in them kept in place).
 *
 * @category codecs
 * @since 0.2.0
 */
export const RlsServices: XmlCodec<RlsServices> = /*#__PURE__*/ rlsServicesWith({})

/**
 * The document codec: format id `rls-services`, content type `application/rls-services+xml`, AUID `rls-services`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<RlsServices> = /*#__PURE__*/ Doc.xcap(RlsServices, {
  id: 'rls-services',
  title: 'RLS services (RFC 4826)',
  usage,
  // element-only content: white space in these is indentation, also where they are empty
  elementOnly: [
    ...['rls-services', 'service', 'packages'].map(el),
    ...['list', 'entry', 'entry-ref', 'external'].map((local) => ({ ns: RL.NS, local }))
  ]
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * What a service is built from: its URI, a list in place (`list`) or the URI of one (`resourceList`), and the
 * packages it serves (left out: any package).
 *
 * @category constructors
 * @since 0.2.0
 */
export interface ServiceInput<L, E, R, X> {
  readonly uri: string
  readonly resourceList?: string
  readonly list?: RL.List<L, E, R, X>
  readonly packages?: ReadonlyArray<string>
  readonly other?: ReadonlyArray<Xml.Element>
}

/**
 * A service: `service({ uri, resourceList, packages: ['presence'] })` or `service({ uri, list })`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const service = <L = {}, E = {}, R = {}, X = {}>(input: ServiceInput<L, E, R, X>): Service<L, E, R, X> => {
  const i = Read.record(input)
  const resources: Resources<L, E, R, X> = Read.isRecord(i.list)
    ? { _tag: 'List', list: i.list as unknown as RL.List<L, E, R, X> }
    : { _tag: 'ResourceList', resourceList: typeof i.resourceList === 'string' ? i.resourceList : '' }
  return {
    uri: typeof i.uri === 'string' ? i.uri : '',
    resources,
    ...(Array.isArray(i.packages)
      ? { packages: { packages: Read.arrayOf(i.packages, (u): u is string => typeof u === 'string'), other: [] } }
      : {}),
    other: Read.arrayOf(i.other, C.isElement)
  }
}

/**
 * An rls-services document of the given services.
 *
 * @category constructors
 * @since 0.2.0
 */
export const rlsServices = <L = {}, E = {}, R = {}, X = {}>(
  services: ReadonlyArray<Service<L, E, R, X>> = []
): RlsServices<L, E, R, X> => ({
  services: Read.arrayOf(services, Read.isRecord) as unknown as ReadonlyArray<Service<L, E, R, X>>
})

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The service with this URI (as written). Writing it back keeps the URI.
 *
 * @example
 * import * as RlsServices from 'sip-simple-payloads/RlsServices'
 * const doc = RlsServices.rlsServices([
 *   RlsServices.service({ uri: 'sip:friends@example.com', resourceList: 'https://xcap.example.com/x' })
 * ])
 * const friends = RlsServices.serviceByUri('sip:friends@example.com').getOption(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const serviceByUri = <L = {}, E = {}, R = {}, X = {}>(
  uri: string
): Op.Optional<RlsServices<L, E, R, X>, Service<L, E, R, X>> =>
  pipe(
    L.id<RlsServices<L, E, R, X>>(),
    L.prop('services'),
    L.composeOptional(Optics.byKey<Service<L, E, R, X>, 'uri'>('uri', uri))
  )

/**
 * The node selector of the service {@link serviceByUri} focuses (RFC 4825 §6.3): by URI where it is unique, else by
 * position.
 *
 * @category optics
 * @since 0.2.0
 */
export const serviceSelector = <L, E, R, X>(d: RlsServices<L, E, R, X>, uri: string): Selector.Target | undefined => {
  const uris = d.services.map((s) => s.uri)
  const i = uris.indexOf(uri)
  return i === -1
    ? undefined
    : { selector: Selector.selector([Selector.step('rls-services'), Selector.keyed('service', 'uri', uris, i)]), bindings: new Map() }
}

/** The packages of a service, where it has them (an edit never adds them). */
const packagesOf = <L, E, R, X>(): Op.Optional<Service<L, E, R, X>, Packages> =>
  Op.optional(
    (s) => O.fromNullable(s.packages),
    (p) => (s) => (s.packages === undefined || s.packages === p ? s : { ...s, packages: p })
  )

/**
 * Every package name of the service with this URI (none when it has no `<packages>`).
 *
 * @category optics
 * @since 0.2.0
 */
export const everyPackage = <L = {}, E = {}, R = {}, X = {}>(
  uri: string
): T.Traversal<RlsServices<L, E, R, X>, string> =>
  pipe(
    serviceByUri<L, E, R, X>(uri),
    Op.compose(packagesOf<L, E, R, X>()),
    Op.asTraversal,
    T.prop('packages'),
    T.composeTraversal(Optics.every<string>())
  )
