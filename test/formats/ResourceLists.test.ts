import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as fc from 'fast-check'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/ResourceLists.js'
import * as C from '../../src/codec/Element.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import { print as printSelector } from '../../src/xcap/Selector.js'
import { assertLaw } from '../../laws/Law.js'
import { lens, laws } from '../../laws/Optic.js'
import * as RLA from '../../laws/formats/ResourceLists.js'
import { decodeErrors, decodeOk, deepStrictEqual } from '../util.js'

const NS = _.NS
const X = 'urn:example:x'
const corpus = fileURLToPath(new URL('../../../shared/corpus/resource-lists/', import.meta.url))
const read = (f: string): string => readFileSync(corpus + f, 'utf8')
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const doc = (lists: string, extra = ''): string => `<resource-lists xmlns="${NS}" xmlns:x="${X}"${extra}>${lists}</resource-lists>`

// RFC 4826 §3.3, as in the corpus (long URIs folded over lines)
const RFC4826_3_3 = `<?xml version="1.0" encoding="UTF-8"?>
<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <list name="friends">
  <entry uri="sip:bill@example.com">
   <display-name>Bill Doe</display-name>
  </entry>
  <entry-ref ref="resource-lists/users/sip:bill@example.com/index/~~/
   resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:pet
   ri@example.com%22%5d"/>
  <list name="close-friends">
   <display-name>Close Friends</display-name>
   <entry uri="sip:joe@example.com">
    <display-name>Joe Smith</display-name>
   </entry>
   <entry uri="sip:nancy@example.com">
    <display-name>Nancy Gross</display-name>
   </entry>
   <external anchor="http://xcap.example.org/resource-lists/users/
    sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkti
    ng%22%5d">
     <display-name>Marketing</display-name>
    </external>
  </list>
 </list>
</resource-lists>
`

const entry = (uri: string, name?: string): _.Member => ({
  _tag: 'Entry',
  entry: { uri, ...(name === undefined ? {} : { displayName: { value: name } }), ext: {}, other: [] }
})

describe('ResourceLists', () => {
  describe('RFC examples', () => {
    it('RFC 4826 §3.3: lists, entries, an entry-ref and an external, in document order', () => {
      const v = decode(RFC4826_3_3)
      deepStrictEqual(v, {
        lists: [
          {
            name: 'friends',
            members: [
              entry('sip:bill@example.com', 'Bill Doe'),
              {
                _tag: 'EntryRef',
                entryRef: {
                  ref: 'resource-lists/users/sip:bill@example.com/index/~~/    resource-lists/list%5b@name=%22list1%22%5d/entry%5b@uri=%22sip:pet    ri@example.com%22%5d',
                  ext: {},
                  other: []
                }
              },
              {
                _tag: 'List',
                list: {
                  name: 'close-friends',
                  displayName: { value: 'Close Friends' },
                  members: [
                    entry('sip:joe@example.com', 'Joe Smith'),
                    entry('sip:nancy@example.com', 'Nancy Gross'),
                    {
                      _tag: 'External',
                      external: {
                        anchor:
                          'http://xcap.example.org/resource-lists/users/     sip:a@example.org/index/~~/resource-lists/list%5b@name=%22mkti     ng%22%5d',
                        displayName: { value: 'Marketing' },
                        ext: {},
                        other: []
                      }
                    }
                  ],
                  ext: {}
                }
              }
            ],
            ext: {}
          }
        ]
      })
      // the folded URIs are kept as written (attribute values normalised by XML, nothing more), so that they come back
      assert.strictEqual(_.document.canonical(_.document.encode(v))._tag, 'Right')
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(RFC4826_3_3))
    })
    it('RFC 4825 §13: an empty list written over two lines comes back as it was', () => {
      const text = read('rfc4825-sec13-1.xml')
      const v = decode(text)
      // its white space is indentation (the content of a list is element-only), which the format's canonical form knows
      deepStrictEqual(v.lists[0], { name: 'friends', members: [], ext: {} })
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(text))
    })
    it('RFC 5364 §6: copy control attributes kept, and the anonymous URI may repeat in a list', () => {
      const v = decode(read('rfc5364-sec6-2.xml'))
      const es = v.lists[0].members.flatMap((m) => (m._tag === 'Entry' ? [m.entry] : []))
      assert.deepStrictEqual(
        es.map((e) => e.uri),
        ['sip:bill@example.com', _.ANONYMOUS, 'sip:joe@example.org', _.ANONYMOUS]
      )
      assert.deepStrictEqual(es[1].otherAttrs, { '{urn:ietf:params:xml:ns:copycontrol}copyControl': 'to', '{urn:ietf:params:xml:ns:copycontrol}count': '2' })
      assert.ok(_.document.is(v))
    })
    it('every valid corpus document decodes and comes back as it was', () => {
      for (const f of ['openxcap-attribute-resource-lists.xml', 'openxcap-fragment-resource-lists.xml', 'rfc5366-sec6.xml', 'rfc5875-sec4.4.xml']) {
        const v = decode(read(f))
        assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(read(f)), f)
      }
    })
  })

  describe('codec', () => {
    it('keeps foreign elements where they stand among the members, and nests lists to any depth', () => {
      const v = decode(
        doc(`<list><x:a/><entry uri="sip:1@x"/><x:b>t</x:b><list><list><list name="deep"><entry uri="sip:2@x"/></list></list></list><external/></list>`)
      )
      const l = v.lists[0]
      assert.deepStrictEqual(
        l.members.map((m) => m._tag),
        ['Other', 'Entry', 'Other', 'List', 'External']
      )
      assert.deepStrictEqual(
        _.listByPath(['deep']).getOption(v),
        O.none,
        'a path starts at the top-level lists'
      )
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('keeps foreign attributes, and refuses attributes of no namespace or of its own', () => {
      const v = decode(doc(`<list x:l="1"><entry uri="sip:a@x" x:e="2"/><entry-ref ref="r" x:r="3"/><external anchor="a" x:x="4"/></list>`))
      assert.deepStrictEqual(v.lists[0].otherAttrs, { [`{${X}}l`]: '1' })
      assert.deepStrictEqual(
        v.lists[0].members.map((m) =>
          m._tag === 'Entry' ? m.entry.otherAttrs : m._tag === 'EntryRef' ? m.entryRef.otherAttrs : m._tag === 'External' ? m.external.otherAttrs : undefined
        ),
        [{ [`{${X}}e`]: '2' }, { [`{${X}}r`]: '3' }, { [`{${X}}x`]: '4' }]
      )
      assert.deepStrictEqual(errors(doc(`<list><entry uri="sip:a@x" id="1" xmlns:rl="${NS}" rl:b="2"/></list>`)), [
        '/resource-lists/list[1]/entry[1]/@id: expected no attribute id here, got "1"',
        '/resource-lists/list[1]/entry[1]/@b: expected no attribute b here, got "2"'
      ])
    })
    it('reads display names with their language, text kept exactly', () => {
      const v = decode(doc(`<list><display-name xml:lang="de"> Grüße  </display-name><entry uri="sip:a@x"><display-name xml:lang="">x</display-name></entry></list>`))
      assert.deepStrictEqual(v.lists[0].displayName, { lang: 'de', value: ' Grüße  ' })
      assert.deepStrictEqual((v.lists[0].members[0] as { entry: _.Entry }).entry.displayName, { lang: '', value: 'x' })
    })
    it('refuses a missing URI, an unknown element of its own namespace, text, and the display name after members', () => {
      assert.deepStrictEqual(errors(doc(`<list><entry/><bogus/></list>`)), [
        `/resource-lists/list[1]/bogus[1]: expected no element <{${NS}}bogus> here, got one`,
        '/resource-lists/list[1]/entry[1]: expected attribute uri, got nothing'
      ])
      assert.deepStrictEqual(errors(doc(`<list>text<entry-ref/></list>`)), [
        '/resource-lists/list[1]: expected element-only content, got text "text"',
        '/resource-lists/list[1]/entry-ref[1]: expected attribute ref, got nothing'
      ])
      assert.deepStrictEqual(errors(doc(`<list><entry uri="sip:a@x"/><display-name>late</display-name></list>`)), [
        `/resource-lists/list[1]/display-name[1]: expected <{${NS}}display-name> before <{${NS}}entry>, got it after`
      ])
      assert.deepStrictEqual(errors(`<resource-lists xmlns="${NS}"><entry uri="sip:a@x"/></resource-lists>`), [
        `/resource-lists/entry[1]: expected no element <{${NS}}entry> here, got one`
      ])
    })
  })

  describe('constraints (RFC 4826 §3.4.5)', () => {
    it('list names are unique among sibling lists, at the top and below', () => {
      assert.deepStrictEqual(errors(read('openxcap-resource-lists-non-unique-list.xml')), [
        '/resource-lists/list[2]/@name: expected a list name unique among its sibling lists, got "friends" again'
      ])
      assert.deepStrictEqual(errors(doc(`<list name="a"><list name="b"/><entry uri="sip:x@x"/><list name="b"/><list name="b"/></list>`)), [
        '/resource-lists/list[1]/list[2]/@name: expected a list name unique among its sibling lists, got "b" again',
        '/resource-lists/list[1]/list[3]/@name: expected a list name unique among its sibling lists, got "b" again'
      ])
      // lists without names, the same name at other levels, and names differing in case are fine
      assert.ok(decode(doc(`<list/><list/><list name="a"><list name="a"/><list name="A"/></list>`)).lists.length === 3)
    })
    it('entry URIs are unique within their list, compared case-sensitively after white-space collapse', () => {
      assert.deepStrictEqual(errors(doc(`<list><entry uri="sip:a@x"/><entry uri="sip:b@x"/><entry uri=" sip:a@x "/></list>`)), [
        '/resource-lists/list[1]/entry[3]/@uri: expected an entry URI unique in its list, got " sip:a@x " again'
      ])
      assert.strictEqual(decode(doc(`<list><entry uri="sip:a@x"/><entry uri="sip:A@x"/><list><entry uri="sip:a@x"/></list></list>`)).lists.length, 1)
      assert.strictEqual(decode(doc(`<list><entry uri="${_.ANONYMOUS}"/><entry uri="${_.ANONYMOUS}"/></list>`)).lists.length, 1)
    })
    it('entry-ref references and external anchors are unique within their list', () => {
      const refs = '<entry-ref ref="r1"/><entry-ref ref="r2"/><entry-ref ref="r1"/>'
      const anchors = '<external anchor="http://a"/><external/><external/><external anchor="http://a"/>'
      assert.deepStrictEqual(errors(doc(`<list>${refs}${anchors}</list>`)), [
        '/resource-lists/list[1]/entry-ref[3]/@ref: expected an entry-ref reference unique in its list, got "r1" again',
        '/resource-lists/list[1]/external[4]/@anchor: expected an external anchor unique in its list, got "http://a" again'
      ])
    })
    it('the guard refuses what decoding refuses', () => {
      const l = (members: ReadonlyArray<_.Member>): _.List => ({ members, ext: {} })
      assert.ok(_.List.is(l([entry('sip:a@x'), entry('sip:b@x')])))
      assert.ok(!_.List.is(l([entry('sip:a@x'), entry('sip:a@x')])))
      assert.ok(!_.ResourceLists.is({ lists: [{ ...l([]), name: 'n' }, { ...l([]), name: 'n' }] }))
      assert.ok(!_.ResourceLists.is({ lists: [l([{ _tag: 'List', list: { ...l([entry('sip:a@x'), entry('sip:a@x')]) } }])] }))
    })
  })

  describe('extensions', () => {
    // RFC 5364's copy control as a typed extension of entries: attributes of its own namespace
    const CP = 'urn:ietf:params:xml:ns:copycontrol'
    const copyControl = Ext.fromFields(
      'rl:entry',
      {
        copyControl: C.optionalAttr({ ns: CP, local: 'copyControl' }, V.literal('to', 'cc', 'bcc')),
        anonymize: C.optionalAttr({ ns: CP, local: 'anonymize' }, V.boolean),
        count: C.optionalAttr({ ns: CP, local: 'count' }, V.nonNegativeInteger)
      },
      { name: 'copy control' }
    )
    const VENDOR = 'urn:example:vendor'
    const vendor = Ext.fromFields('rl:list', { colour: C.optionalChild({ ns: VENDOR, local: 'colour' }, V.token) }, { name: 'vendor' })
    const codec = _.documentWith(_.resourceListsWith({ entry: copyControl, list: vendor }))
    it('reads typed extensions at their points, the rest stays in place', () => {
      const v = decodeOk(codec)(read('rfc5364-sec6-1.xml'))
      const es = v.lists[0].members.flatMap((m) => (m._tag === 'Entry' ? [m.entry] : []))
      assert.deepStrictEqual(es[1], { uri: 'sip:randy@example.net', ext: { copyControl: 'to', anonymize: true }, other: [] })
      const w = decodeOk(codec)(doc(`<list><entry uri="sip:a@x"/><x:note/><colour xmlns="${VENDOR}">teal</colour></list>`))
      assert.deepStrictEqual(w.lists[0].ext, { colour: 'teal' })
      assert.deepStrictEqual(
        w.lists[0].members.map((m) => m._tag),
        ['Entry', 'Other']
      )
      assert.deepStrictEqual(decodeOk(codec)(codec.encode(w)), w)
    })
    it('an unknown element of an extension namespace is an error, and the guard keeps it out of place', () => {
      assert.deepStrictEqual(decodeErrors(codec)(doc(`<list><shade xmlns="${VENDOR}">x</shade></list>`)), [
        `/resource-lists/list[1]/shade[1]: expected no element <{${VENDOR}}shade> here, got one`
      ])
      const List = _.listWith({ list: vendor })
      assert.ok(!List.is({ members: [{ _tag: 'Other', element: Xml.element({ ns: VENDOR, local: 'shade' }) }], ext: {} }))
    })
    it('extension elements and members may interleave; the order comes back', () => {
      const text = doc(`<list><colour xmlns="${VENDOR}">teal</colour><entry uri="sip:a@x"/><x:n/></list>`)
      const v = decodeOk(codec)(text)
      assert.deepStrictEqual(v.lists[0].order, [`{${VENDOR}}colour`, `{${NS}}entry`, `{${X}}n`])
      assert.deepStrictEqual(codec.canonical(codec.encode(v)), codec.canonical(text))
    })
  })

  describe('document', () => {
    it('is the XCAP usage resource-lists', () => {
      assert.strictEqual(_.document.id, 'resource-lists')
      assert.strictEqual(_.document.contentType, _.CONTENT_TYPE)
      assert.strictEqual(_.document.auid, 'resource-lists')
      assert.strictEqual(
        documentUri('https://xcap.example.com/xcap-root', _.usage, 'sip:alice@example.com'),
        'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index'
      )
    })
  })

  describe('constructors', () => {
    it('build lists from members given tagged or as they are', () => {
      const e = _.entry('sip:bill@example.com', { displayName: 'Bill Doe' })
      const v = _.resourceLists([
        _.list({
          name: 'friends',
          displayName: _.displayName('Freunde', 'de'),
          members: [
            e,
            _.entryRef('resource-lists/users/x/index'),
            _.external('http://xcap.example.org/x'),
            _.list({ name: 'inner' }),
            Xml.element({ ns: X, local: 'n' }),
            { _tag: 'Entry', entry: _.entry('sip:b@x') }
          ]
        })
      ])
      assert.deepStrictEqual(e, { uri: 'sip:bill@example.com', displayName: { value: 'Bill Doe' }, ext: {}, other: [] })
      assert.deepStrictEqual(
        v.lists[0].members.map((m) => m._tag),
        ['Entry', 'EntryRef', 'External', 'List', 'Other', 'Entry']
      )
      assert.deepStrictEqual(v.lists[0].displayName, { lang: 'de', value: 'Freunde' })
      assert.deepStrictEqual(_.external(), { ext: {}, other: [] })
      assert.ok(_.document.is(v))
    })
    it('leave out what they cannot read, and never throw', () => {
      assert.strictEqual(_.memberOf(42 as never), undefined)
      assert.strictEqual(_.memberOf({ nothing: true } as never), undefined)
      assert.strictEqual(_.memberOf({ _tag: 'Element' } as never), undefined)
      assert.deepStrictEqual(_.list({ members: [null, 'x', 3] as never }), { members: [], ext: {} })
      assert.deepStrictEqual(_.resourceLists('x' as never), { lists: [] })
      assert.deepStrictEqual(_.entry(5 as never, null as never), { uri: '5', ext: {}, other: [] })
    })
  })

  describe('optics', () => {
    const v = decode(RFC4826_3_3)
    it('listByPath: the list at a path of names; writing it back keeps the name', () => {
      const close = _.listByPath(['friends', 'close-friends'])
      assert.strictEqual(O.toUndefined(close.getOption(v))?.displayName?.value, 'Close Friends')
      assert.ok(O.isNone(_.listByPath(['friends', 'nope']).getOption(v)))
      assert.ok(O.isNone(_.listByPath([]).getOption(v)))
      const w = close.set({ name: 'other', members: [], ext: {} })(v)
      assert.deepStrictEqual(O.toUndefined(close.getOption(w)), { name: 'close-friends', members: [], ext: {} })
      assert.strictEqual(_.listByPath(['nope']).set({ members: [], ext: {} })(v), v)
      assert.strictEqual(close.set(O.toUndefined(close.getOption(v)) as _.List)(v), v)
    })
    it('entryByUri: an entry of the list at a path; writing it back keeps the URI', () => {
      const joe = _.entryByUri(['friends', 'close-friends'], 'sip:joe@example.com')
      assert.strictEqual(O.toUndefined(joe.getOption(v))?.displayName?.value, 'Joe Smith')
      const w = joe.set(_.entry('sip:other@example.com', { displayName: 'Joseph' }))(v)
      assert.deepStrictEqual(O.toUndefined(joe.getOption(w)), { uri: 'sip:joe@example.com', displayName: { value: 'Joseph' }, ext: {}, other: [] })
      assert.ok(_.document.is(w))
      assert.ok(O.isNone(_.entryByUri(['friends'], 'sip:joe@example.com').getOption(v)))
      assert.strictEqual(_.entryIn('sip:nobody@x').set(_.entry('sip:nobody@x'))(v.lists[0]), v.lists[0])
    })
    it('entryAnywhere and entriesWithUri: an entry by URI in any list at any depth, the first one or all of them', () => {
      // joe is in a nested list, and also at the top of a second list
      const joeUri = 'sip:joe@example.com'
      const d = _.resourceLists([
        ...v.lists,
        _.list({ name: 'work', members: [_.entry('sip:ann@example.com'), _.entry(joeUri, { displayName: 'Joe at work' })] })
      ])
      const joe = _.entryAnywhere(joeUri)
      assert.strictEqual(O.toUndefined(joe.getOption(d))?.displayName?.value, 'Joe Smith')
      assert.ok(O.isNone(_.entryAnywhere('sip:nobody@example.com').getOption(d)))
      // writing back keeps the URI and changes the first entry only
      const w = joe.set(_.entry('sip:other@example.com', { displayName: 'Joseph' }))(d)
      assert.deepStrictEqual(
        T.getAll(w)(_.entriesWithUri(joeUri)).map((e) => e.displayName?.value),
        ['Joseph', 'Joe at work']
      )
      assert.strictEqual(O.toUndefined(_.entryByUri(['friends', 'close-friends'], joeUri).getOption(w))?.uri, joeUri)
      assert.ok(_.document.is(w))
      assert.strictEqual(joe.set(O.toUndefined(joe.getOption(d)) as _.Entry)(d), d)
      assert.strictEqual(_.entryAnywhere('sip:nobody@example.com').set(_.entry('sip:nobody@example.com'))(d), d)
      // all of them, in document order
      const all = _.entriesWithUri(joeUri)
      assert.deepStrictEqual(T.getAll(d)(all).map((e) => e.displayName?.value), ['Joe Smith', 'Joe at work'])
      const renamed = T.modify((e: _.Entry) => ({ ...e, uri: 'sip:x@y', displayName: { value: 'J' } }))(all)(d)
      assert.deepStrictEqual(T.getAll(renamed)(all).map((e) => [e.uri, e.displayName?.value]), [
        [joeUri, 'J'],
        [joeUri, 'J']
      ])
      assert.deepStrictEqual(
        T.getAll(renamed)(_.everyEntry()).map((e) => e.uri),
        T.getAll(d)(_.everyEntry()).map((e) => e.uri)
      )
      assert.strictEqual(T.modify((e: _.Entry) => e)(all)(d), d)
      // the node selector of the entry found, for an XCAP operation on it
      const t = _.entryAnywhereSelector(d, joeUri)
      assert.ok(t !== undefined)
      assert.strictEqual(
        printSelector(t.selector),
        'resource-lists/list[@name="friends"]/list[@name="close-friends"]/entry[@uri="sip:joe@example.com"]'
      )
      assert.strictEqual(_.entryAnywhereSelector(d, 'sip:nobody@example.com'), undefined)
      const twice = _.resourceLists([
        _.list({ members: [_.entry(_.ANONYMOUS), _.list(), _.list({ members: [_.entry(_.ANONYMOUS), _.entry(joeUri)] }), _.entry(_.ANONYMOUS)] })
      ])
      assert.strictEqual(printSelector(_.entryAnywhereSelector(twice, joeUri)!.selector), 'resource-lists/list[1]/list[2]/entry[@uri="sip:joe@example.com"]')
      assert.strictEqual(printSelector(_.entryAnywhereSelector(twice, _.ANONYMOUS)!.selector), 'resource-lists/list[1]/entry[1]')
    })
    it('everyEntry: every entry at any depth, in document order', () => {
      assert.deepStrictEqual(
        T.getAll(v)(_.everyEntry()).map((e) => e.uri),
        ['sip:bill@example.com', 'sip:joe@example.com', 'sip:nancy@example.com']
      )
      const upper = T.modify((e: _.Entry) => ({ ...e, uri: e.uri.toUpperCase() }))(_.everyEntry())(v)
      assert.deepStrictEqual(
        T.getAll(upper)(_.everyEntry()).map((e) => e.uri),
        ['SIP:BILL@EXAMPLE.COM', 'SIP:JOE@EXAMPLE.COM', 'SIP:NANCY@EXAMPLE.COM']
      )
      assert.strictEqual(T.modify((e: _.Entry) => e)(_.everyEntry())(v), v)
    })
    it('everyList: every list at any depth through what it says about itself', () => {
      assert.deepStrictEqual(T.getAll(v)(_.everyList()), [{ name: 'friends' }, { name: 'close-friends', displayName: { value: 'Close Friends' } }])
      const renamed = T.modify((h: _.ListHead) => ({ ...h, name: `my-${h.name}` }))(_.everyList())(v)
      assert.ok(O.isSome(_.listByPath(['my-friends', 'my-close-friends']).getOption(renamed)))
      assert.strictEqual(
        T.getAll(renamed)(_.everyEntry()).length,
        3
      )
      assert.strictEqual(T.modify((h: _.ListHead) => h)(_.everyList())(v), v)
    })
    it('entryDisplayName: the lens laws on generated entries', async () => {
      const Entries = RLA.entryWith(fc.constant({}))
      const roundTrip = (e: _.Entry): unknown => {
        const r = _.Entry.decode(_.Entry.encode(e))
        return r._tag === 'Right' ? r.right : r
      }
      for (const law of laws(lens('entryDisplayName', _.entryDisplayName(), fc.option(RLA.DisplayName, { nil: undefined })), Entries, roundTrip))
        await assertLaw(law)
      const e = _.entry('sip:a@x', { displayName: 'A' })
      assert.deepStrictEqual(_.entryDisplayName().set(undefined)(e), { uri: 'sip:a@x', ext: {}, other: [] })
    })
  })
})
