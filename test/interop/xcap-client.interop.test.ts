/**
 * The XCAP client (src/xcap/Client.ts) against Kamailio 5.6's xcap_server on loopback, with Node's own global `fetch`
 * injected.
 *
 *   1. capabilities: the xcap-caps document (served by the cfg script), fetched once.
 *   2. resource-lists: element and attribute GET, PUT and DELETE by node selector, conditional requests.
 *   3. pres-rules: the same on a common-policy ruleset.
 *   4. a conditional PUT with a stale ETag gets 412; the client fetches again, re-applies its change, and succeeds.
 *   5. two clients edit different entries of one list at once: both read, both write with If-Match, one gets 412 and
 *      redoes its edit on the fresh copy; both edits end up in the stored document.
 *   6. what Kamailio does differently from RFC 4825, pinned down so that a change shows.
 *
 * Documents are literal XML. Kamailio evaluates node selectors as plain libxml2 XPath after renaming every ` xmlns=`
 * of the stored document, so selectors must be unprefixed, and only elements written in a default namespace (not with
 * a prefix) can be selected. Never GET `.../namespace::*` from it: that crashes the server (SIGSEGV).
 * Every exchange is written to <stateDir>/captures/xcap-client-exchanges.txt.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { applicationUsage } from '../../src/xcap/ApplicationUsage.js'
import * as Xcap from '../../src/xcap/Client.js'
import { releaseServer, requireServer, writeCapture, type Server } from './harness.js'

const server = await requireServer()

const RL_NS = 'urn:ietf:params:xml:ns:resource-lists'
const CP_NS = 'urn:ietf:params:xml:ns:common-policy'
const PR_NS = 'urn:ietf:params:xml:ns:pres-rules'
const resourceLists = applicationUsage({ auid: 'resource-lists', namespace: RL_NS, mimeType: 'application/resource-lists+xml' })
const presRules = applicationUsage({ auid: 'pres-rules', namespace: PR_NS, mimeType: 'application/auth-policy+xml' })

const RUN = randomBytes(3).toString('hex')
const xui = (user: string): string => `sip:${user}-${RUN}@example.com`

// ---------------------------------------------------------------------------
// DOCUMENTS
// ---------------------------------------------------------------------------

const friendsList = `<?xml version="1.0" encoding="UTF-8"?>
<resource-lists xmlns="${RL_NS}">
  <list name="friends">
    <entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry>
    <entry uri="sip:dave@example.com"/>
  </list>
  <list name="family">
    <entry uri="sip:mum@example.com"/>
  </list>
</resource-lists>
`

const sharedList = `<?xml version="1.0" encoding="UTF-8"?>
<resource-lists xmlns="${RL_NS}">
  <list name="team">
    <entry uri="sip:bob@example.com"/>
    <entry uri="sip:carol@example.com"/>
  </list>
</resource-lists>
`

/** pres-rules written with default namespaces only (what Kamailio can select in). */
const ruleset = `<?xml version="1.0" encoding="UTF-8"?>
<ruleset xmlns="${CP_NS}">
  <rule id="allow-bob">
    <conditions><identity><one id="sip:bob@example.com"/></identity></conditions>
    <actions><sub-handling xmlns="${PR_NS}">allow</sub-handling></actions>
    <transformations/>
  </rule>
</ruleset>
`

/** The same rules written with a prefix for common-policy. */
const prefixedRuleset = `<?xml version="1.0" encoding="UTF-8"?>
<cp:ruleset xmlns:cp="${CP_NS}" xmlns:pr="${PR_NS}">
  <cp:rule id="allow-bob">
    <cp:conditions><cp:identity><cp:one id="sip:bob@example.com"/></cp:identity></cp:conditions>
    <cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions>
  </cp:rule>
</cp:ruleset>
`

const uris = (doc: string): ReadonlyArray<string> => [...doc.matchAll(/<entry [^>]*uri="([^"]*)"/g)].map((m) => m[1])

// ---------------------------------------------------------------------------
// CLIENTS
// ---------------------------------------------------------------------------

interface Exchange {
  readonly who: string
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
 * The global fetch, every exchange recorded. Kamailio closes the connection after each reply without saying so (no
 * `Connection: close`), and Node's fetch keeps connections alive: a request sent on a connection the server is closing
 * fails ("other side closed"), now and then. `Connection: close` keeps every request on a fresh connection.
 */
const recording =
  (who: string): Xcap.Fetch =>
  async (url, init) => {
    try {
      const res = await fetch(url, { ...init, headers: { ...init.headers, Connection: 'close' } })
      const bytes = await res.arrayBuffer()
      exchanges.push({
        who,
        method: init.method,
        url,
        headers: init.headers,
        status: res.status,
        ...(res.headers.get('etag') === null ? {} : { etag: res.headers.get('etag') ?? '' }),
        ...(res.headers.get('content-type') === null ? {} : { contentType: res.headers.get('content-type') ?? '' }),
        body: new TextDecoder().decode(bytes)
      })
      return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes }
    } catch (e) {
      exchanges.push({ who, method: init.method, url, headers: init.headers, status: `fetch failed: ${String(e)}`, body: '' })
      throw e
    }
  }

/** Requests sent since `mark`, for one client. */
const sentSince = (mark: number, who: string): ReadonlyArray<Exchange> => exchanges.slice(mark).filter((x) => x.who === who)

const expectOk = <S extends Xcap.Ok>(r: Xcap.Outcome<S>, what: string): S => {
  if (r._tag !== 'Ok') throw new Error(`${what}: expected Ok, got ${JSON.stringify(r)}`)
  return r
}

const etagOf = (r: Xcap.Outcome<Xcap.Ok>, what: string): string => {
  const ok = expectOk(r, what)
  if (ok.etag === undefined) throw new Error(`${what}: no ETag`)
  return ok.etag
}

describe.skipIf(!server.ok)('Kamailio interop: the XCAP client with the global fetch', () => {
  const srv = server as Server
  /** A client: Kamailio answers 500 for errors that will not go away, so one retry is enough to see the policy. */
  const make = (who: string, attempts = 2): Xcap.Client =>
    Xcap.client({ root: srv.xcapRoot, fetch: recording(who), retry: { attempts, baseDelayMs: 10, maxDelayMs: 50 } })
  const created: Array<Xcap.DocumentRef> = []

  afterAll(async () => {
    // documents a test already deleted answer 500 (Kamailio's "not found")
    const cleaner = make('cleanup', 1)
    for (const doc of created) await cleaner.deleteDocument(doc)
    writeCapture(
      srv,
      'xcap-client-exchanges.txt',
      exchanges
        .map(
          (x) =>
            `[${x.who}] ${x.method} ${x.url}\n` +
            Object.entries(x.headers).map(([k, v]) => `  > ${k}: ${v}\n`).join('') +
            `  < ${x.status}${x.etag === undefined ? '' : ` ETag: ${x.etag}`}${x.contentType === undefined ? '' : ` Content-Type: ${x.contentType}`}\n` +
            (x.body === '' ? '' : x.body.replace(/^/gm, '  | ') + '\n')
        )
        .join('\n')
    )
    await releaseServer()
  })

  it('capabilities: xcap-caps/global/index, fetched once', async () => {
    const c = make('caps')
    const mark = exchanges.length
    const a = expectOk(await c.capabilities(), 'capabilities')
    const b = await c.capabilities()
    expect(b).toBe(a)
    expect(sentSince(mark, 'caps').map((x) => `${x.method} ${x.url}`)).toEqual([`GET ${srv.xcapRoot}/xcap-caps/global/index`])
    expect(a.contentType).toBe('application/xcap-caps+xml')
    expect(a.decoded._tag).toBe('Right')
    if (a.decoded._tag !== 'Right') return
    expect(a.decoded.right.auids).toEqual(expect.arrayContaining(['xcap-caps', 'resource-lists', 'pres-rules', 'rls-services']))
    expect(a.decoded.right.namespaces).toEqual(expect.arrayContaining([RL_NS, PR_NS]))
    expect(a.decoded.right.extensions).toEqual([])
    // xcap-caps is read-only: 405 (from the cfg script)
    const put = await c.putDocument({ uri: `${srv.xcapRoot}/xcap-caps/global/index`, mimeType: 'application/xcap-caps+xml' }, '<xcap-caps/>')
    expect([put._tag, 'status' in put ? put.status : undefined]).toEqual(['HttpError', 405])
  })

  it('resource-lists: element and attribute GET, PUT and DELETE by node selector', async () => {
    const c = make('rl')
    const doc = { usage: resourceLists, xui: xui('alice') }
    created.push(doc)
    const friends = 'resource-lists/list[@name="friends"]'
    const bob = { doc, selector: `${friends}/entry[@uri="sip:bob@example.com"]` }
    const carol = { doc, selector: `${friends}/entry[@uri="sip:carol@example.com"]` }

    // create (Kamailio answers 200, RFC 4825 §7.1 says 201 for a new document)
    const created0 = expectOk(await c.putDocument(doc, friendsList, { ifNoneMatch: '*' }), 'PUT document')
    expect(created0.status).toBe(200)
    const e0 = etagOf(created0, 'PUT document')

    const got = expectOk(await c.getDocument(doc), 'GET document')
    expect([got.etag, got.contentType, got.text]).toEqual([e0, 'application/resource-lists+xml', friendsList])
    expect((await c.getDocument(doc, { ifNoneMatch: e0 }))._tag).toBe('NotModified')

    // element GET: the document's ETag; the content type is the document's (RFC: application/xcap-el+xml)
    const el = expectOk(await c.getElement(bob), 'GET element')
    expect([el.etag, el.contentType, el.text]).toEqual([e0, 'application/resource-lists+xml', '<entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry>'])
    expect((await c.getElement(bob, { ifNoneMatch: e0 }))._tag).toBe('NotModified')

    // element PUT, inserting: appended to the list
    const e1 = etagOf(await c.putElement(carol, `<entry xmlns="${RL_NS}" uri="sip:carol@example.com"><display-name>Carol</display-name></entry>`, { ifMatch: e0 }), 'PUT new element')
    expect(e1).not.toBe(e0)
    expect(expectOk(await c.getElement(carol), 'GET new element').text).toContain('<display-name>Carol</display-name>')

    // element PUT, replacing: Kamailio moves the element to the end of its parent (RFC: it stays in place)
    const e2 = etagOf(await c.putElement(bob, `<entry xmlns="${RL_NS}" uri="sip:bob@example.com"><display-name>Robert</display-name></entry>`, { ifMatch: e1 }), 'PUT element')
    const afterReplace = expectOk(await c.getDocument(doc), 'GET document')
    expect(afterReplace.etag).toBe(e2)
    expect(afterReplace.text).toContain('<display-name>Robert</display-name>')
    expect(uris(afterReplace.text)).toEqual(['sip:dave@example.com', 'sip:carol@example.com', 'sip:bob@example.com', 'sip:mum@example.com'])

    // attribute GET: the raw value (content type: the document's; RFC: application/xcap-att+xml)
    const name = expectOk(await c.getAttribute({ doc, selector: 'resource-lists/list[2]/@name' }), 'GET attribute')
    expect([name.value, name.etag, name.contentType]).toEqual(['family', e2, 'application/resource-lists+xml'])
    expect(expectOk(await c.getAttribute({ doc, selector: `${friends}/entry[1]/@uri` }), 'GET attribute').value).toBe('sip:dave@example.com')

    // attribute PUT: Kamailio parses the body as an XML document, so a plain value is a 500 (RFC: 200, value set);
    // 500 looks transient, so the client tried twice; the document is unchanged
    const mark = exchanges.length
    const attPut = await c.putAttribute({ doc, selector: 'resource-lists/list[2]/@name' }, 'relatives', { ifMatch: e2 })
    expect([attPut._tag, 'status' in attPut ? attPut.status : undefined]).toEqual(['HttpError', 500])
    expect(sentSince(mark, 'rl').map((x) => [x.method, x.headers['Content-Type'], x.status])).toEqual([
      ['PUT', 'application/xcap-att+xml', 500],
      ['PUT', 'application/xcap-att+xml', 500]
    ])
    expect(expectOk(await c.getDocument(doc), 'GET document').etag).toBe(e2)

    // attribute DELETE: 200 and a new ETag, but the attribute is emptied, not removed (RFC: removed); a GET of it
    // answers 404 all the same (Kamailio takes an empty value for no match)
    const e3 = etagOf(await c.deleteAttribute({ doc, selector: 'resource-lists/list[2]/@name' }, { ifMatch: e2 }), 'DELETE attribute')
    expect(e3).not.toBe(e2)
    expect((await c.getAttribute({ doc, selector: 'resource-lists/list[2]/@name' }))._tag).toBe('NotFound')
    expect(expectOk(await c.getDocument(doc), 'GET document').text).toContain('<list name="">')

    // element DELETE, then the element is gone
    const e4 = etagOf(await c.deleteElement(carol, { ifMatch: e3 }), 'DELETE element')
    expect(e4).not.toBe(e3)
    expect((await c.getElement(carol))._tag).toBe('NotFound')
    expect(uris(expectOk(await c.getDocument(doc), 'GET document').text)).toEqual(['sip:dave@example.com', 'sip:bob@example.com', 'sip:mum@example.com'])

    // a stale If-Match on DELETE: 412, not retried
    const m2 = exchanges.length
    expect((await c.deleteElement(bob, { ifMatch: e3 }))._tag).toBe('PreconditionFailed')
    expect(sentSince(m2, 'rl').length).toBe(1)

    // the document: DELETE, then 404
    expectOk(await c.deleteDocument(doc, { ifMatch: e4 }), 'DELETE document')
    expect((await c.getDocument(doc))._tag).toBe('NotFound')
    expect((await c.getElement(bob))._tag).toBe('NotFound')
  })

  it('pres-rules: element and attribute GET, PUT and DELETE in a common-policy ruleset', async () => {
    const c = make('pr')
    const doc = { usage: presRules, xui: xui('alice') }
    created.push(doc)
    const allowBob = 'ruleset/rule[@id="allow-bob"]'
    const subHandling = { doc, selector: `${allowBob}/actions/sub-handling` }
    const eve = { doc, selector: 'ruleset/rule[@id="block-eve"]' }

    const e0 = etagOf(await c.putDocument(doc, ruleset), 'PUT document')
    const got = expectOk(await c.getDocument(doc), 'GET document')
    expect([got.contentType, got.text]).toEqual(['application/auth-policy+xml', ruleset])

    const sh = expectOk(await c.getElement(subHandling), 'GET sub-handling')
    expect([sh.etag, sh.contentType, sh.text]).toEqual([e0, 'application/auth-policy+xml', `<sub-handling xmlns="${PR_NS}">allow</sub-handling>`])

    // replace the sub-handling (a pres-rules element inside a common-policy one)
    const e1 = etagOf(await c.putElement(subHandling, `<sub-handling xmlns="${PR_NS}">polite-block</sub-handling>`, { ifMatch: e0 }), 'PUT sub-handling')
    expect(expectOk(await c.getElement(subHandling), 'GET sub-handling').text).toBe(`<sub-handling xmlns="${PR_NS}">polite-block</sub-handling>`)

    // insert a rule
    const rule = `<rule xmlns="${CP_NS}" id="block-eve"><conditions><identity><one id="sip:eve@example.com"/></identity></conditions><actions><sub-handling xmlns="${PR_NS}">block</sub-handling></actions></rule>`
    const e2 = etagOf(await c.putElement(eve, rule, { ifMatch: e1 }), 'PUT rule')
    expect(expectOk(await c.getElement(eve), 'GET rule').text).toBe(rule)
    const one = expectOk(await c.getAttribute({ doc, selector: 'ruleset/rule[@id="block-eve"]/conditions/identity/one/@id' }), 'GET attribute')
    expect([one.value, one.etag]).toEqual(['sip:eve@example.com', e2])
    expect(expectOk(await c.getAttribute({ doc, selector: `${allowBob}/@id` }), 'GET rule id').value).toBe('allow-bob')

    // delete it again
    etagOf(await c.deleteElement(eve, { ifMatch: e2 }), 'DELETE rule')
    expect((await c.getElement(eve))._tag).toBe('NotFound')
    const final = expectOk(await c.getDocument(doc), 'GET document').text
    expect(final).toContain('polite-block')
    expect(final).not.toContain('block-eve')

    // the RFC 4825 form of the selector binds common-policy to a prefix (pres-rules is the AUID's default namespace,
    // RFC 5025 §9.4): Kamailio evaluates the query string as XPath and answers 500
    const mark = exchanges.length
    const rfc = await c.getElement({ doc, selector: 'cp:ruleset/cp:rule[@id="allow-bob"]/cp:actions/sub-handling', namespaces: { cp: CP_NS } })
    expect([rfc._tag, 'status' in rfc ? rfc.status : undefined]).toEqual(['HttpError', 500])
    expect(sentSince(mark, 'pr')[0].url).toBe(
      `${srv.xcapRoot}/pres-rules/users/${xui('alice')}/index/~~/cp:ruleset/cp:rule%5B@id=%22allow-bob%22%5D/cp:actions/sub-handling?xmlns(cp=urn:ietf:params:xml:ns:common-policy)`
    )

    // a document written with prefixes: its elements cannot be selected at all (unprefixed: 404, prefixed: 500)
    const prefixed = { usage: presRules, xui: xui('bob') }
    created.push(prefixed)
    etagOf(await c.putDocument(prefixed, prefixedRuleset), 'PUT prefixed document')
    expect((await c.getElement({ doc: prefixed, selector: 'ruleset/rule[@id="allow-bob"]' }))._tag).toBe('NotFound')
    const p = await c.getElement({ doc: prefixed, selector: 'cp:ruleset/cp:rule[@id="allow-bob"]', namespaces: { cp: CP_NS } })
    expect([p._tag, 'status' in p ? p.status : undefined]).toEqual(['HttpError', 500])
  })

  it('a stale If-Match gets 412; the client fetches again, re-applies its change, and succeeds', async () => {
    const a = make('stale-a')
    const b = make('stale-b')
    const doc = { usage: resourceLists, xui: xui('stale') }
    created.push(doc)
    etagOf(await a.putDocument(doc, sharedList), 'PUT document')

    const read = etagOf(await a.getDocument(doc), 'A: GET')
    // meanwhile B adds erin
    etagOf(await b.putElement({ doc, selector: 'resource-lists/list[@name="team"]/entry[@uri="sip:erin@example.com"]' }, `<entry xmlns="${RL_NS}" uri="sip:erin@example.com"/>`, { ifMatch: read }), 'B: PUT erin')

    // A adds frank on its stale copy: 412, sent once
    const frank = { doc, selector: 'resource-lists/list[@name="team"]/entry[@uri="sip:frank@example.com"]' }
    const body = `<entry xmlns="${RL_NS}" uri="sip:frank@example.com"><display-name>Frank</display-name></entry>`
    const mark = exchanges.length
    const stale = await a.putElement(frank, body, { ifMatch: read })
    expect(stale._tag).toBe('PreconditionFailed')
    expect(sentSince(mark, 'stale-a').map((x) => [x.method, x.headers['If-Match'], x.status])).toEqual([['PUT', `"${read}"`, 412]])

    // fetch again, re-apply, succeed
    const fresh = etagOf(await a.getDocument(doc), 'A: GET again')
    expect(fresh).not.toBe(read)
    etagOf(await a.putElement(frank, body, { ifMatch: fresh }), 'A: PUT frank again')
    expect(uris(expectOk(await a.getDocument(doc), 'GET document').text)).toEqual([
      'sip:bob@example.com',
      'sip:carol@example.com',
      'sip:erin@example.com',
      'sip:frank@example.com'
    ])
  })

  it('two clients edit different entries of one list at once; the one that gets 412 redoes its edit; both edits are stored', async () => {
    const doc = { usage: resourceLists, xui: xui('shared') }
    created.push(doc)
    etagOf(await make('setup').putDocument(doc, sharedList), 'PUT document')

    /** Both clients have read before either writes. */
    let arrived = 0
    let open: () => void = () => undefined
    const bothRead = new Promise<void>((resolve) => (open = resolve))
    const barrier = (): Promise<void> => {
      arrived++
      if (arrived === 2) open()
      return bothRead
    }

    /** Read, edit the copy, write it back with If-Match; on 412 start again from a fresh copy. */
    const edit = async (who: string, from: string, to: string): Promise<ReadonlyArray<string>> => {
      const c = make(who)
      const log: Array<string> = []
      for (let round = 0; round < 5; round++) {
        const got = expectOk(await c.getDocument(doc), `${who}: GET`)
        if (round === 0) await barrier()
        if (!got.text.includes(from)) throw new Error(`${who}: ${from} is not in\n${got.text}`)
        const put = await c.putDocument(doc, got.text.replace(from, to), { ifMatch: got.etag ?? '' })
        log.push(put._tag)
        if (put._tag === 'Ok') return log
        if (put._tag !== 'PreconditionFailed') throw new Error(`${who}: PUT: ${JSON.stringify(put)}`)
      }
      return log
    }

    const [a, b] = await Promise.all([
      edit('edit-a', '<entry uri="sip:bob@example.com"/>', '<entry uri="sip:bob@example.com"><display-name>Bob (by A)</display-name></entry>'),
      edit('edit-b', '<entry uri="sip:carol@example.com"/>', '<entry uri="sip:carol@example.com"><display-name>Carol (by B)</display-name></entry>')
    ])
    // one won the first round, the other got 412 and succeeded on the fresh copy
    expect([a, b].map((l) => l.join(',')).sort()).toEqual(['Ok', 'PreconditionFailed,Ok'])

    const stored = expectOk(await make('check').getDocument(doc), 'GET document').text
    expect(stored).toContain('<entry uri="sip:bob@example.com"><display-name>Bob (by A)</display-name></entry>')
    expect(stored).toContain('<entry uri="sip:carol@example.com"><display-name>Carol (by B)</display-name></entry>')
  })

  it('what Kamailio does differently from RFC 4825', async () => {
    const c = make('quirks')
    const doc = { usage: resourceLists, xui: xui('quirks') }
    created.push(doc)
    const friends = 'resource-lists/list[@name="friends"]'
    const status = (r: Xcap.Outcome<Xcap.Ok>): string => `${r._tag} ${'status' in r ? r.status : ''}`.trim()

    etagOf(await c.putDocument(doc, friendsList), 'PUT document')

    // If-None-Match: * is ignored: the document is overwritten (RFC: 412); Kamailio only knows the quoted "*"
    expect(status(await c.putDocument(doc, friendsList, { ifNoneMatch: '*' }))).toBe('Ok 200')

    // a prefixed selector with its ?xmlns() binding: 500 (RFC: 200)
    expect(status(await c.getElement({ doc, selector: 'rl:resource-lists/rl:list[@name="friends"]', namespaces: { rl: RL_NS } }))).toBe('HttpError 500')

    // a selector matching several elements: 200 with the elements joined by commas (RFC: 404, not one element)
    const many = expectOk(await c.getElement({ doc, selector: `${friends}/entry` }), 'GET several')
    expect(many.text).toBe('<entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry>,<entry uri="sip:dave@example.com"/>')

    // DELETE of a node that does not exist: 500 (RFC: 404)
    expect(status(await c.deleteElement({ doc, selector: `${friends}/entry[@uri="sip:nobody@example.com"]` }))).toBe('HttpError 500')

    // element PUT under a parent that does not exist: 500 (RFC: 409 <no-parent>)
    expect(status(await c.putElement({ doc, selector: 'resource-lists/list[@name="nope"]/entry[@uri="sip:x@example.com"]' }, `<entry xmlns="${RL_NS}" uri="sip:x@example.com"/>`))).toBe('HttpError 500')

    // element PUT whose body the selector would not select afterwards: stored (RFC: 409 <cannot-insert>)
    expect(status(await c.putElement({ doc, selector: `${friends}/entry[@uri="sip:zoe@example.com"]` }, `<entry xmlns="${RL_NS}" uri="sip:yves@example.com"/>`))).toBe('Ok 200')
    expect(uris(expectOk(await c.getDocument(doc), 'GET document').text)).toContain('sip:yves@example.com')

    // a body that is not well-formed: 500 (RFC: 409 <not-well-formed>); no xcap-error body ever
    const broken = await c.putElement({ doc, selector: `${friends}/entry[@uri="sip:w@example.com"]` }, '<entry uri="sip:w@example.com">')
    expect([status(broken), 'text' in broken ? broken.text : undefined, 'contentType' in broken ? broken.contentType : undefined]).toEqual(['HttpError 500', '', undefined])

    // a request URI longer than 255 bytes: 500
    const long = `${friends}/entry[@uri="sip:${'x'.repeat(200)}@example.com"]`
    expect(status(await c.getElement({ doc, selector: long }))).toBe('HttpError 500')

    // DELETE of a document that does not exist: 500 (RFC: 404)
    expect(status(await c.deleteDocument({ usage: resourceLists, xui: xui('nobody') }))).toBe('HttpError 500')

    // an AUID it does not know: 500 (RFC: 404)
    expect(status(await c.getDocument({ uri: `${srv.xcapRoot}/org.example.unknown/users/${xui('alice')}/index` }))).toBe('HttpError 500')
  })
})
