/**
 * PIDF, the Presence Information Data Format (RFC 3863). Namespace `urn:ietf:params:xml:ns:pidf`, content type
 * `application/pidf+xml`. A `<presence>` holds tuples (each with a `<status>`, an optional `<contact>`, notes and a
 * timestamp) and notes. Elements of other namespaces extend `<presence>`, `<tuple>` and `<status>` (RFC 3863 §4.1,
 * §4.2): typed extensions plug into the extension points `'pidf:presence'`, `'pidf:tuple'` and `'pidf:status'`, and
 * whatever no extension claims is kept verbatim in the host's `other`, in document order.
 *
 * The extension API: `presenceWith({ presence, tuple, status })` builds the `<presence>` codec from one extension per
 * point (each may be left out); combine several extensions for one point with `Ext.concat`. The value type carries
 * exactly the fields of the extensions given, under `ext` of each host:
 *
 * @example
 * import * as Pidf from 'sip-simple-payloads/Pidf'
 * import * as DataModel from 'sip-simple-payloads/DataModel'
 * // PIDF + the data model: persons and devices at presence level, dm:deviceID in tuples
 * const codec = Pidf.presenceWith({ presence: DataModel.presence, tuple: DataModel.tuple })
 *
 * @since 0.1.0
 */
import { pipe } from '#fp-ts/function'
import type * as O from '#fp-ts/Option'
import * as RA from '#fp-ts/ReadonlyArray'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Read from '../codec/Read.js'
import * as Doc from '../codec/Document.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import { applicationUsage, type ApplicationUsage } from '../xcap/ApplicationUsage.js'

/**
 * The PIDF namespace.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf'

/**
 * The content type.
 *
 * @category model
 * @since 0.1.0
 */
export const CONTENT_TYPE = 'application/pidf+xml'

/**
 * The XCAP application usage of PIDF documents a presentity stores for the presence server to compose with its
 * publications (RFC 4827, pidf-manipulation): AUID `pidf-manipulation`, default namespace PIDF, document `index`.
 *
 * @category model
 * @since 0.2.0
 */
export const usage: ApplicationUsage = /*#__PURE__*/ applicationUsage({ auid: 'pidf-manipulation', namespace: NS, mimeType: CONTENT_TYPE })

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The basic status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const basicValue = /*#__PURE__*/ V.literal('open', 'closed')

/**
 * The basic status of a tuple (RFC 3863 §4.1.4).
 *
 * @category model
 * @since 0.1.0
 */
export type Basic = V.LiteralOf<typeof basicValue>

/**
 * A note: human-readable text with its language (RFC 3863 §4.1.6, §4.1.9; the same shape as the data model's
 * `dm:note`).
 *
 * @category model
 * @since 0.1.0
 */
export type Note = C.Localized

/**
 * A contact address with its priority, a qvalue from 0 to 1 with up to three decimals (RFC 3863 §4.1.5).
 *
 * @category model
 * @since 0.1.0
 */
export interface Contact {
  readonly priority?: number
  readonly uri: string
}

/**
 * The `<status>` of a tuple: the basic status, when given, the status extension's fields and other elements
 * (RFC 3863 §4.1.3).
 *
 * @category model
 * @since 0.1.0
 */
export interface Status<S = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly basic?: Basic
  readonly ext: S
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<tuple>`: one segment of presence information (RFC 3863 §4.1.2). `T` is the tuple extension's fields, `S` the
 * status extension's.
 *
 * @category model
 * @since 0.1.0
 */
export interface Tuple<T = {}, S = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly id: string
  readonly status: Status<S>
  readonly ext: T
  readonly other: ReadonlyArray<Xml.Element>
  readonly contact?: Contact
  readonly notes: ReadonlyArray<Note>
  readonly timestamp?: string
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A `<presence>` document (RFC 3863 §4.1.1). `P` is the presence extension's fields (e.g. the data model's persons
 * and devices), `T` the tuple extension's, `S` the status extension's.
 *
 * @category model
 * @since 0.1.0
 */
export interface Presence<P = {}, T = {}, S = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  /** Attributes of other namespaces on the root (such as `xsi:schemaLocation`). */
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly entity: string
  readonly tuples: ReadonlyArray<Tuple<T, S>>
  readonly notes: ReadonlyArray<Note>
  readonly ext: P
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * Any presence document, whatever its extensions.
 *
 * @category model
 * @since 0.1.0
 */
export type AnyPresence = Presence<unknown, unknown, unknown>

/**
 * The tuple type of a presence document type.
 *
 * @category model
 * @since 0.1.0
 */
export type TupleOf<D extends AnyPresence> = D['tuples'][number]

/**
 * The extensions of a PIDF document, one per extension point; a point left out has no extension.
 *
 * @category extensions
 * @since 0.1.0
 */
export interface Extensions<P, T, S> {
  readonly presence?: Ext.Extension<P, 'pidf:presence'>
  readonly tuple?: Ext.Extension<T, 'pidf:tuple'>
  readonly status?: Ext.Extension<S, 'pidf:status'>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const QVALUE_RE = /^(0(\.[0-9]{0,3})?|1(\.0{0,3})?)$/

/**
 * A qvalue (`0` to `1`, at most three decimals) as a number (RFC 3863 §4.1.5, RFC 3261 §20.10). It is printed with at
 * least one decimal (`1.0`, `0.5`, `0.725`), as RFC 3863 writes it.
 *
 * @category codecs
 * @since 0.1.0
 */
export const qvalue: V.ValueCodec<number> = /*#__PURE__*/ V.make(
  'a qvalue (0 to 1, at most 3 decimals)',
  (u): u is number => typeof u === 'number' && u >= 0 && u <= 1 && Math.round(u * 1000) / 1000 === u,
  (s) => (QVALUE_RE.test(s) ? Number(s) : undefined),
  (n) => {
    const s = String(n)
    return s.includes('.') ? s : s + '.0'
  }
)

/**
 * A PIDF `<note>` with its optional `xml:lang` (RFC 3863 §4.1.6, §4.1.9). The text is kept exactly.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Note: XmlCodec<Note> = /*#__PURE__*/ C.localized(el('note'), V.string, 'Note')

/**
 * A `<contact>` URI with its optional `priority` (RFC 3863 §4.1.5). The URI text is kept as written (white space
 * around it included, see `V.preserving`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Contact: XmlCodec<Contact> = /*#__PURE__*/ C.element(
  el('contact'),
  { priority: C.optionalAttr('priority', qvalue), uri: C.text(V.preserving(V.anyURI)) },
  'Contact'
)

/**
 * The `<status>` codec with an extension for the `'pidf:status'` point (RFC 3863 §4.1.3): `<basic>` first, then
 * the extension's elements and other elements.
 *
 * @category extensions
 * @since 0.1.0
 */
export const statusWith = <S>(ext: Ext.Extension<S, 'pidf:status'>): XmlCodec<Status<S>> =>
  C.element(
    el('status'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      basic: C.optionalChild(el('basic'), basicValue),
      ext: C.extension(ext),
      other: C.other(NS)
    },
    'Status'
  )

/**
 * The `<status>` codec without extensions.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Status: XmlCodec<Status> = /*#__PURE__*/ statusWith(Ext.emptyAt('pidf:status'))

/**
 * The `<tuple>` codec with an extension for the `'pidf:tuple'` point and, optionally, one for its `<status>`
 * (RFC 3863 §4.1.2): the extension's elements sit where the schema's wildcard is, between `<status>` and `<contact>`.
 *
 * @category extensions
 * @since 0.1.0
 */
export const tupleWith = <T, S = {}>( // eslint-disable-line @typescript-eslint/no-empty-object-type
  ext: Ext.Extension<T, 'pidf:tuple'>,
  status?: Ext.Extension<S, 'pidf:status'>
): XmlCodec<Tuple<T, S>> =>
  C.element(
    el('tuple'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.id),
      status: C.child(statusWith(Ext.orEmpty('pidf:status', status))),
      ext: C.extension(ext),
      other: C.other(NS),
      contact: C.optionalChild(Contact),
      notes: C.children(Note),
      timestamp: C.optionalChild(el('timestamp'), V.dateTime)
    },
    'Tuple'
  )

/**
 * The `<tuple>` codec without extensions.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Tuple: XmlCodec<Tuple> = /*#__PURE__*/ tupleWith(Ext.emptyAt('pidf:tuple'))

/**
 * The `<presence>` codec with one extension per extension point (RFC 3863 §4.1.1): `presence` for children of
 * `<presence>` (after the tuples and notes), `tuple` for children of `<tuple>`, `status` for children of `<status>`.
 * Points left out get no extension; what no extension claims stays in `other`.
 *
 * @example
 * import * as Pidf from 'sip-simple-payloads/Pidf'
 * import * as DataModel from 'sip-simple-payloads/DataModel'
 * const codec = Pidf.presenceWith({ presence: DataModel.presence, tuple: DataModel.tuple })
 *
 * @category extensions
 * @since 0.1.0
 */
export const presenceWith = <P = {}, T = {}, S = {}>( // eslint-disable-line @typescript-eslint/no-empty-object-type
  exts: Extensions<P, T, S>
): XmlCodec<Presence<P, T, S>> =>
  C.element(
    el('presence'),
    {
      xmlns: C.namespaces({ root: true }),
      order: C.sourceOrder(),
      otherAttrs: C.otherAttrs(),
      entity: C.attr('entity', V.anyURI),
      tuples: C.children(
        tupleWith(
          Ext.orEmpty('pidf:tuple', exts.tuple),
          Ext.orEmpty('pidf:status', exts.status)
        )
      ),
      notes: C.children(Note),
      ext: C.extension(Ext.orEmpty('pidf:presence', exts.presence)),
      other: C.other(NS)
    },
    'Presence'
  )

/**
 * The `<presence>` codec of plain PIDF, without extensions: every extension element is kept in `other`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const Presence: XmlCodec<Presence> = /*#__PURE__*/ presenceWith({})

/**
 * A document codec (`application/pidf+xml`, format id `pidf`) for a `<presence>` codec built with `presenceWith`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const documentWith = <D>(root: XmlCodec<D>, title = 'PIDF (RFC 3863)'): Doc.XcapDocumentCodec<D> =>
  Doc.xcap(root, { id: 'pidf', title, usage })

/**
 * The document codec of plain PIDF.
 *
 * @category codecs
 * @since 0.1.0
 */
export const document: Doc.XcapDocumentCodec<Presence> = /*#__PURE__*/ documentWith(Presence)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

let counter = 0

/**
 * A fresh `xs:ID`: the prefix, a counter and a random part in base 36 (`t1k3f9x2q`), unique within a process run and
 * practically unique beyond.
 *
 * @category constructors
 * @since 0.1.0
 */
export const freshId = (prefix = 't'): string =>
  `${typeof prefix === 'string' && V.id.is(prefix) ? prefix : 't'}${(counter++).toString(36)}${Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0')}`

/**
 * A note, with its language when given.
 *
 * @category constructors
 * @since 0.1.0
 */
export const note = (value: string, lang?: string): Note =>
  lang === undefined || typeof lang !== 'string' ? { value: Read.text(value) } : { lang, value: Read.text(value) }

const isNote = (u: unknown): u is Note => typeof u === 'object' && u !== null && typeof (u as Note).value === 'string'

/**
 * Notes from what constructors accept: a string, a note, or a list of either (anything else is no note).
 *
 * @category constructors
 * @since 0.2.0
 */
export const notesOf = (n: unknown): ReadonlyArray<Note> =>
  typeof n === 'string'
    ? [note(n)]
    : isNote(n)
      ? [n]
      : Array.isArray(n)
        ? n.flatMap((x: unknown) => (typeof x === 'string' ? [note(x)] : isNote(x) ? [x] : []))
        : []

/** The record a constructor reads its input from: an object, or nothing (for input from JavaScript of any shape). */
export const inputOf = (u: unknown): Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null ? (u as Record<string, unknown>) : {}

const elementsOf = (u: unknown): ReadonlyArray<Xml.Element> => (Array.isArray(u) ? u.filter(C.isElement) : [])

/**
 * An extension value a constructor needs: optional when every field of the extension may be absent, required
 * otherwise (so that a tuple built without the fields its document type needs does not type-check).
 *
 * @category constructors
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ExtInput<K extends string, X> = {} extends X ? { readonly [P in K]?: X } : { readonly [P in K]: X }

/**
 * What a tuple is built from: everything optional but the extension fields its type needs.
 *
 * @category constructors
 * @since 0.1.0
 */
export type TupleInput<T, S> = {
  readonly id?: string
  readonly basic?: Basic
  readonly contact?: string | Contact
  readonly priority?: number
  readonly note?: string | Note | ReadonlyArray<string | Note>
  readonly timestamp?: string | Date
  readonly other?: ReadonlyArray<Xml.Element>
  readonly statusOther?: ReadonlyArray<Xml.Element>
} & ExtInput<'ext', T> &
  ExtInput<'statusExt', S>

/**
 * A tuple, with a fresh id when none is given: `tuple({ basic: 'open', contact: 'sip:alice@example.com' })`. Input
 * of the wrong shape (from JavaScript) is read as far as it makes sense and never throws.
 *
 * @example
 * import { tuple } from 'sip-simple-payloads/Pidf'
 * tuple({ basic: 'open', contact: 'sip:alice@example.com', note: 'at my desk' })
 *
 * @category constructors
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const tuple = <T = {}, S = {}>(...args: {} extends TupleInput<T, S> ? [input?: TupleInput<T, S>] : [input: TupleInput<T, S>]): Tuple<T, S> => {
  const i = inputOf(args[0])
  const priority = typeof i.priority === 'number' && qvalue.is(i.priority) ? i.priority : undefined
  const contact: Contact | undefined =
    typeof i.contact === 'string'
      ? priority === undefined
        ? { uri: i.contact }
        : { priority, uri: i.contact }
      : typeof i.contact === 'object' && i.contact !== null && typeof (i.contact as Contact).uri === 'string'
        ? (i.contact as Contact)
        : undefined
  const timestamp = V.dateTimeOf(i.timestamp)
  const basic = i.basic === 'open' || i.basic === 'closed' ? i.basic : undefined
  return {
    id: typeof i.id === 'string' ? i.id : freshId('t'),
    status: {
      ...(basic === undefined ? {} : { basic }),
      ext: inputOf(i.statusExt) as S,
      other: elementsOf(i.statusOther)
    },
    ext: inputOf(i.ext) as T,
    other: elementsOf(i.other),
    ...(contact === undefined ? {} : { contact }),
    notes: notesOf(i.note),
    ...(timestamp === undefined ? {} : { timestamp })
  }
}

/**
 * What a presence document is built from.
 *
 * @category constructors
 * @since 0.2.0
 */
export type PresenceInput<P, T, S> = {
  readonly entity: string
  readonly tuples?: ReadonlyArray<Tuple<T, S>>
  readonly note?: string | Note | ReadonlyArray<string | Note>
  readonly other?: ReadonlyArray<Xml.Element>
} & ExtInput<'ext', P>

/**
 * A presence document of plain PIDF (or with a presence extension's fields in `ext`).
 *
 * @category constructors
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const presence = <P = {}, T = {}, S = {}>(input: PresenceInput<P, T, S>): Presence<P, T, S> => {
  const i = inputOf(input)
  return {
    entity: typeof i.entity === 'string' ? i.entity : '',
    tuples: Array.isArray(i.tuples) ? (i.tuples as ReadonlyArray<Tuple<T, S>>) : [],
    notes: notesOf(i.note),
    ext: inputOf(i.ext) as P,
    other: elementsOf(i.other)
  }
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

type Fits<A, B> = [A] extends [B] ? unknown : never

/**
 * The tuple with this id, in a presence document of any composition: reading gives that document's tuple type, and
 * writing gives back the document's own type (no type argument needed). It is an `Optional` of every presence type.
 *
 * @category optics
 * @since 0.2.0
 */
export interface TupleById {
  readonly getOption: <D extends AnyPresence>(d: D) => O.Option<TupleOf<D>>
  readonly set: <U extends Tuple<unknown, unknown>>(t: U) => <D extends AnyPresence>(d: D & Fits<U, TupleOf<D>>) => D
}

/**
 * The tuple with this id. Writing it back keeps the id.
 *
 * @example
 * import * as Pidf from 'sip-simple-payloads/Pidf'
 * const doc = Pidf.presence({ entity: 'pres:a@example.com', tuples: [Pidf.tuple({ id: 't1', basic: 'closed' })] })
 * const t = Pidf.tupleById('t1').getOption(doc)
 *
 * @category optics
 * @since 0.1.0
 */
export const tupleById = (id: string): TupleById =>
  pipe(
    L.id<AnyPresence>(),
    L.prop('tuples'),
    L.composeOptional(Optics.byKey<Tuple<unknown, unknown>, 'id'>('id', id))
  ) as unknown as TupleById

/**
 * The basic status of a tuple, through its `<status>`; setting `undefined` removes `<basic>`.
 *
 * @category optics
 * @since 0.1.0
 */
export const basic = <U extends Tuple<unknown, unknown> = Tuple>(): L.Lens<U, Basic | undefined> =>
  pipe(
    L.id<Tuple<unknown, unknown>>(),
    L.prop('status'),
    L.compose(Optics.optionalKey<Status<unknown>, 'basic'>('basic'))
  ) as unknown as L.Lens<U, Basic | undefined>

/**
 * The basic status of the tuple with this id, in a presence document of any composition; setting `undefined` removes
 * `<basic>`. Writing gives back the document's own type.
 *
 * @example
 * import * as Pidf from 'sip-simple-payloads/Pidf'
 * const doc = Pidf.presence({ entity: 'pres:a@example.com', tuples: [Pidf.tuple({ id: 't1', basic: 'closed' })] })
 * const open = Pidf.basicById('t1').set('open')(doc)
 *
 * @category optics
 * @since 0.1.0
 */
export const basicById = (id: string): Optics.PolyOptional<AnyPresence, Basic | undefined> =>
  pipe(
    tupleById(id) as unknown as Op.Optional<AnyPresence, Tuple<unknown, unknown>>,
    Op.composeLens(basic<Tuple<unknown, unknown>>())
  ) as unknown as Optics.PolyOptional<AnyPresence, Basic | undefined>

/**
 * The extension fields of a host (a tuple, a status, a person, a device or the presence), as a lens.
 *
 * @category optics
 * @since 0.1.0
 */
export const ext = <H extends { readonly ext: unknown }>(): L.Lens<H, H['ext']> =>
  L.lens(
    (h) => h.ext,
    (x) => (h) => (h.ext === x ? h : { ...h, ext: x })
  )

/**
 * One extension field of a host, as a lens (`extField<Tuple<Rpid.TupleExt>>()('class')`). For optional fields,
 * setting `undefined` removes the key.
 *
 * @category optics
 * @since 0.1.0
 */
export const extField =
  <H extends { readonly ext: object }>() =>
  <K extends keyof H['ext'] & string>(key: K): L.Lens<H, H['ext'][K]> =>
    pipe(ext<H>(), L.compose(Optics.optionalKey<H['ext'], K>(key) as unknown as L.Lens<H['ext'], H['ext'][K]>))

/**
 * Puts notes back in order: each host's notes are replaced by the next ones from `ns` (starting at `from.i`, which
 * advances). Hosts and arrays that did not change stay the same objects.
 *
 * @category optics
 * @since 0.1.0
 */
export const refillNotes = <H extends { readonly notes: ReadonlyArray<Note> }>(
  hosts: ReadonlyArray<H>,
  ns: ReadonlyArray<Note>,
  from: { i: number }
): ReadonlyArray<H> => {
  let changed = false
  const next = hosts.map((h) => {
    const notes = h.notes.map(() => ns[from.i++])
    if (notes.every((n, j) => n === h.notes[j])) return h
    changed = true
    return { ...h, notes }
  })
  return changed ? next : hosts
}

/**
 * The notes of a document at presence and tuple level, in document order (presence notes first). The data model
 * adds its own levels (see `DataModel.everyNote`).
 *
 * @category optics
 * @since 0.1.0
 */
export const everyNote = <D extends AnyPresence = Presence>(): T.Traversal<D, Note> =>
  partsOf<D, Note>(
    (d) => [d, ...d.tuples].flatMap((h) => h.notes),
    (d, ns) => {
      const from = { i: 0 }
      const [top] = refillNotes([d], ns, from)
      const tuples = refillNotes(d.tuples, ns, from)
      return top === d && tuples === d.tuples ? d : { ...top, tuples }
    }
  )

/**
 * A traversal from a function listing the foci in order and one putting new foci back in the same order (the
 * number of foci never changes).
 *
 * @category optics
 * @since 0.1.0
 */
export const partsOf = <S, A>(
  getAll: (s: S) => ReadonlyArray<A>,
  putAll: (s: S, as: ReadonlyArray<A>) => S
): T.Traversal<S, A> =>
  T.traversal<S, A>(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (F: any) => (f: any) => (s: S) => F.map(RA.traverse(F)(f)(getAll(s)), (as: ReadonlyArray<A>) => putAll(s, as))
  )
