import * as fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/xml/Parser.js'
import { requireOrSkip } from '../util.js'
import { ok } from './util.js'
import { corpus, type Case } from './wellformedness/corpus.js'

/** Expects a ParseError whose message contains `message`, at `line`:`column`. */
const fails = (input: string | Uint8Array, message: string, line: number, column: number): void => {
  const r = _.parse(input)
  if (r._tag === 'Right') assert.fail(`expected a parse error containing ${JSON.stringify(message)}`)
  assert.ok(
    r.left.message.includes(message),
    `message ${JSON.stringify(r.left.message)} lacks ${JSON.stringify(message)}`
  )
  assert.deepStrictEqual([r.left.line, r.left.column], [line, column], _.renderParseError(r.left))
}

const bytesOf = (c: Case): Uint8Array => (typeof c.doc === 'string' ? new TextEncoder().encode(c.doc) : c.doc)

const accepts = (c: Case): boolean => _.parse(bytesOf(c))._tag === 'Right'

const show = (c: Case): string => `${c.name}: ${JSON.stringify(typeof c.doc === 'string' ? c.doc : [...c.doc])}`

/** Whether xmllint runs here. */
const hasXmllint = (): boolean => {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' })
  return r.error === undefined && r.status === 0
}

/**
 * xmllint's verdict on each document: well-formed when it exits with 0 and reports no error (namespace errors are
 * reported with exit status 0). One shell runs xmllint on every file of a temporary directory.
 */
const xmllint = (cases: ReadonlyArray<Case>): ReadonlyArray<{ readonly wf: boolean; readonly says: string }> => {
  const dir = mkdtempSync(join(tmpdir(), 'wellformed-'))
  try {
    const files = cases.map((c, i) => {
      const f = join(dir, `case-${String(i).padStart(3, '0')}.xml`)
      writeFileSync(f, bytesOf(c))
      return f
    })
    const script = 'for f in "$@"; do xmllint --noout --nonet "$f" 2>"$f.err"; echo $?; done'
    const r = spawnSync('sh', ['-c', script, 'sh', ...files], { encoding: 'utf8' })
    assert.strictEqual(r.status, 0, r.stderr)
    const status = r.stdout.trim().split('\n').map(Number)
    assert.strictEqual(status.length, files.length)
    return files.map((f, i) => {
      const says = readFileSync(f + '.err', 'utf8')
      return { wf: status[i] === 0 && !/error :/.test(says), says: says.split('\n', 1)[0] }
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('Parser (well-formedness)', () => {
  describe('what sax lets through', () => {
    it('refuses white space after "<" and "</"', () => {
      fails('< presence/>', 'white space is not allowed after "<"', 1, 1)
      fails('<a>\n  < b/></a>', 'white space is not allowed after "<"', 2, 3)
      fails('<a>\t<\tb/></a>', 'white space is not allowed after "<"', 1, 5)
      fails('<a></ a>', 'white space is not allowed after "</"', 1, 4)
      fails('<a></\na>', 'white space is not allowed after "</"', 1, 4)
      fails('<a>< !-- x --></a>', 'white space is not allowed after "<"', 1, 4)
      fails('< ?pi?><a/>', 'white space is not allowed after "<"', 1, 1)
      // but not in comments, CDATA sections, processing instructions
      ok('<a><!-- < b </ c --><![CDATA[< d </ e]]><?pi < f </ g?></a>')
    })

    it('refuses "<" in attribute values, pointing at it', () => {
      fails('<a b="<"/>', '"<" is not allowed in attribute values (attribute "b")', 1, 7)
      fails('<a\n  b="x<y"/>', '"<" is not allowed in attribute values', 2, 7)
      fails("<a b='&lt;<<'/>", '"<" is not allowed in attribute values', 1, 11)
      fails('<a x="1" b="<c/>"/>', '(attribute "b")', 1, 13)
      fails('<a xmlns:p="urn:p" p:b="&#60;<"/>', '(attribute "p:b")', 1, 30)
    })

    it('refuses "]]>" in character data', () => {
      fails('<a>]]></a>', '"]]>" is not allowed in character data', 1, 4)
      fails('<a>x\n ]]>y</a>', '"]]>" is not allowed in character data', 2, 2)
      fails('<a><b/>]]]></a>', '"]]>" is not allowed in character data', 1, 9)
      fails('<a><![CDATA[x]]>]]></a>', '"]]>" is not allowed in character data', 1, 17)
      ok('<a b="]]>"><!-- ]]> --><?pi ]]>?>]]&gt;<![CDATA[]]]]><![CDATA[>]]></a>')
    })

    it('refuses markup declarations and other "<!" markup outside a DOCTYPE', () => {
      fails('<!FOO><a/>', 'invalid markup "<!FOO": only comments and CDATA sections start with "<!"', 1, 1)
      fails('<a>\n<!ELEMENT a ANY></a>', 'invalid markup "<!ELEMENT"', 2, 1)
      fails('<!ATTLIST a b CDATA #IMPLIED><a/>', 'invalid markup "<!ATTLIST"', 1, 1)
      fails('<a><![cdata[x]]></a>', 'invalid markup "<![cdata[x]]"', 1, 4)
      fails('<a><!-x></a>', 'invalid markup "<!-x"', 1, 4)
      fails('<!><a/>', 'invalid markup "<!"', 1, 1)
    })

    it('refuses CDATA sections outside the root element, pointing at their start', () => {
      fails('<![CDATA[x]]><a/>', 'text before the root element', 1, 1)
      fails('<a/>\n<![CDATA[]]>', 'content after the root element', 2, 1)
    })

    it('checks the XML declaration fully', () => {
      fails('<?xml garbage?><a/>', 'XML declaration: unknown pseudo-attribute "garbage"', 1, 7)
      fails('<?xml?><a/>', 'XML declaration: version expected', 1, 6)
      fails('<?xml encoding="UTF-8"?><a/>', 'XML declaration: the version must come first', 1, 7)
      fails('<?xml version="2.0"?><a/>', 'unsupported XML version "2.0"', 1, 16)
      fails('<?xml version="1."?><a/>', 'invalid XML version "1."', 1, 16)
      fails('<?xml version="1.0a"?><a/>', 'invalid XML version "1.0a"', 1, 16)
      fails('<?xml version=1.0?><a/>', 'XML declaration: quoted value expected for "version"', 1, 15)
      fails('<?xml version="1.0\'?><a/>', 'XML declaration: unclosed value of "version"', 1, 15)
      fails(
        '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>',
        'XML declaration: "encoding" out of order (version, encoding, standalone)',
        1,
        38
      )
      fails('<?xml version="1.0" version="1.0"?><a/>', '"version" out of order', 1, 21)
      fails('<?xml version="1.0"encoding="UTF-8"?><a/>', 'white space expected before "encoding"', 1, 20)
      fails('<?xml version="1.0" encoding="1foo"?><a/>', 'invalid encoding name "1foo"', 1, 31)
      fails('<?xml version="1.0" encoding=""?><a/>', 'invalid encoding name ""', 1, 31)
      fails('<?xml version="1.0" standalone="maybe"?><a/>', 'standalone must be "yes" or "no", got "maybe"', 1, 33)
      fails('<?xml version="1.0" standalone="YES"?><a/>', 'standalone must be "yes" or "no", got "YES"', 1, 33)
      fails('<?xml version="1.0" =?><a/>', 'XML declaration: unexpected "="', 1, 21)
      fails('<?xml version ?><a/>', 'XML declaration: "=" expected after "version"', 1, 15)
    })

    it('allows the XML declaration only at the very start', () => {
      fails('\n<?xml version="1.0"?><a/>', 'XML declaration allowed only at the start of the document', 2, 1)
      fails('<!--c--><?xml version="1.0"?><a/>', 'XML declaration allowed only at the start of the document', 1, 9)
      fails('<a><?xml version="1.0"?></a>', 'XML declaration allowed only at the start of the document', 1, 4)
      ok('\uFEFF<?xml version="1.0"?><a/>')
    })

    it('reserves processing instruction targets matching [Xx][Mm][Ll]', () => {
      fails('<?XML version="1.0"?><a/>', 'reserved processing instruction target "XML"', 1, 3)
      fails('<a/><?Xml foo?>', 'reserved processing instruction target "Xml"', 1, 7)
      fails('<a><?xMl?></a>', 'reserved processing instruction target "xMl"', 1, 6)
      ok('<?xml-stylesheet href="a"?><a><?xmlfoo?><?XMLish x?></a>')
    })

    it('refuses processing instructions without a target or with a bad one', () => {
      fails('<? ?><a/>', 'processing instruction without a target', 1, 3)
      fails('<a>\n<??></a>', 'processing instruction without a target', 2, 3)
      fails('<?1a x?><a/>', 'invalid processing instruction target "1a"', 1, 3)
      fails('<?a:b x?><a/>', 'invalid processing instruction target "a:b"', 1, 3)
      fails('<?pi?x?><a/>', 'white space expected after the processing instruction target "pi"', 1, 5)
      fails('<?pi??><a/>', 'white space expected after the processing instruction target "pi"', 1, 5)
    })

    it('reads processing instructions that end in several "?"', () => {
      ok('<?pi ??><a/>')
      ok('<?pi ???><a/>')
      ok('<a><?pi x??y??>z</a>')
      fails('<?pi ??><a>', 'unclosed element <a>', 1, 12)
    })

    it('refuses declarations of prefixes that are not NCNames', () => {
      fails('<a xmlns:="urn:x"/>', 'invalid qualified name "xmlns:"', 1, 1)
      fails('<a\n xmlns:a:b="urn:x"/>', 'invalid qualified name "xmlns:a:b"', 1, 1)
      fails('<a xmlns:1="urn:x"/>', 'invalid qualified name "xmlns:1"', 1, 1)
      fails('<r><a xmlns:-a="urn:x"/></r>', 'invalid qualified name "xmlns:-a"', 1, 4)
    })

    it('refuses qualified names whose parts are not NCNames', () => {
      fails('<x:1e xmlns:x="urn:x"/>', 'invalid qualified name "x:1e"', 1, 1)
      fails('<x:-e xmlns:x="urn:x"/>', 'invalid qualified name "x:-e"', 1, 1)
      fails('<x:\u00B7e xmlns:x="urn:x"/>', 'invalid qualified name "x:\u00B7e"', 1, 1)
      fails('<a xmlns:x="urn:x" x:1="1"/>', 'invalid qualified name "x:1"', 1, 1)
      fails('<:a/>', 'invalid qualified name ":a"', 1, 1)
      fails('<a><b: xmlns:b="urn:b"/></a>', 'invalid qualified name "b:"', 1, 4)
      fails('<a b:="1"/>', 'invalid qualified name "b:"', 1, 1)
      ok('<x:e-1.\u00B7 xmlns:x="urn:x" x:a\u0301="1"/>')
    })

    it('refuses names with characters beyond U+FFFF (sax reads names one UTF-16 unit at a time)', () => {
      fails('<a\u{10000}/>', 'invalid character in an element name', 1, 3)
      fails('<a b\u{10000}="1"/>', 'invalid attribute name', 1, 5)
      ok('<a b="\u{10000}">\u{10000}</a>')
    })

    it('refuses a second byte order mark', () => {
      fails('\uFEFF\uFEFF<a/>', 'text before the root element (a second byte order mark)', 1, 1)
      const utf8 = [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x3c, 0x61, 0x2f, 0x3e]
      fails(new Uint8Array(utf8), 'a second byte order mark', 1, 1)
      const utf16 = [0xff, 0xfe, 0xff, 0xfe, 0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e, 0]
      fails(new Uint8Array(utf16), 'a second byte order mark', 1, 1)
    })

    it('refuses "--" in comments', () => {
      fails('<a><!-- a -- b --></a>', '"--" is not allowed inside a comment', 1, 11)
      fails('<a><!-- a ---></a>', '"--" is not allowed inside a comment', 1, 11)
      fails('<!--\n--x--><a/>', '"--" is not allowed inside a comment', 2, 1)
    })
  })

  describe('totality', () => {
    // pieces of markup, in any order: mostly malformed documents, some well-formed ones
    const piece = fc.constantFrom(
      '<a>', '</a>', '<b/>', '<p:c xmlns:p="urn:p">', '</p:c>', '<', '>', '</', '/>', '< ', '</ ', '<?', '?>', '??',
      '<?pi ', '<?xml version="1.0"?>', '<!--', '-->', '--', '<![CDATA[', ']]>', ']]', '<!DOCTYPE a>', '<!X', '&',
      '&amp;', '&#', '&#x', ';', '&lt;', 'a', ':', 'xmlns', 'xmlns:q', '="', '"', "'", '=', ' ', '\n', '\r\n', '\t',
      '\uFEFF', 'é', '😀', '\u0000', 'x="1"', 'xml:space="preserve"'
    )
    const doc = fc.array(piece, { maxLength: 30 }).map((ps) => ps.join(''))

    it('never throws, and refuses with a position inside the text', () => {
      fc.assert(
        fc.property(doc, (d) => {
          const r = _.parse(d)
          if (r._tag === 'Left') {
            const lines = d.replace(/\r\n?/g, '\n').split('\n')
            const { line, column } = r.left
            assert.ok(line >= 1 && line <= lines.length, _.renderParseError(r.left))
            assert.ok(column >= 1 && column <= lines[line - 1].length + 1, _.renderParseError(r.left))
          }
        })
      )
    })

    it('gives the same verdict for a string and its UTF-8 bytes, and across chunks', () => {
      fc.assert(
        fc.property(doc, fc.nat(70_000), (d, pad) => {
          const r = _.parse(d)
          if (!d.includes('\u0000')) assert.strictEqual(_.parse(new TextEncoder().encode(d))._tag, r._tag)
          // the same pieces after a long comment, so that they cross a chunk boundary (what may only come first
          // cannot come after it)
          if (d.startsWith('\uFEFF') || d.startsWith('<?xml')) return
          const long = `<!--${'-x'.repeat(pad >> 1)}-->${d}`
          assert.strictEqual(_.parse(long)._tag, r._tag)
        }),
        { numRuns: 50 }
      )
    })
  })

  describe('corpus', () => {
    it('has at least 150 documents, well-formed and not, with distinct names', () => {
      assert.ok(corpus.length >= 150, `${corpus.length} documents`)
      assert.ok(corpus.filter((c) => c.wf).length >= 50)
      assert.ok(corpus.filter((c) => !c.wf).length >= 100)
      assert.strictEqual(new Set(corpus.map((c) => c.name)).size, corpus.length)
    })

    it('gets the verdict of every document right', () => {
      const wrong = corpus.filter((c) => accepts(c) !== c.wf).map(show)
      assert.deepStrictEqual(wrong, [])
    })

    it('never throws, and every refusal has a position', () => {
      for (const c of corpus) {
        const r = _.parse(bytesOf(c))
        if (r._tag === 'Left') assert.ok(r.left.line >= 1 && r.left.column >= 1, show(c))
        if (typeof c.doc === 'string') assert.strictEqual(_.parse(c.doc)._tag, r._tag, show(c))
      }
    })

    it('agrees with xmllint on every document (DOCTYPEs are refused on purpose, whatever xmllint says)', (ctx) => {
      if (!hasXmllint()) return requireOrSkip(ctx, 'xmllint is not installed (Debian: libxml2-utils)')
      const verdicts = xmllint(corpus)
      const disagree: Array<string> = []
      corpus.forEach((c, i) => {
        const ours = accepts(c)
        const theirs = verdicts[i]
        if (c.doctype === true) {
          if (ours) disagree.push(`${show(c)}: a DOCTYPE was accepted`)
        } else if (ours !== theirs.wf || c.wf !== theirs.wf)
          disagree.push(`${show(c)}: ours ${ours}, recorded ${c.wf}, xmllint ${theirs.wf} ${theirs.says}`)
      })
      assert.deepStrictEqual(disagree, [])
    })
  })
})
