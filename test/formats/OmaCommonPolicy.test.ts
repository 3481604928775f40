import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/OmaCommonPolicy.js'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as Xml from '../../src/xml/Ast.js'
import { report } from '../../src/codec/DecodeError.js'

const el = Xml.qname(_.NS)
const Conditions = CommonPolicy.conditionsWith(_.conditions)
const cond = (...children: ReadonlyArray<Xml.Element>): Xml.Element => Xml.element({ ns: CommonPolicy.NS, local: 'conditions' }, {}, children)
const decode = (e: Xml.Element): CommonPolicy.Conditions<_.ConditionsExt> => {
  const r = Conditions.decode(e)
  if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
  return r.right
}
const errors = (e: Xml.Element): ReadonlyArray<string> => {
  const r = Conditions.decode(e)
  if (E.isRight(r)) assert.fail('expected an error')
  return report(r.left)
}

describe('OmaCommonPolicy', () => {
  it('external-list entries keep their anchors and any other attribute', () => {
    const v = decode(
      cond(
        Xml.element(el('external-list'), {}, [
          Xml.element(el('entry'), { anc: 'https://xcap.example.com/a', '{urn:example:x}note': 'n', plain: 'p' }, []),
          Xml.element(el('entry'), {}, [])
        ])
      )
    )
    assert.deepStrictEqual(v.ext, { externalList: [{ anc: 'https://xcap.example.com/a', otherAttrs: { '{urn:example:x}note': 'n', plain: 'p' } }, {}] })
    assert.deepStrictEqual(_.anchorsOf(v.ext), ['https://xcap.example.com/a'])
    assert.ok(Xml.equals(Conditions.encode(v), cond(Xml.element(el('external-list'), {}, [Xml.element(el('entry'), { anc: 'https://xcap.example.com/a', '{urn:example:x}note': 'n', plain: 'p' }, []), Xml.element(el('entry'), {}, [])]))))
  })
  it('an empty external-list is not an absent one', () => {
    assert.deepStrictEqual(decode(cond(Xml.element(el('external-list'), {}, []))).ext, { externalList: [] })
    assert.deepStrictEqual(decode(cond()).ext, {})
  })
  it('other-identity and anonymous-request are flags, beside common-policy conditions in any order', () => {
    const v = decode(
      cond(Xml.element(el('other-identity'), {}, []), Xml.element({ ns: CommonPolicy.NS, local: 'sphere' }, { value: 'work' }, []), Xml.element(el('anonymous-request'), {}, []))
    )
    assert.deepStrictEqual(v.ext, { otherIdentity: true, anonymousRequest: true })
    assert.deepStrictEqual(v.sphere, { value: 'work' })
    assert.deepStrictEqual(v.order, [`{${_.NS}}other-identity`, `{${CommonPolicy.NS}}sphere`, `{${_.NS}}anonymous-request`])
    assert.deepStrictEqual(Conditions.decode(Conditions.encode(v)), E.right(v))
  })
  it('errors: content in an empty condition, an unknown OMA element, an entry with content', () => {
    assert.deepStrictEqual(errors(cond(Xml.element(el('other-identity'), { x: '1' }, []))), ['/other-identity/@x: expected no attribute x here, got "1"'])
    assert.deepStrictEqual(errors(cond(Xml.element(el('friends-only'), {}, []))), [
      '/friends-only[1]: expected no element <{urn:oma:xml:xdm:common-policy}friends-only> here, got one'
    ])
    assert.deepStrictEqual(errors(cond(Xml.element(el('external-list'), {}, [Xml.element(el('entry'), {}, [Xml.text('x')])]))), [
      '/external-list/entry[1]: expected element-only content, got text "x"'
    ])
  })
  it('constructors', () => {
    assert.deepStrictEqual(_.externalList(['https://a', 'https://b']), [{ anc: 'https://a' }, { anc: 'https://b' }])
    assert.deepStrictEqual(_.entry(5 as never), {})
    assert.deepStrictEqual(_.externalList([1, 'x'] as never), [{ anc: 'x' }])
    assert.deepStrictEqual(_.anchorsOf(null as never), [])
  })
  it('externalListOf is a lens on the conditions extension', () => {
    const ext: _.ConditionsExt = { otherIdentity: true }
    assert.strictEqual(_.externalListOf.get(ext), undefined)
    assert.deepStrictEqual(_.externalListOf.set([_.entry('https://a')])(ext), { otherIdentity: true, externalList: [{ anc: 'https://a' }] })
    assert.deepStrictEqual(_.externalListOf.set(undefined)({ externalList: [] }), {})
  })
})
