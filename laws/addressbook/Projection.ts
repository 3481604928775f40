/**
 * Laws of the projection between an address book and its documents:
 *
 * - **round trip**: writing an address book in normal form into documents and reading it back gives it back, field
 *   for field and in order, also through the text of the documents;
 * - **fixed point**: normalizing documents twice is normalizing them once, and the documents of an address book
 *   (read back from their text) are a fixed point: normalization returns the very same objects, so an idle client
 *   never writes;
 * - **no churn from percent-encoding**: documents written with python3-sipsimple's spelling of URIs read as the same
 *   address book and are a fixed point for a client that writes URIs plainly, and the other way round;
 * - **foreign content stays**: writing another address book over documents keeps elements of other namespaces, other
 *   applications' settings of the contacts kept, and lists the address book does not own;
 * - **derived lists**: granted and blocked never meet, and a URI some contact has is never listed for a policy alone.
 *
 * The laws take the functions they check as a parameter, so that a broken implementation can be shown to fail them.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as fc from 'fast-check'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as AB from '../../src/formats/AddressBook.js'
import * as Xml from '../../src/xml/Ast.js'
import { Law, LawViolation, type Law as LawT } from '../Law.js'
import * as RLA from '../formats/ResourceLists.js'
import * as PRA from '../formats/PresRules.js'
import * as RSA from '../formats/RlsServices.js'
import * as AA from './Arbitrary.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The functions the projection laws check.
 *
 * @category model
 * @since 0.2.0
 */
export interface ProjectionImpl {
  readonly toDocuments: typeof Projection.toDocuments
  readonly fromDocuments: typeof Projection.fromDocuments
  readonly normalize: typeof Projection.normalize
}

/**
 * The library's projection.
 *
 * @category model
 * @since 0.2.0
 */
export const projection: ProjectionImpl = { toDocuments: Projection.toDocuments, fromDocuments: Projection.fromDocuments, normalize: Projection.normalize }

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/**
 * Documents written to text and read back (what a second client, or the same one after a restart, holds).
 *
 * @category helpers
 * @since 0.2.0
 */
export const reread = (docs: Documents.Documents, ctx: Documents.Context): Documents.Documents => {
  const out: Record<string, unknown> = {}
  for (const n of Documents.NAMES) {
    const v = docs[n]
    if (v === undefined) continue
    const r = Documents.read(ctx, n, Documents.encode(ctx, n, v as never))
    if (E.isLeft(r)) throw new LawViolation(`${n} does not read back: ${r.left.join('; ')}`)
    out[n] = r.right.value
  }
  return out as Documents.Documents
}

/**
 * The documents that differ between two sets (by their encodings).
 *
 * @category helpers
 * @since 0.2.0
 */
export const differing = (a: Documents.Documents, b: Documents.Documents, ctx: Documents.Context): ReadonlyArray<Documents.Name> =>
  Documents.NAMES.filter((n) => !Documents.same(ctx, n, a[n] as never, b[n] as never))

const show = (b: Model.AddressBook): string =>
  JSON.stringify(b, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes(${v.length})` : v)).slice(0, 600)

const withStyle = (ctx: Documents.Context, uriStyle: Documents.UriStyle): Documents.Context => ({ ...ctx, uriStyle })

const FOREIGN = 'urn:example:xml:ns:ext'
const foreign = (local: string): Xml.Element => ({ _tag: 'Element', name: { ns: FOREIGN, local }, attrs: {}, children: [Xml.text('kept')] })
const blinkAttributes = (value: string): Xml.Element => ({
  _tag: 'Element',
  name: { ns: 'urn:ag-projects:other-app:xml:ns:addressbook', local: 'attributes' },
  attrs: {},
  children: [{ _tag: 'Element', name: { ns: 'urn:ag-projects:other-app:xml:ns:addressbook', local: 'attribute' }, attrs: { name: 'colour' }, children: [Xml.text(value)] }]
})

/** Documents with foreign content added: a foreign element and another application's settings on every contact, a list of someone else's. */
const withForeign = (docs: Documents.Documents): Documents.Documents => {
  const rl = docs['resource-lists']
  if (rl === undefined) return docs
  const book = Projection.updateAddressBook(rl, (ext) => ({ ...ext, contacts: ext.contacts.map((c) => ({ ...c, other: [...c.other, foreign('note'), blinkAttributes(c.id)] })) }))
  return { ...docs, 'resource-lists': { ...book, lists: [...book.lists, AB.listOf({ name: 'someone_elses', members: [{ _tag: 'Entry', entry: { uri: 'sip:x@example.com', ext: {}, other: [] } }] })] } }
}

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/**
 * The projection laws, for an implementation (the library's by default).
 *
 * @category laws
 * @since 0.2.0
 */
export const projectionLaws = (impl: ProjectionImpl = projection): ReadonlyArray<LawT> => [
  Law('projection: model → documents → model is the identity on normal address books', 'the round trip, in memory and through text', AA.contextAndBook)(([ctx, book]) => {
    if (!Model.isNormal(book, { dialog: Documents.supports(ctx, 'dialog-rules') })) throw new LawViolation(`the arbitrary made a book that is not normal: ${Model.problems(book).join('; ')}`)
    const docs = impl.toDocuments(book, {}, ctx)
    const back = impl.fromDocuments(docs, ctx)
    if (!Model.equals(back, book)) throw new LawViolation(`read back differently:\n  wrote ${show(book)}\n  read  ${show(back)}`)
    const again = impl.fromDocuments(reread(docs, ctx), ctx)
    if (!Model.equals(again, book)) throw new LawViolation(`read back from text differently:\n  wrote ${show(book)}\n  read  ${show(again)}`)
  }),
  Law('projection: the documents of an address book are a fixed point of normalize', 'an idle client never writes: the same objects come back', AA.contextAndBook)(([ctx, book]) => {
    const docs = reread(impl.toDocuments(book, {}, ctx), ctx)
    const n = impl.normalize(docs, ctx)
    const changed = Documents.NAMES.filter((k) => n[k] !== docs[k])
    if (changed.length > 0) throw new LawViolation(`normalize rewrote ${changed.join(', ')} (${differing(n, docs, ctx).join(', ') || 'same text'})`)
  }),
  Law(
    'projection: normalize is idempotent on any documents',
    'python3-sipsimple §3.2: normalize changes nothing on normalized documents',
    AA.context,
    fc.option(RLA.FullResourceLists, { nil: undefined }),
    fc.option(RSA.RlsServices, { nil: undefined }),
    fc.option(PRA.PresRules, { nil: undefined })
  )((ctx, rl, rls, pr) => {
    const docs: Documents.Documents = { ...(rl === undefined ? {} : { 'resource-lists': rl }), ...(rls === undefined ? {} : { 'rls-services': rls }), ...(pr === undefined ? {} : { 'pres-rules': pr }) }
    const once = impl.normalize(docs, ctx)
    const twice = impl.normalize(once, ctx)
    const d = differing(once, twice, ctx)
    if (d.length > 0) throw new LawViolation(`normalizing again changed ${d.join(', ')}`)
    const stable = Documents.NAMES.filter((k) => twice[k] !== once[k])
    if (stable.length > 0) throw new LawViolation(`normalizing normal documents gave new objects for ${stable.join(', ')}`)
    const reread2 = impl.normalize(reread(once, ctx), ctx)
    const d2 = differing(once, reread2, ctx)
    if (d2.length > 0) throw new LawViolation(`normal documents read back from text are rewritten: ${d2.join(', ')}`)
  }),
  Law('projection: percent-encoding never causes churn', "documents in python3-sipsimple's spelling are a fixed point for a plain client, and the other way round", AA.contextAndBook)(
    ([ctx, book]) => {
      for (const [w, r] of [
        ['sipsimple', 'plain'],
        ['plain', 'sipsimple']
      ] as const) {
        const docs = reread(impl.toDocuments(book, {}, withStyle(ctx, w)), ctx)
        const other = withStyle(ctx, r)
        const n = impl.normalize(docs, other)
        const changed = Documents.NAMES.filter((k) => n[k] !== docs[k])
        if (changed.length > 0) throw new LawViolation(`documents written ${w} are rewritten by a ${r} client: ${changed.join(', ')}`)
        const seen = impl.fromDocuments(docs, other)
        if (!Model.equals(seen, book)) throw new LawViolation(`documents written ${w} read differently by a ${r} client:\n  ${show(book)}\n  ${show(seen)}`)
        const again = impl.toDocuments(seen, docs, other)
        const rewritten = Documents.NAMES.filter((k) => again[k] !== docs[k])
        if (rewritten.length > 0) throw new LawViolation(`writing back what it read, a ${r} client rewrites ${rewritten.join(', ')}`)
      }
    }
  ),
  Law('projection: content the address book does not own stays', "foreign elements, other applications' settings, other lists", AA.contextAndBook)(([ctx, book]) => {
    const docs = withForeign(impl.toDocuments(book, {}, ctx))
    const next = impl.toDocuments({ ...book, contacts: book.contacts.map((c) => ({ ...c, name: c.name + '!' })) }, docs, ctx)
    const rl = next['resource-lists']
    if (rl === undefined) throw new LawViolation('no resource lists')
    if (!rl.lists.some((l) => l.name === 'someone_elses')) throw new LawViolation('a list of someone else was dropped')
    for (const c of Projection.addressBookList(rl)?.ext.contacts ?? []) {
      const kept = c.other.filter((e) => e.name.ns === FOREIGN || e.name.ns === 'urn:ag-projects:other-app:xml:ns:addressbook')
      if (kept.length !== 2) throw new LawViolation(`contact ${c.id} lost foreign content: ${JSON.stringify(c.other)}`)
    }
  }),
  Law('projection: granted and blocked never meet, and contacts beat policies', 'python3-sipsimple §2.4', AA.contextAndBook)(([ctx, book]) => {
    const d = Projection.derivedLists(book)
    for (const [g, b] of [
      [d.oma_grantedcontacts, d.oma_blockedcontacts],
      [d.dialog_grantedcontacts, d.dialog_blockedcontacts]
    ] as const) {
      const both = g.filter((u) => b.includes(u))
      if (both.length > 0) throw new LawViolation(`granted and blocked: ${JSON.stringify(both)}`)
    }
    const contactUris = new Set(book.contacts.flatMap((c) => c.uris.map((u) => u.uri)))
    for (const p of book.policies)
      if (contactUris.has(p.uri)) {
        const owners = book.contacts.filter((c) => c.uris.some((u) => u.uri === p.uri))
        const listed = d.oma_blockedcontacts.includes(p.uri)
        if (listed !== owners.some((c) => c.presence.policy === 'block')) throw new LawViolation(`policy ${p.id} decided for a contact's URI ${JSON.stringify(p.uri)}`)
      }
    const docs = reread(impl.toDocuments(book, {}, ctx), ctx)
    const listed = (name: string): ReadonlyArray<string> =>
      (docs['resource-lists']?.lists.find((l) => l.name === name)?.members ?? []).flatMap((m) => (m._tag === 'Entry' ? [Documents.decodeUri(m.entry.uri)] : []))
    for (const k of Projection.DERIVED) {
      const want = [...d[k]].sort()
      const got = [...listed(k)].sort()
      if (JSON.stringify(want) !== JSON.stringify(got)) throw new LawViolation(`${k}: the document lists ${JSON.stringify(got)}, the book says ${JSON.stringify(want)}`)
    }
  })
]

