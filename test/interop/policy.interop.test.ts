/**
 * Policy evaluation against a real presence server: Kamailio 5.6's presence_xml evaluates pres-rules too (xcap_auth:
 * sub-handling, identity one/many/except, sphere, validity). For each ruleset of the table below, the presentity's
 * pres-rules are PUT over XCAP with the library's XCAP client, the presentity publishes a PIDF document (with an RPID
 * sphere), and each watcher SUBSCRIBEs; what Kamailio does with the subscription is compared with the sub-handling
 * `Evaluate.evaluate` gives for the same ruleset and watcher:
 *
 *   allow        ↔ the subscription is active and the NOTIFY carries the presentity's document
 *   polite-block ↔ active, without the presentity's document
 *   confirm      ↔ pending
 *   block        ↔ terminated (reason rejected), or the SUBSCRIBE refused
 *
 * Every disagreement is a row of the table with both outcomes and the reason (where Kamailio departs from RFC 4745 /
 * RFC 5025), asserted like the agreements: a change on either side fails the test. The table is printed and written
 * to <stateDir>/captures/policy-agreement.txt.
 */
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import { afterAll, describe, expect, it } from 'vitest'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as Presence from '../../src/formats/Presence.js'
import * as Rpid from '../../src/formats/Rpid.js'
import * as Evaluate from '../../src/policy/Evaluate.js'
import * as Filter from '../../src/policy/Filter.js'
import * as Xcap from '../../src/xcap/Client.js'
import { report } from '../../src/codec/DecodeError.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, type Notify, type SipUa } from './sip.js'

const server = await requireServer()

// ---------------------------------------------------------------------------
// Kamailio's deviations from RFC 4745 / RFC 5025 (presence_xml xcap_auth.c, Kamailio 5.6)
// ---------------------------------------------------------------------------

const WHY = {
  undecided:
    'no rule decides for the watcher (none matches, or the matching one has no <sub-handling>): RFC 5025 §3.2.1 gives block, the lowest value (RFC 4745 §10.2); Kamailio leaves the subscription pending (force_active=0)',
  firstMatch:
    'Kamailio applies only the first matching rule in document order; RFC 4745 §10.2 combines every matching rule (the highest sub-handling wins) and §6 makes rule order irrelevant',
  exceptId:
    'Kamailio compares <except id> with one character more than the watcher URI (strlen(id) - 1 == len), so an exception naming the watcher excludes nobody; RFC 4745 §7.1.3 excludes that watcher',
  manyDomain:
    "Kamailio skips a <many domain> only when the domain differs in length and in content (&& for ||), so a domain as long as the watcher's matches; RFC 4745 §7.1.3 compares the domains",
  sphere:
    "Kamailio tracks no sphere here (the presence module's sphere_enable is off), and a <sphere> condition then holds whatever the presentity's sphere; RFC 4745 §7.3 matches it against the presentity's sphere (work, from its RPID)",
  noConditions:
    "a rule without <conditions> stops Kamailio's evaluation with an error, and no rule applies at all; RFC 4745 §10.1 makes it match every request",
  oma: 'Kamailio knows no OMA conditions: a rule with <ocp:other-identity/> and no <identity> is skipped; OMA XDM makes it match every watcher no identity condition names',
  validityLeak:
    "Kamailio does not reset its 'valid' flag between rules: an earlier rule's current validity period makes a later rule's past one count; RFC 4745 §7.4 evaluates each rule's periods"
} as const

type Why = keyof typeof WHY

// ---------------------------------------------------------------------------
// the table
// ---------------------------------------------------------------------------

interface Expectation {
  readonly who: string
  /** Our sub-handling (asserted, so that the table says it). */
  readonly ours: PresRules.SubHandling
  /** What Kamailio does, in sub-handling terms (see the module doc). */
  readonly kamailio: PresRules.SubHandling
  readonly why?: Why
}

interface Scenario {
  readonly name: string
  readonly rules: (aor: (user: string) => string) => PresRules.PresRules
  readonly watchers: ReadonlyArray<Expectation>
}

const HOUR = 3600_000
const iso = (ms: number): string => new Date(Date.now() + ms).toISOString()
const one = (aor: (u: string) => string, ...users: ReadonlyArray<string>): ReadonlyArray<string> => users.map(aor)
const everyone = [CommonPolicy.many()]

const scenarios: ReadonlyArray<Scenario> = [
  {
    name: 'allow-one',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow(one(aor, 'bob'), { id: 'friends', transformations: PresRules.provideAll() })
      ]),
    watchers: [
      { who: 'bob', ours: 'allow', kamailio: 'allow' },
      { who: 'carol', ours: 'block', kamailio: 'confirm', why: 'undecided' }
    ]
  },
  {
    name: 'confirm-one',
    rules: (aor) => PresRules.presRules([PresRules.confirm(one(aor, 'bob'), { id: 'ask' })]),
    watchers: [{ who: 'bob', ours: 'confirm', kamailio: 'confirm' }]
  },
  {
    name: 'polite-one',
    rules: (aor) => PresRules.presRules([PresRules.politeBlock(one(aor, 'bob'), { id: 'polite' })]),
    watchers: [{ who: 'bob', ours: 'polite-block', kamailio: 'polite-block' }]
  },
  {
    name: 'block-one',
    rules: (aor) => PresRules.presRules([PresRules.block(one(aor, 'bob'), { id: 'no' })]),
    watchers: [{ who: 'bob', ours: 'block', kamailio: 'block' }]
  },
  {
    name: 'no-actions',
    rules: (aor) => PresRules.presRules([PresRules.rule({ id: 'silent', identities: one(aor, 'bob') })]),
    watchers: [{ who: 'bob', ours: 'block', kamailio: 'confirm', why: 'undecided' }]
  },
  {
    name: 'many-then-one',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.confirm(everyone, { id: 'everyone' }),
        PresRules.allow(one(aor, 'bob'), { id: 'bob', transformations: PresRules.provideAll() })
      ]),
    watchers: [
      { who: 'bob', ours: 'allow', kamailio: 'confirm', why: 'firstMatch' },
      { who: 'carol', ours: 'confirm', kamailio: 'confirm' }
    ]
  },
  {
    name: 'note-well',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow(everyone, { id: 'everyone', transformations: PresRules.provideAll() }),
        PresRules.block(one(aor, 'bob'), { id: 'not-bob' })
      ]),
    watchers: [{ who: 'bob', ours: 'allow', kamailio: 'allow' }]
  },
  {
    name: 'note-well-reversed',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.block(one(aor, 'bob'), { id: 'not-bob' }),
        PresRules.allow(everyone, { id: 'everyone', transformations: PresRules.provideAll() })
      ]),
    watchers: [
      { who: 'bob', ours: 'allow', kamailio: 'block', why: 'firstMatch' },
      { who: 'carol', ours: 'allow', kamailio: 'allow' }
    ]
  },
  {
    name: 'except-id',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow([CommonPolicy.many({ except: [CommonPolicy.exceptId(aor('bob'))] })], {
          id: 'all-but-bob',
          transformations: PresRules.provideAll()
        })
      ]),
    watchers: [
      { who: 'bob', ours: 'block', kamailio: 'allow', why: 'exceptId' },
      { who: 'carol', ours: 'allow', kamailio: 'allow' }
    ]
  },
  {
    name: 'except-domain',
    rules: () =>
      PresRules.presRules([
        PresRules.allow([CommonPolicy.many({ except: [CommonPolicy.exceptDomain('example.com')] })], {
          id: 'outsiders',
          transformations: PresRules.provideAll()
        }),
        PresRules.confirm(everyone, { id: 'everyone' })
      ]),
    watchers: [{ who: 'bob', ours: 'confirm', kamailio: 'confirm' }]
  },
  {
    name: 'many-domain',
    rules: () =>
      PresRules.presRules([
        PresRules.allow([CommonPolicy.many({ domain: 'example.com' })], {
          id: 'colleagues',
          transformations: PresRules.provideAll()
        })
      ]),
    watchers: [{ who: 'bob', ours: 'allow', kamailio: 'allow' }]
  },
  {
    name: 'many-other-domain',
    rules: () =>
      PresRules.presRules([
        PresRules.allow([CommonPolicy.many({ domain: 'example.org' })], {
          id: 'partners',
          transformations: PresRules.provideAll()
        }),
        PresRules.confirm(everyone, { id: 'everyone' })
      ]),
    watchers: [{ who: 'bob', ours: 'confirm', kamailio: 'allow', why: 'manyDomain' }]
  },
  {
    name: 'sphere-work',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow(one(aor, 'bob'), { id: 'at-work', sphere: 'work', transformations: PresRules.provideAll() })
      ]),
    watchers: [{ who: 'bob', ours: 'allow', kamailio: 'allow' }]
  },
  {
    name: 'sphere-home',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow(one(aor, 'bob'), { id: 'at-home', sphere: 'home', transformations: PresRules.provideAll() }),
        PresRules.confirm(everyone, { id: 'everyone' })
      ]),
    watchers: [{ who: 'bob', ours: 'confirm', kamailio: 'allow', why: 'sphere' }]
  },
  {
    name: 'validity',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow(one(aor, 'bob'), {
          id: 'now',
          validity: [[iso(-HOUR), iso(HOUR)]],
          transformations: PresRules.provideAll()
        }),
        PresRules.allow(one(aor, 'carol'), {
          id: 'past',
          validity: [[iso(-48 * HOUR), iso(-24 * HOUR)]],
          transformations: PresRules.provideAll()
        }),
        PresRules.confirm(everyone, { id: 'everyone' })
      ]),
    watchers: [
      { who: 'bob', ours: 'allow', kamailio: 'allow' },
      { who: 'carol', ours: 'confirm', kamailio: 'allow', why: 'validityLeak' }
    ]
  },
  {
    name: 'validity-past',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.allow(one(aor, 'carol'), {
          id: 'past',
          validity: [[iso(-48 * HOUR), iso(-24 * HOUR)]],
          transformations: PresRules.provideAll()
        }),
        PresRules.confirm(everyone, { id: 'everyone' })
      ]),
    watchers: [{ who: 'carol', ours: 'confirm', kamailio: 'confirm' }]
  },
  {
    name: 'no-conditions',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.rule({ id: 'anyone', subHandling: 'confirm' }),
        PresRules.allow(one(aor, 'bob'), { id: 'bob', transformations: PresRules.provideAll() })
      ]),
    watchers: [
      { who: 'bob', ours: 'allow', kamailio: 'confirm', why: 'noConditions' },
      { who: 'carol', ours: 'confirm', kamailio: 'confirm' }
    ]
  },
  {
    name: 'oma',
    rules: (aor) =>
      PresRules.presRules([
        PresRules.rule({
          id: 'unlisted',
          oma: { otherIdentity: true },
          subHandling: 'allow',
          transformations: PresRules.provideAll()
        }),
        PresRules.confirm(one(aor, 'bob'), { id: 'bob' }),
        PresRules.rule({ id: 'anonymous', oma: { anonymousRequest: true }, subHandling: 'block' })
      ]),
    watchers: [
      { who: 'bob', ours: 'confirm', kamailio: 'confirm' },
      { who: 'carol', ours: 'allow', kamailio: 'confirm', why: 'oma' }
    ]
  }
]

// ---------------------------------------------------------------------------
// documents and observations
// ---------------------------------------------------------------------------

const TUPLE = 't-policy'

/** The presentity's publication: a tuple, and a person whose sphere is work. */
const published = (entity: string): Presence.Presence =>
  Presence.presence({
    entity,
    tuples: [Presence.tuple({ id: TUPLE, basic: 'open', contact: 'sip:presentity@127.0.0.1' })],
    persons: [
      Presence.person({
        id: 'p-policy',
        ext: { sphere: [Rpid.sphere('work')], activities: [Rpid.activities('working')] }
      })
    ]
  })

interface Observed {
  readonly subHandling: PresRules.SubHandling
  readonly summary: string
  readonly notify?: Notify
}

/** What Kamailio did with a subscription, in sub-handling terms (see the module doc). */
const observe = async (
  watcher: SipUa,
  target: string
): Promise<{ readonly observed: Observed; readonly unsubscribe?: () => Promise<unknown> }> => {
  let sub
  try {
    sub = await watcher.subscribe({ target, event: 'presence', accept: 'application/pidf+xml', expires: 120 })
  } catch (e) {
    return { observed: { subHandling: 'block', summary: `SUBSCRIBE refused: ${String(e).slice(0, 80)}` } }
  }
  const n = await sub.waitFor(() => true, 5000, 'a NOTIFY')
  const summary = `${sub.response.status}, NOTIFY ${n.state}${n.stateParams.reason === undefined ? '' : `;reason=${n.stateParams.reason}`}${n.body.trim() === '' ? ', no body' : `, ${n.contentType ?? '?'}`}`
  const unsubscribe = (): Promise<unknown> => sub.unsubscribe(2000).catch(() => undefined)
  const s: PresRules.SubHandling =
    n.state === 'active'
      ? n.body.includes(TUPLE)
        ? 'allow'
        : 'polite-block'
      : n.state === 'pending'
        ? 'confirm'
        : 'block'
  return { observed: { subHandling: s, summary, notify: n }, unsubscribe }
}

// ---------------------------------------------------------------------------

describe.skipIf(!server.ok)('Kamailio interop: pres-rules evaluation', () => {
  const srv = server as Server
  const { name, ua, aor, close } = session(srv, 'policy-sip-trace.txt')
  const xcap = Xcap.client({
    root: srv.xcapRoot,
    // Kamailio closes every connection after its reply; a fresh one per request (see xcap-client.interop.test.ts)
    fetch: async (url, init) => {
      const res = await fetch(url, { ...init, headers: { ...init.headers, Connection: 'close' } })
      const bytes = await res.arrayBuffer()
      return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes }
    }
  })
  const cleanup: Array<() => Promise<unknown>> = []
  const rows: Array<string> = []

  afterAll(async () => {
    for (const c of cleanup) await c().catch(() => undefined)
    writeCapture(srv, 'policy-agreement.txt', rows.join('\n') + '\n')
    await close()
  })

  it('agrees with our evaluation of sub-handling, and every disagreement is Kamailio departing from the RFCs', async () => {
    const results: Array<{ readonly row: string; readonly check: () => void }> = []
    for (const sc of scenarios) {
      const presentity = `alice-${sc.name}`
      const watcherAor = (who: string): string => aor(`${who}-${sc.name}`)
      const rules = sc.rules(watcherAor)
      // the ruleset is a valid pres-rules document, and what Kamailio stores is what the library encodes
      expect(PresRules.PresRules.is(rules)).toBe(true)
      const doc = { usage: PresRules.usage, xui: aor(presentity) }
      const put = await xcap.putDocument(doc, PresRules.document.encode(rules))
      expect(put._tag, `XCAP PUT ${sc.name}: ${JSON.stringify(put)}`).toBe('Ok')
      cleanup.push(() => xcap.deleteDocument(doc))

      const alice = await ua(presentity)
      const mine = published(aor(presentity))
      const pub = await alice.publish({
        event: 'presence',
        contentType: Presence.document.contentType,
        body: Presence.document.encode(mine),
        expires: 300
      })
      expect(pub.status, `PUBLISH ${sc.name}`).toBe(200)
      const etag = header(pub, 'sip-etag')
      if (etag !== undefined)
        cleanup.push(() => alice.publish({ event: 'presence', expires: 0, sipIfMatch: etag, timeoutMs: 2000 }))

      for (const w of sc.watchers) {
        const request = Evaluate.request(Evaluate.authenticated(watcherAor(w.who)), new Date(), {
          sphere: Evaluate.sphereOf([mine]) ?? ''
        })
        const ours = Evaluate.evaluate(rules, request)
        const watcher = await ua(`${w.who}-${sc.name}`)
        const { observed, unsubscribe } = await observe(watcher, name(presentity))
        if (unsubscribe !== undefined) cleanup.push(unsubscribe)
        if (observed.notify !== undefined)
          writeCapture(
            srv,
            `policy-${sc.name}-${w.who}.txt`,
            `Subscription-State: ${header(observed.notify.message, 'subscription-state') ?? ''}\n\n${observed.notify.body}`
          )
        const agree = ours.subHandling === observed.subHandling
        const row = `${sc.name.padEnd(20)} ${w.who.padEnd(6)} ours ${ours.subHandling.padEnd(12)} kamailio ${observed.subHandling.padEnd(12)} (${observed.summary})${agree ? '' : `  DIFFERENCE ${w.why ?? '?'}`}`
        rows.push(row)
        results.push({
          row,
          check: () => {
            expect(
              ours.subHandling,
              `${sc.name}/${w.who}: our evaluation (rules ${ours.matched.join(', ') || 'none'})`
            ).toBe(w.ours)
            expect(observed.subHandling, `${sc.name}/${w.who}: Kamailio (${observed.summary})`).toBe(w.kamailio)
            if (w.ours === w.kamailio)
              expect(w.why, `${sc.name}/${w.who}: an agreement needs no reason`).toBeUndefined()
            else
              expect(
                w.why !== undefined && WHY[w.why].length > 0,
                `${sc.name}/${w.who}: a disagreement needs its reason`
              ).toBe(true)
          }
        })

        // the document the watcher gets: ours is the filtered or the neutral one; Kamailio's as observed
        const view = Filter.view(ours)(mine)
        if (observed.subHandling === 'allow' && ours.subHandling === 'allow' && observed.notify !== undefined) {
          const r = Presence.document.decode(observed.notify.body)
          if (E.isLeft(r))
            throw new Error(`${sc.name}/${w.who}: the NOTIFY body does not decode: ${report(r.left).join('; ')}`)
          // provide-all: both send the publication as it is
          expect(O.isSome(view) && Presence.tupleById(TUPLE).getOption(view.value)).toEqual(
            Presence.tupleById(TUPLE).getOption(r.right)
          )
        }
        if (ours.subHandling === 'polite-block' && observed.subHandling === 'polite-block') {
          // RFC 5025 §3.2.1 sends a document of one closed service; Kamailio sends none (a difference in form)
          expect(view).toEqual(O.some(Filter.politeBlock(mine)))
          expect(observed.notify?.body.trim()).toBe('')
        }
        if (ours.subHandling === 'block' && observed.subHandling === 'block') {
          // RFC 5025 §3.2.1 refuses a new subscription with 403; Kamailio accepts it and terminates it at once
          expect(observed.summary).toMatch(/^2\d\d, NOTIFY terminated;reason=rejected/)
        }
      }
    }
    const table = ['ruleset              watcher', ...rows].join('\n')
    console.log(`pres-rules: our evaluation and Kamailio 5.6\n${table}`)
    for (const r of results) r.check()
  })
})
