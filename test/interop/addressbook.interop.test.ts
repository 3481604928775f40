/**
 * The address book (src/addressbook) against Kamailio 5.6's xcap_server on loopback: two devices of one account, each
 * a `Runner` over Node's own `fetch`, converging through the server's ETags and through xcap-diff notifications.
 *
 * Kamailio's xcap_server does not generate xcap-diff by itself; the test configuration (kamailio/kamailio.cfg,
 * route XCAP_DIFF) PUBLISHes a document-level xcap-diff after every XCAP write that changed a document's ETag, and
 * presence_xml relays it to the account's `Event: xcap-diff` subscribers. Each device subscribes to its own AOR with
 * the test SIP UA (test/interop/sip.ts) and hands every NOTIFY body to its runner: a device sees the other's change
 * without polling.
 *
 * What Kamailio does that matters here (and what the runner is told): it honours only the quoted `If-None-Match: "*"`
 * (`createPrecondition: 'quoted-star'`; the RFC's unquoted `*` is ignored, pinned below); a creating PUT answers 200,
 * not 201; its capabilities (served by the cfg script) lack `org.openxcap.dialog-rules` (so no dialog rules: the
 * reference's scenario 2 on a real server); it stores schema-invalid documents (so a device meets one and quarantines
 * it); a DELETE of a missing document answers 500, not 404; it never sends xcap-error bodies (the 409 scenarios run in
 * test/addressbook/scenarios.test.ts). Every HTTP exchange is written to <stateDir>/captures/addressbook-exchanges.txt.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from '#fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as Runner from '../../src/addressbook/Runner.js'
import * as Storage from '../../src/addressbook/Storage.js'
import type * as Sync from '../../src/addressbook/Sync.js'
import * as PresContent from '../../src/formats/PresContent.js'
import type * as Client from '../../src/xcap/Client.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import type { Subscription } from './sip.js'

const server = await requireServer()

// ---------------------------------------------------------------------------
// exchanges
// ---------------------------------------------------------------------------

interface Exchange {
  readonly who: string
  readonly method: string
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly status: number | string
  readonly etag?: string
}

const exchanges: Array<Exchange> = []
const since = (mark: number, who: string): ReadonlyArray<Exchange> => exchanges.slice(mark).filter((x) => x.who === who)
const auidOf = (x: Exchange): string => x.path.split('/')[0]

/**
 * Node's fetch, every exchange recorded; `Connection: close` because Kamailio closes each connection after its reply
 * without saying so. `failNext` makes the next request of a method fail as a network error would.
 */
const recording = (who: string, root: string, gate?: () => Promise<void>) => {
  const fail = new Set<string>()
  const f: Client.Fetch = async (url, init) => {
    const path = url.slice(root.length + 1)
    if (init.method === 'PUT' && gate !== undefined) await gate()
    if (fail.delete(init.method)) {
      exchanges.push({ who, method: init.method, path, headers: init.headers, status: 'network error (injected)' })
      throw new Error('ECONNRESET (injected)')
    }
    try {
      const res = await fetch(url, { ...init, headers: { ...init.headers, Connection: 'close' } })
      const bytes = await res.arrayBuffer()
      const etag = res.headers.get('etag')
      exchanges.push({ who, method: init.method, path, headers: init.headers, status: res.status, ...(etag === null ? {} : { etag }) })
      return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes }
    } catch (e) {
      exchanges.push({ who, method: init.method, path, headers: init.headers, status: `fetch failed: ${String(e)}` })
      throw e
    }
  }
  return { fetch: f, failNext: (method: string) => fail.add(method) }
}

// ---------------------------------------------------------------------------
// devices
// ---------------------------------------------------------------------------

interface Account {
  /** The name the session's user agents take (`session.ua(base)` is this account's AOR). */
  readonly base: string
  readonly user: string
  readonly xui: string
}

interface Device {
  readonly runner: Runner.Runner
  readonly who: string
  readonly notices: Array<Runner.Notice>
  readonly failNext: (method: string) => void
  /** Subscribes to the account's xcap-diff and hands every NOTIFY body to the runner. */
  readonly listen: () => Promise<Subscription>
  readonly stop: () => Promise<void>
}

describe.skipIf(!server.ok)('Kamailio interop: the address book on two devices of one account', () => {
  const srv = server as Server
  const { name, ua, subs, close } = session(srv, 'addressbook-sip-trace.txt')
  const devices: Array<Device> = []
  const dirs: Array<string> = []

  afterAll(async () => {
    await Promise.allSettled(devices.map((d) => d.stop()))
    writeCapture(
      srv,
      'addressbook-exchanges.txt',
      exchanges.map((x) => `${x.who} ${x.method} ${x.path} ${JSON.stringify(x.headers)} -> ${x.status}${x.etag === undefined ? '' : ` ETag ${x.etag}`}`).join('\n')
    )
    await close()
    await Promise.allSettled(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })

  let accounts = 0
  /** A fresh account (its user name unique to this run). */
  const account = (): Account => {
    const base = `ab${++accounts}`
    const user = name(base)
    return { base, user, xui: `sip:${user}@${srv.domain}` }
  }

  const device = (
    acct: Account,
    who: string,
    storage: Storage.Storage = Storage.memory(),
    options: { readonly gate?: () => Promise<void>; readonly clientRetry?: Client.Retry } = {}
  ): Device => {
    const rec = recording(who, srv.xcapRoot, options.gate)
    const runner = Runner.runner({
      ...(options.clientRetry === undefined ? {} : { clientRetry: options.clientRetry }),
      root: srv.xcapRoot,
      xui: acct.xui,
      fetch: rec.fetch,
      storage,
      createPrecondition: 'quoted-star',
      retry: { baseMs: 300, maxMs: 2000 },
      seed: devices.length + 1
    })
    const notices: Array<Runner.Notice> = []
    runner.subscribe((n) => notices.push(n))
    let listening = true
    const d: Device = {
      runner,
      who,
      notices,
      failNext: rec.failNext,
      listen: async () => {
        const u = await ua(acct.base)
        const sub = await u.subscribe({ target: acct.user, event: 'xcap-diff', accept: 'application/xcap-diff+xml', expires: 300 })
        subs.push(sub)
        runner.subscriptionChanged(true)
        void (async () => {
          let last = 0
          while (listening) {
            try {
              const n = await sub.waitFor((x) => x.cseq > last, 60_000, 'xcap-diff NOTIFY')
              last = n.cseq
              if (n.body.trim() !== '') runner.notification(n.body)
            } catch {
              // no NOTIFY for a while
            }
          }
        })()
        return sub
      },
      stop: async () => {
        listening = false
        await runner.stop()
      }
    }
    devices.push(d)
    return d
  }

  const idle = (d: Device, pred: (s: Sync.State) => boolean = () => true, timeoutMs = 15_000): Promise<Sync.State> =>
    d.runner.until((s) => Runner.idle(s) && pred(s), timeoutMs)

  /** Waits for a condition over several devices (checked every 20 ms). */
  const both = async (cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> => {
    const end = Date.now() + timeoutMs
    while (!(devices.every((d) => d.runner.state().phase === 'stopped' || d.runner.state().pending.size === 0) && cond())) {
      if (Date.now() > end) throw new Error(`timeout after ${timeoutMs} ms waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 20))
    }
  }

  const started = async (d: Device): Promise<Device> => {
    await d.runner.start()
    await idle(d)
    return d
  }

  /** The document as the server holds it (a plain GET). */
  const get = async (acct: { readonly xui: string }, doc: Documents.Name): Promise<{ readonly status: number; readonly etag: string | null; readonly text: string }> => {
    const ctx = Documents.context({ root: srv.xcapRoot, xui: acct.xui })
    const res = await fetch(Documents.documentUrl(ctx, doc), { headers: { Connection: 'close' } })
    return { status: res.status, etag: res.headers.get('etag'), text: await res.text() }
  }

  const put = async (acct: { readonly xui: string }, doc: Documents.Name, body: string, headers: Record<string, string> = {}): Promise<number> => {
    const ctx = Documents.context({ root: srv.xcapRoot, xui: acct.xui })
    const res = await fetch(Documents.documentUrl(ctx, doc), { method: 'PUT', headers: { 'Content-Type': Documents.usages[doc].mimeType, Connection: 'close', ...headers }, body })
    await res.arrayBuffer()
    return res.status
  }

  const decoded = async <K extends Documents.Name>(acct: { readonly xui: string }, doc: K): Promise<Documents.Values[K]> => {
    const ctx = Documents.context({ root: srv.xcapRoot, xui: acct.xui })
    const r = Documents.read(ctx, doc, (await get(acct, doc)).text)
    if (E.isLeft(r)) throw new Error(`${doc}: ${r.left.join('; ')}`)
    return r.right.value
  }

  const contactIds = (d: Device): ReadonlyArray<string> => (d.runner.model()?.contacts ?? []).map((c) => c.id).sort()
  const etagHeld = (d: Device, doc: Documents.Name): string | undefined => {
    const h = d.runner.state().server[doc] as Sync.Held
    return h._tag === 'Present' ? h.etag : undefined
  }
  const bob = Model.contact({ id: 'bob', name: 'Bob', uris: [Model.contactUri('sip:bob@example.com', { id: 'bob_sip' })], presence: { policy: 'allow', subscribe: true } })
  const carol = Model.contact({ id: 'carol', name: 'Carol', uris: [Model.contactUri('sip:carol@example.com', { id: 'carol_sip' })] })
  const CREATED = ['resource-lists', 'rls-services', 'org.openmobilealliance.pres-rules']

  it('Kamailio honours only the quoted If-None-Match: "*" (the unquoted one of RFC 7232 overwrites)', async () => {
    const acct = account()
    const body = '<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>'
    expect(await put(acct, 'resource-lists', body, { 'If-None-Match': '"*"' })).toBe(200) // created: 200, not 201
    expect(await put(acct, 'resource-lists', body, { 'If-None-Match': '"*"' })).toBe(412)
    expect(await put(acct, 'resource-lists', body, { 'If-None-Match': '*' })).toBe(200) // ignored
  })

  it('scenarios 1, 2 and 30: two devices bootstrap an empty account at once; every document is created once with If-None-Match: "*"; no dialog rules on a server without them', async () => {
    const acct = account()
    const mark = exchanges.length
    const a = device(acct, 'A')
    // B has fetched (all 404) and decided to create, but its PUTs reach the server after A is done
    let aDone: () => void = () => undefined
    const aIdle = new Promise<void>((resolve) => (aDone = resolve))
    const b = device(acct, 'B', Storage.memory(), { gate: () => aIdle })
    await Promise.all([a.runner.start(), b.runner.start()])
    await idle(a)
    aDone()
    await idle(b)
    const writes = exchanges.slice(mark).filter((x) => x.method === 'PUT' && (x.who === 'A' || x.who === 'B'))
    // each document is created by one device, with the create-only precondition; the other one's attempt gets 412
    for (const auid of CREATED) {
      const ok = writes.filter((x) => auidOf(x) === auid && x.status === 200)
      expect(ok.map((x) => x.headers['If-None-Match']), auid).toEqual(['"*"'])
    }
    expect(writes.every((x) => x.headers['If-None-Match'] === '"*"' || x.headers['If-Match'] !== undefined)).toBe(true)
    expect(writes.filter((x) => x.status === 200)).toHaveLength(3)
    // B's create-only PUT found A's document: 412, then B fetched and had nothing left to write
    expect(writes.filter((x) => x.who === 'B').map((x) => [auidOf(x), x.headers['If-None-Match'], x.status])).toEqual([['resource-lists', '"*"', 412]])
    // no dialog rules (Kamailio's capabilities lack org.openxcap.dialog-rules), no icon, no offline status written
    expect(exchanges.slice(mark).some((x) => auidOf(x) === 'org.openxcap.dialog-rules')).toBe(false)
    expect(a.runner.model()?.defaultDialogPolicy).toBeUndefined()
    // the documents are the normalized set, and both devices hold the same versions
    const rl = await decoded(acct, 'resource-lists')
    expect(rl.lists.map((l) => l.name)).toEqual([...Projection.LISTS])
    expect((await decoded(acct, 'rls-services')).services.map((s) => s.uri)).toEqual([`sip:${acct.user}+presence@example.com`, `sip:${acct.user}+dialog@example.com`])
    expect((await decoded(acct, 'pres-rules')).rules.map((r) => r.id)).toEqual(['wp_prs_grantedcontacts', 'wp_prs_blockedcontacts', 'wp_prs_unlisted', 'wp_prs_block_anonymous', 'wp_prs_allow_own'])
    for (const doc of ['resource-lists', 'rls-services', 'pres-rules'] as const) expect(etagHeld(a, doc)).toBe(etagHeld(b, doc))
    // setting the default dialog policy changes nothing on such a server
    const m2 = exchanges.length
    a.runner.edit(Operations.setDefaultDialogPolicy('allow'))
    await idle(a)
    expect(since(m2, 'A').filter((x) => x.method !== 'GET')).toEqual([])
  })

  it('scenario 6: a second start on a normalized account (stored in a JSON file) sends only conditional GETs, all 304, and writes nothing', async () => {
    const acct = account()
    const dir = await mkdtemp(join(tmpdir(), 'ab-interop-'))
    dirs.push(dir)
    const file = join(dir, 'account.json')
    const first = await started(device(acct, 'C1', Storage.jsonFile(file, fs)))
    await first.stop()
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty(['document:resource-lists'])
    const mark = exchanges.length
    await started(device(acct, 'C2', Storage.jsonFile(file, fs)))
    const sent = since(mark, 'C2').filter((x) => x.method !== 'GET' || !x.path.startsWith('xcap-caps'))
    expect(sent.filter((x) => x.method !== 'GET')).toEqual([])
    for (const x of sent) {
      const held = ['resource-lists', 'rls-services', 'org.openmobilealliance.pres-rules'].includes(auidOf(x))
      expect([x.path, x.headers['If-None-Match'] !== undefined, x.status]).toEqual([x.path, held, held ? 304 : 404])
    }
  })

  it('scenario 26: two devices add different contacts at once: one gets 412, replays its journal, and both contacts survive', async () => {
    const acct = account()
    const a = device(acct, 'A26')
    const b = device(acct, 'B26')
    await Promise.all([a.listen(), b.listen()])
    await Promise.all([started(a), started(b)])
    const mark = exchanges.length
    a.runner.edit(Operations.addContact(bob))
    b.runner.edit(Operations.addContact(carol))
    await both(() => contactIds(a).length === 2 && contactIds(b).length === 2 && Runner.idle(a.runner.state()) && Runner.idle(b.runner.state()), 'both contacts on both devices')
    const rlPuts = exchanges.slice(mark).filter((x) => x.method === 'PUT' && auidOf(x) === 'resource-lists')
    expect(rlPuts.map((x) => x.status).sort()).toEqual([200, 200, 412])
    expect(rlPuts.every((x) => x.headers['If-Match'] !== undefined)).toBe(true)
    expect(Projection.addressBookList(await decoded(acct, 'resource-lists'))?.ext.contacts.map((c) => c.id).sort()).toEqual(['bob', 'carol'])
    expect(contactIds(a)).toEqual(['bob', 'carol'])
    expect(contactIds(b)).toEqual(['bob', 'carol'])
  })

  it("scenarios 31 and 27: B sees A's change through the xcap-diff notification, fetching only that document; concurrent renames of a group converge on the later one, the same ETag and model", async () => {
    const acct = account()
    const a = device(acct, 'A31')
    const b = device(acct, 'B31')
    await Promise.all([a.listen(), b.listen()])
    await started(a)
    await started(b)
    const mark = exchanges.length
    a.runner.edit(Operations.addContact(bob), Operations.addGroup(Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })))
    await idle(b, () => contactIds(b).includes('bob'))
    // B fetched resource-lists only, because of the notification (it did not poll: no refresh was asked for)
    const bGets = since(mark, 'B31').filter((x) => x.method === 'GET')
    expect(bGets.map(auidOf)).toEqual(['resource-lists'])
    expect(b.notices.some((n) => n._tag === 'DocumentsChanged' || (n._tag === 'Changed' && n.model.groups.length === 1))).toBe(true)
    // A's own change came back to A as a notification too: nothing downloaded for that (at most a 304, when the
    // notification overtook the answer to the PUT)
    await idle(a)
    expect(since(mark, 'A31').filter((x) => x.method === 'GET' && x.status !== 304)).toEqual([])
    // both rename the group at once
    a.runner.edit(Operations.updateGroup('friends', { name: 'From A' }))
    b.runner.edit(Operations.updateGroup('friends', { name: 'From B' }))
    await both(
      () => [a, b].every((d) => Runner.idle(d.runner.state()) && d.runner.model()?.groups[0]?.name !== 'Friends') && etagHeld(a, 'resource-lists') === etagHeld(b, 'resource-lists'),
      'the same version of the renamed group on both devices'
    )
    const final = Projection.addressBookList(await decoded(acct, 'resource-lists'))?.ext.groups[0].name
    expect(a.runner.model()?.groups[0].name).toBe(final)
    expect(b.runner.model()?.groups[0].name).toBe(final)
    expect(Model.equals(a.runner.model() as Model.AddressBook, b.runner.model() as Model.AddressBook)).toBe(true)
    expect(etagHeld(a, 'resource-lists')).toBe(`${(await get(acct, 'resource-lists')).etag}`.replace(/"/g, ''))
  })

  it('scenarios 28 and 29: a delete racing an update leaves the contact deleted; an add racing a delete leaves it there', async () => {
    const acct = account()
    const a = device(acct, 'A28')
    const b = device(acct, 'B28')
    await Promise.all([a.listen(), b.listen()])
    await started(a)
    await started(b)
    a.runner.edit(Operations.addContact(bob))
    await idle(b, () => contactIds(b).includes('bob'))
    a.runner.edit(Operations.removeContact('bob'))
    b.runner.edit(Operations.updateContact('bob', { name: 'Robert' }))
    const settled = (): boolean => [a, b].every((d) => Runner.idle(d.runner.state()) && d.runner.state().journal.length === 0) && etagHeld(a, 'resource-lists') === etagHeld(b, 'resource-lists')
    await both(() => settled() && contactIds(a).length === 0 && contactIds(b).length === 0, 'the contact deleted on both devices')
    expect(Projection.addressBookList(await decoded(acct, 'resource-lists'))?.ext.contacts).toEqual([])
    // now an add of the contact races its removal
    a.runner.edit(Operations.addContact(bob))
    await idle(b, () => contactIds(b).includes('bob'))
    a.runner.edit(Operations.removeContact('bob'))
    b.runner.edit(Operations.addContact({ ...bob, name: 'Bob again' }))
    await both(settled, 'both devices on the same version')
    const held = Projection.addressBookList(await decoded(acct, 'resource-lists'))?.ext.contacts.map((c) => c.name) ?? []
    // whichever write came last wins: the add, unless the delete reached the server after it
    expect(a.runner.model()?.contacts.map((c) => c.name)).toEqual(held)
    expect(b.runner.model()?.contacts.map((c) => c.name)).toEqual(held)
  })

  it('scenario 35: a document deleted on the server is noticed (xcap-diff without new-etag) and created again with If-None-Match: "*"', async () => {
    const acct = account()
    const a = device(acct, 'A35')
    await a.listen()
    await started(a)
    const mark = exchanges.length
    const ctx = Documents.context({ root: srv.xcapRoot, xui: acct.xui })
    const res = await fetch(Documents.documentUrl(ctx, 'rls-services'), { method: 'DELETE', headers: { Connection: 'close' } })
    expect(res.status).toBe(200)
    await both(() => since(mark, 'A35').some((x) => x.method === 'PUT') && Runner.idle(a.runner.state()), 'rls-services created again')
    const recreated = since(mark, 'A35').filter((x) => x.method === 'PUT')
    expect(recreated.map((x) => [auidOf(x), x.headers['If-None-Match'], x.status])).toEqual([['rls-services', '"*"', 200]])
    expect((await get(acct, 'rls-services')).status).toBe(200)
  })

  it('scenarios 33 and 34: an unreadable notification, and the end of the subscription, fetch every document conditionally (all 304)', async () => {
    const acct = account()
    const a = device(acct, 'A33')
    const sub = await a.listen()
    await started(a)
    // a publisher sends something that is not xcap-diff
    const publisher = await ua(acct.base)
    const mark = exchanges.length
    // (this PUBLISH comes over UDP while the TCP worker may still be handling the publication of the device's last
    // write: sqlite then answers "database is locked" and Kamailio 500; a moment later it goes through)
    let status = 0
    for (let i = 0; i < 5 && status !== 200; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100))
      status = (await publisher.publish({ event: 'xcap-diff', contentType: 'application/xcap-diff+xml', body: '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"><oops', expires: 60 })).status ?? 0
    }
    expect(status).toBe(200)
    await idle(a, () => since(mark, 'A33').length >= 5)
    const gets = since(mark, 'A33')
    expect(gets.every((x) => x.method === 'GET')).toBe(true)
    expect([...new Set(gets.filter((x) => x.status === 304).map(auidOf))].sort()).toEqual([...CREATED].sort())
    expect(a.notices.some((n) => n._tag === 'Problem' && n.problem._tag === 'InvalidNotification')).toBe(true)
    // the subscription ends
    await sub.unsubscribe(2000)
    const m2 = exchanges.length
    a.runner.subscriptionChanged(false)
    await idle(a, () => since(m2, 'A33').length >= 5)
    expect([...new Set(since(m2, 'A33').filter((x) => x.status === 304).map(auidOf))].sort()).toEqual([...CREATED].sort())
  })

  it('scenario 36: a network error during a PUT is retried after a backoff, without applying the operations again', async () => {
    const acct = account()
    // no retry inside the XCAP client: the failure reaches the machine, which retries after its backoff
    const a = await started(device(acct, 'A36', Storage.memory(), { clientRetry: { attempts: 1 } }))
    const mark = exchanges.length
    a.failNext('PUT')
    a.runner.edit(Operations.addContact(bob))
    await idle(a, () => contactIds(a).length === 1, 20_000)
    const sent = since(mark, 'A36')
    expect(sent.filter((x) => x.method === 'PUT').map((x) => x.status)).toEqual(['network error (injected)', 200])
    expect(a.notices.some((n) => n._tag === 'Problem' && n.problem._tag === 'WriteFailed')).toBe(true)
    expect(Projection.addressBookList(await decoded(acct, 'resource-lists'))?.ext.contacts.map((c) => c.id)).toEqual(['bob'])
    expect(a.runner.state().journal).toEqual([])
  })

  it('scenario 37: a restart with a persisted journal and a stale cache replays the operations once, onto what another device did meanwhile', async () => {
    const acct = account()
    const dir = await mkdtemp(join(tmpdir(), 'ab-interop-'))
    dirs.push(dir)
    const file = join(dir, 'account.json')
    const a = await started(device(acct, 'A37', Storage.jsonFile(file, fs)))
    await a.stop()
    // offline: an edit is journaled
    a.runner.edit(Operations.addContact(bob), Operations.addGroup(Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })))
    await a.runner.stop()
    // meanwhile, another device adds a contact
    const b = await started(device(acct, 'B37'))
    b.runner.edit(Operations.addContact(carol))
    await idle(b, () => contactIds(b).length === 1)
    const mark = exchanges.length
    const again = await started(device(acct, 'A37b', Storage.jsonFile(file, fs)))
    await idle(again, () => contactIds(again).length === 2)
    expect(since(mark, 'A37b').filter((x) => x.method === 'PUT').map((x) => [auidOf(x), x.status])).toEqual([['resource-lists', 200]])
    const m = Projection.fromDocuments({ 'resource-lists': await decoded(acct, 'resource-lists') }, Documents.context({ root: srv.xcapRoot, xui: acct.xui }))
    expect(m.contacts.map((c) => c.id)).toEqual(['carol', 'bob'])
    expect(m.groups.map((g) => g.members)).toEqual([['bob']])
    await again.stop()
    expect(JSON.parse(await readFile(file, 'utf8')).journal).toBe('[]')
  })

  it('scenarios 38, 24 and 19: a status icon set from two devices with the same data is written once; a null icon DELETEs it; a transaction is one PUT per document; a rename one PUT', async () => {
    const acct = account()
    const a = device(acct, 'A38')
    const b = device(acct, 'B38')
    await Promise.all([a.listen(), b.listen()])
    await started(a)
    await started(b)
    const icon = Model.icon(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png', 'me')
    if (E.isLeft(icon)) throw new Error(icon.left)
    const mark = exchanges.length
    a.runner.edit(Operations.setStatusIcon(icon.right))
    await idle(b, (s) => s.model?.icon !== undefined)
    b.runner.edit(Operations.setStatusIcon({ ...icon.right, data: new Uint8Array(icon.right.data) }))
    await idle(b)
    expect(exchanges.slice(mark).filter((x) => x.method === 'PUT').map((x) => [x.who, auidOf(x), x.status])).toEqual([['A38', 'org.openmobilealliance.pres-content', 200]])
    const text = (await get(acct, 'status-icon')).text
    const content = PresContent.document.decode(text)
    expect(E.isRight(content) && E.isRight(Projection.iconOf(content.right))).toBe(true)
    const m2 = exchanges.length
    b.runner.edit(Operations.setStatusIcon(null))
    await idle(a, (s) => s.model !== undefined && s.model.icon === undefined)
    expect(exchanges.slice(m2).filter((x) => x.method === 'DELETE').map((x) => [x.who, x.status, x.headers['If-Match'] !== undefined])).toEqual([['B38', 200, true]])
    // a transaction: one PUT per document it touches
    const m3 = exchanges.length
    a.runner.edit(Operations.addContact(bob), Operations.addContact(carol), Operations.addGroup(Model.group({ id: 'g', name: 'G', members: ['bob', 'carol'] })), Operations.setDefaultPresencePolicy('allow'))
    await idle(a, (s) => s.model?.groups.length === 1)
    expect(since(m3, 'A38').filter((x) => x.method === 'PUT').map(auidOf)).toEqual(['resource-lists', 'org.openmobilealliance.pres-rules'])
    // a rename: one PUT
    await idle(b, (s) => s.model?.groups.length === 1)
    const m4 = exchanges.length
    b.runner.edit(Operations.updateGroup('g', { name: 'Renamed' }))
    await idle(a, (s) => s.model?.groups[0]?.name === 'Renamed')
    expect(exchanges.slice(m4).filter((x) => x.method === 'PUT').map((x) => [x.who, auidOf(x)])).toEqual([['B38', 'resource-lists']])
  })

  it('scenarios 16, 14, 15 and 23: documents written the way python3-sipsimple writes them (percent-encoded URIs) load decoded and are not rewritten; foreign content, other lists and services stay; dangling members are pruned; broken rules repaired', async () => {
    const acct = account()
    const sipsimple = Documents.context({ root: srv.xcapRoot, xui: acct.xui, uriStyle: 'sipsimple', supported: ['resource-lists', 'rls-services', 'pres-rules', 'pidf-manipulation', 'status-icon'] })
    const book = Model.addressBook({ contacts: [bob, carol], groups: [Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })], dialog: false })
    const docs = Projection.toDocuments(book, {}, sipsimple)
    for (const doc of ['resource-lists', 'rls-services', 'pres-rules'] as const) expect(await put(acct, doc, Documents.encode(sipsimple, doc, docs[doc] as never))).toBe(200)
    expect((await get(acct, 'resource-lists')).text).toContain('uri="sip%3Abob%40example.com"')
    const mark = exchanges.length
    const a = await started(device(acct, 'A16'))
    expect(since(mark, 'A16').filter((x) => x.method === 'PUT')).toEqual([])
    expect(a.runner.model()?.contacts.map((c) => c.uris[0].uri)).toEqual(['sip:bob@example.com', 'sip:carol@example.com'])
    expect(Model.equals(a.runner.model() as Model.AddressBook, book)).toBe(true)
    // another client adds things the address book does not own, a dangling member and a rule with two sub-handlings
    const rl = (await get(acct, 'resource-lists')).text
      .replace('<agp-ab:contact_id>bob</agp-ab:contact_id>', '<agp-ab:contact_id>bob</agp-ab:contact_id><agp-ab:contact_id>ghost</agp-ab:contact_id>')
      .replace('</resource-lists>', '<list name="friends_of_mine"><entry uri="sip:x@example.com"/></list></resource-lists>')
      .replace('</agp-ab:contact>', '<vendor:colour xmlns:vendor="urn:example:vendor">teal</vendor:colour></agp-ab:contact>')
    expect(await put(acct, 'resource-lists', rl)).toBe(200)
    const pr = (await get(acct, 'pres-rules')).text.replace('>confirm</pr:sub-handling>', '>confirm</pr:sub-handling><pr:sub-handling>polite-block</pr:sub-handling>')
    expect(pr).toContain('confirm</pr:sub-handling><pr:sub-handling>polite-block')
    expect(await put(acct, 'pres-rules', pr)).toBe(200)
    const rls = (await get(acct, 'rls-services')).text.replace('</rls-services>', '<service uri="sip:friends@example.com"><resource-list>http://elsewhere.example.com/x</resource-list></service></rls-services>')
    expect(await put(acct, 'rls-services', rls)).toBe(200)
    const m2 = exchanges.length
    a.runner.refresh()
    await idle(a, () => since(m2, 'A16').some((x) => x.method === 'PUT' && auidOf(x) === 'org.openmobilealliance.pres-rules'))
    await idle(a)
    expect(since(m2, 'A16').filter((x) => x.method === 'PUT').map(auidOf).sort()).toEqual(['org.openmobilealliance.pres-rules', 'resource-lists'])
    const after = await get(acct, 'resource-lists')
    expect(after.text).toContain('friends_of_mine')
    expect(after.text).toContain('urn:example:vendor')
    expect(after.text).not.toContain('ghost')
    expect((await decoded(acct, 'pres-rules')).rules.find((r) => r.id === 'wp_prs_unlisted')?.actions?.ext.subHandling).toBe('polite-block')
    expect((await decoded(acct, 'rls-services')).services.map((s) => s.uri)).toContain('sip:friends@example.com')
  })

  it('a schema-invalid document stored by another client is quarantined (a typed problem, no endless retries), and a repair overwrites it', async () => {
    const acct = account()
    const a = device(acct, 'AQ')
    await a.listen()
    await started(a)
    // Kamailio stores what it is given: a resource-lists document with two lists of one name
    expect(await put(acct, 'resource-lists', '<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="x"/><list name="x"/></resource-lists>')).toBe(200)
    await idle(a, (s) => s.server['resource-lists']._tag === 'Invalid')
    const problem = a.notices.find((n) => n._tag === 'Problem' && n.problem._tag === 'InvalidDocument')
    expect(problem).toMatchObject({ problem: { doc: 'resource-lists', problems: ['/resource-lists/list[2]/@name: expected a list name unique among its sibling lists, got "x" again'] } })
    // an edit waits in the journal; nothing is written to the document, and nothing is retried
    const mark = exchanges.length
    a.runner.edit(Operations.addContact(bob))
    await new Promise((r) => setTimeout(r, 1500))
    expect(since(mark, 'AQ').filter((x) => x.method === 'PUT')).toEqual([])
    expect(a.runner.state().journal).toHaveLength(1)
    // the user asks for a repair: the document is overwritten (If-Match), the journal replayed
    a.runner.repair('resource-lists')
    await idle(a, () => contactIds(a).length === 1)
    const w = since(mark, 'AQ').filter((x) => x.method === 'PUT')
    expect(w.map((x) => [auidOf(x), x.headers['If-Match'] !== undefined, x.status])).toEqual([['resource-lists', true, 200]])
    expect((await decoded(acct, 'resource-lists')).lists.map((l) => l.name)).toEqual([...Projection.LISTS])
  })
})
