import * as assert from 'node:assert'
import type * as t from 'io-ts'
import { describe, expectTypeOf, it } from 'vitest'
import * as O from '#fp-ts/Option'
import * as C from '../../src/codec/Element.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as Formats from '../../src/formats/index.js'
import * as Presence from '../../src/formats/Presence.js'
import * as IsComposing from '../../src/formats/IsComposing.js'
import type * as Xml from '../../src/xml/Ast.js'
import * as Pidf from '../../src/formats/Pidf.js'
import * as DataModel from '../../src/formats/DataModel.js'
import * as Rpid from '../../src/formats/Rpid.js'

describe('types of composed presence codecs', () => {
  it('PIDF + data model + RPID carries exactly those fields', () => {
    const codec = Pidf.presenceWith({
      presence: DataModel.presenceWith({ person: Rpid.person }),
      tuple: Ext.concat(DataModel.tuple, Rpid.tuple)
    })
    type Value = t.TypeOf<typeof codec>
    type Tuple = Value['tuples'][number]
    type Person = Value['ext']['persons'][number]
    type Device = Value['ext']['devices'][number]
    expectTypeOf<keyof Value>().toEqualTypeOf<'xmlns' | 'order' | 'otherAttrs' | 'entity' | 'tuples' | 'notes' | 'ext' | 'other'>()
    expectTypeOf<keyof Value['ext']>().toEqualTypeOf<'persons' | 'devices'>()
    expectTypeOf<keyof Tuple['ext']>().toEqualTypeOf<'deviceIDs' | keyof Rpid.TupleExt>()
    expectTypeOf<Tuple['ext']>().toEqualTypeOf<DataModel.TupleExt & Rpid.TupleExt>()
    expectTypeOf<Tuple['ext']['deviceIDs']>().toEqualTypeOf<ReadonlyArray<string>>()
    expectTypeOf<Tuple['status']['ext']>().toEqualTypeOf<{}>() // eslint-disable-line @typescript-eslint/no-empty-object-type
    expectTypeOf<Person['ext']>().toEqualTypeOf<Rpid.PersonExt>()
    expectTypeOf<Person['ext']['activities']>().toEqualTypeOf<Rpid.PersonExt['activities']>()
    expectTypeOf<Device['ext']>().toEqualTypeOf<{}>() // eslint-disable-line @typescript-eslint/no-empty-object-type
    expectTypeOf<Person['other']>().toEqualTypeOf<ReadonlyArray<Xml.Element>>()
    expectTypeOf(codec).toEqualTypeOf<
      import('../../src/codec/Element.js').XmlCodec<
        Pidf.Presence<DataModel.PresenceExt<Rpid.PersonExt, {}>, DataModel.TupleExt & Rpid.TupleExt, {}> // eslint-disable-line @typescript-eslint/no-empty-object-type
      >
    >()
    assert.deepStrictEqual(codec.names, [{ ns: Pidf.NS, local: 'presence' }])
  })

  it('plain PIDF has empty extension records and nothing else', () => {
    type Value = t.TypeOf<typeof Pidf.Presence>
    expectTypeOf<Value['ext']>().toEqualTypeOf<{}>() // eslint-disable-line @typescript-eslint/no-empty-object-type
    expectTypeOf<Value['tuples'][number]['ext']>().toEqualTypeOf<{}>() // eslint-disable-line @typescript-eslint/no-empty-object-type
    const v = Pidf.presence({ entity: 'pres:a@example.com' })
    assert.deepStrictEqual(v.ext, {})
  })

  it('an extension for one point cannot be plugged into another', () => {
    // @ts-expect-error a person extension is not a tuple extension
    Pidf.presenceWith({ tuple: Rpid.person })
    // @ts-expect-error the tuple's deviceID extension is not a presence extension
    Pidf.presenceWith({ presence: DataModel.tuple })
    // @ts-expect-error a device extension is not a person extension
    DataModel.presenceWith({ person: Rpid.device })
    // @ts-expect-error extensions of different points combine only into something no host takes
    Pidf.presenceWith({ tuple: Ext.combine(DataModel.tuple, Rpid.person) })
    assert.ok(true)
  })
})

describe('generic optics keep the document type', () => {
  const Small = Pidf.presenceWith({ presence: DataModel.presenceWith({ person: Rpid.person }), tuple: Ext.concat(DataModel.tuple, Rpid.tuple) })
  type Small = t.TypeOf<typeof Small>
  const small: Small = Pidf.presence({
    entity: 'pres:a@example.com',
    tuples: [Pidf.tuple({ id: 't1', ext: { deviceIDs: [] } })],
    ext: { persons: [DataModel.person({ id: 'p1', ext: {} })], devices: [] }
  })

  it('set returns the type it was given, with no type argument', () => {
    const edited = Pidf.basicById('t1').set('open')(small)
    expectTypeOf(edited).toEqualTypeOf<Small>()
    assert.strictEqual(edited.tuples[0].status.basic, 'open')
    const full = Presence.presence({ entity: 'pres:b@example.com', tuples: [Presence.tuple({ id: 't1' })] })
    expectTypeOf(Pidf.basicById('t1').set('closed')(full)).toEqualTypeOf<Presence.Presence>()
    expectTypeOf(Presence.basicById('t1').set('open')(full)).toEqualTypeOf<Presence.Presence>()
  })

  it("getOption gives the document's own element types", () => {
    expectTypeOf(Pidf.tupleById('t1').getOption(small)).toEqualTypeOf<O.Option<Small['tuples'][number]>>()
    expectTypeOf(DataModel.personById('p1').getOption(small)).toEqualTypeOf<O.Option<Small['ext']['persons'][number]>>()
    const t1 = Pidf.tupleById('t1').getOption(small)
    assert.ok(O.isSome(t1))
    expectTypeOf(Pidf.tupleById('t1').set(t1.value)(small)).toEqualTypeOf<Small>()
    // a tuple of another composition does not fit
    // @ts-expect-error a plain PIDF tuple lacks the data model's fields
    Pidf.tupleById('t1').set(Pidf.tuple({ id: 't1' }))(small)
  })
})

describe('sound extensions and constructors', () => {
  it('an extension can only be made from fields that decode to its type', () => {
    const el = { ns: 'urn:example:x', local: 'colour' }
    const good: Ext.Extension<{ readonly colour?: string }, 'pidf:tuple'> = Ext.fromFields('pidf:tuple', { colour: C.optionalChild(el, V.token) }, { name: 'X' })
    assert.strictEqual(good.name, 'X')
    // @ts-expect-error a hand-made extension that claims a field it does not read
    const bad: Ext.Extension<{ readonly colour: string }, 'pidf:tuple'> = { _tag: 'Extension', point: 'pidf:tuple', name: 'X', fields: {}, owns: [], defaults: { colour: '' } }
    // @ts-expect-error a field of the wrong type
    const wrong: Ext.Extension<{ readonly colour: number }, 'pidf:tuple'> = Ext.fromFields('pidf:tuple', { colour: C.child(el, V.token) }, { name: 'X' })
    assert.ok(bad !== undefined && wrong !== undefined)
  })

  it('a constructor needs the extension fields its type requires', () => {
    // @ts-expect-error the data model's tuple fields are required in a data-model tuple
    const t1: Pidf.Tuple<DataModel.TupleExt> = Pidf.tuple({ id: 't1' })
    const t2: Pidf.Tuple<DataModel.TupleExt> = Pidf.tuple({ id: 't1', ext: { deviceIDs: [] } })
    assert.ok(t1 !== undefined && t2 !== undefined)
    // the full format's constructor takes tuples of any narrower composition and completes them
    const doc = Presence.presence({ entity: 'pres:a@example.com', tuples: [Pidf.tuple({ basic: 'open' })] })
    expectTypeOf(doc).toEqualTypeOf<Presence.Presence>()
    assert.deepStrictEqual(doc.tuples[0].ext, { deviceIDs: [] })
    assert.ok(Presence.document.is(doc))
  })
})

describe('the registry is typed', () => {
  it('a known id gives its format\'s codec type', () => {
    expectTypeOf(Formats.byId('iscomposing')).toEqualTypeOf<typeof IsComposing.document>()
    expectTypeOf<Formats.ValueOf<'pidf'>>().toEqualTypeOf<Presence.Presence>()
    expectTypeOf(Formats.byId('no-such' as string)).toEqualTypeOf<Formats.AnyDocumentCodec | undefined>()
    assert.strictEqual(Formats.byId('pidf'), Presence.document)
  })
})
