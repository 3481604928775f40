/**
 * The generic, immutable XML AST that every payload codec reads from and writes to.
 *
 * An element's identity is its expanded name (namespace URI + local name); prefixes are never part of it. Attributes
 * are keyed by their expanded name in Clark notation (`local` for no namespace, `{uri}local` otherwise). Each element
 * keeps the namespace declarations written on it in the source (`namespaces`): they are data, not identity (equality
 * ignores them), and the printer writes them where they were, so that the author's prefixes survive and QNames in
 * content (XCAP selectors, `xsi:type`) keep resolving.
 *
 * @since 0.1.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An expanded name: namespace URI (`''` for no namespace) and local name.
 *
 * @category model
 * @since 0.1.0
 */
export interface QName {
  readonly ns: string
  readonly local: string
}

/**
 * A namespace declaration (`prefix` is `''` for the default namespace; `uri` is `''` only for `xmlns=""`).
 *
 * @category model
 * @since 0.1.0
 */
export interface NsDecl {
  readonly prefix: string
  readonly uri: string
}

/**
 * An element. `attrs` is keyed by the Clark-notation expanded name of each attribute (see {@link attrKey}).
 *
 * @category model
 * @since 0.1.0
 */
export interface Element {
  readonly _tag: 'Element'
  readonly name: QName
  readonly attrs: Readonly<Record<string, string>>
  readonly children: ReadonlyArray<Node>
  /** The namespace declarations written on this element, in source order (left out when there are none). */
  readonly namespaces?: ReadonlyArray<NsDecl>
}

/**
 * Character data (CDATA sections are text too).
 *
 * @category model
 * @since 0.1.0
 */
export interface Text {
  readonly _tag: 'Text'
  readonly value: string
}

/**
 * A child node.
 *
 * @category model
 * @since 0.1.0
 */
export type Node = Element | Text

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The `xml:` namespace (xml:lang, xml:space).
 *
 * @category model
 * @since 0.1.0
 */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace'

/**
 * The namespace of namespace declarations.
 *
 * @category model
 * @since 0.1.0
 */
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A curried QName constructor: `const el = qname(NS); el('tuple')`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const qname =
  (ns: string) =>
  (local: string): QName => ({ ns, local })

/**
 * Builds an element.
 *
 * @category constructors
 * @since 0.1.0
 */
export const element = (
  name: QName,
  attrs: Readonly<Record<string, string>> = {},
  children: ReadonlyArray<Node> = []
): Element => ({ _tag: 'Element', name, attrs, children })

/**
 * Builds a text node.
 *
 * @category constructors
 * @since 0.1.0
 */
export const text = (value: string): Text => ({ _tag: 'Text', value })

// -------------------------------------------------------------------------------------
// names
// -------------------------------------------------------------------------------------

/**
 * The Clark-notation key of an expanded name: `local` without namespace, `{ns}local` otherwise. Used for attribute
 * keys and for name lookups.
 *
 * @category model
 * @since 0.1.0
 */
export const key = (name: QName): string => (name.ns === '' ? name.local : `{${name.ns}}${name.local}`)

/**
 * Parses a Clark-notation key back into a QName.
 *
 * @category model
 * @since 0.1.0
 */
export const fromKey = (k: string): QName => {
  if (k.charCodeAt(0) === 123 /* { */) {
    const end = k.indexOf('}')
    return { ns: k.slice(1, end), local: k.slice(end + 1) }
  }
  return { ns: '', local: k }
}

/**
 * Whether two names are the same expanded name.
 *
 * @category model
 * @since 0.1.0
 */
export const eqName = (a: QName, b: QName): boolean => a.local === b.local && a.ns === b.ns

/**
 * A predicate on names: true for names outside the given namespaces.
 *
 * @category model
 * @since 0.1.0
 */
export const notIn =
  (...namespaces: ReadonlyArray<string>) =>
  (name: QName): boolean =>
    !namespaces.includes(name.ns)

/**
 * A predicate on names that accepts everything.
 *
 * @category model
 * @since 0.1.0
 */
export const anyName = (_: QName): boolean => true

// -------------------------------------------------------------------------------------
// accessors
// -------------------------------------------------------------------------------------

/**
 * The element children of an element, in document order.
 *
 * @category model
 * @since 0.1.0
 */
export const elements = (e: Element): ReadonlyArray<Element> => {
  const out: Array<Element> = []
  for (const c of e.children) if (c._tag === 'Element') out.push(c)
  return out
}

/**
 * The concatenated text of an element's direct text children.
 *
 * @category model
 * @since 0.1.0
 */
export const textOf = (e: Element): string => {
  const cs = e.children
  if (cs.length === 1 && cs[0]._tag === 'Text') return cs[0].value
  let s = ''
  for (const c of cs) if (c._tag === 'Text') s += c.value
  return s
}

/**
 * Whether a string is only XML white space (space, tab, line feed, carriage return), the empty string included.
 *
 * @category model
 * @since 0.2.0
 */
export const isWhitespace = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false
  }
  return true
}

// XML 1.0 (5th edition) NameStartChar and NameChar, without the colon: first the characters of the Basic Multilingual
// Plane, then the ones beyond it. Names in markup take only the first: the parser (sax) reads names one UTF-16 unit at
// a time and refuses a surrogate pair in one, so a name with a character beyond U+FFFF could be written but not read
// back. Values typed xs:NCName or xs:ID (attribute values, text) take both.
const NAME_START_BMP =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD'
const NAME_OTHER = '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040'
const NAME_ASTRAL = '\\u{10000}-\\u{EFFFF}'
const NCNAME = new RegExp(`^[${NAME_START_BMP}${NAME_ASTRAL}][${NAME_START_BMP}${NAME_ASTRAL}${NAME_OTHER}]*$`, 'u')
const MARKUP_NAME = new RegExp(`^[${NAME_START_BMP}][${NAME_START_BMP}${NAME_OTHER}]*$`, 'u')
/** ASCII NCNames: the fast first check, for the names almost every document uses. */
const ASCII_NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/**
 * The character classes of the names written in markup, without the colon (`NameStartChar`, `NameChar` of the Basic
 * Multilingual Plane: see {@link isMarkupName}), as regular-expression class bodies for the `u` flag.
 *
 * @category model
 * @since 0.2.0
 */
export const nameChars: { readonly start: string; readonly char: string } = {
  start: NAME_START_BMP,
  char: NAME_START_BMP + NAME_OTHER
}

/**
 * Text from anything: a string as it is, anything else as `String` converts it, and `''` for what `String` cannot
 * convert (an object without a prototype, one whose `toString` throws). For printing and constructors, which never throw.
 *
 * @category model
 * @since 0.2.0
 */
export const textFrom = (u: unknown): string => {
  if (typeof u === 'string') return u
  try {
    return String(u)
  } catch {
    return ''
  }
}

/**
 * Whether a string is an NCName (an XML name without a colon), as a value: `xs:NCName` and `xs:ID` attribute values
 * and text. For names in markup see {@link isMarkupName}.
 *
 * @category model
 * @since 0.2.0
 */
export const isNCName = (s: string): boolean => ASCII_NCNAME.test(s) || NCNAME.test(s)

/**
 * Whether a string can be an element or attribute local name or a namespace prefix: an NCName whose characters are all
 * in the Basic Multilingual Plane. XML 1.0 (5th edition) also allows U+10000 to U+EFFFF in names, but the parser reads
 * names one UTF-16 unit at a time and refuses them, so names written with them could not be read back; they are
 * refused on both sides.
 *
 * @category model
 * @since 0.2.0
 */
export const isMarkupName = (s: string): boolean => ASCII_NCNAME.test(s) || MARKUP_NAME.test(s)

/** Characters outside the XML 1.0 `Char` production, lone surrogates included. */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/**
 * Whether every character of a string is one XML 1.0 can carry (no C0 controls but TAB, LF and CR, no U+FFFE/U+FFFF,
 * no lone surrogates).
 *
 * @category model
 * @since 0.2.0
 */
export const isXmlText = (s: string): boolean => !NOT_XML_CHAR.test(s)

/**
 * Whether a namespace declaration can be written: the default namespace (`xmlns=""` included), or a prefix that is an
 * NCName not starting with `xml`, bound to a non-empty namespace; never the xml or xmlns namespaces.
 *
 * @category model
 * @since 0.2.0
 */
export const isNsDecl = (u: unknown): u is NsDecl => {
  if (typeof u !== 'object' || u === null || !onlyKeys(u as Record<string, unknown>, DECL_KEYS)) return false
  const { prefix, uri } = u as { prefix?: unknown; uri?: unknown }
  if (typeof prefix !== 'string' || typeof uri !== 'string' || !isXmlText(uri)) return false
  if (uri === XML_NS || uri === XMLNS_NS) return false
  return prefix === '' || (uri !== '' && isMarkupName(prefix) && !/^xml/i.test(prefix))
}

/**
 * Whether a list of namespace declarations can be written on one element: every one valid, no prefix twice.
 *
 * @category model
 * @since 0.2.0
 */
export const isNsDecls = (u: unknown): u is ReadonlyArray<NsDecl> => {
  if (!Array.isArray(u)) return false
  const seen = new Set<string>()
  for (const d of u) {
    if (!isNsDecl(d) || seen.has(d.prefix)) return false
    seen.add(d.prefix)
  }
  return true
}

const ELEMENT_KEYS: ReadonlyArray<string> = ['_tag', 'name', 'attrs', 'children', 'namespaces']
const NAME_KEYS: ReadonlyArray<string> = ['ns', 'local']
const TEXT_KEYS: ReadonlyArray<string> = ['_tag', 'value']
const DECL_KEYS: ReadonlyArray<string> = ['prefix', 'uri']

/** Whether a record has no keys but these (a key the printer does not write would not come back). */
const onlyKeys = (u: Record<string, unknown>, keys: ReadonlyArray<string>): boolean => {
  for (const k in u) if (!keys.includes(k)) return false
  return true
}

/** Whether an attribute key names an attribute that can be written (not a namespace declaration). */
const isAttrKey = (k: string): boolean => {
  if (k.charCodeAt(0) === 123 /* { */) {
    const end = k.indexOf('}')
    if (end === -1) return false
    const ns = k.slice(1, end)
    return ns !== XMLNS_NS && isXmlText(ns) && isMarkupName(k.slice(end + 1))
  }
  return k !== 'xmlns' && isMarkupName(k)
}

/**
 * Whether a value is an element tree that prints to exactly itself: an `Element` whose names are NCNames (namespaces
 * other than the xmlns one), whose attribute keys are valid Clark names and values and texts are XML text, whose
 * namespace declarations can be written, and whose children are in the parser's normal form (no empty or adjacent
 * text nodes, no white-space-only text between elements unless the content is mixed or `xml:space="preserve"` is in
 * force); an element in no namespace is one that says so (`xmlns=""` on it or on an ancestor in the tree), since around
 * the tree the default namespace is the document's. A deep check, without recursion: the guard of foreign elements
 * kept in `other` slots.
 *
 * @category model
 * @since 0.2.0
 */
export const isTree = (u: unknown): u is Element => {
  const stack: Array<unknown> = [u]
  const preserve: Array<boolean> = [false]
  const unqualified: Array<boolean> = [false]
  while (stack.length > 0) {
    const x = stack.pop() as Record<string, unknown> | null
    const inherited = preserve.pop() as boolean
    let noDefault = unqualified.pop() as boolean
    if (typeof x !== 'object' || x === null || x._tag !== 'Element' || !onlyKeys(x, ELEMENT_KEYS)) return false
    const n = x.name as Record<string, unknown> | null
    if (typeof n !== 'object' || n === null || typeof n.ns !== 'string' || typeof n.local !== 'string' || !onlyKeys(n, NAME_KEYS)) return false
    if (n.ns === XMLNS_NS || !isXmlText(n.ns) || !isMarkupName(n.local)) return false
    const attrs = x.attrs as Record<string, unknown> | null
    if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs)) return false
    for (const k of Object.keys(attrs)) {
      const v = attrs[k]
      if (typeof v !== 'string' || !isAttrKey(k) || !isXmlText(v)) return false
    }
    if (x.namespaces !== undefined && (!isNsDecls(x.namespaces) || x.namespaces.length === 0)) return false
    // an element in no namespace says so itself (xmlns=""), or an ancestor in the tree does: outside the tree the
    // default namespace is the document's
    if (x.namespaces !== undefined) for (const d of x.namespaces as ReadonlyArray<NsDecl>) if (d.prefix === '') noDefault = d.uri === ''
    if (n.ns === '' && !noDefault) return false
    const space = attrs[`{${XML_NS}}space`]
    const keep = space === 'preserve' ? true : space === 'default' ? false : inherited
    const cs = x.children
    if (!Array.isArray(cs)) return false
    let hasElement = false
    let hasText = false
    let wsOnly = false
    let lastText = false
    for (const c of cs) {
      if (typeof c !== 'object' || c === null) return false
      if ((c as { _tag?: unknown })._tag === 'Text') {
        if (!onlyKeys(c as Record<string, unknown>, TEXT_KEYS)) return false
        const v = (c as { value?: unknown }).value
        if (typeof v !== 'string' || v === '' || lastText || !isXmlText(v)) return false
        lastText = true
        if (isWhitespace(v)) wsOnly = true
        else hasText = true
      } else {
        lastText = false
        hasElement = true
        stack.push(c)
        preserve.push(keep)
        unqualified.push(noDefault)
      }
    }
    // white space beside elements is indentation unless the content is mixed or preserved
    if (hasElement && wsOnly && !hasText && !keep) return false
  }
  return true
}

/**
 * A tree taken out of its document, made to say what its names meant there: each element in no namespace that no
 * `xmlns=""` in the tree covers gets one (in the document, the default namespace in scope was empty there; around the
 * tree, it may not be). Returns the same tree when there is nothing to add. See {@link isTree}.
 *
 * @category model
 * @since 0.2.0
 */
export const detach = (root: Element): Element => {
  const visit = (e: Element, noDefault: boolean): Element => {
    let nd = noDefault
    let namespaces = e.namespaces
    if (namespaces !== undefined) for (const d of namespaces) if (d.prefix === '') nd = d.uri === ''
    if (e.name.ns === '' && !nd) {
      namespaces = [{ prefix: '', uri: '' }, ...(namespaces ?? [])]
      nd = true
    }
    let children: Array<Node> | undefined
    for (let i = 0; i < e.children.length; i++) {
      const c = e.children[i]
      if (c._tag !== 'Element') continue
      const v = visit(c, nd)
      if (v !== c) {
        if (children === undefined) children = e.children.slice()
        children[i] = v
      }
    }
    if (namespaces === e.namespaces && children === undefined) return e
    return { _tag: 'Element', name: e.name, attrs: e.attrs, children: children ?? e.children, ...(namespaces === undefined ? {} : { namespaces }) }
  }
  return visit(root, false)
}

/**
 * Structural equality of two nodes, ignoring namespace declarations and attribute order.
 *
 * @category model
 * @since 0.1.0
 */
export const equals = (a: Node, b: Node): boolean => {
  if (a._tag === 'Text') return b._tag === 'Text' && a.value === b.value
  if (b._tag === 'Text') return false
  if (!eqName(a.name, b.name)) return false
  const ak = Object.keys(a.attrs)
  if (ak.length !== Object.keys(b.attrs).length) return false
  for (const k of ak) if (b.attrs[k] !== a.attrs[k]) return false
  if (a.children.length !== b.children.length) return false
  for (let i = 0; i < a.children.length; i++) if (!equals(a.children[i], b.children[i])) return false
  return true
}

/**
 * Removes the namespace declarations from a tree (useful before comparing decoded values that carry foreign elements
 * with values built by hand).
 *
 * @category model
 * @since 0.1.0
 */
export const stripHints = (e: Element): Element => ({
  _tag: 'Element',
  name: e.name,
  attrs: e.attrs,
  children: e.children.map((c) => (c._tag === 'Element' ? stripHints(c) : c))
})
