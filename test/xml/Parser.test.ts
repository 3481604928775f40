import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Ast from '../../src/xml/Ast.js'
import * as _ from '../../src/xml/Parser.js'
import { deepStrictEqual } from '../util.js'
import { el, ok, t } from './util.js'

const XML = 'http://www.w3.org/XML/1998/namespace'



/** Compares ignoring nsHints, with a readable failure. */
const same = (actual: Ast.Element, expected: Ast.Element): void => {
  deepStrictEqual(Ast.stripHints(actual), expected)
  assert.ok(Ast.equals(actual, expected))
}

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

  describe('nsHints', () => {
    it('lists every declaration of the document on the root, first prefix per URI, in document order', () => {
      const a = ok(
        '<a xmlns="urn:a" xmlns:p="urn:p"><b xmlns:q="urn:q"><c xmlns:r="urn:p" xmlns:s="urn:s"/></b><d xmlns=""/></a>'
      )
      deepStrictEqual(a.nsHints, [
        { prefix: '', uri: 'urn:a' },
        { prefix: 'p', uri: 'urn:p' },
        { prefix: 'q', uri: 'urn:q' },
        { prefix: 's', uri: 'urn:s' }
      ])
    })

    it('puts hints on the root only, so sub-elements equal constructed ones', () => {
      const a = ok('<a xmlns="urn:a"><b xmlns:q="urn:q"><q:c/></b></a>')
      const b = Ast.elements(a)[0]
      assert.strictEqual(b.nsHints, undefined)
      deepStrictEqual(b, el('urn:a', 'b', {}, [el('urn:q', 'c')]))
    })

    it('leaves nsHints out when there is no declaration', () => {
      assert.ok(!('nsHints' in ok('<a/>')))
    })
  })

  describe('text', () => {
    it('turns CDATA into text merged with the adjacent text', () => {
      same(ok('<a>x<![CDATA[<&>]]>y</a>'), el('', 'a', {}, [t('x<&>y')]))
    })

    it('drops comments and processing instructions and merges the text around them', () => {
      same(
        ok('<?xml version="1.0"?><!-- c --><?pi a?><a>x<!-- c -->y<?pi b?>z</a><!-- after --><?pi?>'),
        el('', 'a', {}, [t('xyz')])
      )
    })

    it('drops whitespace-only text in element content', () => {
      same(ok('<a>\n  <b/>\n  <!-- c -->\n  <c/>\n</a>'), el('', 'a', {}, [el('', 'b'), el('', 'c')]))
    })

    it('keeps whitespace-only text of an element without element children', () => {
      same(
        ok('<a><b>  </b><c>\n\t</c></a>'),
        el('', 'a', {}, [el('', 'b', {}, [t('  ')]), el('', 'c', {}, [t('\n\t')])])
      )
    })

    it('keeps mixed content exactly, dropping only whitespace-only pieces', () => {
      same(ok('<a> x <b/> <c/>y </a>'), el('', 'a', {}, [t(' x '), el('', 'b'), el('', 'c'), t('y ')]))
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

    it('keeps non-BMP characters', () => {
      same(ok('<a b="😀">😀</a>'), el('', 'a', { b: '😀' }, [t('😀')]))
    })
  })

  describe('input', () => {
    it('accepts a UTF-8 BOM in a string', () => {
      same(ok('\uFEFF<a/>'), el('', 'a'))
    })

    it('decodes bytes as UTF-8, with or without a BOM', () => {
      const bytes = new TextEncoder().encode('<a>é😀</a>')
      same(ok(bytes), el('', 'a', {}, [t('é😀')]))
      same(ok(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes])), el('', 'a', {}, [t('é😀')]))
    })

    it('ignores the declared encoding', () => {
      same(ok('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>'), el('', 'a', {}, [t('é')]))
    })

    it('accepts attribute names that are Object.prototype properties', () => {
      const a = ok('<a __proto__="1" constructor="2" hasOwnProperty="3"/>')
      deepStrictEqual(Object.keys(a.attrs), ['__proto__', 'constructor', 'hasOwnProperty'])
      assert.strictEqual(a.attrs['__proto__'], '1')
      assert.strictEqual(Object.getPrototypeOf(a.attrs), Object.prototype)
    })

    it('accepts attribute values and CDATA longer than 64 KiB', () => {
      const long = 'x'.repeat(100_000)
      same(ok(`<a b="${long}"><![CDATA[${long}]]></a>`), el('', 'a', { b: long }, [t(long)]))
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
