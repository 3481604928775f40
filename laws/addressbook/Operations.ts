/**
 * Laws of the address book's operations and journal:
 *
 * - **idempotent**: applying an operation twice is applying it once;
 * - **commuting where the reference says so**: operations of two clients on different elements give the same address
 *   book in either order (adding two different contacts at once keeps both);
 * - **a replayed journal keeps both edits**: a journal replayed onto a copy another client changed meanwhile gives
 *   what both clients did, and replaying it again changes nothing;
 * - **an add replayed over a concurrent edit keeps what it does not own**: the contact becomes what the add says,
 *   and other applications' settings and foreign elements of the contact stay;
 * - **changes**: the operations `changes(a, b)` turn the documents of `a` into documents of `b`;
 * - **a transaction writes only what it touches**: the documents that change are those its operations name;
 * - **the journal survives storage**: its JSON form reads back to the same operations.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as Presence from '../../src/formats/Presence.js'
import * as Xml from '../../src/xml/Ast.js'
import { Law, LawViolation, type Law as LawT } from '../Law.js'
import * as AA from './Arbitrary.js'
import { differing, reread } from './Projection.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The functions the operation laws check.
 *
 * @category model
 * @since 0.2.0
 */
export interface OperationsImpl {
  readonly apply: typeof Operations.apply
  readonly changes: typeof Operations.changes
  readonly encodeJournal: typeof Operations.encodeJournal
  readonly decodeJournal: typeof Operations.decodeJournal
}

/**
 * The library's operations.
 *
 * @category model
 * @since 0.2.0
 */
export const operations: OperationsImpl = {
  apply: Operations.apply,
  changes: Operations.changes,
  encodeJournal: Operations.encodeJournal,
  decodeJournal: Operations.decodeJournal
}

const applyAll = (impl: OperationsImpl, ops: ReadonlyArray<Operations.Operation>, docs: Documents.Documents, ctx: Documents.Context): Documents.Documents =>
  Projection.normalize(
    ops.reduce((d, op) => impl.apply(op, d, ctx).docs, Projection.normalize(docs, ctx)),
    ctx
  )

const show = (b: Model.AddressBook): string => JSON.stringify(b, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes(${v.length})` : v)).slice(0, 800)

const showOps = (ops: ReadonlyArray<Operations.Operation>): string => JSON.stringify(ops.map((o) => o._tag))

const withOps = <T>(f: (ctx: Documents.Context, book: Model.AddressBook) => fc.Arbitrary<T>): fc.Arbitrary<readonly [Documents.Context, Model.AddressBook, T]> =>
  AA.contextAndBook.chain(([ctx, book]) => f(ctx, book).map((t) => [ctx, book, t] as const))

const sameOp = (a: Operations.Operation, b: Operations.Operation): boolean =>
  JSON.stringify(a, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : typeof v === 'object' && v !== null && 'tuples' in v ? Presence.document.encode(v as Presence.Presence) : v)) ===
  JSON.stringify(b, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : typeof v === 'object' && v !== null && 'tuples' in v ? Presence.document.encode(v as Presence.Presence) : v))

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/**
 * The operation laws, for an implementation (the library's by default).
 *
 * @category laws
 * @since 0.2.0
 */
export const operationLaws = (impl: OperationsImpl = operations): ReadonlyArray<LawT> => [
  Law('operations: applying an operation twice is applying it once', 'python3-sipsimple §3.1: every handler is idempotent', withOps((_c, b) => AA.operation(b)))(([ctx, book, op]) => {
    const docs = Projection.toDocuments(book, {}, ctx)
    const once = applyAll(impl, [op], docs, ctx)
    const twice = applyAll(impl, [op, op], docs, ctx)
    const d = differing(once, twice, ctx)
    if (d.length > 0) throw new LawViolation(`${op._tag} applied twice changed ${d.join(', ')} again`)
  }),
  Law(
    'operations: edits of different elements commute',
    'two clients editing different contacts, groups or policies at once: both survive, in either order',
    withOps((_c, b) => AA.disjoint(b))
  )(([ctx, book, [l, r]]) => {
    const docs = Projection.toDocuments(book, {}, ctx)
    const lr = Projection.fromDocuments(applyAll(impl, [...l, ...r], docs, ctx), ctx)
    const rl = Projection.fromDocuments(applyAll(impl, [...r, ...l], docs, ctx), ctx)
    if (!Model.equivalent(lr, rl)) throw new LawViolation(`${showOps(l)} then ${showOps(r)}:\n  ${show(lr)}\nthe other way round:\n  ${show(rl)}`)
  }),
  Law(
    'operations: a journal replayed onto a concurrently edited copy keeps both edits',
    'the rebase after a 412; replaying it once more changes nothing',
    withOps((_c, b) => AA.disjoint(b))
  )(([ctx, book, [journal, remote]]) => {
    const base = Projection.toDocuments(book, {}, ctx)
    const server = reread(applyAll(impl, remote, base, ctx), ctx)
    const replayed = applyAll(impl, journal, server, ctx)
    const expected = Projection.fromDocuments(applyAll(impl, [...journal, ...remote], base, ctx), ctx)
    const got = Projection.fromDocuments(replayed, ctx)
    if (!Model.equivalent(got, expected)) throw new LawViolation(`journal ${showOps(journal)} over remote ${showOps(remote)}:\n  got      ${show(got)}\n  expected ${show(expected)}`)
    const again = applyAll(impl, journal, reread(replayed, ctx), ctx)
    const d = differing(again, replayed, ctx)
    if (d.length > 0) throw new LawViolation(`replaying the journal again changed ${d.join(', ')}`)
  }),
  Law(
    'operations: an add replayed over a concurrent edit keeps what the address book does not own',
    "python3-sipsimple §8.5 fixed: another application's settings and foreign elements of the contact stay",
    AA.contextAndBook.filter(([, b]) => b.contacts.length > 0),
    AA.attributes
  )(([ctx, book], attrs) => {
    const c = book.contacts[0]
    const docs = Projection.toDocuments(book, {}, ctx)
    const theirs: Xml.Element = {
      _tag: 'Element',
      name: { ns: 'urn:ag-projects:blink-other:xml:ns:addressbook', local: 'attributes' },
      attrs: {},
      children: [{ _tag: 'Element', name: { ns: 'urn:ag-projects:blink-other:xml:ns:addressbook', local: 'attribute' }, attrs: { name: 'group_expanded' }, children: [Xml.text('yes')] }]
    }
    const edited = {
      ...docs,
      'resource-lists': Projection.updateAddressBook(docs['resource-lists'], (ext) => ({ ...ext, contacts: ext.contacts.map((x) => (x.id === c.id ? { ...x, other: [...x.other, theirs] } : x)) }))
    }
    const replayed = applyAll(impl, [Operations.addContact({ ...c, attributes: attrs })], edited, ctx)
    const el = Projection.addressBookList(replayed['resource-lists'])?.ext.contacts.find((x) => x.id === c.id)
    if (el === undefined) throw new LawViolation('the contact is gone')
    if (!el.other.some((e) => Xml.equals(e, theirs))) throw new LawViolation("another application's settings were wiped by the replayed add")
    const got = Projection.contactOf(el)
    const want = { ...c, attributes: attrs }
    if (!Model.equals(Model.addressBook({ contacts: [got] }), Model.addressBook({ contacts: [want] })))
      throw new LawViolation(`the contact is not what the add says:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`)
  }),
  Law(
    'operations: changes(a, b) turn the documents of a into documents of b',
    'what a user interface sends after an edit',
    withOps((_c, b) => AA.operations(b, 'x', 6)),
    fc.boolean()
  )(([ctx, a, ops], independent) => {
    const docsA = Projection.toDocuments(a, {}, ctx)
    const b = Projection.fromDocuments(applyAll(impl, ops, docsA, ctx), ctx)
    const target = independent ? Model.normalize({ ...b, contacts: [...b.contacts].reverse() }) : b
    const got = Projection.fromDocuments(applyAll(impl, impl.changes(a, target), docsA, ctx), ctx)
    if (!Model.equivalent(got, target)) throw new LawViolation(`changes ${showOps(impl.changes(a, target))}:\n  got  ${show(got)}\n  want ${show(target)}`)
  }),
  Law('operations: a transaction changes only the documents its operations touch', 'one write per document, and none for the others', withOps((_c, b) => AA.operations(b, 't', 6)))(
    ([ctx, book, ops]) => {
      const docs = reread(Projection.toDocuments(book, {}, ctx), ctx)
      const after = applyAll(impl, ops, docs, ctx)
      const touched = new Set(ops.map(Operations.touches))
      const extra = differing(docs, after, ctx).filter((n) => !touched.has(n))
      if (extra.length > 0) throw new LawViolation(`${showOps(ops)} changed ${extra.join(', ')} too`)
    }
  ),
  Law('operations: the journal reads back from storage', 'JSON, with icons in base64 and offline statuses as PIDF text', withOps((_c, b) => AA.operations(b, 'j', 6)))(([, , ops]) => {
    const journal = ops.map((op, i) => ({ seq: i + 1, op }))
    const back = impl.decodeJournal(impl.encodeJournal(journal))
    if (back.problems.length > 0) throw new LawViolation(`the journal does not read back: ${back.problems.join('; ')}`)
    if (back.journal.length !== journal.length || !back.journal.every((e, i) => e.seq === journal[i].seq && sameOp(e.op, journal[i].op)))
      throw new LawViolation(`the journal read back differently: ${JSON.stringify(back.journal).slice(0, 400)}`)
  })
]
