/**
 * The generic, immutable XML AST that every payload codec reads from and writes to.
 *
 * An element's identity is its expanded name (namespace URI + local name); prefixes are never part of it. Attributes
 * are keyed by their expanded name in Clark notation (`local` for no namespace, `{uri}local` otherwise). The parser
 * may keep the source's namespace declarations in `nsHints`, which the printer uses only as hints.
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
 * A namespace declaration seen in the source (`prefix` is `''` for the default namespace).
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
  /** Namespace declarations written on this element in the source: printing hints only. */
  readonly nsHints?: ReadonlyArray<NsDecl>
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
 * The attribute key of an attribute name (same as {@link key}).
 *
 * @category model
 * @since 0.1.0
 */
export const attrKey = key

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
 * Structural equality of two nodes, ignoring `nsHints` and attribute order.
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
 * Removes the printing hints from a tree (useful before comparing decoded values that carry foreign elements).
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
