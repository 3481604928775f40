/**
 * The recursive keyed merge of partial notifications, for formats whose documents are trees of keyed rows with a
 * `state` of `full`, `partial` or `deleted` on some elements (conference-info, RFC 4575 §4.4 to §4.6; the same shape
 * serves RLMI, RFC 4662 §5.6, whose resources are keyed by `uri` and instances by `id`). It works on decoded values,
 * not on XML, and builds a `Versioned.Merge` for the state engine (`codec/Versioned`), which keeps the version
 * bookkeeping (stale, duplicate and lost notifications).
 *
 * A format describes its tree once, as a {@link Node} per element type: which field of the value holds the element's
 * `state` (elements without one are atomic), and how each field merges (a {@link Slot}):
 *
 * - {@link child}: a child element merged recursively (an optional field, such as `users` in `<conference-info>`);
 * - {@link rows}: a list of rows keyed by a field (users by `entity`, endpoints by `entity`, media by `id`);
 * - {@link groups}: repeated elements replaced group by group (foreign elements by expanded name);
 * - {@link attributes}: a record of attributes merged name by name (`otherAttrs`);
 * - {@link atom}: a field received whenever it is present, even as an empty list (an element holding an `xs:list`);
 * - any other field is atomic: a partial update that carries it replaces it; one that does not leaves it alone (a
 *   list counts as carried when it is not empty, since an absent repeated element is an empty list).
 *
 * The merge, as RFC 4575 §4.6 words it for any element with a state:
 *
 * - `full` (or no `state`: full is the default) replaces the element with the received one;
 * - `deleted` removes it (a row leaves its list, a child its field), and whatever it contains is ignored;
 * - `partial` updates what the element carries and leaves the rest: each carried atomic field is replaced, each child
 *   and row is merged by the same rules, recursively; a row whose key is new is added at the end of its list with the
 *   content received, whatever its state (a deleted row that is not there changes nothing);
 * - rows of an element type without a state (media) are merged field by field when their key is known, and added
 *   when it is not; they are never removed by a partial update (their parent must be sent full for that), unless the
 *   slot says which rows leave (`removes`, e.g. a terminated RLMI instance); a slot may also say that rows are replaced
 *   whole (`replace`).
 *
 * The state is itself a document: the last full document, with every partial one merged in, in normal form: no
 * `state` below the root (every element is full), no deleted rows or children, and the root's state `full` (or
 * `deleted`, for a document that says the resource ceased to exist). `fromFull` of a document is its normal form, so
 * that applying a partial document gives exactly the state of the full document it stands for. Row order is the order
 * rows first appeared; a row deleted and added again comes back at the end, with only the content of the element that
 * added it. Keys are compared with `===` (RFC 4575 §4.5: two URIs are the same key when their characters are); where
 * a key repeats among siblings (the RFCs forbid it, schemas do not), an update goes to the first row with that key.
 * Rows without a key (an optional key attribute left out) never match: each one received is added.
 *
 * A partial document can only say what it carries; it cannot remove an atomic field (a display text, a status): a
 * notifier that drops one sends the element full. {@link inconsistencies} lists the places where a document breaks the
 * rule that every child of a full element is full (RFC 4575 §4.4), as documents relayed by servers that rewrite the
 * root's state do.
 *
 * @since 0.2.0
 */
import type { Integer } from './Value.js'
import type { Merge } from './Versioned.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The values of a `state` attribute (RFC 4575 §4.4): the element holds all of its content, only what changed, or it
 * was deleted.
 *
 * @category model
 * @since 0.2.0
 */
export type Flag = 'full' | 'partial' | 'deleted'

/**
 * The fields of a value type that hold a {@link Flag}.
 *
 * @category model
 * @since 0.2.0
 */
export type FlagKey<A> = { [K in keyof A]-?: [Exclude<A[K], undefined>] extends [Flag] ? K : never }[keyof A]

/**
 * How the elements of one type merge: the field holding their state (left out for atomic elements, and for keyed rows
 * merged field by field), and how each field merges (fields not listed are atomic).
 *
 * @category model
 * @since 0.2.0
 */
export interface Node<A> {
  readonly state?: FlagKey<A>
  readonly slots?: Slots<A>
}

/**
 * How each field of a value merges.
 *
 * @category model
 * @since 0.2.0
 */
export type Slots<A> = { readonly [K in keyof A]?: Slot<Exclude<A[K], undefined>> }

/**
 * How one field merges: lists as {@link Rows} or {@link Groups}, other values as a {@link Child} or
 * {@link Attributes}; any field may be an {@link Atom}.
 *
 * @category model
 * @since 0.2.0
 */
export type Slot<V> = [V] extends [ReadonlyArray<infer I>] ? Rows<I> | Groups<I> | Atom : Child<V> | Attributes | Atom

/**
 * A child element merged recursively.
 *
 * @category model
 * @since 0.2.0
 */
export interface Child<V> {
  readonly _tag: 'Child'
  readonly node: Node<V>
}

/**
 * A list of rows keyed by a field.
 *
 * @category model
 * @since 0.2.0
 */
export interface Rows<I> {
  readonly _tag: 'Rows'
  readonly key: (row: I) => unknown
  readonly node: Node<I>
  /** Whether a received row replaces the one with its key whole (by default a row without a state is merged). */
  readonly replace: boolean
  /** Rows that leave the list when received, beside those whose state is `deleted`. */
  readonly removes?: (row: I) => boolean
}

/**
 * Repeated elements replaced group by group: the received elements of a group replace every element of that group.
 *
 * @category model
 * @since 0.2.0
 */
export interface Groups<I> {
  readonly _tag: 'Groups'
  readonly key: (item: I) => string
}

/**
 * A record of attributes merged name by name.
 *
 * @category model
 * @since 0.2.0
 */
export interface Attributes {
  readonly _tag: 'Attributes'
}

/**
 * A field received whenever it is present, even when it is an empty list.
 *
 * @category model
 * @since 0.2.0
 */
export interface Atom {
  readonly _tag: 'Atom'
}

/**
 * A place where a document breaks the rule that the children of a full element are full (RFC 4575 §4.4): the path of
 * fields and indices from the root, the child's state and its parent's.
 *
 * @category model
 * @since 0.2.0
 */
export interface Inconsistency {
  readonly path: ReadonlyArray<string | number>
  readonly state: Flag
  readonly parent: Flag
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const resolve = <A>(node: Node<A> | (() => Node<A>)): (() => Node<A>) => {
  if (typeof node !== 'function') return () => node
  let memo: Node<A> | undefined
  return () => (memo === undefined ? (memo = node()) : memo)
}

/**
 * A child element merged recursively; the node may be given lazily (for recursive trees).
 *
 * @category constructors
 * @since 0.2.0
 */
export const child = <V>(node: Node<V> | (() => Node<V>)): Child<V> => {
  const get = resolve(node)
  return {
    _tag: 'Child',
    get node() {
      return get()
    }
  }
}

/**
 * A list of rows keyed by a field (compared with `===`); the node may be given lazily (for recursive trees).
 *
 * @category constructors
 * @since 0.2.0
 */
export const rows = <I>(
  key: keyof I,
  node: Node<I> | (() => Node<I>),
  options: { readonly replace?: boolean; readonly removes?: (row: I) => boolean } = {}
): Rows<I> => {
  const get = resolve(node)
  return {
    _tag: 'Rows',
    key: (row) => row[key],
    get node() {
      return get()
    },
    replace: options.replace === true,
    ...(options.removes === undefined ? {} : { removes: options.removes })
  }
}

/**
 * Repeated elements replaced group by group (e.g. foreign elements grouped by their expanded name).
 *
 * @category constructors
 * @since 0.2.0
 */
export const groups = <I>(key: (item: I) => string): Groups<I> => ({ _tag: 'Groups', key })

/**
 * A record of attributes merged name by name.
 *
 * @category constructors
 * @since 0.2.0
 */
export const attributes: Attributes = { _tag: 'Attributes' }

/**
 * A field received whenever it is present (an element whose content is a list, such as `<languages>`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const atom: Atom = { _tag: 'Atom' }

// -------------------------------------------------------------------------------------
// merge
// -------------------------------------------------------------------------------------

type AnyRecord = Record<string, unknown>
type AnySlot = Child<unknown> | Rows<unknown> | Groups<unknown> | Attributes | Atom
type AnyNode = { readonly state?: string; readonly slots?: Readonly<Record<string, AnySlot | undefined>> }

/** A node compiled once: its state field, its slots by field, and those that hold elements (children and rows). */
interface Plan {
  readonly state: string | undefined
  readonly slots: ReadonlyMap<string, PlanSlot>
  readonly nested: ReadonlyArray<PlanSlot>
}

interface PlanSlot {
  readonly key: string
  readonly slot: AnySlot
  /** The plan of the slot's node (children and rows), compiled on first use (trees may be recursive). */
  sub: Plan | undefined
}

const plans = new WeakMap<object, Plan>()

const planOf = (node: AnyNode): Plan => {
  const known = plans.get(node)
  if (known !== undefined) return known
  const slots = new Map<string, PlanSlot>()
  const nested: Array<PlanSlot> = []
  const ss = node.slots
  if (ss !== undefined)
    for (const key of Object.keys(ss)) {
      const slot = ss[key]
      if (slot === undefined) continue
      const ps: PlanSlot = { key, slot, sub: undefined }
      slots.set(key, ps)
      if (slot._tag === 'Child' || slot._tag === 'Rows') nested.push(ps)
    }
  const plan: Plan = { state: node.state, slots, nested }
  plans.set(node, plan)
  return plan
}

const subOf = (ps: PlanSlot): Plan => ps.sub ?? (ps.sub = planOf((ps.slot as Child<unknown>).node as AnyNode))

const GONE: unique symbol = Symbol('gone')
const HOLE: unique symbol = Symbol('hole')

const isRecord = (u: unknown): u is AnyRecord => typeof u === 'object' && u !== null && !Array.isArray(u)

const flagOf = (plan: Plan, a: unknown): unknown => (plan.state !== undefined && isRecord(a) ? a[plan.state] : undefined)

const removed = (slot: Rows<unknown>, plan: Plan, row: unknown): boolean =>
  flagOf(plan, row) === 'deleted' || (slot.removes !== undefined && slot.removes(row))

/** The normal form of an element: no state, no deleted rows or children, recursively. The same object when it is one. */
const normalize = (plan: Plan, a: unknown): unknown => {
  if (!isRecord(a)) return a
  let out: AnyRecord | undefined
  if (plan.state !== undefined && a[plan.state] !== undefined) {
    out = { ...a }
    delete out[plan.state]
  }
  for (const ps of plan.nested) {
    const k = ps.key
    const v = a[k]
    if (v === undefined) continue
    const sub = subOf(ps)
    if (ps.slot._tag === 'Child') {
      if (flagOf(sub, v) === 'deleted') {
        out ??= { ...a }
        delete out[k]
        continue
      }
      const nv = normalize(sub, v)
      if (nv !== v) (out ??= { ...a })[k] = nv
    } else if (Array.isArray(v)) {
      const slot = ps.slot as Rows<unknown>
      let list: Array<unknown> | undefined
      for (let i = 0; i < v.length; i++) {
        const row: unknown = v[i]
        if (removed(slot, sub, row)) {
          list ??= v.slice(0, i)
          continue
        }
        const nr = normalize(sub, row)
        if (nr !== row) list ??= v.slice(0, i)
        if (list !== undefined) list.push(nr)
      }
      if (list !== undefined) (out ??= { ...a })[k] = list
    }
  }
  return out ?? a
}

const carried = (v: unknown): boolean => v !== undefined && !(Array.isArray(v) && v.length === 0)

/** A child received: replaced, patched or removed by its state. */
const applyChild = (plan: Plan, current: unknown, v: unknown): unknown => {
  const flag = flagOf(plan, v)
  if (flag === 'deleted') return GONE
  if (flag === 'partial' && current !== undefined) return patch(plan, current, v)
  return normalize(plan, v)
}

const mergeRows = (slot: Rows<unknown>, plan: Plan, current: ReadonlyArray<unknown>, updates: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const out: Array<unknown> = current.slice()
  // the position of the first row of each key, found by a scan for a few updates and through a table for more
  let index: Map<unknown, number> | undefined
  const find = (k: unknown): number | undefined => {
    if (k === undefined) return undefined
    if (index === undefined && updates.length <= 4) {
      for (let i = 0; i < out.length; i++) if (out[i] !== HOLE && slot.key(out[i]) === k) return i
      return undefined
    }
    if (index === undefined) {
      index = new Map()
      for (let i = 0; i < out.length; i++) {
        if (out[i] === HOLE) continue
        const key = slot.key(out[i])
        if (key !== undefined && !index.has(key)) index.set(key, i)
      }
    }
    return index.get(k)
  }
  let holes = false
  for (const u of updates) {
    const k = isRecord(u) ? slot.key(u) : undefined
    const at = find(k)
    if (removed(slot, plan, u)) {
      if (at !== undefined) {
        out[at] = HOLE
        index?.delete(k)
        holes = true
      }
      continue
    }
    const merges = at !== undefined && !slot.replace && (plan.state === undefined || flagOf(plan, u) === 'partial')
    const next = merges ? patch(plan, out[at], u) : normalize(plan, u)
    if (at !== undefined) out[at] = next
    else {
      if (k !== undefined) index?.set(k, out.length)
      out.push(next)
    }
  }
  return holes ? out.filter((x) => x !== HOLE) : out
}

const mergeGroups = (slot: Groups<unknown>, current: ReadonlyArray<unknown>, updates: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const received = new Set(updates.map(slot.key))
  return [...current.filter((x) => !received.has(slot.key(x))), ...updates]
}

const listOr = (u: unknown): ReadonlyArray<unknown> => (Array.isArray(u) ? u : [])

/** A partial element applied to the local one: what it carries replaces or merges, the rest stays. */
const patch = (plan: Plan, current: unknown, u: unknown): unknown => {
  if (!isRecord(current) || !isRecord(u)) return normalize(plan, u)
  const out: AnyRecord = { ...current }
  for (const k of Object.keys(u)) {
    if (k === plan.state) continue
    const v = u[k]
    if (v === undefined) continue
    const ps = plan.slots.get(k)
    if (ps === undefined) {
      if (carried(v)) out[k] = v
      continue
    }
    const slot = ps.slot
    switch (slot._tag) {
      case 'Atom':
        out[k] = v
        break
      case 'Attributes':
        out[k] = isRecord(out[k]) && isRecord(v) ? { ...out[k], ...v } : v
        break
      case 'Groups':
        if (carried(v)) out[k] = mergeGroups(slot, listOr(out[k]), listOr(v))
        break
      case 'Rows':
        if (carried(v)) out[k] = mergeRows(slot, subOf(ps), listOr(out[k]), listOr(v))
        break
      case 'Child': {
        const r = applyChild(subOf(ps), out[k], v)
        if (r === GONE) delete out[k]
        else out[k] = r
        break
      }
    }
  }
  if (plan.state !== undefined) delete out[plan.state]
  return out
}

/**
 * The normal form of a full element: its state and the states below it left out, deleted rows and children left
 * out, recursively (the same value when there is nothing to leave out).
 *
 * @category combinators
 * @since 0.2.0
 */
export const normal =
  <A>(node: Node<A>) =>
  (a: A): A =>
    normalize(planOf(node as AnyNode), a) as A

/**
 * A partial element applied to the local one (both of the node's type; the local one in normal form): the result, in
 * normal form. The element's own state is not looked at: it is taken as partial.
 *
 * @category combinators
 * @since 0.2.0
 */
export const applyPartial =
  <A>(node: Node<A>) =>
  (state: A, update: A): A =>
    patch(planOf(node as AnyNode), state, update) as A

/** The root of a state: normal form, with its state `full` (or `deleted` when the document says so). */
const root = (plan: Plan, a: unknown, deleted: boolean): unknown => {
  if (plan.state === undefined || !isRecord(a)) return a
  return { ...a, [plan.state]: deleted ? 'deleted' : 'full' }
}

/**
 * The merge rule for `Versioned.apply` of a format described by its root node: the version of a document, and
 * optionally whether it holds full state (by default: its root's state is not `partial`, so that `full` and `deleted`
 * documents replace the state, RFC 4575 §4.6) and a last touch to the state (for roots whose full-state marker is not a
 * `state` field).
 *
 * @example
 * import { KeyedMerge, Versioned } from 'sip-simple-payloads/codec'
 * interface Row { readonly id: string; readonly state?: KeyedMerge.Flag; readonly label?: string }
 * interface List { readonly version: number; readonly state?: KeyedMerge.Flag; readonly rows: ReadonlyArray<Row> }
 * const row: KeyedMerge.Node<Row> = { state: 'state' }
 * const merge = KeyedMerge.merge<List>({ state: 'state', slots: { rows: KeyedMerge.rows('id', row) } }, { version: (l) => l.version })
 * const r = Versioned.applyAll(merge)(undefined, [
 *   { version: 1, state: 'full', rows: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
 *   { version: 2, state: 'partial', rows: [{ id: 'a', state: 'deleted' }, { id: 'b', state: 'partial' }, { id: 'c', label: 'C' }] }
 * ])
 * if (JSON.stringify(r.state?.value.rows) !== JSON.stringify([{ id: 'b', label: 'B' }, { id: 'c', label: 'C' }])) throw new Error('merge')
 *
 * @category combinators
 * @since 0.2.0
 */
export const merge = <A>(
  node: Node<A>,
  options: {
    readonly version: (doc: A) => Integer
    readonly isFullState?: (doc: A) => boolean
    readonly view?: (state: A, doc: A) => A
  }
): Merge<A, A> => {
  const n = planOf(node as AnyNode)
  const view = options.view ?? ((s: A) => s)
  return {
    version: options.version,
    isFullState: options.isFullState ?? ((doc) => flagOf(n, doc) !== 'partial'),
    fromFull: (doc) => view(root(n, normalize(n, doc), flagOf(n, doc) === 'deleted') as A, doc),
    applyPartial: (state, doc) => view(root(n, patch(n, state, doc), false) as A, doc)
  }
}

// -------------------------------------------------------------------------------------
// consistency
// -------------------------------------------------------------------------------------

const isFlag = (u: unknown): u is Flag => u === 'full' || u === 'partial' || u === 'deleted'

/**
 * The places where a document breaks the rule that the children of a full element are full (RFC 4575 §4.4: a child
 * of a full parent MUST be full), in document order. The children of a deleted element are not looked at (they are
 * ignored); an element without a state of its own passes its parent's on. Empty for a consistent document.
 *
 * @category combinators
 * @since 0.2.0
 */
export const inconsistencies =
  <A>(node: Node<A>) =>
  (doc: A): ReadonlyArray<Inconsistency> => {
    const out: Array<Inconsistency> = []
    const visit = (n: Plan, a: unknown, path: ReadonlyArray<string | number>, parent: Flag | undefined): void => {
      if (!isRecord(a)) return
      const own = flagOf(n, a)
      let flag: Flag = parent ?? 'full'
      if (n.state !== undefined) {
        const mine: Flag = isFlag(own) ? own : 'full'
        if (parent === 'full' && mine !== 'full') out.push({ path, state: mine, parent })
        flag = mine
      }
      if (flag === 'deleted') return
      for (const ps of n.nested) {
        const k = ps.key
        const v = a[k]
        if (v === undefined) continue
        if (ps.slot._tag === 'Child') visit(subOf(ps), v, [...path, k], flag)
        else if (Array.isArray(v)) v.forEach((row, i) => visit(subOf(ps), row, [...path, k, i], flag))
      }
    }
    visit(planOf(node as AnyNode), doc, [], undefined)
    return out
  }
