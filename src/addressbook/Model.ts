/**
 * The address book of a SIP SIMPLE account, as its user sees it, with no I/O: contacts (a name, URIs with ids, types
 * and a default, how presence and dialog subscriptions from them are handled and whether to subscribe to theirs, an
 * application's shared settings), groups of contacts (by contact id), policies for people who are not contacts, the
 * default presence and dialog policies for everyone else, the status icon and the offline status (a PIDF document).
 * This is python3-sipsimple's model (its `Contact`, `ContactURI`, `Group`, `Policy`, `EventHandling`, `Icon`,
 * `OfflineStatus`), with URIs held percent-decoded. The documents that store it are built and read by `Projection`.
 *
 * Ids are `xs:ID`s of one document: unique across contacts, their URIs, groups and policies, and spelled
 * `^[A-Za-z_][A-Za-z0-9_.-]*$` (the reference's rule). {@link problems} says what keeps a value from being stored as it
 * is; {@link normalize} drops what the documents would drop (dangling group members and defaults).
 *
 * @example
 * import * as Model from 'sip-simple-payloads/addressbook/Model'
 * const bob = Model.contact({ id: 'bob', name: 'Bob', uris: ['sip:bob@example.com'], presence: { policy: 'allow', subscribe: true } })
 * const book = Model.addressBook({ contacts: [bob], groups: [Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })] })
 * Model.problems(book) // []
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import type * as Op from '#monocle-ts/Optional'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as Xml from '../xml/Ast.js'
import * as AB from '../formats/AddressBook.js'
import * as Presence from '../formats/Presence.js'
import * as PresRules from '../formats/PresRules.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How one event package is handled for a contact's or a policy's URIs: `allow`, `block`, or `default` (the default
 * rule decides), and whether the URIs go into the account's RLS list for the package (`subscribe`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Handling {
  readonly policy: AB.PolicyValue
  readonly subscribe: boolean
}

/**
 * An application's shared settings: names to text values, or null (written `nil="true"`).
 *
 * @category model
 * @since 0.2.0
 */
export type Attributes = Readonly<Record<string, string | null>>

/**
 * A URI of a contact: its id, the URI (percent-decoded), an optional type and shared settings.
 *
 * @category model
 * @since 0.2.0
 */
export interface ContactUri {
  readonly id: string
  readonly uri: string
  readonly type?: string
  readonly attributes: Attributes
}

/**
 * A contact. `default` is the id of one of its URIs.
 *
 * @category model
 * @since 0.2.0
 */
export interface Contact {
  readonly id: string
  readonly name: string
  readonly uris: ReadonlyArray<ContactUri>
  readonly default?: string
  readonly presence: Handling
  readonly dialog: Handling
  readonly attributes: Attributes
}

/**
 * A group: a name and the ids of its contacts (a contact may be in several groups; groups do not nest).
 *
 * @category model
 * @since 0.2.0
 */
export interface Group {
  readonly id: string
  readonly name: string
  readonly members: ReadonlyArray<string>
  readonly attributes: Attributes
}

/**
 * The handling of a URI that is no contact's (a watcher allowed or blocked by hand). It is ignored for a URI that
 * some contact has.
 *
 * @category model
 * @since 0.2.0
 */
export interface Policy {
  readonly id: string
  readonly uri: string
  readonly name: string
  readonly presence: Handling
  readonly dialog: Handling
  readonly attributes: Attributes
}

/**
 * The MIME types of status icons.
 *
 * @category model
 * @since 0.2.0
 */
export const ICON_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const

/**
 * The MIME type of a status icon.
 *
 * @category model
 * @since 0.2.0
 */
export type IconType = (typeof ICON_TYPES)[number]

/**
 * The status icon: the image, its MIME type and an optional description.
 *
 * @category model
 * @since 0.2.0
 */
export interface Icon {
  readonly mimeType: IconType
  readonly data: Uint8Array
  readonly description?: string
}

/**
 * The default handling of subscribers that no contact or policy names: `allow`, `confirm`, `polite-block` or `block`.
 *
 * @category model
 * @since 0.2.0
 */
export type DefaultPolicy = PresRules.SubHandling

/**
 * An address book. `defaultDialogPolicy` is left out when the server has no dialog rules; `icon` and
 * `offlineStatus` when there are none.
 *
 * @category model
 * @since 0.2.0
 */
export interface AddressBook {
  readonly contacts: ReadonlyArray<Contact>
  readonly groups: ReadonlyArray<Group>
  readonly policies: ReadonlyArray<Policy>
  readonly defaultPresencePolicy: DefaultPolicy
  readonly defaultDialogPolicy?: DefaultPolicy
  readonly icon?: Icon
  readonly offlineStatus?: Presence.Presence
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Whether a string can be an id: an `xs:ID` as the reference spells them.
 *
 * @category constructors
 * @since 0.2.0
 */
export const isId = (u: unknown): u is string => typeof u === 'string' && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(u)

/**
 * A fresh id, in the reference's style (`id` and digits).
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshId = (): string => AB.freshId()

const idOr = (u: unknown): string => (typeof u === 'string' ? u : freshId())

/**
 * A handling: `default` and no subscription unless said otherwise.
 *
 * @category constructors
 * @since 0.2.0
 */
export const handling = (input: Partial<Handling> = {}): Handling => {
  const i = Read.record(input)
  return { policy: AB.policyValue.is(i.policy) ? i.policy : 'default', subscribe: i.subscribe === true }
}

/**
 * Shared settings from a record (entries whose value is neither text nor null are left out).
 *
 * @category constructors
 * @since 0.2.0
 */
export const attributes = (input: unknown): Attributes => {
  if (!Read.isRecord(input)) return {}
  const out: Record<string, string | null> = {}
  for (const k of Object.keys(input)) {
    const v = input[k]
    if (v === null || typeof v === 'string') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  }
  return out
}

const optionalString = (key: string, u: unknown): Record<string, string> =>
  typeof u === 'string' ? { [key]: u } : {}

/**
 * A URI of a contact (a fresh id when none is given).
 *
 * @category constructors
 * @since 0.2.0
 */
export const contactUri = (uri: string, input: { readonly id?: string; readonly type?: string; readonly attributes?: Attributes } = {}): ContactUri => {
  const i = Read.record(input)
  return { id: idOr(i.id), uri: typeof uri === 'string' ? uri : '', ...optionalString('type', i.type), attributes: attributes(i.attributes) }
}

const looksLikeUri = (u: unknown): u is ContactUri => Read.isRecord(u) && typeof u.id === 'string' && typeof u.uri === 'string'

const urisOf = (u: unknown): ReadonlyArray<ContactUri> =>
  Read.array(u).flatMap((x) =>
    typeof x === 'string' ? [contactUri(x)] : looksLikeUri(x) ? [contactUri(x.uri, x)] : []
  )

/**
 * A contact (a fresh id when none is given): URIs as text or {@link contactUri}s, the default by URI id (or, given
 * `defaultUri`, by the URI itself), handlings `default` without subscription unless given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const contact = (input: {
  readonly id?: string
  readonly name?: string
  readonly uris?: ReadonlyArray<string | ContactUri>
  readonly default?: string
  readonly defaultUri?: string
  readonly presence?: Partial<Handling>
  readonly dialog?: Partial<Handling>
  readonly attributes?: Attributes
}): Contact => {
  const i = Read.record(input)
  const uris = urisOf(i.uris)
  const byUri = typeof i.defaultUri === 'string' ? uris.find((u) => u.uri === i.defaultUri)?.id : undefined
  const def = typeof i.default === 'string' ? i.default : byUri
  return {
    id: idOr(i.id),
    name: typeof i.name === 'string' ? i.name : '',
    uris,
    ...optionalString('default', def),
    presence: handling(Read.record(i.presence)),
    dialog: handling(Read.record(i.dialog)),
    attributes: attributes(i.attributes)
  }
}

/**
 * A group (a fresh id when none is given).
 *
 * @category constructors
 * @since 0.2.0
 */
export const group = (input: { readonly id?: string; readonly name?: string; readonly members?: ReadonlyArray<string>; readonly attributes?: Attributes }): Group => {
  const i = Read.record(input)
  return {
    id: idOr(i.id),
    name: typeof i.name === 'string' ? i.name : '',
    members: Read.arrayOf(i.members, (u): u is string => typeof u === 'string'),
    attributes: attributes(i.attributes)
  }
}

/**
 * A policy for a URI that is no contact's (a fresh id when none is given).
 *
 * @category constructors
 * @since 0.2.0
 */
export const policy = (input: {
  readonly id?: string
  readonly uri: string
  readonly name?: string
  readonly presence?: Partial<Handling>
  readonly dialog?: Partial<Handling>
  readonly attributes?: Attributes
}): Policy => {
  const i = Read.record(input)
  return {
    id: idOr(i.id),
    uri: typeof i.uri === 'string' ? i.uri : '',
    name: typeof i.name === 'string' ? i.name : '',
    presence: handling(Read.record(i.presence)),
    dialog: handling(Read.record(i.dialog)),
    attributes: attributes(i.attributes)
  }
}

const isIconType = (u: unknown): u is IconType => typeof u === 'string' && (ICON_TYPES as ReadonlyArray<string>).includes(u)

/**
 * A status icon, or why it cannot be one: the MIME type must be JPEG, PNG or GIF and the image not empty.
 *
 * @category constructors
 * @since 0.2.0
 */
export const icon = (data: Uint8Array, mimeType: string, description?: string): E.Either<string, Icon> => {
  if (!isIconType(mimeType)) return E.left(`expected image/jpeg, image/png or image/gif, got ${JSON.stringify(Read.text(mimeType))}`)
  if (!(data instanceof Uint8Array) || data.length === 0) return E.left('expected the bytes of an image, got none')
  return E.right({ mimeType, data, ...optionalString('description', description) })
}

/**
 * An address book from its parts: nothing unless given, the default presence policy `confirm` (the reference's
 * first value), and the default dialog policy `confirm` unless `dialog: false` says the server has no dialog rules.
 *
 * @category constructors
 * @since 0.2.0
 */
export const addressBook = (
  input: {
    readonly contacts?: ReadonlyArray<Contact>
    readonly groups?: ReadonlyArray<Group>
    readonly policies?: ReadonlyArray<Policy>
    readonly defaultPresencePolicy?: DefaultPolicy
    readonly defaultDialogPolicy?: DefaultPolicy
    readonly icon?: Icon
    readonly offlineStatus?: Presence.Presence
    readonly dialog?: boolean
  } = {}
): AddressBook => {
  const i = Read.record(input)
  const sub = (u: unknown): DefaultPolicy => (PresRules.subHandlingValue.is(u) ? u : 'confirm')
  return {
    contacts: Read.arrayOf(i.contacts, Read.isRecord) as unknown as ReadonlyArray<Contact>,
    groups: Read.arrayOf(i.groups, Read.isRecord) as unknown as ReadonlyArray<Group>,
    policies: Read.arrayOf(i.policies, Read.isRecord) as unknown as ReadonlyArray<Policy>,
    defaultPresencePolicy: sub(i.defaultPresencePolicy),
    ...(i.dialog === false ? {} : { defaultDialogPolicy: sub(i.defaultDialogPolicy) }),
    ...(Read.isRecord(i.icon) ? { icon: i.icon as unknown as Icon } : {}),
    ...(Read.isRecord(i.offlineStatus) ? { offlineStatus: i.offlineStatus as unknown as Presence.Presence } : {})
  }
}

const isAttributes = (u: unknown): u is Attributes =>
  Read.isRecord(u) && Object.keys(u).every((k) => u[k] === null || typeof u[k] === 'string')

const isHandling = (u: unknown): u is Handling => Read.isRecord(u) && typeof u.policy === 'string' && typeof u.subscribe === 'boolean'

/**
 * Whether a value has the shape of a URI of a contact (its values are checked by {@link problems}).
 *
 * @category constructors
 * @since 0.2.0
 */
export const isContactUri = (u: unknown): u is ContactUri =>
  Read.isRecord(u) && typeof u.id === 'string' && typeof u.uri === 'string' && (u.type === undefined || typeof u.type === 'string') && isAttributes(u.attributes)

/**
 * Whether a value has the shape of a contact.
 *
 * @category constructors
 * @since 0.2.0
 */
export const isContact = (u: unknown): u is Contact =>
  Read.isRecord(u) &&
  typeof u.id === 'string' &&
  typeof u.name === 'string' &&
  Array.isArray(u.uris) &&
  u.uris.every(isContactUri) &&
  (u.default === undefined || typeof u.default === 'string') &&
  isHandling(u.presence) &&
  isHandling(u.dialog) &&
  isAttributes(u.attributes)

/**
 * Whether a value has the shape of a group.
 *
 * @category constructors
 * @since 0.2.0
 */
export const isGroup = (u: unknown): u is Group =>
  Read.isRecord(u) && typeof u.id === 'string' && typeof u.name === 'string' && Array.isArray(u.members) && u.members.every((m) => typeof m === 'string') && isAttributes(u.attributes)

/**
 * Whether a value has the shape of a policy.
 *
 * @category constructors
 * @since 0.2.0
 */
export const isPolicy = (u: unknown): u is Policy =>
  Read.isRecord(u) && typeof u.id === 'string' && typeof u.uri === 'string' && typeof u.name === 'string' && isHandling(u.presence) && isHandling(u.dialog) && isAttributes(u.attributes)

// -------------------------------------------------------------------------------------
// normal form
// -------------------------------------------------------------------------------------

const textOk = (s: unknown): boolean => typeof s === 'string' && Xml.isXmlText(s)
const wellFormed = (s: unknown): boolean => typeof s === 'string' && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)
const attrsOk = (a: Attributes, where: string, out: Array<string>): void => {
  for (const k of Object.keys(a)) {
    if (!textOk(k)) out.push(`${where}: expected an attribute name XML can hold, got ${JSON.stringify(k)}`)
    const v = a[k]
    if (v !== null && !textOk(v)) out.push(`${where}: expected the value of ${JSON.stringify(k)} to be text XML can hold`)
  }
}

/**
 * What keeps an address book from being stored as it is and read back the same: ids that are not ids or not unique
 * across contacts, URIs, groups and policies, a default that is none of the contact's URIs, group members that are no
 * contact or repeated, text that XML cannot hold, URIs that are not well-formed Unicode, an icon of another type or
 * without data, a dialog policy where the server has no dialog rules (with `dialog: false`) or none where it has. An
 * empty list means the address book is in normal form.
 *
 * @category constructors
 * @since 0.2.0
 */
export const problems = (book: AddressBook, options: { readonly dialog?: boolean } = {}): ReadonlyArray<string> => {
  const out: Array<string> = []
  const ids = new Set<string>()
  const id = (s: string, what: string): void => {
    if (!isId(s)) out.push(`${what}: expected an id (^[A-Za-z_][A-Za-z0-9_.-]*$), got ${JSON.stringify(s)}`)
    else if (ids.has(s)) out.push(`${what}: expected an id unique in the address book, got ${JSON.stringify(s)} again`)
    else ids.add(s)
  }
  const handlingOk = (h: Handling, what: string): void => {
    if (!AB.policyValue.is(h.policy) || typeof h.subscribe !== 'boolean') out.push(`${what}: expected a handling, got ${JSON.stringify(h)}`)
  }
  const contacts = new Set<string>()
  const all = <A>(u: unknown, is: (x: unknown) => x is A, what: string): ReadonlyArray<A> => {
    const xs = Read.array(u)
    if (!Array.isArray(u)) out.push(`${what}: expected a list`)
    xs.forEach((x, i) => {
      if (!is(x)) out.push(`${what}[${i}]: expected a ${what.replace(/s$/, '').replace(/ie$/, 'y')}`)
    })
    return xs.filter(is)
  }
  const b = Read.record(book)
  for (const c of all(b.contacts, isContact, 'contacts')) {
    const w = `contact ${JSON.stringify(c.id)}`
    id(c.id, w)
    contacts.add(c.id)
    if (!textOk(c.name)) out.push(`${w}: expected a name XML can hold`)
    for (const u of c.uris) {
      id(u.id, `${w} URI ${JSON.stringify(u.id)}`)
      if (!wellFormed(u.uri)) out.push(`${w} URI ${JSON.stringify(u.id)}: expected a well-formed URI`)
      if (u.type !== undefined && !textOk(u.type)) out.push(`${w} URI ${JSON.stringify(u.id)}: expected a type XML can hold`)
      attrsOk(u.attributes, `${w} URI ${JSON.stringify(u.id)}`, out)
    }
    if (c.default !== undefined && !c.uris.some((u) => u.id === c.default))
      out.push(`${w}: expected the default to be the id of one of its URIs, got ${JSON.stringify(c.default)}`)
    handlingOk(c.presence, w)
    handlingOk(c.dialog, w)
    attrsOk(c.attributes, w, out)
  }
  for (const g of all(b.groups, isGroup, 'groups')) {
    const w = `group ${JSON.stringify(g.id)}`
    id(g.id, w)
    if (!textOk(g.name)) out.push(`${w}: expected a name XML can hold`)
    const seen = new Set<string>()
    for (const m of g.members) {
      if (!contacts.has(m)) out.push(`${w}: expected members that are contacts, got ${JSON.stringify(m)}`)
      else if (seen.has(m)) out.push(`${w}: expected each member once, got ${JSON.stringify(m)} again`)
      seen.add(m)
    }
    attrsOk(g.attributes, w, out)
  }
  for (const p of all(b.policies, isPolicy, 'policies')) {
    const w = `policy ${JSON.stringify(p.id)}`
    id(p.id, w)
    if (!textOk(p.name)) out.push(`${w}: expected a name XML can hold`)
    if (!wellFormed(p.uri)) out.push(`${w}: expected a well-formed URI`)
    handlingOk(p.presence, w)
    handlingOk(p.dialog, w)
    attrsOk(p.attributes, w, out)
  }
  if (!PresRules.subHandlingValue.is(b.defaultPresencePolicy)) out.push(`default presence policy: expected a sub-handling, got ${JSON.stringify(b.defaultPresencePolicy)}`)
  const dialog = options.dialog ?? b.defaultDialogPolicy !== undefined
  if (dialog && !PresRules.subHandlingValue.is(b.defaultDialogPolicy)) out.push('default dialog policy: expected a sub-handling where the server has dialog rules')
  if (!dialog && b.defaultDialogPolicy !== undefined) out.push('default dialog policy: expected none where the server has no dialog rules')
  if (b.icon !== undefined) {
    const i = Read.record(b.icon)
    const r = icon(i.data as Uint8Array, i.mimeType as string, i.description as string | undefined)
    if (E.isLeft(r)) out.push(`icon: ${r.left}`)
    else if (i.description !== undefined && !textOk(i.description)) out.push('icon: expected a description XML can hold')
  }
  if (b.offlineStatus !== undefined && !Presence.Presence.is(b.offlineStatus)) out.push('offline status: expected a PIDF document')
  return out
}

/**
 * Whether an address book is in normal form ({@link problems} finds none).
 *
 * @category constructors
 * @since 0.2.0
 */
export const isNormal = (book: AddressBook, options: { readonly dialog?: boolean } = {}): boolean => problems(book, options).length === 0

/**
 * What the documents would make of an address book's references: group members that are no contact, and repeated
 * ones, dropped; a default that is none of the contact's URIs left out.
 *
 * @category constructors
 * @since 0.2.0
 */
export const normalize = (book: AddressBook): AddressBook => {
  const ids = new Set(book.contacts.map((c) => c.id))
  let changed = false
  const contacts = book.contacts.map((c) => {
    if (c.default === undefined || c.uris.some((u) => u.id === c.default)) return c
    changed = true
    const { default: _d, ...rest } = c
    return rest
  })
  const groups = book.groups.map((g) => {
    const members = g.members.filter((m, i) => ids.has(m) && g.members.indexOf(m) === i)
    if (members.length === g.members.length) return g
    changed = true
    return { ...g, members }
  })
  return changed ? { ...book, contacts, groups } : book
}

// -------------------------------------------------------------------------------------
// equality
// -------------------------------------------------------------------------------------

const sameAttrs = (a: Attributes, b: Attributes): boolean => {
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k])
}

const sameHandling = (a: Handling, b: Handling): boolean => a.policy === b.policy && a.subscribe === b.subscribe

const sameUri = (a: ContactUri, b: ContactUri): boolean => a.id === b.id && a.uri === b.uri && a.type === b.type && sameAttrs(a.attributes, b.attributes)

const sameList = <A>(as: ReadonlyArray<A>, bs: ReadonlyArray<A>, eq: (a: A, b: A) => boolean, ordered: boolean, key: (a: A) => string): boolean => {
  if (as.length !== bs.length) return false
  if (ordered) return as.every((a, i) => eq(a, bs[i]))
  const byKey = new Map(bs.map((b) => [key(b), b]))
  return as.every((a) => {
    const b = byKey.get(key(a))
    return b !== undefined && eq(a, b)
  })
}

const sameContact =
  (ordered: boolean) =>
  (a: Contact, b: Contact): boolean =>
    a.id === b.id &&
    a.name === b.name &&
    a.default === b.default &&
    sameHandling(a.presence, b.presence) &&
    sameHandling(a.dialog, b.dialog) &&
    sameAttrs(a.attributes, b.attributes) &&
    sameList(a.uris, b.uris, sameUri, ordered, (u) => u.id)

const sameGroup =
  (ordered: boolean) =>
  (a: Group, b: Group): boolean =>
    a.id === b.id &&
    a.name === b.name &&
    sameAttrs(a.attributes, b.attributes) &&
    sameList(a.members, b.members, (x, y) => x === y, ordered, (m) => m)

const samePolicy = (a: Policy, b: Policy): boolean =>
  a.id === b.id && a.uri === b.uri && a.name === b.name && sameHandling(a.presence, b.presence) && sameHandling(a.dialog, b.dialog) && sameAttrs(a.attributes, b.attributes)

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Whether two icons are the same image with the same type and description.
 *
 * @category constructors
 * @since 0.2.0
 */
export const sameIcon = (a: Icon | undefined, b: Icon | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.mimeType === b.mimeType && a.description === b.description && sameBytes(a.data, b.data))

/**
 * Whether two offline statuses are the same PIDF document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const sameStatus = (a: Presence.Presence | undefined, b: Presence.Presence | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && Presence.document.encode(a) === Presence.document.encode(b))

const compare = (a: AddressBook, b: AddressBook, ordered: boolean): boolean =>
  sameList(a.contacts, b.contacts, sameContact(ordered), ordered, (c) => c.id) &&
  sameList(a.groups, b.groups, sameGroup(ordered), ordered, (g) => g.id) &&
  sameList(a.policies, b.policies, samePolicy, ordered, (p) => p.id) &&
  a.defaultPresencePolicy === b.defaultPresencePolicy &&
  a.defaultDialogPolicy === b.defaultDialogPolicy &&
  sameIcon(a.icon, b.icon) &&
  sameStatus(a.offlineStatus, b.offlineStatus)

/**
 * Whether two address books are equal: every field, in order (the order of shared settings aside).
 *
 * @category constructors
 * @since 0.2.0
 */
export const equals = (a: AddressBook, b: AddressBook): boolean => compare(a, b, true)

/**
 * Whether two address books hold the same things in whatever order: contacts, groups, policies and URIs compared by
 * id, group members as sets.
 *
 * @category constructors
 * @since 0.2.0
 */
export const equivalent = (a: AddressBook, b: AddressBook): boolean => compare(a, b, false)

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The contact with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const contactById = (id: string): Op.Optional<AddressBook, Contact> =>
  pipe(L.id<AddressBook>(), L.prop('contacts'), L.composeOptional(Optics.byKey<Contact, 'id'>('id', id)))

/**
 * The group with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const groupById = (id: string): Op.Optional<AddressBook, Group> =>
  pipe(L.id<AddressBook>(), L.prop('groups'), L.composeOptional(Optics.byKey<Group, 'id'>('id', id)))

/**
 * The policy with this id. Writing it back keeps the id.
 *
 * @category optics
 * @since 0.2.0
 */
export const policyById = (id: string): Op.Optional<AddressBook, Policy> =>
  pipe(L.id<AddressBook>(), L.prop('policies'), L.composeOptional(Optics.byKey<Policy, 'id'>('id', id)))
