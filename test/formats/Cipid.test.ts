import * as assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/Cipid.js'
import { report } from '../../src/codec/DecodeError.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import * as Arb from '../../laws/formats/Cipid.js'
import { assertLaw } from '../../laws/Law.js'
import { lens, laws } from '../../laws/Optic.js'
import * as A from '../../laws/Arbitrary.js'
import { deepStrictEqual } from '../util.js'
import { Host, hostAt } from './extensionHost.js'

const corpus = fileURLToPath(new URL('../../../shared/corpus/pidf/', import.meta.url))
const DM = 'urn:ietf:params:xml:ns:pidf:data-model'
const PIDF = 'urn:ietf:params:xml:ns:pidf'
const Person = hostAt({ ns: DM, local: 'person' }, [_.NS])(_.person)
const Tuple = hostAt({ ns: PIDF, local: 'tuple' }, [_.NS])(_.tuple)

const xml = (s: string): Xml.Element => {
  const r = parse(`<host xmlns="urn:example:host" xmlns:c="${_.NS}">${s}</host>`)
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  return r.right
}

describe('Cipid', () => {
  describe('RFC 4482 §4, second example', () => {
    const r = parse(readFileSync(corpus + 'rfc4482-sec4-2.xml'))
    if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
    const presence = r.right

    it('decodes the assistant tuple and the person', () => {
      const tuples = Xml.elements(presence).filter((e) => e.name.local === 'tuple')
      const t = Tuple.decode(tuples[1])
      assert.ok(t._tag === 'Right')
      deepStrictEqual(t.right.ext, { card: 'http://example.com/~assistant/card.vcd', homepage: 'http://example.com/~assistant' })
      const plain = Tuple.decode(tuples[0])
      assert.ok(plain._tag === 'Right')
      deepStrictEqual(plain.right.ext, {})
      const p = Person.decode(Xml.elements(presence).find((e) => e.name.local === 'person'))
      assert.ok(p._tag === 'Right')
      deepStrictEqual(p.right.ext, {
        ..._.card('http://example.com/~someone/card.vcd'),
        ..._.homepage('http://example.com/~someone'),
        ..._.icon('http://example.com/~someone/icon.gif'),
        ..._.map('http://example.com/~someone/gml-map.xml'),
        ..._.sound('http://example.com/~someone/whoosh.wav')
      })
    })

    it('re-encodes the person in schema order', () => {
      const p = Person.decode(Xml.elements(presence).find((e) => e.name.local === 'person'))
      assert.ok(p._tag === 'Right')
      deepStrictEqual(
        Xml.elements(Person.encode(p.right))
          .filter((e) => e.name.ns === _.NS)
          .map((e) => e.name.local),
        ['card', 'homepage', 'icon', 'map', 'sound']
      )
    })
  })

  describe('display-name', () => {
    it('keeps its text exactly (xs:string)', () => {
      const r = Host(_.person).decode(xml('<c:display-name>  Alice  Liddell </c:display-name>'))
      assert.ok(r._tag === 'Right')
      deepStrictEqual(r.right.ext, _.displayName('  Alice  Liddell '))
    })
  })

  describe('errors', () => {
    it('a repeated element, an attribute on a text-only element, and an unknown CIPID element', () => {
      const decode = (s: string) => {
        const r = Host(_.person).decode(xml(s))
        return r._tag === 'Left' ? report(r.left) : []
      }
      deepStrictEqual(decode('<c:icon>a</c:icon><c:icon>b</c:icon>'), [
        '/icon[2]: expected at most one <{urn:ietf:params:xml:ns:pidf:cipid}icon>, got another'
      ])
      deepStrictEqual(decode('<c:card type="vcard">http://example.com/c.vcf</c:card>'), [
        '/card/@type: expected no attribute type here, got "vcard"'
      ])
      // the neutral host keeps everything else; a host that excludes the CIPID namespace rejects it
      const r = Person.decode(
        Xml.element({ ns: DM, local: 'person' }, {}, [Xml.element({ ns: _.NS, local: 'nickname' }, {}, [Xml.text('Al')])])
      )
      assert.ok(r._tag === 'Left')
      deepStrictEqual(report(r.left), ['/nickname[1]: expected no element <{urn:ietf:params:xml:ns:pidf:cipid}nickname> here, got one'])
    })
  })

  describe('laws', () => {
    it('decode(encode(x)) = x through a host', () => {
      const host = Host(_.tuple)
      fc.assert(
        fc.property(Arb.tuple, (x) => {
          const value = { ext: x, other: [] }
          assert.ok(host.is(value))
          const r = host.decode(host.encode(value))
          assert.ok(r._tag === 'Right')
          deepStrictEqual(r.right as unknown, value)
        })
      )
    })
    const roundTrip = (x: _.Cipid): unknown => {
      const host = Host(_.person)
      const r = host.decode(host.encode({ ext: x, other: [] }))
      return r._tag === 'Right' ? r.right.ext : { failed: report(r.left) }
    }
    for (const o of [
      lens('displayNameOf', _.displayNameOf, fc.option(A.xmlText(8), { nil: undefined })),
      lens('iconOf', _.iconOf, fc.option(A.anyURI, { nil: undefined })),
      lens('cardOf', _.cardOf, fc.option(A.anyURI, { nil: undefined }))
    ])
      for (const law of laws(o, Arb.person, roundTrip))
        it(law.name, async () => {
          await assertLaw(law)
        })
  })
})
