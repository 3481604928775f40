import * as assert from 'node:assert'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, it } from 'vitest'
import * as Ast from '../../src/xml/Ast.js'
import * as _ from '../../src/xml/Parser.js'
import { ok } from './util.js'

/** Expects a ParseError (never an exception) whose message contains `message`, at `line`:`column`. */
const fails = (
  input: string | Uint8Array,
  message: string,
  line: number,
  column: number,
  options?: _.ParseOptions
): void => {
  const r = _.parse(input, options)
  if (r._tag === 'Right') assert.fail(`expected a parse error containing ${JSON.stringify(message)}`)
  assert.strictEqual(r.left._tag, 'ParseError')
  assert.ok(
    r.left.message.includes(message),
    `message ${JSON.stringify(r.left.message)} lacks ${JSON.stringify(message)}`
  )
  assert.deepStrictEqual([r.left.line, r.left.column], [line, column], _.renderParseError(r.left))
}

/** The garbage collector: node's `--expose-gc`, or the same flag set at run time. */
const gc: (() => void) | undefined = (() => {
  const g = (globalThis as { gc?: () => void }).gc
  if (typeof g === 'function') return g
  try {
    v8.setFlagsFromString('--expose-gc')
    return runInNewContext('gc') as () => void
  } catch {
    return undefined
  }
})()

const MB = 1024 * 1024

/**
 * Parses a document (one byte per character) and checks the heap: how far it grew during the parse (heapTotal, from
 * a collected heap) and what stays after it (heapUsed after a collection, the result still held). With a collector,
 * both must stay within a few times the input (plus the young generation's own growth); without one, within 40 times.
 */
const parsesInBoundedMemory = (doc: string, expected: 'Right' | 'Left'): void => {
  const size = doc.length
  doc.charCodeAt(doc.length - 1) // flat before measuring
  gc?.()
  gc?.()
  const before = process.memoryUsage()
  const r = _.parse(doc, { maxBytes: 32 * MB })
  const during = process.memoryUsage()
  gc?.()
  gc?.()
  const after = process.memoryUsage()
  assert.strictEqual(r._tag, expected, r._tag === 'Left' ? _.renderParseError(r.left) : 'parsed')
  const grew = during.heapTotal - before.heapTotal
  const kept = after.heapUsed - before.heapUsed
  const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`
  const show = `heap grew ${mb(grew)}, kept ${mb(kept)}, for ${mb(size)}`
  if (gc !== undefined) {
    assert.ok(grew < 6 * size + 48 * MB, show)
    assert.ok(kept < 2 * size + 8 * MB, show)
  } else assert.ok(Math.max(grew, during.heapUsed - before.heapUsed) < 40 * size, show)
}


describe('Parser (hostile input)', () => {
  describe('DTDs', () => {
    it('refuses an internal subset (entity expansion, billion laughs)', () => {
      const lol = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE lolz [',
        ' <!ENTITY lol "lol">',
        ' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
        ' <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
        ']>',
        '<lolz>&lol3;</lolz>'
      ].join('\n')
      fails(lol, 'DOCTYPE is not allowed', 2, 1)
    })

    it('refuses an external entity (XXE)', () => {
      fails('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', 'DOCTYPE is not allowed', 1, 1)
    })

    it('refuses any DOCTYPE, even without a subset', () => {
      fails('<!-- x -->\n<!DOCTYPE a>\n<a/>', 'DOCTYPE is not allowed', 2, 1)
      fails('<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>', 'DOCTYPE is not allowed', 1, 1)
    })

    it('refuses a DOCTYPE whose subset contains tags', () => {
      fails('<!DOCTYPE a [<b>]><a/>', 'DOCTYPE is not allowed', 1, 1)
    })
  })

  describe('entities and references', () => {
    it('refuses unknown entities, pointing at the &', () => {
      fails('<a>\n  &foo;</a>', 'undefined entity "&foo;"', 2, 3)
      fails('<a b="&nbsp;"/>', 'undefined entity "&nbsp;"', 1, 7)
    })

    it('refuses entity names in another case', () => {
      fails('<a>&AMP;</a>', 'undefined entity "&AMP;"', 1, 4)
    })

    it('refuses references to characters not allowed in XML', () => {
      fails('<a>&#0;</a>', 'reference to a character not allowed in XML "&#0;"', 1, 4)
      fails('<a>&#xD800;</a>', 'not allowed in XML', 1, 4)
      fails('<a b="&#xFFFE;"/>', 'not allowed in XML', 1, 7)
      fails('<a>&#x110000;</a>', 'not allowed in XML', 1, 4)
    })

    it('refuses malformed character references', () => {
      fails('<a>&#X41;</a>', 'invalid character reference "&#X41;"', 1, 4)
      fails('<a>&#x;</a>', 'invalid character reference', 1, 4)
      fails('<a>&#12a;</a>', 'invalid character reference', 1, 4)
    })

    it('refuses a bare ampersand', () => {
      fails('<a>fish & chips</a>', 'invalid entity reference', 1, 10)
    })
  })

  describe('names and namespaces', () => {
    it('refuses an undeclared element prefix', () => {
      fails('<a>\n<p:b/></a>', 'undeclared prefix "p"', 2, 1)
    })

    it('refuses an undeclared attribute prefix', () => {
      fails('<a xmlns="urn:a">\n  <b q:x="1"/></a>', 'undeclared prefix "q"', 2, 3)
    })

    it('refuses a prefix used outside the scope of its declaration', () => {
      fails('<a><b xmlns:p="urn:p"/><p:c/></a>', 'undeclared prefix "p"', 1, 24)
    })

    it('refuses duplicate attributes, literally or after namespace expansion', () => {
      fails('<a x="1" x="2"/>', 'duplicate attribute "x"', 1, 1)
      fails('<a xmlns:p="urn:x" xmlns:q="urn:x" p:y="1" q:y="2"/>', 'duplicate attribute "q:y"', 1, 1)
      fails('<a xmlns:p="urn:1" xmlns:p="urn:2"/>', 'duplicate attribute "xmlns:p"', 1, 1)
      fails('<a xmlns="urn:1" xmlns="urn:2"/>', 'duplicate attribute "xmlns"', 1, 1)
    })

    it('refuses reserved and malformed namespace declarations', () => {
      fails('<a xmlns:p=""/>', 'prefix "p" cannot be undeclared', 1, 1)
      fails('<a xmlns:xml="urn:x"/>', 'prefix "xml" must be bound to', 1, 1)
      fails('<a xmlns:xmlns="urn:x"/>', 'prefix "xmlns" must not be declared', 1, 1)
      fails('<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>', 'must not be declared', 1, 1)
      fails('<xmlns:a/>', 'reserved prefix "xmlns"', 1, 1)
    })

    it('refuses malformed qualified names', () => {
      fails('<a:b:c xmlns:a="urn:a"/>', 'invalid qualified name "a:b:c"', 1, 1)
      fails('<a :b="1"/>', 'invalid qualified name ":b"', 1, 1)
    })
  })

  describe('structure', () => {
    it('refuses mismatched tags', () => {
      fails('<a><b></a>', 'mismatched end tag: expected </b>, got </a>', 1, 7)
      fails('<a>\n  </b>', 'mismatched end tag: expected </a>, got </b>', 2, 3)
      fails('<a/></a>', 'unexpected end tag </a>', 1, 5)
    })

    it('refuses unclosed tags, pointing at the end of input', () => {
      fails('<a><b>', 'unclosed element <b>', 1, 7)
      fails('<a>\n<b>\n', 'unclosed element <b>', 3, 1)
    })

    it('refuses an unterminated tag', () => {
      fails('<a', 'unexpected end of input in a start tag', 1, 3)
      fails('<a><b', 'unexpected end of input in a start tag', 1, 6)
      fails('<a b="1', 'unexpected end of input in an attribute value', 1, 8)
      fails('<a></a', 'unexpected end of input in an end tag', 1, 7)
    })

    it('says what was open when the input ends', () => {
      fails('<a><!-- x', 'unexpected end of input in a comment', 1, 10)
      fails('<a><![CDATA[x]]', 'unexpected end of input in a CDATA section', 1, 16)
      fails('<a><?pi x?', 'unexpected end of input in a processing instruction', 1, 11)
      fails('<a>&amp', 'unexpected end of input in a reference', 1, 8)
      fails('<?xml version="1.0"', 'unexpected end of input in the XML declaration', 1, 20)
      fails('<a><!', 'unexpected end of input in markup', 1, 6)
      fails('<a><!-', 'unexpected end of input in markup', 1, 7)
      fails('<a><!--', 'unexpected end of input in a comment', 1, 8)
      fails('<a><![CDA', 'unexpected end of input in markup', 1, 10)
      fails('<a><?', 'unexpected end of input in a processing instruction', 1, 6)
      fails('<a><?pi', 'unexpected end of input in a processing instruction', 1, 8)
    })

    it('refuses a second root element', () => {
      fails('<a/>\n<b/>', 'content after the root element', 2, 1)
    })

    it('refuses text after the root element', () => {
      fails('<a/>\n  x', 'content after the root element', 2, 3)
      fails('<a/><![CDATA[x]]>', 'content after the root element', 1, 5)
      fails('<a/><![CDATA[]]>', 'content after the root element', 1, 5)
    })

    it('refuses text before the root element', () => {
      fails('x<a/>', 'text before the root element', 1, 1)
      fails('<?xml version="1.0"?>\nx<a/>', 'text before the root element', 2, 1)
    })

    it('accepts whitespace, comments and processing instructions around the root', () => {
      assert.ok(Ast.equals(ok('\n <!-- c -->\n<a/>\n<!-- d --><?pi?>\n'), Ast.element({ ns: '', local: 'a' })))
    })

    it('refuses empty and whitespace-only input', () => {
      fails('', 'no root element', 1, 1)
      fails(' \n ', 'no root element', 2, 2)
      fails('<!-- only a comment -->', 'no root element', 1, 24)
      fails(new Uint8Array(0), 'no root element', 1, 1)
    })

    it('refuses an XML declaration anywhere but at the very start', () => {
      fails(' <?xml version="1.0"?><a/>', 'XML declaration allowed only at the start', 1, 2)
      fails('<a/>\n<?xml version="1.0"?>', 'XML declaration allowed only at the start', 2, 1)
      fails('<?xml version="1.0"?><?xml version="1.0"?><a/>', 'XML declaration allowed only at the start', 1, 22)
    })

    it('refuses unquoted attribute values and attributes without value', () => {
      fails('<a b=c/>', 'unquoted attribute value', 1, 6)
      fails('<a b>', 'attribute without value', 1, 5)
    })
  })

  describe('characters', () => {
    it('refuses control characters, reporting the first one', () => {
      fails('<a>\n ok\u0001\u0002</a>', 'character U+0001 is not allowed in XML', 2, 4)
      fails('\u0000<a/>', 'character U+0000 is not allowed in XML', 1, 1)
    })

    it('refuses lone surrogates', () => {
      fails('<a>x\uDC00</a>', 'character U+DC00 is not allowed in XML', 1, 5)
      fails('<a b="\uD83D"/>', 'character U+D83D is not allowed in XML', 1, 7)
    })

    it('refuses U+FFFE and U+FFFF', () => {
      fails('<a>\uFFFF</a>', 'character U+FFFF is not allowed in XML', 1, 4)
    })

    it('refuses invalid UTF-8 bytes', () => {
      fails(new Uint8Array([0x3c, 0x61, 0xff, 0x2f, 0x3e]), 'invalid UTF-8 (byte 0xFF)', 1, 3)
    })
  })

  describe('limits', () => {
    it('refuses input over maxBytes before parsing', () => {
      fails('<a/>', 'input too large: 4 bytes exceed the limit of 3', 1, 1, { maxBytes: 3 })
      fails('<a>é</a>', 'input too large: 9 bytes exceed the limit of 8', 1, 1, { maxBytes: 8 })
      fails(new TextEncoder().encode('<a/>'), 'input too large: 4 bytes', 1, 1, { maxBytes: 3 })
      assert.strictEqual(_.parse('<a/>', { maxBytes: 4 })._tag, 'Right')
      assert.strictEqual(_.parse(new TextEncoder().encode('<a/>'), { maxBytes: 4 })._tag, 'Right')
    })

    it('refuses nesting over maxDepth, pointing at the element too deep', () => {
      fails('<a><b><c><d/></c></b></a>', 'maximum depth 3 exceeded', 1, 10, { maxDepth: 3 })
      assert.strictEqual(_.parse('<a><b><c/></b></a>', { maxDepth: 3 })._tag, 'Right')
    })

    it('refuses more attributes than maxAttributes', () => {
      fails('<a x="1" y="2" z="3"/>', 'too many attributes (limit 2)', 1, 20, { maxAttributes: 2 })
      assert.strictEqual(_.parse('<a x="1" y="2"/>', { maxAttributes: 2 })._tag, 'Right')
    })

    it('fails fast on 1,000,000 nesting levels, without overflowing the stack', () => {
      const n = 1_000_000
      const deep = '<a>'.repeat(n) + '</a>'.repeat(n)
      fails(deep, 'maximum depth 256 exceeded', 1, 256 * 3 + 1)
    })

    it('parses 1,000,000 nesting levels when allowed, with an explicit stack', () => {
      const n = 1_000_000
      const deep = '<a>'.repeat(n - 1) + '<a/>' + '</a>'.repeat(n - 1)
      const root = ok(deep, { maxDepth: n })
      let depth = 1
      let e = root
      while (e.children.length > 0) {
        e = e.children[0] as Ast.Element
        depth++
      }
      assert.strictEqual(depth, n)
    })
  })

  describe('linear time', () => {
    it('parses 100,000 siblings', () => {
      const root = ok('<a>' + '<b x="1">t</b>'.repeat(100_000) + '</a>', { maxBytes: 64 * 1024 * 1024 })
      assert.strictEqual(root.children.length, 100_000)
      const last = root.children[99_999] as Ast.Element
      assert.ok(Ast.equals(last, Ast.element({ ns: '', local: 'b' }, { x: '1' }, [Ast.text('t')])))
    })

    it('parses a 10 MB text node', () => {
      const big = 'x'.repeat(10_000_000)
      const root = ok('<a>' + big + '</a>', { maxBytes: 32 * 1024 * 1024 })
      assert.strictEqual(root.children.length, 1)
      assert.strictEqual(Ast.textOf(root), big)
      // 10 MB pass the default limit of 16 MiB, 18 MB of 'é' (2 bytes each in UTF-8) do not
      assert.strictEqual(_.parse('<a>' + big + '</a>')._tag, 'Right')
      fails('<a>' + 'é'.repeat(9_000_000) + '</a>', 'input too large: 18000007 bytes', 1, 1)
    })

    it('parses an element with 50,000 attributes', () => {
      const attrs: Array<string> = []
      for (let i = 0; i < 50_000; i++) attrs.push(` a${i}="${i}"`)
      const doc = '<a' + attrs.join('') + '/>'
      const root = ok(doc, { maxAttributes: 100_000 })
      assert.strictEqual(Object.keys(root.attrs).length, 50_000)
      assert.strictEqual(root.attrs['a49999'], '49999')
      // the 257th attribute is a256: '<a', 10 of 7 chars, 90 of 9, 156 of 11, then ' a256="256' before its
      // closing quote
      fails(doc, 'too many attributes (limit 256)', 1, 2 + 70 + 810 + 1716 + 10 + 1)
    })

    it('parses 20,000 namespace declarations each used by a child', () => {
      const decls: Array<string> = []
      const kids: Array<string> = []
      for (let i = 0; i < 20_000; i++) {
        decls.push(` xmlns:p${i}="urn:n${i}"`)
        kids.push(`<p${i}:c p${i}:x="${i}"/>`)
      }
      const root = ok('<a' + decls.join('') + '>' + kids.join('') + '</a>', { maxAttributes: 20_000 })
      assert.strictEqual(root.children.length, 20_000)
      assert.ok(
        Ast.equals(root.children[12_345], Ast.element({ ns: 'urn:n12345', local: 'c' }, { '{urn:n12345}x': '12345' }))
      )
      assert.strictEqual(root.namespaces?.length, 20_000)
      assert.ok(root.children.every((c) => c._tag === 'Element' && !('namespaces' in c)))
    })

    it('parses 1,000,000 entity references', () => {
      const root = ok('<a>' + '&amp;'.repeat(1_000_000) + '</a>')
      assert.strictEqual(Ast.textOf(root), '&'.repeat(1_000_000))
    })
  })

  describe('memory', () => {
    // sax builds comments, processing instructions, attribute values, names, runs of "]" in CDATA sections and
    // references one character at a time (about 32 bytes per character): memory must stay proportional anyway
    const N = 7_000_000
    const x = 'x'.repeat(N)
    const constructs: ReadonlyArray<readonly [string, string, string]> = [
      ['a comment', '<a><!--' + x, '--></a>'],
      ['a CDATA section', '<a><![CDATA[' + ']'.repeat(N), ']]></a>'],
      ['a processing instruction', '<a><?pi ' + x, '?></a>'],
      ['an attribute value', '<a b="' + x, '"/>'],
      ['text of references', '<a>' + '&lt;'.repeat(N / 4), '</a>'],
      ['plain text', '<a>' + x, '</a>'],
      ['an element name', '<a' + x, '/>'],
      ['an attribute name', '<a b' + x, '="1"/>']
    ]
    for (const [what, open, close] of constructs) {
      it(`parses ${what} of 7,000,000 characters in memory proportional to it`, () => {
        parsesInBoundedMemory(open + close, 'Right')
      })

      it(`refuses ${what} of 7,000,000 characters left open, in memory proportional to it`, () => {
        parsesInBoundedMemory(open, 'Left')
      })
    }

    it('keeps the content it reads in pieces', () => {
      const root = ok('<a b="' + x + '"><![CDATA[' + ']'.repeat(N) + ']]>' + '&lt;'.repeat(N / 4) + '</a>', {
        maxBytes: 32 * MB
      })
      assert.strictEqual(root.attrs['b'], x)
      assert.strictEqual(Ast.textOf(root), ']'.repeat(N) + '<'.repeat(N / 4))
    })
  })

  describe('names, references and markup across chunks', () => {
    const long = 'b'.repeat(200_000)

    it('reads long element, attribute and processing instruction names', () => {
      const root = ok(`<?p${long} x?><a${long} c${long}="1" xmlns:p${long}="urn:p"><p${long}:d/></a${long}>`)
      assert.strictEqual(root.name.local, 'a' + long)
      assert.deepStrictEqual(Object.keys(root.attrs), ['c' + long])
      assert.ok(Ast.equals(root.children[0], Ast.element({ ns: 'urn:p', local: 'd' })))
    })

    it('reads long character references', () => {
      const root = ok(`<a b="&#${'0'.repeat(200_000)}65;">&#x${'0'.repeat(200_000)}42;</a>`)
      assert.strictEqual(root.attrs['b'], 'A')
      assert.strictEqual(Ast.textOf(root), 'B')
    })

    it('tells positions right after long names', () => {
      fails(`<a${long} c="<"/>`, '"<" is not allowed in attribute values', 1, 200_007)
      const cut = `a${'b'.repeat(39)}…`
      fails(`<a${long}></a${long}b>`, `mismatched end tag: expected </${cut}>, got </${cut}>`, 1, 200_004)
      fails(`<a>&${long};</a>`, `undefined entity "&${'b'.repeat(40)}…;"`, 1, 4)
      fails(`<a${long}>\n<b c${long}="1" c${long}="2"/></a${long}>`, 'duplicate attribute', 2, 1)
      fails(`<a><!--${long}--x--></a>`, '"--" is not allowed inside a comment', 1, 200_008)
      fails(`<a><?p ${long}?><?xml version="1.0"?></a>`, 'XML declaration allowed only at the start', 1, 200_010)
    })
  })

  describe('totality', () => {
    it('never throws on arbitrary prefixes of a document', () => {
      const doc =
        '<?xml version="1.0"?><a xmlns="urn:a" xmlns:p="urn:p" p:x="&amp;"><b>t&#65;</b><![CDATA[c]]><!--x--></a>'
      for (let i = 0; i <= doc.length; i++) {
        const r = _.parse(doc.slice(0, i))
        assert.strictEqual(r._tag, i === doc.length ? 'Right' : 'Left', `prefix ${i}`)
      }
    })
  })
})
