/**
 * Small random XML trees for the XML layer's properties: names from a few namespaces (no namespace included, and the
 * xml namespace for attributes), text with markup characters, CR, TAB and non-BMP characters. Trees are normalised to
 * what the parser produces: no empty text, no adjacent text nodes, no whitespace-only text next to elements.
 */
import * as fc from 'fast-check'
import * as Ast from '../../src/xml/Ast.js'

export const elementNamespaces = [
  '',
  'urn:a',
  'urn:b',
  'urn:ietf:params:xml:ns:pidf',
  'urn:ietf:params:xml:ns:pidf:rpid'
]
export const attributeNamespaces = ['', '', 'urn:a', 'urn:c', Ast.XML_NS]
const locals = ['a', 'b', 'c', 'x-y', 'n.1', '_u', 'é']

/** XML-safe characters, weighted towards the ones that need escaping. */
const xmlChar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\t', ' ', ']', '😀', '𝄞', 'é', '\u00A0', '\uFFFD'),
  fc.string({ minLength: 1, maxLength: 1 }).filter((c) => /^[\x20-\x7E]$/.test(c))
)

export const textValue: fc.Arbitrary<string> = fc.string({ unit: xmlChar, minLength: 1, maxLength: 8 })

const isWhitespace = (s: string): boolean => /^[ \t\r\n]*$/.test(s)

/** Merges adjacent text, drops empty text and, next to elements, whitespace-only text. */
export const normalise = (children: ReadonlyArray<Ast.Node>): Array<Ast.Node> => {
  const merged: Array<Ast.Node> = []
  for (const c of children) {
    const last = merged[merged.length - 1]
    if (c._tag === 'Text' && last !== undefined && last._tag === 'Text')
      merged[merged.length - 1] = Ast.text(last.value + c.value)
    else merged.push(c)
  }
  const hasElement = merged.some((c) => c._tag === 'Element')
  return merged.filter((c) => c._tag === 'Element' || (c.value !== '' && !(hasElement && isWhitespace(c.value))))
}

const attrs: fc.Arbitrary<Record<string, string>> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...attributeNamespaces),
      fc.constantFrom(...locals),
      fc.string({ unit: xmlChar, maxLength: 6 })
    ),
    {
      maxLength: 4
    }
  )
  .map((as) => {
    const out: Record<string, string> = {}
    for (const [ns, local, v] of as) out[Ast.key({ ns, local })] = v
    return out
  })

export const element: fc.Arbitrary<Ast.Element> = fc.letrec<{ element: Ast.Element; node: Ast.Node }>((tie) => ({
  element: fc
    .record({
      ns: fc.constantFrom(...elementNamespaces),
      local: fc.constantFrom(...locals),
      attrs,
      children: fc.array(tie('node'), { maxLength: 4 })
    })
    .map(({ ns, local, attrs, children }) => Ast.element({ ns, local }, attrs, normalise(children))),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, textValue.map(Ast.text), tie('element'))
})).element
