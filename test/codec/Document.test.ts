import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/codec/Document.js'
import { decodeResult } from '../../src/codec/index.js'
import * as IsComposing from '../../src/formats/IsComposing.js'
import * as MessageSummary from '../../src/formats/MessageSummary.js'

const NS = 'urn:ietf:params:xml:ns:im-iscomposing'

describe('Document', () => {
  describe('decodeResult', () => {
    it('a valid document: ok and the value, the same as decode', () => {
      const body = `<isComposing xmlns="${NS}"><state>active</state><refresh>60</refresh></isComposing>`
      const r = _.decodeResult(IsComposing.document, body)
      assert.deepStrictEqual(r, { ok: true, value: (IsComposing.document.decode(body) as { right: unknown }).right })
      assert.ok(r.ok && r.value.state === 'active')
    })

    it('an invalid document: the problems and their rendered lines', () => {
      const r = _.decodeResult(IsComposing.document, `<isComposing xmlns="${NS}"><state>active</state><refresh>0</refresh></isComposing>`)
      assert.strictEqual(r.ok, false)
      assert.ok(!r.ok)
      assert.deepStrictEqual(r.errors, ['/isComposing/refresh: expected an xs:positiveInteger, got "0"'])
      assert.strictEqual(r.problems.length, 1)
    })

    it('not XML, bytes, options and text formats', () => {
      const r = _.decodeResult(IsComposing.document, '<isComposing')
      assert.ok(!r.ok && r.errors[0].startsWith('line 1, column'))
      const bytes = new TextEncoder().encode(`<isComposing xmlns="${NS}"><state>idle</state></isComposing>`)
      assert.ok(decodeResult(IsComposing.document, bytes).ok)
      const big = _.decodeResult(IsComposing.document, bytes, { maxBytes: 10 })
      assert.deepStrictEqual(big.ok ? [] : big.errors, [`expected at most 10 bytes, got ${bytes.length}`])
      const ms = decodeResult(MessageSummary.document, 'Messages-Waiting: yes\r\n')
      assert.ok(ms.ok && ms.value.messagesWaiting)
    })

    it('never throws on what is not a document', () => {
      const r = _.decodeResult(IsComposing.document, 42 as unknown as string)
      assert.deepStrictEqual(r.ok ? [] : r.errors, ['expected a document (a string or UTF-8 bytes), got number'])
    })
  })
})
