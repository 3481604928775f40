import * as assert from 'node:assert'
import type * as t from 'io-ts'
import { describe, expectTypeOf, it } from 'vitest'
import * as Ext from '../../src/codec/Extension.js'
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
    expectTypeOf<keyof Value>().toEqualTypeOf<'otherAttrs' | 'entity' | 'tuples' | 'notes' | 'ext' | 'other'>()
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
