import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/policy/Uri.js'

describe('Uri', () => {
  it('SIP URIs: scheme and host case-insensitively, the user exactly (percent-decoded), the rest as written', () => {
    assert.ok(_.sameUri('sip:bob@EXAMPLE.com', 'SIP:bob@example.com'))
    assert.ok(_.sameUri('sip:b%6Fb@example.com', 'sip:bob@example.com'))
    assert.ok(!_.sameUri('sip:Bob@example.com', 'sip:bob@example.com'))
    assert.ok(!_.sameUri('sip:bob@example.com', 'sips:bob@example.com'))
    assert.ok(!_.sameUri('sip:bob@example.com:5060', 'sip:bob@example.com'))
    assert.ok(_.sameUri(' sip:bob@example.com ', 'sip:bob@example.com'))
    assert.ok(!_.sameUri('sip:%zz@example.com', 'sip:%zz@example.com'))
  })
  it('tel URIs without visual separators; other schemes exactly; never a URI and something else', () => {
    assert.ok(_.sameUri('tel:+1-212-555-1234', 'tel:+1(212)5551234'))
    assert.ok(_.sameUri('MAILTO:bob@example.net', 'mailto:bob@example.net'))
    assert.ok(!_.sameUri('mailto:Bob@example.net', 'mailto:bob@example.net'))
    assert.ok(!_.sameUri('tel:+12125551234', 'sip:+12125551234@example.com;user=phone'))
    assert.ok(!_.sameUri('x', 'y') && _.sameUri('x', 'x'))
    assert.ok(!_.sameUri(1 as never, 1 as never))
  })
  it('domains of identities, and domains compared as RFC 4745 §7.1.3 says', () => {
    assert.strictEqual(_.domainOf('sip:bob@Example.COM;transport=tcp'), 'example.com')
    assert.strictEqual(_.domainOf('mailto:bob@example.net'), 'example.net')
    assert.strictEqual(_.domainOf('tel:+12125551234'), undefined)
    assert.strictEqual(_.domainOf('nothing'), undefined)
    assert.strictEqual(_.schemeOf('SIPS:x@y'), 'sips')
    assert.ok(_.sameDomain('bücher.example', 'xn--bcher-kva.example'))
    assert.ok(_.sameDomain('Example.COM', 'example.com.'))
    assert.strictEqual(_.asciiDomain('exa mple.com'), undefined)
    assert.ok(!_.sameDomain('', ''))
  })
})
