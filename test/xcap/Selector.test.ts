import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
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
const xml = (s: string): Xml.Element => ok(E.mapLeft((e: { message: string }) => ({ path: 'xml', message: e.message }))(parseXml(s)))

const doc = xml(`<resource-lists xmlns="${RL}" xmlns:x="urn:x">
  <list name="friends"><entry uri="sip:bob@example.com"><display-name>Bob</display-name></entry><entry uri="sip:carol@example.com"/><x:note/></list>
  <list name="family"><entry uri="sip:mum@example.com"/><list name="cousins"/></list>
</resource-lists>`)

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
      const s = ok(_.parse('resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:j%C3%B6rg@example.com%22%5D', { percentEncoded: true }))
      assert.strictEqual(s.steps[2].attribute?.value, 'sip:jörg@example.com')
      assert.strictEqual(_.print(s, { uri: true }), 'resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:j%C3%B6rg@example.com%22%5D')
    })
    it('refuses what is not a node selector, with the column', () => {
      const bad = (s: string): string => {
        const r = _.parse(s)
        assert.ok(E.isLeft(r), s)
        return `${r.left.path}: ${r.left.message}`
      }
      assert.strictEqual(bad('list[0]'), 'node selector, column 7: expected a position from 1, got "]"')
      assert.strictEqual(bad('list[@name="a]'), 'node selector, column 15: expected the closing quote, got ""')
      assert.strictEqual(bad('@uri'), 'node selector, column 1: expected an element step first, got "@uri"')
      assert.strictEqual(bad('a//b'), 'node selector, column 3: expected a name, got "/b"')
      assert.strictEqual(bad('a/b c'), 'node selector, column 4: expected "/", got " c"')
      assert.ok(E.isLeft(_.parse('%ZZ', { percentEncoded: true })))
      assert.ok(E.isLeft(_.parse(42 as never)))
    })
    it('print then parse is the identity; parse then print is the identity on canonical text', () => {
      const name = fc.record({ prefix: fc.option(fc.constantFrom('rl', 'x', 'p1'), { nil: undefined }), local: fc.constantFrom('list', 'entry', 'a-b', 'é', '_x') }, { noNullPrototype: true }).map((n) =>
        n.prefix === undefined ? { local: n.local } : { prefix: n.prefix, local: n.local }
      )
      const step: fc.Arbitrary<_.Step> = fc
        .record(
          {
          test: fc.oneof(fc.constant({ _tag: 'Any' as const }), name.map((n) => ({ _tag: 'Name' as const, ...n }))),
          position: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
          attribute: fc.option(fc.record({ name, value: fc.string({ maxLength: 8 }).filter((v) => !/[\u0000-\u001f]/.test(v) && !v.includes('\uD800')) }, { noNullPrototype: true }), { nil: undefined })
        })
        .map((s) => ({ test: s.test, ...(s.position === undefined ? {} : { position: s.position }), ...(s.attribute === undefined ? {} : { attribute: s.attribute }) }))
      const terminal = fc.option(fc.oneof(name.map((n) => ({ _tag: 'Attribute' as const, ...n })), fc.constant({ _tag: 'Namespaces' as const })), { nil: undefined })
      const selector = fc.tuple(fc.array(step, { minLength: 1, maxLength: 4 }), terminal).map(([steps, t]) => _.selector(steps as [_.Step, ..._.Step[]], t))
      fc.assert(
        fc.property(selector, fc.boolean(), (s, uri) => {
          const text = _.print(s, { uri })
          const back = ok(_.parse(text, { percentEncoded: uri }))
          assert.deepStrictEqual(back, s)
          assert.strictEqual(_.print(back, { uri }), text)
        })
      )
    })
    it('nodeUri joins a document URI, the encoded selector and the bindings it uses', () => {
      const s = _.selector([_.step('resource-lists'), _.byAttribute('list', 'name', 'a b'), _.step('note', { prefix: 'x' })])
      assert.strictEqual(
        _.nodeUri('http://xcap/root/resource-lists/users/sip:a@b/index', s, new Map([['x', 'urn:x y'], ['unused', 'urn:u']])),
        'http://xcap/root/resource-lists/users/sip:a@b/index/~~/resource-lists/list%5B@name=%22a%20b%22%5D/x:note?xmlns(x=urn:x%20y)'
      )
      assert.deepStrictEqual(ok(_.parseBindings('xmlns(x=urn:x%20y)xmlns(rl=urn:ietf:params:xml:ns:resource-lists)')), new Map([['x', 'urn:x y'], ['rl', RL]]))
      assert.ok(E.isLeft(_.parseBindings('xmlns(1x=u)')))
    })
  })

  describe('evaluate', () => {
    const sel = (s: string) => ok(_.parse(s))
    const b = new Map([['x', 'urn:x'], ['rl', RL]])
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
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[3]'), b, RL), { _tag: 'None' })
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[@name="work"]'), b, RL), { _tag: 'None' })
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[1]/note'), b, RL), { _tag: 'None' }, 'x:note is not in the default namespace')
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[1]/y:note'), b, RL), { _tag: 'None' }, 'an unbound prefix selects nothing')
      assert.deepStrictEqual(_.evaluate(doc, sel('other/list'), b, RL), { _tag: 'None' })
      // position first, then the attribute: the 2nd entry is carol's, so asking for bob at position 2 is nothing
      assert.deepStrictEqual(_.evaluate(doc, sel('resource-lists/list[1]/entry[2][@uri="sip:bob@example.com"]'), b, RL), { _tag: 'None' })
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
