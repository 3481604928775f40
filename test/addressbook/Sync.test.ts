import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as _ from '../../src/addressbook/Sync.js'
import * as XcapDiff from '../../src/formats/XcapDiff.js'
import { answer, CTX, simServer, type SimServer } from '../../laws/addressbook/Sync.js'
import { deepStrictEqual } from '../util.js'

const config: _.Config = { root: CTX.root, xui: CTX.xui, seed: 7 }

/** A machine, the commands it issued, and a server that answers them (in order, or when asked). */
const harness = (srv: SimServer = simServer(Projection.toDocuments(Model.addressBook(), {}, CTX)), c: Partial<_.Config> = {}) => {
  let s = _.initial({ ...config, ...c })
  let server = srv
  const all: Array<_.Command> = []
  const queue: Array<_.Command> = []
  const feed = (e: _.Event): void => {
    const [n, cs] = _.step(s, e)
    s = n
    all.push(...cs)
    for (const x of cs) if (x._tag === 'GetCapabilities' || x._tag === 'Fetch' || x._tag === 'Put' || x._tag === 'Delete') queue.push(x)
  }
  const answerNext = (): void => {
    const x = queue.shift()
    if (x === undefined) return
    const [n, e] = answer(server, x)
    server = n
    if (e !== undefined) feed(e)
  }
  const drain = (): void => {
    for (let i = 0; i < 200 && queue.length > 0; i++) answerNext()
  }
  return {
    feed,
    drain,
    answerNext,
    queue,
    all,
    state: () => s,
    server: () => server,
    setServer: (n: SimServer) => {
      server = n
    },
    mark: () => all.length,
    since: (m: number) => all.slice(m),
    problems: () => all.flatMap((x) => (x._tag === 'Notice' && x.notice._tag === 'Problem' ? [x.notice.problem] : []))
  }
}

const started = (srv?: SimServer, c: Partial<_.Config> = {}) => {
  const h = harness(srv, c)
  h.feed({ _tag: 'Start' })
  h.drain()
  assert.strictEqual(h.state().phase, 'insync')
  return h
}

const tags = (cs: ReadonlyArray<_.Command>): ReadonlyArray<string> => cs.filter((c) => c._tag !== 'Notice').map((c) => ('doc' in c ? `${c._tag} ${c.doc}` : c._tag))

const bob = Model.contact({ id: 'bob', name: 'Bob', uris: ['sip:bob@example.com'] })

const withDoc = (srv: SimServer, doc: Documents.Name, text: string, etag = 'x1'): SimServer => ({ ...srv, docs: new Map([...srv.docs, [doc, { etag, text }]]) })

describe('Sync', () => {
  describe('initial, contextOf, subscriptionBody', () => {
    it('starts stopped, with the retry policy filled in', () => {
      const s = _.initial({ root: 'https://x/', xui: 'sip:a@b', retry: { baseMs: -1 } })
      deepStrictEqual([s.phase, s.config.root, s.config.retry], ['stopped', 'https://x', { baseMs: 60_000, maxMs: 3_600_000, unusableMs: 3_600_000 }])
      deepStrictEqual(_.contextOf(s).supported, Documents.NAMES)
    })
    it('subscribes, once the capabilities are known, with the documents the server supports', () => {
      const h = harness(simServer({}, CTX, ['resource-lists', 'rls-services', 'org.openmobilealliance.pres-rules']))
      h.feed({ _tag: 'Start' })
      h.answerNext()
      const sub = h.all.find((c) => c._tag === 'Subscribe')
      assert.ok(sub?._tag === 'Subscribe')
      assert.strictEqual(sub.body, _.subscriptionBody(h.state()))
      assert.strictEqual(
        sub.body,
        '<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list><entry uri="resource-lists/users/sip:alice@example.com/index"/><entry uri="rls-services/users/sip:alice@example.com/index"/><entry uri="org.openmobilealliance.pres-rules/users/sip:alice@example.com/index"/></list></resource-lists>'
      )
      deepStrictEqual(tags(h.all.filter((c) => c._tag === 'ForgetDocument')), ['ForgetDocument dialog-rules', 'ForgetDocument pidf-manipulation', 'ForgetDocument status-icon'])
    })
  })

  describe('step', () => {
    it('ignores answers to requests it no longer waits for, and events that do not apply', () => {
      const h = harness()
      h.feed({ _tag: 'Stop' })
      h.feed({ _tag: 'Fetched', req: 99, outcome: { _tag: 'NotFound' } })
      h.feed({ _tag: 'Timer', id: 5 })
      h.feed({ _tag: 'Notification', body: 'x' })
      h.feed({ _tag: 'Repair', doc: 'resource-lists' })
      h.feed({ _tag: 'ReleaseQuarantined', replay: true })
      deepStrictEqual(h.all, [])
      h.feed({ _tag: 'Start' })
      h.feed({ _tag: 'Start' })
      h.feed({ _tag: 'Stop' })
      const before = h.state()
      h.answerNext() // the capabilities arrive after the stop
      assert.strictEqual(h.state(), before)
      deepStrictEqual(tags(h.all), ['GetCapabilities', 'SaveJournal'])
    })
    it('journals edits made while stopped, and replays them at the next start', () => {
      const h = harness()
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      deepStrictEqual(tags(h.all), ['SaveJournal'])
      h.feed({ _tag: 'Start' })
      h.drain()
      deepStrictEqual(tags(h.all.filter((c) => c._tag === 'Put')), ['Put resource-lists'])
      deepStrictEqual(h.state().journal, [])
      deepStrictEqual(_.modelOf(h.state()).contacts.map((c) => c.id), ['bob'])
    })
    it('refuses invalid operations, with the reason', () => {
      const h = started()
      h.feed({ _tag: 'Edit', ops: [Operations.removeContact('not an id')] })
      deepStrictEqual(h.problems(), [{ _tag: 'InvalidOperation', op: Operations.removeContact('not an id'), reason: 'id: expected an id, got "not an id"' }])
      deepStrictEqual(h.state().journal, [])
    })
    it('drops an operation the documents refuse when it is replayed, with the reason', () => {
      const h = started(simServer(Projection.toDocuments(Model.addressBook({ groups: [Model.group({ id: 'taken', name: 'G' })] }), {}, CTX)))
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(Model.contact({ id: 'taken', name: 'X' }))] })
      h.drain()
      deepStrictEqual(h.problems().map((p) => (p._tag === 'InvalidOperation' ? p.reason : p._tag)), ['the id "taken" is another element\'s in the address book'])
      deepStrictEqual([h.state().phase, h.state().journal], ['insync', []])
    })
    it('reports the failures of a fetch round together, and tries again after a backoff', () => {
      const h = harness()
      h.feed({ _tag: 'Start' })
      h.answerNext()
      const fetches = h.queue.splice(0)
      fetches.forEach((f, i) => {
        assert.ok(f._tag === 'Fetch')
        h.feed({ _tag: 'Fetched', req: f.req, outcome: i % 2 === 0 ? { _tag: 'Failed', status: 503, message: '503 HttpError' } : { _tag: 'NotFound' } })
      })
      deepStrictEqual(h.problems(), [
        {
          _tag: 'FetchFailed',
          failures: [
            { doc: 'resource-lists', status: 503, message: '503 HttpError' },
            { doc: 'pres-rules', status: 503, message: '503 HttpError' },
            { doc: 'pidf-manipulation', status: 503, message: '503 HttpError' }
          ]
        }
      ])
      const t = h.all.find((c) => c._tag === 'StartTimer')
      assert.ok(t?._tag === 'StartTimer' && t.ms >= 48_000 && t.ms <= 72_000)
      h.feed({ _tag: 'Timer', id: t.id })
      deepStrictEqual(h.queue.length, 6)
    })
  })

  describe('documents that do not decode', () => {
    const junk = '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="x"/><list name="x"/></resource-lists>'
    it('are quarantined: reported once, never written, fetched conditionally; a repair overwrites them', () => {
      const h = harness(withDoc(simServer(Projection.toDocuments(Model.addressBook(), {}, CTX)), 'resource-lists', junk))
      h.feed({ _tag: 'Start' })
      h.drain()
      deepStrictEqual(h.problems(), [{ _tag: 'InvalidDocument', doc: 'resource-lists', problems: ['/resource-lists/list[2]/@name: expected a list name unique among its sibling lists, got "x" again'] }])
      assert.strictEqual(h.state().server['resource-lists']._tag, 'Invalid')
      const m = h.mark()
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      h.feed({ _tag: 'Refresh' })
      h.drain()
      deepStrictEqual(tags(h.since(m)).filter((t) => !t.startsWith('Save')), ['Fetch resource-lists', 'Fetch rls-services', 'Fetch pres-rules', 'Fetch dialog-rules', 'Fetch pidf-manipulation', 'Fetch status-icon'])
      assert.strictEqual(h.problems().length, 1)
      deepStrictEqual(h.state().journal.length, 1)
      const r = h.mark()
      h.feed({ _tag: 'Repair', doc: 'resource-lists' })
      h.drain()
      const put = h.since(r).find((c) => c._tag === 'Put')
      assert.ok(put?._tag === 'Put' && put.ifMatch === 'x1' && put.doc === 'resource-lists')
      deepStrictEqual([h.state().server['resource-lists']._tag, h.state().journal, _.modelOf(h.state()).contacts.map((c) => c.id)], ['Present', [], ['bob']])
    })
    it('are read leniently when configured so, and written back repaired', () => {
      const lenientJunk = '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="x"><bogus/></list></resource-lists>'
      const h = started(withDoc(simServer(Projection.toDocuments(Model.addressBook(), {}, CTX)), 'resource-lists', lenientJunk), { lenient: true })
      deepStrictEqual(h.problems(), [{ _tag: 'Repaired', doc: 'resource-lists', notes: ['/resource-lists/list[1]/bogus[1]: dropped (unexpected element <{urn:ietf:params:xml:ns:resource-lists}bogus>)'] }])
      deepStrictEqual(tags(h.all.filter((c) => c._tag === 'Put')), ['Put resource-lists'])
    })
  })

  describe('conflicts', () => {
    const refuse = (srv: SimServer, body = ''): SimServer => ({ ...srv, refuse: { docs: ['rls-services'], body } })
    it('a 409 caused by normalization itself blocks writes of the document; a repair lifts the block', () => {
      // the server holds an rls-services document that normalization must change, and refuses every PUT of it
      const srv = withDoc(simServer(Projection.toDocuments(Model.addressBook(), {}, CTX)), 'rls-services', '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"/>')
      const h = harness(refuse(srv))
      h.feed({ _tag: 'Start' })
      h.drain()
      deepStrictEqual(h.problems().map((p) => p._tag), ['Rejected', 'Rejected', 'WriteBlocked'])
      deepStrictEqual(h.problems()[0], { _tag: 'Rejected', doc: 'rls-services', message: '409 Conflict' })
      deepStrictEqual(h.state().phase, 'insync')
      const m = h.mark()
      h.feed({ _tag: 'Refresh' })
      h.drain()
      deepStrictEqual(h.since(m).filter((c) => c._tag === 'Put'), [])
      h.setServer({ ...h.server(), refuse: undefined } as never)
      h.feed({ _tag: 'Repair', doc: 'rls-services' })
      h.drain()
      deepStrictEqual(tags(h.since(m).filter((c) => c._tag === 'Put')), ['Put rls-services'])
    })
    it('operations set aside can be put back into the journal, or dropped', () => {
      const h = started()
      h.setServer({ ...h.server(), refuse: { docs: ['resource-lists'], body: 'no' } })
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      h.drain()
      deepStrictEqual([h.state().quarantined.length, h.state().journal.length], [1, 0])
      deepStrictEqual(h.problems()[0], { _tag: 'Rejected', doc: 'resource-lists', message: '409 Conflict: no' })
      h.setServer({ ...h.server(), refuse: undefined } as never)
      h.feed({ _tag: 'ReleaseQuarantined', replay: true })
      h.drain()
      deepStrictEqual([h.state().quarantined.length, _.modelOf(h.state()).contacts.map((c) => c.id)], [0, ['bob']])
      const h2 = started()
      h2.setServer({ ...h2.server(), refuse: { docs: ['resource-lists'], body: '' } })
      h2.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      h2.drain()
      h2.feed({ _tag: 'ReleaseQuarantined', replay: false })
      deepStrictEqual([h2.state().quarantined, h2.state().journal], [[], []])
    })
    it('a PUT answered 404 is fetched again, as after a 412; after three 412 in a row it waits first', () => {
      const h = started()
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      const put = h.queue.shift()
      assert.ok(put?._tag === 'Put')
      h.feed({ _tag: 'Written', req: put.req, outcome: { _tag: 'NotFound' } })
      deepStrictEqual(h.queue.map((c) => c._tag), ['Fetch', 'Fetch', 'Fetch', 'Fetch', 'Fetch', 'Fetch'])
      for (let i = 0; i < 3; i++) {
        h.drain()
        const p = h.all.filter((c) => c._tag === 'Put').at(-1)
        assert.ok(p?._tag === 'Put')
      }
      // an always-moving server: make every PUT fail with 412
      const k = started()
      k.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      for (let i = 0; i < 3; i++) {
        for (;;) {
          const x = k.queue.shift()
          if (x === undefined) break
          if (x._tag === 'Put') k.feed({ _tag: 'Written', req: x.req, outcome: { _tag: 'PreconditionFailed' } })
          else {
            const [, e] = answer(k.server(), x)
            if (e !== undefined) k.feed(e)
          }
        }
      }
      const t = k.all.find((c) => c._tag === 'StartTimer')
      assert.ok(t?._tag === 'StartTimer' && t.ms >= 48_000 && t.ms <= 72_000, JSON.stringify(t))
      deepStrictEqual(k.state().contention, 3)
    })
    it('after a PUT answered without an ETag, the document is fetched before it is written again', () => {
      const h = started()
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      const put = h.queue.shift()
      assert.ok(put?._tag === 'Put')
      const [n] = answer(h.server(), put)
      h.setServer(n)
      h.feed({ _tag: 'Written', req: put.req, outcome: { _tag: 'Ok' } })
      const m = h.mark()
      h.feed({ _tag: 'Edit', ops: [Operations.updateContact('bob', { name: 'Robert' })] })
      deepStrictEqual(tags(h.since(m)), ['SaveJournal', 'Fetch resource-lists'])
      const f = h.queue[0]
      assert.ok(f._tag === 'Fetch' && f.ifNoneMatch === undefined)
      h.drain()
      const p = h.since(m).find((c) => c._tag === 'Put')
      assert.ok(p?._tag === 'Put' && p.ifMatch !== undefined)
    })
  })

  describe('notifications', () => {
    const diff = (changes: ReadonlyArray<XcapDiff.Change>): string => XcapDiff.document.encode(XcapDiff.xcapDiff('http://another.name.for.the.server/xcap-root', changes))
    it('apply a patch to the copy held, without a fetch', () => {
      const h = started()
      const held = h.state().server['resource-lists']
      assert.ok(held._tag === 'Present')
      const sel = Documents.documentPath(CTX, 'resource-lists')
      const m = h.mark()
      h.feed({
        _tag: 'Notification',
        body: diff([
          {
            _tag: 'Document',
            document: {
              sel,
              previousEtag: held.etag as string,
              newEtag: 'patched',
              patch: [{ _tag: 'Add', add: { sel: '/rl:resource-lists/rl:list[@name="oma_buddylist"]', bindings: [{ prefix: 'rl', uri: 'urn:ietf:params:xml:ns:resource-lists' }], content: [{ _tag: 'Element', name: { ns: 'urn:ietf:params:xml:ns:resource-lists', local: 'entry' }, attrs: { uri: 'sip:buddy@example.com' }, children: [] }] } }]
            }
          }
        ])
      })
      deepStrictEqual(tags(h.since(m)), ['SaveDocument resource-lists'])
      const now = h.state().server['resource-lists']
      assert.ok(now._tag === 'Present' && now.etag === 'patched')
      assert.ok(h.since(m).some((c) => c._tag === 'Notice' && c.notice._tag === 'DocumentsChanged'))
    })
    it('a document removed is created again; documents of others are ignored', () => {
      const h = started()
      const m = h.mark()
      const rls = h.state().server['rls-services']
      assert.ok(rls._tag === 'Present')
      h.setServer({ ...h.server(), docs: new Map([...h.server().docs].filter(([n]) => n !== 'rls-services')) })
      h.feed({ _tag: 'Notification', body: diff([{ _tag: 'Document', document: { sel: 'rls-services/users/sip:bob@example.com/index', newEtag: 'z', patch: [] } }, { _tag: 'Document', document: { sel: Documents.documentPath(CTX, 'rls-services'), previousEtag: rls.etag as string, patch: [] } }]) })
      h.drain()
      deepStrictEqual(tags(h.since(m)).filter((t) => !t.startsWith('Save')), ['ForgetDocument rls-services', 'Put rls-services'])
    })
    it('while writing, the documents named are fetched once the writing is over', () => {
      const h = started()
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      assert.strictEqual(h.state().phase, 'updating')
      h.feed({ _tag: 'Notification', body: diff([{ _tag: 'Document', document: { sel: Documents.documentPath(CTX, 'pres-rules'), newEtag: 'q', patch: [] } }]) })
      deepStrictEqual(h.state().parked, [{ doc: 'pres-rules', etag: 'q' }])
      const m = h.mark()
      h.drain()
      deepStrictEqual(tags(h.since(m)).filter((t) => !t.startsWith('Save')), ['Fetch pres-rules'])
    })
  })

  describe('views', () => {
    it('serverDocuments is what the server holds, view and modelOf what it will hold', () => {
      const h = started()
      h.feed({ _tag: 'Stop' })
      h.feed({ _tag: 'Edit', ops: [Operations.addContact(bob)] })
      deepStrictEqual(Projection.fromDocuments(_.serverDocuments(h.state()), CTX).contacts, [])
      deepStrictEqual(Projection.fromDocuments(_.view(h.state()), CTX).contacts.map((c) => c.id), ['bob'])
      deepStrictEqual(_.modelOf(h.state()).contacts.map((c) => c.id), ['bob'])
    })
    it('steps runs events in order', () => {
      const [s, cs] = _.steps(_.initial(config), [{ _tag: 'Start' }, { _tag: 'Stop' }])
      deepStrictEqual([s.phase, tags(cs)], ['stopped', ['GetCapabilities', 'SaveJournal']])
    })
  })
})
