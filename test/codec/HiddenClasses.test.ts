/**
 * Records of one kind share a hidden class, whether a constructor built them or decode did. V8 (Node 20) gave records
 * made by some object spreads (conditional spreads of small literals, spreads of records themselves built by spreads)
 * one hidden class each beyond the first few; an encoder walking thousands of them then misses
 * every inline cache (encode of a constructed 2,000-tuple PIDF document took 2.3x the time per byte of a 20-tuple one,
 * against 1.2x for the same document decoded). Constructors build with `Read.defined` and `Read.merged` instead.
 *
 * The check asks V8 itself (`%HaveSameMap`, enabled for this worker): for every registered format with a `scale`
 * (the bench's sweeps), the records at each path of a constructed and of a decoded value, grouped by their keys.
 */
import { setFlagsFromString } from 'node:v8'
import { describe, it } from 'vitest'
import * as assert from 'node:assert'
import { registry } from '../../laws/registry.js'
import * as Read from '../../src/codec/Read.js'
import * as Ext from '../../src/codec/Extension.js'
import * as C from '../../src/codec/Element.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'

setFlagsFromString('--allow-natives-syntax')
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean

/** The records of a value, by path (array items share their array's path) and key list. */
const recordsOf = (v: unknown): Map<string, Array<object>> => {
  const out = new Map<string, Array<object>>()
  const walk = (u: unknown, path: string): void => {
    if (Array.isArray(u)) {
      for (const x of u) walk(x, path + '[]')
      return
    }
    if (typeof u !== 'object' || u === null || ArrayBuffer.isView(u)) return
    const keys = Object.keys(u)
    const at = `${path} {${keys.join(',')}}`
    const rs = out.get(at)
    if (rs === undefined) out.set(at, [u])
    else rs.push(u)
    for (const k of keys) walk((u as Record<string, unknown>)[k], `${path}.${k}`)
  }
  walk(v, '')
  return out
}

/** How many hidden classes the records have. */
const classes = (rs: ReadonlyArray<object>): number => {
  const seen: Array<object> = []
  for (const r of rs) if (!seen.some((s) => haveSameMap(s, r))) seen.push(r)
  return seen.length
}

// a record kind may have a second hidden class where a field changed representation (an integer, then a fraction);
// one class per record is what the check catches
const MAX = 3
const N = 60

/** The record kinds of a value with more hidden classes than `MAX`, with their counts. */
const spread = (v: unknown): Array<string> => {
  const out: Array<string> = []
  for (const [at, rs] of recordsOf(v)) {
    const n = classes(rs)
    if (n > MAX) out.push(`${at}: ${n} hidden classes for ${rs.length} records`)
  }
  return out
}

describe('hidden classes', () => {
  it('the check tells hidden classes apart: one key list on different prototypes counts apart, Read.merged records once', () => {
    // objects with the same keys but different prototypes always have different hidden classes (whatever V8 does with
    // spreads, which gave Node 20 one class per record beyond the first few)
    const protos = Array.from({ length: N }, () => ({}))
    const apart = protos.map((proto, i) => Object.assign(Object.create(proto) as object, { deviceIDs: [], class: `c${i}` }))
    assert.strictEqual(classes(apart), N)
    const defaults = { deviceIDs: Object.freeze([]) }
    const byStores = Array.from({ length: N }, (_x, i) => Read.merged(defaults, { class: `c${i}` }))
    assert.strictEqual(classes(byStores), 1)
    assert.deepStrictEqual(
      byStores,
      Array.from({ length: N }, (_x, i) => ({ ...defaults, ...{ class: `c${i}` } }))
    )
  })

  it('Read.defined and Read.merged keep what a spread keeps, in its order, __proto__ as an own key', () => {
    const a = JSON.parse('{"x":1,"__proto__":2,"y":3}') as Record<string, unknown>
    const m = Read.merged(a, { x: 4, z: 5 }, null, 'text', undefined)
    assert.deepStrictEqual(Object.keys(m), ['x', '__proto__', 'y', 'z'])
    assert.strictEqual(m.x, 4)
    assert.strictEqual(Object.getPrototypeOf(m), Object.prototype)
    assert.deepStrictEqual(Object.entries(m), Object.entries({ ...a, ...{ x: 4, z: 5 } }))
    const d = Read.defined({ a: 1, b: undefined, c: null, d: '' })
    assert.deepStrictEqual(Object.keys(d), ['a', 'c', 'd'])
    assert.ok(!('b' in d))
  })

  it('Ext.fill gives every value of an extension one hidden class', () => {
    const x = Ext.fromFields('host', { deviceIDs: C.children(Xml.qname('urn:example')('d'), V.anyURI), class: C.optionalAttr('class', V.token) }, { name: 'X' })
    const filled = Array.from({ length: N }, (_x, i) => Ext.fill(x, { class: `c${i}` }))
    const again = filled.map((f) => Ext.fill(x, f))
    assert.strictEqual(classes(filled), 1)
    assert.strictEqual(classes(again), 1)
  })

  for (const reg of registry) {
    if (reg.scale === undefined) continue
    it(`${reg.format}: the records of a constructed and of a decoded value share their hidden classes`, () => {
      const built = reg.scale!(N)
      assert.deepStrictEqual(spread(built), [], 'constructed')
      const decoded = reg.codec.decode(reg.codec.encode(built))
      assert.ok(decoded._tag === 'Right', `${reg.format}: a scaled value does not decode`)
      assert.deepStrictEqual(spread(decoded.right), [], 'decoded')
    })
  }
})
