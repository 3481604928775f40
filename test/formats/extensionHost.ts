import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { it } from 'vitest'
import * as C from '../../src/codec/Element.js'
import { report } from '../../src/codec/DecodeError.js'
import type * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'
import { deepStrictEqual } from '../util.js'

/** A local host element named like a real one, with one extension point and an open `other` slot. */
export const hostAt =
  (name: Xml.QName, own: ReadonlyArray<string>) =>
  <X>(ext: Ext.Extension<X, string>) =>
    C.element(name, { id: C.optionalAttr('id', V.id), ext: C.extension(ext), other: C.other(Xml.notIn(...own)) })

/** The neutral local host of the extension contract. */
export const Host = <X>(ext: Ext.Extension<X, string>) =>
  C.element(Xml.qname('urn:example:host')('host'), { ext: C.extension(ext), other: C.other() })

/** The law that an extension's generated values decode(encode(x)) = x through the neutral host, as a vitest case. */
export const roundTripThroughHost = <X>(name: string, ext: Ext.Extension<X, string>, arb: fc.Arbitrary<X>): void =>
  it(`${name}: decode(encode(x)) = x through a host`, () => {
    const host = Host(ext)
    fc.assert(
      fc.property(arb, (x) => {
        const value = { ext: x, other: [] }
        assert.ok(host.is(value), 'generated values pass the guard')
        const r = host.decode(host.encode(value))
        assert.ok(r._tag === 'Right', r._tag === 'Left' ? report(r.left).join('\n') : '')
        deepStrictEqual(r.right as unknown, value)
      })
    )
  })
