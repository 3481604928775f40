/**
 * The published laws of the address book (laws/addressbook), run against the library, and each shown able to fail
 * against a deliberately broken implementation.
 */
import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import type * as Sync from '../../src/addressbook/Sync.js'
import * as AB from '../../src/formats/AddressBook.js'
import { assertLaw, holds, type Law } from '../../laws/Law.js'
import { operationLaws, operations, type OperationsImpl } from '../../laws/addressbook/Operations.js'
import { projection, projectionLaws, type ProjectionImpl } from '../../laws/addressbook/Projection.js'
import { sync, syncLaws, type SyncImpl } from '../../laws/addressbook/Sync.js'

const run = (law: Law): Promise<string> => assertLaw(law, { interruptAfterTimeLimit: 120_000, markInterruptAsFailure: true })

describe('address book laws', () => {
  for (const [name, laws] of [
    ['projection', projectionLaws()],
    ['operations', operationLaws()],
    ['sync', syncLaws()]
  ] as const)
    describe(name, () => {
      for (const law of laws) it(law.name, async () => void (await run(law)))
    })
})

// -------------------------------------------------------------------------------------
// broken implementations: each law must catch one
// -------------------------------------------------------------------------------------

const mapDoc = <K extends Documents.Name>(docs: Documents.Documents, k: K, f: (v: Documents.Values[K]) => Documents.Values[K]): Documents.Documents => {
  const v = docs[k]
  return v === undefined ? docs : { ...docs, [k]: f(v) }
}

const mapContacts = (docs: Documents.Documents, f: (c: AB.Contact) => AB.Contact): Documents.Documents =>
  mapDoc(docs, 'resource-lists', (rl) => Projection.updateAddressBook(rl, (ext) => ({ ...ext, contacts: ext.contacts.map(f) })))

/** Projection variants. */
const brokenProjection: ReadonlyArray<readonly [string, ProjectionImpl]> = [
  // drops the shared settings of contacts on write
  ['projection: model → documents → model is the identity on normal address books', { ...projection, toDocuments: (b, d, c) => Projection.toDocuments({ ...b, contacts: b.contacts.map((x) => ({ ...x, attributes: {} })) }, d, c) }],
  // a fresh copy of every document each time: an idle client would write forever
  ['projection: the documents of an address book are a fixed point of normalize', { ...projection, normalize: (d, c) => Object.fromEntries(Object.entries(Projection.normalize(d, c)).map(([k, v]) => [k, { ...v }])) }],
  // adds an entry to the buddy list on every run
  [
    'projection: normalize is idempotent on any documents',
    {
      ...projection,
      normalize: (d, c) =>
        mapDoc(Projection.normalize(d, c), 'resource-lists', (rl) => ({
          ...rl,
          lists: rl.lists.map((l) => (l.name === 'oma_buddylist' ? { ...l, members: [...l.members, { _tag: 'Entry', entry: { uri: `sip:n${l.members.length}@example.com`, ext: {}, other: [] } }] } : l))
        }))
    }
  ],
  // rewrites derived entries whose spelling is not its own (comparing URIs as written)
  [
    'projection: percent-encoding never causes churn',
    {
      ...projection,
      normalize: (d, c) => {
        const n = Projection.normalize(d, c)
        return mapDoc(n, 'resource-lists', (rl) => {
          let changed = false
          const lists = rl.lists.map((l) => ({
            ...l,
            members: l.members.map((m) => {
              if (m._tag !== 'Entry') return m
              const uri = Documents.encodeUri(Documents.decodeUri(m.entry.uri), c.uriStyle)
              if (uri === m.entry.uri) return m
              changed = true
              return { ...m, entry: { ...m.entry, uri } }
            })
          }))
          return changed ? { ...rl, lists } : rl
        })
      }
    }
  ],
  // the reference's bug: elements rebuilt from the model, foreign content lost
  ['projection: content the address book does not own stays', { ...projection, toDocuments: (b, d, c) => mapContacts(Projection.toDocuments(b, d, c), (x) => ({ ...x, other: [] })) }],
  // blocked URIs listed as granted too
  [
    'projection: granted and blocked never meet, and contacts beat policies',
    {
      ...projection,
      toDocuments: (b, d, c) =>
        mapDoc(Projection.toDocuments(b, d, c), 'resource-lists', (rl) => {
          const blocked = rl.lists.find((l) => l.name === 'oma_blockedcontacts')?.members ?? []
          return { ...rl, lists: rl.lists.map((l) => (l.name === 'oma_grantedcontacts' ? { ...l, members: [...l.members, ...blocked] } : l)) }
        })
    }
  ]
]

/** Sets the default presence policy after every operation, by the operation's name: order matters, and pres-rules changes. */
const orderDependent: OperationsImpl = {
  ...operations,
  apply: (op, d, c) => {
    const r = Operations.apply(op, d, c)
    return { ...r, docs: Operations.apply(Operations.setDefaultPresencePolicy(op._tag.length % 2 === 0 ? 'allow' : 'block'), r.docs, c).docs }
  }
}

const brokenOperations: ReadonlyArray<readonly [string, OperationsImpl]> = [
  // adds a list every time
  [
    'operations: applying an operation twice is applying it once',
    {
      ...operations,
      apply: (op, d, c) => {
        const r = Operations.apply(op, d, c)
        return { ...r, docs: mapDoc(r.docs, 'resource-lists', (rl) => ({ ...rl, lists: [...rl.lists, AB.listOf({ name: `extra${rl.lists.length}` })] })) }
      }
    }
  ],
  ['operations: edits of different elements commute', orderDependent],
  ['operations: a journal replayed onto a concurrently edited copy keeps both edits', orderDependent],
  // the reference's add-or-replace: the element is rebuilt, other applications' settings lost
  [
    'operations: an add replayed over a concurrent edit keeps what the address book does not own',
    { ...operations, apply: (op, d, c) => Operations.apply(op, op._tag === 'AddContact' ? Operations.apply(Operations.removeContact(op.contact.id), d, c).docs : d, c) }
  ],
  // forgets updates and removals
  ['operations: changes(a, b) turn the documents of a into documents of b', { ...operations, changes: (a, b) => Operations.changes(a, b).filter((op) => !/^(Update|Remove)/.test(op._tag)) }],
  ['operations: a transaction changes only the documents its operations touch', orderDependent],
  // loses the last entry
  ['operations: the journal reads back from storage', { ...operations, encodeJournal: (j) => Operations.encodeJournal(j.slice(0, -1)) }]
]

const wrap = (f: (s: Sync.State, e: Sync.Event) => readonly [Sync.State, ReadonlyArray<Sync.Command>]): SyncImpl => ({ ...sync, step: f })

const brokenSync: ReadonlyArray<readonly [string, SyncImpl]> = [
  // overwrites: If-Match dropped
  [
    'sync: never an unconditional write over a document',
    wrap((s, e) => {
      const [n, cs] = sync.step(s, e)
      return [n, cs.map((c) => (c._tag === 'Put' && c.ifMatch !== undefined ? { _tag: 'Put', req: c.req, doc: c.doc, body: c.body } : c))]
    })
  ],
  // edits are lost
  ['sync: both clients\u2019 edits end up on the server, and the machine is in sync with it', wrap((s, e) => sync.step(s, e._tag === 'Edit' ? { _tag: 'Edit', ops: [] } : e))],
  // a refresh writes the default presence policy again, flipped
  [
    'sync: an idle client never writes',
    wrap((s, e) => (e._tag === 'Refresh' ? sync.step(s, { _tag: 'Edit', ops: [Operations.setDefaultPresencePolicy(s.model?.defaultPresencePolicy === 'allow' ? 'block' : 'allow')] }) : sync.step(s, e)))
  ],
  // retries twice as fast as said
  [
    'sync: retries back off, with jitter',
    wrap((s, e) => {
      const [n, cs] = sync.step(s, e)
      return [n, cs.map((c) => (c._tag === 'StartTimer' ? { ...c, ms: Math.round(c.ms / 2) } : c))]
    })
  ],
  // the reference's loop: a 409 treated as any other failure, retried forever
  ['sync: a persistent 409 is never retried silently forever', wrap((s, e) => sync.step(s, e._tag === 'Written' && e.outcome._tag === 'Conflict' ? { ...e, outcome: { _tag: 'Failed', status: 409, message: 'conflict' } } : e))]
]

describe('address book laws can fail', () => {
  const byName = new Map([...projectionLaws(), ...operationLaws(), ...syncLaws()].map((l) => [l.name, l]))
  const all = [
    ...brokenProjection.map(([n, impl]) => [n, projectionLaws(impl)] as const),
    ...brokenOperations.map(([n, impl]) => [n, operationLaws(impl)] as const),
    ...brokenSync.map(([n, impl]) => [n, syncLaws(impl)] as const)
  ]
  it('every law has a broken implementation', () => {
    assert.deepStrictEqual([...byName.keys()].sort(), all.map(([n]) => n).sort())
  })
  for (const [name, laws] of all)
    it(name, async () => {
      const law = laws.find((l) => l.name === name)
      assert.ok(law !== undefined, name)
      assert.strictEqual(await holds(law, { numRuns: 200 }), false)
    })
})
