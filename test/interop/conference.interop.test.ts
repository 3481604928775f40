/**
 * Conference state against a real Kamailio 5.6 (presence + presence_conference) on loopback, through the library's
 * conference-info codec, the state engine and the keyed merge.
 *
 * What Kamailio does with `Event: conference` (found here, and in presence_conference's notify_body.c): it does not
 * merge or aggregate publications. Every NOTIFY body is the children of one publication (the oldest one still alive)
 * under a root it writes itself: `state="full"`, `version` its own counter for the subscription (1, 2, ...), and
 * `entity` the presentity as `user@domain`, without a scheme; the children keep whatever states they had. So:
 *
 *   1. a focus that PUBLISHes its full state each time (modifying its publication with SIP-If-Match) gives subscribers
 *      full-state notifications, version after version: the merge replaces the state each time, and the roster is the
 *      one published;
 *   2. a focus that PUBLISHes a partial document has it relayed as a "full" one whose `<users>` and `<user>` still say
 *      `partial` (inconsistent, RFC 4575 §4.4): the library reports it (`inconsistencies`), and a subscriber that
 *      follows RFC 4575 §4.6 replaces its state with it, losing the users the partial document did not mention. A focus
 *      behind Kamailio must publish full state.
 *
 * NOTIFY bodies are written to <stateDir>/captures/.
 */
import * as E from '#fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import * as Versioned from '../../src/codec/Versioned.js'
import { report } from '../../src/codec/DecodeError.js'
import * as ConferenceInfo from '../../src/formats/ConferenceInfo.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, type Notify } from './sip.js'

const server = await requireServer()

const isConference = (n: Notify): boolean => (n.contentType ?? '').startsWith(ConferenceInfo.CONTENT_TYPE) && n.body.trim() !== ''

/** Decodes every conference NOTIFY so far (strictly: a decode error fails the test) and runs the engine over them. */
const engine = (notifies: ReadonlyArray<Notify>) => {
  const docs = [...notifies]
    .filter(isConference)
    .sort((a, b) => a.cseq - b.cseq)
    .map((n) => {
      const r = ConferenceInfo.document.decode(n.body)
      if (E.isLeft(r)) throw new Error(`NOTIFY #${n.cseq}: ${report(r.left).join('; ')}\n${n.body}`)
      return r.right
    })
  return { docs, ...Versioned.applyAll(ConferenceInfo.merge)(undefined, docs) }
}

const rosterOf = (s: Versioned.Versioned<ConferenceInfo.ConferenceInfo> | undefined): ReadonlyArray<ConferenceInfo.RosterUser> =>
  s === undefined ? [] : ConferenceInfo.roster(s)

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const capture = (srv: Server, prefix: string, notifies: ReadonlyArray<Notify>): void =>
  notifies
    .filter(isConference)
    .forEach((n, i) =>
      writeCapture(srv, `${prefix}-notify-${i + 1}.txt`, `Subscription-State: ${header(n.message, 'subscription-state') ?? ''}\nContent-Type: ${n.contentType ?? ''}\n\n${n.body}`)
    )

// the focus's conference: alice and bob, then carol joins and bob goes on hold
const audio = (id: string): ConferenceInfo.Media => ConferenceInfo.media({ id, type: 'audio', label: '34567', status: 'sendrecv' })
const video = (id: string, status: ConferenceInfo.MediaStatus): ConferenceInfo.Media => ConferenceInfo.media({ id, type: 'video', label: '34569', status })
const participant = (who: string, status: ConferenceInfo.EndpointStatus, media: ReadonlyArray<ConferenceInfo.Media>, roles = ['participant']): ConferenceInfo.User =>
  ConferenceInfo.user({
    entity: `sip:${who}@example.com`,
    displayText: who[0].toUpperCase() + who.slice(1),
    roles,
    languages: ['en'],
    endpoints: [ConferenceInfo.endpoint({ entity: `sip:${who}@${who}-pc.example.com`, status, joiningMethod: 'dialed-in', media })]
  })
const alice = participant('alice', 'connected', [audio('1'), video('2', 'sendrecv')], ['moderator', 'participant'])
const bob = participant('bob', 'connected', [audio('3')])
const bobOnHold = participant('bob', 'on-hold', [audio('3')])
const carol = participant('carol', 'connected', [audio('5'), video('6', 'recvonly')])

const conference = (entity: string, version: number, users: ReadonlyArray<ConferenceInfo.User>): ConferenceInfo.ConferenceInfo =>
  ConferenceInfo.conferenceInfo({
    entity,
    version,
    conferenceDescription: { subject: 'Interop stand-up', other: [] },
    conferenceState: { userCount: users.length, active: true, locked: false, other: [] },
    users
  })

describe.skipIf(!server.ok)('Kamailio interop: conference state through the conference-info codec and the keyed merge', () => {
  const srv = server as Server
  const { name, ua, aor, subs, close } = session(srv, 'conference-sip-trace.txt')

  afterAll(close)

  it('full publications: full notifications, version after version, and the merge gives the published roster', async () => {
    const focus = await ua('focus')
    const v1 = conference(aor('focus'), 1, [alice, bob])
    const p1 = await focus.publish({ event: 'conference', contentType: ConferenceInfo.CONTENT_TYPE, body: ConferenceInfo.document.encode(v1), expires: 300 })
    expect(p1.status, `PUBLISH: ${p1.status} ${p1.reason}`).toBe(200)
    const etag = header(p1, 'sip-etag')
    expect(etag).toBeDefined()

    // a participant subscribes to the conference
    const dave = await ua('dave')
    const sub = await dave.subscribe({ target: name('focus'), event: 'conference', accept: ConferenceInfo.CONTENT_TYPE, expires: 300 })
    subs.push(sub)
    expect(sub.response.status).toBeGreaterThanOrEqual(200)
    expect(sub.response.status).toBeLessThan(300)
    await sub.waitFor(() => same(rosterOf(engine(sub.notifies).state), ConferenceInfo.roster(v1)), 8000, 'a conference state with alice and bob')
    const first = engine(sub.notifies)
    capture(srv, 'conference-full', sub.notifies)
    // Kamailio's root: full state, its own version, the presentity as user@domain
    expect(first.docs[0].state).toBe('full')
    expect(first.docs[0].entity).toBe(`${name('focus')}@${srv.domain}`)
    expect(first.outcomes.map((o) => o._tag)).toEqual(first.docs.map(() => 'Applied'))
    // the children are the publication's, unchanged
    expect(first.state!.value.conferenceDescription?.subject).toBe('Interop stand-up')
    expect(first.state!.value.conferenceState?.userCount).toBe(2)
    expect(ConferenceInfo.roster(first.state!)).toEqual(ConferenceInfo.roster(v1))
    expect(ConferenceInfo.inconsistencies(first.docs[0])).toEqual([])

    // the focus publishes its new full state: carol joined, bob is on hold
    const v2 = conference(aor('focus'), 2, [alice, bobOnHold, carol])
    const p2 = await focus.publish({
      event: 'conference',
      contentType: ConferenceInfo.CONTENT_TYPE,
      body: ConferenceInfo.document.encode(v2),
      sipIfMatch: etag!,
      expires: 300
    })
    expect(p2.status, `PUBLISH (modify): ${p2.status} ${p2.reason}`).toBe(200)
    await sub.waitFor(() => same(rosterOf(engine(sub.notifies).state), ConferenceInfo.roster(v2)), 8000, 'a conference state with carol, and bob on hold')
    const second = engine(sub.notifies)
    capture(srv, 'conference-full', sub.notifies)
    // every notification is full, and each one is applied (a full state replaces, whatever the version)
    expect(second.docs.every((d) => d.state === 'full')).toBe(true)
    expect(second.outcomes.every((o) => o._tag === 'Applied')).toBe(true)
    const versions = second.docs.map((d) => d.version ?? 0)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(second.state!.version).toBe(versions[versions.length - 1])
    expect(ConferenceInfo.roster(second.state!)).toEqual(ConferenceInfo.roster(v2))
    expect(ConferenceInfo.roster(second.state!).map((u) => [u.entity, u.endpoints[0].status])).toEqual([
      ['sip:alice@example.com', 'connected'],
      ['sip:bob@example.com', 'on-hold'],
      ['sip:carol@example.com', 'connected']
    ])
    console.log(`conference NOTIFY states, in order: ${second.docs.map((d) => `${d.version}:${d.state}`).join(', ')}`)
  })

  it('a partial publication is relayed under a root relabelled full: the library reports it, and the state is replaced', async () => {
    const focus = await ua('focus2')
    const v1 = conference(aor('focus2'), 1, [alice, bob])
    const p1 = await focus.publish({ event: 'conference', contentType: ConferenceInfo.CONTENT_TYPE, body: ConferenceInfo.document.encode(v1), expires: 300 })
    expect(p1.status).toBe(200)
    const erin = await ua('erin')
    const sub = await erin.subscribe({ target: name('focus2'), event: 'conference', accept: ConferenceInfo.CONTENT_TYPE, expires: 300 })
    subs.push(sub)
    await sub.waitFor(() => same(rosterOf(engine(sub.notifies).state), ConferenceInfo.roster(v1)), 8000, 'a conference state with alice and bob')

    // the focus publishes a partial document: bob goes on hold
    const change = ConferenceInfo.userChanged(aor('focus2'), 2, {
      entity: 'sip:bob@example.com',
      endpoints: [{ entity: 'sip:bob@bob-pc.example.com', state: 'partial', status: 'on-hold', media: [], other: [] }],
      other: []
    })
    const p2 = await focus.publish({
      event: 'conference',
      contentType: ConferenceInfo.CONTENT_TYPE,
      body: ConferenceInfo.document.encode(change),
      sipIfMatch: header(p1, 'sip-etag')!,
      expires: 300
    })
    expect(p2.status).toBe(200)
    await sub.waitFor(() => engine(sub.notifies).docs.length >= 2, 8000, 'the notification of the partial publication')
    const r = engine(sub.notifies)
    capture(srv, 'conference-partial', sub.notifies)
    const relayed = r.docs[r.docs.length - 1]
    // the root says full; its children are the partial publication's, states and all
    expect(relayed.state).toBe('full')
    expect(relayed.users?.state).toBe('partial')
    expect(relayed.users?.users.map((u) => [u.entity, u.state])).toEqual([['sip:bob@example.com', 'partial']])
    expect(ConferenceInfo.inconsistencies(relayed)).toEqual([{ path: ['users'], state: 'partial', parent: 'full' }])
    // RFC 4575 §4.6: a full document replaces the state; alice is gone from the subscriber's view
    expect(r.outcomes.every((o) => o._tag === 'Applied')).toBe(true)
    expect(ConferenceInfo.roster(r.state!).map((u) => [u.entity, u.endpoints.map((e) => e.status)])).toEqual([['sip:bob@example.com', ['on-hold']]])
  })
})
