import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as _ from '../../src/xcap/Patch.js'
import * as D from '../../src/xcap/Diff.js'
import * as Xml from '../../src/xml/Ast.js'
import { canonical } from '../../src/xml/Canonical.js'
import { parse } from '../../src/xml/Parser.js'
import { print } from '../../src/xml/Printer.js'
import * as A from '../xml/arbitraries.js'

const xml = (s: string): Xml.Element => {
  const r = parse(s)
  if (r._tag === 'Left') assert.fail(r.left.message)
  return r.right
}
const t = (value: string): Xml.Text => Xml.text(value)
const el = (s: string): Xml.Element => xml(s)
const same = (a: Xml.Element, b: Xml.Element): void => assert.strictEqual(canonical(a), canonical(b))
const patched = (doc: string, ops: ReadonlyArray<_.Operation>): Xml.Element => {
  const r = _.apply(xml(doc), ops)
  if (E.isLeft(r)) assert.fail(`${r.left.condition}: ${r.left.message}`)
  return r.right
}
const failure = (doc: string, ops: ReadonlyArray<_.Operation>): string => {
  const r = _.apply(xml(doc), ops)
  if (E.isRight(r)) assert.fail('expected the patch to fail')
  return `${r.left.operation} ${r.left.condition}: ${r.left.message}`
}
const none: ReadonlyArray<Xml.NsDecl> = []

describe('Patch', () => {
  describe('RFC 5261 §4 operations', () => {
    const doc = '<doc><foo id="ert4773" a="1">x</foo><note>n</note></doc>'
    it('adds an element, an attribute, a namespace declaration, and nodes before, after, first', () => {
      same(patched(doc, [{ _tag: 'Add', sel: 'doc', content: [el('<foo id="new">This is a new child</foo>')], bindings: none }]), xml('<doc><foo id="ert4773" a="1">x</foo><note>n</note><foo id="new">This is a new child</foo></doc>'))
      same(patched(doc, [{ _tag: 'Add', sel: "doc/foo[@id='ert4773']", type: '@user', content: [t('Bob')], bindings: none }]), xml('<doc><foo id="ert4773" a="1" user="Bob">x</foo><note>n</note></doc>'))
      assert.deepStrictEqual(patched(doc, [{ _tag: 'Add', sel: 'doc', type: 'namespace::pref', content: [t('urn:ns:xxx')], bindings: none }]).namespaces, [{ prefix: 'pref', uri: 'urn:ns:xxx' }])
      same(patched(doc, [{ _tag: 'Add', sel: 'doc/note', pos: 'before', content: [el('<b/>')], bindings: none }]), xml('<doc><foo id="ert4773" a="1">x</foo><b/><note>n</note></doc>'))
      same(patched(doc, [{ _tag: 'Add', sel: 'doc/foo', pos: 'after', content: [el('<b/>')], bindings: none }]), xml('<doc><foo id="ert4773" a="1">x</foo><b/><note>n</note></doc>'))
      same(patched(doc, [{ _tag: 'Add', sel: 'doc', pos: 'prepend', content: [el('<b/>')], bindings: none }]), xml('<doc><b/><foo id="ert4773" a="1">x</foo><note>n</note></doc>'))
      // §4.3.5: text added beside text merges
      same(patched(doc, [{ _tag: 'Add', sel: 'doc/foo/text()', pos: 'after', content: [t('new'), el('<bar/>'), t('elem')], bindings: none }]), xml('<doc><foo id="ert4773" a="1">xnew<bar/>elem</foo><note>n</note></doc>'))
    })
    it('replaces an element, an attribute value, a namespace URI, a text node', () => {
      same(patched(doc, [{ _tag: 'Replace', sel: "doc/foo[@a='1']", content: [el('<bar a="2"/>')], bindings: none }]), xml('<doc><bar a="2"/><note>n</note></doc>'))
      same(patched(doc, [{ _tag: 'Replace', sel: 'doc/foo/@a', content: [t('new value')], bindings: none }]), xml('<doc><foo id="ert4773" a="new value">x</foo><note>n</note></doc>'))
      same(patched(doc, [{ _tag: 'Replace', sel: 'doc/foo/@a', content: [], bindings: none }]), xml('<doc><foo id="ert4773" a="">x</foo><note>n</note></doc>'))
      same(patched(doc, [{ _tag: 'Replace', sel: 'doc/note/text()[1]', content: [t('This is the new text content')], bindings: none }]), xml('<doc><foo id="ert4773" a="1">x</foo><note>This is the new text content</note></doc>'))
      const ns = patched('<doc xmlns:pref="urn:a"/>', [{ _tag: 'Replace', sel: 'doc/namespace::pref', content: [t('urn:new:xxx')], bindings: none }])
      assert.deepStrictEqual(ns.namespaces, [{ prefix: 'pref', uri: 'urn:new:xxx' }])
    })
    it('removes an element (with white space), an attribute, a namespace declaration, a text node', () => {
      same(patched(doc, [{ _tag: 'Remove', sel: "doc/foo[@a='1']", ws: 'after', bindings: none }]), xml('<doc><note>n</note></doc>'))
      same(patched(doc, [{ _tag: 'Remove', sel: 'doc/foo/@a', bindings: none }]), xml('<doc><foo id="ert4773">x</foo><note>n</note></doc>'))
      assert.strictEqual(patched('<doc xmlns:pref="urn:a"/>', [{ _tag: 'Remove', sel: 'doc/namespace::pref', bindings: none }]).namespaces, undefined)
      same(patched(doc, [{ _tag: 'Remove', sel: 'doc/foo/text()[1]', bindings: none }]), xml('<doc><foo id="ert4773" a="1"/><note>n</note></doc>'))
      // removing an element between two text nodes joins them (§4.5.6)
      same(patched('<p>a<b/>c</p>', [{ _tag: 'Remove', sel: 'p/b', bindings: none }]), xml('<p>ac</p>'))
    })
    it('resolves prefixes through the bindings of the operation; unprefixed names mean the default binding', () => {
      const d = '<r:doc xmlns:r="urn:r"><r:a id="1"/><a id="2"/></r:doc>'
      same(patched(d, [{ _tag: 'Remove', sel: 'x:doc/x:a', bindings: [{ prefix: 'x', uri: 'urn:r' }] }]), xml('<doc xmlns="urn:r"><a xmlns="" id="2"/></doc>'))
      same(patched(d, [{ _tag: 'Remove', sel: 'doc/a', bindings: [{ prefix: '', uri: 'urn:r' }] }]), xml('<doc xmlns="urn:r"><a xmlns="" id="2"/></doc>'))
      assert.strictEqual(failure(d, [{ _tag: 'Remove', sel: 'doc/a', bindings: none }]), '0 unlocated-node: doc/a: the selector locates no element')
    })
    it('locates by child value, self value, position and id()', () => {
      const d = '<doc><e><k>one</k></e><e><k>two</k></e><f id="x">t</f></doc>'
      same(patched(d, [{ _tag: 'Remove', sel: "doc/e[k='two']", bindings: none }]), xml('<doc><e><k>one</k></e><f id="x">t</f></doc>'))
      same(patched(d, [{ _tag: 'Remove', sel: "doc/*[.='t']", bindings: none }]), xml('<doc><e><k>one</k></e><e><k>two</k></e></doc>'))
      same(patched(d, [{ _tag: 'Remove', sel: 'doc/e[2]/k', bindings: none }]), xml('<doc><e><k>one</k></e><e/><f id="x">t</f></doc>'))
      same(patched(d, [{ _tag: 'Replace', sel: 'id("x")/text()', content: [t('u')], bindings: none }]), xml('<doc><e><k>one</k></e><e><k>two</k></e><f id="x">u</f></doc>'))
    })
    it('fails with the RFC 5261 error conditions', () => {
      assert.strictEqual(failure(doc, [{ _tag: 'Remove', sel: 'doc', bindings: none }]), '0 invalid-root-element-operation: doc: the root element cannot be removed')
      assert.strictEqual(failure(doc, [{ _tag: 'Add', sel: 'doc', pos: 'after', content: [el('<x/>')], bindings: none }]), '0 invalid-root-element-operation: doc: nothing can be added beside the root element')
      assert.strictEqual(failure(doc, [{ _tag: 'Remove', sel: 'doc/*', bindings: none }]), '0 unlocated-node: doc/*: the selector locates 2 elements, not one')
      assert.strictEqual(failure(doc, [{ _tag: 'Replace', sel: 'doc/foo', content: [t('text')], bindings: none }]), '0 invalid-node-types: doc/foo: an element is replaced by exactly one element')
      assert.strictEqual(failure(doc, [{ _tag: 'Add', sel: 'doc/foo', type: '@a', content: [t('2')], bindings: none }]), '0 invalid-attribute-value: doc/foo: the attribute a exists already')
      assert.strictEqual(failure(doc, [{ _tag: 'Remove', sel: 'doc/p:foo', bindings: none }]), '0 invalid-namespace-prefix: doc/p:foo: no namespace for the prefix "p"')
      assert.strictEqual(failure(doc, [{ _tag: 'Remove', sel: 'doc/foo[', bindings: none }]), '0 invalid-attribute-value: sel: expected a name at ""')
      assert.strictEqual(failure('<p>a<b/>c</p>', [{ _tag: 'Remove', sel: 'p/b', ws: 'before', bindings: none }]), '0 invalid-whitespace-directive: p/b: no white space before the element')
      assert.strictEqual(failure(doc, [{ _tag: 'Remove', sel: 'doc/comment()[1]', bindings: none }]).split(':')[0], '0 unlocated-node')
      // the first failing operation stops the patch, and says which it was
      assert.strictEqual(failure(doc, [{ _tag: 'Remove', sel: 'doc/note', bindings: none }, { _tag: 'Remove', sel: 'doc/note', bindings: none }]), '1 unlocated-node: doc/note: the selector locates no element')
    })
    it('keeps the tree in the form the parser gives: what a patch makes prints and parses back to itself', () => {
      const r = patched('<doc><a/></doc>', [{ _tag: 'Add', sel: 'doc', content: [t('\n  '), el('<b/>'), t('\n')], bindings: none }])
      assert.ok(Xml.equals(xml(print(r)), r))
      assert.strictEqual(r.children.length, 2)
    })
  })

  describe('diff', () => {
    const applyDiff = (a: Xml.Element, b: Xml.Element): Xml.Element => {
      const p = D.diff(a, b)
      const r = _.apply(a, p.operations)
      if (E.isLeft(r)) assert.fail(`${r.left.condition}: ${r.left.message}\n${JSON.stringify(p.operations).slice(0, 2000)}`)
      return r.right
    }
    /** b: a changed in a few places (attributes, children added, removed or changed, text). */
    const edited = (a: Xml.Element): fc.Arbitrary<Xml.Element> =>
      fc.array(fc.record({ at: fc.nat(), op: fc.integer({ min: 0, max: 4 }), node: A.element, value: A.textValue }), { minLength: 1, maxLength: 4 }).map((ms) => {
        let e = a
        for (const m of ms) {
          const all: Array<Array<number>> = []
          const walk = (x: Xml.Element, p: Array<number>): void => {
            all.push(p)
            x.children.forEach((c, i) => c._tag === 'Element' && walk(c, [...p, i]))
          }
          walk(e, [])
          const p = all[m.at % all.length]
          const upd = (x: Xml.Element, path: ReadonlyArray<number>, f: (y: Xml.Element) => Xml.Element): Xml.Element =>
            path.length === 0 ? f(x) : { ...x, children: x.children.map((c, i) => (i === path[0] ? upd(c as Xml.Element, path.slice(1), f) : c)) }
          e = upd(e, p, (x) => {
            switch (m.op) {
              case 0:
                return { ...x, attrs: { ...x.attrs, k: m.value } }
              case 1:
                return { ...x, children: A.normalise([...x.children, m.node]) }
              case 2:
                return { ...x, children: A.normalise(x.children.filter((_c, i) => i !== m.at % Math.max(1, x.children.length))) }
              case 3:
                return { ...x, children: A.normalise([m.node, ...x.children]) }
              default: {
                const { [Object.keys(x.attrs)[0] ?? 'none']: _gone, ...attrs } = x.attrs
                return { ...x, attrs }
              }
            }
          })
        }
        return e
      })
    it('applying the patch of (a, b) to a gives b; the patch of (a, a) is empty', () => {
      fc.assert(
        fc.property(A.element.chain((a) => fc.tuple(fc.constant(a), edited(a))), ([a, b]) => {
          same(applyDiff(a, b), b)
          assert.deepStrictEqual(D.diff(a, a).operations, [])
        }),
        { numRuns: 300 }
      )
    })
    it('selects by position the elements whose key an added element also has while the patch runs (a moved entry)', () => {
      const a = xml('<l><f auid="o"/><f auid="p"/></l>')
      const b = xml('<l><f auid="p"/><f auid="o"><e/></f></l>')
      same(applyDiff(a, b), b)
      same(applyDiff(b, a), a)
    })
    it('gives a small patch for a small change: one edited entry of a long list is one operation', () => {
      const entries = (n: number, changed: number) =>
        Array.from({ length: n }, (_x, i) => `<entry uri="sip:u${i}@example.com"><display-name>${i === changed ? 'Changed' : `User ${i}`}</display-name></entry>`).join('')
      const a = xml(`<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="l">${entries(1000, -1)}</list></resource-lists>`)
      const b = xml(`<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="l">${entries(1000, 500)}</list></resource-lists>`)
      const p = D.diff(a, b)
      assert.deepStrictEqual(
        p.operations.map((o) => o.sel),
        ["/rl:resource-lists/rl:list[@name='l']/rl:entry[@uri='sip:u500@example.com']/rl:display-name[1]"]
      )
      assert.deepStrictEqual(p.bindings, [{ prefix: 'rl', uri: 'urn:ietf:params:xml:ns:resource-lists' }])
      same(applyDiff(a, b), b)
      // an entry removed and one added: two operations
      const c = xml(`<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"><list name="l">${entries(1000, -1).replace('<entry uri="sip:u3@example.com"><display-name>User 3</display-name></entry>', '')}<entry uri="sip:new@example.com"/></list></resource-lists>`)
      assert.strictEqual(D.diff(a, c).operations.length, 2)
      same(applyDiff(a, c), c)
    })
  })
})
