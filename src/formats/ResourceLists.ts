/**
 * Resource lists (RFC 4826 §3): lists of users (entries by URI, references to entries and to lists elsewhere, and
 * nested lists) kept on an XCAP server and sent in SIP bodies. Namespace `urn:ietf:params:xml:ns:resource-lists`,
 * content type `application/resource-lists+xml`, XCAP AUID `resource-lists` (users tree, document `index`).
 *
 * A `<list>` holds an optional `<display-name>`, then its members in document order: nested `<list>`s, `<entry>`,
 * `<entry-ref>` and `<external>` elements and foreign elements, as one ordered list of tagged members (`members`).
 * Elements of other namespaces extend `<list>`, `<entry>`, `<entry-ref>` and `<external>` (RFC 4826 §6): typed
 * extensions plug into the points `'rl:list'`, `'rl:entry'`, `'rl:entry-ref'` and `'rl:external'` with
 * `resourceListsWith({ list, entry, entryRef, external })`, and what no extension claims is kept in place. The
 * constraints of RFC 4826 §3.4.5 (names, URIs, references and anchors unique among siblings) are checked on decode.
 *
 * @example
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * const doc = ResourceLists.resourceLists([
 *   ResourceLists.list({
 *     name: 'friends',
 *     members: [ResourceLists.entry('sip:bill@example.com', { displayName: 'Bill Doe' })]
 *   })
 * ])
 * const xml = ResourceLists.document.encode(doc)
 *
 * @since 0.2.0
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- `{}` is the value type of no extension */
import { pipe } from '#fp-ts/function'
import * as t from 'io-ts'
import * as O from '#fp-ts/Option'
import * as RA from '#fp-ts/ReadonlyArray'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import { show } from '../codec/DecodeError.js'
import * as Doc from '../codec/Document.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import * as Selector from '../xcap/Selector.js'
import type { ExtInput } from './Pidf.js'

/**
 * The resource-lists namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:resource-lists'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/resource-lists+xml'

/**
 * The XCAP application usage (RFC 4826 §3.4): AUID `resource-lists`, documents in the users tree named `index`.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({
  auid: 'resource-lists',
  namespace: NS,
  mimeType: CONTENT_TYPE
})

/**
 * The URI that RFC 5364 §4 puts in place of every anonymized recipient of a recipient-history list: the one entry URI
 * that may repeat within a list.
 *
 * @category model
 * @since 0.2.0
 */
export const ANONYMOUS = 'sip:anonymous@anonymous.invalid'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A `<display-name>`: text kept exactly, with its optional `xml:lang` (RFC 4826 §3.1).
 *
 * @category model
 * @since 0.2.0
 */
export type DisplayName = C.Localized

/**
 * An `<entry>`: one resource, by URI (RFC 4826 §3.1). `E` is the entry extension's fields.
 *
 * @category model
 * @since 0.2.0
 */
export interface Entry<E = {}> {
  /** The resource's URI, kept as written. */
  readonly uri: string
  /** Attributes of other namespaces. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly displayName?: DisplayName
  readonly ext: E
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * An `<entry-ref>`: a reference to an entry of another document, as a relative XCAP path (RFC 4826 §3.1). `R` is
 * the entry-ref extension's fields.
 *
 * @category model
 * @since 0.2.0
 */
export interface EntryRef<R = {}> {
  /** The reference, kept as written. */
  readonly ref: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly displayName?: DisplayName
  readonly ext: R
  readonly other: ReadonlyArray<Xml.Element>
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * An `<external>`: a list elsewhere, by the absolute HTTP URI of its XCAP element (RFC 4826 §3.1). The schema lets
 * the anchor be absent. `X` is the external extension's fields.
 *
 * @category model
 * @since 0.2.0
 */
export interface External<X = {}> {
  /** The anchor, kept as written. */
  readonly anchor?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly displayName?: DisplayName
  readonly ext: X
  readonly other: ReadonlyArray<Xml.Element>
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A member of a list, in document order: a nested list, an entry, an entry-ref, an external, or an element of another
 * namespace where it stands.
 *
 * @category model
 * @since 0.2.0
 */
export type Member<L = {}, E = {}, R = {}, X = {}> =
  | { readonly _tag: 'Entry'; readonly entry: Entry<E> }
  | { readonly _tag: 'EntryRef'; readonly entryRef: EntryRef<R> }
  | { readonly _tag: 'External'; readonly external: External<X> }
  | { readonly _tag: 'List'; readonly list: List<L, E, R, X> }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * A `<list>` (RFC 4826 §3.1): an optional name (unique among its sibling lists), a display name and the members. `L`
 * is the list extension's fields, `E`, `R` and `X` those of entries, entry-refs and externals.
 *
 * @category model
 * @since 0.2.0
 */
export interface List<L = {}, E = {}, R = {}, X = {}> {
  readonly name?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly displayName?: DisplayName
  readonly members: ReadonlyArray<Member<L, E, R, X>>
  readonly ext: L
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<resource-lists>` document (RFC 4826 §3.1): its top-level lists.
 *
 * @category model
 * @since 0.2.0
 */
export interface ResourceLists<L = {}, E = {}, R = {}, X = {}> {
  readonly lists: ReadonlyArray<List<L, E, R, X>>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * What a list says about itself, apart from its members: the focus of {@link everyList}.
 *
 * @category model
 * @since 0.2.0
 */
export interface ListHead {
  readonly name?: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly displayName?: DisplayName
}

/**
 * The extensions of a resource-lists document, one per extension point; a point left out has no extension.
 *
 * @category extensions
 * @since 0.2.0
 */
export interface Extensions<L, E, R, X> {
  readonly list?: Ext.Extension<L, 'rl:list'>
  readonly entry?: Ext.Extension<E, 'rl:entry'>
  readonly entryRef?: Ext.Extension<R, 'rl:entry-ref'>
  readonly external?: Ext.Extension<X, 'rl:external'>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/** `xs:any namespace="##other"` of a host with an extension: never an element of a namespace the extension owns. */
const foreign =
  (owns: ReadonlyArray<string>) =>
  (n: Xml.QName): boolean =>
    n.ns !== '' && n.ns !== NS && !owns.includes(n.ns)

/** `xs:anyAttribute namespace="##other"`: attributes of any namespace but this one. */
const foreignAttr = (n: Xml.QName): boolean => n.ns !== '' && n.ns !== NS

/**
 * The `<display-name>` codec (`display-nameType`, RFC 4826 §3.2): the text kept exactly.
 *
 * @category codecs
 * @since 0.2.0
 */
export const DisplayName: XmlCodec<DisplayName> = /*#__PURE__*/ C.localized(el('display-name'), V.string, 'DisplayName')

/** A URI attribute: `xs:anyURI`, kept as written (the RFC's examples fold long URIs over lines). */
const uriValue = /*#__PURE__*/ V.preserving(V.anyURI)

/**
 * The `<entry>` codec with an extension for the `'rl:entry'` point (`entryType`, RFC 4826 §3.2).
 *
 * @category extensions
 * @since 0.2.0
 */
export const entryWith = <E>(ext: Ext.Extension<E, 'rl:entry'>): XmlCodec<Entry<E>> =>
  C.element(
    el('entry'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      uri: C.attr('uri', uriValue),
      otherAttrs: C.otherAttrs(foreignAttr),
      displayName: C.optionalChild(DisplayName),
      ext: C.extension(ext),
      other: C.other(foreign(ext.owns))
    },
    'Entry'
  )

/**
 * The `<entry>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Entry: XmlCodec<Entry> = /*#__PURE__*/ entryWith(Ext.emptyAt('rl:entry'))

/**
 * The `<entry-ref>` codec with an extension for the `'rl:entry-ref'` point (`entry-refType`, RFC 4826 §3.2).
 *
 * @category extensions
 * @since 0.2.0
 */
export const entryRefWith = <R>(ext: Ext.Extension<R, 'rl:entry-ref'>): XmlCodec<EntryRef<R>> =>
  C.element(
    el('entry-ref'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      ref: C.attr('ref', uriValue),
      otherAttrs: C.otherAttrs(foreignAttr),
      displayName: C.optionalChild(DisplayName),
      ext: C.extension(ext),
      other: C.other(foreign(ext.owns))
    },
    'EntryRef'
  )

/**
 * The `<entry-ref>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const EntryRef: XmlCodec<EntryRef> = /*#__PURE__*/ entryRefWith(Ext.emptyAt('rl:entry-ref'))

/**
 * The `<external>` codec with an extension for the `'rl:external'` point (`externalType`, RFC 4826 §3.2).
 *
 * @category extensions
 * @since 0.2.0
 */
export const externalWith = <X>(ext: Ext.Extension<X, 'rl:external'>): XmlCodec<External<X>> =>
  C.element(
    el('external'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      anchor: C.optionalAttr('anchor', uriValue),
      otherAttrs: C.otherAttrs(foreignAttr),
      displayName: C.optionalChild(DisplayName),
      ext: C.extension(ext),
      other: C.other(foreign(ext.owns))
    },
    'External'
  )

/**
 * The `<external>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const External: XmlCodec<External> = /*#__PURE__*/ externalWith(Ext.emptyAt('rl:external'))

/**
 * The elements whose content is element-only: white space in them is indentation, also in an empty list written over
 * two lines (`<list name="friends">⏎</list>`, as RFC 4825 §13 shows one).
 */
const ELEMENT_ONLY: ReadonlyArray<Xml.QName> = /*#__PURE__*/ ['resource-lists', 'list', 'entry', 'entry-ref', 'external'].map(el)

/**
 * A uniqueness check among siblings: called with each value (compared by `key`), it reports the second occurrence at
 * its step, echoing the value as written.
 */
const uniqueness = (what: string, element: string, attribute: string, out: Array<C.Violation>) => {
  const seen = new Set<string>()
  // the path step (`entry[3]`) is written only for a violation: lists of thousands of entries check each one
  return (value: string, index: number, key: string = value): void => {
    if (seen.has(key)) out.push({ path: [`${element}[${index}]`, attribute], message: `expected ${what}, got ${show(value)} again` })
    else seen.add(key)
  }
}

/** Sibling list names are unique (among lists with a name). */
const listNames = (out: Array<C.Violation>) => uniqueness('a list name unique among its sibling lists', 'list', '@name', out)

/**
 * The constraints of RFC 4826 §3.4.5 on the members of one list: list names, entry URIs, entry-ref references and
 * external anchors unique among their siblings, by case-sensitive string comparison (of the URIs' schema-normalized
 * values). The anonymous URI of RFC 5364 §4 may repeat.
 */
const checkMembers = (
  members: ReadonlyArray<Member<unknown, unknown, unknown, unknown>>
): ReadonlyArray<C.Violation> => {
  const out: Array<C.Violation> = []
  const name = listNames(out)
  const uri = uniqueness('an entry URI unique in its list', 'entry', '@uri', out)
  const ref = uniqueness('an entry-ref reference unique in its list', 'entry-ref', '@ref', out)
  const anchor = uniqueness('an external anchor unique in its list', 'external', '@anchor', out)
  let lists = 0
  let entries = 0
  let entryRefs = 0
  let externals = 0
  for (const m of members) {
    switch (m._tag) {
      case 'List':
        lists++
        if (m.list.name !== undefined) name(m.list.name, lists)
        break
      case 'Entry': {
        entries++
        const k = V.collapse(m.entry.uri)
        if (k !== ANONYMOUS) uri(m.entry.uri, entries, k)
        break
      }
      case 'EntryRef':
        entryRefs++
        ref(m.entryRef.ref, entryRefs, V.collapse(m.entryRef.ref))
        break
      case 'External':
        externals++
        if (m.external.anchor !== undefined)
          anchor(m.external.anchor, externals, V.collapse(m.external.anchor))
        break
      default:
        break
    }
  }
  return out
}

/**
 * The `<list>` codec with one extension per point (`listType`, RFC 4826 §3.2), under its own name or another one:
 * rls-services reuses the list type as `<rls:list>` (its nested lists stay `<rl:list>`). Members and extension
 * elements may interleave (the schema's repeated choice and its wildcard); the constraints of RFC 4826 §3.4.5 hold
 * among each list's members.
 *
 * @category extensions
 * @since 0.2.0
 */
export const listWith = <L = {}, E = {}, R = {}, X = {}>(
  exts: Extensions<L, E, R, X>,
  name: Xml.QName = el('list')
): XmlCodec<List<L, E, R, X>> => {
  const listX = Ext.orEmpty('rl:list', exts.list)
  const entry = C.member('Entry', 'entry', entryWith(Ext.orEmpty('rl:entry', exts.entry)))
  const entryRef = C.member('EntryRef', 'entryRef', entryRefWith(Ext.orEmpty('rl:entry-ref', exts.entryRef)))
  const external = C.member('External', 'external', externalWith(Ext.orEmpty('rl:external', exts.external)))
  const build = (n: Xml.QName, nested: () => XmlCodec<List<L, E, R, X>>): XmlCodec<List<L, E, R, X>> => {
    const inner = C.element(
      n,
      {
        xmlns: C.namespaces(),
        order: C.sourceOrder(),
        name: C.optionalAttr('name', V.string),
        otherAttrs: C.otherAttrs(foreignAttr),
        displayName: C.optionalChild(DisplayName),
        members: C.interleaved(
          C.choices([
            entry,
            entryRef,
            external,
            C.member('List', 'list', C.lazy([el('list')], nested, 'List')),
            C.otherMember(foreign(listX.owns))
          ])
        ),
        ext: C.extension(listX)
      },
      'List'
    ) as unknown as XmlCodec<List<L, E, R, X>>
    return C.constrain(inner, (l) => checkMembers(l.members))
  }
  const list: XmlCodec<List<L, E, R, X>> = build(el('list'), () => list)
  return Xml.eqName(name, el('list')) ? list : build(name, () => list)
}

/**
 * The `<list>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const List: XmlCodec<List> = /*#__PURE__*/ listWith({})

const checkLists = (lists: ReadonlyArray<List<unknown, unknown, unknown, unknown>>): ReadonlyArray<C.Violation> => {
  const out: Array<C.Violation> = []
  const name = listNames(out)
  lists.forEach((l, i) => {
    if (l.name !== undefined) name(l.name, i + 1)
  })
  return out
}

/**
 * The `<resource-lists>` codec with one extension per point (RFC 4826 §3.2): points left out get no extension, and
 * what no extension claims is kept where it stands. Top-level list names are unique (RFC 4826 §3.4.5).
 *
 * @example
 * import { Ext } from 'sip-simple-payloads/codec'
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * import * as AddressBook from 'sip-simple-payloads/AddressBook'
 * // resource lists with the address book's contacts, groups and policies in lists, and nothing at entries
 * const codec = ResourceLists.resourceListsWith({ list: AddressBook.list })
 *
 * @category extensions
 * @since 0.2.0
 */
export const resourceListsWith = <L = {}, E = {}, R = {}, X = {}>(
  exts: Extensions<L, E, R, X>
): XmlCodec<ResourceLists<L, E, R, X>> =>
  C.constrain(
    C.element(
      el('resource-lists'),
      { xmlns: C.namespaces({ root: true }), lists: C.children(listWith(exts)) },
      'ResourceLists'
    ) as unknown as XmlCodec<ResourceLists<L, E, R, X>>,
    (d) => checkLists(d.lists)
  )

/**
 * The `<resource-lists>` codec without extensions: every extension element is kept in place.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ResourceLists: XmlCodec<ResourceLists> = /*#__PURE__*/ resourceListsWith({})

/**
 * An XCAP document codec (`application/resource-lists+xml`, format id `resource-lists`, AUID `resource-lists`) for a
 * `<resource-lists>` codec built with `resourceListsWith`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const documentWith = <D>(root: XmlCodec<D>, title = 'Resource lists (RFC 4826)'): Doc.XcapDocumentCodec<D> =>
  Doc.xcap(root, { id: 'resource-lists', title, usage, elementOnly: ELEMENT_ONLY })

/**
 * The document codec of plain resource lists.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<ResourceLists> = /*#__PURE__*/ documentWith(ResourceLists)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A display name, with its language when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const displayName = (value: string, lang?: string): DisplayName =>
  typeof lang === 'string' ? { lang, value: Read.text(value) } : { value: Read.text(value) }

const isDisplayName = (u: unknown): u is DisplayName => Read.isRecord(u) && typeof u.value === 'string'

const displayNameOf = (u: unknown): DisplayName | undefined =>
  typeof u === 'string' ? displayName(u) : isDisplayName(u) ? u : undefined

const elementsOf = (u: unknown): ReadonlyArray<Xml.Element> => Read.arrayOf(u, C.isElement)

/**
 * What an entry, an entry-ref or an external is built from, beside its URI: a display name (text, or text with its
 * language), foreign elements, and the extension fields its type needs.
 *
 * @category constructors
 * @since 0.2.0
 */
export type ItemInput<X> = {
  readonly displayName?: string | DisplayName
  readonly other?: ReadonlyArray<Xml.Element>
  readonly otherAttrs?: Readonly<Record<string, string>>
} & ExtInput<'ext', X>

const itemOf = (u: unknown) => {
  const i = Read.record(u)
  const dn = displayNameOf(i.displayName)
  const otherAttrs = Read.isRecord(i.otherAttrs) ? (i.otherAttrs as Readonly<Record<string, string>>) : undefined
  return {
    ...(otherAttrs === undefined ? {} : { otherAttrs }),
    ...(dn === undefined ? {} : { displayName: dn }),
    ext: Read.record(i.ext),
    other: elementsOf(i.other)
  }
}

/**
 * An entry: `entry('sip:bill@example.com', { displayName: 'Bill Doe' })`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const entry = <E = {}>(
  uri: string,
  ...args: {} extends ItemInput<E> ? [input?: ItemInput<E>] : [input: ItemInput<E>]
): Entry<E> => {
  const { ext, ...rest } = itemOf(args[0])
  return { uri: Read.text(uri), ...rest, ext: ext as E } as Entry<E>
}

/**
 * An entry-ref: a relative XCAP path to an entry.
 *
 * @category constructors
 * @since 0.2.0
 */
export const entryRef = <R = {}>(
  ref: string,
  ...args: {} extends ItemInput<R> ? [input?: ItemInput<R>] : [input: ItemInput<R>]
): EntryRef<R> => {
  const { ext, ...rest } = itemOf(args[0])
  return { ref: Read.text(ref), ...rest, ext: ext as R } as EntryRef<R>
}

/**
 * An external: the absolute HTTP URI of a list (left out with `undefined`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const external = <X = {}>(
  anchor?: string,
  ...args: {} extends ItemInput<X> ? [input?: ItemInput<X>] : [input: ItemInput<X>]
): External<X> => {
  const { ext, ...rest } = itemOf(args[0])
  return { ...(typeof anchor === 'string' ? { anchor } : {}), ...rest, ext: ext as X } as External<X>
}

/**
 * A member as a constructor takes it: tagged, or a list, entry, entry-ref, external or foreign element as it is.
 *
 * @category constructors
 * @since 0.2.0
 */
export type MemberInput<L, E, R, X> =
  | Member<L, E, R, X>
  | List<L, E, R, X>
  | Entry<E>
  | EntryRef<R>
  | External<X>
  | Xml.Element

/**
 * A member from what a constructor takes, tagged by its shape (`undefined` for anything that is none).
 *
 * @category constructors
 * @since 0.2.0
 */
export const memberOf = <L, E, R, X>(input: MemberInput<L, E, R, X>): Member<L, E, R, X> | undefined => {
  const u: unknown = input
  if (!Read.isRecord(u)) return undefined
  if (u._tag === 'Element') return C.isElement(u) ? { _tag: 'Other', element: u } : undefined
  if (typeof u._tag === 'string') return u as unknown as Member<L, E, R, X>
  if (Array.isArray(u.members)) return { _tag: 'List', list: u as unknown as List<L, E, R, X> }
  if (typeof u.uri === 'string') return { _tag: 'Entry', entry: u as unknown as Entry<E> }
  if (typeof u.ref === 'string') return { _tag: 'EntryRef', entryRef: u as unknown as EntryRef<R> }
  if (Array.isArray(u.other)) return { _tag: 'External', external: u as unknown as External<X> }
  return undefined
}

/**
 * What a list is built from.
 *
 * @category constructors
 * @since 0.2.0
 */
export type ListInput<L, E, R, X> = {
  readonly name?: string
  readonly displayName?: string | DisplayName
  readonly members?: ReadonlyArray<MemberInput<L, E, R, X>>
  readonly otherAttrs?: Readonly<Record<string, string>>
} & ExtInput<'ext', L>

/**
 * A list: `list({ name: 'friends', members: [entry('sip:bill@example.com')] })`. Members are given tagged or as they
 * are (a list, an entry, an entry-ref, an external, a foreign element); anything else is left out.
 *
 * @category constructors
 * @since 0.2.0
 */
export const list = <L = {}, E = {}, R = {}, X = {}>(
  ...args: {} extends ListInput<L, E, R, X> ? [input?: ListInput<L, E, R, X>] : [input: ListInput<L, E, R, X>]
): List<L, E, R, X> => {
  const i = Read.record(args[0])
  const dn = displayNameOf(i.displayName)
  const otherAttrs = Read.isRecord(i.otherAttrs) ? (i.otherAttrs as Readonly<Record<string, string>>) : undefined
  const members: Array<Member<L, E, R, X>> = []
  for (const m of Read.array(i.members)) {
    const t = memberOf(m as MemberInput<L, E, R, X>)
    if (t !== undefined) members.push(t)
  }
  return {
    ...(typeof i.name === 'string' ? { name: i.name } : {}),
    ...(otherAttrs === undefined ? {} : { otherAttrs }),
    ...(dn === undefined ? {} : { displayName: dn }),
    members,
    ext: Read.record(i.ext) as L
  }
}

/**
 * A resource-lists document of the given lists.
 *
 * @category constructors
 * @since 0.2.0
 */
export const resourceLists = <L = {}, E = {}, R = {}, X = {}>(
  lists: ReadonlyArray<List<L, E, R, X>> = []
): ResourceLists<L, E, R, X> => ({
  lists: Read.arrayOf(lists, Read.isRecord) as unknown as ReadonlyArray<List<L, E, R, X>>
})

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/** The first list member of this name. */
const subList = <L, E, R, X>(l: List<L, E, R, X>, name: string): List<L, E, R, X> | undefined => {
  for (const m of l.members) if (m._tag === 'List' && m.list.name === name) return m.list
  return undefined
}

const getAt = <L, E, R, X>(d: ResourceLists<L, E, R, X>, path: ReadonlyArray<string>): List<L, E, R, X> | undefined => {
  if (path.length === 0) return undefined
  let l: List<L, E, R, X> | undefined = d.lists.find((x) => x.name === path[0])
  for (let i = 1; i < path.length && l !== undefined; i++) l = subList(l, path[i])
  return l
}

/** Replaces the list at `path` below `l` (whose own name was the step before); the last name is written back. */
const setBelow = <L, E, R, X>(
  l: List<L, E, R, X>,
  path: ReadonlyArray<string>,
  a: List<L, E, R, X>
): List<L, E, R, X> => {
  const i = l.members.findIndex((m) => m._tag === 'List' && m.list.name === path[0])
  if (i < 0) return l
  const old = (l.members[i] as { readonly list: List<L, E, R, X> }).list
  const next = path.length === 1 ? (a.name === path[0] ? a : { ...a, name: path[0] }) : setBelow(old, path.slice(1), a)
  if (next === old) return l
  const members = l.members.slice()
  members[i] = { _tag: 'List', list: next }
  return { ...l, members }
}

/**
 * The list at a path of names: `listByPath(['friends', 'close-friends'])` is the list named `close-friends` inside the
 * top-level list named `friends` (the first of that name at each step). Writing it back keeps its name.
 *
 * @example
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * const doc = ResourceLists.resourceLists([
 *   ResourceLists.list({ name: 'friends', members: [ResourceLists.list({ name: 'work' })] })
 * ])
 * const work = ResourceLists.listByPath(['friends', 'work']).getOption(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const listByPath = <L = {}, E = {}, R = {}, X = {}>(
  path: ReadonlyArray<string>
): Op.Optional<ResourceLists<L, E, R, X>, List<L, E, R, X>> =>
  Op.optional(
    (d) => O.fromNullable(getAt(d, path)),
    (a) => (d) => {
      if (path.length === 0) return d
      const i = d.lists.findIndex((x) => x.name === path[0])
      if (i < 0) return d
      const old = d.lists[i]
      const next =
        path.length === 1 ? (a.name === path[0] ? a : { ...a, name: path[0] }) : setBelow(old, path.slice(1), a)
      if (next === old) return d
      const lists = d.lists.slice()
      lists[i] = next
      return { ...d, lists }
    }
  )

/**
 * The entry with this URI (as written) among a list's members. Writing it back keeps the URI.
 *
 * @category optics
 * @since 0.2.0
 */
export const entryIn = <L = {}, E = {}, R = {}, X = {}>(uri: string): Op.Optional<List<L, E, R, X>, Entry<E>> =>
  Op.optional(
    (l) => {
      for (const m of l.members) if (m._tag === 'Entry' && m.entry.uri === uri) return O.some(m.entry)
      return O.none
    },
    (a) => (l) => {
      const i = l.members.findIndex((m) => m._tag === 'Entry' && m.entry.uri === uri)
      if (i < 0) return l
      const next = a.uri === uri ? a : { ...a, uri }
      const old = l.members[i] as { readonly entry: Entry<E> }
      if (old.entry === next) return l
      const members = l.members.slice()
      members[i] = { _tag: 'Entry', entry: next }
      return { ...l, members }
    }
  )

/**
 * The entry with this URI (as written) in the list at a path of names. Writing it back keeps the URI.
 *
 * @example
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * const bill = 'sip:bill@example.com'
 * const doc = ResourceLists.resourceLists([
 *   ResourceLists.list({ name: 'friends', members: [ResourceLists.entry(bill)] })
 * ])
 * const named = ResourceLists.entryByUri(['friends'], bill).set(ResourceLists.entry(bill, { displayName: 'B' }))(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const entryByUri = <L = {}, E = {}, R = {}, X = {}>(
  path: ReadonlyArray<string>,
  uri: string
): Op.Optional<ResourceLists<L, E, R, X>, Entry<E>> =>
  pipe(listByPath<L, E, R, X>(path), Op.compose(entryIn<L, E, R, X>(uri)))

/** The steps to the list at a path of names, each by name where unique among its sibling lists, else by position. */
const listSteps = <L, E, R, X>(d: ResourceLists<L, E, R, X>, path: ReadonlyArray<string>): Array<Selector.Step> | undefined => {
  const steps: Array<Selector.Step> = [Selector.step('resource-lists')]
  let siblings: ReadonlyArray<List<L, E, R, X>> = d.lists
  for (const name of path) {
    const names = siblings.map((l) => l.name)
    const i = names.indexOf(name)
    if (i === -1) return undefined
    steps.push(Selector.keyed('list', 'name', names, i))
    siblings = siblings[i].members.flatMap((m) => (m._tag === 'List' ? [m.list] : []))
  }
  return steps.length > 1 ? steps : undefined
}

const target = (steps: ReadonlyArray<Selector.Step> | undefined): Selector.Target | undefined =>
  steps === undefined ? undefined : { selector: Selector.selector(steps as [Selector.Step, ...Array<Selector.Step>]), bindings: new Map() }

/**
 * The node selector of the list {@link listByPath} focuses (RFC 4825 §6.3), for an XCAP element operation on it.
 *
 * @example
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * import { print } from 'sip-simple-payloads/xcap/Selector'
 * const d = ResourceLists.resourceLists([ResourceLists.list({ name: 'friends' })])
 * const t = ResourceLists.listSelector(d, ['friends'])
 * if (t !== undefined) print(t.selector) // 'resource-lists/list[@name="friends"]'
 *
 * @category optics
 * @since 0.2.0
 */
export const listSelector = <L, E, R, X>(d: ResourceLists<L, E, R, X>, path: ReadonlyArray<string>): Selector.Target | undefined =>
  target(listSteps(d, path))

/**
 * The node selector of the entry {@link entryByUri} focuses: the list's steps, then the entry by URI where it is
 * unique in the list (the anonymous URI may repeat), else by position.
 *
 * @category optics
 * @since 0.2.0
 */
export const entrySelector = <L, E, R, X>(
  d: ResourceLists<L, E, R, X>,
  path: ReadonlyArray<string>,
  uri: string
): Selector.Target | undefined => {
  const steps = listSteps(d, path)
  const l = getAt(d, path)
  if (steps === undefined || l === undefined) return undefined
  const uris = l.members.flatMap((m) => (m._tag === 'Entry' ? [m.entry.uri] : []))
  const i = uris.indexOf(uri)
  return i === -1 ? undefined : target([...steps, Selector.keyed('entry', 'uri', uris, i)])
}

/**
 * The node selector of the entry {@link entryAnywhere} focuses: a step per list on the way (by name where unique among
 * its sibling lists, else by position), then the entry by URI where it is unique in its list, else by position.
 *
 * @example
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * import { print } from 'sip-simple-payloads/xcap/Selector'
 * const bill = 'sip:bill@example.com'
 * const d = ResourceLists.resourceLists([
 *   ResourceLists.list({ name: 'friends', members: [ResourceLists.list({ name: 'close', members: [ResourceLists.entry(bill)] })] })
 * ])
 * const t = ResourceLists.entryAnywhereSelector(d, bill)
 * if (t !== undefined) print(t.selector) // 'resource-lists/list[@name="friends"]/list[@name="close"]/entry[@uri="sip:bill@example.com"]'
 *
 * @category optics
 * @since 0.2.0
 */
export const entryAnywhereSelector = <L, E, R, X>(d: ResourceLists<L, E, R, X>, uri: string): Selector.Target | undefined => {
  const steps: Array<Selector.Step> = [Selector.step('resource-lists')]
  const namesOf = (ls: ReadonlyArray<List<L, E, R, X>>) => ls.map((l) => l.name)
  // depth first in document order, as entryAnywhere looks: true once the entry's steps are in place
  const inLists = (lists: ReadonlyArray<List<L, E, R, X>>): boolean => {
    const names = namesOf(lists)
    for (let i = 0; i < lists.length; i++) {
      steps.push(Selector.keyed('list', 'name', names, i))
      if (inList(lists[i])) return true
      steps.pop()
    }
    return false
  }
  const inList = (l: List<L, E, R, X>): boolean => {
    const uris = l.members.flatMap((m) => (m._tag === 'Entry' ? [m.entry.uri] : []))
    const sublists = l.members.flatMap((m) => (m._tag === 'List' ? [m.list] : []))
    const subNames = namesOf(sublists)
    let e = 0
    let s = 0
    for (const m of l.members) {
      if (m._tag === 'Entry') {
        if (m.entry.uri === uri) {
          steps.push(Selector.keyed('entry', 'uri', uris, e))
          return true
        }
        e++
      } else if (m._tag === 'List') {
        steps.push(Selector.keyed('list', 'name', subNames, s))
        if (inList(m.list)) return true
        steps.pop()
        s++
      }
    }
    return false
  }
  return inLists(d.lists) ? target(steps) : undefined
}

/** A traversal from a function listing the foci in order and one putting as many new foci back in the same order. */
const partsOf = <S, A>(
  getAll: (s: S) => ReadonlyArray<A>,
  putAll: (s: S, as: ReadonlyArray<A>) => S
): T.Traversal<S, A> =>
  T.traversal<S, A>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (F: any) => (f: any) => (s: S) => F.map(RA.traverse(F)(f)(getAll(s)), (as: ReadonlyArray<A>) => putAll(s, as))
  )

/** Rebuilds lists depth first, each list's members after the list itself; unchanged lists stay the same objects. */
const rebuild = <L, E, R, X>(
  lists: ReadonlyArray<List<L, E, R, X>>,
  visit: (l: List<L, E, R, X>) => List<L, E, R, X>,
  entry: (e: Entry<E>) => Entry<E>
): ReadonlyArray<List<L, E, R, X>> => {
  const one = (l0: List<L, E, R, X>): List<L, E, R, X> => {
    const l = visit(l0)
    let members: Array<Member<L, E, R, X>> | undefined
    l.members.forEach((m, i) => {
      let next: Member<L, E, R, X> = m
      if (m._tag === 'Entry') {
        const e = entry(m.entry)
        if (e !== m.entry) next = { _tag: 'Entry', entry: e }
      } else if (m._tag === 'List') {
        const s = one(m.list)
        if (s !== m.list) next = { _tag: 'List', list: s }
      }
      if (next !== m) {
        if (members === undefined) members = l.members.slice()
        members[i] = next
      }
    })
    return members === undefined ? l : { ...l, members }
  }
  let out: Array<List<L, E, R, X>> | undefined
  lists.forEach((l, i) => {
    const n = one(l)
    if (n !== l) {
      if (out === undefined) out = lists.slice()
      out[i] = n
    }
  })
  return out ?? lists
}

const walk = <L, E, R, X>(
  lists: ReadonlyArray<List<L, E, R, X>>,
  onList: (l: List<L, E, R, X>) => void,
  onEntry: (e: Entry<E>) => void
): void => {
  const one = (l: List<L, E, R, X>): void => {
    onList(l)
    for (const m of l.members) {
      if (m._tag === 'Entry') onEntry(m.entry)
      else if (m._tag === 'List') one(m.list)
    }
  }
  for (const l of lists) one(l)
}

const keep = <A>(a: A): A => a
const ignore = (): void => undefined

/**
 * Every entry of the document, in every list at any depth, in document order (a list's members in order, a nested
 * list's entries where the list stands).
 *
 * @category optics
 * @since 0.2.0
 */
export const everyEntry = <L = {}, E = {}, R = {}, X = {}>(): T.Traversal<ResourceLists<L, E, R, X>, Entry<E>> =>
  partsOf(
    (d) => {
      const out: Array<Entry<E>> = []
      walk(d.lists, ignore, (e) => out.push(e))
      return out
    },
    (d, es) => {
      let i = 0
      const lists = rebuild(d.lists, keep, () => es[i++])
      return lists === d.lists ? d : { ...d, lists }
    }
  )

/** The first entry with this URI (as written) in document order, at any depth. */
const firstEntry = <L, E, R, X>(lists: ReadonlyArray<List<L, E, R, X>>, uri: string): Entry<E> | undefined => {
  const inList = (l: List<L, E, R, X>): Entry<E> | undefined => {
    for (const m of l.members) {
      if (m._tag === 'Entry') {
        if (m.entry.uri === uri) return m.entry
      } else if (m._tag === 'List') {
        const e = inList(m.list)
        if (e !== undefined) return e
      }
    }
    return undefined
  }
  for (const l of lists) {
    const e = inList(l)
    if (e !== undefined) return e
  }
  return undefined
}

/**
 * The entry with this URI (as written) wherever it is: the first in document order, in any list at any depth (a buddy
 * found by its address, whichever group holds it). Writing it back keeps the URI and changes that entry only; use
 * {@link entriesWithUri} for every entry of the URI.
 *
 * @example
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * const bill = 'sip:bill@example.com'
 * const doc = ResourceLists.resourceLists([
 *   ResourceLists.list({ name: 'friends', members: [ResourceLists.list({ name: 'close', members: [ResourceLists.entry(bill)] })] })
 * ])
 * const named = ResourceLists.entryAnywhere(bill).set(ResourceLists.entry(bill, { displayName: 'Bill' }))(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const entryAnywhere = <L = {}, E = {}, R = {}, X = {}>(uri: string): Op.Optional<ResourceLists<L, E, R, X>, Entry<E>> =>
  Op.optional(
    (d) => O.fromNullable(firstEntry(d.lists, uri)),
    (a) => (d) => {
      const next = a.uri === uri ? a : { ...a, uri }
      let done = false
      const lists = rebuild(d.lists, keep, (e) => {
        if (done || e.uri !== uri) return e
        done = true
        return next
      })
      return lists === d.lists ? d : { ...d, lists }
    }
  )

/**
 * Every entry with this URI (as written), in every list at any depth, in document order: the same contact in several
 * groups. Writing them back keeps the URI.
 *
 * @category optics
 * @since 0.2.0
 */
export const entriesWithUri = <L = {}, E = {}, R = {}, X = {}>(uri: string): T.Traversal<ResourceLists<L, E, R, X>, Entry<E>> =>
  partsOf(
    (d) => {
      const out: Array<Entry<E>> = []
      walk(d.lists, ignore, (e) => {
        if (e.uri === uri) out.push(e)
      })
      return out
    },
    (d, es) => {
      let i = 0
      const lists = rebuild(d.lists, keep, (e) => {
        if (e.uri !== uri || i >= es.length) return e
        const a = es[i++]
        return a.uri === uri ? a : { ...a, uri }
      })
      return lists === d.lists ? d : { ...d, lists }
    }
  )

const headOf = (l: ListHead): ListHead => ({
  ...(l.name === undefined ? {} : { name: l.name }),
  ...(l.otherAttrs === undefined ? {} : { otherAttrs: l.otherAttrs }),
  ...(l.displayName === undefined ? {} : { displayName: l.displayName })
})

const withHead = <Li extends ListHead>(l: Li, h: ListHead): Li => {
  if (l.name === h.name && l.otherAttrs === h.otherAttrs && l.displayName === h.displayName) return l
  const { name: _n, otherAttrs: _o, displayName: _d, ...rest } = l
  return { ...headOf(h), ...rest } as Li
}

/**
 * Every list of the document at any depth, in document order (a list before the lists inside it), through what it
 * says about itself: its name, foreign attributes and display name (its members are reached through the members,
 * so that each list is one focus and the foci never overlap).
 *
 * @category optics
 * @since 0.2.0
 */
export const everyList = <L = {}, E = {}, R = {}, X = {}>(): T.Traversal<ResourceLists<L, E, R, X>, ListHead> =>
  partsOf(
    (d) => {
      const out: Array<ListHead> = []
      walk(d.lists, (l) => out.push(headOf(l)), ignore)
      return out
    },
    (d, hs) => {
      let i = 0
      const lists = rebuild(d.lists, (l) => withHead(l, hs[i++]), keep)
      return lists === d.lists ? d : { ...d, lists }
    }
  )

/**
 * The display name of an entry (or of any item with one); setting `undefined` removes it.
 *
 * @category optics
 * @since 0.2.0
 */
export const entryDisplayName = <I extends { readonly displayName?: DisplayName } = Entry>(): L.Lens<
  I,
  DisplayName | undefined
> =>
  Optics.optionalKey<I, 'displayName'>('displayName') as unknown as L.Lens<I, DisplayName | undefined>
