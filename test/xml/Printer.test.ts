import * as fc from 'fast-check'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import * as assert from 'node:assert'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import * as Ast from '../../src/xml/Ast.js'
import { canonical } from '../../src/xml/Canonical.js'
import { parse, renderParseError } from '../../src/xml/Parser.js'
import * as _ from '../../src/xml/Printer.js'
import { requireOrSkip } from '../util.js'
import * as A from './arbitraries.js'
import { el, ok, t } from './util.js'

const DECL = '<?xml version="1.0" encoding="UTF-8"?>'
const PIDF = 'urn:ietf:params:xml:ns:pidf'
const DM = 'urn:ietf:params:xml:ns:pidf:data-model'
const RPID = 'urn:ietf:params:xml:ns:pidf:rpid'



/** Prints without declaration and checks that the text parses back to an equal tree. */
const printed = (e: Ast.Element, options: _.PrintOptions = {}): string => {
  const s = _.print(e, { ...options, declaration: false })
  assert.ok(Ast.equals(ok(s), e), `does not re-parse to an equal tree: ${s}`)
  return s
}

describe('Printer', () => {
  describe('print', () => {
    it('names shared by many elements print the same wherever no binding below the root changes them (the name cache of large trees)', () => {
      // one name object for every <b>, used inside an element in no namespace (xmlns=""), inside one in a namespace
      // declared only there (more namespaces than the root takes), and beside them: each must print as its scope says
      const b = { ns: 'urn:a', local: 'b' }
      const many = (n: number): Array<Ast.Node> => Array.from({ length: n }, () => Ast.element(b, {}, []))
      const local = Array.from({ length: 70 }, (_x, i) => el(`urn:n${i}`, 'x', {}, many(2)))
      const tree = el('urn:a', 'a', {}, [...many(40), el('', 'plain', {}, many(3)), ...many(40), ...local, ...many(5)])
      const s = printed(tree)
      assert.match(s, /<plain xmlns=""><b xmlns="urn:a"\/>/)
      // the namespaces beyond those the root takes are declared where they are used, and <b> inside them is unchanged
      assert.ok(s.includes('<b/><b/></'), s.slice(0, 400))
    })

    it('writes the XML declaration unless told not to', () => {
      assert.strictEqual(_.print(el('', 'a')), DECL + '<a/>')
      assert.strictEqual(_.print(el('', 'a'), { declaration: false }), '<a/>')
      assert.strictEqual(_.print(el('', 'a'), { pretty: true }), DECL + '\n<a/>\n')
    })

    it("makes the root's namespace the default namespace", () => {
      assert.strictEqual(printed(el('urn:a', 'a', {}, [el('urn:a', 'b')])), '<a xmlns="urn:a"><b/></a>')
    })

    it('declares every other namespace once, on the root', () => {
      assert.strictEqual(
        printed(el('urn:a', 'a', {}, [el('urn:x', 'b', {}, [el('urn:x', 'c')]), el('urn:y', 'd'), el('urn:x', 'e')])),
        '<a xmlns="urn:a" xmlns:ns1="urn:x" xmlns:ns2="urn:y"><ns1:b><ns1:c/></ns1:b><ns2:d/><ns1:e/></a>'
      )
    })

    it('uses the well-known prefixes', () => {
      assert.strictEqual(
        printed(el(PIDF, 'presence', {}, [el(DM, 'person', {}, [el(RPID, 'activities')])])),
        `<presence xmlns="${PIDF}" xmlns:dm="${DM}" xmlns:rpid="${RPID}"><dm:person><rpid:activities/></dm:person></presence>`
      )
    })

    it('writes the declarations of the source where they stood: the author keeps their prefixes', () => {
      const src = `<p:presence xmlns:p="${PIDF}" xmlns:d="${DM}"><d:person/><p:tuple xmlns:r="${RPID}"><r:x/></p:tuple></p:presence>`
      assert.strictEqual(printed(ok(src)), src)
      // a default namespace declared on an inner element stays there
      const inner = `<a xmlns="urn:a"><b xmlns="urn:b"><c/></b><d/></a>`
      assert.strictEqual(printed(ok(inner)), inner)
    })

    it('prefers the caller’s prefixes for the namespaces it declares itself', () => {
      assert.strictEqual(
        printed(el(PIDF, 'presence', {}, [el(DM, 'person')]), { prefixes: { [DM]: 'model' } }),
        `<presence xmlns="${PIDF}" xmlns:model="${DM}"><model:person/></presence>`
      )
      // the tree's own declarations win over the caller's
      const parsed = ok(`<presence xmlns="${PIDF}" xmlns:d="${DM}"><d:person/></presence>`)
      assert.strictEqual(printed(parsed, { prefixes: { [DM]: 'model' } }), `<presence xmlns="${PIDF}" xmlns:d="${DM}"><d:person/></presence>`)
    })

    it('declares what a tree built by hand needs once, on the root, and what the source left undeclared where it is needed', () => {
      // an element added under a subtree that rebinds the hoisted prefix gets a declaration of its own
      const tree: Ast.Element = {
        ...el('urn:a', 'a', {}, [el('urn:b', 'b'), { ...el('urn:c', 'c', {}, [el('urn:b', 'd')]), namespaces: [{ prefix: 'ns1', uri: 'urn:c' }] }]),
        namespaces: []
      }
      assert.strictEqual(printed(tree), '<a xmlns="urn:a" xmlns:ns2="urn:b"><ns2:b/><ns1:c xmlns:ns1="urn:c"><ns2:d/></ns1:c></a>')
    })

    it('handles a prefix bound to different namespaces in two subtrees', () => {
      const src = '<a xmlns:p="urn:1"><p:b/><c xmlns:p="urn:2"><p:d/></c></a>'
      assert.strictEqual(printed(ok(src)), src)
      // a tree that needs urn:1 inside the subtree where p means urn:2 gets a fresh prefix for it on the root, so that
      // the element there needs no declaration the tree does not have
      const moved: Ast.Element = { ...el('', 'a', {}, [{ ...el('', 'c', {}, [el('urn:1', 'e')]), namespaces: [{ prefix: 'p', uri: 'urn:2' }] }]), namespaces: [{ prefix: 'p', uri: 'urn:1' }] }
      const s = printed(moved)
      assert.strictEqual(s, '<a xmlns:p="urn:1" xmlns:ns1="urn:1"><c xmlns:p="urn:2"><ns1:e/></c></a>')
      assert.strictEqual(Ast.elements(Ast.elements(ok(s))[0])[0].namespaces, undefined)
    })

    it('re-encodes a document with 300 foreign namespaces declared on 300 elements', () => {
      const kids = Array.from({ length: 300 }, (_x, i) => `<v${i}:x xmlns:v${i}="urn:vendor:${i}" v${i}:a="1"/>`).join('')
      const src = `<root xmlns="urn:r">${kids}</root>`
      const s = printed(ok(src))
      assert.strictEqual(s, src)
      // the same tree without its declarations gets one declaration per namespace: the first 64 on the root, the rest
      // where they are used, so that no element has more attributes than a parser accepts
      const bare = Ast.stripHints(ok(src))
      const again = printed(bare)
      assert.strictEqual((again.match(/xmlns:/g) ?? []).length, 300)
      assert.ok(again.startsWith('<root xmlns="urn:r" xmlns:ns1="urn:vendor:0"'))
      assert.strictEqual((/^<root[^>]*>/.exec(again)?.[0].match(/xmlns:/g) ?? []).length, 64)
    })

    it('never writes markup a tree does not say: invalid names and declarations are neutralised', () => {
      const evil = el('', 'e/><tuple id="injected"></tuple><x', { 'a"b': '1', '{urn:x}c d': '2' }, [el('urn:y', '1x')])
      const s = _.print({ ...evil, namespaces: [{ prefix: 'xml', uri: 'urn:z' }, { prefix: 'q', uri: '' }, { prefix: 'a b', uri: 'urn:q' }] }, { declaration: false })
      assert.ok(!s.includes('<tuple'), s)
      assert.strictEqual(parse(s)._tag, 'Right', s)
      assert.strictEqual(Ast.elements(ok(s)).length, 1)
    })

    it('names with characters beyond U+FFFF: refused by the tree guard, the parser and the printer alike, while such values stay NCNames', () => {
      const names = ['😀', 'x😀', 'a\u{10000}', '\u{EFFFF}b']
      for (const n of names) {
        assert.ok(Ast.isNCName(n), n)
        assert.ok(!Ast.isMarkupName(n), n)
        assert.ok(!Ast.isTree(el('urn:x', n)), n)
        assert.ok(!Ast.isTree(el('urn:x', 'a', { [n]: '1' })), n)
        assert.ok(!Ast.isTree(el('urn:x', 'a', { [`{urn:y}${n}`]: '1' })), n)
        assert.ok(!Ast.isNsDecl({ prefix: n, uri: 'urn:y' }), n)
        assert.strictEqual(parse(`<${n}/>`)._tag, 'Left', n)
        assert.strictEqual(parse(`<a xmlns:p="urn:y"><p:${n}/></a>`)._tag, 'Left', n)
        assert.strictEqual(parse(`<a ${n}="1"/>`)._tag, 'Left', n)
        assert.strictEqual(parse(`<a xmlns:${n}="urn:y"/>`)._tag, 'Left', n)
        // what the printer makes of them parses
        const s = _.print(el('urn:x', n, { [n]: '1', [`{urn:y}${n}`]: '2' }), { declaration: false, prefixes: { 'urn:y': n } })
        assert.strictEqual(parse(s)._tag, 'Right', s)
        // as values they are kept
        assert.strictEqual(parse(`<a id="${n}">${n}</a>`)._tag, 'Right', n)
      }
      for (const n of ['a', 'é', 'ñ_1', 'x\uFFFD']) assert.ok(Ast.isMarkupName(n), n)
    })

    it('is total on attribute values that cannot be converted to text: they are written empty', () => {
      const junk = [Object.create(null) as unknown, { toString: (): never => { throw new Error('no') } }]
      for (const v of junk)
        for (const key of ['a', '{urn:y}b']) {
          const tree = { ...el('urn:x', 'r', {}, [el('urn:x', 'c')]), attrs: { [key]: v } } as unknown as Ast.Element
          for (const big of [false, true]) {
            // small trees and the general path
            const t2 = big ? { ...tree, children: Array.from({ length: 40 }, () => el('urn:x', 'c')) } : tree
            const s = _.print(t2, { declaration: false })
            assert.strictEqual(Object.values(ok(s).attrs)[0], '', s)
          }
        }
    })

    it('ignores unusable preferred prefixes', () => {
      for (const p of ['xml', 'xmlns', 'XmlFoo', '', '1x', 'a:b']) {
        assert.strictEqual(
          printed(el('', 'a', {}, [el('urn:x', 'b')]), { prefixes: { 'urn:x': p } }),
          '<a xmlns:ns1="urn:x"><ns1:b/></a>',
          p
        )
      }
    })

    it('declares on the root no prefix the tree binds to several namespaces: no declaration is needed inside a subtree that rebinds it', () => {
      // found by the hostile law on xcap-diff: `rl` bound to resource-lists in one change and to another namespace in the
      // next; the root took `rl` for resource-lists, and the next change's content needed a declaration of its own
      const RL = 'urn:ietf:params:xml:ns:resource-lists'
      for (const other of ['urn:other', ' ']) {
        const tree = el('urn:r', 'root', {}, [
          { ...el('urn:r', 'a', {}, [el(RL, 'x')]), namespaces: [{ prefix: 'rl', uri: RL }] },
          { ...el('urn:r', 'b', {}, [el(RL, 'y', { [`{${RL}}z`]: '1' })]), namespaces: [{ prefix: 'rl', uri: other }] }
        ])
        for (const prefixes of [undefined, { [RL]: 'rl' }]) {
          const s = _.print(tree, { declaration: false, ...(prefixes === undefined ? {} : { prefixes }) })
          const back = ok(s)
          assert.ok(Ast.equals(back, tree), s)
          const y = Ast.elements(Ast.elements(back)[1])[0]
          assert.strictEqual(y.namespaces, undefined, s)
          assert.strictEqual(s, `<root xmlns="urn:r" xmlns:ns1="${RL}"><a xmlns:rl="${RL}"><rl:x/></a><b xmlns:rl="${other}"><ns1:y ns1:z="1"/></b></root>`)
        }
      }
      // a prefix bound to one namespace throughout stays the root's choice
      const one = el('urn:r', 'root', {}, [{ ...el('urn:r', 'a', {}, [el(RL, 'x')]), namespaces: [{ prefix: 'rl', uri: RL }] }, el(RL, 'y')])
      assert.strictEqual(_.print(one, { declaration: false }), `<root xmlns="urn:r" xmlns:rl="${RL}"><a xmlns:rl="${RL}"><rl:x/></a><rl:y/></root>`)
    })

    it('never gives one prefix to two namespaces', () => {
      // a fresh prefix skips the ones already taken
      assert.strictEqual(
        printed(el('', 'a', {}, [el('urn:1', 'b'), el('urn:2', 'c')]), { prefixes: { 'urn:2': 'ns1' } }),
        '<a xmlns:ns2="urn:1" xmlns:ns1="urn:2"><ns2:b/><ns1:c/></a>'
      )
      // two namespaces preferring the same prefix
      assert.strictEqual(
        printed(el('', 'a', {}, [el('urn:1', 'b'), el('urn:2', 'c')]), { prefixes: { 'urn:1': 'p', 'urn:2': 'p' } }),
        '<a xmlns:p="urn:1" xmlns:ns1="urn:2"><p:b/><ns1:c/></a>'
      )
    })

    it('keeps every well-known prefix unique', () => {
      const ps = Object.values(_.wellKnownPrefixes)
      assert.strictEqual(new Set(ps).size, ps.length)
    })

    it('writes xmlns="" where an element has no namespace, and restores the default below it', () => {
      assert.strictEqual(
        printed(
          el('urn:a', 'a', {}, [
            el('', 'b', {}, [el('', 'c'), el('urn:a', 'd', {}, [el('urn:a', 'e')])]),
            el('urn:a', 'f')
          ])
        ),
        '<a xmlns="urn:a"><b xmlns=""><c/><d xmlns="urn:a"><e/></d></b><f/></a>'
      )
    })

    it('writes no xmlns="" when the root has no namespace', () => {
      assert.strictEqual(
        printed(el('', 'a', {}, [el('urn:b', 'b', {}, [el('', 'c')])])),
        '<a xmlns:ns1="urn:b"><ns1:b><c/></ns1:b></a>'
      )
    })

    it('prefixes namespaced attributes, even in the default namespace', () => {
      assert.strictEqual(
        printed(el('urn:a', 'a', { '{urn:a}x': '1', y: '2', '{urn:b}z': '3' })),
        '<a xmlns="urn:a" xmlns:ns1="urn:a" xmlns:ns2="urn:b" ns1:x="1" y="2" ns2:z="3"/>'
      )
    })

    it('writes xml:lang without declaring the xml namespace', () => {
      assert.strictEqual(printed(el('', 'a', { [`{${Ast.XML_NS}}lang`]: 'en' })), '<a xml:lang="en"/>')
    })

    it('escapes text', () => {
      assert.strictEqual(
        printed(el('', 'a', {}, [t('&<>"\' ]]> 😀\r\n\t')])),
        '<a>&amp;&lt;&gt;"\' ]]&gt; 😀&#13;\n\t</a>'
      )
    })

    it('escapes attribute values so that they survive normalisation', () => {
      assert.strictEqual(printed(el('', 'a', { b: '&<>"\'\t\n\r😀' })), '<a b="&amp;&lt;>&quot;\'&#9;&#10;&#13;😀"/>')
    })

    it('replaces characters not allowed in XML by U+FFFD', () => {
      const s = _.print(el('', 'a', { b: '\u0001\uD800' }, [t('x\u0000\uDC00\uFFFEy😀')]), { declaration: false })
      assert.strictEqual(s, '<a b="\uFFFD\uFFFD">x\uFFFD\uFFFD\uFFFDy😀</a>')
      assert.strictEqual(parse(s)._tag, 'Right')
    })

    it('skips attributes that would be namespace declarations', () => {
      assert.strictEqual(printed(el('', 'a', { x: '1' })), '<a x="1"/>')
      assert.strictEqual(
        _.print(
          el('', 'a', { xmlns: 'urn:x', 'xmlns:p': 'urn:p', '{http://www.w3.org/2000/xmlns/}q': 'urn:q', x: '1' }),
          {
            declaration: false
          }
        ),
        '<a x="1"/>'
      )
    })

    it('indents element-only content when pretty, and keeps text and mixed content on one line', () => {
      const doc = el('urn:a', 'a', {}, [
        el('urn:a', 'b', {}, [t('text')]),
        el('urn:a', 'c', {}, [el('urn:a', 'd'), el('urn:a', 'e', {}, [el('urn:a', 'f')])]),
        el('urn:a', 'g', {}, [t('x '), el('urn:a', 'h', {}, [el('urn:a', 'i')]), t(' y')]),
        el('urn:a', 'j', {}, [t('  ')])
      ])
      const expected = [
        DECL,
        '<a xmlns="urn:a">',
        '  <b>text</b>',
        '  <c>',
        '    <d/>',
        '    <e>',
        '      <f/>',
        '    </e>',
        '  </c>',
        '  <g>x <h><i/></h> y</g>',
        '  <j>  </j>',
        '</a>',
        ''
      ].join('\n')
      const s = _.print(doc, { pretty: true })
      assert.strictEqual(s, expected)
      assert.ok(Ast.equals(ok(s), doc))
    })

    it('caps the indentation of very deep trees', () => {
      let e = el('', 'a')
      for (let i = 0; i < 99; i++) e = el('', 'a', {}, [e])
      const s = _.print(e, { pretty: true, declaration: false })
      const widest = Math.max(...s.split('\n').map((l) => l.length - l.trimStart().length))
      assert.strictEqual(widest, 128)
      assert.ok(Ast.equals(ok(s), e))
    })

    it('is deterministic', () => {
      const doc = el('urn:a', 'a', { '{urn:z}z': '1', '{urn:y}y': '2' }, [el('urn:q', 'b'), el('urn:p', 'c')])
      assert.strictEqual(_.print(doc), _.print(doc))
    })

    it('prints a 1,000,000-deep tree built by hand without recursion', () => {
      const n = 1_000_000
      let e = el('urn:a', 'a')
      for (let i = 1; i < n; i++) e = el('urn:a', 'a', {}, [e])
      const s = _.print(e, { declaration: false })
      assert.strictEqual(s, '<a xmlns="urn:a">' + '<a>'.repeat(n - 2) + '<a/>' + '</a>'.repeat(n - 1))
    })

    it('prints small trees (the fast path) exactly as the general path prints the same tree grown past its size', () => {
      // a tree grown by 40 empty copies of its root's name at the end of the root's content takes the general path; its
      // text is the small tree's with those copies before the root's end tag
      const grown = (x: Ast.Element): Ast.Element => ({
        ...x,
        children: [...x.children, ...Array.from({ length: 40 }, () => Ast.element(x.name, {}, []))]
      })
      const check = (x: Ast.Element, prefixes?: Record<string, string>): void => {
        const o = { declaration: false, ...(prefixes === undefined ? {} : { prefixes }) }
        const small = _.print(x, o)
        const big = _.print(grown(x), o)
        const name = /^<([^\s/>]+)/.exec(small)?.[1] as string
        const end = `</${name}>`
        const open = small.endsWith('/>') && !small.endsWith(end) ? small.slice(0, -2) + '>' : small.slice(0, -end.length)
        assert.strictEqual(big, open + `<${name}/>`.repeat(40) + end)
        assert.strictEqual(_.print(x, prefixes === undefined ? undefined : { prefixes }), '<?xml version="1.0" encoding="UTF-8"?>' + small)
      }
      const preferred = fc.option(
        fc.dictionary(fc.constantFrom(...A.elementNamespaces, ...A.attributeNamespaces), fc.constantFrom('p', 'q', 'ns1', 'ns2', 'xml', 'dm', '')),
        { nil: undefined }
      )
      let parsedOnes = 0
      fc.assert(
        fc.property(A.element, preferred, (x, prefixes) => {
          check(x, prefixes)
          // a parsed tree: the root declares what the names need
          const p = ok(_.print(x, prefixes === undefined ? undefined : { prefixes }))
          check(p, prefixes)
          if (Ast.elements(p).length < 32 && p.namespaces !== undefined) parsedOnes++
        }),
        { numRuns: 300 }
      )
      assert.ok(parsedOnes > 100, `${parsedOnes}`)
      // declarations the fast path writes and names it resolves, one by one
      check(el('urn:a', 'a', { b: '1', '{urn:a}c': '2', [`{${Ast.XML_NS}}lang`]: 'en' }, [el('urn:a', 'b')]))
      check({ ...el('urn:a', 'a', {}, [el('urn:b', 'b'), el('', 'c')]), namespaces: [{ prefix: 'p', uri: 'urn:b' }, { prefix: '', uri: 'urn:a' }] })
      check({ ...el('urn:a', 'a', {}, [el('urn:a', 'b', { '{urn:a}x': '1' })]), namespaces: [{ prefix: 'p', uri: 'urn:a' }] })
      check({ ...el('urn:a', 'a', {}, [el('', 'b')]), namespaces: [{ prefix: 'p', uri: 'urn:a' }, { prefix: 'p', uri: 'urn:b' }] })
      check({ ...el('urn:a', 'a'), namespaces: [{ prefix: 'q', uri: 'urn:q' }] })
      check({ ...el('urn:a', 'a', {}, [{ ...el('urn:a', 'b'), namespaces: [{ prefix: 'q', uri: 'urn:q' }] }]) })
      // an attribute of the root in the root's namespace, after one in another namespace
      check(el('urn:a', 'a', { '{urn:b}x': '1', '{urn:a}y': '2' }, [el('urn:c', 'c', { '{urn:a}z': '3' })]))
      check(el('urn:a', 'a', { '{urn:b}x': '1', '{urn:a}y': '2' }, [el('urn:c', 'c')]), { 'urn:a': 'p', 'urn:b': 'ns1', 'urn:c': 'ns2' })
      check(el('urn:a', 'a', {}, [el('urn:c', 'c', { '{urn:a}z': '3' })]))
      check({ ...el('urn:a', 'a', { '{urn:b}x': '1' }, [el('urn:c', 'c', { '{urn:a}z': '3' })]), namespaces: [{ prefix: '', uri: 'urn:a' }, { prefix: 'ns1', uri: 'urn:z' }] }, { 'urn:b': 'ns1' })
      // more namespaces than the root takes
      check(el('urn:a', 'a', Object.fromEntries(Array.from({ length: 70 }, (_x, i) => [`{urn:n${i}}a`, '1']))))
      assert.strictEqual(
        _.print({ ...el('urn:a', 'a', { '{urn:b}x': '1' }, [el('urn:b', 'b', {}, [t('<&>')])]), namespaces: [{ prefix: '', uri: 'urn:a' }, { prefix: 'p', uri: 'urn:b' }] }),
        '<?xml version="1.0" encoding="UTF-8"?><a xmlns="urn:a" xmlns:p="urn:b" p:x="1"><p:b>&lt;&amp;&gt;</p:b></a>'
      )
    })

    it('round-trips arbitrary trees: parse(print(x)) equals x, and keeps its canonical form', () => {
      fc.assert(
        fc.property(A.element, fc.boolean(), (x, pretty) => {
          const s = _.print(x, { pretty })
          const r = parse(s)
          if (r._tag === 'Left') throw new Error(`${renderParseError(r.left)} in ${s}`)
          return Ast.equals(r.right, x) && canonical(r.right) === canonical(x)
        })
      )
    })

    it('round-trips arbitrary trees with arbitrary preferred prefixes', () => {
      const prefixes = fc.dictionary(
        fc.constantFrom(...A.elementNamespaces, ...A.attributeNamespaces),
        fc.constantFrom('p', 'q', 'ns1', 'xml', 'dm', '')
      )
      fc.assert(
        fc.property(A.element, prefixes, (x, ps) => {
          const r = parse(_.print(x, { prefixes: ps }))
          return r._tag === 'Right' && Ast.equals(r.right, x)
        })
      )
    })
  })

  describe('corpus', () => {
    const dir = new URL('../../../shared/corpus/', import.meta.url)

    const files = (root: string): Array<string> =>
      (readdirSync(root, { recursive: true }) as Array<string>).filter((f) => f.endsWith('.xml')).sort()

    it('parses each corpus document or fails with a ParseError, and round-trips the parsed ones', (ctx) => {
      const root = fileURLToPath(dir)
      if (!existsSync(root)) return requireOrSkip(ctx, `interop corpus not found at ${root}`)
      const all = files(root)
      assert.ok(all.length > 100, `only ${all.length} corpus documents`)
      let parsed = 0
      for (const f of all) {
        const bytes = readFileSync(root + f)
        let r: ReturnType<typeof parse>
        try {
          r = parse(new Uint8Array(bytes))
        } catch (e) {
          assert.fail(`${f}: parse threw ${String(e)}`)
        }
        if (r._tag === 'Left') {
          assert.strictEqual(r.left._tag, 'ParseError', f)
          assert.ok(r.left.line >= 1 && r.left.column >= 1, f)
          continue
        }
        parsed++
        for (const pretty of [false, true]) {
          const again = parse(_.print(r.right, { pretty }))
          assert.ok(again._tag === 'Right' && Ast.equals(again.right, r.right), `${f} (pretty: ${pretty})`)
          assert.strictEqual(canonical(again.right), canonical(r.right), f)
        }
      }
      // all but the few malformed ones parse
      assert.ok(parsed > all.length * 0.9, `${parsed} of ${all.length} parsed`)
    })
  })
})
