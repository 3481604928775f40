import * as assert from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/XcapCaps.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import * as Xml from '../../src/xml/Ast.js'
import { decodeErrors, decodeOk, requireOrSkip } from '../util.js'

const NS = _.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)

// Captured from the Kamailio 5.6 interop server (test/interop/kamailio): GET /xcap-root/xcap-caps/global/index. The
// xcap_server module answers 501 for this AUID, so the configuration script serves this document itself.
const KAMAILIO_CAPS = `<?xml version='1.0' encoding='UTF-8'?>
<xcap-caps xmlns='urn:ietf:params:xml:ns:xcap-caps'>
  <auids>
    <auid>rls-services</auid>
    <auid>pidf-manipulation</auid>
    <auid>xcap-caps</auid>
    <auid>resource-lists</auid>
    <auid>pres-rules</auid>
    <auid>org.openmobilealliance.pres-rules</auid>
    <auid>org.openmobilealliance.user-profile</auid>
    <auid>org.openmobilealliance.pres-content</auid>
    <auid>org.openmobilealliance.search</auid>
    <auid>org.openmobilealliance.xcap-directory</auid>
  </auids>
  <extensions>
  </extensions>
  <namespaces>
    <namespace>urn:ietf:params:xml:ns:rls-services</namespace>
    <namespace>urn:ietf:params:xml:ns:pidf</namespace>
    <namespace>urn:ietf:params:xml:ns:xcap-caps</namespace>
    <namespace>urn:ietf:params:xml:ns:resource-lists</namespace>
    <namespace>urn:ietf:params:xml:ns:pres-rules</namespace>
    <namespace>urn:oma:xml:xdm:user-profile</namespace>
    <namespace>urn:oma:xml:prs:pres-content</namespace>
    <namespace>urn:oma:xml:xdm:search</namespace>
    <namespace>urn:oma:xml:xdm:xcap-directory</namespace>
  </namespaces>
</xcap-caps>
`

const corpusFile = fileURLToPath(new URL('../../../shared/corpus/xcap-caps/doubango-xcap-caps.xml', import.meta.url))

describe('XcapCaps', () => {
  describe('codec', () => {
    it('decodes the capabilities Kamailio serves', () => {
      const v = decode(KAMAILIO_CAPS)
      assert.strictEqual(v.auids.length, 10)
      assert.deepStrictEqual(v.extensions, [])
      assert.strictEqual(v.namespaces[2], NS)
      assert.deepStrictEqual(v.other, [])
      assert.ok(_.supports(v, { auid: 'org.openmobilealliance.xcap-directory', namespace: 'urn:oma:xml:prs:pres-content' }))
      assert.ok(!_.supports(v, { extension: 'xcap-diff' }))
      // the indentation inside the empty <extensions> is not content (the element has element-only content): the
      // format's canonical form knows it
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(KAMAILIO_CAPS))
    })
    it('<extensions> may be left out (RFC 4825 §12.2), and then is not written', () => {
      const text = `<?xml version="1.0" encoding="UTF-8"?><xcap-caps xmlns="${NS}"><auids><auid>xcap-caps</auid></auids><namespaces><namespace>${NS}</namespace></namespaces></xcap-caps>`
      const v = decode(text)
      assert.deepStrictEqual(v, { auids: ['xcap-caps'], namespaces: [NS], other: [] })
      assert.strictEqual(_.document.encode(v), text)
    })
    it('elements of other namespaces after the lists, text as written, schema location hints', () => {
      const v = decode(
        `<xcap-caps xmlns="${NS}" xmlns:x="urn:example:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} xcap-caps.xsd">` +
          `<auids><auid> xcap-caps </auid></auids><extensions><extension>xcap-diff</extension></extensions>` +
          `<namespaces><namespace>\n  ${NS}\n</namespace></namespaces><x:limits max-size="1048576"/></xcap-caps>`
      )
      assert.deepStrictEqual(v.otherAttrs, { '{http://www.w3.org/2001/XMLSchema-instance}schemaLocation': `${NS} xcap-caps.xsd` })
      assert.deepStrictEqual(v.auids, [' xcap-caps '])
      assert.deepStrictEqual(v.extensions, ['xcap-diff'])
      assert.deepStrictEqual(v.namespaces, [`\n  ${NS}\n`])
      assert.deepStrictEqual(v.other.map((e) => Xml.stripHints(e)), [Xml.element({ ns: 'urn:example:x', local: 'limits' }, { 'max-size': '1048576' })])
      assert.ok(_.supports(v, { auid: 'xcap-caps', namespace: NS, extension: 'xcap-diff' }))
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('where the document lives: the global tree, index', () => {
      assert.strictEqual(documentUri('http://xcap.example.com/xcap-root/', _.usage), 'http://xcap.example.com/xcap-root/xcap-caps/global/index')
      assert.strictEqual(documentUri('http://xcap.example.com/xcap-root/', _.usage, 'sip:alice@example.com'), 'http://xcap.example.com/xcap-root/xcap-caps/global/index')
      assert.strictEqual(_.document.contentType, 'application/xcap-caps+xml')
    })
  })

  describe('the corpus document with a misspelt xsi namespace', () => {
    it('is refused as the schema says: its schemaLocation is not in the XML Schema instance namespace', (ctx) => {
      if (!existsSync(corpusFile)) return requireOrSkip(ctx, 'the shared corpus is not available')
      const text = readFileSync(corpusFile, 'utf8')
      assert.ok(text.includes('xmlns:xsi="htt//www.w3.org/2001/XMLSchema-instance"'))
      assert.deepStrictEqual(errors(text), ['/xcap-caps/@schemaLocation: expected no attribute schemaLocation here, got "urn:ietf:params:xml:ns:xcap-caps xcap-ca…"'])
      // lenient mode drops the attribute, says so, and keeps the rest
      const lenient = _.document.decodeLenient(text)
      assert.ok(E.isRight(lenient))
      assert.deepStrictEqual(reportDropped(lenient.right.dropped), [
        '/xcap-caps/@schemaLocation: dropped: expected no attribute schemaLocation here, got "urn:ietf:params:xml:ns:xcap-caps xcap-ca…"'
      ])
      assert.strictEqual(lenient.right.value.auids.length, 4)
    })
    it('with the namespace spelt right, it decodes (the hint kept, the comment dropped) and round-trips', (ctx) => {
      if (!existsSync(corpusFile)) return requireOrSkip(ctx, 'the shared corpus is not available')
      const text = readFileSync(corpusFile, 'utf8').replace('htt//www.w3.org', 'http://www.w3.org')
      const v = decode(text)
      assert.deepStrictEqual(v.otherAttrs, { '{http://www.w3.org/2001/XMLSchema-instance}schemaLocation': 'urn:ietf:params:xml:ns:xcap-caps xcap-caps.xsd ' })
      assert.deepStrictEqual(v.auids, ['xcap-caps', 'resource-lists', 'rls-services', 'org.openmobilealliance.xcap-directory'])
      assert.deepStrictEqual(v.extensions, [])
      assert.strictEqual(v.namespaces.length, 5)
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
  })

  describe('errors', () => {
    it('lists missing, out of order, or holding other elements', () => {
      assert.deepStrictEqual(errors(`<xcap-caps xmlns="${NS}"><extensions/></xcap-caps>`), [
        `/xcap-caps: expected a child <{${NS}}auids>, got nothing`,
        `/xcap-caps: expected a child <{${NS}}namespaces>, got nothing`
      ])
      assert.deepStrictEqual(errors(`<xcap-caps xmlns="${NS}"><namespaces/><auids/></xcap-caps>`), [
        `/xcap-caps/auids[1]: expected <{${NS}}auids> before <{${NS}}namespaces>, got it after`
      ])
      assert.deepStrictEqual(errors(`<xcap-caps xmlns="${NS}" xmlns:x="urn:x"><auids><x:auid>a</x:auid></auids><namespaces/></xcap-caps>`), [
        '/xcap-caps/auids/auid[1]: expected no element <{urn:x}auid> here, got one'
      ])
    })
  })

  describe('constructors', () => {
    it('xcapCaps adds the AUID and namespace every server must list', () => {
      const v = _.xcapCaps({ auids: ['resource-lists'], namespaces: ['urn:ietf:params:xml:ns:resource-lists'] })
      assert.deepStrictEqual(v, {
        auids: ['xcap-caps', 'resource-lists'],
        extensions: [],
        namespaces: [NS, 'urn:ietf:params:xml:ns:resource-lists'],
        other: []
      })
      assert.strictEqual(
        _.document.encode(v),
        `<?xml version="1.0" encoding="UTF-8"?><xcap-caps xmlns="${NS}"><auids><auid>xcap-caps</auid><auid>resource-lists</auid></auids>` +
          `<extensions/><namespaces><namespace>${NS}</namespace><namespace>urn:ietf:params:xml:ns:resource-lists</namespace></namespaces></xcap-caps>`
      )
      assert.deepStrictEqual(_.xcapCaps({ auids: ['xcap-caps', 'a'] }).auids, ['xcap-caps', 'a'])
      assert.deepStrictEqual(_.xcapCaps(null as never), { auids: ['xcap-caps'], extensions: [], namespaces: [NS], other: [] })
      assert.deepStrictEqual(_.xcapCaps({ auids: [1, 'b'] as never }).auids, ['xcap-caps', 'b'])
    })
    it('supports: every thing asked must be listed; nothing asked is always supported', () => {
      const v = _.xcapCaps({ extensions: ['xcap-diff'] })
      assert.ok(_.supports(v, {}))
      assert.ok(_.supports(v, { extension: 'xcap-diff', auid: 'xcap-caps' }))
      assert.ok(!_.supports(v, { extension: 'xcap-diff', auid: 'resource-lists' }))
      assert.ok(!_.supports(null as never, { auid: 'xcap-caps' }))
    })
  })

  describe('optics', () => {
    it('everyAuid, everyNamespace, everyExtension', () => {
      const v = decode(KAMAILIO_CAPS)
      assert.strictEqual(T.getAll(v)(_.everyAuid).length, 10)
      assert.deepStrictEqual(T.getAll(v)(_.everyNamespace).slice(0, 2), ['urn:ietf:params:xml:ns:rls-services', 'urn:ietf:params:xml:ns:pidf'])
      const w = T.modify((s: string) => s.toUpperCase())(_.everyAuid)(v)
      assert.strictEqual(w.auids[0], 'RLS-SERVICES')
      const { extensions: _gone, ...noExtensions } = v
      assert.deepStrictEqual(T.getAll(noExtensions as _.XcapCaps)(_.everyExtension), [])
      assert.deepStrictEqual(T.set('x')(_.everyExtension)(noExtensions as _.XcapCaps), noExtensions)
    })
  })
})
