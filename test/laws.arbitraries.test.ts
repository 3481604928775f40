/**
 * The building-block arbitraries that `sip-simple-payloads/laws` exports beside each format's document arbitrary
 * generate what their codecs accept (or, for the hostile ones, what they are meant to break).
 */
import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import * as V from '../src/codec/Value.js'
import * as Presence from '../src/formats/Presence.js'
import * as MessageSummary from '../src/formats/MessageSummary.js'
import * as Watcherinfo from '../src/formats/Watcherinfo.js'
import * as MA from '../laws/formats/MessageSummary.js'
import * as PA from '../laws/formats/Pidf.js'
import * as WA from '../laws/formats/Watcherinfo.js'
import * as H from '../laws/Hostile.js'

const all = <A>(arb: fc.Arbitrary<A>, ok: (a: A) => boolean): void =>
  fc.assert(fc.property(arb, (a) => ok(a)), { numRuns: 100 })

describe('building-block arbitraries', () => {
  it('Pidf.FullPerson and FullDevice are persons and devices of the full format', () => {
    all(PA.FullPerson, (p) => Presence.Person.is(p))
    all(PA.FullDevice, (d) => Presence.Device.is(d))
  })
  it('Watcherinfo.WatcherId, Package and Version are valid attribute values', () => {
    all(WA.WatcherId, (s) => V.string.is(s) && s.length > 0)
    all(WA.Package, (s) => V.string.is(s))
    all(WA.Version, (v) => V.nonNegativeInteger.is(v))
    // and documents built from them decode back
    all(WA.Watcherinfo, (w) => Watcherinfo.document.is(w))
  })
  it('MessageSummary.Count is a count in range; hostileString and hostileNumber include values is() refuses', () => {
    all(MA.Count, (n) => Number.isInteger(n) && n >= 0 && n <= 2 ** 32 - 1)
    const strings = fc.sample(MA.hostileString, { numRuns: 300, seed: 1 })
    const numbers = fc.sample(MA.hostileNumber, { numRuns: 300, seed: 1 })
    const withAccount = (account: string) => ({ messagesWaiting: true, account, summaries: [], messages: [] })
    assert.ok(strings.some((s) => !MessageSummary.document.is(withAccount(s))), 'some hostile string is refused as an account')
    assert.ok(numbers.some((n) => !V.unsignedInt.is(n)), 'some hostile number is no count')
  })
  it('Hostile.mutate changes one place of a value, with Hostile.hostileLeaf values among others', () => {
    const v = { a: 'x', b: [1, 2], c: { d: true } }
    const leaves = fc.sample(H.hostileLeaf, { numRuns: 200, seed: 3 })
    assert.ok(leaves.some((l) => typeof l === 'string' && l.includes('<')))
    assert.ok(leaves.some((l) => typeof l === 'number' && Number.isNaN(l)))
    assert.deepStrictEqual(H.mutate(v, { at: 0, op: 'replace', leaf: 7 }), 7)
    const places = [1, 2, 3, 4, 5, 6].map((at) => H.mutate(v, { at, op: 'replace', leaf: null }))
    assert.ok(places.every((m) => JSON.stringify(m) !== JSON.stringify(v)))
    assert.deepStrictEqual(v, { a: 'x', b: [1, 2], c: { d: true } }, 'the input is not changed')
    assert.deepStrictEqual(H.mutate({ a: [1] }, { at: 1, op: 'duplicate', leaf: 0 }), { a: [1, 1] })
    assert.deepStrictEqual(H.mutate({ a: 1 }, { at: 1, op: 'remove', leaf: 0 }), {})
    assert.deepStrictEqual(H.mutate({ a: 1 }, { at: 0, op: 'extra', leaf: 0 }), { a: 1, extra: 0 })
  })
})

describe('arbitraries (sip-simple-payloads/laws)', () => {
  it('one per registered format, by format id, whose values pass the format document codec', async () => {
    const { arbitraries, registrations } = await import('../laws/index.js')
    const { registry } = await import('../src/formats/index.js')
    assert.deepStrictEqual(Object.keys(arbitraries), Object.keys(registrations))
    for (const [id, arb] of Object.entries(arbitraries)) {
      const codec = registry[id as keyof typeof registry]
      assert.ok(codec !== undefined, id)
      for (const v of fc.sample(arb as fc.Arbitrary<unknown>, { numRuns: 3, seed: 1 })) assert.ok(codec.is(v), id)
    }
  })
})

describe('runLaw', () => {
  it('held, violated, and skipped where the environment lacks what a law reads', async () => {
    const { LawSkipped, runLaw, Laws, Suites } = await import('../laws/index.js')
    const { registration } = await import('../laws/formats/IsComposing.js')
    const held = await runLaw(Laws.Law('nat', 'non-negative', fc.nat())((n) => n >= 0), { numRuns: 10 })
    assert.strictEqual(held._tag, 'Held')
    const violated = await runLaw(Laws.Law('small', 'all below 5', fc.nat())((n) => n < 5), { numRuns: 100, seed: 1 })
    assert.strictEqual(violated._tag, 'Violated')
    const corpus = Suites.suites(registration, {})
      .flatMap((s) => s.laws)
      .find((l) => l._tag === 'Check' && l.name.includes('real documents'))
    assert.ok(corpus !== undefined)
    assert.deepStrictEqual(await runLaw(corpus), { _tag: 'Skipped', reason: 'the corpus folder is not available' })
    await assert.rejects(() => Laws.assertLaw(corpus), (e: unknown) => e instanceof LawSkipped && e.message.startsWith('SKIP: '))
  })
})
