import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as _ from '../../src/addressbook/Projection.js'
import * as AB from '../../src/formats/AddressBook.js'
import * as PresContent from '../../src/formats/PresContent.js'
import * as Xml from '../../src/xml/Ast.js'
import { deepStrictEqual } from '../util.js'

const ctx = Documents.context({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
const bob = Model.contact({ id: 'bob', name: 'Bob', uris: [Model.contactUri('sip:bob@example.com', { id: 'bob_sip' })], presence: { policy: 'allow', subscribe: true } })

/** The reference's own output (its §2.3 sample), percent-encoded as python3-sipsimple writes it. */
const SIPSIMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<rl:resource-lists xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:addressbook="urn:ag-projects:xml:ns:addressbook" xmlns:sipsimple="urn:ag-projects:sipsimple:xml:ns:addressbook">
  <rl:list name="sipsimple_addressbook">
    <addressbook:contact id="id1">
      <addressbook:name>Bob</addressbook:name>
      <addressbook:uris default="uri1">
        <addressbook:uri id="uri1" uri="sip%3Abob%40example.com" type="SIP"><sipsimple:attributes/></addressbook:uri>
        <addressbook:uri id="uri2" uri="tel%3A%2B123"/>
      </addressbook:uris>
      <addressbook:dialog><addressbook:policy>block</addressbook:policy><addressbook:subscribe>false</addressbook:subscribe></addressbook:dialog>
      <addressbook:presence><addressbook:policy>allow</addressbook:policy><addressbook:subscribe>true</addressbook:subscribe></addressbook:presence>
      <sipsimple:attributes><sipsimple:attribute name="icon" nil="true"/></sipsimple:attributes>
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

const readRl = (text: string): AB.ResourceLists => {
  const r = Documents.read(ctx, 'resource-lists', text)
  assert.ok(E.isRight(r), JSON.stringify(r))
  return r.right.value
}

const entries = (d: AB.ResourceLists, name: string): ReadonlyArray<string> =>
  (d.lists.find((l) => l.name === name)?.members ?? []).flatMap((m) => (m._tag === 'Entry' ? [m.entry.uri] : []))

describe('Projection', () => {
  describe('fromDocuments', () => {
    it("reads the reference's own document, URIs decoded", () => {
      const book = _.fromDocuments({ 'resource-lists': readRl(SIPSIMPLE) }, Documents.context({ root: ctx.root, xui: ctx.xui, supported: ['resource-lists', 'rls-services', 'pres-rules'] }))
      deepStrictEqual(book, {
        contacts: [
          {
            id: 'id1',
            name: 'Bob',
            uris: [
              { id: 'uri1', uri: 'sip:bob@example.com', type: 'SIP', attributes: {} },
              { id: 'uri2', uri: 'tel:+123', attributes: {} }
            ],
            default: 'uri1',
            presence: { policy: 'allow', subscribe: true },
            dialog: { policy: 'block', subscribe: false },
            attributes: { icon: null }
          }
        ],
        groups: [{ id: 'grp1', name: 'Friends', members: ['id1'], attributes: {} }],
        policies: [{ id: 'pol1', uri: 'sip:carol@example.com', name: 'Carol', presence: { policy: 'block', subscribe: false }, dialog: { policy: 'default', subscribe: false }, attributes: {} }],
        defaultPresencePolicy: 'confirm'
      })
    })
    it('gives an empty book for no documents', () => {
      deepStrictEqual(_.fromDocuments({}, ctx), Model.addressBook())
    })
  })

  describe('derivedLists', () => {
    it('computes the six lists (python3-sipsimple §2.4)', () => {
      const carol = Model.contact({ id: 'carol', name: 'Carol', uris: ['sip:carol@example.com'], dialog: { policy: 'allow', subscribe: true } })
      const p = Model.policy({ id: 'p', uri: 'sip:dave@example.com', presence: { policy: 'allow', subscribe: true }, dialog: { policy: 'block' } })
      const ignored = Model.policy({ id: 'q', uri: 'sip:carol@example.com', presence: { policy: 'block' } })
      deepStrictEqual(_.derivedLists(Model.addressBook({ contacts: [bob, carol], policies: [p, ignored] })), {
        oma_grantedcontacts: ['sip:bob@example.com', 'sip:dave@example.com'],
        oma_blockedcontacts: [],
        dialog_grantedcontacts: ['sip:carol@example.com'],
        dialog_blockedcontacts: ['sip:dave@example.com'],
        sipsimple_presence_rls: ['sip:bob@example.com', 'sip:dave@example.com'],
        sipsimple_dialog_rls: ['sip:carol@example.com']
      })
    })
  })

  describe('normalizeResourceLists', () => {
    it('creates the nine lists, purges what the address book list must not hold, and derives', () => {
      const extra = '<rl:entry uri="sip:stray@example.com"/><rl:list name="nested"/><x:note xmlns:x="urn:example:ext">kept</x:note>'
      const d = readRl(SIPSIMPLE.replace('<addressbook:group id="grp1">', `${extra}<addressbook:group id="grp1">`))
      const n = _.normalizeResourceLists(d, ctx)
      deepStrictEqual(
        n.lists.map((l) => l.name),
        ['sipsimple_addressbook', ...(_.LISTS as ReadonlyArray<string>).filter((x) => x !== AB.LIST_NAME)]
      )
      const ab = _.addressBookList(n)
      deepStrictEqual(ab?.members.map((m) => m._tag), ['Other'])
      deepStrictEqual(entries(n, 'oma_grantedcontacts'), ['sip:bob@example.com', 'tel:+123'])
      deepStrictEqual(entries(n, 'dialog_blockedcontacts'), ['sip:bob@example.com', 'tel:+123'])
      deepStrictEqual(entries(n, 'oma_blockedcontacts'), ['sip:carol@example.com'])
      assert.strictEqual(_.normalizeResourceLists(n, ctx), n)
    })
    it('rewrites a derived list only when its set of decoded URIs differs, keeping foreign elements', () => {
      const base = _.normalizeResourceLists(readRl(SIPSIMPLE), ctx)
      const spelled = {
        ...base,
        lists: base.lists.map((l) =>
          l.name === 'oma_grantedcontacts'
            ? { ...l, members: [...l.members.slice().reverse().map((m) => (m._tag === 'Entry' ? { ...m, entry: { ...m.entry, uri: Documents.encodeUri(m.entry.uri, 'sipsimple') } } : m)), { _tag: 'Other' as const, element: Xml.element({ ns: 'urn:x', local: 'y' }) }] }
            : l
        )
      }
      assert.strictEqual(_.normalizeResourceLists(spelled, ctx), spelled)
      const dropped = { ...spelled, lists: spelled.lists.map((l) => (l.name === 'oma_grantedcontacts' ? { ...l, members: l.members.slice(1) } : l)) }
      const fixed = _.normalizeResourceLists(dropped, ctx)
      deepStrictEqual(fixed.lists.find((l) => l.name === 'oma_grantedcontacts')?.members.map((m) => m._tag), ['Entry', 'Entry', 'Other'])
    })
  })

  describe('normalizeRlsServices', () => {
    it('adds the two services, fixes one pointing elsewhere, leaves others', () => {
      const s = _.normalizeRlsServices({ services: [{ uri: 'sip%3Aalice%2Bpresence%40example.com', resources: { _tag: 'ResourceList', resourceList: 'http://elsewhere' }, other: [] }, { uri: 'sip:x@y', resources: { _tag: 'ResourceList', resourceList: 'z' }, other: [] }] }, ctx)
      deepStrictEqual(s.services.map((x) => [x.uri, x.resources._tag === 'ResourceList' ? Documents.decodeUri(x.resources.resourceList) : '', x.packages?.packages]), [
        ['sip%3Aalice%2Bpresence%40example.com', Documents.decodeUri(Documents.listUrl(ctx, 'sipsimple_presence_rls')), ['presence']],
        ['sip:x@y', 'z', undefined],
        ['sip:alice+dialog@example.com', Documents.decodeUri(Documents.listUrl(ctx, 'sipsimple_dialog_rls')), ['dialog']]
      ])
      assert.strictEqual(_.normalizeRlsServices(s, ctx), s)
      deepStrictEqual([_.serviceUri(ctx, 'presence'), _.serviceUri(ctx, 'dialog')], ['sip:alice+presence@example.com', 'sip:alice+dialog@example.com'])
    })
  })

  describe('normalizeRules, normalizePresRules, normalizeDialogRules, defaultPolicyOf', () => {
    it('keeps exactly one rule for unlisted subscribers', () => {
      const both = _.normalizePresRules({ rules: [{ id: 'wp_prs_allow_unlisted', actions: { ext: { subHandling: 'allow' }, other: [] } }, { id: 'wp_prs_unlisted', actions: { ext: { subHandling: 'block' }, other: [] } }] }, ctx)
      deepStrictEqual(both.rules.map((r) => r.id), ['wp_prs_unlisted', 'wp_prs_grantedcontacts', 'wp_prs_blockedcontacts', 'wp_prs_block_anonymous', 'wp_prs_allow_own'])
      deepStrictEqual(_.defaultPolicyOf('pres-rules', both.rules), 'block')
      const onlyAllow = _.normalizePresRules({ rules: [{ id: 'wp_prs_allow_unlisted' }] }, ctx)
      deepStrictEqual(_.defaultPolicyOf('pres-rules', onlyAllow.rules), 'allow')
      const set = _.normalizePresRules(onlyAllow, ctx, 'polite-block')
      deepStrictEqual(set.rules.map((r) => r.id)[0], 'wp_prs_unlisted')
      deepStrictEqual(_.defaultPolicyOf('pres-rules', set.rules), 'polite-block')
      deepStrictEqual(_.defaultPolicyOf('pres-rules', undefined), 'confirm')
      deepStrictEqual(_.defaultPolicyOf('dialog-rules', _.normalizeDialogRules(undefined, ctx, 'allow').rules), 'allow')
    })
    it('repairs sub-handlings outside the allowed values, and transformations', () => {
      const r = _.normalizeRules('pres-rules', [{ id: 'wp_prs_grantedcontacts', actions: { ext: { subHandling: 'block' }, other: [] }, transformations: { ext: {}, other: [] } }], ctx)
      deepStrictEqual([r[0].actions?.ext.subHandling, r[0].transformations], ['allow', undefined])
    })
  })

  describe('icon', () => {
    it('reads an icon, or says why there is none', () => {
      const png = new Uint8Array([0x89, 0x50])
      deepStrictEqual(_.iconOf(PresContent.content(png, 'image/png', { descriptions: 'me' })), E.right({ mimeType: 'image/png', data: png, description: 'me' }))
      deepStrictEqual(_.iconOf({ ...PresContent.content(png, 'image/png'), encoding: { value: '8bit' } }), E.left('/content/encoding: expected "base64", got "8bit"'))
      const doc = _.iconDocument({ mimeType: 'image/png', data: png }, undefined)
      assert.strictEqual(_.iconDocument({ mimeType: 'image/png', data: new Uint8Array([0x89, 0x50]) }, doc), doc)
    })
  })

  describe('elements', () => {
    it('write over an element keeping what the model does not hold', () => {
      const el = _.addressBookList(readRl(SIPSIMPLE.replace('</addressbook:contact>', '<x:mine xmlns:x="urn:example:ext"/></addressbook:contact>')))?.ext.contacts[0] as AB.Contact
      const m = _.contactOf(el)
      assert.strictEqual(_.contactElement(m, el, ctx), el)
      const renamed = _.contactElement({ ...m, name: 'Robert' }, el, ctx)
      deepStrictEqual([renamed.name, renamed.other.length, renamed.uris === el.uris], ['Robert', 1, true])
      const g = _.addressBookList(readRl(SIPSIMPLE))?.ext.groups[0] as AB.Group
      assert.strictEqual(_.groupElement(_.groupOf(g), g), g)
      const p = _.addressBookList(readRl(SIPSIMPLE))?.ext.policies[0] as AB.Policy
      assert.strictEqual(_.policyElement(_.policyOf(p), p, ctx), p)
      deepStrictEqual(_.contactUriElement({ id: 'u', uri: 'sip:x y@z', attributes: {} }, undefined, ctx), { id: 'u', uri: 'sip:x%20y@z', other: [], attributes: [] })
    })
    it('updateAddressBook creates the list when missing', () => {
      const d = _.updateAddressBook(undefined, (ext) => ({ ...ext, groups: [{ id: 'g', name: 'G', contacts: [], other: [] }] }))
      deepStrictEqual(d.lists.map((l) => [l.name, l.ext.groups.length]), [[AB.LIST_NAME, 1]])
    })
    it('foreignOf shows what a contact element holds beyond the model', () => {
      const docs = { 'resource-lists': readRl(SIPSIMPLE.replace('</addressbook:contact>', '<x:mine xmlns:x="urn:example:ext"/></addressbook:contact>')) }
      deepStrictEqual(_.foreignOf(docs, 'id1').map((e) => e.name.local), ['mine'])
      deepStrictEqual(_.foreignOf(docs, 'nobody'), [])
    })
  })

  describe('normalize, toDocuments', () => {
    it('are the same object on normal documents; toDocuments writes only supported documents', () => {
      const docs = _.toDocuments(Model.addressBook({ contacts: [bob] }), {}, ctx)
      assert.strictEqual(_.normalize(docs, ctx), docs)
      assert.strictEqual(_.toDocuments(_.fromDocuments(docs, ctx), docs, ctx), docs)
      const small = Documents.context({ root: ctx.root, xui: ctx.xui, supported: ['resource-lists'] })
      deepStrictEqual(Object.keys(_.toDocuments(Model.addressBook({ dialog: false }), {}, small)), ['resource-lists'])
      deepStrictEqual(_.DERIVED.length, 6)
    })
  })
})
