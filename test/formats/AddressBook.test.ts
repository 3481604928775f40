import * as assert from 'node:assert'
import { fileURLToPath } from 'node:url'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/AddressBook.js'
import * as RL from '../../src/formats/ResourceLists.js'
import * as Xml from '../../src/xml/Ast.js'
import { hasXmllint, xmllint } from '../../laws/Node.js'
import * as ABA from '../../laws/formats/AddressBook.js'
import * as fc from 'fast-check'
import { FullEntry, FullList, FullResourceLists, registration, resourceLists10k, scale } from '../../laws/formats/ResourceLists.js'
import { decodeErrors, decodeOk, deepStrictEqual, requireOrSkip } from '../util.js'
import { roundTripThroughHost } from './extensionHost.js'

const RLNS = RL.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const schemas = fileURLToPath(new URL('../../../shared/schemas/', import.meta.url))

// an address book as python3-sipsimple writes it (xcap-addressbook.md §2.3), with a derived list beside it
const SIPSIMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<rl:resource-lists xmlns:rl="${RLNS}" xmlns:addressbook="${_.NS}" xmlns:sipsimple="${_.SIPSIMPLE_NS}" xmlns:agp-rl="${_.AGP_RL_NS}">
  <rl:list name="oma_grantedcontacts">
    <rl:entry uri="sip:bob@example.com"><agp-rl:attributes><agp-rl:attribute name="k">v</agp-rl:attribute></agp-rl:attributes></rl:entry>
  </rl:list>
  <rl:list name="sipsimple_addressbook">
    <addressbook:contact id="id1">
      <addressbook:name>Bob</addressbook:name>
      <addressbook:uris default="uri1">
        <addressbook:uri id="uri1" uri="sip%3Abob%40example.com" type="SIP"><sipsimple:attributes/></addressbook:uri>
        <addressbook:uri id="uri2" uri="tel%3A%2B123"/>
      </addressbook:uris>
      <addressbook:dialog><addressbook:policy>block</addressbook:policy><addressbook:subscribe>false</addressbook:subscribe></addressbook:dialog>
      <addressbook:presence><addressbook:policy>allow</addressbook:policy><addressbook:subscribe>true</addressbook:subscribe></addressbook:presence>
      <sipsimple:attributes><sipsimple:attribute name="icon" nil="true"/><sipsimple:attribute name="alias">Bobby</sipsimple:attribute></sipsimple:attributes>
    </addressbook:contact>
    <addressbook:group id="grp1"><addressbook:name>Friends</addressbook:name>
      <addressbook:contacts><addressbook:contact_id>id1</addressbook:contact_id></addressbook:contacts></addressbook:group>
    <addressbook:policy-element id="pol1" uri="sip%3Acarol%40example.com">
      <addressbook:name>Carol</addressbook:name>
      <addressbook:dialog><addressbook:policy>default</addressbook:policy><addressbook:subscribe>false</addressbook:subscribe></addressbook:dialog>
      <addressbook:presence><addressbook:policy>block</addressbook:policy><addressbook:subscribe>false</addressbook:subscribe></addressbook:presence>
    </addressbook:policy-element>
  </rl:list>
</rl:resource-lists>`

const handling = (policy: _.PolicyValue, subscribe: boolean): _.EventHandling => ({ policy, subscribe })
const book = (s: string): string => `<resource-lists xmlns="${RLNS}" xmlns:ab="${_.NS}"><list name="${_.LIST_NAME}">${s}</list></resource-lists>`
const contactXml = (id: string, uris = '') =>
  `<ab:contact id="${id}"><ab:name>N</ab:name><ab:uris>${uris}</ab:uris>` +
  '<ab:dialog><ab:policy>default</ab:policy><ab:subscribe>false</ab:subscribe></ab:dialog>' +
  '<ab:presence><ab:policy>default</ab:policy><ab:subscribe>false</ab:subscribe></ab:presence></ab:contact>'

describe('AddressBook', () => {
  describe('the reference', () => {
    it("reads python3-sipsimple's address book: contacts, groups and policies in a list, attributes at entries", () => {
      const v = decode(SIPSIMPLE)
      const [granted, ab] = v.lists
      deepStrictEqual(granted.members[0], {
        _tag: 'Entry',
        entry: { uri: 'sip:bob@example.com', ext: { attributes: [{ name: 'k', value: 'v' }] }, other: [] }
      })
      deepStrictEqual(ab.ext, {
        contacts: [
          {
            id: 'id1',
            name: 'Bob',
            uris: {
              default: 'uri1',
              items: [
                { id: 'uri1', uri: 'sip%3Abob%40example.com', type: 'SIP', attributes: [], other: [] },
                { id: 'uri2', uri: 'tel%3A%2B123', other: [] }
              ]
            },
            dialog: handling('block', false),
            presence: handling('allow', true),
            attributes: [_.attribute('icon', null), _.attribute('alias', 'Bobby')],
            other: []
          }
        ],
        groups: [{ id: 'grp1', name: 'Friends', contacts: ['id1'], other: [] }],
        policies: [
          { id: 'pol1', uri: 'sip%3Acarol%40example.com', name: 'Carol', dialog: handling('default', false), presence: handling('block', false), other: [] }
        ]
      })
      assert.deepStrictEqual(ab.members, [])
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(SIPSIMPLE))
      assert.deepStrictEqual(decode(_.document.encode(v, { pretty: true })), v)
      assert.deepStrictEqual(
        (ab.ext.contacts[0].attributes ?? []).map(_.attributeValue),
        [null, 'Bobby']
      )
    })
    it("another application's attributes are its own elements: Blink reads its namespace, sipsimple's stay in other", () => {
      const BLINK = 'urn:ag-projects:blink:xml:ns:addressbook'
      const blink = RL.documentWith(RL.resourceListsWith(_.extensionsFor(BLINK)))
      const text = book(
        contactXml('c1').replace(
          '</ab:contact>',
          `<b:attributes xmlns:b="${BLINK}"><b:attribute name="preferred_media">audio</b:attribute></b:attributes><s:attributes xmlns:s="${_.SIPSIMPLE_NS}"/></ab:contact>`
        )
      )
      const c = decodeOk(blink)(text).lists[0].ext.contacts[0]
      assert.deepStrictEqual(c.attributes, [{ name: 'preferred_media', value: 'audio' }])
      assert.deepStrictEqual(c.other.map((e) => Xml.key(e.name)), [`{${_.SIPSIMPLE_NS}}attributes`])
      assert.deepStrictEqual(blink.canonical(blink.encode(decodeOk(blink)(text))), blink.canonical(text))
      const s = decode(text).lists[0].ext.contacts[0]
      assert.deepStrictEqual(s.attributes, [])
      assert.deepStrictEqual(s.other.map((e) => Xml.key(e.name)), [`{${BLINK}}attributes`])
    })
  })

  describe('codec', () => {
    it('address book elements and members may interleave; the document order comes back', () => {
      const text = book(`<entry uri="sip:a@x"/>${contactXml('c1')}<entry uri="sip:b@x"/><ab:group id="g"><ab:name>G</ab:name><ab:contacts/></ab:group>`)
      const v = decode(text)
      assert.deepStrictEqual(v.lists[0].order, [`{${RLNS}}entry`, `{${_.NS}}contact`, `{${RLNS}}entry`, `{${_.NS}}group`])
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(text))
    })
    it('reads every lexical form of xs:boolean, and writes true or false', () => {
      const v = decode(book(contactXml('c1').replace('<ab:subscribe>false</ab:subscribe></ab:presence>', '<ab:subscribe>1</ab:subscribe></ab:presence>')))
      assert.strictEqual(v.lists[0].ext.contacts[0].presence.subscribe, true)
      assert.match(_.document.encode(v), /<ab:subscribe>true<\/ab:subscribe><\/ab:presence>/)
    })
    it('ids are xs:IDs: unique across the document, contacts, URIs, groups and policies alike', () => {
      assert.deepStrictEqual(errors(book(contactXml('x1', '<ab:uri id="x1" uri="sip:a@x"/>'))), [
        '/resource-lists/list[1]/contact[1]/uris/uri[1]/@id: expected a unique xs:ID, got "x1" again (first at /resource-lists/list[1]/contact[1]/@id)'
      ])
      assert.deepStrictEqual(errors(book(contactXml('1x'))), ['/resource-lists/list[1]/contact[1]/@id: expected an xs:ID, got "1x"'])
    })
    it('refuses what addressbook.xsd refuses, and unknown elements of its namespace', () => {
      assert.deepStrictEqual(errors(book('<ab:contact id="c"><ab:name>N</ab:name></ab:contact><ab:vcard/>')), [
        `/resource-lists/list[1]/vcard[1]: expected no element <{${_.NS}}vcard> here, got one`,
        `/resource-lists/list[1]/contact[1]: expected a child <{${_.NS}}uris>, got nothing`,
        `/resource-lists/list[1]/contact[1]: expected a child <{${_.NS}}dialog>, got nothing`,
        `/resource-lists/list[1]/contact[1]: expected a child <{${_.NS}}presence>, got nothing`
      ])
      assert.deepStrictEqual(errors(book(contactXml('c').replace('<ab:policy>default</ab:policy>', '<ab:policy>confirm</ab:policy>'))), [
        '/resource-lists/list[1]/contact[1]/dialog/policy: expected "allow" | "block" | "default", got "confirm"'
      ])
    })
    it("attributesIn: an application's settings in its namespace", () => {
      const ns = 'urn:example:app'
      const r = _.attributesIn(ns).decode(
        Xml.element({ ns, local: 'attributes' }, {}, [
          Xml.element({ ns, local: 'attribute' }, { name: 'a' }, [Xml.text('1')]),
          Xml.element({ ns, local: 'attribute' }, { name: 'b', nil: 'true' })
        ])
      )
      assert.deepStrictEqual(r, { _tag: 'Right', right: [_.attribute('a', '1'), _.attribute('b', null)] })
    })
    it('extension elements out of place are refused by the guard', () => {
      const l = _.listOf({ name: 'x' })
      assert.ok(_.List.is(l))
      assert.ok(!_.List.is({ ...l, members: [{ _tag: 'Other', element: Xml.element({ ns: _.NS, local: 'contact' }) }] }))
      assert.ok(!_.Contact.is({ ..._.contact({ id: 'c', name: 'n' }), other: [Xml.element({ ns: _.SIPSIMPLE_NS, local: 'attributes' })] }))
    })
  })

  describe('extensions', () => {
    roundTripThroughHost('AddressBook.list', _.list, ABA.list)
    roundTripThroughHost('AddressBook.entry', _.entry, ABA.entry)
    it('are the full format', () => {
      assert.strictEqual(_.extensions.list, _.list)
      assert.strictEqual(_.extensions.entry, _.entry)
      assert.strictEqual(_.document.id, 'resource-lists')
      assert.strictEqual(_.document.contentType, RL.CONTENT_TYPE)
      assert.strictEqual(registration.codec, _.document)
    })
  })

  describe('arbitraries', () => {
    it('generate values the guards accept: entries, lists, and documents with unique ids', () => {
      fc.assert(fc.property(FullEntry, (e) => _.Entry.is(e)), { numRuns: 50 })
      fc.assert(fc.property(FullList, (l) => _.List.is(l)), { numRuns: 50 })
      fc.assert(fc.property(FullResourceLists, (d) => _.document.is(d)), { numRuns: 50 })
    })
  })

  describe('constructors', () => {
    it('build contacts, groups and policies with fresh ids in the reference style', () => {
      const c = _.contact({
        name: 'Bob',
        uris: ['sip:bob@example.com', _.contactUri('tel:+1', { id: 'u2', type: 'tel' })],
        default: 'u2',
        presence: { policy: 'allow', subscribe: true }
      })
      assert.match(c.id, /^id[0-9]+$/)
      assert.match(c.uris.items[0].id, /^id[0-9]+$/)
      assert.notStrictEqual(c.id, c.uris.items[0].id)
      assert.deepStrictEqual(c.uris.items[1], { id: 'u2', uri: 'tel:+1', type: 'tel', other: [] })
      assert.deepStrictEqual([c.uris.default, c.dialog, c.presence], ['u2', handling('default', false), handling('allow', true)])
      assert.deepStrictEqual(_.group({ id: 'g', name: 'G', contacts: [c.id], attributes: { pinned: 'yes', icon: null } }), {
        id: 'g',
        name: 'G',
        contacts: [c.id],
        attributes: [{ name: 'pinned', value: 'yes' }, { name: 'icon', nil: true, value: '' }],
        other: []
      })
      assert.deepStrictEqual(_.policy({ id: 'p', uri: 'sip:carol@example.com', dialog: { policy: 'block' } }), {
        id: 'p',
        uri: 'sip:carol@example.com',
        name: '',
        dialog: handling('block', false),
        presence: handling('default', false),
        other: []
      })
      assert.deepStrictEqual(_.handlingOf('nonsense' as never, 'yes' as never), handling('default', false))
      assert.match(_.freshId(), /^id[0-9]{22}$/)
    })
    it('complete lists of any composition to the full format, at every depth', () => {
      const plain = RL.list({ name: 'outer', members: [RL.entry('sip:a@x'), RL.list({ name: 'inner' })] })
      const v = _.resourceLists([plain, _.listOf({ name: _.LIST_NAME, ext: { groups: [_.group({ id: 'g', name: 'G' })] } })])
      assert.deepStrictEqual(v.lists[0].ext, { contacts: [], groups: [], policies: [] })
      assert.deepStrictEqual(v.lists[0].members[1], { _tag: 'List', list: { name: 'inner', members: [], ext: { contacts: [], groups: [], policies: [] } } })
      assert.deepStrictEqual(v.lists[1].ext.groups.map((g) => g.id), ['g'])
      assert.ok(_.document.is(v))
      assert.deepStrictEqual(_.resourceLists([null, 7] as never), { lists: [] })
      assert.strictEqual(_.attributeValue(null as never), null)
    })
  })

  describe('optics', () => {
    const v = _.resourceLists([
      _.listOf({
        name: 'top',
        members: [
          _.listOf({ name: 'nested', ext: { contacts: [_.contact({ id: 'c2', name: 'Two' })], policies: [_.policy({ id: 'p1', uri: 'sip:p@x' })] } })
        ]
      }),
      _.listOf({ name: _.LIST_NAME, ext: { contacts: [_.contact({ id: 'c1', name: 'One' })], groups: [_.group({ id: 'g1', name: 'G' })] } })
    ])
    it('contactById, groupById, policyById: in whichever list holds them; writing back keeps the id', () => {
      assert.strictEqual(O.toUndefined(_.contactById('c2').getOption(v))?.name, 'Two')
      assert.strictEqual(O.toUndefined(_.contactById('c1').getOption(v))?.name, 'One')
      assert.strictEqual(O.toUndefined(_.groupById('g1').getOption(v))?.name, 'G')
      assert.strictEqual(O.toUndefined(_.policyById('p1').getOption(v))?.uri, 'sip:p@x')
      assert.ok(O.isNone(_.contactById('nobody').getOption(v)))
      const w = _.contactById('c2').set(_.contact({ id: 'other', name: 'Deux' }))(v)
      assert.deepStrictEqual(O.toUndefined(_.contactById('c2').getOption(w))?.name, 'Deux')
      assert.ok(_.document.is(w))
      assert.strictEqual(_.contactById('nobody').set(_.contact({ name: 'x' }))(v), v)
      assert.strictEqual(_.groupById('g1').set(O.toUndefined(_.groupById('g1').getOption(v)) as _.Group)(v), v)
    })
    it('the resource-lists optics work on the full format', () => {
      assert.deepStrictEqual(T.getAll(v)(RL.everyList<_.ListExt, _.EntryExt>()).map((h) => h.name), ['top', 'nested', _.LIST_NAME])
    })
  })

  describe('documents', () => {
    it('scale(n): about n entries, a valid document', () => {
      for (const n of [0, 1, 9, 100]) {
        const d = scale(n)
        assert.strictEqual(T.getAll(d)(RL.everyEntry<_.ListExt, _.EntryExt>()).length, n)
        assert.ok(_.document.is(d), `scale(${n})`)
      }
    })
    it('resource-lists-10k: about 1.2 MB, 10,000 entries, decodes and round-trips', () => {
      const text = resourceLists10k()
      assert.strictEqual(text, resourceLists10k())
      const bytes = new TextEncoder().encode(text).length
      assert.ok(bytes > 1_100_000 && bytes < 1_300_000, `${bytes} bytes`)
      const v = decode(text)
      const entries = T.getAll(v)(RL.everyEntry<_.ListExt, _.EntryExt>())
      assert.strictEqual(entries.length, 10_000)
      assert.strictEqual(entries.filter((e) => e.ext.attributes !== undefined).length, 1000)
      assert.strictEqual(v.lists.length, 10)
      assert.strictEqual(v.lists.flatMap((l) => l.ext.contacts).length, 100)
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(text))
    })
    it('resource-lists-10k is valid by resourcelists.xsd and addressbook.xsd', async (ctx) => {
      if (!(await hasXmllint())) return requireOrSkip(ctx, 'xmllint is not installed')
      const [errs] = await xmllint(schemas)([resourceLists10k()], ['resourcelists.xsd', 'addressbook.xsd'])
      assert.deepStrictEqual(errs, [])
    })
  })
})
