import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/policy/Evaluate.js'
import * as Permissions from '../../src/policy/Permissions.js'
import * as CommonPolicy from '../../src/formats/CommonPolicy.js'
import * as DialogRules from '../../src/formats/DialogRules.js'
import * as OmaCommonPolicy from '../../src/formats/OmaCommonPolicy.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as Presence from '../../src/formats/Presence.js'
import * as Rpid from '../../src/formats/Rpid.js'
import { decodeOk, deepStrictEqual } from '../util.js'

const at = (t: string, w: _.Watcher, options: Parameters<typeof _.request>[2] = {}): _.Request =>
  _.request(w, t, options)
const bob = _.authenticated('sip:bob@example.com')
const NOW = '2026-05-01T12:00:00Z'

describe('Evaluate', () => {
  describe('RFC 4745 §10.3: combining permissions', () => {
    // X is provide-activities (a boolean), Y the sub-handling (an integer), Z the user-input level (+ full, o
    // thresholds, - bare); the WR is bob, the sphere work, the time between A1 and A2
    const A1 = '2003-12-24T17:00:00+01:00'
    const A2 = '2003-12-24T21:00:00+01:00'
    const A3 = '2003-12-24T23:30:00+01:00'
    const B1 = '2003-12-22T17:00:00+01:00'
    const B2 = '2003-12-23T17:00:00+01:00'
    const row = (
      id: string,
      who: string,
      sphere: string,
      from: string,
      until: string,
      x: boolean | undefined,
      y: PresRules.SubHandling,
      z: PresRules.UserInput
    ) =>
      PresRules.rule({
        id,
        identities: [`sip:${who}@example.com`],
        sphere,
        validity: [[from, until]],
        subHandling: y,
        transformations: PresRules.providing({
          ...(x === undefined ? {} : { provideActivities: x }),
          provideUserInput: z
        })
      })
    const rules = PresRules.presRules([
      row('r1', 'bob', 'home', A1, A2, true, 'polite-block', 'thresholds'),
      row('r2', 'alice', 'work', A1, A2, false, 'confirm', 'full'),
      row('r3', 'bob', 'work', A1, A2, true, 'confirm', 'bare'),
      row('r4', 'tom', 'work', A1, A2, true, 'confirm', 'full'),
      row('r5', 'bob', 'work', A1, A3, undefined, 'allow', 'thresholds'),
      row('r6', 'bob', 'work', B1, B2, false, 'polite-block', 'bare')
    ])
    it('rules 3 and 5 fire; X is TRUE, Y their maximum, Z their maximum', () => {
      const d = _.evaluate(rules, at('2003-12-24T17:15:00+01:00', bob, { sphere: 'work' }))
      deepStrictEqual(d.matched, ['r3', 'r5'])
      assert.strictEqual(d.subHandling, 'allow')
      deepStrictEqual(d.permissions, {
        provideActivities: true,
        provideUserInput: 'thresholds',
        provideUnknownAttributes: []
      })
    })
    it('the validity period excludes its until: at A2 only rule 5 fires', () => {
      deepStrictEqual(_.evaluate(rules, at(A2, bob, { sphere: 'work' })).matched, ['r5'])
      deepStrictEqual(_.evaluate(rules, at(A1, bob, { sphere: 'work' })).matched, ['r3', 'r5'])
    })
  })

  describe('RFC 4745 §7.1: identity', () => {
    const doc = (identity: string) =>
      decodeOk(PresRules.document)(
        `<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules"><rule id="r"><conditions><identity>${identity}</identity></conditions><actions><pr:sub-handling>allow</pr:sub-handling></actions></rule></ruleset>`
      )
    const allowed = (rules: PresRules.PresRules, w: _.Watcher): boolean =>
      _.evaluate(rules, at(NOW, w)).subHandling === 'allow'

    it('§7.1.2: one of several entities, each URI compared by its scheme', () => {
      const rules = doc(
        '<one id="sip:alice@example.com"/><one id="tel:+1-212-555-1234"/><one id="mailto:bob@example.net"/>'
      )
      assert.ok(allowed(rules, _.authenticated('sip:alice@EXAMPLE.COM')))
      assert.ok(allowed(rules, _.authenticated('tel:+12125551234')))
      assert.ok(allowed(rules, _.authenticated('mailto:bob@example.net')))
      assert.ok(!allowed(rules, _.authenticated('sip:Alice@example.com')))
      // RFC 5025 §3.1.1.2: a SIP URI with a phone number is not the tel URI, nor the reverse
      assert.ok(!allowed(rules, _.authenticated('sip:+12125551234@example.com;user=phone')))
    })

    it('§7.1.3.2: any user but the excepted domains and users', () => {
      const rules = doc(
        '<many><except domain="example.com"/><except domain="example.org"/><except id="sip:alice@bad.example.net"/><except id="sip:bob@good.example.net"/><except id="tel:+1-212-555-1234"/><except id="sip:alice@example.com"/></many>'
      )
      for (const u of [
        'sip:carol@example.com',
        'sip:dave@EXAMPLE.org',
        'sip:alice@bad.example.net',
        'sip:bob@good.example.net',
        'tel:+1-212-555-1234'
      ])
        assert.ok(!allowed(rules, _.authenticated(u)), u)
      for (const u of ['sip:carol@good.example.net', 'sip:alice@example.net', 'tel:+1-212-555-0000'])
        assert.ok(allowed(rules, _.authenticated(u)), u)
    })

    it('§7.1.3.3: any user of a domain but the excepted ones', () => {
      const rules = doc(
        '<many domain="example.com"><except id="sip:alice@example.com"/><except id="sip:bob@example.com"/></many>'
      )
      assert.ok(allowed(rules, _.authenticated('sip:carol@example.com')))
      assert.ok(!allowed(rules, _.authenticated('sip:alice@example.com')))
      assert.ok(!allowed(rules, bob))
      assert.ok(!allowed(rules, _.authenticated('sip:carol@example.org')))
      // the domain as the protocol gives it, apart from the URI
      assert.ok(allowed(rules, { _tag: 'Authenticated', uris: ['tel:+15551234'], domain: 'EXAMPLE.COM' }))
    })

    it('§7.1.3: domains compare after IDNA ToASCII', () => {
      const rules = doc('<many domain="bücher.example"/>')
      assert.ok(allowed(rules, _.authenticated('sip:a@xn--bcher-kva.example')))
      assert.ok(allowed(rules, _.authenticated('sip:a@B%C3%BCcher.example')))
      assert.ok(!allowed(rules, _.authenticated('sip:a@buecher.example')))
    })

    it('RFC 5025 §3.1.1.2: each asserted URI is compared; an anonymous request matches no identity', () => {
      const rules = doc('<one id="sip:bob@example.com"/><many/>')
      assert.ok(allowed(rules, _.authenticated('sip:unknown@example.net', 'sip:bob@example.com')))
      assert.ok(!allowed(rules, _.anonymous))
    })

    it('members of namespaces the codec does not type grant nothing', () => {
      assert.ok(!allowed(doc('<x:friends xmlns:x="urn:example:x"/>'), bob))
      assert.ok(!allowed(doc('<many><x:except-guests xmlns:x="urn:example:x"/></many>'), bob))
      assert.ok(!allowed(doc('<one id="sip:bob@example.com"><x:device xmlns:x="urn:example:x"/></one>'), bob))
    })
  })

  describe('RFC 4745 §7.3: sphere', () => {
    const rules = PresRules.presRules([
      PresRules.allow(['sip:andrew@example.com'], { id: 'f3g44r2', sphere: 'work' }),
      PresRules.allow(['sip:allison@example.com'], { id: 'y6y55r2', sphere: 'home' }),
      PresRules.allow(['sip:john@doe.example.com'], { id: 'z6y55r2', sphere: 'home work' })
    ])
    const who = (sphere: string | undefined) =>
      ['andrew@example.com', 'allison@example.com', 'john@doe.example.com'].filter(
        (u) =>
          _.evaluate(rules, at(NOW, _.authenticated(`sip:${u}`), sphere === undefined ? {} : { sphere }))
            .subHandling === 'allow'
      )
    it('matches the tokens case-insensitively; an undefined sphere matches none', () => {
      deepStrictEqual(who('work'), ['andrew@example.com', 'john@doe.example.com'])
      deepStrictEqual(who('HOME'), ['allison@example.com', 'john@doe.example.com'])
      deepStrictEqual(who(undefined), [])
    })
    it('RFC 5025 §3.1.2: the sphere of the published documents, when they agree', () => {
      const doc = (s: Rpid.SphereName | undefined) =>
        Presence.presence({
          entity: 'sip:a@example.com',
          persons: s === undefined ? [] : [Presence.person({ ext: { sphere: [Rpid.sphere(s)] } })]
        })
      assert.strictEqual(_.sphereOf([doc('work'), doc(undefined), doc('work')]), 'work')
      assert.strictEqual(_.sphereOf([doc('work'), doc('home')]), undefined)
      assert.strictEqual(_.sphereOf([doc(undefined)]), undefined)
    })
  })

  describe('RFC 5025 §3.2.1: sub-handling', () => {
    it('the highest value of the matching rules; block when none matches or none says', () => {
      const rules = PresRules.presRules([
        PresRules.politeBlock(['sip:bob@example.com'], { id: 'a' }),
        PresRules.confirm([CommonPolicy.many({ domain: 'example.com' })], { id: 'b' }),
        PresRules.rule({ id: 'c', identities: ['sip:carol@example.com'] })
      ])
      assert.strictEqual(_.evaluate(rules, at(NOW, bob)).subHandling, 'polite-block')
      assert.strictEqual(_.evaluate(rules, at(NOW, _.authenticated('sip:dave@example.com'))).subHandling, 'confirm')
      assert.strictEqual(_.evaluate(rules, at(NOW, _.authenticated('sip:dave@example.org'))).subHandling, 'block')
      assert.strictEqual(
        _.evaluate(
          PresRules.presRules([PresRules.rule({ id: 'c', identities: ['sip:carol@example.com'] })]),
          at(NOW, _.authenticated('sip:carol@example.com'))
        ).subHandling,
        'block'
      )
    })
    it('NOTE WELL: block does not guarantee a denial (RFC 5025 §3.2.1, §10)', () => {
      const rules = PresRules.presRules([
        PresRules.allow([CommonPolicy.many({ domain: 'example.com' })], { id: 'everyone' }),
        PresRules.block(['sip:joe@example.com'], { id: 'not-joe' })
      ])
      const d = _.evaluate(rules, at(NOW, _.authenticated('sip:joe@example.com')))
      deepStrictEqual(d.matched, ['everyone', 'not-joe'])
      assert.strictEqual(d.subHandling, 'allow')
    })
  })

  describe('RFC 5025 §6: the example document', () => {
    it('user@example.com is allowed with the example transformations', () => {
      const rules = decodeOk(PresRules.document)(`<?xml version="1.0" encoding="UTF-8"?>
<cr:ruleset xmlns="urn:ietf:params:xml:ns:pres-rules" xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:cr="urn:ietf:params:xml:ns:common-policy">
 <cr:rule id="a">
  <cr:conditions><cr:identity><cr:one id="sip:user@example.com"/></cr:identity></cr:conditions>
  <cr:actions><pr:sub-handling>allow</pr:sub-handling></cr:actions>
  <cr:transformations>
   <pr:provide-services><pr:service-uri-scheme>sip</pr:service-uri-scheme><pr:service-uri-scheme>mailto</pr:service-uri-scheme></pr:provide-services>
   <pr:provide-persons><pr:all-persons/></pr:provide-persons>
   <pr:provide-activities>true</pr:provide-activities>
   <pr:provide-user-input>bare</pr:provide-user-input>
   <pr:provide-unknown-attribute ns="urn:vendor-specific:foo-namespace" name="foo">true</pr:provide-unknown-attribute>
  </cr:transformations>
 </cr:rule>
</cr:ruleset>`)
      const d = _.evaluate(rules, at(NOW, _.authenticated('sip:user@example.com')))
      assert.strictEqual(d.subHandling, 'allow')
      deepStrictEqual(d.permissions, {
        provideServices: {
          members: [
            { _tag: 'ServiceUriScheme', serviceUriScheme: 'mailto' },
            { _tag: 'ServiceUriScheme', serviceUriScheme: 'sip' }
          ]
        },
        providePersons: { all: true, members: [] },
        provideActivities: true,
        provideUserInput: 'bare',
        provideUnknownAttributes: [{ name: 'foo', ns: 'urn:vendor-specific:foo-namespace', value: true }]
      })
      deepStrictEqual(_.evaluate(rules, at(NOW, bob)), {
        matched: [],
        subHandling: 'block',
        permissions: Permissions.lowest
      })
    })
  })

  describe('OMA conditions', () => {
    const XCAP =
      'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22'
    const granted = `${XCAP}oma_grantedcontacts%22%5D`
    const blocked = `${XCAP}oma_blockedcontacts%22%5D`
    // the reference client's five rules
    const rules = PresRules.presRules([
      PresRules.rule({
        id: 'wp_prs_grantedcontacts',
        oma: { externalList: OmaCommonPolicy.externalList([granted]) },
        subHandling: 'allow'
      }),
      PresRules.rule({
        id: 'wp_prs_blockedcontacts',
        oma: { externalList: OmaCommonPolicy.externalList([blocked]) },
        subHandling: 'polite-block'
      }),
      PresRules.rule({ id: 'wp_prs_unlisted', oma: { otherIdentity: true }, subHandling: 'confirm' }),
      PresRules.rule({ id: 'wp_prs_block_anonymous', oma: { anonymousRequest: true }, subHandling: 'block' }),
      PresRules.allow(['sip:alice@example.com'], { id: 'wp_prs_allow_own' })
    ])
    const lists = _.listsOf({
      [granted]: ['sip:bob@example.com', 'sip:carol@example.org'],
      [blocked]: ['sip:mallory@example.net']
    })
    const decide = (w: _.Watcher, l: _.Request['lists'] = lists) => {
      const d = _.evaluate(rules, _.request(w, NOW, l === undefined ? {} : { lists: l }))
      return [d.subHandling, d.matched.join(' ')]
    }
    it('external lists, other identities, anonymous requests', () => {
      deepStrictEqual(decide(bob), ['allow', 'wp_prs_grantedcontacts'])
      deepStrictEqual(decide(_.authenticated('sip:mallory@example.net')), ['polite-block', 'wp_prs_blockedcontacts'])
      deepStrictEqual(decide(_.authenticated('sip:dave@example.com')), ['confirm', 'wp_prs_unlisted'])
      deepStrictEqual(decide(_.anonymous), ['block', 'wp_prs_block_anonymous'])
      deepStrictEqual(decide(_.authenticated('sip:alice@example.com')), ['allow', 'wp_prs_allow_own'])
    })
    it('a list the resolver does not know has no entries', () => {
      deepStrictEqual(
        decide(bob, () => undefined),
        ['confirm', 'wp_prs_unlisted']
      )
      deepStrictEqual(
        decide(bob, () => {
          throw new Error('offline')
        }),
        ['confirm', 'wp_prs_unlisted']
      )
    })
    it('other-identity depends on the other rules: a rule that names a watcher takes the "unlisted" rule away', () => {
      const carol = _.authenticated('sip:carol@example.com')
      assert.strictEqual(_.evaluate(rules, _.request(carol, NOW, { lists })).subHandling, 'confirm')
      const more = PresRules.presRules([...rules.rules, PresRules.block(['sip:carol@example.com'], { id: 'named' })])
      // the additive law of RFC 4745 does not hold for this OMA condition
      assert.strictEqual(_.evaluate(more, _.request(carol, NOW, { lists })).subHandling, 'block')
    })
  })

  describe('documents of every usage', () => {
    it('dialog-rules: the dr:sub-handling decides', () => {
      const rules = DialogRules.dialogRules([
        DialogRules.allow(['sip:bob@example.com'], { id: 'wp_dlg_allow' }),
        DialogRules.rule({ id: 'wp_dlg_block_anonymous', oma: { anonymousRequest: true }, subHandling: 'block' })
      ])
      const back = decodeOk(DialogRules.document)(DialogRules.document.encode(rules))
      assert.strictEqual(_.evaluate(back, at(NOW, bob)).subHandling, 'allow')
      deepStrictEqual(_.evaluate(back, at(NOW, _.anonymous)).matched, ['wp_dlg_block_anonymous'])
    })
    it('plain common policy: conditions it does not type are unknown, and false (RFC 4745 §7)', () => {
      const text = PresRules.document.encode(
        PresRules.presRules([PresRules.rule({ id: 'x', oma: { anonymousRequest: true }, subHandling: 'allow' })])
      )
      assert.strictEqual(_.evaluate(decodeOk(PresRules.document)(text), at(NOW, _.anonymous)).subHandling, 'allow')
      deepStrictEqual(_.evaluate(decodeOk(CommonPolicy.document)(text), at(NOW, _.anonymous)).matched, [])
    })
    it('conditions of an extension this module does not know are false (RFC 4745 §7)', () => {
      const vendor = {
        ...PresRules.rule({ id: 'v', subHandling: 'allow' }),
        conditions: CommonPolicy.conditions({ ext: { onCall: true } })
      }
      const empty = {
        ...PresRules.rule({ id: 'e', subHandling: 'allow' }),
        conditions: CommonPolicy.conditions({ ext: { rooms: [] } })
      }
      const rules = { rules: [vendor, empty] } as unknown as _.Ruleset
      deepStrictEqual(_.evaluate(rules, at(NOW, bob)).matched, ['e'])
    })
    it('a rule without conditions matches every request', () => {
      const rules = PresRules.presRules([PresRules.rule({ id: 'all', subHandling: 'confirm' })])
      assert.strictEqual(_.evaluate(rules, at(NOW, _.anonymous)).subHandling, 'confirm')
      assert.ok(_.matches(rules, rules.rules[0], at(NOW, bob)))
    })
    it('is total on input of any shape', () => {
      for (const junk of [
        undefined,
        null,
        1,
        'x',
        [],
        { rules: [null, 1, { id: 3, conditions: 'x' }] },
        { rules: [{ conditions: { identity: { members: [{ _tag: 'One', one: null }] } } }] }
      ])
        assert.strictEqual(_.evaluate(junk as never, at(NOW, bob)).subHandling, 'block')
      assert.strictEqual(
        _.evaluate(PresRules.presRules([PresRules.allow(['sip:bob@example.com'])]), null as never).subHandling,
        'block'
      )
      deepStrictEqual(_.request(null as never, 'not a time'), { watcher: _.anonymous, at: '' })
      deepStrictEqual(_.authenticated(undefined as never), _.anonymous)
      assert.strictEqual(_.listsOf({ a: ['x', 1 as never] })('a')?.length, 1)
      assert.strictEqual(_.listsOf({})('constructor'), undefined)
      assert.strictEqual(_.sphereOf(null as never), undefined)
      assert.strictEqual(
        _.atLeast(_.evaluate(PresRules.presRules([]), at(NOW, bob)), _.evaluate(PresRules.presRules([]), at(NOW, bob))),
        true
      )
    })
  })
})
