/**
 * Resource list subscriptions (RFC 4662) against a real Kamailio 5.6 (rls + presence + xcap_server) on loopback,
 * through the multipart/related codec, the RLMI codec and the list state kept by the engine (RlsNotification).
 *
 *   1. Over XCAP, alice stores a resource-lists document with a list of three presentities (bob, carol, dave, with
 *      display names) and an rls-services document whose service `alice-buddies` points at that list by XCAP URI.
 *      Each presentity's pres-rules allow alice; each presentity PUBLISHes a PIDF document built with the constructors.
 *   2. alice SUBSCRIBEs to `alice-buddies` with `Supported: eventlist`. Every NOTIFY body is decoded strictly with
 *      `RlsNotification.document` (the media type from the NOTIFY's Content-Type) and applied, in CSeq order, with
 *      `RlsNotification.apply`: the view ends up with each member's published presence.
 *   3. bob publishes a change (If-Match): it arrives as a partial notification (fullState="false") carrying bob only,
 *      which the view applies; carol and dave are left as they were.
 *   4. A list of forty: where the rls module has `max_notify_body_length` (test/interop/kamailio/kamailio.cfg, or
 *      KAMAILIO_RLS_SPLITS=1 for a server started with another configuration), Kamailio splits its bodies across
 *      several NOTIFYs: the full state in a full-state NOTIFY and partial ones with the next versions, the resources'
 *      state in several partial ones. The view holds every resource either way; a refresh (in-dialog SUBSCRIBE)
 *      brings every resource's state again.
 *
 * What Kamailio 5.6 does (recorded by the assertions): the first NOTIFY has version 1 (RFC 4662 §5.2 says 0; the
 * engine takes whatever comes first) and full state with resources without instances (their state is not known yet,
 * §4.5); the state comes in the next NOTIFY as a partial one; after a refresh, the state of every resource comes
 * again as partial state (§5.2 asks for full state after each SUBSCRIBE); RLMI documents carry no names (the display
 * names of the resource list are not copied); every instance has the id `Scf8UhwQ`; part bodies are followed by an
 * empty line; Content-IDs are `time.uri.random`. With max_notify_body_length 2048 a resource that does not fit is
 * reported bare and again, with its state, in the next NOTIFY (with 1024 and parts of about 400 bytes, Kamailio 5.6.3
 * keeps sending NOTIFYs with the same bare resource, a new version each). NOTIFY bodies are written to
 * <stateDir>/captures/.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { report } from '../../src/codec/DecodeError.js'
import * as MediaType from '../../src/codec/MediaType.js'
import type * as Versioned from '../../src/codec/Versioned.js'
import * as Presence from '../../src/formats/Presence.js'
import * as Rls from '../../src/formats/RlsNotification.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, type Dialog, type Notify, type SipMessage, type SipUa, type Subscription } from './sip.js'
import { userDocPath, XcapClient } from './xcap.js'
import { presRules } from './fixtures.js'

const server = await requireServer()

const cfg = readFileSync(fileURLToPath(new URL('./kamailio/kamailio.cfg', import.meta.url)), 'utf8')
/** Whether the server splits list bodies (the project's configuration, or KAMAILIO_RLS_SPLITS=1 for another one). */
const splits =
  /^\s*modparam\("rls",\s*"max_notify_body_length",\s*[1-9]/m.test(cfg) || process.env.KAMAILIO_RLS_SPLITS === '1'

/** An in-dialog SUBSCRIBE refresh (the harness's Subscription exposes only unsubscribe). */
const refresh = (sub: Subscription, expires: number): Promise<SipMessage> => {
  const s = sub as unknown as { readonly ua: SipUa; readonly dialog: Dialog }
  return s.ua.refresh(s.dialog, expires)
}

/** The NOTIFY's Content-Type as sent (the UA's `contentType` is lower-cased, and boundaries are case-sensitive). */
const contentTypeOf = (n: Notify): string | undefined => header(n.message, 'content-type')

const isList = (n: Notify): boolean => (contentTypeOf(n) ?? '').toLowerCase().startsWith('multipart/related')

/** Decodes every list NOTIFY so far (strictly: a decode error fails the test) and runs the engine over them. */
const engine = (notifies: ReadonlyArray<Notify>) => {
  const bodies = [...notifies]
    .filter(isList)
    .sort((a, b) => a.cseq - b.cseq)
    .map((n) => {
      const ct = MediaType.parse(contentTypeOf(n) ?? '')
      if (E.isLeft(ct)) throw new Error(`NOTIFY #${n.cseq}: ${ct.left.message}`)
      const r = Rls.document.decode(n.body, { contentType: ct.right })
      if (E.isLeft(r)) throw new Error(`NOTIFY #${n.cseq}: ${report(r.left).join('; ')}\n${n.body}`)
      return r.right
    })
  let state: Versioned.Versioned<Rls.ListView> | undefined
  const outcomes: Array<string> = []
  for (const b of bodies) {
    const o = Rls.apply(state, b)
    if (E.isLeft(o)) throw new Error(report(o.left).join('; '))
    outcomes.push(o.right._tag)
    if (o.right._tag === 'Applied') state = o.right.state
  }
  const lists = bodies.map((b) => {
    const n = Rls.read(b)
    if (E.isLeft(n)) throw new Error(report(n.left).join('; '))
    return n.right.list
  })
  return { bodies, lists, outcomes, state }
}

const basicOf = (s: Versioned.Versioned<Rls.ListView> | undefined, uri: string): string | undefined =>
  s === undefined ? undefined : Rls.presenceOf(s.value, uri)?.tuples[0]?.status.basic

const captureAll = (srv: Server, prefix: string, sub: Subscription): void =>
  sub.notifies.forEach((n) =>
    writeCapture(
      srv,
      `${prefix}-notify-${n.cseq}.txt`,
      `Subscription-State: ${header(n.message, 'subscription-state') ?? ''}\nContent-Type: ${contentTypeOf(n) ?? '(none)'}\n\n${n.body}`
    )
  )

describe.skipIf(!server.ok)(
  'Kamailio interop: resource list subscriptions through the multipart codec and the list state',
  () => {
    const srv = server as Server
    const { name, ua, aor, subs, close } = session(srv, 'rls-sip-trace.txt')
    const xcap = new XcapClient({ root: srv.xcapRoot })
    const published: Array<{ readonly ua: SipUa; readonly etag: string }> = []
    const stored: Array<string> = []

    afterAll(async () => {
      await Promise.allSettled(
        published.map((p) => p.ua.publish({ event: 'presence', expires: 0, sipIfMatch: p.etag, timeoutMs: 2000 }))
      )
      await close()
      await Promise.allSettled(stored.map((p) => xcap.delete(p)))
    })

    const presenceOf = (who: string, basic: 'open' | 'closed', note: string): Presence.Presence =>
      Presence.presence({
        entity: aor(who),
        tuples: [Presence.tuple({ id: `t-${who}`, basic, contact: `sip:${name(who)}@127.0.0.1`, note })]
      })

    const publish = async (u: SipUa, doc: Presence.Presence, etag?: string): Promise<string> => {
      const r = await u.publish({
        event: 'presence',
        contentType: 'application/pidf+xml',
        body: Presence.document.encode(doc),
        expires: 300,
        ...(etag === undefined ? {} : { sipIfMatch: etag })
      })
      expect(r.status, `PUBLISH: ${r.status} ${r.reason}`).toBe(200)
      const next = header(r, 'sip-etag')!
      const i = published.findIndex((p) => p.ua === u)
      if (i >= 0) published.splice(i, 1)
      published.push({ ua: u, etag: next })
      return next
    }

    /** alice's list `service` over XCAP: a resource-lists document and an rls-services entry pointing into it. */
    const storeList = async (owner: string, service: string, members: ReadonlyArray<string>): Promise<void> => {
      const lists = `<?xml version="1.0" encoding="UTF-8"?>
<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
  <list name="${service}">
${members.map((m) => `    <entry uri="${aor(m)}"><display-name>${m[0].toUpperCase()}${m.slice(1)}</display-name></entry>`).join('\n')}
  </list>
</resource-lists>
`
      const listsPath = userDocPath('resource-lists', aor(owner), `${service}.xml`)
      const r1 = await xcap.put(listsPath, lists, { contentType: 'application/resource-lists+xml' })
      expect(r1.status).toBe(200)
      stored.push(listsPath)
      const ref = xcap.url(
        userDocPath('resource-lists', aor(owner), `${service}.xml`, `resource-lists/list[@name="${service}"]`)
      )
      const services = `<?xml version="1.0" encoding="UTF-8"?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services">
  <service uri="${aor(service)}">
    <resource-list>${ref.replace(/&/g, '&amp;')}</resource-list>
    <packages><package>presence</package></packages>
  </service>
</rls-services>
`
      const servicesPath = userDocPath('rls-services', aor(owner))
      const r2 = await xcap.put(servicesPath, services, { contentType: 'application/rls-services+xml' })
      expect(r2.status).toBe(200)
      stored.push(servicesPath)
    }

    const members = ['bob', 'carol', 'dave'] as const
    const subscribeList = async (owner: string, service: string): Promise<Subscription> => {
      const watcher = await ua(owner)
      const sub = await watcher.subscribe({
        target: name(service),
        event: 'presence',
        accept: 'application/pidf+xml, application/rlmi+xml, multipart/related',
        expires: 300,
        extraHeaders: [['Supported', 'eventlist']]
      })
      subs.push(sub)
      expect(sub.response.status).toBeGreaterThanOrEqual(200)
      expect(sub.response.status).toBeLessThan(300)
      return sub
    }

    it('a list of three presentities: full state, then their presence, then a partial notification with one change', async () => {
      await storeList('alice', 'alice-buddies', members)
      const uas: Record<string, SipUa> = {}
      const etags: Record<string, string> = {}
      for (const m of members) {
        const rules = await xcap.put(userDocPath('pres-rules', aor(m)), presRules([aor('alice')]), {
          contentType: 'application/auth-policy+xml'
        })
        expect(rules.status).toBe(200)
        stored.push(userDocPath('pres-rules', aor(m)))
        uas[m] = await ua(m)
        etags[m] = await publish(uas[m], presenceOf(m, 'open', `${m} is here`))
      }

      const sub = await subscribeList('alice', 'alice-buddies')
      const everyone = (n: ReadonlyArray<Notify>): boolean => {
        const s = engine(n).state
        return members.every((m) => basicOf(s, aor(m)) === 'open')
      }
      await sub.waitFor(() => everyone(sub.notifies), 10_000, "a list state with every member's presence")
      const first = engine(sub.notifies)
      captureAll(srv, 'rls-alice', sub)
      expect(first.outcomes).toEqual(first.bodies.map(() => 'Applied'))
      // Kamailio: version 1 first, with full state and no instances; the state follows as partial notifications
      expect(first.lists[0]).toMatchObject({ uri: aor('alice-buddies'), version: 1, fullState: true })
      expect(first.lists[0].resources.map((r) => r.uri).sort()).toEqual(members.map(aor).sort())
      expect(first.lists[0].resources.every((r) => r.instances.length === 0)).toBe(true)
      expect(first.lists.slice(1).every((l) => !l.fullState)).toBe(true)
      expect(first.lists.map((l) => l.version)).toEqual(first.lists.map((_l, i) => i + 1))
      const view = first.state!.value
      expect(view.uri).toBe(aor('alice-buddies'))
      expect(view.refresh).toEqual([])
      // each member's presence is what it published, with one active instance
      for (const m of members) expect(Rls.presenceOf(view, aor(m))).toEqual(presenceOf(m, 'open', `${m} is here`))
      expect(Rls.summary(view).map((s) => [s.uri, s.states])).toEqual(view.resources.map((r) => [r.uri, ['active']]))

      // bob changes: one partial notification with bob alone
      const before = sub.notifies.length
      await publish(uas.bob, presenceOf('bob', 'closed', 'bob is away'), etags.bob)
      await sub.waitFor(
        (n) =>
          sub.notifies.indexOf(n) >= before &&
          isList(n) &&
          basicOf(engine(sub.notifies).state, aor('bob')) === 'closed',
        10_000,
        "bob's change"
      )
      const second = engine(sub.notifies)
      captureAll(srv, 'rls-alice', sub)
      const last = second.lists[second.lists.length - 1]
      expect(last.fullState).toBe(false)
      expect(last.resources.map((r) => r.uri)).toEqual([aor('bob')])
      expect(second.outcomes.every((o) => o === 'Applied')).toBe(true)
      const after = second.state!.value
      expect(Rls.presenceOf(after, aor('bob'))).toEqual(presenceOf('bob', 'closed', 'bob is away'))
      for (const m of ['carol', 'dave'])
        expect(Rls.presenceOf(after, aor(m))).toEqual(presenceOf(m, 'open', `${m} is here`))
      // the rows keep their order: a partial notification updates in place
      expect(after.resources.map((r) => r.uri)).toEqual(view.resources.map((r) => r.uri))
    })

    it('forty presentities: full state split across NOTIFYs where rls max_notify_body_length is set; a refresh', async () => {
      const many = Array.from({ length: 40 }, (_x, i) => `member${i}`)
      await storeList('erin', 'erin-buddies', many)
      // one at a time: the server's sqlite storage refuses concurrent writers
      for (const m of many) {
        const rules = await xcap.put(userDocPath('pres-rules', aor(m)), presRules([aor('erin')]), {
          contentType: 'application/auth-policy+xml'
        })
        expect(rules.status).toBe(200)
        stored.push(userDocPath('pres-rules', aor(m)))
        await publish(await ua(m), presenceOf(m, 'open', `${m} is here`))
      }
      const sub = await subscribeList('erin', 'erin-buddies')
      await sub.waitFor(
        () => many.every((m) => basicOf(engine(sub.notifies).state, aor(m)) === 'open'),
        20_000,
        'every member'
      )
      const first = engine(sub.notifies)
      captureAll(srv, 'rls-erin', sub)
      expect(first.outcomes).toEqual(first.bodies.map(() => 'Applied'))
      expect(first.lists.map((l) => l.version)).toEqual(first.lists.map((_l, i) => i + 1))
      expect(first.lists[0].fullState).toBe(true)
      expect(first.lists.slice(1).every((l) => !l.fullState)).toBe(true)
      // the resources the full state reports, in one NOTIFY or across several (the partial ones that follow it, without
      // instances, up to the first with state: the full state's continuation)
      const stateAt = first.lists.findIndex((l, i) => i > 0 && l.resources.some((r) => r.instances.length > 0))
      const continuation = first.lists.slice(1, stateAt < 0 ? undefined : stateAt)
      const announced = [first.lists[0], ...continuation].flatMap((l) => l.resources.map((r) => r.uri))
      expect([...announced].sort()).toEqual(many.map(aor).sort())
      if (splits) {
        expect(continuation.length).toBeGreaterThan(0)
        // the state of forty resources does not fit one body either
        expect(first.lists.length - 1 - continuation.length).toBeGreaterThan(1)
      } else
        console.warn(
          'rls: bodies not split (Kamailio splits them only with modparam("rls", "max_notify_body_length", …))'
        )
      const view = first.state!.value
      expect(view.resources.map((r) => r.uri)).toEqual(announced)
      for (const m of many) expect(Rls.presenceOf(view, aor(m))).toEqual(presenceOf(m, 'open', `${m} is here`))

      // a refresh: Kamailio sends every resource's state again, but as partial state (RFC 4662 §5.2 asks for full
      // state after each SUBSCRIBE); the view takes it in place
      const before = first.lists.length
      const r = await refresh(sub, 300)
      expect(r.status).toBe(200)
      await sub.waitFor(() => engine(sub.notifies).lists.length > before, 10_000, 'the NOTIFY after the refresh')
      await new Promise((done) => setTimeout(done, 1500))
      const again = engine(sub.notifies)
      captureAll(srv, 'rls-erin', sub)
      const refreshed = again.lists.slice(before)
      expect(refreshed.every((l) => !l.fullState)).toBe(true)
      // split, a resource that does not fit is reported bare, and again with its state in the next NOTIFY
      expect([...new Set(refreshed.flatMap((l) => l.resources.map((x) => x.uri)))].sort()).toEqual(many.map(aor).sort())
      expect(again.outcomes.every((o) => o === 'Applied')).toBe(true)
      expect(again.state!.value.resources.map((x) => x.uri)).toEqual(announced)
      for (const m of many) expect(basicOf(again.state, aor(m))).toBe('open')
    })
  }
)
