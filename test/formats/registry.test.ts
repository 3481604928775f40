import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as C from '../../src/codec/Element.js'
import * as Doc from '../../src/codec/Document.js'
import { report } from '../../src/codec/DecodeError.js'
import * as V from '../../src/codec/Value.js'
import * as _ from '../../src/formats/index.js'
import { registrations, registry as lawRegistry } from '../../laws/registry.js'

// three made-up formats sharing one media type, as common-policy, pres-rules and dialog-rules share
// application/auth-policy+xml
const shared = 'application/x-shared+xml'
const rootCodec = (ns: string) => C.element({ ns, local: 'ruleset' }, { id: C.optionalAttr('id', V.token) })
const one = Doc.xml(rootCodec('urn:example:one'), { id: 'one', contentType: shared, title: 'one' })
const two = Doc.xml(rootCodec('urn:example:two'), { id: 'two', contentType: shared, title: 'two' })
const three = { ...Doc.xml(rootCodec('urn:example:one'), { id: 'three', contentType: shared, title: 'three' }), auid: 'three-auid' }
const among = [one, two, three]

describe('formats registry', () => {
  it('is the one list: every format has laws and every law set names a format', () => {
    assert.deepStrictEqual(Object.keys(registrations), Object.keys(_.registry))
    assert.deepStrictEqual(lawRegistry.map((r) => r.format), _.formats.map((f) => f.id))
    for (const [id, reg] of Object.entries(registrations)) {
      assert.strictEqual(reg.format, id)
      assert.strictEqual(reg.codec, _.byId(id))
    }
  })
  it('finds formats by id and media type, parameters and case ignored', () => {
    assert.strictEqual(_.byId('pidf')?.id, 'pidf')
    assert.strictEqual(_.byId('nope'), undefined)
    assert.strictEqual(_.byId('__proto__'), undefined)
    assert.strictEqual(_.byContentType('Application/PIDF+XML; charset=UTF-8')?.id, 'pidf')
    assert.deepStrictEqual(_.byMediaType('application/watcherinfo+xml').map((f) => f.id), ['watcherinfo'])
    assert.deepStrictEqual(_.byMediaType('not a media type'), [])
  })
  it('tells formats that share a media type apart by the root element', () => {
    const r = _.decodeBody(`${shared}; charset=utf-8`, '<ruleset xmlns="urn:example:two" id="x"/>', { among })
    assert.ok(E.isRight(r))
    assert.deepStrictEqual(r.right, { format: 'two', value: { id: 'x' } })
    const bad = _.decodeBody(shared, '<ruleset xmlns="urn:example:zzz"/>', { among })
    assert.ok(E.isLeft(bad))
    assert.deepStrictEqual(report(bad.left), [
      'expected a root element of <{urn:example:one}ruleset> | <{urn:example:two}ruleset> | <{urn:example:one}ruleset>, got <{urn:example:zzz}ruleset>'
    ])
  })
  it('and by the XCAP application usage when the root does not tell', () => {
    // without it, the first listed
    const amb = _.formatOf(shared, '<ruleset xmlns="urn:example:one"/>', { among })
    assert.ok(E.isRight(amb) && amb.right.id === 'one')
    const r = _.formatOf(shared, '<ruleset xmlns="urn:example:one"/>', { among, auid: 'three-auid' })
    assert.ok(E.isRight(r) && r.right.id === 'three')
  })
  it('decodes a registered body by its content type, and refuses an unknown one', () => {
    const r = _.decodeBody('application/im-iscomposing+xml', '<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>idle</state></isComposing>')
    assert.ok(E.isRight(r) && r.right.format === 'iscomposing')
    const u = _.decodeBody('application/x-unknown', '<a/>')
    assert.ok(E.isLeft(u))
    assert.deepStrictEqual(report(u.left), ['expected a media type of a known format, got "application/x-unknown"'])
  })
})
