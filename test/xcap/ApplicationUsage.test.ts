import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/xcap/ApplicationUsage.js'

const rl = _.applicationUsage({ auid: 'resource-lists', namespace: 'urn:ietf:params:xml:ns:resource-lists', mimeType: 'application/resource-lists+xml' })
const caps = _.applicationUsage({ auid: 'xcap-caps', namespace: 'urn:ietf:params:xml:ns:xcap-caps', mimeType: 'application/xcap-caps+xml', tree: 'global' })
const icon = _.applicationUsage({ auid: 'org.openmobilealliance.pres-content', namespace: 'urn:oma:xml:prs:pres-content', mimeType: 'application/vnd.oma.pres-content+xml', document: 'oma_status-icon/index' })

describe('ApplicationUsage', () => {
  it('documentUri: users tree with the XUI as one path segment, global tree, document paths with directories', () => {
    assert.strictEqual(_.documentUri('https://xcap.example.com/xcap-root/', rl, 'sip:alice@example.com'), 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index')
    assert.strictEqual(_.documentUri('http://127.0.0.1:25080/xcap-root', caps), 'http://127.0.0.1:25080/xcap-root/xcap-caps/global/index')
    assert.strictEqual(_.documentUri('http://x/root', icon, 'sip:bob@example.com'), 'http://x/root/org.openmobilealliance.pres-content/users/sip:bob@example.com/oma_status-icon/index')
    assert.strictEqual(_.documentUri('http://x/root', rl, 'sip:a@example.com', 'my lists/friends'), 'http://x/root/resource-lists/users/sip:a@example.com/my%20lists/friends')
  })
  it('encodeSegment escapes what a path segment cannot hold, as UTF-8, and keeps : and @', () => {
    assert.strictEqual(_.encodeSegment('sip:a/b@example.com'), 'sip:a%2Fb@example.com')
    assert.strictEqual(_.encodeSegment('tel:+1 (555)?#%'), 'tel:+1%20(555)%3F%23%25')
    assert.strictEqual(_.encodeSegment('sip:jörg@example.com'), 'sip:j%C3%B6rg@example.com')
  })
  it('defaults to the users tree and the index document', () => {
    assert.deepStrictEqual({ tree: rl.tree, document: rl.document }, { tree: 'users', document: 'index' })
  })
})
