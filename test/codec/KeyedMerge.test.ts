import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as _ from '../../src/codec/KeyedMerge.js'
import * as Versioned from '../../src/codec/Versioned.js'

// A toy format, to show the merge knows nothing of conference-info: a document with a title, foreign-like extras
// (replaced by name), attributes, and a group of rows keyed by `key`; each row has a label, a list value (`tags`), and
// items keyed by `id` that have no state of their own (merged field by field).
interface Extra {
  readonly name: string
  readonly value: string
}
interface Item {
  readonly id: string
  readonly a?: string
  readonly b?: string
}
interface Row {
  readonly key?: string
  readonly state?: _.Flag
  readonly label?: string
  readonly tags?: ReadonlyArray<string>
  readonly attrs?: Readonly<Record<string, string>>
  readonly items: ReadonlyArray<Item>
}
interface Group {
  readonly state?: _.Flag
  readonly note?: string
  readonly rows: ReadonlyArray<Row>
}
interface Doc {
  readonly version: number
  readonly state?: _.Flag
  readonly title?: string
  readonly group?: Group
  readonly extras: ReadonlyArray<Extra>
}

const item: _.Node<Item> = {}
const row: _.Node<Row> = { state: 'state', slots: { items: _.rows('id', item), tags: _.atom, attrs: _.attributes } }
const group: _.Node<Group> = { state: 'state', slots: { rows: _.rows('key', row) } }
const doc: _.Node<Doc> = { state: 'state', slots: { group: _.child(group), extras: _.groups((e: Extra) => e.name) } }
const merge = _.merge(doc, { version: (d) => d.version })
const step = Versioned.apply(merge)

const applied = (o: Versioned.Outcome<Doc>): Doc => {
  assert.strictEqual(o._tag, 'Applied')
  return (o as Versioned.Applied<Doc>).state.value
}

/** The state after a full document, then each partial one in turn. */
const run = (first: Doc, ...partials: ReadonlyArray<Omit<Doc, 'version'>>): Doc => {
  const r = Versioned.applyAll(merge)(undefined, [first, ...partials.map((p, i) => ({ ...p, version: first.version + i + 1 }))])
  assert.ok(r.outcomes.every((o) => o._tag === 'Applied'), JSON.stringify(r.outcomes))
  return r.state!.value
}

const full = (rows: ReadonlyArray<Row>, rest: Partial<Doc> = {}): Doc => ({ version: 1, state: 'full', group: { rows }, extras: [], ...rest })
const partial = (rows: ReadonlyArray<Row>, rest: Partial<Omit<Doc, 'version'>> = {}): Omit<Doc, 'version'> => ({
  state: 'partial',
  group: { state: 'partial', rows },
  extras: [],
  ...rest
})

describe('KeyedMerge', () => {
  describe('merge (RFC 4575 §4.6)', () => {
    const r1: Row = { key: 'r1', label: 'one', tags: ['x'], items: [{ id: 'i1', a: 'a1', b: 'b1' }] }
    const r2: Row = { key: 'r2', label: 'two', items: [] }

    it('a full document is the state, in normal form: no states below the root, nothing deleted', () => {
      const d: Doc = {
        version: 1,
        state: 'full',
        group: { state: 'full', rows: [{ ...r1, state: 'full' }, { key: 'gone', state: 'deleted', items: [] }, r2] },
        extras: []
      }
      assert.deepStrictEqual(applied(step(undefined, d)), { version: 1, state: 'full', group: { rows: [r1, r2] }, extras: [] })
      // a deleted child of a full document is left out
      assert.deepStrictEqual(applied(step(undefined, full([], { group: { state: 'deleted', rows: [r1] } }))), { version: 1, state: 'full', extras: [] })
    })

    it('a partial row updates what it carries and leaves the rest', () => {
      const s = run(full([r1, r2]), partial([{ key: 'r1', state: 'partial', label: 'ONE', items: [] }]))
      assert.deepStrictEqual(s.group?.rows, [{ ...r1, label: 'ONE' }, r2])
    })

    it('a full row replaces the row whole, in place', () => {
      const s = run(full([r1, r2]), partial([{ key: 'r1', state: 'full', items: [{ id: 'i9' }] }]))
      assert.deepStrictEqual(s.group?.rows, [{ key: 'r1', items: [{ id: 'i9' }] }, r2])
    })

    it('a row without a state is full (the default)', () => {
      const s = run(full([r1, r2]), partial([{ key: 'r1', items: [] }]))
      assert.deepStrictEqual(s.group?.rows, [{ key: 'r1', items: [] }, r2])
    })

    it('a deleted row leaves; a deleted row that is not there changes nothing', () => {
      assert.deepStrictEqual(run(full([r1, r2]), partial([{ key: 'r1', state: 'deleted', items: [] }])).group?.rows, [r2])
      assert.deepStrictEqual(run(full([r1, r2]), partial([{ key: 'nobody', state: 'deleted', items: [] }])).group?.rows, [r1, r2])
    })

    it('a new row is added at the end with what it carries, whatever its state', () => {
      assert.deepStrictEqual(run(full([r1]), partial([{ key: 'r3', state: 'partial', label: 'three', items: [] }])).group?.rows, [
        r1,
        { key: 'r3', label: 'three', items: [] }
      ])
    })

    it('deleting then adding a row again: it comes back at the end, with only what the element that added it carries', () => {
      // in two documents
      const two = run(full([r1, r2]), partial([{ key: 'r1', state: 'deleted', items: [] }]), partial([{ key: 'r1', state: 'partial', label: 'back', items: [] }]))
      assert.deepStrictEqual(two.group?.rows, [r2, { key: 'r1', label: 'back', items: [] }])
      // in one document
      const one = run(full([r1, r2]), partial([{ key: 'r1', state: 'deleted', items: [] }, { key: 'r1', state: 'partial', label: 'back', items: [] }]))
      assert.deepStrictEqual(one.group, two.group)
      // a deleted row's old content never comes back
      assert.strictEqual(JSON.stringify(two).includes('a1'), false)
    })

    it('rows without a state merge field by field when their key is known, and are added otherwise', () => {
      const s = run(full([r1]), partial([{ key: 'r1', state: 'partial', items: [{ id: 'i1', b: 'B' }, { id: 'i2', a: 'new' }] }]))
      assert.deepStrictEqual(s.group?.rows[0].items, [{ id: 'i1', a: 'a1', b: 'B' }, { id: 'i2', a: 'new' }])
    })

    it('an atomic field is replaced when carried; a list counts as carried when not empty, an atom whenever present', () => {
      const s = run(full([r1], { title: 'T' }), partial([{ key: 'r1', state: 'partial', tags: [], items: [] }], { title: 'U' }))
      assert.deepStrictEqual(s.title, 'U')
      assert.deepStrictEqual(s.group?.rows[0], { ...r1, tags: [] })
      // a partial document that does not carry the title keeps it
      assert.strictEqual(run(full([r1], { title: 'T' }), partial([])).title, 'T')
    })

    it('attributes merge name by name; groups are replaced by name', () => {
      const s = run(
        full([{ ...r1, attrs: { x: '1', y: '2' } }], { extras: [{ name: 'p', value: '1' }, { name: 'q', value: '1' }, { name: 'p', value: '2' }] }),
        partial([{ key: 'r1', state: 'partial', attrs: { y: '3', z: '4' }, items: [] }], { extras: [{ name: 'p', value: '9' }] })
      )
      assert.deepStrictEqual(s.group?.rows[0].attrs, { x: '1', y: '3', z: '4' })
      assert.deepStrictEqual(s.extras, [{ name: 'q', value: '1' }, { name: 'p', value: '9' }])
    })

    it('a child: partial merges, full replaces, deleted removes; a partial child that is not there is added as it is', () => {
      const base = full([r1, r2])
      assert.deepStrictEqual(run(base, { state: 'partial', group: { state: 'partial', note: 'n', rows: [] }, extras: [] }).group, { note: 'n', rows: [r1, r2] })
      assert.deepStrictEqual(run(base, { state: 'partial', group: { state: 'full', note: 'n', rows: [] }, extras: [] }).group, { note: 'n', rows: [] })
      assert.strictEqual(run(base, { state: 'partial', group: { state: 'deleted', rows: [] }, extras: [] }).group, undefined)
      assert.deepStrictEqual(run({ version: 1, extras: [] }, { state: 'partial', group: { state: 'partial', rows: [r2] }, extras: [] }).group, { rows: [r2] })
    })

    it('rows without a key never match: each one received is added', () => {
      const s = run(full([{ label: 'k1', items: [] }]), partial([{ state: 'partial', label: 'k2', items: [] }]))
      assert.deepStrictEqual(s.group?.rows, [{ label: 'k1', items: [] }, { label: 'k2', items: [] }])
    })

    it('where a key repeats, the update goes to the first row with it', () => {
      const s = run(full([{ key: 'd', label: '1', items: [] }, { key: 'd', label: '2', items: [] }]), partial([{ key: 'd', state: 'partial', label: 'x', items: [] }]))
      assert.deepStrictEqual(s.group?.rows.map((r) => r.label), ['x', '2'])
    })

    it('a deleted document replaces the state and says so', () => {
      const s = run(full([r1]))
      const o = step({ version: 1, value: s }, { version: 2, state: 'deleted', extras: [] })
      assert.deepStrictEqual(applied(o), { version: 2, state: 'deleted', extras: [] })
    })

    it('the version bookkeeping is the engine’s: stale, gap, first partial', () => {
      const s = { version: 5, value: run(full([r1])) }
      assert.deepStrictEqual(step(s, { ...partial([]), version: 5 }), { _tag: 'Stale', current: 5, got: 5 })
      assert.deepStrictEqual(step(s, { ...partial([]), version: 7 }), { _tag: 'Gap', expected: 6, got: 7 })
      assert.deepStrictEqual(step(undefined, { ...partial([]), version: 7 }), { _tag: 'NotFullState', got: 7 })
    })
  })

  describe('slots', () => {
    it('rows replaced whole, and rows a predicate removes', () => {
      interface Inst {
        readonly id: string
        readonly status: string
        readonly reason?: string
      }
      interface Res {
        readonly full: boolean
        readonly version: number
        readonly instances: ReadonlyArray<Inst>
      }
      const m = _.merge<Res>(
        { slots: { instances: _.rows('id', {} as _.Node<Inst>, { replace: true, removes: (i) => i.status === 'terminated' }) } },
        { version: (r) => r.version, isFullState: (r) => r.full, view: (s) => ({ ...s, full: true }) }
      )
      const r = Versioned.applyAll(m)(undefined, [
        { full: true, version: 0, instances: [{ id: 'a', status: 'active', reason: 'x' }, { id: 'b', status: 'active' }, { id: 'c', status: 'terminated' }] },
        { full: false, version: 1, instances: [{ id: 'a', status: 'pending' }, { id: 'b', status: 'terminated' }] }
      ])
      assert.deepStrictEqual(r.state?.value, { full: true, version: 1, instances: [{ id: 'a', status: 'pending' }] })
    })

    it('lazy nodes make recursive trees', () => {
      interface Tree {
        readonly name: string
        readonly state?: _.Flag
        readonly label?: string
        readonly kids: ReadonlyArray<Tree>
      }
      const tree: _.Node<Tree> = { state: 'state', slots: { kids: _.rows('name', () => tree) } }
      const s = _.applyPartial(tree)(
        { name: 'root', kids: [{ name: 'a', label: 'A', kids: [{ name: 'b', label: 'B', kids: [] }] }] },
        { name: 'root', kids: [{ name: 'a', state: 'partial', kids: [{ name: 'b', state: 'partial', label: 'BB', kids: [] }, { name: 'c', state: 'deleted', kids: [] }] }] }
      )
      assert.deepStrictEqual(s, { name: 'root', kids: [{ name: 'a', label: 'A', kids: [{ name: 'b', label: 'BB', kids: [] }] }] })
      assert.deepStrictEqual(_.normal(tree)({ name: 'r', state: 'full', kids: [{ name: 'x', state: 'deleted', kids: [] }] }), { name: 'r', kids: [] })
    })

    it('normal returns the same value when it is in normal form already', () => {
      const d = { version: 1, group: { rows: [{ key: 'k', items: [] }] }, extras: [] }
      assert.strictEqual(_.normal(doc)(d), d)
    })
  })

  describe('inconsistencies (RFC 4575 §4.4)', () => {
    const check = _.inconsistencies(doc)
    it('lists the children of full elements that are not full', () => {
      assert.deepStrictEqual(
        check({ version: 1, state: 'full', group: { state: 'partial', rows: [{ key: 'k', state: 'deleted', items: [] }] }, extras: [] }),
        [{ path: ['group'], state: 'partial', parent: 'full' }]
      )
      assert.deepStrictEqual(check({ version: 1, group: { rows: [{ key: 'k', state: 'partial', items: [] }] }, extras: [] }), [
        { path: ['group', 'rows', 0], state: 'partial', parent: 'full' }
      ])
    })
    it('is empty for consistent documents; the children of a deleted element are not looked at', () => {
      assert.deepStrictEqual(check({ version: 1, state: 'partial', group: { state: 'partial', rows: [{ key: 'k', state: 'deleted', items: [] }] }, extras: [] }), [])
      assert.deepStrictEqual(check({ version: 1, state: 'partial', group: { state: 'deleted', rows: [{ key: 'k', state: 'partial', items: [] }] }, extras: [] }), [])
    })
  })

  // -----------------------------------------------------------------------------------
  // laws, against an independent model
  // -----------------------------------------------------------------------------------

  describe('laws', () => {
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5']
    const ids = ['i1', 'i2', 'i3']
    const word = fc.constantFrom('x', 'y', 'z', 'w')
    const itemArb: fc.Arbitrary<Item> = fc.record({ id: fc.constantFrom(...ids), a: word, b: word }, { requiredKeys: ['id'] })
    const items = fc.uniqueArray(itemArb, { selector: (i) => i.id, maxLength: 3 })
    const rowArb = (key: string): fc.Arbitrary<Row> =>
      fc.record({ key: fc.constant(key), label: word, tags: fc.array(word, { maxLength: 2 }), items }, { requiredKeys: ['key', 'items'] })
    // a state in normal form
    const stateArb: fc.Arbitrary<Doc> = fc
      .record({
        title: fc.option(word, { nil: undefined }),
        rows: fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 4 }).chain((ks) => fc.tuple(...ks.map(rowArb)))
      })
      .map(({ title, rows }) => ({ version: 1, state: 'full' as const, ...(title === undefined ? {} : { title }), group: { rows }, extras: [] }))

    /** One change to one row. */
    type Change =
      | { readonly _tag: 'Delete'; readonly key: string }
      | { readonly _tag: 'Replace'; readonly row: Row }
      | { readonly _tag: 'Patch'; readonly key: string; readonly label?: string; readonly items: ReadonlyArray<Item> }
    const changeArb: fc.Arbitrary<Change> = fc.constantFrom(...keys).chain((key) =>
      fc.oneof(
        fc.constant<Change>({ _tag: 'Delete', key }),
        rowArb(key).map((row): Change => ({ _tag: 'Replace', row })),
        fc.record({ label: fc.option(word, { nil: undefined }), items }).map(
          ({ label, items }): Change => ({ _tag: 'Patch', key, ...(label === undefined ? {} : { label }), items })
        )
      )
    )
    // one change per key in a document (the RFCs make keys unique among siblings)
    const changesArb = fc.uniqueArray(changeArb, { selector: (c) => (c._tag === 'Replace' ? c.row.key : c.key), maxLength: 4 })
    const batchArb = fc.record({ title: fc.option(word, { nil: undefined }), changes: changesArb })

    /** The partial document of a batch of changes. */
    const docOf = (version: number, b: { readonly title: string | undefined; readonly changes: ReadonlyArray<Change> }): Doc => ({
      version,
      state: 'partial',
      ...(b.title === undefined ? {} : { title: b.title }),
      group: {
        state: 'partial',
        rows: b.changes.map((c): Row => {
          switch (c._tag) {
            case 'Delete':
              return { key: c.key, state: 'deleted', items: [] }
            case 'Replace':
              return { ...c.row, state: 'full' }
            case 'Patch':
              return { key: c.key, state: 'partial', ...(c.label === undefined ? {} : { label: c.label }), items: c.items }
          }
        })
      },
      extras: []
    })

    /** The model: rows in a Map (insertion order; delete then set appends), items in a Map per row. */
    const model = (s: Doc, batches: ReadonlyArray<{ readonly title: string | undefined; readonly changes: ReadonlyArray<Change> }>): Doc => {
      let title = s.title
      const table = new Map<string, Row>()
      for (const r of s.group?.rows ?? []) table.set(r.key!, r)
      for (const b of batches) {
        if (b.title !== undefined) title = b.title
        for (const c of b.changes) {
          if (c._tag === 'Delete') table.delete(c.key)
          else if (c._tag === 'Replace') table.set(c.row.key!, c.row)
          else {
            const old = table.get(c.key)
            if (old === undefined) {
              table.set(c.key, { key: c.key, ...(c.label === undefined ? {} : { label: c.label }), items: c.items })
              continue
            }
            const its = new Map(old.items.map((i) => [i.id, i]))
            for (const i of c.items) its.set(i.id, { ...its.get(i.id), ...i })
            table.set(c.key, { ...old, ...(c.label === undefined ? {} : { label: c.label }), items: [...its.values()] })
          }
        }
      }
      return { version: s.version + batches.length, state: 'full', ...(title === undefined ? {} : { title }), group: { rows: [...table.values()] }, extras: [] }
    }

    /** Deep equality up to key order (the merge spreads records; the model builds them anew). */
    const same = (a: unknown, b: unknown): void => assert.deepStrictEqual(JSON.parse(JSON.stringify(a, sorted)), JSON.parse(JSON.stringify(b, sorted)))
    const sorted = (_k: string, v: unknown): unknown =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
        : v

    it('a partial document gives the state of the full document it stands for', () => {
      fc.assert(
        fc.property(stateArb, batchArb, (s, b) => {
          const got = applied(step({ version: 1, value: s }, docOf(2, b)))
          const expected = model(s, [b])
          same(got, expected)
          // and replacing with that full document gives the same state
          same(applied(step({ version: 1, value: s }, { ...expected, version: 2 })), got)
        })
      )
    })

    it('a chain of partial documents applied in order gives the full end state', () => {
      fc.assert(
        fc.property(stateArb, fc.array(batchArb, { maxLength: 6 }), (s, bs) => {
          const r = Versioned.applyAll(merge)(undefined, [s, ...bs.map((b, i) => docOf(2 + i, b))])
          assert.ok(r.outcomes.every((o) => o._tag === 'Applied'))
          const end = model(s, bs)
          same(r.state?.value, end)
          same(r.state?.version, 1 + bs.length)
          same(merge.fromFull(end), r.state?.value)
        })
      )
    })

    it('stale documents (old or repeated versions) are never applied, full or partial', () => {
      fc.assert(
        fc.property(stateArb, batchArb, fc.integer({ min: 0, max: 5 }), fc.boolean(), (s, b, back, isFull) => {
          const current = { version: 5, value: s }
          const d = docOf(5 - back, b)
          const o = step(current, isFull ? { ...d, state: 'full' } : d)
          assert.deepStrictEqual(o, { _tag: 'Stale', current: 5, got: 5 - back })
          assert.strictEqual(Versioned.stateAfter(current, o), current)
        })
      )
    })

    it('the state is in normal form, and normal form is idempotent', () => {
      const flag = fc.option(fc.constantFrom<_.Flag>('full', 'partial', 'deleted'), { nil: undefined })
      const anyRow: fc.Arbitrary<Row> = fc
        .record({ key: fc.constantFrom(...keys), state: flag, label: word, items })
        .map(({ state, ...r }) => (state === undefined ? r : { ...r, state }))
      const anyDoc = fc.record({ state: flag, rows: fc.array(anyRow, { maxLength: 4 }), groupState: flag }).map(
        ({ state, rows, groupState }): Doc => ({
          version: 1,
          ...(state === undefined ? {} : { state }),
          group: { ...(groupState === undefined ? {} : { state: groupState }), rows },
          extras: []
        })
      )
      fc.assert(
        fc.property(anyDoc, (d) => {
          const n = _.normal(doc)(d)
          assert.deepStrictEqual(_.normal(doc)(n), n)
          assert.ok(!JSON.stringify(n.group ?? {}).includes('"state"'))
          assert.deepStrictEqual(_.inconsistencies(doc)({ ...n, state: 'full' }), [])
        })
      )
    })
  })
})
