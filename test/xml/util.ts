import * as assert from 'node:assert'
import * as Ast from '../../src/xml/Ast.js'
import { parse, renderParseError, type ParseOptions } from '../../src/xml/Parser.js'

/** Parses, failing the test with the rendered error when the input does not parse. */
export const ok = (input: string | Uint8Array, options?: ParseOptions): Ast.Element => {
  const r = parse(input, options)
  if (r._tag === 'Left') assert.fail(renderParseError(r.left))
  return r.right
}

/** A terse element constructor for expected trees. */
export const el = (ns: string, local: string, attrs: Record<string, string> = {}, children: Array<Ast.Node> = []) =>
  Ast.element({ ns, local }, attrs, children)

/** A text node. */
export const t = Ast.text
