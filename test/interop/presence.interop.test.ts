/**
 * End-to-end presence against a real Kamailio 5.6 presence server on loopback.
 *
 *   1. alice's pres-rules (XCAP PUT) allow bob; carol has no rule.
 *   2. alice PUBLISHes a PIDF document.
 *   3. bob SUBSCRIBEs to alice's presence -> NOTIFY application/pidf+xml with alice's tuple.
 *   4. carol SUBSCRIBEs -> Subscription-State: pending.
 *   5. alice SUBSCRIBEs to presence.winfo -> application/watcherinfo+xml: bob active, carol pending.
 *
 * alice's PIDF is built with the library's constructors and encoded with the `pidf` codec; the NOTIFY body Kamailio
 * generates is decoded with the same codec and checked structurally. The pres-rules and watcherinfo documents are
 * still raw XML. NOTIFY bodies are written to <stateDir>/captures/.
 */
import * as E from '#fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import * as Presence from '../../src/formats/Presence.js'
import * as Rpid from '../../src/formats/Rpid.js'
import * as Xml from '../../src/xml/Ast.js'
import { report } from '../../src/codec/DecodeError.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, SipUa, type Notify, type Subscription } from './sip.js'
import { userDocPath, XcapClient } from './xcap.js'
import { presRules } from './fixtures.js'

const server = await requireServer()

// ---------------------------------------------------------------------------
// DOCUMENTS
// ---------------------------------------------------------------------------

const TUPLE_ID = 't-alice-interop'
const NOTE = 'On a call, back soon (interop)'
const FOREIGN = Xml.element({ ns: 'urn:example:sip-simple-payloads:interop', local: 'mood-ring' }, { colour: 'green' }, [Xml.text('calm')])

/** alice's presence: tuple (basic open + note), RPID person with on-the-phone, a foreign-namespace element. */
const alicePresence = (entity: string): Presence.Presence =>
  Presence.presence({
    entity,
    tuples: [Presence.tuple({ id: TUPLE_ID, basic: 'open', contact: 'sip:alice@127.0.0.1', priority: 0.8, note: { lang: 'en', value: NOTE } })],
    persons: [Presence.person({ id: 'p-alice', ext: { activities: [Rpid.activities('on-the-phone')] } })],
    other: [FOREIGN]
  })

const alicePidf = (entity: string): string => Presence.document.encode(alicePresence(entity))


// ---------------------------------------------------------------------------
// ASSERTIONS on NOTIFY bodies
// ---------------------------------------------------------------------------

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Is this the PIDF NOTIFY we are waiting for? (cheap predicate used while waiting) */
const isAlicePresence = (n: Notify): boolean =>
  (n.contentType ?? '').startsWith('application/pidf+xml') && n.body.includes(TUPLE_ID)

/** Full checks on the PIDF body Kamailio sent to bob: decoded with the `pidf` codec. */
const expectAlicePresence = (body: string, entity: string): void => {
  const r = Presence.document.decode(body)
  if (E.isLeft(r)) throw new Error(`the NOTIFY body does not decode:\n${report(r.left).join('\n')}\n${body}`)
  const doc = r.right
  expect(doc.entity).toBe(entity)
  const tuple = Presence.tupleById(TUPLE_ID).getOption(doc)
  expect(tuple._tag).toBe('Some')
  if (tuple._tag === 'Some') {
    expect(tuple.value.status.basic).toBe('open')
    expect(tuple.value.notes).toEqual([{ lang: 'en', value: NOTE }])
    expect(tuple.value.contact).toEqual({ priority: 0.8, uri: 'sip:alice@127.0.0.1' })
  }
  // Kamailio 5.6 passes a single publication through unchanged: person + RPID + foreign element survive
  const activities = Presence.personActivities('p-alice').getOption(doc)
  expect(activities._tag === 'Some' ? activities.value?.map((a) => a.values) : undefined).toEqual([['on-the-phone']])
  expect(doc.other.length).toBe(1)
  expect(Xml.equals(Xml.stripHints(doc.other[0]), FOREIGN)).toBe(true)
  // and the whole document is what alice published
  expect({ ...doc, other: doc.other.map(Xml.stripHints) }).toEqual(alicePresence(entity))
}

/** Is this the watcherinfo NOTIFY listing bob (active) and carol (pending)? */
const isWinfoWith = (n: Notify, active: string, pending: string): boolean =>
  (n.contentType ?? '').startsWith('application/watcherinfo+xml') &&
  watcherStatus(n.body, active) === 'active' &&
  watcherStatus(n.body, pending) === 'pending'

/** status attribute of the <watcher> whose text is `uri` (last one wins), or undefined. */
const watcherStatus = (body: string, uri: string): string | undefined => {
  let status: string | undefined
  for (const m of body.matchAll(/<(?:\w+:)?watcher\b([^>]*)>\s*([^<]*?)\s*<\/(?:\w+:)?watcher>/g)) {
    if (m[2] === uri) status = /\bstatus="([^"]*)"/.exec(m[1] ?? '')?.[1]
  }
  return status
}

const expectWatcherinfo = (body: string, resource: string, active: string, pending: string): void => {
  expect(body).toMatch(/<(\w+:)?watcherinfo\b[^>]*\bxmlns(:\w+)?="urn:ietf:params:xml:ns:watcherinfo"/)
  expect(body).toMatch(/<(\w+:)?watcherinfo\b[^>]*\bversion="\d+"/)
  expect(body).toMatch(/<(\w+:)?watcherinfo\b[^>]*\bstate="(full|partial)"/)
  expect(body).toMatch(new RegExp(`<(\\w+:)?watcher-list\\b[^>]*\\bresource="${esc(resource)}"`))
  expect(body).toMatch(/<(\w+:)?watcher-list\b[^>]*\bpackage="presence"/)
  expect(watcherStatus(body, active)).toBe('active')
  expect(watcherStatus(body, pending)).toBe('pending')
}

// ---------------------------------------------------------------------------

const capture = (srv: Server, name: string, n: Notify): void => {
  writeCapture(srv, `${name}.txt`, `Subscription-State: ${header(n.message, 'subscription-state') ?? ''}\nContent-Type: ${n.contentType ?? '(none)'}\n\n${n.body}`)
}

describe.skipIf(!server.ok)('Kamailio interop: presence and presence.winfo', () => {
  const srv = server as Server
  const { name, ua, aor, subs, close } = session(srv, 'sip-trace.txt')
  let aliceEtag: string | undefined
  let alice: SipUa | undefined

  afterAll(async () => {
    // leave the server clean for the next run: remove the publication, end the subscriptions
    if (alice !== undefined && aliceEtag !== undefined) {
      await alice.publish({ event: 'presence', expires: 0, sipIfMatch: aliceEtag, timeoutMs: 2000 }).catch(() => undefined)
    }
    await close()
  })

  it('PUBLISH + SUBSCRIBE: authorised watcher gets PIDF, unknown watcher pending, winfo lists both', async () => {
    const xcap = new XcapClient({ root: srv.xcapRoot, timeoutMs: 5000 })

    // 1. pres-rules for alice (Kamailio reads them from its XCAP storage)
    const rules = await xcap.put(userDocPath('pres-rules', aor('alice')), presRules([aor('bob'), `sip:rls@${srv.host}`]), {
      contentType: 'application/auth-policy+xml'
    })
    expect(rules.status, `XCAP PUT pres-rules: ${rules.status} ${rules.body}`).toBe(200)
    expect(rules.etag).toBeTruthy()

    // 2. alice publishes
    alice = await ua('alice')
    const pub = await alice.publish({ event: 'presence', contentType: 'application/pidf+xml', body: alicePidf(aor('alice')), expires: 600 })
    expect(pub.status, `PUBLISH: ${pub.status} ${pub.reason}`).toBe(200)
    aliceEtag = header(pub, 'sip-etag')
    expect(aliceEtag).toBeTruthy()

    // 3. bob (allowed) subscribes to alice's presence
    const bob = await ua('bob')
    const bobSub = await bob.subscribe({ target: name('alice'), event: 'presence', accept: 'application/pidf+xml', expires: 300 })
    subs.push(bobSub)
    expect(bobSub.response.status).toBeGreaterThanOrEqual(200)
    expect(bobSub.response.status).toBeLessThan(300)
    const bobNotify = await bobSub.waitFor(isAlicePresence, 5000, "NOTIFY with alice's PIDF")
    capture(srv, 'presence-bob-notify', bobNotify)
    expect(bobNotify.state).toBe('active')
    expect(bobNotify.contentType).toMatch(/^application\/pidf\+xml\b/)
    expectAlicePresence(bobNotify.body, aor('alice'))

    // 4. carol (no rule) subscribes: pending
    const carol = await ua('carol')
    const carolSub = await carol.subscribe({ target: name('alice'), event: 'presence', accept: 'application/pidf+xml', expires: 300 })
    subs.push(carolSub)
    const carolNotify = await carolSub.waitFor((n) => n.state === 'pending', 5000, 'pending NOTIFY')
    capture(srv, 'presence-carol-pending-notify', carolNotify)
    expect(carolNotify.body).not.toContain(TUPLE_ID)

    // 5. alice watches her watchers
    const winfo = await alice.subscribe({ target: name('alice'), event: 'presence.winfo', accept: 'application/watcherinfo+xml', expires: 300 })
    subs.push(winfo)
    const winfoNotify = await winfo.waitFor((n) => isWinfoWith(n, aor('bob'), aor('carol')), 8000, 'watcherinfo NOTIFY with bob active and carol pending')
    capture(srv, 'watcherinfo-alice-notify', winfoNotify)
    expect(winfoNotify.state).toBe('active')
    expectWatcherinfo(winfoNotify.body, aor('alice'), aor('bob'), aor('carol'))
  })
})
