import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as _ from '../../src/addressbook/Model.js'
import * as Presence from '../../src/formats/Presence.js'
import { assertLaw } from '../../laws/Law.js'
import { laws, optional } from '../../laws/Optic.js'
import * as AA from '../../laws/addressbook/Arbitrary.js'
import { deepStrictEqual } from '../util.js'

const bob = _.contact({ id: 'bob', name: 'Bob', uris: [_.contactUri('sip:bob@example.com', { id: 'bob_sip', type: 'SIP' }), 'tel:+1555'], default: 'bob_sip', attributes: { nick: 'b', icon: null } })

describe('Model', () => {
  describe('constructors', () => {
    it('fill in defaults and fresh ids', () => {
      const c = _.contact({ name: 'Carol', uris: ['sip:carol@example.com'] })
      assert.ok(_.isId(c.id) && /^id\d+$/.test(c.id))
      assert.ok(_.isId(c.uris[0].id) && c.uris[0].id !== c.id)
      deepStrictEqual(c.presence, { policy: 'default', subscribe: false })
      deepStrictEqual(_.handling({ policy: 'allow' }), { policy: 'allow', subscribe: false })
      deepStrictEqual(_.group({ id: 'g', name: 'G' }), { id: 'g', name: 'G', members: [], attributes: {} })
      deepStrictEqual(_.policy({ id: 'p', uri: 'sip:x@y' }), { id: 'p', uri: 'sip:x@y', name: '', presence: { policy: 'default', subscribe: false }, dialog: { policy: 'default', subscribe: false }, attributes: {} })
      deepStrictEqual(_.contact({ id: 'c', uris: [_.contactUri('sip:a@b', { id: 'u' })], defaultUri: 'sip:a@b' }).default, 'u')
      assert.notStrictEqual(_.freshId(), _.freshId())
    })
    it('never throw, whatever they are given', () => {
      for (const u of [undefined, null, 1, 'x', [], { uris: 'no' }, { presence: 7, attributes: [1] }, Object.create(null)]) {
        _.contact(u as never)
        _.group(u as never)
        _.policy(u as never)
        _.addressBook(u as never)
        _.handling(u as never)
        _.attributes(u)
        _.contactUri(u as never, u as never)
        _.problems(u as never)
      }
    })
    it('keep a setting named __proto__ as a setting', () => {
      const a = _.attributes(JSON.parse('{"__proto__": "x", "y": null}'))
      deepStrictEqual(Object.keys(a), ['__proto__', 'y'])
      assert.strictEqual(Object.getPrototypeOf(a), Object.prototype)
    })
    it('make icons, or say why not', () => {
      deepStrictEqual(_.icon(new Uint8Array([1]), 'image/bmp'), E.left('expected image/jpeg, image/png or image/gif, got "image/bmp"'))
      deepStrictEqual(_.icon(new Uint8Array([]), 'image/png'), E.left('expected the bytes of an image, got none'))
      deepStrictEqual(_.icon(new Uint8Array([1]), 'image/gif', 'me'), E.right({ mimeType: 'image/gif', data: new Uint8Array([1]), description: 'me' }))
    })
    it('make an address book; without dialog rules it has no dialog policy', () => {
      deepStrictEqual(_.addressBook(), { contacts: [], groups: [], policies: [], defaultPresencePolicy: 'confirm', defaultDialogPolicy: 'confirm' })
      deepStrictEqual(_.addressBook({ dialog: false, defaultPresencePolicy: 'allow' }), { contacts: [], groups: [], policies: [], defaultPresencePolicy: 'allow' })
    })
  })

  describe('problems', () => {
    it('says what keeps a book from being stored as it is', () => {
      const book = _.addressBook({
        contacts: [bob, { ...bob, uris: [], default: 'nope' }, _.contact({ id: '1bad', name: 'x\u0001' })],
        groups: [_.group({ id: 'g', name: 'G', members: ['bob', 'ghost', 'bob'] })],
        policies: [_.policy({ id: 'g', uri: 'a\ud800' })],
        icon: { mimeType: 'image/png', data: new Uint8Array([]) }
      })
      deepStrictEqual(_.problems(book), [
        'contact "bob": expected an id unique in the address book, got "bob" again',
        'contact "bob": expected the default to be the id of one of its URIs, got "nope"',
        'contact "1bad": expected an id (^[A-Za-z_][A-Za-z0-9_.-]*$), got "1bad"',
        'contact "1bad": expected a name XML can hold',
        'group "g": expected members that are contacts, got "ghost"',
        'group "g": expected each member once, got "bob" again',
        'policy "g": expected an id unique in the address book, got "g" again',
        'policy "g": expected a well-formed URI',
        'icon: expected the bytes of an image, got none'
      ])
      deepStrictEqual(_.problems(_.addressBook({ defaultDialogPolicy: 'allow' }), { dialog: false }), ['default dialog policy: expected none where the server has no dialog rules'])
      deepStrictEqual(_.problems(_.addressBook({ dialog: false }), { dialog: true }), ['default dialog policy: expected a sub-handling where the server has dialog rules'])
      deepStrictEqual(_.problems({ contacts: [1], groups: 'x', policies: [] } as never), ['contacts[0]: expected a contact', 'groups: expected a list', 'default presence policy: expected a sub-handling, got undefined', 'default dialog policy: expected none where the server has no dialog rules'].filter((p) => !p.startsWith('default dialog')))
    })
    it('finds nothing wrong with the books the arbitraries make', () => {
      fc.assert(fc.property(AA.contextAndBook, ([ctx, b]) => _.isNormal(b, { dialog: ctx.supported.includes('dialog-rules') })))
    })
  })

  describe('normalize', () => {
    it('drops dangling and repeated members and a dangling default; leaves a normal book as it is', () => {
      const book = _.addressBook({ contacts: [{ ...bob, default: 'gone' }], groups: [_.group({ id: 'g', name: 'G', members: ['bob', 'x', 'bob'] })] })
      const n = _.normalize(book)
      deepStrictEqual(n.contacts[0].default, undefined)
      deepStrictEqual(n.groups[0].members, ['bob'])
      assert.strictEqual(_.normalize(n), n)
    })
  })

  describe('guards', () => {
    it('check shapes', () => {
      assert.ok(_.isContact(bob) && _.isContactUri(bob.uris[0]) && _.isGroup(_.group({ name: 'x' })) && _.isPolicy(_.policy({ uri: 'x' })))
      assert.ok(!_.isContact({ ...bob, uris: [{ id: 'x' }] }) && !_.isGroup({ id: 'g', name: 'G', members: [1], attributes: {} }) && !_.isPolicy({}))
    })
  })

  describe('equals, equivalent, sameIcon, sameStatus', () => {
    it('compare in order, or as sets', () => {
      const carol = _.contact({ id: 'carol', name: 'Carol' })
      const a = _.addressBook({ contacts: [bob, carol] })
      const b = _.addressBook({ contacts: [carol, { ...bob, attributes: { icon: null, nick: 'b' } }] })
      assert.ok(!_.equals(a, b))
      assert.ok(_.equivalent(a, b))
      assert.ok(!_.equivalent(a, _.addressBook({ contacts: [bob] })))
      assert.ok(!_.equivalent(a, _.addressBook({ contacts: [bob, { ...carol, name: 'C' }] })))
      assert.ok(_.sameIcon({ mimeType: 'image/png', data: new Uint8Array([1, 2]) }, { mimeType: 'image/png', data: new Uint8Array([1, 2]) }))
      assert.ok(!_.sameIcon({ mimeType: 'image/png', data: new Uint8Array([1, 2]) }, { mimeType: 'image/png', data: new Uint8Array([1, 3]) }))
      const p = Presence.presence({ entity: 'sip:a@b', tuples: [Presence.tuple({ id: 't', basic: 'open' })] })
      assert.ok(_.sameStatus(p, { ...p }) && !_.sameStatus(p, undefined))
    })
  })

  describe('optics', () => {
    it('find contacts, groups and policies by id, and keep the id on set', () => {
      const book = _.addressBook({ contacts: [bob], groups: [_.group({ id: 'g', name: 'G' })], policies: [_.policy({ id: 'p', uri: 'sip:x@y' })] })
      deepStrictEqual(_.contactById('bob').getOption(book), O.some(bob))
      deepStrictEqual(_.contactById('nobody').getOption(book), O.none)
      const renamed = _.contactById('bob').set({ ...bob, id: 'other', name: 'Robert' })(book)
      deepStrictEqual(renamed.contacts[0], { ...bob, name: 'Robert' })
      deepStrictEqual(_.groupById('g').getOption(book), O.some(book.groups[0]))
      deepStrictEqual(_.policyById('p').getOption(book), O.some(book.policies[0]))
    })
    const books = AA.contextAndBook.map(([, b]) => b)
    const specs = [
      optional('contactById', _.contactById, { keys: (b: _.AddressBook) => b.contacts.map((c) => c.id), absent: fc.constant('absent'), focus: (id: string) => fc.constant(_.contact({ id, name: 'New' })) }),
      optional('groupById', _.groupById, { keys: (b: _.AddressBook) => b.groups.map((g) => g.id), absent: fc.constant('absent'), focus: (id: string) => fc.constant(_.group({ id, name: 'New' })) }),
      optional('policyById', _.policyById, { keys: (b: _.AddressBook) => b.policies.map((p) => p.id), absent: fc.constant('absent'), focus: (id: string) => fc.constant(_.policy({ id, uri: 'sip:new@example.com' })) })
    ]
    for (const spec of specs)
      for (const law of laws(spec, books, (b) => b))
        it(law.name, async () => {
          await assertLaw(law)
        })
  })
})
