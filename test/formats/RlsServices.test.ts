import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/RlsServices.js'
import * as AddressBook from '../../src/formats/AddressBook.js'
import * as RL from '../../src/formats/ResourceLists.js'
import * as Xml from '../../src/xml/Ast.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import { decodeErrors, decodeOk, deepStrictEqual } from '../util.js'

const NS = _.NS
const X = 'urn:example:x'
const corpus = fileURLToPath(new URL('../../../shared/corpus/rls-services/', import.meta.url))
const read = (f: string): string => readFileSync(corpus + f, 'utf8')
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const doc = (services: string): string => `<rls-services xmlns="${NS}" xmlns:rl="${RL.NS}" xmlns:x="${X}">${services}</rls-services>`
const presence: _.Packages = { packages: ['presence'], other: [] }

describe('RlsServices', () => {
  describe('RFC examples', () => {
    it('RFC 4826 §4.3: a service by reference and a service with its list in place', () => {
      const v = decode(read('rfc4826-sec4.3.xml'))
      deepStrictEqual(v, {
        services: [
          {
            uri: 'sip:mybuddies@example.com',
            resources: {
              _tag: 'ResourceList',
              resourceList:
                'http://xcap.example.com/resource-lists/user\n   s/sip:joe@example.com/index/~~/resource-lists/list%5b@nam\n   e=%22l1%22%5d'
            },
            packages: presence,
            other: []
          },
          {
            uri: 'sip:marketing@example.com',
            resources: {
              _tag: 'List',
              list: {
                name: 'marketing',
                members: [
                  { _tag: 'Entry', entry: { uri: 'sip:joe@example.com', ext: {}, other: [] } },
                  { _tag: 'Entry', entry: { uri: 'sip:sudhir@example.com', ext: {}, other: [] } }
                ],
                ext: {}
              }
            },
            packages: presence,
            other: []
          }
        ]
      })
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(read('rfc4826-sec4.3.xml')))
      // the list in place is <rls:list>; the lists inside it are <rl:list>s
      assert.match(_.document.encode(v), /<list name="marketing"><rl:entry uri="sip:joe@example.com"\/>/)
    })
    it('RFC 4826 §4.4.8: a document without namespaces is not an rls-services document', () => {
      assert.deepStrictEqual(errors(read('rfc4826-sec4.4.8-1.xml')), [`/rls-services: expected element <{${NS}}rls-services>, got <rls-services>`])
    })
  })

  describe('codec', () => {
    it('a service has exactly one of a resource-list and a list', () => {
      assert.deepStrictEqual(errors(read('openxcap-rls-services-non-unique-service.xml')), [
        `/rls-services/service[2]: expected at most 1 <{${NS}}resource-list> | <{${NS}}list>, got 2`,
        `/rls-services/service[3]: expected at least 1 <{${NS}}resource-list> | <{${NS}}list>, got 0`
      ])
    })
    it('an inline list keeps the resource-lists constraints, at its own path', () => {
      const members = '<rl:entry uri="sip:a@x"/><rl:list name="n"/><rl:entry uri="sip:a@x"/><rl:list name="n"/>'
      assert.deepStrictEqual(errors(doc(`<service uri="sip:s@x"><list>${members}</list></service>`)), [
        '/rls-services/service[1]/list[1]/entry[2]/@uri: expected an entry URI unique in its list, got "sip:a@x" again',
        '/rls-services/service[1]/list[1]/list[2]/@name: expected a list name unique among its sibling lists, got "n" again'
      ])
    })
    it('keeps foreign elements and attributes of services, and package names interleaved with foreign elements', () => {
      const text = doc(
        '<service uri="sip:s@x" x:a="1"><resource-list> http://xcap/x </resource-list>' +
          '<packages><package>presence</package><x:p/><package> dialog</package></packages><x:s/></service>'
      )
      const v = decode(text)
      const s = v.services[0]
      assert.deepStrictEqual(s.otherAttrs, { [`{${X}}a`]: '1' })
      assert.deepStrictEqual(s.resources, { _tag: 'ResourceList', resourceList: ' http://xcap/x ' })
      assert.deepStrictEqual(s.packages?.packages, ['presence', ' dialog'])
      assert.deepStrictEqual(s.packages?.order, [`{${NS}}package`, `{${X}}p`, `{${NS}}package`])
      assert.deepStrictEqual(s.other.map((e) => e.name.local), ['s'])
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(text))
    })
    it('refuses packages out of place and elements of its own namespace it does not know', () => {
      assert.deepStrictEqual(errors(doc(`<service uri="sip:s@x"><packages/><resource-list>x</resource-list><bogus/></service>`)), [
        `/rls-services/service[1]/resource-list[1]: expected <{${NS}}resource-list> before <{${NS}}packages>, got it after`,
        `/rls-services/service[1]/bogus[1]: expected no element <{${NS}}bogus> here, got one`
      ])
    })
    it('takes typed extensions for its lists in place', () => {
      const codec = _.rlsServicesWith({ list: AddressBook.list })
      const r = codec.decode(
        Xml.element({ ns: NS, local: 'rls-services' }, {}, [
          Xml.element({ ns: NS, local: 'service' }, { uri: 'sip:s@x' }, [
            Xml.element({ ns: NS, local: 'list' }, {}, [
              Xml.element({ ns: AddressBook.NS, local: 'group' }, { id: 'g' }, [
                Xml.element({ ns: AddressBook.NS, local: 'name' }, {}, [Xml.text('G')]),
                Xml.element({ ns: AddressBook.NS, local: 'contacts' })
              ])
            ])
          ])
        ])
      )
      assert.ok(r._tag === 'Right')
      const s = r.right.services[0]
      assert.ok(s.resources._tag === 'List')
      assert.deepStrictEqual(s.resources.list.ext.groups, [{ id: 'g', name: 'G', contacts: [], other: [] }])
      assert.ok(_.serviceWith({ list: AddressBook.list }).is(s))
      assert.ok(!_.Service.is(s))
    })
  })

  describe('constraints (RFC 4826 §4.4.5)', () => {
    it('service URIs are unique in the document, compared in their canonical form', () => {
      const svc = (uri: string) => `<service uri="${uri}"><resource-list>x</resource-list></service>`
      assert.strictEqual(decode(doc(svc('sip:friends@example.com') + svc('SIP:friends@EXAMPLE.com;user=IP?x=1'))).services.length, 2)
      assert.deepStrictEqual(errors(doc(svc('sip:friends@example.com;user=ip') + svc('sip:other@example.com') + svc('SIP:friends@EXAMPLE.com;User=IP?x=1'))), [
        '/rls-services/service[3]/@uri: expected a service URI unique in the document, got "SIP:friends@EXAMPLE.com;User=IP?x=1" again'
      ])
      // the user part is case-sensitive, and other schemes are compared as written
      assert.strictEqual(decode(doc(svc('sip:Friends@example.com') + svc('sip:friends@example.com') + svc('pres:a@x') + svc('pres:A@x'))).services.length, 4)
      assert.ok(!_.RlsServices.is({ services: [_.service({ uri: 'sip:a@x' }), _.service({ uri: 'sip:a@X' })] }))
    })
    it('canonicalUri: RFC 4826 §5', () => {
      assert.strictEqual(_.canonicalUri('sip:%6aoe%20smith@example.com'), 'sip:joe%20smith@example.com')
      assert.strictEqual(_.canonicalUri('SIPS:Bob@Biloxi.COM:5061;Transport=TCP;lr;maddr=A.B?subject=x'), 'sips:Bob@biloxi.com:5061;lr;maddr=a.b;transport=tcp')
      assert.strictEqual(_.canonicalUri('sip:example.com;%61=%2f'), 'sip:example.com;a=/')
      assert.strictEqual(_.canonicalUri('sip:a%2fb%3a@x;p=%3B'), 'sip:a/b%3A@x;p=%3B')
      assert.strictEqual(_.canonicalUri('  tel:+1 '), 'tel:+1')
      assert.strictEqual(_.canonicalUri('sip:1234578901@gsma.org;pres-list=rcs'), 'sip:1234578901@gsma.org;pres-list=rcs')
      assert.strictEqual(_.canonicalUri(7 as never), '7')
    })
  })

  describe('document', () => {
    it('is the XCAP usage rls-services', () => {
      assert.strictEqual(_.document.id, 'rls-services')
      assert.strictEqual(_.document.contentType, _.CONTENT_TYPE)
      assert.strictEqual(_.document.auid, 'rls-services')
      assert.strictEqual(
        documentUri('https://xcap.example.com/', _.usage, 'sip:alice@example.com'),
        'https://xcap.example.com/rls-services/users/sip:alice@example.com/index'
      )
    })
  })

  describe('constructors', () => {
    it('build services by reference or with a list in place', () => {
      const v = _.rlsServices([
        _.service({ uri: 'sip:alice+presence@example.com', resourceList: 'https://xcap.example.com/x', packages: ['presence'] }),
        _.service({ uri: 'sip:alice+friends@example.com', list: RL.list({ name: 'friends', members: [RL.entry('sip:bob@example.com')] }) })
      ])
      assert.deepStrictEqual(v.services[0], {
        uri: 'sip:alice+presence@example.com',
        resources: { _tag: 'ResourceList', resourceList: 'https://xcap.example.com/x' },
        packages: presence,
        other: []
      })
      assert.strictEqual(v.services[1].resources._tag, 'List')
      assert.strictEqual(v.services[1].packages, undefined)
      assert.ok(_.document.is(v))
      assert.deepStrictEqual(_.rlsServices([null, 'x'] as never), { services: [] })
      assert.deepStrictEqual(_.service(null as never), { uri: '', resources: { _tag: 'ResourceList', resourceList: '' }, other: [] })
    })
  })

  describe('optics', () => {
    const v = decode(read('openxcap-rls-services.xml'))
    it('serviceByUri: the service with this URI; writing it back keeps the URI', () => {
      const m = _.serviceByUri('sip:marketing@example.com')
      assert.strictEqual(O.toUndefined(m.getOption(v))?.resources._tag, 'List')
      const w = m.set(_.service({ uri: 'sip:x@example.com', resourceList: 'https://xcap.example.com/y' }))(v)
      assert.deepStrictEqual(O.toUndefined(m.getOption(w))?.uri, 'sip:marketing@example.com')
      assert.ok(_.document.is(w))
    })
    it('everyPackage: the package names of a service, none when it has no <packages>', () => {
      assert.deepStrictEqual(T.getAll(v)(_.everyPackage('sip:mybuddies@example.com')), ['presence'])
      const w = T.modify((p: string) => p.toUpperCase())(_.everyPackage('sip:mybuddies@example.com'))(v)
      assert.deepStrictEqual(T.getAll(w)(_.everyPackage('sip:mybuddies@example.com')), ['PRESENCE'])
      assert.deepStrictEqual(T.getAll(w)(_.everyPackage('sip:marketing@example.com')), ['presence'])
      const none = _.rlsServices([_.service({ uri: 'sip:a@x', resourceList: 'r' })])
      assert.deepStrictEqual(T.getAll(none)(_.everyPackage('sip:a@x')), [])
      assert.strictEqual(T.set('dialog')(_.everyPackage('sip:a@x'))(none), none)
    })
  })
})
