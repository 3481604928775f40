import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Presence.js'
import * as V from '../../src/codec/Value.js'
import * as A from '../../laws/Arbitrary.js'
import { FullPresence, FullTuple } from '../../laws/formats/Pidf.js'

const doc = (tuples: ReadonlyArray<_.Tuple>, rest: Partial<_.Presence> = {}): _.Presence => ({
  entity: 'pres:alice@example.com',
  tuples,
  notes: [],
  ext: { persons: [], devices: [] },
  other: [],
  ...rest
})
const emptyLike = (d: _.Presence): _.Presence => ({ ...d, tuples: [], notes: [], ext: { ...d.ext, persons: [], devices: [] }, other: [] })
const at = (id: string, timestamp?: string, note = id + (timestamp ?? '')): _.Tuple =>
  _.tuple({ id, note, ...(timestamp === undefined ? {} : { timestamp }) })

describe('Presence.compose', () => {
  describe('laws', () => {
    it('is idempotent: compose([d, d]) = compose([d])', () => {
      fc.assert(fc.property(FullPresence, (d) => assert.deepStrictEqual(_.compose([d, d]), _.compose([d]))))
    })
    it('compose([d]) is d when d has no repeated notes or foreign elements, and a fixed point otherwise', () => {
      fc.assert(
        fc.property(FullPresence, (d) => {
          const c = _.compose([d])
          assert.deepStrictEqual(_.compose([c]), c)
          const distinct = (xs: ReadonlyArray<unknown>) => new Set(xs.map((x) => JSON.stringify(x))).size === xs.length
          if (distinct(d.notes) && distinct(d.other)) assert.deepStrictEqual(c, d)
        })
      )
    })
    it('composing with an empty document of the same presentity changes nothing, on either side', () => {
      fc.assert(
        fc.property(FullPresence, (d) => {
          assert.deepStrictEqual(_.compose([d, emptyLike(d)]), _.compose([d]))
          assert.deepStrictEqual(_.compose([emptyLike(d), d]), _.compose([d]))
        })
      )
    })
    it('for one id, the newest timestamp wins; equal instants go to the later document', () => {
      fc.assert(
        fc.property(FullTuple, A.dateTime, A.dateTime, (t, a, b) => {
          const x = { ...t, id: 'same', timestamp: a, notes: [{ value: 'x' }] }
          const y = { ...t, id: 'same', timestamp: b, notes: [{ value: 'y' }] }
          const c = V.compareDateTime(a, b)
          const winner = c > 0 ? x : y // y is the later input
          assert.deepStrictEqual(_.compose([doc([x]), doc([y])]).tuples, [winner])
          const winner2 = c < 0 ? y : x // now x is the later input
          assert.deepStrictEqual(_.compose([doc([y]), doc([x])]).tuples, [winner2])
        })
      )
    })
    it('an element without timestamp loses to one with, in any order', () => {
      fc.assert(
        fc.property(FullTuple, A.dateTime, (t, a) => {
          const { timestamp: _t, ...bare } = t
          const none = { ...bare, id: 'same' }
          const some = { ...t, id: 'same', timestamp: a }
          assert.deepStrictEqual(_.compose([doc([none]), doc([some])]).tuples, [some])
          assert.deepStrictEqual(_.compose([doc([some]), doc([none])]).tuples, [some])
        })
      )
    })
    it('is associative on tuples, persons and devices', () => {
      fc.assert(
        fc.property(FullPresence, FullPresence, FullPresence, (a, b, c) => {
          const l = _.compose([_.compose([a, b]), c])
          const r = _.compose([a, _.compose([b, c])])
          assert.deepStrictEqual(l.tuples, r.tuples)
          assert.deepStrictEqual(l.ext, r.ext)
          assert.deepStrictEqual(l.notes, r.notes)
        }),
        { numRuns: 50 }
      )
    })
  })

  describe('examples', () => {
    it('compares timestamps as instants, not as text', () => {
      // 10:00+02:00 is 08:00Z, before 09:00Z although it sorts after it as text
      const early = at('a', '2024-01-01T10:00:00+02:00')
      const late = at('a', '2024-01-01T09:00:00Z')
      assert.deepStrictEqual(_.compose([doc([late]), doc([early])]).tuples, [late])
      // fractions beyond milliseconds count
      const f1 = at('b', '2024-01-01T09:00:00.1234Z')
      const f2 = at('b', '2024-01-01T09:00:00.12341Z')
      assert.deepStrictEqual(_.compose([doc([f2]), doc([f1])]).tuples, [f2])
    })
    it('equal instants written differently: the later document wins', () => {
      const x = at('a', '2024-01-01T10:00:00+02:00', 'first')
      const y = at('a', '2024-01-01T08:00:00Z', 'second')
      assert.deepStrictEqual(_.compose([doc([x]), doc([y])]).tuples, [y])
      assert.deepStrictEqual(_.compose([doc([y]), doc([x])]).tuples, [x])
    })
    it('merges persons and devices by id, keeps first-appearance order, unions presence notes', () => {
      const p1 = _.person({ id: 'p', note: 'old', timestamp: '2024-01-01T00:00:00Z' })
      const p2 = _.person({ id: 'p', note: 'new', timestamp: '2024-01-02T00:00:00Z' })
      const d1 = _.device({ id: 'd', deviceID: 'urn:x:1' })
      const a = doc([at('t1'), at('t2')], { notes: [{ value: 'hello' }], ext: { persons: [p2], devices: [d1] } })
      const b = doc([at('t3'), at('t1', '2024-01-01T00:00:00Z')], { notes: [{ value: 'hello' }, { lang: 'de', value: 'hallo' }], ext: { persons: [p1], devices: [] } })
      const c = _.compose([a, b])
      assert.deepStrictEqual(c.tuples.map((t) => [t.id, t.timestamp]), [
        ['t1', '2024-01-01T00:00:00Z'],
        ['t2', undefined],
        ['t3', undefined]
      ])
      assert.deepStrictEqual(c.ext.persons, [p2])
      assert.deepStrictEqual(c.ext.devices, [d1])
      assert.deepStrictEqual(c.notes, [{ value: 'hello' }, { lang: 'de', value: 'hallo' }])
    })
  })
})
