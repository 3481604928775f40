import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/CommonPolicy.js'
import * as C from '../../src/codec/Element.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'
import { reportDropped } from '../../src/codec/DecodeError.js'
import * as CP from '../../laws/formats/CommonPolicy.js'
import { expectEqual } from '../../laws/Law.js'
import { decodeErrors, decodeOk } from '../util.js'

const NS = _.NS
const corpus = fileURLToPath(new URL('../../../shared/corpus/common-policy/', import.meta.url))
const read = (f: string): string => readFileSync(corpus + f, 'utf8')
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const doc = (body: string, extra = ''): string => `<ruleset xmlns="${NS}" xmlns:x="urn:example:x"${extra}>${body}</ruleset>`
const rule = (conditions: string): string => doc(`<rule id="a"><conditions>${conditions}</conditions></rule>`)
const empty = { ext: {}, other: [] }

describe('CommonPolicy', () => {
  describe('RFC 4745 examples', () => {
    it('§12: identity, sphere and validity', () => {
      assert.deepStrictEqual(decode(read('rfc4745-sec12.xml')), {
        rules: [
          {
            id: 'f3g44r1',
            conditions: {
              identity: { members: [{ _tag: 'One', one: { id: 'sip:bob@example.com', other: [] } }] },
              sphere: { value: 'work' },
              validity: [{ from: '2003-12-24T17:00:00+01:00', until: '2003-12-24T19:00:00+01:00' }],
              ext: {},
              other: []
            },
            actions: empty,
            transformations: empty
          }
        ]
      })
    })
    it('§7.1.2: three <one> in document order', () => {
      const v = decode(read('rfc4745-sec7.1.2.xml'))
      assert.deepStrictEqual(
        v.rules[0].conditions?.identity?.members.map((m) => (m._tag === 'One' ? m.one.id : m._tag)),
        ['sip:alice@example.com', 'tel:+1-212-555-1234', 'mailto:bob@example.net']
      )
    })
    it('§7.1.3.1: <many/> matches any authenticated identity', () => {
      assert.deepStrictEqual(decode(read('rfc4745-sec7.1.3.1.xml')).rules[0].conditions?.identity, {
        members: [{ _tag: 'Many', many: { members: [] } }]
      })
    })
    it('§7.1.3.2: exceptions by domain and by id, conditions in the document order', () => {
      const v = decode(read('rfc4745-sec7.1.3.2.xml'))
      const c = v.rules[0].conditions!
      assert.deepStrictEqual(c.identity?.members[0], {
        _tag: 'Many',
        many: {
          members: [
            { _tag: 'Except', except: { domain: 'example.com' } },
            { _tag: 'Except', except: { domain: 'example.org' } },
            { _tag: 'Except', except: { id: 'sip:alice@bad.example.net' } },
            { _tag: 'Except', except: { id: 'sip:bob@good.example.net' } },
            { _tag: 'Except', except: { id: 'tel:+1-212-555-1234' } },
            { _tag: 'Except', except: { id: 'sip:alice@example.com' } }
          ]
        }
      })
      // <sphere> comes first in the document: the order is kept, and the encoding writes it back
      assert.deepStrictEqual(c.order, [`{${NS}}sphere`, `{${NS}}identity`, `{${NS}}validity`])
      assert.match(_.document.encode(v), /<conditions><sphere value="work"\/><identity>/)
    })
    it('§7.1.3.3: a domain with exceptions', () => {
      assert.deepStrictEqual(decode(read('rfc4745-sec7.1.3.3.xml')).rules[0].conditions?.identity?.members, [
        {
          _tag: 'Many',
          many: {
            domain: 'example.com',
            members: [
              { _tag: 'Except', except: { id: 'sip:alice@example.com' } },
              { _tag: 'Except', except: { id: 'sip:bob@example.com' } }
            ]
          }
        }
      ])
    })
    it('§7.3: three rules, spheres of one and two tokens', () => {
      const v = decode(read('rfc4745-sec7.3.xml'))
      assert.deepStrictEqual(v.rules.map((r) => r.id), ['f3g44r2', 'y6y55r2', 'z6y55r2'])
      assert.deepStrictEqual(v.rules.map((r) => _.sphereTokens(r.conditions!.sphere!)), [['work'], ['home'], ['home', 'work']])
      assert.strictEqual(v.rules[2].conditions?.order, undefined)
    })
    it('§7.4: validity with fractional seconds, kept as written', () => {
      const c = decode(read('rfc4745-sec7.4.xml')).rules[0].conditions!
      assert.deepStrictEqual(c.validity, [{ from: '2003-08-15T10:20:00.000-05:00', until: '2003-09-15T10:20:00.000-05:00' }])
      assert.strictEqual(_.isValidAt(c.validity!, '2003-08-15T15:20:00Z'), true)
      assert.strictEqual(_.isValidAt(c.validity!, '2003-09-15T15:20:00Z'), false) // until is exclusive
      assert.strictEqual(_.isValidAt(c.validity!, new Date('2003-09-01T00:00:00Z')), true)
      assert.strictEqual(_.isValidAt(c.validity!, 'not a date'), false)
    })
    it('every example re-encodes to a document that decodes to the same value', () => {
      for (const f of ['rfc4745-sec12.xml', 'rfc4745-sec7.1.2.xml', 'rfc4745-sec7.1.3.2.xml', 'rfc4745-sec7.3.xml', 'rfc4745-sec7.4.xml']) {
        const v = decode(read(f))
        assert.deepStrictEqual(decode(_.document.encode(v)), v)
        assert.deepStrictEqual(decode(_.document.encode(v, { pretty: true })), v)
      }
    })
  })

  describe('codec', () => {
    it('keeps foreign elements where the schema has wildcards: identity members in place, many, one, conditions, actions, transformations', () => {
      const v = decode(
        doc(
          `<rule id="r"><conditions><x:geo/><identity><one id="sip:a@example.com"><x:note>n</x:note></one><x:group name="g"/>` +
            `<many><x:why/><except domain="example.org"/></many></identity></conditions>` +
            `<actions><x:act>1</x:act></actions><transformations><x:t/></transformations></rule>`
        )
      )
      const c = v.rules[0].conditions!
      assert.deepStrictEqual(c.other.map((e) => e.name.local), ['geo'])
      const ms = c.identity!.members
      assert.deepStrictEqual(ms.map((m) => m._tag), ['One', 'Other', 'Many'])
      assert.deepStrictEqual(ms[0]._tag === 'One' && ms[0].one.other.map((e) => Xml.textOf(e)), ['n'])
      assert.deepStrictEqual(ms[1]._tag === 'Other' && Xml.stripHints(ms[1].element), Xml.element({ ns: 'urn:example:x', local: 'group' }, { name: 'g' }, []))
      assert.deepStrictEqual(ms[2]._tag === 'Many' && ms[2].many.members.map((m) => m._tag), ['Other', 'Except'])
      assert.deepStrictEqual(v.rules[0].actions?.other.map((e) => e.name.local), ['act'])
      assert.deepStrictEqual(v.rules[0].transformations?.other.map((e) => e.name.local), ['t'])
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('the author\'s prefixes come back', () => {
      const s = `<cp:ruleset xmlns:cp="${NS}"><cp:rule id="a"/></cp:ruleset>`
      const v = decode(s)
      assert.deepStrictEqual(v.xmlns, [{ prefix: 'cp', uri: NS }])
      assert.match(_.document.encode(v), /^<\?xml[^>]*\?><cp:ruleset xmlns:cp="urn:ietf:params:xml:ns:common-policy"><cp:rule id="a"\/><\/cp:ruleset>$/)
    })
    it('an empty ruleset, and a rule with no parts', () => {
      assert.deepStrictEqual(decode(doc('')), { rules: [], xmlns: [{ prefix: 'x', uri: 'urn:example:x' }] })
      assert.deepStrictEqual(decode(`<ruleset xmlns="${NS}"><rule id="only"/></ruleset>`), { rules: [{ id: 'only' }] })
    })
    it('validity decodes to its pairs and encodes pair by pair', () => {
      const v = decode(
        rule(
          '<validity><from>2026-01-01T00:00:00Z</from><until>2026-01-02T00:00:00Z</until><from>2026-02-01T00:00:00Z</from><until>2026-02-02T00:00:00Z</until></validity>'
        )
      )
      assert.deepStrictEqual(v.rules[0].conditions?.validity, [
        { from: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z' },
        { from: '2026-02-01T00:00:00Z', until: '2026-02-02T00:00:00Z' }
      ])
      assert.match(_.document.encode(v), /<from>2026-01-01T00:00:00Z<\/from><until>2026-01-02T00:00:00Z<\/until><from>2026-02-01/)
    })
  })

  describe('errors', () => {
    it('RFC 4745 §7.2: an <except> with an id has no domain', () => {
      assert.deepStrictEqual(errors(rule('<identity><many><except id="sip:a@example.com" domain="example.com"/></many></identity>')), [
        '/ruleset/rule[1]/conditions/identity/many[1]/except[1]/@domain: expected no domain beside an id (RFC 4745 §7.2), got "example.com"'
      ])
    })
    it('RFC 4745 §7.1.3: an <except> names a user or a domain', () => {
      assert.deepStrictEqual(errors(rule('<identity><many><except domain="example.com"/><except/></many></identity>')), [
        '/ruleset/rule[1]/conditions/identity/many[1]/except[2]: expected an id or a domain attribute (RFC 4745 §7.1.3), got neither'
      ])
    })
    it('RFC 4745 §7.3: sphere tokens are separated by blanks, and there is at least one', () => {
      assert.deepStrictEqual(errors(rule('<sphere value="work&#9;home"/>')), [
        '/ruleset/rule[1]/conditions/sphere/@value: expected tokens separated by blanks (RFC 4745 §7.3), got "work\\thome"'
      ])
      assert.deepStrictEqual(errors(rule('<sphere value=""/>')), [
        '/ruleset/rule[1]/conditions/sphere/@value: expected tokens separated by blanks (RFC 4745 §7.3), got ""'
      ])
      assert.strictEqual(decode(rule('<sphere value=" home  work "/>')).rules[0].conditions?.sphere?.value, ' home  work ')
    })
    it('a <one> holds at most one foreign element', () => {
      assert.deepStrictEqual(errors(rule('<identity><one id="sip:a@example.com"><x:a/><x:a/></one></identity>')), [
        "/ruleset/rule[1]/conditions/identity/one[1]/a[2]: expected at most one foreign element (the schema's xs:any), got 2"
      ])
    })
    it('RFC 4745 §6.1: rule ids are unique in the document', () => {
      assert.deepStrictEqual(errors(doc('<rule id="a"/><rule id="a"/>')), [
        '/ruleset/rule[2]/@id: expected a unique xs:ID, got "a" again (first at /ruleset/rule[1]/@id)'
      ])
      assert.deepStrictEqual(errors(doc('<rule id="1a"/>')), ['/ruleset/rule[1]/@id: expected an xs:ID, got "1a"'])
    })
    it('an <identity> has at least one member', () => {
      assert.deepStrictEqual(errors(rule('<identity/>')), [
        '/ruleset/rule[1]/conditions/identity: expected at least 1 <{urn:ietf:params:xml:ns:common-policy}one> | <{urn:ietf:params:xml:ns:common-policy}many>, got 0'
      ])
    })
    it('RFC 4745 §7.4: <from> and <until> come in pairs', () => {
      assert.deepStrictEqual(errors(rule('<validity><from>2003-12-24T17:00:00Z</from></validity>')), [
        '/ruleset/rule[1]/conditions/validity: expected <{urn:ietf:params:xml:ns:common-policy}until>, got nothing'
      ])
      assert.deepStrictEqual(errors(rule('<validity><until>2003-12-24T17:00:00Z</until><from>2003-12-24T17:00:00Z</from></validity>')), [
        '/ruleset/rule[1]/conditions/validity/until[1]: expected <{urn:ietf:params:xml:ns:common-policy}from>, got <{urn:ietf:params:xml:ns:common-policy}until>'
      ])
      assert.deepStrictEqual(errors(rule('<validity/>')), [
        '/ruleset/rule[1]/conditions/validity: expected at least 1 <{urn:ietf:params:xml:ns:common-policy}from>, got 0'
      ])
      assert.deepStrictEqual(errors(rule('<validity><from>2003-12-24T25:00:00Z</from><until>2003-12-24T17:00:00Z</until></validity>')), [
        '/ruleset/rule[1]/conditions/validity/from[1]: expected an xs:dateTime, got "2003-12-24T25:00:00Z"'
      ])
    })
    it('a condition element occurs at most once', () => {
      assert.deepStrictEqual(errors(rule('<identity><many/></identity><identity><many/></identity>')), [
        '/ruleset/rule[1]/conditions/identity[2]: expected at most one <{urn:ietf:params:xml:ns:common-policy}identity>, got another'
      ])
    })
    it('an unknown element of the common-policy namespace, parts out of order', () => {
      assert.deepStrictEqual(errors(rule('<foo/>')), [
        '/ruleset/rule[1]/conditions/foo[1]: expected no element <{urn:ietf:params:xml:ns:common-policy}foo> here, got one'
      ])
      assert.deepStrictEqual(errors(doc('<rule id="a"><actions/><conditions/></rule>')), [
        '/ruleset/rule[1]/conditions[1]: expected <{urn:ietf:params:xml:ns:common-policy}conditions> before <{urn:ietf:params:xml:ns:common-policy}actions>, got it after'
      ])
    })
    it('lenient mode drops what it cannot read and reports it', () => {
      const r = _.document.decodeLenient(doc('<rule id="a"><conditions><sphere value="work"/><bogus/></conditions></rule>'))
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(r.right.value.rules[0].conditions?.sphere, { value: 'work' })
      assert.deepStrictEqual(reportDropped(r.right.dropped).length, 1)
    })
  })

  describe('rulesetWith', () => {
    const VENDOR = 'urn:example:vendor'
    const vendor = Ext.fromFields('cp:actions', { notify: C.optionalChild({ ns: VENDOR, local: 'notify' }, V.boolean) }, { name: 'Vendor' })
    const codec = _.rulesetWith({ actions: vendor })
    it('an extension reads its elements typed; other elements stay in other', () => {
      const el = Xml.element({ ns: NS, local: 'ruleset' }, {}, [
        Xml.element({ ns: NS, local: 'rule' }, { id: 'a' }, [
          Xml.element({ ns: NS, local: 'actions' }, {}, [
            Xml.element({ ns: VENDOR, local: 'notify' }, {}, [Xml.text('true')]),
            Xml.element({ ns: 'urn:example:x', local: 'y' }, {}, [])
          ])
        ])
      ])
      const r = codec.decode(el)
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(r.right.rules[0].actions?.ext, { notify: true })
      assert.deepStrictEqual(r.right.rules[0].actions?.other.map((e) => e.name.local), ['y'])
      // plain common policy keeps the vendor's element in other
      const plain = _.Ruleset.decode(el)
      assert.ok(E.isRight(plain))
      assert.deepStrictEqual(plain.right.rules[0].actions?.other.map((e) => e.name.local), ['notify', 'y'])
    })
    it('an unknown element of an extension\'s namespace is an error, not an unknown extension', () => {
      const el = Xml.element({ ns: NS, local: 'ruleset' }, {}, [
        Xml.element({ ns: NS, local: 'rule' }, { id: 'a' }, [Xml.element({ ns: NS, local: 'actions' }, {}, [Xml.element({ ns: VENDOR, local: 'nope' }, {}, [])])])
      ])
      assert.ok(E.isLeft(codec.decode(el)))
    })
  })

  describe('constructors', () => {
    it('build the §12 example', () => {
      const v = _.ruleset([
        _.rule({
          id: 'f3g44r1',
          conditions: _.conditions({
            identity: _.identity(['sip:bob@example.com']),
            sphere: _.sphere('work'),
            validity: _.validity([['2003-12-24T17:00:00+01:00', '2003-12-24T19:00:00+01:00']])
          }),
          actions: _.permissions(),
          transformations: _.permissions()
        })
      ])
      assert.deepStrictEqual(v, decode(read('rfc4745-sec12.xml')))
      assert.ok(_.document.is(v))
    })
    it('identities from URIs, <one>, <many> and members', () => {
      assert.deepStrictEqual(
        _.identity(['sip:a@example.com', _.one('tel:+1'), _.many({ domain: 'example.org', except: [_.exceptId('sip:b@example.org')] }), { _tag: 'One', one: _.one('sip:c@example.com') }]),
        {
          members: [
            { _tag: 'One', one: { id: 'sip:a@example.com', other: [] } },
            { _tag: 'One', one: { id: 'tel:+1', other: [] } },
            { _tag: 'Many', many: { domain: 'example.org', members: [{ _tag: 'Except', except: { id: 'sip:b@example.org' } }] } },
            { _tag: 'One', one: { id: 'sip:c@example.com', other: [] } }
          ]
        }
      )
      assert.deepStrictEqual(_.many(), { members: [] })
      assert.deepStrictEqual(_.many({ except: [_.exceptDomain('example.net')] }).members, [{ _tag: 'Except', except: { domain: 'example.net' } }])
    })
    it('validity from Dates and period records', () => {
      assert.deepStrictEqual(_.validity([[new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z')], { from: '2026-03-01T00:00:00Z', until: '2026-03-02T00:00:00Z' }]), [
        { from: '2026-01-01T00:00:00.000Z', until: '2026-01-02T00:00:00.000Z' },
        { from: '2026-03-01T00:00:00Z', until: '2026-03-02T00:00:00Z' }
      ])
    })
    it('rules get fresh, valid, distinct ids', () => {
      const ids = Array.from({ length: 100 }, () => _.rule().id)
      assert.strictEqual(new Set(ids).size, 100)
      for (const id of ids) assert.ok(V.id.is(id))
      assert.ok(_.freshRuleId('wp_').startsWith('wp_'))
      assert.ok(_.freshRuleId('1 bad').startsWith('r'))
    })
    it('wrong input never throws, and makes values the guard refuses or smaller valid ones', () => {
      const junk: ReadonlyArray<unknown> = [undefined, null, 5, 'x', [], {}, [null], { id: 5 }, { identity: 'x' }]
      for (const j of junk) {
        _.identity(j as never)
        _.many(j as never)
        _.validity(j as never)
        _.conditions(j as never)
        _.rule(j as never)
        _.ruleset(j as never)
        _.one(j as never)
        _.sphereTokens(j as never)
        _.isValidAt(j as never, j as never)
      }
      assert.strictEqual(_.document.is(_.ruleset([_.rule({ id: 'a', conditions: _.conditions({ sphere: _.sphere('') }) })])), false)
    })
  })

  describe('optics', () => {
    const v = decode(read('rfc4745-sec7.3.xml'))
    it('ruleById finds a rule and keeps its id on set', () => {
      assert.deepStrictEqual(O.map((r: _.Rule) => r.id)(_.ruleById('y6y55r2').getOption(v)), O.some('y6y55r2'))
      assert.ok(O.isNone(_.ruleById('nope').getOption(v)))
      const edited = _.ruleById('y6y55r2').set({ id: 'other' })(v)
      assert.deepStrictEqual(edited.rules[1], { id: 'y6y55r2' })
      assert.strictEqual(_.ruleById('nope').set({ id: 'x' })(v), v)
    })
    it('identityMembersById reads and writes the identity of a rule', () => {
      const members = [{ _tag: 'One', one: _.one('sip:carol@example.com') }] as const
      const edited = _.identityMembersById('f3g44r2').set(members)(v)
      assert.match(_.document.encode(edited), /<rule id="f3g44r2"><conditions><sphere value="work"\/><identity><one id="sip:carol@example.com"\/><\/identity>/)
      // a rule without an identity condition has no focus
      const none = _.ruleset([_.rule({ id: 'b', conditions: _.conditions({ sphere: _.sphere('home') }) })])
      assert.ok(O.isNone(_.identityMembersById('b').getOption(none)))
      assert.strictEqual(_.identityMembersById('b').set(members)(none), none)
    })
    it('everyRule visits every rule in order; edits that keep ids round-trip', () => {
      const ids: Array<string> = []
      T.getAll(v)(_.everyRule()).forEach((r) => ids.push(r.id))
      assert.deepStrictEqual(ids, ['f3g44r2', 'y6y55r2', 'z6y55r2'])
      const dropped = T.modify((r: _.Rule): _.Rule => ({ id: r.id }))(_.everyRule())(v)
      assert.deepStrictEqual(decode(_.document.encode(dropped)), dropped)
    })
    it('everyRule: the traversal laws for id-keeping functions', () => {
      const stripActions = (r: _.Rule): _.Rule => {
        const { actions: _a, ...rest } = r
        return rest
      }
      const stripSphere = (r: _.Rule): _.Rule => {
        if (r.conditions === undefined) return r
        const { sphere: _s, ...conditions } = r.conditions
        return { ...r, conditions }
      }
      fc.assert(
        fc.property(CP.Ruleset, (s) => {
          const t = _.everyRule()
          expectEqual(T.modify((r: _.Rule) => r)(t)(s), s, 'modify(identity)')
          const both = T.modify((r: _.Rule) => stripActions(stripSphere(r)))(t)(s)
          expectEqual(both, T.modify(stripActions)(t)(T.modify(stripSphere)(t)(s)), 'modify(f ∘ g)')
          expectEqual(decode(_.document.encode(both)), both, 'round trip of the edited document')
        })
      )
    })
    it('actionField: an optional over the rules that have actions; withActionField creates them', () => {
      type X = { readonly tag?: string }
      const tag = _.actionField<X, 'tag'>('tag')()
      const bare: _.Rule<{}, X> = { id: 'a' }
      assert.ok(O.isNone(tag.getOption(bare)))
      assert.strictEqual(tag.set('t')(bare), bare)
      const made = _.withActionField<X, 'tag'>('tag')(bare, 't')
      assert.deepStrictEqual(made, { id: 'a', actions: { ext: { tag: 't' }, other: [] } })
      assert.deepStrictEqual(tag.getOption(made), O.some('t'))
      assert.deepStrictEqual(tag.set(undefined)(made), { id: 'a', actions: { ext: {}, other: [] } })
      assert.strictEqual(_.withActionField<X, 'tag'>('tag')(bare, undefined), bare)
    })
  })
})

describe('CommonPolicy element codecs', () => {
  it('each part decodes on its own', () => {
    const el = (local: string, attrs: Readonly<Record<string, string>> = {}, kids: ReadonlyArray<Xml.Node> = []) => Xml.element({ ns: NS, local }, attrs, kids)
    assert.deepStrictEqual(_.Actions.decode(el('actions')), E.right({ ext: {}, other: [] }))
    assert.deepStrictEqual(_.Transformations.decode(el('transformations')), E.right({ ext: {}, other: [] }))
    assert.deepStrictEqual(_.Conditions.decode(el('conditions', {}, [el('sphere', { value: 'home' })])), E.right({ sphere: { value: 'home' }, ext: {}, other: [] }))
    assert.deepStrictEqual(_.Rule.decode(el('rule', { id: 'a' })), E.right({ id: 'a' }))
    assert.deepStrictEqual(_.One.decode(el('one', { id: 'sip:a@example.com' })), E.right({ id: 'sip:a@example.com', other: [] }))
    assert.deepStrictEqual(_.Validity.decode(el('validity', {}, [el('from', {}, [Xml.text('2026-01-01T00:00:00Z')]), el('until', {}, [Xml.text('2026-01-02T00:00:00Z')])])), E.right([{ from: '2026-01-01T00:00:00Z', until: '2026-01-02T00:00:00Z' }]))
  })
})

describe('CommonPolicy registration', () => {
  it('scale(n): a valid ruleset of n rules', () => {
    for (const n of [0, 1, 10, 100]) {
      const v = CP.registration.scale!(n)
      assert.strictEqual(v.rules.length, n)
      assert.ok(_.document.is(v))
    }
  })
})
