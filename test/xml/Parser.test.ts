import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Ast from '../../src/xml/Ast.js'
import * as _ from '../../src/xml/Parser.js'
import { deepStrictEqual } from '../util.js'
import { el, ok, t } from './util.js'

const XML = 'http://www.w3.org/XML/1998/namespace'

/** Compares ignoring namespace declarations, with a readable failure. */
const same = (actual: Ast.Element, expected: Ast.Element): void => {
  deepStrictEqual(Ast.stripHints(actual), expected)
  assert.ok(Ast.equals(actual, expected))
}

/** The rendered error of an input that must not parse. */
const err = (input: string | Uint8Array, options?: _.ParseOptions): string => {
  const r = _.parse(input, options)
  if (r._tag === 'Right') return assert.fail(`expected a parse error for ${JSON.stringify(String(input).slice(0, 80))}`)
  return _.renderParseError(r.left)
}

const bytes = (...parts: ReadonlyArray<string | ReadonlyArray<number>>): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : [...p])))

/** ISO-8859-1 bytes of a string whose characters are all below U+0100. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

const utf16 = (s: string, le: boolean, bom = true): Uint8Array => {
  const units = (bom ? '\uFEFF' : '') + s
  const out = new Uint8Array(units.length * 2)
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i)
    out[2 * i + (le ? 0 : 1)] = c & 0xff
    out[2 * i + (le ? 1 : 0)] = c >> 8
  }
  return out
}

/** Every element of a tree, depth first. */
const allElements = (e: Ast.Element): ReadonlyArray<Ast.Element> => [e, ...Ast.elements(e).flatMap(allElements)]

describe('Parser', () => {
  describe('namespaces', () => {
    it('resolves the default namespace on the root and its children', () => {
      same(ok('<a xmlns="urn:a"><b/></a>'), el('urn:a', 'a', {}, [el('urn:a', 'b')]))
    })

    it('resolves a prefixed root with default-namespace children', () => {
      same(
        ok('<p:a xmlns:p="urn:p" xmlns="urn:d"><b/><p:c/></p:a>'),
        el('urn:p', 'a', {}, [el('urn:d', 'b'), el('urn:p', 'c')])
      )
    })

    it('rebinds a prefix in a nested scope and restores it after', () => {
      same(
        ok('<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/></p:a>'),
        el('urn:1', 'a', {}, [el('urn:2', 'b', {}, [el('urn:2', 'c')]), el('urn:1', 'd')])
      )
    })

    it('resolves a prefix bound to different namespaces in two subtrees, in each', () => {
      same(
        ok('<r><a xmlns:p="urn:1"><p:x p:k="1"><p:y/></p:x></a><b xmlns:p="urn:2"><p:x p:k="2"><p:y/></p:x></b></r>'),
        el('', 'r', {}, [
          el('', 'a', {}, [el('urn:1', 'x', { '{urn:1}k': '1' }, [el('urn:1', 'y')])]),
          el('', 'b', {}, [el('urn:2', 'x', { '{urn:2}k': '2' }, [el('urn:2', 'y')])])
        ])
      )
      // the default namespace too, and a third subtree without any binding
      same(
        ok('<r><a xmlns="urn:1"><x/></a><b xmlns="urn:2"><x/></b><c><x/></c></r>'),
        el('', 'r', {}, [
          el('urn:1', 'a', {}, [el('urn:1', 'x')]),
          el('urn:2', 'b', {}, [el('urn:2', 'x')]),
          el('', 'c', {}, [el('', 'x')])
        ])
      )
      // the same prefix for three namespaces, siblings and nested
      same(
        ok('<p:r xmlns:p="urn:0"><p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/><p:c/></p:a><p:d/></p:r>'),
        el('urn:0', 'r', {}, [el('urn:1', 'a', {}, [el('urn:2', 'b'), el('urn:1', 'c')]), el('urn:0', 'd')])
      )
    })

    it('undeclares the default namespace with xmlns="" and restores it after', () => {
      same(
        ok('<a xmlns="urn:a"><b xmlns=""><c/><d xmlns="urn:d"/></b><e/></a>'),
        el('urn:a', 'a', {}, [el('', 'b', {}, [el('', 'c'), el('urn:d', 'd')]), el('urn:a', 'e')])
      )
    })

    it('puts unprefixed attributes in no namespace and prefixed ones in their namespace', () => {
      same(ok('<a xmlns="urn:a" xmlns:p="urn:p" x="1" p:y="2"/>'), el('urn:a', 'a', { x: '1', '{urn:p}y': '2' }))
    })

    it('knows the xml prefix without a declaration, and accepts its own declaration', () => {
      same(ok('<a xml:lang="en"/>'), el('', 'a', { [`{${XML}}lang`]: 'en' }))
      same(ok(`<a xmlns:xml="${XML}" xml:space="preserve"/>`), el('', 'a', { [`{${XML}}space`]: 'preserve' }))
      same(ok('<xml:a/>'), el(XML, 'a'))
    })

    it('does not keep namespace declarations as attributes', () => {
      const a = ok('<a xmlns="urn:a" xmlns:p="urn:p"/>')
      deepStrictEqual(a.attrs, {})
    })

    it('shares QName objects for the same expanded name', () => {
      const a = ok('<a xmlns="urn:a" xmlns:p="urn:a"><b/><p:b/></a>')
      const [b1, b2] = Ast.elements(a)
      assert.strictEqual(b1.name, b2.name)
    })
  })

  describe('namespace declarations', () => {
    it('keeps the declarations of each start tag on its element, in source order', () => {
      const a = ok(
        '<a xmlns:p="urn:p" x="1" xmlns="urn:a">' +
          '<b xmlns:q="urn:q"><c xmlns:r="urn:p" xmlns:s="urn:s"/></b><d xmlns=""/></a>'
      )
      const [b, d] = Ast.elements(a)
      const c = Ast.elements(b)[0]
      deepStrictEqual(a.namespaces, [
        { prefix: 'p', uri: 'urn:p' },
        { prefix: '', uri: 'urn:a' }
      ])
      deepStrictEqual(b.namespaces, [{ prefix: 'q', uri: 'urn:q' }])
      deepStrictEqual(c.namespaces, [
        { prefix: 'r', uri: 'urn:p' },
        { prefix: 's', uri: 'urn:s' }
      ])
      deepStrictEqual(d.namespaces, [{ prefix: '', uri: '' }])
    })

    it('keeps redundant declarations, where they are written', () => {
      const a = ok('<a xmlns="urn:a" xmlns:p="urn:p"><b xmlns="urn:a" xmlns:p="urn:p"><c xmlns:q="urn:p"/></b></a>')
      const b = Ast.elements(a)[0]
      deepStrictEqual(b.namespaces, [
        { prefix: '', uri: 'urn:a' },
        { prefix: 'p', uri: 'urn:p' }
      ])
      deepStrictEqual(Ast.elements(b)[0].namespaces, [{ prefix: 'q', uri: 'urn:p' }])
    })

    it('keeps a declaration of the xml prefix', () => {
      deepStrictEqual(ok(`<a xmlns:xml="${XML}"/>`).namespaces, [{ prefix: 'xml', uri: XML }])
    })

    it('leaves the key out on elements without declarations', () => {
      const docs = [
        '<a/>',
        '<a x="1"><b/></a>',
        '<a xmlns="urn:a"><b><c/></b></a>',
        '<p:a xmlns:p="urn:p"><p:b/>t</p:a>'
      ]
      for (const doc of docs) {
        for (const e of allElements(ok(doc))) {
          if (e.namespaces !== undefined) assert.ok(e.namespaces.length > 0, doc)
          else assert.ok(!('namespaces' in e), doc)
        }
      }
      assert.ok(!('namespaces' in Ast.elements(ok('<a xmlns="urn:a"><b/></a>'))[0]))
    })

    it('puts declarations on the elements that carry them only, so others equal constructed ones', () => {
      const a = ok('<a xmlns="urn:a"><b xmlns:q="urn:q"><q:c/></b><d/></a>')
      const [b, d] = Ast.elements(a)
      deepStrictEqual(Ast.elements(b)[0], el('urn:q', 'c'))
      deepStrictEqual(d, el('urn:a', 'd'))
    })
  })

  describe('text', () => {
    it('turns CDATA into text merged with the adjacent text', () => {
      same(ok('<a>x<![CDATA[<&>]]>y</a>'), el('', 'a', {}, [t('x<&>y')]))
      same(ok('<a><![CDATA[x]]><![CDATA[]]><![CDATA[y]]></a>'), el('', 'a', {}, [t('xy')]))
      same(ok('<a>x<b/><![CDATA[y]]>z<!--c--><![CDATA[w]]></a>'), el('', 'a', {}, [t('x'), el('', 'b'), t('yzw')]))
    })

    it('resolves the predefined entities and character references', () => {
      same(ok('<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;</a>'), el('', 'a', {}, [t('<>&"\'AB😀')]))
    })

    it('reads CRLF and CR as LF', () => {
      same(ok('<a>x\r\ny\rz</a>'), el('', 'a', {}, [t('x\ny\nz')]))
    })

    it('normalises literal whitespace in attribute values but keeps referenced characters', () => {
      same(ok('<a b="x\ty\nz" c="&#9;&#10;&#13;"/>'), el('', 'a', { b: 'x y z', c: '\t\n\r' }))
    })

    it('keeps a referenced "<" in attribute values', () => {
      same(ok('<a b="&lt;" c="x&#60;y&#x3c;z" d="&lt;&#9;&lt;"/>'), el('', 'a', { b: '<', c: 'x<y<z', d: '<\t<' }))
    })

    it('keeps non-BMP characters', () => {
      same(ok('<a b="😀">😀</a>'), el('', 'a', { b: '😀' }, [t('😀')]))
    })
  })

  describe('white space', () => {
    it('drops white space between the children of element-only content', () => {
      same(ok('<a>\n  <b/>\n  <!-- c -->\n  <c/>\n</a>'), el('', 'a', {}, [el('', 'b'), el('', 'c')]))
      same(ok('<a> <b> <c/> </b>\t<d/> </a>'), el('', 'a', {}, [el('', 'b', {}, [el('', 'c')]), el('', 'd')]))
      same(ok('<a><b/><![CDATA[ \n ]]><c/></a>'), el('', 'a', {}, [el('', 'b'), el('', 'c')]))
      same(ok('<a>\n<b/>\n</a>'), el('', 'a', {}, [el('', 'b')]))
    })

    it('keeps all the text of mixed content, white space between elements included', () => {
      same(
        ok('<p>Hello <b>big</b> <i>world</i></p>'),
        el('', 'p', {}, [t('Hello '), el('', 'b', {}, [t('big')]), t(' '), el('', 'i', {}, [t('world')])])
      )
      // the text that makes the content mixed comes last: the white space before it is kept too
      same(ok('<a> <b/> <c/>y </a>'), el('', 'a', {}, [t(' '), el('', 'b'), t(' '), el('', 'c'), t('y ')]))
      same(ok('<a>\n  <b/>\n  x\n</a>'), el('', 'a', {}, [t('\n  '), el('', 'b'), t('\n  x\n')]))
      same(
        ok('<a><b/> <c/> <d/>.</a>'),
        el('', 'a', {}, [el('', 'b'), t(' '), el('', 'c'), t(' '), el('', 'd'), t('.')])
      )
      same(ok('<a>x<b/> <!-- c --> <?pi?> <c/></a>'), el('', 'a', {}, [t('x'), el('', 'b'), t('   '), el('', 'c')]))
    })

    it('decides per element: a mixed parent does not make its children mixed, nor the reverse', () => {
      same(
        ok('<p>x <b> <i/> </b> <c> <d/> y</c></p>'),
        el('', 'p', {}, [
          t('x '),
          el('', 'b', {}, [el('', 'i')]),
          t(' '),
          el('', 'c', {}, [t(' '), el('', 'd'), t(' y')])
        ])
      )
      same(
        ok('<r> <p>a <b/> b</p> <q/> </r>'),
        el('', 'r', {}, [el('', 'p', {}, [t('a '), el('', 'b'), t(' b')]), el('', 'q')])
      )
    })

    it('keeps white space-only text of an element without element children', () => {
      same(
        ok('<a><b>  </b><c>\n\t</c><d><!--x--> <?pi?> </d></a>'),
        el('', 'a', {}, [el('', 'b', {}, [t('  ')]), el('', 'c', {}, [t('\n\t')]), el('', 'd', {}, [t('  ')])])
      )
      same(ok(' <a> </a> '), el('', 'a', {}, [t(' ')]))
    })

    it('keeps every white space run under xml:space="preserve", inherited by descendants', () => {
      const sp = `{${XML}}space`
      same(
        ok('<a xml:space="preserve">\n <b/>\n <c> <d/> </c>\n</a>'),
        el('', 'a', { [sp]: 'preserve' }, [
          t('\n '),
          el('', 'b'),
          t('\n '),
          el('', 'c', {}, [t(' '), el('', 'd'), t(' ')]),
          t('\n')
        ])
      )
      // on an inner element only
      same(
        ok('<a> <b xml:space="preserve"> <c/> </b> <d> <e/> </d> </a>'),
        el('', 'a', {}, [
          el('', 'b', { [sp]: 'preserve' }, [t(' '), el('', 'c'), t(' ')]),
          el('', 'd', {}, [el('', 'e')])
        ])
      )
    })

    it('stops preserving white space at xml:space="default", and resumes after it', () => {
      const sp = `{${XML}}space`
      same(
        ok('<a xml:space="preserve"> <b xml:space="default"> <c/> </b> <d> <e/> </d></a>'),
        el('', 'a', { [sp]: 'preserve' }, [
          t(' '),
          el('', 'b', { [sp]: 'default' }, [el('', 'c')]),
          t(' '),
          el('', 'd', {}, [t(' '), el('', 'e'), t(' ')])
        ])
      )
      // a value other than preserve or default changes nothing
      same(
        ok('<a xml:space="preserve"><b xml:space="other"> <c/> </b></a>'),
        el('', 'a', { [sp]: 'preserve' }, [el('', 'b', { [sp]: 'other' }, [t(' '), el('', 'c'), t(' ')])])
      )
    })
  })

  describe('comments and processing instructions', () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ['<a>ab</a>', '<a>a<!--x-->b</a>'],
      ['<a>ab</a>', '<a>a<?pi x?>b</a>'],
      ['<a>abc</a>', '<a>a<!---->b<?pi?>c<!-- - --></a>'],
      ['<a>a&amp;b</a>', '<a>a<!--&-->&amp;<?pi <?>b</a>'],
      ['<a>a<![CDATA[b]]>c</a>', '<a>a<!--x--><![CDATA[b]]><!--y-->c</a>'],
      [
        '<a><b/><c/></a>',
        '<?xml version="1.0"?>\n<!-- head -->\n<?pi?>\n<a><!--1--><b/><?p?>\n<c/><!--2--></a>\n<!--tail-->\n<?end?>'
      ],
      ['<a>x <b/> y</a>', '<a>x<!--1--> <b/> <!--2-->y</a>'],
      ['<a b="1"><c>t</c></a>', '<!--<a>--><a b="1"><!--<c>--><c><!--t-->t<!--</c>--></c></a>'],
      ['<a>\n<b/>\n</a>', '<a>\n<!-- 1 -->\n<b/>\n<?pi?>\n</a>'],
      ['<a>  </a>', '<a> <!--x--> </a>']
    ]

    it('are dropped: a document parses to the same tree as without them', () => {
      for (const [plain, commented] of cases) deepStrictEqual(ok(commented), ok(plain))
    })

    it('join the text around them into one text node', () => {
      deepStrictEqual(ok('<a>a<!--x-->b</a>').children, [t('ab')])
      deepStrictEqual(ok('<a>a<?x?>b<!--y-->c</a>').children, [t('abc')])
      deepStrictEqual(ok('<a><b/>a<!--x-->b<c/></a>').children, [el('', 'b'), t('ab'), el('', 'c')])
    })
  })

  describe('attributes', () => {
    const names = ['hasOwnProperty', 'constructor', '__proto__', 'toString', 'valueOf']

    it('parses attributes named like Object.prototype properties into ordinary own attributes', () => {
      for (const n of names) {
        const a = ok(`<a ${n}="v"/>`)
        deepStrictEqual(Object.keys(a.attrs), [n])
        assert.ok(Object.prototype.hasOwnProperty.call(a.attrs, n), n)
        assert.strictEqual(a.attrs[n], 'v', n)
        assert.strictEqual(Object.getPrototypeOf(a.attrs), Object.prototype)
      }
      const all = ok(`<a ${names.map((n, i) => `${n}="${i}"`).join(' ')} x="x"/>`)
      deepStrictEqual(Object.keys(all.attrs), [...names, 'x'])
      names.forEach((n, i) => assert.strictEqual(all.attrs[n], String(i)))
    })

    it('parses them with a prefix, and next to the same name without one', () => {
      for (const n of names) {
        const a = ok(`<a xmlns:p="urn:p" p:${n}="1" ${n}="2"><b p:${n}="3"/></a>`)
        deepStrictEqual(Object.keys(a.attrs), [`{urn:p}${n}`, n])
        assert.strictEqual(a.attrs[`{urn:p}${n}`], '1')
        assert.strictEqual(a.attrs[n], '2')
        assert.strictEqual(Ast.elements(a)[0].attrs[`{urn:p}${n}`], '3')
      }
    })

    it('still finds duplicates among them', () => {
      for (const n of names) {
        assert.match(err(`<a ${n}="1" ${n}="2"/>`), new RegExp(`duplicate attribute "${n}"`))
        assert.match(err(`<a xmlns:p="urn:x" xmlns:q="urn:x" p:${n}="1" q:${n}="2"/>`), /duplicate attribute/)
      }
    })
  })

  describe('input', () => {
    it('accepts a UTF-8 BOM in a string', () => {
      same(ok('\uFEFF<a/>'), el('', 'a'))
    })

    it('decodes bytes as UTF-8, with or without a BOM', () => {
      const b = new TextEncoder().encode('<a>é😀</a>')
      same(ok(b), el('', 'a', {}, [t('é😀')]))
      same(ok(new Uint8Array([0xef, 0xbb, 0xbf, ...b])), el('', 'a', {}, [t('é😀')]))
    })

    it('only checks the syntax of the declaration of a string', () => {
      for (const enc of ['ISO-8859-1', 'UTF-16', 'windows-1252', 'x-anything'])
        same(ok(`<?xml version="1.0" encoding="${enc}"?><a>é</a>`), el('', 'a', {}, [t('é')]))
      assert.match(err('<?xml version="1.0" encoding="-x"?><a/>'), /invalid encoding name "-x"/)
    })

    it('accepts attribute values and CDATA longer than 64 KiB', () => {
      const long = 'x'.repeat(100_000)
      same(ok(`<a b="${long}"><![CDATA[${long}]]></a>`), el('', 'a', { b: long }, [t(long)]))
    })
  })

  describe('encodings', () => {
    it('decodes ISO-8859-1 byte for byte, 0x80-0x9F included', () => {
      const all = Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)).join('')
      const c1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)).join('')
      const doc = `<?xml version="1.0" encoding="ISO-8859-1"?><a b="é${c1}">${all}${c1}</a>`
      same(ok(latin1(doc)), el('', 'a', { b: 'é' + c1 }, [t(all + c1)]))
      const controls = ok(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>\x80\x9f</a>'))
      assert.strictEqual(Ast.textOf(controls), '\u0080\u009f')
    })

    it('reads encoding names case-insensitively, with the usual aliases', () => {
      for (const name of ['ISO-8859-1', 'iso-8859-1', 'Latin1', 'LATIN1', 'l1', 'ISO_8859-1', 'iso8859-1', 'CP819'])
        same(ok(latin1(`<?xml version="1.0" encoding="${name}"?><a>é</a>`)), el('', 'a', {}, [t('é')]))
      for (const name of ['US-ASCII', 'us-ascii', 'ASCII', 'ascii'])
        same(ok(latin1(`<?xml version='1.0' encoding='${name}'?><a>x</a>`)), el('', 'a', {}, [t('x')]))
      for (const name of ['UTF-8', 'utf-8', 'Utf-8', 'UTF8', 'utf8'])
        same(ok(bytes(`<?xml version="1.0" encoding="${name}"?><a>é</a>`)), el('', 'a', {}, [t('é')]))
      same(ok(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="utf-8"?><a>é</a>')), el('', 'a', {}, [t('é')]))
    })

    it('refuses bytes outside US-ASCII in a US-ASCII document, with their position', () => {
      assert.strictEqual(
        err(latin1('<?xml version="1.0" encoding="US-ASCII"?>\n<a>x\xe9</a>')),
        'line 2, column 5: byte 0xE9 is not US-ASCII (declared encoding)'
      )
      assert.match(err(bytes('<?xml version="1.0" encoding="ascii"?><a>é</a>')), /byte 0xC3 is not ascii/)
    })

    it('decodes UTF-16 with a byte order mark, both byte orders', () => {
      for (const le of [true, false]) {
        const doc = '<?xml version="1.0" encoding="UTF-16"?>\n<a b="é">😀x</a>'
        same(ok(utf16(doc, le)), el('', 'a', { b: 'é' }, [t('😀x')]))
        same(ok(utf16('<a>é</a>', le)), el('', 'a', {}, [t('é')]))
        same(ok(utf16(`<?xml version="1.0" encoding="${le ? 'utf-16le' : 'UTF-16BE'}"?><a/>`, le)), el('', 'a'))
        // without a byte order mark, when the declaration names it
        same(ok(utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', le, false)), el('', 'a'))
      }
    })

    it('refuses UTF-16 labelled as something else, or with the other byte order', () => {
      assert.strictEqual(
        err(utf16('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', true)),
        'line 1, column 31: document labelled ISO-8859-1 but has UTF-16LE content (byte order mark)'
      )
      assert.match(err(utf16('<?xml version="1.0" encoding="UTF-8"?><a/>', false)), /labelled UTF-8 but has UTF-16BE/)
      assert.match(
        err(utf16('<?xml version="1.0" encoding="UTF-16BE"?><a/>', true)),
        /labelled UTF-16BE but has UTF-16LE/
      )
      assert.match(err(utf16('<a/>', true, false)), /character U\+0000 is not allowed/)
      assert.match(err(utf16('<?xml version="1.0"?><a/>', true, false)), /UTF-16 without a byte order mark/)
    })

    it('refuses a lone surrogate or an odd byte in UTF-16', () => {
      const lone = new Uint8Array([...utf16('<a>', true), 0x00, 0xd8, ...utf16('</a>', true, false)])
      assert.match(err(lone), /invalid UTF-16/)
      assert.match(err(new Uint8Array([...utf16('<a/>', true), 0x20])), /invalid UTF-16 \(odd number of bytes\)/)
    })

    it('refuses a declared UTF-16 on bytes that are not UTF-16', () => {
      assert.strictEqual(
        err(bytes('<?xml version="1.0" encoding="UTF-16"?><a/>')),
        'line 1, column 31: document labelled UTF-16 but has UTF-8 content'
      )
      assert.match(err(bytes('<?xml version="1.0" encoding="utf-16le"?><a/>')), /labelled utf-16le but has UTF-8/)
      assert.match(
        err(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="UTF-16"?><a/>')),
        /labelled UTF-16 but has a UTF-8 byte order mark/
      )
    })

    it('refuses a UTF-8 byte order mark under another declared encoding', () => {
      assert.match(
        err(bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>')),
        /labelled ISO-8859-1 but has a UTF-8 byte order mark/
      )
    })

    it('refuses encodings it does not decode, naming them', () => {
      for (const name of ['windows-1252', 'Shift_JIS', 'UTF-32', 'EBCDIC-US', 'x-foo'])
        assert.strictEqual(
          err(bytes(`<?xml version="1.0" encoding="${name}"?>\n<a/>`)),
          `line 1, column 31: unsupported encoding "${name}" (supported: UTF-8, UTF-16, ISO-8859-1, US-ASCII)`
        )
    })

    it('refuses invalid UTF-8, with the position of the first bad byte', () => {
      assert.strictEqual(err(bytes('<a>\n é', [0xff], '</a>')), 'line 2, column 3: invalid UTF-8 (byte 0xFF)')
      assert.match(err(bytes('<a>', [0xc0, 0xaf], '</a>')), /line 1, column 4: invalid UTF-8 \(byte 0xC0\)/)
      assert.match(err(bytes('<a>', [0xed, 0xa0, 0x80], '</a>')), /invalid UTF-8 \(byte 0xED\)/)
      assert.match(err(bytes('<a>', [0xe2, 0x82], '</a>')), /invalid UTF-8 \(byte 0xE2\)/)
      // latin-1 bytes without a declaration are not UTF-8
      assert.match(err(latin1('<a>caf\xe9</a>')), /line 1, column 7: invalid UTF-8 \(byte 0xE9\)/)
    })

    it('reports a malformed declaration in bytes with its position', () => {
      assert.strictEqual(
        err(latin1('<?xml version="1.0" encoding="ISO-8859-1" standalone="maybe"?><a>\xe9</a>')),
        'line 1, column 55: standalone must be "yes" or "no", got "maybe"'
      )
    })
  })

  describe('size limit', () => {
    // 'é' and '😀' take 2 and 4 bytes in UTF-8 (1 and 2 UTF-16 units)
    const docs = ['<a>ééé</a>', '<a>😀😀</a>', '<a b="é😀">x</a>', '\uFEFF<a>é</a>', '<a>abc</a>']

    it('counts the bytes of the UTF-8 form of a string: exactly maxBytes passes, one more fails', () => {
      for (const doc of docs) {
        const size = new TextEncoder().encode(doc).length
        assert.strictEqual(_.parse(doc, { maxBytes: size })._tag, 'Right', doc)
        assert.strictEqual(
          err(doc, { maxBytes: size - 1 }),
          `line 1, column 1: input too large: ${size} bytes exceed the limit of ${size - 1}`
        )
      }
    })

    it('counts the same for bytes: UTF-8 as they are', () => {
      for (const doc of docs) {
        const b = new TextEncoder().encode(doc)
        assert.strictEqual(_.parse(b, { maxBytes: b.length })._tag, 'Right', doc)
        const expected = `input too large: ${b.length} bytes exceed the limit of ${b.length - 1}`
        assert.match(err(b, { maxBytes: b.length - 1 }), new RegExp(expected))
      }
    })

    it('counts bytes in other encodings as their UTF-8 form', () => {
      const doc = '<?xml version="1.0" encoding="ISO-8859-1"?><a>éé</a>'
      const size = new TextEncoder().encode(doc).length
      assert.strictEqual(_.parse(latin1(doc), { maxBytes: size })._tag, 'Right')
      assert.match(err(latin1(doc), { maxBytes: size - 1 }), new RegExp(`input too large: ${size} bytes`))
      const doc16 = '<a>é😀x</a>'
      const size16 = new TextEncoder().encode('\uFEFF' + doc16).length
      assert.strictEqual(_.parse(utf16(doc16, true), { maxBytes: size16 })._tag, 'Right')
      assert.match(err(utf16(doc16, false), { maxBytes: size16 - 1 }), new RegExp(`input too large: ${size16} bytes`))
    })

    it('takes a document decoded from bytes as its own text under the same limit', () => {
      const b = new TextEncoder().encode('<a>' + 'é'.repeat(1000) + '😀'.repeat(500) + '</a>')
      const text = new TextDecoder().decode(b)
      assert.strictEqual(_.parse(b, { maxBytes: b.length })._tag, 'Right')
      assert.strictEqual(_.parse(text, { maxBytes: b.length })._tag, 'Right')
      assert.strictEqual(_.parse(text, { maxBytes: b.length - 1 })._tag, 'Left')
    })
  })

  describe('renderParseError', () => {
    it('renders line, column and message', () => {
      assert.strictEqual(
        _.renderParseError({ _tag: 'ParseError', message: 'undeclared prefix "x"', line: 3, column: 7 }),
        'line 3, column 7: undeclared prefix "x"'
      )
    })
  })

  describe('defaults', () => {
    it('has the documented limits', () => {
      deepStrictEqual(_.defaults, { maxDepth: 256, maxBytes: 16 * 1024 * 1024, maxAttributes: 256 })
    })
  })
})
