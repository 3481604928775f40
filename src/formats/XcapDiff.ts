/**
 * xcap-diff (RFC 5874, with RFC 5875's element and attribute changes): what changed in a set of XCAP documents, as a
 * subscriber to them receives it in NOTIFY bodies. Namespace `urn:ietf:params:xml:ns:xcap-diff`, content type
 * `application/xcap-diff+xml`. A `<document>` change names a document (relative to the `xcap-root`) with its new and
 * previous ETags and, where the server says what changed, RFC 5261 patch operations (`add`, `replace`, `remove`) or
 * `body-not-changed`; `<element>` and `<attribute>` changes carry the new content of one node, or say that it no
 * longer exists.
 *
 * Selectors hold prefixes that the namespace declarations in scope give meaning to (RFC 5261 §4.2, RFC 5874 §4): each
 * operation and node change carries, as data, the bindings its selector uses (`bindings`), decoded from the
 * declarations in scope and written back as declarations on its element, so that a value means the same wherever it
 * is written. {@link operations} turns a document change into patch operations for `xcap/Patch.apply`.
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import * as O from '#fp-ts/Option'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import type { Operation } from '../xcap/Patch.js'
import { parsePath, prefixesOf as patchPrefixes } from '../xcap/Patch.js'
import * as Selector from '../xcap/Selector.js'

/**
 * The xcap-diff namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:xcap-diff'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/xcap-diff+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An `<add>` operation (RFC 5261 §4.3): new content for the node `sel` locates.
 *
 * @category model
 * @since 0.2.0
 */
export interface Add {
  readonly sel: string
  readonly pos?: 'before' | 'after' | 'prepend'
  readonly type?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The namespace bindings the selector (and `type`) use. */
  readonly bindings?: ReadonlyArray<Xml.NsDecl>
  readonly content: ReadonlyArray<Xml.Node>
}

/**
 * A `<replace>` operation (RFC 5261 §4.4).
 *
 * @category model
 * @since 0.2.0
 */
export interface Replace {
  readonly sel: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly bindings?: ReadonlyArray<Xml.NsDecl>
  readonly content: ReadonlyArray<Xml.Node>
}

/**
 * A `<remove>` operation (RFC 5261 §4.5).
 *
 * @category model
 * @since 0.2.0
 */
export interface Remove {
  readonly sel: string
  readonly ws?: 'before' | 'after' | 'both'
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly bindings?: ReadonlyArray<Xml.NsDecl>
}

/**
 * One member of a document change's patch: an operation, or an element of another namespace in its place.
 *
 * @category model
 * @since 0.2.0
 */
export type PatchMember =
  | { readonly _tag: 'Add'; readonly add: Add }
  | { readonly _tag: 'Replace'; readonly replace: Replace }
  | { readonly _tag: 'Remove'; readonly remove: Remove }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * A `<document>` change (RFC 5874 §4): the document `sel` names (relative to the xcap-root), its ETags, and either
 * `body-not-changed`, or the patch that turns the previous version into the new one (empty: not said).
 *
 * @category model
 * @since 0.2.0
 */
export interface DocumentChange {
  readonly sel: string
  readonly newEtag?: string
  readonly previousEtag?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly bodyNotChanged?: true
  readonly patch: ReadonlyArray<PatchMember>
}

/**
 * An `<element>` change (RFC 5875 §4.2): the new content of the element `sel` selects (a document selector, `~~`, a
 * node selector), or `exists: false` when it was removed.
 *
 * @category model
 * @since 0.2.0
 */
export interface ElementChange {
  readonly sel: string
  /** An `xs:boolean` as written; see {@link exists}. */
  readonly exists?: Exists
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The bindings of the node selector's prefixes. */
  readonly bindings?: ReadonlyArray<Xml.NsDecl>
  readonly content: ReadonlyArray<Xml.Node>
}

/**
 * An `<attribute>` change (RFC 5875 §4.3): the new value of the attribute `sel` selects, or `exists: false`.
 *
 * @category model
 * @since 0.2.0
 */
export interface AttributeChange {
  readonly sel: string
  /** An `xs:boolean` as written; see {@link exists}. */
  readonly exists?: Exists
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly bindings?: ReadonlyArray<Xml.NsDecl>
  readonly value: string
}

/**
 * The `exists` attribute as written (`xs:boolean`: `true`, `false`, `1` or `0`).
 *
 * @category model
 * @since 0.2.0
 */
export type Exists = 'true' | 'false' | '1' | '0'

/**
 * Whether the node of an element or attribute change exists (`exists` absent, `true` or `1`).
 *
 * @category model
 * @since 0.2.0
 */
export const exists = (c: { readonly exists?: Exists }): boolean => c.exists !== 'false' && c.exists !== '0'

/**
 * One change, in document order.
 *
 * @category model
 * @since 0.2.0
 */
export type Change =
  | { readonly _tag: 'Document'; readonly document: DocumentChange }
  | { readonly _tag: 'Element'; readonly element: ElementChange }
  | { readonly _tag: 'Attribute'; readonly attribute: AttributeChange }

/**
 * An xcap-diff document.
 *
 * @category model
 * @since 0.2.0
 */
export interface XcapDiff {
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
  readonly xcapRoot: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly changes: ReadonlyArray<Change>
  readonly other: ReadonlyArray<Xml.Element>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** The prefixes of an XCAP node selector in a `sel` that is a document selector, `~~`, a node selector. */
const nodePrefixes = (sel: string): ReadonlyArray<string> => {
  const i = sel.indexOf('~~')
  if (i === -1) return []
  const p = Selector.parse(stripSpace(sel.slice(i + 2)).replace(/^\//, ''), { percentEncoded: true })
  return p._tag === 'Left' ? [] : Selector.prefixesOf(p.right)
}

/** Selectors written over several lines (as RFC examples are) lose their white space: a URI holds none. */
const stripSpace = (s: string): string => s.replace(/[ \t\r\n]+/g, '')

/** `exists` as written: an `xs:boolean` whose lexical form is kept (the RFC's own examples write `0`). */
const existsValue = /*#__PURE__*/ V.literal('true', 'false', '1', '0')

const posValue = /*#__PURE__*/ V.literal('before', 'after', 'prepend')

/** RFC 5261's `xpath` (and, for `<add>`, `xpath-add`: its last step is no attribute and no namespace). */
const xpath = (add: boolean): V.ValueCodec<string> =>
  V.refine(
    V.string,
    (s) => {
      const p = parsePath(s)
      return p._tag === 'Right' && !(add && (p.right.last?._tag === 'Attribute' || p.right.last?._tag === 'Namespace'))
    },
    add ? 'an RFC 5261 selector of an element, text or other node' : 'an RFC 5261 selector'
  )

/** `<add type>`: an attribute (`@name`, `@p:name`) or a namespace declaration (`namespace::p`). */
const addType = /*#__PURE__*/ V.refine(
  V.string,
  (s) => {
    const m = /^(?:@(?:([^:]*):)?([^:]*)|namespace::(.*))$/u.exec(s)
    return m !== null && (m[3] !== undefined ? Xml.isNCName(m[3]) : (m[1] === undefined || Xml.isNCName(m[1])) && Xml.isNCName(m[2]))
  },
  'an attribute (@name) or a namespace declaration (namespace::prefix)'
)

/** At most one element in the content (`<replace>`, `<element>`), with text around it as the schema's mixed content allows. */
const oneElement = <A extends { readonly content: ReadonlyArray<Xml.Node> }>(codec: XmlCodec<A>): XmlCodec<A> =>
  C.constrain(codec, (a) => {
    const n = a.content.filter((c) => c._tag === 'Element').length
    return n > 1 ? [{ path: [], message: `expected at most one element in the content, got ${n}` }] : []
  })
const wsValue = /*#__PURE__*/ V.literal('before', 'after', 'both')

/** The prefixes of a patch operation: its selector's, and for `<add type="@p:name">` the attribute's. */
const opPrefixes = (attrs: Readonly<Record<string, string>>): ReadonlyArray<string> => {
  const ps = attrs.sel === undefined ? [] : patchPrefixes(attrs.sel)
  const m = attrs.type === undefined ? null : /^@([^:]+):/.exec(attrs.type)
  return m === null || ps.includes(m[1]) ? ps : [...ps, m[1]]
}

const selPrefixes = (attrs: Readonly<Record<string, string>>): ReadonlyArray<string> =>
  attrs.sel === undefined ? [] : nodePrefixes(attrs.sel)

const opAgree = C.bindingsAgree(opPrefixes)
const nodeAgree = C.bindingsAgree(selPrefixes)

/** The guard that an operation's or a node change's bindings are those of its selector. */
const agreeing = <A extends { readonly sel: string; readonly type?: string; readonly bindings?: ReadonlyArray<Xml.NsDecl> }>(
  codec: XmlCodec<A>,
  agree: typeof opAgree
): XmlCodec<A> =>
  C.refine(
    codec,
    (a): a is A => agree(a.type === undefined ? { sel: a.sel } : { sel: a.sel, type: a.type }, a.bindings),
    'bindings for the prefixes of sel',
    () => 'bindings that are not those of the prefixes of sel'
  )

/**
 * `<add>`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Add: XmlCodec<Add> = /*#__PURE__*/ agreeing(
  C.element(
    el('add'),
    {
      sel: C.attr('sel', xpath(true)),
      pos: C.optionalAttr('pos', posValue),
      type: C.optionalAttr('type', addType),
      otherAttrs: C.otherAttrs(),
      bindings: C.bindingsFor(opPrefixes),
      content: C.content()
    },
    'Add'
  ),
  opAgree
)

/**
 * `<replace>`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Replace: XmlCodec<Replace> = /*#__PURE__*/ oneElement(
  agreeing(
    C.element(el('replace'), { sel: C.attr('sel', xpath(false)), otherAttrs: C.otherAttrs(), bindings: C.bindingsFor(opPrefixes), content: C.content() }, 'Replace'),
    opAgree
  )
)

/**
 * `<remove>`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Remove: XmlCodec<Remove> = /*#__PURE__*/ agreeing(
  C.element(
    el('remove'),
    { sel: C.attr('sel', xpath(false)), ws: C.optionalAttr('ws', wsValue), otherAttrs: C.otherAttrs(), bindings: C.bindingsFor(opPrefixes) },
    'Remove'
  ),
  opAgree
)

/**
 * `<document>` (RFC 5874 §4, the schema's `documentType`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const DocumentChange: XmlCodec<DocumentChange> = /*#__PURE__*/ C.refine(
  C.element(
    el('document'),
    {
      sel: C.attr('sel', V.anyURI),
      newEtag: C.optionalAttr('new-etag', V.string),
      previousEtag: C.optionalAttr('previous-etag', V.string),
      otherAttrs: C.otherAttrs(),
      bodyNotChanged: C.optionalChild(C.empty(el('body-not-changed'), true as const)),
      patch: C.choices([C.member('Add', 'add', Add), C.member('Replace', 'replace', Replace), C.member('Remove', 'remove', Remove), C.otherMember(NS)])
    },
    'DocumentChange'
  ),
  (d): d is DocumentChange => d.bodyNotChanged === undefined || d.patch.length === 0,
  '<body-not-changed/> alone',
  (d) => `<body-not-changed/> with ${d.patch.length} patch operation(s)`
)

/**
 * `<element>` (RFC 5875 §4.2).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ElementChange: XmlCodec<ElementChange> = /*#__PURE__*/ oneElement(agreeing(C.element(
  el('element'),
  {
    sel: C.attr('sel', V.string),
    exists: C.optionalAttr('exists', existsValue),
    otherAttrs: C.otherAttrs(),
    bindings: C.bindingsFor(selPrefixes),
    content: C.content()
  },
  'ElementChange'
), nodeAgree))

/**
 * `<attribute>` (RFC 5875 §4.3).
 *
 * @category codecs
 * @since 0.2.0
 */
export const AttributeChange: XmlCodec<AttributeChange> = /*#__PURE__*/ agreeing(C.element(
  el('attribute'),
  {
    sel: C.attr('sel', V.string),
    exists: C.optionalAttr('exists', existsValue),
    otherAttrs: C.otherAttrs(),
    bindings: C.bindingsFor(selPrefixes),
    value: C.text(V.string)
  },
  'AttributeChange'
), nodeAgree)

/**
 * `<xcap-diff>` (RFC 5874 §4).
 *
 * @category codecs
 * @since 0.2.0
 */
export const XcapDiff: XmlCodec<XcapDiff> = /*#__PURE__*/ C.element(
  el('xcap-diff'),
  {
    xmlns: C.namespaces({ root: true }),
    xcapRoot: C.attr('xcap-root', V.anyURI),
    otherAttrs: C.otherAttrs(),
    changes: C.choices([
      C.member('Document', 'document', DocumentChange),
      C.member('Element', 'element', ElementChange),
      C.member('Attribute', 'attribute', AttributeChange)
    ]),
    other: C.other(NS)
  },
  'XcapDiff'
)

/**
 * The document codec: format id `xcap-diff`, `application/xcap-diff+xml`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<XcapDiff> = /*#__PURE__*/ Doc.xml(XcapDiff, {
  id: 'xcap-diff',
  contentType: CONTENT_TYPE,
  title: 'xcap-diff (RFC 5874, RFC 5875)'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An xcap-diff document.
 *
 * @example
 * import { xcapDiff, documentChange } from 'sip-simple-payloads/XcapDiff'
 * xcapDiff('http://xcap.example.com/', [documentChange('resource-lists/users/sip:joe@example.com/index', { previousEtag: 'a', newEtag: 'b' })])
 *
 * @category constructors
 * @since 0.2.0
 */
export const xcapDiff = (xcapRoot: string, changes: ReadonlyArray<Change> = []): XcapDiff => ({
  xcapRoot: Read.text(xcapRoot),
  changes: Read.array(changes) as ReadonlyArray<Change>,
  other: []
})

/**
 * A document change, with the patch operations (from `xcap/Diff`, say) that turn the previous version into the new one.
 *
 * @category constructors
 * @since 0.2.0
 */
export const documentChange = (
  sel: string,
  options: { readonly newEtag?: string; readonly previousEtag?: string; readonly operations?: ReadonlyArray<Operation>; readonly bodyNotChanged?: boolean } = {}
): Change => {
  const o = Read.record(options)
  const newEtag = Read.string(o.newEtag)
  const previousEtag = Read.string(o.previousEtag)
  return {
    _tag: 'Document',
    document: {
      sel: Read.text(sel),
      ...(newEtag === undefined ? {} : { newEtag }),
      ...(previousEtag === undefined ? {} : { previousEtag }),
      ...(o.bodyNotChanged === true ? { bodyNotChanged: true as const } : {}),
      patch: o.bodyNotChanged === true ? [] : (Read.array(o.operations) as ReadonlyArray<Operation>).map(memberOf)
    }
  }
}

const bindingsOf = (bs: ReadonlyArray<Xml.NsDecl>): { readonly bindings?: ReadonlyArray<Xml.NsDecl> } => (bs.length === 0 ? {} : { bindings: bs })

/** A patch operation as a member of a document change (with the bindings its selector uses, in their order). */
const memberOf = (op: Operation): PatchMember => {
  const given = Read.array(op.bindings).filter(Xml.isNsDecl)
  const bs: Array<Xml.NsDecl> = []
  for (const p of opPrefixes(op._tag === 'Add' && op.type !== undefined ? { sel: op.sel, type: op.type } : { sel: op.sel })) {
    const b = given.find((d) => d.prefix === p)
    if (b !== undefined && p !== 'xml' && b.uri !== '') bs.push(b)
  }
  switch (op._tag) {
    case 'Add':
      return {
        _tag: 'Add',
        add: { sel: op.sel, ...(op.pos === undefined ? {} : { pos: op.pos }), ...(op.type === undefined ? {} : { type: op.type }), ...bindingsOf(bs), content: op.content }
      }
    case 'Replace':
      return { _tag: 'Replace', replace: { sel: op.sel, ...bindingsOf(bs), content: op.content } }
    default:
      return { _tag: 'Remove', remove: { sel: op.sel, ...(op.ws === undefined ? {} : { ws: op.ws }), ...bindingsOf(bs) } }
  }
}

/**
 * The patch operations of a document change, for `xcap/Patch.apply` (foreign members are left out).
 *
 * @category constructors
 * @since 0.2.0
 */
export const operations = (d: DocumentChange): ReadonlyArray<Operation> =>
  Read.array(Read.record(d).patch).flatMap((m): ReadonlyArray<Operation> => {
    const r = Read.record(m)
    const op = Read.record(r._tag === 'Add' ? r.add : r._tag === 'Replace' ? r.replace : r._tag === 'Remove' ? r.remove : undefined)
    const sel = Read.string(op.sel)
    if (sel === undefined) return []
    const bindings = Read.array(op.bindings) as ReadonlyArray<Xml.NsDecl>
    const content = Read.array(op.content) as ReadonlyArray<Xml.Node>
    switch (r._tag) {
      case 'Add': {
        const pos = op.pos === 'before' || op.pos === 'after' || op.pos === 'prepend' ? op.pos : undefined
        const type = Read.string(op.type)
        return [{ _tag: 'Add', sel, ...(pos === undefined ? {} : { pos }), ...(type === undefined ? {} : { type }), content, bindings }]
      }
      case 'Replace':
        return [{ _tag: 'Replace', sel, content, bindings }]
      case 'Remove': {
        const ws = op.ws === 'before' || op.ws === 'after' || op.ws === 'both' ? op.ws : undefined
        return [{ _tag: 'Remove', sel, ...(ws === undefined ? {} : { ws }), bindings }]
      }
      default:
        return []
    }
  })

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

type Keyed = { readonly Document: DocumentChange; readonly Element: ElementChange; readonly Attribute: AttributeChange }

const changeOf = <K extends keyof Keyed>(c: Change, tag: K): Keyed[K] | undefined =>
  c._tag !== tag ? undefined : ((c._tag === 'Document' ? c.document : c._tag === 'Element' ? c.element : c.attribute) as Keyed[K])

const wrap = <K extends keyof Keyed>(tag: K, v: Keyed[K]): Change =>
  (tag === 'Document' ? { _tag: tag, document: v } : tag === 'Element' ? { _tag: tag, element: v } : { _tag: tag, attribute: v }) as Change

/** The first change of one kind with a selector; writing it back keeps the selector (and the kind). */
const bySel =
  <K extends keyof Keyed>(tag: K) =>
  (sel: string): Op.Optional<XcapDiff, Keyed[K]> =>
    pipe(
      L.id<XcapDiff>(),
      L.prop('changes'),
      L.composeOptional(
        Optics.findFirst<Change>(
          (c) => changeOf(c, tag)?.sel === sel,
          (c) => {
            const v = changeOf(c, tag)
            return v === undefined ? c : wrap(tag, { ...v, sel })
          }
        )
      ),
      Op.compose(Op.optional((c: Change) => O.fromNullable(changeOf(c, tag)), (v: Keyed[K]) => () => wrap(tag, { ...v, sel })))
    )

/**
 * The change of a document, by its selector (relative to the xcap-root). Writing it back keeps the selector.
 *
 * @category optics
 * @since 0.2.0
 */
export const documentBySel: (sel: string) => Op.Optional<XcapDiff, DocumentChange> = /*#__PURE__*/ bySel('Document')

/**
 * The change of an element, by its selector (document selector, `~~`, node selector). Writing it back keeps the
 * selector.
 *
 * @category optics
 * @since 0.2.0
 */
export const elementBySel: (sel: string) => Op.Optional<XcapDiff, ElementChange> = /*#__PURE__*/ bySel('Element')

/**
 * The change of an attribute, by its selector. Writing it back keeps the selector.
 *
 * @category optics
 * @since 0.2.0
 */
export const attributeBySel: (sel: string) => Op.Optional<XcapDiff, AttributeChange> = /*#__PURE__*/ bySel('Attribute')

/**
 * Every document change, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyDocument: T.Traversal<XcapDiff, DocumentChange> = /*#__PURE__*/ pipe(
  L.id<XcapDiff>(),
  L.prop('changes'),
  L.composeTraversal(Optics.every<Change>()),
  T.composeOptional(
    Op.optional(
      (c: Change) => (c._tag === 'Document' ? O.some(c.document) : O.none),
      (document: DocumentChange) => (c: Change) => (c._tag === 'Document' ? { ...c, document } : c)
    )
  )
)
