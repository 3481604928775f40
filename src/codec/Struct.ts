/**
 * Element codecs from records of fields. `element(name, fields)` reads an element whose attributes and children the
 * fields claim, in one pass: each element child is routed by expanded name to the field that reads it (or to the
 * wildcard that keeps it), the schema's sequence order is checked, and every field decodes from what it was given.
 * Encoding writes the fields in record order, which is the XSD sequence order.
 *
 * Two kinds of fields are filled in by the element itself, and make what other libraries keep on the side visible in
 * the value:
 *
 * - `sourceOrder()`: where the schema leaves the order of children open (extension elements and foreign elements
 *   interleaved in a wildcard, persons and devices of a presence document), the order the document had is kept as a
 *   list of the children's expanded names, only when it differs from the order the encoder writes. It survives copies,
 *   JSON and edits of unrelated fields; an edit that adds or removes children leaves the others in place.
 * - `namespaces()`: the namespace declarations the element had, so that the author's prefixes come back.
 *
 * @since 0.2.0
 */
import * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { wellKnownPrefixes } from '../xml/Printer.js'
import { append, isElement, isLenient, isNamed, make, showName, unexpectedAttribute, type XmlCodec } from './Codec.js'
import { expected, show } from './DecodeError.js'
import { ABSENT, type AnyField, type Field, type Fields, type Host, type Out, type Struct } from './Field.js'
import { dropWith, warn } from './Lenient.js'

// -------------------------------------------------------------------------------------
// plans
// -------------------------------------------------------------------------------------

/** Where a child of some name goes: the field that reads it, its place in the output, its place in the schema. */
interface Route {
  readonly field: number
  /** Orders like the encoder's output. */
  readonly rank: number
  /** Orders like the schema's sequence: equal for the members of one wildcard. */
  readonly slot: number
}

const UNROUTED: Route = { field: -1, rank: -1, slot: -1 }
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({})
const NO_CHILDREN: ReadonlyArray<Xml.Node> = Object.freeze([])
const RANK_STEP = 1024

interface Plan {
  readonly keys: ReadonlyArray<string>
  readonly fields: ReadonlyArray<AnyField>
  readonly keySet: ReadonlySet<string>
  readonly host: Host
  readonly keepsAttribute: ReadonlyArray<(key: string) => boolean>
  readonly readsText: boolean
  readonly claimed: Map<string, Map<string, Route>>
  /** Fields with a wildcard, in order, and the namespaces owned by extensions (which wildcards never keep). */
  readonly wildcards: ReadonlyArray<number>
  readonly owned: ReadonlySet<string>
  readonly slots: ReadonlyArray<number>
  /** Routes by QName object: the parser shares one object per expanded name, so this is the hot lookup. */
  readonly cache: WeakMap<Xml.QName, Route>
  readonly orderKey: string | undefined
  readonly namespacesKey: string | undefined
  readonly rootNamespaces: boolean
  /**
   * What encoding reads of each field, in arrays of one shape (field records have many shapes, and reading their
   * properties in the encoder's loop is slow): the writer (undefined for fields the element fills in itself), and
   * what to write when the key is absent (NOTHING for nothing).
   */
  readonly writers: ReadonlyArray<((a: never, out: Out) => void) | undefined>
  readonly whenAbsent: ReadonlyArray<unknown>
  /** What decoding reads of each field, likewise: its decoder, and its result when no child was routed to it. */
  readonly decoders: ReadonlyArray<AnyField['decode']>
  readonly whenNone: ReadonlyArray<t.Validation<unknown> | undefined>
}

/** The absence of a value to write (a field whose key is absent writes nothing). */
const NOTHING: unique symbol = Symbol('nothing')

const plan = (fields: Fields): Plan => {
  const keys = Object.keys(fields)
  const list = keys.map((k) => fields[k])
  const attrs = new Set<string>()
  const keepsAttribute: Array<(key: string) => boolean> = []
  const claimed = new Map<string, Map<string, Route>>()
  const wildcards: Array<number> = []
  const owned = new Set<string>()
  const slots: Array<number> = []
  let readsText = false
  let slot = 0
  let inWildcard = false
  let orderKey: string | undefined
  let namespacesKey: string | undefined
  let rootNamespaces = false
  list.forEach((f, i) => {
    const key = keys[i]
    if (f.role === 'order') orderKey = key
    if (f.role === 'namespaces') {
      namespacesKey = key
      rootNamespaces = (f as { readonly root?: boolean }).root === true
    }
    // consecutive wildcard fields share one position of the sequence
    if (f.elements.length > 0 || f.keepsElement !== undefined) {
      if (f.wildcard === true) {
        if (!inWildcard) slot++
        inWildcard = true
      } else {
        slot++
        inWildcard = false
      }
    }
    slots.push(slot)
    const ranks = f.ranks ?? f.elements.map((n) => [n, 0] as const)
    for (const [n, sub] of ranks) {
      let m = claimed.get(n.ns)
      if (m === undefined) claimed.set(n.ns, (m = new Map()))
      if (!m.has(n.local)) m.set(n.local, { field: i, rank: i * RANK_STEP + sub, slot })
    }
    for (const a of f.attributes) attrs.add(a)
    if (f.keepsElement !== undefined) wildcards.push(i)
    if (f.owns !== undefined) for (const ns of f.owns) owned.add(ns)
    if (f.keepsAttribute !== undefined) keepsAttribute.push(f.keepsAttribute)
    if (f.readsText === true) readsText = true
  })
  return {
    keys,
    fields: list,
    keySet: new Set(keys),
    host: { claimsAttr: (k) => attrs.has(k) },
    keepsAttribute,
    readsText,
    claimed,
    wildcards,
    owned,
    slots,
    cache: new WeakMap(),
    orderKey,
    namespacesKey,
    rootNamespaces,
    writers: list.map((f) => (f.role !== undefined ? undefined : (f.encode as (a: never, out: Out) => void))),
    decoders: list.map((f) => f.decode),
    whenNone: list.map((f) => f.whenNone),
    whenAbsent: list.map((f) =>
      f.encodesAbsent === true
        ? undefined
        : !f.optional && f.whenNone !== undefined && f.whenNone._tag === 'Right' && f.whenNone.right !== ABSENT
          ? f.whenNone.right
          : NOTHING
    )
  }
}

/** The route of a child name: the field claiming it, else the first wildcard keeping it (cached by identity). */
const routeOf = (p: Plan, n: Xml.QName): Route => {
  let r = p.cache.get(n)
  if (r === undefined) {
    r = p.claimed.get(n.ns)?.get(n.local)
    if (r === undefined) {
      r = UNROUTED
      if (!p.owned.has(n.ns))
        for (const wi of p.wildcards)
          if (p.fields[wi].keepsElement!(n)) {
            r = { field: wi, rank: wi * RANK_STEP, slot: p.slots[wi] }
            break
          }
    }
    p.cache.set(n, r)
  }
  return r
}

const EMPTY: ReadonlyArray<Xml.Element> = []

/** Decodes every field from its routed children; errors are pushed, the record returned. */
const decodeRouted = (
  p: Plan,
  el: Xml.Element,
  buckets: Array<Array<Xml.Element> | undefined>,
  c: t.Context,
  errors: Array<t.ValidationError>
): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  let input: { el: Xml.Element; kids: ReadonlyArray<Xml.Element>; c: t.Context; host: Host } | undefined
  const decoders = p.decoders
  const whenNone = p.whenNone
  const keys = p.keys
  for (let i = 0; i < decoders.length; i++) {
    const b = buckets[i]
    const none = whenNone[i]
    let r: t.Validation<unknown>
    if (b === undefined && none !== undefined) r = none
    else {
      if (input === undefined) input = { el, kids: EMPTY, c, host: p.host }
      input.kids = b ?? EMPTY
      r = decoders[i](input)
    }
    if (r._tag === 'Left') {
      for (const e of r.left) errors.push(e)
    } else if (r.right !== ABSENT) out[keys[i]] = r.right
  }
  return out
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null
const hasOwn = Object.prototype.hasOwnProperty

/** Writes every field (role fields write nothing); a required field missing from a hand-made value writes its default. */
const encodeFields = (p: Plan, a: unknown, out: Out): void => {
  const r: Record<string, unknown> = isObject(a) ? a : {}
  const writers = p.writers
  const keys = p.keys
  for (let i = 0; i < writers.length; i++) {
    const w = writers[i]
    if (w === undefined) continue
    const v = r[keys[i]]
    if (v !== undefined) w(v as never, out)
    else {
      const d = p.whenAbsent[i]
      if (d !== NOTHING) w(d as never, out)
    }
  }
}

/** The names of the element children the encoder writes for a value, in its order, as Clark keys. */
const producedKeys = (p: Plan, a: unknown): Array<string> => {
  const out: Out = { attrs: {}, children: [] }
  encodeFields(p, a, out)
  const ks: Array<string> = []
  for (const ch of out.children) if (ch._tag === 'Element') ks.push(Xml.key(ch.name))
  return ks
}

/** The schema position of a Clark key in this plan (-1 when no field reads it). */
const slotOfKey = (p: Plan, k: string): number => {
  const n = Xml.fromKey(k)
  return routeOf(p, n).slot
}

/**
 * Whether an order hint is normal for a value: a reordering of exactly the children the encoder writes, different
 * from the encoder's own order, that keeps the schema's sequence (only children of one wildcard, or of an unordered
 * element, change places). Decoding produces only normal hints, so `is` accepts only those.
 */
const normalHint = (p: Plan, u: Record<string, unknown>, h: unknown, sequence: boolean): boolean => {
  if (!Array.isArray(h) || h.length === 0) return false
  const produced = producedKeys(p, u)
  if (produced.length !== h.length) return false
  const counts = new Map<string, number>()
  for (const k of produced) counts.set(k, (counts.get(k) ?? 0) + 1)
  let same = true
  let last = -1
  for (let i = 0; i < h.length; i++) {
    const k = h[i]
    if (typeof k !== 'string') return false
    const n = counts.get(k)
    if (n === undefined || n === 0) return false
    counts.set(k, n - 1)
    if (k !== produced[i]) same = false
    if (sequence) {
      const s = slotOfKey(p, k)
      if (s < last) return false
      last = s
    }
  }
  return !same
}

/**
 * Whether the elements a wildcard field writes come back to it when decoded: none of them is claimed by another field
 * or in a namespace an extension of the element owns (the field's own guard cannot know its neighbours).
 */
const routedBack = (p: Plan, i: number, f: AnyField, v: unknown): boolean => {
  const out: Out = { attrs: {}, children: [] }
  f.encode(v as never, out)
  for (const ch of out.children) if (ch._tag === 'Element' && routeOf(p, ch.name).field !== i) return false
  return true
}

const isFields = (p: Plan, u: unknown, sequence: boolean): boolean => {
  if (!isObject(u) || Array.isArray(u)) return false
  for (const k of Object.keys(u)) if (!p.keySet.has(k)) return false
  const fs = p.fields
  for (let i = 0; i < fs.length; i++) {
    const f = fs[i]
    const k = p.keys[i]
    const v = u[k]
    if (v === undefined) {
      if (!f.optional || hasOwn.call(u, k)) return false
    } else if (!f.is(v) || (f.keepsElement !== undefined && !routedBack(p, i, f, v))) return false
  }
  if (p.orderKey !== undefined && u[p.orderKey] !== undefined && !normalHint(p, u, u[p.orderKey], sequence)) return false
  if (p.namespacesKey !== undefined && p.rootNamespaces) {
    const ds = u[p.namespacesKey] as ReadonlyArray<Xml.NsDecl> | undefined
    if (ds !== undefined) {
      const hasDefault = ds.some((d) => d.prefix === '')
      if (ds.some((d) => impliedAtRoot(d, rootNameNs(p), hasDefault))) return false
    }
  }
  return true
}

// the root's namespace for the implied-declaration check (set by `element` on plans that have a root namespaces field)
const rootNs = new WeakMap<Plan, string>()
const rootNameNs = (p: Plan): string => rootNs.get(p) ?? ''

// -------------------------------------------------------------------------------------
// order
// -------------------------------------------------------------------------------------

/**
 * Puts the encoder's children in the order of a hint (Clark keys of element names): the i-th child of a name takes
 * the place of the i-th occurrence of that name in the hint; children the hint does not list stay right after their
 * predecessor in the encoder's order. Elements with text content are left as they are.
 */
const reorder = (children: ReadonlyArray<Xml.Node>, hint: ReadonlyArray<unknown>): ReadonlyArray<Xml.Node> => {
  for (const ch of children) if (ch._tag !== 'Element') return children
  const slots = new Map<string, Array<number>>()
  hint.forEach((k, i) => {
    if (typeof k !== 'string') return
    const s = slots.get(k)
    if (s === undefined) slots.set(k, [i])
    else s.push(i)
  })
  const used = new Map<string, number>()
  const matched: Array<{ readonly at: number; readonly group: Array<Xml.Node> }> = []
  const front: Array<Xml.Node> = []
  let current: Array<Xml.Node> = front
  let inOrder = true
  let last = -1
  for (const ch of children as ReadonlyArray<Xml.Element>) {
    const k = Xml.key(ch.name)
    const n = used.get(k) ?? 0
    const at = slots.get(k)?.[n]
    if (at === undefined) {
      current.push(ch)
      continue
    }
    used.set(k, n + 1)
    if (at < last) inOrder = false
    last = at
    current = [ch]
    matched.push({ at, group: current })
  }
  if (inOrder) return children
  matched.sort((a, b) => a.at - b.at)
  const out: Array<Xml.Node> = front.slice()
  for (const m of matched) for (const ch of m.group) out.push(ch)
  return out
}

/** The source order of the children a decoded record kept, or undefined when the encoder writes that order anyway. */
const hintFor = (p: Plan, el: Xml.Element, record: Record<string, unknown>): ReadonlyArray<string> | undefined => {
  const produced = producedKeys(p, record)
  const avail = new Map<string, number>()
  for (const k of produced) avail.set(k, (avail.get(k) ?? 0) + 1)
  const hint: Array<string> = []
  for (const ch of el.children) {
    if (ch._tag !== 'Element') continue
    const k = Xml.key(ch.name)
    const n = avail.get(k)
    if (n !== undefined && n > 0) {
      hint.push(k)
      avail.set(k, n - 1)
    }
  }
  // children the source did not have (none, normally) keep the encoder's place at the end
  for (const k of produced) {
    const n = avail.get(k)
    if (n !== undefined && n > 0) {
      hint.push(k)
      avail.set(k, n - 1)
    }
  }
  for (let i = 0; i < hint.length; i++) if (hint[i] !== produced[i]) return hint
  return undefined
}

/**
 * The field that keeps the source order of the element's children where it differs from the encoder's (see the module
 * doc): a list of Clark keys (`{urn:ietf:params:xml:ns:pidf:rpid}activities`), left out when the order is the
 * encoder's own.
 *
 * @category combinators
 * @since 0.2.0
 */
export const sourceOrder = (): Field<ReadonlyArray<string>, true> => ({
  _tag: 'Field',
  optional: true,
  elements: [],
  attributes: [],
  role: 'order',
  whenNone: t.success(ABSENT),
  decode: () => t.success(ABSENT),
  encode: () => undefined,
  // normality against the rest of the value is checked by the element
  is: (u) => Array.isArray(u) && u.length > 0 && u.every((k) => typeof k === 'string')
})

// -------------------------------------------------------------------------------------
// namespaces
// -------------------------------------------------------------------------------------

/**
 * Whether the printer writes this declaration on a root by itself (so that a decoded root leaves it out, and a value
 * that lists it is not in normal form): the root's namespace as the default one, a namespace's customary prefix
 * (unless the root's own namespace is bound to it with no other default, the author's choice of a prefixed root),
 * and the printer's own `nsN` prefixes.
 */
const impliedAtRoot = (d: Xml.NsDecl, ns: string, hasDefault = true): boolean => {
  if (d.prefix === '') return d.uri === ns
  if (/^ns[0-9]+$/.test(d.prefix)) return true
  if (hasOwn.call(wellKnownPrefixes, d.uri) && wellKnownPrefixes[d.uri] === d.prefix) return d.uri !== ns || hasDefault
  return false
}

/**
 * The field that keeps the namespace declarations written on the element, so that re-encoding writes them again (the
 * author's prefixes survive, and QNames in content keep their bindings). With `{ root: true }`, for the root of a
 * format, the declarations the printer would write by itself are left out (see the module doc of the printer): the
 * root's namespace as the default one, customary prefixes and `nsN` prefixes.
 *
 * @category combinators
 * @since 0.2.0
 */
export const namespaces = (options: { readonly root?: boolean } = {}): Field<ReadonlyArray<Xml.NsDecl>, true> =>
  ({
    _tag: 'Field',
    optional: true,
    elements: [],
    attributes: [],
    role: 'namespaces',
    root: options.root === true,
    whenNone: t.success(ABSENT),
    decode: () => t.success(ABSENT),
    encode: () => undefined,
    is: (u: unknown) => Xml.isNsDecls(u) && u.length > 0
  }) as Field<ReadonlyArray<Xml.NsDecl>, true>

const declarationsOf = (p: Plan, el: Xml.Element): ReadonlyArray<Xml.NsDecl> | undefined => {
  const ds = el.namespaces
  if (ds === undefined || ds.length === 0) return undefined
  if (!p.rootNamespaces) return ds
  const ns = el.name.ns
  let hasDefault = false
  for (const d of ds) if (d.prefix === '') hasDefault = true
  const kept = ds.filter((d) => !impliedAtRoot(d, ns, hasDefault))
  return kept.length === 0 ? undefined : kept.length === ds.length ? ds : kept
}

// -------------------------------------------------------------------------------------
// element
// -------------------------------------------------------------------------------------

/**
 * Options of an element codec.
 *
 * @category model
 * @since 0.2.0
 */
export interface ElementOptions {
  /** The name of the value type, in messages (default: the element's name). */
  readonly typeName?: string
  /**
   * Whether the schema leaves the order of the element's children open (`xs:all`, or a repeated choice spread over
   * several fields); by default the children must come in the fields' order, as an `xs:sequence` says.
   */
  readonly unordered?: boolean
}

/** Counts the same-name siblings of a child up to it, for its path step. */
const stepOf = (el: Xml.Element, child: Xml.Element): string => {
  let n = 0
  for (const ch of el.children) {
    if (ch._tag !== 'Element' || !isNamed(ch, child.name)) continue
    n++
    if (ch === child) break
  }
  return `${child.name.local}[${n}]`
}

/**
 * An element codec from its expanded name and a record of fields in XSD sequence order. Elements and attributes no
 * field claims are errors unless a wildcard keeps them (lenient mode drops and reports them); non-white-space text is
 * an error unless a `text` field reads it; children out of the schema's order are errors (lenient mode keeps them
 * where they are and reports it). Errors of all fields accumulate.
 *
 * @category combinators
 * @since 0.1.0
 */
export const element = <F extends Fields>(
  name: Xml.QName,
  fields: F,
  options?: string | ElementOptions
): XmlCodec<Struct<F>> => {
  const opts: ElementOptions = typeof options === 'string' ? { typeName: options } : options ?? {}
  const p = plan(fields)
  if (p.rootNamespaces) rootNs.set(p, name.ns)
  const sequence = opts.unordered !== true
  const label = opts.typeName ?? showName(name)
  const validate = (u: unknown, c: t.Context): t.Validation<Struct<F>> => {
    if (!isElement(u)) return t.failure(u, c, expected(`element ${showName(name)}`, u))
    if (!isNamed(u, name)) return t.failure(u, c, `expected element ${showName(name)}, got ${showName(u.name)}`)
    const errors: Array<t.ValidationError> = []
    const lenient = isLenient(c)
    const buckets = new Array<Array<Xml.Element> | undefined>(p.fields.length)
    let text: Xml.Text | undefined
    let lastRank = -1
    let lastSlot = -1
    let lastInSlot: Xml.Element | undefined
    let reordered = false
    let unclaimed: Array<Xml.Element> | undefined
    for (const ch of u.children) {
      if (ch._tag === 'Text') {
        // text matters only to an element that may not have it (a field that reads text reads it itself)
        if (text === undefined && !p.readsText && !Xml.isWhitespace(ch.value)) text = ch
        continue
      }
      const r = routeOf(p, ch.name)
      if (r.field < 0) {
        if (unclaimed === undefined) unclaimed = []
        unclaimed.push(ch)
        continue
      }
      const b = buckets[r.field]
      if (b === undefined) buckets[r.field] = [ch]
      else b.push(ch)
      if (r.rank < lastRank) reordered = true
      else lastRank = r.rank
      if (r.slot < lastSlot && sequence) {
        const cc = append(c, stepOf(u, ch), t.unknown, ch)
        const before = lastInSlot as Xml.Element
        if (lenient) warn(cc, `out of schema order: ${showName(ch.name)} after ${showName(before.name)} (kept in place)`)
        else errors.push({ value: ch, context: cc, message: `expected ${showName(ch.name)} before ${showName(before.name)}, got it after` })
      } else if (r.slot > lastSlot) {
        lastSlot = r.slot
        lastInSlot = ch
      }
    }
    // text and attributes the element may not have make the element invalid (lenient mode drops it where it repeats)
    if (text !== undefined && !p.readsText)
      errors.push({ value: u, context: c, message: `expected element-only content, got text ${show(Xml.textOf(u).trim())}` })
    for (const k in u.attrs) {
      if (p.host.claimsAttr(k)) continue
      let kept = false
      for (const keep of p.keepsAttribute) if (keep(k)) kept = true
      if (kept) continue
      // lenient mode drops an attribute the element may not have, and says so; strict mode refuses it
      const e = unexpectedAttribute(c, k, u.attrs[k])
      if (lenient) dropWith(e.context, e.message ?? 'unexpected attribute', u.attrs[k])
      else errors.push(e)
    }
    if (unclaimed !== undefined)
      for (const kid of unclaimed) {
        const kc = append(c, stepOf(u, kid), t.unknown, kid)
        if (lenient) dropWith(kc, `unexpected element ${showName(kid.name)}`, kid)
        else errors.push({ value: kid, context: kc, message: `expected no element ${showName(kid.name)} here, got one` })
      }
    const out = decodeRouted(p, u, buckets, c, errors)
    if (errors.length > 0) return t.failures(errors)
    if (reordered && p.orderKey !== undefined) {
      const hint = hintFor(p, u, out)
      if (hint !== undefined) out[p.orderKey] = hint
    }
    if (p.namespacesKey !== undefined) {
      const ds = declarationsOf(p, u)
      if (ds !== undefined) out[p.namespacesKey] = ds
    }
    return t.success(out as Struct<F>)
  }
  const encode = (a: Struct<F>): Xml.Element => {
    const out: Out = { attrs: {}, children: [] }
    encodeFields(p, a, out)
    const r = a as Record<string, unknown>
    let children: ReadonlyArray<Xml.Node> = out.children
    if (p.orderKey !== undefined && isObject(r)) {
      const h = r[p.orderKey]
      if (Array.isArray(h) && h.length > 0) children = reorder(children, h)
    }
    const own = p.namespacesKey !== undefined && isObject(r) ? r[p.namespacesKey] : undefined
    // declarations of the element itself, then those fields need (bindings of QNames in content), each prefix once
    // (encode is total: what is not a declaration is not written)
    let ds: unknown = own
    if (out.namespaces !== undefined) {
      const mine = Array.isArray(own) ? own.filter(Xml.isNsDecl) : []
      const seen = new Set(mine.map((d) => d.prefix))
      ds = [...mine, ...out.namespaces.filter((d) => !seen.has(d.prefix))]
    }
    // an element without attributes or children shares the empty ones (fewer objects in large documents)
    let attrs: Readonly<Record<string, string>> = NO_ATTRS
    for (const _k in out.attrs) {
      attrs = out.attrs
      break
    }
    if (children.length === 0) children = NO_CHILDREN
    return Array.isArray(ds) && ds.length > 0
      ? { _tag: 'Element', name, attrs, children, namespaces: ds as ReadonlyArray<Xml.NsDecl> }
      : { _tag: 'Element', name, attrs, children }
  }
  return make(label, [name], (u): u is Struct<F> => isFields(p, u, sequence), validate, encode)
}

// -------------------------------------------------------------------------------------
// groups and extension points
// -------------------------------------------------------------------------------------

/**
 * A nested record of fields read from the same element (its value is a record under one key).
 *
 * @category combinators
 * @since 0.1.0
 */
export const group = <F extends Fields>(
  fields: F,
  options: { readonly wildcard?: boolean; readonly owns?: ReadonlyArray<string> } = {}
): Field<Struct<F>> => {
  const p = plan(fields)
  const elements: Array<Xml.QName> = []
  const attributes: Array<string> = []
  const ranks: Array<readonly [Xml.QName, number]> = []
  p.fields.forEach((f, i) => {
    elements.push(...f.elements)
    attributes.push(...f.attributes)
    for (const n of f.elements) ranks.push([n, i])
  })
  const keeps = p.wildcards.map((i) => p.fields[i].keepsElement!)
  return {
    _tag: 'Field',
    optional: false,
    elements,
    attributes,
    ranks,
    ...(options.wildcard === true ? { wildcard: true } : {}),
    ...(options.owns !== undefined ? { owns: options.owns } : {}),
    ...(keeps.length > 0 ? { keepsElement: (n: Xml.QName) => keeps.some((k) => k(n)) } : {}),
    ...(p.keepsAttribute.length > 0 ? { keepsAttribute: (k: string) => p.keepsAttribute.some((f) => f(k)) } : {}),
    ...(p.readsText ? { readsText: true } : {}),
    decode: ({ el, kids, c }) => {
      const errors: Array<t.ValidationError> = []
      const buckets = new Array<Array<Xml.Element> | undefined>(p.fields.length)
      for (const k of kids) {
        const r = routeOf(p, k.name)
        if (r.field < 0) continue
        const b = buckets[r.field]
        if (b === undefined) buckets[r.field] = [k]
        else b.push(k)
      }
      const out = decodeRouted(p, el, buckets, c, errors)
      return errors.length > 0 ? t.failures(errors) : t.success(out as Struct<F>)
    },
    encode: (a, out) => encodeFields(p, a, out),
    is: (u) => isFields(p, u, false)
  }
}
