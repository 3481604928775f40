import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as _ from '../../src/codec/Versioned.js'
import * as W from '../../src/formats/Watcherinfo.js'
import * as A from '../../laws/Arbitrary.js'
import * as WA from '../../laws/formats/Watcherinfo.js'
import type { Integer } from '../../src/codec/Value.js'

/** v + n, in the one representation versions have (a number while safe, a bigint beyond). */
const plus = (v: Integer, n: number): Integer => {
  const b = BigInt(v) + BigInt(n)
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b
}

// A toy format, to show the engine knows nothing of watcherinfo: documents carry a version, a full flag and key=value
// pairs; a partial document overwrites keys, and a value of '' deletes the key.
interface Toy {
  readonly v: number
  readonly full: boolean
  readonly set: ReadonlyArray<readonly [string, string]>
}
const toy: _.Merge<Toy, ReadonlyArray<readonly [string, string]>> = {
  version: (d) => d.v,
  isFullState: (d) => d.full,
  fromFull: (d) => _.upsert((p: readonly [string, string]) => p[0], (p) => p[1] === '')([], d.set),
  applyPartial: (s, d) => _.upsert((p: readonly [string, string]) => p[0], (p) => p[1] === '')(s, d.set)
}
const step = _.apply(toy)

describe('Versioned', () => {
  describe('apply (RFC 3858 §4, RFC 4235 §4.3, RFC 4662 §5.6)', () => {
    const s0 = { version: 3, value: [['a', '1']] as ReadonlyArray<readonly [string, string]> }
    it('the first document must hold full state', () => {
      assert.deepStrictEqual(step(undefined, { v: 7, full: false, set: [] }), { _tag: 'NotFullState', got: 7 })
      assert.deepStrictEqual(step(undefined, { v: 7, full: true, set: [['x', '1']] }), {
        _tag: 'Applied',
        state: { version: 7, value: [['x', '1']] }
      })
    })
    it('a partial document one version higher is applied', () => {
      assert.deepStrictEqual(step(s0, { v: 4, full: false, set: [['b', '2']] }), {
        _tag: 'Applied',
        state: { version: 4, value: [['a', '1'], ['b', '2']] }
      })
    })
    it('a lower or equal version is stale, full or partial', () => {
      assert.deepStrictEqual(step(s0, { v: 2, full: false, set: [] }), { _tag: 'Stale', current: 3, got: 2 })
      assert.deepStrictEqual(step(s0, { v: 3, full: true, set: [] }), { _tag: 'Stale', current: 3, got: 3 })
    })
    it('a partial document that skips versions is a gap, and is not applied', () => {
      const o = step(s0, { v: 6, full: false, set: [['b', '2']] })
      assert.deepStrictEqual(o, { _tag: 'Gap', expected: 4, got: 6 })
      assert.ok(_.needsFullState(o))
      assert.strictEqual(_.stateAfter(s0, o), s0)
    })
    it('a full document that skips versions replaces the state', () => {
      assert.deepStrictEqual(step(s0, { v: 10, full: true, set: [['z', '9']] }), {
        _tag: 'Applied',
        state: { version: 10, value: [['z', '9']] }
      })
    })
    it('applyAll keeps the state through ignored documents', () => {
      const r = _.applyAll(toy)(undefined, [
        { v: 0, full: true, set: [['a', '1']] },
        { v: 1, full: false, set: [['b', '2']] },
        { v: 1, full: false, set: [['c', '3']] },
        { v: 3, full: false, set: [['d', '4']] },
        { v: 2, full: false, set: [['a', '']] }
      ])
      assert.deepStrictEqual(
        r.outcomes.map((o) => o._tag),
        ['Applied', 'Applied', 'Stale', 'Gap', 'Applied']
      )
      assert.deepStrictEqual(r.state, { version: 2, value: [['b', '2']] })
    })
  })

  describe('upsert', () => {
    it('replaces in place, appends, removes, and appends again what was removed', () => {
      const up = _.upsert((p: readonly [string, number]) => p[0], (p) => p[1] < 0)
      assert.deepStrictEqual(
        up(
          [['a', 1], ['b', 2], ['c', 3]],
          [['b', 20], ['d', 4], ['a', -1], ['a', 10]]
        ),
        [['b', 20], ['c', 3], ['d', 4], ['a', 10]]
      )
    })
    it('returns the rows unchanged when there is nothing to do', () => {
      const rows = [{ k: 1 }]
      assert.strictEqual(_.upsert((r: { k: number }) => r.k)(rows, []), rows)
    })
  })

  describe('laws, with the watcherinfo merge rule', () => {
    const wstep = _.apply(W.merge)

    // a change to one watcher of one resource; terminating removes it from the view
    const resources = ['sip:a@example.com', 'sip:b@example.com', 'sip:c@example.com']
    const ids = ['w1', 'w2', 'w3', 'w4', 'w5']
    const change = fc.record({
      resource: fc.constantFrom(...resources),
      pkg: fc.constantFrom('presence', 'dialog'),
      watcher: WA.Watcher.chain((w) => fc.constantFrom(...ids).map((id) => ({ ...w, id })))
    })
    type Change = typeof change extends fc.Arbitrary<infer C> ? C : never
    const batch = fc.array(change, { minLength: 0, maxLength: 5 })
    const other = A.foreignElements(1)

    /** An independent model: a Map per resource of a Map per id (Map order = first insertion, delete then set appends). */
    type Model = Map<string, { pkg: string; watchers: Map<string, W.Watcher> }>
    const applyChanges = (m: Model, cs: ReadonlyArray<Change>): void => {
      for (const c of cs) {
        const list = m.get(c.resource) ?? { pkg: c.pkg, watchers: new Map() }
        list.pkg = c.pkg
        m.set(c.resource, list)
        if (c.watcher.status === 'terminated') list.watchers.delete(c.watcher.id)
        else list.watchers.set(c.watcher.id, c.watcher)
      }
    }
    /** A document with the changes, one watcher-list per resource in order of first mention. */
    const docOf = (version: number, state: W.State, cs: ReadonlyArray<Change>, o: W.Watcherinfo['other']): W.Watcherinfo => {
      const lists: Array<W.WatcherList> = []
      for (const c of cs) {
        const i = lists.findIndex((l) => l.resource === c.resource)
        if (i < 0) lists.push(W.watcherList(c.resource, c.pkg, [c.watcher]))
        else lists[i] = { ...lists[i], package: c.pkg, watchers: [...lists[i].watchers, c.watcher] }
      }
      // the last change of a resource says its package
      return { ...W.watcherinfo(version, state, lists), other: o }
    }
    const fullOf = (version: number, m: Model, o: W.Watcherinfo['other']): W.Watcherinfo => ({
      ...W.watcherinfo(
        version,
        'full',
        [...m.entries()].map(([r, l]) => W.watcherList(r, l.pkg, [...l.watchers.values()]))
      ),
      other: o
    })

    it('a full document replaces the state', () => {
      fc.assert(
        fc.property(WA.Watcherinfo, WA.Watcherinfo, fc.integer({ min: 1, max: 1000 }), (a, b, jump) => {
          const s = wstep(undefined, { ...a, state: 'full' })
          assert.ok(s._tag === 'Applied')
          const doc: W.Watcherinfo = { ...b, state: 'full', version: plus(s.state.version, jump) }
          const o = wstep(s.state, doc)
          assert.deepStrictEqual(o, { _tag: 'Applied', state: { version: doc.version, value: W.merge.fromFull(doc) } })
          // the same as if it had been the first document
          assert.deepStrictEqual(o, wstep(undefined, doc))
        })
      )
    })

    it('consecutive partial documents in order give the state of the full document describing the end result', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 }),
          batch,
          fc.array(fc.tuple(batch, other), { maxLength: 8 }),
          (v0, initial, partials) => {
            const m: Model = new Map()
            applyChanges(m, initial)
            const docs = [fullOf(v0, m, []), ...partials.map(([cs, o], i) => docOf(v0 + i + 1, 'partial', cs, o))]
            for (const [cs] of partials) applyChanges(m, cs)
            const lastOther = partials.length === 0 ? [] : partials[partials.length - 1][1]
            const end = fullOf(v0 + partials.length, m, lastOther)
            const r = _.applyAll(W.merge)(undefined, docs)
            assert.ok(r.outcomes.every((o) => o._tag === 'Applied'))
            const direct = wstep(undefined, end)
            assert.ok(direct._tag === 'Applied')
            assert.deepStrictEqual(r.state, direct.state)
            // and the state is that full document, as a value the codec can encode
            assert.deepStrictEqual(direct.state.value, end)
            // the pending view lists exactly the model's pending and waiting watchers
            const want = [...m.entries()].flatMap(([resource, l]) =>
              [...l.watchers.values()]
                .filter((w) => w.status === 'pending' || w.status === 'waiting')
                .map((watcher) => ({ resource, package: l.pkg, watcher }))
            )
            assert.deepStrictEqual(W.pending(r.state!), want)
          }
        )
      )
    })

    it('stale and gapped versions are never applied', () => {
      fc.assert(
        fc.property(
          WA.Watcherinfo,
          WA.Watcherinfo,
          fc.integer({ min: 0, max: 2 ** 31 }),
          fc.integer({ min: 0, max: 2 ** 31 }),
          fc.integer({ min: 2, max: 1000 }),
          (a, b, v, back, ahead) => {
            const s = wstep(undefined, { ...a, state: 'full', version: v })
            assert.ok(s._tag === 'Applied')
            const stale = { ...b, version: Math.max(0, v - back) }
            const o1 = wstep(s.state, stale)
            assert.deepStrictEqual(o1, { _tag: 'Stale', current: v, got: stale.version })
            assert.strictEqual(_.stateAfter(s.state, o1), s.state)
            const gapped: W.Watcherinfo = { ...b, state: 'partial', version: v + ahead }
            const o2 = wstep(s.state, gapped)
            assert.deepStrictEqual(o2, { _tag: 'Gap', expected: v + 1, got: v + ahead })
            assert.strictEqual(_.stateAfter(s.state, o2), s.state)
          }
        )
      )
    })

    it('a first document that is partial is never applied', () => {
      fc.assert(
        fc.property(WA.Watcherinfo, (a) => {
          assert.deepStrictEqual(wstep(undefined, { ...a, state: 'partial' }), { _tag: 'NotFullState', got: a.version })
        })
      )
    })

    it('a retransmitted document is stale the second time', () => {
      fc.assert(
        fc.property(WA.Watcherinfo, WA.Watcherinfo, (a, b) => {
          const s = wstep(undefined, { ...a, state: 'full' })
          assert.ok(s._tag === 'Applied')
          const next = { ...b, version: _.successor(a.version) }
          const o = wstep(s.state, next)
          assert.ok(o._tag === 'Applied')
          assert.strictEqual(wstep(o.state, next)._tag, 'Stale')
        })
      )
    })
  })
})
