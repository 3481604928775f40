/**
 * XCAP node selectors (RFC 4825 §6.3): the part of an XCAP URI after `~~` that addresses one element, attribute or set
 * of namespace bindings inside a document, and the `xmlns()` bindings of the URI's query (§6.4) that give its
 * prefixes their namespaces. Selectors are parsed to values, printed back (percent-encoded for a URI or plain), and
 * evaluated against a document's AST: the result is the one node selected, nothing, or "more than one" (which RFC
 * 4825 treats as no single resource).
 *
 * Names without a prefix mean the application usage's default namespace (not no namespace, unlike XPath); attribute
 * names without a prefix mean no namespace.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import type { Problem } from '../codec/DecodeError.js'
import * as Xml from '../xml/Ast.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A name as written in a selector: an optional prefix and a local name.
 *
 * @category model
 * @since 0.2.0
 */
export interface Name {
  readonly prefix?: string
  readonly local: string
}

/**
 * A name test: a name, or `*` (any element).
 *
 * @category model
 * @since 0.2.0
 */
export type NameTest = { readonly _tag: 'Any' } | ({ readonly _tag: 'Name' } & Name)

/**
 * One step of an element selector: a name test, then optionally a position (1-based, among the siblings the name test
 * accepts) and an attribute test, in that order (`entry[2][@uri="sip:a@b"]`).
 *
 * @category model
 * @since 0.2.0
 */
export interface Step {
  readonly test: NameTest
  readonly position?: number
  readonly attribute?: { readonly name: Name; readonly value: string }
}

/**
 * What a selector ends in beyond its elements: an attribute (`@name`) or the namespace bindings (`namespace::*`).
 *
 * @category model
 * @since 0.2.0
 */
export type Terminal = ({ readonly _tag: 'Attribute' } & Name) | { readonly _tag: 'Namespaces' }

/**
 * A node selector: element steps from the document's root element, and an optional terminal.
 *
 * @category model
 * @since 0.2.0
 */
export interface NodeSelector {
  readonly steps: readonly [Step, ...ReadonlyArray<Step>]
  readonly terminal?: Terminal
}

/**
 * Namespace bindings of a selector's prefixes (from the URI's `xmlns()` query, RFC 4825 §6.4), prefix to namespace.
 *
 * @category model
 * @since 0.2.0
 */
export type Bindings = ReadonlyMap<string, string>

/**
 * A node of a document as a client addresses it: the node selector and the bindings of its prefixes (what an XCAP URI
 * carries in its path and its `xmlns()` query). The formats give one for the focus of each keyed optic (a rule by id,
 * an entry by URI, ...).
 *
 * @category model
 * @since 0.2.0
 */
export interface Target {
  readonly selector: NodeSelector
  readonly bindings: Bindings
}

/**
 * What a selector selects in a document: one node (an element with the path of child indices that reaches it, an
 * attribute of an element, or an element's namespace bindings), nothing, or more than one element.
 *
 * @category model
 * @since 0.2.0
 */
export type Selected =
  | { readonly _tag: 'None' }
  | { readonly _tag: 'Many' }
  | { readonly _tag: 'Element'; readonly element: Xml.Element; readonly path: ReadonlyArray<number> }
  | {
      readonly _tag: 'Attribute'
      readonly element: Xml.Element
      readonly path: ReadonlyArray<number>
      readonly key: string
      readonly value: string
    }
  | { readonly _tag: 'Namespaces'; readonly element: Xml.Element; readonly path: ReadonlyArray<number> }

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

class Failure {
  constructor(
    readonly message: string,
    readonly at: number
  ) {}
}

const NCNAME_START = new RegExp(`[${Xml.nameChars.start}]`, 'u')
const NCNAME_CHAR = new RegExp(`[${Xml.nameChars.char}]`, 'u')

/** Decodes `%HH` escapes (as UTF-8); undefined when an escape is malformed or the bytes are not UTF-8. */
const percentDecode = (s: string): string | undefined => {
  if (!s.includes('%')) return s
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * Parses a node selector (the text after `~~`, already percent-decoded unless `{ percentEncoded: true }` says it is
 * still as in a URI). Errors are values with the position.
 *
 * @example
 * import { parse } from 'sip-simple-payloads/xcap/Selector'
 * parse('resource-lists/list[@name="friends"]/entry[2]/@uri')
 *
 * @category parsing
 * @since 0.2.0
 */
export const parse = (
  input: string,
  options: { readonly percentEncoded?: boolean } = {}
): E.Either<Problem, NodeSelector> => {
  if (typeof input !== 'string')
    return E.left({ path: 'node selector', message: 'expected a node selector, got something else' })
  const decoded = options.percentEncoded === true ? percentDecode(input) : input
  if (decoded === undefined)
    return E.left({
      path: 'node selector',
      message: `expected percent-encoded UTF-8, got ${JSON.stringify(input.slice(0, 40))}`
    })
  const s = decoded
  let i = 0
  const fail = (message: string): never => {
    throw new Failure(message, i)
  }
  const ncname = (): string => {
    const start = i
    const first = s.codePointAt(i)
    if (first === undefined || !NCNAME_START.test(String.fromCodePoint(first))) fail('expected a name')
    i += String.fromCodePoint(first as number).length
    for (;;) {
      const c = s.codePointAt(i)
      if (c === undefined || !NCNAME_CHAR.test(String.fromCodePoint(c))) break
      i += String.fromCodePoint(c).length
    }
    return s.slice(start, i)
  }
  const qname = (): Name => {
    const a = ncname()
    if (s.charAt(i) === ':' && s.charAt(i + 1) !== ':') {
      i++
      return { prefix: a, local: ncname() }
    }
    return { local: a }
  }
  const value = (): string => {
    const q = s.charAt(i)
    if (q !== '"' && q !== "'") fail('expected a quoted value')
    i++
    let out = ''
    for (;;) {
      if (i >= s.length) fail('expected the closing quote')
      const c = s.charAt(i)
      if (c === q) {
        i++
        return out
      }
      if (c === '<') fail('expected no "<" in a value')
      if (c === '&') {
        const end = s.indexOf(';', i)
        if (end === -1) fail('expected a reference ending in ";"')
        const ref = s.slice(i + 1, end)
        let ch: string | undefined = Object.prototype.hasOwnProperty.call(ENTITIES, ref) ? ENTITIES[ref] : undefined
        if (ch === undefined && /^#[0-9]+$/.test(ref))
          ch = String.fromCodePoint(Math.min(Number(ref.slice(1)), 0x10ffff))
        if (ch === undefined && /^#x[0-9a-fA-F]+$/.test(ref))
          ch = String.fromCodePoint(Math.min(parseInt(ref.slice(2), 16), 0x10ffff))
        if (ch === undefined) fail(`expected a known reference, got "&${ref};"`)
        out += ch
        i = end + 1
        continue
      }
      out += c
      i++
    }
  }
  const step = (): Step => {
    let test: NameTest
    if (s.charAt(i) === '*') {
      i++
      test = { _tag: 'Any' }
    } else test = { _tag: 'Name', ...qname() }
    let position: number | undefined
    let attribute: Step['attribute']
    if (s.charAt(i) === '[' && /[0-9]/.test(s.charAt(i + 1))) {
      i++
      const start = i
      while (/[0-9]/.test(s.charAt(i))) i++
      position = Number(s.slice(start, i))
      if (!Number.isSafeInteger(position) || position < 1) fail('expected a position from 1')
      if (s.charAt(i) !== ']') fail('expected "]"')
      i++
    }
    if (s.charAt(i) === '[') {
      i++
      if (s.charAt(i) !== '@') fail('expected a position or an attribute test')
      i++
      const name = qname()
      if (s.charAt(i) !== '=') fail('expected "="')
      i++
      attribute = { name, value: value() }
      if (s.charAt(i) !== ']') fail('expected "]"')
      i++
    }
    return { test, ...(position === undefined ? {} : { position }), ...(attribute === undefined ? {} : { attribute }) }
  }
  try {
    const steps: Array<Step> = []
    let terminal: Terminal | undefined
    for (;;) {
      if (s.charAt(i) === '@') {
        if (steps.length === 0) fail('expected an element step first')
        i++
        terminal = { _tag: 'Attribute', ...qname() }
        break
      }
      if (s.startsWith('namespace::*', i)) {
        if (steps.length === 0) fail('expected an element step first')
        i += 'namespace::*'.length
        terminal = { _tag: 'Namespaces' }
        break
      }
      steps.push(step())
      if (i >= s.length) break
      if (s.charAt(i) !== '/') fail('expected "/"')
      i++
    }
    if (i < s.length) fail('expected the end of the selector')
    const all = steps as unknown as NodeSelector['steps']
    return E.right({ steps: all, ...(terminal === undefined ? {} : { terminal }) })
  } catch (e) {
    if (e instanceof Failure)
      return E.left({
        path: `node selector, column ${e.at + 1}`,
        message: `${e.message}, got ${JSON.stringify(s.slice(e.at, e.at + 20))}`
      })
    return E.left({ path: 'node selector', message: String(e) })
  }
}

/**
 * Parses the `xmlns()` bindings of an XCAP URI's query (RFC 4825 §6.4, the XPointer xmlns() scheme):
 * `xmlns(rl=urn:ietf:params:xml:ns:resource-lists)xmlns(x=urn:x)`, percent-encoded as in a URI. Once percent-decoded,
 * a namespace writes `^`, `(` and `)` as `^^`, `^(` and `^)` (XPointer Framework §3.1); a lone `^` or a parenthesis
 * that is not escaped is an error. A prefix bound twice keeps its last binding.
 *
 * @example
 * import { parseBindings } from 'sip-simple-payloads/xcap/Selector'
 * parseBindings('xmlns(rl=urn:ietf:params:xml:ns:resource-lists)xmlns(x=urn:x%20%5E(v1%5E))')
 * // right: Map { 'rl' => 'urn:ietf:params:xml:ns:resource-lists', 'x' => 'urn:x (v1)' }
 *
 * @category parsing
 * @since 0.2.0
 */
export const parseBindings = (query: string): E.Either<Problem, Bindings> => {
  const s = typeof query === 'string' ? percentDecode(query) : undefined
  if (s === undefined) return E.left({ path: 'query', message: 'expected percent-encoded UTF-8 in the query' })
  const at = (i: number, message: string): E.Either<Problem, never> =>
    E.left({ path: `query, column ${i + 1}`, message })
  const echo = (i: number): string => JSON.stringify(s.slice(i, i + 20))
  const out = new Map<string, string>()
  let i = 0
  while (i < s.length) {
    if (!s.startsWith('xmlns(', i)) return at(i, `expected "xmlns(", got ${echo(i)}`)
    const eq = s.indexOf('=', i + 6)
    if (eq === -1) return at(i, `expected xmlns(prefix=namespace), got ${echo(i)}`)
    const prefix = s.slice(i + 6, eq)
    if (!Xml.isNCName(prefix)) return at(i + 6, `expected a prefix, got ${JSON.stringify(prefix.slice(0, 40))}`)
    let uri = ''
    let j = eq + 1
    for (;;) {
      if (j >= s.length) return at(j, 'expected ")" closing xmlns(, got the end of the query')
      const c = s.charAt(j)
      if (c === ')') break
      if (c === '(') return at(j, `expected "^(" for a parenthesis in a namespace, got ${echo(j)}`)
      if (c === '^') {
        const next = s.charAt(j + 1)
        if (next !== '^' && next !== '(' && next !== ')')
          return at(j, `expected "^^", "^(" or "^)" in a namespace, got ${echo(j)}`)
        uri += next
        j += 2
        continue
      }
      uri += c
      j++
    }
    out.set(prefix, uri)
    i = j + 1
  }
  return E.right(out)
}

// -------------------------------------------------------------------------------------
// printing
// -------------------------------------------------------------------------------------

const printName = (n: Name): string => (n.prefix === undefined ? n.local : `${n.prefix}:${n.local}`)

const quote = (v: string): string => {
  // double quotes unless the value has some and no single quotes; `&` and `<` always as references
  const q = v.includes('"') && !v.includes("'") ? "'" : '"'
  const escaped = v.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  return q + (q === '"' ? escaped.replace(/"/g, '&quot;') : escaped.replace(/'/g, '&apos;')) + q
}

const HEX = '0123456789ABCDEF'
const utf8 = /*#__PURE__*/ new TextEncoder()

/** RFC 3986 `pchar` and `/`: unreserved, sub-delims, `:`, `@`. */
const PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/
/** RFC 3986 `query`: `pchar`, `/` and `?`. */
const QUERY_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/

/** Every character `keep` refuses as `%XX` of its UTF-8 bytes (a lone surrogate as those of U+FFFD). */
const percentEncode = (s: string, keep: RegExp): string => {
  let out = ''
  for (const ch of s) {
    if (keep.test(ch)) out += ch
    else for (const b of utf8.encode(ch)) out += '%' + HEX[b >> 4] + HEX[b & 15]
  }
  return out
}

/** XPointer escaping (XPointer Framework §3.1), as the `xmlns()` scheme data of RFC 4825 §6.4 needs it. */
const xpointerEscape = (s: string): string => s.replace(/[\^()]/g, (c) => '^' + c)

/**
 * Prints a node selector: plain (as in a document or an xcap-diff `sel`) by default, or percent-encoded for the path of
 * a URI with `{ uri: true }`: what a path cannot hold (`[`, `]`, `"`, space, `%`, `?`, `#`, non-ASCII, ...) becomes
 * `%XX` of its UTF-8 bytes (a lone surrogate goes as U+FFFD), while `/`, `@`, `*`, `:` and the other sub-delimiters
 * stay. Printing is canonical: parsing the output gives the selector back, and a canonical text prints to itself
 * (attribute values in double quotes unless they hold `"` and no `'`; only `&`, `<` and the quote as references).
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parse, print } from 'sip-simple-payloads/xcap/Selector'
 * const sel = parse('resource-lists/list[@name="friends"]/entry[@uri="sip:bob@example.com"]')
 * if (E.isRight(sel)) print(sel.right, { uri: true })
 * // 'resource-lists/list%5B@name=%22friends%22%5D/entry%5B@uri=%22sip:bob@example.com%22%5D'
 *
 * @category printing
 * @since 0.2.0
 */
export const print = (sel: NodeSelector, options: { readonly uri?: boolean } = {}): string => {
  const steps = sel.steps.map((st) => {
    let out = st.test._tag === 'Any' ? '*' : printName(st.test)
    if (st.position !== undefined) out += `[${st.position}]`
    if (st.attribute !== undefined) out += `[@${printName(st.attribute.name)}=${quote(st.attribute.value)}]`
    return out
  })
  let out = steps.join('/')
  if (sel.terminal !== undefined)
    out += sel.terminal._tag === 'Namespaces' ? '/namespace::*' : `/@${printName(sel.terminal)}`
  return options.uri === true ? percentEncode(out, PATH_CHAR) : out
}

/**
 * The `xmlns()` query of a set of bindings (RFC 4825 §6.4), or `''` for none: `xmlns(p=uri)` for each, in the map's
 * order, the namespace XPointer-escaped (`^` as `^^`, `(` as `^(`, `)` as `^)`), then percent-encoded as a URI query
 * allows (`^`, space, `%`, `#`, non-ASCII, ... as `%XX` of their UTF-8 bytes).
 *
 * @example
 * import { printBindings } from 'sip-simple-payloads/xcap/Selector'
 * printBindings(new Map([['x', 'urn:x (v1)']]))
 * // 'xmlns(x=urn:x%20%5E(v1%5E))'
 *
 * @category printing
 * @since 0.2.0
 */
export const printBindings = (bindings: Bindings): string => {
  let out = ''
  for (const [p, u] of bindings) out += `xmlns(${p}=${xpointerEscape(u)})`
  return percentEncode(out, QUERY_CHAR)
}

/**
 * The URI of a node (RFC 4825 §6): `<document-uri>/~~/<node-selector>`, the selector percent-encoded, and when it
 * uses prefixes `?xmlns(...)` with their bindings: only those the selector uses, in order of first use. The `xml`
 * prefix is bound by XML itself; any other prefix the selector uses without a binding is an error.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { nodeUri, parse } from 'sip-simple-payloads/xcap/Selector'
 * const sel = parse('rl:resource-lists/rl:list[@name="friends"]')
 * const rl = new Map([['rl', 'urn:ietf:params:xml:ns:resource-lists']])
 * if (E.isRight(sel)) nodeUri('http://xcap.example.com/resource-lists/users/sip:a@example.com/index', sel.right, rl)
 * // right: 'http://xcap.example.com/resource-lists/users/sip:a@example.com/index/~~/rl:resource-lists/
 * //   rl:list%5B@name=%22friends%22%5D?xmlns(rl=urn:ietf:params:xml:ns:resource-lists)'
 *
 * @category printing
 * @since 0.2.0
 */
export const nodeUri = (documentUri: string, sel: NodeSelector, bindings: Bindings): E.Either<Problem, string> => {
  const used = new Map<string, string>()
  for (const p of prefixesOf(sel)) {
    if (p === 'xml') continue
    const u = bindings.get(p)
    if (u === undefined)
      return E.left({ path: 'node selector', message: `expected a namespace binding for the prefix "${p}", got none` })
    used.set(p, u)
  }
  const q = printBindings(used)
  return E.right(`${documentUri}/~~/${print(sel, { uri: true })}${q === '' ? '' : '?' + q}`)
}

/**
 * The prefixes a selector uses, in order of first use.
 *
 * @category printing
 * @since 0.2.0
 */
export const prefixesOf = (sel: NodeSelector): ReadonlyArray<string> => {
  const out = new Set<string>()
  for (const st of sel.steps) {
    if (st.test._tag === 'Name' && st.test.prefix !== undefined) out.add(st.test.prefix)
    if (st.attribute?.name.prefix !== undefined) out.add(st.attribute.name.prefix)
  }
  if (sel.terminal?._tag === 'Attribute' && sel.terminal.prefix !== undefined) out.add(sel.terminal.prefix)
  return [...out]
}

// -------------------------------------------------------------------------------------
// evaluating
// -------------------------------------------------------------------------------------

/** The namespace a selector name means: its prefix's binding, or for elements without prefix the default namespace. */
const resolve = (n: Name, bindings: Bindings, unprefixed: string): string | undefined =>
  n.prefix === undefined ? unprefixed : n.prefix === 'xml' ? Xml.XML_NS : bindings.get(n.prefix)

const matches = (e: Xml.Element, test: NameTest, bindings: Bindings, defaultNs: string): boolean => {
  if (test._tag === 'Any') return true
  const ns = resolve(test, bindings, defaultNs)
  return ns !== undefined && e.name.local === test.local && e.name.ns === ns
}

const attrKey = (n: Name, bindings: Bindings): string | undefined => {
  const ns = resolve(n, bindings, '')
  return ns === undefined ? undefined : Xml.key({ ns, local: n.local })
}

/**
 * Evaluates a node selector against a document (its root element), with the bindings of its prefixes and the
 * application usage's default namespace (which names without a prefix mean). The first step must select the root.
 * A prefix without a binding selects nothing.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parse, evaluate } from 'sip-simple-payloads/xcap/Selector'
 * import { parse as parseXml } from 'sip-simple-payloads/xml'
 * const RL = 'urn:ietf:params:xml:ns:resource-lists'
 * const doc = parseXml(`<resource-lists xmlns="${RL}"><list name="a"/></resource-lists>`)
 * const sel = parse('resource-lists/list[@name="a"]/@name')
 * if (E.isRight(doc) && E.isRight(sel)) evaluate(doc.right, sel.right, new Map(), RL)
 *
 * @category evaluating
 * @since 0.2.0
 */
export const evaluate = (root: Xml.Element, sel: NodeSelector, bindings: Bindings, defaultNs: string): Selected => {
  const [first, ...rest] = sel.steps
  let current: { element: Xml.Element; path: ReadonlyArray<number> } | undefined
  // the first step selects the root element itself
  if (!matches(root, first.test, bindings, defaultNs) || (first.position !== undefined && first.position !== 1))
    return { _tag: 'None' }
  if (first.attribute !== undefined) {
    const k = attrKey(first.attribute.name, bindings)
    if (k === undefined || root.attrs[k] !== first.attribute.value) return { _tag: 'None' }
  }
  current = { element: root, path: [] }
  for (const st of rest) {
    const parent = current.element
    let n = 0
    let found: { element: Xml.Element; path: ReadonlyArray<number> } | undefined
    let count = 0
    for (let i = 0; i < parent.children.length; i++) {
      const c = parent.children[i]
      if (c._tag !== 'Element' || !matches(c, st.test, bindings, defaultNs)) continue
      n++
      if (st.position !== undefined && n !== st.position) continue
      if (st.attribute !== undefined) {
        const k = attrKey(st.attribute.name, bindings)
        if (k === undefined || c.attrs[k] !== st.attribute.value) continue
      }
      count++
      if (count === 1) found = { element: c, path: [...current.path, i] }
    }
    if (count === 0 || found === undefined) return { _tag: 'None' }
    if (count > 1) return { _tag: 'Many' }
    current = found
  }
  const t = sel.terminal
  if (t === undefined) return { _tag: 'Element', element: current.element, path: current.path }
  if (t._tag === 'Namespaces') return { _tag: 'Namespaces', element: current.element, path: current.path }
  const k = attrKey(t, bindings)
  const v = k === undefined ? undefined : current.element.attrs[k]
  return k === undefined || v === undefined
    ? { _tag: 'None' }
    : { _tag: 'Attribute', element: current.element, path: current.path, key: k, value: v }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A step selecting children by name (in the application usage's default namespace unless a prefix is given).
 *
 * @category constructors
 * @since 0.2.0
 */
export const step = (
  local: string,
  options: {
    readonly prefix?: string
    readonly position?: number
    readonly attribute?: { readonly name: string | Name; readonly value: string }
  } = {}
): Step => {
  const a = options.attribute
  return {
    test: { _tag: 'Name', ...(options.prefix === undefined ? {} : { prefix: options.prefix }), local },
    ...(options.position === undefined ? {} : { position: options.position }),
    ...(a === undefined
      ? {}
      : { attribute: { name: typeof a.name === 'string' ? { local: a.name } : a.name, value: a.value } })
  }
}

/**
 * A step selecting a child by name and the value of one of its attributes: `entry[@uri="sip:bob@example.com"]`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const byAttribute = (local: string, attribute: string, value: string, prefix?: string): Step =>
  step(local, { ...(prefix === undefined ? {} : { prefix }), attribute: { name: attribute, value } })

/**
 * The step to one of several same-named siblings: by its key attribute where its value is unique among them, else by
 * position. `keys` holds the key of every sibling of that name, in document order (undefined where one has none).
 *
 * @example
 * import { keyed, print, selector, step } from 'sip-simple-payloads/xcap/Selector'
 * print(selector([step('resource-lists'), keyed('list', 'name', ['a', 'b'], 1)])) // 'resource-lists/list[@name="b"]'
 * print(selector([step('resource-lists'), keyed('list', 'name', ['a', 'a'], 1)])) // 'resource-lists/list[2]'
 *
 * @category constructors
 * @since 0.2.0
 */
export const keyed = (local: string, attribute: string, keys: ReadonlyArray<string | undefined>, index: number, prefix?: string): Step => {
  const k = keys[index]
  const unique = k !== undefined && keys.indexOf(k) === index && keys.lastIndexOf(k) === index
  return unique
    ? byAttribute(local, attribute, k, prefix)
    : step(local, { ...(prefix === undefined ? {} : { prefix }), position: index + 1 })
}

/**
 * A node selector from steps and an optional terminal.
 *
 * @category constructors
 * @since 0.2.0
 */
export const selector = (steps: readonly [Step, ...ReadonlyArray<Step>], terminal?: Terminal): NodeSelector =>
  terminal === undefined ? { steps } : { steps, terminal }

/**
 * The attribute terminal `@name`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const attribute = (local: string, prefix?: string): Terminal =>
  prefix === undefined ? { _tag: 'Attribute', local } : { _tag: 'Attribute', prefix, local }
