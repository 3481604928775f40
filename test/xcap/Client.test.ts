import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as Watcherinfo from '../../src/formats/Watcherinfo.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as ResourceLists from '../../src/formats/ResourceLists.js'
import { applicationUsage } from '../../src/xcap/ApplicationUsage.js'
import * as _ from '../../src/xcap/Client.js'
import { deepStrictEqual } from '../util.js'
import { parse } from '../../src/xml/Parser.js'

const parseOk = (s: string) => {
  const r = parse(s)
  if (r._tag === 'Left') assert.fail(r.left.message)
  return r.right
}

// -------------------------------------------------------------------------------------
// a fake fetch: records the requests, answers canned responses in turn
// -------------------------------------------------------------------------------------

interface Recorded {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  readonly cache: string
}

type Answer =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  | { readonly reject: string }
  | { readonly brokenBody: string; readonly status: number }

const fake = (...answers: ReadonlyArray<Answer>) => {
  const requests: Array<Recorded> = []
  const fetch: _.Fetch = async (url, init) => {
    const body = init.body === undefined ? {} : { body: init.body }
    requests.push({ method: init.method, url, headers: { ...init.headers }, ...body, cache: init.cache })
    const a = answers[Math.min(requests.length - 1, answers.length - 1)]
    if (a === undefined) throw new Error('no canned answer')
    if ('reject' in a) throw new TypeError(a.reject)
    const headers = new Headers('headers' in a ? a.headers : {})
    if ('brokenBody' in a)
      return { status: a.status, headers, arrayBuffer: () => Promise.reject(new Error(a.brokenBody)) }
    const bytes = new TextEncoder().encode(a.body ?? '')
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
    return { status: a.status, headers, arrayBuffer: async () => buffer }
  }
  return { requests, fetch }
}

const ROOT = 'https://xcap.example.com/xcap-root/'
const rl = applicationUsage({
  auid: 'resource-lists',
  namespace: 'urn:ietf:params:xml:ns:resource-lists',
  mimeType: 'application/resource-lists+xml'
})
const RL = 'urn:ietf:params:xml:ns:resource-lists'
const alice = { usage: rl, xui: 'sip:alice@example.com' } as const
const DOC = 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index'

/** A client over canned answers that records the sleeps it asks for (random fixed at 0.5). */
const setup = (
  answers: ReadonlyArray<Answer>,
  o: {
    readonly retry?: _.Retry
    readonly random?: () => number
    readonly decodeError?: (body: string) => unknown
  } = {}
) => {
  const f = fake(...answers)
  const sleeps: Array<number> = []
  const c = _.client({
    root: ROOT,
    fetch: f.fetch,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: o.random ?? (() => 0.5),
    ...(o.retry === undefined ? {} : { retry: o.retry }),
    ...(o.decodeError === undefined ? {} : { decodeError: o.decodeError })
  })
  return { c, requests: f.requests, sleeps }
}

const ok200 = (body = '', headers: Readonly<Record<string, string>> = {}): Answer => ({ status: 200, headers, body })

describe('Client', () => {
  // -----------------------------------------------------------------------------------
  describe('URIs', () => {
    it('documents by usage and XUI, by document path, in the global tree, and by full URI', async () => {
      const { c, requests } = setup([ok200()])
      await c.getDocument(alice)
      await c.getDocument({ usage: rl, xui: 'sip:alice@example.com', document: 'lists/work friends' })
      await c.getDocument({ usage: applicationUsage({ ...rl, tree: 'global' }) })
      await c.getDocument({ uri: 'http://other.example.com/x/resource-lists/users/bob/index' })
      deepStrictEqual(
        requests.map((r) => r.url),
        [
          DOC,
          'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/lists/work%20friends',
          'https://xcap.example.com/xcap-root/resource-lists/global/index',
          'http://other.example.com/x/resource-lists/users/bob/index'
        ]
      )
      assert.strictEqual(c.root, 'https://xcap.example.com/xcap-root')
    })

    it('elements: the node selector after ~~/, what a path cannot hold percent-encoded, / @ * : kept', async () => {
      const { c, requests } = setup([ok200()])
      await c.getElement({
        doc: alice,
        selector: 'resource-lists/list[@name="friends"]/entry[@uri="sip:bob@example.com"]'
      })
      await c.getElement({ doc: alice, selector: '/resource-lists/*[2]/entry[1][@uri="sip:jörg@example.com"]' })
      await c.getElement({ doc: alice, selector: 'resource-lists/list[@name="a b&lt;c>%d?e#f{g}|h\\i^j`k"]' })
      await c.getElement({ doc: { uri: DOC + '/' }, selector: 'resource-lists/list[@name="x/y"]' })
      await c.getElement({ doc: alice, selector: "resource-lists/list[@name='say \"hi\"']/namespace::*" })
      deepStrictEqual(
        requests.map((r) => r.url),
        [
          `${DOC}/~~/resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:bob@example.com%22%5D`,
          `${DOC}/~~/resource-lists/*%5B2%5D/entry%5B1%5D%5B@uri=%22sip:j%C3%B6rg@example.com%22%5D`,
          `${DOC}/~~/resource-lists/list%5B@name=%22a%20b&lt;c%3E%25d%3Fe%23f%7Bg%7D%7Ch%5Ci%5Ej%60k%22%5D`,
          `${DOC}/~~/resource-lists/list%5B@name=%22x/y%22%5D`,
          `${DOC}/~~/resource-lists/list%5B@name='say%20%22hi%22'%5D/namespace::*`
        ]
      )
    })

    it('a selector goes in its canonical form: double quotes, references only if needed, plain positions', async () => {
      const { c, requests } = setup([ok200()])
      await c.getElement({ doc: alice, selector: "resource-lists/list[@name='friends']/entry[01]" })
      await c.getElement({ doc: alice, selector: 'resource-lists/list[@name="J&#233;r&#xF4;me &gt; &apos;x&apos;"]' })
      await c.getElement({ doc: alice, selector: 'resource-lists/list[@name=\'a "b" &amp; c\']' })
      deepStrictEqual(
        requests.map((r) => r.url),
        [
          `${DOC}/~~/resource-lists/list%5B@name=%22friends%22%5D/entry%5B1%5D`,
          `${DOC}/~~/resource-lists/list%5B@name=%22J%C3%A9r%C3%B4me%20%3E%20'x'%22%5D`,
          `${DOC}/~~/resource-lists/list%5B@name='a%20%22b%22%20&amp;%20c'%5D`
        ]
      )
    })

    it('a selector that Selector.parse refuses: InvalidRequest with the parser message, nothing sent', async () => {
      const { c, requests } = setup([ok200()])
      deepStrictEqual(await c.getElement({ doc: alice, selector: 'resource-lists/list[0]' }), {
        _tag: 'InvalidRequest',
        message: 'node selector, column 22: expected a position from 1, got "]"'
      })
      deepStrictEqual(await c.putAttribute({ doc: alice, selector: 'resource-lists/list[@name="a<b"]/@x' }, 'v'), {
        _tag: 'InvalidRequest',
        message: 'node selector, column 29: expected no "<" in a value, got "<b\\"]/@x"'
      })
      // what the RFC grammar or this library does not read: empty, trailing or doubled "/", XPath functions and
      // axes, spaces, several or reordered predicates, a bare "&", an extension selector
      const refused = [
        '',
        '/',
        'resource-lists/',
        '//entry',
        'resource-lists//entry',
        'resource-lists/list[last()]',
        'resource-lists/list[position()=1]',
        'resource-lists/list/..',
        'resource-lists/list/text()',
        'resource-lists/list[@name = "x"]',
        'resource-lists/list[@name!="x"]',
        'resource-lists/list[@name="x"][2]',
        'resource-lists/list[@a="1"][@b="2"]',
        'resource-lists/list[@name="a&b"]',
        'resource-lists/list[@name=x]',
        'resource-lists/list[99999999999999999]',
        'resource-lists/list%5B1%5D'
      ]
      for (const selector of refused) {
        const r = await c.deleteElement({ doc: alice, selector })
        assert.ok(r._tag === 'InvalidRequest' && r.message.startsWith('node selector, column '), selector)
      }
      assert.strictEqual(requests.length, 0)
    })

    it('attributes: the selector ends in /@name', async () => {
      const { c, requests } = setup([ok200('sip:bob@example.com')])
      await c.getAttribute({ doc: alice, selector: 'resource-lists/list[@name="friends"]/entry[1]/@uri' })
      assert.strictEqual(requests[0].url, `${DOC}/~~/resource-lists/list%5B@name=%22friends%22%5D/entry%5B1%5D/@uri`)
    })

    it('namespace bindings: ?xmlns(p=uri) for the prefixes the selector uses, in order of use, no others', async () => {
      const { c, requests } = setup([ok200()])
      await c.getElement({
        doc: alice,
        selector: 'rl:resource-lists/rl:list[@name="a:b"]/ext:x[@ext:y="c:d"]/@xml:lang',
        namespaces: { unused: 'urn:unused', ext: 'urn:example:ext (v1)#x', rl: RL }
      })
      await c.getElement({ doc: alice, selector: 'resource-lists/list', namespaces: { rl: RL } })
      deepStrictEqual(
        requests.map((r) => r.url),
        [
          `${DOC}/~~/rl:resource-lists/rl:list%5B@name=%22a:b%22%5D/ext:x%5B@ext:y=%22c:d%22%5D/@xml:lang` +
            '?xmlns(rl=urn:ietf:params:xml:ns:resource-lists)xmlns(ext=urn:example:ext%20%5E(v1%5E)%23x)',
          `${DOC}/~~/resource-lists/list`
        ]
      )
    })

    it('a prefix without a binding: nothing is sent', async () => {
      const { c, requests } = setup([ok200()])
      deepStrictEqual(await c.getElement({ doc: alice, selector: 'rl:resource-lists/p:x', namespaces: { rl: RL } }), {
        _tag: 'InvalidRequest',
        message: 'node selector: expected a namespace binding for the prefix "p", got none'
      })
      deepStrictEqual(await c.deleteElement({ doc: alice, selector: 'x:y', namespaces: { toString: 'urn:x' } }), {
        _tag: 'InvalidRequest',
        message: 'node selector: expected a namespace binding for the prefix "x", got none'
      })
      assert.strictEqual(requests.length, 0)
    })

    it('no input makes a method throw; nothing is sent for an invalid request', async () => {
      const anything = fc.oneof(fc.string(), fc.constantFrom('*', 'W/"w"', '"q"', 'a"b', 'p:q', ''))
      const namespaces = fc.dictionary(fc.string(), fc.string())
      await fc.assert(
        fc.asyncProperty(anything, anything, anything, namespaces, async (selector, etag, value, namespaces) => {
          const { c, requests } = setup([{ status: 200, headers: { etag: '"e"' } }])
          const node = { doc: alice, selector, namespaces }
          const outcomes = [
            await c.getElement(node, { ifNoneMatch: etag }),
            await c.putElement(node, value, { ifMatch: etag }),
            await c.putAttribute(node, value, { ifMatch: etag, ifNoneMatch: '*' }),
            await c.deleteAttribute(node, { ifMatch: etag }),
            await c.getAttribute(node)
          ]
          const sent = outcomes.filter((o) => o._tag === 'Ok').length
          return outcomes.every((o) => o._tag === 'Ok' || o._tag === 'InvalidRequest') && requests.length === sent
        })
      )
    })

    it('nodeUri, documentUriOf', () => {
      const d = { uri: 'http://h/r/d' }
      deepStrictEqual(_.nodeUri('http://h/r', { doc: d, selector: 'a' }), E.right('http://h/r/d/~~/a'))
      deepStrictEqual(
        _.nodeUri('http://h/r', { doc: d, selector: 'p:a/p:b/@xml:lang', namespaces: { p: 'urn:a^b' } }),
        E.right('http://h/r/d/~~/p:a/p:b/@xml:lang?xmlns(p=urn:a%5E%5Eb)')
      )
      deepStrictEqual(
        _.nodeUri('http://h/r', { doc: d, selector: 'a/namespace::*', namespaces: { p: 'urn:p' } }),
        E.right('http://h/r/d/~~/a/namespace::*')
      )
      deepStrictEqual(
        _.nodeUri('http://h/r', { doc: d, selector: 'a/@p:b' }),
        E.left('node selector: expected a namespace binding for the prefix "p", got none')
      )
      deepStrictEqual(
        _.nodeUri('http://h/r', { doc: d, selector: 'a b' }),
        E.left('node selector, column 2: expected "/", got " b"')
      )
      const index = 'http://h/r/resource-lists/users/sip:alice@example.com/index'
      assert.strictEqual(_.documentUriOf('http://h/r/', alice), index)
    })
  })

  // -----------------------------------------------------------------------------------
  describe('headers and bodies', () => {
    it('element bodies: the encoded element without a declaration, its namespaces on it, decoding back', () => {
      assert.strictEqual(
        _.elementBody(ResourceLists.Entry, ResourceLists.entry('sip:bob@example.com')),
        '<entry xmlns="urn:ietf:params:xml:ns:resource-lists" uri="sip:bob@example.com"/>'
      )
      const rule = PresRules.allow(['sip:bob@example.com'], { id: 'a' })
      const body = _.elementBody(PresRules.Rule, rule)
      assert.ok(!body.startsWith('<?xml'))
      const back = PresRules.Rule.decode(parseOk(body))
      assert.ok(E.isRight(back))
      assert.deepStrictEqual(back.right, rule)
    })
    it('document PUT: the usage MIME type, the body, If-Match quoted; no cache', async () => {
      const { c, requests } = setup([{ status: 200, headers: { etag: '"e2"' } }])
      const body = '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>'
      const r = await c.putDocument(alice, body, { ifMatch: 'e1' })
      deepStrictEqual(requests, [
        {
          method: 'PUT',
          url: DOC,
          headers: { 'If-Match': '"e1"', 'Content-Type': 'application/resource-lists+xml' },
          body: '<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"/>',
          cache: 'no-store'
        }
      ])
      deepStrictEqual(r, { _tag: 'Ok', status: 200, etag: 'e2', text: '', bytes: new Uint8Array() })
    })

    it('document PUT by URI: its own MIME type; create only with If-None-Match: *', async () => {
      const { c, requests } = setup([{ status: 201, headers: { etag: '"n"' } }])
      await c.putDocument({ uri: DOC, mimeType: 'application/auth-policy+xml' }, '<x/>', { ifNoneMatch: '*' })
      deepStrictEqual(requests[0].headers, { 'If-None-Match': '*', 'Content-Type': 'application/auth-policy+xml' })
    })

    it('ETags already quoted or weak are sent as they are', async () => {
      const { c, requests } = setup([ok200()])
      await c.deleteDocument(alice, { ifMatch: '"q"' })
      await c.deleteDocument(alice, { ifMatch: 'W/"w"' })
      await c.getDocument(alice, { ifNoneMatch: 'e' })
      deepStrictEqual(
        requests.map((r) => [r.method, r.headers]),
        [
          ['DELETE', { 'If-Match': '"q"' }],
          ['DELETE', { 'If-Match': 'W/"w"' }],
          ['GET', { 'If-None-Match': '"e"' }]
        ]
      )
    })

    it('an ETag that cannot be one: nothing is sent', async () => {
      const { c, requests } = setup([ok200()])
      deepStrictEqual(await c.putElement({ doc: alice, selector: 'a' }, '<a/>', { ifMatch: 'a"b' }), {
        _tag: 'InvalidRequest',
        message: 'expected an entity tag for If-Match, got "a\\"b"'
      })
      deepStrictEqual(await c.getDocument(alice, { ifNoneMatch: 'x\r\nInjected: 1' }), {
        _tag: 'InvalidRequest',
        message: 'expected an entity tag for If-None-Match, got "x\\r\\nInjected: 1"'
      })
      assert.strictEqual(requests.length, 0)
    })

    it('element PUT and DELETE: application/xcap-el+xml, the element as body; GET, DELETE send no body', async () => {
      const { c, requests } = setup([ok200()])
      const node = { doc: alice, selector: 'resource-lists/list[@name="friends"]/entry[@uri="sip:carol@example.com"]' }
      const entry = '<entry xmlns="urn:ietf:params:xml:ns:resource-lists" uri="sip:carol@example.com"/>'
      await c.putElement(node, entry, { ifMatch: 'e1' })
      await c.deleteElement(node, { ifMatch: 'e2' })
      await c.getElement(node, { ifNoneMatch: 'e3' })
      deepStrictEqual(
        requests.map(({ url: _url, ...r }) => r),
        [
          {
            method: 'PUT',
            headers: { 'If-Match': '"e1"', 'Content-Type': 'application/xcap-el+xml' },
            body: '<entry xmlns="urn:ietf:params:xml:ns:resource-lists" uri="sip:carol@example.com"/>',
            cache: 'no-store'
          },
          { method: 'DELETE', headers: { 'If-Match': '"e2"' }, cache: 'no-store' },
          { method: 'GET', headers: { 'If-None-Match': '"e3"' }, cache: 'no-store' }
        ]
      )
    })

    it('attribute PUT: application/xcap-att+xml, the value escaped; GET gives the value unescaped', async () => {
      const { c, requests } = setup([ok200(), ok200('Tom &amp; &quot;Jerry&quot; &#x1F600;&#10;&bogus; &#1114112;')])
      const node = { doc: alice, selector: 'resource-lists/list[1]/@name' }
      await c.putAttribute(node, 'Tom & "Jerry" <\'cat\'>\t\n\r', { ifNoneMatch: '*' })
      deepStrictEqual(requests[0].headers, { 'If-None-Match': '*', 'Content-Type': 'application/xcap-att+xml' })
      assert.strictEqual(requests[0].body, 'Tom &amp; &quot;Jerry&quot; &lt;&apos;cat&apos;>&#9;&#10;&#13;')
      const r = await c.getAttribute(node)
      assert.strictEqual(r._tag === 'Ok' ? r.value : r._tag, 'Tom & "Jerry" 😀\n&bogus; &#1114112;')
      assert.strictEqual(_.unescapeAttributeValue(_.escapeAttributeValue('a&b<c"d\'e\tf')), 'a&b<c"d\'e\tf')
    })
  })

  // -----------------------------------------------------------------------------------
  describe('outcomes', () => {
    it('Ok: status, ETag without quotes, content type, body as text and bytes', async () => {
      const body = '<entry uri="sip:bob@example.com">Bö</entry>'
      const { c } = setup([
        { status: 200, headers: { etag: '"sr-1-2-3"', 'content-type': 'application/xcap-el+xml' }, body }
      ])
      deepStrictEqual(await c.getElement({ doc: alice, selector: 'resource-lists/list/entry' }), {
        _tag: 'Ok',
        status: 200,
        etag: 'sr-1-2-3',
        contentType: 'application/xcap-el+xml',
        text: body,
        bytes: new TextEncoder().encode(body)
      })
    })

    it('Ok: a weak ETag is returned as it is', async () => {
      const { c } = setup([{ status: 204, headers: { etag: 'W/"w1"' } }])
      const r = await c.deleteElement({ doc: alice, selector: 'a' })
      assert.strictEqual(r._tag === 'Ok' ? r.etag : r._tag, 'W/"w1"')
    })

    it('GET of a document with a codec: its decode result, from the bytes', async () => {
      const winfo =
        '<?xml version="1.0" encoding="ISO-8859-1"?>' +
        '<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="0" state="full"/>'
      const { c } = setup([
        { status: 200, headers: { etag: '"w"', 'content-type': 'application/watcherinfo+xml' }, body: winfo },
        ok200('<nope/>')
      ])
      const r = await c.getDocument(alice, { codec: Watcherinfo.document })
      assert.strictEqual(r._tag, 'Ok')
      if (r._tag !== 'Ok') return
      deepStrictEqual(r.decoded, Watcherinfo.document.decode(winfo))
      assert.ok(E.isRight(r.decoded))
      assert.strictEqual(r.etag, 'w')
      const bad = await c.getDocument(alice, { codec: Watcherinfo.document })
      assert.ok(bad._tag === 'Ok' && E.isLeft(bad.decoded))
    })

    it('NotModified on 304', async () => {
      const { c } = setup([{ status: 304, headers: { etag: '"e1"' } }, { status: 304 }])
      deepStrictEqual(await c.getDocument(alice, { ifNoneMatch: 'e1' }), {
        _tag: 'NotModified',
        status: 304,
        etag: 'e1'
      })
      deepStrictEqual(await c.getDocument(alice, { ifNoneMatch: 'e1' }), { _tag: 'NotModified', status: 304 })
    })

    it('PreconditionFailed on 412', async () => {
      const { c } = setup([{ status: 412, body: 'stale' }])
      deepStrictEqual(await c.putElement({ doc: alice, selector: 'a' }, '<a/>', { ifMatch: 'old' }), {
        _tag: 'PreconditionFailed',
        status: 412,
        text: 'stale'
      })
    })

    it('Conflict on 409: the xcap-error body decoded with the injected decoder, else kept raw', async () => {
      const err = '<xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error"><no-parent/></xcap-error>'
      const answers: ReadonlyArray<Answer> = [
        { status: 409, headers: { 'content-type': 'Application/XCAP-Error+XML; charset=UTF-8' }, body: err },
        { status: 409, headers: { 'content-type': 'text/plain' }, body: 'no' }
      ]
      const decodeError = (body: string) => ({ decodedFrom: body.length })
      const a = setup(answers, { decodeError })
      const node = { doc: alice, selector: 'resource-lists/list[@name="x"]/entry' }
      deepStrictEqual(await a.c.putElement(node, '<entry/>'), {
        _tag: 'Conflict',
        status: 409,
        contentType: 'Application/XCAP-Error+XML; charset=UTF-8',
        text: err,
        error: { decodedFrom: err.length }
      })
      deepStrictEqual(await a.c.putElement(node, '<entry/>'), {
        _tag: 'Conflict',
        status: 409,
        contentType: 'text/plain',
        text: 'no'
      })
      // no decoder, or one that throws: the raw body only
      const b = setup(answers.slice(0, 1))
      deepStrictEqual(await b.c.putElement(node, '<entry/>'), {
        _tag: 'Conflict',
        status: 409,
        contentType: 'Application/XCAP-Error+XML; charset=UTF-8',
        text: err
      })
      const t = setup(answers.slice(0, 1), {
        decodeError: () => {
          throw new Error('bad')
        }
      })
      const r = await t.c.putElement(node, '<entry/>')
      assert.ok(r._tag === 'Conflict' && !('error' in r))
    })

    it('NotFound on 404, Unauthorized on 401 with the challenge', async () => {
      const { c } = setup([
        { status: 404, headers: { 'content-type': 'text/plain' }, body: 'none' },
        { status: 401, headers: { 'www-authenticate': 'Digest realm="example.com", nonce="n"' }, body: '' },
        { status: 401 }
      ])
      deepStrictEqual(await c.getDocument(alice), {
        _tag: 'NotFound',
        status: 404,
        contentType: 'text/plain',
        text: 'none'
      })
      deepStrictEqual(await c.getDocument(alice), {
        _tag: 'Unauthorized',
        status: 401,
        challenge: 'Digest realm="example.com", nonce="n"',
        text: ''
      })
      deepStrictEqual(await c.getDocument(alice), { _tag: 'Unauthorized', status: 401, text: '' })
    })

    it('HttpError for the other statuses (4xx, 5xx once the retries are spent, 3xx)', async () => {
      const { c } = setup([{ status: 405, headers: { allow: 'GET' } }, { status: 400, body: 'bad' }, { status: 302 }], {
        retry: { attempts: 1 }
      })
      const caps = { uri: 'http://h/xcap-caps/global/index', mimeType: 'application/xcap-caps+xml' }
      deepStrictEqual(await c.putDocument(caps, '<x/>'), {
        _tag: 'HttpError',
        status: 405,
        text: ''
      })
      deepStrictEqual(await c.getDocument(alice), { _tag: 'HttpError', status: 400, text: 'bad' })
      deepStrictEqual(await c.getDocument(alice), { _tag: 'HttpError', status: 302, text: '' })
      const s = setup([{ status: 500, headers: { etag: '"x"' }, body: 'oops' }], { retry: { attempts: 2 } })
      deepStrictEqual(await s.c.getDocument(alice), { _tag: 'HttpError', status: 500, etag: 'x', text: 'oops' })
    })

    it('TransportError when fetch rejects, throws, or the body cannot be read', async () => {
      const { c } = setup([{ reject: 'fetch failed' }, { brokenBody: 'terminated', status: 200 }], {
        retry: { attempts: 1 }
      })
      deepStrictEqual(await c.getDocument(alice), { _tag: 'TransportError', message: 'fetch failed' })
      deepStrictEqual(await c.getDocument(alice), { _tag: 'TransportError', message: 'terminated' })
      const withCause = _.client({
        root: ROOT,
        retry: { attempts: 1 },
        fetch: () => {
          throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') })
        }
      })
      deepStrictEqual(await withCause.deleteDocument(alice), {
        _tag: 'TransportError',
        message: 'fetch failed: connect ECONNREFUSED 127.0.0.1:1'
      })
      const odd = _.client({ root: ROOT, retry: { attempts: 1 }, fetch: () => Promise.reject('just a string') })
      deepStrictEqual(await odd.getDocument(alice), { _tag: 'TransportError', message: 'just a string' })
    })
  })

  // -----------------------------------------------------------------------------------
  describe('retries', () => {
    it('GET: 503 and transport errors retried with exponential backoff and jitter, then the answer', async () => {
      const { c, requests, sleeps } = setup([
        { status: 503 },
        { reject: 'fetch failed' },
        { status: 502 },
        ok200('<x/>')
      ])
      const r = await c.getDocument(alice)
      assert.strictEqual(r._tag, 'Ok')
      assert.strictEqual(requests.length, 4)
      // cap = min(5000, 200 * 2^n); delay = cap/2 + random * cap/2 with random 0.5
      deepStrictEqual(sleeps, [150, 300, 600])
    })

    it('jitter spans [cap/2, cap]; the cap is maxDelayMs', async () => {
      const lo = setup([{ status: 500 }], {
        random: () => 0,
        retry: { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 }
      })
      await lo.c.getDocument(alice)
      deepStrictEqual(lo.sleeps, [50, 100, 200, 400, 500])
      const hi = setup([{ status: 500 }], { random: () => 0.999999, retry: { attempts: 3, baseDelayMs: 100 } })
      await hi.c.getDocument(alice)
      deepStrictEqual(hi.sleeps, [100, 200])
      const nan = setup([{ status: 500 }], { random: () => NaN, retry: { attempts: 2, baseDelayMs: 100 } })
      await nan.c.getDocument(alice)
      deepStrictEqual(nan.sleeps, [50])
    })

    it('Retry-After (seconds) is honoured up to maxDelayMs', async () => {
      const { c, sleeps } = setup([
        { status: 503, headers: { 'retry-after': '2' } },
        { status: 503, headers: { 'retry-after': '120' } },
        { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' } },
        ok200()
      ])
      await c.getDocument(alice)
      deepStrictEqual(sleeps, [2000, 5000, 600])
    })

    it('the attempts are bounded: the last answer comes back', async () => {
      const { c, requests, sleeps } = setup([{ status: 503, body: 'busy' }])
      deepStrictEqual(await c.getElement({ doc: alice, selector: 'a' }), {
        _tag: 'HttpError',
        status: 503,
        text: 'busy'
      })
      assert.strictEqual(requests.length, 4)
      deepStrictEqual(sleeps, [150, 300, 600])
      const one = setup([{ reject: 'down' }], { retry: { attempts: 1 } })
      deepStrictEqual(await one.c.getDocument(alice), { _tag: 'TransportError', message: 'down' })
      deepStrictEqual([one.requests.length, one.sleeps], [1, []])
      const silly = setup([{ reject: 'down' }], { retry: { attempts: -3, baseDelayMs: NaN, maxDelayMs: Infinity } })
      await silly.c.getDocument(alice)
      assert.strictEqual(silly.requests.length, 1)
    })

    it('never 412, 409, 404, 401, 400, 501, 505', async () => {
      for (const status of [412, 409, 404, 401, 400, 501, 505]) {
        const { c, requests, sleeps } = setup([{ status }, ok200()])
        const r = await c.putElement({ doc: alice, selector: 'a' }, '<a/>', { ifMatch: 'e' })
        assert.notStrictEqual(r._tag, 'Ok')
        deepStrictEqual([status, requests.length, sleeps], [status, 1, []])
      }
    })

    it('DELETE, element and attribute PUT, and document PUT with a precondition are retried', async () => {
      const calls: ReadonlyArray<[string, (c: _.Client) => Promise<unknown>]> = [
        ['delete document', (c) => c.deleteDocument(alice)],
        ['delete element', (c) => c.deleteElement({ doc: alice, selector: 'a' })],
        ['delete attribute', (c) => c.deleteAttribute({ doc: alice, selector: 'a/@b' })],
        ['put element', (c) => c.putElement({ doc: alice, selector: 'a' }, '<a/>')],
        ['put attribute', (c) => c.putAttribute({ doc: alice, selector: 'a/@b' }, 'v')],
        ['get attribute', (c) => c.getAttribute({ doc: alice, selector: 'a/@b' })],
        ['put document if-match', (c) => c.putDocument(alice, '<a/>', { ifMatch: 'e' })],
        ['put document if-none-match', (c) => c.putDocument(alice, '<a/>', { ifNoneMatch: '*' })]
      ]
      for (const [name, call] of calls) {
        const { c, requests } = setup([{ reject: 'reset' }, { status: 503 }, ok200()])
        await call(c)
        deepStrictEqual([name, requests.length], [name, 3])
      }
    })

    it('a document PUT without a precondition is not retried (a blind overwrite can undo another writer)', async () => {
      const { c, requests, sleeps } = setup([{ status: 503 }, ok200()])
      deepStrictEqual(await c.putDocument(alice, '<a/>'), { _tag: 'HttpError', status: 503, text: '' })
      deepStrictEqual([requests.length, sleeps], [1, []])
      const t = setup([{ reject: 'reset' }, ok200()])
      assert.strictEqual((await t.c.putDocument(alice, '<a/>'))._tag, 'TransportError')
      assert.strictEqual(t.requests.length, 1)
    })

    it('the default sleep waits on a timer', async () => {
      const f = fake({ status: 503 }, ok200())
      // random 1 makes the one wait exactly baseDelayMs; Node may fire a timer up to a millisecond early, so the bound
      // leaves a margin (it is a lower bound, not a speed check: a slow machine only waits longer)
      const c = _.client({ root: ROOT, fetch: f.fetch, retry: { baseDelayMs: 40 }, random: () => 1 })
      const t0 = performance.now()
      assert.strictEqual((await c.getDocument(alice))._tag, 'Ok')
      const waited = performance.now() - t0
      assert.ok(waited >= 30, `waited ${waited} ms`)
    })
  })

  // -----------------------------------------------------------------------------------
  describe('capabilities', () => {
    const CAPS = `<?xml version='1.0' encoding='UTF-8'?>
<xcap-caps xmlns='urn:ietf:params:xml:ns:xcap-caps'>
  <auids>
    <auid>xcap-caps</auid>
    <auid> resource-lists </auid>
  </auids>
  <extensions><extension>urn:example:ext</extension></extensions>
  <namespaces>
    <namespace>urn:ietf:params:xml:ns:xcap-caps</namespace>
    <namespace>urn:ietf:params:xml:ns:resource-lists</namespace>
  </namespaces>
  <x:other xmlns:x="urn:x"><auids><auid>not this one</auid></auids></x:other>
  <x:auids xmlns:x="urn:x"><auid>nor this</auid></x:auids>
</xcap-caps>`

    it('GETs xcap-caps/global/index once and keeps the answer', async () => {
      const { c, requests } = setup([
        { status: 200, headers: { etag: '"c1"', 'content-type': 'application/xcap-caps+xml' }, body: CAPS }
      ])
      const [a, b] = await Promise.all([c.capabilities(), c.capabilities()])
      const again = await c.capabilities()
      deepStrictEqual(
        requests.map((r) => [r.method, r.url]),
        [['GET', 'https://xcap.example.com/xcap-root/xcap-caps/global/index']]
      )
      assert.strictEqual(a, b)
      assert.strictEqual(a, again)
      assert.ok(a._tag === 'Ok')
      if (a._tag !== 'Ok') return
      deepStrictEqual(
        a.decoded,
        E.right({
          auids: ['xcap-caps', 'resource-lists'],
          extensions: ['urn:example:ext'],
          namespaces: ['urn:ietf:params:xml:ns:xcap-caps', 'urn:ietf:params:xml:ns:resource-lists']
        })
      )
      assert.strictEqual(a.text, CAPS)
      assert.strictEqual(a.etag, 'c1')
    })

    it('a failure is not kept: the next call asks again', async () => {
      const { c, requests } = setup([{ status: 404 }, { status: 200, body: CAPS }], { retry: { attempts: 1 } })
      assert.strictEqual((await c.capabilities())._tag, 'NotFound')
      assert.strictEqual((await c.capabilities())._tag, 'Ok')
      assert.strictEqual((await c.capabilities())._tag, 'Ok')
      assert.strictEqual(requests.length, 2)
    })

    it('readCapabilities: errors for what is not an xcap-caps document', () => {
      deepStrictEqual(
        _.readCapabilities('<auids xmlns="urn:ietf:params:xml:ns:xcap-caps"/>'),
        E.left([
          { path: '', message: 'expected an xcap-caps document, got <auids> in "urn:ietf:params:xml:ns:xcap-caps"' }
        ])
      )
      const r = _.readCapabilities('<xcap-caps')
      assert.ok(E.isLeft(r) && /^line 1, column \d+: /.test(r.left[0].message))
      deepStrictEqual(
        _.readCapabilities(new TextEncoder().encode('<xcap-caps xmlns="urn:ietf:params:xml:ns:xcap-caps"/>')),
        E.right({ auids: [], extensions: [], namespaces: [] })
      )
    })
  })
})
