/**
 * XCAP documents of every application usage Kamailio 5.6's xcap_server stores, against the server on loopback.
 *
 *   1. resource-lists (with AG Projects' address book), rls-services, pres-rules, pres-content (the OMA status icon)
 *      and pidf-manipulation (a PIDF document): each built with the library's constructors, encoded with its
 *      format's `document.encode`, PUT with the library's XCAP client (src/xcap/Client.ts, Node's global fetch
 *      injected), fetched back and decoded with the same codec: the same value, and the same bytes.
 *   2. the org.openmobilealliance.xcap-directory document Kamailio generates from its storage, decoded with the
 *      XcapDirectory codec: one folder per AUID, each document with the ETag its PUT returned.
 *   3. every document deleted again (If-Match): 404, and an empty directory.
 *   4. a watcher's authorisation follows pres-rules changed through XCAP: alice's rules allow bob, who subscribes and
 *      gets her PIDF; she politely blocks him (an element PUT of the rule), allows him (a document PUT with If-Match),
 *      blocks him and allows him again. What happens to his subscriptions and to new ones is asserted NOTIFY by
 *      NOTIFY; every PIDF body is decoded with the library.
 *
 * What Kamailio does differently from the RFCs is asserted where it shows, with a comment: PUT answers 200 for a new
 * document (RFC 4825 §7.1: 201); an element GET drops the namespace declarations in scope; node selectors must be
 * unprefixed (the RFC form is a 500); an element PUT re-serialises the document; the directory has no ETag, no
 * last-modified or size, and orders folders by an internal type; a polite-block NOTIFY has no body; a blocked
 * SUBSCRIBE is accepted and terminated at once, and that terminated subscription is revived when the watcher is
 * allowed again. pidf-manipulation documents are stored and served, but the presence side does not use them with
 * sqlite (Kamailio logs "replace is required for pidf-manipulation support"), so only the storage is tested.
 *
 * Kamailio's SIP and HTTP workers share one sqlite database without a busy timeout, and the cfg updates watchers
 * after it has answered a pres-rules PUT: SIP requests are sent only once the NOTIFYs a PUT causes have come (or after
 * a short wait), so that the two workers never write at the same time ("database is locked").
 *
 * Captures in <stateDir>/captures/: xcap-documents-exchanges.txt (every XCAP exchange), xcap-documents-notify-*.txt
 * (every NOTIFY), xcap-documents-sip-trace.txt.
 */
import { deepStrictEqual } from 'node:assert'
import * as E from '#fp-ts/Either'
import { afterAll, describe, expect, it } from 'vitest'
import { report, type Problem } from '../../src/codec/DecodeError.js'
import type * as Doc from '../../src/codec/Document.js'
import * as AddressBook from '../../src/formats/AddressBook.js'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as Pidf from '../../src/formats/Pidf.js'
import * as PresContent from '../../src/formats/PresContent.js'
import * as Presence from '../../src/formats/Presence.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as ResourceLists from '../../src/formats/ResourceLists.js'
import * as RlsServices from '../../src/formats/RlsServices.js'
import * as Rpid from '../../src/formats/Rpid.js'
import * as XcapDirectory from '../../src/formats/XcapDirectory.js'
import { documentUri, type ApplicationUsage } from '../../src/xcap/ApplicationUsage.js'
import * as Xcap from '../../src/xcap/Client.js'
import * as Selector from '../../src/xcap/Selector.js'
import { parse } from '../../src/xml/Parser.js'
import { print } from '../../src/xml/Printer.js'
import { requireServer, session, writeCapture, type Server } from './harness.js'
import { header, type Notify, type SipUa, type Subscription } from './sip.js'

const server = await requireServer()

// ---------------------------------------------------------------------------
// HELPERS
// ---------------------------------------------------------------------------

const same = <A>(actual: A, expected: A): void => deepStrictEqual(actual, expected)

interface Exchange {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly status: number | string
  readonly etag?: string
  readonly contentType?: string
  readonly body: string
}

const exchanges: Array<Exchange> = []

/**
 * The global fetch, each exchange recorded. Kamailio closes every connection after its reply without saying so;
 * `Connection: close` keeps Node's fetch from sending the next request on it (see xcap-client.interop.test.ts).
 */
const recording: Xcap.Fetch = async (url, init) => {
  try {
    const res = await fetch(url, { ...init, headers: { ...init.headers, Connection: 'close' } })
    const bytes = await res.arrayBuffer()
    const etag = res.headers.get('etag')
    const contentType = res.headers.get('content-type')
    exchanges.push({
      method: init.method,
      url,
      headers: init.headers,
      status: res.status,
      ...(etag === null ? {} : { etag }),
      ...(contentType === null ? {} : { contentType }),
      body: new TextDecoder().decode(bytes)
    })
    return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes }
  } catch (e) {
    exchanges.push({ method: init.method, url, headers: init.headers, status: `fetch failed: ${String(e)}`, body: '' })
    throw e
  }
}

const expectOk = <S extends Xcap.Ok>(r: Xcap.Outcome<S>, what: string): S => {
  if (r._tag !== 'Ok') throw new Error(`${what}: expected Ok, got ${JSON.stringify(r)}`)
  return r
}

const etagOf = (r: Xcap.Outcome<Xcap.Ok>, what: string): string => {
  const ok = expectOk(r, what)
  if (ok.etag === undefined) throw new Error(`${what}: no ETag`)
  return ok.etag
}

const statusOf = (r: Xcap.Outcome<Xcap.Ok>): string => `${r._tag} ${'status' in r ? r.status : ''}`.trim()

/** A document codec, as far as a round trip needs it. */
type Codec<A> = Xcap.Decoder<A> & Pick<Doc.XmlDocumentCodec<A>, 'encode'>

const decoded = <A>(r: E.Either<ReadonlyArray<Problem>, A>, body: string): A => {
  if (E.isLeft(r)) throw new Error(`does not decode:\n${report(r.left).join('\n')}\n${body}`)
  return r.right
}

/** Kamailio's entity tags: `sr-<start time>-<pid>-<counter>`, quoted in the header (the client strips the quotes). */
const KAMAILIO_ETAG = /^sr-\d+-\d+-\d+$/

// ---------------------------------------------------------------------------
// DOCUMENTS (from constructors)
// ---------------------------------------------------------------------------

/** A 1x1 transparent PNG. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64'
  )
)

/** resource-lists with AG Projects' address book (contacts, a group, a policy), and a plain list of entries. */
const addressBook = (): AddressBook.ResourceLists => {
  const bob = AddressBook.contact({
    id: 'contact-bob',
    name: 'Bob',
    uris: [
      AddressBook.contactUri('sip:bob@example.com', { id: 'uri-bob', type: 'work', attributes: { label: 'desk' } }),
      AddressBook.contactUri('tel:+15551234567', { id: 'uri-bob-tel' })
    ],
    default: 'uri-bob',
    presence: { policy: 'allow', subscribe: true },
    dialog: { policy: 'default' },
    attributes: { icon: null, note: 'met at IETF 118' }
  })
  const carol = AddressBook.contact({
    id: 'contact-carol',
    name: 'Carol',
    uris: [AddressBook.contactUri('sip:carol@example.com', { id: 'uri-carol' })]
  })
  const friends = AddressBook.group({
    id: 'group-friends',
    name: 'Friends',
    contacts: ['contact-bob', 'contact-carol']
  })
  const mallory = AddressBook.policy({
    id: 'policy-mallory',
    uri: 'sip:mallory@example.com',
    name: 'Mallory',
    presence: { policy: 'block' }
  })
  return AddressBook.resourceLists([
    AddressBook.listOf({
      name: AddressBook.LIST_NAME,
      ext: { contacts: [bob, carol], groups: [friends], policies: [mallory] }
    }),
    AddressBook.listOf({
      name: 'buddies',
      displayName: ResourceLists.displayName('Buddies', 'en'),
      members: [
        ResourceLists.entry('sip:bob@example.com', {
          displayName: 'Bob',
          ext: { attributes: [AddressBook.attribute('favourite', 'yes')] }
        }),
        ResourceLists.entry('sip:carol@example.com', { displayName: 'Carol' }),
        ResourceLists.list({ name: 'work', members: [ResourceLists.entry('sip:dave@example.com')] })
      ]
    })
  ])
}

/** rls-services: one service by reference to the 'buddies' list (its XCAP node URI), one with a list in place. */
const rlsServices = (owner: string, buddies: string): RlsServices.RlsServices =>
  RlsServices.rlsServices([
    RlsServices.service({ uri: `sip:${owner}-buddies@example.com`, resourceList: buddies, packages: ['presence'] }),
    RlsServices.service({
      uri: `sip:${owner}-team@example.com`,
      list: ResourceLists.list({ members: [ResourceLists.entry('sip:erin@example.com', { displayName: 'Erin' })] }),
      packages: ['presence', 'dialog']
    })
  ])

/** pres-rules with each sub-handling, identities by URI and by domain, and transformations. */
const presRules = (): PresRules.PresRules =>
  PresRules.presRules([
    PresRules.allow(['sip:bob@example.com', 'sip:carol@example.com'], {
      id: 'allow-friends',
      transformations: PresRules.provideAll()
    }),
    PresRules.confirm(
      [CommonPolicy.many({ domain: 'example.org', except: [CommonPolicy.exceptId('sip:boss@example.org')] })],
      {
        id: 'confirm-example-org',
        transformations: PresRules.providing({ provideActivities: true, provideNote: true, provideUserInput: 'bare' })
      }
    ),
    PresRules.politeBlock(['sip:mallory@example.com'], { id: 'polite-block-mallory' }),
    PresRules.block(['sip:spam@example.net'], { id: 'block-spam' })
  ])

/** The status icon, with descriptions in two languages (one not ASCII). */
const statusIcon = (): PresContent.Content =>
  PresContent.content(PNG, 'image/png', {
    descriptions: [PresContent.description('At the beach', 'en'), PresContent.description('À la plage', 'fr')]
  })

/** A PIDF document for pidf-manipulation: a tuple and an RPID person. */
const hardState = (entity: string): Presence.Presence =>
  Presence.presence({
    entity,
    tuples: [Presence.tuple({ id: 't-hard', basic: 'closed', note: { lang: 'en', value: 'Out of office' } })],
    persons: [Presence.person({ id: 'p-hard', ext: { activities: [Rpid.activities('vacation')] } })]
  })

// ---------------------------------------------------------------------------
// SIP
// ---------------------------------------------------------------------------

/** alice's presence, published by PUBLISH. */
const alicePresence = (entity: string): Presence.Presence =>
  Presence.presence({
    entity,
    tuples: [
      Presence.tuple({
        id: 't-alice-xcapdocs',
        basic: 'open',
        contact: 'sip:alice@127.0.0.1',
        note: { lang: 'en', value: 'Reachable' }
      })
    ],
    persons: [Presence.person({ id: 'p-alice', ext: { activities: [Rpid.activities('meeting')] } })]
  })

const isPidf = (n: Notify): boolean => (n.contentType ?? '').startsWith(Pidf.CONTENT_TYPE)

/** The NOTIFYs of a subscription so far: the state, `;reason` when there is one, and `pidf` or `-` (no body). */
const summary = (s: Subscription): ReadonlyArray<string> =>
  s.notifies.map((n) => {
    const reason = n.stateParams.reason === undefined ? '' : `;${n.stateParams.reason}`
    const body = isPidf(n) ? 'pidf' : n.body === '' && n.contentType === undefined ? '-' : `${n.contentType ?? '?'}`
    return `${n.state}${reason} ${body}`
  })

/** Waits until a subscription has had `count` NOTIFYs. */
const nth = (s: Subscription, count: number, what: string): Promise<Notify> =>
  s.waitFor((n) => s.notifies.indexOf(n) === count - 1, 5000, what)

/** Time for NOTIFYs that should not come to arrive all the same (Kamailio sends them within milliseconds). */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 500))

// ---------------------------------------------------------------------------

describe.skipIf(!server.ok)('Kamailio interop: XCAP documents of each application usage, and pres-rules', () => {
  const srv = server as Server
  const { name, ua, aor, subs, close } = session(srv, 'xcap-documents-sip-trace.txt')
  const xcap = Xcap.client({
    root: srv.xcapRoot,
    fetch: recording,
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 }
  })
  /** Documents PUT and not yet deleted, with the ETag of their last version. */
  const stored = new Map<string, { readonly doc: Xcap.DocumentRef; readonly usage: ApplicationUsage; etag: string }>()
  let publisher: SipUa | undefined
  let aliceSipEtag: string | undefined

  const capture = (label: string, n: Notify): void => {
    const state = header(n.message, 'subscription-state') ?? ''
    writeCapture(
      srv,
      `xcap-documents-notify-${label}.txt`,
      `Subscription-State: ${state}\nContent-Type: ${n.contentType ?? '(none)'}\n\n${n.body}`
    )
  }

  afterAll(async () => {
    // after a failure, leave the server clean all the same: the subscriptions, the publication, then the documents
    await Promise.allSettled(subs.splice(0).map((s) => s.unsubscribe(2000)))
    if (publisher !== undefined && aliceSipEtag !== undefined) {
      await publisher
        .publish({ event: 'presence', expires: 0, sipIfMatch: aliceSipEtag, timeoutMs: 2000 })
        .catch(() => undefined)
    }
    if (stored.size > 0) await settle()
    for (const { doc } of stored.values()) await xcap.deleteDocument(doc)
    writeCapture(
      srv,
      'xcap-documents-exchanges.txt',
      exchanges
        .map(
          (x) =>
            `${x.method} ${x.url}\n` +
            Object.entries(x.headers)
              .map(([k, v]) => `  > ${k}: ${v}\n`)
              .join('') +
            `  < ${x.status}${x.etag === undefined ? '' : ` ETag: ${x.etag}`}` +
            `${x.contentType === undefined ? '' : ` Content-Type: ${x.contentType}`}\n` +
            (x.body === '' ? '' : x.body.replace(/^/gm, '  | ') + '\n')
        )
        .join('\n')
    )
    await close()
  })

  /**
   * PUT the encoded value as a new document, GET it back, decode it with the same codec: the same value. Kamailio
   * answers 200 (RFC 4825 §7.1: 201 Created for a new document) with its ETag; the GET has the same ETag and the
   * usage's MIME type, and its body is the bytes PUT (stored as they came, not re-serialised); a GET with that ETag
   * in If-None-Match is a 304.
   */
  const roundTrip = async <A>(codec: Codec<A>, usage: ApplicationUsage, value: A): Promise<A> => {
    const doc = { usage, xui: aor('docs') }
    const body = codec.encode(value)
    const put = expectOk(await xcap.putDocument(doc, body), `PUT ${usage.auid}`)
    expect(put.status).toBe(200)
    expect(put.etag).toMatch(KAMAILIO_ETAG)
    const etag = put.etag ?? ''
    stored.set(usage.auid, { doc, usage, etag })
    const got = expectOk(await xcap.getDocument(doc, { codec }), `GET ${usage.auid}`)
    expect([got.status, got.etag, got.contentType]).toEqual([200, etag, usage.mimeType])
    expect(got.text).toBe(body)
    const back = decoded(got.decoded, got.text)
    same(back, value)
    expect(statusOf(await xcap.getDocument(doc, { ifNoneMatch: etag }))).toBe('NotModified 304')
    return back
  }

  it('resource-lists with the address book: PUT, GET, decoded to the same value', async () => {
    const back = await roundTrip(AddressBook.document, ResourceLists.usage, addressBook())
    expect(AddressBook.contactById('contact-bob').getOption(back)._tag).toBe('Some')
  })

  it('rls-services: PUT, GET, decoded to the same value', async () => {
    const buddies = Xcap.nodeUri(srv.xcapRoot, {
      doc: { usage: ResourceLists.usage, xui: aor('docs') },
      selector: 'resource-lists/list[@name="buddies"]'
    })
    if (E.isLeft(buddies)) throw new Error(buddies.left)
    await roundTrip(RlsServices.document, RlsServices.usage, rlsServices(name('docs'), buddies.right))
  })

  it('pres-rules: PUT, GET, decoded to the same value; the selector of a rule; a stale If-Match', async () => {
    const rules = presRules()
    await roundTrip(PresRules.document, PresRules.usage, rules)
    const doc = { usage: PresRules.usage, xui: aor('docs') }
    const etag = stored.get(PresRules.usage.auid)?.etag ?? ''
    // the node selector of a rule as the library builds it (RFC 4825 §6.3, RFC 5025 §9.3: common-policy bound to a
    // prefix, pres-rules being the default namespace): Kamailio evaluates the query string as XPath and answers 500
    const target = CommonPolicy.ruleSelector(rules, 'block-spam')
    if (target === undefined) throw new Error('no selector for rule block-spam')
    const rfc = { doc, selector: Selector.print(target.selector), namespaces: Object.fromEntries(target.bindings) }
    expect(rfc.selector).toBe('cp:ruleset/cp:rule[@id="block-spam"]')
    expect(statusOf(await xcap.getElement(rfc))).toBe('HttpError 500')
    // the unprefixed selector works, although by RFC 5025 §9.3 its names are in the pres-rules namespace and would
    // select nothing. The element comes back without the namespace declarations in scope (RFC 4825 §7.4 and §8.1.1:
    // the element as in the document, namespace-well-formed), so its `pr:` prefix is unbound and it does not parse
    const el = expectOk(await xcap.getElement({ doc, selector: 'ruleset/rule[@id="block-spam"]' }), 'GET rule')
    expect([el.etag, el.contentType]).toEqual([etag, PresRules.CONTENT_TYPE])
    const rule = PresRules.ruleById('block-spam').getOption(rules)
    if (rule._tag === 'None') throw new Error('no rule block-spam')
    const printed = print(PresRules.Rule.encode(rule.value), { declaration: false })
    expect(el.text).toBe(printed.replace(` xmlns="${CommonPolicy.NS}" xmlns:pr="${PresRules.NS}"`, ''))
    expect(parse(el.text)._tag).toBe('Left')
    // a PUT with a stale If-Match: 412, not retried; the document is unchanged
    const empty = PresRules.document.encode(PresRules.presRules([]))
    expect(statusOf(await xcap.putDocument(doc, empty, { ifMatch: `${etag}-old` }))).toBe('PreconditionFailed 412')
    expect(expectOk(await xcap.getDocument(doc), 'GET pres-rules').etag).toBe(etag)
  })

  it('pres-content (the status icon, at oma_status-icon/index): PUT, GET, decoded to the same value', async () => {
    const back = await roundTrip(PresContent.document, PresContent.usage, statusIcon())
    same(PresContent.decodeData(back), E.right(PNG))
  })

  it('pidf-manipulation (a PIDF document): PUT, GET, decoded to the same value', async () => {
    await roundTrip(Presence.document, Pidf.usage, hardState(aor('docs')))
  })

  it('xcap-directory: every document PUT, with the ETag of its PUT', async () => {
    // Kamailio orders the folders by its internal document type (pres-rules 2, resource-lists 4, rls-services 8,
    // pidf-manipulation 16, pres-content 128), not by AUID nor by time
    const order = [PresRules.usage, ResourceLists.usage, RlsServices.usage, Pidf.usage, PresContent.usage]
    expect([...stored.keys()].sort()).toEqual(order.map((u) => u.auid).sort())
    const doc = { usage: XcapDirectory.usage, xui: aor('docs') }
    const got = expectOk(await xcap.getDocument(doc, { codec: XcapDirectory.document }), 'GET directory')
    // generated on each GET: no ETag (OMA XDM: an XCAP document like any other), lines end in CRLF
    expect([got.status, got.etag, got.contentType]).toEqual([200, undefined, XcapDirectory.CONTENT_TYPE])
    expect(got.text).toContain('</folder>\r\n')
    const dir = decoded(got.decoded, got.text)
    // an entry has only its uri (http://, the request's Host, the path as PUT: documentUri's URI) and etag (the ETag
    // header's value without its quotes, the string the client returns for the header): no last-modified, no size
    const entry = (u: ApplicationUsage): XcapDirectory.Entry =>
      XcapDirectory.entry({ uri: documentUri(srv.xcapRoot, u, aor('docs')), etag: stored.get(u.auid)?.etag ?? '' })
    same(dir, XcapDirectory.xcapDirectory(order.map((u) => XcapDirectory.folder(u.auid, [entry(u)]))))
    for (const { usage, etag } of stored.values()) {
      const e = XcapDirectory.entryByUri(documentUri(srv.xcapRoot, usage, aor('docs'))).getOption(dir)
      expect(e._tag === 'Some' ? e.value.etag : undefined).toBe(etag)
    }
  })

  it('DELETE of each document (If-Match): 200, then 404, and the directory is empty', async () => {
    for (const [auid, { doc, etag }] of [...stored]) {
      const del = expectOk(await xcap.deleteDocument(doc, { ifMatch: etag }), `DELETE ${auid}`)
      expect([del.status, del.etag]).toEqual([200, undefined])
      stored.delete(auid)
      expect(statusOf(await xcap.getDocument(doc))).toBe('NotFound 404')
    }
    const doc = { usage: XcapDirectory.usage, xui: aor('docs') }
    const got = expectOk(await xcap.getDocument(doc, { codec: XcapDirectory.document }), 'GET directory')
    same(decoded(got.decoded, got.text), XcapDirectory.xcapDirectory([]))
  })

  it('pres-rules changed through XCAP: bob allowed, politely blocked, allowed, blocked, allowed', async () => {
    const alice = await ua('alice')
    const bob = await ua('bob')
    const doc = { usage: PresRules.usage, xui: aor('alice') }
    const allowBob = PresRules.allow([aor('bob')], { id: 'bob', transformations: PresRules.provideAll() })
    const allowing = PresRules.presRules([allowBob])
    const subscribe = async (): Promise<Subscription> => {
      const target = name('alice')
      const s = await bob.subscribe({ target, event: 'presence', accept: Pidf.CONTENT_TYPE, expires: 300 })
      subs.push(s)
      return s
    }
    const putRules = async (rules: PresRules.PresRules, ifMatch: string): Promise<string> => {
      const etag = etagOf(await xcap.putDocument(doc, PresRules.document.encode(rules), { ifMatch }), 'PUT pres-rules')
      stored.set('alice pres-rules', { doc, usage: PresRules.usage, etag })
      return etag
    }

    // 1. alice's rules allow bob; alice publishes; bob subscribes: active, her PIDF
    const e0 = etagOf(await xcap.putDocument(doc, PresRules.document.encode(allowing)), 'PUT pres-rules')
    stored.set('alice pres-rules', { doc, usage: PresRules.usage, etag: e0 })
    const published = Presence.document.encode(alicePresence(aor('alice')))
    const pub = await alice.publish({ event: 'presence', contentType: Pidf.CONTENT_TYPE, body: published })
    expect(pub.status).toBe(200)
    aliceSipEtag = header(pub, 'sip-etag')
    publisher = alice
    const sub1 = await subscribe()
    await nth(sub1, 1, 'first NOTIFY')
    await settle()
    expect(summary(sub1)).toEqual(['active pidf'])

    // 2. politely blocked by an element PUT of the rule (the unprefixed selector: see the pres-rules round trip)
    const politeBlock = PresRules.withSubHandling(allowBob, 'polite-block')
    const ruleBody = print(PresRules.Rule.encode(politeBlock), { declaration: false })
    const selector = 'ruleset/rule[@id="bob"]'
    const e1 = etagOf(await xcap.putElement({ doc, selector }, ruleBody, { ifMatch: e0 }), 'PUT rule')
    stored.set('alice pres-rules', { doc, usage: PresRules.usage, etag: e1 })
    // the stored document decodes to the rules with the new rule. Kamailio re-serialised it with libxml2: a line break
    // after the declaration and at the end, the root's declarations in another order (its default namespace was
    // renamed to an attribute while the selector was evaluated), and the rule as PUT, its declarations included
    const got1 = expectOk(await xcap.getDocument(doc, { codec: PresRules.document }), 'GET pres-rules')
    expect(got1.etag).toBe(e1)
    same(decoded(got1.decoded, got1.text), PresRules.presRules([politeBlock]))
    expect(got1.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<ruleset xmlns:pr="${PresRules.NS}" xmlns="${CommonPolicy.NS}">${ruleBody}</ruleset>\n`
    )
    // bob's subscription is re-evaluated at once: still active, and a NOTIFY without a body (RFC 5025 §3.2.1: a
    // document that shows the presentity unavailable, such as one closed tuple)
    await nth(sub1, 2, 'NOTIFY after polite-block')
    await settle()
    expect(summary(sub1)).toEqual(['active pidf', 'active -'])
    // a new SUBSCRIBE from bob: accepted, active, no body
    const sub2 = await subscribe()
    expect(sub2.response.status).toBe(200)
    await nth(sub2, 1, 'first NOTIFY')
    await settle()
    expect(summary(sub2)).toEqual(['active -'])

    // 3. allowed again by a document PUT with If-Match: both subscriptions get her PIDF, twice: once because their
    //    authorisation changed (the cfg's pres_update_watchers), once because the cfg refreshes the watchers after
    //    every pres-rules PUT (pres_refresh_watchers, which passes over politely blocked and terminated ones)
    const e2 = await putRules(allowing, e1)
    await nth(sub1, 4, 'two NOTIFYs after allow')
    await nth(sub2, 3, 'two NOTIFYs after allow')
    await settle()
    expect(summary(sub1)).toEqual(['active pidf', 'active -', 'active pidf', 'active pidf'])
    expect(summary(sub2)).toEqual(['active -', 'active pidf', 'active pidf'])

    // 4. blocked by a document PUT with If-Match: both subscriptions are terminated, reason rejected (RFC 6665
    //    §4.2.2), no body
    const e3 = await putRules(PresRules.subHandlingById('bob').set('block')(allowing), e2)
    await nth(sub1, 5, 'terminated NOTIFY')
    await nth(sub2, 4, 'terminated NOTIFY')
    await settle()
    expect(summary(sub1)).toEqual(['active pidf', 'active -', 'active pidf', 'active pidf', 'terminated;rejected -'])
    expect(summary(sub2)).toEqual(['active -', 'active pidf', 'active pidf', 'terminated;rejected -'])
    // a new SUBSCRIBE from bob: 200 OK, then a NOTIFY that terminates it (RFC 5025 §3.2.1: block "tells the server to
    // reject the subscription"; Kamailio accepts it and ends it at once)
    const sub3 = await subscribe()
    expect(sub3.response.status).toBe(200)
    await nth(sub3, 1, 'first NOTIFY')
    await settle()
    expect(summary(sub3)).toEqual(['terminated;rejected -'])

    // 5. allowed again. The subscriptions the rules change terminated stay terminated (no NOTIFY); the one Kamailio
    //    terminated at its SUBSCRIBE comes back to life in the same dialog: active, her PIDF, twice as in 3 (RFC 6665
    //    §4.1.3, §4.2.2: a terminated subscription is over, a NOTIFY for it gets 481; this UA answers 200 to every
    //    NOTIFY in a dialog it has seen). A new SUBSCRIBE is active, with her PIDF
    const e4 = await putRules(allowing, e3)
    await nth(sub3, 3, 'two NOTIFYs after allow')
    await settle()
    expect(summary(sub3)).toEqual(['terminated;rejected -', 'active pidf', 'active pidf'])
    expect([sub1, sub2].map((s) => s.notifies.length)).toEqual([5, 4])
    const sub4 = await subscribe()
    await nth(sub4, 1, 'first NOTIFY')
    await settle()
    expect(summary(sub4)).toEqual(['active pidf'])

    // clean up one server worker at a time: bob ends the two live subscriptions (the last NOTIFY has her PIDF),
    // alice withdraws her publication, then her rules are deleted
    subs.splice(0)
    for (const s of [sub3, sub4]) {
      const count = s.notifies.length
      expect((await s.unsubscribe()).status).toBe(200)
      await nth(s, count + 1, 'NOTIFY ending the subscription')
      expect(summary(s)[count]).toBe('terminated;timeout pidf')
    }
    const unpublish = await alice.publish({ event: 'presence', expires: 0, sipIfMatch: aliceSipEtag ?? '' })
    expect(unpublish.status).toBe(200)
    publisher = undefined
    await settle()
    expectOk(await xcap.deleteDocument(doc, { ifMatch: e4 }), 'DELETE pres-rules')
    stored.delete('alice pres-rules')
    expect(statusOf(await xcap.getDocument(doc))).toBe('NotFound 404')

    // every NOTIFY: a PIDF body is alice's publication re-serialised by Kamailio (libxml2's indentation, byte for byte
    // the library's pretty encoding) and decodes to what she published; the others have no body and no Content-Type
    const pretty = Presence.document.encode(alicePresence(aor('alice')), { pretty: true })
    const all = [sub1, sub2, sub3, sub4].flatMap((s, i) =>
      s.notifies.map((n, j) => ({ n, label: `sub${i + 1}-${j + 1}` }))
    )
    expect(all.length).toBe(5 + 4 + 4 + 2)
    for (const { n, label } of all) {
      capture(label, n)
      if (isPidf(n)) {
        expect([n.body === published, n.body === pretty]).toEqual([false, true])
        same(decoded(Presence.document.decode(n.body), n.body), alicePresence(aor('alice')))
      } else expect([n.contentType, n.body]).toEqual([undefined, ''])
    }
  })
})
