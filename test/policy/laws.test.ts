/**
 * The published laws of policy (evaluation, the permission lattice, filtering), and the arbitraries they run on.
 */
import * as assert from 'node:assert'
import * as fc from 'fast-check'
import { describe, it } from 'vitest'
import { assertLaw } from '../../laws/Law.js'
import * as EvaluateA from '../../laws/policy/Evaluate.js'
import * as FilterA from '../../laws/policy/Filter.js'
import * as Evaluate from '../../src/policy/Evaluate.js'
import * as Permissions from '../../src/policy/Permissions.js'
import * as Presence from '../../src/formats/Presence.js'
import * as PresRules from '../../src/formats/PresRules.js'

describe('policy laws', () => {
  for (const [name, laws] of [
    ['evaluation', EvaluateA.evaluationLaws],
    ['permissions', EvaluateA.permissionLaws],
    ['filter', FilterA.filterLaws]
  ] as const)
    describe(name, () => {
      for (const law of laws)
        it(law.name, async () => {
          await assertLaw(law, { interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true })
        })
    })
})

describe('policy arbitraries', () => {
  it('rulesets are valid pres-rules documents; requests come from the population', () => {
    fc.assert(
      fc.property(EvaluateA.ruleset(true), EvaluateA.Request, (rs, q) => {
        assert.ok(PresRules.PresRules.is(rs))
        assert.ok(EvaluateA.TIMES.includes(q.at))
        for (const u of q.watcher._tag === 'Authenticated' ? q.watcher.uris : []) assert.ok(EvaluateA.URIS.includes(u))
      })
    )
  })
  it('the URI lists resolve their anchors; unknown anchors stay unknown', () => {
    const lists = Evaluate.listsOf(EvaluateA.LISTS)
    for (const anchor of Object.keys(EvaluateA.LISTS)) assert.ok((lists(anchor) ?? []).length > 0)
    assert.strictEqual(lists('https://xcap.example.com/nowhere'), undefined)
  })
  it('dead rules match no request they are made for', () => {
    fc.assert(
      fc.property(
        EvaluateA.Request.chain((q) => fc.tuple(fc.constant(q), EvaluateA.deadRule(q))),
        ([q, r]) => {
          const rs = PresRules.presRules([r])
          assert.ok(!Evaluate.matches(rs, r, q))
        }
      )
    )
  })
  it('permissions are in normal form', () => {
    fc.assert(fc.property(EvaluateA.Permission, (p) => assert.deepStrictEqual(Permissions.normalize(p), p)))
  })
  it('documents, reordered documents and the permissions that name their parts are valid', () => {
    fc.assert(
      fc.property(FilterA.DocumentAndPermissions, FilterA.ReorderedPresence, ([d, p], r) => {
        assert.ok(Presence.Presence.is(d) && Presence.Presence.is(r))
        assert.deepStrictEqual(Permissions.normalize(p), p)
      }),
      { numRuns: 50 }
    )
    fc.assert(
      fc.property(FilterA.ReorderedPresence.chain(FilterA.permissionsFor), (p) =>
        assert.deepStrictEqual(Permissions.normalize(p), p)
      ),
      { numRuns: 20 }
    )
  })
})
