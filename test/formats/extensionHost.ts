import * as C from '../../src/codec/Element.js'
import type * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'

/** A local host element named like a real one, with one extension point and an open `other` slot. */
export const hostAt =
  (name: Xml.QName, own: ReadonlyArray<string>) =>
  <X>(ext: Ext.Extension<X, string>) =>
    C.element(name, { id: C.optionalAttr('id', V.id), ext: C.extension(ext), other: C.other(Xml.notIn(...own)) })

/** The neutral local host of the extension contract. */
export const Host = <X>(ext: Ext.Extension<X, string>) =>
  C.element(Xml.qname('urn:example:host')('host'), { ext: C.extension(ext), other: C.other() })
