/**
 * The 38 test scenarios of the reference document (shared/reference/xcap-addressbook.md §6), each a named test, run
 * through the pure state machine against a simulated XCAP server (laws/addressbook/Sync.ts: RFC 4825's ETags and
 * preconditions) and with recorded responses where a server cannot produce the case (409 with xcap-error bodies, a 404
 * on DELETE, failing capabilities). The scenarios a real server can produce also run against Kamailio in
 * test/interop/addressbook.interop.test.ts.
 */
import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as Documents from '../../src/addressbook/Documents.js'
import * as Model from '../../src/addressbook/Model.js'
import * as Operations from '../../src/addressbook/Operations.js'
import * as Projection from '../../src/addressbook/Projection.js'
import * as Sync from '../../src/addressbook/Sync.js'
import * as AB from '../../src/formats/AddressBook.js'
import * as PresContent from '../../src/formats/PresContent.js'
import * as Presence from '../../src/formats/Presence.js'
import * as XcapDiff from '../../src/formats/XcapDiff.js'
import * as Xml from '../../src/xml/Ast.js'
import { answer, CTX, remoteEdit, serverDocs, simServer, type SimServer } from '../../laws/addressbook/Sync.js'

// -------------------------------------------------------------------------------------
// a client against the simulated server
// -------------------------------------------------------------------------------------

const ROOT = CTX.root
const XUI = CTX.xui

class Client {
  s: Sync.State
  readonly sent: Array<Sync.Command> = []
  readonly outbox: Array<Sync.Command> = []
  readonly notices: Array<Sync.Notice> = []
  readonly timers = new Map<number, number>()
  readonly received: Array<Sync.Event> = []
  constructor(config: Partial<Sync.Config> = {}) {
    this.s = Sync.initial({ root: ROOT, xui: XUI, ...config })
  }
  feed(e: Sync.Event): this {
    this.received.push(e)
    const [s, cs] = Sync.step(this.s, e)
    this.s = s
    for (const c of cs) {
      this.sent.push(c)
      if (c._tag === 'GetCapabilities' || c._tag === 'Fetch' || c._tag === 'Put' || c._tag === 'Delete') this.outbox.push(c)
      else if (c._tag === 'StartTimer') this.timers.set(c.id, c.ms)
      else if (c._tag === 'CancelTimer') this.timers.delete(c.id)
      else if (c._tag === 'Notice') this.notices.push(c.notice)
    }
    return this
  }
  edit(...ops: ReadonlyArray<Operations.Operation>): this {
    return this.feed({ _tag: 'Edit', ops })
  }
  /** Answers its next request from the server. */
  deliverOne(server: Box): boolean {
    const c = this.outbox.shift()
    if (c === undefined) return false
    const [n, e] = answer(server.s, c)
    server.s = n
    if (e !== undefined) this.feed(e)
    return true
  }
  /** Answers every request, in order, until there is none. */
  run(server: Box): this {
    for (let i = 0; i < 500 && this.deliverOne(server); i++);
    return this
  }
  fire(): this {
    const [id] = [...this.timers.entries()].sort((a, b) => a[1] - b[1])[0] ?? []
    if (id !== undefined) {
      this.timers.delete(id)
      this.feed({ _tag: 'Timer', id })
    }
    return this
  }
  since(mark: number): ReadonlyArray<Sync.Command> {
    return this.sent.slice(mark)
  }
  get mark(): number {
    return this.sent.length
  }
  model(): Model.AddressBook {
    return Sync.modelOf(this.s)
  }
  problems(): ReadonlyArray<Sync.Problem> {
    return this.notices.flatMap((n) => (n._tag === 'Problem' ? [n.problem] : []))
  }
}

interface Box {
  s: SimServer
}

const box = (s: SimServer = simServer({})): Box => ({ s })

const puts = (cs: ReadonlyArray<Sync.Command>): ReadonlyArray<Extract<Sync.Command, { _tag: 'Put' }>> => cs.flatMap((c) => (c._tag === 'Put' ? [c] : []))
const deletes = (cs: ReadonlyArray<Sync.Command>): ReadonlyArray<Extract<Sync.Command, { _tag: 'Delete' }>> => cs.flatMap((c) => (c._tag === 'Delete' ? [c] : []))
const fetches = (cs: ReadonlyArray<Sync.Command>): ReadonlyArray<Extract<Sync.Command, { _tag: 'Fetch' }>> => cs.flatMap((c) => (c._tag === 'Fetch' ? [c] : []))
const docsOf = (cs: ReadonlyArray<{ readonly doc: Documents.Name }>): ReadonlyArray<Documents.Name> => cs.map((c) => c.doc)

/** A started client, in sync with the server. */
const synced = (server: Box, config: Partial<Sync.Config> = {}): Client => {
  const c = new Client(config).feed({ _tag: 'Start' }).run(server)
  assert.strictEqual(c.s.phase, 'insync')
  return c
}

const read = <K extends Documents.Name>(server: Box, k: K, ctx: Documents.Context = CTX): Documents.Values[K] => {
  const d = serverDocs(server.s, ctx)[k]
  assert.ok(d !== undefined, `${k} on the server`)
  return d as Documents.Values[K]
}

const listUris = (rl: AB.ResourceLists, name: string): ReadonlyArray<string> =>
  (rl.lists.find((l) => l.name === name)?.members ?? []).flatMap((m) => (m._tag === 'Entry' ? [Documents.decodeUri(m.entry.uri)] : []))

const ruleIds = (rules: { readonly rules: ReadonlyArray<{ readonly id: string }> }): ReadonlyArray<string> => rules.rules.map((r) => r.id)

const bob = (input: Partial<Parameters<typeof Model.contact>[0]> = {}): Model.Contact =>
  Model.contact({ id: 'bob', name: 'Bob', uris: [Model.contactUri('sip:bob@example.com', { id: 'bob_sip' }), Model.contactUri('tel:+15550100', { id: 'bob_tel' })], ...input })

const canonical = (k: Documents.Name, text: string): string => {
  const r = Documents.codecs(CTX)[k].canonical(text)
  assert.ok(E.isRight(r), `${k}: ${JSON.stringify(r)}`)
  return r.right
}

const anchor = (list: string): string => `${ROOT}/resource-lists/users/${XUI}/index/~~/resource-lists/list%5B@name=%22${list}%22%5D`

const GOLDEN_RESOURCE_LISTS = `<?xml version="1.0" encoding="UTF-8"?>
<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
  <list name="oma_buddylist"/>
  <list name="oma_grantedcontacts"/>
  <list name="oma_blockedcontacts"/>
  <list name="oma_allcontacts">
    <external anchor="${anchor('oma_buddylist')}"/>
    <external anchor="${anchor('oma_grantedcontacts')}"/>
    <external anchor="${anchor('oma_blockedcontacts')}"/>
  </list>
  <list name="dialog_grantedcontacts"/>
  <list name="dialog_blockedcontacts"/>
  <list name="sipsimple_presence_rls"/>
  <list name="sipsimple_dialog_rls"/>
  <list name="sipsimple_addressbook"/>
</resource-lists>`

const GOLDEN_RLS_SERVICES = `<?xml version="1.0" encoding="UTF-8"?>
<rls-services xmlns="urn:ietf:params:xml:ns:rls-services">
  <service uri="sip:alice+presence@example.com">
    <resource-list>${anchor('sipsimple_presence_rls')}</resource-list>
    <packages><package>presence</package></packages>
  </service>
  <service uri="sip:alice+dialog@example.com">
    <resource-list>${anchor('sipsimple_dialog_rls')}</resource-list>
    <packages><package>dialog</package></packages>
  </service>
</rls-services>`

const goldenRules = (p: 'prs' | 'dlg', prefix: string, ns: string, granted: string, blocked: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<ruleset xmlns="urn:ietf:params:xml:ns:common-policy" xmlns:ocp="urn:oma:xml:xdm:common-policy" xmlns:${prefix}="${ns}">
  <rule id="wp_${p}_grantedcontacts">
    <conditions><ocp:external-list><ocp:entry anc="${anchor(granted)}"/></ocp:external-list></conditions>
    <actions><${prefix}:sub-handling>allow</${prefix}:sub-handling></actions>
  </rule>
  <rule id="wp_${p}_blockedcontacts">
    <conditions><ocp:external-list><ocp:entry anc="${anchor(blocked)}"/></ocp:external-list></conditions>
    <actions><${prefix}:sub-handling>polite-block</${prefix}:sub-handling></actions>
  </rule>
  <rule id="wp_${p}_unlisted">
    <conditions><ocp:other-identity/></conditions>
    <actions><${prefix}:sub-handling>confirm</${prefix}:sub-handling></actions>
  </rule>
  <rule id="wp_${p}_block_anonymous">
    <conditions><ocp:anonymous-request/></conditions>
    <actions><${prefix}:sub-handling>block</${prefix}:sub-handling></actions>
  </rule>
  <rule id="wp_${p}_allow_own">
    <conditions><identity><one id="${XUI}"/></identity></conditions>
    <actions><${prefix}:sub-handling>allow</${prefix}:sub-handling></actions>
  </rule>
</ruleset>`

const GOLDEN_PRES_RULES = goldenRules('prs', 'pr', 'urn:ietf:params:xml:ns:pres-rules', 'oma_grantedcontacts', 'oma_blockedcontacts')
const GOLDEN_DIALOG_RULES = goldenRules('dlg', 'dr', 'urn:ag-projects:xml:ns:dialog-rules', 'dialog_grantedcontacts', 'dialog_blockedcontacts')

/** The capabilities of a server without some documents. */
const without = (...docs: ReadonlyArray<Documents.Name>): ReadonlyArray<string> =>
  Documents.NAMES.filter((n) => !docs.includes(n)).map((n) => Documents.usages[n].auid)

const notification = (changes: ReadonlyArray<{ readonly doc: Documents.Name; readonly newEtag?: string | undefined; readonly previousEtag?: string | undefined }>): string =>
  XcapDiff.document.encode(
    XcapDiff.xcapDiff(
      `${ROOT}/`,
      changes.map((c) => ({
        _tag: 'Document',
        document: { sel: Documents.documentPath(CTX, c.doc), ...(c.newEtag === undefined ? {} : { newEtag: c.newEtag }), ...(c.previousEtag === undefined ? {} : { previousEtag: c.previousEtag }), patch: [] }
      }))
    )
  )

const etagOf = (c: Client, doc: Documents.Name): string | undefined => {
  const h = c.s.server[doc] as Sync.Held
  return h._tag === 'Present' ? h.etag : undefined
}

// -------------------------------------------------------------------------------------
// scenarios
// -------------------------------------------------------------------------------------

describe('address book scenarios (python3-sipsimple reference §6)', () => {
  describe('bootstrap and capabilities', () => {
    it('scenario 1: an empty server with full caps gets every document with If-None-Match: *, equal to the golden normalized XML', () => {
      const server = box()
      const c = synced(server)
      const created = puts(c.sent)
      assert.deepStrictEqual(docsOf(created), ['resource-lists', 'rls-services', 'pres-rules', 'dialog-rules'])
      for (const p of created) {
        assert.strictEqual(p.ifNoneMatch, '*')
        assert.strictEqual(p.ifMatch, undefined)
      }
      const golden: Readonly<Record<string, string>> = {
        'resource-lists': GOLDEN_RESOURCE_LISTS,
        'rls-services': GOLDEN_RLS_SERVICES,
        'pres-rules': GOLDEN_PRES_RULES,
        'dialog-rules': GOLDEN_DIALOG_RULES
      }
      for (const p of created) assert.strictEqual(canonical(p.doc, p.body), canonical(p.doc, golden[p.doc]), p.doc)
      assert.strictEqual(read(server, 'resource-lists').lists.length, 9)
      assert.strictEqual(read(server, 'rls-services').services.length, 2)
      assert.strictEqual(ruleIds(read(server, 'pres-rules')).length, 5)
      assert.strictEqual(ruleIds(read(server, 'dialog-rules')).length, 5)
    })

    it('scenario 2: without org.openxcap.dialog-rules no dialog-rules request is made, the dialog lists and service still exist, the default dialog policy is null and setting it is a no-op', () => {
      const server = box(simServer({}, CTX, without('dialog-rules')))
      const c = synced(server)
      assert.ok(!c.sent.some((x) => 'doc' in x && x.doc === 'dialog-rules' && x._tag !== 'ForgetDocument'))
      const rl = read(server, 'resource-lists')
      assert.ok(['dialog_grantedcontacts', 'dialog_blockedcontacts', 'sipsimple_dialog_rls'].every((n) => rl.lists.some((l) => l.name === n)))
      assert.ok(read(server, 'rls-services').services.some((s) => s.uri === 'sip:alice+dialog@example.com'))
      assert.strictEqual(c.model().defaultDialogPolicy, undefined)
      const mark = c.mark
      c.edit(Operations.setDefaultDialogPolicy('allow')).run(server)
      assert.deepStrictEqual(puts(c.since(mark)), [])
      assert.strictEqual(c.s.phase, 'insync')
    })

    it('scenario 3: without pres-content and pidf-manipulation, setting an icon or an offline status sends nothing, and both read null', () => {
      const server = box(simServer({}, CTX, without('status-icon', 'pidf-manipulation')))
      const c = synced(server)
      const mark = c.mark
      const icon = Model.icon(new Uint8Array([1, 2, 3]), 'image/png')
      assert.ok(E.isRight(icon))
      c.edit(Operations.setStatusIcon(icon.right), Operations.setOfflineStatus(Presence.presence({ entity: XUI }))).run(server)
      assert.deepStrictEqual(c.since(mark).filter((x) => x._tag === 'Put' || x._tag === 'Delete' || x._tag === 'Fetch'), [])
      assert.strictEqual(c.model().icon, undefined)
      assert.strictEqual(c.model().offlineStatus, undefined)
    })

    it('scenario 4: without rls-services the server is not used: a typed problem, another try after about 3600 s, nothing written', () => {
      const server = box(simServer({}, CTX, without('rls-services')))
      const c = new Client().feed({ _tag: 'Start' }).run(server)
      assert.deepStrictEqual(c.problems(), [{ _tag: 'Unusable', missing: ['rls-services'] }])
      const [ms] = [...c.timers.values()]
      assert.ok(ms >= 3600_000 * 0.8 && ms <= 3600_000 * 1.2, String(ms))
      assert.deepStrictEqual(c.sent.filter((x) => x._tag === 'Put' || x._tag === 'Fetch'), [])
      assert.strictEqual(c.s.phase, 'initializing')
    })

    it('scenario 5: a capabilities fetch that fails (network error or 404) is retried after about 60 s', () => {
      for (const outcome of [{ _tag: 'Failed', message: 'ECONNREFUSED' } as const, { _tag: 'Failed', status: 404, message: '404 NotFound' } as const]) {
        const c = new Client().feed({ _tag: 'Start' })
        const req = c.outbox.shift()
        assert.ok(req?._tag === 'GetCapabilities')
        c.feed({ _tag: 'Capabilities', req: req.req, outcome })
        assert.deepStrictEqual(c.problems(), [{ _tag: 'CapabilitiesFailed', ...(outcome.status === undefined ? {} : { status: 404 }), message: outcome.message }])
        const [[id, ms]] = [...c.timers.entries()]
        assert.ok(ms >= 48_000 && ms <= 72_000, String(ms))
        c.feed({ _tag: 'Timer', id })
        assert.strictEqual(c.outbox[0]?._tag, 'GetCapabilities')
      }
    })

    it('scenario 6: a second run on a normalized server sends only conditional GETs (all 304), ends insync, and writes nothing', () => {
      const server = box()
      synced(server)
      const stored: Record<string, { etag: string; text: string }> = {}
      for (const [n, d] of server.s.docs) stored[n] = d
      const c = new Client().feed({ _tag: 'Start', restored: { documents: stored } }).run(server)
      const gets = fetches(c.sent)
      // every document the server holds is asked for conditionally, and answers 304; the icon and offline status do
      // not exist (there is no ETag to send for them: they answer 404)
      assert.deepStrictEqual(
        gets.map((g) => [g.doc, g.ifNoneMatch !== undefined]),
        Documents.NAMES.map((n) => [n, server.s.docs.has(n)])
      )
      assert.deepStrictEqual(
        c.received.flatMap((e) => (e._tag === 'Fetched' ? [e.outcome._tag] : [])),
        Documents.NAMES.map((n) => (server.s.docs.has(n) ? 'NotModified' : 'NotFound'))
      )
      assert.deepStrictEqual(puts(c.sent), [])
      assert.strictEqual(c.s.phase, 'insync')
    })
  })

  describe('model and mapping', () => {
    const docsFor = (book: Model.AddressBook, ctx: Documents.Context = CTX): Documents.Documents => Projection.toDocuments(book, {}, ctx)
    const reread = (docs: Documents.Documents, ctx: Documents.Context = CTX): Documents.Documents => serverDocs(simServer(docs, ctx), ctx)
    /** Documents one client holds, as another (with another attributes namespace) reads them. */
    const transfer = (docs: Documents.Documents, from: Documents.Context, to: Documents.Context): Documents.Documents => serverDocs(simServer(docs, from), to)

    it('scenario 7: a contact with two URIs, one the default: uris@default holds the URI id, and the reload gives the same default', () => {
      const docs = reread(docsFor(Model.addressBook({ contacts: [bob({ default: 'bob_tel' })] })))
      assert.strictEqual(Projection.addressBookList(docs['resource-lists'])?.ext.contacts[0].uris.default, 'bob_tel')
      assert.strictEqual(Projection.fromDocuments(docs, CTX).contacts[0].default, 'bob_tel')
    })

    it('scenario 8: removing the default URI: the URI is gone and the default is null after the round trip', () => {
      const docs = docsFor(Model.addressBook({ contacts: [bob({ default: 'bob_tel' })] }))
      const after = reread(Operations.apply(Operations.removeContactUri('bob', 'bob_tel'), docs, CTX).docs)
      const el = Projection.addressBookList(after['resource-lists'])?.ext.contacts[0]
      assert.deepStrictEqual(el?.uris, { items: [el?.uris.items[0]] })
      const c = Projection.fromDocuments(after, CTX).contacts[0]
      assert.deepStrictEqual(c.uris.map((u) => u.id), ['bob_sip'])
      assert.strictEqual(c.default, undefined)
    })

    it('scenario 9: presence allow and subscribe: both URIs in oma_grantedcontacts and sipsimple_presence_rls, and in no dialog list', () => {
      const rl = docsFor(Model.addressBook({ contacts: [bob({ presence: { policy: 'allow', subscribe: true } })] }))['resource-lists'] as AB.ResourceLists
      assert.deepStrictEqual(listUris(rl, 'oma_grantedcontacts'), ['sip:bob@example.com', 'tel:+15550100'])
      assert.deepStrictEqual(listUris(rl, 'sipsimple_presence_rls'), ['sip:bob@example.com', 'tel:+15550100'])
      for (const n of ['dialog_grantedcontacts', 'dialog_blockedcontacts', 'sipsimple_dialog_rls', 'oma_blockedcontacts']) assert.deepStrictEqual(listUris(rl, n), [], n)
    })

    it('scenario 10: two contacts share a URI, one allow and one block: the URI is only in blocked', () => {
      const carol = Model.contact({ id: 'carol', name: 'Carol', uris: ['sip:shared@example.com'], presence: { policy: 'allow' } })
      const dave = Model.contact({ id: 'dave', name: 'Dave', uris: ['sip:shared@example.com'], presence: { policy: 'block' } })
      const rl = docsFor(Model.addressBook({ contacts: [carol, dave] }))['resource-lists'] as AB.ResourceLists
      assert.deepStrictEqual(listUris(rl, 'oma_grantedcontacts'), [])
      assert.deepStrictEqual(listUris(rl, 'oma_blockedcontacts'), ['sip:shared@example.com'])
    })

    it('scenario 11: a policy blocking a non-contact lands in oma_blockedcontacts; adding a contact with that URI and policy default takes it out', () => {
      const docs = docsFor(Model.addressBook({ policies: [Model.policy({ id: 'mallory_p', uri: 'sip:mallory@example.com', presence: { policy: 'block' } })] }))
      assert.deepStrictEqual(listUris(docs['resource-lists'] as AB.ResourceLists, 'oma_blockedcontacts'), ['sip:mallory@example.com'])
      const after = Projection.normalize(Operations.apply(Operations.addContact(Model.contact({ id: 'mallory', name: 'Mallory', uris: ['sip:mallory@example.com'] })), docs, CTX).docs, CTX)
      assert.deepStrictEqual(listUris(after['resource-lists'] as AB.ResourceLists, 'oma_blockedcontacts'), [])
    })

    it('scenario 12: the default policy puts a URI in neither granted nor blocked', () => {
      const rl = docsFor(Model.addressBook({ contacts: [bob()] }))['resource-lists'] as AB.ResourceLists
      assert.deepStrictEqual([...listUris(rl, 'oma_grantedcontacts'), ...listUris(rl, 'oma_blockedcontacts')], [])
    })

    it("scenario 13: custom attributes, a null among them, round-trip; another application's attributes stay after an UpdateContact", () => {
      const docs = reread(docsFor(Model.addressBook({ contacts: [bob({ attributes: { nickname: 'bobby', icon: null } })] })))
      assert.deepStrictEqual(Projection.fromDocuments(docs, CTX).contacts[0].attributes, { nickname: 'bobby', icon: null })
      const blink = Documents.context({ root: ROOT, xui: XUI, appNamespace: 'urn:ag-projects:blink:xml:ns:addressbook' })
      // Blink adds its own setting, in its own namespace; then we update the contact
      const withBlink = Operations.apply(Operations.updateContact('bob', { attributes: { group_expanded: 'true' } }), transfer(docs, CTX, blink), blink).docs
      const ours = transfer(withBlink, blink, CTX)
      const updated = Operations.apply(Operations.updateContact('bob', { name: 'Robert', attributes: { nickname: 'rob' } }), ours, CTX).docs
      const out = Documents.encode(CTX, 'resource-lists', updated['resource-lists'] as AB.ResourceLists)
      assert.ok(out.includes('urn:ag-projects:blink:xml:ns:addressbook') && out.includes('group_expanded'), out)
      assert.deepStrictEqual(Projection.fromDocuments(transfer(updated, CTX, blink), blink).contacts[0].attributes, { group_expanded: 'true' })
      assert.deepStrictEqual(Projection.fromDocuments(updated, CTX).contacts[0].attributes, { nickname: 'rob', icon: null })
    })

    it('scenario 14: unknown elements and extra lists in resource-lists survive a PUT; unknown rules in pres-rules are deleted; unknown RLS services survive', () => {
      const base = docsFor(Model.addressBook({ contacts: [bob()] }))
      const foreign: Xml.Element = { _tag: 'Element', name: { ns: 'urn:example:xml:ns:ext', local: 'note' }, attrs: {}, children: [Xml.text('mine')] }
      const rl = Projection.updateAddressBook(base['resource-lists'], (ext) => ({ ...ext, contacts: ext.contacts.map((c) => ({ ...c, other: [foreign] })) }))
      const server = box(
        simServer({
          ...base,
          'resource-lists': { ...rl, lists: [...rl.lists, AB.listOf({ name: 'friends', members: [{ _tag: 'Entry', entry: { uri: 'sip:x@example.com', ext: {}, other: [] } }] })] },
          'rls-services': { services: [...(base['rls-services']?.services ?? []), { uri: 'sip:friends@example.com', resources: { _tag: 'ResourceList', resourceList: 'http://elsewhere/x' }, other: [] }] },
          'pres-rules': { rules: [...(base['pres-rules']?.rules ?? []), { id: 'someone_elses', conditions: { ext: {}, other: [] } }] }
        })
      )
      const c = synced(server)
      c.edit(Operations.updateContact('bob', { name: 'Robert' })).run(server)
      const text = server.s.docs.get('resource-lists')?.text ?? ''
      assert.ok(text.includes('urn:example:xml:ns:ext') && text.includes('name="friends"'), text)
      assert.ok(read(server, 'rls-services').services.some((s) => s.uri === 'sip:friends@example.com'))
      assert.ok(!ruleIds(read(server, 'pres-rules')).includes('someone_elses'))
      assert.ok(c.problems().some((p) => p._tag === 'Repaired' && p.doc === 'pres-rules'))
    })

    it('scenario 15: a group referencing a missing contact id loads without crashing and is pruned on the next PUT', () => {
      const base = docsFor(Model.addressBook({ contacts: [bob()], groups: [Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })] }))
      const dangling = { ...base, 'resource-lists': Projection.updateAddressBook(base['resource-lists'], (ext) => ({ ...ext, groups: ext.groups.map((g) => ({ ...g, contacts: [...g.contacts, 'ghost'] })) })) }
      const server = box(simServer(dangling))
      const c = synced(server)
      assert.deepStrictEqual(c.model().groups[0].members, ['bob'])
      assert.deepStrictEqual(Projection.addressBookList(read(server, 'resource-lists'))?.ext.groups[0].contacts, ['bob'])
    })

    it('scenario 16: percent-encoded documents as sipsimple writes them load as decoded URIs and cause no rewrite', () => {
      const sipsimple = { ...CTX, uriStyle: 'sipsimple' as const }
      const book = Model.addressBook({ contacts: [bob({ presence: { policy: 'allow', subscribe: true } })], policies: [Model.policy({ id: 'carol_p', uri: 'sip:carol@example.com', presence: { policy: 'block' } })] })
      const server = box(simServer(Projection.toDocuments(book, {}, sipsimple), sipsimple))
      const text = server.s.docs.get('resource-lists')?.text ?? ''
      assert.ok(text.includes('uri="sip%3Abob%40example.com"') && text.includes('anchor="http%3A//xcap.example.com/xcap-root/resource-lists/users/sip%3Aalice%40example.com/index/~~/resource-lists/list%5B%40name%3D%22oma_buddylist%22%5D"'), text)
      const c = synced(server)
      assert.deepStrictEqual(puts(c.sent), [])
      assert.ok(Model.equals(c.model(), book))
      assert.strictEqual(c.model().contacts[0].uris[0].uri, 'sip:bob@example.com')
    })

    it('scenario 17: anchors and list URIs are exactly <root>/resource-lists/users/<xui>/index/~~/resource-lists/list[@name="…"], and a new root rewrites them', () => {
      const docs = docsFor(Model.addressBook())
      const anc = docs['pres-rules']?.rules[0].conditions?.ext.externalList?.[0].anc ?? ''
      assert.strictEqual(Documents.decodeUri(anc), `${ROOT}/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list[@name="oma_grantedcontacts"]`)
      const rls = docs['rls-services']?.services[0].resources
      assert.deepStrictEqual(rls, { _tag: 'ResourceList', resourceList: anchor('sipsimple_presence_rls') })
      const moved = Documents.context({ root: 'https://new.example.com/xcap', xui: XUI })
      const again = Projection.normalize(docs, moved)
      assert.strictEqual(again['pres-rules']?.rules[0].conditions?.ext.externalList?.[0].anc, 'https://new.example.com/xcap/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list%5B@name=%22oma_grantedcontacts%22%5D')
      assert.notStrictEqual(again['rls-services'], docs['rls-services'])
      assert.strictEqual(again['resource-lists'], docs['resource-lists']) // oma_allcontacts is never re-checked, as in the reference
    })

    it('scenario 18: an invalid status icon on the server (wrong MIME type or encoding) is deleted by normalize', () => {
      for (const bad of [
        { ...PresContent.content(new Uint8Array([1, 2, 3]), 'image/png'), mimeType: { value: 'image/bmp' } },
        { ...PresContent.content(new Uint8Array([1, 2, 3]), 'image/png'), encoding: { value: 'quoted-printable' } }
      ]) {
        const server = box(simServer({ ...docsFor(Model.addressBook()), 'status-icon': bad }))
        const c = synced(server)
        const d = deletes(c.sent)
        assert.deepStrictEqual(docsOf(d), ['status-icon'])
        assert.ok(d[0].ifMatch !== undefined)
        assert.ok(!server.s.docs.has('status-icon'))
      }
    })
  })

  describe('operations', () => {
    const withBook = (book: Model.AddressBook): { server: Box; c: Client } => {
      const server = box(simServer(Projection.toDocuments(book, {}, CTX)))
      return { server, c: synced(server) }
    }

    it('scenario 19: a group rename is a single UpdateGroup PUT that changes only the name', () => {
      const { server, c } = withBook(Model.addressBook({ contacts: [bob()], groups: [Model.group({ id: 'friends', name: 'Friends', members: ['bob'], attributes: { colour: 'blue' } })] }))
      const before = c.model()
      const mark = c.mark
      c.edit(Operations.updateGroup('friends', { name: 'Close friends' })).run(server)
      assert.deepStrictEqual(docsOf(puts(c.since(mark))), ['resource-lists'])
      assert.deepStrictEqual(c.model(), { ...before, groups: [{ ...before.groups[0], name: 'Close friends' }] })
    })

    it('scenario 20: adding and removing a member; adding twice gives one entry; a member for a missing contact is pruned', () => {
      const { server, c } = withBook(Model.addressBook({ contacts: [bob()], groups: [Model.group({ id: 'friends', name: 'Friends' })] }))
      c.edit(Operations.addGroupMember('friends', 'bob'), Operations.addGroupMember('friends', 'bob'), Operations.addGroupMember('friends', 'ghost')).run(server)
      assert.deepStrictEqual(Projection.addressBookList(read(server, 'resource-lists'))?.ext.groups[0].contacts, ['bob'])
      c.edit(Operations.removeGroupMember('friends', 'bob')).run(server)
      assert.deepStrictEqual(c.model().groups[0].members, [])
    })

    it("scenario 21: removing a contact removes it from every group, and its URIs leave the derived lists in the same PUT (the reference waits for the next normalize)", () => {
      const { server, c } = withBook(
        Model.addressBook({
          contacts: [bob({ presence: { policy: 'allow', subscribe: true }, dialog: { policy: 'block', subscribe: true } })],
          groups: [Model.group({ id: 'a', name: 'A', members: ['bob'] }), Model.group({ id: 'b', name: 'B', members: ['bob'] })]
        })
      )
      const mark = c.mark
      c.edit(Operations.removeContact('bob')).run(server)
      assert.strictEqual(puts(c.since(mark)).length, 1)
      const rl = read(server, 'resource-lists')
      for (const n of Projection.DERIVED) assert.deepStrictEqual(listUris(rl, n), [], n)
      assert.deepStrictEqual(c.model().groups.map((g) => g.members), [[], []])
    })

    it('removing a policy, or a contact URI, takes its URI out of the derived lists in the same PUT, as removing a contact does', () => {
      const { server, c } = withBook(
        Model.addressBook({
          contacts: [bob({ uris: [Model.contactUri('sip:bob@example.com', { id: 'bob_sip' })], presence: { policy: 'allow', subscribe: true }, dialog: { policy: 'allow', subscribe: true } })],
          policies: [Model.policy({ id: 'mallory_p', uri: 'sip:mallory@example.com', presence: { policy: 'block' }, dialog: { policy: 'block' } })]
        })
      )
      const before = read(server, 'resource-lists')
      assert.deepStrictEqual(listUris(before, 'oma_blockedcontacts'), ['sip:mallory@example.com'])
      assert.deepStrictEqual(listUris(before, 'dialog_blockedcontacts'), ['sip:mallory@example.com'])
      assert.deepStrictEqual(listUris(before, 'oma_grantedcontacts'), ['sip:bob@example.com'])
      let mark = c.mark
      c.edit(Operations.removePolicy('mallory_p')).run(server)
      assert.strictEqual(puts(c.since(mark)).length, 1)
      const afterPolicy = read(server, 'resource-lists')
      assert.deepStrictEqual([listUris(afterPolicy, 'oma_blockedcontacts'), listUris(afterPolicy, 'dialog_blockedcontacts')], [[], []])
      assert.deepStrictEqual(listUris(afterPolicy, 'oma_grantedcontacts'), ['sip:bob@example.com'])
      mark = c.mark
      c.edit(Operations.removeContactUri('bob', 'bob_sip')).run(server)
      assert.strictEqual(puts(c.since(mark)).length, 1)
      const afterUri = read(server, 'resource-lists')
      for (const n of Projection.DERIVED) assert.deepStrictEqual(listUris(afterUri, n), [], n)
    })

    it('scenario 22: SetDefaultPresencePolicy confirm → allow → block → allow: exactly one of unlisted and allow_unlisted, with the right sub-handling', () => {
      const { server, c } = withBook(Model.addressBook())
      for (const p of ['confirm', 'allow', 'block', 'allow'] as const) {
        c.edit(Operations.setDefaultPresencePolicy(p)).run(server)
        const rules = read(server, 'pres-rules').rules
        const unlisted = rules.filter((r) => r.id === 'wp_prs_unlisted' || r.id === 'wp_prs_allow_unlisted')
        assert.deepStrictEqual(
          unlisted.map((r) => [r.id, r.actions?.ext.subHandling]),
          [[p === 'allow' ? 'wp_prs_allow_unlisted' : 'wp_prs_unlisted', p]]
        )
        assert.strictEqual(c.model().defaultPresencePolicy, p)
      }
    })

    it('scenario 23: a rule with two sub-handlings, transformations or a wrong value is repaired to a single valid sub-handling', () => {
      const ok = Projection.toDocuments(Model.addressBook(), {}, CTX)
      const inRule = (t: string, id: string, f: (rule: string) => string): string => t.replace(new RegExp(`<rule id="${id}">.*?</rule>`), f)
      let text = Documents.encode(CTX, 'pres-rules', ok['pres-rules'] as never)
      text = inRule(text, 'wp_prs_unlisted', (r) => r.replace('</actions>', '<pr:sub-handling>polite-block</pr:sub-handling></actions>'))
      text = inRule(text, 'wp_prs_grantedcontacts', (r) => r.replace('>allow<', '>block<'))
      text = inRule(text, 'wp_prs_blockedcontacts', (r) => r.replace('</actions>', '</actions><transformations><pr:provide-note>true</pr:provide-note></transformations>'))
      assert.ok(text.includes('provide-note') && text.includes('<pr:sub-handling>confirm</pr:sub-handling><pr:sub-handling>polite-block</pr:sub-handling>'), text)
      const { 'pres-rules': _rules, ...rest } = ok
      const server = box(simServer(rest))
      server.s = { ...server.s, docs: new Map([...server.s.docs, ['pres-rules', { etag: 'bad', text }]]) }
      const c = synced(server)
      assert.deepStrictEqual(docsOf(puts(c.sent)), ['pres-rules'])
      const rules = read(server, 'pres-rules').rules
      assert.deepStrictEqual(rules.map((r) => [r.id, r.actions?.ext.subHandling, r.transformations]), [
        ['wp_prs_grantedcontacts', 'allow', undefined],
        ['wp_prs_blockedcontacts', 'polite-block', undefined],
        ['wp_prs_unlisted', 'polite-block', undefined],
        ['wp_prs_block_anonymous', 'block', undefined],
        ['wp_prs_allow_own', 'allow', undefined]
      ])
    })

    it('scenario 24: operations in a transaction give exactly one PUT per document at commit', () => {
      const { server, c } = withBook(Model.addressBook())
      const mark = c.mark
      c.edit(
        Operations.addContact(bob()),
        Operations.addGroup(Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })),
        Operations.updateContact('bob', { presence: { policy: 'allow' } }),
        Operations.setDefaultPresencePolicy('block'),
        Operations.setDefaultDialogPolicy('allow')
      ).run(server)
      assert.deepStrictEqual(docsOf(puts(c.since(mark))), ['resource-lists', 'pres-rules', 'dialog-rules'])
    })

    it('scenario 25: replaying the whole journal twice gives the same documents (no extra PUT)', () => {
      const ops = [Operations.addContact(bob()), Operations.addGroup(Model.group({ id: 'friends', name: 'Friends', members: ['bob'] })), Operations.removeContactUri('bob', 'bob_tel')]
      const { server, c } = withBook(Model.addressBook())
      c.edit(...ops).run(server)
      const journal = ops.map((op, i) => ({ seq: i + 1, op }))
      const again = new Client().feed({ _tag: 'Start', restored: { journal } }).run(server)
      assert.deepStrictEqual(puts(again.sent), [])
      assert.deepStrictEqual(again.s.journal, [])
      const twice = Operations.applyAll([...ops, ...ops], serverDocs(server.s), CTX).docs
      assert.ok(Documents.NAMES.every((n) => Documents.same(CTX, n, Projection.normalize(twice, CTX)[n] as never, serverDocs(server.s)[n] as never)))
    })
  })

  describe('concurrency and sync', () => {
    const two = (book: Model.AddressBook = Model.addressBook()): { server: Box; a: Client; b: Client } => {
      const server = box(simServer(Projection.toDocuments(book, {}, CTX)))
      return { server, a: synced(server), b: synced(server) }
    }
    /** Both have their PUT out; the first one's reaches the server first. */
    const race = (server: Box, first: Client, second: Client): void => {
      first.run(server)
      second.run(server)
    }

    it('scenario 26: two clients add different contacts at once: one gets 412, refetches and replays, both contacts survive', () => {
      const { server, a, b } = two()
      a.edit(Operations.addContact(bob()))
      b.edit(Operations.addContact(Model.contact({ id: 'carol', name: 'Carol', uris: ['sip:carol@example.com'] })))
      const [pa] = puts(a.outbox)
      const [pb] = puts(b.outbox)
      assert.ok(pa.ifMatch !== undefined && pa.ifMatch === pb.ifMatch)
      a.run(server)
      const mark = b.mark
      b.run(server)
      assert.ok(b.since(mark).some((x) => x._tag === 'Fetch'))
      a.feed({ _tag: 'Refresh' }).run(server)
      for (const x of [a, b]) assert.deepStrictEqual(x.model().contacts.map((k) => k.id).sort(), ['bob', 'carol'])
    })

    it('scenario 27: two clients rename one group at once: the later PUT wins, and both converge on the same ETag and model', () => {
      const { server, a, b } = two(Model.addressBook({ groups: [Model.group({ id: 'friends', name: 'Friends' })] }))
      a.edit(Operations.updateGroup('friends', { name: 'From A' }))
      b.edit(Operations.updateGroup('friends', { name: 'From B' }))
      race(server, a, b)
      const etag = server.s.docs.get('resource-lists')?.etag
      a.feed({ _tag: 'Notification', body: notification([{ doc: 'resource-lists', newEtag: etag }]) }).run(server)
      assert.strictEqual(etagOf(a, 'resource-lists'), etag)
      assert.strictEqual(etagOf(b, 'resource-lists'), etag)
      assert.strictEqual(a.model().groups[0].name, 'From B')
      assert.ok(Model.equals(a.model(), b.model()))
    })

    it('scenario 28: A deletes a contact while B updates it: the contact stays deleted', () => {
      for (const aFirst of [true, false]) {
        const { server, a, b } = two(Model.addressBook({ contacts: [bob()] }))
        a.edit(Operations.removeContact('bob'))
        b.edit(Operations.updateContact('bob', { name: 'Robert' }))
        if (aFirst) race(server, a, b)
        else race(server, b, a)
        for (const x of [a, b]) x.feed({ _tag: 'Refresh' }).run(server)
        for (const x of [a, b]) assert.deepStrictEqual(x.model().contacts, [], `A first: ${aFirst}`)
      }
    })

    it('scenario 29: A deletes a contact while B replays a pending AddContact of it: the contact exists (the add wins)', () => {
      const { server, a, b } = two(Model.addressBook({ contacts: [bob()] }))
      a.edit(Operations.removeContact('bob'))
      b.edit(Operations.addContact(bob({ name: 'Bob again' })))
      race(server, a, b)
      for (const x of [a, b]) x.feed({ _tag: 'Refresh' }).run(server)
      for (const x of [a, b]) assert.deepStrictEqual(x.model().contacts.map((k) => k.name), ['Bob again'])
    })

    it('scenario 30: two clients bootstrap an empty server at once: the second gets 412 on If-None-Match: *, and one normalized document set results', () => {
      const server = box()
      const a = new Client().feed({ _tag: 'Start' })
      const b = new Client().feed({ _tag: 'Start' })
      // both learn the capabilities and fetch (all 404) before either writes
      for (let i = 0; i < 7; i++) {
        a.deliverOne(server)
        b.deliverOne(server)
      }
      a.run(server)
      b.run(server)
      const created = puts(b.sent).filter((p) => p.ifNoneMatch === '*')
      assert.ok(created.length > 0)
      assert.ok(server.s.counter === 4, `${server.s.counter} writes`) // each document written once, by A
      assert.deepStrictEqual(puts(b.sent).filter((p) => p.ifMatch !== undefined), [])
      assert.strictEqual(b.s.phase, 'insync')
      for (const n of ['resource-lists', 'rls-services', 'pres-rules', 'dialog-rules'] as const) assert.strictEqual(etagOf(a, n), etagOf(b, n))
    })

    it('scenario 31: a NOTIFY with a new ETag of resource-lists fetches only that document and announces the change; one with our own ETag fetches nothing', () => {
      const { server, a, b } = two()
      a.edit(Operations.addContact(bob())).run(server)
      const etag = server.s.docs.get('resource-lists')?.etag
      const mark = b.mark
      b.feed({ _tag: 'Notification', body: notification([{ doc: 'resource-lists', newEtag: etag, previousEtag: 'whatever' }]) }).run(server)
      assert.deepStrictEqual(docsOf(fetches(b.since(mark))), ['resource-lists'])
      assert.ok(b.notices.slice(-3).some((n) => n._tag === 'Changed' && n.model.contacts.length === 1))
      const echo = a.mark
      a.feed({ _tag: 'Notification', body: notification([{ doc: 'resource-lists', newEtag: etag, previousEtag: 'whatever' }]) }).run(server)
      assert.deepStrictEqual(fetches(a.since(echo)), [])
    })

    it("scenario 32: a NOTIFY listing three documents of which one is stale fetches only that one (each document compared with its own ETag, the reference's bug fixed)", () => {
      const { server, a, b } = two()
      a.edit(Operations.setDefaultPresencePolicy('block')).run(server)
      const mark = b.mark
      b.feed({
        _tag: 'Notification',
        body: notification([
          { doc: 'resource-lists', newEtag: etagOf(b, 'resource-lists') },
          { doc: 'pres-rules', newEtag: server.s.docs.get('pres-rules')?.etag, previousEtag: etagOf(b, 'pres-rules') },
          { doc: 'rls-services', newEtag: etagOf(b, 'rls-services') }
        ])
      }).run(server)
      assert.deepStrictEqual(docsOf(fetches(b.since(mark))), ['pres-rules'])
      assert.strictEqual(b.model().defaultPresencePolicy, 'block')
    })

    it('scenario 33: a NOTIFY with an unparsable body fetches every document (conditionally)', () => {
      const { server, b } = two()
      const mark = b.mark
      b.feed({ _tag: 'Notification', body: '<xcap-diff xmlns="urn:ietf:params:xml:ns:xcap-diff"><oops' }).run(server)
      const f = fetches(b.since(mark))
      assert.deepStrictEqual(docsOf(f), ['resource-lists', 'rls-services', 'pres-rules', 'dialog-rules', 'pidf-manipulation', 'status-icon'])
      assert.ok(f.filter((x) => server.s.docs.has(x.doc)).every((x) => x.ifNoneMatch !== undefined))
      assert.ok(b.problems().some((p) => p._tag === 'InvalidNotification'))
    })

    it('scenario 34: a failed or terminated subscription gives a full conditional fetch', () => {
      for (const e of [{ _tag: 'SubscriptionEnded' } as const, { _tag: 'SubscriptionStarted' } as const]) {
        const { server, b } = two()
        const mark = b.mark
        b.feed(e).run(server)
        const f = fetches(b.since(mark))
        assert.strictEqual(f.length, 6)
        assert.ok(f.filter((x) => server.s.docs.has(x.doc)).every((x) => x.ifNoneMatch !== undefined))
        assert.deepStrictEqual(puts(b.since(mark)), [])
      }
    })

    it('scenario 35: a document deleted on the server (404 on fetch) is reset, and normalize creates it again with If-None-Match: *', () => {
      const { server, b } = two()
      server.s = { ...server.s, docs: new Map([...server.s.docs].filter(([n]) => n !== 'rls-services')) }
      const mark = b.mark
      b.feed({ _tag: 'Refresh' }).run(server)
      const p = puts(b.since(mark))
      assert.deepStrictEqual(p.map((x) => [x.doc, x.ifNoneMatch, x.ifMatch]), [['rls-services', '*', undefined]])
      assert.ok(server.s.docs.has('rls-services'))
    })

    it('scenario 36: a network error during a PUT is retried after about 60 s without applying the operations again; a persistent 409 is surfaced, not retried forever', () => {
      const { server, a } = two()
      a.edit(Operations.addContact(bob()))
      const put = a.outbox.shift()
      assert.ok(put?._tag === 'Put')
      a.feed({ _tag: 'Written', req: put.req, outcome: { _tag: 'Failed', message: 'ECONNRESET' } })
      assert.deepStrictEqual(a.problems().at(-1), { _tag: 'WriteFailed', doc: 'resource-lists', message: 'ECONNRESET' })
      const [ms] = [...a.timers.values()]
      assert.ok(ms >= 48_000 && ms <= 72_000, String(ms))
      assert.strictEqual(a.s.journal.length, 1)
      a.fire().run(server)
      assert.deepStrictEqual(a.s.journal, [])
      assert.deepStrictEqual(a.model().contacts.map((c) => c.id), ['bob'])
      // the server refuses the document every time, with an xcap-error body
      const refusing = box({ ...server.s, refuse: { docs: ['resource-lists'], body: '<xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error"><uniqueness-failure phrase="taken"><exists field="contact/@id"/></uniqueness-failure></xcap-error>' } })
      const mark = a.mark
      a.edit(Operations.addContact(Model.contact({ id: 'carol', name: 'Carol' }))).run(refusing)
      const p = a.problems()
      const rejected = p.filter((x) => x._tag === 'Rejected')
      assert.strictEqual(rejected.length, 2)
      assert.strictEqual(rejected[0]._tag === 'Rejected' ? rejected[0].error?.error._tag : undefined, 'UniquenessFailure')
      assert.strictEqual(rejected[0]._tag === 'Rejected' ? rejected[0].message : undefined, '409 Conflict: <uniqueness-failure> "taken" on contact/@id')
      assert.ok(p.some((x) => x._tag === 'OperationsQuarantined' && x.entries.length === 1))
      assert.strictEqual(puts(a.since(mark)).length, 2)
      assert.strictEqual(a.s.phase, 'insync')
      assert.strictEqual(a.s.quarantined.length, 1)
    })

    it('scenario 37: a restart with a non-empty persisted journal and a stale cache replays the operations once, and the server has them', () => {
      const server = box()
      const a = synced(server)
      const stale: Record<string, { etag: string; text: string }> = {}
      for (const [n, d] of server.s.docs) stale[n] = d
      // meanwhile another client changes the address book
      server.s = remoteEdit(server.s, [Operations.addContact(Model.contact({ id: 'carol', name: 'Carol', uris: ['sip:carol@example.com'] }))])[0]
      void a
      const journal = [{ seq: 1, op: Operations.addContact(bob()) }, { seq: 2, op: Operations.addGroupMember('friends', 'bob') }, { seq: 3, op: Operations.addGroup(Model.group({ id: 'friends', name: 'Friends' })) }]
      const b = new Client().feed({ _tag: 'Start', restored: { journal, documents: stale } }).run(server)
      const p = puts(b.sent)
      assert.deepStrictEqual(docsOf(p), ['resource-lists'])
      assert.deepStrictEqual(b.s.journal, [])
      const m = Projection.fromDocuments(serverDocs(server.s), CTX)
      assert.deepStrictEqual(m.contacts.map((c) => c.id), ['carol', 'bob'])
      assert.deepStrictEqual(m.groups.map((g) => [g.id, g.members]), [['friends', []]])
    })

    it('scenario 38: a status icon set from two clients with the same data: the second is a no-op; a null icon DELETEs it, and a 404 on that DELETE is fine', () => {
      const { server, a, b } = two()
      const icon = Model.icon(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png')
      assert.ok(E.isRight(icon))
      a.edit(Operations.setStatusIcon(icon.right)).run(server)
      b.feed({ _tag: 'Refresh' }).run(server)
      const mark = b.mark
      b.edit(Operations.setStatusIcon({ ...icon.right, data: new Uint8Array(icon.right.data) })).run(server)
      assert.deepStrictEqual(puts(b.since(mark)), [])
      // the icon goes; meanwhile A deleted it already: the DELETE answers 404
      a.edit(Operations.setStatusIcon(null))
      const del = a.outbox.shift()
      assert.ok(del?._tag === 'Delete' && del.doc === 'status-icon' && del.ifMatch !== undefined)
      a.feed({ _tag: 'Written', req: del.req, outcome: { _tag: 'NotFound' } })
      assert.strictEqual(a.s.phase, 'insync')
      assert.deepStrictEqual(a.problems().filter((p) => p._tag === 'WriteFailed'), [])
      assert.strictEqual(a.model().icon, undefined)
    })
  })
})
