import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as _ from '../../src/addressbook/Runner.js'
import * as Storage from '../../src/addressbook/Storage.js'
import type * as Client from '../../src/xcap/Client.js'
import { deepStrictEqual } from '../util.js'

const root = 'https://xcap.example.com/xcap-root'
const xui = 'sip:alice@example.com'

/** Timers that fire only when asked. */
const manualTimers = () => {
  const pending = new Map<number, { readonly f: () => void; readonly ms: number }>()
  let n = 0
  const timers: _.Timers = {
    set: (f, ms) => {
      pending.set(++n, { f, ms })
      return n
    },
    clear: (h) => {
      pending.delete(h as number)
    }
  }
  return {
    timers,
    pending,
    fire: (): number | undefined => {
      const [first] = pending.entries()
      if (first === undefined) return undefined
      pending.delete(first[0])
      first[1].f()
      return first[1].ms
    }
  }
}

const device = (server: _.MemoryServer, options: Partial<_.Options> = {}) => {
  const notices: Array<_.Notice> = []
  const r = _.runner({ root, xui, fetch: server.fetch, ...options })
  r.subscribe((n) => notices.push(n))
  server.subscribe(xui, (body) => r.notification(body))
  return { r, notices }
}

const bob = Model.contact({ id: 'bob', name: 'Bob', uris: ['sip:bob@example.com'] })
const carol = Model.contact({ id: 'carol', name: 'Carol', uris: ['sip:carol@example.com'] })

describe('Runner', () => {
  describe('memoryServer', () => {
    const get = { method: 'GET' as const, headers: {}, cache: 'no-store' as const }
    const doc = `${root}/rls-services/users/${xui}/index`
    it('answers as RFC 4825 §7 says: conditional GET, If-Match and If-None-Match on PUT and DELETE', async () => {
      const s = _.memoryServer({ root, auids: ['rls-services', 'xcap-caps'] })
      const put = (headers: Record<string, string>) => s.fetch(doc, { method: 'PUT', headers: { 'Content-Type': 'application/rls-services+xml', ...headers }, body: '<x/>', cache: 'no-store' })
      deepStrictEqual((await s.fetch(doc, get)).status, 404)
      deepStrictEqual((await put({ 'If-None-Match': '*' })).status, 201)
      deepStrictEqual((await put({ 'If-None-Match': '*' })).status, 412)
      deepStrictEqual((await put({ 'If-None-Match': '"*"' })).status, 200) // an entity tag, which matches nothing
      deepStrictEqual((await put({ 'If-Match': '"m1"' })).status, 412)
      const r = await s.fetch(doc, get)
      deepStrictEqual([r.status, r.headers.get('etag'), r.headers.get('content-type'), new TextDecoder().decode(await r.arrayBuffer())], [200, '"m2"', 'application/rls-services+xml', '<x/>'])
      deepStrictEqual((await s.fetch(doc, { ...get, headers: { 'If-None-Match': '"m2"' } })).status, 304)
      deepStrictEqual((await s.fetch(doc, { method: 'DELETE', headers: { 'If-Match': '"m1"' }, cache: 'no-store' })).status, 412)
      deepStrictEqual((await s.fetch(doc, { method: 'DELETE', headers: { 'If-Match': '"m2"' }, cache: 'no-store' })).status, 200)
      deepStrictEqual((await s.fetch(doc, { method: 'DELETE', headers: {}, cache: 'no-store' })).status, 404)
      deepStrictEqual((await s.fetch(`${root}/resource-lists/users/${xui}/index`, get)).status, 404) // not supported
      deepStrictEqual((await s.fetch(`${doc}/~~/rls-services`, get)).status, 501)
      deepStrictEqual((await s.fetch('https://elsewhere/x', get)).status, 404)
      deepStrictEqual((await s.fetch(`${root}/xcap-caps/global/index`, { ...get, method: 'PUT' })).status, 405)
      deepStrictEqual(s.served().map((x) => x.status).slice(0, 4), [404, 201, 412, 200])
      deepStrictEqual(s.documents().size, 0)
    })
    it("hands xcap-diff notifications to the listeners of the document's owner, later", async () => {
      const s = _.memoryServer({ root })
      const got: Array<string> = []
      const off = s.subscribe(xui, (b) => got.push(b))
      const written = s.fetch(doc, { method: 'PUT', headers: {}, body: '<x/>', cache: 'no-store' })
      deepStrictEqual(got, [])
      await written
      deepStrictEqual(got.length, 1)
      assert.ok(got[0].includes('sel="rls-services/users/sip:alice@example.com/index"') && got[0].includes('new-etag="m1"'))
      off()
      await s.fetch(doc, { method: 'DELETE', headers: {}, cache: 'no-store' })
      await Promise.resolve()
      deepStrictEqual(got.length, 1)
    })
  })

  describe('runner', () => {
    it('two devices converge through the server and its xcap-diff notifications', async () => {
      const server = _.memoryServer({ root })
      const a = device(server)
      const b = device(server)
      await Promise.all([a.r.start(), b.r.start()])
      await Promise.all([a.r.until(_.idle), b.r.until(_.idle)])
      a.r.edit(Operations.addContact(bob))
      b.r.edit(Operations.addContact(carol))
      const both = (s: ReturnType<typeof a.r.state>): boolean => _.idle(s) && s.model?.contacts.length === 2
      await Promise.all([a.r.until(both), b.r.until(both)])
      deepStrictEqual(a.r.model()?.contacts.map((c) => c.id).sort(), ['bob', 'carol'])
      deepStrictEqual(b.r.model()?.contacts.map((c) => c.id).sort(), ['bob', 'carol'])
      assert.ok(a.notices.some((n) => n._tag === 'Changed'))
      // every write was conditional; the documents were created with If-None-Match: *
      const writes = server.served().filter((x) => x.method === 'PUT')
      assert.ok(writes.every((x) => x.headers['If-Match'] !== undefined || x.headers['If-None-Match'] === '*'))
      assert.ok(writes.some((x) => x.status === 412) || writes.filter((x) => x.status === 201).length === 4)
      await Promise.all([a.r.stop(), b.r.stop()])
    })

    it("sends If-None-Match: \"*\" with createPrecondition 'quoted-star' (Kamailio's form)", async () => {
      const server = _.memoryServer({ root })
      const a = device(server, { createPrecondition: 'quoted-star' })
      await a.r.start()
      await a.r.until(_.idle)
      deepStrictEqual([...new Set(server.served().filter((x) => x.method === 'PUT').map((x) => x.headers['If-None-Match']))], ['"*"'])
      await a.r.stop()
    })

    it('hands the subscription body to onSubscribe, and tells listeners the phases', async () => {
      const server = _.memoryServer({ root })
      const bodies: Array<string> = []
      const a = device(server, { onSubscribe: (b) => bodies.push(b) })
      await a.r.start()
      await a.r.until(_.idle)
      deepStrictEqual(bodies, [a.r.subscriptionBody()])
      deepStrictEqual(
        a.notices.flatMap((n) => (n._tag === 'Phase' ? [n.phase] : [])),
        ['initializing', 'fetching', 'updating', 'insync']
      )
      await a.r.stop()
    })

    it('keeps its journal and copies in the store, and a second start only asks whether they changed', async () => {
      const server = _.memoryServer({ root })
      const store = Storage.memory()
      const a = device(server, { storage: store })
      await a.r.start()
      await a.r.until(_.idle)
      a.r.edit(Operations.addContact(bob))
      await a.r.until((s) => _.idle(s) && s.journal.length === 0)
      await a.r.stop()
      deepStrictEqual([...store.entries().keys()].sort(), ['document:dialog-rules', 'document:pres-rules', 'document:resource-lists', 'document:rls-services', 'journal'])
      const mark = server.served().length
      const b = device(server, { storage: store })
      await b.r.start()
      await b.r.until(_.idle)
      deepStrictEqual(
        server.served().slice(mark).map((x) => [x.method, x.status]),
        [['GET', 200], ['GET', 304], ['GET', 304], ['GET', 304], ['GET', 304], ['GET', 404], ['GET', 404]]
      )
      deepStrictEqual(b.r.model()?.contacts.map((c) => c.id), ['bob'])
      await b.r.stop()
    })

    it('retries with its timers after a failure, and reports what failed', async () => {
      let up = false
      const server = _.memoryServer({ root })
      const fetch: Client.Fetch = (url, init) => (up ? server.fetch(url, init) : Promise.reject(new Error('offline')))
      const t = manualTimers()
      const notices: Array<_.Notice> = []
      const r = _.runner({ root, xui, fetch, timers: t.timers, clientRetry: { attempts: 1 } })
      r.subscribe((n) => notices.push(n))
      await r.start()
      await r.until((s) => s.timer !== undefined)
      deepStrictEqual(notices.flatMap((n) => (n._tag === 'Problem' ? [n.problem] : [])), [{ _tag: 'CapabilitiesFailed', message: 'offline' }])
      up = true
      const ms = t.fire()
      assert.ok(ms !== undefined && ms >= 48_000 && ms <= 72_000)
      await r.until(_.idle)
      await r.stop()
      deepStrictEqual(t.pending.size, 0)
    })

    it('reports a store that fails, and goes on', async () => {
      const server = _.memoryServer({ root })
      const broken: Storage.Storage = { read: async () => Promise.reject(new Error('disk gone')), write: async () => Promise.reject(new Error('disk full')), remove: async () => undefined }
      const a = device(server, { storage: broken })
      await a.r.start()
      await a.r.until(_.idle)
      await a.r.stop()
      const failures = a.notices.flatMap((n) => (n._tag === 'StorageFailed' ? [n.message] : []))
      assert.ok(failures.includes('journal: disk gone') && failures.includes('disk full'), JSON.stringify(failures))
    })

    it('ignores a listener that throws, stops telling one that unsubscribed, and until() gives up after its timeout', async () => {
      const server = _.memoryServer({ root })
      const r = _.runner({ root, xui, fetch: server.fetch })
      let told = 0
      r.subscribe(() => {
        throw new Error('listener bug')
      })
      const off = r.subscribe(() => told++)
      off()
      await r.start()
      await r.until(_.idle)
      assert.strictEqual(told, 0)
      await assert.rejects(r.until(() => false, 30), /timeout after 30 ms; phase insync, 0 requests pending/)
      await r.stop()
    })

    it('passes refresh, repair, release and subscription changes to the machine', async () => {
      const server = _.memoryServer({ root })
      const a = device(server)
      await a.r.start()
      await a.r.until(_.idle)
      const mark = server.served().length
      a.r.subscriptionChanged(true)
      await a.r.until(_.idle)
      a.r.subscriptionChanged(false)
      await a.r.until(_.idle)
      a.r.refresh()
      await a.r.until(_.idle)
      deepStrictEqual(server.served().slice(mark).filter((x) => x.method === 'GET').length, 18)
      a.r.repair('resource-lists')
      a.r.releaseQuarantined(true)
      await a.r.until(_.idle)
      deepStrictEqual(server.served().slice(mark).filter((x) => x.method !== 'GET'), [])
      await a.r.stop()
    })

    it('reads a capabilities document it cannot understand as a failure', async () => {
      const fetch: Client.Fetch = async () => ({ status: 200, headers: { get: () => null }, arrayBuffer: async () => new TextEncoder().encode('<nonsense/>').buffer as ArrayBuffer })
      const t = manualTimers()
      const notices: Array<_.Notice> = []
      const r = _.runner({ root, xui, fetch, timers: t.timers })
      r.subscribe((n) => notices.push(n))
      await r.start()
      await r.until((s) => s.timer !== undefined)
      deepStrictEqual(notices.flatMap((n) => (n._tag === 'Problem' ? [n.problem] : [])), [
        { _tag: 'CapabilitiesFailed', status: 200, message: 'expected an xcap-caps document, got <nonsense> in ""' }
      ])
      await r.stop()
    })
  })
})
