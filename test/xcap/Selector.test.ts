import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as _ from '../../src/xcap/Selector.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse as parseXml } from '../../src/xml/Parser.js'
import * as A from '../xml/arbitraries.js'

const RL = 'urn:ietf:params:xml:ns:resource-lists'
const ok = <A>(r: E.Either<{ path: string; message: string }, A>): A => {
  if (E.isLeft(r)) assert.fail(`${r.left.path}: ${r.left.message}`)
  return r.right
}
const xml = (s: string): Xml.Element =>
  ok(E.mapLeft((e: { message: string }) => ({ path: 'xml', message: e.message }))(parseXml(s)))
const rendered = <A>(r: E.Either<{ path: string; message: string }, A>): string => {
  assert.ok(E.isLeft(r), JSON.stringify(r))
  return `${r.left.path}: ${r.left.message}`
}

const doc = xml(`<resource-lists xmlns="${RL}" xmlns:x="urn:x">
  <list name="friends"><entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry><entry
    uri="sip:carol@example.com"/><x:note/></list>
  <list name="family"><entry uri="sip:mum@example.com"/><list name="cousins"/></list>
</resource-lists>`)

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

const name = fc
  .record(
    {
      prefix: fc.option(fc.constantFrom('rl', 'x', 'p1', 'xml'), { nil: undefined }),
      local: fc.constantFrom('list', 'entry', 'a-b', 'é', '_x')
    },
    { noNullPrototype: true }
  )
  .map((n): _.Name => (n.prefix === undefined ? { local: n.local } : { prefix: n.prefix, local: n.local }))

/** Selectors whose attribute values come from `value`. */
const selectorWith = (value: fc.Arbitrary<string>): fc.Arbitrary<_.NodeSelector> => {
  const step: fc.Arbitrary<_.Step> = fc
    .record({
      test: fc.oneof(fc.constant({ _tag: 'Any' as const }), name.map((n) => ({ _tag: 'Name' as const, ...n }))),
      position: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
      attribute: fc.option(fc.record({ name, value }, { noNullPrototype: true }), { nil: undefined })
    })
    .map((s) => ({
      test: s.test,
      ...(s.position === undefined ? {} : { position: s.position }),
      ...(s.attribute === undefined ? {} : { attribute: s.attribute })
    }))
  const terminal = fc.option(
    fc.oneof(
      name.map((n) => ({ _tag: 'Attribute' as const, ...n })),
      fc.constant({ _tag: 'Namespaces' as const })
    ),
    { nil: undefined }
  )
  return fc
    .tuple(fc.array(step, { minLength: 1, maxLength: 4 }), terminal)
    .map(([steps, t]) => _.selector(steps as [_.Step, ..._.Step[]], t))
}

/** Any text without lone surrogates: every code point, the XPointer and URI delimiters often. */
const delimiters = fc.constantFrom('^', '(', ')', '%', '#', '?', '&', '=', '+', ' ', '"', "'", '<', 'a', 'é', '😀')
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: delimiters }))

/** Only URI path characters and `%XX` (RFC 3986 `pchar`, `/`). */
const PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/
/** Only URI query characters and `%XX` (RFC 3986 `query`). */
const QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*$/

describe('Selector', () => {
  describe('parse and print', () => {
    it('reads the RFC 4825 §6.3 forms', () => {
      assert.deepStrictEqual(ok(_.parse('resource-lists/list[@name="friends"]/entry[2]/@uri')), {
        steps: [
          { test: { _tag: 'Name', local: 'resource-lists' } },
          { test: { _tag: 'Name', local: 'list' }, attribute: { name: { local: 'name' }, value: 'friends' } },
          { test: { _tag: 'Name', local: 'entry' }, position: 2 }
        ],
        terminal: { _tag: 'Attribute', local: 'uri' }
      })
      assert.deepStrictEqual(ok(_.parse("*/*[1][@x:a='v &amp; w']/namespace::*")).terminal, { _tag: 'Namespaces' })
      assert.deepStrictEqual(ok(_.parse("*/*[1][@x:a='v &amp; w']")).steps[1], {
        test: { _tag: 'Any' },
        position: 1,
        attribute: { name: { prefix: 'x', local: 'a' }, value: 'v & w' }
      })
    })
    it('decodes percent-encoded selectors from URIs', () => {
      const uri = 'resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:j%C3%B6rg@example.com%22%5D'
      const s = ok(_.parse(uri, { percentEncoded: true }))
      assert.strictEqual(s.steps[2].attribute?.value, 'sip:jörg@example.com')
      assert.strictEqual(_.print(s, { uri: true }), uri)
    })
    it('refuses what is not a node selector, with the column', () => {
      const bad = (s: string): string => rendered(_.parse(s))
      assert.strictEqual(bad('list[0]'), 'node selector, column 7: expected a position from 1, got "]"')
      assert.strictEqual(bad('list[@name="a]'), 'node selector, column 15: expected the closing quote, got ""')
      assert.strictEqual(bad('@uri'), 'node selector, column 1: expected an element step first, got "@uri"')
      assert.strictEqual(bad('a//b'), 'node selector, column 3: expected a name, got "/b"')
      assert.strictEqual(bad('a/b c'), 'node selector, column 4: expected "/", got " c"')
      assert.ok(E.isLeft(_.parse('%ZZ', { percentEncoded: true })))
      assert.ok(E.isLeft(_.parse(42 as never)))
    })
    it('print then parse is the identity; parse then print is the identity on canonical text', () => {
      const value = fc.string({ maxLength: 8 }).filter((v) => !/[\u0000-\u001f]/.test(v) && !v.includes('\uD800'))
      fc.assert(
        fc.property(selectorWith(value), fc.boolean(), (s, uri) => {
          const text = _.print(s, { uri })
          const back = ok(_.parse(text, { percentEncoded: uri }))
          assert.deepStrictEqual(back, s)
          assert.strictEqual(_.print(back, { uri }), text)
        })
      )
    })
    it('print({ uri: true }): only URI path characters, and percent-decoding gives the plain text back', () => {
      fc.assert(
        fc.property(selectorWith(anyText), (s) => {
          const e = _.print(s, { uri: true })
          assert.ok(PATH.test(e), e)
          assert.strictEqual(decodeURIComponent(e), _.print(s))
          assert.deepStrictEqual(ok(_.parse(e, { percentEncoded: true })), s)
        })
      )
      const sel = (value: string) => _.selector([_.step('a', { attribute: { name: 'b', value } })])
      assert.strictEqual(
        _.print(_.selector([_.step('a'), _.step('b', { position: 2 })], _.attribute('c', 'x')), { uri: true }),
        'a/b%5B2%5D/@x:c'
      )
      const printed = (value: string): string => _.print(sel(value), { uri: true })
      assert.strictEqual(printed('d e/f*@:!$&\'()+,;='), "a%5B@b=%22d%20e/f*@:!$&amp;'()+,;=%22%5D")
      assert.strictEqual(printed('%?#[]{}|\\^`<>'), 'a%5B@b=%22%25%3F%23%5B%5D%7B%7D%7C%5C%5E%60&lt;%3E%22%5D')
      // a lone surrogate cannot be UTF-8: it goes as U+FFFD
      assert.strictEqual(_.print(sel('x\ud800'), { uri: true }), 'a%5B@b=%22x%EF%BF%BD%22%5D')
    })
  })

  describe('bindings', () => {
    const prefix = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9._-]{0,5}$/)
    it('printBindings then parseBindings gives the bindings back, for any namespace (^, parentheses included)', () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.tuple(prefix, anyText), { selector: ([p]) => p, maxLength: 4 }), (entries) => {
          const bindings: _.Bindings = new Map(entries)
          const q = _.printBindings(bindings)
          assert.ok(QUERY.test(q), q)
          assert.deepStrictEqual(ok(_.parseBindings(q)), bindings)
        })
      )
    })
    it('printBindings: XPointer escapes, then percent-encoding as a query allows', () => {
      assert.strictEqual(_.printBindings(new Map()), '')
      assert.strictEqual(_.printBindings(new Map([['p', 'urn:a^b']])), 'xmlns(p=urn:a%5E%5Eb)')
      assert.strictEqual(
        _.printBindings(new Map([['rl', RL], ['ext', 'urn:example:ext (v1)#x?y=1&z/é']])),
        'xmlns(rl=urn:ietf:params:xml:ns:resource-lists)xmlns(ext=urn:example:ext%20%5E(v1%5E)%23x?y=1&z/%C3%A9)'
      )
      assert.strictEqual(_.printBindings(new Map([['é', 'urn:x']])), 'xmlns(%C3%A9=urn:x)')
    })
    it('parseBindings: percent-decodes, then undoes the XPointer escapes', () => {
      assert.deepStrictEqual(
        ok(_.parseBindings('xmlns(x=urn:x%20y)xmlns(rl=urn:ietf:params:xml:ns:resource-lists)')),
        new Map([['x', 'urn:x y'], ['rl', RL]])
      )
      assert.deepStrictEqual(ok(_.parseBindings('xmlns(p=a^^b^(c^))')), new Map([['p', 'a^b(c)']]))
      assert.deepStrictEqual(ok(_.parseBindings('xmlns(p=a%5E%5Eb%5E(c%5E))')), new Map([['p', 'a^b(c)']]))
      assert.deepStrictEqual(ok(_.parseBindings('xmlns(p=u)xmlns(p=v)')), new Map([['p', 'v']]))
      assert.deepStrictEqual(ok(_.parseBindings('')), new Map())
    })
    it('parseBindings: a lone ^, an unescaped parenthesis, a missing ) or a bad prefix is an error', () => {
      const bad = (q: string): string => rendered(_.parseBindings(q))
      const lone = 'query, column 10: expected "^^", "^(" or "^)" in a namespace, got'
      assert.strictEqual(bad('xmlns(p=a^b)'), `${lone} "^b)"`)
      assert.strictEqual(bad('xmlns(p=a^'), `${lone} "^"`)
      const paren = 'query, column 10: expected "^(" for a parenthesis in a namespace, got'
      assert.strictEqual(bad('xmlns(p=a(b))'), `${paren} "(b))"`)
      assert.strictEqual(bad('xmlns(p=a%28b)'), `${paren} "(b)"`)
      assert.strictEqual(bad('xmlns(p=a)b)'), 'query, column 11: expected "xmlns(", got "b)"')
      assert.strictEqual(bad('xmlns(p=abc'), 'query, column 12: expected ")" closing xmlns(, got the end of the query')
      assert.strictEqual(bad('xmlns(p)'), 'query, column 1: expected xmlns(prefix=namespace), got "xmlns(p)"')
      assert.strictEqual(bad('xmlns(1x=u)'), 'query, column 7: expected a prefix, got "1x"')
      assert.strictEqual(bad('xmlns(p=u'), 'query, column 10: expected ")" closing xmlns(, got the end of the query')
      assert.strictEqual(bad('%E0'), 'query: expected percent-encoded UTF-8 in the query')
    })
  })

  describe('nodeUri', () => {
    const D = 'http://xcap/root/resource-lists/users/sip:a@b/index'
    it('joins a document URI, the encoded selector and the bindings it uses, in order of first use', () => {
      const s = _.selector([
        _.step('resource-lists'),
        _.byAttribute('list', 'name', 'a b'),
        _.step('note', { prefix: 'x' })
      ])
      assert.deepStrictEqual(
        _.nodeUri(D, s, new Map([['x', 'urn:x y'], ['unused', 'urn:u']])),
        E.right(`${D}/~~/resource-lists/list%5B@name=%22a%20b%22%5D/x:note?xmlns(x=urn:x%20y)`)
      )
      const used = ok(_.parse('b:x/a:y[@c:z="1"]/@b:w'))
      const all = new Map([['c', 'urn:c'], ['a', 'urn:a'], ['unused', 'urn:u'], ['b', 'urn:b']])
      assert.deepStrictEqual(
        _.nodeUri(D, used, all),
        E.right(`${D}/~~/b:x/a:y%5B@c:z=%221%22%5D/@b:w?xmlns(b=urn:b)xmlns(a=urn:a)xmlns(c=urn:c)`)
      )
      assert.deepStrictEqual(_.nodeUri(D, ok(_.parse('a/namespace::*')), all), E.right(`${D}/~~/a/namespace::*`))
    })
    it('the xml prefix needs no binding and never goes in the query; any other unbound prefix is an error', () => {
      const lang = ok(_.parse('a/@xml:lang'))
      assert.deepStrictEqual(_.nodeUri(D, lang, new Map()), E.right(`${D}/~~/a/@xml:lang`))
      assert.deepStrictEqual(_.nodeUri(D, lang, new Map([['xml', 'urn:not-xml']])), E.right(`${D}/~~/a/@xml:lang`))
      assert.strictEqual(
        rendered(_.nodeUri(D, ok(_.parse('rl:a/p:b')), new Map([['rl', RL]]))),
        'node selector: expected a namespace binding for the prefix "p", got none'
      )
    })
    it('the selector and the bindings it uses come back from the URI', () => {
      const prefixes = ['rl', 'x', 'p1', 'xml']
      fc.assert(
        fc.property(selectorWith(anyText), fc.array(anyText, { minLength: 4, maxLength: 4 }), (s, uris) => {
          const bindings = new Map(prefixes.map((p, i) => [p, uris[i]] as const))
          const uri = ok(_.nodeUri(D, s, bindings))
          const rest = uri.slice(`${D}/~~/`.length)
          const q = rest.indexOf('?') // a path has no "?"; a query may
          const [path, query] = q === -1 ? [rest, ''] : [rest.slice(0, q), rest.slice(q + 1)]
          assert.ok(uri.startsWith(`${D}/~~/`) && PATH.test(path) && QUERY.test(query), uri)
          assert.deepStrictEqual(ok(_.parse(path, { percentEncoded: true })), s)
          const used = _.prefixesOf(s).filter((p) => p !== 'xml')
          assert.deepStrictEqual(ok(_.parseBindings(query)), new Map(used.map((p) => [p, bindings.get(p)])))
        })
      )
    })
  })

  describe('evaluate', () => {
    const sel = (s: string) => ok(_.parse(s))
    const b = new Map([
      ['x', 'urn:x'],
      ['rl', RL]
    ])
    const none = { _tag: 'None' }
    it('selects one element, attribute or namespace set; names without prefix are in the default namespace', () => {
      const r = _.evaluate(doc, sel('resource-lists/list[@name="friends"]/entry[2]'), b, RL)
      assert.ok(r._tag === 'Element' && r.element.attrs.uri === 'sip:carol@example.com')
      assert.deepStrictEqual(r.path, [0, 1])
      const a = _.evaluate(doc, sel('resource-lists/list[1]/entry[@uri="sip:bob@example.com"]/@uri'), b, RL)
      assert.ok(a._tag === 'Attribute' && a.value === 'sip:bob@example.com' && a.key === 'uri')
      assert.strictEqual(_.evaluate(doc, sel('rl:resource-lists/rl:list[2]/rl:list'), b, '')._tag, 'Element')
      assert.strictEqual(_.evaluate(doc, sel('resource-lists/list[1]/x:note'), b, RL)._tag, 'Element')
      assert.strictEqual(_.evaluate(doc, sel('*/*[2]/*[2]/namespace::*'), b, RL)._tag, 'Namespaces')
    })
    it('tells nothing from more than one', () => {
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list/entry'), b, RL), { _tag: 'Many' })
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list'), b, RL), { _tag: 'Many' })
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[3]'), b, RL), none)
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[@name="work"]'), b, RL), none)
      assert.deepStrictEqual(
        _.evaluate(doc, sel('resource-lists/list[1]/note'), b, RL),
        none,
        'x:note is not in the default namespace'
      )
      assert.deepStrictEqual(
        _.evaluate(doc, sel('resource-lists/list[1]/y:note'), b, RL),
        none,
        'an unbound prefix selects nothing'
      )
      assert.deepStrictEqual(_.evaluate(doc, sel('other/list'), b, RL), none)
      // position first, then the attribute: the 2nd entry is carol's, so asking for bob at position 2 is nothing
      const bobSecond = sel('resource-lists/list[1]/entry[2][@uri="sip:bob@example.com"]')
      assert.deepStrictEqual(_.evaluate(doc, bobSecond, b, RL), none)
    })
    it('a positional path to every element of any tree selects exactly that element', () => {
      fc.assert(
        fc.property(A.element, (root) => {
          const visit = (e: Xml.Element, steps: Array<_.Step>, path: Array<number>): void => {
            const r = _.evaluate(root, _.selector(steps as [_.Step, ..._.Step[]]), new Map(), '')
            assert.ok(r._tag === 'Element' && r.element === e, JSON.stringify(steps))
            assert.deepStrictEqual(r.path, path)
            let n = 0
            e.children.forEach((c, i) => {
              if (c._tag !== 'Element') return
              n++
              visit(c, [...steps, { test: { _tag: 'Any' }, position: n }], [...path, i])
            })
          }
          visit(root, [{ test: { _tag: 'Any' } }], [])
        })
      )
    })
  })
})
