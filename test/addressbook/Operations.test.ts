import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as _ from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as Presence from '../../src/formats/Presence.js'
import { deepStrictEqual } from '../util.js'

const ctx = Documents.context({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
const bob = Model.contact({ id: 'bob', name: 'Bob', uris: [Model.contactUri('sip:bob@example.com', { id: 'bob_sip' }), Model.contactUri('tel:+1555', { id: 'bob_tel' })], default: 'bob_sip', attributes: { nick: 'b' } })
const start = Projection.toDocuments(Model.addressBook({ contacts: [bob], groups: [Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })] }), {}, ctx)
const model = (d: Documents.Documents): Model.AddressBook => Projection.fromDocuments(Projection.normalize(d, ctx), ctx)
const run = (...ops: ReadonlyArray<_.Operation>): Model.AddressBook => model(_.applyAll(ops, start, ctx).docs)

describe('Operations', () => {
  describe('apply', () => {
    it('updates the fields given, merging shared settings', () => {
      const m = run(_.updateContact('bob', { name: 'Robert', default: 'bob_tel', presence: { subscribe: true }, attributes: { icon: null }, removeAttributes: ['nick'] }))
      deepStrictEqual(m.contacts[0], { ...bob, name: 'Robert', default: 'bob_tel', presence: { policy: 'default', subscribe: true }, attributes: { icon: null } })
      // a default naming no URI of the contact is written, and shows in the model once the URI is there
      deepStrictEqual(run(_.updateContact('bob', { default: 'no_such_uri' })).contacts[0].default, undefined)
      deepStrictEqual(run(_.updateContact('bob', { default: null })).contacts[0].default, undefined)
    })
    it('a journal that removes and sets shared settings gives one document however often it is replayed', () => {
      // found by the journal law: an update merged its settings into the order it met, which the first replay changed
      const journal = [
        _.updateContact('bob', { removeAttributes: ['nick'] }),
        _.updateContact('bob', { attributes: { nick: null, icon: null } }),
        _.updateContact('bob', { attributes: { zz: 'z', nick: 'n' } })
      ]
      const once = _.applyAll(journal, start, ctx).docs
      const twice = _.applyAll(journal, once, ctx).docs
      assert.ok(Documents.same(ctx, 'resource-lists', once['resource-lists'], twice['resource-lists']))
      deepStrictEqual(Object.entries(model(twice).contacts[0].attributes), [['icon', null], ['zz', 'z'], ['nick', 'n']])
    })
    it('a journal that sets a default before adding its URI gives one document however often it is replayed', () => {
      // found by the journal law: the update did nothing the first time (no such URI yet) and set the default the second
      const journal = [_.updateContact('bob', { default: 'bob_new' }), _.addContactUri('bob', Model.contactUri('sip:new@example.com', { id: 'bob_new' }))]
      const once = _.applyAll(journal, start, ctx).docs
      const twice = _.applyAll(journal, once, ctx).docs
      assert.ok(Documents.same(ctx, 'resource-lists', once['resource-lists'], twice['resource-lists']))
      deepStrictEqual(model(once).contacts[0].default, 'bob_new')
      // and in the other order
      const other = _.applyAll([...journal].reverse(), start, ctx).docs
      deepStrictEqual(model(other).contacts[0].default, 'bob_new')
      // a default set, then its URI removed: the default goes with the URI, the first time and the second
      const removing = [_.updateContact('bob', { default: 'bob_tel' }), _.removeContactUri('bob', 'bob_tel')]
      const r1 = _.applyAll(removing, start, ctx).docs
      const r2 = _.applyAll(removing, r1, ctx).docs
      assert.ok(Documents.same(ctx, 'resource-lists', r1['resource-lists'], r2['resource-lists']))
      deepStrictEqual(model(r2).contacts[0].default, undefined)
    })
    it('a journal replayed twice writes the same document: an add writes the attributes in its own order', () => {
      // found by the journal law: the update does nothing the first time (no such policy) and removes `icon` the second,
      // so the add met different attributes each time; the element it writes must not depend on them
      const journal = [
        _.updatePolicy('lp', { removeAttributes: ['icon'] }),
        _.addPolicy(Model.policy({ id: 'lp', uri: 'sip:lp@example.com', attributes: { icon: null, nickname: 'L' } }))
      ]
      const once = _.applyAll(journal, start, ctx).docs
      const twice = _.applyAll(journal, once, ctx).docs
      assert.ok(Documents.same(ctx, 'resource-lists', once['resource-lists'], twice['resource-lists']))
      deepStrictEqual(Object.keys(model(twice).policies[0].attributes), ['icon', 'nickname'])
    })
    it('does nothing on ids that are not there', () => {
      const docs = _.applyAll([_.updateContact('ghost', { name: 'x' }), _.removeContact('ghost'), _.updateContactUri('bob', 'ghost', { uri: 'x' }), _.removeGroupMember('nope', 'bob'), _.updatePolicy('p', { name: 'x' }), _.addContactUri('ghost', Model.contactUri('sip:x@y', { id: 'gx' }))], start, ctx)
      deepStrictEqual(docs.rejected, [])
      assert.strictEqual(Projection.normalize(docs.docs, ctx), start)
    })
    it('edits URIs; removing the default URI clears the default', () => {
      const m = run(_.updateContactUri('bob', 'bob_tel', { uri: 'tel:+1666', type: 'mobile', attributes: { a: '1' } }), _.removeContactUri('bob', 'bob_sip'))
      deepStrictEqual(m.contacts[0].uris, [{ id: 'bob_tel', uri: 'tel:+1666', type: 'mobile', attributes: { a: '1' } }])
      deepStrictEqual(m.contacts[0].default, undefined)
      deepStrictEqual(run(_.updateContactUri('bob', 'bob_tel', { type: 'x' }), _.updateContactUri('bob', 'bob_tel', { type: null })).contacts[0].uris[1].type, undefined)
      deepStrictEqual(run(_.addContactUri('bob', Model.contactUri('sip:b2@example.com', { id: 'bob_sip', type: 'work' }))).contacts[0].uris[0], { id: 'bob_sip', uri: 'sip:b2@example.com', type: 'work', attributes: {} })
    })
    it('removes a contact from every group', () => {
      deepStrictEqual(run(_.removeContact('bob')), Model.addressBook({ groups: [Model.group({ id: 'friends', name: 'Friends' })] }))
    })
    it('edits groups and policies', () => {
      const m = run(
        _.updateGroup('friends', { name: 'Close', attributes: { colour: 'red' } }),
        _.addPolicy(Model.policy({ id: 'p', uri: 'sip:eve@example.com', presence: { policy: 'block' } })),
        _.updatePolicy('p', { name: 'Eve', dialog: { policy: 'allow' }, uri: 'sip:eve2@example.com' }),
        _.addGroup(Model.group({ id: 'work', name: 'Work' })),
        _.removeGroup('work')
      )
      deepStrictEqual(m.groups, [{ id: 'friends', name: 'Close', members: ['bob'], attributes: { colour: 'red' } }])
      deepStrictEqual(m.policies, [{ id: 'p', uri: 'sip:eve2@example.com', name: 'Eve', presence: { policy: 'block', subscribe: false }, dialog: { policy: 'allow', subscribe: false }, attributes: {} }])
      deepStrictEqual(run(_.addPolicy(Model.policy({ id: 'p', uri: 'x' })), _.removePolicy('p')).policies, [])
    })
    it('refuses an id that is another element\u2019s, and an invalid operation', () => {
      const r = _.applyAll([_.addGroup(Model.group({ id: 'bob', name: 'Clash' })), _.addContactUri('bob', Model.contactUri('x', { id: 'friends' })), _.addContact(Model.contact({ id: 'friends', name: 'x' })), _.addPolicy(Model.policy({ id: 'bob_sip', uri: 'x' }))], start, ctx)
      deepStrictEqual(
        r.rejected.map((x) => x.reason),
        [
          'the id "bob" is another element\'s in the address book',
          'the id "friends" is another element\'s in the address book',
          'the id "friends" is another element\'s in the address book',
          'the id "bob_sip" is another element\'s in the address book'
        ]
      )
      assert.strictEqual(r.docs, start)
      deepStrictEqual(_.apply(_.removeContact('1 bad'), start, ctx).rejected[0].reason, 'id: expected an id, got "1 bad"')
    })
    it('sets the document-wide things', () => {
      const icon = { mimeType: 'image/png' as const, data: new Uint8Array([1, 2, 3]) }
      const status = Presence.presence({ entity: 'sip:alice@example.com', tuples: [Presence.tuple({ id: 't', basic: 'closed', note: 'away' })] })
      const m = run(_.setDefaultPresencePolicy('allow'), _.setDefaultDialogPolicy('block'), _.setStatusIcon(icon), _.setOfflineStatus(status))
      deepStrictEqual([m.defaultPresencePolicy, m.defaultDialogPolicy, m.icon, m.offlineStatus], ['allow', 'block', icon, status])
      const cleared = _.applyAll([_.setStatusIcon(icon), _.setOfflineStatus(status), _.setStatusIcon(null), _.setOfflineStatus(null)], start, ctx).docs
      deepStrictEqual([cleared['status-icon'], cleared['pidf-manipulation']], [undefined, undefined])
      const none = Documents.context({ root: ctx.root, xui: ctx.xui, supported: ['resource-lists', 'rls-services', 'pres-rules'] })
      const same = Projection.normalize(start, none)
      assert.strictEqual(_.applyAll([_.setDefaultDialogPolicy('allow'), _.setStatusIcon(icon), _.setOfflineStatus(status)], same, none).docs, same)
    })
  })

  describe('problems', () => {
    it('renders what is wrong with an operation', () => {
      deepStrictEqual(_.problems(_.updateContact('x', { name: 'a\u0000', default: 'no good', presence: { policy: 'maybe' as never, subscribe: 'yes' as never }, attributes: { k: 1 as never } })), [
        'name: expected text',
        'default: expected a URI id, got "no good"',
        'presence.policy: expected "allow" | "block" | "default", got "maybe"',
        'presence.subscribe: expected a boolean, got "yes"',
        'attributes: expected text names and values (or null), got "k"'
      ])
      deepStrictEqual(_.problems(_.setDefaultPresencePolicy('sometimes' as never)), ['policy: expected "allow" | "confirm" | "polite-block" | "block", got "sometimes"'])
      deepStrictEqual(_.problems(_.setStatusIcon({ mimeType: 'image/tiff' as never, data: new Uint8Array([1]) })), ['icon: expected image/jpeg, image/png or image/gif, got "image/tiff"'])
      deepStrictEqual(_.problems(_.setOfflineStatus({} as never)), ['status: expected a PIDF document or null'])
      deepStrictEqual(_.problems({ _tag: 'Dance' } as never), ['expected an operation, got "Dance"'])
      deepStrictEqual(_.problems(_.addContact({} as never)), ['contact: expected a contact'])
      deepStrictEqual(_.problems(_.addGroup(Model.group({ id: 'g', name: 'G', members: ['ok', '1 bad'] }))), ['members: expected contact ids'])
      deepStrictEqual(_.problems(_.updateContactUri('c', 'u', { uri: 1 as never, type: 2 as never, removeAttributes: [3 as never] })), ['uri: expected text', 'type: expected text or null', 'removeAttributes: expected names'])
      deepStrictEqual(_.problems(_.addGroupMember('g', 'c')), [])
    })
  })

  describe('touches', () => {
    it('names the document an operation changes', () => {
      deepStrictEqual(
        [_.addContact(bob), _.setDefaultPresencePolicy('allow'), _.setDefaultDialogPolicy('allow'), _.setStatusIcon(null), _.setOfflineStatus(null)].map(_.touches),
        ['resource-lists', 'pres-rules', 'dialog-rules', 'status-icon', 'pidf-manipulation']
      )
    })
  })

  describe('changes', () => {
    it('gives removals first, then additions, updates and members', () => {
      const before = model(start)
      const after: Model.AddressBook = {
        ...before,
        contacts: [{ ...before.contacts[0], name: 'Robert', uris: [before.contacts[0].uris[1], Model.contactUri('sip:new@x', { id: 'n' })], default: 'n' }, Model.contact({ id: 'carol', name: 'Carol' })],
        groups: [{ ...before.groups[0], members: ['carol'] }],
        defaultPresencePolicy: 'block'
      }
      deepStrictEqual(_.changes(before, after).map((o) => o._tag), ['RemoveGroupMember', 'RemoveContactUri', 'AddContactUri', 'AddContact', 'UpdateContact', 'AddGroupMember', 'SetDefaultPresencePolicy'])
      deepStrictEqual(_.changes(before, before), [])
    })
  })

  describe('journal', () => {
    it('round-trips through JSON, icons and statuses included', () => {
      const icon = { mimeType: 'image/gif' as const, data: new Uint8Array([7, 8]), description: 'x' }
      const status = Presence.presence({ entity: 'sip:alice@example.com' })
      const j = [
        { seq: 1, op: _.addContact(bob) },
        { seq: 2, op: _.setStatusIcon(icon) },
        { seq: 3, op: _.setOfflineStatus(status) },
        { seq: 4, op: _.setStatusIcon(null) }
      ]
      const back = _.decodeJournal(_.encodeJournal(j))
      deepStrictEqual(back.problems, [])
      deepStrictEqual(back.journal.map((e) => e.seq), [1, 2, 3, 4])
      deepStrictEqual(back.journal[1].op, _.setStatusIcon(icon))
      assert.strictEqual(Presence.document.encode((back.journal[2].op as { status: Presence.Presence }).status), Presence.document.encode(status))
    })
    it('drops entries that do not read back, saying why; total on any text', () => {
      deepStrictEqual(_.decodeJournal('[{"seq":1,"op":{"_tag":"RemoveContact","id":"ok"}},{"op":{}},{"seq":2,"op":{"_tag":"RemoveContact","id":"not ok"}},{"seq":3,"op":{"_tag":"SetStatusIcon","icon":{"mimeType":"image/png","data":"%%"}}},{"seq":4,"op":{"_tag":"SetOfflineStatus","status":"<nope/>"}}]'), {
        journal: [{ seq: 1, op: _.removeContact('ok') }],
        problems: [
          '[1]: expected a sequence number',
          '[2]: id: expected an id, got "not ok"',
          '[3]: icon: expected a base64 character, got "%" at offset 0',
          '[4]: status: /nope: expected element <{urn:ietf:params:xml:ns:pidf}presence>, got <nope>'
        ]
      })
      deepStrictEqual(_.decodeJournal('{').journal, [])
      deepStrictEqual(_.decodeJournal('{}').problems, ['expected a JSON array of journal entries'])
      deepStrictEqual(_.decodeJournal(5 as never).journal, [])
    })
  })
})
