/**
 * The difference between two versions of a document, as RFC 5261 patch operations: `diff(a, b)` gives operations that
 * turn `a` into a document canonically equal to `b`. Elements are matched by name and by the attribute that identifies
 * them among their siblings where there is one (`id`, `uri`, `name`, `entity`, ...), with a shortest edit script
 * (Myers' O((N+M)D) algorithm), so that a small change gives a small patch: an edited entry of a list of thousands is
 * one operation, not a rewrite. Selectors use that identifying attribute when it is unique, a position among
 * same-named siblings otherwise; operations are ordered so that each selector is right for the document as patched so
 * far (RFC 5261 applies them in order).
 *
 * @since 0.2.0
 */
import * as Xml from '../xml/Ast.js'
import { wellKnownPrefixes } from '../xml/Printer.js'
import type { Operation } from './Patch.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A patch: operations, and the namespace bindings their selectors use.
 *
 * @category model
 * @since 0.2.0
 */
export interface Patch {
  readonly operations: ReadonlyArray<Operation>
  readonly bindings: ReadonlyArray<Xml.NsDecl>
}

/** An operation before its bindings are known. */
type Unbound = Operation extends infer O ? (O extends Operation ? Omit<O, 'bindings'> : never) : never

// -------------------------------------------------------------------------------------
// edit scripts
// -------------------------------------------------------------------------------------

type Edit = { readonly _tag: 'Same'; readonly a: number; readonly b: number } | { readonly _tag: 'Remove'; readonly a: number } | { readonly _tag: 'Insert'; readonly b: number }

/** A shortest edit script between two sequences of keys (E. Myers, "An O(ND) Difference Algorithm", 1986). */
const editScript = (xs: ReadonlyArray<string>, ys: ReadonlyArray<string>): ReadonlyArray<Edit> => {
  const n = xs.length
  const m = ys.length
  // common prefix and suffix first: the usual case of a small change is then cheap
  let start = 0
  while (start < n && start < m && xs[start] === ys[start]) start++
  let endX = n
  let endY = m
  while (endX > start && endY > start && xs[endX - 1] === ys[endY - 1]) {
    endX--
    endY--
  }
  const a = xs.slice(start, endX)
  const b = ys.slice(start, endY)
  const N = a.length
  const M = b.length
  const max = N + M
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Array<Int32Array> = []
  let found = N === 0 && M === 0
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < N && y < M && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= N && y >= M) {
        found = true
        break
      }
    }
  }
  trace.push(v.slice())
  // walk back through the trace
  const middle: Array<Edit> = []
  let x = N
  let y = M
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]
    const k = x - y
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1
    const prevX = vd[offset + prevK]
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      middle.push({ _tag: 'Same', a: start + x - 1, b: start + y - 1 })
      x--
      y--
    }
    if (d > 0) {
      if (x === prevX) middle.push({ _tag: 'Insert', b: start + y - 1 })
      else middle.push({ _tag: 'Remove', a: start + x - 1 })
    }
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    middle.push({ _tag: 'Same', a: start + x - 1, b: start + y - 1 })
    x--
    y--
  }
  middle.reverse()
  const out: Array<Edit> = []
  for (let i = 0; i < start; i++) out.push({ _tag: 'Same', a: i, b: i })
  out.push(...middle)
  for (let i = 0; i < n - endX; i++) out.push({ _tag: 'Same', a: endX + i, b: endY + i })
  return out
}

// -------------------------------------------------------------------------------------
// diff
// -------------------------------------------------------------------------------------

/** Attributes that identify an element among its siblings, in order of preference. */
const KEYS = ['id', 'uri', 'name', 'entity', 'anchor', 'ref', 'auid', 'resource', 'sel', 'domain']

const elementsOf = (e: Xml.Element): ReadonlyArray<Xml.Element> => e.children.filter((c): c is Xml.Element => c._tag === 'Element')
const hasText = (e: Xml.Element): boolean => e.children.some((c) => c._tag === 'Text')

/** How many same-named siblings have each key attribute value (one pass over the siblings). */
const keyCounts = (xs: ReadonlyArray<Xml.Element>): Map<string, number> => {
  const m = new Map<string, number>()
  for (const x of xs)
    for (const k of KEYS) {
      const v = x.attrs[k]
      if (v === undefined) continue
      const id = `${Xml.key(x.name)} ${k}=${v}`
      m.set(id, (m.get(id) ?? 0) + 1)
    }
  return m
}

/** The key attribute of an element whose value is unique among same-named siblings in both versions, if any. */
const keyOf = (e: Xml.Element, countsA: ReadonlyMap<string, number>, countsB: ReadonlyMap<string, number>): string | undefined => {
  for (const k of KEYS) {
    const v = e.attrs[k]
    if (v === undefined || (v.includes('"') && v.includes("'"))) continue
    const id = `${Xml.key(e.name)} ${k}=${v}`
    if ((countsA.get(id) ?? 0) <= 1 && (countsB.get(id) ?? 0) <= 1) return k
  }
  return undefined
}

const signature = (e: Xml.Element, key: string | undefined): string => `${Xml.key(e.name)} ${key === undefined ? '' : `${key}=${e.attrs[key]}`}`

/**
 * The patch that turns document `a` into document `b` (canonically equal: namespace declarations and prefixes are not
 * information, and are not patched). The patch of a document with itself is empty.
 *
 * @example
 * import { diff } from 'sip-simple-payloads/xcap/Diff'
 * import { apply } from 'sip-simple-payloads/xcap/Patch'
 * import { parse } from 'sip-simple-payloads/xml'
 * const a = parse('<l xmlns="urn:x"><e uri="sip:a@b"/><e uri="sip:c@d"/></l>')
 * const b = parse('<l xmlns="urn:x"><e uri="sip:a@b"/><e uri="sip:c@d" x="1"/></l>')
 * if (a._tag === 'Right' && b._tag === 'Right') apply(a.right, diff(a.right, b.right).operations)
 *
 * @category diff
 * @since 0.2.0
 */
export const diff = (a: Xml.Element, b: Xml.Element): Patch => {
  const prefixes = new Map<string, string>()
  const prefixOf = (ns: string): string => {
    let p = prefixes.get(ns)
    if (p === undefined) {
      const wk = Object.prototype.hasOwnProperty.call(wellKnownPrefixes, ns) ? wellKnownPrefixes[ns] : undefined
      p = wk !== undefined && ![...prefixes.values()].includes(wk) ? wk : `p${prefixes.size + 1}`
      prefixes.set(ns, p)
    }
    return p
  }
  const nameOf = (n: Xml.QName): string => (n.ns === '' ? n.local : n.ns === Xml.XML_NS ? `xml:${n.local}` : `${prefixOf(n.ns)}:${n.local}`)
  const quote = (v: string): string => (v.includes("'") ? `"${v}"` : `'${v}'`)
  const ops: Array<Operation> = []
  const emit = (op: Unbound): void => {
    ops.push({ ...op, bindings: [] } as Operation)
  }
  const attrName = (k: string): string => {
    const n = Xml.fromKey(k)
    return n.ns === '' ? n.local : nameOf(n)
  }

  const element = (sel: string, x: Xml.Element, y: Xml.Element): void => {
    if (Xml.equals(x, y)) return
    if (!Xml.eqName(x.name, y.name) || hasText(x) || hasText(y)) {
      emit({ _tag: 'Replace', sel, content: [y] })
      return
    }
    // attributes
    for (const k of Object.keys(x.attrs))
      if (y.attrs[k] === undefined) emit({ _tag: 'Remove', sel: `${sel}/@${attrName(k)}` })
      else if (y.attrs[k] !== x.attrs[k]) emit({ _tag: 'Replace', sel: `${sel}/@${attrName(k)}`, content: [Xml.text(y.attrs[k])] })
    for (const k of Object.keys(y.attrs))
      if (x.attrs[k] === undefined) emit({ _tag: 'Add', sel, type: `@${attrName(k)}`, content: [Xml.text(y.attrs[k])] })
    // children, matched by name and key
    const xs = elementsOf(x)
    const ys = elementsOf(y)
    const countsX = keyCounts(xs)
    const countsY = keyCounts(ys)
    const keysX = xs.map((e) => keyOf(e, countsX, countsY))
    const keysY = ys.map((e) => keyOf(e, countsX, countsY))
    const sigsX = xs.map((e, i) => signature(e, keysX[i]))
    const sigsY = ys.map((e, i) => signature(e, keysY[i]))
    const script = editScript(sigsX, sigsY)
    // an element added with the key of one still there (moved, say) makes the key ambiguous while the patch runs:
    // elements with such keys are selected by position
    const added = new Set<string>()
    for (const ed of script) if (ed._tag === 'Insert' && keysY[ed.b] !== undefined) added.add(sigsY[ed.b])
    /** The selector of a child of `x` that still stands at index `i` of `xs` (siblings before it are untouched). */
    const childSel = (i: number): string => {
      const e = xs[i]
      const k = keysX[i]
      if (k !== undefined && !added.has(sigsX[i])) return `${sel}/${nameOf(e.name)}[@${k}=${quote(e.attrs[k])}]`
      let n = 0
      for (let j = 0; j <= i; j++) if (Xml.eqName(xs[j].name, e.name)) n++
      return `${sel}/${nameOf(e.name)}[${n}]`
    }
    // right to left: an operation never moves the siblings that the selectors of the later ones count
    for (let s = script.length - 1; s >= 0; s--) {
      const ed = script[s]
      if (ed._tag === 'Same') element(childSel(ed.a), xs[ed.a], ys[ed.b])
      else if (ed._tag === 'Remove') emit({ _tag: 'Remove', sel: childSel(ed.a) })
      else {
        // after the nearest sibling to the left that is still there, or first in the parent
        let left = -1
        for (let t = s - 1; t >= 0; t--) {
          const o = script[t]
          if (o._tag !== 'Insert') {
            left = o.a
            break
          }
        }
        if (left < 0) emit({ _tag: 'Add', sel, pos: 'prepend', content: [ys[ed.b]] })
        else emit({ _tag: 'Add', sel: childSel(left), pos: 'after', content: [ys[ed.b]] })
      }
    }
  }
  element(`/${nameOf(a.name)}`, a, b)
  const bindings = [...prefixes].map(([uri, prefix]) => ({ prefix, uri }))
  return { operations: ops.map((op) => ({ ...op, bindings })), bindings }
}
