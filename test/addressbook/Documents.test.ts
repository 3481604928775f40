import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as _ from '../../src/addressbook/Documents.js'
import { deepStrictEqual } from '../util.js'

const ctx = _.context({ root: 'https://xcap.example.com/xcap-root/', xui: 'sip:alice@example.com' })

describe('Documents', () => {
  describe('context', () => {
    it('drops the trailing / of the root and fills in the defaults', () => {
      deepStrictEqual(ctx, {
        root: 'https://xcap.example.com/xcap-root',
        xui: 'sip:alice@example.com',
        appNamespace: 'urn:ag-projects:sipsimple:xml:ns:addressbook',
        supported: _.NAMES,
        uriStyle: 'plain'
      })
    })
    it('keeps the supported documents in write order, and is total', () => {
      deepStrictEqual(_.context({ root: 'r', xui: 'x', supported: ['status-icon', 'resource-lists'] }).supported, ['resource-lists', 'status-icon'])
      const odd = _.context({ root: 42, xui: null, appNamespace: '', uriStyle: 'odd', supported: 'all' } as never)
      deepStrictEqual([odd.root, odd.xui, odd.appNamespace, odd.uriStyle, odd.supported], ['', '', 'urn:ag-projects:sipsimple:xml:ns:addressbook', 'plain', _.NAMES])
    })
  })

  describe('supports', () => {
    it('says whether the server has a document', () => {
      const c = _.context({ root: 'r', xui: 'x', supported: ['resource-lists'] })
      deepStrictEqual([_.supports(c, 'resource-lists'), _.supports(c, 'dialog-rules')], [true, false])
    })
  })

  describe('nameOfAuid', () => {
    it('maps capabilities to documents', () => {
      deepStrictEqual(
        ['org.openmobilealliance.pres-rules', 'org.openxcap.dialog-rules', 'pidf-manipulation', 'pres-rules', 'xcap-caps'].map(_.nameOfAuid),
        ['pres-rules', 'dialog-rules', 'pidf-manipulation', undefined, undefined]
      )
    })
  })

  describe('documentUrl, documentPath', () => {
    it('builds the URIs of the reference (the XUI written literally, the icon under oma_status-icon)', () => {
      deepStrictEqual(
        _.NAMES.map((n) => _.documentPath(ctx, n)),
        [
          'resource-lists/users/sip:alice@example.com/index',
          'rls-services/users/sip:alice@example.com/index',
          'org.openmobilealliance.pres-rules/users/sip:alice@example.com/index',
          'org.openxcap.dialog-rules/users/sip:alice@example.com/index',
          'pidf-manipulation/users/sip:alice@example.com/index',
          'org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index'
        ]
      )
      assert.strictEqual(_.documentUrl(ctx, 'rls-services'), 'https://xcap.example.com/xcap-root/rls-services/users/sip:alice@example.com/index')
    })
  })

  describe('listUrl', () => {
    it('is the document URI and the node selector of the list, percent-encoded where a URI needs it', () => {
      assert.strictEqual(
        _.listUrl(ctx, 'oma_grantedcontacts'),
        'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22oma_grantedcontacts%22%5D'
      )
    })
  })

  describe('accountParts', () => {
    it('splits the XUI', () => {
      deepStrictEqual(_.accountParts(ctx), { user: 'alice', domain: 'example.com' })
      deepStrictEqual(_.accountParts(_.context({ root: 'r', xui: 'alice' })), { user: 'alice', domain: '' })
    })
  })

  describe('encodeUri, decodeUri, sameUri', () => {
    it("writes python3-sipsimple's spelling, and reads it back", () => {
      assert.strictEqual(_.encodeUri('sip:bob@example.com;transport=tls', 'sipsimple'), 'sip%3Abob%40example.com%3Btransport%3Dtls')
      assert.strictEqual(_.encodeUri('tel:+1 555~x/é', 'sipsimple'), 'tel%3A%2B1%20555~x/%C3%A9')
      assert.strictEqual(_.decodeUri('tel%3A%2B1%20555~x/%C3%A9'), 'tel:+1 555~x/é')
    })
    it('writes plain URIs as they are, escaping only %, white space and what XML cannot hold', () => {
      assert.strictEqual(_.encodeUri('sip:bob@example.com', 'plain'), 'sip:bob@example.com')
      assert.strictEqual(_.encodeUri('sip:%41 b\tc\u0001', 'plain'), 'sip:%2541%20b%09c%01')
      assert.strictEqual(_.encodeUri('a\ud800b', 'plain'), 'a%EF%BF%BDb')
    })
    it('leaves escapes that are not UTF-8 as written, and is total', () => {
      assert.strictEqual(_.decodeUri('sip:%FF%41@x%zz'), 'sip:%FF%41@x%zz')
      assert.strictEqual(_.decodeUri('%41%42'), 'AB')
      assert.strictEqual(_.decodeUri(7 as never), '')
      assert.strictEqual(_.encodeUri(null as never, 'plain'), '')
    })
    it('compares decoded values', () => {
      assert.ok(_.sameUri('sip%3Abob%40example.com', 'sip:bob@example.com'))
      assert.ok(!_.sameUri('sip:bob@example.com', 'sip:Bob@example.com'))
    })
    for (const style of ['plain', 'sipsimple'] as const)
      it(`reads back what it writes (${style})`, () => {
        for (const s of ['', '%', '%%41', 'a b', ' lead', 'x\u00a0y', 'sip:a%20b@x', '😀', 'tel:+1;ext=2?x=%3A'])
          assert.strictEqual(_.decodeUri(_.encodeUri(s, style)), s, JSON.stringify(s))
      })
  })

  describe('codecs, encode, same, tree, printTree', () => {
    it('reads and writes each document', () => {
      const rls = '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"/>'
      const r = _.read(ctx, 'rls-services', rls)
      assert.ok(E.isRight(r))
      assert.strictEqual(_.encode(ctx, 'rls-services', r.right.value), '<?xml version="1.0" encoding="UTF-8"?><rls-services xmlns="urn:ietf:params:xml:ns:rls-services"/>')
      assert.ok(_.same(ctx, 'rls-services', r.right.value, { services: [] }))
      assert.ok(!_.same(ctx, 'rls-services', r.right.value, undefined))
      const t = _.tree(ctx, 'rls-services', r.right.value)
      assert.ok(t !== undefined)
      assert.strictEqual(_.printTree(t), _.encode(ctx, 'rls-services', r.right.value))
      assert.strictEqual(_.codecs(ctx)['status-icon'].contentType, 'application/vnd.oma.pres-content+xml')
    })
    it('reads the shared settings of the configured application', () => {
      const blink = 'urn:ag-projects:blink:xml:ns:addressbook'
      assert.strictEqual(_.resourceListsCodec(blink), _.resourceListsCodec(blink))
      const doc = `<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists" xmlns:ab="urn:ag-projects:xml:ns:addressbook" xmlns:b="${blink}"><list name="sipsimple_addressbook"><ab:group id="g"><ab:name>G</ab:name><ab:contacts/><b:attributes><b:attribute name="x">1</b:attribute></b:attributes></ab:group></list></resource-lists>`
      const ours = _.read(ctx, 'resource-lists', doc)
      const theirs = _.read(_.context({ root: 'r', xui: 'x', appNamespace: blink }), 'resource-lists', doc)
      assert.ok(E.isRight(ours) && E.isRight(theirs))
      deepStrictEqual(ours.right.value.lists[0].ext.groups[0].attributes, undefined)
      deepStrictEqual(ours.right.value.lists[0].ext.groups[0].other.length, 1)
      deepStrictEqual(theirs.right.value.lists[0].ext.groups[0].attributes, [{ name: 'x', value: '1' }])
    })
  })

  describe('read', () => {
    it('renders parse and decode errors', () => {
      deepStrictEqual(_.read(ctx, 'rls-services', '<rls-services'), E.left(['/: line 1, column 14: unexpected end of input in a start tag']))
      deepStrictEqual(_.read(ctx, 'rls-services', '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service/></rls-services>'), E.left([
          '/rls-services/service[1]: expected attribute uri, got nothing',
          '/rls-services/service[1]: expected at least 1 <{urn:ietf:params:xml:ns:rls-services}resource-list> | <{urn:ietf:params:xml:ns:rls-services}list>, got 0'
        ]))
    })
    it('takes out of a rules document the rules the address book does not own, and keeps the best of several sub-handlings', () => {
      const text = `<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">
        <rule id="someone_elses"><conditions><garbage xmlns="urn:x"/></conditions><actions><pr:sub-handling>nonsense</pr:sub-handling></actions></rule>
        <rule id="wp_prs_unlisted"><actions><pr:sub-handling>confirm</pr:sub-handling><pr:sub-handling>bogus</pr:sub-handling><pr:sub-handling>polite-block</pr:sub-handling></actions></rule>
        <rule id="wp_prs_block_anonymous"><actions><pr:sub-handling>x</pr:sub-handling><pr:sub-handling>y</pr:sub-handling></actions></rule>
      </ruleset>`
      const r = _.read(ctx, 'pres-rules', text)
      assert.ok(E.isRight(r))
      deepStrictEqual(r.right.repaired, [
        'rule "someone_elses" is not the address book\'s: deleted',
        'rule "wp_prs_unlisted" has 3 sub-handlings: polite-block kept',
        'rule "wp_prs_block_anonymous" has 2 sub-handlings: none valid kept'
      ])
      deepStrictEqual(
        r.right.value.rules.map((x) => [x.id, x.actions?.ext.subHandling]),
        [
          ['wp_prs_unlisted', 'polite-block'],
          ['wp_prs_block_anonymous', undefined]
        ]
      )
    })
    it('reads leniently when asked, reporting what it dropped', () => {
      const text = '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"><service uri="sip:a@x"><resource-list>http://x</resource-list><bogus/></service><service/></rls-services>'
      deepStrictEqual(_.read(ctx, 'rls-services', text), E.left([
          '/rls-services/service[1]/bogus[1]: expected no element <{urn:ietf:params:xml:ns:rls-services}bogus> here, got one',
          '/rls-services/service[2]: expected attribute uri, got nothing',
          '/rls-services/service[2]: expected at least 1 <{urn:ietf:params:xml:ns:rls-services}resource-list> | <{urn:ietf:params:xml:ns:rls-services}list>, got 0'
        ]))
      deepStrictEqual(
        _.read(ctx, 'rls-services', text, { lenient: true }),
        E.right({
          value: { services: [{ uri: 'sip:a@x', resources: { _tag: 'ResourceList' as const, resourceList: 'http://x' }, other: [] }] },
          repaired: ['/rls-services/service[1]/bogus[1]: dropped (unexpected element <{urn:ietf:params:xml:ns:rls-services}bogus>)', '/rls-services/service[2]: dropped (expected attribute uri, got nothing)']
        })
      )
      // what lenient reading cannot read either stays an error
      deepStrictEqual(_.read(ctx, 'rls-services', '<other/>', { lenient: true })._tag, 'Left')
    })
    it('knows the rule ids of each rules document', () => {
      deepStrictEqual(_.RULE_IDS['dialog-rules'].length, 6)
      deepStrictEqual(_.REQUIRED, ['resource-lists', 'rls-services', 'pres-rules'])
    })
  })
})
