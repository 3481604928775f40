import * as assert from 'node:assert'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/PresContent.js'
import { report } from '../../src/codec/DecodeError.js'
import { documentUri } from '../../src/xcap/ApplicationUsage.js'
import * as Xml from '../../src/xml/Ast.js'
import { decodeErrors, decodeOk, requireOrSkip } from '../util.js'

const NS = _.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const bytesOf = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))
const ok = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) assert.fail(`expected a Right, got ${JSON.stringify(r.left)}`)
  return r.right
}

// A 1x1 transparent PNG, wrapped the MIME way, with attributes of other names on the elements and a vendor element.
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
const ICON = `<?xml version="1.0" encoding="UTF-8"?>
<content xmlns="urn:oma:xml:prs:pres-content" xmlns:v="urn:example:vendor" v:rev="7">
  <mime-type>image/png</mime-type>
  <encoding>base64</encoding>
  <description xml:lang="en">At my desk</description>
  <description xml:lang="de" v:tone="formal">Am Schreibtisch</description>
  <data v:crc="2b9a">
${PNG_1x1.slice(0, 60)}
${PNG_1x1.slice(60)}
</data>
  <v:etag-hint>42</v:etag-hint>
</content>`

describe('PresContent', () => {
  describe('codec', () => {
    it('decodes a status icon, keeping the text as written and attributes of other names', () => {
      const v = decode(ICON)
      assert.deepStrictEqual(v.otherAttrs, { '{urn:example:vendor}rev': '7' })
      assert.deepStrictEqual(v.mimeType, { value: 'image/png' })
      assert.deepStrictEqual(v.encoding, { value: 'base64' })
      assert.deepStrictEqual(v.descriptions, [
        { lang: 'en', value: 'At my desk' },
        { lang: 'de', otherAttrs: { '{urn:example:vendor}tone': 'formal' }, value: 'Am Schreibtisch' }
      ])
      assert.deepStrictEqual(v.data, { otherAttrs: { '{urn:example:vendor}crc': '2b9a' }, value: `\n${PNG_1x1.slice(0, 60)}\n${PNG_1x1.slice(60)}\n` })
      assert.deepStrictEqual(v.other.map((e) => Xml.stripHints(e)), [Xml.element({ ns: 'urn:example:vendor', local: 'etag-hint' }, {}, [Xml.text('42')])])
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(ICON))
    })
    it('the data gives the PNG', () => {
      const png = ok(_.decodeData(decode(ICON)))
      assert.strictEqual(png.length, 70)
      assert.deepStrictEqual(Array.from(png.slice(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      assert.strictEqual(_.toBase64(png), PNG_1x1)
    })
    it('the OMA status icon of the corpus (Presence Content XDM C.1.1): a 2330-byte PNG, and the same document back', (ctx) => {
      const file = fileURLToPath(new URL('../../../shared/corpus/pres-content/doubango-oma-pres-content-c11.xml', import.meta.url))
      if (!existsSync(file)) return requireOrSkip(ctx, 'the shared corpus is not available')
      const text = readFileSync(file, 'utf8')
      const v = decode(text)
      assert.deepStrictEqual(v.descriptions, [{ value: 'Attending OMA Meeting' }])
      const png = ok(_.decodeData(v))
      assert.strictEqual(png.length, 2330)
      assert.strictEqual(_.toBase64(png), v.data.value)
      assert.strictEqual(_.document.encode(v), text)
    })
    it('attributes of no namespace are kept too (the schema says any attribute); xml:lang is the language', () => {
      const v = decode(`<content xmlns="${NS}" id="c1"><description xml:lang="fr" style="short">Absent</description><data format="raw">x</data></content>`)
      assert.deepStrictEqual(v, {
        otherAttrs: { id: 'c1' },
        descriptions: [{ lang: 'fr', otherAttrs: { style: 'short' }, value: 'Absent' }],
        data: { otherAttrs: { format: 'raw' }, value: 'x' },
        other: []
      })
    })
    it('the smallest document: empty data', () => {
      assert.deepStrictEqual(decode(`<content xmlns="${NS}"><data/></content>`), { descriptions: [], data: { value: '' }, other: [] })
      assert.strictEqual(_.document.encode({ descriptions: [], data: { value: '' }, other: [] }), `<?xml version="1.0" encoding="UTF-8"?><content xmlns="${NS}"><data/></content>`)
    })
    it('the XCAP application usage and the status icon URI', () => {
      assert.strictEqual(_.document.auid, 'org.openmobilealliance.pres-content')
      assert.strictEqual(_.document.contentType, 'application/vnd.oma.pres-content+xml')
      assert.strictEqual(
        documentUri('http://xcap.example.com/xcap-root', _.usage, 'sip:alice@example.com'),
        'http://xcap.example.com/xcap-root/org.openmobilealliance.pres-content/users/sip:alice@example.com/oma_status-icon/index'
      )
    })
  })

  describe('errors', () => {
    it('no data', () => {
      assert.deepStrictEqual(errors(`<content xmlns="${NS}"><mime-type>image/png</mime-type></content>`), [
        `/content: expected a child <{${NS}}data>, got nothing`
      ])
    })
    it('children out of the schema order, and a foreign element before the data', () => {
      assert.deepStrictEqual(
        errors(`<content xmlns="${NS}"><data>x</data><description>late</description></content>`),
        [`/content/description[1]: expected <{${NS}}description> before <{${NS}}data>, got it after`]
      )
      assert.deepStrictEqual(errors(`<content xmlns="${NS}" xmlns:v="urn:v"><v:x/><data>x</data></content>`), [
        `/content/data[1]: expected <{${NS}}data> before <{urn:v}x>, got it after`
      ])
    })
    it('a bad language, two encodings, element content in the data', () => {
      assert.deepStrictEqual(
        errors(
          `<content xmlns="${NS}"><encoding>base64</encoding><encoding>base64</encoding><description xml:lang="not a tag">x</description><data><b/></data></content>`
        ),
        [
          `/content/encoding[2]: expected at most one <{${NS}}encoding>, got another`,
          '/content/description[1]/@xml:lang: expected an xs:language, got "not a tag"',
          `/content/data/b[1]: expected no element <{${NS}}b> here, got one`,
          `/content/data: expected text only, got element <{${NS}}b>`
        ]
      )
    })
  })

  describe('base64', () => {
    // RFC 4648 §10
    const vectors: ReadonlyArray<readonly [string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy']
    ]
    it('RFC 4648 §10 test vectors, both ways', () => {
      for (const [plain, encoded] of vectors) {
        assert.strictEqual(_.toBase64(bytesOf(plain)), encoded)
        assert.deepStrictEqual(ok(_.fromBase64(encoded)), bytesOf(plain))
      }
    })
    it('every byte value, and a large buffer', () => {
      const all = Uint8Array.from({ length: 256 }, (_x, i) => i)
      assert.deepStrictEqual(ok(_.fromBase64(_.toBase64(all))), all)
      const big = Uint8Array.from({ length: 300_001 }, (_x, i) => (i * 7919) & 0xff)
      const text = _.toBase64(big)
      assert.strictEqual(text.length, 400_004)
      assert.deepStrictEqual(ok(_.fromBase64(text)), big)
    })
    it('white space anywhere, as xs:base64Binary allows after its white-space collapse', () => {
      assert.deepStrictEqual(ok(_.fromBase64('Zm9v\r\nYmFy')), bytesOf('foobar'))
      assert.deepStrictEqual(ok(_.fromBase64('  Zm 9v\tYm Fy  ')), bytesOf('foobar'))
      assert.deepStrictEqual(ok(_.fromBase64('Zm9vYg= =')), bytesOf('foob'))
      assert.deepStrictEqual(ok(_.fromBase64(' \n ')), new Uint8Array(0))
    })
    it('invalid base64 is an error that says where', () => {
      assert.deepStrictEqual(_.fromBase64('Zm9v%mFy'), E.left('expected a base64 character, got "%" at offset 4'))
      assert.deepStrictEqual(_.fromBase64('Zm9v-_8'), E.left('expected a base64 character, got "-" at offset 4'))
      assert.deepStrictEqual(_.fromBase64('Zm9vY'), E.left('expected a multiple of 4 base64 characters, got 5'))
      assert.deepStrictEqual(_.fromBase64('Zg=a'), E.left('expected "=" only at the end, got "a" after it at offset 3'))
      assert.deepStrictEqual(_.fromBase64('Z==='), E.left('expected at most two "=", got a third at offset 3'))
      assert.deepStrictEqual(_.fromBase64('Zh=='), E.left('expected zero padding bits before "=", got "h" at offset 1'))
      assert.deepStrictEqual(_.fromBase64('Zm9='), E.left('expected zero padding bits before "=", got "9" at offset 2'))
      assert.deepStrictEqual(_.fromBase64('Zm😀v'), E.left('expected a base64 character, got "😀" at offset 2'))
      assert.deepStrictEqual(_.fromBase64(42 as never), E.left('expected base64 text, got 42'))
    })
  })

  describe('decodeData', () => {
    it('errors at the path of <encoding> and of <data>', () => {
      const render = (r: E.Either<ReadonlyArray<{ path: string; message: string }>, Uint8Array>): ReadonlyArray<string> =>
        E.isLeft(r) ? report(r.left) : assert.fail('expected an error')
      assert.deepStrictEqual(render(_.decodeData(decode(`<content xmlns="${NS}"><data>Zm9v</data></content>`))), [
        '/content/encoding: expected "base64", got nothing'
      ])
      assert.deepStrictEqual(render(_.decodeData(decode(`<content xmlns="${NS}"><encoding>gzip</encoding><data>Zm9v</data></content>`))), [
        '/content/encoding: expected "base64", got "gzip"'
      ])
      assert.deepStrictEqual(render(_.decodeData(decode(`<content xmlns="${NS}"><encoding>base64</encoding><data>Zm9v!</data></content>`))), [
        '/content/data: expected a base64 character, got "!" at offset 4'
      ])
    })
    it('the encoding is matched in any case, white space around ignored', () => {
      assert.deepStrictEqual(ok(_.decodeData(decode(`<content xmlns="${NS}"><encoding> Base64 </encoding><data>Zm9v</data></content>`))), bytesOf('foo'))
    })
  })

  describe('constructors', () => {
    it('content: bytes and MIME type to a base64 document', () => {
      const v = _.content(bytesOf('foobar'), 'image/png', { descriptions: [_.description('At the OMA meeting', 'en')] })
      assert.deepStrictEqual(v, {
        mimeType: { value: 'image/png' },
        encoding: { value: 'base64' },
        descriptions: [{ lang: 'en', value: 'At the OMA meeting' }],
        data: { value: 'Zm9vYmFy' },
        other: []
      })
      assert.strictEqual(
        _.document.encode(v),
        `<?xml version="1.0" encoding="UTF-8"?><content xmlns="${NS}"><mime-type>image/png</mime-type><encoding>base64</encoding>` +
          `<description xml:lang="en">At the OMA meeting</description><data>Zm9vYmFy</data></content>`
      )
      assert.ok(_.document.is(v))
      assert.deepStrictEqual(ok(_.decodeData(decode(_.document.encode(v)))), bytesOf('foobar'))
    })
    it('content: a description as plain text; wrong input is read as far as it makes sense', () => {
      assert.deepStrictEqual(_.content(new Uint8Array([1]), 'image/gif', { descriptions: 'hi' }).descriptions, [{ value: 'hi' }])
      assert.deepStrictEqual(_.content(null as never, 7 as never, null as never), { encoding: { value: 'base64' }, descriptions: [], data: { value: '' }, other: [] })
    })
  })

  describe('optics', () => {
    it('bytes: get, set new bytes (the data keeps its attributes), set the same bytes (the text keeps its line breaks)', () => {
      const v = decode(ICON)
      const png = O.getOrElseW(() => assert.fail('no bytes'))(_.bytes.getOption(v))
      assert.strictEqual(_.bytes.set(png)(v), v)
      const w = _.bytes.set(bytesOf('foo'))(v)
      assert.deepStrictEqual(w.data, { otherAttrs: { '{urn:example:vendor}crc': '2b9a' }, value: 'Zm9v' })
      assert.deepStrictEqual(_.bytes.getOption(w), O.some(bytesOf('foo')))
    })
    it('bytes: nothing where the data is not base64, and nothing is set there', () => {
      const v = decode(`<content xmlns="${NS}"><encoding>quoted-printable</encoding><data>caf=C3=A9</data></content>`)
      assert.deepStrictEqual(_.bytes.getOption(v), O.none)
      assert.strictEqual(_.bytes.set(bytesOf('x'))(v), v)
    })
    it('mimeType: set keeps the attributes, undefined removes the element', () => {
      const v = decode(`<content xmlns="${NS}" xmlns:v="urn:v"><mime-type v:q="1">image/png</mime-type><data/></content>`)
      assert.strictEqual(_.mimeType.get(v), 'image/png')
      assert.deepStrictEqual(_.mimeType.set('image/jpeg')(v).mimeType, { otherAttrs: { '{urn:v}q': '1' }, value: 'image/jpeg' })
      assert.ok(!('mimeType' in _.mimeType.set(undefined)(v)))
      assert.deepStrictEqual(_.mimeType.set('image/gif')({ descriptions: [], data: { value: '' }, other: [] }).mimeType, { value: 'image/gif' })
    })
    it('descriptionByLang', () => {
      const v = decode(ICON)
      assert.deepStrictEqual(_.descriptionByLang('de').getOption(v), O.some(v.descriptions[1]))
      assert.deepStrictEqual(_.descriptionByLang('fr').getOption(v), O.none)
      const w = _.descriptionByLang('de').set({ lang: 'it', value: 'Alla scrivania' })(v)
      assert.deepStrictEqual(w.descriptions[1], { lang: 'de', value: 'Alla scrivania' })
    })
  })
})
