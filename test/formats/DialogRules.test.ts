import * as assert from 'node:assert'
import { fileURLToPath } from 'node:url'
import * as O from '#fp-ts/Option'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/DialogRules.js'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as OmaCommonPolicy from '../../src/formats/OmaCommonPolicy.js'
import * as PresRules from '../../src/formats/PresRules.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import { hasXmllint, xmllint } from '../../laws/Node.js'
import { dialogRule, registration } from '../../laws/formats/DialogRules.js'
import { decodeErrors, decodeOk, requireOrSkip } from '../util.js'

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const SCHEMAS = ['common-policy.xsd', 'dialog-rules.xsd', 'oma-common-policy.xsd']

// There is no dialog-rules document in the corpus: these are written from dialog-rules.xsd and the reference client's
// rules (the XCAP address book reference, §2.5).

// 1. The reference client's document: five canonical rules, OMA conditions, dr:sub-handling.
const REFERENCE = `<?xml version="1.0" encoding="UTF-8"?>
<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:dr="urn:ag-projects:xml:ns:dialog-rules" xmlns:ocp="urn:oma:xml:xdm:common-policy">
  <cp:rule id="wp_dlg_grantedcontacts">
    <cp:conditions>
      <ocp:external-list>
        <ocp:entry anc="https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22dialog_grantedcontacts%22%5D"/>
      </ocp:external-list>
    </cp:conditions>
    <cp:actions><dr:sub-handling>allow</dr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_dlg_blockedcontacts">
    <cp:conditions>
      <ocp:external-list>
        <ocp:entry anc="https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22dialog_blockedcontacts%22%5D"/>
      </ocp:external-list>
    </cp:conditions>
    <cp:actions><dr:sub-handling>polite-block</dr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_dlg_unlisted">
    <cp:conditions><ocp:other-identity/></cp:conditions>
    <cp:actions><dr:sub-handling>confirm</dr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_dlg_block_anonymous">
    <cp:conditions><ocp:anonymous-request/></cp:conditions>
    <cp:actions><dr:sub-handling>block</dr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_dlg_allow_own">
    <cp:conditions><cp:identity><cp:one id="sip:alice@example.com"/></cp:identity></cp:conditions>
    <cp:actions><dr:sub-handling>allow</dr:sub-handling></cp:actions>
  </cp:rule>
</cp:ruleset>
`

// 2. A user's own rules, default namespace common policy: the office may watch my calls during office hours, a
// domain is blocked but for one colleague, and a vendor's extra action stays where it was.
const OFFICE = `<?xml version="1.0" encoding="UTF-8"?>
<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:dr="urn:ag-projects:xml:ns:dialog-rules" xmlns:v="urn:example:vendor">
  <rule id="office_hours">
    <conditions>
      <identity>
        <many domain="office.example.com"/>
      </identity>
      <sphere value="work"/>
      <validity>
        <from>2026-03-02T09:00:00+01:00</from><until>2026-03-02T17:00:00+01:00</until>
        <from>2026-03-03T09:00:00+01:00</from><until>2026-03-03T17:00:00+01:00</until>
      </validity>
    </conditions>
    <actions>
      <v:log-access>true</v:log-access>
      <dr:sub-handling>allow</dr:sub-handling>
    </actions>
    <transformations/>
  </rule>
  <rule id="no_competitors">
    <conditions>
      <identity>
        <many domain="competitor.example">
          <except id="sip:old.friend@competitor.example"/>
        </many>
      </identity>
    </conditions>
    <actions><dr:sub-handling>block</dr:sub-handling></actions>
  </rule>
</ruleset>
`

// 3. The smallest: everyone must be confirmed.
const CONFIRM_ALL = `<ruleset xmlns="urn:ietf:params:xml:ns:common-policy"><rule id="ask"><conditions><identity><many/></identity></conditions><actions><sub-handling xmlns="urn:ag-projects:xml:ns:dialog-rules">confirm</sub-handling></actions></rule></ruleset>`

describe('DialogRules', () => {
  describe('documents', () => {
    it("the reference client's five rules", () => {
      const v = decode(REFERENCE)
      assert.deepStrictEqual(v.rules.map((r) => [r.id, r.actions?.ext.subHandling]), [
        ['wp_dlg_grantedcontacts', 'allow'],
        ['wp_dlg_blockedcontacts', 'polite-block'],
        ['wp_dlg_unlisted', 'confirm'],
        ['wp_dlg_block_anonymous', 'block'],
        ['wp_dlg_allow_own', 'allow']
      ])
      assert.deepStrictEqual(v.rules[0].conditions, {
        ext: {
          externalList: [
            { anc: 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22dialog_grantedcontacts%22%5D' }
          ]
        },
        other: []
      })
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
      // the same rules from the constructors
      const built = _.dialogRules(Array.from({ length: 5 }, (_x, i) => dialogRule(i)))
      assert.deepStrictEqual(
        built.rules.map((r) => [r.id, r.actions?.ext.subHandling]),
        v.rules.map((r) => [r.id, r.actions?.ext.subHandling])
      )
    })
    it('office hours: a domain, a sphere, two validity periods, and a vendor action before the sub-handling', () => {
      const v = decode(OFFICE)
      const r = v.rules[0]
      assert.deepStrictEqual(r.conditions?.validity, [
        { from: '2026-03-02T09:00:00+01:00', until: '2026-03-02T17:00:00+01:00' },
        { from: '2026-03-03T09:00:00+01:00', until: '2026-03-03T17:00:00+01:00' }
      ])
      assert.strictEqual(CommonPolicy.isValidAt(r.conditions!.validity!, '2026-03-03T10:00:00+01:00'), true)
      assert.strictEqual(r.actions?.ext.subHandling, 'allow')
      assert.deepStrictEqual(r.actions?.other.map((e) => e.name.local), ['log-access'])
      assert.deepStrictEqual(r.actions?.order, ['{urn:example:vendor}log-access', `{${_.NS}}sub-handling`])
      assert.deepStrictEqual(v.rules[1].conditions?.identity?.members, [
        { _tag: 'Many', many: { domain: 'competitor.example', members: [{ _tag: 'Except', except: { id: 'sip:old.friend@competitor.example' } }] } }
      ])
      assert.match(_.document.encode(v), /<actions><v:log-access>true<\/v:log-access><dr:sub-handling>allow<\/dr:sub-handling><\/actions>/)
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('confirm everyone: a default namespace on the action', () => {
      const v = decode(CONFIRM_ALL)
      assert.deepStrictEqual(v.rules[0].actions, { ext: { subHandling: 'confirm' }, other: [] })
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('the documents are valid by the schemas', async (ctx) => {
      if (!(await hasXmllint())) return requireOrSkip(ctx, 'xmllint is not installed')
      const docs = [REFERENCE, OFFICE, CONFIRM_ALL].flatMap((s) => [s, _.document.encode(decode(s))])
      const results = await xmllint(shared + 'schemas')(docs, SCHEMAS)
      assert.deepStrictEqual(results, docs.map(() => []))
    })
    it('a pres-rules sub-handling is a foreign action here', () => {
      const v = decode(PresRules.document.encode(PresRules.presRules([PresRules.allow(['sip:bob@example.com'], { id: 'r' })])))
      assert.deepStrictEqual(v.rules[0].actions?.ext, {})
      assert.deepStrictEqual(v.rules[0].actions?.other.map((e) => e.name.ns), [PresRules.NS])
    })
  })

  describe('errors', () => {
    it('sub-handling: one of four values, at most once', () => {
      assert.deepStrictEqual(errors(CONFIRM_ALL.replace('>confirm<', '>never<')), [
        '/ruleset/rule[1]/actions/sub-handling: expected "block" | "confirm" | "polite-block" | "allow", got "never"'
      ])
      assert.deepStrictEqual(errors(OFFICE.replace('<dr:sub-handling>allow</dr:sub-handling>', '<dr:sub-handling>allow</dr:sub-handling><dr:sub-handling>block</dr:sub-handling>')), [
        '/ruleset/rule[1]/actions/sub-handling[2]: expected at most one <{urn:ag-projects:xml:ns:dialog-rules}sub-handling>, got another'
      ])
    })
    it('an unknown dialog-rules element is an error', () => {
      assert.deepStrictEqual(errors(CONFIRM_ALL.replace('<actions>', '<actions><dr:provide-calls xmlns:dr="urn:ag-projects:xml:ns:dialog-rules"/>')), [
        '/ruleset/rule[1]/actions/provide-calls[1]: expected no element <{urn:ag-projects:xml:ns:dialog-rules}provide-calls> here, got one'
      ])
    })
    it('the common-policy constraints hold here too', () => {
      assert.deepStrictEqual(errors(OFFICE.replace('<except id=', '<except domain="x" id=')), [
        '/ruleset/rule[2]/conditions/identity/many[1]/except[1]/@domain: expected no domain beside an id (RFC 4745 §7.2), got "x"'
      ])
    })
  })

  describe('constructors and optics', () => {
    it('allow, block, polite-block and confirm', () => {
      const v = _.dialogRules([
        _.allow(['sip:bob@example.com'], { id: 'a' }),
        _.block(['sip:eve@example.com'], { id: 'b' }),
        _.politeBlock([], { id: 'c', oma: { externalList: OmaCommonPolicy.externalList(['https://xcap.example.com/x']) } }),
        _.confirm([CommonPolicy.many()], { id: 'd', sphere: 'home' })
      ])
      assert.ok(_.document.is(v))
      assert.deepStrictEqual(v.rules.map((r) => r.actions?.ext.subHandling), ['allow', 'block', 'polite-block', 'confirm'])
      assert.match(_.document.encode(v), /<rule id="a"><conditions><identity><one id="sip:bob@example.com"\/><\/identity><\/conditions><actions><dr:sub-handling>allow<\/dr:sub-handling><\/actions><\/rule>/)
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('subHandlingById, withSubHandling', () => {
      const v = decode(REFERENCE)
      assert.deepStrictEqual(_.subHandlingById('wp_dlg_unlisted').getOption(v), O.some('confirm'))
      const edited = _.subHandlingById('wp_dlg_unlisted').set('block')(v)
      assert.strictEqual(edited.rules[2].actions?.ext.subHandling, 'block')
      const bare = _.rule({ id: 'x', identities: ['sip:bob@example.com'] })
      assert.deepStrictEqual(_.withSubHandling(bare, 'allow').actions, { ext: { subHandling: 'allow' }, other: [] })
      assert.ok(O.isSome(_.identityMembersById('wp_dlg_allow_own').getOption(v)))
    })
    it('the XCAP application usage', () => {
      assert.strictEqual(_.document.auid, 'org.openxcap.dialog-rules')
      assert.strictEqual(_.document.contentType, 'application/auth-policy+xml')
      assert.strictEqual(
        documentUri('https://xcap.example.com/xcap-root', _.usage, 'sip:alice@example.com'),
        'https://xcap.example.com/xcap-root/org.openxcap.dialog-rules/users/sip:alice@example.com/index'
      )
    })
    it('wrong input never throws', () => {
      for (const j of [undefined, null, 1, 'x', [], {}, [null], { identities: 'x', oma: 3 }] as ReadonlyArray<unknown>) {
        _.rule(j as never)
        _.block(j as never, j as never)
        _.dialogRules(j as never)
        _.withSubHandling(j as never, j as never)
      }
    })
  })

  it('scale(n): a valid document of n rules', () => {
    for (const n of [0, 3, 40]) {
      const v = registration.scale!(n)
      assert.strictEqual(v.rules.length, n)
      assert.ok(_.document.is(v))
    }
  })
})
