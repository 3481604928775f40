/**
 * XML patch operations (RFC 5261): `add`, `replace` and `remove`, each with a `sel` selector (the restricted XPath of
 * RFC 5261 §4.1 and its schema's `xpath` type), applied in order to a document's AST as pure functions. Failures are
 * values carrying the RFC 5261 §5.1 error condition (`unlocated-node`, `invalid-node-types`,
 * `invalid-root-element-operation`, ...), the index of the operation and a readable message.
 *
 * Prefixes in selectors and in added content are resolved through the bindings each operation carries (the
 * namespace declarations in scope at the operation element of the diff document, RFC 5261 §4.2); since the AST is
 * namespace-resolved, added content keeps its expanded names and the printer chooses prefixes, which is what §4.2.3
 * asks for. Comments and processing instructions are not part of this library's AST (the parser drops them), so
 * selectors of `comment()` and `processing-instruction()` locate nothing. White space that only indents elements is
 * not part of the AST either: a `ws` directive is satisfied when the white space it names is absent in element-only
 * content, and refused only when the neighbour is text.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as Xml from '../xml/Ast.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The RFC 5261 §5.1 error conditions.
 *
 * @category model
 * @since 0.2.0
 */
export type Condition =
  | 'invalid-attribute-value'
  | 'invalid-character-set'
  | 'invalid-diff-format'
  | 'invalid-entity-declaration'
  | 'invalid-namespace-prefix'
  | 'invalid-namespace-uri'
  | 'invalid-node-types'
  | 'invalid-patch-directive'
  | 'invalid-root-element-operation'
  | 'invalid-xml-prolog-operation'
  | 'invalid-whitespace-directive'
  | 'unlocated-node'
  | 'unsupported-id-function'
  | 'unsupported-xml-id'

/**
 * A patch that could not be applied: which operation (its index), why (the RFC 5261 condition) and a message.
 *
 * @category model
 * @since 0.2.0
 */
export interface PatchError {
  readonly _tag: 'PatchError'
  readonly condition: Condition
  readonly operation: number
  readonly message: string
}

/**
 * One patch operation. `bindings` are the namespace declarations in scope at the operation (prefix `''` is the
 * default namespace, which unprefixed element names in `sel` mean, RFC 5261 §4.2.1).
 *
 * @category model
 * @since 0.2.0
 */
export type Operation =
  | {
      readonly _tag: 'Add'
      readonly sel: string
      readonly pos?: 'before' | 'after' | 'prepend'
      /** `@name` to add an attribute, `namespace::prefix` to add a namespace declaration. */
      readonly type?: string
      readonly content: ReadonlyArray<Xml.Node>
      readonly bindings: ReadonlyArray<Xml.NsDecl>
    }
  | { readonly _tag: 'Replace'; readonly sel: string; readonly content: ReadonlyArray<Xml.Node>; readonly bindings: ReadonlyArray<Xml.NsDecl> }
  | { readonly _tag: 'Remove'; readonly sel: string; readonly ws?: 'before' | 'after' | 'both'; readonly bindings: ReadonlyArray<Xml.NsDecl> }

// -------------------------------------------------------------------------------------
// selectors
// -------------------------------------------------------------------------------------

/**
 * A parsed RFC 5261 selector.
 *
 * @category model
 * @since 0.2.0
 */
export interface Path {
  readonly id?: string
  readonly steps: ReadonlyArray<PathStep>
  readonly last?:
    | { readonly _tag: 'Attribute'; readonly prefix?: string; readonly local: string }
    | { readonly _tag: 'Namespace'; readonly prefix: string }
    | { readonly _tag: 'Text'; readonly position?: number }
    | { readonly _tag: 'Comment' | 'ProcessingInstruction' }
}

/**
 * One element step of an RFC 5261 selector: a name test (`*` or a QName) and its predicates.
 *
 * @category model
 * @since 0.2.0
 */
export interface PathStep {
  readonly prefix?: string
  /** `*` for any element. */
  readonly local: string
  readonly predicates: ReadonlyArray<
    | { readonly _tag: 'Position'; readonly n: number }
    | { readonly _tag: 'Attribute'; readonly prefix?: string; readonly local: string; readonly value: string }
    | { readonly _tag: 'Child'; readonly prefix?: string; readonly local: string; readonly value: string }
    | { readonly _tag: 'Self'; readonly value: string }
  >
}

class Failure {
  constructor(readonly message: string) {}
}

const NAME = new RegExp(`^[${Xml.nameChars.start}][${Xml.nameChars.char}]*`, 'u')

/**
 * Parses an RFC 5261 selector (`doc/foo[@id='a']/bar[2]`, `*​/*[3]/@x`, `id('t1')/text()`, `doc/namespace::p`).
 *
 * @category selectors
 * @since 0.2.0
 */
export const parsePath = (sel: string): E.Either<string, Path> => {
  if (typeof sel !== 'string') return E.left('expected a selector')
  let s = sel
  try {
    let id: string | undefined
    if (s.startsWith('/')) s = s.slice(1)
    const idm = /^id\((?:'([^']*)'|"([^"]*)")?\)/.exec(s)
    if (idm !== null) {
      id = idm[1] ?? idm[2] ?? ''
      s = s.slice(idm[0].length)
      if (s.startsWith('/')) s = s.slice(1)
      else if (s !== '') throw new Failure('expected "/" after id()')
    }
    const qname = (): { prefix?: string; local: string } => {
      const m = NAME.exec(s)
      if (m === null) throw new Failure(`expected a name at ${JSON.stringify(s.slice(0, 20))}`)
      s = s.slice(m[0].length)
      if (s.startsWith(':') && !s.startsWith('::')) {
        s = s.slice(1)
        const m2 = NAME.exec(s)
        if (m2 === null) throw new Failure(`expected a local name at ${JSON.stringify(s.slice(0, 20))}`)
        s = s.slice(m2[0].length)
        return { prefix: m[0], local: m2[0] }
      }
      return { local: m[0] }
    }
    const quoted = (): string => {
      const q = s.charAt(0)
      if (q !== '"' && q !== "'") throw new Failure('expected a quoted value')
      const end = s.indexOf(q, 1)
      if (end === -1) throw new Failure('expected the closing quote')
      const v = s.slice(1, end)
      s = s.slice(end + 1)
      return v
    }
    const position = (): number | undefined => {
      const m = /^\[([0-9]+)\]/.exec(s)
      if (m === null) return undefined
      s = s.slice(m[0].length)
      const n = Number(m[1])
      if (!Number.isSafeInteger(n) || n < 1) throw new Failure('expected a position from 1')
      return n
    }
    const steps: Array<PathStep> = []
    let last: Path['last']
    while (s !== '') {
      if (s.startsWith('@')) {
        s = s.slice(1)
        last = { _tag: 'Attribute', ...qname() }
      } else if (s.startsWith('namespace::')) {
        s = s.slice('namespace::'.length)
        const m = NAME.exec(s)
        if (m === null) throw new Failure('expected a prefix after namespace::')
        s = s.slice(m[0].length)
        last = { _tag: 'Namespace', prefix: m[0] }
      } else if (s.startsWith('text()')) {
        s = s.slice(6)
        const n = position()
        last = { _tag: 'Text', ...(n === undefined ? {} : { position: n }) }
      } else if (s.startsWith('comment()')) {
        s = s.slice(9)
        position()
        last = { _tag: 'Comment' }
      } else if (s.startsWith('processing-instruction(')) {
        const end = s.indexOf(')')
        if (end === -1) throw new Failure('expected ")"')
        s = s.slice(end + 1)
        position()
        last = { _tag: 'ProcessingInstruction' }
      } else {
        const test = s.startsWith('*') ? ((s = s.slice(1)), { local: '*' }) : qname()
        const predicates: Array<PathStep['predicates'][number]> = []
        while (s.startsWith('[')) {
          const n = position()
          if (n !== undefined) {
            predicates.push({ _tag: 'Position', n })
            continue
          }
          s = s.slice(1)
          if (s.startsWith('@')) {
            s = s.slice(1)
            const name = qname()
            if (!s.startsWith('=')) throw new Failure('expected "="')
            s = s.slice(1)
            predicates.push({ _tag: 'Attribute', ...name, value: quoted() })
          } else if (s.startsWith('.')) {
            s = s.slice(1)
            if (!s.startsWith('=')) throw new Failure('expected "="')
            s = s.slice(1)
            predicates.push({ _tag: 'Self', value: quoted() })
          } else {
            const name = qname()
            if (!s.startsWith('=')) throw new Failure('expected "="')
            s = s.slice(1)
            predicates.push({ _tag: 'Child', ...name, value: quoted() })
          }
          if (!s.startsWith(']')) throw new Failure('expected "]"')
          s = s.slice(1)
        }
        steps.push({ ...test, predicates })
        if (s === '') break
        if (!s.startsWith('/')) throw new Failure(`expected "/" at ${JSON.stringify(s.slice(0, 20))}`)
        s = s.slice(1)
        continue
      }
      if (s !== '') throw new Failure(`expected the end of the selector at ${JSON.stringify(s.slice(0, 20))}`)
    }
    if (id === undefined && steps.length === 0) throw new Failure('expected a step')
    return E.right({ ...(id === undefined ? {} : { id }), steps, ...(last === undefined ? {} : { last }) })
  } catch (e) {
    return E.left(e instanceof Failure ? e.message : String(e))
  }
}

/** A location in a tree: the path of child indices to an element. */
type At = ReadonlyArray<number>

/** What a selector located. */
type Located =
  | { readonly _tag: 'Element'; readonly at: At }
  | { readonly _tag: 'Attribute'; readonly at: At; readonly key: string }
  | { readonly _tag: 'Namespace'; readonly at: At; readonly prefix: string }
  | { readonly _tag: 'Text'; readonly at: At; readonly index: number }

const elementAt = (root: Xml.Element, at: At): Xml.Element => {
  let e = root
  for (const i of at) e = e.children[i] as Xml.Element
  return e
}

const stringValue = (e: Xml.Node): string => {
  if (e._tag === 'Text') return e.value
  let s = ''
  const stack: Array<Xml.Node> = [e]
  while (stack.length > 0) {
    const n = stack.pop() as Xml.Node
    if (n._tag === 'Text') s += n.value
    else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i])
  }
  return s
}

type Resolve = (prefix: string | undefined, element: boolean) => string | undefined

const resolver = (bindings: ReadonlyArray<Xml.NsDecl>): Resolve => {
  const m = new Map<string, string>()
  for (const b of bindings) m.set(b.prefix, b.uri)
  return (prefix, element) => {
    if (prefix === undefined) return element ? (m.get('') ?? '') : ''
    if (prefix === 'xml') return Xml.XML_NS
    return m.get(prefix)
  }
}

const nameMatches = (e: Xml.Element, step: { readonly prefix?: string; readonly local: string }, resolve: Resolve): boolean | undefined => {
  if (step.local === '*' && step.prefix === undefined) return true
  const ns = resolve(step.prefix, true)
  if (ns === undefined) return undefined
  return e.name.local === step.local && e.name.ns === ns
}

/** Locates the one node a selector means; an error message when it is none or several. */
const locate = (root: Xml.Element, path: Path, resolve: Resolve): E.Either<{ condition: Condition; message: string }, Located> => {
  let current: ReadonlyArray<{ readonly at: At; readonly e: Xml.Element }>
  let steps = path.steps
  if (path.id !== undefined) {
    // id(): the element whose attribute of type ID (here: an `id` or `xml:id` attribute) has the value
    const hits: Array<{ at: At; e: Xml.Element }> = []
    const stack: Array<{ at: At; e: Xml.Element }> = [{ at: [], e: root }]
    while (stack.length > 0) {
      const x = stack.pop() as { at: At; e: Xml.Element }
      if (x.e.attrs.id === path.id || x.e.attrs[`{${Xml.XML_NS}}id`] === path.id) hits.push(x)
      x.e.children.forEach((c, i) => {
        if (c._tag === 'Element') stack.push({ at: [...x.at, i], e: c })
      })
    }
    current = hits
  } else {
    // the first step is matched against the root element (the only child of the root node)
    current = [{ at: [], e: root }]
    const first = steps[0]
    const ok = nameMatches(root, first, resolve)
    if (ok === undefined) return E.left({ condition: 'invalid-namespace-prefix', message: `no namespace for the prefix "${first.prefix}"` })
    current = ok ? filter(current, first.predicates, resolve, 1) : []
    steps = steps.slice(1)
  }
  for (const st of steps) {
    const next: Array<{ at: At; e: Xml.Element }> = []
    for (const c of current) {
      const kids: Array<{ at: At; e: Xml.Element }> = []
      for (let i = 0; i < c.e.children.length; i++) {
        const k = c.e.children[i]
        if (k._tag !== 'Element') continue
        const ok = nameMatches(k, st, resolve)
        if (ok === undefined) return E.left({ condition: 'invalid-namespace-prefix', message: `no namespace for the prefix "${st.prefix}"` })
        if (ok) kids.push({ at: [...c.at, i], e: k })
      }
      next.push(...filter(kids, st.predicates, resolve, 1))
    }
    current = next
  }
  if (current.length === 0) return E.left({ condition: 'unlocated-node', message: 'the selector locates no element' })
  if (current.length > 1) return E.left({ condition: 'unlocated-node', message: `the selector locates ${current.length} elements, not one` })
  const { at, e } = current[0]
  const last = path.last
  if (last === undefined) return E.right({ _tag: 'Element', at })
  switch (last._tag) {
    case 'Attribute': {
      const ns = resolve(last.prefix, false)
      if (ns === undefined) return E.left({ condition: 'invalid-namespace-prefix', message: `no namespace for the prefix "${last.prefix}"` })
      const key = Xml.key({ ns, local: last.local })
      return E.right({ _tag: 'Attribute', at, key })
    }
    case 'Namespace':
      return E.right({ _tag: 'Namespace', at, prefix: last.prefix })
    case 'Text': {
      const texts: Array<number> = []
      e.children.forEach((c, i) => {
        if (c._tag === 'Text') texts.push(i)
      })
      const n = last.position ?? 1
      if (last.position === undefined && texts.length > 1) return E.left({ condition: 'unlocated-node', message: 'the selector locates several text nodes, not one' })
      const index = texts[n - 1]
      return index === undefined ? E.left({ condition: 'unlocated-node', message: 'the selector locates no text node' }) : E.right({ _tag: 'Text', at, index })
    }
    default:
      return E.left({ condition: 'unlocated-node', message: 'comments and processing instructions are not kept by this library: the selector locates nothing' })
  }
}

const filter = (
  xs: ReadonlyArray<{ readonly at: At; readonly e: Xml.Element }>,
  predicates: PathStep['predicates'],
  resolve: Resolve,
  _depth: number
): Array<{ at: At; e: Xml.Element }> => {
  let out = xs.slice()
  for (const p of predicates) {
    switch (p._tag) {
      case 'Position':
        out = out[p.n - 1] === undefined ? [] : [out[p.n - 1]]
        break
      case 'Attribute': {
        const ns = resolve(p.prefix, false)
        const key = ns === undefined ? undefined : Xml.key({ ns, local: p.local })
        out = out.filter((x) => key !== undefined && x.e.attrs[key] === p.value)
        break
      }
      case 'Child':
        out = out.filter((x) =>
          x.e.children.some((c) => c._tag === 'Element' && nameMatches(c, p, resolve) === true && stringValue(c) === p.value)
        )
        break
      case 'Self':
        out = out.filter((x) => stringValue(x.e) === p.value)
        break
    }
  }
  return out
}

// -------------------------------------------------------------------------------------
// applying
// -------------------------------------------------------------------------------------

/** Rebuilds the tree with the element at `at` replaced by `f(element)`. */
const update = (root: Xml.Element, at: At, f: (e: Xml.Element) => Xml.Element): Xml.Element => {
  if (at.length === 0) return f(root)
  const [i, ...rest] = at
  const children = root.children.slice()
  children[i] = update(root.children[i] as Xml.Element, rest, f)
  return { ...root, children }
}

/**
 * Children in the parser's normal form: adjacent text merged, empty text gone, and white space between elements
 * dropped where the content is element-only (unless `xml:space="preserve"`), so that a patched tree equals the tree
 * its printed form parses to.
 */
const normalise = (e: Xml.Element, children: ReadonlyArray<Xml.Node>): Xml.Element => {
  const merged: Array<Xml.Node> = []
  for (const c of children) {
    if (c._tag === 'Text') {
      if (c.value === '') continue
      const prev = merged[merged.length - 1]
      if (prev !== undefined && prev._tag === 'Text') merged[merged.length - 1] = { _tag: 'Text', value: prev.value + c.value }
      else merged.push(c)
    } else merged.push(c)
  }
  const hasElement = merged.some((c) => c._tag === 'Element')
  const mixed = merged.some((c) => c._tag === 'Text' && !Xml.isWhitespace(c.value))
  const preserve = e.attrs[`{${Xml.XML_NS}}space`] === 'preserve'
  const out = hasElement && !mixed && !preserve ? merged.filter((c) => c._tag === 'Element') : merged
  return { ...e, children: out }
}

/** Added content stands on its own in its new place: unqualified names say so (see `Xml.detach`). */
const contentOf = (nodes: ReadonlyArray<Xml.Node>): ReadonlyArray<Xml.Node> =>
  nodes.map((n) => (n._tag === 'Element' ? Xml.detach(n) : n))

const fail = (operation: number, condition: Condition, message: string): E.Either<PatchError, never> =>
  E.left({ _tag: 'PatchError', condition, operation, message })

const applyOne = (root: Xml.Element, op: Operation, index: number): E.Either<PatchError, Xml.Element> => {
  const p = parsePath(op.sel)
  if (p._tag === 'Left') return fail(index, 'invalid-attribute-value', `sel: ${p.left}`)
  const resolve = resolver(op.bindings)
  const loc = locate(root, p.right, resolve)
  if (loc._tag === 'Left') return fail(index, loc.left.condition, `${op.sel}: ${loc.left.message}`)
  const l = loc.right
  switch (op._tag) {
    case 'Add': {
      if (op.type !== undefined) {
        if (l._tag !== 'Element') return fail(index, 'invalid-node-types', `${op.sel}: attributes and namespaces are added to an element`)
        const text = op.content.every((c) => c._tag === 'Text') ? op.content.map((c) => (c as Xml.Text).value).join('') : undefined
        if (text === undefined) return fail(index, 'invalid-node-types', `${op.sel}: an attribute or namespace is added from text content`)
        const am = /^@(?:([^:]+):)?([^:]+)$/.exec(op.type)
        if (am !== null) {
          const ns = resolve(am[1], false)
          if (ns === undefined) return fail(index, 'invalid-namespace-prefix', `type: no namespace for the prefix "${am[1]}"`)
          const key = Xml.key({ ns, local: am[2] })
          const target = elementAt(root, l.at)
          if (target.attrs[key] !== undefined) return fail(index, 'invalid-attribute-value', `${op.sel}: the attribute ${op.type.slice(1)} exists already`)
          return E.right(update(root, l.at, (e) => ({ ...e, attrs: { ...e.attrs, [key]: text } })))
        }
        const nm = /^namespace::(.+)$/.exec(op.type)
        if (nm !== null) {
          if (!Xml.isNsDecl({ prefix: nm[1], uri: text })) return fail(index, 'invalid-namespace-uri', `type: cannot bind "${nm[1]}" to ${JSON.stringify(text)}`)
          return E.right(update(root, l.at, (e) => ({ ...e, namespaces: [...(e.namespaces ?? []).filter((d) => d.prefix !== nm[1]), { prefix: nm[1], uri: text }] })))
        }
        return fail(index, 'invalid-attribute-value', `type: expected @name or namespace::prefix, got ${JSON.stringify(op.type)}`)
      }
      const content = contentOf(op.content)
      if (op.pos === undefined || op.pos === 'prepend') {
        if (l._tag !== 'Element') return fail(index, 'invalid-node-types', `${op.sel}: content is added into an element`)
        return E.right(update(root, l.at, (e) => normalise(e, op.pos === 'prepend' ? [...content, ...e.children] : [...e.children, ...content])))
      }
      // before / after: siblings of the located node (an element or a text node)
      const at = l._tag === 'Element' ? l.at : l._tag === 'Text' ? [...l.at, l.index] : undefined
      if (at === undefined) return fail(index, 'invalid-node-types', `${op.sel}: siblings are added beside an element or text`)
      if (at.length === 0) return fail(index, 'invalid-root-element-operation', `${op.sel}: nothing can be added beside the root element`)
      const parentAt = at.slice(0, -1)
      const i = at[at.length - 1]
      return E.right(
        update(root, parentAt, (e) => normalise(e, [...e.children.slice(0, op.pos === 'before' ? i : i + 1), ...content, ...e.children.slice(op.pos === 'before' ? i : i + 1)]))
      )
    }
    case 'Replace': {
      const content = contentOf(op.content)
      switch (l._tag) {
        case 'Element': {
          const els = content.filter((c) => c._tag === 'Element')
          const texts = content.filter((c) => c._tag === 'Text' && !Xml.isWhitespace(c.value))
          if (els.length !== 1 || texts.length > 0) return fail(index, 'invalid-node-types', `${op.sel}: an element is replaced by exactly one element`)
          const replacement = els[0] as Xml.Element
          if (l.at.length === 0) return E.right(replacement)
          const parentAt = l.at.slice(0, -1)
          const i = l.at[l.at.length - 1]
          return E.right(update(root, parentAt, (e) => normalise(e, [...e.children.slice(0, i), replacement, ...e.children.slice(i + 1)])))
        }
        case 'Attribute': {
          if (content.some((c) => c._tag !== 'Text')) return fail(index, 'invalid-node-types', `${op.sel}: an attribute value is replaced by text`)
          const target = elementAt(root, l.at)
          if (target.attrs[l.key] === undefined) return fail(index, 'unlocated-node', `${op.sel}: no such attribute`)
          const v = content.map((c) => (c as Xml.Text).value).join('')
          return E.right(update(root, l.at, (e) => ({ ...e, attrs: { ...e.attrs, [l.key]: v } })))
        }
        case 'Namespace': {
          const v = content.map((c) => (c._tag === 'Text' ? c.value : '')).join('')
          const target = elementAt(root, l.at)
          if (!(target.namespaces ?? []).some((d) => d.prefix === l.prefix)) return fail(index, 'unlocated-node', `${op.sel}: no such namespace declaration on the element`)
          if (!Xml.isNsDecl({ prefix: l.prefix, uri: v })) return fail(index, 'invalid-namespace-uri', `${op.sel}: cannot bind "${l.prefix}" to ${JSON.stringify(v)}`)
          return E.right(update(root, l.at, (e) => ({ ...e, namespaces: (e.namespaces ?? []).map((d) => (d.prefix === l.prefix ? { prefix: l.prefix, uri: v } : d)) })))
        }
        case 'Text': {
          if (content.some((c) => c._tag !== 'Text')) return fail(index, 'invalid-node-types', `${op.sel}: a text node is replaced by text`)
          const v = content.map((c) => (c as Xml.Text).value).join('')
          return E.right(update(root, l.at, (e) => normalise(e, e.children.map((c, j) => (j === l.index ? { _tag: 'Text', value: v } : c)))))
        }
      }
      return fail(index, 'invalid-node-types', op.sel)
    }
    case 'Remove': {
      switch (l._tag) {
        case 'Element': {
          if (l.at.length === 0) return fail(index, 'invalid-root-element-operation', `${op.sel}: the root element cannot be removed`)
          const parentAt = l.at.slice(0, -1)
          const i = l.at[l.at.length - 1]
          const parent = elementAt(root, parentAt)
          let from = i
          let to = i + 1
          const ws = op.ws
          const side = (j: number): boolean | undefined => {
            const c = parent.children[j]
            if (c === undefined || c._tag === 'Element') return undefined // absent: white space the AST does not keep
            return Xml.isWhitespace(c.value)
          }
          if (ws === 'before' || ws === 'both') {
            const s = side(i - 1)
            if (s === false) return fail(index, 'invalid-whitespace-directive', `${op.sel}: no white space before the element`)
            if (s === true) from = i - 1
          }
          if (ws === 'after' || ws === 'both') {
            const s = side(i + 1)
            if (s === false) return fail(index, 'invalid-whitespace-directive', `${op.sel}: no white space after the element`)
            if (s === true) to = i + 2
          }
          return E.right(update(root, parentAt, (e) => normalise(e, [...e.children.slice(0, from), ...e.children.slice(to)])))
        }
        case 'Attribute': {
          if (op.ws !== undefined) return fail(index, 'invalid-whitespace-directive', `${op.sel}: ws applies to elements only`)
          const target = elementAt(root, l.at)
          if (target.attrs[l.key] === undefined) return fail(index, 'unlocated-node', `${op.sel}: no such attribute`)
          return E.right(
            update(root, l.at, (e) => {
              const { [l.key]: _gone, ...attrs } = e.attrs
              return { ...e, attrs }
            })
          )
        }
        case 'Namespace': {
          const target = elementAt(root, l.at)
          if (!(target.namespaces ?? []).some((d) => d.prefix === l.prefix)) return fail(index, 'unlocated-node', `${op.sel}: no such namespace declaration on the element`)
          return E.right(
            update(root, l.at, (e) => {
              const rest = (e.namespaces ?? []).filter((d) => d.prefix !== l.prefix)
              const { namespaces: _n, ...plain } = e
              return rest.length === 0 ? plain : { ...plain, namespaces: rest }
            })
          )
        }
        case 'Text':
          return E.right(update(root, l.at, (e) => normalise(e, e.children.filter((_, j) => j !== l.index))))
      }
      return fail(index, 'invalid-node-types', op.sel)
    }
  }
}

/**
 * Applies patch operations in order (RFC 5261 §4: each to the result of the one before); the first that fails stops
 * the patch with its error.
 *
 * @example
 * import { apply } from 'sip-simple-payloads/xcap/Patch'
 * import { parse } from 'sip-simple-payloads/xml'
 * const doc = parse('<doc><foo id="a"/></doc>')
 * if (doc._tag === 'Right') apply(doc.right, [{ _tag: 'Add', sel: "doc/foo[@id='a']", type: '@user', content: [{ _tag: 'Text', value: 'Bob' }], bindings: [] }])
 *
 * @category applying
 * @since 0.2.0
 */
export const apply = (root: Xml.Element, ops: ReadonlyArray<Operation>): E.Either<PatchError, Xml.Element> => {
  let doc = root
  for (let i = 0; i < ops.length; i++) {
    const r = applyOne(doc, ops[i], i)
    if (r._tag === 'Left') return r
    doc = r.right
  }
  return E.right(doc)
}

/**
 * The prefixes an RFC 5261 selector (or a `type` of `<add>`) uses, `''` standing for the default namespace when an
 * element name has no prefix: the bindings a patch operation needs (RFC 5261 §4.2.1).
 *
 * @category selectors
 * @since 0.2.0
 */
export const prefixesOf = (sel: string): ReadonlyArray<string> => {
  const p = parsePath(sel)
  if (p._tag === 'Left') return []
  const out = new Set<string>()
  for (const st of p.right.steps) {
    if (st.local !== '*' || st.prefix !== undefined) out.add(st.prefix ?? '')
    for (const pr of st.predicates) {
      if (pr._tag === 'Attribute' && pr.prefix !== undefined) out.add(pr.prefix)
      if (pr._tag === 'Child') out.add(pr.prefix ?? '')
    }
  }
  const last = p.right.last
  if (last?._tag === 'Attribute' && last.prefix !== undefined) out.add(last.prefix)
  return [...out]
}
