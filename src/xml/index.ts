/**
 * The XML layer: the immutable AST, the hardened sax-based parser, the printer and the canonical form.
 *
 * @since 0.1.0
 */

/**
 * The immutable XML AST.
 *
 * @category model
 * @since 0.1.0
 */
export * as Ast from './Ast.js'

/**
 * The parser from text to AST.
 *
 * @category parsing
 * @since 0.1.0
 */
export * as Parser from './Parser.js'

/**
 * The printer from AST to text.
 *
 * @category printing
 * @since 0.1.0
 */
export * as Printer from './Printer.js'

/**
 * Canonical serialisation and equivalence.
 *
 * @category printing
 * @since 0.1.0
 */
export * as Canonical from './Canonical.js'

export type { Element, Node, NsDecl, QName, Text } from './Ast.js'
export { element, equals, qname, text, XML_NS } from './Ast.js'
export { canonical, equivalent, equivalentText } from './Canonical.js'
export type { ParseError, ParseOptions } from './Parser.js'
export { parse, renderParseError } from './Parser.js'
export type { PrintOptions } from './Printer.js'
export { print } from './Printer.js'
