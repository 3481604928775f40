/**
 * The address book in its XCAP documents and back, as python3-sipsimple maps it (so that a client built on this and a
 * sipsimple-based client such as Blink share one account without rewriting each other's documents):
 *
 * - the source of truth is the `<rl:list name="sipsimple_addressbook">` of `resource-lists`, holding AG Projects'
 *   `contact`, `group` and `policy-element` elements;
 * - six lists are derived from it (one pure function of the contacts and policies): `oma_grantedcontacts`,
 *   `oma_blockedcontacts`, `dialog_grantedcontacts`, `dialog_blockedcontacts`, `sipsimple_presence_rls` and
 *   `sipsimple_dialog_rls`; `oma_buddylist` and `oma_allcontacts` are created once;
 * - `rls-services` has the presence and dialog services of the account, on the two RLS lists;
 * - `pres-rules` and `dialog-rules` have a fixed rule set (OMA `external-list` on the granted and blocked lists,
 *   `other-identity` for everyone else, `anonymous-request`, and the account itself); the default policy is the
 *   sub-handling of the `other-identity` rule;
 * - the status icon is a pres-content document, the offline status a PIDF document.
 *
 * {@link fromDocuments} reads the model (URIs percent-decoded, dangling defaults and members dropped). {@link
 * normalize} makes a document set canonical, and is idempotent: documents already normal come back as the same
 * objects, so an idle client never writes. Content the address book does not own is kept: other lists, elements and
 * attributes of other namespaces (other applications' shared settings among them), other RLS services. As in the
 * reference, the rules documents are the address book's own: rules it does not know are deleted.
 * {@link toDocuments} writes a model into a document set, keeping what the documents held beyond the model.
 *
 * @example
 * import * as Documents from 'sip-simple-payloads/addressbook/Documents'
 * import * as Model from 'sip-simple-payloads/addressbook/Model'
 * import * as Projection from 'sip-simple-payloads/addressbook/Projection'
 * const ctx = Documents.context({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
 * const bob = Model.contact({ id: 'bob', name: 'Bob', uris: ['sip:bob@example.com'], presence: { policy: 'allow', subscribe: true } })
 * const docs = Projection.toDocuments(Model.addressBook({ contacts: [bob] }), {}, ctx)
 * Projection.fromDocuments(docs, ctx).contacts[0].name // 'Bob'
 * Projection.normalize(docs, ctx) === docs // true: normal documents are a fixed point
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as AB from '../formats/AddressBook.js'
import type * as CommonPolicy from '../formats/CommonPolicy.js'
import type * as DialogRules from '../formats/DialogRules.js'
import type * as OmaCommonPolicy from '../formats/OmaCommonPolicy.js'
import * as PresContent from '../formats/PresContent.js'
import type * as Presence from '../formats/Presence.js'
import * as PresRules from '../formats/PresRules.js'
import * as RL from '../formats/ResourceLists.js'
import * as RlsServices from '../formats/RlsServices.js'
import type * as Xml from '../xml/Ast.js'
import * as Documents from './Documents.js'
import * as Model from './Model.js'

type Context = Documents.Context
type Docs = Documents.Documents

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The top-level lists of the address book in `resource-lists`, in the order they are created.
 *
 * @category model
 * @since 0.2.0
 */
export const LISTS = [
  'oma_buddylist',
  'oma_grantedcontacts',
  'oma_blockedcontacts',
  'oma_allcontacts',
  'dialog_grantedcontacts',
  'dialog_blockedcontacts',
  'sipsimple_presence_rls',
  'sipsimple_dialog_rls',
  AB.LIST_NAME
] as const

/**
 * The lists derived from the contacts and policies: each is rewritten, with bare sorted entries, when its set of
 * (percent-decoded) URIs differs from the one computed.
 *
 * @category model
 * @since 0.2.0
 */
export const DERIVED = [
  'oma_grantedcontacts',
  'oma_blockedcontacts',
  'dialog_grantedcontacts',
  'dialog_blockedcontacts',
  'sipsimple_presence_rls',
  'sipsimple_dialog_rls'
] as const

/**
 * A derived list's name.
 *
 * @category model
 * @since 0.2.0
 */
export type Derived = (typeof DERIVED)[number]

/**
 * The URIs of each derived list, sorted.
 *
 * @category model
 * @since 0.2.0
 */
export type DerivedLists = { readonly [K in Derived]: ReadonlyArray<string> }

// -------------------------------------------------------------------------------------
// derived lists
// -------------------------------------------------------------------------------------

const sorted = (s: ReadonlySet<string>): ReadonlyArray<string> => [...s].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

interface Handled {
  readonly uris: ReadonlyArray<string>
  readonly presence: Model.Handling
  readonly dialog: Model.Handling
}

/**
 * The derived lists of an address book (python3-sipsimple §2.4), for each event package: a contact's handling applies
 * to all its URIs; block beats allow where two contacts share a URI; a policy is ignored for a URI that any contact
 * has; `default` puts a URI in neither list; granted and blocked never meet.
 *
 * @example
 * import * as Model from 'sip-simple-payloads/addressbook/Model'
 * import { derivedLists } from 'sip-simple-payloads/addressbook/Projection'
 * const bob = Model.contact({ name: 'Bob', uris: ['sip:bob@example.com'], presence: { policy: 'allow', subscribe: true } })
 * derivedLists(Model.addressBook({ contacts: [bob] })).oma_grantedcontacts // ['sip:bob@example.com']
 *
 * @category constructors
 * @since 0.2.0
 */
export const derivedLists = (book: Pick<Model.AddressBook, 'contacts' | 'policies'>): DerivedLists => {
  const contacts: ReadonlyArray<Handled> = book.contacts.map((c) => ({ uris: c.uris.map((u) => u.uri), presence: c.presence, dialog: c.dialog }))
  const allContactUris = new Set(contacts.flatMap((c) => c.uris))
  const policies: ReadonlyArray<Handled> = book.policies.filter((p) => !allContactUris.has(p.uri)).map((p) => ({ uris: [p.uri], presence: p.presence, dialog: p.dialog }))
  const event = (e: 'presence' | 'dialog') => {
    const pick = (hs: ReadonlyArray<Handled>, f: (h: Model.Handling) => boolean): Set<string> => new Set(hs.filter((h) => f(h[e])).flatMap((h) => h.uris))
    const cAllow = pick(contacts, (h) => h.policy === 'allow')
    const cBlock = pick(contacts, (h) => h.policy === 'block')
    const pAllow = pick(policies, (h) => h.policy === 'allow')
    const pBlock = pick(policies, (h) => h.policy === 'block')
    const allowed = new Set([...cAllow].filter((u) => !cBlock.has(u)))
    for (const u of pAllow) if (!pBlock.has(u)) allowed.add(u)
    const blocked = new Set([...cBlock, ...pBlock])
    const subscribe = new Set([...pick(contacts, (h) => h.subscribe), ...pick(policies, (h) => h.subscribe)])
    return { allowed: sorted(allowed), blocked: sorted(blocked), subscribe: sorted(subscribe) }
  }
  const p = event('presence')
  const d = event('dialog')
  return {
    oma_grantedcontacts: p.allowed,
    oma_blockedcontacts: p.blocked,
    dialog_grantedcontacts: d.allowed,
    dialog_blockedcontacts: d.blocked,
    sipsimple_presence_rls: p.subscribe,
    sipsimple_dialog_rls: d.subscribe
  }
}

// -------------------------------------------------------------------------------------
// elements
// -------------------------------------------------------------------------------------

/** A URL the address book computed (an anchor, a list URI), as written in the context's style. */
const writeUrl = (ctx: Context, url: string): string => (ctx.uriStyle === 'sipsimple' ? Documents.encodeUri(Documents.decodeUri(url), 'sipsimple') : url)

const writeUri = (ctx: Context, uri: string): string => Documents.encodeUri(uri, ctx.uriStyle)

const attributesOf = (as: AB.Attributes | undefined): Model.Attributes =>
  Model.attributes(Object.fromEntries((as ?? []).map((a) => [a.name, AB.attributeValue(a)])))

/**
 * Shared settings written over an element's existing ones: existing names keep their place, new ones follow, names
 * the model does not have are dropped. Left out when there are none and the element had none (`always` writes an
 * empty element, as the reference does for an element it adds).
 */
const writeAttributes = (a: Model.Attributes, existing: AB.Attributes | undefined, always: boolean): AB.Attributes | undefined => {
  const names = Object.keys(a)
  if (names.length === 0 && existing === undefined && !always) return undefined
  // in the model's order (a decoded element's own order, or the order an add gives): writing the same attributes twice
  // gives the same element, whatever was there in between; an element already written with its value is reused
  const first = new Map<string, AB.Attribute>()
  for (const x of existing ?? []) if (!first.has(x.name)) first.set(x.name, x)
  const out: Array<AB.Attribute> = []
  for (const n of names) {
    const x = first.get(n)
    const v = a[n]
    out.push(x !== undefined && AB.attributeValue(x) === v && (v !== null || x.value === '') ? x : AB.attribute(n, v))
  }
  if (existing !== undefined && out.length === existing.length && out.every((x, i) => x === existing[i])) return existing
  return out
}

const handlingOf = (h: AB.EventHandling): Model.Handling => ({ policy: h.policy, subscribe: h.subscribe })

const writeHandling = (h: Model.Handling, existing: AB.EventHandling | undefined): AB.EventHandling =>
  existing !== undefined && existing.policy === h.policy && existing.subscribe === h.subscribe ? existing : { policy: h.policy, subscribe: h.subscribe }

const withOptional = <T extends object, K extends string, V>(o: T, key: K, v: V | undefined): T => {
  const { [key]: _old, ...rest } = o as Record<string, unknown>
  return (v === undefined ? rest : { ...rest, [key]: v }) as T
}

/**
 * The model of a `<contact>` element: URIs percent-decoded, a default that is none of its URIs left out, the
 * application's shared settings.
 *
 * @category constructors
 * @since 0.2.0
 */
export const contactOf = (c: AB.Contact): Model.Contact => {
  const uris = c.uris.items.map(
    (u): Model.ContactUri => ({
      id: u.id,
      uri: Documents.decodeUri(u.uri),
      ...(u.type === undefined ? {} : { type: u.type }),
      attributes: attributesOf(u.attributes)
    })
  )
  const def = c.uris.default
  return {
    id: c.id,
    name: c.name,
    uris,
    ...(def !== undefined && uris.some((u) => u.id === def) ? { default: def } : {}),
    presence: handlingOf(c.presence),
    dialog: handlingOf(c.dialog),
    attributes: attributesOf(c.attributes)
  }
}

/**
 * A `<uri>` element for a URI of a contact, written over the element it replaces (whose foreign content, other
 * applications' settings and spelling of an unchanged URI are kept).
 *
 * @category constructors
 * @since 0.2.0
 */
export const contactUriElement = (u: Model.ContactUri, existing: AB.ContactUri | undefined, ctx: Context): AB.ContactUri => {
  const base: AB.ContactUri = existing ?? { id: u.id, uri: '', other: [] }
  const uri = existing !== undefined && Documents.decodeUri(existing.uri) === u.uri ? existing.uri : writeUri(ctx, u.uri)
  let next: AB.ContactUri = base.id === u.id && base.uri === uri ? base : { ...base, id: u.id, uri }
  if (next.type !== u.type) next = withOptional(next, 'type', u.type)
  const attrs = writeAttributes(u.attributes, base.attributes, existing === undefined)
  if (attrs !== next.attributes) next = withOptional(next, 'attributes', attrs)
  return next
}

/**
 * A `<contact>` element for a contact, written over the element it replaces: what the model does not hold (elements
 * of other namespaces, other applications' settings, the namespace declarations, URIs' foreign content) is kept.
 *
 * @category constructors
 * @since 0.2.0
 */
export const contactElement = (c: Model.Contact, existing: AB.Contact | undefined, ctx: Context): AB.Contact => {
  const base: AB.Contact = existing ?? {
    id: c.id,
    name: c.name,
    uris: { items: [] },
    dialog: { policy: 'default', subscribe: false },
    presence: { policy: 'default', subscribe: false },
    other: []
  }
  const oldUris = base.uris.items
  const items = c.uris.map((u) => contactUriElement(u, oldUris.find((o) => o.id === u.id), ctx))
  const sameItems = items.length === oldUris.length && items.every((x, i) => x === oldUris[i])
  const uris: AB.ContactUriList =
    sameItems && base.uris.default === c.default ? base.uris : c.default === undefined ? { items } : { default: c.default, items }
  const dialog = writeHandling(c.dialog, base.dialog)
  const presence = writeHandling(c.presence, base.presence)
  const attrs = writeAttributes(c.attributes, base.attributes, existing === undefined)
  if (base.id === c.id && base.name === c.name && uris === base.uris && dialog === base.dialog && presence === base.presence && attrs === base.attributes && existing !== undefined)
    return existing
  return withOptional({ ...base, id: c.id, name: c.name, uris, dialog, presence }, 'attributes', attrs)
}

/**
 * The model of a `<group>` element.
 *
 * @category constructors
 * @since 0.2.0
 */
export const groupOf = (g: AB.Group): Model.Group => ({ id: g.id, name: g.name, members: g.contacts, attributes: attributesOf(g.attributes) })

/**
 * A `<group>` element for a group, written over the element it replaces.
 *
 * @category constructors
 * @since 0.2.0
 */
export const groupElement = (g: Model.Group, existing: AB.Group | undefined): AB.Group => {
  const base: AB.Group = existing ?? { id: g.id, name: g.name, contacts: [], other: [] }
  const contacts = base.contacts.length === g.members.length && base.contacts.every((m, i) => m === g.members[i]) ? base.contacts : g.members
  const attrs = writeAttributes(g.attributes, base.attributes, existing === undefined)
  if (existing !== undefined && base.name === g.name && contacts === base.contacts && attrs === base.attributes) return existing
  return withOptional({ ...base, id: g.id, name: g.name, contacts }, 'attributes', attrs)
}

/**
 * The model of a `<policy-element>` (its URI percent-decoded).
 *
 * @category constructors
 * @since 0.2.0
 */
export const policyOf = (p: AB.Policy): Model.Policy => ({
  id: p.id,
  uri: Documents.decodeUri(p.uri),
  name: p.name,
  presence: handlingOf(p.presence),
  dialog: handlingOf(p.dialog),
  attributes: attributesOf(p.attributes)
})

/**
 * A `<policy-element>` for a policy, written over the element it replaces.
 *
 * @category constructors
 * @since 0.2.0
 */
export const policyElement = (p: Model.Policy, existing: AB.Policy | undefined, ctx: Context): AB.Policy => {
  const base: AB.Policy = existing ?? {
    id: p.id,
    uri: '',
    name: p.name,
    dialog: { policy: 'default', subscribe: false },
    presence: { policy: 'default', subscribe: false },
    other: []
  }
  const uri = existing !== undefined && Documents.decodeUri(existing.uri) === p.uri ? existing.uri : writeUri(ctx, p.uri)
  const dialog = writeHandling(p.dialog, base.dialog)
  const presence = writeHandling(p.presence, base.presence)
  const attrs = writeAttributes(p.attributes, base.attributes, existing === undefined)
  if (existing !== undefined && uri === base.uri && base.name === p.name && dialog === base.dialog && presence === base.presence && attrs === base.attributes) return existing
  return withOptional({ ...base, id: p.id, uri, name: p.name, dialog, presence }, 'attributes', attrs)
}

// -------------------------------------------------------------------------------------
// resource lists
// -------------------------------------------------------------------------------------

type List = AB.List

/**
 * The address book list of a resource-lists document (the top-level list named `sipsimple_addressbook`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const addressBookList = (d: AB.ResourceLists | undefined): List | undefined => d?.lists.find((l) => l.name === AB.LIST_NAME)

/**
 * A resource-lists document with the address book list changed by `f` (created first when missing).
 *
 * @category constructors
 * @since 0.2.0
 */
export const updateAddressBook = (d: AB.ResourceLists | undefined, f: (ext: AB.ListExt) => AB.ListExt): AB.ResourceLists => {
  const doc = d ?? AB.resourceLists([])
  const i = doc.lists.findIndex((l) => l.name === AB.LIST_NAME)
  const list = i === -1 ? AB.listOf({ name: AB.LIST_NAME }) : doc.lists[i]
  const ext = f(list.ext)
  if (ext === list.ext && i !== -1) return doc
  const next: List = { ...list, ext }
  const lists = doc.lists.slice()
  if (i === -1) lists.push(next)
  else lists[i] = next
  return { ...doc, lists }
}

const EMPTY_EXT: AB.ListExt = { contacts: [], groups: [], policies: [] }

const sameSet = (a: ReadonlySet<string>, b: ReadonlyArray<string>): boolean => a.size === b.length && b.every((x) => a.has(x))

/** A derived list with exactly these URIs (set equality, percent-decoded); only `<entry>`s and foreign elements stay. */
const derivedList = (ctx: Context, l: List, uris: ReadonlyArray<string>): List => {
  const others = l.members.filter((m) => m._tag === 'Other')
  const entries = l.members.filter((m) => m._tag === 'Entry')
  const purged = others.length + entries.length !== l.members.length
  const extEmpty = l.ext.contacts.length === 0 && l.ext.groups.length === 0 && l.ext.policies.length === 0
  const current = new Set(entries.map((m) => (m._tag === 'Entry' ? Documents.decodeUri(m.entry.uri) : '')))
  if (sameSet(current, uris)) {
    if (!purged && extEmpty) return l
    return { ...withOptional(l, 'order', undefined), members: l.members.filter((m) => m._tag === 'Entry' || m._tag === 'Other'), ext: extEmpty ? l.ext : EMPTY_EXT }
  }
  const fresh: Array<RL.Member<AB.ListExt, AB.EntryExt>> = uris.map((u) => ({ _tag: 'Entry', entry: entryOf(writeUri(ctx, u)) }))
  return { ...withOptional(l, 'order', undefined), members: [...fresh, ...others], ext: extEmpty ? l.ext : EMPTY_EXT }
}

const entryOf = (uri: string): AB.Entry => ({ uri, ext: {}, other: [] })

const externalOf = (anchor: string): RL.Member<AB.ListExt, AB.EntryExt> => ({ _tag: 'External', external: { anchor, ext: {}, other: [] } })

const newList = (ctx: Context, name: (typeof LISTS)[number]): List =>
  name === 'oma_allcontacts'
    ? AB.listOf({
        name,
        members: ['oma_buddylist', 'oma_grantedcontacts', 'oma_blockedcontacts'].map((n) => externalOf(writeUrl(ctx, Documents.listUrl(ctx, n))))
      })
    : AB.listOf({ name })

/**
 * The resource-lists document made canonical: the nine lists exist (`oma_allcontacts` created with its three
 * externals), the address book list holds no `rl:` members, group members that are no contact (or repeated) are
 * dropped, and the six derived lists have exactly the URIs they must. Returns the same object when nothing changes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalizeResourceLists = (d: AB.ResourceLists | undefined, ctx: Context): AB.ResourceLists => {
  let doc = d ?? AB.resourceLists([])
  // 1. the nine lists
  const missing = LISTS.filter((n) => !doc.lists.some((l) => l.name === n))
  if (missing.length > 0) doc = { ...doc, lists: [...doc.lists, ...missing.map((n) => newList(ctx, n))] }
  // 2. the address book list: no rl: members, no dangling or repeated group members
  doc = updateAddressBook(doc, (ext) => {
    const ids = new Set(ext.contacts.map((c) => c.id))
    let changed = false
    const groups = ext.groups.map((g) => {
      const contacts = g.contacts.filter((m, i) => ids.has(m) && g.contacts.indexOf(m) === i)
      if (contacts.length === g.contacts.length) return g
      changed = true
      return { ...g, contacts }
    })
    return changed ? { ...ext, groups } : ext
  })
  const abList = addressBookList(doc) as List
  if (abList.members.some((m) => m._tag !== 'Other')) {
    const i = doc.lists.indexOf(abList)
    const lists = doc.lists.slice()
    lists[i] = { ...withOptional(abList, 'order', undefined), members: abList.members.filter((m) => m._tag === 'Other') }
    doc = { ...doc, lists }
  }
  // 3. the derived lists
  const ext = (addressBookList(doc) as List).ext
  const derived = derivedLists({ contacts: ext.contacts.map(contactOf), policies: ext.policies.map(policyOf) })
  let lists: Array<List> | undefined
  doc.lists.forEach((l, i) => {
    if (!(DERIVED as ReadonlyArray<string>).includes(l.name ?? '')) return
    const next = derivedList(ctx, l, derived[l.name as Derived])
    if (next === l) return
    lists ??= doc.lists.slice()
    lists[i] = next
  })
  return lists === undefined ? doc : { ...doc, lists }
}

// -------------------------------------------------------------------------------------
// rls-services
// -------------------------------------------------------------------------------------

/**
 * The URI of one of the account's list services: `sip:<user>+presence@<domain>` or `sip:<user>+dialog@<domain>`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const serviceUri = (ctx: Context, pkg: 'presence' | 'dialog'): string => {
  const { user, domain } = Documents.accountParts(ctx)
  return `sip:${user}+${pkg}@${domain}`
}

const canonicalService = (ctx: Context, services: ReadonlyArray<RlsServices.Service>, pkg: 'presence' | 'dialog'): ReadonlyArray<RlsServices.Service> => {
  const uri = serviceUri(ctx, pkg)
  const list = Documents.listUrl(ctx, pkg === 'presence' ? 'sipsimple_presence_rls' : 'sipsimple_dialog_rls')
  const i = services.findIndex((s) => Documents.decodeUri(s.uri) === uri)
  if (i === -1) return [...services, RlsServices.service({ uri: writeUri(ctx, uri), resourceList: writeUrl(ctx, list), packages: [pkg] })]
  const s = services[i]
  const resOk = s.resources._tag === 'ResourceList' && Documents.sameUri(s.resources.resourceList, list)
  const pkgOk = s.packages !== undefined && s.packages.packages.length === 1 && s.packages.packages[0] === pkg
  if (resOk && pkgOk) return services
  const next: RlsServices.Service = {
    ...s,
    resources: resOk ? s.resources : { _tag: 'ResourceList', resourceList: writeUrl(ctx, list) },
    packages: pkgOk && s.packages !== undefined ? s.packages : { packages: [pkg], other: s.packages?.other ?? [] }
  }
  const out = services.slice()
  out[i] = next
  return out
}

/**
 * The rls-services document made canonical: the presence and dialog services of the account exist, each on its RLS
 * list for its package alone. Other services are left as they are.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalizeRlsServices = (d: RlsServices.RlsServices | undefined, ctx: Context): RlsServices.RlsServices => {
  const doc = d ?? RlsServices.rlsServices([])
  const services = canonicalService(ctx, canonicalService(ctx, doc.services, 'presence'), 'dialog')
  return services === doc.services ? doc : { ...doc, services }
}

// -------------------------------------------------------------------------------------
// rules
// -------------------------------------------------------------------------------------

type SubHandling = PresRules.SubHandling
type ActionsExt = { readonly subHandling?: SubHandling }
type Rule<T> = CommonPolicy.Rule<OmaCommonPolicy.ConditionsExt, ActionsExt, T>
type RulesKind = 'pres-rules' | 'dialog-rules'

type Condition = { readonly _tag: 'List'; readonly list: string } | { readonly _tag: 'Other' } | { readonly _tag: 'Anonymous' } | { readonly _tag: 'Own' }

interface RuleSpec {
  readonly id: string
  readonly condition: Condition
  readonly allowed: ReadonlyArray<SubHandling>
}

const specs = (kind: RulesKind): { readonly [K in 'granted' | 'blocked' | 'unlisted' | 'allowUnlisted' | 'anonymous' | 'own']: RuleSpec } => {
  const p = kind === 'pres-rules' ? 'wp_prs' : 'wp_dlg'
  const lists = kind === 'pres-rules' ? ['oma_grantedcontacts', 'oma_blockedcontacts'] : ['dialog_grantedcontacts', 'dialog_blockedcontacts']
  return {
    granted: { id: `${p}_grantedcontacts`, condition: { _tag: 'List', list: lists[0] }, allowed: ['allow'] },
    blocked: { id: `${p}_blockedcontacts`, condition: { _tag: 'List', list: lists[1] }, allowed: ['polite-block'] },
    unlisted: { id: `${p}_unlisted`, condition: { _tag: 'Other' }, allowed: ['confirm', 'block', 'polite-block'] },
    allowUnlisted: { id: `${p}_allow_unlisted`, condition: { _tag: 'Other' }, allowed: ['allow'] },
    anonymous: { id: `${p}_block_anonymous`, condition: { _tag: 'Anonymous' }, allowed: ['block', 'polite-block'] },
    own: { id: `${p}_allow_own`, condition: { _tag: 'Own' }, allowed: ['allow'] }
  }
}

const noOma = (x: OmaCommonPolicy.ConditionsExt): boolean => x.externalList === undefined && x.anonymousRequest === undefined && x.otherIdentity === undefined

const conditionOk = (ctx: Context, c: CommonPolicy.Conditions<OmaCommonPolicy.ConditionsExt> | undefined, spec: Condition): boolean => {
  if (c === undefined || c.sphere !== undefined || c.validity !== undefined || c.other.length > 0) return false
  const { externalList, anonymousRequest, otherIdentity } = c.ext
  switch (spec._tag) {
    case 'List': {
      const url = Documents.listUrl(ctx, spec.list)
      return (
        c.identity === undefined &&
        anonymousRequest === undefined &&
        otherIdentity === undefined &&
        externalList !== undefined &&
        externalList.length === 1 &&
        externalList[0].otherAttrs === undefined &&
        externalList[0].anc !== undefined &&
        Documents.sameUri(externalList[0].anc, url)
      )
    }
    case 'Other':
      return c.identity === undefined && externalList === undefined && anonymousRequest === undefined && otherIdentity === true
    case 'Anonymous':
      return c.identity === undefined && externalList === undefined && otherIdentity === undefined && anonymousRequest === true
    case 'Own': {
      const ms = c.identity?.members ?? []
      const m = ms[0]
      return noOma(c.ext) && ms.length === 1 && m._tag === 'One' && m.one.other.length === 0 && Documents.sameUri(m.one.id, ctx.xui)
    }
  }
}

const conditionFor = (ctx: Context, spec: Condition): CommonPolicy.Conditions<OmaCommonPolicy.ConditionsExt> => {
  switch (spec._tag) {
    case 'List':
      return { ext: { externalList: [{ anc: writeUrl(ctx, Documents.listUrl(ctx, spec.list)) }] }, other: [] }
    case 'Other':
      return { ext: { otherIdentity: true }, other: [] }
    case 'Anonymous':
      return { ext: { anonymousRequest: true }, other: [] }
    case 'Own':
      return { identity: { members: [{ _tag: 'One', one: { id: writeUri(ctx, ctx.xui), other: [] } }] }, ext: {}, other: [] }
  }
}

/** A rule made canonical: exactly its condition, a single allowed sub-handling, no transformations. */
const canonicalRule = <T>(ctx: Context, r: Rule<T> | undefined, spec: RuleSpec, want?: SubHandling): Rule<T> => {
  const current = r?.actions?.ext.subHandling ?? 'block'
  const wanted = want ?? current
  const sub = spec.allowed.includes(wanted) ? wanted : spec.allowed[0]
  const condOk = r !== undefined && conditionOk(ctx, r.conditions, spec.condition)
  const actionsOk = r?.actions !== undefined && r.actions.other.length === 0 && r.actions.ext.subHandling === sub && Object.keys(r.actions.ext).length === 1
  if (r !== undefined && condOk && actionsOk && r.transformations === undefined) return r
  return {
    id: spec.id,
    conditions: condOk && r?.conditions !== undefined ? r.conditions : conditionFor(ctx, spec.condition),
    actions: actionsOk && r?.actions !== undefined ? r.actions : { ext: { subHandling: sub }, other: [] }
  }
}

/**
 * The rules of a presence or dialog rules document made canonical (python3-sipsimple §2.5): the rules the address
 * book owns, each with exactly its condition and one allowed sub-handling (a missing one counts as `block`; a value
 * it does not allow becomes the first it allows), without transformations; exactly one of the two rules for unlisted
 * subscribers (`*_allow_unlisted` is dropped when both exist); every other rule deleted; missing rules added.
 * `defaultPolicy` sets the rule for unlisted subscribers (`allow` is the `*_allow_unlisted` rule, which takes the
 * place of the other). Returns the same array when nothing changes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalizeRules = <T>(kind: RulesKind, rules: ReadonlyArray<Rule<T>>, ctx: Context, defaultPolicy?: SubHandling): ReadonlyArray<Rule<T>> => {
  const s = specs(kind)
  const byId = (id: string): Rule<T> | undefined => rules.find((r) => r.id === id)
  const hasUnlisted = byId(s.unlisted.id) !== undefined
  const hasAllow = byId(s.allowUnlisted.id) !== undefined
  // the rule for unlisted subscribers: the one the default asks for, else the one there is (unlisted winning)
  const target = defaultPolicy !== undefined ? (defaultPolicy === 'allow' ? s.allowUnlisted : s.unlisted) : hasUnlisted || !hasAllow ? s.unlisted : s.allowUnlisted
  const other = target === s.unlisted ? s.allowUnlisted : s.unlisted
  const order: ReadonlyArray<RuleSpec> = [s.granted, s.blocked, target, s.anonymous, s.own]
  const out: Array<Rule<T>> = []
  const done = new Set<string>()
  for (const r of rules) {
    if (r.id === other.id) {
      // the other rule for unlisted subscribers goes; the one asked for takes its place when it is not there
      if (byId(target.id) === undefined && !done.has(target.id)) {
        out.push(canonicalRule(ctx, undefined, target, defaultPolicy ?? 'confirm'))
        done.add(target.id)
      }
      continue
    }
    const spec = order.find((x) => x.id === r.id)
    if (spec === undefined || done.has(r.id)) continue
    out.push(canonicalRule(ctx, r, spec, spec === target ? defaultPolicy : undefined))
    done.add(r.id)
  }
  for (const spec of order) if (!done.has(spec.id)) out.push(canonicalRule(ctx, undefined, spec, spec === target ? (defaultPolicy ?? 'confirm') : undefined))
  return out.length === rules.length && out.every((r, i) => r === rules[i]) ? rules : out
}

/**
 * The default policy a rules document says: `allow` when the `*_allow_unlisted` rule is there (and no
 * `*_unlisted`), else the sub-handling of `*_unlisted`; `confirm` when the document has neither.
 *
 * @category constructors
 * @since 0.2.0
 */
export const defaultPolicyOf = <T>(kind: RulesKind, rules: ReadonlyArray<Rule<T>> | undefined): SubHandling => {
  const s = specs(kind)
  const unlisted = rules?.find((r) => r.id === s.unlisted.id)
  if (unlisted !== undefined) {
    const v = unlisted.actions?.ext.subHandling ?? 'block'
    return s.unlisted.allowed.includes(v) ? v : s.unlisted.allowed[0]
  }
  return rules?.some((r) => r.id === s.allowUnlisted.id) === true ? 'allow' : 'confirm'
}

const setRules = <D extends { readonly rules: ReadonlyArray<Rule<T>> }, T>(doc: D, rules: ReadonlyArray<Rule<T>>): D => (rules === doc.rules ? doc : { ...doc, rules })

/**
 * The presence rules made canonical (see {@link normalizeRules}); `defaultPolicy` sets the default.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalizePresRules = (d: PresRules.PresRules | undefined, ctx: Context, defaultPolicy?: SubHandling): PresRules.PresRules => {
  const doc = d ?? PresRules.presRules([])
  return setRules(doc, normalizeRules('pres-rules', doc.rules, ctx, defaultPolicy))
}

/**
 * The dialog rules made canonical (see {@link normalizeRules}); `defaultPolicy` sets the default.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalizeDialogRules = (d: DialogRules.DialogRules | undefined, ctx: Context, defaultPolicy?: SubHandling): DialogRules.DialogRules => {
  const doc = d ?? { rules: [] }
  return setRules(doc, normalizeRules('dialog-rules', doc.rules, ctx, defaultPolicy))
}

// -------------------------------------------------------------------------------------
// icon
// -------------------------------------------------------------------------------------

/**
 * The status icon a pres-content document holds, or why it holds none the address book can use: a MIME type other
 * than JPEG, PNG or GIF, an encoding other than base64, data that is not base64 or empty.
 *
 * @category constructors
 * @since 0.2.0
 */
export const iconOf = (c: PresContent.Content): E.Either<string, Model.Icon> => {
  const bytes = PresContent.decodeData(c)
  if (E.isLeft(bytes)) return E.left(bytes.left.map((p) => `${p.path}: ${p.message}`).join('; '))
  const description = c.descriptions[0]?.value
  return Model.icon(bytes.right, c.mimeType?.value.trim() ?? '', description)
}

/**
 * The pres-content document of a status icon; the one given when it holds the same icon already.
 *
 * @category constructors
 * @since 0.2.0
 */
export const iconDocument = (icon: Model.Icon, existing: PresContent.Content | undefined): PresContent.Content => {
  if (existing !== undefined) {
    const held = iconOf(existing)
    if (E.isRight(held) && Model.sameIcon(held.right, icon)) return existing
  }
  return PresContent.content(icon.data, icon.mimeType, icon.description === undefined ? {} : { descriptions: [PresContent.description(icon.description)] })
}

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

const put = <K extends Documents.Name>(docs: Docs, name: K, value: Documents.Values[K] | undefined): Docs => {
  if (docs[name] === value) return docs
  const { [name]: _old, ...rest } = docs
  return (value === undefined ? rest : { ...rest, [name]: value }) as Docs
}

/**
 * A document set made canonical for a context (python3-sipsimple's normalize, §3.2): the required documents exist
 * (and dialog rules where the server has them), resource lists, RLS services and rules are made canonical, and a
 * status icon the address book cannot use is deleted. Documents the server does not support are left as they are.
 * Idempotent; normal documents come back as the same objects (the set too, when nothing changes).
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalize = (docs: Docs, ctx: Context): Docs => {
  let out = docs
  if (Documents.supports(ctx, 'resource-lists')) out = put(out, 'resource-lists', normalizeResourceLists(out['resource-lists'], ctx))
  if (Documents.supports(ctx, 'rls-services')) out = put(out, 'rls-services', normalizeRlsServices(out['rls-services'], ctx))
  if (Documents.supports(ctx, 'pres-rules')) out = put(out, 'pres-rules', normalizePresRules(out['pres-rules'], ctx))
  if (Documents.supports(ctx, 'dialog-rules')) out = put(out, 'dialog-rules', normalizeDialogRules(out['dialog-rules'], ctx))
  const icon = out['status-icon']
  if (icon !== undefined && Documents.supports(ctx, 'status-icon') && E.isLeft(iconOf(icon))) out = put(out, 'status-icon', undefined)
  return out
}

/**
 * The address book a document set holds: contacts, groups and policies of the `sipsimple_addressbook` list (URIs
 * percent-decoded, group members that are no contact and defaults that are none of the contact's URIs dropped), the
 * default policies of the rules documents (none for dialog where the server has no dialog rules), the status icon
 * where the document holds one the address book can use, and the offline status.
 *
 * @category constructors
 * @since 0.2.0
 */
export const fromDocuments = (docs: Docs, ctx: Context): Model.AddressBook => {
  const ext = addressBookList(docs['resource-lists'])?.ext ?? EMPTY_EXT
  const contacts = ext.contacts.map(contactOf)
  const iconDoc = Documents.supports(ctx, 'status-icon') ? docs['status-icon'] : undefined
  const icon = iconDoc === undefined ? undefined : iconOf(iconDoc)
  const status = Documents.supports(ctx, 'pidf-manipulation') ? docs['pidf-manipulation'] : undefined
  return Model.normalize({
    contacts,
    groups: ext.groups.map(groupOf),
    policies: ext.policies.map(policyOf),
    defaultPresencePolicy: defaultPolicyOf('pres-rules', docs['pres-rules']?.rules),
    ...(Documents.supports(ctx, 'dialog-rules') ? { defaultDialogPolicy: defaultPolicyOf('dialog-rules', docs['dialog-rules']?.rules) } : {}),
    ...(icon !== undefined && E.isRight(icon) ? { icon: icon.right } : {}),
    ...(status === undefined ? {} : { offlineStatus: status })
  })
}

const byId = <A extends { readonly id: string }>(as: ReadonlyArray<A>): ReadonlyMap<string, A> => new Map(as.map((a) => [a.id, a]))

const sameArray = <A>(a: ReadonlyArray<A>, b: ReadonlyArray<A>): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * A model written into a document set: the address book list gets exactly the model's contacts, groups and policies,
 * in its order (each element written over the one with its id, so what the model does not hold stays), the rules
 * documents its default policies, the status icon and offline status documents its icon and status (or none); then
 * the whole set is normalized. Documents the server does not support are not written.
 *
 * @category constructors
 * @since 0.2.0
 */
export const toDocuments = (book: Model.AddressBook, docs: Docs, ctx: Context): Docs => {
  let out = normalize(docs, ctx)
  if (Documents.supports(ctx, 'resource-lists'))
    out = put(
      out,
      'resource-lists',
      updateAddressBook(out['resource-lists'], (ext) => {
        const cs = byId(ext.contacts)
        const gs = byId(ext.groups)
        const ps = byId(ext.policies)
        const contacts = book.contacts.map((c) => contactElement(c, cs.get(c.id), ctx))
        const groups = book.groups.map((g) => groupElement(g, gs.get(g.id)))
        const policies = book.policies.map((p) => policyElement(p, ps.get(p.id), ctx))
        if (sameArray(contacts, ext.contacts) && sameArray(groups, ext.groups) && sameArray(policies, ext.policies)) return ext
        return { contacts, groups, policies }
      })
    )
  if (Documents.supports(ctx, 'pres-rules')) out = put(out, 'pres-rules', normalizePresRules(out['pres-rules'], ctx, book.defaultPresencePolicy))
  if (Documents.supports(ctx, 'dialog-rules') && book.defaultDialogPolicy !== undefined)
    out = put(out, 'dialog-rules', normalizeDialogRules(out['dialog-rules'], ctx, book.defaultDialogPolicy))
  if (Documents.supports(ctx, 'status-icon')) out = put(out, 'status-icon', book.icon === undefined ? undefined : iconDocument(book.icon, out['status-icon']))
  if (Documents.supports(ctx, 'pidf-manipulation')) {
    const held = out['pidf-manipulation']
    out = put(out, 'pidf-manipulation', Model.sameStatus(held, book.offlineStatus) ? held : book.offlineStatus)
  }
  return normalize(out, ctx)
}

/**
 * The foreign elements a contact's element holds beyond the model (other applications' settings among them), for
 * tests and inspection.
 *
 * @category constructors
 * @since 0.2.0
 */
export const foreignOf = (docs: Docs, contactId: string): ReadonlyArray<Xml.Element> =>
  addressBookList(docs['resource-lists'])?.ext.contacts.find((c) => c.id === contactId)?.other ?? []
