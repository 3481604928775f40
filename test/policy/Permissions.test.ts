import * as assert from 'node:assert'
import { describe, it } from 'vitest'
import * as _ from '../../src/policy/Permissions.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as Xml from '../../src/xml/Ast.js'
import { deepStrictEqual } from '../util.js'

describe('Permissions', () => {
  it('RFC 5025 §3.3.1.1: sets combine by union (three members from two rules)', () => {
    const a = _.normalize({
      provideDevices: {
        members: [
          { _tag: 'DeviceID', deviceID: 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6' },
          { _tag: 'Class', class: 'biz' }
        ]
      }
    })
    const b = _.normalize({
      provideDevices: {
        members: [
          { _tag: 'Class', class: 'home' },
          { _tag: 'Class', class: 'biz' }
        ]
      }
    })
    deepStrictEqual(_.join(a, b).provideDevices, {
      members: [
        { _tag: 'Class', class: 'biz' },
        { _tag: 'Class', class: 'home' },
        { _tag: 'DeviceID', deviceID: 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6' }
      ]
    })
    deepStrictEqual(_.join(a, _.normalize({ provideDevices: { all: true, members: [] } })).provideDevices, {
      all: true,
      members: []
    })
  })

  it('RFC 4745 §10.2: booleans by OR, the user-input level by its maximum, unknown attributes granted by any rule', () => {
    const x = _.normalize({
      provideMood: false,
      provideUserInput: 'thresholds',
      provideUnknownAttributes: [{ name: 'foo', ns: 'urn:x', value: false }]
    })
    const y = _.normalize({
      provideMood: true,
      provideUserInput: 'bare',
      provideUnknownAttributes: [{ name: 'foo', ns: 'urn:x', value: true }]
    })
    deepStrictEqual(x, { provideUserInput: 'thresholds', provideUnknownAttributes: [] })
    deepStrictEqual(_.join(x, y), {
      provideMood: true,
      provideUserInput: 'thresholds',
      provideUnknownAttributes: [{ name: 'foo', ns: 'urn:x', value: true }]
    })
    assert.strictEqual(_.userInputRank('full'), 30)
    assert.strictEqual(_.userInputLevel(_.join(x, y)), 'thresholds')
  })

  it('RFC 5025 §3.3.2.15: provide-all-attributes grants every attribute permission (and subsumes them)', () => {
    const all = _.normalize({
      provideAllAttributes: true,
      provideMood: true,
      provideUserInput: 'bare',
      provideUnknownAttributes: [{ name: 'a', ns: 'urn:x', value: true }]
    })
    deepStrictEqual(all, { provideUnknownAttributes: [], provideAllAttributes: true })
    assert.ok(
      _.grants(all, 'provideMood') &&
        _.grantsUnknown(all, { ns: 'urn:y', local: 'z' }) &&
        _.userInputLevel(all) === 'full'
    )
    assert.ok(_.leq(_.normalize({ provideMood: true, provideUnknownAttributes: [] }), all))
    assert.ok(!_.leq(all, _.normalize({ provideMood: true, provideUnknownAttributes: [] })))
  })

  it('the top and the bottom, and equality of normal forms', () => {
    deepStrictEqual(_.lowest, { provideUnknownAttributes: [] })
    deepStrictEqual(_.everything, _.normalize(PresRules.provideAll().ext))
    assert.ok(_.leq(_.lowest, _.everything) && !_.leq(_.everything, _.lowest))
    const e = (v: string) => ({
      _tag: 'Other' as const,
      element: Xml.element({ ns: 'urn:x', local: 'x' }, {}, [Xml.text(v)])
    })
    assert.ok(
      _.equals(
        _.normalize({ providePersons: { members: [e('1'), e('1')] } }),
        _.normalize({ providePersons: { members: [e('1')] } })
      )
    )
    assert.ok(
      !_.equals(
        _.normalize({ providePersons: { members: [e('1')] } }),
        _.normalize({ providePersons: { members: [e('2')] } })
      )
    )
    deepStrictEqual(_.monoid.empty, _.lowest)
  })

  it('reads input of any shape, granting nothing it cannot read', () => {
    for (const junk of [
      undefined,
      null,
      3,
      'x',
      { provideServices: { members: [{ _tag: '__proto__' }, { _tag: 'Class', class: 3 }] }, provideMood: 'yes' }
    ])
      deepStrictEqual(_.normalize(junk as never), _.lowest)
    deepStrictEqual(_.combineAll(null as never), _.lowest)
  })
})
