import * as fc from 'fast-check'
import { describe, expectTypeOf, it } from 'vitest'
import * as C from '../../src/codec/Element.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'
import * as A from '../../laws/Arbitrary.js'
import { assertLaw, holds } from '../../laws/Law.js'
import { extensionLaws } from '../../laws/Suites.js'
import * as assert from 'node:assert'

const H = 'urn:example:host'
const NA = 'urn:example:a'
const NB = 'urn:example:b'
const NC = 'urn:example:c'
const a = Ext.fromFields('host', { a: C.optionalChild(Xml.qname(NA)('a'), V.int) }, { name: 'A' })
const b = Ext.fromFields('host', { bs: C.children(Xml.qname(NB)('b'), V.string), battr: C.optionalAttr(Xml.qname(NB)('x'), V.token) }, { name: 'B' })
const c = Ext.fromFields('host', { c: C.optionalChild(C.element(Xml.qname(NC)('c'), { v: C.attr('v', V.boolean) })) }, { name: 'C' })
const host = <X>(ext: Ext.Extension<X, 'host'>) => C.element(Xml.qname(H)('host'), { ext: C.extension(ext), other: C.other(Xml.notIn(H)) })

const names = [
  { ns: NA, local: 'a' },
  { ns: NB, local: 'b' },
  { ns: NC, local: 'c' }
]
const kid = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map((n) => Xml.element(names[0], {}, [Xml.text(String(n))])),
  A.xmlText(5).map((s) => Xml.element(names[1], {}, s === '' ? [] : [Xml.text(s)])),
  fc.boolean().map((v) => Xml.element(names[2], { v: String(v) })),
  A.foreignElement(1)
)
const elements = fc
  .tuple(fc.array(kid, { maxLength: 4 }), fc.option(A.token, { nil: undefined }))
  .map(([kids, x]) => Xml.element({ ns: H, local: 'host' }, x === undefined ? {} : { [`{${NB}}x`]: x }, kids))

describe('Extension', () => {
  describe('monoid laws', () => {
    for (const law of extensionLaws({ name: 'host', host: host as never, extensions: [a, b, c], elements })) it(law.name, () => assertLaw(law))
  })
  it('the laws catch a combine that is not associative', async () => {
    // deliberately broken: drops the right-hand fields once the left-hand side has more than one field
    const broken = ((x: Ext.Extension<unknown, string>, y: Ext.Extension<unknown, string>) =>
      Object.keys(x.fields).length > 1 ? x : Ext.combine(x, y)) as typeof Ext.combine
    const laws = extensionLaws({ name: 'broken', host: host as never, extensions: [a, b, c], elements }, broken)
    const results = await Promise.all(laws.map((l) => holds(l, { numRuns: 300 })))
    assert.deepStrictEqual(results, [true, false])
  })
  it('types carry exactly the combined fields', () => {
    const codec = host(Ext.concat(a, b))
    type V = ReturnType<typeof codec.encode> extends unknown ? Parameters<typeof codec.encode>[0] : never
    expectTypeOf<V['ext']>().toEqualTypeOf<{ readonly a?: number } & { readonly bs: ReadonlyArray<string>; readonly battr?: string }>()
    // @ts-expect-error: c was not combined in
    type _C = V['ext']['c']
  })
  it('getMonoid folds extensions with the empty one as identity', () => {
    const M = Ext.getMonoid('host')
    const all = ([a, b, c] as unknown as ReadonlyArray<Ext.Extension<unknown, 'host'>>).reduce((x, y) => M.concat(x, y), M.empty)
    assert.deepStrictEqual(Object.keys(all.fields), ['a', 'bs', 'battr', 'c'])
    const ua = a as unknown as Ext.Extension<unknown, 'host'>
    assert.strictEqual(M.concat(M.empty, ua), ua)
    assert.strictEqual(M.concat(ua, M.empty), ua)
    assert.deepStrictEqual(all.owns, [NA, NB, NC])
  })
})
