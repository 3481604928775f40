import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/IsComposing.js'
import { report } from '../../src/codec/DecodeError.js'
import { byContentType } from '../../src/formats/index.js'
import { decodeOk } from '../util.js'

const decode = decodeOk(_.document)
const NS = _.NS

describe('IsComposing', () => {
  describe('RFC 3994 §5 examples', () => {
    it('an active indication', () => {
      assert.deepStrictEqual(
        decode(`<?xml version="1.0" encoding="UTF-8"?>
<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:ietf:params:xml:ns:im-composing iscomposing.xsd">
  <state>active</state>
  <contenttype>text/plain</contenttype>
  <refresh>90</refresh>
</isComposing>`),
        {
          otherAttrs: { '{http://www.w3.org/2001/XMLSchema-instance}schemaLocation': 'urn:ietf:params:xml:ns:im-composing iscomposing.xsd' },
          state: 'active',
          contenttype: 'text/plain',
          refresh: 90,
          other: []
        }
      )
    })
    it('an idle indication', () => {
      const v = decode(
        `<isComposing xmlns="${NS}"><state>idle</state><lastactive>2003-01-27T10:43:00Z</lastactive><contenttype>audio</contenttype></isComposing>`
      )
      assert.deepStrictEqual(v, { state: 'idle', lastactive: '2003-01-27T10:43:00Z', contenttype: 'audio', other: [] })
      assert.strictEqual(_.effectiveState(v), 'idle')
    })
  })
  describe('state', () => {
    it('decodes an unknown state and treats it as idle', () => {
      const v = decode(`<isComposing xmlns="${NS}"><state>typing</state></isComposing>`)
      assert.strictEqual(v.state, 'typing')
      assert.strictEqual(_.effectiveState(v), 'idle')
      assert.strictEqual(_.effectiveState(decode(`<isComposing xmlns="${NS}"><state> active </state></isComposing>`)), 'active')
    })
  })
  describe('errors', () => {
    it('renders paths and messages', () => {
      const r = _.document.decode(
        `<isComposing xmlns="${NS}"><state>active</state><lastactive>yesterday</lastactive><refresh>0</refresh><bogus/></isComposing>`
      )
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), [
        `/isComposing/bogus[1]: expected no element <{${NS}}bogus> here, got one`,
        '/isComposing/lastactive: expected an xs:dateTime, got "yesterday"',
        '/isComposing/refresh: expected an xs:positiveInteger, got "0"'
      ])
    })
    it('requires a state', () => {
      const r = _.document.decode(`<isComposing xmlns="${NS}"/>`)
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), [`/isComposing: expected a child <{${NS}}state>, got nothing`])
    })
    it('reports not-well-formed input with line and column', () => {
      const r = _.document.decode(`<isComposing xmlns="${NS}">\n<state>active</stat></isComposing>`)
      assert.ok(E.isLeft(r))
      assert.match(report(r.left)[0], /^line 2, column \d+: not well-formed XML: /)
    })
  })
  describe('constructors', () => {
    it('builds active and idle indications that encode to valid documents', () => {
      const a = _.active({ contenttype: 'text/plain', refresh: 90 })
      assert.deepStrictEqual(decode(_.document.encode(a)), a)
      const i = _.idle({ lastactive: new Date(Date.UTC(2026, 10, 24, 9, 0, 0)) })
      assert.deepStrictEqual(i, { state: 'idle', lastactive: '2026-11-24T09:00:00.000Z', other: [] })
      assert.deepStrictEqual(decode(_.document.encode(i)), i)
    })
    it('encodes with the namespace as default and the schema order', () => {
      const text = _.document.encode(_.active({ refresh: 60, contenttype: 'text/html', lastactive: '2026-01-01T00:00:00Z' }))
      assert.strictEqual(
        text,
        `<?xml version="1.0" encoding="UTF-8"?><isComposing xmlns="${NS}"><state>active</state><lastactive>2026-01-01T00:00:00Z</lastactive><contenttype>text/html</contenttype><refresh>60</refresh></isComposing>`
      )
    })
  })
  describe('optics', () => {
    it('edit the fields and remove optional ones', () => {
      const v = _.active({ refresh: 90 })
      assert.deepStrictEqual(_.refresh.set(120)(v).refresh, 120)
      assert.ok(!('refresh' in _.refresh.set(undefined)(v)))
      assert.strictEqual(_.state.get(_.state.set('idle')(v)), 'idle')
    })
  })
  describe('registry', () => {
    it('is found by content type, with parameters and any case', () => {
      assert.strictEqual(byContentType('Application/IM-isComposing+XML; charset=UTF-8')?.id, 'iscomposing')
    })
  })
})
