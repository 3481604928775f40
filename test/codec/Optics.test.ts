import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as O from '#fp-ts/Option'
import { pipe } from '#fp-ts/function'
import * as L from '#monocle-ts/Lens'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/codec/Optics.js'
import { assertLaw } from '../../laws/Law.js'
import * as Optic from '../../laws/Optic.js'

interface Item {
  readonly id: string
  readonly n: number
  readonly note?: string
}
interface Doc {
  readonly items: ReadonlyArray<Item>
}
const id = fc.constantFrom('a', 'b', 'c', 'd')
const item = (k?: string): fc.Arbitrary<Item> =>
  fc.record({ id: k === undefined ? id : fc.constant(k), n: fc.integer(), note: fc.string() }, { requiredKeys: ['id', 'n'] })
const doc: fc.Arbitrary<Doc> = fc.record({ items: fc.array(item(), { maxLength: 5 }) })
const itemById = (k: string) => pipe(L.id<Doc>(), L.prop('items'), L.composeOptional(_.byKey('id', k)))
const note = _.optionalKey<Item, 'note'>('note')
const everyN = pipe(L.id<Doc>(), L.prop('items'), L.composeTraversal(_.every<Item>()), T.prop('n'))

describe('Optics', () => {
  describe('findFirst', () => {
    const positive = (k: string) =>
      pipe(
        L.id<Doc>(),
        L.prop('items'),
        L.composeOptional(_.findFirst<Item>((i) => i.id === k && i.n > 0, (i) => ({ ...i, id: k, n: Math.max(1, Math.abs(i.n)) })))
      )
    it('focuses the first item the predicate accepts, and normalises what is written back', () => {
      const d: Doc = { items: [{ id: 'a', n: -1 }, { id: 'a', n: 2 }, { id: 'b', n: 3 }] }
      assert.deepStrictEqual(positive('a').getOption(d), O.some({ id: 'a', n: 2 }))
      const set = positive('a').set({ id: 'z', n: -7 })(d)
      assert.deepStrictEqual(set.items[1], { id: 'a', n: 7 })
      assert.strictEqual(positive('c').set({ id: 'c', n: 1 })(d), d)
      assert.strictEqual(positive('a').set(d.items[1])(d), d)
    })
  })
  describe('byKey', () => {
    it('finds the first item with the key and writes the key back on set', () => {
      const d: Doc = { items: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'a', n: 3 }] }
      assert.deepStrictEqual(itemById('a').getOption(d), O.some({ id: 'a', n: 1 }))
      assert.deepStrictEqual(itemById('a').set({ id: 'zzz', n: 9 })(d).items, [{ id: 'a', n: 9 }, { id: 'b', n: 2 }, { id: 'a', n: 3 }])
      assert.strictEqual(itemById('x').set({ id: 'x', n: 9 })(d), d)
      assert.strictEqual(itemById('b').set(d.items[1])(d), d)
    })
    for (const law of Optic.laws(
      Optic.optional('itemById', itemById, { keys: (d: Doc) => d.items.map((i) => i.id), absent: id, focus: (k: string) => item(k) }),
      doc,
      (d) => d
    ))
      it(law.name, () => assertLaw(law))
  })
  describe('optionalKey', () => {
    it('removes the key when set to undefined', () => {
      assert.deepStrictEqual(note.set(undefined)({ id: 'a', n: 1, note: 'x' }), { id: 'a', n: 1 })
      assert.ok(!('note' in note.set(undefined)({ id: 'a', n: 1, note: 'x' })))
      const s = { id: 'a', n: 1 }
      assert.strictEqual(note.set(undefined)(s), s)
    })
    for (const law of Optic.laws(Optic.lens('note', note, fc.option(fc.string(), { nil: undefined })), item(), (d) => d))
      it(law.name, () => assertLaw(law))
  })
  describe('every', () => {
    for (const law of Optic.laws(Optic.traversal('everyN', everyN, fc.integer()), doc, (d) => d))
      it(law.name, () => assertLaw(law))
  })
  describe('index', () => {
    it('focuses an index and ignores out-of-range ones', () => {
      const ix = _.index<number>(1)
      assert.deepStrictEqual(ix.getOption([1, 2]), O.some(2))
      assert.deepStrictEqual(ix.set(5)([1, 2]), [1, 5])
      const short = [1]
      assert.strictEqual(ix.set(5)(short), short)
    })
  })
})
