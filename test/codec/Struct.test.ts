import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import * as _ from '../../src/codec/Element.js'
import * as Doc from '../../src/codec/Document.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'
import * as Xml from '../../src/xml/Ast.js'
import { canonical } from '../../src/xml/Canonical.js'
import { parse } from '../../src/xml/Parser.js'
import * as Presence from '../../src/formats/Presence.js'
import * as A from '../../laws/Arbitrary.js'

// A made-up list format (resource-lists-like): lists nest, members interleave in document order, foreign elements
// stand where they are, periods are (from, until) pairs.
const NS = 'urn:example:lists'
const X = 'urn:example:x'
const el = Xml.qname(NS)

type Member =
  | { readonly _tag: 'Entry'; readonly uri: string }
  | { readonly _tag: 'List'; readonly list: List }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }
interface List {
  readonly name?: string
  readonly members: ReadonlyArray<Member>
}
const List: _.XmlCodec<List> = _.lazy([el('list')], () =>
  _.element(el('list'), {
    name: _.optionalAttr('name', V.token),
    members: _.choices([_.member('Entry', 'uri', _.textElement(el('entry'), V.anyURI)), _.member('List', 'list', List), _.otherMember(NS)])
  })
)
const Periods = _.element(el('validity'), {
  periods: _.sequence({ from: _.textElement(el('from'), V.dateTime), until: _.textElement(el('until'), V.dateTime) }, { min: 1 })
})
const Doc1 = _.element(el('doc'), {
  xmlns: _.namespaces({ root: true }),
  lists: _.children(List),
  validity: _.optionalChild(Periods),
  tags: _.optionalChild(_.wrapped(el('tags'), _.textElement(el('tag'), V.token))),
  label: _.optionalChild(_.localized(el('label')))
})
const doc = Doc.xml(Doc1, { id: 'doc', contentType: 'application/x-doc+xml', title: 'doc' })

const ok = <A>(r: E.Either<ReadonlyArray<{ path: string; message: string }>, A>): A => {
  if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
  return r.right
}
const errors = (r: E.Either<ReadonlyArray<{ path: string; message: string }>, unknown>): ReadonlyArray<string> => {
  if (E.isRight(r)) assert.fail('expected errors')
  return report(r.left)
}

describe('Struct', () => {
  describe('choices and lazy', () => {
    const text = `<doc xmlns="${NS}" xmlns:x="${X}"><list name="a"><entry>sip:1@x</entry><x:note>n</x:note><list name="b"><entry>sip:2@x</entry><list><entry>sip:3@x</entry></list></list><entry>sip:4@x</entry></list></doc>`
    it('decodes a repeated choice to one list of tagged members in document order, recursively', () => {
      const v = ok(doc.decode(text))
      const a = v.lists[0]
      assert.deepStrictEqual(
        a.members.map((m) => m._tag),
        ['Entry', 'Other', 'List', 'Entry']
      )
      const b = a.members[2]
      assert.ok(b._tag === 'List')
      assert.deepStrictEqual(b.list.members[0], { _tag: 'Entry', uri: 'sip:2@x' })
      const c = b.list.members[1]
      assert.ok(c._tag === 'List' && c.list.members[0]._tag === 'Entry')
    })
    it('encodes the members in their order, foreign elements in place', () => {
      const v = ok(doc.decode(text))
      assert.strictEqual(canonical(ok(E.mapLeft(() => [])(parse(doc.encode(v))))), canonical(ok(E.mapLeft(() => [])(parse(text)))))
      assert.deepStrictEqual(ok(doc.decode(doc.encode(v))), v)
    })
    it('reports errors with the path of each member', () => {
      assert.deepStrictEqual(errors(doc.decode(`<doc xmlns="${NS}"><list><entry>sip:1@x</entry><list><entry><x/></entry></list><bogus/></list></doc>`)), [
        `/doc/list[1]/bogus[1]: expected no element <{${NS}}bogus> here, got one`,
        `/doc/list[1]/list[1]/entry[1]: expected text only, got element <{${NS}}x>`
      ])
    })
    it('counts the steps of each member name and each foreign name on its own, interleaved (counts by slot, foreign by name)', () => {
      const bad = `<doc xmlns="${NS}" xmlns:x="${X}"><list><entry>sip:1@x</entry><x:a/><list/><entry><z/></entry><x:b/><x:a/><list><entry><y/></entry></list><entry>sip:4@x</entry><entry><w/></entry></list></doc>`
      assert.deepStrictEqual(errors(doc.decode(bad)), [
        `/doc/list[1]/entry[2]: expected text only, got element <{${NS}}z>`,
        `/doc/list[1]/list[2]/entry[1]: expected text only, got element <{${NS}}y>`,
        `/doc/list[1]/entry[4]: expected text only, got element <{${NS}}w>`
      ])
      // lenient mode drops exactly those, and says where
      const r = doc.decodeLenient(bad)
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(
        r.right.dropped.map((d) => d.path),
        ['/doc/list[1]/entry[2]', '/doc/list[1]/list[2]/entry[1]', '/doc/list[1]/entry[4]']
      )
      assert.deepStrictEqual(
        r.right.value.lists[0].members.map((m) => (m._tag === 'Other' ? m.element.name.local : m._tag)),
        ['Entry', 'a', 'List', 'b', 'a', 'List', 'Entry']
      )
    })
    it('guards: tags and keys must match a member', () => {
      assert.ok(List.is({ members: [{ _tag: 'Entry', uri: 'sip:a@b' }] }))
      assert.ok(!List.is({ members: [{ _tag: 'Entry', list: { members: [] } }] }))
      assert.ok(!List.is({ members: [{ _tag: 'Nope', uri: 'x' }] }))
      assert.ok(!List.is({ members: [{ _tag: 'Other', element: Xml.element({ ns: NS, local: 'entry' }) }] }))
      assert.ok(!List.is({ members: [{ _tag: 'Entry', uri: 'sip:a@b', extra: 1 }] }))
    })
    it('round-trips generated recursive lists', () => {
      const { list } = fc.letrec<{ list: List; member: Member }>((tie) => ({
        member: fc.oneof(
          { depthSize: 'small', maxDepth: 3 },
          A.anyURI.map((uri): Member => ({ _tag: 'Entry', uri })),
          tie('list').map((list): Member => ({ _tag: 'List', list })),
          A.foreignElement(1).map((element): Member => ({ _tag: 'Other', element }))
        ),
        list: fc.record({ members: fc.array(tie('member'), { maxLength: 4 }) }, { noNullPrototype: true })
      }))
      fc.assert(
        fc.property(fc.array(list, { maxLength: 3 }), (lists) => {
          const v = { lists }
          assert.ok(Doc1.is(v))
          assert.deepStrictEqual(ok(doc.decode(doc.encode(v))), v)
        })
      )
    })
  })

  describe('choice and optionalChoice', () => {
    const one = _.element(el('one'), {
      pick: _.choice([_.member('Entry', 'uri', _.textElement(el('entry'), V.anyURI)), _.member('List', 'list', List)]),
      maybe: _.optionalChoice([_.member('Tag', 'tag', _.textElement(el('tag'), V.token)), _.otherMember(NS)])
    })
    it('reads exactly one member, and at most one', () => {
      const r = one.decode(Xml.element(el('one'), {}, [Xml.element(el('entry'), {}, [Xml.text('sip:a@b')])]))
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(r.right, { pick: { _tag: 'Entry', uri: 'sip:a@b' } })
      const two = one.decode(
        Xml.element(el('one'), {}, [Xml.element(el('entry'), {}, [Xml.text('sip:a@b')]), Xml.element({ ns: X, local: 'x' })])
      )
      assert.ok(E.isRight(two))
      assert.deepStrictEqual(two.right.maybe, { _tag: 'Other', element: Xml.element({ ns: X, local: 'x' }) })
      assert.deepStrictEqual(report((one.decode(Xml.element(el('one'))) as E.Left<never>).left), [
        `/: expected at least 1 <{${NS}}entry> | <{${NS}}list>, got 0`
      ])
      assert.ok(one.is({ pick: { _tag: 'List', list: { members: [] } } }))
      assert.ok(!one.is({ pick: { _tag: 'Tag', tag: 'x' } }))
    })
  })

  describe('constrain', () => {
    const Names = _.constrain(_.element(el('names'), { names: _.children(el('name'), V.token) }), (v) =>
      v.names.flatMap((n, i) => (v.names.indexOf(n) < i ? [{ path: [`name[${i + 1}]`], message: `expected a unique name, got "${n}" again` }] : []))
    )
    it('reports each violation at its own path, and the guard refuses what decoding would', () => {
      const r = Names.validate(
        Xml.element(el('names'), {}, ['a', 'b', 'a'].map((n) => Xml.element(el('name'), {}, [Xml.text(n)]))),
        _.rootContext(Names, Xml.element(el('names')))
      )
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), ['/names/name[3]: expected a unique name, got "a" again'])
      assert.ok(Names.is({ names: ['a', 'b'] }))
      assert.ok(!Names.is({ names: ['a', 'a'] }))
    })
  })

  describe('sequence', () => {
    it('reads (from, until)+ as a list of pairs and writes them pair by pair', () => {
      const text = `<doc xmlns="${NS}"><validity><from>2026-01-01T00:00:00Z</from><until>2026-02-01T00:00:00Z</until><from>2026-03-01T00:00:00Z</from><until>2026-04-01T00:00:00Z</until></validity></doc>`
      const v = ok(doc.decode(text))
      assert.deepStrictEqual(v.validity?.periods, [
        { from: '2026-01-01T00:00:00Z', until: '2026-02-01T00:00:00Z' },
        { from: '2026-03-01T00:00:00Z', until: '2026-04-01T00:00:00Z' }
      ])
      assert.ok(doc.encode(v).includes('<validity><from>2026-01-01T00:00:00Z</from><until>2026-02-01T00:00:00Z</until><from>'))
    })
    it('refuses a pair out of order, a missing until and no pair at all', () => {
      assert.deepStrictEqual(errors(doc.decode(`<doc xmlns="${NS}"><validity><until>2026-02-01T00:00:00Z</until></validity></doc>`)), [
        `/doc/validity/until[1]: expected <{${NS}}from>, got <{${NS}}until>`
      ])
      assert.deepStrictEqual(errors(doc.decode(`<doc xmlns="${NS}"><validity><from>2026-02-01T00:00:00Z</from></validity></doc>`)), [
        `/doc/validity: expected <{${NS}}until>, got nothing`
      ])
      assert.deepStrictEqual(errors(doc.decode(`<doc xmlns="${NS}"><validity/></doc>`)), [`/doc/validity: expected at least 1 <{${NS}}from>, got 0`])
    })
  })

  describe('wrapped and localized', () => {
    it('reads a wrapper list as a plain list, and language-tagged text', () => {
      const v = ok(doc.decode(`<doc xmlns="${NS}"><tags><tag>a</tag><tag>b</tag></tags><label xml:lang="de">Grüße</label></doc>`))
      assert.deepStrictEqual(v.tags, ['a', 'b'])
      assert.deepStrictEqual(v.label, { lang: 'de', value: 'Grüße' })
      assert.deepStrictEqual(ok(doc.decode(doc.encode(v))), v)
    })
  })

  describe('namespaces', () => {
    it("keeps the root's declarations except those the encoder writes by itself", () => {
      const v = ok(doc.decode(`<l:doc xmlns:l="${NS}" xmlns:x="${X}" xmlns:rl="urn:ietf:params:xml:ns:resource-lists" xmlns:ns7="urn:q"><l:list/></l:doc>`))
      // the customary prefix of a namespace and the encoder's nsN prefixes are implied
      assert.deepStrictEqual(v.xmlns, [
        { prefix: 'l', uri: NS },
        { prefix: 'x', uri: X }
      ])
      assert.match(doc.encode(v), new RegExp(`^<\\?xml[^>]*\\?><l:doc xmlns:l="${NS}" xmlns:x="${X}"><l:list/></l:doc>$`))
      const plain = ok(doc.decode(`<doc xmlns="${NS}"><list/></doc>`))
      assert.strictEqual(plain.xmlns, undefined)
    })
    it('guards: only normal, writable declarations', () => {
      assert.ok(Doc1.is({ lists: [], xmlns: [{ prefix: 'l', uri: NS }] }))
      assert.ok(!Doc1.is({ lists: [], xmlns: [{ prefix: '', uri: NS }] }), 'implied: the default namespace of the root')
      assert.ok(!Doc1.is({ lists: [], xmlns: [{ prefix: 'rl', uri: 'urn:ietf:params:xml:ns:resource-lists' }] }), 'implied: a customary prefix')
      assert.ok(!Doc1.is({ lists: [], xmlns: [{ prefix: 'ns3', uri: 'urn:q' }] }), "implied: the encoder's own prefixes")
      assert.ok(!Doc1.is({ lists: [], xmlns: [{ prefix: 'xml', uri: 'urn:q' }] }))
      assert.ok(!Doc1.is({ lists: [], xmlns: [{ prefix: 'a', uri: '' }] }))
      assert.ok(!Doc1.is({ lists: [], xmlns: [{ prefix: 'a', uri: 'urn:1' }, { prefix: 'a', uri: 'urn:2' }] }))
      assert.ok(!Doc1.is({ lists: [], xmlns: [] }))
    })
    it('lets decoders resolve QNames in content with the bindings in scope', () => {
      const seen: Array<string | undefined> = []
      const Probe = _.make<null>(
        'probe',
        [el('probe')],
        (u): u is null => u === null,
        (_u, c) => {
          seen.push(_.inScope(c).get('p'))
          return E.right(null)
        },
        () => Xml.element(el('probe'))
      )
      const Host = _.element(el('host'), { probes: _.children(Probe) })
      const t = `<host xmlns="${NS}" xmlns:p="urn:1"><probe/><probe xmlns:p="urn:2"/></host>`
      const r = parse(t)
      assert.ok(E.isRight(r))
      ok(E.mapLeft(report)(Host.validate(r.right, _.rootContext(Host, r.right))) as E.Either<never, unknown>)
      assert.deepStrictEqual(seen, ['urn:1', 'urn:2'])
    })
  })

  describe('schema order', () => {
    const Seq = _.element(el('seq'), { a: _.optionalChild(el('a'), V.string), b: _.children(el('b'), V.string), rest: _.other(NS) })
    const seqDoc = Doc.xml(Seq, { id: 'seq', contentType: 'application/x-seq+xml', title: 'seq' })
    it('refuses children out of the sequence in strict mode, with the path of the misplaced one', () => {
      assert.deepStrictEqual(errors(seqDoc.decode(`<seq xmlns="${NS}"><b>1</b><a>2</a></seq>`)), [
        `/seq/a[1]: expected <{${NS}}a> before <{${NS}}b>, got it after`
      ])
      assert.deepStrictEqual(errors(seqDoc.decode(`<seq xmlns="${NS}" xmlns:x="${X}"><x:y/><b>1</b></seq>`)), [
        `/seq/b[1]: expected <{${NS}}b> before <{${X}}y>, got it after`
      ])
    })
    it('accepts them in lenient mode and says so', () => {
      const r = ok(seqDoc.decodeLenient(`<seq xmlns="${NS}"><b>1</b><a>2</a></seq>`))
      assert.deepStrictEqual(r.value, { a: '2', b: ['1'], rest: [] })
      assert.deepStrictEqual(report(r.warnings), [`/seq/a[1]: out of schema order: <{${NS}}a> after <{${NS}}b> (kept in place)`])
      assert.deepStrictEqual(r.dropped, [])
    })
    it('refuses an element of our local name in no namespace instead of taking it for an extension', () => {
      const text = `<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:a@b"><tuple xmlns="" id="t"><status/></tuple></presence>`
      assert.deepStrictEqual(errors(Presence.document.decode(text)), ['/presence/tuple[1]: expected no element <tuple> here, got one'])
      const l = ok(Presence.document.decodeLenient(text))
      assert.strictEqual(l.value.tuples.length, 0)
      assert.deepStrictEqual(reportDropped(l.dropped), ['/presence/tuple[1]: dropped: unexpected element <tuple>'])
    })
  })

  describe('source order', () => {
    const Bag = _.element(el('bag'), { order: _.sourceOrder(), a: _.children(el('a'), V.string), b: _.children(el('b'), V.string) }, { unordered: true })
    const bagDoc = Doc.xml(Bag, { id: 'bag', contentType: 'application/x-bag+xml', title: 'bag' })
    const names = (s: string) => Xml.elements(ok(E.mapLeft(() => [])(parse(s)))).map((e) => e.name.local)
    it('is recorded only where the source order differs from the encoder’s', () => {
      assert.strictEqual(ok(bagDoc.decode(`<bag xmlns="${NS}"><a>1</a><b>2</b></bag>`)).order, undefined)
      const v = ok(bagDoc.decode(`<bag xmlns="${NS}"><b>2</b><a>1</a><b>3</b></bag>`))
      assert.deepStrictEqual(v.order, [`{${NS}}b`, `{${NS}}a`, `{${NS}}b`])
      assert.deepStrictEqual(names(bagDoc.encode(v)), ['b', 'a', 'b'])
    })
    it('survives copies, JSON and edits of unrelated fields; new children go after their predecessor', () => {
      const v = ok(bagDoc.decode(`<bag xmlns="${NS}"><b>2</b><a>1</a><b>3</b></bag>`))
      assert.deepStrictEqual(names(bagDoc.encode(JSON.parse(JSON.stringify(v)))), ['b', 'a', 'b'])
      assert.deepStrictEqual(names(bagDoc.encode({ ...v, a: ['changed'] })), ['b', 'a', 'b'])
      assert.deepStrictEqual(names(bagDoc.encode({ ...v, a: ['1', 'new'] })), ['b', 'a', 'a', 'b'])
    })
    it('guards accept only normal orders, so that is(v) implies decode(encode(v)) = v', () => {
      const v = ok(bagDoc.decode(`<bag xmlns="${NS}"><b>2</b><a>1</a></bag>`))
      assert.ok(Bag.is(v))
      assert.ok(!Bag.is({ ...v, order: [`{${NS}}a`, `{${NS}}b`] }), "the encoder's own order is not recorded")
      assert.ok(!Bag.is({ ...v, a: ['1', 'new'] }), 'a stale order')
      assert.ok(!Bag.is({ ...v, order: [`{${NS}}b`, `{${NS}}b`] }))
      fc.assert(
        fc.property(fc.array(fc.constantFrom('a', 'b'), { maxLength: 6 }), (ks) => {
          const text = `<bag xmlns="${NS}">${ks.map((k, i) => `<${k}>${i}</${k}>`).join('')}</bag>`
          const d = ok(bagDoc.decode(text))
          assert.ok(Bag.is(d))
          assert.deepStrictEqual(ok(bagDoc.decode(bagDoc.encode(d))), d)
          assert.deepStrictEqual(names(bagDoc.encode(d)), ks)
        })
      )
    })
  })

  describe('error paths', () => {
    it('name repeated children by their index, written only when a path is read', () => {
      const c = _.appendIndexed([], 'entry', 3, V.string as never, undefined)
      assert.strictEqual(c[0].key, 'entry[3]')
      const r = doc.decode(`<doc xmlns="${NS}"><list name="a"/><list name="b"/><list name="c"><bad/></list></doc>`)
      assert.deepStrictEqual(errors(r), ['/doc/list[3]/bad[1]: expected no element <{urn:example:lists}bad> here, got one'])
    })
  })

  describe('wildcard guards', () => {
    it('refuse foreign elements that decoding would give to another field or to an extension', () => {
      const vendor = Ext.fromFields('host', { mood: _.optionalChild({ ns: X, local: 'mood' }, V.token) }, { name: 'Vendor' })
      const Host = _.element(el('host'), { note: _.optionalChild(el('note'), V.string), ext: _.extension(vendor), other: _.other(NS) })
      const foreign = (ns: string, local: string): Xml.Element => Xml.element({ ns, local }, {}, [Xml.text('x')])
      assert.ok(Host.is({ ext: {}, other: [foreign('urn:example:y', 'a')] }))
      // an element of the namespace the extension owns would be read by the extension, not kept
      assert.ok(!Host.is({ ext: {}, other: [foreign(X, 'other')] }))
      // nor can the wildcard hold an element of its own namespace that a field claims
      assert.ok(!Host.is({ ext: {}, other: [foreign(NS, 'note')] }))
    })
  })

  describe('canonical form', () => {
    it('white space in elements named element-only is indentation, also where they have no child element', () => {
      const text = `<doc xmlns="${NS}"><list name="a">\n  </list><label> </label></doc>`
      const indented = Doc.xml(Doc1, { id: 'doc', contentType: 'application/x-doc+xml', title: 'doc', elementOnly: [el('list')] })
      assert.deepStrictEqual(ok(indented.canonical(text)), ok(indented.canonical(`<doc xmlns="${NS}"><list name="a"/><label> </label></doc>`)))
      // without the schema's word, the white space is text
      assert.notDeepStrictEqual(ok(doc.canonical(text)), ok(doc.canonical(`<doc xmlns="${NS}"><list name="a"/><label> </label></doc>`)))
      // the text of other elements stays
      assert.notDeepStrictEqual(ok(indented.canonical(text)), ok(indented.canonical(`<doc xmlns="${NS}"><list name="a"/><label/></doc>`)))
    })
  })

  describe('xs:ID uniqueness', () => {
    const pidf = (body: string) => `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="pres:a@b">${body}</presence>`
    it('refuses an ID repeated anywhere in the document, at the second occurrence in document order', () => {
      assert.deepStrictEqual(errors(Presence.document.decode(pidf('<tuple id="x"><status/></tuple><dm:person id="x"/>'))), [
        '/presence/person[1]/@id: expected a unique xs:ID, got "x" again (first at /presence/tuple[1]/@id)'
      ])
      // three holders of one ID: each repetition is an error
      assert.deepStrictEqual(errors(Presence.document.decode(pidf('<tuple id="x"><status/></tuple><tuple id="x"><status/></tuple><dm:device id="x"><dm:deviceID>urn:d</dm:deviceID></dm:device>'))), [
        '/presence/tuple[2]/@id: expected a unique xs:ID, got "x" again (first at /presence/tuple[1]/@id)',
        '/presence/device[1]/@id: expected a unique xs:ID, got "x" again (first at /presence/tuple[1]/@id)'
      ])
    })
    it('drops the repetition in lenient mode and reports it', () => {
      const l = ok(Presence.document.decodeLenient(pidf('<tuple id="x"><status/></tuple><tuple id="y"><status/></tuple><dm:device id="x"><dm:deviceID>urn:d</dm:deviceID></dm:device>')))
      assert.deepStrictEqual(l.value.tuples.map((t) => t.id), ['x', 'y'])
      assert.deepStrictEqual(l.value.ext.devices, [])
      assert.deepStrictEqual(reportDropped(l.dropped), [
        '/presence/device[1]: dropped: @id: expected a unique xs:ID, got "x" again (first at /presence/tuple[1]/@id)'
      ])
    })
  })

  describe('extensions', () => {
    it('carry the values of their fields when absent, and hosts encode hand-made values that lack them', () => {
      const tuple = Presence.extensions.tuple
      assert.deepStrictEqual(tuple.defaults, { deviceIDs: [] })
      assert.deepStrictEqual(Ext.fill(tuple, { class: 'x' }), { deviceIDs: [], class: 'x' })
      const handMade = { id: 't', status: { ext: {}, other: [] }, ext: {}, other: [], notes: [] }
      assert.doesNotThrow(() => Presence.Tuple.encode(handMade as never))
      assert.ok(!Presence.Tuple.is(handMade))
    })
  })
})

describe('Document', () => {
  it('has the same limits for text and XML formats, in strict and lenient mode, counting UTF-8 bytes', () => {
    const text = `<doc xmlns="${NS}"><label>${'é'.repeat(100)}</label></doc>`
    const bytes = new TextEncoder().encode(text).length
    const decoders: ReadonlyArray<(i: string | Uint8Array, o?: Doc.DecodeOptions) => E.Either<ReadonlyArray<{ path: string; message: string }>, unknown>> = [doc.decode, doc.decodeLenient]
    for (const decode of decoders) {
      assert.ok(E.isRight(decode(text, { maxBytes: bytes })))
      assert.deepStrictEqual(errors(decode(text, { maxBytes: bytes - 1 })), [`expected at most ${bytes - 1} bytes, got ${bytes}`])
      assert.ok(E.isLeft(decode(new TextEncoder().encode(text), { maxBytes: bytes - 1 })))
    }
  })
  it('gives an error value for inputs that are not documents at all', () => {
    for (const u of [null, undefined, 42, {}, [], true, Symbol('x')]) {
      assert.deepStrictEqual(errors(doc.decode(u as never)).length, 1)
      assert.ok(E.isLeft(doc.decodeLenient(u as never)))
      assert.ok(E.isLeft(doc.fromJson(u)))
      assert.strictEqual(doc.is(u), false)
    }
    assert.deepStrictEqual(errors(doc.decode(null as never)), ['expected a document (a string or UTF-8 bytes), got null'])
  })
  it('drops comments and processing instructions, as not part of a payload: a document with them round-trips to a canonically equal one', () => {
    const text = `<?xml version="1.0"?><!-- head --><doc xmlns="${NS}"><!-- a --><list name="a"><?pi x?><entry>sip:1@<!-- mid -->x</entry></list></doc><!-- tail -->`
    const v = ok(doc.decode(text))
    assert.deepStrictEqual(v.lists[0].members, [{ _tag: 'Entry', uri: 'sip:1@x' }])
    const again = doc.encode(v)
    assert.ok(!again.includes('<!--'))
    assert.strictEqual(ok(doc.canonical(again)), ok(doc.canonical(text)))
  })
  it('keeps mixed content of foreign elements, whitespace between inline elements included', () => {
    const text = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:h="urn:example:html" entity="pres:a@b"><h:p>Hello <h:b>big</h:b> <h:i>world</h:i></h:p></presence>`
    const v = ok(Presence.document.decode(text))
    const p = v.other[0]
    assert.deepStrictEqual(p.children.map((c) => (c._tag === 'Text' ? c.value : `<${c.name.local}>`)), ['Hello ', '<b>', ' ', '<i>'])
    assert.ok(Presence.document.encode(v).includes('<h:p>Hello <h:b>big</h:b> <h:i>world</h:i></h:p>'))
    assert.deepStrictEqual(ok(Presence.document.decode(Presence.document.encode(v))), v)
  })
  it('honours xml:space="preserve" in foreign elements', () => {
    const text = `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:v="urn:example:v" entity="pres:a@b"><v:pre xml:space="preserve">\n  <v:x/>\n</v:pre></presence>`
    const v = ok(Presence.document.decode(text))
    assert.deepStrictEqual(v.other[0].children.length, 3)
    assert.deepStrictEqual(ok(Presence.document.decode(Presence.document.encode(v, { pretty: true }))), v)
  })
})
