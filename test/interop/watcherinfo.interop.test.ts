/**
 * Watcher information against a real Kamailio 5.6 presence server on loopback, through the library's codec and the
 * versioned-state engine.
 *
 *   1. wanda's pres-rules (XCAP PUT) allow wally; wendy and wilma have no rule.
 *   2. wally and wendy SUBSCRIBE to wanda's presence: wally is authorised, wendy pending.
 *   3. wanda SUBSCRIBEs to presence.winfo; every watcherinfo NOTIFY body is decoded with `Watcherinfo.document` and
 *      fed, in CSeq order, through `Versioned.apply(Watcherinfo.merge)`: the pending view shows wendy only.
 *   4. wilma (no rule) SUBSCRIBEs too: the next notification updates the state, and the pending view shows wendy and
 *      wilma.
 *
 * NOTIFY bodies are written to <stateDir>/captures/.
 */
import * as E from '#fp-ts/Either'
import * as T from '#monocle-ts/Traversal'
import { afterAll, describe, expect, it } from 'vitest'
import * as Versioned from '../../src/codec/Versioned.js'
import { report } from '../../src/codec/DecodeError.js'
import * as Watcherinfo from '../../src/formats/Watcherinfo.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, SipUa, type Notify, type Subscription } from './sip.js'
import { userDocPath, XcapClient } from './xcap.js'
import { presRules } from './fixtures.js'

const server = await requireServer()


const isWinfo = (n: Notify): boolean => (n.contentType ?? '').startsWith(Watcherinfo.CONTENT_TYPE) && n.body.trim() !== ''

/** Decodes every watcherinfo NOTIFY so far (strictly: a decode error fails the test) and runs the engine over them. */
const engine = (notifies: ReadonlyArray<Notify>) => {
  const docs = [...notifies]
    .filter(isWinfo)
    .sort((a, b) => a.cseq - b.cseq)
    .map((n) => {
      const r = Watcherinfo.document.decode(n.body)
      if (E.isLeft(r)) throw new Error(`NOTIFY #${n.cseq}: ${report(r.left).join('; ')}\n${n.body}`)
      return r.right
    })
  return { docs, ...Versioned.applyAll(Watcherinfo.merge)(undefined, docs) }
}

const pendingUris = (s: Versioned.Versioned<Watcherinfo.Watcherinfo> | undefined): ReadonlyArray<string> =>
  s === undefined ? [] : Watcherinfo.pending(s).map((p) => p.watcher.uri)

describe.skipIf(!server.ok)('Kamailio interop: presence.winfo through the watcherinfo codec and the state engine', () => {
  const srv = server as Server
  const { name, ua, aor, subs, close } = session(srv, 'winfo-sip-trace.txt')

  afterAll(close)

  it('the pending view shows the unauthorised watchers', async () => {
    const xcap = new XcapClient({ root: srv.xcapRoot, timeoutMs: 5000 })

    // 1. pres-rules: wally allowed
    const rules = await xcap.put(userDocPath('pres-rules', aor('wanda')), presRules([aor('wally')]), {
      contentType: 'application/auth-policy+xml'
    })
    expect(rules.status, `XCAP PUT pres-rules: ${rules.status} ${rules.body}`).toBe(200)

    // 2. two watchers of wanda's presence
    const wally = await ua('wally')
    const wallySub = await wally.subscribe({ target: name('wanda'), event: 'presence', accept: 'application/pidf+xml', expires: 300 })
    subs.push(wallySub)
    expect(wallySub.response.status).toBeGreaterThanOrEqual(200)
    expect(wallySub.response.status).toBeLessThan(300)
    await wallySub.waitFor((n) => n.state === 'active', 5000, 'active NOTIFY for wally')
    const wendy = await ua('wendy')
    const wendySub = await wendy.subscribe({ target: name('wanda'), event: 'presence', accept: 'application/pidf+xml', expires: 300 })
    subs.push(wendySub)
    await wendySub.waitFor((n) => n.state === 'pending', 5000, 'pending NOTIFY for wendy')

    // 3. wanda watches her watchers
    const wanda = await ua('wanda')
    const winfo = await wanda.subscribe({
      target: name('wanda'),
      event: 'presence.winfo',
      accept: Watcherinfo.CONTENT_TYPE,
      expires: 300
    })
    subs.push(winfo)
    await winfo.waitFor(
      () => {
        const { state } = engine(winfo.notifies)
        return pendingUris(state).includes(aor('wendy')) && state !== undefined
      },
      8000,
      'a watcherinfo state with wendy pending'
    )
    const first = engine(winfo.notifies)
    winfo.notifies.filter(isWinfo).forEach((n, i) => writeCapture(srv, `winfo-wanda-notify-${i + 1}.txt`, `Subscription-State: ${header(n.message, 'subscription-state') ?? ''}\nContent-Type: ${n.contentType ?? ''}\n\n${n.body}`))
    // the first document of the subscription holds full state, and every document was applied in order
    expect(first.docs[0].state).toBe('full')
    expect(first.outcomes.map((o) => o._tag)).toEqual(first.docs.map(() => 'Applied'))
    const s1 = first.state!
    expect(Watcherinfo.pending(s1)).toEqual([
      {
        resource: aor('wanda'),
        package: 'presence',
        watcher: expect.objectContaining({ uri: aor('wendy'), status: 'pending' })
      }
    ])
    const active = T.getAll(s1.value)(Watcherinfo.everyWatcherWithStatus('active')).map((w) => w.uri)
    expect(active).toContain(aor('wally'))
    expect(active).not.toContain(aor('wendy'))

    // 4. a second unauthorised watcher: the next notification changes the state through the engine
    const wilma = await ua('wilma')
    const wilmaSub = await wilma.subscribe({ target: name('wanda'), event: 'presence', accept: 'application/pidf+xml', expires: 300 })
    subs.push(wilmaSub)
    await winfo.waitFor(() => pendingUris(engine(winfo.notifies).state).includes(aor('wilma')), 8000, 'a watcherinfo state with wilma pending')
    const second = engine(winfo.notifies)
    winfo.notifies.filter(isWinfo).forEach((n, i) => writeCapture(srv, `winfo-wanda-notify-${i + 1}.txt`, `Subscription-State: ${header(n.message, 'subscription-state') ?? ''}\nContent-Type: ${n.contentType ?? ''}\n\n${n.body}`))
    expect(second.outcomes.every((o) => o._tag === 'Applied')).toBe(true)
    expect(second.state!.version).toBeGreaterThan(s1.version)
    expect([...pendingUris(second.state)].sort()).toEqual([aor('wendy'), aor('wilma')].sort())
    expect(T.getAll(second.state!.value)(Watcherinfo.everyWatcherWithStatus('active')).map((w) => w.uri)).toContain(aor('wally'))
    // what Kamailio sends for a change: record it (RFC 3857 §4.3 default policy is a partial notification)
    console.log(`winfo NOTIFY states, in order: ${second.docs.map((d) => `${d.version}:${d.state}`).join(', ')}`)
  })
})
