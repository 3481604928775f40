/**
 * A deterministic, total XML printer from the {@link Ast} model to text that our parser reads back to an equal tree.
 *
 * The root's namespace becomes the default namespace; every other namespace (of elements and of attributes) is bound
 * once, on the root, to a prefix chosen from the caller's preferences, the source's prefixes (`nsHints` on the root)
 * and the customary prefixes of the SIP SIMPLE specifications ({@link wellKnownPrefixes}), in that order, or a fresh
 * `ns1`, `ns2`, ... (Namespaces in XML 1.0 §3). The printer never throws and never recurses, so trees of any depth
 * print. Element and attribute local names are assumed to be valid NCNames.
 *
 * @since 0.1.0
 */
import type { Element, Node } from './Ast.js'
import { XML_NS, XMLNS_NS } from './Ast.js'

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
  /** Indent element-only content by 2 spaces per level (text-only and mixed content stay on one line). Default false. */
  readonly pretty?: boolean
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>` (followed by a line feed when pretty). Default true. */
  readonly declaration?: boolean
  /** Preferred prefixes, namespace URI to prefix; they win over the source's prefixes and the well-known ones. */
  readonly prefixes?: Readonly<Record<string, string>>
}

/**
 * The customary prefix of each SIP SIMPLE namespace (namespace URI to prefix), used when the source gave none. Each
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
  'urn:ietf:params:xml:ns:xcap-caps': 'xc',
  'urn:ietf:params:xml:ns:xcap-diff': 'xd',
  'urn:ietf:params:xml:ns:xcap-error': 'xe',
  'urn:ietf:params:xml:ns:im-iscomposing': 'isc',
  'urn:ietf:params:xml:ns:conference-info': 'ci',
  'urn:ietf:params:xml:ns:imdn': 'imdn',
  'http://www.w3.org/2001/XMLSchema-instance': 'xsi',
  'urn:ietf:params:xml:ns:pidf:geopriv10': 'gp'
}

// -------------------------------------------------------------------------------------
// printing
// -------------------------------------------------------------------------------------

/** The XML declaration written by {@link print}. */
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

const hasOwn = Object.prototype.hasOwnProperty

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

/** Whether a preferred prefix can be declared: an ASCII NCName not starting with `xml` (reserved). */
const usablePrefix = (p: string): boolean => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(p) && !/^xml/i.test(p)

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

/** The namespaces that need a prefix, in order of first use (depth first, element before its attributes). */
const prefixedNamespaces = (root: Element, defaultNs: string): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const order: Array<string> = []
  const stack: Array<Element> = [root]
  while (stack.length > 0) {
    const el = stack.pop() as Element
    const ns = el.name.ns
    if (ns !== '' && ns !== defaultNs && ns !== XML_NS && !seen.has(ns)) {
      seen.add(ns)
      order.push(ns)
    }
    for (const k in el.attrs) {
      if (k.charCodeAt(0) !== 123 || !hasOwn.call(el.attrs, k)) continue
      const split = splitAttrKey(k)
      if (split === undefined) continue
      const ans = split[0]
      if (ans !== '' && ans !== XML_NS && !seen.has(ans)) {
        seen.add(ans)
        order.push(ans)
      }
    }
    const cs = el.children
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]
      if (c._tag === 'Element') stack.push(c)
    }
  }
  return order
}

/** Chooses one prefix per namespace: the caller's, then the source's, then the well-known one, then `nsN`. */
const assignPrefixes = (
  root: Element,
  namespaces: ReadonlyArray<string>,
  preferred: Readonly<Record<string, string>> | undefined
): Map<string, string> => {
  const prefixOf = new Map<string, string>()
  const taken = new Set<string>()
  const tryAssign = (uri: string, p: string | undefined): void => {
    if (p !== undefined && !prefixOf.has(uri) && !taken.has(p) && usablePrefix(p)) {
      prefixOf.set(uri, p)
      taken.add(p)
    }
  }
  if (preferred !== undefined)
    for (const uri of namespaces) tryAssign(uri, hasOwn.call(preferred, uri) ? preferred[uri] : undefined)
  if (root.nsHints !== undefined) {
    const hinted = new Map<string, string>()
    for (const h of root.nsHints) if (h.prefix !== '' && !hinted.has(h.uri)) hinted.set(h.uri, h.prefix)
    for (const uri of namespaces) tryAssign(uri, hinted.get(uri))
  }
  for (const uri of namespaces) tryAssign(uri, hasOwn.call(wellKnownPrefixes, uri) ? wellKnownPrefixes[uri] : undefined)
  let n = 1
  for (const uri of namespaces) {
    if (prefixOf.has(uri)) continue
    while (taken.has(`ns${n}`)) n++
    tryAssign(uri, `ns${n}`)
  }
  return prefixOf
}

/** Whether an element has element children and no text: the content that pretty printing may indent. */
const elementOnly = (el: Element): boolean => {
  const cs = el.children
  if (cs.length === 0) return false
  for (let i = 0; i < cs.length; i++) if (cs[i]._tag !== 'Element') return false
  return true
}

/** Indentation is capped so that pretty printing stays linear in the size of very deep trees. */
const MAX_INDENT = 64
const indents: Array<string> = []
const indent = (depth: number): string => {
  const d = Math.min(depth, MAX_INDENT)
  let s = indents[d]
  if (s === undefined) s = indents[d] = '\n' + '  '.repeat(d)
  return s
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
  // the root's namespace is the default one (unless it is the xml namespace, which is never declared)
  const rootNs = root.name.ns === XML_NS ? '' : root.name.ns
  const namespaces = prefixedNamespaces(root, rootNs)
  const prefixOf = assignPrefixes(root, namespaces, options?.prefixes)

  const defaultDecl = rootNs === '' ? '' : ` xmlns="${escapeAttribute(rootNs)}"`
  let rootDecls = defaultDecl
  for (const uri of namespaces) rootDecls += ` xmlns:${prefixOf.get(uri) as string}="${escapeAttribute(uri)}"`

  const qname = (ns: string, local: string, defaultNs: string): string =>
    ns === '' || ns === defaultNs ? local : ns === XML_NS ? `xml:${local}` : `${prefixOf.get(ns) ?? ''}:${local}`

  let out = options?.declaration === false ? '' : pretty ? DECLARATION + '\n' : DECLARATION
  /** Writes a start tag with its attributes (`/>` when the element is empty). */
  const startTag = (el: Element, name: string, decls: string): void => {
    out += '<' + name + decls
    const attrs = el.attrs
    for (const k in attrs) {
      if (!hasOwn.call(attrs, k)) continue
      const split = splitAttrKey(k)
      if (split === undefined) continue
      const [ns, local] = split
      const an = ns === '' ? local : ns === XML_NS ? `xml:${local}` : `${prefixOf.get(ns) ?? ''}:${local}`
      out += ' ' + an + '="' + escapeAttribute(attrs[k]) + '"'
    }
    out += el.children.length === 0 ? '/>' : '>'
  }

  // explicit stack of open elements: element, next child, tag name, default namespace inside, indented content
  const sEl: Array<Element> = []
  const sIdx: Array<number> = []
  const sName: Array<string> = []
  const sDef: Array<string> = []
  const sIndent: Array<boolean> = []

  const rootName = qname(root.name.ns, root.name.local, rootNs)
  startTag(root, rootName, rootDecls)
  if (root.children.length > 0) {
    sEl.push(root)
    sIdx.push(0)
    sName.push(rootName)
    sDef.push(rootNs)
    sIndent.push(pretty && elementOnly(root))
  }
  while (sEl.length > 0) {
    const top = sEl.length - 1
    const el = sEl[top]
    const i = sIdx[top]
    const ind = sIndent[top]
    if (i < el.children.length) {
      sIdx[top] = i + 1
      const c: Node = el.children[i]
      if (c._tag === 'Text') {
        out += escapeText(c.value)
        continue
      }
      if (ind) out += indent(top + 1)
      // switch the default namespace where needed: xmlns="" for an element in no namespace, back to the root's
      // namespace below such an element
      const def = sDef[top]
      const ns = c.name.ns
      let decl = ''
      let inner = def
      if (ns === '' && def !== '') {
        decl = ' xmlns=""'
        inner = ''
      } else if (ns !== '' && ns === rootNs && def !== rootNs) {
        decl = defaultDecl
        inner = rootNs
      }
      const name = qname(ns, c.name.local, inner)
      startTag(c, name, decl)
      if (c.children.length > 0) {
        sEl.push(c)
        sIdx.push(0)
        sName.push(name)
        sDef.push(inner)
        sIndent.push(ind && elementOnly(c))
      }
    } else {
      if (ind) out += indent(top)
      out += '</' + sName[top] + '>'
      sEl.pop()
      sIdx.pop()
      sName.pop()
      sDef.pop()
      sIndent.pop()
    }
  }
  return pretty ? out + '\n' : out
}
