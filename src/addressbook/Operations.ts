/**
 * Changes to an address book as values (python3-sipsimple's journal operations, §3.1): typed, keyed by id, and
 * idempotent. {@link apply} applies one to a document set as a pure function, keeping what the documents hold beyond
 * the model; a {@link Journal} keeps them until the server has them, and is replayed onto fresh copies of the
 * documents after a 412 (a rebase: the journal's changes land on top of whatever another client wrote meanwhile).
 * Several operations applied together (a transaction) give one write per document.
 *
 * Where the reference loses data, these do not: an `AddContact` (or `AddGroup`, `AddPolicy`, `AddContactUri`) whose
 * id is already there is written over the element instead of replacing it: what the address book holds of it becomes
 * what the operation says, and what it does not hold (other applications' settings, elements of other namespaces, in
 * the element and in its URIs) stays, so that a replayed add does not wipe a concurrent edit by Blink; removing a
 * contact's default
 * URI clears the default; an operation that would give two elements the same id is refused (`rejected`), not
 * applied. Operations on ids that are not there do nothing (an update racing a remote delete: the delete wins; an add
 * racing a remote delete: the add wins, as in the reference). A contact's default may name a URI the contact does not
 * have yet: the document keeps it and the model shows it once the URI is added.
 *
 * {@link changes} gives the operations that turn one model into another (what a user interface sends after an edit).
 *
 * @example
 * import * as Documents from 'sip-simple-payloads/addressbook/Documents'
 * import * as Model from 'sip-simple-payloads/addressbook/Model'
 * import * as Operations from 'sip-simple-payloads/addressbook/Operations'
 * import * as Projection from 'sip-simple-payloads/addressbook/Projection'
 * const ctx = Documents.context({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
 * const ops = [
 *   Operations.addContact(Model.contact({ id: 'bob', name: 'Bob', uris: ['sip:bob@example.com'] })),
 *   Operations.addGroup(Model.group({ id: 'friends', name: 'Friends' })),
 *   Operations.addGroupMember('friends', 'bob')
 * ]
 * const docs = Operations.applyAll(ops, {}, ctx).docs
 * Projection.fromDocuments(docs, ctx).groups[0].members // ['bob']
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { report } from '../codec/DecodeError.js'
import * as Read from '../codec/Read.js'
import * as Xml from '../xml/Ast.js'
import * as AB from '../formats/AddressBook.js'
import * as PresContent from '../formats/PresContent.js'
import * as Presence from '../formats/Presence.js'
import * as PresRules from '../formats/PresRules.js'
import * as Documents from './Documents.js'
import * as Model from './Model.js'
import * as Projection from './Projection.js'

type Context = Documents.Context
type Docs = Documents.Documents

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Changes to shared settings: values to set (null is `nil`), and names to remove.
 *
 * @category model
 * @since 0.2.0
 */
export interface AttributeChanges {
  readonly attributes?: Model.Attributes
  readonly removeAttributes?: ReadonlyArray<string>
}

/**
 * Changes to a contact (the fields left out stay as they are; `default: null` clears the default).
 *
 * @category model
 * @since 0.2.0
 */
export interface ContactChanges extends AttributeChanges {
  readonly name?: string
  readonly default?: string | null
  readonly presence?: Partial<Model.Handling>
  readonly dialog?: Partial<Model.Handling>
}

/**
 * Changes to a URI of a contact (`type: null` removes the type).
 *
 * @category model
 * @since 0.2.0
 */
export interface UriChanges extends AttributeChanges {
  readonly uri?: string
  readonly type?: string | null
}

/**
 * Changes to a group (its members change with `AddGroupMember` and `RemoveGroupMember`).
 *
 * @category model
 * @since 0.2.0
 */
export interface GroupChanges extends AttributeChanges {
  readonly name?: string
}

/**
 * Changes to a policy.
 *
 * @category model
 * @since 0.2.0
 */
export interface PolicyChanges extends AttributeChanges {
  readonly uri?: string
  readonly name?: string
  readonly presence?: Partial<Model.Handling>
  readonly dialog?: Partial<Model.Handling>
}

/**
 * An operation on an address book.
 *
 * @category model
 * @since 0.2.0
 */
export type Operation =
  | { readonly _tag: 'AddContact'; readonly contact: Model.Contact }
  | { readonly _tag: 'UpdateContact'; readonly id: string; readonly changes: ContactChanges }
  | { readonly _tag: 'RemoveContact'; readonly id: string }
  | { readonly _tag: 'AddContactUri'; readonly contact: string; readonly uri: Model.ContactUri }
  | { readonly _tag: 'UpdateContactUri'; readonly contact: string; readonly id: string; readonly changes: UriChanges }
  | { readonly _tag: 'RemoveContactUri'; readonly contact: string; readonly id: string }
  | { readonly _tag: 'AddGroup'; readonly group: Model.Group }
  | { readonly _tag: 'UpdateGroup'; readonly id: string; readonly changes: GroupChanges }
  | { readonly _tag: 'RemoveGroup'; readonly id: string }
  | { readonly _tag: 'AddGroupMember'; readonly group: string; readonly contact: string }
  | { readonly _tag: 'RemoveGroupMember'; readonly group: string; readonly contact: string }
  | { readonly _tag: 'AddPolicy'; readonly policy: Model.Policy }
  | { readonly _tag: 'UpdatePolicy'; readonly id: string; readonly changes: PolicyChanges }
  | { readonly _tag: 'RemovePolicy'; readonly id: string }
  | { readonly _tag: 'SetDefaultPresencePolicy'; readonly policy: Model.DefaultPolicy }
  | { readonly _tag: 'SetDefaultDialogPolicy'; readonly policy: Model.DefaultPolicy }
  | { readonly _tag: 'SetStatusIcon'; readonly icon: Model.Icon | null }
  | { readonly _tag: 'SetOfflineStatus'; readonly status: Presence.Presence | null }

/**
 * The result of applying operations: the documents, and the operations refused with the reason (they changed
 * nothing).
 *
 * @category model
 * @since 0.2.0
 */
export interface Applied {
  readonly docs: Docs
  readonly rejected: ReadonlyArray<{ readonly op: Operation; readonly reason: string }>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Adds a contact (written over the contact with its id, when there is one, keeping what the model does not hold).
 *
 * @category constructors
 * @since 0.2.0
 */
export const addContact = (contact: Model.Contact): Operation => ({ _tag: 'AddContact', contact })

/**
 * Changes fields of a contact.
 *
 * @category constructors
 * @since 0.2.0
 */
export const updateContact = (id: string, changes: ContactChanges): Operation => ({ _tag: 'UpdateContact', id, changes })

/**
 * Removes a contact, from every group too.
 *
 * @category constructors
 * @since 0.2.0
 */
export const removeContact = (id: string): Operation => ({ _tag: 'RemoveContact', id })

/**
 * Adds a URI to a contact (written over the URI with its id, when there is one).
 *
 * @category constructors
 * @since 0.2.0
 */
export const addContactUri = (contact: string, uri: Model.ContactUri): Operation => ({ _tag: 'AddContactUri', contact, uri })

/**
 * Changes a URI of a contact.
 *
 * @category constructors
 * @since 0.2.0
 */
export const updateContactUri = (contact: string, id: string, changes: UriChanges): Operation => ({ _tag: 'UpdateContactUri', contact, id, changes })

/**
 * Removes a URI of a contact (and the default, when it was the default).
 *
 * @category constructors
 * @since 0.2.0
 */
export const removeContactUri = (contact: string, id: string): Operation => ({ _tag: 'RemoveContactUri', contact, id })

/**
 * Adds a group (written over the group with its id, when there is one).
 *
 * @category constructors
 * @since 0.2.0
 */
export const addGroup = (group: Model.Group): Operation => ({ _tag: 'AddGroup', group })

/**
 * Changes fields of a group.
 *
 * @category constructors
 * @since 0.2.0
 */
export const updateGroup = (id: string, changes: GroupChanges): Operation => ({ _tag: 'UpdateGroup', id, changes })

/**
 * Removes a group.
 *
 * @category constructors
 * @since 0.2.0
 */
export const removeGroup = (id: string): Operation => ({ _tag: 'RemoveGroup', id })

/**
 * Puts a contact into a group (once).
 *
 * @category constructors
 * @since 0.2.0
 */
export const addGroupMember = (group: string, contact: string): Operation => ({ _tag: 'AddGroupMember', group, contact })

/**
 * Takes a contact out of a group.
 *
 * @category constructors
 * @since 0.2.0
 */
export const removeGroupMember = (group: string, contact: string): Operation => ({ _tag: 'RemoveGroupMember', group, contact })

/**
 * Adds a policy (written over the policy with its id, when there is one).
 *
 * @category constructors
 * @since 0.2.0
 */
export const addPolicy = (policy: Model.Policy): Operation => ({ _tag: 'AddPolicy', policy })

/**
 * Changes fields of a policy.
 *
 * @category constructors
 * @since 0.2.0
 */
export const updatePolicy = (id: string, changes: PolicyChanges): Operation => ({ _tag: 'UpdatePolicy', id, changes })

/**
 * Removes a policy.
 *
 * @category constructors
 * @since 0.2.0
 */
export const removePolicy = (id: string): Operation => ({ _tag: 'RemovePolicy', id })

/**
 * Sets the default presence policy.
 *
 * @category constructors
 * @since 0.2.0
 */
export const setDefaultPresencePolicy = (policy: Model.DefaultPolicy): Operation => ({ _tag: 'SetDefaultPresencePolicy', policy })

/**
 * Sets the default dialog policy (nothing happens where the server has no dialog rules).
 *
 * @category constructors
 * @since 0.2.0
 */
export const setDefaultDialogPolicy = (policy: Model.DefaultPolicy): Operation => ({ _tag: 'SetDefaultDialogPolicy', policy })

/**
 * Sets the status icon, or deletes it (null).
 *
 * @category constructors
 * @since 0.2.0
 */
export const setStatusIcon = (icon: Model.Icon | null): Operation => ({ _tag: 'SetStatusIcon', icon })

/**
 * Sets the offline status, or deletes it (null).
 *
 * @category constructors
 * @since 0.2.0
 */
export const setOfflineStatus = (status: Presence.Presence | null): Operation => ({ _tag: 'SetOfflineStatus', status })

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

const text = (u: unknown): boolean => typeof u === 'string' && Xml.isXmlText(u)

const handlingProblems = (u: unknown, what: string): ReadonlyArray<string> => {
  if (u === undefined) return []
  const h = Read.record(u)
  const out: Array<string> = []
  if (!Read.isRecord(u)) return [`${what}: expected a handling, got ${JSON.stringify(u)}`]
  if (h.policy !== undefined && !AB.policyValue.is(h.policy)) out.push(`${what}.policy: expected "allow" | "block" | "default", got ${JSON.stringify(h.policy)}`)
  if (h.subscribe !== undefined && typeof h.subscribe !== 'boolean') out.push(`${what}.subscribe: expected a boolean, got ${JSON.stringify(h.subscribe)}`)
  return out
}

const attributeProblems = (c: AttributeChanges): ReadonlyArray<string> => {
  const out: Array<string> = []
  const a = c.attributes
  if (a !== undefined) {
    if (!Read.isRecord(a)) out.push('attributes: expected a record')
    else for (const k of Object.keys(a)) if (!text(k) || !(a[k] === null || text(a[k]))) out.push(`attributes: expected text names and values (or null), got ${JSON.stringify(k)}`)
  }
  if (c.removeAttributes !== undefined && !(Array.isArray(c.removeAttributes) && c.removeAttributes.every(text)))
    out.push('removeAttributes: expected names')
  return out
}

const bookProblems = (book: Model.AddressBook): ReadonlyArray<string> => Model.problems(book, { dialog: false })

const idProblem = (u: unknown, what: string): ReadonlyArray<string> => (Model.isId(u) ? [] : [`${what}: expected an id, got ${JSON.stringify(u)}`])

/**
 * What is wrong with an operation (an empty list when nothing): ids that are no ids, text XML cannot hold, values
 * outside their enumerations, an icon that is none, a status that is no PIDF document. Operations come from user
 * interfaces and storage: check them before they are journaled.
 *
 * @category constructors
 * @since 0.2.0
 */
export const problems = (op: Operation): ReadonlyArray<string> => {
  const o = Read.record(op)
  const c = Read.record(o.changes) as ContactChanges & UriChanges & PolicyChanges
  switch (o._tag) {
    case 'AddContact':
      return Model.isContact(o.contact) ? bookProblems(Model.addressBook({ contacts: [o.contact], dialog: false })) : ['contact: expected a contact']
    case 'UpdateContact':
      return [
        ...idProblem(o.id, 'id'),
        ...(c.name === undefined || text(c.name) ? [] : ['name: expected text']),
        ...(c.default === undefined || c.default === null || Model.isId(c.default) ? [] : [`default: expected a URI id, got ${JSON.stringify(c.default)}`]),
        ...handlingProblems(c.presence, 'presence'),
        ...handlingProblems(c.dialog, 'dialog'),
        ...attributeProblems(c)
      ]
    case 'RemoveContact':
    case 'RemoveGroup':
    case 'RemovePolicy':
      return idProblem(o.id, 'id')
    case 'AddContactUri':
      return [
        ...idProblem(o.contact, 'contact'),
        ...(Model.isContactUri(o.uri)
          ? bookProblems(Model.addressBook({ contacts: [Model.contact({ id: 'c', uris: [o.uri] })], dialog: false }))
          : ['uri: expected a URI of a contact'])
      ]
    case 'UpdateContactUri':
      return [
        ...idProblem(o.contact, 'contact'),
        ...idProblem(o.id, 'id'),
        ...(c.uri === undefined || typeof c.uri === 'string' ? [] : ['uri: expected text']),
        ...(c.type === undefined || c.type === null || text(c.type) ? [] : ['type: expected text or null']),
        ...attributeProblems(c)
      ]
    case 'RemoveContactUri':
      return [...idProblem(o.contact, 'contact'), ...idProblem(o.id, 'id')]
    case 'AddGroup':
      return Model.isGroup(o.group)
        ? [...bookProblems(Model.addressBook({ groups: [{ ...o.group, members: [] }], dialog: false })), ...(o.group.members.every(Model.isId) ? [] : ['members: expected contact ids'])]
        : ['group: expected a group']
    case 'UpdateGroup':
      return [...idProblem(o.id, 'id'), ...(c.name === undefined || text(c.name) ? [] : ['name: expected text']), ...attributeProblems(c)]
    case 'AddGroupMember':
    case 'RemoveGroupMember':
      return [...idProblem(o.group, 'group'), ...idProblem(o.contact, 'contact')]
    case 'AddPolicy':
      return Model.isPolicy(o.policy) ? bookProblems(Model.addressBook({ policies: [o.policy], dialog: false })) : ['policy: expected a policy']
    case 'UpdatePolicy':
      return [
        ...idProblem(o.id, 'id'),
        ...(c.uri === undefined || typeof c.uri === 'string' ? [] : ['uri: expected text']),
        ...(c.name === undefined || text(c.name) ? [] : ['name: expected text']),
        ...handlingProblems(c.presence, 'presence'),
        ...handlingProblems(c.dialog, 'dialog'),
        ...attributeProblems(c)
      ]
    case 'SetDefaultPresencePolicy':
    case 'SetDefaultDialogPolicy':
      return PresRules.subHandlingValue.is(o.policy) ? [] : [`policy: expected "allow" | "confirm" | "polite-block" | "block", got ${JSON.stringify(o.policy)}`]
    case 'SetStatusIcon': {
      if (o.icon === null) return []
      const i = Read.record(o.icon)
      const r = Model.icon(i.data as Uint8Array, i.mimeType as string, i.description as string | undefined)
      return E.isLeft(r) ? [`icon: ${r.left}`] : i.description !== undefined && !text(i.description) ? ['icon: expected a description XML can hold'] : []
    }
    case 'SetOfflineStatus':
      return o.status === null || Presence.Presence.is(o.status) ? [] : ['status: expected a PIDF document or null']
    default:
      return [`expected an operation, got ${JSON.stringify(o._tag)}`]
  }
}

/**
 * The document an operation changes.
 *
 * @category constructors
 * @since 0.2.0
 */
export const touches = (op: Operation): Documents.Name => {
  switch (op._tag) {
    case 'SetDefaultPresencePolicy':
      return 'pres-rules'
    case 'SetDefaultDialogPolicy':
      return 'dialog-rules'
    case 'SetStatusIcon':
      return 'status-icon'
    case 'SetOfflineStatus':
      return 'pidf-manipulation'
    default:
      return 'resource-lists'
  }
}

// -------------------------------------------------------------------------------------
// applying
// -------------------------------------------------------------------------------------

/**
 * Shared settings after a change: those it does not touch keep their order, those it sets follow in its order, so that
 * applying a change again (a journal replayed twice) gives the same settings in the same order whatever they were.
 */
const withAttributes = (a: Model.Attributes, c: AttributeChanges): Model.Attributes => {
  if (c.attributes === undefined && (c.removeAttributes === undefined || c.removeAttributes.length === 0)) return a
  const set = c.attributes ?? {}
  const removed = c.removeAttributes ?? []
  const out: Record<string, string | null> = {}
  const put = (k: string, v: string | null): void => void Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  for (const k of Object.keys(a)) if (!Object.prototype.hasOwnProperty.call(set, k) && !removed.includes(k)) put(k, a[k])
  for (const k of Object.keys(set)) if (!removed.includes(k)) put(k, set[k])
  return out
}

const withHandling = (h: Model.Handling, c: Partial<Model.Handling> | undefined): Model.Handling =>
  c === undefined ? h : { policy: c.policy ?? h.policy, subscribe: c.subscribe ?? h.subscribe }

/** The ids of the address book list other than those of the element being written (xs:IDs of one document). */
const idsBut = (ext: AB.ListExt, skip: (id: string) => boolean): ReadonlySet<string> => {
  const out = new Set<string>()
  const add = (id: string): void => {
    if (!skip(id)) out.add(id)
  }
  for (const c of ext.contacts) {
    add(c.id)
    for (const u of c.uris.items) add(u.id)
  }
  for (const g of ext.groups) add(g.id)
  for (const p of ext.policies) add(p.id)
  return out
}

const setText = (o: object, key: string, v: string | null | undefined): object => {
  if (v === undefined) return o
  const { [key]: _old, ...rest } = o as Record<string, unknown>
  return v === null ? rest : { ...rest, [key]: v }
}

type Step = E.Either<string, Docs>

const ok = (docs: Docs): Step => E.right(docs)

const onList = (docs: Docs, f: (ext: AB.ListExt) => E.Either<string, AB.ListExt>): Step => {
  let failure: string | undefined
  const rl = Projection.updateAddressBook(docs['resource-lists'], (ext) => {
    const r = f(ext)
    if (E.isLeft(r)) {
      failure = r.left
      return ext
    }
    return r.right
  })
  if (failure !== undefined) return E.left(failure)
  return rl === docs['resource-lists'] ? ok(docs) : ok({ ...docs, 'resource-lists': rl })
}

const replaceAt = <A>(as: ReadonlyArray<A>, i: number, a: A): ReadonlyArray<A> => {
  if (as[i] === a) return as
  const out = as.slice()
  out[i] = a
  return out
}

const clash = (id: string, taken: ReadonlySet<string>): string | undefined =>
  taken.has(id) ? `the id ${JSON.stringify(id)} is another element's in the address book` : undefined

/** Writes a contact's model through its element (foreign content kept). */
const putContact = (ext: AB.ListExt, c: Model.Contact, ctx: Context): AB.ListExt => {
  const i = ext.contacts.findIndex((x) => x.id === c.id)
  const el = Projection.contactElement(c, i === -1 ? undefined : ext.contacts[i], ctx)
  if (i === -1) return { ...ext, contacts: [...ext.contacts, el] }
  const contacts = replaceAt(ext.contacts, i, el)
  return contacts === ext.contacts ? ext : { ...ext, contacts }
}

const editContact = (ext: AB.ListExt, id: string, ctx: Context, f: (c: Model.Contact) => E.Either<string, Model.Contact>): E.Either<string, AB.ListExt> => {
  const el = ext.contacts.find((x) => x.id === id)
  if (el === undefined) return E.right(ext)
  // the element's default is kept even while it names no URI of the contact (see UpdateContact)
  const c = Projection.contactOf(el)
  const def = el.uris.default
  const r = f(def !== undefined && c.default === undefined ? { ...c, default: def } : c)
  return E.isLeft(r) ? r : E.right(putContact(ext, r.right, ctx))
}

const applyContactOp = (op: Operation, ext: AB.ListExt, ctx: Context): E.Either<string, AB.ListExt> => {
  switch (op._tag) {
    case 'AddContact': {
      const c = op.contact
      const own = ext.contacts.find((x) => x.id === c.id)
      // the ids of the element written over are free for it
      const taken = idsBut(ext, (id) => own !== undefined && (id === c.id || own.uris.items.some((u) => u.id === id)))
      for (const id of [c.id, ...c.uris.map((u) => u.id)]) {
        const why = clash(id, taken)
        if (why !== undefined) return E.left(why)
      }
      return E.right(putContact(ext, c, ctx))
    }
    case 'UpdateContact':
      return editContact(ext, op.id, ctx, (c) => {
        const ch = op.changes
        let next: Model.Contact = {
          ...c,
          name: ch.name ?? c.name,
          presence: withHandling(c.presence, ch.presence),
          dialog: withHandling(c.dialog, ch.dialog),
          attributes: withAttributes(c.attributes, ch)
        }
        // a default naming a URI the contact does not have yet is written all the same: the model shows it once that
        // URI is there, so that a journal setting the default before adding the URI gives the same document however
        // often it is replayed
        if (ch.default === null || typeof ch.default === 'string') next = setText(next, 'default', ch.default) as Model.Contact
        return E.right(next)
      })
    case 'RemoveContact': {
      const contacts = ext.contacts.filter((c) => c.id !== op.id)
      let changed = contacts.length !== ext.contacts.length
      const groups = ext.groups.map((g) => {
        if (!g.contacts.includes(op.id)) return g
        changed = true
        return { ...g, contacts: g.contacts.filter((m) => m !== op.id) }
      })
      return E.right(changed ? { ...ext, contacts, groups } : ext)
    }
    case 'AddContactUri': {
      const owner = ext.contacts.find((c) => c.id === op.contact)
      if (owner === undefined) return E.right(ext)
      const why = clash(op.uri.id, idsBut(ext, (id) => id === op.uri.id && owner.uris.items.some((u) => u.id === id)))
      if (why !== undefined) return E.left(why)
      return editContact(ext, op.contact, ctx, (c) => {
        const i = c.uris.findIndex((u) => u.id === op.uri.id)
        const uris = i === -1 ? [...c.uris, op.uri] : replaceAt(c.uris, i, op.uri)
        return E.right({ ...c, uris })
      })
    }
    case 'UpdateContactUri':
      return editContact(ext, op.contact, ctx, (c) => {
        const i = c.uris.findIndex((u) => u.id === op.id)
        if (i === -1) return E.right(c)
        const u = c.uris[i]
        const ch = op.changes
        const next = setText({ ...u, uri: ch.uri ?? u.uri, attributes: withAttributes(u.attributes, ch) }, 'type', ch.type) as Model.ContactUri
        return E.right({ ...c, uris: replaceAt(c.uris, i, next) })
      })
    case 'RemoveContactUri':
      return editContact(ext, op.contact, ctx, (c) => {
        // a default naming the URI goes with it, even when the URI is not there (a default set before its URI came)
        const has = c.uris.some((u) => u.id === op.id)
        if (!has && c.default !== op.id) return E.right(c)
        const next = has ? { ...c, uris: c.uris.filter((u) => u.id !== op.id) } : c
        return E.right(c.default === op.id ? (setText(next, 'default', null) as Model.Contact) : next)
      })
    default:
      return E.right(ext)
  }
}

const putGroup = (ext: AB.ListExt, g: Model.Group): AB.ListExt => {
  const i = ext.groups.findIndex((x) => x.id === g.id)
  const el = Projection.groupElement(g, i === -1 ? undefined : ext.groups[i])
  if (i === -1) return { ...ext, groups: [...ext.groups, el] }
  const groups = replaceAt(ext.groups, i, el)
  return groups === ext.groups ? ext : { ...ext, groups }
}

const editGroup = (ext: AB.ListExt, id: string, f: (g: Model.Group) => Model.Group): AB.ListExt => {
  const el = ext.groups.find((x) => x.id === id)
  return el === undefined ? ext : putGroup(ext, f(Projection.groupOf(el)))
}

const putPolicy = (ext: AB.ListExt, p: Model.Policy, ctx: Context): AB.ListExt => {
  const i = ext.policies.findIndex((x) => x.id === p.id)
  const el = Projection.policyElement(p, i === -1 ? undefined : ext.policies[i], ctx)
  if (i === -1) return { ...ext, policies: [...ext.policies, el] }
  const policies = replaceAt(ext.policies, i, el)
  return policies === ext.policies ? ext : { ...ext, policies }
}

const applyGroupOrPolicyOp = (op: Operation, ext: AB.ListExt, ctx: Context): E.Either<string, AB.ListExt> => {
  switch (op._tag) {
    case 'AddGroup': {
      const why = clash(op.group.id, idsBut(ext, (id) => id === op.group.id && ext.groups.some((g) => g.id === id)))
      return why !== undefined ? E.left(why) : E.right(putGroup(ext, op.group))
    }
    case 'UpdateGroup':
      return E.right(editGroup(ext, op.id, (g) => ({ ...g, name: op.changes.name ?? g.name, attributes: withAttributes(g.attributes, op.changes) })))
    case 'RemoveGroup': {
      const groups = ext.groups.filter((g) => g.id !== op.id)
      return E.right(groups.length === ext.groups.length ? ext : { ...ext, groups })
    }
    case 'AddGroupMember':
      return E.right(editGroup(ext, op.group, (g) => (g.members.includes(op.contact) ? g : { ...g, members: [...g.members, op.contact] })))
    case 'RemoveGroupMember':
      return E.right(editGroup(ext, op.group, (g) => (g.members.includes(op.contact) ? { ...g, members: g.members.filter((m) => m !== op.contact) } : g)))
    case 'AddPolicy': {
      const why = clash(op.policy.id, idsBut(ext, (id) => id === op.policy.id && ext.policies.some((p) => p.id === id)))
      return why !== undefined ? E.left(why) : E.right(putPolicy(ext, op.policy, ctx))
    }
    case 'UpdatePolicy': {
      const el = ext.policies.find((p) => p.id === op.id)
      if (el === undefined) return E.right(ext)
      const p = Projection.policyOf(el)
      const ch = op.changes
      return E.right(
        putPolicy(
          ext,
          {
            ...p,
            uri: ch.uri ?? p.uri,
            name: ch.name ?? p.name,
            presence: withHandling(p.presence, ch.presence),
            dialog: withHandling(p.dialog, ch.dialog),
            attributes: withAttributes(p.attributes, ch)
          },
          ctx
        )
      )
    }
    case 'RemovePolicy': {
      const policies = ext.policies.filter((p) => p.id !== op.id)
      return E.right(policies.length === ext.policies.length ? ext : { ...ext, policies })
    }
    default:
      return applyContactOp(op, ext, ctx)
  }
}

const setDoc = <K extends Documents.Name>(docs: Docs, name: K, value: Documents.Values[K] | undefined): Docs => {
  if (docs[name] === value) return docs
  const { [name]: _old, ...rest } = docs
  return (value === undefined ? rest : { ...rest, [name]: value }) as Docs
}

const step = (op: Operation, docs: Docs, ctx: Context): Step => {
  switch (op._tag) {
    case 'SetDefaultPresencePolicy':
      return Documents.supports(ctx, 'pres-rules') ? ok(setDoc(docs, 'pres-rules', Projection.normalizePresRules(docs['pres-rules'], ctx, op.policy))) : ok(docs)
    case 'SetDefaultDialogPolicy':
      return Documents.supports(ctx, 'dialog-rules') ? ok(setDoc(docs, 'dialog-rules', Projection.normalizeDialogRules(docs['dialog-rules'], ctx, op.policy))) : ok(docs)
    case 'SetStatusIcon':
      if (!Documents.supports(ctx, 'status-icon')) return ok(docs)
      return ok(setDoc(docs, 'status-icon', op.icon === null ? undefined : Projection.iconDocument(op.icon, docs['status-icon'])))
    case 'SetOfflineStatus': {
      if (!Documents.supports(ctx, 'pidf-manipulation')) return ok(docs)
      const held = docs['pidf-manipulation']
      return ok(setDoc(docs, 'pidf-manipulation', op.status === null ? undefined : Model.sameStatus(held, op.status) ? held : op.status))
    }
    default:
      return onList(docs, (ext) => applyGroupOrPolicyOp(op, ext, ctx))
  }
}

/**
 * Applies one operation to a document set: a pure function, idempotent (applying it twice is applying it once).
 * An invalid operation (see {@link problems}), or one that would give two elements one id, is refused and changes
 * nothing.
 *
 * @category applying
 * @since 0.2.0
 */
export const apply = (op: Operation, docs: Docs, ctx: Context): Applied => {
  const ps = problems(op)
  if (ps.length > 0) return { docs, rejected: [{ op, reason: ps.join('; ') }] }
  const r = step(op, docs, ctx)
  return E.isLeft(r) ? { docs, rejected: [{ op, reason: r.left }] } : { docs: r.right, rejected: [] }
}

/**
 * Applies operations in order (a transaction: the documents change once, so each is written once).
 *
 * @category applying
 * @since 0.2.0
 */
export const applyAll = (ops: ReadonlyArray<Operation>, docs: Docs, ctx: Context): Applied =>
  ops.reduce<Applied>(
    (acc, op) => {
      const r = apply(op, acc.docs, ctx)
      return { docs: r.docs, rejected: [...acc.rejected, ...r.rejected] }
    },
    { docs, rejected: [] }
  )

// -------------------------------------------------------------------------------------
// changes
// -------------------------------------------------------------------------------------

const attrChanges = (a: Model.Attributes, b: Model.Attributes): AttributeChanges => {
  const set: Record<string, string | null> = {}
  let any = false
  for (const k of Object.keys(b))
    if (!Object.prototype.hasOwnProperty.call(a, k) || a[k] !== b[k]) {
      Object.defineProperty(set, k, { value: b[k], enumerable: true, writable: true, configurable: true })
      any = true
    }
  const removed = Object.keys(a).filter((k) => !Object.prototype.hasOwnProperty.call(b, k))
  return { ...(any ? { attributes: set } : {}), ...(removed.length > 0 ? { removeAttributes: removed } : {}) }
}

const handlingChange = (a: Model.Handling, b: Model.Handling): Partial<Model.Handling> | undefined =>
  a.policy === b.policy && a.subscribe === b.subscribe ? undefined : { ...(a.policy === b.policy ? {} : { policy: b.policy }), ...(a.subscribe === b.subscribe ? {} : { subscribe: b.subscribe }) }

const nonEmpty = <A extends object>(o: A): boolean => Object.keys(o).length > 0

/**
 * The operations that turn one address book into another, removals first (so that an id may move from one kind of
 * element to another): what a user interface sends after an edit. Applied to the documents of `before`, they give
 * documents of `after` (the order of contacts, groups, policies and URIs aside).
 *
 * @category applying
 * @since 0.2.0
 */
export const changes = (before: Model.AddressBook, after: Model.AddressBook): ReadonlyArray<Operation> => {
  const removals: Array<Operation> = []
  const adds: Array<Operation> = []
  const updates: Array<Operation> = []
  const members: Array<Operation> = []
  const oldContacts = new Map(before.contacts.map((c) => [c.id, c]))
  const newContacts = new Map(after.contacts.map((c) => [c.id, c]))
  const oldGroups = new Map(before.groups.map((g) => [g.id, g]))
  const newGroups = new Map(after.groups.map((g) => [g.id, g]))
  const oldPolicies = new Map(before.policies.map((p) => [p.id, p]))
  const newPolicies = new Map(after.policies.map((p) => [p.id, p]))
  for (const g of before.groups) {
    const n = newGroups.get(g.id)
    if (n === undefined) removals.push(removeGroup(g.id))
    else for (const m of g.members) if (!n.members.includes(m)) removals.push(removeGroupMember(g.id, m))
  }
  for (const p of before.policies) if (!newPolicies.has(p.id)) removals.push(removePolicy(p.id))
  for (const c of before.contacts) {
    const n = newContacts.get(c.id)
    if (n === undefined) removals.push(removeContact(c.id))
    else for (const u of c.uris) if (!n.uris.some((x) => x.id === u.id)) removals.push(removeContactUri(c.id, u.id))
  }
  for (const c of after.contacts) {
    const o = oldContacts.get(c.id)
    if (o === undefined) {
      adds.push(addContact(c))
      continue
    }
    for (const u of c.uris) {
      const ou = o.uris.find((x) => x.id === u.id)
      if (ou === undefined) adds.push(addContactUri(c.id, u))
      else {
        const ch: UriChanges = {
          ...(ou.uri === u.uri ? {} : { uri: u.uri }),
          ...(ou.type === u.type ? {} : { type: u.type ?? null }),
          ...attrChanges(ou.attributes, u.attributes)
        }
        if (nonEmpty(ch)) updates.push(updateContactUri(c.id, u.id, ch))
      }
    }
    const presence = handlingChange(o.presence, c.presence)
    const dialog = handlingChange(o.dialog, c.dialog)
    const ch: ContactChanges = {
      ...(o.name === c.name ? {} : { name: c.name }),
      ...(o.default === c.default ? {} : { default: c.default ?? null }),
      ...(presence === undefined ? {} : { presence }),
      ...(dialog === undefined ? {} : { dialog }),
      ...attrChanges(o.attributes, c.attributes)
    }
    if (nonEmpty(ch)) updates.push(updateContact(c.id, ch))
  }
  for (const g of after.groups) {
    const o = oldGroups.get(g.id)
    if (o === undefined) {
      adds.push(addGroup(g))
      continue
    }
    const ch: GroupChanges = { ...(o.name === g.name ? {} : { name: g.name }), ...attrChanges(o.attributes, g.attributes) }
    if (nonEmpty(ch)) updates.push(updateGroup(g.id, ch))
    for (const m of g.members) if (!o.members.includes(m)) members.push(addGroupMember(g.id, m))
  }
  for (const p of after.policies) {
    const o = oldPolicies.get(p.id)
    if (o === undefined) {
      adds.push(addPolicy(p))
      continue
    }
    const presence = handlingChange(o.presence, p.presence)
    const dialog = handlingChange(o.dialog, p.dialog)
    const ch: PolicyChanges = {
      ...(o.uri === p.uri ? {} : { uri: p.uri }),
      ...(o.name === p.name ? {} : { name: p.name }),
      ...(presence === undefined ? {} : { presence }),
      ...(dialog === undefined ? {} : { dialog }),
      ...attrChanges(o.attributes, p.attributes)
    }
    if (nonEmpty(ch)) updates.push(updatePolicy(p.id, ch))
  }
  const rest: Array<Operation> = []
  if (before.defaultPresencePolicy !== after.defaultPresencePolicy) rest.push(setDefaultPresencePolicy(after.defaultPresencePolicy))
  if (after.defaultDialogPolicy !== undefined && before.defaultDialogPolicy !== after.defaultDialogPolicy) rest.push(setDefaultDialogPolicy(after.defaultDialogPolicy))
  if (!Model.sameIcon(before.icon, after.icon)) rest.push(setStatusIcon(after.icon ?? null))
  if (!Model.sameStatus(before.offlineStatus, after.offlineStatus)) rest.push(setOfflineStatus(after.offlineStatus ?? null))
  return [...removals, ...adds, ...updates, ...members, ...rest]
}

// -------------------------------------------------------------------------------------
// journal
// -------------------------------------------------------------------------------------

/**
 * An operation in the journal, numbered in the order it was made.
 *
 * @category journal
 * @since 0.2.0
 */
export interface Entry {
  readonly seq: number
  readonly op: Operation
}

/**
 * The journal: operations made and not yet on the server, oldest first.
 *
 * @category journal
 * @since 0.2.0
 */
export type Journal = ReadonlyArray<Entry>

/** An operation as JSON: icon bytes in base64, an offline status as its PIDF text. */
const opToJson = (op: Operation): unknown => {
  switch (op._tag) {
    case 'SetStatusIcon':
      return op.icon === null ? op : { ...op, icon: { ...op.icon, data: PresContent.toBase64(op.icon.data) } }
    case 'SetOfflineStatus':
      return op.status === null ? op : { ...op, status: Presence.document.encode(op.status) }
    default:
      return op
  }
}

const opFromJson = (u: unknown): E.Either<string, Operation> => {
  const o = Read.record(u)
  let op: unknown = u
  if (o._tag === 'SetStatusIcon' && Read.isRecord(o.icon)) {
    const data = PresContent.fromBase64(typeof o.icon.data === 'string' ? o.icon.data : '')
    if (E.isLeft(data)) return E.left(`icon: ${data.left}`)
    op = { ...o, icon: { ...o.icon, data: data.right } }
  } else if (o._tag === 'SetOfflineStatus' && typeof o.status === 'string') {
    const status = Presence.document.decode(o.status)
    if (E.isLeft(status)) return E.left(`status: ${report(status.left).join('; ')}`)
    op = { ...o, status: status.right }
  }
  const ps = problems(op as Operation)
  return ps.length === 0 ? E.right(op as Operation) : E.left(ps.join('; '))
}

/**
 * The journal as JSON text, for storage.
 *
 * @category journal
 * @since 0.2.0
 */
export const encodeJournal = (journal: Journal): string => JSON.stringify(journal.map((e) => ({ seq: e.seq, op: opToJson(e.op) })))

/**
 * The journal stored as JSON text: the entries that read back as valid operations, and what was wrong with the
 * others (they are dropped). Total on any text.
 *
 * @category journal
 * @since 0.2.0
 */
export const decodeJournal = (text: string): { readonly journal: Journal; readonly problems: ReadonlyArray<string> } => {
  let u: unknown
  try {
    u = JSON.parse(typeof text === 'string' ? text : '')
  } catch (e) {
    return { journal: [], problems: [`expected a JSON journal, got ${e instanceof Error ? e.message : String(e)}`] }
  }
  if (!Array.isArray(u)) return { journal: [], problems: ['expected a JSON array of journal entries'] }
  const journal: Array<Entry> = []
  const out: Array<string> = []
  u.forEach((x, i) => {
    const r = Read.record(x)
    const seq = typeof r.seq === 'number' && Number.isSafeInteger(r.seq) ? r.seq : undefined
    const op = opFromJson(r.op)
    if (seq === undefined) out.push(`[${i}]: expected a sequence number`)
    else if (E.isLeft(op)) out.push(`[${i}]: ${op.left}`)
    else journal.push({ seq, op: op.right })
  })
  return { journal, problems: out }
}
