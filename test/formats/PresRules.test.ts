import * as assert from 'node:assert'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { pipe } from '#fp-ts/function'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/PresRules.js'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as DialogRules from '../../src/formats/DialogRules.js'
import * as OmaCommonPolicy from '../../src/formats/OmaCommonPolicy.js'
import { formatOf } from '../../src/formats/index.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import { report } from '../../src/codec/DecodeError.js'
import { hasXmllint, xmllint } from '../../laws/Node.js'
import { presRules500, presRulesOf, registration } from '../../laws/formats/PresRules.js'
import { presRules as interopFixture } from '../interop/fixtures.js'
import { decodeErrors, decodeOk, requireOrSkip } from '../util.js'

const CP = CommonPolicy.NS
const PR = _.NS
const OCP = OmaCommonPolicy.NS
const shared = fileURLToPath(new URL('../../../shared/', import.meta.url))
const read = (f: string): string => readFileSync(`${shared}corpus/pres-rules/${f}`, 'utf8')
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const doc = (body: string): string => `<cr:ruleset xmlns:cr="${CP}" xmlns:pr="${PR}" xmlns:ocp="${OCP}">${body}</cr:ruleset>`
const transformations = (body: string): string => doc(`<cr:rule id="a"><cr:transformations>${body}</cr:transformations></cr:rule>`)

const XCAP = 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22'

// the five rules the reference client keeps in its pres-rules document (see the XCAP address book reference, §2.5),
// written as it writes them: OMA conditions, percent-encoded URIs
const REFERENCE = `<?xml version='1.0' encoding='UTF-8'?>
<cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:ocp="urn:oma:xml:xdm:common-policy">
  <cp:rule id="wp_prs_grantedcontacts">
    <cp:conditions><ocp:external-list><ocp:entry anc="https%3A//xcap.example.com/xcap-root/resource-lists/users/sip%3Aalice%40example.com/index/~~/resource-lists/list%5B%40name%3D%22oma_grantedcontacts%22%5D"/></ocp:external-list></cp:conditions>
    <cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_prs_blockedcontacts">
    <cp:conditions><ocp:external-list><ocp:entry anc="https%3A//xcap.example.com/xcap-root/resource-lists/users/sip%3Aalice%40example.com/index/~~/resource-lists/list%5B%40name%3D%22oma_blockedcontacts%22%5D"/></ocp:external-list></cp:conditions>
    <cp:actions><pr:sub-handling>polite-block</pr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_prs_unlisted">
    <cp:conditions><ocp:other-identity/></cp:conditions>
    <cp:actions><pr:sub-handling>confirm</pr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_prs_block_anonymous">
    <cp:conditions><ocp:anonymous-request/></cp:conditions>
    <cp:actions><pr:sub-handling>block</pr:sub-handling></cp:actions>
  </cp:rule>
  <cp:rule id="wp_prs_allow_own">
    <cp:conditions><cp:identity><cp:one id="sip%3Aalice%40example.com"/></cp:identity></cp:conditions>
    <cp:actions><pr:sub-handling>allow</pr:sub-handling></cp:actions>
  </cp:rule>
</cp:ruleset>`

describe('PresRules', () => {
  describe('documents', () => {
    it('RFC 5025 §6: the example document', () => {
      assert.deepStrictEqual(decode(read('rfc5025-sec6.xml')), {
        rules: [
          {
            id: 'a',
            conditions: { identity: { members: [{ _tag: 'One', one: { id: 'sip:user@example.com', other: [] } }] }, ext: {}, other: [] },
            actions: { ext: { subHandling: 'allow' }, other: [] },
            transformations: {
              ext: {
                provideServices: {
                  members: [
                    { _tag: 'ServiceUriScheme', serviceUriScheme: 'sip' },
                    { _tag: 'ServiceUriScheme', serviceUriScheme: 'mailto' }
                  ]
                },
                providePersons: { all: true, members: [] },
                provideActivities: true,
                provideUserInput: 'bare',
                provideUnknownAttributes: [{ name: 'foo', ns: 'urn:vendor-specific:foo-namespace', value: true }]
              },
              other: []
            }
          }
        ],
        xmlns: [
          { prefix: '', uri: PR },
          { prefix: 'cr', uri: CP }
        ]
      })
    })
    it("OpenXCAP's test document: everything allowed", () => {
      const v = decode(read('openxcap-pres-rules.xml'))
      const t = v.rules[0].transformations!
      assert.deepStrictEqual(t, _.provideAll())
      assert.match(_.document.encode(v), /<pr:all-services\/><\/pr:provide-services><pr:provide-persons>/)
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('transformations in another order keep it', () => {
      const v = decode(transformations('<pr:provide-all-attributes/><pr:provide-devices><pr:all-devices/></pr:provide-devices><pr:provide-note>false</pr:provide-note>'))
      const t = v.rules[0].transformations!
      assert.deepStrictEqual(t.order, [`{${PR}}provide-all-attributes`, `{${PR}}provide-devices`, `{${PR}}provide-note`])
      assert.match(_.document.encode(v), /<cr:transformations><pr:provide-all-attributes\/><pr:provide-devices>/)
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it("the reference client's five rules, with the OMA conditions", () => {
      const v = decode(REFERENCE)
      assert.deepStrictEqual(v.rules.map((r) => [r.id, r.actions?.ext.subHandling]), [
        ['wp_prs_grantedcontacts', 'allow'],
        ['wp_prs_blockedcontacts', 'polite-block'],
        ['wp_prs_unlisted', 'confirm'],
        ['wp_prs_block_anonymous', 'block'],
        ['wp_prs_allow_own', 'allow']
      ])
      assert.deepStrictEqual(OmaCommonPolicy.anchorsOf(v.rules[0].conditions!.ext), [
        'https%3A//xcap.example.com/xcap-root/resource-lists/users/sip%3Aalice%40example.com/index/~~/resource-lists/list%5B%40name%3D%22oma_grantedcontacts%22%5D'
      ])
      assert.deepStrictEqual(v.rules[2].conditions?.ext, { otherIdentity: true })
      assert.deepStrictEqual(v.rules[3].conditions?.ext, { anonymousRequest: true })
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('the interop fixture stored on Kamailio is what the constructors build', () => {
      const ids = ['sip:bob@example.com', 'sip:carol@example.com']
      const all = { all: true as const, members: [] }
      assert.deepStrictEqual(
        decode(interopFixture(ids)),
        {
          ..._.presRules([
            _.allow(ids, { id: 'allow-listed', transformations: _.providing({ provideServices: all, providePersons: all, provideDevices: all }) })
          ]),
          xmlns: [{ prefix: 'cr', uri: CP }]
        }
      )
    })
    it('decodes every common-policy document of the corpus (plain common policy is a subset)', () => {
      const dir = `${shared}corpus/common-policy/`
      for (const f of readdirSync(dir)) {
        const s = readFileSync(dir + f, 'utf8')
        const plain = decodeOk(CommonPolicy.document)(s)
        const full = decode(s)
        assert.deepStrictEqual(full.rules.map((r) => r.id), plain.rules.map((r) => r.id))
        assert.strictEqual(CommonPolicy.document.encode(plain), _.document.encode(full))
      }
    })
    it('decodes dialog-rules documents too, their <dr:sub-handling> kept as a foreign action', () => {
      const s = DialogRules.document.encode(DialogRules.dialogRules([DialogRules.allow(['sip:bob@example.com'], { id: 'r' })]))
      const v = decode(s)
      assert.deepStrictEqual(v.rules[0].actions?.ext, {})
      assert.deepStrictEqual(v.rules[0].actions?.other.map((e) => `{${e.name.ns}}${e.name.local}`), [`{${DialogRules.NS}}sub-handling`])
      assert.strictEqual(_.document.encode(v), s)
    })
  })

  describe('errors', () => {
    it('RFC 5025 §3.3.1: <all-services/>, <all-devices/> and <all-persons/> stand alone', () => {
      assert.deepStrictEqual(errors(transformations('<pr:provide-services><pr:all-services/><pr:class>biz</pr:class></pr:provide-services>')), [
        '/ruleset/rule[1]/transformations/provide-services/all-services: expected <all-services/> alone (RFC 5025 §3.3.1), got it with 1 other member'
      ])
      assert.deepStrictEqual(
        errors(transformations('<pr:provide-devices><pr:deviceID>urn:uuid:1</pr:deviceID><pr:all-devices/><x:d xmlns:x="urn:example:x"/></pr:provide-devices>')),
        ['/ruleset/rule[1]/transformations/provide-devices/all-devices: expected <all-devices/> alone (RFC 5025 §3.3.1), got it with 2 other members']
      )
      assert.deepStrictEqual(errors(transformations('<pr:provide-persons><pr:all-persons/><pr:occurrence-id>p1</pr:occurrence-id></pr:provide-persons>')), [
        '/ruleset/rule[1]/transformations/provide-persons/all-persons: expected <all-persons/> alone (RFC 5025 §3.3.1), got it with 1 other member'
      ])
      assert.deepStrictEqual(errors(transformations('<pr:provide-persons><pr:all-persons/><pr:all-persons/></pr:provide-persons>')), [
        '/ruleset/rule[1]/transformations/provide-persons/all-persons[2]: expected at most one <{urn:ietf:params:xml:ns:pres-rules}all-persons>, got another'
      ])
    })
    it('RFC 5025 §3.3.2.14: an unknown attribute is an unqualified name in a namespace URI', () => {
      assert.deepStrictEqual(errors(transformations('<pr:provide-unknown-attribute name="v:foo" ns="not a uri">true</pr:provide-unknown-attribute>')), [
        '/ruleset/rule[1]/transformations/provide-unknown-attribute[1]/@name: expected an unqualified element name (RFC 5025 §3.3.2.14), got "v:foo"',
        '/ruleset/rule[1]/transformations/provide-unknown-attribute[1]/@ns: expected a namespace URI (RFC 5025 §3.3.2.14), got "not a uri"'
      ])
      assert.deepStrictEqual(errors(transformations('<pr:provide-unknown-attribute name="foo" ns="urn:x">maybe</pr:provide-unknown-attribute>')), [
        '/ruleset/rule[1]/transformations/provide-unknown-attribute[1]: expected an xs:boolean, got "maybe"'
      ])
    })
    it('sub-handling: one of four values, at most once', () => {
      assert.deepStrictEqual(errors(doc('<cr:rule id="a"><cr:actions><pr:sub-handling>maybe</pr:sub-handling></cr:actions></cr:rule>')), [
        '/ruleset/rule[1]/actions/sub-handling: expected "block" | "confirm" | "polite-block" | "allow", got "maybe"'
      ])
      assert.deepStrictEqual(
        errors(doc('<cr:rule id="a"><cr:actions><pr:sub-handling>allow</pr:sub-handling><pr:sub-handling>block</pr:sub-handling></cr:actions></cr:rule>')),
        ['/ruleset/rule[1]/actions/sub-handling[2]: expected at most one <{urn:ietf:params:xml:ns:pres-rules}sub-handling>, got another']
      )
    })
    it('permissions have their types; unknown pres-rules elements are errors, not foreign ones', () => {
      assert.deepStrictEqual(errors(transformations('<pr:provide-user-input>some</pr:provide-user-input><pr:provide-mood>yes</pr:provide-mood>')), [
        '/ruleset/rule[1]/transformations/provide-mood: expected an xs:boolean, got "yes"',
        '/ruleset/rule[1]/transformations/provide-user-input: expected "false" | "bare" | "thresholds" | "full", got "some"'
      ])
      // provide-user-input is an enumeration of xs:string: no white space around the value
      assert.deepStrictEqual(errors(transformations('<pr:provide-user-input> bare </pr:provide-user-input>')), [
        '/ruleset/rule[1]/transformations/provide-user-input: expected "false" | "bare" | "thresholds" | "full", got " bare "'
      ])
      assert.deepStrictEqual(errors(transformations('<pr:provide-everything/>')), [
        '/ruleset/rule[1]/transformations/provide-everything[1]: expected no element <{urn:ietf:params:xml:ns:pres-rules}provide-everything> here, got one'
      ])
      assert.deepStrictEqual(errors(doc('<cr:rule id="a"><cr:actions><pr:provide-note>true</pr:provide-note></cr:actions></cr:rule>')), [
        '/ruleset/rule[1]/actions/provide-note[1]: expected no element <{urn:ietf:params:xml:ns:pres-rules}provide-note> here, got one'
      ])
    })
    it('the OMA conditions are empty or lists of entries, each at most once', () => {
      assert.deepStrictEqual(
        errors(doc('<cr:rule id="a"><cr:conditions><ocp:anonymous-request>x</ocp:anonymous-request><ocp:other-identity/><ocp:other-identity/></cr:conditions></cr:rule>')),
        [
          '/ruleset/rule[1]/conditions/anonymous-request: expected an empty element, got content',
          '/ruleset/rule[1]/conditions/other-identity[2]: expected at most one <{urn:oma:xml:xdm:common-policy}other-identity>, got another'
        ]
      )
    })
  })

  describe('constructors', () => {
    it('allow, block, polite-block and confirm rules', () => {
      const v = _.presRules([
        _.allow(['sip:bob@example.com'], { id: 'friends', transformations: _.provideAll() }),
        _.block([CommonPolicy.many({ domain: 'spam.example' })], { id: 'spam' }),
        _.politeBlock(['sip:mallory@example.com'], { id: 'ex', validity: [['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z']] }),
        _.confirm([], { id: 'unlisted', oma: { otherIdentity: true } }),
        _.rule({ id: 'own', identities: ['sip:alice@example.com'], sphere: 'work', subHandling: 'allow' })
      ])
      assert.ok(_.document.is(v))
      assert.deepStrictEqual(v.rules[0], {
        id: 'friends',
        conditions: { identity: { members: [{ _tag: 'One', one: { id: 'sip:bob@example.com', other: [] } }] }, ext: {}, other: [] },
        actions: { ext: { subHandling: 'allow' }, other: [] },
        transformations: _.provideAll()
      })
      assert.deepStrictEqual(v.rules[3].conditions, { ext: { otherIdentity: true }, other: [] })
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
      assert.match(
        _.document.encode(v),
        /<rule id="friends"><conditions><identity><one id="sip:bob@example.com"\/><\/identity><\/conditions><actions><pr:sub-handling>allow<\/pr:sub-handling><\/actions><transformations><pr:provide-services><pr:all-services\/>/
      )
    })
    it('providing: the transformations given, in schema order', () => {
      const t = _.providing({ provideNote: true, provideServices: { members: [{ _tag: 'ServiceUri', serviceUri: 'sip:alice@example.com' }] } })
      assert.deepStrictEqual(t, {
        ext: { provideUnknownAttributes: [], provideNote: true, provideServices: { members: [{ _tag: 'ServiceUri', serviceUri: 'sip:alice@example.com' }] } },
        other: []
      })
      const v = _.presRules([_.allow(['sip:bob@example.com'], { id: 'a', transformations: t })])
      assert.match(_.document.encode(v), /<transformations><pr:provide-services><pr:service-uri>sip:alice@example.com<\/pr:service-uri><\/pr:provide-services><pr:provide-note>true<\/pr:provide-note><\/transformations>/)
    })
    it('RFC 5025 §3.2.1: sub-handling ranks and their combination over matching rules', () => {
      assert.deepStrictEqual((['block', 'confirm', 'polite-block', 'allow'] as const).map(_.subHandlingRank), [0, 10, 20, 30])
      assert.strictEqual(_.combineSubHandling([]), 'block')
      assert.strictEqual(_.combineSubHandling(['confirm', undefined, 'polite-block']), 'polite-block')
      assert.strictEqual(_.combineSubHandling(['allow', 'block']), 'allow')
    })
    it('withSubHandling creates <actions> where there is none', () => {
      const r = _.rule({ id: 'a', identities: ['sip:bob@example.com'] })
      assert.strictEqual(r.actions, undefined)
      assert.deepStrictEqual(_.withSubHandling(r, 'confirm').actions, { ext: { subHandling: 'confirm' }, other: [] })
      assert.deepStrictEqual(_.withSubHandling(_.withSubHandling(r, 'confirm'), undefined).actions, { ext: {}, other: [] })
      assert.deepStrictEqual(_.withSubHandling(r, 'nonsense' as never), r)
    })
    it('wrong input never throws', () => {
      for (const j of [undefined, null, 1, 'x', [], {}, [null], { identities: 'x', validity: 3 }] as ReadonlyArray<unknown>) {
        _.rule(j as never)
        _.allow(j as never, j as never)
        _.providing(j as never)
        _.presRules(j as never)
        _.combineSubHandling(j as never)
        _.withSubHandling(j as never, j as never)
      }
    })
  })

  describe('optics', () => {
    const v = decode(REFERENCE)
    it('subHandlingById reads and writes the sub-handling of a rule', () => {
      assert.deepStrictEqual(_.subHandlingById('wp_prs_unlisted').getOption(v), O.some('confirm'))
      const allowed = _.subHandlingById('wp_prs_unlisted').set('allow')(v)
      assert.match(_.document.encode(allowed), /<cp:rule id="wp_prs_unlisted"><cp:conditions><ocp:other-identity\/><\/cp:conditions><cp:actions><pr:sub-handling>allow</)
      assert.ok(O.isNone(_.subHandlingById('missing').getOption(v)))
    })
    it('every rule\'s sub-handling', () => {
      const all = pipe(_.everyRule, T.composeOptional(_.subHandling))
      const out: Array<string | undefined> = []
      T.getAll(v)(all).forEach((s) => out.push(s))
      assert.deepStrictEqual(out, ['allow', 'polite-block', 'confirm', 'block', 'allow'])
      const blocked = T.set<_.SubHandling | undefined>('block')(all)(v)
      assert.deepStrictEqual(blocked.rules.map((r) => r.actions?.ext.subHandling), ['block', 'block', 'block', 'block', 'block'])
    })
    it('identityMembersById and ruleById', () => {
      assert.deepStrictEqual(_.identityMembersById('wp_prs_allow_own').getOption(v), O.some([{ _tag: 'One', one: { id: 'sip%3Aalice%40example.com', other: [] } }]))
      assert.ok(O.isNone(_.identityMembersById('wp_prs_unlisted').getOption(v)))
      assert.deepStrictEqual(O.map((r: _.Rule) => r.id)(_.ruleById('wp_prs_block_anonymous').getOption(v)), O.some('wp_prs_block_anonymous'))
    })
  })

  describe('XCAP', () => {
    it('the IETF application usage is the document codec\'s; the OMA one is exported for clients', () => {
      assert.strictEqual(_.document.auid, 'pres-rules')
      assert.deepStrictEqual(_.usage, { auid: 'pres-rules', namespace: PR, mimeType: 'application/auth-policy+xml', tree: 'users', document: 'index' })
      assert.deepStrictEqual(_.omaUsage, {
        auid: 'org.openmobilealliance.pres-rules',
        namespace: CP,
        mimeType: 'application/auth-policy+xml',
        tree: 'users',
        document: 'index'
      })
      assert.strictEqual(
        documentUri('https://xcap.example.com/xcap-root/', _.omaUsage, 'sip:alice@example.com'),
        'https://xcap.example.com/xcap-root/org.openmobilealliance.pres-rules/users/sip:alice@example.com/index'
      )
    })
    it('bodies of the shared media type are told apart by AUID, else by the namespaces they use', () => {
      const among = [CommonPolicy.document, _.document, DialogRules.document]
      const s = read('rfc5025-sec6.xml')
      const byAuid = formatOf('application/auth-policy+xml', s, { among, auid: 'pres-rules' })
      assert.ok(E.isRight(byAuid) && byAuid.right.id === 'pres-rules')
      const dialog = formatOf('application/auth-policy+xml', s, { among, auid: 'org.openxcap.dialog-rules' })
      assert.ok(E.isRight(dialog) && dialog.right.id === 'dialog-rules')
      // the three formats share the root {common-policy}ruleset: the body's pres-rules elements tell
      const none = formatOf('application/auth-policy+xml', s, { among })
      assert.ok(E.isRight(none) && none.right.id === 'pres-rules')
      const dr = `<cp:ruleset xmlns:cp="${CP}" xmlns:dr="urn:ag-projects:xml:ns:dialog-rules"><cp:rule id="a"><cp:actions><dr:sub-handling>allow</dr:sub-handling></cp:actions></cp:rule></cp:ruleset>`
      const byNs = formatOf('application/auth-policy+xml', dr, { among })
      assert.ok(E.isRight(byNs) && byNs.right.id === 'dialog-rules')
      // a bare ruleset: the first listed
      const bare = formatOf('application/auth-policy+xml', `<ruleset xmlns="${CP}"/>`, { among })
      assert.ok(E.isRight(bare) && bare.right.id === 'common-policy')
    })
  })

  describe('presRules500', () => {
    const big = presRules500()
    it('500 rules, unique ids, every sub-handling, a round trip', () => {
      assert.strictEqual(big.rules.length, 500)
      assert.strictEqual(new Set(big.rules.map((r) => r.id)).size, 500)
      assert.deepStrictEqual(new Set(big.rules.map((r) => r.actions?.ext.subHandling)), new Set(['allow', 'polite-block', 'confirm', 'block']))
      assert.ok(_.document.is(big))
      assert.deepStrictEqual(decode(_.document.encode(big)), big)
      assert.deepStrictEqual(presRules500(), big) // deterministic
    })
    it('is valid by the schemas', async (ctx) => {
      if (!(await hasXmllint())) return requireOrSkip(ctx, 'xmllint is not installed')
      const [errs] = await xmllint(shared + 'schemas')([_.document.encode(big, { pretty: true })], ['common-policy.xsd', 'pres-rules.xsd', 'oma-common-policy.xsd'])
      assert.deepStrictEqual(errs, [])
      // and the validator does reject: a second all-services is invalid by the schema too
      const [bad] = await xmllint(shared + 'schemas')(
        [transformations('<pr:provide-services><pr:all-services/><pr:class>x</pr:class></pr:provide-services>')],
        ['common-policy.xsd', 'pres-rules.xsd', 'oma-common-policy.xsd']
      )
      assert.ok(bad.length > 0)
    })
  })

  describe('scale', () => {
    it('presRulesOf(n) and scale(n): valid documents of n rules, the first ones the reference client\'s', () => {
      for (const n of [0, 1, 5, 50]) {
        const v = presRulesOf(n)
        assert.strictEqual(v.rules.length, n)
        assert.ok(_.document.is(v))
        assert.deepStrictEqual(registration.scale!(n), v)
      }
      assert.deepStrictEqual(presRulesOf(5).rules.map((r) => r.id), ['wp_prs_grantedcontacts', 'wp_prs_blockedcontacts', 'wp_prs_unlisted', 'wp_prs_block_anonymous', 'wp_prs_allow_own'])
    })
  })
})
