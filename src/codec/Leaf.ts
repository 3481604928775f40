/**
 * Leaf element codecs: an element with text content only (`<basic>open</basic>`), and an empty element standing for a
 * constant (`<rpid:away/>`).
 *
 * @since 0.2.0
 */
import * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { isElement, isNamed, make, showName, unexpectedAttribute, type XmlCodec } from './Codec.js'
import { expected } from './DecodeError.js'
import type { ValueCodec } from './Value.js'

// Encoded elements without attributes or children share these (the AST is immutable): large documents encode with
// fewer objects for the garbage collector to move.
const NO_ATTRS: Readonly<Record<string, string>> = Object.freeze({})
const NO_CHILDREN: ReadonlyArray<Xml.Node> = Object.freeze([])

const wrongElement = <A>(u: unknown, c: t.Context, name: Xml.QName): t.Validation<A> =>
  isElement(u)
    ? t.failure(u, c, `expected element ${showName(name)}, got ${showName(u.name)}`)
    : t.failure(u, c, expected(`element ${showName(name)}`, u))

const noAttributes = (u: Xml.Element, c: t.Context): t.Validation<never> | undefined => {
  for (const k in u.attrs) return t.failures([unexpectedAttribute(c, k, u.attrs[k])])
  return undefined
}

/**
 * An element with text content only and no attributes, read with a value codec: `<basic>open</basic>`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const textElement = <A>(name: Xml.QName, value: ValueCodec<A>): XmlCodec<A> => {
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isElement(u) || !isNamed(u, name)) return wrongElement(u, c, name)
    const cs = u.children
    let s = ''
    // the usual leaf holds one text node: its value as it is
    if (cs.length === 1 && cs[0]._tag === 'Text') s = cs[0].value
    else
      for (const ch of cs) {
        if (ch._tag === 'Element') return t.failure(ch, c, `expected text only, got element ${showName(ch.name)}`)
        s += ch.value
      }
    return noAttributes(u, c) ?? value.validate(s, c)
  }
  const encode = (a: A): Xml.Element => {
    const s = value.encode(a)
    return { _tag: 'Element', name, attrs: NO_ATTRS, children: s === '' ? NO_CHILDREN : [{ _tag: 'Text', value: s }] }
  }
  return make(value.name, [name], value.is, validate, encode)
}

/**
 * An empty element that stands for a constant: `<rpid:away/>` as `'away'`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const empty = <A extends string | number | boolean>(name: Xml.QName, value: A): XmlCodec<A> => {
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isElement(u) || !isNamed(u, name)) return wrongElement(u, c, name)
    for (const ch of u.children)
      if (ch._tag === 'Element' || !Xml.isWhitespace(ch.value)) return t.failure(u, c, `expected an empty element, got content`)
    return noAttributes(u, c) ?? t.success(value)
  }
  return make(
    showName(name),
    [name],
    (u): u is A => u === value,
    validate,
    () => ({ _tag: 'Element', name, attrs: NO_ATTRS, children: NO_CHILDREN })
  )
}
