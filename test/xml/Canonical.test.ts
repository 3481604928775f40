import * as fc from 'fast-check'
import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as Ast from '../../src/xml/Ast.js'
import * as _ from '../../src/xml/Canonical.js'
import { parse, renderParseError } from '../../src/xml/Parser.js'
import { deepStrictEqual } from '../util.js'
import * as A from './arbitraries.js'
import { el, ok, t } from './util.js'



describe('Canonical', () => {
  describe('canonical', () => {
    it('numbers prefixes by first use, sorts attributes by namespace then name, and drops formatting', () => {
      const doc = ok(`<?xml version="1.0"?>
<!-- comment -->
<p:a xmlns:p="urn:p" xmlns:q="urn:q" xmlns="urn:d" z="1" q:y="2" a="3">
  <q:b> <c/> <?pi?> </q:b>
  <d>t&amp;&lt;&gt;"<![CDATA[']]></d>
</p:a>`)
      assert.strictEqual(
        _.canonical(doc),
        '<n0:a xmlns:n0="urn:p" xmlns:n1="urn:q" xmlns:n2="urn:d" a="3" z="1" n1:y="2">' +
          '<n1:b><n2:c></n2:c></n1:b><n2:d>t&amp;&lt;&gt;"\'</n2:d></n0:a>'
      )
    })

    it('keeps xml: attributes and no-namespace names unprefixed by n', () => {
      assert.strictEqual(
        _.canonical(el('', 'a', { [`{${Ast.XML_NS}}lang`]: 'en', b: '\t"' }, [el('', 'c', {}, [t('\r')])])),
        '<a b="&#9;&quot;" xml:lang="en"><c>&#13;</c></a>'
      )
    })

    it('drops whitespace-only text in element-only content of a hand-built tree', () => {
      const built = el('urn:a', 'a', {}, [t('\n  '), el('urn:a', 'b', {}, [t('  ')]), t('\n')])
      assert.strictEqual(_.canonical(built), '<n0:a xmlns:n0="urn:a"><n0:b>  </n0:b></n0:a>')
      assert.strictEqual(_.canonical(built), _.canonical(ok('<a xmlns="urn:a">\n  <b>  </b>\n</a>')))
    })

    it('is well-formed and parses back to the tree', () => {
      fc.assert(
        fc.property(A.element, (x) => {
          const c = _.canonical(x)
          const r = parse(c)
          if (r._tag === 'Left') throw new Error(`${renderParseError(r.left)} in ${c}`)
          return Ast.equals(r.right, x) && _.canonical(r.right) === c
        })
      )
    })

    it('does not depend on attribute order', () => {
      fc.assert(
        fc.property(A.element, (x) => {
          const reversed: Ast.Element = { ...x, attrs: Object.fromEntries(Object.entries(x.attrs).reverse()) }
          return _.canonical(reversed) === _.canonical(x)
        })
      )
    })

    it('handles a 1,000,000-deep tree without recursion', () => {
      const n = 1_000_000
      let e = el('', 'a')
      for (let i = 1; i < n; i++) e = el('', 'a', {}, [e])
      assert.strictEqual(_.canonical(e), '<a>'.repeat(n) + '</a>'.repeat(n))
    })
  })

  describe('canonicalText', () => {
    it('parses, then canonicalises', () => {
      deepStrictEqual(_.canonicalText('<a xmlns="urn:a"> <b/> </a>'), {
        _tag: 'Right',
        right: '<n0:a xmlns:n0="urn:a"><n0:b></n0:b></n0:a>'
      })
    })

    it('returns the parse error', () => {
      const r = _.canonicalText('<a>')
      assert.ok(r._tag === 'Left' && r.left.message === 'unclosed element <a>')
    })

    it('passes the parse options on', () => {
      assert.strictEqual(_.canonicalText('<a><b/></a>', { maxDepth: 1 })._tag, 'Left')
    })
  })

  describe('equivalent', () => {
    it('ignores prefixes, declarations, attribute order, formatting and comments', () => {
      const a = `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:a@b">
  <!-- a tuple -->
  <tuple id="t1" xml:lang="en"><status><basic>open</basic></status></tuple>
  <dm:person id="p1"/>
</presence>`
      const b = `<p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" entity='sip:a@b'><p:tuple xml:lang="en" id="t1"><p:status><basic xmlns="urn:ietf:params:xml:ns:pidf">open</basic></p:status></p:tuple><person xmlns="urn:ietf:params:xml:ns:pidf:data-model" id="p1"></person></p:presence>`
      assert.ok(_.equivalentText(a, b))
      assert.ok(_.equivalent(ok(a), ok(b)))
      assert.ok(Ast.equals(ok(a), ok(b)))
      assert.notDeepStrictEqual(ok(a).namespaces, ok(b).namespaces)
    })

    it('sees a different text, attribute value, name or namespace', () => {
      const base = '<a xmlns="urn:a" x="1"><b>t</b></a>'
      assert.ok(_.equivalentText(base, '<a x="1" xmlns="urn:a"><b>t</b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:a" x="1"><b>u</b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:a" x="1"><b>t </b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:a" x="2"><b>t</b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:a" y="1"><b>t</b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:a" xmlns:p="urn:a" p:x="1"><b>t</b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:b" x="1"><b>t</b></a>'))
      assert.ok(!_.equivalentText(base, '<a xmlns="urn:a" x="1"><b>t</b><c/></a>'))
    })

    it('is false when either side does not parse', () => {
      assert.ok(!_.equivalentText('<a/>', '<a>'))
      assert.ok(!_.equivalentText('<a', '<a/>'))
    })

    it('agrees with Ast.equals on arbitrary trees', () => {
      fc.assert(fc.property(A.element, A.element, (x, y) => _.equivalent(x, y) === Ast.equals(x, y)))
    })
  })
})
