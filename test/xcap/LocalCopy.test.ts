import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as XD from '../../src/formats/XcapDiff.js'
import { applicationUsage } from '../../src/xcap/ApplicationUsage.js'
import { diff } from '../../src/xcap/Diff.js'
import * as _ from '../../src/xcap/LocalCopy.js'
import type * as Xml from '../../src/xml/Ast.js'
import { canonical } from '../../src/xml/Canonical.js'
import { parse } from '../../src/xml/Parser.js'
import { registry } from '../../laws/registry.js'
import { requireOrSkip } from '../util.js'

const xml = (s: string): Xml.Element => {
  const r = parse(s)
  if (r._tag === 'Left') assert.fail(r.left.message)
  return r.right
}
const decoded = (s: string): XD.XcapDiff => {
  const r = XD.document.decode(s)
  if (E.isLeft(r)) assert.fail(r.left.map((p) => `${p.path}: ${p.message}`).join('; '))
  return r.right
}
const same = (a: Xml.Element | undefined, b: Xml.Element): void => {
  assert.ok(a !== undefined, 'no copy')
  assert.strictEqual(canonical(a), canonical(b))
}

const ROOT = 'http://xcap.example.com/'
const URI = `${ROOT}tests/users/sip:joe@example.com/index`
const corpusDir = fileURLToPath(new URL('../../../shared/corpus/xcap-diff/', import.meta.url))
const corpusFile = (f: string): string | undefined => {
  try {
    return readFileSync(corpusDir + f, 'utf8')
  } catch {
    return undefined
  }
}

/** The notification that a client's change a → b makes, as the server writes it and the other client reads it. */
const notification = (uri: string, a: Xml.Element, b: Xml.Element, previousEtag: string, newEtag: string): XD.XcapDiff =>
  decoded(XD.document.encode(XD.xcapDiff(ROOT, [XD.documentChange(uri.slice(ROOT.length), { previousEtag, newEtag, operations: diff(a, b).operations })])))

describe('LocalCopy', () => {
  describe('laws', () => {
    // the XML formats' generated documents, as trees a client holds
    const trees: fc.Arbitrary<Xml.Element> = fc.oneof(
      ...registry
        .filter((r) => 'root' in r.codec)
        .map((r) => r.arbitrary.map((v) => xml(r.codec.encode(v)) as Xml.Element))
    )
    const pairs = fc.oneof(
      fc.tuple(trees, trees),
      // the same format twice: documents that share more
      ...registry.filter((r) => 'root' in r.codec).map((r) => fc.tuple(r.arbitrary, r.arbitrary).map(([a, b]) => [xml(r.codec.encode(a)), xml(r.codec.encode(b))] as const))
    )
    it('applying the xcap-diff that describes a change a → b to a copy of a gives b, with the new etag', () => {
      fc.assert(
        fc.property(pairs, ([a, b]) => {
          const store: _.Store = new Map([[URI, { etag: 'e1', document: a }]])
          const r = _.applyDiff(store, notification(URI, a, b, 'e1', 'e2'))
          const o = r.outcomes[0]
          if (canonical(a) === canonical(b)) {
            // nothing to say: the change says the body changed without saying how
            assert.strictEqual(o._tag, 'Refetch')
            return
          }
          assert.deepStrictEqual(o, { _tag: 'Updated', uri: URI, etag: 'e2' })
          assert.strictEqual(r.store.get(URI)?.etag, 'e2')
          same(r.store.get(URI)?.document, b)
          // the store given is not changed
          assert.strictEqual(store.get(URI)?.document, a)
        }),
        { numRuns: 200 }
      )
    })
    it('a change whose previous etag is not ours is never applied', () => {
      fc.assert(
        fc.property(pairs, fc.string({ minLength: 1, maxLength: 6 }), ([a, b], ours) => {
          fc.pre(ours !== 'e1' && ours !== 'e2')
          const store: _.Store = new Map([[URI, { etag: ours, document: a }]])
          const r = _.applyDiff(store, notification(URI, a, b, 'e1', 'e2'))
          assert.strictEqual(r.outcomes[0]._tag, 'Refetch')
          assert.strictEqual(r.store.get(URI)?.document, a)
          assert.strictEqual(r.store.get(URI)?.etag, ours)
        }),
        { numRuns: 100 }
      )
    })
  })

  describe('document changes', () => {
    const doc = xml('<doc/>')
    it('applies the RFC 5874 §A.2 changes in order, one version after another, and in one patch', (ctx) => {
      const three = corpusFile('rfc5874-secA.2-2.xml')
      const one = corpusFile('rfc5874-secA.2-1.xml')
      if (three === undefined || one === undefined) return requireOrSkip(ctx, 'the corpus folder is not available')
      const r = _.applyDiff(new Map([[URI, { etag: '7ahggs', document: doc }]]), decoded(three))
      assert.deepStrictEqual(
        r.outcomes.map((o) => o._tag === 'Updated' && o.etag),
        ['fgherhryt3', 'dgdgdfgrrr', '63hjjsll']
      )
      const want = xml('<doc><foo>this is a new element</foo><bar>this is a bar element\n</bar><foobar>this is a foobar element</foobar></doc>')
      same(r.store.get(URI)?.document, want)
      const s = _.applyDiff(new Map([[URI, { etag: '7ahggs3', document: doc }]]), decoded(one))
      same(s.store.get(URI)?.document, want)
      assert.strictEqual(s.store.get(URI)?.etag, '63hjjsll')
    })
    it('reports what it cannot apply, with the reason, and keeps the copy', () => {
      const change = (attrs: string, body = ''): XD.XcapDiff =>
        decoded(`<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="${ROOT}"><document sel="tests/users/sip:joe@example.com/index" ${attrs}>${body}</document></xcap-diff>`)
      const store: _.Store = new Map([[URI, { etag: 'a', document: doc }]])
      const one = (d: XD.XcapDiff): _.Outcome => _.applyDiff(store, d).outcomes[0]
      const reason = (d: XD.XcapDiff): string => {
        const o = one(d)
        return o._tag === 'Refetch' ? o.reason : o._tag
      }
      assert.strictEqual(reason(change('previous-etag="x" new-etag="b"', '<add sel="doc"><e/></add>')), 'etag-mismatch')
      assert.strictEqual(reason(change('previous-etag="a" new-etag="b"')), 'incomplete')
      assert.strictEqual(reason(change('new-etag="b"')), 'incomplete')
      assert.strictEqual(reason(change('previous-etag="a" new-etag="b"', '<remove sel="doc/e"/>')), 'patch-failed')
      const failed = one(change('previous-etag="a" new-etag="b"', '<remove sel="doc/e"/>'))
      assert.strictEqual(failed._tag === 'Refetch' && failed.patchError?.condition, 'unlocated-node')
      assert.strictEqual(reason(decoded(`<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xcap-root="${ROOT}"><document sel="tests/users/sip:bob@example.com/index" previous-etag="a" new-etag="b"/></xcap-diff>`)), 'not-held')
      // our own change, notified back: nothing to do
      assert.strictEqual(reason(change('previous-etag="x" new-etag="a"')), 'UpToDate')
      // ETags compare without the quotes HTTP puts around them
      const quoted: _.Store = new Map([[URI, { etag: '"a"', document: doc }]])
      assert.strictEqual(_.applyDiff(quoted, change('previous-etag="a" new-etag="b"', '<body-not-changed/>')).outcomes[0]._tag, 'Updated')
      // removed documents leave the store
      const removed = _.applyDiff(store, change('previous-etag="a"'))
      assert.deepStrictEqual(removed.outcomes, [{ _tag: 'Removed', uri: URI }])
      assert.strictEqual(removed.store.has(URI), false)
      // body-not-changed: a new etag for the same body
      const same2 = _.applyDiff(store, change('previous-etag="a" new-etag="b"', '<body-not-changed/>'))
      assert.strictEqual(same2.store.get(URI)?.etag, 'b')
      assert.strictEqual(same2.store.get(URI)?.document, doc)
    })
    it('compares entity tags without the quotes and weakness marks of HTTP', () => {
      assert.ok(_.sameEtag('"a"', 'a') && _.sameEtag('W/"a"', 'a') && _.sameEtag('a', 'a'))
      assert.ok(!_.sameEtag('a', 'b') && !_.sameEtag(undefined, 'a') && !_.sameEtag('"a"', '"b"'))
    })
    it('finds the copy under another spelling of the URI', () => {
      const store: _.Store = new Map([[`${ROOT}tests/users/sip%3Ajoe%40example.com/index`, { etag: 'a', document: xml('<doc/>') }]])
      const r = _.applyDiff(store, decoded(`<d:xcap-diff xmlns:d="urn:ietf:params:xml:ns:xcap-diff" xcap-root="${ROOT}"><d:document sel="tests/users/sip:joe@example.com/index" previous-etag="a" new-etag="b"><d:add sel="doc"><e/></d:add></d:document></d:xcap-diff>`))
      assert.deepStrictEqual(r.outcomes, [{ _tag: 'Updated', uri: `${ROOT}tests/users/sip%3Ajoe%40example.com/index`, etag: 'b' }])
    })
  })

  describe('element and attribute changes (RFC 5875)', () => {
    const RLS = 'urn:ietf:params:xml:ns:rls-services'
    const RLS_URI = 'http://xcap.example.com/root/rls-services/users/sip:joe@example.com/index'
    const services = xml(
      `<rls-services xmlns="${RLS}" xmlns:rl="urn:ietf:params:xml:ns:resource-lists"><service uri="sip:marketing@example.com"><list name="old"/><packages><package>presence</package></packages></service></rls-services>`
    )
    it('applies the RFC 5875 §5 example: the element replaced, the attribute set; the etag is then unknown', (ctx) => {
      const text = corpusFile('rfc5875-sec5.xml') ?? corpusFile('../xcap-diff/rfc5874-sec5.xml')
      if (text === undefined) return requireOrSkip(ctx, 'the corpus folder is not available')
      const store: _.Store = new Map([[RLS_URI, { etag: 'x', document: services }]])
      const r = _.applyDiff(store, decoded(text))
      const tags = r.outcomes.map((o) => o._tag)
      assert.ok(tags.includes('Updated'), JSON.stringify(r.outcomes))
      const copy = r.store.get(RLS_URI)
      assert.strictEqual(copy?.etag, undefined)
      const list = copy?.document.children[0]
      assert.ok(list !== undefined && list._tag === 'Element')
      const names = list.children.flatMap((c) => (c._tag === 'Element' ? [c.name.local] : []))
      assert.deepStrictEqual(names, ['list', 'packages'])
      const entries = (list.children[0] as Xml.Element).children.filter((c) => c._tag === 'Element')
      assert.strictEqual(entries.length, 2)
    })
    const change = (body: string): XD.XcapDiff =>
      decoded(`<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff" xmlns:r="${RLS}" xcap-root="http://xcap.example.com/root/">${body}</xcap-diff>`)
    const sel = 'rls-services/users/sip:joe@example.com/index/~~/'
    const apply = (body: string): _.Applied => _.applyDiff(new Map([[RLS_URI, { etag: 'x', document: services }]]), change(body))
    it('removes elements and attributes that no longer exist, and adds new ones where the selector puts them', () => {
      const removed = apply(`<element sel="${sel}rls-services/service%5b@uri=%22sip:marketing@example.com%22%5d/packages" exists="0"/>`)
      same(removed.store.get(RLS_URI)?.document, xml(`<rls-services xmlns="${RLS}"><service uri="sip:marketing@example.com"><list name="old"/></service></rls-services>`))
      const added = apply(`<element sel="${sel}rls-services/service%5b@uri=%22sip:new@example.com%22%5d"><r:service uri="sip:new@example.com"><r:resource-list>http://x/y</r:resource-list></r:service></element>`)
      same(
        added.store.get(RLS_URI)?.document,
        xml(`<rls-services xmlns="${RLS}"><service uri="sip:marketing@example.com"><list name="old"/><packages><package>presence</package></packages></service><service uri="sip:new@example.com"><resource-list>http://x/y</resource-list></service></rls-services>`)
      )
      const attr = apply(`<attribute sel="${sel}rls-services/service/list/@name">new</attribute>`)
      assert.deepStrictEqual(((attr.store.get(RLS_URI)?.document.children[0] as Xml.Element).children[0] as Xml.Element).attrs, { name: 'new' })
      const gone = apply(`<attribute sel="${sel}rls-services/service/list/@name" exists="false"/>`)
      assert.deepStrictEqual(((gone.store.get(RLS_URI)?.document.children[0] as Xml.Element).children[0] as Xml.Element).attrs, {})
    })
    it('resolves prefixes of node selectors through the bindings in scope, and the usage default for names without one', () => {
      const r = apply(`<attribute sel="${sel}r:rls-services/r:service/r:list/@name">p</attribute>`)
      assert.strictEqual(r.outcomes[0]._tag, 'Updated')
      // pres-rules documents have their root in another namespace than the usage's default: the usage says which
      const usage = applicationUsage({ auid: 'rls-services', namespace: 'urn:example:other', mimeType: 'application/rls-services+xml' })
      const s = _.applyDiff(new Map([[RLS_URI, { etag: 'x', document: services }]]), change(`<attribute sel="${sel}rls-services/service/list/@name">p</attribute>`), { usages: [usage] })
      assert.strictEqual(s.outcomes[0]._tag === 'Refetch' && s.outcomes[0].reason, 'unlocated')
    })
    it('refetches what it cannot place', () => {
      const reason = (body: string): string => {
        const o = apply(body).outcomes[0]
        return o._tag === 'Refetch' ? o.reason : o._tag
      }
      assert.strictEqual(reason(`<element sel="${sel}rls-services/nothing/service"><r:service uri="a"/></element>`), 'unlocated')
      assert.strictEqual(reason(`<element sel="${sel}rls-services/service%5b@uri=%22sip:b@example.com%22%5d"><r:service uri="other"/></element>`), 'unlocated')
      assert.strictEqual(reason(`<element sel="${sel}rls-services/service%5b@uri=%22sip:b@example.com%22%5d"/>`), 'incomplete')
      assert.strictEqual(reason(`<element sel="rls-services/users/sip:joe@example.com/index"/>`), 'invalid-selector')
      assert.strictEqual(reason(`<element sel="${sel}rls-services/service%5b" exists="false"/>`), 'invalid-selector')
      assert.strictEqual(reason(`<element sel="${sel}rls-services/service/nothing" exists="false"/>`), 'UpToDate')
    })
  })
})
