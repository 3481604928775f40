import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { pipe } from '#fp-ts/function'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as Op from '#monocle-ts/Optional'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Rlmi.js'
import * as Versioned from '../../src/codec/Versioned.js'
import * as Xml from '../../src/xml/Ast.js'
import { reportDropped } from '../../src/codec/DecodeError.js'
import * as RA from '../../laws/formats/Rlmi.js'
import { decodeErrors, decodeOk } from '../util.js'

const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)

// RFC 4662 §5.1
const RFC4662_5_1 = `<?xml version="1.0"?>
<list xmlns="urn:ietf:params:xml:ns:rlmi"
      uri="sip:adam-friends@lists.vancouver.example.com"
      version="7" fullState="true">
  <name xml:lang="en">Buddy List</name>
  <name xml:lang="fr">Liste d'amis</name>
  <resource uri="sip:bob@vancouver.example.com">
    <name>Bob Smith</name>
    <instance id="juwigmtboe" state="active"
              cid="12345.aaa@vancouver.example.com"/>
  </resource>
  <resource uri="sip:dave@vancouver.example.com">
    <name>Dave Jones</name>
    <instance id="hqzsuxtfyq" state="active"
              cid="12345.aab@vancouver.example.com"/>
  </resource>
  <resource uri="sip:jim@vancouver.example.com">
    <name>Jim</name>
    <instance id="oflzxqzuvg" state="terminated"
              reason="rejected" />
  </resource>
  <resource uri="sip:ed@vancouver.example.com">
    <name>Ed</name>
    <instance id="grqhzsppxb" state="pending"/>
  </resource>
</list>
`

// RFC 4662 §6, step 3 (with the RFC's stray quote after bob's URI removed) and step 13
const RFC4662_6_3 = `<?xml version="1.0" encoding="UTF-8"?>
<list xmlns="urn:ietf:params:xml:ns:rlmi"
      uri="sip:adam-friends@pres.vancouver.example.com"
      version="1" fullState="true">
  <name xml:lang="en">Buddy List at COM</name>
  <name xml:lang="de">Liste der Freunde an COM</name>
  <resource uri="sip:bob@vancouver.example.com">
    <name>Bob Smith</name>
    <instance id="juwigmtboe" state="active"
              cid="bUZBsM@pres.vancouver.example.com"/>
  </resource>
  <resource uri="sip:dave@vancouver.example.com">
    <name>Dave Jones</name>
    <instance id="hqzsuxtfyq" state="active"
              cid="ZvSvkz@pres.vancouver.example.com"/>
  </resource>
  <resource uri="sip:ed@dallas.example.net">
    <name>Ed at NET</name>
  </resource>
  <resource uri="sip:adam-friends@stockholm.example.org">
    <name xml:lang="en">My Friends at ORG</name>
    <name xml:lang="de">Meine Freunde an ORG</name>
  </resource>
</list>
`
const RFC4662_6_13 = `<?xml version="1.0" encoding="UTF-8"?>
<list xmlns="urn:ietf:params:xml:ns:rlmi"
      uri="sip:adam-friends@pres.vancouver.example.com" version="2"
      fullState="false">
  <name xml:lang="en">Buddy List at COM</name>
  <name xml:lang="de">Liste der Freunde an COM</name>
  <resource uri="sip:ed@dallas.example.net">
    <name>Ed at NET</name>
    <instance id="sdlkmeopdf" state="pending"/>
  </resource>
  <resource uri="sip:adam-friends@stockholm.example.org">
    <name xml:lang="en">My Friends at ORG</name>
    <name xml:lang="de">Meine Freunde an ORG</name>
    <instance id="cmpqweitlp" state="active"
              cid="1KQhyE@pres.vancouver.example.com"/>
  </resource>
</list>
`

const list = (attrs: string, body = ''): string =>
  `<list xmlns="urn:ietf:params:xml:ns:rlmi" uri="sip:l@example.com" version="3" fullState="true"${attrs}>${body}</list>`

describe('Rlmi', () => {
  describe('RFC examples', () => {
    it('RFC 4662 §5.1: a buddy list with active, terminated and pending instances', () => {
      assert.deepStrictEqual(decode(RFC4662_5_1), {
        uri: 'sip:adam-friends@lists.vancouver.example.com',
        version: 7,
        fullState: true,
        names: [
          { lang: 'en', value: 'Buddy List' },
          { lang: 'fr', value: "Liste d'amis" }
        ],
        resources: [
          {
            uri: 'sip:bob@vancouver.example.com',
            names: [{ value: 'Bob Smith' }],
            instances: [{ id: 'juwigmtboe', state: 'active', cid: '12345.aaa@vancouver.example.com', other: [] }]
          },
          {
            uri: 'sip:dave@vancouver.example.com',
            names: [{ value: 'Dave Jones' }],
            instances: [{ id: 'hqzsuxtfyq', state: 'active', cid: '12345.aab@vancouver.example.com', other: [] }]
          },
          {
            uri: 'sip:jim@vancouver.example.com',
            names: [{ value: 'Jim' }],
            instances: [{ id: 'oflzxqzuvg', state: 'terminated', reason: 'rejected', other: [] }]
          },
          {
            uri: 'sip:ed@vancouver.example.com',
            names: [{ value: 'Ed' }],
            instances: [{ id: 'grqhzsppxb', state: 'pending', other: [] }]
          }
        ]
      })
    })
    it('RFC 4662 §6: resources without instances (state not known yet), a partial document', () => {
      const first = decode(RFC4662_6_3)
      assert.deepStrictEqual(
        first.resources.map((r) => [r.uri, r.instances.length]),
        [
          ['sip:bob@vancouver.example.com', 1],
          ['sip:dave@vancouver.example.com', 1],
          ['sip:ed@dallas.example.net', 0],
          ['sip:adam-friends@stockholm.example.org', 0]
        ]
      )
      const next = decode(RFC4662_6_13)
      assert.strictEqual(next.fullState, false)
      assert.strictEqual(next.version, 2)
    })
    it('the RFC erratum (a stray quote after an attribute) is not well-formed', () => {
      assert.deepStrictEqual(errors(RFC4662_6_3.replace('vancouver.example.com">', 'vancouver.example.com"">')), [
        'line 7, column 48: not well-formed XML: invalid attribute name'
      ])
    })
    it('encodes to a document that decodes to the same value', () => {
      for (const doc of [RFC4662_5_1, RFC4662_6_3, RFC4662_6_13]) {
        const v = decode(doc)
        assert.deepStrictEqual(decode(_.document.encode(v)), v)
        assert.deepStrictEqual(decode(_.document.encode(v, { pretty: true })), v)
      }
    })
  })

  describe('codecs', () => {
    it('fullState is an xs:boolean ("1", "0"); version an xs:unsignedInt', () => {
      assert.strictEqual(decode(list('').replace('fullState="true"', 'fullState="0"')).fullState, false)
      assert.deepStrictEqual(errors(list('').replace('version="3"', 'version="4294967296"')), [
        '/list/@version: expected an xs:unsignedInt, got "4294967296"'
      ])
      assert.deepStrictEqual(errors(list('').replace(' fullState="true"', '')), [
        '/list: expected attribute fullState, got nothing'
      ])
    })
    it('keeps attributes of any namespace, and the content of an instance (xs:any)', () => {
      const v = decode(
        list(
          ' xmlns:v="urn:example:v" v:tag="x" label="kept" cid="agg@example.com"',
          '<resource uri="sip:b@example.com" v:seen="1"><instance id="i" state="pending" v:why="wait"><v:hint>soon</v:hint><note>plain</note></instance></resource>'
        )
      )
      assert.deepStrictEqual(v.otherAttrs, { '{urn:example:v}tag': 'x', label: 'kept' })
      assert.strictEqual(v.cid, 'agg@example.com')
      assert.deepStrictEqual(v.resources[0].otherAttrs, { '{urn:example:v}seen': '1' })
      const i = v.resources[0].instances[0]
      assert.deepStrictEqual(i.otherAttrs, { '{urn:example:v}why': 'wait' })
      assert.deepStrictEqual(
        i.other.map((e) => [e.name, Xml.textOf(e)]),
        [
          [{ ns: 'urn:example:v', local: 'hint' }, 'soon'],
          // unqualified in a default namespace: an RLMI element, which xs:any (of any namespace) takes too
          [{ ns: _.NS, local: 'note' }, 'plain']
        ]
      )
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('refuses what the schema refuses: a foreign element in a list, an unknown state, children out of order', () => {
      assert.deepStrictEqual(errors(list(' xmlns:v="urn:example:v"', '<v:x/>')), [
        '/list/x[1]: expected no element <{urn:example:v}x> here, got one'
      ])
      assert.deepStrictEqual(
        errors(list('', '<resource uri="sip:b@example.com"><instance id="i" state="gone"/></resource>')),
        ['/list/resource[1]/instance[1]/@state: expected "active" | "pending" | "terminated", got "gone"']
      )
      assert.deepStrictEqual(errors(list('', '<resource uri="sip:b@example.com"/><name>late</name>')), [
        '/list/name[1]: expected <{urn:ietf:params:xml:ns:rlmi}name> before <{urn:ietf:params:xml:ns:rlmi}resource>, got it after'
      ])
      const l = _.document.decodeLenient(list(' xmlns:v="urn:example:v"', '<v:x/><resource uri="sip:b@example.com"/>'))
      assert.ok(E.isRight(l))
      assert.deepStrictEqual(reportDropped(l.right.dropped), [
        '/list/x[1]: dropped: unexpected element <{urn:example:v}x>'
      ])
    })
    it('checks the RFC 4662 rules beyond the schema, at the attributes concerned', () => {
      assert.deepStrictEqual(
        errors(
          list(
            '',
            '<resource uri="sip:b@example.com"><instance id="1" state="active"/><instance id="1" state="terminated"/></resource>'
          )
        ),
        [
          '/list/resource[1]/instance[2]/@id: expected an instance id unique within its resource (RFC 4662 §5.5), got "1" again',
          '/list/resource[1]/instance[1]/@cid: expected the cid of the part with the state of an active instance (RFC 4662 §5.5), got nothing',
          '/list/resource[1]/instance[2]/@reason: expected the reason of a terminated instance (RFC 4662 §5.5), got nothing'
        ]
      )
      assert.deepStrictEqual(
        errors(
          list(
            '',
            '<resource uri="sip:b@example.com"/><resource uri="sip:c@example.com"/><resource uri="sip:b@example.com"/>'
          )
        ),
        [
          '/list/resource[3]/@uri: expected a resource URI unique within the list (RFC 4662 §5.6), got "sip:b@example.com" again'
        ]
      )
    })
    it('the guard refuses what decoding would refuse', () => {
      const v = decode(RFC4662_5_1)
      assert.ok(_.document.is(v))
      assert.ok(!_.document.is({ ...v, resources: [...v.resources, v.resources[0]] }))
      assert.ok(!_.document.is({ ...v, version: -1 }))
      assert.ok(
        !_.document.is({
          ...v,
          resources: [{ ...v.resources[2], instances: [{ id: 'x', state: 'terminated', other: [] }] }]
        })
      )
    })
  })

  describe('constructors', () => {
    it('build a document that encodes and decodes back', () => {
      const doc = _.list({
        uri: 'sip:adam-friends@example.com',
        version: 0,
        fullState: true,
        names: [_.name('Buddy List', 'en')],
        resources: [
          _.resource('sip:bob@example.com', {
            names: [_.name('Bob')],
            instances: [_.instance({ id: 'i1', state: 'active', cid: 'bob@example.com' })]
          }),
          _.resource('sip:ed@example.com', {
            instances: [_.instance({ id: 'i2', state: 'terminated', reason: 'rejected' })]
          })
        ]
      })
      assert.ok(_.document.is(doc))
      assert.deepStrictEqual(decode(_.document.encode(doc)), doc)
    })
    it('give fresh instance ids', () => {
      const ids = new Set(Array.from({ length: 100 }, () => _.instance({ state: 'pending' }).id))
      assert.strictEqual(ids.size, 100)
      assert.match(_.freshId('x'), /^x[0-9a-z]+$/)
      assert.match(_.freshId('<bad>' as string), /^i[0-9a-z]+$/)
    })
    it('read wrong input as far as it makes sense', () => {
      assert.deepStrictEqual(_.list(null as never), { uri: '', version: 0, fullState: false, names: [], resources: [] })
      assert.deepStrictEqual(_.instance({ state: 'gone' as never, id: 'a' }), { id: 'a', state: 'pending', other: [] })
      assert.deepStrictEqual(_.resource(5 as never, { names: 'x' as never }), { uri: '', names: [], instances: [] })
      assert.deepStrictEqual(_.name(undefined as never), { value: '' })
    })
  })

  describe('optics', () => {
    const v = decode(RFC4662_5_1)
    it('resourceByUri ∘ instanceById: the instance of a resource; writing it back keeps the id', () => {
      const o = pipe(_.resourceByUri('sip:jim@vancouver.example.com'), Op.compose(_.instanceById('oflzxqzuvg')))
      assert.deepStrictEqual(
        o.getOption(v),
        O.some({ id: 'oflzxqzuvg', state: 'terminated', reason: 'rejected', other: [] })
      )
      const w = o.set({ id: 'other', state: 'active', cid: 'jim@example.com', other: [] })(v)
      assert.deepStrictEqual(
        o.getOption(w),
        O.some({ id: 'oflzxqzuvg', state: 'active', cid: 'jim@example.com', other: [] })
      )
      assert.strictEqual(_.resourceByUri('sip:nobody@example.com').set(v.resources[0])(v), v)
    })
  })

  describe('merge (RFC 4662 §5.6, on RLMI documents)', () => {
    const step = Versioned.apply(_.merge)
    it('the RFC 4662 §6 flow: full state, then a partial document for two resources', () => {
      const s1 = step(undefined, decode(RFC4662_6_3))
      assert.ok(s1._tag === 'Applied')
      const s2 = step(s1.state, decode(RFC4662_6_13))
      assert.ok(s2._tag === 'Applied')
      assert.strictEqual(s2.state.version, 2)
      assert.strictEqual(s2.state.value.fullState, true)
      assert.deepStrictEqual(
        s2.state.value.resources.map((r) => [r.uri, r.instances.map((i) => [i.id, i.state])]),
        [
          ['sip:bob@vancouver.example.com', [['juwigmtboe', 'active']]],
          ['sip:dave@vancouver.example.com', [['hqzsuxtfyq', 'active']]],
          ['sip:ed@dallas.example.net', [['sdlkmeopdf', 'pending']]],
          ['sip:adam-friends@stockholm.example.org', [['cmpqweitlp', 'active']]]
        ]
      )
      // the state is a full-state document the codec writes
      assert.deepStrictEqual(decode(_.document.encode(s2.state.value)), s2.state.value)
    })
    it('a terminated instance leaves its resource, in full-state documents too', () => {
      const s = step(undefined, decode(RFC4662_5_1))
      assert.ok(s._tag === 'Applied')
      assert.deepStrictEqual(
        s.state.value.resources.find((r) => r.uri === 'sip:jim@vancouver.example.com')?.instances,
        []
      )
    })

    // the laws of test/codec/Versioned.test.ts, for this rule: changes to instances of resources, against a model
    const uris = ['sip:a@example.com', 'sip:b@example.com', 'sip:c@example.com']
    const ids = ['i1', 'i2', 'i3']
    const change = fc.record({
      uri: fc.constantFrom(...uris),
      names: fc.array(RA.Name, { maxLength: 1 }),
      instance: RA.Instance.chain((i) => fc.constantFrom(...ids).map((id) => ({ ...i, id })))
    })
    type Change = typeof change extends fc.Arbitrary<infer C> ? C : never
    const batch = fc.array(change, { maxLength: 5 })
    type Model = Map<string, { names: ReadonlyArray<_.Name>; instances: Map<string, _.Instance> }>
    const applyChanges = (m: Model, cs: ReadonlyArray<Change>): void => {
      for (const c of cs) {
        const row = m.get(c.uri) ?? { names: [], instances: new Map() }
        if (c.names.length > 0 || !m.has(c.uri)) row.names = c.names
        m.set(c.uri, row)
        if (c.instance.state === 'terminated') row.instances.delete(c.instance.id)
        else {
          // delete then set: a removed instance comes back at the end, a known one keeps its place
          row.instances.set(c.instance.id, c.instance)
        }
      }
    }
    /** A document with the changes: one resource per URI in order of first mention, its last names, its instances. */
    const docOf = (version: number, fullState: boolean, cs: ReadonlyArray<Change>): _.List => {
      const rs: Array<_.Resource> = []
      for (const c of cs) {
        const i = rs.findIndex((r) => r.uri === c.uri)
        if (i < 0) rs.push({ uri: c.uri, names: c.names, instances: [c.instance] })
        else {
          const instances = [...rs[i].instances.filter((x) => x.id !== c.instance.id), c.instance]
          rs[i] = { uri: c.uri, names: c.names.length > 0 ? c.names : rs[i].names, instances }
        }
      }
      return { uri: 'sip:list@example.com', version, fullState, names: [], resources: rs }
    }
    const fullOf = (version: number, m: Model): _.List => ({
      uri: 'sip:list@example.com',
      version,
      fullState: true,
      names: [],
      resources: [...m.entries()].map(([uri, r]) => ({ uri, names: r.names, instances: [...r.instances.values()] }))
    })
    /** Changes within one document must not touch an instance twice (the RFC reports each instance once). */
    const once = (cs: ReadonlyArray<Change>): ReadonlyArray<Change> => {
      const seen = new Set<string>()
      return cs.filter((c) => {
        const k = `${c.uri} ${c.instance.id}`
        if (seen.has(k)) return false
        seen.add(k)
        return true
      })
    }

    it('a full document replaces the state', () => {
      fc.assert(
        fc.property(RA.List, RA.List, fc.integer({ min: 1, max: 1000 }), (a, b, jump) => {
          const s = step(undefined, { ...a, fullState: true })
          assert.ok(s._tag === 'Applied')
          const doc: _.List = { ...b, fullState: true, version: Math.min(2 ** 32 - 1, a.version + jump) }
          if (doc.version <= a.version) return
          const o = step(s.state, doc)
          assert.deepStrictEqual(o, step(undefined, doc))
        })
      )
    })
    it('consecutive partial documents give the state of the full document describing the end result', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 2 ** 31 }),
          batch,
          fc.array(batch, { maxLength: 6 }),
          (v0, initial, partials) => {
            const m: Model = new Map()
            const first = once(initial)
            applyChanges(m, first)
            const docs = [fullOf(v0, m), ...partials.map((cs, i) => docOf(v0 + i + 1, false, once(cs)))]
            for (const cs of partials) applyChanges(m, once(cs))
            const r = Versioned.applyAll(_.merge)(undefined, docs)
            assert.ok(r.outcomes.every((o) => o._tag === 'Applied'))
            const direct = step(undefined, fullOf(v0 + partials.length, m))
            assert.ok(direct._tag === 'Applied')
            assert.deepStrictEqual(r.state, direct.state)
          }
        )
      )
    })
    it('stale and gapped versions are never applied; a first partial document is not either', () => {
      fc.assert(
        fc.property(
          RA.List,
          RA.List,
          fc.integer({ min: 0, max: 1000 }),
          fc.integer({ min: 2, max: 1000 }),
          (a, b, back, ahead) => {
            const v = a.version
            const s = step(undefined, { ...a, fullState: true })
            assert.ok(s._tag === 'Applied')
            assert.deepStrictEqual(step(s.state, { ...b, version: Math.max(0, v - back) }), {
              _tag: 'Stale',
              current: v,
              got: Math.max(0, v - back)
            })
            if (v + ahead <= 2 ** 32 - 1)
              assert.deepStrictEqual(step(s.state, { ...b, fullState: false, version: v + ahead }), {
                _tag: 'Gap',
                expected: v + 1,
                got: v + ahead
              })
            assert.deepStrictEqual(step(undefined, { ...b, fullState: false }), {
              _tag: 'NotFullState',
              got: b.version
            })
          }
        )
      )
    })
  })
})
