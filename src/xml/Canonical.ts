/**
 * A canonical serialisation of the {@link Ast} model, for comparing documents: two trees have the same canonical text
 * exactly when they are the same XML information, whatever prefixes, attribute order, namespace declarations,
 * insignificant whitespace, comments or processing instructions the sources used.
 *
 * Namespaces get the prefixes `n0`, `n1`, ... in order of first use in a depth-first walk (an element's name, then
 * its attribute names in sorted order), all declared on the root; there is no default namespace. Attributes are sorted
 * by namespace URI then local name. Whitespace-only text in element-only content is dropped, empty elements are written
 * `<a></a>`, text and attribute values are escaped as by the printer, and there is no XML declaration. The output is
 * well-formed XML. Like the printer, it never throws and never recurses.
 *
 * @since 0.1.0
 */
import type { Either } from '#fp-ts/Either'
import type { Element } from './Ast.js'
import { isWhitespace, XML_NS } from './Ast.js'
import type { ParseError, ParseOptions } from './Parser.js'
import { parse } from './Parser.js'
import { escapeAttribute, escapeText, splitAttrKey } from './Printer.js'

// -------------------------------------------------------------------------------------
// printing
// -------------------------------------------------------------------------------------

interface Attr {
  readonly ns: string
  readonly local: string
  readonly value: string
}

const byName = (a: Attr, b: Attr): number =>
  a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.local < b.local ? -1 : a.local > b.local ? 1 : 0

const sortedAttrs = (el: Element): ReadonlyArray<Attr> => {
  const out: Array<Attr> = []
  for (const k of Object.keys(el.attrs)) {
    const split = splitAttrKey(k)
    if (split !== undefined) out.push({ ns: split[0], local: split[1], value: el.attrs[k] })
  }
  return out.length > 1 ? out.sort(byName) : out
}

const hasElementChild = (el: Element): boolean => {
  for (const c of el.children) if (c._tag === 'Element') return true
  return false
}

/**
 * The canonical text of a tree.
 *
 * @category printing
 * @since 0.1.0
 */
export const canonical = (root: Element): string => {
  // first pass: prefixes in order of first use, depth first
  const prefixOf = new Map<string, string>()
  const use = (ns: string): void => {
    if (ns !== '' && ns !== XML_NS && !prefixOf.has(ns)) prefixOf.set(ns, `n${prefixOf.size}`)
  }
  const attrsOf = new Map<Element, ReadonlyArray<Attr>>()
  const walk: Array<Element> = [root]
  while (walk.length > 0) {
    const el = walk.pop() as Element
    use(el.name.ns)
    const attrs = sortedAttrs(el)
    if (attrs.length > 0) attrsOf.set(el, attrs)
    for (const a of attrs) use(a.ns)
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i]
      if (c._tag === 'Element') walk.push(c)
    }
  }
  const qname = (ns: string, local: string): string =>
    ns === '' ? local : ns === XML_NS ? `xml:${local}` : `${prefixOf.get(ns) as string}:${local}`

  let out = ''
  const startTag = (el: Element, name: string, decls: string): void => {
    out += '<' + name + decls
    const attrs = attrsOf.get(el)
    if (attrs !== undefined)
      for (const a of attrs) out += ' ' + qname(a.ns, a.local) + '="' + escapeAttribute(a.value) + '"'
    out += '>'
  }

  let decls = ''
  for (const [uri, p] of prefixOf) decls += ` xmlns:${p}="${escapeAttribute(uri)}"`

  // second pass: an explicit stack of open elements (element, next child, name, element-only content)
  const sEl: Array<Element> = [root]
  const sIdx: Array<number> = [0]
  const rootName = qname(root.name.ns, root.name.local)
  const sName: Array<string> = [rootName]
  const sDrop: Array<boolean> = [hasElementChild(root)]
  startTag(root, rootName, decls)
  while (sEl.length > 0) {
    const top = sEl.length - 1
    const el = sEl[top]
    const i = sIdx[top]
    if (i < el.children.length) {
      sIdx[top] = i + 1
      const c = el.children[i]
      if (c._tag === 'Text') {
        if (!(sDrop[top] && isWhitespace(c.value))) out += escapeText(c.value)
      } else {
        const name = qname(c.name.ns, c.name.local)
        startTag(c, name, '')
        sEl.push(c)
        sIdx.push(0)
        sName.push(name)
        sDrop.push(hasElementChild(c))
      }
    } else {
      out += '</' + sName[top] + '>'
      sEl.pop()
      sIdx.pop()
      sName.pop()
      sDrop.pop()
    }
  }
  return out
}

/**
 * Parses a document and returns its canonical text.
 *
 * @category printing
 * @since 0.1.0
 */
export const canonicalText = (input: string | Uint8Array, options?: ParseOptions): Either<ParseError, string> => {
  const r = parse(input, options)
  return r._tag === 'Left' ? r : { _tag: 'Right', right: canonical(r.right) }
}

/**
 * Whether two trees are the same XML information (their canonical texts are equal).
 *
 * @category printing
 * @since 0.1.0
 */
export const equivalent = (a: Element, b: Element): boolean => a === b || canonical(a) === canonical(b)

/**
 * Whether two documents both parse and are equivalent.
 *
 * @category printing
 * @since 0.1.0
 */
export const equivalentText = (a: string, b: string): boolean => {
  const x = canonicalText(a)
  if (x._tag === 'Left') return false
  const y = canonicalText(b)
  return y._tag === 'Right' && x.right === y.right
}
