import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as E from '#fp-ts/Either'
import * as _ from '../../src/codec/Element.js'
import * as Doc from '../../src/codec/Document.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Xml from '../../src/xml/Ast.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'

// A small made-up format that exercises every combinator.
const NS = 'urn:example:shop'
const X = 'urn:example:ext'
const el = Xml.qname(NS)
const xel = Xml.qname(X)

type Kind = 'book' | 'pen'
const Kind = V.literal<Kind>('book', 'pen')

const Note = _.element(el('note'), { lang: _.lang(V.language), value: _.text(V.string) })
const Fruit = _.oneOf(_.empty(el('apple'), 'apple'), _.empty(el('pear'), 'pear'))

const itemWith = <X>(ext: Ext.Extension<X, 'shop:item'>) =>
  _.element(el('item'), {
    id: _.attr('id', V.id),
    kind: _.optionalAttr('kind', Kind),
    otherAttrs: _.otherAttrs(),
    name: _.child(el('name'), V.string),
    price: _.optionalChild(el('price'), V.decimal),
    ext: _.extension(ext),
    notes: _.children(Note),
    fruit: _.children(Fruit),
    other: _.other(NS),
    order: _.sourceOrder()
  }, { unordered: true })
const Item = itemWith(Ext.emptyAt('shop:item'))
const Shop = _.element(el('shop'), { version: _.attr('version', V.nonNegativeInteger), items: _.children(Item) })
const doc = Doc.xml(Shop, { id: 'shop', contentType: 'application/shop+xml', title: 'shop' })

const errors = (text: string): ReadonlyArray<string> => {
  const r = doc.decode(text)
  if (E.isRight(r)) assert.fail('expected errors, got ' + JSON.stringify(r.right))
  return report(r.left)
}
const value = (text: string) => {
  const r = doc.decode(text)
  if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
  return r.right
}

describe('Element', () => {
  describe('element', () => {
    it('decodes by expanded name whatever the prefixes', () => {
      const v = value(
        `<s:shop xmlns:s="${NS}" version="1"><s:item id="a"><name>x</name></s:item><item xmlns="${NS}" id="b" kind="pen"><name> y </name><price>1.50</price></item></s:shop>`.replace(
          '<name>x</name>',
          `<s:name>x</s:name>`
        )
      )
      assert.deepStrictEqual(v, {
        version: 1,
        items: [
          { id: 'a', name: 'x', ext: {}, notes: [], fruit: [], other: [] },
          { id: 'b', kind: 'pen', name: ' y ', price: 1.5, ext: {}, notes: [], fruit: [], other: [] }
        ]
      })
    })
    it('leaves absent optional keys out (never undefined)', () => {
      const v = value(`<shop xmlns="${NS}" version="0"><item id="a"><name/></item></shop>`)
      assert.deepStrictEqual(Object.keys(v.items[0]), ['id', 'name', 'ext', 'notes', 'fruit', 'other'])
      assert.strictEqual(v.items[0].name, '')
    })
    it('keeps foreign elements and attributes in order and re-encodes them', () => {
      const text = `<shop xmlns="${NS}" xmlns:x="${X}" version="1"><item id="a" x:flag="1"><name>n</name><x:one a="1"><x:deep>t</x:deep></x:one><note>hi</note><x:two/></item></shop>`
      const v = value(text)
      assert.deepStrictEqual(v.items[0].otherAttrs, { [`{${X}}flag`]: '1' })
      assert.deepStrictEqual(
        v.items[0].other.map((e) => e.name.local),
        ['one', 'two']
      )
      // the source order, where it differs from the encoder's, is part of the value
      assert.deepStrictEqual(v.items[0].order, [`{${NS}}name`, `{${X}}one`, `{${NS}}note`, `{${X}}two`])
      const again = value(doc.encode(v))
      assert.deepStrictEqual(again, v)
      assert.match(doc.encode(v), /<(\w+):one a="1"><\1:deep>t<\/\1:deep><\/\1:one><note>hi<\/note><\1:two\/>/)
    })
    it('encodes children in field order', () => {
      const ast = Item.encode({ id: 'a', name: 'n', price: 2, ext: {}, notes: [{ value: 'z' }], fruit: ['pear'], other: [Xml.element(xel('x'))] })
      assert.deepStrictEqual(
        ast.children.map((c) => (c._tag === 'Element' ? c.name.local : '#text')),
        ['name', 'price', 'note', 'pear', 'x']
      )
    })
  })

  describe('errors', () => {
    it('renders paths with indices for repeated children and accumulates siblings', () => {
      assert.deepStrictEqual(
        errors(
          `<shop xmlns="${NS}" version="1"><item id="a"><name>n</name></item><item id="2b" kind="car"><name>n</name><price>cheap</price></item></shop>`
        ),
        [
          '/shop/item[2]/@id: expected an xs:ID, got "2b"',
          '/shop/item[2]/@kind: expected "book" | "pen", got "car"',
          '/shop/item[2]/price: expected an xs:decimal, got "cheap"'
        ]
      )
    })
    it('reports missing required parts', () => {
      assert.deepStrictEqual(errors(`<shop xmlns="${NS}"><item><price>1</price></item></shop>`), [
        '/shop: expected attribute version, got nothing',
        '/shop/item[1]: expected attribute id, got nothing',
        `/shop/item[1]: expected a child <{${NS}}name>, got nothing`
      ])
    })
    it('treats a malformed optional child as an error, never as absent', () => {
      assert.deepStrictEqual(errors(`<shop xmlns="${NS}" version="1"><item id="a"><name>n</name><price/></item></shop>`), [
        '/shop/item[1]/price: expected an xs:decimal, got ""'
      ])
    })
    it('refuses unknown elements of its own namespace, unknown attributes and stray text', () => {
      assert.deepStrictEqual(
        errors(`<shop xmlns="${NS}" version="1" colour="red"><item id="a"><name>n</name><bogus/></item>loose</shop>`),
        [
          '/shop: expected element-only content, got text "loose"',
          '/shop/@colour: expected no attribute colour here, got "red"',
          `/shop/item[1]/bogus[1]: expected no element <{${NS}}bogus> here, got one`
        ]
      )
    })
    it('refuses a duplicated single child and a wrong root', () => {
      assert.deepStrictEqual(errors(`<shop xmlns="${NS}" version="1"><item id="a"><name>n</name><name>m</name></item></shop>`), [
        `/shop/item[1]/name[2]: expected one <{${NS}}name>, got another`
      ])
      assert.deepStrictEqual(errors(`<shop xmlns="urn:other" version="1"/>`), [
        `/shop: expected element <{${NS}}shop>, got <{urn:other}shop>`
      ])
    })
    it('dispatches choices on the name', () => {
      assert.deepStrictEqual(
        value(`<shop xmlns="${NS}" version="1"><item id="a"><name>n</name><pear/><apple/></item></shop>`).items[0].fruit,
        ['pear', 'apple']
      )
      assert.deepStrictEqual(errors(`<shop xmlns="${NS}" version="1"><item id="a"><name>n</name><apple>x</apple></item></shop>`), [
        '/shop/item[1]/apple[1]: expected an empty element, got content'
      ])
    })
  })

  describe('lenient mode', () => {
    it('drops invalid repeated children and unexpected elements, and reports them', () => {
      const r = doc.decodeLenient(
        `<shop xmlns="${NS}" version="1"><item id="a"><name>n</name><bogus/></item><item id="1"><name>n</name></item><item id="c"><name>m</name></item></shop>`
      )
      if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
      assert.deepStrictEqual(
        r.right.value.items.map((i) => i.id),
        ['a', 'c']
      )
      assert.deepStrictEqual(reportDropped(r.right.dropped), [
        `/shop/item[1]/bogus[1]: dropped: unexpected element <{${NS}}bogus>`,
        '/shop/item[2]: dropped: @id: expected an xs:ID, got "1"'
      ])
    })
    it('still fails on invalid single children', () => {
      const r = doc.decodeLenient(`<shop xmlns="${NS}" version="x"/>`)
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), ['/shop/@version: expected an xs:nonNegativeInteger, got "x"'])
    })
  })

  describe('extension', () => {
    const Stock = Ext.fromFields('shop:item', { stock: _.optionalChild(xel('stock'), V.nonNegativeInteger) }, { name: 'Stock' })
    const Tags = Ext.fromFields('shop:item', { tags: _.children(xel('tag'), V.token), colour: _.optionalAttr(xel('colour'), V.token) }, { name: 'Tags' })
    const Both = itemWith(Ext.combine(Stock, Tags))
    it('reads its own elements and leaves the rest in other', () => {
      const O = 'urn:example:other'
      const item = Xml.element(el('item'), { id: 'a', [`{${X}}colour`]: 'red' }, [
        Xml.element(el('name'), {}, [Xml.text('n')]),
        Xml.element(xel('stock'), {}, [Xml.text('3')]),
        Xml.element(xel('tag'), {}, [Xml.text('new')]),
        Xml.element({ ns: O, local: 'unknown' })
      ])
      const r = Both.decode(item)
      if (E.isLeft(r)) assert.fail(report(r.left).join('\n'))
      assert.deepStrictEqual(r.right.ext, { stock: 3, tags: ['new'], colour: 'red' })
      assert.deepStrictEqual(r.right.otherAttrs, undefined)
      assert.deepStrictEqual(
        r.right.other.map((e) => e.name.local),
        ['unknown']
      )
      // the plain host keeps all of it in other
      const plain = Item.decode(item)
      if (E.isLeft(plain)) assert.fail('decode failed')
      assert.deepStrictEqual(
        plain.right.other.map((e) => e.name.local),
        ['stock', 'tag', 'unknown']
      )
      assert.deepStrictEqual(Xml.equals(Both.encode(r.right), item), true)
    })
    it('refuses an unknown element of a namespace an extension of the host owns', () => {
      const item = Xml.element(el('item'), { id: 'a' }, [Xml.element(el('name'), {}, [Xml.text('n')]), Xml.element(xel('stocks'))])
      const r = Both.decode(item)
      assert.ok(E.isLeft(r))
      assert.deepStrictEqual(report(r.left), [`/stocks[1]: expected no element <{${X}}stocks> here, got one`])
      // without the extension, the element is an unknown extension, kept
      assert.ok(E.isRight(Item.decode(item)))
    })
    it('refuses two extensions reading the same element, naming both', () => {
      const Again = Ext.fromFields('shop:item', { count: _.optionalChild(xel('stock'), V.token) }, { name: 'Counter' })
      assert.throws(() => Ext.combine(Stock, Again), /Stock and Counter both read <\{urn:example:ext\}stock>/)
    })
    it('refuses two extensions defining the same field', () => {
      assert.throws(() => Ext.combine(Stock, Stock), /Stock and Stock both define the field "stock"/)
    })
  })

  describe('totality', () => {
    it('never throws on garbage', () => {
      for (const u of [null, undefined, 1, 'x', {}, { _tag: 'Element' }, { _tag: 'Element', name: {}, attrs: {}, children: [] }, []]) {
        assert.ok(E.isLeft(Shop.decode(u)))
      }
    })

    it('imap: encode never throws when the mapping back throws on something that is not a value', () => {
      // found by the hostile law: RPID's <other> unmaps with a destructuring that throws on null
      type Tagged = { readonly _tag: 'Note'; readonly lang?: string; readonly value: string }
      const Tagged = _.imap(
        Note,
        (a): Tagged => ({ _tag: 'Note', ...a }),
        ({ _tag, ...rest }) => rest, // eslint-disable-line @typescript-eslint/no-unused-vars
        (u): u is Tagged => typeof u === 'object' && u !== null && (u as Tagged)._tag === 'Note'
      )
      for (const u of [null, undefined]) {
        assert.strictEqual(Tagged.is(u), false)
        const out = Tagged.encode(u as never)
        assert.strictEqual(out._tag, 'Element')
        assert.strictEqual(out.name.local, 'note')
      }
      const v: Tagged = { _tag: 'Note', value: 'x', lang: 'en' }
      assert.deepStrictEqual(Tagged.decode(Tagged.encode(v)), E.right(v))
    })
  })
})

describe('lang', () => {
  it('accepts xml:lang="" (no language) and checks other values', () => {
    const N = _.element(el('note'), { lang: _.lang(V.language), value: _.text(V.string) })
    const ok = N.decode(Xml.element(el('note'), { [`{${Xml.XML_NS}}lang`]: '' }, [Xml.text('x')]))
    assert.ok(E.isRight(ok) && ok.right.lang === '')
    const bad = N.decode(Xml.element(el('note'), { [`{${Xml.XML_NS}}lang`]: 'not a tag' }, [Xml.text('x')]))
    assert.ok(E.isLeft(bad))
    assert.deepStrictEqual(report(bad.left), ['/@xml:lang: expected an xs:language, got "not a tag"'])
  })
})
