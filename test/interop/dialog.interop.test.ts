/**
 * Dialog information against a real Kamailio 5.6 presence server (presence_dialoginfo) on loopback, through the
 * library's codec, the versioned-state engine and the busy-lamp-field view.
 *
 *   1. Two UAs of dana PUBLISH dialog-info (Event: dialog) for dana's AOR: one has a call ringing in from carol
 *      (early, recipient), the other a call out to bob (confirmed, initiator); each dialog carries an RFC 7463
 *      appearance number. The bodies are built with the constructors and encoded with `DialogInfo.document`.
 *   2. A watcher SUBSCRIBEs to dana's `dialog` event (Accept: application/dialog-info+xml). Every NOTIFY body is decoded
 *      strictly and fed, in CSeq order, through `Versioned.apply(DialogInfo.merge)`: the view holds both dialogs, and
 *      the busy-lamp field shows the confirmed call to bob.
 *   3. The ringing UA publishes that its dialog was cancelled, then the other that its call ended: the view loses one
 *      dialog, then the other, and the lamp goes idle.
 *   4. What Kamailio does to namespaces when it aggregates publications: see the second test.
 *
 * What Kamailio 5.6 does (recorded by the assertions): every NOTIFY holds full state (no partial notifications); the
 * first NOTIFY of a subscription has version 1, not 0 (RFC 4235 §4.1 starts at 0; the engine takes whatever comes
 * first); the publications are aggregated into one document by copying their <dialog> elements, in an order of its own,
 * and terminated dialogs stay in the aggregate (state terminated) until their publication is replaced or expires. The
 * copied <dialog> elements lose the namespace declarations of their publication's root: a prefix declared there (as
 * `xmlns:sa` on <dialog-info>, where encoders usually put it) is undeclared in the aggregate, which is then not
 * namespace-well-formed. Declaring the namespace on the <dialog> element (its `xmlns` field) avoids that.
 *
 * NOTIFY bodies are written to <stateDir>/captures/.
 */
import * as E from '#fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import * as Versioned from '../../src/codec/Versioned.js'
import { report } from '../../src/codec/DecodeError.js'
import * as DialogInfo from '../../src/formats/DialogInfo.js'
import * as SharedAppearance from '../../src/formats/SharedAppearance.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, type Notify, type SipUa, type Subscription } from './sip.js'

const server = await requireServer()

const isDialogInfo = (n: Notify): boolean => (n.contentType ?? '').startsWith(DialogInfo.CONTENT_TYPE) && n.body.trim() !== ''

/** Decodes every dialog-info NOTIFY so far (strictly: a decode error fails the test) and runs the engine over them. */
const engine = (notifies: ReadonlyArray<Notify>) => {
  const docs = [...notifies]
    .filter(isDialogInfo)
    .sort((a, b) => a.cseq - b.cseq)
    .map((n) => {
      const r = DialogInfo.document.decode(n.body)
      if (E.isLeft(r)) throw new Error(`NOTIFY #${n.cseq}: ${report(r.left).join('; ')}\n${n.body}`)
      return r.right
    })
  return { docs, ...Versioned.applyAll(DialogInfo.merge)(undefined, docs) }
}

const view = (s: Versioned.Versioned<DialogInfo.DialogInfo> | undefined): ReadonlyArray<readonly [string, string]> =>
  s === undefined ? [] : s.value.dialogs.map((d) => [d.id, d.state.value] as const)

const captureAll = (srv: Server, prefix: string, sub: Subscription): void =>
  sub.notifies.forEach((n) =>
    writeCapture(
      srv,
      `${prefix}-notify-${n.cseq}.txt`,
      `Subscription-State: ${header(n.message, 'subscription-state') ?? ''}\nContent-Type: ${n.contentType ?? '(none)'}\n\n${n.body}`
    )
  )

/** A dialog whose shared-appearance namespace is declared on the <dialog> itself, so that it survives aggregation. */
const withSa = (d: DialogInfo.Dialog): DialogInfo.Dialog => ({ ...d, xmlns: [{ prefix: 'sa', uri: SharedAppearance.NS }] })

describe.skipIf(!server.ok)('Kamailio interop: the dialog event through the dialog-info codec, the state engine and the BLF view', () => {
  const srv = server as Server
  const { name, ua, aor, subs, close } = session(srv, 'dialog-sip-trace.txt')
  const published: Array<{ readonly ua: SipUa; readonly etag: string }> = []

  afterAll(async () => {
    // leave the server clean: remove the publications, end the subscriptions
    await Promise.allSettled(published.map((p) => p.ua.publish({ event: 'dialog', expires: 0, sipIfMatch: p.etag, timeoutMs: 2000 })))
    await close()
  })

  const publish = async (u: SipUa, doc: DialogInfo.DialogInfo, etag?: string): Promise<string> => {
    const r = await u.publish({
      event: 'dialog',
      contentType: DialogInfo.CONTENT_TYPE,
      body: DialogInfo.document.encode(doc),
      expires: 300,
      ...(etag === undefined ? {} : { sipIfMatch: etag })
    })
    expect(r.status, `PUBLISH: ${r.status} ${r.reason}`).toBe(200)
    const next = header(r, 'sip-etag')
    expect(next).toBeTruthy()
    const i = published.findIndex((p) => p.ua === u)
    if (i >= 0) published.splice(i, 1)
    published.push({ ua: u, etag: next! })
    return next!
  }

  it('two publications of one entity, aggregated by Kamailio, give the view they imply', async () => {
    const entity = aor('dana')
    const carol = DialogInfo.participant('sip:carol@example.com', { display: 'Carol' })
    const bob = DialogInfo.participant('sip:bob@example.com', { display: 'Bob', target: 'sip:bob@192.0.2.20' })
    const me = DialogInfo.participant(entity, { display: 'Dana', target: 'sip:dana@192.0.2.10' })
    const ringingIn = withSa(
      DialogInfo.ringing({ id: 'd-ring', callId: 'call-ring', localTag: 'lt-ring', remoteTag: 'rt-ring', direction: 'recipient', local: me, remote: carol, code: 180, ext: { appearance: 1 } })
    )
    const callOut = withSa(
      DialogInfo.confirmed({ id: 'd-call', callId: 'call-out', localTag: 'lt-out', remoteTag: 'rt-out', direction: 'initiator', local: me, remote: bob, duration: 12, ext: { appearance: 2 } })
    )

    // 1. two UAs of dana publish one dialog each
    const phone = await ua('dana')
    const softphone = await ua('dana')
    const phoneEtag = await publish(phone, DialogInfo.dialogInfo({ entity, dialogs: [ringingIn] }))
    const softEtag = await publish(softphone, DialogInfo.dialogInfo({ entity, dialogs: [callOut] }))

    // 2. a watcher subscribes to dana's dialog state
    const watcher = await ua('walter')
    const sub = await watcher.subscribe({ target: name('dana'), event: 'dialog', accept: DialogInfo.CONTENT_TYPE, expires: 300 })
    subs.push(sub)
    expect(sub.response.status).toBeGreaterThanOrEqual(200)
    expect(sub.response.status).toBeLessThan(300)
    await sub.waitFor(() => view(engine(sub.notifies).state).length === 2, 8000, 'a dialog state with both dialogs')
    const first = engine(sub.notifies)
    captureAll(srv, 'dialog-walter', sub)
    expect(first.outcomes.map((o) => o._tag)).toEqual(first.docs.map(() => 'Applied'))
    // what Kamailio sends: full state, starting at version 1
    expect(first.docs.map((d) => d.state)).toEqual(first.docs.map(() => 'full'))
    expect(first.docs[0].version).toBe(1)
    const s1 = first.state!
    expect(s1.value.entity).toBe(entity)
    // the aggregate's order is Kamailio's (the publications by time, ties in no set order)
    expect([...view(s1)].sort()).toEqual([
      ['d-call', 'confirmed'],
      ['d-ring', 'early']
    ])
    // each dialog is what was published, the appearance numbers included
    expect(DialogInfo.dialogById('d-ring').getOption(s1.value)).toEqual({ _tag: 'Some', value: ringingIn })
    expect(DialogInfo.dialogById('d-call').getOption(s1.value)).toEqual({ _tag: 'Some', value: callOut })
    expect(s1.value.dialogs.map(SharedAppearance.appearanceOf).sort()).toEqual([1, 2])
    expect(DialogInfo.blf(s1)).toEqual({
      entity,
      status: 'confirmed',
      dialogState: 'confirmed',
      direction: 'initiator',
      remote: { uri: 'sip:bob@example.com', display: 'Bob' },
      dialogId: 'd-call'
    })

    // 3. the ringing call is cancelled: Kamailio keeps the terminated dialog in its aggregate, the view drops it
    await publish(phone, DialogInfo.dialogInfo({ entity, dialogs: [withSa(DialogInfo.terminated({ ...ringingIn, event: 'cancelled', code: 487 }))] }), phoneEtag)
    await sub.waitFor(() => view(engine(sub.notifies).state).length === 1, 8000, 'a dialog state without the cancelled call')
    const second = engine(sub.notifies)
    const last = second.docs[second.docs.length - 1]
    expect(last.dialogs.map((d) => [d.id, d.state.value]).sort()).toEqual([
      ['d-call', 'confirmed'],
      ['d-ring', 'terminated']
    ])
    expect(last.dialogs.find((d) => d.id === 'd-ring')?.state).toEqual({ event: 'cancelled', code: 487, value: 'terminated' })
    expect(view(second.state)).toEqual([['d-call', 'confirmed']])
    expect(DialogInfo.blf(second.state!).status).toBe('confirmed')

    // the call ends too: idle
    await publish(softphone, DialogInfo.dialogInfo({ entity, dialogs: [withSa(DialogInfo.terminated({ ...callOut, event: 'local-bye' }))] }), softEtag)
    await sub.waitFor(() => engine(sub.notifies).docs.some((d) => d.dialogs.length === 2 && d.dialogs.every((x) => x.state.value === 'terminated')), 8000, 'both dialogs terminated')
    const third = engine(sub.notifies)
    captureAll(srv, 'dialog-walter', sub)
    expect(third.outcomes.every((o) => o._tag === 'Applied')).toBe(true)
    expect(view(third.state)).toEqual([])
    expect(DialogInfo.blf(third.state!)).toEqual({ entity, status: 'idle' })
    // versions went up by one per NOTIFY
    expect(third.docs.map((d) => d.version)).toEqual(third.docs.map((_d, i) => i + 1))
  })

  it('Kamailio drops the namespace declarations of a publication’s root when it aggregates: the NOTIFY is refused', async () => {
    const entity = aor('erin')
    // the encoder's default: the shared-appearance prefix is declared once, on <dialog-info>
    const a = DialogInfo.dialogInfo({ entity, dialogs: [DialogInfo.ringing({ id: 'e-1', direction: 'recipient', ext: { appearance: 1 } })] })
    const b = DialogInfo.dialogInfo({ entity, dialogs: [DialogInfo.confirmed({ id: 'e-2', direction: 'initiator', ext: { appearance: 2 } })] })
    expect(DialogInfo.document.encode(a)).toMatch(/<dialog-info [^>]*xmlns:sa="urn:ietf:params:xml:ns:sa-dialog-info"/)
    await publish(await ua('erin'), a)
    await publish(await ua('erin'), b)
    const watcher = await ua('wanda')
    const sub = await watcher.subscribe({ target: name('erin'), event: 'dialog', accept: DialogInfo.CONTENT_TYPE, expires: 300 })
    subs.push(sub)
    const n = await sub.waitFor(isDialogInfo, 8000, 'a dialog-info NOTIFY')
    captureAll(srv, 'dialog-wanda', sub)
    // both dialogs are there, with sa: elements whose prefix nothing declares
    expect(n.body).toContain('<sa:appearance>1</sa:appearance>')
    expect(n.body).toContain('<sa:appearance>2</sa:appearance>')
    expect(n.body).not.toContain('xmlns:sa=')
    const r = DialogInfo.document.decode(n.body)
    expect(E.isLeft(r) ? report(r.left) : r.right).toEqual([expect.stringMatching(/^line \d+, column \d+: not well-formed XML: undeclared prefix "sa"$/)])
  })
})
