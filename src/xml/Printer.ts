/**
 * A deterministic, total XML printer from the {@link Ast} model to text that our parser reads back to an equal tree.
 *
 * Namespace declarations are data: each element's `namespaces` are written on that element, as the source had them, so
 * that the author's prefixes survive and QNames in content (XCAP selectors, `xsi:type`) keep pointing at what they
 * meant. A namespace that a name needs and no declaration in scope binds is declared by the printer: on the root when
 * that is possible (a tree built by constructors gets all its declarations there, the root's namespace as the default
 * one), otherwise on the element that needs it. Its prefix comes from the caller's preferences, a prefix the tree
 * itself declares for that namespace elsewhere, the customary prefixes of the SIP SIMPLE specifications
 * ({@link wellKnownPrefixes}), or a fresh `ns1`, `ns2`, ..., in that order (Namespaces in XML 1.0 §3, §6).
 *
 * The printer never throws and never recurses, so trees of any depth print. It never writes markup that the tree does
 * not say: names that are not NCNames are written with their offending characters replaced by `_`, characters that
 * XML cannot carry by U+FFFD, and declarations that XML forbids are left out. (The codecs' guards refuse such trees
 * before they get here; this is the last line of defence, not a feature.)
 *
 * @since 0.1.0
 */
import type { Element, Node, NsDecl } from './Ast.js'
import { isMarkupName, isNsDecl, nameChars, textFrom, XML_NS, XMLNS_NS } from './Ast.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How to print.
 *
 * @category model
 * @since 0.1.0
 */
export interface PrintOptions {
  /**
   * Indent element-only content by 2 spaces per level (text-only and mixed content, and everything under
   * `xml:space="preserve"`, stay as they are). Default false.
   */
  readonly pretty?: boolean
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (followed by a line feed when pretty). Default true. */
  readonly declaration?: boolean
  /** Preferred prefixes, namespace URI to prefix, for the namespaces the printer declares itself. */
  readonly prefixes?: Readonly<Record<string, string>>
}

/**
 * The customary prefix of each SIP SIMPLE namespace (namespace URI to prefix), used when the tree declares none. Each
 * prefix is used for one namespace only.
 *
 * @category model
 * @since 0.1.0
 */
export const wellKnownPrefixes: Readonly<Record<string, string>> = {
  'urn:ietf:params:xml:ns:pidf': 'pidf',
  'urn:ietf:params:xml:ns:pidf:data-model': 'dm',
  'urn:ietf:params:xml:ns:pidf:rpid': 'rpid',
  'urn:ietf:params:xml:ns:pidf:cipid': 'c',
  'urn:ietf:params:xml:ns:pidf:caps': 'caps',
  'urn:ag-projects:xml:ns:pidf': 'agp-pidf',
  'urn:ietf:params:xml:ns:watcherinfo': 'wi',
  'urn:ietf:params:xml:ns:resource-lists': 'rl',
  'urn:ietf:params:xml:ns:rls-services': 'rls',
  'urn:ietf:params:xml:ns:rlmi': 'rlmi',
  'urn:ietf:params:xml:ns:common-policy': 'cp',
  'urn:ietf:params:xml:ns:pres-rules': 'pr',
  'urn:oma:xml:xdm:common-policy': 'ocp',
  'urn:oma:xml:prs:pres-content': 'pc',
  'urn:oma:xml:xdm:xcap-directory': 'xdir',
  'urn:ietf:params:xml:ns:dialog-info': 'di',
  'urn:ietf:params:xml:ns:sa-dialog-info': 'sa',
  'urn:ietf:params:xml:ns:xcap-caps': 'xc',
  'urn:ietf:params:xml:ns:xcap-diff': 'xd',
  'urn:ietf:params:xml:ns:xcap-error': 'xe',
  'urn:ietf:params:xml:ns:im-iscomposing': 'isc',
  'urn:ietf:params:xml:ns:conference-info': 'ci',
  'urn:ietf:params:xml:ns:imdn': 'imdn',
  'urn:ag-projects:xml:ns:addressbook': 'agp-ab',
  'urn:ag-projects:xml:ns:resource-lists': 'agp-rl',
  'urn:ag-projects:sipsimple:xml:ns:addressbook': 'sipsimple',
  'urn:ag-projects:xml:ns:dialog-rules': 'dr',
  'urn:ietf:params:xml:ns:xml-patch-ops': 'xp',
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
  'urn:ietf:params:xml:ns:pidf:geopriv10': 'gp',
  'urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy': 'gbp',
  'urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr': 'cl',
  'http://www.opengis.net/gml': 'gml',
  'http://www.opengis.net/pidflo/1.0': 'gs'
}

// -------------------------------------------------------------------------------------
// names and escaping
// -------------------------------------------------------------------------------------

/** The XML declaration written by {@link print}. */
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

const hasOwn = Object.prototype.hasOwnProperty

const NOT_NAME_CHAR = new RegExp(`[^${nameChars.char}]`, 'gu')
const NAME_START_1 = new RegExp(`^[${nameChars.start}]`, 'u')

/** A name that can be written: the name itself when it is an NCName, otherwise its offending characters as `_`. */
const safeName = (s: string): string => {
  // names recur: the ones already checked are remembered (a bounded set, cleared when full)
  if (CHECKED.has(s)) return s
  if (isMarkupName(s)) {
    if (CHECKED.size >= 4096) CHECKED.clear()
    CHECKED.add(s)
    return s
  }
  const body = s.replace(NOT_NAME_CHAR, '_')
  return body === '' || !NAME_START_1.test(body) ? '_' + body : body
}
const CHECKED = new Set<string>()

// Characters outside the XML 1.0 `Char` production cannot be written at all, not even as character references: they
// are replaced by U+FFFD REPLACEMENT CHARACTER (as are lone surrogates), so that the output always parses.
const TEXT_SPECIAL = /[&<>\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/
const ATTR_SPECIAL = /[&<"\t\n\r\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/

const escapeWith = (s: string, attribute: boolean): string => {
  let out = ''
  let last = 0
  const n = s.length
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    let r: string | undefined
    if (c === 38) r = '&amp;'
    else if (c === 60) r = '&lt;'
    else if (c === 62) r = attribute ? undefined : '&gt;'
    else if (c === 34) r = attribute ? '&quot;' : undefined
    else if (c === 13) r = '&#13;'
    else if (c === 9) r = attribute ? '&#9;' : undefined
    else if (c === 10) r = attribute ? '&#10;' : undefined
    else if (c < 0x20 || c === 0xfffe || c === 0xffff) r = '\uFFFD'
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff)
        i++ // a valid pair: keep both halves
      else r = '\uFFFD'
    }
    if (r !== undefined) {
      out += s.slice(last, i) + r
      last = i + 1
    }
  }
  return last === 0 ? s : out + s.slice(last)
}

/**
 * Escapes character data: `&` `<` `>` and CR as references; characters not allowed in XML become U+FFFD.
 *
 * @category printing
 * @since 0.1.0
 */
export const escapeText = (s: string): string => (TEXT_SPECIAL.test(s) ? escapeWith(s, false) : s)

/**
 * Escapes an attribute value for double quotes: `&` `<` `"`, and TAB, LF, CR as character references so that they
 * survive attribute-value normalisation; characters not allowed in XML become U+FFFD.
 *
 * @category printing
 * @since 0.1.0
 */
export const escapeAttribute = (s: string): string => (ATTR_SPECIAL.test(s) ? escapeWith(s, true) : s)

/** Whether a prefix can be declared: an NCName not starting with `xml` (reserved). */
const usablePrefix = (p: string): boolean => isMarkupName(p) && !/^xml/i.test(p)

/**
 * Splits an attribute key into namespace and local name; `undefined` for keys that are never printed: namespace
 * declarations (`xmlns`, `xmlns:*`, or in the xmlns namespace), which the printers write themselves.
 *
 * @category printing
 * @since 0.1.0
 */
export const splitAttrKey = (k: string): readonly [string, string] | undefined => {
  if (k.charCodeAt(0) === 123 /* { */) {
    const end = k.indexOf('}')
    if (end !== -1) {
      const ns = k.slice(1, end)
      return ns === XMLNS_NS ? undefined : [ns, k.slice(end + 1)]
    }
  }
  return k === 'xmlns' || k.startsWith('xmlns:') ? undefined : ['', k]
}

/**
 * What precedes the value of an attribute in no namespace (` name="`), from its key; undefined for the namespace
 * declarations the printer writes itself. Keys recur: a bounded cache keeps the ones seen.
 */
const plainAttributeHead = (k: string): string | undefined => {
  let head = HEADS.get(k)
  if (head === undefined) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) return undefined
    head = ' ' + safeName(k) + '="'
    if (HEADS.size >= 4096) HEADS.clear()
    HEADS.set(k, head)
  }
  return head
}
const HEADS = new Map<string, string>()

/** Whether a declaration may be written: XML forbids binding `xml`/`xmlns` otherwise, or undeclaring a prefix. */
const writableDecl: (d: NsDecl) => boolean = isNsDecl

const declsOf = (el: Element): ReadonlyArray<NsDecl> | undefined => {
  const ds = el.namespaces
  return ds !== undefined && Array.isArray(ds) && ds.length > 0 ? ds : undefined
}

// -------------------------------------------------------------------------------------
// namespace scope
// -------------------------------------------------------------------------------------

/** The bindings in scope while walking a tree: prefix to namespace, with an undo log per open element. */
class Scope {
  readonly uriOf = new Map<string, string>()
  /** Namespace to the prefixes ever bound to it (most recent last); checked against `uriOf` before use. */
  readonly prefixesOf = new Map<string, Array<string>>()
  readonly undoPrefix: Array<string> = []
  readonly undoUri: Array<string | undefined> = []

  constructor() {
    this.uriOf.set('', '')
  }

  bind(prefix: string, uri: string): void {
    this.undoPrefix.push(prefix)
    this.undoUri.push(this.uriOf.get(prefix))
    this.uriOf.set(prefix, uri)
    if (prefix !== '') {
      const ps = this.prefixesOf.get(uri)
      if (ps === undefined) this.prefixesOf.set(uri, [prefix])
      else ps.push(prefix)
    }
  }

  mark(): number {
    return this.undoPrefix.length
  }

  undo(mark: number): void {
    while (this.undoPrefix.length > mark) {
      const prefix = this.undoPrefix.pop() as string
      const uri = this.undoUri.pop()
      const now = this.uriOf.get(prefix)
      if (uri === undefined) this.uriOf.delete(prefix)
      else this.uriOf.set(prefix, uri)
      if (prefix !== '' && now !== undefined) this.prefixesOf.get(now)?.pop()
    }
  }

  /** A prefix bound to this namespace here (not the default), or undefined. */
  prefixFor(uri: string): string | undefined {
    const ps = this.prefixesOf.get(uri)
    if (ps === undefined) return undefined
    for (let i = ps.length - 1; i >= 0; i--) if (this.uriOf.get(ps[i]) === uri) return ps[i]
    return undefined
  }
}

// Trees come from the codecs' encoders, whose guards check them; the accessors below still read whatever shape they get
// without throwing, so that printing stays total.

/** The namespace a printed element name is in (`''` for none), with the xmlns namespace treated as none. */
const elementNs = (el: Element): string => {
  const n = el.name as { readonly ns?: unknown } | null | undefined
  const ns = typeof n === 'object' && n !== null ? n.ns : undefined
  return typeof ns === 'string' && ns !== XMLNS_NS ? ns : ''
}

const localOf = (el: Element): string => {
  const n = el.name as { readonly local?: unknown } | null | undefined
  return safeName(typeof n === 'object' && n !== null && typeof n.local === 'string' ? n.local : '')
}

const EMPTY_NODES: ReadonlyArray<Node> = []
const EMPTY_ATTRS: Readonly<Record<string, string>> = {}
const childrenOf = (el: Element): ReadonlyArray<Node> => (Array.isArray(el.children) ? el.children : EMPTY_NODES)
const attrsOf = (el: Element): Readonly<Record<string, string>> =>
  typeof el.attrs === 'object' && el.attrs !== null ? el.attrs : EMPTY_ATTRS
const isElementNode = (c: unknown): c is Element =>
  typeof c === 'object' && c !== null && (c as { _tag?: unknown })._tag === 'Element'

/**
 * First pass: the namespaces that names need and that no declaration in the tree binds where they are used (in order
 * of first use, depth first), and the prefixes the tree itself declares for each namespace.
 */
const survey = (
  root: Element
): {
  readonly needed: ReadonlyArray<string>
  readonly declared: ReadonlyMap<string, string>
  readonly taken: ReadonlySet<string>
  readonly conflicted: ReadonlySet<string>
  readonly innerDeclarations: boolean
  readonly elements: number
} => {
  let innerDeclarations = false
  let elements = 0
  // most trees need a handful of namespaces and declare few: a list (a set too once it grows, so that a tree of
  // many namespaces stays linear), and a scope only once something is declared
  const needed: Array<string> = []
  let seen: Set<string> | undefined
  const isNeeded = (ns: string): boolean => (seen === undefined ? needed.includes(ns) : seen.has(ns))
  // (made when the tree declares something: most trees built by the codecs declare nothing below the root)
  let declared: Map<string, string> | undefined
  let taken: Set<string> | undefined
  // prefixes the tree binds to more than one namespace (a root prefix of that name would be shadowed somewhere)
  let boundTo: Map<string, string> | undefined
  let conflicted: Set<string> | undefined
  let scope: Scope | undefined
  const need = (ns: string): void => {
    if (isNeeded(ns)) return
    needed.push(ns)
    if (seen !== undefined) seen.add(ns)
    else if (needed.length > 8) seen = new Set(needed)
  }
  // explicit stack: element, its scope mark, whether its children are pushed
  const stack: Array<Element> = [root]
  const marks: Array<number> = [-1]
  while (stack.length > 0) {
    const top = stack.length - 1
    const el = stack[top]
    if (marks[top] >= 0) {
      scope?.undo(marks[top])
      stack.pop()
      marks.pop()
      continue
    }
    const ds = declsOf(el)
    if (ds !== undefined) {
      // an element with declarations is visited again after its subtree, to undo them
      scope ??= new Scope()
      marks[top] = scope.mark()
      if (el !== root) innerDeclarations = true
      for (const d of ds) {
        if (!writableDecl(d)) continue
        scope.bind(d.prefix, d.uri)
        if (d.prefix !== '') {
          ;(taken ??= new Set()).add(d.prefix)
          const was = (boundTo ??= new Map()).get(d.prefix)
          if (was === undefined) boundTo.set(d.prefix, d.uri)
          else if (was !== d.uri) (conflicted ??= new Set()).add(d.prefix)
          if (d.uri !== '' && !(declared ??= new Map()).has(d.uri)) declared.set(d.uri, d.prefix)
        }
      }
    } else {
      stack.pop()
      marks.pop()
    }
    elements++
    // a namespace already needed needs nothing more found out about it
    const ns = elementNs(el)
    if (ns !== '' && ns !== XML_NS && !isNeeded(ns) && (scope === undefined || (scope.uriOf.get('') !== ns && scope.prefixFor(ns) === undefined)))
      need(ns)
    const attrs = attrsOf(el)
    for (const k in attrs) {
      const ans = hasOwn.call(attrs, k) ? keyNs(k) : undefined
      if (ans === undefined) continue
      if (ans !== '' && ans !== XML_NS && ans !== XMLNS_NS && !isNeeded(ans) && (scope === undefined || scope.prefixFor(ans) === undefined))
        need(ans)
    }
    const cs = childrenOf(el)
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]
      if (isElementNode(c)) {
        stack.push(c)
        marks.push(-1)
      }
    }
  }
  return {
    needed,
    declared: declared ?? NO_PREFIXES,
    taken: taken ?? NO_NAMES,
    conflicted: conflicted ?? NO_NAMES,
    innerDeclarations,
    elements
  }
}

/** The namespace of a Clark-notation attribute key (`{ns}local`), or undefined for a key without one. */
const keyNs = (k: string): string | undefined => {
  if (k.charCodeAt(0) !== 123 /* { */) return undefined
  const end = k.indexOf('}')
  return end === -1 ? undefined : k.slice(1, end)
}

const NO_PREFIXES: ReadonlyMap<string, string> = new Map()
const NO_NAMES: ReadonlySet<string> = new Set()

/** Chooses one prefix per namespace the printer declares: preferred, declared in the tree, well-known, then `nsN`. */
const assignPrefixes = (
  namespaces: ReadonlyArray<string>,
  preferred: Readonly<Record<string, string>> | undefined,
  declared: ReadonlyMap<string, string>,
  reserved: ReadonlySet<string>,
  conflicted: ReadonlySet<string>
): ReadonlyMap<string, string> => {
  if (namespaces.length === 0) return NO_PREFIXES
  const prefixOf = new Map<string, string>()
  const taken = new Set<string>()
  const tryAssign = (uri: string, p: string | undefined): void => {
    if (p !== undefined && !prefixOf.has(uri) && !taken.has(p) && usablePrefix(p)) {
      // a prefix the tree binds to another namespace would be shadowed there: leave it to that namespace (and to no
      // one when the tree binds it to several)
      if (reserved.has(p) && (declared.get(uri) !== p || conflicted.has(p))) return
      prefixOf.set(uri, p)
      taken.add(p)
    }
  }
  if (preferred !== undefined)
    for (const uri of namespaces) tryAssign(uri, hasOwn.call(preferred, uri) ? preferred[uri] : undefined)
  // (not the prefixes the tree declares below the root: a decoded root could not tell them from the author's own)
  for (const uri of namespaces) tryAssign(uri, hasOwn.call(wellKnownPrefixes, uri) ? wellKnownPrefixes[uri] : undefined)
  let n = 1
  for (const uri of namespaces) {
    if (prefixOf.has(uri)) continue
    while (taken.has(`ns${n}`) || reserved.has(`ns${n}`)) n++
    tryAssign(uri, `ns${n}`)
  }
  return prefixOf
}

// -------------------------------------------------------------------------------------
// printing
// -------------------------------------------------------------------------------------

/** Whether an element has element children and no text: the content that pretty printing may indent. */
const elementOnly = (el: Element): boolean => {
  const cs = childrenOf(el)
  if (cs.length === 0) return false
  for (let i = 0; i < cs.length; i++) if (!isElementNode(cs[i])) return false
  return true
}

const XML_SPACE = `{${XML_NS}}space`

/** Trees with fewer elements than this print without the name cache (too few names recur to pay for it). */
const NAME_CACHE_MIN = 64

/** Flags of an open element while printing. */
const INDENT = 1
const PRESERVE = 2

/** The size of the output chunks. */
const CHUNK = 16 * 1024

/** At most this many namespaces are declared on the root by the printer; the rest where they are used. */
const MAX_HOISTED = 64

/** Indentation is capped so that pretty printing stays linear in the size of very deep trees. */
const MAX_INDENT = 64
const indents: Array<string> = []
const indent = (depth: number): string => {
  const d = Math.min(depth, MAX_INDENT)
  let s = indents[d]
  if (s === undefined) s = indents[d] = '\n' + '  '.repeat(d)
  return s
}

/** Trees of at most this many elements print by {@link printSmall}. */
const SMALL_MAX = 32

/**
 * The printer's fast path for small trees, which are most SIP bodies (an isComposing, a PIDF of one tuple): when no
 * element below the root declares anything and the tree has at most {@link SMALL_MAX} elements, every namespace is
 * declared on the root, so names resolve against the root's bindings alone and the tree prints in two recursive walks
 * (of bounded depth) without the scope of {@link print}. The output is the one the general path writes for the same
 * tree, declarations and prefixes included (a test holds them to it); `undefined` for a tree that needs the general
 * path (a default namespace other than the root's, a prefix declared twice, a namespace the root cannot take).
 */
const printSmall = (root: Element, declaration: boolean, preferred: PrintOptions['prefixes']): string | undefined => {
  const rootNs = elementNs(root)
  if (rootNs === '' || rootNs === XML_NS) return undefined
  // the root's own declarations, in the order written
  let decls = ''
  let defaultUri: string | undefined
  let covered = false
  const prefixes: Array<string> = []
  const uris: Array<string> = []
  const ds = declsOf(root)
  if (ds !== undefined)
    for (let i = 0; i < ds.length; i++) {
      const d = ds[i]
      if (!writableDecl(d)) continue
      if (d.prefix === '') {
        if (defaultUri !== undefined || d.uri !== rootNs) return undefined
        defaultUri = d.uri
        decls += ` xmlns="${escapeAttribute(d.uri)}"`
      } else {
        if (prefixes.includes(d.prefix)) return undefined
        prefixes.push(d.prefix)
        uris.push(d.uri)
        decls += ` xmlns:${d.prefix}="${escapeAttribute(d.uri)}"`
      }
      if (d.uri === rootNs) covered = true
    }
  // the root's namespace becomes the default one when nothing declares it (when a prefix does, the default stays unbound)
  const rootDefault = defaultUri === undefined && !covered
  if (defaultUri === undefined) defaultUri = rootDefault ? rootNs : ''

  // first walk: the namespaces the names need that the root does not bind, in order of first use
  const needed: Array<string> = []
  let count = 0
  const scan = (el: Element): boolean => {
    if (++count > SMALL_MAX || (el !== root && declsOf(el) !== undefined)) return false
    const ns = elementNs(el)
    if (ns === XML_NS || (ns === '' && defaultUri !== '')) return false
    if (ns !== '' && ns !== defaultUri && !uris.includes(ns) && !needed.includes(ns)) needed.push(ns)
    const attrs = attrsOf(el)
    for (const k in attrs) {
      const ans = hasOwn.call(attrs, k) ? keyNs(k) : undefined
      if (ans === undefined) continue
      if (ans === '' || ans === XML_NS || ans === XMLNS_NS || uris.includes(ans) || needed.includes(ans)) continue
      if (ans === rootNs && rootDefault) {
        // an attribute in the root's default namespace needs a prefix too: on the root it is declared first (the
        // namespace was first used by the root's name), below the root the general path declares it where it is used
        if (el !== root) return false
        needed.unshift(ans)
      } else needed.push(ans)
    }
    const cs = childrenOf(el)
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i]
      if (isElementNode(c) && !scan(c)) return false
    }
    return true
  }
  if (!scan(root)) return undefined
  // (the root's namespace is there only when one of its own attributes needs a prefix for it, as in the general path)
  const hoisted = needed
  if (hoisted.length > MAX_HOISTED) return undefined
  if (rootDefault) decls += ` xmlns="${escapeAttribute(rootNs)}"`
  if (hoisted.length > 0) {
    const prefixOf = assignPrefixes(hoisted, preferred, ds === undefined ? NO_PREFIXES : new Map(uris.map((u, i) => [u, prefixes[i]] as const).reverse()), new Set(prefixes), NO_NAMES)
    for (const uri of hoisted) {
      const p = prefixOf.get(uri) as string
      prefixes.push(p)
      uris.push(uri)
      decls += ` xmlns:${p}="${escapeAttribute(uri)}"`
    }
  }
  const qualified = (ns: string, local: string): string => prefixes[uris.indexOf(ns)] + ':' + local

  // second walk: the text
  let out = declaration ? DECLARATION : ''
  const write = (el: Element): void => {
    const ns = elementNs(el)
    const local = localOf(el)
    const name = ns === defaultUri ? local : qualified(ns, local)
    out += '<' + name
    if (el === root) out += decls
    const attrs = attrsOf(el)
    for (const k in attrs) {
      if (!hasOwn.call(attrs, k)) continue
      const v = attrs[k]
      let head: string | undefined
      if (k.charCodeAt(0) !== 123 /* { */) {
        head = plainAttributeHead(k)
        if (head === undefined) continue
      } else {
        const split = splitAttrKey(k)
        if (split === undefined) continue
        const [ans, alocal] = split
        const al = safeName(alocal)
        head = ' ' + (ans === '' ? al : ans === XML_NS ? 'xml:' + al : qualified(ans, al)) + '="'
      }
      out += head + escapeAttribute(textFrom(v)) + '"'
    }
    const cs = childrenOf(el)
    if (cs.length === 0) {
      out += '/>'
      return
    }
    out += '>'
    for (let i = 0; i < cs.length; i++) {
      const c: Node = cs[i]
      if (isElementNode(c)) write(c)
      else {
        const v = typeof c === 'object' && c !== null && c._tag === 'Text' ? c.value : ''
        out += escapeText(typeof v === 'string' ? v : '')
      }
    }
    out += '</' + name + '>'
  }
  write(root)
  return out
}

/**
 * Prints an element as an XML document. Deterministic and total; `parse(print(e))` is equal to `e` (`Ast.equals`)
 * for every tree our parser can produce.
 *
 * @category printing
 * @since 0.1.0
 */
export const print = (root: Element, options?: PrintOptions): string => {
  const pretty = options?.pretty === true
  if (!pretty) {
    const small = printSmall(root, options?.declaration !== false, options?.prefixes)
    if (small !== undefined) return small
  }
  const { needed, declared, taken, conflicted, innerDeclarations, elements } = survey(root)
  const scope = new Scope()

  // what the root declares: its own declarations, then the default namespace for its own name when it has none (a
  // tree built by hand), then a prefix for every namespace no declaration binds where it is used
  const rootNs = elementNs(root)
  let rootDefault = false
  if (rootNs !== '' && rootNs !== XML_NS) {
    let covered = false
    let defaultTaken = false
    const rootDecls = declsOf(root)
    if (rootDecls !== undefined)
      for (const d of rootDecls) {
        if (!writableDecl(d)) continue
        if (d.prefix === '') defaultTaken = true
        if (d.uri === rootNs) covered = true
      }
    rootDefault = !covered && !defaultTaken
  }
  // a namespace the root binds itself is needed only where a subtree rebinds every prefix the root gives it: it gets
  // one more prefix on the root, one the tree binds to nothing else (so that no element inside a decoded document has
  // to carry a declaration the document did not have); and the root takes a bounded number of declarations, so that
  // the output stays within the parser's attribute limit
  const rootDecls = declsOf(root)
  const prefixed =
    needed.length === 0
      ? needed
      : needed.filter((uri) => !(rootDefault && uri === rootNs && !attributeNeeds(root, rootNs))).slice(0, MAX_HOISTED)
  const prefixOf = assignPrefixes(prefixed, options?.prefixes, declared, taken, conflicted)
  const hoisted: Array<NsDecl> = []
  if (rootDefault) hoisted.push({ prefix: '', uri: rootNs })
  for (const uri of prefixed) hoisted.push({ prefix: prefixOf.get(uri) as string, uri })

  let out = options?.declaration === false ? '' : pretty ? DECLARATION + '\n' : DECLARATION
  const chunks: Array<string> = []

  // Where no element below the root declares anything and no binding has been made below the root on the current
  // path, an element's printed name depends on its name object alone: in larger trees it is worked out once per print
  // (names are shared objects: the codecs' constants, the parser's interned names), saving lookups and concatenation.
  const names = innerDeclarations || elements < NAME_CACHE_MIN ? undefined : new Map<unknown, string>()
  let rootBindings = -1

  /** The `xml:space` attribute of the element whose start tag was written last, if it has one. */
  let space: unknown

  /** Declares and writes the element's start tag; returns its printed name. */
  const startTag = (el: Element, extra: ReadonlyArray<NsDecl> | undefined): string => {
    let decls = ''
    const ds = declsOf(el)
    const mark = scope.mark()
    if (ds !== undefined)
      for (const d of ds) {
        if (!writableDecl(d)) continue
        // an element in no namespace cannot have a default namespace of its own
        if (d.prefix === '' && d.uri !== '' && elementNs(el) === '') continue
        // a prefix declared twice on one element is written once
        if (ds.length > 1 && declaredHere(scope, mark, d.prefix)) continue
        scope.bind(d.prefix, d.uri)
        decls += d.prefix === '' ? ` xmlns="${escapeAttribute(d.uri)}"` : ` xmlns:${d.prefix}="${escapeAttribute(d.uri)}"`
      }
    if (extra !== undefined)
      for (const d of extra) {
        scope.bind(d.prefix, d.uri)
        decls += d.prefix === '' ? ` xmlns="${escapeAttribute(d.uri)}"` : ` xmlns:${d.prefix}="${escapeAttribute(d.uri)}"`
      }
    // the element's own name
    const cacheable = names !== undefined && mark === rootBindings && scope.mark() === rootBindings
    let name = cacheable ? names.get(el.name) : undefined
    if (name === undefined) {
      name = elementName(el, mark)
      decls += nameDecls
      if (cacheable && scope.mark() === rootBindings) names.set(el.name, name)
    }
    // attributes
    let attrText = ''
    const attrs = attrsOf(el)
    for (const k in attrs) {
      if (!hasOwn.call(attrs, k)) continue
      const v = attrs[k]
      // most attributes have no namespace: their key is their name, and what precedes the value is written once
      if (k.charCodeAt(0) !== 123 /* { */) {
        const head = plainAttributeHead(k)
        if (head !== undefined) attrText += head + escapeAttribute(textFrom(v)) + '"'
        continue
      }
      if (k === XML_SPACE) space = v
      const split = splitAttrKey(k)
      if (split === undefined) continue
      const [ans, alocal] = split
      const al = safeName(alocal)
      let an: string
      if (ans === '') an = al
      else if (ans === XML_NS) an = 'xml:' + al
      else {
        let p = innerDeclarations ? scope.prefixFor(ans) : (rootPrefix.get(ans) ?? scope.prefixFor(ans))
        if (p === undefined) {
          p = freshLocal(ans)
          decls += ` xmlns:${p}="${escapeAttribute(ans)}"`
        }
        an = p + ':' + al
      }
      attrText += ' ' + an + '="' + escapeAttribute(textFrom(v)) + '"'
    }
    out += '<' + name + decls + attrText + (childrenOf(el).length === 0 ? '/>' : '>')
    return name
  }

  /** The declaration {@link elementName} wrote for the name it gave last (`''` for none). */
  let nameDecls = ''

  /** The printed name of an element, binding (and writing to `nameDecls`) the declaration it needs, if any. */
  const elementName = (el: Element, mark: number): string => {
    nameDecls = ''
    const ns = elementNs(el)
    const local = localOf(el)
    if (ns === XML_NS) return 'xml:' + local
    if (ns === '') {
      if (scope.uriOf.get('') !== '') {
        scope.bind('', '')
        nameDecls = ' xmlns=""'
      }
      return local
    }
    if (scope.uriOf.get('') === ns) return local
    // without declarations below the root no prefix is ever shadowed: the root's bindings answer directly
    let p = innerDeclarations ? scope.prefixFor(ns) : (rootPrefix.get(ns) ?? scope.prefixFor(ns))
    if (p === undefined) {
      if (ns === rootNs && rootDefault && !declaredHere(scope, mark, '')) {
        // back into the root's namespace below an element that left it
        scope.bind('', ns)
        nameDecls = ` xmlns="${escapeAttribute(ns)}"`
        p = ''
      } else {
        p = freshLocal(ns)
        nameDecls = ` xmlns:${p}="${escapeAttribute(ns)}"`
      }
    }
    return p === '' ? local : p + ':' + local
  }

  /** A prefix for a namespace declared where it is needed (the hoisted one when it is not shadowed, else fresh). */
  const freshLocal = (ns: string): string => {
    const p = prefixOf.get(ns)
    if (p !== undefined && !scope.uriOf.has(p)) {
      scope.bind(p, ns)
      return p
    }
    const base = hasOwn.call(wellKnownPrefixes, ns) ? wellKnownPrefixes[ns] : 'ns'
    let n = 1
    while (scope.uriOf.has(`${base}${n}`)) n++
    scope.bind(`${base}${n}`, ns)
    return `${base}${n}`
  }

  // explicit stack of open elements: children, next child, tag name, scope mark, flags (INDENT: indented content,
  // PRESERVE: xml:space="preserve" in scope)
  const sKids: Array<ReadonlyArray<Node>> = []
  const sIdx: Array<number> = []
  const sName: Array<string> = []
  const sMark: Array<number> = []
  const sFlags: Array<number> = []

  const open = (el: Element, extra: ReadonlyArray<NsDecl> | undefined, parentIndent: boolean, parentPreserve: boolean): void => {
    const mark = scope.mark()
    space = undefined
    const name = startTag(el, extra)
    const kids = childrenOf(el)
    if (kids.length === 0) {
      if (scope.undoPrefix.length !== mark) scope.undo(mark)
      return
    }
    const preserve = space === 'preserve' ? true : space === 'default' ? false : parentPreserve
    sKids.push(kids)
    sIdx.push(0)
    sName.push(name)
    sMark.push(mark)
    sFlags.push((pretty && parentIndent && !preserve && elementOnly(el) ? INDENT : 0) | (preserve ? PRESERVE : 0))
  }

  // the prefixes bound on the root, for trees whose other elements declare nothing
  const rootPrefix = innerDeclarations || (rootDecls === undefined && prefixed.length === 0) ? NO_PREFIXES : new Map<string, string>()
  if (rootPrefix !== NO_PREFIXES) {
    const add = rootPrefix as Map<string, string>
    if (rootDecls !== undefined) for (const d of rootDecls) if (writableDecl(d) && d.prefix !== '' && !add.has(d.uri)) add.set(d.uri, d.prefix)
    for (const d of hoisted) if (d.prefix !== '' && !add.has(d.uri)) add.set(d.uri, d.prefix)
  }
  open(root, hoisted, true, false)
  rootBindings = scope.mark()
  while (sKids.length > 0) {
    const top = sKids.length - 1
    const cs = sKids[top]
    const i = sIdx[top]
    const ind = (sFlags[top] & INDENT) !== 0
    if (i < cs.length) {
      sIdx[top] = i + 1
      const c: Node = cs[i]
      if (!isElementNode(c)) {
        const v = typeof c === 'object' && c !== null && c._tag === 'Text' ? c.value : ''
        out += escapeText(typeof v === 'string' ? v : '')
        continue
      }
      if (ind) out += indent(top + 1)
      open(c, undefined, ind, (sFlags[top] & PRESERVE) !== 0)
    } else {
      if (ind) out += indent(top)
      out += '</' + sName[top] + '>'
      // the output is kept as flat chunks: a long rope of small pieces would live until the end and load the garbage
      // collector in large documents (encode time stays linear)
      if (out.length > CHUNK) {
        out.charCodeAt(0) // flattens the rope in place
        chunks.push(out)
        out = ''
      }
      if (scope.undoPrefix.length !== sMark[top]) scope.undo(sMark[top])
      sKids.pop()
      sIdx.pop()
      sName.pop()
      sMark.pop()
      sFlags.pop()
    }
  }
  if (pretty) out += '\n'
  if (chunks.length === 0) return out
  chunks.push(out)
  return chunks.join('')
}

/** Whether a prefix was already declared on the element being written (bindings made since `mark`). */
const declaredHere = (scope: Scope, mark: number, prefix: string): boolean => {
  for (let i = mark; i < scope.undoPrefix.length; i++) if (scope.undoPrefix[i] === prefix) return true
  return false
}

/** Whether one of the root's own attributes is in this namespace (which then needs a prefix, not only the default). */
const attributeNeeds = (root: Element, uri: string): boolean => {
  const attrs = attrsOf(root)
  for (const k in attrs) {
    if (!hasOwn.call(attrs, k)) continue
    const split = splitAttrKey(k)
    if (split !== undefined && split[0] === uri) return true
  }
  return false
}
