import * as assert from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/XcapDirectory.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import { decodeErrors, decodeOk, requireOrSkip } from '../util.js'

const NS = _.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)

// Captured from Kamailio 5.6's xcap_server (Debian bookworm, 5.6.3; the interop configuration of test/interop/kamailio,
// XCAP on port 26080): GET /xcap-root/org.openmobilealliance.xcap-directory/users/sip:alice@example.com/directory.xml
// after PUTting a resource-lists, a pres-rules and an OMA pres-content document for alice. CRLF line ends, as sent.
const KAMAILIO_DIRECTORY = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<xcap-directory xmlns="urn:oma:xml:xdm:xcap-directory">',
  '<folder auid="pres-rules">',
  '<entry uri="http://127.0.0.1:26080/xcap-root/pres-rules/users/sip:alice@example.com/index" etag="sr-1796028779-28966-2"/>',
  '</folder>',
  '<folder auid="resource-lists">',
  '<entry uri="http://127.0.0.1:26080/xcap-root/resource-lists/users/sip:alice@example.com/index" etag="sr-1796028779-28966-1"/>',
  '</folder>',
  '<folder auid="org.openmobilealliance.pres-content">',
  '<entry uri="http://127.0.0.1:26080/xcap-root/org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index" etag="sr-1796028779-28966-3"/>',
  '</folder>',
  '</xcap-directory>'
].join('\r\n')

// Captured from the same server: the directory of a user without documents.
const KAMAILIO_EMPTY = '<?xml version="1.0" encoding="UTF-8"?>\r\n<xcap-directory xmlns="urn:oma:xml:xdm:xcap-directory">\r\n</xcap-directory>'

const ROOT = 'http://127.0.0.1:26080/xcap-root'

describe('XcapDirectory', () => {
  describe('Kamailio', () => {
    it('decodes the directory xcap_server sends: one folder per AUID, one entry per document', () => {
      const v = decode(KAMAILIO_DIRECTORY)
      assert.deepStrictEqual(v, {
        folders: [
          { auid: 'pres-rules', entries: [{ uri: `${ROOT}/pres-rules/users/sip:alice@example.com/index`, etag: 'sr-1796028779-28966-2' }] },
          { auid: 'resource-lists', entries: [{ uri: `${ROOT}/resource-lists/users/sip:alice@example.com/index`, etag: 'sr-1796028779-28966-1' }] },
          {
            auid: 'org.openmobilealliance.pres-content',
            entries: [{ uri: `${ROOT}/org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index`, etag: 'sr-1796028779-28966-3' }]
          }
        ]
      })
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(KAMAILIO_DIRECTORY))
    })
    it('the etag of a document, found by its URI', () => {
      const v = decode(KAMAILIO_DIRECTORY)
      const uri = documentUri(ROOT, { auid: 'resource-lists', namespace: '', mimeType: '', tree: 'users', document: 'index' }, 'sip:alice@example.com')
      assert.deepStrictEqual(O.map((e: _.Entry) => e.etag)(_.entryByUri(uri).getOption(v)), O.some('sr-1796028779-28966-1'))
    })
    it('the directory of a user without documents', () => {
      assert.deepStrictEqual(decode(KAMAILIO_EMPTY), { folders: [] })
    })
    it('where the directory lives', () => {
      assert.strictEqual(
        documentUri(`${ROOT}/`, _.usage, 'sip:alice@example.com'),
        `${ROOT}/org.openmobilealliance.xcap-directory/users/sip:alice@example.com/directory.xml`
      )
      assert.strictEqual(_.document.contentType, 'application/vnd.oma.xcap-directory+xml')
      assert.strictEqual(_.document.auid, 'org.openmobilealliance.xcap-directory')
    })
  })

  describe('codec', () => {
    it('OMA XDM Core C.3, as in the corpus', (ctx) => {
      const file = fileURLToPath(new URL('../../../shared/corpus/xcap-directory/doubango-oma-xdm-core-c3.xml', import.meta.url))
      if (!existsSync(file)) return requireOrSkip(ctx, 'the shared corpus is not available')
      const text = readFileSync(file, 'utf8')
      const v = decode(text)
      assert.deepStrictEqual(
        v.folders.map((f) => [f.auid, f.entries.map((e) => e.etag)]),
        [
          ['resource-lists', ['pqr999']],
          ['groups', ['abc123', 'def456']]
        ]
      )
      assert.strictEqual(_.document.encode(v), text.replace('directory" >', 'directory">'))
    })
    it('every attribute of an entry, attributes of other names, an error code, schema location hints', () => {
      const v = decode(
        `<xcap-directory xmlns="${NS}" xmlns:xd="urn:oma:xml:xdm:extensions" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${NS} xcap-directory.xsd">` +
          `<folder auid="org.openmobilealliance.groups"><entry uri="http://xcap.example.com/org.openmobilealliance.groups/users/sip:bob@example.com/ski" ` +
          `etag="&quot;e7&quot;" last-modified="2026-02-03T04:05:06.789+01:00" size="18446744073709551616" xd:owner="bob" tag="blue"/></folder>` +
          `<folder auid="org.openmobilealliance.search"><error-code>500 internal</error-code></folder></xcap-directory>`
      )
      assert.deepStrictEqual(v.otherAttrs, { '{http://www.w3.org/2001/XMLSchema-instance}schemaLocation': `${NS} xcap-directory.xsd` })
      assert.deepStrictEqual(v.folders, [
        {
          auid: 'org.openmobilealliance.groups',
          entries: [
            {
              uri: 'http://xcap.example.com/org.openmobilealliance.groups/users/sip:bob@example.com/ski',
              etag: '"e7"',
              lastModified: '2026-02-03T04:05:06.789+01:00',
              size: 18446744073709551616n,
              otherAttrs: { '{urn:oma:xml:xdm:extensions}owner': 'bob', tag: 'blue' }
            }
          ]
        },
        { auid: 'org.openmobilealliance.search', entries: [], errorCode: '500 internal' }
      ])
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
  })

  describe('errors', () => {
    it('a folder with entries and an error code', () => {
      assert.deepStrictEqual(
        errors(`<xcap-directory xmlns="${NS}"><folder auid="a"><entry uri="u" etag="e"/><error-code>x</error-code></folder></xcap-directory>`),
        ['/xcap-directory/folder[1]: expected <entry> elements or one <error-code>, got an <error-code> and 1 <entry> element']
      )
    })
    it('entries without their required attributes, a bad size and time, an attribute on the folder', () => {
      assert.deepStrictEqual(
        errors(
          `<xcap-directory xmlns="${NS}"><folder auid="a" n="1"><entry uri="u"/><entry etag="e" uri="v" size="-1" last-modified="yesterday"/></folder><folder/></xcap-directory>`
        ),
        [
          '/xcap-directory/folder[1]/@n: expected no attribute n here, got "1"',
          '/xcap-directory/folder[1]/entry[1]: expected attribute etag, got nothing',
          '/xcap-directory/folder[1]/entry[2]/@last-modified: expected an xs:dateTime, got "yesterday"',
          '/xcap-directory/folder[1]/entry[2]/@size: expected an xs:nonNegativeInteger, got "-1"',
          '/xcap-directory/folder[2]: expected attribute auid, got nothing'
        ]
      )
    })
    it('attributes and elements the schema does not allow', () => {
      assert.deepStrictEqual(errors(`<xcap-directory xmlns="${NS}" xmlns:v="urn:v" v:a="1"><v:x/></xcap-directory>`), [
        '/xcap-directory/@a: expected no attribute a here, got "1"',
        '/xcap-directory/x[1]: expected no element <{urn:v}x> here, got one'
      ])
    })
  })

  describe('constructors', () => {
    it('entry, folder, folderError, xcapDirectory', () => {
      const v = _.xcapDirectory([
        _.folder('resource-lists', [
          _.entry({ uri: 'http://xcap.example.com/resource-lists/users/sip:alice@example.com/index', etag: 'e1', lastModified: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), size: 512 })
        ]),
        _.folderError('org.openmobilealliance.groups', '403')
      ])
      assert.strictEqual(
        _.document.encode(v),
        `<?xml version="1.0" encoding="UTF-8"?><xcap-directory xmlns="${NS}"><folder auid="resource-lists">` +
          `<entry uri="http://xcap.example.com/resource-lists/users/sip:alice@example.com/index" etag="e1" last-modified="2026-01-02T03:04:05.000Z" size="512"/>` +
          `</folder><folder auid="org.openmobilealliance.groups"><error-code>403</error-code></folder></xcap-directory>`
      )
      assert.ok(_.document.is(v))
    })
    it('wrong input is read as far as it makes sense', () => {
      assert.deepStrictEqual(_.entry(null as never), { uri: '', etag: '' })
      assert.deepStrictEqual(_.entry({ uri: 'u', etag: 'e', lastModified: 'soon', size: NaN }), { uri: 'u', etag: 'e' })
      assert.deepStrictEqual(_.folder(3 as never, [null, _.entry({ uri: 'u', etag: 'e' })] as never), { auid: '', entries: [{ uri: 'u', etag: 'e' }] })
      assert.deepStrictEqual(_.xcapDirectory('x' as never), { folders: [] })
    })
  })

  describe('optics', () => {
    it('folderByAuid: get, and set keeps the AUID', () => {
      const v = decode(KAMAILIO_DIRECTORY)
      assert.deepStrictEqual(O.map((f: _.Folder) => f.entries.length)(_.folderByAuid('pres-rules').getOption(v)), O.some(1))
      assert.deepStrictEqual(_.folderByAuid('nope').getOption(v), O.none)
      const w = _.folderByAuid('pres-rules').set(_.folderError('other', 'gone'))(v)
      assert.deepStrictEqual(w.folders[0], { auid: 'pres-rules', entries: [], errorCode: 'gone' })
    })
    it('everyEntry and entryByUri', () => {
      const v = decode(KAMAILIO_DIRECTORY)
      assert.deepStrictEqual(T.getAll(v)(_.everyEntry).map((e) => e.etag), ['sr-1796028779-28966-2', 'sr-1796028779-28966-1', 'sr-1796028779-28966-3'])
      const uri = `${ROOT}/pres-rules/users/sip:alice@example.com/index`
      const w = _.entryByUri(uri).set({ uri: 'elsewhere', etag: 'new' })(v)
      assert.deepStrictEqual(w.folders[0].entries, [{ uri, etag: 'new' }])
      assert.strictEqual(w.folders[1], v.folders[1])
    })
  })
})
