/**
 * Resource list meta-information (RLMI, RFC 4662 §5): the root document of the `multipart/related` body that a
 * resource list server (RLS) sends in each NOTIFY of a list subscription. Namespace `urn:ietf:params:xml:ns:rlmi`,
 * content type `application/rlmi+xml`. A `<list>` (its URI, a version, whether it holds full state, names with
 * `xml:lang`) holds one `<resource>` per resource reported, and each resource the `<instance>`s of its virtual
 * subscription: an id unique within the resource, the subscription state (`active`, `pending`, `terminated` with a
 * reason) and the Content-ID (`cid`) of the body part that carries the resource's state (RFC 4662 §5.2 to §5.5).
 * Attributes of any namespace extend the three elements (the schema's `xs:anyAttribute`) and are kept in
 * `otherAttrs`; the content of an `<instance>` (the schema's `xs:any`, any namespace) is kept in `other`.
 *
 * Beyond the schema, the RFC's rules are checked: the URIs of the resources of a list are unique (each is a row of the
 * subscriber's table, §5.6), the ids of the instances of a resource are unique (§5.5), an active instance names its
 * body part and a terminated one gives a reason (§5.5). {@link merge} is the RFC 4662 §5.6 rule for the state engine
 * in `codec/Versioned`, on the RLMI document alone; `RlsNotification` keeps the whole list state, parts included.
 *
 * @example
 * import * as Rlmi from 'sip-simple-payloads/Rlmi'
 * const doc = Rlmi.list({
 *   uri: 'sip:adam-friends@example.com',
 *   version: 0,
 *   fullState: true,
 *   names: [Rlmi.name('Buddy List', 'en')],
 *   resources: [
 *     Rlmi.resource('sip:bob@example.com', {
 *       names: [Rlmi.name('Bob')],
 *       instances: [Rlmi.instance({ state: 'active', cid: 'bob@example.com' })]
 *     })
 *   ]
 * })
 * const body = Rlmi.document.encode(doc)
 * if (!body.includes('fullState="true"')) throw new Error('unexpected')
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import type * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as KeyedMerge from '../codec/KeyedMerge.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type * as Versioned from '../codec/Versioned.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The namespace of RLMI documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:rlmi'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/rlmi+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The instance state values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const stateValue = /*#__PURE__*/ V.literal('active', 'pending', 'terminated')

/**
 * The state of the virtual subscription to an instance of a resource, with the meanings of the `Subscription-State`
 * header field (RFC 4662 §5.5, RFC 6665 §8.2.3).
 *
 * @category model
 * @since 0.2.0
 */
export type State = V.LiteralOf<typeof stateValue>

/**
 * A human-readable name of a list or resource, with its language (RFC 4662 §5.4).
 *
 * @category model
 * @since 0.2.0
 */
export type Name = C.Localized

/**
 * An instance: one notifier of a resource, that is one virtual subscription (RFC 4662 §5.5).
 *
 * @category model
 * @since 0.2.0
 */
export interface Instance {
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** Opaque; unique within the resource. */
  readonly id: string
  readonly state: State
  /** Why the subscription was terminated (the reasons of RFC 6665 §8.2.3); present when the state is `terminated`. */
  readonly reason?: string
  /** The Content-ID of the body part with the resource's state, without angle brackets; present when `active`. */
  readonly cid?: string
  /** Attributes of other names (the schema's `xs:anyAttribute`), keyed in Clark notation. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The element's content (the schema's `xs:any`, of any namespace), in document order. */
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A resource of the list, with its names and instances (RFC 4662 §5.3). No instance means that the server does not
 * know its state yet (§4.5).
 *
 * @category model
 * @since 0.2.0
 */
export interface Resource {
  /** The resource's URI: the key of its row in the subscriber's table (RFC 4662 §5.6). */
  readonly uri: string
  /** Attributes of other names (the schema's `xs:anyAttribute`), keyed in Clark notation. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly names: ReadonlyArray<Name>
  readonly instances: ReadonlyArray<Instance>
}

/**
 * An RLMI document: the `<list>` root (RFC 4662 §5.1, §5.2).
 *
 * @category model
 * @since 0.2.0
 */
export interface List {
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  /** The list's URI, usually the one the SUBSCRIBE was sent to. */
  readonly uri: string
  /** 0 for the first NOTIFY of a subscription, one more for each later one (`xs:unsignedInt`). */
  readonly version: number
  /** Whether the document reports every resource of the list (RFC 4662 §5.2). */
  readonly fullState: boolean
  /** The Content-ID of a part with aggregate state of the whole list (defined per event package). */
  readonly cid?: string
  /** Attributes of other names (the schema's `xs:anyAttribute`), keyed in Clark notation. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly names: ReadonlyArray<Name>
  readonly resources: ReadonlyArray<Resource>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** `xs:anyAttribute processContents="lax"` (namespace `##any`): every attribute no field claims. */
const anyAttribute = (): ReturnType<typeof C.otherAttrs> => C.otherAttrs(Xml.anyName)

/**
 * The `<name>` element (RFC 4662 §5.4): text with an optional `xml:lang`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Name: XmlCodec<Name> = /*#__PURE__*/ C.localized(el('name'), V.string, 'Name')

/**
 * The `<instance>` element (RFC 4662 §5.5).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Instance: XmlCodec<Instance> = /*#__PURE__*/ C.element(
  el('instance'),
  {
    xmlns: C.namespaces(),
    id: C.attr('id', V.string),
    state: C.attr('state', stateValue),
    reason: C.optionalAttr('reason', V.string),
    cid: C.optionalAttr('cid', V.string),
    otherAttrs: anyAttribute(),
    other: C.other(Xml.anyName)
  },
  'Instance'
)

const unique = <A>(
  items: ReadonlyArray<A>,
  key: (a: A) => string,
  path: (i: number) => ReadonlyArray<string>,
  what: string
): Array<C.Violation> => {
  const seen = new Set<string>()
  const out: Array<C.Violation> = []
  items.forEach((a, i) => {
    const k = key(a)
    if (seen.has(k)) out.push({ path: path(i), message: `expected ${what}, got ${JSON.stringify(k)} again` })
    else seen.add(k)
  })
  return out
}

/** The RFC 4662 §5.5 rules of the instances of one resource, at paths below the resource. */
const instanceRules = (r: Resource): Array<C.Violation> => {
  const out = unique(
    r.instances,
    (i) => i.id,
    (i) => [`instance[${i + 1}]`, '@id'],
    'an instance id unique within its resource (RFC 4662 §5.5)'
  )
  r.instances.forEach((x, i) => {
    if (x.state === 'active' && x.cid === undefined)
      out.push({
        path: [`instance[${i + 1}]`, '@cid'],
        message: 'expected the cid of the part with the state of an active instance (RFC 4662 §5.5), got nothing'
      })
    if (x.state === 'terminated' && x.reason === undefined)
      out.push({
        path: [`instance[${i + 1}]`, '@reason'],
        message: 'expected the reason of a terminated instance (RFC 4662 §5.5), got nothing'
      })
  })
  return out
}

/**
 * The `<resource>` element (RFC 4662 §5.3), with the rules of its instances: unique ids, a `cid` when active, a
 * `reason` when terminated (§5.5).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Resource: XmlCodec<Resource> = /*#__PURE__*/ C.constrain(
  C.element(
    el('resource'),
    {
      uri: C.attr('uri', V.anyURI),
      otherAttrs: anyAttribute(),
      names: C.children(Name),
      instances: C.children(Instance)
    },
    'Resource'
  ),
  instanceRules
)

/**
 * The `<list>` root element (RFC 4662 §5.1, §5.2), with unique resource URIs (§5.6).
 *
 * @category codecs
 * @since 0.2.0
 */
export const List: XmlCodec<List> = /*#__PURE__*/ C.constrain(
  C.element(
    el('list'),
    {
      xmlns: C.namespaces({ root: true }),
      uri: C.attr('uri', V.anyURI),
      version: C.attr('version', V.unsignedInt),
      fullState: C.attr('fullState', V.boolean),
      cid: C.optionalAttr('cid', V.string),
      otherAttrs: anyAttribute(),
      names: C.children(Name),
      resources: C.children(Resource)
    },
    'List'
  ),
  (l) =>
    unique(
      l.resources,
      (r) => r.uri,
      (i) => [`resource[${i + 1}]`, '@uri'],
      'a resource URI unique within the list (RFC 4662 §5.6)'
    )
)

/**
 * The document codec: `application/rlmi+xml`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<List> = /*#__PURE__*/ Doc.xml(List, {
  id: 'rlmi',
  contentType: CONTENT_TYPE,
  title: 'Resource list meta-information (RFC 4662)',
  elementOnly: [el('list'), el('resource'), el('instance')]
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

let counter = 0

/**
 * A fresh instance id: the prefix, a counter and a random part in base 36 (`i1k3f9x2q`), unique within a process run
 * and practically unique beyond.
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshId = (prefix = 'i'): string => {
  const p = typeof prefix === 'string' && /^[A-Za-z0-9._-]{0,16}$/.test(prefix) ? prefix : 'i'
  const random = Math.floor(Math.random() * 36 ** 6)
  return `${p}${(counter++).toString(36)}${random.toString(36).padStart(6, '0')}`
}

/**
 * A name, with its language when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const name = (value: string, lang?: string): Name => {
  const v = Read.string(value) ?? ''
  const l = Read.string(lang)
  return l === undefined ? { value: v } : { lang: l, value: v }
}

const namesOf = (u: unknown): ReadonlyArray<Name> => Read.arrayOf(u, Name.is)

/**
 * An instance, with a fresh id when none is given: `instance({ state: 'active', cid: 'bob@example.com' })`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const instance = (input: {
  readonly id?: string
  readonly state: State
  readonly reason?: string
  readonly cid?: string
  readonly other?: ReadonlyArray<Xml.Element>
}): Instance => {
  const i = Read.record(input)
  const reason = Read.string(i.reason)
  const cid = Read.string(i.cid)
  return {
    id: Read.string(i.id) ?? freshId(),
    state: stateValue.is(i.state) ? i.state : 'pending',
    ...(reason === undefined ? {} : { reason }),
    ...(cid === undefined ? {} : { cid }),
    other: Read.arrayOf(i.other, C.isElement)
  }
}

/**
 * A resource: `resource('sip:bob@example.com', { names: [name('Bob')], instances: [instance({ state: 'pending' })] })`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const resource = (
  uri: string,
  options: { readonly names?: ReadonlyArray<Name>; readonly instances?: ReadonlyArray<Instance> } = {}
): Resource => {
  const o = Read.record(options)
  return { uri: Read.string(uri) ?? '', names: namesOf(o.names), instances: Read.arrayOf(o.instances, Instance.is) }
}

/**
 * An RLMI document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const list = (input: {
  readonly uri: string
  readonly version: number
  readonly fullState: boolean
  readonly cid?: string
  readonly names?: ReadonlyArray<Name>
  readonly resources?: ReadonlyArray<Resource>
}): List => {
  const i = Read.record(input)
  const cid = Read.string(i.cid)
  const version = Read.integer(i.version)
  return {
    uri: Read.string(i.uri) ?? '',
    version: typeof version === 'number' ? version : 0,
    fullState: i.fullState === true,
    ...(cid === undefined ? {} : { cid }),
    names: namesOf(i.names),
    resources: Read.arrayOf(i.resources, Resource.is)
  }
}

/**
 * How an RLMI document merges (RFC 4662 §5.6), for `KeyedMerge`: resources are rows keyed by URI, merged field by
 * field (names are replaced when a document carries some); their instances are rows keyed by id, replaced whole, and
 * a terminated instance leaves its resource.
 *
 * @category constructors
 * @since 0.2.0
 */
export const tree: KeyedMerge.Node<List> = {
  slots: {
    resources: /*#__PURE__*/ KeyedMerge.rows<Resource>('uri', {
      slots: {
        instances: KeyedMerge.rows<Instance>('id', {}, { replace: true, removes: (i) => i.state === 'terminated' })
      }
    })
  }
}

const listView = (state: List, doc: List): List => {
  const { cid: _c, otherAttrs: _o, xmlns: _x, ...rest } = state
  return {
    ...(doc.xmlns === undefined ? {} : { xmlns: doc.xmlns }),
    ...rest,
    uri: doc.uri,
    version: doc.version,
    fullState: true,
    ...(doc.cid === undefined ? {} : { cid: doc.cid }),
    ...(doc.otherAttrs === undefined ? {} : { otherAttrs: doc.otherAttrs })
  }
}

/**
 * The RFC 4662 §5.6 rule for `Versioned.apply`, on RLMI documents alone. The state is itself a full-state RLMI
 * document: a full-state one flushes the table and repopulates it; a partial one updates the resources it reports
 * (adding those it does not know, at the end) and leaves the others alone. A reported resource takes the names it
 * carries (it keeps its names when it carries none); its instances are updated by id, replaced whole, and a
 * terminated instance leaves the table (§5.6.2 lets it be removed at any time; here it is removed at once), in
 * full-state documents too. The list's URI, version, `cid` and foreign attributes come from the latest document, its
 * names from the latest document that carries some.
 *
 * @category constructors
 * @since 0.2.0
 */
export const merge: Versioned.Merge<List, List> = /*#__PURE__*/ KeyedMerge.merge(tree, {
  version: (doc) => doc.version,
  isFullState: (doc) => doc.fullState,
  view: listView
})

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The resource with this URI. Writing it back keeps the URI.
 *
 * @category optics
 * @since 0.2.0
 */
export const resourceByUri = (uri: string): Op.Optional<List, Resource> =>
  pipe(L.id<List>(), L.prop('resources'), L.composeOptional(Optics.byKey('uri', uri)))

/**
 * The instance of a resource with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const instanceById = (id: string): Op.Optional<Resource, Instance> =>
  pipe(L.id<Resource>(), L.prop('instances'), L.composeOptional(Optics.byKey('id', id)))

/**
 * Every resource of the list, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyResource: T.Traversal<List, Resource> = /*#__PURE__*/ pipe(
  L.id<List>(),
  L.prop('resources'),
  L.composeTraversal(Optics.every<Resource>())
)

/**
 * Every instance of every resource, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyInstance: T.Traversal<List, Instance> = /*#__PURE__*/ pipe(
  everyResource,
  T.prop('instances'),
  T.composeTraversal(Optics.every<Instance>())
)
