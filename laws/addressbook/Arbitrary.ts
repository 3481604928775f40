/**
 * Arbitraries of the address book: contexts (with and without dialog rules, plain and python3-sipsimple URI
 * spelling), address books in normal form (unique ids, members that are contacts, defaults that are URIs, URIs with
 * the characters that percent-encoding is about, contacts sharing URIs with each other and with policies, shared
 * settings with null values, icons, offline statuses), operations on a given address book (on its ids and on others),
 * and pairs of operation lists on disjoint ids (two clients editing at once).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Presence from '../../src/formats/Presence.js'
import * as A from '../Arbitrary.js'

// -------------------------------------------------------------------------------------
// contexts
// -------------------------------------------------------------------------------------

/**
 * A context: one of two XCAP roots, with or without the optional documents, either URI spelling.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const context: fc.Arbitrary<Documents.Context> = fc
  .record({
    root: fc.constantFrom('https://xcap.example.com/xcap-root', 'http://127.0.0.1:25080/xcap-root'),
    dialog: fc.boolean(),
    extras: fc.boolean(),
    uriStyle: fc.constantFrom<Documents.UriStyle>('plain', 'sipsimple'),
    blink: fc.boolean()
  })
  .map((r) =>
    Documents.context({
      root: r.root,
      xui: 'sip:alice@example.com',
      uriStyle: r.uriStyle,
      ...(r.blink ? { appNamespace: 'urn:ag-projects:blink:xml:ns:addressbook' } : {}),
      supported: Documents.NAMES.filter((n) => (n === 'dialog-rules' ? r.dialog : n === 'pidf-manipulation' || n === 'status-icon' ? r.extras : true))
    })
  )

// -------------------------------------------------------------------------------------
// values
// -------------------------------------------------------------------------------------

/**
 * URIs: SIP, SIPS and tel URIs, and text with what percent-encoding is about (`%`, escapes that look decoded, spaces,
 * non-ASCII characters, characters the reference escapes).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const uri: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('sip:bob@example.com', 'sip:carol@example.com', 'tel:+1-555-0100', 'sips:dave@example.org', 'sip:%41lice@example.com') },
  { weight: 3, arbitrary: A.anyURI },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('sip:', 'tel:', ''), fc.string({ unit: fc.constantFrom('a', 'Z', '%', '4', '1', ' ', '+', '@', '/', '~', 'é', '"', '[', ':', '😀', '\t'), maxLength: 10 })).map(([s, t]) => s + t) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) }
)

const name = A.xmlText(12)

const attrName = fc.oneof(fc.constantFrom('icon', 'nickname', 'preferred_media', 'x'), A.xmlText(6)).filter((k) => k !== '__proto__')

/**
 * Shared settings, null values among them.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const attributes: fc.Arbitrary<Model.Attributes> = fc
  .array(fc.tuple(attrName, fc.option(A.xmlText(8), { nil: null })), { maxLength: 3 })
  .map((es) => Model.attributes(Object.fromEntries(es)))

/**
 * A handling.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const handling: fc.Arbitrary<Model.Handling> = fc.record({
  policy: fc.constantFrom<Model.Handling['policy']>('allow', 'block', 'default'),
  subscribe: fc.boolean()
})

/**
 * A default policy.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const defaultPolicy: fc.Arbitrary<Model.DefaultPolicy> = fc.constantFrom<Model.DefaultPolicy>('allow', 'confirm', 'polite-block', 'block')

/**
 * A status icon.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const icon: fc.Arbitrary<Model.Icon> = fc
  .record({ mimeType: fc.constantFrom(...Model.ICON_TYPES), data: fc.uint8Array({ minLength: 1, maxLength: 24 }), description: fc.option(A.xmlText(10), { nil: undefined }) })
  .map((r) => ({ mimeType: r.mimeType, data: r.data, ...(r.description === undefined ? {} : { description: r.description }) }))

/**
 * An offline status.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const offlineStatus: fc.Arbitrary<Presence.Presence> = fc
  .record({ note: A.xmlText(12), basic: fc.constantFrom<'open' | 'closed'>('open', 'closed') })
  .map((r) => Presence.presence({ entity: 'sip:alice@example.com', tuples: [Presence.tuple({ id: 't1', basic: r.basic, note: r.note })] }))

const suffix = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '9', '_', '.', '-'), maxLength: 4 })

interface Shape {
  readonly contacts: ReadonlyArray<{ readonly name: string; readonly uris: ReadonlyArray<{ readonly uri: string; readonly type?: string; readonly attributes: Model.Attributes }>; readonly def: number; readonly presence: Model.Handling; readonly dialog: Model.Handling; readonly attributes: Model.Attributes }>
  readonly groups: ReadonlyArray<{ readonly name: string; readonly members: ReadonlyArray<number>; readonly attributes: Model.Attributes }>
  readonly policies: ReadonlyArray<{ readonly uri: string; readonly shared: number; readonly name: string; readonly presence: Model.Handling; readonly dialog: Model.Handling; readonly attributes: Model.Attributes }>
  readonly defaultPresencePolicy: Model.DefaultPolicy
  readonly defaultDialogPolicy: Model.DefaultPolicy
  readonly icon: Model.Icon | undefined
  readonly offlineStatus: Presence.Presence | undefined
  readonly suffix: string
}

const shape: fc.Arbitrary<Shape> = fc.record({
  contacts: fc.array(
    fc.record({
      name,
      uris: fc.array(
        fc.record({ uri, type: fc.option(fc.constantFrom('SIP', 'mobile', 'work phone'), { nil: undefined }), attributes }).map((u) => (u.type === undefined ? { uri: u.uri, attributes: u.attributes } : { uri: u.uri, type: u.type, attributes: u.attributes })),
        { maxLength: 3 }
      ),
      def: fc.integer({ min: -1, max: 2 }),
      presence: handling,
      dialog: handling,
      attributes
    }),
    { maxLength: 4 }
  ),
  groups: fc.array(fc.record({ name, members: fc.array(fc.nat(5), { maxLength: 4 }), attributes }), { maxLength: 3 }),
  policies: fc.array(fc.record({ uri, shared: fc.integer({ min: -3, max: 4 }), name, presence: handling, dialog: handling, attributes }), { maxLength: 3 }),
  defaultPresencePolicy: defaultPolicy,
  defaultDialogPolicy: defaultPolicy,
  icon: fc.option(icon, { nil: undefined }),
  offlineStatus: fc.option(offlineStatus, { nil: undefined }),
  suffix
})

/**
 * An address book in normal form for a context (a dialog policy exactly where the context has dialog rules, an icon
 * and an offline status only where it has their documents). Policies sometimes name a contact's URI (where they are
 * ignored).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const addressBook = (ctx: Documents.Context): fc.Arbitrary<Model.AddressBook> =>
  shape.map((s) => {
    const contacts = s.contacts.map((c, i): Model.Contact => {
      const uris = c.uris.map((u, j) => ({ ...u, id: `u${i}_${j}${s.suffix}` }))
      const def = c.def >= 0 && c.def < uris.length ? uris[c.def].id : undefined
      return { id: `c${i}${s.suffix}`, name: c.name, uris, ...(def === undefined ? {} : { default: def }), presence: c.presence, dialog: c.dialog, attributes: c.attributes }
    })
    const allUris = contacts.flatMap((c) => c.uris.map((u) => u.uri))
    const groups = s.groups.map(
      (g, i): Model.Group => ({
        id: `g${i}${s.suffix}`,
        name: g.name,
        members: [...new Set(g.members.filter((m) => m < contacts.length).map((m) => contacts[m].id))],
        attributes: g.attributes
      })
    )
    const policies = s.policies.map(
      (p, i): Model.Policy => ({
        id: `p${i}${s.suffix}`,
        uri: p.shared >= 0 && p.shared < allUris.length ? allUris[p.shared] : p.uri,
        name: p.name,
        presence: p.presence,
        dialog: p.dialog,
        attributes: p.attributes
      })
    )
    return {
      contacts,
      groups,
      policies,
      defaultPresencePolicy: s.defaultPresencePolicy,
      ...(Documents.supports(ctx, 'dialog-rules') ? { defaultDialogPolicy: s.defaultDialogPolicy } : {}),
      ...(s.icon !== undefined && Documents.supports(ctx, 'status-icon') ? { icon: s.icon } : {}),
      ...(s.offlineStatus !== undefined && Documents.supports(ctx, 'pidf-manipulation') ? { offlineStatus: s.offlineStatus } : {})
    }
  })

/**
 * A context and an address book in normal form for it.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const contextAndBook: fc.Arbitrary<readonly [Documents.Context, Model.AddressBook]> = context.chain((ctx) => addressBook(ctx).map((b) => [ctx, b] as const))

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

const idIn = (ids: ReadonlyArray<string>, fresh: string): fc.Arbitrary<string> => (ids.length === 0 ? fc.constant(fresh) : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constant(fresh) }))

const changesOf = <K extends string>(fields: Record<K, fc.Arbitrary<unknown>>): fc.Arbitrary<Partial<Record<K, unknown>>> =>
  fc.record(fields, { requiredKeys: [] }) as unknown as fc.Arbitrary<Partial<Record<K, unknown>>>

const attributeChanges = {
  attributes,
  removeAttributes: fc.array(attrName, { maxLength: 2 })
}

/**
 * An operation on an address book: mostly on its ids, sometimes on fresh ones (`tag` makes fresh ids distinct
 * between generators).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const operation = (book: Model.AddressBook, tag = 'n'): fc.Arbitrary<Operations.Operation> => {
  const contactIds = book.contacts.map((c) => c.id)
  const groupIds = book.groups.map((g) => g.id)
  const policyIds = book.policies.map((p) => p.id)
  const cid = idIn(contactIds, `${tag}c`)
  const gid = idIn(groupIds, `${tag}g`)
  const pid = idIn(policyIds, `${tag}p`)
  const uriOf = (c: string): fc.Arbitrary<string> => idIn(book.contacts.find((x) => x.id === c)?.uris.map((u) => u.id) ?? [], `${tag}u`)
  const newContact = fc.record({ name, uri, presence: handling, dialog: handling, attributes }).map((r) =>
    Model.contact({ id: `${tag}c`, name: r.name, uris: [Model.contactUri(r.uri, { id: `${tag}cu` })], presence: r.presence, dialog: r.dialog, attributes: r.attributes })
  )
  return fc.oneof(
    newContact.map(Operations.addContact),
    fc.tuple(cid, changesOf({ name, presence: handling, dialog: handling, ...attributeChanges })).map(([id, ch]) => Operations.updateContact(id, ch as Operations.ContactChanges)),
    cid.chain((id) => uriOf(id).map((u) => Operations.updateContact(id, { default: u }))),
    cid.map(Operations.removeContact),
    fc.tuple(cid, uri, attributes).map(([c, u, a]) => Operations.addContactUri(c, Model.contactUri(u, { id: `${tag}u`, attributes: a }))),
    cid.chain((c) => fc.tuple(uriOf(c), changesOf({ uri, type: fc.option(fc.constant('mobile'), { nil: null }), ...attributeChanges })).map(([u, ch]) => Operations.updateContactUri(c, u, ch as Operations.UriChanges))),
    cid.chain((c) => uriOf(c).map((u) => Operations.removeContactUri(c, u))),
    fc.tuple(name, attributes, fc.subarray([...contactIds])).map(([n, a, ms]) => Operations.addGroup(Model.group({ id: `${tag}g`, name: n, members: ms, attributes: a }))),
    fc.tuple(gid, changesOf({ name, ...attributeChanges })).map(([id, ch]) => Operations.updateGroup(id, ch as Operations.GroupChanges)),
    gid.map(Operations.removeGroup),
    fc.tuple(gid, cid).map(([g, c]) => Operations.addGroupMember(g, c)),
    fc.tuple(gid, cid).map(([g, c]) => Operations.removeGroupMember(g, c)),
    fc.record({ uri, name, presence: handling, dialog: handling, attributes }).map((r) => Operations.addPolicy(Model.policy({ id: `${tag}p`, ...r }))),
    fc.tuple(pid, changesOf({ uri, name, presence: handling, dialog: handling, ...attributeChanges })).map(([id, ch]) => Operations.updatePolicy(id, ch as Operations.PolicyChanges)),
    pid.map(Operations.removePolicy),
    defaultPolicy.map(Operations.setDefaultPresencePolicy),
    defaultPolicy.map(Operations.setDefaultDialogPolicy),
    fc.option(icon, { nil: null }).map(Operations.setStatusIcon),
    fc.option(offlineStatus, { nil: null }).map(Operations.setOfflineStatus)
  )
}

/**
 * Operations on an address book.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const operations = (book: Model.AddressBook, tag = 'n', maxLength = 5): fc.Arbitrary<ReadonlyArray<Operations.Operation>> => fc.array(operation(book, tag), { maxLength })

/** The ids an operation is about (the element it changes and, for members, the group). */
const subjects = (op: Operations.Operation): ReadonlyArray<string> => {
  switch (op._tag) {
    case 'AddContact':
      return [op.contact.id, ...op.contact.uris.map((u) => u.id)]
    case 'UpdateContact':
    case 'RemoveContact':
    case 'UpdateGroup':
    case 'RemoveGroup':
    case 'UpdatePolicy':
    case 'RemovePolicy':
      return [op.id]
    case 'AddContactUri':
      return [op.contact, op.uri.id]
    case 'UpdateContactUri':
    case 'RemoveContactUri':
      return [op.contact, op.id]
    case 'AddGroup':
      return [op.group.id, ...op.group.members]
    case 'AddGroupMember':
    case 'RemoveGroupMember':
      return [op.group, op.contact]
    case 'AddPolicy':
      return [op.policy.id]
    default:
      return [op._tag]
  }
}

/**
 * The operations in an order a client can make them: an operation that refers to a contact, or to a URI as a default,
 * before the operation that adds it is left out (a user interface cannot name what is not there yet). Such a reference
 * is kept in the document until the next normalization drops it, so where the client's writes fall between the two
 * operations would decide the result; references to what is never added are kept (they do nothing, however written).
 */
const causal =
  (book: Model.AddressBook) =>
  (ops: ReadonlyArray<Operations.Operation>): ReadonlyArray<Operations.Operation> => {
    const contacts = new Set(book.contacts.map((c) => c.id))
    const uris = new Set(book.contacts.flatMap((c) => c.uris.map((u) => `${c.id} ${u.id}`)))
    const addedLater = (i: number, p: (op: Operations.Operation) => boolean): boolean => ops.slice(i + 1).some(p)
    const out: Array<Operations.Operation> = []
    ops.forEach((op, i) => {
      const ahead = (c: string): boolean => !contacts.has(c) && addedLater(i, (o) => o._tag === 'AddContact' && o.contact.id === c)
      if (op._tag === 'AddGroupMember' && ahead(op.contact)) return
      if (op._tag === 'AddGroup' && op.group.members.some(ahead)) return
      if (op._tag === 'UpdateContact' && typeof op.changes.default === 'string' && !uris.has(`${op.id} ${op.changes.default}`)) {
        const d = op.changes.default
        const later = addedLater(i, (o) => (o._tag === 'AddContactUri' && o.contact === op.id && o.uri.id === d) || (o._tag === 'AddContact' && o.contact.id === op.id))
        if (later) return
      }
      if (op._tag === 'AddContact') {
        contacts.add(op.contact.id)
        for (const u of op.contact.uris) uris.add(`${op.contact.id} ${u.id}`)
      }
      if (op._tag === 'AddContactUri') uris.add(`${op.contact} ${op.uri.id}`)
      out.push(op)
    })
    return out
  }

/**
 * Two lists of operations that touch disjoint things (ids, and each of the document-wide settings at most on one
 * side), each in an order a client can make them: what two clients do at once without editing the same element. Contacts removed on one side are not members
 * the other side adds, and the groups of contacts one side removes are not touched by the other.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const disjoint = (book: Model.AddressBook): fc.Arbitrary<readonly [ReadonlyArray<Operations.Operation>, ReadonlyArray<Operations.Operation>]> =>
  fc.tuple(operations(book, 'l', 4).map(causal(book)), operations(book, 'r', 4).map(causal(book))).map(([l, r]) => {
    const groupsOf = (id: string): ReadonlyArray<string> => book.groups.filter((g) => g.members.includes(id)).map((g) => g.id)
    const touched = (ops: ReadonlyArray<Operations.Operation>): Set<string> =>
      new Set(ops.flatMap((op) => [...subjects(op), ...(op._tag === 'RemoveContact' ? groupsOf(op.id) : [])]))
    const left = touched(l)
    return [l, r.filter((op) => !subjects(op).some((s) => left.has(s)) && !(op._tag === 'RemoveContact' && groupsOf(op.id).some((g) => left.has(g))))] as const
  })
