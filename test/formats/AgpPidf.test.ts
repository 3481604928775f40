import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/AgpPidf.js'
import { report } from '../../src/codec/DecodeError.js'
import * as Xml from '../../src/xml/Ast.js'
import { parse } from '../../src/xml/Parser.js'
import * as Arb from '../../laws/formats/AgpPidf.js'
import { deepStrictEqual } from '../util.js'
import { Host, hostAt } from './extensionHost.js'

const PIDF = 'urn:ietf:params:xml:ns:pidf'
const Tuple = hostAt({ ns: PIDF, local: 'tuple' }, [_.NS])(_.tuple)

// a tuple as a SIP SIMPLE SDK client publishes it (status extension and device-info)
const tupleText = `<tuple xmlns="${PIDF}" xmlns:agp-pidf="${_.NS}" id="t1">
  <status><basic>open</basic><agp-pidf:extended>away</agp-pidf:extended></status>
  <agp-pidf:device-info id="urn:uuid:6e8f3c1a-7f61-4f7d-9a7b-0c1d2e3f4a5b">
    <agp-pidf:description>laptop</agp-pidf:description>
    <agp-pidf:user-agent>Blink 5.1.7 (MacOSX)</agp-pidf:user-agent>
    <agp-pidf:time-offset description="Europe/Amsterdam">60.0</agp-pidf:time-offset>
  </agp-pidf:device-info>
</tuple>`

const el = (s: string): Xml.Element => {
  const r = parse(s)
  if (r._tag === 'Left') throw new Error(JSON.stringify(r.left))
  return r.right
}

const Status = hostAt({ ns: PIDF, local: 'status' }, [_.NS])(_.status)

describe('AgpPidf', () => {
  it('decodes device-info in a tuple, keeping the decimal time offset as sent', () => {
    const r = Tuple.decode(el(tupleText))
    assert.ok(r._tag === 'Right', JSON.stringify(r))
    const expected: _.TupleExt = {
      deviceInfo: {
        id: 'urn:uuid:6e8f3c1a-7f61-4f7d-9a7b-0c1d2e3f4a5b',
        description: 'laptop',
        userAgent: 'Blink 5.1.7 (MacOSX)',
        timeOffset: { description: 'Europe/Amsterdam', value: '60.0' },
        other: []
      }
    }
    deepStrictEqual(r.right.ext, expected)
    assert.ok(r.right.ext.deviceInfo?.timeOffset !== undefined)
    deepStrictEqual(_.offsetMinutes(r.right.ext.deviceInfo.timeOffset), 60)
  })

  it('decodes the extended status in a status', () => {
    const status = Xml.elements(el(tupleText)).find((e) => e.name.local === 'status')
    const r = Status.decode(status)
    assert.ok(r._tag === 'Right')
    deepStrictEqual(r.right.ext, { extended: 'away' })
  })

  it('builds device-info', () => {
    deepStrictEqual(_.deviceInfo('d1', { userAgent: 'UA', timeOffset: -300, timeZone: 'America/New_York' }), {
      id: 'd1',
      userAgent: 'UA',
      timeOffset: { description: 'America/New_York', value: '-300' },
      other: []
    })
  })

  it('renders errors', () => {
    const decode = (s: string): ReadonlyArray<string> => {
      const r = Host(_.status).decode(el(`<host xmlns="urn:example:host" xmlns:a="${_.NS}">${s}</host>`))
      return r._tag === 'Left' ? report(r.left) : []
    }
    deepStrictEqual(decode('<a:extended>dnd</a:extended>'), [
      '/extended: expected "available" | "offline" | "away" | "extended-away" | "busy", got "dnd"'
    ])
    const t = Host(_.tuple).decode(
      el(`<host xmlns="urn:example:host" xmlns:a="${_.NS}"><a:device-info><a:time-offset>+1h</a:time-offset></a:device-info></host>`)
    )
    assert.ok(t._tag === 'Left')
    deepStrictEqual(report(t.left), [
      '/device-info: expected attribute id, got nothing',
      '/device-info/time-offset: expected a number of minutes, got "+1h"'
    ])
  })

  it('decode(encode(x)) = x through a host', () => {
    const hosts = [
      [Host(_.tuple as never), Arb.tuple],
      [Host(_.status as never), Arb.status]
    ] as const
    for (const [host, arb] of hosts) {
      fc.assert(
        fc.property(arb as fc.Arbitrary<unknown>, (x) => {
          const value = { ext: x, other: [] }
          assert.ok(host.is(value))
          const r = host.decode(host.encode(value as never))
          assert.ok(r._tag === 'Right', r._tag === 'Left' ? report(r.left).join('\n') : '')
          deepStrictEqual(r.right as unknown, value)
        })
      )
    }
  })
})
