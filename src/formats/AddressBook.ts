/**
 * AG Projects' address book in resource lists, as python3-sipsimple and OpenXCAP keep it: contacts, groups and
 * policies are elements of namespace `urn:ag-projects:xml:ns:addressbook` (schema addressbook.xsd, prefix `agp-ab`)
 * inside a `<rl:list>` (by convention the top-level list named `sipsimple_addressbook`), and an entry may carry
 * `<attributes>` of namespace `urn:ag-projects:xml:ns:resource-lists`. Contacts, their URIs, groups and policies hold
 * an application's shared settings in an `<attributes>` element of the application's own namespace
 * (`urn:ag-projects:sipsimple:xml:ns:addressbook` by default; Blink uses `urn:ag-projects:blink:xml:ns:addressbook`):
 * name-value pairs, a value written `nil="true"` being null.
 *
 * The address book is a typed extension of resource lists, as RPID is one of PIDF: {@link list} is the extension of
 * the `'rl:list'` point (`contacts`, `groups`, `policies`), {@link entry} that of the `'rl:entry'` point
 * (`attributes`). {@link ResourceLists} and {@link document} compose them into the full `resource-lists` format;
 * {@link extensionsFor} gives the extensions for another application's namespace.
 *
 * URIs are kept as written: the reference writes them percent-encoded (`sip%3Abob%40example.com`) and reads them
 * decoded, which is for the address book built on these types to do.
 *
 * @example
 * import * as AddressBook from 'sip-simple-payloads/AddressBook'
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * const uri = AddressBook.contactUri('sip:bob@example.com', { id: 'uri1' })
 * const bob = AddressBook.contact({ id: 'id1', name: 'Bob', uris: [uri], default: 'uri1' })
 * const doc = AddressBook.resourceLists([
 *   AddressBook.listOf({ name: AddressBook.LIST_NAME, ext: { contacts: [bob] } })
 * ])
 * const xml = AddressBook.document.encode(doc)
 *
 * @since 0.2.0
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- `{}` is the value type of no extension */
import * as O from '#fp-ts/Option'
import * as Op from '#monocle-ts/Optional'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import type * as Doc from '../codec/Document.js'
import * as Ext from '../codec/Extension.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import * as RL from './ResourceLists.js'

/**
 * The address book namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ag-projects:xml:ns:addressbook'

/**
 * AG Projects' resource-lists namespace: the `<attributes>` of an entry.
 *
 * @category model
 * @since 0.2.0
 */
export const AGP_RL_NS = 'urn:ag-projects:xml:ns:resource-lists'

/**
 * The namespace of python3-sipsimple's own shared settings (`<sipsimple:attributes>`), the default application
 * namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const SIPSIMPLE_NS = 'urn:ag-projects:sipsimple:xml:ns:addressbook'

/**
 * The name of the top-level list that holds the address book.
 *
 * @category model
 * @since 0.2.0
 */
export const LIST_NAME = 'sipsimple_addressbook'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The policy values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const policyValue = /*#__PURE__*/ V.literal('allow', 'block', 'default')

/**
 * How a contact's or a policy's URIs are treated for one event package: allowed, blocked, or left to the default rule
 * (`PolicyString`).
 *
 * @category model
 * @since 0.2.0
 */
export type PolicyValue = V.LiteralOf<typeof policyValue>

/**
 * The handling of one event package (`DialogHandling`, `PresenceHandling`): the policy, and whether the URIs go into
 * the RLS list of the package.
 *
 * @category model
 * @since 0.2.0
 */
export interface EventHandling {
  readonly policy: PolicyValue
  readonly subscribe: boolean
}

/**
 * One shared setting: a name and a text value, or null (`nil="true"`, `value` then empty).
 *
 * @category model
 * @since 0.2.0
 */
export interface Attribute {
  readonly name: string
  readonly nil?: boolean
  readonly value: string
}

/**
 * An `<attributes>` element: shared settings in document order.
 *
 * @category model
 * @since 0.2.0
 */
export type Attributes = ReadonlyArray<Attribute>

/**
 * A URI of a contact (`ContactURI`): its id (an `xs:ID`), the URI, an optional type and shared settings.
 *
 * @category model
 * @since 0.2.0
 */
export interface ContactUri {
  readonly id: string
  readonly uri: string
  readonly type?: string
  readonly attributes?: Attributes
  readonly other: ReadonlyArray<Xml.Element>
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * The URIs of a contact (`ContactURIList`), with the id of the default one.
 *
 * @category model
 * @since 0.2.0
 */
export interface ContactUriList {
  /** The id of the default URI (not the URI itself). */
  readonly default?: string
  readonly items: ReadonlyArray<ContactUri>
}

/**
 * A `<contact>` (`Contact`): name, URIs, and how its URIs are handled for dialog and presence.
 *
 * @category model
 * @since 0.2.0
 */
export interface Contact {
  readonly id: string
  readonly name: string
  readonly uris: ContactUriList
  readonly dialog: EventHandling
  readonly presence: EventHandling
  readonly attributes?: Attributes
  readonly other: ReadonlyArray<Xml.Element>
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<group>` (`Group`): a name and the ids of its contacts.
 *
 * @category model
 * @since 0.2.0
 */
export interface Group {
  readonly id: string
  readonly name: string
  /** The ids of the contacts in the group (`<contact_id>`). */
  readonly contacts: ReadonlyArray<string>
  readonly attributes?: Attributes
  readonly other: ReadonlyArray<Xml.Element>
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<policy-element>` (`Policy`): the handling of a URI that is no contact's.
 *
 * @category model
 * @since 0.2.0
 */
export interface Policy {
  readonly id: string
  readonly uri: string
  readonly name: string
  readonly dialog: EventHandling
  readonly presence: EventHandling
  readonly attributes?: Attributes
  readonly other: ReadonlyArray<Xml.Element>
  readonly order?: ReadonlyArray<string>
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * What the address book adds to a `<rl:list>`: its contacts, groups and policies, each in document order.
 *
 * @category model
 * @since 0.2.0
 */
export interface ListExt {
  readonly contacts: ReadonlyArray<Contact>
  readonly groups: ReadonlyArray<Group>
  readonly policies: ReadonlyArray<Policy>
}

/**
 * What AG Projects add to a `<rl:entry>`: shared settings.
 *
 * @category model
 * @since 0.2.0
 */
export interface EntryExt {
  readonly attributes?: Attributes
}

/**
 * An entry of the full format.
 *
 * @category model
 * @since 0.2.0
 */
export type Entry = RL.Entry<EntryExt>

/**
 * A list of the full format.
 *
 * @category model
 * @since 0.2.0
 */
export type List = RL.List<ListExt, EntryExt>

/**
 * A resource-lists document of the full format.
 *
 * @category model
 * @since 0.2.0
 */
export type ResourceLists = RL.ResourceLists<ListExt, EntryExt>

/**
 * The extensions of the full format at each point.
 *
 * @category extensions
 * @since 0.2.0
 */
export interface Extensions {
  readonly list: Ext.Extension<ListExt, 'rl:list'>
  readonly entry: Ext.Extension<EntryExt, 'rl:entry'>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<attributes>` codec of a namespace: `<attribute name="…">` elements, each with a text value or `nil="true"`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const attributesIn = (ns: string): XmlCodec<Attributes> => {
  const q = Xml.qname(ns)
  return C.wrapped(
    q('attributes'),
    C.element(
      q('attribute'),
      { name: C.attr('name', V.string), nil: C.optionalAttr('nil', V.boolean), value: C.text(V.string) },
      'Attribute'
    )
  )
}

const handling = (local: string): XmlCodec<EventHandling> =>
  C.element(
    el(local),
    { policy: C.child(el('policy'), policyValue), subscribe: C.child(el('subscribe'), V.boolean) },
    'EventHandling'
  )

const Dialog = /*#__PURE__*/ handling('dialog')
const Presence = /*#__PURE__*/ handling('presence')

/** The fields every address book element ends with: the application's attributes and other elements. */
const tail = (appNs: string) => {
  const attributes = attributesIn(appNs)
  return {
    attributes: C.interleaved(C.optionalChild(attributes)),
    other: C.other((n: Xml.QName) => n.ns !== '' && n.ns !== NS && !(n.ns === appNs && n.local === 'attributes'))
  }
}

/** The element codecs of the address book for an application's attributes namespace. */
const codecsFor = (appNs: string) => {
  const ContactUri: XmlCodec<ContactUri> = C.element(
    el('uri'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      uri: C.attr('uri', V.preserving(V.anyURI)),
      type: C.optionalAttr('type', V.string),
      ...tail(appNs)
    },
    'ContactUri'
  )
  const ContactUriList: XmlCodec<ContactUriList> = C.element(
    el('uris'),
    { default: C.optionalAttr('default', V.string), items: C.children(ContactUri) },
    'ContactUriList'
  )
  const Contact: XmlCodec<Contact> = C.element(
    el('contact'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      name: C.child(el('name'), V.string),
      uris: C.child(ContactUriList),
      dialog: C.child(Dialog),
      presence: C.child(Presence),
      ...tail(appNs)
    },
    'Contact'
  )
  const Group: XmlCodec<Group> = C.element(
    el('group'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      name: C.child(el('name'), V.string),
      contacts: C.child(C.wrapped(el('contacts'), C.textElement(el('contact_id'), V.string))),
      ...tail(appNs)
    },
    'Group'
  )
  const Policy: XmlCodec<Policy> = C.element(
    el('policy-element'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      uri: C.attr('uri', V.preserving(V.anyURI)),
      name: C.child(el('name'), V.string),
      dialog: C.child(Dialog),
      presence: C.child(Presence),
      ...tail(appNs)
    },
    'Policy'
  )
  return { ContactUri, Contact, Group, Policy }
}

const sipsimple = /*#__PURE__*/ codecsFor(SIPSIMPLE_NS)

/**
 * The `<uri>` of a contact, with python3-sipsimple's attributes (addressbook.xsd `ContactURI`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ContactUri: XmlCodec<ContactUri> = sipsimple.ContactUri

/**
 * The `<contact>` codec, with python3-sipsimple's attributes (addressbook.xsd `Contact`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Contact: XmlCodec<Contact> = sipsimple.Contact

/**
 * The `<group>` codec, with python3-sipsimple's attributes (addressbook.xsd `Group`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Group: XmlCodec<Group> = sipsimple.Group

/**
 * The `<policy-element>` codec, with python3-sipsimple's attributes (addressbook.xsd `Policy`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Policy: XmlCodec<Policy> = sipsimple.Policy

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * The extensions for an application whose shared settings are in `appNs`: the address book at the `'rl:list'` point
 * and AG Projects' entry attributes at the `'rl:entry'` point.
 *
 * @example
 * import * as AddressBook from 'sip-simple-payloads/AddressBook'
 * import * as ResourceLists from 'sip-simple-payloads/ResourceLists'
 * const blink = ResourceLists.resourceListsWith(AddressBook.extensionsFor('urn:ag-projects:blink:xml:ns:addressbook'))
 *
 * @category extensions
 * @since 0.2.0
 */
export const extensionsFor = (appNs: string): Extensions => {
  const cs = appNs === SIPSIMPLE_NS ? sipsimple : codecsFor(appNs)
  return {
    list: Ext.fromFields(
      'rl:list',
      { contacts: C.children(cs.Contact), groups: C.children(cs.Group), policies: C.children(cs.Policy) },
      { name: 'AG Projects address book' }
    ),
    entry: Ext.fromFields(
      'rl:entry',
      { attributes: C.optionalChild(attributesIn(AGP_RL_NS)) },
      { name: 'AG Projects resource lists' }
    )
  }
}

/**
 * The extensions of the full format (python3-sipsimple's attributes namespace).
 *
 * @category extensions
 * @since 0.2.0
 */
export const extensions: Extensions = /*#__PURE__*/ extensionsFor(SIPSIMPLE_NS)

/**
 * The address book in a `<rl:list>`: contacts, groups and policies.
 *
 * @category extensions
 * @since 0.2.0
 */
export const list: Ext.Extension<ListExt, 'rl:list'> = extensions.list

/**
 * AG Projects' `<attributes>` in a `<rl:entry>`.
 *
 * @category extensions
 * @since 0.2.0
 */
export const entry: Ext.Extension<EntryExt, 'rl:entry'> = extensions.entry

// -------------------------------------------------------------------------------------
// the full format
// -------------------------------------------------------------------------------------

/**
 * The `<rl:resource-lists>` codec of the full format: resource lists with the address book and entry attributes.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ResourceLists: XmlCodec<ResourceLists> = /*#__PURE__*/ RL.resourceListsWith(extensions)

/**
 * The `<rl:list>` codec of the full format.
 *
 * @category codecs
 * @since 0.2.0
 */
export const List: XmlCodec<List> = /*#__PURE__*/ RL.listWith(extensions)

/**
 * The `<rl:entry>` codec of the full format.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Entry: XmlCodec<Entry> = /*#__PURE__*/ RL.entryWith(entry)

/**
 * The document codec of the full `resource-lists` format: content type `application/resource-lists+xml`, AUID
 * `resource-lists`.
 *
 * @example
 * import { document } from 'sip-simple-payloads/AddressBook'
 * const r = document.decode(
 *   '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="friends"/></resource-lists>'
 * )
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XcapDocumentCodec<ResourceLists> = /*#__PURE__*/ RL.documentWith(
  ResourceLists,
  "Resource lists with AG Projects' address book (RFC 4826)"
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

let counter = 0

/**
 * A fresh `xs:ID` in the reference's style: `id`, the microseconds since the epoch and six more digits (a counter and
 * a random part), unique within a process run and practically unique beyond.
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshId = (): string => {
  const micros = `${Date.now()}${String(counter++ % 1000).padStart(3, '0')}`
  return `id${micros}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
}

/**
 * An event handling: `default` and no subscription unless said otherwise.
 *
 * @category constructors
 * @since 0.2.0
 */
export const handlingOf = (policy: PolicyValue = 'default', subscribe = false): EventHandling => ({
  policy: policyValue.is(policy) ? policy : 'default',
  subscribe: subscribe === true
})

/**
 * A shared setting; `null` is written `nil="true"`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const attribute = (name: string, value: string | null): Attribute =>
  typeof value === 'string' ? { name: Read.text(name), value } : { name: Read.text(name), nil: true, value: '' }

/**
 * The value of a shared setting: its text, or null when it is `nil`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const attributeValue = (a: Attribute): string | null => {
  const r = Read.record(a)
  return r.nil === true ? null : typeof r.value === 'string' ? r.value : null
}

const isAttribute = (u: unknown): u is Attribute =>
  Read.isRecord(u) && typeof u.name === 'string' && typeof u.value === 'string'

/** Attributes from a record of name to value (or null), or a list of attributes. */
const attributesOf = (u: unknown): Attributes | undefined => {
  if (Array.isArray(u)) return u.filter(isAttribute)
  if (!Read.isRecord(u)) return undefined
  return Object.keys(u).flatMap((k) => {
    const v = u[k]
    return v === null || typeof v === 'string' ? [attribute(k, v)] : []
  })
}

const handlingFrom = (u: unknown): EventHandling => {
  const r = Read.record(u)
  return handlingOf(r.policy as PolicyValue, r.subscribe === true)
}

const stringOr = (u: unknown, d: string): string => (typeof u === 'string' ? u : d)

/**
 * What address book elements take for their shared settings: a record of name to value (or null), or attributes.
 *
 * @category constructors
 * @since 0.2.0
 */
export type AttributesInput = Readonly<Record<string, string | null>> | Attributes

const tailOf = (u: unknown): { readonly attributes?: Attributes; readonly other: ReadonlyArray<Xml.Element> } => {
  const i = Read.record(u)
  const attributes = attributesOf(i.attributes)
  return { ...(attributes === undefined ? {} : { attributes }), other: Read.arrayOf(i.other, C.isElement) }
}

/**
 * A URI of a contact, with a fresh id when none is given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const contactUri = (
  uri: string,
  input: { readonly id?: string; readonly type?: string; readonly attributes?: AttributesInput } = {}
): ContactUri => {
  const i = Read.record(input)
  return {
    id: stringOr(i.id, freshId()),
    uri: Read.text(uri),
    ...(typeof i.type === 'string' ? { type: i.type } : {}),
    ...tailOf(i)
  }
}

const isContactUri = (u: unknown): u is ContactUri =>
  Read.isRecord(u) && typeof u.id === 'string' && typeof u.uri === 'string'

/**
 * A contact, with a fresh id when none is given: URIs as strings or built with {@link contactUri}, the default by
 * the id of one of them, handlings `default` and no subscription unless given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const contact = (input: {
  readonly id?: string
  readonly name: string
  readonly uris?: ReadonlyArray<string | ContactUri>
  readonly default?: string
  readonly dialog?: Partial<EventHandling>
  readonly presence?: Partial<EventHandling>
  readonly attributes?: AttributesInput
}): Contact => {
  const i = Read.record(input)
  const items = Read.array(i.uris).flatMap((u) =>
    typeof u === 'string' ? [contactUri(u)] : isContactUri(u) ? [u] : []
  )
  return {
    id: stringOr(i.id, freshId()),
    name: stringOr(i.name, ''),
    uris: typeof i.default === 'string' ? { default: i.default, items } : { items },
    dialog: handlingFrom(i.dialog),
    presence: handlingFrom(i.presence),
    ...tailOf(i)
  }
}

/**
 * A group, with a fresh id when none is given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const group = (input: {
  readonly id?: string
  readonly name: string
  readonly contacts?: ReadonlyArray<string>
  readonly attributes?: AttributesInput
}): Group => {
  const i = Read.record(input)
  return {
    id: stringOr(i.id, freshId()),
    name: stringOr(i.name, ''),
    contacts: Read.arrayOf(i.contacts, (u): u is string => typeof u === 'string'),
    ...tailOf(i)
  }
}

/**
 * A policy for a URI that is no contact's, with a fresh id when none is given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const policy = (input: {
  readonly id?: string
  readonly uri: string
  readonly name?: string
  readonly dialog?: Partial<EventHandling>
  readonly presence?: Partial<EventHandling>
  readonly attributes?: AttributesInput
}): Policy => {
  const i = Read.record(input)
  return {
    id: stringOr(i.id, freshId()),
    uri: stringOr(i.uri, ''),
    name: stringOr(i.name, ''),
    dialog: handlingFrom(i.dialog),
    presence: handlingFrom(i.presence),
    ...tailOf(i)
  }
}

const completeEntry = (e: RL.Entry<unknown>): Entry => ({
  ...e,
  ext: Ext.fill(entry, Read.record(e.ext) as Partial<EntryExt>)
})

const completeList = (l: RL.List<unknown, unknown>): List => ({
  ...l,
  members: Read.arrayOf(l.members, Read.isRecord).map((m0): RL.Member<ListExt, EntryExt> => {
    const m = m0 as unknown as RL.Member<unknown, unknown>
    if (m._tag === 'Entry' && Read.isRecord(m.entry)) return { _tag: 'Entry', entry: completeEntry(m.entry) }
    if (m._tag === 'List' && Read.isRecord(m.list)) return { _tag: 'List', list: completeList(m.list) }
    return m as RL.Member<ListExt, EntryExt>
  }),
  ext: Ext.fill(list, Read.record(l.ext) as Partial<ListExt>)
})

/**
 * A list of the full format: `listOf({ name: LIST_NAME, ext: { contacts: [...] } })`. Members are given as for
 * `ResourceLists.list`; the address book fields left out are empty, in this list and the lists inside it.
 *
 * @category constructors
 * @since 0.2.0
 */
export const listOf = (input: RL.ListInput<Partial<ListExt>, Partial<EntryExt>, {}, {}> = {}): List =>
  completeList(RL.list<Partial<ListExt>, Partial<EntryExt>, {}, {}>(input))

/**
 * A resource-lists document of the full format from lists of any composition: the extension fields they lack get
 * their absent values.
 *
 * @category constructors
 * @since 0.2.0
 */
export const resourceLists = (lists: ReadonlyArray<RL.List<unknown, unknown>> = []): ResourceLists => ({
  lists: Read.arrayOf(lists, Read.isRecord).map((l) => completeList(l as unknown as RL.List<unknown, unknown>))
})

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

type Keyed = 'contacts' | 'groups' | 'policies'

/** The first element with this id under `key`, in the first list (depth first) that has one. */
const findIn = <H extends { readonly id: string }>(
  lists: ReadonlyArray<List>,
  key: Keyed,
  id: string
): H | undefined => {
  for (const l of lists) {
    const hit = (l.ext[key] as unknown as ReadonlyArray<H>).find((h) => h.id === id)
    if (hit !== undefined) return hit
    const below = findIn<H>(
      l.members.flatMap((m) => (m._tag === 'List' ? [m.list] : [])),
      key,
      id
    )
    if (below !== undefined) return below
  }
  return undefined
}

/** Replaces the element `findIn` finds; the lists that do not change stay the same objects. */
const replaceIn = <H extends { readonly id: string }>(l: List, key: Keyed, id: string, a: H): List | undefined => {
  const hs = l.ext[key] as unknown as ReadonlyArray<H>
  const i = hs.findIndex((h) => h.id === id)
  if (i >= 0) {
    if (hs[i] === a) return l
    const next = hs.slice()
    next[i] = a
    return { ...l, ext: { ...l.ext, [key]: next } }
  }
  for (let j = 0; j < l.members.length; j++) {
    const m = l.members[j]
    if (m._tag !== 'List') continue
    const r = replaceIn(m.list, key, id, a)
    if (r === undefined) continue
    if (r === m.list) return l
    const members = l.members.slice()
    members[j] = { _tag: 'List', list: r }
    return { ...l, members }
  }
  return undefined
}

const byId = <H extends { readonly id: string }>(key: Keyed, id: string): Op.Optional<ResourceLists, H> =>
  Op.optional(
    (d) => O.fromNullable(findIn<H>(d.lists, key, id)),
    (a) => (d) => {
      const next = a.id === id ? a : { ...a, id }
      for (let i = 0; i < d.lists.length; i++) {
        const r = replaceIn(d.lists[i], key, id, next)
        if (r === undefined) continue
        if (r === d.lists[i]) return d
        const lists = d.lists.slice()
        lists[i] = r
        return { ...d, lists }
      }
      return d
    }
  )

/**
 * The contact with this id, in whichever list holds it (ids are unique in a document). Writing it back keeps the id.
 *
 * @example
 * import * as AddressBook from 'sip-simple-payloads/AddressBook'
 * const bob = AddressBook.contact({ id: 'id1', name: 'Bob' })
 * const doc = AddressBook.resourceLists([AddressBook.listOf({ name: 'friends', ext: { contacts: [bob] } })])
 * const found = AddressBook.contactById('id1').getOption(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const contactById = (id: string): Op.Optional<ResourceLists, Contact> => byId<Contact>('contacts', id)

/**
 * The group with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const groupById = (id: string): Op.Optional<ResourceLists, Group> => byId<Group>('groups', id)

/**
 * The policy with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const policyById = (id: string): Op.Optional<ResourceLists, Policy> => byId<Policy>('policies', id)
