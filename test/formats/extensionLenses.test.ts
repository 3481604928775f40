/**
 * The lens laws of every extension-field lens (`Rpid.sphereOf`, `Caps.servcapsOf`, ...), through the neutral host: a
 * lens on an extension's record gets, sets and round-trips like any other optic.
 */
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import type * as L from '#monocle-ts/Lens'
import type * as Ext from '../../src/codec/Extension.js'
import * as AgpPidf from '../../src/formats/AgpPidf.js'
import * as Caps from '../../src/formats/Caps.js'
import * as Cipid from '../../src/formats/Cipid.js'
import * as Rpid from '../../src/formats/Rpid.js'
import * as AgpA from '../../laws/formats/AgpPidf.js'
import * as CapsA from '../../laws/formats/Caps.js'
import * as CipidA from '../../laws/formats/Cipid.js'
import * as RpidA from '../../laws/formats/Rpid.js'
import { assertLaw } from '../../laws/Law.js'
import { lens, laws } from '../../laws/Optic.js'
import { Host } from './extensionHost.js'

const some = <A>(a: fc.Arbitrary<A>) => fc.option(fc.array(a, { minLength: 1, maxLength: 2 }), { nil: undefined }) as fc.Arbitrary<never>
const opt = <A>(a: fc.Arbitrary<A>) => fc.option(a, { nil: undefined }) as fc.Arbitrary<never>

const check = <X>(name: string, ext: Ext.Extension<X, string>, arb: fc.Arbitrary<X>, optic: L.Lens<X, unknown>, focus: fc.Arbitrary<unknown>): void => {
  const host = Host(ext)
  const roundTrip = (x: X): unknown => {
    const r = host.decode(host.encode({ ext: x, other: [] }))
    return r._tag === 'Right' ? r.right.ext : r
  }
  describe(name, () => {
    for (const law of laws(lens(name, optic, focus), arb, roundTrip)) it(law.name, () => assertLaw(law))
  })
}

describe('extension lenses', () => {
  check('Rpid.placeIsOf', Rpid.person, RpidA.person, Rpid.placeIsOf as L.Lens<Rpid.PersonExt, unknown>, some(RpidA.PlaceIs))
  check('Rpid.sphereOf', Rpid.person, RpidA.person, Rpid.sphereOf as L.Lens<Rpid.PersonExt, unknown>, some(RpidA.Sphere))
  check('Rpid.timeOffsetOf', Rpid.person, RpidA.person, Rpid.timeOffsetOf as L.Lens<Rpid.PersonExt, unknown>, some(RpidA.TimeOffset))
  check('Rpid.statusIconOf', Rpid.tuple, RpidA.tuple, Rpid.statusIconOf as L.Lens<Rpid.TupleExt, unknown>, some(RpidA.StatusIcon))
  check('Rpid.relationshipOf', Rpid.tuple, RpidA.tuple, Rpid.relationshipOf as L.Lens<Rpid.TupleExt, unknown>, opt(RpidA.Relationship))
  check('Rpid.serviceClassOf', Rpid.tuple, RpidA.tuple, Rpid.serviceClassOf as L.Lens<Rpid.TupleExt, unknown>, opt(RpidA.ServiceClass))
  check('Cipid.homepageOf', Cipid.person, CipidA.person, Cipid.homepageOf as L.Lens<Cipid.PersonExt, unknown>, opt(fc.constant('http://example.com/~a/')))
  check('Cipid.mapOf', Cipid.person, CipidA.person, Cipid.mapOf as L.Lens<Cipid.PersonExt, unknown>, opt(fc.constant('http://example.com/map')))
  check('Cipid.soundOf', Cipid.person, CipidA.person, Cipid.soundOf as L.Lens<Cipid.PersonExt, unknown>, opt(fc.constant('http://example.com/s.wav')))
  check('Caps.servcapsOf', Caps.tuple, CapsA.tuple, Caps.servcapsOf as L.Lens<Caps.TupleExt, unknown>, opt(CapsA.Servcaps))
  check('Caps.devcapsOf', Caps.device, CapsA.device, Caps.devcapsOf as L.Lens<Caps.DeviceExt, unknown>, opt(CapsA.Devcaps))
  check('AgpPidf.extendedOf', AgpPidf.status, AgpA.status, AgpPidf.extendedOf as L.Lens<AgpPidf.StatusExt, unknown>, opt(fc.constantFrom(...AgpPidf.extendedValue.values)))
  check('AgpPidf.deviceInfoOf', AgpPidf.tuple, AgpA.tuple, AgpPidf.deviceInfoOf as L.Lens<AgpPidf.TupleExt, unknown>, opt(AgpA.DeviceInfo))
})
