import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/XcapDiff.js'
import { deepStrictEqual } from '../util.js'

const NS = 'urn:ietf:params:xml:ns:xcap-diff'
const RL = 'urn:ietf:params:xml:ns:resource-lists'

const decoded = (text: string): _.XcapDiff => {
  const r = _.document.decode(text)
  assert.ok(r._tag === 'Right', JSON.stringify(r))
  return r.right
}

describe('XcapDiff', () => {
  it("an element change's selector prefixes are resolved through the namespaces in scope, and written back with it", () => {
    const text =
      `<d:xcap-diff xmlns:d="${NS}" xmlns:rl="${RL}" xcap-root="http://xcap.example.com/">` +
      `<d:element sel="resource-lists/users/sip:joe@example.com/index/~~/rl:resource-lists/rl:list%5b@name=%22friends%22%5d" exists="0"/>` +
      `</d:xcap-diff>`
    const v = decoded(text)
    const [change] = v.changes
    assert.ok(change._tag === 'Element')
    deepStrictEqual(change.element.bindings, [{ prefix: 'rl', uri: RL }])
    assert.strictEqual(_.exists(change.element), false)
    // the change moved into a document that binds rl to nothing keeps its meaning: the binding goes with it
    const again = decoded(_.document.encode({ ...v }))
    deepStrictEqual(again, v)
  })

  it('a prefix in a selector that nothing binds is an error at the element', () => {
    const r = _.document.decode(
      `<xcap-diff xmlns="${NS}" xcap-root="http://xcap.example.com/"><element sel="resource-lists/users/sip:joe@example.com/index/~~/x:resource-lists" exists="false"/></xcap-diff>`
    )
    assert.ok(r._tag === 'Left')
    assert.match(JSON.stringify(r.left), /prefix 'x'/)
  })

  it('encode is total on values that are not xcap-diff values: a selector that is not a string reads no prefixes', () => {
    // found by the hostile law: `sel` mutated to a number made the bindings field call string methods on it
    const hostile = {
      xcapRoot: 'http://xcap.example.com/',
      changes: [{ _tag: 'Element', element: { sel: -1, exists: 'true', content: [{ _tag: 'Text', value: 'x' }] } }],
      other: []
    } as unknown as _.XcapDiff
    assert.strictEqual(_.document.is(hostile), false)
    assert.strictEqual(typeof _.document.encode(hostile), 'string')
  })

  it('encode is total on values that are not xcap-diff values: bindings that are not declarations are not written', () => {
    // found by the hostile law: a binding mutated to null made the bindings field read `prefix` of null
    const sel = 'resource-lists/users/sip:joe@example.com/index/~~/rl:resource-lists'
    const rl = { prefix: 'rl', uri: RL }
    for (const junk of [null, undefined, 0, 'rl', [], {}, { prefix: 1, uri: RL }, { prefix: 'rl' }, { prefix: 'xml', uri: 'urn:x' }]) {
      for (const bindings of [[junk], [rl, junk], [junk, rl]]) {
        const hostile = {
          xcapRoot: 'http://xcap.example.com/',
          changes: [{ _tag: 'Element', element: { sel, exists: 'false', bindings, content: [] } }],
          other: []
        } as unknown as _.XcapDiff
        assert.strictEqual(_.document.is(hostile), false, JSON.stringify(bindings))
        const text = _.document.encode(hostile)
        // what is written is a document, and the declaration that is one is written
        const r = _.document.decodeLenient(text)
        assert.ok(r._tag === 'Right', text)
        if (bindings.includes(rl)) assert.match(text, /xmlns:rl="urn:ietf:params:xml:ns:resource-lists"/)
      }
    }
  })

  it('content in a namespace whose root prefix a change rebinds round-trips without declarations of its own', () => {
    // found by the hostile law: the root binds p to resource-lists, a change binds p to another namespace for its
    // selector, and its content is in resource-lists; the content came back with a declaration the value did not have
    for (const xmlns of [undefined, [{ prefix: 'p', uri: RL }]]) {
      const v = {
        ...(xmlns === undefined ? {} : { xmlns }),
        xcapRoot: 'http://xcap.example.com/',
        changes: [
          {
            _tag: 'Element',
            element: {
              sel: 'resource-lists/users/sip:a@example.com/index/~~/p:a',
              exists: 'true',
              bindings: [{ prefix: 'p', uri: 'urn:other' }],
              content: [{ _tag: 'Element', name: { ns: RL, local: 'a' }, attrs: {}, children: [] }]
            }
          },
          {
            _tag: 'Element',
            element: {
              sel: 'resource-lists/users/sip:a@example.com/index/~~/rl:a',
              exists: 'true',
              bindings: [{ prefix: 'rl', uri: 'urn:other' }],
              content: [{ _tag: 'Element', name: { ns: RL, local: 'b' }, attrs: {}, children: [] }]
            }
          }
        ],
        other: []
      } as unknown as _.XcapDiff
      assert.ok(_.document.is(v))
      deepStrictEqual(decoded(_.document.encode(v)), v)
    }
  })
})
